package posting_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/internal/postings"
	"skillgraph/posting"
)

// A 1 kB posting of each language, from the dev set.
var benchPostings = map[string]string{
	"en-1kB": "22-security-saas-between-en.md",
	"ko-1kB": "24-fashion-analytics-between-ko.md",
}

// BenchmarkAnalyze is the domain's cost of reading a 1 kB posting with a
// reader's skills: no SQL, everything from the graph (target: < 2 ms).
func BenchmarkAnalyze(b *testing.B) {
	a := seedAnalyzer(b)
	for name, file := range benchPostings {
		data, err := os.ReadFile(filepath.Join(postings.Dir(postings.Dev), file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := a.Analyze(string(data), []string{"Python", "Kafka", "Airflow"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("20000-characters", func(b *testing.B) {
		text := strings.Repeat("- Kafka와 Spark 기반 실시간 파이프라인을 안정적으로 운영하신 분\n", 600)[:posting.MaxLength]
		for b.Loop() {
			a.Analyze(text, nil)
		}
	})
}

// BenchmarkNewAnalyzer is what the first analysis after a change of the
// graph costs once: the vocabulary's names and the requirements' features.
func BenchmarkNewAnalyzer(b *testing.B) {
	_, g := kbtest.Seed(b)
	b.ReportAllocs()
	for b.Loop() {
		posting.NewAnalyzer(g)
	}
}
