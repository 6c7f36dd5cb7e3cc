// The dashboard's 服务对象 panel (issue 16) in real Chromium on the demo: the
// open elders per community by risk tier and category are the API's
// (GET /api/v1/elders/counts, one request — never a page of the elders
// list), with the communities' names; a community worker sees his areas'
// only; a closed record leaves the numbers at once; signed out, or as a
// department, there is no panel; axe passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';

const TIERS = ['high', 'priority', 'general'];
const CATEGORIES = ['living_alone', 'empty_nest', 'left_behind', 'disabled', 'severely_disabled',
  'lost_only_child', 'extreme_poverty', 'subsistence_allowance'];
const ADMIN = { username: 'admin', password: 'demo-admin-2026' };
const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const DEPARTMENT = { username: 'chengguan', password: 'demo-department-2026' };

let srv;
let admin;
let browser;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1280, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
  return page;
}

// Opens the dashboard; resolves to the /api/v1/elders… requests it made.
async function dashboard(page) {
  const asked = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname === '/api/v1/elders' || u.pathname.startsWith('/api/v1/elders/')) asked.push(u.pathname + u.search);
  });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-title').waitFor();
  await page.waitForLoadState('networkidle');
  return asked;
}

// The table's rows as the API's items: {name, cells[]} per community.
const shown = (page) => page.locator('#elders-table tbody tr').evaluateAll((rows) => rows.map((r) => ({
  community: r.dataset.community, name: r.querySelector('th').textContent,
  cells: [...r.querySelectorAll('td')].map((td) => Number(td.textContent)),
})));
const cellsOf = (item) => [item.total, ...TIERS.map((k) => item.risk_tiers[k]), ...CATEGORIES.map((k) => item.categories[k])];

async function assertPanelIsTheApi(page, who) {
  const api = (await srv.fetch('/api/v1/elders/counts?by=community', { token: who.token })).body;
  const names = new Map((await srv.fetch('/api/v1/areas/communities')).body.items.map((c) => [c.id, c.name]));
  const rows = await shown(page);
  assert.deepEqual(rows, api.items.map((i) => ({ community: String(i.community_id), name: names.get(i.community_id), cells: cellsOf(i) })));
  assert.equal(await page.locator('#elders-total').textContent(), String(api.total));
  return api;
}

test('the panel shows the API counts per community, from one request', async () => {
  const page = await signedIn(ADMIN);
  const asked = await dashboard(page);
  assert.equal(await page.locator('#elders-title').textContent(), '服务对象（各社区在册老人）');
  assert.deepEqual(asked, ['/api/v1/elders/counts?by=community']);
  const api = await assertPanelIsTheApi(page, admin);
  assert.equal(api.total, 36, 'the demo records 36 elders');
  assert.ok(api.items.length >= 10, `${api.items.length} communities`);
  // The head names each column: the tiers and categories in Chinese.
  const head = await page.locator('#elders-table thead th').allTextContents();
  assert.deepEqual([head[0], head[1], head[2], head[5]], ['社区', '合计', '高风险', '独居']);
  assert.equal(head.length, 2 + TIERS.length + CATEGORIES.length);
  await assertAccessible(page, 'dashboard elders');

  // A closed record leaves the numbers.
  const some = (await srv.fetch('/api/v1/elders?limit=1', { token: admin.token })).body.items[0];
  const closed = await srv.fetch(`/api/v1/elders/${some.id}/close`, { method: 'POST', token: admin.token, json: { reason: 'moved_out' } });
  assert.equal(closed.status, 200, closed.text);
  await page.reload();
  await page.locator('#elders-total', { hasText: String(api.total - 1) }).waitFor();
  await assertPanelIsTheApi(page, admin);
  await page.close();
});

test("a community worker sees his areas' elders only", async () => {
  const worker = await srv.login(WORKER.username, WORKER.password);
  const page = await signedIn(WORKER);
  await dashboard(page);
  await page.locator('#elders-table').waitFor();
  const api = await assertPanelIsTheApi(page, worker);
  const listed = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items;
  assert.equal(api.total, listed.length);
  assert.deepEqual(api.items.map((i) => i.community_id), [...new Set(listed.map((e) => e.community_id))].sort((a, b) => a - b));
  await page.close();
});

test('no panel signed out or for a department', async () => {
  await browser.context.clearCookies();
  const out = await browser.context.newPage();
  await out.goto(srv.url + '/#/dashboard');
  await out.locator('#appeals-sign-in').waitFor();
  await out.waitForLoadState('networkidle');
  assert.equal(await out.locator('#elders-title').count(), 0);
  await out.close();
  const page = await signedIn(DEPARTMENT);
  const asked = await dashboard(page);
  assert.equal(await page.locator('#elders-title').count(), 0);
  assert.deepEqual(asked, []);
  await page.close();
});
