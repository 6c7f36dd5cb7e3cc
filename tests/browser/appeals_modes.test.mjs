// The appeals screens in elder mode (20 px text, large targets, no map: one
// task per screen) and in English, each passing axe; an anonymous appeal
// (no sign-in, no contact) whose category asks required questions; a second
// appeal at the same place is offered the first as similar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
let community;
before(async () => {
  ({ srv } = await startDemoServer());
  community = (await srv.fetch('/api/v1/areas/communities')).body.items[0];
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// A page that starts in the given settings (as if chosen on an earlier visit).
async function pageWith(settings) {
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  return page;
}

async function raiseNoise(page, text) {
  await page.goto(srv.url + '/#/appeal/new');
  await page.getByLabel('问题类别').selectOption('noise');
  await page.locator('#attr-source').selectOption('square_dance');
  await page.locator('#attr-details').fill('每晚 20:00–22:00');
  await page.getByLabel('问题描述').fill(text);
  await page.getByLabel('或选择社区').selectOption(String(community.id));
  await page.locator('#pin-status', { hasText: '已标出位置' }).waitFor();
  await page.getByLabel('匿名反映').check();
}

test('elder mode: an anonymous appeal, its code and its tracking page', async () => {
  const page = await pageWith({ elder: true });
  await raiseNoise(page, '广场舞音响太大，影响休息。');
  assert.equal(await page.locator('#appeal-map').count(), 0, 'no map in elder mode');
  assert.ok(await page.locator('#contact').isHidden(), 'an anonymous appeal has no contact');
  await assertElder(page, 'raise an appeal');
  await assertAccessible(page, 'raise an appeal (elder)');
  await shot(page, 'appeal-new-elder', true);
  await page.getByRole('button', { name: '提交诉求' }).click();
  await page.locator('#tracking-code').waitFor();
  const code = (await page.locator('#tracking-code').textContent()).trim();
  await assertElder(page, 'submitted');
  await assertAccessible(page, 'submitted (elder)');
  await shot(page, 'appeal-done-elder');
  const a = (await srv.fetch(`/api/v1/appeals/track/${code}`)).body;
  assert.equal(a.state, 'submitted');
  await page.getByRole('link', { name: '查看办理进度' }).click();
  await page.locator('#track-state', { hasText: '已提交' }).waitFor();
  await assertElder(page, 'track');
  await assertAccessible(page, 'track (elder)');

  await page.close();

  // A neighbour raises the same problem (another tab: a tab never offers its
  // own appeals): the first is offered before submitting.
  const neighbour = await pageWith({ elder: true });
  await raiseNoise(neighbour, '又是广场舞，声音很大。');
  const similar = neighbour.locator('#similar li');
  await similar.first().waitFor();
  assert.equal(await similar.locator('a.result-name').first().getAttribute('href'), `#/track/${code}`);
  await assertElder(neighbour, 'similar');
  await assertAccessible(neighbour, 'similar (elder)');
  await neighbour.close();
});

test('elder mode: the staff queue, a case and the dashboard', async () => {
  const page = await pageWith({ elder: true });
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#queue-link').click();
  await page.locator('#queue li').first().waitFor();
  await assertElder(page, 'queue');
  await assertAccessible(page, 'queue (elder)');
  await page.locator('#queue li a').first().click();
  await page.locator('#case-state').waitFor();
  await page.locator('#steps button[data-step="accept"]').click();
  await page.locator('#step-form').waitFor();
  await assertElder(page, 'case');
  await assertAccessible(page, 'case (elder)');
  await shot(page, 'appeal-case-elder', true);
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-chart canvas').waitFor();
  await assertElder(page, 'dashboard');
  await assertAccessible(page, 'dashboard (elder)');
  await page.close();
});

test('in English: the raise, track and dashboard screens', async () => {
  await browser.context.clearCookies();  // signed out
  const page = await pageWith({ lang: 'en' });
  await page.goto(srv.url + '/#/appeal/new');
  await page.getByLabel('Category').selectOption('fire_safety');
  await page.getByRole('group', { name: 'Kind of hazard' }).waitFor();  // the category's English question
  await page.getByLabel('What is the problem').fill('Bikes block the fire lane.');
  await page.locator('#description-count', { hasText: '26 of 4000 characters' }).waitFor();
  await assertAccessible(page, 'raise an appeal (en)');
  await shot(page, 'appeal-new-en', true);
  await page.goto(srv.url + '/#/track');
  await page.getByLabel('Tracking code (8 letters or digits)').fill('23456789');
  await page.getByRole('button', { name: 'Track' }).click();
  await page.getByText('No appeal has this code').waitFor();
  await assertAccessible(page, 'track (en)');
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-sign-in', { hasText: 'please sign in' }).waitFor();
  await page.close();
});
