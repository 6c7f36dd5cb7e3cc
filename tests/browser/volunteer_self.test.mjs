// A volunteer on the phone (docs/volunteers.md, "the volunteer":
// web/screens/my_volunteer.js, js/volunteer_self_*.js) in real Chromium at
// 360 px, in the volunteers' test world (tests/http/lib/volunteer_world.mjs:
// 张三, a resident who is a volunteer of 夕阳红志愿队; 生态园社区's 清理小广告
// today 14:00–16:00), the server's and the browser's clocks at 13:10: signed
// out, #/me/volunteer asks to sign in and comes back; the page shows the
// volunteer number, the team and 0.0 hours, and the shift (清理小广告
// 14:00–16:00); a code that is not six digits is stopped in the page
// (nothing sent), a wrong one is said in words (403 wrong_code), the right
// one checks him in. The server is started again at 16:45 (the same
// database): the code checks him out, and his record is there, 待确认, 3.0
// hours (13:30 to 16:30: the shift ±30 minutes). He disputes it — an empty
// text stopped in the page, then sent and shown 处理中, not offered again
// after a reload; once the organiser confirms the shift and answers with a
// correction, the record is 已确认 with the correction under it and the hours
// counted (3.5). A certificate request: an end after today stopped in the
// page, then sent with the team and the period. 我的诉求 links the page for
// him and not for a resident who is no volunteer (李毅). Elder mode at 360 px
// (20 px text, 60 px targets). Axe on each.
//
// Every answer is the server's own (GET /me/volunteer/signups lists what
// there is to check in and out of).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { PERSON, startVolunteerWorld, TODAY } from '../http/lib/volunteer_world.mjs';
import { RESIDENT } from '../http/lib/server.mjs';

const DAY = TODAY;
const NOW = `${DAY}T13:10:00+08:00`;
const LATER = `${DAY}T16:45:00+08:00`;

let w;
let srv;
let browser;
let team;
let volunteer;
let shift;
let signup;
let recordId;

const call = (who, method, path, json, status) => w.api(method, '/api/v1' + path, json, status, who);

before(async () => {
  w = await startVolunteerWorld({ now: NOW });
  srv = w.srv;
  team = w.team;
  volunteer = w.volunteer;
  shift = await call(w.organiser.staff, 'POST', `/activity-occurrences/${w.occurrence.today.id}/shifts`,
    { title: '清理小广告', starts_at: '14:00', ends_at: '16:00', capacity: 10, team_id: team.id }, 201);
  assert.match(shift.code, /^\d{6}$/);
  signup = await call(w.person, 'POST', `/volunteer-shifts/${shift.id}/signups`, {}, 201);
  browser = await launch();
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function page(hash, settings = { lang: 'zh-CN' }) {
  const p = await browser.context.newPage();
  await p.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await p.goto(srv.url + '/' + hash);
  return p;
}

function posts(p, re) {
  const seen = [];
  p.on('request', (r) => { if (r.method() === 'POST' && re.test(new URL(r.url()).pathname)) seen.push(r.postDataJSON()); });
  return seen;
}

async function signIn(p, who) {
  await p.locator('#username').fill(who.username);
  await p.locator('#password').fill(who.password);
  await p.locator('#signin button[type="submit"]').click();
}

test('signed out: asked to sign in and back; his number, team and hours, the shift; a bad code stopped, a wrong code said, the right code checks him in', async () => {
  await browser.context.clearCookies();
  const p = await page('#/me/volunteer');
  await p.locator('#vol-signin').click();
  await signIn(p, PERSON);
  await p.waitForURL((u) => u.hash === '#/me/volunteer');
  await p.locator(`#vol-shift-${signup.id}`).waitFor();
  assert.equal(await p.locator('#vol-number').textContent(), volunteer.volunteer_no);
  assert.match(volunteer.volunteer_no, /^V\d{8}$/);
  assert.equal(await p.locator('#vol-total').textContent(), '0.0 小时');
  assert.equal(await p.locator('#vol-teams').textContent(), team.name);
  const row = p.locator(`#vol-shift-${signup.id}`);
  assert.match(await row.textContent(), new RegExp(`清理小广告.*${DAY} 14:00–16:00.*已报名.*还没有签到`));
  assert.equal(await p.locator('#vol-records-none').textContent(), '还没有服务记录。');

  const sent = posts(p, /\/check-(in|out)$/);
  await p.locator(`#vol-code-${signup.id}`).fill('12 34');
  await p.locator(`#vol-check-in-${signup.id}`).click();
  assert.equal(await p.locator(`#vol-code-error-${signup.id}`).textContent(), '请输入 6 位数字的签到码。');
  assert.deepEqual(sent, [], 'nothing sent for a code that is not six digits');
  const wrong = shift.code.slice(0, 5) + String((Number(shift.code[5]) + 1) % 10);
  await p.locator(`#vol-code-${signup.id}`).fill(wrong);
  await p.locator(`#vol-check-in-${signup.id}`).click();
  await p.locator(`#vol-code-error-${signup.id}`, { hasText: '签到码不对' }).waitFor();
  assert.equal(await p.locator(`#vol-code-error-${signup.id}`).textContent(), '签到码不对，请向现场负责人核对后再输入。');
  await assertAccessible(p, 'a wrong code');
  await p.locator(`#vol-code-${signup.id}`).fill(` ${shift.code.slice(0, 3)} ${shift.code.slice(3)} `);
  await p.locator(`#vol-check-in-${signup.id}`).click();
  await p.locator('#vol-status', { hasText: '已在「清理小广告」签到。' }).waitFor();
  assert.deepEqual(sent, [{ code: wrong }, { code: shift.code }]);
  assert.equal(await p.locator(`#vol-shift-${signup.id}`).getAttribute('data-stage'), 'in');
  assert.match(await p.locator(`#vol-shift-${signup.id}`).textContent(), new RegExp(`已签到.*${DAY} 13:\\d\\d 签到`));
  assert.ok(await p.locator(`#vol-check-out-${signup.id}`).isVisible(), 'now 签退');
  await assertAccessible(p, 'checked in');
  await shot(p, 'volunteer-self-checked-in', true);
  await p.close();
});

test('after the shift: the code checks him out; the record is there, 待确认, 3.0 hours; the total counts confirmed hours only', async () => {
  await srv.stop();
  srv.args.splice(srv.args.indexOf('--now'), 2);
  srv.args.push('--now', LATER);
  await srv.start();
  await browser.context.clock.setFixedTime(new Date(LATER));
  const p = await page('#/me/volunteer');
  await p.locator(`#vol-check-out-${signup.id}`).waitFor();
  await p.locator(`#vol-code-${signup.id}`).fill(shift.code);
  await p.locator(`#vol-check-out-${signup.id}`).click();
  await p.locator('#vol-status', { hasText: '已在「清理小广告」签退' }).waitFor();
  const mine = await call(w.person, 'GET', '/me/volunteer/records', undefined, 200);
  assert.equal(mine.items.length, 1);
  recordId = mine.items[0].id;
  assert.deepEqual([mine.items[0].minutes, mine.items[0].state, mine.items[0].source], [180, 'submitted', 'shift']);
  const rec = p.locator(`#vol-record-${recordId}`);
  assert.equal(await rec.getAttribute('data-state'), 'submitted');
  assert.match(await rec.textContent(), new RegExp(`${DAY} 清理小广告 ○ 待确认`));
  assert.match(await rec.textContent(), /生态园社区 · 生态园小区 3 号楼/);
  assert.match(await rec.textContent(), /3\.0 小时（180 分钟）/);
  assert.match(await p.locator(`#vol-shift-${signup.id}`).textContent(), /已签退.*计 3\.0 小时（180 分钟）/);
  assert.equal(await p.locator(`#vol-code-${signup.id}`).count(), 0, 'no code box after the check-out');
  assert.equal(await p.locator('#vol-total').textContent(), '0.0 小时', 'a submitted record is not counted');
  await p.close();
});

test('he disputes the record: an empty text stopped, then sent and 处理中; after the answer with a correction, 已确认 with the correction under it, 3.5 hours', async () => {
  const p = await page('#/me/volunteer');
  await p.locator(`#vol-dispute-open-${recordId}`).click();
  const sent = posts(p, /\/disputes$/);
  await p.locator(`#vol-dispute-send-${recordId}`).click();
  assert.equal(await p.locator(`#vol-dispute-error-${recordId}`).textContent(), '请写明异议的内容（1 到 500 字）。');
  assert.deepEqual(sent, [], 'nothing sent without a text');
  const text = '八点就到了，集合的半小时没有算进去。';
  await p.locator(`#vol-dispute-text-${recordId}`).fill(text);
  await p.locator(`#vol-dispute-send-${recordId}`).click();
  await p.locator('#vol-status', { hasText: '异议已提交' }).waitFor();
  assert.deepEqual(sent, [{ text }]);
  assert.match(await p.locator(`#vol-record-${recordId} .vol-dispute`).textContent(), new RegExp(`异议处理中.*${text}`));
  await assertAccessible(p, 'a dispute sent');
  await p.reload();
  await p.locator(`#vol-record-${recordId} .vol-dispute-open`).waitFor();
  assert.equal(await p.locator(`#vol-dispute-open-${recordId}`).count(), 0, 'one open dispute: not offered again');

  const disputes = await call(w.organiser.staff, 'GET', `/volunteer-disputes?organiser_org_id=${w.organiser.id}&state=open`, undefined, 200);
  const dispute = disputes.items.find((d) => d.record_id === recordId);
  assert.ok(dispute, 'the organiser sees the dispute');
  assert.equal((await call(w.organiser.staff, 'POST', `/volunteer-shifts/${shift.id}/confirm`, {}, 200)).confirmed, 1);
  await call(w.organiser.staff, 'POST', `/volunteer-disputes/${dispute.id}/answer`,
    { answer: '已核实，补记集合时间 30 分钟。', correction: { minutes: 30, reason: '集合时间未计入' } }, 200);
  await p.reload();
  const rec = p.locator(`#vol-record-${recordId}`);
  await rec.locator('.vol-dispute-answered').waitFor();
  assert.equal(await rec.getAttribute('data-state'), 'confirmed');
  assert.match(await rec.locator('.vol-record-head').textContent(), /● 已确认/);
  assert.match(await rec.locator('.vol-corrections').textContent(), /更正 增加 30 分钟：集合时间未计入/);
  assert.equal(await p.locator('#vol-records > li').count(), 1, 'the correction is under its record, not beside it');
  assert.equal(await p.locator('#vol-total').textContent(), '3.5 小时');
  await assertAccessible(p, 'a record corrected after a dispute');
  await shot(p, 'volunteer-self-records', true);
  await p.close();
});

test('a certificate request: an end after today stopped in the page, then sent with the team and the period', async () => {
  const p = await page('#/me/volunteer');
  await p.locator('#vol-request-form').waitFor();
  assert.equal(await p.locator('#vol-request-team option:checked').textContent(), team.name);
  const sent = posts(p, /\/me\/volunteer\/certificate-requests$/);
  await p.locator('#vol-request-from').fill('2026-12-01');
  await p.locator('#vol-request-to').fill('2026-12-31');
  await p.locator('#vol-request-send').click();
  assert.equal(await p.locator('#vol-request-to-error').textContent(), '结束日期不能晚于今天。');
  assert.deepEqual(sent, []);
  await p.locator('#vol-request-to').fill(DAY);
  await p.locator('#vol-request-send').click();
  await p.locator('#vol-request-status', { hasText: '申请已提交' }).waitFor();
  assert.deepEqual(sent, [{ team_id: team.id, from: '2026-12-01', to: DAY }]);
  assert.equal(await p.locator('#vol-request-status').textContent(), `申请已提交，${team.name} 审核后会为您出具证明。`);
  await p.close();
});

test('我的诉求 links 我的志愿服务 for a volunteer only; elder mode at 360 px keeps 20 px text and 60 px targets', async () => {
  const p = await page('#/me/appeals');
  await p.locator('#mine-volunteer a[href="#/me/volunteer"]').waitFor();
  await p.locator('#mine-volunteer a').click();
  await p.waitForURL((u) => u.hash === '#/me/volunteer');
  await p.close();

  const elder = await page('#/me/volunteer', { lang: 'zh-CN', elder: true });
  await elder.locator(`#vol-record-${recordId}`).waitFor();
  await elder.locator('#vol-request-form').waitFor();
  await assertElder(elder, 'my volunteering, elder mode');
  await assertAccessible(elder, 'my volunteering, elder mode');
  await shot(elder, 'volunteer-self-elder', true);
  await elder.close();

  await browser.context.clearCookies();
  const other = await page('#/signin?next=' + encodeURIComponent('#/me/appeals'));
  await signIn(other, RESIDENT);
  await other.waitForURL((u) => u.hash === '#/me/appeals');
  await other.locator('#my-appeals-none').waitFor();
  assert.equal(await other.locator('#mine-volunteer').count(), 0, 'no link for a resident who is no volunteer');
  await other.goto(srv.url + '/#/me/volunteer');
  await other.locator('#vol-none').waitFor();
  assert.equal(await other.locator('#vol-none').textContent(), '您的账号还没有登记为志愿者。');
  await assertAccessible(other, 'not a volunteer');
  await other.close();
});
