package kb_test

import (
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

func reqSlugs(reqs []*kb.Requirement) []string {
	out := []string{}
	for _, r := range reqs {
		out = append(out, r.Slug)
	}
	return out
}

func TestGap(t *testing.T) {
	g := mustGraph(t, fixture())
	// growth weights: g-lang required 3, g-iac preferred 1, g-viz preferred 1: total 5.
	// mature weights: m-pipe 3, m-dist 3, m-ops 2: total 8.
	tests := []struct {
		name      string
		stage     string
		have      []string
		coverage  float64
		satisfied []string
		unknown   []string
		missing   []scored
	}{
		{name: "nothing", stage: "growth", coverage: 0, satisfied: []string{},
			missing: []scored{{"python", 0.6}, {"go", 0.6}, {"tableau", 0.2}, {"aws", 0.1}, {"iac", 0.1}}},
		{name: "any one language will do", stage: "growth", have: []string{"golang"}, coverage: 0.6,
			satisfied: []string{"g-lang"}, missing: []scored{{"tableau", 0.2}, {"aws", 0.1}, {"iac", 0.1}}},
		{name: "a skill of the such-as group will do", stage: "growth", have: []string{"Rust"}, coverage: 0.6,
			satisfied: []string{"g-lang"}, missing: []scored{{"tableau", 0.2}, {"aws", 0.1}, {"iac", 0.1}}},
		{name: "one of two choices leaves the other to learn", stage: "growth", have: []string{"go", "aws"}, coverage: 0.6,
			satisfied: []string{"g-lang"}, missing: []scored{{"tableau", 0.2}, {"iac", 0.2}}},
		{name: "the group meets its member's choice", stage: "growth", have: []string{"go", "cloud", "laC"}, coverage: 0.8,
			satisfied: []string{"g-lang", "g-iac"}, missing: []scored{{"tableau", 0.2}}},
		{name: "unknown names are reported, not fatal", stage: "growth", have: []string{"go", "COBOL", "COBOL", ""}, coverage: 0.6,
			satisfied: []string{"g-lang"}, unknown: []string{"COBOL", ""}, missing: []scored{{"tableau", 0.2}, {"aws", 0.1}, {"iac", 0.1}}},
		{name: "widening: one strength is enough", stage: "mature", have: []string{"ingestion"}, coverage: 0.375,
			satisfied: []string{"m-pipe"}, missing: []scored{{"hadoop", 0.375}, {"kafka", 0.375}, {"python", 0.25}}},
		{name: "narrower skill meets the named one", stage: "mature", have: []string{"Hadoop MR", "python"}, coverage: 0.625,
			satisfied: []string{"m-dist", "m-ops"}, missing: []scored{{"ingestion", 0.375}, {"processing", 0.375}}},
		{name: "everything", stage: "mature", have: []string{"processing", "kafka", "python"}, coverage: 1,
			satisfied: []string{"m-pipe", "m-dist", "m-ops"}, missing: []scored{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gap, err := g.Gap(tt.stage, tt.have)
			if err != nil {
				t.Fatal(err)
			}
			if gap.Coverage != tt.coverage {
				t.Errorf("coverage = %v, want %v", gap.Coverage, tt.coverage)
			}
			if got := reqSlugs(gap.Satisfied); !slices.Equal(got, tt.satisfied) {
				t.Errorf("satisfied = %v, want %v", got, tt.satisfied)
			}
			if len(gap.Satisfied)+len(gap.Unsatisfied) != len(g.StageRequirements(tt.stage, "")) {
				t.Errorf("satisfied + unsatisfied do not add up to the stage's requirements")
			}
			if !slices.Equal(gap.Unknown, tt.unknown) {
				t.Errorf("unknown = %q, want %q", gap.Unknown, tt.unknown)
			}
			if got := scores(gap.Missing); !slices.Equal(got, tt.missing) && !(len(got) == 0 && len(tt.missing) == 0) {
				t.Errorf("missing = %v, want %v", got, tt.missing)
			}
		})
	}
}

func TestGapMissingSaysWhy(t *testing.T) {
	g := mustGraph(t, fixture())
	gapOf := func(stage string, have []string) *kb.Gap {
		t.Helper()
		gap, err := g.Gap(stage, have)
		if err != nil {
			t.Fatalf("Gap(%s, %v): %v", stage, have, err)
		}
		return gap
	}
	gap := gapOf("growth", []string{"go", "aws"})
	iac := gap.Missing[1]
	want := `Preferred, line 3: completes “IaC on a cloud such as AWS”: +20% coverage`
	if got := iac.Why(kb.English); len(got) != 1 || got[0] != want {
		t.Errorf("why(iac) = %q, want %q", got, want)
	}
	gap = gapOf("mature", []string{"kafka", "python"})
	want = `Required, line 21: completes “Ingestion and processing”: +37.5% coverage (line 24: any one of these is enough)`
	if got := gap.Missing[0].Why(kb.English); len(got) != 1 || got[0] != want {
		t.Errorf("why(ingestion) = %q, want %q", got, want)
	}
	gap = gapOf("growth", nil)
	if got := gap.Missing[3].Why(kb.English)[0]; !strings.Contains(got, "fills 1 of 2 open needs") {
		t.Errorf("why(aws) with nothing known = %q", got)
	}
}

// TestGapSteps groups what to learn next by choice: one step for "Python or
// Go", not two, and alternatives near what someone has come first.
func TestGapSteps(t *testing.T) {
	g := mustGraph(t, fixture())
	gap, err := g.Gap("growth", nil)
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		anyOf string
		gain  float64
	}
	var got []step
	for _, s := range gap.Steps(0) {
		var names []string
		for _, sk := range s.AnyOf {
			names = append(names, sk.Slug)
		}
		got = append(got, step{strings.Join(names, "|"), s.Gain})
	}
	want := []step{{"python|go", 0.6}, {"tableau", 0.2}, {"aws", 0.1}, {"iac", 0.1}}
	if !slices.Equal(got, want) {
		t.Errorf("steps = %v, want %v", got, want)
	}
	if why := gap.Steps(1)[0].Why(kb.English); len(why) != 1 || !strings.Contains(why[0], "line 2") {
		t.Errorf("the first step's why = %q", why)
	}
	if n := len(gap.Steps(2)); n != 2 {
		t.Errorf("Steps(2) has %d steps", n)
	}

	// A step's alternatives: the one related to a skill someone has first.
	ds := fixture()
	for i := range ds.Skills {
		if ds.Skills[i].Slug == "kafka" {
			ds.Skills[i].Related = []string{"python"}
		}
	}
	gap, err = mustGraph(t, ds).Gap("mature", []string{"python"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range gap.Steps(0) {
		if slices.ContainsFunc(s.AnyOf, func(sk *kb.Skill) bool { return sk.Slug == "kafka" }) {
			found = true
			if len(s.AnyOf) != 2 || s.AnyOf[0].Slug != "kafka" || s.AnyOf[1].Slug != "hadoop" {
				t.Errorf("the distributed-systems step is %v: want Kafka, related to Python, then Hadoop", s.AnyOf)
			}
		}
	}
	if !found {
		t.Error("no step names Kafka")
	}
}
