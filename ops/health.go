package ops

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Healthz answers 200 "ok" while the process serves HTTP at all: a liveness
// probe, which checks nothing else on purpose (a database outage should not
// get the process restarted).
func Healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, "ok\n")
	})
}

// Check is one condition of readiness. Run returns a short detail for
// people ("version 1", "62 skills"), which is shown even when it fails, and
// an error, which is logged but not shown: it may name files or SQL.
type Check struct {
	Name string
	Run  func(ctx context.Context) (detail string, err error)
}

// CheckResult is how one check went, as /readyz reports it.
type CheckResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

// Readiness is the body of a /readyz answer.
type Readiness struct {
	Ready  bool          `json:"ready"`
	Checks []CheckResult `json:"checks"`
}

// Readyz runs every check, each within timeout, and answers 200 with their
// results when all pass, 503 when any fails: a readiness probe, which takes
// the server out of a load balancer until it can answer.
func Readyz(logger *slog.Logger, timeout time.Duration, checks ...Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := Readiness{Ready: true, Checks: make([]CheckResult, 0, len(checks))}
		for _, c := range checks {
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			detail, err := c.Run(ctx)
			cancel()
			res := CheckResult{Name: c.Name, OK: err == nil, Detail: detail}
			if err != nil {
				out.Ready = false
				if res.Detail == "" {
					res.Detail = "failed"
				}
				logger.WarnContext(r.Context(), "not ready", "request_id", RequestID(r.Context()), "check", c.Name, "err", err)
			}
			out.Checks = append(out.Checks, res)
		}
		body, _ := json.Marshal(out)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if !out.Ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		w.Write(append(body, '\n'))
	})
}
