package data

import (
	"context"
	"crypto/x509"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// The team catalogue's own migrations, numbered on their own: its first holds what the file's first nine made.
//
//go:embed migrations_pg/*.sql
var pgMigrationFiles embed.FS

// What can go wrong reaching a team catalogue, besides the file's kinds (ErrNotCatalogue, ErrNewerCatalogue).
var (
	ErrUnreachable  = errors.New("the team catalogue's server cannot be reached")
	ErrLogin        = errors.New("the server refused the user name or password")
	ErrNoPermission = errors.New("no permission on the team catalogue")
	// ErrCertificate is a server that did not prove, with sslmode=verify-full, that it is the host addressed.
	ErrCertificate = errors.New("the server's certificate was not accepted")
	// ErrServerKept is asked of a team catalogue what its server and administrator do: backups and restores.
	ErrServerKept = errors.New("the team catalogue's server keeps it")
)

// TeamBackupAdvice says who keeps a team catalogue safe, where a file's user would restore a backup.
const TeamBackupAdvice = "a team catalogue lives on its server, and its administrator backs it up and brings back an earlier state (pg_dump and pg_restore); ask them, or work on a copy with 'clusterbridge team copy'"

// serverKeptError is what a backup or a restore asked of the team catalogue at place gets.
func serverKeptError(place string) error {
	return &dbError{ErrServerKept, place + ": " + TeamBackupAdvice, ErrServerKept}
}

// Team says whether the catalogue is a team catalogue on PostgreSQL rather than a file.
func (s *Store) Team() bool { return s.pg }

// checkTeam is Check on a team catalogue: the server keeps its pages whole (SQLite's integrity checks have no
// counterpart a role may run), so the check is that the catalogue answers.
func (s *Store) checkTeam(ctx context.Context, full bool) (Health, error) {
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return Health{}, pgFriendly(err, s.path)
	}
	return Health{Full: full}, nil
}

// IsTeamAddress says whether a --db value names a PostgreSQL team catalogue rather than a file.
func IsTeamAddress(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// PlaceName is a catalogue's address as it may be shown: a file's path, or a server's address without its
// password.
func PlaceName(s string) string {
	if !IsTeamAddress(s) {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "the team catalogue"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.Redacted()
}

// openPostgres opens the team catalogue at dsn, creating its tables in an empty database. A database that
// holds another program's tables, or a catalogue of a newer ClusterBridge, is refused and left untouched.
func openPostgres(ctx context.Context, dsn string, o openOptions) (*Store, error) {
	where := PlaceName(dsn)
	db, err := sql.Open(pgDriverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", where, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, pgFriendly(err, where)
	}
	s := &Store{db: db, path: where, now: o.now, pg: true, writeTurn: make(chan struct{}, 1), author: o.author,
		dsn: dsn, instance: newInstance()}
	if s.author == "" {
		if err := db.QueryRowContext(ctx, `SELECT current_user`).Scan(&s.author); err != nil {
			db.Close()
			return nil, pgFriendly(err, where)
		}
	}
	if err := s.checkOwnership(ctx); err != nil {
		db.Close()
		return nil, err
	}
	fresh, err := s.migrate(ctx)
	if err != nil {
		db.Close()
		return nil, pgFriendly(err, where)
	}
	s.fresh = fresh
	if fresh && o.seed != nil {
		if err := s.loadSeed(ctx, o.seed); err != nil {
			db.Close()
			return nil, err
		}
	}
	if !o.deferCheck {
		// Import runs a colleague's program left unfinished (no heartbeat for a while) are closed, as in a file.
		s.opened = s.afterCheck(ctx, Health{})
	}
	return s, nil
}

// checkOwnership refuses a database whose schema holds tables that are not a ClusterBridge catalogue's.
func (s *Store) checkOwnership(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		return pgFriendly(err, s.path)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(names) > 0 && !isCatalogue(names) {
		return &dbError{ErrNotCatalogue, fmt.Sprintf("%s holds tables of another program, not a ClusterBridge catalogue; it was left untouched: use an empty database", s.path), ErrNotCatalogue}
	}
	return nil
}

// certificateProblem says what was wrong with the server's certificate, when that is why a connection failed:
// signed by an authority the client does not trust, or for another host.
func certificateProblem(err error) (string, bool) {
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &host):
		return "its certificate is for another host name", true
	case errors.As(err, &unknown):
		return "its certificate is signed by an authority this computer does not trust", true
	case errors.As(err, &invalid):
		return "its certificate is not valid: " + invalid.Error(), true
	}
	return "", false
}

// pgFriendly turns what the server or the network said into one line a user can act on, told apart by the
// server's SQLSTATE codes and the network's error types, never by the wording.
func pgFriendly(err error, where string) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return &dbError{ErrLogin, fmt.Sprintf("%s refused the user name or password; check them (a .pgpass file or the keyring holds the password)", where), err}
		case "42501": // insufficient_privilege
			return &dbError{ErrNoPermission, fmt.Sprintf("your database role may not do this on %s; ask the catalogue's administrator for the grants in the README", where), err}
		case "3D000": // invalid_catalog_name
			return &dbError{ErrUnreachable, fmt.Sprintf("%s has no such database; check its name in the address", where), err}
		}
		return err
	}
	if reason, ok := certificateProblem(err); ok {
		return &dbError{ErrCertificate, fmt.Sprintf("%s did not prove it is the server in the address (%s); check the host name, and give your organisation's CA certificate as sslrootcert=… in the address", where, reason), err}
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) {
		if errors.As(err, &pe) {
			return pgFriendly(pe, where)
		}
		return &dbError{ErrUnreachable, fmt.Sprintf("cannot reach %s; check the address and your network, or work on a copy (team copy)", where), err}
	}
	return err
}
