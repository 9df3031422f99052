// Beheer, normen (/beheer/normen): the region's maximum acceptable waits per care type. What applies today (the region's
// own norm, else the Treeknorm), every version the region recorded (in force, scheduled, ended, replaced), and a form
// to record a new version from a date. Nothing is overwritten: each change is a new version.
import { h, replace } from './dom.js';
import { field } from './fields.js';
import { formatDate, formatDateTime, normBoundsText, weeks } from './format.js';
import { normsTable, weeksCell } from './norms.js';
import { NOT_A_NUMBER, busy, failure, failureText, formErrors, section, success, textField, wholeNumber } from './beheer-form.js';

const STATUS_WORDS = { inForce: 'geldt nu', scheduled: 'gaat nog in', ended: 'afgelopen', replaced: 'vervangen (geldt nooit)' };

function versionsTable(careTypeName, versions) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': `Versies: ${careTypeName}`, tabindex: '0' },
    h('table', { class: 'versions-table' },
      h('caption', {}, careTypeName),
      h('thead', {}, h('tr', {}, ['Geldt vanaf', 'Tot en met', 'Tot intake', 'Van intake tot start', 'In totaal', 'Status', 'Vastgelegd op'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, versions.map((v) => h('tr', { class: `version-${v.status}` },
        h('th', { scope: 'row' }, formatDate(v.validFrom)),
        h('td', {}, v.validTo ? formatDate(v.validTo) : '–'),
        weeksCell(v.maxIntakeWeeks), weeksCell(v.maxTreatmentWeeks), weeksCell(v.maxTotalWeeks),
        h('td', {}, v.status === 'inForce' ? h('strong', {}, STATUS_WORDS[v.status]) : STATUS_WORDS[v.status] ?? v.status),
        h('td', {}, formatDateTime(v.recordedAt)))))));
}

const rangeHint = ({ min, max }) => `${min} tot en met ${max}`;

function normForm(session, { onSaved }) {
  const limits = session.reference.limits.norm;
  const careType = h('select', { name: 'zorgvorm' }, h('option', { value: '' }, 'Kies een zorgvorm'),
    session.reference.careTypes.map((c) => h('option', { value: c.code }, c.name)));
  const fields = {
    maxIntakeWeeks: textField('Tot intake (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxIntakeWeeks) }),
    maxTreatmentWeeks: textField('Van intake tot start (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxTreatmentWeeks) }),
    maxTotalWeeks: textField('In totaal (weken)', { className: 'input-short', inputmode: 'numeric', hint: rangeHint(limits.maxTotalWeeks) }),
    validFrom: textField('Geldt vanaf', { type: 'date', className: 'input-date', hint: 'Een datum in het verleden beoordeelt de meldingen sinds die dag opnieuw.' }),
  };
  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Norm vastleggen');
  const form = h('form', { class: 'beheer-form', novalidate: true, 'aria-label': 'Nieuwe norm' },
    messages,
    field({ label: 'Zorgvorm', input: careType }),
    h('fieldset', { class: 'period' }, h('legend', {}, 'Maximale wachttijd'),
      h('p', { class: 'hint' }, 'Vul in wat de regio afspreekt. Een stap die je leeg laat heeft geen maximum. 0 betekent: de hulp begint direct.'),
      h('div', { class: 'form-row' }, fields.maxIntakeWeeks.element, fields.maxTreatmentWeeks.element, fields.maxTotalWeeks.element)),
    fields.validFrom.element,
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
      validFrom: { required: 'Kies de datum waarop de norm ingaat.', date: 'Kies de datum waarop de norm ingaat.' },
    },
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const values = Object.fromEntries(['maxIntakeWeeks', 'maxTreatmentWeeks', 'maxTotalWeeks'].map((name) => [name, wholeNumber(fields[name].input)]));
    const local = Object.entries(values).filter(([, value]) => Number.isNaN(value)).map(([name]) => ({ input: fields[name].input, message: NOT_A_NUMBER }));
    if (!careType.value) local.unshift({ input: careType, message: 'Kies een zorgvorm.' });
    if (local.length) {
      errors.show(local);
      return;
    }
    const body = { ...values, validFrom: fields.validFrom.input.value || null };
    const name = careType.selectedOptions[0].textContent;
    try {
      const result = await busy(submit, () => session.api.put(
        `/api/v1/admin/regions/${encodeURIComponent(session.region.code)}/norms/${encodeURIComponent(careType.value)}`, body));
      await onSaved(result, name);
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
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
    onSaved: async (result, name) => {
      // Sending the version that already applies from that date stores nothing: the API answers with that version.
      const unchanged = known.has(result.id);
      await load();
      replace(formHost, newForm());
      const message = unchanged
        ? success('Er is niets veranderd', `Deze norm voor ${name} gold al vanaf ${formatDate(result.validFrom)}.`)
        : success(`De norm voor ${name} is vastgelegd`,
          `Vanaf ${formatDate(result.validFrom)} ${result.status === 'inForce' ? 'geldt' : 'geldt straks'}: ${normBoundsText(result)}. `
          + 'De zoekfunctie gebruikt de nieuwe norm meteen.');
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
