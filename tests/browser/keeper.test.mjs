// A keeper signs in, edits a toilet's hours in the expert text box — the
// editor says the server's parse error in Chinese and marks where it stopped,
// then the next 30 days of a valid value — saves, and reports a parking lot's
// free spaces. The boxes, Chinese input and the keeper's other panels are
// tested in hours_editor.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { KEEPER, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let admin;
let keeperOrgId;
let browser;
before(async () => {
  ({ srv, admin, keeperOrgId } = await startDemoServer());
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function kept(kind) {
  const all = (await srv.fetch(`/api/v1/facilities?kind=${kind}&limit=200`)).body.items;
  return all.find((f) => f.keeper_org_id === keeperOrgId);
}

test('a keeper edits hours with live validation and reports free spaces', async () => {
  const toilet = await kept('toilet');
  const lot = await kept('parking');
  assert.ok(toilet && lot, 'the keeper organisation keeps a toilet and a lot');
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await assertAccessible(page, 'sign-in');
  await page.getByLabel('用户名').fill(KEEPER.username);
  await page.getByLabel('密码').fill(KEEPER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name', { hasText: KEEPER.display_name }).waitFor();
  assert.equal(await page.locator('#me-role').textContent(), '设施管理方');
  // Only the organisation's own facilities are offered. The list arrives
  // after the name (it pages through the facilities), so wait for it.
  await page.locator('#kept-title').waitFor();
  const links = await page.locator('.kept a').allTextContents();
  assert.ok(links.includes(toilet.name) && links.includes(lot.name));
  assert.equal(links.length, (await srv.fetch('/api/v1/facilities?limit=200')).body.items
    .filter((f) => f.keeper_org_id === keeperOrgId).length);
  await assertAccessible(page, 'workbench');
  await shot(page, 'staff');

  await page.getByRole('link', { name: toilet.name }).click();
  await page.getByText('专家模式：直接编辑表达式').click();
  const hours = page.getByLabel('表达式（OSM opening_hours 格式）');
  await hours.waitFor();
  await hours.fill('Mo-Fr 08:00-12:60');
  const error = page.locator('#hours-error');
  await error.waitFor();
  const problem = (await srv.fetch('/api/v1/hours/evaluate?expr=' + encodeURIComponent('Mo-Fr 08:00-12:60'))).body;
  assert.equal(problem.expected, 'minutes between 00 and 59');
  assert.equal(await error.textContent(), `第 ${problem.position + 1} 个字符附近有误：应为 00 到 59 之间的分钟数`);
  assert.equal(await page.locator('code.expr mark').textContent(), '6');
  assert.equal(await hours.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#preview-days li').count(), 0);
  await shot(page, 'hours-error', true);

  await hours.fill('Mo-Fr 08:00-18:00; PH off');
  await page.locator('#hours-check .ok').waitFor();
  await page.locator('#preview-days li').first().waitFor();
  assert.equal(await page.locator('#preview-days li').count(), 30);
  assert.equal(await page.locator('#hours-written').textContent(), 'Mo-Fr 08:00-18:00; PH off');
  assert.equal(await page.getByLabel('法定节假日闭馆').isChecked(), true);
  await assertAccessible(page, 'hours editor');
  await shot(page, 'hours-editor', true);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#save-result', { hasText: '已保存' }).waitFor();
  const saved = (await srv.fetch(`/api/v1/facilities/${toilet.id}`)).body;
  assert.equal(saved.opening_hours, 'Mo-Fr 08:00-18:00; PH off');

  await page.goto(srv.url + `/#/staff/f/${lot.id}`);
  await page.getByLabel(/空余车位数/).fill('12');
  await page.getByRole('button', { name: '上报' }).click();
  await page.locator('#occupancy-status', { hasText: '已上报：12 个空位' }).waitFor();
  const after = (await srv.fetch(`/api/v1/facilities/${lot.id}`)).body;
  assert.equal(after.free_spaces, 12);
  await assertAccessible(page, 'parking editor');

  // Residents see the report with its age.
  await page.goto(srv.url + `/#/f/${lot.id}`);
  await page.locator('#free-spaces', { hasText: '空余车位 12 个' }).waitFor();
  await page.close();
});

test('a keeper may not save another organisation\'s facility', async () => {
  const other = (await srv.fetch('/api/v1/facilities?kind=love_station&limit=1')).body.items[0];
  const page = await browser.context.newPage();
  await page.goto(srv.url + `/#/staff/f/${other.id}`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#save-result', { hasText: '您无权编辑这个设施。' }).waitFor();
  await page.close();
});
