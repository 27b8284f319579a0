package ops

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// ParseOrigins reads a comma-separated list of origins allowed to call the
// API from browsers, such as "https://a.example, http://localhost:5173", or
// "*" for any. Each origin is a scheme and host with an optional port, and
// nothing else; "" allows none.
func ParseOrigins(s string) ([]string, error) {
	var origins []string
	for o := range strings.SplitSeq(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			origins = append(origins, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], such as https://example.com", o)
		}
		origins = append(origins, u.Scheme+"://"+strings.ToLower(u.Host))
	}
	if slices.Contains(origins, "*") && len(origins) > 1 {
		return nil, fmt.Errorf("CORS origins: \"*\" allows every origin and cannot be combined with others")
	}
	return origins, nil
}

// Headers of CORS requests.
const (
	corsAllowedMethods = "GET, POST, OPTIONS"
	corsAllowedHeaders = "Accept, Authorization, Content-Type, X-Author, X-Request-ID"
	corsExposedHeaders = "X-Request-ID"
	corsMaxAge         = "600"
)

// CORS lets browser pages on the given origins (see ParseOrigins) call
// next: it answers their preflight requests and marks the responses
// readable by them. Requests from other origins pass through unmarked, so
// browsers keep their answers from the page. No cookies are involved (the
// admin token travels in the Authorization header), so credentials are
// never allowed.
func CORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		if origin == "" || !(anyOrigin || slices.Contains(origins, strings.ToLower(origin))) {
			next.ServeHTTP(w, r)
			return
		}
		if anyOrigin {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", corsAllowedMethods)
			h.Set("Access-Control-Allow-Headers", corsAllowedHeaders)
			h.Set("Access-Control-Max-Age", corsMaxAge)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", corsExposedHeaders)
		next.ServeHTTP(w, r)
	})
}
