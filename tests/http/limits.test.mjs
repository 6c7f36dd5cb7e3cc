// Connection caps per client and network, the header deadline, room for new
// clients when slow ones hold every slot, client addresses behind a trusted
// proxy, and the limit on writes without a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './lib/server.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

function openIdle(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

test('connections over the per-client cap get 503 and are closed', async () => {
  const srv = await startServer({ args: ['--max-connections-per-client', '3'] });
  const idle = [];
  for (let i = 0; i < 3; i++) idle.push(await openIdle(srv.port));
  await new Promise((r) => setTimeout(r, 100));
  const { data } = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(statusOf(data), 503, data);
  assert.match(data, /too many open connections/);
  for (const s of idle) s.destroy();
  await new Promise((r) => setTimeout(r, 200));
  const ok = await srv.fetch('/api/v1/health');
  assert.equal(ok.status, 200);
  await srv.stop();
  srv.cleanup();
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

// A connection that has sent `bytes` of a header and nothing more.
function openSlow(port, { localAddress, bytes = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' } = {}) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress }, () => { s.write(bytes); resolve(s); });
    s.closedAt = null;
    s.on('close', () => { s.closedAt = Date.now(); });
    s.on('error', () => {});
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
    for (let i = 0; i < 20; i++) slow.push(await openSlow(srv.port));
    await sleep(100);
    for (let i = 0; i < 5; i++) {
      const res = await srv.fetch('/api/v1/health');
      assert.equal(res.status, 200, res.text);
    }
    await sleep(100);
    // The ones that waited longest made room, the oldest first.
    assert.ok(slow[0].closedAt !== null, 'the oldest slow connection is still open');
    assert.equal(slow[19].closedAt, null, 'the newest slow connection was closed');
    for (const s of slow) s.destroy();
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('connections over the per-network cap (/24) get 503', async () => {
  const srv = await startServer({ args: ['--max-connections-per-client', '3', '--max-connections-per-network', '4'] });
  try {
    const held = [];
    for (const a of ['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3']) held.push(await openSlow(srv.port, { localAddress: a }));
    await sleep(100);
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
    await sleep(200);
    assert.equal((await srv.fetch('/api/v1/health')).status, 200);
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
    // Holds 2.5 MB of the 3 MB budget while its body trickles in.
    const holder = await openSlow(srv.port, { bytes: header(2_500_000) + '{"category":' });
    await sleep(100);
    const refused = await rawRequest(srv.port, header(2_000_000));
    assert.equal(statusOf(refused.data), 503, refused.data);
    assert.match(refused.data, /Retry-After: 5/i);
    assert.match(refused.data, /too many large uploads/);
    // Small bodies need no budget.
    const small = await srv.fetch('/api/v1/appeals', { method: 'POST', json: { category: 'nope' } });
    assert.equal(small.status, 422, small.text);
    holder.destroy();
    await sleep(200);
    // Released: a 2 MB body is read again (and then refused for want of a session).
    const body = JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(2_000_000) });
    const after = await srv.fetch('/api/v1/facilities/import', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(after.status, 401, after.text);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
