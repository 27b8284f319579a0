package posting

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
// that share a feature with the item. It is flat (one array of postings,
// features by number), as a large graph has millions of postings; a word
// in more than commonShare of a large graph's documents is left out of it
// (it still counts in each document's norm), as it says little about which
// requirement an item reads like and would make every item visit most of
// them.
type similarity struct {
	g        *kb.Graph
	features map[string]int32 // word or "skill:<slug>" → feature number
	idf      []float64        // by word feature; 0 for skill features
	maxIDF   float64          // the idf of a word no requirement has
	starts   []int32          // feature f's postings are postings[starts[f]:starts[f+1]]
	postings []posting
	norms    []float64 // by document
	docs     []*kb.Requirement
	skills   map[*kb.Skill][]feature // a skill's features: itself and the skills above it
}

// posting is one feature of one document, with its weight.
type posting struct {
	doc    int32
	weight float32
}

// feature is one feature of a vector, with its weight.
type feature struct {
	id     int32
	weight float64
}

const skillWeight = 2.0

// commonShare, commonFloor: a word in more than commonShare of the
// documents, and in more than commonFloor of them, is not indexed. A graph
// of the article's size never has such a word.
const (
	commonShare = 0.01
	commonFloor = 1000
)

func newSimilarity(g *kb.Graph) *similarity {
	s := &similarity{g: g, features: map[string]int32{}, skills: map[*kb.Skill][]feature{}}
	ds := g.Dataset()
	// One document per requirement and language of its text, its features
	// sorted by number, in one array.
	var feats []feature
	starts := []int32{0}
	var df []int32
	word := func(w []byte) int32 {
		id, ok := s.features[string(w)]
		if !ok {
			id = int32(len(s.idf))
			s.features[string(w)] = id
			s.idf = append(s.idf, 0)
			df = append(df, 0)
		}
		return id
	}
	var doc []feature
	for i := range ds.Requirements {
		r := g.Requirement(ds.Requirements[i].Slug)
		roots := g.Roots(r.Slug)
		for _, l := range []kb.Lang{kb.Korean, kb.English} {
			text := r.Text.Exact(l)
			if l == kb.Korean && r.Source.Quote != "" {
				text = r.Source.Quote
			}
			doc = doc[:0]
			eachWord(foldLower(text), func(w []byte) {
				doc = append(doc, feature{word(w), 1}) // a count, for now
			})
			for _, sk := range roots {
				doc = append(doc, s.skillFeatures(sk, word)...)
			}
			doc = mergeFeatures(doc, s.isSkill)
			for _, f := range doc {
				if !s.isSkill(f.id) {
					df[f.id]++
				}
			}
			feats = append(feats, doc...)
			starts = append(starts, int32(len(feats)))
			s.docs = append(s.docs, r)
		}
	}
	n := float64(max(len(s.docs), 1))
	for id, c := range df {
		if c > 0 {
			s.idf[id] = math.Log(1 + n/float64(c))
		}
	}
	s.maxIDF = math.Log(1 + n)
	common := int32(max(commonFloor, commonShare*n))
	indexed := func(id int32) bool { return s.isSkill(id) || df[id] <= common }
	// Weights and norms, then the postings of each indexed feature, counted
	// first so that each gets exactly its room.
	count := make([]int32, len(s.idf)+1)
	for d := range s.docs {
		sum := 0.0
		for k := starts[d]; k < starts[d+1]; k++ {
			f := &feats[k]
			if !s.isSkill(f.id) {
				f.weight *= s.idf[f.id] // tf × idf
			}
			sum += f.weight * f.weight
			if indexed(f.id) {
				count[f.id+1]++
			}
		}
		s.norms = append(s.norms, math.Sqrt(sum))
	}
	s.starts = make([]int32, len(count))
	for id := 1; id < len(count); id++ {
		s.starts[id] = s.starts[id-1] + count[id]
	}
	s.postings = make([]posting, s.starts[len(s.starts)-1])
	next := slices.Clone(s.starts[:len(s.starts)-1])
	for d := range s.docs {
		for _, f := range feats[starts[d]:starts[d+1]] {
			if indexed(f.id) {
				s.postings[next[f.id]] = posting{int32(d), float32(f.weight)}
				next[f.id]++
			}
		}
	}
	return s
}

// isSkill reports whether a feature is a skill's; the others are words.
func (s *similarity) isSkill(id int32) bool { return s.idf[id] < 0 }

// skillFeatures returns a skill's features: the skill at skillWeight and,
// at half the weight each step up, every broader skill, numbered by word.
func (s *similarity) skillFeatures(sk *kb.Skill, word func([]byte) int32) []feature {
	if fs, ok := s.skills[sk]; ok {
		return fs
	}
	var fs []feature
	for key, w := range skillChain(s.g, sk) {
		id := word([]byte(key))
		s.idf[id] = -1 // marks a skill feature
		fs = append(fs, feature{id, w})
	}
	s.skills[sk] = fs
	return fs
}

// skillChain is a skill's features by key: "skill:<slug>" of the skill at
// skillWeight and, at half the weight each step up, of every broader
// skill.
func skillChain(g *kb.Graph, sk *kb.Skill) map[string]float64 {
	chain := map[string]float64{}
	w := skillWeight
	level := []*kb.Skill{sk}
	for depth := 0; len(level) > 0 && depth < 6; depth++ {
		var next []*kb.Skill
		for _, x := range level {
			key := "skill:" + x.Slug
			if _, seen := chain[key]; seen {
				continue
			}
			chain[key] = w
			next = append(next, g.Broader(x.Slug)...)
		}
		level, w = next, w/2
	}
	return chain
}

// mergeFeatures sorts a vector's features by number and merges repeats:
// word counts add up, a skill keeps its greatest weight.
func mergeFeatures(v []feature, isSkill func(int32) bool) []feature {
	slices.SortFunc(v, func(a, b feature) int { return int(a.id - b.id) })
	out := v[:0]
	for _, f := range v {
		if k := len(out) - 1; k >= 0 && out[k].id == f.id {
			if isSkill(f.id) {
				out[k].weight = math.Max(out[k].weight, f.weight)
			} else {
				out[k].weight += f.weight
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

// itemVector is an item's features that some requirement has, and the
// norm of all of them: a word no requirement has weighs the greatest idf.
func (s *similarity) itemVector(f *folded, it *Item) (v []feature, norm float64) {
	weights := map[string]float64{}
	for _, w := range words(f.lower[it.start:it.end]) {
		idf := s.maxIDF
		if id, ok := s.features[w]; ok {
			idf = s.idf[id]
		}
		weights[w] += idf
	}
	for _, sk := range it.Skills {
		for key, w := range skillChain(s.g, sk) {
			weights[key] = math.Max(weights[key], w)
		}
	}
	for key, w := range weights {
		norm += w * w
		if id, ok := s.features[key]; ok {
			v = append(v, feature{id, w})
		}
	}
	return v, math.Sqrt(norm)
}

// scores returns the cosine of the item with every requirement it shares
// an indexed feature with, the best of its languages.
func (s *similarity) scores(f *folded, it *Item) map[*kb.Requirement]float64 {
	v, norm := s.itemVector(f, it)
	if norm == 0 {
		return nil
	}
	dots := map[int32]float64{}
	for _, ft := range v {
		for _, p := range s.postings[s.starts[ft.id]:s.starts[ft.id+1]] {
			dots[p.doc] += ft.weight * float64(p.weight)
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
	eachWord(lower, func(w []byte) { out = append(out, string(w)) })
	return out
}

// eachWord calls fn with each of words' features, UTF-8 encoded in a buffer
// fn must not keep: a map lookup of string(w) allocates nothing.
func eachWord(lower []rune, fn func(w []byte)) {
	var buf []byte
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
				buf = utf8.AppendRune(utf8.AppendRune(buf[:0], lower[k]), lower[k+1])
				fn(buf)
			}
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			buf = buf[:0]
			for j < len(lower) && (unicode.IsLetter(lower[j]) || unicode.IsDigit(lower[j])) && !isHangul(lower[j]) {
				buf = utf8.AppendRune(buf, lower[j])
				j++
			}
			if len(buf) > 1 && !stopWords[string(buf)] {
				fn(bytes.TrimSuffix(buf, []byte("s")))
			}
			i = j
		default:
			i++
		}
	}
}

func set[T comparable](items []T) map[T]bool {
	m := make(map[T]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
