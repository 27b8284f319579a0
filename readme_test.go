package main

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"testing"
)

// readmeExample is a ```graphql block followed by the ```json block that
// shows its answer.
var readmeExample = regexp.MustCompile("(?s)```graphql\n(.*?)```\\s*```json\n(.*?)```")

// TestReadmeExamples runs every query the README shows and checks the answer
// it prints, so the documented answers stay real.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExample.FindAllStringSubmatch(string(readme), -1)
	if len(examples) < 3 {
		t.Fatalf("README shows %d query/answer pairs, want at least 3", len(examples))
	}
	s := startServer(t)
	for _, ex := range examples {
		query, answer := ex[1], ex[2]
		var want any
		if err := json.Unmarshal([]byte(answer), &want); err != nil {
			t.Fatalf("README answer is not JSON: %v\n%s", err, answer)
		}
		resp := s.query(query, nil)
		got := map[string]any{"data": decode(t, resp.Data)}
		if len(resp.Errors) > 0 {
			t.Errorf("query %s failed: %+v", query, resp.Errors)
		}
		if !reflect.DeepEqual(got, want) {
			pretty, _ := json.MarshalIndent(got, "", "  ")
			t.Errorf("README answer is out of date for\n%s\nthe server says:\n%s", query, pretty)
		}
	}
}

func decode(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
