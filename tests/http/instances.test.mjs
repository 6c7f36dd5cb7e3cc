// Issue #14: any number of `warmcity serve` share one PostgreSQL database
// behind a load balancer. Two servers, A and B, on one database with nginx in
// front (tests/http/lib/cluster.mjs); PostgreSQL only (ctest http.instances).
//  - a session made on A works on B and through nginx; signing out on B ends
//    it on A;
//  - a facility created, moved or suspended on A shows so in B's nearby
//    answer within 1 s (× slowFactor());
//  - nginx deals requests to A and B in turn, every one succeeds, and each
//    server believes nginx's X-Forwarded-For (its access log names the
//    client's address);
//  - both servers sweep the appeals every second, and each appeal made
//    overdue (the clock moved on 10 days) is escalated exactly once, even
//    when both sweeps read the same overdue appeals before either commits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ADMIN, RESIDENT, sql } from './lib/server.mjs';
import { startCluster } from './lib/cluster.mjs';
import { slowFactor } from './lib/slow.mjs';
import { waitFor } from './lib/wait.mjs';

// A Monday without holidays; the appeals' sweep test moves on 10 days.
const NOW = '2026-06-01T10:00:00+08:00';
const LATER = '2026-06-11T10:00:00+08:00';

let cluster;
let a;
let b;
before(async () => {
  cluster = await startCluster({ instances: 2, users: [ADMIN, RESIDENT], now: NOW, args: ['--appeals-sweep-seconds', '1'] });
  [a, b] = cluster.servers;
});
after(async () => { await cluster.stop(); });

const me = (srv, token) => srv.fetch('/api/v1/me', { token });

test('a session made on A is accepted on B and through nginx; signing out on B ends it on A', async () => {
  const s = await a.login(ADMIN.username, ADMIN.password);
  const onB = await me(b, s.token);
  assert.equal(onB.status, 200, onB.text);
  assert.equal(onB.body.username, ADMIN.username);
  // The cookie too (a GET needs no CSRF token).
  const byCookie = await b.fetch('/api/v1/me', { headers: { cookie: s.cookie } });
  assert.equal(byCookie.status, 200, byCookie.text);
  // Through nginx: four in a row reach both servers.
  const served = new Set();
  for (let i = 0; i < 4; i++) {
    const r = await cluster.fetch('/api/v1/me', { token: s.token });
    assert.equal(r.status, 200, r.text);
    served.add(cluster.serverOf(r));
  }
  assert.deepEqual([...served].sort((x, y) => x.port - y.port), [a, b].sort((x, y) => x.port - y.port));

  // A session made through nginx (on whichever server) works on both.
  const viaNginx = await cluster.fetch('/api/v1/auth/login', { method: 'POST', json: { username: RESIDENT.username, password: RESIDENT.password } });
  assert.equal(viaNginx.status, 200, viaNginx.text);
  assert.equal((await me(a, viaNginx.body.token)).status, 200);
  assert.equal((await me(b, viaNginx.body.token)).status, 200);

  // Signed out on B: over on A, on B and through nginx; the other session lives on.
  assert.equal((await b.fetch('/api/v1/auth/logout', { method: 'POST', token: s.token })).status, 204);
  assert.equal((await me(a, s.token)).status, 401);
  assert.equal((await a.fetch('/api/v1/me', { headers: { cookie: s.cookie } })).status, 401);
  assert.equal((await me(b, s.token)).status, 401);
  for (let i = 0; i < 2; i++) assert.equal((await cluster.fetch('/api/v1/me', { token: s.token })).status, 401);
  assert.equal((await me(a, viaNginx.body.token)).status, 200);
  // A token nobody issued is refused by both.
  const forged = s.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  assert.equal((await me(a, forged)).status, 401);
  assert.equal((await me(b, forged)).status, 401);
  // A wrong password through nginx: refused, and no session made.
  const wrong = await cluster.fetch('/api/v1/auth/login', { method: 'POST', json: { username: ADMIN.username, password: 'not-the-password' } });
  assert.equal(wrong.status, 401, wrong.text);
});

// ~111 m per 0.001 degree of latitude; the facilities stand far from the
// district centre so nothing else is near them.
const spot = (northMetres) => ({ lat: 37.60 + northMetres / 111195, lon: 111.20 });
const nearbyIds = async (srv, at) => {
  const r = await srv.fetch(`/api/v1/facilities/nearby?lat=${at.lat}&lon=${at.lon}&kind=love_station&radius_m=100&limit=50`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.map((i) => i.id);
};

// Polls B's nearby until `seen(ids)` holds; fails after 1 s × slowFactor().
// Returns the milliseconds it took from the moment A answered.
async function visibleOnB(t, what, at, seen, since) {
  const limit = 1000 * slowFactor();
  let ids;
  for (;;) {
    ids = await nearbyIds(b, at);
    const took = Date.now() - since;
    if (seen(ids)) {
      t.diagnostic(`${what}: visible on B after ${took} ms`);
      return took;
    }
    if (took > limit) assert.fail(`${what}: B's nearby still answers ${JSON.stringify(ids)} ${took} ms after A's answer (limit ${limit} ms)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a facility created, moved and suspended on A shows so in B\'s nearby within 1 s', async (t) => {
  const admin = await a.login(ADMIN.username, ADMIN.password);
  const here = spot(0);
  const there = spot(2000);
  assert.deepEqual(await nearbyIds(b, here), []);

  const made = await a.fetch('/api/v1/facilities', {
    method: 'POST', token: admin.token,
    json: { kind: 'love_station', name: '双实例驿站', address: '测试路 1 号', ...here, opening_hours: '24/7', amenities: { heating: true } },
  });
  assert.equal(made.status, 201, made.text);
  const id = made.body.id;
  await visibleOnB(t, 'created', here, (ids) => ids.includes(id), Date.now());
  // A's own answer has it at once.
  assert.ok((await nearbyIds(a, here)).includes(id));

  const moved = await a.fetch(`/api/v1/facilities/${id}`, { method: 'PATCH', token: admin.token, json: there });
  assert.equal(moved.status, 200, moved.text);
  const movedAt = Date.now();
  await visibleOnB(t, 'moved (found at the new place)', there, (ids) => ids.includes(id), movedAt);
  await visibleOnB(t, 'moved (gone from the old place)', here, (ids) => !ids.includes(id), movedAt);

  const suspended = await a.fetch(`/api/v1/facilities/${id}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '检修' } });
  assert.equal(suspended.status, 200, suspended.text);
  await visibleOnB(t, 'suspended (gone)', there, (ids) => !ids.includes(id), Date.now());

  // A change refused on A (bad input) changes nothing on B.
  const bad = await a.fetch(`/api/v1/facilities/${id}`, { method: 'PATCH', token: admin.token, json: { lat: 91, lon: 111.2 } });
  assert.equal(bad.status, 422, bad.text);
  const reopened = await a.fetch(`/api/v1/facilities/${id}`, { method: 'PATCH', token: admin.token, json: { status: 'active' } });
  assert.equal(reopened.status, 200, reopened.text);
  await visibleOnB(t, 'active again', there, (ids) => ids.includes(id), Date.now());
  assert.deepEqual(await nearbyIds(b, here), []);
});

test('nginx deals requests to A and B in turn, all succeed, and each server logs the forwarded client address', async () => {
  const order = [];
  for (let i = 1; i <= 10; i++) {
    const r = await cluster.fetch(`/api/v1/health?n=${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    assert.equal(r.status, 200, r.text);
    const srv = cluster.serverOf(r);
    assert.ok(srv, `answered by ${r.headers.get('x-upstream')}, not A or B`);
    order.push(srv);
  }
  for (let i = 1; i < order.length; i++) assert.notEqual(order[i], order[i - 1], `requests ${i} and ${i + 1} went to the same server`);
  // Each server's access log has the addresses of the requests it answered
  // (nginx is a trusted proxy), and none of the other's.
  const logged = (srv, i) => new RegExp(` access 198\\.51\\.100\\.${i} GET /api/v1/health\\S* 200 `).test(readFileSync(srv.logPath, 'utf8'));
  for (let i = 1; i <= 10; i++) {
    const srv = order[i - 1];
    await waitFor(() => logged(srv, i), { timeoutMs: 5000, what: `198.51.100.${i} in ${srv.logPath}` });
    assert.ok(!logged(srv === a ? b : a, i), `198.51.100.${i} logged by both servers`);
  }
  // Writes, reads and refusals alike through nginx: 20 in a row.
  const admin = await a.login(ADMIN.username, ADMIN.password);
  for (let i = 0; i < 20; i++) {
    const r = i % 2
      ? await cluster.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: `轮询单位 ${i}` } })
      : await cluster.fetch('/api/v1/facilities/nearby?lat=37.52&lon=111.14');
    assert.equal(r.status, i % 2 ? 201 : 200, r.text);
  }
  assert.equal(sql(cluster.db, "SELECT count(*) FROM organisations WHERE name LIKE '轮询单位 %'"), '10');
  const refused = await cluster.fetch('/api/v1/facilities/nearby?lat=north&lon=111.14');
  assert.equal(refused.status, 422, refused.text);
});

// psql holding LOCK TABLE appeal_events IN SHARE MODE until release(): a
// sweep that has read the overdue appeals and updated them waits there to
// record its events, so the other server's sweep reads the same appeals
// before the first commits — the race two instances would lose without a
// lock of their own.
async function holdEventsTable(db) {
  const proc = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  proc.stdin.write('BEGIN;\nLOCK TABLE appeal_events IN SHARE MODE;\n');
  await waitFor(() => sql(db, "SELECT count(*) FROM pg_locks WHERE relation = 'appeal_events'::regclass AND mode = 'ShareLock' AND granted") === '1'
    || proc.exitCode !== null, { what: 'the lock on appeal_events' });
  if (proc.exitCode !== null) throw new Error(`psql: ${stderr}`);
  return {
    async release() {
      proc.stdin.end('COMMIT;\n');
      const code = await exited;
      if (code !== 0) throw new Error(`psql exited with ${code}: ${stderr}`);
    },
  };
}

test('both servers sweep every second; each appeal made overdue is escalated exactly once', async (t) => {
  const admin = await a.login(ADMIN.username, ADMIN.password);
  const resident = await a.login(RESIDENT.username, RESIDENT.password);
  const org = await a.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区住建局' } });
  assert.equal(org.status, 201, org.text);
  await a.createUser(admin, 'zhujian', 'department', [org.body.id]);
  const cat = await a.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'roads', name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: org.body.id, response_hours: 24, resolution_days: 5 },
  });
  assert.equal(cat.status, 201, cat.text);
  const N = 40;
  const ids = [];
  for (let i = 0; i < N; i++) {
    const r = await a.fetch('/api/v1/appeals', {
      method: 'POST', token: resident.token,
      json: { category: 'roads', description: `第 ${i} 号:路面坑洼`, lat: 37.52, lon: 111.14, contact: { name: '王阿姨', phone: '13812345678' } },
    });
    assert.equal(r.status, 201, r.text);
    ids.push(r.body.id);
  }
  // Due in 24 hours: nothing to escalate yet, though both sweep every second.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(sql(cluster.db, "SELECT count(*) FROM appeal_events WHERE action = 'escalate'"), '0');

  // 10 days on, both servers at once, while the events table is held.
  const hold = await holdEventsTable(cluster.db);
  let waiting;
  try {
    await cluster.restart({ now: LATER });
    // Sweeps waiting on a lock (the events table, the other's rows, or a
    // lock the servers share): one at least, then up to 2.5 s for a second;
    // released well inside the servers' lock_timeout (5 s).
    const waiters = () => Number(sql(cluster.db,
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"));
    await waitFor(() => waiters() >= 1, { timeoutMs: 10000 * slowFactor(), what: 'a sweep waiting on the held events table' });
    const deadline = Date.now() + 2500;
    while ((waiting = waiters()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(sql(cluster.db, "SELECT count(*) FROM appeal_events WHERE action = 'escalate'"), '0');
  } finally {
    await hold.release();
  }
  t.diagnostic(`sweeps waiting on a lock when released: ${waiting}`);

  await waitFor(() => sql(cluster.db, 'SELECT count(*) FROM appeals WHERE escalation = 2') === String(N),
    { timeoutMs: 10000 * slowFactor(), what: `all ${N} appeals escalated` });
  // Two more sweeps of each server: still once each.
  await new Promise((r) => setTimeout(r, 2500));
  const rows = sql(cluster.db, `SELECT appeal_id, count(*), min(detail) FROM appeal_events
    WHERE action = 'escalate' GROUP BY appeal_id ORDER BY appeal_id`).split('\n');
  const counts = Object.fromEntries(rows.map((row) => { const [id, n] = row.split('|'); return [id, Number(n)]; }));
  assert.deepEqual(Object.keys(counts).map(Number).sort((x, y) => x - y), [...ids].sort((x, y) => x - y));
  const twice = Object.entries(counts).filter(([, n]) => n !== 1).map(([id, n]) => `${id}×${n}`);
  assert.equal(twice.length, 0, `${twice.length} of ${N} appeals escalated more than once: ${twice.join(' ')}`);
  for (const row of rows) assert.match(row.split('|')[2], /"level":"overdue"/);
  // Both servers still serve the supervision list, from the one database.
  for (const srv of cluster.servers) {
    const s = await srv.login(ADMIN.username, ADMIN.password);
    const list = await srv.fetch('/api/v1/appeals/supervision?limit=100', { token: s.token });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.items.filter((x) => ids.includes(x.id)).length, N);
  }
});
