// Reporting a change (issue 16: "within 24 hours after a reported change such
// as a fall or a hospital stay") on the elder's page and at the phone desk, in
// Chromium on the demo, keyboard only: C opens the form with the focus on
// what happened; no choice is the server's 422 said by its field, a time in
// the future is said before anything is sent; a fall with its time and a note
// → Ctrl+Enter: her next visit now says due today because of the change, the
// status line says so, and the server has the change (the time typed at the
// head of its note). A masked viewer pressing C is refused in words, and so
// are her own workers once her record is closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const DISTRICT = { username: 'district.change', password: 'district-pass-1', display_name: '区级网格员', role: 'worker' };

let srv;
let admin;
let browser;
let mine;  // 梁俊连's active elders whose next visit is not due yet
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, DISTRICT);
  browser = await launch();
  const worker = await srv.login(WORKER.username, WORKER.password);
  const his = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items
    .filter((e) => e.state === 'active' && e.view === 'full');
  mine = [];
  for (const e of his) {
    // Seen today, so that only a change can make her due now.
    const seen = await srv.fetch(`/api/v1/elders/${e.id}/visits`, { method: 'POST', token: admin.token,
      json: { how: 'phone', outcome: 'seen_well' } });
    assert.equal(seen.status, 201, seen.text);
    if (seen.body.next_due.state === 'not_yet') mine.push(e);
    if (mine.length === 2) break;
  }
  assert.equal(mine.length, 2, 'two of his elders not due yet');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const focused = (page) => page.evaluate(() => document.activeElement?.id);
const focusOn = (page, id) => page.waitForFunction((x) => document.activeElement?.id === x, id);
// Her changes as the database has them, oldest first ("kind|note" each).
const changesOf = (e) => srv.sql(`SELECT kind, note FROM visit_changes WHERE elder_id = ${e.id} ORDER BY id`)
  .split('\n').filter(Boolean);

async function signedIn(who, { elder = false } = {}) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.evaluate((on) => localStorage.setItem('warmcity.settings', JSON.stringify({ elder: on })), elder);
  await page.reload();
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
  return page;
}

function changes(page) {
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/elders\/\d+\/changes$/.test(r.url())) sent.push(r.postDataJSON()); });
  return sent;
}

test('her page: C → a fall, when and a note → Ctrl+Enter: a visit is due today because of the change', async () => {
  const e = mine[0];
  const earlier = changesOf(e);  // the demo's
  const page = await signedIn(WORKER);
  const sent = changes(page);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  const due = page.locator(`#due-${e.id}`);
  await page.locator(`#change-new-${e.id}`).waitFor();
  assert.equal(await due.getAttribute('data-state'), 'not_yet');
  assert.match(await page.locator(`#change-new-${e.id}`).textContent(), /^报告情况变化 C$/);
  await page.locator('main').focus();
  await page.keyboard.press('c');
  await focusOn(page, 'change-kind-fall');
  assert.equal(await page.locator('#change-kind input:checked').count(), 0, 'nothing preset');
  assert.equal(await page.locator('#change-why').textContent(), '摔倒、住院、亲人去世等情况报告后，她的探访立即到期，应在 24 小时内探访。');

  // Nothing chosen: Enter on the choice sends it; the server names the field.
  await page.keyboard.press('Enter');
  await page.locator('#change-kind .field-error').waitFor();
  assert.equal(await page.locator('#change-kind .field-error').textContent(), '请选择发生了什么');
  assert.equal(await focused(page), 'change-kind-fall');
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0], {});
  // A time in the future: said by its box, nothing sent.
  await page.keyboard.press(' ');  // 摔倒
  await page.locator('#change-when').fill('2099-01-01T10:00');
  await page.keyboard.press('Control+Enter');
  await page.locator('#change-when[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('#change-form .field-error').textContent(), '发生时间不能晚于现在');
  assert.equal(await focused(page), 'change-when');
  assert.equal(sent.length, 1);
  assert.deepEqual(changesOf(e), earlier, 'no change recorded');
  await assertAccessible(page, 'change form, errors');

  await page.locator('#change-when').fill('2026-01-05T14:30');
  await page.locator('#change-note').focus();  // Tab walks the time box's parts first
  await page.keyboard.insertText('浴室滑倒，右腿淤青');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((x) => document.activeElement?.id === `care-${x}-flash`, e.id);
  assert.deepEqual(sent[1], { kind: 'fall', note: '发生于 2026-01-05 14:30；浴室滑倒，右腿淤青' });
  assert.deepEqual(changesOf(e), [...earlier, 'fall|发生于 2026-01-05 14:30；浴室滑倒，右腿淤青']);
  assert.equal(await page.locator('#change-form').count(), 0, 'the form is closed');
  assert.equal(await due.getAttribute('data-state'), 'today');
  assert.match(await due.textContent(), /^今天应探访，.+（报告了变化，24 小时内探访）$/);
  assert.match(await page.locator(`#care-${e.id}-flash`).textContent(),
    /^已报告情况变化：摔倒。下次探访：今天应探访，.+（报告了变化，24 小时内探访）$/);
  // The server agrees: her visit is due because of the change.
  const visits = await srv.fetch(`/api/v1/elders/${e.id}/visits?limit=1`, { token: admin.token });
  assert.deepEqual([visits.body.due.reason, visits.body.due.state], ['change', 'today']);
  await assertAccessible(page, 'change reported');
  await shot(page, 'eldercare-change-reported', true);
  await page.close();
});

test('the desk: caller → C → a hospital stay, no time → saved; elder mode keeps its sizes', async () => {
  const e = mine[1];
  const card = (await srv.fetch(`/api/v1/elders/${e.id}/card`, { token: admin.token })).body;
  const earlier = changesOf(e);
  const page = await signedIn(WORKER, { elder: true });
  const sent = changes(page);
  await page.locator('#desk-link').click();
  await focusOn(page, 'desk-q');
  await page.keyboard.type(card.number);
  await page.keyboard.press('Enter');
  await focusOn(page, `desk-elder-${e.id}`);
  await page.keyboard.press('c');
  await focusOn(page, 'change-kind-fall');
  await assertElder(page, 'change form in elder mode');
  await page.keyboard.press('ArrowDown');  // 住院
  assert.equal(await page.locator('#change-kind-hospital_stay').isChecked(), true);
  await page.keyboard.press('Enter');
  await page.waitForFunction((x) => document.activeElement?.id === `care-${x}-flash`, e.id);
  assert.deepEqual(sent, [{ kind: 'hospital_stay' }]);
  assert.deepEqual(changesOf(e), [...earlier, 'hospital_stay|']);
  assert.equal(await page.locator(`#due-${e.id}`).getAttribute('data-state'), 'today');
  assert.match(await page.locator(`#care-${e.id}-flash`).textContent(), /^已报告情况变化：住院。下次探访：今天应探访/);
  await page.close();
});

test('a masked viewer, and her workers once her record is closed, pressing C are refused in words; nothing is sent', async () => {
  const e = mine[0];
  const page = await signedIn(DISTRICT);
  const sent = changes(page);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator(`#care-${e.id}-refusal`).waitFor();
  assert.equal(await page.locator(`#change-new-${e.id}`).count(), 0);
  await page.locator('main').focus();
  await page.keyboard.press('c');
  await page.locator(`#care-${e.id}-flash.error`).waitFor();
  assert.equal(await page.locator(`#care-${e.id}-flash`).textContent(),
    '您看到的是脱敏档案，不能为她登记代办或探访：只有管理员、她所在网格和社区的工作人员以及她的结对服务队可以。');
  assert.equal(await page.locator('#change-form').count(), 0);
  assert.deepEqual(sent, []);
  await page.close();

  // A closed record: her own workers are told so, in words.
  const gone = mine[1];
  const closed = await srv.fetch(`/api/v1/elders/${gone.id}/close`, { method: 'POST', token: admin.token,
    json: { reason: 'moved_out', note: '搬去女儿家' } });
  assert.equal(closed.status, 200, closed.text);
  const hers = await signedIn(WORKER);
  const none = changes(hers);
  await hers.goto(`${srv.url}/#/staff/elders/${gone.id}`);
  const words = '她的档案已销（迁出或去世），不能再为她登记代办、探访或报告变化。';
  await hers.locator(`#care-${gone.id}-refusal`).waitFor();
  assert.equal(await hers.locator(`#care-${gone.id}-refusal`).textContent(), words);
  assert.equal(await hers.locator(`#change-new-${gone.id}`).count(), 0);
  await hers.locator('main').focus();
  await hers.keyboard.press('c');
  await hers.locator(`#care-${gone.id}-flash.error`).waitFor();
  assert.equal(await hers.locator(`#care-${gone.id}-flash`).textContent(), words);
  assert.deepEqual(none, []);
  await hers.close();
});
