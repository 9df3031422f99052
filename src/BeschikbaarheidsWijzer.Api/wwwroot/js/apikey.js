// The API key step of the provider page and the management pages. The key's form is checked here; whether it works is
// for the API to say. It is kept in sessionStorage only, so it is gone when the tab closes.
import { API_KEY_FORMAT } from './api.js';
import { h } from './dom.js';
import { clearFieldErrors, field, setFieldError } from './fields.js';

/**
 * A form asking for the key. `onKey` gets a well-formed key after it is stored under `storageKey`. Put `form` in the
 * page first; then `refuse(message)` shows why the last key did not work, next to the field.
 */
export function apiKeyForm({ label, hint, storageKey, onKey }) {
  const input = h('input', { type: 'password', id: 'api-sleutel', name: 'api-sleutel', autocomplete: 'off', spellcheck: 'false', class: 'input-long' });
  const form = h('form', { class: 'key-form', novalidate: true },
    field({ label, hint, input }),
    h('button', { type: 'submit', class: 'button-primary' }, 'Verder'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const key = input.value.trim();
    if (!API_KEY_FORMAT.test(key)) {
      setFieldError(input, 'Dit is geen geldige sleutel. Een sleutel begint met bwk_ en heeft daarna 16 en 64 tekens.');
      input.focus();
      return;
    }
    sessionStorage.setItem(storageKey, key);
    onKey(key);
  });

  return {
    form,
    refuse(message) {
      setFieldError(input, message);
      input.focus();
    },
  };
}
