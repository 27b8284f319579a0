package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
	"skillgraph/ops"
)

// These tests drive the cache's mechanics with a stand-in for the
// transport, which tells the cache what the request ran and how it went;
// transport_test.go checks what the real handler lets it replay.

// fakeTransport answers like the transport: it reads the body the cache
// hands on, notes the operation and the answer, and counts its calls.
type fakeTransport struct {
	calls  atomic.Int64
	kind   ast.Operation // the operation every request runs; "" for none found
	status int           // 200 when 0
	errors bool          // answer with errors
	answer func(body string) string
}

func (f *fakeTransport) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	body, _ := readBody(r)
	if f.kind != "" {
		noteOperation(r.Context(), &ast.OperationDefinition{Name: "Op", Operation: f.kind})
	}
	status := f.status
	if status == 0 {
		status = http.StatusOK
	}
	noteAnswer(r.Context(), status == http.StatusOK && !f.errors)
	answer := `{"data":{"q":` + jsonString(string(body)) + `}}`
	if f.answer != nil {
		answer = f.answer(string(body))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Handler", "set by the handler")
	w.WriteHeader(status)
	w.Write([]byte(answer))
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func seedLive(t *testing.T) *kb.Live {
	t.Helper()
	_, g := kbtest.Seed(t)
	return kb.NewLive(g)
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

func TestResponseCacheReplaysQueryAnswers(t *testing.T) {
	next := &fakeTransport{kind: ast.Query}
	h := ops.Identify(newResponseCache(seedLive(t), 1<<20).Wrap(next))
	q := `{"query":"query Ranked($s: String!) { skillsForStage(stage: $s) { score } }","variables":{"s":"growth"}}`

	first := post(t, h, q, nil)
	second := post(t, h, q, nil)
	if next.calls.Load() != 1 {
		t.Fatalf("the handler ran %d times for the same request, want once", next.calls.Load())
	}
	if first.Body.String() != `{"data":{"q":`+jsonString(q)+`}}` {
		t.Errorf("the handler did not get the body the cache read: %s", first.Body)
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

func TestResponseCacheReplaysOnlyCleanQueryAnswers(t *testing.T) {
	tests := []struct {
		name    string
		next    *fakeTransport
		header  map[string]string
		replays bool
	}{
		{name: "query", next: &fakeTransport{kind: ast.Query}, replays: true},
		{name: "mutation", next: &fakeTransport{kind: ast.Mutation}},
		{name: "subscription", next: &fakeTransport{kind: ast.Subscription}},
		{name: "no operation found", next: &fakeTransport{}},
		{name: "answer with errors", next: &fakeTransport{kind: ast.Query, errors: true}},
		{name: "answer not 200", next: &fakeTransport{kind: ast.Query, status: http.StatusServiceUnavailable}},
		{name: "authenticated", next: &fakeTransport{kind: ast.Query}, header: map[string]string{"Authorization": "Bearer t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newResponseCache(kb.NewLive(nil), 1<<20).Wrap(tt.next)
			body := `{"query":"{ stages { slug } }"}`
			post(t, h, body, tt.header)
			post(t, h, body, tt.header)
			if replayed := tt.next.calls.Load() == 1; replayed != tt.replays {
				t.Errorf("handler ran %d times; replayed = %v, want %v", tt.next.calls.Load(), replayed, tt.replays)
			}
		})
	}
}

func TestResponseCacheEmptiesWhenTheGraphChanges(t *testing.T) {
	live := seedLive(t)
	next := &fakeTransport{kind: ast.Query}
	h := newResponseCache(live, 1<<20).Wrap(next)
	q := `{"query":"{ stages { slug } }"}`
	post(t, h, q, nil)
	post(t, h, q, nil)
	live.Store(seedLive(t).Load(), 1) // an edit: a new graph
	post(t, h, q, nil)
	post(t, h, q, nil)
	if next.calls.Load() != 2 {
		t.Errorf("the handler ran %d times, want 2: once per graph", next.calls.Load())
	}
}

func TestResponseCacheStaysWithinItsBudget(t *testing.T) {
	next := &fakeTransport{kind: ast.Query, answer: func(body string) string {
		return `{"data":{"pad":"` + strings.Repeat("x", 1000) + `","q":` + jsonString(body) + `}}`
	}}
	h := newResponseCache(kb.NewLive(nil), 64<<10).Wrap(next)
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

// TestResponseCacheUnderConcurrency has many clients ask overlapping
// queries while the graph changes: every answer must be the one its own
// request gets from the handler.
func TestResponseCacheUnderConcurrency(t *testing.T) {
	graphs := []*kb.Graph{seedLive(t).Load(), seedLive(t).Load()}
	live := kb.NewLive(graphs[0])
	h := newResponseCache(live, 8<<10).Wrap(&fakeTransport{kind: ast.Query})
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
