// The delivery route's map editor's pure parts in node
// (web/js/canteen_delivery_model.js): the distance, the nearest-first
// suggestion from the canteen, and the order that taps on the map make —
// empty, one stop, ties, stops without coordinates (after the others, in
// their current order).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { metres, nearestOrder, tapOrder, tapStop } = await import('../../web/js/canteen_delivery_model.js');

// Lishi: the canteen and stops a few hundred metres apart.
const canteen = { lat: 37.52, lon: 111.14 };
const north = (m) => canteen.lat + m / 111195;  // metres north of the canteen, in degrees

test('metres between two points', () => {
  assert.equal(metres(canteen, canteen), 0);
  assert.ok(Math.abs(metres(canteen, { lat: north(1000), lon: canteen.lon }) - 1000) < 1);
  // A degree of longitude is shorter at 37.5° north (cos 37.52° ≈ 0.793).
  assert.ok(Math.abs(metres(canteen, { lat: canteen.lat, lon: canteen.lon + 0.01 }) - 882) < 2);
  assert.equal(metres({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }), metres({ lat: 1, lon: 0 }, { lat: 0, lon: 0 }));
});

test('nearest first: from the canteen, always the nearest stop not yet taken next', () => {
  const stops = [
    { id: 1, lat: north(900), lon: canteen.lon },
    { id: 2, lat: north(100), lon: canteen.lon },
    { id: 3, lat: north(-350), lon: canteen.lon },
    { id: 4, lat: north(500), lon: canteen.lon },
  ];
  // 2 (100 m away); from there 4 (400 m) rather than 3 (450 m); then 1 (400 m); 3 last.
  assert.deepEqual(nearestOrder(canteen, stops), [2, 4, 1, 3]);
  assert.deepEqual(nearestOrder(canteen, [...stops].reverse()), [2, 4, 1, 3], 'the result does not depend on the order given');
});

test('nearest first: empty, one stop, ties kept in their current order', () => {
  assert.deepEqual(nearestOrder(canteen, []), []);
  assert.deepEqual(nearestOrder(canteen, undefined), []);
  assert.deepEqual(nearestOrder(canteen, [{ id: 7, lat: north(50), lon: canteen.lon }]), [7]);
  // Two stops exactly as far north and south: the one first in the current order goes first.
  const a = { id: 'a', lat: north(200), lon: canteen.lon };
  const b = { id: 'b', lat: north(-200), lon: canteen.lon };
  assert.deepEqual(nearestOrder(canteen, [a, b]), ['a', 'b']);
  assert.deepEqual(nearestOrder(canteen, [b, a]), ['b', 'a']);
  // Two elders at one address: both, in their current order.
  const c = { id: 'c', lat: north(200), lon: canteen.lon };
  assert.deepEqual(nearestOrder(canteen, [c, a]), ['c', 'a']);
});

test('nearest first: stops without coordinates after the others, in their current order', () => {
  const stops = [
    { id: 1, lat: null, lon: null },
    { id: 2, lat: north(800), lon: canteen.lon },
    { id: 3 },
    { id: 4, lat: north(100), lon: canteen.lon },
    { id: 5, lat: 37.5, lon: undefined },
  ];
  assert.deepEqual(nearestOrder(canteen, stops), [4, 2, 1, 3, 5]);
  assert.deepEqual(nearestOrder(canteen, [{ id: 1 }, { id: 2 }]), [1, 2]);
});

test('nearest first: without a canteen position the first stop with coordinates begins', () => {
  const stops = [
    { id: 1, lat: north(1000), lon: canteen.lon },
    { id: 2, lat: north(0), lon: canteen.lon },
    { id: 3, lat: north(900), lon: canteen.lon },
  ];
  assert.deepEqual(nearestOrder(null, stops), [1, 3, 2]);
  assert.deepEqual(nearestOrder({ lat: null, lon: null }, stops), [1, 3, 2]);
  assert.deepEqual(nearestOrder(canteen, stops), [2, 3, 1]);
});

test('taps on the map: each tapped stop takes the next place, a tapped one tapped again goes back out with those after it', () => {
  let taps = [];
  taps = tapStop(taps, 30);
  taps = tapStop(taps, 10);
  taps = tapStop(taps, 40);
  assert.deepEqual(taps, [30, 10, 40]);
  assert.deepEqual(tapStop(taps, 10), [30], '10 and 40 back out');
  assert.deepEqual(tapStop(taps, 30), []);
  assert.deepEqual(tapStop(taps, 40), [30, 10]);
  assert.deepEqual(taps, [30, 10, 40], 'the taps given are untouched');
  assert.deepEqual(tapStop([], 5), [5]);
});

test('the order taps make: the tapped first in tap order, the others after in their current order', () => {
  const ids = [10, 20, 30, 40, 50];
  assert.deepEqual(tapOrder(ids, []), ids);
  assert.deepEqual(tapOrder(ids, [30]), [30, 10, 20, 40, 50]);
  assert.deepEqual(tapOrder(ids, [40, 10]), [40, 10, 20, 30, 50]);
  assert.deepEqual(tapOrder(ids, [50, 40, 30, 20, 10]), [50, 40, 30, 20, 10]);
  assert.deepEqual(tapOrder(ids, [99, 20, 20]), [20, 10, 30, 40, 50], 'an unknown id or a repeat ignored');
  assert.deepEqual(tapOrder([], [1]), []);
  assert.deepEqual(tapOrder([7], [7]), [7]);
  assert.deepEqual(ids, [10, 20, 30, 40, 50], 'the ids given are untouched');
});
