// Beheer, overzicht (/beheer): worst first. The downloads for the contract talk at the top; then the region today per care
// type, ordered by how far its median wait is over the norm; then norm compliance per provider (the KPI table's figures,
// sortable); then per care type, folded, the last 26 weeks as two charts with a description and the same figures as a table.
import { h, replace, s } from './dom.js';
import { chartLayout, chartSvg, grid, valueScale, weekLabels } from './chart.js';
import {
  counted, days, formatNumber, normBoundsText, range, weekLabel, weeks,
} from './format.js';
import { beheerHref } from './beheer.js';
import { busy, downloadButton, failure, failureText, formErrors, section, success, textField } from './beheer-form.js';
import { ApiError } from './api.js';
import { inDutch } from './problems.js';

const TREND_WEEKS = 26;

const percent = (share) => `${formatNumber(Math.round(share * 1000) / 10)}%`;

/** "80% (4 van 5)"; a week or group with nothing to compare says so in words, never as a 0. */
const shareOf = (share) => (share.compared ? `${percent(share.share)} (${share.within} van ${share.compared})` : 'geen cijfers');
const shareText = (w) => shareOf(w.withinNorm);

/** The bound a median wait is held to: the total norm, else the intake norm (as the chart draws it). */
const boundOf = (norm) => norm?.maxTotalWeeks ?? norm?.maxIntakeWeeks ?? null;

/** Weeks the median is over its bound (negative: within it); null without a median or a bound. */
const overBy = (median, norm) => (median == null || boundOf(norm) == null ? null : median - boundOf(norm));

/** Ascending with nulls (no figures) last, whichever way round. */
function nullsLast(a, b, descending = false) {
  if (a == null || b == null) return (a == null) - (b == null);
  return descending ? b - a : a - b;
}

/** "norm van de regio: tot intake hoogstens 4 weken, in totaal hoogstens 14 weken". */
function normWords(norm) {
  if (!norm) return 'geen norm bekend';
  return `${norm.source === 'regio' ? 'norm van de regio' : norm.label}: ${normBoundsText(norm) || 'geen maximum'}`;
}

/** The share of reports within the norm per week, as bars from 0 to 100%. A week without a judged report shows "–". */
function shareChart(weekList) {
  const layout = chartLayout(weekList.length, 100);
  const judged = weekList.filter((w) => w.withinNorm.compared > 0);
  const latest = judged[judged.length - 1];
  const description = judged.length === 0
    ? `In de laatste ${weekList.length} weken is geen enkele melding met de norm vergeleken.`
    : [
      `In ${judged.length} van de ${weekList.length} weken zijn meldingen met de norm vergeleken${judged.length < weekList.length ? `; ${weeks(weekList.length - judged.length)} zonder cijfers` : ''}.`,
      `Binnen de norm: ${range(judged.map((w) => w.withinNorm.share), percent)}.`,
      `Laatste week met cijfers (${weekLabel(latest.week)}): ${shareText(latest)}.`,
    ].join(' ');
  // A week without figures is a gap; a week at 0 % is a bar at zero with "0" above it, so the two never look alike.
  const bars = weekList.map((w, i) => {
    if (!w.withinNorm.compared) return null;
    if (w.withinNorm.within === 0) {
      return s('g', { class: 'share-zero' },
        s('rect', { x: layout.x(i) + layout.slot * 0.15, y: layout.baseline - 4, width: layout.slot * 0.7, height: 4, class: 'share-bar' }),
        s('text', { x: layout.x(i) + layout.slot / 2, y: layout.baseline - 8, 'text-anchor': 'middle', class: 'zero-label' }, '0'));
    }
    const height = Math.max(2, w.withinNorm.share * layout.plotHeight);
    return s('rect', { x: layout.x(i) + layout.slot * 0.15, y: layout.baseline - height, width: layout.slot * 0.7, height, class: 'share-bar' });
  });
  return chartSvg(layout, 'Deel van de meldingen binnen de norm, per week', description,
    grid(layout, [0, 25, 50, 75, 100], { unit: '% binnen de norm', format: (t) => `${t}%` }),
    bars,
    weekLabels(layout, weekList.map((w) => w.week)));
}

/** The median wait per week as a line with dots (a gap where a week has no figures), against the norm. */
function medianChart(weekList, norm) {
  const bound = norm?.maxTotalWeeks ?? norm?.maxIntakeWeeks ?? null;
  const boundName = norm?.maxTotalWeeks != null ? 'totaal' : 'intake';
  const known = weekList.filter((w) => w.medianWaitWeeks != null);
  const { top, ticks } = valueScale(Math.max(4, bound ?? 0, ...known.map((w) => w.medianWaitWeeks)));
  const layout = chartLayout(weekList.length, top);
  const latest = known[known.length - 1];
  const description = known.length === 0
    ? `Er zijn geen wachttijden doorgegeven in de laatste ${weekList.length} weken.`
    : [
      `De mediane wachttijd was ${range(known.map((w) => w.medianWaitWeeks), weeks)}.`,
      bound != null ? `De norm (${boundName}) is ${weeks(bound)}.` : 'Er is geen norm voor deze wachttijd.',
      `Laatste week met cijfers (${weekLabel(latest.week)}): ${weeks(latest.medianWaitWeeks)}.`,
    ].join(' ');

  let path = '';
  weekList.forEach((w, i) => {
    if (w.medianWaitWeeks == null) return;
    const command = i > 0 && weekList[i - 1].medianWaitWeeks != null ? 'L' : 'M';
    path += `${command}${layout.x(i) + layout.slot / 2},${layout.y(w.medianWaitWeeks)} `;
  });
  const dots = weekList.map((w, i) => (w.medianWaitWeeks == null
    ? null
    : s('circle', { cx: layout.x(i) + layout.slot / 2, cy: layout.y(w.medianWaitWeeks), r: 4, class: 'median-dot' })));

  return chartSvg(layout, 'Mediane wachttijd per week, tegenover de norm', description,
    grid(layout, ticks, { unit: 'weken' }),
    bound != null ? [
      s('line', { x1: layout.pad.left, x2: layout.width - layout.pad.right, y1: layout.y(bound), y2: layout.y(bound), class: 'norm-line' }),
      s('text', { x: layout.width - layout.pad.right + 6, y: layout.y(bound) + 4, class: 'norm-label' }, `norm ${bound}`),
    ] : null,
    path ? s('path', { d: path.trim(), class: 'median-line' }) : null,
    dots,
    weekLabels(layout, weekList.map((w) => w.week)));
}

function trendTable(careType) {
  return h('table', { class: 'trend-table' },
    h('caption', {}, `${careType.careType.name}: cijfers per week, nieuwste eerst`),
    h('thead', {}, h('tr', {}, ['Week', 'Aanbod verwacht', 'Cijfers doorgegeven', 'Binnen de norm', 'Mediane wachttijd']
      .map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, [...careType.weeks].reverse().map((w) => h('tr', {},
      h('th', { scope: 'row' }, weekLabel(w.week)),
      h('td', { class: 'num' }, w.offeringsExpected),
      h('td', { class: 'num' }, w.reported),
      h('td', { class: 'num' }, shareText(w)),
      h('td', { class: 'num' }, w.medianWaitWeeks == null ? 'geen cijfers' : weeks(w.medianWaitWeeks))))));
}

/** One care type's weeks, folded: its name and the last week's share in the summary line, the charts when opened. */
function careTypeTrend(careType) {
  const id = `trend-${careType.careType.code}`;
  const last = [...careType.weeks].reverse().find((w) => w.withinNorm.compared > 0);
  return h('details', { class: 'trend-fold' },
    h('summary', {}, h('span', { class: 'trend-name' }, careType.careType.name),
      h('span', { class: 'muted' }, last ? ` — ${weekLabel(last.week)}: ${shareText(last)} binnen de norm` : ' — geen cijfers om te vergelijken')),
    h('article', { class: 'trend', 'aria-labelledby': id },
    h('h3', { id }, careType.careType.name),
    h('p', { class: 'meta' }, `Nu geldt de ${normWords(careType.norm)}.`),
    h('div', { class: 'trend-charts' },
      h('figure', { class: 'chart-figure' }, shareChart(careType.weeks),
        h('figcaption', {}, 'Elke staaf is één week: het deel van de doorgegeven wachttijden dat binnen de norm bleef. Een lage staaf met een 0: niets binnen de norm. Geen staaf: geen cijfers om te vergelijken.')),
      h('figure', { class: 'chart-figure' }, medianChart(careType.weeks, careType.norm),
        h('figcaption', {}, 'Elke stip is één week: de middelste wachttijd van alle doorgegeven cijfers. De stippellijn is de norm.'))),
    h('details', { class: 'history' }, h('summary', {}, 'Bekijk de cijfers als tabel'),
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': `Cijfers per week: ${careType.careType.name}`, tabindex: '0' }, trendTable(careType)))));
}

/** How far the median is from its norm, in words: "3 weken te lang", "binnen de norm", or why it cannot be said. */
function distanceText(row) {
  const over = overBy(row.medianWaitWeeks, row.norm);
  if (boundOf(row.norm) == null) return 'geen norm';
  if (over == null) return 'geen cijfers';
  if (over > 0) return h('strong', {}, `${weeks(over)} te lang`);
  return over === 0 ? 'precies de norm' : `${weeks(-over)} binnen de norm`;
}

/**
 * The region today per care type, worst first: offerings, how many reported this week, the share within the norm, and
 * the median wait against the norm. Ordered by weeks over the norm, then by the share within (lowest first).
 */
function careTypeTable(summary, trend) {
  const thisWeek = new Map(trend.careTypes.map((c) => [c.careType.code, c.weeks[c.weeks.length - 1]]));
  const rows = summary.rows.filter((r) => r.offerings > 0).sort((a, b) =>
    nullsLast(overBy(a.medianWaitWeeks, a.norm), overBy(b.medianWaitWeeks, b.norm), true)
    || nullsLast(a.withinNorm.share, b.withinNorm.share)
    || a.careType.name.localeCompare(b.careType.name, 'nl'));
  const labels = ['Zorgvorm', 'Aanbod', 'Cijfers deze week', 'Binnen de norm', 'Mediane wachttijd', 'Norm', 'Verschil met de norm'];
  let column = 0;
  const cell = (value) => h('td', { class: 'num', 'data-label': labels[(column += 1) % labels.length] }, value);
  return h('div', { class: 'table-fit' },
    h('table', { class: 'summary-table worst-first stack' },
      h('caption', { class: 'visually-hidden' }, 'De regio vandaag per zorgvorm, wat het verst boven de norm zit eerst'),
      h('thead', {}, h('tr', {}, labels.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows.map((r) => {
        const week = thisWeek.get(r.careType.code);
        column = 0;
        return h('tr', {},
          h('th', { scope: 'row' }, r.careType.name),
          cell(r.offerings),
          cell(week ? `${week.reported} van ${week.offeringsExpected}` : 'geen cijfers'),
          cell(shareOf(r.withinNorm)),
          cell(r.medianWaitWeeks == null ? 'geen cijfers' : weeks(r.medianWaitWeeks)),
          cell(boundOf(r.norm) == null ? 'geen' : weeks(boundOf(r.norm))),
          cell(distanceText(r)));
      }))));
}

const TREND_WORDS = { shorter: 'korter', longer: 'langer', unchanged: 'gelijk', unknown: 'onbekend' };

/** The KPI table's figures per provider and care type, sortable; the same rows as its CSV download. */
function providerTable(compliance) {
  const columns = [
    { title: 'Aanbieder', value: (r) => r.provider.name, text: (r) => r.provider.name, header: true },
    { title: 'Zorgvorm', value: (r) => r.careType.name, text: (r) => r.careType.name },
    { title: 'Weken gemeld', value: (r) => r.reportedShare, text: (r) => `${r.weeksReported} van ${r.weeksExpected}`, num: true },
    { title: 'Binnen de norm', value: (r) => r.withinNorm.allPhases.share, text: (r) => shareOf(r.withinNorm.allPhases), num: true },
    { title: 'Mediane wachttijd', value: (r) => r.medianWaitWeeks, text: (r) => (r.medianWaitWeeks == null ? 'geen cijfers' : weeks(r.medianWaitWeeks)), num: true },
    { title: 'Langste wachttijd', value: (r) => r.maxWaitWeeks, text: (r) => (r.maxWaitWeeks == null ? 'geen cijfers' : weeks(r.maxWaitWeeks)), num: true },
    { title: 'Wachttijd wordt', value: (r) => r.trend.changeWeeks, text: (r) => TREND_WORDS[r.trend.direction] ?? r.trend.direction, num: true },
  ];
  // Worst first: the lowest share within the norm.
  let sortBy = 3;
  let descending = false;
  const body = h('tbody');
  const headers = columns.map((column, index) => {
    const button = h('button', { type: 'button', class: 'sort-button' }, column.title);
    button.addEventListener('click', () => {
      descending = sortBy === index ? !descending : false;
      sortBy = index;
      render();
    });
    return h('th', { scope: 'col' }, button);
  });
  function render() {
    const column = columns[sortBy];
    const rows = [...compliance.rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'string' || typeof y === 'string'
        ? (x ?? '').localeCompare(y ?? '', 'nl') * (descending ? -1 : 1)
        : nullsLast(x, y, descending);
      return order || a.provider.name.localeCompare(b.provider.name, 'nl') || a.careType.name.localeCompare(b.careType.name, 'nl');
    });
    headers.forEach((th, index) => {
      if (index === sortBy) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    body.replaceChildren(...rows.map((r) => h('tr', {}, columns.map((c) => (c.header
      ? h('th', { scope: 'row' }, c.text(r))
      : h('td', { class: c.num ? 'num' : null, 'data-label': c.title }, c.text(r)))))));
  }
  render();
  return h('div', { class: 'table-fit' },
    h('table', { class: 'summary-table provider-compliance stack' },
      h('caption', { class: 'visually-hidden' }, 'Normnaleving per aanbieder en zorgvorm; klik op een kop om te sorteren'),
      h('thead', {}, h('tr', {}, headers)),
      body));
}

function downloads(session, trend) {
  const region = session.region.code;
  const status = h('p', { class: 'download-status', role: 'status' });
  const from = textField('Van', { type: 'date', value: trend.from, name: 'van', className: 'input-date' });
  const to = textField('Tot en met', { type: 'date', value: trend.lastDay, name: 'tot', className: 'input-date' });
  const messages = h('div', {});
  const form = h('form', { class: 'download-form', novalidate: true }, messages);
  const errors = formErrors(form, messages, {
    fields: { from: from.input, to: to.input },
    words: {
      to: { 'less-than': 'Kies een datum op of na de datum bij Van.' },
    },
  });

  const kpi = downloadButton('Download de KPI-tabel (CSV)', session.api, () => {
    errors.clear();
    const missing = [[from.input, 'Kies een datum.'], [to.input, 'Kies een datum.']].filter(([input]) => !input.value).map(([input, message]) => ({ input, message }));
    if (missing.length) {
      errors.show(missing, 'Kies de periode van de KPI-tabel.');
      return null;
    }
    return `/api/v1/reports/norm-compliance?${new URLSearchParams({ region, from: from.input.value, to: to.input.value, format: 'csv' })}`;
  }, status, (error) => errors.refuse(error));
  form.append(
    h('fieldset', { class: 'period' }, h('legend', {}, 'Periode van de KPI-tabel'), h('div', { class: 'form-row' }, from.element, to.element)),
    h('p', { class: 'hint' }, 'Per aanbieder en zorgvorm: weken verwacht en gemeld, het deel binnen de norm per stap, de mediane en de langste wachttijd, en de trend.'),
    h('div', { class: 'form-actions' }, kpi));

  return section('Voor het contractgesprek',
    h('p', {}, 'De bestanden openen in Excel: puntkomma’s tussen de cellen, een komma in getallen.'),
    form,
    h('div', { class: 'form-actions' },
      downloadButton('Download de cijfers van vandaag (CSV)', session.api, () => `/api/v1/reports/region-summary?${new URLSearchParams({ region, format: 'csv' })}`, status),
      downloadButton('Download de cijfers per week (CSV)', session.api, () => `/api/v1/reports/weekly-trend?${new URLSearchParams({ region, weeks: TREND_WEEKS, format: 'csv' })}`, status)),
    status);
}

const LEAD_TIME_COLUMNS = 'kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start';
const MAX_UPLOAD_BYTES = 1024 * 1024;

/** "lines[4].aantal_jeugdigen" → "Regel 4, aantal_jeugdigen". */
function lineOf(field) {
  const match = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (!match) return field === 'body' || field === 'lines' ? 'Het bestand' : field;
  return match[2] ? `Regel ${match[1]}, ${match[2]}` : `Regel ${match[1]}`;
}

/**
 * The region's own measure of realised lead times from iJw messages: a CSV upload (all or nothing). What the API
 * refuses is listed per line and column, in Dutch.
 */
function leadTimeUpload(session) {
  const input = h('input', { type: 'file', id: 'ijw-bestand', accept: '.csv,text/csv' });
  const button = h('button', { type: 'submit', class: 'button-secondary' }, 'Upload het bestand');
  const messages = h('div', { class: 'form-messages' });
  const form = h('form', { class: 'upload-form', novalidate: true },
    messages,
    h('div', { class: 'field', 'data-field-for': input.id }, h('label', { for: input.id }, 'CSV-bestand met eigen metingen'),
      h('p', { class: 'hint', id: 'ijw-bestand-hint' }, `Kopregel: ${LEAD_TIME_COLUMNS}. Eén regel per aanbieder, productcategorie en maand, bijvoorbeeld 12345678;45;2026-10;12;38.`),
      input),
    h('div', { class: 'form-actions' }, button));
  input.setAttribute('aria-describedby', 'ijw-bestand-hint');

  const tell = (box) => {
    messages.replaceChildren(box);
    box.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      tell(failure('Kies eerst een bestand.'));
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      tell(failure('Dit bestand is groter dan 1 MB. Splits het in delen, bijvoorbeeld per kwartaal.'));
      return;
    }
    await busy(button, async () => {
      try {
        const result = await session.api.postCsv(`/api/v1/reports/realised-lead-times?${new URLSearchParams({ region: session.region.code })}`, await file.text());
        tell(success('Gelukt: de metingen zijn opgeslagen',
          `${counted(result.lines, 'regel', 'regels')}, van ${result.firstMonth} tot en met ${result.lastMonth}${result.replaced ? `; ${result.replaced} daarvan vervingen eerdere metingen` : ''}. De KPI-tabel laat ze zien naast de cijfers van de aanbieders.`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
          tell(h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
            h('h2', {}, 'Het bestand is niet opgeslagen'),
            h('p', {}, 'Er is niets opgeslagen. Verbeter deze regels en upload het bestand opnieuw.'),
            h('ul', {}, error.fieldErrors.map((problem) => h('li', {}, `${lineOf(problem.field)}: ${problem.field === 'body' ? 'het is groter dan 1 MB.' : inDutch(problem)}`)))));
          return;
        }
        tell(failure(failureText(error)));
      }
    });
  });

  return section('Eigen metingen uit iJw-berichten',
    h('p', {}, 'Heeft de regio zelf gemeten hoe lang jongeren echt wachtten, uit de iJw-berichten (van verzoek tot start van de hulp)? Upload dan de totalen per aanbieder, productcategorie en maand. De KPI-tabel zet ze naast wat de aanbieder verwachtte en wat hij zelf meldde.'),
    h('p', {}, 'Nooit gegevens over één kind: een regel met minder dan 5 jongeren wordt geweigerd, omdat een kleine groep een kind herkenbaar kan maken.'),
    form);
}

export async function show(page, session, { setTitle }) {
  const region = session.region;
  setTitle(`Overzicht ${region.name}`);
  const heading = h('h1', { tabindex: '-1' }, `Overzicht regio ${region.name}`);
  replace(page, heading, h('p', { class: 'loading', role: 'status' }, 'De cijfers worden geladen…'));
  const query = (extra) => new URLSearchParams({ region: region.code, ...extra });
  let trend;
  let summary;
  let stale;
  let compliance;
  try {
    [trend, summary, stale, compliance] = await Promise.all([
      session.api.get(`/api/v1/reports/weekly-trend?${query({ weeks: TREND_WEEKS })}`),
      session.api.get(`/api/v1/reports/region-summary?${query()}`),
      session.api.get(`/api/v1/reports/stale?${query()}`),
      session.api.get(`/api/v1/reports/norm-compliance?${query()}`),
    ]);
  } catch (error) {
    replace(page, heading, failure(failureText(error, { saving: false })));
    return;
  }

  const late = stale.rows.length;
  replace(page,
    heading,
    h('p', { class: 'lead' }, `Hoe staan de wachttijden ervoor in regio ${region.name}? De cijfers van vandaag, en per zorgvorm de laatste ${TREND_WEEKS} weken.`),
    h('p', { class: late ? 'notice' : 'muted' },
      late === 0
        ? `Alle aanbieders hebben de laatste ${stale.days} dagen hun cijfers doorgegeven.`
        : [`Voor ${counted(late, 'onderdeel', 'onderdelen')} van het aanbod ${late === 1 ? 'is' : 'zijn'} al ${days(stale.days)} of langer geen cijfers doorgegeven. `,
          h('a', { href: beheerHref('/beheer/verouderd', region.code) }, 'Bekijk wie te laat is')]),

    downloads(session, trend),

    section('Vandaag per zorgvorm: wat het verst boven de norm zit eerst',
      h('p', { class: 'hint' }, `Verschil met de norm: de mediane wachttijd min de norm (totaal, anders tot intake). Binnen de norm: van het aanbod met een oordeel. Cijfers ouder dan ${summary.staleAfterDays} dagen tellen mee.`),
      careTypeTable(summary, trend)),

    section('Per aanbieder',
      h('p', { class: 'hint' }, `De cijfers van de KPI-tabel over ${weekLabel(compliance.weeks[0])} tot en met ${weekLabel(compliance.weeks[compliance.weeks.length - 1])}, per aanbieder en zorgvorm. Eerst wie het minst vaak binnen de norm bleef. Klik op een kop om anders te sorteren.`),
      compliance.rows.length ? providerTable(compliance) : h('p', {}, 'Er is nog geen aanbod met een contract in deze regio.')),

    section(`De laatste ${TREND_WEEKS} weken per zorgvorm`,
      h('p', { class: 'hint' }, `Van ${weekLabel(trend.weeks[0])} tot en met ${weekLabel(trend.weeks[trend.weeks.length - 1])}. Elke week telt de laatste cijfers van dat aanbod in die week, vergeleken met de norm die gold op de dag van de melding. Open een zorgvorm voor de grafieken.`),
      trend.careTypes.length === 0
        ? h('p', {}, 'Er is nog geen aanbod met een contract in deze regio.')
        : trend.careTypes.map(careTypeTrend)),

    leadTimeUpload(session));
}

