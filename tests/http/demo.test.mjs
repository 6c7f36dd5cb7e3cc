// `warmcity demo`: the DEMO Lishi District database, then a server on it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ENGINE, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

const API = '/api/v1';
const dir = mkdtempSync(join(tmpdir(), 'warmcity-demo-'));
const db = testDatabase(dir);  // a file in dir, or a fresh PostgreSQL database
let srv;
// The first day of the demo's week of menus, as the demo said it (the
// server's today may be a day later when the run crosses midnight in Lishi).
let menuFrom;
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function demo(args = []) {
  return spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum', ...args],
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
  // The summary names each team member's team; the progress lists the teams with their rotas.
  assert.match(first.stdout, /wangcuiping \/ demo-volunteer-2026 +\(volunteer, 王翠萍，生态园银龄帮扶队\)/);
  assert.match(first.stderr, /teams: 3 formed/);
  // The activities (demo_activities.cpp): 7, one of their dates called off, a full one with 2 waiting.
  assert.match(first.stderr, /activities: 7 with \d+ occurrences \(1 called off\), \d+ sign-ups \(2 waiting\)/);
  assert.match(first.stderr, /team 生态园银龄帮扶队 \(BH-STY-2, 24\/7, 2 elders\)/);
  // The volunteers (demo_volunteers.cpp; tests/http/volunteers_demo.test.mjs): 昌茂's two teams and
  // their leaders among the printed accounts.
  assert.match(first.stderr, /volunteers: 2 teams, 20 volunteers \(1 minor\), 1 shift on \d{4}-\d{2}-\d{2} with 14 sign-ups/);
  assert.match(first.stdout, /xiyanghong \/ demo-volunteer-2026 +\(volunteer, 冯秀珍，夕阳红志愿服务队队长\)/);
  assert.match(first.stderr, /areas: \d+ imported/);
  menuFrom = first.stderr.match(/canteen menus: .* canteens from (\d{4}-\d{2}-\d{2})/)[1];
  assert.match(first.stderr, /facilities: (\d+)\/\1/);
  // Closed cleanly: the write-ahead log is empty, so a copy of the file alone is the demo.
  if (ENGINE === 'sqlite') {
    const wal = db + '-wal';
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, `${wal} holds ${existsSync(wal) && statSync(wal).size} bytes`);
  }

  const again = demo();
  assert.equal(again.status, 1);
  assert.match(again.stderr, /warmcity: .*already has areas or facilities/);

  const missing = spawnSync(BIN, ['demo', '--db', join(dir, 'other.db'), '--data', join(dir, 'nowhere'),
    '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read demo data file/);
});

test('a server on the demo database answers with the demo district', async () => {
  srv = await startServer({ dir, db });
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

// Every item of a paged list (limit + cursor), following next_cursor.
async function all(path, token) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 20; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await srv.fetch(`${path}${sep}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  assert.fail(`${path}: more than 20 pages`);
}

// The numbers docs/operations.md, docs/facilities.md and README.md state for the demo.
const kByKind = { service_centre: 18, liaison_station: 14, love_station: 15, canteen: 4,
  toilet: 9, parking: 7, venue: 5, clinic_site: 1, afterschool_site: 1 };

test('the demo holds the counts the docs state', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  const admin = await srv.login('admin', 'demo-admin-2026');
  // 4 sub-districts, 14 communities, 2 grids each: 46 areas.
  const areas = await all(`${API}/areas`, admin.token);
  const levels = {};
  for (const a of areas) levels[a.level] = (levels[a.level] || 0) + 1;
  assert.deepEqual(levels, { subdistrict: 4, community: 14, grid: 28 });
  assert.deepEqual(areas.filter((a) => a.level === 'subdistrict').map((a) => a.name).sort(),
    ['交口', '凤山', '滨河', '莲花池'].sort());
  // 74 facilities, by kind.
  const counts = await srv.fetch(`${API}/facilities/counts`);
  assert.equal(counts.status, 200, counts.text);
  assert.equal(counts.body.total, 74);
  assert.deepEqual(counts.body.by_kind, kByKind);
  let listed = 0;
  for (const kind of Object.keys(kByKind)) {
    const n = (await all(`${API}/facilities?kind=${kind}`)).length;
    assert.equal(n, kByKind[kind], kind);
    listed += n;
  }
  assert.equal(listed, 74);
  // 28 organisations (15 keepers — 4 of them the canteens' operators —, 5 communities — 生态园,
  // 西关, 高家沟, 交通路, 昌茂 —, the 4 departments appeals go to besides, the 2 job publishers, the
  // free clinics' 离石区卫生健康局（义诊） and 昌茂's 2 volunteer teams 夕阳红 and 蒲公英) and 30
  // users: admin, a keeper, a cashier of each canteen, a department user for each category's
  // department and each job publisher (renshe, gonghui), the three grid teams' members (a worker
  // and a volunteer each; 梁俊连 is 生态园's worker), the activities' two below, the clinics' desk
  // weijian, the after-school care's three (交通路's worker sixiaoban, the volunteer zhaoxiaofang,
  // the mother wangli) and the volunteers' three (the teams' leaders xiyanghong and pugongying,
  // 昌茂's grid worker changmao).
  const orgs = await srv.fetch(`${API}/organisations`, { token: admin.token });
  assert.equal(orgs.status, 200, orgs.text);
  assert.equal(orgs.body.items.length, 28);
  assert.deepEqual(orgs.body.items.filter((o) => o.kind === 'community').map((o) => o.name).sort(),
    ['生态园社区', '西关社区', '高家沟社区', '交通路社区', '昌茂社区'].sort());
  assert.deepEqual(orgs.body.items.filter((o) => o.kind === 'volunteer_team').map((o) => o.name).sort(),
    ['夕阳红志愿服务队', '蒲公英志愿服务队'].sort());
  const users = await all(`${API}/users`, admin.token);
  const roles = {};
  for (const u of users) roles[u.role] = (roles[u.role] || 0) + 1;
  // The activities' organiser wenti (西关社区) and the resident 张桂兰 signed up for some of them.
  assert.deepEqual(roles, { admin: 1, keeper: 5, worker: 6, department: 10, volunteer: 6, resident: 2 });
  assert.deepEqual(users.filter((u) => u.role !== 'department').map((u) => u.username).sort(),
    ['admin', 'changmao', 'gaozhiqiang', 'liangjunlian', 'lirunmei', 'pugongying', 'renjianping',
      'shitang_changmao', 'shitang_gaojiagou', 'shitang_houwa', 'shitang_shengtaiyuan', 'sixiaoban',
      'wangcuiping', 'wangli', 'wenti', 'xiyanghong', 'xuelijuan', 'zhangguilan', 'zhaoxiaofang',
      'zonggonghui']);
  // 8 appeal categories (their codes: the test above).
  assert.equal((await srv.fetch(`${API}/appeal-categories`)).body.items.length, 8);
});

test('the demo canteens publish a week of menus; each cashier works at her own canteen only', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  const canteens = await list('canteen');
  const sty = canteens.find((f) => f.name === '生态园便民餐厅');
  const houwa = canteens.find((f) => f.name === '后瓦便民餐厅');
  const menu = await srv.fetch(`${API}/canteens/${sty.id}/menu?from=${menuFrom}&days=7`);
  assert.equal(menu.status, 200, menu.text);
  assert.equal(menu.body.days.length, 7);
  for (const d of menu.body.days) assert.deepEqual(d.meals.map((m) => m.meal), ['breakfast', 'lunch', 'dinner'], d.date);
  const names = menu.body.days.flatMap((d) => d.meals.flatMap((m) => m.items.map((i) => i.name)));
  for (const dish of ['西红柿炒鸡蛋', '尖椒土豆丝', '小米南瓜粥', '长者营养套餐']) assert.ok(names.includes(dish), dish);
  const prices = menu.body.days.flatMap((d) => d.meals.flatMap((m) => m.items.map((i) => i.price_fen)));
  assert.ok(prices.every((p) => p >= 300 && p <= 1500), prices.join());
  const cashier = await srv.login('shitang_shengtaiyuan', 'demo-keeper-2026');
  const dishes = await srv.fetch(`${API}/canteens/${sty.id}/dishes`, { token: cashier.token });
  assert.equal(dishes.status, 200, dishes.text);
  assert.equal(dishes.body.items.length, 18);
  assert.equal((await srv.fetch(`${API}/canteens/${houwa.id}/dishes`, { token: cashier.token })).status, 403);
});

test('GET /areas/communities: the 14 demo communities with their sub-district and a point inside it', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  const res = await srv.fetch(`${API}/areas/communities`);
  assert.equal(res.status, 200, res.text);
  const items = res.body.items;
  assert.equal(items.length, 14);
  const admin = await srv.login('admin', 'demo-admin-2026');
  const areas = await all(`${API}/areas`, admin.token);
  const byId = new Map(areas.map((a) => [a.id, a]));
  for (const c of items) {
    assert.deepEqual(Object.keys(c).sort(), ['id', 'lat', 'lon', 'name', 'subdistrict', 'subdistrict_id']);
    const area = byId.get(c.id);
    assert.equal(area.level, 'community', c.name);
    assert.equal(area.name, c.name);
    assert.equal(area.parent_id, c.subdistrict_id);
    assert.equal(byId.get(c.subdistrict_id).name, c.subdistrict);
    // The point is the middle of the community's bounding box: for these
    // compact demo shapes it lies in the community itself.
    const where = await srv.fetch(`${API}/areas/locate?lat=${c.lat}&lon=${c.lon}`);
    assert.equal(where.status, 200, where.text);
    assert.equal(where.body.community?.id, c.id, `${c.name}: the point lies in ${where.body.community?.name}`);
  }
  // Sorted by sub-district, then name.
  const keys = items.map((c) => [c.subdistrict, c.name]);
  const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : (a[0] < b[0] ? -1 : 1)));
  assert.deepEqual(keys, sorted);
  const sty = items.find((c) => c.name === '生态园');
  assert.ok(sty, '生态园 is listed');
  assert.equal(sty.subdistrict, '滨河');
});

test('GET /facilities/counts follows a suspension and a new facility at once', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  const admin = await srv.login('admin', 'demo-admin-2026');
  const toilets = await all(`${API}/facilities?kind=toilet`);
  assert.equal(toilets.length, 9);
  const suspend = await srv.fetch(`${API}/facilities/${toilets[0].id}`, {
    method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '维修' },
  });
  assert.equal(suspend.status, 200, suspend.text);
  const created = await srv.fetch(`${API}/facilities`, {
    method: 'POST', token: admin.token,
    json: { kind: 'canteen', name: '测试便民餐厅', address: '滨河北路 1 号', lat: toilets[0].lat, lon: toilets[0].lon },
  });
  assert.equal(created.status, 201, created.text);
  const counts = await srv.fetch(`${API}/facilities/counts`);
  assert.equal(counts.status, 200, counts.text);
  assert.deepEqual(counts.body.by_kind, { ...kByKind, toilet: 8, canteen: 5 });
  assert.equal(counts.body.total, 74);
  assert.ok(!Number.isNaN(Date.parse(counts.body.at)), counts.body.at);
  // Not for writing.
  assert.equal((await srv.fetch(`${API}/facilities/counts`, { method: 'POST', token: admin.token, json: {} })).status, 405);
});
