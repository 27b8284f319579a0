// Package benchquery holds the explorer's queries
// (explorer/static/assets/queries.js) as the benchmarks send them: the
// load harness (bench/) at every size, and the handler's benchmark
// (httpapi) at the seed's, so that both measure the same requests.
package benchquery

// SkillsForStage is the explorer's skillsForStage query.
const SkillsForStage = `query Ranked($stage: String!, $lang: Lang!) {
  skillsForStage(stage: $stage, first: 10) {
    skill { slug name(lang: $lang) } score kinds why(lang: $lang)
    evidence { id kind text(lang: $lang) source { line quote } }
  }
}`

// CompareStages is the explorer's compareStages query.
const CompareStages = `query Compare($a: String!, $b: String!, $lang: Lang!) {
  compareStages(a: $a, b: $b) {
    a { slug name(lang: $lang) } b { slug name(lang: $lang) }
    shared(first: 10) { slug name(lang: $lang) }
    onlyA(first: 10) { skill { slug name(lang: $lang) } score }
    onlyB(first: 10) { skill { slug name(lang: $lang) } score }
  }
}`

// SkillGap is the explorer's skillGap query.
const SkillGap = `query Gap($stage: String!, $have: [String!]!, $lang: Lang!) {
  skillGap(stage: $stage, have: $have) {
    coverage unknown known { slug }
    satisfied { id text(lang: $lang) source { line } }
    missing(first: 10) { skill { slug name(lang: $lang) } score why(lang: $lang) }
  }
}`

// Stage is the explorer's stage query.
const Stage = `query Stage($stage: String!) {
  stage(slug: $stage) {
    requirements { id kind needs { named { slug } suchAs { slug } } source { line quote } }
    traits { id kind evidence { id } emphasizes { slug } }
  }
}`

// Search is the explorer's search query.
const Search = `query Search($text: String!, $lang: Lang!) {
  search(text: $text, first: 10) {
    score field snippet
    node {
      id
      ... on Skill { slug name(lang: $lang) }
      ... on Requirement { text(lang: $lang) source { line } stage { slug } }
      ... on Trait { statement(lang: $lang) }
    }
  }
}`

// AnalyzePosting is the explorer's analyzePosting query.
const AnalyzePosting = `query Read($text: String!, $have: [String!], $lang: Lang!) {
  analyzePosting(text: $text, have: $have) {
    sections { kind heading { start end text } items { span { start end } closest { id } similarity } }
    skills { skill { slug name(lang: $lang) } mentions { start end } kinds }
    stages { stage { slug } probability signals { weight why(lang: $lang) evidence { start end } } }
    unknownTerms
    gap { coverage missing { slug } unknown }
  }
}`
