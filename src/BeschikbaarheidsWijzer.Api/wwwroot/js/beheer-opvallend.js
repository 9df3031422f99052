// Beheer, opvallende meldingen (/beheer/opvallend): the reports of the last four weeks that the API accepted with
// plausibility warnings, newest first: a wait that dropped from 20 weeks to 0, free places while many wait. Each with
// the provider's contact, so the contract manager can ask whether the figures are right.
import { h, replace } from './dom.js';
import { counted, formatDate, weekLabel } from './format.js';
import { contactList } from './offering.js';
import { warningInDutch } from './problems.js';
import { beheerHref } from './beheer.js';
import { downloadButton, failureText } from './beheer-form.js';

function notableTable(report, region) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Opvallende meldingen', tabindex: '0' },
    h('table', { class: 'stale-table' },
      h('caption', { class: 'visually-hidden' }, `Opvallende meldingen van ${formatDate(report.from)} tot en met ${formatDate(report.to)}`),
      h('thead', {}, h('tr', {}, ['Aanbieder', 'Aanbod', 'Melding', 'Wat valt op', 'Contact'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, report.rows.map((row) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: beheerHref(`/beheer/aanbieders/${row.provider.id}`, region) }, row.provider.name)),
        h('td', {}, row.title, h('span', { class: 'bound' }, row.careType.name)),
        h('td', {}, formatDate(row.reportedAt), h('span', { class: 'bound' }, `${weekLabel(row.week)}${row.confirmedUnchanged ? ', bevestigd als "niets veranderd"' : ''}`)),
        h('td', {}, h('ul', { class: 'plain-list' }, row.warnings.map((w) => h('li', {}, warningInDutch(w))))),
        h('td', {}, contactList(row.provider)))))));
}

export async function show(page, session, { setTitle }) {
  const region = session.region;
  setTitle(`Opvallende meldingen — ${region.name}`);
  const results = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'De lijst wordt geladen…'));
  replace(page,
    h('h1', { tabindex: '-1' }, `Opvallende meldingen in regio ${region.name}`),
    h('p', { class: 'lead' }, 'Cijfers die opvallen, uit de laatste 4 weken. De aanbieder kreeg dezelfde vraag ("Klopt dit?") en heeft ze toch verstuurd. Ze kunnen kloppen. Vraag het na als je twijfelt.'),
    results);

  const query = new URLSearchParams({ region: region.code });
  let report;
  try {
    report = await session.api.get(`/api/v1/reports/notable-reports?${query}`);
  } catch (error) {
    replace(results, h('div', { class: 'error', role: 'alert' }, h('p', {}, failureText(error, { saving: false }))));
    return;
  }
  const status = h('p', { class: 'download-status', role: 'status' });
  const count = report.rows.length;
  replace(results,
    h('h2', {}, count === 0
      ? `Geen opvallende meldingen van ${formatDate(report.from)} tot en met ${formatDate(report.to)}`
      : `${counted(count, 'opvallende melding', 'opvallende meldingen')} van ${formatDate(report.from)} tot en met ${formatDate(report.to)}`),
    count ? notableTable(report, region.code) : null,
    count
      ? h('div', { class: 'csv' },
        downloadButton('Download deze lijst (CSV)', session.api, () => `/api/v1/reports/notable-reports?${new URLSearchParams({ region: region.code, from: report.from, to: report.to, format: 'csv' })}`, status),
        status)
      : null);
}
