package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// AddClusters inserts clusters as new records, all in one transaction. Imports use Merge instead, which
// matches records to the clusters already known.
func (s *Store) AddClusters(ctx context.Context, cs []Cluster) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return friendly(err)
	}
	defer conn.Close()
	if len(cs) > bulkRows && !s.pg { // a PRAGMA of SQLite's; PostgreSQL keeps its own cache
		// A large batch spills a small page cache to disk again and again; lend this connection a big one
		// while it writes, and take it back after, so that an idle window keeps little memory.
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, bulkCacheKiB)); err != nil {
			return friendly(err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cacheKiB))
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, insertClusterSQL)
	if err != nil {
		return err
	}
	defer ins.Close()
	src, err := tx.PrepareContext(ctx, upsertSourceSQL)
	if err != nil {
		return err
	}
	defer src.Close()
	now := s.now()
	var facts factBatch
	for i := range cs {
		if _, err := insertCluster(ctx, ins, src, &cs[i], now); err != nil {
			return err
		}
		if err := facts.add(ctx, tx, cs[i].ID, factsOfRecord(cs[i], now)); err != nil {
			return err
		}
	}
	if err := facts.flush(ctx, tx); err != nil {
		return err
	}
	if err := s.syncFTS(ctx, tx); err != nil {
		return err
	}
	return friendly(tx.Commit())
}

// bulkRows is the batch size from which AddClusters lends its connection bulkCacheKiB of page cache.
const (
	bulkRows     = 5000
	bulkCacheKiB = -65536 // negative: KiB, as SQLite's cache_size counts it
)

const clusterColumns = `name, acronym, country, region, city, eco_mask, sectors, focus, description,
	label, label_rank, label_year, label_valid_until, label_through, website, website_host, name_key,
	members, members_text, founded, contact, updated_at`

const insertClusterSQL = `INSERT INTO clusters (` + clusterColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

const updateClusterSQL = `UPDATE clusters SET (` + clusterColumns + `) =
	(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`

const upsertSourceSQL = `INSERT INTO cluster_sources (cluster_id, url, kind, read_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (cluster_id, url) DO UPDATE SET kind = excluded.kind, read_at = greatest(cluster_sources.read_at, excluded.read_at)`

type execer interface {
	ExecContext(ctx context.Context, args ...any) (sql.Result, error)
}

// clusterArgs lays out c's fields in the order of clusterColumns.
func clusterArgs(c *Cluster) []any {
	return []any{
		c.Name, c.Acronym, strings.ToUpper(c.Country), c.Region, c.City, EcosystemMask(c.Ecosystems),
		strings.Join(c.Sectors, listSeparator), c.Focus, c.Description,
		string(c.Label), c.Label.Rank(), nullInt(c.LabelYear), c.LabelValidUntil, ValidThrough(c.LabelValidUntil),
		c.Website, WebsiteHost(c.Website), NameKey(c.Name),
		nullInt(c.Members), c.MembersText, nullInt(c.Founded), c.Contact, formatTime(c.UpdatedAt),
	}
}

// listSeparator joins list fields in a cell, in the database and in exports.
const listSeparator = " | "

func insertCluster(ctx context.Context, ins *sql.Stmt, src execer, c *Cluster, now time.Time) (int64, error) {
	if strings.TrimSpace(c.Name) == "" {
		return 0, fmt.Errorf("a cluster needs a name")
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = now
	}
	var id int64
	if err := ins.QueryRowContext(ctx, clusterArgs(c)...).Scan(&id); err != nil {
		return 0, fmt.Errorf("cannot save cluster %q: %w", c.Name, friendly(err))
	}
	c.ID = id
	return id, addSources(ctx, src, id, c.Sources, now)
}

func addSources(ctx context.Context, src execer, id int64, sources []Source, now time.Time) error {
	for _, so := range sources {
		if so.URL == "" {
			continue
		}
		at := so.ReadAt
		if at.IsZero() {
			at = now
		}
		if _, err := src.ExecContext(ctx, id, so.URL, so.Kind, formatTime(at)); err != nil {
			return fmt.Errorf("cannot save a source of cluster %d: %w", id, friendly(err))
		}
	}
	return nil
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// WebsiteHost is the host of a website address without "www.", lower case: "https://www.gceocean.no/x" and
// "gceocean.no" both give "gceocean.no". It is "" for text that is no web address.
func WebsiteHost(website string) string {
	w := strings.TrimSpace(website)
	if w == "" {
		return ""
	}
	if !strings.Contains(w, "://") {
		w = "http://" + w
	}
	u, err := url.Parse(w)
	if err != nil || u.Hostname() == "" || !strings.Contains(u.Hostname(), ".") {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// legalForms are company-form words that differ between sources naming the same organisation.
var legalForms = map[string]bool{
	"ev": true, "e v": true, "ab": true, "as": true, "asa": true, "a s": true, "aps": true, "vzw": true,
	"asbl": true, "gmbh": true, "ggmbh": true, "ltd": true, "limited": true, "sa": true, "sl": true, "srl": true,
	"spa": true, "bv": true, "nv": true, "oy": true, "ry": true, "oü": true, "ou": true, "sp z o o": true,
	"z s": true, "zs": true, "o p s": true, "ops": true, "kft": true, "ek": true, "ekonomisk forening": true,
	"ideell forening": true, "association": false,
}

// NameKey is the key a name is looked up by when matching: its significant words (match.go) in order of
// the alphabet, so that case, accents, punctuation, legal forms, an acronym set apart, the word for cluster,
// a country word and word order do not matter.
func NameKey(name string) string { return formsOf(name, "").sorted }

// syncFTS brings the search index up to date with the clusters changed in tx (listed in fts_pending by
// triggers) and counts the change in catalogue_state. Every transaction that writes clusters calls it before
// committing: four statements, whatever the number of rows, so that FTS5 writes one segment instead of one
// per row.
func (s *Store) syncFTS(ctx context.Context, tx *sql.Tx) error {
	if s.pg {
		if err := syncSearchPG(ctx, tx); err != nil {
			return err
		}
		// Delivered to the other windows when the transaction commits, and not at all if it rolls back.
		_, err := tx.ExecContext(ctx, `SELECT pg_notify('`+changesChannel+`', ?)`, s.instance)
		return err
	}
	return syncFTSFile(ctx, tx)
}

// syncFTSFile is syncFTS for the SQLite file.
func syncFTSFile(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`DELETE FROM clusters_fts WHERE rowid IN (SELECT id FROM fts_pending)`,
		`INSERT INTO clusters_fts (rowid, name, acronym, focus, description, city)
			SELECT c.id, clusterbridge_fold(c.name), clusterbridge_fold(c.acronym), clusterbridge_fold(c.focus),
				clusterbridge_fold(c.description), clusterbridge_fold(c.city)
			FROM fts_pending p JOIN clusters c ON c.id = p.id`,
		`UPDATE catalogue_state SET version = version + 1 WHERE EXISTS (SELECT 1 FROM fts_pending)`,
		`DELETE FROM fts_pending`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("cannot update the search index: %w", friendly(err))
		}
	}
	return nil
}

// syncSearchPG is syncFTS for the team catalogue: PostgreSQL cannot call Go's Fold, so the changed clusters'
// texts come here to be folded and go back as one statement of arrays.
func syncSearchPG(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name, c.acronym, c.focus, c.description, c.city
		FROM fts_pending p JOIN clusters c ON c.id = p.id`)
	if err != nil {
		return fmt.Errorf("cannot update the search index: %w", err)
	}
	var ids []int64
	var docs []string
	for rows.Next() {
		var id int64
		var f [5]string
		if err := rows.Scan(&id, &f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
			rows.Close()
			return err
		}
		for i := range f {
			f[i] = Fold(f[i])
		}
		ids, docs = append(ids, id), append(docs, strings.Join(f[:], " "))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM cluster_search WHERE id IN (SELECT id FROM fts_pending)`, nil},
		{`INSERT INTO cluster_search (id, doc) SELECT u.id, to_tsvector('simple', u.doc)
			FROM unnest(?::bigint[], ?::text[]) AS u (id, doc)`, []any{ids, docs}},
		{`UPDATE catalogue_state SET version = version + 1 WHERE EXISTS (SELECT 1 FROM fts_pending)`, nil},
		{`DELETE FROM fts_pending`, nil},
	} {
		if q.args != nil && len(ids) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
			return fmt.Errorf("cannot update the search index: %w", err)
		}
	}
	return nil
}
