#!/usr/bin/env node
// The soak's memory figures from its samples (rss.csv: seconds,rss_kb,…).
// Single samples jump by several MB and back within seconds: a request that
// reads every appeal (GET /api/v1/rates: about 7 MB for 19,000 appeals) holds
// its memory only while it runs. What a leak would raise is the floor the
// samples return to, so the growth compares the lowest sample of the minute
// after warm-up with the lowest of the last minute (target < 5%); the medians
// of the same minutes and the peak are printed beside it.
//
//   node bench/soak/rss_report.mjs DIR/rss.csv [--warmup-minutes 5]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// samples: [{t: seconds, rss: kB}] in time order.
export function rssFigures(samples, warmupSeconds) {
  if (samples.length === 0) throw new Error('no RSS samples');
  const end = samples[samples.length - 1].t;
  const after = samples.filter((s) => s.t >= warmupSeconds && s.t < warmupSeconds + 60);
  const first = (after.length ? after : [samples[0]]).map((s) => s.rss);
  const last = samples.filter((s) => s.t > end - 60).map((s) => s.rss);
  const floor = Math.min(...first), floorEnd = Math.min(...last);
  const warm = median(first), final = median(last);
  const peak = Math.max(...samples.filter((s) => s.t >= warmupSeconds).map((s) => s.rss), 0);
  return {
    start: samples[0].rss, floor, floorEnd, warm, end: final, peak,
    growth: (floorEnd - floor) / floor * 100, medianGrowth: (final - warm) / warm * 100,
  };
}

export function readSamples(csv) {
  return readFileSync(csv, 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(',').map(Number)).map(([t, rss, requests, errors]) => ({ t, rss, requests, errors }));
}

export function describe(f, warmupSeconds) {
  return `RSS: start ${f.start} kB; lowest in the minute after warm-up (${warmupSeconds} s) ${f.floor} kB, `
    + `lowest in the last minute ${f.floorEnd} kB: growth ${f.growth.toFixed(2)}% (target < 5%)\n`
    + `     medians of the same minutes ${f.warm} kB → ${f.end} kB (${f.medianGrowth.toFixed(2)}%); peak after warm-up ${f.peak} kB`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const csv = process.argv[2];
  const i = process.argv.indexOf('--warmup-minutes');
  const warmup = (i > 0 ? Number(process.argv[i + 1]) : 5) * 60;
  const samples = readSamples(csv);
  const f = rssFigures(samples, warmup);
  const lastRow = samples[samples.length - 1];
  console.log(describe(f, warmup));
  console.log(`${samples.length} samples over ${lastRow.t} s; ${lastRow.requests} requests, ${lastRow.errors} errors`);
  process.exit(f.growth < 5 && lastRow.errors === 0 ? 0 : 1);
}
