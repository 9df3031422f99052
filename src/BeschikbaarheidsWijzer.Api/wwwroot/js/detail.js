// Aanbod (/aanbod/{id}): everything about one offering, where to go next, how to get a referral, the last 26 weeks and
// real alternatives. The municipality (gemeente) and the child's age (leeftijd) come along from the search.
import { ApiError, getJson, loadReference } from './api.js';
import { accessBlock, loadAccess } from './access.js';
import { historyTable, waitChart } from './chart.js';
import { h, replace } from './dom.js';
import { ageText, tagName, weeks } from './format.js';
import { availabilityBlock, contactList, detailHref, offeringCard } from './offering.js';
import { LAST_SEARCH } from './filters.js';

function section(title, ...content) {
  return h('section', { class: 'detail-section' }, h('h2', {}, title), content);
}

function paragraphs(text) {
  return String(text).split(/\n{2,}/).map((part) => h('p', {}, part));
}

/** The detail asked for without a municipality: say so, and offer the municipalities it is contracted for. */
function noMunicipality(offering, age) {
  return h('div', { class: 'notice no-municipality' },
    h('p', {}, h('strong', {}, 'Je hebt geen gemeente gekozen. '),
      'Welke norm geldt, waar je een verwijzing krijgt en welk ander aanbod er is, hangt af van waar het kind woont. Kies de gemeente:'),
    h('ul', { class: 'municipality-links' }, offering.municipalities.map((m) => h('li', {}, h('a', { href: detailHref(offering.id, m.code, age) }, m.name)))));
}

function alternativesSection(offering, municipality, placeName, age) {
  const where = placeName ? ` in ${placeName}` : '';
  const forAge = age ? `, voor een kind van ${ageText(Number(age), Number(age))}` : '';
  const heading = `Ander aanbod${where} dat nu aanmeldingen aanneemt en korter wacht`;
  if (!municipality) {
    return section('Ander aanbod', h('p', {}, 'Kies hierboven een gemeente om ander aanbod met een kortere wachttijd te zien.'));
  }
  if (offering.alternatives.length === 0) {
    return section(heading, h('p', {}, `Er is geen ander aanbod van deze soort${where}${forAge} dat nu aanmeldingen aanneemt, recente cijfers heeft en korter wacht.`));
  }
  const improves = offering.availability && (offering.availability.totalWaitWeeks ?? offering.availability.waitToIntakeWeeks) != null
    ? 'met een kortere wachttijd dan dit aanbod'
    : 'binnen de norm (van dit aanbod is de wachttijd niet bekend)';
  return section(heading,
    h('p', {}, `Dezelfde soort hulp${forAge}, ${improves}. Alle cijfers zijn van de laatste twee weken. Binnen de norm staat bovenaan, daarna de kortste wachttijd.`),
    h('ul', { class: 'result-list' }, offering.alternatives.map((item) => h('li', {}, offeringCard(item, municipality, { age })))));
}

/** What children who really started waited, beside the wait the provider expects now (only when given). */
function realisedLine(a) {
  const parts = [
    a.realisedWaitToIntakeWeeks != null ? `${weeks(a.realisedWaitToIntakeWeeks)} tot de intake` : null,
    a.realisedWaitToTreatmentWeeks != null ? `${weeks(a.realisedWaitToTreatmentWeeks)} van intake tot start van de hulp` : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return h('li', { class: 'realised-wait' },
    `Echt gewacht: kinderen die de afgelopen 8 weken begonnen, wachtten gemiddeld ${parts.join(' en ')}. De wachttijd hierboven is wat de aanbieder nu verwacht.`);
}

/** How faithfully the provider reports: a parent may weigh figures by it. */
function reportingLine(reporting) {
  if (!reporting) return null;
  return h('li', { class: 'reporting' }, `De aanbieder gaf in ${reporting.weeksReported} van de laatste ${reporting.ofWeeks} weken cijfers door.`);
}

/** Where a parent sees who in the region reports (the region of the municipality asked for). */
function reportingLink(regionCode) {
  return h('p', {}, h('a', { href: regionCode ? `/meldingen?regio=${encodeURIComponent(regionCode)}` : '/meldingen' }, 'Bekijk welke aanbieders in de regio elke week cijfers doorgeven'));
}

function render(main, offering, { municipality, placeName, regionCode, age, access, onBack }) {
  const lastSearch = sessionStorage.getItem(LAST_SEARCH);
  const similar = municipality ? `/?gemeente=${encodeURIComponent(municipality)}&zorgvorm=${encodeURIComponent(offering.careType.code)}` : '/';
  const a = offering.availability;
  replace(main,
    h('p', { class: 'back' }, h('a', { href: lastSearch ?? similar, onclick: onBack }, lastSearch ? 'Terug naar de zoekresultaten' : 'Zoek meer van deze hulp')),
    h('h1', { tabindex: '-1' }, offering.title),
    h('p', { class: 'provider lead' }, offering.provider.name),
    h('p', { class: 'meta' }, [offering.careType.name, ageText(offering.ageMin, offering.ageMax)].join(' · ')),
    offering.tags.length ? h('ul', { class: 'tag-chips', 'aria-label': 'Onderwerpen' }, offering.tags.map((t) => h('li', {}, tagName(t)))) : null,
    municipality ? null : noMunicipality(offering, age),

    section('Wachttijd en plekken',
      placeName ? h('p', { class: 'hint' }, `Vergeleken met de norm die geldt in ${placeName}.`) : null,
      availabilityBlock(offering),
      a ? h('ul', { class: 'facts' },
        h('li', {}, a.waitlistCount != null ? `${a.waitlistCount} op de wachtlijst` : 'Wachtlijst: onbekend'),
        h('li', {}, a.bridgingCareAvailable
          ? 'Tijdens het wachten is er overbruggingszorg: hulp om de wachttijd door te komen.'
          : 'Tijdens het wachten is er geen overbruggingszorg.'),
        a.matchingDependent ? h('li', {}, 'De wachttijd hangt af van een passende plek of match, zoals een pleeggezin.') : null,
        h('li', {}, a.method === 'retrospectief'
          ? 'Zo gemeten: terugkijkend, de gemiddelde wachttijd van de afgelopen periode.'
          : 'Zo gemeten: actueel, de wachttijd die je nu kunt verwachten.'),
        realisedLine(a),
        reportingLine(offering.reporting)) : null,
      reportingLink(regionCode)),

    access ? accessBlock(access, { headingLevel: 'h2' }) : null,

    section('Over dit aanbod', offering.description ? paragraphs(offering.description) : h('p', {}, 'Er is geen beschrijving.')),

    section('Zo meld je je aan bij deze aanbieder',
      offering.referralInfo ? paragraphs(offering.referralInfo) : h('p', {}, 'Vraag de huisarts, de jeugdarts of het wijkteam om een verwijzing.')),

    section('Contact met de aanbieder', contactList(offering.provider)),

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
            h('figcaption', {}, 'Elke staaf is één week: de totale wachttijd, of als die niet bekend is de stap die wel bekend is. De stippellijn is de norm. Een staaf met strepen en een ! is langer dan de norm.')),
          h('details', { class: 'history' }, h('summary', {}, 'Bekijk de cijfers als tabel'),
            h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Wachttijden per week', tabindex: '0' }, historyTable(offering.history))),
        ]),

    alternativesSection(offering, municipality, placeName, age));
}

export function mount(main, ctx) {
  const [id] = ctx.params;
  const municipality = ctx.url.searchParams.get('gemeente')?.trim().toUpperCase() || '';
  const age = ctx.url.searchParams.get('leeftijd')?.trim() || '';
  const controller = new AbortController();
  const { signal } = controller;
  ctx.setTitle('Aanbod');
  replace(main, h('h1', { tabindex: '-1' }, 'Aanbod'), h('p', { class: 'loading', role: 'status' }, 'Het aanbod wordt geladen…'));

  const query = new URLSearchParams();
  if (municipality) query.set('municipality', municipality);
  if (age) query.set('age', age);
  const queryText = query.toString();
  Promise.all([
    getJson(`/api/v1/offerings/${encodeURIComponent(id)}${queryText ? `?${queryText}` : ''}`, { signal }),
    loadReference().catch(() => null),
    municipality ? loadAccess(municipality, signal).catch(() => null) : null,
  ])
    .then(([offering, reference, access]) => {
      const place = reference?.municipalityByCode.get(municipality);
      const placeName = place?.name ?? null;
      ctx.setTitle(`${offering.title} — ${offering.provider.name}`);
      const hadFocus = document.activeElement?.tagName === 'H1';
      render(main, offering, { municipality, placeName, regionCode: place?.regionCode, age, access, onBack: ctx.back });
      if (hadFocus) main.querySelector('h1').focus();
    })
    .catch((error) => {
      if (error.name === 'AbortError') return;
      const invalid = error instanceof ApiError && error.status === 400;
      const gone = error instanceof ApiError && error.status === 404;
      ctx.setTitle(gone || invalid ? 'Aanbod niet gevonden' : 'Fout');
      replace(main,
        h('h1', { tabindex: '-1' }, gone || invalid ? 'Aanbod niet gevonden' : 'Het aanbod kon niet laden'),
        h('p', {}, gone ? 'Dit aanbod bestaat niet (meer).'
          : invalid ? 'De link klopt niet: de gemeente of de leeftijd in het adres kennen we niet.'
            : 'Controleer je internet en probeer het opnieuw.'),
        invalid ? h('p', {}, h('a', { href: `/aanbod/${encodeURIComponent(id)}` }, 'Bekijk het aanbod zonder gemeente en leeftijd')) : null,
        h('p', {}, h('a', { href: '/' }, 'Ga naar zoeken')));
    });

  return { unmount: () => controller.abort() };
}
