// Connection caps per client and network, the header deadline, room for new
// clients when slow ones hold every slot, client addresses behind a trusted
// proxy, and the limit on writes without a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './lib/server.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';
import { waitFor } from './lib/wait.mjs';

// A keep-alive connection that has been answered once and now waits for its
// next request: admitted and idle.
function openIdle(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'));
    let data = '';
    s.on('data', (d) => {
      data += d;
      if (/\r\n\r\n[\s\S]*\}$/.test(data)) {
        if (statusOf(data) === 200) resolve(s);
        else reject(new Error(`the idle connection was answered ${data.slice(0, 100)}`));
      }
    });
    s.on('error', reject);
  });
}

// Polls /api/v1/health on new connections until one is answered 200 (the
// server has noticed closed connections and released their slots); every
// answer before must be `meanwhile`. Returns how many were refused.
async function healthOnceFreed(port, meanwhile = 503, ms = 5000) {
  const deadline = Date.now() + ms;
  for (let refused = 0; ; refused++) {
    const { data } = await rawRequest(port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    if (statusOf(data) === 200) return refused;
    assert.equal(statusOf(data), meanwhile, data);
    assert.ok(Date.now() < deadline, `still ${meanwhile} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('connections over the per-client cap get 503 and are closed', async () => {
  const srv = await startServer({ args: ['--max-connections-per-client', '3'] });
  const idle = [];
  try {
    for (let i = 0; i < 3; i++) idle.push(await openIdle(srv.port));
    const { data } = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(statusOf(data), 503, data);
    assert.match(data, /too many open connections/);
    for (const s of idle) s.destroy();
    await healthOnceFreed(srv.port);
  } finally {
    for (const s of idle) s.destroy();
    await srv.stop();
    srv.cleanup();
  }
});

test('behind a trusted proxy the client address comes from X-Forwarded-For; otherwise it is ignored', async () => {
  const users = [{ username: 'admin', password: 'admin-pass-1', role: 'admin' }];
  const login = (srv, xff) => srv.fetch('/api/v1/auth/login', {
    method: 'POST', headers: { 'x-forwarded-for': xff }, json: { username: 'admin', password: 'wrong-pass-0' },
  });
  const lastFailure = async (srv) => {
    const { token } = await srv.login('admin', 'admin-pass-1');
    const res = await srv.fetch('/api/v1/audit?action=auth.login_failed&limit=1', { token });
    return res.body.items[0].client_address;
  };

  const proxied = await startServer({ users, args: ['--trusted-proxy', '127.0.0.1'] });
  assert.equal((await login(proxied, '203.0.113.9, 198.51.100.7')).status, 401);
  assert.equal(await lastFailure(proxied), '198.51.100.7');
  await proxied.stop();
  proxied.cleanup();

  const direct = await startServer({ users });
  assert.equal((await login(direct, '198.51.100.7')).status, 401);
  assert.equal(await lastFailure(direct), '127.0.0.1');
  await direct.stop();
  direct.cleanup();
});

test('writes without a session: limited per address and per /24, 429 with Retry-After', async () => {
  const srv = await startServer({
    users: [{ username: 'liyi', password: 'resident-pass-1', role: 'resident' }],
    args: ['--trusted-proxy', '127.0.0.1', '--anonymous-writes-per-minute', '3',
      '--anonymous-writes-per-minute-per-network', '5'],
  });
  try {
    const post = (from, token) => srv.fetch('/api/v1/appeals', {
      method: 'POST', token, json: { category: 'nope', description: '测试' }, headers: { 'x-forwarded-for': from },
    });
    // Three from one address reach the route (422: no such category) …
    for (let i = 0; i < 3; i++) assert.equal((await post('203.0.113.7')).status, 422);
    const limited = await post('203.0.113.7');
    assert.equal(limited.status, 429, limited.text);
    assert.match(limited.headers.get('content-type'), /^application\/problem\+json/);
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 20, `Retry-After ${wait}`);
    assert.match(limited.body.detail, /try again in \d+ s/);
    // … a neighbour in the same /24 gets the network's remaining two …
    assert.equal((await post('203.0.113.8')).status, 422);
    assert.equal((await post('203.0.113.8')).status, 422);
    assert.equal((await post('203.0.113.9')).status, 429);
    // … another network is untouched, and so is a signed-in resident.
    assert.equal((await post('198.51.100.1')).status, 422);
    const { token } = await srv.login('liyi', 'resident-pass-1');
    assert.equal((await post('203.0.113.7', token)).status, 422);
    // Reads are never limited.
    assert.equal((await srv.fetch('/api/v1/health', { headers: { 'x-forwarded-for': '203.0.113.7' } })).status, 200);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

// A connection that has sent `bytes` of a header and nothing more. With
// `continued`, `bytes` is a whole header with Expect: 100-continue and the
// promise waits for the server's 100 Continue (the header has been read).
function openSlow(port, { localAddress, bytes = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n', continued = false } = {}) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress }, () => {
      s.write(bytes);
      if (!continued) resolve(s);
    });
    s.closedAt = null;
    s.data = '';
    s.on('data', (d) => {
      s.data += d;
      if (continued && /^HTTP\/1\.1 100 /.test(s.data)) resolve(s);
      else if (continued) reject(new Error(`no 100 Continue: ${s.data.slice(0, 200)}`));
    });
    s.on('close', () => { s.closedAt = Date.now(); if (continued) reject(new Error(`closed: ${s.data.slice(0, 200)}`)); });
    s.on('error', () => {});
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Waits until `s` is closed by the server, at most `ms`.
async function closedWithin(s, ms) {
  const deadline = Date.now() + ms;
  while (s.closedAt === null && Date.now() < deadline) await sleep(10);
  return s.closedAt !== null;
}

test('a header trickled byte by byte is cut off at the header deadline', async () => {
  const srv = await startServer({ args: ['--header-timeout-ms', '1000'] });
  try {
    const started = Date.now();
    const s = await openSlow(srv.port, { bytes: 'GET /api/v1/health HTTP/1.1\r\n' });
    // One header line every 200 ms: each byte is on time, the whole is not.
    for (let i = 0; i < 25 && s.closedAt === null; i++) {
      s.write(`X-Slow-${i}: y\r\n`);
      await sleep(200);
    }
    assert.ok(s.closedAt !== null, 'the slow connection is still open after 5 s');
    assert.ok(s.closedAt - started < 2500, `closed after ${s.closedAt - started} ms`);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('with every slot held by slow headers, a new client still gets in', async () => {
  const srv = await startServer({
    args: ['--max-connections', '20', '--max-connections-per-client', '1000', '--max-connections-per-network', '1000'],
  });
  try {
    const slow = [];
    // Accepted in the order they connected, so the clients after them find every slot held.
    for (let i = 0; i < 20; i++) slow.push(await openSlow(srv.port));
    for (let i = 0; i < 5; i++) {
      const { data } = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      assert.equal(statusOf(data), 200, data);
    }
    // The ones that waited longest made room, the oldest first (how many
    // depends on how soon the answered clients' slots came back: 1 to 5).
    assert.ok(await closedWithin(slow[0], 3000), `the oldest slow connection is still open: ${slow.map((s) => s.closedAt !== null)}`);
    // The closes run on the server's I/O threads and reach us in any order:
    // judge the set once it has stopped changing for half a second.
    let last = '';
    let since = Date.now();
    const closed = await waitFor(() => {
      const now = slow.map((s) => s.closedAt !== null);
      if (String(now) !== last) {
        last = String(now);
        since = Date.now();
        return null;
      }
      return Date.now() - since >= 500 ? now : null;
    }, { timeoutMs: 5000, what: 'the slow connections to stop closing' });
    const n = closed.indexOf(false);
    assert.ok(n >= 1 && n <= 5, `${n} slow connections closed`);
    assert.ok(closed.slice(n).every((c) => !c), `a newer slow connection was closed before an older one: ${closed}`);
    for (const s of slow) s.destroy();
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('--max-connections: when every connection is busy with a request the next gets 503; one closing makes room', async () => {
  const srv = await startServer({
    args: ['--max-connections', '4', '--max-connections-per-client', '1000', '--max-connections-per-network', '1000'],
  });
  const busy = [];
  try {
    // Four requests whose headers are read (100 Continue) and whose bodies never come.
    const header = 'POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 100\r\nExpect: 100-continue\r\n\r\n';
    for (let i = 0; i < 4; i++) busy.push(await openSlow(srv.port, { bytes: header, continued: true }));
    // None of them waits for a header, so none is closed to make room: the fifth is refused.
    for (let i = 0; i < 3; i++) {
      const { data, closed } = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.equal(statusOf(data), 503, data);
      assert.match(data, /too many open connections/);
      assert.ok(closed, 'the refused connection is closed');
    }
    for (const s of busy) assert.equal(s.closedAt, null, 'a busy connection was closed');
    // One finishes (its client goes away): a new client gets in.
    busy[0].destroy();
    const refused = await healthOnceFreed(srv.port);
    assert.ok(refused < 250, `${refused} refusals before the slot was freed`);
    for (const s of busy.slice(1)) assert.equal(s.closedAt, null, 'a busy connection was closed');
  } finally {
    for (const s of busy) s.destroy();
    await srv.stop();
    srv.cleanup();
  }
});

test('connections over the per-network cap (/24) get 503', async () => {
  const srv = await startServer({ args: ['--max-connections-per-client', '3', '--max-connections-per-network', '4'] });
  try {
    const held = [];
    // Accepted in the order they connected: the fifth finds the four admitted.
    for (const a of ['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3']) held.push(await openSlow(srv.port, { localAddress: a }));
    const other = await new Promise((resolve) => {
      const s = net.connect({ port: srv.port, host: '127.0.0.1', localAddress: '127.0.0.4' }, () => {
        s.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let data = '';
      s.on('data', (d) => { data += d; });
      s.on('close', () => resolve(data));
      s.on('error', () => resolve(data));
    });
    assert.equal(statusOf(other), 503, other);
    for (const s of held) s.destroy();
    await healthOnceFreed(srv.port);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('large bodies share a memory budget: beyond it 503 with Retry-After, released when done', async () => {
  const srv = await startServer({ args: ['--max-upload-memory-mb', '3'] });
  try {
    // A facility import (16 MiB at most) takes large bodies.
    const header = (bytes) => 'POST /api/v1/facilities/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${bytes}\r\n\r\n`;
    // Holds 2.5 MB of the 3 MB budget while its body trickles in (its
    // 100 Continue says the header is read and the memory reserved).
    const holder = await openSlow(srv.port, { bytes: header(2_500_000).replace('\r\n\r\n', '\r\nExpect: 100-continue\r\n\r\n'), continued: true });
    holder.write('{"category":');
    const refused = await rawRequest(srv.port, header(2_000_000));
    assert.equal(statusOf(refused.data), 503, refused.data);
    assert.match(refused.data, /Retry-After: 5/i);
    assert.match(refused.data, /too many large uploads/);
    // Small bodies need no budget.
    const small = await srv.fetch('/api/v1/appeals', { method: 'POST', json: { category: 'nope' } });
    assert.equal(small.status, 422, small.text);
    holder.destroy();
    // Released once the server sees the close: a 2 MB body is read again
    // (and then refused for want of a session); 503 only until then.
    const body = JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(2_000_000) });
    const deadline = Date.now() + 5000;
    let after;
    for (;;) {
      after = await srv.fetch('/api/v1/facilities/import', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
        .catch((e) => ({ status: 'error', text: String(e.cause?.code || e) }));
      // Refused (or cut off while sending) only while the budget is still held.
      if ((after.status !== 503 && after.status !== 'error') || Date.now() > deadline) break;
      await sleep(20);
    }
    assert.equal(after.status, 401, after.text);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
