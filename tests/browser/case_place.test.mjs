// What staff see of an appeal's place and notes, and categories in English:
//  - the case page shows the address the resident gave, the street /
//    community / grid it lies in and a small map whose pin's tooltip is text;
//    the coordinates only as a note;
//  - 公开 is unticked by default: an accept note stays with staff (marked
//    仅内部), a ticked dispatch note is published (marked 已公开) and is the
//    only one the tracking page shows; a reply's box is ticked and fixed;
//  - in English the appeal form asks the category's questions in English
//    (the Chinese where a value has no English) and the case page words the
//    answers the same way; elder mode keeps its sizes on the case page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { hoverMarkers } from './lib/xss.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

const AT = { lat: 37.5236, lon: 111.1405 };
let srv;
let admin;
let browser;
let appeal;
let areaNames;

before(async () => {
  ({ srv, admin } = await startDemoServer());
  const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
    category: 'fire_safety', description: '楼道里堆满纸箱，消防通道过不去', ...AT, address: '滨河北路12号院3号楼',
    attributes: { hazard: ['blocked_lane', 'other'] }, anonymous: true } });
  assert.equal(r.status, 201, r.text);
  appeal = r.body;
  const at = await srv.fetch(`/api/v1/areas/locate?lat=${AT.lat}&lon=${AT.lon}`);
  areaNames = [at.body.subdistrict, at.body.community, at.body.grid].filter(Boolean).map((a) => a.name);
  assert.ok(areaNames.length >= 2, at.text);
  browser = await launch({ viewport: { width: 1100, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedInPage(settings) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/staff'));
  await page.locator('#username, input[autocomplete="username"]').first().fill(ADMIN.username);
  await page.locator('input[type="password"]').fill(ADMIN.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => u.hash === '#/staff');
  return page;
}

test('the case page says where: address, areas by name, a map; coordinates only as a note', async () => {
  const page = await signedInPage({ lang: 'zh-CN' });
  await page.goto(srv.url + `/#/staff/appeals/${appeal.id}`);
  await page.locator('#case-place').waitFor();
  assert.equal(await page.locator('#case-address').textContent(), '滨河北路12号院3号楼');
  assert.equal(await page.locator('#case-areas').textContent(), areaNames.join(' · '));
  assert.match(await page.locator('#case-coords').textContent(), /^坐标 37\.52360, 111\.14050$/);
  assert.equal(await page.locator('#case-coords').getAttribute('class'), 'note');
  await page.locator('#case-map .leaflet-interactive').first().waitFor();
  const tips = await hoverMarkers(page, '#case-map');
  assert.deepEqual(tips, [['滨河北路12号院3号楼', ...areaNames].join(' · ')]);
  const facts = await page.locator('.facts').innerText();
  assert.ok(!/\b37\.52360, 111\.14050\b/.test(facts.split('坐标')[0]), 'coordinates are not the place');
  await shot(page, 'case-place', true);
  await page.close();
});

test('公开: notes are internal unless ticked; the tracking page shows only the published one', async () => {
  const page = await signedInPage({ lang: 'zh-CN' });
  await page.goto(srv.url + `/#/staff/appeals/${appeal.id}`);
  await page.locator('#steps button[data-step="accept"]').click();
  assert.equal(await page.locator('#public').isChecked(), false);
  assert.equal(await page.locator('label[for="public"]').textContent(), '公开（群众在查询页能看到）');
  await page.locator('#note').fill('内部：先电话核实楼栋');
  await page.locator('#step-form button[type="submit"]').click();
  await page.locator('#case-state', { hasText: '已受理' }).waitFor();
  await page.locator('#steps button[data-step="dispatch"]').click();
  await page.locator('#note').fill('已派区消防大队，三天内清理');
  await page.locator('#public').check();
  await page.locator('#step-form button[type="submit"]').click();
  await page.locator('#case-state', { hasText: '已派单' }).waitFor();
  const notes = await page.locator('#events .tl-note').allInnerTexts();
  assert.deepEqual(notes.map((n) => n.replace(/\s+/g, ' ').trim()),
    ['仅内部 内部：先电话核实楼栋', '已公开 已派区消防大队，三天内清理']);

  await page.goto(srv.url + `/#/track/${appeal.tracking_code}`);
  await page.locator('.timeline li').first().waitFor();
  const track = await page.locator('main').innerText();
  assert.ok(track.includes('已派区消防大队，三天内清理'), track);
  assert.ok(!track.includes('核实楼栋'), 'an internal note on the public page');

  // The department's reply: its 公开 box is ticked and cannot be unticked.
  const dept = await srv.login('xiaofang', 'demo-department-2026');
  const start = await srv.fetch(`/api/v1/appeals/${appeal.id}/steps`, { method: 'POST', token: dept.token, json: { step: 'start' } });
  assert.equal(start.status, 200, start.text);
  await page.goto(srv.url + `/#/staff/appeals/${appeal.id}`);
  await page.locator('#steps h2').waitFor();
  await page.close();
  const deptPage = await browser.context.newPage();
  await browser.context.clearCookies();
  await deptPage.goto(srv.url + '/#/signin?next=' + encodeURIComponent(`#/staff/appeals/${appeal.id}`));
  await deptPage.locator('#username, input[autocomplete="username"]').first().fill('xiaofang');
  await deptPage.locator('input[type="password"]').fill('demo-department-2026');
  await deptPage.locator('form button[type="submit"]').click();
  await deptPage.locator('#steps button[data-step="reply"]').click();
  assert.equal(await deptPage.locator('#public').isChecked(), true);
  assert.equal(await deptPage.locator('#public').isDisabled(), true);
  assert.match(await deptPage.locator('#public-note').textContent(), /总是公开/);
  await deptPage.locator('input[name="outcome"][value="solved"]').check();
  await deptPage.locator('#note').fill('纸箱已清走，通道畅通');
  await deptPage.locator('#step-form button[type="submit"]').click();
  await deptPage.locator('#step-done').waitFor();
  const track2 = await srv.fetch(`/api/v1/appeals/track/${appeal.tracking_code}`);
  assert.deepEqual(track2.body.replies.map((r) => r.text), ['纸箱已清走，通道畅通']);
  await deptPage.close();
});

test('English: the appeal form asks the category questions in English, the case page answers in English', async () => {
  await browser.context.clearCookies();
  const form = await browser.context.newPage();
  await form.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'en' })));
  await form.goto(srv.url + '/#/appeal/new');
  await form.locator('#category option[value="fire_safety"]').waitFor({ state: 'attached' });
  const options = await form.locator('#category option').allTextContents();
  assert.ok(options.includes('Fire safety') && options.includes('Illegal parking'), options.join(', '));
  assert.ok(!options.includes('消防安全'), 'a Chinese category name in English mode');
  await form.locator('#category').selectOption('fire_safety');
  const questions = await form.locator('#questions').innerText();
  assert.match(questions, /Kind of hazard/);
  assert.match(questions, /Blocked fire lane/);
  assert.match(questions, /Building or spot/);
  assert.ok(!questions.includes('隐患类型'), questions);
  await form.close();

  const page = await signedInPage({ lang: 'en' });
  await page.goto(srv.url + `/#/staff/appeals/${appeal.id}`);
  await page.locator('#case-place').waitFor();
  const facts = await page.locator('.facts').innerText();
  assert.match(facts, /Kind of hazard：Blocked fire lane、Other/);
  assert.match(facts, /Fire safety/);
  assert.match(await page.locator('#case-coords').textContent(), /^Coordinates 37\.52360, 111\.14050$/);
  await page.close();
});

test('a category without English falls back to the Chinese in English mode', async () => {
  const r = await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: {
    code: 'wells', name_zh: '井盖', name_en: 'Manholes', response_hours: 24, resolution_days: 5,
    attributes: [{ code: 'where', datatype: 'singlevaluelist', description: '在哪条路', values: [{ key: 'a', name: '龙凤大街' }] }] } });
  assert.equal(r.status, 201, r.text);
  const form = await browser.context.newPage();
  await form.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'en' })));
  await form.goto(srv.url + '/#/appeal/new');
  await form.locator('#category option[value="wells"]').waitFor({ state: 'attached' });
  await form.locator('#category').selectOption('wells');
  const questions = await form.locator('#questions').innerText();
  assert.match(questions, /在哪条路/);
  assert.match(questions, /龙凤大街/);
  await form.close();
});

test('elder mode: the case page keeps 20 px text and large targets, the 公开 box included', async () => {
  const page = await signedInPage({ elder: true });
  await page.goto(srv.url + `/#/staff/appeals/${appeal.id}`);
  await page.locator('#case-place').waitFor();
  await page.locator('#steps h2').waitFor();
  await assertElder(page, 'case page (elder)');
  await page.locator('#steps button').first().click();
  await page.locator('#step-form').waitFor();
  const box = await page.locator('#public').evaluate((el) => el.closest('.choice').getBoundingClientRect().height);
  assert.ok(box >= 60, `the 公开 box is ${box}px tall`);
  assert.ok(parseFloat(await page.locator('label[for="public"]').evaluate((el) => getComputedStyle(el).fontSize)) >= 20);
  await assertElder(page, 'step form (elder)');
  await page.close();
});
