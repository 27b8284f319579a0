package httpapi_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/internal/benchquery"
	"skillgraph/kb"
)

// benchQueries are the explorer's queries as the load harness (bench/)
// asks them, at the seed's size.
var benchQueries = []struct {
	name, query string
	vars        map[string]any
}{
	{"skillsForStage", benchquery.SkillsForStage, map[string]any{"stage": "mature", "lang": "KO"}},
	{"compareStages", benchquery.CompareStages, map[string]any{"a": "mature", "b": "growth", "lang": "KO"}},
	{"skillGap", benchquery.SkillGap, map[string]any{"stage": "mature", "have": []string{"Python", "Kafka"}, "lang": "KO"}},
	{"stage", benchquery.Stage, map[string]any{"stage": "mature"}},
}

// BenchmarkQuery is what one request costs the server when it is not a
// repeat (response cache off): the HTTP handler, GraphQL execution and
// JSON, with the seed's graph in memory. go test -bench Query -cpuprofile
// shows where it goes.
func BenchmarkQuery(b *testing.B) {
	_, g := seedGraphB(b)
	live := &kb.Live{}
	live.Store(g, 1)
	opts := httpapi.DefaultOptions(slog.New(slog.DiscardHandler))
	opts.ResponseCacheBytes = 0
	h := httpapi.NewHandler(&graph.Resolver{Live: live}, opts)
	for _, q := range benchQueries {
		body, _ := json.Marshal(map[string]any{"query": q.query, "variables": q.vars})
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					b.Fatalf("%d %s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

func seedGraphB(b *testing.B) (struct{}, *kb.Graph) { return struct{}{}, seedGraph(b) }
