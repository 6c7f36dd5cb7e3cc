// Nothing lost: SIGKILL the server in the middle of concurrent writes,
// restart it, and check that every acknowledged write is there and that
// SQLite's integrity check passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from './lib/server.mjs';

function sqlite(dbPath, sql) {
  const r = spawnSync('sqlite3', ['-readonly', dbPath, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('every acknowledged write survives SIGKILL; integrity_check is ok', async () => {
  const srv = await startServer({ users: [{ username: 'writer', password: 'writer-pass-1', role: 'resident' }] });
  const { token } = await srv.login('writer', 'writer-pass-1');
  const acked = new Map();  // id → message
  let stop = false;
  let errorsAfterKill = 0;
  const clients = Array.from({ length: 64 }, async (_, c) => {
    for (let n = 0; !stop; n++) {
      const message = `client ${c} write ${n} 暖城`;
      try {
        const res = await srv.fetch('/api/v1/feedback', { method: 'POST', token, json: { topic: 'other', message } });
        if (res.status === 201) acked.set(res.body.id, message);
      } catch {
        errorsAfterKill++;  // the connection died with the server: not acknowledged
        return;
      }
    }
  });
  await new Promise((r) => setTimeout(r, 1500));
  const { signal } = await srv.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  assert.equal(signal, 'SIGKILL');
  assert.ok(acked.size > 100, `only ${acked.size} writes acknowledged before the kill`);

  await srv.start();  // recovery: the WAL is replayed on open
  assert.equal(sqlite(srv.dbPath, 'PRAGMA integrity_check;'), 'ok');
  const rows = new Map(sqlite(srv.dbPath, 'SELECT id, message FROM feedback;')
    .split('\n').filter(Boolean).map((l) => { const i = l.indexOf('|'); return [Number(l.slice(0, i)), l.slice(i + 1)]; }));
  let missing = 0;
  for (const [id, message] of acked) if (rows.get(id) !== message) missing++;
  assert.equal(missing, 0, `${missing} of ${acked.size} acknowledged writes are missing`);
  assert.ok(rows.size >= acked.size);
  // And the restarted server keeps working.
  const res = await srv.fetch('/api/v1/feedback', { method: 'POST', token, json: { topic: 'app', message: '恢复后' } });
  assert.equal(res.status, 201);
  assert.equal(await srv.stop(), 0);
  srv.cleanup();
});
