// Free clinics (社区义诊, issue #18; docs/clinics.md), over real HTTP on a real
// server with a fixed clock: a session made by the clinic's staff (its
// activity, one detached occurrence per slot, the doctors, the filing number,
// the session view), listed and read (publicly), its doctors and filing number
// replaced; a resident books a slot with a health note and consent, a note
// without consent is 422, the clinic's staff book a caller by phone, a full
// slot puts the next person in line; the bookings list shows the notes to the
// clinic's own staff and hides them from an admin (health_notes_hidden), 403
// for other staff and residents; my-booking shows one's own only; the month's
// counts. Bad input: malformed JSON, wrong types, a sales field refused,
// slots past 24:00, a bad licence number, unknown ids 404, an activity that is
// no clinic 404. The desk's list of an organiser's sessions. Last, `warmcity demo`'s clinics (docs/clinics.md "Demo").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, dataDirArgs, startServer, startWithAdminAndResident, testDatabase } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';

const NOW = '2026-12-05T10:00:00+08:00'; // a Saturday
const SESSIONS = '/api/v1/clinic-sessions';
const SLOTS = '/api/v1/clinic-slots';
const COMMUNITY = 9002;
const VENUE = 9101;
// A resident with a mobile on her account (the admin-made one has none).
const ZHANG = { username: 'zhangguilan', password: 'resident-pass-2', role: 'resident', display_name: '张桂兰', phone: '13835871246' };
const NOTE = '高血压十年，想问降压药';
let w;

before(async () => {
  w = await startWithAdminAndResident({ now: NOW, users: [ZHANG], args: ['--activities-sweep-seconds', '0'] });
  const { srv, admin } = w;
  w.zhang = await srv.login(ZHANG.username, ZHANG.password);
  w.org = await makeOrg(srv, admin, '区卫健局（义诊）', 'department');
  w.otherOrg = await makeOrg(srv, admin, '凤山社区居委会', 'community');
  w.staff = await srv.createUser(admin, 'weijian1', 'department', [w.org]);
  w.otherStaff = await srv.createUser(admin, 'fengshan1', 'worker', [w.otherOrg]);
  srv.sql(`INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) VALUES (9001, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), (${COMMUNITY}, 'community', 9001, '凤山社区', '{}', 0, 0);`
    + `INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, opening_hours, created_at, updated_at) VALUES (${VENUE}, 'venue', '凤山社区卫生服务站', '凤山路5号', 37.52, 111.14, ${COMMUNITY}, 'Mo-Fr 08:00-17:00', 0, 0);`, { readonly: false });
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
const raw = (method, path, body, who) => w.srv.fetch(path, { method, body, token: who?.token, headers: { 'content-type': 'application/json' } });
const count = (q) => Number(w.srv.sql(q));
function assertProblem(res, status, { field, error } = {}) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) {
    assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
    assert.equal(res.body.field, field, res.text);
  }
  if (error) assert.equal(res.body.error, error, res.text);
}

const DOCTORS = [
  { department: '中医科', name: '贺明远', title: '主任医师', licence_number: '110140000012345' },
  { department: '口腔科', name: '任晓琳', title: '副主任医师', licence_number: 'LS-2019-0042' },
  { department: '中医科', name: '白建华', title: '主治医师', licence_number: '141102198' },
];
const session = (extra = {}) => ({
  title: '社区义诊：中医、口腔', description: '带上近期的检查单和在吃的药。', address: '凤山社区广场东侧',
  community_id: COMMUNITY, filing_number: '离卫义诊备〔2026〕12号', date: '2026-12-07', start_time: '08:30',
  slot_minutes: 30, slots: 4, places_per_slot: 2, doctors: DOCTORS, ...extra,
});
// A new session by the clinic's staff; its view.
async function made(extra = {}, who = w.staff) {
  const r = await send('POST', SESSIONS, session(extra), who);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('a session: its activity, one detached occurrence per slot, the doctors; listed, read, edited', async () => {
  const auditsBefore = count("SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.create';");
  const s = await made();
  const { activity } = s;
  assert.equal(activity.title, '社区义诊：中医、口腔');
  assert.deepEqual(activity.organiser, { id: w.org, name: '区卫健局（义诊）' });
  assert.equal(activity.venue, null);
  assert.equal(activity.address, '凤山社区广场东侧');
  assert.deepEqual(activity.community, { id: COMMUNITY, name: '凤山社区' });
  assert.equal(activity.repeat, 'none');
  assert.equal(activity.capacity, 2);
  assert.equal(activity.first_date, '2026-12-07');
  assert.equal(activity.start_time, '08:30');
  assert.equal(activity.duration_minutes, 120);
  assert.equal(activity.status, 'active');
  assert.equal(s.filing_number, '离卫义诊备〔2026〕12号');
  assert.equal(s.slot_minutes, 30);
  assert.equal(s.places_per_slot, 2);
  assert.deepEqual(s.doctors, DOCTORS);
  assert.deepEqual(s.departments, ['中医科', '口腔科']);
  assert.equal(s.places_total, 8);
  assert.equal(s.places_taken, 0);
  assert.deepEqual(s.slots.map((x) => [x.seq, x.starts_at, x.ends_at, x.capacity, x.places_left, x.waiting, x.status]), [
    [1, '2026-12-07T08:30:00+08:00', '2026-12-07T09:00:00+08:00', 2, 2, 0, 'scheduled'],
    [2, '2026-12-07T09:00:00+08:00', '2026-12-07T09:30:00+08:00', 2, 2, 0, 'scheduled'],
    [3, '2026-12-07T09:30:00+08:00', '2026-12-07T10:00:00+08:00', 2, 2, 0, 'scheduled'],
    [4, '2026-12-07T10:00:00+08:00', '2026-12-07T10:30:00+08:00', 2, 2, 0, 'scheduled'],
  ]);
  // The slots are the activity's occurrences, each created detached; one audit row.
  assert.equal(w.srv.sql(`SELECT id || ':' || seq || ':' || detached FROM activity_occurrences WHERE activity_id = ${activity.id} ORDER BY seq;`),
    s.slots.map((x) => `${x.occurrence_id}:${x.seq}:1`).join('\n'));
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.create';"), auditsBefore + 1);
  assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.create' AND subject_id = '${activity.id}';`), 1);
  const occ = await get(`/api/v1/activity-occurrences/${s.slots[0].occurrence_id}`);
  assert.equal(occ.status, 200, occ.text);
  assert.equal(occ.body.detached, true);
  assert.equal(occ.body.activity.id, activity.id);

  // Public: read by anybody, the doctors' names, titles and licence numbers included.
  const read = await get(`${SESSIONS}/${activity.id}`);
  assert.equal(read.status, 200, read.text);
  const { skipped, ...view } = s;  // the create's answer also lists the slots skipped
  assert.deepEqual(skipped, []);
  assert.deepEqual(read.body, view);
  const list = await get(`${SESSIONS}?from=2026-12-07&days=1`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((i) => i.activity.id), [activity.id]);
  assert.deepEqual(list.body.items[0].doctors, DOCTORS);
  const byDefault = await get(SESSIONS, w.resident);  // from today, 14 days
  assert.ok(byDefault.body.items.some((i) => i.activity.id === activity.id), byDefault.text);
  assert.deepEqual((await get(`${SESSIONS}?from=2026-12-08&days=7`)).body.items, []);
  assert.deepEqual((await get(`${SESSIONS}?from=2026-12-07&days=1&community_id=${COMMUNITY}`)).body.items.length, 1);
  assert.deepEqual((await get(`${SESSIONS}?from=2026-12-07&days=1&community_id=9001`)).body.items, []);

  // The doctors replaced as a whole and the filing number changed; audited.
  const doctors = [{ department: '眼科', name: '郝静', title: '主治医师', licence_number: 'YK-000123' }];
  const edited = await send('PUT', `${SESSIONS}/${activity.id}`, { filing_number: '离卫义诊备〔2026〕13号', doctors }, w.staff);
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.filing_number, '离卫义诊备〔2026〕13号');
  assert.deepEqual(edited.body.doctors, doctors);
  assert.deepEqual(edited.body.departments, ['眼科']);
  assert.equal(edited.body.slots.length, 4);
  assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.update';`), 1);
  const byAdmin = await send('PUT', `${SESSIONS}/${activity.id}`, { filing_number: '离卫义诊备〔2026〕14号' }, w.admin);
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.deepEqual(byAdmin.body.doctors, doctors);
  assert.deepEqual((await get(`${SESSIONS}/${activity.id}`)).body.filing_number, '离卫义诊备〔2026〕14号');
  assertProblem(await send('PUT', `${SESSIONS}/${activity.id}`, { filing_number: '抢来的' }, w.otherStaff), 403);
  assertProblem(await send('PUT', `${SESSIONS}/${activity.id}`, { filing_number: '抢来的' }, w.resident), 403);
  assertProblem(await send('PUT', `${SESSIONS}/${activity.id}`, { filing_number: '抢来的' }), 401);

  // An admin names the organiser; without it 422.
  const forOrg = await made({ organiser_org_id: w.org, date: '2026-12-08' }, w.admin);
  assert.equal(forOrg.activity.organiser.id, w.org);
  assertProblem(await send('POST', SESSIONS, session(), w.admin), 422, { field: 'organiser_org_id' });

  // Listed by their first slot's start, not by when they were made.
  const early = await made({ date: '2026-12-08', start_time: '07:00', title: '义诊：清早' });
  const week = await get(`${SESSIONS}?from=2026-12-07&days=2`);
  assert.deepEqual(week.body.items.map((i) => i.activity.id), [activity.id, early.activity.id, forOrg.activity.id]);

  // Cancelled (the activities' own route): still listed, with its status; no more edits.
  const off = await made({ date: '2026-12-09', title: '取消的义诊' });
  const cancelled = await send('POST', `/api/v1/activities/${off.activity.id}/cancel`, { note: '医生临时出诊' }, w.staff);
  assert.equal(cancelled.status, 200, cancelled.text);
  const shown = await get(`${SESSIONS}?from=2026-12-09&days=1`);
  assert.deepEqual(shown.body.items.map((i) => [i.activity.id, i.activity.status]), [[off.activity.id, 'cancelled']]);
  assertProblem(await send('PUT', `${SESSIONS}/${off.activity.id}`, { filing_number: '离卫义诊备〔2026〕15号' }, w.staff), 409, { error: 'activity_cancelled' });
});

test('the desk\'s list: the organisers\' own sessions, newest first, however far ahead', async () => {
  const near = await made({ title: '义诊：近' });
  const far = await made({ title: '义诊：半年后', date: '2027-06-07' }); // past any list window
  const theirs = await made({ title: '凤山义诊' }, w.otherStaff);
  const ids = (res) => res.body.items.map((s) => s.activity.id);
  const mine = await get('/api/v1/organiser-clinic-sessions', w.staff);
  assert.equal(mine.status, 200, mine.text);
  const own = ids(mine);
  assert.ok(own.indexOf(far.activity.id) >= 0 && own.indexOf(far.activity.id) < own.indexOf(near.activity.id), mine.text);
  assert.ok(!own.includes(theirs.activity.id), 'another organiser\'s session is not on this desk');
  assert.equal(mine.body.items.find((s) => s.activity.id === far.activity.id).slots.length, 4);
  const all = ids(await get('/api/v1/organiser-clinic-sessions', w.admin));
  for (const s of [near, far, theirs]) assert.ok(all.includes(s.activity.id), 'the admin sees every organiser\'s');
  assertProblem(await get('/api/v1/organiser-clinic-sessions', w.zhang), 403);
  assertProblem(await get('/api/v1/organiser-clinic-sessions'), 401);
});

test('a session at a venue: every slot checked for clashes; skip_clashes lists the skipped', async () => {
  // Open 08:00-17:00 on weekdays: slots from 16:00, an hour each, the last two clash.
  const late = { address: undefined, venue_id: VENUE, community_id: undefined, date: '2026-12-10', start_time: '15:00', slot_minutes: 60, slots: 4 };
  const refused = await send('POST', SESSIONS, session(late), w.staff);
  assertProblem(refused, 409, { error: 'clash' });
  assert.ok(refused.body.clashes.length >= 1 && refused.body.clashes.every((c) => c.date === '2026-12-10' && c.reason === 'venue_closed'), refused.text);
  const skipping = await made({ ...late, skip_clashes: true });
  assert.deepEqual(skipping.slots.map((x) => x.starts_at), ['2026-12-10T15:00:00+08:00', '2026-12-10T16:00:00+08:00']);
  assert.equal(skipping.activity.venue.id, VENUE);
  assert.equal(skipping.places_total, 4);
  // A Saturday: the venue is closed for every slot; nothing is made.
  const before = count('SELECT COUNT(*) FROM activities;');
  assertProblem(await send('POST', SESSIONS, session({ ...late, date: '2026-12-12', skip_clashes: true }), w.staff), 409);
  assert.equal(count('SELECT COUNT(*) FROM activities;'), before);
});

test('booking: a resident with a note and consent, staff for a caller, a full slot puts the next in line', async () => {
  const s = await made({ date: '2026-12-14', title: '义诊：预约' });
  const [first, second] = s.slots.map((x) => x.occurrence_id);
  const book = (occ, json, who) => send('POST', `${SLOTS}/${occ}/bookings`, json, who);

  assertProblem(await book(first, { health_note: NOTE }, w.zhang), 422, { field: 'consent' });
  assertProblem(await book(first, { health_note: NOTE, consent: false }, w.zhang), 422, { field: 'consent' });
  assert.equal(count(`SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = ${first};`), 0);
  const mine = await book(first, { health_note: NOTE, consent: true }, w.zhang);
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.body.health_note, NOTE);
  assert.equal(mine.body.signup.status, 'confirmed');
  assert.equal(mine.body.signup.occurrence_id, first);
  assert.equal(mine.body.signup.by_staff, false);
  assert.match(mine.body.signup.code, /^\d{6}$/);
  assert.equal(w.srv.sql(`SELECT name || ':' || phone FROM activity_signups WHERE id = ${mine.body.signup.id};`), '张桂兰:13835871246');
  assertProblem(await book(first, {}, w.zhang), 409, { error: 'already_signed_up' });

  // The clinic's staff book a caller on the telephone, with the consent given on the phone.
  const phoned = await book(first, { name: '王阿姨', phone: '13812345678', health_note: '腿脚不便，坐轮椅来', consent: true }, w.staff);
  assert.equal(phoned.status, 201, phoned.text);
  assert.equal(phoned.body.signup.by_staff, true);
  assert.equal(phoned.body.signup.status, 'confirmed');
  assert.equal(phoned.body.health_note, '腿脚不便，坐轮椅来');
  // The slot is full: the next one waits in line.
  const line = await book(first, { name: '李大爷', phone: '13912345678' }, w.staff);
  assert.equal(line.status, 201, line.text);
  assert.equal(line.body.signup.status, 'waiting');
  assert.equal(line.body.signup.position, 1);
  assert.equal(line.body.health_note, null);
  // The consent is kept with each note: by whom it was recorded, the wording's version.
  const consent = (id) => w.srv.sql(`SELECT note || '|' || consent_recorded_by || '|' || consent_version FROM clinic_health_notes WHERE signup_id = ${id};`);
  assert.equal(consent(mine.body.signup.id), `${NOTE}|${w.zhang.user.id}|clinic-health-note-v1`);
  assert.equal(consent(phoned.body.signup.id), `腿脚不便，坐轮椅来|${w.staff.user.id}|clinic-health-note-v1`);
  assert.equal(consent(line.body.signup.id), '');
  const byAdmin = await book(second, { name: '赵叔', phone: '13712345678' }, w.admin);
  assert.equal(byAdmin.status, 201, byAdmin.text);
  assertProblem(await book(second, { name: '钱', phone: '13612345678' }, w.otherStaff), 403);
  assertProblem(await book(second, {}), 401);

  const view = await get(`${SESSIONS}/${s.activity.id}`);
  assert.deepEqual(view.body.slots.slice(0, 2).map((x) => [x.places_left, x.waiting]), [[0, 1], [1, 0]]);
  assert.equal(view.body.places_taken, 3);
  assert.equal(view.body.places_total, 8);
  // The notes are never public.
  assert.ok(!view.text.includes(NOTE));

  // my-booking: one's own sign-up and note only.
  const own = await get(`${SLOTS}/${first}/my-booking`, w.zhang);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.body.signup.id, mine.body.signup.id);
  assert.equal(own.body.health_note, NOTE);
  assert.deepEqual((await get(`${SLOTS}/${first}/my-booking`, w.resident)).body, { signup: null, health_note: null });
  assert.deepEqual((await get(`${SLOTS}/${first}/my-booking`, w.staff)).body, { signup: null, health_note: null });
  assert.deepEqual((await get(`${SLOTS}/${second}/my-booking`, w.zhang)).body, { signup: null, health_note: null });
  assertProblem(await get(`${SLOTS}/${first}/my-booking`), 401);

  // The door list: the notes to the clinic's staff (audited with health_note) …
  const reads = () => count(`SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_id = '${first}';`);
  const lastRead = () => w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND subject_id = '${first}' ORDER BY id DESC LIMIT 1;`);
  const readsBefore = reads();
  const door = await get(`${SLOTS}/${first}/bookings`, w.staff);
  assert.equal(door.status, 200, door.text);
  assert.deepEqual(door.body.confirmed.map((e) => [e.name, e.phone, e.health_note]), [
    ['张桂兰', '138****1246', NOTE], ['王阿姨', '138****5678', '腿脚不便，坐轮椅来'],
  ]);
  assert.deepEqual(door.body.waiting.map((e) => [e.name, e.position, e.health_note]), [['李大爷', 1, null]]);
  assert.equal(door.body.health_notes_hidden, false);
  assert.equal(reads(), readsBefore + 1);
  assert.deepEqual(JSON.parse(lastRead()).fields, ['name', 'phone', 'health_note']);
  assert.equal(JSON.parse(lastRead()).purpose, 'clinic_door_list');
  // A list that shows no note: its read names no health_note.
  const noNotes = await get(`${SLOTS}/${second}/bookings`, w.staff);
  assert.deepEqual(noNotes.body.confirmed.map((e) => [e.name, e.health_note]), [['赵叔', null]]);
  assert.deepEqual(JSON.parse(w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND subject_id = '${second}' ORDER BY id DESC LIMIT 1;`)).fields, ['name', 'phone']);
  // … never to an admin, who still reads the list (audited without health_note).
  const admins = await get(`${SLOTS}/${first}/bookings`, w.admin);
  assert.equal(admins.status, 200, admins.text);
  assert.equal(admins.body.health_notes_hidden, true);
  assert.equal(admins.body.confirmed.length, 2);
  for (const e of [...admins.body.confirmed, ...admins.body.offered, ...admins.body.waiting]) assert.ok(!('health_note' in e), JSON.stringify(e));
  assert.ok(!admins.text.includes(NOTE) && !admins.text.includes('轮椅'));
  assert.equal(reads(), readsBefore + 2);
  assert.deepEqual(JSON.parse(lastRead()).fields, ['name', 'phone']);
  assertProblem(await get(`${SLOTS}/${first}/bookings`, w.otherStaff), 403);
  assertProblem(await get(`${SLOTS}/${first}/bookings`, w.resident), 403);
  assertProblem(await get(`${SLOTS}/${first}/bookings`, w.zhang), 403);
  assertProblem(await get(`${SLOTS}/${first}/bookings`), 401);

  // The note stays with its sign-up: cancelled by the activities' route, the
  // place goes to the one in line.
  const cancelled = await send('POST', `/api/v1/activity-signups/${mine.body.signup.id}/cancel`, {}, w.zhang);
  assert.equal(cancelled.status, 200, cancelled.text);
  const after = await get(`${SLOTS}/${first}/my-booking`, w.zhang);
  assert.equal(after.body.signup.status, 'cancelled');
  assert.equal(after.body.health_note, NOTE);
  assert.deepEqual((await get(`${SLOTS}/${first}/bookings`, w.staff)).body.offered.map((e) => e.name), ['李大爷']);

  // An empty body is {}; a note of null is no note (no consent needed).
  const fourth = s.slots[3].occurrence_id;
  const bare = await w.srv.fetch(`${SLOTS}/${fourth}/bookings`, { method: 'POST', token: w.zhang.token });
  assert.equal(bare.status, 201, bare.text);
  assert.equal(bare.body.health_note, null);
  const nullNote = await book(fourth, { name: '孙婆婆', phone: '13811110005', health_note: null }, w.staff);
  assert.equal(nullNote.status, 201, nullNote.text);
  assert.equal(nullNote.body.health_note, null);
  assert.equal(consent(nullNote.body.signup.id), '');

  // A cancelled slot takes nobody.
  const third = s.slots[2].occurrence_id;
  assert.equal((await send('POST', `/api/v1/activity-occurrences/${third}/cancel`, { note: '医生临时出诊' }, w.staff)).status, 200);
  assertProblem(await book(third, {}, w.zhang), 409, { error: 'occurrence_cancelled' });
});

test('bad bookings: malformed JSON, wrong types, a note too long or blank, unknown and non-clinic slots', async () => {
  const s = await made({ date: '2026-12-15', title: '义诊：坏的预约' });
  const slot = s.slots[0].occurrence_id;
  const path = `${SLOTS}/${slot}/bookings`;
  assertProblem(await raw('POST', path, '{"health_note": ', w.zhang), 400);
  assertProblem(await raw('POST', path, '[', w.staff), 400);
  const cases = [
    [{ health_note: 42, consent: true }, 'health_note'],
    [{ health_note: '   ', consent: true }, 'health_note'],
    [{ health_note: '', consent: true }, 'health_note'],
    [{ health_note: '痛'.repeat(501), consent: true }, 'health_note'],
    [{ health_note: NOTE, consent: 'yes' }, 'consent'],
    [{ name: '张桂兰', phone: '13835871246' }, 'name'],
    [{ price: 0 }, 'price'],
    [{ medicines: ['降压药'] }, 'medicines'],
    [{ shoe_size: 42 }, 'shoe_size'],
  ];
  for (const [json, field] of cases) assertProblem(await send('POST', path, json, w.zhang), 422, { field });
  for (const [json, field] of [
    [{ name: 7, phone: '13812340000' }, 'name'],
    [{ name: '王阿姨', phone: 13812340000 }, 'phone'],
    [{ name: '王阿姨', phone: '1381234' }, 'phone'],
    [{ phone: '13812340000' }, 'name'],
    [{ name: '王阿姨', phone: '13812340000', health_note: '心脏支架' }, 'consent'],
    [{ name: '王阿姨', phone: '13812340000', fee: 10 }, 'fee'],
  ]) {
    assertProblem(await send('POST', path, json, w.staff), 422, { field });
  }
  // A resident without a mobile on the account.
  assertProblem(await send('POST', path, {}, w.resident), 422, { field: 'phone' });
  assert.equal(count(`SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = ${slot};`), 0);

  // Unknown slots, and an activity's occurrence that is no clinic's: 404.
  const plain = await send('POST', '/api/v1/activities', {
    title: '太极拳', address: '凤山广场', capacity: 20, first_date: '2026-12-15', start_time: '19:00', duration_minutes: 60,
  }, w.staff);
  assert.equal(plain.status, 201, plain.text);
  const notClinic = plain.body.occurrences[0].id;
  for (const occ of [notClinic, 987654]) {
    assertProblem(await send('POST', `${SLOTS}/${occ}/bookings`, {}, w.zhang), 404);
    assertProblem(await send('POST', `${SLOTS}/${occ}/bookings`, { name: '王阿姨', phone: '13812340000' }, w.staff), 404);
    assertProblem(await get(`${SLOTS}/${occ}/my-booking`, w.zhang), 404);
    assertProblem(await get(`${SLOTS}/${occ}/bookings`, w.staff), 404);
  }
  assertProblem(await get(`${SESSIONS}/${plain.body.activity.id}`), 404);
  assertProblem(await send('PUT', `${SESSIONS}/${plain.body.activity.id}`, { filing_number: '离卫义诊备〔2026〕16号' }, w.staff), 404);
  assertProblem(await get(`${SESSIONS}/987654`), 404);
  assertProblem(await send('PUT', `${SESSIONS}/987654`, { filing_number: '离卫义诊备〔2026〕16号' }, w.staff), 404);
  assert.equal(count(`SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = ${notClinic};`), 0);
});

test('bad sessions: each 422 names its field; sales refused; malformed JSON 400; who may create', async () => {
  const doctor = (i, change) => DOCTORS.map((d, k) => (k === i ? { ...d, ...change } : d));
  const cases = [
    [{ title: '   ' }, 'title'],
    [{ title: 42 }, 'title'],
    [{ title: '义'.repeat(61) }, 'title'],
    [{ description: '说'.repeat(2001) }, 'description'],
    [{ filing_number: '' }, 'filing_number'],
    [{ filing_number: '  ' }, 'filing_number'],
    [{ filing_number: '备'.repeat(41) }, 'filing_number'],
    [{ filing_number: undefined }, 'filing_number'],
    [{ date: '2026-12-04' }, 'date'],
    [{ date: '2027-12-06' }, 'date'],
    [{ date: '2026/12/07' }, 'date'],
    [{ start_time: '25:00' }, 'start_time'],
    [{ start_time: 830 }, 'start_time'],
    [{ slot_minutes: 4 }, 'slot_minutes'],
    [{ slot_minutes: 241 }, 'slot_minutes'],
    [{ slot_minutes: '30' }, 'slot_minutes'],
    [{ slots: 0 }, 'slots'],
    [{ slots: 41 }, 'slots'],
    [{ slots: 2.5 }, 'slots'],
    [{ start_time: '22:00', slot_minutes: 60, slots: 3 }, 'slots'],   // the last ends at 01:00
    [{ start_time: '23:45', slot_minutes: 30, slots: 1 }, 'slots'],   // ends at 00:15
    [{ places_per_slot: 0 }, 'places_per_slot'],
    [{ places_per_slot: 501 }, 'places_per_slot'],
    [{ places_per_slot: -1 }, 'places_per_slot'],
    [{ doctors: [] }, 'doctors'],
    [{ doctors: '贺明远' }, 'doctors'],
    [{ doctors: Array.from({ length: 31 }, () => DOCTORS[0]) }, 'doctors'],
    [{ doctors: doctor(1, { licence_number: '12345' }) }, 'doctors[1].licence_number'],
    [{ doctors: doctor(1, { licence_number: '1234567 89' }) }, 'doctors[1].licence_number'],
    [{ doctors: doctor(1, { licence_number: '执业110140000012' }) }, 'doctors[1].licence_number'],
    [{ doctors: doctor(1, { licence_number: 'L'.repeat(31) }) }, 'doctors[1].licence_number'],
    [{ doctors: doctor(1, { licence_number: 110140000012345 }) }, 'doctors[1].licence_number'],
    [{ doctors: doctor(0, { department: '' }) }, 'doctors[0].department'],
    [{ doctors: doctor(2, { name: '名'.repeat(31) }) }, 'doctors[2].name'],
    [{ doctors: doctor(0, { title: undefined }) }, 'doctors[0].title'],
    [{ address: '也在这里', venue_id: VENUE }, 'address'],
    [{ address: undefined, venue_id: 424242 }, 'venue_id'],
    [{ colour: 'red' }, 'colour'],
  ];
  for (const [change, field] of cases) {
    assertProblem(await send('POST', SESSIONS, session({ ...change, skip_clashes: true }), w.staff), 422, { field });
  }
  // No sales: each of the fields is refused with its own reason.
  for (const field of ['price', 'fee', 'products', 'medicines', 'sales']) {
    const r = await send('POST', SESSIONS, session({ [field]: field === 'price' ? 0 : ['阿司匹林'] }), w.staff);
    assertProblem(r, 422, { field });
    assert.match(r.text, /sells nothing/, r.text);
  }
  // The last slot may end at 24:00 exactly.
  const late = await made({ date: '2026-12-16', start_time: '23:00', slot_minutes: 60, slots: 1 });
  assert.equal(late.slots[0].ends_at, '2026-12-17T00:00:00+08:00');

  assertProblem(await raw('POST', SESSIONS, '{"title": ', w.staff), 400);
  assertProblem(await send('POST', SESSIONS, session(), w.resident), 403);
  assertProblem(await send('POST', SESSIONS, session()), 401);
  assertProblem(await send('POST', SESSIONS, session({ organiser_org_id: w.org }), w.otherStaff), 403);

  // The edit: the same rules; the title is the activities' route, sales refused.
  const s = await made({ date: '2026-12-17' });
  const put = (json) => send('PUT', `${SESSIONS}/${s.activity.id}`, json, w.staff);
  assertProblem(await raw('PUT', `${SESSIONS}/${s.activity.id}`, '{"doctors": [', w.staff), 400);
  assertProblem(await put({ filing_number: '' }), 422, { field: 'filing_number' });
  assertProblem(await put({ filing_number: 12 }), 422, { field: 'filing_number' });
  assertProblem(await put({ doctors: [] }), 422, { field: 'doctors' });
  assertProblem(await put({ doctors: doctor(2, { licence_number: 'ab' }) }), 422, { field: 'doctors[2].licence_number' });
  assertProblem(await put({ title: '改名' }), 422, { field: 'title' });
  assertProblem(await put({ products: ['保健品'] }), 422, { field: 'products' });
  assert.deepEqual((await get(`${SESSIONS}/${s.activity.id}`)).body.doctors, DOCTORS);

  for (const q of ['days=0', 'days=63', 'from=2026-13-01', 'from=tomorrow', 'community_id=x']) {
    assertProblem(await get(`${SESSIONS}?${q}`), 422, { field: q.split('=')[0] });
  }
});

test('counts: the month\'s slots held by now, their places, places used and attended', async () => {
  // Held this morning (the clock says 10:00): two slots of three places; and one ahead.
  const s = await made({ date: '2026-12-05', start_time: '06:00', slot_minutes: 60, slots: 2, places_per_slot: 3, title: '义诊：今早' });
  await made({ date: '2026-12-28', title: '义诊：月底' });
  const [a, b] = s.slots.map((x) => x.occurrence_id);
  // Started slots take no sign-ups: the morning's are put in by SQL.
  w.srv.sql(`INSERT INTO activity_signups (occurrence_id, name, phone, status, code, attendance, created_at, updated_at) VALUES `
    + `(${a}, '孙婆婆', '13811110001', 'confirmed', '246810', 'attended', 0, 0), (${a}, '周伯', '13811110002', 'confirmed', '135790', '', 0, 0), `
    + `(${b}, '吴姐', '13811110003', 'confirmed', '112233', 'no_show', 0, 0), (${b}, '郑叔', '13811110004', 'waiting', '445566', '', 0, 0);`
    + `UPDATE activity_occurrences SET taken = 2 WHERE id = ${a}; UPDATE activity_occurrences SET taken = 1 WHERE id = ${b};`, { readonly: false });
  assertProblem(await send('POST', `${SLOTS}/${a}/bookings`, { name: '冯', phone: '13811110009' }, w.staff), 409, { error: 'occurrence_started' });

  const dec = await get('/api/v1/clinic-counts?month=2026-12', w.staff);
  assert.equal(dec.status, 200, dec.text);
  assert.deepEqual(dec.body, { month: '2026-12', sessions: 1, slots: 2, places: 6, places_used: 3, attended: 1, used_permille: 500 });
  assert.deepEqual((await get('/api/v1/clinic-counts?month=2026-12', w.admin)).body, dec.body);
  const nov = await get('/api/v1/clinic-counts?month=2026-11', w.admin);
  assert.deepEqual(nov.body, { month: '2026-11', sessions: 0, slots: 0, places: 0, places_used: 0, attended: 0, used_permille: 0 });
  for (const m of ['2026-13', '2026-1', 'december']) assertProblem(await get(`/api/v1/clinic-counts?month=${m}`, w.staff), 422, { field: 'month' });
  assertProblem(await get('/api/v1/clinic-counts?month=2026-12', w.otherStaff), 403);  // a worker
  assertProblem(await get('/api/v1/clinic-counts?month=2026-12', w.zhang), 403);
  assertProblem(await get('/api/v1/clinic-counts?month=2026-12'), 401);
});

test('the demo: weijian\'s session held this month with its attendance, one ahead with three doctors and 张桂兰\'s note', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-clinics-demo-'));
  const db = testDatabase(dir);
  // On the demo's clock (a Saturday the 5th), the held session is on the 2nd.
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum', '--now', NOW], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /weijian \/ demo-department-2026/);
  assert.match(made.stderr, /free clinics: 2 sessions with 12 slots, \d+ bookings \(2 with a health note, \d+ attended\)/);
  const srv = await startServer({ dir, db, now: NOW });
  try {
    const weijian = await srv.login('weijian', 'demo-department-2026');
    const zhang = await srv.login('zhangguilan', 'demo-resident-2026');
    const list = await srv.fetch(`${SESSIONS}?from=2026-11-20&days=40`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.items.length, 2, list.text);
    const [held, ahead] = list.body.items;
    assert.equal(held.activity.organiser.name, '离石区卫生健康局（义诊）');
    assert.equal(held.activity.first_date, '2026-12-02');
    assert.equal(ahead.activity.first_date, '2026-12-10');
    assert.deepEqual(ahead.departments, ['中医科', '口腔科', '眼科']);
    assert.deepEqual(ahead.doctors.map((d) => d.title), ['主任医师', '副主任医师', '主治医师']);
    assert.ok(ahead.doctors.every((d) => /^[0-9A-Za-z-]{6,30}$/.test(d.licence_number)));
    assert.deepEqual([ahead.slots.length, ahead.slot_minutes, ahead.places_per_slot], [8, 30, 6]);
    assert.ok(ahead.places_taken > 0 && ahead.places_taken < ahead.places_total);
    // Her booking with her note; weijian reads it at the desk.
    let hers = null;
    for (const slot of ahead.slots) {
      const mine = await srv.fetch(`${SLOTS}/${slot.occurrence_id}/my-booking`, { token: zhang.token });
      if (mine.body.signup) hers = { slot: slot.occurrence_id, ...mine.body };
    }
    assert.ok(hers, '张桂兰 booked a slot');
    assert.equal(hers.signup.status, 'confirmed');
    assert.match(hers.health_note, /\S/);
    const door = await srv.fetch(`${SLOTS}/${hers.slot}/bookings`, { token: weijian.token });
    assert.equal(door.status, 200, door.text);
    assert.ok(door.body.confirmed.some((e) => e.name === '张桂兰' && e.health_note === hers.health_note), door.text);
    // The session held: its bookings attended (the counts see it alone).
    const counts = await srv.fetch('/api/v1/clinic-counts?month=2026-12', { token: weijian.token });
    assert.equal(counts.status, 200, counts.text);
    assert.equal(counts.body.sessions, 1, counts.text);
    assert.equal(counts.body.slots, held.slots.length);
    assert.equal(counts.body.places_used, held.places_taken);
    assert.ok(counts.body.attended > 0 && counts.body.attended < counts.body.places_used, counts.text);  // one no-show
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
