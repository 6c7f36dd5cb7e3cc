// Parking free spaces: a lot's keeper reports them, nearby and the facility
// show them with their age; permissions, bad input, and a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacility, startWithTwoKeepers } from './lib/fixtures.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let keeper;
let otherKeeper;
let resident;
let lotId;
let stationId;

const near = { lat: 37.5205, lon: 111.14 };

const create = (body) => createFacility(srv, admin, body);

before(async () => {
  let orgA;
  ({ srv, admin, resident, orgA, keeper, otherKeeper } =
    await startWithTwoKeepers(['区机关事务服务中心', '区医院'], ['gate_a', 'gate_b']));
  lotId = await create({
    kind: 'parking', name: '区政府停车场', address: '龙凤大街 1 号', ...near,
    keeper_org_id: orgA, opening_hours: '24/7', amenities: { capacity: 40, fee_fen_per_hour: 0 },
  });
  stationId = await create({
    kind: 'love_station', name: '龙凤爱心驿站', address: '龙凤大街 2 号', ...near,
    keeper_org_id: orgA, opening_hours: '24/7',
  });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const post = (id, json, token) => srv.fetch(`${API}/${id}/occupancy`, { method: 'POST', token, json });
const nearbyLot = async () => {
  const r = await srv.fetch(`${API}/nearby?lat=37.52&lon=111.14&kind=parking`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.find((i) => i.id === lotId);
};

test('before any report the lot shows unknown free spaces; other kinds carry no such fields', async () => {
  const lot = await srv.fetch(`${API}/${lotId}`);
  assert.equal(lot.body.free_spaces, null);
  assert.equal(lot.body.free_spaces_at, null);
  assert.equal(lot.body.free_spaces_age_s, null);
  const station = await srv.fetch(`${API}/${stationId}`);
  assert.equal('free_spaces' in station.body, false);
  const all = await srv.fetch(`${API}/nearby?lat=37.52&lon=111.14`);
  const item = all.body.items.find((i) => i.id === stationId);
  assert.ok(item);
  assert.equal('free_spaces' in item, false);
});

test('the keeper reports free spaces; nearby and the facility show them with their age', async () => {
  const r = await post(lotId, { free_spaces: 17 }, keeper.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.facility_id, lotId);
  assert.equal(r.body.free_spaces, 17);
  assert.match(r.body.free_spaces_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.equal(r.body.free_spaces_age_s, 0);

  const item = await nearbyLot();
  assert.equal(item.free_spaces, 17);
  assert.equal(item.free_spaces_at, r.body.free_spaces_at);
  assert.ok(item.free_spaces_age_s >= 0 && item.free_spaces_age_s < 60);
  const one = await srv.fetch(`${API}/${lotId}`);
  assert.equal(one.body.free_spaces, 17);
  assert.equal(one.body.free_spaces_at, r.body.free_spaces_at);
  assert.equal(typeof one.body.free_spaces_age_s, 'number');

  const byAdmin = await post(lotId, { free_spaces: 0 }, admin.token);
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.equal((await nearbyLot()).free_spaces, 0);
});

test('permissions: another organisation\'s keeper 403, resident 403, no session 401', async () => {
  assert.equal((await post(lotId, { free_spaces: 3 }, otherKeeper.token)).status, 403);
  assert.equal((await post(lotId, { free_spaces: 3 }, resident.token)).status, 403);
  assert.equal((await post(lotId, { free_spaces: 3 })).status, 401);
  assert.equal((await nearbyLot()).free_spaces, 0);
});

test('bad input: over capacity 422, negative 422, unknown field 422, malformed 400, non-parking 409, unknown id 404', async () => {
  const over = await post(lotId, { free_spaces: 41 }, keeper.token);
  assert.equal(over.status, 422, over.text);
  assert.deepEqual(over.body.errors.map((e) => e.field), ['free_spaces']);
  const negative = await post(lotId, { free_spaces: -1 }, keeper.token);
  assert.equal(negative.status, 422);
  assert.deepEqual(negative.body.errors.map((e) => e.field), ['free_spaces']);
  const missing = await post(lotId, {}, keeper.token);
  assert.equal(missing.status, 422);
  const unknown = await post(lotId, { free_spaces: 1, spaces: 2 }, keeper.token);
  assert.equal(unknown.status, 422);
  assert.deepEqual(unknown.body.errors.map((e) => e.field), ['spaces']);
  const malformed = await srv.fetch(`${API}/${lotId}/occupancy`, {
    method: 'POST', token: keeper.token, headers: { 'content-type': 'application/json' }, body: '{"free_spaces":',
  });
  assert.equal(malformed.status, 400);
  assert.equal((await post(stationId, { free_spaces: 1 }, keeper.token)).status, 409);
  assert.equal((await post(999999, { free_spaces: 1 }, admin.token)).status, 404);
  assert.equal((await nearbyLot()).free_spaces, 0);
});

test('a restart keeps the latest report', async () => {
  const r = await post(lotId, { free_spaces: 23 }, keeper.token);
  assert.equal(r.status, 200, r.text);
  await srv.restart();
  const item = await nearbyLot();
  assert.equal(item.free_spaces, 23);
  assert.equal(item.free_spaces_at, r.body.free_spaces_at);
  const one = await srv.fetch(`${API}/${lotId}`);
  assert.equal(one.body.free_spaces, 23);
});
