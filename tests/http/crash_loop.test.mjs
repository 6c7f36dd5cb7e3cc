// Crash loop: 100 SIGKILLs during mixed writes (appeal submissions, accept,
// dispatch and merge steps, feedback, facility renames from 16 clients), each
// after a different number of acknowledged writes. After every restart
// PRAGMA integrity_check is ok and every write answered 200/201 so far is in
// the file. WARMCITY_CRASH_LOOPS changes the count (bench/soak/crash_loop.mjs
// runs longer ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashLoop } from './lib/crash_loop.mjs';

const LOOPS = Number(process.env.WARMCITY_CRASH_LOOPS || 100);

test(`${LOOPS} SIGKILLs during mixed writes: no acknowledged write lost, integrity ok every time`, async (t) => {
  const started = Date.now();
  const { rounds, ledger, served } = await crashLoop({ loops: LOOPS });
  assert.deepEqual(ledger.samples, [], 'answers other than the expected 200/201');
  assert.equal(ledger.unexpected, 0);
  assert.equal(rounds.length, LOOPS);
  for (const r of rounds) {
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.integrity, 'ok', `round ${r.i}`);
    assert.deepEqual(r.missing, [], `round ${r.i}: acknowledged writes missing after the restart`);
    assert.ok(r.acked >= 5, `round ${r.i}: only ${r.acked} writes acknowledged`);
  }
  // The kills landed while writes were under way, not between them.
  const during = rounds.filter((r) => r.inflight > 0).length;
  assert.ok(during >= LOOPS * 0.9, `only ${during} of ${LOOPS} kills came with writes in flight`);
  // Every kind of write was acknowledged and checked.
  assert.ok(ledger.appeals.size > 0 && ledger.feedback.size > 0 && ledger.merges.size > 0 && ledger.names.size > 0);
  assert.ok([...ledger.events].some((e) => e.endsWith(':accept')) && [...ledger.events].some((e) => e.endsWith(':dispatch')));
  // The last restart serves the names the file holds.
  assert.ok(served.length > 0);
  for (const s of served) {
    assert.equal(s.status, 200);
    assert.equal(s.name, s.acked, `facility ${s.id}`);
  }
  t.diagnostic(`${rounds.length} kills, ${ledger.writes} acknowledged writes (${ledger.appeals.size} appeals, ${ledger.events.size} steps, ${ledger.feedback.size} feedback, renames of ${ledger.names.size} facilities), ${during} kills with writes in flight, ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
