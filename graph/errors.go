package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/kb"
	"skillgraph/ops"
)

// Error codes of the GraphQL endpoint, in extensions.code, beside the
// domain's (kb.ENOTFOUND, kb.EINVALID, kb.EINTERNAL). They are stable: clients may
// match on them.
const (
	CodeParseFailed            = "GRAPHQL_PARSE_FAILED"      // the document is not GraphQL
	CodeValidationFailed       = "GRAPHQL_VALIDATION_FAILED" // it does not fit the schema
	CodeOperationNotFound      = "OPERATION_NOT_FOUND"       // operationName names no operation of the document, or it has several and none is named
	CodeBadVariables           = "BAD_VARIABLES"             // a variable's value does not fit its type
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

// Error codes of refused mutations.
const (
	CodeUnauthenticated = "UNAUTHENTICATED" // no credentials
	CodeForbidden       = "FORBIDDEN"       // wrong credentials, or mutations disabled
)

// PresentError is the one place errors become what a client sees, with a
// code in extensions.code. Domain errors show their message and code;
// errors of the GraphQL layer itself (parse, validation, coercion, the
// limits) pass through; a deadline or a cancellation says so; anything
// else is internal: logged in full with the request ID, shown to the client
// as a bare message. The transport adds the request ID to every error.
func PresentError(logger *slog.Logger, timeout time.Duration) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var domainErr *kb.Error
		switch {
		case errors.As(err, &domainErr):
			gqlErr.Message = domainErr.Message
			SetCode(gqlErr, domainErr.Code)
		case errors.Is(err, errPanic):
			// recoverPanic logged it, with the stack.
			gqlErr.Message = kb.ErrorMessage(err)
			SetCode(gqlErr, kb.EINTERNAL)
		case errors.Is(err, context.DeadlineExceeded), errors.Is(ctx.Err(), context.DeadlineExceeded):
			gqlErr.Message = fmt.Sprintf("the request took longer than the server's limit of %s", timeout)
			SetCode(gqlErr, CodeTimeout)
		case errors.Is(err, context.Canceled), errors.Is(ctx.Err(), context.Canceled):
			gqlErr.Message = "the request was canceled"
			SetCode(gqlErr, CodeCanceled)
		case gqlErr.Err == nil || isFrameworkError(gqlErr.Err):
			// The message is the framework's own and safe to show.
			requestError := graphql.GetFieldContext(ctx) == nil
			switch {
			case requestError && isVariableError(gqlErr):
				SetCode(gqlErr, CodeBadVariables) // gqlgen codes it as a validation failure
			case Code(gqlErr) != "":
			case requestError:
				SetCode(gqlErr, CodeBadRequest) // gqlgen's own, such as a bad APQ extension
			default:
				// A failure of execution, such as a null in a non-null
				// field: a bug.
				logger.ErrorContext(ctx, "internal error", "request_id", ops.RequestID(ctx), "path", gqlErr.Path.String(), "err", gqlErr.Message)
				SetCode(gqlErr, kb.EINTERNAL)
			}
		default:
			logger.ErrorContext(ctx, "internal error", "request_id", ops.RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = kb.ErrorMessage(err)
			SetCode(gqlErr, kb.EINTERNAL)
		}
		return gqlErr
	}
}

// isVariableError reports an error of variable coercion, which gqlparser
// places at the path variable.<name>.
func isVariableError(e *gqlerror.Error) bool {
	return len(e.Path) > 0 && e.Path[0] == ast.PathName("variable")
}

// isFrameworkError reports errors gqlgen raises about the request itself,
// such as an enum value or a variable of the wrong type.
func isFrameworkError(err error) bool {
	var inner *gqlerror.Error
	return errors.As(err, &inner)
}

// SetCode sets an error's extensions.code.
func SetCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Code returns an error's extensions.code, "" when it has none.
func Code(e *gqlerror.Error) string {
	code, _ := e.Extensions["code"].(string)
	return code
}

// errPanic is what a recovered panic becomes; the presenter shows it as
// INTERNAL without logging it again.
var errPanic = errors.New("internal error")

// RecoverPanic turns a panic in a resolver into an INTERNAL error; the log
// keeps the stack and the request ID, which the client's error shows too.
func RecoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", ops.RequestID(ctx),
			"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errPanic
	}
}
