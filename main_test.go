package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestSkillStagesMatchTheArticle(t *testing.T) {
	s := startServer(t)
	tests := []struct {
		name   string
		stages []string
	}{
		{"Kafka", []string{"mature"}},
		{"Tableau", []string{"growth"}},
		{"Kubernetes", []string{"growth"}},
		{"Spark", []string{"growth", "mature"}},
		{"Python", []string{"growth", "mature"}},
	}
	for _, tt := range tests {
		var got struct {
			Skill struct {
				Stages []struct {
					Stage struct{ Slug string }
				}
			}
		}
		s.data(`query($n: String!) { skill(name: $n) { stages { stage { slug } } } }`, map[string]any{"n": tt.name}, &got)
		var slugs []string
		for _, st := range got.Skill.Stages {
			slugs = append(slugs, st.Stage.Slug)
		}
		if !slices.Equal(slugs, tt.stages) {
			t.Errorf("%s belongs to %v, want %v", tt.name, slugs, tt.stages)
		}
	}
}

func TestAliasesResolve(t *testing.T) {
	s := startServer(t)
	tests := map[string]string{
		"Hadoo": "hadoop", "laC": "iac", "Hadoop MR": "hadoop-mapreduce", "스티리밍": "stream-processing",
		"k8s": "kubernetes", "golang": "go", "Apache Spark": "spark", "aws": "aws", "APACHE-SPARK": "spark",
		" K8S ": "kubernetes", "카프카": "kafka",
	}
	for name, want := range tests {
		var got struct{ Skill *struct{ Slug string } }
		s.data(`query($n: String!) { skill(name: $n) { slug } }`, map[string]any{"n": name}, &got)
		if got.Skill == nil || got.Skill.Slug != want {
			t.Errorf("skill(name: %q) = %+v, want %s", name, got.Skill, want)
		}
	}
	var none struct{ Skill *struct{ Slug string } }
	s.data(`{ skill(name: "COBOL") { slug } }`, nil, &none)
	if none.Skill != nil {
		t.Errorf("skill(name: COBOL) = %+v, want null", none.Skill)
	}
}

func TestOnlyGoSatisfiesTheGrowthLanguageRequirement(t *testing.T) {
	s := startServer(t)
	var got struct {
		SkillGap struct {
			Satisfied []struct{ ID string }
			Unknown   []string
		}
	}
	s.data(`{ skillGap(stage: "growth", have: ["Go"]) { satisfied { id } unknown } }`, nil, &got)
	ids := []string{}
	for _, r := range got.SkillGap.Satisfied {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"requirement:growth-programming-language"}) {
		t.Errorf("satisfied = %v, want only the language requirement", ids)
	}
}

func TestPythonAndKafkaForTheMatureStage(t *testing.T) {
	s := startServer(t)
	var got struct {
		SkillGap struct {
			Coverage  float64
			Satisfied []struct{ ID string }
			Missing   []struct {
				Skill struct{ Slug string }
				Score float64
				Why   []string
			}
			Unknown []string
		}
	}
	s.data(`{ skillGap(stage: "mature", have: ["Python", "Kafka", "Fortran"]) {
		coverage satisfied { id } missing { skill { slug } score why } unknown } }`, nil, &got)
	gap := got.SkillGap
	var satisfied []string
	for _, r := range gap.Satisfied {
		satisfied = append(satisfied, r.ID)
	}
	// Python is a programming language, so it also meets "intermediate
	// programming skills (web, client, server programming and the like)".
	want := []string{"requirement:mature-distributed-systems", "requirement:mature-software-engineering", "requirement:mature-intermediate-programming"}
	if !slices.Equal(satisfied, want) {
		t.Errorf("satisfied = %v, want %v", satisfied, want)
	}
	// Of the stage's weight 21 (four responsibilities × 2, three required ×
	// 3, four preferred × 1): two required and one preferred, 7/21.
	if gap.Coverage != 0.333 {
		t.Errorf("coverage = %v, want 0.333", gap.Coverage)
	}
	if !slices.Equal(gap.Unknown, []string{"Fortran"}) {
		t.Errorf("unknown = %v", gap.Unknown)
	}
	// One strength among ingestion, processing and analysis completes the
	// pipeline requirement (line 43, widened by line 58): the best next step.
	var top []string
	for _, m := range gap.Missing[:3] {
		top = append(top, m.Skill.Slug)
		if !strings.Contains(strings.Join(m.Why, " "), "line 43") {
			t.Errorf("why for %s does not cite line 43: %q", m.Skill.Slug, m.Why)
		}
	}
	if want := []string{"data-ingestion", "data-processing", "data-analysis"}; !slices.Equal(top, want) {
		t.Errorf("top missing = %v, want %v", top, want)
	}
}

func TestUnknownStageIsNotFound(t *testing.T) {
	s := startServer(t)
	queries := []string{
		`{ skillsForStage(stage: "startup") { score } }`,
		`{ compareStages(a: "growth", b: "startup") { shared { slug } } }`,
		`{ skillGap(stage: "startup", have: ["go"]) { coverage } }`,
	}
	for _, q := range queries {
		resp := s.query(q, nil)
		if len(resp.Errors) != 1 {
			t.Fatalf("%s: errors = %+v, want one", q, resp.Errors)
		}
		e := resp.Errors[0]
		if e.Extensions["code"] != "NOT_FOUND" {
			t.Errorf("%s: code = %v, want NOT_FOUND", q, e.Extensions["code"])
		}
		for _, want := range []string{`"startup"`, "growth", "mature"} {
			if !strings.Contains(e.Message, want) {
				t.Errorf("%s: message %q does not name %s", q, e.Message, want)
			}
		}
	}
	var got struct{ Stage *struct{ Slug string } }
	s.data(`{ stage(slug: "startup") { slug } }`, nil, &got)
	if got.Stage != nil {
		t.Errorf("stage(slug: startup) = %+v, want null", got.Stage)
	}
}

// TestEveryFactCitesItsArticleLine reads the article and checks each
// requirement's and trait's source against it, through the API.
func TestEveryFactCitesItsArticleLine(t *testing.T) {
	s := startServer(t)
	lines := articleLines(t)
	type source struct {
		Document string
		Line     int
		Quote    string
	}
	var got struct {
		Stages []struct {
			Slug         string
			Requirements []struct {
				Kind   string
				TextKO string
				TextEN string
				Source source
			}
			Traits []struct {
				Kind   string
				Source source
			}
		}
	}
	s.data(`{ stages { slug
		requirements { kind textKO: text(lang: KO) textEN: text(lang: EN) source { document line quote } }
		traits { kind source { document line quote } } } }`, nil, &got)
	bullets := 0
	for _, st := range got.Stages {
		for _, r := range st.Requirements {
			bullets++
			checkQuote(t, lines, r.Source.Line, r.Source.Quote)
			if r.TextKO != r.Source.Quote || r.TextEN == "" || r.TextEN == r.TextKO {
				t.Errorf("line %d: Korean text should be the quote and English its own: %q / %q", r.Source.Line, r.TextKO, r.TextEN)
			}
		}
		for _, tr := range st.Traits {
			bullets++
			checkQuote(t, lines, tr.Source.Line, tr.Source.Quote)
		}
	}
	want := 0
	for _, l := range lines[5:] {
		if strings.HasPrefix(l, "- ") {
			want++
		}
	}
	if bullets != want {
		t.Errorf("the API has %d requirements and traits, the article %d bullets", bullets, want)
	}
}

func articleLines(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("seed/documents/data-engineer-mid-sized-company.ko.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

func checkQuote(t *testing.T, lines []string, line int, quote string) {
	t.Helper()
	if line < 1 || line > len(lines) {
		t.Errorf("line %d is outside the article", line)
		return
	}
	if got := strings.TrimSpace(strings.TrimPrefix(lines[line-1], "- ")); got != quote {
		t.Errorf("line %d: quote %q, article says %q", line, quote, got)
	}
}

func TestSearch(t *testing.T) {
	s := startServer(t)
	tests := []struct {
		text, lang string
		wantFirst  string // ID of the first hit
		wantAny    string // an ID somewhere in the hits
	}{
		{text: "kafka", wantFirst: "skill:kafka"},
		{text: "k8s", wantFirst: "skill:kubernetes"},
		{text: "분산", wantAny: "skill:distributed-systems"},
		{text: "BI", wantAny: "skill:data-visualization"},
		{text: "데이터 파이프라인", wantFirst: "skill:data-pipeline"},
		{text: "strongly preferred", lang: "EN", wantAny: "trait:growth-large-traffic"},
		{text: "강하게 선호", lang: "KO", wantAny: "trait:growth-many-preferred-stacks"},
	}
	for _, tt := range tests {
		vars := map[string]any{"t": tt.text}
		if tt.lang != "" {
			vars["l"] = tt.lang
		}
		var got struct {
			Search []struct {
				Node    struct{ ID string }
				Snippet string
				Score   float64
			}
		}
		s.data(`query($t: String!, $l: Lang) { search(text: $t, lang: $l, first: 20) { node { id } snippet score } }`, vars, &got)
		if len(got.Search) == 0 {
			t.Errorf("search(%q) found nothing", tt.text)
			continue
		}
		var ids []string
		for _, h := range got.Search {
			ids = append(ids, h.Node.ID)
			if h.Snippet == "" || h.Score <= 0 || h.Score > 1 {
				t.Errorf("search(%q): hit %s has snippet %q and score %v", tt.text, h.Node.ID, h.Snippet, h.Score)
			}
		}
		if tt.wantFirst != "" && ids[0] != tt.wantFirst {
			t.Errorf("search(%q) first = %s, want %s (all: %v)", tt.text, ids[0], tt.wantFirst, ids)
		}
		if tt.wantAny != "" && !slices.Contains(ids, tt.wantAny) {
			t.Errorf("search(%q) = %v, want it to include %s", tt.text, ids, tt.wantAny)
		}
	}
}

func TestSkillsConnectionPages(t *testing.T) {
	s := startServer(t)
	type page struct {
		Skills struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ Slug string }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	q := `query($after: String) { skills(first: 25, after: $after) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`
	var seen []string
	var after any
	total := -1
	for range 100 { // pages of 25: a bound, not the expected count
		var p page
		s.data(q, map[string]any{"after": after}, &p)
		total = p.Skills.TotalCount
		for _, e := range p.Skills.Edges {
			seen = append(seen, e.Node.Slug)
		}
		if !p.Skills.PageInfo.HasNextPage {
			break
		}
		after = *p.Skills.PageInfo.EndCursor
	}
	if len(seen) != total || total < 40 {
		t.Errorf("paged through %d of %d skills", len(seen), total)
	}
	slices.Sort(seen)
	if len(slices.Compact(seen)) != total {
		t.Errorf("pages overlap")
	}
	resp := s.query(`{ skills(after: "bm9wZQ") { totalCount } }`, nil)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("bad cursor: %+v, want BAD_USER_INPUT", resp.Errors)
	}
}

func TestNodeLookup(t *testing.T) {
	s := startServer(t)
	tests := []struct {
		id, typename string
	}{
		{"skill:spark", "Skill"},
		{"stage:growth", "Stage"},
		{"requirement:growth-cloud", "Requirement"},
		{"trait:mature-one-strength-is-enough", "Trait"},
		{"category:cloud", "Category"},
		{"skill:nope", ""},
	}
	for _, tt := range tests {
		var got struct {
			Node *struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
		s.data(`query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": tt.id}, &got)
		switch {
		case tt.typename == "" && got.Node != nil:
			t.Errorf("node(%s) = %+v, want null", tt.id, got.Node)
		case tt.typename != "" && (got.Node == nil || got.Node.Typename != tt.typename || got.Node.ID != tt.id):
			t.Errorf("node(%s) = %+v, want a %s", tt.id, got.Node, tt.typename)
		}
	}
}

func TestBadRequestsGetClearErrors(t *testing.T) {
	s := startServer(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		wantCode    string
		wantMsg     string
	}{
		{"syntax error", `{ stages { slug }`, nil, "GRAPHQL_PARSE_FAILED", "Expected"},
		{"unknown field", `{ stages { salary } }`, nil, "GRAPHQL_VALIDATION_FAILED", `Cannot query field "salary"`},
		{"wrong variable type", `query($f: Int) { skills(first: $f) { totalCount } }`, map[string]any{"f": "ten"}, "BAD_VARIABLES", "Int"},
		{"first too large", `{ skills(first: 5000) { totalCount } }`, nil, "BAD_USER_INPUT", "at most 100"},
		{"empty search", `{ search(text: "  ") { score } }`, nil, "BAD_USER_INPUT", "empty"},
		{"malformed node id", `{ node(id: "spark") { id } }`, nil, "BAD_USER_INPUT", "KIND:SLUG"},
	}
	for _, tt := range tests {
		resp := s.query(tt.query, tt.vars)
		if len(resp.Errors) == 0 {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		e := resp.Errors[0]
		if e.Extensions["code"] != tt.wantCode || !strings.Contains(e.Message, tt.wantMsg) {
			t.Errorf("%s: got %q (code %v), want code %s and %q", tt.name, e.Message, e.Extensions["code"], tt.wantCode, tt.wantMsg)
		}
	}
}

func TestGetQueriesAndPlayground(t *testing.T) {
	s := startServer(t)
	resp, err := http.Get(s.url + "/query?query=" + url.QueryEscape(`{ stages { slug } }`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"slug":"growth"`) {
		t.Errorf("GET /query = %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "graphiql") {
		t.Errorf("GET / = %d, want the GraphiQL playground", resp.StatusCode)
	}
}

// TestRestartKeepsTheData starts twice on one file: the second start finds
// the data, does not seed again, and answers the same.
func TestRestartKeepsTheData(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	q := `{ stages { slug requirements { id } traits { id } } skills(first: 100) { totalCount } }`
	first := startServer(t, withDB(dbPath))
	before := first.query(q, nil)
	first.main.Close()

	second := startServer(t, withDB(dbPath))
	after := second.query(q, nil)
	if !bytes.Equal(before.Data, after.Data) || len(after.Errors) > 0 {
		t.Errorf("after restart:\n%s\nbefore:\n%s", after.Data, before.Data)
	}
}

// TestExplorerFromDisk serves the explorer from a copy of its files, as a
// developer does with -explorer-dir: an edit shows on the next request,
// and nothing is cached. A directory without the page is refused at start.
func TestExplorerFromDisk(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("explorer/static")); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, withEnv(map[string]string{"KB_EXPLORER_DIR": dir}))
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, page := get("/explore/")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(page, "app.js") {
		t.Fatalf("GET /explore/: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	asset := regexp.MustCompile(`src="(v/[^"]+/app\.js)"`).FindStringSubmatch(page)
	if asset == nil {
		t.Fatalf("no app.js in the page: %s", page)
	}
	if err := os.WriteFile(filepath.Join(dir, "assets", "app.js"), []byte("// edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if resp, body := get("/explore/" + asset[1]); resp.StatusCode != http.StatusOK || body != "// edited\n" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("app.js after an edit: %d %q, Cache-Control %q", resp.StatusCode, body, resp.Header.Get("Cache-Control"))
	}

	m := NewMain(io.Discard)
	if err := m.ParseFlags([]string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "kb.db"), "-explorer-dir", t.TempDir()}, func(string) string { return "" }); err != nil {
		t.Fatal(err)
	}
	err := m.Run(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("an explorer directory without index.html: %v", err)
	}
}
