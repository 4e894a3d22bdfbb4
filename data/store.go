package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the catalogue in one SQLite file. It is safe for use from several goroutines.
type Store struct {
	db   *sql.DB
	path string
	// now tells the time; tests set it to make dates repeatable.
	now func() time.Time
	// filters answers searches from memory; see filterindex.go.
	filters filterIndexHolder
	// prepared holds statements that imports run for every record, prepared once (stmt).
	prepared sync.Map // query -> *sql.Stmt
	// damage is what a check found wrong with the file; while set, every write is refused (begin).
	damage atomic.Pointer[Health]
	// fresh says the catalogue was created by this opening: there is nothing of the user's to back up.
	fresh bool
	// readOnly says the file was opened read-only: no backup, no run closed.
	readOnly bool
	// opened is what the opening checks found and did (Verify).
	opened Opening
	// beats keep the import runs this process began alive (runs.go).
	beats heartbeats
	// writeTurn lets one write transaction of this process run at a time, in the order they asked (see
	// takeTurn).
	writeTurn chan struct{}
	// pg says the catalogue is a team catalogue on PostgreSQL rather than a SQLite file (postgres.go).
	pg bool
	// author is who this store's changes are signed by (WithAuthor; on a team catalogue, the role by default).
	author string
	// dsn is a team catalogue's address, password included, for the connection that listens for changes;
	// instance tells this store's own notifications from others' (changes.go).
	dsn, instance string
	// copyOf says the file is a read-only copy of a team catalogue (teamcopy.go): every write is refused.
	copyOf *CopyMark
	// closeOnce closes the store once (Close).
	closeOnce sync.Once
	closeErr  error
}

// Author is the name this store signs notes with.
func (s *Store) Author() string { return s.author }

// takeTurn waits for this process's turn to write and returns the function that ends it. SQLite lets one
// writer in at a time and makes the others poll with growing sleeps, so a user's note asked for during an
// import of a large spreadsheet would mostly find the next batch already writing and wait for seconds. Waiting
// here instead, in order, the note goes in right after the batch being written.
func (s *Store) takeTurn(ctx context.Context) (func(), error) {
	select {
	case s.writeTurn <- struct{}{}:
		return func() { <-s.writeTurn }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stmt returns query prepared once for the store and bound to tx, which closes it when it ends.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	st, ok := s.prepared.Load(query)
	if !ok {
		p, err := s.db.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		var loaded bool
		if st, loaded = s.prepared.LoadOrStore(query, p); loaded {
			p.Close()
		}
	}
	return tx.StmtContext(ctx, st.(*sql.Stmt)), nil
}

// Option changes how Open prepares a catalogue.
type Option func(*openOptions)

type openOptions struct {
	seed func(context.Context) ([]Cluster, error)
	// busyTimeout is how long a write waits for another program's lock before giving up.
	busyTimeout time.Duration
	// dsnExtra is appended to the connection string; tests use it to open a catalogue read-only.
	dsnExtra string
	// now is the store's clock from the start, for the day's backup and the runs' liveness.
	now func() time.Time
	// deferCheck leaves the check, backup and closing of interrupted runs to the caller's Verify.
	deferCheck bool
	// author signs the store's notes (WithAuthor).
	author string
}

// WithAuthor signs the notes this store writes with name, the advisor's display name. Without it a team
// catalogue signs with the advisor's database role, and a file leaves notes unsigned.
func WithAuthor(name string) Option {
	return func(o *openOptions) { o.author = strings.TrimSpace(name) }
}

// WithClock makes the store tell time by now from its opening on (SetClock sets it later); tests use it.
func WithClock(now func() time.Time) Option { return func(o *openOptions) { o.now = now } }

// DeferCheck leaves the opening checks to a later call of Verify, so that a window can show its first frame
// before SQLite has read the whole file.
func DeferCheck() Option { return func(o *openOptions) { o.deferCheck = true } }

// WithSeed fills a new catalogue with the records seed returns (the app passes scraper.Sample, the embedded
// sample); it is not called for a catalogue that exists. Without it a new catalogue starts empty. data reads
// no source format, so the records come ready-made.
func WithSeed(seed func(context.Context) ([]Cluster, error)) Option {
	return func(o *openOptions) { o.seed = seed }
}

// cacheKiB is each connection's page cache (negative: KiB). The filter index answers searches from memory, so
// a small cache serves; bulk writes lend themselves a larger one (AddClusters).
const cacheKiB = -8192

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the catalogue at path, creating it (and its folder) when missing. A new catalogue is migrated to
// the current schema and filled from WithSeed, if given. A file that is not a SQLite database, a SQLite
// database of another program, or a catalogue written by a newer ClusterBridge is refused and left untouched.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := openOptions{busyTimeout: 5 * time.Second, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if IsTeamAddress(path) {
		return openPostgres(ctx, path, o)
	}
	if err := checkFile(ctx, path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create the folder for catalogue %s: %w", path, err)
		}
	}
	dsn := fileDSN(path) +
		fmt.Sprintf("?_pragma=foreign_keys(1)&_pragma=busy_timeout(%d)", o.busyTimeout.Milliseconds()) +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" + fmt.Sprintf("&_pragma=cache_size(%d)", cacheKiB) + "&_pragma=temp_store(memory)&_txlock=immediate" + o.dsnExtra
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open catalogue %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: o.now, readOnly: strings.Contains(o.dsnExtra, "mode=ro"),
		writeTurn: make(chan struct{}, 1), author: o.author}
	var health Health
	if !o.deferCheck {
		// Before migrating: a damaged file is not written to.
		if health, err = s.Check(ctx, false); err != nil {
			db.Close()
			return nil, fmt.Errorf("cannot check catalogue %s: %w", path, err)
		}
	}
	if !health.Whole() {
		return s.openDamaged(ctx)
	}
	fresh, err := s.migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.fresh = fresh
	if fresh && o.seed != nil {
		if err := s.loadSeed(ctx, o.seed); err != nil {
			db.Close()
			return nil, err
		}
	}
	if s.copyOf, err = readCopyMark(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if !o.deferCheck {
		s.opened = s.afterCheck(ctx, health)
	}
	return s, nil
}

// openDamaged keeps a damaged catalogue open read-only, for the user to read and to restore a backup, as long
// as it needs no migration (which would write).
func (s *Store) openDamaged(ctx context.Context) (*Store, error) {
	var current int
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current)
	ms, merr := migrations()
	if err == nil && merr == nil && current == ms[len(ms)-1].version {
		s.opened = Opening{Health: *s.damage.Load()}
		return s, nil
	}
	s.db.Close()
	return nil, &dbError{ErrCorrupt, fmt.Sprintf("catalogue %s is damaged; %s or choose another file with --db", s.path, RestoreAdvice), ErrCorrupt}
}

// Opening is what the checks at opening found and did.
type Opening struct {
	Health      Health // the quick check's finding
	Backup      string // the backup made, if one was due
	BackupErr   error  // why no backup could be made; the catalogue is usable all the same
	Interrupted int    // import runs closed as interrupted
}

// Opened is what the checks at opening found and did; all zero until they ran (see DeferCheck).
func (s *Store) Opened() Opening { return s.opened }

// Verify runs the opening checks that DeferCheck left: SQLite's quick_check; then, when the file is whole, it
// closes the import runs that were interrupted and makes the day's backup if due. A damaged catalogue is
// read-only from then on; that is a finding, not an error.
func (s *Store) Verify(ctx context.Context) (Opening, error) {
	h, err := s.Check(ctx, false)
	if err != nil {
		return Opening{}, fmt.Errorf("cannot check catalogue %s: %w", s.path, err)
	}
	op := s.afterCheck(ctx, h)
	s.opened = op
	return op, nil
}

// afterCheck is what a whole catalogue gets at its opening: its interrupted runs closed and the day's backup
// (not for a catalogue this opening created, nor a read-only one, nor a team catalogue: see TeamBackupAdvice).
// Neither stops the opening: a catalogue another program is writing to gets them at a later opening, and a
// backup that cannot be made is reported.
func (s *Store) afterCheck(ctx context.Context, h Health) Opening {
	op := Opening{Health: h}
	if !h.Whole() || s.readOnly || s.copyOf != nil {
		return op // a copy is made again from the team catalogue, never written to
	}
	op.Interrupted, _ = s.closeInterrupted(ctx)
	if !s.fresh && !s.pg {
		op.Backup, op.BackupErr = s.backupIfDue(ctx)
	}
	return op
}

// openReadOnly opens a SQLite file that must not change, a backup: no lock, no journal, no write.
func openReadOnly(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", fileDSN(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	return db, nil
}

// fileDSN is path as a SQLite URI, so that SQLite's own parameters (mode, immutable) apply.
func fileDSN(path string) string { return "file:" + (&url.URL{Path: path}).EscapedPath() }

// checkFile refuses an existing file that is not a catalogue before the driver opens it for writing: opening
// read-write already writes (the WAL journal mode goes into the header), and migrating would add our tables
// to another program's database.
func checkFile(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read catalogue %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file: SQLite makes a database of it
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("%s is %w (not a SQLite database); choose another file with --db", path, ErrNotCatalogue)
	}
	names, err := schemaNames(ctx, path, "mode=ro&immutable=1")
	if (err != nil || !isCatalogue(names)) && exists(path+"-wal") && exists(path+"-shm") {
		// Immutable reads skip the WAL and every lock, so while another program checkpoints they may see a
		// half-copied schema. With a WAL and its index already there, a reader that takes locks and reads
		// the WAL creates nothing new: ask again that way.
		if again, err2 := schemaNames(ctx, path, "mode=ro"); err2 == nil {
			names, err = again, nil
		}
	}
	if err != nil {
		return fmt.Errorf("cannot open catalogue %s: %w", path, friendly(err))
	}
	if !isCatalogue(names) {
		shown := names
		if len(shown) > 3 {
			shown = append(shown[:3:3], "…")
		}
		return fmt.Errorf("%s is %w (it holds another program's tables: %s); choose another file with --db",
			path, ErrNotCatalogue, strings.Join(shown, ", "))
	}
	return nil
}

// schemaNames lists the tables and views of the SQLite database at path, opened with the given SQLite URI
// parameters (read-only ones: this must not write a byte).
func schemaNames(ctx context.Context, path, params string) ([]string, error) {
	db, err := sql.Open("sqlite", fileDSN(path)+"?"+params)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master
		WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// isCatalogue says whether a database holding these tables is (or may become) a catalogue: an empty one, one
// whose first open stopped after creating schema_migrations, or one with our schema.
func isCatalogue(names []string) bool {
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	switch {
	case len(names) == 0:
		return true
	case len(names) == 1 && has["schema_migrations"]:
		return true
	}
	return has["schema_migrations"] && has["clusters"]
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Path is the catalogue's file.
func (s *Store) Path() string { return s.path }

// Close closes the catalogue; closing it again does nothing (a window that moved to another catalogue has
// closed the one its program opened).
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.beats.stopAll()
		s.prepared.Range(func(_, st any) bool {
			st.(*sql.Stmt).Close()
			return true
		})
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

// SetClock makes the store tell time by now; tests use it for repeatable dates.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Today is the day label statuses are derived for.
func (s *Store) Today() time.Time { return s.now() }

// ErrNewerCatalogue is returned by Open for a catalogue written by a newer ClusterBridge.
var ErrNewerCatalogue = errors.New("catalogue written by a newer ClusterBridge")

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) { return readMigrations(migrationFiles, "migrations") }

// migrationsOf are the store's own migrations: the file's or the team catalogue's.
func (s *Store) migrationsOf() ([]migration, error) {
	if s.pg {
		return readMigrations(pgMigrationFiles, "migrations_pg")
	}
	return migrations()
}

func readMigrations(files embed.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s has no number", e.Name())
		}
		b, err := files.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies the migrations this catalogue lacks, each with its record in one transaction. It reports
// whether the catalogue was new.
func (s *Store) migrate(ctx context.Context) (fresh bool, err error) {
	ms, err := s.migrationsOf()
	if err != nil {
		return false, err
	}
	// Asked before created: on a team catalogue an advisor's role may not create tables, even ones that exist.
	var has int
	hasQuery := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	if s.pg {
		hasQuery = `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`
	}
	if err := s.db.QueryRowContext(ctx, hasQuery).Scan(&has); err != nil {
		return false, fmt.Errorf("cannot open catalogue %s: %w", s.path, friendly(err))
	}
	if has == 0 {
		if _, err := s.db.ExecContext(ctx, `CREATE TABLE schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return false, fmt.Errorf("cannot open catalogue %s: %w", s.path, friendly(err))
		}
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return false, fmt.Errorf("cannot read catalogue %s: %w", s.path, friendly(err))
	}
	latest := ms[len(ms)-1].version
	if current > latest {
		return false, fmt.Errorf("%s: %w (schema %d, this version knows %d); update ClusterBridge or choose another file with --db",
			s.path, ErrNewerCatalogue, current, latest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return false, err
		}
	}
	return current == 0, nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("cannot migrate catalogue %s: %w", s.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s failed on %s: %w", m.name, s.path, err)
	}
	if step := migrationSteps[m.version]; step != nil && !s.pg {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("migration %s failed on %s: %w", m.name, s.path, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, s.now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// migrationSteps are the parts of a migration that SQL cannot do, run in its transaction after its SQL.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	2: rekeyNames, // NameKey learnt the identity rules of match.go
}

// rekeyNames recomputes every cluster's name key.
func rekeyNames(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id        int64
		name, key string
	}
	rows, err := queryAll(ctx, tx, func(sc scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.name, &r.key)
		return r, err
	}, `SELECT id, name, name_key FROM clusters`)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if key := NameKey(r.name); key != r.key {
			if _, err := tx.ExecContext(ctx, `UPDATE clusters SET name_key = ? WHERE id = ?`, key, r.id); err != nil {
				return err
			}
		}
	}
	return syncFTSFile(ctx, tx)
}

// DefaultPath is where the catalogue lives unless --db or CLUSTERBRIDGE_DB says otherwise.
func DefaultPath() (string, error) {
	if p := os.Getenv("CLUSTERBRIDGE_DB"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a place for the catalogue (%v); choose a file with --db", err)
	}
	return filepath.Join(dir, "clusterbridge", "catalogue.db"), nil
}

const timeFormat = time.RFC3339

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// formatOptionalTime is formatTime with ” for the zero time: a column where ” means "never".
func formatOptionalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}
