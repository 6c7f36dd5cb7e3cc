// After-school duty confirmed at the organiser's desk and counted as
// volunteer hours (docs/afterschool.md "Duty and volunteer hours";
// web/js/afterschool_duty_card.js, screens/afterschool_desk.js,
// afterschool_day.js) in real Chromium on the demo, the server's and the
// browser's clocks on a Monday at 18:45, the session (16:30–18:30) over. Made
// through the API: a programme of 西关社区 with 陈老师 (staff) and 志愿者小周
// (volunteer) on its staff list, both on today's duty. The organiser wenti
// opens 值守确认与志愿时长 on the desk: Saturday has no session; today lists
// both with their roles and says what confirming does (2 hours each for the
// volunteer); 确认值守 says it is done and shows who confirmed. 志愿者小周's
// own volunteer page then lists the 2-hour record from 课后托管值守; 陈老师's
// day screen shows the duty fixed (boxes disabled, no save). Axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signedInPage } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { WENTI } from './lib/clinics.mjs';
import { makeProgramme, person, setStaff, TEACHER, TODAY, VOLUNTEER } from './lib/afterschool.mjs';

const EVENING = '2026-12-07T18:45:00+08:00';
let srv;
let admin;
let teacher;
let volunteer;
let prog;
let browser;

before(async () => {
  ({ srv, admin } = await startDemoServer({ now: EVENING }));
  teacher = await person(srv, admin, TEACHER);
  volunteer = await person(srv, admin, VOLUNTEER);
  prog = await makeProgramme(srv, admin);
  await setStaff(srv, admin, prog.id, [{ user_id: teacher.id, role: 'staff', background_checked_on: '2026-03-01' },
    { user_id: volunteer.id, role: 'volunteer', background_checked_on: '2026-03-01' }]);
  const duty = await srv.fetch(`/api/v1/afterschool-programmes/${prog.id}/days/${TODAY}/duty`,
    { method: 'PUT', token: teacher.token, json: { user_ids: [teacher.id, volunteer.id] } });
  assert.equal(duty.status, 200, duty.text);
  browser = await launch({ viewport: { width: 1024, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(EVENING));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const signedIn = (who) => signedInPage(browser, srv.url, who);

test('the organiser confirms the day at the desk; the volunteer sees the hours; the day is fixed at the tablet', async () => {
  const page = await signedIn(WENTI);
  await page.goto(srv.url + '/#/afterschool-desk');
  await page.locator(`#as-duty-show-${prog.id}`).click();
  const card = page.locator(`#as-dc-${prog.id}`);
  await card.locator(`#as-dc-list-${prog.id}`).waitFor();
  assert.equal(await page.locator(`#as-duty-show-${prog.id}`).getAttribute('aria-expanded'), 'true');
  // By user id: 陈老师 was made first.
  assert.deepEqual(await card.locator('.as-dc-adult').evaluateAll((els) => els.map((e) => e.textContent)),
    ['陈老师 · 工作人员', '志愿者小周 · 志愿者']);
  assert.match(await card.textContent(), /志愿者每人记 2 小时志愿服务时长/);

  // Saturday: no session, nothing to confirm.
  await card.locator(`#as-dc-date-${prog.id}`).fill('2026-12-05');
  await card.locator(`#as-dc-closed-${prog.id}`).waitFor();
  assert.equal(await card.locator(`#as-dc-confirm-${prog.id}`).count(), 0);
  await card.locator(`#as-dc-date-${prog.id}`).fill(TODAY);
  await card.locator(`#as-dc-confirm-${prog.id}`).waitFor();
  await assertAccessible(page, 'the organiser\'s duty card');
  await shot(page, 'afterschool-duty-confirm', true);

  await card.locator(`#as-dc-confirm-${prog.id}`).click();
  await card.locator(`#as-dc-done-${prog.id}`).waitFor();
  assert.equal(await card.locator(`#as-dc-status-${prog.id}`).textContent(), '已确认：1 名志愿者各记 2 小时，已记入志愿服务记录。');
  assert.match(await card.locator(`#as-dc-done-${prog.id}`).textContent(), /^✔ 2026-12-07 18:4\d 由 西关社区文体专干\(演示\) 确认：2 人值班，1 名志愿者各记 2 小时。$/);
  assert.equal(await card.locator(`#as-dc-confirm-${prog.id}`).count(), 0, 'confirmed once');
  await page.close();

  // The volunteer's own page lists the record the confirmation wrote.
  const mine = await signedIn(VOLUNTEER);
  await mine.goto(srv.url + '/#/me/volunteer');
  const record = mine.locator('.vol-record').first();
  await record.waitFor();
  assert.match(await record.textContent(), /课后托管值守：交通路社区四点半课堂/);
  assert.match(await record.locator('.vol-record-hours').textContent(), /2/);
  await assertAccessible(mine, 'the volunteer\'s records with the duty');
  await mine.close();

  // At the tablet the day's duty is fixed.
  const tablet = await signedIn(TEACHER);
  await tablet.goto(srv.url + `/#/afterschool-desk/${prog.id}`);
  await tablet.locator('#as-duty-fixed').waitFor();
  assert.match(await tablet.locator('#as-duty-fixed').textContent(), /确认，名单不能再改/);
  assert.equal(await tablet.locator('#as-duty-save').count(), 0);
  assert.deepEqual(await tablet.locator('#as-duty-form input[type="checkbox"]').evaluateAll((els) => els.map((e) => [e.checked, e.disabled])),
    [[true, true], [true, true]]);
  await tablet.close();
});
