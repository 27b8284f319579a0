package httpapi

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/graph"
)

// checkDocument checks a parsed, not yet validated, document: its literal
// values, and each operation's shape. Fragments are looked up by name, as
// validation has not linked them yet.
func (l *limiter) checkDocument(doc *ast.QueryDocument) *gqlerror.Error {
	fragments := map[string]*ast.FragmentDefinition{}
	for _, f := range doc.Fragments {
		fragments[f.Name] = f
		if err := l.checkLiterals(f.SelectionSet); err != nil {
			return err
		}
	}
	for _, op := range doc.Operations {
		for _, v := range op.VariableDefinitions {
			if err := l.checkValue(fmt.Sprintf("the default of variable $%s", v.Variable), v.DefaultValue); err != nil {
				return err
			}
		}
		if err := l.checkLiterals(op.SelectionSet); err != nil {
			return err
		}
		w := shapeWalker{fragments: fragments, active: map[string]bool{}, budget: l.limits.MaxComplexity}
		w.selectionSet(op.SelectionSet, 1, true)
		if err := l.checkShape(&w); err != nil {
			return err
		}
	}
	return nil
}

func (l *limiter) checkShape(w *shapeWalker) *gqlerror.Error {
	lim := l.limits
	switch {
	case w.budget < 0:
		// Every field costs at least 1.
		return refusal(graph.CodeTooComplex, limitComplexity, lim.MaxComplexity,
			"the query selects more than %d fields once its fragments are expanded, so it costs more than the limit of %d",
			lim.MaxComplexity, lim.MaxComplexity)
	case w.depth > lim.MaxDepth:
		return refusal(graph.CodeTooComplex, limitDepth, lim.MaxDepth,
			"the query nests fields %d deep; the limit is %d", w.depth, lim.MaxDepth)
	case w.rootFields > lim.MaxRootFields:
		return refusal(graph.CodeTooComplex, limitRootFields, lim.MaxRootFields,
			"the operation selects %d fields at its top level; the limit is %d", w.rootFields, lim.MaxRootFields)
	case w.aliases > lim.MaxAliases:
		return refusal(graph.CodeTooComplex, limitAliases, lim.MaxAliases,
			"the query uses %d aliases; the limit is %d", w.aliases, lim.MaxAliases)
	}
	return nil
}

// shapeWalker measures an operation on the unvalidated document: depth,
// aliases and root fields, fragments expanded. budget counts down the
// fields visited, so a document whose fragments expand exponentially stops
// the walk instead of running it.
type shapeWalker struct {
	fragments  map[string]*ast.FragmentDefinition
	active     map[string]bool // fragments being expanded: a cycle is skipped (validation reports it)
	budget     int
	depth      int
	aliases    int
	rootFields int
}

func (w *shapeWalker) selectionSet(set ast.SelectionSet, depth int, root bool) {
	for _, sel := range set {
		if w.budget < 0 {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			w.budget--
			if root {
				w.rootFields++
			}
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			if isIntrospection(s.Name) {
				// Its depth is bounded by gqlparser's MaxIntrospectionDepth
				// rule, and it can be switched off; only count its fields.
				w.selectionSet(s.SelectionSet, -1<<20, false)
				continue
			}
			w.depth = max(w.depth, depth)
			w.selectionSet(s.SelectionSet, depth+1, false)
		case *ast.InlineFragment:
			w.selectionSet(s.SelectionSet, depth, root)
		case *ast.FragmentSpread:
			f := w.fragments[s.Name]
			if f == nil || w.active[s.Name] {
				continue
			}
			w.active[s.Name] = true
			w.selectionSet(f.SelectionSet, depth, root)
			w.active[s.Name] = false
		}
	}
}

func isIntrospection(field string) bool { return field == "__schema" || field == "__type" }
