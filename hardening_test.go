package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/graph"
	"skillgraph/kb"
)

// These tests drive the real program over HTTP, as hostile clients,
// browsers, load balancers and Prometheus do.

// client gives up after 10 s: a request that hangs fails the test instead
// of hanging it.
var client = &http.Client{Timeout: 10 * time.Second}

type hardAnswer struct {
	status  int
	header  http.Header
	body    []byte
	hasData bool
	data    json.RawMessage
	errors  []gqlError
}

func (a hardAnswer) code() string {
	if len(a.errors) == 0 {
		return ""
	}
	c, _ := a.errors[0].Extensions["code"].(string)
	return c
}

func (s *testServer) do(req *http.Request) hardAnswer {
	s.t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	a := hardAnswer{status: resp.StatusCode, header: resp.Header, body: body}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) == nil {
		a.data, a.hasData = fields["data"]
		json.Unmarshal(fields["errors"], &a.errors)
	}
	return a
}

// graphQL sends a GraphQL request the way a client following the
// GraphQL-over-HTTP draft does.
func (s *testServer) graphQL(method, query string, vars map[string]any, header map[string]string) hardAnswer {
	s.t.Helper()
	var req *http.Request
	if method == http.MethodGet {
		params := url.Values{"query": {query}}
		if vars != nil {
			b, _ := json.Marshal(vars)
			params.Set("variables", string(b))
		}
		req, _ = http.NewRequest(method, s.url+"/query?"+params.Encode(), nil)
	} else {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req, _ = http.NewRequest(method, s.url+"/query", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/graphql-response+json, application/json;q=0.9")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return s.do(req)
}

// metric reads one sample, or the sum of a metric's samples whose labels
// contain labels, from /metrics.
func (s *testServer) metric(name, labels string) float64 {
	s.t.Helper()
	resp, err := client.Get(s.url + "/metrics")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	sum := 0.0
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, name)
		if !ok || (rest[0] != ' ' && rest[0] != '{') || !strings.Contains(rest, labels) {
			continue
		}
		v, err := strconv.ParseFloat(rest[strings.LastIndexByte(rest, ' ')+1:], 64)
		if err != nil {
			s.t.Fatalf("metric line %q: %v", line, err)
		}
		sum += v
	}
	return sum
}

// fingerprint sums up everything a request could change: the stored data,
// its version and the graph being served.
func (s *testServer) fingerprint() string {
	s.t.Helper()
	ctx := context.Background()
	ds, err := s.main.store.Dataset(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	version, err := s.main.store.SeedVersion(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	b, _ := json.Marshal(ds)
	return fmt.Sprintf("%x version %d graph %p", sha256.Sum256(b), version, s.main.live.Load())
}

func nestedQuery(depth int) string {
	return `{ skill(name: "spark") { ` + strings.Repeat("broader { ", depth-2) + "slug" + strings.Repeat(" }", depth-2) + " } }"
}

func manyAliases(n int) string {
	var b strings.Builder
	b.WriteString(`{ stages { `)
	for i := range n {
		fmt.Fprintf(&b, "a%d: slug ", i)
	}
	b.WriteString("} }")
	return b.String()
}

func skillNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("skill-%d", i)
	}
	return out
}

// TestHostileRequests sends what anyone on the internet can send. Each is
// answered with the status and code it deserves, in JSON, leaking nothing;
// those refused are refused before any resolver runs (the executions
// metric does not move, and the answer has no data); and afterwards the
// data is what it was.
func TestHostileRequests(t *testing.T) {
	const token = "hardening-admin-token"
	s := startServer(t, withAdminToken(token))
	before := s.fingerprint()

	// Mutations are refused without credentials. A schema without them
	// refuses the document instead; either way nothing runs.
	var schema struct {
		Schema struct {
			MutationType *struct{ Fields []struct{ Name string } }
		} `json:"__schema"`
	}
	a := s.graphQL("POST", `{ __schema { mutationType { fields { name } } } }`, nil, nil)
	if err := json.Unmarshal(a.data, &schema); err != nil {
		t.Fatal(err)
	}
	const mutation = `mutation { addAlias(skill: "spark", alias: "sparky") { skill { aliases } } }`
	noCredentials, noCredentialsCode := http.StatusUnauthorized, "UNAUTHENTICATED"
	wrongCredentials, wrongCredentialsCode := http.StatusForbidden, "FORBIDDEN"
	if mt := schema.Schema.MutationType; mt == nil || !slices.ContainsFunc(mt.Fields, func(f struct{ Name string }) bool { return f.Name == "addAlias" }) {
		t.Log("the schema has no addAlias mutation: the mutation cases expect a validation error")
		noCredentials, noCredentialsCode = 422, graph.CodeValidationFailed
		wrongCredentials, wrongCredentialsCode = 422, graph.CodeValidationFailed
	}

	long := strings.Repeat("x", 100_000)
	type hostile struct {
		name     string
		method   string
		query    string
		vars     map[string]any
		header   map[string]string
		raw      string // a raw POST body instead of query and vars
		status   int    // under application/graphql-response+json
		legacy   int    // under application/json
		code     string
		executes bool // harmless requests that do run (and change nothing)
	}
	tests := []hostile{
		{name: "malformed JSON", raw: `{"query": "{ stages { slug } }"`, status: 400, legacy: 400, code: graph.CodeBadRequest},
		{name: "a syntax error", query: `{ stages { slug }`, status: 400, legacy: 200, code: graph.CodeParseFailed},
		{name: "an unknown field", query: `{ stages { salary } }`, status: 422, legacy: 200, code: graph.CodeValidationFailed},
		{name: "a 60-deep query", query: nestedQuery(60), status: 422, legacy: 200, code: graph.CodeTooComplex},
		{name: "300 aliases", query: manyAliases(300), status: 422, legacy: 200, code: graph.CodeTooComplex},
		{name: "a 12 MiB body", raw: `{"query": "{ stages { slug } }", "variables": {"pad": "` + strings.Repeat("x", 12<<20) + `"}}`,
			status: 413, legacy: 413, code: graph.CodePayloadTooLarge},
		{name: "a variable of the wrong type", query: `query($f: Int) { skills(first: $f) { totalCount } }`, vars: map[string]any{"f": "ten"},
			status: 400, legacy: 200, code: graph.CodeBadVariables},
		{name: "a 100,000-character name", query: `query($n: String!) { skill(name: $n) { slug } }`, vars: map[string]any{"n": long},
			status: 422, legacy: 200, code: kb.EINVALID},
		{name: "a 100,000-character name, literal", query: `{ skill(name: "` + long + `") { slug } }`, status: 422, legacy: 200, code: kb.EINVALID},
		{name: "NUL bytes", query: `query($n: String!) { skill(name: $n) { slug } search(text: $n) { score } skillGap(stage: "growth", have: [$n]) { unknown } }`,
			vars: map[string]any{"n": "Spa\x00rk\x00"}, status: 200, legacy: 200, executes: true},
		{name: "SQL in names", query: `query($n: String!) { skill(name: $n) { slug } search(text: $n) { score } skillGap(stage: "growth", have: [$n]) { unknown } }`,
			vars: map[string]any{"n": `kafka'; DROP TABLE node; --`}, status: 200, legacy: 200, executes: true},
		{name: "SQL in a search", query: `{ search(text: "\" OR 1=1 -- ") { score } s2: search(text: "spark* NEAR(a b) ^x") { score } }`,
			status: 200, legacy: 200, executes: true},
		{name: "HTML in names", query: `query($n: String!) { skill(name: $n) { slug } skillGap(stage: "growth", have: [$n]) { unknown } }`,
			vars: map[string]any{"n": `<script>alert(document.cookie)</script>`}, status: 200, legacy: 200, executes: true},
		{name: "a 20,000-name have list", query: `query($h: [String!]!) { skillGap(stage: "growth", have: $h) { coverage } }`,
			vars: map[string]any{"h": skillNames(20_000)}, status: 422, legacy: 200, code: kb.EINVALID},
		{name: "a mutation without credentials", query: mutation, status: noCredentials, legacy: 200, code: noCredentialsCode},
		{name: "a mutation with the wrong credentials", query: mutation, header: map[string]string{"Authorization": "Bearer guess"},
			status: wrongCredentials, legacy: 200, code: wrongCredentialsCode},
		{name: "a mutation over GET", method: "GET", query: mutation, status: 405, legacy: 405, code: graph.CodeMethodNotAllowed},
		{name: "a mutation over GET with the admin token", method: "GET", query: mutation, header: map[string]string{"Authorization": "Bearer " + token},
			status: 405, legacy: 405, code: graph.CodeMethodNotAllowed},
	}
	for _, tt := range tests {
		for _, accept := range []string{"application/graphql-response+json", "application/json"} {
			executions := s.metric("skillgraph_graphql_executions_total", "")
			method := tt.method
			if method == "" {
				method = "POST"
			}
			var req *http.Request
			if tt.raw != "" {
				req, _ = http.NewRequest(method, s.url+"/query", strings.NewReader(tt.raw))
				req.Header.Set("Content-Type", "application/json")
			} else {
				params := url.Values{"query": {tt.query}}
				body, _ := json.Marshal(map[string]any{"query": tt.query, "variables": tt.vars})
				if method == "GET" {
					req, _ = http.NewRequest(method, s.url+"/query?"+params.Encode(), nil)
				} else {
					req, _ = http.NewRequest(method, s.url+"/query", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
				}
			}
			req.Header.Set("Accept", accept)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			a := s.do(req)
			want := tt.status
			if accept == "application/json" {
				want = tt.legacy
			}
			what := fmt.Sprintf("%s (Accept %s)", tt.name, accept)
			if a.status != want || a.code() != tt.code {
				t.Errorf("%s: %d %q, want %d %q\n%.300s", what, a.status, a.code(), want, tt.code, a.body)
			}
			if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/") || !strings.Contains(ct, "json") {
				t.Errorf("%s: Content-Type %q", what, ct)
			}
			if a.status == 405 && a.header.Get("Allow") != "POST" {
				t.Errorf("%s: 405 without Allow: POST", what)
			}
			if a.status == 401 && a.header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: 401 without WWW-Authenticate", what)
			}
			ran := s.metric("skillgraph_graphql_executions_total", "") - executions
			switch {
			case tt.executes && (ran != 1 || len(a.errors) > 0):
				t.Errorf("%s: ran %v times with errors %+v", what, ran, a.errors)
			case !tt.executes && (ran != 0 || a.hasData):
				t.Errorf("%s: refused, yet ran %v operations (data: %v)", what, ran, a.hasData)
			}
			for _, e := range a.errors {
				msg := e.Message
				if e.Extensions["requestId"] != a.header.Get("X-Request-ID") {
					t.Errorf("%s: error without the request ID: %+v", what, e)
				}
				if len(msg) > 500 {
					t.Errorf("%s: the error quotes the request back: %.100s…", what, msg)
				}
				for _, leak := range []string{"sql", "SELECT", "goroutine", ".go:", "/tmp", "panic", "runtime", "map[", "*kb", "graph."} {
					if strings.Contains(msg, leak) {
						t.Errorf("%s: the error leaks %q: %s", what, leak, msg)
					}
				}
			}
		}
	}
	// The harmless ones answered as data, escaped for any page.
	a = s.graphQL("POST", `query($n: String!) { skillGap(stage: "growth", have: [$n]) { unknown } }`,
		map[string]any{"n": `<script>alert(1)</script>`}, nil)
	if bytes.Contains(a.body, []byte("<script>")) || !bytes.Contains(a.body, []byte(`\u003cscript\u003e`)) {
		t.Errorf("HTML comes back unescaped: %s", a.body)
	}
	a = s.graphQL("POST", `query($n: String!) { skillGap(stage: "growth", have: [$n]) { unknown } }`,
		map[string]any{"n": `kafka'; DROP TABLE node; --`}, nil)
	if !bytes.Contains(a.body, []byte(`"unknown":["kafka'; DROP TABLE node; --"]`)) {
		t.Errorf("a name with SQL in it is not simply unknown: %s", a.body)
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("the hostile requests changed the data: %s, was %s", after, before)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	s := startServer(t)
	resp, err := client.Get(s.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Errorf("healthz = %d %q", resp.StatusCode, body)
	}

	type readiness struct {
		Ready  bool
		Checks []struct {
			Name, Detail string
			OK           bool
		}
	}
	ready := func(s *testServer) (int, readiness) {
		resp, err := client.Get(s.url + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r readiness
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, r
	}
	status, r := ready(s)
	if status != 200 || !r.Ready || len(r.Checks) != 3 {
		t.Fatalf("readyz = %d %+v", status, r)
	}
	latest, err := db.LatestSchemaVersion()
	if err != nil || latest < 1 {
		t.Fatalf("latest schema version %d, %v", latest, err)
	}
	migrations := fmt.Sprintf("migrations:schema version %d of %d", latest, latest)
	for i, want := range []string{"database:reachable", migrations, "seed:2 stages, "} {
		if got := r.Checks[i].Name + ":" + r.Checks[i].Detail; !strings.HasPrefix(got, want) || !r.Checks[i].OK {
			t.Errorf("check %d = %+v, want %s", i, r.Checks[i], want)
		}
	}

	// Break each condition behind the server's back, in a server of its
	// own, and see readiness go.
	tests := []struct {
		name   string
		breaks func(s *testServer, conn *sql.DB)
		failed string
	}{
		{"migrations rolled back", func(_ *testServer, conn *sql.DB) {
			mustExec(t, conn, `DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)`)
		}, "migrations"},
		{"data gone", func(_ *testServer, conn *sql.DB) { mustExec(t, conn, `DELETE FROM node`) }, "seed"},
		{"database closed", func(s *testServer, _ *sql.DB) { s.main.store.Close() }, "database"},
	}
	for _, tt := range tests {
		s := startServer(t)
		conn, err := sql.Open("sqlite", "file:"+s.main.Config.DB+"?_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		tt.breaks(s, conn)
		conn.Close()
		status, r := ready(s)
		failed := map[string]bool{}
		for _, c := range r.Checks {
			failed[c.Name] = !c.OK
		}
		if status != 503 || r.Ready || !failed[tt.failed] {
			t.Errorf("%s: readyz = %d %+v, want 503 with %s failing", tt.name, status, r, tt.failed)
		}
		if !strings.Contains(s.logs.String(), "not ready") {
			t.Errorf("%s: the reason is not logged", tt.name)
		}
	}
}

func mustExec(t *testing.T, conn *sql.DB, query string) {
	t.Helper()
	if _, err := conn.Exec(query); err != nil {
		t.Fatal(err)
	}
}

func TestMetricsAndRequestLog(t *testing.T) {
	s := startServer(t)
	ok := s.graphQL("POST", `query Stages { stages { slug } }`, nil, map[string]string{"X-Request-ID": "log-me-1"})
	s.graphQL("POST", `query Stages { stages { slug } }`, nil, nil)
	refused := s.graphQL("POST", "query Deep "+nestedQuery(30), nil, nil)
	s.graphQL("POST", `query Gap { skillGap(stage: "startup", have: []) { coverage } }`, nil, nil)
	if ok.status != 200 || refused.status != 422 {
		t.Fatalf("statuses %d %d", ok.status, refused.status)
	}
	for _, tt := range []struct {
		name, labels string
		want         float64
	}{
		{"skillgraph_http_requests_total", `operation="Stages",route="/query",status="200"`, 2},
		{"skillgraph_http_requests_total", `operation="Deep",route="/query",status="422"`, 1},
		{"skillgraph_http_requests_total", `operation="Gap",route="/query",status="294"`, 1},
		{"skillgraph_http_request_duration_seconds_count", `operation="Stages",route="/query"`, 2},
		// The second, identical, is replayed by the response cache.
		{"skillgraph_graphql_executions_total", `operation="Stages"`, 1},
		{"skillgraph_graphql_executions_total", `operation="Deep"`, 0},
		{"skillgraph_errors_total", `code="QUERY_TOO_COMPLEX"`, 1},
		{"skillgraph_errors_total", `code="NOT_FOUND"`, 1},
		{"skillgraph_db_max_open_connections", `pool="read"`, 4},
		{"skillgraph_db_max_open_connections", `pool="write"`, 1},
	} {
		if got := s.metric(tt.name, tt.labels); got != tt.want {
			t.Errorf("%s{%s} = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	if s.metric("skillgraph_db_open_connections", `pool="read"`) < 1 {
		t.Error("the read pool has no open connection after queries")
	}
	if s.metric("go_goroutines", "") < 1 || s.metric("process_start_time_seconds", "") < 1 {
		t.Error("the Go runtime and process metrics are missing")
	}

	// One log line per request, with its ID, operation, status and
	// duration; the refused one names its error code.
	lines := regexp.MustCompile(`(?m)^.*msg=request .*$`).FindAllString(s.logs.String(), -1)
	var stages, deep string
	for _, l := range lines {
		if strings.Contains(l, "request_id=log-me-1") {
			stages = l
		}
		if strings.Contains(l, "operation=Deep") {
			deep = l
		}
	}
	for _, want := range []string{"method=POST", "path=/query", "status=200", "operation=Stages", "duration="} {
		if !strings.Contains(stages, want) {
			t.Errorf("log line %q lacks %s", stages, want)
		}
	}
	if !strings.Contains(deep, "status=422") || !strings.Contains(deep, "errors=QUERY_TOO_COMPLEX") || !strings.Contains(deep, "request_id="+refused.header.Get("X-Request-ID")) {
		t.Errorf("log line of the refused request: %q", deep)
	}
	if n := strings.Count(s.logs.String(), "request_id=log-me-1"); n != 1 {
		t.Errorf("%d log lines for one request", n)
	}
}

func TestCORSFromTheEnvironment(t *testing.T) {
	s := startServer(t, withEnv(map[string]string{"KB_CORS_ORIGINS": "https://explorer.example, http://localhost:5173"}))
	preflight := func(origin string) http.Header {
		req, _ := http.NewRequest(http.MethodOptions, s.url+"/query", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}
	if h := preflight("http://localhost:5173"); h.Get("Access-Control-Allow-Origin") != "http://localhost:5173" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("allowed origin's preflight: %v", h)
	}
	if h := preflight("https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin is allowed: %v", h)
	}
	a := s.graphQL("POST", `{ stages { slug } }`, nil, map[string]string{"Origin": "https://explorer.example"})
	if a.header.Get("Access-Control-Allow-Origin") != "https://explorer.example" || a.header.Get("Access-Control-Expose-Headers") != "X-Request-ID" {
		t.Errorf("allowed origin's request: %v", a.header)
	}

	plain := startServer(t)
	a = plain.graphQL("POST", `{ stages { slug } }`, nil, map[string]string{"Origin": "https://explorer.example"})
	if a.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS is on without KB_CORS_ORIGINS: %v", a.header)
	}
}

func TestLimitsFromFlagsAndEnvironment(t *testing.T) {
	env := map[string]string{
		"KB_MAX_DEPTH": "4", "KB_MAX_COMPLEXITY": "500", "KB_MAX_BODY_BYTES": "2048", "KB_REQUEST_TIMEOUT": "3s",
		"KB_INTROSPECTION": "false", "KB_CORS_ORIGINS": "*", "KB_MAX_ALIASES": "0",
	}
	m := NewMain(io.Discard)
	if err := m.ParseFlags([]string{"-max-depth", "6", "-write-timeout", "20s", "-max-list-length", "7"}, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	c := m.Config
	got := fmt.Sprint(c.Limits.MaxDepth, c.Limits.MaxComplexity, c.Limits.MaxBodyBytes, c.Limits.RequestTimeout, c.Introspection,
		c.CORSOrigins, c.WriteTimeout, c.Limits.MaxListLength, c.Limits.MaxAliases, c.Limits.MaxTokens, c.ShutdownTimeout)
	if want := "6 500 2048 3s false [*] 20s 7 0 5000 10s"; got != want {
		t.Errorf("config = %s, want %s (flags win over the environment, defaults stay)", got, want)
	}

	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"KB_MAX_DEPTH": "deep"}, nil, "KB_MAX_DEPTH"},
		{nil, []string{"-max-complexity", "0"}, "max complexity must be positive"},
		{map[string]string{"KB_REQUEST_TIMEOUT": "1m"}, nil, "shorter than the write timeout"},
		{map[string]string{"KB_CORS_ORIGINS": "explorer.example"}, nil, "scheme://host"},
		{nil, []string{"-idle-timeout", "-1s"}, "idle timeout must be positive"},
		{map[string]string{"KB_INTROSPECTION": "maybe"}, nil, "KB_INTROSPECTION"},
		{nil, []string{"-memory-limit", "-1"}, "memory limit must not be negative"},
	} {
		m := NewMain(io.Discard)
		err := m.ParseFlags(tt.args, func(k string) string { return tt.env[k] })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("env %v args %v: error %v, want one about %s", tt.env, tt.args, err, tt.want)
		}
	}
}

// TestMemoryLimit: 512 MiB by default, a GOMEMLIMIT the runtime has
// read already wins, and the flag and KB_MEMORY_LIMIT win over both.
func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want int64
	}{
		{nil, nil, 512 << 20},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, nil, 0},
		{map[string]string{"KB_MEMORY_LIMIT": "100000000"}, nil, 100000000},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, []string{"-memory-limit", "5000000"}, 5000000},
	} {
		m := NewMain(io.Discard)
		if err := m.ParseFlags(tt.args, func(k string) string { return tt.env[k] }); err != nil {
			t.Fatal(err)
		}
		if m.Config.MemoryLimit != tt.want {
			t.Errorf("env %v args %v: memory limit %d, want %d", tt.env, tt.args, m.Config.MemoryLimit, tt.want)
		}
	}
}

// TestIntrospectionCanBeSwitchedOff runs the server with KB_INTROSPECTION
// off: the schema is not answered, plain queries are.
func TestIntrospectionCanBeSwitchedOff(t *testing.T) {
	s := startServer(t, withEnv(map[string]string{"KB_INTROSPECTION": "false"}))
	a := s.graphQL("POST", `{ __schema { types { name } } }`, nil, nil)
	if a.status != 422 || a.code() != graph.CodeValidationFailed {
		t.Errorf("introspection off: %d %s", a.status, a.body)
	}
	if a := s.graphQL("GET", `{ stages { slug } }`, nil, nil); a.status != 200 || len(a.errors) > 0 {
		t.Errorf("a plain query: %d %s", a.status, a.body)
	}
}

func TestResponseCacheCanBeSwitchedOff(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want float64
	}{
		{nil, 1},
		{map[string]string{"KB_RESPONSE_CACHE_BYTES": "0"}, 3},
	} {
		s := startServer(t, withEnv(tt.env))
		for range 3 {
			if r := s.graphQL("POST", `query Again { stages { slug } }`, nil, nil); r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
		}
		if got := s.metric("skillgraph_graphql_executions_total", `operation="Again"`); got != tt.want {
			t.Errorf("env %v: %v executions of three identical queries, want %v", tt.env, got, tt.want)
		}
	}
}
