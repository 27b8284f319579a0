package httpapi_test

import (
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
	"skillgraph/kb"
	"skillgraph/ops"
)

func respCacheGraph(t *testing.T) *kb.Graph {
	t.Helper()
	_, g := kbtest.Seed(t)
	return g
}

// countingHandler answers like the GraphQL handler would, counting the
// requests that reach it.
type countingHandler struct {
	calls  atomic.Int64
	answer func(r *http.Request, body string) (int, string)
}

func (h *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.calls.Add(1)
	body, _ := io.ReadAll(r.Body)
	status, answer := http.StatusOK, `{"data":{"n":`+jsonString(string(body))+`}}`
	if h.answer != nil {
		status, answer = h.answer(r, string(body))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Handler", "set by the handler")
	w.WriteHeader(status)
	io.WriteString(w, answer)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func post(t *testing.T, h http.Handler, body string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestResponseCacheReplaysReadOnlyAnswers(t *testing.T) {
	live := kb.NewLive(respCacheGraph(t))
	next := &countingHandler{}
	cache := httpapi.NewResponseCache(live, 1<<20)
	h := ops.Identify(cache.Wrap(next))
	q := `{"query":"query Ranked($s: String!) { skillsForStage(stage: $s) { score } }","variables":{"s":"growth"}}`

	first := post(t, h, q, nil)
	second := post(t, h, q, nil)
	if next.calls.Load() != 1 {
		t.Fatalf("the handler ran %d times for the same request, want once", next.calls.Load())
	}
	if first.Body.String() != second.Body.String() || second.Code != http.StatusOK {
		t.Errorf("replayed %d %q, want %q", second.Code, second.Body, first.Body)
	}
	if got := second.Header().Get("X-Handler"); got != "set by the handler" {
		t.Errorf("the handler's header was not replayed: %q", got)
	}
	if a, b := first.Header().Get(ops.HeaderRequestID), second.Header().Get(ops.HeaderRequestID); a == "" || a == b {
		t.Errorf("request IDs %q and %q: each answer must have its own", a, b)
	}
	if s := cache.Stats(); s.Hits != 1 || s.Stores != 1 {
		t.Errorf("stats %+v, want 1 hit, 1 store", s)
	}

	// Other variables, another Accept header, or GET: other answers.
	post(t, h, strings.Replace(q, "growth", "mature", 1), nil)
	post(t, h, q, map[string]string{"Accept": "application/graphql-response+json"})
	get := httptest.NewRequest(http.MethodGet, "/query?query="+url.QueryEscape(`{ stages { slug } }`), nil)
	h.ServeHTTP(httptest.NewRecorder(), get)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, get.URL.String(), nil))
	if next.calls.Load() != 4 {
		t.Errorf("the handler ran %d times, want 4: each distinct request once", next.calls.Load())
	}
}

func TestResponseCacheEmptiesWhenTheGraphChanges(t *testing.T) {
	g := respCacheGraph(t)
	live := kb.NewLive(g)
	next := &countingHandler{}
	h := httpapi.NewResponseCache(live, 1<<20).Wrap(next)
	q := `{"query":"{ stages { slug } }"}`
	post(t, h, q, nil)
	post(t, h, q, nil)
	live.Store(respCacheGraph(t), 1) // an edit: a new graph
	post(t, h, q, nil)
	post(t, h, q, nil)
	if next.calls.Load() != 2 {
		t.Errorf("the handler ran %d times, want 2: once per graph", next.calls.Load())
	}
}

func TestResponseCacheKeepsOnlyWhatIsSafeToReplay(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		header  map[string]string
		status  int
		answer  string
		replays bool
	}{
		{name: "query", body: `{"query":"{ stages { slug } }"}`, replays: true},
		{name: "named query among others", body: `{"query":"query A { stages { slug } } mutation B { addAlias(skill: \"go\", alias: \"x\") { skill { slug } } }","operationName":"A"}`, replays: true},
		{name: "mutation", body: `{"query":"mutation { addAlias(skill: \"go\", alias: \"x\") { skill { slug } } }"}`},
		{name: "mutation chosen by name", body: `{"query":"query A { stages { slug } } mutation B { addAlias(skill: \"go\", alias: \"x\") { skill { slug } } }","operationName":"B"}`},
		{name: "subscription", body: `{"query":"subscription { stages { slug } }"}`},
		{name: "persisted query hash alone", body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`},
		{name: "syntax error", body: `{"query":"{ stages { slug }"}`},
		{name: "not JSON", body: `query=1`},
		{name: "answer with errors", body: `{"query":"{ stage(slug: \"x\") { slug } }"}`, answer: `{"errors":[{"message":"no","extensions":{"requestId":"1"}}],"data":null}`},
		{name: "answer not 200", body: `{"query":"{ stages { slug } }"}`, status: http.StatusServiceUnavailable},
		{name: "authenticated", body: `{"query":"{ stages { slug } }"}`, header: map[string]string{"Authorization": "Bearer t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := &countingHandler{answer: func(*http.Request, string) (int, string) {
				status, answer := http.StatusOK, `{"data":{}}`
				if tt.status != 0 {
					status = tt.status
				}
				if tt.answer != "" {
					answer = tt.answer
				}
				return status, answer
			}}
			h := httpapi.NewResponseCache(kb.NewLive(nil), 1<<20).Wrap(next)
			post(t, h, tt.body, tt.header)
			post(t, h, tt.body, tt.header)
			if replayed := next.calls.Load() == 1; replayed != tt.replays {
				t.Errorf("handler ran %d times; replayed = %v, want %v", next.calls.Load(), replayed, tt.replays)
			}
		})
	}
}

func TestResponseCacheStaysWithinItsBudget(t *testing.T) {
	next := &countingHandler{answer: func(_ *http.Request, body string) (int, string) {
		return http.StatusOK, `{"data":{"pad":"` + strings.Repeat("x", 1000) + `","q":` + jsonString(body) + `}}`
	}}
	h := httpapi.NewResponseCache(kb.NewLive(nil), 64<<10).Wrap(next)
	query := func(i int) string {
		return `{"query":"query($i: Int) { skills(first: $i) { totalCount } }","variables":{"i":` + strings.Repeat("1", 1+i%50) + `}}`
	}
	for i := range 500 {
		post(t, h, query(i), nil)
	}
	// 50 distinct answers of about 1.3 kB: the budget keeps some, not all;
	// the most recent ones are kept.
	before := next.calls.Load()
	post(t, h, query(499), nil)
	if next.calls.Load() != before {
		t.Error("the most recent answer was not kept")
	}
	if before <= 50 {
		t.Errorf("the handler ran %d times for 50 distinct requests: a 64 kB budget cannot hold them all", before)
	}
}

func TestResponseCacheOverTheRealHandler(t *testing.T) {
	live := kb.NewLive(respCacheGraph(t))
	opts := httpapi.DefaultOptions(slog.New(slog.DiscardHandler))
	cache := httpapi.NewResponseCache(live, httpapi.DefaultResponseCacheBytes)
	h := ops.Identify(cache.Wrap(httpapi.NewHandler(&graph.Resolver{Live: live}, opts)))
	q := `{"query":"query Gap($h: [String!]!) { skillGap(stage: \"mature\", have: $h) { coverage missing(first: 2) { skill { slug } why } } }","variables":{"h":["Python","Kafka"]}}`
	first, second := post(t, h, q, nil), post(t, h, q, nil)
	if first.Code != http.StatusOK || !strings.Contains(first.Body.String(), `"coverage":0.333`) {
		t.Fatalf("answer %d %s", first.Code, first.Body)
	}
	if second.Body.String() != first.Body.String() || second.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
		t.Errorf("replayed %q (%s), want %q (%s)", second.Body, second.Header().Get("Content-Type"), first.Body, first.Header().Get("Content-Type"))
	}
	if s := cache.Stats(); s.Hits != 1 {
		t.Errorf("stats %+v, want a hit", s)
	}
	// An error names the request: never replayed.
	bad := `{"query":"{ stage(slug: \"growth\") { nope } }"}`
	a, b := post(t, h, bad, nil), post(t, h, bad, nil)
	if a.Body.String() == b.Body.String() && strings.Contains(a.Body.String(), "request") {
		t.Errorf("an error answer was replayed: %s", b.Body)
	}
}

// TestResponseCacheUnderConcurrency has many clients ask overlapping
// queries while the graph changes: every answer must be the one its own
// request gets from the handler.
func TestResponseCacheUnderConcurrency(t *testing.T) {
	graphs := []*kb.Graph{respCacheGraph(t), respCacheGraph(t)}
	live := kb.NewLive(graphs[0])
	next := &countingHandler{answer: func(_ *http.Request, body string) (int, string) {
		return http.StatusOK, `{"data":{"q":` + jsonString(body) + `}}`
	}}
	h := httpapi.NewResponseCache(live, 8<<10).Wrap(next)
	done := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
				live.Store(graphs[i%2], i)
			}
		}
	}()
	errs := make(chan string, 8)
	for w := range 8 {
		go func() {
			for i := range 200 {
				q := `{"query":"query($i: Int) { skills(first: $i) { totalCount } }","variables":{"i":` + strings.Repeat("2", 1+(i*7+w)%20) + `}}`
				rec := post(t, h, q, nil)
				if want := `{"data":{"q":` + jsonString(q) + `}}`; rec.Body.String() != want {
					errs <- rec.Body.String()
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Errorf("a request got another's answer: %s", e)
		}
	}
	close(done)
}
