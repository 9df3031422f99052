// Keuzelijst (/keuzelijst?aanbod=id,id&gemeente=GM0222): the 3–5 options a referrer talked over with a family, on one
// printable page in plain Dutch. The address holds offering ids and the municipality only: no name, nothing about the
// child. Each option says what it is, the wait against the norm, where it is and how to call; then the toegang.
import { ApiError, getJson, loadReference } from './api.js';
import { accessBlock, loadAccess } from './access.js';
import { h, replace } from './dom.js';
import {
  ageText, formatDate, leadLine, placesText,
} from './format.js';
import { emailLink, phoneLink, websiteLink } from './offering.js';
import { copyLinkButton } from './referrer.js';
import { MAX_CHOSEN, SHORTLIST_PATH, chosenIds } from './shortlist.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids in the address, as given (each checked later), without repeats. */
function idsOf(url) {
  const raw = url.searchParams.get('aanbod') ?? '';
  return [...new Set(raw.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))];
}

/** Where to go: the offering's locations, the one in the family's municipality first. */
function whereText(item, municipality) {
  const locations = [...(item.locations ?? [])].sort((a, b) => (b.municipality === municipality) - (a.municipality === municipality));
  const first = locations[0];
  if (!first) return 'Adres: vraag het de aanbieder.';
  const address = [first.street, [first.postcode, first.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const more = locations.length > 1 ? ` (en nog ${locations.length - 1} ${locations.length === 2 ? 'adres' : 'adressen'})` : '';
  return `Adres: ${address}${more}`;
}

/**
 * Where, phone and e-mail on one line, each a link; the website on the screen only (on paper it is one more line to
 * type over, and the phone number says more).
 */
function howToReach(item, municipality) {
  const { provider } = item;
  const website = provider.website ? websiteLink(provider.website) : null;
  return [
    h('p', {}, whereText(item, municipality),
      ' · Telefoon: ', provider.phone ? phoneLink(provider.phone) : 'niet bekend',
      provider.email ? [' · E-mail: ', emailLink(provider.email)] : null),
    website ? h('p', { class: 'no-print' }, 'Website: ', website) : null,
  ];
}

function optionBlock(item, index, municipality) {
  const a = item.availability;
  return h('li', { class: 'shortlist-item' },
    h('h2', {}, `${index + 1}. ${item.title}`),
    h('p', { class: 'meta' }, [item.provider.name, item.careType.name, ageText(item.ageMin, item.ageMax)].join(' · ')),
    h('p', { class: 'lead-line' }, leadLine(item)),
    a && !a.acceptingReferrals ? h('p', { class: 'stop' }, h('strong', {}, 'Aanmeldstop: '), 'deze aanbieder neemt nu geen nieuwe aanmeldingen aan.') : null,
    a ? h('p', {}, `${placesText(a)}. Cijfers van ${formatDate(a.reportedAt)}${a.stale ? ' (oud: vraag of ze nog kloppen)' : ''}.`) : null,
    howToReach(item, municipality));
}

export function mount(main, ctx) {
  ctx.setTitle('Keuzelijst');
  const controller = new AbortController();
  const { signal } = controller;
  const body = h('div', { class: 'shortlist-page' }, h('p', { class: 'loading' }, 'De keuzelijst wordt geladen…'));
  replace(main,
    h('h1', { tabindex: '-1' }, 'Keuzelijst jeugdhulp'),
    body);

  async function show(url) {
    const ids = idsOf(url);
    const municipalityCode = (url.searchParams.get('gemeente') ?? '').trim().toUpperCase();
    const back = h('p', { class: 'no-print' }, h('a', { href: municipalityCode ? `/verwijzers?gemeente=${encodeURIComponent(municipalityCode)}` : '/verwijzers' }, 'Terug naar Voor verwijzers'));
    if (ids.length === 0) {
      const kept = chosenIds();
      replace(body,
        h('p', {}, 'Er staat nog niets op deze keuzelijst.'),
        kept.length ? h('p', {}, h('a', { href: `${SHORTLIST_PATH}?aanbod=${kept.join(',')}` }, `Open de keuzelijst die je net maakte (${kept.length} gekozen)`)) : null,
        h('p', {}, 'Kies aanbod bij ', h('a', { href: '/verwijzers' }, 'Voor verwijzers'), ': zet een vinkje bij ‘Kies’.'));
      return;
    }
    if (ids.length > MAX_CHOSEN) {
      replace(body,
        h('p', { class: 'error', role: 'alert' }, `Een keuzelijst kan hoogstens ${MAX_CHOSEN} keuzes hebben. Deze link heeft er ${ids.length}. Maak een kortere keuzelijst.`),
        back);
      return;
    }

    let reference = null;
    try {
      reference = await loadReference();
    } catch {
      // Without the reference data the list still shows; only the check of the municipality waits for it.
    }
    const municipality = municipalityCode && reference ? reference.municipalityByCode.get(municipalityCode) : null;
    const unknownMunicipality = Boolean(municipalityCode && reference && !municipality);
    const query = municipality ? `?municipality=${encodeURIComponent(municipality.code)}` : '';
    const found = await Promise.all(ids.map((id) => (UUID.test(id)
      ? getJson(`/api/v1/offerings/${id}${query}`, { signal }).catch((error) => error)
      : Promise.resolve(new ApiError(404, null)))));
    const accessFound = municipality ? await loadAccess(municipality.code, signal).catch(() => null) : null;
    if (signal.aborted) return;

    const items = found.filter((f) => !(f instanceof Error));
    const missing = found.filter((f) => f instanceof ApiError && (f.status === 404 || f.status === 400)).length;
    const failed = found.length - items.length - missing;
    const today = formatDate(new Date().toISOString());
    replace(body,
      h('p', { class: 'lead' }, 'Deze hulp hebben we samen besproken. Hier staat hoe lang je moet wachten, waar de hulp is en wie je belt. ',
        h('span', { class: 'shortlist-date' }, `Gemaakt op ${today}. Wachttijden veranderen elke week: vraag de aanbieder of er nog plek is.`)),
      unknownMunicipality
        ? h('p', { class: 'notice', role: 'alert' }, 'De gemeente in deze link kennen we niet. De wachttijden staan er wel, vergeleken met de landelijke norm.')
        : null,
      missing ? h('p', { class: 'notice' }, missing === 1 ? 'Eén gekozen aanbod bestaat niet meer. Het staat niet op de lijst.' : `Van de gekozen hulp bestaan er ${missing} niet meer. Die staan niet op de lijst.`) : null,
      failed ? h('p', { class: 'error', role: 'alert' }, 'Niet alles kon laden. Laad de pagina opnieuw.') : null,
      h('div', { class: 'no-print shortlist-tools' },
        h('button', { type: 'button', class: 'button-primary', onclick: () => window.print() }, 'Afdrukken of opslaan als pdf'),
        copyLinkButton(),
        back),
      items.length ? h('ol', { class: 'shortlist' }, items.map((item, i) => optionBlock(item, i, municipality?.code))) : null,
      accessFound ? accessBlock(accessFound, { headingLevel: 'h2' }) : null);
  }

  show(ctx.url);
  return {
    update: (url) => show(url),
    unmount: () => controller.abort(),
  };
}
