#!/usr/bin/env node
// Longer crash loops than the suite's 100 (tests/http/crash_loop.test.mjs):
//
//   WARMCITY_BIN=build/src/app/warmcity node bench/soak/crash_loop.mjs --loops 1000 [--clients 16]
//
// Each round: mixed writes from `--clients` clients, SIGKILL after a different
// number of acknowledged writes, restart, PRAGMA integrity_check, and every
// write acknowledged so far looked up in the file. Prints a line every 50
// rounds and a summary; exits 1 at the first round that loses a write, fails
// the integrity check or gets an answer other than the expected 200/201.
import { crashLoop } from '../../tests/http/lib/crash_loop.mjs';

const opts = { loops: 1000, clients: 16 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in opts)) { console.error(`unknown option ${process.argv[i]}`); process.exit(2); }
  opts[k] = Number(process.argv[i + 1]);
}
const started = Date.now();
let acked = 0;
const { rounds, ledger, served } = await crashLoop({
  loops: opts.loops, clients: opts.clients,
  onRound: (r) => {
    acked += r.acked;
    if ((r.i + 1) % 50 === 0) console.log(`round ${r.i + 1}: ${acked} writes acknowledged so far`);
  },
});
const failed = rounds.filter((r) => r.integrity !== 'ok' || r.missing.length);
const wrongNames = served.filter((s) => s.status !== 200 || s.name !== s.acked);
const during = rounds.filter((r) => r.inflight > 0).length;
console.log(`${rounds.length} of ${opts.loops} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; ${during} with writes in flight`);
console.log(`acknowledged: ${ledger.writes} (${ledger.appeals.size} appeals, ${ledger.events.size} steps, ${ledger.merges.size} merges, ${ledger.feedback.size} feedback, renames of ${ledger.names.size} facilities)`);
console.log(`rounds failing integrity or missing writes: ${failed.length}; unexpected answers: ${ledger.unexpected}; facilities served wrong after the last restart: ${wrongNames.length}`);
for (const r of failed) console.log(`  round ${r.i}: integrity ${r.integrity}; missing ${r.missing.slice(0, 10).join(', ')}`);
for (const s of ledger.samples) console.log(`  unexpected: ${s}`);
process.exit(rounds.length === opts.loops && !failed.length && !ledger.unexpected && !wrongNames.length ? 0 : 1);
