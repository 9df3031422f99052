// The search filters live in the page's address, in Dutch words, so a search can be shared, bookmarked and walked
// back and forth. This module turns that address into filters and filters into the API's query.

/** Dutch sort words in the address → the API's sort values. */
export const SORTS = {
  wachttijd: 'wait', plekken: 'freePlaces', afstand: 'distance', naam: 'name', bijgewerkt: 'updated',
};

export const DEFAULT_SORT = 'wachttijd';

/** sessionStorage key of the last search's address: where "back to the results" on an offering's page goes. */
export const LAST_SEARCH = 'bw-laatste-zoekopdracht';

/** @returns the filters in the address (values as given; the API checks them). */
export function readFilters(searchParams) {
  const text = (name) => searchParams.get(name)?.trim() || '';
  const page = Number.parseInt(searchParams.get('pagina') ?? '1', 10);
  return {
    gemeente: text('gemeente').toUpperCase(),
    postcode: text('postcode'),
    lat: text('lat'),
    lon: text('lon'),
    zorgvorm: text('zorgvorm'),
    leeftijd: text('leeftijd'),
    onderwerp: searchParams.getAll('onderwerp').filter(Boolean),
    plek: searchParams.get('plek') === 'ja',
    norm: searchParams.get('norm') === 'ja',
    zoek: text('zoek'),
    sorteer: text('sorteer') in SORTS ? text('sorteer') : DEFAULT_SORT,
    pagina: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The filters as an address query, leaving out what is not set. */
export function toSearchParams(filters) {
  const params = new URLSearchParams();
  for (const name of ['gemeente', 'postcode', 'lat', 'lon', 'zorgvorm', 'leeftijd', 'zoek']) {
    if (filters[name]) params.set(name, filters[name]);
  }
  for (const tag of filters.onderwerp) params.append('onderwerp', tag);
  if (filters.plek) params.set('plek', 'ja');
  if (filters.norm) params.set('norm', 'ja');
  if (filters.sorteer !== DEFAULT_SORT) params.set('sorteer', filters.sorteer);
  if (filters.pagina > 1) params.set('pagina', String(filters.pagina));
  return params;
}

/** Whether the address asks for a search at all (a bare "/" shows the form only). */
export function hasSearch(filters) {
  return Boolean(filters.gemeente || filters.postcode || filters.lat || filters.zorgvorm || filters.leeftijd
    || filters.onderwerp.length || filters.plek || filters.norm || filters.zoek);
}

/** The API query for these filters. */
export function toApiQuery(filters, { page = filters.pagina, pageSize = 20 } = {}) {
  const query = new URLSearchParams();
  const set = (name, value) => { if (value) query.set(name, value); };
  set('municipality', filters.gemeente);
  set('postcode', filters.postcode);
  set('lat', filters.lat);
  set('lon', filters.lon);
  set('careType', filters.zorgvorm);
  set('age', filters.leeftijd);
  for (const tag of filters.onderwerp) query.append('tag', tag);
  if (filters.plek) query.set('availableNow', 'true');
  if (filters.norm) query.set('withinNorm', 'true');
  set('q', filters.zoek);
  query.set('sort', SORTS[filters.sorteer] ?? 'wait');
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  return query;
}

/** API parameter names → the form field that shows its error. */
export const API_FIELDS = {
  municipality: 'gemeente', postcode: 'postcode', lat: 'locatie', lon: 'locatie', careType: 'zorgvorm', age: 'leeftijd',
  tag: 'onderwerp', q: 'zoek', sort: 'sorteer', page: 'pagina', pageSize: 'pagina',
};
