package main

import (
	"cmp"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const adminToken = "test-admin-token"

var admin = map[string]string{"Authorization": "Bearer " + adminToken, "X-Author": "ana"}

// mutate runs an admin mutation that must succeed.
func (s *testServer) mutate(query string, vars map[string]any, v any) {
	s.t.Helper()
	resp := s.queryWith(admin, query, vars)
	if len(resp.Errors) > 0 {
		s.t.Fatalf("mutation failed: %+v", resp.Errors)
	}
	if v != nil {
		if err := json.Unmarshal(resp.Data, v); err != nil {
			s.t.Fatal(err)
		}
	}
}

func (s *testServer) seedVersion() int {
	s.t.Helper()
	var got struct{ SeedVersion int }
	s.data(`{ seedVersion }`, nil, &got)
	return got.SeedVersion
}

// acme is a made-up tool, so no version of the vocabulary has it already.
const addAcme = `mutation { upsertSkill(message: "Acme is common in postings", input: {
	slug: "acme-etl", category: "data-engineering", reference: "https://acme-etl.example.com/",
	name: [{lang: EN, value: "Acme ETL"}, {lang: KO, value: "애크미 ETL"}, {lang: JA, value: "アクメETL"}],
	aliases: ["acme data loader"], broader: ["data-processing"] }) {
	skill { id name(lang: JA) aliases } changeSet { version author message items { op node field new } } } }`

// TestMutationAddsASkillEndToEnd adds a skill with an alias through a
// mutation and finds it through skill(name:), search and skillGap.
func TestMutationAddsASkillEndToEnd(t *testing.T) {
	s := startServer(t, withAdminToken(adminToken))
	if v := s.seedVersion(); v != 1 {
		t.Fatalf("seedVersion after the first start = %d, want 1", v)
	}
	var added struct {
		UpsertSkill struct {
			Skill struct {
				ID, Name string
				Aliases  []string
			}
			ChangeSet struct {
				Version         int
				Author, Message string
				Items           []struct{ Op, Node, Field, New string }
			}
		}
	}
	s.mutate(addAcme, nil, &added)
	p := added.UpsertSkill
	if p.Skill.ID != "skill:acme-etl" || p.Skill.Name != "アクメETL" || !slices.Equal(p.Skill.Aliases, []string{"acme data loader"}) {
		t.Errorf("skill = %+v", p.Skill)
	}
	if p.ChangeSet.Version != 2 || p.ChangeSet.Author != "ana" || p.ChangeSet.Message != "Acme is common in postings" ||
		len(p.ChangeSet.Items) == 0 || p.ChangeSet.Items[0].Op != "ADD" || p.ChangeSet.Items[0].Node != "skill:acme-etl" {
		t.Errorf("change set = %+v", p.ChangeSet)
	}

	var found struct {
		Skill  struct{ Slug string }
		Search []struct{ Node struct{ ID string } }
		Gap    struct {
			Known   []struct{ Slug string }
			Unknown []string
		}
	}
	s.data(`{ skill(name: "Acme Data Loader") { slug }
		search(text: "acme") { node { id } }
		gap: skillGap(stage: "mature", have: ["acme-data-loader"]) { known { slug } unknown } }`, nil, &found)
	if found.Skill.Slug != "acme-etl" {
		t.Errorf("skill(name:) found %q", found.Skill.Slug)
	}
	if len(found.Search) == 0 || found.Search[0].Node.ID != "skill:acme-etl" {
		t.Errorf("search(acme) = %+v", found.Search)
	}
	if len(found.Gap.Known) != 1 || found.Gap.Known[0].Slug != "acme-etl" || len(found.Gap.Unknown) != 0 {
		t.Errorf("skillGap known = %+v, unknown = %v", found.Gap.Known, found.Gap.Unknown)
	}

	var log struct {
		Changes struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Version int
					Author  string
				}
			}
		}
	}
	s.data(`{ changes(first: 5) { totalCount edges { node { version author } } } }`, nil, &log)
	if log.Changes.TotalCount != 2 || len(log.Changes.Edges) != 2 || log.Changes.Edges[0].Node.Version != 2 ||
		log.Changes.Edges[1].Node.Author != "skillgraph" {
		t.Errorf("changes = %+v", log.Changes)
	}

	// The seed's change set lists every node it added: a client pages
	// through its items by offset.
	type item struct{ Node, Field string }
	var seedSet struct {
		Changes struct {
			Edges []struct {
				Node struct {
					ItemCount int
					All       []item
					Page      []item
				}
			}
		}
	}
	s.data(`{ changes(first: 2) { edges { node {
		itemCount all: items(first: null) { node field } page: items(first: 3, offset: 10) { node field } } } } }`, nil, &seedSet)
	if len(seedSet.Changes.Edges) != 2 {
		t.Fatalf("the change sets: %+v", seedSet)
	}
	cs := seedSet.Changes.Edges[1].Node
	if cs.ItemCount < 20 || len(cs.All) != cs.ItemCount || !slices.Equal(cs.Page, cs.All[10:13]) {
		t.Errorf("the seed's change set has %d items, %d listed; items 10 to 12 are %v, want %v", cs.ItemCount, len(cs.All), cs.Page, cs.All[10:min(13, len(cs.All))])
	}
}

func TestMutationsNeedTheAdminToken(t *testing.T) {
	const mutation = `mutation { addAlias(skill: "kafka", alias: "kfk") { skill { aliases } } }`
	tests := []struct {
		name     string
		env      map[string]string
		headers  map[string]string
		wantCode string
	}{
		{"disabled", nil, admin, "FORBIDDEN"},
		{"no credentials", map[string]string{"KB_ADMIN_TOKEN": adminToken}, nil, "UNAUTHENTICATED"},
		{"wrong token", map[string]string{"KB_ADMIN_TOKEN": adminToken}, map[string]string{"Authorization": "Bearer nope"}, "FORBIDDEN"},
		{"not a bearer token", map[string]string{"KB_ADMIN_TOKEN": adminToken}, map[string]string{"Authorization": "Basic " + adminToken}, "FORBIDDEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startServer(t, withEnv(tt.env))
			resp := s.queryWith(tt.headers, mutation, nil)
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != tt.wantCode {
				t.Fatalf("errors = %+v, want one %s", resp.Errors, tt.wantCode)
			}
			if string(resp.Data) != "" && string(resp.Data) != "null" {
				t.Errorf("data = %s, want none: nothing may run", resp.Data)
			}
			if v := s.seedVersion(); v != 1 {
				t.Errorf("seedVersion = %d after a refused mutation, want 1", v)
			}
		})
	}
}

func TestBadEditsChangeNothing(t *testing.T) {
	s := startServer(t, withAdminToken(adminToken))
	tests := []struct {
		name, mutation, want string
		code                 string // BAD_USER_INPUT unless set
	}{
		{"alias claimed by another skill", `mutation { addAlias(skill: "kafka", alias: "golang") { skill { slug } } }`,
			`"golang" is already a name or alias of skill "go"`, ""},
		{"unknown skill", `mutation { addAlias(skill: "kafak", alias: "x") { skill { slug } } }`, `unknown skill "kafak" (did you mean "kafka"?)`, "NOT_FOUND"},
		{"quote that is not the article's line", `mutation { upsertRequirement(input: {slug: "growth-sql", stage: "growth", kind: PREFERRED,
			line: 13, quote: "SQL을 잘 하시는 분", text: [{lang: EN, value: "Good at SQL"}], needs: [{anyOf: ["python"]}]}) { requirement { id } } }`,
			"quote does not match line 13", ""},
		{"a second requirement on one line", `mutation { upsertRequirement(input: {slug: "growth-again", stage: "growth", kind: REQUIRED,
			line: 13, quote: "Python/Java/Scala/Kotlin/Go 등 최소한 하나 이상의 언어에 능숙한 분", text: [{lang: EN, value: "Again"}],
			needs: [{anyOf: ["go"]}]}) { requirement { id } } }`, "already cited", ""},
		{"a choice naming nothing known", `mutation { upsertRequirement(input: {slug: "growth-cloud", needs: [{anyOf: ["clowd"]}]}) { requirement { id } } }`,
			`unknown skill "clowd" (did you mean "cloud"?)`, ""},
		{"removing a required language", `mutation { setText(node: "skill:kafka", field: "name", lang: EN, value: "") { node { id } } }`,
			"missing the English (en) text", ""},
		{"delete while used", `mutation { deleteNode(id: "skill:kafka") { deleted } }`,
			// Vocabulary skills narrower than Kafka come first in the list.
			"requirement:mature-distributed-systems, trait:mature-stable-and-efficient; remove those references first", ""},
		{"a broader cycle", `mutation { linkSkills(skill: "distributed-systems", other: "kafka", relation: BROADER) { skill { slug } } }`,
			"cycle in broader skills", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := s.queryWith(admin, tt.mutation, nil)
			if len(resp.Errors) == 0 || !strings.Contains(resp.Errors[0].Message, tt.want) {
				t.Fatalf("errors = %+v, want one saying %q", resp.Errors, tt.want)
			}
			want := cmp.Or(tt.code, "BAD_USER_INPUT")
			if code := resp.Errors[0].Extensions["code"]; code != want {
				t.Errorf("code = %v, want %s", code, want)
			}
			if v := s.seedVersion(); v != 1 {
				t.Errorf("seedVersion = %d, want 1: the bad edit changed something", v)
			}
		})
	}
}

func TestEveryMutation(t *testing.T) {
	s := startServer(t, withAdminToken(adminToken))
	tests := []struct {
		name, mutation, check, want string
	}{
		{"add alias", `mutation { addAlias(skill: "kafka", alias: "kfk") { changeSet { version } } }`,
			`{ skill(name: "KFK") { slug } }`, `{"skill":{"slug":"kafka"}}`},
		{"remove alias", `mutation { removeAlias(skill: "kafka", alias: "apache kafka") { changeSet { version } } }`,
			`{ skill(name: "Apache Kafka") { slug } }`, `{"skill":null}`},
		{"set a Japanese name", `mutation { setText(node: "skill:kafka", field: "name", lang: JA, value: "カフカ") { changeSet { version } } }`,
			`{ skill(name: "カフカ") { name(lang: JA) } }`, `{"skill":{"name":"カフカ"}}`},
		{"link skills", `mutation { linkSkills(skill: "kafka", other: "stream-processing", relation: BROADER) { changeSet { version } } }`,
			`{ skill(name: "kafka") { broader { slug } } }`, `{"skill":{"broader":[{"slug":"distributed-systems"},{"slug":"stream-processing"}]}}`},
		{"unlink skills", `mutation { unlinkSkills(skill: "kafka", other: "stream-processing", relation: BROADER) { changeSet { version } } }`,
			`{ skill(name: "kafka") { broader { slug } } }`, `{"skill":{"broader":[{"slug":"distributed-systems"}]}}`},
		{"update a requirement's choices", `mutation { upsertRequirement(input: {slug: "growth-cloud", needs: [{anyOf: ["aws", "gcp"], suchAs: "cloud"}]}) { changeSet { version } } }`,
			`{ node(id: "requirement:growth-cloud") { ... on Requirement { skills { slug } } } }`, `{"node":{"skills":[{"slug":"aws"},{"slug":"gcp"}]}}`},
		{"delete with cascade", `mutation { deleteNode(id: "skill:tableau", cascade: true) { deleted } }`,
			`{ node(id: "requirement:growth-data-visualization") { id } }`, `{"node":null}`},
		{"an edit that changes nothing", `mutation { addAlias(skill: "kafka", alias: "KFK") { changeSet { version } } }`,
			`{ seedVersion }`, `{"seedVersion":8}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.mutate(tt.mutation, nil, nil)
			resp := s.query(tt.check, nil)
			if string(resp.Data) != tt.want {
				t.Errorf("%s = %s, want %s", tt.check, resp.Data, tt.want)
			}
			// The files export writes hold exactly the edited data: they
			// validate, and diff finds nothing between them and the database.
			dir := filepath.Join(t.TempDir(), "seed")
			if status, _, errs := seedRun(t, s.main.Config.DB, "export", dir); status != exitOK {
				t.Fatalf("export = %d %s", status, errs)
			}
			if status, out, errs := seedRun(t, s.main.Config.DB, "diff", dir); status != exitOK {
				t.Errorf("diff after export = %d\n%s%s", status, out, errs)
			}
		})
	}
}

func TestThirdLanguageFallsBackAndSaysSo(t *testing.T) {
	s := startServer(t)
	resp := s.query(`{ stage(slug: "growth") { name(lang: JA) } skill(name: "presto") { name(lang: JA) } }`, nil)
	var got struct {
		Stage struct{ Name string }
		Skill struct{ Name string }
	}
	json.Unmarshal(resp.Data, &got)
	if got.Stage.Name == "" || got.Stage.Name == "Fast-growing company that must build its data platform" {
		t.Errorf("stage name in Japanese = %q", got.Stage.Name)
	}
	if got.Skill.Name != "Presto" {
		t.Errorf("presto has no Japanese name; want the English one, got %q", got.Skill.Name)
	}
	raw, _ := json.Marshal(resp.Extensions["langFallbacks"])
	var fallbacks []struct{ Path, Asked, Given string }
	json.Unmarshal(raw, &fallbacks)
	if len(fallbacks) != 1 || fallbacks[0].Path != "skill.name" || fallbacks[0].Asked != "JA" || fallbacks[0].Given != "EN" {
		t.Errorf("langFallbacks = %s, want only skill.name, asked JA, given EN", raw)
	}
}
