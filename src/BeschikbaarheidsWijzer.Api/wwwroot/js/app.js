// The app shell: a small router over the History API, the offline notice and the service worker.
// Each page is its own module, loaded when it is first shown, so the first visit loads only what the search needs.
import { announce, h, replace } from './dom.js';
import { formatDateTime } from './format.js';

const SITE = 'BeschikbaarheidsWijzer';

/** Keep in step with WebApp.Pages on the server, which serves this shell for these paths. */
const ROUTES = [
  { key: 'zoeken', pattern: /^\/$/, load: () => import('./search.js'), mode: 'list' },
  { key: 'verwijzers', pattern: /^\/verwijzers\/?$/, load: () => import('./search.js'), mode: 'table' },
  { key: 'aanbod', pattern: /^\/aanbod\/([0-9a-f-]{36})\/?$/i, load: () => import('./detail.js') },
  { key: 'aanbieders', pattern: /^\/aanbieders\/?$/, load: () => import('./provider.js') },
  { key: 'uitleg', pattern: /^\/uitleg\/?$/, load: () => import('./uitleg.js') },
  { key: 'keuzelijst', pattern: /^\/keuzelijst\/?$/, load: () => import('./keuzelijst.js') },
  { key: 'meldingen', pattern: /^\/meldingen\/?$/, load: () => import('./meldingen.js') },
  { key: 'beheer', pattern: /^\/beheer(?:\/(?:verouderd|opvallend|normen|toegang|aanbieders(?:\/(?:nieuw|[0-9a-f-]{36}))?))?\/?$/i, load: () => import('./beheer.js') },
];

const main = document.getElementById('main');
let current = null;

function match(pathname) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(pathname);
    if (found) return { ...route, params: found.slice(1), instance: route.key === 'aanbod' ? `${route.key}:${found[1]}` : route.key };
  }
  return null;
}

function setTitle(text) {
  document.title = text ? `${text} — ${SITE}` : SITE;
}

function markCurrentNav(pathname) {
  for (const link of document.querySelectorAll('.nav a')) {
    const here = link.getAttribute('href') === pathname || (link.getAttribute('href') !== '/' && pathname.startsWith(link.getAttribute('href')));
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function notFound() {
  setTitle('Pagina niet gevonden');
  replace(main,
    h('h1', { tabindex: '-1' }, 'Pagina niet gevonden'),
    h('p', {}, 'Deze pagina bestaat niet (meer). Misschien is de link oud of zit er een typefout in.'),
    h('p', {}, h('a', { href: '/' }, 'Ga naar zoeken')));
}

/** Where the page was (scroll position, the link that was followed), kept in its history entry for when the user comes back. */
function keepPlace(followed) {
  const link = followed ?? document.activeElement?.closest?.('a[href]');
  window.history.replaceState({ ...window.history.state, scrollY: window.scrollY, focusHref: link?.getAttribute('href') ?? null }, '');
}

/** Puts the page back where it was when it was left: a view calls this once its content is there. */
function restorer(state) {
  if (state?.scrollY == null) return null;
  return () => {
    window.scrollTo(0, state.scrollY);
    const link = state.focusHref ? [...main.querySelectorAll('a[href]')].find((a) => a.getAttribute('href') === state.focusHref) : null;
    link?.focus({ preventScroll: true });
  };
}

/** A "back" link that leads where this page was opened from goes back in history, so that page keeps its place. */
function back(event) {
  const link = event.currentTarget;
  if (window.history.state?.from && link.getAttribute('href') === window.history.state.from) {
    event.preventDefault();
    window.history.back();
  }
}

/** Whether the page on screen lets the user go (a form with unsent changes asks first). */
function mayLeave() {
  return current?.view.confirmLeave?.() ?? true;
}

let shownPath = null;
let shownHref = null;

async function show(url, { initial = false, focus = true, state = null } = {}) {
  shownPath = url.pathname;
  shownHref = url.href;
  markCurrentNav(url.pathname);
  const restore = restorer(state);
  const route = match(url.pathname);
  if (current && route && current.instance === route.instance && current.view.update) {
    current.view.update(url, { focus: focus && !initial });
    return;
  }

  current?.view.unmount?.();
  current = null;
  if (!route) {
    notFound();
  } else {
    let module;
    try {
      module = await route.load();
    } catch {
      replace(main, h('h1', { tabindex: '-1' }, 'Deze pagina kon niet laden'),
        h('p', {}, 'Controleer je internetverbinding en laad de pagina opnieuw.'));
      return;
    }
    main.replaceChildren();
    const view = module.mount(main, { url, params: route.params, mode: route.mode, navigate, setTitle, back, restore });
    current = { instance: route.instance, view };
  }

  // A link to a part of a page (/uitleg#toegankelijkheid) goes to that part's heading.
  const part = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  const partHeading = part?.matches('h1, h2, h3') ? part : part?.querySelector('h2, h3');
  if (partHeading) {
    partHeading.setAttribute('tabindex', '-1');
    partHeading.focus();
  } else if (!initial && !restore) {
    window.scrollTo(0, 0);
    if (focus) {
      // After a page change, start reading at the new page's heading, as after a full page load.
      (main.querySelector('h1') ?? main).focus();
      announce(document.title);
    }
  }
}

/**
 * Goes to another address of this app without loading the page again.
 * @param followed the link that was clicked, to put the focus back on when the user returns.
 */
export function navigate(href, { replace: replaceEntry = false, focus = true, followed = null } = {}) {
  const url = new URL(href, window.location.href);
  if (url.pathname !== window.location.pathname && !mayLeave()) return Promise.resolve();
  // The same address again (search once more) replaces the history entry instead of adding a duplicate.
  if (replaceEntry || url.href === window.location.href) {
    window.history.replaceState(window.history.state, '', url);
  } else {
    keepPlace(followed);
    window.history.pushState({ from: `${window.location.pathname}${window.location.search}` }, '', url);
  }
  return show(url, { focus });
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.target || link.hasAttribute('download') || link.getAttribute('href').startsWith('#')) return;
  const url = new URL(link.href);
  if (url.origin !== window.location.origin || !match(url.pathname)) return;
  event.preventDefault();
  navigate(url.href, { followed: link });
});

// The app puts the page back where it was itself (after its content has loaded), not the browser.
window.history.scrollRestoration = 'manual';
window.addEventListener('popstate', (event) => {
  const url = new URL(window.location.href);
  if (url.pathname !== shownPath && !mayLeave()) {
    // Stay: put the address of the page still on screen back.
    window.history.pushState(null, '', shownHref);
    return;
  }
  show(url, { focus: false, state: event.state });
});

// The offline notice: shown while the browser is offline, with the time the data on screen was fetched.
const connection = document.getElementById('connection');
let offlineCopyFrom = null;
function showConnection() {
  if (offlineCopyFrom) {
    replace(connection, h('strong', {}, 'Je bent offline. '), `Je ziet cijfers die laatst opgehaald zijn op ${formatDateTime(offlineCopyFrom)}. Ze kunnen verouderd zijn.`);
  } else {
    replace(connection, h('strong', {}, 'Je bent offline. '), 'Nieuwe cijfers ophalen lukt weer als je verbinding hebt.');
  }
  connection.hidden = !offlineCopyFrom && navigator.onLine;
}
document.addEventListener('bw:data', (event) => {
  offlineCopyFrom = event.detail.offlineCopyFrom;
  showConnection();
});
window.addEventListener('offline', showConnection);
window.addEventListener('online', showConnection);

if ('serviceWorker' in navigator) {
  // The Content-Security-Policy demands Trusted Types: this one policy allows only our own service worker script.
  const policy = window.trustedTypes?.createPolicy('bw-sw', {
    createScriptURL: (value) => {
      if (value !== '/sw.js') throw new TypeError(`Not our service worker: ${value}`);
      return value;
    },
  });
  navigator.serviceWorker.register(policy ? policy.createScriptURL('/sw.js') : '/sw.js').catch(() => {
    // No service worker (e.g. a private window): the site works, only not offline.
  });
}

show(new URL(window.location.href), { initial: true });
