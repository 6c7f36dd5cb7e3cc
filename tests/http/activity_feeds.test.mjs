// The activities' calendar feeds and counts (docs/activities.md "Calendars",
// "Counts") on the demo district (demo_activities.cpp): every feed parsed
// with ical.js — times in Asia/Shanghai against the stored instants, UIDs
// stable across fetches and unrelated changes, a called-off date CANCELLED,
// the 30-day window, ETag/304, a private feed of only the places held, a new
// link killing the old, bad ids 404 — and GET /activity-counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { BIN, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

const API = '/api/v1';
const DAY = 86400;
const dir = mkdtempSync(join(tmpdir(), 'warmcity-feeds-'));
const db = testDatabase(dir);
let srv;
let admin;
const ids = {};

before(async () => {
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  srv = await startServer({ dir, db });
  admin = await srv.login('admin', 'demo-admin-2026');
  const venues = await srv.fetch(`${API}/facilities?kind=venue&limit=50`);
  for (const f of venues.body.items) ids[f.name] = f.id;
  const toilets = await srv.fetch(`${API}/facilities?kind=toilet&limit=1`);
  ids.toilet = toilets.body.items[0].id;
  const communities = await srv.fetch(`${API}/areas/communities`);
  ids.xiguan = communities.body.items.find((c) => c.name === '西关').id;
  ids.subdistrict = communities.body.items[0].subdistrict_id;
  const orgs = await srv.fetch(`${API}/organisations`, { token: admin.token });
  for (const o of orgs.body.items) ids[o.name] = o.id;
});

after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Fetches a feed: { res, events } with each VEVENT read by ical.js.
async function feed(path, headers = {}) {
  const res = await fetch(srv.url + path, { headers });
  const text = await res.text();
  if (res.status !== 200) return { res, text, events: [] };
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
  // RFC 5545: CRLF line ends, no physical line over 75 octets.
  for (const line of text.split('\r\n').slice(0, -1)) {
    assert.ok(!line.includes('\n'), `a bare LF in ${JSON.stringify(line)}`);
    assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  }
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  const cal = new ICAL.Component(ICAL.parse(text));
  const tz = cal.getFirstSubcomponent('vtimezone');
  assert.ok(tz, 'a VTIMEZONE');
  assert.equal(tz.getFirstPropertyValue('tzid'), 'Asia/Shanghai');
  ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      id: Number(/^occurrence-(\d+)@warmcity$/.exec(e.uid)?.[1]),
      start: e.startDate,
      startUnix: e.startDate.toUnixTime(),
      endUnix: e.endDate.toUnixTime(),
      tzid: v.getFirstProperty('dtstart').getParameter('tzid'),
      sequence: v.getFirstPropertyValue('sequence'),
      status: v.getFirstPropertyValue('status'),
      summary: e.summary,
      location: e.location,
      url: v.getFirstPropertyValue('url'),
      description: e.description,
    };
  });
  return { res, text, events };
}

// The rows of a read on the server's database, one string each ('|' between columns).
function rows(query) {
  const out = srv.sql(query);
  return out ? out.split('\n') : [];
}

// The stored occurrences by id: { starts_at, ends_at, status, revision }.
function stored() {
  const out = new Map();
  for (const line of rows('SELECT id, starts_at, ends_at, status, revision FROM activity_occurrences')) {
    const [id, starts, ends, status, revision] = line.split('|');
    out.set(Number(id), { starts: Number(starts), ends: Number(ends), status, revision: Number(revision) });
  }
  return out;
}

test('a venue feed: its events in Asia/Shanghai at the stored instants, the window, a called-off date', async () => {
  const now = Math.floor(Date.now() / 1000);
  const byId = stored();
  const fengshan = await feed(`${API}/venues/${ids['凤山公园']}/activities.ics`);
  assert.equal(fengshan.res.status, 200, fengshan.text);
  assert.ok(fengshan.events.length >= 10, `${fengshan.events.length} events`);
  for (const e of fengshan.events) {
    assert.ok(Number.isInteger(e.id), e.uid);
    assert.equal(e.tzid, 'Asia/Shanghai');
    assert.equal(e.startUnix, byId.get(e.id).starts, e.uid);
    assert.equal(e.endUnix, byId.get(e.id).ends, e.uid);
    assert.equal(e.sequence, byId.get(e.id).revision);
    assert.match(e.summary, /^太极拳晨练/);
    assert.equal(e.location, '凤山公园（离石区凤山街道凤山路169号）');
    // 07:30 in the district is 23:30 UTC the day before.
    assert.equal(e.start.hour, 7);
    assert.equal(e.start.minute, 30);
    const utc = new Date(e.startUnix * 1000);
    assert.equal(utc.getUTCHours(), 23);
    assert.equal(utc.getUTCMinutes(), 30);
    assert.match(e.url, /^http:\/\/127\.0\.0\.1:\d+\/#\/activities\/\d+$/);
    assert.ok(e.description.endsWith(e.url), e.description);
    // Nothing older than 30 days, nothing past 6 months.
    assert.ok(e.startUnix >= now - 30 * DAY - 60, e.uid);
    assert.ok(e.startUnix < now + 184 * DAY, e.uid);
  }
  // The demo's series began two weeks ago: those dates are in.
  assert.ok(fengshan.events.some((e) => e.startUnix < now - 7 * DAY));
  // In time order.
  const starts = fengshan.events.map((e) => e.startUnix);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  // The job fair at 09:00 district time is 01:00 UTC.
  const centre = await feed(`${API}/venues/${ids['离石区文体活动中心']}/activities.ics`);
  const fair = centre.events.find((e) => e.summary === '招聘会：春风行动专场招聘会');
  assert.ok(fair, centre.events.map((e) => e.summary).join());
  assert.equal(fair.start.hour, 9);
  assert.equal(new Date(fair.startUnix * 1000).getUTCHours(), 1);
  assert.equal(fair.status, 'CONFIRMED');
  // The 广场舞 evening called off: CANCELLED, its note in the description.
  const square = await feed(`${API}/venues/${ids['莲花池全民健身广场']}/activities.ics`);
  const off = square.events.filter((e) => e.status === 'CANCELLED');
  assert.equal(off.length, 1);
  assert.equal(byId.get(off[0].id).status, 'cancelled');
  assert.match(off[0].description, /^已取消：天气预报当晚有 6 级大风/);
  assert.ok(square.events.filter((e) => e.status === 'CONFIRMED').length >= 5);
});

test('community and organiser feeds; an address without a venue is the location', async () => {
  const community = await feed(`${API}/communities/${ids.xiguan}/activities.ics`);
  assert.equal(community.res.status, 200, community.text);
  const chess = community.events.find((e) => e.summary === '社区象棋友谊赛');
  assert.ok(chess, community.events.map((e) => e.summary).join());
  assert.equal(chess.location, '离石区凤山街道西关社区居委会二楼活动室');
  const org = await feed(`${API}/organisations/${ids['西关社区']}/activities.ics`);
  assert.equal(org.res.status, 200, org.text);
  const titles = new Set(org.events.map((e) => e.summary.replace(/（.*$/, '')));
  for (const t of ['太极拳晨练', '广场舞之夜', '书法班', '剪纸体验课', '社区象棋友谊赛']) assert.ok(titles.has(t), t);
  assert.ok(!org.events.some((e) => e.summary.startsWith('招聘会')));
  const bureau = await feed(`${API}/organisations/${ids['离石区人力资源和社会保障局（岗位发布）']}/activities.ics`);
  assert.deepEqual(bureau.events.map((e) => e.summary), ['招聘会：春风行动专场招聘会']);
});

test('UIDs and bytes are stable: a second fetch, an unrelated change, ETag and 304', async () => {
  const path = `${API}/venues/${ids['凤山公园']}/activities.ics`;
  const a = await feed(path);
  const b = await feed(path);
  assert.equal(a.text, b.text);
  const etag = a.res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.equal(b.res.headers.get('etag'), etag);
  const again = await fetch(srv.url + path, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await fetch(srv.url + path, { headers: { 'if-none-match': '"0000"' } })).status, 200);
  // An unrelated change (a toilet's phone): the feed is the same bytes.
  const patched = await srv.fetch(`${API}/facilities/${ids.toilet}`, { method: 'PATCH', token: admin.token, json: { contact_phone: '0358-8220000' } });
  assert.equal(patched.status, 200, patched.text);
  const c = await feed(path, { 'if-none-match': etag });
  assert.equal(c.res.status, 304);
  // The venue renamed: LOCATION changes, so does the ETag; the UIDs do not.
  const renamed = await srv.fetch(`${API}/facilities/${ids['凤山公园']}`, { method: 'PATCH', token: admin.token, json: { name: '凤山公园（东门）' } });
  assert.equal(renamed.status, 200, renamed.text);
  const d = await feed(path, { 'if-none-match': etag });
  assert.equal(d.res.status, 200);
  assert.notEqual(d.res.headers.get('etag'), etag);
  assert.deepEqual(d.events.map((e) => e.uid), a.events.map((e) => e.uid));
  assert.ok(d.events.every((e) => e.location.startsWith('凤山公园（东门）')));
});

test('an occurrence edited alone: its SEQUENCE grows, its UID stays', async () => {
  // The occurrence PUT (docs/activities.md) is in the server's route table.
  const doc = (await srv.fetch(`${API}/openapi.json`)).body;
  assert.ok(doc.paths['/api/v1/activity-occurrences/{id}']?.put, 'PUT /api/v1/activity-occurrences/{id} documented');
  const wenti = await srv.login('wenti', 'demo-worker-2026');
  const path = `${API}/venues/${ids['凤山公园']}/activities.ics`;
  const before = await feed(path);
  const now = Math.floor(Date.now() / 1000);
  const target = before.events.find((e) => e.startUnix > now + 2 * DAY && e.status === 'CONFIRMED');
  assert.ok(target, 'a confirmed date ahead in the feed');
  const put = await srv.fetch(`${API}/activity-occurrences/${target.id}`, { method: 'PUT', token: wenti.token, json: { capacity: 35 } });
  assert.equal(put.status, 200, put.text);
  const after = await feed(path);
  const edited = after.events.find((e) => e.uid === target.uid);
  assert.equal(edited.sequence, target.sequence + 1);
  assert.equal(edited.startUnix, target.startUnix);
  assert.deepEqual(after.events.map((e) => e.uid), before.events.map((e) => e.uid));
  for (const e of after.events) if (e.uid !== target.uid) assert.equal(e.sequence, before.events.find((x) => x.uid === e.uid).sequence);
});

test('the private feed: only the places the user holds; a new link kills the old', async () => {
  const zhang = await srv.login('zhangguilan', 'demo-resident-2026');
  const made = await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST', token: zhang.token });
  assert.equal(made.status, 201, made.text);
  const url = new URL(made.body.url);
  assert.equal(url.origin, srv.url);
  assert.match(url.pathname, /^\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\/activities\.ics$/);
  const mine = await feed(url.pathname);
  assert.equal(mine.res.status, 200, mine.text);
  // What she holds, by the database: confirmed or offered, in the window.
  const now = Math.floor(Date.now() / 1000);
  const user = zhang.user.id;
  const held = rows(`SELECT o.id FROM activity_signups s JOIN activity_occurrences o ON o.id = s.occurrence_id
    WHERE s.user_id = ${user} AND s.status IN ('confirmed', 'offered')
    AND o.starts_at >= ${now - 30 * DAY + 60} AND o.starts_at < ${now + 183 * DAY} ORDER BY o.starts_at, o.id`).map(Number);
  assert.ok(held.length >= 5, `${held.length} places`);
  assert.deepEqual(mine.events.map((e) => e.id), held);
  // Other people's dates are not in it: the 广场舞 evenings she never joined.
  assert.ok(!mine.events.some((e) => e.summary === '广场舞之夜'));
  assert.match(mine.text, /X-WR-CALNAME:我报名的活动（张桂兰）/);
  // A second link: the first is gone.
  const second = await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST', token: zhang.token, json: {} });
  assert.equal(second.status, 201, second.text);
  assert.notEqual(second.body.url, made.body.url);
  assert.equal((await fetch(made.body.url)).status, 404);
  assert.equal((await fetch(second.body.url)).status, 200);
  // Only the hash is kept.
  const tokens = rows(`SELECT token_sha256 FROM activity_feed_tokens WHERE user_id = ${user}`);
  assert.equal(tokens.length, 1);
  assert.match(tokens[0], /^[0-9a-f]{64}$/);
  assert.ok(!second.body.url.includes(tokens[0]));
  // Staff have one too (the organiser's own places: none).
  const wenti = await srv.login('wenti', 'demo-worker-2026');
  const staff = await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST', token: wenti.token });
  assert.equal(staff.status, 201, staff.text);
  assert.deepEqual((await feed(new URL(staff.body.url).pathname)).events, []);
  // Refused: no session, a field, malformed JSON.
  assert.equal((await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST' })).status, 401);
  const field = await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST', token: zhang.token, json: { days: 7 } });
  assert.equal(field.status, 422, field.text);
  const bad = await srv.fetch(`${API}/my/calendar-feed`, { method: 'POST', token: zhang.token, body: '{"a":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400, bad.text);
  assert.equal((await fetch(second.body.url)).status, 200, 'a refused request leaves the link alone');
});

test('unknown ids and tokens are 404', async () => {
  for (const path of [
    `${API}/venues/999999/activities.ics`,
    `${API}/venues/abc/activities.ics`,
    `${API}/venues/0/activities.ics`,
    `${API}/venues/${ids.toilet}/activities.ics`,
    `${API}/communities/${ids.subdistrict}/activities.ics`,
    `${API}/communities/999999/activities.ics`,
    `${API}/organisations/${ids['离石区图书馆'] ? 999999 : 999999}/activities.ics`,
    `${API}/organisations/${ids['离石区教育局']}/activities.ics`,  // a keeper, not an organiser
    `${API}/calendar-feeds/nonsense/activities.ics`,
    `${API}/calendar-feeds/${'A'.repeat(43)}/activities.ics`,
  ]) {
    const res = await fetch(srv.url + path);
    assert.equal(res.status, 404, path);
  }
});

test('GET /activity-counts: the months held so far, for department users and admins', async () => {
  const now = Math.floor(Date.now() / 1000);
  const local = new Date((now + 8 * 3600) * 1000);
  const month = local.toISOString().slice(0, 7);
  const prevDate = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const previous = prevDate.toISOString().slice(0, 7);
  const monthStart = (m) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) / 1000 - 8 * 3600;
  let held = 0;
  for (const [m, until] of [[previous, monthStart(month)], [month, now]]) {
    const res = await srv.fetch(`${API}/activity-counts?month=${m}`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), ['month', 'occurrences', 'activities', 'confirmed', 'attended', 'no_shows', 'filled_permille']);
    assert.equal(res.body.month, m);
    const [occurrences, places, activities] = rows(`SELECT COUNT(*), COALESCE(SUM(capacity), 0), COUNT(DISTINCT activity_id)
      FROM activity_occurrences WHERE status = 'scheduled' AND starts_at >= ${monthStart(m)} AND starts_at <= ${until}`)[0].split('|').map(Number);
    assert.equal(res.body.occurrences, occurrences, m);
    assert.equal(res.body.activities, activities, m);
    assert.ok(res.body.attended + res.body.no_shows <= res.body.confirmed);
    assert.equal(res.body.filled_permille, places ? Math.floor(res.body.confirmed * 1000 / places) : 0);
    held += res.body.occurrences;
  }
  // Two weeks of the demo's Tuesday, Wednesday and Thursday series lie behind.
  assert.ok(held >= 5, `${held} held`);
  const renshe = await srv.login('renshe', 'demo-department-2026');
  assert.equal((await srv.fetch(`${API}/activity-counts`, { token: renshe.token })).body.month, month);
  const zhang = await srv.login('zhangguilan', 'demo-resident-2026');
  assert.equal((await srv.fetch(`${API}/activity-counts`, { token: zhang.token })).status, 403);
  const wenti = await srv.login('wenti', 'demo-worker-2026');
  assert.equal((await srv.fetch(`${API}/activity-counts`, { token: wenti.token })).status, 403);
  assert.equal((await srv.fetch(`${API}/activity-counts`)).status, 401);
  for (const bad of ['2026-13', 'abc', '2026-1', '']) {
    const res = await srv.fetch(`${API}/activity-counts?month=${bad}`, { token: admin.token });
    assert.equal(res.status, 422, `${bad}: ${res.text}`);
    assert.ok(JSON.stringify(res.body).includes('month'));
  }
});
