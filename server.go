// Command skillgraph serves the skill-graph knowledge base over GraphQL: which
// skills matter for which company stage, and why.
//
// Usage:
//
//	go run .                 serve the API at /query and the playground at /
//	go run . -addr :9090 -db /tmp/kb.db
//	go run . seed <command>  validate, diff, apply or export the seed files
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
	"sync"
	"syscall"
	"time"

	"skillgraph/db"
	"skillgraph/explorer"
	"skillgraph/graph"
	"skillgraph/kb"
	"skillgraph/playground"
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

	m := NewMain(os.Stderr)
	if err := m.ParseFlags(os.Args[1:], os.Getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
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
}

// Main is the program: configuration, the store, the graph being served and
// the HTTP server. Tests drive it like main does, with a temp-dir database
// and ":0".
type Main struct {
	Config Config
	Logger *slog.Logger

	store    *db.DB
	live     *kb.Live
	editor   *editor
	listener net.Listener
	server   *http.Server
	stop     context.CancelFunc // stops the reload watcher
	watching sync.WaitGroup
}

// NewMain returns a Main with default configuration that logs to w.
func NewMain(w io.Writer) *Main {
	return &Main{
		Config: Config{Addr: ":8080", DB: "data/kb.db", ReloadInterval: 2 * time.Second},
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
	m.Config.AdminToken = getenv("KB_ADMIN_TOKEN")
	fs := flag.NewFlagSet("skillgraph", flag.ContinueOnError)
	fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "listen address (env KB_ADDR)")
	fs.StringVar(&m.Config.DB, "db", m.Config.DB, "SQLite database file, created and seeded if missing (env KB_DB)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	return nil
}

// Run opens the store (migrating and seeding it as needed), loads the graph
// and starts serving. It returns once the server listens; Close stops it.
func (m *Main) Run(ctx context.Context) error {
	start := time.Now()
	store, err := db.Open(ctx, m.Config.DB)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	m.store = store
	m.live = &kb.Live{}
	m.editor = &editor{store: store, live: m.live, logger: m.Logger}
	if err := m.seedIfEmpty(ctx); err != nil {
		return err
	}
	if err := m.editor.reload(ctx); err != nil {
		return err
	}
	m.watch()

	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	m.listener = ln
	m.server = &http.Server{
		Handler:           m.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("serve", "err", err)
		}
	}()
	m.Logger.Info("serving", "playground", "http://"+m.displayAddr()+"/", "api", "http://"+m.displayAddr()+"/query",
		"db", m.Config.DB, "startup", time.Since(start).Round(time.Millisecond).String())
	return nil
}

// seedIfEmpty loads the embedded seed into a database that has no data yet.
func (m *Main) seedIfEmpty(ctx context.Context) error {
	empty, err := m.store.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	if !empty {
		return nil
	}
	ds, err := seed.Load(seed.Files())
	if err != nil {
		return fmt.Errorf("load embedded seed: %w", err)
	}
	meta := kb.ChangeMeta{Author: "skillgraph", Message: "initial seed from the embedded seed files"}
	if _, _, err := m.editor.Edit(ctx, meta, func(d *kb.Dataset) error { *d = *ds; return nil }); err != nil {
		return fmt.Errorf("seed database: %w", err)
	}
	m.Logger.Info("seeded empty database", "skills", len(ds.Skills), "requirements", len(ds.Requirements), "traits", len(ds.Traits))
	return nil
}

// watch reloads the graph, until Close, whenever another process changed
// the database, so a `seed apply` shows in the running server.
func (m *Main) watch() {
	ctx, stop := context.WithCancel(context.Background())
	m.stop = stop
	m.watching.Go(func() {
		tick := time.NewTicker(m.Config.ReloadInterval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := m.editor.reload(ctx); err != nil && ctx.Err() == nil {
					m.Logger.Error("reload the knowledge base", "err", err)
				}
			}
		}
	})
}

func (m *Main) routes() http.Handler {
	mux := http.NewServeMux()
	resolver := &graph.Resolver{Live: m.live, Index: m.store, Editor: m.editor, Log: m.store}
	opts := graph.DefaultOptions(m.Logger)
	opts.AdminToken = m.Config.AdminToken
	mux.Handle("/query", graph.NewHandler(resolver, opts))
	mux.Handle("/", playground.Handler("skillgraph", "/query"))
	mux.Handle("/explore/", explorer.Handler("/explore/"))
	mux.Handle("GET /explore", http.RedirectHandler("/explore/", http.StatusMovedPermanently))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	return logRequests(m.Logger, mux)
}

// Addr is the address the server listens on, useful with ":0".
func (m *Main) Addr() string {
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

func (m *Main) displayAddr() string {
	host, port, err := net.SplitHostPort(m.Addr())
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// Close stops the HTTP server, letting in-flight requests finish for a few
// seconds, then closes the database.
func (m *Main) Close() error {
	var errs []error
	if m.stop != nil {
		m.stop()
		m.watching.Wait()
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		errs = append(errs, m.server.Shutdown(ctx))
	}
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	return errors.Join(errs...)
}

// logRequests writes one structured line per request.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration", time.Since(start).Round(time.Microsecond).String())
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// discardLogger logs nothing, for commands that report on their own.
func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
