// The job desk (issue #18 "Job posts"; docs/jobs.md "Employers", "Publishers",
// "Complaints", "Counts"): the admin makes 区人社局 a publisher; its staff
// verify an employer (a wrong check character 422, a known code 409);
// anonymous complaints on a public post, the sixth from one network within
// the hour 429 with Retry-After; the staff list shows the phone masked;
// upholding a complaint withdraws the post from the public list; the counts.
// Role denials (resident, keeper, a department that publishes nothing 403,
// signed-out 401) and bad input (malformed JSON, wrong types, unknown ids).
// The server's clock is fixed (--now): today is 2026-12-05 in district time.
// Last, `warmcity demo`'s job posts on a server of their own (docs/jobs.md
// "Demo"): 14 public posts, 保洁 finds the 保洁员 post, the desk's counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, startWithAdminAndResident, testDatabase, dataDirArgs } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';
import { creditCode } from './lib/job_desk_world.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
const CODE = '91141102MA0K2B3C46';  // a valid code: check character 6
let w;

before(async () => {
  w = await startWithAdminAndResident({ now: NOW });
  const { srv, admin } = w;
  w.renshe = await makeOrg(srv, admin, '离石区人力资源和社会保障局', 'department');
  w.chengguan = await makeOrg(srv, admin, '区城管局', 'department');
  w.keeperOrg = await makeOrg(srv, admin, '区图书馆');
  w.rs = await srv.createUser(admin, 'renshe1', 'department', [w.renshe]);
  w.cg = await srv.createUser(admin, 'chengguan1', 'department', [w.chengguan]);
  w.keeper = await srv.createUser(admin, 'keeper1', 'keeper', [w.keeperOrg]);
});
let demoDir;
let demoSrv;
after(async () => {
  if (w) { await w.srv.stop(); w.srv.cleanup(); }
  if (demoSrv) await demoSrv.stop();
  if (demoDir) rmSync(demoDir, { recursive: true, force: true });
});

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who, extra = {}) => w.srv.fetch(path, { method, json, token: who?.token, ...extra });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}

test('the admin makes a department a publisher; other kinds, unknown ids and other roles are refused', async () => {
  const { admin, resident } = w;
  assertProblem(await get('/api/v1/job-employers', w.rs), 403);  // not a publisher yet
  const put = await send('PUT', `/api/v1/job-publishers/${w.renshe}`, undefined, admin);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.body, { organisation_id: w.renshe, name: '离石区人力资源和社会保障局' });
  assertProblem(await send('PUT', `/api/v1/job-publishers/${w.keeperOrg}`, undefined, admin), 422, 'organisation_id');
  assertProblem(await send('PUT', '/api/v1/job-publishers/999999', undefined, admin), 404);
  assertProblem(await send('DELETE', '/api/v1/job-publishers/999999', undefined, admin), 404);
  assertProblem(await send('PUT', `/api/v1/job-publishers/${w.chengguan}`, undefined, w.rs), 403);
  assertProblem(await send('PUT', `/api/v1/job-publishers/${w.chengguan}`, undefined, resident), 403);
  assertProblem(await get('/api/v1/job-publishers'), 401);
  const list = await get('/api/v1/job-publishers', admin);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items, [{ organisation_id: w.renshe, name: '离石区人力资源和社会保障局' }]);
  // 区城管局 made a publisher and taken off again: its user is refused again.
  assert.equal((await send('PUT', `/api/v1/job-publishers/${w.chengguan}`, undefined, admin)).status, 200);
  assert.equal((await get('/api/v1/job-employers', w.cg)).status, 200);
  assert.equal((await send('DELETE', `/api/v1/job-publishers/${w.chengguan}`, undefined, admin)).status, 204);
  assertProblem(await get('/api/v1/job-employers', w.cg), 403);
});

test('publisher staff verify an employer once; a wrong check character and bad bodies are refused', async () => {
  const url = '/api/v1/job-employers';
  const body = { name: '吕梁洁美保洁服务有限公司', credit_code: CODE, address: '离石区龙凤大街 12 号' };
  assertProblem(await send('POST', url, { ...body, credit_code: '91141102MA0K2B3C47' }, w.rs), 422, 'credit_code');
  assertProblem(await send('POST', url, { ...body, credit_code: '91141102MA0K2B3C4' }, w.rs), 422, 'credit_code');
  const made = await send('POST', url, body, w.rs);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.credit_code, CODE);
  assert.deepEqual(made.body.verified_by, { organisation_id: w.renshe, name: '离石区人力资源和社会保障局' });
  assert.match(made.body.verified_at, /^2026-12-05T10:\d\d:\d\d\+08:00$/);
  w.employer = made.body.id;
  assertProblem(await send('POST', url, { ...body, name: '另一家' }, w.rs), 409);
  // The admin names the publisher org; without it 422.
  assertProblem(await send('POST', url, { ...body, credit_code: creditCode('91141102MA0K2B3C5') }, w.admin), 422, 'verified_by_org');
  // Bad input.
  assertProblem(await w.srv.fetch(url, { method: 'POST', token: w.rs.token, body: '{"name": ', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await send('POST', url, { ...body, name: 5 }, w.rs), 422, 'name');
  assertProblem(await send('POST', url, { ...body, credit_code: 91141102 }, w.rs), 422, 'credit_code');
  assertProblem(await send('POST', url, { ...body, extra: 1 }, w.rs), 422, 'extra');
  // Who.
  for (const who of [w.resident, w.keeper, w.cg]) assertProblem(await send('POST', url, body, who), 403);
  assertProblem(await send('POST', url, body), 401);
  // The list: a part of the name.
  const found = await get(`${url}?q=${encodeURIComponent('洁美')}`, w.rs);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.body.items.map((e) => e.id), [w.employer]);
  assert.equal(found.body.next_cursor, null);
  assert.deepEqual((await get(`${url}?q=${encodeURIComponent('保安')}`, w.rs)).body.items, []);
  assertProblem(await get(`${url}?limit=0`, w.rs), 422, 'limit');
  for (const who of [w.resident, w.keeper, w.cg]) assertProblem(await get(url, who), 403);
  assertProblem(await get(url), 401);
});

test('complaints: anyone complains, the sixth in an hour from one network is 429, staff see the phone masked, upholding withdraws the post', async () => {
  // A post written by the admin for 区人社局 and approved by its staff (four eyes).
  const made = await send('POST', '/api/v1/jobs', {
    employer_id: w.employer, title: '保洁员', headcount: 2, conditions: '限男性，身体健康', duties: '小区楼道保洁',
    place: '滨河北路 8 号', pay_min_fen: 220000, pay_max_fen: 280000, hours: '7:00-16:00', contact_name: '王经理',
    contact_phone: '0358-8221234', valid_until: '2026-12-31', publisher_org_id: w.renshe,
  }, w.admin);
  assert.equal(made.status, 201, made.text);
  const post = made.body.id;
  const ok = await send('POST', `/api/v1/jobs/${post}/review`, { decision: 'approve', note: '已与用人单位核实', updated_at: made.body.updated_at }, w.rs);
  assert.equal(ok.status, 200, ok.text);
  const url = `/api/v1/jobs/${post}/complaints`;

  // Bad input is refused before anything counts.
  assertProblem(await w.srv.fetch(url, { method: 'POST', body: '{"reason"', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await send('POST', url, { reason: 5 }), 422, 'reason');
  assertProblem(await send('POST', url, { reason: 'rude' }), 422, 'reason');
  assertProblem(await send('POST', url, { reason: 'other' }), 422, 'text');
  assertProblem(await send('POST', url, { reason: 'expired', phone: '12345' }), 422, 'phone');
  assertProblem(await send('POST', '/api/v1/jobs/999999/complaints', { reason: 'expired' }), 404);

  const first = await send('POST', url, { reason: 'discrimination', text: '要求限男性', phone: '13812345678' });
  assert.equal(first.status, 201, first.text);
  assert.deepEqual(first.body, { id: first.body.id, status: 'open' });
  for (let i = 0; i < 3; i++) assert.equal((await send('POST', url, { reason: 'false_info', text: `第${i}次` })).status, 201);
  // Signed in counts the same: the network is what is limited.
  assert.equal((await send('POST', url, { reason: 'fee_charged', text: '收押金' }, w.resident)).status, 201);
  const sixth = await send('POST', url, { reason: 'other', text: '还是不对' });
  assertProblem(sixth, 429);
  const wait = Number(sixth.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait}`);

  // The staff list: oldest first, the phone masked.
  const list = await get('/api/v1/job-complaints?status=open', w.rs);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items.length, 5);
  const k = list.body.items[0];
  assert.equal(k.id, first.body.id);
  assert.deepEqual(k.post, { id: post, title: '保洁员' });
  assert.equal(k.phone, '138****5678');
  assert.ok(!list.text.includes('13812345678'), 'the whole phone is never listed');
  assert.equal(k.status, 'open');
  assert.equal(k.outcome, null);
  assert.equal(list.body.items[1].phone, null);
  const page = await get('/api/v1/job-complaints?limit=2', w.rs);
  assert.equal(page.body.items.length, 2);
  const next = await get(`/api/v1/job-complaints?limit=2&cursor=${page.body.next_cursor}`, w.rs);
  assert.deepEqual(next.body.items.map((c) => c.id), list.body.items.slice(2, 4).map((c) => c.id));
  assertProblem(await get('/api/v1/job-complaints?status=closed', w.rs), 422, 'status');
  for (const who of [w.resident, w.keeper, w.cg]) assertProblem(await get('/api/v1/job-complaints', who), 403);
  assertProblem(await get('/api/v1/job-complaints'), 401);

  // Handling.
  const handle = (id, json, who = w.rs) => send('POST', `/api/v1/job-complaints/${id}/handle`, json, who);
  assertProblem(await handle(k.id, { outcome: 'post_withdrawn' }), 422, 'note');
  assertProblem(await handle(k.id, { outcome: 'closed', note: 'x' }), 422, 'outcome');
  assertProblem(await handle(k.id, { outcome: 1, note: 'x' }), 422, 'outcome');
  assertProblem(await handle(999999, { outcome: 'no_action', note: 'x' }), 404);
  for (const who of [w.resident, w.keeper, w.cg]) assertProblem(await handle(k.id, { outcome: 'no_action', note: 'x' }, who), 403);
  assertProblem(await handle(k.id, { outcome: 'no_action', note: 'x' }, null), 401);
  const publicBefore = await get(`/api/v1/jobs?q=${encodeURIComponent('保洁')}`);
  assert.ok(publicBefore.body.items.some((j) => j.id === post), publicBefore.text);
  const done = await handle(k.id, { outcome: 'post_withdrawn', note: '限定性别，违反就业促进法' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'handled');
  assert.equal(done.body.outcome, 'post_withdrawn');
  assert.equal(done.body.handled_by_name, 'renshe1');
  assert.match(done.body.handled_at, /\+08:00$/);
  assertProblem(await handle(k.id, { outcome: 'no_action', note: '再处理' }), 409);
  const publicAfter = await get(`/api/v1/jobs?q=${encodeURIComponent('保洁')}`);
  assert.ok(!publicAfter.body.items.some((j) => j.id === post), publicAfter.text);
  assertProblem(await get(`/api/v1/jobs/${post}`), 404);
  const staffView = await get(`/api/v1/jobs/${post}`, w.rs);
  assert.equal(staffView.body.status, 'withdrawn');
  const noAction = await handle(list.body.items[1].id, { outcome: 'no_action', note: '信息属实' });
  assert.equal(noAction.status, 200, noAction.text);
  assert.equal((await get('/api/v1/job-complaints?status=handled', w.rs)).body.items.length, 2);

  // The counts: department users (any) and admins.
  const counts = await get('/api/v1/job-counts', w.cg);
  assert.equal(counts.status, 200, counts.text);
  assert.deepEqual(counts.body, { live: 0, pending_review: 0, published_this_month: 1, complaints_open: 3 });
  assert.equal((await get('/api/v1/job-counts', w.admin)).status, 200);
  for (const who of [w.resident, w.keeper]) assertProblem(await get('/api/v1/job-counts', who), 403);
  assertProblem(await get('/api/v1/job-counts'), 401);
});

test('the demo: 14 public posts across the communities, 保洁 finds 保洁员, the desk sees the pending, the flag and the complaint', async () => {
  demoDir = mkdtempSync(join(tmpdir(), 'warmcity-demo-jobs-'));
  const db = testDatabase(demoDir);
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(demoDir), '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stderr, /job posts: 14 published, 2 pending, 1 expired, from 4 verified employers; 1 open complaint/);
  assert.match(made.stdout, /renshe \/ demo-department-2026 +\(department, 区人社局\(演示\)\)/);
  assert.match(made.stdout, /gonghui \/ demo-department-2026 +\(department, 区总工会\(演示\)\)/);
  demoSrv = await startServer({ dir: demoDir, db });
  const all = await demoSrv.fetch('/api/v1/jobs?limit=50');
  assert.equal(all.status, 200, all.text);
  assert.ok(all.body.items.length >= 14, `${all.body.items.length} public posts`);
  assert.ok(!all.body.items.some((j) => j.title === '促销员'), 'the expired post is not public');
  assert.ok(all.body.items.every((j) => j.pay_min_fen >= 220000 && j.pay_max_fen <= 600000), 'pay in ¥2,200–6,000');
  assert.ok(new Set(all.body.items.map((j) => j.area?.name)).size >= 4, 'across the communities');
  const found = await demoSrv.fetch(`/api/v1/jobs?q=${encodeURIComponent('保洁')}`);
  assert.ok(found.body.items.some((j) => j.title === '保洁员'), found.text);
  const renshe = await demoSrv.login('renshe', 'demo-department-2026');
  const counts = await demoSrv.fetch('/api/v1/job-counts', { token: renshe.token });
  assert.equal(counts.status, 200, counts.text);
  assert.equal(counts.body.live, 14);
  assert.equal(counts.body.pending_review, 2);
  assert.equal(counts.body.complaints_open, 1);
  const queue = await demoSrv.fetch('/api/v1/job-reviews', { token: renshe.token });
  assert.equal(queue.status, 200, queue.text);
  const flagged = queue.body.items.find((j) => j.title === '门卫');
  assert.ok(flagged?.flags.some((f) => f.kind === 'sex'), queue.text);
  const complaints = await demoSrv.fetch('/api/v1/job-complaints?status=open', { token: renshe.token });
  assert.equal(complaints.body.items.length, 1, complaints.text);
  const employers = await demoSrv.fetch('/api/v1/job-employers', { token: renshe.token });
  assert.equal(employers.body.items.length, 4, employers.text);

  // The complaint is on 区人社局's post: the union's staff may not withdraw it through the
  // complaint (as they may not directly), nor handle a complaint they filed themselves.
  const gonghui = await demoSrv.login('gonghui', 'demo-department-2026');
  const handle = (id, json, who) => demoSrv.fetch(`/api/v1/job-complaints/${id}/handle`, { method: 'POST', json, token: who.token });
  const open = complaints.body.items[0];
  assertProblem(await handle(open.id, { outcome: 'post_withdrawn', note: '属实' }, gonghui), 403);
  const own = await demoSrv.fetch(`/api/v1/jobs/${open.post.id}/complaints`, { method: 'POST', token: gonghui.token, json: { reason: 'other', text: '工会复核' } });
  assert.equal(own.status, 201, own.text);
  assertProblem(await handle(own.body.id, { outcome: 'no_action', note: '自己处理' }, gonghui), 403);
  const kept = await handle(own.body.id, { outcome: 'no_action', note: '已复核' }, renshe);
  assert.equal(kept.status, 200, kept.text);
  const still = await demoSrv.fetch(`/api/v1/jobs/${open.post.id}`, { token: renshe.token });
  assert.equal(still.body.status, 'published');
  const upheld = await handle(open.id, { outcome: 'post_withdrawn', note: '工资不符，已撤下' }, renshe);
  assert.equal(upheld.status, 200, upheld.text);
  assert.equal(upheld.body.outcome, 'post_withdrawn');
});
