package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

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
// parse, its operation cannot be determined or its variables do not fit
// their types, 422 when it does not validate or breaks a limit, 401/403 for a
// refused mutation, 5xx for server failures. application/json (an Accept
// header without graphql-response+json, or none) answers every GraphQL
// response 200, except server failures, as earlier drafts required, so
// that a legacy client can tell the server's answers from an
// intermediary's. Requests that are not GraphQL requests at all (bad JSON,
// a body too large, another media type) get a 4xx with a JSON error body
// under either.
type httpTransport struct {
	maxBodyBytes int64
	docs         *limiter // prepares documents: parse, limits, validation, once
}

var _ graphql.Transport = httpTransport{}

// Supports claims every request, so that every method gets a spec answer.
func (httpTransport) Supports(*http.Request) bool { return true }

// A panic here is the server's to recover (ops.Middleware), like any
// other outside the executor, which recovers its resolvers' itself.
func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
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
	persisted := params.Query == "" // named by its hash: the APQ extension finds the document
	if !persisted && !t.prepare(w, r, media, exec, params) {
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	ctx := r.Context()
	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if persisted && opCtx.Operation != nil {
		noteOperation(ctx, opCtx.Operation)
	}
	if errs != nil {
		t.requestErrors(w, r, media, exec, opCtx, errs)
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

// prepare parses, checks and validates the request's document before
// gqlgen does, once (see document.go), and picks its operation: a mutation
// over GET is refused before validation, whatever the schema has. It
// answers the request itself and reports false when the document is
// refused.
func (t httpTransport) prepare(w http.ResponseWriter, r *http.Request, media string, exec graphql.GraphExecutor, p *graphql.RawParams) bool {
	ctx := r.Context()
	refuse := func(errs gqlerror.List) bool {
		opCtx := &graphql.OperationContext{RawQuery: p.Query, OperationName: p.OperationName, DisableIntrospection: true}
		t.requestErrors(w, r, media, exec, opCtx, errs)
		return false
	}
	if err := checkOperationName(p.OperationName); err != nil {
		return refuse(gqlerror.List{err})
	}
	doc, validated, err := t.docs.parse(ctx, p.Query)
	var op *ast.OperationDefinition
	var opErr *gqlerror.Error
	if doc != nil {
		op, opErr = selectOperation(doc, p.OperationName)
		noteOperation(ctx, op)
	}
	if err != nil {
		return refuse(gqlerror.List{err})
	}
	if r.Method == http.MethodGet && op != nil && op.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		t.fail(w, r, http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed, "mutations are not allowed over GET: send them with POST")
		return false
	}
	if !validated {
		if errs := t.docs.validate(ctx, p.Query, doc); len(errs) > 0 {
			if err := coercionError(t.docs.schema, op, p.Variables); err != nil {
				return refuse(gqlerror.List{err})
			}
			return refuse(errs)
		}
	}
	if opErr != nil {
		return refuse(gqlerror.List{opErr})
	}
	return true
}

// requestErrors answers errors raised before execution, through gqlgen's
// error presenter like every other.
func (t httpTransport) requestErrors(w http.ResponseWriter, r *http.Request, media string, exec graphql.GraphExecutor, opCtx *graphql.OperationContext, errs gqlerror.List) {
	resp := exec.DispatchError(graphql.WithOperationContext(r.Context(), opCtx), errs)
	t.respond(w, r, media, &response{Errors: resp.Errors, Extensions: resp.Extensions})
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
	noteAnswer(ctx, status == http.StatusOK && len(resp.Errors) == 0)
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
	body, err := encodeResponse(resp)
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

// encodeResponse writes a response as JSON. The data, gqlgen's JSON
// already, is copied once rather than decoded again; like the errors and
// extensions, which encoding/json writes, it gets <, > and & escaped, so a
// name like "<script>" comes back as "\u003cscript\u003e".
func encodeResponse(resp *response) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(resp.Data) + 128)
	b.WriteByte('{')
	sep := ""
	member := func(name string, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		b.WriteString(sep + `"` + name + `":`)
		b.Write(raw)
		sep = ","
		return nil
	}
	if len(resp.Errors) > 0 {
		if err := member("errors", resp.Errors); err != nil {
			return nil, err
		}
	}
	if resp.Data != nil {
		b.WriteString(sep + `"data":`)
		json.HTMLEscape(&b, resp.Data)
		sep = ","
	}
	if len(resp.Extensions) > 0 {
		if err := member("extensions", resp.Extensions); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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
		v, err := decodeJSON([]byte(s))
		if err != nil {
			t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, fmt.Sprintf("the %s parameter is not valid JSON%s", param.name, jsonErrorAt(err)))
			return nil, false
		}
		obj, ok := v.(map[string]any)
		if !ok && v != nil {
			t.fail(w, r, malformed, graph.CodeBadRequest, fmt.Sprintf("the %s parameter must be a JSON object", param.name))
			return nil, false
		}
		*param.dst = obj
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
			fmt.Sprintf("send the request body as Content-Type: application/json, not %q", kb.Shorten(ct, 80)))
		return nil, false
	}
	if cs, ok := ctParams["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		t.fail(w, r, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
			fmt.Sprintf("send the request body in UTF-8, not %q", kb.Shorten(cs, 40)))
		return nil, false
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		t.fail(w, r, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
			fmt.Sprintf("send the request body uncompressed, not in %q", kb.Shorten(enc, 40)))
		return nil, false
	}
	if r.ContentLength > t.maxBodyBytes {
		t.tooLarge(w, r)
		return nil, false
	}
	body, err := readBody(r)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			t.tooLarge(w, r)
		} else {
			t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the request body could not be read")
		}
		return nil, false
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		t.fail(w, r, malformed, graph.CodeBadRequest, `the request body is empty: send {"query": "…"}`)
		return nil, false
	}
	v, err := decodeJSON(body)
	if err != nil {
		t.fail(w, r, http.StatusBadRequest, graph.CodeBadRequest, "the request body is not valid JSON"+jsonErrorAt(err))
		return nil, false
	}
	fields, ok := v.(map[string]any)
	if !ok {
		msg := `the request body must be a JSON object such as {"query": "…"}`
		if _, batch := v.([]any); batch {
			msg = "batched requests are not supported: send one JSON object per request"
		}
		t.fail(w, r, malformed, graph.CodeBadRequest, msg)
		return nil, false
	}
	p := &graphql.RawParams{}
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"query", takeString(fields["query"], &p.Query)},
		{"operationName", takeString(fields["operationName"], &p.OperationName)},
		{"variables", takeObject(fields["variables"], &p.Variables)},
		{"extensions", takeObject(fields["extensions"], &p.Extensions)},
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

// readBody returns the request's body: the one the response cache read
// already, or read here.
func readBody(r *http.Request) ([]byte, error) {
	if x := exchangeFrom(r.Context()); x != nil && x.hasBody {
		return x.body, nil
	}
	return io.ReadAll(r.Body)
}

func (t httpTransport) tooLarge(w http.ResponseWriter, r *http.Request) {
	t.fail(w, r, http.StatusRequestEntityTooLarge, graph.CodePayloadTooLarge,
		fmt.Sprintf("the request body is larger than the limit of %d bytes", t.maxBodyBytes))
}

// decodeJSON decodes one JSON value, in one pass, keeping numbers exact
// (gqlgen coerces json.Number to Int or Float). Anything after the value
// is an error, as it is to json.Valid.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &json.SyntaxError{Offset: int64(len(data))}
		}
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return v, nil
}

// jsonErrorAt says where a body stops being JSON, without quoting it.
func jsonErrorAt(err error) string {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Sprintf(" (at byte %d)", se.Offset)
	}
	return ""
}

// takeString takes a JSON string, or null or nothing as "".
func takeString(v any, dst *string) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		*dst = v
		return true
	}
	return false
}

// takeObject takes a JSON object, or null or nothing as nil.
func takeObject(v any, dst *map[string]any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		*dst = v
		return true
	}
	return false
}
