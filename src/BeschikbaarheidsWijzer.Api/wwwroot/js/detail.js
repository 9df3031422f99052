// Aanbod (/aanbod/{id}): everything about one offering, how to get a referral, the last 26 weeks and alternatives.
import { ApiError, getJson, loadReference } from './api.js';
import { historyTable, waitChart } from './chart.js';
import { h, replace } from './dom.js';
import { ageText, tagName } from './format.js';
import { availabilityBlock, contactList, offeringCard } from './offering.js';
import { LAST_SEARCH } from './filters.js';

function section(title, ...content) {
  return h('section', { class: 'detail-section' }, h('h2', {}, title), content);
}

function paragraphs(text) {
  return String(text).split(/\n{2,}/).map((part) => h('p', {}, part));
}

function render(main, offering, municipality, placeName) {
  const lastSearch = sessionStorage.getItem(LAST_SEARCH);
  const similar = municipality ? `/?gemeente=${encodeURIComponent(municipality)}&zorgvorm=${encodeURIComponent(offering.careType.code)}` : '/';
  replace(main,
    h('p', { class: 'back' }, h('a', { href: lastSearch ?? similar }, lastSearch ? 'Terug naar de zoekresultaten' : 'Zoek meer van deze hulp')),
    h('h1', { tabindex: '-1' }, offering.title),
    h('p', { class: 'provider lead' }, offering.provider.name),
    h('p', { class: 'meta' }, [offering.careType.name, ageText(offering.ageMin, offering.ageMax)].join(' · ')),
    offering.tags.length ? h('ul', { class: 'tag-chips', 'aria-label': 'Onderwerpen' }, offering.tags.map((t) => h('li', {}, tagName(t)))) : null,

    section('Wachttijd en plekken',
      placeName ? h('p', { class: 'hint' }, `Vergeleken met de norm die geldt in ${placeName}.`) : null,
      availabilityBlock(offering),
      offering.availability ? h('ul', { class: 'facts' },
        h('li', {}, offering.availability.waitlistCount != null ? `${offering.availability.waitlistCount} op de wachtlijst` : 'Wachtlijst: niet opgegeven'),
        h('li', {}, offering.availability.bridgingCareAvailable
          ? 'Tijdens het wachten is er overbruggingszorg: hulp om de wachttijd door te komen.'
          : 'Tijdens het wachten is er geen overbruggingszorg.'),
        offering.availability.matchingDependent ? h('li', {}, 'De wachttijd hangt af van een passende plek of match, zoals een pleeggezin.') : null,
        h('li', {}, offering.availability.method === 'retrospectief'
          ? 'Zo gemeten: terugkijkend, de gemiddelde wachttijd van de afgelopen periode.'
          : 'Zo gemeten: actueel, de wachttijd die je nu kunt verwachten.')) : null),

    section('Over dit aanbod', offering.description ? paragraphs(offering.description) : h('p', {}, 'Er is geen beschrijving.')),

    section('Zo meld je je aan',
      offering.referralInfo ? paragraphs(offering.referralInfo) : h('p', {}, 'Vraag de huisarts, de jeugdarts of het wijkteam om een verwijzing.')),

    section('Contact', contactList(offering.provider)),

    section('Locaties', h('ul', { class: 'locations' }, offering.locations.map((l) => h('li', {},
      h('strong', {}, l.name), h('br'), [l.street, [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', '))))),

    section('Voor welke gemeenten',
      h('p', {}, 'De gemeente betaalt deze hulp als je woont in: ', offering.municipalities.map((m) => m.name).join(', '), '.')),

    section('Wachttijd in de laatste 26 weken',
      offering.history.length === 0
        ? h('p', {}, 'Er zijn nog geen wachttijden doorgegeven.')
        : [
          h('figure', { class: 'chart-figure' },
            waitChart(offering.history),
            h('figcaption', {}, 'Elke staaf is één week. De stippellijn is de norm. Een staaf met strepen en een ! is langer dan de norm.')),
          h('details', { class: 'history' }, h('summary', {}, 'Bekijk de cijfers als tabel'),
            h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Wachttijden per week', tabindex: '0' }, historyTable(offering.history))),
        ]),

    section('Andere mogelijkheden',
      !municipality && !placeName
        ? h('p', {}, 'Kies een gemeente in de zoekfunctie om andere mogelijkheden te zien.')
        : offering.alternatives.length === 0
          ? h('p', {}, 'Er is geen ander aanbod van deze soort met een kortere wachttijd dat nu aanmeldingen aanneemt.')
          : [
            h('p', {}, `Ander aanbod van dezelfde soort${placeName ? ` in ${placeName}` : ''}, met een kortere wachttijd, dat nu aanmeldingen aanneemt.`),
            h('ul', { class: 'result-list' }, offering.alternatives.map((item) => h('li', {}, offeringCard(item, municipality)))),
          ]));
}

export function mount(main, ctx) {
  const [id] = ctx.params;
  const municipality = ctx.url.searchParams.get('gemeente')?.toUpperCase() || '';
  const controller = new AbortController();
  ctx.setTitle('Aanbod');
  replace(main, h('h1', { tabindex: '-1' }, 'Aanbod'), h('p', { class: 'loading', role: 'status' }, 'Het aanbod wordt geladen…'));

  const query = municipality ? `?municipality=${encodeURIComponent(municipality)}` : '';
  Promise.all([getJson(`/api/v1/offerings/${encodeURIComponent(id)}${query}`, { signal: controller.signal }), loadReference().catch(() => null)])
    .then(([offering, reference]) => {
      const place = reference?.municipalityByCode.get(municipality || offering.location?.municipality)?.name ?? null;
      ctx.setTitle(`${offering.title} — ${offering.provider.name}`);
      const hadFocus = document.activeElement?.tagName === 'H1';
      render(main, offering, municipality, place);
      if (hadFocus) main.querySelector('h1').focus();
    })
    .catch((error) => {
      if (error.name === 'AbortError') return;
      const gone = error instanceof ApiError && (error.status === 404 || error.status === 400);
      ctx.setTitle(gone ? 'Aanbod niet gevonden' : 'Fout');
      replace(main,
        h('h1', { tabindex: '-1' }, gone ? 'Aanbod niet gevonden' : 'Het aanbod kon niet laden'),
        h('p', {}, gone ? 'Dit aanbod bestaat niet (meer).' : 'Controleer je internet en probeer het opnieuw.'),
        h('p', {}, h('a', { href: '/' }, 'Ga naar zoeken')));
    });

  return { unmount: () => controller.abort() };
}
