package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"skillgraph/graph"
	"skillgraph/ops"
)

// withDeadline gives each request a deadline. next runs with a context that
// ends at it (the database gives up its queries then), and in a goroutine
// of its own with its answer buffered, so that the client gets a TIMEOUT
// error at the deadline even if next is still busy: no request hangs its
// client. Once the deadline has passed, next's writes are discarded.
func withDeadline(timeout time.Duration, logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		buf := &bufferedWriter{header: http.Header{}}
		done := make(chan struct{})
		panicked := make(chan any, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					panicked <- panicValue{p, debug.Stack()}
				}
				close(done)
			}()
			next.ServeHTTP(buf, r.WithContext(ctx))
		}()
		select {
		case <-done:
			select {
			case p := <-panicked:
				panic(p) // for the server's recovery (ops.Middleware) to answer and log
			default:
			}
			buf.mu.Lock()
			defer buf.mu.Unlock()
			maps.Copy(w.Header(), buf.header)
			if buf.status == 0 {
				buf.status = http.StatusOK // next wrote nothing
			}
			w.WriteHeader(buf.status)
			w.Write(buf.body.Bytes())
		case <-ctx.Done():
			buf.mu.Lock()
			buf.closed = true
			buf.mu.Unlock()
			code, status := graph.CodeTimeout, http.StatusServiceUnavailable
			msg := fmt.Sprintf("the request took longer than the server's limit of %s", timeout)
			if r.Context().Err() != nil {
				code, status, msg = graph.CodeCanceled, 499, "the request was canceled"
			} else {
				logger.WarnContext(r.Context(), "request timed out", "request_id", ops.RequestID(r.Context()), "timeout", timeout)
			}
			httpTransport{}.fail(w, r, status, code, msg)
		}
	})
}

// panicValue carries a panic out of the goroutine it happened in, with the
// stack it happened at.
type panicValue struct {
	value any
	stack []byte
}

func (p panicValue) String() string { return fmt.Sprintf("%v\n%s", p.value, p.stack) }

// bufferedWriter holds an answer until it is complete.
type bufferedWriter struct {
	mu     sync.Mutex
	header http.Header
	status int
	body   bytes.Buffer
	closed bool // the deadline passed: the answer went out without this one
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, http.ErrHandlerTimeout
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
