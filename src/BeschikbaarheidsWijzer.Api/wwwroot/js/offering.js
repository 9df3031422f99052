// How one offering's figures are shown, in the search results, on its own page and among the alternatives.
import { h } from './dom.js';
import {
  NORM_STATUS, ageText, formatDate, formatNumber, judgePhase, normName, phaseSentence, phasesToShow, placesText, weekLabel,
} from './format.js';

/** The norm verdict as words and a symbol, never as colour alone. */
export function statusBadge(status) {
  const verdict = NORM_STATUS[status] ?? NORM_STATUS.unknown;
  return h('span', { class: `badge badge-${status in NORM_STATUS ? status : 'unknown'}` },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, verdict.symbol), ' ', verdict.text);
}

/** One line per phase: the wait in weeks against the norm. */
export function waitLines(figures, norm) {
  return h('ul', { class: 'waits' }, phasesToShow(figures, norm).map((phase) =>
    h('li', { class: `wait wait-${judgePhase(figures?.[phase.figure], norm?.[phase.bound])}` }, phaseSentence(phase, figures, norm))));
}

export function detailHref(id, municipality) {
  return `/aanbod/${encodeURIComponent(id)}${municipality ? `?gemeente=${encodeURIComponent(municipality)}` : ''}`;
}

/** Date of the figures, and a warning when they are old. */
export function freshness(availability) {
  return [
    h('p', { class: 'updated' }, `Bijgewerkt op ${formatDate(availability.reportedAt)} (${weekLabel(availability.week)})`),
    availability.stale
      ? h('p', { class: 'stale' }, h('strong', {}, 'Let op: '), 'deze cijfers zijn al een tijd niet bijgewerkt. Vraag bij de aanbieder na of ze nog kloppen.')
      : null,
  ];
}

/** Badge, aanmeldstop, waits, places and date: the heart of every view of an offering. */
export function availabilityBlock(item) {
  const a = item.availability;
  if (!a) {
    return [
      h('p', { class: 'verdict' }, statusBadge('unknown')),
      h('p', {}, 'Deze aanbieder heeft nog geen wachttijden doorgegeven.'),
    ];
  }

  return [
    h('p', { class: 'verdict' }, statusBadge(item.normStatus),
      a.availableNow ? [' ', h('span', { class: 'badge badge-open' }, h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, '●'), ' Nu plek')] : null),
    a.acceptingReferrals ? null : h('p', { class: 'stop' }, h('strong', {}, 'Aanmeldstop: '), 'deze aanbieder neemt nu geen nieuwe aanmeldingen aan.'),
    waitLines(a, item.norm),
    h('p', { class: 'norm-name' }, `Vergeleken met: ${normName(item.norm)}`),
    h('p', { class: 'places' }, placesText(a)),
    freshness(a),
  ];
}

/** One search result. */
export function offeringCard(item, municipality, headingLevel = 'h3') {
  const place = [item.location?.city, item.location?.distanceKm != null ? `${formatNumber(item.location.distanceKm)} km` : null]
    .filter(Boolean).join(', ');
  return h('article', { class: 'card' },
    h(headingLevel, { class: 'card-title' }, h('a', { href: detailHref(item.id, municipality) }, item.title)),
    h('p', { class: 'provider' }, item.provider.name),
    h('p', { class: 'meta' }, [item.careType.name, ageText(item.ageMin, item.ageMax), place].filter(Boolean).join(' · ')),
    availabilityBlock(item));
}

/** A phone number as a link to call it. */
const phoneLink = (phone) => h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}` }, phone);

const emailLink = (email) => h('a', { href: `mailto:${email}` }, email);

/** A website as a link, only when it is a web address (never a javascript: or other link from data). */
const websiteLink = (url) => (/^https?:\/\//i.test(url) ? h('a', { href: url }, url.replace(/^https?:\/\//i, '')) : null);

/** A provider's phone, e-mail and website, each a link. */
export function contactList(provider) {
  const website = provider.website ? websiteLink(provider.website) : null;
  const items = [
    provider.phone ? h('li', {}, 'Telefoon: ', phoneLink(provider.phone)) : null,
    provider.email ? h('li', {}, 'E-mail: ', emailLink(provider.email)) : null,
    website ? h('li', {}, 'Website: ', website) : null,
  ].filter(Boolean);
  return items.length ? h('ul', { class: 'contact' }, items) : h('p', {}, 'Er zijn geen contactgegevens bekend.');
}
