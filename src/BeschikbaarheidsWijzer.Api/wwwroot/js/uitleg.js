// Uitleg (/uitleg): the norms, the phases of a wait, where the figures come from, and the accessibility statement.
import { getJson, loadReference } from './api.js';
import { announce, h, replace } from './dom.js';
import { field } from './fields.js';
import { normsTable } from './norms.js';

const p = (...text) => h('p', {}, ...text);

function normsSection() {
  const region = h('select', { id: 'norm-regio' }, h('option', { value: '' }, 'Landelijk (Treeknormen)'));
  const host = h('div', {}, h('p', { class: 'loading' }, 'De normen worden geladen…'));
  async function show(event) {
    try {
      const norms = await getJson(`/api/v1/norms${region.value ? `?region=${encodeURIComponent(region.value)}` : ''}`);
      replace(host, normsTable(norms));
      if (event) announce(`De tabel toont nu: ${region.selectedOptions[0].textContent}.`);
    } catch {
      replace(host, p('De normen konden niet laden. Probeer het later opnieuw.'));
    }
  }
  loadReference().then((reference) => {
    region.append(...reference.regions.map((r) => h('option', { value: r.code }, `Regio ${r.name}`)));
  }).catch(() => {});
  region.addEventListener('change', show);
  show();
  return [field({ label: 'Toon de normen voor', input: region }), host];
}

export function mount(main, ctx) {
  ctx.setTitle('Uitleg');
  replace(main,
    h('h1', { tabindex: '-1' }, 'Uitleg'),
    h('p', { class: 'lead' }, 'Hoe lang mag wachten op jeugdhulp duren? En waar komen de cijfers op deze website vandaan?'),

    h('section', { id: 'wat', 'aria-labelledby': 'kop-wat' },
      h('h2', { id: 'kop-wat' }, 'Wat laat deze website zien?'),
      p('Je ziet welke zorgaanbieders jeugdhulp geven in jouw gemeente, hoeveel plek ze hebben en hoe lang je moet wachten. Je ziet alleen aanbieders waarmee je gemeente een contract heeft. Dan betaalt de gemeente de hulp.'),
      p('Voor de meeste jeugdhulp heb je een verwijzing nodig, bijvoorbeeld van de huisarts, de jeugdarts of het wijkteam van je gemeente.')),

    h('section', { id: 'normen', 'aria-labelledby': 'kop-normen' },
      h('h2', { id: 'kop-normen' }, 'Wat zijn de Treeknormen?'),
      p('De Treeknormen zijn landelijke afspraken over hoe lang je hoogstens mag wachten op zorg. Bijvoorbeeld in de jeugd-GGZ: hoogstens 4 weken tot de intake, en daarna hoogstens 10 weken tot de hulp begint. Samen is dat 14 weken.'),
      p('Voor jeugdhulp zonder eigen landelijke norm gebruiken we de norm van de gehandicaptenzorg: 6 weken voor hulp thuis of overdag, 13 weken voor wonen. Crisishulp moet direct beginnen.'),
      h('h3', {}, 'Normen van de regio'),
      p('Een jeugdregio mag zelf afspreken hoe lang wachten hoogstens mag duren. Die norm van de regio gaat dan voor de landelijke norm. Daarom kan de norm per gemeente verschillen.'),
      p('Bij elk aanbod zie je of de wachttijd binnen de norm is, of langer. Je ziet ook welke norm we gebruiken.'),
      normsSection()),

    h('section', { id: 'stappen', 'aria-labelledby': 'kop-stappen' },
      h('h2', { id: 'kop-stappen' }, 'De stappen van het wachten'),
      h('dl', { class: 'terms' },
        h('dt', {}, 'Wachten tot intake (aanmeldwachttijd)'),
        h('dd', {}, 'De tijd van je aanmelding tot het eerste gesprek, de intake.'),
        h('dt', {}, 'Wachten van intake tot start van de hulp (behandelwachttijd)'),
        h('dd', {}, 'De tijd van de intake tot de hulp echt begint.'),
        h('dt', {}, 'In totaal'),
        h('dd', {}, 'Beide stappen samen. Die weten we alleen als de aanbieder beide stappen doorgeeft.'),
        h('dt', {}, 'Aanmeldstop'),
        h('dd', {}, 'De aanbieder neemt even geen nieuwe aanmeldingen aan.'),
        h('dt', {}, 'Overbruggingszorg'),
        h('dd', {}, 'Hulp die je krijgt terwijl je wacht, zodat je de wachttijd beter doorkomt.'),
        h('dt', {}, 'Actueel of terugkijkend gemeten'),
        h('dd', {}, 'Actueel: de wachttijd die de aanbieder nu verwacht. Terugkijkend: hoe lang mensen de afgelopen tijd gemiddeld wachtten.'))),

    h('section', { id: 'oordeel', 'aria-labelledby': 'kop-oordeel' },
      h('h2', { id: 'kop-oordeel' }, 'Hoe we een wachttijd beoordelen'),
      p('Voor elke stap van het wachten kijken we of er een norm is, en of de aanbieder die wachttijd heeft doorgegeven. Dan zie je een van deze oordelen:'),
      h('dl', { class: 'terms' },
        h('dt', {}, '✓ Binnen de norm'),
        h('dd', {}, 'Van elke stap met een norm weten we de wachttijd, en geen enkele stap duurt langer dan de norm.'),
        h('dt', {}, '✓? Binnen de norm voor zover bekend'),
        h('dd', {}, 'De stappen die we weten, zijn niet te lang. Maar van minstens één stap met een norm weten we de wachttijd niet. Je ziet welke stap dat is. Vraag de aanbieder hoe lang die stap duurt.'),
        h('dt', {}, '! Langer dan de norm'),
        h('dd', {}, 'Minstens één stap duurt langer dan de norm. Dat zeggen we ook als we de totale wachttijd niet weten, maar één stap alleen al langer duurt dan de norm voor de hele wachttijd.'),
        h('dt', {}, '? Niet te beoordelen'),
        h('dd', {}, 'Er zijn geen cijfers, er is geen norm, of van geen enkele stap met een norm weten we de wachttijd.')),
      h('h3', {}, 'Nu plek'),
      p('We zeggen alleen dat een aanbieder nu plek heeft als hij aanmeldingen aanneemt, zijn cijfers van de laatste twee weken zijn, en hij een vrije plek heeft. Heeft de aanbieder niet doorgegeven hoeveel plekken vrij zijn? Dan alleen als er geen wachttijd tot de intake is. Staat er “geen plek vrij”, dan staat er nooit “nu plek”.'),
      h('h3', {}, 'Ander aanbod'),
      p('Bij een aanbod zie je ander aanbod van dezelfde soort hulp in jouw gemeente. Alleen aanbod dat nu aanmeldingen aanneemt, cijfers van de laatste twee weken heeft, past bij de leeftijd van het kind, en korter wacht. Weten we de wachttijd van het aanbod zelf niet? Dan zie je alleen ander aanbod dat binnen de norm is.'),
      h('h3', {}, 'Crisishulp en gesloten jeugdzorg'),
      p('Die zie je in de zoekresultaten alleen als je ze kiest bij ‘Soort hulp’. Bij een crisis kies je niet zelf een aanbieder: je belt direct (zie ‘Spoed?’ bovenaan elke pagina). Gesloten jeugdzorg gaat altijd via de rechter.')),

    h('section', { id: 'cijfers', 'aria-labelledby': 'kop-cijfers' },
      h('h2', { id: 'kop-cijfers' }, 'Waar komen de cijfers vandaan?'),
      p('De zorgaanbieders geven hun wachttijden en vrije plekken elke week zelf door. Dat hebben ze met de regio afgesproken. Bij elk aanbod staat de datum van de laatste cijfers.'),
      h('p', {}, 'Per regio zie je ', h('a', { href: '/meldingen' }, 'wie elke week cijfers doorgeeft, en wie niet'), '.'),
      p('Zijn de cijfers ouder dan twee weken? Dan zie je een waarschuwing. Vraag dan bij de aanbieder na hoe lang je nu moet wachten.'),
      p('We bewaren geen gegevens over kinderen, ouders of cliënten. Alleen totalen per aanbod.')),

    h('section', { id: 'toegankelijkheid', 'aria-labelledby': 'kop-toegankelijkheid' },
      h('h2', { id: 'kop-toegankelijkheid', tabindex: '-1' }, 'Toegankelijkheid'),
      p('Iedereen moet deze website kunnen gebruiken. Daarom volgen we de eisen van WCAG 2.1 op niveau A en AA. Dat is de wettelijke eis voor websites van de overheid.'),
      h('ul', {},
        h('li', {}, 'Bij elke wijziging testen we elke pagina automatisch in een echte browser met de toets axe.'),
        h('li', {}, 'We testen of je alles kunt doen met alleen een toetsenbord.'),
        h('li', {}, 'De website werkt op een scherm van 320 pixels breed, en als je de tekst groter maakt.'),
        h('li', {}, 'Een oordeel over de norm staat er altijd in woorden bij, niet alleen in een kleur.'),
        h('li', {}, 'De grafiek met wachttijden heeft een beschrijving en dezelfde cijfers staan in een tabel.')),
      p('Deze website is nog niet gekeurd door een onafhankelijke deskundige. Loop je toch ergens tegenaan? Mail naar ',
        h('a', { href: 'mailto:toegankelijkheid@beschikbaarheidswijzer.example' }, 'toegankelijkheid@beschikbaarheidswijzer.example'),
        '. Je krijgt binnen 5 werkdagen antwoord.')));
  return {};
}
