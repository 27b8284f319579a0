package httpapi

// The one place a GraphQL error's code becomes an HTTP status: the
// transport answers a response without data (a request error) with the
// status of its first client error, as the GraphQL-over-HTTP draft asks
// under application/graphql-response+json.

import (
	"net/http"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/graph"
	"skillgraph/kb"
)

// requestErrorStatus is the status of a response without data: that of
// its first client error, else of its first error.
func requestErrorStatus(errs gqlerror.List) int {
	status := 0
	for _, e := range errs {
		s := codeStatus(graph.Code(e))
		if s < 500 {
			return s
		}
		if status == 0 {
			status = s
		}
	}
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return status
}

// codeStatus maps a request error's code to an HTTP status, as the
// GraphQL-over-HTTP draft's "Status Codes" section does.
func codeStatus(code string) int {
	switch code {
	case graph.CodeParseFailed, graph.CodeBadRequest, graph.CodeOperationNotFound, graph.CodeBadVariables:
		return http.StatusBadRequest
	case graph.CodeValidationFailed, graph.CodeTooComplex, kb.EINVALID:
		return http.StatusUnprocessableEntity
	case graph.CodePersistedQueryNotFound, kb.ENOTFOUND:
		return http.StatusNotFound
	case graph.CodeUnauthenticated:
		return http.StatusUnauthorized
	case graph.CodeForbidden, kb.EREADONLY:
		return http.StatusForbidden
	case graph.CodePayloadTooLarge:
		return http.StatusRequestEntityTooLarge
	case graph.CodeTimeout, kb.ENOTREPLICATED:
		return http.StatusServiceUnavailable
	case graph.CodeCanceled:
		return 499 // the client closed the request; nobody reads it
	case kb.EINTERNAL:
		return http.StatusInternalServerError
	}
	return http.StatusUnprocessableEntity
}
