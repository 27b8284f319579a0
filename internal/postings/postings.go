// Package postings reads the labelled job postings under testdata/postings:
// realistic postings, Korean and English, each with the stage it reads as,
// the kinds of its sections and the technologies it names. Tests of the
// vocabulary and of posting analysis measure themselves against them.
//
// The dev set is for checking while building; the holdout set is written
// the same way and kept aside for an unbiased measurement.
package postings

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/goccy/go-yaml"
)

// Sets of postings.
const (
	Dev     = "dev"
	Holdout = "holdout"
)

// Posting is one labelled posting.
type Posting struct {
	File  string `yaml:"file"`
	Lang  string `yaml:"lang"`  // ko, en or mixed
	Stage string `yaml:"stage"` // growth, mature or between
	Why   string `yaml:"why"`
	// Sections lists the kinds of its sections in the order they first
	// appear: responsibility, required, preferred, other.
	Sections []string `yaml:"sections"`
	// Technologies are those the text names, each as first written.
	Technologies []string `yaml:"technologies"`
	// InRequirements are those named in responsibility, required and
	// preferred sections, as first written there.
	InRequirements []string `yaml:"technologies_in_requirements"`
	Text           string   `yaml:"-"`
}

// Dir is the directory of a set.
func Dir(set string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "postings", set)
}

// Load reads a set's labels and texts.
func Load(set string) ([]Posting, error) {
	dir := Dir(set)
	data, err := os.ReadFile(filepath.Join(dir, "labels.yaml"))
	if err != nil {
		return nil, fmt.Errorf("load postings %s: %w", set, err)
	}
	var ps []Posting
	if err := yaml.Unmarshal(data, &ps); err != nil {
		return nil, fmt.Errorf("load postings %s: labels.yaml: %w", set, err)
	}
	for i := range ps {
		text, err := os.ReadFile(filepath.Join(dir, ps[i].File))
		if err != nil {
			return nil, fmt.Errorf("load postings %s: %w", set, err)
		}
		ps[i].Text = string(text)
	}
	slices.SortFunc(ps, func(a, b Posting) int {
		if a.File < b.File {
			return -1
		}
		return 1
	})
	return ps, nil
}
