package data

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// What can go wrong with the catalogue file itself. Errors from the store wrap these, so that callers tell
// them apart with errors.Is whatever the message says (a shortlist called "readonly partners" is no read-only
// file); the message a user reads is the advice that comes with them.
var (
	ErrLocked       = errors.New("the catalogue is locked by another program")
	ErrReadOnly     = errors.New("the catalogue is read-only")
	ErrCorrupt      = errors.New("the catalogue file is damaged")
	ErrDiskFull     = errors.New("the disk is full")
	ErrNotCatalogue = errors.New("not a ClusterBridge catalogue")
)

// dbError is a driver error classified by its result code: it reads as advice, and unwraps both to its kind
// (for errors.Is) and to the driver's error (for errors.As and debugging).
type dbError struct {
	kind   error
	advice string
	cause  error
}

func (e *dbError) Error() string   { return e.advice }
func (e *dbError) Unwrap() []error { return []error{e.kind, e.cause} }

// sqliteCode is the driver's extended result code carried by err, or 0 when err is none of the driver's.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUniqueViolation says whether err is a UNIQUE or PRIMARY KEY constraint refusing a duplicate, in either store.
func isUniqueViolation(err error) bool {
	code := sqliteCode(err)
	return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY ||
		pgCode(err) == "23505" // unique_violation
}

// isForeignKeyViolation says whether err is a FOREIGN KEY constraint refusing a row whose parent is missing.
func isForeignKeyViolation(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY || pgCode(err) == "23503" // foreign_key_violation
}

// pgCode is PostgreSQL's SQLSTATE carried by err, or "" when err is none of the server's.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// friendly classifies a driver error about the file by its result code (the low byte of an extended code is
// the primary one) and turns it into advice. Any other error, the store's own included, is returned as it is.
func friendly(err error) error {
	if err == nil {
		return nil
	}
	var done *dbError
	if errors.As(err, &done) {
		return err
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &dbError{ErrLocked, "the catalogue is locked by another program; close it and try again", err}
	case sqlite3.SQLITE_READONLY:
		return &dbError{ErrReadOnly, "the catalogue is read-only; check the file's permissions or choose another file with --db", err}
	case sqlite3.SQLITE_CORRUPT:
		return &dbError{ErrCorrupt, "the catalogue file is damaged; " + RestoreAdvice + " or choose another file with --db", err}
	case sqlite3.SQLITE_NOTADB:
		return &dbError{ErrNotCatalogue, "the file is not a SQLite database; choose another file with --db", err}
	case sqlite3.SQLITE_FULL:
		return &dbError{ErrDiskFull, "the disk is full; free some space and try again", err}
	}
	return err
}
