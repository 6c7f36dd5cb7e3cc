// The handler pool (--handler-threads): a request that waits longer than
// --handler-wait-ms for a handler thread is answered 503 with Retry-After: 1,
// on a connection that stays open, and the server answers normally after.
// The one handler thread is kept busy by a large area import (GeoJSON parsed
// and checked on the handler thread, refused 422 for its last feature, so
// nothing is written) while /api/v1/health is asked again and again.
// On PostgreSQL, a handler thread whose connection the database ended opens
// a new one: only the read that found it lost fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startWithAdminAndResident, startServer, ENGINE, PG_ADMIN_URL, sql } from './lib/server.mjs';

const ring = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

// About 4.5 MB of valid squares and one broken ring at the end: parsing and
// checking it holds the handler thread for a few hundred ms on a plain build
// (more under the sanitizers), far beyond the 50 ms wait.
function largeImport(n = 20000) {
  const features = [];
  for (let i = 0; i < n; i++) {
    const x = 111 + (i % 200) * 0.001;
    const y = 37 + Math.floor(i / 200) * 0.001;
    features.push({
      type: 'Feature',
      properties: { level: 'subdistrict', name: `a${i}`, code: `C${i}` },
      geometry: { type: 'Polygon', coordinates: [ring(x, y, x + 0.0009, y + 0.0009)] },
    });
  }
  features.push({
    type: 'Feature',
    properties: { level: 'subdistrict', name: 'broken', code: 'BROKEN' },
    geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] },
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

// GET over one kept-alive connection; `reused` tells whether the request went
// over a connection an earlier answer left open.
function getter(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path) => new Promise((resolve, reject) => {
    const req = http.get(url + path, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
  return { get, close: () => agent.destroy() };
}

test('a request that waits past --handler-wait-ms is answered 503 with Retry-After; the server goes on', async () => {
  const { srv, admin } = await startWithAdminAndResident({ args: ['--handler-threads', '1', '--handler-wait-ms', '50'] });
  const probe = getter(srv.url);
  try {
    assert.equal((await probe.get('/api/v1/health')).status, 200);

    let importDone = false;
    const importing = srv.fetch('/api/v1/areas/import', {
      method: 'POST', token: admin.token, body: largeImport(), headers: { 'content-type': 'application/json' },
    }).finally(() => { importDone = true; });

    const answers = [];
    while (!importDone) {
      answers.push(await probe.get('/api/v1/health'));
      await new Promise((r) => setTimeout(r, 5));
    }
    const imported = await importing;
    assert.equal(imported.status, 422, imported.text);
    assert.match(imported.body.detail, /nothing was imported/);

    for (const a of answers) assert.ok(a.status === 200 || a.status === 503, `${a.status} ${a.text}`);
    const refused = answers.filter((a) => a.status === 503);
    assert.ok(refused.length >= 1, `no probe was refused among ${answers.length} while the import held the one handler thread`);
    for (const r of refused) {
      assert.equal(r.headers['retry-after'], '1');
      assert.match(r.headers['content-type'], /^application\/problem\+json/);
      const body = JSON.parse(r.text);
      assert.equal(body.status, 503);
      assert.match(body.detail, /no handler thread was free within 50 ms/);
      assert.ok(body.type && body.title);
      assert.notEqual(r.headers.connection, 'close');
    }

    // The connection that got the first 503 stayed open, and the server answers normally.
    const after = await probe.get('/api/v1/health');
    assert.equal(after.status, 200, after.text);
    assert.equal(JSON.parse(after.text).database, 'ok');
    const firstRefused = answers.findIndex((a) => a.status === 503);
    const next = answers[firstRefused + 1] || after;
    assert.equal(next.reused, true, 'the request after a 503 went over the same connection');

    // GET /metrics counts every refusal (at least those the probes saw).
    const metrics = await probe.get('/metrics');
    assert.equal(metrics.status, 200);
    const waited = Number(metrics.text.match(/^warmcity_http_handler_refused_total\{reason="waited"\} (\d+)$/m)?.[1]);
    assert.ok(waited >= refused.length, `refused_total waited=${waited}, probes refused ${refused.length}`);
    assert.match(metrics.text, /^warmcity_http_handler_threads 1$/m);
    assert.match(metrics.text, /^warmcity_http_requests_total\{route="\/api\/v1\/health",status="503"\} \d+$/m);
  } finally {
    probe.close();
    assert.equal(await srv.stop(), 0);
    srv.cleanup();
  }
});

test('by default requests run on the I/O threads on SQLite and on 16 handler threads on PostgreSQL', async () => {
  const srv = await startServer();
  try {
    const metrics = await srv.fetch('/metrics');
    assert.equal(metrics.status, 200);
    if (ENGINE === 'postgres') {
      assert.match(metrics.text, /^warmcity_http_handler_threads 16$/m);
    } else {
      assert.doesNotMatch(metrics.text, /warmcity_http_handler_threads/);
    }
  } finally {
    assert.equal(await srv.stop(), 0);
    srv.cleanup();
  }
});

test('--handler-threads and --handler-wait-ms refuse values out of range', async () => {
  for (const args of [['--handler-threads', '-1'], ['--handler-wait-ms', '0'], ['--handler-threads', 'x']]) {
    await assert.rejects(startServer({ args }), /server exited with/, args.join(' '));
  }
});

test('on PostgreSQL a handler thread whose connection was ended reconnects: only the read that found it lost fails',
  { skip: ENGINE !== 'postgres' && 'PostgreSQL only' }, async () => {
    const srv = await startServer({ args: ['--handler-threads', '2'] });
    try {
      // The threads open their connections (a thread that served none of
      // these has none to lose: it cannot add a failure below).
      for (let i = 0; i < 20; i++) assert.equal((await srv.fetch('/api/v1/health')).status, 200);
      const name = new URL(srv.db).pathname.slice(1);
      const ended = Number(sql(PG_ADMIN_URL, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE datname = '${name}' AND pid <> pg_backend_pid()`));
      assert.ok(ended >= 1, 'the server had connections to end');
      const answers = [];
      for (let i = 0; i < 20; i++) answers.push(await srv.fetch('/api/v1/health'));
      for (const a of answers) assert.ok(a.status === 200 || a.status === 503, `${a.status} ${a.text}`);
      const failed = answers.filter((a) => a.status === 503);
      assert.ok(failed.length <= 2, `at most one failed read per handler thread: ${answers.map((a) => a.status)}`);
      for (const f of failed) assert.equal(f.body.database, 'unreachable');
      assert.equal(answers.at(-1).status, 200);
      assert.equal(answers.at(-1).body.database, 'ok');
    } finally {
      assert.equal(await srv.stop(), 0);
      srv.cleanup();
    }
  });
