package ops

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"skillgraph/internal/testlog"
)

// logLines decodes JSON log lines.
func logLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestRequestIDs(t *testing.T) {
	var seen string
	h := Identify(Identify(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = RequestID(r.Context())
	})))
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none sent", "", false},
		{"a UUID is kept", "0f8fad5b-d9cb-469f-a165-70867728950e", true},
		{"a trace ID is kept", "trace_1.2-abc", true},
		{"spaces are refused", "a b", false},
		{"a newline could forge a log line", "x\nlevel=ERROR", false},
		{"too long", strings.Repeat("a", 65), false},
	}
	ids := map[string]bool{}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "/", nil)
		if tt.sent != "" {
			req.Header.Set(HeaderRequestID, tt.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get(HeaderRequestID)
		switch {
		case got != seen:
			t.Errorf("%s: header %q, context %q", tt.name, got, seen)
		case tt.kept && got != tt.sent:
			t.Errorf("%s: ID %q, want the client's %q", tt.name, got, tt.sent)
		case !tt.kept && (got == tt.sent || !validRequestID(got) || len(got) != 24):
			t.Errorf("%s: ID %q, want a fresh one", tt.name, got)
		case ids[got]:
			t.Errorf("%s: ID %q given twice", tt.name, got)
		}
		ids[got] = true
	}
	// Outside a request the recorders do nothing.
	ctx := context.Background()
	SetOperation(ctx, "x")
	NoteError(ctx, "X")
	NoteExecuted(ctx)
	if RequestID(ctx) != "" {
		t.Error("RequestID outside a request is not empty")
	}
}

func TestMiddlewareLogsOneLinePerRequest(t *testing.T) {
	var logs testlog.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	mux := http.NewServeMux()
	mux.HandleFunc("POST /query", func(w http.ResponseWriter, r *http.Request) {
		SetOperation(r.Context(), "Gap")
		NoteExecuted(r.Context())
		NoteError(r.Context(), "NOT_FOUND")
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "short and stout")
	})
	mux.HandleFunc("GET /quiet", func(http.ResponseWriter, *http.Request) {})
	h := Middleware(logger, NewMetrics(), mux)

	req := httptest.NewRequest("POST", "/query", nil)
	req.Header.Set(HeaderRequestID, "req-1")
	h.ServeHTTP(httptest.NewRecorder(), req)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/quiet", nil))

	lines := logLines(t, logs.String())
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want one per request:\n%s", len(lines), logs.String())
	}
	first := lines[0]
	for key, want := range map[string]any{
		"msg": "request", "level": "INFO", "request_id": "req-1", "method": "POST", "path": "/query",
		"status": float64(http.StatusTeapot), "operation": "Gap", "errors": "NOT_FOUND", "bytes": float64(len("short and stout")),
	} {
		if first[key] != want {
			t.Errorf("log %s = %v, want %v", key, first[key], want)
		}
	}
	if d, err := time.ParseDuration(fmt.Sprint(first["duration"])); err != nil || d < 0 {
		t.Errorf("log duration = %v", first["duration"])
	}
	if lines[1]["status"] != float64(200) || lines[1]["operation"] != nil || lines[1]["errors"] != nil {
		t.Errorf("quiet request logged as %v", lines[1])
	}
}

func TestMiddlewareRecoversPanics(t *testing.T) {
	var logs testlog.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	metrics := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("/boom", func(http.ResponseWriter, *http.Request) { panic("secret at /srv/kb.db") })
	mux.HandleFunc("/late", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `{"data":`)
		w.(http.Flusher).Flush() // the client has the start of the answer
		panic("half way")
	})
	srv := httptest.NewServer(Middleware(logger, metrics, mux))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	id := resp.Header.Get(HeaderRequestID)
	var got struct {
		Errors []struct {
			Message    string
			Extensions map[string]string
		}
	}
	if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != 500 || len(got.Errors) != 1 {
		t.Fatalf("panic answered %d %s", resp.StatusCode, body)
	}
	e := got.Errors[0]
	if e.Message != "internal error" || e.Extensions["code"] != CodeInternal || e.Extensions["requestId"] != id || id == "" {
		t.Errorf("panic answered %s (request ID %s)", body, id)
	}
	if strings.Contains(string(body), "secret") {
		t.Errorf("the answer leaks the panic: %s", body)
	}
	// One log line with the panic and its stack, one for the request; both
	// carry the ID the client saw.
	var panicLine, requestLine map[string]any
	for _, l := range logLines(t, logs.String()) {
		switch l["msg"] {
		case "panic serving request":
			panicLine = l
		case "request":
			requestLine = l
		}
	}
	if panicLine == nil || panicLine["request_id"] != id || !strings.Contains(fmt.Sprint(panicLine["stack"]), "ops_test.go") ||
		!strings.Contains(fmt.Sprint(panicLine["panic"]), "secret") {
		t.Errorf("panic log line = %v", panicLine)
	}
	if requestLine == nil || requestLine["request_id"] != id || requestLine["status"] != float64(500) || requestLine["errors"] != CodeInternal {
		t.Errorf("request log line = %v", requestLine)
	}

	// A panic after the answer began cuts the connection: the client must
	// not take a truncated body for a whole one.
	if resp, err := http.Get(srv.URL + "/late"); err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil {
			t.Error("a panic half way through the answer ended it cleanly")
		}
	}
	if got := testutil.ToFloat64(metrics.errors.WithLabelValues(CodeInternal)); got != 2 {
		t.Errorf("INTERNAL errors counted %v, want 2", got)
	}
}

func TestMetrics(t *testing.T) {
	metrics := NewMetrics()
	stats := map[string]sql.DBStats{
		"read":  {MaxOpenConnections: 4, OpenConnections: 3, InUse: 1, Idle: 2, WaitCount: 7, WaitDuration: 1500 * time.Millisecond},
		"write": {MaxOpenConnections: 1, OpenConnections: 1, Idle: 1},
	}
	if err := metrics.Register(DBPoolCollector(func() map[string]sql.DBStats { return stats })); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/query", func(w http.ResponseWriter, r *http.Request) {
		op := r.URL.Query().Get("op")
		SetOperation(r.Context(), op)
		if op != "Refused" {
			NoteExecuted(r.Context())
		} else {
			NoteError(r.Context(), "QUERY_TOO_COMPLEX")
			w.WriteHeader(422)
		}
	})
	mux.Handle("GET /metrics", metrics.Handler())
	h := Middleware(slog.New(slog.DiscardHandler), metrics, mux)
	for _, op := range []string{"Gap", "Gap", "Refused"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/query?op="+op, nil))
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nowhere", nil))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{
		`skillgraph_http_requests_total{operation="Gap",route="/query",status="200"} 2`,
		`skillgraph_http_requests_total{operation="Refused",route="/query",status="422"} 1`,
		`skillgraph_http_requests_total{operation="",route="unmatched",status="404"} 1`,
		`skillgraph_http_request_duration_seconds_count{operation="Gap",route="/query"} 2`,
		`skillgraph_graphql_executions_total{operation="Gap"} 2`,
		`skillgraph_errors_total{code="QUERY_TOO_COMPLEX"} 1`,
		`skillgraph_http_requests_in_flight 1`, // the scrape itself
		`skillgraph_db_open_connections{pool="read"} 3`,
		`skillgraph_db_in_use_connections{pool="read"} 1`,
		`skillgraph_db_wait_count_total{pool="read"} 7`,
		`skillgraph_db_wait_duration_seconds_total{pool="read"} 1.5`,
		`skillgraph_db_max_open_connections{pool="write"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, `skillgraph_graphql_executions_total{operation="Refused"}`) {
		t.Error("a refused operation counted as executed")
	}
	if problems, err := testutil.GatherAndLint(metrics.registry); err != nil || len(problems) > 0 {
		t.Errorf("metrics lint: %v %v", problems, err)
	}
}

func TestOperationLabelsAreCapped(t *testing.T) {
	s := &labelSet{max: 3, seen: map[string]bool{}}
	var got []string
	for _, v := range []string{"A", "B", "", "C", "D", "A", strings.Repeat("x", 65)} {
		got = append(got, s.label(v))
	}
	want := []string{"A", "B", "", "C", "other", "A", "other"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("labels = %q, want %q", got, want)
	}
}

func TestParseOrigins(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"", nil, false},
		{" https://A.example , http://localhost:5173/ ", []string{"https://a.example", "http://localhost:5173"}, false},
		{"*", []string{"*"}, false},
		{"*, https://a.example", nil, true},
		{"a.example", nil, true},
		{"ftp://a.example", nil, true},
		{"https://a.example/path", nil, true},
		{"https://user@a.example", nil, true},
		{"https://a.example?x=1", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseOrigins(tt.in)
		if (err != nil) != tt.wantErr || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("ParseOrigins(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCORS(t *testing.T) {
	reached := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached++
		w.WriteHeader(http.StatusOK)
	})
	type want struct {
		status  int
		origin  string // Access-Control-Allow-Origin
		methods bool   // a preflight answer
		reached bool
	}
	tests := []struct {
		name    string
		origins []string
		method  string
		origin  string
		want    want
	}{
		{"allowed preflight", []string{"https://a.example"}, "OPTIONS", "https://a.example", want{204, "https://a.example", true, false}},
		{"allowed request", []string{"https://a.example"}, "POST", "https://a.example", want{200, "https://a.example", false, true}},
		{"case of the origin", []string{"https://a.example"}, "POST", "https://A.example", want{200, "https://A.example", false, true}},
		{"other origin", []string{"https://a.example"}, "POST", "https://evil.example", want{200, "", false, true}},
		{"other origin's preflight", []string{"https://a.example"}, "OPTIONS", "https://evil.example", want{200, "", false, true}},
		{"same origin", []string{"https://a.example"}, "POST", "", want{200, "", false, true}},
		{"any origin", []string{"*"}, "POST", "https://b.example", want{200, "*", false, true}},
		{"none configured", nil, "OPTIONS", "https://a.example", want{200, "", false, true}},
	}
	for _, tt := range tests {
		reached = 0
		req := httptest.NewRequest(tt.method, "/query", nil)
		if tt.origin != "" {
			req.Header.Set("Origin", tt.origin)
		}
		if tt.method == "OPTIONS" {
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "content-type")
		}
		rec := httptest.NewRecorder()
		CORS(tt.origins, next).ServeHTTP(rec, req)
		h := rec.Header()
		got := want{rec.Code, h.Get("Access-Control-Allow-Origin"), h.Get("Access-Control-Allow-Methods") != "", reached == 1}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		if len(tt.origins) > 0 && !strings.Contains(strings.Join(h.Values("Vary"), ","), "Origin") {
			t.Errorf("%s: no Vary: Origin, so a cache could serve one origin's answer to another", tt.name)
		}
		if got.methods && (!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") || h.Get("Access-Control-Allow-Credentials") != "") {
			t.Errorf("%s: preflight headers %v", tt.name, h)
		}
		if got.origin != "" && !got.methods && h.Get("Access-Control-Expose-Headers") != HeaderRequestID {
			t.Errorf("%s: the request ID is not exposed to the page", tt.name)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	rec := httptest.NewRecorder()
	Healthz().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 || rec.Body.String() != "ok\n" {
		t.Errorf("healthz = %d %q", rec.Code, rec.Body)
	}

	var logs testlog.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	ok := Check{Name: "database", Run: func(context.Context) (string, error) { return "reachable", nil }}
	failing := Check{Name: "migrations", Run: func(context.Context) (string, error) {
		return "", errors.New("no such table: goose_db_version in /srv/kb.db")
	}}
	slow := Check{Name: "seed", Run: func(ctx context.Context) (string, error) {
		<-ctx.Done() // a check that hangs is cut at the timeout
		return "timed out", ctx.Err()
	}}
	tests := []struct {
		checks []Check
		status int
		want   Readiness
	}{
		{[]Check{ok}, 200, Readiness{Ready: true, Checks: []CheckResult{{"database", true, "reachable"}}}},
		{[]Check{ok, failing, slow}, 503, Readiness{Ready: false, Checks: []CheckResult{
			{"database", true, "reachable"}, {"migrations", false, "failed"}, {"seed", false, "timed out"}}}},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		Readyz(logger, 10*time.Millisecond, tt.checks...).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		var got Readiness
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if rec.Code != tt.status || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("readyz = %d %+v, want %d %+v", rec.Code, got, tt.status, tt.want)
		}
		if strings.Contains(rec.Body.String(), "/srv") {
			t.Errorf("readyz leaks a failure's details: %s", rec.Body)
		}
	}
	if !strings.Contains(logs.String(), "goose_db_version") {
		t.Errorf("the failure's details are not logged: %s", logs.String())
	}
}
