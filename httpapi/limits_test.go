package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/kb"
	"skillgraph/synth"
)

// nested returns a query whose selection nests depth fields.
func nested(depth int) string {
	return `{ skill(name: "spark") { ` + strings.Repeat("broader { ", depth-2) + "slug" + strings.Repeat(" }", depth-2) + " } }"
}

// fragmentBomb returns a document whose fragments expand to 2^n searches
// while the document itself stays a few hundred bytes.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, `fragment F%d on Query { search(text: "kafka") { score } }`, n)
	return b.String()
}

func aliases(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

func names(n int, name string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", name, i)
	}
	return out
}

func quoted(list []string) string {
	b, _ := json.Marshal(list)
	return string(b)
}

// Every limit refuses its request with a code that says which limit, and
// before anything runs: the answer has no data, and the search index the
// queries would call is never called.
func TestLimitsRefuseBeforeAnyResolverRuns(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	long := strings.Repeat("가", 100_000)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		code  string
		limit string
	}{
		{"too many tokens", `{ search(text: "kafka") { score ` + strings.Repeat("__typename ", 6000) + `} }`, nil,
			graph.CodeTooComplex, "tokens"},
		{"60 deep", strings.Replace(nested(60), `{ skill(name: "spark")`, `{ search(text: "kafka") { score } skill(name: "spark")`, 1), nil,
			graph.CodeTooComplex, "depth"},
		{"fragments that expand to 2^40 fields", fragmentBomb(40), nil, graph.CodeTooComplex, "complexity"},
		{"300 aliases", `{ search(text: "kafka") { ` + aliases(300, "score") + `} }`, nil, graph.CodeTooComplex, "aliases"},
		{"25 root fields", `{ ` + aliases(25, `search(text: "kafka") { score }`) + ` }`, nil, graph.CodeTooComplex, "rootFields"},
		{"lists within lists", `{ search(text: "a", first: 100) { node { ... on Skill {
			requirements { skills { requirements { skills { requirements { id } } } } } } } } }`, nil, graph.CodeTooComplex, "complexity"},
		{"a 100,000-character literal", `{ search(text: "` + long + `") { score } }`, nil, kb.EINVALID, "stringLength"},
		{"a 100,000-character variable", `query($t: String!) { search(text: $t) { score } }`, map[string]any{"t": long}, kb.EINVALID, "stringLength"},
		{"a 100,000-character block string", `{ search(text: """` + long + `""") { score } }`, nil, kb.EINVALID, "stringLength"},
		{"a 200-name literal list", `{ search(text: "kafka") { score } skillGap(stage: "growth", have: ` + quoted(names(200, "s")) + `) { coverage } }`, nil,
			kb.EINVALID, "listLength"},
		{"a 20,000-name variable list", `query($h: [String!]!) { search(text: "kafka") { score } skillGap(stage: "growth", have: $h) { coverage } }`,
			map[string]any{"h": names(20_000, "skill")}, kb.EINVALID, "listLength"},
		{"an unused oversized variable", `{ search(text: "kafka") { score } }`, map[string]any{"junk": names(20_000, "x")}, kb.EINVALID, "listLength"},
		{"variables nested 40 deep", `query($h: [String!]!) { search(text: "kafka") { score } skillGap(stage: "growth", have: $h) { coverage } }`,
			map[string]any{"h": json.RawMessage(strings.Repeat("[", 40) + strings.Repeat("]", 40))}, kb.EINVALID, "listLength"},
		{"first above 100", `{ search(text: "kafka", first: 5000) { score } }`, nil, kb.EINVALID, "first"},
		{"first below 0, in a variable", `query($n: Int) { search(text: "kafka", first: $n) { score } }`, map[string]any{"n": -1}, kb.EINVALID, "first"},
		{"first above 100, nested", `{ search(text: "kafka") { score } compareStages(a: "growth", b: "mature") { shared(first: 101) { slug } } }`, nil,
			kb.EINVALID, "first"},
	}
	for _, tt := range tests {
		a := e.postQuery(acceptGraphQL, tt.query, tt.vars)
		limit := ""
		if len(a.Errors) > 0 {
			limit, _ = a.Errors[0].Extensions["limit"].(string)
		}
		if a.status != 422 || a.code() != tt.code || limit != tt.limit || a.hasData || len(a.Errors) != 1 {
			t.Errorf("%s: %d %q limit %q, want 422 %q limit %q\n%s", tt.name, a.status, a.code(), limit, tt.code, tt.limit, trim(a.body))
			continue
		}
		if _, ok := a.Errors[0].Extensions["max"].(float64); !ok {
			t.Errorf("%s: the refusal does not say the limit's value: %v", tt.name, a.Errors[0].Extensions)
		}
		if len(a.Errors[0].Message) > 300 {
			t.Errorf("%s: the message quotes the input: %s…", tt.name, a.Errors[0].Message[:300])
		}
	}
	if n := e.index.calls.Load(); n != 0 {
		t.Errorf("refused requests ran %d searches", n)
	}
	// The same requests within the limits do run.
	for _, q := range []string{nested(9), `{ search(text: "kafka") { ` + aliases(30, "score") + `} }`, fragmentBomb(4)} {
		if a := e.postQuery(acceptGraphQL, q, nil); a.status != 200 || len(a.Errors) > 0 {
			t.Errorf("within the limits: %d %s", a.status, trim(a.body))
		}
	}
}

func TestLimitMessagesSayWhatWasOver(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	tests := []struct{ query, want string }{
		{nested(60), "the query nests fields 60 deep; the limit is 10"},
		{`{ stages { ` + aliases(31, "slug") + `} }`, "the query uses 31 aliases; the limit is 30"},
		{`{ ` + aliases(21, "stages { slug }") + ` }`, "the operation selects 21 fields at its top level; the limit is 20"},
		{`{ skills(first: 5000) { totalCount } }`, "skills: first must be at most 100, got 5000"},
		{`{ skill(name: "` + strings.Repeat("x", 2001) + `") { slug } }`, `argument "name" of skill is a string of 2001 characters; the limit is 2000`},
	}
	for _, tt := range tests {
		if a := e.postQuery("", tt.query, nil); len(a.Errors) != 1 || a.Errors[0].Message != tt.want {
			t.Errorf("got %s\nwant %q", trim(a.body), tt.want)
		}
	}
}

func TestLimitsAreConfigurable(t *testing.T) {
	e := newHTTPEnv(t, nil, func(o *httpapi.Options) {
		o.MaxDepth, o.MaxAliases, o.MaxRootFields, o.MaxComplexity = 2, 0, 1, 5
		o.MaxStringLength, o.MaxListLength, o.MaxTokens = 6, 1, 20
	})
	tests := []struct {
		query string
		limit string
	}{
		{`{ stages { requirements { id } } }`, "depth"},
		{`{ stages { s: slug } }`, "aliases"},
		{`{ stages { slug } categories { slug } }`, "rootFields"},
		{`{ stages { slug name summary } }`, "complexity"}, // 1 + 2 stages × 3
		{`{ skill(name: "Kubernetes") { slug } }`, "stringLength"},
		{`{ skillGap(stage: "growth", have: ["a", "b"]) { coverage } }`, "listLength"},
		{`{ stages { ` + strings.Repeat("slug ", 20) + `} }`, "tokens"},
	}
	for _, tt := range tests {
		a := e.postQuery("", tt.query, nil)
		if len(a.Errors) != 1 || a.Errors[0].Extensions["limit"] != tt.limit {
			t.Errorf("%s: %s, want the %s limit", tt.query, trim(a.body), tt.limit)
		}
	}
	if a := e.postQuery("", `{ stages { slug } }`, nil); len(a.Errors) > 0 {
		t.Errorf("a query within the small limits: %s", a.body)
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	introspection, err := os.ReadFile("testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	on := newHTTPEnv(t, nil, nil)
	a := on.postQuery(acceptGraphQL, string(introspection), nil)
	if a.status != 200 || len(a.Errors) > 0 || !strings.Contains(string(a.Data), `"queryType":{"name":"Query"}`) {
		t.Errorf("GraphiQL's introspection query: %d %s", a.status, trim(a.body))
	}
	if a := on.postQuery("", `{ stages { slugg } }`, nil); !strings.Contains(a.body, `Did you mean \"slug\"`) {
		t.Errorf("with introspection on, errors suggest fields: %s", a.body)
	}

	off := newHTTPEnv(t, nil, func(o *httpapi.Options) { o.Introspection = false })
	for _, q := range []string{string(introspection), `{ __type(name: "Skill") { name } }`, `query { ...S } fragment S on Query { __schema { queryType { name } } }`} {
		a := off.postQuery(acceptGraphQL, q, nil)
		if a.status != 422 || a.code() != graph.CodeValidationFailed || a.hasData || !strings.Contains(a.body, "introspection is disabled") {
			t.Errorf("introspection off: %d %s", a.status, trim(a.body))
		}
	}
	if a := off.postQuery("", `{ stages { __typename slug } }`, nil); len(a.Errors) > 0 {
		t.Errorf("__typename with introspection off: %s", a.body)
	}
	if a := off.postQuery("", `{ stages { slugg } }`, nil); a.code() != graph.CodeValidationFailed || strings.Contains(a.body, "Did you mean") {
		t.Errorf("with introspection off, errors still reveal field names: %s", a.body)
	}
}

// explorerQueries reads every query the explorer sends from its source, so
// that a new query there that the default limits refuse fails here.
func explorerQueries(t *testing.T) map[string]string {
	t.Helper()
	src, err := os.ReadFile("../explorer/static/assets/queries.js")
	if os.IsNotExist(err) {
		t.Skip("the explorer's queries.js is not in this tree")
	}
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)const (\\w+) = `(.*?)`;").FindAllStringSubmatch(string(src), -1) {
		consts[m[1]] = m[2]
	}
	// fitQuery(stageCount) builds its query, one field per stage up to
	// MAX_FIT: this is what it builds for the two stages of the seed (FIT)
	// and for MAX_FIT stages or more (FIT_MAX, the most root fields and
	// aliases the page sends).
	for _, m := range regexp.MustCompile(`export function (\w+)`).FindAllStringSubmatch(string(src), -1) {
		if m[1] != "fitQuery" {
			t.Fatalf("queries.js builds queries with %s: build them here too", m[1])
		}
	}
	fit := regexp.MustCompile("(?s)export function fitQuery.*?vars\\.push\\(`(.*?)`\\);.*?fields\\.push\\(`(.*?)`\\);.*?return `(.*?)`;").FindStringSubmatch(string(src))
	maxFit := regexp.MustCompile(`const MAX_FIT = (\d+);`).FindStringSubmatch(string(src))
	if fit == nil || maxFit == nil {
		t.Fatal("queries.js has no fitQuery or MAX_FIT any more: update this test")
	}
	fitFor := func(n int) string {
		var vars, fields []string
		for i := range n {
			vars = append(vars, strings.ReplaceAll(fit[1], "${i}", strconv.Itoa(i)))
			fields = append(fields, strings.ReplaceAll(fit[2], "${i}", strconv.Itoa(i)))
		}
		return strings.NewReplacer("${vars.join(', ')}", strings.Join(vars, ", "), "${fields.join('\\n')}", strings.Join(fields, "\n")).Replace(fit[3])
	}
	n, _ := strconv.Atoi(maxFit[1])
	consts["FIT"] = fitFor(2)
	consts["FIT_MAX"] = fitFor(n)
	queries := map[string]string{}
	for name, q := range consts {
		for ref, v := range consts {
			q = strings.ReplaceAll(q, "${"+ref+"}", v)
		}
		if strings.Contains(strings.TrimSpace(q), "query ") {
			if strings.Contains(q, "${") {
				t.Fatalf("%s: an interpolation this test does not expand: %s", name, q)
			}
			queries[name] = q
		}
	}
	if len(queries) < 8 {
		t.Fatalf("found %d queries in queries.js: update this test", len(queries))
	}
	return queries
}

// TestDefaultLimitsAdmitTheExplorer runs every explorer query with the
// variables it sends, the largest pages included.
func TestDefaultLimitsAdmitTheExplorer(t *testing.T) {
	admitsTheExplorer(t, newHTTPEnv(t, nil, nil), "growth", "mature", "spark")
}

// TestDefaultLimitsAdmitTheExplorerAtScale does so at the synthetic scale
// of the benchmarks (100 stages, 10,000 skills, 100,000 requirements),
// whose lists are costed at their longest: pages keep every query the
// explorer sends within the default limits.
func TestDefaultLimitsAdmitTheExplorerAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a graph of 100,000 requirements: not with -short")
	}
	ds := synth.Generate(synth.Options{Seed: 1, Stages: 100, Skills: 10000, Requirements: 100000})
	g, err := kb.NewGraph(ds)
	if err != nil {
		t.Fatal(err)
	}
	ranked, err := g.RankSkills(ds.Stages[0].Slug, nil, 1)
	if err != nil || len(ranked) == 0 {
		t.Fatalf("the first stage ranks no skill: %v", err)
	}
	// What is measured is the cost model's verdict, not the speed: a
	// posting read at this scale builds its analyzer first, which takes
	// longer than the request timeout under the race detector.
	patient := func(o *httpapi.Options) { o.RequestTimeout = 5 * time.Minute }
	admitsTheExplorer(t, serveGraph(t, g, nil, patient), ds.Stages[0].Slug, ds.Stages[1].Slug, ranked[0].Skill.Slug)
}

// admitsTheExplorer runs every explorer query with the variables it sends,
// the largest pages included, about stages a and b and a skill.
func admitsTheExplorer(t *testing.T, e *httpEnv, a, b, skill string) {
	t.Helper()
	vars := map[string]any{
		"lang": "KO", "text": "kafka", "name": skill, "stage": a, "a": a, "b": b,
		"s0": a, "s1": b, "have": names(30, "skill"), "first": 100, "searchLang": nil, "kinds": nil, "after": nil,
	}
	for i := 2; i < 40; i++ { // FIT_MAX asks about as many stages as the page may
		vars[fmt.Sprintf("s%d", i)] = []string{a, b}[i%2]
	}
	for name, q := range explorerQueries(t) {
		if resp := e.postQuery(acceptGraphQL, q, vars); resp.status != 200 || len(resp.Errors) > 0 {
			t.Errorf("%s: %d %s", name, resp.status, trim(resp.body))
		}
	}
}

// Enum values are case-sensitive. gqlparser's coercion of variables
// ignores case and gqlgen's types do not; the request must be refused up
// front as a client's error (a variable that does not coerce, a literal
// that does not validate), not fail later as an internal one.
func TestEnumVariablesAreCaseSensitive(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	tests := []struct {
		query  string
		vars   map[string]any
		status int
		code   string
		want   string
	}{
		{`query($l: Lang) { search(text: "kafka", lang: $l) { score } }`, map[string]any{"l": "ko"},
			400, graph.CodeBadVariables, `variable $l: "ko" is not a valid Lang; use one of KO, EN, JA`},
		{`query($k: [RequirementKind!]) { skillsForStage(stage: "growth", kinds: $k) { score } }`, map[string]any{"k": []string{"REQUIRED", "preferred"}},
			400, graph.CodeBadVariables, `variable $k[1]: "preferred" is not a valid RequirementKind`},
		{`{ search(text: "kafka", lang: ko) { score } }`, nil,
			422, graph.CodeValidationFailed, `Value "ko" does not exist in "Lang" enum.`},
	}
	for _, tt := range tests {
		a := e.postQuery(acceptGraphQL, tt.query, tt.vars)
		if a.status != tt.status || a.code() != tt.code || a.hasData || !strings.Contains(a.Errors[0].Message, tt.want) {
			t.Errorf("%s %v: %d %s", tt.query, tt.vars, a.status, trim(a.body))
		}
	}
	if n := e.index.calls.Load(); n != 0 {
		t.Errorf("%d searches ran", n)
	}
	if a := e.postQuery("", `query($l: Lang) { search(text: "kafka", lang: $l) { score } }`, map[string]any{"l": "KO"}); len(a.Errors) > 0 {
		t.Errorf("KO: %s", a.body)
	}
}

// Names are quoted in error messages; a huge one is refused before any.
func TestHugeNamesAreRefused(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	huge := strings.Repeat("n", 100_000)
	for _, tt := range []struct {
		body string
		want string
	}{
		{`{"query":"{ ` + huge + ` }"}`, "the query has a name of 100000 characters; the limit is 128"},
		{`{"query":"query($` + huge + `: String) { stages { slug } }"}`, "the query has a name of 100000 characters"},
		{`{"query":"{ stages { slug } }","operationName":"` + huge + `"}`, "the operation name has 100000 characters; the limit is 128"},
		{`{"query":"{ stages { slug } }","variables":{"` + huge + `":1}}`, "a variable's name is a string of 100000 characters"},
		{`{"query":"{ skill(name: \"` + huge + `\" { slug } }"}`, "the query has a string of 100000 characters; the limit is 2000"},
	} {
		a := e.post(tt.body, "Accept", acceptGraphQL)
		if a.status != 422 || len(a.body) > 500 || len(a.Errors) != 1 || !strings.Contains(a.Errors[0].Message, tt.want) {
			t.Errorf("%d %s, want %q", a.status, trim(a.body), tt.want)
		}
	}
}
