// Connection caps per client, and client addresses behind a trusted proxy.
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
