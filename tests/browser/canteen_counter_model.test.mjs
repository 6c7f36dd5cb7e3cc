// The canteen counter's and delivery round's pure parts in node
// (web/js/canteen_counter_model.js, canteen_delivery_model.js): the meal at
// a time of day, what the search box holds (card, phone, name, nothing),
// the basket, the order's body, which orders may be cancelled, and the
// route editor's moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const { addDish, basketCount, basketLines, basketPrice, cancellable, dinerQuery, mealAt, orderBody, MAX_QTY } =
  await import('../../web/js/canteen_counter_model.js');
const { dishesText, moveStop, open, routeOf } = await import('../../web/js/canteen_delivery_model.js');

const at = (hhmm) => Date.parse(`2026-12-05T${hhmm}:00+08:00`);

test('the meal by the district time of day', () => {
  assert.deepEqual(['00:00', '06:30', '09:59', '10:00', '12:00', '14:59', '15:00', '18:00', '23:59'].map((x) => mealAt(at(x))),
    ['breakfast', 'breakfast', 'breakfast', 'lunch', 'lunch', 'lunch', 'dinner', 'dinner', 'dinner']);
});

test('the search box: a card, a phone, a name, or nothing', () => {
  assert.deepEqual(dinerQuery('5729430181'), { card: '5729430181' });
  assert.deepEqual(dinerQuery('5729-430-181\n'), { card: '5729430181' });    // as printed, a scanner's Enter
  assert.deepEqual(dinerQuery(' 5729 430 181 '), { card: '5729430181' });
  assert.deepEqual(dinerQuery('５７２９４３０１８１'), { card: '5729430181' });  // full-width digits
  assert.deepEqual(dinerQuery('138 1234 5678'), { phone: '13812345678' });
  assert.deepEqual(dinerQuery('0358-8221234'), { phone: '03588221234' });
  assert.deepEqual(dinerQuery('+86 138 1234 5678'), { phone: '+8613812345678' });
  assert.deepEqual(dinerQuery('0358822123'), { phone: '0358822123' });  // ten digits from 0: not a card
  assert.deepEqual(dinerQuery(' 张桂兰 '), { name: '张桂兰' });
  assert.deepEqual(dinerQuery('Zhang  Guilan'), { name: 'Zhang Guilan' });
  for (const bad of ['', '   ', null, undefined, '123', '张3', '!!!', '1'.repeat(20)]) assert.equal(dinerQuery(bad), null, String(bad));
});

test('the basket: taps add, minus removes, never below zero nor above the most', () => {
  let b = new Map();
  b = addDish(b, 7);
  b = addDish(b, 9);
  b = addDish(b, 7);
  assert.deepEqual(basketLines(b), [{ dish_id: 7, qty: 2 }, { dish_id: 9, qty: 1 }]);
  assert.equal(basketCount(b), 3);
  assert.equal(basketPrice(b, [{ dish_id: 7, price_fen: 800 }, { dish_id: 9, price_fen: 250 }]), 1850);
  const before = b;
  b = addDish(b, 9, -1);
  assert.deepEqual(basketLines(b), [{ dish_id: 7, qty: 2 }]);
  assert.equal(basketCount(before), 3, 'the old basket is untouched');
  b = addDish(addDish(b, 9, -1), 7, -5);
  assert.equal(basketCount(b), 0);
  for (let i = 0; i < MAX_QTY + 5; i++) b = addDish(b, 3);
  assert.equal(b.get(3), MAX_QTY);
});

test('the order body: an elder by her id, an ordinary diner as null', () => {
  const basket = addDish(new Map(), 7);
  assert.deepEqual(orderBody({ date: '2026-12-05', meal: 'lunch', elderId: 42, basket }),
    { kind: 'counter', date: '2026-12-05', meal: 'lunch', diner: { elder_id: 42 }, lines: [{ dish_id: 7, qty: 1 }] });
  assert.deepEqual(orderBody({ date: '2026-12-05', meal: 'lunch', basket }).diner, null);
});

test('which orders the counter may cancel', () => {
  const today = '2026-12-05';
  assert.equal(cancellable({ kind: 'counter', date: today, status: 'served' }, today), true);
  assert.equal(cancellable({ kind: 'counter', date: '2026-12-04', status: 'served' }, today), false);
  assert.equal(cancellable({ kind: 'counter', date: today, status: 'cancelled' }, today), false);
  // A delivery is never cancelled at the till (on its day it is past its cut-off: charged in full).
  for (const status of ['booked', 'delivered', 'not_home', 'cancelled', 'cancelled_late']) {
    assert.equal(cancellable({ kind: 'delivery', date: today, status }, today), false, status);
  }
});

test('the route editor moves a stop up and down, never off the list', () => {
  assert.deepEqual(moveStop([1, 2, 3], 1, -1), [2, 1, 3]);
  assert.deepEqual(moveStop([1, 2, 3], 1, 1), [1, 3, 2]);
  assert.deepEqual(moveStop([1, 2, 3], 0, -1), [1, 2, 3]);
  assert.deepEqual(moveStop([1, 2, 3], 2, 1), [1, 2, 3]);
  assert.deepEqual(moveStop([1, 2, 3], 7, 1), [1, 2, 3]);
  const stops = [{ elder: { elder_id: 5 }, status: 'booked' }, { elder: { elder_id: 3 }, status: 'delivered' },
    { elder: { elder_id: 5 }, status: 'not_home' }];
  assert.deepEqual(routeOf(stops), [5, 3]);
  assert.deepEqual(stops.map(open), [true, false, false]);
  assert.equal(dishesText([{ name: '软米饭', qty: 1 }, { name: '蒸蛋', qty: 2 }], (l) => `${l.name}×${l.qty}`), '软米饭×1、蒸蛋×2');
});
