package explorer_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"skillgraph/db"
	"skillgraph/explorer"
	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/internal/gqltest"
	"skillgraph/internal/testlog"
	"skillgraph/kb"
	"skillgraph/playground"
	"skillgraph/seed"
)

// The browser tests run against the real pieces the server is made of,
// served by httptest: the store on a temp-dir SQLite file seeded from the
// embedded seed, its write path, the GraphQL resolver, httpapi's handler
// at /query, the playground at / and the explorer at /explore/, mounted
// as server.go mounts them.

// testServer serves the API and the pages.
type testServer struct {
	t     *testing.T
	url   string // http://127.0.0.1:port
	srv   *httptest.Server
	logs  *testlog.Buffer
	close func()
}

// startServer serves a fresh database, seeded from the embedded seed, on
// a free port of the loopback until the test ends.
func startServer(t *testing.T) *testServer {
	t.Helper()
	return startServerAt(t, filepath.Join(t.TempDir(), "kb.db"), "127.0.0.1:0")
}

// startServerAt serves the database at dbPath (seeded if empty) on addr.
func startServerAt(t *testing.T, dbPath, addr string) *testServer {
	t.Helper()
	ctx := context.Background()
	logs := &testlog.Buffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	store, err := db.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	live := &kb.Live{}
	service := seed.NewService(store, live, logger)
	if err := service.SeedIfEmpty(ctx); err == nil {
		err = service.Reload(ctx)
	}
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	resolver := &graph.Resolver{Live: live, Index: store, Editor: service, Log: store}

	mux := http.NewServeMux()
	mux.Handle("/query", httpapi.NewHandler(resolver, httpapi.DefaultOptions(logger)))
	mux.Handle("/", playground.Handler("skillgraph", "/query"))
	mux.Handle("/explore/", explorer.Handler("/explore/"))
	mux.Handle("GET /explore", http.RedirectHandler("/explore/", http.StatusMovedPermanently))

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		store.Close()
		t.Fatalf("listen on %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	s := &testServer{t: t, url: srv.URL, srv: srv, logs: logs}
	s.close = sync.OnceFunc(func() {
		srv.Close()
		store.Close()
	})
	t.Cleanup(s.Close)
	return s
}

// Close stops serving, once requests in flight are answered, then closes
// the database. It may be called more than once.
func (s *testServer) Close() { s.close() }

// addr is the host:port the server listens on.
func (s *testServer) addr() string { return s.srv.Listener.Addr().String() }

type (
	gqlError    = gqltest.Error
	gqlResponse = gqltest.Response
)

// query posts a GraphQL request and returns the decoded response.
func (s *testServer) query(query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	resp, err := gqltest.Post(nil, s.url+"/query", query, vars, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp
}

// data runs a query that must succeed and decodes its data into v.
func (s *testServer) data(query string, vars map[string]any, v any) {
	s.t.Helper()
	resp := s.query(query, vars)
	if len(resp.Errors) > 0 {
		s.t.Fatalf("query failed: %+v", resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, v); err != nil {
		s.t.Fatalf("decode data %s: %v", resp.Data, err)
	}
}

// readmeExample is a question of the README and its answer: a graphql
// block followed by a json block (as the root's TestReadmeExamples reads
// them).
var readmeExample = regexp.MustCompile("(?s)```graphql\n(.*?)```\\s*```json\n(.*?)```")

// decode is raw JSON as generic values, for comparing answers.
func decode(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}
