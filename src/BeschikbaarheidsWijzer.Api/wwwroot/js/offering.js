// How one offering's figures are shown, in the search results, on its own page and among the alternatives. Every verdict
// comes from the API (normStatus, phases, availableNow); this module only puts it into words.
import { h } from './dom.js';
import { pickBox } from './shortlist.js';
import {
  NORM_STATUS, ageText, formatDate, formatNumber, leadLine, normName, phaseClass, phaseSentence, phasesToShow, placesText,
  unknownSteps, weekLabel,
} from './format.js';

/** The norm verdict as words and a symbol, never as colour alone. */
export function statusBadge(status) {
  const verdict = NORM_STATUS[status] ?? NORM_STATUS.unknown;
  return h('span', { class: `badge badge-${status in NORM_STATUS ? status : 'unknown'}` },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, verdict.symbol), ' ', verdict.text);
}

/** "Nu plek": only when the API says so (accepting, current figures and a free place). */
const openBadge = () => h('span', { class: 'badge badge-open' }, h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, '●'), ' Nu plek');

/** One line per phase: the wait in weeks against the norm, as the API judged it. */
export function waitLines(phases) {
  return h('ul', { class: 'waits' }, phasesToShow(phases).map((phase) =>
    h('li', { class: `wait wait-${phaseClass(phase)}` }, phaseSentence(phase, phases))));
}

/**
 * @param age the child's age the search was for: the detail page judges alternatives by it.
 */
export function detailHref(id, municipality, age) {
  const query = new URLSearchParams();
  if (municipality) query.set('gemeente', municipality);
  if (age) query.set('leeftijd', age);
  const text = query.toString();
  return `/aanbod/${encodeURIComponent(id)}${text ? `?${text}` : ''}`;
}

/**
 * Date of the figures, and a warning when they are old. Figures confirmed unchanged say both dates: a parent may trust
 * that they were looked at this week, and still know since when they have been the same.
 */
export function freshness(availability) {
  const sent = formatDate(availability.reportedAt);
  const changed = availability.figuresChangedAt ? formatDate(availability.figuresChangedAt) : sent;
  return [
    h('p', { class: 'updated' }, changed === sent
      ? `Bijgewerkt op ${sent} (${weekLabel(availability.week)})`
      : `Cijfers bevestigd op ${sent} (${weekLabel(availability.week)}); voor het laatst veranderd op ${changed}`),
    availability.stale
      ? h('p', { class: 'stale' }, h('strong', {}, 'Let op: '), 'deze cijfers zijn al een tijd niet bijgewerkt. Vraag bij de aanbieder na of ze nog kloppen.')
      : null,
  ];
}

/** The verdict in one sentence under the badges when it is partial: which steps are not known. */
function partialNote(item) {
  return item.normStatus === 'partial'
    ? h('p', { class: 'partial-note' }, `Niet bekend: hoe lang je wacht ${unknownSteps(item.phases)}. Vraag de aanbieder hiernaar.`)
    : null;
}

/** Lead line, badges, aanmeldstop, waits, places and date: the heart of every view of an offering. */
export function availabilityBlock(item) {
  const a = item.availability;
  if (!a) {
    return [
      h('p', { class: 'lead-line' }, leadLine(item)),
      h('p', { class: 'verdict' }, statusBadge('unknown')),
    ];
  }

  return [
    h('p', { class: 'lead-line' }, leadLine(item)),
    h('p', { class: 'verdict' }, statusBadge(item.normStatus), a.availableNow ? [' ', openBadge()] : null),
    partialNote(item),
    // A free place beside a wait to intake: both are true, and together they need a word, not a contradiction.
    a.availableNow && a.waitToIntakeWeeks > 0
      ? h('p', { class: 'partial-note' }, 'Er is een plek vrij, maar de aanbieder geeft ook een wachttijd tot de intake op. Vraag of de vrije plek past bij jouw kind.')
      : null,
    a.acceptingReferrals
      ? null
      : h('p', { class: 'stop' }, h('strong', {}, 'Aanmeldstop: '), 'deze aanbieder neemt nu geen nieuwe aanmeldingen aan.'),
    waitLines(item.phases),
    h('p', { class: 'norm-name' }, `Vergeleken met: ${normName(item.norm)}`),
    h('p', { class: 'places' }, placesText(a)),
    freshness(a),
  ];
}

/** One search result. */
/** @param pick with a tick box to put it on the keuzelijst. */
export function offeringCard(item, municipality, { headingLevel = 'h3', age, pick = false } = {}) {
  const place = [item.location?.city, item.location?.distanceKm != null ? `${formatNumber(item.location.distanceKm)} km` : null]
    .filter(Boolean).join(', ');
  return h('article', { class: 'card' },
    h(headingLevel, { class: 'card-title' }, h('a', { href: detailHref(item.id, municipality, age) }, item.title)),
    h('p', { class: 'provider' }, item.provider.name),
    h('p', { class: 'meta' }, [item.careType.name, ageText(item.ageMin, item.ageMax), place].filter(Boolean).join(' · ')),
    availabilityBlock(item),
    pick ? pickBox(item) : null);
}

/** A phone number as a link to call it. */
export const phoneLink = (phone) => h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}` }, phone);

export const emailLink = (email) => h('a', { href: `mailto:${email}` }, email);

/** A website as a link, only when it is a web address (never a javascript: or other link from data). */
export const websiteLink = (url) => (/^https?:\/\//i.test(url) ? h('a', { href: url }, url.replace(/^https?:\/\//i, '')) : null);

/** Phone, e-mail and website, each a link. */
export function contactList(contact) {
  const website = contact.website ? websiteLink(contact.website) : null;
  const items = [
    contact.phone ? h('li', {}, 'Telefoon: ', phoneLink(contact.phone)) : null,
    contact.email ? h('li', {}, 'E-mail: ', emailLink(contact.email)) : null,
    website ? h('li', {}, 'Website: ', website) : null,
  ].filter(Boolean);
  return items.length ? h('ul', { class: 'contact' }, items) : h('p', {}, 'Er zijn geen contactgegevens bekend.');
}
