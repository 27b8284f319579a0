// The views. Each has load(ctx), which asks the API for what it shows, and
// build(ctx, data), which turns the answer into elements; after(ctx, el)
// runs once they are on the page.

import {h, nameKey, highlight} from './dom.js';
import {t, apiLang, pct, num, list} from './i18n.js';
import {fitQuery, MAX_FIT, GAP, STAGES_FULL, RANKED, SEARCH, SUGGEST} from './queries.js';
import {skillInput} from './combobox.js';
import {kindBadge, stageDot, sourceDetails, meter, bar, stagePicker, emptyPanel, viewHeader, choiceText, localName} from './ui.js';

const KINDS = ['RESPONSIBILITY', 'REQUIRED', 'PREFERRED'];
const TRAIT_KINDS = ['POSTING_SIGNAL', 'WORK_REALITY'];

/**
 * pickStage returns the state's stage if it exists; an unknown slug falls
 * back to fallback (the first stage) with a notice.
 */
function pickStage(stages, slug, fallback = stages[0]?.slug) {
  if (!slug) return {slug: fallback, notice: null};
  if (stages.some((s) => s.slug === slug)) return {slug, notice: null};
  return {slug: fallback, notice: h('p', {class: 'notice', role: 'status'}, t('stage.unknown', {slug}))};
}

function stageIndex(stages, slug) {
  return Math.max(0, stages.findIndex((s) => s.slug === slug));
}

/** The slugs of the reader's skills, from resolveHave's answer. */
function haveSlugs(resolved) {
  return new Set([...resolved.values()].filter(Boolean).map((sk) => sk.slug));
}

function link(ctx, patch, text, cls = 'link') {
  return h('a', {class: cls, href: ctx.href(patch)}, text);
}

// ---- My fit: skills you know against each stage ---------------------------

export const gapView = {
  async load(ctx) {
    const stages = await ctx.stages();
    const {state} = ctx;
    const have = state.have;
    const lang = apiLang();
    const asked = stages.some((st) => st.slug === state.stage) ? state.stage : null;
    // The fit cards: one request for every stage, at most MAX_FIT of them
    // (the API's limits on root fields and aliases), the chosen stage last
    // when it is not among the first ones; the seed has two.
    let fitStages = stages.slice(0, MAX_FIT);
    if (asked && !fitStages.some((st) => st.slug === asked)) {
      fitStages = [...stages.slice(0, MAX_FIT - 1), stages.find((st) => st.slug === asked)];
    }
    const fitVars = {have};
    fitStages.forEach((st, i) => { fitVars[`s${i}`] = st.slug; });
    const askGap = (slug) => ctx.client.query(GAP, {have, lang, stage: slug});
    // The chosen stage's gap in full: asked with the fits when the address
    // names the stage, after them when it is the best fit.
    const [fitData, asking] = await Promise.all([ctx.client.query(fitQuery(fitStages.length), fitVars), asked ? askGap(asked) : null]);
    const fits = fitStages.map((st, i) => ({...fitData[`f${i}`], stage: st, index: stageIndex(stages, st.slug)}));
    const top = Math.max(...fits.map((g) => g.coverage));
    const best = top > 0 ? fits.find((g) => g.coverage === top) : null;
    const {slug: chosen, notice} = pickStage(stages, state.stage, (best ?? fits[0]).stage.slug);
    const data = asking ?? await askGap(chosen);
    const gap = {...data.skillGap, stage: stages.find((st) => st.slug === chosen), index: stageIndex(stages, chosen)};
    // The names of the chips are the API's; a skill named twice counts once.
    const resolved = gap.resolved;
    ctx.settleHave(resolved);
    // "Did you mean" for each name the knowledge base does not know: the
    // API's first suggestion for it that is not among the reader's skills.
    const known = new Set(resolved.filter((r) => r.skill).map((r) => r.skill.slug));
    const guesses = new Map(await Promise.all(gap.unknown.map(async (raw) => {
      try {
        const found = await ctx.client.query(SUGGEST, {text: raw, first: 3});
        return [raw, found.suggestSkills.find((sk) => !known.has(sk.slug)) ?? null];
      } catch {
        return [raw, null]; // no guess; the name is still shown as unknown
      }
    })));
    return {fits, best, chosen, notice, gap, resolved, guesses};
  },

  build(ctx, {fits, best, chosen, notice, gap, resolved, guesses}) {
    const {state} = ctx;
    const unknown = new Set(gap.unknown);
    const skillOf = new Map(resolved.map((r) => [r.name, r.skill]));
    const entries = state.have.map((raw) => ({raw, skill: unknown.has(raw) ? null : skillOf.get(raw) ?? null, unknown: unknown.has(raw)}));
    const auto = !state.stage;

    const setHave = (have, extra = {}) => ctx.navigate({have, ...extra}, {focus: 'skill-input'});
    const input = skillInput({
      client: ctx.client, entries, announce: ctx.announce,
      onAdd: (raws) => setHave([...state.have, ...raws]),
      onRemove: (i) => setHave(state.have.filter((_, j) => j !== i)),
      onClear: () => setHave([]),
    });

    const examples = h('p', {class: 'examples'}, h('span', {class: 'examples__label'}, t('examples')),
      [['example.pythonKafka', ['python', 'kafka']], ['example.jvm', ['java', 'spark', 'k8s']], ['example.typos', ['golang', 'Hadoo', 'Fortran']]]
        .map(([key, have]) => link(ctx, {view: 'gap', have, stage: null}, t(key), 'chip-link')));

    const choose = (slug) => {
      if (ctx.state.stage !== slug) ctx.navigate({stage: slug}, {focus: `gap-stage-${slug}`});
    };
    const cards = h('fieldset', {class: 'fit-cards'},
      h('legend', {class: 'fit-cards__legend'}, t('gap.fitLabel')),
      fits.map((g) => {
        const total = g.satisfiedCount + g.unsatisfiedCount;
        return h('label', {class: ['fit-card', `stage-${g.index % 4}`, g.stage.slug === chosen ? 'is-chosen' : null], dataset: {stage: g.stage.slug}},
          h('input', {
            class: 'fit-card__radio', type: 'radio', name: 'gap-stage', value: g.stage.slug,
            // Named by the stage and its coverage, not by the whole card.
            'aria-labelledby': `fit-name-${g.index} fit-pct-${g.index}`,
            'aria-describedby': `fit-count-${g.index}`,
            checked: g.stage.slug === chosen, dataset: {focusKey: `gap-stage-${g.stage.slug}`},
            // click too: choosing the stage shown as the best fit pins it.
            onclick: () => choose(g.stage.slug),
            onchange: () => choose(g.stage.slug),
          }),
          h('span', {class: 'fit-card__head'},
            stageDot(g.index),
            h('span', {class: 'fit-card__name', id: `fit-name-${g.index}`}, g.stage.name),
            g === best ? h('span', {class: 'badge badge--best'}, t('gap.bestFit')) : null),
          h('span', {class: 'fit-card__summary'}, g.stage.summary),
          meter(g.coverage, {label: t('gap.coverageOf', {stage: g.stage.name}), size: 'lg', id: `fit-pct-${g.index}`}),
          h('span', {class: 'fit-card__count', id: `fit-count-${g.index}`},
            t('gap.reqCount', {met: g.satisfiedCount, total}),
            g === best ? h('span', {class: 'visually-hidden'}, ` · ${t('gap.bestFit')}`) : null));
      }));

    return h('section', {class: 'view view--gap'},
      viewHeader(t('gap.title'), t('gap.intro')),
      notice,
      h('div', {class: 'panel panel--input'},
        input,
        state.have.length === 0 ? examples : null),
      state.have.length === 0 ? h('p', {class: 'notice notice--hint'}, t('gap.empty')) : null,
      cards,
      auto && state.have.length > 0 && best ? h('p', {class: 'hint'}, t('gap.auto')) : null,
      gapDetail(ctx, gap, entries, guesses));
  },

  after(ctx, el, {fits}) {
    if (ctx.state.have.length === 0) return;
    ctx.announce(t('gap.announce', {list: list(fits.map((g) => `${g.stage.name} ${pct(g.coverage)}`))}));
  },
};

function gapDetail(ctx, gap, entries, guesses) {
  const {state} = ctx;
  const unknownEntries = entries.filter((e) => e.unknown);

  const unknownPanel = unknownEntries.length ? h('section', {class: 'panel panel--warn', 'aria-labelledby': 'unknown-title', dataset: {testid: 'unknown'}},
    h('h2', {id: 'unknown-title', class: 'panel__title'}, t('gap.unknownTitle')),
    h('p', null, t('gap.unknownBody')),
    h('ul', {class: 'unknown-list'}, unknownEntries.map((e) => {
      const guess = guesses.get(e.raw);
      return h('li', null, h('span', {class: 'unknown-list__name'}, `“${e.raw}”`),
        guess ? h('button', {
          type: 'button', class: 'button button--small', dataset: {guess: guess.slug},
          onclick: () => ctx.navigate({have: state.have.map((x) => (x === e.raw ? guess.slug : x)), stage: gap.stage.slug}, {focus: 'skill-input'}),
        }, t('gap.didYouMean', {name: localName(guess)})) : null);
    }))) : null;

  // The choices the known skills meet, by requirement and index, and the
  // skills that meet each: the API's matches, broader links included.
  const metBy = new Map();
  for (const m of gap.matches) {
    const key = `${m.requirement.id}#${m.choice}`;
    if (!metBy.has(key)) metBy.set(key, []);
    metBy.get(key).push(m);
  }
  const meeting = (r, i) => metBy.get(`${r.id}#${i}`) ?? [];
  const openReq = new Map(gap.unsatisfied.map((r) => [r.id, r]));

  // What to learn next: the API's steps, each one open choice that any one
  // of its alternatives meets, so five languages are one step, not five.
  const steps = gap.steps;
  const memoKey = 'gap.showAllMissing';
  const showAll = ctx.memo[memoKey];
  const shown = showAll ? steps : steps.slice(0, 6);
  const maxGain = Math.max(...steps.map((st) => st.gain), 0);
  const know = (sk, label, cls) => h('button', {
    type: 'button', class: ['button', 'button--small', cls], 'aria-label': t('gap.iKnowThisLabel', {name: sk.name}),
    dataset: {focusKey: `know-${sk.slug}`, slug: sk.slug},
    onclick: () => {
      ctx.announce(t('combo.added', {name: sk.name}));
      ctx.navigate({have: [...state.have, sk.slug], stage: gap.stage.slug}, {focus: 'next-first'});
    },
  }, '+ ', label);
  const next = h('section', {class: 'panel', 'aria-labelledby': 'next-title'},
    h('h2', {id: 'next-title', class: 'panel__title'}, t('gap.next'), h('span', {class: 'panel__sub'}, gap.stage.name)),
    steps.length === 0
      ? h('p', {class: 'notice notice--success'}, t('gap.complete'))
      : [
        h('p', {class: 'panel__intro'}, state.have.length ? t('gap.nextIntro') : t('gap.startIntro')),
        h('ol', {class: 'missing', dataset: {testid: 'steps'}}, shown.map((st, i) => {
          const several = st.anyOf.length > 1;
          const title = several ? t('gap.stepOneOf', {list: st.anyOf.map((sk) => sk.name).join(', ')}) : st.anyOf[0].name;
          return h('li', {class: ['missing__item', several ? 'missing__item--choice' : null], dataset: {step: st.anyOf.map((sk) => sk.slug).join(',')}},
            h('span', {class: 'missing__rank', 'aria-hidden': 'true'}, String(i + 1)),
            h('div', {class: 'missing__body'},
              h('div', {class: 'missing__head'},
                h('h3', {class: 'missing__name'}, title),
                h('span', {class: 'missing__gain', title: t('gap.gainLabel', {pct: pct(st.gain)})},
                  bar(st.gain, maxGain, 'bar--gain'),
                  h('span', {class: 'missing__pct'}, t('gap.gain', {pct: pct(st.gain)}),
                    h('span', {class: 'visually-hidden'}, ` (${t('gap.gainLabel', {pct: pct(st.gain)})})`))),
                several ? null : know(st.anyOf[0], t('gap.iKnowThis'))),
              // One "I know this" per alternative: any one of them meets the choice.
              several ? h('div', {class: 'missing__know', role: 'group', 'aria-label': t('gap.knowOneLabel', {choice: title})},
                h('span', {class: 'missing__know-label'}, t('gap.knowOne')),
                st.anyOf.map((sk) => know(sk, sk.name, 'button--choice'))) : null,
              h('ul', {class: 'why'}, st.why.map((w) => h('li', null, w))),
              // The article's own words for each requirement the step would help meet.
              h('div', {class: 'missing__sources'}, st.requirements.map((ref) => openReq.get(ref.id)).filter(Boolean).map((r) =>
                sourceDetails({source: r.source, en: r.en, key: `next-${gap.stage.slug}-${st.anyOf[0].slug}-${r.id}`})))));
        })),
        steps.length > 6 ? h('button', {
          type: 'button', class: 'button button--quiet', dataset: {focusKey: 'missing-toggle'},
          'aria-expanded': String(!!showAll),
          onclick: () => { ctx.memo[memoKey] = !showAll; ctx.rerender(); },
        }, showAll ? t('gap.showFewer') : t('gap.showAll', {n: steps.length})) : null,
      ]);
  // After "I know this", focus lands on the first remaining "I know this".
  const firstKnow = next.querySelector('.missing__item button');
  if (firstKnow) firstKnow.dataset.focusKey = 'next-first';

  const reqItem = (r, met) => h('li', {class: ['req', met ? 'req--met' : 'req--open'], dataset: {id: r.id}},
    h('div', {class: 'req__head'},
      h('span', {class: 'req__icon', 'aria-hidden': 'true'}, met ? '✓' : '○'),
      kindBadge(r.kind),
      h('span', {class: 'req__text'}, r.text)),
    met ? null : h('ul', {class: 'choices'}, r.needs.map((c, i) => {
      const has = meeting(r, i);
      // One item per choice: "one of Python, Java, …" and the group its
      // "such as" opens; the vocabulary narrower than those meets it too.
      return h('li', {class: ['choice', has.length ? 'choice--met' : 'choice--open']},
        h('span', {class: 'choice__label'}, has.length ? `✓ ${t('gap.choiceMet')}` : t('gap.choiceOpen')),
        h('span', {class: 'choice__skills'}, has.length
          ? has.map((m) => h('span', {class: 'tag tag--have', title: m.why}, m.countsAs.name))
          : h('span', {class: ['tag', c.named.length > 1 ? 'tag--choice' : null]}, choiceText(c))),
        c.widenedBy ? h('span', {class: 'choice__note'}, t('gap.widened', {n: c.widenedBy.source.line})) : null);
    })),
    sourceDetails({source: r.source, en: r.en, key: `gap-${r.id}`}));

  const reqs = h('div', {class: 'req-columns'},
    h('section', {class: 'panel', 'aria-labelledby': 'open-title'},
      h('h2', {id: 'open-title', class: 'panel__title'}, t('gap.unsatisfied', {n: gap.unsatisfiedCount})),
      h('ul', {class: 'reqs', dataset: {testid: 'unsatisfied'}}, gap.unsatisfied.map((r) => reqItem(r, false)))),
    h('section', {class: 'panel', 'aria-labelledby': 'met-title'},
      h('h2', {id: 'met-title', class: 'panel__title'}, t('gap.satisfied', {n: gap.satisfiedCount})),
      gap.satisfied.length
        ? h('ul', {class: 'reqs', dataset: {testid: 'satisfied'}}, gap.satisfied.map((r) => reqItem(r, true)))
        : h('p', {class: 'muted'}, t('gap.noneSatisfied'))));

  return h('div', {class: ['gap-detail', `stage-${gap.index % 4}`], dataset: {stage: gap.stage.slug}},
    unknownPanel, countsPanel(gap), next, reqs);
}

// How each known skill meets the stage: the API's matches, which name every
// broader link a vocabulary skill counts through (Airflow → workflow
// orchestration → data pipelines).
function countsPanel(gap) {
  if (gap.known.length === 0) return null;
  return h('section', {class: 'panel', 'aria-labelledby': 'counts-title', dataset: {testid: 'counts'}},
    h('h2', {id: 'counts-title', class: 'panel__title'}, t('gap.countsTitle'), h('span', {class: 'panel__sub'}, gap.stage.name)),
    h('p', {class: 'panel__intro'}, t('gap.countsIntro')),
    h('ul', {class: 'counts'}, gap.known.map((sk) => {
      const matches = gap.matches.filter((m) => m.skill.slug === sk.slug);
      const via = [...new Set(matches.filter((m) => !m.direct).map((m) => m.countsAs.name))];
      return h('li', {class: 'counts__item', dataset: {slug: sk.slug}},
        h('div', {class: 'counts__head'},
          h('span', {class: 'tag tag--have'}, sk.name),
          sk.evidenced ? null : h('span', {class: 'badge'}, t('gap.vocabulary')),
          via.map((name) => h('span', {class: 'counts__as'}, t('gap.countsAs', {name})))),
        matches.length
          ? h('ul', {class: 'why'}, matches.map((m) => h('li', null, m.why)))
          : h('p', {class: 'muted'}, t('gap.countsNothing')));
    })));
}

// ---- Stages side by side ---------------------------------------------------

export const stagesView = {
  async load(ctx) {
    const stages = await ctx.stages();
    // Two stages side by side: the state's and the next (the one before it
    // for the last), the first two when the state names none. The seed has
    // two; with more, a chooser picks where to start.
    const {slug, notice} = pickStage(stages, ctx.state.stage);
    const start = Math.max(0, Math.min(stageIndex(stages, slug), stages.length - 2));
    const pair = stages.slice(start, start + 2);
    if (pair.length === 0) return {stages, shown: [], slug, notice};
    const data = await ctx.client.query(STAGES_FULL, {lang: apiLang(), s0: pair[0].slug, s1: (pair[1] ?? pair[0]).slug});
    const shown = [data.s0, data.s1].slice(0, pair.length).map((st, k) => ({...st, index: start + k}));
    return {stages, shown, slug, notice};
  },

  build(ctx, {stages, shown, slug, notice}) {
    const cols = shown.length;
    const grid = h('div', {class: 'stage-grid', dataset: {cols: String(cols)}});
    grid.style.setProperty('--cols', String(cols));

    shown.forEach((st) => grid.append(h('header', {class: ['stage-head', `stage-${st.index % 4}`], id: `stage:${st.slug}`, tabindex: '-1', dataset: {nodeId: `stage:${st.slug}`}},
      h('h2', {class: 'stage-head__name'}, stageDot(st.index), st.name),
      h('p', {class: 'stage-head__summary'}, st.summary),
      h('p', {class: 'stage-head__links'},
        link(ctx, {view: 'skills', stage: st.slug}, t('stages.skillsLink')),
        link(ctx, {view: 'gap', stage: st.slug}, t('stages.gapLink'))),
      sourceDetails({source: st.source, key: `stage-${st.slug}`}))));

    const section = (title, cells) => {
      grid.append(h('h3', {class: 'stage-grid__section'}, title));
      cells.forEach((cell) => grid.append(cell));
    };
    for (const kind of KINDS) {
      section(t(`kinds.${kind}`), shown.map((st) => cell(st, st.index,
        st.requirements.filter((r) => r.kind === kind).map((r) => h('li', {class: 'item', id: r.id, tabindex: '-1', dataset: {nodeId: r.id}},
          h('p', {class: 'item__text'}, r.text),
          needsLine(r),
          sourceDetails({source: r.source, en: r.en, key: r.id}))))));
    }
    for (const kind of TRAIT_KINDS) {
      section(t(`traits.${kind}`), shown.map((st) => cell(st, st.index,
        st.traits.filter((tr) => tr.kind === kind).map((tr) => h('li', {class: 'item item--trait', id: tr.id, tabindex: '-1', dataset: {nodeId: tr.id}},
          h('p', {class: 'item__text'}, tr.statement),
          tr.implications.length ? h('ul', {class: 'implications'}, tr.implications.map((imp) => h('li', null, imp))) : null,
          tr.emphasizes.length ? h('p', {class: 'item__meta'}, h('span', {class: 'item__label'}, t('stages.emphasizes')),
            tr.emphasizes.map((sk) => h('span', {class: 'tag'}, sk.name))) : null,
          tr.widens.length ? h('p', {class: 'item__meta'}, t('stages.widens', {lines: tr.widens.map((r) => r.source.line).join(', ')})) : null,
          sourceDetails({source: tr.source, en: tr.en, key: tr.id}))))));
    }

    // Only with more stages than the two shown: where to start.
    const chooser = stages.length > 2 ? [notice, h('div', {class: 'controls'},
      stagePicker({stages, selected: slug, name: 'stages-stage', onChange: (s) => ctx.navigate({stage: s}, {focus: `stages-stage-${s}`})}))] : null;
    return h('section', {class: 'view view--stages'},
      viewHeader(t('stages.title'), t('stages.intro')),
      chooser,
      grid);
  },

  after(ctx, el) {
    const id = ctx.state.focus;
    if (!id) return;
    const target = [...el.querySelectorAll('[data-node-id]')].find((n) => n.dataset.nodeId === id);
    if (!target) return;
    target.classList.add('is-target');
    target.querySelector('details')?.setAttribute('open', '');
    target.scrollIntoView({block: 'center'});
    target.focus({preventScroll: true});
  },
};

/**
 * needsLine is what a requirement needs, one item per choice: "Data
 * pipelines", "one of Python, Java, Scala, Kotlin, Go, or similar
 * (Programming language)". Every choice must be met, each by any one of its
 * skills.
 */
function needsLine(r) {
  if (!r.needs?.length) return null;
  return h('p', {class: 'item__meta item__needs', dataset: {testid: 'needs'}},
    h('span', {class: 'item__label'}, t(r.needs.length > 1 ? 'stages.needsAll' : 'stages.needs')),
    r.needs.map((c) => h('span', {class: 'item__choice'},
      h('span', {class: ['tag', c.named.length > 1 ? 'tag--choice' : null], dataset: {choice: c.named.map((sk) => sk.slug).join(',')}}, choiceText(c)),
      c.widenedBy ? h('span', {class: 'choice__note'}, t('gap.widened', {n: c.widenedBy.source.line})) : null)));
}

function cell(st, i, items) {
  return h('div', {class: ['stage-cell', `stage-${i % 4}`]},
    h('p', {class: 'stage-cell__tag'}, stageDot(i), st.name),
    items.length ? h('ul', {class: 'items'}, items) : h('p', {class: 'muted'}, '—'));
}

// ---- Which skills matter ---------------------------------------------------

export const skillsView = {
  async load(ctx) {
    const stages = await ctx.stages();
    const {slug, notice} = pickStage(stages, ctx.state.stage);
    const kinds = ctx.state.kinds;
    const resolving = ctx.resolveHave(stages);
    if (kinds && kinds.length === 0) return {stages, have: haveSlugs(await resolving), slug, notice, ranked: null};
    const [data, resolved] = await Promise.all([ctx.client.query(RANKED, {stage: slug, kinds, lang: apiLang()}), resolving]);
    return {stages, have: haveSlugs(resolved), slug, notice, ranked: data.skillsForStage, traits: data.stage?.traits ?? []};
  },

  build(ctx, {stages, have, slug, notice, ranked, traits}) {
    const {state} = ctx;
    const idx = stageIndex(stages, slug);
    const kinds = state.kinds ?? KINDS;

    const controls = h('div', {class: 'controls'},
      stagePicker({stages, selected: slug, name: 'skills-stage', onChange: (s) => ctx.navigate({stage: s}, {focus: `skills-stage-${s}`})}),
      h('fieldset', {class: 'checks'},
        h('legend', {class: 'segmented__legend'}, t('skills.kinds')),
        KINDS.map((k) => h('label', {class: 'check'},
          h('input', {
            type: 'checkbox', value: k, checked: kinds.includes(k), dataset: {focusKey: `kind-${k}`},
            onchange: (e) => {
              const next = KINDS.filter((x) => (x === k ? e.target.checked : kinds.includes(x)));
              ctx.navigate({kinds: next.length === KINDS.length ? null : next}, {focus: `kind-${k}`});
            },
          }),
          kindBadge(k)))),
      h('details', {class: 'rule', dataset: {key: 'score-rule'}},
        h('summary', null, t('skills.rule')),
        h('ul', null, ['skills.rule1', 'skills.rule2', 'skills.rule3'].map((k) => h('li', null, t(k))))));

    let body;
    if (ranked === null) body = emptyPanel(t('skills.noKinds'));
    else if (ranked.length === 0) body = emptyPanel(t('skills.empty'));
    else {
      const memoKey = 'skills.showAll';
      const showAll = ctx.memo[memoKey];
      const shown = showAll ? ranked : ranked.slice(0, 12);
      const max = ranked[0].score;
      body = [
        h('p', {class: 'count'}, t('skills.count', {n: ranked.length})),
        h('ol', {class: 'ranked', dataset: {testid: 'ranked'}}, shown.map((r, i) => {
          const emphasizing = traits.filter((tr) => tr.emphasizes.some((s) => s.slug === r.skill.slug));
          return h('li', {class: 'ranked__item', dataset: {slug: r.skill.slug}},
            h('span', {class: 'ranked__rank', 'aria-hidden': 'true'}, String(i + 1)),
            h('div', {class: 'ranked__body'},
              h('div', {class: 'ranked__head'},
                h('h3', {class: 'ranked__name'}, r.skill.name,
                  have.has(r.skill.slug) ? h('span', {class: 'badge badge--have'}, '✓ ', t('skills.youHave')) : null),
                h('span', {class: 'ranked__score'},
                  bar(r.score, max, 'bar--score'),
                  h('span', {class: 'ranked__num', 'aria-label': t('skills.scoreLabel', {score: num(r.score), max: num(max)})}, num(r.score))),
                h('span', {class: 'ranked__kinds'}, r.kinds.map(kindBadge))),
              h('ul', {class: 'why', 'aria-label': t('skills.why')}, r.why.map((w) => h('li', null, w))),
              h('div', {class: 'evidence'},
                h('p', {class: 'evidence__title'}, t('skills.evidence', {n: r.evidence.length + emphasizing.length})),
                r.evidence.map((req) => sourceDetails({source: req.source, en: req.en, title: req.text, badge: kindBadge(req.kind), key: `${slug}-${r.skill.slug}-${req.id}`})),
                emphasizing.map((tr) => sourceDetails({source: tr.source, en: tr.en, title: tr.statement, badge: kindBadge(tr.kind), key: `${slug}-${r.skill.slug}-${tr.id}`})))));
        })),
        ranked.length > 12 ? h('button', {
          type: 'button', class: 'button button--quiet', 'aria-expanded': String(!!showAll), dataset: {focusKey: 'ranked-toggle'},
          onclick: () => { ctx.memo[memoKey] = !showAll; ctx.rerender(); },
        }, showAll ? t('skills.showFewer') : t('skills.showAll', {n: ranked.length})) : null,
      ];
    }
    return h('section', {class: ['view', 'view--skills', `stage-${idx % 4}`]},
      viewHeader(t('skills.title'), t('skills.intro')),
      notice, controls, body);
  },
};

// ---- Search ----------------------------------------------------------------

const SEARCH_EXAMPLES = ['분산', 'Kafka', '스트리밍', 'cloud', '대규모 트래픽', 'pipeline'];

export const searchView = {
  async load(ctx) {
    const stages = await ctx.stages();
    const q = ctx.state.q;
    if (!q) return {stages, hits: null};
    const first = ctx.memo.searchFirst?.[q] ?? 20;
    const [data, resolved] = await Promise.all([
      ctx.client.query(SEARCH, {text: q, searchLang: ctx.state.ql ? ctx.state.ql.toUpperCase() : null, lang: apiLang(), first}),
      ctx.resolveHave(stages),
    ]);
    return {stages, have: haveSlugs(resolved), hits: data.search, first};
  },

  build(ctx, {stages, have, hits, first}) {
    const {state} = ctx;
    const input = h('input', {
      id: 'search-input', class: 'search__input', type: 'search', name: 'q', value: state.q,
      placeholder: t('search.placeholder'), autocomplete: 'off', enterkeyhint: 'search', maxlength: '200',
      dataset: {focusKey: 'search-input', keepValue: 'true'},
    });
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const q = input.value.trim();
        if (q !== state.q && (q.length >= 2 || q === '')) ctx.navigate({q}, {replace: true});
      }, 350);
    });
    const form = h('form', {
      class: 'search', role: 'search',
      onsubmit: (e) => { e.preventDefault(); clearTimeout(timer); ctx.navigate({q: input.value.trim()}, {focus: 'search-input'}); },
    },
    h('label', {class: 'search__label', for: 'search-input'}, t('search.label')),
    h('div', {class: 'search__row'}, input, h('button', {type: 'submit', class: 'button'}, t('search.button'))),
    h('fieldset', {class: 'segmented segmented--small'},
      h('legend', {class: 'segmented__legend'}, t('search.in')),
      [[null, 'search.all'], ['ko', 'search.ko'], ['en', 'search.en']].map(([v, key]) => h('label', {class: 'segmented__option'},
        h('input', {
          type: 'radio', name: 'ql', value: v ?? '', checked: state.ql === v, dataset: {focusKey: `ql-${v}`},
          onchange: () => ctx.navigate({ql: v, q: input.value.trim()}, {focus: `ql-${v}`}),
        }),
        h('span', {class: 'segmented__text'}, t(key))))));

    let body;
    if (hits === null) {
      body = h('div', {class: 'state state--empty'}, h('p', null, t('search.prompt')),
        h('p', {class: 'examples'}, SEARCH_EXAMPLES.map((q) => link(ctx, {q}, q, 'chip-link'))));
    } else if (hits.length === 0) {
      body = emptyPanel(t('search.empty', {q: state.q}));
    } else {
      const words = state.q.split(/\s+/).filter(Boolean);
      body = [
        h('p', {class: 'count', role: 'status'}, hits.length === 1 ? t('search.countOne', {q: state.q}) : t('search.count', {n: hits.length, q: state.q})),
        h('ol', {class: 'results', dataset: {testid: 'results'}}, hits.map((hit) => searchResult(ctx, hit, words, have, stages))),
        hits.length >= first && first < 100 ? h('button', {
          type: 'button', class: 'button button--quiet', dataset: {focusKey: 'search-more'},
          onclick: () => { ctx.memo.searchFirst = {[state.q]: Math.min(100, first + 30)}; ctx.rerender(); },
        }, t('search.more')) : null,
      ];
    }
    return h('section', {class: 'view view--search'},
      viewHeader(t('search.title'), t('search.intro')),
      form, body);
  },
};

const HANGUL = /[\uac00-\ud7a3]/;

/**
 * stagesAt is the state of the Stages view showing a node of a stage. That
 * view shows two stages; with more, the link names the stage to start at.
 */
function stagesAt(stages, slug, focus) {
  return stages.length > 2 ? {view: 'stages', stage: slug, focus} : {view: 'stages', focus};
}

function searchResult(ctx, hit, words, have, stages) {
  const n = hit.node;
  const type = n.__typename;
  let title = '';
  let meta = [];
  let extra = null;
  switch (type) {
    case 'Stage':
      title = n.name;
      extra = h('p', {class: 'result__actions'}, link(ctx, stagesAt(stages, n.slug, n.id), t('search.openStage')));
      break;
    case 'Requirement':
    case 'Trait':
      title = type === 'Requirement' ? n.text : n.statement;
      meta = [kindBadge(type === 'Requirement' ? n.reqKind : n.traitKind), h('span', {class: 'result__stage'}, stageDot(stageIndex(stages, n.stage.slug)), n.stage.name)];
      extra = [
        sourceDetails({source: n.source, en: n.en, key: `search-${n.id}`}),
        h('p', {class: 'result__actions'}, link(ctx, stagesAt(stages, n.stage.slug, n.id), t('search.openStage'))),
      ];
      break;
    case 'Skill': {
      title = n.name;
      const owned = have.has(n.slug);
      extra = [
        n.stages.length ? h('p', {class: 'result__matters'}, h('span', {class: 'item__label'}, t('search.mattersTo')),
          n.stages.map((r) => link(ctx, {view: 'skills', stage: r.stage.slug},
            [stageDot(stageIndex(stages, r.stage.slug)), `${r.stage.name} · ${t('skills.score', {score: num(r.score)})}`], 'tag tag--link'))) : null,
        h('p', {class: 'result__actions'},
          owned
            ? h('span', {class: 'badge badge--have'}, '✓ ', t('search.inMySkills'))
            : h('button', {
              type: 'button', class: 'button button--small', dataset: {focusKey: `add-${n.slug}`},
              onclick: () => {
                ctx.announce(t('combo.added', {name: n.name}));
                ctx.navigate({have: [...ctx.state.have, n.slug]}, {focus: `add-${n.slug}`});
              },
            }, '+ ', t('search.addSkill'))),
      ];
      break;
    }
    case 'Category':
      title = n.name;
      extra = h('p', {class: 'result__matters'}, n.skills.map((sk) => h('span', {class: 'tag'}, sk.name)));
      break;
    default:
      title = n.id;
  }
  return h('li', {class: 'result', dataset: {id: n.id, type}},
    h('div', {class: 'result__head'},
      h('span', {class: `badge badge--type badge--${type.toLowerCase()}`}, t(`type.${type}`)),
      h('span', {class: 'result__title'}, title)),
    nameKey(hit.snippet) !== nameKey(title)
      ? h('p', {class: 'result__snippet', lang: HANGUL.test(hit.snippet) ? 'ko' : 'en'}, highlight(hit.snippet, words))
      : null,
    h('p', {class: 'result__meta'}, meta, h('span', null, t('search.matched', {field: t(`field.${hit.field}`)}))),
    extra);
}

