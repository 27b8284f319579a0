package db

import (
	"encoding/json"
	"fmt"

	"skillgraph/kb"
)

// ruleJSON is how a kb.SignalRule is stored: its own field names, so a
// renamed Go field never changes the stored data.
type ruleJSON struct {
	Cue      string   `json:"cue"`
	Sections []string `json:"sections,omitempty"`
	Terms    []string `json:"terms,omitempty"`
	Skills   []string `json:"skills,omitempty"`
	AtLeast  int      `json:"atLeast,omitempty"`
	Weight   float64  `json:"weight"`
	Max      float64  `json:"max,omitempty"`
}

// encodeRule renders a rule for the trait table; nil is "".
func encodeRule(r *kb.SignalRule) (string, error) {
	if r == nil {
		return "", nil
	}
	b, err := json.Marshal(ruleJSON{Cue: string(r.Cue), Sections: r.Sections, Terms: r.Terms, Skills: r.Skills,
		AtLeast: r.AtLeast, Weight: r.Weight, Max: r.Max})
	return string(b), err
}

// decodeRule reads what encodeRule wrote; "" is nil.
func decodeRule(s string) (*kb.SignalRule, error) {
	if s == "" {
		return nil, nil
	}
	var r ruleJSON
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("stored rule %q: %w", s, err)
	}
	return &kb.SignalRule{Cue: kb.Cue(r.Cue), Sections: r.Sections, Terms: r.Terms, Skills: r.Skills,
		AtLeast: r.AtLeast, Weight: r.Weight, Max: r.Max}, nil
}
