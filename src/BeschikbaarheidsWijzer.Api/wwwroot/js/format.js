// Plain Dutch words for figures, dates and norms (B1: short sentences, everyday words).

const ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const isoDateFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ZONE });
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export const formatNumber = (n) => numberFormat.format(n);
/** "1 week", "3 weken", "2,5 weken" (a median may be a half week). */
export const weeks = (n) => (n === 1 ? '1 week' : `${formatNumber(n)} weken`);
export const days = (n) => (n === 1 ? '1 dag' : `${formatNumber(n)} dagen`);

/** "3 weken", or "tussen 2 en 5 weken" when the values differ. */
export function range(values, format) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `tussen ${format(low)} en ${format(high)}`;
}

/** A norm's maximums in words: "tot intake hoogstens 4 weken, in totaal hoogstens 14 weken" (empty when it has none). */
export function normBoundsText(norm) {
  return [
    norm.maxIntakeWeeks != null ? `tot intake hoogstens ${weeks(norm.maxIntakeWeeks)}` : null,
    norm.maxTreatmentWeeks != null ? `van intake tot start hoogstens ${weeks(norm.maxTreatmentWeeks)}` : null,
    norm.maxTotalWeeks != null ? `in totaal hoogstens ${weeks(norm.maxTotalWeeks)}` : null,
  ].filter(Boolean).join(', ');
}
export const formatDate = (iso) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso) => `${dateFormat.format(new Date(iso))} om ${timeFormat.format(new Date(iso))}`;
/** 2026-11-20, in Amsterdam time: for files. */
export const isoDate = (iso) => isoDateFormat.format(new Date(iso));

/** "2026-W47" → "week 47". */
export function weekLabel(isoWeek) {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek ?? '');
  return match ? `week ${Number(match[2])}` : isoWeek;
}

/** "2026-W47" → a number that grows by one per ISO week, to place weeks on an axis. */
export function weekIndex(isoWeek) {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!match) return null;
  const year = Number(match[1]);
  // Monday of ISO week 1 is the Monday of the week with 4 January in it.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayWeek1 = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86400000);
  return Math.round((mondayWeek1 + (Number(match[2]) - 1) * 7 * 86400000) / (7 * 86400000));
}

/** The three phases of a wait, with the fields that hold the figure and the norm's bound. */
export const PHASES = [
  { key: 'intake', figure: 'waitToIntakeWeeks', bound: 'maxIntakeWeeks', words: 'tot intake', name: 'Tot intake' },
  { key: 'treatment', figure: 'waitToTreatmentWeeks', bound: 'maxTreatmentWeeks', words: 'van intake tot start van de hulp', name: 'Van intake tot start' },
  { key: 'total', figure: 'totalWaitWeeks', bound: 'maxTotalWeeks', words: 'in totaal', name: 'In totaal' },
];

/** 'within', 'exceeded', 'no-norm' or 'unknown' for one phase. */
export function judgePhase(figure, bound) {
  if (figure === null || figure === undefined) return 'unknown';
  if (bound === null || bound === undefined) return 'no-norm';
  return figure <= bound ? 'within' : 'exceeded';
}

const normWords = (bound) => (bound === 0 ? 'de norm (hulp moet direct beginnen)' : `de norm van ${weeks(bound)}`);

/** "3 weken wachten tot intake — binnen de norm van 4 weken". */
export function phaseSentence(phase, figures, norm) {
  const figure = figures?.[phase.figure];
  const bound = norm?.[phase.bound];
  const wait = figure === 0 ? `Geen wachttijd ${phase.words}` : `${weeks(figure)} wachten ${phase.words}`;
  switch (judgePhase(figure, bound)) {
    case 'unknown':
      return `Wachttijd ${phase.words}: niet bekend`;
    case 'no-norm':
      return `${wait} — voor deze stap is er geen norm`;
    case 'within':
      return `${wait} — binnen ${normWords(bound)}`;
    default:
      return `${wait} — langer dan ${normWords(bound)}`;
  }
}

/** The phases worth a line: intake and treatment always, the total when it is known or the norm bounds it. */
export function phasesToShow(figures, norm) {
  return PHASES.filter((p) => p.key !== 'total' || figures?.totalWaitWeeks != null || norm?.maxTotalWeeks != null);
}

export const NORM_STATUS = {
  within: { text: 'Binnen de norm', symbol: '✓' },
  exceeded: { text: 'Langer dan de norm', symbol: '!' },
  unknown: { text: 'Niet te beoordelen', symbol: '?' },
};

export function normName(norm) {
  if (!norm) return 'Geen norm bekend';
  return norm.source === 'regio' ? 'Norm van de regio' : norm.label;
}

/** "2 van de 10 plekken vrij". */
export function placesText(a) {
  if (a?.freePlaces === null || a?.freePlaces === undefined) return 'Vrije plekken: niet opgegeven';
  if (a.freePlaces === 0) return 'Geen plek vrij';
  if (a.totalPlaces) return `${a.freePlaces} van de ${a.totalPlaces} plekken vrij`;
  return a.freePlaces === 1 ? '1 plek vrij' : `${a.freePlaces} plekken vrij`;
}

export function ageText(min, max) {
  return min === max ? `${min} jaar` : `${min} tot en met ${max} jaar`;
}

export const TAGS = {
  adhd: 'ADHD',
  angst: 'Angst',
  autisme: 'Autisme',
  depressie: 'Somberheid en depressie',
  eetproblemen: 'Problemen met eten',
  gedragsproblemen: 'Problemen met gedrag',
  hechting: 'Hechting',
  lvb: 'Licht verstandelijke beperking',
  opvoedvragen: 'Vragen over opvoeden',
  scheiding: 'Scheiding van ouders',
  trauma: 'Nare ervaringen (trauma)',
  verslaving: 'Verslaving',
  zelfbeschadiging: 'Zichzelf pijn doen',
  dyslexie: 'Dyslexie',
  psychose: 'Psychose',
};

export const tagName = (code) => TAGS[code] ?? code;
