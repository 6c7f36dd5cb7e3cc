// The official calendar's end (issue 12 item 5): beyond the loaded years
// (the server gets a copy of data/calendar's 2024-2026, so the test means
// the same once data/calendar holds 2027), hours that use PH/WD/OD are unknown, so the
// demo's toilets on 元旦 2027 at 10:00 are not "9 open" but none until 2027
// is loaded, and then exactly the library's (PH 09:00-17:00); /api/v1/health
// and /metrics name the last covered day and move when a year is loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

let srv;
let admin;
let worker;
const NEW_YEAR = '2027-01-01T10:00:00+08:00';  // a Friday, 元旦
const TODAY = '2026-12-04T10:00:00+08:00';  // the server's clock (--now): 27 days before the calendar ends
const END_OF_2026 = Date.parse('2027-01-01T00:00:00+08:00') / 1000;
const END_OF_2027 = Date.parse('2028-01-01T00:00:00+08:00') / 1000;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-calendar-'));
  const db = testDatabase(dir);
  const r = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const calendarDir = join(dir, 'calendar');
  mkdirSync(calendarDir);
  for (const year of [2024, 2025, 2026]) copyFileSync(join('data', 'calendar', `${year}.txt`), join(calendarDir, `${year}.txt`));
  srv = await startServer({ dir, db, now: TODAY, args: ['--calendar-dir', calendarDir] });
  admin = await srv.login('admin', 'demo-admin-2026');
  worker = await srv.login('liangjunlian', 'demo-worker-2026');
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

const nearToilets = (extra) => srv.fetch('/api/v1/facilities/nearby?lat=37.535&lon=111.14&kind=toilet&radius_m=10000&limit=50' + extra);

function metric(text, name) {
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  assert.ok(line, `${name} in /metrics`);
  return Number(line.slice(name.length + 1));
}

test('health and metrics name the last day the calendar covers', async () => {
  const health = await srv.fetch('/api/v1/health');
  assert.equal(health.status, 200, health.text);
  assert.equal(health.body.status, 'ok');
  // TODAY lies in the loaded run 2024-2026, whose end is 2026-12-31.
  assert.equal(health.body.calendar_covered_until, '2026-12-31');
  const metrics = await srv.fetch('/metrics');
  assert.equal(metrics.status, 200);
  assert.match(metrics.text, /# TYPE warmcity_calendar_covered_until_timestamp_seconds gauge/);
  assert.equal(metric(metrics.text, 'warmcity_calendar_covered_until_timestamp_seconds'), END_OF_2026);
  assert.ok(metric(metrics.text, 'warmcity_calendar_deadlines_beyond_total') >= 0);
  // The operator was told at start (TODAY is within 60 days of the end).
  assert.match(readFileSync(srv.logPath, 'utf8'), /official calendar covers until 2026-12-31: load 2027 \(PUT \/api\/v1\/calendar\/2027/);
  // /metrics stays closed to a client that came through a proxy.
  assert.equal((await srv.fetch('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 404);
});

test('toilets open on 元旦 2027 at 10:00: none counted open while 2027 is not loaded, the library once it is', async () => {
  const all = await nearToilets('');
  assert.equal(all.status, 200, all.text);
  assert.equal(all.body.items.length, 9, 'the demo has nine toilets, each with PH or WD in its hours');

  const before2027 = await nearToilets(`&open_at=${encodeURIComponent(NEW_YEAR)}`);
  assert.equal(before2027.status, 200, before2027.text);
  assert.deepEqual(before2027.body.items.map((i) => i.name), []);
  // Hours without PH/WD/OD still answer: a 24/7 toilet nearby is open.
  const open247 = await srv.fetch('/api/v1/facilities', { method: 'POST', token: admin.token, json: {
    kind: 'toilet', name: '全天公厕', address: '滨河北路 99 号', lat: 37.535, lon: 111.14, opening_hours: '24/7',
  } });
  assert.equal(open247.status, 201, open247.text);
  const withAllDay = await nearToilets(`&open_at=${encodeURIComponent(NEW_YEAR)}`);
  assert.deepEqual(withAllDay.body.items.map((i) => i.name), ['全天公厕']);

  // The evaluator says why.
  const why = await srv.fetch('/api/v1/hours/evaluate?' + new URLSearchParams({ expr: 'Mo-Fr 08:00-12:00,14:30-18:00; PH off', at: NEW_YEAR }));
  assert.equal(why.status, 200, why.text);
  assert.deepEqual(why.body, { state: 'unknown', comment: 'holidays for 2027 not yet loaded', next_change: null });
  // The last covered day ends at midnight into the unknown year.
  const lastDay = await srv.fetch('/api/v1/hours/evaluate?' + new URLSearchParams({
    expr: 'Mo-Fr 08:00-12:00,14:30-18:00; PH off', at: '2026-12-31T19:00:00+08:00', until: '2027-01-02T00:00:00+08:00' }));
  assert.deepEqual(lastDay.body.intervals, [
    { from: '2026-12-31T19:00:00+08:00', until: '2027-01-01T00:00:00+08:00', state: 'closed', comment: null },
    { from: '2027-01-01T00:00:00+08:00', until: '2027-01-02T00:00:00+08:00', state: 'unknown', comment: 'holidays for 2027 not yet loaded' },
  ]);
  assert.equal(lastDay.body.next_change, '2027-01-01T00:00:00+08:00');

  // Loading 2027 (元旦 only, for the test) answers the question.
  const put = await srv.fetch('/api/v1/calendar/2027', { method: 'PUT', token: admin.token, json: {
    days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] } });
  assert.equal(put.status, 200, put.text);
  const after2027 = await nearToilets(`&open_at=${encodeURIComponent(NEW_YEAR)}`);
  assert.deepEqual(after2027.body.items.map((i) => i.name).sort(), ['全天公厕', '离石区图书馆共享厕所'].sort());
  // A working Monday: every office toilet is open again (the library rests on Mondays).
  const monday = await nearToilets(`&open_at=${encodeURIComponent('2027-01-04T10:00:00+08:00')}`);
  assert.equal(monday.body.items.length, 9);
  assert.ok(!monday.body.items.some((i) => i.name === '离石区图书馆共享厕所'));

  assert.equal((await srv.fetch('/api/v1/health')).body.calendar_covered_until, '2027-12-31');
  assert.match(readFileSync(srv.logPath, 'utf8'), /official calendar: 2027 replaced \(1 days\)/);
  assert.equal(metric((await srv.fetch('/metrics')).text, 'warmcity_calendar_covered_until_timestamp_seconds'), END_OF_2027);
});

test('loading a year is for admins only, and bad years are refused: health does not move', async () => {
  assert.equal((await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', json: { days: [] } })).status, 401);
  assert.equal((await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', token: worker.token, json: { days: [] } })).status, 403);
  const wrongType = await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', token: admin.token, json: { days: 'none' } });
  assert.equal(wrongType.status, 422, wrongType.text);
  const weekday = await srv.fetch('/api/v1/calendar/2028', { method: 'PUT', token: admin.token, json: {
    days: [{ date: '2028-01-04', kind: 'workday', name: '调休' }] } });
  assert.equal(weekday.status, 422, weekday.text);
  assert.deepEqual(weekday.body.errors.map((e) => e.field), ['days[0].date']);
  assert.equal((await srv.fetch('/api/v1/calendar/1969', { method: 'PUT', token: admin.token, json: { days: [] } })).status, 422);
  assert.equal((await srv.fetch('/api/v1/health')).body.calendar_covered_until, '2027-12-31');
});
