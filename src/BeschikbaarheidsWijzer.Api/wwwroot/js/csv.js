// The referrer table as a file: every page of the current search, one row per offering, in the form Dutch
// spreadsheet programs open directly (semicolons, decimal comma, UTF-8 with a byte order mark).
import { getJson } from './api.js';
import { toApiQuery } from './filters.js';
import { NORM_STATUS, isoDate } from './format.js';
import { detailHref } from './offering.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 100;

const yesNo = (value) => (value === null || value === undefined ? '' : value ? 'ja' : 'nee');
const number = (value) => (value === null || value === undefined ? '' : String(value).replace('.', ','));

/** Text a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
function text(value) {
  const plain = value ?? '';
  return /^[=+\-@\t\r]/.test(plain) ? `'${plain}` : plain;
}

const COLUMNS = [
  ['Aanbieder', (i) => text(i.provider.name)],
  ['Aanbod', (i) => text(i.title)],
  ['Zorgvorm', (i) => text(i.careType.name)],
  ['Plaats', (i) => text(i.location?.city)],
  ['Afstand (km)', (i) => number(i.location?.distanceKm)],
  ['Leeftijd vanaf', (i) => number(i.ageMin)],
  ['Leeftijd tot en met', (i) => number(i.ageMax)],
  ['Neemt aanmeldingen aan', (i) => yesNo(i.availability?.acceptingReferrals)],
  ['Vrije plekken', (i) => number(i.availability?.freePlaces)],
  ['Plekken totaal', (i) => number(i.availability?.totalPlaces)],
  ['Wachtlijst', (i) => number(i.availability?.waitlistCount)],
  ['Wachttijd tot intake (weken)', (i) => number(i.availability?.waitToIntakeWeeks)],
  ['Wachttijd intake tot start (weken)', (i) => number(i.availability?.waitToTreatmentWeeks)],
  ['Wachttijd totaal (weken)', (i) => number(i.availability?.totalWaitWeeks)],
  ['Norm tot intake (weken)', (i) => number(i.norm?.maxIntakeWeeks)],
  ['Norm intake tot start (weken)', (i) => number(i.norm?.maxTreatmentWeeks)],
  ['Norm totaal (weken)', (i) => number(i.norm?.maxTotalWeeks)],
  ['Norm', (i) => text(i.norm?.label)],
  ['Oordeel', (i) => (NORM_STATUS[i.normStatus] ?? NORM_STATUS.unknown).text.toLowerCase()],
  ['Week', (i) => i.availability?.week ?? ''],
  ['Bijgewerkt op', (i) => (i.availability ? isoDate(i.availability.reportedAt) : '')],
  ['Verouderd', (i) => yesNo(i.availability?.stale)],
  // The detail as seen from the searched municipality: its norm and verdict are those of the row.
  ['Link', (i, municipality) => `${window.location.origin}${detailHref(i.id, municipality)}`],
];

function cell(value) {
  const plain = String(value);
  return /[";\r\n]/.test(plain) ? `"${plain.replaceAll('"', '""')}"` : plain;
}

export function toCsv(items, municipality) {
  const lines = [COLUMNS.map(([name]) => name), ...items.map((item) => COLUMNS.map(([, get]) => get(item, municipality)))];
  return `\uFEFF${lines.map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** All results of the search, page after page. */
export async function fetchAll(filters) {
  const items = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await getJson(`/api/v1/offerings?${toApiQuery(filters, { page, pageSize: PAGE_SIZE })}`);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items;
}

export function download(content, fileName) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
