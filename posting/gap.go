package posting

import (
	"cmp"
	"math"
	"slices"

	"skillgraph/kb"
)

// Gap is a reader against a posting's own required and preferred items.
type Gap struct {
	// Coverage is the weighted share (0 to 1) of the required and
	// preferred items that name a skill which the reader meets: required
	// weighs 3, preferred 1, as in the article.
	Coverage float64
	Met      []*Item
	Open     []*Item
	// Missing are the skills the posting names that the reader lacks, most
	// valuable first: by the coverage learning each would add.
	Missing []*kb.Skill
	// Known are the skills the reader's names resolved to; Unknown the
	// names that resolved to none, as given.
	Known   []*kb.Skill
	Unknown []string
	// Matches say how the reader's skills meet the items' choices.
	Matches []Match
}

// Match is how one of the reader's skills meets a choice of an item: the
// skill of the choice it counts as, and the broader links up to it (just
// Skill when the item names it).
type Match struct {
	Item     *Item
	Skill    *kb.Skill
	CountsAs *kb.Skill
	Path     []*kb.Skill
}

// gap measures the reader, with the skills have names, against the
// posting's required and preferred items. An item is met when each of its
// choices has a skill of the reader's, or one narrower (through broader
// links, as in the article's gap analysis). Items that name no skill say
// nothing a reader can be measured against and are left out.
func (a *Analyzer) gap(an *Analysis, have []string) *Gap {
	gp := &Gap{}
	for _, name := range have {
		switch s := a.g.ResolveSkill(name); {
		case s == nil:
			if !slices.Contains(gp.Unknown, name) {
				gp.Unknown = append(gp.Unknown, name)
			}
		case !slices.Contains(gp.Known, s):
			gp.Known = append(gp.Known, s)
		}
	}
	type gain struct {
		skill *kb.Skill
		score float64
		first int
	}
	gains := map[*kb.Skill]*gain{}
	total, met := 0.0, 0.0
	type openItem struct {
		item  *Item
		open  []choice
		share float64
	}
	var opens []openItem
	for _, s := range an.Sections {
		if s.Kind != Required && s.Kind != Preferred {
			continue
		}
		w := kb.KindWeight(kb.RequirementKind(s.Kind))
		for _, it := range s.Items {
			if len(it.choices) == 0 {
				continue
			}
			total += w
			var open []choice
			for _, c := range it.choices {
				matches := a.matches(it, gp.Known, c)
				if len(matches) == 0 {
					open = append(open, c)
				}
				gp.Matches = append(gp.Matches, matches...)
			}
			if len(open) == 0 {
				met += w
				gp.Met = append(gp.Met, it)
				continue
			}
			gp.Open = append(gp.Open, it)
			opens = append(opens, openItem{it, open, w})
		}
	}
	if total == 0 {
		return gp
	}
	gp.Coverage = math.Round(met/total*1000) / 1000
	n := 0
	for _, o := range opens {
		share := o.share / total / float64(len(o.open))
		for _, c := range o.open {
			for _, s := range c {
				g := gains[s]
				if g == nil {
					g = &gain{skill: s, first: n}
					gains[s] = g
					n++
				}
				g.score += share
			}
		}
	}
	list := make([]*gain, 0, len(gains))
	for _, g := range gains {
		list = append(list, g)
	}
	slices.SortFunc(list, func(x, y *gain) int {
		if d := cmp.Compare(math.Round(y.score*1000), math.Round(x.score*1000)); d != 0 {
			return d
		}
		return x.first - y.first
	})
	for _, g := range list {
		gp.Missing = append(gp.Missing, g.skill)
	}
	return gp
}

// matches lists how the reader's skills meet a choice: for each skill that
// is one of the choice's or narrower than one, the shortest way up to it.
func (a *Analyzer) matches(it *Item, known []*kb.Skill, c choice) []Match {
	var out []Match
	for _, h := range known {
		var best Match
		for _, s := range c {
			if path := a.g.CountsAs(h, s); path != nil && (best.Path == nil || len(path) < len(best.Path)) {
				best = Match{Item: it, Skill: h, CountsAs: s, Path: path}
			}
		}
		if best.Path != nil {
			out = append(out, best)
		}
	}
	return out
}
