package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

// TestPagingGetsEverything pages through each list that grows with the
// data, one item at a time, passing the last ID as `after`: the pages
// together are the whole list (`first: null`), in order, each item once.
func TestPagingGetsEverything(t *testing.T) {
	e := newHTTPEnv(t, nil, nil)
	tests := []struct {
		name  string
		query string // selects the list as `list { id }`, with $first and $after
	}{
		{"a stage's requirements", `query($first: Int, $after: ID) { stage(slug: "growth") { list: requirements(first: $first, after: $after) { id } } }`},
		{"a stage's requirements of one kind", `query($first: Int, $after: ID) { stage(slug: "mature") { list: requirements(kind: REQUIRED, first: $first, after: $after) { id } } }`},
		{"a stage's traits", `query($first: Int, $after: ID) { stage(slug: "growth") { list: traits(first: $first, after: $after) { id } } }`},
		{"a skill's requirements", `query($first: Int, $after: ID) { skill(name: "spark") { list: requirements(first: $first, after: $after) { id } } }`},
		{"a gap's satisfied requirements", `query($first: Int, $after: ID) { skillGap(stage: "mature", have: ["Python", "Kafka", "Spark", "Hadoop", "Airflow", "SQL"]) { list: satisfied(first: $first, after: $after) { id } } }`},
		{"a gap's open requirements", `query($first: Int, $after: ID) { skillGap(stage: "mature", have: ["Python"]) { list: unsatisfied(first: $first, after: $after) { id } } }`},
		{"a trait's evidence", `query($first: Int, $after: ID) { stage(slug: "mature") { traits(first: 1) { list: evidence(first: $first, after: $after) { id } } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := func(vars map[string]any) []string {
				a := e.postQuery("", tt.query, vars)
				if len(a.Errors) > 0 {
					t.Fatalf("%v: %s", vars, trim(a.body))
				}
				return listIDs(t, a.Data)
			}
			all := ids(map[string]any{"first": nil})
			if len(all) < 2 {
				t.Fatalf("the whole list has %d items: too few to page through", len(all))
			}
			var paged []string
			vars := map[string]any{"first": 1}
			for range len(all) {
				page := ids(vars)
				if len(page) > 1 {
					t.Fatalf("a page of %d items, want at most 1", len(page))
				}
				paged = append(paged, page...)
				if len(page) < 1 {
					break
				}
				vars["after"] = page[len(page)-1]
			}
			if !slices.Equal(paged, all) {
				t.Errorf("pages %v, want %v", paged, all)
			}
			if byDefault := ids(nil); !slices.Equal(byDefault, all[:min(20, len(all))]) {
				t.Errorf("without first: %v, want the first 20 of %v", byDefault, all)
			}
		})
	}
	a := e.postQuery("", `{ stage(slug: "growth") { requirements(after: "requirement:nope") { id } } }`, nil)
	if a.code() != kb.EINVALID || !strings.Contains(a.body, `requirement:nope`) {
		t.Errorf("an unknown after: %s", trim(a.body))
	}
}

// listIDs finds the one `list` field in data, at any depth, and returns its
// items' IDs.
func listIDs(t *testing.T, data json.RawMessage) []string {
	t.Helper()
	var walk func(v any) []string
	walk = func(v any) []string {
		switch v := v.(type) {
		case map[string]any:
			if items, ok := v["list"].([]any); ok {
				out := []string{}
				for _, it := range items {
					out = append(out, it.(map[string]any)["id"].(string))
				}
				return out
			}
			for _, child := range v {
				if out := walk(child); out != nil {
					return out
				}
			}
		case []any:
			for _, child := range v {
				if out := walk(child); out != nil {
					return out
				}
			}
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out := walk(v)
	if out == nil {
		t.Fatalf("no list in %s", data)
	}
	return out
}
