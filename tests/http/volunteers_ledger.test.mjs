// The hours ledger (志愿服务记录, issue #20; docs/volunteers.md "The hours
// ledger") over real HTTP on a real server with a fixed clock: a manual
// record added by the community's staff (submitted), confirmed, corrected by
// a new record (never edited), disputed by its volunteer and the dispute
// answered with a correction in the same job; the volunteer's total at each
// step (the sum of the confirmed minutes, corrections included), read by
// the volunteer, by their team's leader (audited) and listed by the
// organiser (audited). Refusals with their codes (not_submitted,
// not_confirmed, corrects_correction, dispute_open, not_open), who may
// (another organiser's staff, a team leader, a resident, anonymous), bad
// input (malformed JSON, wrong types, unknown fields, negative and zero
// minutes, a future or impossible service date, an oversize body, unknown
// ids, bad query parameters).
//
// The volunteers are written by SQL (the registry's routes are another
// part's): a volunteer with an account, member of the team 夕阳红志愿队, and
// one in no team.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
// The server's clock starts at NOW and runs on: an instant of that day.
const TODAY_AT = /^2026-12-05T\d\d:\d\d:\d\d\+08:00$/;
const RECORDS = '/api/v1/volunteer-records';
const DISPUTES = '/api/v1/volunteer-disputes';
let w;

before(async () => {
  w = await startWithAdminAndResident({ now: NOW });
  const { srv, admin } = w;
  w.community = await makeOrg(srv, admin, '凤山社区居委会', 'community');
  w.otherOrg = await makeOrg(srv, admin, '区文明办', 'department');
  w.team = await makeOrg(srv, admin, '夕阳红志愿队', 'volunteer_team');
  w.keeperOrg = await makeOrg(srv, admin, '区图书馆', 'keeper');
  w.staff = await srv.createUser(admin, 'fengshan_staff', 'worker', [w.community]);
  w.otherStaff = await srv.createUser(admin, 'wenming_staff', 'department', [w.otherOrg]);
  w.leader = await srv.createUser(admin, 'xiyang_leader', 'volunteer', [w.team]);
  w.otherTeam = await makeOrg(srv, admin, '蒲公英志愿队', 'volunteer_team');
  w.otherLeader = await srv.createUser(admin, 'pugongying_leader', 'volunteer', [w.otherTeam]);
  w.zhang = await srv.createUser(admin, 'zhang_volunteer', 'resident');
  srv.sql(
    'INSERT INTO volunteers (volunteer_no, user_id, name, phone, status, created_at, updated_at) '
    + `VALUES ('V90000001', ${w.zhang.user.id}, '张志愿', '13912345678', 'active', 0, 0);`
    + "INSERT INTO volunteers (volunteer_no, name, phone, status, created_at, updated_at) VALUES ('V90000002', '李四', '13912345679', 'active', 0, 0);",
    { readonly: false });
  w.volunteer = Number(srv.sql("SELECT id FROM volunteers WHERE volunteer_no = 'V90000001';"));
  w.stranger = Number(srv.sql("SELECT id FROM volunteers WHERE volunteer_no = 'V90000002';"));
  srv.sql(`INSERT INTO volunteer_team_members (team_org_id, volunteer_id, joined_at) VALUES (${w.team}, ${w.volunteer}, 0);`, { readonly: false });
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
const raw = (path, body, who) => w.srv.fetch(path, { method: 'POST', body, token: who?.token, headers: { 'content-type': 'application/json' } });
const count = (q) => Number(w.srv.sql(q));
const audits = (action) => count(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}';`);
function assertProblem(res, status, { field, error } = {}) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) {
    assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
    assert.equal(res.body.field, field, res.text);
  }
  if (error) assert.equal(res.body.error, error, res.text);
}
const manual = (extra = {}) => ({
  volunteer_id: w.volunteer, organiser_org_id: w.community, service_date: '2026-12-01',
  place: '凤山路', content: '清理小广告', minutes: 120, ...extra,
});
const myTotal = async () => {
  const r = await get('/api/v1/me/volunteer/records', w.zhang);
  assert.equal(r.status, 200, r.text);
  return r.body.total_minutes;
};

test('a manual record: submitted, confirmed, corrected, disputed and answered with a correction', async () => {
  const made = await send('POST', RECORDS, manual(), w.staff);
  assert.equal(made.status, 201, made.text);
  const r = made.body;
  assert.deepEqual(Object.keys(r), ['id', 'volunteer_id', 'volunteer', 'organiser', 'service_date', 'place', 'content',
    'minutes', 'source', 'source_id', 'state', 'confirmed_by', 'confirmed_at', 'corrects_id', 'reason',
    'created_by', 'created_at', 'corrections', 'dispute']);
  assert.deepEqual(r.organiser, { id: w.community, name: '凤山社区居委会' });
  assert.equal(r.state, 'submitted');
  assert.equal(r.source, 'manual');
  assert.equal(r.created_by, w.staff.user.id);
  assert.match(r.created_at, TODAY_AT);
  assert.equal(r.confirmed_at, null);
  assert.equal(await myTotal(), 0); // not confirmed yet
  assertProblem(await send('POST', `${RECORDS}/${r.id}/corrections`, { minutes: -10, reason: '记错' }, w.staff), 409, { error: 'not_confirmed' });

  // Only the organiser's staff confirm, once.
  assertProblem(await send('POST', `${RECORDS}/${r.id}/confirm`, {}, w.otherStaff), 403);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/confirm`, {}, w.leader), 403);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/confirm`, {}, w.zhang), 403);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/confirm`, {}), 401);
  const confirmed = await send('POST', `${RECORDS}/${r.id}/confirm`, undefined, w.staff); // no body at all
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.state, 'confirmed');
  assert.equal(confirmed.body.confirmed_by, w.staff.user.id);
  assert.match(confirmed.body.confirmed_at, TODAY_AT);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/confirm`, {}, w.staff), 409, { error: 'not_submitted' });
  assert.equal(await myTotal(), 120);

  // A correction is a new confirmed record; the total never goes below 0.
  const down = await send('POST', `${RECORDS}/${r.id}/corrections`, { minutes: -30, reason: '签退时间记错' }, w.staff);
  assert.equal(down.status, 201, down.text);
  assert.equal(down.body.source, 'correction');
  assert.equal(down.body.state, 'confirmed');
  assert.equal(down.body.corrects_id, r.id);
  assert.equal(down.body.minutes, -30);
  assert.equal(down.body.reason, '签退时间记错');
  assert.equal(down.body.service_date, '2026-12-01');
  assertProblem(await send('POST', `${RECORDS}/${r.id}/corrections`, { minutes: -91, reason: '多了' }, w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', `${RECORDS}/${r.id}/corrections`, { minutes: 0, reason: '无' }, w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', `${RECORDS}/${down.body.id}/corrections`, { minutes: 5, reason: '再改' }, w.staff), 409, { error: 'corrects_correction' });
  assertProblem(await send('POST', `${RECORDS}/${r.id}/corrections`, { minutes: 5, reason: '改' }, w.otherStaff), 403);
  assert.equal(await myTotal(), 90);
  assert.equal(count(`SELECT minutes FROM volunteer_records WHERE id = ${r.id};`), 120); // never edited

  // The volunteer disputes it; nobody else may, and one open at a time.
  assertProblem(await send('POST', `${RECORDS}/${r.id}/disputes`, { text: '我干了两个小时' }, w.leader), 403);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/disputes`, { text: '我干了两个小时' }, w.staff), 403);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/disputes`, { text: '我干了两个小时' }), 401);
  const d = await send('POST', `${RECORDS}/${r.id}/disputes`, { text: '我干了两个小时' }, w.zhang);
  assert.equal(d.status, 201, d.text);
  assert.equal(d.body.state, 'open');
  assert.equal(d.body.record_id, r.id);
  assert.equal(d.body.text, '我干了两个小时');
  assert.match(d.body.raised_at, TODAY_AT);
  assertProblem(await send('POST', `${RECORDS}/${r.id}/disputes`, { text: '再说一次' }, w.zhang), 409, { error: 'dispute_open' });

  // The organiser's staff list the open disputes (audited) and answer.
  const open = await get(`${DISPUTES}?organiser_org_id=${w.community}&state=open`, w.staff);
  assert.equal(open.status, 200, open.text);
  assert.deepEqual(open.body.items.map((x) => x.id), [d.body.id]);
  assert.equal((await get(`${DISPUTES}?organiser_org_id=${w.community}&state=answered`, w.staff)).body.items.length, 0);
  assertProblem(await get(`${DISPUTES}?organiser_org_id=${w.community}`, w.otherStaff), 403);
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '好' }, w.otherStaff), 403);
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '好' }, w.zhang), 403);
  // A refused correction leaves the dispute open.
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '改', correction: { minutes: -91, reason: '多了' } }, w.staff), 422, { field: 'minutes' });
  const answered = await send('POST', `${DISPUTES}/${d.body.id}/answer`,
    { answer: '核实后补记30分钟', correction: { minutes: 30, reason: '签退时间核实' } }, w.staff);
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.body.state, 'answered');
  assert.equal(answered.body.answer, '核实后补记30分钟');
  assert.equal(answered.body.answered_by, w.staff.user.id);
  assert.ok(answered.body.correction_id > 0);
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '再答' }, w.staff), 409, { error: 'not_open' });
  assert.equal(await myTotal(), 120);

  // The volunteer's own view: newest first, the corrections and the dispute on the original.
  const mine = await get('/api/v1/me/volunteer/records', w.zhang);
  assert.equal(mine.body.volunteer_id, w.volunteer);
  const original = mine.body.items.find((x) => x.id === r.id);
  assert.deepEqual(original.corrections, [down.body.id, answered.body.correction_id]);
  // The dispute as the volunteer reads it again later: their words and the answer.
  assert.deepEqual(original.dispute, { id: d.body.id, state: 'answered', text: d.body.text,
    answer: answered.body.answer, answered_at: answered.body.answered_at });
  assert.equal(original.volunteer.id, w.volunteer);
  const fromDispute = mine.body.items.find((x) => x.id === answered.body.correction_id);
  assert.equal(fromDispute.source_id, d.body.id);
  assert.equal(mine.body.items[0].id, answered.body.correction_id);

  // Every write was audited.
  assert.equal(audits('volunteer.record_create'), 1);
  assert.equal(audits('volunteer.record_confirm'), 1);
  assert.equal(audits('volunteer.record_correct'), 2);
  assert.equal(audits('volunteer.dispute_raise'), 1);
  assert.equal(audits('volunteer.dispute_answer'), 1);
});

test('a volunteer\'s records: their team\'s leader and admins read them (audited), the volunteer too (not audited), nobody else', async () => {
  const path = `/api/v1/volunteers/${w.volunteer}/records`;
  const reads = () => count(`SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'volunteer' AND subject_id = '${w.volunteer}';`);
  const before = reads();
  const byLeader = await get(path, w.leader);
  assert.equal(byLeader.status, 200, byLeader.text);
  assert.equal(byLeader.body.total_minutes, 120);
  assert.equal(reads(), before + 1);
  const detail = JSON.parse(w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND subject_id = '${w.volunteer}' ORDER BY id DESC LIMIT 1;`));
  assert.equal(detail.purpose, 'volunteer');
  assert.equal((await get(path, w.admin)).status, 200);
  assert.equal(reads(), before + 2);
  const self = await get(path, w.zhang);
  assert.equal(self.status, 200, self.text);
  assert.equal(reads(), before + 2);
  // A period.
  const none = await get(`${path}?from=2026-11-01&to=2026-11-30`, w.leader);
  assert.equal(none.status, 200, none.text);
  assert.deepEqual([none.body.items.length, none.body.total_minutes], [0, 0]);
  assert.equal((await get(`${path}?from=2026-12-01&to=2026-12-01`, w.leader)).body.total_minutes, 120);
  // Nobody else.
  assertProblem(await get(path, w.staff), 403); // the organiser is not their team
  assertProblem(await get(path, w.otherLeader), 403); // another team's leader
  assertProblem(await get(path, w.otherStaff), 403);
  assertProblem(await get(path, w.resident), 403);
  assertProblem(await get(path), 401);
  assertProblem(await get(`/api/v1/volunteers/${w.stranger}/records`, w.leader), 403); // not in the team
  assertProblem(await get('/api/v1/volunteers/999999/records', w.admin), 404);
  assertProblem(await get('/api/v1/volunteers/abc/records', w.admin), 404);
  assertProblem(await get('/api/v1/me/volunteer/records', w.resident), 404); // no volunteer
  assertProblem(await get('/api/v1/me/volunteer/records'), 401);
  assertProblem(await get(`${path}?from=2026-13-01`, w.leader), 422, { field: 'from' });
  assertProblem(await get(`${path}?from=2026-12-02&to=2026-12-01`, w.leader), 422, { field: 'to' });
});

test('an organiser\'s records and disputes: its staff only, by state, audited', async () => {
  const made = await send('POST', RECORDS, manual({ volunteer_id: w.stranger, minutes: 45 }), w.staff);
  assert.equal(made.status, 201, made.text);
  const lists = () => count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'volunteer_list';");
  const before = lists();
  const all = await get(`${RECORDS}?organiser_org_id=${w.community}`, w.staff);
  assert.equal(all.status, 200, all.text);
  assert.equal(all.body.items[0].id, made.body.id); // newest first
  assert.ok(all.body.items.every((x) => x.organiser.id === w.community));
  assert.equal(lists(), before + 1);
  const submitted = await get(`${RECORDS}?organiser_org_id=${w.community}&state=submitted`, w.staff);
  assert.deepEqual(submitted.body.items.map((x) => x.id), [made.body.id]);
  assert.ok((await get(`${RECORDS}?organiser_org_id=${w.community}&state=confirmed`, w.admin)).body.items.every((x) => x.state === 'confirmed'));
  assertProblem(await get(`${RECORDS}?organiser_org_id=${w.community}`, w.otherStaff), 403);
  assertProblem(await get(`${RECORDS}?organiser_org_id=${w.community}`, w.leader), 403);
  assertProblem(await get(`${RECORDS}?organiser_org_id=${w.community}`, w.resident), 403);
  assertProblem(await get(`${RECORDS}?organiser_org_id=${w.community}`), 401);
  // No organiser named: the records with no organisation, admins only.
  assertProblem(await get(RECORDS, w.staff), 403);
  assert.deepEqual((await get(RECORDS, w.admin)).body, { items: [] });
  assertProblem(await get(`${RECORDS}?organiser_org_id=abc`, w.staff), 422, { field: 'organiser_org_id' });
  assertProblem(await get(`${RECORDS}?organiser_org_id=${w.community}&state=open`, w.staff), 422, { field: 'state' });
  assertProblem(await get(`${DISPUTES}?organiser_org_id=${w.community}&state=confirmed`, w.staff), 422, { field: 'state' });
  assertProblem(await get(DISPUTES, w.staff), 403);
  assert.equal((await get(`${DISPUTES}?organiser_org_id=${w.community}`, w.admin)).status, 200);
});

test('who may add a record, and every bad body or id', async () => {
  const before = count('SELECT COUNT(*) FROM volunteer_records;');
  assertProblem(await send('POST', RECORDS, manual(), w.otherStaff), 403);
  assertProblem(await send('POST', RECORDS, manual(), w.leader), 403); // a team's leader organises for the team only
  assertProblem(await send('POST', RECORDS, manual({ organiser_org_id: w.team }), w.otherLeader), 403); // another team's
  assertProblem(await send('POST', RECORDS, manual(), w.resident), 403);
  assertProblem(await send('POST', RECORDS, manual()), 401);
  assertProblem(await send('POST', RECORDS, manual({ minutes: -30 }), w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', RECORDS, manual({ minutes: 0 }), w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', RECORDS, manual({ minutes: 1441 }), w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', RECORDS, manual({ minutes: '60' }), w.staff), 422, { field: 'minutes' });
  assertProblem(await send('POST', RECORDS, manual({ service_date: '2026-12-06' }), w.staff), 422, { field: 'service_date' }); // tomorrow
  assertProblem(await send('POST', RECORDS, manual({ service_date: '2026-02-30' }), w.staff), 422, { field: 'service_date' });
  assertProblem(await send('POST', RECORDS, manual({ content: '' }), w.staff), 422, { field: 'content' });
  assertProblem(await send('POST', RECORDS, manual({ place: 'x'.repeat(201) }), w.staff), 422, { field: 'place' });
  assertProblem(await send('POST', RECORDS, manual({ state: 'confirmed' }), w.staff), 422, { field: 'state' }); // unknown field
  assertProblem(await send('POST', RECORDS, manual({ volunteer_id: 999999 }), w.staff), 422, { field: 'volunteer_id' });
  assertProblem(await send('POST', RECORDS, manual({ organiser_org_id: 999999 }), w.staff), 422, { field: 'organiser_org_id' });
  assertProblem(await send('POST', RECORDS, manual({ organiser_org_id: w.keeperOrg }), w.admin), 422, { field: 'organiser_org_id' });
  assertProblem(await raw(RECORDS, '{"volunteer_id": ', w.staff), 400);
  assertProblem(await raw(RECORDS, '[1, 2]', w.staff), 400);
  assertProblem(await raw(RECORDS, JSON.stringify(manual({ place: 'x'.repeat(10000) })), w.staff), 413);
  assert.equal(count('SELECT COUNT(*) FROM volunteer_records;'), before);
  const today = await send('POST', RECORDS, manual({ service_date: '2026-12-05', minutes: 1440 }), w.admin);
  assert.equal(today.status, 201, today.text); // today, a whole day, by an admin

  // Unknown ids and bad bodies on the other writes.
  assertProblem(await send('POST', `${RECORDS}/999999/confirm`, {}, w.staff), 404);
  assertProblem(await send('POST', `${RECORDS}/abc/confirm`, {}, w.staff), 404);
  assertProblem(await send('POST', `${RECORDS}/999999/corrections`, { minutes: 5, reason: '改' }, w.staff), 404);
  assertProblem(await send('POST', `${RECORDS}/999999/disputes`, { text: '不对' }, w.zhang), 404);
  assertProblem(await send('POST', `${DISPUTES}/999999/answer`, { answer: '好' }, w.staff), 404);
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/confirm`, { state: 'confirmed' }, w.admin), 422, { field: 'state' });
  assertProblem(await raw(`${RECORDS}/${today.body.id}/confirm`, '{', w.admin), 400);
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/corrections`, { minutes: 'x', reason: '改' }, w.admin), 422, { field: 'minutes' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/corrections`, { minutes: -1441, reason: '改' }, w.admin), 422, { field: 'minutes' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/corrections`, { minutes: 5 }, w.admin), 422, { field: 'reason' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/corrections`, { minutes: 5, reason: '改', by: 1 }, w.admin), 422, { field: 'by' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/disputes`, { text: '' }, w.zhang), 422, { field: 'text' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/disputes`, { text: 'x'.repeat(501) }, w.zhang), 422, { field: 'text' });
  assertProblem(await send('POST', `${RECORDS}/${today.body.id}/disputes`, { text: 5 }, w.zhang), 422, { field: 'text' });
  const d = await send('POST', `${RECORDS}/${today.body.id}/disputes`, { text: '日期不对' }, w.zhang);
  assert.equal(d.status, 201, d.text);
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '' }, w.admin), 422, { field: 'answer' });
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '好', correction: 30 }, w.admin), 422, { field: 'correction' });
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '好', correction: { minutes: 0, reason: '无' } }, w.admin), 422, { field: 'correction.minutes' });
  // A submitted record is not corrected by an answer either.
  assertProblem(await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '好', correction: { minutes: -10, reason: '多了' } }, w.admin), 409, { error: 'not_confirmed' });
  const plain = await send('POST', `${DISPUTES}/${d.body.id}/answer`, { answer: '确认后计入', correction: null }, w.admin);
  assert.equal(plain.status, 200, plain.text);
  assert.equal(plain.body.correction_id, null);
});
