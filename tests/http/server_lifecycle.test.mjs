// What docs/operations.md promises about a connection's life, each against a
// real server started with short values: the read timeout (a body that stops
// half way), the keep-alive idle timeout, SIGINT with a request in flight
// (answered, exit 0, the write committed, integrity ok), and the access log
// (one line per request in the documented shape, no phone number, code or
// token in it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, integrityCheck } from './lib/server.mjs';
import { statusOf } from './lib/raw.mjs';

// A raw connection that records what it received and when it closed;
// `until(pred)` waits (with a deadline) for its data to satisfy `pred`.
function connect(port) {
  return new Promise((resolve, reject) => {
    const c = { data: '', closedAt: null, waiters: [] };
    c.sock = net.connect(port, '127.0.0.1', () => resolve(c));
    c.sock.on('data', (d) => { c.data += d; c.waiters.forEach((w) => w()); });
    c.sock.on('close', () => { c.closedAt = Date.now(); c.waiters.forEach((w) => w()); });
    c.sock.on('error', (e) => { if (!c.sock.connecting) return; reject(e); });
    c.until = (pred, ms = 5000, what = 'condition') => new Promise((done, fail) => {
      const check = () => {
        if (pred(c)) { clearTimeout(timer); c.waiters = c.waiters.filter((w) => w !== check); done(c); }
      };
      const timer = setTimeout(() => fail(new Error(`${what} not reached in ${ms} ms; got ${JSON.stringify(c.data.slice(0, 300))}`)), ms);
      c.waiters.push(check);
      check();
    });
  });
}
const closed = (c) => c.closedAt !== null;
const answered = (c) => /\r\n\r\n[\s\S]*\}$/.test(c.data);

// Polls `fn` every 20 ms until it returns a truthy value or `ms` pass.
async function waitFor(fn, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}


const kFeedback = JSON.stringify({ topic: 'service', message: '关机时在途的请求' });
const feedbackHeader = (token, length, extra = '') => 'POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\n' +
  `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

test('read timeout: a body that stops half way is closed after --read-timeout-ms, unanswered', async () => {
  const srv = await startServer({ args: ['--read-timeout-ms', '600', '--header-timeout-ms', '20000', '--idle-timeout-ms', '20000'] });
  try {
    const c = await connect(srv.port);
    // Expect: 100-continue makes the server say when it has the header and starts reading the body.
    c.sock.write(feedbackHeader('x', 100, 'Expect: 100-continue\r\n'));
    await c.until((x) => /^HTTP\/1\.1 100/.test(x.data), 5000, '100 Continue');
    const bodyStarted = Date.now();
    c.sock.write('{"topic": "ser');
    await c.until(closed, 5000, 'close');
    const after = c.closedAt - bodyStarted;
    assert.ok(after >= 500 && after < 3000, `closed ${after} ms after the body began (read timeout 600 ms)`);
    assert.doesNotMatch(c.data.replace(/^HTTP\/1\.1 100[^\r]*\r\n\r\n/, ''), /HTTP\/1\.1/, 'nothing but 100 Continue was answered');
    // The server itself is unharmed.
    assert.equal((await srv.fetch('/api/v1/health')).status, 200);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('idle timeout: a keep-alive connection left idle is closed after --idle-timeout-ms; a busy one is not', async () => {
  const srv = await startServer({ args: ['--idle-timeout-ms', '700', '--header-timeout-ms', '20000'] });
  try {
    const c = await connect(srv.port);
    const get = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';
    c.sock.write(get);
    await c.until(answered, 5000, 'the first answer');
    assert.equal(statusOf(c.data), 200, c.data);
    assert.doesNotMatch(c.data, /connection: close/i);
    // Kept busy with a request every 300 ms (less than the idle time), it stays open past 700 ms.
    const started = Date.now();
    for (let i = 1; i <= 4; i++) {
      await new Promise((r) => setTimeout(r, 300));
      c.sock.write(get);
      await c.until((x) => (x.data.match(/HTTP\/1\.1 200/g) || []).length === i + 1, 5000, `answer ${i + 1}`);
    }
    assert.ok(Date.now() - started >= 1200 && !closed(c), 'an active keep-alive connection stays open');
    // Then left idle: closed after about 700 ms.
    const idleFrom = Date.now();
    await c.until(closed, 5000, 'the idle close');
    const idle = c.closedAt - idleFrom;
    assert.ok(idle >= 600 && idle < 3000, `closed after ${idle} ms idle (idle timeout 700 ms)`);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('SIGINT: the request in flight is answered and committed, exit 0, integrity ok', async () => {
  const srv = await startServer({ users: [{ username: 'writer', password: 'writer-pass-1', role: 'resident' }] });
  try {
    const { token } = await srv.login('writer', 'writer-pass-1');
    const body = Buffer.from(kFeedback);
    const c = await connect(srv.port);
    c.sock.write(feedbackHeader(token, body.length, 'Expect: 100-continue\r\n'));
    // The header is read: this request is in flight.
    await c.until((x) => /^HTTP\/1\.1 100/.test(x.data), 5000, '100 Continue');
    c.sock.write(body.subarray(0, 10));
    // An idle keep-alive connection beside it is closed at once.
    const idle = await connect(srv.port);
    idle.sock.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await idle.until(answered, 5000, 'the idle connection\'s answer');

    srv.proc.kill('SIGINT');
    await waitFor(() => readFileSync(srv.logPath, 'utf8').includes('shutting down'), 5000, 'the shutdown log line');
    await idle.until(closed, 3000, 'the idle connection closed');
    assert.equal(closed(c), false, 'the connection in flight was cut');
    // No new connections now.
    await assert.rejects(new Promise((resolve, reject) => {
      const s = net.connect(srv.port, '127.0.0.1', () => { s.destroy(); resolve(); });
      s.on('error', reject);
    }), /ECONNREFUSED/);

    c.sock.write(body.subarray(10));
    await c.until(answered, 5000, 'the in-flight answer');
    assert.equal(statusOf(c.data.replace(/^HTTP\/1\.1 100[^\r]*\r\n\r\n/, '')), 201, c.data);
    assert.match(c.data, /connection: close/i);
    const id = JSON.parse(c.data.slice(c.data.lastIndexOf('\r\n\r\n') + 4)).id;
    assert.ok(Number.isInteger(id));

    const { code, signal } = await srv.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    // (The harness copies stderr to the file asynchronously: wait for the line.)
    await waitFor(() => readFileSync(srv.logPath, 'utf8').includes('stopped cleanly'), 5000, 'the clean stop in the log');
    assert.equal(integrityCheck(srv.db), 'ok');
    assert.equal(srv.sql(`SELECT message FROM feedback WHERE id = ${id};`), '关机时在途的请求');
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('the access log: one line per request (time, address, method, path, status, µs), no phone, code or token', async () => {
  const srv = await startServer({ users: [{ username: 'admin', password: 'admin-pass-1', role: 'admin' }] });
  const logFile = join(srv.dir, 'access.log');
  await srv.stop();
  srv.args.push('--access-log', logFile, '--sms-sender', 'log');
  await srv.start();
  try {
    const phone = '13812345678';
    const requests = [];  // [method, path, status] as the log must say them
    const send = async (method, target, opts, status) => {
      const r = await srv.fetch(target, { method, ...opts });
      assert.equal(r.status, status, `${method} ${target}: ${r.text}`);
      requests.push([method, target.split('?')[0], status]);
      return r;
    };
    const admin = await send('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'admin-pass-1' } }, 200);
    await send('GET', '/api/v1/health', {}, 200);
    await send('POST', '/api/v1/auth/phone/code', { json: { phone } }, 202);
    const code = await waitFor(() => readFileSync(srv.logPath, 'utf8')
      .match(new RegExp(`sms \\(log sender\\) to ${phone}: .*?(\\d{6})`)), 5000, 'the log sender\'s line');
    const resident = await send('POST', '/api/v1/auth/phone/login', { json: { phone, code: code[1] } }, 200);
    await send('GET', '/api/v1/me', { token: resident.body.token }, 200);
    await send('GET', `/api/v1/feedback?limit=5&phone=${phone}&token=${admin.body.token}`, { token: admin.body.token }, 200);
    await send('GET', '/api/v1/no/such/thing', {}, 404);
    assert.equal(await srv.stop(), 0);  // flushes the log

    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, requests.length, lines.join('\n'));
    lines.forEach((line, i) => {
      const m = line.match(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d) access (\S+) (\S+) (\S+) (\d{3}) (\d+)us$/);
      assert.ok(m, `line ${i} has the documented shape: ${line}`);
      assert.ok(!Number.isNaN(Date.parse(m[1])), m[1]);
      assert.equal(m[2], '127.0.0.1');
      assert.deepEqual([m[3], m[4], Number(m[5])], requests[i]);
    });
    const text = lines.join('\n');
    for (const secret of [phone, phone.slice(3), code[1], admin.body.token, resident.body.token, 'admin-pass-1']) {
      assert.ok(!text.includes(secret), `the access log holds ${secret}`);
    }
    assert.ok(!existsSync(logFile + '.1'));
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('the access log goes to stderr by default and nowhere with --access-log off', async () => {
  const line = / access 127\.0\.0\.1 GET \/api\/v1\/health 200 \d+us$/m;
  const byDefault = await startServer();
  try {
    assert.equal((await byDefault.fetch('/api/v1/health')).status, 200);
    assert.equal(await byDefault.stop(), 0);
    // The harness copies stderr to the file asynchronously: wait for the last line.
    await waitFor(() => readFileSync(byDefault.logPath, 'utf8').includes('stopped cleanly'), 5000, 'the clean stop in the log');
    assert.match(readFileSync(byDefault.logPath, 'utf8'), line);
  } finally {
    await byDefault.stop();
    byDefault.cleanup();
  }
  const off = await startServer({ args: ['--access-log', 'off'] });
  try {
    assert.equal((await off.fetch('/api/v1/health')).status, 200);
    assert.equal(await off.stop(), 0);
    await waitFor(() => readFileSync(off.logPath, 'utf8').includes('stopped cleanly'), 5000, 'the clean stop in the log');
    assert.doesNotMatch(readFileSync(off.logPath, 'utf8'), / access /);
  } finally {
    await off.stop();
    off.cleanup();
  }
});
