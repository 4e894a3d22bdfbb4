package data

import (
	"context"
	"testing"
)

// A deleted note comes back as it was (cluster, written, edited, text, id), and its unsaved edit does not
// linger as a draft of a note that is gone.
func TestRestoreNoteUndoesDelete(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		ctx := context.Background()
		c, err := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		if err != nil {
			t.Fatal(err)
		}
		n, _ := s.AddNote(ctx, c.ID, "Met at the Brussels cluster days")
		n, _ = s.EditNote(ctx, n.ID, "Met Anna at the Brussels cluster days")
		if err := s.SaveDraft(ctx, Draft{ClusterID: c.ID, NoteID: n.ID, Text: "Met Anna and Piet"}); err != nil {
			t.Fatal(err)
		}
		gone, err := s.DeleteNote(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gone.ClusterID != c.ID {
			t.Errorf("DeleteNote returned cluster %d, want %d", gone.ClusterID, c.ID)
		}
		if drafts, _ := s.Drafts(ctx); len(drafts) != 0 {
			t.Errorf("the deleted note's edit is still a draft: %+v", drafts)
		}
		back, err := s.RestoreNote(ctx, gone)
		if err != nil {
			t.Fatal(err)
		}
		notes, _ := s.Notes(ctx, c.ID)
		if len(notes) != 1 || notes[0] != back || back.ID != n.ID || !back.At.Equal(n.At) || !back.EditedAt.Equal(n.EditedAt) ||
			back.Text != n.Text {
			t.Fatalf("restored %+v, notes %+v; want %+v", back, notes, n)
		}
		// The id was taken meanwhile: the note comes back under a new one, and the other note is untouched.
		gone, _ = s.DeleteNote(ctx, n.ID)
		other, _ := s.AddNote(ctx, c.ID, "Another note")
		gone.ID = other.ID
		back, err = s.RestoreNote(ctx, gone)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]string{}
		notes, _ = s.Notes(ctx, c.ID)
		for _, nt := range notes {
			byID[nt.ID] = nt.Text
		}
		if len(notes) != 2 || back.ID == other.ID || byID[back.ID] != n.Text || byID[other.ID] != "Another note" {
			t.Fatalf("after restoring onto a taken id: %+v", notes)
		}
	})
}

// Drafts outlive the store being closed, replace each other per note, and go when emptied.
func TestDraftsSurviveReopening(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		path := s.Path()
		c, _ := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		n, _ := s.AddNote(ctx, c.ID, "Call back in May")
		for _, d := range []Draft{
			{ClusterID: c.ID, Text: "Ask about"},
			{ClusterID: c.ID, Text: "Ask about the pilot plant"},
			{ClusterID: c.ID, NoteID: n.ID, Text: "Call back in June"},
		} {
			if err := s.SaveDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveDraft(ctx, Draft{ClusterID: 99999, Text: "x"}); err == nil {
			t.Error("a draft for a cluster that does not exist was kept")
		}
		s.Close()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		drafts, err := s.Drafts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]string{}
		for _, d := range drafts {
			if d.ClusterID != c.ID {
				t.Errorf("draft for cluster %d", d.ClusterID)
			}
			got[d.NoteID] = d.Text
		}
		if len(got) != 2 || got[0] != "Ask about the pilot plant" || got[n.ID] != "Call back in June" {
			t.Fatalf("after reopening the drafts are %+v", drafts)
		}
		if err := s.SaveDraft(ctx, Draft{ClusterID: c.ID, Text: "  "}); err != nil {
			t.Fatal(err)
		}
		if drafts, _ := s.Drafts(ctx); len(drafts) != 1 || drafts[0].NoteID != n.ID {
			t.Errorf("an emptied draft is still kept: %+v", drafts)
		}
	})
}

// Merging two clusters keeps both unsaved new notes (in one draft of the cluster that stays) and the edit
// drafts of their notes.
func TestMergeKeepsBothDrafts(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		if err := s.AddClusters(ctx, []Cluster{
			{Name: "Bio Valley", Country: "NL", City: "Wageningen"},
			{Name: "BioValley B.V.", Country: "NL", Website: "https://biovalley.nl"},
		}); err != nil {
			t.Fatal(err)
		}
		a, _ := s.FindCluster(ctx, "Bio Valley")
		b, _ := s.FindCluster(ctx, "BioValley B.V.")
		nb, _ := s.AddNote(ctx, b.ID, "note on b")
		for _, d := range []Draft{
			{ClusterID: a.ID, Text: "draft on a"},
			{ClusterID: b.ID, Text: "draft on b"},
			{ClusterID: b.ID, NoteID: nb.ID, Text: "note on b, edited"},
		} {
			if err := s.SaveDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.FindDuplicates(ctx); err != nil || n != 1 {
			t.Fatalf("found %d pairs, %v", n, err)
		}
		reviews, _ := s.Reviews(ctx)
		if err := s.Decide(ctx, reviews[0].ID, a.ID); err != nil {
			t.Fatal(err)
		}
		drafts, _ := s.Drafts(ctx)
		got := map[int64]string{}
		for _, d := range drafts {
			if d.ClusterID != a.ID {
				t.Errorf("a draft stayed with the merged cluster: %+v", d)
			}
			got[d.NoteID] = d.Text
		}
		if len(drafts) != 2 || got[0] != "draft on a\n\ndraft on b" || got[nb.ID] != "note on b, edited" {
			t.Fatalf("after the merge the drafts are %+v", drafts)
		}
	})
}
