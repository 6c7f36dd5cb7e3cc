// Opening hours and the official calendar over HTTP and the command line:
// evaluate, read a year, an admin loading next year without a restart (and
// its audit entry), the role matrix, bad input, and durability over a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, startWithAdminAndResident } from './lib/server.mjs';

let srv;
let admin;
let resident;
// The servers here get a copy of data/calendar's 2024-2026, so that "2027 is
// not loaded" stays true once the next year is shipped.
function calendarCopy(dir) {
  const calendarDir = join(dir, 'calendar');
  mkdirSync(calendarDir);
  for (const year of [2024, 2025, 2026]) copyFileSync(join('data', 'calendar', `${year}.txt`), join(calendarDir, `${year}.txt`));
  return calendarDir;
}
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-test-'));
  ({ srv, admin, resident } = await startWithAdminAndResident({ dir, args: ['--calendar-dir', calendarCopy(dir)] }));
});
after(async () => { await srv.stop(); srv.cleanup(); });

function evaluate(params) {
  return srv.fetch('/api/v1/hours/evaluate?' + new URLSearchParams(params));
}

function assertProblem(res, status, fields) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  if (fields) assert.deepEqual(res.body.errors.map((e) => e.field).sort(), [...fields].sort());
}

const kOffice = 'Mo-Fr 08:00-18:00';
const kDaily = 'Mo-Su 08:00-18:00; PH off';

test('evaluate: open and closed on a working Wednesday, with the next change', async () => {
  const open = await evaluate({ expr: kOffice, at: '2026-05-06T10:00:00+08:00' });
  assert.equal(open.status, 200, open.text);
  assert.deepEqual(open.body, { state: 'open', comment: null, next_change: '2026-05-06T18:00:00+08:00' });
  const closed = await evaluate({ expr: kOffice, at: '2026-05-06T12:00:00Z' });  // 20:00 local
  assert.deepEqual(closed.body, { state: 'closed', comment: null, next_change: '2026-05-07T08:00:00+08:00' });
});

test('evaluate: intervals only when until is given', async () => {
  const res = await evaluate({ expr: kOffice, at: '2026-05-06T00:00:00+08:00', until: '2026-05-07T00:00:00+08:00' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.intervals, [
    { from: '2026-05-06T00:00:00+08:00', until: '2026-05-06T08:00:00+08:00', state: 'closed', comment: null },
    { from: '2026-05-06T08:00:00+08:00', until: '2026-05-06T18:00:00+08:00', state: 'open', comment: null },
    { from: '2026-05-06T18:00:00+08:00', until: '2026-05-07T00:00:00+08:00', state: 'closed', comment: null },
  ]);
});

test('evaluate: PH is the official calendar (National Day 2026 closed, named)', async () => {
  const res = await evaluate({ expr: kDaily, at: '2026-10-01T10:00:00+08:00' });
  assert.deepEqual(res.body, { state: 'closed', comment: '国庆节', next_change: '2026-10-08T08:00:00+08:00' });
});

test('evaluate: WD and OD on the make-up working Sunday 2026-09-20; Mo-Fr follows the week', async () => {
  const at = '2026-09-20T10:00:00+08:00';
  assert.equal((await evaluate({ expr: 'WD 08:00-18:00', at })).body.state, 'open');
  assert.equal((await evaluate({ expr: 'OD 00:00-24:00', at })).body.state, 'closed');
  assert.equal((await evaluate({ expr: kOffice, at })).body.state, 'closed');
  // The Saturday before is an ordinary off day.
  assert.equal((await evaluate({ expr: 'OD 00:00-24:00', at: '2026-09-19T10:00:00+08:00' })).body.state, 'open');
});

test('evaluate: a parse error is 422 with the position and the expectation', async () => {
  const res = await evaluate({ expr: 'Mo 10:60-12:00', at: '2026-05-06T10:00:00+08:00' });
  assertProblem(res, 422, ['expr']);
  assert.equal(res.body.position, 6);
  assert.equal(res.body.expected, 'minutes between 00 and 59');
  assert.match(res.body.detail, /position 6/);
});

test('evaluate: bad or missing parameters are 422 naming each', async () => {
  const at = '2026-05-06T10:00:00+08:00';
  assertProblem(await evaluate({ expr: kOffice, at: 'tomorrow' }), 422, ['at']);
  assertProblem(await evaluate({ expr: kOffice, at, until: '2026-05-06T09:00:00+08:00' }), 422, ['until']);
  assertProblem(await evaluate({ expr: kOffice, at, until: at }), 422, ['until']);
  assertProblem(await evaluate({ expr: kOffice, at, until: '2026-06-07T10:00:00+08:00' }), 422, ['until']);
  assertProblem(await evaluate({ at }), 422, ['expr']);
  assertProblem(await evaluate({ expr: `"${'x'.repeat(1000)}"`, at }), 422, ['expr']);
  const both = await evaluate({ expr: 'Mo 25:00-26:00', at: 'x', until: 'y' });
  assertProblem(both, 422, ['expr', 'at', 'until']);
  assert.equal(typeof both.body.position, 'number');
  assert.equal((await evaluate({ expr: kOffice, at, until: '2026-06-06T10:00:00+08:00' })).status, 200);
});

test('evaluate without at answers for the server\'s now: a working Wednesday morning, National Day', async () => {
  // The server's clock starts at these instants (--now) and runs on: the
  // answers below hold for the minutes the test takes.
  const cases = [
    { now: '2026-05-06T10:00:00+08:00', expr: kOffice,
      want: { state: 'open', comment: null, next_change: '2026-05-06T18:00:00+08:00' } },
    { now: '2026-05-06T10:00:00+08:00', expr: 'Mo-Fr 12:00-13:00',
      want: { state: 'closed', comment: null, next_change: '2026-05-06T12:00:00+08:00' } },
    { now: '2026-10-01T10:00:00+08:00', expr: kDaily,
      want: { state: 'closed', comment: '国庆节', next_change: '2026-10-08T08:00:00+08:00' } },
    { now: '2026-10-08T10:00:00+08:00', expr: kDaily,
      want: { state: 'open', comment: null, next_change: '2026-10-08T18:00:00+08:00' } },
  ];
  const byNow = new Map();
  try {
    for (const c of cases) {
      if (!byNow.has(c.now)) {
        const dir = mkdtempSync(join(tmpdir(), 'warmcity-test-'));
        byNow.set(c.now, await startServer({ dir, now: c.now, args: ['--calendar-dir', calendarCopy(dir)] }));
      }
      const at = byNow.get(c.now);
      const res = await at.fetch('/api/v1/hours/evaluate?' + new URLSearchParams({ expr: c.expr }));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, c.want, `${c.expr} at ${c.now}`);
      // The same rule asked about that instant explicitly answers the same.
      assert.deepEqual((await evaluate({ expr: c.expr, at: c.now })).body, c.want);
    }
    // 24/7 is open whenever it is asked, with no change ahead.
    assert.deepEqual((await byNow.get(cases[0].now).fetch('/api/v1/hours/evaluate?expr=24%2F7')).body,
      { state: 'open', comment: null, next_change: null });
  } finally {
    for (const s of byNow.values()) { await s.stop(); s.cleanup(); }
  }
});

test('GET a year of the official calendar; unknown years are 404', async () => {
  const res = await srv.fetch('/api/v1/calendar/2025');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.year, 2025);
  assert.deepEqual(res.body.days.find((d) => d.date === '2025-01-26'), { date: '2025-01-26', kind: 'workday', name: '春节调休' });
  assert.deepEqual(res.body.days.find((d) => d.date === '2025-10-01'), { date: '2025-10-01', kind: 'holiday', name: '国庆节' });
  assertProblem(await srv.fetch('/api/v1/calendar/1999'), 404);
  assertProblem(await srv.fetch('/api/v1/calendar/20x6'), 404);
  assertProblem(await srv.fetch('/api/v1/calendar/02026'), 404);
});

const kYear2027 = {
  days: [
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-06', kind: 'workday', name: '春节调休' },
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  ],
};

test('PUT needs an admin: no session 401, a resident 403, nothing stored', async () => {
  assertProblem(await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', json: kYear2027 }), 401);
  assertProblem(await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', token: resident.token, json: kYear2027 }), 403);
  assertProblem(await srv.fetch('/api/v1/calendar/2028'), 404);
});

test('PUT bad bodies: malformed 400, wrong type 415, each bad day 422 by its index', async () => {
  const put = (body, headers) => srv.fetch('/api/v1/calendar/2028', {
    method: 'PUT', token: admin.token, ...(typeof body === 'string' ? { body, headers: headers || { 'content-type': 'application/json' } } : { json: body }),
  });
  assertProblem(await put('{"days": ['), 400);
  assertProblem(await put('{"days": []}', { 'content-type': 'text/plain' }), 415);
  assertProblem(await put({ days: [{ date: '2027-12-31', kind: 'holiday', name: '除夕' }] }), 422, ['days[0].date']);
  assertProblem(await put({ days: [{ date: '2028-01-04', kind: 'workday', name: '调休' }] }), 422, ['days[0].date']);  // a Tuesday
  const dup = await put({ days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }, { date: '2028-01-01', kind: 'holiday', name: '元旦' }] });
  assertProblem(dup, 422, ['days[1].date']);
  assertProblem(await put({ days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦', note: 'x' }] }), 422, ['days[0].note']);
  assertProblem(await put({ days: [], year: 2028 }), 422, ['year']);
  assertProblem(await put({ days: [{ date: '2028-01-01', kind: 'rest', name: '' }] }), 422, ['days[0].kind', 'days[0].name']);
  assertProblem(await put({ days: Array.from({ length: 61 }, () => ({ date: '2028-01-01', kind: 'holiday', name: 'x' })) }), 422, ['days']);
  assertProblem(await srv.fetch('/api/v1/calendar/x', { method: 'PUT', token: admin.token, json: { days: [] } }), 404);
  assertProblem(await srv.fetch('/api/v1/calendar/2028'), 404);
});

test('an admin loads 2027: in force at once, audited, and still there after a restart', async () => {
  const at = '2027-02-09T10:00:00+08:00';  // a Tuesday
  // Before 2027 is loaded its holidays are not known: unknown, not a guess.
  assert.deepEqual((await evaluate({ expr: kDaily, at })).body,
    { state: 'unknown', comment: 'holidays for 2027 not yet loaded', next_change: null });

  const res = await srv.fetch('/api/v1/calendar/2027', { method: 'PUT', token: admin.token, json: kYear2027 });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { year: 2027, days: [...kYear2027.days].sort((a, b) => a.date.localeCompare(b.date)) });

  const closed = await evaluate({ expr: kDaily, at });
  assert.deepEqual(closed.body, { state: 'closed', comment: '春节', next_change: '2027-02-10T08:00:00+08:00' });
  assert.equal((await evaluate({ expr: 'WD 08:00-18:00', at: '2027-02-06T10:00:00+08:00' })).body.state, 'open');
  assert.deepEqual((await srv.fetch('/api/v1/calendar/2027')).body, res.body);

  const audit = await srv.fetch('/api/v1/audit?action=calendar.update', { token: admin.token });
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.body.items.length, 1);
  assert.equal(audit.body.items[0].actor_user_id, admin.user.id);
  assert.equal(audit.body.items[0].subject_id, '2027');
  assert.deepEqual(audit.body.items[0].detail, { year: 2027, days: 3 });

  await srv.restart();
  assert.deepEqual((await srv.fetch('/api/v1/calendar/2027')).body, res.body);
  assert.equal((await evaluate({ expr: kDaily, at })).body.state, 'closed');
  // The files still hold the other years.
  assert.equal((await evaluate({ expr: kDaily, at: '2026-10-01T10:00:00+08:00' })).body.state, 'closed');
});

test('CLI: warmcity hours prints what the route answers; a bad value exits 1 with the position', async () => {
  const params = { expr: kDaily, at: '2026-10-01T10:00:00+08:00', until: '2026-10-02T10:00:00+08:00' };
  const good = spawnSync(BIN, ['hours', params.expr, '--at', params.at, '--until', params.until], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stderr);
  assert.equal(good.stdout, (await evaluate(params)).text + '\n');

  const bad = spawnSync(BIN, ['hours', 'Mo 10:60-12:00', '--at', params.at], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /position 6: expected minutes between 00 and 59/);

  const noDir = spawnSync(BIN, ['hours', '24/7', '--calendar-dir', '/nonexistent/calendar'], { encoding: 'utf8' });
  assert.equal(noDir.status, 1);
  assert.match(noDir.stderr, /\/nonexistent\/calendar/);
});
