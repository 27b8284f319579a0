package httpapi

import (
	"context"
	"errors"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"skillgraph/graph"
	"skillgraph/kb"
)

// Each distinct document is parsed, checked against the limits and
// validated once. One that passes goes into gqlgen's query cache, where the
// executor finds it, so that neither this request nor a later one parses or
// validates it again. The transport prepares the document of every request
// that carries one, before gqlgen sees it; the limiter prepares a persisted
// query's, which the APQ extension puts in place inside gqlgen.

// parse returns query's document and whether it is validated already: a
// document seen before comes from the cache; a new one is parsed once its
// size is checked, and its shape checked once it is parsed. A document
// whose shape is refused comes back with the refusal, so that its
// operation can be named in the log line.
func (l *limiter) parse(ctx context.Context, query string) (doc *ast.QueryDocument, validated bool, err *gqlerror.Error) {
	if doc, ok := l.cache.Get(ctx, query); ok {
		return doc, true, nil
	}
	src := &ast.Source{Input: query}
	// Error messages, the parser's included, quote names and values: none
	// may be huge, even in a document that does not parse.
	tokens := countTokens(src, l.limits.MaxTokens)
	switch {
	case tokens.over:
		return nil, false, refusal(graph.CodeTooComplex, limitTokens, l.limits.MaxTokens,
			"the query has more than %d tokens (names, punctuation and values); the limit is %d", l.limits.MaxTokens, l.limits.MaxTokens)
	case tokens.longestName > maxNameLength:
		return nil, false, refusal(graph.CodeTooComplex, limitName, maxNameLength,
			"the query has a name of %d characters; the limit is %d", tokens.longestName, maxNameLength)
	}
	doc, parseErr := parser.ParseQuery(src)
	if parseErr != nil {
		if tokens.longestString > l.limits.MaxStringLength {
			return nil, false, refusal(kb.EINVALID, limitString, l.limits.MaxStringLength,
				"the query has a string of %d characters; the limit is %d", tokens.longestString, l.limits.MaxStringLength)
		}
		gqlErr, ok := errors.AsType[*gqlerror.Error](parseErr)
		if !ok {
			gqlErr = gqlerror.Wrap(parseErr)
		}
		graph.SetCode(gqlErr, graph.CodeParseFailed)
		return nil, false, gqlErr
	}
	return doc, false, l.checkDocument(doc)
}

// validate validates a parsed document against the schema, with the rules
// gqlgen would use, and caches it when it is valid.
func (l *limiter) validate(ctx context.Context, query string, doc *ast.QueryDocument) gqlerror.List {
	errs := validator.ValidateWithRules(l.schema, doc, l.rules)
	for _, e := range errs {
		graph.SetCode(e, graph.CodeValidationFailed)
	}
	if len(errs) == 0 {
		l.cache.Add(ctx, query, doc)
	}
	return errs
}

// coercionError reports variables that do not fit the types the operation
// declares for them, in a document that failed validation. Such a request
// is answered as one with bad variables (400), as the GraphQL-over-HTTP
// draft asks, whatever else is wrong with its document: a variable that is
// declared and never used, say. It reports nothing when op is nil or a
// variable's type is unknown (validation says so).
func coercionError(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	if op == nil {
		return nil
	}
	for _, v := range op.VariableDefinitions {
		if v.Definition == nil || !v.Definition.IsInputType() { // set by validation for known types
			return nil
		}
	}
	_, err := validator.VariableValues(schema, op, vars)
	gqlErr, ok := errors.AsType[*gqlerror.Error](err)
	if !ok {
		return nil
	}
	graph.SetCode(gqlErr, graph.CodeBadVariables)
	return gqlErr
}

// validationRules are gqlgen's: the specification's, with or without
// suggestions of field names ("Did you mean …?"), which reveal the schema
// as introspection does.
func validationRules(suggest bool) *rules.Rules {
	r := rules.NewDefaultRules()
	swap := func(remove string, add core.Rule) {
		r.RemoveRule(remove)
		r.AddRule(add.Name, add.RuleFunc)
	}
	if suggest {
		swap("FieldsOnCorrectTypeWithoutSuggestions", rules.FieldsOnCorrectTypeRule)
		swap("ScalarLeafsWithoutSuggestions", rules.ScalarLeafsRule)
	} else {
		swap("FieldsOnCorrectType", rules.FieldsOnCorrectTypeRuleWithoutSuggestions)
		swap("ScalarLeafs", rules.ScalarLeafsRuleWithoutSuggestions)
	}
	return r
}

// selectOperation picks the operation a request runs, as the GraphQL
// specification's GetOperation does: the one operationName names, or the
// only one when it names none.
func selectOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, *gqlerror.Error) {
	if op := doc.Operations.ForName(name); op != nil {
		return op, nil
	}
	var err *gqlerror.Error
	switch {
	case len(doc.Operations) == 0:
		err = gqlerror.Errorf("the document has no operation: send one such as { stages { slug } }")
	case name == "":
		names := make([]string, 0, len(doc.Operations))
		for _, op := range doc.Operations {
			names = append(names, operationName(op))
		}
		err = gqlerror.Errorf("the document has %d operations (%s): name the one to run in operationName",
			len(doc.Operations), strings.Join(names, ", "))
	default:
		err = gqlerror.Errorf("operationName %q names no operation of the document", kb.Shorten(name, 40))
	}
	graph.SetCode(err, graph.CodeOperationNotFound)
	return nil, err
}

// operationName names an operation in logs and metrics.
func operationName(op *ast.OperationDefinition) string {
	if op.Name == "" {
		return "anonymous"
	}
	return op.Name
}
