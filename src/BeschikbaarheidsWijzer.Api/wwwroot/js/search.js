// Zoeken (/) and Voor verwijzers (/verwijzers): one search, shown as cards for parents or as a compact table with
// capacity columns and a CSV download for referrers. The filters live in the address. The form is on the page at once
// (its lists fill in when the reference data arrives), so nothing jumps when it loads.
import { ApiError, getJson, loadReference } from './api.js';
import { accessBlock, loadAccess } from './access.js';
import { municipalityCombobox } from './combobox.js';
import { announce, h, replace } from './dom.js';
import { checkbox, clearFieldErrors, errorSummary, field, setFieldError } from './fields.js';
import {
  API_FIELDS, DEFAULT_SORT, LAST_SEARCH, hasSearch, readFilters, toApiQuery, toSearchParams,
} from './filters.js';
import {
  NORM_STATUS, counted, formatNumber, isoDate, tagName,
} from './format.js';
import { offeringCard } from './offering.js';
import { wordFor } from './problems.js';
import { shortlistBar } from './shortlist.js';

const PAGE_SIZE = { list: 20, table: 50 };

const WARNINGS = {
  'postcode-unresolved': 'We konden de postcode nu niet opzoeken. De resultaten zijn daarom niet beperkt tot de gemeente van die postcode.',
  'postcode-outside-regions': 'Deze postcode ligt buiten de regio’s van deze website. Je ziet aanbod uit alle regio’s, vergeleken met de landelijke norm.',
  'sort-fallback': 'Sorteren op afstand lukt nu niet. De resultaten staan op wachttijd.',
};

/** What to say at a filter the API refused, whatever its code: a parent needs the way out more than the rule. */
const FIELD_MESSAGES = {
  gemeente: 'Deze gemeente kennen we niet. Kies een gemeente uit de lijst.',
  postcode: 'Deze postcode kennen we niet. Vul een postcode in zoals 7001 AB.',
  locatie: 'Je locatie kon niet gebruikt worden. Vul een postcode in.',
  zorgvorm: 'Kies een soort hulp uit de lijst.',
  leeftijd: { range: ({ min, max }) => `Vul een leeftijd in van ${min} tot en met ${max} jaar.` },
  onderwerp: 'Kies onderwerpen uit de lijst.',
  zoek: { 'too-long': ({ max }) => `Gebruik hoogstens ${max} tekens.`, text: 'Gebruik gewone tekst, op één regel.' },
  sorteer: 'Kies eerst een gemeente, een postcode of je locatie. Dan kunnen we op afstand sorteren.',
  pagina: 'Deze pagina bestaat niet.',
};

const SORT_OPTIONS = [
  ['wachttijd', 'Kortste wachttijd'],
  ['plekken', 'Meeste vrije plekken'],
  ['afstand', 'Dichtstbij'],
  ['naam', 'Naam'],
  ['bijgewerkt', 'Laatst bijgewerkt'],
];

function select(name, options, className) {
  return h('select', { name, class: className }, options.map(([value, label]) => h('option', { value }, label)));
}

/** The filters in words, each with what the search is without it: for the folded form and for an empty result. */
export function activeFilters(filters, reference) {
  const municipality = reference?.municipalityByCode.get(filters.gemeente)?.name ?? filters.gemeente;
  const careType = reference?.careTypeByCode.get(filters.zorgvorm)?.name ?? filters.zorgvorm;
  const without = (changes) => ({ ...filters, ...changes, pagina: 1 });
  return [
    filters.gemeente ? { words: `Gemeente: ${municipality}`, without: without({ gemeente: '' }) } : null,
    filters.postcode ? { words: `Postcode: ${filters.postcode}`, without: without({ postcode: '' }) } : null,
    filters.lat ? { words: 'Je locatie', without: without({ lat: '', lon: '', sorteer: filters.sorteer === 'afstand' ? DEFAULT_SORT : filters.sorteer }) } : null,
    filters.zorgvorm ? { words: `Soort hulp: ${careType}`, without: without({ zorgvorm: '' }) } : null,
    filters.leeftijd ? { words: `Leeftijd: ${filters.leeftijd} jaar`, without: without({ leeftijd: '' }) } : null,
    ...filters.onderwerp.map((tag) => ({ words: `Onderwerp: ${tagName(tag)}`, without: without({ onderwerp: filters.onderwerp.filter((t) => t !== tag) }) })),
    filters.plek ? { words: 'Alleen met nu plek', without: without({ plek: false }) } : null,
    filters.norm ? { words: 'Alleen binnen de norm', without: without({ norm: false }) } : null,
    filters.zoek ? { words: `Zoekwoord: ${filters.zoek}`, without: without({ zoek: '' }) } : null,
  ].filter(Boolean);
}

/** The filter form; reads and writes the same filters as the address. Reference lists fill in when they arrive. */
function searchForm(onSearch) {
  const municipality = municipalityCombobox({
    label: 'Gemeente',
    hint: 'Waar woont het kind? Begin met typen en kies uit de lijst.',
  });
  const postcode = h('input', { type: 'text', name: 'postcode', autocomplete: 'postal-code', class: 'input-short', spellcheck: 'false' });
  const careType = select('zorgvorm', [['', 'Alle soorten hulp']], 'input-care-type');
  const age = h('input', { type: 'text', name: 'leeftijd', inputmode: 'numeric', class: 'input-short', autocomplete: 'off' });
  let ageRange = null; // the API's limits of an age, once the reference data is in; the API checks it anyway
  const text = h('input', { type: 'search', name: 'zoek', class: 'input-medium', autocomplete: 'off' });
  const sort = select('sorteer', SORT_OPTIONS);
  const available = checkbox({ label: 'Alleen aanbod dat nu plek heeft', name: 'plek' });
  const withinNorm = checkbox({ label: 'Alleen aanbod binnen de norm', name: 'norm' });
  let tags = [];
  const tagList = h('div', { class: 'tag-list' });
  const tagGroup = h('details', { class: 'tags' },
    h('summary', {}, 'Onderwerpen kiezen'),
    h('fieldset', { id: 'onderwerpen', 'aria-describedby': 'onderwerpen-hint' },
      h('legend', {}, 'Waar gaat het over?'),
      h('p', { class: 'hint', id: 'onderwerpen-hint' }, 'Kies er één of meer. Je ziet aanbod dat bij minstens één gekozen onderwerp past. Het getal is hoeveel aanbod er bij dat onderwerp is.'),
      h('p', { class: 'field-error', id: 'onderwerpen-error', hidden: true }),
      tagList));

  // "Gebruik mijn locatie": the browser asks the user; only a rounded position (about 100 m) is sent.
  let location = null;
  const locationStatus = h('p', { class: 'location-status', id: 'locatie-status' });
  const locationButton = h('button', { type: 'button', class: 'button-secondary', id: 'locatie', 'aria-describedby': 'locatie-status' }, 'Gebruik mijn locatie');
  const forgetLocation = h('button', { type: 'button', class: 'button-link', hidden: true }, 'Locatie niet meer gebruiken');
  function setLocation(value) {
    location = value;
    forgetLocation.hidden = !value;
    locationStatus.textContent = value ? 'Je locatie wordt gebruikt om de afstand te berekenen.' : '';
  }
  forgetLocation.addEventListener('click', () => {
    setLocation(null);
    if (sort.value === 'afstand') sort.value = DEFAULT_SORT;
    locationButton.focus();
  });

  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Zoeken');
  const summaryHost = h('div');
  const form = h('form', { class: 'search-form', role: 'search', 'aria-label': 'Zoeken naar aanbod', novalidate: true },
    summaryHost,
    h('div', { class: 'form-row' },
      municipality.element,
      field({ label: 'Postcode (mag ook)', hint: 'Bijvoorbeeld 7001 AB', input: postcode }),
      h('div', { class: 'field location' }, locationButton, locationStatus, forgetLocation)),
    h('div', { class: 'form-row' },
      field({ label: 'Soort hulp', input: careType }),
      field({ label: 'Leeftijd van het kind', hint: 'In jaren', input: age }),
      field({ label: 'Naam of zoekwoord', hint: 'Bijvoorbeeld de naam van een aanbieder', input: text })),
    h('div', { class: 'form-row checks' }, available, withinNorm),
    tagGroup,
    h('div', { class: 'form-row form-actions' }, field({ label: 'Sorteren op', input: sort }), submit));

  locationButton.addEventListener('click', () => {
    if (!navigator.geolocation) {
      locationStatus.textContent = 'Je browser kan je locatie niet doorgeven. Vul een postcode in.';
      return;
    }
    locationStatus.textContent = 'Je locatie wordt opgezocht…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocation({ lat: position.coords.latitude.toFixed(3), lon: position.coords.longitude.toFixed(3) });
        sort.value = 'afstand';
        announce('Je locatie wordt gebruikt. De resultaten staan op afstand.');
        form.requestSubmit();
      },
      () => { locationStatus.textContent = 'We konden je locatie niet vinden. Vul een postcode in.'; },
      { timeout: 15000, maximumAge: 600000 });
  });
  const inputs = {
    gemeente: municipality.input, postcode, locatie: locationButton, zorgvorm: careType, leeftijd: age, zoek: text, sorteer: sort,
    onderwerp: tagGroup.querySelector('fieldset'), pagina: submit,
  };

  function read() {
    const errors = [];
    const code = municipality.code;
    if (code === null) errors.push({ input: inputs.gemeente, message: 'Kies een gemeente uit de lijst, of maak het veld leeg.' });
    const postcodeValue = postcode.value.trim().toUpperCase().replace(/^(\d{4})\s*([A-Z]{2})$/, '$1 $2');
    if (postcodeValue && !/^[1-9]\d{3} [A-Z]{2}$/.test(postcodeValue)) errors.push({ input: postcode, message: 'Vul een postcode in zoals 7001 AB.' });
    const ageValue = age.value.trim();
    if (ageValue && !(/^\d{1,3}$/.test(ageValue) && (ageRange === null || (Number(ageValue) >= ageRange.min && Number(ageValue) <= ageRange.max)))) {
      errors.push({ input: age, message: ageRange ? FIELD_MESSAGES.leeftijd.range(ageRange) : 'Vul een leeftijd in jaren in, bijvoorbeeld 12.' });
    }
    if (sort.value === 'afstand' && !code && !postcodeValue && !location) errors.push({ input: sort, message: FIELD_MESSAGES.sorteer });
    return {
      errors,
      filters: {
        gemeente: code ?? '',
        postcode: postcodeValue,
        lat: location?.lat ?? '',
        lon: location?.lon ?? '',
        zorgvorm: careType.value,
        leeftijd: ageValue,
        onderwerp: tags.filter((t) => t.box.querySelector('input').checked).map((t) => t.tag),
        plek: available.querySelector('input').checked,
        norm: withinNorm.querySelector('input').checked,
        zoek: text.value.trim(),
        sorteer: sort.value,
        pagina: 1,
      },
    };
  }

  function showErrors(errors) {
    clearFieldErrors(form);
    summaryHost.replaceChildren();
    for (const { input, message } of errors) setFieldError(input, message);
    if (errors.length) {
      const summary = errorSummary('Controleer je zoekvragen', errors);
      summaryHost.append(summary);
      summary.focus();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { errors, filters } = read();
    showErrors(errors);
    if (!errors.length) onSearch(filters);
  });

  let current = null;
  return {
    element: form,
    focusFirst: () => municipality.input.focus(),
    /** The lists of municipalities, care types and topics, once they are loaded. */
    setReference(reference) {
      ageRange = reference.limits.search.age;
      municipality.setMunicipalities(reference.municipalities);
      careType.append(...reference.careTypes.map((c) => h('option', { value: c.code }, c.name)));
      tags = reference.tags.map((tag) => ({ tag, count: h('span', { class: 'tag-count' }), box: checkbox({ label: tagName(tag), name: 'onderwerp' }) }));
      for (const t of tags) t.box.querySelector('label').append(t.count);
      tagList.replaceChildren(...tags.map((t) => t.box));
      if (current) this.set(current);
    },
    set(filters) {
      current = filters;
      municipality.code = filters.gemeente;
      postcode.value = filters.postcode;
      setLocation(filters.lat && filters.lon ? { lat: filters.lat, lon: filters.lon } : null);
      careType.value = filters.zorgvorm;
      age.value = filters.leeftijd;
      text.value = filters.zoek;
      sort.value = filters.sorteer;
      available.querySelector('input').checked = filters.plek;
      withinNorm.querySelector('input').checked = filters.norm;
      for (const t of tags) t.box.querySelector('input').checked = filters.onderwerp.includes(t.tag);
      tagGroup.open ||= filters.onderwerp.length > 0;
      clearFieldErrors(form);
      summaryHost.replaceChildren();
    },
    /** Beside each topic, how many results ticking it (too) gives, with every other filter as it is. */
    setTopicCounts(facets) {
      const counts = new Map((facets ?? []).map((f) => [f.code, f.count]));
      for (const t of tags) t.count.textContent = facets ? ` (${formatNumber(counts.get(t.tag) ?? 0)})` : '';
    },
    /** Errors the API found in the address's filters, shown next to the fields. */
    /** The API's refused filters (fieldErrors), each at its input once. */
    showApiErrors(problems) {
      const found = new Map();
      for (const problem of problems) {
        const name = API_FIELDS[problem.field] ?? 'pagina';
        if (!found.has(name)) found.set(name, { input: inputs[name], message: wordFor(FIELD_MESSAGES[name], problem) });
      }
      showErrors([...found.values()]);
    },
  };
}

function resultsTitle(total) {
  return counted(total, 'resultaat', 'resultaten');
}

function pager(page, pageSize, total, hrefFor, go) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const link = (target, label, rel) => h('a', {
    href: hrefFor(target), rel, class: 'button-secondary',
    onclick: (event) => {
      event.preventDefault();
      go(target);
    },
  }, label);
  return h('nav', { class: 'pager', 'aria-label': 'Pagina’s met resultaten' },
    page > 1 ? link(page - 1, 'Vorige pagina', 'prev') : null,
    h('span', { class: 'pager-at' }, `Pagina ${page} van ${pages}`),
    page < pages ? link(page + 1, 'Volgende pagina', 'next') : null);
}

/** How many results are within, partly within, over or not judged against the norm. */
function statusCounts(facets) {
  return ['within', 'partial', 'exceeded', 'unknown']
    .filter((status) => facets[status] > 0)
    .map((status) => `${formatNumber(facets[status])} ${NORM_STATUS[status].text.toLowerCase()}`)
    .join(', ');
}

export function mount(main, ctx) {
  const table = ctx.mode === 'table';
  const basePath = table ? '/verwijzers' : '/';
  const pageSize = PAGE_SIZE[ctx.mode];
  ctx.setTitle(table ? 'Voor verwijzers' : 'Zoek jeugdhulp');
  // The referrer's table, capacity picture and tools: loaded only on /verwijzers, asked for at once.
  const referrerLoaded = table ? import('./referrer.js') : null;

  let reference = null;
  let controller = null;
  let url = ctx.url;
  let focusResults = false;
  let filters = readFilters(url.searchParams);

  const hrefFor = (wanted) => {
    const query = toSearchParams(wanted).toString();
    return query ? `${basePath}?${query}` : basePath;
  };

  const form = searchForm((wanted) => ctx.navigate(hrefFor(wanted), { focus: false }));

  // On a phone a search already made folds the form into one line, so the results start on the first screen.
  const foldedText = h('p', { class: 'folded-text' });
  const change = h('button', { type: 'button', class: 'button-secondary', 'aria-expanded': 'false', 'aria-controls': 'zoekformulier' }, 'Wijzig');
  const folded = h('div', { class: 'folded' }, foldedText, change);
  const formHost = h('div', { class: 'form-host', id: 'zoekformulier' }, folded, form.element);
  change.addEventListener('click', () => {
    formHost.classList.remove('is-folded');
    change.setAttribute('aria-expanded', 'true');
    form.focusFirst();
  });
  function fold() {
    const words = activeFilters(filters, reference).map((f) => f.words.replace(/^[^:]+: /, ''));
    foldedText.textContent = words.length ? `Je zoekt: ${words.join(' · ')}` : 'Je zoekvragen';
    formHost.classList.toggle('is-folded', hasSearch(filters));
    page.classList.toggle('has-search', hasSearch(filters));
    change.setAttribute('aria-expanded', 'false');
  }

  const results = h('section', { class: 'results', 'aria-labelledby': 'resultaten' });
  const access = h('div', { class: 'access-host' });
  const page = h('div', { class: 'search-page' });
  replace(main, page);
  replace(page,
    h('h1', { tabindex: '-1' }, table ? 'Voor verwijzers: wie heeft plek?' : 'Zoek jeugdhulp met plek'),
    table
      ? h('p', { class: 'lead' }, 'Kies een gemeente. Je ziet eerst per soort hulp wie plek heeft. Vergelijk daarna vrije plekken en wachttijden, bel de aanbieder, en maak een keuzelijst voor het gezin.')
      : h('p', { class: 'lead' }, 'Zoek hulp voor een kind of jongere in jouw gemeente. Je ziet hoe lang je moet wachten en of dat binnen de norm is.'),
    formHost,
    shortlistBar(() => filters.gemeente),
    results,
    access);

  function resultsHeading(text) {
    return h('h2', { id: 'resultaten', tabindex: '-1' }, text);
  }

  async function run() {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    sessionStorage.setItem(LAST_SEARCH, hrefFor(filters));
    results.setAttribute('aria-busy', 'true');
    replace(results, resultsHeading('Resultaten'), h('p', { class: 'loading' }, 'Bezig met zoeken…'));
    access.replaceChildren();
    // Asked for at the same time as the results, shown after them: below the results nothing moves when it appears.
    const accessLoaded = loadAccessFor(signal);
    try {
      const data = await getJson(`/api/v1/offerings?${toApiQuery(filters, { pageSize })}`, { signal });
      // The place's name comes with the reference data, asked for at the same time.
      await referenceLoaded.catch(() => null);
      const referrer = await referrerLoaded;
      // The capacity picture stands above the table: shown together, so the table does not move when it arrives.
      const picture = referrer && filters.gemeente && !filters.zorgvorm
        ? await referrer.loadCapacity(filters.gemeente, filters.leeftijd, signal).catch((error) => (error.name === 'AbortError' ? null : error))
        : null;
      if (signal.aborted) return;
      showResults(data, referrer, picture);
      const municipality = await accessLoaded;
      if (!signal.aborted && municipality) replace(access, accessBlock(municipality, { headingLevel: 'h2' }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      showError(error);
    } finally {
      if (!signal.aborted) results.removeAttribute('aria-busy');
    }
    if (ctx.restore) {
      // Back from an offering's page: the place in the list and the link that was followed, as they were.
      const restore = ctx.restore;
      ctx.restore = null;
      restore();
    } else if (focusResults) {
      focusResults = false;
      document.getElementById('resultaten')?.focus();
    }
  }

  /** Where to go next in the chosen municipality (parents' page only): its toegang, and what to do about a long wait. */
  function loadAccessFor(signal) {
    return table || !filters.gemeente ? Promise.resolve(null) : loadAccess(filters.gemeente, signal).catch(() => null);
  }

  function emptyResult() {
    const active = activeFilters(filters, reference);
    const droppable = active.filter((f) => hasSearch(f.without));
    return h('div', { class: 'empty' },
      h('p', {}, 'We vonden geen aanbod dat past bij al je zoekvragen.'),
      droppable.length
        ? [
          h('p', {}, droppable.length === 1 ? 'Je zocht met deze keuze. Haal hem weg om meer te zien:' : 'Je zocht met deze keuzes. Haal er een weg om meer te zien:'),
          h('ul', { class: 'drop-filters' }, droppable.map((f) => h('li', {},
            h('a', { href: hrefFor(f.without), class: 'drop-filter', 'aria-label': `${f.words} weghalen` },
              h('span', { 'aria-hidden': 'true' }, '× '), f.words)))),
        ]
        : h('p', {}, 'Probeer een andere gemeente of een buurgemeente.'));
  }

  function showResults(data, referrer, picture) {
    const place = filters.gemeente ? reference?.municipalityByCode.get(filters.gemeente)?.name ?? filters.gemeente : null;
    const title = `${resultsTitle(data.total)}${place ? ` in ${place}` : ''}`;
    const facets = data.facets?.normStatus;
    const parts = [];
    if (picture instanceof Error) {
      parts.push(h('p', { class: 'notice' }, 'Het overzicht per soort hulp kon nu niet laden. De tabel hieronder klopt wel.'));
    } else if (picture) {
      parts.push(referrer.capacityPicture(picture, filters, hrefFor));
    }
    parts.push(resultsHeading(title));
    form.setTopicCounts(data.facets?.tags);
    for (const warning of data.warnings ?? []) {
      const key = warning.split(':')[0];
      if (WARNINGS[key]) parts.push(h('p', { class: 'notice' }, WARNINGS[key]));
    }
    if (data.total > 0 && data.items.length === 0) {
      parts.push(h('p', { class: 'notice' }, 'Zoveel pagina’s zijn er niet. ',
        h('a', { href: hrefFor({ ...filters, pagina: 1 }) }, 'Ga naar de eerste pagina'), '.'));
    } else if (data.total === 0) {
      parts.push(emptyResult());
    } else {
      if (facets) parts.push(h('p', { class: 'facets' }, `${statusCounts(facets)}.`));
      if (table) {
        const csvButton = h('button', { type: 'button', class: 'button-secondary' }, `Download alle ${resultsTitle(data.total)} als CSV`);
        const csvStatus = h('p', { class: 'csv-status', role: 'status' });
        csvButton.addEventListener('click', () => downloadCsv(csvButton, csvStatus));
        parts.push(h('div', { class: 'table-tools' },
          referrer.sortSelect(filters, (sorteer) => ctx.navigate(hrefFor({ ...filters, sorteer, pagina: 1 }), { focus: false })),
          h('div', { class: 'csv' }, csvButton, csvStatus),
          referrer.copyLinkButton()));
        parts.push(referrer.referrerTable(data.items, filters, title));
      } else {
        parts.push(h('ol', { class: 'result-list' }, data.items.map((item) => h('li', {},
          offeringCard(item, filters.gemeente, { age: filters.leeftijd, pick: true })))));
      }
      if (!filters.zorgvorm) {
        parts.push(h('p', { class: 'hint' }, 'Crisishulp en gesloten jeugdzorg zie je hier alleen als je ze kiest bij ‘Soort hulp’. Bij spoed bel je direct: zie ‘Spoed?’ bovenaan.'));
      }
      parts.push(pager(data.page, data.pageSize, data.total, (target) => hrefFor({ ...filters, pagina: target }), (target) => {
        focusResults = true;
        ctx.navigate(hrefFor({ ...filters, pagina: target }), { focus: false });
      }));
    }
    replace(results, ...parts);
    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    announce(`${title}.${pages > 1 ? ` Pagina ${data.page} van ${pages}.` : ''}`);
  }

  function showError(error) {
    if (error instanceof ApiError && error.status === 400) {
      formHost.classList.remove('is-folded');
      form.showApiErrors(error.fieldErrors);
      replace(results, resultsHeading('Resultaten'), h('p', { class: 'notice' }, 'Pas je zoekvragen aan. Bij de velden staat wat er niet klopt.'));
      return;
    }
    const retry = h('button', { type: 'button', class: 'button-secondary', onclick: () => run() }, 'Opnieuw proberen');
    replace(results, resultsHeading('Resultaten'),
      h('div', { class: 'error', role: 'alert' },
        h('p', {}, error.status === 0
          ? 'Er is geen verbinding. Controleer je internet en probeer het opnieuw.'
          : 'Er ging iets mis bij het zoeken. Probeer het over een paar minuten opnieuw.'),
        retry));
  }

  async function downloadCsv(button, status) {
    button.disabled = true;
    status.textContent = 'Het bestand wordt gemaakt…';
    try {
      const csv = await import('./csv.js');
      const items = await csv.fetchAll(filters);
      const today = isoDate(new Date()); // Amsterdam's date, also just after midnight
      csv.download(csv.toCsv(items, filters.gemeente), `aanbod-${filters.gemeente || 'alle-gemeenten'}-${today}.csv`);
      status.textContent = `Het bestand met ${counted(items.length, 'regel', 'regels')} staat in je downloads.`;
    } catch {
      status.textContent = 'Het bestand kon niet gemaakt worden. Probeer het opnieuw.';
    } finally {
      button.disabled = false;
    }
  }

  function update(next) {
    url = next;
    filters = readFilters(url.searchParams);
    form.set(filters);
    fold();
    if (hasSearch(filters)) {
      run();
    } else {
      controller?.abort();
      results.removeAttribute('aria-busy');
      access.replaceChildren();
      replace(results, resultsHeading('Resultaten'),
        h('p', {}, 'Kies een gemeente, vul een postcode in of gebruik je locatie. Klik dan op Zoeken.'));
    }
  }

  // The reference data and the search are asked for at the same time; the form's lists fill in when it arrives.
  const referenceLoaded = loadReference().then((loaded) => {
    reference = loaded;
    form.setReference(loaded);
    fold();
    return loaded;
  });
  referenceLoaded.catch(() => {
    replace(formHost, h('div', { class: 'error', role: 'alert' },
      h('p', {}, 'De zoekfunctie kon niet laden. Controleer je internet en laad de pagina opnieuw.')));
  });
  update(url);

  return {
    update,
    unmount: () => controller?.abort(),
  };
}
