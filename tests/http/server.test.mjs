// The HTTP server itself: health, metrics, OpenAPI, routing errors, limits,
// request-smuggling defence, graceful shutdown.
import { test, before, after } from 'node:test';
import net from 'node:net';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startServer } from './lib/server.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

let srv;
let admin;
before(async () => {
  srv = await startServer({ users: [{ username: 'admin', password: 'admin-pass-1', role: 'admin' }] });
  admin = await srv.login('admin', 'admin-pass-1');
});
after(async () => { await srv.stop(); srv.cleanup(); });

function assertProblem(res, status) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.ok(res.body.type && res.body.title && res.body.detail, 'problem has type, title, detail');
}

test('health reports the database, version and uptime', async () => {
  const res = await srv.fetch('/api/v1/health');
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
  assert.equal(res.body.database, 'ok');
  assert.match(res.body.version, /^\d+\.\d+\.\d+$/);
  assert.ok(Number.isInteger(res.body.uptime_seconds));
});

test('HEAD answers like GET without a body', async () => {
  const res = await fetch(srv.url + '/api/v1/health', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get('content-length')) > 0);
  assert.equal(await res.text(), '');
});

test('metrics count requests by route and status and show the writer', async () => {
  await srv.fetch('/api/v1/health');
  await srv.fetch('/api/v1/nowhere');
  await srv.fetch('/api/v1/feedback', { method: 'POST', token: admin.token, json: { topic: 'app', message: '好用' } });
  const res = await srv.fetch('/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.match(res.text, /warmcity_http_requests_total\{route="\/api\/v1\/health",status="200"\} \d+/);
  assert.match(res.text, /warmcity_http_requests_total\{route="unmatched",status="404"\} \d+/);
  assert.match(res.text, /warmcity_http_request_duration_seconds_bucket\{route="\/api\/v1\/health",le="\+Inf"\} \d+/);
  assert.match(res.text, /warmcity_writer_queue_depth \d+/);
  assert.match(res.text, /warmcity_writer_batch_size_bucket\{le="1"\} \d+/);
  assert.match(res.text, /warmcity_writer_commits_total [1-9]\d*/);
  // Through a proxy (which adds X-Forwarded-For) it is not there at all.
  const proxied = await srv.fetch('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(proxied.status, 404);
  assert.ok(!proxied.text.includes('warmcity_'));
});

test('with --metrics-token, /metrics answers to that bearer token only', async () => {
  const other = await startServer({ args: ['--metrics-token', 'm3trics-s3cret-t0ken'] });
  try {
    assert.equal((await other.fetch('/metrics')).status, 404);
    assert.equal((await other.fetch('/metrics', { headers: { authorization: 'Bearer wrong' } })).status, 404);
    const ok = await other.fetch('/metrics', { headers: { authorization: 'Bearer m3trics-s3cret-t0ken' } });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /warmcity_http_requests_total/);
  } finally {
    await other.stop();
    other.cleanup();
  }
});

test('the OpenAPI document is served and passes a real validator', async () => {
  const res = await srv.fetch('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  const api = await SwaggerParser.validate(res.body);
  assert.equal(api.openapi, '3.0.3');
  assert.ok(api.paths['/api/v1/health'].get);
});

test('unknown route: 404 problem', async () => {
  assertProblem(await srv.fetch('/api/v1/no/such/thing'), 404);
});

test('wrong method: 405 problem with Allow', async () => {
  const res = await srv.fetch('/api/v1/health', { method: 'DELETE' });
  assertProblem(res, 405);
  assert.match(res.headers.get('allow'), /GET/);
});

test('malformed percent-escape in the query: 400', async () => {
  assertProblem(await srv.fetch('/api/v1/feedback?limit=%zz', { token: admin.token }), 400);
});

test('a request with both Transfer-Encoding and Content-Length is refused', async () => {
  const { data } = await rawRequest(srv.port,
    'POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
  assert.equal(statusOf(data), 400, data);
  assert.match(data, /Transfer-Encoding and Content-Length/);
});

test('a Transfer-Encoding that does not end in chunked is refused', async () => {
  const { data } = await rawRequest(srv.port,
    'POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: gzip\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(statusOf(data), 400, data);
  assert.match(data, /must end in chunked/);
  assert.equal((data.match(/HTTP\/1\.1/g) || []).length, 1, 'the smuggled request was not answered');
});

test('a header over 16 KiB is refused with 431', async () => {
  const { data } = await rawRequest(srv.port,
    `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`);
  assert.equal(statusOf(data), 431, data.slice(0, 200));
  assert.match(data, /header-too-large/);
});

test('a body for a route that does not exist is never read: 404 at once', async () => {
  // Announces 1 MiB but sends none of it: the answer comes from the header.
  const { data, timedOut } = await rawRequest(srv.port,
    'POST /api/v1/nowhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n',
    { timeoutMs: 3000 });
  assert.equal(statusOf(data), 404, data);
  assert.ok(!timedOut, 'the server waited for the body');
  const get = await srv.fetch('/api/v1/health', { method: 'GET', headers: {} });
  assert.equal(get.status, 200);
});

test('a GET route takes no body: 413', async () => {
  const { data } = await rawRequest(srv.port,
    'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
  assert.equal(statusOf(data), 413, data);
});

test('an HTTP/1.1 request without Host is refused; HTTP/1.0 needs none', async () => {
  const { data } = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(data), 400, data);
  assert.match(data, /must carry a Host header/);
  const old = await rawRequest(srv.port, 'GET /api/v1/health HTTP/1.0\r\n\r\n');
  assert.equal(statusOf(old.data), 200, old.data);
});

test('API answers are never cached unless the route says so', async () => {
  const health = await srv.fetch('/api/v1/health');
  assert.equal(health.headers.get('cache-control'), 'no-store');
  const me = await srv.fetch('/api/v1/me', { token: admin.token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.headers.get('cache-control'), 'no-store');
  assert.equal((await srv.fetch('/api/v1/openapi.json')).headers.get('cache-control'), 'public, max-age=300');
});

test('garbage instead of HTTP is a 400, not a crash', async () => {
  const { data } = await rawRequest(srv.port, 'HELLO THERE\r\n\r\n');
  assert.equal(statusOf(data), 400);
  assert.equal((await srv.fetch('/api/v1/health')).status, 200);
});

test('a body over the route limit is refused with 413', async () => {
  const res = await srv.fetch('/api/v1/feedback', {
    method: 'POST', token: admin.token,
    json: { topic: 'app', message: 'x'.repeat(20 * 1024) },
  });
  assertProblem(res, 413);
  // Over the route limit: refused from the announced length, before any of the body is sent.
  const { data } = await rawRequest(srv.port,
    `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${1100 * 1024}\r\n\r\n`);
  assert.equal(statusOf(data), 413, data);
  assert.match(data, /application\/problem\+json/);
  assert.match(data, /larger than this route accepts \(\d+ bytes\)/);
});

test('keep-alive: several requests on one connection', async () => {
  const req = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';
  const { data } = await rawRequest(srv.port, req + req + 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal((data.match(/HTTP\/1\.1 200/g) || []).length, 3);
});

test('SIGTERM with idle keep-alive connections on every I/O thread: each is closed at once', async () => {
  // Connections go to the I/O threads in turn (--threads 2): six idle ones
  // sit on both. Each has answered once and waits for its next request.
  const idle = await Promise.all(Array.from({ length: 6 }, () => new Promise((resolve, reject) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    let data = '';
    sock.on('connect', () => sock.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'));
    sock.on('data', (c) => {
      data += c;
      if (/\r\n\r\n[\s\S]*\}/.test(data)) {
        const closed = new Promise((done) => sock.on('close', () => done(Date.now())));
        resolve({ data, closed });
      }
    });
    sock.on('error', reject);
  })));
  for (const c of idle) assert.equal(statusOf(c.data), 200);
  const asked = Date.now();
  assert.equal(await srv.stop(), 0);
  for (const c of idle) assert.ok((await c.closed) - asked < 3000, 'closed well before the grace period');
  await srv.start();
  assert.equal((await srv.fetch('/api/v1/health')).status, 200);
});

test('SIGTERM: stops cleanly with exit code 0, then restarts on the same data', async () => {
  const posted = await srv.fetch('/api/v1/feedback', { method: 'POST', token: admin.token, json: { topic: 'service', message: '重启前' } });
  assert.equal(posted.status, 201);
  assert.equal(await srv.stop(), 0);
  await srv.start();
  const again = await srv.fetch(`/api/v1/feedback/${posted.body.id}`, { token: admin.token });
  assert.equal(again.status, 200);
  assert.equal(again.body.message, '重启前');
});
