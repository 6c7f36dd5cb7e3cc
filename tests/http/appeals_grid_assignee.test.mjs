// A grid's appeal goes to that grid's workers (docs/appeals.md, "Who takes
// which step"): an appeal dispatched to an area is started, returned and
// replied to by the workers serving that area or an area containing it (its
// community, its sub-district); a worker of another grid neither acts on it
// nor finds it in her queue; district workers and admins dispatch it only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { binhe, boxFeature } from './lib/areas_geojson.mjs';

const API = '/api/v1/appeals';
// 滨河 ⊃ 生态园 ⊃ its first grid (west half) and a second grid (east half);
// 后瓦 next door with a grid of its own.
const district = binhe(
  boxFeature('grid', '生态园第二网格', 'BH-STY-2', 'BH-STY', [111.11, 37.50, 111.12, 37.52]),
  boxFeature('grid', '后瓦第一网格', 'BH-HW-1', 'BH-HW', [111.12, 37.50, 111.13, 37.52]),
);
const IN_GRID_1 = { lat: 37.51, lon: 111.105 };

let srv;
let admin;
let resident;
const area = {};
const who = {};

async function makeOrg(kind, name, area_id) {
  const r = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind, name, area_id } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

async function makeUser(username, role, organisation_ids = []) {
  const password = `${username}-Pass-2026`;
  const r = await srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token, json: { username, display_name: username, role, password, organisation_ids },
  });
  assert.equal(r.status, 201, r.text);
  return srv.login(username, password);
}

const get = (id, token) => srv.fetch(`${API}/${id}`, { token });
const step = (id, json, token) => srv.fetch(`${API}/${id}/steps`, { method: 'POST', token, json });
const ok = async (res) => { const r = await res; assert.equal(r.status, 200, r.text); return r.body; };
// The open appeals the caller's queue lists (GET /appeals, as the web queue asks).
const queue = async (token) => {
  const states = ['submitted', 'accepted', 'dispatched', 'returned', 'in_progress', 'replied', 'callback'];
  const r = await srv.fetch(`${API}?limit=200&${states.map((s) => `state=${s}`).join('&')}`, { token });
  assert.equal(r.status, 200, r.text);
  return new Map(r.body.items.map((a) => [a.id, a]));
};

// A new appeal in 生态园's first grid (category ads: no department, so the
// default dispatch goes to its grid), accepted and dispatched by an admin.
async function gridAppeal(dispatch = {}) {
  const r = await srv.fetch(API, {
    method: 'POST', token: resident.token,
    json: { category: 'ads', description: '楼道里贴满小广告', ...IN_GRID_1, contact: { name: '王阿姨', phone: '13812345678' } },
  });
  assert.equal(r.status, 201, r.text);
  await ok(step(r.body.id, { step: 'accept' }, admin.token));
  const d = await ok(step(r.body.id, { step: 'dispatch', ...dispatch }, admin.token));
  assert.equal(d.assigned_org_id, null);
  return d;
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const imported = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: district });
  assert.equal(imported.status, 200, imported.text);
  for (const a of imported.body.items) area[a.code] = a.id;
  who.grid = await makeUser('wangge1', 'worker', [await makeOrg('grid', '生态园第一网格', area['BH-STY-1'])]);
  who.grid2 = await makeUser('wangge2', 'worker', [await makeOrg('grid', '生态园第二网格', area['BH-STY-2'])]);
  who.hwGrid = await makeUser('houwa1', 'worker', [await makeOrg('grid', '后瓦第一网格', area['BH-HW-1'])]);
  who.community = await makeUser('liangjunlian', 'worker', [await makeOrg('community', '生态园社区', area['BH-STY'])]);
  who.subdistrict = await makeUser('binhe', 'worker', [await makeOrg('subdistrict', '滨河街道', area.BH)]);
  who.district = await makeUser('zhongxin', 'worker');
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'ads', name_zh: '牛皮癣', name_en: 'Illegal small ads', group: '市容环境', response_hours: 24, resolution_days: 3 },
  });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('the grid\'s own worker starts and finishes its appeal', async () => {
  const a = await gridAppeal();
  assert.equal(a.assigned_area_id, area['BH-STY-1']);
  const seen = await ok(get(a.id, who.grid.token));
  assert.deepEqual(seen.allowed_steps, ['start', 'return', 'merge']);
  assert.equal((await ok(step(a.id, { step: 'start' }, who.grid.token))).state, 'in_progress');
  const replied = await ok(step(a.id, { step: 'reply', outcome: 'solved', note: '已清理小广告' }, who.grid.token));
  assert.equal(replied.state, 'replied');
});

test('a worker of its community (and of its sub-district) works it too', async () => {
  const a = await gridAppeal();
  assert.deepEqual((await ok(get(a.id, who.community.token))).allowed_steps, ['start', 'return', 'merge']);
  assert.deepEqual((await ok(get(a.id, who.subdistrict.token))).allowed_steps, ['start', 'return', 'merge']);
  await ok(step(a.id, { step: 'start' }, who.community.token));
  const back = await ok(step(a.id, { step: 'return', note: '属于物业管理范围' }, who.subdistrict.token));
  assert.equal(back.state, 'returned');
});

test('a worker of another grid gets 403 naming the rule and nothing of the appeal, and does not find it in her queue', async () => {
  const a = await gridAppeal();
  for (const [name, caller] of [['生态园第二网格', who.grid2], ['后瓦第一网格', who.hwGrid]]) {
    const refused = await step(a.id, { step: 'start' }, caller.token);
    assert.equal(refused.status, 403, `${name}: ${refused.text}`);
    assert.match(refused.headers.get('content-type'), /application\/problem\+json/);
    assert.equal(refused.body.allowed_steps, undefined, 'no hint of its state');
    assert.match(refused.body.detail, /workers of that grid, its community or its sub-district/);
    assert.ok(!/allowed steps|小广告|王/.test(refused.text) && !refused.text.includes(a.tracking_code), refused.text);
    assert.equal((await get(a.id, caller.token)).status, 403);
    assert.ok(!(await queue(caller.token)).has(a.id), `${name}'s queue lists it`);
  }
  const after = await ok(get(a.id, admin.token));
  assert.equal(after.state, 'dispatched', 'nothing changed');
  assert.deepEqual(after.events.map((e) => e.action), ['submit', 'accept', 'dispatch']);
});

test('district workers and admins dispatch it but are not its assignees: the 403 names the rule', async () => {
  const a = await gridAppeal();
  for (const caller of [who.district, admin]) {
    assert.deepEqual((await ok(get(a.id, caller.token))).allowed_steps, ['merge']);
    const refused = await step(a.id, { step: 'start' }, caller.token);
    assert.equal(refused.status, 403, refused.text);
    assert.deepEqual(refused.body.allowed_steps, ['merge']);
    assert.match(refused.body.detail, /workers of that area or of an area containing it/);
  }
  // Still the dispatcher: the district worker sends it on to the second grid.
  const returned = await ok(step(a.id, { step: 'return', note: '不在本网格' }, who.grid.token));
  assert.equal(returned.state, 'returned');
  const moved = await ok(step(a.id, { step: 'dispatch', area_id: area['BH-STY-2'] }, who.district.token));
  assert.equal(moved.assigned_area_id, area['BH-STY-2']);
  // The appeal still lies in the first grid: its worker reads it, but it is
  // no longer hers to start; the second grid's worker is the assignee now.
  assert.deepEqual((await ok(get(a.id, who.grid.token))).allowed_steps, ['merge']);
  assert.equal((await step(a.id, { step: 'start' }, who.grid.token)).status, 403);
  assert.deepEqual((await ok(get(a.id, who.grid2.token))).allowed_steps, ['start', 'return', 'merge']);
  await ok(step(a.id, { step: 'start' }, who.grid2.token));
});

test('dispatched to its community: the community and sub-district start it, its grid does not', async () => {
  const a = await gridAppeal({ area_id: area['BH-STY'] });
  assert.equal(a.assigned_area_id, area['BH-STY']);
  assert.deepEqual((await ok(get(a.id, who.grid.token))).allowed_steps, ['merge']);
  const refused = await step(a.id, { step: 'start' }, who.grid.token);
  assert.equal(refused.status, 403, refused.text);
  assert.match(refused.body.detail, /an area containing it/);
  assert.deepEqual((await ok(get(a.id, who.subdistrict.token))).allowed_steps, ['start', 'return', 'merge']);
  await ok(step(a.id, { step: 'start' }, who.community.token));
});

test('the queue agrees: each worker\'s list shows the grid appeal with her own allowed steps', async () => {
  const a = await gridAppeal();
  const steps = async (caller) => (await queue(caller.token)).get(a.id)?.allowed_steps;
  assert.deepEqual(await steps(who.grid), ['start', 'return', 'merge']);
  assert.deepEqual(await steps(who.community), ['start', 'return', 'merge']);
  assert.deepEqual(await steps(who.subdistrict), ['start', 'return', 'merge']);
  assert.deepEqual(await steps(who.district), ['merge']);
  assert.equal(await steps(who.grid2), undefined);
  assert.equal(await steps(who.hwGrid), undefined);
});
