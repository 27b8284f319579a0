package playground

// Question is one of the README's "Three questions, with their real
// answers", as the playground opens it: a tab of its own.
type Question struct {
	// Name is the tab's operation name (GraphiQL titles a tab by it).
	Name string `json:"name"`
	// Ask is what the question asks, by page language ("en", "ko"); the
	// English one is the README's heading of the question, verbatim.
	Ask map[string]string `json:"ask"`
	// Query is the README's graphql block for the question, verbatim
	// (without its trailing newline). TestQuestionsMatchTheReadme keeps it so.
	Query string `json:"query"`
}

// Document is the question as a tab holds it: a comment line saying what it
// asks (in lang, English when lang has none), then the README's query as a
// named operation, runnable as is.
func (q Question) Document(lang string) string {
	ask, ok := q.Ask[lang]
	if !ok {
		ask = q.Ask["en"]
	}
	doc := "# " + ask + "\n"
	if hint, ok := langHints[lang]; ok {
		doc += "# " + hint + "\n"
	}
	return doc + "query " + q.Name + " " + q.Query + "\n"
}

// langHints is a second comment line for readers of a language the answers
// are not in (the README's queries ask for English).
var langHints = map[string]string{
	"ko": "답을 한국어로 받으려면 name과 why에 (lang: KO)를 붙이세요.",
}

// Questions are the README's three questions, in the README's order.
var Questions = []Question{
	{
		Name: "SkillsForAGrowingCompany",
		Ask: map[string]string{
			"en": "Which skills matter for a growing company?",
			"ko": "급성장하는 회사에는 어떤 기술이 중요할까?",
		},
		Query: `{ skillsForStage(stage: "growth", first: 3) { skill { name } score why } }`,
	},
	{
		Name: "HowTheStagesDiffer",
		Ask: map[string]string{
			"en": "How do the two stages differ?",
			"ko": "두 단계는 어떻게 다를까?",
		},
		Query: `{
  compareStages(a: "growth", b: "mature") {
    shared { name }
    onlyA(first: 5) { skill { name } score }
    onlyB(first: 5) { skill { name } score }
  }
}`,
	},
	{
		Name: "WhatAmIMissingForTheMatureStage",
		Ask: map[string]string{
			"en": "I know Python and Kafka: what am I missing for the mature stage?",
			"ko": "Python과 Kafka를 안다면, 궤도에 오른 회사(mature)에는 무엇이 부족할까?",
		},
		Query: `{
  skillGap(stage: "mature", have: ["Python", "Kafka"]) {
    coverage
    satisfied { text source { line } }
    missing(first: 4) { skill { name } score why }
    unknown
  }
}`,
	},
}
