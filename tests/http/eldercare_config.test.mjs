// Elder care's configuration (issue 16: "the tiers' intervals are
// configuration", errands "due within 48 hours by default (configurable)",
// the escalation clock "30 minutes by default"): `warmcity serve` takes
// --visit-days-high|priority|general, --errand-due-hours and
// --escalation-minutes. A server started with other values answers by them —
// a visit's next due, an elder's first visit, an errand's due time (typed at
// the desk or raised from a visit's finding), the escalation's deadline and
// the dashboard's overdue count — and a value out of range, not a whole
// number, or tiers whose days decrease from high to general stop the server
// before it opens the database or listens, with one line naming the flag.
// The server runs on the test clock at 2026-06-01 10:00 +08:00 (a Monday).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './lib/server.mjs';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const NOW = '2026-06-01T10:00:00+08:00';
const HOUR = 3600 * 1000;
const FLAGS = ['--visit-days-high', '3', '--visit-days-priority', '14', '--visit-days-general', '60',
  '--errand-due-hours', '24', '--escalation-minutes', '10'];
let w;
before(async () => {
  w = await startEldercareWorld({ now: NOW, args: FLAGS });
  const team = await w.api('POST', '/api/v1/elder-teams', {
    grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
    volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7',
  }, 201);
  assert.ok(team.id);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const send = (method, path, json, who = w.callers.workerGrid) => w.srv.fetch(path, { method, json, token: who.token });
const ago = (minutes) => new Date(Date.parse(NOW) - minutes * 60000).toISOString().replace('Z', '+00:00');

test('the tiers\' intervals: a visit that saw her is next due after 3, 14 or 60 days; a new record\'s first visit after 3', async () => {
  const high = await w.createElder({ name: '张桂兰', risk_tier: 'high' });
  const first = await send('GET', `/api/v1/elders/${high.id}/visits`);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.due.reason, 'first_visit');
  assert.equal(first.body.due.due_from, '2026-06-04T00:00:00+08:00', 'opened today, high: three days on');

  const cases = [[high, '2026-06-04'], [await w.createElder({ name: '李秀兰', risk_tier: 'priority' }), '2026-06-15'],
    [await w.createElder({ name: '赵月娥', risk_tier: 'general' }), '2026-07-31']];
  for (const [elder, day] of cases) {
    const v = await send('POST', `/api/v1/elders/${elder.id}/visits`, { how: 'phone', outcome: 'seen_well' });
    assert.equal(v.status, 201, v.text);
    assert.equal(v.body.next_due.reason, 'interval');
    assert.equal(v.body.next_due.due_from, `${day}T00:00:00+08:00`, `${elder.risk_tier}: ${v.text}`);
  }
});

test('an errand is due 24 hours after it was received, typed at the desk or raised from a visit', async () => {
  const elder = await w.createElder({ name: '郭玉珍' });
  const typed = await send('POST', `/api/v1/elders/${elder.id}/errands`,
    { kind: 'shopping', lines: [{ text: '鸡蛋', quantity: 2, budget_fen: 1500 }] });
  assert.equal(typed.status, 201, typed.text);
  assert.equal(Date.parse(typed.body.due_at) - Date.parse(typed.body.received_at), 24 * HOUR);

  const visit = await send('POST', `/api/v1/elders/${elder.id}/visits`,
    { how: 'home', outcome: 'concern', findings: '冰箱空了' });
  assert.equal(visit.status, 201, visit.text);
  const raised = await send('POST', `/api/v1/visits/${visit.body.id}/raise`, { errand: { kind: 'task', text: '买一周的菜' } });
  assert.equal(raised.status, 201, raised.text);
  const errand = await send('GET', raised.body.href);
  assert.equal(errand.status, 200, errand.text);
  assert.equal(Date.parse(errand.body.due_at) - Date.parse(errand.body.received_at), 24 * HOUR);
});

test('nobody answers: the escalation is overdue 10 minutes after the visit, on the list and the dashboard', async () => {
  const elder = await w.createElder({ name: '王凤英' });
  const none = await send('POST', `/api/v1/elders/${elder.id}/visits`, { how: 'phone', outcome: 'nobody_answers', visited_at: ago(15) });
  assert.equal(none.status, 201, none.text);
  assert.equal(none.body.escalation.deadline, '2026-06-01T09:55:00+08:00', 'fifteen minutes ago plus ten');
  assert.equal(none.body.escalation.overdue, true);
  const fresh = await send('POST', `/api/v1/elders/${elder.id}/visits`, { how: 'phone', outcome: 'nobody_answers', visited_at: ago(5) });
  assert.equal(fresh.body.escalation.deadline, '2026-06-01T10:05:00+08:00');
  assert.equal(fresh.body.escalation.overdue, false, 'five minutes of ten gone');
  const overdue = await send('GET', `/api/v1/visits/due?community_id=${w.area['BH-STY']}&when=overdue`);
  assert.equal(overdue.status, 200, overdue.text);
  const hers = overdue.body.items.filter((i) => i.elder.id === elder.id);
  assert.deepEqual(hers.map((i) => [i.due.reason, i.visit_id]), [['escalation', none.body.id]]);
  const counts = await send('GET', `/api/v1/visits/counts?community_id=${w.area['BH-STY']}`, undefined, w.admin);
  assert.equal(counts.status, 200, counts.text);
  assert.equal(counts.body.escalations_overdue, 1, counts.text);
});

// `warmcity serve` with `args` on a fresh directory: its exit, its stderr,
// and what it left in the directory (nothing: it stopped before the database).
function refused(args) {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-config-'));
  try {
    const r = spawnSync(BIN, ['serve', '--db', join(dir, 'warmcity.db'), '--listen', '127.0.0.1', '--port', '0',
      '--web', '', ...args], { encoding: 'utf8', timeout: 60000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, left: readdirSync(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a bad value stops the server before it opens the database or listens, naming the flag', () => {
  const days = (flag, v) => new RegExp(`^${flag}: days are a whole number from 1 to 366, not ${v.replace('.', '\\.')}$`, 'm');
  const bad = [
    [['--visit-days-high', '0'], days('--visit-days-high', '0')],
    [['--visit-days-priority', '367'], days('--visit-days-priority', '367')],
    [['--visit-days-general', 'quarterly'], days('--visit-days-general', 'quarterly')],
    [['--visit-days-high', '2.5'], days('--visit-days-high', '2.5')],
    [['--visit-days-high', ''], days('--visit-days-high', '')],
    [['--errand-due-hours', '0'], /^--errand-due-hours: hours are a whole number from 1 to 720, not 0$/m],
    [['--errand-due-hours', '721'], /^--errand-due-hours: hours are a whole number from 1 to 720, not 721$/m],
    [['--errand-due-hours', '-3'], /^--errand-due-hours: hours are a whole number from 1 to 720, not -3$/m],
    [['--errand-due-hours', '48h'], /^--errand-due-hours: hours are a whole number from 1 to 720, not 48h$/m],
    [['--escalation-minutes', '0'], /^--escalation-minutes: minutes are a whole number from 1 to 1440, not 0$/m],
    [['--escalation-minutes', '1441'], /^--escalation-minutes: minutes are a whole number from 1 to 1440, not 1441$/m],
    [['--escalation-minutes', '30min'], /^--escalation-minutes: minutes are a whole number from 1 to 1440, not 30min$/m],
    [['--visit-days-high', '40'],
      /^warmcity: --visit-days-high \(40\) <= --visit-days-priority \(30\) <= --visit-days-general \(91\) does not hold/],
    [['--visit-days-priority', '120'], /--visit-days-priority \(120\) <= --visit-days-general \(91\) does not hold/],
  ];
  for (const [args, said] of bad) {
    const r = refused(args);
    assert.notEqual(r.status, 0, `${args.join(' ')}: exit ${r.status}, ${r.stderr}`);
    assert.match(r.stderr, said, args.join(' '));
    assert.doesNotMatch(r.stdout, /listening/, args.join(' '));
    assert.deepEqual(r.left, [], `${args.join(' ')}: nothing opened (${r.left})`);
  }
});

test('serve --help names the elder-care flags, their ranges and defaults', () => {
  const r = spawnSync(BIN, ['serve', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const [flag, range, value] of [['--visit-days-high', '1-366', 7], ['--visit-days-priority', '1-366', 30],
    ['--visit-days-general', '1-366', 91], ['--errand-due-hours', '1-720', 48], ['--escalation-minutes', '1-1440', 30]]) {
    assert.match(r.stdout, new RegExp(`${flag} INT:${range}=${value}\\s+elder care: `), flag);
  }
});
