// Form fields with a label, an optional hint and an error shown right next to the field (and linked to it, so a
// screen reader reads the error with the field). Used by the search form and the provider form.
import { h, replace, uid } from './dom.js';
import { counted } from './format.js';

/** A labelled field around an input, select or textarea. */
export function field({ label, hint, input, className = '' }) {
  input.id ||= uid('veld');
  const hintId = hint ? `${input.id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: `field ${className}`.trim(), 'data-field-for': input.id },
    h('label', { for: input.id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true }),
    input);
}

/** A checkbox with its label after it. */
export function checkbox({ label, name, checked = false, hint }) {
  const input = h('input', { type: 'checkbox', name, id: uid('vink') });
  input.checked = checked;
  const hintId = hint ? `${input.id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'check', 'data-field-for': input.id },
    input, h('label', { for: input.id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true }));
}

function describedBy(input) {
  return (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
}

/** Shows an error next to a field (an input, or a fieldset for a group). */
export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  if (!error) return;
  replace(error, h('span', { class: 'visually-hidden' }, 'Fout: '), message);
  error.hidden = false;
  // aria-invalid belongs on form controls (and a radio group), not on a plain group.
  if (input.matches('input, select, textarea, [role="radiogroup"]')) input.setAttribute('aria-invalid', 'true');
  const ids = describedBy(input);
  if (!ids.includes(error.id)) input.setAttribute('aria-describedby', [...ids, error.id].join(' '));
  input.closest('[data-field-for]')?.classList.add('has-error');
}

export function clearFieldErrors(container) {
  for (const error of container.querySelectorAll('.field-error')) {
    error.hidden = true;
    error.replaceChildren();
  }
  // Also fieldsets, which point at their error without being marked invalid themselves.
  for (const input of container.querySelectorAll('[aria-invalid], [aria-describedby]')) {
    input.removeAttribute('aria-invalid');
    const ids = describedBy(input).filter((id) => !id.endsWith('-error'));
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }
  for (const wrapper of container.querySelectorAll('.has-error')) wrapper.classList.remove('has-error');
}

/** The field itself, or for a group its first control. */
export function focusable(element) {
  return element.matches('input, select, textarea, button') ? element : element.querySelector('input, select, textarea, button');
}

/**
 * A list of all errors at the top of a form, each a link to its field (its `summary` when the field's own `message`
 * needs more words to be understood at the top, such as which offering it belongs to). It takes the focus, so keyboard and screen
 * reader users hear what went wrong first.
 */
export function errorSummary(title, errors, intro) {
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert' },
    h('h2', {}, title),
    intro ? h('p', {}, intro) : null,
    h('ul', {}, errors.map(({ input, message, summary: line }) => h('li', {},
      h('a', {
        href: `#${input.id}`,
        onclick: (event) => {
          event.preventDefault();
          focusable(input)?.focus();
        },
      }, line ?? message)))));
  return summary;
}

/** Shows each error next to its field and a summary of them all in `host`; the summary takes the focus. */
export function showErrors(host, errors, intro) {
  for (const { input, message } of errors) setFieldError(input, message);
  const summary = errorSummary(`Er ${errors.length === 1 ? 'is' : 'zijn'} ${counted(errors.length, 'fout', 'fouten')}`, errors, intro);
  host.replaceChildren(summary);
  summary.focus();
}
