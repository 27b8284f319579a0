package main

import (
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"skillgraph/internal/gqltest"
	"skillgraph/internal/testlog"
)

// The root's end-to-end tests drive the real program: Main with a fresh
// SQLite file in a temp dir, seeded from the embedded seed, serving HTTP on
// a free port of the loopback; queries go over real HTTP to /query.
// startServer starts it; options change what it is told.

// testServer is a running program and its log.
type testServer struct {
	t    *testing.T
	main *Main
	url  string          // http://127.0.0.1:port
	logs *testlog.Buffer // everything the program logged
}

// serverConfig is what startServer tells the program.
type serverConfig struct {
	dbPath string            // "": a fresh file in a temp dir
	env    map[string]string // its environment
	args   []string          // flags after -addr and -db
	reload time.Duration     // Config.ReloadInterval; 0 keeps the default
}

// serverOption changes what startServer tells the program.
type serverOption func(*serverConfig)

// withDB serves the database file at path, created and seeded if missing.
func withDB(path string) serverOption { return func(c *serverConfig) { c.dbPath = path } }

// withEnv adds env to the program's environment.
func withEnv(env map[string]string) serverOption {
	return func(c *serverConfig) { maps.Copy(c.env, env) }
}

// withAdminToken enables the admin mutations for requests bearing token.
func withAdminToken(token string) serverOption {
	return withEnv(map[string]string{"KB_ADMIN_TOKEN": token})
}

// withFlags passes args as extra flags.
func withFlags(args ...string) serverOption {
	return func(c *serverConfig) { c.args = append(c.args, args...) }
}

// withReloadInterval makes the program check that often for changes
// another process made to the database.
func withReloadInterval(d time.Duration) serverOption {
	return func(c *serverConfig) { c.reload = d }
}

// forStatementCounts sets the program up for counting the SQL statements
// of a request (testServer.statements): no limit on the cost of queries
// (the synthetic store's lists are long) and no reload polling, whose
// statements would blur the count.
func forStatementCounts() serverOption {
	return func(c *serverConfig) {
		withFlags("-max-complexity", "1000000000")(c)
		c.reload = time.Hour
	}
}

// startServer starts the program, by default on a fresh database seeded
// from the embedded seed, and closes it when the test ends.
func startServer(t *testing.T, opts ...serverOption) *testServer {
	t.Helper()
	c := &serverConfig{env: map[string]string{}}
	for _, o := range opts {
		o(c)
	}
	if c.dbPath == "" {
		c.dbPath = filepath.Join(t.TempDir(), "data", "kb.db")
	}
	logs := &testlog.Buffer{}
	m := NewMain(logs)
	args := append([]string{"-addr", "127.0.0.1:0", "-db", c.dbPath}, c.args...)
	if err := m.ParseFlags(args, func(k string) string { return c.env[k] }); err != nil {
		t.Fatal(err)
	}
	if c.reload != 0 {
		m.Config.ReloadInterval = c.reload
	}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return &testServer{t: t, main: m, url: "http://" + m.Addr(), logs: logs}
}

type (
	gqlError    = gqltest.Error
	gqlResponse = gqltest.Response
)

// query posts a GraphQL request and returns the decoded response.
func (s *testServer) query(query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	return s.queryWith(nil, query, vars)
}

// queryWith posts a GraphQL request with extra headers.
func (s *testServer) queryWith(headers map[string]string, query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	resp, err := gqltest.Post(nil, s.url+"/query", query, vars, headers)
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
