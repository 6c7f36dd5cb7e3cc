// How much slower than a plain build the server under test runs, for the few
// tests whose waits are bounded by time (a deadline, never a fixed sleep):
// they multiply their deadline (or their work) by slowFactor().
//
//   await locator.waitFor({ timeout: 30000 * slowFactor() });
//
// The sanitizer builds (scripts/test-sanitize.sh) are told apart from the plain
// one by the runtime library the server executable (WARMCITY_BIN) needs:
// libtsan (ThreadSanitizer: measured 5–40 times slower, the most on a busy
// machine) → 10; libasan (AddressSanitizer + UBSan: about 2 times) → 2;
// neither → 1. WARMCITY_SLOW_FACTOR=<number> overrides the guess.
import { spawnSync } from 'node:child_process';
import { BIN } from './server.mjs';

let factor;

export function slowFactor() {
  if (factor === undefined) factor = Number(process.env.WARMCITY_SLOW_FACTOR) || guess();
  return factor;
}

// The shared libraries the executable needs (readelf comes with g++'s binutils).
function guess() {
  const r = spawnSync('readelf', ['-d', BIN], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`readelf -d ${BIN} failed: ${r.error || r.stderr}`);
  if (/\[libtsan\.so/.test(r.stdout)) return 10;
  if (/\[libasan\.so/.test(r.stdout)) return 2;
  return 1;
}
