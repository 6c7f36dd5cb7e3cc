// The dashboard's canteen meal figures (issue 17, js/dash_meals.js) in real
// Chromium on the demo: this month's meals, subsidised meals, subsidy owed,
// deliveries and meals not handed over per canteen with their totals are the
// API's (one GET /api/v1/canteen-meal-counts?month=, counted by the server),
// each canteen's name opening its settlement for the month; a department
// user sees them too, a community worker neither sees nor asks. Axe passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signedInPage } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { SHOTS } from './lib/shots.mjs';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const DEPARTMENT = { username: 'chengguan', password: 'demo-department-2026' };
const month = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const FIELDS = ['meals', 'subsidised_meals', 'subsidy_fen', 'deliveries', 'not_home'];
const cells = (r) => FIELDS.map((f) => (f === 'subsidy_fen' ? yuan(r[f]) : String(r[f])));

let srv;
let browser;
before(async () => {
  ({ srv } = await startDemoServer());
  browser = await launch({ viewport: { width: 1280, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const signedIn = (who) => signedInPage(browser, srv.url, who);

// Opens the dashboard; resolves to the meal-count requests it made.
async function dashboard(page) {
  const asked = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname === '/api/v1/canteen-meal-counts') asked.push(u.pathname + u.search);
  });
  await page.goto(srv.url + '/#/dashboard');
  // dashboard.js marks the view when its last panel is drawn (a hash change
  // loads no page: networkidle would not wait for it).
  await page.locator('#view .screen[data-ready="1"]:has(#kinds-table)').waitFor({ state: 'attached' });
  return asked;
}

async function assertPanelIsTheApi(page, who) {
  const counts = (await srv.fetch(`/api/v1/canteen-meal-counts?month=${month()}`, { token: who.token })).body;
  assert.equal(await page.locator('#meals-title').textContent(), `长者助餐（${counts.month}）`);
  const rows = await page.locator('#meals-table tbody tr').evaluateAll((trs) => trs.map((r) => ({
    id: Number(r.dataset.canteen), name: r.querySelector('th').textContent, href: r.querySelector('th a').getAttribute('href'),
    cells: [...r.querySelectorAll('td')].map((td) => td.textContent),
  })));
  assert.deepEqual(rows, counts.canteens.map((c) => ({
    id: c.id, name: c.name, href: `#/staff/canteen/${c.id}/settlement/${counts.month}`, cells: cells(c),
  })));
  assert.deepEqual(await Promise.all(FIELDS.map((f) => page.locator(`#meals-total-${f}`).textContent())), cells(counts.totals));
  return counts;
}

test("an admin sees this month's meals per canteen as the API counts them, and opens a canteen's settlement", async () => {
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const page = await signedIn(ADMIN);
  const asked = await dashboard(page);
  await page.locator('#meals-table').waitFor();
  assert.deepEqual(asked, [`/api/v1/canteen-meal-counts?month=${month()}`], 'counted by the server, in one request');
  const counts = await assertPanelIsTheApi(page, admin);
  // The demo's four canteens, with the demo's meals of this month (today's
  // counter lunches; 昌茂 serves none on Sundays).
  assert.equal(counts.canteens.length, 4, JSON.stringify(counts.canteens));
  assert.ok(counts.totals.meals > 0 && counts.totals.subsidised_meals > 0 && counts.totals.subsidy_fen > 0, JSON.stringify(counts.totals));
  const sty = counts.canteens.find((c) => c.name === '生态园便民餐厅');
  assert.ok(sty.meals > 0, JSON.stringify(sty));
  assert.notEqual(await page.locator(`#meals-table tr[data-canteen="${sty.id}"] td`).first().textContent(), '0');
  for (const f of FIELDS) assert.equal(counts.totals[f], counts.canteens.reduce((s, c) => s + c[f], 0), f);
  await assertAccessible(page, 'dashboard meals');
  await page.locator('#meals-title').locator('..').screenshot({ path: `${SHOTS}/dashboard_meals.png` });

  const first = counts.canteens[0];
  await page.locator(`#meals-table tr[data-canteen="${first.id}"] a`).click();
  await page.locator('#settlement-summary').waitFor();
  assert.equal(await page.locator('#settlement-title').textContent(), `${first.name} · ${counts.month} 结算`);
  assert.equal(await page.locator('#settlement-meals').textContent(), `${first.meals} 餐`);
  await page.close();
});

test('a department user sees the meal figures and reads a settlement, without closing it', async () => {
  const department = await srv.login(DEPARTMENT.username, DEPARTMENT.password);
  const page = await signedIn(DEPARTMENT);
  await dashboard(page);
  await page.locator('#meals-table').waitFor();
  const counts = await assertPanelIsTheApi(page, department);
  await page.locator(`#meals-table tr[data-canteen="${counts.canteens[0].id}"] a`).click();
  await page.locator('#settlement-summary').waitFor();
  assert.equal(await page.locator('#settlement-close').count(), 0);
  await page.close();
});

test('no meal figures for a community worker, and no request for them', async () => {
  const page = await signedIn(WORKER);
  const asked = await dashboard(page);
  assert.equal(await page.locator('#meals-title').count(), 0);
  assert.deepEqual(asked, []);
  await page.close();
});

test('the meal figures unreachable (offline): said in their panel, the rest of the dashboard stands', async () => {
  const page = await signedIn(ADMIN);
  await page.route((url) => url.pathname === '/api/v1/canteen-meal-counts', (route) => route.abort());
  await dashboard(page);
  assert.match(await page.locator('#meals-unavailable').textContent(), /无法连接/);
  assert.equal(await page.locator('#kinds-table').count(), 1);
  assert.equal(await page.locator('#appeals-title').count(), 1);
  await page.close();
});
