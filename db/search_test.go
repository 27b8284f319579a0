package db_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

// allTexts lists every searchable text of a dataset, as SearchText reports
// matches.
func allTexts(ds *kb.Dataset) []kb.TextMatch {
	var out []kb.TextMatch
	add := func(node, field string, t kb.Texts) {
		for _, l := range t.Present() {
			out = append(out, kb.TextMatch{Node: node, Field: field, Lang: l, Text: t.Exact(l)})
		}
	}
	for _, c := range ds.Categories {
		add(kb.NodeID(kb.KindCategory, c.Slug), kb.FieldName, c.Name)
	}
	for _, s := range ds.Skills {
		id := kb.NodeID(kb.KindSkill, s.Slug)
		add(id, kb.FieldName, s.Name)
		for _, a := range s.Aliases {
			out = append(out, kb.TextMatch{Node: id, Field: kb.FieldAlias, Lang: kb.AliasLang(a), Text: a})
		}
	}
	for _, s := range ds.Stages {
		add(kb.NodeID(kb.KindStage, s.Slug), kb.FieldName, s.Name)
		add(kb.NodeID(kb.KindStage, s.Slug), kb.FieldSummary, s.Summary)
	}
	for _, r := range ds.Requirements {
		add(kb.NodeID(kb.KindRequirement, r.Slug), kb.FieldText, r.Text)
	}
	for _, t := range ds.Traits {
		add(kb.NodeID(kb.KindTrait, t.Slug), kb.FieldStatement, t.Statement)
		for _, im := range t.Implications {
			add(kb.NodeID(kb.KindTrait, t.Slug), kb.FieldImplication, im)
		}
	}
	return out
}

// oracle is SearchText by brute force: the texts that contain every word,
// in any case.
func oracle(ds *kb.Dataset, query string, lang kb.Lang) []kb.TextMatch {
	var out []kb.TextMatch
	if strings.TrimSpace(query) == "" {
		return nil
	}
	for _, m := range allTexts(ds) {
		if lang != "" && m.Lang != "" && m.Lang != lang {
			continue
		}
		all := true
		for _, w := range strings.Fields(query) {
			all = all && strings.Contains(strings.ToLower(m.Text), strings.ToLower(w))
		}
		if all {
			out = append(out, m)
		}
	}
	return sortMatches(out)
}

func sortMatches(ms []kb.TextMatch) []kb.TextMatch {
	slices.SortFunc(ms, func(a, b kb.TextMatch) int {
		return cmp.Or(cmp.Compare(a.Node, b.Node), cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Lang, b.Lang), cmp.Compare(a.Text, b.Text))
	})
	return ms
}

func nodesOf(ms []kb.TextMatch) []string {
	var nodes []string
	for _, m := range ms {
		if !slices.Contains(nodes, m.Node) {
			nodes = append(nodes, m.Node)
		}
	}
	return nodes
}

func TestSearchText(t *testing.T) {
	d := MustOpen(t)
	ds := fixture()
	mustReplace(t, d, ds)
	tests := []struct {
		name  string
		query string
		lang  kb.Lang
		want  []string // nodes that must be among the matches; the oracle decides the rest
	}{
		{"English word", "pipeline", "", []string{"requirement:startup-pipelines", "trait:startup-generalist"}},
		{"Korean word of 3+ characters", "파이프라인", "", []string{"requirement:startup-pipelines", "trait:startup-generalist"}},
		{"Korean word of 2 characters", "분산", "", []string{"requirement:startup-pipelines", "skill:distributed-systems"}},
		{"English word of 2 characters", "BI", "", []string{"skill:bi-tools", "requirement:startup-bi"}},
		{"Japanese", "スパーク", "", []string{"skill:spark"}},
		{"Japanese in Japanese", "スパーク", "ja", []string{"skill:spark"}},
		{"several words", "distributed pipelines", "", []string{"requirement:startup-pipelines"}},
		{"several short words", "하둡 운영", "", []string{"requirement:mid-hadoop"}},
		{"long and short words", "tools BI", "", []string{"skill:bi-tools", "requirement:startup-bi"}},
		{"words of one text only", "big 생태계", "", nil},
		{"words in any order", "hadoop big", "", []string{"requirement:mid-hadoop"}},
		{"lang keeps aliases", "hadoop", "ko", []string{"skill:hadoop"}},
		{"lang filters texts", "hadoop", "en", []string{"skill:hadoop", "skill:hadoop-mapreduce", "requirement:mid-hadoop"}},
		{"lang with no match", "하둡", "en", nil},
		{"alias", "k8s", "", []string{"skill:kubernetes"}},
		{"Korean alias", "스팍", "", []string{"skill:spark"}},
		{"Korean alias in Korean", "스팍", "ko", []string{"skill:spark"}},
		{"Korean alias in English", "스팍", "en", nil},
		{"Latin alias in English", "pyspark", "en", []string{"skill:spark"}},
		{"short alias", "mr", "", []string{"skill:hadoop-mapreduce"}},
		{"alias of several words", "apache hadoop", "", []string{"skill:hadoop"}},
		{"upper case", "KUBERNETES", "", []string{"skill:kubernetes"}},
		{"mixed case", "aPaChE SpArK", "", []string{"skill:spark"}},
		{"punctuation in a word", "big-data", "", []string{"requirement:mid-hadoop"}},
		{"punctuation in a short word", "-s", "", []string{"stage:mid-sized"}},
		{"no match", "haskell", "", nil},
		{"spaces only", "   ", "", nil},
		{"quote", `"`, "", nil},
		{"quoted word", `"spark"`, "", nil},
		{"unbalanced quote", `spark"`, "", nil},
		{"star", "*", "", nil},
		{"prefix star", "spar*", "", nil},
		{"NEAR", "NEAR(", "", nil},
		{"NEAR group", "NEAR(spark hadoop)", "", nil},
		{"OR", "spark OR hadoop", "", nil},
		{"NOT", "NOT spark", "", nil},
		{"column filter", "value:spark", "", nil},
		{"caret", "^spark", "", nil},
		{"SQL comment", "' OR 1=1 --", "", nil},
		{"SQL statement", "'; DROP TABLE node; --", "", nil},
		{"LIKE wildcards", "% _", "", nil},
		{"backslash", `\`, "", nil},
		{"NUL", "spa\x00rk", "", nil},
		{"NUL alone", "\x00", "", nil},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := d.SearchText(ctx, tt.query, tt.lang, 0)
			if err != nil {
				t.Fatalf("SearchText(%q, %q): %v", tt.query, tt.lang, err)
			}
			got = sortMatches(got)
			want := oracle(ds, tt.query, tt.lang)
			if strings.ContainsRune(tt.query, 0) {
				want = nil
			}
			if !slices.Equal(got, want) {
				t.Errorf("SearchText(%q, %q)\n got: %v\nwant: %v", tt.query, tt.lang, got, want)
			}
			for _, node := range tt.want {
				if !slices.Contains(nodesOf(got), node) {
					t.Errorf("SearchText(%q, %q) misses %s", tt.query, tt.lang, node)
				}
			}
		})
	}
	// No query may have harmed the data.
	assertDatasetEqual(t, mustDataset(t, d), ds)
}

func TestSearchTextLimit(t *testing.T) {
	d := MustOpen(t)
	ds := fixture()
	mustReplace(t, d, ds)
	ctx := context.Background()
	all := nodesOf(oracle(ds, "a", ""))
	if len(all) < 5 {
		t.Fatalf("the fixture has too few matches for a limit test: %v", all)
	}
	for _, limit := range []int{1, 3, len(all), len(all) + 5, 0} {
		got, _, err := d.SearchText(ctx, "a", "", limit)
		if err != nil {
			t.Fatal(err)
		}
		want := min(len(all), limit)
		if limit <= 0 {
			want = len(all)
		}
		if n := len(nodesOf(got)); n != want {
			t.Errorf("limit %d: matches cover %d nodes, want %d", limit, n, want)
		}
	}
}

func TestSearchTextSeveralMatchesPerNode(t *testing.T) {
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	got, _, err := d.SearchText(context.Background(), "spark", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, m := range got {
		if m.Node != "skill:spark" {
			t.Errorf("limit 1 returned another node: %+v", m)
		}
		fields[m.Field] = true
	}
	if !fields[kb.FieldName] || !fields[kb.FieldAlias] {
		t.Errorf("want the name and the alias of skill:spark, got %+v", got)
	}
}

// TestSearch runs the domain's search over the store, as the API will.
func TestSearch(t *testing.T) {
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	hits, err := kb.Search(context.Background(), searchIndex{d}, "k8s", "", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Node != "skill:kubernetes" || hits[0].Field != kb.FieldAlias {
		t.Errorf("Search(k8s) = %+v, want skill:kubernetes by its alias first", hits)
	}
}

// TestSearchTextVersion checks that a search says which version of the
// data it found its matches in: that of the newest change set.
func TestSearchTextVersion(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	mustReplace(t, d, fixture()) // no change set: version 0
	for want := range 3 {
		if want > 0 {
			_, _, err := d.Edit(ctx, kb.ChangeMeta{Author: "test", Message: "rename"}, func(ds *kb.Dataset) error {
				ds.Skills[0].Name.EN += "!"
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []string{"spark", "\x00", ""} {
			matches, version, err := d.SearchText(ctx, q, "", 10)
			if err != nil || version != want {
				t.Errorf("after %d edit(s), SearchText(%q) = version %d, %v; want version %d", want, q, version, err, want)
			}
			if (q == "spark") != (len(matches) > 0) {
				t.Errorf("SearchText(%q) found %v", q, matches)
			}
		}
	}
}
