// Nothing lost: SIGKILL the server in the middle of concurrent writes,
// restart it, and check that every acknowledged write is there and that
// the database's integrity check passes (lib/server.mjs, either engine). Every answer must be a 201; the only
// errors allowed are connections dying at the kill (at most one per client).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, integrityCheck } from './lib/server.mjs';

// Connection errors a request in flight can meet when the server dies under it.
const kDeathCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

test('every acknowledged write survives SIGKILL; integrity_check is ok', async (t) => {
  const srv = await startServer({ users: [{ username: 'writer', password: 'writer-pass-1', role: 'resident' }] });
  try {
    await killDuringWrites(srv, t);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

async function killDuringWrites(srv, t) {
  const { token } = await srv.login('writer', 'writer-pass-1');
  const kClients = 64;
  const acked = new Map();  // id → message
  const unexpected = [];    // any answer but 201, any error before the kill or of another kind
  let killing = false;
  let stop = false;
  let diedInFlight = 0;     // requests in flight when the server was killed
  const clients = Array.from({ length: kClients }, async (_, c) => {
    for (let n = 0; !stop; n++) {
      const message = `client ${c} write ${n} 暖城`;
      let res;
      try {
        res = await srv.fetch('/api/v1/feedback', { method: 'POST', token, json: { topic: 'other', message } });
      } catch (e) {
        const code = e.cause?.code || e.code;
        if (killing && kDeathCodes.has(code)) diedInFlight++;
        else unexpected.push(`client ${c}: ${killing ? 'after' : 'before'} the kill: ${e.message} (${code})`);
        return;  // this client's connection died with the server: not acknowledged
      }
      if (res.status === 201 && Number.isInteger(res.body?.id)) acked.set(res.body.id, message);
      else unexpected.push(`client ${c}: ${res.status} ${res.text.slice(0, 200)}`);
    }
  });
  // Kill once a good number of writes are acknowledged (not after a fixed time).
  const deadline = Date.now() + 30000;
  while (acked.size < 1000 && unexpected.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.deepEqual(unexpected, [], 'answers before the kill');
  assert.ok(acked.size >= 1000, `only ${acked.size} writes acknowledged in 30 s`);
  killing = true;
  const { signal } = await srv.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  assert.equal(signal, 'SIGKILL');
  assert.deepEqual(unexpected, [], 'every answer was 201 and every error a connection dying at the kill');
  // Each client has at most one request in flight, and the kill leaves at least one.
  assert.ok(diedInFlight >= 1 && diedInFlight <= kClients, `${diedInFlight} requests died in flight`);

  await srv.start();  // recovery: the WAL is replayed on open
  assert.equal(integrityCheck(srv.db), 'ok');
  const rows = new Map(srv.sql('SELECT id, message FROM feedback;')
    .split('\n').filter(Boolean).map((l) => { const i = l.indexOf('|'); return [Number(l.slice(0, i)), l.slice(i + 1)]; }));
  let missing = 0;
  for (const [id, message] of acked) if (rows.get(id) !== message) missing++;
  assert.equal(missing, 0, `${missing} of ${acked.size} acknowledged writes are missing`);
  // Rows beyond the acknowledged ones can only be writes that were in flight at the kill.
  assert.ok(rows.size >= acked.size && rows.size <= acked.size + diedInFlight,
    `${rows.size} rows for ${acked.size} acknowledged writes and ${diedInFlight} in flight`);
  t.diagnostic(`${acked.size} acknowledged, ${diedInFlight} in flight at the kill, ${rows.size} rows after recovery`);
  // And the restarted server keeps working.
  const res = await srv.fetch('/api/v1/feedback', { method: 'POST', token, json: { topic: 'app', message: '恢复后' } });
  assert.equal(res.status, 201);
  assert.equal(await srv.stop(), 0);
}
