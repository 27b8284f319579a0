package httpapi_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"skillgraph/db"
	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/kb"
)

// FuzzNameKey checks alias folding: NameKey keeps only lower-case letters,
// digits, '+' and '#'; it is idempotent; case (as strings.ToLower sees it)
// and separators do not change the key; and a name resolves to a skill
// exactly when its key is one of the skill's keys.
func FuzzNameKey(f *testing.F) {
	g := seedGraph(f)
	for _, s := range []string{"k8s", "Hadoo", "laC", "Hadoop MR", "스티리밍", "Apache-Spark", " K8S ", "C++", "C#", "c",
		"ſpark", "İstanbul", "ǅ", "Ⓢpark", "\xff\xfe", "", "   ", "spark\x00", "Ⅻ", "٣", "ǲ"} {
		f.Add(s)
	}
	keysOf := map[*kb.Skill][]string{}
	for _, s := range g.Skills() {
		keys := []string{kb.NameKey(s.Slug)}
		for _, n := range s.Name.Values() {
			keys = append(keys, kb.NameKey(n))
		}
		for _, a := range s.Aliases {
			keys = append(keys, kb.NameKey(a))
		}
		keysOf[s] = keys
	}
	f.Fuzz(func(t *testing.T, name string) {
		key := kb.NameKey(name)
		if !utf8.ValidString(key) {
			t.Fatalf("NameKey(%q) = %q is not UTF-8", name, key)
		}
		for _, r := range key {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#') {
				t.Fatalf("NameKey(%q) = %q keeps %q", name, key, r)
			}
		}
		if again := kb.NameKey(key); again != key {
			t.Fatalf("NameKey is not idempotent: %q → %q → %q", name, key, again)
		}
		if lower := kb.NameKey(strings.ToLower(name)); lower != key {
			t.Fatalf("case changes the key: NameKey(%q) = %q, of its lower case %q", name, key, lower)
		}
		var spaced strings.Builder
		for _, r := range name {
			spaced.WriteRune(r)
			spaced.WriteString(" -_./")
		}
		if k := kb.NameKey(spaced.String()); k != key {
			t.Fatalf("separators change the key: %q → %q, spaced out → %q", name, key, k)
		}
		skill := g.ResolveSkill(name)
		if skill == nil {
			return
		}
		if key == "" || !slices.Contains(keysOf[skill], key) {
			t.Fatalf("%q (key %q) resolves to %s, none of whose names or aliases has that key", name, key, skill.Slug)
		}
		if again := g.ResolveSkill(spaced.String()); again != skill {
			t.Fatalf("%q resolves to %s, spaced out to %v", name, skill.Slug, again)
		}
	})
}

// fuzzOperations are the operations FuzzGraphQLVariables sends variables
// to: every argument type of the query API.
var fuzzOperations = []string{
	`query($n: String!) { skill(name: $n) { slug name aliases } }`,
	`query($s: String!, $h: [String!]!) { skillGap(stage: $s, have: $h) { coverage unknown known { slug } missing(first: 3) { score why } } }`,
	`query($t: String!, $l: Lang, $f: Int) { search(text: $t, lang: $l, first: $f) { score snippet field node { id } } }`,
	`query($f: Int, $a: String, $c: String) { skills(first: $f, after: $a, category: $c) { totalCount edges { cursor node { slug } } } }`,
	`query($id: ID!) { node(id: $id) { id ... on Skill { name(lang: KO) } } }`,
	`query($s: String!, $k: [RequirementKind!], $f: Int) { skillsForStage(stage: $s, kinds: $k, first: $f) { score why(lang: EN) } }`,
	`query($a: String!, $b: String!, $f: Int, $l: Lang) { compareStages(a: $a, b: $b) { shared(first: $f) { name(lang: $l) } onlyA(first: $f) { score } } }`,
}

// knownCodes are the codes an answer to a client's mistake may carry.
var knownCodes = []string{
	graph.CodeParseFailed, graph.CodeValidationFailed, graph.CodeTooComplex, graph.CodeBadRequest,
	graph.CodeOperationNotFound, graph.CodeBadVariables, graph.CodePayloadTooLarge, kb.EINVALID, kb.ENOTFOUND,
}

// FuzzGraphQLVariables posts raw variables, spliced into the request body
// as they come (so they need not be JSON), to each operation through the
// real handler over the real database. Whatever they are, the answer is a
// JSON GraphQL response with a 2xx or 4xx status, every error has a known
// code, none is INTERNAL, and no message leaks internals.
func FuzzGraphQLVariables(f *testing.F) {
	seeds := []struct {
		op   uint8
		vars string
	}{
		{0, `{"n":"k8s"}`}, {0, `{"n":"Spa\u0000rk"}`}, {0, `{"n":12}`}, {0, `{"n":null}`}, {0, `{}`}, {0, `[]`}, {0, `{"n":`},
		{1, `{"s":"mature","h":["Python","Kafka"]}`}, {1, `{"s":"growth","h":"Go"}`}, {1, `{"s":"x","h":[null]}`}, {1, `{"s":"growth","h":[[["a"]]]}`},
		{2, `{"t":"분산","l":"KO","f":5}`}, {2, `{"t":"\" OR 1=1 --","f":-1}`}, {2, `{"t":"a","f":1e400}`}, {2, `{"t":"NEAR(a b)","l":"JA"}`},
		{2, `{"t":"x","f":2147483648}`}, {2, `{"t":"*","l":"ko"}`},
		{3, `{"f":3,"a":"bm9wZQ"}`}, {3, `{"f":1.5}`}, {3, `{"c":"cloud","a":"!!"}`},
		{4, `{"id":"skill:spark"}`}, {4, `{"id":"::"}`}, {4, `{"id":["skill:spark"]}`},
		{5, `{"s":"growth","k":["REQUIRED"],"f":2}`}, {5, `{"s":"growth","k":["SALARY"]}`}, {5, `{"s":"growth","k":"REQUIRED"}`},
		{6, `{"a":"growth","b":"mature","f":0,"l":"EN"}`}, {6, `{"a":"growth","b":"growth","f":101}`},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.vars))
	}
	store, live := openSeededStore(f)
	h := httpapi.NewHandler(&graph.Resolver{Live: live, Index: store}, httpapi.DefaultOptions(slog.New(slog.DiscardHandler)))
	f.Fuzz(func(t *testing.T, op uint8, vars []byte) {
		query, _ := json.Marshal(fuzzOperations[int(op)%len(fuzzOperations)])
		body := `{"query":` + string(query) + `,"variables":` + string(vars) + `}`
		for _, accept := range []string{acceptGraphQL, acceptJSON} {
			req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 || rec.Code < 200 {
				t.Fatalf("status %d for %s: %s", rec.Code, body, rec.Body)
			}
			var resp struct {
				Data   *json.RawMessage
				Errors []gqlErr
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("answer is not JSON: %q", rec.Body)
			}
			if (rec.Code == 200 || rec.Code == 294) && resp.Data == nil && len(resp.Errors) == 0 {
				t.Fatalf("%d without data or errors: %s", rec.Code, rec.Body)
			}
			for _, e := range resp.Errors {
				code, _ := e.Extensions["code"].(string)
				if !slices.Contains(knownCodes, code) {
					t.Fatalf("error with code %q for %s: %+v", code, body, e)
				}
				if code == kb.EINTERNAL {
					t.Fatalf("INTERNAL for %s: %+v", body, e)
				}
				for _, leak := range leaks {
					// A message may quote the request; what it adds must not leak.
					if strings.Contains(e.Message, leak) && !strings.Contains(body, leak) {
						t.Fatalf("error for %s leaks %q: %s", body, leak, e.Message)
					}
				}
			}
		}
	})
}

// openSeededStore opens a database in a temporary directory and stores the
// seed in it, as the server does on its first start, and returns it with
// the Live serving the seed's graph at the stored version.
func openSeededStore(f *testing.F) (*db.DB, *kb.Live) {
	f.Helper()
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(f.TempDir(), "kb.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { store.Close() })
	g := seedGraph(f)
	cs, _, err := store.Edit(ctx, kb.ChangeMeta{Author: "fuzz", Message: "the seed"}, func(ds *kb.Dataset) error {
		*ds = *g.Dataset()
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	live := &kb.Live{}
	live.Store(g, cs.Version) // the store's search answers for this graph
	return store, live
}
