// Slow routes run on the slow-work pool (--slow-threads, --slow-wait-ms), never
// on an I/O or handler thread. With 200,000 appeals in one month (20,000 on
// PostgreSQL) that the month aggregates have not rolled up yet, a rates report
// takes hundreds of milliseconds (until it is kept: a new event makes the next
// one compute it again); with one slow-work thread and a 50 ms wait,
// a burst of rates requests gets one or two reports and 503s with
// Retry-After for the rest (at once or after 50 ms, not after the reports
// ahead of them), while /api/v1/health keeps answering 200 quickly and
// GET /metrics counts the refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident, ENGINE, sql } from './lib/server.mjs';

const NOW = '2026-06-15T10:00:00+08:00';
const MONTH = '2026-06';
// A report adds the appeals not yet rolled up one by one: ~10 µs each on
// SQLite, ~100 µs on PostgreSQL (a few queries each), so fewer there.
const APPEALS = ENGINE === 'postgres' ? 20000 : 200000;

// APPEALS appeals of category `category` assigned to `org`, submitted in June 2026.
function seed(db, category, org) {
  const from = Date.UTC(2026, 5, 2) / 1000;
  const columns = `tracking_code, category_id, channel, state, description, anonymous, assigned_org_id,
    submitted_at, response_due, resolution_due, accepted_at, updated_at`;
  const values = (i) => `'SEED' || ${i}, ${category}, 'web', 'accepted', '测试诉求', 0, ${org},
    ${from} + ${i} * 10, ${from} + ${i} * 10 + 86400, ${from} + ${i} * 10 + 432000, ${from} + ${i} * 10 + 600,
    ${from} + ${i} * 10`;
  const query = ENGINE === 'postgres'
    ? `INSERT INTO appeals (${columns}) SELECT ${values('i')} FROM generate_series(1, ${APPEALS}) AS n(i);`
    : `INSERT INTO appeals (${columns})
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${APPEALS})
       SELECT ${values('i')} FROM n;`;
  sql(db, query, { readonly: false });
  assert.equal(sql(db, 'SELECT count(*) FROM appeals'), String(APPEALS));
  // Each with its submit event, which the month aggregates have not rolled
  // up yet (src/rates/rollup.h): a report adds all of them by itself.
  sql(db, `INSERT INTO appeal_events (appeal_id, at, actor_role, action, to_state, public)
    SELECT id, submitted_at, 'resident', 'submit', 'submitted', 1 FROM appeals;`, { readonly: false });
  assert.equal(sql(db, 'SELECT count(*) FROM appeal_events'), String(APPEALS));
}

async function timed(promise) {
  const t0 = performance.now();
  const r = await promise;
  return { ...r, ms: performance.now() - t0 };
}

test('rates run on the slow-work pool: health stays quick, excess rates get 503 with Retry-After', async (t) => {
  const { srv, admin } = await startWithAdminAndResident({
    now: NOW, args: ['--slow-threads', '1', '--slow-wait-ms', '50'],
  });
  try {
    const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区城管局' } });
    assert.equal(o.status, 201, o.text);
    await srv.createUser(admin, 'dept_slow', 'department', [o.body.id]);  // someone to act on its appeals
    const c = await srv.fetch('/api/v1/appeal-categories', {
      method: 'POST', token: admin.token,
      json: { code: 'cat_slow', name_zh: '城管事项', name_en: 'slow', group: '城市管理', department_org_id: o.body.id,
        response_hours: 24, resolution_days: 5, attributes: [] },
    });
    assert.equal(c.status, 201, c.text);
    seed(srv.db, sql(srv.db, "SELECT id FROM appeal_categories WHERE code = 'cat_slow'"), o.body.id);

    const rates = (format = 'json') => timed(srv.fetch(`/api/v1/rates?month=${MONTH}&by=department&format=${format}`, { token: admin.token }));
    const alone = await rates();
    assert.equal(alone.status, 200, alone.text);
    assert.equal(alone.body.total.submitted, APPEALS);
    assert.ok(alone.ms >= 60, `a report over ${APPEALS} appeals took only ${alone.ms.toFixed(1)} ms: too quick to show anything`);

    // A new event: the month kept by the first report (src/rates/rates_cache.h)
    // is computed again by the burst's first request.
    sql(srv.db, `INSERT INTO appeal_events (appeal_id, at, actor_role, action, to_state, public)
      SELECT id, submitted_at, 'resident', 'submit', 'submitted', 1 FROM appeals
      WHERE id = (SELECT min(id) FROM appeals);`, { readonly: false });
    // A burst: the one thread takes one, the queue (4) holds four for 50 ms at
    // most, the rest are refused at once.
    const burst = [];
    for (let i = 0; i < 8; i++) burst.push(rates(i % 2 ? 'csv' : 'json'));
    let done = false;
    const all = Promise.all(burst).finally(() => { done = true; });
    const health = [];
    while (!done) {
      health.push(await timed(srv.fetch('/api/v1/health')));
      await new Promise((r) => setTimeout(r, 5));
    }
    const answers = await all;
    t.diagnostic(`one report ${alone.ms.toFixed(1)} ms; ${health.length} health probes during the burst, slowest ` +
      `${Math.max(...health.map((h) => h.ms)).toFixed(1)} ms; rates answers ${answers.map((a) => `${a.status}/${a.ms.toFixed(0)}ms`).join(' ')}`);

    assert.ok(health.length >= 2, `only ${health.length} health probes while the burst ran`);
    for (const h of health) assert.equal(h.status, 200, h.text);
    // Never behind a report: on an I/O thread a probe waits for the reports
    // queued on that thread (measured: 2.2 s with --slow-threads 0). Bounded by
    // one report's time, so a loaded machine or a sanitizer build scales both.
    const ms = health.map((h) => h.ms).sort((a, b) => a - b);
    const slowest = ms[ms.length - 1];
    const median = ms[Math.floor(ms.length / 2)];
    assert.ok(slowest < alone.ms && median < alone.ms / 2,
      `health probes took ${median.toFixed(1)} ms (median), ${slowest.toFixed(1)} ms (slowest) while a report took ${alone.ms.toFixed(1)} ms`);

    for (const a of answers) assert.ok(a.status === 200 || a.status === 503, `${a.status} ${a.text}`);
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 503);
    assert.ok(served.length >= 1, 'no rates request was served');
    assert.ok(refused.length >= 3, `only ${refused.length} of 8 rates requests refused with one thread and a 50 ms wait`);
    const csv = served.find((a) => a.headers.get('content-type').startsWith('text/csv'));
    if (csv) assert.match(csv.text, new RegExp(`,${APPEALS},`));
    for (const r of refused) {
      assert.equal(r.headers.get('retry-after'), '1');
      assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
      assert.match(r.body.detail, /slow-work thread/);
      // Refused at once (queue full) or at its 50 ms deadline, not after the
      // reports ahead of it: well before two reports' time.
      assert.ok(r.ms < alone.ms * 2, `a refusal took ${r.ms.toFixed(1)} ms (a report: ${alone.ms.toFixed(1)} ms)`);
    }

    const metrics = await srv.fetch('/metrics');
    assert.equal(metrics.status, 200);
    const count = (reason) => Number(metrics.text.match(new RegExp(`warmcity_http_slow_refused_total\\{reason="${reason}"\\} (\\d+)`))[1]);
    assert.equal(count('waited') + count('full'), refused.length);
    assert.equal(count('stopping'), 0);
    assert.match(metrics.text, /\nwarmcity_http_slow_threads 1\n/);
    assert.match(metrics.text, /warmcity_http_requests_total\{route="\/api\/v1\/rates",status="503"\}/);

    // Bad input is still checked first, on the pool: 422, not a report.
    const bad = await srv.fetch('/api/v1/rates?month=2026-13', { token: admin.token });
    assert.equal(bad.status, 422, bad.text);
    // Without a session: 401 (authentication runs on the pool too).
    assert.equal((await srv.fetch(`/api/v1/rates?month=${MONTH}`)).status, 401);
    // The pool is free again: a report is served.
    assert.equal((await rates()).status, 200);
  } finally {
    await srv.stop();
  }
});

test('--slow-threads 0 runs slow routes like the others; bad values are refused', async () => {
  const { srv, admin } = await startWithAdminAndResident({ now: NOW, args: ['--slow-threads', '0'] });
  try {
    const r = await srv.fetch(`/api/v1/rates?month=${MONTH}`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    const metrics = await srv.fetch('/metrics');
    assert.doesNotMatch(metrics.text, /warmcity_http_slow_threads/);
  } finally {
    await srv.stop();
  }
  for (const args of [['--slow-threads', '-1'], ['--slow-wait-ms', '0']]) {
    await assert.rejects(startWithAdminAndResident({ args }), undefined, args.join(' '));
  }
});
