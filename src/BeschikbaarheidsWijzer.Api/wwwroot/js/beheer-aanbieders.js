// Beheer, aanbieders (/beheer/aanbieders, /nieuw, /{id}): the region's providers; add one, change its details, its
// locations and its offerings with their contracts, and make the API key it reports with (shown once). The API decides
// what is valid; its refusals are shown next to their fields, in Dutch. Deleting asks first.
import { h, replace } from './dom.js';
import { checkbox, field } from './fields.js';
import { municipalityCombobox } from './combobox.js';
import {
  ageText, counted, formatDate, formatDateTime, formatNumber, tagName,
} from './format.js';
import { detailHref } from './offering.js';
import { beheerHref } from './beheer.js';
import {
  NOT_A_NUMBER, busy, confirmDelete, failure, failureText, formErrors, optional, section, success, textField, wholeNumber,
} from './beheer-form.js';

const ADMIN = '/api/v1/admin';
// A field's own words where the code's words (problems.js) would say less; limits come with the code's parameters.
const PROVIDER_WORDS = {
  name: { required: 'Vul de naam van de aanbieder in.' },
  regions: { 'not-yours': 'Kies alleen regio’s die bij je sleutel horen.' },
};

const LOCATION_WORDS = {
  name: { required: 'Vul de naam van de vestiging in.' },
  city: { required: 'Vul de plaats in.' },
  municipality: { required: 'Kies een gemeente uit de lijst.' },
  lat: { together: 'Vul de breedtegraad en de lengtegraad allebei in, of laat ze allebei leeg.' },
  lon: { together: 'Vul de breedtegraad en de lengtegraad allebei in, of laat ze allebei leeg.' },
};

const ageWords = { range: ({ min, max }) => `Vul een leeftijd in van ${min} tot en met ${max}.` };
const ageHint = ({ min, max }) => `In jaren, ${min} tot en met ${max}`;

const OFFERING_WORDS = {
  title: { required: 'Vul een titel in.' },
  careType: 'Kies een zorgvorm.',
  ageMin: ageWords,
  ageMax: { ...ageWords, 'less-than': 'De leeftijd tot en met kan niet lager zijn dan de leeftijd vanaf.' },
  tags: { count: ({ max }) => `Kies hoogstens ${max} onderwerpen.` },
  locationIds: { count: ({ max }) => `Kies hoogstens ${max} vestigingen.` },
  municipalities: { 'not-yours': 'Kies alleen gemeenten in je eigen regio’s.' },
};

/** A group of checkboxes with a legend, and room for an error about the group. */
function checkGroup(legend, options, { className = 'check-list', hint } = {}) {
  const id = `groep-${legend.toLowerCase().replace(/[^a-z]+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  const checks = options.map(({ value, label, checked }) => {
    const check = checkbox({ label, checked });
    check.querySelector('input').value = value;
    return check;
  });
  const element = h('fieldset', { class: 'check-group', id, 'data-field-for': id },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    h('div', { class: className }, checks));
  return { element, checked: () => [...element.querySelectorAll('input:checked')].map((i) => i.value) };
}

/** A button for one item of a list, named with the item for screen readers ("Wijzigen: De Linde"). */
function itemButton(text, item, className) {
  return h('button', { type: 'button', class: className, 'aria-label': `${text}: ${item}` }, text);
}

function addressLine(l) {
  return [l.street, [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/* ---------- the list ---------- */

async function allProviders(session) {
  const items = [];
  for (let page = 1; page <= 50; page += 1) {
    const result = await session.api.get(`${ADMIN}/providers?${new URLSearchParams({ region: session.region.code, page, pageSize: 100 })}`);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items;
}

async function providerList(page, session, setTitle) {
  const region = session.region;
  setTitle(`Aanbieders — ${region.name}`);
  const heading = h('h1', { tabindex: '-1' }, `Aanbieders in regio ${region.name}`);
  replace(page, heading, h('p', { class: 'loading', role: 'status' }, 'De aanbieders worden geladen…'));
  let providers;
  try {
    providers = await allProviders(session);
  } catch (error) {
    replace(page, heading, failure(failureText(error, { saving: false })));
    return;
  }
  replace(page,
    heading,
    h('p', { class: 'lead' }, 'Aanbieders met een contract in deze regio, of die de regio beheert. Kies een aanbieder om de gegevens, vestigingen, het aanbod en de sleutels te bekijken.'),
    h('p', {}, h('a', { class: 'button-primary', href: beheerHref('/beheer/aanbieders/nieuw', region.code) }, 'Nieuwe aanbieder toevoegen')),
    providers.length === 0
      ? h('p', { class: 'empty' }, 'Er zijn nog geen aanbieders in deze regio.')
      : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Aanbieders', tabindex: '0' },
        h('table', { class: 'provider-table' },
          h('caption', {}, counted(providers.length, 'aanbieder', 'aanbieders')),
          h('thead', {}, h('tr', {}, ['Naam', 'KvK-nummer', 'Telefoon', 'E-mail'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, providers.map((p) => h('tr', {},
            h('th', { scope: 'row' }, h('a', { href: beheerHref(`/beheer/aanbieders/${p.id}`, region.code) }, p.name)),
            h('td', {}, p.kvkNumber ?? '–'),
            h('td', {}, p.phone ?? '–'),
            h('td', {}, p.email ?? '–')))))));
}

/* ---------- the provider's details ---------- */

function providerForm(session, provider, { submitLabel, onSaved }) {
  const fields = {
    name: textField('Naam', { value: provider?.name, className: 'input-long-text', autocomplete: 'organization' }),
    kvkNumber: textField('KvK-nummer (mag leeg blijven)', { value: provider?.kvkNumber, hint: '8 cijfers', className: 'input-short', inputmode: 'numeric' }),
    agbCode: textField('AGB-code (mag leeg blijven)', { value: provider?.agbCode, hint: '8 cijfers', className: 'input-short', inputmode: 'numeric' }),
    website: textField('Website (mag leeg blijven)', { value: provider?.website, hint: 'Begint met https://', className: 'input-long-text', type: 'url' }),
    phone: textField('Telefoon (mag leeg blijven)', { value: provider?.phone, type: 'tel' }),
    email: textField('E-mail (mag leeg blijven)', { value: provider?.email, type: 'email', className: 'input-long-text' }),
    description: textField('Beschrijving (mag leeg blijven)', { value: provider?.description, multiline: true, hint: `Wat doet de aanbieder? Hoogstens ${formatNumber(session.reference.limits.text.description)} tekens.` }),
  };
  // A key for one region needs no choice: the API gives the provider that region.
  const regions = session.regions.length > 1
    ? checkGroup('Regio’s die deze aanbieder beheren', session.regions.map((r) => ({
      value: r.code, label: r.name, checked: provider ? provider.regions.includes(r.code) : r.code === session.region.code,
    })), { hint: session.me.allRegions ? null : 'Laat je ze allemaal leeg, dan krijgt de aanbieder al je regio’s.' })
    : null;
  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, submitLabel);
  const form = h('form', { class: 'beheer-form', novalidate: true },
    messages,
    fields.name.element,
    h('div', { class: 'form-row' }, fields.kvkNumber.element, fields.agbCode.element),
    fields.website.element,
    h('div', { class: 'form-row' }, fields.phone.element, fields.email.element),
    fields.description.element,
    regions?.element,
    h('div', { class: 'form-actions' }, submit));
  const errors = formErrors(form, messages, {
    fields: { ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input])), regions: regions?.element },
    words: PROVIDER_WORDS,
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const body = { name: fields.name.input.value.trim() };
    for (const name of ['kvkNumber', 'agbCode', 'website', 'phone', 'email', 'description']) body[name] = optional(fields[name].input);
    if (regions) body.regions = regions.checked();
    try {
      const saved = await busy(submit, () => (provider
        ? session.api.put(`${ADMIN}/providers/${provider.id}`, body, provider.eTag)
        : session.api.post(`${ADMIN}/providers`, body)));
      await onSaved(saved);
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
}

async function newProvider(page, session, { setTitle, navigateWith }) {
  setTitle('Nieuwe aanbieder');
  replace(page,
    h('p', { class: 'back' }, h('a', { href: beheerHref('/beheer/aanbieders', session.region.code) }, 'Terug naar de aanbieders')),
    h('h1', { tabindex: '-1' }, 'Nieuwe aanbieder'),
    h('p', { class: 'lead' }, 'Vul de gegevens van de zorgaanbieder in. Daarna voeg je de vestigingen en het aanbod toe, en maak je een sleutel waarmee de aanbieder zijn cijfers doorgeeft.'),
    providerForm(session, null, {
      submitLabel: 'Aanbieder toevoegen',
      onSaved: (saved) => navigateWith(beheerHref(`/beheer/aanbieders/${saved.id}`, session.region.code),
        success(`${saved.name} is toegevoegd`, 'Voeg nu een vestiging toe, dan het aanbod, en maak een sleutel voor de aanbieder.')),
    }));
}

/** A region manager's delete that would end contracts in another region (409). */
const CONTRACTED_ELSEWHERE = 'Dit kan niet: er is ook een contract in een gemeente buiten jouw regio. Die regio beslist daar zelf over. '
  + 'Haal bij het aanbod de gemeenten van jouw regio weg, of vraag een beheerder van het hele systeem om het te verwijderen. Er is niets verwijderd.';

/* ---------- locations ---------- */

function coordinate(input) {
  const text = input.value.trim().replace(',', '.');
  if (text === '') return null;
  return /^-?\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

function locationForm(session, providerId, location, { onSaved, onCancel }) {
  const fields = {
    name: textField('Naam van de vestiging', { value: location?.name, className: 'input-long-text' }),
    street: textField('Straat en huisnummer (mag leeg blijven)', { value: location?.street, className: 'input-long-text' }),
    postcode: textField('Postcode (mag leeg blijven)', { value: location?.postcode, hint: 'Bijvoorbeeld 7001 AB', className: 'input-short' }),
    city: textField('Plaats', { value: location?.city }),
    lat: textField('Breedtegraad (mag leeg blijven)', { value: location?.lat ?? '', className: 'input-short', inputmode: 'decimal' }),
    lon: textField('Lengtegraad (mag leeg blijven)', { value: location?.lon ?? '', className: 'input-short', inputmode: 'decimal' }),
  };
  const municipality = municipalityCombobox({
    municipalities: session.reference.municipalities, label: 'Gemeente', hint: 'Typ de eerste letters en kies uit de lijst.',
  });
  if (location) municipality.code = location.municipality;
  municipality.input.addEventListener('bw:picked', () => {
    if (!fields.city.input.value.trim()) fields.city.input.value = municipality.input.value;
  });

  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, location ? 'Vestiging opslaan' : 'Vestiging toevoegen');
  const form = h('form', { class: 'beheer-form editor', novalidate: true, 'aria-label': location ? `Vestiging ${location.name} wijzigen` : 'Nieuwe vestiging' },
    h('h3', {}, location ? `Vestiging wijzigen: ${location.name}` : 'Nieuwe vestiging'),
    messages,
    fields.name.element,
    fields.street.element,
    h('div', { class: 'form-row' }, fields.postcode.element, fields.city.element),
    municipality.element,
    h('fieldset', { class: 'period' }, h('legend', {}, 'Coördinaten'),
      h('p', { class: 'hint' }, 'Laat ze leeg: dan gebruiken we het midden van de gemeente, voor de afstand in de zoekfunctie.'),
      h('div', { class: 'form-row' }, fields.lat.element, fields.lon.element)),
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'button-link', onclick: onCancel }, 'Annuleren')));
  const errors = formErrors(form, messages, {
    fields: { ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input])), municipality: municipality.input },
    words: LOCATION_WORDS,
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const local = [];
    const code = municipality.code;
    if (code === null) local.push({ input: municipality.input, message: 'Deze gemeente kennen we niet. Kies een gemeente uit de lijst.' });
    const lat = coordinate(fields.lat.input);
    const lon = coordinate(fields.lon.input);
    if (Number.isNaN(lat)) local.push({ input: fields.lat.input, message: 'Vul een getal in, bijvoorbeeld 51.965.' });
    if (Number.isNaN(lon)) local.push({ input: fields.lon.input, message: 'Vul een getal in, bijvoorbeeld 6.289.' });
    if (local.length) {
      errors.show(local);
      return;
    }
    const body = {
      name: fields.name.input.value.trim(),
      street: optional(fields.street.input),
      postcode: optional(fields.postcode.input),
      city: fields.city.input.value.trim(),
      municipality: code || null,
      lat,
      lon,
    };
    try {
      const saved = await busy(submit, () => (location
        ? session.api.put(`${ADMIN}/providers/${providerId}/locations/${location.id}`, body, location.eTag)
        : session.api.post(`${ADMIN}/providers/${providerId}/locations`, body)));
      await onSaved(saved, location ? 'De vestiging is opgeslagen' : 'De vestiging is toegevoegd');
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
}

/* ---------- offerings ---------- */

function offeringForm(session, provider, locations, offering, { onSaved, onCancel }) {
  const { reference } = session;
  const fields = {
    title: textField('Titel', { value: offering?.title, className: 'input-long-text', hint: 'Zoals ouders het zien, bijvoorbeeld “Ouder-kindbegeleiding”.' }),
    ageMin: textField('Leeftijd vanaf', { value: offering?.ageMin ?? '', className: 'input-short', inputmode: 'numeric', hint: ageHint(reference.limits.offering.ageMin) }),
    ageMax: textField('Leeftijd tot en met', { value: offering?.ageMax ?? '', className: 'input-short', inputmode: 'numeric', hint: ageHint(reference.limits.offering.ageMax) }),
    description: textField('Beschrijving (mag leeg blijven)', { value: offering?.description, multiline: true }),
    referralInfo: textField('Zo meld je je aan (mag leeg blijven)', { value: offering?.referralInfo, multiline: true, hint: 'Bijvoorbeeld: verwijzing via het wijkteam of de huisarts.' }),
  };
  const careType = h('select', {}, h('option', { value: '' }, 'Kies een zorgvorm'), reference.careTypes.map((c) => h('option', { value: c.code }, c.name)));
  careType.value = offering?.careType ?? '';
  const tags = checkGroup('Onderwerpen (mag leeg blijven)', reference.tags.map((t) => ({ value: t, label: tagName(t), checked: offering?.tags.includes(t) ?? false })),
    { className: 'tag-list', hint: `Hoogstens ${reference.limits.offering.tags}. Ouders kunnen hierop zoeken.` });
  const locationGroup = checkGroup('Vestigingen waar dit aanbod is', locations.map((l) => ({
    value: l.id, label: `${l.name} (${l.city})`, checked: offering ? offering.locationIds.includes(l.id) : locations.length === 1,
  })), { hint: locations.length === 0 ? 'Deze aanbieder heeft nog geen vestiging. Voeg die eerst toe, of sla het aanbod op zonder vestiging.' : null });

  // The contract: per region this key manages, its municipalities. Contracts in other regions stay as they are.
  const managed = new Set(session.regions.map((r) => r.code));
  const contracted = new Set(offering?.municipalities ?? []);
  const elsewhere = [...contracted].filter((code) => !managed.has(reference.municipalityByCode.get(code)?.regionCode));
  const municipalityGroups = session.regions.map((region) => checkGroup(`Regio ${region.name}`, region.municipalities.map((m) => ({
    value: m.code, label: m.name, checked: contracted.has(m.code),
  })), { className: 'tag-list' }));
  const contract = h('fieldset', { class: 'check-group contract', id: 'contract-gemeenten', 'data-field-for': 'contract-gemeenten' },
    h('legend', {}, 'Gecontracteerd voor de gemeenten'),
    h('p', { class: 'hint' }, 'Alleen inwoners van deze gemeenten zien dit aanbod in de zoekfunctie. Een nieuwe gemeente geldt vanaf vandaag; een gemeente die je uitzet stopt vandaag.'),
    h('p', { class: 'field-error', id: 'contract-gemeenten-error', hidden: true }),
    municipalityGroups.map((g) => g.element),
    elsewhere.length
      ? h('p', {}, 'Ook gecontracteerd in andere regio’s (dat blijft zo): ', elsewhere.map((c) => reference.municipalityByCode.get(c)?.name ?? c).join(', '), '.')
      : null);

  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, offering ? 'Aanbod opslaan' : 'Aanbod toevoegen');
  const form = h('form', { class: 'beheer-form editor', novalidate: true, 'aria-label': offering ? `Aanbod ${offering.title} wijzigen` : 'Nieuw aanbod' },
    h('h3', {}, offering ? `Aanbod wijzigen: ${offering.title}` : `Nieuw aanbod van ${provider.name}`),
    messages,
    fields.title.element,
    field({ label: 'Zorgvorm', input: careType }),
    h('div', { class: 'form-row' }, fields.ageMin.element, fields.ageMax.element),
    tags.element,
    fields.description.element,
    fields.referralInfo.element,
    locationGroup.element,
    contract,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'button-link', onclick: onCancel }, 'Annuleren')));
  const errors = formErrors(form, messages, {
    fields: {
      ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input])),
      careType, tags: tags.element, locationIds: locationGroup.element, municipalities: contract, providerId: fields.title.input,
    },
    words: OFFERING_WORDS,
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const ageMin = wholeNumber(fields.ageMin.input);
    const ageMax = wholeNumber(fields.ageMax.input);
    const local = [[fields.ageMin.input, ageMin], [fields.ageMax.input, ageMax]]
      .filter(([, value]) => Number.isNaN(value)).map(([input]) => ({ input, message: NOT_A_NUMBER }));
    if (local.length) {
      errors.show(local);
      return;
    }
    const body = {
      title: fields.title.input.value.trim(),
      careType: careType.value || null,
      ageMin,
      ageMax,
      description: optional(fields.description.input),
      tags: tags.checked(),
      referralInfo: optional(fields.referralInfo.input),
      locationIds: locationGroup.checked(),
      municipalities: [...municipalityGroups.flatMap((g) => g.checked()), ...elsewhere],
    };
    if (!offering) body.providerId = provider.id;
    try {
      const saved = await busy(submit, () => (offering
        ? session.api.put(`${ADMIN}/offerings/${offering.id}`, body, offering.eTag)
        : session.api.post(`${ADMIN}/offerings`, body)));
      await onSaved(saved, offering ? 'Het aanbod is opgeslagen' : 'Het aanbod is toegevoegd');
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
}

/* ---------- API keys ---------- */

/** The new key, shown this once, with a copy button; "bewaard" takes it off the page for good. */
function keyOnce(issued, onDone) {
  const input = h('input', { type: 'text', id: 'nieuwe-sleutel', readonly: true, class: 'input-long', spellcheck: 'false', autocomplete: 'off' });
  input.value = issued.key;
  const status = h('p', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button-primary' }, 'Kopieer de sleutel');
  const done = h('button', { type: 'button', class: 'button-secondary' }, 'Ik heb de sleutel bewaard');
  const box = h('div', { class: 'key-once', role: 'group', 'aria-labelledby': 'sleutel-kop', tabindex: '-1' },
    h('h3', { id: 'sleutel-kop' }, `De nieuwe sleutel${issued.label ? ` “${issued.label}”` : ''}`),
    h('p', {}, h('strong', {}, 'Je ziet deze sleutel maar één keer. '), 'Kopieer hem nu en geef hem veilig aan de aanbieder, bijvoorbeeld in een wachtwoordkluis. Daarna kan niemand hem meer zien, ook de beheerder niet. Kwijt? Maak dan een nieuwe en trek de oude in.'),
    field({ label: 'Sleutel', input }),
    h('div', { class: 'form-actions' }, copy, done),
    status);

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      status.textContent = 'De sleutel is gekopieerd. Plak hem waar de aanbieder hem veilig kan vinden.';
    } catch {
      // No clipboard (an old browser, or permission refused): select the text, so copying by hand is one key press.
      input.focus();
      input.select();
      status.textContent = 'Kopiëren lukte niet vanzelf. De sleutel is geselecteerd: druk op Ctrl+C (op een Mac: Cmd+C).';
    }
  });
  done.addEventListener('click', () => {
    input.value = '';
    box.remove();
    onDone();
  });
  return box;
}

function keyStatus(key) {
  if (key.revokedAt) return `ingetrokken op ${formatDate(key.revokedAt)}`;
  return key.lastUsedAt ? `werkt, laatst gebruikt op ${formatDateTime(key.lastUsedAt)}` : 'werkt, nog niet gebruikt';
}

/* ---------- the provider's page ---------- */

/** A part of the provider's page drawn again, with a message at its top that takes the focus. */
function redrawWithMessage(host, render, title, text) {
  render();
  const message = success(title, text);
  host.prepend(message);
  message.focus();
}

/**
 * A list (locations, offerings) with "change" and "delete" on each item and "add" below it; the form opens under the
 * list. After a save or a delete the list is drawn again, with a message that takes the focus.
 */
function editableList(host, { items, empty, addLabel, name, describe, form, reload, removal, extra = () => null }) {
  function render() {
    const editor = h('div', {});
    const add = h('button', { type: 'button', class: 'button-secondary' }, addLabel);
    const changed = async (title, text) => {
      await reload();
      redrawWithMessage(host, render, title, text);
    };
    const open = (item, opener) => {
      const element = form(item, {
        onSaved: (saved, title) => changed(title, name(saved)),
        onCancel: () => {
          editor.replaceChildren();
          opener.focus();
        },
      });
      replace(editor, element);
      element.querySelector('input').focus();
    };
    add.addEventListener('click', () => open(null, add));
    const list = items();
    replace(host,
      list.length === 0
        ? h('p', {}, empty)
        : h('ul', { class: 'beheer-list' }, list.map((item) => {
          const change = itemButton('Wijzigen', name(item), 'button-link');
          const remove = itemButton('Verwijderen', name(item), 'button-link danger');
          const removing = removal(item);
          change.addEventListener('click', () => open(item, change));
          remove.addEventListener('click', () => confirmDelete(remove, {
            ...removing,
            onYes: async () => {
              await removing.run();
              await changed(removing.done, name(item));
            },
          }));
          return h('li', {}, h('strong', {}, name(item)), h('br'), describe(item), h('div', { class: 'item-actions' }, change, remove, extra(item)));
        })),
      h('p', {}, add),
      editor);
  }
  render();
}

/** The provider's details, and deleting it. `state` is the page's: the provider as last saved, and where to draw. */
function detailsSection(state) {
  const { session, heading, setTitle, navigateWith } = state;
  const host = state.hosts.details;
  const region = session.region.code;
  const render = () => {
    const { provider } = state;
    const remove = h('button', { type: 'button', class: 'button-danger' }, 'Aanbieder verwijderen');
    remove.addEventListener('click', () => confirmDelete(remove, {
      question: `Weet je zeker dat je ${provider.name} wilt verwijderen?`,
      detail: 'Het aanbod verdwijnt uit de zoekfunctie, de contracten stoppen vandaag en de sleutels werken niet meer. De cijfers van vroeger blijven bewaard.',
      yes: 'Ja, verwijder de aanbieder',
      refusal: (error) => (error.status === 409 ? CONTRACTED_ELSEWHERE : null),
      onYes: async () => {
        await session.api.delete(`${ADMIN}/providers/${provider.id}`);
        navigateWith(beheerHref('/beheer/aanbieders', region), success(`${provider.name} is verwijderd`, 'Het aanbod staat niet meer in de zoekfunctie en de sleutels werken niet meer.'));
      },
    }));
    replace(host,
      providerForm(session, provider, {
        submitLabel: 'Gegevens opslaan',
        onSaved: (saved) => {
          state.provider = saved;
          heading.textContent = saved.name;
          setTitle(saved.name);
          redrawWithMessage(host, render, 'De gegevens zijn opgeslagen');
        },
      }),
      h('div', { class: 'danger-zone' }, remove));
  };
  render();
}

function locationsSection(state, municipalityName) {
  const { session, provider } = state;
  editableList(state.hosts.locations, {
    items: () => state.locations,
    empty: 'Er is nog geen vestiging.',
    addLabel: 'Vestiging toevoegen',
    name: (l) => l.name,
    describe: (l) => [addressLine(l), `gemeente ${municipalityName(l.municipality)}`].filter(Boolean).join(' · '),
    form: (l, callbacks) => locationForm(session, provider.id, l, callbacks),
    reload: async () => {
      state.locations = await session.api.get(`${ADMIN}/providers/${provider.id}/locations`);
    },
    removal: (l) => ({
      question: `Vestiging ${l.name} verwijderen?`,
      yes: 'Ja, verwijder de vestiging',
      refusal: (error) => (error.status === 409 ? 'Deze vestiging hoort nog bij aanbod. Haal haar eerst bij dat aanbod weg; daarna kun je haar verwijderen.' : null),
      run: () => session.api.delete(`${ADMIN}/providers/${provider.id}/locations/${l.id}`),
      done: 'De vestiging is verwijderd',
    }),
  });
}

function offeringsSection(state, municipalityName) {
  const { session } = state;
  editableList(state.hosts.offerings, {
    items: () => state.offerings,
    empty: 'Er is nog geen aanbod.',
    addLabel: 'Aanbod toevoegen',
    name: (o) => o.title,
    describe: (o) => [
      [session.reference.careTypeByCode.get(o.careType)?.name ?? o.careType, ageText(o.ageMin, o.ageMax)].join(' · '),
      h('br'),
      o.municipalities.length
        ? `Gecontracteerd voor: ${o.municipalities.map(municipalityName).join(', ')}`
        : 'Nog geen contract: ouders zien dit aanbod niet.',
    ],
    // The locations as they are when the form opens: one just added is there.
    form: (o, callbacks) => offeringForm(session, state.provider, state.locations, o, callbacks),
    reload: async () => {
      state.offerings = await offeringsOf(session, state.provider.id);
    },
    removal: (o) => ({
      question: `Aanbod ${o.title} verwijderen?`,
      detail: 'Het aanbod verdwijnt uit de zoekfunctie en de contracten stoppen vandaag. De cijfers van vroeger blijven bewaard.',
      yes: 'Ja, verwijder het aanbod',
      run: () => session.api.delete(`${ADMIN}/offerings/${o.id}`),
      refusal: (error) => (error.status === 409 ? CONTRACTED_ELSEWHERE : null),
      done: 'Het aanbod is verwijderd',
    }),
    extra: (o) => h('a', { href: detailHref(o.id), 'aria-label': `Bekijk zoals ouders het zien: ${o.title}` }, 'Bekijk zoals ouders het zien'),
  });
}

/** The provider's API keys: make one (shown once), revoke one. */
function keysSection(state) {
  const { session } = state;
  const host = state.hosts.keys;
  const keysUrl = `${ADMIN}/providers/${state.provider.id}/api-keys`;
  const render = () => {
    const label = textField('Naam van de sleutel (mag leeg blijven)', { hint: 'Om sleutels uit elkaar te houden, bijvoorbeeld “Planning 2026”.', className: 'input-long-text' });
    const messages = h('div', { class: 'form-messages' });
    const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Maak een sleutel');
    const form = h('form', { class: 'beheer-form', novalidate: true, 'aria-label': 'Nieuwe sleutel' }, messages, label.element, h('div', { class: 'form-actions' }, submit));
    const errors = formErrors(form, messages, { fields: { label: label.input } });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      errors.clear();
      try {
        const issued = await busy(submit, () => session.api.post(keysUrl, { label: optional(label.input) }));
        state.keys = await session.api.get(keysUrl);
        render();
        const box = keyOnce(issued, () => host.querySelector('form button[type="submit"]')?.focus());
        host.prepend(box);
        box.focus();
      } catch (error) {
        errors.refuse(error, error.status === 409 ? 'Deze aanbieder heeft al twee werkende sleutels. Trek er eerst één in; dan kun je een nieuwe maken.' : undefined);
      }
    });

    replace(host,
      h('p', {}, 'Met een sleutel geeft de aanbieder zijn cijfers door, op de pagina Voor aanbieders of via de API. Een aanbieder kan twee werkende sleutels hebben, om te wisselen.'),
      state.keys.length === 0
        ? h('p', {}, 'Er is nog geen sleutel.')
        : h('ul', { class: 'beheer-list' }, state.keys.map((k) => {
          const name = k.label ?? `sleutel ${k.id}`;
          const revoke = k.revokedAt ? null : itemButton('Intrekken', name, 'button-link danger');
          revoke?.addEventListener('click', () => confirmDelete(revoke, {
            question: `Sleutel ${name} intrekken?`,
            detail: 'De sleutel werkt dan meteen niet meer. Dat kun je niet terugdraaien.',
            yes: 'Ja, trek de sleutel in',
            onYes: async () => {
              await session.api.delete(`${ADMIN}/api-keys/${encodeURIComponent(k.id)}`);
              state.keys = await session.api.get(keysUrl);
              redrawWithMessage(host, render, 'De sleutel is ingetrokken', name);
            },
          }));
          return h('li', {}, h('strong', {}, name), h('br'), `Gemaakt op ${formatDate(k.createdAt)}, ${keyStatus(k)}.`,
            revoke ? h('div', { class: 'item-actions' }, revoke) : null);
        })),
      form);
  };
  render();
}

const offeringsOf = async (session, providerId) =>
  (await session.api.get(`${ADMIN}/offerings?${new URLSearchParams({ providerId, pageSize: 100 })}`)).items;

/** One provider: its details, locations, offerings and keys, each a section that redraws itself after a change. */
async function providerPage(page, session, id, { setTitle, navigateWith }) {
  const back = h('p', { class: 'back' }, h('a', { href: beheerHref('/beheer/aanbieders', session.region.code) }, 'Terug naar de aanbieders'));
  replace(page, back, h('h1', { tabindex: '-1' }, 'Aanbieder'), h('p', { class: 'loading', role: 'status' }, 'De aanbieder wordt geladen…'));
  let loaded;
  try {
    loaded = await Promise.all([
      session.api.get(`${ADMIN}/providers/${id}`),
      session.api.get(`${ADMIN}/providers/${id}/locations`),
      offeringsOf(session, id),
      session.api.get(`${ADMIN}/providers/${id}/api-keys`),
    ]);
  } catch (error) {
    replace(page, back, h('h1', { tabindex: '-1' }, 'Aanbieder'), failure(failureText(error, { saving: false })));
    return;
  }
  const [provider, locations, offerings, keys] = loaded;
  setTitle(provider.name);

  const heading = h('h1', { tabindex: '-1' }, provider.name);
  const hosts = { details: h('div', {}), locations: h('div', {}), offerings: h('div', {}), keys: h('div', {}) };
  replace(page, back, heading,
    h('p', { class: 'lead' }, 'Houd de gegevens bij, voeg vestigingen en aanbod toe, en maak de sleutel waarmee de aanbieder elke week zijn cijfers doorgeeft.'),
    section('Gegevens', hosts.details),
    section('Vestigingen', hosts.locations),
    section('Aanbod', hosts.offerings),
    section('Sleutels', hosts.keys));

  const state = { session, provider, locations, offerings, keys, hosts, heading, setTitle, navigateWith };
  const municipalityName = (code) => session.reference.municipalityByCode.get(code)?.name ?? code;
  detailsSection(state);
  locationsSection(state, municipalityName);
  offeringsSection(state, municipalityName);
  keysSection(state);
}

export async function show(page, session, { params, setTitle, navigateWith }) {
  if (params[0] === 'nieuw') return newProvider(page, session, { setTitle, navigateWith });
  if (params[0]) return providerPage(page, session, params[0], { setTitle, navigateWith });
  return providerList(page, session, setTitle);
}
