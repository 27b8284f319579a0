// Command skillgraph serves the skill-graph knowledge base over GraphQL: which
// skills matter for which company stage, and why.
//
// Usage:
//
//	go run .                 serve the API at /query and the playground at /
//	go run . -addr :9090 -db /tmp/kb.db
//	go run . seed <command>  validate, diff, apply or export the seed files
//	go run . analyze FILE    read a job posting the way the article does
//	go run . backup restore  bring back the database as of a moment, from a writer's storage
//	go run . -role writer -replica-url file:///var/lib/kb-replica
//	go run . -role replica -db /copy/kb.db -writer-url http://writer:8080
//
// Flags win over environment variables (KB_ADDR, KB_DB). On first start the
// database file is created, migrated and seeded from the embedded seed files.
// KB_ADMIN_TOKEN enables the admin mutations.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"skillgraph/db"
	"skillgraph/explorer"
	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/kb"
	"skillgraph/ops"
	"skillgraph/playground"
	"skillgraph/replicate"
	"skillgraph/seed"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if len(os.Args) > 1 && os.Args[1] == "seed" {
		status := runSeed(ctx, os.Args[2:], os.Getenv, os.Stdout, os.Stderr)
		stop()
		os.Exit(status)
	}
	if len(os.Args) > 1 && os.Args[1] == "analyze" {
		status := runAnalyze(ctx, os.Args[2:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(status)
	}

	if len(os.Args) > 1 && os.Args[1] == "backup" {
		status := runBackup(ctx, os.Args[2:], os.Getenv, os.Stdout, os.Stderr)
		stop()
		os.Exit(status)
	}

	m := NewMain(os.Stderr)
	if err := m.ParseFlags(os.Args[1:], os.Getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Process-wide, so set here rather than in Run, which tests call: the
	// memory limit, and the logger of libraries that log through slog's
	// default (Litestream, on a writer).
	if m.Config.MemoryLimit > 0 {
		debug.SetMemoryLimit(m.Config.MemoryLimit)
	}
	slog.SetDefault(m.Logger)
	if err := m.Run(ctx); err != nil {
		m.Logger.Error("start", "err", err)
		m.Close()
		os.Exit(1)
	}
	<-ctx.Done()
	m.Logger.Info("shutting down")
	if err := m.Close(); err != nil {
		m.Logger.Error("shut down", "err", err)
		os.Exit(1)
	}
}

// Config is what the server is told by flags and environment.
type Config struct {
	Addr string // listen address, ":8080"
	DB   string // SQLite file path, "data/kb.db"

	// AdminToken enables the admin mutations for requests that bear it. It
	// comes from the environment only (KB_ADMIN_TOKEN), never a flag, so it
	// does not show in process listings.
	AdminToken string
	// ReloadInterval is how often the server checks for changes another
	// process (a `seed apply`) made to the database.
	ReloadInterval time.Duration

	// Limits bound each GraphQL request: body size, tokens, depth, cost,
	// aliases, root fields, string and list lengths, and its deadline.
	Limits httpapi.Limits
	// Introspection answers __schema and __type queries (KB_INTROSPECTION).
	Introspection bool
	// CORSOrigins are the origins browser pages may call /query from
	// (KB_CORS_ORIGINS, comma-separated, "*" for any); none by default.
	CORSOrigins []string
	// HTTP server timeouts: reading a request (headers and body), writing
	// its answer, and keeping an idle connection open.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// ShutdownTimeout is how long Close lets in-flight requests finish.
	ShutdownTimeout time.Duration
	// ResponseCacheBytes bounds the cache of answers to repeated queries
	// (KB_RESPONSE_CACHE_BYTES); 0 turns it off.
	ResponseCacheBytes int64
	// MemoryLimit is the Go runtime's soft memory limit in bytes
	// (debug.SetMemoryLimit; -memory-limit, KB_MEMORY_LIMIT): the garbage
	// collector works harder near it instead of letting the heap double.
	// A GOMEMLIMIT in the environment wins over the default; 0 sets none.
	MemoryLimit int64
	// ExplorerDir, when set, is a directory laid out like explorer/static
	// that the explorer is served from instead of the embedded files, read
	// on every request and never cached (KB_EXPLORER_DIR): for developing
	// the page.
	ExplorerDir string

	// Role is single (the default), writer or replica (KB_ROLE; see
	// replication.go). ReplicaURL is where a writer streams its changes
	// (KB_REPLICA_URL); WriterURL the writer's address a replica's
	// refusals name (KB_WRITER_URL); MaxLag how far behind the writer a
	// replica may be and still be ready (KB_MAX_LAG).
	Role, ReplicaURL, WriterURL string
	MaxLag                      time.Duration
	// OpsAddr, when set, is the address of a listener of its own for the
	// metrics, pprof and a writer's sync endpoint, which then leave the
	// public one (KB_OPS_ADDR).
	OpsAddr string
}

// analyzerDelay is how long a graph is served before its posting analyzer
// is built, unless a posting asks for it first.
const analyzerDelay = 500 * time.Millisecond

// defaultMemoryLimit bounds the heap of a server holding 100,000
// requirements (some 150 MiB live), which GOGC alone lets grow past 600
// MiB under load, without the collector running all the time: at 256 MiB
// it held RSS to 400 MiB but cost two thirds of the throughput of first
// asks. At the seed's size it is never reached.
const defaultMemoryLimit = 512 << 20

// maxHeaderBytes caps a request's headers, and with them a GET request's
// URL: a larger one is answered 431 by net/http.
const maxHeaderBytes = 64 << 10

// Main is the program: configuration, the store, the graph being served and
// the HTTP server. Tests drive it like main does, with a temp-dir database
// and ":0".
type Main struct {
	Config Config
	Logger *slog.Logger

	store    *db.DB
	live     *kb.Live
	resolver *graph.Resolver
	service  *seed.Service // the write path: admin edits, the first seeding, reloads
	listener net.Listener
	server   *http.Server
	stop     context.CancelFunc // stops the reload watcher and the heartbeat
	watching sync.WaitGroup

	primary     *replicate.Primary // a writer's stream to storage
	replication *replicationState
	metrics     *ops.Metrics
	opsListener net.Listener
	opsServer   *http.Server
}

// NewMain returns a Main with default configuration that logs to w.
func NewMain(w io.Writer) *Main {
	return &Main{
		Config: Config{Addr: ":8080", DB: "data/kb.db", ReloadInterval: 2 * time.Second, Role: roleSingle, MaxLag: 10 * time.Second,
			Limits: httpapi.DefaultLimits(), Introspection: true,
			ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second,
			ShutdownTimeout: 10 * time.Second, ResponseCacheBytes: httpapi.DefaultResponseCacheBytes,
			MemoryLimit: defaultMemoryLimit},
		Logger: slog.New(slog.NewTextHandler(w, nil)),
	}
}

// ParseFlags reads the environment, then the flags, which win.
func (m *Main) ParseFlags(args []string, getenv func(string) string) error {
	if v := getenv("KB_ADDR"); v != "" {
		m.Config.Addr = v
	}
	if v := getenv("KB_DB"); v != "" {
		m.Config.DB = v
	}
	if v := getenv("KB_EXPLORER_DIR"); v != "" {
		m.Config.ExplorerDir = v
	}
	m.Config.AdminToken = getenv("KB_ADMIN_TOKEN")
	fs := flag.NewFlagSet("skillgraph", flag.ContinueOnError)
	fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "listen address (env KB_ADDR)")
	fs.StringVar(&m.Config.DB, "db", m.Config.DB, "SQLite database file, created and seeded if missing (env KB_DB)")
	fs.StringVar(&m.Config.ExplorerDir, "explorer-dir", m.Config.ExplorerDir,
		"serve the explorer from this directory (explorer/static), read on every request, instead of the embedded files: for developing it (env KB_EXPLORER_DIR)")
	for _, v := range []struct {
		p         *string
		name, env string
		usage     string
	}{
		{&m.Config.Role, "role", "KB_ROLE", "single (the default), writer (streams every change to -replica-url) or replica (serves the copy at -db a Litestream follower keeps)"},
		{&m.Config.ReplicaURL, "replica-url", "KB_REPLICA_URL", "where a writer streams its changes: file:///dir or nats://host:4222[,host2:4222]/bucket"},
		{&m.Config.WriterURL, "writer-url", "KB_WRITER_URL", "the writer's address, which a replica's refusal of a mutation names"},
		{&m.Config.OpsAddr, "ops-addr", "KB_OPS_ADDR", "listen address of the operations endpoints (metrics, pprof, a writer's /replication/sync), off the public port"},
	} {
		if e := getenv(v.env); e != "" {
			*v.p = e
		}
		fs.StringVar(v.p, v.name, *v.p, v.usage+" (env "+v.env+")")
	}
	if err := m.limitFlags(fs, getenv); err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if err := m.Config.validateRole(); err != nil {
		return err
	}
	return m.Config.validateLimits()
}

// limitFlags defines the flags of the limits, timeouts and switches of
// serving, each with an environment variable (named in its usage) that
// the flag overrides, and applies the environment.
func (m *Main) limitFlags(fs *flag.FlagSet, getenv func(string) string) error {
	c, l := &m.Config, &m.Config.Limits
	env := map[string]string{} // flag name → environment variable
	intFlag := func(p *int, name, envName, usage string) {
		fs.IntVar(p, name, *p, usage+" (env "+envName+")")
		env[name] = envName
	}
	durationFlag := func(p *time.Duration, name, envName, usage string) {
		fs.DurationVar(p, name, *p, usage+" (env "+envName+")")
		env[name] = envName
	}
	fs.Int64Var(&l.MaxBodyBytes, "max-body-bytes", l.MaxBodyBytes, "largest request body, in bytes; larger ones are answered 413 (env KB_MAX_BODY_BYTES)")
	env["max-body-bytes"] = "KB_MAX_BODY_BYTES"
	fs.Int64Var(&c.ResponseCacheBytes, "response-cache-bytes", c.ResponseCacheBytes, "memory for answers replayed to repeated queries until the data changes; 0 turns the cache off (env KB_RESPONSE_CACHE_BYTES)")
	env["response-cache-bytes"] = "KB_RESPONSE_CACHE_BYTES"
	if getenv("GOMEMLIMIT") != "" {
		c.MemoryLimit = 0 // the runtime has it already
	}
	fs.Int64Var(&c.MemoryLimit, "memory-limit", c.MemoryLimit, "the Go runtime's soft memory limit, in bytes; 0 sets none, and GOMEMLIMIT then applies (env KB_MEMORY_LIMIT)")
	env["memory-limit"] = "KB_MEMORY_LIMIT"
	intFlag(&l.MaxTokens, "max-tokens", "KB_MAX_TOKENS", "most lexical tokens in a GraphQL document")
	intFlag(&l.MaxDepth, "max-depth", "KB_MAX_DEPTH", "deepest nesting of fields in a query")
	intFlag(&l.MaxComplexity, "max-complexity", "KB_MAX_COMPLEXITY", "highest query cost: 1 per field, lists multiplied by their first or size")
	intFlag(&l.MaxAliases, "max-aliases", "KB_MAX_ALIASES", "most aliased fields in a query")
	intFlag(&l.MaxRootFields, "max-root-fields", "KB_MAX_ROOT_FIELDS", "most fields at the top of an operation")
	intFlag(&l.MaxStringLength, "max-string-length", "KB_MAX_STRING_LENGTH", "longest string argument or variable, in characters")
	intFlag(&l.MaxListLength, "max-list-length", "KB_MAX_LIST_LENGTH", "longest list argument or variable, in items")
	durationFlag(&l.RequestTimeout, "request-timeout", "KB_REQUEST_TIMEOUT", "deadline of a GraphQL request")
	durationFlag(&c.ReadTimeout, "read-timeout", "KB_READ_TIMEOUT", "time to read a request, body included")
	durationFlag(&c.WriteTimeout, "write-timeout", "KB_WRITE_TIMEOUT", "time to answer a request once read; more than -request-timeout")
	durationFlag(&c.IdleTimeout, "idle-timeout", "KB_IDLE_TIMEOUT", "time an idle keep-alive connection stays open")
	durationFlag(&c.ShutdownTimeout, "shutdown-timeout", "KB_SHUTDOWN_TIMEOUT", "time in-flight requests get to finish on shutdown")
	durationFlag(&c.MaxLag, "max-lag", "KB_MAX_LAG", "how far behind the writer a replica may be and still answer /readyz")
	fs.BoolVar(&c.Introspection, "introspection", c.Introspection, "answer introspection queries (env KB_INTROSPECTION)")
	env["introspection"] = "KB_INTROSPECTION"
	fs.Func("cors-origins", `origins browsers may call /query from, comma-separated, or "*" (env KB_CORS_ORIGINS)`, func(s string) error {
		origins, err := ops.ParseOrigins(s)
		c.CORSOrigins = origins
		return err
	})
	env["cors-origins"] = "KB_CORS_ORIGINS"
	for name, envName := range env {
		if v := getenv(envName); v != "" {
			if err := fs.Set(name, v); err != nil {
				return fmt.Errorf("%s=%q: %w", envName, v, err)
			}
		}
	}
	return nil
}

// validateLimits reports limits and timeouts that cannot work.
func (c *Config) validateLimits() error {
	if err := c.Limits.Validate(); err != nil {
		return err
	}
	for name, d := range map[string]time.Duration{"read": c.ReadTimeout, "write": c.WriteTimeout, "idle": c.IdleTimeout, "shutdown": c.ShutdownTimeout} {
		if d <= 0 {
			return fmt.Errorf("the %s timeout must be positive, got %s", name, d)
		}
	}
	if c.MemoryLimit < 0 {
		return fmt.Errorf("the memory limit must not be negative, got %d", c.MemoryLimit)
	}
	if c.ResponseCacheBytes < 0 {
		return fmt.Errorf("the response cache size must not be negative, got %d", c.ResponseCacheBytes)
	}
	if c.Limits.RequestTimeout >= c.WriteTimeout {
		return fmt.Errorf("the request timeout (%s) must be shorter than the write timeout (%s), or clients lose the TIMEOUT answer",
			c.Limits.RequestTimeout, c.WriteTimeout)
	}
	return nil
}

// Run opens the store (migrating and seeding it as needed), loads the graph
// and starts serving. It returns once the server listens; Close stops it.
func (m *Main) Run(ctx context.Context) error {
	start := time.Now()
	if dir := m.Config.ExplorerDir; dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			return fmt.Errorf("serve the explorer from %s: %w", dir, err)
		}
		m.Logger.Info("serving the explorer from disk, uncached", "dir", dir)
	}
	if err := m.Config.validateRole(); err != nil {
		return err
	}
	m.replication = newReplicationState()
	store, err := m.openStore(ctx)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	m.store = store
	m.live = &kb.Live{}
	m.service = seed.NewService(store, m.live, m.Logger)
	m.resolver = &graph.Resolver{Live: m.live, Index: m.store, Editor: m.service, Log: m.store}
	if m.Config.Role == roleReplica {
		m.resolver.Editor = nil // mutations are refused before they run (httpapi.Options.Writer)
		m.resolver.Index = followerIndex{VersionedIndex: m.store, logger: m.Logger}
	}
	// A posting analyzer is built per graph (10 ms at the seed's size, a
	// second or two at 100,000 requirements): build it as soon as a graph
	// is served, not on the first posting; but not for one a burst of
	// edits replaces at once, whose builds would compete with the edits.
	m.service.OnServe = func(g *kb.Graph) {
		time.Sleep(analyzerDelay)
		if m.live.Load() == g {
			m.resolver.Postings.For(g)
		}
	}
	if m.Config.Role != roleReplica {
		if err := m.service.SeedIfEmpty(ctx); err != nil {
			return err
		}
	}
	if err := m.service.Reload(ctx); err != nil {
		return err
	}
	loops, stop := context.WithCancel(context.Background())
	m.stop = stop
	if m.Config.Role == roleWriter {
		if err := m.startWriter(ctx, loops); err != nil {
			return err
		}
	}
	m.watch(loops)

	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	m.listener = ln
	m.server = &http.Server{
		Handler:           m.routes(),
		ReadHeaderTimeout: min(5*time.Second, m.Config.ReadTimeout),
		ReadTimeout:       m.Config.ReadTimeout,
		WriteTimeout:      m.Config.WriteTimeout,
		IdleTimeout:       m.Config.IdleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("serve", "err", err)
		}
	}()
	if m.Config.OpsAddr != "" {
		if m.opsListener, err = net.Listen("tcp", m.Config.OpsAddr); err != nil {
			return fmt.Errorf("listen on %s: %w", m.Config.OpsAddr, err)
		}
		m.opsServer = &http.Server{Handler: m.opsRoutes(m.metrics), ReadHeaderTimeout: 5 * time.Second}
		go func() {
			if err := m.opsServer.Serve(m.opsListener); err != nil && !errors.Is(err, http.ErrServerClosed) {
				m.Logger.Error("serve operations", "err", err)
			}
		}()
	}
	m.Logger.Info("serving", "playground", "http://"+m.displayAddr()+"/", "api", "http://"+m.displayAddr()+"/query",
		"db", m.Config.DB, "role", m.Config.Role, "startup", time.Since(start).Round(time.Millisecond).String())
	return nil
}

// watch reloads the graph, until ctx ends, whenever another process changed
// the database, so a `seed apply` shows in the running server; on a
// replica, whenever its follower brought a new version, checking its lag
// each time.
func (m *Main) watch(ctx context.Context) {
	interval := m.Config.ReloadInterval
	if m.Config.Role == roleReplica {
		interval = min(interval, replicaReload)
	}
	m.watching.Go(func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := m.service.Reload(ctx); err != nil && ctx.Err() == nil {
					m.Logger.Error("reload the knowledge base", "err", err)
				}
				if m.Config.Role == roleReplica {
					m.checkLag(ctx)
				}
			}
		}
	})
}

func (m *Main) routes() http.Handler {
	mux := http.NewServeMux()
	resolver := m.resolver
	opts := httpapi.DefaultOptions(m.Logger)
	opts.Limits = m.Config.Limits
	opts.Introspection = m.Config.Introspection
	opts.AdminToken = m.Config.AdminToken
	opts.ResponseCacheBytes = m.Config.ResponseCacheBytes
	if m.Config.Role == roleReplica {
		opts.Writer = m.Config.WriterURL
	}
	mux.Handle("/query", ops.CORS(m.Config.CORSOrigins, httpapi.NewHandler(resolver, opts)))
	mux.Handle("/", playground.Handler("skillgraph", "/query"))
	pages := explorer.Handler("/explore/")
	if m.Config.ExplorerDir != "" {
		pages = explorer.DirHandler("/explore/", m.Config.ExplorerDir)
	}
	mux.Handle("/explore/", pages)
	mux.Handle("GET /explore", http.RedirectHandler("/explore/", http.StatusMovedPermanently))

	metrics := ops.NewMetrics()
	if err := metrics.Register(ops.DBPoolCollector(m.store.PoolStats)); err != nil {
		panic(err) // a programming error: the collector's metrics clash with others
	}
	if err := m.registerReplicationMetrics(metrics); err != nil {
		panic(err)
	}
	m.metrics = metrics
	if m.Config.OpsAddr == "" {
		mux.Handle("GET /metrics", metrics.Handler())
	}
	mux.Handle("GET /healthz", ops.Healthz())
	mux.Handle("GET /readyz", ops.Readyz(m.Logger, 2*time.Second, m.readinessChecks()...))
	return ops.Middleware(m.Logger, metrics, mux)
}

// readinessChecks are what /readyz asks: the database, its schema, its
// data, and on a replica how far behind the writer its copy is.
func (m *Main) readinessChecks() []ops.Check {
	checks := []ops.Check{
		{Name: "database", Run: func(ctx context.Context) (string, error) {
			if err := m.store.Ping(ctx); err != nil {
				return "unreachable", err
			}
			return "reachable", nil
		}},
		{Name: "migrations", Run: func(ctx context.Context) (string, error) {
			want, err := db.LatestSchemaVersion()
			if err != nil {
				return "", err
			}
			got, err := m.store.SchemaCurrent(ctx)
			if err != nil && got == 0 {
				return "schema version unknown", err
			}
			return fmt.Sprintf("schema version %d of %d", got, want), err
		}},
		{Name: "seed", Run: func(ctx context.Context) (string, error) {
			empty, err := m.store.IsEmpty(ctx)
			if err != nil {
				return "", err
			}
			g := m.live.Load()
			if empty || g == nil || len(g.Stages()) == 0 {
				return "no data loaded", errors.New("the knowledge base is empty")
			}
			return fmt.Sprintf("%d stages, %d skills", len(g.Stages()), len(g.Skills())), nil
		}},
	}
	if m.Config.Role == roleReplica {
		checks = append(checks, m.lagCheck())
	}
	return checks
}

// Addr is the address the server listens on, useful with ":0".
func (m *Main) Addr() string {
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

// OpsAddr is the address of the operations listener, "" without one.
func (m *Main) OpsAddr() string {
	if m.opsListener == nil {
		return ""
	}
	return m.opsListener.Addr().String()
}

func (m *Main) displayAddr() string {
	host, port, err := net.SplitHostPort(m.Addr())
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// Close stops the HTTP servers, letting in-flight requests finish for a
// few seconds, then closes the database, and last a writer's stream to
// storage, which uploads what is left: closing Litestream's own handle on
// the file releases the process's locks on it, so it goes after ours.
func (m *Main) Close() error {
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	for _, server := range []*http.Server{m.server, m.opsServer} {
		if server != nil {
			errs = append(errs, server.Shutdown(ctx))
		}
	}
	if m.stop != nil {
		m.stop()
		m.watching.Wait()
	}
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	if m.primary != nil {
		errs = append(errs, m.primary.Close(context.Background()))
	}
	return errors.Join(errs...)
}

// discardLogger logs nothing, for commands that report on their own.
func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
