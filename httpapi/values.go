package httpapi

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/graph"
	"skillgraph/kb"
	"skillgraph/posting"
)

// longText is the longest string one argument takes, a posting's text
// (Query.analyzePosting(text:)), in characters. Every other string is held
// to MaxStringLength.
const longText = posting.MaxLength

// longTextArgument reports whether an argument takes a long text.
func longTextArgument(field, argument string) bool {
	return field == "analyzePosting" && argument == "text"
}

// checkVariables checks the raw JSON variables: no string longer than
// MaxStringLength, no list longer than MaxListLength, at any nesting. A
// variable that is a string may be as long as longText here: which
// argument it goes to is known after validation (checkLongVariables).
func (l *limiter) checkVariables(vars map[string]any) *gqlerror.Error {
	for name, v := range vars {
		if err := l.checkString("a variable's name", name); err != nil {
			return err
		}
		where := "variable $" + kb.Shorten(name, 40)
		if s, ok := v.(string); ok {
			if err := checkStringAt(where, s, max(l.limits.MaxStringLength, longText)); err != nil {
				return err
			}
			continue
		}
		if err := l.checkJSONValue(where, v, 0); err != nil {
			return err
		}
	}
	return nil
}

// checkLongVariables refuses a variable longer than MaxStringLength unless
// every use of it is an argument that takes a long text.
func (l *limiter) checkLongVariables(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	long := map[string]bool{}
	for name, v := range vars {
		if s, ok := v.(string); ok && len(s) > l.limits.MaxStringLength && utf8.RuneCountInString(s) > l.limits.MaxStringLength {
			long[name] = true
		}
	}
	if len(long) == 0 {
		return nil
	}
	for name := range short(doc, op.SelectionSet, map[string]bool{}) {
		if long[name] {
			return l.checkString("variable $"+kb.Shorten(name, 40), vars[name].(string))
		}
	}
	return nil
}

// short lists the variables a selection set passes to arguments that take
// no long text, fragments expanded once each.
func short(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, sel := range set {
		var children ast.SelectionSet
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				if !longTextArgument(s.Name, a.Name) {
					variablesIn(a.Value, out)
				}
			}
			children = s.SelectionSet
		case *ast.InlineFragment:
			children = s.SelectionSet
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if f := doc.Fragments.ForName(s.Name); f != nil {
				children = f.SelectionSet
			}
		}
		for v := range short(doc, children, seen) {
			out[v] = true
		}
	}
	return out
}

func variablesIn(v *ast.Value, out map[string]bool) {
	if v == nil {
		return
	}
	if v.Kind == ast.Variable {
		out[v.Raw] = true
	}
	for _, c := range v.Children {
		variablesIn(c.Value, out)
	}
}

// maxValueNesting bounds the recursion over variables; the JSON decoder
// allows deeper nesting than any input type of the schema has.
const maxValueNesting = 32

func (l *limiter) checkJSONValue(where string, v any, depth int) *gqlerror.Error {
	if depth > maxValueNesting {
		return refusal(kb.EINVALID, limitList, l.limits.MaxListLength, "%s nests lists and objects more than %d deep", where, maxValueNesting)
	}
	switch v := v.(type) {
	case string:
		return l.checkString(where, v)
	case []any:
		if len(v) > l.limits.MaxListLength {
			return l.listError(where, len(v))
		}
		for _, item := range v {
			if err := l.checkJSONValue(where, item, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		if len(v) > l.limits.MaxListLength {
			return refusal(kb.EINVALID, limitList, l.limits.MaxListLength,
				"%s is an object of %d fields; the limit is %d", where, len(v), l.limits.MaxListLength)
		}
		for key, item := range v {
			if err := l.checkString(where+" (a field name)", key); err != nil {
				return err
			}
			if err := l.checkJSONValue(where, item, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *limiter) checkString(where, s string) *gqlerror.Error {
	return checkStringAt(where, s, l.limits.MaxStringLength)
}

func checkStringAt(where, s string, limit int) *gqlerror.Error {
	// The byte length bounds the number of characters from above, so
	// most strings need no counting.
	if len(s) <= limit {
		return nil
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return refusal(kb.EINVALID, limitString, limit, "%s is a string of %d characters; the limit is %d", where, n, limit)
	}
	return nil
}

func (l *limiter) listError(where string, n int) *gqlerror.Error {
	return refusal(kb.EINVALID, limitList, l.limits.MaxListLength,
		"%s is a list of %d items; the limit is %d", where, n, l.limits.MaxListLength)
}

// checkLiterals checks the argument values written in a selection set
// (fragments are checked once, where they are defined).
func (l *limiter) checkLiterals(set ast.SelectionSet) *gqlerror.Error {
	for _, sel := range set {
		var (
			children   ast.SelectionSet
			directives ast.DirectiveList
		)
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				where := fmt.Sprintf("argument %q of %s", a.Name, s.Name)
				if v := a.Value; longTextArgument(s.Name, a.Name) && v != nil && (v.Kind == ast.StringValue || v.Kind == ast.BlockValue) {
					if err := checkStringAt(where, v.Raw, max(l.limits.MaxStringLength, longText)); err != nil {
						return err
					}
					continue
				}
				if err := l.checkValue(where, a.Value); err != nil {
					return err
				}
			}
			children, directives = s.SelectionSet, s.Directives
		case *ast.InlineFragment:
			children, directives = s.SelectionSet, s.Directives
		case *ast.FragmentSpread:
			directives = s.Directives
		}
		for _, d := range directives {
			for _, a := range d.Arguments {
				if err := l.checkValue(fmt.Sprintf("argument %q of @%s", a.Name, d.Name), a.Value); err != nil {
					return err
				}
			}
		}
		if err := l.checkLiterals(children); err != nil {
			return err
		}
	}
	return nil
}

func (l *limiter) checkValue(where string, v *ast.Value) *gqlerror.Error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		return l.checkString(where, v.Raw)
	case ast.ListValue:
		if len(v.Children) > l.limits.MaxListLength {
			return l.listError(where, len(v.Children))
		}
	case ast.ObjectValue:
		if len(v.Children) > l.limits.MaxListLength {
			return refusal(kb.EINVALID, limitList, l.limits.MaxListLength,
				"%s is an object of %d fields; the limit is %d", where, len(v.Children), l.limits.MaxListLength)
		}
	}
	for _, c := range v.Children {
		if err := l.checkValue(where, c.Value); err != nil {
			return err
		}
	}
	return nil
}

// checkEnumVariables refuses enum values in variables that match a value
// of their enum only when case is ignored, such as "ko" for KO: gqlparser's
// coercion accepts them, gqlgen's generated types do not, and without this
// check the request would fail during execution with an internal error.
func checkEnumVariables(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	for _, def := range op.VariableDefinitions {
		if v, ok := vars[def.Variable]; ok {
			if err := checkEnumValue(schema, def.Type, v, "$"+def.Variable, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkEnumValue(schema *ast.Schema, typ *ast.Type, v any, path string, depth int) *gqlerror.Error {
	if v == nil || typ == nil || depth > maxValueNesting {
		return nil
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return checkEnumValue(schema, typ.Elem, v, path, depth+1) // a single value coerced to a list
		}
		for i, item := range list {
			if err := checkEnumValue(schema, typ.Elem, item, fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	def := schema.Types[typ.NamedType]
	switch {
	case def == nil:
		return nil
	case def.Kind == ast.Enum:
		s, _ := v.(string)
		if def.EnumValues.ForName(s) != nil {
			return nil
		}
		names := make([]string, len(def.EnumValues))
		for i, e := range def.EnumValues {
			names[i] = e.Name
		}
		err := gqlerror.Errorf("variable %s: %q is not a valid %s; use one of %s (enum values are case-sensitive)",
			path, kb.Shorten(s, 40), def.Name, strings.Join(names, ", "))
		err.Extensions = map[string]any{"code": graph.CodeBadVariables}
		return err
	case def.Kind == ast.InputObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for _, f := range def.Fields {
			if err := checkEnumValue(schema, f.Type, obj[f.Name], path+"."+f.Name, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
