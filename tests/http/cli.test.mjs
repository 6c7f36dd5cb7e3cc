// The command line: users, backup while the server writes, version, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ENGINE, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';
import { waitFor } from './lib/wait.mjs';

function run(args, input = '') {
  return spawnSync(BIN, args, { input, encoding: 'utf8' });
}
function runAsync(args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args);
    let stdout = ''; let stderr = '';
    p.stdout.on('data', (c) => { stdout += c; });
    p.stderr.on('data', (c) => { stderr += c; });
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('version prints the version', () => {
  const r = run(['version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^warmcity \d+\.\d+\.\d+\n$/);
});

test('user add, list and passwd; mistakes go to stderr with a non-zero exit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-cli-'));
  const db = testDatabase(dir);
  const on = ['--db', db, ...dataDirArgs(dir)];
  const add = run(['user', ...on, 'add', '--username', 'liangjl', '--role', 'worker',
    '--display-name', '梁俊连', '--phone', '13812345678', '--password-cost', 'minimum'], 'first-pass-1\n');
  assert.equal(add.status, 0, add.stderr);
  assert.match(add.stdout, /created user liangjl/);

  const dup = run(['user', ...on, 'add', '--username', 'liangjl', '--role', 'worker', '--password-cost', 'minimum'], 'other-pass-1\n');
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr, /warmcity: .*(taken|exists)/i);

  const short = run(['user', ...on, 'add', '--username', 'shortpw', '--role', 'resident', '--password-cost', 'minimum'], 'short\n');
  assert.notEqual(short.status, 0);
  assert.match(short.stderr, /password/i);

  const badRole = run(['user', ...on, 'add', '--username', 'x1x', '--role', 'mayor'], 'whatever-1\n');
  assert.notEqual(badRole.status, 0);

  const list = run(['user', ...on, 'list']);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /liangjl\tworker\tno\t.*\t梁俊连/);

  const pw = run(['user', ...on, 'passwd', '--username', 'liangjl'], 'second-pass-2\n');
  assert.equal(pw.status, 0, pw.stderr);
  const unknown = run(['user', ...on, 'passwd', '--username', 'nobody'], 'second-pass-2\n');
  assert.notEqual(unknown.status, 0);

  const srv = await startServer({ dir, db });
  await assert.rejects(srv.login('liangjl', 'first-pass-1'));
  const session = await srv.login('liangjl', 'second-pass-2');
  assert.equal(session.user.role, 'worker');
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Backups are SQLite files (backup.test.mjs); on PostgreSQL the command refuses (pg_dump's job).
test('backup makes a consistent copy while the server is writing', { skip: ENGINE === 'postgres' && 'backup copies a SQLite file' }, async () => {
  const srv = await startServer({ users: [{ username: 'writer', password: 'writer-pass-1', role: 'resident' }] });
  const { token } = await srv.login('writer', 'writer-pass-1');
  let stop = false;
  let acked = 0;
  const unexpected = []; // any answer but 201 stops the writers and fails the test
  const writers = Array.from({ length: 16 }, async () => {
    while (!stop) {
      const r = await srv.fetch('/api/v1/feedback', { method: 'POST', token, json: { topic: 'other', message: '备份中' } });
      if (r.status === 201) acked++;
      else { unexpected.push(`${r.status} ${r.text}`); stop = true; }
    }
  });
  try {
    await waitFor(() => acked >= 50 || unexpected.length > 0, { what: '50 acknowledged writes before the backup starts' });
    const before = acked;
    const copy = join(srv.dir, 'copy.db');
    const r = await runAsync(['backup', '--db', srv.dbPath, '--to', copy]);
    stop = true;
    await Promise.all(writers);
    assert.deepEqual(unexpected, []);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(copy) && !existsSync(copy + '.tmp'));
    const check = spawnSync('sqlite3', ['-readonly', copy, 'PRAGMA integrity_check; SELECT count(*) FROM feedback;'], { encoding: 'utf8' });
    const [integrity, count] = check.stdout.trim().split('\n');
    assert.equal(integrity, 'ok');
    assert.ok(Number(count) >= before, `backup has ${count} rows, ${before} were acknowledged before it began`);

    const bad = run(['backup', '--db', srv.dbPath, '--to', '/nonexistent-dir/copy.db']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /^warmcity: /);
  } finally {
    stop = true;
    await Promise.all(writers);
    await srv.stop();
    srv.cleanup();
  }
});

test('serve refuses a port that is taken, with a clear message', async () => {
  const srv = await startServer();
  const r = run(['serve', '--db', join(srv.dir, 'other.db'), '--port', String(srv.port)]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+/);
  await srv.stop();
  srv.cleanup();
});

test('an unknown command is a usage error', () => {
  const r = run(['fly']);
  assert.notEqual(r.status, 0);
});

test('serve reads its options from a config file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-conf-'));
  const conf = join(dir, 'warmcity.ini');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(conf, `[serve]\nlisten = 127.0.0.1\nport = 0\ndb = ${join(dir, 'conf.db')}\naccess-log = off\nlog-level = warn\n`);
  const p = spawn(BIN, ['--config', conf, 'serve']);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    p.stdout.on('data', (c) => { out += c; const m = out.match(/listening on (http:\/\/[\d.:]+)/); if (m) resolve(m[1]); });
    p.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const res = await fetch(url + '/api/v1/health');
  assert.equal(res.status, 200);
  assert.ok(existsSync(join(dir, 'conf.db')), 'the database named in the file was used');
  p.kill('SIGTERM');
  const code = await new Promise((resolve) => p.on('exit', resolve));
  assert.equal(code, 0);
  rmSync(dir, { recursive: true, force: true });
});
