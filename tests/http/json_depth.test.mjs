// Deeply nested JSON bodies: every route that takes a JSON body refuses a
// document nested deeper than 64 levels with 400 before it is parsed, and the
// server lives on (150,000 levels once overflowed an I/O thread's stack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { createFacility } from './lib/fixtures.mjs';

const deep = (levels) => '{"a":' + '['.repeat(levels) + ']'.repeat(levels) + '}';

// Every (method, path) of the OpenAPI document whose request body is JSON,
// with its path parameters set to 1 (a year 2026, a date 2026-09-14).
function jsonBodyRoutes(openapi) {
  const routes = [];
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op?.requestBody?.content?.['application/json']) continue;
      routes.push({ method: method.toUpperCase(), path: path.replace('{year}', '2026').replace('{date}', '2026-09-14').replace(/\{[^}]+\}/g, '1') });
    }
  }
  return routes;
}

test('every JSON body route refuses nesting deeper than 64 levels with 400, and the server stays up', async (t) => {
  const { srv, admin, resident } = await startWithAdminAndResident();
  // Stopped whatever fails below: a server left running keeps node (and ctest) waiting.
  t.after(async () => { await srv.stop(); srv.cleanup(); });
  const openapi = (await srv.fetch('/api/v1/openapi.json')).body;
  // Facility 1 exists (its PATCH looks the facility up before the body), and
  // is a parking lot with a gate token so the gate route reads its body too.
  const lot = await createFacility(srv, admin, {
    kind: 'parking', name: '生态园停车场', address: '生态园 1 号', lat: 37.515, lon: 111.115, amenities: { capacity: 40 },
  });
  const gate = await srv.fetch(`/api/v1/facilities/${lot}/gate-tokens`, { method: 'POST', token: admin.token, json: { label: '东门' } });
  assert.equal(gate.status, 201, gate.text);
  const routes = jsonBodyRoutes(openapi).map((r) => (
    r.path === '/api/v1/facilities/import' ? { ...r, path: r.path + '?format=geojson' } : r));
  assert.ok(routes.length >= 15, `found only ${routes.length} JSON body routes`);
  // As the admin, or as the resident where only residents may call (a
  // child's or a pickup adult's routes): the role is checked before the body.
  const sendAs = (token, method, path, body) => srv.fetch(path, {
    method, token, body, headers: { 'content-type': 'application/json', 'x-gate-token': gate.body.token },
  });
  const send = async (method, path, body) => {
    const res = await sendAs(admin.token, method, path, body);
    return res.status === 403 ? sendAs(resident.token, method, path, body) : res;
  };
  const wrong = [];
  for (const { method, path } of routes) {
    // 150,000 levels (300 KB); a route with a smaller body limit gets what fits.
    let res;
    for (const levels of [150000, 8000, 1500, 400]) {
      res = await send(method, path, deep(levels));
      if (res.status !== 413) break;
    }
    if (res.status !== 400 || !/64 levels deep/.test(res.body.detail)) {
      wrong.push(`${method} ${path}: ${res.status} ${res.text.slice(0, 120)}`);
    }
  }
  assert.deepEqual(wrong, []);
  // Anonymous too: the appeal route is public (its body is 64 KiB at most).
  const anon = await srv.fetch('/api/v1/appeals', {
    method: 'POST', body: deep(30000), headers: { 'content-type': 'application/json' },
  });
  assert.equal(anon.status, 400);
  assert.equal((await srv.fetch('/api/v1/health')).status, 200);
  assert.equal(srv.proc.exitCode, null, 'the server process is still running');
});

test('nesting up to the limit is still read as usual', async () => {
  const { srv, resident } = await startWithAdminAndResident();
  // 64 levels in a field nobody knows: the answer is the usual 422 naming it.
  const body = '{"username":"x","password":"y","extra":' + '['.repeat(63) + ']'.repeat(63) + '}';
  const res = await srv.fetch('/api/v1/auth/login', {
    method: 'POST', body, headers: { 'content-type': 'application/json' },
  });
  assert.notEqual(res.status, 400, res.text);
  assert.ok(resident.token);
  await srv.stop();
  srv.cleanup();
});
