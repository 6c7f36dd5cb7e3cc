// The role matrix (issue 13): every route `warmcity routes --json` lists,
// called by every role and by the scope variants the routes tell apart (a
// keeper of another organisation, a worker of another community or grid, a
// department an appeal is not dispatched to, a resident who did not report
// it), and anonymously; each answer compared with what the route declares
// (anonymous on a route that is not public: 401; a role it does not name:
// 403) and with its own scope rules (tests/http/lib/matrix_routes.mjs says
// those, with the exact status). A route with no row in that table fails the
// test by name, and so does a row whose route is gone: every new route joins.
//
// Sessions are bearer tokens here; later tests check that cookie sessions
// are refused on every write without the X-CSRF-Token and admitted with it,
// and that a signed-out session or a disabled account is nobody anywhere.
// One server, requests one after another, fresh objects for every write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN } from './lib/server.mjs';
import { CALLERS, startWorld } from './lib/matrix_world.mjs';
import { ROUTES } from './lib/matrix_routes.mjs';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function listedRoutes() {
  const r = spawnSync(BIN, ['routes', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const LISTED = listedRoutes();
const keyOf = (r) => `${r.method} ${r.path}`;
const casesOf = (row) => (Array.isArray(row) ? row : [row]);
const isPublic = (route) => route.roles.includes('public');
const admits = (route, role) => isPublic(route) || route.roles.includes('any') || route.roles.includes(role);

// What `caller` (null: anonymous) must get from one case of `route`.
function expected(route, kase, caller) {
  if (!caller) {
    if (!isPublic(route)) return 401;
    return kase.expect?.anonymous ?? kase.ok;
  }
  if (!admits(route, caller.role)) return 403;
  return kase.expect?.[caller.name] ?? kase.ok;
}

let w;
before(async () => { w = await startWorld(); });
after(async () => {
  if (!w) return;
  await w.srv.stop();
  w.srv.cleanup();
});

// Sends one prepared request with `session` (a login() answer or null) as
// a bearer token ('bearer'), a cookie ('cookie') or a cookie with its CSRF
// token ('cookie+csrf').
function send(method, req, session, mode = 'bearer') {
  const headers = { ...(req.headers || {}) };
  if (session && mode === 'bearer') headers.authorization = `Bearer ${session.token}`;
  if (session && mode !== 'bearer') headers.cookie = session.cookie;
  if (session && mode === 'cookie+csrf') headers['x-csrf-token'] = session.csrf_token;
  return w.srv.fetch(req.path, { method, headers, json: req.json, body: req.body });
}

// The items of every page of a list, from its first page `res`.
async function everyPage(req, res, session) {
  const items = [...res.body.items];
  for (let page = res.body, n = 1; page.next_cursor; n += 1) {
    assert.ok(n < 50, `${req.path}: more than 50 pages`);
    const path = `${req.path}${req.path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(page.next_cursor)}`;
    const next = await send('GET', { ...req, path }, session);
    assert.equal(next.status, 200, next.text);
    page = next.body;
    items.push(...page.items);
  }
  return items;
}

const who = (caller) => (caller ? caller.name : 'anonymous');
const short = (text) => String(text).replace(/\s+/g, ' ').slice(0, 200);

test('the table has a row for every route warmcity routes lists, and none for a route that is gone', () => {
  assert.ok(LISTED.routes.length >= 80, `warmcity routes listed only ${LISTED.routes.length} routes`);
  const listed = new Set(LISTED.routes.map(keyOf));
  const missing = [...listed].filter((k) => !(k in ROUTES));
  const gone = Object.keys(ROUTES).filter((k) => !listed.has(k));
  assert.deepEqual({ missing, gone }, { missing: [], gone: [] },
    `routes with no row in tests/http/lib/matrix_routes.mjs: ${missing.join('; ') || 'none'}; ` +
    `rows for routes warmcity routes no longer lists: ${gone.join('; ') || 'none'}`);
});

test('every role the server knows has a caller in the matrix', () => {
  assert.ok(LISTED.roles.length >= 6, JSON.stringify(LISTED.roles));
  assert.deepEqual([...new Set(CALLERS.map((c) => c.role))].sort(), [...LISTED.roles].sort());
});

test('the table only says what a route decides itself', () => {
  const names = new Set(CALLERS.map((c) => c.name));
  const problems = [];
  let cases = 0;
  for (const route of LISTED.routes) {
    for (const kase of casesOf(ROUTES[keyOf(route)] || [])) {
      cases += 1;
      const where = `${keyOf(route)}${kase.name ? ` [${kase.name}]` : ''}`;
      if (typeof kase.prep !== 'function') problems.push(`${where}: no prep`);
      if (!Number.isInteger(kase.ok)) problems.push(`${where}: no ok status`);
      for (const name of Object.keys(kase.expect || {})) {
        if (name === 'anonymous') {
          if (!isPublic(route)) problems.push(`${where}: names the anonymous caller on a route that needs a session`);
          continue;
        }
        const caller = CALLERS.find((c) => c.name === name);
        if (!names.has(name)) problems.push(`${where}: names an unknown caller ${name}`);
        // The router refuses a role the route does not name before the
        // handler runs: a row for it would test nothing of the route's own.
        else if (!admits(route, caller.role)) problems.push(`${where}: names ${name}, whose role the route does not admit`);
      }
    }
  }
  assert.ok(cases >= LISTED.routes.length, `only ${cases} cases`);
  assert.deepEqual(problems, []);
});

test('every route, called by every caller, answers what it declares and what its scope allows', async (t) => {
  const wrong = [];
  const counts = { calls: 0, admitted: 0, scoped: 0, refusedByRole: 0, refusedAnonymous: 0 };
  for (const route of LISTED.routes) {
    const row = ROUTES[keyOf(route)];
    if (!row) continue; // the first test names it
    for (const kase of casesOf(row)) {
      for (const c of [null, ...CALLERS]) {
        const caller = c && w.callers[c.name];
        const want = expected(route, kase, caller);
        const req = await kase.prep(w, caller);
        const res = await send(route.method, req, req.as || caller);
        counts.calls += 1;
        if (!caller && !isPublic(route)) counts.refusedAnonymous += 1;
        else if (caller && !admits(route, caller.role)) counts.refusedByRole += 1;
        else if (kase.expect && who(caller) in kase.expect) counts.scoped += 1;
        else counts.admitted += 1;
        const where = `${route.method} ${req.path}${kase.name ? ` [${kase.name}]` : ''} as ${who(caller)}`;
        if (res.status !== want) {
          wrong.push(`${where}: ${res.status}, expected ${want}: ${short(res.text)}`);
        } else if ((want === 401 || want === 403) && req.path.startsWith('/api/')) {
          // Refusals are problem+json; the router's 401 for a missing
          // session also says how to sign in (the gate's 401 is for its own
          // X-Gate-Token).
          if (!/^application\/problem\+json/.test(res.headers.get('content-type') || '') || res.body?.status !== want) {
            wrong.push(`${where}: the ${want} is not problem+json: ${res.headers.get('content-type')} ${short(res.text)}`);
          }
          if (want === 401 && !isPublic(route) && res.headers.get('www-authenticate') !== 'Bearer') {
            wrong.push(`${where}: the 401 has no WWW-Authenticate: Bearer`);
          }
        } else if (kase.check && want < 300) {
          const problem = kase.check(w, caller, await everyPage(req, res, req.as || caller));
          if (problem) wrong.push(`${where}: ${problem}`);
        }
      }
    }
  }
  t.diagnostic(`answers: ${JSON.stringify(counts)}`);
  // Each kind of answer really happened, many times over.
  assert.ok(counts.calls >= LISTED.routes.length * (CALLERS.length + 1), JSON.stringify(counts));
  for (const [kind, n] of Object.entries(counts)) assert.ok(n >= 30, `only ${n} ${kind}: ${JSON.stringify(counts)}`);
  assert.deepEqual(wrong, [], `${wrong.length} of ${counts.calls} answers were wrong`);
});

test('cookie sessions: every write that needs a session refuses a missing X-CSRF-Token and takes the right one', async () => {
  const wrong = [];
  let writes = 0;
  for (const route of LISTED.routes) {
    if (!UNSAFE.has(route.method) || isPublic(route) || !ROUTES[keyOf(route)]) continue;
    // A case and a caller it admits with a success (or, for a case marked
    // `afterChecks`, with its `ok` refusal, which only a request past the
    // session and CSRF checks is answered: a sample kept 48 hours is 409).
    let pick = null;
    for (const kase of casesOf(ROUTES[keyOf(route)])) {
      const c = CALLERS.find((x) => admits(route, x.role) && (expected(route, kase, x) < 300 || (kase.afterChecks && expected(route, kase, x) === kase.ok)));
      if (c) { pick = { kase, c }; break; }
    }
    if (!pick) { wrong.push(`${keyOf(route)}: no case that some caller passes`); continue; }
    writes += 1;
    const caller = w.callers[pick.c.name];
    const want = expected(route, pick.kase, caller);
    const bare = await pick.kase.prep(w, caller);
    const refused = await send(route.method, bare, bare.as || caller, 'cookie');
    if (refused.status !== 403 || !/X-CSRF-Token/.test(refused.text)) {
      wrong.push(`${route.method} ${bare.path} as ${caller.name} by cookie without X-CSRF-Token: ${refused.status} ${short(refused.text)}`);
    }
    const withToken = await pick.kase.prep(w, caller);
    const admitted = await send(route.method, withToken, withToken.as || caller, 'cookie+csrf');
    if (admitted.status !== want) {
      wrong.push(`${route.method} ${withToken.path} as ${caller.name} by cookie with X-CSRF-Token: ` +
        `${admitted.status}, expected ${want}: ${short(admitted.text)}`);
    }
  }
  assert.ok(writes >= 30, `only ${writes} writes checked`);
  assert.deepEqual(wrong, []);
});

test('a cookie without its X-CSRF-Token signs nobody in on a public write: the request counts as anonymous', async () => {
  const wrong = [];
  let writes = 0;
  for (const route of LISTED.routes) {
    if (!UNSAFE.has(route.method) || !isPublic(route) || !ROUTES[keyOf(route)]) continue;
    for (const kase of casesOf(ROUTES[keyOf(route)])) {
      // Callers the case answers differently from the anonymous one.
      for (const c of CALLERS.filter((x) => expected(route, kase, x) !== expected(route, kase, null))) {
        writes += 1;
        const caller = w.callers[c.name];
        const req = await kase.prep(w, caller);
        const res = await send(route.method, req, req.as || caller, 'cookie');
        const want = expected(route, kase, null);
        if (res.status !== want) {
          wrong.push(`${route.method} ${req.path} [${kase.name}] as ${c.name} by cookie without X-CSRF-Token: ` +
            `${res.status}, expected ${want}: ${short(res.text)}`);
        }
      }
    }
  }
  assert.ok(writes >= 5, `only ${writes} writes checked`);
  assert.deepEqual(wrong, []);
});

test('a signed-out session and a disabled account are nobody: 401 where a session is needed, the anonymous answer elsewhere', async () => {
  const ended = await w.relogin(w.callers.admin);
  const out = await w.srv.fetch('/api/v1/auth/logout', { method: 'POST', token: ended.token });
  assert.equal(out.status, 204, out.text);
  const disabled = await w.user('worker');
  const off = await w.srv.fetch(`/api/v1/users/${disabled.user.id}`, { method: 'PATCH', token: w.callers.admin.token, json: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  const wrong = [];
  let calls = 0;
  for (const route of LISTED.routes) {
    const row = ROUTES[keyOf(route)];
    if (!row) continue;
    const kase = casesOf(row)[0];
    const want = expected(route, kase, null);
    for (const [name, session] of [['signed out', ended], ['disabled', disabled]]) {
      const req = await kase.prep(w, null);
      const res = await send(route.method, req, session);
      calls += 1;
      if (res.status !== want) wrong.push(`${route.method} ${req.path} with a ${name} session: ${res.status}, expected ${want}: ${short(res.text)}`);
    }
  }
  assert.ok(calls >= 2 * LISTED.routes.length, `only ${calls} calls`);
  assert.deepEqual(wrong, []);
});
