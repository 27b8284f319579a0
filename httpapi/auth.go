package graph

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of refused mutations.
const (
	codeUnauthenticated = "UNAUTHENTICATED" // no credentials
	codeForbidden       = "FORBIDDEN"       // wrong credentials, or mutations disabled
)

// caller is who sent a request, as far as the admin mutations care.
type caller struct {
	credentials string // "" none, "bad" wrong, "admin" the admin token
	author      string
}

type callerKey struct{}

// authenticate reads the request's bearer token and X-Author header. The
// token is compared in constant time, so its bytes cannot be guessed from
// timings. An empty adminToken matches nothing.
func authenticate(adminToken string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		c := caller{author: strings.TrimSpace(req.Header.Get("X-Author"))}
		if c.author == "" || len(c.author) > 100 {
			c.author = "api"
		}
		if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
			c.credentials = "bad"
			if adminToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(adminToken)) == 1 {
				c.credentials = "admin"
			}
		} else if req.Header.Get("Authorization") != "" {
			c.credentials = "bad"
		}
		next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), callerKey{}, c)))
	})
}

func callerFrom(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey{}).(caller)
	return c
}

// adminGuard refuses a mutation, before any of it runs, unless admin edits
// are enabled and the request carries the admin token.
type adminGuard struct{ enabled bool }

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
	switch c := callerFrom(ctx); {
	case !g.enabled:
		return refuse(codeForbidden, "admin edits are disabled on this server: start it with KB_ADMIN_TOKEN set")
	case c.credentials == "":
		return refuse(codeUnauthenticated, "admin edits need an Authorization: Bearer <token> header")
	case c.credentials != "admin":
		return refuse(codeForbidden, "the admin token is wrong")
	}
	return next(ctx)
}

func refuse(code, message string) graphql.ResponseHandler {
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
		Message:    message,
		Extensions: map[string]any{"code": code},
	}}})
}
