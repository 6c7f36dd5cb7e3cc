// A full day at the staff tablet (社区四点半课堂, docs/afterschool.md
// "Screens": web/screens/afterschool_desk.js, afterschool_day.js,
// js/afterschool_checkout.js) in real Chromium on the demo, the server's and
// the browser's clocks on a Monday at 18:10. Made through the API: a
// programme of 西关社区 at 交通路社区四点半课堂 (16:30–18:30) with 陈老师 on its
// staff and a volunteer whose background re-check is due; two mothers, each
// with a child enrolled, one of them naming 李奶奶 as a pickup adult (her
// code known to the test); a second, earlier programme (15:00–17:30) whose
// child is still here. At the tablet 陈老师 opens the desk from the
// workbench, the roster shows both children 未到 and the staffing short;
// one tap checks 王小明 in from school, 李小红 is checked in as brought by
// her mother (the name typed); 接走 for 王小明: a wrong code on the pad is
// refused in words (not the server's text), the right code lets him go —
// 已回家, with 李奶奶（奶奶）and how; a neighbour at the door for 李小红 is
// recorded, waits for a guardian, her mother's call is recorded and she
// goes home with the neighbour; the duty boxes are the roster's staff list
// (the volunteer's re-check flagged), saved they make the staffing met and
// start ticked when read again; the CSV link and print are there. A third
// mother's child goes home by phone and photo: only her active adults to
// choose (the revoked one named apart), one without a photo told to use the
// code, the child's own photo shown small beside, the grandfather's photo loaded, nothing sent before the face is
// compared, a stranger's phone refused, then his phone. The earlier programme's roster has its
// late alert on top, with the mother's phone. The organiser wenti sees the
// staff list with the re-check flagged, makes a programme (a missing capacity
// said by its field before anything is sent, the adults it needs said as
// typed) and sets its staff list (a colleague chosen by name, the teacher by
// number as 其他人). At the earlier programme five wrong
// codes stop the codes for the day, said in words with the phone way shown.
// The dashboard's figures equal GET /afterschool-counts. Axe on each;
// screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signedInPage } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { WENTI } from './lib/clinics.mjs';
import { checkIn, makeAdult, makeChild, makeProgramme, NOW, person, PHOTO, setStaff, TEACHER, TODAY, VOLUNTEER } from './lib/afterschool.mjs';

const MOTHER1 = { username: 'as.mother1', password: 'mother-pass-1', display_name: '王芳', phone: '13812340501', role: 'resident' };
const MOTHER2 = { username: 'as.mother2', password: 'mother-pass-2', display_name: '李娟', phone: '13812340502', role: 'resident' };
const MOTHER3 = { username: 'as.mother3', password: 'mother-pass-3', display_name: '赵敏', phone: '13812340503', role: 'resident' };
const MOTHER4 = { username: 'as.mother4', password: 'mother-pass-4', display_name: '孙丽', phone: '13812340504', role: 'resident' };

let srv;
let admin;
let teacher;
let browser;
let main;      // the programme of the day
let early;     // one that ended at 17:30
let ming;
let hong;
let gang;
let code;
let teacherId;
let hongMother;
before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  teacher = await person(srv, admin, TEACHER);
  teacherId = teacher.id;
  const volunteer = await person(srv, admin, VOLUNTEER);
  const m1 = await person(srv, admin, MOTHER1);
  const m2 = await person(srv, admin, MOTHER2);
  hongMother = m2.id;
  const m3 = await person(srv, admin, MOTHER3);
  main = await makeProgramme(srv, admin);
  early = await makeProgramme(srv, admin, { name: '交通路社区托管早班', start_time: '15:00', end_time: '17:30' });
  const staff = [{ user_id: teacher.id, role: 'staff', background_checked_on: '2026-03-01' },
    { user_id: volunteer.id, role: 'volunteer', background_checked_on: '2025-11-20' }];
  await setStaff(srv, admin, main.id, staff);
  await setStaff(srv, admin, early.id, staff);
  ming = await makeChild(srv, m1, { name: '王小明', health_notes: '花生过敏' }, main.id);
  hong = await makeChild(srv, m2, { name: '李小红', grade: '二年级' }, main.id);
  gang = await makeChild(srv, m3, { name: '赵小刚' }, early.id);
  ({ code } = await makeAdult(srv, m1, { name: '李奶奶', phone: '13912340001', child_ids: [ming.id] }));
  await checkIn(srv, teacher, early.id, gang.id);
  browser = await launch({ viewport: { width: 1024, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const signedIn = (who) => signedInPage(browser, srv.url, who);

const child = (page, c) => page.locator(`#as-child-${c.id}`);

test('a full day at the staff tablet: check-ins, a wrong code refused in words, the right code, gone home with whom', async () => {
  const page = await signedIn(TEACHER);
  await page.locator('#afterschool-desk-link').click();
  await page.locator(`#as-open-${main.id}`).waitFor();
  assert.equal(await page.locator('.as-programme').count(), 2, 'both programmes he staffs');
  assert.equal(await page.locator(`.as-programme[data-id="${main.id}"] .badge`).first().textContent(), '工作人员');
  await assertAccessible(page, 'the after-school desk');
  await page.locator(`#as-open-${main.id}`).click();
  await page.locator('#as-roster .as-child').first().waitFor();
  assert.deepEqual(await page.locator('#as-roster .as-child').evaluateAll((els) => els.map((e) => e.dataset.child)), [String(hong.id), String(ming.id)], 'by name');
  assert.equal(await child(page, ming).getAttribute('data-state'), 'expected');
  assert.equal(await page.locator(`#as-state-${ming.id}`).textContent(), '○ 未到');
  assert.match(await child(page, ming).locator('.as-health').textContent(), /花生过敏/);
  assert.match(await child(page, ming).locator('.as-guardians').textContent(), /王芳（母亲） 13812340501/);
  assert.equal(await page.locator('#as-staffing').getAttribute('data-met'), 'false', 'nobody on duty yet');
  assert.equal(await page.locator('#as-alerts').count(), 0, 'no alert on this programme');
  assert.equal(await page.locator('#as-csv').getAttribute('href'), `/api/v1/afterschool-programmes/${main.id}/roster.csv?date=${TODAY}`);
  await assertAccessible(page, 'the roster before anyone came');

  // One tap from school; brought by an adult with her name.
  await page.locator(`#as-in-school-${ming.id}`).click();
  await page.locator(`#as-child-${ming.id}[data-state="here"]`).waitFor();
  assert.equal(await page.locator('#as-day-status').textContent(), '王小明 已签到。');
  assert.equal(await child(page, ming).locator('.as-arrived').textContent(), '18:10 放学到达');
  await page.locator(`#as-in-adult-open-${hong.id}`).click();
  await page.locator(`#as-in-adult-${hong.id}`).fill('李娟');
  await page.locator(`#as-in-adult-go-${hong.id}`).click();
  await page.locator(`#as-child-${hong.id}[data-state="here"]`).waitFor();
  assert.equal(await child(page, hong).locator('.as-arrived').textContent(), '18:10 由 李娟 送来');
  assert.equal(await page.locator('#as-counts').textContent(), '共 2 人：未到 0，在这里 2，已回家 0。');

  // Going home: a wrong code on the pad, refused in words.
  await page.locator(`#as-out-open-${ming.id}`).click();
  await page.locator(`#as-checkout-${ming.id}`).waitFor();
  const wrong = code === '000000' ? '111111' : '000000';
  for (const d of wrong) await page.locator(`#as-checkout-${ming.id} .as-key[data-key="${d}"]`).click();
  assert.equal(await page.locator(`#as-code-${ming.id}`).inputValue(), wrong);
  await page.locator(`#as-code-go-${ming.id}`).click();
  const error = page.locator(`#as-out-error-${ming.id}`);
  await error.waitFor();
  assert.equal(await error.textContent(), '不能接走：这不是授权接这个孩子的人的取件码（输错了，或这位接送人已被撤销、已过期）。');
  assert.equal(await error.getAttribute('data-code'), 'pickup_refused');
  assert.equal(await child(page, ming).getAttribute('data-state'), 'here', 'still here');
  await assertAccessible(page, 'a wrong code refused');
  await shot(page, 'afterschool-wrong-code', true);

  // The right code, typed this time.
  await page.locator(`#as-code-${ming.id}`).fill(code);
  await page.locator(`#as-code-go-${ming.id}`).click();
  await page.locator(`#as-child-${ming.id}[data-state="gone"]`).waitFor();
  assert.equal(await page.locator('#as-day-status').textContent(), '王小明 已由 李奶奶（奶奶）接走。');
  assert.equal(await page.locator(`#as-state-${ming.id}`).textContent(), '✔ 已回家');
  assert.equal(await child(page, ming).locator('.as-gone').textContent(), '18:10 由 李奶奶（奶奶）接走（取件码）');
  assert.equal(await page.locator(`#as-out-open-${ming.id}`).count(), 0);

  // 李小红: a neighbour at the door, recorded; refused until her mother's call is recorded; then she goes.
  await page.locator(`#as-out-open-${hong.id}`).click();
  // Opening the way reads today's proxies (an audited read); its answer redraws the list above
  // the door form, which moves the form: wait for it before typing (under load it once arrived
  // mid-click and the click missed the button).
  const proxiesRead = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/children/${hong.id}/proxies`
    && r.request().method() === 'GET');
  await page.locator(`#as-way-proxy-${hong.id}`).click();
  await proxiesRead;
  await page.locator(`#as-door-name-${hong.id}`).fill('张阿姨');
  await page.locator(`#as-door-phone-${hong.id}`).fill('13812349999');
  await page.locator(`#as-door-relation-${hong.id}`).fill('邻居');
  await page.locator(`#as-door-save-${hong.id}`).click();
  const proxy = page.locator(`#as-proxy-box-${hong.id} .as-proxy[data-confirmed="false"]`);
  await proxy.waitFor();
  const proxyId = Number(await proxy.getAttribute('data-id'));
  assert.match(await proxy.textContent(), /张阿姨（邻居） 13812349999 · ⚠ 等家长确认/);
  // A guardian's call: the guardian chosen (the roster's guardians carry their user ids), the time.
  const childReads = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === `/api/v1/children/${hong.id}`) childReads.push(r.method()); });
  await page.locator(`#as-call-who-${proxyId} option`).first().waitFor({ state: 'attached' });
  assert.match(await page.locator(`#as-call-who-${proxyId}`).textContent(), /李娟（母亲）/);
  assert.equal(await page.locator(`#as-call-who-${proxyId}`).inputValue(), String(hongMother), 'her user id');
  await page.locator(`#as-call-at-${proxyId}`).fill('18:08');
  await page.locator(`#as-call-save-${proxyId}`).click();
  await page.locator(`#as-proxy-go-${proxyId}`).click();
  await page.locator(`#as-child-${hong.id}[data-state="gone"]`).waitFor();
  assert.equal(await child(page, hong).locator('.as-gone').textContent(), '18:10 由 张阿姨（邻居）接走（临时代接）');
  assert.deepEqual(childReads, [], "the child's view is not read for the guardians");

  // The duty: the roster's staff list, nobody ticked yet; 陈老师 and the volunteer (whose re-check is due: flagged, not counted).
  assert.deepEqual(await page.locator('#as-duty input:checked').count(), 0);
  assert.equal(await page.locator('.as-duty-row[data-due="true"]').count(), 1);
  assert.match(await page.locator('.as-duty-row[data-due="true"]').textContent(), /志愿者小周 · 志愿者 · ⚠ 需复查背景审查，不计入在岗/);
  await page.locator('#as-duty input').nth(0).check();
  await page.locator('#as-duty input').nth(1).check();
  await page.locator('#as-duty-save').click();
  await page.locator('#as-day-status', { hasText: '值班已保存。' }).waitFor();
  assert.match(await page.locator('#as-staffing').textContent(), /1 名成人在岗/);
  // Read again, the boxes start ticked for the day's duty adults (the roster's duty).
  await page.reload();
  await page.locator('#as-duty-form').waitFor();
  assert.equal(await page.locator('#as-duty input:checked').count(), 2);
  assert.doesNotMatch(await page.locator('main').textContent(), /undefined|null|NaN|\[object/);
  await assertAccessible(page, 'the roster after the day');
  await shot(page, 'afterschool-roster', true);
  // The print stylesheet leaves the roster and drops the tools.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#as-print').isVisible(), false);
  assert.equal(await child(page, ming).isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  // The CSV the link fetches, with the page's session.
  const csv = await page.evaluate(async (href) => { const r = await fetch(href); return { status: r.status, text: await r.text() }; },
    await page.locator('#as-csv').getAttribute('href'));
  assert.equal(csv.status, 200);
  assert.match(csv.text, /王小明/);
  await page.close();
});

test('the phone and the photo: the adult chosen from the active ones, the photo shown, the phone typed, the face compared', async () => {
  const m4 = await person(srv, admin, MOTHER4);
  const yu = await makeChild(srv, m4, { name: '孙小雨', photo: PHOTO }, main.id);
  assert.equal(yu.has_photo, true);
  const grandpa = await makeAdult(srv, m4, { name: '孙爷爷', relation: '爷爷', phone: '13912340002', photo: PHOTO, child_ids: [yu.id] });
  assert.equal(grandpa.adult.has_photo, true);
  await makeAdult(srv, m4, { name: '孙叔叔', relation: '叔叔', phone: '13912340003', child_ids: [yu.id] });
  const old = await makeAdult(srv, m4, { name: '孙阿姨', relation: '阿姨', phone: '13912340004', photo: PHOTO, child_ids: [yu.id] });
  const revoked = await srv.fetch(`/api/v1/my-pickup-adults/${old.adult.id}/revoke`, { method: 'POST', token: m4.token });
  assert.equal(revoked.status, 200, revoked.text);
  await checkIn(srv, teacher, main.id, yu.id);

  const page = await signedIn(TEACHER);
  await page.goto(srv.url + `/#/afterschool-desk/${main.id}`);
  await page.locator(`#as-out-open-${yu.id}`).click();
  await page.locator(`#as-way-phone-${yu.id}`).click();
  const pick = page.locator(`#as-adult-${yu.id}`);
  assert.deepEqual(await pick.locator('option').evaluateAll((os) => os.slice(1).map((o) => o.textContent)), ['孙叔叔（叔叔）', '孙爷爷（爷爷）'],
    'the active adults only');
  assert.equal(await page.locator(`#as-adults-inactive-${yu.id}`).textContent(), '已撤销或已过期，不能接走：孙阿姨（阿姨）');
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/check-outs')) posts.push(r.postDataJSON()); });
  // Nobody chosen; then an adult without a photo: use the code. Nothing sent.
  await page.locator(`#as-phone-go-${yu.id}`).click();
  assert.equal(await page.locator(`#as-out-error-${yu.id}`).textContent(), '请先选择来接的接送人，再对比照片。');
  assert.equal(await page.locator(`#as-child-photo-img-${yu.id}`).count(), 0, "the child's photo read only once an adult is chosen");
  await pick.selectOption({ label: '孙叔叔（叔叔）' });
  assert.equal(await page.locator(`#as-photo-none-${yu.id}`).textContent(), '这位接送人没有登记照片，不能用手机号核对，请用取件码。');
  // The child's own photo, small, beside the adult's (GET /children/{id}/photo, audited).
  const kid = page.locator(`#as-child-photo-img-${yu.id}`);
  await kid.waitFor();
  assert.equal(await kid.getAttribute('src'), `/api/v1/children/${yu.id}/photo`);
  assert.equal(await kid.getAttribute('alt'), '孩子 孙小雨 的照片');
  await page.waitForFunction((id) => document.querySelector(`#as-child-photo-img-${id}`)?.naturalWidth > 0, yu.id);
  assert.ok((await kid.boundingBox()).height <= 96, 'kept small');
  await page.locator(`#as-phone-go-${yu.id}`).click();
  assert.equal(await page.locator(`#as-out-error-${yu.id}`).textContent(), '这位接送人没有登记照片，不能用手机号核对，请用取件码。');
  // 孙爷爷: his photo (GET /pickup-adults/{id}/photo with the tablet's session), loaded.
  await pick.selectOption({ label: '孙爷爷（爷爷）' });
  const img = page.locator(`#as-photo-img-${yu.id}`);
  await img.waitFor();
  assert.equal(await img.getAttribute('src'), `/api/v1/pickup-adults/${grandpa.adult.id}/photo`);
  assert.equal(await img.getAttribute('alt'), '孙爷爷 的照片');
  await page.waitForFunction((id) => document.querySelector(`#as-photo-img-${id}`)?.naturalWidth > 0, yu.id);
  await page.locator(`#as-phone-${yu.id}`).fill('139 1234 0002');
  await page.locator(`#as-phone-go-${yu.id}`).click();
  assert.equal(await page.locator(`#as-out-error-${yu.id}`).textContent(), '请先当面对比照片，确认是本人后勾选。');
  assert.deepEqual(posts, [], 'nothing sent before the face was compared');
  await assertAccessible(page, 'the phone and photo check-out');
  await shot(page, 'afterschool-phone-photo', true);
  // A phone that is none of her adults': refused by the server, said in words.
  await page.locator(`#as-phone-${yu.id}`).fill('13700000000');
  await page.locator(`#as-seen-${yu.id}`).check();
  await page.locator(`#as-phone-go-${yu.id}`).click();
  await page.locator(`#as-out-error-${yu.id}[data-code="pickup_refused"]`).waitFor();
  assert.equal(await child(page, yu).getAttribute('data-state'), 'here');
  // His phone, the face compared: gone home with him.
  await page.locator(`#as-phone-${yu.id}`).fill('139 1234 0002');
  await page.locator(`#as-phone-go-${yu.id}`).click();
  await page.locator(`#as-child-${yu.id}[data-state="gone"]`).waitFor();
  assert.deepEqual(posts.at(-1), { child_id: yu.id, method: 'phone', phone: '13912340002', visual_check: true, pickup_adult_id: grandpa.adult.id });
  assert.equal(await page.locator('#as-day-status').textContent(), '孙小雨 已由 孙爷爷（爷爷）接走。');
  assert.equal(await child(page, yu).locator('.as-gone').textContent(), '18:10 由 孙爷爷（爷爷）接走（手机号和照片核对）');
  await page.close();
});

test('a late alert on top of the roster, with the mother to call', async () => {
  const page = await signedIn(TEACHER);
  await page.goto(srv.url + `/#/afterschool-desk/${early.id}`);
  await page.locator('#as-alerts').waitFor();
  assert.equal(await page.locator('#as-alerts h2').textContent(), '⚠ 1 个孩子超时未接');
  const alert = page.locator(`.as-alert[data-child="${gang.id}"]`);
  assert.match(await alert.textContent(), /赵小刚：\d\d:\d\d 起超时未接/);
  assert.equal(await alert.locator('a.as-tel').getAttribute('href'), 'tel:13812340503');
  // The alerts come before the roster.
  const order = await page.evaluate(() => {
    const a = document.querySelector('#as-alerts');
    const r = document.querySelector('#as-roster');
    return Boolean(a.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'the alerts on top');
  await assertAccessible(page, 'a late alert');
  await shot(page, 'afterschool-late', true);
  // Five wrong codes, then codes are refused for him today: said so, and the phone and photo way offered.
  await page.locator(`#as-out-open-${gang.id}`).click();
  for (let i = 1; i <= 6; i++) {
    await page.locator(`#as-code-${gang.id}`).fill(String(100000 + i));
    await page.locator(`#as-code-go-${gang.id}`).click();
    await page.locator(`#as-out-error-${gang.id}[data-code="${i <= 5 ? 'pickup_refused' : 'too_many_codes'}"]`).waitFor();
  }
  assert.equal(await page.locator(`#as-out-error-${gang.id}`).textContent(),
    '今天这个孩子的取件码已经错了 5 次，不能再用取件码。请用手机号并核对照片，或联系家长。');
  assert.equal(await page.locator(`#as-way-phone-${gang.id}`).getAttribute('aria-pressed'), 'true', 'the phone way shown');
  assert.equal(await page.locator(`#as-phone-form-${gang.id}`).isVisible(), true);
  await assertAccessible(page, 'too many codes');
  await page.close();
});

test("the organiser's part: wenti sees the staff list with the re-check flagged", async () => {
  const page = await signedIn(WENTI);
  await page.goto(srv.url + '/#/afterschool-desk');
  await page.locator(`#as-staff-show-${main.id}`).click();
  await page.locator(`#as-staff-${main.id} .as-staff`).first().waitFor();
  const due = page.locator(`#as-staff-${main.id} .as-staff[data-due="true"]`);
  assert.equal(await due.count(), 1);
  assert.match(await due.textContent(), /志愿者小周 · 志愿者 · 2025-11-20 审查 · ⚠ 需复查（2026-11-20 到期）/);
  assert.match(await page.locator(`#as-staff-due-${main.id}`).textContent(), /1 人的背景审查需要复查/);
  await assertAccessible(page, "the organiser's staff list");
  await page.close();
});

test("the organiser's new programme: checked before sending, created, then its staff list set with a background check", async () => {
  const page = await signedIn(WENTI);
  await page.goto(srv.url + '/#/afterschool-desk');
  await page.locator('#as-new').click();
  await page.locator('#as-p-name').fill('西关社区四点半课堂');
  await page.locator('#as-p-site-id').selectOption({ label: '交通路社区四点半课堂' });
  await page.locator('#as-p-term-start').fill('2026-09-01');
  await page.locator('#as-p-term-end').fill('2027-01-20');
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/afterschool-programmes') posts.push(r.postDataJSON()); });
  await page.locator('#as-p-save').click();
  await page.locator('[data-for="capacity"] .field-error').waitFor();
  assert.equal(await page.locator('[data-for="capacity"] .field-error').textContent(), '请填写 1 到 500 之间的整数。');
  assert.deepEqual(posts, [], 'nothing sent');
  await page.locator('#as-p-capacity').fill('40');
  assert.equal(await page.locator('#as-p-need').textContent(), '40 个孩子满员时需要 3 名成人在岗（25 人以内 2 名，之后每多 20 人加 1 名）。');
  await assertAccessible(page, 'the new programme form');
  await page.locator('#as-p-save').click();
  await page.locator('#as-desk-status', { hasText: '已创建「西关社区四点半课堂」。' }).waitFor();
  assert.equal(posts.length, 1);
  assert.deepEqual({ ...posts[0], site_id: typeof posts[0].site_id }, { name: '西关社区四点半课堂', site_id: 'number', weekdays: [1, 2, 3, 4, 5],
    start_time: '16:30', end_time: '18:30', capacity: 40, term_start: '2026-09-01', term_end: '2027-01-20', on_makeup_days: false,
    staffing: { min_adults: 2, base_children: 25, per_extra_children: 20 } });
  const made = page.locator('.as-programme', { hasText: '西关社区四点半课堂' });
  await made.waitFor();
  const id = Number(await made.getAttribute('data-id'));
  await page.locator(`#as-staff-show-${id}`).click();
  await page.locator(`#as-staff-edit-${id}`).click();
  await page.locator(`#as-staff-add-${id}`).click();
  // Her colleagues of 西关社区 by name (GET /organisations/{id}/members: no
  // numbers to type), and 其他人 by user number for the teacher from outside.
  const pick = page.locator(`#as-staff-${id}-0-user-id`);
  const names = await pick.locator('option').allTextContents();
  assert.ok(names.includes('任建平（工作人员）'), names.join('|'));
  assert.ok(!names.some((n) => /1\d{10}/.test(n)), 'no phone in the list');
  await pick.selectOption({ label: '任建平（工作人员）' });
  await page.locator(`#as-staff-${id}-0-background-checked-on`).fill('2026-09-01');
  await page.locator(`#as-staff-add-${id}`).click();
  assert.equal(await page.locator(`#as-staff-${id}-1-user-other`).isHidden(), true);
  await page.locator(`#as-staff-${id}-1-user-id`).selectOption('other');
  await page.locator(`#as-staff-${id}-1-user-other`).fill(String(teacherId));
  await page.locator(`#as-staff-${id}-1-background-checked-on`).fill('2026-09-01');
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && new URL(r.url()).pathname.endsWith('/staff')) puts.push(r.postDataJSON()); });
  await page.locator(`#as-staff-save-${id}`).click();
  await page.locator(`#as-staff-flash-${id}`).waitFor();
  assert.equal(puts.length, 1);
  assert.equal(puts[0].staff[1].user_id, teacherId);
  assert.equal(typeof puts[0].staff[0].user_id, 'number');
  assert.match(await page.locator(`#as-staff-${id} .as-staff`, { hasText: '陈老师' }).textContent(), /陈老师 · 工作人员 · 2026-09-01 审查 · 2027-09-01 前复查/);
  assert.match(await page.locator(`#as-staff-${id} .as-staff`, { hasText: '任建平' }).textContent(), /任建平 · 工作人员 · 2026-09-01 审查/);
  await page.close();
});

test('the dashboard: children enrolled and attending per site and late pickups this month, as the API counts them', async () => {
  const page = await signedIn(ADMIN);
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('main .screen[data-ready="1"]').waitFor();
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const month = TODAY.slice(0, 7);
  const counts = await srv.fetch(`/api/v1/afterschool-counts?month=${month}`, { token: admin.token });
  assert.equal(counts.status, 200, counts.text);
  assert.equal(await page.locator('#afterschool-title').textContent(), `四点半课堂（${month}）`);
  assert.equal(await page.locator('#afterschool-summary').textContent(),
    `已报名 ${counts.body.enrolled} 个孩子，本月来过 ${counts.body.attending} 个，超时接走 ${counts.body.late_pickups} 次`);
  const site = counts.body.sites.find((x) => x.site_name === '交通路社区四点半课堂');
  assert.ok(site, counts.text);
  const row = page.locator(`#afterschool-table tr[data-site="${site.site_id}"]`);
  for (const k of ['programmes', 'enrolled', 'attending', 'attendances', 'late_pickups']) {
    assert.equal(await row.locator(`td[data-figure="${k}"]`).textContent(), String(site[k]), k);
  }
  assert.ok(site.enrolled >= 3 && site.attending >= 3, 'the three children of this test at least (the demo may have more)');
  await assertAccessible(page, 'the dashboard with after-school care');
  await page.close();
});
