// Package playground serves the GraphiQL playground fully offline, opening
// with the README's three questions as ready tabs.
//
// gqlgen's playground.Handler loads GraphiQL, React and ReactDOM from a CDN,
// which many networks cannot reach, and its page has inline scripts and no
// way to open a given document. This package embeds exactly the files gqlgen's
// default page loads (graphiql 4.1.2, react 18.2.0, react-dom 18.2.0, the UMD
// production builds, with each package's LICENSE) under
// assets/<package>@<version>/, and serves its own small page around them:
// page/index.html, which loads them, and page/playground.js, which renders
// GraphiQL with the questions (Questions) as its default tabs, opens the
// document an address names (/?query=…&variables=…, or the same after #),
// writes the questions' comments in Korean with lang=ko, and points the
// fetcher at the endpoint. gqlgen's explorer plugin is off by default and is
// not vendored.
//
// The assets were vendored from the npm registry by vendor.sh in this
// directory; re-run `bash playground/vendor.sh` to reproduce them exactly (it
// checks each file against the hash gqlgen pins for its CDN copy).
//
// Routes served by Handler:
//
//	GET /                        the page (Cache-Control: no-cache, a strict
//	                             Content-Security-Policy with a fresh style nonce)
//	GET /playground/assets/...   the vendored files, whose paths carry their
//	                             version (Cache-Control: public, max-age=31536000, immutable)
//	GET /playground/v/<version>/playground.js, playground.css
//	                             the page's own files, <version> a hash of both (immutable too)
//
// Any other path is 404. Every script and stylesheet tag of the page carries a
// sha384 Subresource Integrity hash computed from the embedded bytes; the
// page has no inline script and no inline style, and its policy allows
// scripts, styles and requests only from its own origin (the one style
// GraphiQL inserts, for scroll locking under a dialog, carries the nonce).
// Package internal/static does the serving, as for the explorer.
package playground

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"

	"skillgraph/internal/static"
)

// AssetsPath is the URL path prefix under which the vendored assets are served.
const AssetsPath = "/playground/assets/"

// PagePath is the URL path prefix of the page's own files:
// PagePath + Version() + "/playground.js".
const PagePath = "/playground/v/"

// Vendored files, relative to assets/ (and to AssetsPath). Keep in step with
// vendor.sh.
const (
	graphiqlJS  = "graphiql@4.1.2/graphiql.min.js"
	graphiqlCSS = "graphiql@4.1.2/graphiql.min.css"
	reactJS     = "react@18.2.0/umd/react.production.min.js"
	reactDOMJS  = "react-dom@18.2.0/umd/react-dom.production.min.js"
)

// The page's own files, relative to page/ (and to PagePath + version).
const (
	pageJS  = "playground.js"
	pageCSS = "playground.css"
)

//go:embed assets
var embedded embed.FS

//go:embed page
var pageFS embed.FS

// assets are the vendored files, by path relative to assets/; read once.
var assets = func() static.Files {
	m, err := static.Read(embedded, "assets")
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

// pageFiles are the page's own script and stylesheet, and version their
// Version, the <version> of their URLs.
var pageFiles, version = func() (static.Files, string) {
	all, err := static.Read(pageFS, "page")
	if err != nil {
		panic("playground: reading embedded page: " + err.Error())
	}
	m := static.Files{}
	for _, n := range []string{pageJS, pageCSS} {
		f, ok := all[n]
		if !ok {
			panic("playground: missing page/" + n)
		}
		m[n] = f
	}
	return m, m.Version()
}()

var pageTemplate = template.Must(template.ParseFS(pageFS, "page/index.html"))

// contentSecurityPolicy allows the page only its own scripts, styles, fonts
// and images (GraphiQL's are data: URLs in its stylesheet), requests only to
// its own origin (the API), and inline styles only with the page's nonce.
func contentSecurityPolicy(nonce string) string {
	return "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "'; " +
		"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// Tabs are the questions' documents in every language the page speaks, as
// the page opens them.
func Tabs() map[string][]string {
	tabs := map[string][]string{}
	for _, lang := range []string{"en", "ko"} {
		for _, q := range Questions {
			tabs[lang] = append(tabs[lang], q.Document(lang))
		}
	}
	return tabs
}

type ref struct{ URL, SRI string }

func vendored(p string) ref { return ref{AssetsPath + p, assets[p].SRI} }
func own(p string) ref      { return ref{PagePath + version + "/" + p, pageFiles[p].SRI} }

// page renders the page for one response, with its nonce.
func page(title, endpoint, nonce string) ([]byte, error) {
	var b bytes.Buffer
	err := pageTemplate.Execute(&b, struct {
		Title, Endpoint, Nonce                   string
		React, ReactDOM, GraphiQLJS, GraphiQLCSS ref
		PageJS, PageCSS                          ref
		Config                                   any
	}{
		Title: title, Endpoint: endpoint, Nonce: nonce,
		React: vendored(reactJS), ReactDOM: vendored(reactDOMJS),
		GraphiQLJS: vendored(graphiqlJS), GraphiQLCSS: vendored(graphiqlCSS),
		PageJS: own(pageJS), PageCSS: own(pageCSS),
		Config: struct {
			Endpoint string              `json:"endpoint"`
			Tabs     map[string][]string `json:"tabs"`
		}{endpoint, Tabs()},
	})
	return b.Bytes(), err
}

// Handler returns a handler serving the playground page at exactly "/",
// pointed at endpoint (e.g. "/query") and titled title, the vendored assets
// under AssetsPath and the page's own files under PagePath. Every other path
// is 404; methods other than GET and HEAD are 405. Mount it at "/" next to
// the GraphQL endpoint, e.g.
//
//	mux.Handle("/", playground.Handler("skillgraph", "/query"))
//	mux.Handle("/query", srv)
func Handler(title, endpoint string) http.Handler {
	if _, err := page(title, endpoint, "n"); err != nil {
		panic("playground: " + err.Error()) // the template and its data are fixed at build time
	}
	ownPrefix := PagePath + version + "/"
	vendoredFiles, ownFiles := assets.Handler(AssetsPath), pageFiles.Handler(ownPrefix)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/":
			nonce := newNonce()
			body, err := page(title, endpoint, nonce)
			if err != nil {
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				return
			}
			static.Page{Body: body, CSP: contentSecurityPolicy(nonce)}.ServeHTTP(w, r)
		case strings.HasPrefix(p, AssetsPath):
			vendoredFiles.ServeHTTP(w, r)
		case strings.HasPrefix(p, ownPrefix):
			ownFiles.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// newNonce is 128 random bits, base64: a CSP nonce for one response.
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return base64.StdEncoding.EncodeToString(b)
}
