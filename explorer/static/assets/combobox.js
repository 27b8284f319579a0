// The skill input: a combobox (WAI-ARIA 1.2 list autocomplete) with the chosen
// skills as removable chips. Every suggestion is the API's: suggestSkills
// matches names and aliases in either language, parts of them and typos
// ("kafak"), and skill(name:), its alias folding, marks the exact match. The
// page keeps no list of skills and matches nothing itself; it only says why
// a suggestion came up (an alias, a typo), from the suggestion's own names.

import {h, uid, debounce, nameKey, highlight} from './dom.js';
import {t, getLang} from './i18n.js';
import {SUGGEST, RESOLVE} from './queries.js';
import {isAbort} from './api.js';
import {localName} from './ui.js';

const MAX_OPTIONS = 8;
const ASK_AFTER_MS = 120;

/**
 * note says why the API suggests sk for text: an exact match (the API's
 * skill(name:) resolves text to it), an alias that contains the text, or,
 * when no name or alias of sk contains the text at all, a typo.
 */
export function note(sk, text, exactSlug) {
  if (sk.slug === exactSlug) return {exact: true};
  const key = nameKey(text);
  const names = [sk.en, sk.ko, sk.slug].map(nameKey);
  if (names.some((n) => n.includes(key))) return {};
  const alias = sk.aliases.find((a) => nameKey(a).includes(key));
  return alias ? {alias} : {typo: true};
}

/**
 * skillInput builds the combobox. entries are the chips: {raw, skill
 * ({slug, name}, or null), unknown}. onAdd(raws) and onRemove(index) change
 * the list (the app re-renders); announce speaks a message to assistive
 * technology.
 */
export function skillInput({client, entries, onAdd, onRemove, onClear, announce}) {
  const inputId = 'skill-input';
  const listId = uid('skill-options');
  const hintId = uid('skill-hint');
  let options = []; // [{skill, alias, typo, exact}], the API's suggestions for optionsFor
  let optionsFor = null; // the text they answer
  let failed = false; // the API could not be asked for optionsFor
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
    const name = entry.skill ? entry.skill.name : entry.raw;
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
      const name = localName(o.skill);
      const other = getLang() === 'ko' ? o.skill.en : o.skill.ko;
      let label = null;
      if (o.exact) label = t('combo.exact');
      else if (o.typo) label = t('combo.typo');
      else if (o.alias) label = t('combo.alias', {alias: o.alias});
      return h('li', {
        id: `${listId}-${i}`, role: 'option', class: 'combo__option', 'aria-selected': 'false',
        dataset: {slug: o.skill.slug},
        onmousedown: (e) => e.preventDefault(), // keep focus in the input
        onclick: () => choose(i),
      },
      h('span', {class: 'combo__name'}, highlight(name, [text.trim()])),
      other && other !== name ? h('span', {class: 'combo__alt'}, other) : null,
      label ? h('span', {class: ['combo__note', o.typo ? 'combo__note--typo' : null]}, label) : null);
    }));
    const trimmed = text.trim();
    const waiting = optionsFor !== trimmed;
    status.hidden = options.length > 0 || !trimmed;
    status.textContent = !trimmed ? ''
      : waiting ? t('combo.resolving', {text: trimmed})
        : failed ? t('combo.unavailable', {text: trimmed}) : t('combo.none', {text: trimmed});
    status.dataset.state = waiting ? 'waiting' : 'done';
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

  // Ask the API: the suggestions are its own, best first.
  const askServer = debounce(async (text, mySeq) => {
    controller?.abort();
    controller = new AbortController();
    let data;
    try {
      data = await client.query(SUGGEST, {text, first: MAX_OPTIONS + taken.size}, {signal: controller.signal});
    } catch (err) {
      if (!isAbort(err) && mySeq === seq) {
        // No suggestions; Enter still adds the name, resolved or not.
        console.warn('suggest:', err);
        optionsFor = text;
        failed = true;
        options = [];
        render(input.value);
      }
      return;
    }
    if (mySeq !== seq) return;
    const exact = data.skill?.slug ?? null;
    const found = data.suggestSkills.filter((sk) => !taken.has(sk.slug));
    // The exact match first, should the ranking put it lower.
    found.sort((x, y) => (y.slug === exact) - (x.slug === exact));
    options = found.slice(0, MAX_OPTIONS).map((sk) => ({skill: sk, ...note(sk, text, exact)}));
    optionsFor = text;
    failed = false;
    render(input.value);
    announceCountSoon();
  }, ASK_AFTER_MS);

  function update() {
    const text = input.value;
    seq += 1;
    if (!text.trim()) {
      options = [];
      optionsFor = null;
      close();
      askServer.cancel();
      return;
    }
    // The suggestions for the text before stay until the API answers.
    render(text);
    askServer(text.trim(), seq);
  }

  function choose(i) {
    const o = options[i];
    if (!o) return;
    input.value = '';
    close();
    announce(t('combo.added', {name: localName(o.skill)}));
    onAdd([o.skill.slug]);
  }

  /** commitText adds typed names (comma-separated) that no suggestion was chosen for. */
  async function commitText(parts) {
    const raws = [];
    for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
      status.hidden = false;
      status.textContent = t('combo.resolving', {text: part});
      status.dataset.state = 'waiting';
      popup.hidden = false;
      let sk = null;
      try {
        sk = (await client.query(RESOLVE, {name: part})).skill;
      } catch {
        sk = null; // unreachable: keep the name as typed; the gap will say more
      }
      if (sk && taken.has(sk.slug)) {
        announce(t('combo.already', {name: localName(sk)}));
        continue;
      }
      raws.push(sk ? sk.slug : part);
      announce(sk ? t('combo.added', {name: localName(sk)}) : t('combo.addedUnknown', {name: part}));
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
        // A suggestion only if it answers the text as typed now.
        if (open && active >= 0 && optionsFor === text) choose(active);
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
          announce(t('combo.removed', {name: last.skill ? last.skill.name : last.raw}));
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
