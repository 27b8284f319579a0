package kb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

func TestMatchQuality(t *testing.T) {
	tests := []struct {
		query, text string
		want        float64
	}{
		{"spark", "Spark", 1},
		{"spa", "Spark", 0.9},
		{"spark", "Apache Spark", 0.8},
		{"park", "Apache Spark", 0.6},
		{"분산", "대용량 분산 시스템", 0.8},
		{"분산", "분산처리", 0.9},
		{"data pipe", "Develop data pipelines", 0.8},
		{"data kafka", "Develop data pipelines", 0},
		{"", "anything", 0},
	}
	for _, tt := range tests {
		if got := kb.MatchQuality(tt.query, tt.text); got != tt.want {
			t.Errorf("MatchQuality(%q, %q) = %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("가", 50) + " Kafka " + strings.Repeat("나", 50)
	tests := []struct {
		text, query, want string
	}{
		{"short text", "text", "short text"},
		// A third of the width before the match, the rest after it.
		{long, "kafka", "…" + strings.Repeat("가", 12) + " Kafka " + strings.Repeat("나", 21) + "…"},
	}
	for _, tt := range tests {
		got := kb.Snippet(tt.text, tt.query, 40)
		if got != tt.want {
			t.Errorf("Snippet(%q) = %q, want %q", tt.query, got, tt.want)
		}
		if n := len([]rune(strings.Trim(got, "…"))); n > 40 {
			t.Errorf("snippet has %d runes, want at most 40", n)
		}
	}
}

func TestRankMatches(t *testing.T) {
	matches := []kb.TextMatch{
		{Node: "requirement:r1", Field: kb.FieldText, Lang: kb.English, Text: "Experience with Apache Kafka"},
		{Node: "skill:kafka", Field: kb.FieldAlias, Text: "Apache Kafka"},
		{Node: "skill:kafka", Field: kb.FieldName, Lang: kb.English, Text: "Kafka"},
		{Node: "trait:t1", Field: kb.FieldImplication, Lang: kb.English, Text: "kafkaesque"},
	}
	hits := kb.RankMatches("kafka", matches)
	var got []string
	for _, h := range hits {
		got = append(got, h.Node)
	}
	if want := []string{"skill:kafka", "requirement:r1", "trait:t1"}; !slices.Equal(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}
	if hits[0].Score != 1 || hits[0].Field != kb.FieldName {
		t.Errorf("best hit = %+v, want the exact name match scored 1", hits[0])
	}
}

type fixedIndex []kb.TextMatch

func (f fixedIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	return f, nil
}

func TestSearchRejectsBadText(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{strings.Repeat("a", kb.MaxSearchLength+1), "the limit is 200"},
	}
	for _, tt := range tests {
		_, err := kb.Search(context.Background(), fixedIndex{}, tt.text, "", 10)
		if kb.ErrorCode(err) != kb.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Search(%.20q) error = %v, want EINVALID mentioning %q", tt.text, err, tt.want)
		}
	}
}

func TestGraphSearchText(t *testing.T) {
	g := mustGraph(t, fixture())
	ctx := context.Background()
	tests := []struct {
		query string
		lang  kb.Lang
		limit int
		want  []string // node IDs, in order, deduplicated
	}{
		{"kafka", "", 0, []string{"skill:kafka", "requirement:m-dist"}},
		{"KAFKA", kb.English, 0, []string{"skill:kafka", "requirement:m-dist"}},
		{"카프카", "", 0, []string{"skill:kafka", "requirement:m-dist"}},
		{"카프카", kb.English, 0, nil},
		{"hadoop mr", "", 0, []string{"skill:hadoop-mapreduce"}},
		{"o", "", 2, []string{"skill:go", "skill:hadoop"}},
		{"   ", "", 0, nil},
	}
	for _, tt := range tests {
		matches, err := g.SearchText(ctx, tt.query, tt.lang, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range matches {
			if !slices.Contains(got, m.Node) {
				got = append(got, m.Node)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SearchText(%q, %q, %d) = %v, want %v", tt.query, tt.lang, tt.limit, got, tt.want)
		}
	}
}
