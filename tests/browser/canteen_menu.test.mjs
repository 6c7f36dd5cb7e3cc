// A canteen's page shows today's menu (issue 17, web/js/canteen_menu.js):
// the dishes an admin puts on today's breakfast and lunch through the API,
// by meal with price, portion, tags and allergens in words; the week's seven
// days; "今日菜单未发布" for a canteen with none; elder mode at 360 px reads
// the menu aloud with prices in Chinese words (the test records what
// speechSynthesis.speak is given), and English says yuan; the staff's menu
// editor adds a dish (a second of the same name refused in the form's
// summary: the server's 409) and publishes a meal. Axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { demoCanteen } from './lib/canteens.mjs';

// format.js in node (as format.test.mjs loads it): the spoken prices.
const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const { chineseNumber, priceSpoken, price } = await import('../../web/js/format.js');
const { saveSetting } = await import('../../web/js/settings.js');

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
let srv;
let admin;
let browser;
let canteen;
let bare;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  canteen = await demoCanteen(srv);
  // The test's dishes (the demo's own of the same name, if any, made so).
  const known = (await srv.fetch(`/api/v1/canteens/${canteen.id}/dishes`, { token: admin.token })).body.items;
  const dish = async (json) => {
    const same = known.find((d) => d.name === json.name);
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/dishes${same ? '/' + same.id : ''}`, { method: same ? 'PATCH' : 'POST',
      token: admin.token, json: { portion: '', allergens: [], tags: [], active: true, ...json } });
    assert.equal(r.status, same ? 200 : 201, r.text);
    return r.body.id;
  };
  const egg = await dish({ name: '西红柿炒鸡蛋', kind: 'dish', price_fen: 800, portion: '一份', allergens: ['egg'], tags: ['soft'] });
  const potato = await dish({ name: '尖椒土豆丝', kind: 'dish', price_fen: 600, tags: ['vegetarian', 'low_salt'] });
  const porridge = await dish({ name: '小米南瓜粥', kind: 'dish', price_fen: 250, tags: ['soft', 'low_sugar'] });
  const put = async (meal, items) => {
    const r = await srv.fetch(`/api/v1/canteens/${canteen.id}/menu/${today()}/${meal}`, { method: 'PUT', token: admin.token, json: { items } });
    assert.equal(r.status, 200, r.text);
  };
  await put('breakfast', [{ dish_id: porridge }]);
  await put('lunch', [{ dish_id: egg }, { dish_id: potato }]);
  await put('dinner', []);
  // A canteen of its own with no menu at all.
  const made = await srv.fetch('/api/v1/facilities', { method: 'POST', token: admin.token, json: {
    kind: 'canteen', name: '测试新开食堂', address: '离石区滨河北路 1 号', lat: 37.52, lon: 111.14, opening_hours: 'Mo-Su 07:00-19:00' } });
  assert.equal(made.status, 201, made.text);
  bare = made.body;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('prices in words, as read aloud', () => {
  saveSetting('lang', 'zh-CN');
  assert.deepEqual([0, 8, 10, 12, 20, 105, 110, 1010, 20000, 100005].map(chineseNumber),
    ['零', '八', '十', '十二', '二十', '一百零五', '一百一十', '一千零一十', '二万', '十万零五']);
  assert.deepEqual([800, 850, 805, 1250, 5, 0].map(priceSpoken), ['八元', '八元五角', '八元零五分', '十二元五角', '五分', '零元']);
  assert.equal(price(850), '¥8.50');
  saveSetting('lang', 'en');
  assert.deepEqual([800, 850].map(priceSpoken), ['8 yuan', '8.50 yuan']);
  saveSetting('lang', 'zh-CN');
});

test('the canteen page shows today\'s menu by meal and the week', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${srv.url}/#/f/${canteen.id}`);
  await page.locator('#menu-today').waitFor();
  const meals = await page.locator('#menu-today .meal h4').allTextContents();
  assert.deepEqual(meals, ['早餐', '午餐']);
  const lunch = page.locator('#menu-today .meal[data-meal="lunch"] .dish');
  assert.equal(await lunch.count(), 2);
  const egg = lunch.first();
  assert.equal(await egg.locator('.dish-name').textContent(), '西红柿炒鸡蛋');
  assert.equal(await egg.locator('.dish-price').textContent(), '¥8.00');
  assert.equal(await egg.locator('.dish-tags').textContent(), '软烂');
  assert.equal(await egg.locator('.dish-allergens').textContent(), '含过敏原：蛋类');
  assert.match(await egg.textContent(), /份量：一份/);
  assert.equal(await lunch.nth(1).locator('.dish-tags').textContent(), '低盐 · 素食');
  await assertAccessible(page, 'canteen page, today');
  await shot(page, 'canteen-menu', true);
  // The week: seven days from today, today's lunch among them.
  await page.getByRole('button', { name: '本周' }).click();
  assert.equal(await page.locator('#menu-week > li').count(), 7);
  assert.equal(await page.locator('#menu-today').isHidden(), true);
  const first = page.locator('#menu-week > li').first();
  assert.match(await first.textContent(), /午餐：西红柿炒鸡蛋 ¥8\.00、尖椒土豆丝 ¥6\.00/);
  assert.equal(await page.getByRole('button', { name: '本周' }).getAttribute('aria-pressed'), 'true');
  await assertAccessible(page, 'canteen page, week');
  await page.getByRole('button', { name: '今日' }).click();
  await page.locator('#menu-today').waitFor();
  // A canteen without a menu says so; other facilities have no menu section.
  await page.goto(`${srv.url}/#/f/${bare.id}`);
  await page.locator('#menu-none').waitFor();
  assert.equal(await page.locator('#menu-none').textContent(), '今日菜单未发布');
  assert.equal(await page.locator('#menu-week li .note').count(), 7);
  const toilet = (await srv.fetch('/api/v1/facilities?kind=toilet&limit=1')).body.items[0];
  await page.goto(`${srv.url}/#/f/${toilet.id}`);
  await page.locator('.hours-words li').first().waitFor();
  assert.equal(await page.locator('#menu').count(), 0);
  await page.close();
});

test('elder mode: the menu large at 360 px, read aloud with prices in words', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN', elder: true })));
  await page.goto(`${srv.url}/#/f/${canteen.id}`);
  await page.locator('#menu-today .dish').first().waitFor();
  await assertElder(page, 'canteen page, elder mode');
  await assertAccessible(page, 'canteen page, elder mode');
  await shot(page, 'canteen-menu-elder', true);
  await page.evaluate(() => { window.spoken = []; speechSynthesis.speak = (u) => window.spoken.push(u.text); });
  await page.getByRole('button', { name: '朗读本页' }).click();
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.length, 1);
  assert.ok(spoken[0].startsWith('生态园便民餐厅'), spoken[0]);
  assert.ok(spoken[0].includes('今日菜单。早餐：小米南瓜粥，二元五角。午餐：西红柿炒鸡蛋，八元；尖椒土豆丝，六元'), spoken[0]);
  // In English (the header's switch) the prices are said in yuan.
  await page.locator('#lang-switch').click();
  await page.locator('#menu-today .dish').first().waitFor();
  await page.evaluate(() => { window.spoken = []; speechSynthesis.speak = (u) => window.spoken.push(u.text); });
  await page.getByRole('button', { name: 'Read this page aloud' }).click();
  const english = (await page.evaluate(() => window.spoken))[0];
  assert.ok(english.includes("Today's menu. Breakfast: 小米南瓜粥, 2.50 yuan. Lunch: 西红柿炒鸡蛋, 8 yuan; 尖椒土豆丝, 6 yuan"), english);
  assert.equal(await page.locator('#menu-today .dish-tags').first().textContent(), 'soft · low sugar');
  await page.close();
});

test('staff: the day\'s menu editor adds a dish and publishes a meal', async () => {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' })));
  await page.goto(`${srv.url}/#/staff`);
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('demo-admin-2026');
  await page.locator('main form button[type="submit"]').click();
  await page.locator(`.kept a[href="#/staff/canteen/${bare.id}/menu"]`).click();
  await page.locator('#menu-edit-no-dishes').waitFor();
  await assertAccessible(page, 'menu editor, no dishes');
  // A price the page cannot read is said by its field; the server's 422 too.
  await page.getByLabel('菜名').fill('清蒸鲈鱼');
  await page.getByLabel('价格（元）').fill('12.555');
  await page.locator('#dish-save').click();
  await page.locator('#dish-price[aria-invalid="true"]').waitFor();
  await page.getByLabel('价格（元）').fill('12.5');
  await page.getByLabel('份量（选填）').fill('一条 400g');
  await page.locator('#dish-tags-boneless').check();
  await page.locator('#dish-allergens-fish').check();
  await page.locator('#dish-save').click();
  await page.locator('#menu-edit-status', { hasText: '已添加：清蒸鲈鱼。' }).waitFor();
  const dishes = (await srv.fetch(`/api/v1/canteens/${bare.id}/dishes`, { token: admin.token })).body.items;
  assert.deepEqual(dishes.map((d) => [d.name, d.price_fen, d.portion, d.tags, d.allergens]),
    [['清蒸鲈鱼', 1250, '一条 400g', ['boneless'], ['fish']]]);
  // The same name again: the server's 409 is said in the form's summary.
  await page.locator('#dish-save').click();
  await page.locator('#dish-errors .error', { hasText: '没有完成：' }).waitFor();
  assert.match(await page.locator('#dish-errors').textContent(), /清蒸鲈鱼/);
  assert.equal((await srv.fetch(`/api/v1/canteens/${bare.id}/dishes`, { token: admin.token })).body.items.length, 1);
  const lunch = page.locator('form.meal-edit[data-meal="lunch"]');
  await lunch.getByLabel('清蒸鲈鱼 ¥12.50').check();
  await lunch.getByRole('button', { name: '保存并发布午餐' }).click();
  await page.locator('#menu-edit-status', { hasText: '午餐已发布：1 样菜。' }).waitFor();
  await assertAccessible(page, 'menu editor, a meal saved');
  // The public page shows it.
  await page.goto(`${srv.url}/#/f/${bare.id}`);
  await page.locator('#menu-today .dish').waitFor();
  assert.equal(await page.locator('#menu-today .dish-name').textContent(), '清蒸鲈鱼');
  assert.equal(await page.locator('#menu-today .dish-allergens').textContent(), '含过敏原：鱼类');
  await page.close();
});
