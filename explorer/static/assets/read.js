// Read a posting: paste a job posting and the API reads it the way the
// article reads its two (analyzePosting): which stage it most likely comes
// from and why, the posting itself with its sections and every skill it
// names marked in place, the reader's skills against its requirements, and
// the words the knowledge base does not know.
//
// The posting is too long for the URL, so it stays in the tab's
// sessionStorage: a reload, Back and a change of language keep it, a shared
// link does not carry it. The URL holds the view, the language and `have`.
//
// Spans are code points of the text (`end` exclusive); JavaScript strings
// are UTF-16, so the text is sliced as Array.from(text), never with slice().
// The posting reaches the page only as text nodes.

import {h, nameKey} from './dom.js';
import {t, apiLang, pct, num, list} from './i18n.js';
import {READ_POSTING, POSTING_GAP} from './queries.js';
import {ApiError} from './api.js';
import {kindBadge, stageDot, sourceDetails, meter, emptyPanel, errorPanel, viewHeader} from './ui.js';

/** The longest posting the API reads, in characters (code points). */
export const MAX_CHARS = 20000;
/** Below this probability the most likely stage is not likely enough to name. */
const SURE = 0.6;
/** Reasons shown per stage before the rest fold away. */
const SHOWN_REASONS = 3;
/** Skills to learn shown before "Show all". */
const SHOWN_MISSING = 6;
const MISSING_MEMO = 'read.showAllMissing';

const DRAFT_KEY = 'skillgraph.explorer.read.draft'; // the textarea, as typed
const TEXT_KEY = 'skillgraph.explorer.read.text'; // the text last read

/** A realistic Korean posting, for "Try an example". */
export const EXAMPLE = `[스텔라페이] 데이터 엔지니어 (경력 4년 이상)

스텔라페이는 월 거래 1,200만 건을 처리하는 간편결제 서비스입니다. 2016년 출시 후 꾸준히 흑자를 내고 있으며, 데이터플랫폼팀 8명이 하루 20억 건의 결제·정산 이벤트를 다루는 플랫폼을 운영하고 있습니다.

담당 업무
• Kafka와 Spark Streaming 기반 실시간 결제 이벤트 파이프라인 운영 및 고도화 (SLA 99.95%)
• Airflow로 관리되는 배치 파이프라인 300여 개의 안정성 개선과 데이터 품질 모니터링
• Hadoop 클러스터를 Kubernetes 위의 Spark와 Iceberg 레이크하우스로 이전
• 정산·리스크 조직이 쓰는 데이터 마트 설계와 데이터 거버넌스 정책 수립

자격 요건
• Java 또는 Scala로 대용량 데이터 처리 시스템을 개발·운영한 경력 4년 이상
• Kafka, Spark 등 분산 처리 시스템의 내부 구조를 이해하고 성능을 튜닝해 본 분
• SQL과 데이터 모델링에 능숙하신 분

우대 사항
• Flink 또는 Kafka Streams로 상태 기반 스트림 처리를 구현해 본 분
• 금융권 데이터 보안 규정(전자금융감독규정)에 맞춘 접근 제어 경험
• FDS 등 이상 거래 탐지 시스템의 데이터 파이프라인을 다뤄 본 분

혜택 및 복지
• 연 300만 원 자기계발비, 최신 장비 지급
• 유연근무제 (코어타임 11시~16시)

채용 절차
서류 전형 → 코딩 테스트 → 1차 기술 면접 → 2차 컬처 면접 → 최종 합격
`;

// ---- the tab's memory -------------------------------------------------------

const fallback = new Map(); // when sessionStorage is unavailable (some private modes)

const store = {
  get(key) {
    try { return sessionStorage.getItem(key); } catch { return fallback.get(key) ?? null; }
  },
  set(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch {
      if (value === null) fallback.delete(key);
      else fallback.set(key, value);
    }
  },
};

/** The number of characters (code points) of s, as the API counts them. */
export function charCount(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

let revealResult = false; // set by a submit: after() scrolls the result into view

// ---- the view ----------------------------------------------------------------

export const readView = {
  async load(ctx) {
    const stages = await ctx.stages();
    const text = store.get(TEXT_KEY) ?? '';
    const draft = store.get(DRAFT_KEY) ?? text;
    if (!text.trim()) return {stages, draft, text: '', analysis: null};
    const lang = apiLang();
    const have = ctx.state.have;
    try {
      const [read, gap] = await Promise.all([
        ctx.client.query(READ_POSTING, {text, lang}),
        have.length ? ctx.client.query(POSTING_GAP, {text, have, lang}) : null,
      ]);
      return {stages, draft, text, analysis: read.analyzePosting, gap: gap?.analyzePosting.gap ?? null};
    } catch (err) {
      // The API's own refusals are shown beside the text, which stays to be
      // fixed; an unreachable server is the page's error, as in every view.
      if (err instanceof ApiError) return {stages, draft, text, analysis: null, error: err};
      throw err;
    }
  },

  build(ctx, {stages, draft, text, analysis, gap, error}) {
    let result;
    if (error) {
      result = h('section', {class: 'read-result', 'aria-labelledby': 'read-result-title'},
        resultHeading(), errorPanel(error, {endpoint: ctx.endpoint}));
    } else if (analysis) {
      result = readResult(ctx, {stages, text, analysis, gap});
    } else {
      result = emptyPanel(t('read.empty'));
    }
    return h('section', {class: 'view view--read'},
      viewHeader(t('read.title'), t('read.intro')),
      readForm(ctx, draft, text),
      result);
  },

  after(ctx, el) {
    if (!revealResult) return;
    revealResult = false;
    el.querySelector('#read-result-title')?.scrollIntoView({block: 'start'});
  },
};

// ---- the form ----------------------------------------------------------------

function readForm(ctx, draft, readText) {
  const area = h('textarea', {
    // Shorter once read: the posting is shown again below, marked.
    id: 'posting-text', class: ['read-form__text', readText ? 'is-read' : null], name: 'posting', rows: readText ? '6' : '12', value: draft,
    placeholder: t('read.placeholder'), spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'posting-count posting-keys',
    dataset: {focusKey: 'posting-text', keepValue: 'true'},
  });
  const counter = h('span', {class: 'read-form__count', id: 'posting-count'});
  const problem = h('p', {class: 'read-form__error', id: 'posting-error', role: 'alert', hidden: true});
  const changed = h('p', {class: 'read-form__changed', hidden: true}, t('read.changed'));
  const submitButton = h('button', {type: 'submit', class: 'button', dataset: {focusKey: 'read-submit'}}, t('read.submit'));

  const showProblem = (message, kind) => {
    problem.textContent = message;
    problem.dataset.kind = kind;
    problem.hidden = false;
    area.setAttribute('aria-invalid', 'true');
    area.setAttribute('aria-errormessage', 'posting-error');
  };
  const clearProblem = () => {
    problem.hidden = true;
    problem.textContent = '';
    delete problem.dataset.kind;
    area.removeAttribute('aria-invalid');
    area.removeAttribute('aria-errormessage');
  };
  const update = () => {
    const n = charCount(area.value);
    const over = n > MAX_CHARS;
    counter.textContent = t('read.count', {n: num(n), max: num(MAX_CHARS)});
    counter.classList.toggle('is-over', over);
    if (over) showProblem(t('read.tooLong', {n: num(n), max: num(MAX_CHARS)}), 'too-long');
    else if (!problem.hidden && (problem.dataset.kind === 'too-long' || area.value.trim())) clearProblem();
    changed.hidden = !readText || area.value === readText;
  };
  const submit = () => {
    const value = area.value;
    const n = charCount(value);
    if (!value.trim()) {
      showProblem(t('read.noText'), 'empty');
      area.focus();
      return;
    }
    if (n > MAX_CHARS) {
      showProblem(t('read.tooLong', {n: num(n), max: num(MAX_CHARS)}), 'too-long');
      area.focus();
      return;
    }
    store.set(DRAFT_KEY, value);
    store.set(TEXT_KEY, value);
    submitButton.textContent = t('read.reading');
    submitButton.setAttribute('aria-disabled', 'true');
    revealResult = true;
    ctx.navigate({}, {focus: 'read-result'});
  };

  area.addEventListener('input', () => {
    store.set(DRAFT_KEY, area.value);
    update();
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  update();

  return h('form', {
    class: 'panel read-form', 'aria-labelledby': 'posting-label', novalidate: true,
    onsubmit: (e) => { e.preventDefault(); submit(); },
  },
  h('div', {class: 'read-form__top'},
    h('label', {class: 'read-form__label', for: 'posting-text', id: 'posting-label'}, t('read.label')),
    counter),
  area,
  problem,
  changed,
  h('div', {class: 'read-form__actions'},
    submitButton,
    h('button', {
      type: 'button', class: 'button button--quiet', dataset: {focusKey: 'read-example'},
      onclick: () => {
        area.value = EXAMPLE;
        store.set(DRAFT_KEY, EXAMPLE);
        clearProblem();
        update();
        submit();
      },
    }, t('read.example')),
    draft || readText ? h('button', {
      type: 'button', class: 'button button--quiet', dataset: {focusKey: 'read-clear'},
      onclick: () => {
        store.set(DRAFT_KEY, null);
        store.set(TEXT_KEY, null);
        ctx.navigate({}, {focus: 'posting-text'});
      },
    }, t('read.clear')) : null),
  h('p', {class: 'read-form__keys', id: 'posting-keys'}, t('read.keys')));
}

// ---- the result --------------------------------------------------------------

function resultHeading(summary) {
  return h('header', {class: 'read-result__head'},
    h('h2', {
      id: 'read-result-title', class: 'read-result__title', tabindex: '-1',
      'aria-describedby': summary ? 'read-result-summary' : undefined,
      dataset: {focusKey: 'read-result'},
    }, t('read.resultTitle')),
    summary ?? null);
}

function stageIndex(stages, slug) {
  return Math.max(0, stages.findIndex((s) => s.slug === slug));
}

/**
 * textTag is a short hash of a posting: the keys that keep details open
 * across re-renders carry it, so another posting's start closed.
 */
function textTag(text) {
  let x = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return (x >>> 0).toString(36);
}

function readResult(ctx, {stages, text, analysis, gap}) {
  const cps = Array.from(text);
  const tag = textTag(text);
  const fits = analysis.stages;
  const top = fits[0];
  const sure = !!top && top.probability >= SURE;

  // Every reason shown: the signals that support a stage (positive weight),
  // strongest first. Their evidence is marked in the posting.
  const reasons = new Map(); // stage slug -> [{id, signal}]
  const evidence = []; // {start, end, id, stage}
  for (const fit of fits) {
    const i = stageIndex(stages, fit.stage.slug);
    const mine = fit.signals.filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight)
      .map((signal, k) => ({id: `reason-${tag}-${fit.stage.slug}-${k}`, signal}));
    reasons.set(fit.stage.slug, mine);
    for (const {id, signal} of mine) {
      for (const span of signal.evidence) {
        if (span.end > span.start) evidence.push({start: span.start, end: span.end, id, stage: i});
      }
    }
  }

  const known = new Set((gap?.known ?? []).map((sk) => sk.slug));
  const summary = top ? h('p', {class: 'read-result__summary', id: 'read-result-summary'},
    t(sure ? 'read.summary' : 'read.summaryUnsure', {stage: top.stage.name, pct: pct(top.probability)}),
    ' ',
    h('span', {class: 'muted'}, t('read.counts', {
      sections: analysis.sections.filter((s) => s.heading.end > s.heading.start).length,
      tech: analysis.skills.length, concepts: analysis.concepts.length,
    }))) : null;

  return h('section', {class: 'read-result', 'aria-labelledby': 'read-result-title'},
    resultHeading(summary),
    h('div', {class: 'read-grid'},
      verdictPanel(ctx, {stages, fits, sure, reasons, tag}),
      postingPanel({cps, text, analysis, evidence, known, tag}),
      gapPanel(ctx, gap),
      unknownPanel(analysis.unknownTerms)));
}

// ---- 1. the verdict ----------------------------------------------------------

function verdictPanel(ctx, {stages, fits, sure, reasons, tag}) {
  return h('section', {class: 'panel read-verdict', 'aria-labelledby': 'verdict-title'},
    h('h3', {id: 'verdict-title', class: 'panel__title'}, t('read.verdictTitle')),
    h('p', {class: 'panel__intro'}, t('read.verdictIntro')),
    sure ? null : h('p', {class: 'notice', dataset: {testid: 'unsure'}}, t('read.unsure')),
    h('ol', {class: 'verdict', dataset: {testid: 'verdict'}}, fits.map((fit, rank) => {
      const i = stageIndex(stages, fit.stage.slug);
      const mine = reasons.get(fit.stage.slug) ?? [];
      const against = fit.signals.filter((s) => s.weight <= 0);
      const shown = mine.slice(0, SHOWN_REASONS);
      const more = mine.slice(SHOWN_REASONS);
      const nameId = `verdict-name-${fit.stage.slug}`;
      return h('li', {class: ['verdict__stage', `stage-${i % 4}`, rank === 0 ? 'is-top' : null], dataset: {stage: fit.stage.slug}},
        h('div', {class: 'verdict__head'},
          stageDot(i),
          h('h4', {class: 'verdict__name', id: nameId}, fit.stage.name),
          rank === 0 ? h('span', {class: 'badge badge--best'}, t(sure ? 'read.mostLikely' : 'read.leaning')) : null),
        meter(fit.probability, {
          label: t('read.likelihoodOf', {stage: fit.stage.name}), size: 'lg',
          valueText: t('read.likely', {pct: pct(fit.probability)}),
        }),
        h('p', {class: 'verdict__summary'}, fit.stage.summary),
        h('h5', {class: 'verdict__reasons-title'}, t('read.reasons', {stage: fit.stage.name})),
        mine.length
          ? h('ol', {class: 'reasons'}, shown.map((r) => reasonItem(ctx, r)))
          : h('p', {class: 'muted'}, t('read.noReasons')),
        more.length ? h('details', {class: 'fold', dataset: {key: `read-more-${tag}-${fit.stage.slug}`}},
          h('summary', null, t('read.moreReasons', {n: more.length})),
          h('ol', {class: 'reasons'}, more.map((r) => reasonItem(ctx, r)))) : null,
        against.length ? h('details', {class: 'fold fold--against', dataset: {key: `read-against-${tag}-${fit.stage.slug}`}},
          h('summary', null, t('read.against', {n: against.length})),
          h('ul', {class: 'why'}, against.map((s) => h('li', null, s.why)))) : null);
    })));
}

function reasonItem(ctx, {id, signal}) {
  const cite = signal.trait ?? signal.requirement;
  return h('li', {class: 'reason', id, dataset: {reason: id}},
    h('p', {class: 'reason__why'}, signal.why),
    h('div', {class: 'reason__foot'},
      cite ? sourceDetails({source: cite.source, en: cite.en, badge: kindBadge(cite.kind), key: `read-${id}`}) : null,
      signal.evidence.length ? h('button', {
        type: 'button', class: 'button button--small button--quiet reason__show',
        'aria-label': t('read.showLabel'), dataset: {focusKey: `show-${id}`},
        onclick: () => showEvidence(ctx, id),
      }, t('read.show')) : null));
}

/** showEvidence marks a reason's words in the posting and moves there. */
function showEvidence(ctx, id) {
  const posting = document.querySelector('[data-testid=posting]');
  if (!posting) return;
  for (const el of posting.querySelectorAll('.ev.is-lit')) el.classList.remove('is-lit');
  const pieces = [...posting.querySelectorAll('.ev')].filter((el) => el.dataset.reasons.split(' ').includes(id));
  if (!pieces.length) return;
  for (const el of pieces) el.classList.add('is-lit');
  const row = pieces[0].closest('.posting__row');
  row.setAttribute('tabindex', '-1');
  pieces[0].scrollIntoView({block: 'center'});
  row.focus({preventScroll: true});
  ctx.announce(t('read.shown', {n: pieces.length}));
}

// ---- 2. the posting, marked in place -------------------------------------------

function sectionBadge(kind) {
  return h('span', {class: 'posting__kind'},
    h('span', {class: `badge badge--${kind.toLowerCase()}`, dataset: {kind}}, t(`read.kind.${kind}`)),
    kind === 'OTHER' ? h('span', {class: 'posting__note'}, t('read.other')) : null);
}

function postingPanel({cps, text, analysis, evidence, known, tag}) {
  const marks = [
    ...analysis.skills.flatMap((use) => use.mentions.map((m) => ({...m, skill: use.skill, tech: true}))),
    ...analysis.concepts.flatMap((use) => use.mentions.map((m) => ({...m, skill: use.skill, tech: false}))),
  ].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const slice = (a, b) => cps.slice(a, b).join('');

  // The text between a and b, evidence underlined.
  const plain = (a, b) => {
    const cover = evidence.filter((e) => e.start < b && e.end > a);
    if (!cover.length) return [slice(a, b)];
    const cuts = [...new Set([a, b, ...cover.flatMap((e) => [e.start, e.end]).filter((x) => x > a && x < b)])].sort((x, y) => x - y);
    const out = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [x, y] = [cuts[k], cuts[k + 1]];
      const on = cover.filter((e) => e.start <= x && e.end >= y);
      out.push(on.length
        ? h('span', {class: ['ev', `stage-${on[0].stage % 4}`], dataset: {reasons: on.map((e) => e.id).join(' ')}}, slice(x, y))
        : slice(x, y));
    }
    return out;
  };

  // The text between a and b with the mentions in it marked; a mention
  // inside another (SQL in "SQL 튜닝") is marked inside it.
  const inline = (a, b, within = marks.filter((m) => m.start >= a && m.end <= b)) => {
    const out = [];
    let at = a;
    for (let k = 0; k < within.length;) {
      const m = within[k];
      if (m.start < at) { k++; continue; } // overlaps the previous mark without nesting in it
      if (m.start > at) out.push(...plain(at, m.start));
      const inner = [];
      let j = k + 1;
      for (; j < within.length && within[j].start < m.end; j++) if (within[j].end <= m.end) inner.push(within[j]);
      const what = t(m.tech ? 'read.tech' : 'read.concept');
      const have = known.has(m.skill.slug);
      out.push(h('mark', {
        class: ['mention', m.tech ? 'mention--tech' : 'mention--concept', have ? 'is-have' : null],
        title: t('read.mentionTitle', {name: m.skill.name, what}) + (have ? ` · ✓ ${t('read.youKnow')}` : ''),
        dataset: {slug: m.skill.slug, start: String(m.start), end: String(m.end)},
      }, inline(m.start, m.end, inner)));
      at = m.end;
      k = j;
    }
    if (at < b) out.push(...plain(at, b));
    return out;
  };

  // The sections' headings and items, in the order of the text.
  const units = [];
  for (const sec of analysis.sections) {
    const headed = sec.heading.end > sec.heading.start;
    if (headed) units.push({heading: true, start: sec.heading.start, end: sec.heading.end, kind: sec.kind});
    sec.items.forEach((item, k) => units.push({
      heading: false, start: item.span.start, end: item.span.end, kind: item.kind, item,
      unlabelled: k === 0 && !headed,
    }));
  }
  units.sort((a, b) => a.start - b.start);

  // One row per line of the text; blank lines become a gap.
  const rows = [];
  let lineStart = 0;
  let gapBefore = false;
  for (let i = 0; i <= cps.length; i++) {
    if (i < cps.length && cps[i] !== '\n') continue;
    const [ls, le] = [lineStart, i];
    lineStart = i + 1;
    if (!slice(ls, le).trim()) {
      gapBefore = rows.length > 0;
      continue;
    }
    const here = units.filter((u) => u.start < le && u.end > ls);
    const body = h('span', {class: 'posting__text'});
    const trailing = [];
    let at = ls;
    for (const u of here) {
      const [a, b] = [Math.max(u.start, ls), Math.min(u.end, le)];
      if (a > at) body.append(...inline(at, a));
      if (u.heading) {
        body.append(h('span', {class: 'posting__heading', dataset: {kind: u.kind}}, inline(a, b)));
        if (u.end <= le) body.append(sectionBadge(u.kind));
      } else {
        if (u.unlabelled && u.start >= ls) rows.push(h('div', {class: 'posting__label'}, sectionBadge(u.kind)));
        body.append(h('span', {
          class: ['posting__item', u.kind === 'OTHER' ? 'is-other' : null],
          dataset: {kind: u.kind, start: String(u.start), end: String(u.end)},
        }, inline(a, b)));
        if (u.end <= le && u.item.closest) trailing.push(closestDetails(u.item, tag));
      }
      at = b;
    }
    if (at < le) body.append(...inline(at, le));
    const heading = here.some((u) => u.heading);
    const items = here.filter((u) => !u.heading);
    const other = items.length > 0 && items.every((u) => u.kind === 'OTHER');
    rows.push(h('div', {
      class: ['posting__row', heading ? 'posting__row--heading' : null, items.length ? 'posting__row--item' : null,
        other ? 'is-other' : null, gapBefore ? 'has-gap' : null],
      dataset: {kind: items[0]?.kind ?? here[0]?.kind ?? undefined},
    }, body, trailing));
    gapBefore = false;
  }

  const hangul = /[\uac00-\ud7a3]/.test(text);
  return h('section', {class: 'panel read-posting', 'aria-labelledby': 'posting-title'},
    h('h3', {id: 'posting-title', class: 'panel__title'}, t('read.postingTitle')),
    h('p', {class: 'panel__intro'}, t('read.postingIntro')),
    h('ul', {class: 'posting-legend', 'aria-label': t('read.legend')},
      h('li', null, h('mark', {class: 'mention mention--tech'}, t('read.legendTech'))),
      h('li', null, h('mark', {class: 'mention mention--concept'}, t('read.legendConcept'))),
      h('li', null, h('span', {class: 'ev ev--legend'}, t('read.legendEvidence'))),
      h('li', null, h('span', {class: 'posting__item is-other'}, t('read.legendOther')))),
    marks.length ? null : h('p', {class: 'muted'}, t('read.noMentions')),
    h('div', {class: 'posting', lang: hangul ? 'ko' : 'en', dataset: {testid: 'posting'}}, rows));
}

/** An item's closest article requirement, small beside it. */
function closestDetails(item, tag) {
  const r = item.closest;
  const d = sourceDetails({source: r.source, en: r.en, key: `closest-${tag}-${item.span.start}-${r.id}`});
  d.classList.add('closest');
  d.dataset.line = String(r.source.line);
  d.querySelector('.source__line').textContent = t('read.readsLike', {n: r.source.line});
  d.querySelector('.source__body').prepend(h('p', {class: 'closest__meta'},
    t('read.closestOf', {kind: t(`kind.${r.kind}`), stage: r.stage.name, sim: num(item.similarity ?? 0)})));
  return d;
}

// ---- 3. your gap -------------------------------------------------------------

function gapPanel(ctx, gap) {
  const {state} = ctx;
  const title = h('h3', {id: 'read-gap-title', class: 'panel__title', tabindex: '-1'}, t('read.gapTitle'));
  if (!state.have.length || !gap) {
    return h('section', {class: 'panel read-gap', 'aria-labelledby': 'read-gap-title', dataset: {testid: 'read-gap'}},
      title,
      h('p', {class: 'notice notice--hint'}, t('read.gapNone'), ' ',
        h('a', {class: 'link', href: ctx.href({view: 'gap'}), dataset: {view: 'gap'}}, t('read.gapNoneLink'))));
  }
  const known = new Set(gap.known.map((sk) => sk.slug));
  const total = gap.met.length + gap.open.length;
  const item = (it, met) => h('li', {class: ['req', met ? 'req--met' : 'req--open'], dataset: {start: String(it.span.start)}},
    h('div', {class: 'req__head'},
      h('span', {class: 'req__icon', 'aria-hidden': 'true'}, met ? '✓' : '○'),
      kindBadge(it.kind),
      h('span', {class: 'req__text'}, it.span.text)),
    it.skills.length ? h('p', {class: 'read-gap__skills'}, it.skills.map((sk) =>
      h('span', {class: ['tag', known.has(sk.slug) ? 'tag--have' : null]}, known.has(sk.slug) ? `✓ ${sk.name}` : sk.name))) : null);

  const showAll = ctx.memo[MISSING_MEMO];
  const shownMissing = showAll ? gap.missing : gap.missing.slice(0, SHOWN_MISSING);
  const missing = gap.missing.length
    ? h('ol', {class: 'read-missing', dataset: {testid: 'read-missing'}}, shownMissing.map((sk, i) =>
      h('li', {class: 'read-missing__item', dataset: {slug: sk.slug}},
        h('span', {class: 'read-missing__name'}, sk.name),
        h('button', {
          type: 'button', class: 'button button--small button--quiet',
          'aria-label': t('gap.iKnowThisLabel', {name: sk.name}),
          dataset: {focusKey: i === 0 ? 'read-know-first' : `read-know-${sk.slug}`},
          onclick: () => {
            ctx.announce(t('combo.added', {name: sk.name}));
            ctx.navigate({have: [...state.have, sk.slug]}, {focus: 'read-know-first'});
          },
        }, '+ ', t('gap.iKnowThis')))))
    : h('p', {class: 'notice notice--success'}, t('read.complete'));
  if (!gap.missing.length) title.dataset.focusKey = 'read-know-first'; // where focus lands after the last "I know this"

  return h('section', {class: 'panel read-gap', 'aria-labelledby': 'read-gap-title', dataset: {testid: 'read-gap'}},
    title,
    h('p', {class: 'panel__intro'}, t('read.gapIntro')),
    total === 0
      ? h('p', {class: 'muted'}, t('read.noItems'))
      : [
        meter(gap.coverage, {label: t('read.coverage'), size: 'lg'}),
        h('p', {class: 'read-gap__count'}, t('read.itemsCount', {met: gap.met.length, total})),
        h('h4', {class: 'panel__subtitle'}, t('read.missing')),
        gap.missing.length ? h('p', {class: 'panel__intro'}, t('read.missingIntro')) : null,
        missing,
        gap.missing.length > SHOWN_MISSING ? h('button', {
          type: 'button', class: 'button button--quiet button--small read-missing__toggle', dataset: {focusKey: 'read-missing-toggle'},
          'aria-expanded': String(!!showAll),
          onclick: () => { ctx.memo[MISSING_MEMO] = !showAll; ctx.rerender(); },
        }, showAll ? t('gap.showFewer') : t('gap.showAll', {n: gap.missing.length})) : null,
        h('h4', {class: 'panel__subtitle'}, t('read.itemsOpen', {n: gap.open.length})),
        gap.open.length ? h('ul', {class: 'reqs', dataset: {testid: 'read-open'}}, gap.open.map((it) => item(it, false))) : h('p', {class: 'muted'}, '—'),
        h('h4', {class: 'panel__subtitle'}, t('read.itemsMet', {n: gap.met.length})),
        gap.met.length ? h('ul', {class: 'reqs', dataset: {testid: 'read-met'}}, gap.met.map((it) => item(it, true))) : h('p', {class: 'muted'}, t('read.noneMet')),
      ],
    gap.unknown.length ? h('p', {class: 'notice', dataset: {testid: 'read-unknown-names'}}, t('read.unknownNames', {list: list(gap.unknown.map((n) => `“${n}”`))})) : null,
    h('p', {class: 'read-gap__yours'},
      gap.known.length ? t('read.yourSkills', {list: list(gap.known.map((sk) => sk.name))}) : null, ' ',
      h('a', {class: 'link', href: ctx.href({view: 'gap'}), dataset: {view: 'gap'}}, t('read.editSkills'))));
}

// ---- 4. unknown terms --------------------------------------------------------

function unknownPanel(terms) {
  if (!terms.length) return null;
  const seen = new Set();
  const unique = terms.filter((term) => !seen.has(nameKey(term)) && seen.add(nameKey(term)));
  return h('section', {class: 'panel panel--warn read-unknown', 'aria-labelledby': 'unknown-terms-title', dataset: {testid: 'unknown-terms'}},
    h('h3', {id: 'unknown-terms-title', class: 'panel__title'}, t('read.unknownTitle')),
    h('p', null, t('read.unknownBody')),
    h('ul', {class: 'read-unknown__list'}, unique.map((term) => h('li', {class: 'tag'}, term))));
}
