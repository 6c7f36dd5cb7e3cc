// After-school duty confirmed and counted as volunteer hours (docs/afterschool.md
// "Duty and volunteer hours", docs/volunteers.md "The hours ledger"), over
// real HTTP on a real server whose clock starts on a Monday evening after
// the session (16:30–18:30): the organiser confirms the day's duty; its
// volunteer (zhiyuan) gets a confirmed 2-hour record in the ledger, made a
// volunteer from their account, and reads it at /me/volunteer/records; the
// staff member (sixiaoban) gets none; the roster shows the confirmation;
// the list is fixed from then on. The organiser's desk reads the day's duty
// (GET …/duty). Who may confirm, when, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, PROGRAMMES, assertProblem, startAfterschoolWorld } from './lib/afterschool_world.mjs';

const EVENING = '2026-12-07T19:05:00+08:00'; // Monday, the session over
const DAY = '2026-12-07';
let w;
let prog;
const confirmPath = (date, id = prog) => `${PROGRAMMES}/${id}/days/${date}/duty/confirm`;

before(async () => {
  w = await startAfterschoolWorld({ now: EVENING });
  prog = (await w.programme()).id;
  await w.setStaff(prog, [
    { user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' },
    { user_id: w.zhiyuan.user.id, role: 'volunteer', background_checked_on: '2026-03-01' },
  ]);
  for (const date of [DAY, '2026-12-08']) {
    await w.ok(200, 'PUT', `${PROGRAMMES}/${prog}/days/${date}/duty`, { user_ids: [w.sixiaoban.user.id, w.zhiyuan.user.id] }, w.sixiaoban);
  }
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

test('who may confirm, and the input it refuses, before anything is written', async () => {
  assertProblem(await w.send('POST', confirmPath(DAY), {}, w.sixiaoban), 403); // programme staff, not the organiser
  assertProblem(await w.send('POST', confirmPath(DAY), {}, w.zhiyuan), 403);
  assertProblem(await w.send('POST', confirmPath(DAY), {}, w.hwstaff), 403); // another organiser
  assertProblem(await w.send('POST', confirmPath(DAY), {}, w.wang), 403); // a resident
  assertProblem(await w.send('POST', confirmPath(DAY), {}), 401);
  assertProblem(await w.send('POST', confirmPath(DAY, 987654321), {}, w.styorg), 404);
  assertProblem(await w.send('POST', confirmPath('2026-02-30'), {}, w.styorg), 422, { field: 'date' });
  assertProblem(await w.send('POST', confirmPath(DAY), { minutes: 600 }, w.styorg), 422, { field: 'minutes' });
  assertProblem(await w.raw('POST', confirmPath(DAY), '{"a":', w.styorg), 400);
  assertProblem(await w.raw('POST', confirmPath(DAY), '[]', w.styorg), 400);
  // Tomorrow's session is not over; Saturday has none; Tuesday 12-01's list is empty.
  assertProblem(await w.send('POST', confirmPath('2026-12-08'), {}, w.styorg), 409, { error: 'session_not_over' });
  assertProblem(await w.send('POST', confirmPath('2026-12-05'), {}, w.styorg), 409, { error: 'no_session' });
  assertProblem(await w.send('POST', confirmPath('2026-12-01'), {}, w.styorg), 409, { error: 'no_duty' });
  assert.equal(w.count('SELECT COUNT(*) FROM afterschool_duty_confirmations;'), 0);
  assert.equal(w.count("SELECT COUNT(*) FROM volunteer_records WHERE source = 'duty';"), 0);
  // What the organiser's desk reads first (the organiser cannot read the roster: it holds the children).
  const day = await w.ok(200, 'GET', `${PROGRAMMES}/${prog}/days/${DAY}/duty`, undefined, w.styorg);
  assert.deepEqual(day, {
    date: DAY, open: true, reason: null, ends_at: '2026-12-07T18:30:00+08:00', session_over: true,
    duty: [
      { user_id: w.sixiaoban.user.id, display_name: 'sixiaoban', role: 'staff' },
      { user_id: w.zhiyuan.user.id, display_name: 'zhiyuan', role: 'volunteer' },
    ].sort((a, b) => a.user_id - b.user_id),
    duty_confirmation: null,
  });
  assertProblem(await w.get(`${PROGRAMMES}/${prog}/roster?date=${DAY}`, w.styorg), 403);
  assertProblem(await w.get(`${PROGRAMMES}/${prog}/days/${DAY}/duty`, w.hwstaff), 403);
  assertProblem(await w.get(`${PROGRAMMES}/${prog}/days/2026-12-32/duty`, w.styorg), 422, { field: 'date' });
});

test('the organiser confirms the day: its volunteer gets two hours in the ledger, the list is fixed', async () => {
  const confirmed = await w.ok(201, 'POST', confirmPath(DAY), undefined, w.styorg);
  // The server's clock started at EVENING and runs: the confirmation is stamped when it is made.
  const at = Date.parse(confirmed.confirmed_at) - Date.parse(EVENING);
  assert.ok(at >= 0 && at < 120_000, confirmed.confirmed_at);
  assert.match(confirmed.confirmed_at, /^2026-12-07T19:0\d:\d\d\+08:00$/);
  assert.deepEqual(confirmed, {
    programme_id: prog, date: DAY, minutes: 120, adults: 2, volunteers: 1,
    confirmed_by: w.styorg.user.id, confirmed_by_name: 'styorg', confirmed_at: confirmed.confirmed_at,
    duty: [w.sixiaoban.user.id, w.zhiyuan.user.id].sort((a, b) => a - b), volunteer_user_ids: [w.zhiyuan.user.id],
  });
  assert.equal(w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.duty.confirm';"), 1);

  // zhiyuan was no volunteer: the ledger made one from the account, with the record confirmed.
  const mine = await w.ok(200, 'GET', `${API}/me/volunteer/records`, undefined, w.zhiyuan);
  assert.equal(mine.items.length, 1);
  const r = mine.items[0];
  assert.equal(mine.total_minutes, 120);
  assert.deepEqual([r.source, r.state, r.minutes, r.service_date], ['duty', 'confirmed', 120, DAY]);
  assert.equal(r.content, '课后托管值守：生态园社区四点半课堂');
  assert.equal(r.place, '生态园社区四点半课堂（滨河北路 8 号）');
  assert.deepEqual(r.organiser, { id: w.org.sty, name: '生态园社区' });
  // The staff member is no volunteer and gets nothing.
  assertProblem(await w.get(`${API}/me/volunteer/records`, w.sixiaoban), 404);
  assert.equal(w.count("SELECT COUNT(*) FROM volunteer_records WHERE source = 'duty';"), 1);

  // The roster says so; the day's list is fixed; a second confirmation is refused.
  const roster = await w.ok(200, 'GET', `${PROGRAMMES}/${prog}/roster?date=${DAY}`, undefined, w.sixiaoban);
  assert.deepEqual(roster.duty_confirmation, {
    programme_id: prog, date: DAY, minutes: 120, adults: 2, volunteers: 1,
    confirmed_by: w.styorg.user.id, confirmed_by_name: 'styorg', confirmed_at: confirmed.confirmed_at,
  });
  assertProblem(await w.send('PUT', `${PROGRAMMES}/${prog}/days/${DAY}/duty`, { user_ids: [w.sixiaoban.user.id] }, w.sixiaoban), 409,
    { error: 'duty_confirmed' });
  assertProblem(await w.send('POST', confirmPath(DAY), {}, w.admin), 409, { error: 'already_confirmed' });
  assert.equal((await w.ok(200, 'GET', `${PROGRAMMES}/${prog}/days/${DAY}/duty`, undefined, w.styorg)).duty_confirmation.volunteers, 1);
  // An unconfirmed day's roster says null.
  const tomorrow = await w.ok(200, 'GET', `${PROGRAMMES}/${prog}/roster?date=2026-12-08`, undefined, w.sixiaoban);
  assert.equal(tomorrow.duty_confirmation, null);
});
