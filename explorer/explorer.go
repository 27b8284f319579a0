// Package explorer serves the career explorer: a web page, built only on the
// public GraphQL API, that answers "what should I learn, and for which
// company?". Its assets are embedded; no build step is needed to run it.
//
// The page is plain HTML, CSS and JavaScript modules (static/assets/*.js,
// no framework, no bundler, no third-party code). It talks to the API at
// /query with POST requests and nothing else, so it doubles as a reference
// front-end for the API.
//
// Routes served by Handler, relative to its prefix (e.g. "/explore/"):
//
//	GET prefix                       the page (Cache-Control: no-cache, ETag)
//	GET prefix + "v/<version>/<file>"  a file of static/assets
//	                                 (Cache-Control: public, max-age=31536000, immutable)
//
// <version> is a hash of every asset, so a changed asset gets a new URL and a
// cached copy can never go stale; the page, revalidated on every load, names
// the current version. The modules import one another by relative paths, so
// they all load from the same version. Any other path, including an asset
// under an old version, is 404; methods other than GET and HEAD are 405.
package explorer

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// Endpoint is the path of the GraphQL API the page talks to.
const Endpoint = "/query"

// contentSecurityPolicy allows the page only its own scripts, styles and
// images, and requests only to its own origin (the API).
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type file struct {
	data        []byte
	contentType string
	etag        string
}

// site is the page and its assets, built once from the embedded files.
type site struct {
	version string          // hash of every asset
	page    file            // index.html, rendered with the version
	assets  map[string]file // by path relative to static/assets
}

var built = mustBuild(static)

func mustBuild(fsys fs.FS) *site {
	s, err := build(fsys)
	if err != nil {
		panic("explorer: " + err.Error()) // the embedded tree is fixed at build time
	}
	return s
}

func build(fsys fs.FS) (*site, error) {
	s := &site{assets: map[string]file{}}
	var names []string
	err := fs.WalkDir(fsys, "static/assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "static/assets/")
		s.assets[rel] = file{data: data, contentType: contentType(rel), etag: etag(data)}
		names = append(names, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(s.assets[n].data)
		h.Write([]byte{0})
	}
	s.version = hex.EncodeToString(h.Sum(nil))[:12]

	tmpl, err := template.ParseFS(fsys, "static/index.html")
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	var modules []string // preloaded so the browser fetches them in parallel
	for _, n := range names {
		if path.Ext(n) == ".js" && n != "app.js" {
			modules = append(modules, n)
		}
	}
	err = tmpl.Execute(&page, struct {
		Assets, Endpoint string
		Modules          []string
	}{
		Assets:   "v/" + s.version + "/",
		Endpoint: Endpoint,
		Modules:  modules,
	})
	if err != nil {
		return nil, err
	}
	s.page = file{data: page.Bytes(), contentType: "text/html; charset=utf-8", etag: etag(page.Bytes())}
	return s, nil
}

func etag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// contentType is fixed per extension rather than taken from the mime
// package, which consults the host's mime.types and so varies between
// machines (a module served as text/plain does not run).
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".html":
		return "text/html; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

// Version is the current asset version, the <version> of asset URLs.
func Version() string { return built.version }

// Handler serves the explorer under prefix (e.g. "/explore/"), which must end
// in a slash.
func Handler(prefix string) http.Handler {
	return built.handler(prefix)
}

func (s *site) handler(prefix string) http.Handler {
	versioned := "v/" + s.version + "/"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		var f file
		isPage := rel == ""
		if isPage {
			f = s.page
		} else {
			name, ok := strings.CutPrefix(rel, versioned)
			if ok {
				f, ok = s.assets[name]
			}
			if !ok {
				w.Header().Set("Cache-Control", "no-store")
				http.NotFound(w, r)
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("ETag", f.etag)
		h.Set("X-Content-Type-Options", "nosniff")
		if isPage {
			h.Set("Cache-Control", "no-cache")
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("Referrer-Policy", "same-origin")
		} else {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
	})
}
