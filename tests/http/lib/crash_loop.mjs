// The crash loop: mixed writes (lib/write_load.mjs), SIGKILL at a different
// point each round, restart, then PRAGMA integrity_check and every write
// acknowledged so far looked up in the file. Used by crash_loop.test.mjs
// (100 rounds) and bench/soak/crash_loop.mjs (--loops N).
import { startWriteWorld, startWriteLoad, Ledger, verifyLedger, integrityCheck } from './write_load.mjs';

export async function waitFor(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Runs `loops` rounds; returns { rounds: [{i, signal, acked, inflight,
// integrity, missing, unexpected}], ledger, served: what the last restart
// serves for each renamed facility } and stops the server. onRound(round) is called
// after each round (progress). Stops early at the first round that loses a
// write or fails the integrity check.
export async function crashLoop({ loops, clients = 16, onRound = () => {} }) {
  const world = await startWriteWorld({ clients });
  const { srv } = world;
  const ledger = new Ledger();
  const rounds = [];
  let served = null;
  try {
    for (let i = 0; i < loops; i++) {
      const load = startWriteLoad(srv, world, ledger);
      const before = ledger.writes;
      // Kill after a different number of acknowledged writes each round.
      const target = before + 5 + ((i * 53) % 200);
      await waitFor(`${target - before} acknowledged writes in round ${i}`, () => ledger.writes >= target || ledger.unexpected > 0);
      const inflight = load.inflight();
      load.markKilled();
      const { signal } = await srv.kill('SIGKILL');
      await load.stop();
      await srv.start();
      const integrity = integrityCheck(srv.dbPath);
      const { missing } = verifyLedger(srv.dbPath, ledger);
      const round = { i, signal, acked: ledger.writes - before, inflight, integrity, missing, unexpected: ledger.unexpected };
      rounds.push(round);
      onRound(round);
      if (integrity !== 'ok' || missing.length || ledger.unexpected) break;
    }
    // The restarted server serves what the file holds (its snapshot too).
    served = [];
    for (const [id, { acked }] of ledger.names) {
      const r = await srv.fetch(`/api/v1/facilities/${id}`);
      served.push({ id, status: r.status, name: r.body?.name, acked });
    }
  } finally {
    await srv.stop();
    srv.cleanup();
  }
  return { rounds, ledger, served };
}
