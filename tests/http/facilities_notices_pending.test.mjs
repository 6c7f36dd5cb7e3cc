// GET /api/v1/facilities/{id}/notices: the notices a keeper manages — in
// force and to come, soonest first, ended ones left out — while the facility
// itself shows only those in force. Only admins and the station's keepers;
// love stations only; unknown ids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

const API = '/api/v1/facilities';
const hour = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString();
let srv;
let admin;
let resident;
let keeper;
let other;
let loveId;
let canteenId;

async function keeperOf(orgName, username) {
  const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: orgName } });
  assert.equal(o.status, 201, o.text);
  const u = await srv.fetch('/api/v1/users', { method: 'POST', token: admin.token,
    json: { username, display_name: username, role: 'keeper', password: 'keeper-pass-1', organisation_ids: [o.body.id] } });
  assert.equal(u.status, 201, u.text);
  return { org: o.body.id, session: await srv.login(username, 'keeper-pass-1') };
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const mine = await keeperOf('环卫所', 'station_keeper');
  keeper = mine.session;
  other = (await keeperOf('另一家', 'other_keeper')).session;
  const at = { lat: 37.5205, lon: 111.14, address: '龙凤大街 3 号' };
  const love = await srv.fetch(API, { method: 'POST', token: admin.token, json: { ...at, kind: 'love_station', name: '凤山爱心驿站', keeper_org_id: mine.org } });
  const canteen = await srv.fetch(API, { method: 'POST', token: admin.token, json: { ...at, kind: 'canteen', name: '生态园食堂', keeper_org_id: mine.org } });
  assert.equal(love.status, 201, love.text);
  loveId = love.body.id;
  canteenId = canteen.body.id;
});
after(async () => { await srv.stop(); srv.cleanup(); });

const post = (json) => srv.fetch(`${API}/${loveId}/notices`, { method: 'POST', token: keeper.token, json });

test('in force and to come, soonest first; the facility shows only those in force', async () => {
  const now = Date.now();
  const later = await post({ text: '后天有姜汤', valid_from: iso(now + 48 * hour), valid_until: iso(now + 72 * hour) });
  const tomorrow = await post({ text: '明天停水', valid_from: iso(now + 24 * hour), valid_until: iso(now + 30 * hour) });
  const today = await post({ text: '今日免费绿豆汤', valid_from: iso(now - hour), valid_until: iso(now + hour) });
  for (const r of [later, tomorrow, today]) assert.equal(r.status, 201, r.text);

  const list = await srv.fetch(`${API}/${loveId}/notices`, { token: keeper.token });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((n) => n.text), ['今日免费绿豆汤', '明天停水', '后天有姜汤']);
  assert.deepEqual(Object.keys(list.body.items[0]), ['id', 'text', 'valid_from', 'valid_until', 'created_at']);
  assert.deepEqual((await srv.fetch(`${API}/${loveId}`)).body.notices.map((n) => n.text), ['今日免费绿豆汤']);

  // Removed ones are gone from both; admins read the list too.
  const del = await srv.fetch(`${API}/${loveId}/notices/${tomorrow.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(del.status, 204);
  const byAdmin = await srv.fetch(`${API}/${loveId}/notices`, { token: admin.token });
  assert.equal(byAdmin.status, 200);
  assert.deepEqual(byAdmin.body.items.map((n) => n.text), ['今日免费绿豆汤', '后天有姜汤']);
});

test('only admins and the station\'s keepers; love stations only; unknown ids', async () => {
  assert.equal((await srv.fetch(`${API}/${loveId}/notices`)).status, 401);
  assert.equal((await srv.fetch(`${API}/${loveId}/notices`, { token: resident.token })).status, 403);
  assert.equal((await srv.fetch(`${API}/${loveId}/notices`, { token: other.token })).status, 403);
  assert.equal((await srv.fetch(`${API}/${canteenId}/notices`, { token: keeper.token })).status, 409);
  assert.equal((await srv.fetch(`${API}/999999/notices`, { token: admin.token })).status, 404);
  assert.equal((await srv.fetch(`${API}/abc/notices`, { token: admin.token })).status, 404);
});
