package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/jackc/pgx/v5"
)

// changesChannel is the PostgreSQL channel every write transaction of a team catalogue notifies on commit;
// its payload is the writing store's instance, so that a window is not told of its own changes.
const changesChannel = "clusterbridge_changes"

func newInstance() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Changes tells, on the returned channel, that someone else changed the team catalogue: a colleague's window
// or command, within a second or so of their commit, so that a window can show it without the user asking.
// Several changes close together may come as one. The channel closes when ctx ends. A catalogue file, which one
// person uses, never tells.
func (s *Store) Changes(ctx context.Context) <-chan struct{} {
	out := make(chan struct{}, 1)
	if !s.pg {
		go func() { <-ctx.Done(); close(out) }()
		return out
	}
	go func() {
		defer close(out)
		for ctx.Err() == nil {
			s.listen(ctx, out)
			select { // the server went away: try again shortly
			case <-ctx.Done():
			case <-time.After(2 * time.Second):
			}
		}
	}()
	return out
}

// listen waits for notifications on one connection until it fails or ctx ends.
func (s *Store) listen(ctx context.Context, out chan<- struct{}) {
	conn, err := pgx.Connect(ctx, s.dsn)
	if err != nil {
		return
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return
		}
		if n.Payload == s.instance {
			continue
		}
		select {
		case out <- struct{}{}:
		default: // one is waiting already: it says the same
		}
	}
}
