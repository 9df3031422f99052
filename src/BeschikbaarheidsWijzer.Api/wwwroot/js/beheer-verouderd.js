// Beheer, te laat met cijfers (/beheer/verouderd?dagen=14): the offerings contracted in the region that have not
// reported for that many days (or never), the longest silent first, with the provider's phone and e-mail as links.
import { h, replace } from './dom.js';
import {
  counted, days, formatDate, weekLabel,
} from './format.js';
import { contactList } from './offering.js';
import { beheerHref } from './beheer.js';
import { downloadButton, failureText, formErrors, textField, wholeNumber } from './beheer-form.js';

const daysWords = ({ min, max }) => `Vul een aantal dagen in van ${min} tot en met ${max}.`;

function lastReport(row) {
  if (!row.lastReportedAt) return h('strong', {}, 'Nog nooit');
  return [formatDate(row.lastReportedAt), h('span', { class: 'bound' }, `${weekLabel(row.lastReportWeek)}, ${days(row.daysSinceLastReport)} geleden`)];
}

function staleTable(report, region) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Aanbod zonder nieuwe cijfers', tabindex: '0' },
    h('table', { class: 'stale-table' },
      h('caption', { class: 'visually-hidden' }, `Aanbod zonder cijfers in de laatste ${report.days} dagen`),
      h('thead', {}, h('tr', {}, ['Aanbieder', 'Aanbod', 'Laatste cijfers', 'Contact'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, report.rows.map((row) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: beheerHref(`/beheer/aanbieders/${row.provider.id}`, region) }, row.provider.name)),
        h('td', {}, row.title, h('span', { class: 'bound' }, row.careType.name)),
        h('td', {}, lastReport(row)),
        h('td', {}, contactList(row.provider)))))));
}

export async function show(page, session, { url, navigate, setTitle }) {
  const region = session.region;
  const { staleDays } = session.reference.limits.managementReports;
  setTitle(`Te laat met cijfers — ${region.name}`);
  const wanted = url.searchParams.get('dagen');
  const daysField = textField('Geen cijfers in de laatste', { hint: `Aantal dagen, ${staleDays.min} tot en met ${staleDays.max}`, value: wanted ?? '', name: 'dagen', className: 'input-short', inputmode: 'numeric' });
  const messages = h('div', {});
  const form = h('form', { class: 'search-form', novalidate: true }, messages,
    h('div', { class: 'form-actions' }, daysField.element, h('button', { type: 'submit', class: 'button-primary' }, 'Toon')));
  const errors = formErrors(form, messages, { fields: { days: daysField.input }, words: { days: { range: daysWords } } });
  const results = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'De lijst wordt geladen…'));
  replace(page,
    h('h1', { tabindex: '-1' }, `Te laat met cijfers in regio ${region.name}`),
    h('p', { class: 'lead' }, 'Aanbieders moeten elke week hun wachttijden doorgeven. Dit aanbod heeft dat een tijd niet gedaan, of nog nooit. Bel of mail ze.'),
    form,
    results);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const value = wholeNumber(daysField.input);
    if (Number.isNaN(value) || (value !== null && (value < staleDays.min || value > staleDays.max))) {
      errors.show([{ input: daysField.input, message: daysWords(staleDays) }]);
      return;
    }
    navigate(beheerHref('/beheer/verouderd', region.code, value === null ? {} : { dagen: value }), { focus: false });
  });

  const query = new URLSearchParams({ region: region.code, ...(wanted ? { days: wanted } : {}) });
  let report;
  try {
    report = await session.api.get(`/api/v1/reports/stale?${query}`);
  } catch (error) {
    replace(results);
    errors.refuse(error, failureText(error, { saving: false }));
    return;
  }
  if (!wanted) daysField.input.value = report.days;
  const status = h('p', { class: 'download-status', role: 'status' });
  const never = report.rows.filter((r) => !r.lastReportedAt).length;
  replace(results,
    h('h2', { id: 'verouderd-resultaat' }, report.rows.length === 0
      ? `Al het aanbod heeft de laatste ${report.days} dagen cijfers doorgegeven`
      : `${counted(report.rows.length, 'onderdeel', 'onderdelen')} van het aanbod zonder cijfers in de laatste ${days(report.days)}`),
    never ? h('p', {}, `${never} daarvan ${never === 1 ? 'heeft' : 'hebben'} nog nooit cijfers doorgegeven. Die staan bovenaan.`) : null,
    report.rows.length ? staleTable(report, region.code) : null,
    report.rows.length
      ? h('div', { class: 'csv' },
        downloadButton('Download deze lijst (CSV)', session.api, () => `/api/v1/reports/stale?${new URLSearchParams({ region: region.code, days: report.days, format: 'csv' })}`, status),
        status)
      : null);
}
