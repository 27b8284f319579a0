package httpapi

import (
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"skillgraph/graph"
	"skillgraph/internal/kbtest"
)

func testSchema() *ast.Schema {
	return graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
}

func TestCost(t *testing.T) {
	schema := testSchema()
	sizes := map[string]int{
		"Query.stages": 2, "Stage.requirements": 11, "Skill.requirements": 2, "Category.skills": 13,
		"Query.skillsForStage": 28, "Query.categories": 20,
	}
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  int
	}{
		{"a list of scalars", `{ stages { slug } }`, nil, 1 + 2*1},
		{"a list in a list, its default page no longer than the data's", `{ stages { slug requirements { id } } }`, nil, 1 + 2*(1+(1+11*1))},
		{"a page shorter than the data's", `{ stages { slug requirements(first: 5) { id } } }`, nil, 1 + 2*(1+(1+5*1))},
		{"first null on a list means all", `{ stages { slug requirements(first: null) { id } } }`, nil, 1 + 2*(1+(1+11*1))},
		{"a default page in the schema", `{ skill(name: "go") { requirements { id } } }`, nil, 1 + (1 + 2*1)},
		{"first multiplies a connection", `{ skills(first: 5) { totalCount edges { node { slug } } } }`, nil, 1 + 5*(1+(1+(1+1)))},
		{"a connection's default page", `{ skills { edges { node { slug } } } }`, nil, 1 + 20*(1+(1+1))},
		{"first from a variable", `query($n: Int) { skillsForStage(stage: "growth", first: $n) { score } }`, map[string]any{"n": int64(4)}, 1 + 4},
		{"first null means all", `query($n: Int) { skillsForStage(stage: "growth", first: $n) { score } }`, map[string]any{"n": nil}, 1 + 28},
		{"first 0", `{ skillsForStage(stage: "growth", first: 0) { score } }`, nil, 1},
		{"each node is of one type: the dearest fragment counts",
			`{ search(text: "x", first: 3) { node { id ... on Skill { requirements { id } } ... on Category { skills(first: null) { slug } } } } }`, nil,
			1 + 3*(1+(1+max(1+2*1, 1+13*1)))},
		{"a default in the schema, no longer than the data", `{ categories { skills { slug } } }`, nil, 1 + 20*(1+13*1)},
		{"fragments on an interface apply to every type",
			`{ node(id: "x") { ... on Node { id } ... on Skill { slug } ...S } } fragment S on Skill { slug }`, nil, 1 + (1 + (1 + 1))},
		{"a list the data says nothing about: its default page", `{ changes(first: 2) { edges { node { items { op } } } } }`, nil, 1 + 2*(1+(1+(1+20*1)))},
		{"a list the data says nothing about, all of it", `{ changes(first: 2) { edges { node { items(first: null) { op } } } } }`, nil, 1 + 2*(1+(1+(1+100*1)))},
		{"introspection costs 1", `{ __schema { types { name fields { name } } } }`, nil, 1},
		{"__typename", `{ __typename stages { __typename } }`, nil, 1 + (1 + 2*1)},
	}
	for _, tt := range tests {
		doc, errs := gqlparser.LoadQuery(schema, tt.query)
		if errs != nil {
			t.Fatalf("%s: %v", tt.name, errs)
		}
		c := coster{schema: schema, vars: tt.vars, sizes: sizes}
		if got := c.selectionSet(doc.Operations[0].SelectionSet, "Query"); got != tt.want || c.err != nil {
			t.Errorf("%s: cost %d (err %v), want %d", tt.name, got, c.err, tt.want)
		}
	}
}

func TestCostSaturates(t *testing.T) {
	schema := testSchema()
	q := `{ stages { requirements { skills { requirements { skills { requirements { skills { requirements { id } } } } } } } } }`
	doc, errs := gqlparser.LoadQuery(schema, q)
	if errs != nil {
		t.Fatal(errs)
	}
	huge := map[string]int{"Query.stages": 1 << 20, "Stage.requirements": 1 << 20, "Requirement.skills": 1 << 20, "Skill.requirements": 1 << 20}
	c := coster{schema: schema, sizes: huge}
	if got := c.selectionSet(doc.Operations[0].SelectionSet, "Query"); got != costOverflow {
		t.Errorf("cost %d, want it to saturate at %d", got, costOverflow)
	}
}

// TestListSizesCoverTheSchema keeps the cost model complete: every field
// that lists objects is costed by the data, a fixed size or a page size.
// A new list field of the schema lands here until complexity.go says how
// long its lists get.
func TestListSizesCoverTheSchema(t *testing.T) {
	schema := testSchema()
	_, g := kbtest.Seed(t)
	sizes := listSizes(g)
	var missing []string
	for name, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Elem == nil || strings.HasPrefix(f.Name, "__") {
				continue
			}
			if elem := schema.Types[f.Type.Name()]; elem == nil || elem.Kind == ast.Scalar || elem.Kind == ast.Enum {
				continue // a list of leaves costs 1
			}
			key := name + "." + f.Name
			_, sized := sizes[key]
			_, fixed := fixedSizes[key]
			_, paged := graph.PageDefaults[key]
			if a := f.Arguments.ForName("first"); a != nil && a.DefaultValue != nil {
				paged = true // the schema's default page size
			}
			edges := f.Name == "edges" && strings.HasSuffix(name, "Connection")
			if !sized && !fixed && !paged && !edges && !inputSized[key] {
				missing = append(missing, key)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("list fields without a size (costed at %d each): %v; give them a `first` with a default in the schema, or add them to listSizes, fixedSizes or inputSized in cost.go",
			defaultListSize, missing)
	}
	if sizes["Query.stages"] != len(g.Stages()) || sizes["Query.categories"] != len(g.Categories()) {
		t.Errorf("sizes %v do not count the seed's stages and categories", sizes)
	}
	for key, n := range sizes {
		if n < 1 {
			t.Errorf("%s costed at %d: an empty list must still cost its selection once", key, n)
		}
	}
}
