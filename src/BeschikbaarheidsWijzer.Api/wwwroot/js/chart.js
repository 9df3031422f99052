// The last 26 weeks' waits against the norm, as an inline SVG bar chart. The norm is a dashed line with a label,
// weeks over the norm are hatched and marked "!", so nothing depends on colour. The same figures follow as a table.
import { h, s, uid } from './dom.js';
import { NORM_STATUS, formatDate, phaseOf, range, weekIndex, weekLabel, weekOfIndex, weeks } from './format.js';

const WEEKS = 26;
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 30, right: 72, bottom: 36, left: 40 };

/** Per week the wait to draw: the total when it is known, else the step that is known (intake first), as the API judged it. */
function drawnPhase(week) {
  return ['total', 'intake', 'treatment'].map((key) => phaseOf(week.phases, key)).find((p) => p?.weeks != null) ?? null;
}

const MEASURE_NAMES = { total: 'totale wachttijd', intake: 'wachttijd tot intake', treatment: 'wachttijd van intake tot start' };

function describe(points, kinds) {
  const known = points.filter((p) => p.value != null);
  const missing = points.filter((p) => !p.reported).length;
  const withoutFigures = points.filter((p) => p.reported && p.value == null).length;
  const gaps = [
    missing ? `${weeks(missing)} zonder cijfers` : '',
    withoutFigures ? `${weeks(withoutFigures)} wel gemeld maar zonder wachttijd` : '',
  ].filter(Boolean).join(', ');
  if (known.length === 0) return `Er zijn geen wachttijden in de laatste ${WEEKS} weken${gaps ? ` (${gaps})` : ''}.`;
  const values = known.map((p) => p.value);
  const over = known.filter((p) => p.over).length;
  const latest = known[known.length - 1];
  const what = kinds.length === 1 ? `De ${MEASURE_NAMES[kinds[0]]}` : 'De wachttijd (de totale, of de stap die bekend was)';
  return [
    `${weeks(known.length)} met cijfers${gaps ? `, ${gaps}` : ''}.`,
    `${what} was ${range(values, weeks)}.`,
    latest.bound != null ? `De norm is ${weeks(latest.bound)}.` : 'Er is geen norm voor deze wachttijd.',
    `${over === 0 ? 'Geen enkele week' : weeks(over)} langer dan de norm.`,
    `Laatste cijfer (${weekLabel(latest.week)}, ${MEASURE_NAMES[latest.phase]}): ${weeks(latest.value)}.`,
  ].join(' ');
}

/** Round steps for a value axis: at most four steps of 1, 2, 5, 10, … weeks reaching above the highest value. */
export function valueScale(highest) {
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((candidate) => Math.ceil((highest * 1.1) / candidate) <= 4) ?? 100;
  const top = Math.ceil((highest * 1.1) / step) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

/** The frame every chart shares: its size, its slots of one week each and the vertical scale. */
export function chartLayout(weekCount, top, { width = WIDTH, height = HEIGHT, pad = PAD } = {}) {
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const slot = plotWidth / weekCount;
  return {
    width, height, pad, slot, plotHeight,
    baseline: pad.top + plotHeight,
    x: (i) => pad.left + i * slot,
    y: (value) => pad.top + plotHeight - (value / top) * plotHeight,
  };
}

/** Grid lines with their values on the left, and the axis name above them. */
export function grid(layout, ticks, { unit, format = String }) {
  return [
    ticks.map((t) => [
      s('line', { x1: layout.pad.left, x2: layout.width - layout.pad.right, y1: layout.y(t), y2: layout.y(t), class: 'grid' }),
      s('text', { x: layout.pad.left - 6, y: layout.y(t) + 4, 'text-anchor': 'end', class: 'axis-label' }, format(t)),
    ]),
    s('text', { x: 4, y: 12, class: 'axis-label' }, unit),
  ];
}

/** Under the slots, every fourth week's number, counted back from the newest. */
export function weekLabels(layout, weekList) {
  return weekList.map((week, i) => ((weekList.length - 1 - i) % 4 === 0 && week
    ? s('text', { x: layout.x(i) + layout.slot / 2, y: layout.baseline + 16, 'text-anchor': 'middle', class: 'axis-label' }, weekLabel(week).replace('week ', 'wk '))
    : null));
}

/** An inline SVG image: its title and description are its text alternative. */
export function chartSvg(layout, title, description, ...content) {
  const titleId = uid('grafiek-titel');
  const descId = uid('grafiek-uitleg');
  return s('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`, class: 'chart', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false',
  },
  s('title', { id: titleId }, title),
  s('desc', { id: descId }, description),
  content);
}

/**
 * The last 26 weeks, one bar a week: the total wait when it is known, else the step that is known, against that step's
 * norm. A week over the norm (its verdict is "exceeded") is hatched and marked "!". A week without a report shows "–",
 * one with a report but no wait "?": never an empty slot that reads as 0.
 * @param history the API's history, newest first.
 */
export function waitChart(history) {
  const newest = weekIndex(history[0].week);
  const byIndex = new Map(history.map((w) => [weekIndex(w.week), w]));
  const points = [];
  for (let i = WEEKS - 1; i >= 0; i -= 1) {
    const week = byIndex.get(newest - i);
    const phase = week ? drawnPhase(week) : null;
    points.push({
      week: week?.week ?? weekOfIndex(newest - i),
      reported: Boolean(week),
      phase: phase?.phase ?? null,
      value: phase?.weeks ?? null,
      bound: phase?.maxWeeks ?? null,
      over: week?.normStatus === 'exceeded',
    });
  }
  const kinds = [...new Set(points.map((p) => p.phase).filter(Boolean))];

  const { top, ticks } = valueScale(Math.max(4, ...points.map((p) => p.value ?? 0), ...points.map((p) => p.bound ?? 0)));
  const layout = chartLayout(WEEKS, top);
  const { x, y, slot, baseline } = layout;
  const hatch = uid('arcering');

  const bars = points.map((p, i) => {
    const middle = x(i) + slot / 2;
    if (p.value == null) {
      return s('text', { x: middle, y: baseline - 4, 'text-anchor': 'middle', class: 'no-figure' }, p.reported ? '?' : '–');
    }
    const barHeight = Math.max(2, (p.value / top) * layout.plotHeight);
    return s('g', { class: `bar bar-${p.phase}${p.over ? ' bar-over' : ''}` },
      s('rect', { x: x(i) + slot * 0.15, y: baseline - barHeight, width: slot * 0.7, height: barHeight, fill: p.over ? `url(#${hatch})` : null }),
      p.over ? s('text', { x: middle, y: baseline - barHeight - 4, 'text-anchor': 'middle', class: 'bar-mark' }, '!') : null);
  });

  // The norm may change over time, and so may the step drawn: a step line following each week's norm.
  let normPath = '';
  points.forEach((p, i) => {
    if (p.bound == null) return;
    const command = i > 0 && points[i - 1].bound != null ? 'L' : 'M';
    normPath += `${command}${x(i)},${y(p.bound)} L${x(i + 1)},${y(p.bound)} `;
  });
  const lastBound = [...points].reverse().find((p) => p.bound != null)?.bound;
  const title = kinds.length === 1 ? `De ${MEASURE_NAMES[kinds[0]]} per week, tegenover de norm` : 'De wachttijd per week, tegenover de norm';

  const svg = chartSvg(layout, title, describe(points, kinds),
    s('defs', {}, s('pattern', { id: hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, class: 'hatch-bg' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }))),
    grid(layout, ticks, { unit: 'weken' }),
    bars,
    normPath ? s('path', { d: normPath.trim(), class: 'norm-line' }) : null,
    lastBound != null ? s('text', { x: layout.width - PAD.right + 6, y: y(lastBound) + 4, class: 'norm-label' }, `norm ${lastBound}`) : null,
    weekLabels(layout, points.map((p) => p.week)));

  // What each kind of bar means, only for what this chart shows.
  const legend = [
    kinds.length > 1 ? kinds.map((kind) => h('li', { class: `legend-${kind}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${MEASURE_NAMES[kind][0].toUpperCase()}${MEASURE_NAMES[kind].slice(1)}`)) : null,
    points.some((p) => !p.reported) ? h('li', {}, h('span', { class: 'legend-mark', 'aria-hidden': 'true' }, '–'), 'Geen cijfers doorgegeven die week') : null,
    points.some((p) => p.reported && p.value == null) ? h('li', {}, h('span', { class: 'legend-mark', 'aria-hidden': 'true' }, '?'), 'Wel gemeld, maar geen wachttijd') : null,
  ].flat().filter(Boolean);
  return [svg, legend.length ? h('ul', { class: 'chart-legend', 'aria-hidden': 'true' }, legend) : null];
}

/** The same figures as a table: the chart's full text alternative. */
export function historyTable(history) {
  const cell = (phase) => h('td', { class: 'num' }, phase?.weeks ?? '–', phase?.maxWeeks != null ? h('span', { class: 'bound' }, ` norm ${phase.maxWeeks}`) : null);
  return h('table', { class: 'history-table' },
    h('caption', {}, 'Wachttijden per week in weken, nieuwste eerst; onder elk cijfer de norm. Weken zonder cijfers staan er niet in.'),
    h('thead', {}, h('tr', {}, ['Week', 'Doorgegeven op', 'Tot intake', 'Intake tot start', 'Totaal', 'Oordeel', 'Vrije plekken', 'Aanmeldstop']
      .map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, history.map((w) => h('tr', {},
      h('th', { scope: 'row' }, weekLabel(w.week)),
      h('td', {}, formatDate(w.reportedAt)),
      cell(phaseOf(w.phases, 'intake')),
      cell(phaseOf(w.phases, 'treatment')),
      cell(phaseOf(w.phases, 'total')),
      h('td', {}, (NORM_STATUS[w.normStatus] ?? NORM_STATUS.unknown).text.toLowerCase()),
      h('td', { class: 'num' }, w.freePlaces ?? '–'),
      h('td', {}, w.acceptingReferrals ? 'nee' : 'ja')))));
}
