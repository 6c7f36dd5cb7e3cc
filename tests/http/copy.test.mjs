// `warmcity copy --from FILE --to URL` (docs/operations.md, "Moving to
// PostgreSQL"): the demo district with a few appeals and a photo, made on
// SQLite, copied into a fresh PostgreSQL database; every table's count and a
// sample of rows compared field by field; a server on the copy logs in, finds
// facilities nearby, serves the photo and gives a new appeal an id above the
// copied ones (the sequences were advanced). Bad input is one line and exit 1,
// and a copy that fails part-way leaves the destination empty.
// Needs the tests' PostgreSQL (WARMCITY_TEST_PG_URL); the source is always a
// SQLite file, so the http_pg run (every server on PostgreSQL) skips it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ENGINE, PG_ADMIN_URL, startServer, pgDatabase, sql } from './lib/server.mjs';
import { attachPhoto } from './lib/fixtures.mjs';

const skip = (!PG_ADMIN_URL && 'no test PostgreSQL (WARMCITY_TEST_PG_URL; ctest starts one)') ||
  (ENGINE === 'postgres' && 'copies from SQLite: the same test as http.copy');
const API = '/api/v1';
const dirs = [];
const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-copy-'));
  dirs.push(dir);
  return dir;
}
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000 });

function assertOneLineFailure(r, reason, what) {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal}`);
  assert.equal(r.status, 1, `${what}: exit ${r.status}; stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('copy: '));
  assert.equal(lines.length, 1, `${what}: one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^warmcity: /, what);
  assert.match(lines[0], reason, what);
}

// The destination's tables (the ones copy copies), which must be non-empty.
function tablesOf(url) {
  const tables = sql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' " +
    "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1;").split('\n').filter(Boolean);
  assert.ok(tables.length > 10, `tables: ${tables}`);
  return tables;
}
const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table};`));

// The first `n` rows of `table` by id on both sides, compared field by field
// (numbers as numbers: the shells print doubles differently).
function assertSameRows(file, url, table, n) {
  const columns = sql(url, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' ` +
    `AND table_name = '${table}' ORDER BY ordinal_position;`).split('\n').filter(Boolean);
  assert.ok(columns.length > 3, `${table} columns: ${columns}`);
  const query = `SELECT ${columns.join(', ')} FROM ${table} ORDER BY id LIMIT ${n};`;
  const a = sql(file, query).split('\n');
  const b = sql(url, query).split('\n');
  assert.equal(a.length, n, `${table}: ${n} rows in the source`);
  assert.equal(b.length, n, `${table}: ${n} rows in the copy`);
  for (let r = 0; r < n; r++) {
    const fa = a[r].split('|');
    const fb = b[r].split('|');
    assert.equal(fa.length, columns.length, `${table} row ${r}: ${a[r]}`);
    assert.equal(fb.length, columns.length, `${table} row ${r}: ${b[r]}`);
    columns.forEach((c, i) => {
      const numeric = fa[i] !== '' && !Number.isNaN(Number(fa[i]));
      if (numeric) assert.ok(Math.abs(Number(fa[i]) - Number(fb[i])) < 1e-9, `${table}.${c} row ${r}: ${fa[i]} vs ${fb[i]}`);
      else assert.equal(fb[i], fa[i], `${table}.${c} row ${r}`);
    });
  }
}

// A port nothing listens on: one the kernel just gave out and took back.
async function closedPort() {
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex');

let source;  // the demo district on SQLite, with appeals and a photo
let sourceDir;

test('copy moves the demo district with its appeals and photos into PostgreSQL', { skip }, async () => {
  sourceDir = scratch();
  source = join(sourceDir, 'district.db');
  const demo = run(['demo', '--db', source, '--password-cost', 'minimum']);
  assert.equal(demo.status, 0, demo.stderr);
  // Appeals on SQLite, one with a photo (in <db>-photos).
  const onSqlite = await startServer({ dir: sourceDir, db: source });
  for (let i = 0; i < 6; i++) {
    const r = await onSqlite.fetch(`${API}/appeals`, {
      method: 'POST',
      json: { category: 'noise', attributes: { source: 'construction' }, description: `夜里施工太吵 ${i}`, lat: 37.52, lon: 111.14, contact: { name: '王阿姨', phone: '13812345678' } },
    });
    assert.equal(r.status, 201, r.text);
    if (i === 0) assert.equal((await attachPhoto(onSqlite, r.body, PNG)).status, 201);
  }
  assert.equal(await onSqlite.stop(), 0);
  assert.equal(readdirSync(`${source}-photos`, { recursive: true }).length > 0, true);

  const url = pgDatabase();
  const dataDir = scratch();
  const copy = run(['copy', '--from', source, '--to', url, '--data-dir', dataDir]);
  assert.equal(copy.status, 0, copy.stderr);
  assert.match(copy.stderr, /^copy: appeals 6\/6$/m);
  assert.match(copy.stdout, /^appeals: 6 rows in .*, 6 copied$/m);
  assert.match(copy.stdout, /^1 photos copied from /m);

  const tables = tablesOf(url);
  let total = 0;
  for (const t of tables) {
    const n = count(source, t);
    assert.equal(count(url, t), n, `rows of ${t}`);
    assert.match(copy.stdout, new RegExp(`^${t}: ${n} rows in .*, ${n} copied$`, 'm'));
    total += n;
  }
  assert.ok(count(url, 'facilities') > 50 && count(url, 'areas') > 10 && total > 300, `${total} rows`);
  assertSameRows(source, url, 'appeals', 5);
  assertSameRows(source, url, 'facilities', 5);
  assertSameRows(source, url, 'areas', 5);
  assertSameRows(source, url, 'users', 5);

  const srv = await startServer({ dir: dataDir, db: url, args: ENGINE === 'sqlite' ? ['--data-dir', dataDir] : [] });
  servers.push(srv);
  const admin = await srv.login('admin', 'demo-admin-2026');
  assert.equal(admin.user.role, 'admin');
  const near = await srv.fetch(`${API}/facilities/nearby?lat=37.535&lon=111.145&radius_m=5000&limit=20`);
  assert.equal(near.status, 200, near.text);
  assert.ok(near.body.items.length > 0, near.text);
  const first = Number(sql(url, 'SELECT min(id) FROM appeals;'));
  const photo = await srv.fetch(`${API}/appeals/${first}/photos/1`, { token: admin.token });
  assert.equal(photo.status, 200, `the copied photo: ${photo.text}`);
  const fresh = await srv.fetch(`${API}/appeals`, {
    method: 'POST',
    json: { category: 'noise', attributes: { source: 'construction' }, description: '复制之后的新诉求', lat: 37.52, lon: 111.14, contact: { name: '李师傅', phone: '13912345678' } },
  });
  assert.equal(fresh.status, 201, fresh.text);
  const copiedMax = Number(sql(source, 'SELECT max(id) FROM appeals;'));
  assert.ok(fresh.body.id > copiedMax, `new appeal ${fresh.body.id} after the copied ${copiedMax}`);

  // The copy now holds rows: a second copy into it is refused and changes nothing.
  const again = run(['copy', '--from', source, '--to', url]);
  assertOneLineFailure(again, /destination is not empty \(table \w+ holds rows\)/, 'copy into a non-empty database');
  assert.equal(count(url, 'appeals'), 7);
});

test('bad input: a missing file, an unreachable server; a failure part-way leaves nothing', { skip }, async () => {
  const dir = scratch();
  const url = pgDatabase();
  assertOneLineFailure(run(['copy', '--from', join(dir, 'nowhere.db'), '--to', url]), /no database file .*nowhere\.db/, 'missing file');
  assertOneLineFailure(run(['copy', '--from', url, '--to', url]), /--from names a SQLite file/, 'a URL as source');
  const port = await closedPort();
  assertOneLineFailure(run(['copy', '--from', source, '--to', `postgresql://warmcity:s3cret-pw@127.0.0.1:${port}/x`]),
    new RegExp(`127\\.0\\.0\\.1:${port}.*Connection refused`), 'unreachable server');

  // A text PostgreSQL cannot hold (a NUL byte) in a table copied after areas and users.
  const broken = join(dir, 'broken.db');
  copyFileSync(source, broken);
  sql(broken, 'UPDATE facilities SET name = name || char(0) WHERE id = (SELECT max(id) FROM facilities);', { readonly: false });
  const r = run(['copy', '--from', broken, '--to', url]);
  assertOneLineFailure(r, /copying facilities/, 'a value PostgreSQL refuses');
  assert.match(r.stderr, /^copy: areas \d+\/\d+$/m, 'areas were copied before the failure');
  // Nothing but the starting rows the migrations write (store::Migration::seeded_tables).
  const SEEDED = { volunteer_outcome_kinds: 4 };
  for (const t of tablesOf(url)) assert.equal(count(url, t), SEEDED[t] ?? 0, `${t} after the failed copy`);
});
