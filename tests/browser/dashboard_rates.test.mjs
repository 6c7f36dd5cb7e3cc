// The dashboard's three rates ask for pages, never a whole grid table: 50
// rows at a time, ranked; communities and grids of more than a page open on
// the ones that need attention (order=worst with a minimum of 5 valid
// callbacks), the demo's fit one page; "more" follows next_cursor; the rows
// are the API's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';

const NOW = '2026-06-15T10:00:00+08:00';

let srv;
let admin;
let browser;
before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('rates by page: ranked departments, the worst grids, the API\'s rows', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/staff'));
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('demo-admin-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.hash === '#/staff');
  const asked = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname === '/api/v1/rates') asked.push(Object.fromEntries(u.searchParams));
  });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#rates-table').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [{ by: 'department', limit: '50' }]);
  assert.equal(await page.locator('#rates-order').inputValue(), 'rank');
  const depts = (await srv.fetch('/api/v1/rates?by=department&limit=50', { token: admin.token })).body;
  assert.equal(await page.locator('#rates-table tbody tr').count(), depts.items.length);
  assert.equal(await page.locator('#rates-shown').innerText(), `显示 ${depts.items.length} 个，共 ${depts.groups} 个`);

  // The demo's grids fit one page: ranked whole (a city's open on the worst).
  asked.length = 0;
  await page.locator('#rates-by').selectOption('grid');
  await page.locator('#rates-title').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [{ by: 'grid', limit: '50' }]);
  assert.equal(await page.locator('#rates-order').inputValue(), 'rank');
  assert.equal(await page.locator('#rates-worst-note').count(), 0);
  asked.length = 0;
  await page.locator('#rates-order').selectOption('worst');
  await page.locator('#rates-worst-note').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [{ by: 'grid', limit: '50', order: 'worst', min_callbacks: '5' }]);
  assert.equal(await page.locator('#rates-order').inputValue(), 'worst');
  const worst = (await srv.fetch('/api/v1/rates?by=grid&limit=50&order=worst&min_callbacks=5', { token: admin.token })).body;
  assert.equal(await page.locator('#rates-table tbody tr').count(), worst.items.length);

  // The ranking of the grids, and "more" while there is a next page.
  asked.length = 0;
  await page.locator('#rates-order').selectOption('rank');
  await page.locator('#rates-worst-note').waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [{ by: 'grid', limit: '50' }]);
  const ranked = (await srv.fetch('/api/v1/rates?by=grid&limit=50', { token: admin.token })).body;
  assert.equal(await page.locator('#rates-table tbody tr').count(), ranked.items.length);
  assert.equal(await page.locator('#rates-more').count(), ranked.next_cursor ? 1 : 0);
  if (ranked.next_cursor) {
    await page.locator('#rates-more').click();
    await page.waitForLoadState('networkidle');
    assert.equal(asked.at(-1).cursor, ranked.next_cursor);
    const rows = Math.min(ranked.groups, 100);
    await page.locator(`#rates-table tbody tr:nth-child(${rows})`).waitFor();
  }
  await assertAccessible(page, 'dashboard rates by grid');
  await page.close();
});
