// The test clock (`warmcity serve --now`, `warmcity demo --now`): the server's
// "now" starts at the given instant and runs on in real time, it says so in
// its log, and a malformed instant stops the server before it listens. Every
// clock test stands on 2026-06-01 (a Monday, no holiday), which the real clock
// has left behind for good, so "the server followed --now" cannot be luck.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

const NOW = '2026-06-01T10:00:00+08:00';
const servers = [];
after(async () => {
  for (const srv of servers) { await srv.stop(); srv.cleanup(); }
});
async function start(options) {
  const srv = await startServer(options);
  servers.push(srv);
  return srv;
}

// `at` left out: the route evaluates at the server's now.
const evaluateNow = (srv, expr) => srv.fetch('/api/v1/hours/evaluate?' + new URLSearchParams({ expr }));

test('serve --now: hours are evaluated at the given instant, and the log says it is a test clock', async () => {
  const srv = await start({ now: NOW });
  const office = await evaluateNow(srv, 'Mo-Fr 08:00-18:00');
  assert.equal(office.status, 200, office.text);
  assert.deepEqual(office.body, { state: 'open', comment: null, next_change: '2026-06-01T18:00:00+08:00' });
  // Before 10:00 on that day it is closed; a window that began at 10:00 is open.
  assert.equal((await evaluateNow(srv, 'Mo-Su 10:30-11:00')).body.next_change, '2026-06-01T10:30:00+08:00');
  assert.equal((await evaluateNow(srv, 'Mo-Su 10:30-11:00')).body.state, 'closed');
  const health = await srv.fetch('/api/v1/health');
  assert.equal(health.status, 200, health.text);
  assert.equal(health.body.calendar_covered_until, '2026-12-31');
  assert.match(readFileSync(srv.logPath, 'utf8'), /TEST clock that started at 2026-06-01T10:00:00\+08:00/);
});

test('serve without --now answers at the real time, and logs no test clock', async () => {
  const srv = await start({});
  const office = await evaluateNow(srv, 'Mo-Su 10:30-11:00');
  assert.equal(office.status, 200, office.text);
  assert.ok(office.body.next_change, office.text);
  assert.ok(Date.parse(office.body.next_change) > Date.parse('2026-06-02T00:00:00+08:00'), office.text);
  assert.doesNotMatch(readFileSync(srv.logPath, 'utf8'), /TEST clock/);
});

test('serve --now refuses an instant that is not RFC 3339 with an offset, before it listens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-clock-'));
  try {
    const bad = ['yesterday', '2026-06-01', '2026-06-01T10:00:00', '2026-02-30T10:00:00+08:00', ''];
    assert.ok(bad.length > 0);
    for (const now of bad) {
      const r = spawnSync(BIN, ['serve', '--db', join(dir, 'w.db'), '--port', '0', '--now', now],
        { encoding: 'utf8', timeout: 20000 });
      assert.notEqual(r.status, 0, `--now ${JSON.stringify(now)} was accepted: ${r.stdout}`);
      assert.equal(r.error, undefined, `--now ${JSON.stringify(now)}: ${r.error}`);
      assert.doesNotMatch(r.stdout, /listening on/);
      assert.match(r.stderr, /--now/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('demo --now stamps the demo data at the given instant', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-clock-demo-'));
  const db = testDatabase(dir);
  const r = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum', '--now', NOW],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /TEST clock/);
  const srv = await start({ dir, db, now: NOW });
  const list = await srv.fetch('/api/v1/facilities?limit=50');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.length > 0, 'the demo has facilities');
  for (const f of list.body.items) {
    assert.ok(f.created_at.startsWith('2026-06-01T10:0'), `${f.name}: created_at ${f.created_at}`);
  }
});
