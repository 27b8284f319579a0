package main

import (
	"slices"
	"testing"
)

// Fields front-ends asked for: typo-tolerant suggestions, what each typed
// name became, and the traits behind a score.
func TestFrontEndHelpers(t *testing.T) {
	s := startServer(t)
	var got struct {
		Typo   []struct{ Slug string } `json:"typo"`
		Prefix []struct{ Slug string } `json:"prefix"`
		Gap    struct {
			Resolved []struct {
				Name  string
				Skill *struct{ Slug string }
			}
		}
		Ranked []struct {
			Skill        struct{ Slug string }
			EmphasizedBy []struct{ ID string }
		}
	}
	s.data(`{
		typo: suggestSkills(text: "Kafak") { slug }
		prefix: suggestSkills(text: "kube", first: 3) { slug }
		gap: skillGap(stage: "growth", have: ["k8s", "Fortran"]) { resolved { name skill { slug } } }
		ranked: skillsForStage(stage: "growth", first: 2) { skill { slug } emphasizedBy { id } }
	}`, nil, &got)
	if len(got.Typo) == 0 || got.Typo[0].Slug != "kafka" {
		t.Errorf("suggestSkills(Kafak) = %+v, want kafka first", got.Typo)
	}
	if len(got.Prefix) == 0 || got.Prefix[0].Slug != "kubernetes" {
		t.Errorf("suggestSkills(kube) = %+v, want kubernetes first", got.Prefix)
	}
	r := got.Gap.Resolved
	if len(r) != 2 || r[0].Name != "k8s" || r[0].Skill == nil || r[0].Skill.Slug != "kubernetes" || r[1].Name != "Fortran" || r[1].Skill != nil {
		t.Errorf("resolved = %+v", r)
	}
	// Large-scale traffic is emphasized by line 27's posting signal.
	if len(got.Ranked) != 2 || got.Ranked[1].Skill.Slug != "large-scale-traffic" ||
		!slices.ContainsFunc(got.Ranked[1].EmphasizedBy, func(t struct{ ID string }) bool { return t.ID == "trait:growth-large-traffic" }) {
		t.Errorf("ranked = %+v", got.Ranked)
	}
}
