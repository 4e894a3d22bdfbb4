package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog (v2.7) opens a writer on the chosen file, which truncates it, before it calls back; it
// has no way to hand over the chosen address alone. An export that then fails would leave the user's file
// empty. So the window registers lazyFileRepository for file: addresses: Fyne's own repository, except that a
// writer touches its file only when first written to. The export takes the address from the writer, closes it
// unwritten, and writes the file itself with writeFileAtomically. The dialog looks and behaves as before,
// overwrite confirmation included.

// useLazyFileWriters wraps the file: repository the driver registered, once.
func useLazyFileWriters() {
	repo, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := repo.(*lazyFileRepository); done {
		return
	}
	repository.Register("file", &lazyFileRepository{repo})
}

// lazyFileRepository passes everything to the repository it wraps, but gives out lazy writers.
type lazyFileRepository struct {
	repository.Repository
}

var (
	_ repository.WritableRepository     = (*lazyFileRepository)(nil)
	_ repository.AppendableRepository   = (*lazyFileRepository)(nil)
	_ repository.ListableRepository     = (*lazyFileRepository)(nil)
	_ repository.HierarchicalRepository = (*lazyFileRepository)(nil)
	_ repository.DeleteAllRepository    = (*lazyFileRepository)(nil)
	_ repository.CopyableRepository     = (*lazyFileRepository)(nil)
	_ repository.MovableRepository      = (*lazyFileRepository)(nil)
)

// Writer opens the file when the first byte is written; closed unwritten, the file stays as it was.
func (r *lazyFileRepository) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	w, ok := r.Repository.(repository.WritableRepository)
	if !ok {
		return nil, repository.ErrOperationNotSupported
	}
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return w.Writer(u) }}, nil
}

func (r *lazyFileRepository) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) Delete(u fyne.URI) error {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if a, ok := r.Repository.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) CreateListable(u fyne.URI) error {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *lazyFileRepository) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (r *lazyFileRepository) Child(u fyne.URI, component string) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Child(u, component)
	}
	return repository.GenericChild(u, component)
}

func (r *lazyFileRepository) DeleteAll(u fyne.URI) error {
	if d, ok := r.Repository.(repository.DeleteAllRepository); ok {
		return d.DeleteAll(u)
	}
	return repository.GenericDeleteAll(u)
}

func (r *lazyFileRepository) Copy(source, destination fyne.URI) error {
	if c, ok := r.Repository.(repository.CopyableRepository); ok {
		return c.Copy(source, destination)
	}
	return repository.GenericCopy(source, destination)
}

func (r *lazyFileRepository) Move(source, destination fyne.URI) error {
	if m, ok := r.Repository.(repository.MovableRepository); ok {
		return m.Move(source, destination)
	}
	return repository.GenericMove(source, destination)
}

// lazyWriter opens its file on the first Write.
type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
	err  error
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil && l.err == nil {
		if w, err := l.open(); err != nil {
			l.err = err
		} else {
			l.w = w
		}
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil // never written: the file was not opened, so nothing to close and nothing changed
	}
	return l.w.Close()
}

// writeFileAtomically writes to a temporary file beside path and renames it into place, so that a failed
// export never leaves half a file where a good one was.
func writeFileAtomically(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil { // the data on disk before the name points at it
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
