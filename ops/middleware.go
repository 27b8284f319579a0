package ops

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// CodeInternal is the extensions.code of an answer to a request that
// panicked outside the GraphQL executor, which has its own recovery.
const CodeInternal = "INTERNAL"

// Middleware tracks every request next serves: it gives the request an ID
// (Identify), answers a panic with a 500 JSON error that names the ID
// instead of dropping the connection, writes one structured log line per
// request (ID, method, path, status, duration, GraphQL operation and error
// codes) and records the request in metrics, which may be nil.
//
// next should be a ServeMux: the route label of the metrics is the pattern
// it matched (never the raw path, which clients choose).
func Middleware(logger *slog.Logger, metrics *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r = withRequest(w, r)
		req := requestFrom(r.Context())
		rec := &recorder{ResponseWriter: w}
		if metrics != nil {
			metrics.inFlight.Inc()
			defer metrics.inFlight.Dec()
		}
		defer func() {
			p := recover()
			if p == http.ErrAbortHandler {
				panic(p) // the handler asked the server to drop the connection
			}
			abort := false
			if p != nil {
				logger.ErrorContext(r.Context(), "panic serving request", "request_id", req.id,
					"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				NoteError(r.Context(), CodeInternal)
				if rec.wroteHeader {
					// Part of the answer is out: cut the connection rather
					// than let a truncated body pass for a whole one.
					abort = true
					rec.status = http.StatusInternalServerError
				} else {
					writeInternal(rec, req.id)
				}
			}
			logRequest(logger, metrics, r, req, rec, time.Since(start))
			if abort {
				panic(http.ErrAbortHandler)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

func logRequest(logger *slog.Logger, metrics *Metrics, r *http.Request, req *request, rec *recorder, elapsed time.Duration) {
	status := rec.status
	if !rec.wroteHeader {
		status = http.StatusOK // what net/http sends for a handler that wrote nothing
	}
	operation, executed, codes := req.snapshot()
	attrs := []slog.Attr{
		slog.String("request_id", req.id),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.String("duration", elapsed.Round(time.Microsecond).String()),
		slog.Int64("bytes", rec.bytes),
	}
	if operation != "" {
		attrs = append(attrs, slog.String("operation", operation))
	}
	if len(codes) > 0 {
		attrs = append(attrs, slog.String("errors", strings.Join(codes, ",")))
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	logger.LogAttrs(r.Context(), level, "request", attrs...)
	if metrics != nil {
		route := r.Pattern // set by the ServeMux on this very request
		if route == "" {
			route = "unmatched"
		}
		metrics.observe(route, operation, status, elapsed.Seconds(), executed, codes)
	}
}

// writeInternal answers a request whose handler panicked before writing.
func writeInternal(w http.ResponseWriter, id string) {
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
		"message":    "internal error",
		"extensions": map[string]any{"code": CodeInternal, "requestId": id},
	}}})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(body)
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	bytes       int64
}

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader && status >= 200 {
		r.status = status
		r.wroteHeader = true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wroteHeader {
		r.status = http.StatusOK
		r.wroteHeader = true
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush passes flushes through, for handlers that stream.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		if !r.wroteHeader {
			r.status, r.wroteHeader = http.StatusOK, true
		}
		f.Flush()
	}
}
