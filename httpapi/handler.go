package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/kb"
	"skillgraph/ops"
)

// Options are the limits and switches of the GraphQL handler.
type Options struct {
	Logger *slog.Logger
	Limits
	Introspection bool   // answer __schema and __type queries (and suggest field names in errors)
	AdminToken    string // enables the admin mutations for requests bearing it; "" disables them
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
func NewHandler(r *Resolver, opts Options) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r}))
	srv.AddTransport(httpTransport{maxBodyBytes: opts.MaxBodyBytes, maxTokens: opts.MaxTokens, logger: opts.Logger})
	queries := lru.New[*ast.QueryDocument](queryCacheSize)
	srv.SetQueryCache(queries)
	// The limiter refuses documents over MaxTokens before the parser sees
	// them; this is a second fence.
	srv.SetParserTokenLimit(2 * opts.MaxTokens)
	// Suggestions ("Did you mean …?") reveal the schema like introspection.
	srv.SetDisableSuggestion(!opts.Introspection)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](apqCacheSize)})
	// After APQ, which puts a persisted document in place.
	srv.Use(&limiter{limits: opts.Limits, introspection: opts.Introspection, cache: queries, live: r.Live})
	srv.SetErrorPresenter(presentError(opts.Logger, opts.RequestTimeout))
	srv.SetRecoverFunc(recoverPanic(opts.Logger))
	srv.Use(adminGuard{enabled: opts.AdminToken != "" && r.Editor != nil})
	srv.Use(langFallbacks{})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// Every check passed (the admin guard's included): the work begins.
		ops.NoteExecuted(ctx)
		g, version := r.Live.Current()
		return next(withGraph(ctx, g, version))
	})
	h := withDeadline(opts.RequestTimeout, opts.Logger, authenticate(opts.AdminToken, srv))
	if opts.ResponseCacheBytes > 0 {
		// Answers are a function of the request and the served graph: a
		// query asked again is replayed until the graph changes.
		h = NewResponseCache(r.Live, opts.ResponseCacheBytes).Wrap(h)
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

// presentError is the one place errors become what a client sees, with a
// code in extensions.code. Domain errors show their message and code;
// errors of the GraphQL layer itself (parse, validation, coercion, the
// limits) pass through; a deadline or a cancellation says so; anything
// else is internal: logged in full with the request ID, shown to the client
// as a bare message. The transport adds the request ID to every error.
func presentError(logger *slog.Logger, timeout time.Duration) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var domainErr *kb.Error
		switch {
		case errors.As(err, &domainErr):
			gqlErr.Message = domainErr.Message
			setCode(gqlErr, domainErr.Code)
		case errors.Is(err, errPanic):
			// recoverPanic logged it, with the stack.
			gqlErr.Message = kb.ErrorMessage(err)
			setCode(gqlErr, kb.EINTERNAL)
		case errors.Is(err, context.DeadlineExceeded), errors.Is(ctx.Err(), context.DeadlineExceeded):
			gqlErr.Message = fmt.Sprintf("the request took longer than the server's limit of %s", timeout)
			setCode(gqlErr, CodeTimeout)
		case errors.Is(err, context.Canceled), errors.Is(ctx.Err(), context.Canceled):
			gqlErr.Message = "the request was canceled"
			setCode(gqlErr, CodeCanceled)
		case gqlErr.Err == nil || isFrameworkError(gqlErr.Err):
			// The message is the framework's own and safe to show. One
			// without a code is a failure of execution, such as a null in
			// a non-null field: a bug.
			if errorCode(gqlErr) == "" {
				logger.ErrorContext(ctx, "internal error", "request_id", ops.RequestID(ctx), "path", gqlErr.Path.String(), "err", gqlErr.Message)
				setCode(gqlErr, kb.EINTERNAL)
			}
		default:
			logger.ErrorContext(ctx, "internal error", "request_id", ops.RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
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

func errorCode(e *gqlerror.Error) string {
	code, _ := e.Extensions["code"].(string)
	return code
}

// errPanic is what a recovered panic becomes; the presenter shows it as
// INTERNAL without logging it again.
var errPanic = errors.New("internal error")

// recoverPanic turns a panic in a resolver into an INTERNAL error; the log
// keeps the stack and the request ID, which the client's error shows too.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", ops.RequestID(ctx),
			"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errPanic
	}
}
