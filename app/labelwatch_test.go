package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

func TestLabelWatchListsAnExpiredShortlistedLabel(t *testing.T) {
	a := test.NewTempApp(t)
	registerTranslations()
	store := openTestStore(t)
	ctx := context.Background()
	all, err := store.AllClusters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The sample on testDay: an expired label, and a cluster without a label.
	var expired, fine data.Cluster
	for _, c := range all {
		switch c.LabelStatus(testDay) {
		case data.StatusExpired:
			if expired.ID == 0 {
				expired = c
			}
		case data.StatusNone:
			if fine.ID == 0 {
				fine = c
			}
		}
	}
	if expired.ID == 0 || fine.ID == 0 {
		t.Fatal("the sample lacks an expired label or an unlabelled cluster")
	}
	l, err := store.CreateShortlist(ctx, "Watch", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []data.Cluster{fine, expired} {
		if _, err := store.AddToShortlist(ctx, l.ID, c.ID, data.EntryCandidate, ""); err != nil {
			t.Fatal(err)
		}
	}

	var opened int64
	v := newLabelWatchView(store, func(id int64) { opened = id })
	q := &uiQueue{}
	v.jobs.do = q.do
	w := a.NewWindow("watch")
	t.Cleanup(w.Close)
	w.SetContent(v.content())
	w.Resize(defaultSize)
	v.refresh()
	waitJobs(t, q, "the label watch", func() bool { return v.jobs.idle() })

	if len(v.watch) != 1 || v.watch[0].ID != expired.ID {
		t.Fatalf("the watch lists %+v, want only %s", v.watch, expired.Name)
	}
	if v.list.Length() != 1 || v.empty.Visible() {
		t.Error("the list does not show the expired label")
	}
	if got := watchDateText(v.watch[0]); got == "" || v.watch[0].Days >= 0 {
		t.Errorf("date text %q, days %d", got, v.watch[0].Days)
	}
	if u, text := watchSource(v.watch[0]); u == nil && text == "" {
		t.Error("no source to check")
	}
	v.list.Select(0)
	if opened != expired.ID {
		t.Errorf("clicking the row opened %d", opened)
	}
	soon := data.Cluster{Label: data.LabelSilver, LabelValidUntil: testDay.AddDate(0, 0, 45).Format(time.DateOnly)}
	later := data.Cluster{Label: data.LabelSilver, LabelValidUntil: testDay.AddDate(0, 0, 200).Format(time.DateOnly)}
	if !labelWatchBadge(expired, testDay) || !labelWatchBadge(soon, testDay) || labelWatchBadge(fine, testDay) || labelWatchBadge(later, testDay) {
		t.Error("labelWatchBadge marks the wrong clusters")
	}
	if labelWatchBadge(data.Cluster{Label: data.LabelGold}, testDay) || labelWatchBadge(data.Cluster{Label: data.LabelGold, LabelYear: 2024}, testDay) {
		t.Error("a label without a date, or whose year's estimate (2024: end of 2026) has not passed, needs no badge")
	}
	if !labelWatchBadge(data.Cluster{Label: data.LabelGold, LabelYear: 2020}, testDay) {
		t.Error("a label of 2020 without a date (estimated to the end of 2022) is not marked on 1 Jun 2025")
	}
}

func TestWatchDateTextSaysWhenALabelRunsOut(t *testing.T) {
	registerTranslations()
	through := time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		w    suggest.Watch
		want string
	}{
		{suggest.Watch{Label: data.LabelSilver, ValidUntil: "2025-08-31", Through: through, Days: 91}, "Silver, expires 31 Aug 2025 (in 91 days)"},
		{suggest.Watch{Label: data.LabelGold, ValidUntil: "2025-08-31", Through: through, Days: 0}, "Gold, expires today"},
		{suggest.Watch{Label: data.LabelBronze, ValidUntil: "2025-08-31", Through: through, Days: -3}, "Bronze, expired 31 Aug 2025"},
		// A month stays a month: the source said "August 2025", not the 31st.
		{suggest.Watch{Label: data.LabelBronze, ValidUntil: "2025-08", Through: through, Days: -3}, "Bronze, expired Aug 2025"},
		{suggest.Watch{Label: data.LabelGold, Year: 2021, Through: time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC),
			Status: data.StatusProbablyExpired, Days: -500}, "Gold 2021, probably expired (estimated to 31 Dec 2023)"},
	} {
		if got := watchDateText(tc.w); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
