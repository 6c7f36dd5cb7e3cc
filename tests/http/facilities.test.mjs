// Facilities: create/read/patch with keepers' permissions, bad input, and the
// nearby query a sanitation worker uses at 22:00 in winter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let keeper;
let resident;
let orgA;
let orgB;

// ~111 m per 0.001 degree of latitude, north of the district centre.
const north = (metres) => ({ lat: 37.52 + metres / 111195, lon: 111.14 });

// The server's clock (--now): the suspensions below end before and after it.
const NOW = '2026-06-01T10:00:00+08:00';

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident({ now: NOW }));
  const a = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: '区环卫中心' } });
  const b = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: '区医院' } });
  assert.equal(a.status, 201, a.text);
  orgA = a.body.id;
  orgB = b.body.id;
  const u = await srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token,
    json: { username: 'keeper_a', display_name: '王师傅', role: 'keeper', password: 'keeper-pass-1', organisation_ids: [orgA] },
  });
  assert.equal(u.status, 201, u.text);
  keeper = await srv.login('keeper_a', 'keeper-pass-1');
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('a facility\'s phone is public: an anonymous GET, the list and nearby answer it whole, with the hours', async () => {
  const made = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({
    kind: 'canteen', name: '凤山老年食堂', contact_phone: '0358-8220656', opening_hours: 'Mo-Su 06:00-20:00',
    amenities: {}, ...north(5000),
  }) });
  assert.equal(made.status, 201, made.text);
  const anon = await srv.fetch(`${API}/${made.body.id}`);
  assert.equal(anon.status, 200);
  assert.equal(anon.body.contact_phone, '0358-8220656');
  assert.ok(!anon.text.includes('*'), anon.text);
  const near = await srv.fetch(`${API}/nearby?lat=${north(5000).lat}&lon=${north(5000).lon}&kind=canteen&radius_m=50`);
  assert.equal(near.status, 200, near.text);
  const item = near.body.items.find((x) => x.id === made.body.id);
  assert.equal(item.contact_phone, '0358-8220656');
  assert.equal(item.opening_hours, 'Mo-Su 06:00-20:00');
  const patched = await srv.fetch(`${API}/${made.body.id}`, { method: 'PATCH', token: admin.token, json: { contact_phone: null, opening_hours: '24/7' } });
  assert.equal(patched.status, 200, patched.text);
  const again = await srv.fetch(`${API}/nearby?lat=${north(5000).lat}&lon=${north(5000).lon}&kind=canteen&radius_m=50`);
  const after = again.body.items.find((x) => x.id === made.body.id);
  assert.equal(after.contact_phone, null);
  assert.equal(after.opening_hours, '24/7');
  await srv.fetch(`${API}/${made.body.id}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '测试结束' } });
});

const station = (over = {}) => ({
  kind: 'love_station', name: '滨河爱心驿站', address: '滨河北路 1 号', ...north(100),
  keeper_org_id: orgA, contact_phone: '13812345678', opening_hours: '24/7',
  amenities: { heating: true, hot_water: true, seats: 4 }, ...over,
});

test('admin and keeper create, read and patch; the phone is whole for everyone (a public business number); history records who changed what', async () => {
  const created = await srv.fetch(API, { method: 'POST', token: keeper.token, json: station() });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.headers.get('location'), `${API}/${created.body.id}`);
  assert.equal(created.body.contact_phone, '13812345678');
  assert.equal(created.body.amenities.heating, true);
  assert.equal(created.body.amenities.charging, false);
  assert.equal(created.body.status, 'active');
  const id = created.body.id;

  const pub = await srv.fetch(`${API}/${id}`);
  assert.equal(pub.status, 200);
  assert.equal(pub.body.contact_phone, '13812345678');
  const listed = await srv.fetch(`${API}?kind=love_station&limit=200`);
  assert.equal(listed.body.items.find((x) => x.id === id).contact_phone, '13812345678');
  const own = await srv.fetch(`${API}/${id}`, { token: keeper.token });
  assert.equal(own.body.contact_phone, '13812345678');

  const patched = await srv.fetch(`${API}/${id}`, { method: 'PATCH', token: keeper.token, json: { name: '滨河爱心驿站（新）', contact_phone: null } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.body.name, '滨河爱心驿站（新）');
  assert.equal(patched.body.contact_phone, null);
  const byAdmin = await srv.fetch(`${API}/${id}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '供暖检修' } });
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.equal(byAdmin.body.status, 'suspended');

  const history = await srv.fetch(`${API}/${id}/history`, { token: keeper.token });
  assert.equal(history.status, 200, history.text);
  assert.equal(history.body.items.length, 3);
  assert.deepEqual(history.body.items[0].fields.status, { old: 'active', new: 'suspended' });
  assert.deepEqual(history.body.items[1].fields.name, { old: '滨河爱心驿站', new: '滨河爱心驿站（新）' });
  assert.equal((await srv.fetch(`${API}/${id}/history`)).status, 401);

  const list = await srv.fetch(`${API}?kind=love_station&limit=1`);
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 1);
});

test('permissions: other org 403, resident 403, no session 401', async () => {
  const other = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ keeper_org_id: orgB }) });
  assert.equal(other.status, 201, other.text);
  const id = other.body.id;
  assert.equal((await srv.fetch(`${API}/${id}`, { method: 'PATCH', token: keeper.token, json: { name: 'x' } })).status, 403);
  assert.equal((await srv.fetch(`${API}/${id}/history`, { token: keeper.token })).status, 403);
  assert.equal((await srv.fetch(API, { method: 'POST', token: keeper.token, json: station({ keeper_org_id: orgB }) })).status, 403);
  assert.equal((await srv.fetch(API, { method: 'POST', token: resident.token, json: station() })).status, 403);
  assert.equal((await srv.fetch(API, { method: 'POST', json: station() })).status, 401);
  assert.equal((await srv.fetch(`${API}/${id}`, { method: 'PATCH', json: { name: 'x' } })).status, 401);
});

test('bad input: kind, amenity, hours with position, coordinates, JSON, unknown id', async () => {
  const kind = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ kind: 'spa' }) });
  assert.equal(kind.status, 422);
  assert.deepEqual(kind.body.errors.map((e) => e.field), ['kind']);
  const amenity = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ amenities: { sauna: true, seats: 'many' } }) });
  assert.equal(amenity.status, 422);
  assert.deepEqual(amenity.body.errors.map((e) => e.field).sort(), ['amenities.sauna', 'amenities.seats']);
  const hours = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ opening_hours: 'Mo-Fr 08:00-25:61' }) });
  assert.equal(hours.status, 422);
  assert.equal(hours.body.errors[0].field, 'opening_hours');
  assert.equal(typeof hours.body.position, 'number');
  assert.ok(hours.body.position > 5);
  const lat = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ lat: 91 }) });
  assert.equal(lat.status, 422);
  assert.deepEqual(lat.body.errors.map((e) => e.field), ['lat']);
  const json = await srv.fetch(API, { method: 'POST', token: admin.token, headers: { 'content-type': 'application/json' }, body: '{"kind":' });
  assert.equal(json.status, 400);
  assert.equal((await srv.fetch(`${API}/999999`)).status, 404);
  assert.equal((await srv.fetch(`${API}/999999`, { method: 'PATCH', token: admin.token, json: { name: 'x' } })).status, 404);
  const kindChange = await srv.fetch(`${API}/1`, { method: 'PATCH', token: admin.token, json: { kind: 'toilet' } });
  assert.equal(kindChange.status, 422);
});

test('nearby: bad parameters each answer 422 naming the parameter', async () => {
  const cases = [
    ['lat=95&lon=111.14', 'lat'],
    ['lat=abc&lon=111.14', 'lat'],
    ['lat=37.52', 'lon'],
    ['lat=37.52&lon=111.14&radius_m=0', 'radius_m'],
    ['lat=37.52&lon=111.14&radius_m=50001', 'radius_m'],
    ['lat=37.52&lon=111.14&limit=51', 'limit'],
    ['lat=37.52&lon=111.14&kind=spa', 'kind'],
    ['lat=37.52&lon=111.14&kind=toilet&amenity=heating', 'amenity'],
    ['lat=37.52&lon=111.14&open_at=tonight', 'open_at'],
    ['lat=37.52&lon=111.14&coord=bd09', 'coord'],
  ];
  for (const [query, field] of cases) {
    const res = await srv.fetch(`${API}/nearby?${query}`);
    assert.equal(res.status, 422, query);
    assert.deepEqual(res.body.errors.map((e) => e.field), [field], query);
  }
});

test('a sanitation worker at 22:00 finds the nearest OPEN love station with heating; a change shows at once', async () => {
  const base = { kind: 'love_station', address: '凤山街道', keeper_org_id: orgA };
  const make = async (over) => {
    const res = await srv.fetch(API, { method: 'POST', token: admin.token, json: { ...base, ...over } });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  };
  const origin = north(20000);
  const at = (m) => ({ lat: origin.lat + m / 111195, lon: origin.lon });
  const closed = await make({ name: '近但已关门', ...at(50), opening_hours: 'Mo-Su 08:00-20:00', amenities: { heating: true } });
  const cold = await make({ name: '开着没暖气', ...at(150), opening_hours: '24/7', amenities: { hot_water: true } });
  const warm = await make({ name: '开着有暖气', ...at(400), opening_hours: 'Mo-Su 06:00-24:00', amenities: { heating: true, hot_water: true } });
  const q = `lat=${origin.lat}&lon=${origin.lon}&kind=love_station&amenity=heating&open_at=${encodeURIComponent('2026-01-14T22:00:00+08:00')}`;
  const res = await srv.fetch(`${API}/nearby?${q}`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.items.map((i) => i.id), [warm]);
  const item = res.body.items[0];
  assert.equal(item.state, 'open');
  assert.equal(item.next_change, '2026-01-15T00:00:00+08:00');
  assert.ok(Math.abs(item.distance_m - 400) <= 2, String(item.distance_m));
  assert.equal(item.amenities.heating, true);

  const all = await srv.fetch(`${API}/nearby?lat=${origin.lat}&lon=${origin.lon}&radius_m=1000&open_at=${encodeURIComponent('2026-01-14T22:00:00+08:00')}&limit=50`);
  assert.deepEqual(all.body.items.map((i) => i.id), [cold, warm]);
  const any = await srv.fetch(`${API}/nearby?lat=${origin.lat}&lon=${origin.lon}&radius_m=1000`);
  assert.deepEqual(any.body.items.map((i) => i.id), [closed, cold, warm]);

  // The closed station's keeper extends its hours: the next query sees it.
  const patched = await srv.fetch(`${API}/${closed}`, { method: 'PATCH', token: keeper.token, json: { opening_hours: '24/7' } });
  assert.equal(patched.status, 200, patched.text);
  const again = await srv.fetch(`${API}/nearby?${q}`);
  assert.deepEqual(again.body.items.map((i) => i.id), [closed, warm]);
  // Suspended: gone from nearby.
  await srv.fetch(`${API}/${closed}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '停电' } });
  const third = await srv.fetch(`${API}/nearby?${q}`);
  assert.deepEqual(third.body.items.map((i) => i.id), [warm]);
  // GCJ-02 input lands near the same place.
  const gcj = await srv.fetch(`${API}/nearby?lat=${origin.lat + 0.0012}&lon=${origin.lon + 0.0061}&coord=gcj02&radius_m=1000`);
  assert.equal(gcj.status, 200);
  assert.ok(gcj.body.items.length >= 2);
});

test('a suspension until a time: left out before it, offered again after it without an edit; GET shows the status now', async () => {
  const origin = north(30000);
  const made = await srv.fetch(API, { method: 'POST', token: admin.token, json: station({ name: '暂停到明年的驿站', ...origin, opening_hours: '24/7' }) });
  assert.equal(made.status, 201, made.text);
  const id = made.body.id;
  const ends = '2027-03-01T08:00:00+08:00';  // after NOW
  const suspended = await srv.fetch(`${API}/${id}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '改造', suspended_until: ends } });
  assert.equal(suspended.status, 200, suspended.text);
  const shown = await srv.fetch(`${API}/${id}`);
  assert.equal(shown.body.status, 'suspended');
  assert.equal(shown.body.suspended_until, ends);
  const near = (extra) => srv.fetch(`${API}/nearby?lat=${origin.lat}&lon=${origin.lon}&radius_m=500${extra}`).then((r) => r.body.items.map((i) => i.id));
  assert.deepEqual(await near(''), []);
  assert.deepEqual(await near(`&open_at=${encodeURIComponent('2027-03-01T07:59:00+08:00')}`), []);
  assert.deepEqual(await near(`&open_at=${encodeURIComponent(ends)}`), [id]);

  // A suspension whose end has passed (before NOW): offered now, and GET says active.
  const past = await srv.fetch(`${API}/${id}`, { method: 'PATCH', token: admin.token, json: { suspended_until: '2026-01-01T00:00:00+08:00' } });
  assert.equal(past.status, 200, past.text);
  assert.equal(past.body.status, 'active');
  assert.equal(past.body.suspended_reason, null);
  assert.deepEqual(await near(''), [id]);
  assert.deepEqual(await near('&open_now=true'), [id]);
  const history = await srv.fetch(`${API}/${id}/history`, { token: admin.token });
  assert.equal(history.body.items[0].fields.suspended_until.new, '2026-01-01T00:00:00+08:00');
});
