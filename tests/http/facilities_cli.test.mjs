// The import/export command line: progress lines and a summary, errors with
// their lines and exit code 1, an export that imports again, areas import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import geojsonhint from '@mapbox/geojsonhint';
import { BIN, testDatabase, dataDirArgs } from './lib/server.mjs';

const run = (args) => spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-fac-cli-'));
  // --db and, on PostgreSQL, --data-dir: a fresh database for the engine under test.
  return { dir, on: ['--db', testDatabase(dir), ...dataDirArgs(dir)], done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a large CSV import prints progress and a summary; the export passes geojsonhint', () => {
  const s = scratch();
  try {
    const rows = ['kind,name,address,lon,lat,opening_hours,amenities'];
    for (let i = 0; i < 8000; i++) {
      rows.push(`love_station,驿站 ${i},"离石区 ${i} 号, 东",${(111.1 + (i % 200) * 0.0005).toFixed(4)},${(37.5 + Math.floor(i / 200) * 0.0005).toFixed(4)},24/7,"{""hot_water"": ${i % 2 === 0}}"`);
    }
    const input = join(s.dir, 'stations.csv');
    writeFileSync(input, rows.join('\r\n') + '\r\n');
    const r = run(['facilities', 'import', ...s.on, '--format', 'csv', input]);
    assert.equal(r.status, 0, r.stderr);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('facilities import: '));
    assert.ok(progress.some((l) => /checked 8000 of 8000 \(100%\)/.test(l)), r.stderr);
    assert.ok(progress.some((l) => /written 8000 of 8000 \(100%\)/.test(l)), r.stderr);
    assert.ok(progress.length <= 40, `too many progress lines: ${progress.length}`);
    assert.match(r.stdout, /imported 8000 of 8000 facilities from .*stations\.csv \(utf-8\) in [\d.]+ s/);

    const out = join(s.dir, 'all.geojson');
    const e = run(['facilities', 'export', ...s.on, '--format', 'geojson', '-o', out]);
    assert.equal(e.status, 0, e.stderr);
    const text = readFileSync(out, 'utf8');
    assert.deepEqual(geojsonhint.hint(text), []);
    assert.equal(JSON.parse(text).features.length, 8000);
    const csv = run(['facilities', 'export', ...s.on, '--format', 'csv']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.ok(csv.stdout.includes('"离石区 7 号, 东"'));
  } finally { s.done(); }
});

test('errors go to stderr with their lines and exit 1; --skip-invalid imports the rest', () => {
  const s = scratch();
  try {
    const input = join(s.dir, 'bad.csv');
    writeFileSync(input, 'kind,name,address,lon,lat\ntoilet,好的,路,111.1,37.5\nufo,坏的,路,111.1,37.5\ntoilet,,路,111.1,37.5\n');
    const r = run(['facilities', 'import', ...s.on, '--format', 'csv', input]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /2 of 3 rows are not valid; nothing was imported/);
    assert.match(r.stderr, /line 3: kind: must be one of/);
    assert.match(r.stderr, /line 4: name: /);
    const skip = run(['facilities', 'import', ...s.on, '--format', 'csv', '--skip-invalid', input]);
    assert.equal(skip.status, 0, skip.stderr);
    assert.match(skip.stdout, /imported 1 of 3 facilities .*skipped 2 invalid/);
    assert.match(skip.stderr, /line 3: kind/);
    const missing = run(['facilities', 'import', ...s.on, '--format', 'csv', join(s.dir, 'nope.csv')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read/);
  } finally { s.done(); }
});

test('areas import reads a GeoJSON file of areas', () => {
  const s = scratch();
  try {
    const square = (x, y, d) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { level: 'subdistrict', name: '滨河街道', code: 'BH' }, geometry: square(111.1, 37.5, 0.1) },
        { type: 'Feature', properties: { level: 'community', name: '生态园社区', code: 'BH-STY', parent_code: 'BH' }, geometry: square(111.12, 37.52, 0.02) },
      ],
    };
    const input = join(s.dir, 'areas.geojson');
    writeFileSync(input, JSON.stringify(fc));
    const r = run(['areas', 'import', ...s.on, input]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 2 areas/);
    const again = run(['areas', 'import', ...s.on, input]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists already/);
  } finally { s.done(); }
});
