// Voor aanbieders (/aanbieders): the weekly update of all of a provider's offerings in one go. The API key is kept
// in sessionStorage only (gone when the tab closes). A week without changes is one click ("Niets veranderd"); else
// last week's figures are filled in, the provider changes what changed and sends everything at once (the batch
// endpoint: all or nothing). Every rule the API checks is checked here first, all at once; then a dry run asks
// "Klopt dit?" for each plausibility warning before the real send. The API stays the authority: its refusals land on
// the same fields, in Dutch.
import { ApiError, getJson, loadLimits, postJson } from './api.js';
import { apiKeyForm } from './apikey.js';
import { announce, h, replace } from './dom.js';
import { checkbox, clearFieldErrors, field, showErrors } from './fields.js';
import {
  counted, formatDate, formatNumber, weekLabel,
} from './format.js';
import { detailHref } from './offering.js';
import { warningInDutch, wordFor } from './problems.js';
import { reportProblems } from './report-rules.js';

const KEY_STORAGE = 'bw-api-key';
const TITLE = 'Voor aanbieders: wachttijden doorgeven';

const weeksHint = ({ min, max }) => `In weken, ${min} tot en met ${max}`;

// The limits come from the API (GET /api/v1/limits, "report"), so the hints say what the API accepts.
const NUMBER_FIELDS = [
  { name: 'waitToIntakeWeeks', label: 'Wachttijd tot intake', hint: weeksHint },
  { name: 'waitToTreatmentWeeks', label: 'Wachttijd van intake tot start van de hulp', hint: weeksHint },
  { name: 'freePlaces', label: 'Vrije plekken', hint: () => 'Nu vrij' },
  { name: 'totalPlaces', label: 'Plekken in totaal', hint: () => null },
  { name: 'waitlistCount', label: 'Op de wachtlijst', hint: () => 'Aantal kinderen' },
];

const REALISED_FIELDS = [
  { name: 'realisedWaitToIntakeWeeks', label: 'Echt gewacht tot intake', hint: weeksHint },
  { name: 'realisedWaitToTreatmentWeeks', label: 'Echt gewacht van intake tot start', hint: weeksHint },
];

const LABELS = {
  acceptingReferrals: 'Nieuwe aanmeldingen',
  ...Object.fromEntries([...NUMBER_FIELDS, ...REALISED_FIELDS].map((spec) => [spec.name, spec.label])),
  method: 'Hoe gemeten',
  note: 'Opmerking',
  unchanged: 'Niets veranderd',
  offeringId: 'Aanbod',
};

const weeksWords = ({ min, max }) => `Vul een aantal weken in van ${min} tot en met ${max}, of laat het veld leeg.`;
const countWords = ({ min, max }) => `Vul een aantal in van ${formatNumber(min)} tot en met ${formatNumber(max)}, of laat het veld leeg.`;

// A field's own words where the code's words (problems.js) would say less; the limits come with the code.
const WORDS = {
  acceptingReferrals: 'Kies of je nieuwe aanmeldingen aanneemt.',
  waitToIntakeWeeks: { range: weeksWords },
  waitToTreatmentWeeks: { range: weeksWords },
  realisedWaitToIntakeWeeks: { range: weeksWords },
  realisedWaitToTreatmentWeeks: { range: weeksWords },
  freePlaces: { range: countWords, 'more-than': ({ max }) => `Er kunnen niet meer plekken vrij zijn dan er in totaal zijn (${formatNumber(max)}).` },
  totalPlaces: { range: countWords },
  waitlistCount: { range: countWords },
  method: 'Kies hoe je de wachttijd hebt gemeten.',
  offeringId: 'Dit aanbod is niet (meer) van jou. Laad de pagina opnieuw.',
};

const LEAVE_QUESTION = 'Je hebt cijfers veranderd die nog niet zijn verstuurd. Wil je deze pagina toch verlaten? Dan ben je die veranderingen kwijt.';

const readKey = () => sessionStorage.getItem(KEY_STORAGE);
const parts = (n) => counted(n, 'onderdeel', 'onderdelen');

/** When the figures were sent, and when they last changed if that was earlier (a confirmation repeats them). */
function lastReportLine(report) {
  if (!report) return 'Voor dit aanbod zijn nog geen cijfers doorgegeven. Vul ze hieronder in.';
  const sent = `Laatst doorgegeven: ${weekLabel(report.week)}, op ${formatDate(report.reportedAt)}.`;
  const changed = formatDate(report.figuresChangedAt) !== formatDate(report.reportedAt)
    ? ` De cijfers zelf zijn voor het laatst veranderd op ${formatDate(report.figuresChangedAt)}.`
    : '';
  return `${sent}${changed} Die cijfers staan hieronder al ingevuld.`;
}

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

  const numberField = (spec) => {
    const input = h('input', { type: 'text', inputmode: 'numeric', id: `${prefix}-${spec.name}`, class: 'input-short', autocomplete: 'off' });
    input.value = report?.[spec.name] ?? '';
    inputs[spec.name] = input;
    return field({ label: spec.label, hint: spec.hint(limits[spec.name]), input });
  };
  const numbers = NUMBER_FIELDS.map(numberField);
  const realised = REALISED_FIELDS.map(numberField);

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

  // The figures sit in a fieldset of their own, so "niets veranderd" can switch them all off at once.
  const figures = h('fieldset', { class: 'report-figures' },
    h('legend', { class: 'visually-hidden' }, `Cijfers van ${offering.title}`),
    accepting,
    h('div', { class: 'form-row' }, numbers),
    h('div', { class: 'form-row' }, field({ label: 'Hoe heb je de wachttijd gemeten?', input: method })),
    h('div', { class: 'checks' }, matching, bridging),
    h('details', { class: 'realised', open: realised.length && (report?.realisedWaitToIntakeWeeks != null || report?.realisedWaitToTreatmentWeeks != null) },
      h('summary', {}, 'Echt gewacht in de afgelopen 8 weken (mag leeg blijven)'),
      h('p', { class: 'hint' }, 'Hoe lang wachtten de kinderen die de afgelopen 8 weken echt begonnen, gemiddeld? Ouders zien dit naast de wachttijd die je verwacht.'),
      h('div', { class: 'form-row' }, realised)),
    field({ label: 'Opmerking (mag leeg blijven)', hint: `Hoogstens ${formatNumber(limits.noteLength)} tekens. Ouders zien dit niet.`, input: note }));

  const unchanged = report
    ? checkbox({ label: 'Niets veranderd deze week', hint: 'De cijfers hieronder kloppen nog. Ze worden opnieuw doorgegeven voor deze week.' })
    : null;
  if (unchanged) {
    inputs.unchanged = unchanged.querySelector('input');
    inputs.unchanged.addEventListener('change', () => { figures.disabled = inputs.unchanged.checked; });
  }

  const element = h('fieldset', { class: 'offering-report', 'data-offering': offering.id },
    h('legend', {}, h('h3', {}, offering.title)),
    h('p', { class: 'meta' }, offering.careTypeName, ' · ', h('a', { href: detailHref(offering.id) }, 'bekijk zoals ouders het zien')),
    h('p', { class: 'last-report', id: `${prefix}-status` }, lastReportLine(report)),
    unchanged,
    figures);

  /** This offering's report as the API reads it, and the fields the browser could not read as a whole number. */
  function read() {
    if (inputs.unchanged?.checked) return { body: { offeringId: offering.id, unchanged: true }, unreadable: [] };
    const unreadable = [];
    const checked = accepting.querySelector('input:checked');
    const body = { offeringId: offering.id, acceptingReferrals: checked ? checked.value === 'true' : null };
    for (const spec of [...NUMBER_FIELDS, ...REALISED_FIELDS]) {
      const text = inputs[spec.name].value.trim();
      if (text === '') body[spec.name] = null;
      else if (/^\d{1,9}$/.test(text)) body[spec.name] = Number(text);
      else unreadable.push(spec.name);
    }
    body.method = method.value;
    body.matchingDependent = inputs.matchingDependent.checked;
    body.bridgingCareAvailable = inputs.bridgingCareAvailable.checked;
    body.note = note.value.trim() || null;
    return { body, unreadable };
  }

  return { element, read, inputs, offering, status: element.querySelector('.last-report') };
}

function keyStep(main, ctx, problem) {
  ctx.onForm?.(null);
  const { form, refuse } = apiKeyForm({
    label: 'Je API-sleutel',
    hint: 'Je krijgt de sleutel van je regio. Hij begint met bwk_. We bewaren hem alleen in dit tabblad, tot je het sluit.',
    storageKey: KEY_STORAGE,
    onKey: () => loadOfferings(main, ctx, { focusFirst: true }),
  });
  replace(main,
    h('h1', { tabindex: '-1' }, TITLE),
    h('p', { class: 'lead' }, 'Geef elke week je wachttijden en vrije plekken door. Ouders en verwijzers zien ze meteen.'),
    form,
    h('p', {}, 'Liever via je eigen systeem? Gebruik ', h('a', { href: '/api/docs' }, 'de API'), '.'));
  if (problem) refuse(problem);
}

async function loadOfferings(main, ctx, { focusFirst = false, success = null } = {}) {
  const key = readKey();
  if (!key) {
    keyStep(main, ctx);
    return;
  }
  replace(main, h('h1', { tabindex: '-1' }, TITLE), h('p', { class: 'loading', role: 'status' }, 'Je aanbod wordt geladen…'));
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
    replace(main, h('h1', { tabindex: '-1' }, TITLE),
      h('div', { class: 'error', role: 'alert' }, h('p', {}, 'Je aanbod kon niet laden. Controleer je internet en probeer het opnieuw.'),
        h('button', { type: 'button', class: 'button-secondary', onclick: () => loadOfferings(main, ctx) }, 'Opnieuw proberen')));
    return;
  }
  ctx.onForm?.(reportForm(main, ctx, offerings, limits.report, { focusFirst, success }));
}

/** The "Klopt dit?" question under a field (or the offering's status line) for one warning, with its tick box. */
function warningBox(warning, onConfirm) {
  const box = checkbox({ label: 'Ja, dit klopt' });
  box.querySelector('input').addEventListener('change', (event) => onConfirm(event.target.checked));
  box.querySelector('input').dataset.warning = 'true';
  return h('div', { class: 'field-warning', role: 'group', 'aria-label': 'Klopt dit?' },
    h('p', {}, h('strong', {}, 'Klopt dit? '), warningInDutch(warning)),
    box);
}

const warningKey = (w) => `${w.offeringId}|${w.code}|${w.field ?? ''}`;

function reportForm(main, ctx, offerings, limits, { focusFirst, success }) {
  const sets = offerings.map((offering, index) => offeringFieldset(offering, index, limits));
  const bySet = new Map(sets.map((set) => [set.offering.id, set]));
  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, offerings.length === 1 ? 'Verstuur de cijfers' : `Verstuur de cijfers van alle ${offerings.length} onderdelen`);
  const logout = h('button', { type: 'button', class: 'button-link' }, 'Uitloggen (sleutel vergeten)');
  const form = h('form', { class: 'report-form', novalidate: true },
    messages,
    sets.map((s) => s.element),
    h('div', { class: 'form-actions sticky-actions' }, submit));

  const reported = sets.filter((set) => set.offering.currentReport);
  const confirmAll = h('button', { type: 'button', class: 'button-primary' },
    reported.length === sets.length && sets.length > 1 ? `Niets veranderd: bevestig alle ${sets.length} onderdelen` : `Niets veranderd: bevestig ${parts(reported.length)}`);
  const confirmMessages = h('div', { class: 'form-messages' });
  const unchangedBox = reported.length
    ? h('section', { class: 'unchanged-all', 'aria-labelledby': 'niets-veranderd' },
      h('h2', { id: 'niets-veranderd' }, 'Niets veranderd deze week?'),
      h('p', {}, `Bevestig dan met één klik dat de cijfers van ${reported.length === sets.length ? 'al je onderdelen' : parts(reported.length)} nog kloppen. Ouders zien dan dat ze actueel zijn.`),
      reported.length < sets.length
        ? h('p', {}, `${parts(sets.length - reported.length)} ${sets.length - reported.length === 1 ? 'heeft' : 'hebben'} nog geen cijfers. Vul die hieronder in.`)
        : null,
      confirmMessages,
      confirmAll)
    : null;

  replace(main,
    h('div', { class: 'title-row' }, h('h1', { tabindex: '-1' }, TITLE), logout),
    h('p', { class: 'lead' }, offerings.length === 0
      ? 'Er staat nog geen aanbod op je naam. Vraag je regio om je aanbod toe te voegen.'
      : `Je aanbod heeft ${parts(offerings.length)}. Is er iets veranderd? Pas het aan en verstuur alles in één keer. Ook cijfers die gelijk bleven tellen: zo weten ouders dat ze kloppen.`),
    success,
    unchangedBox,
    offerings.length ? h('h2', {}, reported.length ? 'Wel iets veranderd?' : 'Je cijfers') : null,
    offerings.length ? form : null);

  if (success) success.focus();
  else if (focusFirst && unchangedBox) confirmAll.focus();
  else if (focusFirst) main.querySelector('h1').focus();

  logout.addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    keyStep(main, ctx);
    document.getElementById('api-sleutel')?.focus();
    announce('Je bent uitgelogd. De sleutel is vergeten.');
  });

  // One Idempotency-Key per version of the form: sending the same figures twice (a retry after a lost answer)
  // stores them once; any change makes a new request. A change also withdraws the "klopt" ticks of its offering.
  let idempotencyKey = null;
  let dirty = false;
  const confirmedWarnings = new Set();
  const changed = (event) => {
    if (event.target.dataset?.warning) return;
    idempotencyKey = null;
    dirty = true;
    const offeringId = event.target.closest('[data-offering]')?.dataset.offering;
    for (const key of [...confirmedWarnings]) if (key.startsWith(`${offeringId}|`)) confirmedWarnings.delete(key);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  // The sticky send button may not cover the field that has the focus (WCAG 2.2, 2.4.11).
  form.addEventListener('focusin', (event) => {
    const bar = form.querySelector('.sticky-actions');
    if (event.target === submit || !bar) return;
    const covered = event.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (covered > 0) window.scrollBy(0, covered + 16);
  });

  const showFieldErrors = (errors) => showErrors(messages, errors, 'Er is nog niets opgeslagen. Verbeter de velden hieronder en verstuur opnieuw.');

  /** A refused or unlikely field of an offering, found by its wire name; a whole-report one lands on the status line. */
  const placeOf = (set, name) => set.inputs[name] ?? (name === 'offeringId' ? set.inputs.acceptingReferrals : null);

  function problemsBeforeSend(read) {
    const errors = [];
    read.forEach(({ body, unreadable }, index) => {
      const set = sets[index];
      const problems = [
        ...unreadable.map((name) => ({ field: name, message: 'Vul een heel getal in, zonder punten of letters.' })),
        ...reportProblems(body, limits).filter((p) => !unreadable.includes(p.field))
          .map((p) => ({ field: p.field, message: wordFor(WORDS[p.field], p) })),
      ];
      for (const { field: name, message } of problems) {
        const input = placeOf(set, name);
        if (input) errors.push({ input, message, summary: `${set.offering.title} — ${LABELS[name] ?? name}: ${message}` });
      }
    });
    return errors;
  }

  /** @param again what to press after checking: the button that was used. */
  function showWarnings(warnings, again) {
    for (const old of form.querySelectorAll('.field-warning')) old.remove();
    const open = warnings.filter((w) => !confirmedWarnings.has(warningKey(w)));
    const items = [];
    for (const warning of open) {
      const set = bySet.get(warning.offeringId);
      if (!set) continue;
      const place = warning.field ? placeOf(set, warning.field) : null;
      const anchor = place?.closest('[data-field-for]') ?? place ?? set.status;
      const box = warningBox(warning, (yes) => (yes ? confirmedWarnings.add(warningKey(warning)) : confirmedWarnings.delete(warningKey(warning))));
      anchor.after(box);
      items.push({ input: box.querySelector('input'), message: `${set.offering.title}: ${warningInDutch(warning)}` });
    }
    const summary = h('div', { class: 'warning-summary', tabindex: '-1', role: 'alert' },
      h('h2', {}, items.length === 1 ? 'Klopt dit cijfer?' : `Kloppen deze ${items.length} cijfers?`),
      h('p', {}, `Er is nog niets opgeslagen. Deze cijfers vallen op. Klopt het? Vink dan "Ja, dit klopt" aan. Klopt het niet? Verbeter het cijfer. ${again}`),
      h('ul', {}, items.map(({ input, message }) => h('li', {},
        h('a', { href: `#${input.id}`, onclick: (event) => { event.preventDefault(); input.focus(); } }, message)))));
    messages.replaceChildren(summary);
    summary.focus();
  }

  // Which offering each report of the last request was for: "reports[3]" of a confirmation is not the fourth fieldset.
  let lastSent = [];

  /** Sends after a dry run whose warnings are all confirmed; else asks "Klopt dit?" and sends nothing. */
  async function send(reports, { busy, onStored }) {
    lastSent = reports.map((r) => r.offeringId);
    busy.disabled = true;
    busy.setAttribute('aria-busy', 'true');
    try {
      const check = await postJson('/api/v1/provider/availability-reports?dryRun=true', { reports }, { apiKey: readKey() });
      if (check.warnings.some((w) => !confirmedWarnings.has(warningKey(w)))) {
        showWarnings(check.warnings, busy === confirmAll
          ? 'Klik daarna opnieuw op "Niets veranderd", of verstuur de verbeterde cijfers met de knop onderaan.'
          : 'Verstuur daarna opnieuw.');
        return;
      }
      idempotencyKey ??= crypto.randomUUID();
      const result = await postJson('/api/v1/provider/availability-reports', { reports },
        { apiKey: readKey(), headers: { 'Idempotency-Key': idempotencyKey } });
      dirty = false;
      await onStored(result);
    } catch (error) {
      handleError(error);
    } finally {
      busy.disabled = false;
      busy.removeAttribute('aria-busy');
    }
  }

  const stored = (words) => async (result) => {
    const week = result.reports[0] ? weekLabel(result.reports[0].week) : '';
    const done = h('div', { class: 'success', role: 'status', tabindex: '-1' },
      h('h2', {}, words.title),
      h('p', {}, words.text(parts(result.accepted), week)));
    await loadOfferings(main, ctx, { success: done });
    announce(words.title);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    messages.replaceChildren();
    const read = sets.map((set) => set.read());
    const errors = problemsBeforeSend(read);
    if (errors.length) {
      for (const old of form.querySelectorAll('.field-warning')) old.remove();
      showFieldErrors(errors);
      return;
    }
    await send(read.map((r) => r.body), {
      busy: submit,
      onStored: stored({
        title: 'Gelukt: je cijfers zijn opgeslagen',
        text: (count, week) => `De cijfers van ${count} staan erin voor ${week}. Ouders en verwijzers zien ze nu in de zoekfunctie.`,
      }),
    });
  });

  confirmAll.addEventListener('click', async () => {
    clearFieldErrors(form);
    messages.replaceChildren();
    await send(reported.map((set) => ({ offeringId: set.offering.id, unchanged: true })), {
      busy: confirmAll,
      onStored: stored({
        title: 'Gelukt: je cijfers zijn bevestigd',
        text: (count, week) => `De cijfers van ${count} gelden ook voor ${week}. Ouders zien dat ze deze week zijn bevestigd.`,
      }),
    });
  });

  function handleError(error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404) && error.fieldErrors.length) {
      const errors = new Map();
      for (const problem of error.fieldErrors) {
        const match = /^reports\[(\d+)\]\.(\w+)$/.exec(problem.field);
        const set = match ? sets.find((s) => s.offering.id === lastSent[Number(match[1])]) : null;
        const input = set ? placeOf(set, match[2]) ?? set.inputs.acceptingReferrals : null;
        if (input && !errors.has(input)) {
          const message = wordFor(WORDS[match[2]], problem);
          errors.set(input, { input, message, summary: `${set.offering.title} — ${LABELS[match[2]] ?? match[2]}: ${message}` });
        }
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

  return { isDirty: () => dirty };
}

export function mount(main, ctx) {
  ctx.setTitle('Voor aanbieders');
  let view = null;
  const guard = (event) => {
    if (!view?.isDirty()) return;
    event.preventDefault();
    event.returnValue = LEAVE_QUESTION;
  };
  window.addEventListener('beforeunload', guard);
  // The form says whether it holds unsent changes; the app asks before leaving for another page.
  loadOfferings(main, { ...ctx, onForm: (form) => { view = form; } });
  return {
    confirmLeave: () => !view?.isDirty() || window.confirm(LEAVE_QUESTION),
    unmount: () => window.removeEventListener('beforeunload', guard),
  };
}
