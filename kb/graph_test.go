package kb_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"skillgraph/kb"
)

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Apache Spark", "apachespark"},
		{"  apache-spark ", "apachespark"},
		{"K8S", "k8s"},
		{"Hadoop MR", "hadoopmr"},
		{"스티리밍", "스티리밍"},
		{"분산 처리", "분산처리"},
		{"C++", "c++"},
		{"C#", "c#"},
		{"--", ""},
	}
	for _, tt := range tests {
		if got := kb.NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveSkill(t *testing.T) {
	g := mustGraph(t, fixture())
	tests := []struct{ name, want string }{
		{"go", "go"},
		{"Golang", "go"},
		{"GO LANG", "go"},
		{"hadoo", "hadoop"},
		{"Hadoop MR", "hadoop-mapreduce"},
		{"hadoop-mr", "hadoop-mapreduce"},
		{"apache kafka", "kafka"},
		{"카프카", "kafka"},
		{"laC", "iac"},
		{"nothing", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if s := g.ResolveSkill(tt.name); s != nil {
			got = s.Slug
		}
		if got != tt.want {
			t.Errorf("ResolveSkill(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEffectiveChoices(t *testing.T) {
	g := mustGraph(t, fixture())
	slugs := func(skills []*kb.Skill) []string {
		var out []string
		for _, s := range skills {
			out = append(out, s.Slug)
		}
		return out
	}
	tests := []struct {
		req       string
		posted    bool
		wantAnyOf [][]string
	}{
		// "such as" opens the choice to the group and all its members.
		{"g-lang", false, [][]string{{"python", "go", "language", "rust"}}},
		// A skill narrower than a named one meets the choice.
		{"m-dist", false, [][]string{{"hadoop", "kafka", "hadoop-mapreduce"}}},
		// Two choices stay two.
		{"g-iac", false, [][]string{{"aws", "cloud"}, {"iac"}}},
		// The widening merges the posted choices into one.
		{"m-pipe", true, [][]string{{"ingestion"}, {"processing"}}},
		{"m-pipe", false, [][]string{{"ingestion", "processing"}}},
	}
	for _, tt := range tests {
		choices := g.Needs(tt.req)
		if tt.posted {
			choices = g.PostedNeeds(tt.req)
		}
		var got [][]string
		for _, c := range choices {
			got = append(got, slugs(c.AnyOf))
		}
		if !slices.EqualFunc(got, tt.wantAnyOf, slices.Equal) {
			t.Errorf("%s (posted %v): anyOf = %v, want %v", tt.req, tt.posted, got, tt.wantAnyOf)
		}
	}
	if w := g.Needs("m-pipe")[0].WidenedBy; w == nil || w.Slug != "m-one" {
		t.Errorf("m-pipe choice widened by %v, want trait m-one", w)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(ds *kb.Dataset)
		want   string
	}{
		{"unknown skill with suggestion", func(ds *kb.Dataset) { ds.Requirements[0].Needs[0].AnyOf[0] = "pyhton" },
			`requirement:g-lang needs[0].anyOf[0]: unknown skill "pyhton" (did you mean "python"?)`},
		{"duplicate slug", func(ds *kb.Dataset) { ds.Skills[2].Slug = "python" }, `duplicate slug "python"`},
		{"alias of two skills", func(ds *kb.Dataset) { ds.Skills[6].Aliases = []string{"golang"} },
			`skill:kafka aliases[0]: "golang" is already a name or alias of skill "go"`},
		{"missing English", func(ds *kb.Dataset) { ds.Stages[0].Summary.EN = "" },
			`stage:growth summary: missing the English (en) text`},
		{"empty choice", func(ds *kb.Dataset) { ds.Requirements[2].Needs[0].AnyOf = nil }, `requirement:g-viz needs[0]: a choice needs at least one skill`},
		{"no choices", func(ds *kb.Dataset) { ds.Requirements[2].Needs = nil }, `requirement:g-viz needs: a requirement needs at least one choice`},
		{"bad kind", func(ds *kb.Dataset) { ds.Requirements[0].Kind = "NICE" }, `unknown requirement kind "NICE"`},
		{"bad trait kind", func(ds *kb.Dataset) { ds.Traits[0].Kind = "GUESS" }, `unknown trait kind "GUESS"`},
		{"unknown category", func(ds *kb.Dataset) { ds.Skills[0].Category = "langs" }, `unknown category "langs" (did you mean "lang"?)`},
		{"unknown stage", func(ds *kb.Dataset) { ds.Requirements[0].Stage = "grwth" }, `unknown stage "grwth" (did you mean "growth"?)`},
		{"broader cycle", func(ds *kb.Dataset) { ds.Skills[0].Broader = []string{"python"} }, `cycle in broader skills: language → python → language`},
		{"widening of an unnamed skill", func(ds *kb.Dataset) { ds.Traits[1].Widens[0].Merge[1] = "kafka" },
			`skill "kafka" is not named by any choice of requirement "m-pipe"`},
		{"bad line", func(ds *kb.Dataset) { ds.Requirements[0].Source.Line = 0 }, `line must be a 1-based line number`},
		{"bad slug", func(ds *kb.Dataset) { ds.Skills[3].Slug = "Rust Lang" }, `must be lower-case letters`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			tt.mutate(ds)
			_, err := kb.NewGraph(ds)
			var verr *kb.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("NewGraph error = %v, want a *ValidationError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.want)
			}
			if code := kb.ErrorCode(err); code != kb.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, kb.EINVALID)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	ds := fixture()
	ds.Requirements[0].Needs[0].AnyOf[0] = "nope1"
	ds.Requirements[1].Needs[1].AnyOf[0] = "nope2"
	ds.Skills[4].Name.KO = ""
	err := kb.Validate(ds)
	var verr *kb.ValidationError
	if !errors.As(err, &verr) || len(verr.Problems) != 3 {
		t.Fatalf("Validate = %v, want 3 problems", err)
	}
}

func TestNodeID(t *testing.T) {
	tests := []struct {
		id, kind, slug string
		ok             bool
	}{
		{"skill:spark", "skill", "spark", true},
		{"stage:growth", "stage", "growth", true},
		{"skill:", "", "", false},
		{"spark", "", "", false},
		{"user:1", "", "", false},
	}
	for _, tt := range tests {
		kind, slug, err := kb.ParseNodeID(tt.id)
		if (err == nil) != tt.ok || kind != tt.kind || slug != tt.slug {
			t.Errorf("ParseNodeID(%q) = %q, %q, %v", tt.id, kind, slug, err)
		}
		if tt.ok && kb.NodeID(kind, slug) != tt.id {
			t.Errorf("NodeID round trip of %q failed", tt.id)
		}
	}
}

func TestTextsFallBack(t *testing.T) {
	texts := kb.Texts{EN: "Spark", KO: "스파크"}
	tests := []struct {
		lang     kb.Lang
		want     string
		wantLang kb.Lang
	}{
		{kb.Korean, "스파크", kb.Korean},
		{kb.English, "Spark", kb.English},
		{"ja", "Spark", kb.English},
	}
	for _, tt := range tests {
		got, lang := texts.In(tt.lang)
		if got != tt.want || lang != tt.wantLang {
			t.Errorf("In(%q) = %q, %q; want %q, %q", tt.lang, got, lang, tt.want, tt.wantLang)
		}
	}
}

func TestValidateAliasRepeat(t *testing.T) {
	ds := fixture()
	ds.Skills[2].Aliases = []string{"golang", "Go-Lang"}
	err := kb.Validate(ds)
	if err == nil || !strings.Contains(err.Error(), `skill:go aliases[1]: alias "Go-Lang" repeats "golang"`) {
		t.Errorf("Validate = %v, want the repeated alias reported", err)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"kafka", "python", "growth", "mature"}
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"kafak", "kafka", true},
		{"pyhton", "python", true},
		{"grwth", "growth", true},
		{"matur", "mature", true},
		{"startup", "", false},
		{"x", "", false},
	}
	for _, tt := range tests {
		got, ok := kb.Closest(tt.word, known)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSuggestSkills(t *testing.T) {
	g := mustGraph(t, fixture())
	tests := []struct {
		text string
		n    int
		want []string
	}{
		{"go", 5, []string{"go"}},
		{"Go", 5, []string{"go"}},
		{"ka", 5, []string{"kafka"}},
		{"kafak", 5, []string{"kafka"}},
		{"hadoop", 5, []string{"hadoop", "hadoop-mapreduce"}},
		{"doop", 5, []string{"hadoop", "hadoop-mapreduce"}},
		{"pyhton", 5, []string{"python"}},
		{"l", 2, []string{"iac", "language"}}, // laC, the article's own spelling, is the shorter name
		{"", 5, nil},
		{"zzz", 5, []string{}},
	}
	for _, tt := range tests {
		got := []string{}
		for _, s := range g.SuggestSkills(tt.text, tt.n) {
			got = append(got, s.Slug)
		}
		if tt.want == nil && len(got) == 0 {
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SuggestSkills(%q, %d) = %v, want %v", tt.text, tt.n, got, tt.want)
		}
	}
}

// TestGraphIsSafeForConcurrentUse reads every requirement's choices from
// many goroutines at once (go test -race): nothing a graph derives may be
// computed lazily once it is shared. A choice of several skills, the first
// of them without narrower skills and a later one with, once left a later
// skill's closure to the first reader.
func TestGraphIsSafeForConcurrentUse(t *testing.T) {
	ds := fixture()
	ds.Requirements = append(ds.Requirements, kb.Requirement{Slug: "m-mixed", Stage: "mature", Kind: kb.Preferred,
		Text: kb.Texts{EN: "Rust or Hadoop", KO: "러스트나 하둡"}, Source: kb.Source{Document: "doc.md", Section: "s", Line: 30, Quote: "q"},
		Needs: []kb.Choice{{AnyOf: []string{"rust", "hadoop"}}}})
	g := mustGraph(t, ds)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, st := range ds.Stages {
				if _, err := g.RankSkills(st.Slug, nil, 0); err != nil {
					t.Error(err)
				}
			}
			for _, r := range ds.Requirements {
				for _, c := range g.Needs(r.Slug) {
					if len(c.AnyOf) == 0 {
						t.Errorf("%s: a choice with no skill", r.Slug)
					}
				}
			}
		})
	}
	wg.Wait()
	for _, c := range g.Needs("m-mixed") {
		if got := len(c.AnyOf); got != 3 { // rust, hadoop, hadoop-mapreduce
			t.Errorf("Rust or Hadoop is met by %d skills, want 3", got)
		}
	}
}
