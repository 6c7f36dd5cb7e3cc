// Slow and many clients: a thousand connections that send nothing or trickle
// their header a byte a second do not keep a new client from its answer, and
// a client that does not read a large answer holds no thread (with one I/O
// thread, everybody else is still served while that answer waits).
//
// The held connections come from 127.0.0.2–127.0.0.5 (250 each), so the
// per-address cap (256) and the per-/24 cap (1024) stay at their defaults.
// The server is known to hold them when its process has that many more open
// descriptors; the stuck answer is seen in `ss` (bytes queued on both ends).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer } from './lib/server.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';
import { slowFactor } from './lib/slow.mjs';

const HELD = 1000;
const REQUEST = 'GET /api/v1/health HTTP/1.1\r\nHost: warmcity.test\r\n\r\n';

async function waitFor(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const openFiles = (pid) => readdirSync(`/proc/${pid}/fd`).length;

// Opens `count` connections from 127.0.0.2.. (250 per address); every other
// one trickles REQUEST a byte a second, the rest send nothing.
async function holdConnections(port, count) {
  const held = [];
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => new Promise((resolve, reject) => {
      const n = i + j;
      const sock = net.connect({ port, host: '127.0.0.1', localAddress: `127.0.0.${2 + Math.floor(n / 250)}` });
      const entry = { sock, trickle: n % 2 === 0, sent: 0, closed: false, data: '' };
      sock.on('connect', () => { held.push(entry); resolve(); });
      sock.on('data', (c) => { entry.data += c; });
      sock.on('error', () => {});
      sock.on('close', () => { entry.closed = true; });
      sock.once('error', reject);
    })));
  }
  const timer = setInterval(() => {
    for (const e of held) {
      if (e.trickle && !e.closed && e.sent < REQUEST.length - 1) e.sock.write(REQUEST[e.sent++]);
    }
  }, 1000);
  return { held, release: () => { clearInterval(timer); for (const e of held) e.sock.destroy(); } };
}

// A new client's GET /api/v1/health on a new connection: status and milliseconds.
async function timedHealth(port) {
  const start = performance.now();
  const r = await rawRequest(port, 'GET /api/v1/health HTTP/1.1\r\nHost: warmcity.test\r\nConnection: close\r\n\r\n');
  return { status: statusOf(r.data), ms: performance.now() - start };
}

async function newClientsServedFast(t, port, tries = 10) {
  const times = [];
  for (let i = 0; i < tries; i++) {
    const { status, ms } = await timedHealth(port);
    assert.equal(status, 200);
    times.push(ms);
  }
  assert.equal(times.length, tries);
  // Locked out, a new client would wait for the header timeout (60 s) or be
  // refused. Served, it waits for its turn on a busy machine: the median stays
  // under 100 ms and no one waits a second (a sanitizer build: slowFactor()
  // times that). One bound on every try failed on a loaded machine (166 ms once).
  const all = times.map((x) => x.toFixed(1)).join(', ');
  const median = [...times].sort((a, b) => a - b)[Math.floor(tries / 2)];
  const slowest = Math.max(...times);
  assert.ok(median < 100 * slowFactor(), `new clients waited a median ${median.toFixed(1)} ms for /api/v1/health (all: ${all})`);
  assert.ok(slowest < 1000 * slowFactor(), `a new client waited ${slowest.toFixed(1)} ms for /api/v1/health (all: ${all})`);
  t.diagnostic(`new clients' /api/v1/health: ${times.map((x) => x.toFixed(1)).join(', ')} ms`);
  return times;
}

test('1,000 idle and trickling connections do not keep a new client from /api/v1/health (median under 100 ms)', async (t) => {
  const srv = await startServer({ args: ['--max-connections', '2000', '--header-timeout-ms', '60000', '--access-log', 'off'] });
  let conns;
  try {
    const before = openFiles(srv.proc.pid);
    conns = await holdConnections(srv.port, HELD);
    assert.equal(conns.held.length, HELD);
    await waitFor('the server to hold every connection', () => openFiles(srv.proc.pid) >= before + HELD);
    // Some trickling headers are under way.
    await waitFor('the trickling clients to send bytes', () => conns.held.some((e) => e.sent >= 2));
    await newClientsServedFast(t, srv.port);
    // All of them are still open and nobody was answered: they were held, not dropped.
    assert.equal(conns.held.filter((e) => e.closed).length, 0);
    assert.equal(conns.held.filter((e) => e.data !== '').length, 0);
  } finally {
    conns?.release();
    await srv.stop();
    srv.cleanup();
  }
});

test('at max-connections, a new client still gets in: the connection waiting longest for a header makes room', async (t) => {
  const srv = await startServer({ args: ['--max-connections', String(HELD), '--header-timeout-ms', '60000', '--access-log', 'off'] });
  let conns;
  try {
    const before = openFiles(srv.proc.pid);
    conns = await holdConnections(srv.port, HELD);
    await waitFor('the server to hold every connection', () => openFiles(srv.proc.pid) >= before + HELD);
    assert.equal(conns.held.filter((e) => e.closed).length, 0);
    const times = await newClientsServedFast(t, srv.port);
    // The first newcomer found the server full and made room by closing the
    // connection that had waited longest (one of the first batch of 50);
    // later ones found that room (each newcomer leaves when answered).
    await waitFor('the evicted connection to close', () => conns.held.some((e) => e.closed));
    const closed = conns.held.map((e, i) => (e.closed ? i : -1)).filter((i) => i >= 0);
    assert.ok(closed.length >= 1 && closed.length <= times.length, `${closed.length} held connections closed for ${times.length} newcomers`);
    assert.ok(closed.every((i) => i < 50), `closed: ${closed.join(', ')}`);
  } finally {
    conns?.release();
    await srv.stop();
    srv.cleanup();
  }
});

// The established TCP connection between the two ports as `ss` sees it from
// each end: { server: {recvQ, sendQ} | null, client: {recvQ, sendQ} | null }.
function connection(serverPort, clientPort) {
  const r = spawnSync('ss', ['-tnH', 'state', 'established'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = { server: null, client: null };
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const q = { recvQ: Number(f[0]), sendQ: Number(f[1]) };
    if (f[2].endsWith(`:${serverPort}`) && f[3].endsWith(`:${clientPort}`)) out.server = q;
    if (f[2].endsWith(`:${clientPort}`) && f[3].endsWith(`:${serverPort}`)) out.client = q;
  }
  return out;
}
const backedUp = (c) => c.server?.sendQ > 0 && c.client?.recvQ > 0;

test('a client that does not read a large answer holds no thread: with one I/O thread others are served meanwhile', async (t) => {
  const srv = await startServer({ threads: 1, args: ['--web', 'web', '--access-log', 'off'] });
  const file = '/vendor/echarts@6.1.0/echarts.simple.min.js';
  const size = statSync(`web${file}`).size;
  // 50 MB: more than both ends' socket buffers can take (tcp_rmem may grow to 32 MB).
  const ANSWERS = 100;
  const slow = net.connect(srv.port, '127.0.0.1');
  try {
    const got = [];
    let ended = false;
    slow.on('data', (c) => got.push(c));
    slow.on('end', () => { ended = true; });
    await new Promise((r) => slow.on('connect', r));
    slow.pause();  // read nothing: the kernel buffers fill and the server's write waits
    let pipelined = '';
    for (let i = 0; i < ANSWERS; i++) {
      pipelined += `GET ${file} HTTP/1.1\r\nHost: warmcity.test\r\n${i === ANSWERS - 1 ? 'Connection: close\r\n' : ''}\r\n`;
    }
    slow.write(pipelined);
    await waitFor('the answer to back up on both ends', () => backedUp(connection(srv.port, slow.localPort)));

    // The one I/O thread is free: new clients are answered, reads and a write.
    await newClientsServedFast(t, srv.port);
    const facilities = await srv.fetch('/api/v1/facilities?limit=5');
    assert.equal(facilities.status, 200);
    assert.ok(backedUp(connection(srv.port, slow.localPort)), 'the slow answer was still waiting while the others were served');
    assert.equal(got.length, 0);

    // The slow reader then gets every answer, whole.
    slow.resume();
    await waitFor('the slow reader to get every answer', () => ended, 30000);
    const all = Buffer.concat(got);
    const heads = all.toString('latin1').match(/HTTP\/1\.1 200 OK\r\n/g) || [];
    assert.equal(heads.length, ANSWERS);
    assert.ok(all.length > ANSWERS * size, `${all.length} bytes for ${ANSWERS} answers of ${size}`);
  } finally {
    slow.destroy();
    await srv.stop();
    srv.cleanup();
  }
});

test('a client that never reads its answer is cut off after the read timeout', async () => {
  const srv = await startServer({ threads: 1, args: ['--web', 'web', '--access-log', 'off', '--read-timeout-ms', '1500'] });
  const file = '/vendor/echarts@6.1.0/echarts.simple.min.js';
  const slow = net.connect(srv.port, '127.0.0.1');
  try {
    await new Promise((r) => slow.on('connect', r));
    slow.pause();
    slow.write(`GET ${file} HTTP/1.1\r\nHost: warmcity.test\r\n\r\n`.repeat(40));
    await waitFor('the answer to back up on both ends', () => backedUp(connection(srv.port, slow.localPort)));
    const stuckAt = Date.now();
    // The server gives up on it: its end of the connection is no longer established.
    await waitFor('the server to close the stuck connection', () => connection(srv.port, slow.localPort).server === null, 10000);
    assert.ok(Date.now() - stuckAt < 5000);
    assert.equal((await timedHealth(srv.port)).status, 200);
  } finally {
    slow.destroy();
    await srv.stop();
    srv.cleanup();
  }
});
