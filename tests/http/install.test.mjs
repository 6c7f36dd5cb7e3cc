// `cmake --install` into a temporary prefix, then the installed binary used
// from another directory: the demo finds its data and the server its
// calendar and web app in <prefix>/share/warmcity (issue 12 items 2 and 3).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const builtBin = resolve(process.env.WARMCITY_BIN || 'build/src/app/warmcity');
const buildDir = resolve(dirname(dirname(dirname(process.env.WARMCITY_BIN || 'build/src/app/warmcity'))));
const work = mkdtempSync(join(tmpdir(), 'warmcity-install-'));
const prefix = join(work, 'prefix');
const installed = spawnSync('cmake', ['--install', buildDir, '--prefix', prefix], { encoding: 'utf8' });
const bin = join(prefix, 'bin', 'warmcity');
// The server below is the installed one, started in a directory with no data/ or web/.
process.env.WARMCITY_BIN = bin;
const { startServer } = await import('./lib/server.mjs');
const elsewhere = join(work, 'elsewhere');
spawnSync('mkdir', ['-p', elsewhere]);
process.chdir(elsewhere);

let srv;
after(async () => {
  if (srv) { await srv.stop(); srv.cleanup(); }
  rmSync(work, { recursive: true, force: true });
});

test('cmake --install lays out bin/ and share/warmcity/{data,web}', () => {
  assert.equal(installed.status, 0, installed.stderr);
  for (const path of ['bin/warmcity', 'share/warmcity/data/calendar/2026.txt',
    'share/warmcity/data/demo/lishi-areas.geojson', 'share/warmcity/web/index.html',
    'share/warmcity/web/vendor/versions.js']) {
    assert.ok(existsSync(join(prefix, path)), path);
  }
});

test('from another directory the installed binary makes the demo and serves it', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  const demo = spawnSync(bin, ['demo', '--db', join(dir, 'warmcity.db'), '--password-cost', 'minimum'],
    { encoding: 'utf8', cwd: elsewhere });
  assert.equal(demo.status, 0, demo.stderr);
  assert.match(demo.stdout, /DEMO DATA/);
  srv = await startServer({ dir });
  const page = await fetch(srv.url + '/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/i);
  assert.equal((await fetch(srv.url + '/vendor/versions.js')).status, 200);
  // The official calendar is loaded: 2026-10-01 is a public holiday.
  const day = await srv.fetch('/api/v1/calendar/2026');
  assert.equal(day.status, 200, day.text);
  assert.match(day.text, /2026-10-01/);
  // Found beside the binary, not in the source tree it was built from.
  await new Promise((r) => setTimeout(r, 1100)); // the log is flushed every second
  const { readFileSync } = await import('node:fs');
  const log = readFileSync(srv.logPath, 'utf8');
  assert.ok(log.includes(`official calendar from ${join(prefix, 'share/warmcity/data/calendar')}`), log);
  assert.ok(log.includes(`web app from ${join(prefix, 'share/warmcity/web')}`), log);
});

test('the binary in the build tree also runs from another directory (data from its source tree)', () => {
  const dir = mkdtempSync(join(work, 'built-'));
  const demo = spawnSync(builtBin, ['demo', '--db', join(dir, 'warmcity.db'), '--password-cost', 'minimum'],
    { encoding: 'utf8', cwd: elsewhere });
  assert.equal(demo.status, 0, demo.stderr);
  const hours = spawnSync(builtBin, ['hours', '--help'], { encoding: 'utf8', cwd: elsewhere });
  assert.equal(hours.status, 0, hours.stderr);
});
