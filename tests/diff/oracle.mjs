// Shared helpers for the differential tests: run core_oracle (the C++ side)
// and load npm packages from the repository root.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = process.env.WARMCITY_ROOT || join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// require() that resolves node_modules from the repository root.
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));

// Sends each query (an object) as one JSON line to core_oracle and returns
// the parsed answers in the same order.
export function askOracle(queries) {
  const tool = process.env.CORE_ORACLE;
  if (!tool) throw new Error('CORE_ORACLE is not set; run through ctest (ctest -R diff)');
  const input = queries.map((q) => JSON.stringify(q)).join('\n') + '\n';
  const run = spawnSync(tool, [join(ROOT, 'data', 'calendar')], {
    input,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`core_oracle failed (${run.status}): ${run.stderr}`);
  }
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== queries.length) {
    throw new Error(`core_oracle answered ${lines.length} lines for ${queries.length} queries`);
  }
  return lines.map((l) => JSON.parse(l));
}

// Small deterministic PRNG (mulberry32) so failures reproduce.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

// "2025-01-28T10:00:00+08:00" for a unix time, for readable failure output.
export function district(unix) {
  const d = new Date((unix + 8 * 3600) * 1000);
  return d.toISOString().replace('.000Z', '+08:00');
}
