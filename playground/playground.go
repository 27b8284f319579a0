// Package playground serves the GraphiQL playground fully offline.
//
// gqlgen's playground.Handler loads GraphiQL, React and ReactDOM from a CDN,
// which many networks cannot reach. This package embeds exactly those files
// (graphiql 4.1.2, react 18.2.0, react-dom 18.2.0, the UMD production builds
// that gqlgen's default page loads, with each package's LICENSE) under
// assets/<package>@<version>/ and serves them itself, so the page references
// no external host. gqlgen's explorer plugin is off by default and is not
// vendored.
//
// The assets were vendored from the npm registry by vendor.sh in this
// directory; re-run `bash playground/vendor.sh` to reproduce them exactly (it
// checks each file against the hash gqlgen pins for its CDN copy).
//
// Routes served by Handler:
//
//	GET /                        the GraphiQL page (Cache-Control: no-cache)
//	GET /playground/assets/...   the vendored files, whose paths carry their
//	                             version (Cache-Control: public, max-age=31536000, immutable)
//
// Any other path is 404. The page's script and stylesheet tags carry sha384
// Subresource Integrity hashes computed from the embedded bytes.
//
// gqlgen's page has no option for a default query, so the editor opens with
// GraphiQL's own default (or the user's last query). An example for this API:
//
//	{ skillsForStage(stage: "growth", first: 5) { skill { name } score why } }
package playground

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	gqlplayground "github.com/99designs/gqlgen/graphql/playground"
)

// AssetsPath is the URL path prefix under which the vendored assets are served.
const AssetsPath = "/playground/assets/"

// Vendored files, relative to assets/ (and to AssetsPath). Keep in step with
// vendor.sh.
const (
	graphiqlJS  = "graphiql@4.1.2/graphiql.min.js"
	graphiqlCSS = "graphiql@4.1.2/graphiql.min.css"
	reactJS     = "react@18.2.0/umd/react.production.min.js"
	reactDOMJS  = "react-dom@18.2.0/umd/react-dom.production.min.js"
)

//go:embed assets
var embedded embed.FS

type asset struct {
	data        []byte
	contentType string
	etag        string
	sri         string // "sha384-<base64>"
}

// assets maps a path relative to assets/ to its file; built once at init.
var assets = func() map[string]asset {
	m := map[string]asset{}
	err := fs.WalkDir(embedded, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		sum384 := sha512.Sum384(data)
		sum256 := sha256.Sum256(data)
		m[strings.TrimPrefix(p, "assets/")] = asset{
			data:        data,
			contentType: contentType(p),
			etag:        `"` + hex.EncodeToString(sum256[:16]) + `"`,
			sri:         "sha384-" + base64.StdEncoding.EncodeToString(sum384[:]),
		}
		return nil
	})
	if err != nil {
		panic("playground: reading embedded assets: " + err.Error())
	}
	for _, p := range []string{graphiqlJS, graphiqlCSS, reactJS, reactDOMJS} {
		if _, ok := m[p]; !ok {
			panic("playground: missing embedded asset " + p + " (run playground/vendor.sh)")
		}
	}
	return m
}()

// contentType is fixed per extension rather than taken from the mime package,
// which consults the host's mime.types and so varies between machines.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	default:
		return "text/plain; charset=utf-8"
	}
}

func assetURL(p string) string { return AssetsPath + p }

// Handler returns a handler serving the GraphiQL page at exactly "/", pointed
// at endpoint (e.g. "/query") and titled title, and the vendored assets under
// AssetsPath. Every other path is 404; methods other than GET and HEAD are
// 405. Mount it at "/" next to the GraphQL endpoint, e.g.
//
//	mux.Handle("/", playground.Handler("skillgraph", "/query"))
//	mux.Handle("/query", srv)
func Handler(title, endpoint string) http.Handler {
	page := gqlplayground.Handler(title, endpoint,
		gqlplayground.WithGraphiqlVersion(
			assetURL(graphiqlJS), assetURL(graphiqlCSS),
			assets[graphiqlJS].sri, assets[graphiqlCSS].sri,
		),
		gqlplayground.WithGraphiqlReactVersion(
			assetURL(reactJS), assetURL(reactDOMJS),
			assets[reactJS].sri, assets[reactDOMJS].sri,
		),
	)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a asset
		isPage := r.URL.Path == "/"
		if !isPage {
			rel, ok := strings.CutPrefix(r.URL.Path, AssetsPath)
			if ok {
				a, ok = assets[rel]
			}
			if !ok {
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
		h.Set("X-Content-Type-Options", "nosniff")
		if isPage {
			h.Set("Cache-Control", "no-cache")
			page.ServeHTTP(w, r)
			return
		}
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
	})
}
