// Every query the explorer sends, in one place: a reference for building on
// the API. Texts are asked in the page's language ($lang: KO or EN); the
// article's own words (source.quote) are always Korean.

/** The stages, for the navigation, the stage choosers and the fit cards. */
export const STAGES = `
query Stages($lang: Lang!) {
  stages { slug name(lang: $lang) summary(lang: $lang) }
}`;

/**
 * What the typed text may mean, for the skill input's suggestions: the API's
 * suggestSkills (names and aliases in either language, parts of them and
 * typos: `kafak`), best first, and skill(name:), its alias folding, which
 * marks the exact match. Every suggestion comes from here; the page matches
 * nothing itself. Also "did you mean" for a name that resolves to no skill.
 */
export const SUGGEST = `
query Suggest($text: String!, $first: Int) {
  skill(name: $text) { slug }
  suggestSkills(text: $text, first: $first) { slug en: name(lang: EN) ko: name(lang: KO) aliases }
}`;

/** Resolves one name (on Enter with no suggestion chosen). */
export const RESOLVE = `
query Resolve($name: String!) {
  skill(name: $name) { slug en: name(lang: EN) ko: name(lang: KO) }
}`;

/**
 * The skill each name of `have` (as the address holds them: slugs, or names
 * as typed) stands for, for the views that mark the reader's skills. The
 * stage does not matter to `resolved`; the page asks with the first one.
 */
export const RESOLVE_HAVE = `
query ResolveHave($have: [String!]!, $stage: String!, $lang: Lang!) {
  skillGap(stage: $stage, have: $have) { resolved { name skill { slug name(lang: $lang) } } }
}`;

const REQUIREMENT = `
fragment Requirement on Requirement {
  id kind text(lang: $lang) en: text(lang: EN)
  source { line quote }
}`;

/**
 * The most stages one fit request asks about: one skillGap per stage, each a
 * root field with an alias, and the API allows 20 root fields and 30
 * aliases a request. With more stages than this, the fit cards are the
 * first MAX_FIT stages (the chosen one in the last place when it is not
 * among them); the seed has two.
 */
export const MAX_FIT = 18;

/**
 * How far the reader is from each stage, for the fit cards: the coverage and
 * how many requirements are met of how many, one skillGap per stage
 * (aliased f0, f1, …, with $s0, $s1, …) in one request. The chosen stage's
 * details are GAP's.
 */
export function fitQuery(stageCount) {
  const vars = [];
  const fields = [];
  for (let i = 0; i < Math.min(stageCount, MAX_FIT); i++) {
    vars.push(`$s${i}: String!`);
    fields.push(`  f${i}: skillGap(stage: $s${i}, have: $have) { ...Fit }`);
  }
  return `
query Fit($have: [String!]!, ${vars.join(', ')}) {
${fields.join('\n')}
}
fragment Fit on SkillGap { coverage satisfiedCount unsatisfiedCount }`;
}

/**
 * The gap for the chosen stage, in full. `steps` is what to learn next as
 * choices: "one of Python, Java, Scala, Kotlin, Go" is one step, its
 * alternatives closest to the reader's skills first; its requirements are
 * among `unsatisfied`, which has their texts. `satisfied` and `unsatisfied`
 * are pages (20 by default); their counts are the whole lists'. `resolved`
 * names the reader's skills (the chips) and `unknown` the names the
 * knowledge base does not know, whatever the stage.
 */
export const GAP = `
query Gap($have: [String!]!, $lang: Lang!, $stage: String!) {
  skillGap(stage: $stage, have: $have) { ...Gap }
}
fragment Gap on SkillGap {
  stage { slug }
  coverage
  satisfiedCount
  unsatisfiedCount
  satisfied { ...Requirement }
  unsatisfied {
    ...Requirement
    needs {
      named { slug name(lang: $lang) }
      suchAs { slug name(lang: $lang) }
      widenedBy { source { line } }
    }
  }
  steps(first: 50) {
    anyOf { slug name(lang: $lang) }
    gain
    why(lang: $lang)
    requirements { id }
  }
  unknown
  resolved { name skill { slug name(lang: $lang) } }
  known { slug name(lang: $lang) evidenced }
  matches { requirement { id } choice skill { slug } countsAs { slug name(lang: $lang) } direct why(lang: $lang) }
}
${REQUIREMENT}`;

/**
 * Two stages in full, for the side-by-side view: the one the view starts at
 * ($s0) and the next ($s1), by slug, so that the cost does not grow with the
 * number of stages (the names for the chooser come from STAGES). Each
 * requirement with its choices (`needs`): each is met by any one of the
 * skills it names, or by any skill of the group its "such as" opens. With
 * one stage only, the page asks for it twice.
 */
export const STAGES_FULL = `
query StagesFull($lang: Lang!, $s0: String!, $s1: String!) {
  s0: stage(slug: $s0) { ...StageFull }
  s1: stage(slug: $s1) { ...StageFull }
}
fragment StageFull on Stage {
  slug name(lang: $lang) summary(lang: $lang)
  source { line quote }
  requirements {
    ...Requirement
    needs {
      named { slug name(lang: $lang) }
      suchAs { slug name(lang: $lang) }
      widenedBy { source { line } }
    }
  }
  traits {
    id kind statement(lang: $lang) en: statement(lang: EN) implications(lang: $lang)
    source { line quote }
    emphasizes { slug name(lang: $lang) }
    widens { source { line } }
  }
}
${REQUIREMENT}`;

/**
 * A stage's ranked skills with their evidence, and the stage's traits, whose
 * `emphasizes` tell which article observations add to a skill's score. The
 * best 50 skills, with five pieces of evidence each (without `first`,
 * skillsForStage lists every ranked skill); the seed ranks 28 a stage, with
 * at most two pieces of evidence each.
 */
export const RANKED = `
query Ranked($stage: String!, $kinds: [RequirementKind!], $lang: Lang!) {
  skillsForStage(stage: $stage, kinds: $kinds, first: 50) {
    skill { slug name(lang: $lang) }
    score
    kinds
    why(lang: $lang)
    evidence(first: 5) { ...Requirement }
  }
  stage(slug: $stage) {
    traits {
      id kind statement(lang: $lang) en: statement(lang: EN)
      source { line quote }
      emphasizes { slug }
    }
  }
}
${REQUIREMENT}`;

/** Two stages' skills side by side, for the picture. */
export const COMPARE = `
query Compare($a: String!, $b: String!, $lang: Lang!) {
  compareStages(a: $a, b: $b) {
    a { slug name(lang: $lang) }
    b { slug name(lang: $lang) }
    shared { slug name(lang: $lang) stages { stage { slug } score } }
    onlyA { skill { slug name(lang: $lang) } score }
    onlyB { skill { slug name(lang: $lang) } score }
  }
}`;

/** One skill in detail: where each stage asks for it, with the article's lines. */
export const SKILL_DETAIL = `
query SkillDetail($name: String!, $lang: Lang!) {
  skill(name: $name) {
    slug name(lang: $lang) aliases
    stages { stage { slug name(lang: $lang) } score kinds }
    requirements { ...Requirement stage { slug } }
  }
}
${REQUIREMENT}`;

/** Full-text search in Korean and English. */
export const SEARCH = `
query Search($text: String!, $searchLang: Lang, $lang: Lang!, $first: Int) {
  search(text: $text, lang: $searchLang, first: $first) {
    score field snippet
    node {
      __typename id
      ... on Stage { slug name(lang: $lang) }
      ... on Requirement { reqKind: kind text(lang: $lang) en: text(lang: EN) source { line quote } stage { slug name(lang: $lang) } }
      ... on Skill { slug name(lang: $lang) stages { stage { slug name(lang: $lang) } score } }
      ... on Trait { traitKind: kind statement(lang: $lang) en: statement(lang: EN) source { line quote } stage { slug name(lang: $lang) } }
      ... on Category { slug name(lang: $lang) skills { slug name(lang: $lang) } }
    }
  }
}`;

/**
 * A pasted posting read the way the article reads its two: its sections and
 * items (each with the article requirement it reads most like), every
 * technology (`skills`) and practice (`concepts`) it names with the spans of
 * each mention, the five likeliest stages' probabilities with the signals
 * behind them (each citing the article's line, with the posting's words that
 * triggered it), and the words that look like technologies but name no
 * skill. Spans are code points of the text, `end` exclusive: slice
 * Array.from(text), not the UTF-16 string. The text may be up to 20,000
 * characters.
 */
export const READ_POSTING = `
query ReadPosting($text: String!, $lang: Lang!) {
  analyzePosting(text: $text) {
    sections {
      kind
      heading { start end }
      items {
        kind
        span { start end }
        closest { ...Requirement stage { slug name(lang: $lang) } }
        similarity
      }
    }
    skills { ...PostingSkill }
    concepts { ...PostingSkill }
    stages(first: 5) {
      stage { slug name(lang: $lang) summary(lang: $lang) }
      probability
      signals {
        weight
        why(lang: $lang)
        evidence { start end }
        pointsTo { slug }
        trait { id kind statement(lang: $lang) en: statement(lang: EN) source { line quote } }
        requirement { ...Requirement }
      }
    }
    unknownTerms
  }
}
fragment PostingSkill on PostingSkill {
  skill { slug name(lang: $lang) }
  mentions { start end text }
  kinds
}
${REQUIREMENT}`;

/**
 * The reader's skills (`have`, as My fit has them) against the posting's own
 * required and preferred items: coverage, the items met and still open, the
 * skills to learn (most valuable first) and the names the knowledge base does
 * not know. A second request beside READ_POSTING, so that adding a skill asks
 * only for this.
 */
export const POSTING_GAP = `
query PostingGap($text: String!, $have: [String!]!, $lang: Lang!) {
  analyzePosting(text: $text, have: $have) {
    gap {
      coverage
      met { ...GapItem }
      open { ...GapItem }
      missing { slug name(lang: $lang) }
      known { slug name(lang: $lang) }
      unknown
    }
  }
}
fragment GapItem on PostingItem {
  kind
  span { start end text }
  skills { slug name(lang: $lang) }
}`;
