// The district dashboard's facility counts are the API's (which are the
// data's: 15 love stations and 4 canteens in the demo), in a table and a chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let admin;
let browser;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1280, height: 900 } });
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
