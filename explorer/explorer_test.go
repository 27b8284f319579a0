package explorer

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// assetRefs are the asset URLs the page refers to, relative to the page.
var assetRefs = regexp.MustCompile(`(?:src|href)="(v/[^"]+)"`)

func TestPage(t *testing.T) {
	h := Handler("/explore/")
	rec := get(t, h, http.MethodGet, "/explore/?view=gap&lang=ko&have=python,kafka", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /explore/: %d", rec.Code)
	}
	for k, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"Cache-Control":          "no-cache",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	body := rec.Body.String()
	if !strings.Contains(body, `<meta name="skillgraph-endpoint" content="/query">`) {
		t.Error("the page does not name the API endpoint")
	}
	if strings.Contains(body, "{{") {
		t.Error("the page has an unexecuted template action")
	}
	refs := assetRefs.FindAllStringSubmatch(body, -1)
	if len(refs) < 4 {
		t.Fatalf("the page refers to %d assets: %s", len(refs), body)
	}
	for _, ref := range refs {
		if !strings.HasPrefix(ref[1], "v/"+built.version+"/") {
			t.Errorf("%s is not under the current version %s", ref[1], built.version)
		}
		if a := get(t, h, http.MethodGet, "/explore/"+ref[1], nil); a.Code != http.StatusOK {
			t.Errorf("%s: %d", ref[1], a.Code)
		}
	}

	// The page revalidates cheaply.
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on the page")
	}
	if again := get(t, h, http.MethodGet, "/explore/", map[string]string{"If-None-Match": etag}); again.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", again.Code)
	}
	if head := get(t, h, http.MethodHead, "/explore/", nil); head.Code != http.StatusOK || head.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", head.Code, head.Body.Len())
	}
}

func TestAssets(t *testing.T) {
	h := Handler("/explore/")
	for name, a := range built.assets {
		rec := get(t, h, http.MethodGet, "/explore/v/"+built.version+"/"+name, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", name, rec.Code)
			continue
		}
		if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", name, got)
		}
		if got := rec.Header().Get("Content-Type"); got != a.ContentType || strings.HasPrefix(got, "application/octet-stream") {
			t.Errorf("%s: Content-Type %q", name, got)
		}
		if rec.Body.String() != string(a.Data) {
			t.Errorf("%s: body differs from the embedded file", name)
		}
	}
	for _, name := range []string{"app.js", "style.css", "icon.svg"} {
		if _, ok := built.assets[name]; !ok {
			t.Errorf("%s is not embedded", name)
		}
	}
}

func TestRefused(t *testing.T) {
	h := Handler("/explore/")
	for _, tc := range []struct {
		method, target string
		code           int
	}{
		{http.MethodGet, "/explore/v/000000000000/app.js", http.StatusNotFound}, // an old version
		{http.MethodGet, "/explore/v/" + built.version + "/nope.js", http.StatusNotFound},
		{http.MethodGet, "/explore/app.js", http.StatusNotFound}, // assets only under their version
		{http.MethodGet, "/explore/index.html", http.StatusNotFound},
		{http.MethodGet, "/elsewhere", http.StatusNotFound},
		{http.MethodPost, "/explore/", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/explore/v/" + built.version + "/app.js", http.StatusMethodNotAllowed},
	} {
		rec := get(t, h, tc.method, tc.target, nil)
		if rec.Code != tc.code {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.target, rec.Code, tc.code)
		}
		if tc.code == http.StatusNotFound && rec.Header().Get("Cache-Control") != "no-store" && strings.Contains(tc.target, "/v/") {
			t.Errorf("%s: a missing asset must not be cached", tc.target)
		}
	}
}

// TestVersionFollowsContent: changing any asset changes the version, so
// immutable caching never serves a stale file.
func TestVersionFollowsContent(t *testing.T) {
	page := &fstest.MapFile{Data: []byte(`<script src="{{.Assets}}app.js"></script>{{range .Modules}}{{.}} {{end}}`)}
	a, err := build(fstest.MapFS{
		"index.html":       page,
		"assets/app.js":    {Data: []byte("1")},
		"assets/style.css": {Data: []byte("x")},
		"assets/more.js":   {Data: []byte("m")},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(fstest.MapFS{
		"index.html":       page,
		"assets/app.js":    {Data: []byte("2")},
		"assets/style.css": {Data: []byte("x")},
		"assets/more.js":   {Data: []byte("m")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.version == b.version {
		t.Errorf("version %s did not change with app.js", a.version)
	}
	if want := `<script src="v/` + a.version + `/app.js"></script>more.js `; string(a.page.Body) != want {
		t.Errorf("page %q, want %q", a.page.Body, want)
	}
}

// TestModulesResolve checks every relative import of every module names an
// embedded file, so a renamed module fails here rather than in a browser.
func TestModulesResolve(t *testing.T) {
	imports := regexp.MustCompile(`(?m)^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]`)
	dynamic := regexp.MustCompile(`import\(\s*['"](\.[^'"]+)['"]\s*\)`)
	sub, err := fs.Sub(embedded, "static/assets")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, a := range built.assets {
		if path.Ext(name) != ".js" {
			continue
		}
		src := string(a.Data)
		for _, m := range append(imports.FindAllStringSubmatch(src, -1), dynamic.FindAllStringSubmatch(src, -1)...) {
			n++
			target := path.Join(path.Dir(name), m[1])
			if _, err := fs.Stat(sub, target); err != nil {
				t.Errorf("%s imports %s, which is not embedded", name, m[1])
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d imports: is the pattern still right?", n)
	}
}

// TestNoThirdPartyOrigins: the page loads nothing from another origin (no
// CDN); the Content-Security-Policy would block it anyway.
func TestNoThirdPartyOrigins(t *testing.T) {
	external := regexp.MustCompile(`(?:src|href)\s*=\s*["']https?://|@import\s+url\(["']?https?://|fetch\(\s*["']https?://`)
	files := map[string][]byte{"index.html": built.page.Body}
	for name, a := range built.assets {
		files[name] = a.Data
	}
	for name, data := range files {
		if loc := external.FindIndex(data); loc != nil {
			t.Errorf("%s refers to another origin: %s", name, data[loc[0]:min(len(data), loc[1]+40)])
		}
	}
}

// TestDirHandler serves the explorer from a directory as a developer edits
// it: every request reads the files again, and nothing may be cached.
func TestDirHandler(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", `<script type="module" src="{{.Assets}}app.js"></script>`)
	write("assets/app.js", "one")
	h := DirHandler("/explore/", dir)

	page := get(t, h, http.MethodGet, "/explore/", nil)
	refs := assetRefs.FindAllStringSubmatch(page.Body.String(), -1)
	if page.Code != http.StatusOK || len(refs) != 1 || page.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /explore/: %d, Cache-Control %q: %s", page.Code, page.Header().Get("Cache-Control"), page.Body)
	}
	if csp := page.Header().Get("Content-Security-Policy"); csp != contentSecurityPolicy {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	asset := func(target string) (int, string, string) {
		rec := get(t, h, http.MethodGet, target, nil)
		return rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control")
	}
	if code, body, cc := asset("/explore/" + refs[0][1]); code != http.StatusOK || body != "one" || cc != "no-store" {
		t.Errorf("app.js: %d %q, Cache-Control %q", code, body, cc)
	}
	write("assets/app.js", "two")
	if code, body, _ := asset("/explore/" + refs[0][1]); code != http.StatusOK || body != "two" {
		t.Errorf("app.js after an edit, at the version the page named: %d %q", code, body)
	}
	if again := get(t, h, http.MethodGet, "/explore/", nil); again.Body.String() == page.Body.String() {
		t.Error("the page names the same version after an asset changed")
	}
	for _, target := range []string{"/explore/app.js", "/explore/v/x/nope.js", "/explore/v/x/../../index.html", "/explore/v//app.js"} {
		if code, _, cc := asset(target); code != http.StatusNotFound || cc != "no-store" {
			t.Errorf("%s: %d, Cache-Control %q; want 404, no-store", target, code, cc)
		}
	}
	if rec := get(t, h, http.MethodPost, "/explore/", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /explore/: %d", rec.Code)
	}
	write("index.html", "{{.Nope")
	if rec := get(t, h, http.MethodGet, "/explore/", nil); rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "index.html") {
		t.Errorf("a broken page: %d %s", rec.Code, rec.Body)
	}
}
