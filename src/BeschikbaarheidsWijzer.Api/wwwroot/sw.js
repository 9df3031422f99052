// Service worker: keeps the app shell for offline use. Data is always fetched from the network; only when there is
// none does the last copy of a public read answer, marked with the time it was fetched (the page shows that time).
const SHELL_CACHE = 'bw-shell-v2';
const DATA_CACHE = 'bw-data-v2';
const OFFLINE_COPY_HEADER = 'x-bw-opgehaald';

const SHELL = [
  '/',
  '/css/app.css',
  '/js/app.js',
  '/js/access.js',
  '/js/api.js',
  '/js/apikey.js',
  '/js/beheer.js',
  '/js/beheer-aanbieders.js',
  '/js/beheer-form.js',
  '/js/beheer-normen.js',
  '/js/beheer-toegang.js',
  '/js/beheer-overzicht.js',
  '/js/beheer-opvallend.js',
  '/js/beheer-verouderd.js',
  '/js/chart.js',
  '/js/combobox.js',
  '/js/csv.js',
  '/js/detail.js',
  '/js/dom.js',
  '/js/fields.js',
  '/js/filters.js',
  '/js/meldingen.js',
  '/js/format.js',
  '/js/keuzelijst.js',
  '/js/norms.js',
  '/js/problems.js',
  '/js/offering.js',
  '/js/provider.js',
  '/js/referrer.js',
  '/js/report-rules.js',
  '/js/search.js',
  '/js/shortlist.js',
  '/js/terms.js',
  '/js/uitleg.js',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
];

/** Public reads worth keeping for offline use; never anything sent with an API key. */
const isPublicData = (url) => url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/provider')
  && !url.pathname.startsWith('/api/v1/admin') && !url.pathname.startsWith('/api/v1/reports');

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE)
    .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE && key !== DATA_CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

async function fromNetworkKeeping(request, cacheName, cacheKey) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(cacheKey, response.clone());
  }
  return response;
}

async function data(request) {
  try {
    const response = await fetch(request);
    if (response.ok && !request.headers.has('Authorization')) {
      // Keep a copy with the time it was fetched, for when the network is gone.
      const headers = new Headers(response.headers);
      headers.set(OFFLINE_COPY_HEADER, new Date().toISOString());
      const copy = new Response(await response.clone().blob(), { status: response.status, statusText: response.statusText, headers });
      await (await caches.open(DATA_CACHE)).put(request.url, copy);
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request.url, { cacheName: DATA_CACHE });
    if (cached) return cached;
    throw error;
  }
}

/** A script or style of a release (/v/{release}/js/app.js) is the same file as /js/app.js of that release. */
const plainPath = (pathname) => pathname.replace(/^\/v\/[0-9a-f]+(?=\/)/, '');

async function shell(request, cacheKey, fallbackKey = cacheKey) {
  try {
    return await fromNetworkKeeping(request, SHELL_CACHE, cacheKey);
  } catch (error) {
    const cached = await caches.match(cacheKey, { cacheName: SHELL_CACHE }) ?? await caches.match(fallbackKey, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (isPublicData(url)) event.respondWith(data(request));
    return;
  }
  if (url.pathname.startsWith('/health')) return;
  // Every page of the app is the same shell; its router shows the page.
  if (request.mode === 'navigate') {
    event.respondWith(shell(request, '/'));
    return;
  }
  if (SHELL.includes(plainPath(url.pathname))) event.respondWith(shell(request, url.pathname, plainPath(url.pathname)));
});
