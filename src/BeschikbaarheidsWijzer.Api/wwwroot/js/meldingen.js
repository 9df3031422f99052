// Wie geeft cijfers door? (/meldingen?regio=achterhoek): per region, in public, how many of the contracted offerings
// reported last week and this week so far, and per provider who did not, as Ontario publishes "NC" per hospital.
// A parent weighs figures by it; a provider sees that silence shows.
import { ApiError, getJson, loadReference } from './api.js';
import { h, replace } from './dom.js';
import { field } from './fields.js';
import { counted, formatNumber, weekLabel } from './format.js';

const percent = (part, whole) => `${formatNumber(Math.round((part / whole) * 1000) / 10)}%`;

function summary(report) {
  if (report.offerings === 0) return h('p', {}, 'In deze regio is nu geen aanbod gecontracteerd.');
  return h('ul', { class: 'facts reporting-summary' },
    h('li', {}, h('strong', {}, `Vorige week (${weekLabel(report.lastWeek)}): `),
      `voor ${formatNumber(report.reportedLastWeek)} van de ${formatNumber(report.offerings)} soorten hulp zijn cijfers doorgegeven (${percent(report.reportedLastWeek, report.offerings)}).`),
    h('li', {}, h('strong', {}, `Deze week (${weekLabel(report.thisWeek)}), tot nu toe: `),
      `voor ${formatNumber(report.reportedThisWeek)} van de ${formatNumber(report.offerings)} (${percent(report.reportedThisWeek, report.offerings)}). Aanbieders hebben de hele week de tijd.`));
}

function lastWeekCell(row) {
  if (row.reportedLastWeek === row.offerings) return 'Alles doorgegeven';
  const missing = row.offerings - row.reportedLastWeek;
  return [h('strong', { class: 'not-reported' }, 'Niet doorgegeven: '), `${missing} van de ${row.offerings}`];
}

function providersTable(report) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Cijfers doorgegeven per aanbieder', tabindex: '0' },
    h('table', { class: 'stale-table' },
      h('caption', { class: 'visually-hidden' }, `Cijfers doorgegeven per aanbieder, ${weekLabel(report.lastWeek)} en ${weekLabel(report.thisWeek)}`),
      h('thead', {}, h('tr', {}, ['Aanbieder', 'Soorten hulp in de regio', `Vorige week (${weekLabel(report.lastWeek)})`, 'Deze week tot nu toe', 'Laatste 12 weken']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, report.providers.map((row) => h('tr', {},
        h('th', { scope: 'row' }, row.name),
        h('td', {}, formatNumber(row.offerings)),
        h('td', {}, lastWeekCell(row)),
        h('td', {}, `${row.reportedThisWeek} van de ${row.offerings}`),
        h('td', {}, percent(row.weeksReported, row.ofWeeks)))))));
}

export function mount(main, ctx) {
  ctx.setTitle('Wie geeft cijfers door?');
  const results = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'De cijfers worden geladen…'));
  const select = h('select', { id: 'meldingen-regio' });
  replace(main,
    h('h1', { tabindex: '-1' }, 'Wie geeft cijfers door?'),
    h('p', { class: 'lead' }, 'Zorgaanbieders geven elke week hun wachttijden en vrije plekken door. Dat hebben ze met de regio afgesproken. Hier zie je wie dat doet, en wie niet.'),
    field({ label: 'Regio', input: select }),
    results);

  async function load(url) {
    let reference;
    try {
      reference = await loadReference();
    } catch {
      replace(results, h('div', { class: 'error', role: 'alert' }, h('p', {}, 'De regio’s konden niet laden. Controleer je internet en probeer het opnieuw.')));
      return;
    }
    const wanted = url.searchParams.get('regio');
    const region = reference.regions.find((r) => r.code === wanted) ?? reference.regions[0];
    replace(select, reference.regions.map((r) => h('option', { value: r.code }, r.name)));
    select.value = region.code;
    ctx.setTitle(`Wie geeft cijfers door? — ${region.name}`);
    let report;
    try {
      report = await getJson(`/api/v1/regions/${encodeURIComponent(region.code)}/reporting`);
    } catch (error) {
      replace(results, h('div', { class: 'error', role: 'alert' }, h('p', {}, error instanceof ApiError && error.status === 0
        ? 'Er is geen verbinding. Probeer het opnieuw als je weer internet hebt.'
        : 'De cijfers konden niet laden. Probeer het over een paar minuten opnieuw.')));
      return;
    }
    const silent = report.providers.filter((p) => p.reportedLastWeek < p.offerings).length;
    replace(results,
      h('h2', {}, `Regio ${report.region.name}`),
      summary(report),
      report.providers.length
        ? [
          h('p', {}, silent === 0
            ? 'Vorige week gaven alle aanbieders voor al hun aanbod cijfers door.'
            : `${counted(silent, 'aanbieder', 'aanbieders')} ${silent === 1 ? 'gaf' : 'gaven'} vorige week niet voor al hun aanbod cijfers door. Die staan bovenaan.`),
          providersTable(report),
        ]
        : null);
  }

  select.addEventListener('change', () => ctx.navigate(`/meldingen?regio=${encodeURIComponent(select.value)}`, { replace: true, focus: false }));
  load(ctx.url);
  return { update: (url) => load(url) };
}
