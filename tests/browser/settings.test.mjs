// The language switch and the elder mode (适老化): both remembered across
// pages and visits; elder mode draws every text at 20 px or more and every
// target at least 48 px (we aim for 60), and still passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
before(async () => {
  ({ srv } = await startDemoServer());
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// The smallest font size and target size among visible text and controls.
function measure(page) {
  return page.evaluate(() => {
    let minFont = Infinity;
    let minFontAt = '';
    let minTarget = Infinity;
    let minTargetAt = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.getClientRects().length) continue;
      if (el.closest('.leaflet-container')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minFont) { minFont = size; minFontAt = `${el.tagName} ${n.textContent.trim().slice(0, 20)}`; }
    }
    for (const el of document.querySelectorAll('button, input, select, .tile, nav a, .result-name, .kept a')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      const target = el.type === 'checkbox' || el.type === 'radio' ? el.closest('.choice').getBoundingClientRect().height : Math.min(r.width, r.height);
      if (target < minTarget) { minTarget = target; minTargetAt = `${el.tagName} ${el.textContent.trim().slice(0, 20)}`; }
    }
    return { minFont, minFontAt, minTarget, minTargetAt };
  });
}

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

test('elder mode: 20 px text, large targets, one task per screen, remembered', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  const before = await measure(page);
  assert.ok(before.minFont < 20, 'the standard mode is smaller');
  await page.getByRole('button', { name: '长辈模式' }).click();
  await page.getByRole('button', { name: '标准模式' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '标准模式' }).getAttribute('aria-pressed'), 'true');
  const check = async (where) => {
    const m = await measure(page);
    assert.ok(m.minFont >= 20, `${where}: text of ${m.minFont}px (${m.minFontAt})`);
    assert.ok(m.minTarget >= 48, `${where}: a target of ${m.minTarget}px (${m.minTargetAt})`);
  };
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
