package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"skillgraph/graph"
	"skillgraph/kb"
	"skillgraph/ops"
)

// Media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// statusPartialSuccess is what the GraphQL-over-HTTP draft recommends for
// a response with both data and errors, under its own media type only.
const statusPartialSuccess = 294

// allowedMethods answer 405s and OPTIONS.
const allowedMethods = "GET, POST, OPTIONS"

// httpTransport speaks GraphQL over HTTP as the GraphQL-over-HTTP
// specification (draft) describes it, in place of gqlgen's GET and POST
// transports, whose answers differ from it (406 for a mutation over GET,
// 422 for validation errors under application/json, request bodies echoed
// in errors).
//
// Requests: POST with Content-Type application/json (UTF-8), or GET with
// the parameters in the URL for queries only: a mutation over GET is
// refused with 405 and Allow: POST. OPTIONS answers the allowed methods.
//
// Responses: application/graphql-response+json when the client's Accept
// header prefers it, with the status codes of the specification: 200 for a
// full answer, 294 for data with errors, 400 when the document does not
// parse, 422 when it does not validate or breaks a limit, 401/403 for a
// refused mutation, 5xx for server failures. application/json (an Accept
// header without graphql-response+json, or none) answers every GraphQL
// response 200, except server failures, as earlier drafts required, so
// that a legacy client can tell the server's answers from an
// intermediary's. Requests that are not GraphQL requests at all (bad JSON,
// a body too large, another media type) get a 4xx with a JSON error body
// under either.
type httpTransport struct {
	maxBodyBytes int64
	maxTokens    int
	logger       *slog.Logger
}

var _ graphql.Transport = httpTransport{}

// Supports claims every request, so that every method gets a spec answer.
func (httpTransport) Supports(*http.Request) bool { return true }

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	defer func() {
		if p := recover(); p != nil {
			t.logger.ErrorContext(r.Context(), "panic answering a GraphQL request", "request_id", ops.RequestID(r.Context()),
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			t.fail(w, r, http.StatusInternalServerError, kb.EINTERNAL, "internal error")
		}
	}()
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	switch r.Method {
	case http.MethodGet, http.MethodPost:
	case http.MethodOptions:
		h.Set("Allow", allowedMethods)
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		h.Set("Allow", allowedMethods)
		t.fail(w, r, http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed,
			fmt.Sprintf("method %s is not allowed: send queries with GET or POST, mutations with POST", r.Method))
		return
	}
	media, ok := negotiate(r.Header.Values("Accept"))
	if !ok {
		t.fail(w, r, http.StatusNotAcceptable, graph.CodeNotAcceptable,
			"the Accept header allows no JSON: accept application/graphql-response+json or application/json")
		return
	}
	// A request that is JSON but not a GraphQL request is "not well-formed":
	// 422 under the spec's own media type, 400 under application/json.
	malformed := http.StatusBadRequest
	if media == mediaGraphQLResponse {
		malformed = http.StatusUnprocessableEntity
	}
	start := graphql.Now()
	var params *graphql.RawParams
	if r.Method == http.MethodGet {
		params, ok = t.getParams(w, r, malformed)
	} else {
		params, ok = t.postParams(w, r, malformed)
	}
	if !ok {
		return
	}
	if r.Method == http.MethodGet && t.isMutation(r.Context(), params) {
		h.Set("Allow", "POST")
		t.fail(w, r, http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed, "mutations are not allowed over GET: send them with POST")
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	ctx := r.Context()
	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if opCtx != nil && opCtx.Operation != nil {
		ops.SetOperation(ctx, operationName(opCtx.Operation))
	}
	if errs != nil {
		for _, e := range errs {
			if graph.Code(e) == "" {
				graph.SetCode(e, graph.CodeBadRequest) // gqlgen's own request errors, such as a bad APQ extension
			}
		}
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
		t.respond(w, r, media, &response{Errors: resp.Errors, Extensions: resp.Extensions})
		return
	}
	if r.Method == http.MethodGet && opCtx.Operation.Operation != ast.Query {
		// A persisted document, named by its hash only, is known here.
		h.Set("Allow", "POST")
		t.fail(w, r, http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed, "mutations are not allowed over GET: send them with POST")
		return
	}
	handler, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := handler(ctx)
	if resp == nil { // the request's context ended first
		code, msg := graph.CodeCanceled, "the request was canceled"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			code, msg = graph.CodeTimeout, "the request ran out of time"
		}
		t.respond(w, r, media, &response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
		return
	}
	t.respond(w, r, media, &response{Errors: resp.Errors, Data: resp.Data, Extensions: resp.Extensions})
}

// response is a GraphQL response: unlike graphql.Response it leaves out
// data when there is none, as the GraphQL specification requires of a
// request error (execution never started).
type response struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

// respond writes a GraphQL response under media with the status the
// GraphQL-over-HTTP draft gives it. Every error gets the request's ID in
// extensions, and its code noted for the log line and the metrics.
func (t httpTransport) respond(w http.ResponseWriter, r *http.Request, media string, resp *response) {
	ctx := r.Context()
	id := ops.RequestID(ctx)
	for _, e := range resp.Errors {
		if graph.Code(e) == "" {
			graph.SetCode(e, kb.EINTERNAL) // cannot happen: the presenter codes every error
		}
		if id != "" {
			e.Extensions["requestId"] = id
		}
		ops.NoteError(ctx, graph.Code(e))
	}
	status := http.StatusOK
	switch {
	case resp.Data == nil:
		status = requestErrorStatus(resp.Errors)
		if media == mediaJSON && status < 500 {
			status = http.StatusOK
		}
	case len(resp.Errors) > 0 && media == mediaGraphQLResponse:
		status = statusPartialSuccess
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="skillgraph"`)
	}
	writeJSON(w, status, media, resp)
}

// fail answers a request the transport refuses itself. Its body is a JSON
// error in the shape of a GraphQL response, under application/json: the
// request never became a GraphQL request, so the answer is not a GraphQL
// response either.
func (t httpTransport) fail(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	ext := map[string]any{"code": code}
	if id := ops.RequestID(r.Context()); id != "" {
		ext["requestId"] = id
	}
	ops.NoteError(r.Context(), code)
	writeJSON(w, status, mediaJSON, &response{Errors: gqlerror.List{{Message: message, Extensions: ext}}})
}

func writeJSON(w http.ResponseWriter, status int, media string, resp *response) {
	// encoding/json escapes <, > and & in strings, data included, so a
	// name like "<script>" comes back as "\u003cscript\u003e".
	body, err := json.Marshal(resp)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	h := w.Header()
	h.Set("Content-Type", media+"; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// negotiate picks the response's media type from the Accept header:
// application/graphql-response+json when the client names it and prefers
// it at least as much as application/json, application/json when that is
// acceptable otherwise (a legacy client, or one that accepts anything),
// and ok false when neither is acceptable. Without an Accept header the
// answer is application/json, which every client understands.
func negotiate(accept []string) (media string, ok bool) {
	if len(accept) == 0 {
		return mediaJSON, true
	}
	var gr, js acceptance
	for _, part := range strings.Split(strings.Join(accept, ","), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		mt, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		gr.consider(mt, mediaGraphQLResponse, q)
		js.consider(mt, mediaJSON, q)
	}
	switch {
	case gr.specificity == 3 && gr.q > 0 && gr.q >= js.q:
		return mediaGraphQLResponse, true
	case js.q > 0:
		return mediaJSON, true
	case gr.q > 0:
		return mediaGraphQLResponse, true
	}
	return "", false
}

// acceptance is how acceptable one media type is: the q of the most
// specific range that matches it (3 exact, 2 type/*, 1 */*).
type acceptance struct {
	q           float64
	specificity int
}

func (a *acceptance) consider(mediaRange, media string, q float64) {
	spec := 0
	switch {
	case mediaRange == media:
		spec = 3
	case mediaRange == "application/*":
		spec = 2
	case mediaRange == "*/*":
		spec = 1
	}
	if spec > a.specificity {
		a.q, a.specificity = q, spec
	}
}

// getParams reads a GET request's parameters from its URL.
func (t httpTransport) getParams(w http.ResponseWriter, r *http.Request, malformed int) (*graphql.RawParams, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the URL's query string is malformed")
		return nil, false
	}
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for _, param := range []struct {
		name string
		dst  *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		s := q.Get(param.name)
		if s == "" {
			continue
		}
		raw := json.RawMessage(s)
		if !json.Valid(raw) {
			t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, fmt.Sprintf("the %s parameter is not valid JSON", param.name))
			return nil, false
		}
		if !decodeObject(raw, param.dst) {
			t.fail(w, r, malformed, graph.CodeBadRequest, fmt.Sprintf("the %s parameter must be a JSON object", param.name))
			return nil, false
		}
	}
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		t.fail(w, r, malformed, graph.CodeBadRequest, "the request has no query: pass it in the query parameter")
		return nil, false
	}
	return p, true
}

// postParams reads a POST request's JSON body.
func (t httpTransport) postParams(w http.ResponseWriter, r *http.Request, malformed int) (*graphql.RawParams, bool) {
	ct := r.Header.Get("Content-Type")
	mt, ctParams, err := mime.ParseMediaType(ct)
	if err != nil || mt != mediaJSON {
		t.fail(w, r, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
			fmt.Sprintf("send the request body as Content-Type: application/json, not %q", truncate(ct, 80)))
		return nil, false
	}
	if cs, ok := ctParams["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		t.fail(w, r, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
			fmt.Sprintf("send the request body in UTF-8, not %q", truncate(cs, 40)))
		return nil, false
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		t.fail(w, r, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
			fmt.Sprintf("send the request body uncompressed, not in %q", truncate(enc, 40)))
		return nil, false
	}
	if r.ContentLength > t.maxBodyBytes {
		t.tooLarge(w, r)
		return nil, false
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			t.tooLarge(w, r)
		} else {
			t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the request body could not be read")
		}
		return nil, false
	}
	body = bytes.TrimSpace(body)
	switch {
	case len(body) == 0:
		t.fail(w, r, malformed, graph.CodeBadRequest, `the request body is empty: send {"query": "…"}`)
		return nil, false
	case !json.Valid(body):
		t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the request body is not valid JSON"+jsonErrorAt(body))
		return nil, false
	case body[0] == '[':
		t.fail(w, r, malformed, graph.CodeBadRequest, "batched requests are not supported: send one JSON object per request")
		return nil, false
	case body[0] != '{':
		t.fail(w, r, malformed, graph.CodeBadRequest, `the request body must be a JSON object such as {"query": "…"}`)
		return nil, false
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the request body is not valid JSON")
		return nil, false
	}
	p := &graphql.RawParams{}
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"query", decodeString(fields["query"], &p.Query)},
		{"operationName", decodeString(fields["operationName"], &p.OperationName)},
		{"variables", decodeObject(fields["variables"], &p.Variables)},
		{"extensions", decodeObject(fields["extensions"], &p.Extensions)},
	} {
		if !f.ok {
			kind := "a string"
			if f.name == "variables" || f.name == "extensions" {
				kind = "an object"
			}
			t.fail(w, r, malformed, graph.CodeBadRequest, fmt.Sprintf("%q must be %s or null", f.name, kind))
			return nil, false
		}
	}
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		t.fail(w, r, malformed, graph.CodeBadRequest, `the request has no query: send {"query": "…"}`)
		return nil, false
	}
	return p, true
}

func (t httpTransport) tooLarge(w http.ResponseWriter, r *http.Request) {
	t.fail(w, r, http.StatusRequestEntityTooLarge, graph.CodePayloadTooLarge,
		fmt.Sprintf("the request body is larger than the limit of %d bytes", t.maxBodyBytes))
}

// jsonErrorAt says where a body stops being JSON, without quoting it.
func jsonErrorAt(body []byte) string {
	var v any
	err := json.Unmarshal(body, &v)
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Sprintf(" (at byte %d)", se.Offset)
	}
	return ""
}

// decodeString reads a JSON string, or null or nothing as "".
func decodeString(raw json.RawMessage, dst *string) bool {
	if len(raw) == 0 || string(raw) == "null" {
		return true
	}
	return raw[0] == '"' && json.Unmarshal(raw, dst) == nil
}

// decodeObject reads a JSON object, keeping numbers exact (gqlgen coerces
// json.Number to Int or Float), or null or nothing as nil.
func decodeObject(raw json.RawMessage, dst *map[string]any) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return true
	}
	if raw[0] != '{' {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(dst) == nil
}

// isMutation reports whether a GET request's document selects a mutation
// (or a subscription): those are refused before anything else is done
// with the document, even validation, whatever the schema has.
func (t httpTransport) isMutation(ctx context.Context, p *graphql.RawParams) bool {
	if p.Query == "" {
		return false // a persisted query: checked once it is resolved
	}
	src := &ast.Source{Input: p.Query}
	if countTokens(src, t.maxTokens).over {
		return false // the limiter refuses it
	}
	doc, err := parser.ParseQuery(src)
	if err != nil {
		return false // the executor reports the syntax error
	}
	op := doc.Operations.ForName(p.OperationName)
	if op == nil {
		return false
	}
	ops.SetOperation(ctx, operationName(op))
	return op.Operation != ast.Query
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
