// The canteens' meal orders (issue #17 "Orders"): a counter meal rung up by
// the card she shows, priced by the subsidy engine under the version in
// force, one subsidised meal per elder per day and meal (a second is full
// price, flagged second_in_slot), her subsidy so far binding the day's cap
// (at an order and at the quote), the preview that stores nothing, the day's
// list; a delivery booked for an elder before the cut-off (20:00 the day
// before), cancelled free before it and charged in full after it; a month
// closed for settlement refusing new meals (409, the file's last test); the diner lookup by card,
// phone or full name, masked and audited; her 75th birthday moving her to the
// next tier through an order. Bad input — malformed JSON, wrong types,
// negative or fractional quantities, an unknown dish, a dish not on that
// meal's menu, a bad card, none or two lookup parameters — is refused with
// the field named; another canteen's cashier gets 403, a resident 403,
// nobody 401. The server's clock is fixed (--now): "today" is 2026-12-10 in
// district time, 10:00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';
import { addCanteens } from './lib/canteen_world.mjs';

const NOW = '2026-12-10T10:00:00+08:00';
const CUTOFF_11TH = Date.parse('2026-12-10T20:00:00+08:00') / 1000;
let w;
const C = () => `/api/v1/canteens/${w.canteen}`;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  await addCanteens(w);
  // 60–74 ¥2, 75 and over ¥5, lunch and dinner, at most ¥7 a day; made for tomorrow, then as if in force since the 1st.
  const v = await w.api('POST', '/api/v1/canteen-subsidies', {
    effective_from: '2026-12-11',
    cap_per_day_fen: 700,
    tiers: [
      { name: '60-74岁', age_min: 60, age_max: 74, amount_fen: 200, meals: ['lunch', 'dinner'] },
      { name: '75岁以上', age_min: 75, amount_fen: 500, meals: ['lunch', 'dinner'] },
    ],
  }, 201);
  w.srv.sql(`UPDATE canteen_subsidy_versions SET effective_from = '2026-12-01' WHERE id = ${v.id}`, { readonly: false });
  const dish = async (name, price_fen) => (await w.api('POST', `${C()}/dishes`, { name, price_fen }, 201, w.keeperA)).id;
  w.noodles = await dish('番茄鸡蛋面', 1500);
  w.rice = await dish('米饭', 100);
  w.porridge = await dish('小米粥', 300);
  for (const day of ['2026-12-10', '2026-12-11', '2026-12-12']) {
    await w.api('PUT', `${C()}/menu/${day}/lunch`, { items: [{ dish_id: w.noodles }, { dish_id: w.rice }] }, 200, w.keeperA);
  }
  await w.api('PUT', `${C()}/menu/2026-12-10/dinner`, { items: [{ dish_id: w.noodles }] }, 200, w.keeperA);
  await w.api('PUT', `${C()}/menu/2026-12-10/breakfast`, { items: [{ dish_id: w.porridge }] }, 200, w.keeperA);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who = w.keeperA) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who = w.keeperA) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const count = (q) => Number(w.srv.sql(q));
const PHONES = { committee_phone: '0358-8221234', team_phone: '13903580001' };
async function cardedElder(extra) {
  const elder = await w.createElder(extra);
  const card = await send('POST', `/api/v1/elders/${elder.id}/card`, PHONES, w.callers.workerGrid);
  assert.equal(card.status, 201, card.text);
  return { id: elder.id, card: card.body.number };
}
const counter = (diner, lines = [{ dish_id: w.noodles, qty: 1 }], extra = {}) => ({
  kind: 'counter', date: '2026-12-10', meal: 'lunch', diner, lines, ...extra,
});

test("a counter meal by her card: the engine's price, one subsidised meal per slot, the preview stores nothing", async () => {
  const her = await cardedElder({ name: '李秀英', phones: ['13811112222'] });
  const before = count('SELECT count(*) FROM canteen_orders');
  const preview = await send('POST', `${C()}/orders/preview`, counter({ card: her.card }, [{ dish_id: w.noodles, qty: 1 }, { dish_id: w.rice, qty: 2 }]));
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.body.id, undefined);
  assert.equal(preview.body.created_at, undefined);
  assert.equal(preview.body.subsidy_fen, 500);
  assert.equal(count('SELECT count(*) FROM canteen_orders'), before);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_id = '${her.id}' AND detail LIKE '%canteen_order_preview%'`), 1);

  const made = await send('POST', `${C()}/orders`, counter({ card: her.card }, [{ dish_id: w.noodles, qty: 1 }, { dish_id: w.rice, qty: 2 }]));
  assert.equal(made.status, 201, made.text);
  const o = made.body;
  assert.deepEqual(Object.keys(o), ['id', 'canteen_id', 'kind', 'date', 'meal', 'status', 'elder', 'price_fen', 'subsidy_fen', 'pays_fen', 'tier', 'reason', 'flag', 'lines', 'created_at', 'cancel_free_until']);
  assert.equal(o.status, 'served');
  assert.deepEqual(o.elder, { elder_id: her.id, name_masked: '李**' });
  assert.deepEqual([o.price_fen, o.subsidy_fen, o.pays_fen, o.tier, o.flag], [1700, 500, 1200, '75岁以上', '']);
  assert.match(o.reason, /75岁以上/);
  assert.deepEqual(o.lines[1], { dish_id: w.rice, name: '米饭', unit_fen: 100, qty: 2 });
  assert.equal(o.cancel_free_until, null);
  assert.equal(count(`SELECT count(*) FROM canteen_order_events WHERE order_id = ${o.id} AND kind = 'created' AND by_user = ${w.keeperA.user.id}`), 1);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'canteen_order.create' AND subject_id = '${o.id}'`), 1);

  // The second meal of her lunch: full price, flagged; a preview says so too.
  const second = await send('POST', `${C()}/orders`, counter({ elder_id: her.id }));
  assert.equal(second.status, 201, second.text);
  assert.deepEqual([second.body.subsidy_fen, second.body.pays_fen, second.body.flag, second.body.tier], [0, 1500, 'second_in_slot', '']);
  // Her breakfast is another slot (no tier counts breakfast: no subsidy, no flag).
  const breakfast = await send('POST', `${C()}/orders`, counter({ card: her.card }, [{ dish_id: w.porridge, qty: 1 }], { meal: 'breakfast' }));
  assert.equal(breakfast.status, 201, breakfast.text);
  assert.equal(breakfast.body.flag, '');
  // Somebody who is not a recorded elder pays the full price.
  const walkIn = await send('POST', `${C()}/orders`, counter(null));
  assert.equal(walkIn.status, 201, walkIn.text);
  assert.deepEqual([walkIn.body.elder, walkIn.body.subsidy_fen, walkIn.body.pays_fen], [null, 0, 1500]);

  // A till mistake: cancelled the same day, her slot free again.
  const undo = await send('POST', `${C()}/orders/${o.id}/cancel`, { note: '打错了' });
  assert.equal(undo.status, 200, undo.text);
  assert.equal(undo.body.status, 'cancelled');
  assert.equal(count(`SELECT count(*) FROM canteen_order_events WHERE order_id = ${o.id} AND kind = 'cancelled' AND note = '打错了'`), 1);
  assertProblem(await send('POST', `${C()}/orders/${o.id}/cancel`, {}), 409);
  const again = await send('POST', `${C()}/orders`, counter({ card: her.card }));
  assert.equal(again.body.subsidy_fen, 500);

  const list = await get(`${C()}/orders?date=2026-12-10&meal=lunch&kind=counter`);
  assert.equal(list.status, 200, list.text);
  const ids = list.body.orders.map((x) => x.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.ok(ids.includes(again.body.id) && ids.includes(o.id) && !ids.includes(breakfast.body.id));
  assertProblem(await get(`${C()}/orders?date=12-10&meal=tea`), 422, 'meal');
});

test('a delivery: booked for an elder before the cut-off, cancelled free before it, charged in full after it', async () => {
  const her = await cardedElder({ name: '王淑珍', phones: ['13822223333'] });
  // The cashier finds her first: booking by elder_id needs a link to this canteen.
  assert.equal((await get(`${C()}/diners?${new URLSearchParams({ name: '王淑珍' })}`)).status, 200);
  const book = (date, diner = { elder_id: her.id }) => send('POST', `${C()}/orders`, { kind: 'delivery', date, meal: 'lunch', diner, lines: [{ dish_id: w.noodles, qty: 1 }] });
  const tomorrow = await book('2026-12-11');
  assert.equal(tomorrow.status, 201, tomorrow.text);
  assert.equal(tomorrow.body.status, 'booked');
  assert.equal(tomorrow.body.subsidy_fen, 500);
  assert.equal(tomorrow.body.cancel_free_until, CUTOFF_11TH);
  // Today's lunch is past its cut-off (20:00 yesterday); 15 days ahead is too far; nobody recorded: no delivery.
  assertProblem(await book('2026-12-10'), 422, 'date');
  assertProblem(await book('2026-12-25'), 422, 'date');
  assertProblem(await book('2026-12-11', null), 422, 'diner');
  // Before the cut-off: cancelled, free.
  const free = await send('POST', `${C()}/orders/${tomorrow.body.id}/cancel`, { note: '女儿接她去吃' });
  assert.equal(free.status, 200, free.text);
  assert.deepEqual([free.body.status, free.body.pays_fen], ['cancelled', 1000]);
  // A delivery of today booked yesterday: past its cut-off, cancelling charges it in full.
  const id = Number(w.srv.sql(`INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, price_fen, subsidy_fen, pays_fen, tier, reason, flag, status, created_at, created_by, updated_at) VALUES (${w.canteen}, 'delivery', '2026-12-10', '2026-12', 'dinner', ${her.id}, 1500, 500, 1000, '75岁以上', '', '', 'booked', 0, 1, 0) RETURNING id`, { readonly: false }));
  const late = await send('POST', `${C()}/orders/${id}/cancel`, {});
  assert.equal(late.status, 200, late.text);
  assert.deepEqual([late.body.status, late.body.subsidy_fen, late.body.pays_fen], ['cancelled_late', 0, 1500]);
  assertProblem(await send('POST', `${C()}/orders/${id}/cancel`, {}), 409);
  assertProblem(await send('POST', `${C()}/orders/999999/cancel`, {}), 404);
});

test('her 75th birthday moves her to the next tier through an order', async () => {
  const her = await cardedElder({ name: '赵玉梅', phones: ['13833334444'], birth_date: '1951-12-11' });
  const today = await send('POST', `${C()}/orders`, counter({ card: her.card }));
  assert.deepEqual([today.status, today.body.tier, today.body.subsidy_fen], [201, '60-74岁', 200]);
  const birthday = await send('POST', `${C()}/orders`, { kind: 'delivery', date: '2026-12-11', meal: 'lunch', diner: { card: her.card }, lines: [{ dish_id: w.noodles, qty: 1 }] });
  assert.deepEqual([birthday.status, birthday.body.tier, birthday.body.subsidy_fen], [201, '75岁以上', 500], birthday.text);
});

test("bad input is refused with the field named; only this canteen's staff ring up meals", async () => {
  const res = await w.srv.fetch(`${C()}/orders`, { method: 'POST', body: '{"kind": "counter",', headers: { 'content-type': 'application/json' }, token: w.keeperA.token });
  assertProblem(res, 400);
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [{ dish_id: w.noodles, qty: -1 }])), 422, 'lines[0].qty');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [{ dish_id: w.noodles, qty: 1.5 }])), 422, 'lines[0].qty');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [{ dish_id: w.noodles, qty: '2' }])), 422, 'lines[0].qty');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [])), 422, 'lines');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [{ dish_id: 999999, qty: 1 }])), 422, 'lines[0].dish_id');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, [{ dish_id: w.porridge, qty: 1 }])), 422, 'lines[0].dish_id');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, undefined, { kind: 'takeaway' })), 422, 'kind');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, undefined, { date: 20261210 })), 422, 'date');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, undefined, { date: '2026-12-11' })), 422, 'date');
  assertProblem(await send('POST', `${C()}/orders`, counter({ card: '12345' })), 422, 'diner.card');
  // Her real card (it passes the check digit) with her elder_id: refused for naming her twice.
  const both = await cardedElder({ name: '孙秀兰', phones: ['13899990000'] });
  assertProblem(await send('POST', `${C()}/orders`, counter({ card: both.card, elder_id: both.id })), 422, 'diner.elder_id');
  assertProblem(await send('POST', `${C()}/orders`, counter(null, undefined, { extra: 1 })), 422, 'extra');
  assertProblem(await send('POST', `${C()}/orders`, counter({ elder_id: 999999 })), 404);
  assertProblem(await send('POST', `${C()}/orders`, counter(null), w.keeperB), 403);
  assertProblem(await send('POST', `${C()}/orders`, counter(null), w.resident), 403);
  assertProblem(await send('POST', `${C()}/orders`, counter(null), null), 401);
  assertProblem(await send('POST', `/api/v1/canteens/999999/orders`, counter(null)), 404);
  assertProblem(await get(`${C()}/orders`, w.keeperB), 403);
});

test('the diner lookup: by card, phone or full name, masked, audited; exactly one parameter', async () => {
  const her = await cardedElder({ name: '刘凤兰', phones: ['13844445555'] });
  await w.createElder({ name: '刘凤兰', phones: ['13855556666'] });
  const lookup = (q, who) => get(`${C()}/diners?${new URLSearchParams(q)}`, who);
  const reads = () => count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%canteen_diner_lookup%'`);
  const r0 = reads();
  const byCard = await lookup({ card: her.card });
  assert.equal(byCard.status, 200, byCard.text);
  assert.deepEqual(byCard.body.diners, [{ elder_id: her.id, name_masked: '刘**', phone_masked: '138****5555', card_masked: `******${her.card.slice(6)}` }]);
  assert.equal(reads(), r0 + 1);
  assert.deepEqual((await lookup({ phone: '138 4444 5555' })).body.diners.map((d) => d.elder_id), [her.id]);
  assert.equal((await lookup({ name: '刘凤兰' })).body.diners.length, 2);
  assert.equal((await lookup({ name: '刘凤' })).body.diners.length, 0);
  assert.equal(reads(), r0 + 4);
  assertProblem(await lookup({}), 422);
  assertProblem(await lookup({ card: her.card, name: '刘凤兰' }), 422);
  assertProblem(await lookup({ card: '12' }), 422, 'card');
  assertProblem(await lookup({ phone: '12' }), 422, 'phone');
  assertProblem(await lookup({ card: her.card }, w.keeperB), 403);
  assert.equal(reads(), r0 + 4);
});

test("her subsidy so far counts: the day's cap binds her dinner and the quote shows her lunch", async () => {
  const her = await cardedElder({ name: '周玉兰', phones: ['13877778888'] });
  const lunch = await send('POST', `${C()}/orders`, counter({ card: her.card }));
  assert.equal(lunch.body.subsidy_fen, 500, lunch.text);
  const q = await get(`${C()}/subsidy-quote?card=${her.card}&date=2026-12-10&meal=dinner&price_fen=1500`);
  assert.equal(q.status, 200, q.text);
  assert.deepEqual([q.body.subsidised_today_fen, q.body.subsidy_fen, q.body.limited_by], [500, 200, 'cap_per_day']);
  const dinner = await send('POST', `${C()}/orders`, counter({ card: her.card }, undefined, { meal: 'dinner' }));
  assert.deepEqual([dinner.status, dinner.body.subsidy_fen, dinner.body.pays_fen, dinner.body.flag], [201, 200, 1300, ''], dinner.text);
});

test('an elder_id is taken only for an elder this canteen knows: an order, a route stop or a lookup here', async () => {
  const her = await cardedElder({ name: '吴桂英', phones: ['13810102020'] });
  const byId = { kind: 'delivery', date: '2026-12-11', meal: 'lunch', diner: { elder_id: her.id }, lines: [{ dish_id: w.noodles, qty: 1 }] };
  // A stranger to this canteen: the same 404 as an unknown id, for the preview too (no tier, no masked name).
  assertProblem(await send('POST', `${C()}/orders/preview`, byId), 404);
  assertProblem(await send('POST', `${C()}/orders`, byId), 404);
  // A lookup at another canteen does not make her known here.
  assert.equal((await get(`/api/v1/canteens/${w.other}/diners?card=${her.card}`, w.keeperB)).status, 200);
  assertProblem(await send('POST', `${C()}/orders`, byId), 404);
  // A lookup here that found her does.
  assert.equal((await get(`${C()}/diners?card=${her.card}`)).body.diners.length, 1);
  assert.equal((await send('POST', `${C()}/orders/preview`, byId)).status, 200);
  const booked = await send('POST', `${C()}/orders`, byId);
  assert.equal(booked.status, 201, booked.text);
});

test('a month closed for settlement takes no new meals (409)', async () => {
  const her = await cardedElder({ name: '陈桂芳', phones: ['13866667777'] });
  const o = await send('POST', `${C()}/orders`, counter({ card: her.card }));
  assert.equal(o.status, 201, o.text);
  w.srv.sql(`INSERT INTO canteen_month_closures (canteen_id, month, meals, subsidy_fen, closed_at, closed_by) VALUES (${w.canteen}, '2026-12', 1, 500, 0, 1)`, { readonly: false });
  assertProblem(await send('POST', `${C()}/orders`, counter({ card: her.card })), 409);
  assertProblem(await send('POST', `${C()}/orders/${o.body.id}/cancel`, {}), 409);
});
