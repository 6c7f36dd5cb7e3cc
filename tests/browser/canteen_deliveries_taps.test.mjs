// The delivery round's buttons under a slow or missing network (review 2,
// screens/canteen_deliveries.js), in Chromium: while 确认送达's or 记录不在家's
// request is on its way a second tap sends nothing (a photo's upload is
// slow); and 保存顺序 offline says so and keeps the order as moved, to try
// again. Two demo elders' lunches booked four days ahead: before their day
// the server refuses the handover, which is all these taps need.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { CASHIER, dayAhead, demoCanteen } from './lib/canteens.mjs';


let srv;
let browser;
let canteen;
let date;
const orders = [];
before(async () => {
  let admin;
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  canteen = await demoCanteen(srv);
  date = dayAhead(4);
  const menu = (await srv.fetch(`/api/v1/canteens/${canteen.id}/menu?from=${date}&days=1`)).body;
  const lunch = menu.days[0].meals.find((m) => m.meal === 'lunch').items;
  for (const e of (await srv.fetch('/api/v1/elders?limit=100', { token: admin.token })).body.items) {
    if (orders.length === 2) break;
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/orders`, { method: 'POST', token: admin.token, json: {
      kind: 'delivery', date, meal: 'lunch', diner: { elder_id: e.id }, lines: [{ dish_id: lunch[0].dish_id, qty: 1 }] } });
    if (r.status === 201) orders.push(r.body.id);
  }
  assert.equal(orders.length, 2, 'two deliveries booked');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function round() {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' })));
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(CASHIER.username);
  await page.locator('#password').fill(CASHIER.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('.kept').waitFor();
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/deliveries?date=${date}&meal=lunch`);
  await page.locator('#deliveries-count').waitFor();
  return page;
}

// Holds the POSTs to a path ending in `tail`; counts them.
async function hold(page, tail) {
  const held = { posts: 0 };
  const gate = new Promise((r) => { held.release = r; });
  await page.route((url) => url.pathname.endsWith(tail), async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    held.posts += 1;
    await gate;
    return route.continue();
  });
  return held;
}

for (const [name, open, fill, tail] of [
  ['确认送达', '.delivery-handover-open', (f) => f.locator('input[type="text"]').fill('1234'), '/handover'],
  ['记录不在家', '.delivery-not-home-open', async () => {}, '/not-home'],
]) {
  test(`${name}: a second tap while its request is on its way sends nothing`, async () => {
    const page = await round();
    const stop = page.locator(`.delivery-stop[data-order="${orders[0]}"]`);
    await stop.locator(open).click();
    const form = stop.locator('form');
    await fill(form);
    const held = await hold(page, tail);
    await form.locator('.today-submit').click();
    await page.waitForFunction((sel) => document.querySelector(sel).disabled, `.delivery-stop[data-order="${orders[0]}"] form .today-submit`);
    await form.evaluate((f) => f.requestSubmit());
    held.release();
    // Before the meal's day the server refuses it: said, and the button back on.
    await form.locator('p.error').waitFor();
    assert.equal(held.posts, 1, 'one request');
    assert.equal(await form.locator('.today-submit').isDisabled(), false);
    await page.close();
  });
}

test('保存顺序 offline: said, and the order as moved is kept to try again', async () => {
  const page = await round();
  await page.locator('#route-editor summary').click();
  const before = await page.locator('#route-list li').evaluateAll((li) => li.map((x) => x.dataset.elder));
  await page.locator('#route-list li').nth(1).locator('.route-up').click();
  const moved = await page.locator('#route-list li').evaluateAll((li) => li.map((x) => x.dataset.elder));
  assert.deepEqual(moved, [before[1], before[0], ...before.slice(2)]);
  await page.route((url) => url.pathname.includes('/delivery-route/'), (route) =>
    (route.request().method() === 'PUT' ? route.abort() : route.continue()));
  const unhandled = [];
  page.on('pageerror', (e) => unhandled.push(e.message));
  await page.locator('#route-save').click();
  await page.waitForFunction(() => /无法连接/.test(document.querySelector('#deliveries-status').textContent));
  assert.deepEqual(await page.locator('#route-list li').evaluateAll((li) => li.map((x) => x.dataset.elder)), moved);
  assert.equal(await page.locator('#route-save').isDisabled(), false);
  assert.deepEqual(unhandled, []);
  await page.close();
});
