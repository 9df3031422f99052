// The referrer table as a file: every page of the current search, one row per offering, in the form Dutch
// spreadsheet programs open directly (semicolons, decimal comma, UTF-8 with a byte order mark).
import { getJson } from './api.js';
import { toApiQuery } from './filters.js';
import { isoDate } from './format.js';
import { detailHref } from './offering.js';
import {
  TERMS, normText, referralStopText, verdictText,
} from './terms.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 100;

const yesNo = (value) => (value === null || value === undefined ? '' : value ? TERMS.yes : TERMS.no);
const number = (value) => (value === null || value === undefined ? '' : String(value).replace('.', ','));

/** Text a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
function text(value) {
  const plain = value ?? '';
  return /^[=+\-@\t\r]/.test(plain) ? `'${plain}` : plain;
}

const weeksOf = (name) => `${name} (weken)`;

/** The table's words (terms.js), with the unit where a cell holds a number of weeks. Unknown numbers stay empty. */
const COLUMNS = [
  [TERMS.provider, (i) => text(i.provider.name)],
  [TERMS.offering, (i) => text(i.title)],
  [TERMS.careType, (i) => text(i.careType.name)],
  [TERMS.place, (i) => text(i.location?.city)],
  [TERMS.distance, (i) => number(i.location?.distanceKm)],
  [TERMS.ageFrom, (i) => number(i.ageMin)],
  [TERMS.ageTo, (i) => number(i.ageMax)],
  [TERMS.phone, (i) => text(i.provider.phone)],
  [TERMS.email, (i) => text(i.provider.email)],
  [TERMS.referralStop, (i) => (i.availability ? referralStopText(i.availability) : '')],
  [TERMS.freePlaces, (i) => number(i.availability?.freePlaces)],
  [TERMS.totalPlaces, (i) => number(i.availability?.totalPlaces)],
  [TERMS.waitlist, (i) => number(i.availability?.waitlistCount)],
  [weeksOf(TERMS.intake), (i) => number(i.availability?.waitToIntakeWeeks)],
  [weeksOf(TERMS.treatment), (i) => number(i.availability?.waitToTreatmentWeeks)],
  [weeksOf(TERMS.total), (i) => number(i.availability?.totalWaitWeeks)],
  [weeksOf(`${TERMS.norm} ${TERMS.intake.toLowerCase()}`), (i) => number(i.norm?.maxIntakeWeeks)],
  [weeksOf(`${TERMS.norm} ${TERMS.treatment.toLowerCase()}`), (i) => number(i.norm?.maxTreatmentWeeks)],
  [weeksOf(`${TERMS.norm} ${TERMS.total.toLowerCase()}`), (i) => number(i.norm?.maxTotalWeeks)],
  [TERMS.norm, (i) => text(normText(i.norm))],
  [TERMS.verdict, (i) => verdictText(i.normStatus)],
  [TERMS.week, (i) => i.availability?.week ?? ''],
  [TERMS.updated, (i) => (i.availability ? isoDate(i.availability.reportedAt) : '')],
  [TERMS.stale, (i) => yesNo(i.availability?.stale)],
  // The detail as seen from the searched municipality: its norm and verdict are those of the row.
  [TERMS.link, (i, municipality) => `${window.location.origin}${detailHref(i.id, municipality)}`],
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
