// The dashboard's errands and visits (issue 16) in real Chromium on the demo:
// this month's errands by state and the overdue ones per community are the
// API's (GET /api/v1/errands/counts), the visit rate and the due and overdue
// visits too (GET /api/v1/visits/rate, /visits/counts); the overdue errands
// (GET /api/v1/errands?queue=overdue) are listed right after the overdue
// appeals, the most overdue first; a community worker sees his areas'
// numbers; a department sees none of it; axe passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { SHOTS } from './lib/shots.mjs';

const STATES = ['received', 'assigned', 'doing', 'delivered', 'settled', 'complete', 'cancelled'];
const STATE_ZH = { received: '已受理', assigned: '已派给小组', doing: '办理中' };
const ADMIN = { username: 'admin', password: 'demo-admin-2026' };
const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const DEPARTMENT = { username: 'chengguan', password: 'demo-department-2026' };

let srv;
let admin;
let browser;
let overdueId;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  // Two errands for a demo elder of the worker's community, one of them
  // received three days ago (overdue); and a visit that saw her.
  const worker = await srv.login(WORKER.username, WORKER.password);
  const elder = (await srv.fetch('/api/v1/elders?limit=1', { token: worker.token })).body.items[0];
  const made = [];
  for (const text of ['交水费', '取证明']) {
    const r = await srv.fetch(`/api/v1/elders/${elder.id}/errands`, { method: 'POST', token: admin.token, json: { kind: 'task', text } });
    assert.equal(r.status, 201, r.text);
    made.push(r.body.id);
  }
  overdueId = made[0];
  srv.sql(`UPDATE errands SET received_at = received_at - 259200, due_at = due_at - 259200 WHERE id = ${overdueId}`, { readonly: false });
  const v = await srv.fetch(`/api/v1/elders/${elder.id}/visits`, { method: 'POST', token: admin.token, json: { how: 'phone', outcome: 'seen_well' } });
  assert.equal(v.status, 201, v.text);
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

// Opens the dashboard; resolves to the counts requests it made.
async function dashboard(page) {
  const asked = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (/^\/api\/v1\/(errands|visits)/.test(u.pathname)) asked.push(u.pathname + u.search);
  });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-title').waitFor();
  await page.waitForLoadState('networkidle');
  return asked;
}

const rows = (page, table) => page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((r) => ({
  community: r.dataset.community, name: r.querySelector('th').textContent,
  cells: [...r.querySelectorAll('td')].map((td) => td.textContent),
})));
const percent = (rate, elders) => (elders ? `${(rate * 100).toFixed(1)}%` : '—');

async function assertPanelIsTheApi(page, who) {
  const get = async (path) => (await srv.fetch(path, { token: who.token })).body;
  const errands = await get('/api/v1/errands/counts');
  const due = await get('/api/v1/visits/counts');
  const rate = await get(`/api/v1/visits/rate?month=${errands.month}`);
  const names = new Map((await srv.fetch('/api/v1/areas/communities')).body.items.map((c) => [c.id, c.name]));
  assert.equal(await page.locator('#care-title').textContent(), `为老代购与探访关爱（${errands.month}）`);
  assert.deepEqual(await rows(page, '#care-errands-table'), errands.items.map((i) => ({
    community: String(i.community_id), name: names.get(i.community_id),
    cells: [i.total, ...STATES.map((s) => i.states[s]), i.overdue].map(String),
  })));
  assert.equal(await page.locator('#care-errands-total').textContent(), String(errands.total));
  assert.equal(await page.locator('#care-errands-overdue').textContent(), String(errands.overdue));
  // The visits: a row per community either answer names.
  const ids = [...new Set([...rate.items, ...due.items].map((i) => i.community_id))].sort((a, b) => a - b);
  assert.deepEqual(await rows(page, '#care-visits-table'), ids.map((id) => {
    const r = rate.items.find((i) => i.community_id === id) ?? { elders: 0, visited: 0, rate: 0 };
    const d = due.items.find((i) => i.community_id === id) ?? { due_today: 0, overdue: 0, escalations_overdue: 0 };
    return { community: String(id), name: names.get(id),
      cells: [String(r.elders), String(r.visited), percent(r.rate, r.elders), String(d.due_today), String(d.overdue), String(d.escalations_overdue)] };
  }));
  assert.equal(await page.locator('#care-visits-overdue').textContent(), String(due.overdue));
  assert.equal(await page.locator('#care-due-today').textContent(), String(due.due_today));
  return { errands, due, rate };
}

test('the panel shows the API numbers, and the overdue errands follow the overdue appeals', async () => {
  const page = await signedIn(ADMIN);
  const asked = await dashboard(page);
  await page.locator('#care-errands-table').waitFor();
  const { errands, due } = await assertPanelIsTheApi(page, admin);
  assert.ok(errands.total >= 2 && errands.overdue >= 1, JSON.stringify(errands));
  assert.ok(due.elders >= 1);
  // Counted by the server: one request each, never a page of a list (the
  // overdue list is the supervision list itself).
  for (const path of ['/api/v1/errands/counts', '/api/v1/visits/counts']) {
    assert.equal(asked.filter((a) => a === path).length, 1, `${path} in ${asked}`);
  }
  assert.deepEqual(asked.filter((a) => a.startsWith('/api/v1/errands?')), ['/api/v1/errands?queue=overdue&limit=100']);

  // The overdue errands: the API's overdue queue, the most overdue first, next to the overdue appeals.
  const late = (await srv.fetch('/api/v1/errands?queue=overdue&limit=100', { token: admin.token })).body.items
    .sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at));
  assert.ok(late.some((e) => e.id === overdueId));
  const shown = await page.locator('#overdue-errands-table tbody tr').evaluateAll((trs) => trs.map((r) => Number(r.dataset.id)));
  assert.deepEqual(shown, late.map((e) => e.id));
  assert.equal(await page.locator('section[aria-labelledby="overdue-title"] + section h2').textContent(), '超期代购代办（督办）');
  const first = page.locator(`#overdue-errands-table tr[data-id="${overdueId}"] td`);
  assert.equal(await first.nth(1).textContent(), '代办');
  assert.equal(await first.nth(3).textContent(), STATE_ZH[late.find((e) => e.id === overdueId).state]);
  await assertAccessible(page, 'dashboard care');
  await page.locator('#care-title').locator('..').screenshot({ path: `${SHOTS}/dashboard_care.png` });

  // Delivered: it leaves the list and the overdue count.
  for (const step of [{ step: 'start' }, { step: 'deliver', received_by: '本人' }]) {
    const r = await srv.fetch(`/api/v1/errands/${overdueId}/steps`, { method: 'POST', token: admin.token, json: step });
    assert.equal(r.status, 200, r.text);
  }
  await page.reload();
  await page.locator('#care-errands-table').waitFor();
  await page.waitForLoadState('networkidle');
  const after = await assertPanelIsTheApi(page, admin);
  assert.equal(after.errands.overdue, errands.overdue - 1);
  assert.equal(await page.locator(`#overdue-errands-table tr[data-id="${overdueId}"]`).count(), 0);
  await page.close();
});

test("a community worker sees his areas' numbers", async () => {
  const worker = await srv.login(WORKER.username, WORKER.password);
  const page = await signedIn(WORKER);
  await dashboard(page);
  await page.locator('#care-title').waitFor();
  const { errands } = await assertPanelIsTheApi(page, worker);
  const listed = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items;
  const mine = new Set(listed.map((e) => e.community_id));
  assert.ok(errands.items.every((i) => mine.has(i.community_id)), JSON.stringify(errands.items));
  await page.close();
});

test('no errand or visit figures for a department', async () => {
  const page = await signedIn(DEPARTMENT);
  const asked = await dashboard(page);
  assert.equal(await page.locator('#care-title').count(), 0);
  assert.equal(await page.locator('#overdue-errands-title').count(), 0);
  assert.deepEqual(asked, []);
  await page.close();
});
