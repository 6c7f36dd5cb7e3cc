// The free clinics' desk (docs/clinics.md "Screens": web/screens/
// clinic_desk.js, js/dash_clinics.js) in real Chromium against a demo
// server: 西关社区's organiser staff wenti opens the desk from the staff
// start page and makes a session at an address — the slots it makes shown
// as they are typed, a bad licence number said by its doctor's row before
// anything is sent, a row added and removed, one POST for a double click;
// one at 凤山公园 whose last slot is past the park's closing is listed as
// 场馆未开放 and created without it by 跳过冲突时段并创建; on the session's desk a
// caller is booked by phone — a note without the consent given on the
// phone stopped in the page, then with it the door code said — and the
// slot's bookings show her health note; a second booking of the same phone
// is refused in words; the filing number and doctors edited (the rows as
// they are, a bad licence said by its row, one PUT); an admin reads the bookings without any health note
// (told why) and the dashboard's 义诊名额使用 equals GET /clinic-counts; a
// resident is turned away from the desk. Axe on each; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { districtDay, WENTI } from './lib/clinics.mjs';

const TITLE = '社区义诊：中医、眼科';
const PARK = '凤山公园义诊';
const NOTE = '糖尿病五年，想问饮食';
const RESIDENT = { username: 'clinicdesk.resident', password: 'resident-pass-1', display_name: '王芳', phone: '13812340301', role: 'resident' };

let srv;
let admin;
let browser;
let sessionId;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, RESIDENT);
  browser = await launch({ viewport: { width: 1100, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who, hash) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('#me-name').waitFor();
  if (hash) await page.goto(srv.url + '/' + hash);
  return page;
}

function watch(page, re) {
  const seen = [];
  page.on('request', (r) => { if (r.method() === 'POST' && re.test(new URL(r.url()).pathname)) seen.push(r.postDataJSON()); });
  return seen;
}

async function held(page, re) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route((url) => re.test(url.pathname), async (route) => { await gate; await route.continue(); });
  return release;
}

async function fillDoctor(page, i, d) {
  await page.locator(`#clinic-doctor-${i}-department`).fill(d[0]);
  await page.locator(`#clinic-doctor-${i}-name`).fill(d[1]);
  await page.locator(`#clinic-doctor-${i}-title`).fill(d[2]);
  await page.locator(`#clinic-doctor-${i}-licence-number`).fill(d[3]);
}

test('wenti makes a session at an address: the slots shown as typed, a bad licence said by its row, rows added and removed, one POST', async () => {
  const page = await signedIn(WENTI);
  await page.locator('#clinic-desk-link').click();
  await page.locator('#clinic-list').waitFor();
  await assertAccessible(page, 'the clinic desk');
  await page.locator('#clinic-new').click();
  await page.locator('#clinic-title').fill(TITLE);
  await page.locator('#clinic-place-address').check();
  await page.locator('#clinic-address').fill('西关社区卫生服务站');
  await page.locator('#clinic-filing-number').fill('吕卫义诊备字〔2026〕31号');
  await page.locator('#clinic-date').fill(districtDay(2));
  await page.locator('#clinic-start-time').fill('22:00');
  await page.locator('#clinic-slot-minutes').fill('30');
  await page.locator('#clinic-slots').fill('5');
  await page.locator('#clinic-places-per-slot').fill('2');
  // Past midnight: said as typed, and again by the field when saved.
  assert.equal(await page.locator('#clinic-plan').textContent(), '最后一个时段超过了当天 24:00，请减少时段或提早开始。');
  await page.locator('#clinic-start-time').fill('14:00');
  await page.locator('#clinic-slot-minutes').fill('20');
  await page.locator('#clinic-slots').fill('3');
  assert.equal(await page.locator('#clinic-plan').textContent(), '共 3 个时段，14:00 开始，15:00 结束。');
  // Doctors: one row to start with (it cannot be removed), two added, one of them removed.
  assert.equal(await page.locator('#clinic-doctor-0-remove').isVisible(), false);
  await fillDoctor(page, 0, ['中医科', '王建国', '主任医师', '110141100012345']);
  await page.locator('#clinic-doctor-add').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'clinic-doctor-1-department');
  await fillDoctor(page, 1, ['口腔科', '刘洋', '主治医师', 'A-1']);
  await page.locator('#clinic-doctor-add').click();
  await fillDoctor(page, 2, ['眼科', '赵敏', '主治医师', '12']);
  await page.locator('#clinic-doctor-1-remove').click();
  assert.equal(await page.locator('.clinic-doctor-row').count(), 2);
  assert.equal(await page.locator('#clinic-doctor-1-name').inputValue(), '赵敏', 'the rows renumbered');
  const posts = watch(page, /^\/api\/v1\/clinic-sessions$/);
  await page.locator('#clinic-save').click();
  await page.locator('[data-for="doctors[1].licence_number"] .field-error').waitFor();
  assert.equal(await page.locator('[data-for="doctors[1].licence_number"] .field-error').textContent(), '执业证号是 6 到 30 位数字、英文字母或“-”。');
  assert.equal(await page.locator('#clinic-doctor-1-licence-number').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'clinic-doctor-1-licence-number');
  assert.deepEqual(posts, [], 'nothing sent');
  await shot(page, 'clinic-desk-form', true);
  await page.locator('#clinic-doctor-1-licence-number').fill('330141100011111');
  await assertAccessible(page, 'the new clinic form');
  const release = await held(page, /^\/api\/v1\/clinic-sessions$/);
  await page.locator('#clinic-save').dblclick();  // one session, not two
  await page.waitForFunction(() => document.querySelector('#clinic-form')?.getAttribute('aria-busy') === 'true');
  release();
  await page.locator('#clinic-status', { hasText: `已发布「${TITLE}」，共 3 个时段。` }).waitFor();
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0], {
    title: TITLE, description: '', address: '西关社区卫生服务站', filing_number: '吕卫义诊备字〔2026〕31号', date: districtDay(2),
    start_time: '14:00', slot_minutes: 20, slots: 3, places_per_slot: 2,
    doctors: [{ department: '中医科', name: '王建国', title: '主任医师', licence_number: '110141100012345' },
      { department: '眼科', name: '赵敏', title: '主治医师', licence_number: '330141100011111' }],
  });
  const item = page.locator('#clinic-list li.clinic-item', { hasText: TITLE });
  await item.waitFor();
  sessionId = Number(await item.getAttribute('data-id'));
  assert.match(await item.textContent(), /已约 0 \/ 6/);
  assert.doesNotMatch(await page.locator('main').textContent(), /false|undefined|null|NaN/);
  await page.close();
});

test('at 凤山公园: a slot past its closing is listed in words, then skipped and the rest created', async () => {
  const page = await signedIn(WENTI, '#/clinic-desk');
  await page.locator('#clinic-new').click();
  await page.locator('#clinic-title').fill(PARK);
  await page.locator('#clinic-place-venue').check();
  await page.locator('#clinic-venue-id').selectOption({ label: '凤山公园' });
  await page.locator('#clinic-filing-number').fill('吕卫义诊备字〔2026〕32号');
  const day = districtDay(3);
  await page.locator('#clinic-date').fill(day);
  // 凤山公园 is open 05:30–22:00: the third slot (22:00–22:30) is not.
  await page.locator('#clinic-start-time').fill('21:00');
  await page.locator('#clinic-slot-minutes').fill('30');
  await page.locator('#clinic-slots').fill('3');
  await page.locator('#clinic-places-per-slot').fill('4');
  await fillDoctor(page, 0, ['全科', '孙莉', '主治医师', '440141100022222']);
  await page.locator('#clinic-save').click();
  await page.locator('#clinic-clash').waitFor();
  assert.deepEqual(await page.locator('#clinic-clash-list li').allTextContents(), [`${day}：场馆未开放`]);
  await assertAccessible(page, 'a clinic clash');
  const posts = watch(page, /^\/api\/v1\/clinic-sessions$/);
  await page.locator('#clinic-clash-skip').click();
  await page.locator('#clinic-status', { hasText: `已发布「${PARK}」，共 2 个时段。` }).waitFor();
  assert.match(await page.locator('#clinic-status').textContent(), /跳过了 1 个冲突时段/);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].skip_clashes, true);
  const made = await srv.fetch(`/api/v1/clinic-sessions/${Number(await page.locator('#clinic-list li.clinic-item', { hasText: PARK }).getAttribute('data-id'))}`);
  assert.equal(made.status, 200, made.text);
  assert.deepEqual(made.body.slots.map((x) => x.status === 'scheduled'), [true, true]);
  await page.close();
});

test("the session's desk: a caller booked by phone (consent asked first), her note in the slot's bookings, a second booking refused", async () => {
  const page = await signedIn(WENTI, `#/clinic-desk/${sessionId}`);
  await page.locator('#clinic-phone-form').waitFor();
  assert.equal(await page.locator('.clinic-desk-slot').count(), 3);
  const posts = watch(page, /^\/api\/v1\/clinic-slots\/\d+\/bookings$/);
  await page.locator('#clinic-phone-name').fill('张桂兰');
  await page.locator('#clinic-phone-phone').fill('139 1234 5678');
  await page.locator('#clinic-phone-note').fill(NOTE);
  await page.locator('#clinic-phone-save').click();
  await page.locator('[data-for="consent"] .field-error').waitFor();
  assert.equal(await page.locator('[data-for="consent"] .field-error').textContent(), '写了健康说明，须来电人在电话里同意后勾选。');
  assert.deepEqual(posts, []);
  await page.locator('#clinic-phone-consent').check();
  await page.locator('#clinic-phone-save').click();
  await page.locator('#clinic-desk-status', { hasText: '已为 张桂兰 预约' }).waitFor();
  assert.match(await page.locator('#clinic-desk-status').textContent(), /^已为 张桂兰 预约：预约成功，号码 \d{6}$/);
  assert.deepEqual(posts, [{ name: '张桂兰', phone: '13912345678', health_note: NOTE, consent: true }]);
  assert.equal(await page.locator('#clinic-phone-name').inputValue(), '', 'the form emptied for the next call');
  assert.match(await page.locator('.clinic-desk-slot[data-seq="1"] .clinic-slot-places').textContent(), /已约 1 \/ 2/);
  await page.locator('#clinic-slot-1-show').click();
  const booking = page.locator('#clinic-bookings-1 .clinic-booking');
  await booking.waitFor();
  assert.equal(await booking.locator('.clinic-booking-name').textContent(), '张桂兰');
  assert.equal(await booking.locator('.clinic-health-note').textContent(), `健康说明 ${NOTE}`);
  assert.equal(await page.locator('#clinic-slot-1-door').getAttribute('href'),
    `#/staff/activity-occurrences/${await page.locator('.clinic-desk-slot[data-seq="1"]').getAttribute('data-occurrence')}`);
  assert.doesNotMatch(await page.locator('main').textContent(), /false|undefined|null|NaN/);
  await assertAccessible(page, "a session's desk with its bookings");
  await shot(page, 'clinic-desk-session', true);
  // The same phone on the same slot again: refused in words, nothing lost from the form.
  await page.locator('#clinic-phone-name').fill('张桂兰');
  await page.locator('#clinic-phone-phone').fill('13912345678');
  await page.locator('#clinic-phone-save').click();
  await page.locator('#clinic-phone-errors .error', { hasText: '这个手机号已经预约了这个时段。' }).waitFor();
  assert.equal(await page.locator('#clinic-phone-name').inputValue(), '张桂兰');
  await page.close();
});

test("the session's filing number and doctors edited: the rows start as they are, a bad licence said by its row, one PUT", async () => {
  const page = await signedIn(WENTI, `#/clinic-desk/${sessionId}`);
  await page.locator('#clinic-edit').click();
  await page.locator('#clinic-edit-form').waitFor();
  const before = (await srv.fetch(`/api/v1/clinic-sessions/${sessionId}`)).body;
  assert.equal(await page.locator('#clinic-edit-filing').inputValue(), before.filing_number);
  assert.equal(await page.locator('#clinic-edit-form .clinic-doctor-row').count(), before.doctors.length);
  assert.equal(await page.locator('#clinic-doctor-0-name').inputValue(), before.doctors[0].name);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && /^\/api\/v1\/clinic-sessions\/\d+$/.test(new URL(r.url()).pathname)) puts.push(r.postDataJSON()); });
  await page.locator('#clinic-edit-filing').fill('离卫义诊备〔2026〕99号');
  await page.locator('#clinic-doctor-add').click();
  const n = before.doctors.length;
  await page.locator(`#clinic-doctor-${n}-department`).fill('眼科');
  await page.locator(`#clinic-doctor-${n}-name`).fill('郝静');
  await page.locator(`#clinic-doctor-${n}-title`).fill('主治医师');
  await page.locator(`#clinic-doctor-${n}-licence-number`).fill('12');
  await page.locator('#clinic-edit-save').click();
  await page.locator(`[data-for="doctors[${n}].licence_number"] .field-error`).waitFor();
  assert.deepEqual(puts, [], 'nothing sent with a bad licence number');
  await page.locator(`#clinic-doctor-${n}-licence-number`).fill('YK-000123');
  await page.locator('#clinic-edit-save').dblclick();
  await page.locator('#clinic-desk-status', { hasText: '备案号和医生已保存。' }).waitFor();
  assert.equal(puts.length, 1, 'one PUT for a double click');
  const after = (await srv.fetch(`/api/v1/clinic-sessions/${sessionId}`)).body;
  assert.equal(after.filing_number, '离卫义诊备〔2026〕99号');
  assert.deepEqual(after.doctors.at(-1), { department: '眼科', name: '郝静', title: '主治医师', licence_number: 'YK-000123' });
  assert.equal(after.doctors.length, n + 1);
  assert.match(await page.locator('#clinic-desk-facts').textContent(), /备案号 离卫义诊备〔2026〕99号/);
  assert.equal(await page.locator('#clinic-activity-link').getAttribute('href'), `#/staff/activities/${sessionId}`);
  await assertAccessible(page, "a session's filing number and doctors edited");
  await page.close();
});

test('an admin reads the bookings without any health note; the dashboard shows 义诊名额使用 as the API counts it', async () => {
  const page = await signedIn(ADMIN, `#/clinic-desk/${sessionId}`);
  await page.locator('#clinic-slot-1-show').click();
  await page.locator('#clinic-bookings-1 .clinic-booking').waitFor();
  assert.equal(await page.locator('#clinic-notes-hidden-1').textContent(), '健康说明只给主办单位的义诊工作人员看，管理员看不到。');
  assert.equal(await page.locator('.clinic-health-note').count(), 0);
  assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(NOTE));
  await assertAccessible(page, "a session's desk, admin");
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('main .screen[data-ready="1"]').waitFor();
  const month = districtDay(0).slice(0, 7);
  const counts = await srv.fetch(`/api/v1/clinic-counts?month=${month}`, { token: admin.token });
  assert.equal(counts.status, 200, counts.text);
  assert.equal(await page.locator('#clinics-title').textContent(), `义诊名额使用（${month}）`);
  assert.equal(await page.locator('#clinics-used').textContent(),
    `已用 ${counts.body.places_used} / 共 ${counts.body.places} 个名额（${(counts.body.used_permille / 10).toFixed(1)}%）`);
  for (const k of ['sessions', 'slots', 'places', 'places_used', 'attended']) {
    assert.equal(await page.locator(`#clinics-${k.replace(/_/g, '-')}`).textContent(), String(counts.body[k]), k);
  }
  await assertAccessible(page, 'the dashboard with the clinics');
  await page.close();
});

test('a resident is turned away from the desk', async () => {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/clinic-desk'));
  await page.locator('#username').fill(RESIDENT.username);
  await page.locator('#password').fill(RESIDENT.password);
  await page.locator('#signin button[type="submit"]').click();
  await page.locator('#clinic-forbidden').waitFor();
  assert.equal(await page.locator('#clinic-new').count(), 0);
  await assertAccessible(page, 'the clinic desk, resident');
  await page.close();
});
