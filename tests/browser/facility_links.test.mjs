// A facility's phone, its 导航 links and the 24-hour label, as a resident sees
// them (issue 12 item 7): on the facility page and in the near-me list the
// phone is whole and a tel: link; 高德 and 百度 open at the place in GCJ-02
// (converted from the stored WGS-84, checked against gcoord 1.0.7), in a new
// tab without an opener or a referrer; a "24/7" place says 24小时开放 and
// another does not. Also in English and in elder mode at 360 px; axe passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import gcoord from 'gcoord';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
let community;
let allDay;   // a canteen open 24/7, with a landline
let daytime;  // a canteen open 06:00–20:00, with a mobile

async function create(json) {
  const { admin } = srv;
  const r = await srv.fetch('/api/v1/facilities', { method: 'POST', token: admin.token, json });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

before(async () => {
  let admin;
  ({ srv, admin } = await startDemoServer());
  srv.admin = admin;
  community = (await srv.fetch('/api/v1/areas/communities')).body.items[0];
  // A few metres from the community's point, so both are the nearest canteens.
  allDay = await create({ kind: 'canteen', name: '凤山 & 长者食堂', address: '测试路 1 号',
    lat: community.lat + 0.0001, lon: community.lon, contact_phone: '0358-8220656', opening_hours: '24/7', amenities: {} });
  daytime = await create({ kind: 'canteen', name: '日间助餐点', address: '测试路 2 号',
    lat: community.lat - 0.0001, lon: community.lon, contact_phone: '13912345678', opening_hours: 'Mo-Su 06:00-20:00', amenities: {} });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function pageWith(settings = {}) {
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  return page;
}

// The GCJ-02 point of a facility, by gcoord (the package the C++ is checked against).
function gcj(f) {
  const [lon, lat] = gcoord.transform([f.lon, f.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lon };
}

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-5, `${what}: ${a} vs ${b}`);

// Checks the phone link and the two 导航 links inside `root` for facility `f`.
async function assertLinks(root, f, phoneDigits, directionsWord = '导航') {
  const tel = root.locator('a[href^="tel:"]');
  assert.equal(await tel.count(), 1);
  assert.equal(await tel.getAttribute('href'), 'tel:' + phoneDigits);
  assert.equal(await tel.textContent(), f.contact_phone);

  const group = root.locator('.directions');
  assert.equal(await group.getAttribute('role'), 'group');
  assert.equal(await group.getAttribute('aria-label'), directionsWord);
  const links = group.locator('a');
  assert.equal(await links.count(), 2);
  const expected = gcj(f);
  assert.ok(Math.abs(expected.lat - f.lat) > 1e-4, 'GCJ-02 differs from WGS-84 here');
  for (let i = 0; i < 2; i++) {
    const a = links.nth(i);
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
  }
  const amap = new URL(await group.locator('a.amap').getAttribute('href'));
  assert.equal(amap.origin + amap.pathname, 'https://uri.amap.com/marker');
  const [lon, lat] = amap.searchParams.get('position').split(',').map(Number);
  near(lon, expected.lon, 'amap lon');
  near(lat, expected.lat, 'amap lat');
  assert.equal(amap.searchParams.get('name'), f.name);
  assert.equal(amap.searchParams.get('coordinate'), 'gaode');
  assert.equal(amap.searchParams.get('callnative'), '1');

  const baidu = new URL(await group.locator('a.baidu').getAttribute('href'));
  assert.equal(baidu.origin + baidu.pathname, 'https://api.map.baidu.com/marker');
  const [bLat, bLon] = baidu.searchParams.get('location').split(',').map(Number);
  near(bLat, expected.lat, 'baidu lat');
  near(bLon, expected.lon, 'baidu lon');
  assert.equal(baidu.searchParams.get('title'), f.name);
  assert.equal(baidu.searchParams.get('content'), f.name);
  assert.equal(baidu.searchParams.get('output'), 'html');
  assert.equal(baidu.searchParams.get('coord_type'), 'gcj02');
  assert.equal(baidu.searchParams.get('src'), 'warmcity');
  // The name is encoded: "&" does not start a parameter of its own.
  if (f.name.includes('&')) assert.ok(!amap.search.includes(' & '), amap.search);
}

test('the page\'s own conversion equals core::wgs84_to_gcj02 and gcoord', async () => {
  const page = await pageWith();
  await page.goto(srv.url + '/');
  const got = await page.evaluate(async () => {
    const { wgs84ToGcj02 } = await import('/js/places.js');
    return [wgs84ToGcj02(39.9087, 116.3975), wgs84ToGcj02(48.8566, 2.3522)];
  });
  // The values of src/core/geo_test.cpp (gcoord 1.0.7's).
  assert.ok(Math.abs(got[0].lat - 39.91010349934476) < 1e-12, String(got[0].lat));
  assert.ok(Math.abs(got[0].lon - 116.40374357265176) < 1e-12, String(got[0].lon));
  assert.deepEqual(got[1], { lat: 48.8566, lon: 2.3522 }, 'outside China: unchanged');
  await page.close();
});

test('facility page: the whole phone as tel:, 导航 to 高德 and 百度 in GCJ-02, 24小时开放', async () => {
  const page = await pageWith();
  await page.goto(`${srv.url}/#/f/${allDay.id}`);
  await page.getByRole('heading', { level: 1, name: allDay.name }).waitFor();
  await assertLinks(page.locator('.facility-head'), allDay, '03588220656');
  assert.equal(await page.getByText('24小时开放', { exact: true }).count(), 1);
  assert.ok(!(await page.locator('main').textContent()).includes('*'), 'nothing masked');
  await assertAccessible(page, 'facility (24/7)');
  await shot(page, 'facility-links', true);

  await page.goto(`${srv.url}/#/f/${daytime.id}`);
  await page.getByRole('heading', { level: 1, name: daytime.name }).waitFor();
  await assertLinks(page.locator('.facility-head'), daytime, '13912345678');
  assert.equal(await page.getByText('24小时开放').count(), 0);
  await page.close();
});

test('near-me list: each result has its phone, 导航 links, and the 24/7 one its label', async () => {
  const page = await pageWith();
  await page.goto(`${srv.url}/#/near?kind=canteen&community=${community.id}&when=any`);
  const first = page.locator('.result').first();
  await first.waitFor();
  const itemOf = (f) => page.locator('.result', { has: page.locator('.result-name', { hasText: f.name }) });
  assert.equal(await itemOf(allDay).count(), 1);
  assert.equal(await itemOf(daytime).count(), 1);
  await assertLinks(itemOf(allDay), allDay, '03588220656');
  await assertLinks(itemOf(daytime), daytime, '13912345678');
  assert.equal(await itemOf(allDay).getByText('24小时开放', { exact: true }).count(), 1);
  assert.equal(await itemOf(daytime).getByText('24小时开放').count(), 0);
  await assertAccessible(page, 'near me with links');
  await shot(page, 'near-links', true);
  await page.close();
});

test('English: "Directions" and "Open 24 hours"', async () => {
  const page = await pageWith({ lang: 'en' });
  await page.goto(`${srv.url}/#/f/${allDay.id}`);
  await page.getByRole('heading', { level: 1, name: allDay.name }).waitFor();
  await assertLinks(page.locator('.facility-head'), allDay, '03588220656', 'Directions');
  assert.equal(await page.getByText('Open 24 hours', { exact: true }).count(), 1);
  await assertAccessible(page, 'facility (en)');
  await page.close();
});

test('elder mode at 360 px: the links are large targets and nothing overflows', async () => {
  const page = await pageWith({ elder: true });
  for (const hash of [`#/f/${allDay.id}`, `#/near?kind=canteen&community=${community.id}&when=any`]) {
    await page.goto(srv.url + '/' + hash);
    await page.locator('.directions').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
    await assertElder(page, hash);
    const sizes = await page.evaluate(() => [...document.querySelectorAll('a.phone, .directions a')].map((a) => {
      const r = a.getBoundingClientRect();
      return { h: r.height, right: r.right };
    }));
    assert.ok(sizes.length >= 3);
    for (const s of sizes) {
      assert.ok(s.h >= 60, `a target of ${s.h}px`);
      assert.ok(s.right <= 360, `a link ends at ${s.right}px`);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await assertAccessible(page, hash + ' (elder)');
    await shot(page, 'links-elder-' + (hash.includes('near') ? 'near' : 'facility'), true);
  }
  await page.close();
});
