package playground_test

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	gqlplayground "github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"skillgraph/playground"
)

const immutable = "public, max-age=31536000, immutable"

var (
	tagRE  = regexp.MustCompile(`(?is)<(script|link|img|iframe|source|a|base|meta|style)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?is)([a-z-]+)\s*=\s*"([^"]*)"`)
)

// resource is a tag of the page that refers to something.
type resource struct {
	tag, rel, url, integrity string
}

// refs returns the tags of page that refer to a URL, with their
// (HTML-unescaped) rel, src/href and integrity attributes.
func refs(page string) []resource {
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
			case "rel":
				r.rel = strings.ToLower(v)
			}
		}
		if r.url != "" {
			out = append(out, r)
		}
	}
	return out
}

// resources returns the scripts and stylesheets page loads.
func resources(t *testing.T, page string) []resource {
	t.Helper()
	var out []resource
	for _, r := range refs(page) {
		if r.tag == "script" || (r.tag == "link" && r.rel == "stylesheet") {
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

	for _, s := range []string{"<title>skillgraph</title>", `"endpoint":"/query"`} {
		if !strings.Contains(p, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	for _, s := range []string{"http://", "https://", "jsdelivr", "unpkg"} {
		if strings.Contains(p, s) {
			t.Errorf("page contains %q", s)
		}
	}

	for _, r := range refs(p) {
		u, err := url.Parse(r.url)
		if err != nil {
			t.Errorf("%s: bad URL %q: %v", r.tag, r.url, err)
			continue
		}
		if r.tag == "link" && r.rel == "icon" && r.url == "data:," {
			continue // no icon, and no request for /favicon.ico
		}
		if u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			t.Errorf("%s refers to %q, want a path on this host", r.tag, r.url)
		}
	}

	res := resources(t, p)
	v := playground.PagePath + playground.Version() + "/"
	want := []string{
		"/playground/assets/graphiql@4.1.2/graphiql.min.css",
		"/playground/assets/graphiql@4.1.2/graphiql.min.js",
		"/playground/assets/react-dom@18.2.0/umd/react-dom.production.min.js",
		"/playground/assets/react@18.2.0/umd/react.production.min.js",
		v + "playground.css",
		v + "playground.js",
	}
	var got []string
	for _, r := range res {
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
			if len(body) < 200 {
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

// TestPageIsStrict checks the page's Content-Security-Policy and that the
// page needs nothing it forbids: no inline script or style, a fresh nonce
// per response, carried by the page's own script for GraphiQL's one
// inserted style.
func TestPageIsStrict(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	nonces := map[string]bool{}
	for range 3 {
		res, body := get(t, h, http.MethodGet, "/")
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{
			"default-src 'none'", "script-src 'self';", "connect-src 'self'", "img-src 'self' data:",
			"font-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
		} {
			if !strings.Contains(csp, want) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
			}
		}
		for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
			if strings.Contains(csp, bad) {
				t.Errorf("Content-Security-Policy %q allows %q", csp, bad)
			}
		}
		m := regexp.MustCompile(`style-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})';`).FindStringSubmatch(csp)
		if m == nil {
			t.Fatalf("Content-Security-Policy %q has no style nonce", csp)
		}
		nonces[m[1]] = true
		if got := res.Header.Get("Referrer-Policy"); got != "same-origin" {
			t.Errorf("Referrer-Policy %q", got)
		}
		page := string(body)
		own := regexp.MustCompile(`<script src="` + regexp.QuoteMeta(playground.PagePath) + `[^"]+/playground\.js"[^>]* nonce="([^"]+)"`).FindStringSubmatch(page)
		if own == nil || html.UnescapeString(own[1]) != m[1] {
			t.Errorf("the page's script does not carry the policy's nonce %s: %v", m[1], own)
		}
		// Every script loads a file, but the configuration, which is data.
		for _, sm := range regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
			attrs, text := sm[1], sm[2]
			if strings.Contains(attrs, `type="application/json"`) {
				continue
			}
			if !strings.Contains(attrs, `src="`) || strings.TrimSpace(text) != "" {
				t.Errorf("inline script: <script%s>%.60s", attrs, text)
			}
		}
		if regexp.MustCompile(`(?i)<style|\sstyle="|\son[a-z]+="`).MatchString(page) {
			t.Error("the page has an inline style or event handler")
		}
	}
	if len(nonces) != 3 {
		t.Errorf("nonces repeat across responses: %v", nonces)
	}
}

type pageConfig struct {
	Endpoint string              `json:"endpoint"`
	Tabs     map[string][]string `json:"tabs"`
}

func config(t *testing.T, page string) pageConfig {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="playground-config">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no configuration")
	}
	var c pageConfig
	if err := json.Unmarshal([]byte(m[1]), &c); err != nil {
		t.Fatalf("the configuration is not JSON: %v\n%s", err, m[1])
	}
	return c
}

// TestTabsAreTheQuestions checks what the page opens with: in English and
// Korean, one tab per question, each a comment line saying what it asks,
// then the question's query as one named operation that parses.
func TestTabsAreTheQuestions(t *testing.T) {
	c := config(t, page(t, playground.Handler("skillgraph", "/query")))
	if c.Endpoint != "/query" {
		t.Errorf("endpoint %q", c.Endpoint)
	}
	if len(playground.Questions) != 3 {
		t.Fatalf("%d questions", len(playground.Questions))
	}
	for _, lang := range []string{"en", "ko"} {
		tabs := c.Tabs[lang]
		if len(tabs) != len(playground.Questions) {
			t.Fatalf("%s: %d tabs, want %d", lang, len(tabs), len(playground.Questions))
		}
		for i, q := range playground.Questions {
			doc := tabs[i]
			first, _, _ := strings.Cut(doc, "\n")
			if first != "# "+q.Ask[lang] || q.Ask[lang] == "" {
				t.Errorf("%s tab %d starts %q, want the question %q", lang, i, first, q.Ask[lang])
			}
			if lang == "ko" && !regexp.MustCompile(`[가-힣]`).MatchString(first) {
				t.Errorf("ko tab %d asks in English: %q", i, first)
			}
			if !strings.HasSuffix(doc, "query "+q.Name+" "+q.Query+"\n") {
				t.Errorf("%s tab %d does not end with the question's query:\n%s", lang, i, doc)
			}
			parsed, err := parser.ParseQuery(&ast.Source{Input: doc})
			if err != nil {
				t.Errorf("%s tab %d does not parse: %v\n%s", lang, i, err, doc)
				continue
			}
			if len(parsed.Operations) != 1 || parsed.Operations[0].Name != q.Name || parsed.Operations[0].Operation != ast.Query {
				t.Errorf("%s tab %d: want one query named %s", lang, i, q.Name)
			}
		}
	}
}

// TestQuestionsMatchTheReadme keeps the tabs in step with the README: its
// section "Three questions, with their real answers" asks, under each ###
// heading, one graphql block; the questions are those headings and blocks,
// verbatim and in order. (The root package's TestReadmeExamples checks the
// answers the README shows; the browser test runs the tabs against them.)
func TestQuestionsMatchTheReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Three questions, with their real answers\n")
	if !ok {
		t.Fatal(`README.md has no section "Three questions, with their real answers"`)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	type asked struct{ heading, query string }
	var readmeQs []asked
	for _, part := range strings.Split(section, "\n### ")[1:] {
		heading, body, _ := strings.Cut(part, "\n")
		blocks := regexp.MustCompile("(?s)```graphql\n(.*?)\n```").FindAllStringSubmatch(body, -1)
		if len(blocks) != 1 {
			t.Errorf("README question %q has %d graphql blocks, want 1", heading, len(blocks))
			continue
		}
		readmeQs = append(readmeQs, asked{heading, blocks[0][1]})
	}
	if len(readmeQs) != len(playground.Questions) {
		t.Fatalf("the README asks %d questions, the playground opens %d", len(readmeQs), len(playground.Questions))
	}
	for i, q := range playground.Questions {
		if q.Ask["en"] != readmeQs[i].heading {
			t.Errorf("question %d asks %q, the README %q", i+1, q.Ask["en"], readmeQs[i].heading)
		}
		if q.Query != readmeQs[i].query {
			t.Errorf("question %d (%s): the playground's query\n%s\nthe README's\n%s\n(update playground/questions.go)", i+1, q.Name, q.Query, readmeQs[i].query)
		}
	}
}

func TestOwnFilesAreVersioned(t *testing.T) {
	h := playground.Handler("skillgraph", "/query")
	v := playground.PagePath + playground.Version() + "/"
	for _, p := range []string{
		playground.PagePath,
		v,
		v + "index.html",
		v + "nope.js",
		playground.PagePath + "000000000000/playground.js",
		"/playground/playground.js",
	} {
		if resp, _ := get(t, h, http.MethodGet, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		}
	}
	if resp, _ := get(t, h, http.MethodPost, v+"playground.js"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST playground.js = %d, want 405", resp.StatusCode)
	}
}
