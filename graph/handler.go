package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/kb"
)

// Options are the limits and switches of the GraphQL handler.
type Options struct {
	Logger        *slog.Logger
	MaxBodyBytes  int64 // larger request bodies are refused
	MaxComplexity int   // queries costing more are refused before they run
	Introspection bool
	AdminToken    string // enables the admin mutations for requests bearing it; "" disables them
}

// DefaultOptions are the limits a public endpoint starts with.
func DefaultOptions(logger *slog.Logger) Options {
	return Options{Logger: logger, MaxBodyBytes: 1 << 20, MaxComplexity: 5000, Introspection: true}
}

// NewHandler assembles the GraphQL endpoint explicitly: the transports it
// speaks, its caches, its limits and how it reports errors.
func NewHandler(r *Resolver, opts Options) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(opts.MaxComplexity))
	srv.SetErrorPresenter(presentError(opts.Logger))
	srv.SetRecoverFunc(recoverPanic(opts.Logger))
	srv.Use(adminGuard{enabled: opts.AdminToken != "" && r.Editor != nil})
	srv.Use(langFallbacks{})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withGraph(ctx, r.Live.Load()))
	})
	return limitBody(authenticate(opts.AdminToken, srv), opts.MaxBodyBytes)
}

// limitBody caps the request body: the POST transport reads it whole.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		req.Body = http.MaxBytesReader(w, req.Body, limit)
		next.ServeHTTP(w, req)
	})
}

// presentError is the one place domain error codes become GraphQL
// extensions.code. Domain errors show their message; errors of the GraphQL
// layer itself (parse, validation, argument coercion) pass through; anything
// else is internal: logged in full, shown to the client as a bare message.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var domainErr *kb.Error
		switch {
		case errors.As(err, &domainErr):
			gqlErr.Message = domainErr.Message
			setCode(gqlErr, domainErr.Code)
		case gqlErr.Err == nil || isFrameworkError(gqlErr.Err):
			// The message is the framework's own and safe to show.
		default:
			logger.ErrorContext(ctx, "internal error", "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = kb.ErrorMessage(err)
			setCode(gqlErr, kb.EINTERNAL)
		}
		return gqlErr
	}
}

// isFrameworkError reports errors gqlgen raises about the request itself,
// such as an enum value or a variable of the wrong type.
func isFrameworkError(err error) bool {
	var inner *gqlerror.Error
	return errors.As(err, &inner)
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverPanic turns a panic in a resolver into an INTERNAL error; the log
// keeps the stack.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("internal error")
	}
}
