// A resident finds the nearest toilet open at a given time from a chosen
// community, opens it and reads its hours; then the same from the browser's
// location. Every screen passes axe (no serious or critical violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

// A Wednesday morning, an ordinary working day.
const AT_LOCAL = '2026-12-02T10:00';
const AT = AT_LOCAL + ':00+08:00';
const district = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';

let srv;
let admin;
let browser;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ permissions: ['geolocation'], geolocation: { latitude: 37.5236, longitude: 111.1405 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('the start page offers the nine tasks and passes axe', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  await page.getByText('运行正常').waitFor();
  assert.equal(await page.title(), '暖城 · 便民十件事');
  // Near me, raise an appeal, track it, jobs, activities and free clinics (issue #18), after-school care (issue #19), the staff's workbench, the dashboard.
  assert.deepEqual(await page.locator('.tile').evaluateAll((els) => els.map((a) => a.getAttribute('href'))),
    ['#/near', '#/appeal/new', '#/track', '#/jobs', '#/activities', '#/clinics', '#/my-children', '#/staff', '#/dashboard']);
  assert.equal(await page.locator('#home-activities').textContent(), '文体活动（报名参加）');
  assert.equal(await page.locator('#home-clinics').textContent(), '社区义诊（免费看病预约）');
  await assertAccessible(page, 'home');
  await shot(page, 'home');
  await page.close();
});

test('the nearest toilet open at a given time, from a chosen community', async () => {
  const communities = (await srv.fetch('/api/v1/areas/communities')).body.items;
  assert.ok(communities.length >= 10, 'the demo has its communities');
  const c = communities.find((x) => x.name.includes('凤山')) || communities[0];
  const expected = await srv.fetch(`/api/v1/facilities/nearby?lat=${c.lat}&lon=${c.lon}&kind=toilet` +
    `&open_at=${encodeURIComponent(AT)}&radius_m=10000&limit=20`);
  assert.ok(expected.body.items.length > 0, 'some toilet is open then');
  const nearest = expected.body.items[0];

  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  await page.getByRole('link', { name: '找附近的厕所、停车场、爱心驿站' }).click();
  await page.getByLabel('找什么').selectOption('toilet');
  await page.getByLabel('或选择社区').selectOption(String(c.id));
  await page.getByLabel('指定时间开放').check();
  await page.getByLabel('日期和时间').fill(AT_LOCAL);
  await page.getByRole('button', { name: '查找' }).click();
  const first = page.locator('.result').first();
  await first.waitFor();
  assert.equal(await first.locator('.result-name').textContent(), nearest.name);
  assert.equal(await page.locator('.result').count(), expected.body.items.length);
  assert.match(await first.locator('.state').textContent(), /^届时开放/);
  assert.match(await first.locator('.distance').textContent(), /^\d+(\.\d)? (米|公里)$/);
  await page.locator('#near-map .leaflet-interactive').first().waitFor();
  await assertAccessible(page, 'near me');
  await shot(page, 'near-me', true);
  await page.setViewportSize({ width: 1280, height: 800 });
  // The map takes its new size and refits: the marker layer (Leaflet's SVG,
  // 1.2 × the map) is redrawn for the wider box and no zoom is under way.
  await page.waitForFunction(() => {
    const map = document.getElementById('near-map');
    const svg = map.querySelector('.leaflet-overlay-pane svg');
    return map.clientWidth > 400 && svg && Number(svg.getAttribute('width')) >= Math.floor(map.clientWidth * 1.2)
      && !map.classList.contains('leaflet-zoom-anim');
  });
  await shot(page, 'near-me-desktop');
  await page.setViewportSize({ width: 360, height: 640 });

  await first.locator('.result-name').click();
  await page.getByRole('heading', { level: 1, name: nearest.name }).waitFor();
  await page.locator('#week li').first().waitFor();
  assert.equal(await page.locator('#week li').count(), 7);
  assert.ok((await page.locator('.hours-words li').count()) >= 1);
  await assertAccessible(page, 'facility');
  // Read-aloud speaks the page's main text; the test records what speechSynthesis is given.
  await page.evaluate(() => { window.spoken = []; speechSynthesis.speak = (u) => window.spoken.push(u.text); });
  await page.getByRole('button', { name: '朗读本页' }).click();
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.length, 1);
  const hoursLine = await page.locator('.hours-words li').first().textContent();
  assert.ok(spoken[0].startsWith(nearest.name) && spoken[0].includes(hoursLine), spoken[0]);
  await shot(page, 'facility', true);
  // Back returns to the same results.
  await page.getByRole('button', { name: '‹ 返回' }).click();
  await page.locator('.result').first().waitFor();
  await page.close();
});

test('near me from the browser location shows parking free spaces and their age', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/near?kind=parking&when=any');
  await page.getByRole('button', { name: '用我的位置' }).click();
  await page.locator('.result').first().waitFor();
  assert.match(page.url(), /lat=37\.5236/);
  assert.equal(await page.getByText('距离从您的位置算起').count(), 1);
  assert.equal(await page.locator('.result .spaces').first().textContent(), '暂无车位信息');
  await page.close();
});

test('love stations filtered by amenities: the API\'s list, and a station\'s page shows its notice', async () => {
  const api = await srv.fetch('/api/v1/facilities/nearby?lat=37.5236&lon=111.1405&kind=love_station' +
    '&open_now=true&amenity=heating&amenity=hot_water&radius_m=10000&limit=20');
  assert.ok(api.body.items.length > 0, 'some love station near by offers heating and hot water');
  const station = api.body.items[0];
  assert.deepEqual((await srv.fetch(`/api/v1/facilities/${station.id}`)).body.notices ?? [], [], 'no notice yet');
  const text = '今晚供应热姜汤，环卫工人可进站取暖';
  const posted = await srv.fetch(`/api/v1/facilities/${station.id}/notices`, { method: 'POST', token: admin.token,
    json: { text, valid_from: district(Date.now() - 3600e3), valid_until: district(Date.now() + 86400e3) } });
  assert.equal(posted.status, 201, posted.text);

  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/near?kind=love_station&when=now&lat=37.5236&lon=111.1405');
  await page.getByRole('button', { name: '修改' }).click();  // results first: the form is folded
  await page.getByLabel('取暖').check();
  await page.getByLabel('热水').check();
  await page.getByRole('button', { name: '查找' }).click();
  await page.waitForURL(/amenity=heating/);
  assert.match(page.url(), /amenity=hot_water/);
  await page.locator('.result').first().waitFor();
  assert.deepEqual(await page.locator('.result .result-name').allTextContents(), api.body.items.map((f) => f.name));

  // The station's page: its notice under 通知, with the days it holds.
  await page.locator('.result-name', { hasText: station.name }).first().click();
  await page.getByRole('heading', { level: 1, name: station.name }).waitFor();
  await page.getByRole('heading', { name: '通知' }).waitFor();
  const shown = page.locator('ul.notices li');
  assert.equal(await shown.count(), 1);
  assert.ok((await shown.textContent()).startsWith(text), await shown.textContent());
  assert.match(await shown.locator('.note').textContent(), /^ \(.+ – .+\)$/);
  await assertAccessible(page, 'love station with a notice');
  await page.close();
});

test('a liaison station shows its receptions, a love station its notices', async () => {
  const first = async (kind) => (await srv.fetch(`/api/v1/facilities?kind=${kind}&limit=1`)).body.items[0];
  const liaison = await first('liaison_station');
  const put = await srv.fetch(`/api/v1/facilities/${liaison.id}/receptions`, { method: 'PUT', token: admin.token,
    json: { receptions: [{ representative: '王代表', weekday: 2, from: '09:00', until: '11:00' }] } });
  assert.equal(put.status, 200, put.text);
  const love = await first('love_station');
  const posted = await srv.fetch(`/api/v1/facilities/${love.id}/notices`, { method: 'POST', token: admin.token,
    json: { text: '今日免费绿豆汤', valid_from: district(Date.now() - 3600e3), valid_until: district(Date.now() + 86400e3) } });
  assert.equal(posted.status, 201, posted.text);

  const page = await browser.context.newPage();
  await page.goto(srv.url + `/#/f/${liaison.id}`);
  await page.getByRole('heading', { name: '代表接待' }).waitFor();
  await page.getByText('周二 09:00–11:00 · 王代表').waitFor();
  assert.match(await page.locator('#receptions-title + p').textContent(), /^下次接待：王代表，.+ 09:00–11:00$/);
  await assertAccessible(page, 'liaison station');
  await page.goto(srv.url + `/#/f/${love.id}`);
  await page.getByRole('heading', { name: '通知' }).waitFor();
  await page.getByText('今日免费绿豆汤').waitFor();
  await shot(page, 'love-station', true);
  await page.close();
});
