// The official calendar's end as people see it (issue 12 item 5), on the demo
// server with a calendar of 2024-2026 (a copy of data/calendar's, so the test
// means the same once 2027 is shipped). The browser's clock is set
// (Playwright's clock), so the test means the same on any day:
//  - a facility's seven days from 2026-12-28 draw 元旦 2027 and the weekend
//    after it as unknown ("2027年节假日安排尚未载入"), not as closed;
//  - admins, and only admins, see the banner from 60 days before the end;
//  - the banner leads to the calendar screen: 元旦 typed as a range shows in
//    the twelve-month preview before saving, the server's refusal of a
//    weekday 调休 is shown in Chinese beside its line, the year saves and a
//    reload shows it; a keeper and a visitor cannot use the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, KEEPER, KEEPER_ORG, makeUser } from './lib/demo.mjs';
import { BIN, dataDirArgs, startServer, testDatabase } from '../http/lib/server.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
// lib/demo.mjs's startDemoServer, with the calendar ending on 2026-12-31.
async function startDemoServer() {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-web-'));
  const db = testDatabase(dir);  // the engine under test's (a file or a URL)
  const r = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('warmcity demo failed: ' + r.stderr);
  const calendarDir = join(dir, 'calendar');
  mkdirSync(calendarDir);
  for (const year of [2024, 2025, 2026]) copyFileSync(join('data', 'calendar', `${year}.txt`), join(calendarDir, `${year}.txt`));
  const server = await startServer({ dir, db, args: ['--calendar-dir', calendarDir] });
  const admin = await server.login(ADMIN.username, ADMIN.password);
  await makeUser(server, admin, { ...KEEPER, role: 'keeper' }, KEEPER_ORG);
  return server;
}

before(async () => {
  srv = await startDemoServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const at = (iso) => new Date(iso);

async function signIn(page, who) {
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
}

async function signOut(page) {
  await page.goto(srv.url + '/#/staff');
  await page.locator('#signout').click();
  await page.getByLabel('用户名').waitFor();
}

test('the seven-day list draws days past the loaded calendar as unknown, not closed', async () => {
  const toilets = (await srv.fetch('/api/v1/facilities?kind=toilet&limit=50')).body.items;
  const office = toilets.find((f) => /PH off/.test(f.opening_hours));
  assert.ok(office, 'a demo toilet closes on public holidays');
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(at('2026-12-28T09:00:00+08:00'));  // a Monday
  await page.goto(`${srv.url}/#/f/${office.id}`);
  const days = page.locator('#week li');
  await days.first().waitFor();
  assert.equal(await days.count(), 7);
  // Monday to Thursday: the office hours; Friday 元旦 to Sunday: unknown, with the reason.
  for (let i = 0; i < 4; i++) {
    assert.match(await days.nth(i).textContent(), /08:00–12:00/);
    assert.equal(await days.nth(i).getAttribute('class'), null);
  }
  for (let i = 4; i < 7; i++) {
    assert.equal(await days.nth(i).getAttribute('class'), 'day-unknown');
    assert.match(await days.nth(i).textContent(), /开放时间未知 \(2027年节假日安排尚未载入\)/);
    assert.doesNotMatch(await days.nth(i).textContent(), /不开放/);
  }
  await shot(page, 'week-unknown', true);
  await page.close();
});

test('admins see the banner from 60 days before the calendar ends; keepers never', async () => {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(at('2026-10-15T09:00:00+08:00'));  // 77 days before the end
  await signIn(page, ADMIN);
  // Without a banner the screen is still one link away on the workbench.
  assert.equal(await page.locator('#calendar-link').getAttribute('href'), '#/staff/calendar');
  await page.goto(srv.url + '/#/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.locator('#calendar-banner').count(), 0);
  await page.close();

  const soon = await browser.context.newPage();  // the same session, 27 days before the end
  await soon.clock.setFixedTime(at('2026-12-04T09:00:00+08:00'));
  await soon.goto(srv.url + '/#/');
  const banner = soon.locator('#calendar-banner');
  await banner.waitFor();
  assert.equal((await banner.textContent()).trim(),
    '2027年节假日安排尚未载入，请在 2026-12-31 前录入。 录入2027年节假日安排');
  assert.equal(await banner.getByRole('link').getAttribute('href'), '#/staff/calendar?year=2027');
  await assertAccessible(soon, 'banner');
  await shot(soon, 'calendar-banner');
  await signOut(soon);
  await soon.goto(srv.url + '/#/near');  // the next screen after signing out: no banner
  await soon.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await soon.locator('#calendar-banner').count(), 0);

  // A keeper: no banner, and the screen says who may use it.
  await signIn(soon, KEEPER);
  assert.equal(await soon.locator('#calendar-link').count(), 0);
  await soon.goto(srv.url + '/#/');
  await soon.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await soon.locator('#calendar-banner').count(), 0);
  await soon.goto(srv.url + '/#/staff/calendar?year=2027');
  await soon.locator('#calendar-denied').waitFor();
  assert.equal(await soon.locator('#calendar-denied').textContent(), '只有区级管理员可以录入节假日安排。');
  assert.equal(await soon.locator('textarea').count(), 0);
  await signOut(soon);
  // Signed out: asked to sign in, nothing to edit.
  await soon.goto(srv.url + '/#/staff/calendar');
  await soon.locator('#calendar-denied').waitFor();
  assert.match(await soon.locator('#calendar-denied').textContent(), /请先以管理员身份登录/);
  assert.equal(await soon.locator('textarea').count(), 0);
  await soon.close();
});

test('an admin enters 2027 from the notice: preview before saving, refusals in Chinese, saved and shown again', async () => {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(at('2026-12-04T09:00:00+08:00'));
  await signIn(page, ADMIN);
  await page.goto(srv.url + '/#/');
  await page.locator('#calendar-banner a').click();
  await page.getByRole('heading', { name: '节假日安排' }).waitFor();
  assert.equal(await page.getByLabel('年份').inputValue(), '2027');
  await page.locator('#cal-loaded', { hasText: '2027 年的安排尚未录入。' }).waitFor();

  const holidays = page.getByLabel('放假（每行一段：起止日期和节日名称）');
  const workdays = page.getByLabel('调休上班（每行一天：日期和名称）');
  // A date that does not exist is caught while typing.
  await holidays.fill('2027-02-30 春节');
  assert.equal(await page.locator('#cal-holidays-error').textContent(), '第1行：没有这个日期');
  assert.equal(await holidays.getAttribute('aria-invalid'), 'true');

  await holidays.fill('2027-01-01..2027-01-03 元旦');
  assert.equal(await page.locator('#cal-holidays-error').textContent(), '');
  // The preview shows the year before anything is saved.
  assert.equal((await srv.fetch('/api/v1/calendar/2027')).status, 404);
  assert.equal(await page.locator('#cal-preview-title').textContent(), '2027年日历预览');
  assert.equal(await page.locator('#cal-preview table.month').count(), 12);
  for (const d of ['2027-01-01', '2027-01-02', '2027-01-03']) {
    const cell = page.locator(`#cal-preview td[data-date="${d}"]`);
    assert.match(await cell.getAttribute('class'), /holiday/);
    assert.equal(await cell.locator('.mark').textContent(), '休');
  }
  assert.doesNotMatch(await page.locator('#cal-preview td[data-date="2027-01-04"]').getAttribute('class') || '', /holiday/);
  assert.match(await page.locator('#cal-preview td[data-date="2027-01-09"]').getAttribute('class'), /weekend/);
  assert.equal(await page.locator('#cal-summary').textContent(), '放假 3 天，调休上班 0 天');

  // A make-up working day on a Monday: the server refuses; the reason stands beside the line.
  await workdays.fill('2027-01-04 元旦调休');
  assert.match(await page.locator('#cal-preview td[data-date="2027-01-04"]').getAttribute('class'), /workday/);
  await page.getByRole('button', { name: '保存这一年' }).click();
  const refusal = page.locator('#cal-workdays-error');
  await refusal.filter({ hasText: '调休' }).waitFor();
  assert.equal(await refusal.textContent(), '第1行：调休上班日必须是周六或周日');
  assert.equal(await workdays.getAttribute('aria-invalid'), 'true');
  assert.equal((await srv.fetch('/api/v1/calendar/2027')).status, 404);

  await workdays.fill('2027-02-06 春节调休');
  assert.equal(await page.locator('#cal-summary').textContent(), '放假 3 天，调休上班 1 天');
  await assertAccessible(page, 'calendar editor');
  await shot(page, 'calendar-editor', true);
  await page.getByRole('button', { name: '保存这一年' }).click();
  await page.locator('#cal-save-status', { hasText: '已保存' }).waitFor();
  assert.equal(await page.locator('#cal-save-status').textContent(), '已保存 2027 年节假日安排（共 4 天），即时生效。');
  assert.equal(await page.locator('#cal-workdays-error').textContent(), '');
  const stored = await srv.fetch('/api/v1/calendar/2027');
  assert.deepEqual(stored.body.days, [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'workday', name: '春节调休' },
  ]);
  // 2027 loaded: the calendar now runs to 2027-12-31, far off; the banner is gone.
  await page.locator('#calendar-banner').waitFor({ state: 'detached' });

  // A reload shows the year as stored, as the admin typed it.
  await page.reload();
  await page.locator('#cal-loaded', { hasText: '已载入 2027 年的安排（共 4 天）。' }).waitFor();
  assert.equal(await holidays.inputValue(), '2027-01-01..2027-01-03 元旦');
  assert.equal(await workdays.inputValue(), '2027-02-06 春节调休');
  assert.equal(await page.locator('#cal-preview td[data-date="2027-02-06"] .mark').textContent(), '班');
  assert.equal(await page.locator('#calendar-banner').count(), 0);

  // Elder mode keeps its numbers on this screen.
  await page.locator('#elder-switch').click();
  await page.locator('#cal-preview').waitFor();
  await assertElder(page, 'calendar editor (elder)');
  await page.locator('#elder-switch').click();
  await page.close();
});
