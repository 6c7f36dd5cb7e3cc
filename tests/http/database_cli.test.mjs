// The database on the command line (docs/operations.md, "The database"):
// `--db` names a SQLite file or a postgresql:// URL, WARMCITY_DB gives the
// default (--db wins), `warmcity migrate` applies and lists migrations, and
// every way of failing to open the database — a schema newer than the build,
// an unreachable PostgreSQL, a wrong password, a URL without --data-dir — is
// one line on stderr and exit status 1: no crash, no password echoed.
// The engine-neutral tests use the engine under test (lib/server.mjs); the
// PostgreSQL ones need the tests' cluster (WARMCITY_TEST_PG_URL, set by ctest).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ENGINE, PG_ADMIN_URL, startServer, testDatabase, pgDatabase, dataDirArgs, sql } from './lib/server.mjs';

const noCluster = !PG_ADMIN_URL && 'no test PostgreSQL (WARMCITY_TEST_PG_URL; ctest starts one)';
const dirs = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-dbcli-'));
  dirs.push(dir);
  return dir;
}

// Runs warmcity; `env` is added to (or, as undefined, removed from) the environment.
function run(args, env = {}) {
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return spawnSync(BIN, args, { encoding: 'utf8', env: merged, timeout: 60000 });
}

// A failure as the issue asks: exit status 1 (not a signal, not a sanitizer's
// 86), exactly one line on stderr, starting "warmcity: ", matching `reason`.
function assertOneLineFailure(r, reason, what) {
  assert.equal(r.error, undefined, `${what}: ${r.error}`);
  assert.equal(r.signal, null, `${what}: killed by ${r.signal}`);
  assert.equal(r.status, 1, `${what}: exit ${r.status}; stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `${what}: one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^warmcity: /, what);
  assert.match(lines[0], reason, what);
  assert.doesNotMatch(r.stdout, /listening on/, `${what}: it must not serve`);
}

const appliedLines = (stdout) => stdout.split('\n').filter((l) => /^applied \w+ v\d+$/.test(l));

test('migrate applies every migration once and says so; a second run has nothing to do', () => {
  const dir = scratch();
  const db = testDatabase(dir);
  const first = run(['migrate', '--db', db, ...dataDirArgs(dir)]);
  assert.equal(first.status, 0, first.stderr);
  const applied = appliedLines(first.stdout);
  assert.ok(applied.length > 0, first.stdout);
  assert.ok(applied.includes('applied accounts v1'), first.stdout);
  assert.match(first.stdout, new RegExp(`${applied.length} migrations applied \\(${applied.length} known\\)`));
  // What migrate says it applied is what the database records.
  assert.equal(Number(sql(db, 'SELECT count(*) FROM schema_migrations;')), applied.length);

  const second = run(['migrate', '--db', db, ...dataDirArgs(dir)]);
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(appliedLines(second.stdout), []);
  assert.match(second.stdout, /the schema is up to date/);
});

test('serve and migrate refuse a database whose schema is newer than the build', async () => {
  const dir = scratch();
  const db = testDatabase(dir);
  const m = run(['migrate', '--db', db, ...dataDirArgs(dir)]);
  assert.equal(m.status, 0, m.stderr);
  // As if a newer warmcity had migrated it.
  sql(db, "INSERT INTO schema_migrations (module, version, applied_at) VALUES ('accounts', 999, '2099-01-01T00:00:00Z');",
    { readonly: false });
  const serve = run(['serve', '--db', db, ...dataDirArgs(dir), '--listen', '127.0.0.1', '--port', '0', '--log-level', 'error']);
  assertOneLineFailure(serve, /accounts v999 .*older build/, 'serve on a newer schema');
  const migrate = run(['migrate', '--db', db, ...dataDirArgs(dir)]);
  assertOneLineFailure(migrate, /accounts v999 .*older build/, 'migrate on a newer schema');
  // Refused before it changed anything: the newer row is still the newest.
  assert.equal(sql(db, "SELECT max(version) FROM schema_migrations WHERE module = 'accounts';"), '999');
});

test('WARMCITY_DB names the database when --db is not given; --db wins over it', () => {
  const dir = scratch();
  const fromEnv = join(dir, 'from-env.db');
  const fromFlag = join(dir, 'from-flag.db');
  const a = run(['migrate'], { WARMCITY_DB: fromEnv });
  assert.equal(a.status, 0, a.stderr);
  assert.ok(a.stdout.includes(`${fromEnv}: `), a.stdout);
  const b = run(['migrate', '--db', fromFlag], { WARMCITY_DB: fromEnv });
  assert.equal(b.status, 0, b.stderr);
  assert.ok(b.stdout.includes(`${fromFlag}: `), b.stdout);
  assert.deepEqual(appliedLines(b.stdout).length, appliedLines(a.stdout).length);
});

test('a PostgreSQL URL without --data-dir is refused before anything opens', () => {
  const r = run(['serve', '--db', 'postgresql://warmcity:s3cret-pw@127.0.0.1:1/warmcity', '--port', '0'],
    { WARMCITY_DATA_DIR: undefined, WARMCITY_DB: undefined });
  assertOneLineFailure(r, /needs --data-dir/, 'serve on a URL without --data-dir');
  assert.doesNotMatch(r.stderr, /s3cret-pw/);
});

test('serve makes a --data-dir that is not there yet; one it cannot make is one line, exit 1', async () => {
  const dir = scratch();
  const dataDir = join(dir, 'not', 'yet');
  const srv = spawn(BIN, ['serve', '--db', testDatabase(dir), '--data-dir', dataDir, '--listen', '127.0.0.1',
    '--port', '0', '--password-cost', 'minimum'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => srv.on('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  srv.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" in 20 s; stderr: ${stderr}`)), 20000);
    srv.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    srv.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${stderr}`)); });
  });
  try {
    assert.ok(statSync(join(dataDir, 'photos')).isDirectory(), 'the photo directory inside it');
    assert.equal((await fetch(`${url}/api/v1/health`)).status, 200);
  } finally {
    srv.kill('SIGTERM');
  }
  assert.deepEqual(await exited, { code: 0, signal: null }, stderr);

  // A file where a directory would have to be.
  writeFileSync(join(dir, 'a-file'), 'x');
  const blocked = join(dir, 'a-file', 'data');
  const r = run(['serve', '--db', testDatabase(dir), '--data-dir', blocked, '--port', '0']);
  assertOneLineFailure(r, /cannot make the data directory .*a-file\/data/, 'serve with a data directory under a file');
});

// A port nothing listens on: one the kernel just gave out and took back.
async function closedPort() {
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

test('an unreachable PostgreSQL: one line, exit 1, no password', { skip: noCluster }, async () => {
  const dir = scratch();
  const port = await closedPort();
  const url = `postgresql://warmcity:s3cret-pw@127.0.0.1:${port}/warmcity`;
  for (const command of [['serve', '--port', '0'], ['migrate'], ['user', 'list']]) {
    const [name, ...rest] = command;
    const r = run([name, '--db', url, '--data-dir', dir, ...rest]);
    assertOneLineFailure(r, new RegExp(`^(?=.*127\\.0\\.0\\.1:${port})(?=.*Connection refused)`), `${name} on an unreachable server`);
    assert.doesNotMatch(r.stderr, /s3cret-pw/, `${name} echoed the password`);
  }
  // The same from WARMCITY_DB, where an operator keeps the password.
  const env = run(['migrate'], { WARMCITY_DB: url, WARMCITY_DATA_DIR: dir });
  assertOneLineFailure(env, /Connection refused/, 'migrate with WARMCITY_DB');
  assert.doesNotMatch(env.stderr, /s3cret-pw/);
});

test('a wrong password: one line, exit 1, the password not echoed; the right one works', { skip: noCluster }, () => {
  const dir = scratch();
  const db = new URL(pgDatabase());
  // The tests' cluster asks the members of password_auth for a password (scripts/test-postgres.sh).
  const role = `pw_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const database = db.pathname.slice(1);
  sql(PG_ADMIN_URL, `CREATE ROLE ${role} LOGIN PASSWORD 'right-pass-1' IN ROLE password_auth;` +
    `ALTER DATABASE ${database} OWNER TO ${role};`, { readonly: false });
  try {
    const url = (password) => `postgresql://${role}:${password}@${db.host}/${database}`;
    const wrong = run(['migrate', '--db', url('wrong-pass-9'), '--data-dir', dir]);
    assertOneLineFailure(wrong, /password authentication failed/, 'migrate with a wrong password');
    assert.doesNotMatch(wrong.stderr + wrong.stdout, /wrong-pass-9/);
    const serve = run(['serve', '--db', url('wrong-pass-9'), '--data-dir', dir, '--port', '0']);
    assertOneLineFailure(serve, /password authentication failed/, 'serve with a wrong password');
    assert.doesNotMatch(serve.stderr + serve.stdout, /wrong-pass-9/);

    const right = run(['migrate', '--db', url('right-pass-1'), '--data-dir', dir]);
    assert.equal(right.status, 0, right.stderr);
    assert.ok(appliedLines(right.stdout).length > 0, right.stdout);
    assert.doesNotMatch(right.stdout + right.stderr, /right-pass-1/, 'the summary names the database without its password');
  } finally {
    // The role owns the database and what migrate made in it: both go before the role.
    sql(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, { readonly: false });
    sql(PG_ADMIN_URL, `DROP OWNED BY ${role}`, { readonly: false });
    sql(PG_ADMIN_URL, `DROP ROLE ${role}`, { readonly: false });
  }
});

test('several servers share one PostgreSQL database; a SQLite file has one server at a time',
  { skip: ENGINE === 'postgres' && noCluster }, async () => {
    const first = await startServer();
    try {
      if (ENGINE === 'sqlite') {
        const second = run(['serve', '--db', first.db, '--port', '0', '--log-level', 'error']);
        assertOneLineFailure(second, /another warmcity process is using/, 'a second server on one SQLite file');
        return;
      }
      const second = await startServer({ db: first.db });
      try {
        for (const srv of [first, second]) {
          const health = await srv.fetch('/api/v1/health');
          assert.equal(health.status, 200, health.text);
        }
      } finally {
        await second.stop();
        rmSync(second.dir, { recursive: true, force: true });  // not cleanup(): the database is first's
      }
    } finally {
      await first.stop();
      first.cleanup();
    }
  });
