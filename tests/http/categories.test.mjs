// Appeal categories: English labels for the category's questions and values
// round-trip through POST, PUT and GET (and are checked); a default target
// must have an active department or worker user (422 naming it, in Chinese
// and English); GET /appeal-categories/stranded lists the categories whose
// target lost its last such user, for admins and district workers only; and
// an appeal is not dispatched to an organisation with nobody to act.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeOrg, startAppealsWorld } from './lib/fixtures.mjs';

const API = '/api/v1/appeal-categories';
let world;

before(async () => { world = await startAppealsWorld(); });
after(async () => { await world.srv.stop(); world.srv.cleanup(); });

const post = (json, who = world.admin) => world.srv.fetch(API, { method: 'POST', token: who.token, json });
const put = (code, json, who = world.admin) => world.srv.fetch(`${API}/${code}`, { method: 'PUT', token: who.token, json });
const fields = (r) => (r.body.errors || []).map((e) => e.field).sort();

const LAMP = {
  code: 'lamps', name_zh: '路灯', name_en: 'Street lights', group: '市政设施', response_hours: 24, resolution_days: 5,
  attributes: [
    { code: 'what', datatype: 'singlevaluelist', required: true, description: '哪里坏了', description_en: 'What is broken?',
      values: [{ key: 'off', name: '不亮', name_en: 'Not lit' }, { key: 'flicker', name: '闪烁' }] },
    { code: 'more', datatype: 'text', description: '补充说明' },
  ],
};

test('English questions and values round-trip; missing English stays empty for the Chinese to show', async () => {
  const { srv } = world;
  const created = await post({ ...LAMP, department_org_id: world.orgId });
  assert.equal(created.status, 201, created.text);
  const read = await srv.fetch(`${API}/lamps`);
  assert.equal(read.body.name_en, 'Street lights');
  const [what, more] = read.body.attributes;
  assert.equal(what.description_en, 'What is broken?');
  assert.deepEqual(what.values, [{ key: 'off', name: '不亮', name_en: 'Not lit' }, { key: 'flicker', name: '闪烁', name_en: '' }]);
  assert.equal(more.description_en, '');
  const { code, ...rest } = LAMP;
  rest.attributes = [{ ...LAMP.attributes[0], description_en: 'Which way is it broken?' }];
  const changed = await put(code, { ...rest, department_org_id: world.orgId });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.attributes[0].description_en, 'Which way is it broken?');
  const listed = (await srv.fetch(API)).body.items.find((c) => c.code === 'lamps');
  assert.equal(listed.attributes[0].values[0].name_en, 'Not lit');
});

test('English labels are checked: wrong type, too long', async () => {
  const bad = (attributes) => post({ ...LAMP, code: 'bad_en', attributes });
  let r = await bad([{ ...LAMP.attributes[0], description_en: 7 }]);
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['attributes[0].description_en']);
  r = await bad([{ ...LAMP.attributes[0], description_en: 'x'.repeat(201) }]);
  assert.deepEqual(fields(r), ['attributes[0].description_en']);
  r = await bad([{ ...LAMP.attributes[0], values: [{ key: 'off', name: '不亮', name_en: 'y'.repeat(65) }] }]);
  assert.deepEqual(fields(r), ['attributes[0].values[0].name_en']);
  r = await bad([{ ...LAMP.attributes[0], values: [{ key: 'off', name: '不亮', name_en: false }] }]);
  assert.deepEqual(fields(r), ['attributes[0].values[0]']);
  r = await post({ ...LAMP, code: 'stranded' });
  assert.deepEqual(fields(r), ['code']);
});

test('a default target without anybody to act is refused, naming it', async () => {
  const { srv, admin } = world;
  const empty = await makeOrg(srv, admin, '区园林局', 'department');
  const r = await post({ ...LAMP, code: 'trees', department_org_id: empty });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['department_org_id']);
  assert.match(r.body.errors[0].message, /「区园林局」没有能办理派单诉求的在用账号/);
  assert.match(r.body.errors[0].message, /区园林局 has no active user who can act/);
  assert.equal((await srv.fetch(`${API}/trees`)).status, 404); // nothing written
  // A keeper in it does not count; a department user does.
  await srv.createUser(admin, 'yuanlin_keeper', 'keeper', [empty]);
  assert.equal((await post({ ...LAMP, code: 'trees', department_org_id: empty })).status, 422);
  await srv.createUser(admin, 'yuanlin', 'department', [empty]);
  assert.equal((await post({ ...LAMP, code: 'trees', department_org_id: empty })).status, 201);
  // PUT to a target without anybody, or to none that exists, is refused too.
  const other = await makeOrg(srv, admin, '区水务局', 'department');
  const { code, ...rest } = LAMP;
  const moved = await put('trees', { ...rest, department_org_id: other });
  assert.equal(moved.status, 422, moved.text);
  assert.match(moved.body.errors[0].message, /区水务局/);
  assert.equal((await put('trees', { ...rest, department_org_id: 999999 })).status, 422);
  assert.equal((await srv.fetch(`${API}/trees`)).body.department_org_id, empty);
  assert.equal((await put('nothing', { ...rest })).status, 404);
});

test('the last user who could act disabled: the category is listed as stranded until fixed', async () => {
  const { srv, admin, worker, resident, keeper } = world;
  const org = await makeOrg(srv, admin, '区交通局', 'department');
  const only = await srv.createUser(admin, 'jiaotong', 'department', [org]);
  assert.equal((await post({ ...LAMP, code: 'buses', name_zh: '公交站', department_org_id: org })).status, 201);
  const stranded = async (who = admin) => {
    const r = await srv.fetch(`${API}/stranded`, { token: who.token });
    assert.equal(r.status, 200, r.text);
    return r.body.items;
  };
  assert.deepEqual((await stranded()).map((c) => c.code), []);
  const off = await srv.fetch(`/api/v1/users/${only.user.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  const items = await stranded(worker); // a district worker sees it too
  assert.deepEqual(items, [{ code: 'buses', name_zh: '公交站', name_en: 'Street lights', department_org_id: org,
    organisation_name: '区交通局', reason: 'no_actor' }]);
  // Who may not ask.
  assert.equal((await srv.fetch(`${API}/stranded`)).status, 401);
  assert.equal((await srv.fetch(`${API}/stranded`, { token: resident.token })).status, 403);
  assert.equal((await srv.fetch(`${API}/stranded`, { token: keeper.token })).status, 403);
  // The fix: no default target (the place's community or grid gets it).
  const { code, ...rest } = LAMP;
  const fixed = await put('buses', { ...rest, name_zh: '公交站' });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.department_org_id, null);
  assert.deepEqual(await stranded(), []);
});

test('dispatching to an organisation with nobody to act is refused, named or by default', async () => {
  const { srv, admin, resident, worker } = world;
  const org = await makeOrg(srv, admin, '区林业局', 'department');
  const only = await srv.createUser(admin, 'linye', 'department', [org]);
  assert.equal((await post({ ...LAMP, code: 'forest', department_org_id: org, attributes: [] })).status, 201);
  const a = await srv.fetch('/api/v1/appeals', { method: 'POST', token: resident.token, json: {
    category: 'forest', description: '行道树倒了', lat: 37.53, lon: 111.15, anonymous: true } });
  assert.equal(a.status, 201, a.text);
  const step = (json) => srv.fetch(`/api/v1/appeals/${a.body.id}/steps`, { method: 'POST', token: worker.token, json });
  assert.equal((await step({ step: 'accept' })).status, 200);
  const nobody = await makeOrg(srv, admin, '区气象局', 'department');
  let r = await step({ step: 'dispatch', org_id: nobody });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['org_id']);
  assert.match(r.body.errors[0].message, /「区气象局」没有能办理派单诉求的在用账号.*请改派其他单位/);
  assert.equal((await step({ step: 'dispatch', org_id: 999999 })).status, 422);
  await srv.fetch(`/api/v1/users/${only.user.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
  r = await step({ step: 'dispatch' }); // the category's default has nobody left
  assert.equal(r.status, 422, r.text);
  assert.match(r.body.errors[0].message, /区林业局 has no active user who can act on a dispatched appeal \(role department or worker\): dispatch it elsewhere/);
  assert.equal((await srv.fetch(`/api/v1/appeals/${a.body.id}`, { token: admin.token })).body.state, 'accepted');
  r = await step({ step: 'dispatch', org_id: world.orgId }); // 区住建局 has zhujian
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.assigned_org_id, world.orgId);
});
