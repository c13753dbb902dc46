// The console's only way to the server: the documented REST API, same origin, with the
// session cookie. Errors arrive as problem+json and are thrown as ApiError (code, field).
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || 'HTTP ' + status);
    this.status = status;
    this.code = (body && body.code) || (status === 0 ? 'network' : 'http_' + status);
    this.field = body && body.field;
    this.detail = body && body.detail;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export async function api(method, path, body, headers = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, { method, credentials: 'same-origin', headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { detail: String(e.message || e) });
  }
  const text = r.status === 204 ? '' : await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!r.ok) {
    const err = new ApiError(r.status, json || { detail: text });
    if (r.status === 401 && !path.startsWith('/v1/session')) onUnauthorized(err);
    throw err;
  }
  if (json && typeof json === 'object') {
    // The ETag guards edits (If-Match); the server's Date times countdowns (test clocks too).
    Object.defineProperty(json, '_etag', { value: r.headers.get('ETag'), enumerable: false });
    Object.defineProperty(json, '_date', { value: r.headers.get('Date'), enumerable: false });
  }
  return json;
}

// Lists answer {items, next_cursor}; older endpoints a bare array or {<name>: [...]}.
export function itemsOf(x) {
  if (Array.isArray(x)) return x;
  if (!x || typeof x !== 'object') return [];
  if (Array.isArray(x.items)) return x.items;
  for (const v of Object.values(x)) if (Array.isArray(v)) return v;
  return [];
}

// Follows next_cursor (bounded) and returns every item.
export async function listAll(path, max = 5000) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 20; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api('GET', path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''));
    if (!i && page) Object.defineProperty(out, '_date', { value: page._date, enumerable: false });  // the server's clock
    out.push(...itemsOf(page));
    cursor = page && !Array.isArray(page) ? page.next_cursor : null;
    if (!cursor || out.length >= max) break;
  }
  return out;
}

export const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, v);
  const str = s.toString();
  return str ? '?' + str : '';
};
