package data

// TEMPORARY stand-in for the pipeline API (pipeline-data implements it); replaced at the merge.

import (
	"context"
	"errors"
	"time"
)

type ContactPerson struct {
	ID                       int64
	Name, Role, Email, Phone string
}

type NextStep struct {
	Text string
	Due  string
}

type RemovedEntry struct{ Entry Entry }

type LogEntry struct {
	ID, ShortlistID int64
	At, EditedAt    time.Time
	Text            string
}

var errStandIn = errors.New("not implemented yet")

func (s *Store) SaveContactPerson(ctx context.Context, shortlistID, clusterID int64, p ContactPerson) (ContactPerson, error) {
	return p, errStandIn
}
func (s *Store) RemoveContactPerson(ctx context.Context, personID int64) (ContactPerson, error) {
	return ContactPerson{}, errStandIn
}
func (s *Store) SetEntryStatus(ctx context.Context, shortlistID, clusterID int64, status EntryStatus) error {
	return errStandIn
}
func (s *Store) SetNextStep(ctx context.Context, shortlistID, clusterID int64, n NextStep) error {
	return errStandIn
}
func (s *Store) FollowUpsDue(ctx context.Context, day time.Time, within int) ([]Entry, error) {
	return nil, nil
}
func (s *Store) RestoreEntry(ctx context.Context, r RemovedEntry) error { return errStandIn }
func (s *Store) AddLogEntry(ctx context.Context, shortlistID int64, text string) (LogEntry, error) {
	return LogEntry{}, errStandIn
}
func (s *Store) EditLogEntry(ctx context.Context, id int64, text string) (LogEntry, error) {
	return LogEntry{}, errStandIn
}
func (s *Store) DeleteLogEntry(ctx context.Context, id int64) (LogEntry, error) {
	return LogEntry{}, errStandIn
}
func (s *Store) ShortlistLog(ctx context.Context, shortlistID int64) ([]LogEntry, error) {
	return nil, nil
}
func (s *Store) ShortlistEmails(ctx context.Context, shortlistID int64) ([]string, error) {
	return nil, nil
}
