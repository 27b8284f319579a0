package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"skillgraph/graph"
	"skillgraph/ops"
)

// Options are the limits and switches of the GraphQL handler.
type Options struct {
	Logger *slog.Logger
	Limits
	Introspection bool   // answer __schema and __type queries (and suggest field names in errors)
	AdminToken    string // enables the admin mutations for requests bearing it; "" disables them
	// Writer, on a node that serves a read-only replica, is the writer's
	// address: every mutation is refused with an error naming it.
	Writer string
	// ResponseCacheBytes bounds the cache of answers replayed to repeated
	// queries until the data changes; 0 turns it off.
	ResponseCacheBytes int64
}

// DefaultOptions are the limits and switches a public endpoint starts with.
func DefaultOptions(logger *slog.Logger) Options {
	return Options{Logger: logger, Limits: DefaultLimits(), Introspection: true, ResponseCacheBytes: DefaultResponseCacheBytes}
}

// Cache sizes: distinct documents kept parsed and validated, and APQ
// hashes kept with their documents.
const (
	queryCacheSize = 1000
	apqCacheSize   = 1000
)

// NewHandler assembles the GraphQL endpoint explicitly: the transport it
// speaks, its caches, its limits and how it reports errors. It panics when
// a limit is not positive.
func NewHandler(r *graph.Resolver, opts Options) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r}))
	queries := lru.New[*ast.QueryDocument](queryCacheSize)
	srv.SetQueryCache(queries)
	limits := &limiter{limits: opts.Limits, introspection: opts.Introspection, cache: queries, live: r.Live}
	srv.AddTransport(httpTransport{maxBodyBytes: opts.MaxBodyBytes, docs: limits})
	// The transport and the limiter refuse documents over MaxTokens before
	// the parser sees them; this is a second fence.
	srv.SetParserTokenLimit(2 * opts.MaxTokens)
	// Suggestions ("Did you mean …?") reveal the schema like introspection.
	srv.SetDisableSuggestion(!opts.Introspection)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](apqCacheSize)})
	// After APQ, which puts a persisted document in place.
	srv.Use(limits)
	srv.SetErrorPresenter(graph.PresentError(opts.Logger, opts.RequestTimeout))
	srv.SetRecoverFunc(graph.RecoverPanic(opts.Logger))
	srv.Use(adminGuard{enabled: opts.AdminToken != "" && r.Editor != nil, writer: opts.Writer})
	srv.Use(graph.LangFallbacks{})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// Every check passed (the admin guard's included): the work begins.
		ops.NoteExecuted(ctx)
		g, version := r.Live.Current()
		return next(graph.WithGraph(ctx, g, version))
	})
	h := withDeadline(opts.RequestTimeout, opts.Logger, authenticate(opts.AdminToken, srv))
	if opts.ResponseCacheBytes > 0 {
		// Answers are a function of the request and the served graph: a
		// query asked again is replayed until the graph changes.
		h = newResponseCache(r.Live, opts.ResponseCacheBytes).Wrap(h)
	}
	return ops.Identify(limitBody(h, opts.MaxBodyBytes))
}

// limitBody caps the request body: the transport reads it whole. It wraps
// the connection's own writer, so that the server closes a connection whose
// client keeps sending past the limit.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		req.Body = http.MaxBytesReader(w, req.Body, limit)
		next.ServeHTTP(w, req)
	})
}
