// Pieces shared by the views: citations of the article, badges, meters, the
// stage chooser and the loading, empty and error states.

import {h, uid} from './dom.js';
import {t, pct, getLang} from './i18n.js';
import {NetworkError, ApiError} from './api.js';

/** A requirement kind (or trait kind) as a small colored label. */
export function kindBadge(kind) {
  const isTrait = kind === 'POSTING_SIGNAL' || kind === 'WORK_REALITY';
  return h('span', {class: `badge badge--${kind.toLowerCase().replace('_', '-')}`},
    t(isTrait ? `trait.${kind}` : `kind.${kind}`));
}

/** A colored dot standing for the stage at index i of the stages list. */
export function stageDot(i) {
  return h('span', {class: `stage-dot stage-${i % 4}`, 'aria-hidden': 'true'});
}

/**
 * source opens to the article's line: its Korean original (source.quote),
 * the English text and the line number. key keeps it open across re-renders.
 * title, when given, is the summary's main text (an evidence item); otherwise
 * the summary is just "Article, line n".
 */
export function sourceDetails({source, en, title, badge, key}) {
  const summary = h('summary', {class: 'source__summary'},
    badge ?? null,
    title ? h('span', {class: 'source__title'}, title) : null,
    h('span', {class: 'source__line'}, title ? t('cite.line', {n: source.line}) : t('cite.open', {n: source.line})));
  return h('details', {class: ['source', title ? 'source--item' : 'source--cite'], dataset: {key: key ?? undefined}},
    summary,
    h('div', {class: 'source__body'},
      h('figure', {class: 'source__quote'},
        h('figcaption', null, t('cite.korean'), ' · ', t('cite.line', {n: source.line})),
        h('blockquote', {lang: 'ko'}, source.quote)),
      en ? h('p', {class: 'source__en'}, h('span', {class: 'source__label'}, t('cite.english')), h('span', {lang: 'en'}, en)) : null));
}

/**
 * meter shows a share from 0 to 1 as a bar with its percentage; assistive
 * technology reads it as a meter ("33% covered", or valueText). data-coverage
 * carries the exact value.
 */
export function meter(share, {label, size = 'md', id, valueText} = {}) {
  const text = pct(share);
  const bar = h('span', {class: 'meter__fill'});
  bar.style.setProperty('--share', String(Math.max(0, Math.min(1, share))));
  return h('div', {class: `meter meter--${size}`},
    h('span', {class: 'meter__value', 'aria-hidden': 'true', id}, text),
    h('span', {
      class: 'meter__track',
      role: 'meter',
      'aria-valuemin': '0',
      'aria-valuemax': '1',
      'aria-valuenow': String(share),
      'aria-valuetext': valueText ?? t('gap.covered', {pct: text}),
      'aria-label': label,
      dataset: {coverage: String(share)},
    }, bar));
}

/** A bar whose length is value / max, for scores and gains. */
export function bar(value, max, cls = '') {
  const fill = h('span', {class: 'bar__fill'});
  fill.style.setProperty('--share', String(max > 0 ? Math.max(0, Math.min(1, value / max)) : 0));
  return h('span', {class: ['bar', cls], 'aria-hidden': 'true'}, fill);
}

/**
 * stagePicker is a group of radio buttons, one per stage (arrow keys move
 * between them, as radios do).
 */
export function stagePicker({stages, selected, onChange, legend = t('stage.label'), name = uid('stage')}) {
  return h('fieldset', {class: 'segmented'},
    h('legend', {class: 'segmented__legend'}, legend),
    stages.map((st, i) => h('label', {class: ['segmented__option', `stage-${i % 4}`]},
      h('input', {
        type: 'radio', name, value: st.slug, checked: st.slug === selected,
        dataset: {focusKey: `${name}-${st.slug}`},
        onchange: () => onChange(st.slug),
      }),
      h('span', {class: 'segmented__text'}, stageDot(i), st.name))));
}

export function loadingPanel() {
  return h('div', {class: 'state state--loading', role: 'status'},
    h('span', {class: 'spinner', 'aria-hidden': 'true'}), t('loading'));
}

export function emptyPanel(text, ...extra) {
  return h('div', {class: 'state state--empty'}, h('p', null, text), ...extra);
}

/**
 * errorPanel tells an unreachable server apart from an error the API
 * reported and from a fault of the page itself.
 */
export function errorPanel(err, {endpoint, onRetry}) {
  const kind = err instanceof NetworkError ? 'unreachable' : err instanceof ApiError ? 'api' : 'page';
  const body = {
    unreachable: () => t('unreachable.body', {endpoint}),
    api: () => t('error.body', {message: err.message}),
    page: () => t('error.page', {message: String(err?.message ?? err)}),
  }[kind]();
  return h('div', {class: ['state', 'state--error'], role: 'alert', dataset: {error: kind}},
    h('h2', null, t(kind === 'unreachable' ? 'unreachable.title' : 'error.title')),
    h('p', null, body),
    onRetry ? h('button', {type: 'button', class: 'button', onclick: onRetry, dataset: {focusKey: 'retry'}}, t('retry')) : null);
}

/** A view's heading and introduction. */
export function viewHeader(title, intro, introNarrow) {
  return h('header', {class: 'view__head'},
    h('h1', {class: 'view__title', tabindex: '-1'}, title),
    intro ? h('p', {class: ['view__intro', introNarrow ? 'wide-only' : null]}, intro) : null,
    introNarrow ? h('p', {class: 'view__intro narrow-only'}, introNarrow) : null);
}

/**
 * choiceText writes one choice of a requirement (a `needs` entry) as one
 * item: "Spark", or "one of Python, Java, Scala, Kotlin, Go" when any one of
 * several skills will do, and the group its "such as" opens: "…, or similar
 * (Programming language)".
 */
export function choiceText(choice) {
  const names = choice.named.map((s) => s.name);
  let text = names.length > 1 ? t('choice.oneOf', {list: names.join(', ')}) : names[0] ?? '';
  const group = choice.suchAs;
  if (group && !choice.named.some((s) => s.slug === group.slug)) {
    text = text ? t('choice.orSimilar', {choice: text, group: group.name}) : group.name;
  }
  return text;
}

/**
 * playgroundFooter is a view's footer: a link per query the view sent,
 * opening it in the playground with the variables it was sent with.
 */
export function playgroundFooter(sent, view) {
  return h('footer', {class: 'view__footer', dataset: {testid: 'playground-links', view}},
    h('p', {class: 'view__footer-text'},
      h('span', {class: 'view__footer-label'}, t('pg.label')), ' ',
      sent.map(({op, href}, i) => [i ? ' · ' : null, h('a', {
        class: 'link', href, lang: 'en', dataset: {operation: op},
        title: t('pg.title', {op}), 'aria-label': t('pg.title', {op}),
      }, op)])));
}

/** The skill's name in the page's language, from a suggestion's en and ko. */
export function localName(skill) {
  return (getLang() === 'ko' ? skill.ko : skill.en) ?? skill.name ?? skill.en ?? skill.slug;
}
