package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/synth"
)

// The explorer's queries, as the performance issue lists them. Each runs a
// number of SQL statements that must not grow with the size of its answer:
// resolvers read the in-memory graph, and search runs the same few
// statements whatever it finds. TestNoStatementPerItem runs each at a
// small and a large answer size and compares the statements they ran.
var explorerQueries = []struct {
	name         string
	query        string
	small, large map[string]any // variables; large runs on the synthetic store
}{
	{
		name: "skillsForStage",
		query: `query($stage: String!, $first: Int) {
			skillsForStage(stage: $stage, first: $first) {
				skill { slug name(lang: KO) } score kinds why
				evidence { id kind text source { line quote } }
			}
		}`,
		small: map[string]any{"stage": "growth", "first": 1},
		large: map[string]any{"stage": "@stage0", "first": nil},
	},
	{
		name: "compareStages",
		query: `query($a: String!, $b: String!, $first: Int) {
			compareStages(a: $a, b: $b) {
				a { slug } b { slug }
				shared(first: $first) { slug name stages { stage { slug } score } }
				onlyA(first: $first) { skill { slug } score evidence { id source { line } } }
				onlyB(first: $first) { skill { slug } score why }
			}
		}`,
		small: map[string]any{"a": "growth", "b": "mature", "first": 1},
		large: map[string]any{"a": "@stage0", "b": "@stage1", "first": nil},
	},
	{
		name: "skillGap",
		query: `query($stage: String!, $have: [String!]!, $first: Int) {
			skillGap(stage: $stage, have: $have) {
				coverage unknown known { slug }
				satisfied { id text source { line } }
				unsatisfied { id needs { anyOf { slug } named { slug } widenedBy { id } } }
				missing(first: $first) { skill { slug } score why evidence { id } }
			}
		}`,
		small: map[string]any{"stage": "mature", "have": []string{"Python"}, "first": 1},
		large: map[string]any{"stage": "@stage0", "have": "@popular", "first": nil},
	},
	{
		name: "stage",
		query: `query($stage: String!) {
			stage(slug: $stage) {
				requirements(first: null) { id kind needs { anyOf { slug name } suchAs { slug } } source { line quote } }
				traits(first: null) { id evidence(first: null) { id } emphasizes { slug } widens { id } }
			}
		}`,
		small: map[string]any{"stage": "growth"},
		large: map[string]any{"stage": "@stage0"},
	},
	{
		name: "search",
		query: `query($text: String!, $first: Int) {
			search(text: $text, first: $first) {
				score field snippet
				node {
					id
					... on Requirement { text source { line } stage { slug } }
					... on Skill { slug stages { stage { slug } score } requirements { id } }
					... on Trait { statement evidence { id } }
				}
			}
		}`,
		small: map[string]any{"text": "kafka", "first": 1},
		large: map[string]any{"text": "kafka", "first": 100},
	},
}

func TestNoStatementPerItem(t *testing.T) {
	seeded := startServer(t, forStatementCounts())
	path := filepath.Join(t.TempDir(), "synth.db")
	ds := synth.Generate(synth.Options{Seed: 2, Stages: 3, Skills: 400, Requirements: 2400})
	writeDataset(t, path, ds)
	large := startServer(t, withDB(path), forStatementCounts())
	// The synthetic store's names for what the large variables ask.
	g, err := kb.NewGraph(ds)
	if err != nil {
		t.Fatal(err)
	}
	ranked, _ := g.RankSkills(ds.Stages[0].Slug, nil, 0)
	var popular []string
	for _, rs := range ranked[:40] {
		popular = append(popular, rs.Skill.Slug)
	}
	placeholders := map[string]any{"@stage0": ds.Stages[0].Slug, "@stage1": ds.Stages[1].Slug, "@popular": popular}

	for _, q := range explorerQueries {
		t.Run(q.name, func(t *testing.T) {
			vars := map[string]any{}
			for k, v := range q.large {
				if p, ok := v.(string); ok && placeholders[p] != nil {
					v = placeholders[p]
				}
				vars[k] = v
			}
			smallN, smallBytes := seeded.statements(t, q.query, q.small)
			largeN, largeBytes := large.statements(t, q.query, vars)
			t.Logf("%s: %d statement(s) for %d bytes, %d for %d bytes", q.name, smallN, smallBytes, largeN, largeBytes)
			if largeBytes < 10*smallBytes {
				t.Errorf("the large answer (%d bytes) is not much larger than the small one (%d bytes): the test proves nothing", largeBytes, smallBytes)
			}
			if largeN != smallN {
				t.Errorf("%d statement(s) for the small answer, %d for the large one: a resolver runs SQL per item", smallN, largeN)
			}
			// And the design: reads answer from memory; search runs a few
			// statements in one read transaction (the data's version,
			// aliases, names and a page of other texts).
			limit := int64(0)
			if q.name == "search" {
				limit = 4
			}
			if smallN > limit {
				t.Errorf("%d statement(s), want at most %d", smallN, limit)
			}
		})
	}
}

// statements runs a query that must succeed and returns the statements the
// store ran meanwhile and the size of the answer.
func (s *testServer) statements(t *testing.T, query string, vars map[string]any) (int64, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	before := s.main.store.Statements().Total()
	resp, err := http.Post(s.url+"/query", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	n := s.main.store.Statements().Total() - before
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(answer, &out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("HTTP %d, %v: %.500s", resp.StatusCode, err, answer)
	}
	return n, len(answer)
}

// writeDataset stores ds in a new database at path, as `seed synth` does.
func writeDataset(t *testing.T, path string, ds *kb.Dataset) {
	t.Helper()
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	_, _, err = store.Edit(context.Background(), kb.ChangeMeta{Author: "test", Message: "synthetic"}, func(d *kb.Dataset) error {
		*d = *ds
		return kb.Validate(d)
	})
	if err != nil {
		t.Fatal(err)
	}
}
