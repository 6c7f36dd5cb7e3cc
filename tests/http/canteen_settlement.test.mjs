// Settlement with the civil-affairs bureau (issue #17 "Settlement") over real
// HTTP: a canteen's month by tier (the tier written on each order, so a
// status change mid-month gives two), what counts as a meal (served,
// delivered, cancelled late at full price; booked ones are open deliveries),
// the month closed by an admin (refused while a delivery is open, before the
// month ends in district time, and twice; the closure audited), adjustments
// refused on an open month and accepted on a closed one (append-only,
// summed into adjusted_subsidy_fen), the CSV for the bureau (UTF-8 BOM,
// Chinese header, masked names, its read audited), every canteen's meal
// counts for the dashboard. Refused: another canteen's cashier (403), a
// keeper closing or adjusting (403), a worker (403), anonymous (401), bad
// months ("2026-13", "2026-1", "abc") 422, bad adjustment bodies, an
// unknown canteen or a facility of another kind (404). Orders are put
// straight into canteen_orders (as the orders and delivery parts leave
// them), and one meal is rung up through the orders' route.
// The server's clock is fixed (--now): "today" is 2026-12-10.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';
import { addCanteens } from './lib/canteen_world.mjs';

const NOW = '2026-12-10T10:00:00+08:00';
const T0 = Date.parse(NOW) / 1000;
let w;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  await addCanteens(w);
  const dish = await send('POST', `/api/v1/canteens/${w.canteen}/dishes`,
    { name: '肉末蒸蛋', kind: 'dish', price_fen: 1200 }, w.keeperA);
  assert.equal(dish.status, 201, dish.text);
  w.dish = dish.body.id;
  w.elder = await w.createElder({ name: '张秀英' });
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who = w.admin) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who = w.admin) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const count = (q) => Number(w.srv.sql(q));
// The CSV's bytes: { status, type, bom (its first three bytes), text (after them) }.
async function csvOf(path, who) {
  const r = await fetch(`${w.srv.url}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
  const bytes = Buffer.from(await r.arrayBuffer());
  return {
    status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
    bom: [...bytes.subarray(0, 3)], text: bytes.subarray(3).toString('utf8'),
  };
}
const S = (month, canteen = w.canteen) => `/api/v1/canteens/${canteen}/settlements/${month}`;

// An order as the orders and delivery parts leave it: its id.
function order(date, { canteen = w.canteen, kind = 'counter', status = 'served', subsidy = 300, tier = '70-79岁', elder = true, proof = '' } = {}) {
  const id = Number(w.srv.sql('INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, ' +
    'price_fen, subsidy_fen, pays_fen, tier, status, created_at, created_by, updated_at) VALUES ' +
    `(${canteen}, '${kind}', '${date}', '${date.slice(0, 7)}', 'lunch', ${elder ? w.elder.id : 'NULL'}, 1200, ` +
    `${subsidy}, ${1200 - subsidy}, '${tier}', '${status}', ${T0}, 1, ${T0}) RETURNING id`, { readonly: false }));
  if (canteen === w.canteen) {
    w.srv.sql('INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) ' +
      `VALUES (${id}, 0, ${w.dish}, '肉末蒸蛋', 1200, 1)`, { readonly: false });
  }
  if (proof) {
    w.srv.sql('INSERT INTO canteen_order_events (order_id, kind, at, by_user, proof) ' +
      `VALUES (${id}, 'delivered', ${T0}, 1, '${proof}')`, { readonly: false });
  }
  return id;
}

test('an empty month: nothing owed, open, nothing to deliver', async () => {
  const r = await get(S('2026-10'), w.keeperA);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, {
    canteen_id: w.canteen, canteen_name: '生态园长者食堂', month: '2026-10', closed: null, tiers: [],
    meals: 0, subsidised_meals: 0, full_price_meals: 0, subsidy_fen: 0, adjustments: [],
    adjusted_subsidy_fen: 0, open_deliveries: 0,
  });
  const csv = await csvOf(`${S('2026-10')}/lines.csv`, w.keeperA);
  assert.equal(csv.status, 200, csv.text);
  assert.match(csv.type, /^text\/csv; charset=utf-8/);
  assert.deepEqual(csv.bom, [0xef, 0xbb, 0xbf]);
  assert.ok(csv.text.startsWith('食堂,月份,日期,餐次,方式,状态,订单号,就餐人,菜品,价格(元),补贴(元)'), csv.text.slice(0, 80));
});

test('November by tier (her status changed mid-month); close refused while open, then closed once', async () => {
  for (let d = 3; d <= 5; d++) order(`2026-11-0${d}`);
  order('2026-11-20', { subsidy: 700, tier: '特困/低保' });
  order('2026-11-21', { kind: 'delivery', status: 'delivered', subsidy: 700, tier: '特困/低保', proof: 'code' });
  order('2026-11-22', { kind: 'delivery', status: 'cancelled_late', subsidy: 0, tier: '特困/低保' });
  order('2026-11-23', { kind: 'delivery', status: 'not_home', subsidy: 700, tier: '特困/低保' });
  order('2026-11-24', { elder: false, subsidy: 0, tier: '' });
  const booked = order('2026-11-30', { kind: 'delivery', status: 'booked', subsidy: 700, tier: '特困/低保' });
  order('2026-11-03', { canteen: w.other });

  const s = await get(S('2026-11'), w.callers.department);
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.body.tiers, [
    { tier: '70-79岁', meals: 3, subsidy_fen: 900 }, { tier: '特困/低保', meals: 2, subsidy_fen: 1400 },
  ]);
  assert.equal(s.body.meals, 7);
  assert.equal(s.body.subsidised_meals, 5);
  assert.equal(s.body.full_price_meals, 2);
  assert.equal(s.body.subsidy_fen, 2300);
  assert.equal(s.body.open_deliveries, 1);

  const open = await send('POST', `${S('2026-11')}/close`, {});
  assertProblem(open, 409);
  assert.match(open.body.detail, /still open/);
  w.srv.sql(`UPDATE canteen_orders SET status = 'delivered' WHERE id = ${booked}`, { readonly: false });
  const early = await send('POST', `${S('2026-12')}/close`, {});
  assertProblem(early, 409);
  assert.match(early.body.detail, /not ended/);

  const closes = count("SELECT COUNT(*) FROM audit_log WHERE action = 'canteen_settlement.close'");
  const closed = await send('POST', `${S('2026-11')}/close`, {});
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.closed.meals, 8);
  assert.equal(closed.body.closed.subsidy_fen, 3000);
  assert.ok(closed.body.closed.at >= T0 && closed.body.closed.at < T0 + 600);
  assert.equal(typeof closed.body.closed.by_name, 'string');
  assert.equal(closed.body.adjusted_subsidy_fen, 3000);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'canteen_settlement.close'"), closes + 1);
  const twice = await send('POST', `${S('2026-11')}/close`, {});
  assertProblem(twice, 409);
  assert.match(twice.body.detail, /closed already/);
  assert.equal(count(`SELECT COUNT(*) FROM canteen_month_closures WHERE canteen_id = ${w.canteen}`), 1);
});

test('adjustments: refused on an open month, appended to a closed one with reason and who', async () => {
  const open = await send('POST', `${S('2026-10')}/adjustments`, { subsidy_delta_fen: 300, reason: '补录' });
  assertProblem(open, 409);
  const target = Number(w.srv.sql(`SELECT MIN(id) FROM canteen_orders WHERE canteen_id = ${w.canteen} AND month = '2026-11'`));
  const a = await send('POST', `${S('2026-11')}/adjustments`, { order_id: target, subsidy_delta_fen: -300, reason: '重复刷卡' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.order_id, target);
  assert.equal(a.body.subsidy_delta_fen, -300);
  assert.equal(a.body.reason, '重复刷卡');
  assert.ok(a.body.created_at >= T0 && a.body.created_at < T0 + 600);
  const b = await send('POST', `${S('2026-11')}/adjustments`, { subsidy_delta_fen: 700, reason: '补录纸质登记' });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.order_id, null);
  const s = await get(S('2026-11'), w.keeperA);
  assert.equal(s.body.adjustments.length, 2);
  assert.equal(s.body.adjusted_subsidy_fen, 3000 - 300 + 700);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'canteen_settlement.adjust'"), 2);
  // Bad bodies, an unknown order, an order of another month.
  const path = `${S('2026-11')}/adjustments`;
  const raw = await w.srv.fetch(path, { method: 'POST', token: w.admin.token, body: '{"subsidy_delta_fen": 1,', headers: { 'content-type': 'application/json' } });
  assertProblem(raw, 400);
  assertProblem(await send('POST', path, { subsidy_delta_fen: 0, reason: 'x' }), 422, 'subsidy_delta_fen');
  assertProblem(await send('POST', path, { subsidy_delta_fen: 1.5, reason: 'x' }), 422, 'subsidy_delta_fen');
  assertProblem(await send('POST', path, { subsidy_delta_fen: '100', reason: 'x' }), 422, 'subsidy_delta_fen');
  assertProblem(await send('POST', path, { subsidy_delta_fen: 100, reason: '' }), 422, 'reason');
  assertProblem(await send('POST', path, { subsidy_delta_fen: 100 }), 422, 'reason');
  assertProblem(await send('POST', path, { subsidy_delta_fen: 100, reason: 'x', extra: 1 }), 422, 'extra');
  assertProblem(await send('POST', path, { order_id: 'one', subsidy_delta_fen: 100, reason: 'x' }), 422, 'order_id');
  assertProblem(await send('POST', path, { order_id: 999999, subsidy_delta_fen: 100, reason: 'x' }), 404);
  assert.equal(count("SELECT COUNT(*) FROM canteen_settlement_adjustments"), 2);
});

test('the CSV: BOM, header, one line per meal with her name masked, then the adjustments; audited', async () => {
  const reads = count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%canteen_settlement%'");
  const r = await csvOf(`${S('2026-11')}/lines.csv`, w.callers.department);
  assert.equal(r.status, 200, r.text);
  assert.match(r.disposition, /attachment; filename="settlement-\d+-2026-11\.csv"/);
  assert.deepEqual(r.bom, [0xef, 0xbb, 0xbf]);
  const text = r.text;
  assert.ok(text.startsWith('食堂,'));
  assert.ok(text.includes(',张**,'), text);
  assert.ok(!text.includes('张秀英'));
  assert.ok(text.includes(',取餐码,'));
  assert.ok(text.includes('逾期取消'));
  assert.ok(!text.includes('2026-11-23'), 'not home is no meal');
  const records = text.split('\r\n');
  assert.equal(records.filter((l) => l.startsWith('生态园长者食堂,2026-11,')).length, 8);
  assert.ok(text.includes('调整编号,订单号,补贴调整(元),原因,调整时间,调整人'));
  assert.ok(text.includes(',-3.00,重复刷卡,'));
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%canteen_settlement%'"), reads + 1);
});

test('who: another canteen\'s cashier 403, keepers neither close nor adjust, anonymous 401', async () => {
  assertProblem(await get(S('2026-11'), w.keeperB), 403);
  assertProblem(await get(`${S('2026-11')}/lines.csv`, w.keeperB), 403);
  assertProblem(await get(S('2026-11'), w.callers.workerGrid), 403);
  assertProblem(await send('POST', `${S('2026-10')}/close`, {}, w.keeperA), 403);
  assertProblem(await send('POST', `${S('2026-11')}/adjustments`, { subsidy_delta_fen: 1, reason: 'x' }, w.keeperA), 403);
  assertProblem(await send('POST', `${S('2026-11')}/adjustments`, { subsidy_delta_fen: 1, reason: 'x' }, w.callers.department), 403);
  assert.equal((await get(S('2026-11'), null)).status, 401);
  assert.equal((await get(S('2026-11', w.other), w.keeperB)).status, 200);
  assertProblem(await get(S('2026-11', w.toilet)), 404);
  assertProblem(await get(S('2026-11', 987654)), 404);
});

test('bad months are 422 on every route', async () => {
  for (const m of ['2026-13', '2026-1', 'abc']) {
    assertProblem(await get(S(m)), 422, 'month');
    assertProblem(await get(`${S(m)}/lines.csv`), 422, 'month');
    assertProblem(await send('POST', `${S(m)}/close`, {}), 422, 'month');
    assertProblem(await send('POST', `${S(m)}/adjustments`, { subsidy_delta_fen: 1, reason: 'x' }), 422, 'month');
    assertProblem(await get(`/api/v1/canteen-meal-counts?month=${m}`), 422, 'month');
  }
  assertProblem(await get('/api/v1/canteen-meal-counts'), 422, 'month');
});

test('the dashboard: every canteen\'s month in counts, and the totals', async () => {
  const r = await get('/api/v1/canteen-meal-counts?month=2026-11', w.callers.department);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.month, '2026-11');
  const ours = r.body.canteens.find((c) => c.id === w.canteen);
  assert.deepEqual(ours, {
    id: w.canteen, name: '生态园长者食堂', meals: 8, subsidised_meals: 6, subsidy_fen: 3000, deliveries: 2, not_home: 1,
  });
  const other = r.body.canteens.find((c) => c.id === w.other);
  assert.equal(other.meals, 1);
  assert.deepEqual(r.body.totals, { meals: 9, subsidised_meals: 7, subsidy_fen: 3300, deliveries: 2, not_home: 1 });
  assert.equal(r.body.canteens.some((c) => c.id === w.toilet), false);
  assertProblem(await get('/api/v1/canteen-meal-counts?month=2026-11', w.keeperA), 403);
  assert.equal((await get('/api/v1/canteen-meal-counts?month=2026-11', null)).status, 401);
});

test('a meal rung up at the counter through the orders\' route counts in its month', async () => {
  const menu = await send('PUT', `/api/v1/canteens/${w.canteen}/menu/2026-12-10/lunch`, { items: [{ dish_id: w.dish }] }, w.keeperA);
  assert.equal(menu.status, 200, menu.text);
  const before = await get(S('2026-12'), w.keeperA);
  assert.equal(before.status, 200, before.text);
  const rung = await send('POST', `/api/v1/canteens/${w.canteen}/orders`,
    { kind: 'counter', date: '2026-12-10', meal: 'lunch', diner: null, lines: [{ dish_id: w.dish, qty: 2 }] }, w.keeperA);
  assert.equal(rung.status, 201, rung.text);
  const after = await get(S('2026-12'), w.keeperA);
  assert.equal(after.body.meals, before.body.meals + 1);
  assert.equal(after.body.full_price_meals, before.body.full_price_meals + 1);
  assert.equal(after.body.subsidy_fen, before.body.subsidy_fen);
  const csv = await csvOf(`${S('2026-12')}/lines.csv`, w.keeperA);
  assert.ok(csv.text.includes(`,${rung.body.id},非登记老人,肉末蒸蛋 ×2,24.00,0.00,24.00,`), csv.text);
});
