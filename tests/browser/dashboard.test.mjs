// The district dashboard's facility counts are the API's (which are the
// data's: 15 love stations and 4 canteens in the demo), in a table and a chart;
// for staff, this month's appeals by status come from one request to
// GET /api/v1/appeals/counts (never by paging the appeals list), in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

// The server's and the browser's clock: mid-month, so the appeals below and
// the dashboard's "this month" (the browser's month) agree on any day.
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

test('dashboard counts equal the API and follow a change', async () => {
  const counts = (await srv.fetch('/api/v1/facilities/counts')).body;
  assert.equal(counts.by_kind.love_station, 15);
  assert.equal(counts.by_kind.canteen, 4);
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#kinds-chart canvas').waitFor();
  for (const [kind, n] of Object.entries(counts.by_kind)) {
    assert.equal(await page.locator(`tr[data-kind="${kind}"] td`).textContent(), String(n), kind);
  }
  assert.equal(await page.locator('#kinds-total').textContent(), String(counts.total));
  // The chart plots the same numbers (canvas: read them from the chart itself).
  const plotted = await page.evaluate(() => {
    const o = window.echarts.getInstanceByDom(document.getElementById('kinds-chart')).getOption();
    return Object.fromEntries(o.yAxis[0].data.map((name, i) => [name, o.series[0].data[i]]));
  });
  const names = await page.locator('#kinds-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th').textContent, Number(r.querySelector('td').textContent)]));
  assert.deepEqual(plotted, Object.fromEntries(names));
  await assertAccessible(page, 'dashboard');
  await shot(page, 'dashboard', true);

  // A new canteen is counted at once.
  const made = await srv.fetch('/api/v1/facilities', { method: 'POST', token: admin.token, json: {
    kind: 'canteen', name: '测试便民餐厅', address: '离石区测试路1号', lat: 37.52, lon: 111.14 } });
  assert.equal(made.status, 201, made.text);
  await page.reload();
  await page.locator('tr[data-kind="canteen"] td', { hasText: '5' }).waitFor();
  assert.equal(await page.locator('#kinds-total').textContent(), String(counts.total + 1));
  await page.close();
});

test('for staff, this month by status is one counts request, never a page of appeals', async () => {
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
      category: 'roads', description: `仪表盘测试诉求 ${i}`, attributes: { problem: 'pothole' }, lat: 37.52, lon: 111.14, contact: { name: '王阿姨', phone: '13812345678' } } });
    assert.equal(r.status, 201, r.text);
    ids.push(r.body.id);
  }
  const accepted = await srv.fetch(`/api/v1/appeals/${ids[0]}/steps`, { method: 'POST', token: admin.token, json: { step: 'accept' } });
  assert.equal(accepted.status, 200, accepted.text);
  const counts = (await srv.fetch('/api/v1/appeals/counts?month=2026-06&by=state', { token: admin.token })).body;
  assert.deepEqual(counts.items, [{ state: 'submitted', count: 2 }, { state: 'accepted', count: 1 }]);

  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/staff'));
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('demo-admin-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.hash === '#/staff');
  await page.waitForLoadState('networkidle');

  const asked = [];  // every request to /api/v1/appeals… during the visit
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname === '/api/v1/appeals' || u.pathname.startsWith('/api/v1/appeals/')) asked.push(u.pathname + u.search);
  });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-chart canvas').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked.sort(), [
    '/api/v1/appeals/counts?month=2026-06&by=state',  // this month by status
    '/api/v1/appeals/supervision?limit=200',         // the overdue list
  ]);

  assert.equal(await page.locator('#appeals-title').textContent(), '本月诉求（2026-06）');
  assert.equal(await page.locator('#appeals-table tr[data-state="submitted"] th').textContent(), '已提交');
  assert.equal(await page.locator('#appeals-table tr[data-state="submitted"] td').textContent(), '2');
  assert.equal(await page.locator('#appeals-table tr[data-state="accepted"] th').textContent(), '已受理');
  assert.equal(await page.locator('#appeals-table tr[data-state="accepted"] td').textContent(), '1');
  assert.equal(await page.locator('#appeals-table tr[data-state="closed"] td').textContent(), '0');
  assert.equal(await page.locator('#appeals-total').textContent(), '3');
  await page.close();
});
