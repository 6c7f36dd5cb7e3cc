// Sign-ups, the waitlist that moves by itself, and the door (issue #18,
// docs/activities.md "Sign-ups and the waitlist", "At the door"), over real
// HTTP on a real server: 200 residents race for 20 places (exactly 20
// confirmed, the rest in line 1..180 without gaps); cancellations offer the
// places to the first in line in order, accepted or declined; staff sign a
// caller up by phone; check-in by door code; attendance marked and cleared;
// the door list masked and audited; a resident never sees another's
// sign-up (404). Bad input — malformed JSON, wrong types, unknown fields, a
// bad phone, unknown ids — is refused; a cancelled occurrence 409;
// signed-out callers 401; another organiser's staff 403.
// Activities and occurrences are put in by SQL (the activities' own routes
// are tested in their own file). The clock is fixed (--now).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startWithAdminAndResident, startServer, ADMIN } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';
import { waitFor } from './lib/wait.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
const unix = (t) => Math.floor(Date.parse(t) / 1000);
const OCC = '/api/v1/activity-occurrences';
const SIGNUPS = '/api/v1/activity-signups';
let w;

function sqlWrite(q) { return w.srv.sql(q, { readonly: false }); }

// An activity of `org` with one occurrence; returns the occurrence's id.
let nextActivity = 0;
function occurrence({ org = w.org, capacity = 20, start = '2026-12-06T09:00:00+08:00', status = 'scheduled', ageMin = 'NULL' } = {}) {
  const id = ++nextActivity;
  const startsAt = unix(start);
  const date = start.slice(0, 10);
  sqlWrite(`INSERT INTO activities (id, title, organiser_org_id, address, capacity, age_min, offer_window_minutes, first_date, start_minute, duration_minutes, created_by, created_at, updated_at) VALUES (${id}, '太极拳 ${id}', ${org}, '凤山广场', ${capacity}, ${ageMin}, 60, '${date}', 540, 120, 1, 0, 0);`
    + `INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, capacity, status, updated_at) VALUES (${id}, ${id}, 1, '${date}', ${startsAt}, ${startsAt + 7200}, ${capacity}, '${status}', 0);`);
  return id;
}

// A resident signed in by phone code (the log sender's SMS), with that phone.
async function residentByPhone(phone) {
  const asked = await w.srv.fetch('/api/v1/auth/phone/code', { method: 'POST', json: { phone } });
  assert.equal(asked.status, 202, asked.text);
  const code = await waitFor(() => {
    const lines = readFileSync(w.srv.logPath, 'utf8').split('\n').filter((l) => l.includes(`sms (log sender) to ${phone}:`));
    const m = lines.length ? /验证码是 (\d{6})/.exec(lines[lines.length - 1]) : null;
    return m ? m[1] : null;
  }, { what: `a sign-in code for ${phone}` });
  const r = await w.srv.fetch('/api/v1/auth/phone/login', { method: 'POST', json: { phone, code } });
  assert.equal(r.status, 200, r.text);
  return { ...r.body, phone };
}

before(async () => {
  w = await startWithAdminAndResident({ now: NOW, args: ['--sms-codes-per-network-per-hour', '100000', '--activities-sweep-seconds', '0'] });
  const { srv, admin } = w;
  w.org = await makeOrg(srv, admin, '区文旅局', 'department');
  w.otherOrg = await makeOrg(srv, admin, '区人社局', 'department');
  w.staff = await srv.createUser(admin, 'wenlv1', 'department', [w.org]);
  w.otherStaff = await srv.createUser(admin, 'renshe1', 'department', [w.otherOrg]);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, { field, error } = {}) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
  if (error) assert.equal(res.body.error, error, res.text);
}

test('200 residents race over HTTP for 20 places; the line moves in order', async () => {
  const occ = occurrence({ capacity: 20 });
  const people = [];
  for (let i = 0; i < 200; i += 25) {
    people.push(...await Promise.all(Array.from({ length: 25 }, (_, k) => residentByPhone(`137${String(20000000 + i + k)}`))));
  }
  const answers = await Promise.all(people.map((p) => send('POST', `${OCC}/${occ}/signups`, {}, p)));
  for (const a of answers) assert.equal(a.status, 201, a.text);
  const confirmed = answers.filter((a) => a.body.status === 'confirmed');
  const waiting = answers.filter((a) => a.body.status === 'waiting');
  assert.equal(confirmed.length, 20);
  assert.equal(waiting.length, 180);
  // The line is the order the sign-ups committed (their ids): 1..180, no gaps.
  const byId = [...waiting].sort((a, b) => a.body.id - b.body.id).map((a) => a.body.position);
  assert.deepEqual(byId, Array.from({ length: 180 }, (_, i) => i + 1));
  assert.ok(Math.max(...confirmed.map((a) => a.body.id)) < Math.min(...waiting.map((a) => a.body.id)));
  for (const a of answers) {
    assert.match(a.body.code, /^\d{6}$/);
    assert.equal(a.body.by_staff, false);
    assert.equal(a.body.offer_expires_at, null);
  }
  assert.equal(new Set(answers.map((a) => a.body.code)).size, 200);
  assert.equal(w.srv.sql(`SELECT taken FROM activity_occurrences WHERE id = ${occ};`), '20');

  // The door list agrees (and is audited).
  const door = await get(`${OCC}/${occ}/signups`, w.staff);
  assert.equal(door.status, 200, door.text);
  assert.equal(door.body.confirmed.length, 20);
  assert.deepEqual(door.body.waiting.map((s) => s.position), Array.from({ length: 180 }, (_, i) => i + 1));

  // Two cancel: the first two in line are offered the places, in order.
  const owner = new Map(people.map((p, i) => [answers[i].body.id, p]));
  const line = [...waiting].sort((a, b) => a.body.id - b.body.id).map((a) => a.body.id);
  const [c1, c2] = confirmed.map((a) => a.body.id);
  const cancelled = await send('POST', `${SIGNUPS}/${c1}/cancel`, {}, owner.get(c1));
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.status, 'cancelled');
  assert.equal((await send('POST', `${SIGNUPS}/${c2}/cancel`, undefined, w.staff)).status, 200);
  const first = await get(`${OCC}/${occ}/my-signup`, owner.get(line[0]));
  assert.equal(first.body.signup.status, 'offered', first.text);
  assert.match(first.body.signup.offer_expires_at, /^2026-12-05T1\d:\d\d:\d\d\+08:00$/);  // the 60-minute window
  assert.ok(Date.parse(first.body.signup.offer_expires_at) > Date.parse(NOW));
  assert.equal((await get(`${OCC}/${occ}/my-signup`, owner.get(line[1]))).body.signup.status, 'offered');
  const third = await get(`${OCC}/${occ}/my-signup`, owner.get(line[2]));
  assert.equal(third.body.signup.status, 'waiting');
  assert.equal(third.body.signup.position, 1);

  // Accept and decline: the declined place goes to the next in line.
  assertProblem(await send('POST', `${SIGNUPS}/${line[0]}/accept`, {}, owner.get(line[1])), 404);
  const accepted = await send('POST', `${SIGNUPS}/${line[0]}/accept`, {}, owner.get(line[0]));
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.body.status, 'confirmed');
  assertProblem(await send('POST', `${SIGNUPS}/${line[2]}/accept`, {}, owner.get(line[2])), 409, { error: 'not_offered' });
  const declined = await send('POST', `${SIGNUPS}/${line[1]}/decline`, {}, owner.get(line[1]));
  assert.equal(declined.status, 200, declined.text);
  assert.equal(declined.body.status, 'lapsed');
  assert.equal((await get(`${OCC}/${occ}/my-signup`, owner.get(line[2]))).body.signup.status, 'offered');
  assert.equal((await get(`${OCC}/${occ}/my-signup`, owner.get(line[3]))).body.signup.position, 1);
  assert.equal(w.srv.sql(`SELECT taken FROM activity_occurrences WHERE id = ${occ};`), '20');

  // A resident never sees nor acts on another's sign-up; the same phone twice is 409.
  assertProblem(await send('POST', `${SIGNUPS}/${line[3]}/cancel`, {}, owner.get(line[4])), 404);
  assertProblem(await send('POST', `${SIGNUPS}/${line[3]}/cancel`, {}, w.otherStaff), 404);
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, {}, owner.get(line[3])), 409, { error: 'already_signed_up' });
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, { name: '王阿姨', phone: owner.get(line[3]).phone }, w.staff), 409, { error: 'already_signed_up' });

  // "My sign-ups": one's own, with the occurrence and its title.
  const mine = await get('/api/v1/my/activity-signups?scope=upcoming', owner.get(line[0]));
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.items.length, 1);
  assert.equal(mine.body.items[0].id, line[0]);
  assert.equal(mine.body.items[0].title, `太极拳 ${occ}`);
  assert.equal(mine.body.items[0].occurrence.date, '2026-12-06');
  assert.equal(mine.body.items[0].occurrence.title, `太极拳 ${occ}`);
  assert.equal(mine.body.items[0].occurrence.venue_name, null);  // at an address
  assert.equal(mine.body.items[0].occurrence.address, '凤山广场');
  assert.equal((await get('/api/v1/my/activity-signups?scope=past', owner.get(line[0]))).body.items.length, 0);
  assertProblem(await get('/api/v1/my/activity-signups?scope=soon', owner.get(line[0])), 422, { field: 'scope' });
});

test('staff sign a caller up by phone; the door list masks phones and is audited', async () => {
  const occ = occurrence({ capacity: 2 });
  const made = await send('POST', `${OCC}/${occ}/signups`, { name: ' 王阿姨 ', phone: '13812345678' }, w.staff);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.status, 'confirmed');
  assert.equal(made.body.by_staff, true);
  assert.equal(made.body.occurrence_id, occ);
  assert.deepEqual(Object.keys(made.body).sort(), ['attendance', 'by_staff', 'code', 'created_at', 'id', 'occurrence_id', 'offer_expires_at', 'position', 'status'].sort());
  const byAdmin = await send('POST', `${OCC}/${occ}/signups`, { name: '李大爷', phone: '13912345678' }, w.admin);
  assert.equal(byAdmin.status, 201, byAdmin.text);
  const waits = await send('POST', `${OCC}/${occ}/signups`, { name: '赵叔', phone: '13712345678' }, w.staff);
  assert.equal(waits.body.status, 'waiting');
  assert.equal(waits.body.position, 1);
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, { name: '钱', phone: '13612345678' }, w.otherStaff), 403);
  assertProblem(await get(`${OCC}/${occ}/signups`, w.otherStaff), 403);
  assertProblem(await get(`${OCC}/${occ}/signups`, w.resident), 403);
  assertProblem(await get(`${OCC}/${occ}/signups`), 401);

  const before = Number(w.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'activity_occurrence' AND subject_id = '${occ}';`));
  const door = await get(`${OCC}/${occ}/signups`, w.staff);
  assert.equal(door.status, 200, door.text);
  assert.equal(Number(w.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'activity_occurrence' AND subject_id = '${occ}';`)), before + 1);
  assert.deepEqual(door.body.confirmed.map((s) => [s.name, s.phone]), [['王阿姨', '138****5678'], ['李大爷', '139****5678']]);
  assert.deepEqual(door.body.waiting.map((s) => [s.name, s.phone, s.position]), [['赵叔', '137****5678', 1]]);
  assert.equal(door.body.cancelled, 0);
  assert.equal(door.body.lapsed, 0);
  assert.ok(!door.text.includes('13812345678'));
  assert.equal(w.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_by_staff' AND subject_id = '${made.body.id}';`), '1');

  // Staff cancel the first: the caller in line is offered the place (they have
  // no account to accept with; the staff's act is audited).
  assert.equal((await send('POST', `${SIGNUPS}/${made.body.id}/cancel`, {}, w.staff)).status, 200);
  const after = await get(`${OCC}/${occ}/signups`, w.staff);
  assert.deepEqual(after.body.offered.map((s) => s.name), ['赵叔']);
  assert.match(after.body.offered[0].offer_expires_at, /^2026-12-05T1\d:\d\d:\d\d\+08:00$/);  // until when the place waits
  assert.equal(after.body.confirmed[0].offer_expires_at, null);
  assert.equal(after.body.cancelled, 1);
  assert.equal(w.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_cancel' AND subject_id = '${made.body.id}';`), '1');
  // … so the organiser's staff accept it for them (audited); other staff and residents cannot.
  assertProblem(await send('POST', `${SIGNUPS}/${waits.body.id}/accept`, {}, w.otherStaff), 404);
  assertProblem(await send('POST', `${SIGNUPS}/${waits.body.id}/accept`, {}, w.resident), 404);
  const accepted = await send('POST', `${SIGNUPS}/${waits.body.id}/accept`, {}, w.staff);
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.body.status, 'confirmed');
  assert.equal(w.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_accept' AND subject_id = '${waits.body.id}';`), '1');
});

test('a resident signs up with their account phone; age limits ask for a birth date', async () => {
  const occ = occurrence({ capacity: 5 });
  // The admin-made resident has no phone on the account.
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, {}, w.resident), 422, { field: 'phone' });
  const me = await residentByPhone('13500000001');
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, { name: '别人', phone: '13500000002' }, me), 422, { field: 'name' });
  const mine = await send('POST', `${OCC}/${occ}/signups`, {}, me);
  assert.equal(mine.status, 201, mine.text);
  assert.equal(w.srv.sql(`SELECT phone FROM activity_signups WHERE id = ${mine.body.id};`), '13500000001');
  assert.equal((await get(`${OCC}/${occ}/my-signup`, me)).body.signup.id, mine.body.id);
  assert.equal((await get(`${OCC}/${occ}/my-signup`, w.resident)).body.signup, null);

  const elders = occurrence({ capacity: 5, ageMin: 60 });
  assertProblem(await send('POST', `${OCC}/${elders}/signups`, {}, me), 422, { field: 'birth_date' });
  assertProblem(await send('POST', `${OCC}/${elders}/signups`, { birth_date: '1990-01-01' }, me), 422, { field: 'birth_date' });
  assertProblem(await send('POST', `${OCC}/${elders}/signups`, { birth_date: '1960-02-30' }, me), 422, { field: 'birth_date' });
  const old = await send('POST', `${OCC}/${elders}/signups`, { birth_date: '1966-12-06' }, me);  // 60 on the day
  assert.equal(old.status, 201, old.text);
});

test('check-in by door code, attendance marked and cleared', async () => {
  // Started half an hour ago (the clock says 10:00): its sign-ups put in by SQL.
  const occ = occurrence({ capacity: 5, start: '2026-12-05T09:30:00+08:00' });
  sqlWrite(`INSERT INTO activity_signups (occurrence_id, name, phone, status, code, created_at, updated_at) VALUES (${occ}, '孙婆婆', '13811110001', 'confirmed', '246810', 0, 0), (${occ}, '周伯', '13811110002', 'confirmed', '135790', 0, 0), (${occ}, '吴姐', '13811110003', 'waiting', '112233', 0, 0); UPDATE activity_occurrences SET taken = 2 WHERE id = ${occ};`);
  const ids = w.srv.sql(`SELECT id FROM activity_signups WHERE occurrence_id = ${occ} ORDER BY id;`).split('\n').map(Number);
  assertProblem(await send('POST', `${OCC}/${occ}/signups`, { name: '郑', phone: '13811110009' }, w.staff), 409, { error: 'occurrence_started' });
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: '246810' }, w.otherStaff), 403);
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: '246810' }, w.resident), 403);
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: '000000' }, w.staff), 404, { error: 'unknown_code' });
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: '112233' }, w.staff), 409, { error: 'not_confirmed' });
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: '24681' }, w.staff), 422, { field: 'code' });
  assertProblem(await send('POST', `${OCC}/${occ}/check-in`, { code: 246810 }, w.staff), 422, { field: 'code' });
  const inAt = await send('POST', `${OCC}/${occ}/check-in`, { code: '246810' }, w.staff);
  assert.equal(inAt.status, 200, inAt.text);
  assert.equal(inAt.body.id, ids[0]);
  assert.equal(inAt.body.attendance, 'attended');

  const noShow = await send('PUT', `${SIGNUPS}/${ids[1]}/attendance`, { attendance: 'no_show' }, w.staff);
  assert.equal(noShow.status, 200, noShow.text);
  assert.equal(noShow.body.attendance, 'no_show');
  const cleared = await send('PUT', `${SIGNUPS}/${ids[1]}/attendance`, { attendance: '' }, w.staff);
  assert.equal(cleared.body.attendance, '');
  assert.equal(w.srv.sql(`SELECT kind FROM activity_signup_events WHERE signup_id = ${ids[1]} ORDER BY id;`), 'no_show\ncleared');
  assertProblem(await send('PUT', `${SIGNUPS}/${ids[1]}/attendance`, { attendance: 'late' }, w.staff), 422, { field: 'attendance' });
  assertProblem(await send('PUT', `${SIGNUPS}/${ids[1]}/attendance`, { attendance: 'no_show' }, w.otherStaff), 403);
  assertProblem(await send('PUT', `${SIGNUPS}/${ids[2]}/attendance`, { attendance: 'no_show' }, w.staff), 409, { error: 'not_confirmed' });
  // Started: nobody cancels any more.
  assertProblem(await send('POST', `${SIGNUPS}/${ids[1]}/cancel`, {}, w.staff), 409, { error: 'occurrence_started' });

  // Not started yet: no no-show, and check-in opens 2 hours before.
  const later = occurrence({ capacity: 5, start: '2026-12-06T09:00:00+08:00' });
  const s = await send('POST', `${OCC}/${later}/signups`, { name: '冯', phone: '13811110010' }, w.staff);
  assertProblem(await send('PUT', `${SIGNUPS}/${s.body.id}/attendance`, { attendance: 'no_show' }, w.staff), 409, { error: 'not_started' });
  assertProblem(await send('POST', `${OCC}/${later}/check-in`, { code: s.body.code }, w.staff), 409, { error: 'check_in_closed' });
});

test('bad input, unknown and cancelled occurrences, who may call', async () => {
  const occ = occurrence({ capacity: 5 });
  const signups = `${OCC}/${occ}/signups`;
  const bad = await w.srv.fetch(signups, { method: 'POST', token: w.staff.token, headers: { 'content-type': 'application/json' }, body: '{"name": "王' });
  assertProblem(bad, 400);
  assertProblem(await send('POST', signups, { name: 7, phone: '13812340000' }, w.staff), 422, { field: 'name' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: 13812340000 }, w.staff), 422, { field: 'phone' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: '13812340000', shoe_size: 42 }, w.staff), 422, { field: 'shoe_size' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: '1381234' }, w.staff), 422, { field: 'phone' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: '0358-8221234' }, w.staff), 422, { field: 'phone' });
  assertProblem(await send('POST', signups, { name: '   ', phone: '13812340000' }, w.staff), 422, { field: 'name' });
  assertProblem(await send('POST', signups, { phone: '13812340000' }, w.staff), 422, { field: 'name' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: '13812340000', birth_date: '1960/01/01' }, w.staff), 422, { field: 'birth_date' });
  assertProblem(await send('POST', signups, { name: '王阿姨', phone: '13812340000' }), 401);
  assertProblem(await send('POST', `${OCC}/99999/signups`, { name: '王阿姨', phone: '13812340000' }, w.staff), 404);
  assertProblem(await get(`${OCC}/99999/my-signup`, w.resident), 404);
  assertProblem(await get(`${OCC}/${occ}/my-signup`), 401);
  assertProblem(await get('/api/v1/my/activity-signups'), 401);
  assertProblem(await send('POST', `${SIGNUPS}/99999/cancel`, {}, w.staff), 404);
  assertProblem(await send('POST', `${SIGNUPS}/99999/accept`, {}, w.resident), 404);
  assertProblem(await send('POST', `${SIGNUPS}/1/decline`, {}), 401);
  assertProblem(await send('PUT', `${SIGNUPS}/99999/attendance`, { attendance: '' }, w.staff), 404);
  const made = await send('POST', signups, { name: '王阿姨', phone: '13812340000' }, w.staff);
  assert.equal(made.status, 201, made.text);
  assertProblem(await send('POST', `${SIGNUPS}/${made.body.id}/cancel`, { why: 1 }, w.staff), 422, { field: 'why' });
  const malformed = await w.srv.fetch(`${SIGNUPS}/${made.body.id}/cancel`, { method: 'POST', token: w.staff.token, headers: { 'content-type': 'application/json' }, body: '[' });
  assertProblem(malformed, 400);

  const off = occurrence({ capacity: 5, status: 'cancelled' });
  assertProblem(await send('POST', `${OCC}/${off}/signups`, { name: '王阿姨', phone: '13812340000' }, w.staff), 409, { error: 'occurrence_cancelled' });
});

test('the server\'s sweeper lapses an offer past its time and offers the place to the next in line', async () => {
  const srv = await startServer({ users: [ADMIN], now: NOW, args: ['--activities-sweep-seconds', '1'] });
  try {
    const admin = await srv.login(ADMIN.username, ADMIN.password);
    const org = await makeOrg(srv, admin, '区文旅局', 'department');
    const startsAt = unix('2026-12-06T09:00:00+08:00');
    // One place, held by an offer that ran out an hour ago; one caller waits.
    srv.sql(`INSERT INTO activities (id, title, organiser_org_id, address, capacity, first_date, start_minute, duration_minutes, created_by, created_at, updated_at) VALUES (1, '书法', ${org}, '文化馆', 1, '2026-12-06', 540, 60, 1, 0, 0);`
      + `INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, capacity, taken, updated_at) VALUES (1, 1, 1, '2026-12-06', ${startsAt}, ${startsAt + 3600}, 1, 1, 0);`
      + `INSERT INTO activity_signups (id, occurrence_id, name, phone, status, offer_expires_at, code, created_at, updated_at) VALUES (1, 1, '钱', '13822220001', 'offered', ${unix(NOW) - 3600}, '111111', 0, 0), (2, 1, '孙', '13822220002', 'waiting', NULL, '222222', 0, 0);`, { readonly: false });
    const moved = await waitFor(() => {
      const rows = srv.sql('SELECT status FROM activity_signups ORDER BY id;');
      return rows === 'lapsed\noffered' ? rows : null;
    }, { what: 'the sweep', timeoutMs: 20000 });
    assert.equal(moved, 'lapsed\noffered');
    assert.equal(srv.sql('SELECT taken FROM activity_occurrences WHERE id = 1;'), '1');
    assert.equal(srv.sql('SELECT kind FROM activity_signup_events WHERE signup_id = 1;'), 'lapsed');
    assert.equal(srv.sql('SELECT kind FROM activity_signup_events WHERE signup_id = 2;'), 'offered');
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
