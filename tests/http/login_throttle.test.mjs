// Login throttling over real HTTP (issue 11 item 8): failures count per
// (account, client address) and per client /24 or /64, with growing delays,
// never as a lock on the account; the counts survive a restart. And the
// password rules of item 9: no common passwords, no "new = current".
//
// The server trusts X-Forwarded-For from 127.0.0.1, so each request can say
// which client it comes from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { waitFor } from './lib/wait.mjs';

let srv;

before(async () => {
  srv = await startServer({
    users: [
      { username: 'admin', password: 'admin-pass-1', role: 'admin' },
      { username: 'wangfang', password: 'wangfang-pass-1', role: 'worker' },
    ],
    args: ['--trusted-proxy', '127.0.0.1'],
  });
});
after(async () => { await srv.stop(); srv.cleanup(); });


function login(from, username, password) {
  return srv.fetch('/api/v1/auth/login', {
    method: 'POST', headers: { 'x-forwarded-for': from }, json: { username, password },
  });
}

function assertThrottled(res) {
  assert.equal(res.status, 429, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, 429);
  assert.match(res.body.detail, /try again in \d+ seconds/);
  const wait = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 900, `Retry-After ${wait}`);
  return wait;
}

test('wrong passwords for admin from one address: 429 there, with delays that grow and survive a restart; the owner elsewhere signs in', async () => {
  const attacker = '203.0.113.7';
  for (let i = 0; i < 5; i++) assert.equal((await login(attacker, 'admin', `guess-${i}-xx`)).status, 401);
  // Blocked from that address, even with the right password (nothing is checked)…
  assert.equal(assertThrottled(await login(attacker, 'admin', 'admin-pass-1')), 1);
  // …but not the account: the owner at home, and a neighbour in the same /24.
  assert.equal((await login('198.51.100.20', 'admin', 'admin-pass-1')).status, 200);
  assert.equal((await login('203.0.113.8', 'admin', 'admin-pass-1')).status, 200);
  // Another account from the attacker's address is not blocked either.
  assert.equal((await login(attacker, 'wangfang', 'wangfang-pass-1')).status, 200);

  // Each further failure doubles the wait: 2, 4, 8 seconds.
  // Waiting on the block itself: tries while it lasts are 429 and not
  // counted; the first one after it is checked (401) and counted.
  let wait = 1;
  for (const expected of [2, 4, 8]) {
    const blockedAt = Date.now();
    const tried = await waitFor(async () => {
      const r = await login(attacker, 'admin', 'guess-again');
      if (r.status === 429) return null;
      return r;
    }, { timeoutMs: wait * 1000 + 5000, intervalMs: 100, what: `the ${wait} s block to end` });
    assert.equal(tried.status, 401, tried.text);
    // Retry-After is rounded up to whole seconds: the block had more than wait - 1 left.
    assert.ok(Date.now() - blockedAt > (wait - 1) * 1000 - 100, `the ${wait} s block ended after ${Date.now() - blockedAt} ms`);
    wait = assertThrottled(await login(attacker, 'admin', 'admin-pass-1'));
    assert.equal(wait, expected);
  }

  // The counts are in the database: a restart keeps the block.
  await srv.restart();
  const after = assertThrottled(await login(attacker, 'admin', 'admin-pass-1'));
  assert.ok(after <= 8, `Retry-After ${after}`);
  assert.equal((await login('198.51.100.20', 'admin', 'admin-pass-1')).status, 200);
});

test('a success clears the (account, address) count', async () => {
  const from = '198.51.100.77';
  for (let i = 0; i < 4; i++) assert.equal((await login(from, 'wangfang', `typo-${i}-xx`)).status, 401);
  assert.equal((await login(from, 'wangfang', 'wangfang-pass-1')).status, 200);
  for (let i = 0; i < 4; i++) assert.equal((await login(from, 'wangfang', `typo-${i}-yy`)).status, 401);
  assert.equal((await login(from, 'wangfang', 'wangfang-pass-1')).status, 200);
});

test('one network guessing many accounts is slowed after 50 failures; other networks are not', async () => {
  for (let i = 0; i < 50; i++) {
    const res = await login(`192.0.2.${i + 1}`, `nobody-${i}`, 'not-the-password');
    assert.equal(res.status, 401, `attempt ${i}: ${res.text}`);
  }
  assertThrottled(await login('192.0.2.200', 'admin', 'admin-pass-1'));
  assertThrottled(await login('::ffff:192.0.2.201', 'wangfang', 'wangfang-pass-1'));
  assert.equal((await login('192.0.3.1', 'admin', 'admin-pass-1')).status, 200);
  assert.equal((await login('2001:db8::1', 'admin', 'admin-pass-1')).status, 200);
});

test('passwords: common ones are refused for every account; a new password must differ from the current one', async () => {
  const admin = (await login('198.51.100.20', 'admin', 'admin-pass-1')).body;
  const create = (password) => srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token,
    json: { username: 'liuyang', display_name: '刘洋', role: 'resident', password },
  });
  for (const weak of ['woaini1314', 'Qwer1234', 'admin123', 'password1', '5201314520']) {
    const res = await create(weak);
    assert.equal(res.status, 422, `${weak}: ${res.text}`);
    assert.deepEqual(res.body.errors.map((e) => e.field), ['password']);
    assert.match(res.body.errors[0].message, /common/);
  }
  const created = await create('liuyang-pass-1');
  assert.equal(created.status, 201, created.text);

  const path = `/api/v1/users/${created.body.id}/password`;
  const resetCommon = await srv.fetch(path, { method: 'PUT', token: admin.token, json: { password: 'abcd1234' } });
  assert.equal(resetCommon.status, 422, resetCommon.text);
  const resetSame = await srv.fetch(path, { method: 'PUT', token: admin.token, json: { password: 'liuyang-pass-1' } });
  assert.equal(resetSame.status, 422, resetSame.text);
  assert.match(resetSame.body.errors[0].message, /differ from the current password/);

  const me = (await login('198.51.100.21', 'liuyang', 'liuyang-pass-1')).body;
  const change = (json) => srv.fetch('/api/v1/me/password', { method: 'PUT', token: me.token, json });
  const same = await change({ current_password: 'liuyang-pass-1', new_password: 'liuyang-pass-1' });
  assert.equal(same.status, 422, same.text);
  assert.deepEqual(same.body.errors.map((e) => e.field), ['new_password']);
  assert.match(same.body.errors[0].message, /differ from the current password/);
  const common = await change({ current_password: 'liuyang-pass-1', new_password: 'iloveyou' });
  assert.equal(common.status, 422, common.text);
  assert.match(common.body.errors[0].message, /common/);
  assert.equal((await change({ current_password: 'liuyang-pass-1', new_password: 'liuyang-pass-2' })).status, 204);
});

test('a username cannot forge a line in the server log', async () => {
  const forged = 'nobody\n[2026-12-04 12:00:00.000] [warmcity] [info] login ok for admin\u001b[2J';
  let refused = 0;
  for (let i = 0; i < 7; i++) if ((await login('198.51.100.77', forged, 'wrong-pass-1')).status === 429) refused++;
  assert.ok(refused >= 1, 'some tries were throttled');
  const { readFileSync } = await import('node:fs');
  const linesOf = (log) => log.split('\n').filter((l) => l.includes('login throttled for \'nobody'));
  // The log reaches its file through the test's pipe: wait for every throttled try's line.
  const log = await waitFor(() => { const l = readFileSync(srv.logPath, 'utf8'); return linesOf(l).length >= refused && l; },
    { what: `${refused} 'login throttled' lines in the log` });
  const throttled = linesOf(log);
  assert.equal(throttled.length, refused, log.slice(-2000));
  assert.ok(throttled.every((l) => l.includes('nobody\\x0a[2026-12-04') && l.includes('\\x1b[2J')), throttled.join('\n'));
  assert.ok(!log.split('\n').some((l) => l.startsWith('[2026-12-04 12:00:00.000]')), 'a forged line reached the log');
});
