// Small DOM and text helpers. Every piece of data reaches the page through
// textContent or attribute values, never through innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, props) {
  if (!props) return el;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = v;
    } else if (key === 'style') {
      // CSSOM, which the page's Content-Security-Policy allows (a style
      // attribute would not be).
      for (const [k, v] of Object.entries(value)) el.style.setProperty(k, v);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'indeterminate') {
      el[key] = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('p', {class: 'x'}, 'text', child) builds an HTML element. */
export function h(tag, props, ...children) {
  return append(apply(document.createElement(tag), props), children);
}

/** s('rect', {...}) builds an SVG element. */
export function s(tag, props, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), props), children);
}

export function debounce(fn, ms) {
  let timer;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

let idCounter = 0;
/** A unique element id with a readable prefix. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * nameKey folds a name the way the API's look-ups do (kb.NameKey): lower
 * case, letters and digits of every script kept, '+' and '#' kept, the rest
 * dropped. "Apache Spark", "apache-spark" and "APACHESPARK" are one key.
 */
export function nameKey(name) {
  return name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}+#]/gu, '');
}

/**
 * highlight returns text as nodes with every occurrence of any of words
 * (case-insensitive) wrapped in <mark>.
 */
export function highlight(text, words) {
  const lower = text.toLowerCase();
  const marks = [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (!lw) continue;
    for (let i = lower.indexOf(lw); i >= 0; i = lower.indexOf(lw, i + lw.length)) {
      marks.push([i, i + lw.length]);
    }
  }
  marks.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at) continue; // overlaps the previous mark
    if (start > at) out.push(text.slice(at, start));
    out.push(h('mark', null, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
