// Elders' meal subsidies (issue #17 "Subsidy rules"): the district's rule
// versions, made by admins for tomorrow or later, read by staff, replaced
// only before their day; a canteen's quote for a meal by the card the diner
// shows — the tier, the caps, what she pays and why, her masked name and
// never her categories or age — audited as a read of her record. Bad input
// (overlapping age bands, a negative or fractional amount, an unknown
// status, malformed JSON, wrong types, today or a past day for a version, a
// quote's day outside today..14 days ahead, an elder_id) is refused with the
// field named, and so are a resident or keeper making rules and another
// canteen's keeper quoting; an unknown and a revoked card answer the same
// 404. The server's clock is fixed (--now): "today" is 2026-12-10 in
// district time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';
import { addCanteens } from './lib/canteen_world.mjs';

const NOW = '2026-12-10T10:00:00+08:00';
const API = '/api/v1/canteen-subsidies';
let w;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  await addCanteens(w);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who = w.admin) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const count = (q) => Number(w.srv.sql(q));

// The demo's table: 60–69 ¥2, 70–79 ¥3, 80+ ¥5, 特困/低保 ¥7; lunch and dinner; ¥7 a day.
const TIERS = [
  { name: '60-69岁', age_min: 60, age_max: 69, amount_fen: 200, meals: ['lunch', 'dinner'] },
  { name: '70-79岁', age_min: 70, age_max: 79, amount_fen: 300, meals: ['lunch', 'dinner'] },
  { name: '80岁以上', age_min: 80, amount_fen: 500, meals: ['lunch', 'dinner'] },
  { name: '特困/低保', statuses: ['extreme_poverty', 'subsistence_allowance'], amount_fen: 700, meals: ['lunch', 'dinner'] },
];
const rules = (extra = {}) => ({ effective_from: '2026-12-11', cap_per_day_fen: 700, tiers: TIERS, ...extra });
const withTier = (i, over) => rules({ tiers: TIERS.map((t, k) => (k === i ? { ...t, ...over } : t)) });
const PHONES = { committee_phone: '0358-8221234', team_phone: '13903580001' };
// An elder with a red proxy card: { id, card } (the card's number).
async function cardedElder(extra) {
  const elder = await w.createElder(extra);
  const card = await send('POST', `/api/v1/elders/${elder.id}/card`, PHONES, w.callers.workerGrid);
  assert.equal(card.status, 201, card.text);
  return { id: elder.id, card: card.body.number, display: card.body.number_display };
}
const quote = (canteen, q, who = w.keeperA) => get(`/api/v1/canteens/${canteen}/subsidy-quote?${new URLSearchParams(q)}`, who);

test('admins make versions from tomorrow; staff read them with the one in force marked', async () => {
  // Today: this morning's meals are already sold at today's prices.
  assertProblem(await send('POST', API, rules({ effective_from: '2026-12-10' })), 422, 'effective_from');
  const made = await send('POST', API, rules({ note: '区民政局 2026 年第 7 号' }));
  assert.equal(made.status, 201, made.text);
  assert.equal(made.headers.get('location'), `${API}/${made.body.id}`);
  assert.equal(made.body.state, 'scheduled');
  assert.equal(made.body.precedence, 'highest');
  assert.deepEqual(made.body.tiers[2], { name: '80岁以上', age_min: 80, age_max: null, statuses: [], amount_fen: 500, meals: ['lunch', 'dinner'] });
  w.current = made.body.id;
  // As if it had been made before the 1st: in force since then.
  w.srv.sql(`UPDATE canteen_subsidy_versions SET effective_from = '2026-12-01' WHERE id = ${w.current}`, { readonly: false });
  const next = await send('POST', API, rules({ effective_from: '2027-01-01', precedence: 'first' }));
  assert.equal(next.status, 201, next.text);
  assert.equal(next.body.state, 'scheduled');
  w.next = next.body.id;
  // One version a day.
  assertProblem(await send('POST', API, rules({ effective_from: '2027-01-01' })), 409);

  for (const who of [w.admin, w.keeperA, w.callers.workerGrid]) {
    const list = await get(API, who);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.today, '2026-12-10');
    assert.equal(list.body.in_force_id, w.current);
    assert.deepEqual(list.body.items.map((v) => [v.id, v.state, v.in_force]), [[w.next, 'scheduled', false], [w.current, 'in_force', true]]);
  }
  for (const who of [w.resident, w.callers.volunteer, w.callers.department]) assertProblem(await get(API, who), 403);
  assertProblem(await get(API), 401);
});

test('a version is replaced only before its day, and never moved to today or a past day', async () => {
  const put = await send('PUT', `${API}/${w.next}`, rules({ effective_from: '2027-01-01', cap_per_day_fen: null, tiers: [TIERS[0]] }));
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.cap_per_day_fen, null);
  assert.equal(put.body.tiers.length, 1);
  assertProblem(await send('PUT', `${API}/${w.current}`, rules()), 409);
  assertProblem(await send('PUT', `${API}/${w.next}`, rules({ effective_from: '2026-12-10' })), 422, 'effective_from');
  assertProblem(await send('PUT', `${API}/${w.next}`, rules({ effective_from: '2026-12-09' })), 422, 'effective_from');
  assertProblem(await send('POST', API, rules({ effective_from: '2026-12-01' })), 422, 'effective_from');
  assertProblem(await send('PUT', `${API}/999999`, rules({ effective_from: '2027-02-01' })), 404);
  assertProblem(await send('PUT', `${API}/abc`, rules({ effective_from: '2027-02-01' })), 404);
  // Put back as it was.
  assert.equal((await send('PUT', `${API}/${w.next}`, rules({ effective_from: '2027-01-01' }))).status, 200);
});

test('bad rules are refused with the field named', async () => {
  const overlap = await send('POST', API, withTier(1, { age_min: 65 }));
  assertProblem(overlap, 422, 'tiers[1].age_min');
  const msg = overlap.body.errors.find((e) => e.field === 'tiers[1].age_min').message;
  assert.ok(msg.includes('60-69岁') && msg.includes('70-79岁'), msg);
  assertProblem(await send('POST', API, withTier(0, { amount_fen: -100 })), 422, 'tiers[0].amount_fen');
  assertProblem(await send('POST', API, withTier(0, { amount_fen: 2.5 })), 422, 'tiers[0].amount_fen');
  assertProblem(await send('POST', API, withTier(0, { amount_fen: '200' })), 422, 'tiers[0].amount_fen');
  assertProblem(await send('POST', API, withTier(3, { statuses: ['rich'] })), 422, 'tiers[3].statuses[0]');
  assertProblem(await send('POST', API, withTier(3, { meals: ['supper'] })), 422, 'tiers[3].meals[0]');
  assertProblem(await send('POST', API, withTier(2, { age_max: 70 })), 422, 'tiers[2].age_max');
  assertProblem(await send('POST', API, withTier(0, { colour: 'red' })), 422, 'tiers[0].colour');
  assertProblem(await send('POST', API, rules({ tiers: 'all' })), 422, 'tiers');
  assertProblem(await send('POST', API, rules({ tiers: [] })), 422, 'tiers');
  assertProblem(await send('POST', API, rules({ tiers: [7] })), 422, 'tiers[0]');
  assertProblem(await send('POST', API, rules({ effective_from: 20261211 })), 422, 'effective_from');
  assertProblem(await send('POST', API, rules({ effective_from: '2026-13-01' })), 422, 'effective_from');
  assertProblem(await send('POST', API, rules({ precedence: 'lowest' })), 422, 'precedence');
  assertProblem(await send('POST', API, rules({ cap_per_day_fen: -1 })), 422, 'cap_per_day_fen');
  const bad = await w.srv.fetch(API, { method: 'POST', token: w.admin.token, body: '{"effective_from": ', headers: { 'content-type': 'application/json' } });
  assertProblem(bad, 400);
  for (const who of [w.resident, w.keeperA, w.callers.workerGrid]) {
    assertProblem(await send('POST', API, rules({ effective_from: '2027-03-01' }), who), 403);
    assertProblem(await send('PUT', `${API}/${w.next}`, rules({ effective_from: '2027-03-01' }), who), 403);
  }
  assert.equal(count(`SELECT count(*) FROM canteen_subsidy_versions`), 2);
});

test('the quote by her card: her tier, what she pays and why, never her categories or age; audited', async () => {
  const elder = await cardedElder({ name: '张桂兰', birth_date: '1941-03-08', categories: ['living_alone', 'disabled'] });
  const q = await quote(w.canteen, { card: elder.card, date: '2026-12-10', meal: 'lunch', price_fen: 1500 });
  assert.equal(q.status, 200, q.text);
  assert.deepEqual(q.body, {
    canteen_id: w.canteen, date: '2026-12-10', meal: 'lunch', price_fen: 1500, subsidy_fen: 500, pays_fen: 1000,
    tier: '80岁以上', version_id: w.current, limited_by: null, reason: '80岁以上 每餐补贴¥5（2026-12-01起）',
    subsidised_today_fen: 0, subsidised_month_fen: 0, elder: { name: '张**' },
  });
  for (const secret of ['living_alone', 'disabled', '1941', '03-08', '"age"', 'statuses', 'birth', `"id":${elder.id}`]) {
    assert.ok(!q.text.includes(secret), `${secret} in ${q.text}`);
  }
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'elder' AND subject_id = '${elder.id}' AND actor_user_id = ${w.keeperA.user.id} AND detail LIKE '%subsidy_quote%'`), 1);
  // The number as printed on the card, and 14 days ahead (delivery is booked ahead).
  const ahead = await quote(w.canteen, { card: elder.display, date: '2026-12-24', meal: 'dinner', price_fen: 300 });
  assert.equal(ahead.status, 200, ahead.text);
  // A cheap dish: the subsidy is never more than the price.
  assert.deepEqual([ahead.body.subsidy_fen, ahead.body.pays_fen, ahead.body.limited_by], [300, 0, 'price']);
  // Breakfast counts in no tier; her age is not in the reason either.
  const breakfast = await quote(w.canteen, { card: elder.card, date: '2026-12-10', meal: 'breakfast', price_fen: 500 });
  assert.equal(breakfast.body.subsidy_fen, 0);
  assert.equal(breakfast.body.reason, '不符合补贴条件（2026-12-01起），按原价');
  // Not an elder: the full price, nothing read, nothing audited.
  const reads = count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'`);
  const stranger = await quote(w.canteen, { date: '2026-12-10', meal: 'lunch', price_fen: 1500 });
  assert.equal(stranger.status, 200, stranger.text);
  assert.equal(stranger.body.subsidy_fen, 0);
  assert.equal(stranger.body.pays_fen, 1500);
  assert.equal(stranger.body.reason, '非服务对象，按原价');
  assert.equal(stranger.body.elder, null);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'`), reads);
  // An admin quotes at any canteen.
  assert.equal((await quote(w.other, { card: elder.card, date: '2026-12-10', meal: 'lunch', price_fen: 1500 }, w.admin)).status, 200);
});

test('a status change today prices the rest of the day', async () => {
  const elder = await cardedElder({ name: '李秀兰', birth_date: '1955-05-01', categories: ['living_alone'] });
  const ask = { card: elder.card, date: '2026-12-10', meal: 'lunch', price_fen: 1500 };
  const before = await quote(w.canteen, ask);
  assert.deepEqual([before.status, before.body.tier, before.body.subsidy_fen], [200, '70-79岁', 300]);
  // Found 低保 today (the correction's history keeps the categories before and after).
  const fix = await send('PATCH', `/api/v1/elders/${elder.id}`, { categories: ['living_alone', 'subsistence_allowance'] }, w.callers.workerGrid);
  assert.equal(fix.status, 200, fix.text);
  const after = await quote(w.canteen, ask);
  assert.deepEqual([after.body.tier, after.body.subsidy_fen], ['特困/低保', 700]);
  assert.ok(!after.text.includes('subsistence_allowance'), after.text);
});

test('a revoked card, a closed record and an unknown number are one 404', async () => {
  // A well-formed number (its check digit right) that no card has.
  const unknown = await quote(w.canteen, { card: '5729430185', date: '2026-12-10', meal: 'lunch', price_fen: 1500 });
  assertProblem(unknown, 404);
  const lost = await cardedElder({ name: '周凤英', birth_date: '1940-01-01', categories: [] });
  const revoked = await send('DELETE', `/api/v1/elders/${lost.id}/card?reason=lost`, undefined, w.callers.workerGrid);
  assert.equal(revoked.status, 200, revoked.text);
  const r = await quote(w.canteen, { card: lost.card, date: '2026-12-10', meal: 'lunch', price_fen: 1500 });
  assertProblem(r, 404);
  assert.deepEqual(r.body, unknown.body);
  // Closing her record revokes her card.
  const gone = await cardedElder({ name: '吴秀珍', birth_date: '1940-01-01', categories: [] });
  const closed = await send('POST', `/api/v1/elders/${gone.id}/close`, { reason: 'moved_out' }, w.callers.workerGrid);
  assert.equal(closed.status, 200, closed.text);
  const c = await quote(w.canteen, { card: gone.card, date: '2026-12-11', meal: 'lunch', price_fen: 1500 });
  assertProblem(c, 404);
  assert.deepEqual(c.body, unknown.body);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_id IN ('${lost.id}', '${gone.id}') AND detail LIKE '%subsidy_quote%'`), 0);
});

test("quotes are for the canteen's staff, by card, for the next two weeks", async () => {
  const elder = await cardedElder({ name: '赵月娥' });
  const ok = { card: elder.card, date: '2026-12-10', meal: 'lunch', price_fen: 1500 };
  assertProblem(await quote(w.canteen, ok, w.keeperB), 403);
  assertProblem(await quote(w.canteen, ok, w.resident), 403);
  assertProblem(await quote(w.canteen, ok, w.callers.workerGrid), 403);
  assertProblem(await quote(w.canteen, ok, null), 401);
  assertProblem(await quote(99999999, ok), 404);
  // The record id is no way in: refused, not ignored.
  assertProblem(await quote(w.canteen, { ...ok, elder_id: elder.id }), 422, 'elder_id');
  const { card: _c, ...noCard } = ok;
  assertProblem(await quote(w.canteen, { ...noCard, elder_id: elder.id }), 422, 'elder_id');
  assertProblem(await quote(w.canteen, { ...ok, card: '1234' }), 422, 'card');
  assertProblem(await quote(w.canteen, { ...ok, card: elder.card.slice(0, 9) + ((Number(elder.card[9]) + 1) % 10) }), 422, 'card');
  assertProblem(await quote(w.canteen, { ...ok, date: '2026-12-09' }), 422, 'date');
  assertProblem(await quote(w.canteen, { ...ok, date: '2026-12-25' }), 422, 'date');
  assertProblem(await quote(w.canteen, { ...ok, date: '2026-02-30' }), 422, 'date');
  assertProblem(await quote(w.canteen, { ...ok, meal: 'brunch' }), 422, 'meal');
  assertProblem(await quote(w.canteen, { ...ok, price_fen: '-1' }), 422, 'price_fen');
  assertProblem(await quote(w.canteen, { ...ok, price_fen: '1.5' }), 422, 'price_fen');
  const { price_fen: _, ...noPrice } = ok;
  assertProblem(await quote(w.canteen, noPrice), 422, 'price_fen');
  // Another canteen's keeper read nothing of her.
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${w.keeperB.user.id}`), 0);
});
