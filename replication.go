package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/ops"
	"skillgraph/replicate"
)

// Roles of a node (-role). A single node is today's server: it owns its
// database file, and nothing replicates. A writer owns it too, and streams
// every committed change to storage (-replica-url), acknowledging an edit
// only once storage holds it. A replica serves reads from the copy a
// Litestream follower beside it keeps up to date (-db names that copy) and
// refuses mutations, naming the writer (-writer-url).
const (
	roleSingle  = "single"
	roleWriter  = "writer"
	roleReplica = "replica"
)

// Replication's timings.
const (
	heartbeatEvery   = time.Second            // how often a writer records that it is up
	replicaReload    = 200 * time.Millisecond // how often a replica checks its copy for a new version
	copyWaitInterval = 100 * time.Millisecond // how often a replica looks for its copy before the follower's first restore
)

// validateRole checks the role and the settings it needs.
func (c *Config) validateRole() error {
	switch c.Role {
	case roleSingle:
	case roleWriter:
		if c.ReplicaURL == "" {
			return errors.New("-role writer needs -replica-url (file:///dir or nats://host:4222/bucket): where to stream the changes")
		}
	case roleReplica:
		if c.WriterURL == "" {
			return errors.New("-role replica needs -writer-url: the writer's address, which refused mutations name")
		}
		if c.MaxLag <= 0 {
			return fmt.Errorf("-max-lag must be positive, got %s", c.MaxLag)
		}
	default:
		return fmt.Errorf("unknown -role %q: want single, writer or replica", c.Role)
	}
	return nil
}

// openStore opens the database the role serves: its own file, created and
// migrated as needed, or a replica's copy, waited for until the follower
// has restored it.
func (m *Main) openStore(ctx context.Context) (*db.DB, error) {
	if m.Config.Role != roleReplica {
		return db.Open(ctx, m.Config.DB)
	}
	logged := false
	for {
		store, err := db.OpenFollower(ctx, m.Config.DB)
		if !errors.Is(err, db.ErrNoCopy) {
			return store, err
		}
		if !logged {
			m.Logger.Info("waiting for the follower's copy of the database", "db", m.Config.DB)
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(copyWaitInterval):
		}
	}
}

// startWriter streams the database to storage, makes every edit wait for
// storage before it is acknowledged, and records a heartbeat every second
// until loops ends, from which replicas tell their lag.
func (m *Main) startWriter(ctx, loops context.Context) error {
	primary, err := replicate.StartPrimary(ctx, m.Config.DB, m.Config.ReplicaURL, m.Logger)
	if err != nil {
		return err
	}
	m.primary = primary
	m.service.Durable = m.sync
	// What the database holds already (the first seed, say) must be in
	// storage before a follower can restore it.
	if err := m.sync(ctx); err != nil {
		m.Logger.Warn("storage does not acknowledge yet; changes replicate when it does", "err", err)
	}
	m.watching.Go(func() {
		tick := time.NewTicker(heartbeatEvery)
		defer tick.Stop()
		for {
			select {
			case <-loops.Done():
				return
			case now := <-tick.C:
				if err := m.store.WriteHeartbeat(loops, now); err != nil && loops.Err() == nil {
					m.Logger.Warn("heartbeat", "err", err)
				}
			}
		}
	})
	return nil
}

// sync waits for storage to hold every change committed so far, and
// measures how long that takes.
func (m *Main) sync(ctx context.Context) error {
	start := time.Now()
	err := m.primary.Sync(ctx)
	m.replication.syncSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		m.replication.syncFailures.Inc()
	}
	return err
}

// replicationState is what the metrics and /readyz say about replication.
type replicationState struct {
	lagMillis    atomic.Int64 // a replica's lag when it last checked; -1 before its first heartbeat
	syncSeconds  prometheus.Histogram
	syncFailures prometheus.Counter
}

func newReplicationState() *replicationState {
	s := &replicationState{
		syncSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "skillgraph_replication_sync_seconds",
			Help: "Time a writer waits for storage to acknowledge a change.", Buckets: prometheus.ExponentialBuckets(0.001, 2, 14)}),
		syncFailures: prometheus.NewCounter(prometheus.CounterOpts{Name: "skillgraph_replication_sync_failures_total",
			Help: "Changes storage did not acknowledge in time (committed on the writer, replicated later)."}),
	}
	s.lagMillis.Store(-1)
	return s
}

// registerReplicationMetrics adds the role's metrics: the version served
// on every node; a writer's sync times; a replica's lag and its
// follower's position.
func (m *Main) registerReplicationMetrics(metrics *ops.Metrics) error {
	collectors := []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skillgraph_knowledge_base_version",
			Help: "The change set the served knowledge base reflects."},
			func() float64 { _, v := m.live.Current(); return float64(v) }),
	}
	switch m.Config.Role {
	case roleWriter:
		collectors = append(collectors, m.replication.syncSeconds, m.replication.syncFailures)
	case roleReplica:
		collectors = append(collectors,
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skillgraph_replication_lag_seconds",
				Help: "How far behind the writer the served copy is: the age of the writer's last heartbeat in it (-1 before the first)."},
				func() float64 {
					if ms := m.replication.lagMillis.Load(); ms >= 0 {
						return float64(ms) / 1000
					}
					return -1
				}),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skillgraph_replication_position",
				Help: "The transaction the follower's copy has reached (its -txid file)."},
				func() float64 {
					txid, _ := replicate.FollowerPosition(m.Config.DB)
					return float64(txid)
				}))
	}
	for _, c := range collectors {
		if err := metrics.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// checkLag measures a replica's lag from the heartbeat in its copy.
func (m *Main) checkLag(ctx context.Context) {
	at, err := m.store.LastHeartbeat(ctx)
	switch {
	case err != nil:
		m.Logger.Warn("read the heartbeat", "err", err)
	case at.IsZero():
		m.replication.lagMillis.Store(-1)
	default:
		m.replication.lagMillis.Store(max(0, time.Since(at).Milliseconds()))
	}
}

// lagCheck is a replica's readiness check: not ready while its copy is more
// than -max-lag behind the writer, or has no heartbeat yet.
func (m *Main) lagCheck() ops.Check {
	return ops.Check{Name: "replication", Run: func(ctx context.Context) (string, error) {
		m.checkLag(ctx)
		ms := m.replication.lagMillis.Load()
		lag := time.Duration(ms) * time.Millisecond
		switch {
		case ms < 0:
			return "no heartbeat from the writer in the copy yet", errors.New("not replicated yet")
		case lag > m.Config.MaxLag:
			return fmt.Sprintf("%s behind the writer, more than -max-lag %s", lag.Round(time.Millisecond), m.Config.MaxLag),
				errors.New("replica too far behind")
		}
		return fmt.Sprintf("%s behind the writer", lag.Round(time.Millisecond)), nil
	}}
}

// opsRoutes are served on -ops-addr: the metrics, pprof, and on a writer
// the endpoint a `seed apply` calls to wait until its change is in
// storage.
func (m *Main) opsRoutes(metrics *ops.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("GET /healthz", ops.Healthz())
	if m.primary != nil {
		mux.HandleFunc("POST /replication/sync", func(w http.ResponseWriter, r *http.Request) {
			if err := m.sync(r.Context()); err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("in storage\n"))
		})
	}
	return mux
}

// followerIndex is a replica's search: the full-text index of its copy.
// A Litestream follower that fails in the middle of applying a change (its
// storage stopped answering) leaves the copy's pages of two versions until
// it applies the change again, and a read in that moment finds the file
// malformed. The graph a replica serves was loaded in one transaction and
// checked whole, so the search then reads that graph instead of failing;
// the store's error is logged, as it says the copy is being repaired.
type followerIndex struct {
	kb.VersionedIndex
	logger *slog.Logger
}

// copyUnreadable is the version followerIndex reports for a copy it could
// not read: no graph has it, so the search reads the graph.
const copyUnreadable = -1

func (f followerIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	matches, version, err := f.VersionedIndex.SearchText(ctx, query, lang, limit)
	if err != nil && ctx.Err() == nil {
		f.logger.Warn("search the follower's copy; searching the served graph instead", "err", err)
		return nil, copyUnreadable, nil
	}
	return matches, version, err
}
