package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/graph"
	"skillgraph/kb"
)

// authenticate reads the request's bearer token and X-Author header. The
// token is compared in constant time, so its bytes cannot be guessed from
// timings. An empty adminToken matches nothing.
func authenticate(adminToken string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		c := graph.Caller{Author: strings.TrimSpace(req.Header.Get("X-Author"))}
		if c.Author == "" || len(c.Author) > 100 {
			c.Author = "api"
		}
		if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
			c.Credentials = "bad"
			if adminToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(adminToken)) == 1 {
				c.Credentials = "admin"
			}
		} else if req.Header.Get("Authorization") != "" {
			c.Credentials = "bad"
		}
		next.ServeHTTP(w, req.WithContext(graph.WithCaller(req.Context(), c)))
	})
}

// adminGuard refuses a mutation, before any of it runs, unless admin edits
// are enabled and the request carries the admin token; on a read-only
// replica (writer set), always, naming the writer.
type adminGuard struct {
	enabled bool
	writer  string // the writer's address, on a replica
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = adminGuard{}

func (adminGuard) ExtensionName() string                   { return "AdminGuard" }
func (adminGuard) Validate(graphql.ExecutableSchema) error { return nil }

func (g adminGuard) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil || op.Operation != ast.Mutation {
		return next(ctx)
	}
	switch c := graph.CallerFrom(ctx); {
	case g.writer != "":
		return refuse(kb.EREADONLY, "this node serves a read-only copy of the knowledge base: send mutations to the writer at "+g.writer)
	case !g.enabled:
		return refuse(graph.CodeForbidden, "admin edits are disabled on this server: start it with KB_ADMIN_TOKEN set")
	case c.Credentials == "":
		return refuse(graph.CodeUnauthenticated, "admin edits need an Authorization: Bearer <token> header")
	case c.Credentials != "admin":
		return refuse(graph.CodeForbidden, "the admin token is wrong")
	}
	return next(ctx)
}

func refuse(code, message string) graphql.ResponseHandler {
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
		Message:    message,
		Extensions: map[string]any{"code": code},
	}}})
}
