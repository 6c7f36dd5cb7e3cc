// GET /api/v1/elders/counts over real HTTP, on either engine (issue 16, the
// dashboard's 服务对象 panel): the open elders by risk tier, by category and
// per community always equal a recount of the records the list gives, through
// create, correct and close; counts carry no personal data and write no audit
// row; each worker counts the elders her list shows; bad input is named by
// field; the roles that may not call it get 401/403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const API = '/api/v1/elders';
const TIERS = ['high', 'priority', 'general'];
const CATEGORIES = ['living_alone', 'empty_nest', 'left_behind', 'disabled', 'severely_disabled',
  'lost_only_child', 'extreme_poverty', 'subsistence_allowance'];
let w;
before(async () => { w = await startEldercareWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const counts = (query = '', who = w.admin) => w.srv.fetch(`${API}/counts${query}`, { token: who?.token });
async function ok(query, who) {
  const r = await counts(query, who);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const reads = () => Number(w.srv.sql("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'"));

// The counts a recount of the admin's list of open elders gives, per community.
async function recount() {
  const items = [];
  let cursor;
  do {
    const page = (await w.srv.fetch(`${API}?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token: w.admin.token })).body;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const by = new Map();
  for (const e of items) {
    const key = e.community_id;
    if (!by.has(key)) {
      by.set(key, { community_id: key, total: 0, risk_tiers: Object.fromEntries(TIERS.map((t) => [t, 0])),
        categories: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) });
    }
    const row = by.get(key);
    row.total += 1;
    row.risk_tiers[e.risk_tier] += 1;
    for (const c of e.categories) row.categories[c] += 1;
  }
  return [...by.values()].sort((a, b) => (a.community_id ?? Infinity) - (b.community_id ?? Infinity));
}

// Every `by` agrees with the recount.
async function assertRecount(label) {
  const rows = await recount();
  const total = rows.reduce((n, r) => n + r.total, 0);
  const community = await ok('?by=community');
  assert.equal(community.by, 'community');
  assert.equal(community.community_id, null);
  assert.equal(community.total, total, label);
  assert.deepEqual(community.items, rows, label);
  const sum = (key, code) => rows.reduce((n, r) => n + r[key][code], 0);
  const tier = await ok('?by=tier');
  assert.equal(tier.total, total, label);
  assert.deepEqual(tier.items, TIERS.map((t) => ({ risk_tier: t, count: sum('risk_tiers', t) })), label);
  const category = await ok('?by=category');
  assert.deepEqual(category.items, CATEGORIES.map((c) => ({ category: c, count: sum('categories', c) })), label);
  return community;
}

test('the counts equal a recount through create, correct and close, and read no personal data', async () => {
  const empty = await ok('?by=tier');
  assert.equal(empty.total, 0);
  assert.deepEqual(empty.items, TIERS.map((t) => ({ risk_tier: t, count: 0 })));
  assert.deepEqual((await ok('?by=community')).items, []);

  const a = await w.createElder({ categories: ['living_alone', 'disabled'], risk_tier: 'high' });
  await w.createElder({ categories: ['severely_disabled'], risk_tier: 'high' });
  await w.createElder({ categories: [], risk_tier: 'general' });
  const d = await w.createElder({ categories: ['empty_nest', 'subsistence_allowance', 'left_behind'], risk_tier: 'priority' });
  let c = await assertRecount('created');
  assert.equal(c.total, 4);
  assert.equal(c.items.length, 1);
  assert.equal(c.items[0].community_id, w.area['BH-STY']);
  assert.deepEqual(c.items[0].risk_tiers, { high: 2, priority: 1, general: 1 });
  // "disabled" counts only itself, never "severely_disabled".
  assert.equal(c.items[0].categories.disabled, 1);
  assert.equal(c.items[0].categories.severely_disabled, 1);
  // `by` defaults to community; an ISO time says when.
  const plain = await ok('');
  assert.deepEqual(plain.items, c.items);
  assert.match(plain.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  // Numbers only: no name, phone or elder id in the answer.
  assert.doesNotMatch(JSON.stringify(plain), /张桂兰|138|"id"/);

  const fixed = await w.srv.fetch(`${API}/${a.id}`, { method: 'PATCH', token: w.admin.token,
    json: { risk_tier: 'priority', categories: ['empty_nest'] } });
  assert.equal(fixed.status, 200, fixed.text);
  c = await assertRecount('corrected');
  assert.deepEqual(c.items[0].risk_tiers, { high: 1, priority: 2, general: 1 });
  assert.equal(c.items[0].categories.living_alone, 0);
  assert.equal(c.items[0].categories.empty_nest, 2);

  const closed = await w.srv.fetch(`${API}/${d.id}/close`, { method: 'POST', token: w.admin.token, json: { reason: 'moved_out' } });
  assert.equal(closed.status, 200, closed.text);
  c = await assertRecount('closed');
  assert.equal(c.total, 3);
  assert.equal(c.items[0].categories.subsistence_allowance, 0);

  // One community: hers, or another one (nothing there).
  assert.deepEqual((await ok(`?by=community&community_id=${w.area['BH-STY']}`)).items, c.items);
  const other = await ok(`?by=tier&community_id=${w.area['BH-HW']}`);
  assert.equal(other.community_id, w.area['BH-HW']);
  assert.equal(other.total, 0);

  // A count is not a read of anyone's record: no audit row.
  const before = reads();
  for (const who of [w.admin, w.callers.workerBh, w.callers.workerGrid]) await ok('?by=category', who);
  assert.equal(reads(), before);
});

test('each worker counts the elders her list shows; other roles are refused', async () => {
  const { callers: c } = w;
  const all = (await ok('?by=community')).total;
  assert.ok(all > 0);
  for (const who of [c.workerGrid, c.workerSty, c.workerBh, c.workerDistrict]) {
    const body = await ok('?by=community', who);
    const listed = (await w.srv.fetch(`${API}?limit=200`, { token: who.token })).body.items.length;
    assert.equal(body.total, all, who.user.username);
    assert.equal(body.total, listed, who.user.username);
  }
  // 后瓦's worker serves none of these elders: she counts none of them.
  const hw = await ok('?by=community', c.workerHw);
  assert.equal(hw.total, 0);
  assert.deepEqual(hw.items, []);
  assert.equal((await ok(`?by=tier&community_id=${w.area['BH-STY']}`, c.workerHw)).total, 0);

  for (const who of [c.volunteer, c.resident, c.keeper, c.department]) {
    assertProblem(await counts('?by=tier', who), 403);
  }
  assertProblem(await counts('?by=tier', null), 401);
});

test('bad input is named by field', async () => {
  for (const q of ['?by=area', '?by=', '?by=TIER', '?by=state']) assertProblem(await counts(q), 422, 'by');
  for (const q of ['?community_id=x', '?community_id=0', '?community_id=-3', '?community_id=1.5']) {
    assertProblem(await counts(q), 422, 'community_id');
  }
  const both = await counts('?by=x&community_id=y');
  assertProblem(both, 422, 'by');
  assertProblem(both, 422, 'community_id');
  // A POST is not a route.
  assert.equal((await w.srv.fetch(`${API}/counts`, { method: 'POST', token: w.admin.token, json: {} })).status, 405);
});
