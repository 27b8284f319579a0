package httpapi

import (
	"fmt"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound what one request may ask for. A request over any of them is
// refused with an error that names the limit, before any resolver runs:
// the checks cost a walk over the document and the variables, nothing more.
type Limits struct {
	// MaxBodyBytes caps a POST body; a larger one is answered 413.
	MaxBodyBytes int64
	// MaxTokens caps the GraphQL document's lexical tokens (names,
	// punctuation, values), so no parser or validator works on a huge
	// document.
	MaxTokens int
	// MaxDepth caps the nesting of fields, fragments expanded. Introspection
	// (__schema, __type) is exempt: gqlparser bounds its depth itself.
	MaxDepth int
	// MaxComplexity caps the estimated cost: every field costs 1, and a
	// list multiplies the cost of what is selected in it by its `first`
	// argument or, without one, by the longest such list in the data.
	MaxComplexity int
	// MaxAliases caps the fields given an alias, fragments expanded.
	MaxAliases int
	// MaxRootFields caps the fields selected at the top of the operation.
	MaxRootFields int
	// MaxStringLength caps each string argument or variable, in characters,
	// but a posting's text (longText).
	MaxStringLength int
	// MaxListLength caps each list argument or variable, in items.
	MaxListLength int
	// RequestTimeout is the deadline of a whole request; past it the client
	// gets a TIMEOUT error.
	RequestTimeout time.Duration
}

// DefaultLimits are generous for every query the explorer, the README and
// the playground send, and tight enough that no single request can keep
// the server busy.
func DefaultLimits() Limits {
	return Limits{
		MaxBodyBytes:    1 << 20,
		MaxTokens:       5000,
		MaxDepth:        10,
		MaxComplexity:   10000,
		MaxAliases:      30,
		MaxRootFields:   20,
		MaxStringLength: 2000,
		MaxListLength:   100,
		RequestTimeout:  10 * time.Second,
	}
}

// Validate reports a limit that is not positive (MaxAliases may be 0: no
// aliases at all).
func (l Limits) Validate() error {
	if l.MaxAliases < 0 {
		return fmt.Errorf("limit max aliases must not be negative")
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"max body bytes", l.MaxBodyBytes > 0},
		{"max tokens", l.MaxTokens > 0},
		{"max depth", l.MaxDepth > 0},
		{"max complexity", l.MaxComplexity > 0},
		{"max root fields", l.MaxRootFields > 0},
		{"max string length", l.MaxStringLength > 0},
		{"max list length", l.MaxListLength > 0},
		{"request timeout", l.RequestTimeout > 0},
	} {
		if !c.ok {
			return fmt.Errorf("limit %s must be positive", c.name)
		}
	}
	return nil
}

// Names of the limits, in the extensions.limit of a refusal.
const (
	limitTokens     = "tokens"
	limitName       = "nameLength"
	limitDepth      = "depth"
	limitComplexity = "complexity"
	limitAliases    = "aliases"
	limitRootFields = "rootFields"
	limitString     = "stringLength"
	limitList       = "listLength"
	limitFirst      = "first"
)

// refusal is the error a limit answers with: its code, the limit's name and
// its value in extensions, and a message saying what was over.
func refusal(code, limit string, max int, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": code, "limit": limit, "max": max},
	}
}
