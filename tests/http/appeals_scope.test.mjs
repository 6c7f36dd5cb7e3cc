// A community worker's reach: organisations serve areas; a worker bound to
// areas reads and works only those areas' appeals, and only the appeal's own
// community (or district staff) records the callback behind the 满意率.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { binhe } from './lib/areas_geojson.mjs';

const API = '/api/v1/appeals';
// 滨河 with two communities side by side; 生态园 has a grid in its west half.
const district = binhe();

let srv;
let admin;
let resident;
const area = {};
const org = {};
const who = {};
let inSty;
let inHw;

async function makeOrg(kind, name, area_id) {
  const r = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind, name, area_id } });
  assert.equal(r.status, 201, r.text);
  return r.body;
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
const listIds = async (token) => (await srv.fetch(API, { token })).body.items.map((a) => a.id);

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const imported = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: district });
  assert.equal(imported.status, 200, imported.text);
  for (const a of imported.body.items) area[a.code] = a.id;
  org.sty = await makeOrg('community', '生态园社区', area['BH-STY']);
  assert.equal(org.sty.area_id, area['BH-STY']);
  org.hw = await makeOrg('community', '后瓦社区', area['BH-HW']);
  org.grid = await makeOrg('grid', '生态园第一网格', area['BH-STY-1']);
  org.dept = await makeOrg('department', '区住建局');
  assert.equal(org.dept.area_id, null);
  who.sty = await makeUser('liangjunlian', 'worker', [org.sty.id]);
  who.hw = await makeUser('houwa', 'worker', [org.hw.id]);
  who.grid = await makeUser('wangge', 'worker', [org.grid.id]);
  who.district = await makeUser('zhongxin', 'worker');
  who.dept = await makeUser('zhujian', 'department', [org.dept.id]);
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'roads', name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: org.dept.id,
      response_hours: 24, resolution_days: 5 },
  });
  assert.equal(c.status, 201, c.text);
  const submit = async (lat, lon) => {
    const r = await srv.fetch(API, {
      method: 'POST', token: resident.token,
      json: { category: 'roads', description: '路面坑洼', lat, lon, contact: { name: '王阿姨', phone: '13812345678' } },
    });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  inSty = await submit(37.51, 111.105); // 生态园, its first grid
  inHw = await submit(37.51, 111.13); // 后瓦
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('a community worker lists and reads only the appeals of its community', async () => {
  assert.deepEqual((await listIds(who.sty.token)).filter((id) => [inSty, inHw].includes(id)), [inSty]);
  assert.deepEqual((await listIds(who.hw.token)).filter((id) => [inSty, inHw].includes(id)), [inHw]);
  assert.deepEqual((await listIds(who.district.token)).filter((id) => [inSty, inHw].includes(id)).sort(), [inSty, inHw].sort());
  assert.equal((await get(inSty, who.sty.token)).status, 200);
  const other = await get(inSty, who.hw.token);
  assert.equal(other.status, 403, other.text);
  assert.ok(!other.text.includes('王'), 'nothing of the appeal shows');
  assert.equal((await srv.fetch(`${API}/${inSty}?reveal=contact`, { token: who.hw.token })).status, 403);
  const audit = await srv.fetch(`/api/v1/audit?action=personal_data.read`, { token: admin.token });
  assert.ok(!audit.body.items.some((e) => e.subject_id === String(inSty)), 'no contact was revealed');
});

test('steps: only workers of the appeal\'s areas act; the callback only by its community or district staff', async () => {
  const denied = await step(inSty, { step: 'accept' }, who.hw.token);
  assert.equal(denied.status, 403, denied.text);
  assert.equal(denied.body.allowed_steps, undefined, 'no hint of the appeal\'s state');
  assert.equal((await step(inSty, { step: 'accept' }, who.grid.token)).status, 200);
  assert.equal((await step(inSty, { step: 'dispatch' }, who.sty.token)).status, 200);
  assert.equal((await step(inSty, { step: 'start' }, who.dept.token)).status, 200);
  assert.equal((await step(inSty, { step: 'reply', outcome: 'solved', note: '已修补' }, who.dept.token)).status, 200);
  // The grid works the appeal but does not grade its own community's work.
  const asGrid = await get(inSty, who.grid.token);
  assert.ok(!asGrid.body.allowed_steps.includes('callback'), asGrid.text);
  const byGrid = await step(inSty, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, who.grid.token);
  assert.equal(byGrid.status, 403, byGrid.text);
  assert.match(byGrid.body.detail, /own community or by district staff/);
  assert.equal((await step(inSty, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, who.hw.token)).status, 403);
  const asSty = await get(inSty, who.sty.token);
  assert.ok(asSty.body.allowed_steps.includes('callback'), asSty.text);
  const bySty = await step(inSty, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, who.sty.token);
  assert.equal(bySty.status, 200, bySty.text);
  assert.equal((await step(inSty, { step: 'close' }, who.district.token)).status, 200);
});

test('organisations serve areas of their own level; a change applies at once', async () => {
  const patch = (id, json) => srv.fetch(`/api/v1/organisations/${id}`, { method: 'PATCH', token: admin.token, json });
  const field = (res) => (res.body.errors || []).map((e) => e.field);
  const wrongLevel = await patch(org.hw.id, { area_id: area['BH-STY-1'] });
  assert.equal(wrongLevel.status, 422, wrongLevel.text);
  assert.deepEqual(field(wrongLevel), ['area_id']);
  assert.match(wrongLevel.body.errors[0].message, /is a grid/);
  assert.equal((await patch(org.hw.id, { area_id: 999999 })).status, 422);
  assert.equal((await patch(org.dept.id, { area_id: area['BH-HW'] })).status, 422);
  assert.equal((await patch(org.hw.id, {})).status, 422);
  assert.equal((await patch(org.hw.id, { area_id: 'BH-HW' })).status, 422);
  assert.equal((await patch(999999, { area_id: null })).status, 404);
  assert.equal((await srv.fetch(`/api/v1/organisations/${org.hw.id}`, { method: 'PATCH', token: who.hw.token, json: { area_id: null } })).status, 403);
  assert.equal((await get(inSty, who.hw.token)).status, 403);
  // 后瓦社区 moves to 生态园: its worker now reads 生态园's appeals, not 后瓦's.
  const moved = await patch(org.hw.id, { area_id: area['BH-STY'] });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.area_id, area['BH-STY']);
  assert.equal((await get(inSty, who.hw.token)).status, 200);
  assert.equal((await get(inHw, who.hw.token)).status, 403);
  const audit = await srv.fetch(`/api/v1/audit?action=organisation.update`, { token: admin.token });
  assert.equal(audit.body.items[0].subject_id, String(org.hw.id));
  // Cleared: the organisation serves no area, its worker is district staff.
  assert.equal((await patch(org.hw.id, { area_id: null })).body.area_id, null);
  assert.equal((await get(inHw, who.hw.token)).status, 200);
});
