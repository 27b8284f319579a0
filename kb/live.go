package kb

import "sync/atomic"

// Live holds the Graph being served and the version of the data it was
// built from. Readers take one Graph per request and use it throughout, so
// a request never sees half of a change; a write builds a new Graph and
// swaps it in.
type Live struct {
	p atomic.Pointer[served]
}

type served struct {
	g       *Graph
	version int
}

// NewLive returns a Live serving g, built from data of version 0.
func NewLive(g *Graph) *Live {
	l := &Live{}
	l.Store(g, 0)
	return l
}

// Load returns the Graph being served, nil before the first Store.
func (l *Live) Load() *Graph {
	g, _ := l.Current()
	return g
}

// Current returns the Graph being served and its data's version (the
// change set it reflects).
func (l *Live) Current() (*Graph, int) {
	if s := l.p.Load(); s != nil {
		return s.g, s.version
	}
	return nil, 0
}

// Store makes g, built from data of the given version, the Graph served.
func (l *Live) Store(g *Graph, version int) { l.p.Store(&served{g: g, version: version}) }
