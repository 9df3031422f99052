// Where a family goes next in a municipality: its toegang (wijkteam, CJG or lokale toegang), how long that first step
// takes when the municipality reports it, and what to do when a wait is longer than the norm.
import { getJson } from './api.js';
import { h } from './dom.js';
import { formatDate, weeks } from './format.js';
import { contactList } from './offering.js';

/** The municipality with its toegang (GET /api/v1/municipalities/{code}). */
export const loadAccess = (code, signal) => getJson(`/api/v1/municipalities/${encodeURIComponent(code)}`, { signal });

function firstStepWait(access) {
  if (access.waitWeeks == null) return h('p', {}, 'Hoe lang je wacht op een eerste gesprek, heeft de gemeente niet doorgegeven.');
  const wait = access.waitWeeks === 0 ? 'Er is geen wachttijd voor een eerste gesprek' : `Je wacht ongeveer ${weeks(access.waitWeeks)} op een eerste gesprek`;
  return h('p', {}, `${wait} (doorgegeven op ${formatDate(access.waitReportedAt)}).`);
}

/**
 * "Zo kom je aan deze hulp": the toegang with phone and website, its own wait when known, and what to do about a wait
 * longer than the norm.
 */
export function accessBlock(municipality, { headingLevel = 'h2' } = {}) {
  const { access } = municipality;
  const sub = headingLevel === 'h2' ? 'h3' : 'h4';
  const who = access?.name ?? 'de gemeente';
  return h('section', { class: 'access', 'aria-labelledby': 'kop-toegang' },
    h(headingLevel, { id: 'kop-toegang' }, `Zo kom je aan deze hulp in ${municipality.name}`),
    access
      ? [
        h('p', {}, `Voor de meeste jeugdhulp heb je een verwijzing nodig. Die krijg je van ${access.name}, de huisarts of de jeugdarts. Je kunt ook eerst een gesprek vragen als je niet weet welke hulp past.`),
        contactList(access),
        firstStepWait(access),
      ]
      : h('p', {}, `Voor de meeste jeugdhulp heb je een verwijzing nodig, van de gemeente ${municipality.name}, de huisarts of de jeugdarts. De gemeente heeft nog niet doorgegeven wie dat daar regelt. Bel het algemene nummer van de gemeente: 14 en dan het netnummer.`),
    h(sub, {}, 'Is de wachttijd langer dan de norm?'),
    h('ul', {},
      h('li', {}, `Vraag ${who} om met je mee te zoeken. De gemeente kan de aanbieder vragen om samen met jou een andere plek te zoeken, met een kortere wachttijd.`),
      h('li', {}, `Vraag ${who} of de aanbieder naar overbruggingszorg: hulp terwijl je wacht.`),
      h('li', {}, 'Wordt het erger terwijl je wacht? Bel je huisarts. Bij spoed: zie ‘Spoed?’ bovenaan de pagina.')));
}
