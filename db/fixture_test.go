package db_test

import "skillgraph/kb"

// fixture returns a small dataset that sets every field the store keeps:
// aliases, broader and related skills, choices with several skills and a
// "such as", traits with evidence, emphasis, widenings and implications,
// and a third language (ja) on one text.
func fixture() *kb.Dataset {
	src := func(line int, quote string) kb.Source {
		return kb.Source{Document: "data-engineer.ko.md", Section: "1) 스타트업 › 자격요건", Line: line, Quote: quote}
	}
	return &kb.Dataset{
		Categories: []kb.Category{
			{Slug: "framework", Name: kb.Texts{KO: "프레임워크", EN: "Framework"}},
			{Slug: "platform", Name: kb.Texts{KO: "플랫폼", EN: "Platform"}},
			{Slug: "practice", Name: kb.Texts{KO: "실무 역량", EN: "Practice"}},
		},
		Skills: []kb.Skill{
			{Slug: "hadoop", Kind: kb.Technology, Category: "framework", Name: kb.Texts{KO: "하둡", EN: "Hadoop"},
				Aliases: []string{"Apache Hadoop"}},
			{Slug: "hadoop-mapreduce", Kind: kb.Technology, Category: "framework", Name: kb.Texts{KO: "하둡 맵리듀스", EN: "Hadoop MapReduce"},
				Aliases: []string{"MapReduce", "MR"}, Broader: []string{"hadoop"}},
			{Slug: "spark", Kind: kb.Technology, Category: "framework", Name: kb.Texts{KO: "스파크", EN: "Apache Spark", JA: "スパーク"},
				Aliases: []string{"PySpark", "스팍"}, Ambiguous: []string{"Apache Spark"}, Reference: "https://spark.apache.org/",
				Related: []string{"hadoop", "distributed-systems"}},
			{Slug: "kubernetes", Kind: kb.Technology, Category: "platform", Name: kb.Texts{KO: "쿠버네티스", EN: "Kubernetes"},
				Aliases: []string{"k8s", "kube"}},
			{Slug: "distributed-systems", Kind: kb.Concept, Category: "practice", Name: kb.Texts{KO: "분산 시스템", EN: "Distributed systems"},
				Related: []string{"hadoop", "spark"}},
			{Slug: "bi-tools", Kind: kb.Concept, Category: "practice", Name: kb.Texts{KO: "BI 도구", EN: "BI tools"},
				Aliases: []string{"Tableau", "Looker"}},
			{Slug: "sql", Kind: kb.Technology, Category: "practice", Name: kb.Texts{KO: "SQL", EN: "SQL"}},
		},
		Stages: []kb.Stage{
			{Slug: "startup", Name: kb.Texts{KO: "스타트업", EN: "Startup"},
				Summary: kb.Texts{KO: "작은 팀이 데이터 전 과정을 맡는다", EN: "A small team owns all of the data work"},
				Source:  src(3, "## 1) 스타트업")},
			{Slug: "mid-sized", Name: kb.Texts{KO: "중견기업", EN: "Mid-sized company"},
				Summary: kb.Texts{KO: "정해진 플랫폼을 운영한다", EN: "Runs an established platform"},
				Source:  src(20, "## 2) 중견기업")},
		},
		Requirements: []kb.Requirement{
			{Slug: "startup-pipelines", Stage: "startup", Kind: kb.Responsibility,
				Text: kb.Texts{KO: "분산 처리 파이프라인 구축", EN: "Build distributed processing pipelines"},
				Needs: []kb.Choice{
					{AnyOf: []string{"spark", "hadoop"}},
					{AnyOf: []string{"distributed-systems"}},
				},
				Source: src(5, "분산 처리 파이프라인 구축")},
			{Slug: "startup-bi", Stage: "startup", Kind: kb.Required,
				Text:   kb.Texts{KO: "BI 도구 활용 경험", EN: "Experience with BI tools"},
				Needs:  []kb.Choice{{AnyOf: []string{"bi-tools"}}, {AnyOf: []string{"sql"}}},
				Source: src(6, "BI 도구 활용 경험")},
			{Slug: "mid-hadoop", Stage: "mid-sized", Kind: kb.Preferred,
				Text: kb.Texts{KO: "하둡 등 빅데이터 생태계 운영 경험", EN: "Experience running big-data ecosystems such as Hadoop"},
				Needs: []kb.Choice{
					{AnyOf: []string{"hadoop"}, SuchAs: "hadoop"},
					{AnyOf: []string{"kubernetes", "sql"}},
				},
				Source: src(12, "하둡 등 빅데이터 생태계 운영 경험")},
		},
		Traits: []kb.Trait{
			{Slug: "startup-generalist", Stage: "startup", Kind: kb.PostingSignal,
				Statement: kb.Texts{KO: "한 사람이 파이프라인 전체를 맡는다", EN: "One person owns the whole pipeline"},
				Implications: []kb.Texts{
					{KO: "넓게 아는 것이 깊게 아는 것보다 중요하다", EN: "Breadth matters more than depth"},
					{KO: "장애 대응도 직접 한다", EN: "You handle incidents yourself"},
				},
				Evidence:   []string{"startup-pipelines", "startup-bi"},
				Emphasizes: []string{"spark", "sql"},
				Rule: &kb.SignalRule{Cue: kb.CueSkills, Sections: []string{"preferred"}, Skills: []string{"spark", "kubernetes"},
					AtLeast: 2, Weight: 0.5, Max: 1.5},
				Widens: []kb.Widening{{Requirement: "startup-pipelines", Merge: []string{"spark", "distributed-systems"}}},
				Source: src(8, "혼자서 전 과정을 맡게 됩니다")},
			{Slug: "mid-operations", Stage: "mid-sized", Kind: kb.WorkReality,
				Statement: kb.Texts{KO: "새로 짓기보다 운영이 많다", EN: "More operations than building"},
				Evidence:  []string{"mid-hadoop"},
				Widens: []kb.Widening{
					{Requirement: "mid-hadoop", Merge: []string{"hadoop", "kubernetes"}},
					{Requirement: "startup-bi", Merge: []string{"bi-tools", "sql"}},
				},
				Source: src(14, "운영 업무 비중이 큽니다")},
		},
	}
}
