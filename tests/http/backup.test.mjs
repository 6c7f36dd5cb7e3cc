// Backup sets and restoring one (issue 12 item 3): `warmcity backup --into`
// while the server writes, pruning to --keep, `warmcity restore` refused while
// a server holds the database and for a file that is not a backup, and a
// restore that brings back exactly what the backup held, photos included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ENGINE } from './lib/server.mjs';
import { attachPhoto, startAppealsWorld } from './lib/fixtures.mjs';

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex'),
]);

// Backup sets are SQLite files, and only SQLite allows one server per
// database; a PostgreSQL deployment backs up with pg_dump or pg_basebackup.
const skip = ENGINE === 'postgres' && 'backup sets and the one-server lock are SQLite\'s';
let world;
let srv;
before(async () => {
  if (skip) return;
  world = await startAppealsWorld();
  srv = world.srv;
});
after(async () => { if (srv) { await srv.stop(); srv.cleanup(); } });

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8' });

async function raise(description) {
  const r = await srv.fetch('/api/v1/appeals', {
    method: 'POST', token: world.resident.token,
    json: { category: 'roads', description, lat: 37.52, lon: 111.14,
      contact: { name: '王阿姨', phone: '13812345678' } },
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const track = (code) => srv.fetch(`/api/v1/appeals/track/${code}`);

test('a backup set taken while serving, restored after later writes, brings back that moment', { skip }, async () => {
  const kept = await raise('备份之前：路灯不亮');
  const photo = await attachPhoto(srv, kept, PNG, 'image/png', { token: world.resident.token });
  assert.equal(photo.status, 201, photo.text);
  const into = join(srv.dir, 'backups');

  const b = run('backup', '--db', srv.dbPath, '--into', into, '--keep', '2');
  assert.equal(b.status, 0, b.stderr);
  const sets = readdirSync(into).filter((f) => f.endsWith('.db'));
  assert.equal(sets.length, 1, String(sets));
  assert.match(sets[0], /^warmcity-\d{8}-\d{6}\.db$/);
  const set = join(into, sets[0]);
  const setPhotos = readdirSync(set.replace(/\.db$/, '-photos'));
  assert.equal(setPhotos.length, 1, 'the appeal photo is in the set');
  assert.match(b.stdout, /1 photos added/);

  const lost = await raise('备份之后：这条在恢复后不存在');
  assert.equal((await track(lost.tracking_code)).status, 200);

  // Refused while the server runs: nothing is swapped under it.
  const busy = run('restore', '--from', set, '--db', srv.dbPath);
  assert.equal(busy.status, 1);
  assert.match(busy.stderr, /another warmcity process is using/);
  assert.ok(!existsSync(srv.dbPath + '.restoring'));

  assert.equal(await srv.stop(), 0);
  // A file that is not a backup is refused, and the database stays as it was.
  const junk = join(srv.dir, 'junk.db');
  writeFileSync(junk, 'this is not a database, only text '.repeat(200));
  const bad = run('restore', '--from', junk, '--db', srv.dbPath);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /is not a usable warmcity backup/);
  const missing = run('restore', '--from', join(srv.dir, 'nope.db'), '--db', srv.dbPath);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no backup file/);
  await srv.start();
  assert.equal((await track(lost.tracking_code)).status, 200, 'a refused restore changed nothing');
  assert.equal(await srv.stop(), 0);

  // Photos lost since the backup come back from the set.
  const photoDir = srv.dbPath + '-photos';
  const photoFile = join(photoDir, readdirSync(photoDir)[0]);
  const photoBytes = readFileSync(photoFile);
  spawnSync('rm', ['-f', photoFile]);

  const r = run('restore', '--from', set, '--db', srv.dbPath);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored .* \(1 photos added\)/);
  const before = r.stdout.match(/kept as (\S+)/)[1];
  assert.ok(existsSync(before), 'the replaced database is kept');
  assert.deepEqual(readFileSync(photoFile), photoBytes);

  await srv.start();
  const back = await track(kept.tracking_code);
  assert.equal(back.status, 200, back.text);
  assert.equal((await track(lost.tracking_code)).status, 404, 'written after the backup: gone');
  const admin = await srv.login('admin', 'admin-pass-1');
  const shown = await srv.fetch(`/api/v1/appeals/${kept.id}/photos/1`, { token: admin.token });
  assert.equal(shown.status, 200, shown.text);
});

test('--keep prunes the oldest sets and nothing else in the directory', { skip }, async () => {
  const into = join(srv.dir, 'pruned');
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, 'notes.txt'), 'the operator keeps notes here');
  writeFileSync(join(into, 'warmcity-old.db'), 'not a set name');
  for (let i = 0; i < 3; i += 1) {
    const b = run('backup', '--db', srv.dbPath, '--into', into, '--keep', '2');
    assert.equal(b.status, 0, b.stderr);
  }
  const left = readdirSync(into).sort();
  const sets = left.filter((f) => /^warmcity-\d{8}-\d{6}(-\d+)?\.db$/.test(f));
  assert.equal(sets.length, 2, String(left));
  assert.ok(left.includes('notes.txt') && left.includes('warmcity-old.db'), String(left));
  assert.equal(left.filter((f) => f.endsWith('-photos')).length, 2, String(left));
});

test('backup needs --to or --into, not both; restore needs --from', { skip }, () => {
  const none = run('backup', '--db', srv.dbPath);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /--to FILE or --into DIR/);
  const both = run('backup', '--db', srv.dbPath, '--to', '/tmp/x.db', '--into', '/tmp');
  assert.notEqual(both.status, 0);
  assert.match(both.stderr, /excludes/);
  const noFrom = run('restore', '--db', srv.dbPath);
  assert.notEqual(noFrom.status, 0);
  assert.match(noFrom.stderr, /--from is required/);
});

test('a second server on the same database is refused at start', { skip }, () => {
  const second = spawnSync(BIN, ['serve', '--db', srv.dbPath, '--listen', '127.0.0.1', '--port', '0'],
    { encoding: 'utf8', timeout: 15000 });
  assert.equal(second.status, 1);
  assert.match(second.stderr, /another warmcity process is using/);
});
