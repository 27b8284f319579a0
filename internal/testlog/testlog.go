// Package testlog gives tests a log destination that the code under test
// may write to from many goroutines at once (an HTTP server's handlers, a
// reload watcher) while the test reads it.
package testlog

import (
	"bytes"
	"sync"
)

// Buffer collects what is written to it. Its zero value is ready to use,
// and it is safe for concurrent use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
