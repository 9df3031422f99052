// What the parts of /beheer share: fields, the API's refusals shown next to their fields in Dutch, success and error
// messages, a confirmation step before deleting, and downloads of the reports (fetched with the key, saved from a Blob).
import { ApiError } from './api.js';
import { download } from './csv.js';
import { h, replace } from './dom.js';
import { clearFieldErrors, field, showErrors } from './fields.js';
import { wordFor } from './problems.js';

/** A labelled text field; `value` fills it. */
export function textField(label, { hint, value, type = 'text', className = 'input-medium', multiline = false, ...attrs } = {}) {
  const input = multiline
    ? h('textarea', { rows: '4', ...attrs })
    : h('input', { type, class: className, autocomplete: 'off', ...attrs });
  input.value = value ?? '';
  return { element: field({ label, hint, input }), input };
}

/** A whole number from a field: null when empty, NaN when it is not a whole number. */
export function wholeNumber(input) {
  const text = input.value.trim();
  if (text === '') return null;
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

export const NOT_A_NUMBER = 'Vul een heel getal in, zonder punten of letters.';

/** The text of an optional field: null when left empty. */
export const optional = (input) => input.value.trim() || null;

export function section(title, ...content) {
  return h('section', { class: 'beheer-section' }, h('h2', {}, title), content);
}

/** A message that something worked; it takes the focus where it is put. */
export function success(title, text) {
  return h('div', { class: 'success', role: 'status', tabindex: '-1' }, h('h2', {}, title), text ? h('p', {}, text) : null);
}

/** Plain words for a failure the fields do not explain; `saving` says that nothing was stored. */
export function failureText(error, { saving = true } = {}) {
  const nothing = saving ? ' Er is niets opgeslagen.' : '';
  if (!(error instanceof ApiError)) return `Er ging iets mis.${nothing} Probeer het opnieuw.`;
  if (error.status === 403 && error.problem?.code === 'other-region') {
    const regions = (error.problem.regions ?? []).map((r) => r.charAt(0).toUpperCase() + r.slice(1).replaceAll('-', ' ')).join(' en ');
    return `Dit is ook gecontracteerd in regio ${regions}. Alleen de contractmanager van die regio (of een beheerder) kan dit veranderen.${nothing} Jij mag wel de contracten van je eigen gemeenten veranderen.`;
  }
  switch (error.status) {
    case 0: return `Er is geen verbinding.${nothing} Probeer het opnieuw als je weer internet hebt.`;
    case 403: return `Je sleutel geeft hier geen toegang toe.${nothing}`;
    case 404: return 'Dit bestaat niet (meer), of het hoort niet bij jouw regio. Laad de pagina opnieuw.';
    case 412: return `Iemand anders heeft dit veranderd nadat jij het opende.${nothing} Laad de pagina opnieuw, kijk wat er nu staat en doe je wijziging nog een keer.`;
    case 409: return `Dit kan nu niet: iemand anders heeft het net veranderd, of iets anders hangt ervan af.${nothing} Laad de pagina opnieuw.`;
    case 429: return `Je hebt te veel verzoeken gedaan.${nothing} Probeer het over ${error.retryAfterSeconds ?? 60} seconden opnieuw.`;
    default: return `Er ging iets mis.${nothing} Probeer het over een paar minuten opnieuw.`;
  }
}

export function failure(text) {
  return h('div', { class: 'error', role: 'alert', tabindex: '-1' }, h('p', {}, text));
}

/**
 * A form's messages and field errors. `fields` maps the API's field names to their inputs (or a fieldset for a list:
 * "municipalities[3]" is shown at "municipalities"); `words` may give a field its own Dutch words (see wordFor in
 * problems.js), else the error code's words are used.
 */
export function formErrors(form, messages, { fields, words = {} }) {
  const show = (errors, intro) => showErrors(messages, errors, intro ?? 'Er is nog niets opgeslagen. Verbeter de velden hieronder en probeer het opnieuw.');

  return {
    clear() {
      clearFieldErrors(form);
      messages.replaceChildren();
    },
    /** Errors found before asking the API: [{ input, message }]. */
    show,
    /** The API's refusal: next to the fields it names, else as one message. */
    refuse(error, override) {
      if (error instanceof ApiError && error.status === 400) {
        const found = new Map();
        for (const problem of error.fieldErrors) {
          const name = problem.field.replace(/\[\d+\].*$/, '');
          const input = fields[name];
          if (input && !found.has(input)) found.set(input, { input, message: wordFor(words[name], problem) });
        }
        if (found.size) {
          show([...found.values()]);
          return;
        }
      }
      const box = failure(override ?? failureText(error));
      messages.replaceChildren(box);
      box.focus();
    },
  };
}

/** Marks a button busy while `work` runs, so a second click does not send twice. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * Asks before deleting: a question with "yes" and "no" right where the delete button was. It takes the focus; "no"
 * gives it back to the button. `refusal(error)` may explain a refusal in the words of the case.
 */
export function confirmDelete(button, { question, detail, yes, onYes, refusal = () => null }) {
  const host = h('div', { class: 'confirm', role: 'group', 'aria-label': question, tabindex: '-1' });
  const no = h('button', { type: 'button', class: 'button-secondary' }, 'Nee, niet verwijderen');
  const sure = h('button', { type: 'button', class: 'button-danger' }, yes);
  const messages = h('div', {});
  replace(host, h('p', {}, h('strong', {}, question)), detail ? h('p', {}, detail) : null, messages, h('div', { class: 'form-actions' }, sure, no));
  button.hidden = true;
  button.after(host);
  host.focus();
  no.addEventListener('click', () => {
    host.remove();
    button.hidden = false;
    button.focus();
  });
  sure.addEventListener('click', async () => {
    try {
      await busy(sure, onYes);
    } catch (error) {
      const box = failure(refusal(error) ?? failureText(error));
      messages.replaceChildren(box);
      box.focus();
    }
  });
}

/**
 * A button that downloads a report: fetched with the key (a plain link cannot send it) and saved from a Blob, under
 * the name the API gives it. `path()` returns the address, or null when the form around it is not right; `refused`
 * may show a refusal next to its fields (else the status line says what went wrong).
 */
export function downloadButton(label, api, path, status, refused = null) {
  const button = h('button', { type: 'button', class: 'button-secondary' }, label);
  button.addEventListener('click', async () => {
    const address = path();
    if (!address) return;
    status.textContent = 'Het bestand wordt gemaakt…';
    try {
      const file = await busy(button, () => api.file(address));
      download(file.blob, file.fileName ?? 'rapport.csv');
      status.textContent = `Het bestand ${file.fileName ?? ''} staat in je downloads.`;
    } catch (error) {
      if (refused && error instanceof ApiError && error.status === 400) {
        status.textContent = '';
        refused(error);
      } else {
        status.textContent = failureText(error, { saving: false });
      }
    }
  });
  return button;
}
