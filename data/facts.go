package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Field names in cluster_facts: each names one fact of a cluster whose source the catalogue remembers.
const (
	FieldName        = "name"
	FieldAcronym     = "acronym"
	FieldCountry     = "country"
	FieldRegion      = "region"
	FieldCity        = "city"
	FieldFocus       = "focus"
	FieldDescription = "description"
	FieldContact     = "contact"
	FieldWebsite     = "website"
	FieldMembers     = "members"
	FieldFounded     = "founded"
	FieldLabel       = "label" // level, year and valid-until date together: one source states them as one
	// FieldOrigin is the record a cluster was first made from: the source of every value that has no fact
	// of its own. A new cluster stores this one fact, not one per field, so bulk writes stay fast; a field
	// gets its own fact when another source changes it.
	FieldOrigin = "*"
)

// factsOfRecord credits the record's first source with every value of a new cluster, its label included.
func factsOfRecord(r Cluster, now time.Time) map[string]Source {
	return map[string]Source{FieldOrigin: recordSource(r, now)}
}

// changedFacts are the facts of after that differ from before.
func changedFacts(before, after map[string]Source) map[string]Source {
	out := map[string]Source{}
	for f, so := range after {
		if b, ok := before[f]; !ok || b.URL != so.URL || b.Kind != so.Kind || !b.ReadAt.Equal(so.ReadAt) {
			out[f] = so
		}
	}
	return out
}

const upsertFactSQL = `INSERT INTO cluster_facts (cluster_id, field, url, kind, read_at) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (cluster_id, field) DO UPDATE SET url = excluded.url, kind = excluded.kind, read_at = excluded.read_at`

// saveFacts records where a cluster's values came from, through a statement prepared from upsertFactSQL.
func saveFacts(ctx context.Context, stmt execer, id int64, facts map[string]Source) error {
	for field, so := range facts {
		if _, err := stmt.ExecContext(ctx, id, field, so.URL, so.Kind, formatTime(so.ReadAt)); err != nil {
			return fmt.Errorf("cannot record where cluster %d's %s came from: %w", id, field, friendly(err))
		}
	}
	return nil
}

// factsOf reads where each of a cluster's values came from.
func factsOf(ctx context.Context, q querier, id int64) (map[string]Source, error) {
	all, err := factsOfMany(ctx, q, []int64{id})
	return all[id], err
}

// factsOfMany reads the facts' sources of many clusters at once.
func factsOfMany(ctx context.Context, q querier, ids []int64) (map[int64]map[string]Source, error) {
	type row struct {
		id    int64
		field string
		so    Source
	}
	rows, err := queryByIDs(ctx, q, func(sc scanner) (row, error) {
		var r row
		var at string
		err := sc.Scan(&r.id, &r.field, &r.so.URL, &r.so.Kind, &at)
		r.so.ReadAt = parseTime(at)
		return r, err
	}, `SELECT cluster_id, field, url, kind, read_at FROM cluster_facts WHERE cluster_id IN (%s)`, ids)
	if err != nil {
		return nil, friendly(err)
	}
	out := map[int64]map[string]Source{}
	for _, r := range rows {
		if out[r.id] == nil {
			out[r.id] = map[string]Source{}
		}
		out[r.id][r.field] = r.so
	}
	return out, nil
}

// factBatch writes the facts of many new clusters a few hundred rows per statement: one statement per fact
// made bulk writes a quarter slower.
type factBatch struct {
	args []any
}

const factBatchRows = 500

func (b *factBatch) add(ctx context.Context, tx *sql.Tx, id int64, facts map[string]Source) error {
	for field, so := range facts {
		b.args = append(b.args, id, field, so.URL, so.Kind, formatTime(so.ReadAt))
	}
	if len(b.args) >= 5*factBatchRows {
		return b.flush(ctx, tx)
	}
	return nil
}

// factUpsert makes a fact recorded again replace the one there.
const factUpsert = ` ON CONFLICT (cluster_id, field) DO UPDATE SET url = excluded.url, kind = excluded.kind,
	read_at = excluded.read_at`

// keepLast leaves one row per cluster and field, the last added: one statement may not set a row twice.
func (b *factBatch) keepLast() {
	type key struct {
		id    any
		field any
	}
	last := map[key]int{}
	for i := 0; i < len(b.args); i += 5 {
		last[key{b.args[i], b.args[i+1]}] = i
	}
	if len(last) == len(b.args)/5 {
		return
	}
	kept := b.args[:0:0]
	for i := 0; i < len(b.args); i += 5 {
		if last[key{b.args[i], b.args[i+1]}] == i {
			kept = append(kept, b.args[i:i+5]...)
		}
	}
	b.args = kept
}

func (b *factBatch) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.args) == 0 {
		return nil
	}
	b.keepLast()
	rows := strings.Repeat("(?, ?, ?, ?, ?), ", len(b.args)/5)
	_, err := tx.ExecContext(ctx, `INSERT INTO cluster_facts (cluster_id, field, url, kind, read_at) VALUES `+
		strings.TrimSuffix(rows, ", ")+factUpsert, b.args...)
	b.args = b.args[:0]
	if err != nil {
		return fmt.Errorf("cannot record where the clusters' values came from: %w", friendly(err))
	}
	return nil
}
