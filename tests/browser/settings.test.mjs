// The language switch and the elder mode (适老化): both remembered across
// pages and visits; elder mode draws every text at 20 px or more and every
// target at least 60 × 60 px, and still passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { measure, assertElder } from './lib/elder.mjs';

let srv;
let browser;
before(async () => {
  ({ srv } = await startDemoServer());
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('English by a switch, remembered across pages and reloads', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'What would you like to do?' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.title(), 'warmcity · ten convenience services');
  await page.getByRole('link', { name: 'Near me' }).first().click();
  await page.getByLabel('Looking for').waitFor();
  await page.reload();
  await page.getByLabel('Looking for').waitFor();
  await page.goto(srv.url + '/#/dashboard');
  await page.getByRole('heading', { name: 'District dashboard' }).waitFor();
  await shot(page, 'dashboard-en');
  await assertAccessible(page, 'dashboard in English');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('heading', { name: '区级数据看板' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.close();
});

test('elder mode: 20 px text, 60 px targets, one task per screen, remembered', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  const before = await measure(page);
  assert.ok(before.minFont < 20, 'the standard mode is smaller');
  await page.getByRole('button', { name: '长辈模式' }).click();
  await page.getByRole('button', { name: '标准模式' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '标准模式' }).getAttribute('aria-pressed'), 'true');
  const check = (where) => assertElder(page, where);
  await check('home');
  const h1 = await page.locator('h1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(h1 >= 30, `the largest size on the main screen is ${h1}px`);
  await assertAccessible(page, 'home (elder)');
  await shot(page, 'home-elder');

  // Remembered on the next page and after a reload; the near-me search shows
  // its results alone (no map, no form) and offers to change the search.
  const community = (await srv.fetch('/api/v1/areas/communities')).body.items[0];
  await page.goto(srv.url + `/#/near?kind=toilet&when=any&community=${community.id}`);
  await page.reload();
  await page.locator('.result').first().waitFor();
  assert.equal(await page.locator('#near-form').count(), 0);
  assert.equal(await page.locator('#near-map').count(), 0);
  await check('near me');
  await assertAccessible(page, 'near me (elder)');
  await shot(page, 'near-me-elder', true);
  await page.locator('.result-name').first().click();
  await page.locator('#week li').first().waitFor();
  await check('facility');
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').waitFor();
  await check('sign-in');
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#kinds-chart canvas').waitFor();
  await check('dashboard');
  await page.getByRole('button', { name: '标准模式' }).click();
  await page.getByRole('button', { name: '长辈模式' }).waitFor();
  await page.close();
});
