// Voor aanbieders (/aanbieders): the weekly update of all of a provider's offerings in one go. The API key is kept
// in sessionStorage only (gone when the tab closes). Last week's figures are filled in; change what changed and send
// everything at once (the batch endpoint: all or nothing). The API decides what is valid; its errors are shown next
// to the fields, in Dutch.
import { ApiError, getJson, loadLimits, postJson } from './api.js';
import { apiKeyForm } from './apikey.js';
import { announce, h, replace } from './dom.js';
import { checkbox, clearFieldErrors, field, showErrors } from './fields.js';
import { formatDate, formatNumber, weekLabel } from './format.js';
import { detailHref } from './offering.js';
import { wordFor } from './problems.js';

const KEY_STORAGE = 'bw-api-key';

// The limits come from the API (GET /api/v1/limits, "report"), so the hints say what the API accepts.
const NUMBER_FIELDS = [
  { name: 'waitToIntakeWeeks', label: 'Wachttijd tot intake', hint: ({ min, max }) => `In weken, ${min} tot en met ${max}` },
  { name: 'waitToTreatmentWeeks', label: 'Wachttijd van intake tot start van de hulp', hint: ({ min, max }) => `In weken, ${min} tot en met ${max}` },
  { name: 'freePlaces', label: 'Vrije plekken', hint: () => 'Nu vrij' },
  { name: 'totalPlaces', label: 'Plekken in totaal', hint: () => null },
  { name: 'waitlistCount', label: 'Op de wachtlijst', hint: () => 'Aantal kinderen' },
];

const weeksWords = ({ min, max }) => `Vul een aantal weken in van ${min} tot en met ${max}, of laat het veld leeg.`;
const countWords = ({ min, max }) => `Vul een aantal in van ${formatNumber(min)} tot en met ${formatNumber(max)}, of laat het veld leeg.`;

// A field's own words where the code's words (problems.js) would say less; the limits come with the code.
const WORDS = {
  acceptingReferrals: 'Kies of je nieuwe aanmeldingen aanneemt.',
  waitToIntakeWeeks: { range: weeksWords },
  waitToTreatmentWeeks: { range: weeksWords },
  freePlaces: { range: countWords, 'more-than': ({ max }) => `Er kunnen niet meer plekken vrij zijn dan er in totaal zijn (${formatNumber(max)}).` },
  totalPlaces: { range: countWords },
  waitlistCount: { range: countWords },
  method: 'Kies hoe je de wachttijd hebt gemeten.',
  offeringId: 'Dit aanbod is niet (meer) van jou. Laad de pagina opnieuw.',
};

const readKey = () => sessionStorage.getItem(KEY_STORAGE);
const parts = (n) => (n === 1 ? '1 onderdeel' : `${n} onderdelen`);

/** One fieldset per offering, filled with its current report; `limits` are the API's limits of a report. */
function offeringFieldset(offering, index, limits) {
  const report = offering.currentReport;
  const prefix = `r${index}`;
  const inputs = {};

  const radios = [['true', 'Ja'], ['false', 'Nee, er is een aanmeldstop']].map(([value, label]) => {
    const input = h('input', { type: 'radio', name: `${prefix}-accepting`, value, id: `${prefix}-accepting-${value}` });
    input.checked = report ? String(report.acceptingReferrals) === value : false;
    return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
  });
  const accepting = h('fieldset', { class: 'radios', role: 'radiogroup', id: `${prefix}-acceptingReferrals` },
    h('legend', {}, 'Neem je nieuwe aanmeldingen aan?'),
    h('p', { class: 'field-error', id: `${prefix}-acceptingReferrals-error`, hidden: true }),
    radios);
  inputs.acceptingReferrals = accepting;

  const numbers = NUMBER_FIELDS.map((spec) => {
    const input = h('input', { type: 'text', inputmode: 'numeric', id: `${prefix}-${spec.name}`, class: 'input-short', autocomplete: 'off' });
    input.value = report?.[spec.name] ?? '';
    inputs[spec.name] = input;
    return field({ label: spec.label, hint: spec.hint(limits[spec.name]), input });
  });

  const method = h('select', { id: `${prefix}-method` },
    h('option', { value: 'actueel' }, 'Actueel: de wachttijd die je nu verwacht'),
    h('option', { value: 'retrospectief' }, 'Terugkijkend: het gemiddelde van de afgelopen periode'));
  method.value = report?.method ?? 'actueel';
  inputs.method = method;

  const matching = checkbox({ label: 'De wachttijd hangt af van een passende match (bijvoorbeeld een pleeggezin)', checked: report?.matchingDependent ?? false });
  const bridging = checkbox({ label: 'We bieden overbruggingszorg tijdens het wachten', checked: report?.bridgingCareAvailable ?? false });
  inputs.matchingDependent = matching.querySelector('input');
  inputs.bridgingCareAvailable = bridging.querySelector('input');

  const note = h('textarea', { id: `${prefix}-note`, rows: '2', maxlength: String(limits.noteLength) });
  note.value = report?.note ?? '';
  inputs.note = note;

  const element = h('fieldset', { class: 'offering-report' },
    h('legend', {}, h('h3', {}, offering.title)),
    h('p', { class: 'meta' }, offering.careTypeName, ' · ', h('a', { href: detailHref(offering.id) }, 'bekijk zoals ouders het zien')),
    h('p', { class: 'last-report' }, report
      ? `Laatst doorgegeven: ${weekLabel(report.week)}, op ${formatDate(report.reportedAt)}. Die cijfers staan hieronder al ingevuld.`
      : 'Voor dit aanbod zijn nog geen cijfers doorgegeven.'),
    accepting,
    h('div', { class: 'form-row' }, numbers),
    h('div', { class: 'form-row' }, field({ label: 'Hoe heb je de wachttijd gemeten?', input: method })),
    h('div', { class: 'checks' }, matching, bridging),
    field({ label: 'Opmerking (mag leeg blijven)', hint: `Hoogstens ${formatNumber(limits.noteLength)} tekens. Ouders zien dit niet.`, input: note }));

  /** This offering's report, and the fields the browser could not read as a whole number. */
  function read() {
    const errors = [];
    const checked = accepting.querySelector('input:checked');
    const body = { offeringId: offering.id, acceptingReferrals: checked ? checked.value === 'true' : null };
    for (const spec of NUMBER_FIELDS) {
      const text = inputs[spec.name].value.trim();
      if (text === '') body[spec.name] = null;
      else if (/^\d{1,6}$/.test(text)) body[spec.name] = Number(text);
      else {
        errors.push({ input: inputs[spec.name], message: 'Vul een heel getal in, zonder punten of letters.' });
      }
    }
    body.method = method.value;
    body.matchingDependent = inputs.matchingDependent.checked;
    body.bridgingCareAvailable = inputs.bridgingCareAvailable.checked;
    body.note = note.value.trim() || null;
    return { body, errors };
  }

  return { element, read, inputs, offering };
}

function keyStep(main, ctx, problem) {
  const { form, refuse } = apiKeyForm({
    label: 'Je API-sleutel',
    hint: 'Je krijgt de sleutel van je regio. Hij begint met bwk_. We bewaren hem alleen in dit tabblad, tot je het sluit.',
    storageKey: KEY_STORAGE,
    onKey: () => loadOfferings(main, ctx, { focusHeading: true }),
  });
  replace(main,
    h('h1', { tabindex: '-1' }, 'Voor aanbieders: wachttijden doorgeven'),
    h('p', { class: 'lead' }, 'Geef elke week je wachttijden en vrije plekken door. Ouders en verwijzers zien ze meteen.'),
    form,
    h('p', {}, 'Liever via je eigen systeem? Gebruik ', h('a', { href: '/api/docs' }, 'de API'), '.'));
  if (problem) refuse(problem);
}

async function loadOfferings(main, ctx, { focusHeading = false, success = null } = {}) {
  const key = readKey();
  if (!key) {
    keyStep(main, ctx);
    return;
  }
  replace(main, h('h1', { tabindex: '-1' }, 'Voor aanbieders: wachttijden doorgeven'), h('p', { class: 'loading', role: 'status' }, 'Je aanbod wordt geladen…'));
  let offerings;
  let limits;
  try {
    [offerings, limits] = await Promise.all([getJson('/api/v1/provider/offerings', { apiKey: key }), loadLimits()]);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      sessionStorage.removeItem(KEY_STORAGE);
      keyStep(main, ctx, error.status === 401
        ? 'Deze sleutel werkt niet (meer). Vraag je regio om een nieuwe sleutel.'
        : 'Deze sleutel is niet van een zorgaanbieder. Gebruik de sleutel die je regio voor je aanbod heeft gemaakt.');
      return;
    }
    replace(main, h('h1', { tabindex: '-1' }, 'Voor aanbieders: wachttijden doorgeven'),
      h('div', { class: 'error', role: 'alert' }, h('p', {}, 'Je aanbod kon niet laden. Controleer je internet en probeer het opnieuw.'),
        h('button', { type: 'button', class: 'button-secondary', onclick: () => loadOfferings(main, ctx) }, 'Opnieuw proberen')));
    return;
  }
  reportForm(main, ctx, offerings, limits.report, { focusHeading, success });
}

function reportForm(main, ctx, offerings, limits, { focusHeading, success }) {
  const sets = offerings.map((offering, index) => offeringFieldset(offering, index, limits));
  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, offerings.length === 1 ? 'Verstuur de cijfers' : `Verstuur de cijfers van alle ${offerings.length} onderdelen`);
  const logout = h('button', { type: 'button', class: 'button-link' }, 'Uitloggen (sleutel vergeten)');
  const form = h('form', { class: 'report-form', novalidate: true },
    messages,
    sets.map((s) => s.element),
    h('div', { class: 'form-actions sticky-actions' }, submit));
  replace(main,
    h('div', { class: 'title-row' }, h('h1', { tabindex: '-1' }, 'Voor aanbieders: wachttijden doorgeven'), logout),
    h('p', { class: 'lead' }, offerings.length === 0
      ? 'Er staat nog geen aanbod op je naam. Vraag je regio om je aanbod toe te voegen.'
      : `Je aanbod heeft ${parts(offerings.length)}. Pas aan wat veranderd is en verstuur alles in één keer. Ook cijfers die gelijk bleven tellen: zo weten ouders dat ze kloppen.`),
    offerings.length ? form : null);

  if (success) {
    messages.append(success);
    success.focus();
  } else if (focusHeading) {
    main.querySelector('h1').focus();
  }

  logout.addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    keyStep(main, ctx);
    document.getElementById('api-sleutel')?.focus();
    announce('Je bent uitgelogd. De sleutel is vergeten.');
  });

  // One Idempotency-Key per version of the form: sending the same figures twice (a retry after a lost answer)
  // stores them once; any change makes a new request.
  let idempotencyKey = null;
  form.addEventListener('input', () => { idempotencyKey = null; });
  form.addEventListener('change', () => { idempotencyKey = null; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    messages.replaceChildren();
    const read = sets.map((set) => set.read());
    const local = read.flatMap((r) => r.errors);
    if (local.length) {
      showFieldErrors(local);
      return;
    }

    idempotencyKey ??= crypto.randomUUID();
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const result = await postJson('/api/v1/provider/availability-reports', { reports: read.map((r) => r.body) },
        { apiKey: readKey(), headers: { 'Idempotency-Key': idempotencyKey } });
      const week = result.reports[0] ? weekLabel(result.reports[0].week) : '';
      const done = h('div', { class: 'success', role: 'status', tabindex: '-1' },
        h('h2', {}, 'Gelukt: je cijfers zijn opgeslagen'),
        h('p', {}, `De cijfers van ${parts(result.accepted)} staan erin voor ${week}. Ouders en verwijzers zien ze nu in de zoekfunctie.`));
      await loadOfferings(main, ctx, { success: done });
      announce('Gelukt: je cijfers zijn opgeslagen.');
    } catch (error) {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      handleError(error);
    }
  });

  const showFieldErrors = (errors) => showErrors(messages, errors, 'Er is nog niets opgeslagen. Verbeter de velden hieronder en verstuur opnieuw.');

  function handleError(error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404) && error.fieldErrors.length) {
      const errors = new Map();
      for (const problem of error.fieldErrors) {
        const match = /^reports\[(\d+)\]\.(\w+)$/.exec(problem.field);
        const set = match ? sets[Number(match[1])] : null;
        const input = set?.inputs[match[2]] ?? (match?.[2] === 'offeringId' ? set?.inputs.acceptingReferrals : null);
        if (input && !errors.has(input)) errors.set(input, { input, message: wordFor(WORDS[match[2]], problem) });
      }
      if (errors.size) {
        showFieldErrors([...errors.values()]);
        return;
      }
    }
    if (error instanceof ApiError && error.status === 401) {
      sessionStorage.removeItem(KEY_STORAGE);
      keyStep(main, ctx, 'Je sleutel werkt niet meer. Er is niets opgeslagen. Vraag je regio om een nieuwe sleutel.');
      return;
    }
    const text = error.status === 0
      ? 'Er is geen verbinding. Er is niets opgeslagen. Probeer het opnieuw als je weer internet hebt.'
      : error.status === 429
        ? `Je hebt te veel verzoeken gedaan. Er is niets opgeslagen. Probeer het over ${error.retryAfterSeconds ?? 60} seconden opnieuw.`
        : 'Er ging iets mis. Er is niets opgeslagen. Probeer het over een paar minuten opnieuw.';
    const box = h('div', { class: 'error', role: 'alert', tabindex: '-1' }, h('p', {}, text));
    messages.replaceChildren(box);
    box.focus();
  }
}

export function mount(main, ctx) {
  ctx.setTitle('Voor aanbieders');
  loadOfferings(main, ctx);
  return {};
}
