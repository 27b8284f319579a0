package kb

import (
	"context"
	"strings"
)

// SearchText makes the Graph a SearchIndex of its own: it scans every text
// and alias for the words of query, exactly as the store's index matches
// them (every word, in any case; aliases of lang or of no language). It is linear
// in the size of the data, so the store's index serves searches; this one
// stands in whenever that index may hold other data than the graph (while a
// change is being swapped in), so a search never disagrees with the graph
// it is read with.
func (g *Graph) SearchText(ctx context.Context, query string, lang Lang, limit int) ([]TextMatch, error) {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil, nil
	}
	s := scan{words: words, lang: lang, limit: limit, seen: map[string]bool{}}
	for _, sk := range g.skills {
		for _, a := range sk.AliasesIn(lang) {
			s.consider(NodeID(KindSkill, sk.Slug), FieldAlias, AliasLang(a), a)
		}
	}
	for _, c := range g.Categories() {
		s.texts(NodeID(KindCategory, c.Slug), FieldName, c.Name)
	}
	for _, sk := range g.skills {
		s.texts(NodeID(KindSkill, sk.Slug), FieldName, sk.Name)
	}
	for _, st := range g.stages {
		id := NodeID(KindStage, st.Slug)
		s.texts(id, FieldName, st.Name)
		s.texts(id, FieldSummary, st.Summary)
	}
	for i := range g.data.Requirements {
		r := &g.data.Requirements[i]
		s.texts(NodeID(KindRequirement, r.Slug), FieldText, r.Text)
	}
	for i := range g.data.Traits {
		t := &g.data.Traits[i]
		id := NodeID(KindTrait, t.Slug)
		s.texts(id, FieldStatement, t.Statement)
		for _, im := range t.Implications {
			s.texts(id, FieldImplication, im)
		}
	}
	return s.matches, ctx.Err()
}

// scan collects matches until they cover limit nodes (any number when
// limit <= 0); later matches of nodes already in still count.
type scan struct {
	words   []string
	lang    Lang
	limit   int
	seen    map[string]bool
	matches []TextMatch
}

func (s *scan) texts(node, field string, t Texts) {
	for _, l := range t.Present() {
		if s.lang == "" || l == s.lang {
			s.consider(node, field, l, t.Exact(l))
		}
	}
}

func (s *scan) consider(node, field string, lang Lang, text string) {
	lower := strings.ToLower(text)
	for _, w := range s.words {
		if !strings.Contains(lower, w) {
			return
		}
	}
	if !s.seen[node] {
		if s.limit > 0 && len(s.seen) >= s.limit {
			return
		}
		s.seen[node] = true
	}
	s.matches = append(s.matches, TextMatch{Node: node, Field: field, Lang: lang, Text: text})
}
