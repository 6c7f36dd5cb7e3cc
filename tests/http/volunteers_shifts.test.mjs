// Volunteer shifts, outcomes and counts (issue #20; docs/volunteers.md
// "Shifts", "Outcomes", "Counts") over real HTTP on a real server whose
// clock starts on Monday 2026-12-07 09:00 (lib/volunteer_world.mjs): the
// organiser's staff put a shift on today's occurrence (08:00–10:00, so the
// check-in is open now), the volunteer signs up, checks in and out with the
// six-digit code, the ledger record appears submitted, the team's leader
// keeps a second volunteer's times from the list (`at`), the organiser
// confirms the shift's records; refusals with their codes (too_young,
// no_insurance, full, already_signed_up, not_a_volunteer, wrong_code,
// too_many_codes, not_checked_in, checked_out, checked_in); bad input
// (malformed JSON, wrong types, unknown fields, an oversize body, unknown
// ids, an end before the start, a negative or too fine outcome); who may
// (another team's leader, a resident, anonymous); the audited shift view;
// outcome kinds and an occurrence's outcomes; the month's counts after; a
// team's shifts between two dates (no names, not audited) and the
// organiser's cancellation of a shift with its open sign-ups (409 cancelled,
// shift_over, shift_cancelled; 422 reason, from, to; the reason's length
// counted once trimmed; audited with the cancelled sign-ups' ids).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startVolunteerWorld, assertProblem, API } from './lib/volunteer_world.mjs';

let w;
const shiftsOf = (occ) => `${API}/activity-occurrences/${occ.id}/shifts`;
const SHIFT = (id) => `${API}/volunteer-shifts/${id}`;
const SIGNUP = (id) => `${API}/volunteer-signups/${id}`;
const AT = (hhmm) => `2026-12-07T${hhmm}:00+08:00`;
const shiftBody = (fields = {}) => ({
  title: '清理小广告', starts_at: '08:00', ends_at: '10:00', capacity: 2, team_id: w.team.id, ...fields,
});

before(async () => { w = await startVolunteerWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

test('a shift on today\'s occurrence: sign up, check in and out by code, the record submitted, the organiser confirms', async () => {
  const shift = await w.api('POST', shiftsOf(w.occurrence.today), shiftBody(), 201, w.organiser.staff);
  assert.match(shift.code, /^[0-9]{6}$/);
  assert.equal(shift.min_age, 14);
  assert.equal(shift.date, '2026-12-07');
  assert.deepEqual([shift.starts_at, shift.ends_at], ['08:00', '10:00']);

  // The public list: no code, no names.
  const list = await w.api('GET', shiftsOf(w.occurrence.today), undefined, 200, null);
  const line = list.items.find((s) => s.id === shift.id);
  assert.deepEqual(Object.keys(line).sort(),
    ['capacity', 'ends_at', 'id', 'min_age', 'places_left', 'risky', 'starts_at', 'title', 'training']);
  assert.equal(line.places_left, 2);

  const mine = await w.api('POST', `${SHIFT(shift.id)}/signups`, {}, 201, w.person);
  assert.equal(mine.volunteer.id, w.volunteer.id);
  assert.equal(mine.status, 'signed');
  assertProblem(await w.send('POST', `${SHIFT(shift.id)}/signups`, {}, w.person), 409, { code: 'already_signed_up' });
  assertProblem(await w.send('POST', `${SIGNUP(mine.id)}/check-out`, { code: shift.code }, w.person), 409, { code: 'not_checked_in' });
  const wrong = shift.code === '000000' ? '111111' : '000000';
  assertProblem(await w.send('POST', `${SIGNUP(mine.id)}/check-in`, { code: wrong }, w.person), 403, { code: 'wrong_code' });
  const checkedIn = await w.api('POST', `${SIGNUP(mine.id)}/check-in`, { code: shift.code }, 200, w.person);
  assert.ok(checkedIn.checked_in_at);
  assertProblem(await w.send('POST', `${SIGNUP(mine.id)}/check-in`, { code: shift.code }, w.person), 409, { code: 'checked_in' });
  assertProblem(await w.send('DELETE', SIGNUP(mine.id), undefined, w.person), 409, { code: 'checked_in' });
  const out = await w.api('POST', `${SIGNUP(mine.id)}/check-out`, { code: shift.code }, 200, w.person);
  assert.ok(out.minutes >= 0 && out.minutes <= 5, `minutes ${out.minutes}`);
  assert.ok(out.record_id);
  assertProblem(await w.send('POST', `${SIGNUP(mine.id)}/check-out`, { code: shift.code }, w.person), 409, { code: 'checked_out' });
  // The volunteer's own list: this sign-up with its shift (no code), newest first.
  const own = await w.api('GET', `${API}/me/volunteer/signups`, undefined, 200, w.person);
  assert.equal(own.items[0].id, mine.id);
  assert.deepEqual([own.items[0].minutes, own.items[0].record_id, own.items[0].shift.id, own.items[0].shift.date,
    own.items[0].shift.title, own.items[0].shift.starts_at], [out.minutes, out.record_id, shift.id, '2026-12-07', '清理小广告', '08:00']);
  assert.equal(own.items[0].shift.code, undefined);
  assertProblem(await w.send('GET', `${API}/me/volunteer/signups`, undefined, w.organiser.staff), 404);
  assertProblem(await w.send('GET', `${API}/me/volunteer/signups`, undefined, null), 401);
  assert.equal(w.count(`SELECT COUNT(*) FROM volunteer_records WHERE id = ${out.record_id} AND state = 'submitted' AND source = 'shift' AND source_id = ${mine.id} AND volunteer_id = ${w.volunteer.id} AND organiser_org_id = ${w.organiser.id} AND service_date = '2026-12-07' AND content = '清理小广告' AND place = '生态园小区 3 号楼'`), 1);

  // The leader signs up a second volunteer and keeps their times from the list.
  const second = await w.newVolunteer(w.team, { name: '李四' });
  const theirs = await w.api('POST', `${SHIFT(shift.id)}/signups`, { volunteer_id: second.id }, 201, w.team.leader);
  assertProblem(await w.send('POST', `${SHIFT(shift.id)}/signups`, { volunteer_id: (await w.newVolunteer()).id }, w.team.leader), 409, { code: 'full' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-out`, {}, w.team.leader), 409, { code: 'not_checked_in' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-in`, { at: '2026-12-06T08:00:00+08:00' }, w.team.leader), 422, { field: 'at' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-in`, { at: AT('23:00') }, w.team.leader), 422, { field: 'at' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-in`, { at: AT('08:00'), code: shift.code }, w.team.leader), 422, { field: 'at' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-in`, {}, w.team2.leader), 403);
  await w.api('POST', `${SIGNUP(theirs.id)}/check-in`, { at: AT('08:00') }, 200, w.team.leader);
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-out`, { at: AT('07:59') }, w.team.leader), 422, { field: 'at' });
  assertProblem(await w.send('POST', `${SIGNUP(theirs.id)}/check-out`, { code: shift.code }, w.team.leader), 403); // not their code to use
  const theirOut = await w.api('POST', `${SIGNUP(theirs.id)}/check-out`, { at: AT('08:50') }, 200, w.team.leader);
  assert.equal(theirOut.minutes, 50);

  // The staff's view: the code and the sign-ups; audited.
  const view = await w.api('GET', SHIFT(shift.id), undefined, 200, w.team.leader);
  assert.equal(view.code, shift.code);
  assert.deepEqual(view.signups.map((g) => g.volunteer.name).sort(), ['张三', '李四']);
  assert.equal(w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'volunteer_shift' AND subject_id = '${shift.id}'`), 1);
  assertProblem(await w.send('GET', SHIFT(shift.id), undefined, w.team2.leader), 403);
  assertProblem(await w.send('GET', SHIFT(shift.id), undefined, w.resident), 403);
  assertProblem(await w.send('GET', SHIFT(shift.id), undefined, null), 401);

  // Only the organiser's staff confirm; every submitted record at once.
  assertProblem(await w.send('POST', `${SHIFT(shift.id)}/confirm`, {}, w.team.leader), 403);
  assert.deepEqual(await w.api('POST', `${SHIFT(shift.id)}/confirm`, {}, 200, w.organiser.staff), { confirmed: 2 });
  assert.deepEqual(await w.api('POST', `${SHIFT(shift.id)}/confirm`, {}, 200, w.organiser.staff), { confirmed: 0 });
  assert.equal(w.count(`SELECT COUNT(*) FROM volunteer_records WHERE source = 'shift' AND state = 'confirmed' AND source_id IN (${mine.id}, ${theirs.id})`), 2);

  // The month's counts: 夕阳红 has the confirmed minutes, ranked first.
  const counts = await w.api('GET', `${API}/volunteer-counts?month=2026-12`, undefined, 200, null);
  const team = counts.teams.find((t) => t.id === w.team.id);
  assert.equal(team.minutes, 50 + out.minutes);
  assert.equal(team.rank, 1);
  assert.equal(team.community_id, w.community.sty);
  assert.equal(counts.teams.find((t) => t.id === w.team2.id).rank, 2);
  assert.equal(counts.communities.find((c) => c.id === w.community.sty).minutes, 50 + out.minutes);
  assert.ok(!JSON.stringify(counts).includes('张三'), 'no volunteer names in the public counts');
  assertProblem(await w.send('GET', `${API}/volunteer-counts?month=2026-13`, undefined, null), 422, { field: 'month' });
});

test('sign-ups refused: too young, no insurance on a risky shift; a resident who is no volunteer; cancel', async () => {
  const risky = await w.api('POST', shiftsOf(w.occurrence.future), shiftBody({ starts_at: '09:00', ends_at: '11:00', risky: true, capacity: 10 }), 201, w.organiser.staff);
  assert.equal(risky.min_age, 18);
  const young = await w.newVolunteer(w.team, {
    birth_date: '2010-03-01', insurance_until: '2027-12-31',
    guardian_consent: { guardian_name: '王父', guardian_phone: '13835874444', relation: '父亲' },
  });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_id: young.id }, w.team.leader), 409, { code: 'too_young' });
  const uninsured = await w.newVolunteer(w.team, {});
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_id: uninsured.id }, w.organiser.staff), 409, { code: 'no_insurance' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, {}, w.resident), 403, { code: 'not_a_volunteer' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_id: uninsured.id }, w.team2.leader), 403);
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_id: uninsured.id }, w.person), 403);
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, {}, null), 401);
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_id: 987654321 }, w.team.leader), 422, { field: 'volunteer_id' });
  // By the number the volunteer reads out (organiser staff who cannot read the team's roster): as typed, a
  // lower-case v and blanks forgiven; a number nobody has, a malformed one, or both an id and a number: 422.
  const insured = await w.newVolunteer(w.team, { insurance_until: '2027-12-31' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: 'V99999998' }, w.organiser.staff), 422, { field: 'volunteer_no' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: 'V1234' }, w.organiser.staff), 422, { field: 'volunteer_no' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: 12345678 }, w.organiser.staff), 422, { field: 'volunteer_no' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: insured.volunteer_no, volunteer_id: insured.id }, w.organiser.staff), 422,
    { field: 'volunteer_no' });
  assertProblem(await w.send('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: insured.volunteer_no }, w.team2.leader), 403);
  const byNumber = await w.api('POST', `${SHIFT(risky.id)}/signups`, { volunteer_no: ` ${insured.volunteer_no.replace('V', 'v')} ` }, 201, w.organiser.staff);
  assert.equal(byNumber.volunteer.id, insured.id);
  await w.api('DELETE', SIGNUP(byNumber.id), undefined, 200, w.organiser.staff);

  const mine = await w.api('POST', `${SHIFT(risky.id)}/signups`, {}, 201, w.person);
  assertProblem(await w.send('POST', `${SIGNUP(mine.id)}/check-in`, { code: risky.code }, w.person), 409, { code: 'too_early' });
  assertProblem(await w.send('DELETE', SIGNUP(mine.id), undefined, w.team2.leader), 403);
  const cancelled = await w.api('DELETE', SIGNUP(mine.id), undefined, 200, w.person);
  assert.equal(cancelled.status, 'cancelled');
  assertProblem(await w.send('DELETE', SIGNUP(mine.id), undefined, w.person), 409, { code: 'cancelled' });
  assert.equal((await w.api('GET', shiftsOf(w.occurrence.future), undefined, 200, null)).items.find((s) => s.id === risky.id).places_left, 10);
});

test('five wrong codes close the code way for a sign-up (429); staff still check in', async () => {
  const shift = await w.api('POST', shiftsOf(w.occurrence.today), shiftBody({ capacity: 5 }), 201, w.organiser.staff);
  // A second volunteer with an account: the world's resident (李毅), registered now.
  const resident = w.resident;
  const v = await w.newVolunteer(w.team, { user_id: resident.user.id });
  const signup = await w.api('POST', `${SHIFT(shift.id)}/signups`, {}, 201, resident);
  assert.equal(signup.volunteer.id, v.id);
  const wrong = shift.code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i += 1) {
    assertProblem(await w.send('POST', `${SIGNUP(signup.id)}/check-in`, { code: wrong }, resident), 403, { code: 'wrong_code' });
  }
  assertProblem(await w.send('POST', `${SIGNUP(signup.id)}/check-in`, { code: shift.code }, resident), 429, { code: 'too_many_codes' });
  await w.api('POST', `${SIGNUP(signup.id)}/check-in`, {}, 200, w.organiser.staff);
});

test('bad input: malformed JSON, wrong types, unknown fields, an end before the start, oversize, unknown ids', async () => {
  const path = shiftsOf(w.occurrence.future);
  const staff = w.organiser.staff;
  const raw = await w.srv.fetch(path, { method: 'POST', token: staff.token, body: '{"title":', headers: { 'content-type': 'application/json' } });
  assertProblem(raw, 400);
  assertProblem(await w.send('POST', path, shiftBody({ ends_at: '07:00' }), staff), 422, { field: 'ends_at' });
  assertProblem(await w.send('POST', path, shiftBody({ starts_at: '8:00' }), staff), 422, { field: 'starts_at' });
  assertProblem(await w.send('POST', path, shiftBody({ capacity: '2' }), staff), 422, { field: 'capacity' });
  assertProblem(await w.send('POST', path, shiftBody({ capacity: 501 }), staff), 422, { field: 'capacity' });
  assertProblem(await w.send('POST', path, shiftBody({ colour: 'red' }), staff), 422, { field: 'colour' });
  assertProblem(await w.send('POST', path, shiftBody({ team_id: w.organiser.id }), staff), 422, { field: 'team_id' });
  assertProblem(await w.send('POST', path, shiftBody({ title: 'x'.repeat(20000) }), staff), 413);
  assertProblem(await w.send('POST', `${API}/activity-occurrences/987654321/shifts`, shiftBody(), staff), 404);
  assertProblem(await w.send('POST', path, shiftBody(), w.team2.leader), 403);
  assertProblem(await w.send('POST', path, shiftBody(), w.resident), 403);
  assertProblem(await w.send('GET', `${API}/activity-occurrences/987654321/shifts`, undefined, null), 404);
  assertProblem(await w.send('GET', SHIFT(987654321), undefined, staff), 404);
  assertProblem(await w.send('POST', `${SHIFT(987654321)}/signups`, {}, w.person), 404);
  assertProblem(await w.send('POST', `${SIGNUP(987654321)}/check-in`, {}, staff), 404);
  assertProblem(await w.send('POST', `${SIGNUP(987654321)}/check-in`, { code: '12ab56' }, w.person), 422, { field: 'code' });
  assertProblem(await w.send('POST', `${SIGNUP(987654321)}/check-in`, { at: 'yesterday' }, staff), 422, { field: 'at' });
  assertProblem(await w.send('POST', `${SHIFT(987654321)}/signups`, { volunteer_id: 'x' }, staff), 422, { field: 'volunteer_id' });
});

test('outcome kinds (admins) and an occurrence\'s outcomes in tenths, refused when negative or too fine', async () => {
  const kinds = await w.api('GET', `${API}/volunteer-outcome-kinds`, undefined, 200, null);
  assert.deepEqual(kinds.items.map((k) => k.code), ['ads_removed', 'rubbish_m3', 'sewage_spots', 'trees_planted']);
  const made = await w.api('POST', `${API}/volunteer-outcome-kinds`, { code: 'walls_painted', name: '粉刷墙面', unit: '平方米', decimals: 1 }, 201);
  assert.equal(made.active, true);
  assertProblem(await w.send('POST', `${API}/volunteer-outcome-kinds`, { code: 'walls_painted', name: 'x', unit: 'x' }, w.admin), 409, { code: 'kind_exists' });
  assertProblem(await w.send('POST', `${API}/volunteer-outcome-kinds`, { code: 'Bad-Code', name: 'x', unit: 'x' }, w.admin), 422, { field: 'code' });
  assertProblem(await w.send('POST', `${API}/volunteer-outcome-kinds`, { code: 'x_y', name: 'x', unit: 'x' }, w.organiser.staff), 403);
  assert.equal((await w.api('PUT', `${API}/volunteer-outcome-kinds/walls_painted`, { active: false }, 200)).active, false);
  assertProblem(await w.send('PUT', `${API}/volunteer-outcome-kinds/no_such`, { active: false }, w.admin), 404);

  const path = `${API}/activity-occurrences/${w.occurrence.today.id}/outcomes`;
  const staff = w.organiser.staff;
  assertProblem(await w.send('PUT', path, { items: [{ kind: 'ads_removed', quantity: -1 }] }, staff), 422, { field: 'items[0].quantity' });
  assertProblem(await w.send('PUT', path, { items: [{ kind: 'rubbish_m3', quantity: 2.25 }] }, staff), 422, { field: 'items[0].quantity' });
  assertProblem(await w.send('PUT', path, { items: [{ kind: 'ads_removed', quantity: 1 }, { kind: 'ads_removed', quantity: 1.5 }] }, staff), 422, { field: 'items[1].quantity' });
  assertProblem(await w.send('PUT', path, { items: [{ kind: 'walls_painted', quantity: 1 }] }, staff), 422, { field: 'items[0].kind' });
  assertProblem(await w.send('PUT', path, { items: [{ kind: 'ads_removed', quantity: '3' }] }, staff), 422, { field: 'items[0].quantity' });
  assertProblem(await w.send('PUT', path, { items: 'all' }, staff), 422, { field: 'items' });
  assertProblem(await w.send('PUT', path, { items: [] }, w.team2.leader), 403);
  assertProblem(await w.send('PUT', path, { items: [] }, w.resident), 403);
  const body = { items: [{ kind: 'ads_removed', quantity: 100, team_id: w.team.id }, { kind: 'rubbish_m3', quantity: 10.5, team_id: w.team.id }, { kind: 'sewage_spots', quantity: 2 }] };
  const saved = await w.api('PUT', path, body, 200, staff);
  assert.deepEqual(saved.items.map((i) => [i.kind, i.quantity]), [['ads_removed', 100], ['rubbish_m3', 10.5], ['sewage_spots', 2]]);
  assert.deepEqual((await w.api('GET', path, undefined, 200, null)).items, saved.items);
  assertProblem(await w.send('GET', `${API}/activity-occurrences/987654321/outcomes`, undefined, null), 404);

  const counts = await w.api('GET', `${API}/volunteer-counts?month=2026-12`, undefined, 200, null);
  assert.deepEqual(counts.teams.find((t) => t.id === w.team.id).outcomes, { ads_removed: 100, rubbish_m3: 10.5 });
  assert.deepEqual(counts.communities.find((c) => c.id === w.community.sty).outcomes, { ads_removed: 100, rubbish_m3: 10.5, sewage_spots: 2 });
  assert.ok(counts.outcome_kinds.some((k) => k.code === 'rubbish_m3' && k.unit === '立方米'));
});

test('a team\'s shifts between two dates, and the organiser cancels one with its open sign-ups', async () => {
  const staff = w.organiser.staff;
  const TEAM_SHIFTS = `${API}/volunteer-teams/${w.team.id}/shifts`;
  const morning = await w.api('POST', shiftsOf(w.occurrence.today), shiftBody({ title: '楼道清扫', starts_at: '10:00', ends_at: '12:00', capacity: 3 }), 201, staff);
  const saturday = await w.api('POST', shiftsOf(w.occurrence.future), shiftBody({ title: '周末清扫', starts_at: '09:00', ends_at: '11:00' }), 201, staff);
  const noTeam = await w.api('POST', shiftsOf(w.occurrence.today), shiftBody({ title: '无队岗位', team_id: undefined }), 201, staff);
  const over = await w.api('POST', shiftsOf(w.occurrence.today), shiftBody({ title: '早班', starts_at: '07:00', ends_at: '08:00' }), 201, staff);
  const mine = await w.api('POST', `${SHIFT(morning.id)}/signups`, {}, 201, w.person);
  const second = await w.newVolunteer(w.team, { name: '王五' });
  const theirs = await w.api('POST', `${SHIFT(morning.id)}/signups`, { volunteer_id: second.id }, 201, w.team.leader);
  await w.api('POST', `${SIGNUP(theirs.id)}/check-in`, {}, 200, w.team.leader);

  // The leader's list: today + 30 days by default, by date and start, counts and no names.
  const audited = () => w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read'");
  const readsBefore = audited();
  const led = await w.api('GET', TEAM_SHIFTS, undefined, 200, w.team.leader);
  assert.deepEqual([led.team_id, led.from, led.to], [w.team.id, '2026-12-07', '2027-01-06']);
  const keys = (s) => `${s.date} ${s.starts_at} ${String(s.id).padStart(9, '0')}`;
  assert.deepEqual(led.items.map(keys), led.items.map(keys).sort());
  const ids = led.items.map((s) => s.id);
  assert.ok(ids.includes(morning.id) && ids.includes(saturday.id) && ids.includes(over.id));
  assert.ok(!ids.includes(noTeam.id), 'a shift of no team is not the team\'s');
  const line = led.items.find((s) => s.id === morning.id);
  assert.deepEqual(Object.keys(line).sort(), ['activity_id', 'cancel_reason', 'cancelled_at', 'cancelled_by', 'capacity', 'checked_in',
    'code', 'date', 'ends_at', 'id', 'min_age', 'occurrence_id', 'organiser_org_id', 'places_left', 'risky', 'signed_up', 'starts_at',
    'status', 'team_id', 'title', 'training']);
  assert.deepEqual([line.signed_up, line.checked_in, line.places_left, line.code, line.status, line.team_id, line.date],
    [2, 1, 1, morning.code, 'active', w.team.id, '2026-12-07']);
  assert.ok(!JSON.stringify(led).includes('王五') && !JSON.stringify(led).includes('张三'), 'no names in the team\'s list');
  assert.equal(audited(), readsBefore, 'no personal data read, no audit');
  // The staff of the organisation the team belongs to (生态园社区) see it, with their shifts' codes.
  const parents = await w.api('GET', TEAM_SHIFTS, undefined, 200, staff);
  assert.equal(parents.items.find((s) => s.id === morning.id).code, morning.code);
  // The dates: both included; bad ones named.
  const sat = await w.api('GET', `${TEAM_SHIFTS}?from=2026-12-12&to=2026-12-12`, undefined, 200, w.team.leader);
  assert.ok(sat.items.every((s) => s.date === '2026-12-12') && sat.items.some((s) => s.id === saturday.id));
  assert.deepEqual((await w.api('GET', `${TEAM_SHIFTS}?from=2026-12-13`, undefined, 200, w.team.leader)).items, []);
  assert.equal((await w.api('GET', `${TEAM_SHIFTS}?from=2026-12-07&to=2027-03-08`, undefined, 200, w.team.leader)).to, '2027-03-08');
  assertProblem(await w.send('GET', `${TEAM_SHIFTS}?from=2026-12-07&to=2027-03-09`, undefined, w.team.leader), 422, { field: 'to' });
  assertProblem(await w.send('GET', `${TEAM_SHIFTS}?from=2026-12-08&to=2026-12-07`, undefined, w.team.leader), 422, { field: 'to' });
  assertProblem(await w.send('GET', `${TEAM_SHIFTS}?from=2026-13-01`, undefined, w.team.leader), 422, { field: 'from' });
  assertProblem(await w.send('GET', `${TEAM_SHIFTS}?to=soon`, undefined, w.team.leader), 422, { field: 'to' });
  // Who may: not another team's leader nor another community's, not a resident, not anonymous.
  assertProblem(await w.send('GET', TEAM_SHIFTS, undefined, w.team2.leader), 403);
  assertProblem(await w.send('GET', `${API}/volunteer-teams/${w.team2.id}/shifts`, undefined, staff), 403);
  assertProblem(await w.send('GET', TEAM_SHIFTS, undefined, w.resident), 403);
  assertProblem(await w.send('GET', TEAM_SHIFTS, undefined, null), 401);
  assertProblem(await w.send('GET', `${API}/volunteer-teams/987654321/shifts`, undefined, w.admin), 404);
  assertProblem(await w.send('GET', `${API}/volunteer-teams/${w.organiser.id}/shifts`, undefined, w.admin), 404);

  // The cancellation: the organiser's staff only, with a reason.
  const CANCEL = (id) => `${SHIFT(id)}/cancel`;
  const why = { reason: '暴雨预警，活动改期' };
  assertProblem(await w.send('POST', CANCEL(morning.id), why, w.team.leader), 403);
  assertProblem(await w.send('POST', CANCEL(morning.id), why, w.team2.leader), 403);
  assertProblem(await w.send('POST', CANCEL(morning.id), why, w.resident), 403);
  assertProblem(await w.send('POST', CANCEL(morning.id), why, null), 401);
  assertProblem(await w.send('POST', CANCEL(987654321), why, staff), 404);
  const raw = await w.srv.fetch(CANCEL(morning.id), { method: 'POST', token: staff.token, body: '{"reason":', headers: { 'content-type': 'application/json' } });
  assertProblem(raw, 400);
  for (const bad of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(201) }, { reason: 7 }]) {
    assertProblem(await w.send('POST', CANCEL(morning.id), bad, staff), 422, { field: 'reason' });
  }
  assertProblem(await w.send('POST', CANCEL(morning.id), { ...why, notify: true }, staff), 422, { field: 'notify' });
  const cancelled = await w.api('POST', CANCEL(morning.id), why, 200, staff);
  assert.deepEqual([cancelled.status, cancelled.cancel_reason, cancelled.cancelled_by, cancelled.signups_cancelled, cancelled.signed_up,
    cancelled.checked_in, cancelled.places_left, cancelled.code], ['cancelled', '暴雨预警，活动改期', staff.user.id, 1, 1, 1, 0, morning.code]);
  assert.match(cancelled.cancelled_at, /^2026-12-07T09:.*\+08:00$/);
  assert.equal(cancelled.signups, undefined, 'no names in the answer');
  assert.equal(w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer_shift.cancel' AND subject_id = '${morning.id}'`), 1);
  const detail = w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'volunteer_shift.cancel' AND subject_id = '${morning.id}'`);
  assert.deepEqual(JSON.parse(detail).signup_ids, [mine.id], 'the sign-up it cancelled, not the one checked in');
  assert.equal(JSON.parse(detail).signups_cancelled, 1);
  assert.ok(!detail.includes('王五') && !detail.includes('张三'), 'ids, no names');
  assertProblem(await w.send('POST', CANCEL(morning.id), why, staff), 409, { code: 'cancelled' });
  assertProblem(await w.send('POST', `${SHIFT(morning.id)}/signups`, {}, w.person), 409, { code: 'shift_cancelled' });
  // The open sign-up is cancelled; the one checked in stays and checks out with its record.
  const own = await w.api('GET', `${API}/me/volunteer/signups`, undefined, 200, w.person);
  assert.deepEqual([own.items.find((g) => g.id === mine.id).status, own.items.find((g) => g.id === mine.id).shift.status], ['cancelled', 'cancelled']);
  const out = await w.api('POST', `${SIGNUP(theirs.id)}/check-out`, {}, 200, w.team.leader);
  assert.ok(out.record_id);
  assert.ok(!(await w.api('GET', shiftsOf(w.occurrence.today), undefined, 200, null)).items.some((s) => s.id === morning.id));
  const view = await w.api('GET', SHIFT(morning.id), undefined, 200, w.team.leader);
  assert.deepEqual([view.status, view.cancel_reason], ['cancelled', '暴雨预警，活动改期']);
  const after = (await w.api('GET', TEAM_SHIFTS, undefined, 200, w.team.leader)).items.find((s) => s.id === morning.id);
  assert.deepEqual([after.status, after.cancel_reason, after.signed_up, after.checked_in], ['cancelled', '暴雨预警，活动改期', 1, 1]);
  // A shift that has ended is not cancelled; admins cancel any other.
  assertProblem(await w.send('POST', CANCEL(over.id), why, staff), 409, { code: 'shift_over' });
  // The reason's 200 characters are counted once trimmed (195 and trailing blanks).
  const long = `场地占用${'。'.repeat(191)}`;
  const sat2 = await w.api('POST', CANCEL(saturday.id), { reason: `${long}${' '.repeat(10)}` }, 200, w.admin);
  assert.deepEqual([sat2.signups_cancelled, sat2.cancel_reason], [0, long]);
});
