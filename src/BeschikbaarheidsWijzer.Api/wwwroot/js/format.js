// Plain Dutch words for figures, dates and norms (B1: short sentences, everyday words).

const ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const isoDateFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ZONE });
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export const formatNumber = (n) => numberFormat.format(n);

/**
 * A count with its noun in the right number: counted(1, 'plek', 'plekken') is "1 plek", 0 and 3 take the plural. Dutch
 * "aanbod" has no plural: count "onderdelen van het aanbod" or "soorten hulp" instead of "3 aanbod" (a test reads every
 * page for such slips).
 */
export const counted = (n, one, many) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "1 week", "3 weken", "2,5 weken" (a median may be a half week). */
export const weeks = (n) => counted(n, 'week', 'weken');
export const days = (n) => counted(n, 'dag', 'dagen');

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

/** The inverse of weekIndex: a number of weeks → "2026-W47". */
export function weekOfIndex(index) {
  // weekIndex rounds a Monday to whole weeks since 1 January 1970, a Thursday: index weeks is that week's Thursday.
  const thursday = new Date(index * 7 * 86400000);
  const monday = new Date(thursday.getTime() - 3 * 86400000);
  // The ISO year is the year of the week's Thursday.
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const mondayWeek1 = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86400000);
  const week = Math.round((monday.getTime() - mondayWeek1) / (7 * 86400000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of a date "2026-09-01" → "2026-W36". */
export function isoWeekOfDate(isoDay) {
  const [year, month, day] = isoDay.split('-').map(Number);
  const sinceEpoch = Date.UTC(year, month - 1, day) / 86400000;
  // Weeks since the Thursday of 1 January 1970's week, counted from that week's Monday.
  return weekOfIndex(Math.floor((sinceEpoch + 3) / 7));
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

/**
 * The three phases of a wait, in the API's order, with their words. The API judges each phase (`phases`: within,
 * exceeded, unknown or noNorm); this app only puts that verdict into words and never judges a wait itself.
 */
export const PHASES = {
  intake: { words: 'tot intake' },
  treatment: { words: 'van intake tot start van de hulp' },
  total: { words: 'in totaal' },
};

const normWords = (bound) => (bound === 0 ? 'de norm (hulp moet direct beginnen)' : `de norm van ${weeks(bound)}`);

/** The phase of `phases` named `key` (intake, treatment or total). */
export const phaseOf = (phases, key) => phases?.find((p) => p.phase === key) ?? null;

/** "3 weken wachten tot intake — binnen de norm van 4 weken", from one phase as the API judged it. */
export function phaseSentence(phase, phases) {
  const { words } = PHASES[phase.phase];
  const wait = phase.weeks === 0 ? `Geen wachttijd ${words}` : `${weeks(phase.weeks)} wachten ${words}`;
  switch (phase.status) {
    case 'within':
      return `${wait} — binnen ${normWords(phase.maxWeeks)}`;
    case 'exceeded':
      if (phase.weeks == null) {
        // The total is unknown, but one step alone is already longer than the norm for the whole wait.
        const longest = (phases ?? []).filter((p) => p.phase !== 'total' && p.weeks != null && p.weeks > phase.maxWeeks)[0];
        return `In totaal: langer dan ${normWords(phase.maxWeeks)}${longest ? ` (alleen de wachttijd ${PHASES[longest.phase].words} is al ${weeks(longest.weeks)})` : ''}`;
      }
      return `${wait} — langer dan ${normWords(phase.maxWeeks)}`;
    case 'noNorm':
      // A step the norm does not bound on its own (often only the whole wait is bounded): the figure, no verdict.
      return phase.weeks == null ? `Wachttijd ${words}: niet bekend` : wait;
    default:
      return `Wachttijd ${words}: niet bekend`;
  }
}

/** The phases worth a line: intake and treatment always, the total when it is known or has a norm. */
export function phasesToShow(phases) {
  return (phases ?? []).filter((p) => p.phase !== 'total' || p.weeks != null || p.status !== 'noNorm');
}

/** The CSS class of a phase's line: within, exceeded, or neutral (unknown, no norm). */
export const phaseClass = (phase) => (phase.status === 'within' || phase.status === 'exceeded' ? phase.status : 'neutral');

/**
 * The one line a parent reads first: the total wait against the total norm when it is known, otherwise what is known
 * and what is not. Only words for what the API said; no judging here.
 */
export function leadLine(item) {
  const a = item.availability;
  if (!a) return 'Deze aanbieder heeft nog geen wachttijden doorgegeven.';
  const total = phaseOf(item.phases, 'total');
  const intake = phaseOf(item.phases, 'intake');
  const treatment = phaseOf(item.phases, 'treatment');
  if (total?.weeks != null) {
    const wait = total.weeks === 0 ? 'Geen wachttijd' : `In totaal ${weeks(total.weeks)} wachten`;
    if (total.maxWeeks == null) return `${wait} — voor de hele wachttijd is er geen norm`;
    if (total.status === 'exceeded') return `${wait} — langer dan ${normWords(total.maxWeeks)}`;
    const line = `${wait} — ${total.maxWeeks === 0 ? 'de norm is: direct' : `de norm is ${weeks(total.maxWeeks)}`}`;
    // Within the total, yet one step over its own norm: the line must not read as "all is well".
    const over = [intake, treatment].find((p) => p?.status === 'exceeded');
    return over ? `${line}, maar ${PHASES[over.phase].words} duurt het langer dan ${normWords(over.maxWeeks)}` : line;
  }
  const overTotal = total?.status === 'exceeded' ? ` Dat is al langer dan de norm van ${weeks(total.maxWeeks)} voor de hele wachttijd.` : '';
  if (intake?.weeks != null) {
    const known = intake.weeks === 0 ? 'Geen wachttijd tot intake' : `${weeks(intake.weeks)} wachten tot intake`;
    return `${known}. Hoe lang het daarna duurt tot de hulp begint, is niet bekend.${overTotal}`;
  }
  if (treatment?.weeks != null) {
    const known = treatment.weeks === 0 ? 'Na de intake begint de hulp direct' : `Na de intake ${weeks(treatment.weeks)} wachten tot de hulp begint`;
    return `${known}. Hoe lang je wacht tot de intake, is niet bekend.${overTotal}`;
  }
  return 'Hoe lang je moet wachten, is niet bekend.';
}

/** The steps of the wait that have a norm but no figure, in words: "van intake tot start van de hulp en in totaal". */
export function unknownSteps(phases) {
  const names = (phases ?? []).filter((p) => p.status === 'unknown').map((p) => PHASES[p.phase].words);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

export const NORM_STATUS = {
  within: { text: 'Binnen de norm', symbol: '✓' },
  partial: { text: 'Binnen de norm voor zover bekend', symbol: '✓?' },
  exceeded: { text: 'Langer dan de norm', symbol: '!' },
  unknown: { text: 'Niet te beoordelen', symbol: '?' },
};

export function normName(norm) {
  if (!norm) return 'Geen norm bekend';
  return norm.source === 'regio' ? 'Norm van de regio' : norm.label;
}

/** "2 van de 10 plekken vrij". */
export function placesText(a) {
  if (a?.freePlaces === null || a?.freePlaces === undefined) return 'Vrije plekken: onbekend';
  if (a.freePlaces === 0) return a.totalPlaces ? `Geen plek vrij (van de ${a.totalPlaces} plekken)` : 'Geen plek vrij';
  if (a.totalPlaces) return `${a.freePlaces} van de ${a.totalPlaces} plekken vrij`;
  return `${counted(a.freePlaces, 'plek', 'plekken')} vrij`;
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
