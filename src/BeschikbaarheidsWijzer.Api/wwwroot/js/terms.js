// One set of Dutch words for what a referrer compares: the table, its CSV, the capacity picture and the keuzelijst
// all take their names from here, so "Aanmeldstop" is "Aanmeldstop" everywhere and never "Neemt aanmeldingen aan".
import { NORM_STATUS, formatNumber, normName } from './format.js';

export const TERMS = {
  offering: 'Aanbod',
  provider: 'Aanbieder',
  careType: 'Soort hulp',
  place: 'Plaats',
  distance: 'Afstand (km)',
  ageFrom: 'Leeftijd vanaf',
  ageTo: 'Leeftijd tot en met',
  contact: 'Contact',
  phone: 'Telefoon',
  email: 'E-mail',
  places: 'Plek',
  freePlaces: 'Vrije plekken',
  totalPlaces: 'Plekken totaal',
  waitlist: 'Wachtlijst',
  referralStop: 'Aanmeldstop',
  waits: 'Wachttijd in weken',
  intake: 'Tot intake',
  treatment: 'Intake tot start',
  total: 'Totaal',
  norm: 'Norm',
  verdict: 'Oordeel',
  updated: 'Bijgewerkt',
  week: 'Week',
  stale: 'Verouderd',
  availableNow: 'Nu plek',
  withinNorm: 'Binnen de norm',
  shortestWait: 'Kortste wachttijd',
  medianWait: 'Middelste wachttijd',
  withoutFigures: 'Zonder cijfers',
  link: 'Link',
  unknown: 'onbekend',
  yes: 'ja',
  no: 'nee',
};

/** A number, or "onbekend" when the provider did not give it (never "?"). */
export const orUnknown = (value) => (value === null || value === undefined ? TERMS.unknown : formatNumber(value));

/** "ja" for an aanmeldstop, "nee" without one, "onbekend" without figures. */
export const referralStopText = (availability) => {
  if (!availability) return TERMS.unknown;
  return availability.acceptingReferrals ? TERMS.no : TERMS.yes;
};

/** The verdict in the same words as the badge, lower case for a cell or a file. */
export const verdictText = (status) => (NORM_STATUS[status] ?? NORM_STATUS.unknown).text;

/** The norm's name as cards and the detail say it. */
export const normText = normName;
