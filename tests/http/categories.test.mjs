// Appeal categories: English labels for the category's questions and values
// round-trip through POST, PUT and GET (and are checked); a default target
// must have an active department or worker user (422 naming it, in Chinese
// and English); GET /appeal-categories/stranded lists the categories whose
// target lost its last such user, for admins and district workers only; and
// an appeal is not dispatched to an organisation with nobody to act. GET of
// one category (200 for anyone, 404 unknown); only admins create, change
// or delete one (resident, worker, department, keeper 403; anonymous 401).
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

test('GET one category: 200 for anyone with the whole category, 404 for an unknown code', async () => {
  const { srv, orgId } = world;
  const created = await post({ ...LAMP, code: 'lamps_read', department_org_id: orgId });
  assert.equal(created.status, 201, created.text);
  const r = await srv.fetch(`${API}/lamps_read`); // no session
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const { created_at, updated_at, attributes, ...rest } = r.body;
  assert.deepEqual(rest, { code: 'lamps_read', name_zh: '路灯', name_en: 'Street lights', group: '市政设施',
    department_org_id: orgId, response_hours: 24, resolution_days: 5, active: true });
  assert.match(created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.equal(updated_at, created_at);
  assert.deepEqual(attributes.map((a) => [a.code, a.datatype, a.required]), [['what', 'singlevaluelist', true], ['more', 'text', false]]);
  assert.deepEqual(r.body, created.body, 'the same as the creation answered');
  for (const code of ['nothing', 'LAMPS_READ', 'lamps_read%20', '%E8%B7%AF%E7%81%AF']) {
    const missing = await srv.fetch(`${API}/${code}`);
    assert.equal(missing.status, 404, `${code}: ${missing.text}`);
    assert.match(missing.headers.get('content-type'), /^application\/problem\+json/);
  }
});

test('only admins change or delete a category; the refused leave it as it was', async () => {
  const { srv, admin, resident, worker, dept, keeper, orgId } = world;
  assert.equal((await post({ ...LAMP, code: 'lamps_guarded', department_org_id: orgId })).status, 201);
  const { code, ...rest } = LAMP;
  const change = { ...rest, department_org_id: orgId, resolution_days: 1 };
  const callers = [['resident', resident, 403], ['worker', worker, 403], ['department', dept, 403], ['keeper', keeper, 403], ['anonymous', {}, 401]];
  for (const [name, who, status] of callers) {
    const p = await srv.fetch(`${API}/lamps_guarded`, { method: 'PUT', token: who.token, json: change });
    assert.equal(p.status, status, `PUT as ${name}: ${p.text}`);
    const d = await srv.fetch(`${API}/lamps_guarded`, { method: 'DELETE', token: who.token });
    assert.equal(d.status, status, `DELETE as ${name}: ${d.text}`);
    const c = await srv.fetch(API, { method: 'POST', token: who.token, json: { ...LAMP, code: `by_${name}` } });
    assert.equal(c.status, status, `POST as ${name}: ${c.text}`);
  }
  const kept = await srv.fetch(`${API}/lamps_guarded`);
  assert.equal(kept.body.resolution_days, 5);
  assert.equal(kept.body.active, true);
  assert.equal(kept.body.updated_at, kept.body.created_at);
  for (const [name] of callers) assert.equal((await srv.fetch(`${API}/by_${name}`)).status, 404, name);

  // The admin's delete deactivates: still readable (old appeals name it), no longer listed or offered.
  const del = await srv.fetch(`${API}/lamps_guarded`, { method: 'DELETE', token: admin.token });
  assert.equal(del.status, 200, del.text);
  assert.equal(del.body.active, false);
  const gone = await srv.fetch(`${API}/lamps_guarded`);
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.body.active, false);
  const listed = (await srv.fetch(API)).body.items.map((c) => c.code);
  assert.ok(listed.includes('roads') && !listed.includes('lamps_guarded'), listed.join());
  assert.equal((await srv.fetch(`${API}/nothing`, { method: 'DELETE', token: admin.token })).status, 404);
});
