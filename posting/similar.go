package posting

import (
	"math"
	"strings"
	"unicode"

	"skillgraph/kb"
)

// similarity finds the article requirements a posting's item reads like.
// An item and a requirement are each a sparse vector of features, and
// their similarity is the cosine of the two:
//
//   - skills: each skill named, with weight skillWeight, and each broader
//     skill above it, halving at every step up (Airflow also counts a
//     little as workflow orchestration and data pipelines);
//   - words: Latin words, lower case, and pairs of Hangul syllables (which
//     survive Korean particles: 파이프라인을 shares 파이, 이프, … with
//     파이프라인), each weighted by its inverse document frequency over the
//     requirements' texts.
//
// A requirement has one vector per language of its text, sharing the skill
// features; an item is compared with each and keeps the best. An inverted
// index from features to requirements keeps the work to the requirements
// that share a feature with the item.
type similarity struct {
	g     *kb.Graph
	idf   map[string]float64
	maxID float64 // the idf of a word no requirement has
	index map[string][]posting
	norms []float64 // by document
	docs  []*kb.Requirement
}

// posting is one feature of one document, with its weight.
type posting struct {
	doc    int32
	weight float32
}

const skillWeight = 2.0

func newSimilarity(g *kb.Graph) *similarity {
	s := &similarity{g: g, idf: map[string]float64{}, index: map[string][]posting{}}
	ds := g.Dataset()
	// One document per requirement and language of its text.
	type doc struct {
		req   *kb.Requirement
		words []string
	}
	var docs []doc
	df := map[string]int{}
	for i := range ds.Requirements {
		r := g.Requirement(ds.Requirements[i].Slug)
		for _, l := range []kb.Lang{kb.Korean, kb.English} {
			text := r.Text[l]
			if l == kb.Korean && r.Source.Quote != "" {
				text = r.Source.Quote
			}
			words := words(foldText(text).lower)
			docs = append(docs, doc{r, words})
			for w := range set(words) {
				df[w]++
			}
		}
	}
	n := float64(max(len(docs), 1))
	for w, c := range df {
		s.idf[w] = math.Log(1 + n/float64(c))
	}
	s.maxID = math.Log(1 + n)
	for i, d := range docs {
		v := vector{}
		for _, w := range d.words {
			v[w] += s.idf[w]
		}
		for _, c := range g.Needs(d.req.Slug) {
			for _, sk := range c.Named {
				s.addSkill(v, sk)
			}
			if c.SuchAs != nil {
				s.addSkill(v, c.SuchAs)
			}
		}
		s.docs = append(s.docs, d.req)
		s.norms = append(s.norms, v.norm())
		for f, w := range v {
			s.index[f] = append(s.index[f], posting{int32(i), float32(w)})
		}
	}
	return s
}

// vector is a sparse vector of features.
type vector map[string]float64

func (v vector) norm() float64 {
	sum := 0.0
	for _, w := range v {
		sum += w * w
	}
	return math.Sqrt(sum)
}

// addSkill adds a skill and, at half the weight each step up, every
// broader skill.
func (s *similarity) addSkill(v vector, sk *kb.Skill) {
	w := skillWeight
	level := []*kb.Skill{sk}
	seen := map[*kb.Skill]bool{}
	for depth := 0; len(level) > 0 && depth < 6; depth++ {
		var next []*kb.Skill
		for _, x := range level {
			if seen[x] {
				continue
			}
			seen[x] = true
			v["skill:"+x.Slug] = math.Max(v["skill:"+x.Slug], w)
			next = append(next, s.g.Broader(x.Slug)...)
		}
		level, w = next, w/2
	}
}

// itemVector is an item's features.
func (s *similarity) itemVector(f *folded, it *Item) vector {
	v := vector{}
	for _, w := range words(f.lower[it.start:it.end]) {
		idf, ok := s.idf[w]
		if !ok {
			idf = s.maxID
		}
		v[w] += idf
	}
	for _, sk := range it.Skills {
		s.addSkill(v, sk)
	}
	return v
}

// scores returns the cosine of the item with every requirement it shares
// a feature with, the best of its languages.
func (s *similarity) scores(f *folded, it *Item) map[*kb.Requirement]float64 {
	v := s.itemVector(f, it)
	norm := v.norm()
	if norm == 0 {
		return nil
	}
	dots := map[int32]float64{}
	for feature, w := range v {
		for _, p := range s.index[feature] {
			dots[p.doc] += w * float64(p.weight)
		}
	}
	out := map[*kb.Requirement]float64{}
	for d, dot := range dots {
		cos := dot / (norm * s.norms[d])
		if r := s.docs[d]; cos > out[r] {
			out[r] = cos
		}
	}
	return out
}

// minSimilarity is the least similarity that makes a requirement an item's
// closest: below it, the two share a word or two by chance.
const minSimilarity = 0.1

// closest returns the requirement the item reads most like, and how much.
func (s *similarity) closest(f *folded, it *Item) (*kb.Requirement, float64) {
	var best *kb.Requirement
	bestScore := 0.0
	for r, score := range s.scores(f, it) {
		if score > bestScore || (score == bestScore && best != nil && r.Slug < best.Slug) {
			best, bestScore = r, score
		}
	}
	if bestScore < minSimilarity {
		return nil, 0
	}
	return best, math.Round(bestScore*1000) / 1000
}

// stopWords are words every requirement has, which say nothing of what it
// is about.
var stopWords = set(strings.Fields(`a an the and or of to in on for with at by from as is are be we you your our will who
	that this have has having experience experienced years year strong ability able knowledge skills skill understanding
	working work using use used etc including such like plus nice least one more good great excellent familiarity familiar
	proficiency proficient solid deep hands e g i ie eg other related relevant similar equivalent preferred required
	is it its into within across about any all can do what us they them their`))

// words lists a text's features: Latin words not in stopWords, and the
// pairs of neighbouring syllables in each run of Hangul.
func words(lower []rune) []string {
	var out []string
	i := 0
	for i < len(lower) {
		r := lower[i]
		switch {
		case isHangul(r):
			j := i
			for j < len(lower) && isHangul(lower[j]) {
				j++
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(lower[k:k+2]))
			}
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(lower) && (unicode.IsLetter(lower[j]) || unicode.IsDigit(lower[j])) && !isHangul(lower[j]) {
				j++
			}
			if w := string(lower[i:j]); len(w) > 1 && !stopWords[w] {
				out = append(out, strings.TrimSuffix(w, "s"))
			}
			i = j
		default:
			i++
		}
	}
	return out
}

func set[T comparable](items []T) map[T]bool {
	m := make(map[T]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
