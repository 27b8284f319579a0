package kb_test

import (
	"testing"

	"skillgraph/kb"
)

// fixture is a small knowledge base shaped like the article's: one stage
// with a language choice, a such-as choice, a two-choice requirement and a
// widening trait.
func fixture() *kb.Dataset {
	t := func(en, ko string) kb.Texts { return kb.Texts{EN: en, KO: ko} }
	src := func(line int) kb.Source { return kb.Source{Document: "doc.md", Line: line, Quote: "q"} }
	return &kb.Dataset{
		Categories: []kb.Category{{Slug: "lang", Name: t("Languages", "언어")}, {Slug: "tech", Name: t("Tech", "기술")}},
		Skills: []kb.Skill{
			{Slug: "language", Kind: kb.Concept, Category: "lang", Name: t("Programming language", "프로그래밍 언어")},
			{Slug: "python", Kind: kb.Technology, Category: "lang", Name: t("Python", "파이썬"), Broader: []string{"language"}},
			{Slug: "go", Kind: kb.Technology, Category: "lang", Name: t("Go", "고"), Aliases: []string{"golang"}, Broader: []string{"language"}},
			{Slug: "rust", Kind: kb.Technology, Category: "lang", Name: t("Rust", "러스트"), Broader: []string{"language"}},
			{Slug: "hadoop", Kind: kb.Technology, Category: "tech", Name: t("Hadoop", "하둡"), Aliases: []string{"Hadoo"}},
			{Slug: "hadoop-mapreduce", Kind: kb.Technology, Category: "tech", Name: t("Hadoop MapReduce", "하둡 맵리듀스"), Aliases: []string{"Hadoop MR"}, Broader: []string{"hadoop"}},
			{Slug: "kafka", Kind: kb.Technology, Category: "tech", Name: t("Kafka", "카프카"), Aliases: []string{"Apache Kafka"}},
			{Slug: "cloud", Kind: kb.Concept, Category: "tech", Name: t("Cloud", "클라우드")},
			{Slug: "aws", Kind: kb.Technology, Category: "tech", Name: t("AWS", "AWS"), Broader: []string{"cloud"}},
			{Slug: "iac", Kind: kb.Concept, Category: "tech", Name: t("IaC", "IaC"), Aliases: []string{"laC"}},
			{Slug: "ingestion", Kind: kb.Concept, Category: "tech", Name: t("Ingestion", "수집")},
			{Slug: "processing", Kind: kb.Concept, Category: "tech", Name: t("Processing", "처리")},
			{Slug: "tableau", Kind: kb.Technology, Category: "tech", Name: t("Tableau", "태블로")},
		},
		Stages: []kb.Stage{
			{Slug: "growth", Name: t("Growth", "성장"), Summary: t("Builds", "구축"), Source: src(1)},
			{Slug: "mature", Name: t("Mature", "성숙"), Summary: t("Runs", "운영"), Source: src(20)},
		},
		Requirements: []kb.Requirement{
			{Slug: "g-lang", Stage: "growth", Kind: kb.Required, Text: t("One of Python or Go", "파이썬/고"), Source: src(2),
				Needs: []kb.Choice{{AnyOf: []string{"python", "go"}, SuchAs: "language"}}},
			{Slug: "g-iac", Stage: "growth", Kind: kb.Preferred, Text: t("IaC on a cloud such as AWS", "AWS 등에서 IaC"), Source: src(3),
				Needs: []kb.Choice{{AnyOf: []string{"aws"}, SuchAs: "cloud"}, {AnyOf: []string{"iac"}}}},
			{Slug: "g-viz", Stage: "growth", Kind: kb.Preferred, Text: t("Tableau", "태블로"), Source: src(4),
				Needs: []kb.Choice{{AnyOf: []string{"tableau"}}}},
			{Slug: "m-pipe", Stage: "mature", Kind: kb.Required, Text: t("Ingestion and processing", "수집/처리"), Source: src(21),
				Needs: []kb.Choice{{AnyOf: []string{"ingestion"}}, {AnyOf: []string{"processing"}}}},
			{Slug: "m-dist", Stage: "mature", Kind: kb.Required, Text: t("Hadoop or Kafka", "하둡, 카프카"), Source: src(22),
				Needs: []kb.Choice{{AnyOf: []string{"hadoop", "kafka"}}}},
			{Slug: "m-ops", Stage: "mature", Kind: kb.Responsibility, Text: t("Run pipelines", "운영"), Source: src(23),
				Needs: []kb.Choice{{AnyOf: []string{"python"}}}},
		},
		Traits: []kb.Trait{
			{Slug: "g-stacks", Stage: "growth", Kind: kb.PostingSignal, Statement: t("Many stacks", "많은 스택"), Source: src(5),
				Evidence: []string{"g-iac", "g-viz"}, Emphasizes: []string{"tableau"},
				Implications: []kb.Texts{t("One is enough", "하나면 됨")}},
			{Slug: "m-one", Stage: "mature", Kind: kb.PostingSignal, Statement: t("One strength", "하나라도"), Source: src(24),
				Evidence: []string{"m-pipe"}, Widens: []kb.Widening{{Requirement: "m-pipe", Merge: []string{"ingestion", "processing"}}}},
		},
	}
}

func mustGraph(tb testing.TB, ds *kb.Dataset) *kb.Graph {
	tb.Helper()
	g, err := kb.NewGraph(ds)
	if err != nil {
		tb.Fatalf("NewGraph: %v", err)
	}
	return g
}
