// A guardian on the phone (社区四点半课堂, docs/afterschool.md "Screens":
// web/screens/my_children.js, js/afterschool_child_form.js,
// js/afterschool_adults.js, js/afterschool_child_photo.js) in real Chromium at 360 px on the demo, the
// server's and the browser's clocks on a Monday at 18:10: signed out, the
// tile leads to sign in and back; 王芳 adds her son — the children's privacy
// notice shown, the form stopped by its own consent box until ticked
// (nothing sent) — and enrols him (places left, the programme's consent);
// she adds a pickup adult with a photo: the code is shown once, large, with
// "write it down"; after 我已记下 and a reload the adult is listed without
// it (nor does the API give it); 换新取件码 shows a new one once; she revokes
// the adult (asked once more) and the adult is 已撤销; she adds her son's
// photo (small on her page), changes it and removes it; a one-off proxy for
// today is recorded; once the teacher checks her son in at the earlier
// programme and its end is 30 minutes past, her page shows him 在这里 and the
// late alert; a neighbour the teacher recorded at the door waits for her and
// she confirms it in the app. Elder mode at 360 px (20 px text, 60 px targets). Axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { checkIn, makeProgramme, NOW, person, roster, setStaff, TEACHER } from './lib/afterschool.mjs';

const MOTHER = { username: 'as.guardian', password: 'guardian-pass-1', display_name: '王芳', phone: '13812340601', role: 'resident' };
const PHOTO = 'tests/browser/fixtures/pothole.png';

let srv;
let browser;
let main;
let early;
let teacher;
let mother;
let childId;
before(async () => {
  let admin;
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  teacher = await person(srv, admin, TEACHER);
  mother = await person(srv, admin, MOTHER);
  main = await makeProgramme(srv, admin);
  early = await makeProgramme(srv, admin, { name: '交通路社区托管早班', start_time: '15:00', end_time: '17:30' });
  await setStaff(srv, admin, early.id, [{ user_id: teacher.id, role: 'staff', background_checked_on: '2026-03-01' }]);
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

test('signed out: the tile 四点半课堂 asks to sign in and comes back; she adds her son (notice and its own consent) and enrols him', async () => {
  await browser.context.clearCookies();
  const p = await page('#/');
  assert.equal(await p.locator('#home-afterschool').textContent(), '四点半课堂（放学托管）');
  await p.locator('#home-afterschool').click();
  await p.locator('#kids-signin').click();
  await p.locator('#username').fill(MOTHER.username);
  await p.locator('#password').fill(MOTHER.password);
  await p.locator('#signin button[type="submit"]').click();
  await p.waitForURL((u) => u.hash === '#/my-children');
  await p.locator('#kids-none').waitFor();
  const sent = posts(p, /^\/api\/v1\/children$/);
  await p.locator('#kids-child-add').click();
  await p.locator('#kids-name').fill('王小明');
  await p.locator('#kids-school').fill('凤山路小学');
  await p.locator('#kids-grade').fill('三年级');
  await p.locator('#kids-birth-date').fill('2017-04-10');
  await p.locator('#kids-health-notes').fill('花生过敏');
  await p.locator('#kids-relation').fill('母亲');
  assert.equal(await p.locator('#kids-notice-title').textContent(), '儿童个人信息保护告知');
  assert.match(await p.locator('#kids-notice').textContent(), /只有孩子所在课堂的工作人员和孩子的监护人/);
  await p.locator('#kids-child-save').click();
  await p.locator('[data-for="consent"] .field-error').waitFor();
  assert.equal(await p.locator('[data-for="consent"] .field-error').textContent(), '请先阅读并勾选同意。');
  assert.deepEqual(sent, [], 'nothing sent without the consent');
  await assertAccessible(p, 'a child refused without the consent');
  await shot(p, 'afterschool-child-consent', true);
  await p.locator('#kids-consent').check();
  await p.locator('#kids-child-save').click();
  await p.locator('#kids-status', { hasText: '已添加 王小明。' }).waitFor();
  assert.deepEqual(sent, [{ name: '王小明', school: '凤山路小学', grade: '三年级', birth_date: '2017-04-10', health_notes: '花生过敏', relation: '母亲', consent: true }]);
  childId = Number(await p.locator('.kids-child').first().getAttribute('data-id'));
  await p.locator(`#kids-enrol-open-${childId}`).click();
  await p.locator(`#kids-enrol-pick-${childId}`).selectOption(String(main.id));
  assert.match(await p.locator(`#kids-enrol-pick-${childId} option[value="${main.id}"]`).textContent(), /还有 30 个名额/);
  await p.locator(`#kids-enrol-save-${childId}`).click();
  await p.locator(`#kids-enrol-${childId} .field-error`).waitFor();
  await p.locator(`#kids-enrol-consent-${childId}`).check();
  await p.locator(`#kids-enrol-save-${childId}`).click();
  await p.locator('#kids-status', { hasText: `已给 王小明 报名「${main.name}」。` }).waitFor();
  assert.match(await p.locator(`#kids-child-${childId}`).textContent(), new RegExp(`已报名： ${main.name}`));
  await assertAccessible(p, 'my children with one enrolled');
  await p.close();
});

test('a guardian adds a pickup adult: the code shown once, then the adult listed without it; a new code; revoked', async () => {
  const p = await page('#/my-children');
  await p.locator('#kids-adult-add').click();
  await p.locator('#kids-a-name').fill('李奶奶');
  await p.locator('#kids-a-relation').fill('奶奶');
  await p.locator('#kids-a-phone').fill('139 1234 0001');
  await p.locator('#kids-a-birth-date').fill('1958-03-02');
  await p.locator('#kids-a-photo').setInputFiles(PHOTO);
  await p.locator('#kids-a-photo-preview img').waitFor();
  assert.equal(await p.locator(`#kids-a-child-${childId}`).isChecked(), true, 'her only child ticked');
  const sent = posts(p, /^\/api\/v1\/my-pickup-adults$/);
  await p.locator('#kids-a-save').click();
  await p.locator('#kids-code').waitFor();
  const code = await p.locator('#kids-code-value').textContent();
  assert.match(code, /^\d{6}$/);
  assert.equal(sent.length, 1);
  assert.match(sent[0].photo, /^data:image\/jpeg;base64,/);
  assert.equal(sent[0].phone, '13912340001');
  assert.equal(await p.locator('#kids-code-title').textContent(), '李奶奶 的取件码');
  assert.equal(await p.locator('.as-code-warn').textContent(), '请马上写下来或直接告诉 TA：这个取件码只显示这一次，离开后就看不到了。');
  assert.ok(parseFloat(await p.locator('#kids-code-value').evaluate((el) => getComputedStyle(el).fontSize)) >= 40, 'the code is large');
  const adult = p.locator('.as-adult').first();
  const adultId = Number(await adult.getAttribute('data-id'));
  assert.match(await adult.textContent(), /李奶奶.*有效.*奶奶 · 13912340001.*可以接：王小明.*有照片/);
  assert.ok(!(await adult.textContent()).includes(code), 'the list never holds the code');
  await assertAccessible(p, 'a pickup code shown once');
  await shot(p, 'afterschool-code-once', true);
  await p.locator('#kids-code-done').click();
  assert.equal(await p.locator('#kids-code').count(), 0);
  assert.ok(!(await p.locator('main').textContent()).includes(code));
  await p.reload();
  await p.locator(`#kids-adult-${adultId}`).waitFor();
  assert.ok(!(await p.locator('main').textContent()).includes(code), 'not after a reload either');
  const listed = await srv.fetch('/api/v1/my-pickup-adults', { token: mother.token });
  assert.equal(listed.status, 200, listed.text);
  assert.ok(!listed.text.includes(code), 'nor in the API');

  // A new code: shown once; the old one dies (the server's rule).
  await p.locator(`#kids-adult-code-${adultId}`).click();
  await p.locator('#kids-code').waitFor();
  const fresh = await p.locator('#kids-code-value').textContent();
  assert.match(fresh, /^\d{6}$/);
  await p.locator('#kids-code-done').click();

  // Revoked, asked once more first.
  await p.locator(`#kids-adult-revoke-${adultId}`).click();
  assert.match(await p.locator(`#kids-adult-ask-${adultId}`).textContent(), /撤销后 李奶奶 的取件码立即作废/);
  await p.locator(`#kids-adult-revoke-yes-${adultId}`).click();
  await p.locator(`#kids-adult-${adultId}[data-state="revoked"]`).waitFor();
  assert.equal(await p.locator(`#kids-adult-${adultId} .badge`).textContent(), '已撤销');
  assert.equal(await p.locator(`#kids-adult-code-${adultId}`).count(), 0, 'no new code for a revoked adult');
  const after = (await srv.fetch('/api/v1/my-pickup-adults', { token: mother.token })).body.items.find((a) => a.id === adultId);
  assert.ok(after.revoked_at, 'revoked on the server');
  assert.equal(after.active, false);
  await assertAccessible(p, 'a pickup adult revoked');
  await p.close();
});

test("the child's photo: she adds it (made small in the page), sees it small, changes it and removes it", async () => {
  const p = await page('#/my-children');
  const box = p.locator(`#kids-photo-${childId}`);
  await box.waitFor();
  assert.equal(await box.getAttribute('data-has'), 'false');
  assert.equal(await p.locator(`#kids-photo-remove-${childId}`).count(), 0, 'nothing to remove yet');
  const sent = [];
  p.on('request', (r) => { if (r.method() === 'PUT' && new URL(r.url()).pathname === `/api/v1/children/${childId}`) sent.push(r.postDataJSON()); });
  await p.locator(`#kids-photo-file-${childId}`).setInputFiles(PHOTO);
  await p.locator('#kids-status', { hasText: '已添加 王小明 的照片。' }).waitFor();
  assert.equal(sent.length, 1);
  assert.match(sent[0].photo, /^data:image\/jpeg;base64,/);
  assert.deepEqual(Object.keys(sent[0]), ['photo']);
  const img = p.locator(`#kids-photo-img-${childId}`);
  await img.waitFor();
  assert.equal(await img.getAttribute('alt'), '王小明 的照片');
  await p.waitForFunction((id) => document.querySelector(`#kids-photo-img-${id}`)?.naturalWidth > 0, childId);
  assert.ok((await img.boundingBox()).height <= 96, 'kept small');
  assert.equal((await srv.fetch(`/api/v1/children/${childId}`, { token: mother.token })).body.has_photo, true);
  await assertAccessible(p, "a child's photo");
  // Changed: a new photo sent the same way.
  await p.locator(`#kids-photo-file-${childId}`).setInputFiles(PHOTO);
  await p.locator('#kids-status', { hasText: '已更换 王小明 的照片。' }).waitFor();
  assert.equal(sent.length, 2);
  // Removed: photo null.
  await p.locator(`#kids-photo-remove-${childId}`).click();
  await p.locator('#kids-status', { hasText: '已删除 王小明 的照片。' }).waitFor();
  assert.deepEqual(sent[2], { photo: null });
  assert.equal(await p.locator(`#kids-photo-${childId}`).getAttribute('data-has'), 'false');
  assert.equal((await srv.fetch(`/api/v1/children/${childId}`, { token: mother.token })).body.has_photo, false);
  await p.close();
});

test('a one-off proxy for today; checked in at the earlier programme, she sees him here and the late alert; she confirms a proxy the teacher recorded', async () => {
  const p = await page('#/my-children');
  await p.locator(`#kids-proxy-open-${childId}`).click();
  await p.locator(`#kids-proxy-name-${childId}`).fill('张阿姨');
  await p.locator(`#kids-proxy-phone-${childId}`).fill('13812349999');
  await p.locator(`#kids-proxy-relation-${childId}`).fill('邻居');
  await p.locator(`#kids-proxy-save-${childId}`).click();
  await p.locator('#kids-status', { hasText: '已登记：今天由 张阿姨 接 王小明。' }).waitFor();
  // Enrolled at the earlier programme too, checked in there; its roster read raises the alert.
  const enrol = await srv.fetch(`/api/v1/children/${childId}/enrolments`, { method: 'POST', token: mother.token, json: { programme_id: early.id, consent: true } });
  assert.equal(enrol.status, 201, enrol.text);
  await checkIn(srv, teacher, early.id, childId);
  const r = await roster(srv, teacher, early.id);
  assert.equal(r.alerts.length, 1, JSON.stringify(r.alerts));
  await p.reload();
  const late = p.locator(`#kids-late-${childId}-${early.id}`);
  await late.waitFor();
  assert.equal(await late.textContent(), '⚠ 王小明 已超过放学托管时间 30 分钟还没有被接走，请尽快来接或联系课堂。');
  assert.equal(await p.locator(`#kids-state-${childId}-${early.id}`).textContent(), '● 在这里');
  assert.equal(await p.locator(`.kids-day[data-programme="${early.id}"] .kids-day-name`).textContent(), `${early.name} ● 在这里`, 'named by today[i].programme_name');
  assert.match(await p.locator(`.kids-day[data-programme="${early.id}"] .as-arrived`).textContent(), /^\d\d:\d\d 放学到达$/);
  assert.doesNotMatch(await p.locator('main').textContent(), /undefined|null|NaN|\[object/);
  await assertAccessible(p, 'my children with a late alert');
  await shot(p, 'afterschool-late-guardian', true);
  // The teacher records a neighbour at the door; she sees it waiting and confirms it in the app.
  const atDoor = await srv.fetch(`/api/v1/children/${childId}/proxies`, { method: 'POST', token: teacher.token,
    json: { name: '赵红梅', phone: '13812348888', relation: '邻居' } });
  assert.equal(atDoor.status, 201, atDoor.text);
  await p.reload();
  const waiting = p.locator(`.kids-proxy-item[data-id="${atDoor.body.id}"]`);
  await waiting.waitFor();
  assert.equal(await waiting.getAttribute('data-confirmed'), 'false');
  assert.match(await waiting.textContent(), /课堂登记了 赵红梅 来接孩子。是您请的人吗？/);
  await assertAccessible(p, 'a proxy waiting for her');
  await p.locator(`#kids-proxy-confirm-${atDoor.body.id}`).click();
  await p.locator('#kids-status', { hasText: '已确认由 赵红梅 接 王小明。' }).waitFor();
  assert.equal(await p.locator(`.kids-proxy-item[data-id="${atDoor.body.id}"]`).getAttribute('data-confirmed'), 'true');
  const proxies = await srv.fetch(`/api/v1/children/${childId}/proxies`, { token: mother.token });
  const confirmed = proxies.body.items.find((x) => x.id === atDoor.body.id);
  assert.deepEqual([confirmed.confirmed, confirmed.confirm_channel], [true, 'app']);
  await p.close();
});

test('elder mode at 360 px: my children with the child form open keeps 20 px text and 60 px targets', async () => {
  const p = await page('#/my-children', { lang: 'zh-CN', elder: true });
  await p.setViewportSize({ width: 360, height: 740 });
  await p.locator('.kids-child').first().waitFor();
  await p.locator('#kids-child-add').click();
  await assertElder(p, 'my children, elder mode');
  await assertAccessible(p, 'my children, elder mode');
  await shot(p, 'afterschool-elder', true);
  await p.close();
});
