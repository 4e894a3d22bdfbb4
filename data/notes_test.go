package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Editing keeps a note's place and the day it was written and records when it changed; emptying a note is
// refused (it would lose it); deleting removes only that note; a missing note is ErrNotFound either way.
func TestEditAndDeleteNote(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		ctx := context.Background()
		c, err := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.AddNote(ctx, c.ID, "Met at the Brussels cluster days")
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.AddNote(ctx, c.ID, "Call back in May")
		if err != nil {
			t.Fatal(err)
		}
		later := fixedDay.Add(26 * time.Hour)
		s.SetClock(func() time.Time { return later })

		edited, err := s.EditNote(ctx, first.ID, "  Met Anna at the Brussels cluster days  ")
		if err != nil {
			t.Fatal(err)
		}
		if edited.Text != "Met Anna at the Brussels cluster days" || !edited.At.Equal(fixedDay) || !edited.EditedAt.Equal(later) {
			t.Errorf("EditNote returned %+v, want the trimmed text, written %v, edited %v", edited, fixedDay, later)
		}
		if _, err := s.EditNote(ctx, first.ID, " \n "); !errors.Is(err, ErrEmptyNote) {
			t.Errorf("editing to empty gave %v, want ErrEmptyNote", err)
		}
		if _, err := s.EditNote(ctx, 9999, "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("editing note 9999 gave %v, want ErrNotFound", err)
		}
		notes, err := s.Notes(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 2 || notes[0].ID != first.ID || notes[0].Text != "Met Anna at the Brussels cluster days" ||
			!notes[0].At.Equal(fixedDay) || !notes[0].EditedAt.Equal(later) ||
			notes[1].ID != second.ID || !notes[1].EditedAt.IsZero() {
			t.Fatalf("after the edit the notes are %+v", notes)
		}

		gone, err := s.DeleteNote(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gone.Text != "Met Anna at the Brussels cluster days" || !gone.At.Equal(fixedDay) {
			t.Errorf("DeleteNote returned %+v, want the note as it was", gone)
		}
		if _, err := s.DeleteNote(ctx, first.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleting a deleted note gave %v, want ErrNotFound", err)
		}
		notes, err = s.Notes(ctx, c.ID)
		if err != nil || len(notes) != 1 || notes[0].ID != second.ID || notes[0].Text != "Call back in May" {
			t.Fatalf("after deleting the first note: %+v %v", notes, err)
		}
	})
}
