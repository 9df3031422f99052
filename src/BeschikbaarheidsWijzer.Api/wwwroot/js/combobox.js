// Type-ahead over the municipalities: the ARIA 1.2 combobox pattern (an input with a listbox popup). Arrow keys move
// through the suggestions, Enter or Tab picks one, Escape closes the list; typing a full name works without the list.
import { h, uid } from './dom.js';
import { field } from './fields.js';

const fold = (text) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/**
 * @param municipalities the list to suggest from; may come later (setMunicipalities), so the field can be on the page
 * before the list has loaded. A code set before then is shown once the list is there.
 */
export function municipalityCombobox({ municipalities = [], label, hint }) {
  const listId = uid('gemeenten');
  const input = h('input', {
    type: 'text', name: 'gemeente-naam', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, autocomplete: 'off', spellcheck: 'false', class: 'input-medium',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'listbox', 'aria-label': 'Gemeenten', hidden: true });
  const wrapper = field({ label, hint, input, className: 'combobox' });
  wrapper.append(list);

  let code = '';
  let pendingCode = '';
  let shown = [];
  let active = -1;
  let byCode = new Map();
  const exact = (text) => municipalities.find((m) => fold(m.name) === fold(text));

  function setMunicipalities(loaded) {
    municipalities = loaded;
    byCode = new Map(loaded.map((m) => [m.code, m]));
    if (pendingCode) setCode(pendingCode);
    // Someone who began typing before the list arrived gets the suggestions for what they typed.
    else if (document.activeElement === input && input.value.trim()) {
      code = exact(input.value)?.code ?? '';
      open(matching(input.value));
    }
  }

  function setCode(value) {
    const municipality = byCode.get(value);
    // Before the list has loaded, keep the code and show it until its name is known.
    pendingCode = municipality || municipalities.length ? '' : value;
    code = municipality?.code ?? '';
    input.value = municipality?.name ?? value ?? '';
    close();
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function render() {
    list.replaceChildren(...shown.map((m, i) => h('li', {
      role: 'option', id: `${listId}-${m.code}`, 'aria-selected': String(i === active), class: i === active ? 'active' : null,
      onmousedown: (event) => {
        // Keep the focus in the input; pick on mouse down, before the input's blur closes the list.
        event.preventDefault();
        pick(m);
      },
    }, m.name, h('span', { class: 'option-region' }, ` (${m.regionName})`))));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${shown[active].code}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function open(matches) {
    shown = matches;
    active = -1;
    if (shown.length === 0) {
      close();
      return;
    }
    render();
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function matching(text) {
    const wanted = fold(text);
    if (!wanted) return municipalities;
    const starts = municipalities.filter((m) => fold(m.name).startsWith(wanted));
    const contains = municipalities.filter((m) => !starts.includes(m) && fold(m.name).includes(wanted));
    return [...starts, ...contains];
  }

  function pick(municipality) {
    code = municipality.code;
    input.value = municipality.name;
    close();
    input.dispatchEvent(new CustomEvent('bw:picked', { bubbles: true }));
  }

  function move(step) {
    if (list.hidden) open(matching(input.value));
    if (shown.length === 0) return;
    active = (active + step + shown.length) % shown.length;
    render();
    document.getElementById(`${listId}-${shown[active].code}`)?.scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('input', () => {
    pendingCode = '';
    code = exact(input.value)?.code ?? '';
    if (input.value.trim()) open(matching(input.value));
    else close();
  });

  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Enter':
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          pick(shown[active]);
        } else {
          close();
        }
        break;
      case 'Tab':
        if (!list.hidden && active >= 0) pick(shown[active]);
        else close();
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });

  input.addEventListener('blur', close);

  setMunicipalities(municipalities);
  return {
    element: wrapper,
    input,
    setMunicipalities,
    /** The chosen municipality's code; '' when none; null when the text names no municipality. */
    get code() {
      if (code) return code;
      if (pendingCode) return pendingCode;
      if (!input.value.trim()) return '';
      return exact(input.value)?.code ?? null;
    },
    set code(value) {
      setCode(value);
    },
  };
}
