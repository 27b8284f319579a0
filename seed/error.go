package seed

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"skillgraph/kb"
)

// Problem is one mistake in the seed files, at the place a person would fix
// it.
type Problem struct {
	File      string // path relative to the root of the seed tree, e.g. "data/stages/growth.yaml"
	Line, Col int    // 1-based; 0 when the problem is about the file as a whole
	Message   string
}

// String renders the problem as "file:line:col: message", the form editors
// and terminals turn into a link.
func (p Problem) String() string {
	switch {
	case p.File == "":
		return p.Message
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
}

// Error lists every problem found in the seed files, sorted by file, line and
// column, so one run shows everything to fix. Its kb error code is EINVALID.
type Error struct {
	Problems []Problem
}

func newError(problems []Problem) *Error {
	sorted := slices.Clone(problems)
	slices.SortStableFunc(sorted, compareProblems)
	return &Error{Problems: sorted}
}

func compareProblems(a, b Problem) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// Error returns the problems one per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets kb.ErrorCode see EINVALID: broken seed data is bad input, not an
// internal failure.
func (e *Error) Unwrap() error {
	if len(e.Problems) == 0 {
		return kb.Errorf(kb.EINVALID, "invalid seed data")
	}
	return kb.Errorf(kb.EINVALID, "%d problem(s) in the seed data; first: %s", len(e.Problems), e.Problems[0])
}
