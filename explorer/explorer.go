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
// Package internal/static does the serving, as for the playground.
//
// DirHandler serves the same from a directory on disk instead, read again
// for every request and never cached, so that a developer edits the page,
// its scripts or styles and reloads (the server's -explorer-dir flag).
package explorer

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"skillgraph/internal/static"
)

//go:embed static
var embedded embed.FS

// Endpoint is the path of the GraphQL API the page talks to.
const Endpoint = "/query"

// contentSecurityPolicy allows the page only its own scripts, styles and
// images, and requests only to its own origin (the API).
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// site is the page and its assets, built from a tree like static/: the
// page index.html and the files under assets/.
type site struct {
	version string       // hash of every asset
	page    static.Page  // index.html, rendered with the version
	assets  static.Files // by path relative to assets/
}

// built is the site of the embedded files, built once.
var built = func() *site {
	fsys, err := fs.Sub(embedded, "static")
	if err == nil {
		var s *site
		if s, err = build(fsys); err == nil {
			return s
		}
	}
	panic("explorer: " + err.Error()) // the embedded tree is fixed at build time
}()

func build(fsys fs.FS) (*site, error) {
	assets, err := static.Read(fsys, "assets")
	if err != nil {
		return nil, err
	}
	s := &site{version: assets.Version(), assets: assets}
	tmpl, err := template.ParseFS(fsys, "index.html")
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	var modules []string // preloaded so the browser fetches them in parallel
	for _, n := range assets.Names() {
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
	s.page = static.NewPage(page.Bytes(), contentSecurityPolicy)
	return s, nil
}

// Handler serves the explorer's embedded files under prefix (e.g.
// "/explore/"), which must end in a slash.
func Handler(prefix string) http.Handler {
	assets := built.assets.Handler(prefix + "v/" + built.version + "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch rel, ok := strings.CutPrefix(r.URL.Path, prefix); {
		case !ok:
			http.NotFound(w, r)
		case rel == "":
			built.page.ServeHTTP(w, r)
		default:
			assets.ServeHTTP(w, r)
		}
	})
}

// DirHandler serves the explorer under prefix from dir, a directory laid
// out like explorer/static (index.html and assets/), for development: the
// files are read again for every request and nothing is cached, so an
// edit shows on the next reload. An asset is served under any version, as
// the files may change between the page and its modules.
func DirHandler(prefix, dir string) http.Handler {
	fsys := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		s, err := build(fsys)
		if err != nil {
			w.Header().Set("Cache-Control", static.NoStore)
			http.Error(w, fmt.Sprintf("explorer from %s: %v", dir, err), http.StatusInternalServerError)
			return
		}
		if rel == "" {
			page := s.page
			page.CacheControl = static.NoStore
			page.ServeHTTP(w, r)
			return
		}
		// v/<any version>/<name>
		version, name, ok := strings.Cut(strings.TrimPrefix(rel, "v/"), "/")
		f, found := s.assets[name]
		if !strings.HasPrefix(rel, "v/") || version == "" || !ok || !found {
			static.NotFound(w, r)
			return
		}
		static.Serve(w, r, f, static.NoStore)
	})
}
