// The career explorer: state in the URL, one view at a time, every answer
// from the public GraphQL API.
//
// The URL is the state: ?view=gap&lang=ko&stage=mature&have=python,kafka
// reopens exactly that view. Every change goes through navigate(), which
// writes the URL and renders; the back button walks the history. (A pasted
// posting, too long for a URL, stays in the tab's sessionStorage: read.js.)

import {h, nameKey} from './dom.js';
import {Client, NetworkError, isAbort} from './api.js';
import {STAGES, RESOLVE_HAVE} from './queries.js';
import {t, setLang, getLang, apiLang, preferredLang, LANGS} from './i18n.js';
import {errorPanel, loadingPanel, playgroundFooter} from './ui.js';
import {gapView, stagesView, skillsView, searchView} from './views.js';
import {compareView} from './compare.js';
import {readView} from './read.js';

const VIEWS = {gap: gapView, read: readView, stages: stagesView, skills: skillsView, compare: compareView, search: searchView};
const VIEW_ORDER = ['gap', 'read', 'stages', 'skills', 'compare', 'search'];
const KINDS = ['RESPONSIBILITY', 'REQUIRED', 'PREFERRED'];
const MAX_HAVE = 40; // skills in the URL, well under the API's list limit
const MAX_NAME = 80; // characters of a name, as the skill input allows
const LOADING_DELAY_MS = 150;

const endpoint = document.querySelector('meta[name="skillgraph-endpoint"]')?.content || '/query';
const client = new Client(endpoint);

// ---- state <-> URL ---------------------------------------------------------

function list(params, name) {
  if (!params.has(name)) return null;
  return params.get(name).split(',').map((x) => x.trim().slice(0, MAX_NAME)).filter(Boolean);
}

/** parseState reads the view's state from a URL's query string. */
export function parseState(search) {
  const p = new URLSearchParams(search);
  const view = VIEW_ORDER.includes(p.get('view')) ? p.get('view') : 'gap';
  const lang = LANGS.includes(p.get('lang')) ? p.get('lang') : preferredLang();
  const have = dedupe(list(p, 'have') ?? []).slice(0, MAX_HAVE);
  const kindsParam = list(p, 'kinds');
  const kinds = kindsParam === null ? null : KINDS.filter((k) => kindsParam.includes(k));
  const ql = ['ko', 'en'].includes(p.get('ql')) ? p.get('ql') : null;
  return {
    view, lang, have, ql,
    kinds: kinds && kinds.length === KINDS.length ? null : kinds,
    stage: p.get('stage') || null,
    a: p.get('a') || null,
    b: p.get('b') || null,
    sel: p.get('sel') || null,
    q: (p.get('q') ?? '').trim().slice(0, 200),
    focus: p.get('focus') || null,
  };
}

/**
 * dedupe drops names that repeat one before them: the same folded name, or,
 * once the API has resolved them (resolvedNames), the same skill under two
 * names (k8s and kubernetes).
 */
function dedupe(names) {
  const seen = new Set();
  return names.filter((n) => {
    const key = resolvedNames.get(n)?.slug ?? nameKey(n);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * queryString writes the state canonically, keeping commas readable:
 * ?view=gap&lang=en&stage=mature&have=python,kafka.
 */
export function queryString(st) {
  const parts = [['view', st.view], ['lang', st.lang]];
  if (st.stage) parts.push(['stage', st.stage]);
  if (st.have.length) parts.push(['have', st.have]);
  if (st.kinds) parts.push(['kinds', st.kinds]);
  if (st.a) parts.push(['a', st.a]);
  if (st.b) parts.push(['b', st.b]);
  if (st.sel) parts.push(['sel', st.sel]);
  if (st.q) parts.push(['q', st.q]);
  if (st.ql) parts.push(['ql', st.ql]);
  if (st.focus) parts.push(['focus', st.focus]);
  return '?' + parts.map(([k, v]) =>
    `${k}=${Array.isArray(v) ? v.map(encodeURIComponent).join(',') : encodeURIComponent(v)}`).join('&');
}

// ---- shared data -----------------------------------------------------------

// The skill each name of `have` stands for, as the API resolved it last
// (name → {slug, name} or null): a name resolves the same in every view.
const resolvedNames = new Map();

/**
 * settleHave records the API's resolution of the names of `have` (a
 * skillGap's `resolved`) and drops the names that repeat a skill, writing
 * the address again if it changed. It returns the names left.
 */
function settleHave(resolved) {
  for (const r of resolved) resolvedNames.set(r.name, r.skill);
  const have = dedupe(state.have);
  if (have.length !== state.have.length) {
    state.have = have;
    history.replaceState(null, '', queryString(state));
  }
  return have;
}

/**
 * resolveHave asks the API what the names of `have` stand for (for the views
 * that mark the reader's skills) and resolves to a Map name → {slug, name}
 * or null.
 */
async function resolveHave(c, stages) {
  const have = c.state.have;
  if (have.length === 0 || stages.length === 0) return new Map();
  const data = await c.client.query(RESOLVE_HAVE, {have, stage: stages[0].slug, lang: apiLang()});
  settleHave(data.skillGap.resolved);
  return new Map(data.skillGap.resolved.map((r) => [r.name, r.skill]));
}

// ---- what each view sends, for the playground ----------------------------

const MAX_LINK = 16000; // longer links carry the document after # (no request line to overflow)

/**
 * playgroundHref is the playground's address for a query and its variables:
 * /?query=…&variables=…&lang=…, opening it as a tab of its own. The
 * document starts with a comment naming the view that sends it.
 */
export function playgroundHref(query, variables, {lang = getLang(), view = state.view} = {}) {
  const doc = `# ${t('pg.comment', {view: t(`nav.${view}`)})}\n${query.trim()}\n`;
  const params = new URLSearchParams({query: doc, variables: JSON.stringify(variables ?? {}), lang});
  const href = `/?${params}`;
  return href.length > MAX_LINK ? `/#${params}` : href;
}

/** The operation's name: "query Gap(…" → "Gap". */
function operationName(query) {
  return /\bquery\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? 'query';
}

/**
 * recorder is the client a render's view uses: every query it sends (a
 * cached answer included) is kept, by operation, with its latest variables,
 * and the view's footer lists them.
 */
function recorder(view) {
  const sent = new Map();
  let footer = null;
  const update = () => {
    if (!footer) return;
    footer.replaceWith(footer = playgroundFooter([...sent.values()], view));
  };
  return {
    client: {
      endpoint: client.endpoint,
      query(query, variables = {}, options) {
        const op = operationName(query);
        // In the order first sent, with the latest variables.
        sent.set(op, {op, query, variables, href: playgroundHref(query, variables, {view})});
        update();
        return client.query(query, variables, options);
      },
    },
    footer() {
      footer = playgroundFooter([...sent.values()], view);
      return footer;
    },
  };
}

async function loadStages(c) {
  const data = await c.client.query(STAGES, {lang: apiLang()});
  return data.stages;
}

// ---- rendering -------------------------------------------------------------

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
let state = parseState(location.search);
let renderSeq = 0;
let renderCount = 0; // completed renders, in data-renders: tests wait for it to move
const memo = {}; // per-view UI memory (toggles) that is not worth a URL

function announce(text) {
  announcer.textContent = '';
  // A fresh text node after a tick makes screen readers speak repeated messages too.
  setTimeout(() => { announcer.textContent = text; }, 30);
}

/** href is the URL of the current state changed by patch, for links. */
function href(patch) {
  return queryString({...state, focus: null, ...patch});
}

/**
 * navigate changes the state, records it in the URL (a new history entry
 * unless replace) and renders. focus names an element (by data-focus-key) to
 * focus after rendering; heading moves focus to the new view's heading.
 */
function navigate(patch, {replace = false, focus = null, heading = false} = {}) {
  const next = {...state, ...patch};
  if (patch.have) next.have = dedupe(patch.have).slice(0, MAX_HAVE);
  if (!('focus' in patch)) next.focus = null;
  state = next;
  const url = queryString(state);
  if (url !== location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render({focus, heading});
}

function ctx(rec) {
  const c = {
    client: rec.client, endpoint, state, memo, announce, navigate, href,
    settleHave,
    rerender: () => render(),
  };
  c.stages = () => loadStages(c);
  c.resolveHave = (stages) => resolveHave(c, stages);
  return c;
}

function renderShell() {
  const lang = getLang();
  document.documentElement.lang = lang;
  document.title = t('app.title', {view: t(`nav.${state.view}`)});
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand-name').textContent = t('app.name');
  document.getElementById('brand-tagline').textContent = t('app.tagline');
  const brand = document.getElementById('brand');
  brand.setAttribute('href', queryString({view: 'gap', lang, have: [], kinds: null, q: ''}));

  const switcher = document.getElementById('lang-switch');
  switcher.setAttribute('aria-label', t('lang.label'));
  for (const b of switcher.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  const copy = document.getElementById('copy-link');
  if (!copy.dataset.copied) copy.textContent = t('copy.label');

  // The tabs are updated in place, so one that has focus keeps it.
  const tabs = document.getElementById('tabs');
  tabs.setAttribute('aria-label', t('nav.label'));
  if (!tabs.firstChild) {
    tabs.append(h('ul', {class: 'tabs__list'}, VIEW_ORDER.map((v) => h('li', null,
      h('a', {class: 'tabs__link', dataset: {view: v}})))));
  }
  for (const a of tabs.querySelectorAll('a[data-view]')) {
    const v = a.dataset.view;
    a.textContent = t(`nav.${v}`);
    a.setAttribute('href', href({view: v}));
    if (v === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }

  document.getElementById('footer').replaceChildren(h('div', {class: 'site-footer__inner'},
    h('p', null, t('footer.api', {endpoint}), ' ', h('a', {href: '/'}, t('footer.playground'))),
    h('p', {class: 'site-footer__source'}, t('footer.source'))));
}

/** swap replaces the view, keeping focus, typed text and open details. */
function swap(el, {focus, heading}) {
  const activeEl = document.activeElement;
  const key = focus ?? (main.contains(activeEl) ? activeEl?.dataset?.focusKey : null);
  const typed = activeEl?.dataset?.keepValue ? {value: activeEl.value, start: activeEl.selectionStart, end: activeEl.selectionEnd} : null;
  const openKeys = new Set([...main.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  const scroll = window.scrollY;

  main.replaceChildren(el);
  for (const d of main.querySelectorAll('details[data-key]')) if (openKeys.has(d.dataset.key)) d.open = true;

  if (heading) {
    main.querySelector('.view__title')?.focus({preventScroll: true});
    window.scrollTo(0, 0);
    return;
  }
  window.scrollTo(0, scroll);
  if (!key) return;
  const target = main.querySelector(`[data-focus-key="${CSS.escape(key)}"]`) ??
    (key.startsWith('chip-remove') ? main.querySelector('[data-focus-key="skill-input"]') : null);
  if (!target) return;
  if (typed && target.dataset.keepValue && !focus) {
    target.value = typed.value;
    try { target.setSelectionRange(typed.start, typed.end); } catch { /* not a text input */ }
  }
  target.focus({preventScroll: true});
}

async function render({focus = null, heading = false} = {}) {
  const seq = ++renderSeq;
  setLang(state.lang);
  renderShell();
  const view = VIEWS[state.view];
  main.dataset.view = state.view;
  const slow = setTimeout(() => {
    if (seq !== renderSeq) return;
    main.dataset.state = 'loading';
    main.setAttribute('aria-busy', 'true');
    if (!main.querySelector('.view') || main.dataset.shown !== state.view) main.replaceChildren(loadingPanel());
  }, LOADING_DELAY_MS);
  const rec = recorder(state.view);
  const c = ctx(rec);
  try {
    const data = await view.load(c);
    if (seq !== renderSeq) return;
    const el = view.build(c, data);
    el.append(rec.footer());
    swap(el, {focus, heading});
    main.dataset.shown = state.view;
    view.after?.(c, el, data);
    // Elements drawn by after() (the compare picture) can take focus only now.
    if (focus && document.activeElement?.dataset?.focusKey !== focus) {
      main.querySelector(`[data-focus-key="${CSS.escape(focus)}"]`)?.focus({preventScroll: true});
    }
    main.dataset.state = 'ready';
    main.dataset.renders = String(++renderCount);
  } catch (err) {
    if (seq !== renderSeq || isAbort(err)) return;
    console.error(err);
    main.replaceChildren(errorPanel(err, {endpoint, onRetry: () => render({focus: 'retry'})}));
    main.dataset.shown = '';
    main.dataset.state = 'error';
    main.dataset.renders = String(++renderCount);
    if (focus === 'retry') main.querySelector('[data-focus-key="retry"]')?.focus();
    if (err instanceof NetworkError) announce(t('unreachable.title'));
  } finally {
    clearTimeout(slow);
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
}

// ---- wiring ----------------------------------------------------------------

document.getElementById('lang-switch').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-lang]');
  if (b && b.dataset.lang !== state.lang) navigate({lang: b.dataset.lang}, {focus: null});
});

document.getElementById('copy-link').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    window.prompt(t('copy.manual'), url);
    return;
  }
  announce(t('copy.done'));
  button.dataset.copied = 'true';
  button.textContent = '✓ ' + t('copy.label');
  setTimeout(() => { delete button.dataset.copied; button.textContent = t('copy.label'); }, 2000);
});

// Links inside the page (tabs, "see ranked skills"…) navigate without a reload.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="?"]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const next = parseState(a.getAttribute('href'));
  const viewChanged = next.view !== state.view;
  state = next;
  history.pushState(null, '', queryString(state));
  render({heading: viewChanged || !!a.dataset.view, focus: null});
});

window.addEventListener('popstate', () => {
  state = parseState(location.search);
  render();
});

// Back online: try again what failed.
window.addEventListener('online', () => {
  if (main.dataset.state === 'error') render();
});

// Write the language (chosen or preferred) into the URL at once, so a link
// copied right away reopens the page in the same language.
history.replaceState(null, '', queryString(state));
render();

// For the browser tests and for anyone poking at the page from the console.
window.explorer = {get state() { return {...state}; }, navigate, client};
