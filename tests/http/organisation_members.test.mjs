// GET /api/v1/organisations/{id}/members (docs/accounts.md), over real HTTP
// on both engines: the organisation's members that are active and not
// residents, as {id, display_name, role} only (no phone, no username), for
// its own members and admins; another organisation's staff, a resident
// 403; without a session 401; an unknown organisation 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';

const API = '/api/v1';
let w;
before(async () => {
  const base = await startWithAdminAndResident({});
  const { srv, admin } = base;
  w = { ...base };
  w.orgA = await makeOrg(srv, admin, '凤山社区', 'community');
  w.orgB = await makeOrg(srv, admin, '龙山社区', 'community');
  w.organiser = await srv.createUser(admin, 'fs_organiser', 'worker', [w.orgA]);
  w.colleague = await srv.createUser(admin, 'fs_volunteer', 'volunteer', [w.orgA]);
  w.gone = await srv.createUser(admin, 'fs_gone', 'worker', [w.orgA]);
  w.outsider = await srv.createUser(admin, 'ls_worker', 'worker', [w.orgB]);
  // A resident in the organisation (not listed) and a disabled member (not listed).
  w.memberResident = await srv.createUser(admin, 'fs_resident', 'resident', [w.orgA]);
  const off = await srv.fetch(`${API}/users/${w.gone.user.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  const named = await srv.fetch(`${API}/users/${w.colleague.user.id}`, { method: 'PATCH', token: admin.token, json: { display_name: '李志愿', phone: '13835871111' } });
  assert.equal(named.status, 200, named.text);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const members = (org, who) => w.srv.fetch(`${API}/organisations/${org}/members`, { token: who?.token });

test('a member sees the active non-resident members of her organisation, names and roles only', async () => {
  const r = await members(w.orgA, w.organiser);
  assert.equal(r.status, 200, r.text);
  const byId = Object.fromEntries(r.body.items.map((m) => [m.id, m]));
  assert.deepEqual(Object.keys(byId).map(Number).sort((a, b) => a - b), [w.organiser.user.id, w.colleague.user.id].sort((a, b) => a - b));
  assert.deepEqual(byId[w.colleague.user.id], { id: w.colleague.user.id, display_name: '李志愿', role: 'volunteer' });
  assert.deepEqual(byId[w.organiser.user.id], { id: w.organiser.user.id, display_name: 'fs_organiser', role: 'worker' });
  assert.ok(!r.text.includes('13835871111') && !r.text.includes('fs_volunteer'), r.text); // no phone, no username
  assert.deepEqual((await members(w.orgA, w.colleague)).body, r.body);
});

test('admins see any organisation\'s members; others are refused; an unknown organisation is 404', async () => {
  const byAdmin = await members(w.orgB, w.admin);
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.deepEqual(byAdmin.body.items.map((m) => m.id), [w.outsider.user.id]);
  for (const who of [w.outsider, w.resident, w.memberResident, undefined]) {
    const r = await members(w.orgA, who);
    assert.equal(r.status, who ? 403 : 401, r.text);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
  }
  assert.equal((await members(w.orgB, w.organiser)).status, 403);
  assert.equal((await members(987654321, w.admin)).status, 404);
  assert.equal((await members(987654321, w.organiser)).status, 404);
  assert.equal((await members('abc', w.admin)).status, 404);
  assert.equal((await members(0, w.admin)).status, 404);
});
