// Elder care, the people we look after (issue 16, part 1): a record's whole
// life over HTTP — recorded by her grid's worker, read by every kind of
// caller (full, masked, refused) with an audit row for every read of personal
// data, corrected with its history kept, exported for the elder, closed and
// still kept — and the bad input the routes refuse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NO_GRID, NOWHERE, elderBody, startEldercareWorld } from './lib/eldercare_world.mjs';

const API = '/api/v1/elders';
let w;
before(async () => { w = await startEldercareWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const reads = (id) => Number(w.srv.sql(
  `SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'elder' AND subject_id = '${id}'`));
const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });

function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}

test('a record from creation to closing, seen by every caller', async () => {
  const { callers: c } = w;
  const res = await w.srv.fetch(API, { method: 'POST', token: c.workerGrid.token, json: elderBody() });
  assert.equal(res.status, 201, res.text);
  const elder = res.body;
  assert.equal(res.headers.get('location'), `${API}/${elder.id}`);
  assert.equal(elder.view, 'full');
  assert.equal(elder.grid_id, w.area['BH-STY-1']);
  assert.equal(elder.community_id, w.area['BH-STY']);
  assert.equal(elder.subdistrict_id, w.area.BH);
  assert.equal(elder.consent.basis, 'consent');
  assert.equal(elder.consent.recorded_by, c.workerGrid.user.id);
  assert.equal(elder.health_consent, null);
  assert.equal(elder.needs, null);
  assert.deepEqual(elder.categories, ['living_alone', 'disabled']);

  // Full: admins and the workers of her grid and community.
  for (const who of ['admin', 'workerGrid', 'workerSty']) {
    const r = await get(`${API}/${elder.id}`, c[who]);
    assert.equal(r.status, 200, `${who}: ${r.text}`);
    assert.equal(r.body.view, 'full', who);
    assert.equal(r.body.name, '张桂兰');
    assert.equal(r.body.address, '交通路 12 号 3 单元 101');
  }
  // Masked: her sub-district's and the district's workers.
  for (const who of ['workerBh', 'workerDistrict']) {
    const r = await get(`${API}/${elder.id}`, c[who]);
    assert.equal(r.status, 200, `${who}: ${r.text}`);
    assert.equal(r.body.view, 'masked');
    assert.equal(r.body.name, '张**');
    assert.deepEqual(r.body.phones, ['138****5678', '0358-******4']);
    assert.equal(r.body.address, null);
    assert.equal(r.body.lat, null);
    assert.equal(r.body.birth_date, '1941-**-**');
    assert.deepEqual(r.body.emergency_contacts, [{ name: '王**', relation: '儿子', phone: '139****1111' }]);
    assert.ok(!r.text.includes('交通路') && !r.text.includes('13812345678'), r.text);
  }
  assert.equal(reads(elder.id), 5, 'one audit row per read');
  const detail = JSON.parse(w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${c.workerBh.user.id}`));
  assert.equal(detail.view, 'masked');
  // Refused: a worker of another community, every other role, nobody.
  assertProblem(await get(`${API}/${elder.id}`, c.workerHw), 403);
  for (const who of ['volunteer', 'keeper', 'department', 'resident']) {
    assertProblem(await get(`${API}/${elder.id}`, c[who]), 403);
  }
  assertProblem(await get(`${API}/${elder.id}`, null), 401);
  assert.equal(reads(elder.id), 5, 'a refused read reads nothing');

  // Corrected by her community's worker: the history keeps the old values.
  const fixed = await send('PATCH', `${API}/${elder.id}`, { name: '张桂芝', phones: ['13987654321'], risk_tier: 'priority' }, c.workerSty);
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.name, '张桂芝');
  assert.equal(fixed.body.risk_tier, 'priority');
  // The masked readers may read but not change, export or close.
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { name: '张三' }, c.workerBh), 403);
  assertProblem(await get(`${API}/${elder.id}/export`, c.workerDistrict), 403);
  assertProblem(await send('POST', `${API}/${elder.id}/close`, { reason: 'died' }, c.workerBh), 403);
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { name: '张三' }, c.workerHw), 403);

  // The export for the elder: everything held, as an attachment, audited.
  const before = reads(elder.id);
  const out = await get(`${API}/${elder.id}/export`, c.workerGrid);
  assert.equal(out.status, 200, out.text);
  assert.match(out.headers.get('content-disposition'), new RegExp(`attachment; filename="elder-${elder.id}.json"`));
  assert.equal(out.body.elder.name, '张桂芝');
  assert.deepEqual(out.body.history.map((e) => e.action), ['create', 'correct']);
  assert.deepEqual(out.body.history[1].detail.fields.name, { old: '张桂兰', new: '张桂芝' });
  assert.deepEqual(out.body.history[1].detail.fields.phones.old, ['13812345678', '0358-8221234']);
  assert.equal(reads(elder.id), before + 1);

  // Closed (moved out): kept with its history, read-only.
  const closed = await send('POST', `${API}/${elder.id}/close`, { reason: 'moved_out', note: '随女儿去太原' }, c.workerGrid);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.state, 'closed');
  assert.equal(closed.body.closed.reason, 'moved_out');
  assertProblem(await send('POST', `${API}/${elder.id}/close`, { reason: 'died' }, c.admin), 409);
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { name: '张三' }, c.admin), 409);
  assert.equal((await get(`${API}/${elder.id}`, c.admin)).body.state, 'closed');
  const after = await get(`${API}/${elder.id}/export`, c.admin);
  assert.deepEqual(after.body.history.map((e) => e.action), ['create', 'correct', 'close']);
  const gone = await get(`${API}?state=closed`, c.workerGrid);
  assert.ok(gone.body.items.some((e) => e.id === elder.id));
  assert.ok(!(await get(API, c.workerGrid)).body.items.some((e) => e.id === elder.id));
  const actions = w.srv.sql(`SELECT action FROM audit_log WHERE subject_type = 'elder' AND subject_id = '${elder.id}' AND action LIKE 'elder.%' ORDER BY id`);
  assert.deepEqual(actions.split('\n'), ['elder.create', 'elder.correct', 'elder.close']);
});

test('health details: only with separate consent, only for those who serve her', async () => {
  const { callers: c } = w;
  const needs = { diet: '低盐', mobility: '拄拐', hearing: '左耳弱', medicines: ['硝苯地平'] };
  assertProblem(await send('POST', API, elderBody({ needs }), c.workerGrid), 422, 'needs');
  const elder = await w.createElder({ needs, health_consent: { basis: 'guardian_consent', note: '女儿代为同意' } });
  assert.deepEqual(elder.needs, needs);
  assert.equal(elder.health_consent.basis, 'guardian_consent');
  assert.deepEqual((await get(`${API}/${elder.id}`, c.workerSty)).body.needs, needs);
  const masked = await get(`${API}/${elder.id}`, c.workerBh);
  assert.equal(masked.body.needs, null);
  assert.ok(!masked.text.includes('硝苯地平'));
  // Withdrawn: the health details are erased with it.
  const withdrawn = await send('PATCH', `${API}/${elder.id}`, { health_consent: null }, c.workerGrid);
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.body.needs, null);
  assert.equal(withdrawn.body.health_consent, null);
  assert.equal(w.srv.sql(`SELECT count(*) FROM elders WHERE id = ${elder.id} AND needs IS NOT NULL`), '0');
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { needs }, c.workerGrid), 422, 'needs');
  // legal_duty does not cover health details.
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { health_consent: { basis: 'legal_duty' } }, c.workerGrid), 422, 'health_consent.basis');
});

test('lists: the caller\'s areas, filters, pages, one audit row per page', async () => {
  const { callers: c } = w;
  const a = await w.createElder({ name: '李秀英', phones: ['13800000001'], risk_tier: 'general', categories: ['empty_nest'] });
  const b = await w.createElder({ name: '赵德胜', phones: ['13800000002'], risk_tier: 'high', categories: ['extreme_poverty', 'living_alone'] });
  const page1 = await get(`${API}?limit=1`, c.workerSty);
  assert.equal(page1.status, 200, page1.text);
  assert.equal(page1.body.items.length, 1);
  assert.equal(page1.body.items[0].id, b.id);
  const page2 = await get(`${API}?limit=1&cursor=${encodeURIComponent(page1.body.next_cursor)}`, c.workerSty);
  assert.equal(page2.body.items[0].id, a.id);
  const high = await get(`${API}?risk_tier=high&category=extreme_poverty&community_id=${w.area['BH-STY']}`, c.admin);
  assert.deepEqual(high.body.items.map((e) => e.id), [b.id]);
  assert.deepEqual((await get(`${API}?category=empty_nest`, c.workerGrid)).body.items.map((e) => e.id), [a.id]);
  // Masked for the district, nothing for another community.
  const district = await get(`${API}?category=empty_nest`, c.workerDistrict);
  assert.deepEqual(district.body.items.map((e) => [e.id, e.view, e.name]), [[a.id, 'masked', '李**']]);
  assert.deepEqual((await get(API, c.workerHw)).body.items, []);
  const pages = Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE subject_type = 'elder_list' AND actor_user_id = ${c.workerSty.user.id}`));
  assert.equal(pages, 2);
  for (const [q, field] of [['risk_tier=urgent', 'risk_tier'], ['category=独居', 'category'], ['community_id=abc', 'community_id'],
    ['state=gone', 'state'], ['limit=0', 'limit']]) {
    assertProblem(await get(`${API}?${encodeURI(q)}`, c.admin), 422, field);
  }
  for (const who of ['resident', 'department', 'keeper']) assertProblem(await get(API, c[who]), 403);
  // A volunteer lists only her team's elders (eldercare_teams.test.mjs); on no team, none.
  assert.deepEqual((await get(API, c.volunteer)).body, { items: [], next_cursor: null });
});

test('bad input is refused with a clear problem, never half-written', async () => {
  const { callers: c } = w;
  const count = () => w.srv.sql('SELECT count(*) FROM elders');
  const n = count();
  const raw = (body, headers = { 'content-type': 'application/json' }) =>
    w.srv.fetch(API, { method: 'POST', token: c.admin.token, body, headers });
  assertProblem(await raw('{"name": "张'), 400);
  assertProblem(await raw('[1, 2]'), 400);
  assertProblem(await raw('name=张', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  assertProblem(await raw(JSON.stringify(elderBody({ address: 'x'.repeat(20 * 1024) }))), 413);
  assertProblem(await send('POST', API, elderBody({ lat: 'north' }), c.admin), 422, 'lat');
  assertProblem(await send('POST', API, elderBody({ phones: '13812345678' }), c.admin), 422, 'phones');
  assertProblem(await send('POST', API, elderBody({ phones: ['12345'] }), c.admin), 422, 'phones[0]');
  assertProblem(await send('POST', API, elderBody({ emergency_contacts: [{ name: '王', phone: 'call me' }] }), c.admin), 422, 'emergency_contacts[0].phone');
  assertProblem(await send('POST', API, elderBody({ categories: ['独居'] }), c.admin), 422, 'categories');
  assertProblem(await send('POST', API, elderBody({ birth_date: '1941-02-30' }), c.admin), 422, 'birth_date');
  assertProblem(await send('POST', API, elderBody({ consent: { basis: 'asked' } }), c.admin), 422, 'consent.basis');
  assertProblem(await send('POST', API, elderBody({ consent: undefined }), c.admin), 422, 'consent');
  assertProblem(await send('POST', API, elderBody({ shoe_size: 37 }), c.admin), 422, 'shoe_size');
  // Outside every grid (in 生态园 but not in its grid), and outside the district.
  const noGrid = await send('POST', API, elderBody(NO_GRID), c.admin);
  assertProblem(noGrid, 422, 'lat');
  assert.match(noGrid.body.errors[0].message, /outside every grid/);
  assertProblem(await send('POST', API, elderBody(NOWHERE), c.admin), 422, 'lat');
  // A worker records only the elders of her own grid or community.
  assertProblem(await send('POST', API, elderBody(), c.workerHw), 403);
  assertProblem(await send('POST', API, elderBody(), c.workerBh), 403);
  assertProblem(await send('POST', API, elderBody(), c.volunteer), 403);
  assert.equal(count(), n, 'nothing written');
  // Unknown ids.
  for (const path of [`${API}/999999`, `${API}/abc`, `${API}/0`, `${API}/999999/export`]) {
    assertProblem(await get(path, c.admin), 404);
  }
  assertProblem(await send('PATCH', `${API}/999999`, { name: '王' }, c.admin), 404);
  assertProblem(await send('POST', `${API}/999999/close`, { reason: 'died' }, c.admin), 404);
  const e = await w.createElder({ phones: ['13800000009'] });
  assertProblem(await send('POST', `${API}/${e.id}/close`, { reason: 'gone' }, c.admin), 422, 'reason');
  assertProblem(await send('PATCH', `${API}/${e.id}`, { lat: 37.51 }, c.admin), 422, 'lon');
  assertProblem(await send('PATCH', `${API}/${e.id}`, NO_GRID, c.admin), 422, 'lat');
  // GCJ-02 input is converted (the grid is far from its edges).
  const gcj = await w.srv.fetch(`${API}/${e.id}?coord=gcj02`, { method: 'PATCH', token: c.admin.token, json: { lat: 37.5118, lon: 111.1112 } });
  assert.equal(gcj.status, 200, gcj.text);
  assert.ok(Math.abs(gcj.body.lon - 111.105) < 0.002, gcj.text);
});
