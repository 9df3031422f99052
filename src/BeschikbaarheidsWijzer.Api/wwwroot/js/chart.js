// The last 26 weeks' waits against the norm, as an inline SVG bar chart. The norm is a dashed line with a label,
// weeks over the norm are hatched and marked "!", so nothing depends on colour. The same figures follow as a table.
import { h, s, uid } from './dom.js';
import { NORM_STATUS, formatDate, range, weekIndex, weekLabel, weeks } from './format.js';

const WEEKS = 26;
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 30, right: 72, bottom: 36, left: 40 };

/** Which wait to draw: the total where the norm bounds it and figures are known, else the wait to intake. */
function measureOf(history) {
  const total = history.some((w) => w.totalWaitWeeks != null && w.norm?.maxTotalWeeks != null);
  return total
    ? { figure: 'totalWaitWeeks', bound: 'maxTotalWeeks', name: 'totale wachttijd' }
    : { figure: 'waitToIntakeWeeks', bound: 'maxIntakeWeeks', name: 'wachttijd tot intake' };
}

function describe(points, measure) {
  const known = points.filter((p) => p.value != null);
  if (known.length === 0) return `Er zijn geen cijfers over de ${measure.name} in de laatste ${WEEKS} weken.`;
  const values = known.map((p) => p.value);
  const judged = known.filter((p) => p.bound != null);
  const over = judged.filter((p) => p.value > p.bound).length;
  const latest = known[known.length - 1];
  return [
    `${weeks(known.length)} met cijfers.`,
    `De ${measure.name} was ${range(values, weeks)}.`,
    latest.bound != null ? `De norm is ${weeks(latest.bound)}.` : 'Er is geen norm voor deze wachttijd.',
    judged.length ? `${over === 0 ? 'Geen enkele week' : weeks(over)} langer dan de norm.` : '',
    `Laatste cijfer (${weekLabel(latest.week)}): ${weeks(latest.value)}.`,
  ].filter(Boolean).join(' ');
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

/** @param history the API's history, newest first. */
export function waitChart(history) {
  const measure = measureOf(history);
  const newest = weekIndex(history[0].week);
  const byIndex = new Map(history.map((w) => [weekIndex(w.week), w]));
  const points = [];
  for (let i = WEEKS - 1; i >= 0; i -= 1) {
    const week = byIndex.get(newest - i);
    points.push({ week: week?.week ?? null, value: week?.[measure.figure] ?? null, bound: week?.norm?.[measure.bound] ?? null });
  }

  const { top, ticks } = valueScale(Math.max(4, ...points.map((p) => p.value ?? 0), ...points.map((p) => p.bound ?? 0)));
  const layout = chartLayout(WEEKS, top);
  const { x, y, slot, baseline } = layout;
  const hatch = uid('arcering');

  const bars = points.map((p, i) => {
    if (p.value == null) return null;
    const over = p.bound != null && p.value > p.bound;
    const barHeight = Math.max(2, (p.value / top) * layout.plotHeight);
    return s('g', { class: over ? 'bar bar-over' : 'bar' },
      s('rect', { x: x(i) + slot * 0.15, y: baseline - barHeight, width: slot * 0.7, height: barHeight, fill: over ? `url(#${hatch})` : null }),
      over ? s('text', { x: x(i) + slot / 2, y: baseline - barHeight - 4, 'text-anchor': 'middle', class: 'bar-mark' }, '!') : null);
  });

  // The norm may change over time: a step line following each week's norm.
  let normPath = '';
  points.forEach((p, i) => {
    if (p.bound == null) return;
    const command = i > 0 && points[i - 1].bound != null ? 'L' : 'M';
    normPath += `${command}${x(i)},${y(p.bound)} L${x(i + 1)},${y(p.bound)} `;
  });
  const lastBound = [...points].reverse().find((p) => p.bound != null)?.bound;

  return chartSvg(layout, `De ${measure.name} per week, tegenover de norm`, describe(points, measure),
    s('defs', {}, s('pattern', { id: hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, class: 'hatch-bg' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }))),
    grid(layout, ticks, { unit: 'weken' }),
    bars,
    normPath ? s('path', { d: normPath.trim(), class: 'norm-line' }) : null,
    lastBound != null ? s('text', { x: layout.width - PAD.right + 6, y: y(lastBound) + 4, class: 'norm-label' }, `norm ${lastBound}`) : null,
    weekLabels(layout, points.map((p) => p.week)));
}

/** The same figures as a table: the chart's full text alternative. */
export function historyTable(history) {
  return h('table', { class: 'history-table' },
    h('caption', {}, 'Wachttijden per week, nieuwste eerst'),
    h('thead', {}, h('tr', {}, ['Week', 'Doorgegeven op', 'Tot intake', 'Intake tot start', 'Totaal', 'Norm totaal', 'Oordeel', 'Vrije plekken', 'Aanmeldstop']
      .map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, history.map((w) => h('tr', {},
      h('th', { scope: 'row' }, weekLabel(w.week)),
      h('td', {}, formatDate(w.reportedAt)),
      h('td', { class: 'num' }, w.waitToIntakeWeeks ?? '–'),
      h('td', { class: 'num' }, w.waitToTreatmentWeeks ?? '–'),
      h('td', { class: 'num' }, w.totalWaitWeeks ?? '–'),
      h('td', { class: 'num' }, w.norm?.maxTotalWeeks ?? '–'),
      h('td', {}, (NORM_STATUS[w.normStatus] ?? NORM_STATUS.unknown).text.toLowerCase()),
      h('td', { class: 'num' }, w.freePlaces ?? '–'),
      h('td', {}, w.acceptingReferrals ? 'nee' : 'ja')))));
}
