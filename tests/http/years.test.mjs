// Years outside 1970–9999 are refused wherever a year, a date or a time comes
// in (issue 11, item 9): the calendar's {year}, the hours' at/until, nearby's
// open_at, the rates' month, the audit log's since, Open311's start_date.
// Inside the range, everything works to its last second.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

let srv;
let admin;
before(async () => {
  ({ srv, admin } = await startWithAdminAndResident());
});
after(async () => { await srv.stop(); srv.cleanup(); });

function assertRefused(res, field, message) {
  assert.equal(res.status, 422, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.deepEqual(res.body.errors.map((e) => e.field), [field], res.text);
  if (message) assert.match(res.text, message);
}

const kYears = /1970 to 9999/;

test('the calendar: a year outside 1970–9999 is 422 for GET and PUT; a year inside but not loaded stays 404', async () => {
  for (const year of ['1969', '0001', '0000', '1000', '10000', '99999999999999999999', '-2026']) {
    assertRefused(await srv.fetch(`/api/v1/calendar/${year}`), 'year', kYears);
    const put = await srv.fetch(`/api/v1/calendar/${year}`, { method: 'PUT', token: admin.token, json: { days: [] } });
    assertRefused(put, 'year', kYears);
  }
  assert.equal((await srv.fetch('/api/v1/calendar/1970')).status, 404);
  assert.equal((await srv.fetch('/api/v1/calendar/9999')).status, 404);
  assert.equal((await srv.fetch('/api/v1/calendar/02026')).status, 404);
  const last = await srv.fetch('/api/v1/calendar/9999', {
    method: 'PUT', token: admin.token, json: { days: [{ date: '9999-12-31', kind: 'holiday', name: '末日' }] },
  });
  assert.equal(last.status, 200, last.text);
  const audit = await srv.fetch('/api/v1/audit?action=calendar.update', { token: admin.token });
  assert.ok(audit.body.items.length > 0, audit.text); // the 9999 update at least
  assert.ok(audit.body.items.every((e) => e.subject_id !== '1969' && e.subject_id !== '1000'), audit.text);
});

test('hours: at and until outside 1970–9999 (district time) are 422; a change after 9999 is null', async () => {
  const evaluate = (params) => srv.fetch('/api/v1/hours/evaluate?' + new URLSearchParams({ expr: 'Mo-Fr 08:00-18:00', ...params }));
  assertRefused(await evaluate({ at: '0001-01-01T00:00:00Z' }), 'at', kYears);
  assertRefused(await evaluate({ at: '1969-12-31T23:59:59+08:00' }), 'at', kYears);
  assertRefused(await evaluate({ at: '9999-12-31T23:00:00Z' }), 'at', kYears); // 10000 in the district
  assertRefused(await evaluate({ at: '9999-12-25T00:00:00+08:00', until: '9999-12-31T23:00:00-10:00' }), 'until', kYears);
  const first = await evaluate({ at: '1970-01-01T00:00:00+08:00' });
  assert.equal(first.status, 200, first.text);
  const last = await evaluate({ at: '9999-12-31T20:00:00+08:00' }); // a Friday evening
  assert.equal(last.status, 200, last.text);
  assert.deepEqual(last.body, { state: 'closed', comment: null, next_change: null });
  const lastWeek = await evaluate({ at: '9999-12-30T00:00:00+08:00', until: '9999-12-31T23:59:59+08:00' });
  assert.equal(lastWeek.status, 200, lastWeek.text);
  assert.ok(lastWeek.body.intervals.length > 0, lastWeek.text);
  assert.ok(lastWeek.body.intervals.every((i) => /^9999-/.test(i.from) && /^9999-/.test(i.until)), lastWeek.text);
});

test('other dates and times in queries: outside 1970–9999 is 422', async () => {
  assertRefused(await srv.fetch('/api/v1/facilities/nearby?lat=37.52&lon=111.14&open_at=0001-01-01T00:00:00Z'), 'open_at');
  assertRefused(await srv.fetch('/api/v1/rates?month=1969-12', { token: admin.token }), 'month', /1970-01 to 9999-12/);
  assertRefused(await srv.fetch('/api/v1/rates?month=0001-01', { token: admin.token }), 'month', /1970-01 to 9999-12/);
  assertRefused(await srv.fetch('/api/v1/audit?since=0001-01-01T00:00:00Z', { token: admin.token }), 'since');
  const open311 = await srv.fetch('/open311/v2/requests.json?start_date=0001-01-01T00:00:00Z');
  assert.equal(open311.status, 400, open311.text);
  assert.match(open311.text, /start_date/);
  assert.equal((await srv.fetch('/api/v1/rates?month=1970-01', { token: admin.token })).status, 200);
});
