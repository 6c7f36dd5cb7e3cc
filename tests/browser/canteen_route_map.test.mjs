// The delivery route set on the map (issue 17, screens/canteen_deliveries.js,
// js/map.js routeMap) in Chromium at 360 px, with no tile server: three demo
// elders' lunches booked four days ahead, one of the three renamed to markup
// (`<img src=x onerror=…>`). The demo cashier of 生态园 opens the round's
// route editor: the map shows the canteen and the stops numbered in the
// server's route order with the line between them; 按地图排路线, taps (a
// pointer's and the keyboard's) set a new order, a tapped stop tapped again
// goes back out with those after it, 重来 undoes the taps; 保存 keeps it, and
// after a reload the list, the numbers, GET …/deliveries and GET
// …/delivery-route/lunch all agree; 就近排序 gives what nearestOrder() gives
// (not saved until 保存). The markup name is only text in its tooltip (no
// script ran, no CSP violation). Axe on each; markers 60 px in elder mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { assertClean, guardedPage, watchContext } from './lib/xss.mjs';
import { CASHIER, dayAhead, demoCanteen } from './lib/canteens.mjs';
import { nearestOrder, routeOf } from '../../web/js/canteen_delivery_model.js';

// An elder's name holds 32 characters: the shorter form of lib/xss.mjs's payload.
const NAME = '<img src=x onerror=__pwned=41>';

let srv;
let admin;
let browser;
let canteen;
let date;
let elders;  // the three demo elders booked: [{id, name, order}]
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  await watchContext(browser.context);
  canteen = await demoCanteen(srv);
  date = dayAhead(4);
  const menu = (await srv.fetch(`/api/v1/canteens/${canteen.id}/menu?from=${date}&days=1`)).body;
  const lunch = menu.days[0].meals.find((m) => m.meal === 'lunch').items;
  elders = [];
  for (const e of (await srv.fetch('/api/v1/elders?limit=100', { token: admin.token })).body.items) {
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/orders`, { method: 'POST', token: admin.token, json: {
      kind: 'delivery', date, meal: 'lunch', diner: { elder_id: e.id }, lines: [{ dish_id: lunch[0].dish_id, qty: 1 }] } });
    if (r.status === 201) elders.push({ id: e.id, name: e.name, order: r.body.id });
    if (elders.length === 3) break;
  }
  assert.equal(elders.length, 3, 'three demo elders\' lunches booked');
  const renamed = await srv.fetch(`/api/v1/elders/${elders[2].id}`, { method: 'PATCH', token: admin.token, json: { name: NAME } });
  assert.equal(renamed.status, 200, renamed.text);
  elders[2].name = NAME;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(settings = { lang: 'zh-CN' }) {
  await browser.context.clearCookies();
  const page = await guardedPage(browser.context);
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(CASHIER.username);
  await page.locator('#password').fill(CASHIER.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('.kept').waitFor();
  return page;
}

const stopsApi = async () => (await srv.fetch(`/api/v1/canteens/${canteen.id}/deliveries?date=${date}&meal=lunch`,
  { token: admin.token })).body.stops;
const keptApi = async () => (await srv.fetch(`/api/v1/canteens/${canteen.id}/delivery-route/lunch`, { token: admin.token })).body.elder_ids;

// The round opened with its route editor and map drawn.
async function editor(page) {
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/deliveries?date=${date}&meal=lunch`);
  await page.locator('#deliveries-count').waitFor();
  await page.locator('#route-editor summary').click();
  await page.locator('#route-map .route-marker .route-stop').first().waitFor();
}
const marker = (page, eid) => page.locator(`#route-map .route-marker[data-elder="${eid}"]`);
const listed = (page) => page.locator('#route-list li').evaluateAll((li) => li.map((x) => Number(x.dataset.elder)));
// The elder ids by the numbers on their markers.
const numbered = (page) => page.locator('#route-map .route-marker[data-elder]').evaluateAll((els) =>
  els.map((el) => [Number(el.textContent), Number(el.dataset.elder)]).sort((a, b) => a[0] - b[0]).map(([, id]) => id));
// The markers in page order (the order Tab takes them in).
const inPage = (page) => page.locator('#route-map .route-marker[data-elder]').evaluateAll((els) =>
  els.map((el) => Number(el.dataset.elder)));

test('the map shows the route; taps set a new order, saved and read back the same', async () => {
  const page = await signedIn();
  await editor(page);
  const ids = routeOf(await stopsApi());
  assert.ok(elders.every((e) => ids.includes(e.id)), 'the three on the round');
  assert.equal(await page.locator('#route-map.no-tiles').count(), 1, 'no tile server: markers on a plain background');
  assert.equal(await page.locator('#route-map .route-start').count(), 1, 'the canteen is drawn');
  assert.equal(await page.locator('#route-map .route-stop').count(), ids.length, 'one marker per elder');
  assert.deepEqual(await numbered(page), ids, 'the markers are numbered in route order');
  assert.deepEqual(await listed(page), ids, 'and the list is in the same order');
  assert.equal(await page.locator('#route-map .leaflet-overlay-pane path').count(), 1, 'the line canteen → 1 → 2 …');
  assert.equal(await marker(page, ids[0]).getAttribute('aria-label'), `第 1 站：${(await stopsApi())[0].elder.name}`);
  const box = await marker(page, ids[0]).boundingBox();
  assert.ok(box.width >= 44 && box.height >= 44, `a marker is at least 44 px (${box.width} × ${box.height})`);
  await assertAccessible(page, 'route map');

  // 按地图排路线: the third, then the second; the others follow as they were.
  await page.locator('#route-pick').click();
  assert.equal(await page.locator('#route-pick').getAttribute('aria-pressed'), 'true');
  await marker(page, ids[2]).dispatchEvent('click');
  await marker(page, ids[1]).focus();
  await page.keyboard.press('Enter');  // a tap by the keyboard: the marker keeps the focus
  assert.equal(await page.evaluate(() => document.activeElement.dataset.elder), String(ids[1]));
  const tapped = [ids[2], ids[1], ids[0], ...ids.slice(3)];
  assert.deepEqual(await listed(page), tapped, 'the list follows the taps');
  assert.deepEqual(await numbered(page), tapped, 'the numbers follow the taps');
  assert.equal(await marker(page, ids[2]).getAttribute('aria-pressed'), 'true');
  assert.equal(await marker(page, ids[0]).getAttribute('aria-pressed'), 'false');
  assert.match(await page.locator('#route-map-status').textContent(), new RegExp(`已排 2 / ${ids.length} 站`));
  await assertAccessible(page, 'route map, picking');
  await shot(page, 'canteen-route-map', true);
  // The first tapped, tapped again: it and the one after it go back out.
  await marker(page, ids[2]).dispatchEvent('click');
  assert.deepEqual(await listed(page), ids);
  assert.match(await page.locator('#route-map-status').textContent(), new RegExp(`已排 0 / ${ids.length} 站`));
  // 重来 after some taps: back to the order before them.
  await marker(page, ids[1]).dispatchEvent('click');
  assert.deepEqual(await listed(page), [ids[1], ids[0], ...ids.slice(2)]);
  await page.locator('#route-again').click();
  assert.deepEqual(await numbered(page), ids);
  // A move in the list ends the tapping; the map's numbers follow it too.
  await page.locator(`#route-list li[data-elder="${ids[1]}"] .route-up`).click();
  assert.equal(await page.locator('#route-pick').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#route-map-status').textContent(), '');
  assert.deepEqual(await numbered(page), [ids[1], ids[0], ...ids.slice(2)]);
  await page.locator(`#route-list li[data-elder="${ids[1]}"] .route-down`).click();
  await page.locator('#route-pick').click();
  // The order to keep: the third, the first, then the rest.
  await marker(page, ids[2]).dispatchEvent('click');
  await marker(page, ids[0]).dispatchEvent('click');
  const chosen = [ids[2], ids[0], ids[1], ...ids.slice(3)];
  assert.deepEqual(await listed(page), chosen);
  await page.locator('#route-pick').click();  // 排好了
  assert.equal(await page.locator('#route-pick').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#route-again').isVisible(), false);
  await page.locator('#route-save').click();
  await page.waitForFunction(() => /已保存/.test(document.querySelector('#deliveries-status').textContent));
  assert.deepEqual((await keptApi()).slice(0, chosen.length), chosen, 'the kept route');
  assert.deepEqual(routeOf(await stopsApi()), chosen, 'the round in the new order');
  // Read again: the list, the stops and the numbers show the saved order.
  await page.reload();
  await page.locator('#deliveries-count').waitFor();
  await page.locator('#route-editor summary').click();
  await page.locator('#route-map .route-marker .route-stop').first().waitFor();
  assert.deepEqual(await listed(page), chosen);
  assert.deepEqual(await numbered(page), chosen);
  const orders = await page.locator('#deliveries-stops .delivery-stop').evaluateAll((li) => li.map((x) => Number(x.dataset.order)));
  assert.deepEqual(orders, (await stopsApi()).map((s) => s.order_id));
  await assertClean(page, 'route map');
  await page.close();
});

test('就近排序 gives the nearest-first order from the canteen, changed only when saved', async () => {
  const page = await signedIn();
  await editor(page);
  const stops = await stopsApi();
  const ids = routeOf(stops);
  const facility = (await srv.fetch(`/api/v1/facilities/${canteen.id}`)).body;
  const where = new Map(stops.map((s) => [s.elder.elder_id, s.elder]));
  const expected = nearestOrder(facility, ids.map((id) => ({ id, lat: where.get(id).lat, lon: where.get(id).lon })));
  await page.locator('#route-nearest').click();
  assert.deepEqual(await listed(page), expected);
  assert.deepEqual(await numbered(page), expected);
  assert.deepEqual(await inPage(page), expected, 'Tab takes the markers in route order');
  assert.match(await page.locator('#route-map-status').textContent(), /就近/);
  // Still changeable by the list before saving: the last moved up.
  await page.locator(`#route-list li[data-elder="${expected.at(-1)}"] .route-up`).click();
  const moved = [...expected.slice(0, -2), expected.at(-1), expected.at(-2)];
  assert.deepEqual(await numbered(page), moved);
  assert.deepEqual(routeOf(await stopsApi()), ids, 'nothing saved yet');
  await page.locator('#route-save').click();
  await page.waitForFunction(() => /已保存/.test(document.querySelector('#deliveries-status').textContent));
  assert.deepEqual(routeOf(await stopsApi()), moved);
  assert.equal(await page.locator('#route-editor').getAttribute('open'), '', 'the editor stays open after saving');
  await page.locator('#route-map .route-marker .route-stop').first().waitFor();
  assert.deepEqual(await numbered(page), moved);
  await assertAccessible(page, 'route map, nearest first');
  await assertClean(page, 'route map, nearest first');
  await page.close();
});

test('a name written as markup is only text in its marker\'s tooltip', async () => {
  const page = await signedIn();
  await editor(page);
  const m = marker(page, elders[2].id);
  await m.dispatchEvent('mouseover');
  const tip = page.locator('#route-map .leaflet-tooltip');
  await tip.waitFor();
  assert.equal(await tip.textContent(), NAME);
  assert.equal(await page.locator('#route-map .leaflet-tooltip img').count(), 0);
  assert.match(await m.getAttribute('aria-label'), /<img src=x/);
  await assertClean(page, 'route map tooltip');
  await page.close();
});

test('elder mode at 360 px: the markers are 60 px, the page does not scroll sideways', async () => {
  const page = await signedIn({ lang: 'zh-CN', elder: true });
  await editor(page);
  assert.equal(await page.locator('#route-map').isVisible(), true, 'the route map is shown in elder mode');
  for (const el of await page.locator('#route-map .route-marker').all()) {
    const box = await el.boundingBox();
    assert.ok(box.width >= 60 && box.height >= 60, `${box.width} × ${box.height}`);
  }
  for (const sel of ['#route-pick', '#route-nearest', '#route-save']) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box.height >= 60, `${sel}: ${box.height}`);
  }
  const mapBox = await page.locator('#route-map').boundingBox();
  assert.ok(mapBox.height >= 240 && mapBox.height <= 640 * 0.7, `map height ${mapBox.height}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
  await assertAccessible(page, 'route map, elder mode');
  await page.locator('#route-map').scrollIntoViewIfNeeded();
  await shot(page, 'canteen-route-map-elder');
  await page.close();
});
