// The canteen counter (issue 17, screens/canteen_counter.js) in Chromium:
// the demo cashier of 生态园 finds her till on the workbench; an elder's
// dinner in a few taps (dinner: the demo rings up lunches of its own) — her
// red proxy card's number (as printed, the way a scanner types it), one
// dish, 收款 — with the subsidy, the tier and the
// reason shown before and on the receipt, and the order in today's list; a
// second dinner for her the same day is full price with the warning, and is
// cancelled from the list after a confirm; an ordinary diner pays full
// price; a short number and an unknown card are said in words; another
// canteen's cashier is refused. Axe on each view; elder mode at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { CASHIER, demoCanteen } from './lib/canteens.mjs';

const OTHER = { username: 'shitang_gaojiagou', password: 'demo-keeper-2026' };
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

let srv;
let admin;
let browser;
let canteen;
let elder;   // 梁秀英 (born 1955: 70-79岁, ¥3 a meal in the demo table) with her card
let dinner;  // today's dinner at 生态园, from the public menu
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1024, height: 900 } });
  canteen = await demoCanteen(srv);
  const elders = (await srv.fetch('/api/v1/elders?limit=100', { token: admin.token })).body.items;
  const liang = elders.find((e) => e.name === '梁秀英');
  assert.ok(liang, 'the demo has 梁秀英');
  const card = await srv.fetch(`/api/v1/elders/${liang.id}/card`, { token: admin.token });
  assert.equal(card.status, 200, card.text);
  elder = { id: liang.id, card: card.body.number_display || card.body.number };
  const menu = (await srv.fetch(`/api/v1/canteens/${canteen.id}/menu?from=${today()}&days=1`)).body;
  dinner = menu.days[0].meals.find((m) => m.meal === 'dinner').items;
  assert.ok(dinner.length >= 2, 'the demo publishes today\'s dinner');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who, settings = { lang: 'zh-CN' }) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('.kept').waitFor();
  return page;
}

async function counter(page) {
  const link = page.locator('.kept a.canteen-counter-link');
  assert.equal(await link.count(), 1, 'her one canteen\'s till');
  await link.click();
  await page.locator('#counter-find').waitFor();
  await page.locator('#counter-orders h2').waitFor();
  // The test's meal is dinner whatever the hour (the subsidy is for lunch and
  // dinner; the demo has rung up lunches today, hers among them maybe).
  await page.locator('#counter-meal-dinner').click();
  assert.equal(await page.locator('#counter-meal-dinner').getAttribute('aria-pressed'), 'true');
}

const money = async (page, id) => ({
  price: await page.locator(`#${id} .counter-price`).textContent(),
  subsidy: await page.locator(`#${id} .counter-subsidy`).textContent(),
  pays: await page.locator(`#${id} .counter-pays`).textContent(),
  reason: await page.locator(`#${id} .counter-reason`).textContent(),
});

test('an elder\'s dinner: card → dish → 收款, the subsidy and why, then a second dinner at full price, cancelled', async () => {
  const page = await signedIn(CASHIER);
  await counter(page);
  assert.equal(await page.locator('#counter-ring').isDisabled(), true, 'nothing to ring up yet');
  await assertAccessible(page, 'counter, empty');
  // Her card, as printed on it, then Enter (a scanner types the same).
  await page.locator('#counter-find').fill(elder.card);
  await page.locator('#counter-find').press('Enter');
  await page.locator('#counter-diner').waitFor();
  assert.match(await page.locator('#counter-diner').textContent(), /梁/);
  assert.doesNotMatch(await page.locator('#counter-diner').textContent(), /梁秀英/, 'her name is masked');
  const dish = dinner[0];
  await page.locator(`.counter-dish[data-dish="${dish.dish_id}"] .counter-add`).click();
  await page.locator('#counter-preview-money').waitFor();
  const subsidy = Math.min(300, dish.price_fen);
  const seen = await money(page, 'counter-preview-money');
  assert.deepEqual([seen.price, seen.subsidy, seen.pays], [yuan(dish.price_fen), yuan(subsidy), yuan(dish.price_fen - subsidy)]);
  assert.match(seen.reason, /70/, 'the tier and the engine\'s reason');
  assert.equal(await page.locator('#counter-preview-money-flag').count(), 0);
  await assertAccessible(page, 'counter, preview');
  await shot(page, 'canteen-counter-preview', true);
  await page.locator('#counter-ring').click();
  await page.locator('#counter-receipt').waitFor();
  const receipt = await money(page, 'counter-receipt-money');
  assert.deepEqual([receipt.subsidy, receipt.pays], [yuan(subsidy), yuan(dish.price_fen - subsidy)]);
  assert.match(await page.locator('#counter-status').textContent(), /已收款/);
  await assertAccessible(page, 'counter, receipt');
  // The order as stored, and in today's list.
  const stored = (await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}&kind=counter`, { token: admin.token })).body.orders
    .filter((o) => o.elder?.elder_id === elder.id && o.meal === 'dinner');
  assert.equal(stored.length, 1);
  assert.deepEqual([stored[0].kind, stored[0].status, stored[0].elder.elder_id, stored[0].subsidy_fen, stored[0].flag],
    ['counter', 'served', elder.id, subsidy, '']);
  await page.locator(`.counter-order[data-order="${stored[0].id}"]`).waitFor();
  // Next diner: the box empty and focused; the same elder again is full price, said as a warning.
  await page.locator('#counter-next').click();
  await page.locator('#counter-work').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'counter-find');
  assert.equal(await page.locator('#counter-find').inputValue(), '');
  await page.locator('#counter-meal-dinner').click();
  await page.locator('#counter-find').fill(elder.card);
  await page.locator('#counter-find').press('Enter');
  await page.locator('#counter-diner').waitFor();
  await page.locator(`.counter-dish[data-dish="${dish.dish_id}"] .counter-add`).click();
  await page.locator('#counter-preview-money-flag').waitFor();
  assert.match(await page.locator('#counter-preview-money-flag').textContent(), /已经用过补贴/);
  assert.equal((await money(page, 'counter-preview-money')).subsidy, yuan(0));
  await page.locator('#counter-ring').click();
  await page.locator('#counter-receipt').waitFor();
  assert.equal(await page.locator('#counter-receipt-money-flag').count(), 1);
  await page.locator('#counter-next').click();
  // Cancel the second from today's list: a confirm first, then the order is cancelled.
  const second = (await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}`, { token: admin.token })).body.orders
    .find((o) => o.flag === 'second_in_slot' && o.meal === 'dinner' && o.elder?.elder_id === elder.id);
  assert.ok(second, 'the second dinner is stored with its flag');
  const row = page.locator(`.counter-order[data-order="${second.id}"]`);
  await row.locator('.counter-cancel').click();
  await row.locator('.counter-cancel-form').waitFor();
  assert.equal((await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}`, { token: admin.token })).body.orders
    .find((o) => o.id === second.id).status, 'served', 'nothing happens before the confirm');
  await assertAccessible(page, 'counter, cancel confirm');
  await row.locator('input').fill('收银员点错');
  await row.locator('.counter-cancel-yes').click();
  await page.locator(`.counter-order[data-order="${second.id}"][data-status="cancelled"]`).waitFor();
  assert.equal(await page.locator(`.counter-order[data-order="${second.id}"] .counter-cancel`).count(), 0);
  await page.close();
});

test('an ordinary diner pays full price; a short number and an unknown card are said in words', async () => {
  const page = await signedIn(CASHIER);
  await counter(page);
  await page.locator('#counter-find').fill('123');
  await page.locator('#counter-find').press('Enter');
  await page.waitForFunction(() => /完整/.test(document.querySelector('#counter-status').textContent));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'counter-find');
  // A well-formed number (its check digit right) that no card has.
  await page.locator('#counter-find').fill('5729430185');
  await page.locator('#counter-find').press('Enter');
  await page.waitForFunction(() => /没有找到/.test(document.querySelector('#counter-status').textContent));
  await page.locator('#counter-walk-in').click();
  assert.match(await page.locator('#counter-diner').textContent(), /普通顾客/);
  const [a, b] = dinner;
  const row = page.locator(`.counter-dish[data-dish="${a.dish_id}"]`);
  await row.locator('.counter-add').click();
  await row.locator('.counter-plus').click();
  await page.locator(`.counter-dish[data-dish="${b.dish_id}"] .counter-add`).click();
  await page.locator(`.counter-dish[data-dish="${b.dish_id}"] .counter-minus`).click();
  assert.equal(await row.locator('.counter-n').textContent(), '2');
  await page.waitForFunction((p) => document.querySelector('#counter-preview-money .counter-price')?.textContent === p, yuan(2 * a.price_fen));
  const seen = await money(page, 'counter-preview-money');
  assert.deepEqual([seen.subsidy, seen.pays], [yuan(0), yuan(2 * a.price_fen)]);
  await page.locator('#counter-ring').click();
  await page.locator('#counter-receipt').waitFor();
  const stored = (await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}&meal=dinner&kind=counter`, { token: admin.token })).body.orders
    .find((o) => !o.elder);
  assert.deepEqual([stored.elder, stored.subsidy_fen, stored.pays_fen, stored.lines.map((l) => [l.dish_id, l.qty])],
    [null, 0, 2 * a.price_fen, [[a.dish_id, 2]]]);
  await page.close();
});

test('the scanner keeps the box; a failed lookup drops the diner; a double tap on 收款 rings up one order; deliveries are not at the till', async () => {
  const page = await signedIn(CASHIER);
  const link = page.locator('.kept a.canteen-counter-link');
  await link.click();
  await page.locator('#counter-orders h2').waitFor();
  // The router does not take the focus from the box (a scanner's first card goes in it).
  assert.equal(await page.evaluate(() => document.activeElement.id), 'counter-find');
  await page.keyboard.type(elder.card);
  await page.keyboard.press('Enter');
  await page.locator('#counter-diner').waitFor();
  await page.locator('#counter-meal-dinner').click();
  const dish = dinner[1];
  await page.locator(`.counter-dish[data-dish="${dish.dish_id}"] .counter-add`).click();
  await page.locator('#counter-preview-money').waitFor();
  assert.equal(await page.locator('#counter-ring').isDisabled(), false);
  // The next lookup fails (offline): the diner before is no longer chosen, 收款 is off.
  await page.route((url) => url.pathname.endsWith('/diners'), (route) => route.abort());
  await page.locator('#counter-find').fill(elder.card);
  await page.locator('#counter-find').press('Enter');
  await page.waitForFunction(() => /无法连接/.test(document.querySelector('#counter-status').textContent));
  assert.equal(await page.locator('#counter-diner').count(), 0, 'no diner left chosen');
  assert.equal(await page.locator('#counter-ring').isDisabled(), true);
  await page.unroute((url) => url.pathname.endsWith('/diners'));
  await page.locator('#counter-walk-in').click();
  await page.locator('#counter-preview-money').waitFor();
  // 收款 held on its way; a + redraws the preview meanwhile; a second tap rings nothing.
  const mine = (o) => !o.elder && o.meal === 'dinner';
  const ordersNow = async () => (await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}&kind=counter`,
    { token: admin.token })).body.orders.filter(mine).length;
  const before = await ordersNow();
  let posts = 0;
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route((url) => url.pathname.endsWith('/orders'), async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts += 1;
    await held;
    return route.continue();
  });
  await page.locator('#counter-ring').click();
  await page.waitForFunction(() => document.querySelector('#counter-ring').disabled);
  await page.locator(`.counter-dish[data-dish="${dish.dish_id}"] .counter-plus`).click();
  await page.waitForFunction((p) => document.querySelector('#counter-preview-money .counter-price')?.textContent === p, yuan(2 * dish.price_fen));
  assert.equal(await page.locator('#counter-ring').isDisabled(), true, '收款 stays off while its POST is on its way');
  await page.evaluate(() => document.querySelector('#counter-ring').click());
  release();
  await page.locator('#counter-receipt').waitFor();
  assert.equal(posts, 1, 'one POST …/orders');
  assert.equal(await ordersNow(), before + 1, 'one order rung up');
  // Today's list at the till: counter meals only (a delivery is past its cut-off on its day).
  await page.locator('#counter-orders .counter-order').first().waitFor();
  const deliveries = (await srv.fetch(`/api/v1/canteens/${canteen.id}/orders?date=${today()}&kind=delivery`, { token: admin.token })).body.orders;
  for (const d of deliveries) assert.equal(await page.locator(`.counter-order[data-order="${d.id}"]`).count(), 0, `delivery ${d.id} not at the till`);
  assert.equal(await page.locator('#counter-orders').getByText('送餐').count(), 0);
  await page.close();
});

test('another canteen\'s cashier is refused at this till', async () => {
  const page = await signedIn(OTHER);
  await page.goto(`${srv.url}/#/staff/canteen/${canteen.id}/counter`);
  await page.locator('#counter-refused').waitFor();
  assert.match(await page.locator('#counter-refused').textContent(), /不是这家食堂的工作人员/);
  await assertAccessible(page, 'counter, refused');
  await page.close();
});

test('English and elder mode at 360 px: the till still fits', async () => {
  const page = await signedIn(CASHIER, { lang: 'en', elder: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await counter(page);
  assert.equal(await page.locator('#counter-ring').textContent(), 'Ring up');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `no sideways scrolling (${wide} px)`);
  const small = await page.locator('#counter-work button:visible').evaluateAll((bs) => bs
    .map((b) => b.getBoundingClientRect()).filter((r) => r.height < 52).length);
  assert.equal(small, 0, 'every button at least 52 px high');
  await assertAccessible(page, 'counter, English, elder mode');
  await page.close();
});
