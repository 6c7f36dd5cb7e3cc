// `cmake --install` into a temporary prefix, then the installed binary used
// from another directory: the demo finds its data and the server its
// calendar and web app in <prefix>/share/warmcity (issue 12 items 2 and 3).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { waitFor } from './lib/wait.mjs';

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
  const { readFileSync } = await import('node:fs');
  // The start-up line reaches the log file through the test's pipe: wait for it.
  const log = await waitFor(() => { const l = readFileSync(srv.logPath, 'utf8'); return l.includes('official calendar from') && l; },
    { what: 'the start-up line naming the calendar and web app' });
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

// The systemd units are written at install time for the prefix given then.
const unitDir = join(prefix, 'lib/systemd/system');
const unit = (name) => readFileSync(join(unitDir, name), 'utf8');
const execStart = (text) => text.match(/^ExecStart=(.*)$/m)[1];

test('the systemd units run the installed binary as their own user, sandboxed', () => {
  const server = unit('warmcity.service');
  assert.equal(execStart(server).split(' ')[0], bin);
  for (const line of ['User=warmcity', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/warmcity /var/log/warmcity',
    'Restart=on-failure', 'NoNewPrivileges=yes', 'StateDirectory=warmcity']) {
    assert.ok(server.split('\n').includes(line), line);
  }
  assert.match(execStart(server), /--db \/var\/lib\/warmcity\/warmcity\.db/);
  const backup = unit('warmcity-backup.service');
  assert.match(execStart(backup), new RegExp(`^${bin} backup --db /var/lib/warmcity/warmcity.db --into /var/lib/warmcity/backups`));
  assert.match(unit('warmcity-backup.timer'), /^OnCalendar=\*-\*-\* 03:30:00$/m);
  const verify = spawnSync('systemd-analyze', ['verify', '--man=no',
    ...['warmcity.service', 'warmcity-backup.service', 'warmcity-backup.timer'].map((u) => join(unitDir, u))],
  { encoding: 'utf8' });
  assert.equal(verify.error, undefined, 'systemd-analyze is installed by scripts/install-deps.sh');
  // Only complaints about this machine (no user warmcity, no systemd running) are allowed.
  const complaints = (verify.stderr + verify.stdout).split('\n').filter((l) => l.trim() &&
    !/warmcity\.service|System has not been booted|Failed to connect to bus|not running/.test(l) &&
    !/No such file or directory/.test(l));
  assert.deepEqual(complaints, []);
});

test("the units' command lines work: the server starts and the backup writes a set", async () => {
  const state = mkdtempSync(join(work, 'var-lib-'));
  const logs = mkdtempSync(join(work, 'var-log-'));
  const words = (line, vars) => line.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => vars[a || b])
    .replaceAll('/var/lib/warmcity', state).replaceAll('/var/log/warmcity', logs)
    .split(' ').filter(Boolean);
  const [exe, ...args] = words(execStart(unit('warmcity.service')),
    { WARMCITY_LISTEN: '127.0.0.1', WARMCITY_PORT: '0', WARMCITY_OPTS: '--password-cost minimum' });
  const { spawn } = await import('node:child_process');
  const proc = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: elsewhere });
  const exited = new Promise((r) => proc.on('exit', (code) => r(code)));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no listening line')), 10000);
    proc.stdout.on('data', (c) => { out += c; const m = out.match(/listening on (http:\S+)/); if (m) { clearTimeout(timer); resolve(m[1]); } });
    proc.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  assert.equal((await fetch(url + '/api/v1/health')).status, 200);
  const [bexe, ...bargs] = words(execStart(unit('warmcity-backup.service')), { WARMCITY_BACKUP_KEEP: '3' });
  const backup = spawnSync(bexe, bargs, { encoding: 'utf8', cwd: elsewhere });
  assert.equal(backup.status, 0, backup.stderr);
  proc.kill('SIGTERM');
  assert.equal(await exited, 0);
  const { readdirSync } = await import('node:fs');
  assert.equal(readdirSync(join(state, 'backups')).filter((f) => f.endsWith('.db')).length, 1);
  assert.ok(existsSync(join(logs, 'access.log')));
});
