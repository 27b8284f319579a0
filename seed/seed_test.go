package seed_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"skillgraph/kb"
	"skillgraph/seed"
)

const article = "data-engineer-mid-sized-company.ko.md"

func loadEmbedded(t *testing.T) *kb.Dataset {
	t.Helper()
	ds, err := seed.Load(seed.Files())
	if err != nil {
		t.Fatalf("Load(Files()):\n%v", err)
	}
	return ds
}

func TestFilesHoldsDataAndDocuments(t *testing.T) {
	for _, name := range []string{"data/vocabulary/language.yaml", "data/stages/growth.yaml", "data/stages/mature.yaml", "documents/" + article} {
		if _, err := fs.Stat(seed.Files(), name); err != nil {
			t.Errorf("Files() lacks %s: %v", name, err)
		}
	}
}

func TestLoadEmbeddedStages(t *testing.T) {
	ds := loadEmbedded(t)
	var got []string
	for _, s := range ds.Stages {
		got = append(got, s.Slug)
	}
	if want := []string{"growth", "mature"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("stages = %v, want %v", got, want)
	}
	tests := []struct {
		stage   string
		line    int
		heading string
	}{
		{"growth", 6, "1) 급성장으로 플랫폼을 만들어야하는 데이터 엔지니어"},
		{"mature", 34, "2) 서비스가 궤도에 오르고 플랫폼을 성숙시켜야 하는 데이터 엔지니어"},
	}
	for i, tt := range tests {
		want := kb.Source{Document: article, Section: tt.heading, Line: tt.line, Quote: tt.heading}
		if got := ds.Stages[i].Source; got != want {
			t.Errorf("stage %s source = %+v, want %+v", tt.stage, got, want)
		}
	}
}

// bullet is a list item of the article, with what its place in the article
// says it must become.
type bullet struct {
	line  int
	text  string
	stage string // slug of the stage whose "## " section holds it
	kind  string
}

// kindBySection maps the article's "### " headings to the kinds of the
// bullets under them. Both spellings the article uses are listed.
var kindBySection = map[string]string{
	"담당 업무": string(kb.Responsibility),
	"담당업무":  string(kb.Responsibility),
	"자격요건":  string(kb.Required),
	"우대사항":  string(kb.Preferred),
	"채용 공고에서 나타나는 특징": string(kb.PostingSignal),
	"실제 업무에서 나타날 특징":  string(kb.WorkReality),
	"실제 업무에서 나타나는 특징": string(kb.WorkReality),
}

// articleBullets reads the bullets of the article's stage sections from the
// document itself, so the test checks the data against the article, not
// against a second copy of the data.
func articleBullets(t *testing.T, stages []kb.Stage) []bullet {
	t.Helper()
	data, err := fs.ReadFile(seed.Files(), "documents/"+article)
	if err != nil {
		t.Fatal(err)
	}
	var out []bullet
	section, kind := -1, ""
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section, kind = section+1, ""
		case strings.HasPrefix(line, "### "):
			h := strings.TrimSpace(strings.TrimPrefix(line, "### "))
			var ok bool
			if kind, ok = kindBySection[h]; !ok {
				t.Fatalf("line %d: no kind for section %q", i+1, h)
			}
		case strings.HasPrefix(line, "- ") && section >= 0:
			if section >= len(stages) || kind == "" {
				t.Fatalf("line %d: bullet outside a stage's part: %q", i+1, line)
			}
			out = append(out, bullet{i + 1, strings.TrimSpace(line[2:]), stages[section].Slug, kind})
		}
	}
	if section != len(stages)-1 {
		t.Fatalf("article has %d stage sections, data has %d stages", section+1, len(stages))
	}
	return out
}

// citing is a requirement or trait, as the bullet test sees it.
type citing struct {
	id, stage, kind, quote string
}

func citingNodes(ds *kb.Dataset) map[int][]citing {
	byLine := map[int][]citing{}
	for _, r := range ds.Requirements {
		if r.Source.Document == article {
			byLine[r.Source.Line] = append(byLine[r.Source.Line], citing{"requirement:" + r.Slug, r.Stage, string(r.Kind), r.Source.Quote})
		}
	}
	for _, tr := range ds.Traits {
		if tr.Source.Document == article {
			byLine[tr.Source.Line] = append(byLine[tr.Source.Line], citing{"trait:" + tr.Slug, tr.Stage, string(tr.Kind), tr.Source.Quote})
		}
	}
	return byLine
}

func TestEveryBulletIsOneRequirementOrTrait(t *testing.T) {
	ds := loadEmbedded(t)
	bullets := articleBullets(t, ds.Stages)
	byLine := citingNodes(ds)
	for _, b := range bullets {
		nodes := byLine[b.line]
		delete(byLine, b.line)
		if len(nodes) != 1 {
			t.Errorf("line %d %q: cited by %d nodes %v, want exactly 1", b.line, b.text, len(nodes), nodes)
			continue
		}
		n := nodes[0]
		if n.stage != b.stage || n.kind != b.kind || n.quote != b.text {
			t.Errorf("line %d: %s has stage %s, kind %s, quote %q; want %s, %s, %q", b.line, n.id, n.stage, n.kind, n.quote, b.stage, b.kind, b.text)
		}
	}
	for line, nodes := range byLine {
		t.Errorf("line %d is not a bullet of a stage section, yet cited by %v", line, nodes)
	}
	if len(bullets) == 0 {
		t.Fatal("found no bullets in the article")
	}
}

func TestEveryNodeHasKoreanAndEnglish(t *testing.T) {
	ds := loadEmbedded(t)
	check := func(node string, texts kb.Texts) {
		t.Helper()
		for _, lang := range kb.RequiredLangs {
			if strings.TrimSpace(texts.Exact(lang)) == "" {
				t.Errorf("%s: no %s text", node, lang)
			}
		}
	}
	for _, c := range ds.Categories {
		check("category:"+c.Slug+" name", c.Name)
	}
	for _, s := range ds.Skills {
		check("skill:"+s.Slug+" name", s.Name)
	}
	for _, s := range ds.Stages {
		check("stage:"+s.Slug+" name", s.Name)
		check("stage:"+s.Slug+" summary", s.Summary)
	}
	for _, r := range ds.Requirements {
		check("requirement:"+r.Slug+" text", r.Text)
	}
	for _, tr := range ds.Traits {
		check("trait:"+tr.Slug+" statement", tr.Statement)
		for i, im := range tr.Implications {
			check(fmt.Sprintf("trait:%s implications[%d]", tr.Slug, i), im)
		}
	}
}

func TestArticleSpellingsResolve(t *testing.T) {
	ds := loadEmbedded(t)
	owner := map[string]string{} // name key → skill slug
	for _, s := range ds.Skills {
		names := append([]string{s.Slug}, s.Aliases...)
		for _, n := range s.Name.Values() {
			names = append(names, n)
		}
		for _, n := range names {
			owner[kb.NameKey(n)] = s.Slug
		}
	}
	tests := []struct{ name, skill string }{
		{"Hadoo", "hadoop"}, // the article's typo
		{"laC", "iac"},      // lower-case L for I, as the article writes it
		{"Hadoop MR", "hadoop-mapreduce"},
		{"스티리밍", "stream-processing"}, // the article's typo of 스트리밍
		{"k8s", "kubernetes"},
		{"golang", "go"},
		{"Apache Spark", "spark"},
		{"AWS", "aws"},
	}
	for _, tt := range tests {
		if got := owner[kb.NameKey(tt.name)]; got != tt.skill {
			t.Errorf("%q names skill %q, want %q", tt.name, got, tt.skill)
		}
	}
}

func TestRequirementAndTraitFields(t *testing.T) {
	ds := loadEmbedded(t)
	req := find(t, ds.Requirements, func(r kb.Requirement) bool { return r.Slug == "growth-programming-language" })
	wantSrc := kb.Source{
		Document: article,
		Section:  "1) 급성장으로 플랫폼을 만들어야하는 데이터 엔지니어 › 자격요건",
		Line:     13,
		Quote:    "Python/Java/Scala/Kotlin/Go 등 최소한 하나 이상의 언어에 능숙한 분",
	}
	if req.Source != wantSrc {
		t.Errorf("source = %+v, want %+v", req.Source, wantSrc)
	}
	if req.Text.Exact(kb.Korean) != wantSrc.Quote {
		t.Errorf("Korean text = %q, want the quote it defaults to", req.Text.Exact(kb.Korean))
	}
	if req.Stage != "growth" || req.Kind != kb.Required {
		t.Errorf("stage, kind = %s, %s; want growth, REQUIRED", req.Stage, req.Kind)
	}
	if got := fmt.Sprint(req.Needs); got != "[{[python java scala kotlin go] programming-language}]" {
		t.Errorf("needs = %s", got)
	}
	tr := find(t, ds.Traits, func(tr kb.Trait) bool { return tr.Slug == "mature-one-strength-is-enough" })
	if tr.Kind != kb.PostingSignal || tr.Stage != "mature" || tr.Source.Section != "2) 서비스가 궤도에 오르고 플랫폼을 성숙시켜야 하는 데이터 엔지니어 › 채용 공고에서 나타나는 특징" {
		t.Errorf("trait = %s, %s, %q", tr.Kind, tr.Stage, tr.Source.Section)
	}
	if got := fmt.Sprint(tr.Widens); got != "[{mature-pipeline-experience [data-ingestion data-processing data-analysis]}]" {
		t.Errorf("widens = %s", got)
	}
}

func find[T any](t *testing.T, items []T, match func(T) bool) T {
	t.Helper()
	for _, it := range items {
		if match(it) {
			return it
		}
	}
	var zero T
	t.Fatal("not found")
	return zero
}

// dirFS copies a testdata tree into a MapFS, so a test can change one file.
func dirFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(dir + "/" + name)
		m[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestValidFixtureLoads(t *testing.T) {
	fsys := dirFS(t, "testdata/valid")
	// A language beyond the required two is kept, not dropped.
	stage := string(fsys["data/stages/small.yaml"].Data)
	fsys["data/stages/small.yaml"].Data = []byte(strings.Replace(stage, "en: Small company}", "en: Small company, ja: 小さな会社}", 1))
	ds, err := seed.Load(fsys)
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	if got := ds.Stages[0].Name.JA; got != "小さな会社" {
		t.Errorf("Japanese name = %q, want it kept", got)
	}
	if got := len(ds.Requirements) + len(ds.Traits); got != 4 {
		t.Errorf("%d requirements and traits, want 4", got)
	}
}

// want is one expected problem: its "file:line" and part of its message.
type want struct{ at, msg string }

// TestBroken loads each tree under testdata/broken, a copy of
// testdata/valid with mistakes, and checks that exactly the expected problems
// are reported, each at its line.
func TestBroken(t *testing.T) {
	const (
		stage    = "data/stages/small.yaml"
		language = "data/vocabulary/language.yaml"
		bigData  = "data/vocabulary/big-data.yaml"
		cloud    = "data/vocabulary/cloud.yaml"
	)
	tests := []struct {
		name string
		want []want
	}{
		{"syntax-error", []want{{stage + ":12", "value is not allowed in this context"}}},
		{"unknown-key", []want{{stage + ":45", `unknown key "emphasises" (did you mean "emphasizes"?)`}}},
		{"unknown-skill", []want{{stage + ":17", `unknown skill "pyhton" (did you mean "python"?)`}}},
		{"unknown-language", []want{{language + ":12", `unknown key "fr": want one of ko, en, ja`}}},
		{"duplicate-slug", []want{{language + ":16", `duplicate slug "python" (first at data/vocabulary/language.yaml:11:5)`}}},
		{"alias-collision", []want{{cloud + ":8", `"Apache Spark" is already a name or alias of skill "spark" (at data/vocabulary/big-data.yaml:11:15)`}}},
		{"missing-english", []want{{stage + ":23", "missing the English (en) text"}}},
		{"quote-mismatch", []want{{stage + ":22", `quote does not match line 7 of mini.ko.md: want "Spark 사용 경험이 있으신 분"`}}},
		{"line-out-of-range", []want{{stage + ":29", "line 99 is out of range: mini.ko.md has 13 lines"}}},
		{"empty-choice", []want{{stage + ":17", "a choice needs at least one skill"}}},
		{"unknown-kind", []want{{stage + ":28", `unknown requirement kind "prefered": want one of responsibility, required, preferred`}}},
		{"category-file-mismatch", []want{{cloud + ":2", `category "clod" is in data/vocabulary/cloud.yaml: a vocabulary file is named after its category (data/vocabulary/clod.yaml)`}}},
		{"broader-cycle", []want{{language + ":16", "cycle in broader skills: programming-language → python → programming-language"}}},
		{"dangling-relation", []want{{cloud + ":10", `unknown skill "docker"`}}},
		{"missing-reference", []want{{bigData + ":9", "missing the reference: a technology needs the address of its official page"}}},
		{"missing-korean", []want{{cloud + ":7", "missing the Korean (ko) text"}}},
		{"ambiguous-not-a-name", []want{{language + ":14", `"Pyhton" is not a name or alias of skill "python"`}}},
		{"bad-rule", []want{
			{stage + ":47", `unknown cue "term": want one of terms, skills, no_skills`},
			{stage + ":48", `unknown section kind "benefits"`},
			{stage + ":49", `unknown skill "sprak" (did you mean "spark"?)`},
			{stage + ":50", "the weight must be non-zero and at most 3"},
		}},
		{"legacy-skills-file", []want{{"data/skills.yaml:1", "skills are no longer read from this file"}}},
		{"missing-document", []want{{stage + ":1", `document "mini.md" does not exist under documents/`}}},
		{"stage-not-heading", []want{{stage + ":5", `line 5 of mini.ko.md is not a "## " heading: "### 자격요건"`}}},
		{"stage-without-line", []want{{stage + ":3", "line must be a 1-based line number of the article, got 0"}}},
		{"no-stage-slug", []want{{stage + ":3", "the stage file names no stage"}}},
		{"duplicate-line", []want{{stage + ":21", "line 6 of mini.ko.md is already cited by requirement:small-language (data/stages/small.yaml:10:5)"}}},
		{"outside-section", []want{{stage + ":21", `line 18 of mini.ko.md is outside this stage's section (the "## " heading on line 3)`}}},
		{"many-mistakes", []want{
			{stage + ":15", `unknown key "note": want one of slug, kind, line, quote, text, needs`},
			{stage + ":23", "line 6 of mini.ko.md is already cited by requirement:small-language"},
			{stage + ":30", `unknown requirement kind "prefered"`},
			{stage + ":32", `quote does not match line 10 of mini.ko.md: want "Kubernetes 운영 경험이 있으신 분"`},
			{stage + ":36", `unknown skill "kubernets" (did you mean "kubernetes"?)`},
			{stage + ":39", `line 9 of mini.ko.md is not a list item (- …): "### 우대사항"`},
			{stage + ":47", "line 40 is out of range"},
			{stage + ":61", "missing the English (en) text"},
			{stage + ":62", `unknown requirement "small-langauge" (did you mean "small-language"?)`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := seed.Load(os.DirFS("testdata/broken/" + tt.name))
			checkProblems(t, err, tt.want)
		})
	}
}

func checkProblems(t *testing.T, err error, want []want) {
	t.Helper()
	var se *seed.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *seed.Error", err)
	}
	if code := kb.ErrorCode(err); code != kb.EINVALID {
		t.Errorf("kb.ErrorCode = %q, want %q", code, kb.EINVALID)
	}
	if len(se.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(se.Problems), len(want), err)
	}
	for i, p := range se.Problems {
		if at := fmt.Sprintf("%s:%d", p.File, p.Line); at != want[i].at || !strings.Contains(p.Message, want[i].msg) {
			t.Errorf("problem %d = %s\nwant at %s: …%s…", i, p, want[i].at, want[i].msg)
		}
		if p.Col < 1 {
			t.Errorf("problem %d has no column: %s", i, p)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := seed.Load(os.DirFS("testdata/broken/many-mistakes"))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 9 {
		t.Fatalf("Error() has %d lines, want 9:\n%v", len(lines), err)
	}
	if want := "data/stages/small.yaml:15:5: unknown key"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("first line = %q, want it to start with %q", lines[0], want)
	}
}

func TestMissingFiles(t *testing.T) {
	_, err := seed.Load(fstest.MapFS{})
	var se *seed.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *seed.Error", err)
	}
	got := fmt.Sprint(se.Problems)
	for _, w := range []string{"data/vocabulary: no vocabulary files", "data/stages: no stage files"} {
		if !strings.Contains(got, w) {
			t.Errorf("problems %s lack %q", got, w)
		}
	}
}

// FuzzLoad feeds arbitrary bytes as a stage file next to the real skills and
// article: whatever the bytes, Load must return data or a *seed.Error whose
// problems are placed in a file, never panic.
func FuzzLoad(f *testing.F) {
	base := fstest.MapFS{}
	vocabulary, err := fs.Glob(seed.Files(), "data/vocabulary/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range append(vocabulary, "documents/"+article) {
		data, err := fs.ReadFile(seed.Files(), name)
		if err != nil {
			f.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: data}
	}
	f.Fuzz(func(t *testing.T, stage []byte) {
		fsys := fstest.MapFS{"data/stages/fuzz.yaml": {Data: stage}}
		for name, file := range base {
			fsys[name] = file
		}
		ds, err := seed.Load(fsys)
		var se *seed.Error
		switch {
		case err == nil && ds == nil:
			t.Fatal("no data and no error")
		case err != nil && !errors.As(err, &se):
			t.Fatalf("err = %v, want a *seed.Error", err)
		}
		if se != nil {
			for _, p := range se.Problems {
				if p.File == "" {
					t.Errorf("problem without a file: %s", p)
				}
			}
		}
	})
}
