package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"modernc.org/sqlite"
)

// KeepBackups is how many daily backups are kept beside the catalogue: a week of use.
const KeepBackups = 7

// dayLayout names a daily backup: <catalogue>.backups/2026-11-23.db.
const dayLayout = "2006-01-02"

var dailyName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.db$`)

// BackupDir is the folder beside the catalogue at path that holds its backups and the files a restore set aside.
func BackupDir(path string) string { return path + ".backups" }

// Backup is one daily backup of the catalogue.
type Backup struct {
	Path string
	Day  time.Time // the day it was made, in local time
	Size int64
}

// Backups lists the daily backups of the catalogue at path, newest first; none when there are none.
func Backups(path string) ([]Backup, error) {
	if IsTeamAddress(path) {
		return nil, serverKeptError(PlaceName(path))
	}
	dir := BackupDir(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list the backups in %s: %w", dir, err)
	}
	var out []Backup
	for _, e := range entries {
		if !dailyName.MatchString(e.Name()) {
			continue
		}
		day, err := time.ParseInLocation(dayLayout, e.Name()[:len(dayLayout)], time.Local)
		info, ierr := e.Info()
		if err != nil || ierr != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(dir, e.Name()), Day: day, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day.After(out[j].Day) })
	return out, nil
}

// backupIfDue copies the catalogue into today's backup unless there is one, and keeps the newest KeepBackups.
// It returns the backup made, or "" when today's existed. VACUUM INTO makes a consistent copy while others
// read and write; it goes to a temporary name first, so that a copy cut short never passes for a backup.
func (s *Store) backupIfDue(ctx context.Context) (string, error) {
	dir := BackupDir(s.path)
	target := filepath.Join(dir, s.now().Local().Format(dayLayout)+".db")
	if exists(target) {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot back up the catalogue: %w", err)
	}
	part := target + ".part"
	os.Remove(part) // left by a copy cut short
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, part); err != nil {
		os.Remove(part)
		return "", fmt.Errorf("cannot back up the catalogue to %s: %w", target, friendly(err))
	}
	if err := os.Rename(part, target); err != nil {
		return "", fmt.Errorf("cannot back up the catalogue: %w", err)
	}
	return target, pruneBackups(s.path)
}

// pruneBackups removes all but the newest KeepBackups daily backups. Files a restore set aside stay.
func pruneBackups(path string) error {
	all, err := Backups(path)
	if err != nil || len(all) <= KeepBackups {
		return err
	}
	for _, b := range all[KeepBackups:] {
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("cannot remove the old backup %s: %w", b.Path, err)
		}
	}
	return nil
}

// CheckBackup runs the full integrity check on a backup without writing to it, and refuses a file that is
// not a catalogue or one from a newer ClusterBridge.
func CheckBackup(ctx context.Context, backup string) (Health, error) {
	if err := checkFile(ctx, backup); err != nil {
		return Health{}, err
	}
	if !exists(backup) {
		return Health{}, fmt.Errorf("there is no backup %s; list them with 'clusterbridge restore --list'", backup)
	}
	db, err := openReadOnly(backup)
	if err != nil {
		return Health{}, err
	}
	defer db.Close()
	h, err := checkDB(ctx, db, true)
	if err != nil || !h.Whole() {
		return h, err
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return h, fmt.Errorf("cannot read the backup %s: %w", backup, friendly(err))
	}
	if ms, err := migrations(); err != nil || version > ms[len(ms)-1].version {
		return h, fmt.Errorf("%s: %w; update ClusterBridge to restore it", backup, ErrNewerCatalogue)
	}
	return h, nil
}

// Restore brings the catalogue back to the backup at backup. The backup must pass the full integrity check;
// the catalogue as it is now is first copied aside into BackupDir (the copy's path is returned) and never
// deleted. The copy-back runs through SQLite's backup API on the open catalogue, so that other windows on the
// same file wait for it and then see the restored catalogue.
func (s *Store) Restore(ctx context.Context, backup string) (setAside string, err error) {
	if s.pg {
		return "", serverKeptError(s.path)
	}
	if h, err := CheckBackup(ctx, backup); err != nil {
		return "", err
	} else if !h.Whole() {
		return "", fmt.Errorf("the backup %s is damaged too (%s); choose another", backup, h.Summary())
	}
	if setAside, err = s.setAside(ctx); err != nil {
		return "", err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return setAside, friendly(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver cannot restore")
		}
		b, err := r.NewRestore(fileDSN(backup) + "?mode=ro")
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		return b.Finish()
	})
	if err != nil {
		return setAside, fmt.Errorf("cannot restore %s from %s: %w (the catalogue as it was is in %s)",
			s.path, backup, friendly(err), setAside)
	}
	s.damage.Store(nil)
	s.filters.mu.Lock()
	s.filters.idx = nil
	s.filters.mu.Unlock()
	if _, err := s.migrate(ctx); err != nil { // a backup from an older ClusterBridge
		return setAside, err
	}
	return setAside, nil
}

// setAside copies the catalogue file and its write-ahead log into BackupDir while holding the write lock, so
// that the pair is consistent. It reads bytes, not pages: a damaged catalogue is kept exactly as it was.
func (s *Store) setAside(ctx context.Context) (string, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot set the catalogue aside before restoring: %w", err)
	}
	target := filepath.Join(dir, "replaced-"+s.now().Local().Format("2006-01-02-150405")+".db")
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return "", friendly(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return "", fmt.Errorf("cannot set the catalogue aside before restoring: %w", friendly(err))
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	if err := copyFile(s.path, target); err != nil {
		return "", fmt.Errorf("cannot set the catalogue aside before restoring: %w", err)
	}
	if exists(s.path + "-wal") {
		if err := copyFile(s.path+"-wal", target+"-wal"); err != nil {
			return "", fmt.Errorf("cannot set the catalogue aside before restoring: %w", err)
		}
	}
	return target, nil
}

// RestoreFile brings back a backup for a catalogue too damaged to open: the file (and its journal files) is
// moved aside into BackupDir, never deleted, and a copy of the backup takes its place. Use it only when Open
// fails: a program that has the catalogue open would go on writing into the file set aside.
func RestoreFile(ctx context.Context, path, backup string) (setAside string, err error) {
	if h, err := CheckBackup(ctx, backup); err != nil {
		return "", err
	} else if !h.Whole() {
		return "", fmt.Errorf("the backup %s is damaged too (%s); choose another", backup, h.Summary())
	}
	dir := BackupDir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot restore %s: %w", path, err)
	}
	part := path + ".restoring"
	if err := copyFile(backup, part); err != nil {
		return "", fmt.Errorf("cannot restore %s: %w", path, err)
	}
	if exists(path) {
		setAside = filepath.Join(dir, "replaced-"+time.Now().Format("2006-01-02-150405")+".db")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if !exists(path + suffix) {
				continue
			}
			if err := os.Rename(path+suffix, setAside+suffix); err != nil {
				os.Remove(part)
				return "", fmt.Errorf("cannot set %s aside: %w", path, err)
			}
		}
	}
	if err := os.Rename(part, path); err != nil {
		return setAside, fmt.Errorf("cannot restore %s (the catalogue as it was is in %s): %w", path, setAside, err)
	}
	return setAside, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(to)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
