// Package replicate streams the knowledge base's SQLite file to storage
// with Litestream (github.com/benbjohnson/litestream), so that API nodes
// can follow it and an operator can restore it as of any moment.
//
// The writer embeds Litestream as a library (Primary): it is the one process
// that changes the file, and it needs Litestream's SyncAndWait in process to
// acknowledge a change only once it is in storage. A replica does not embed
// it: its copy is kept by `litestream restore -f` running beside it as its
// own process, because a follower in the reader's process does not exclude
// the reader while it rewrites pages (file locks belong to the process) and
// readers then see half-applied changes. The replica reads that copy with
// short-lived connections (db.OpenFollower) and checks how far behind it is
// (db.DB.Heartbeat).
//
// Storage is a directory (file:///path, or a plain path) or a NATS
// JetStream object store (nats://host:4222[,host2:4222…]/bucket), whose
// servers must run with `jetstream { sync_interval: always }` to keep
// acknowledged writes through a crash.
package replicate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	litenats "github.com/benbjohnson/litestream/nats"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NewClient returns the storage client of a replica URL: file:///dir (or a
// plain directory path) or nats://host:port[,host:port…]/bucket.
func NewClient(target string) (litestream.ReplicaClient, error) {
	if target == "" {
		return nil, errors.New("no replica URL: give -replica-url file:///dir or nats://host:4222/bucket")
	}
	if !strings.Contains(target, "://") {
		abs, err := filepath.Abs(target)
		if err != nil {
			return nil, fmt.Errorf("replica directory %q: %w", target, err)
		}
		return file.NewReplicaClient(abs), nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("replica URL %q: %w", target, err)
	}
	switch u.Scheme {
	case "file":
		return file.NewReplicaClient(u.Path), nil
	case "nats":
		bucket := strings.Trim(u.Path, "/")
		if bucket == "" || strings.Contains(bucket, "/") {
			return nil, fmt.Errorf("replica URL %q: name one bucket, nats://host:4222/bucket", target)
		}
		c := litenats.NewReplicaClient()
		c.URL, c.BucketName = natsServers(u), bucket
		c.Timeout = 5 * time.Second
		return c, nil
	}
	return nil, fmt.Errorf("replica URL %q: want file:// or nats://", target)
}

// natsServers is the server list of a nats:// URL, each with the scheme, as
// nats.Connect takes it.
func natsServers(u *url.URL) string {
	hosts := strings.Split(u.Host, ",")
	for i, h := range hosts {
		hosts[i] = "nats://" + h
	}
	return strings.Join(hosts, ",")
}

// EnsureBucket creates the object store a nats:// replica URL names, with
// three replicas when the cluster has three servers or more, if it does not
// exist yet: Litestream only opens it. A file:// URL needs nothing.
func EnsureBucket(ctx context.Context, target string) error {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "nats" {
		return nil
	}
	nc, err := nats.Connect(natsServers(u), nats.Timeout(5*time.Second))
	if err != nil {
		return fmt.Errorf("connect to %s: %w", u.Host, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	bucket := strings.Trim(u.Path, "/")
	if _, err := js.ObjectStore(ctx, bucket); err == nil {
		return nil
	}
	replicas := min(3, len(strings.Split(u.Host, ",")))
	// The meta leader may still be being elected on a cluster that just
	// started: try again for a while.
	var lastErr error
	for attempt := 0; attempt < 30; attempt++ {
		_, lastErr = js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{Bucket: bucket, Replicas: replicas, Storage: jetstream.FileStorage})
		if lastErr == nil || errors.Is(lastErr, jetstream.ErrBucketExists) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return fmt.Errorf("create bucket %q: %w", bucket, lastErr)
}

// Primary streams one database file's changes to storage, from the process
// that writes it.
type Primary struct {
	db     *litestream.DB
	store  *litestream.Store
	logger *slog.Logger
}

// SyncTimeout bounds each attempt of Sync; SyncAttempts is how many it
// makes.
const (
	SyncTimeout  = 2 * time.Second
	SyncAttempts = 3
)

// StartPrimary starts streaming dbPath's changes to target. Close it
// after the process's own connections to the file are closed: closing
// Litestream's file releases every lock the process holds on it.
func StartPrimary(ctx context.Context, dbPath, target string, logger *slog.Logger) (*Primary, error) {
	client, err := NewClient(target)
	if err != nil {
		return nil, err
	}
	if err := EnsureBucket(ctx, target); err != nil {
		return nil, err
	}
	db := litestream.NewDB(dbPath)
	db.MonitorInterval = 100 * time.Millisecond
	r := litestream.NewReplicaWithClient(db, client)
	r.SyncInterval = 100 * time.Millisecond
	if fc, ok := client.(*file.ReplicaClient); ok {
		fc.Replica = r
	}
	db.Replica = r
	store := litestream.NewStore([]*litestream.DB{db}, litestream.CompactionLevels{
		{Level: 0},
		{Level: 1, Interval: 10 * time.Second},
		{Level: 2, Interval: 5 * time.Minute},
	})
	store.ShutdownSyncTimeout = 5 * time.Second
	// NATS may still be starting: Open fails until it answers.
	var openErr error
	for attempt := 0; attempt < 10; attempt++ {
		if openErr = store.Open(ctx); openErr == nil {
			break
		}
		logger.Warn("replication: storage not ready", "replica", target, "err", openErr)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	if openErr != nil {
		return nil, fmt.Errorf("start replication to %s: %w", target, openErr)
	}
	return &Primary{db: db, store: store, logger: logger}, nil
}

// ErrNotReplicated is what Sync returns when storage did not acknowledge
// in time: the change is committed locally, and Litestream uploads it when
// storage answers again.
var ErrNotReplicated = errors.New("committed on the writer, but not yet in storage")

// Sync returns once every change committed so far is in storage, trying
// SyncAttempts times for SyncTimeout each; then ErrNotReplicated.
func (p *Primary) Sync(ctx context.Context) error {
	var err error
	for attempt := 1; attempt <= SyncAttempts; attempt++ {
		actx, cancel := context.WithTimeout(ctx, SyncTimeout)
		err = p.db.SyncAndWait(actx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			break
		}
		p.logger.Warn("replication: storage did not acknowledge", "attempt", attempt, "err", err)
	}
	return fmt.Errorf("%w: %v", ErrNotReplicated, err)
}

// Close stops streaming, giving storage a bounded time to take what is
// left.
func (p *Primary) Close(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return p.store.Close(ctx)
}

// Restore writes the database as it was at moment at (the latest state when
// at is zero) from target into out, which must not exist.
func Restore(ctx context.Context, target, out string, at time.Time) error {
	client, err := NewClient(target)
	if err != nil {
		return err
	}
	if err := client.Init(ctx); err != nil {
		return fmt.Errorf("open %s: %w", target, err)
	}
	r := litestream.NewReplicaWithClient(nil, client)
	opt := litestream.NewRestoreOptions()
	opt.OutputPath, opt.Timestamp = out, at
	opt.IntegrityCheck = litestream.IntegrityCheckQuick
	if err := r.Restore(ctx, opt); err != nil {
		if errors.Is(err, litestream.ErrTxNotAvailable) {
			return fmt.Errorf("nothing in %s to restore as of %s: %w", target, at.Format(time.RFC3339), err)
		}
		return fmt.Errorf("restore from %s: %w", target, err)
	}
	return nil
}

// FollowerPosition is the transaction a follower's copy at path has
// reached, as `litestream restore -f` records it beside the copy; 0 before
// its first restore.
func FollowerPosition(path string) (uint64, error) {
	txid, err := litestream.ReadTXIDFile(path)
	return uint64(txid), err
}
