// Compare: two stages as a picture (plain SVG, no library). On a wide screen
// it is a graph: each stage is a node, its own skills fan out on its outer
// side, the skills both stages share sit between them, and each edge's
// thickness is the skill's score for that stage. On a narrow screen the same
// three groups stack as boxes. Choosing a skill shows where each stage asks
// for it, in the article's words.

import {h, s, uid} from './dom.js';
import {t, apiLang, num} from './i18n.js';
import {COMPARE, SKILL_DETAIL} from './queries.js';
import {kindBadge, stageDot, sourceDetails, emptyPanel, viewHeader} from './ui.js';

const WIDE = 760; // below this width the picture stacks (style.css: .wide-only, .narrow-only)
const ROW = 28;
const PILL_H = 22;

let observer = null;

export const compareView = {
  async load(ctx) {
    const stages = await ctx.stages();
    const slugs = stages.map((st) => st.slug);
    const a = slugs.includes(ctx.state.a) ? ctx.state.a : slugs[0];
    const b = slugs.includes(ctx.state.b) ? ctx.state.b : slugs.find((x) => x !== a) ?? a;
    if (a === b) return {stages, a, b, cmp: null};
    const lang = apiLang();
    const [cmpData, detail] = await Promise.all([
      ctx.client.query(COMPARE, {a, b, lang}),
      ctx.state.sel ? ctx.client.query(SKILL_DETAIL, {name: ctx.state.sel, lang}) : null,
    ]);
    return {stages, a, b, cmp: cmpData.compareStages, detail: detail?.skill ?? null};
  },

  build(ctx, {stages, a, b, cmp, detail}) {
    const select = (which, value, label) => {
      const id = `cmp-${which}`;
      return h('label', {class: 'field', for: id}, h('span', {class: 'field__label'}, label),
        h('select', {
          id, class: 'select', dataset: {focusKey: id},
          onchange: (e) => ctx.navigate({[which]: e.target.value, sel: null}, {focus: id}),
        }, stages.map((st) => h('option', {value: st.slug, selected: st.slug === value}, st.name))));
    };
    const controls = h('div', {class: 'controls controls--compare'},
      select('a', a, t('compare.a')),
      h('button', {
        type: 'button', class: 'button button--quiet', dataset: {focusKey: 'cmp-swap'},
        onclick: () => ctx.navigate({a: b, b: a}, {focus: 'cmp-swap'}),
      }, '⇄ ', t('compare.swap')),
      select('b', b, t('compare.b')));

    if (!cmp) {
      return h('section', {class: 'view view--compare'},
        viewHeader(t('compare.title'), t('compare.intro'), t('compare.introNarrow')), controls, emptyPanel(t('compare.same')));
    }
    const ia = stages.findIndex((st) => st.slug === a);
    const ib = stages.findIndex((st) => st.slug === b);
    const captionId = uid('cmp-caption');
    const figure = h('figure', {class: 'cmp', dataset: {testid: 'compare'}},
      h('div', {class: 'cmp__canvas'}),
      h('figcaption', {id: captionId, class: 'cmp__caption'},
        t('compare.figure', {a: cmp.a.name, b: cmp.b.name, shared: cmp.shared.length, onlyA: cmp.onlyA.length, onlyB: cmp.onlyB.length}),
        ' ', t('compare.pick')));

    const legend = h('ul', {class: 'legend'},
      h('li', null, stageDot(ia), cmp.a.name),
      h('li', null, stageDot(ib), cmp.b.name));

    return h('section', {class: 'view view--compare'},
      viewHeader(t('compare.title'), t('compare.intro'), t('compare.introNarrow')),
      controls, legend, figure,
      detail ? detailPanel(ctx, detail, stages) : null);
  },

  after(ctx, el, data) {
    observer?.disconnect();
    observer = null;
    if (!data.cmp) return;
    const canvas = el.querySelector('.cmp__canvas');
    const captionId = el.querySelector('.cmp__caption').id;
    let width = 0;
    const draw = () => {
      const w = Math.floor(canvas.clientWidth);
      if (!w || Math.abs(w - width) < 8) return;
      const focused = document.activeElement?.closest?.('.cmp-node')?.dataset.focusKey;
      width = w;
      canvas.replaceChildren(picture(ctx, data, w, captionId));
      if (focused) canvas.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus({preventScroll: true});
    };
    draw();
    observer = new ResizeObserver(() => {
      if (!canvas.isConnected) {
        observer?.disconnect();
        return;
      }
      requestAnimationFrame(draw);
    });
    observer.observe(canvas);
  },
};

/** The skills of the picture, each with its score in a and in b. */
function nodes(cmp) {
  const scoreIn = (sk, slug) => sk.stages.find((r) => r.stage.slug === slug)?.score ?? 0;
  return {
    onlyA: cmp.onlyA.map((r) => ({slug: r.skill.slug, name: r.skill.name, a: r.score, b: 0})),
    shared: cmp.shared.map((sk) => ({slug: sk.slug, name: sk.name, a: scoreIn(sk, cmp.a.slug), b: scoreIn(sk, cmp.b.slug)})),
    onlyB: cmp.onlyB.map((r) => ({slug: r.skill.slug, name: r.skill.name, a: 0, b: r.score})),
  };
}

let measurer = null;
let fontFamily = null;

/** How wide text is in the picture's font, measured (an estimate where canvas is missing). */
function textWidth(text, weight = 550, size = 12) {
  if (!measurer) {
    measurer = document.createElement('canvas').getContext('2d');
    fontFamily = getComputedStyle(document.body).fontFamily;
  }
  if (measurer) {
    measurer.font = `${weight} ${size}px ${fontFamily}`;
    return measurer.measureText(text).width;
  }
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3]/.test(ch) ? size : size * 0.6;
  return w;
}

function fit(text, width, weight = 550, size = 12) {
  if (textWidth(text, weight, size) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(out + ch + '…', weight, size) > width) break;
    out += ch;
  }
  return out + '…';
}

/** wrap breaks text into lines no wider than width (by words, or by characters for Korean). */
function wrap(text, width, maxLines, weight = 700, size = 12) {
  const tw = (x) => textWidth(x, weight, size);
  const lines = [];
  let line = '';
  for (const word of text.split(/(\s+)/)) {
    if (tw(line + word) <= width) {
      line += word;
      continue;
    }
    if (line.trim()) lines.push(line.trim());
    line = word.trimStart();
    while (tw(line) > width) { // a word longer than a line
      let cut = '';
      for (const ch of line) {
        if (tw(cut + ch) > width) break;
        cut += ch;
      }
      lines.push(cut);
      line = line.slice(cut.length);
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = fit(lines[maxLines - 1] + '…', width, weight, size);
  }
  return lines;
}

function picture(ctx, {stages, cmp}, width, captionId) {
  const ia = stages.findIndex((st) => st.slug === cmp.a.slug) % 4;
  const ib = stages.findIndex((st) => st.slug === cmp.b.slug) % 4;
  const groups = nodes(cmp);
  const gradId = uid('cmp-shared');
  const svg = s('svg', {
    class: 'cmp-svg', role: 'group', 'aria-labelledby': captionId, width, 'font-size': '12',
  },
  s('defs', null, s('linearGradient', {id: gradId, x1: '0', x2: '1', y1: '0', y2: '0'},
    s('stop', {offset: '0.5', class: `cmp-stop stage-${ia}`}),
    s('stop', {offset: '0.5', class: `cmp-stop stage-${ib}`}))));
  const edges = s('g', {class: 'cmp-edges', 'aria-hidden': 'true'});
  const labels = s('g', {class: 'cmp-labels', 'aria-hidden': 'true'});
  const nodeLayer = s('g', {class: 'cmp-nodes'});
  svg.append(edges, labels, nodeLayer);

  const select = (slug) => ctx.navigate({sel: ctx.state.sel === slug ? null : slug}, {replace: true, focus: `node-${slug}`});
  // Hovering or focusing a skill lights up its edges; the chosen skill's stay
  // lit otherwise.
  const activate = (slug, on) => {
    const lit = on ? slug : ctx.state.sel;
    svg.classList.toggle('has-active', on);
    svg.classList.toggle('has-selected', !on && !!lit);
    for (const el of svg.querySelectorAll('.is-active')) el.classList.remove('is-active');
    if (lit) for (const el of svg.querySelectorAll(`[data-slug="${CSS.escape(lit)}"]`)) el.classList.add('is-active');
  };

  const pill = (n, x, y, w, cls, fill) => {
    const scores = [];
    if (n.a) scores.push(t('compare.scoreIn', {stage: cmp.a.name, score: num(n.a)}));
    if (n.b) scores.push(t('compare.scoreIn', {stage: cmp.b.name, score: num(n.b)}));
    const scoreText = cls === 'shared' ? `${num(n.a)} · ${num(n.b)}` : num(n.a || n.b);
    const scoreW = textWidth(scoreText, 400, 11) + 6;
    const selected = ctx.state.sel === n.slug;
    const g = s('g', {
      class: ['cmp-node', `cmp-node--${cls}`, cls === 'a' ? `stage-${ia}` : cls === 'b' ? `stage-${ib}` : null, selected ? 'is-selected' : null],
      transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
      role: 'button', tabindex: '0', 'aria-pressed': String(selected),
      'aria-label': t('compare.nodeLabel', {name: n.name, scores: scores.join(', ')}),
      dataset: {slug: n.slug, focusKey: `node-${n.slug}`, group: cls},
      onclick: () => select(n.slug),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select(n.slug);
        }
      },
      onmouseenter: () => activate(n.slug, true),
      onmouseleave: () => activate(n.slug, false),
      onfocus: () => activate(n.slug, true),
      onblur: () => activate(n.slug, false),
    },
    s('title', null, `${n.name} — ${scores.join(', ')}`),
    s('rect', {class: 'cmp-node__box', width: w, height: PILL_H, rx: PILL_H / 2, fill: fill ?? null}),
    s('text', {class: 'cmp-node__label', x: 10, y: PILL_H / 2, 'dominant-baseline': 'central'}, fit(n.name, w - scoreW - 16)),
    s('text', {class: 'cmp-node__score', x: w - 9, y: PILL_H / 2, 'dominant-baseline': 'central', 'text-anchor': 'end'}, scoreText));
    nodeLayer.append(g);
  };

  const heading = (x, y, text, anchor = 'middle') =>
    labels.append(s('text', {class: 'cmp-heading', x, y, 'text-anchor': anchor}, text));

  if (width >= WIDE) {
    // [own a] (A) [shared] (B) [own b]
    const stageW = Math.min(150, Math.max(110, width * 0.13));
    const gap = Math.max(28, Math.min(56, width * 0.04));
    const pillW = Math.min(240, (width - 2 * stageW - 4 * gap) / 3);
    const total = 3 * pillW + 2 * stageW + 4 * gap;
    let x = (width - total) / 2;
    const colA = x; x += pillW + gap;
    const nodeA = x; x += stageW + gap;
    const colS = x; x += pillW + gap;
    const nodeB = x; x += stageW + gap;
    const colB = x;
    const rows = Math.max(groups.onlyA.length, groups.shared.length, groups.onlyB.length, 4);
    const top = 34;
    const height = top + rows * ROW + 12;
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const mid = top + (rows * ROW) / 2;
    const yOf = (list, i) => top + ((rows - list.length) * ROW) / 2 + i * ROW + (ROW - PILL_H) / 2;

    heading(colA + pillW / 2, 16, t('compare.only', {n: groups.onlyA.length}));
    heading(colS + pillW / 2, 16, t('compare.shared', {n: groups.shared.length}));
    heading(colB + pillW / 2, 16, t('compare.only', {n: groups.onlyB.length}));

    const stageNode = (x0, st, idx) => {
      const lines = wrap(st.name, stageW - 20, 6, 700, 13);
      const hgt = Math.max(72, lines.length * 16 + 28);
      const y0 = mid - hgt / 2;
      labels.append(s('g', {class: `cmp-stage stage-${idx}`},
        s('rect', {x: x0, y: y0, width: stageW, height: hgt, rx: 14}),
        s('text', {x: x0 + stageW / 2, y: y0 + 14 + (hgt - 28 - lines.length * 16) / 2, 'text-anchor': 'middle'},
          lines.map((ln, i) => s('tspan', {x: x0 + stageW / 2, dy: i === 0 ? 14 : 16}, ln)))));
      return {y0, hgt};
    };
    const A = stageNode(nodeA, cmp.a, ia);
    const B = stageNode(nodeB, cmp.b, ib);

    const edge = (x1, y1, x2, y2, score, slug, idx, stageBox) => {
      const fan = Math.max(stageBox.y0 + 10, Math.min(stageBox.y0 + stageBox.hgt - 10, y1 + (y2 - y1) * 0.18));
      const cx = (x1 + x2) / 2;
      edges.append(s('path', {
        class: `cmp-edge stage-${idx}`, dataset: {slug},
        d: `M${x1.toFixed(1)} ${fan.toFixed(1)} C${cx.toFixed(1)} ${fan.toFixed(1)} ${cx.toFixed(1)} ${y2.toFixed(1)} ${x2.toFixed(1)} ${y2.toFixed(1)}`,
        'stroke-width': Math.min(8, 1 + score * 1.3).toFixed(2),
      }));
    };
    groups.onlyA.forEach((n, i) => {
      const y = yOf(groups.onlyA, i);
      edge(nodeA, mid, colA + pillW, y + PILL_H / 2, n.a, n.slug, ia, A);
      pill(n, colA, y, pillW, 'a');
    });
    groups.shared.forEach((n, i) => {
      const y = yOf(groups.shared, i);
      edge(nodeA + stageW, mid, colS, y + PILL_H / 2, n.a, n.slug, ia, A);
      edge(nodeB, mid, colS + pillW, y + PILL_H / 2, n.b, n.slug, ib, B);
      pill(n, colS, y, pillW, 'shared', `url(#${gradId})`);
    });
    groups.onlyB.forEach((n, i) => {
      const y = yOf(groups.onlyB, i);
      edge(nodeB + stageW, mid, colB, y + PILL_H / 2, n.b, n.slug, ib, B);
      pill(n, colB, y, pillW, 'b');
    });
    activate(null, false);
    return svg;
  }

  // Narrow: three boxes, one under the other.
  const pad = 10;
  const cols = width >= 420 ? 2 : 1;
  const pillW = (width - 2 * pad - (cols - 1) * 8 - 2) / cols;
  let y = 0;
  const box = (title, list, cls, idxs) => {
    const titleLines = wrap(title, width - 2 * pad - 8, 3);
    const headH = titleLines.length * 16 + 14;
    const rows = Math.ceil(list.length / cols);
    const hgt = headH + rows * ROW + pad;
    labels.append(s('rect', {class: ['cmp-box', `cmp-box--${cls}`, ...idxs.map((i) => `stage-${i}`)].join(' '), x: 1, y: y + 1, width: width - 2, height: hgt - 2, rx: 12}));
    labels.append(s('text', {class: 'cmp-heading cmp-heading--box', x: pad, y: y + 6},
      titleLines.map((ln, i) => s('tspan', {x: pad, dy: i === 0 ? 14 : 16}, ln))));
    list.forEach((n, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      pill(n, pad + col * (pillW + 8), y + headH + row * ROW, pillW, cls, cls === 'shared' ? `url(#${gradId})` : null);
    });
    y += hgt + 12;
  };
  box(`${cmp.a.name} — ${t('compare.only', {n: groups.onlyA.length})}`, groups.onlyA, 'a', [ia]);
  box(t('compare.shared', {n: groups.shared.length}), groups.shared, 'shared', [ia, ib]);
  box(`${cmp.b.name} — ${t('compare.only', {n: groups.onlyB.length})}`, groups.onlyB, 'b', [ib]);
  svg.setAttribute('height', y);
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  return svg;
}

function detailPanel(ctx, skill, stages) {
  const idx = (slug) => stages.findIndex((st) => st.slug === slug);
  return h('section', {class: 'panel cmp-detail', 'aria-labelledby': 'cmp-detail-title', dataset: {testid: 'compare-detail', slug: skill.slug}},
    h('div', {class: 'cmp-detail__head'},
      h('h2', {id: 'cmp-detail-title', class: 'panel__title'}, skill.name),
      h('button', {
        type: 'button', class: 'button button--quiet button--small', dataset: {focusKey: 'cmp-close'},
        onclick: () => ctx.navigate({sel: null}, {replace: true, focus: `node-${skill.slug}`}),
      }, '× ', t('compare.close'))),
    h('ul', {class: 'cmp-detail__stages'}, skill.stages.map((r) => h('li', null,
      stageDot(idx(r.stage.slug)),
      h('span', {class: 'cmp-detail__stage'}, r.stage.name),
      h('strong', null, t('skills.score', {score: num(r.score)})),
      r.kinds.map(kindBadge),
      h('a', {class: 'link', href: ctx.href({view: 'skills', stage: r.stage.slug, sel: null})}, t('compare.rank'))))),
    h('h3', {class: 'panel__subtitle'}, t('compare.requirements')),
    skill.requirements.length
      ? h('div', {class: 'evidence'}, skill.requirements.map((req) => sourceDetails({
        source: req.source, en: req.en, title: req.text,
        badge: [stageDot(idx(req.stage.slug)), kindBadge(req.kind)], key: `cmp-${skill.slug}-${req.id}`,
      })))
      : h('p', {class: 'muted'}, t('compare.noRequirements')));
}
