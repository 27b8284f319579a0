package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"sync"

	"skillgraph/kb"
	"skillgraph/ops"
)

// responseCache answers a read-only query the way it answered the same
// request before, as long as the knowledge base it answered from is still
// the one served. The data changes only when the served kb.Graph does (an
// edit, a seed apply), and every answer of a query is a function of the
// request and the graph (search reads SQLite, whose texts change in the same
// transactions as the graph), so an answer stays right until the graph is
// swapped, and the cache empties itself then.
//
// It caches only what is safe to replay to anyone: answers 200 without
// errors (errors carry the request's ID) to POST or GET requests without an
// Authorization header whose operation is a query, as the transport reports
// it through the request's exchange. Mutations, subscriptions, and anything
// the transport refused pass through. The key is the method, the body
// (POST) or query string (GET), and the Accept and Content-Type headers,
// which decide the answer's form. It reads a POST body once, for the key,
// and hands it on to the transport.
//
// Its memory is bounded by MaxBytes: entries live in two generations, the
// current one and the one before; a hit in the old one moves the entry to
// the current one, and when the current one fills half the budget the old
// one is dropped. Frequently asked answers stay, the rest age out.
//
// It goes inside the body limit and the request ID (ops.Identify) and
// around the rest of the GraphQL handler:
//
//	ops.Identify(limitBody(newResponseCache(r.Live, DefaultResponseCacheBytes).Wrap(withDeadline(…)), …))
type responseCache struct {
	live     *kb.Live
	maxBytes int64

	mu       sync.RWMutex
	graph    *kb.Graph // the graph the entries were answered from
	current  map[string]*cachedAnswer
	previous map[string]*cachedAnswer
	size     int64 // bytes of current
}

// DefaultResponseCacheBytes is a budget that holds thousands of explorer
// answers at the seed's size and hundreds at a hundred thousand
// requirements.
const DefaultResponseCacheBytes = 32 << 20

// maxCachedAnswer is the largest answer kept: larger ones are rare, and one
// would take a large share of the budget.
const maxCachedAnswer = 4 << 20

type cachedAnswer struct {
	key       string
	header    http.Header // what the handler set, not what outer layers did
	body      []byte
	operation string // for the log line and metrics of a hit
}

func (a *cachedAnswer) bytes() int64 { return int64(len(a.key) + len(a.body) + 256) }

// newResponseCache returns a cache of at most maxBytes of answers, valid
// while live serves the graph they were answered from.
func newResponseCache(live *kb.Live, maxBytes int64) *responseCache {
	return &responseCache{live: live, maxBytes: maxBytes,
		current: map[string]*cachedAnswer{}, previous: map[string]*cachedAnswer{}}
}

// Wrap returns next with the cache in front of it.
func (c *responseCache) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodPost && r.Method != http.MethodGet) || r.Header.Get("Authorization") != "" {
			next.ServeHTTP(w, r)
			return
		}
		x := &exchange{}
		if r.Method == http.MethodPost {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				// Let the handler meet the same error (too large, cut off).
				r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
				next.ServeHTTP(w, r)
				return
			}
			x.body, x.hasBody = body, true
		}
		key := cacheKey(r, x.body)
		g := c.live.Load()
		if a := c.lookup(g, key); a != nil {
			ops.SetOperation(r.Context(), a.operation)
			for k, v := range a.header {
				w.Header()[k] = v
			}
			w.WriteHeader(http.StatusOK)
			w.Write(a.body)
			return
		}
		rec := &answerRecorder{ResponseWriter: w, header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(withExchange(r.Context(), x)))
		rec.flushHeader()
		// The transport says what the request ran and how it went: a
		// query's answer without errors is replayed.
		if operation, ok := x.replayable(); ok && rec.status == http.StatusOK && !rec.tooLarge && rec.body.Len() > 0 {
			c.store(g, &cachedAnswer{key: key, header: rec.header, body: rec.body.Bytes(), operation: operation})
		}
	})
}

func cacheKey(r *http.Request, body []byte) string {
	var b bytes.Buffer
	b.WriteString(r.Method)
	b.WriteByte(0)
	b.WriteString(r.Header.Get("Accept"))
	b.WriteByte(0)
	b.WriteString(r.Header.Get("Content-Type"))
	b.WriteByte(0)
	if r.Method == http.MethodGet {
		b.WriteString(r.URL.RawQuery)
	} else {
		b.Write(body)
	}
	return b.String()
}

// lookup finds an answer from graph g, emptying the cache when g is not
// the graph its entries came from.
func (c *responseCache) lookup(g *kb.Graph, key string) *cachedAnswer {
	c.mu.RLock()
	if c.graph != g {
		c.mu.RUnlock()
		c.reset(g)
		return nil
	}
	a := c.current[key]
	old := a == nil && c.previous[key] != nil
	c.mu.RUnlock()
	if a != nil || !old {
		return a
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a = c.previous[key]; a != nil && c.graph == g {
		delete(c.previous, key)
		c.add(a)
	}
	return a
}

func (c *responseCache) reset(g *kb.Graph) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.graph != g {
		c.graph, c.current, c.previous, c.size = g, map[string]*cachedAnswer{}, map[string]*cachedAnswer{}, 0
	}
}

func (c *responseCache) store(g *kb.Graph, a *cachedAnswer) {
	if int64(len(a.body)) > maxCachedAnswer || a.bytes() > c.maxBytes/2 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.graph != g || c.current[a.key] != nil {
		return // the data changed meanwhile, or another request stored it
	}
	c.add(a)
}

// add puts a in the current generation, which becomes the old one when
// full. c.mu is held.
func (c *responseCache) add(a *cachedAnswer) {
	if c.size+a.bytes() > c.maxBytes/2 {
		c.previous, c.current, c.size = c.current, map[string]*cachedAnswer{}, 0
	}
	c.current[a.key] = a
	c.size += a.bytes()
}

// answerRecorder passes an answer through and keeps a copy of it. The
// handler's headers go to their own map, so that the copy holds what the
// handler set and not what outer layers did (the request ID).
type answerRecorder struct {
	http.ResponseWriter
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
	tooLarge    bool
}

func (r *answerRecorder) Header() http.Header { return r.header }

func (r *answerRecorder) WriteHeader(status int) {
	if r.wroteHeader {
		return
	}
	r.wroteHeader, r.status = true, status
	for k, v := range r.header {
		r.ResponseWriter.Header()[k] = v
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *answerRecorder) flushHeader() {
	if !r.wroteHeader {
		r.WriteHeader(http.StatusOK)
	}
}

func (r *answerRecorder) Write(p []byte) (int, error) {
	r.flushHeader()
	if !r.tooLarge {
		if r.body.Len()+len(p) > maxCachedAnswer {
			r.tooLarge = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(p)
		}
	}
	return r.ResponseWriter.Write(p)
}

// Flush sends what was written so far, when the connection can.
func (r *answerRecorder) Flush() {
	r.flushHeader()
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *answerRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
