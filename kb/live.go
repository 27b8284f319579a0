package kb

import "sync/atomic"

// Live holds the Graph being served. Readers take one Graph per request and
// use it throughout, so a request never sees half of a change; a write
// builds a new Graph and swaps it in.
type Live struct {
	p atomic.Pointer[Graph]
}

// NewLive returns a Live serving g.
func NewLive(g *Graph) *Live {
	l := &Live{}
	l.Store(g)
	return l
}

// Load returns the Graph being served.
func (l *Live) Load() *Graph { return l.p.Load() }

// Store makes g the Graph being served.
func (l *Live) Store(g *Graph) { l.p.Store(g) }
