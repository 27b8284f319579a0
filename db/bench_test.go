package db_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
	"skillgraph/synth"
)

// Benchmarks of search at two sizes: the seed and the synthetic scale (100
// stages, 10,000 skills, 100,000 requirements), stored once per run:
//
//	go test -run '^$' -bench . -benchmem ./db/
//
// Storing the synthetic scale takes a minute; KB_BENCH_SYNTH_DB names a
// database to reuse (`go run . seed synth -db PATH` makes one). -short
// skips the synthetic scale.

var (
	benchDir                 string // removed by TestMain
	seedStoreOnce, synthOnce sync.Once
	seedStore, synthStore    *db.DB
	seedStoreErr, synthErr   error
	syntheticScale           = synth.Options{Seed: 1, Stages: 100, Skills: 10000, Requirements: 100000}
	// Trigram searches (Latin, Hangul, two words) and a short word, which
	// falls back to a scan.
	searchWords          = []string{"kafka", "스파크", "data pipeline", "분산"}
	syntheticSearchWords = []string{"kafka", "스파크", "spark tuning", "BI"}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if seedStore != nil {
		seedStore.Close()
	}
	if synthStore != nil {
		synthStore.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func benchTempDir(b *testing.B) string {
	b.Helper()
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "skillgraph-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	return benchDir
}

// benchStores returns the stores to search, by name.
func benchStores(b *testing.B) []struct {
	name  string
	store *db.DB
	words []string
} {
	b.Helper()
	ctx := context.Background()
	seedStoreOnce.Do(func() {
		var ds *kb.Dataset
		if ds, seedStoreErr = seed.Load(seed.Files()); seedStoreErr != nil {
			return
		}
		if seedStore, seedStoreErr = db.Open(ctx, filepath.Join(benchTempDir(b), "seed.db")); seedStoreErr == nil {
			seedStoreErr = seedStore.Replace(ctx, ds)
		}
	})
	if seedStoreErr != nil {
		b.Fatal(seedStoreErr)
	}
	stores := []struct {
		name  string
		store *db.DB
		words []string
	}{{"seed", seedStore, searchWords}}
	if testing.Short() {
		return stores
	}
	synthOnce.Do(func() {
		path := os.Getenv("KB_BENCH_SYNTH_DB")
		if path != "" {
			synthStore, synthErr = db.Open(ctx, path)
			return
		}
		start := time.Now()
		if synthStore, synthErr = db.Open(ctx, filepath.Join(benchTempDir(b), "synth.db")); synthErr == nil {
			synthErr = synthStore.Replace(ctx, synth.Generate(syntheticScale))
		}
		b.Logf("stored the synthetic scale in %s", time.Since(start).Round(time.Second))
	})
	if synthErr != nil {
		b.Fatal(synthErr)
	}
	return append(stores, struct {
		name  string
		store *db.DB
		words []string
	}{"synthetic", synthStore, syntheticSearchWords})
}

func BenchmarkSearchText(b *testing.B) {
	ctx := context.Background()
	for _, s := range benchStores(b) {
		for _, w := range s.words {
			b.Run(s.name+"/"+w, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					// What kb.Search asks for a first page of 10.
					if _, _, err := s.store.SearchText(ctx, w, "", 80); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSearch is kb.Search over the store: the SQL, then the ranking.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, s := range benchStores(b) {
		for _, w := range s.words {
			b.Run(s.name+"/"+w, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					hits, err := kb.Search(ctx, searchIndex{s.store}, w, "", 10)
					if err != nil || len(hits) == 0 {
						b.Fatal(err, len(hits))
					}
				}
			})
		}
	}
}
