// Canteen menus (issue #17 "Menus"): a canteen's cashier adds dishes and set
// meals, publishes a day's meals; anyone reads the menu of some days; the
// dishes are its staff's. Bad input — malformed JSON, wrong types, a negative
// or fractional price, an unknown or another canteen's dish, a day out of
// range — is refused with the field named, and so are a resident, another
// canteen's keeper and a signed-out caller. The server's clock is fixed
// (--now), so "today" is 2026-12-05 in district time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { addCanteens } from './lib/canteen_world.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
const CANTEENS = '/api/v1/canteens';
let w;
before(async () => {
  w = await startWithAdminAndResident({ now: NOW });
  await addCanteens(w);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const dishes = (id) => `${CANTEENS}/${id}/dishes`;
const addDish = async (id, body, who = w.keeperA) => {
  const r = await send('POST', dishes(id), body, who);
  assert.equal(r.status, 201, r.text);
  return r.body;
};

test('a cashier adds dishes, publishes a meal, and anyone reads the week', async () => {
  const egg = await send('POST', dishes(w.canteen), {
    name: '西红柿炒鸡蛋', price_fen: 800, portion: '一份', allergens: ['soy', 'egg'], tags: ['soft'],
  }, w.keeperA);
  assert.equal(egg.status, 201, egg.text);
  assert.equal(egg.headers.get('location'), `${dishes(w.canteen)}/${egg.body.id}`);
  assert.deepEqual(egg.body.allergens, ['egg', 'soy']);  // GB 7718's order
  assert.equal(egg.body.kind, 'dish');
  assert.equal(egg.body.active, true);
  const congee = await addDish(w.canteen, { name: '小米南瓜粥', price_fen: 300, tags: ['low_sugar', 'soft'] });
  const set = await addDish(w.canteen, {
    name: '营养套餐', kind: 'set', price_fen: 1200, portion: '两荤一素', contents: ['西红柿炒鸡蛋', '尖椒土豆丝', '米饭'],
  });
  assert.deepEqual(set.contents, ['西红柿炒鸡蛋', '尖椒土豆丝', '米饭']);

  const put = await send('PUT', `${CANTEENS}/${w.canteen}/menu/2026-12-06/lunch`, {
    items: [{ dish_id: egg.body.id }, { dish_id: set.id, price_fen: 1000 }],
  }, w.keeperA);
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.date, '2026-12-06');
  assert.equal(put.body.meal, 'lunch');
  assert.deepEqual(put.body.items.map((i) => [i.name, i.price_fen]), [['西红柿炒鸡蛋', 800], ['营养套餐', 1000]]);
  const breakfast = await send('PUT', `${CANTEENS}/${w.canteen}/menu/2026-12-06/breakfast`,
    { items: [{ dish_id: congee.id }] }, w.admin);
  assert.equal(breakfast.status, 200, breakfast.text);

  // Public, no sign-in: 7 days from today by default, empty days listed.
  const menu = await get(`${CANTEENS}/${w.canteen}/menu`);
  assert.equal(menu.status, 200, menu.text);
  assert.deepEqual(menu.body.canteen, { id: w.canteen, name: '生态园长者食堂' });
  assert.deepEqual(menu.body.days.map((d) => d.date),
    ['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
  assert.deepEqual(menu.body.days[0].meals, []);
  assert.deepEqual(menu.body.days[1].meals.map((m) => m.meal), ['breakfast', 'lunch']);
  assert.deepEqual(menu.body.days[1].meals[1].items[0], {
    dish_id: egg.body.id, name: '西红柿炒鸡蛋', kind: 'dish', price_fen: 800, portion: '一份',
    allergens: ['egg', 'soy'], tags: ['soft'], contents: [],
  });
  const one = await get(`${CANTEENS}/${w.canteen}/menu?from=2026-12-06&days=1`, w.resident);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.body.days.length, 1);
  assert.equal(one.body.days[0].meals[1].items[1].contents.length, 3);

  // Withdrawn: off the menus shown, refused on a new one, still in the staff's list.
  const off = await send('PATCH', `${dishes(w.canteen)}/${egg.body.id}`, { active: false, price_fen: 900 }, w.keeperA);
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.active, false);
  assert.equal(off.body.price_fen, 900);
  const shown = await get(`${CANTEENS}/${w.canteen}/menu?from=2026-12-06&days=1`);
  assert.deepEqual(shown.body.days[0].meals[1].items.map((i) => i.name), ['营养套餐']);
  assertProblem(await send('PUT', `${CANTEENS}/${w.canteen}/menu/2026-12-07/dinner`,
    { items: [{ dish_id: egg.body.id }] }, w.keeperA), 422, 'items[0].dish_id');
  const list = await get(dishes(w.canteen), w.keeperA);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((d) => [d.name, d.active]),
    [['西红柿炒鸡蛋', false], ['小米南瓜粥', true], ['营养套餐', true]]);

  // An empty list removes the meal.
  const gone = await send('PUT', `${CANTEENS}/${w.canteen}/menu/2026-12-06/breakfast`, { items: [] }, w.keeperA);
  assert.equal(gone.status, 200, gone.text);
  assert.deepEqual(gone.body.items, []);
  const left = await get(`${CANTEENS}/${w.canteen}/menu?from=2026-12-06&days=1`);
  assert.deepEqual(left.body.days[0].meals.map((m) => m.meal), ['lunch']);

  const audited = (action) => Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE action = '${action}'`));
  assert.equal(audited('canteen.dish_create'), 3);
  assert.equal(audited('canteen.dish_update'), 1);
  assert.equal(audited('canteen.menu_publish'), 3);
});

test('bad input is refused with the field named, and nothing is saved', async () => {
  const raw = (method, path, body) => w.srv.fetch(path, {
    method, body, token: w.keeperA.token, headers: { 'content-type': 'application/json' },
  });
  assertProblem(await raw('POST', dishes(w.canteen), '{"name": "米饭", '), 400);
  assertProblem(await raw('POST', dishes(w.canteen), '[1, 2]'), 400);
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: -100 }, w.keeperA), 422, 'price_fen');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 1.5 }, w.keeperA), 422, 'price_fen');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: '100' }, w.keeperA), 422, 'price_fen');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭' }, w.keeperA), 422, 'price_fen');
  assertProblem(await send('POST', dishes(w.canteen), { name: 7, price_fen: 100 }, w.keeperA), 422, 'name');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 100, kind: 'soup' }, w.keeperA), 422, 'kind');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 100, allergens: ['sesame'] }, w.keeperA), 422, 'allergens');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 100, tags: 'soft' }, w.keeperA), 422, 'tags');
  assertProblem(await send('POST', dishes(w.canteen), { name: '套餐', price_fen: 100, kind: 'set' }, w.keeperA), 422, 'contents');
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 100, colour: 'white' }, w.keeperA), 422, 'colour');
  const rice = await addDish(w.canteen, { name: '米饭', price_fen: 100 });
  assertProblem(await send('POST', dishes(w.canteen), { name: '米饭', price_fen: 200 }, w.keeperA), 409);
  assertProblem(await send('PATCH', `${dishes(w.canteen)}/${rice.id}`, { price_fen: 0.5 }, w.keeperA), 422, 'price_fen');
  assertProblem(await send('PATCH', `${dishes(w.canteen)}/${rice.id}`, { active: 'no' }, w.keeperA), 422, 'active');
  assertProblem(await send('PATCH', `${dishes(w.canteen)}/999999`, { price_fen: 100 }, w.keeperA), 404);

  const theirs = await addDish(w.other, { name: '刀削面', price_fen: 900, allergens: ['gluten'] }, w.keeperB);
  const meal = (date, m = 'lunch') => `${CANTEENS}/${w.canteen}/menu/${date}/${m}`;
  assertProblem(await raw('PUT', meal('2026-12-07'), '{"items": [}'), 400);
  assertProblem(await send('PUT', meal('2026-12-07'), { items: 'rice' }, w.keeperA), 422, 'items');
  assertProblem(await send('PUT', meal('2026-12-07'), {}, w.keeperA), 422, 'items');
  assertProblem(await send('PUT', meal('2026-12-07'), { items: [{ dish_id: 'x' }] }, w.keeperA), 422, 'items[0].dish_id');
  assertProblem(await send('PUT', meal('2026-12-07'), { items: [{ dish_id: rice.id, price_fen: -1 }] }, w.keeperA), 422, 'items[0].price_fen');
  assertProblem(await send('PUT', meal('2026-12-07'), { items: [{ dish_id: rice.id, price_fen: 2.5 }] }, w.keeperA), 422, 'items[0].price_fen');
  assertProblem(await send('PUT', meal('2026-12-07'), { items: [{ dish_id: rice.id }, { dish_id: 999999 }] }, w.keeperA), 422, 'items[1].dish_id');
  assertProblem(await send('PUT', meal('2026-12-07'), { items: [{ dish_id: theirs.id }] }, w.keeperA), 422, 'items[0].dish_id');
  assertProblem(await send('PUT', meal('2026-12-04'), { items: [{ dish_id: rice.id }] }, w.keeperA), 422, 'date');
  assertProblem(await send('PUT', meal('2027-02-04'), { items: [{ dish_id: rice.id }] }, w.keeperA), 422, 'date');
  assert.equal((await send('PUT', meal('2027-02-03'), { items: [{ dish_id: rice.id }] }, w.keeperA)).status, 200);
  assertProblem(await send('PUT', meal('2026-13-01'), { items: [] }, w.keeperA), 422, 'date');
  assertProblem(await send('PUT', meal('2026-12-07', 'supper'), { items: [] }, w.keeperA), 422, 'meal');
  assertProblem(await get(`${CANTEENS}/${w.canteen}/menu?days=15`), 422, 'days');
  assertProblem(await get(`${CANTEENS}/${w.canteen}/menu?days=0`), 422, 'days');
  assertProblem(await get(`${CANTEENS}/${w.canteen}/menu?from=tomorrow`), 422, 'from');
  const kept = await get(`${CANTEENS}/${w.canteen}/menu?from=2026-12-07&days=1`);
  assert.deepEqual(kept.body.days[0].meals, []);
});

test('who may: a canteen\'s staff change it, everyone reads its menu', async () => {
  const rice = await addDish(w.other, { name: '馒头', price_fen: 50, allergens: ['gluten'] }, w.keeperB);
  // Another canteen's keeper.
  assertProblem(await get(dishes(w.other), w.keeperA), 403);
  assertProblem(await send('POST', dishes(w.other), { name: '包子', price_fen: 150 }, w.keeperA), 403);
  assertProblem(await send('PATCH', `${dishes(w.other)}/${rice.id}`, { price_fen: 1 }, w.keeperA), 403);
  assertProblem(await send('PUT', `${CANTEENS}/${w.other}/menu/2026-12-05/dinner`, { items: [{ dish_id: rice.id }] }, w.keeperA), 403);
  // A resident, and nobody signed in.
  assertProblem(await get(dishes(w.canteen), w.resident), 403);
  assertProblem(await send('POST', dishes(w.canteen), { name: '包子', price_fen: 150 }, w.resident), 403);
  assertProblem(await get(dishes(w.canteen)), 401);
  assertProblem(await send('POST', dishes(w.canteen), { name: '包子', price_fen: 150 }), 401);
  assertProblem(await send('PUT', `${CANTEENS}/${w.canteen}/menu/2026-12-05/dinner`, { items: [] }), 401);
  // No such canteen: a toilet, an unknown id — whoever asks.
  for (const id of [w.toilet, 999999, 'abc']) {
    assertProblem(await get(`${CANTEENS}/${id}/menu`), 404);
    assertProblem(await get(dishes(id), w.admin), 404);
    assertProblem(await send('POST', dishes(id), { name: '包子', price_fen: 150 }, w.admin), 404);
    assertProblem(await send('PUT', `${CANTEENS}/${id}/menu/2026-12-05/dinner`, { items: [] }, w.admin), 404);
  }
  // Their own canteen's works.
  const ok = await send('PUT', `${CANTEENS}/${w.other}/menu/2026-12-05/dinner`, { items: [{ dish_id: rice.id }] }, w.keeperB);
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await get(dishes(w.other), w.admin)).status, 200);
});
