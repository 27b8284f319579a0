package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"skillgraph/graph"
	"skillgraph/kb"
)

// limiter enforces Limits in two steps. Before gqlgen parses and validates
// a document (an OperationParameterMutator), it checks the variables and
// the operation's name; the document's size, depth, aliases, root fields
// and literal values are checked as it is parsed, once (document.go),
// usually by the transport. After validation and variable coercion (an
// OperationContextMutator), it checks `first` arguments, introspection and
// the cost, which need the schema and the variables' values.
type limiter struct {
	limits        Limits
	introspection bool
	cache         graphql.Cache[*ast.QueryDocument] // gqlgen's parsed-query cache
	live          *kb.Live                          // the data lists are costed by
	sizes         sizeCache
	schema        *ast.Schema
	rules         *rules.Rules
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = (*limiter)(nil)

func (l *limiter) ExtensionName() string { return "Limits" }

func (l *limiter) Validate(es graphql.ExecutableSchema) error {
	l.schema = es.Schema()
	l.rules = validationRules(l.introspection)
	return l.limits.Validate()
}

// MutateOperationParameters runs before parsing (after the APQ extension
// has put a persisted query in place).
func (l *limiter) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if err := l.checkVariables(raw.Variables); err != nil {
		return err
	}
	if err := checkOperationName(raw.OperationName); err != nil {
		return err
	}
	if raw.Query == "" {
		return nil // gqlgen answers "no operation provided"
	}
	doc, validated, err := l.parse(ctx, raw.Query)
	if err != nil || validated {
		return err
	}
	// A persisted query whose document the transport did not see (the
	// request named it by its hash) and the cache no longer holds.
	if errs := l.validate(ctx, raw.Query, doc); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// checkOperationName refuses an operation name longer than any other name
// may be.
func checkOperationName(name string) *gqlerror.Error {
	if n := utf8.RuneCountInString(name); n > maxNameLength {
		return refusal(graph.CodeTooComplex, limitName, maxNameLength, "the operation name has %d characters; the limit is %d", n, maxNameLength)
	}
	return nil
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
		err.Extensions = map[string]any{"code": graph.CodeValidationFailed}
		return err
	case cost > l.limits.MaxComplexity:
		return refusal(graph.CodeTooComplex, limitComplexity, l.limits.MaxComplexity,
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
	_, err := graph.PageSize(&first, 0)
	var domainErr *kb.Error
	if !errors.As(err, &domainErr) {
		return nil
	}
	return refusal(domainErr.Code, limitFirst, graph.MaxPage, "%s: %s", field, domainErr.Message)
}
