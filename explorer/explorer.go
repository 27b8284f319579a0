// Package explorer serves the career explorer: a web page, built only on the
// public GraphQL API, that answers "what should I learn, and for which
// company?". Its assets are embedded; no build step is needed to run it.
package explorer

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var static embed.FS

// Handler serves the explorer under prefix (e.g. "/explore/").
func Handler(prefix string) http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return http.StripPrefix(prefix, http.FileServerFS(sub))
}
