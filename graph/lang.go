package graph

import (
	"context"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"skillgraph/graph/model"
	"skillgraph/kb"
)

// LangFallbacks is the extension that reports, in the response's extensions.langFallbacks, every
// text field that was asked in a language it has no text in and fell back.
type LangFallbacks struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = LangFallbacks{}

// fallback is one field that fell back: where, asked in what, given in what.
type fallback struct {
	Path  string `json:"path"`
	Asked string `json:"asked"`
	Given string `json:"given"`
}

type fallbackLog struct {
	mu    sync.Mutex
	items []fallback
}

type fallbackKey struct{}

func (LangFallbacks) ExtensionName() string                   { return "LangFallbacks" }
func (LangFallbacks) Validate(graphql.ExecutableSchema) error { return nil }

func (LangFallbacks) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, fallbackKey{}, &fallbackLog{}))
}

func (LangFallbacks) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	log, _ := ctx.Value(fallbackKey{}).(*fallbackLog)
	if resp == nil || log == nil {
		return resp
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	if len(log.items) > 0 {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["langFallbacks"] = log.items
	}
	return resp
}

// text returns t in the language asked (English when none is), noting in
// the response when it had to fall back to another.
func text(ctx context.Context, t kb.Texts, lang *model.Lang) string {
	asked := toLang(lang)
	s, given := t.In(asked)
	if given != asked {
		noteFallback(ctx, asked, given)
	}
	return s
}

func noteFallback(ctx context.Context, asked, given kb.Lang) {
	log, ok := ctx.Value(fallbackKey{}).(*fallbackLog)
	if !ok {
		return
	}
	path := ""
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		path = fc.Path().String()
	}
	log.mu.Lock()
	log.items = append(log.items, fallback{Path: path, Asked: strings.ToUpper(string(asked)), Given: strings.ToUpper(string(given))})
	log.mu.Unlock()
}
