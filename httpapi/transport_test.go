package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/kb"
)

// The GraphQL-over-HTTP draft (graphql.github.io/graphql-over-http/draft)
// gives each outcome a status under application/graphql-response+json;
// application/json answers every GraphQL response 200, as its legacy
// clients expect, and server failures 5xx.
func TestStatusCodesFollowTheSpec(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	tests := []struct {
		name          string
		query         string
		operationName string
		vars          map[string]any
		extensions    map[string]any
		code          string
		wantGraphQL   int // under application/graphql-response+json
		data          bool
	}{
		{name: "full answer", query: `{ stages { slug } }`, wantGraphQL: 200, data: true},
		{name: "field error: data and errors", query: `{ skillsForStage(stage: "startup") { score } }`,
			code: kb.ENOTFOUND, wantGraphQL: 294, data: true},
		{name: "document does not parse", query: `{ stages { slug }`, code: graph.CodeParseFailed, wantGraphQL: 400},
		{name: "document does not validate", query: `{ stages { salary } }`, code: graph.CodeValidationFailed, wantGraphQL: 422},
		{name: "operation cannot be determined", query: `query A { stages { slug } } query B { categories { slug } }`,
			code: graph.CodeOperationNotFound, wantGraphQL: 400},
		{name: "no such operation", query: `query A { stages { slug } }`, operationName: "B",
			code: graph.CodeOperationNotFound, wantGraphQL: 400},
		{name: "variables do not coerce", query: `query($f: Int) { skills(first: $f) { totalCount } }`,
			vars: map[string]any{"f": "ten"}, code: graph.CodeBadVariables, wantGraphQL: 400},
		{name: "a required variable is missing", query: `query($s: String!) { stage(slug: $s) { slug } }`,
			code: graph.CodeBadVariables, wantGraphQL: 400},
		{name: "an enum variable in the wrong case", query: `query($l: Lang) { stages { name(lang: $l) } }`,
			vars: map[string]any{"l": "ko"}, code: graph.CodeBadVariables, wantGraphQL: 400},
		{name: "over a limit", query: `{ skills(first: 5000) { totalCount } }`, code: kb.EINVALID, wantGraphQL: 422},
		{name: "unknown persisted query", extensions: map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("ab", 32)}},
			code: graph.CodePersistedQueryNotFound, wantGraphQL: 404},
	}
	for _, tt := range tests {
		for _, accept := range []string{acceptGraphQL, acceptJSON} {
			body, _ := json.Marshal(map[string]any{"query": tt.query, "operationName": tt.operationName, "variables": tt.vars, "extensions": tt.extensions})
			a := e.post(string(body), "Accept", accept)
			want := tt.wantGraphQL
			if accept == acceptJSON {
				want = 200
			}
			if a.status != want || a.code() != tt.code || a.hasData != tt.data {
				t.Errorf("%s, Accept %s: %d, code %q, data %v; want %d, %q, data %v\n%s",
					tt.name, accept, a.status, a.code(), a.hasData, want, tt.code, tt.data, trim(a.body))
			}
			if ct := a.header.Get("Content-Type"); ct != accept+"; charset=utf-8" {
				t.Errorf("%s, Accept %s: Content-Type %q", tt.name, accept, ct)
			}
		}
	}
}

func TestAcceptNegotiation(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	tests := []struct{ accept, want string }{
		{"", acceptJSON}, // no Accept: what every client reads
		{acceptGraphQL, acceptGraphQL},
		{"application/graphql-response+json, application/json;q=0.9", acceptGraphQL},
		{acceptJSON, acceptJSON},
		{"*/*", acceptJSON},
		{"application/*", acceptJSON},
		{"text/html, */*;q=0.8", acceptJSON},
		{"application/json;q=0.5, application/graphql-response+json", acceptGraphQL},
		{"application/graphql-response+json;q=0.5, application/json", acceptJSON},
		{"application/json;q=0, */*", acceptGraphQL},
		{"application/graphql-response+json, application/json, multipart/mixed", acceptGraphQL}, // GraphiQL
		{"text/html", ""},
		{"application/json;q=0", ""},
		{"application/xml, text/plain", ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ stages { slug } }"}`))
		req.Header.Set("Content-Type", "application/json")
		if tt.accept != "" {
			req.Header.Set("Accept", tt.accept)
		}
		a := e.do(req)
		ct := a.header.Get("Content-Type")
		switch {
		case tt.want == "" && (a.status != http.StatusNotAcceptable || a.code() != graph.CodeNotAcceptable || ct != "application/json; charset=utf-8"):
			t.Errorf("Accept %q: %d %s %s, want 406 NOT_ACCEPTABLE in JSON", tt.accept, a.status, a.code(), ct)
		case tt.want != "" && (a.status != 200 || ct != tt.want+"; charset=utf-8"):
			t.Errorf("Accept %q: %d %s, want 200 %s", tt.accept, a.status, ct, tt.want)
		}
	}
}

func TestMethods(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead} {
		a := e.do(httptest.NewRequest(method, "/query", strings.NewReader(`{"query":"{ stages { slug } }"}`)))
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "GET, POST, OPTIONS" ||
			(method != http.MethodHead && a.code() != graph.CodeMethodNotAllowed) {
			t.Errorf("%s: %d Allow %q code %q", method, a.status, a.header.Get("Allow"), a.code())
		}
	}
	a := e.do(httptest.NewRequest(http.MethodOptions, "/query", nil))
	if a.status != http.StatusNoContent || a.header.Get("Allow") != "GET, POST, OPTIONS" {
		t.Errorf("OPTIONS: %d Allow %q", a.status, a.header.Get("Allow"))
	}
}

// A mutation over GET is refused with 405 and Allow: POST before anything
// else happens to the document: not validated (it need not fit the
// schema), not executed.
func TestMutationOverGETIsRefused(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	mutation := `mutation { addAlias(skill: "spark", alias: "sparky") { skill { slug } } }`
	tests := []struct {
		name      string
		params    url.Values
		want      int
		wantCode  string
		wantAllow string
	}{
		{"a mutation", url.Values{"query": {mutation}}, 405, graph.CodeMethodNotAllowed, "POST"},
		{"a mutation the schema does not have", url.Values{"query": {`mutation { dropEverything }`}}, 405, graph.CodeMethodNotAllowed, "POST"},
		{"the mutation of two operations", url.Values{"query": {`query Q { stages { slug } } mutation M { nope }`}, "operationName": {"M"}},
			405, graph.CodeMethodNotAllowed, "POST"},
		{"the query of two operations", url.Values{"query": {`query Q { stages { slug } } mutation M { nope }`}, "operationName": {"Q"}},
			422, graph.CodeValidationFailed, ""}, // validation covers the whole document
		{"a query", url.Values{"query": {`{ stages { slug } }`}}, 200, "", ""},
		{"a query with variables", url.Values{"query": {`query($s: String!) { stage(slug: $s) { slug } }`}, "variables": {`{"s":"growth"}`}}, 200, "", ""},
	}
	for _, tt := range tests {
		for _, accept := range []string{acceptGraphQL, acceptJSON} {
			a := e.get(accept, tt.params)
			want := tt.want
			if accept == acceptJSON && want == 422 {
				want = 200
			}
			if a.status != want || a.code() != tt.wantCode || a.header.Get("Allow") != tt.wantAllow {
				t.Errorf("%s (Accept %s): %d %q Allow %q, want %d %q Allow %q", tt.name, accept, a.status, a.code(),
					a.header.Get("Allow"), want, tt.wantCode, tt.wantAllow)
			}
		}
	}

	// A persisted mutation, named over GET by its hash alone, is refused
	// too, once its document is known.
	hash := sha256.Sum256([]byte(mutation))
	ext := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":%q}}`, hex.EncodeToString(hash[:]))
	a := e.post(fmt.Sprintf(`{"query":%q,"extensions":%s}`, mutation, ext), "Accept", acceptGraphQL)
	if a.status != http.StatusForbidden || a.code() != "FORBIDDEN" || a.hasData {
		t.Errorf("POST of a mutation on a server without admin edits: %d %s", a.status, trim(a.body))
	}
	a = e.get(acceptGraphQL, url.Values{"extensions": {ext}})
	if a.status != 405 || a.header.Get("Allow") != "POST" || a.code() != graph.CodeMethodNotAllowed {
		t.Errorf("GET of a persisted mutation: %d %s", a.status, trim(a.body))
	}
}

func TestMalformedRequests(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	const ok = `{"query":"{ stages { slug } }"}`
	tests := []struct {
		name        string
		contentType string
		encoding    string
		body        string
		wantGraphQL int // status under application/graphql-response+json
		wantJSON    int // under application/json
		code        string
		message     string
	}{
		{"no content type", "", "", ok, 415, 415, graph.CodeUnsupportedMediaType, "application/json"},
		{"text", "text/plain", "", ok, 415, 415, graph.CodeUnsupportedMediaType, "text/plain"},
		{"a form (a CSRF-able simple request)", "application/x-www-form-urlencoded", "", "query=%7B%7D", 415, 415, graph.CodeUnsupportedMediaType, "application/json"},
		{"application/graphql", "application/graphql", "", "{ stages { slug } }", 415, 415, graph.CodeUnsupportedMediaType, "application/json"},
		{"another charset", "application/json; charset=latin1", "", ok, 415, 415, graph.CodeUnsupportedMediaType, "UTF-8"},
		{"compressed", "application/json", "gzip", ok, 415, 415, graph.CodeUnsupportedMediaType, "uncompressed"},
		{"UTF-8 spelled out", "application/json; charset=UTF-8", "", ok, 200, 200, "", ""},
		{"empty body", "application/json", "", "", 422, 400, graph.CodeBadRequest, "empty"},
		{"not JSON", "application/json", "", "NONSENSE", 400, 400, graph.CodeBadRequest, "not valid JSON (at byte 1)"},
		{"cut short", "application/json", "", `{"query":`, 400, 400, graph.CodeBadRequest, "not valid JSON"},
		{"two objects", "application/json", "", ok + ok, 400, 400, graph.CodeBadRequest, "not valid JSON"},
		{"a batch", "application/json", "", "[" + ok + "]", 422, 400, graph.CodeBadRequest, "batched"},
		{"a string", "application/json", "", `"{ stages { slug } }"`, 422, 400, graph.CodeBadRequest, "JSON object"},
		{"a typo", "application/json", "", `{"qeury":"{ stages { slug } }"}`, 422, 400, graph.CodeBadRequest, "no query"},
		{"query not a string", "application/json", "", `{"query":{"a":1}}`, 422, 400, graph.CodeBadRequest, `"query" must be a string`},
		{"operationName not a string", "application/json", "", `{"query":"{ stages { slug } }","operationName":7}`, 422, 400, graph.CodeBadRequest, "operationName"},
		{"variables not an object", "application/json", "", `{"query":"{ stages { slug } }","variables":[7]}`, 422, 400, graph.CodeBadRequest, `"variables" must be an object`},
		{"extensions not an object", "application/json", "", `{"query":"{ stages { slug } }","extensions":"x"}`, 422, 400, graph.CodeBadRequest, "extensions"},
		{"nulls are absent", "application/json", "", `{"query":"{ stages { slug } }","operationName":null,"variables":null,"extensions":null}`, 200, 200, "", ""},
		{"unknown properties are ignored", "application/json", "", `{"query":"{ stages { slug } }","future":true}`, 200, 200, "", ""},
	}
	for _, tt := range tests {
		for _, accept := range []string{acceptGraphQL, acceptJSON} {
			req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.encoding != "" {
				req.Header.Set("Content-Encoding", tt.encoding)
			}
			req.Header.Set("Accept", accept)
			a := e.do(req)
			want := tt.wantGraphQL
			if accept == acceptJSON {
				want = tt.wantJSON
			}
			msg := ""
			if len(a.Errors) > 0 {
				msg = a.Errors[0].Message
			}
			if a.status != want || a.code() != tt.code || !strings.Contains(msg, tt.message) || a.hasData != (tt.code == "") {
				t.Errorf("%s (Accept %s): %d %q %q, want %d %q containing %q", tt.name, accept, a.status, a.code(), msg, want, tt.code, tt.message)
			}
			if tt.code != "" && a.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%s: a refusal that is not a GraphQL response is %q", tt.name, a.header.Get("Content-Type"))
			}
		}
	}
	// A refusal never quotes the body back: it may hold anything.
	a := e.post(`{"query": "{ stages }", "secret": "hunter2"` + "\x00")
	if a.status != 400 || strings.Contains(a.body, "hunter2") {
		t.Errorf("malformed body answered %d %s", a.status, a.body)
	}
}

func TestBodyLimit(t *testing.T) {
	e := newHTTPEnv(t, nil, func(o *httpapi.Options) { o.MaxBodyBytes = 1000 })
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	big := `{"query":"{ stages { slug } }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`
	small := `{"query":"{ stages { slug } }","variables":{"pad":"` + strings.Repeat("x", 900) + `"}}`
	for _, tt := range []struct {
		name    string
		body    string
		chunked bool // no Content-Length: the limit is found while reading
		want    int
	}{
		{"declared too large", big, false, 413},
		{"found too large", big, true, 413},
		{"within the limit", small, false, 200},
		{"within the limit, chunked", small, true, 200},
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(tt.body))
		req.Header.Set("Content-Type", "application/json")
		if tt.chunked {
			req.ContentLength = -1
			req.TransferEncoding = []string{"chunked"}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		body := readAll(t, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s: %d %s, want %d", tt.name, resp.StatusCode, trim(body), tt.want)
		}
		if tt.want == 413 && (!strings.Contains(body, `"code":"PAYLOAD_TOO_LARGE"`) || !strings.Contains(body, "limit of 1000 bytes")) {
			t.Errorf("%s: body %s", tt.name, body)
		}
	}
	if n := e.index.calls.Load(); n != 0 {
		t.Errorf("%d searches ran", n)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	query := `query Stages { stages { slug } }`
	sum := sha256.Sum256([]byte(query))
	ext := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":"%s"}}`, hex.EncodeToString(sum[:]))

	// The hash alone, before the server knows it: the client is told to
	// send the document (Apollo's clients match on the message).
	a := e.post(`{"extensions":`+ext+`}`, "Accept", acceptGraphQL)
	if a.status != 404 || a.code() != graph.CodePersistedQueryNotFound || a.Errors[0].Message != "PersistedQueryNotFound" {
		t.Fatalf("unknown hash: %d %s", a.status, a.body)
	}
	if a = e.post(fmt.Sprintf(`{"query":%q,"extensions":%s}`, query, ext)); a.status != 200 || len(a.Errors) > 0 {
		t.Fatalf("document with its hash: %d %s", a.status, a.body)
	}
	want := a.Data
	if a = e.post(`{"extensions":` + ext + `}`); a.status != 200 || string(a.Data) != string(want) {
		t.Errorf("hash alone over POST: %d %s", a.status, a.body)
	}
	if a = e.get(acceptGraphQL, url.Values{"extensions": {ext}}); a.status != 200 || string(a.Data) != string(want) {
		t.Errorf("hash alone over GET: %d %s", a.status, a.body)
	}
	a = e.post(fmt.Sprintf(`{"query":"{ categories { slug } }","extensions":%s}`, ext), "Accept", acceptGraphQL)
	if a.status != 400 || a.code() != graph.CodeBadRequest || !strings.Contains(a.Errors[0].Message, "hash does not match") {
		t.Errorf("document that does not match its hash: %d %s", a.status, a.body)
	}
}

func TestErrorsCarryTheRequestID(t *testing.T) {
	for _, panics := range []bool{false, true} {
		e := newHTTPEnv(t, brokenIndex{panics: panics}, nil)
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ stages { slug } search(text: \"kafka\") { score } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", acceptGraphQL)
		req.Header.Set("X-Request-ID", "trace-42")
		a := e.do(req)
		if a.status != 294 || len(a.Errors) != 1 || a.code() != kb.EINTERNAL || a.Errors[0].Message != "internal error" {
			t.Fatalf("panics=%v: %d %s", panics, a.status, a.body)
		}
		if id := a.Errors[0].Extensions["requestId"]; id != "trace-42" || a.header.Get("X-Request-ID") != "trace-42" {
			t.Errorf("panics=%v: requestId %v, header %q", panics, id, a.header.Get("X-Request-ID"))
		}
		errs, _ := json.Marshal(a.Errors)
		checkNoLeak(t, fmt.Sprintf("panics=%v", panics), string(errs))
		// The log line with the details carries the ID the client saw.
		found := false
		for line := range strings.SplitSeq(e.logs.String(), "\n") {
			if strings.Contains(line, `"request_id":"trace-42"`) && (strings.Contains(line, "/srv/data") || strings.Contains(line, "text_search")) {
				found = true
			}
		}
		if !found {
			t.Errorf("panics=%v: no log line with the request ID and the details:\n%s", panics, e.logs.String())
		}
	}
	// Refusals by the transport carry it too, and a fresh ID is made when
	// the client sends none.
	e := newHTTPEnv(t, nil, nil)
	a := e.post("NONSENSE")
	if id := a.header.Get("X-Request-ID"); id == "" || a.Errors[0].Extensions["requestId"] != id {
		t.Errorf("malformed JSON: header %q, error %v", id, a.Errors[0].Extensions)
	}
}

// blockingIndex answers a search only when released, whatever its context
// says: a handler stuck in it must not hold the client past the deadline.
type blockingIndex struct{ release chan struct{} }

func (b blockingIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	<-b.release
	return nil, 0, nil
}

// slowIndex gives up when the request's context ends, as the database does.
type slowIndex struct{}

func (slowIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	<-ctx.Done()
	return nil, 0, fmt.Errorf("search: %w", ctx.Err())
}

func TestRequestDeadline(t *testing.T) {
	const q = `{"query":"{ search(text: \"kafka\") { score } }"}`
	short := func(o *httpapi.Options) { o.RequestTimeout = 20 * time.Millisecond }

	// The handler is stuck: the client gets TIMEOUT at the deadline all
	// the same, before the stuck search returns.
	release := make(chan struct{})
	e := newHTTPEnv(t, blockingIndex{release}, short)
	a := e.post(q, "Accept", acceptGraphQL)
	close(release)
	if a.status != 503 || a.code() != graph.CodeTimeout || !strings.Contains(a.Errors[0].Message, "20ms") || a.Errors[0].Extensions["requestId"] == nil {
		t.Errorf("stuck handler: %d %s", a.status, a.body)
	}

	// The search gives up at the deadline: the error says why, not INTERNAL.
	e = newHTTPEnv(t, slowIndex{}, short)
	a = e.post(q, "Accept", acceptGraphQL)
	if a.code() != graph.CodeTimeout || a.status == 200 {
		t.Errorf("search past the deadline: %d %s", a.status, a.body)
	}
	if strings.Contains(e.logs.String(), "internal error") {
		t.Errorf("a timeout was logged as an internal error: %s", e.logs.String())
	}
}

func TestAnswersAreSafeToRender(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	a := e.postQuery(acceptGraphQL, `query($h: [String!]!) { skillGap(stage: "growth", have: $h) { unknown } }`,
		map[string]any{"h": []string{`<script>alert("x")</script>`, "Tom & Jerry"}})
	if a.status != 200 || strings.Contains(a.body, "<script>") || !strings.Contains(a.body, `\u003cscript\u003e`) || strings.Contains(a.body, " & ") {
		t.Errorf("HTML in data is not escaped: %s", a.body)
	}
	var got struct{ SkillGap struct{ Unknown []string } }
	if err := json.Unmarshal(a.Data, &got); err != nil || got.SkillGap.Unknown[0] != `<script>alert("x")</script>` {
		t.Errorf("the names did not come back as given: %s", a.Data)
	}
	for header, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
		if a.header.Get(header) != want {
			t.Errorf("%s = %q, want %q", header, a.header.Get(header), want)
		}
	}
}

// TestAnswersReplayedAreOnlyCleanQueryAnswers asks each request twice: a
// query answered without errors is replayed from the response cache (its
// search runs once), anything else is answered afresh (its errors carry
// each request's own ID).
func TestAnswersReplayedAreOnlyCleanQueryAnswers(t *testing.T) {
	persisted := `query Find { search(text: "spark") { score } }`
	sum := sha256.Sum256([]byte(persisted))
	ext := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":"%s"}}`, hex.EncodeToString(sum[:]))
	tests := []struct {
		name     string
		body     string
		get      url.Values
		searches int64 // searches run by the two requests: 1 when the second is replayed
		replays  bool
	}{
		{name: "query", body: `{"query":"{ search(text: \"spark\") { score } }"}`, searches: 1, replays: true},
		{name: "query over GET", get: url.Values{"query": {`{ search(text: "spark") { score } }`}}, searches: 1, replays: true},
		{name: "named query among others", body: `{"query":"query A { search(text: \"spark\") { score } } mutation B { addAlias(skill: \"go\", alias: \"x\") { skill { slug } } }","operationName":"A"}`,
			searches: 1, replays: true},
		{name: "persisted query by its hash", body: `{"extensions":` + ext + `}`, searches: 1, replays: true},
		{name: "query with a field error", body: `{"query":"{ search(text: \"spark\") { score } skillsForStage(stage: \"startup\") { score } }"}`, searches: 2},
		{name: "mutation chosen by name", body: `{"query":"query A { search(text: \"spark\") { score } } mutation B { addAlias(skill: \"go\", alias: \"x\") { skill { slug } } }","operationName":"B"}`},
		{name: "document that does not parse", body: `{"query":"{ search(text: \"spark\") { score }"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newHTTPEnv(t, nil, nil)
			e.post(fmt.Sprintf(`{"query":%q,"extensions":%s}`, persisted, ext)) // registers the persisted query
			e.index.calls.Store(0)
			ask := func() answer {
				if tt.get != nil {
					return e.get("", tt.get)
				}
				return e.post(tt.body)
			}
			first, second := ask(), ask()
			if got := e.index.calls.Load(); got != tt.searches {
				t.Errorf("searches run: %d, want %d", got, tt.searches)
			}
			if replayed := first.body == second.body; replayed != tt.replays {
				t.Errorf("second answer the same as the first: %v, want %v\n%s\n%s", replayed, tt.replays, trim(first.body), trim(second.body))
			}
		})
	}
}
