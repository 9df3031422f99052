// The API's refusals in Dutch. The API gives every refused field a stable code with the rule's parameters (README,
// "Error codes"); this is the one table that words those codes. The API's English message is never read, so changing
// an English sentence cannot change a Dutch page.

import {
  counted, formatDate, formatNumber, weeks,
} from './format.js';

const FORMATS = {
  postcode: 'Vul een postcode in zoals 7001 AB.',
  'municipality-code': 'Kies een gemeente uit de lijst.',
  kvk: 'Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 12345678.',
  agb: 'Een AGB-code heeft precies 8 cijfers.',
  email: 'Vul een e-mailadres in zoals info@aanbieder.nl.',
  phone: 'Vul een telefoonnummer in met alleen cijfers, spaties, +, - en haakjes.',
  website: 'Vul een webadres in dat begint met https://, bijvoorbeeld https://www.aanbieder.nl.',
  'csv-header': 'De eerste regel van het bestand moet de kopregel zijn: kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start.',
  'csv-row': 'Op deze regel staan niet precies 5 waarden, gescheiden door een puntkomma (;).',
};

const KINDS = {
  municipality: 'Deze gemeente kennen we niet. Kies een gemeente uit de lijst.',
  'care-type': 'Kies een soort hulp uit de lijst.',
  tag: 'Kies onderwerpen uit de lijst.',
  region: 'Deze regio kennen we niet.',
  provider: 'Deze aanbieder bestaat niet (meer). Laad de pagina opnieuw.',
  location: 'Kies alleen vestigingen van deze aanbieder.',
  offering: 'Dit aanbod bestaat niet (meer). Laad de pagina opnieuw.',
  postcode: 'Deze postcode kennen we niet. Vul een postcode in zoals 7001 AB.',
  'ijw-category': 'Deze iJw-productcategorie kennen we niet. Gebruik de twee cijfers van de categorie, bijvoorbeeld 45.',
};

const TEXT = {
  'line-break': 'Schrijf dit op één regel.',
  control: 'Hier staat een teken dat niet mag. Typ de tekst opnieuw.',
  direction: 'Hier staat een teken dat niet mag. Typ de tekst opnieuw.',
  surrogate: 'Hier staat een teken dat niet mag. Typ de tekst opnieuw.',
};

const SOMETHING_WRONG = 'Dit veld klopt niet.';

const date = (iso) => formatDate(iso);

/** 731 days is "2 jaar" (a leap day included), 90 days stays "90 dagen". */
function daysInWords(count) {
  const years = Math.floor(count / 365);
  return years >= 1 && count - years * 365 <= 1 ? `${years} jaar` : `${formatNumber(count)} dagen`;
}

/** Per code: the words, from the code's parameters. */
const WORDS = {
  required: () => 'Vul dit veld in.',
  range: ({ min, max, unit }) => (unit === 'days'
    ? `Kies een periode van hoogstens ${daysInWords(max)}.`
    : `Vul een heel getal in van ${min} tot en met ${max}.`),
  'number-range': ({ min, max }) => `Vul een getal in van ${formatNumber(min)} tot en met ${formatNumber(max)}.`,
  boolean: () => 'Kies ja of nee.',
  date: () => 'Vul een datum in.',
  'date-range': ({ min, max }) => (min && max
    ? `Kies een datum van ${date(min)} tot en met ${date(max)}.`
    : max ? `Kies een datum op of voor ${date(max)}.` : `Kies een datum op of na ${date(min)}.`),
  'too-long': ({ max, length }) => `Schrijf hoogstens ${formatNumber(max)} tekens. Nu zijn het er ${formatNumber(length)}.`,
  text: ({ reason }) => TEXT[reason] ?? SOMETHING_WRONG,
  format: ({ format }) => FORMATS[format] ?? SOMETHING_WRONG,
  unknown: ({ kind }) => KINDS[kind] ?? SOMETHING_WRONG,
  ended: ({ since }) => `Deze gemeente bestaat niet meer sinds ${date(since)}. Kies de nieuwe gemeente.`,
  'one-of': () => 'Kies een van de mogelijkheden uit de lijst.',
  duplicate: () => 'Dit staat er twee keer in.',
  count: ({ max }) => `Kies er hoogstens ${max}.`,
  'not-yours': () => 'Kies alleen wat bij je eigen regio’s hoort.',
  'more-than': ({ max }) => `Dit kan niet meer zijn dan ${max}.`,
  'less-than': ({ min }) => (min == null ? 'Dit kan niet eerder of lager zijn dan het veld ervoor.' : `Dit kan niet minder zijn dan ${min}.`),
  together: () => 'Vul deze velden allebei in, of laat ze allebei leeg.',
  'at-least-one': () => 'Vul minstens één van deze velden in.',
  needs: () => 'Hiervoor moet je eerst nog iets anders invullen.',
  alone: () => 'Kies: "niets veranderd", of nieuwe cijfers. Allebei tegelijk kan niet.',
  'no-earlier-report': () => 'Er zijn nog geen eerdere cijfers om te bevestigen. Vul de cijfers in.',
  'too-few': ({ min }) => `Minstens ${min} jeugdigen per regel. Een kleinere groep kan een kind herkenbaar maken. Laat de maand weg of voeg hem samen met een andere.`,
  'not-allowed': () => 'Dit kan hier niet.',
  'json-syntax': () => SOMETHING_WRONG,
  'json-type': () => SOMETHING_WRONG,
  'unknown-field': () => SOMETHING_WRONG,
  'duplicate-field': () => SOMETHING_WRONG,
};

/** One Dutch sentence for one refused field ({ field, code, ...parameters }). */
export function inDutch(problem) {
  return WORDS[problem.code]?.(problem) ?? SOMETHING_WRONG;
}

/** The codes this table words: the README's list (a browser test compares them). */
export const WORDED_CODES = Object.keys(WORDS);

/**
 * A form's own words for one field, where the general words would say less: a string, an object per code
 * ({ 'less-than': '…', range: (p) => '…' }), or a function of the problem. Undefined leaves it to the table.
 */
export function wordFor(words, problem) {
  const own = typeof words === 'object' && words !== null ? words[problem.code] : words;
  const text = typeof own === 'function' ? own(problem) : own;
  return text ?? inDutch(problem);
}

/** Per plausibility warning (README, "Plausibility warnings"): what looks unlikely, in the provider's terms. */
const WARNINGS = {
  'wait-dropped-sharply': ({ previous, current }) => `De wachttijd daalt van ${previous} naar ${weeks(current)}. Zo snel loopt een wachtlijst zelden leeg.`,
  'wait-rose-sharply': ({ previous, current }) => `De wachttijd stijgt van ${previous} naar ${weeks(current)}. Heb je misschien maanden ingevuld in plaats van weken?`,
  'free-places-with-waitlist': ({ freePlaces, waitlistCount }) => `Er ${freePlaces === 1 ? 'is' : 'zijn'} ${counted(freePlaces, 'plek', 'plekken')} vrij, terwijl er ${counted(waitlistCount, 'kind wacht', 'kinderen wachten')}.`,
  'places-jumped': ({ previous, current }) => `Het aantal plekken in totaal gaat van ${formatNumber(previous)} naar ${formatNumber(current)}.`,
  'stop-without-wait': () => 'Er is een aanmeldstop, maar de wachttijd tot intake is 0 weken.',
  'same-figures-for-weeks': ({ weeks: count }) => `Deze cijfers zijn al ${weeks(count)} precies hetzelfde.`,
};

/** One Dutch sentence for one plausibility warning ({ offeringId, code, field, ...figures }). */
export function warningInDutch(warning) {
  return WARNINGS[warning.code]?.(warning) ?? 'Dit cijfer valt op.';
}

/** The warning codes this table words (a browser test compares them with the README). */
export const WORDED_WARNINGS = Object.keys(WARNINGS);
