package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"skillgraph/kb"
	"skillgraph/ops"
	"skillgraph/posting"
)

// Limits bound what one request may ask for. A request over any of them is
// refused with an error that names the limit, before any resolver runs:
// the checks cost a walk over the document and the variables, nothing more.
type Limits struct {
	// MaxBodyBytes caps a POST body; a larger one is answered 413.
	MaxBodyBytes int64
	// MaxTokens caps the GraphQL document's lexical tokens (names,
	// punctuation, values), so no parser or validator works on a huge
	// document.
	MaxTokens int
	// MaxDepth caps the nesting of fields, fragments expanded. Introspection
	// (__schema, __type) is exempt: gqlparser bounds its depth itself.
	MaxDepth int
	// MaxComplexity caps the estimated cost: every field costs 1, and a
	// list multiplies the cost of what is selected in it by its `first`
	// argument or, without one, by the longest such list in the data.
	MaxComplexity int
	// MaxAliases caps the fields given an alias, fragments expanded.
	MaxAliases int
	// MaxRootFields caps the fields selected at the top of the operation.
	MaxRootFields int
	// MaxStringLength caps each string argument or variable, in characters,
	// but a posting's text (longText).
	MaxStringLength int
	// MaxListLength caps each list argument or variable, in items.
	MaxListLength int
	// RequestTimeout is the deadline of a whole request; past it the client
	// gets a TIMEOUT error.
	RequestTimeout time.Duration
}

// DefaultLimits are generous for every query the explorer, the README and
// the playground send, and tight enough that no single request can keep
// the server busy.
func DefaultLimits() Limits {
	return Limits{
		MaxBodyBytes:    1 << 20,
		MaxTokens:       5000,
		MaxDepth:        10,
		MaxComplexity:   10000,
		MaxAliases:      30,
		MaxRootFields:   20,
		MaxStringLength: 2000,
		MaxListLength:   100,
		RequestTimeout:  10 * time.Second,
	}
}

// Validate reports a limit that is not positive (MaxAliases may be 0: no
// aliases at all).
func (l Limits) Validate() error {
	if l.MaxAliases < 0 {
		return fmt.Errorf("limit max aliases must not be negative")
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"max body bytes", l.MaxBodyBytes > 0},
		{"max tokens", l.MaxTokens > 0},
		{"max depth", l.MaxDepth > 0},
		{"max complexity", l.MaxComplexity > 0},
		{"max root fields", l.MaxRootFields > 0},
		{"max string length", l.MaxStringLength > 0},
		{"max list length", l.MaxListLength > 0},
		{"request timeout", l.RequestTimeout > 0},
	} {
		if !c.ok {
			return fmt.Errorf("limit %s must be positive", c.name)
		}
	}
	return nil
}

// Error codes of the GraphQL endpoint, in extensions.code, beside the
// domain's (kb.ENOTFOUND, kb.EINVALID, kb.EINTERNAL) and those of the admin
// mutations (UNAUTHENTICATED, FORBIDDEN). They are stable: clients may
// match on them.
const (
	CodeParseFailed            = "GRAPHQL_PARSE_FAILED"      // the document is not GraphQL
	CodeValidationFailed       = "GRAPHQL_VALIDATION_FAILED" // it does not fit the schema, or its variables do not fit it
	CodeTooComplex             = "QUERY_TOO_COMPLEX"         // over a size, depth, alias, field or cost limit
	CodeBadRequest             = "BAD_REQUEST"               // the HTTP request is not a GraphQL request: bad JSON, no query…
	CodePayloadTooLarge        = "PAYLOAD_TOO_LARGE"         // the body is over MaxBodyBytes
	CodeMethodNotAllowed       = "METHOD_NOT_ALLOWED"        // not GET, POST or OPTIONS, or a mutation over GET
	CodeUnsupportedMediaType   = "UNSUPPORTED_MEDIA_TYPE"    // a POST body that is not application/json in UTF-8
	CodeNotAcceptable          = "NOT_ACCEPTABLE"            // the client accepts no JSON answer
	CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND" // an APQ hash the server does not know (yet)
	CodeTimeout                = "TIMEOUT"                   // the request ran past RequestTimeout
	CodeCanceled               = "CANCELED"                  // the client went away
)

// Names of the limits, in the extensions.limit of a refusal.
const (
	limitTokens     = "tokens"
	limitName       = "nameLength"
	limitDepth      = "depth"
	limitComplexity = "complexity"
	limitAliases    = "aliases"
	limitRootFields = "rootFields"
	limitString     = "stringLength"
	limitList       = "listLength"
	limitFirst      = "first"
)

// refusal is the error a limit answers with: its code, the limit's name and
// its value in extensions, and a message saying what was over.
func refusal(code, limit string, max int, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": code, "limit": limit, "max": max},
	}
}

// limiter enforces Limits in two steps. Before gqlgen parses and validates
// a document (an OperationParameterMutator), it checks the variables, the
// document's size, depth, aliases, root fields and literal values, on a
// parse of its own that stops at MaxTokens. A document that passes and
// validates is cached by gqlgen and not checked again. After validation
// and variable coercion (an OperationContextMutator), it checks `first`
// arguments, introspection and the cost, which need the schema and the
// variables' values.
type limiter struct {
	limits        Limits
	introspection bool
	cache         graphql.Cache[*ast.QueryDocument] // gqlgen's parsed-query cache
	live          *kb.Live                          // the data lists are costed by
	sizes         sizeCache
	schema        *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = (*limiter)(nil)

func (l *limiter) ExtensionName() string { return "Limits" }

func (l *limiter) Validate(es graphql.ExecutableSchema) error {
	l.schema = es.Schema()
	return l.limits.Validate()
}

// MutateOperationParameters runs before parsing (after the APQ extension
// has put a persisted query in place).
func (l *limiter) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if err := l.checkVariables(raw.Variables); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(raw.OperationName); n > maxNameLength {
		return refusal(CodeTooComplex, limitName, maxNameLength, "the operation name has %d characters; the limit is %d", n, maxNameLength)
	}
	if raw.Query == "" {
		return nil // gqlgen answers "no operation provided"
	}
	if _, ok := l.cache.Get(ctx, raw.Query); ok {
		return nil // checked when it was first seen
	}
	src := &ast.Source{Input: raw.Query}
	// Error messages, the parser's included, quote names and values: none
	// may be huge, even in a document that does not parse.
	tokens := countTokens(src, l.limits.MaxTokens)
	switch {
	case tokens.over:
		return refusal(CodeTooComplex, limitTokens, l.limits.MaxTokens,
			"the query has more than %d tokens (names, punctuation and values); the limit is %d", l.limits.MaxTokens, l.limits.MaxTokens)
	case tokens.longestName > maxNameLength:
		return refusal(CodeTooComplex, limitName, maxNameLength,
			"the query has a name of %d characters; the limit is %d", tokens.longestName, maxNameLength)
	}
	doc, err := parser.ParseQuery(src)
	if err != nil {
		if tokens.longestString > l.limits.MaxStringLength {
			return refusal(kb.EINVALID, limitString, l.limits.MaxStringLength,
				"the query has a string of %d characters; the limit is %d", tokens.longestString, l.limits.MaxStringLength)
		}
		return nil // gqlgen parses it again and reports the syntax error its usual way
	}
	if op := doc.Operations.ForName(raw.OperationName); op != nil {
		// For the log line and the metrics, should the document be refused.
		ops.SetOperation(ctx, operationName(op))
	}
	return l.checkDocument(doc)
}

// operationName names an operation in logs and metrics.
func operationName(op *ast.OperationDefinition) string {
	if op.Name == "" {
		return "anonymous"
	}
	return op.Name
}

// maxNameLength caps the names of a document (fields, aliases, arguments,
// variables, fragments, operations), in characters: the schema's are far
// shorter, and error messages quote them.
const maxNameLength = 128

// tokenCount is what countTokens measures of a document.
type tokenCount struct {
	n             int  // tokens, up to the limit + 1
	over          bool // more than the limit
	longestName   int  // characters
	longestString int  // characters
}

// countTokens counts src's tokens up to limit+1 and measures its longest
// name and string. A lexical error ends the count: the parser reports it.
func countTokens(src *ast.Source, limit int) tokenCount {
	var c tokenCount
	lex := lexer.New(src)
	for c.n <= limit {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return c
		}
		switch tok.Kind {
		case lexer.Name:
			c.longestName = max(c.longestName, utf8.RuneCountInString(tok.Value))
		case lexer.String, lexer.BlockString:
			c.longestString = max(c.longestString, utf8.RuneCountInString(tok.Value))
		}
		c.n++
	}
	c.over = true
	return c
}

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
		where := "variable $" + truncate(name, 40)
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
			return l.checkString("variable $"+truncate(name, 40), vars[name].(string))
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
		return refusal(CodeTooComplex, limitComplexity, lim.MaxComplexity,
			"the query selects more than %d fields once its fragments are expanded, so it costs more than the limit of %d",
			lim.MaxComplexity, lim.MaxComplexity)
	case w.depth > lim.MaxDepth:
		return refusal(CodeTooComplex, limitDepth, lim.MaxDepth,
			"the query nests fields %d deep; the limit is %d", w.depth, lim.MaxDepth)
	case w.rootFields > lim.MaxRootFields:
		return refusal(CodeTooComplex, limitRootFields, lim.MaxRootFields,
			"the operation selects %d fields at its top level; the limit is %d", w.rootFields, lim.MaxRootFields)
	case w.aliases > lim.MaxAliases:
		return refusal(CodeTooComplex, limitAliases, lim.MaxAliases,
			"the query uses %d aliases; the limit is %d", w.aliases, lim.MaxAliases)
	}
	return nil
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

// MutateOperationContext runs after validation and variable coercion.
func (l *limiter) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Operation
	if op == nil {
		return nil
	}
	if err := checkEnumVariables(l.schema, op, opCtx.Variables); err != nil {
		return err
	}
	if err := l.checkLongVariables(opCtx.Doc, op, opCtx.Variables); err != nil {
		return err
	}
	c := coster{schema: l.schema, vars: opCtx.Variables, sizes: l.sizes.of(l.live.Load()), maxList: l.limits.MaxListLength}
	cost := c.selectionSet(op.SelectionSet, rootTypeName(op.Operation))
	switch {
	case c.err != nil:
		return c.err
	case c.introspects && !l.introspection:
		err := gqlerror.Errorf("introspection is disabled on this server")
		err.Extensions = map[string]any{"code": CodeValidationFailed}
		return err
	case cost > l.limits.MaxComplexity:
		return refusal(CodeTooComplex, limitComplexity, l.limits.MaxComplexity,
			"the query costs %s; the limit is %d (each field costs 1, and a list multiplies what it selects by its `first` or its longest length in the data)",
			costString(cost, l.limits.MaxComplexity), l.limits.MaxComplexity)
	}
	return nil
}

func rootTypeName(op ast.Operation) string {
	switch op {
	case ast.Mutation:
		return "Mutation"
	case ast.Subscription:
		return "Subscription"
	}
	return "Query"
}

// costString says a cost, or "more than" the limit when counting stopped
// early.
func costString(cost, limit int) string {
	if cost == costOverflow {
		return fmt.Sprintf("more than %d", limit)
	}
	return fmt.Sprint(cost)
}

// intArg reads an Int argument's coerced value.
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		return int(n), true
	case float64:
		return int(n), true
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// firstError turns pageSize's domain error into a refusal.
func firstError(field string, first int) *gqlerror.Error {
	_, err := pageSize(&first, 0)
	var domainErr *kb.Error
	if !errors.As(err, &domainErr) {
		return nil
	}
	return refusal(domainErr.Code, limitFirst, maxPage, "%s: %s", field, domainErr.Message)
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
			path, truncate(s, 40), def.Name, strings.Join(names, ", "))
		err.Extensions = map[string]any{"code": CodeValidationFailed}
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
