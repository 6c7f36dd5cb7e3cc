// Job posts (issue #18 "Job posts"; docs/jobs.md "Posts", "Search",
// "Review"): 区人社局's staff publish a post, it waits for review and is not
// public; 区总工会's staff approve it (its author may not: four eyes), it is
// public and found by 1-, 2- and 3-character Chinese terms; an edit sends it
// back to review; its publisher withdraws it for good. Bad input — malformed
// JSON, wrong types, values past their range, unknown ids, a query over 20
// characters — is refused with the field named; residents, keepers and
// other departments get 403, signed-out callers 401 on the staff routes.
// The server's clock is fixed (--now): today is 2026-12-05 in district time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
const JOBS = '/api/v1/jobs';
let w;

before(async () => {
  w = await startWithAdminAndResident({ now: NOW });
  const { srv, admin } = w;
  w.renshe = await makeOrg(srv, admin, '区人社局', 'department');
  w.gonghui = await makeOrg(srv, admin, '区总工会', 'department');
  w.chengguan = await makeOrg(srv, admin, '区城管局', 'department');
  w.keeperOrg = await makeOrg(srv, admin, '区图书馆');
  srv.sql(`INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES (${w.renshe}, 0, 1), (${w.gonghui}, 0, 1);`, { readonly: false });
  srv.sql(`INSERT INTO job_employers (name, credit_code, address, verified_by_org, verified_by, verified_at) VALUES ('吕梁宏达物业有限公司', '91141100MA0K0000X1', '离石区', ${w.renshe}, 1, 0);`, { readonly: false });
  w.employer = Number(srv.sql("SELECT id FROM job_employers WHERE credit_code = '91141100MA0K0000X1';"));
  w.rs = await srv.createUser(admin, 'renshe1', 'department', [w.renshe]);
  w.gh = await srv.createUser(admin, 'gonghui1', 'department', [w.gonghui]);
  w.cg = await srv.createUser(admin, 'chengguan1', 'department', [w.chengguan]);
  w.keeper = await srv.createUser(admin, 'keeper1', 'keeper', [w.keeperOrg]);
  const area = await srv.fetch('/api/v1/areas', {
    method: 'POST', token: admin.token,
    json: { level: 'subdistrict', name: '莲花池', code: 'LHC', boundary: { type: 'Polygon', coordinates: [[[111.1, 37.5], [111.11, 37.5], [111.11, 37.51], [111.1, 37.51], [111.1, 37.5]]] } },
  });
  assert.equal(area.status, 201, area.text);
  w.area = area.body.id;
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const post = (extra = {}) => ({
  employer_id: w.employer, title: '保洁员', headcount: 2, conditions: '身体健康，能吃苦',
  duties: '小区楼道保洁', place: '滨河北路 8 号', area_id: w.area, pay_min_fen: 220000, pay_max_fen: 280000,
  hours: '7:00-16:00，月休 4 天', contact_name: '王经理', contact_phone: '0358-8221234', valid_until: '2026-12-31',
  ...extra,
});
const ids = (res) => res.body.items.map((j) => j.id);
// The post's updated_at as staff read it now (the review names the version it decides on).
async function seen(id) {
  const res = await get(`${JOBS}/${id}`, w.admin);
  return res.status === 200 ? res.body.updated_at : NOW;
}
const review = async (id, json, who) => send('POST', `${JOBS}/${id}/review`, { updated_at: await seen(id), ...json }, who);
async function publish(body, author = w.rs, reviewer = w.gh) {
  const made = await send('POST', JOBS, body, author);
  assert.equal(made.status, 201, made.text);
  const ok = await send('POST', `${JOBS}/${made.body.id}/review`, { decision: 'approve', note: '核实无误', updated_at: made.body.updated_at }, reviewer);
  assert.equal(ok.status, 200, ok.text);
  return made.body.id;
}

test('a post goes from pending to public, is found, goes back to review and is withdrawn', async () => {
  const made = await send('POST', JOBS, post(), w.rs);
  assert.equal(made.status, 201, made.text);
  const job = made.body;
  assert.equal(made.headers.get('location'), `${JOBS}/${job.id}`);
  assert.equal(job.status, 'pending');
  assert.deepEqual(job.flags, []);
  assert.deepEqual(job.employer, { id: w.employer, name: '吕梁宏达物业有限公司' });
  assert.deepEqual(job.publisher, { id: w.renshe, name: '区人社局' });
  assert.deepEqual(job.area, { id: w.area, name: '莲花池' });
  assert.equal(job.contact_phone, '0358-8221234');  // the employer's business number, whole
  assert.deepEqual(job.history.map((h) => [h.kind, h.by_name]), [['created', 'renshe1']]);
  assert.match(job.created_at, /\+08:00$/);

  // Pending: not public, not listed, but in the review queue and the staff list.
  assertProblem(await get(`${JOBS}/${job.id}`), 404);
  assertProblem(await get(`${JOBS}/${job.id}`, w.resident), 404);
  assert.deepEqual(ids(await get(`${JOBS}?q=保洁`)), []);
  const queue = await get('/api/v1/job-reviews', w.gh);
  assert.equal(queue.status, 200, queue.text);
  assert.deepEqual(ids(queue), [job.id]);
  assert.deepEqual(ids(await get('/api/v1/job-posts?status=pending', w.rs)), [job.id]);
  assert.deepEqual(ids(await get('/api/v1/job-posts?status=pending', w.gh)), []);  // another publisher's

  // Four eyes: its author may not approve it; 区总工会's staff may.
  assertProblem(await review(job.id, { decision: 'approve', note: '好' }, w.rs), 403);
  assertProblem(await review(job.id, { decision: 'reject' }, w.gh), 422, 'note');
  const ok = await review(job.id, { decision: 'approve' }, w.gh);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status, 'published');
  assertProblem(await review(job.id, { decision: 'approve' }, w.gh), 409);

  // Public, and found by 1-, 2- and 3-character terms and by its employer.
  const pub = await get(`${JOBS}/${job.id}`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.body.status, undefined);  // no staff fields for the public
  assert.equal(pub.body.history, undefined);
  assert.match(pub.body.published_at, /^2026-12-05T\d\d:\d\d:\d\d\+08:00$/);  // the district day, RFC 3339
  for (const q of ['洁', '保洁', '保洁员', ' 保洁员 ', '宏达 楼道', '滨河']) {
    const found = await get(`${JOBS}?q=${encodeURIComponent(q)}`);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(ids(found), [job.id], q);
  }
  assert.deepEqual(ids(await get(`${JOBS}?q=${encodeURIComponent('厨师')}`)), []);
  assert.deepEqual(ids(await get(`${JOBS}?area_id=${w.area}`)), [job.id]);
  assert.deepEqual(ids(await get(`${JOBS}?pay_min_fen=280000`)), [job.id]);
  assert.deepEqual(ids(await get(`${JOBS}?pay_min_fen=280001`)), []);
  assert.deepEqual(ids(await get(`${JOBS}?since=2026-12-05`)), [job.id]);
  assert.deepEqual(ids(await get(`${JOBS}?since=2026-12-06`)), []);
  const summary = (await get(JOBS)).body.items[0];
  assert.deepEqual(Object.keys(summary), ['id', 'title', 'employer', 'headcount', 'place', 'area', 'pay_min_fen',
    'pay_max_fen', 'hours', 'valid_until', 'published_at']);

  // An edit with a flagged term: back to pending, flags shown, off the public list.
  const edited = await send('PUT', `${JOBS}/${job.id}`, post({ conditions: '限男性，本地户口' }), w.rs);
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.status, 'pending');
  assert.deepEqual(edited.body.flags.map((f) => [f.field, f.kind]).sort(),
    [['conditions', 'origin'], ['conditions', 'sex'], ['conditions', 'sex']]);
  assertProblem(await get(`${JOBS}/${job.id}`), 404);
  assertProblem(await review(job.id, { decision: 'approve' }, w.gh), 422, 'note');

  // Withdrawn for good: final.
  const gone = await send('POST', `${JOBS}/${job.id}/withdraw`, { note: '招满了' }, w.rs);
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.body.status, 'withdrawn');
  assert.deepEqual(gone.body.history.map((h) => h.kind), ['created', 'approved', 'edited', 'withdrawn']);
  assertProblem(await send('PUT', `${JOBS}/${job.id}`, post(), w.rs), 409);
  assertProblem(await send('POST', `${JOBS}/${job.id}/withdraw`, {}, w.rs), 409);
  assert.deepEqual(ids(await get('/api/v1/job-posts?status=withdrawn', w.rs)), [job.id]);
  const audited = w.srv.sql("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'job_post';");
  assert.equal(Number(audited), 4);  // created, approved, edited, withdrawn: refusals write nothing
});

test('the public list pages newest first with its cursor', async () => {
  const made = [];
  for (const title of ['厨师', '司机', '电工']) made.push(await publish(post({ title, duties: '日常工作' })));
  const first = await get(`${JOBS}?limit=2`);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(ids(first), [made[2], made[1]]);
  assert.ok(first.body.next_cursor);
  const second = await get(`${JOBS}?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
  assert.equal(second.status, 200, second.text);
  assert.ok(ids(second).includes(made[0]));
  assert.deepEqual(ids(await get(`${JOBS}?q=${encodeURIComponent('厨')}`)), [made[0]]);
});

test('bad input is refused with the field named', async () => {
  const bad = await w.srv.fetch(JOBS, { method: 'POST', token: w.rs.token, body: '{"title": ', headers: { 'content-type': 'application/json' } });
  assertProblem(bad, 400);
  const noPay = post();
  delete noPay.pay_min_fen;
  assertProblem(await send('POST', JOBS, noPay, w.rs), 422, 'pay_min_fen');
  assertProblem(await send('POST', JOBS, post({ pay_min_fen: 300000 }), w.rs), 422, 'pay_max_fen');
  assertProblem(await send('POST', JOBS, post({ pay_min_fen: 2200.5 }), w.rs), 422, 'pay_min_fen');
  assertProblem(await send('POST', JOBS, post({ headcount: 0 }), w.rs), 422, 'headcount');
  assertProblem(await send('POST', JOBS, post({ headcount: '2' }), w.rs), 422, 'headcount');
  assertProblem(await send('POST', JOBS, post({ headcount: 10001 }), w.rs), 422, 'headcount');
  assert.equal((await send('POST', JOBS, post({ headcount: 10000, valid_until: '2027-06-03' }), w.rs)).status, 201);  // both ends
  assertProblem(await send('POST', JOBS, post({ valid_until: '2027-06-04' }), w.rs), 422, 'valid_until');
  assertProblem(await send('POST', JOBS, post({ valid_until: '2026-12-04' }), w.rs), 422, 'valid_until');
  assertProblem(await send('POST', JOBS, post({ contact_phone: '110' }), w.rs), 422, 'contact_phone');
  assertProblem(await send('POST', JOBS, post({ title: '岗'.repeat(61) }), w.rs), 422, 'title');
  assertProblem(await send('POST', JOBS, post({ employer_id: 999999 }), w.rs), 422, 'employer_id');
  assertProblem(await send('POST', JOBS, post({ area_id: 999999 }), w.rs), 422, 'area_id');
  assertProblem(await send('POST', JOBS, post({ publisher_org_id: w.gonghui }), w.rs), 422, 'publisher_org_id');
  assertProblem(await send('POST', JOBS, post(), w.admin), 422, 'publisher_org_id');
  assert.equal((await send('POST', JOBS, post({ publisher_org_id: w.gonghui }), w.admin)).status, 201);
  assertProblem(await send('PUT', `${JOBS}/999999`, post(), w.rs), 404);
  assertProblem(await review(999999, { decision: 'approve', note: 'x' }, w.gh), 404);
  assertProblem(await send('POST', `${JOBS}/999999/withdraw`, {}, w.rs), 404);
  assertProblem(await get(`${JOBS}/999999`), 404);
  assertProblem(await review(1, { decision: 'maybe', note: 'x' }, w.gh), 422, 'decision');
  assertProblem(await get(`${JOBS}?q=${encodeURIComponent('保'.repeat(21))}`), 422, 'q');
  assert.equal((await get(`${JOBS}?q=${encodeURIComponent(` ${'保'.repeat(20)} `)}`)).status, 200);
  assertProblem(await get(`${JOBS}?limit=0`), 422, 'limit');
  assertProblem(await get(`${JOBS}?limit=51`), 422, 'limit');
  assertProblem(await get(`${JOBS}?cursor=nope`), 422, 'cursor');
  assertProblem(await get(`${JOBS}?area_id=999999`), 422, 'area_id');
  assertProblem(await get(`${JOBS}?since=2026-13-01`), 422, 'since');
  assertProblem(await get(`${JOBS}?pay_min_fen=-1`), 422, 'pay_min_fen');
  assertProblem(await get('/api/v1/job-posts?status=lost', w.rs), 422, 'status');
});

test('residents, keepers and other departments are refused; signed-out callers must sign in', async () => {
  const id = await publish(post({ title: '收银员' }));
  for (const who of [w.resident, w.keeper, w.cg]) {
    assertProblem(await send('POST', JOBS, post(), who), 403);
    assertProblem(await send('PUT', `${JOBS}/${id}`, post(), who), 403);
    assertProblem(await send('POST', `${JOBS}/${id}/withdraw`, {}, who), 403);
    assertProblem(await review(id, { decision: 'approve', note: 'x' }, who), 403);
    assertProblem(await get('/api/v1/job-posts', who), 403);
    assertProblem(await get('/api/v1/job-reviews', who), 403);
    const pub = await get(`${JOBS}/${id}`, who);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.body.status, undefined);
  }
  assertProblem(await send('POST', JOBS, post()), 401);
  assertProblem(await send('PUT', `${JOBS}/${id}`, post()), 401);
  assertProblem(await send('POST', `${JOBS}/${id}/review`, { decision: 'approve' }), 401);
  assertProblem(await get('/api/v1/job-posts'), 401);
  assertProblem(await get('/api/v1/job-reviews'), 401);
  // Another publisher's staff review it but do not change or withdraw it.
  assertProblem(await send('PUT', `${JOBS}/${id}`, post(), w.gh), 403);
  assertProblem(await send('POST', `${JOBS}/${id}/withdraw`, {}, w.gh), 403);
  // Staff of any publisher see the staff view; admins too.
  assert.equal((await get(`${JOBS}/${id}`, w.gh)).body.status, 'published');
  assert.equal((await get(`${JOBS}/${id}`, w.admin)).body.status, 'published');
});

test('a review names the version it read: an edit since then is 409, and the queue shows the edit', async () => {
  const made = await send('POST', JOBS, post({ title: '保洁员（夜班）', duties: '打扫' }), w.rs);
  assert.equal(made.status, 201, made.text);
  const id = made.body.id;
  const read = (await get(`${JOBS}/${id}`, w.gh)).body.updated_at;
  assert.match(read, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  // The author changes it while the reviewer looks (the server's clock stands still: the stamp still moves).
  const edited = await send('PUT', `${JOBS}/${id}`, post({ title: '保洁员（夜班）', duties: '入职前须交报名费500元' }), w.rs);
  assert.equal(edited.status, 200, edited.text);
  assert.notEqual(edited.body.updated_at, read);
  const stale = await send('POST', `${JOBS}/${id}/review`, { decision: 'approve', note: '', updated_at: read }, w.gh);
  assertProblem(stale, 409);
  assert.equal(stale.body.detail, 'the post changed since you opened it: read it again');
  assertProblem(await send('POST', `${JOBS}/${id}/review`, { decision: 'approve', note: 'x' }, w.gh), 422, 'updated_at');
  assertProblem(await send('POST', `${JOBS}/${id}/review`, { decision: 'approve', note: 'x', updated_at: 'yesterday' }, w.gh), 422, 'updated_at');
  assertProblem(await send('POST', `${JOBS}/${id}/review`, { decision: 'approve', note: 'x', updated_at: 1 }, w.gh), 422, 'updated_at');
  const queue = await get('/api/v1/job-reviews', w.gh);
  const item = queue.body.items.find((j) => j.id === id);
  assert.deepEqual(item.history.map((h) => [h.kind, h.by_name]), [['created', 'renshe1'], ['edited', 'renshe1']]);
  assert.equal(item.updated_at, edited.body.updated_at);
  const rejected = await send('POST', `${JOBS}/${id}/review`, { decision: 'reject', note: '不得收取报名费', updated_at: item.updated_at }, w.gh);
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.body.status, 'rejected');
  assertProblem(await get(`${JOBS}/${id}`), 404);
});

test('blank, control and invisible characters are refused by field; split terms are still flagged', async () => {
  assertProblem(await send('POST', JOBS, post({ title: '   ' }), w.rs), 422, 'title');
  assertProblem(await send('POST', JOBS, post({ contact_name: '\u0000' }), w.rs), 422, 'contact_name');
  assertProblem(await send('POST', JOBS, post({ conditions: '限\u200b男，55岁以下' }), w.rs), 422, 'conditions');
  assertProblem(await send('POST', JOBS, post({ title: '保洁\n员' }), w.rs), 422, 'title');
  const flagged = await send('POST', JOBS, post({ title: ' 门卫 ', conditions: '限 男\n身体健康', hours: '夜班，男 性' }), w.rs);
  assert.equal(flagged.status, 201, flagged.text);
  assert.equal(flagged.body.title, '门卫');
  assert.deepEqual(flagged.body.flags.map((f) => [f.field, f.term]),
    [['conditions', '限男'], ['hours', '男性']]);
  const id = flagged.body.id;
  assertProblem(await send('POST', `${JOBS}/${id}/withdraw`, { note: '招满\u0007了' }, w.rs), 422, 'note');
  assertProblem(await review(id, { decision: 'reject', note: '\u202e' }, w.gh), 422, 'note');
});

test('a query of punctuation only finds nothing rather than everything', async () => {
  assert.ok(ids(await get(JOBS)).length > 0);
  for (const q of ['%', '_', '!!!', '，。', '、']) {
    const res = await get(`${JOBS}?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(ids(res), [], q);
    assert.equal(res.body.next_cursor, null);
  }
});
