// `warmcity demo`: the DEMO Lishi District database, then a server on it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from './lib/server.mjs';

const API = '/api/v1';
const dir = mkdtempSync(join(tmpdir(), 'warmcity-demo-'));
const db = join(dir, 'warmcity.db');  // the name startServer({ dir }) uses
let srv;
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function demo(args = []) {
  return spawnSync(BIN, ['demo', '--db', db, '--password-cost', 'minimum', ...args],
    { encoding: 'utf8' });
}

async function list(kind) {
  const res = await srv.fetch(`${API}/facilities?kind=${kind}&limit=50`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}

test('demo creates a marked database once and refuses a second time', () => {
  const first = demo();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /DEMO DATA/);
  assert.match(first.stdout, /admin \/ demo-admin-2026/);
  assert.match(first.stderr, /areas: \d+ imported/);
  assert.match(first.stderr, /facilities: (\d+)\/\1/);
  // Closed cleanly: the write-ahead log is empty, so a copy of the file alone is the demo.
  const wal = db + '-wal';
  assert.ok(!existsSync(wal) || statSync(wal).size === 0, `${wal} holds ${existsSync(wal) && statSync(wal).size} bytes`);

  const again = demo();
  assert.equal(again.status, 1);
  assert.match(again.stderr, /warmcity: .*already has areas or facilities/);

  const missing = spawnSync(BIN, ['demo', '--db', join(dir, 'other.db'), '--data', join(dir, 'nowhere'),
    '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read demo data file/);
});

test('a server on the demo database answers with the demo district', async () => {
  srv = await startServer({ dir });
  assert.equal((await list('love_station')).length, 15);
  const canteens = await list('canteen');
  assert.equal(canteens.length, 4);
  const sty = canteens.find((f) => f.name === '生态园便民餐厅');
  assert.ok(sty, 'the 生态园 canteen');
  const centres = (await list('service_centre')).length + (await list('liaison_station')).length;
  assert.ok(centres >= 30, `${centres} service centres and liaison stations`);
  assert.ok((await list('toilet')).length > 0);
  const lots = await list('parking');
  assert.ok(lots.length > 0);
  assert.ok(lots.every((l) => l.amenities.capacity > 0));

  const where = await srv.fetch(`${API}/areas/locate?lat=${sty.lat}&lon=${sty.lon}`);
  assert.equal(where.status, 200, where.text);
  assert.equal(where.body.community.name, '生态园');
  assert.equal(where.body.subdistrict.name, '滨河');
  assert.ok(where.body.grid, 'the canteen lies in a grid');

  const categories = await srv.fetch(`${API}/appeal-categories`);
  assert.deepEqual(categories.body.items.map((c) => c.code).sort(), ['fire_safety', 'illegal_ads', 'noise',
    'parking', 'public_facilities', 'roads', 'sanitation', 'street_vendors']);
  assert.ok(categories.body.items.every((c) => c.department_org_id > 0));

  const at = encodeURIComponent('2026-12-01T22:00:00+08:00');
  const near = await srv.fetch(`${API}/facilities/nearby?lat=37.535&lon=111.145&radius_m=5000` +
    `&kind=love_station&amenity=heating&open_at=${at}&limit=50`);
  assert.equal(near.status, 200, near.text);
  assert.ok(near.body.items.length > 0);
  assert.ok(near.body.items.every((f) => f.amenities.heating && f.state === 'open'));

  const admin = await srv.login('admin', 'demo-admin-2026');
  assert.equal(admin.user.role, 'admin');
  await srv.login('liangjunlian', 'demo-worker-2026');
});
