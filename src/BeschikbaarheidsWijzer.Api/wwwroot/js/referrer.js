// What /verwijzers shows beside the search: the morning's capacity picture of a municipality, the compact referral
// table (with phone and e-mail, a tick box for the keuzelijst) and the tools around it (sort, copy the link). Every word
// for a figure comes from terms.js, so the table, its CSV and the keuzelijst say the same thing the same way.
import { getJson } from './api.js';
import { h } from './dom.js';
import {
  formatDate, formatNumber, normBoundsText, phaseOf, weekLabel, weeks,
} from './format.js';
import { detailHref, statusBadge } from './offering.js';
import { pickBox } from './shortlist.js';
import { TERMS, normText, orUnknown } from './terms.js';

/** The capacity picture of a municipality (GET /api/v1/municipalities/{code}/capacity), for an age when given. */
export const loadCapacity = (municipality, age, signal) =>
  getJson(`/api/v1/municipalities/${encodeURIComponent(municipality)}/capacity${age ? `?age=${encodeURIComponent(age)}` : ''}`, { signal });

/** A cell that stacks as "label: value" on a phone, where the header row is out of sight. */
const cell = (label, attrs, ...children) => h('td', { ...attrs, 'data-label': label }, ...children);

/** A count as a link to the list it counts; nothing to link to when it is 0. */
const countLink = (count, href, words) => (count > 0
  ? h('a', { href, 'aria-label': `${formatNumber(count)} ${words}` }, formatNumber(count))
  : '0');

/**
 * The morning's question per care type: how many contracted offerings, how many with room now and within the norm, the
 * shortest and the middle wait of current figures, and how many have old or no figures. Each number opens its list.
 * @param hrefFor builds the /verwijzers address for filters.
 */
export function capacityPicture(picture, filters, hrefFor) {
  const place = picture.municipality.name;
  const forAge = picture.age != null ? ` voor ${picture.age} jaar` : '';
  const base = { ...filters, plek: false, norm: false, pagina: 1, zorgvorm: '', sorteer: 'wachttijd' };
  const headers = ['Soort hulp', TERMS.offering, TERMS.availableNow, TERMS.withinNorm, TERMS.shortestWait, TERMS.medianWait, 'Oude of geen cijfers'];
  // A search without a care type leaves these out; the total here counts them, so say so where the two differ.
  const leftOut = picture.careTypes.filter((c) => c.leftOutUnlessNamed).map((c) => c.careType.name.toLowerCase());
  const rows = picture.careTypes.map((c) => {
    const list = { ...base, zorgvorm: c.careType.code };
    const name = c.careType.name;
    return h('tr', {},
      h('th', { scope: 'row' },
        h('a', { href: hrefFor(list) }, name),
        h('span', { class: 'norm-name' }, c.norm ? `Norm: ${normBoundsText(c.norm) || 'geen maximum'}` : 'Geen norm bekend')),
      cell(TERMS.offering, { class: 'num' }, countLink(c.offerings, hrefFor(list), `aanbod ${name}`)),
      cell(TERMS.availableNow, { class: 'num' }, countLink(c.availableNow, hrefFor({ ...list, plek: true }), `met nu plek, ${name}`)),
      cell(TERMS.withinNorm, { class: 'num' }, countLink(c.withinNorm, hrefFor({ ...list, norm: true }), `binnen de norm, ${name}`)),
      cell(TERMS.shortestWait, { class: 'num' }, c.shortestWaitWeeks == null ? TERMS.unknown
        : h('a', { href: hrefFor(list), 'aria-label': `kortste wachttijd ${weeks(c.shortestWaitWeeks)}, ${name}` }, weeks(c.shortestWaitWeeks))),
      cell(TERMS.medianWait, { class: 'num' }, c.medianWaitWeeks == null ? TERMS.unknown
        : h('a', { href: hrefFor(list), 'aria-label': `middelste wachttijd ${weeks(c.medianWaitWeeks)}, ${name}` }, weeks(c.medianWaitWeeks))),
      cell('Oude of geen cijfers', { class: 'num' }, c.stale + c.withoutFigures > 0
        ? h('a', { href: hrefFor({ ...list, sorteer: 'bijgewerkt' }), 'aria-label': `${formatNumber(c.stale + c.withoutFigures)} met oude of geen cijfers, ${name}` },
          formatNumber(c.stale + c.withoutFigures))
        : '0'));
  });
  return h('section', { class: 'capacity', 'aria-labelledby': 'kop-capaciteit' },
    h('h2', { id: 'kop-capaciteit' }, `Plek in ${place} vandaag${forAge}`),
    h('p', { class: 'hint' },
      `Per soort hulp: hoeveel aanbod er in ${place} is ingekocht, hoeveel nu plek heeft en binnen de norm is. `
      + 'De wachttijden komen alleen uit cijfers van de laatste twee weken. Klik op een getal voor de lijst.'),
    picture.careTypes.length === 0
      ? h('p', {}, `Voor ${place} is nog geen aanbod ingekocht${forAge}.`)
      : h('div', { class: 'table-fit' },
        h('table', { class: 'capacity-table stack' },
          h('caption', { class: 'visually-hidden' }, `Plek per soort hulp in ${place} op ${formatDate(picture.date)}`),
          h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, rows),
          h('tfoot', {}, h('tr', {},
            h('th', { scope: 'row' }, 'Alles samen', leftOut.length ? h('span', { class: 'norm-name' }, `Hier tellen ${leftOut.join(' en ')} ook mee. In de tabel hieronder staan die alleen als je ze kiest.`) : null),
            cell(TERMS.offering, { class: 'num' }, formatNumber(picture.total.offerings)),
            cell(TERMS.availableNow, { class: 'num' }, formatNumber(picture.total.availableNow)),
            cell(TERMS.withinNorm, { class: 'num' }, formatNumber(picture.total.withinNorm)),
            h('td', { colspan: '3' }))))));
}

/** One step of the wait: "Tot intake: 3 (norm 4)", bold and said when over its norm, "onbekend" when not given. */
function waitLine(label, phase) {
  const bound = phase?.maxWeeks != null ? ` (norm ${phase.maxWeeks})` : '';
  if (phase?.weeks == null) {
    return h('li', { class: 'wait-line' }, `${label}: `, h('span', { class: 'muted' }, phase?.status === 'exceeded' ? 'onbekend, te lang' : TERMS.unknown), bound);
  }
  const over = phase.status === 'exceeded';
  return h('li', { class: `wait-line cell-${phase.status}` }, `${label}: `,
    over ? h('strong', {}, String(phase.weeks)) : String(phase.weeks), bound,
    over ? h('span', { class: 'visually-hidden' }, ', langer dan de norm') : null);
}

/** "2 van 10 vrij", "geen plek vrij", or what is not known, in the table's short words. */
function placesCell(a) {
  if (!a) return TERMS.unknown;
  const free = a.freePlaces == null ? `${TERMS.freePlaces}: ${TERMS.unknown}`
    : a.totalPlaces != null ? `${formatNumber(a.freePlaces)} van ${formatNumber(a.totalPlaces)} vrij`
      : `${formatNumber(a.freePlaces)} vrij`;
  return h('ul', { class: 'cell-lines' },
    h('li', {}, a.freePlaces === 0 ? h('span', {}, a.totalPlaces != null ? `Geen plek vrij (van ${formatNumber(a.totalPlaces)})` : 'Geen plek vrij') : free),
    h('li', {}, `${TERMS.waitlist}: ${orUnknown(a.waitlistCount)}`),
    a.acceptingReferrals ? null : h('li', {}, h('strong', { class: 'stop-inline' }, TERMS.referralStop)));
}

function contactCell(provider) {
  const lines = [
    provider.phone ? h('li', {}, h('a', { href: `tel:${provider.phone.replace(/[^\d+]/g, '')}`, 'aria-label': `Bel ${provider.name}: ${provider.phone}` }, provider.phone)) : null,
    // The address itself is in the CSV and on the offering's page; here a short link keeps the column narrow.
    provider.email ? h('li', {}, h('a', { href: `mailto:${provider.email}`, title: provider.email, 'aria-label': `Mail ${provider.name}: ${provider.email}` }, 'Mail')) : null,
  ].filter(Boolean);
  return lines.length ? h('ul', { class: 'cell-lines' }, lines) : TERMS.unknown;
}

/**
 * The referral table: fits a 1280 px screen (what the filter already says is left out), stacks into one block per offering
 * on a phone. Each row: a tick box for the keuzelijst, the offering, how to reach the provider, places, the wait per
 * step against its norm, the verdict and the date of the figures.
 */
export function referrerTable(items, filters, caption) {
  const showCareType = !filters.zorgvorm;
  const headers = ['Keuzelijst', TERMS.offering, TERMS.contact, TERMS.places, TERMS.waits, TERMS.verdict, TERMS.updated];
  return h('div', { class: 'table-fit' },
    h('table', { class: 'referrer-table stack' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, items.map((item) => {
        const a = item.availability;
        const place = [item.location?.city, item.location?.distanceKm != null ? `${formatNumber(item.location.distanceKm)} km` : null].filter(Boolean).join(', ');
        return h('tr', {},
          cell('Kies', { class: 'pick-cell' }, pickBox(item, 'Kies')),
          h('th', { scope: 'row' },
            h('a', { href: detailHref(item.id, filters.gemeente, filters.leeftijd) }, item.title),
            h('span', { class: 'provider' }, item.provider.name),
            showCareType ? h('span', { class: 'place' }, item.careType.name) : null,
            place ? h('span', { class: 'place' }, place) : null),
          cell(TERMS.contact, {}, contactCell(item.provider)),
          cell(TERMS.places, {}, placesCell(a)),
          cell(TERMS.waits, {}, h('ul', { class: 'cell-lines' },
            waitLine(TERMS.intake, phaseOf(item.phases, 'intake')),
            waitLine(TERMS.treatment, phaseOf(item.phases, 'treatment')),
            waitLine(TERMS.total, phaseOf(item.phases, 'total')))),
          cell(TERMS.verdict, {}, statusBadge(item.normStatus), h('span', { class: 'norm-name' }, normText(item.norm))),
          cell(TERMS.updated, {}, a
            ? [formatDate(a.reportedAt), h('span', { class: 'muted' }, ` ${weekLabel(a.week)}`),
              a.stale ? h('span', { class: 'stale-inline' }, h('strong', {}, 'Let op: '), 'verouderd') : null]
            : 'nooit'));
      }))));
}

/** "Kopieer link": the address of this search, for a colleague; said when it worked, and shown to copy by hand when not. */
export function copyLinkButton() {
  const status = h('p', { class: 'copy-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'button-secondary' }, 'Kopieer link');
  const manual = h('input', { type: 'text', readonly: true, class: 'copy-manual', 'aria-label': 'Link naar deze zoekopdracht', hidden: true });
  button.addEventListener('click', async () => {
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      manual.hidden = true;
      status.textContent = 'De link is gekopieerd. Plak hem in een e-mail of chat.';
    } catch {
      manual.value = link;
      manual.hidden = false;
      manual.select();
      status.textContent = 'Kopiëren lukte niet. Kopieer de link hieronder zelf.';
    }
  });
  return h('div', { class: 'copy-link' }, button, manual, status);
}

/** Sort options of the table; by distance only with a place to measure from. */
export function sortSelect(filters, onSort) {
  const options = [
    ['wachttijd', 'Kortste wachttijd'],
    ['plekken', 'Meeste vrije plekken'],
    ...(filters.gemeente || filters.postcode || filters.lat ? [['afstand', 'Dichtstbij']] : []),
    ['bijgewerkt', 'Laatst bijgewerkt'],
    ['naam', 'Naam'],
  ];
  const select = h('select', { id: 'tabel-sorteren' }, options.map(([value, label]) => h('option', { value }, label)));
  select.value = filters.sorteer;
  select.addEventListener('change', () => onSort(select.value));
  return h('div', { class: 'field table-sort' }, h('label', { for: select.id }, 'Sorteer de tabel op'), select);
}
