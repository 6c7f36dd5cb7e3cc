// A canteen's delivery round (issue 17, screens/canteen_deliveries.js) in
// Chromium at 360 px: three demo elders' lunches booked four days ahead
// (beside any the demo books); the demo cashier of 生态园 finds the round on
// the workbench, sees the stops in the server's route order (name, address,
// phone as a tel: link, dishes, diet badges), moves a stop up in the route
// editor and saves it (the kept route and the list follow); then on the
// meal's day (the server started again with its clock then: a meal is
// handed over or found not home on its day only) she hands one meal over by
// her code (the first 4 digits of her card; a wrong code refused in words
// first) and another by a photo from the camera, another canteen's cashier
// is refused, and she records the third not at home (her visit team told).
// Axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { CASHIER, dayAhead, demoCanteen } from './lib/canteens.mjs';

const OTHER = { username: 'shitang_gaojiagou', password: 'demo-keeper-2026' };

let srv;
let admin;
let browser;
let canteen;
let date;
let elders;   // three demo elders with cards: [{id, name, card}]
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  canteen = await demoCanteen(srv);
  // Four days ahead: always before the booking cut-off (20:00 the day
  // before), and past the days the demo books its own deliveries for.
  date = dayAhead(4);
  const menu = (await srv.fetch(`/api/v1/canteens/${canteen.id}/menu?from=${date}&days=1`)).body;
  const lunch = menu.days[0].meals.find((m) => m.meal === 'lunch').items;
  elders = [];
  for (const e of (await srv.fetch('/api/v1/elders?limit=100', { token: admin.token })).body.items) {
    const card = await srv.fetch(`/api/v1/elders/${e.id}/card`, { token: admin.token });
    if (card.status === 200) elders.push({ id: e.id, name: e.name, card: card.body.number });
    if (elders.length === 3) break;
  }
  assert.equal(elders.length, 3, 'three demo elders with cards');
  for (const [i, e] of elders.entries()) {
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/orders`, { method: 'POST', token: admin.token, json: {
      kind: 'delivery', date, meal: 'lunch', diner: { elder_id: e.id }, lines: [{ dish_id: lunch[i % lunch.length].dish_id, qty: 1 }] } });
    assert.equal(r.status, 201, r.text);
    e.order = r.body.id;
  }
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' })));
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('.kept').waitFor();
  return page;
}

const stopsApi = async () => (await srv.fetch(`/api/v1/canteens/${canteen.id}/deliveries?date=${date}&meal=lunch`,
  { token: admin.token })).body.stops;
const round = async (page) => {
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/deliveries?date=${date}&meal=lunch`);
  await page.locator('#deliveries-count').waitFor();
};
const shownOrders = (page) => page.locator('#deliveries-stops .delivery-stop').evaluateAll((li) => li.map((x) => Number(x.dataset.order)));

test('the round in route order, and the route editor saves a new order', async () => {
  const page = await signedIn(CASHIER);
  assert.equal(await page.locator('.kept a.canteen-deliveries-link').count(), 1);
  await round(page);
  const api = await stopsApi();
  assert.ok(elders.every((e) => api.some((s) => s.order_id === e.order)), 'the test\'s three orders are on the round');
  assert.deepEqual(await shownOrders(page), api.map((s) => s.order_id));
  const first = page.locator(`.delivery-stop[data-order="${api[0].order_id}"]`);
  assert.match(await first.locator('h3').textContent(), new RegExp(api[0].elder.name));
  assert.equal(await first.locator('.today-address').textContent(), api[0].elder.address);
  assert.equal(await first.locator('a.today-tel').getAttribute('href'), 'tel:' + api[0].elder.phone.replace(/[^\d+]/g, ''));
  assert.match(await first.locator('.delivery-dishes').textContent(), new RegExp(api[0].lines[0].name));
  assert.equal(await first.locator('.delivery-diet').count(), api[0].diet.length);
  assert.equal(await page.locator('#deliveries-count').textContent(),
    `共 ${api.length} 户，还有 ${api.filter((s) => s.status === 'booked').length} 户未送。`);
  await assertAccessible(page, 'deliveries');
  // The last stop moved up once, saved: the kept route and the list follow.
  await page.locator('#route-editor summary').click();
  const ids = api.map((s) => s.elder.elder_id);
  await page.locator(`#route-list li[data-elder="${ids[2]}"] .route-up`).click();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('route-up')), true, 'the focus stays on the moved stop');
  await assertAccessible(page, 'deliveries, route editor');
  await page.locator('#route-save').click();
  await page.waitForFunction(() => /已保存/.test(document.querySelector('#deliveries-status').textContent));
  const kept = (await srv.fetch(`/api/v1/canteens/${canteen.id}/delivery-route/lunch`, { token: admin.token })).body.elder_ids;
  const swapped = (list) => [list[0], list[2], list[1], ...list.slice(3)];
  assert.deepEqual(kept.slice(0, ids.length), swapped(ids));
  assert.deepEqual(await shownOrders(page), swapped(api).map((s) => s.order_id));
  await shot(page, 'canteen-deliveries', true);
  await page.close();
});

// A meal is handed over or found not home on its day only: from here on
// the server runs again on the same database with its clock (--now) at
// 11:30 of the booked day, and the browser's clock with it.
let onItsDay = false;
async function onTheMealsDay() {
  if (onItsDay) return;
  await srv.stop();
  const noon = `${date}T11:30:00+08:00`;
  const at = srv.args.indexOf('--now');
  if (at >= 0) srv.args.splice(at, 2);
  srv.args.push('--now', noon);
  await srv.start();
  await browser.context.clock.setFixedTime(new Date(noon));
  admin = await srv.login('admin', 'demo-admin-2026');
  onItsDay = true;
}

test('a handover by her code, a wrong one refused first; another by a photo', async () => {
  await onTheMealsDay();
  const page = await signedIn(CASHIER);
  await round(page);
  const mine = (s) => s.status === 'booked' && elders.some((e) => e.order === s.order_id);
  const [a] = (await stopsApi()).filter(mine);
  const code = elders.find((e) => e.id === a.elder.elder_id).card.slice(0, 4);
  const stop = page.locator(`.delivery-stop[data-order="${a.order_id}"]`);
  await stop.locator('.delivery-handover-open').click();
  const box = stop.locator('.delivery-handover input[inputmode="numeric"]');
  assert.equal(await page.evaluate(() => document.activeElement.inputMode), 'numeric', 'the code box has the focus');
  // Nothing typed and no photo: said before sending.
  await stop.locator('.delivery-handover button[type="submit"]').click();
  await stop.locator('.delivery-handover [role="status"].error').waitFor();
  await box.fill(code === '0000' ? '1111' : '0000');
  await stop.locator('.delivery-handover button[type="submit"]').click();
  await page.waitForFunction((id) => /没有完成/.test(document.querySelector(`#handover-${id}-status`).textContent), a.order_id);
  assert.equal((await stopsApi()).find((s) => s.order_id === a.order_id).status, 'booked');
  await assertAccessible(page, 'deliveries, handover form');
  await box.fill(code);
  await stop.locator('.delivery-handover button[type="submit"]').click();
  await page.locator(`.delivery-stop[data-order="${a.order_id}"][data-status="delivered"]`).waitFor();
  assert.match(await page.locator(`.delivery-stop[data-order="${a.order_id}"] .delivery-state`).textContent(), /已送达 .*取餐码/);
  assert.equal(await page.locator(`.delivery-stop[data-order="${a.order_id}"] .delivery-handover-open`).count(), 0);
  // Another by a photo of the meal at her door (shrunk in the page, sent in the body).
  const [c] = (await stopsApi()).filter(mine);
  const f = `#handover-${c.order_id}`;
  await page.locator(`.delivery-stop[data-order="${c.order_id}"] .delivery-handover-open`).click();
  const png = await page.evaluate(() => {
    const cv = document.createElement('canvas');
    cv.width = 2400;
    cv.height = 1800;
    const g = cv.getContext('2d');
    g.fillStyle = '#c84';
    g.fillRect(0, 0, 2400, 1800);
    return cv.toDataURL('image/png').split(',')[1];
  });
  assert.equal(await page.locator(`${f}-photo`).getAttribute('capture'), 'environment');
  await page.locator(`${f}-photo`).setInputFiles({ name: 'meal.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await page.locator(`${f}-preview img`).waitFor();
  await page.locator(`${f} button[type="submit"]`).click();
  await page.locator(`.delivery-stop[data-order="${c.order_id}"][data-status="delivered"]`).waitFor();
  assert.match(await page.locator(`.delivery-stop[data-order="${c.order_id}"] .delivery-state`).textContent(), /已送达 .*照片/);
  const after = await stopsApi();
  assert.equal(after.find((s) => s.order_id === a.order_id).handover.proof, 'code');
  assert.equal(after.find((s) => s.order_id === c.order_id).handover.proof, 'photo');
  assert.match(await page.locator('#deliveries-count').textContent(),
    new RegExp(`还有 ${after.filter((s) => s.status === 'booked').length} 户未送`));
  await assertAccessible(page, 'deliveries, delivered');
  await page.close();
});

test('another canteen\'s cashier is refused this round', async () => {
  const page = await signedIn(OTHER);
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/deliveries?date=${date}&meal=lunch`);
  await page.locator('#deliveries-refused').waitFor();
  assert.match(await page.locator('#deliveries-refused').textContent(), /不是这家食堂的工作人员/);
  await page.close();
});

test('on the meal\'s day, not at home with a note: her visit team is told', async () => {
  await onTheMealsDay();
  const page = await signedIn(CASHIER);
  await round(page);
  const b = (await stopsApi()).find((s) => s.status === 'booked' && elders.some((e) => e.order === s.order_id));
  const other = page.locator(`.delivery-stop[data-order="${b.order_id}"]`);
  await other.locator('.delivery-not-home-open').click();
  assert.match(await other.locator('.delivery-not-home').textContent(), /走访小组/);
  await other.locator('textarea').fill('敲门无人应答，电话未接');
  await other.locator('.delivery-not-home button[type="submit"]').click();
  await page.locator(`.delivery-stop[data-order="${b.order_id}"][data-status="not_home"]`).waitFor();
  assert.match(await page.locator('#deliveries-status').textContent(), /已通知走访小组/);
  assert.match(await page.locator(`.delivery-stop[data-order="${b.order_id}"] .delivery-state`).textContent(), /不在家 11:3\d · 已通知走访小组/);
  const after = await stopsApi();
  assert.ok(after.find((s) => s.order_id === b.order_id).not_home.visit_id, 'handed to the visit escalation');
  assert.match(await page.locator('#deliveries-count').textContent(),
    new RegExp(`还有 ${after.filter((s) => s.status === 'booked').length} 户未送`));
  await assertAccessible(page, 'deliveries, not at home');
  await page.close();
});
