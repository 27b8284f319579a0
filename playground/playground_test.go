package playground_test

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	gqlplayground "github.com/99designs/gqlgen/graphql/playground"

	"skillgraph/playground"
)

const immutable = "public, max-age=31536000, immutable"

var (
	tagRE  = regexp.MustCompile(`(?is)<(script|link|img|iframe|source|a|base|meta)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?is)([a-z-]+)\s*=\s*"([^"]*)"`)
)

// resource is a script or stylesheet tag of the page.
type resource struct {
	tag, url, integrity string
}

// resources returns the tags of page that load something, with their
// (HTML-unescaped) src/href and integrity attributes.
func resources(t *testing.T, page string) []resource {
	t.Helper()
	var out []resource
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		r := resource{tag: strings.ToLower(m[1])}
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			v := html.UnescapeString(a[2])
			switch strings.ToLower(a[1]) {
			case "src", "href":
				r.url = v
			case "integrity":
				r.integrity = v
			}
		}
		if r.url != "" {
			out = append(out, r)
		}
	}
	return out
}

func get(t *testing.T, h http.Handler, method, target string) (*http.Response, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func sri384(b []byte) string {
	s := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(s[:])
}

func sri256(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(s[:])
}

func page(t *testing.T, h http.Handler) string {
	t.Helper()
	res, body := get(t, h, http.MethodGet, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET / Content-Type = %q, want text/html", ct)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET / Cache-Control = %q, want no-cache", cc)
	}
	return string(body)
}

func TestPageIsOffline(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	p := page(t, h)

	for _, s := range []string{"<title>skillgraph</title>", `"/query"`} {
		if !strings.Contains(p, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	for _, s := range []string{"http://", "https://", "jsdelivr", "unpkg"} {
		if strings.Contains(p, s) {
			t.Errorf("page contains %q", s)
		}
	}

	res := resources(t, p)
	want := []string{
		"/playground/assets/graphiql@4.1.2/graphiql.min.css",
		"/playground/assets/graphiql@4.1.2/graphiql.min.js",
		"/playground/assets/react-dom@18.2.0/umd/react-dom.production.min.js",
		"/playground/assets/react@18.2.0/umd/react.production.min.js",
	}
	var got []string
	for _, r := range res {
		u, err := url.Parse(r.url)
		if err != nil {
			t.Errorf("%s: bad URL %q: %v", r.tag, r.url, err)
			continue
		}
		if u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			t.Errorf("%s loads %q, want a path on this host", r.tag, r.url)
		}
		got = append(got, r.url)
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("page loads\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAssetsServedWithMatchingSRI(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	res := resources(t, page(t, h))
	if len(res) == 0 {
		t.Fatal("page loads nothing")
	}
	for _, r := range res {
		t.Run(r.url, func(t *testing.T) {
			resp, body := get(t, h, http.MethodGet, r.url)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", r.url, resp.StatusCode)
			}
			wantCT := "text/javascript; charset=utf-8"
			if r.tag == "link" {
				wantCT = "text/css; charset=utf-8"
			}
			if ct := resp.Header.Get("Content-Type"); ct != wantCT {
				t.Errorf("Content-Type = %q, want %q", ct, wantCT)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != immutable {
				t.Errorf("Cache-Control = %q, want %q", cc, immutable)
			}
			if len(body) < 1000 {
				t.Errorf("body is %d bytes", len(body))
			}
			if !strings.HasPrefix(r.integrity, "sha384-") {
				t.Fatalf("integrity = %q, want sha384-…", r.integrity)
			}
			if got := sri384(body); got != r.integrity {
				t.Errorf("served bytes hash to %s, page says %s", got, r.integrity)
			}

			// Revalidation and HEAD work too.
			etag := resp.Header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, r.url, nil)
			req.Header.Set("If-None-Match", etag)
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusNotModified {
				t.Errorf("conditional GET = %d, want 304", rec.Code)
			}
			head, hb := get(t, h, http.MethodHead, r.url)
			if head.StatusCode != http.StatusOK || len(hb) != 0 {
				t.Errorf("HEAD = %d with %d bytes, want 200 and no body", head.StatusCode, len(hb))
			}
		})
	}
}

// TestVendoredMatchesGqlgenDefaults checks that every file gqlgen's default
// page loads from its CDN is vendored here byte for byte (gqlgen pins a
// sha256 SRI for each). It fails when a gqlgen upgrade changes the versions:
// then update vendor.sh and playground.go and re-run vendor.sh.
func TestVendoredMatchesGqlgenDefaults(t *testing.T) {
	rec := httptest.NewRecorder()
	gqlplayground.Handler("t", "/query").ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	defaults := resources(t, rec.Body.String())
	if len(defaults) != 4 {
		t.Errorf("gqlgen's default page loads %d resources, want 4: %+v", len(defaults), defaults)
	}
	h := playground.Handler("skillgraph", "/query")
	for _, r := range defaults {
		_, rel, ok := strings.Cut(r.url, "/npm/")
		if !ok {
			t.Errorf("unexpected CDN URL %q", r.url)
			continue
		}
		resp, body := get(t, h, http.MethodGet, playground.AssetsPath+rel)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s is not vendored (GET = %d)", rel, resp.StatusCode)
			continue
		}
		if got := sri256(body); got != r.integrity {
			t.Errorf("%s: vendored file is %s, gqlgen's CDN copy is %s", rel, got, r.integrity)
		}
	}
}

func TestLicensesServed(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	for _, p := range []string{"graphiql@4.1.2", "react@18.2.0", "react-dom@18.2.0"} {
		resp, body := get(t, h, http.MethodGet, playground.AssetsPath+p+"/LICENSE")
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "MIT License") {
			t.Errorf("%s/LICENSE: %d, %.40q", p, resp.StatusCode, body)
		}
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	for _, p := range []string{
		"/nope",
		"/index.html",
		"/playground",
		"/playground/assets/",
		"/playground/assets/graphiql@4.1.2",
		"/playground/assets/graphiql@4.1.2/",
		"/playground/assets/graphiql@4.1.2/nope.js",
		"/playground/assets/../playground.go",
		"/playground/assets/graphiql@4.1.2/graphiql.min.js.map",
		"/assets/graphiql@4.1.2/graphiql.min.js",
	} {
		if resp, _ := get(t, h, http.MethodGet, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		}
	}
	for _, p := range []string{"/", "/playground/assets/graphiql@4.1.2/graphiql.min.js"} {
		resp, _ := get(t, h, http.MethodPost, p)
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s = %d, want 405", p, resp.StatusCode)
		}
	}
	// (net/http drops a HEAD response's body; the recorder does not.)
	if resp, _ := get(t, h, http.MethodHead, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD / = %d, want 200", resp.StatusCode)
	}
}
