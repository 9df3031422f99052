// Talks to the app's own API. Data is always asked for fresh (the browser revalidates with the server's ETag); the
// service worker answers with its last copy only when there is no network, and says when it fetched that copy.

export const OFFLINE_COPY_HEADER = 'x-bw-opgehaald';

export class ApiError extends Error {
  /** status 0 means no answer at all (no network). */
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.title ?? (status === 0 ? 'Geen verbinding' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem ?? null;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }

  /**
   * The refused fields, one entry per refusal: { field: "reports[2].waitToIntakeWeeks", code: "range", min: 0, max: 104 }.
   * Word them with problems.js; the English `message` is for people reading the API, not for this app.
   */
  get fieldErrors() {
    return Array.isArray(this.problem?.fieldErrors) ? this.problem.fieldErrors : [];
  }
}

/** What an API key looks like: bwk_, a 16-character key id and a 64-character secret. */
export const API_KEY_FORMAT = /^bwk_[0-9a-f]{16}_[0-9a-f]{64}$/;

/** The file name a download is given (Content-Disposition), e.g. "normnaleving-achterhoek-2026-11-18.csv". */
function fileNameOf(response) {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** @param as 'json' (default) for data, or 'file' for { blob, fileName } (a CSV report). */
/** @param text a body sent as it is (a file's text) with `contentType`, instead of `body` as JSON. */
async function send(path, { method = 'GET', body, text, contentType, apiKey, headers = {}, signal, as = 'json' } = {}) {
  const requestHeaders = { Accept: as === 'file' ? 'text/csv, application/problem+json' : 'application/json', ...headers };
  if (apiKey) requestHeaders.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) requestHeaders['Content-Type'] = 'application/json';
  if (text !== undefined) requestHeaders['Content-Type'] = contentType;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders,
      body: text ?? (body === undefined ? undefined : JSON.stringify(body)),
      cache: 'no-cache',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }

  if (method === 'GET') {
    document.dispatchEvent(new CustomEvent('bw:data', { detail: { offlineCopyFrom: response.headers.get(OFFLINE_COPY_HEADER) } }));
  }

  const type = response.headers.get('content-type') ?? '';
  if (response.ok && as === 'file') return { blob: await response.blob(), fileName: fileNameOf(response) };
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
    throw new ApiError(response.status, data, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return data;
}

export const getJson = (path, options) => send(path, options);
export const postJson = (path, body, options) => send(path, { ...options, method: 'POST', body });
export const putJson = (path, body, options) => send(path, { ...options, method: 'PUT', body });
/** POSTs a file's text, e.g. a CSV, and reads the JSON answer. */
export const postText = (path, text, contentType, options) => send(path, { ...options, method: 'POST', text, contentType });
export const deleteJson = (path, options) => send(path, { ...options, method: 'DELETE' });
export const getFile = (path, options) => send(path, { ...options, as: 'file' });

let limits = null;

/** The limits of the fields people fill in (GET /api/v1/limits), by request and field name: asked once per visit. */
export function loadLimits() {
  limits ??= getJson('/api/v1/limits').catch((error) => {
    limits = null; // try again next time
    throw error;
  });
  return limits;
}

let reference = null;

/** Municipalities, care types, tags and the limits of fields: asked once per visit. */
export function loadReference() {
  reference ??= Promise.all([getJson('/api/v1/regions'), getJson('/api/v1/care-types'), getJson('/api/v1/tags'), loadLimits()])
    .then(([regions, careTypes, tags, fieldLimits]) => {
      const municipalities = regions
        .flatMap((region) => region.municipalities.map((m) => ({ ...m, regionCode: region.code, regionName: region.name })))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      return {
        regions,
        municipalities,
        municipalityByCode: new Map(municipalities.map((m) => [m.code, m])),
        careTypes,
        careTypeByCode: new Map(careTypes.map((c) => [c.code, c])),
        tags,
        limits: fieldLimits,
      };
    })
    .catch((error) => {
      reference = null; // try again next time
      throw error;
    });
  return reference;
}
