// The server's API: JSON in and out, problem+json errors as ApiError, and the
// session's CSRF token on every write (taken from /api/v1/me).
let csrfToken = '';
let mePromise = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function api(path, { method = 'GET', json, query } = {}) {
  let url = '/api/v1' + path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      for (const one of [].concat(v)) if (one !== undefined && one !== null && one !== '') q.append(k, one);
    }
    const text = q.toString();
    if (text) url += '?' + text;
  }
  const headers = {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  for (let tries = 1; ; tries++) {
    const res = await fetch(url, {
      method, headers, credentials: 'same-origin',
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const wait = method === 'GET' && tries <= READ_RETRIES ? busyWait(res) : null;
    if (wait === null) return answer(res);
    await res.text().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

// A read the server turned away because its slow-work threads were all busy
// (503 with a short Retry-After: the rates, the counts, the supervision list
// under load, issue 15) is asked again after the wait it names, twice at
// most, so a dashboard shows its figures a moment later instead of a failure.
// Writes are never sent twice; a long or missing Retry-After is answered as
// it is.
export const READ_RETRIES = 2;
const MAX_RETRY_AFTER_S = 5;

// The wait in ms before asking again, or null when `res` is not such a refusal.
export function busyWait(res) {
  if (res.status !== 503) return null;
  const text = res.headers.get('retry-after');
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  const seconds = Number(text);
  if (seconds > MAX_RETRY_AFTER_S) return null;
  // Up to half a second more, so the clients turned away together do not all come back together.
  return seconds * 1000 + Math.floor(Math.random() * 500);
}

// The JSON of an answer, or ApiError with its problem.
async function answer(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// Sends one file as the body of a POST (an appeal photo), with extra headers.
export async function upload(path, file, headers = {}) {
  const all = { 'content-type': file.type, ...headers };
  if (csrfToken) all['x-csrf-token'] = csrfToken;
  return answer(await fetch('/api/v1' + path, { method: 'POST', headers: all, credentials: 'same-origin', body: file }));
}

// The signed-in user (with organisations), or null; cached until sign-in/out.
export function me() {
  if (!mePromise) {
    mePromise = api('/me').then((u) => { csrfToken = u.csrf_token; return u; })
      .catch((e) => { if (e.status === 401) return null; mePromise = null; throw e; });
  }
  return mePromise;
}

export async function signIn(username, password) {
  mePromise = null;
  await api('/auth/login', { method: 'POST', json: { username, password } });
  return me();
}

// Residents sign in with a one-time code sent to their mobile number
// (POST /auth/phone/code, then /auth/phone/login; the first sign-in makes
// the account). The answer says whether it was made now ({created}).
export function sendPhoneCode(phone) {
  return api('/auth/phone/code', { method: 'POST', json: { phone } });
}

export async function phoneSignIn(phone, code) {
  mePromise = null;
  const answer = await api('/auth/phone/login', { method: 'POST', json: { phone, code } });
  await me();
  return answer;
}

// After DELETE /me: the session is gone with the account.
export function forgetMe() { mePromise = null; csrfToken = ''; }

export async function signOut() {
  await me();
  try { await api('/auth/logout', { method: 'POST' }); } finally { mePromise = null; csrfToken = ''; }
}

// Every page of a cursor-paged list, up to `max` items.
export async function allPages(path, query = {}, max = 1000) {
  const items = [];
  let cursor;
  do {
    const page = await api(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items;
}
