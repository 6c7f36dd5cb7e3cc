// Supervision (督办) in the browser: the queue puts overdue, then nearly due
// appeals first, with their badges, and the dashboard lists the overdue one.
// No appeal becomes overdue within a test's minutes, so the test moves the
// clocks of two appeals back in the server's database with the harness's
// sql() (the engine's shell, tests/http/lib/server.mjs) — nothing else is
// touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
before(async () => {
  ({ srv } = await startDemoServer());
  browser = await launch({ viewport: { width: 1100, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function submit(description) {
  const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
    category: 'sanitation', description, lat: 37.5236, lon: 111.1405, anonymous: true } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// Moves the running clock of appeal `id`: due `dueIn` seconds from now,
// warned (80 %) `nearlyIn` seconds from now.
function setClock(id, dueIn, nearlyIn) {
  const now = Math.floor(Date.now() / 1000);
  srv.sql(`UPDATE appeals SET clock_start = ${now - 36000}, due_at = ${now + dueIn}, ` +
    `nearly_at = ${now + nearlyIn}, response_due = ${now + dueIn} WHERE id = ${id};`, { readonly: false });
  assert.equal(srv.sql(`SELECT due_at - ${now} FROM appeals WHERE id = ${id};`), String(dueIn));
}

test('overdue and nearly due first in the queue; the overdue list on the dashboard', async () => {
  const plain = await submit('垃圾桶满了没人清运。');
  const late = await submit('小区门口垃圾堆放三天了。');
  const soon = await submit('公厕旁边有积存垃圾。');
  setClock(late.id, -2 * 3600 - 60, -4 * 3600);
  setClock(soon.id, 3600, -600);
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const sup = (await srv.fetch('/api/v1/appeals/supervision', { token: admin.token })).body.items;
  assert.deepEqual(sup.map((a) => [a.id, a.urgency]), [[late.id, 'overdue'], [soon.id, 'nearly_due']]);

  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#queue-link').click();
  await page.locator('#queue li').nth(2).waitFor();
  assert.deepEqual(await page.locator('#queue > li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.id))),
    [late.id, soon.id, plain.id]);
  assert.equal(await page.locator(`#queue li[data-id="${late.id}"] .urgency-overdue`).textContent(), '已超期');
  assert.equal(await page.locator(`#queue li[data-id="${soon.id}"] .urgency-nearly_due`).textContent(), '即将到期');
  await assertAccessible(page, 'queue with overdue');
  await shot(page, 'appeals-queue-overdue', true);

  await page.goto(srv.url + '/#/dashboard');
  const rows = page.locator('#overdue-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allTextContents();
  assert.deepEqual([cells[0], cells[1], cells[3]], [late.tracking_code, '已提交', '2 小时']);
  assert.match(cells[2], /^(今天 |周. \d\d-\d\d )\d\d:\d\d$/);
  assert.equal(await page.locator('#appeals-table tr[data-state="submitted"] td').textContent(), '3');
  await assertAccessible(page, 'dashboard with an overdue appeal');
  await rows.first().locator('a').click();
  await page.locator('#case-state').waitFor();
  assert.equal(await page.locator('h1').textContent(), `诉求 ${late.tracking_code}`);
  await page.close();
});
