package data

import (
	"context"
	"database/sql"
	"fmt"
)

type scanner interface{ Scan(dest ...any) error }

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryAll runs a query and reads every row with scan: the one loop over rows that every list here needs.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, friendly(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, friendly(rows.Err())
}

// idBatch is how many ids one IN (…) list holds: well under SQLite's limit on bound parameters.
const idBatch = 500

// queryByIDs runs query, whose one placeholder list is written %s, over ids a batch at a time, and reads every
// row with scan: one statement per 500 clusters instead of one per cluster.
func queryByIDs[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, ids []int64) ([]T, error) {
	var out []T
	for len(ids) > 0 {
		chunk := ids[:min(idBatch, len(ids))]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := queryAll(ctx, q, scan, fmt.Sprintf(query, placeholders(len(chunk))), args...)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}
