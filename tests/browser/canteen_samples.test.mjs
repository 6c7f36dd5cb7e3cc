// The food-safety sample log 留样 (issue 17, screens/canteen_samples.js): a
// keeper of 生态园's keeper organisation finds it on the workbench, records
// samples in the quick form (the menu's dish offered, 150 g by default, the
// fridge remembered, the time taken set to now after each save and when the
// form gets focus, the browser's clock moved between two), sees the server's
// 422 by its field, has a destroy refused in words before 48 hours and, the
// server started again 48 hours on, destroys it,
// voids a record with a reason; the print view leaves the bars and the form
// out, the CSV link is the day's. A keeper of another canteen is refused.
// Elder mode at 360 px; axe on each view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

const KEEPER_A = { username: 'shengtaiyuan.cook', password: 'keeper-pass-1', display_name: '李师傅', role: 'keeper' };
const KEEPER_B = { username: 'gaojiagou.cook', password: 'keeper-pass-1', display_name: '王师傅', role: 'keeper' };
const district = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
const dateOf = (ms) => district(ms).slice(0, 10);

let srv;
let admin;
let browser;
let a;
let b;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  const canteens = (await srv.fetch('/api/v1/facilities?kind=canteen&limit=20')).body.items;
  a = canteens.find((f) => f.name === '生态园便民餐厅');
  b = canteens.find((f) => f.name === '高家沟便民餐厅');
  assert.ok(a && b, 'the demo has both canteens');
  // Each canteen kept by an organisation of its own, with a cook in it.
  for (const [f, name, user] of [[a, '生态园食堂运营方', KEEPER_A], [b, '高家沟食堂运营方', KEEPER_B]]) {
    const org = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name } });
    assert.equal(org.status, 201, org.text);
    const moved = await srv.fetch(`/api/v1/facilities/${f.id}`, { method: 'PATCH', token: admin.token, json: { keeper_org_id: org.body.id } });
    assert.equal(moved.status, 200, moved.text);
    await makeUser(srv, admin, user, name);
  }
  // Today's lunch at 生态园, so the form offers its dish (the demo's own, if
  // it has one of that name: names are unique in a canteen).
  const known = (await srv.fetch(`/api/v1/canteens/${a.id}/dishes`, { token: admin.token })).body.items
    .find((d) => d.name === '尖椒土豆丝');
  const dish = await srv.fetch(`/api/v1/canteens/${a.id}/dishes${known ? '/' + known.id : ''}`, { method: known ? 'PATCH' : 'POST',
    token: admin.token, json: { name: '尖椒土豆丝', kind: 'dish', price_fen: 600, active: true } });
  assert.equal(dish.status, known ? 200 : 201, dish.text);
  const menu = await srv.fetch(`/api/v1/canteens/${a.id}/menu/${dateOf(Date.now())}/lunch`, { method: 'PUT', token: admin.token,
    json: { items: [{ dish_id: dish.body.id }] } });
  assert.equal(menu.status, 200, menu.text);
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

test('a keeper records samples at the time she saves them, is refused destroying one before 48 hours, voids one', async () => {
  // The browser's clock is moved between two samples (minutes, one district day).
  const now = Date.now();
  const t0 = dateOf(now - 6 * 60e3) === dateOf(now) ? now - 6 * 60e3 : now;
  const t1 = t0 + 3 * 60e3;
  const minute = (ms) => district(ms).slice(0, 16);
  await browser.context.clock.setFixedTime(new Date(t0));
  const page = await signedIn(KEEPER_A);
  const today = dateOf(t0);
  // The workbench links her canteen's log (only hers: she keeps one canteen).
  const link = page.locator('.kept a.canteen-samples-link');
  assert.equal(await link.count(), 1);
  await link.click();
  await page.locator('#samples-form').waitFor();
  assert.equal(await page.locator('#samples-title').textContent(), `生态园便民餐厅 · ${today} 留样记录`);
  assert.equal(await page.locator('#samples-none').textContent(), '这一天还没有留样。');
  assert.equal(await page.locator('#sample-weight').inputValue(), '150');
  // The lunch menu's dish is offered.
  await page.locator('#sample-meal').selectOption('lunch');
  assert.deepEqual(await page.locator('#sample-dishes option').evaluateAll((os) => os.map((o) => o.value)), ['尖椒土豆丝']);
  await assertAccessible(page, 'sample log, empty');

  // Too light: the server's 422, said by its field.
  await page.locator('#sample-dish').fill('尖椒土豆丝');
  await page.locator('#sample-weight').fill('100');
  await page.locator('#sample-fridge').fill('1号留样冰箱');
  await page.locator('#sample-save').click();
  await page.locator('#sample-weight[aria-invalid="true"]').waitFor();
  assert.match(await page.locator('[data-for="weight_g"] .field-error').textContent(), /不少于 125 克/);
  assert.equal((await srv.fetch(`/api/v1/canteens/${a.id}/samples?date=${today}`, { token: admin.token })).body.items.length, 0);

  await page.locator('#sample-weight').fill('150');
  await page.locator('#sample-save').click();
  await page.locator('#samples-status', { hasText: '已记录：尖椒土豆丝，150 克。' }).waitFor();
  const saved = (await srv.fetch(`/api/v1/canteens/${a.id}/samples?date=${today}`, { token: admin.token })).body.items;
  assert.equal(saved.length, 1);
  assert.equal(saved[0].meal, 'lunch');
  assert.equal(saved[0].weight_g, 150);
  assert.equal(saved[0].fridge, '1号留样冰箱');
  assert.equal(saved[0].taken_by.name, KEEPER_A.display_name);
  assert.equal(typeof saved[0].dish_id, 'number', 'the menu dish is named by its id');
  const row = page.locator(`#sample-${saved[0].id}`);
  assert.equal(await row.locator('.sample-dish').textContent(), '尖椒土豆丝');
  assert.match(await row.textContent(), /冰箱：1号留样冰箱/);
  assert.match(await row.textContent(), /李师傅/);
  assert.equal(saved[0].taken_at, `${minute(t0)}:00+08:00`);
  assert.equal(await page.locator('#sample-taken').inputValue(), minute(t0), 'the time is now again after a save');

  // The page left open: the next sample, minutes later, is taken then.
  await page.clock.setFixedTime(new Date(t1));
  await page.locator('#sample-note').focus();
  assert.equal(await page.locator('#sample-taken').inputValue(), minute(t1), 'the time is now again when the form gets focus');
  await page.locator('#sample-dish').fill('小米南瓜粥');
  await page.locator('#sample-save').click();
  await page.locator('#samples-status', { hasText: '已记录：小米南瓜粥，150 克。' }).waitFor();
  const both = (await srv.fetch(`/api/v1/canteens/${a.id}/samples?date=${today}`, { token: admin.token })).body.items;
  assert.deepEqual(both.map((x) => [x.dish_name, x.taken_at]),
    [['尖椒土豆丝', `${minute(t0)}:00+08:00`], ['小米南瓜粥', `${minute(t1)}:00+08:00`]]);
  // A time she typed herself is kept.
  await page.locator('#sample-taken').fill(minute(t0));
  await page.locator('#sample-dish').focus();
  assert.equal(await page.locator('#sample-taken').inputValue(), minute(t0));

  // Destroy before 48 hours: refused, in words with the time it may be.
  await row.locator('button[data-action="destroy"]').click();
  await row.locator('.sample-msg.error').waitFor();
  assert.match(await row.locator('.sample-msg').textContent(), /^留样未满48小时，可于 .+ \d\d:\d\d 后销毁。$/);
  assert.equal((await srv.fetch(`/api/v1/canteens/${a.id}/samples?date=${today}`, { token: admin.token })).body.items[0].destroyed_at, null);
  await assertAccessible(page, 'sample log, destroy refused');
  await shot(page, 'canteen-samples', true);

  // Void it with a reason.
  await row.locator('button[data-action="void"]').click();
  await row.locator('.void-form input').fill('称重记录填错');
  await row.getByRole('button', { name: '确认作废' }).click();
  await page.locator('#samples-status', { hasText: '已作废：尖椒土豆丝。' }).waitFor();
  assert.equal(await page.locator(`#sample-${saved[0].id} .sample-state`).textContent(), '已作废：称重记录填错');
  assert.equal(await page.locator(`#sample-${saved[0].id} button`).count(), 0);

  // The fridge is remembered on this device; the form starts with it.
  await page.reload();
  await page.locator('#samples-form').waitFor();
  assert.equal(await page.locator('#sample-fridge').inputValue(), '1号留样冰箱');

  // The day's CSV and the print view.
  assert.equal(await page.locator('#samples-csv').getAttribute('href'), `/api/v1/canteens/${a.id}/samples.csv?date=${today}`);
  const csv = await page.evaluate((href) => fetch(href).then(async (r) => [r.status, await r.text()]), await page.locator('#samples-csv').getAttribute('href'));
  assert.equal(csv[0], 200);
  assert.ok(csv[1].includes('尖椒土豆丝'), csv[1]);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#samples-form').isVisible(), false);
  assert.equal(await page.locator('header.bar').isVisible(), false);
  assert.equal(await page.locator('.sample-dish').first().isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('a keeper of another canteen is refused its log', async () => {
  const page = await signedIn(KEEPER_B);
  assert.deepEqual(await page.locator('.kept a.canteen-samples-link').evaluateAll((as) => as.map((x) => x.getAttribute('href'))),
    [`#/staff/canteen/${b.id}/samples`]);
  await page.goto(`${srv.url}/#/staff/canteen/${a.id}/samples`);
  await page.locator('#samples-refused').waitFor();
  assert.equal(await page.locator('#samples-refused').textContent(), '您不是这家食堂的工作人员，不能查看或记录它的留样。');
  assert.equal(await page.locator('#samples-form').count(), 0);
  await assertAccessible(page, 'sample log, refused');
  // Her own canteen's log opens.
  await page.goto(`${srv.url}/#/staff/canteen/${b.id}/samples`);
  await page.locator('#samples-form').waitFor();
  await page.close();
});

// No sample reaches its 48 hours within a test: the server is started again
// on the same database with its test clock (--now) 48 hours and 10 minutes
// on, and the browser's clock with it. Last in the file.
test('48 hours after its recording a sample is destroyed; elder mode at 360 px', async () => {
  const taken = Date.now() - 20 * 3600e3;
  const login = await srv.login(KEEPER_A.username, KEEPER_A.password);
  const made = await srv.fetch(`/api/v1/canteens/${a.id}/samples`, { method: 'POST', token: login.token, json: {
    date: dateOf(taken), meal: 'dinner', dish_name: '红烧肉', weight_g: 130, taken_at: district(taken), fridge: '2号留样冰箱' } });
  assert.equal(made.status, 201, made.text);
  await srv.stop();
  const later = Date.now() + (48 * 3600 + 600) * 1000;
  const at = srv.args.indexOf('--now');
  if (at >= 0) srv.args.splice(at, 2);
  srv.args.push('--now', district(later));
  await srv.start();
  await browser.context.clock.setFixedTime(new Date(later));
  const page = await signedIn(KEEPER_A, { lang: 'zh-CN', elder: true });
  await page.goto(`${srv.url}/#/staff/canteen/${a.id}/samples?date=${dateOf(taken)}`);
  const row = page.locator(`#sample-${made.body.id}`);
  await row.waitFor();
  assert.equal(await page.locator('#samples-date').inputValue(), dateOf(taken));
  await assertElder(page, 'sample log, elder mode');
  await assertAccessible(page, 'sample log, elder mode');
  await row.locator('button[data-action="destroy"]').click();
  await page.locator('#samples-status', { hasText: '已销毁：红烧肉。' }).waitFor();
  assert.match(await page.locator(`#sample-${made.body.id} .sample-state`).textContent(), /^已销毁 .+（李师傅）$/);
  const staff = await srv.login(ADMIN.username, ADMIN.password);
  const after = (await srv.fetch(`/api/v1/canteens/${a.id}/samples?date=${dateOf(taken)}`, { token: staff.token })).body.items;
  assert.equal(after.find((x) => x.id === made.body.id).destroyed_by.name, KEEPER_A.display_name);
  await page.close();
});
