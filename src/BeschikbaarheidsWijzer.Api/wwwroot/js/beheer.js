// Beheer (/beheer): the pages for a region's contract manager (a region-manager key, for its own regions) or an admin
// (every region). The key is entered as on the provider page and kept in sessionStorage only. The API says what the
// key may see (GET /api/v1/admin/me) and refuses the rest; these pages offer only the key's own regions. Each part is
// its own module, loaded when first opened: nothing of this is part of the public site's first load.
import { ApiError, deleteJson, getFile, getJson, loadReference, postJson, postText, putJson } from './api.js';
import { apiKeyForm } from './apikey.js';
import { announce, h, replace } from './dom.js';
import { field } from './fields.js';

const KEY_STORAGE = 'bw-beheer-sleutel';
const TITLE = 'Beheer voor de regio';

/** The parts of /beheer, in the order of the menu; keep in step with the beheer route in app.js and WebApp.Pages. */
const PARTS = [
  { key: 'overzicht', path: '/beheer', name: 'Overzicht', load: () => import('./beheer-overzicht.js') },
  { key: 'verouderd', path: '/beheer/verouderd', name: 'Te laat met cijfers', load: () => import('./beheer-verouderd.js') },
  { key: 'opvallend', path: '/beheer/opvallend', name: 'Opvallende meldingen', load: () => import('./beheer-opvallend.js') },
  { key: 'aanbieders', path: '/beheer/aanbieders', name: 'Aanbieders', load: () => import('./beheer-aanbieders.js') },
  { key: 'normen', path: '/beheer/normen', name: 'Normen van de regio', load: () => import('./beheer-normen.js') },
  { key: 'toegang', path: '/beheer/toegang', name: 'Toegang per gemeente', load: () => import('./beheer-toegang.js') },
];

const ROLE_WORDS = { admin: 'beheerder van alle regio’s', 'region-manager': 'contractmanager' };

/** /beheer/aanbieders/nieuw → the part aanbieders, with ['nieuw']. (app.js only sends addresses of these parts.) */
function partOf(pathname) {
  const [, , name, ...params] = pathname.replace(/\/+$/, '').split('/');
  return { part: PARTS.find((p) => p.key === name) ?? PARTS[0], params };
}

/** An address within /beheer for the region: every link keeps the chosen region. */
export function beheerHref(path, region, extra = {}) {
  return `${path}?${new URLSearchParams({ regio: region, ...extra })}`;
}

/**
 * The API with the key, for the parts. A key that stops working while the page is open (revoked) brings back the key
 * step, with the reason.
 */
function apiFor(key, onRefused) {
  const guard = (call) => async (...args) => {
    try {
      return await call(...args);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onRefused();
      throw error;
    }
  };
  const options = { apiKey: key };
  return {
    get: guard((path) => getJson(path, options)),
    post: guard((path, body) => postJson(path, body, options)),
    postCsv: guard((path, text) => postText(path, text, 'text/csv', options)),
    // With the eTag of what the form showed: a change someone made meanwhile is refused (412), not overwritten.
    put: guard((path, body, eTag) => putJson(path, body, eTag ? { ...options, headers: { 'If-Match': eTag } } : options)),
    delete: guard((path) => deleteJson(path, options)),
    file: guard((path) => getFile(path, options)),
  };
}

/** The bar above every part: who is logged in, the region (only the key's own) and the menu. */
function frame(session, navigate, onLogout) {
  const who = [ROLE_WORDS[session.me.role] ?? session.me.role, session.me.label ? `sleutel “${session.me.label}”` : null].filter(Boolean).join(', ');
  let picker;
  let select = null;
  if (session.regions.length === 1) {
    picker = h('p', { class: 'beheer-region' }, h('strong', {}, 'Regio: '), session.regions[0].name);
  } else {
    select = h('select', { id: 'beheer-regio', name: 'regio' }, session.regions.map((r) => h('option', { value: r.code }, r.name)));
    select.addEventListener('change', () => {
      const next = new URL(window.location.href);
      next.searchParams.set('regio', select.value);
      // The focus stays on the list: the part below shows the region's figures.
      navigate(next.href, { focus: false });
      announce(`Je ziet nu regio ${select.selectedOptions[0].textContent}.`);
    });
    picker = field({ label: 'Regio', input: select, className: 'beheer-region' });
  }
  const links = PARTS.map((part) => ({ part, link: h('a', { href: part.path }, part.name) }));
  const element = h('div', { class: 'beheer-frame' },
    h('div', { class: 'beheer-bar' },
      h('p', { class: 'beheer-who' }, `Ingelogd als ${who}.`),
      picker,
      h('button', { type: 'button', class: 'button-link', onclick: onLogout }, 'Uitloggen (sleutel vergeten)')),
    h('nav', { 'aria-label': 'Beheer', class: 'subnav' }, h('ul', {}, links.map(({ link }) => h('li', {}, link)))));

  return {
    element,
    notice: h('div', {}),
    page: h('div', { class: 'beheer-page' }),
    show(region, current) {
      if (select) select.value = region.code;
      for (const { part, link } of links) {
        link.setAttribute('href', beheerHref(part.path, region.code));
        if (part === current) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}

export function mount(main, ctx) {
  let session = null;
  let bar = null;
  let generation = 0;
  let flash = null;

  function keyStep(problem) {
    session = null;
    bar = null;
    ctx.setTitle('Beheer');
    const { form, refuse } = apiKeyForm({
      label: 'Je beheersleutel',
      hint: 'De API-sleutel van je regio of van de beheerder. Hij begint met bwk_. We bewaren hem alleen in dit tabblad, tot je het sluit.',
      storageKey: KEY_STORAGE,
      onKey: () => show(new URL(window.location.href), { focus: true }),
    });
    replace(main,
      h('h1', { tabindex: '-1' }, TITLE),
      h('p', { class: 'lead' }, 'Voor contractmanagers van een jeugdregio: zie wie te laat is met zijn cijfers en hoe de wachttijden zich ontwikkelen, en houd aanbieders, contracten en normen bij.'),
      form,
      h('p', {}, 'Ben je een zorgaanbieder? Geef je cijfers door bij ', h('a', { href: '/aanbieders' }, 'Voor aanbieders'), '.'));
    if (problem) refuse(problem);
  }

  function logOut(problem) {
    sessionStorage.removeItem(KEY_STORAGE);
    keyStep(problem);
  }

  async function start(key, url) {
    replace(main, h('h1', { tabindex: '-1' }, TITLE), h('p', { class: 'loading', role: 'status' }, 'Even geduld…'));
    const api = apiFor(key, () => logOut('Deze sleutel werkt niet meer. Vraag een nieuwe sleutel aan.'));
    try {
      const [me, reference] = await Promise.all([api.get('/api/v1/admin/me'), loadReference()]);
      const regions = reference.regions.filter((r) => me.regions.includes(r.code)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      if (regions.length === 0) {
        logOut('Deze sleutel beheert geen enkele regio. Vraag de beheerder om een sleutel voor je regio.');
        return null;
      }
      return { key, api, me, reference, regions };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        logOut('Deze sleutel werkt niet (meer). Vraag een nieuwe sleutel aan.');
      } else if (error instanceof ApiError && error.status === 403) {
        logOut('Deze sleutel is van een zorgaanbieder, niet van de regio. Aanbieders geven hun cijfers door bij Voor aanbieders.');
      } else {
        replace(main, h('h1', { tabindex: '-1' }, TITLE),
          h('div', { class: 'error', role: 'alert' }, h('p', {}, 'Het beheer kon niet laden. Controleer je internet en probeer het opnieuw.'),
            h('button', { type: 'button', class: 'button-secondary', onclick: () => show(url, { focus: true }) }, 'Opnieuw proberen')));
      }
      return null;
    }
  }

  async function show(url, { focus = false } = {}) {
    const mine = ++generation;
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (!key) {
      keyStep();
      return;
    }
    if (session?.key !== key) {
      session = await start(key, url);
      bar = null;
      if (!session || mine !== generation) return;
    }

    const { part, params } = partOf(url.pathname);
    const wanted = url.searchParams.get('regio');
    const region = session.regions.find((r) => r.code === wanted) ?? session.regions[0];
    // Moving focus along when it was on the page that is replaced (as after a page change), not when it is elsewhere.
    const moveFocus = focus || (main.contains(document.activeElement) && !bar?.element.contains(document.activeElement));
    if (!bar) {
      // Built once per key and left in place, so the region list keeps the focus while the part below changes.
      bar = frame(session, ctx.navigate, () => {
        logOut();
        document.getElementById('api-sleutel')?.focus();
        announce('Je bent uitgelogd. De sleutel is vergeten.');
      });
      replace(main, bar.element, bar.notice, bar.page);
    }
    bar.show(region, part);
    replace(bar.notice, wanted && wanted !== region.code
      ? h('p', { class: 'notice', role: 'status' }, `Je sleutel geeft geen toegang tot de regio “${wanted}”. Je ziet regio ${region.name}.`)
      : null);
    // A fresh element for each showing: a part still loading for an earlier address writes into a detached one.
    const page = h('div', { class: 'beheer-page' });
    bar.page.replaceWith(page);
    bar.page = page;
    ctx.setTitle(`${part.name} — Beheer`);

    let module;
    try {
      module = await part.load();
    } catch {
      replace(page, h('h1', { tabindex: '-1' }, part.name), h('p', { class: 'error', role: 'alert' }, 'Dit deel kon niet laden. Controleer je internetverbinding en laad de pagina opnieuw.'));
      return;
    }
    if (mine !== generation) return;
    const message = flash;
    flash = null;
    await module.show(page, { ...session, region }, {
      url,
      params,
      navigate: ctx.navigate,
      setTitle: (text) => ctx.setTitle(`${text} — Beheer`),
      /** Goes to another address of /beheer and shows a success message at the top of that page. */
      navigateWith: (href, success) => {
        flash = success;
        ctx.navigate(href, { focus: false });
      },
    });
    if (mine !== generation) return;
    if (message) {
      page.prepend(message);
      message.focus();
    } else if (moveFocus) {
      window.scrollTo(0, 0);
      (page.querySelector('h1') ?? main).focus();
      announce(document.title);
    }
  }

  show(ctx.url);
  return {
    // Moving between the parts of /beheer keeps the key, what it may see and the reference data.
    update: (url, { focus = false } = {}) => show(url, { focus }),
  };
}
