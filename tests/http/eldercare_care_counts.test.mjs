// The dashboard's errand and visit counts over real HTTP, on either engine
// (issue 16: errands this month by state, overdue errands, overdue visits):
//  - GET /api/v1/errands/counts equals a recount of the errands the list
//    gives (received in the month at +08:00, by state, complete apart;
//    overdue now) through create, the steps and cancel, with errands on
//    both sides of the month's midnights;
//  - GET /api/v1/visits/counts equals the due lists (GET /api/v1/visits/due)
//    counted, for the community;
//  - numbers only: no name, no audit row; each worker counts the elders her
//    list shows; other roles 403; bad parameters are named (422).
// The server runs on the test clock at 2026-06-01 10:00 +08:00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const NOW = '2026-06-01T10:00:00+08:00';
const ERRANDS = '/api/v1/errands';
const STATES = ['received', 'assigned', 'doing', 'delivered', 'settled', 'complete', 'cancelled'];
const unix = (iso) => Date.parse(iso) / 1000;
let w;
let hwGrid;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  const { callers: c } = w;
  const team = await w.srv.fetch('/api/v1/elder-teams', { method: 'POST', token: w.admin.token, json: {
    grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: c.workerGrid.user.id,
    volunteer_user_id: c.volunteer.user.id, phone: '13903580001', rota: '24/7',
  } });
  assert.equal(team.status, 201, team.text);
  const grid = await w.srv.fetch('/api/v1/areas', { method: 'POST', token: w.admin.token, json: {
    level: 'grid', name: '后瓦第一网格', code: 'BH-HW-1', parent_id: w.area['BH-HW'],
    boundary: { type: 'Polygon', coordinates: [[[111.12, 37.50], [111.13, 37.50], [111.13, 37.52], [111.12, 37.52], [111.12, 37.50]]] },
  } });
  assert.equal(grid.status, 201, grid.text);
  hwGrid = grid.body.id;
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who = w.admin) => w.srv.fetch(path, { token: who?.token });
async function ok(path, who) {
  const r = await get(path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const reads = () => Number(w.srv.sql("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'"));
const newErrand = (elderId, who = w.admin) => w.api('POST', `/api/v1/elders/${elderId}/errands`, { kind: 'task', text: '交水费' }, 201, who);
const stepOk = (id, body, who = w.admin) => w.api('POST', `${ERRANDS}/${id}/steps`, body, 200, who);
// Moves an errand's receipt to `iso`, due 48 hours after.
const receivedAt = (id, iso) => w.srv.sql(
  `UPDATE errands SET received_at = ${unix(iso)}, due_at = ${unix(iso) + 172800} WHERE id = ${id}`, { readonly: false });

// Every errand as the admin's list gives it.
async function everyErrand() {
  const items = [];
  let cursor;
  do {
    const page = await ok(`${ERRANDS}?queue=all&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// The counts a recount of the list gives for the month [from, to).
async function recount(from, to) {
  const by = new Map();
  for (const e of await everyErrand()) {
    const t = Date.parse(e.received_at);
    const inMonth = t >= Date.parse(from) && t < Date.parse(to);
    if (!inMonth && !e.overdue) continue;
    const key = e.community_id;
    if (!by.has(key)) by.set(key, { community_id: key, total: 0, states: Object.fromEntries(STATES.map((s) => [s, 0])), overdue: 0 });
    const row = by.get(key);
    if (e.overdue) row.overdue += 1;
    if (!inMonth) continue;
    row.total += 1;
    row.states[e.complete ? 'complete' : e.state] += 1;
  }
  return [...by.values()].sort((a, b) => (a.community_id ?? Infinity) - (b.community_id ?? Infinity));
}

async function assertRecount(month, label) {
  const body = await ok(`${ERRANDS}/counts?month=${month}`);
  assert.equal(body.month, month);
  const rows = await recount(body.from, body.to);
  assert.deepEqual(body.items, rows, label);
  assert.equal(body.total, rows.reduce((n, r) => n + r.total, 0), label);
  assert.equal(body.overdue, rows.reduce((n, r) => n + r.overdue, 0), label);
  for (const s of STATES) assert.equal(body.states[s], rows.reduce((n, r) => n + r.states[s], 0), `${label} ${s}`);
  return body;
}

test('the errand counts equal a recount through create, the steps and cancel, at the month boundaries', async () => {
  const { callers: c } = w;
  const empty = await ok(`${ERRANDS}/counts`);
  assert.deepEqual([empty.month, empty.from, empty.to, empty.community_id, empty.total, empty.overdue, empty.items],
    ['2026-06', '2026-06-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00', null, 0, 0, []]);
  assert.match(empty.at, /^2026-06-01T10:\d\d:\d\d\+08:00$/);
  assert.deepEqual(empty.states, Object.fromEntries(STATES.map((s) => [s, 0])));

  const sty = await w.createElder({ name: '张桂兰' });
  const hw = await w.createElder({ name: '李秀兰', lat: 37.51, lon: 111.125 }, w.admin);
  const lastOfMay = await newErrand(sty.id);
  const firstOfJune = await newErrand(sty.id);
  const april = await newErrand(sty.id);
  const today = await newErrand(sty.id);
  const theirs = await newErrand(hw.id);
  assert.equal(theirs.state, 'received');  // 后瓦 has no team
  receivedAt(lastOfMay.id, '2026-05-31T23:59:59+08:00');
  receivedAt(firstOfJune.id, '2026-06-01T00:00:00+08:00');
  receivedAt(april.id, '2026-04-30T23:59:59+08:00');

  let june = await assertRecount('2026-06', 'created');
  assert.deepEqual(june.items.map((r) => [r.community_id, r.total, r.overdue]),
    [[w.area['BH-STY'], 2, 1], [w.area['BH-HW'], 1, 0]]);  // April's is overdue now (May's is due on 2 June)
  assert.equal(june.items[0].states.assigned, 2);
  assert.equal(june.items[1].states.received, 1);
  const may = await assertRecount('2026-05', 'May');
  assert.deepEqual(may.items.map((r) => [r.community_id, r.total]), [[w.area['BH-STY'], 1]]);
  assert.equal(may.from, '2026-05-01T00:00:00+08:00');
  assert.equal((await assertRecount('2026-04', 'April')).total, 1);
  assert.equal((await ok(`${ERRANDS}/counts?month=2026-03`)).total, 0);

  // Through the steps: start, deliver, settle and both confirmations; cancel.
  await stepOk(firstOfJune.id, { step: 'start' }, c.volunteer);
  await stepOk(firstOfJune.id, { step: 'deliver', received_by: '张桂兰' }, c.volunteer);
  june = await assertRecount('2026-06', 'delivered');
  assert.equal(june.items[0].states.delivered, 1);
  await stepOk(firstOfJune.id, { step: 'settle', receipt_fen: 3200, advanced_fen: 5000, returned_fen: 1800, paid_by: 'cash' }, c.workerGrid);
  assert.equal((await assertRecount('2026-06', 'settled')).items[0].states.settled, 1);
  await stepOk(firstOfJune.id, { step: 'confirm' }, c.workerGrid);
  await stepOk(firstOfJune.id, { step: 'confirm' }, c.volunteer);
  await stepOk(today.id, { step: 'cancel', reason: '女儿已买好' }, c.workerGrid);
  june = await assertRecount('2026-06', 'complete and cancelled');
  assert.deepEqual(june.items[0].states, { received: 0, assigned: 0, doing: 0, delivered: 0, settled: 0, complete: 1, cancelled: 1 });
  // Delivered: no longer overdue.
  await stepOk(april.id, { step: 'start' }, c.volunteer);
  await stepOk(april.id, { step: 'deliver', received_by: '张桂兰' }, c.volunteer);
  june = await assertRecount('2026-06', 'April delivered');
  assert.equal(june.items[0].overdue, 0);
  assert.equal((await assertRecount('2026-04', 'April after its steps')).states.delivered, 1);
  await assertRecount('2026-05', 'May');

  // One community; numbers only, and no audit row for a count.
  const one = await ok(`${ERRANDS}/counts?month=2026-06&community_id=${w.area['BH-HW']}`);
  assert.equal(one.community_id, w.area['BH-HW']);
  assert.deepEqual(one.items, june.items.slice(1));
  const reading = reads();
  for (const who of [w.admin, c.workerGrid, c.workerBh, c.workerDistrict]) {
    const body = await ok(`${ERRANDS}/counts?month=2026-06`, who);
    assert.doesNotMatch(JSON.stringify(body), /张桂兰|李秀兰|138|水费|"id"/);
  }
  assert.equal(reads(), reading);
});

// The due lists of a community, counted as the counts count them.
async function dueListed(community, who = w.admin) {
  const n = { due_today: 0, overdue: 0, escalations_overdue: 0 };
  for (const when of ['today', 'overdue']) {
    const body = await ok(`/api/v1/visits/due?community_id=${community}&when=${when}&limit=500`, who);
    assert.equal(body.truncated, false);
    for (const i of body.items) {
      if (when === 'today' && !i.visit_id) n.due_today += 1;
      if (when === 'overdue') n[i.visit_id ? 'escalations_overdue' : 'overdue'] += 1;
    }
  }
  return n;
}

async function assertVisitCounts(label, who = w.admin) {
  const body = await ok('/api/v1/visits/counts', who);
  for (const code of ['BH-STY', 'BH-HW']) {
    const row = body.items.find((r) => r.community_id === w.area[code]) ?? { due_today: 0, overdue: 0, escalations_overdue: 0 };
    const { due_today, overdue, escalations_overdue } = row;
    assert.deepEqual({ due_today, overdue, escalations_overdue }, await dueListed(w.area[code], who), `${label} ${code}`);
  }
  for (const k of ['elders', 'due_today', 'overdue', 'escalations_overdue']) {
    assert.equal(body[k], body.items.reduce((n, r) => n + r[k], 0), `${label} ${k}`);
  }
  return body;
}

test('the visit counts equal the due lists counted', async () => {
  const { callers: c } = w;
  const base = await assertVisitCounts('before');
  const open = (await ok('/api/v1/elders?limit=200')).items.length;
  assert.equal(base.elders, open);
  // A week and a day unvisited (high tier: weekly): overdue. A fall: due today.
  const late = await w.createElder({ name: '王秀珍' });
  const fell = await w.createElder({ name: '赵桂英', risk_tier: 'general' });
  const gone = await w.createElder({ name: '孙玉兰' });
  w.srv.sql(`UPDATE elders SET created_at = ${unix('2026-05-24T09:00:00+08:00')} WHERE id = ${late.id}`, { readonly: false });
  await w.api('POST', `/api/v1/elders/${fell.id}/changes`, { kind: 'fall' }, 201, c.workerGrid);
  // Nobody answered an hour ago: the escalation's 30 minutes have passed.
  await w.api('POST', `/api/v1/elders/${gone.id}/visits`, { how: 'phone', outcome: 'nobody_answers', visited_at: '2026-06-01T09:00:00+08:00' }, 201, c.workerGrid);
  let body = await assertVisitCounts('late, fell, nobody answers');
  const sty = body.items.find((r) => r.community_id === w.area['BH-STY']);
  assert.ok(sty.overdue >= 1 && sty.due_today >= 1 && sty.escalations_overdue === 1, JSON.stringify(sty));
  // Seen: no longer overdue.
  await w.api('POST', `/api/v1/elders/${late.id}/visits`, { how: 'home', outcome: 'seen_well' }, 201, c.workerGrid);
  const after = await assertVisitCounts('late visited');
  assert.equal(after.items.find((r) => r.community_id === w.area['BH-STY']).overdue, sty.overdue - 1);
  // A community worker counts as she lists.
  body = await assertVisitCounts('the grid worker', c.workerGrid);
  assert.deepEqual(body.items.map((r) => r.community_id), [w.area['BH-STY']]);
  assert.deepEqual((await ok(`/api/v1/visits/counts?community_id=${w.area['BH-HW']}`)).items.map((r) => r.community_id), [w.area['BH-HW']]);
});

test('each worker counts the elders her list shows; other roles are refused', async () => {
  const { callers: c } = w;
  const all = await ok(`${ERRANDS}/counts`);
  for (const who of [c.workerSty, c.workerGrid]) {
    const body = await ok(`${ERRANDS}/counts`, who);
    assert.deepEqual(body.items.map((r) => r.community_id), [w.area['BH-STY']], who.user.username);
    assert.deepEqual(body.items[0], all.items[0]);
    const visits = await ok('/api/v1/visits/counts', who);
    assert.deepEqual(visits.items.map((r) => r.community_id), [w.area['BH-STY']], who.user.username);
  }
  // Her sub-district's and the district's workers count every community's.
  for (const who of [c.workerBh, c.workerDistrict]) {
    assert.deepEqual((await ok(`${ERRANDS}/counts`, who)).items, all.items, who.user.username);
  }
  // 后瓦's worker serves the 后瓦 elder only (her grid lies in 后瓦).
  const hw = await ok(`${ERRANDS}/counts`, c.workerHw);
  assert.deepEqual(hw.items.map((r) => r.community_id), [w.area['BH-HW']]);
  assert.equal((await ok(`${ERRANDS}/counts?community_id=${w.area['BH-STY']}`, c.workerHw)).total, 0);
  assert.ok(hwGrid > 0);
  for (const who of [c.volunteer, c.resident, c.keeper, c.department]) {
    assertProblem(await get(`${ERRANDS}/counts`, who), 403);
    assertProblem(await get('/api/v1/visits/counts', who), 403);
  }
  assertProblem(await get(`${ERRANDS}/counts`, null), 401);
  assertProblem(await get('/api/v1/visits/counts', null), 401);
});

test('bad parameters are named by field', async () => {
  for (const m of ['2026-13', '2026-6', '2026-00', 'June', '', '2026-06-01', '1969-12']) {
    assertProblem(await get(`${ERRANDS}/counts?month=${m}`), 422, 'month');
  }
  for (const q of ['x', '0', '-3', '1.5']) {
    assertProblem(await get(`${ERRANDS}/counts?community_id=${q}`), 422, 'community_id');
    assertProblem(await get(`/api/v1/visits/counts?community_id=${q}`), 422, 'community_id');
  }
  const both = await get(`${ERRANDS}/counts?month=x&community_id=y`);
  assertProblem(both, 422, 'month');
  assertProblem(both, 422, 'community_id');
  // An unknown community counts nothing (not 404: counts name no record).
  assert.equal((await ok(`${ERRANDS}/counts?community_id=999999`)).total, 0);
  for (const path of [`${ERRANDS}/counts`, '/api/v1/visits/counts']) {
    assert.equal((await w.srv.fetch(path, { method: 'POST', token: w.admin.token, json: {} })).status, 405);
  }
});
