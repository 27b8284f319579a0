package static_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"skillgraph/internal/static"
)

func serve(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"web/app.js":       {Data: []byte("export {}")},
		"web/css/site.css": {Data: []byte("body{}")},
		"web/LICENSE":      {Data: []byte("MIT")},
		"elsewhere.txt":    {Data: []byte("not under web/")},
	}
	files, err := static.Read(fsys, "web")
	if err != nil {
		t.Fatal(err)
	}
	if got := files.Names(); len(got) != 3 || got[0] != "LICENSE" || got[1] != "app.js" || got[2] != "css/site.css" {
		t.Fatalf("Names() = %v", got)
	}
	for name, want := range map[string]string{
		"app.js": "text/javascript; charset=utf-8", "css/site.css": "text/css; charset=utf-8", "LICENSE": "text/plain; charset=utf-8",
	} {
		if got := files[name].ContentType; got != want {
			t.Errorf("%s: content type %q, want %q", name, got, want)
		}
	}
	if sri := files["app.js"].SRI; len(sri) != len("sha384-")+64 {
		t.Errorf("SRI %q", sri)
	}

	// The version follows every name and byte.
	v := files.Version()
	fsys["web/app.js"] = &fstest.MapFile{Data: []byte("export {};")}
	changed, _ := static.Read(fsys, "web")
	if len(v) != 12 || changed.Version() == v {
		t.Errorf("version %q, %q after a change", v, changed.Version())
	}

	h := files.Handler("/v/" + v + "/")
	rec := serve(h, http.MethodGet, "/v/"+v+"/css/site.css", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "body{}" {
		t.Fatalf("GET: %d %q", rec.Code, rec.Body)
	}
	for k, want := range map[string]string{
		"Cache-Control": static.Immutable, "Content-Type": "text/css; charset=utf-8",
		"ETag": files["css/site.css"].ETag, "X-Content-Type-Options": "nosniff",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if again := serve(h, http.MethodGet, "/v/"+v+"/css/site.css", map[string]string{"If-None-Match": rec.Header().Get("ETag")}); again.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", again.Code)
	}
	if head := serve(h, http.MethodHead, "/v/"+v+"/app.js", nil); head.Code != http.StatusOK || head.Body.Len() != 0 {
		t.Errorf("HEAD: %d, %d bytes", head.Code, head.Body.Len())
	}
	for _, target := range []string{"/v/000000000000/app.js", "/v/" + v + "/nope.js", "/v/" + v + "/", "/app.js"} {
		if rec := serve(h, http.MethodGet, target, nil); rec.Code != http.StatusNotFound || rec.Header().Get("Cache-Control") != static.NoStore {
			t.Errorf("GET %s: %d, Cache-Control %q", target, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	if rec := serve(h, http.MethodPost, "/v/"+v+"/app.js", nil); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestPage(t *testing.T) {
	p := static.NewPage([]byte("<!doctype html>"), "default-src 'none'")
	rec := serve(p, http.MethodGet, "/", nil)
	for k, want := range map[string]string{
		"Content-Type": "text/html; charset=utf-8", "Cache-Control": static.Revalidate, "ETag": p.ETag,
		"Content-Security-Policy": "default-src 'none'", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
	} {
		if got := rec.Header().Get(k); got != want || got == "" {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if again := serve(p, http.MethodGet, "/", map[string]string{"If-None-Match": p.ETag}); again.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", again.Code)
	}
	nonced := static.Page{Body: []byte("<!doctype html>"), CSP: "style-src 'nonce-x'"}
	if rec := serve(nonced, http.MethodGet, "/", nil); rec.Header().Get("ETag") != "" || rec.Code != http.StatusOK {
		t.Errorf("a page without an ETag: %d, ETag %q", rec.Code, rec.Header().Get("ETag"))
	}
	if rec := serve(p, http.MethodDelete, "/", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d", rec.Code)
	}
}
