// GET /api/v1/appeals/counts over real HTTP, on either engine: a month's
// appeals by state, category, channel and area, equal to what was submitted
// and stepped; the month starting at 00:00 district time (an appeal at
// 2026-05-31T16:30Z is June's); a department counting only its own appeals;
// an empty month; bad input named by field; the roles that may not call it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

let srv;
let admin;
let resident;
let worker;
let dept;
const ids = [];
const NOW = '2026-06-15T10:00:00+08:00';

const counts = (query, who = admin) => srv.fetch(`/api/v1/appeals/counts?${query}`, { token: who?.token });

async function step(id, json, who) {
  const r = await srv.fetch(`/api/v1/appeals/${id}/steps`, { method: 'POST', token: who.token, json });
  assert.equal(r.status, 200, `${json.step}: ${r.text}`);
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident({ now: NOW }));
  worker = await srv.createUser(admin, 'wangge', 'worker');
  const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区城管局' } });
  assert.equal(o.status, 201, o.text);
  dept = await srv.createUser(admin, 'chengguan', 'department', [o.body.id]);
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'lamps', name_zh: '路灯不亮', name_en: 'Street lights', group: '城市管理', department_org_id: o.body.id,
      response_hours: 24, resolution_days: 5, attributes: [] },
  });
  assert.equal(c.status, 201, c.text);
  for (let i = 0; i < 4; i++) {
    const r = await srv.fetch('/api/v1/appeals', {
      method: 'POST', token: resident.token,
      json: { category: 'lamps', description: `路灯 ${i}`, lat: 37.52, lon: 111.14, contact: { name: '李毅', phone: '13812345678' } },
    });
    assert.equal(r.status, 201, r.text);
    ids.push(r.body.id);
  }
  await step(ids[0], { step: 'accept' }, worker);
  await step(ids[1], { step: 'accept' }, worker);
  await step(ids[1], { step: 'dispatch' }, worker);
  // ids[3] at 00:30 on 1 June district time (still 31 May in UTC): June's.
  srv.sql(`UPDATE appeals SET submitted_at = ${Date.parse('2026-05-31T16:30:00Z') / 1000} WHERE id = ${ids[3]}`, { readonly: false });
});

after(async () => { await srv?.stop(); });

test('a month by state counts every appeal submitted in it, by its state now', async () => {
  const r = await counts('month=2026-06&by=state');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.month, '2026-06');
  assert.equal(r.body.by, 'state');
  assert.equal(r.body.from, '2026-06-01T00:00:00+08:00');
  assert.equal(r.body.until, '2026-07-01T00:00:00+08:00');
  assert.equal(r.body.total, 4);
  assert.deepEqual(r.body.items, [
    { state: 'submitted', count: 2 }, { state: 'accepted', count: 1 }, { state: 'dispatched', count: 1 },
  ]);
  // `by` defaults to state.
  assert.deepEqual((await counts('month=2026-06')).body.items, r.body.items);
});

test('the month starts at 00:00 in the district: 2026-05-31T16:30Z is June, not May', async () => {
  const may = await counts('month=2026-05&by=state');
  assert.equal(may.status, 200, may.text);
  assert.equal(may.body.total, 0);
  assert.deepEqual(may.body.items, []);
});

test('by category, channel and area each group splits by state', async () => {
  const byCategory = await counts('month=2026-06&by=category');
  assert.equal(byCategory.status, 200, byCategory.text);
  const categoryId = Number(srv.sql("SELECT id FROM appeal_categories WHERE code = 'lamps'"));
  assert.ok(categoryId > 0);
  assert.deepEqual(byCategory.body.items, [{
    category_id: categoryId, category: 'lamps', name_zh: '路灯不亮', name_en: 'Street lights',
    count: 4, by_state: { submitted: 2, accepted: 1, dispatched: 1 },
  }]);
  const byChannel = await counts('month=2026-06&by=channel');
  assert.deepEqual(byChannel.body.items, [{ channel: 'web', count: 4, by_state: { submitted: 2, accepted: 1, dispatched: 1 } }]);
  // No areas in this world: every appeal is in the unlocated (null) group.
  for (const by of ['area', 'community', 'subdistrict', 'grid']) {
    const r = await counts(`month=2026-06&by=${by}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.by, by === 'area' ? 'community' : by);
    assert.deepEqual(r.body.items, [{ area_id: null, count: 4, by_state: { submitted: 2, accepted: 1, dispatched: 1 } }]);
  }
});

test('a department counts only the appeals dispatched to it; a worker of the district all', async () => {
  const d = await counts('month=2026-06&by=state', dept);
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.body.items, [{ state: 'dispatched', count: 1 }]);
  const w = await counts('month=2026-06&by=state', worker);
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.total, 4);
});

test('a month without appeals has no groups', async () => {
  for (const by of ['state', 'category', 'area']) {
    const r = await counts(`month=2031-02&by=${by}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.total, 0);
    assert.deepEqual(r.body.items, []);
  }
});

test('bad input is a 422 naming the field', async () => {
  const fields = async (query) => {
    const r = await counts(query);
    assert.equal(r.status, 422, `${query}: ${r.text}`);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    return r.body.errors.map((e) => e.field).sort();
  };
  assert.deepEqual(await fields('by=state'), ['month']);
  assert.deepEqual(await fields('month=&by=state'), ['month']);
  assert.deepEqual(await fields('month=2026-13&by=state'), ['month']);
  assert.deepEqual(await fields('month=2026-6&by=state'), ['month']);
  assert.deepEqual(await fields('month=1969-12&by=state'), ['month']);
  assert.deepEqual(await fields('month=2026-06&by=department'), ['by']);
  assert.deepEqual(await fields('month=2026-06&by='), ['by']);
  assert.deepEqual(await fields('month=june&by=colour'), ['by', 'month']);
});

test('residents and the anonymous may not call it', async () => {
  assert.equal((await counts('month=2026-06&by=state', resident)).status, 403);
  assert.equal((await counts('month=2026-06&by=state', null)).status, 401);
});
