// Stored names never become markup on the canteen's till and delivery round
// (review 2): a dish named `<img src=x onerror=…>` is put on today's dinner
// and on a lunch four days ahead; the demo cashier rings it up for an
// ordinary diner (the dish button, the preview, the receipt, today's orders)
// and opens the round with an elder's delivery of it. Nothing runs, no
// <img src=x> appears, the name shows as literal text, no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertClean, guardedPage, payload, watchContext } from './lib/xss.mjs';
import { CASHIER, dayAhead } from './lib/canteens.mjs';

const NAME = payload(31);  // 39 characters: a dish's name holds 40

let srv;
let browser;
let canteen;
let dish;
const ahead = dayAhead(4);
before(async () => {
  let admin;
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1024, height: 900 } });
  await watchContext(browser.context);
  canteen = (await srv.fetch('/api/v1/facilities?kind=canteen&limit=20')).body.items.find((f) => f.name === '生态园便民餐厅');
  const made = await srv.fetch(`/api/v1/canteens/${canteen.id}/dishes`, { method: 'POST', token: admin.token,
    json: { name: NAME, kind: 'dish', price_fen: 1200, portion: '一份', allergens: [], tags: [] } });
  assert.equal(made.status, 201, made.text);
  dish = made.body;
  for (const [date, meal] of [[dayAhead(0), 'dinner'], [ahead, 'lunch']]) {
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/menu/${date}/${meal}`, { method: 'PUT', token: admin.token,
      json: { items: [{ dish_id: dish.id }] } });
    assert.equal(r.status, 200, r.text);
  }
  let booked = 0;
  for (const e of (await srv.fetch('/api/v1/elders?limit=100', { token: admin.token })).body.items) {
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/orders`, { method: 'POST', token: admin.token, json: {
      kind: 'delivery', date: ahead, meal: 'lunch', diner: { elder_id: e.id }, lines: [{ dish_id: dish.id, qty: 1 }] } });
    if (r.status === 201) { booked += 1; break; }
  }
  assert.equal(booked, 1, 'a delivery of the dish booked');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('a dish named as markup stays text at the till and on the round', async () => {
  await browser.context.clearCookies();
  const page = await guardedPage(browser.context);
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' })));
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(CASHIER.username);
  await page.locator('#password').fill(CASHIER.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('.kept').waitFor();
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/counter`);
  await page.locator('#counter-orders h2').waitFor();
  await page.locator('#counter-meal-dinner').click();
  const row = page.locator(`.counter-dish[data-dish="${dish.id}"]`);
  assert.equal(await row.locator('.dish-name').textContent(), NAME);
  await page.locator('#counter-walk-in').click();
  await row.locator('.counter-add').click();
  await page.locator('#counter-preview-money').waitFor();
  await page.locator('#counter-ring').click();
  await page.locator('#counter-receipt').waitFor();
  assert.match(await page.locator('.counter-receipt-lines').textContent(), /<img src=x/);
  await page.locator('#counter-orders .counter-order').first().waitFor();
  await assertClean(page, 'counter');
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/deliveries?date=${ahead}&meal=lunch`);
  await page.locator('#deliveries-stops').waitFor();
  assert.match(await page.locator('.delivery-dishes').first().textContent(), /<img src=x/);
  await assertClean(page, 'deliveries');
  await page.close();
});
