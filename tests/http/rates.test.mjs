// The three rates (三率) over real HTTP: a fixture of appeals taken through
// their callbacks (one reopened by a 不满意 callback and called back again),
// the rates, ranking (with a tie) and totals checked against numbers worked
// out by hand, the CSV export, paging (limit and cursor, order=worst, a
// minimum of callbacks; every bad parameter 422), and the roles that may not
// call it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

let srv;
let admin;
let resident;
let worker;
const depts = {};  // name → { id, login }
const NOW = '2026-06-15T10:00:00+08:00';

const user = (username, role, organisation_ids) => srv.createUser(admin, username, role, organisation_ids);

async function department(key, name) {
  const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name } });
  assert.equal(o.status, 201, o.text);
  const login = await user(`dept_${key}`, 'department', [o.body.id]);
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: `cat_${key}`, name_zh: name + '事项', name_en: key, group: '城市管理', department_org_id: o.body.id,
      response_hours: 24, resolution_days: 5, attributes: [] },
  });
  assert.equal(c.status, 201, c.text);
  depts[key] = { id: o.body.id, login, name };
}

async function step(id, json, who) {
  const r = await srv.fetch(`/api/v1/appeals/${id}/steps`, { method: 'POST', token: who.token, json });
  assert.equal(r.status, 200, `${json.step}: ${r.text}`);
  return r.body;
}

// Submits an appeal of department `key` and works it up to its reply.
async function replied(key) {
  const r = await srv.fetch('/api/v1/appeals', {
    method: 'POST', token: resident.token,
    json: { category: `cat_${key}`, description: '测试诉求', lat: 37.52, lon: 111.14, contact: { name: '李毅', phone: '13812345678' } },
  });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  await step(id, { step: 'accept' }, worker);
  await step(id, { step: 'dispatch' }, worker);
  await step(id, { step: 'start' }, depts[key].login);
  await step(id, { step: 'reply', outcome: 'solved', note: '已处理' }, depts[key].login);
  return id;
}

const callback = (id, contacted, solved, satisfaction) =>
  step(id, { step: 'callback', contacted, solved, satisfaction }, worker);

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident({ now: NOW }));
  worker = await user('wangge', 'worker');
  await department('a', '区城管局');
  await department('b', '区住建局');
  await department('c', '区交通局');

  // Department A: four called-back appeals.
  await callback(await replied('a'), true, true, 'satisfied');
  await callback(await replied('a'), true, true, 'basically_satisfied');
  const a3 = await replied('a');
  const reopened = await callback(a3, true, false, 'dissatisfied');  // 重办: the system reopens it
  assert.equal(reopened.state, 'dispatched');
  await step(a3, { step: 'start' }, depts.a.login);
  await step(a3, { step: 'reply', outcome: 'solved', note: '重新处理完毕' }, depts.a.login);
  await callback(a3, true, true, 'satisfied');  // its last callback this month is the one that counts
  await callback(await replied('a'), false, false, 'dissatisfied');
  // Department B: two called back, one only submitted.
  await callback(await replied('b'), true, true, 'satisfied');
  await callback(await replied('b'), true, false, 'basically_satisfied');
  await replied('b');
  // Department C: the same answers as B, so the same composite (a tie).
  await callback(await replied('c'), true, true, 'satisfied');
  await callback(await replied('c'), true, false, 'basically_satisfied');
});
after(async () => { await srv.stop(); srv.cleanup(); });

// The server's month: its clock (--now) starts mid-month, so the fixture's
// callbacks and the queries fall in one month even across a real midnight on the 1st.
function thisMonth() {
  return NOW.slice(0, 7);
}

test('rates per department, worked out by hand', async () => {
  const r = await srv.fetch(`/api/v1/rates?month=${thisMonth()}&by=department`, { token: admin.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.month, thisMonth());
  assert.deepEqual(r.body.weights, { response: 0.1, resolution: 0.5, satisfaction: 0.4 });
  const byName = Object.fromEntries(r.body.items.map((i) => [i.name, i]));

  // A: 4 valid callbacks (a3 counted once, with its last answers: contacted, solved, 满意).
  //   contacted 3 (a4 was not) → 响应率 3/4 = 0.75
  //   solved 3                 → 解决率 3/4 = 0.75
  //   满意 2 (a1, a3), 基本满意 1 (a2), 不满意 1 (a4) → 满意率 (2 + 0.9×1)/4 = 2.9/4 = 0.725
  //   composite 0.1×0.75 + 0.5×0.75 + 0.4×0.725 = 0.075 + 0.375 + 0.29 = 0.74
  const a = byName['区城管局'];
  assert.equal(a.id, depts.a.id);
  assert.deepEqual(
    [a.valid_callbacks, a.contacted, a.solved, a.satisfied, a.basically_satisfied, a.dissatisfied],
    [4, 3, 3, 2, 1, 1]);
  assert.equal(a.response_rate, 0.75);
  assert.equal(a.resolution_rate, 0.75);
  assert.equal(a.satisfaction_rate, 0.725);
  assert.equal(a.composite, 0.74);
  assert.equal(a.rank, 1);
  assert.equal(a.submitted, 4);

  // B: 2 valid callbacks: both contacted → 1; one solved → 0.5;
  //   满意 1 + 基本满意 1 → (1 + 0.9)/2 = 0.95;
  //   composite 0.1×1 + 0.5×0.5 + 0.4×0.95 = 0.1 + 0.25 + 0.38 = 0.73. Submitted 3.
  // C: the same answers → 0.73 too: B and C share rank 2 (no rank 3 follows a tie of two).
  for (const key of ['b', 'c']) {
    const row = byName[depts[key].name];
    assert.equal(row.response_rate, 1);
    assert.equal(row.resolution_rate, 0.5);
    assert.equal(row.satisfaction_rate, 0.95);
    assert.equal(row.composite, 0.73);
    assert.equal(row.rank, 2);
  }
  assert.equal(byName['区住建局'].submitted, 3);
  assert.equal(byName['区交通局'].submitted, 2);
  assert.deepEqual(r.body.items.map((i) => i.rank), [1, 2, 2]);

  for (const row of r.body.items) {
    assert.ok(row.mean_response_hours >= 0 && row.mean_response_hours < 0.1, JSON.stringify(row));
    assert.ok(row.mean_resolution_hours >= 0 && row.mean_resolution_hours < 0.1, JSON.stringify(row));
    assert.equal(row.response_overdue, 0);
    assert.equal(row.resolution_overdue, 0);
  }
  // Total: 4 + 2 + 2 = 8 valid callbacks; contacted 3 + 2 + 2 = 7; submitted 4 + 3 + 2 = 9.
  assert.equal(r.body.total.valid_callbacks, 8);
  assert.equal(r.body.total.contacted, 7);
  assert.equal(r.body.total.submitted, 9);
  assert.equal(r.body.total.rank, null);
});

test('by area: appeals outside every imported area form one unranked row', async () => {
  const r = await srv.fetch(`/api/v1/rates?month=${thisMonth()}&by=grid`, { token: depts.a.login.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].id, null);
  assert.equal(r.body.items[0].rank, null);
  assert.equal(r.body.items[0].valid_callbacks, 8);
});

test('a month without callbacks has no rows; a past month is empty', async () => {
  const r = await srv.fetch('/api/v1/rates?month=2020-01&by=community', { token: worker.token });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items, []);
  assert.equal(r.body.total.valid_callbacks, 0);
  assert.equal(r.body.total.composite, null);
});

test('CSV export: UTF-8 with BOM, RFC 4180, the same numbers in percent', async () => {
  const res = await fetch(`${srv.url}/api/v1/rates?month=${thisMonth()}&format=csv`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="rates-\d{4}-\d{2}-department\.csv"/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines.at(-1), '');  // CRLF after the last record
  assert.match(lines[0], /^排名\/rank,编号\/id,名称\/name,有效回访\/valid_callbacks,/);
  assert.equal(lines.length, 1 + 3 + 1 + 1);  // header, three departments, total, ''
  assert.ok(lines[1].startsWith(`1,${depts.a.id},区城管局,4,3,3,2,1,1,75.00,75.00,72.50,74.00,4,`), lines[1]);
  assert.ok(lines[4].startsWith(',,合计 (total),8,7,'), lines[4]);
});

// Every page of `query` (limit, order, …) followed by its next_cursor.
async function allPages(query) {
  const pages = [];
  let cursor = null;
  do {
    const r = await srv.fetch(`/api/v1/rates?month=${thisMonth()}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    pages.push(r.body);
    cursor = r.body.next_cursor;
    assert.ok(pages.length <= 10, 'paging does not end');
  } while (cursor);
  return pages;
}

test('pages: complete, each row once, with the whole report\'s ranks and total on every page', async () => {
  const whole = (await srv.fetch(`/api/v1/rates?month=${thisMonth()}&limit=500`, { token: admin.token })).body;
  assert.equal(whole.order, 'rank');
  assert.equal(whole.groups, 3);
  assert.equal(whole.next_cursor, null);
  assert.deepEqual(whole.items.map((i) => i.name), ['区城管局', '区住建局', '区交通局']);
  // The default page is 200 rows: the whole of this report.
  assert.deepEqual((await srv.fetch(`/api/v1/rates?month=${thisMonth()}`, { token: admin.token })).body.items, whole.items);
  for (const limit of [1, 2]) {
    const pages = await allPages(`limit=${limit}`);
    assert.equal(pages.length, Math.ceil(3 / limit), `limit ${limit}`);
    assert.deepEqual(pages.flatMap((p) => p.items), whole.items, `limit ${limit}`);
    for (const p of pages) {
      assert.ok(p.items.length <= limit);
      assert.equal(p.groups, 3);
      assert.deepEqual(p.total, whole.total);
    }
    assert.equal(pages.at(-1).next_cursor, null);
  }
});

test('order=worst: the lowest rate first, a minimum of valid callbacks, paged alike', async () => {
  // Composite: 住建局 and 交通局 0.73 (tied: equal callbacks, lower id first), 城管局 0.74.
  const worst = await allPages('order=worst&limit=2');
  assert.deepEqual(worst.map((p) => p.items.map((i) => i.name)), [['区住建局', '区交通局'], ['区城管局']]);
  assert.equal(worst[0].order, 'worst');
  assert.deepEqual(worst[0].items.map((i) => i.rank), [2, 2]);  // the ranks stay the ranking's
  // By 满意率: 城管局 0.725 first, then 0.95 twice.
  const bySatisfaction = await allPages('order=worst&rate=satisfaction&limit=1');
  assert.deepEqual(bySatisfaction.flatMap((p) => p.items.map((i) => i.name)), ['区城管局', '区住建局', '区交通局']);
  // At least 3 valid callbacks: only 城管局 (4); the total is still everyone's.
  const few = (await srv.fetch(`/api/v1/rates?month=${thisMonth()}&order=worst&min_callbacks=3`, { token: admin.token })).body;
  assert.deepEqual(few.items.map((i) => i.name), ['区城管局']);
  assert.equal(few.groups, 1);
  assert.equal(few.total.valid_callbacks, 8);
  // A grid report: the appeals are outside every area, so nothing has a grid to list as worst.
  const grids = (await srv.fetch(`/api/v1/rates?month=${thisMonth()}&by=grid&order=worst`, { token: admin.token })).body;
  assert.deepEqual(grids.items, []);
  assert.equal(grids.groups, 0);
  assert.equal(grids.total.valid_callbacks, 8);
});

test('the CSV is the whole table whatever the page asked', async () => {
  const res = await fetch(`${srv.url}/api/v1/rates?month=${thisMonth()}&format=csv&limit=1&order=worst`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  assert.equal(res.status, 200);
  const lines = (await res.text()).split('\r\n');
  assert.equal(lines.length, 1 + 3 + 1 + 1);
  assert.match(lines[1], /^1,\d+,区城管局,/);
});

test('bad limit, cursor, order, rate or min_callbacks is 422 naming it', async () => {
  const first = (await srv.fetch(`/api/v1/rates?month=${thisMonth()}&order=worst&limit=1`, { token: admin.token })).body;
  assert.ok(first.next_cursor);
  const cases = [
    ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'], ['limit=1.5', 'limit'], ['limit=', 'limit'],
    ['cursor=nonsense', 'cursor'], ['cursor=c1.abc', 'cursor'],
    // A cursor of the worst order is not one of the ranking's, nor of another rate's.
    [`cursor=${encodeURIComponent(first.next_cursor)}`, 'cursor'],
    [`order=worst&rate=response&cursor=${encodeURIComponent(first.next_cursor)}`, 'cursor'],
    ['order=best', 'order'], ['rate=speed', 'rate'],
    ['min_callbacks=-1', 'min_callbacks'], ['min_callbacks=x', 'min_callbacks'], ['min_callbacks=1000001', 'min_callbacks'],
  ];
  for (const [q, field] of cases) {
    const r = await srv.fetch(`/api/v1/rates?month=${thisMonth()}&${q}`, { token: admin.token });
    assert.equal(r.status, 422, q);
    assert.ok(r.body.errors.some((e) => e.field === field), `${q}: ${r.text}`);
  }
  // The same cursor with its own order and rate is fine.
  const next = await srv.fetch(`/api/v1/rates?month=${thisMonth()}&order=worst&limit=1&cursor=${encodeURIComponent(first.next_cursor)}`, { token: admin.token });
  assert.equal(next.status, 200, next.text);
});

test('bad parameters are 422; roles outside staff are 403', async () => {
  for (const q of ['month=2026-13', 'month=202611', 'by=street', 'format=xlsx']) {
    const r = await srv.fetch(`/api/v1/rates?${q}`, { token: admin.token });
    assert.equal(r.status, 422, q);
  }
  const denied = await srv.fetch('/api/v1/rates', { token: resident.token });
  assert.equal(denied.status, 403);
  const keeper = await user('keeper1', 'keeper');
  assert.equal((await srv.fetch('/api/v1/rates', { token: keeper.token })).status, 403);
  assert.equal((await srv.fetch('/api/v1/rates')).status, 401);
});
