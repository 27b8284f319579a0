// The skill input: a combobox (WAI-ARIA 1.2 list autocomplete) with the chosen
// skills as removable chips. Suggestions come from the skill catalog (every
// name in both languages and every alias, from `skills`) as you type, then
// from the API itself: skill(name:) applies the server's own alias folding,
// search finds skills by any part of their names. Typos get a "did you mean"
// suggestion by edit distance, as the API's own suggestions do.

import {h, uid, debounce, nameKey, highlight, typoLimit} from './dom.js';
import {t, getLang} from './i18n.js';
import {SUGGEST, RESOLVE} from './queries.js';
import {isAbort} from './api.js';

const MAX_OPTIONS = 8;

/** The optimal-string-alignment distance: Levenshtein plus transpositions ("kafak" is 1 from "kafka"). */
export function typoDistance(a, b) {
  const ra = [...a];
  const rb = [...b];
  const d = Array.from({length: ra.length + 1}, (_, i) => [i, ...new Array(rb.length).fill(0)]);
  for (let j = 1; j <= rb.length; j++) d[0][j] = j;
  for (let i = 1; i <= ra.length; i++) {
    for (let j = 1; j <= rb.length; j++) {
      const cost = ra[i - 1] === rb[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && ra[i - 1] === rb[j - 2] && ra[i - 2] === rb[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[ra.length][rb.length];
}

/**
 * Catalog indexes the skills for matching: by slug, by folded name or alias.
 */
export class Catalog {
  constructor(skills) {
    this.skills = skills;
    this.bySlug = new Map(skills.map((sk) => [sk.slug, sk]));
    this.byKey = new Map();
    for (const sk of skills) {
      sk.keys = [
        ...[sk.en, sk.ko, sk.slug].map((label) => ({label, key: nameKey(label), alias: false})),
        ...sk.aliases.map((label) => ({label, key: nameKey(label), alias: true})),
      ].filter((k) => k.key);
      for (const {key} of sk.keys) if (!this.byKey.has(key)) this.byKey.set(key, sk);
    }
  }

  /** resolve finds the skill a name stands for locally: a slug, a name or an alias. */
  resolve(name) {
    return this.bySlug.get(name) ?? this.byKey.get(nameKey(name)) ?? null;
  }

  /** name is a skill's name in the page's language. */
  name(sk) {
    return getLang() === 'ko' ? sk.ko : sk.en;
  }

  /**
   * match ranks the skills for typed text: exact (100), start of a name
   * (80), start of a word (70), inside a name (60), a typo of a name (40) or
   * of its start (30). Names beat aliases by a little. Typos count only when
   * nothing matches as typed.
   */
  match(text, exclude = new Set()) {
    const key = nameKey(text);
    if (!key) return [];
    const words = text.toLowerCase().trim();
    const out = [];
    for (const sk of this.skills) {
      if (exclude.has(sk.slug)) continue;
      let best = null;
      for (const k of sk.keys) {
        let score = 0;
        if (k.key === key) score = 100;
        else if (k.key.startsWith(key)) score = 80;
        else if (k.label.toLowerCase().split(/[\s\-/·,()]+/).some((w) => nameKey(w).startsWith(key))) score = 70;
        else if (k.key.includes(key)) score = 60;
        else if ([...key].length >= 3) {
          const limit = typoLimit(key);
          if (typoDistance(key, k.key) <= limit) score = 40;
          else if ([...key].length >= 5 && [...k.key].length > [...key].length &&
            typoDistance(key, [...k.key].slice(0, [...key].length).join('')) <= limit) score = 30;
        }
        if (!score) continue;
        if (k.alias) score -= 3;
        if (!best || score > best.score) best = {score, via: k.alias ? k.label : null};
      }
      if (best) out.push({skill: sk, score: best.score, alias: best.via, typo: best.score <= 40, words});
    }
    out.sort((x, y) => y.score - x.score || this.name(x.skill).length - this.name(y.skill).length);
    // Guesses at typos only when nothing matches as typed.
    return out.some((m) => !m.typo) ? out.filter((m) => !m.typo) : out;
  }
}

/**
 * skillInput builds the combobox. entries are the chips: {raw, skill (or
 * null), unknown}. onAdd(raws) and onRemove(index) change the list (the app
 * re-renders); announce speaks a message to assistive technology.
 */
export function skillInput({client, catalog, entries, onAdd, onRemove, onClear, announce}) {
  const inputId = 'skill-input';
  const listId = uid('skill-options');
  const hintId = uid('skill-hint');
  let options = []; // [{skill, score, alias, typo, exact}]
  let active = -1;
  let open = false;
  let seq = 0;
  let controller = null;

  const input = h('input', {
    id: inputId,
    class: 'combo__input',
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    enterkeyhint: 'enter',
    maxlength: '80',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': hintId,
    placeholder: t('combo.placeholder'),
    dataset: {focusKey: inputId, keepValue: 'true'},
  });
  const listbox = h('ul', {id: listId, class: 'combo__list', role: 'listbox', 'aria-label': t('combo.label')});
  const status = h('p', {class: 'combo__status', hidden: true});
  const popup = h('div', {class: 'combo__popup', hidden: true}, listbox, status);

  const taken = new Set(entries.filter((e) => e.skill).map((e) => e.skill.slug));

  function chip(entry, i) {
    const name = entry.skill ? catalog.name(entry.skill) : entry.raw;
    const from = entry.skill && nameKey(entry.raw) !== nameKey(entry.skill.slug) &&
      nameKey(entry.raw) !== nameKey(name) ? entry.raw : null;
    return h('li', {class: ['chip', entry.unknown ? 'chip--unknown' : null], dataset: {slug: entry.skill?.slug, raw: entry.raw}},
      entry.unknown ? h('span', {class: 'chip__flag', 'aria-hidden': 'true'}, '?') : null,
      h('span', {class: 'chip__name'}, name),
      entry.unknown ? h('span', {class: 'visually-hidden'}, ` (${t('gap.unknownTitle')})`) : null,
      from ? h('span', {class: 'chip__from'}, `(${from})`) : null,
      h('button', {
        type: 'button', class: 'chip__remove', 'aria-label': t('combo.remove', {name}),
        dataset: {focusKey: `chip-remove-${i}`},
        onclick: () => { announce(t('combo.removed', {name})); onRemove(i); },
      }, '×'));
  }

  function close() {
    open = false;
    active = -1;
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(i) {
    active = i;
    for (const [j, li] of [...listbox.children].entries()) {
      li.setAttribute('aria-selected', String(j === i));
      li.classList.toggle('is-active', j === i);
    }
    if (i >= 0 && listbox.children[i]) {
      input.setAttribute('aria-activedescendant', listbox.children[i].id);
      listbox.children[i].scrollIntoView({block: 'nearest'});
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function render(text) {
    listbox.replaceChildren(...options.map((o, i) => {
      const name = catalog.name(o.skill);
      const other = getLang() === 'ko' ? o.skill.en : o.skill.ko;
      let note = null;
      if (o.exact) note = t('combo.exact');
      else if (o.typo) note = t('combo.typo');
      else if (o.alias) note = t('combo.alias', {alias: o.alias});
      return h('li', {
        id: `${listId}-${i}`, role: 'option', class: 'combo__option', 'aria-selected': 'false',
        dataset: {slug: o.skill.slug},
        onmousedown: (e) => e.preventDefault(), // keep focus in the input
        onclick: () => choose(i),
      },
      h('span', {class: 'combo__name'}, highlight(name, [text.trim()])),
      other && other !== name ? h('span', {class: 'combo__alt'}, other) : null,
      note ? h('span', {class: ['combo__note', o.typo ? 'combo__note--typo' : null]}, note) : null);
    }));
    const trimmed = text.trim();
    status.hidden = options.length > 0 || !trimmed;
    status.textContent = trimmed ? t('combo.none', {text: trimmed}) : '';
    open = trimmed !== '';
    popup.hidden = !open;
    input.setAttribute('aria-expanded', String(open && options.length > 0));
    setActive(options.length > 0 ? 0 : -1);
  }

  function announceCount() {
    if (!input.value.trim()) return;
    if (options.length === 0) announce(t('combo.none', {text: input.value.trim()}));
    else announce(options.length === 1 ? t('combo.one') : t('combo.count', {n: options.length}));
  }
  const announceCountSoon = debounce(announceCount, 700);

  // Ask the API too: its alias folding is the authority, and search reaches
  // names the catalog's matching missed.
  const askServer = debounce(async (text, mySeq) => {
    controller?.abort();
    controller = new AbortController();
    let data;
    try {
      data = await client.query(SUGGEST, {text}, {signal: controller.signal});
    } catch (err) {
      if (!isAbort(err) && mySeq === seq) {
        // Suggestions from the catalog still work; say nothing more here.
        console.warn('suggest:', err);
      }
      return;
    }
    if (mySeq !== seq) return;
    const merged = [...options];
    const add = (slug, fields) => {
      if (taken.has(slug)) return;
      const sk = catalog.bySlug.get(slug);
      if (!sk) return;
      const found = merged.find((o) => o.skill.slug === slug);
      if (found) Object.assign(found, fields.exact ? {exact: true, typo: false, score: 110} : {});
      else merged.push({skill: sk, score: fields.score ?? 50, ...fields});
    };
    if (data.skill) add(data.skill.slug, {exact: true, score: 110});
    for (const hit of data.search) if (hit.node?.slug) add(hit.node.slug, {score: 50});
    merged.sort((x, y) => y.score - x.score);
    const before = options.map((o) => o.skill.slug).join();
    options = merged.slice(0, MAX_OPTIONS);
    if (options.map((o) => o.skill.slug).join() !== before || options.some((o) => o.exact)) {
      const keep = options[active]?.skill.slug;
      render(text);
      const i = options.findIndex((o) => o.skill.slug === keep);
      if (i > 0 && !options[0].exact) setActive(i);
    }
    announceCountSoon();
  }, 120);

  function update() {
    const text = input.value;
    seq += 1;
    if (!text.trim()) {
      options = [];
      close();
      askServer.cancel();
      return;
    }
    options = catalog.match(text, taken).slice(0, MAX_OPTIONS);
    render(text);
    askServer(text.trim(), seq);
    announceCountSoon();
  }

  function choose(i) {
    const o = options[i];
    if (!o) return;
    input.value = '';
    close();
    announce(t('combo.added', {name: catalog.name(o.skill)}));
    onAdd([o.skill.slug]);
  }

  /** commitText adds typed names (comma-separated) that no suggestion was chosen for. */
  async function commitText(parts) {
    const raws = [];
    for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
      let sk = catalog.resolve(part);
      if (!sk) {
        status.hidden = false;
        status.textContent = t('combo.resolving', {text: part});
        popup.hidden = false;
        try {
          const data = await client.query(RESOLVE, {name: part});
          sk = data.skill ? catalog.bySlug.get(data.skill.slug) ?? {slug: data.skill.slug} : null;
        } catch {
          sk = null; // unreachable: keep the name as typed; the gap will say more
        }
      }
      if (sk && taken.has(sk.slug)) {
        announce(t('combo.already', {name: catalog.name(sk)}));
        continue;
      }
      raws.push(sk ? sk.slug : part);
      announce(sk ? t('combo.added', {name: catalog.name(sk)}) : t('combo.addedUnknown', {name: part}));
    }
    close();
    if (raws.length) onAdd(raws);
  }

  input.addEventListener('input', () => {
    if (input.value.includes(',')) {
      const parts = input.value.split(',');
      input.value = parts.pop().trimStart();
      commitText(parts);
    }
    update();
  });
  input.addEventListener('keydown', (e) => {
    if (e.isComposing || e.keyCode === 229) return; // a Korean IME is composing
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) update();
        if (options.length) setActive((active + 1) % options.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) update();
        if (options.length) setActive((active - 1 + options.length) % options.length);
        break;
      case 'Enter': {
        const text = input.value.trim();
        if (!text) return;
        e.preventDefault();
        if (open && active >= 0) choose(active);
        else {
          input.value = '';
          commitText([text]);
        }
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          close();
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
        }
        break;
      case 'Backspace':
        if (input.value === '' && entries.length > 0) {
          e.preventDefault();
          const last = entries[entries.length - 1];
          announce(t('combo.removed', {name: last.skill ? catalog.name(last.skill) : last.raw}));
          onRemove(entries.length - 1);
        }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => { if (input.value.trim()) update(); });

  const chips = entries.length
    ? h('ul', {class: 'chips', 'aria-label': t('combo.yours')}, entries.map(chip))
    : null;
  return h('div', {class: 'combo'},
    h('label', {class: 'combo__label', for: inputId}, t('combo.label')),
    h('div', {class: 'combo__field'},
      chips,
      h('div', {class: 'combo__inputwrap'}, input, popup),
      entries.length > 1 ? h('button', {
        type: 'button', class: 'button button--quiet combo__clear', dataset: {focusKey: 'combo-clear'},
        onclick: () => { announce(t('combo.cleared')); onClear(); },
      }, t('combo.clear')) : null),
    h('p', {class: 'combo__hint', id: hintId}, t('combo.hint')));
}
