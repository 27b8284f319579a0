// Package static serves the files of the web pages built into the binary
// (the explorer's, the playground's): each file under a URL that changes
// with its content, so browsers keep it for a year (immutable); a fixed
// content type per extension, a strong ETag and a Subresource Integrity
// hash for each; and the page itself revalidated on every load, with its
// Content-Security-Policy.
package static

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// Cache-Control values.
const (
	// Immutable is for a file whose URL changes with its content.
	Immutable = "public, max-age=31536000, immutable"
	// Revalidate is for a page, whose URL stays: a browser asks again
	// each time (cheaply, with If-None-Match when it has an ETag).
	Revalidate = "no-cache"
	// NoStore is for what no cache may keep: a miss (which a new version
	// would turn into a hit), or a file read from disk while developing.
	NoStore = "no-store"
)

// File is one file as served.
type File struct {
	Data        []byte
	ContentType string
	ETag        string // a strong validator, quoted: a hash of Data
	SRI         string // "sha384-<base64>", for an integrity attribute
}

// NewFile is the file name (its extension chooses the content type)
// holding data.
func NewFile(name string, data []byte) File {
	sum256 := sha256.Sum256(data)
	sum384 := sha512.Sum384(data)
	return File{
		Data:        data,
		ContentType: ContentType(name),
		ETag:        `"` + hex.EncodeToString(sum256[:16]) + `"`,
		SRI:         "sha384-" + base64.StdEncoding.EncodeToString(sum384[:]),
	}
}

// ContentType is fixed per extension rather than taken from the mime
// package, which consults the host's mime.types and so varies between
// machines (a module served as text/plain does not run). A file without
// an extension (a LICENSE) is plain text.
func ContentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".html":
		return "text/html; charset=utf-8"
	case "":
		return "text/plain; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

// Files are files by their slash-separated path.
type Files map[string]File

// Read reads every file under dir of fsys, by its path relative to dir.
func Read(fsys fs.FS, dir string) (Files, error) {
	files := Files{}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, dir+"/")
		files[name] = NewFile(name, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// Names are the files' names, sorted.
func (files Files) Names() []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Version is a hash of the files' names and contents, 12 hex digits: the
// part of their URLs that changes whenever any of them does, so a cached
// copy can never go stale and files that refer to one another by relative
// paths all load from the same version.
func (files Files) Version() string {
	h := sha256.New()
	for _, n := range files.Names() {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n].Data)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Handler serves the files under the URL path prefix (which ends in a
// slash and should hold their Version): GET and HEAD of prefix + name
// answer files[name], with Cache-Control: Immutable. Any other path is
// NotFound; other methods are 405.
func (files Files) Handler(prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		f, found := files[name]
		if !ok || !found {
			NotFound(w, r)
			return
		}
		Serve(w, r, f, Immutable)
	})
}

// NotFound answers 404 with Cache-Control: NoStore, so that no cache keeps
// the miss of a file (one under an old version, say).
func NotFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", NoStore)
	http.NotFound(w, r)
}

// Serve answers a GET or HEAD request with f and cacheControl, and any
// other method with 405.
func Serve(w http.ResponseWriter, r *http.Request, f File, cacheControl string) {
	if !allowed(w, r) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", f.ETag)
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.Data))
}

// Page is an HTML page as served: revalidated on every load, under a
// Content-Security-Policy, sending no Referer to other origins.
type Page struct {
	Body []byte
	// CSP is its Content-Security-Policy.
	CSP string
	// ETag, when set, lets a browser revalidate it with If-None-Match;
	// a page that differs in every response (a nonce) has none.
	ETag string
	// CacheControl is Revalidate unless set.
	CacheControl string
}

// NewPage is the page body, with an ETag of its content, under csp.
func NewPage(body []byte, csp string) Page {
	return Page{Body: body, CSP: csp, ETag: NewFile("index.html", body).ETag}
}

// ServeHTTP answers a GET or HEAD request with the page, and any other
// method with 405.
func (p Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if p.ETag != "" {
		h.Set("ETag", p.ETag)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cmp.Or(p.CacheControl, Revalidate))
	h.Set("Content-Security-Policy", p.CSP)
	h.Set("Referrer-Policy", "same-origin")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(p.Body))
}

// allowed reports whether r is a GET or HEAD, and answers 405 when not.
func allowed(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	return false
}
