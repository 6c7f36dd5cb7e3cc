// Meal delivery (issue #17 "Delivery"): a canteen's round of the day in the
// saved route's order — the route kept between days, the elders not on it
// after it by name — with each stop's elder whole (name, address, phone,
// position) for the courier, audited; the handover by her code (the first 4
// digits of her red card, which no staff screen's mask shows; a wrong code
// 422 and audited, the 6th try within 10 minutes 429) or by a photo;
// not-home recorded and handed to the visits' escalation, which her team's
// due list then shows. Refused: another canteen's cashier (403), an order
// not booked (409), a handover or not-home on another day than the meal's
// (409), a closed month (409), bad input (malformed JSON, wrong types,
// unknown fields, a bad meal or day, an unknown order). Orders are put
// straight into canteen_orders (the orders' routes are another part's).
// The server's clock is fixed (--now): "today" is 2026-12-10.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';
import { addCanteens } from './lib/canteen_world.mjs';
import { PNG } from './lib/matrix_world.mjs';

const NOW = '2026-12-10T10:00:00+08:00';
const T0 = Date.parse(NOW) / 1000;
let w;
let team;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  await addCanteens(w);
  const made = await w.srv.fetch('/api/v1/elder-teams', {
    method: 'POST', token: w.admin.token, json: {
      grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
      volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7',
    },
  });
  assert.equal(made.status, 201, made.text);
  team = made.body.id;
  const dish = await send('POST', `/api/v1/canteens/${w.canteen}/dishes`, {
    name: '肉末蒸蛋', kind: 'dish', price_fen: 1200, allergens: ['egg'], tags: ['soft', 'low_salt'],
  }, w.keeperA);
  assert.equal(dish.status, 201, dish.text);
  w.dish = dish.body.id;
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who = w.keeperA) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const count = (q) => Number(w.srv.sql(q));
const C = () => `/api/v1/canteens/${w.canteen}`;

// An elder with a red proxy card, paired with the team: { id, card }.
async function cardedElder(name) {
  const elder = await w.createElder({ name });
  const card = await send('POST', `/api/v1/elders/${elder.id}/card`,
    { committee_phone: '0358-8221234', team_phone: '13903580001' }, w.callers.workerGrid);
  assert.equal(card.status, 201, card.text);
  const paired = await send('PUT', `/api/v1/elders/${elder.id}/team`, { team_id: team }, w.callers.workerGrid);
  assert.equal(paired.status, 200, paired.text);
  return { id: elder.id, card: card.body.number };
}
// A delivery order booked for her: its id.
function book(elder, date = '2026-12-10', { canteen = w.canteen, meal = 'lunch', status = 'booked' } = {}) {
  const id = Number(w.srv.sql('INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, ' +
    'price_fen, subsidy_fen, pays_fen, tier, reason, status, created_at, created_by, updated_at) VALUES ' +
    `(${canteen}, 'delivery', '${date}', '${date.slice(0, 7)}', '${meal}', ${elder.id}, 1200, 300, 900, ` +
    `'70-79岁', '70-79岁 每餐补贴 3.00 元', '${status}', ${T0}, 1, ${T0}) RETURNING id`, { readonly: false }));
  w.srv.sql('INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) ' +
    `VALUES (${id}, 0, ${w.dish}, '肉末蒸蛋', 1200, 1)`, { readonly: false });
  return id;
}
const round = (date, who = w.keeperA, meal = 'lunch') => get(`${C()}/deliveries?date=${date}&meal=${meal}`, who);
const handover = (id, body, who = w.keeperA) => send('POST', `${C()}/orders/${id}/handover`, body, who);
const notHome = (id, body = { note: '敲门无人应' }, who = w.keeperA) => send('POST', `${C()}/orders/${id}/not-home`, body, who);

test('the round follows the saved route on every day; elders not on it come after, by name', async () => {
  const zhang = await cardedElder('张秀英');
  const li = await cardedElder('李桂芳');
  const wang = await cardedElder('王淑珍');
  const saved = await send('PUT', `${C()}/delivery-route/dinner`, { elder_ids: [li.id, zhang.id] });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body, { meal: 'dinner', elder_ids: [li.id, zhang.id] });
  for (const day of ['2026-12-11', '2026-12-12']) for (const e of [wang, zhang, li]) book(e, day, { meal: 'dinner' });
  const reads = count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%canteen_delivery%'");
  for (const day of ['2026-12-11', '2026-12-12']) {
    const r = await round(day, w.keeperA, 'dinner');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.date, day);
    assert.deepEqual(r.body.stops.map((s) => [s.position, s.elder.elder_id]), [[1, li.id], [2, zhang.id], [3, wang.id]]);
    const s = r.body.stops[0];
    assert.equal(s.status, 'booked');
    assert.equal(s.elder.name, '李桂芳');
    assert.equal(s.elder.phone, '13812345678');
    assert.ok(s.elder.address.length > 0);
    assert.equal(typeof s.elder.lat, 'number');
    assert.deepEqual(s.lines, [{ dish_id: w.dish, name: '肉末蒸蛋', unit_fen: 1200, qty: 1 }]);
    assert.deepEqual(s.diet, ['soft', 'low_salt']);
    assert.deepEqual(s.allergens, ['egg']);
    assert.equal(s.handover, null);
    assert.equal(s.not_home, null);
  }
  // Every read of the round is audited before the answer.
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%canteen_delivery%'"), reads + 2);
  assert.deepEqual((await get(`${C()}/delivery-route/dinner`, w.keeperA)).body, { meal: 'dinner', elder_ids: [li.id, zhang.id] });
  // Cancelled orders are left out.
  w.srv.sql("UPDATE canteen_orders SET status = 'cancelled' WHERE served_on = '2026-12-12'", { readonly: false });
  assert.deepEqual((await round('2026-12-12', w.keeperA, 'dinner')).body.stops, []);
});

test('handover by her code: right once, wrong ones audited, the 6th try in 10 minutes 429', async () => {
  const e = await cardedElder('赵兰英');
  const right = e.card.slice(0, 4);
  const wrong = right === '0000' ? '1111' : '0000';
  const first = book(e);
  const done = await handover(first, { proof: 'code', code: right });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.id, first);
  assert.equal(done.body.status, 'delivered');
  assert.equal(done.body.kind, 'delivery');
  assert.deepEqual(done.body.elder, { elder_id: e.id, name_masked: '赵**' });
  assert.equal(done.body.pays_fen + done.body.subsidy_fen, done.body.price_fen);
  assert.equal(done.body.cancel_free_until, T0 - 14 * 3600);  // 20:00 the day before
  assertProblem(await handover(first, { proof: 'code', code: right }), 409);
  const stop = (await round('2026-12-10')).body.stops.find((s) => s.order_id === first);
  assert.equal(stop.status, 'delivered');
  assert.equal(stop.handover.proof, 'code');

  const second = book(e, '2026-12-10', { meal: 'dinner' });  // one order per slot
  for (let i = 0; i < 5; i += 1) assertProblem(await handover(second, { proof: 'code', code: wrong }), 422, 'code');
  assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'canteen.delivery_code_wrong' AND subject_id = '${second}'`), 5);
  assertProblem(await handover(second, { proof: 'code', code: right }), 429);
  assert.equal(w.srv.sql(`SELECT status FROM canteen_orders WHERE id = ${second}`), 'booked');
  // A photo still hands it over.
  const byPhoto = await handover(second, { proof: 'photo', photo: PNG.toString('base64') });
  assert.equal(byPhoto.status, 200, byPhoto.text);
  assert.equal(count(`SELECT COUNT(*) FROM canteen_order_events WHERE order_id = ${second} AND proof = 'photo' AND photo LIKE '%.png'`), 1);
});

test('the code is not what the counter shows: the masked card\'s digits are refused', async () => {
  const e = await cardedElder('周翠兰');
  const id = book(e);
  const found = await get(`${C()}/diners?name=${encodeURIComponent('周翠兰')}`, w.keeperA);
  assert.equal(found.status, 200, found.text);
  const shown = found.body.diners.find((d) => d.elder_id === e.id).card_masked;
  assert.equal(shown, '******' + e.card.slice(-4));
  const code = e.card.slice(0, 4);
  assert.equal(shown.slice(0, 4), '****', 'the code\'s digits are hidden');
  if (e.card.slice(-4) !== code) assertProblem(await handover(id, { proof: 'code', code: e.card.slice(-4) }), 422, 'code');
  assert.equal(w.srv.sql(`SELECT status FROM canteen_orders WHERE id = ${id}`), 'booked');
  const done = await handover(id, { proof: 'code', code });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'delivered');
});

test('not home: recorded, and her team sees the nobody-answered escalation', async () => {
  const e = await cardedElder('钱玉梅');
  const id = book(e);
  const r = await notHome(id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.order.status, 'not_home');
  assert.ok(Number.isInteger(r.body.visit_id));
  const due = await get(`/api/v1/visits/due?team_id=${team}`, w.callers.volunteer);
  assert.equal(due.status, 200, due.text);
  const item = due.body.items.find((i) => i.visit_id === r.body.visit_id);
  assert.ok(item, `the escalation in ${due.text}`);
  assert.equal(item.elder.id, e.id);
  const visits = await get(`/api/v1/elders/${e.id}/visits`, w.callers.workerGrid);
  const v = visits.body.items.find((x) => x.id === r.body.visit_id);
  assert.equal(v.outcome, 'nobody_answers');
  assert.equal(v.escalation.state, 'open');
  assert.match(v.findings, /长者食堂送餐/);
  const stop = (await round('2026-12-10')).body.stops.find((s) => s.order_id === id);
  assert.equal(stop.not_home.visit_id, r.body.visit_id);
  assertProblem(await notHome(id), 409);
  assertProblem(await handover(id, { proof: 'photo', photo: PNG.toString('base64') }), 409);
});

test('a meal is handed over on its day only: booked ahead or past, 409 and nothing written', async () => {
  const e = await cardedElder('吴秀兰');
  const ahead = book(e, '2026-12-20');
  const past = book(e, '2026-12-09');
  const events = count('SELECT COUNT(*) FROM canteen_order_events');
  for (const id of [ahead, past]) {
    assertProblem(await handover(id, { proof: 'code', code: e.card.slice(0, 4) }), 409);
    assertProblem(await handover(id, { proof: 'photo', photo: PNG.toString('base64') }), 409);
    assert.equal(w.srv.sql(`SELECT status FROM canteen_orders WHERE id = ${id}`), 'booked');
  }
  assert.equal(count('SELECT COUNT(*) FROM canteen_order_events'), events);
  const today = book(e, '2026-12-10');
  assert.equal((await handover(today, { proof: 'code', code: e.card.slice(0, 4) })).status, 200);
});

test('refusals: another canteen, not booked, another day, a closed month, bad input', async () => {
  const e = await cardedElder('孙桂香');
  const id = book(e);
  for (const r of [await round('2026-12-10', w.keeperB), await get(`${C()}/delivery-route/lunch`, w.keeperB),
    await send('PUT', `${C()}/delivery-route/lunch`, { elder_ids: [] }, w.keeperB),
    await handover(id, { proof: 'code', code: '1234' }, w.keeperB), await notHome(id, {}, w.keeperB)]) assertProblem(r, 403);
  assertProblem(await round('2026-12-10', w.callers.workerGrid), 403);
  assertProblem(await get(`${C()}/deliveries?date=2026-12-10&meal=lunch`), 401);
  assertProblem(await handover(book(e, '2026-12-10', { meal: 'breakfast', status: 'served' }), { proof: 'code', code: '1234' }), 409);
  assertProblem(await notHome(book(e, '2026-12-11')), 409);
  assertProblem(await handover(book(e, '2026-12-10', { canteen: w.other, meal: 'dinner' }), { proof: 'code', code: '1234' }), 404);
  assertProblem(await handover(99999999, { proof: 'code', code: '1234' }), 404);
  assertProblem(await get(`/api/v1/canteens/${w.other + 1000}/deliveries?date=2026-12-10&meal=lunch`, w.admin), 404);
  // Bad input.
  assertProblem(await round('2026-12-32'), 422, 'date');
  assertProblem(await round('2026-12-10', w.keeperA, 'supper'), 422, 'meal');
  assertProblem(await get(`${C()}/delivery-route/supper`, w.keeperA), 422, 'meal');
  assertProblem(await send('PUT', `${C()}/delivery-route/lunch`, { elder_ids: [e.id, e.id] }), 422, 'elder_ids');
  assertProblem(await send('PUT', `${C()}/delivery-route/lunch`, { elder_ids: [99999999] }), 422, 'elder_ids');
  assertProblem(await send('PUT', `${C()}/delivery-route/lunch`, { elder_ids: '1,2' }), 422, 'elder_ids');
  assertProblem(await send('PUT', `${C()}/delivery-route/lunch`, { elder_ids: [], x: 1 }), 422, 'x');
  const raw = await w.srv.fetch(`${C()}/orders/${id}/handover`, {
    method: 'POST', token: w.keeperA.token, body: '{"proof": "code",', headers: { 'content-type': 'application/json' },
  });
  assertProblem(raw, 400);
  assertProblem(await handover(id, { proof: 'signature' }), 422, 'proof');
  assertProblem(await handover(id, { proof: 'code', code: 1234 }), 422, 'code');
  assertProblem(await handover(id, { proof: 'photo', photo: 'bm90IGEgcGljdHVyZQ==' }), 422, 'photo');
  assertProblem(await notHome(id, { note: 5 }), 422, 'note');
  // A closed month takes no handover and no not-home.
  w.srv.sql(`INSERT INTO canteen_month_closures (canteen_id, month, meals, subsidy_fen, closed_at, closed_by) VALUES (${w.canteen}, '2026-12', 0, 0, ${T0}, 1)`, { readonly: false });
  assertProblem(await handover(id, { proof: 'code', code: e.card.slice(0, 4) }), 409);
  assertProblem(await notHome(id), 409);
  assert.equal(w.srv.sql(`SELECT status FROM canteen_orders WHERE id = ${id}`), 'booked');
});
