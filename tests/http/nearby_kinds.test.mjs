// Nearby over several kinds at once (kind=toilet,love_station), the errors
// that name each bad kind, and what an open-only search that finds nothing
// answers: when the nearest opens, and an open love station with a toilet
// (issue 12 item 8; docs/facilities.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { createFacility, makeOrg } from './lib/fixtures.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let resident;
let org;

// ~111 m per 0.001 degree of latitude; each test works around its own origin.
const north = (origin, metres) => ({ lat: origin.lat + metres / 111195, lon: origin.lon });
const originAt = (km) => ({ lat: 37.52 + km / 111.195, lon: 111.2 });

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  org = await makeOrg(srv, admin, '区环卫中心');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const make = (origin, metres, body) => createFacility(srv, admin, {
  address: '凤山街道', keeper_org_id: org, ...north(origin, metres), ...body,
});
const nearby = (origin, extra) => srv.fetch(`${API}/nearby?lat=${origin.lat}&lon=${origin.lon}&radius_m=1000${extra}`);

test('kind=toilet,love_station: both kinds, nearest first, nothing else; repeated kind and duplicates the same', async () => {
  const o = originAt(10);
  const toilet1 = await make(o, 100, { kind: 'toilet', name: '一号公厕', opening_hours: '24/7' });
  const station = await make(o, 200, { kind: 'love_station', name: '环卫驿站', opening_hours: '24/7' });
  await make(o, 150, { kind: 'parking', name: '停车场', opening_hours: '24/7', amenities: { capacity: 20 } });
  const toilet2 = await make(o, 300, { kind: 'toilet', name: '二号公厕', opening_hours: '24/7' });

  const both = await nearby(o, '&kind=toilet,love_station');
  assert.equal(both.status, 200, both.text);
  assert.deepEqual(both.body.items.map((i) => i.id), [toilet1, station, toilet2]);
  assert.deepEqual(both.body.items.map((i) => i.kind), ['toilet', 'love_station', 'toilet']);
  assert.ok(both.body.items.every((i, k, all) => k === 0 || all[k - 1].distance_m <= i.distance_m));
  assert.equal('none_open' in both.body, false, 'found something: no none_open');

  const repeated = await nearby(o, '&kind=love_station&kind=toilet&kind=toilet');
  assert.deepEqual(repeated.body.items.map((i) => i.id), [toilet1, station, toilet2]);
  const encoded = await nearby(o, '&kind=toilet%2Clove_station&limit=2');
  assert.deepEqual(encoded.body.items.map((i) => i.id), [toilet1, station], 'the limit counts across kinds');
  const one = await nearby(o, '&kind=toilet');
  assert.deepEqual(one.body.items.map((i) => i.id), [toilet1, toilet2]);
  // Anyone may ask, signed in or not.
  const signedIn = await srv.fetch(`${API}/nearby?lat=${o.lat}&lon=${o.lon}&radius_m=1000&kind=toilet,love_station`, { token: resident.token });
  assert.deepEqual(signedIn.body.items.map((i) => i.id), [toilet1, station, toilet2]);
});

test('amenities with several kinds: each kind keeps its own; one that some kind lacks is refused naming that kind', async () => {
  const o = originAt(20);
  await make(o, 100, { kind: 'love_station', name: '无厕所驿站', opening_hours: '24/7', amenities: { heating: true } });
  const warm = await make(o, 200, { kind: 'love_station', name: '有厕所驿站', opening_hours: '24/7', amenities: { heating: true, toilet: true } });
  const res = await nearby(o, '&kind=love_station,service_centre&amenity=toilet');
  assert.equal(res.status, 422, res.text);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['amenity']);
  assert.match(res.body.errors[0].message, /'toilet' is not an amenity of a service_centre/);
  const ok = await nearby(o, '&kind=love_station&amenity=toilet');
  assert.deepEqual(ok.body.items.map((i) => i.id), [warm]);
  const wheelchair = await nearby(o, '&kind=toilet,love_station&amenity=wheelchair');
  assert.equal(wheelchair.status, 422);
  assert.match(wheelchair.body.errors[0].message, /'wheelchair' is not an amenity of a love_station/);
});

test('bad kinds: 422, one error per bad name quoting it, the good ones not blamed', async () => {
  const o = originAt(30);
  const cases = [
    ['kind=toilet,spa', ["'spa'"]],
    ['kind=spa,bath', ["'spa'", "'bath'"]],
    ['kind=toilet,', ["''"]],
    ['kind=', ["''"]],
    ['kind=1', ["'1'"]],
    ['kind=Toilet', ["'Toilet'"]],
    ['kind=toilet&kind=spa', ["'spa'"]],
  ];
  for (const [query, named] of cases) {
    const res = await nearby(o, '&' + query);
    assert.equal(res.status, 422, query);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', query);
    assert.deepEqual(res.body.errors.map((e) => e.field), named.map(() => 'kind'), query);
    named.forEach((name, k) => {
      assert.ok(res.body.errors[k].message.startsWith(name + ' is not a kind; one of service_centre'), res.body.errors[k].message);
      assert.ok(!res.body.errors[k].message.startsWith("'toilet'"), query);
    });
  }
  // Several problems at once: each is reported.
  const many = await nearby(o, '&kind=spa&limit=99');
  assert.deepEqual(many.body.errors.map((e) => e.field).sort(), ['kind', 'limit']);
});

test('nothing open at 06:30: when the nearest toilet opens, and the nearest open love station with a toilet', async () => {
  const o = originAt(40);
  const early = encodeURIComponent('2026-01-14T06:30:00+08:00');  // a Wednesday
  const late = await make(o, 100, { kind: 'toilet', name: '八点开门的公厕', opening_hours: 'Mo-Su 08:00-22:00' });
  await make(o, 250, { kind: 'toilet', name: '七点开门的公厕', opening_hours: 'Mo-Su 07:00-22:00' });
  await make(o, 150, { kind: 'love_station', name: '没有厕所的驿站', opening_hours: '24/7', amenities: { hot_water: true } });
  const withToilet = await make(o, 400, { kind: 'love_station', name: '有厕所的驿站', opening_hours: '24/7', amenities: { toilet: true, heating: true } });
  await make(o, 300, { kind: 'love_station', name: '九点开门的驿站', opening_hours: 'Mo-Su 09:00-17:00', amenities: { toilet: true } });

  const res = await nearby(o, `&kind=toilet&open_at=${early}`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.items, []);
  const none = res.body.none_open;
  assert.ok(none, res.text);
  assert.equal(none.next_open.id, late);
  assert.equal(none.next_open.name, '八点开门的公厕');
  assert.equal(none.next_open.state, 'closed');
  assert.equal(none.next_open.next_change, '2026-01-14T08:00:00+08:00');
  assert.ok(Math.abs(none.next_open.distance_m - 100) <= 2);
  assert.deepEqual(none.instead.map((i) => i.id), [withToilet]);
  const instead = none.instead[0];
  assert.equal(instead.offers, 'toilet');
  assert.equal(instead.kind, 'love_station');
  assert.equal(instead.state, 'open');
  assert.equal(instead.amenities.toilet, true);
  assert.equal(instead.opening_hours, '24/7');

  // Open now: none_open exactly when nothing is open (the clock decides which).
  const now = await nearby(o, '&kind=toilet&open_now=true');
  assert.equal(now.status, 200);
  assert.equal('none_open' in now.body, now.body.items.length === 0, now.text);
  // Any time: there is no "nothing open", so no none_open.
  const any = await nearby(o, '&kind=toilet');
  assert.equal('none_open' in any.body, false);
  // A baby change table is asked for: a station's toilet is not known to have one.
  const baby = await nearby(o, `&kind=toilet&amenity=baby_change&open_at=${early}`);
  assert.deepEqual(baby.body.items, []);
  assert.equal(baby.body.none_open.next_open, null, 'no toilet with a baby change table at all');
  assert.deepEqual(baby.body.none_open.instead, []);
  // Asked for toilets and stations: the open station is an item, not a substitute.
  const both = await nearby(o, `&kind=toilet,love_station&open_at=${early}`);
  assert.deepEqual(both.body.items.map((i) => i.id).includes(withToilet), true);
  assert.equal('none_open' in both.body, false);
  // Outside the radius nothing is offered.
  const small = await srv.fetch(`${API}/nearby?lat=${o.lat}&lon=${o.lon}&radius_m=50&kind=toilet&open_at=${early}`);
  assert.deepEqual(small.body.none_open, { next_open: null, instead: [] });
});
