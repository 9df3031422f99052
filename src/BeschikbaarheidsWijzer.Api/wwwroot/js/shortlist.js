// The keuzelijst a referrer puts together while comparing: offering ids only, kept in this tab (sessionStorage), never a
// name or anything about the child. The link to the printable page holds the ids and the municipality, nothing else.
import { h } from './dom.js';

const KEY = 'bw-keuzelijst';
const CHANGED = 'bw:keuzelijst';

/** More than this is no longer a short list to talk over; the page refuses longer links too. */
export const MAX_CHOSEN = 10;

export const SHORTLIST_PATH = '/keuzelijst';

export function chosenIds() {
  try {
    const ids = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').slice(0, MAX_CHOSEN) : [];
  } catch {
    return [];
  }
}

function save(ids) {
  sessionStorage.setItem(KEY, JSON.stringify(ids));
  document.dispatchEvent(new CustomEvent(CHANGED));
}

export function clearChosen() {
  save([]);
}

/** The printable page for these offerings, judged and with the toegang of `municipality` (a CBS code, or none). */
export function shortlistHref(ids, municipality) {
  // Ids are uuids: the commas stay readable in the link.
  const gemeente = municipality ? `&gemeente=${encodeURIComponent(municipality)}` : '';
  return `${SHORTLIST_PATH}?aanbod=${ids.map(encodeURIComponent).join(',')}${gemeente}`;
}

/**
 * A tick box to put one offering on the keuzelijst; a full list says so instead of growing.
 * @param words the visible label: short in a table column that says what it is for.
 */
export function pickBox(item, words = 'Zet op de keuzelijst') {
  const input = h('input', { type: 'checkbox', class: 'pick-input', id: `kies-${item.id}` });
  input.checked = chosenIds().includes(item.id);
  const label = h('label', { for: input.id, class: 'pick-label' }, words, h('span', { class: 'visually-hidden' }, `: ${item.title}, ${item.provider.name}`));
  input.addEventListener('change', () => {
    const ids = chosenIds().filter((id) => id !== item.id);
    if (input.checked) {
      if (ids.length >= MAX_CHOSEN) {
        input.checked = false;
        document.dispatchEvent(new CustomEvent(CHANGED, { detail: { full: true } }));
        return;
      }
      ids.push(item.id);
    }
    save(ids);
  });
  // Another box for the same offering (or "Leeg maken") changed the list: follow it.
  const follow = () => {
    if (!input.isConnected) document.removeEventListener(CHANGED, follow);
    else input.checked = chosenIds().includes(item.id);
  };
  document.addEventListener(CHANGED, follow);
  return h('span', { class: 'pick' }, input, label);
}

/**
 * "Keuzelijst: 3 gekozen · Bekijk de keuzelijst · Leeg maken": in step with every tick box on the page.
 * @param municipality a function giving the municipality code the list is for (the search's, as it is at the click).
 */
export function shortlistBar(municipality) {
  const text = h('span', { class: 'shortlist-count' });
  const open = h('a', { class: 'button-secondary' }, 'Bekijk de keuzelijst');
  const clear = h('button', { type: 'button', class: 'button-link' }, 'Leeg maken');
  const status = h('p', { class: 'shortlist-status', role: 'status' });
  const bar = h('div', { class: 'shortlist-bar' }, text, open, clear, status);
  function update(event) {
    if (event && !bar.isConnected) {
      document.removeEventListener(CHANGED, update);
      return;
    }
    const ids = chosenIds();
    bar.hidden = ids.length === 0 && !event?.detail?.full;
    text.textContent = `Keuzelijst: ${ids.length} gekozen`;
    open.setAttribute('href', shortlistHref(ids, municipality()));
    open.hidden = ids.length === 0;
    clear.hidden = ids.length === 0;
    status.textContent = event?.detail?.full ? `Er kunnen hoogstens ${MAX_CHOSEN} op de keuzelijst. Haal er eerst een af.` : '';
  }
  clear.addEventListener('click', () => clearChosen());
  open.addEventListener('click', () => open.setAttribute('href', shortlistHref(chosenIds(), municipality())));
  document.addEventListener(CHANGED, update);
  update();
  return bar;
}
