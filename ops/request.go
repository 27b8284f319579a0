// Package ops is what an operator needs around the HTTP handlers: request
// IDs, one structured log line per request, panic recovery, Prometheus
// metrics, CORS, and the health and readiness endpoints.
//
// Handlers deeper in the stack (the GraphQL handler) tell the middleware
// what the request was about through the context: SetOperation,
// NoteExecuted and NoteError. Outside a request tracked by Middleware or
// Identify these do nothing, so packages can call them unconditionally.
package ops

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"slices"
	"sync"
)

// HeaderRequestID carries a request's ID: a client may send one (it is kept
// when it is short and plain), and every response has one.
const HeaderRequestID = "X-Request-ID"

// request is what the middleware learns about one request while it runs.
// Handlers may record from several goroutines (gqlgen resolves fields
// concurrently), hence the mutex.
type request struct {
	id string

	mu        sync.Mutex
	operation string
	executed  bool
	codes     []string
}

type requestKey struct{}

func requestFrom(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// RequestID returns the ID of the request ctx belongs to, "" outside one.
func RequestID(ctx context.Context) string {
	if r := requestFrom(ctx); r != nil {
		return r.id
	}
	return ""
}

// SetOperation records the name of the GraphQL operation the request runs
// ("anonymous" for one without a name), for its log line and metrics.
func SetOperation(ctx context.Context, name string) {
	if r := requestFrom(ctx); r != nil {
		r.mu.Lock()
		r.operation = name
		r.mu.Unlock()
	}
}

// NoteExecuted records that the request's operation passed every check and
// started executing: the work a refused request never causes.
func NoteExecuted(ctx context.Context) {
	if r := requestFrom(ctx); r != nil {
		r.mu.Lock()
		r.executed = true
		r.mu.Unlock()
	}
}

// NoteError records the code of an error the request answers with.
func NoteError(ctx context.Context, code string) {
	if r := requestFrom(ctx); r != nil {
		r.mu.Lock()
		r.codes = append(r.codes, code)
		r.mu.Unlock()
	}
}

// snapshot returns what was recorded, safe to read after the handler
// returned.
func (r *request) snapshot() (operation string, executed bool, codes []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation, r.executed, slices.Clone(r.codes)
}

// Identify gives a request an ID, unless an outer Identify or Middleware
// did: the client's X-Request-ID when it is acceptable, a random one
// otherwise. The ID is echoed in the X-Request-ID response header.
func Identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requestFrom(r.Context()) == nil {
			r = withRequest(w, r)
		}
		next.ServeHTTP(w, r)
	})
}

func withRequest(w http.ResponseWriter, r *http.Request) *http.Request {
	id := r.Header.Get(HeaderRequestID)
	if !validRequestID(id) {
		id = newRequestID()
	}
	w.Header().Set(HeaderRequestID, id)
	return r.WithContext(context.WithValue(r.Context(), requestKey{}, &request{id: id}))
}

// validRequestID accepts IDs of up to 64 letters, digits, '-', '_' and '.':
// enough for UUIDs and tracing IDs, too little to smuggle anything into a
// log line.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return hex.EncodeToString(b[:])
}
