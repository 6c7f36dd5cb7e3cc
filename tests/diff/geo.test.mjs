// Differential test: warmcity's coordinate conversions against npm gcoord on
// points across China (plus some outside it, which must pass through):
// forward conversions within 0.5 m, inverse conversions within 1 m.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askOracle, requireFromRoot, rng } from './oracle.mjs';

const gcoord = requireFromRoot('gcoord');

const SEED = 20250128;
const CHINA_POINTS = 12000;
const WORLD_POINTS = 1000;

function metres(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(Math.min(1, h)));
}

test('geo agrees with gcoord', () => {
  const r = rng(SEED);
  const points = [];
  for (let i = 0; i < CHINA_POINTS; i++) {
    points.push([73.5 + r.next() * (135.0 - 73.5), 18.0 + r.next() * (53.5 - 18.0)]);
  }
  for (let i = 0; i < WORLD_POINTS; i++) {
    points.push([-180 + r.next() * 360, -80 + r.next() * 160]);
  }
  const [answer] = askOracle([{ op: 'geo', points }]);
  const checks = [
    ['wgs_to_gcj', gcoord.WGS84, gcoord.GCJ02, 0.5],
    ['gcj_to_bd', gcoord.GCJ02, gcoord.BD09, 0.5],
    ['wgs_to_bd', gcoord.WGS84, gcoord.BD09, 0.5],
    ['gcj_to_wgs', gcoord.GCJ02, gcoord.WGS84, 1.0],
    ['bd_to_gcj', gcoord.BD09, gcoord.GCJ02, 1.0],
    ['bd_to_wgs', gcoord.BD09, gcoord.WGS84, 1.0],
  ];
  const failures = [];
  const worst = {};
  points.forEach((p, i) => {
    for (const [key, from, to, limit] of checks) {
      const expected = gcoord.transform(p, from, to);
      const actual = answer.results[i][key];
      const d = metres(expected, actual);
      worst[key] = Math.max(worst[key] || 0, d);
      if (!(d <= limit)) failures.push(`${key} [${p}] gcoord=[${expected}] warmcity=[${actual}] ${d.toFixed(3)} m`);
    }
  });
  console.log(`geo: ${points.length} points x ${checks.length} conversions; worst (m): ` +
    Object.entries(worst).map(([k, v]) => `${k}=${v.toExponential(2)}`).join(' '));
  assert.deepEqual(failures.slice(0, 20), []);
});
