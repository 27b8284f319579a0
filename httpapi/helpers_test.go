package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/internal/kbtest"
	"skillgraph/internal/testlog"
	"skillgraph/kb"
)

// These helpers drive httpapi.NewHandler over HTTP, as a client does, with
// the seed's graph and a search index that counts its calls: a request
// refused before execution never reaches it.

// countingIndex finds every node whose ID contains the search text, and
// counts the searches: the work a refused request must not cause.
type countingIndex struct {
	g     *kb.Graph
	calls atomic.Int64
}

func (c *countingIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	c.calls.Add(1)
	var out []kb.TextMatch
	for _, s := range c.g.Skills() {
		if strings.Contains(s.Slug, strings.ToLower(query)) {
			out = append(out, kb.TextMatch{Node: kb.NodeID(kb.KindSkill, s.Slug), Field: kb.FieldName, Lang: kb.English, Text: s.Name.Get(kb.English)})
		}
	}
	return out, 0, nil // the version kb.NewLive serves
}

type httpEnv struct {
	t     *testing.T
	h     http.Handler
	logs  *testlog.Buffer
	index *countingIndex
}

// seedGraph is the graph of the embedded seed.
func seedGraph(t testing.TB) *kb.Graph {
	t.Helper()
	_, g := kbtest.Seed(t)
	return g
}

// newHTTPEnv serves the seed with default options, changed by change.
func newHTTPEnv(t *testing.T, idx kb.VersionedIndex, change func(*httpapi.Options)) *httpEnv {
	t.Helper()
	return serveGraph(t, seedGraph(t), idx, change)
}

// serveGraph serves g with default options, changed by change.
func serveGraph(t *testing.T, g *kb.Graph, idx kb.VersionedIndex, change func(*httpapi.Options)) *httpEnv {
	t.Helper()
	e := &httpEnv{t: t, logs: &testlog.Buffer{}, index: &countingIndex{g: g}}
	if idx == nil {
		idx = e.index
	}
	opts := httpapi.DefaultOptions(slog.New(slog.NewJSONHandler(e.logs, nil)))
	if change != nil {
		change(&opts)
	}
	e.h = httpapi.NewHandler(&graph.Resolver{Live: kb.NewLive(g), Index: idx}, opts)
	return e
}

const (
	acceptGraphQL = "application/graphql-response+json"
	acceptJSON    = "application/json"
)

type gqlErr struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// answer is an HTTP response to a GraphQL request.
type answer struct {
	status  int
	header  http.Header
	body    string
	hasData bool
	Data    json.RawMessage
	Errors  []gqlErr
}

func (a answer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	code, _ := a.Errors[0].Extensions["code"].(string)
	return code
}

func (e *httpEnv) do(req *http.Request) answer {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	a := answer{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	if rec.Code == http.StatusNoContent {
		return a
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &fields); err != nil {
		e.t.Fatalf("%s %s: answer %d is not a JSON object: %q", req.Method, req.URL, rec.Code, rec.Body)
	}
	a.Data, a.hasData = fields["data"]
	if raw, ok := fields["errors"]; ok {
		if err := json.Unmarshal(raw, &a.Errors); err != nil {
			e.t.Fatalf("errors: %v", err)
		}
	}
	return a
}

// post sends a JSON body; header pairs follow it ("Accept", "…").
func (e *httpEnv) post(body string, header ...string) answer {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return e.do(req)
}

// postQuery sends {query, variables}.
func (e *httpEnv) postQuery(accept, query string, vars map[string]any) answer {
	e.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		e.t.Fatal(err)
	}
	if accept == "" {
		return e.post(string(body))
	}
	return e.post(string(body), "Accept", accept)
}

// get sends the parameters in the URL.
func (e *httpEnv) get(accept string, params url.Values) answer {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/query?"+params.Encode(), nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return e.do(req)
}

// leaks lists the internals a client must never see.
var leaks = []string{"SQL", "sqlite", "SELECT", "goroutine", ".go:", "/srv", "/tmp", "runtime error", "panic", "kb.", "*graph", "map[string]"}

func checkNoLeak(t *testing.T, what, body string) {
	t.Helper()
	for _, l := range leaks {
		if strings.Contains(body, l) {
			t.Errorf("%s: the answer leaks %q: %s", what, l, trim(body))
		}
	}
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
