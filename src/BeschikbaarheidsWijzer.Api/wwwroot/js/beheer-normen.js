// Beheer, normen (/beheer/normen): the region's maximum acceptable waits per care type. What applies today (the region's
// own norm, else the Treeknorm), every version the region recorded (in force, scheduled, ended, replaced), and a form
// to record a new version from a date. Nothing is overwritten: each change is a new version.
import { h, replace } from './dom.js';
import { field } from './fields.js';
import {
  formatDate, formatDateTime, isoDate, isoWeekOfDate, normBoundsText, weekIndex, weekLabel, weeks,
} from './format.js';
import { normsTable, weeksCell } from './norms.js';
import { NOT_A_NUMBER, busy, failure, failureText, formErrors, section, success, textField, wholeNumber } from './beheer-form.js';

const STATUS_WORDS = { inForce: 'geldt nu', scheduled: 'gaat nog in', ended: 'afgelopen', replaced: 'vervangen (geldt nooit)' };

const ROLE_WORDS = { admin: 'beheerder', 'region-manager': 'contractmanager van de regio' };

/** Who recorded a version, as the audit log has it: the key's label and role ("Marieke (contractmanager van de regio)"). */
function recordedByText(version) {
  const role = ROLE_WORDS[version.recordedByRole] ?? version.recordedByRole;
  if (version.recordedBy === 'bootstrap-admin') return 'beheerder (hoofdsleutel)';
  if (!version.recordedBy) return 'onbekend';
  return version.recordedByLabel ? `${version.recordedByLabel}${role ? ` (${role})` : ''}` : `sleutel ${version.recordedBy}${role ? ` (${role})` : ''}`;
}

/** "2026-09-01" against "2026-12-03": "week 36 tot en met week 49 (14 weken)"; with the years when they differ. */
function weeksSince(validFrom, today) {
  const first = isoWeekOfDate(validFrom);
  const last = isoWeekOfDate(today);
  const count = weekIndex(last) - weekIndex(first) + 1;
  const name = (week) => (first.slice(0, 4) === last.slice(0, 4) ? weekLabel(week) : `${weekLabel(week)} van ${week.slice(0, 4)}`);
  return count === 1 ? `${name(first)} (deze week)` : `${name(first)} tot en met ${name(last)} (${weeks(count)})`;
}

function versionsTable(careTypeName, versions) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': `Versies: ${careTypeName}`, tabindex: '0' },
    h('table', { class: 'versions-table' },
      h('caption', {}, careTypeName),
      h('thead', {}, h('tr', {}, ['Geldt vanaf', 'Tot en met', 'Tot intake', 'Van intake tot start', 'In totaal', 'Status', 'Vastgelegd op', 'Vastgelegd door'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, versions.map((v) => h('tr', { class: `version-${v.status}` },
        h('th', { scope: 'row' }, formatDate(v.validFrom)),
        h('td', {}, v.validTo ? formatDate(v.validTo) : '–'),
        weeksCell(v.maxIntakeWeeks), weeksCell(v.maxTreatmentWeeks), weeksCell(v.maxTotalWeeks),
        h('td', {}, v.status === 'inForce' ? h('strong', {}, STATUS_WORDS[v.status]) : STATUS_WORDS[v.status] ?? v.status),
        h('td', {}, formatDateTime(v.recordedAt)),
        h('td', {}, recordedByText(v)))))));
}

const rangeHint = ({ min, max }) => `${min} tot en met ${max}`;

/** The norm rules the API applies (RegionalNormRules), checked here first so every error shows in one round. */
function checkNorm({ careType, values, validFrom }, limits, today) {
  const errors = [];
  if (!careType.value) errors.push({ input: careType, message: 'Kies een zorgvorm.' });
  for (const [name, { input, value }] of Object.entries(values)) {
    const { min, max } = limits[name];
    if (Number.isNaN(value)) errors.push({ input, message: NOT_A_NUMBER });
    else if (value !== null && (value < min || value > max)) errors.push({ input, message: `Vul een aantal weken in van ${min} tot en met ${max}, of laat het leeg.` });
  }
  const [intake, treatment, total] = ['maxIntakeWeeks', 'maxTreatmentWeeks', 'maxTotalWeeks'].map((name) => values[name].value);
  if (intake === null && treatment === null && total === null) {
    errors.push({ input: values.maxTotalWeeks.input, message: 'Vul minstens één maximale wachttijd in.' });
  } else if (Number.isInteger(total) && [intake, treatment].some((phase) => Number.isInteger(phase) && phase > total)) {
    errors.push({ input: values.maxTotalWeeks.input, message: `In totaal kan niet korter zijn dan een van de stappen (${weeks(Math.max(intake ?? 0, treatment ?? 0))}).` });
  }
  const latest = `${Number(today.slice(0, 4)) + limits.maxYearsAhead}${today.slice(4)}`;
  if (!validFrom.value) errors.push({ input: validFrom, message: 'Kies de datum waarop de norm ingaat.' });
  else if (validFrom.value < limits.earliestValidFrom || validFrom.value > latest) {
    errors.push({ input: validFrom, message: `Kies een datum van ${formatDate(limits.earliestValidFrom)} tot en met ${formatDate(latest)}.` });
  }
  return errors;
}

function normForm(session, { onSaved }) {
  const limits = session.reference.limits.norm;
  // The app's date, not the browser's: what "today" and "in the past" mean to the API that judges.
  const today = session.me.today ?? isoDate(new Date());
  const careType = h('select', { name: 'zorgvorm' }, h('option', { value: '' }, 'Kies een zorgvorm'),
    session.reference.careTypes.map((c) => h('option', { value: c.code }, c.name)));
  const fields = {
    maxIntakeWeeks: textField('Tot intake (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxIntakeWeeks) }),
    maxTreatmentWeeks: textField('Van intake tot start (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxTreatmentWeeks) }),
    maxTotalWeeks: textField('In totaal (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxTotalWeeks) }),
    validFrom: textField('Geldt vanaf', {
      type: 'date', className: 'input-date', value: today,
      hint: 'Vandaag staat al ingevuld. Een datum in het verleden beoordeelt de meldingen sinds die dag opnieuw; je ziet eerst welke weken.',
    }),
  };
  const messages = h('div', { class: 'form-messages' });
  const confirmHost = h('div', { class: 'confirm-host' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Norm vastleggen');
  const form = h('form', { class: 'beheer-form', novalidate: true, 'aria-label': 'Nieuwe norm' },
    messages,
    field({ label: 'Zorgvorm', input: careType }),
    h('fieldset', { class: 'period' }, h('legend', {}, 'Maximale wachttijd'),
      h('p', { class: 'hint' }, 'Vul in wat de regio afspreekt. Een stap die je leeg laat heeft geen maximum. 0 betekent: de hulp begint direct.'),
      h('div', { class: 'form-row' }, fields.maxIntakeWeeks.element, fields.maxTreatmentWeeks.element, fields.maxTotalWeeks.element)),
    fields.validFrom.element,
    confirmHost,
    h('div', { class: 'form-actions' }, submit));

  const phaseWords = { range: ({ min, max }) => `Vul een aantal weken in van ${min} tot en met ${max}, of laat het leeg.` };
  const errors = formErrors(form, messages, {
    fields: { careType, ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input])) },
    words: {
      careType: 'Kies een zorgvorm.',
      maxIntakeWeeks: phaseWords,
      maxTreatmentWeeks: phaseWords,
      maxTotalWeeks: {
        ...phaseWords,
        'at-least-one': 'Vul minstens één maximale wachttijd in.',
        'less-than': ({ min }) => `In totaal kan niet korter zijn dan een van de stappen (${weeks(min)}).`,
      },
      validFrom: {
        required: 'Kies de datum waarop de norm ingaat.',
        date: 'Kies de datum waarop de norm ingaat.',
        'date-range': ({ min, max }) => `Kies een datum van ${formatDate(min)} tot en met ${formatDate(max)}.`,
      },
    },
  });

  // A back-dated norm changes verdicts already shown: said first, with the weeks, and only sent when confirmed.
  let confirmedFor = null;
  const pending = () => JSON.stringify([careType.value, ...Object.values(fields).map((f) => f.input.value)]);
  form.addEventListener('input', () => {
    confirmedFor = null;
    confirmHost.replaceChildren();
  });

  function askToConfirm(name, validFrom) {
    const yes = h('button', { type: 'button', class: 'button-primary' }, 'Ja, leg de norm vast');
    const no = h('button', { type: 'button', class: 'button-secondary' }, 'Nee, ik pas de datum aan');
    const box = h('div', { class: 'notice confirm', role: 'alert', tabindex: '-1' },
      h('p', {}, h('strong', {}, `Deze norm voor ${name} gaat in op ${formatDate(validFrom)}, in het verleden. `),
        `Alle meldingen sinds die dag, ${weeksSince(validFrom, today)}, worden dan met deze norm beoordeeld: in de zoekfunctie, de geschiedenis van elk aanbod en de rapporten.`),
      h('div', { class: 'form-actions' }, yes, no));
    yes.addEventListener('click', () => {
      confirmedFor = pending();
      form.requestSubmit();
    });
    no.addEventListener('click', () => {
      confirmHost.replaceChildren();
      fields.validFrom.input.focus();
    });
    replace(confirmHost, box);
    box.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const values = Object.fromEntries(['maxIntakeWeeks', 'maxTreatmentWeeks', 'maxTotalWeeks']
      .map((name) => [name, { input: fields[name].input, value: wholeNumber(fields[name].input) }]));
    const local = checkNorm({ careType, values, validFrom: fields.validFrom.input }, limits, today);
    if (local.length) {
      confirmHost.replaceChildren();
      errors.show(local);
      return;
    }
    const name = careType.selectedOptions[0].textContent;
    const validFrom = fields.validFrom.input.value;
    if (validFrom < today && confirmedFor !== pending()) {
      askToConfirm(name, validFrom);
      return;
    }
    confirmHost.replaceChildren();
    const body = { ...Object.fromEntries(Object.entries(values).map(([key, v]) => [key, v.value])), validFrom };
    try {
      const result = await busy(submit, () => session.api.put(
        `/api/v1/admin/regions/${encodeURIComponent(session.region.code)}/norms/${encodeURIComponent(careType.value)}`, body));
      await onSaved(result, name, today);
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
}

/** One sentence for what was recorded: from a future date, or from today or earlier (then it applies now). */
function savedText(result, name, today) {
  const bounds = normBoundsText(result);
  if (result.validFrom > today) {
    return `Vanaf ${formatDate(result.validFrom)} geldt voor ${name}: ${bounds}. Tot die dag blijft de norm gelden die nu geldt.`;
  }
  const since = result.validFrom < today ? ` Meldingen sinds ${formatDate(result.validFrom)} zijn met deze norm beoordeeld.` : '';
  return `Voor ${name} geldt nu: ${bounds}. De zoekfunctie gebruikt deze norm meteen.${since}`;
}

export async function show(page, session, { setTitle }) {
  const region = session.region;
  setTitle(`Normen — ${region.name}`);
  const heading = h('h1', { tabindex: '-1' }, `Normen van regio ${region.name}`);
  const today = h('div', {});
  const history = h('div', {});
  let known = new Set();
  replace(page, heading, h('p', { class: 'loading', role: 'status' }, 'De normen worden geladen…'));

  async function load() {
    const code = encodeURIComponent(region.code);
    const [norms, versions] = await Promise.all([
      session.api.get(`/api/v1/norms?region=${code}`),
      session.api.get(`/api/v1/admin/regions/${code}/norms`),
    ]);
    known = new Set(versions.map((v) => v.id));
    replace(today, normsTable(norms));
    const byCareType = new Map();
    for (const version of versions) {
      if (!byCareType.has(version.careType)) byCareType.set(version.careType, []);
      byCareType.get(version.careType).push(version);
    }
    replace(history, byCareType.size === 0
      ? h('p', {}, 'De regio heeft nog geen eigen normen. Overal gelden de Treeknormen.')
      : [...byCareType].map(([careType, list]) => versionsTable(session.reference.careTypeByCode.get(careType)?.name ?? careType, list)));
  }

  try {
    await load();
  } catch (error) {
    replace(page, heading, failure(failureText(error, { saving: false })));
    return;
  }

  const formHost = h('div', {});
  const newForm = () => normForm(session, {
    onSaved: async (result, name, savedOn) => {
      // Sending the version that already applies from that date stores nothing: the API answers with that version.
      const unchanged = known.has(result.id);
      await load();
      replace(formHost, newForm());
      const message = unchanged
        ? success('Er is niets veranderd', `Deze norm voor ${name} gold al vanaf ${formatDate(result.validFrom)}.`)
        : success(`De norm voor ${name} is vastgelegd`, savedText(result, name, savedOn));
      formHost.prepend(message);
      message.focus();
    },
  });
  replace(formHost, newForm());
  replace(page,
    heading,
    h('p', { class: 'lead' }, 'Een regio mag zelf afspreken hoe lang wachten hoogstens mag duren. Die norm gaat voor de landelijke Treeknorm, in de zoekfunctie en in de rapporten.'),
    section('Wat vandaag geldt', today),
    section('Nieuwe norm vastleggen',
      h('p', {}, 'Een nieuwe norm vervangt niets: de oude blijft bewaard, en elke melding wordt beoordeeld met de norm die gold op de dag van de melding. Een norm met dezelfde ingangsdatum als een eerdere vervangt die.'),
      formHost),
    section('Alle versies', history));
}
