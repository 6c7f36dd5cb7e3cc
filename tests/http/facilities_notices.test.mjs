// Love-station notices and the reception schedule of liaison stations:
// shown while valid, removed, the wrong kind, permissions (who may post and
// delete a notice, and not another station's), bad input, and the next
// reception on a working day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let keeper;
let resident;
let loveId;
let liaisonId;
let canteenId;

const at = { lat: 37.5205, lon: 111.14 };
const hour = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString();

async function create(body) {
  const r = await srv.fetch(API, { method: 'POST', token: admin.token, json: { address: '龙凤大街 3 号', ...at, ...body } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: '环卫所' } });
  assert.equal(o.status, 201, o.text);
  const u = await srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token,
    json: { username: 'station_a', display_name: '站长', role: 'keeper', password: 'keeper-pass-1', organisation_ids: [o.body.id] },
  });
  assert.equal(u.status, 201, u.text);
  keeper = await srv.login('station_a', 'keeper-pass-1');
  loveId = await create({ kind: 'love_station', name: '凤山爱心驿站', keeper_org_id: o.body.id });
  liaisonId = await create({ kind: 'liaison_station', name: '交口代表联络站' });
  canteenId = await create({ kind: 'canteen', name: '生态园食堂' });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const notice = (id, json, token) => srv.fetch(`${API}/${id}/notices`, { method: 'POST', token, json });
const receptions = (id, json, token) => srv.fetch(`${API}/${id}/receptions`, { method: 'PUT', token, json });
const valid = () => ({ text: '今日免费绿豆汤', valid_from: iso(Date.now() - hour), valid_until: iso(Date.now() + 24 * hour) });

test('a notice shows while valid and not after deletion', async () => {
  const future = await notice(loveId, { text: '明天有姜汤', valid_from: iso(Date.now() + 24 * hour), valid_until: iso(Date.now() + 48 * hour) }, admin.token);
  assert.equal(future.status, 201, future.text);
  const r = await notice(loveId, valid(), keeper.token);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.text, '今日免费绿豆汤');
  const shown = await srv.fetch(`${API}/${loveId}`);
  assert.equal(shown.status, 200);
  assert.deepEqual(shown.body.notices.map((n) => n.id), [r.body.id]);
  const del = await srv.fetch(`${API}/${loveId}/notices/${r.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(del.status, 204, del.text);
  const again = await srv.fetch(`${API}/${loveId}/notices/${r.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(again.status, 404);
  const after = await srv.fetch(`${API}/${loveId}`);
  assert.deepEqual(after.body.notices, []);
});

test('notices only at love stations; permissions', async () => {
  assert.equal((await notice(canteenId, valid(), admin.token)).status, 409);
  assert.equal((await notice(999999, valid(), admin.token)).status, 404);
  assert.equal((await notice(loveId, valid(), resident.token)).status, 403);
  assert.equal((await notice(loveId, valid())).status, 401);
  assert.equal((await notice(liaisonId, valid(), keeper.token)).status, 403);  // not theirs
  const canteen = await srv.fetch(`${API}/${canteenId}`);
  assert.equal('notices' in canteen.body, false);
  assert.equal('receptions' in canteen.body, false);
});

test('bad notices are 400 or 422', async () => {
  const now = Date.now();
  const cases = [
    { ...valid(), valid_until: iso(now - 2 * hour) },
    { ...valid(), valid_from: iso(now), valid_until: iso(now + 32 * 24 * hour) },
    { ...valid(), valid_from: 'yesterday' },
    { ...valid(), text: '' },
    { ...valid(), colour: 'red' },
  ];
  for (const body of cases) {
    const r = await notice(loveId, body, admin.token);
    assert.equal(r.status, 422, JSON.stringify(body) + r.text);
  }
  const raw = await srv.fetch(`${API}/${loveId}/notices`, { method: 'POST', token: admin.token, body: '{', headers: { 'content-type': 'application/json' } });
  assert.equal(raw.status, 400);
});

test('receptions: PUT replaces the schedule and GET shows the next one', async () => {
  const every = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ representative: '王代表', weekday, from: '00:00', until: '24:00' }));
  const r = await receptions(liaisonId, { receptions: every }, admin.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.receptions.length, 7);
  const got = await srv.fetch(`${API}/${liaisonId}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.receptions[0].from, '00:00');
  assert.equal(got.body.receptions[0].until, '24:00');
  assert.ok(got.body.next_reception, got.text);
  assert.equal(got.body.next_reception.representative, '王代表');
  assert.match(got.body.next_reception.from, /T00:00:00\+08:00$/);
  const cleared = await receptions(liaisonId, { receptions: [] }, admin.token);
  assert.equal(cleared.status, 200);
  const none = await srv.fetch(`${API}/${liaisonId}`);
  assert.deepEqual(none.body.receptions, []);
  assert.equal(none.body.next_reception, null);
});

test('receptions: wrong kind, permissions and bad input', async () => {
  const ok = { receptions: [{ representative: '李代表', weekday: 2, from: '09:00', until: '11:00' }] };
  assert.equal((await receptions(loveId, ok, admin.token)).status, 409);
  assert.equal((await receptions(liaisonId, ok, resident.token)).status, 403);
  assert.equal((await receptions(liaisonId, ok)).status, 401);
  const bad = [
    { representative: '李代表', weekday: 8, from: '09:00', until: '11:00' },
    { representative: '李代表', weekday: 2, from: '9:00', until: '11:00' },
    { representative: '李代表', weekday: 2, from: '11:00', until: '09:00' },
    { representative: '', weekday: 2, from: '09:00', until: '11:00' },
  ];
  for (const item of bad) {
    const r = await receptions(liaisonId, { receptions: [item] }, admin.token);
    assert.equal(r.status, 422, JSON.stringify(item) + r.text);
  }
  const many = Array.from({ length: 21 }, () => ok.receptions[0]);
  assert.equal((await receptions(liaisonId, { receptions: many }, admin.token)).status, 422);
});

test('only admins and the station\'s keepers post or delete a notice; the refused change nothing', async () => {
  const org = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: '别家物业' } });
  assert.equal(org.status, 201, org.text);
  const dept = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区民政局' } });
  assert.equal(dept.status, 201, dept.text);
  const callers = [
    ['resident', resident, 403],
    ['worker', await srv.createUser(admin, 'notice_worker', 'worker'), 403],
    ['department', await srv.createUser(admin, 'notice_dept', 'department', [dept.body.id]), 403],
    ['another keeper', await srv.createUser(admin, 'notice_keeper_b', 'keeper', [org.body.id]), 403],
    ['anonymous', {}, 401],
  ];
  const kept = await notice(loveId, { ...valid(), text: '本周三下午停电' }, keeper.token);
  assert.equal(kept.status, 201, kept.text);
  for (const [name, who, status] of callers) {
    const posted = await notice(loveId, { ...valid(), text: `来自 ${name}` }, who.token);
    assert.equal(posted.status, status, `POST as ${name}: ${posted.text}`);
    const del = await srv.fetch(`${API}/${loveId}/notices/${kept.body.id}`, { method: 'DELETE', token: who.token });
    assert.equal(del.status, status, `DELETE as ${name}: ${del.text}`);
    assert.match(del.headers.get('content-type'), /^application\/problem\+json/);
  }
  const shown = await srv.fetch(`${API}/${loveId}`);
  assert.deepEqual(shown.body.notices.map((n) => n.text), ['本周三下午停电']);
  // An admin may delete any station's notice; an unknown notice is 404.
  const byAdmin = await srv.fetch(`${API}/${loveId}/notices/${kept.body.id}`, { method: 'DELETE', token: admin.token });
  assert.equal(byAdmin.status, 204, byAdmin.text);
  assert.deepEqual((await srv.fetch(`${API}/${loveId}`)).body.notices, []);
  assert.equal((await srv.fetch(`${API}/${loveId}/notices/999999`, { method: 'DELETE', token: admin.token })).status, 404);
  assert.equal((await srv.fetch(`${API}/999999/notices/1`, { method: 'DELETE', token: admin.token })).status, 404);

  // A keeper cannot reach another station's notice through their own station's path.
  const otherKeeper = callers[3][1];
  const theirs = await create({ kind: 'love_station', name: '别家爱心驿站', keeper_org_id: org.body.id });
  const their = await notice(theirs, { ...valid(), text: '别家的通知' }, otherKeeper.token);
  assert.equal(their.status, 201, their.text);
  const sideways = await srv.fetch(`${API}/${loveId}/notices/${their.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(sideways.status, 404, sideways.text);
  assert.deepEqual((await srv.fetch(`${API}/${theirs}`)).body.notices.map((n) => n.text), ['别家的通知']);
});
