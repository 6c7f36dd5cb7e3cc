// The residents' free clinics (docs/clinics.md "Screens": web/screens/
// clinics.js, clinic.js) in real Chromium against a demo server, on sessions
// this test makes through the API (two slots of one place each; markup in
// the description and the filing number): the start page's tile 义诊 leads to
// the list (title, day and hours, place, departments, places left); a
// session's page shows the filing number, the doctors by department with
// their titles and licence numbers and the slots; signed out it sends the
// visitor to sign in and back; a resident who writes a health note cannot
// book before ticking the consent (nothing is sent), then books and sees the
// six-digit door code large, the note kept with the booking (the API's
// my-booking); on a full slot she joins the line and sees her place in it;
// elder mode at 360 px (20 px text, 60 px targets) with the booking form
// open, and English. Axe and the markup watch on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { assertClean, guardedPage, payload, watchContext } from './lib/xss.mjs';
import { bookCaller, DOCTORS, makeClinic } from './lib/clinics.mjs';

const RESIDENT = { username: 'clinic.resident', password: 'resident-pass-1', display_name: '张桂芳', phone: '13812340201', role: 'resident' };
const NOTE = '高血压十年，想问降压药';

let srv;
let admin;
let browser;
let session;   // two slots of one place, tomorrow
let roomy;     // another, with places, for elder mode and English
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, RESIDENT);
  session = await makeClinic(srv, admin, { description: `请带上医保卡。${payload(1)}`, filing_number: `备${payload(2)}` });
  roomy = await makeClinic(srv, admin, { title: '眼科义诊', daysAhead: 2, start_time: '14:00', slots: 3, places_per_slot: 5,
    doctors: [{ department: '眼科', name: '赵敏', title: '主治医师', licence_number: '330141100011111' }] });
  browser = await launch();
  await watchContext(browser.context);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function page(hash, settings = { lang: 'zh-CN' }) {
  const p = await guardedPage(browser.context);
  await p.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await p.goto(srv.url + '/' + hash);
  return p;
}

function posts(p) {
  const seen = [];
  p.on('request', (r) => { if (r.method() === 'POST' && /\/api\/v1\/clinic-slots\/\d+\/bookings$/.test(new URL(r.url()).pathname)) seen.push(r.postDataJSON()); });
  return seen;
}

test('signed out: the tile 义诊, the list, a session with its doctors by department; booking asks to sign in and comes back', async () => {
  await browser.context.clearCookies();
  const p = await page('#/');
  assert.equal(await p.locator('#home-clinics').textContent(), '社区义诊（免费看病预约）');
  await p.locator('#home-clinics').click();
  await p.locator('#clinic-list').waitFor();
  const id = session.activity.id;
  const row = p.locator(`.clinic-row[data-id="${id}"]`);
  assert.equal(await row.locator('.clinic-title').textContent(), session.activity.title);
  assert.match(await row.locator('.clinic-when').textContent(), /^\d{1,2}月\d{1,2}日 周[一二三四五六日] 09:00–10:00$/);
  assert.equal(await row.locator('.clinic-where').textContent(), '西关社区卫生服务站二楼');
  assert.equal(await row.locator('.clinic-departments').textContent(), '科室：中医科、口腔科');
  assert.equal(await row.locator('.clinic-places').textContent(), '还有 2 个名额');
  assert.equal(await p.locator('#clinic-free').textContent(), '义诊全程免费，不卖任何药品或产品。');
  await assertAccessible(p, 'the clinics list');
  await assertClean(p, 'the clinics list');
  await shot(p, 'clinics-list');

  await row.locator('.clinic-title').click();
  await p.locator('#clinic-slots').waitFor();
  assert.equal(await p.locator('h1').textContent(), session.activity.title);
  assert.equal(await p.locator('#clinic-filing').textContent(), session.filing_number, 'the filing number as text');
  // The doctors by department, in the order the departments come: 中医科 (two), 口腔科.
  const groups = await p.locator('.clinic-department').evaluateAll((els) => els.map((g) => [g.querySelector('h3').textContent,
    [...g.querySelectorAll('.clinic-doctor')].map((li) => li.textContent)]));
  assert.deepEqual(groups, [
    ['中医科', [`${DOCTORS[0].name} · ${DOCTORS[0].title} · 执业证号 ${DOCTORS[0].licence_number}`,
      `${DOCTORS[2].name} · ${DOCTORS[2].title} · 执业证号 ${DOCTORS[2].licence_number}`]],
    ['口腔科', [`${DOCTORS[1].name} · ${DOCTORS[1].title} · 执业证号 ${DOCTORS[1].licence_number}`]]]);
  assert.deepEqual(await p.locator('.clinic-slot-time').allTextContents(), ['09:00–09:30', '09:30–10:00']);
  assert.deepEqual(await p.locator('.clinic-slot-places').allTextContents(), ['还有 1 个名额', '还有 1 个名额']);
  assert.equal(await p.locator('button[id$="-book"]').count(), 0, 'no booking signed out');
  await assertAccessible(p, 'a clinic signed out');
  await assertClean(p, 'a clinic signed out');
  await shot(p, 'clinic-signed-out', true);

  await p.locator('#clinic-signin').click();
  await p.waitForURL((u) => u.hash.startsWith('#/signin'));
  await p.locator('#username').fill(RESIDENT.username);
  await p.locator('#password').fill(RESIDENT.password);
  await p.locator('#signin button[type="submit"]').click();
  await p.waitForURL((u) => u.hash === `#/clinics/${id}`);
  await p.locator('#clinic-slot-1-book').waitFor();
  await p.close();
});

test('a resident: a note without the consent is stopped before sending; ticked, the booking shows the door code and keeps the note', async () => {
  const p = await page(`#/clinics/${session.activity.id}`);
  const sent = posts(p);
  await p.locator('#clinic-slot-1-book').click();
  await p.locator('#clinic-book-form').waitFor();
  assert.equal(await p.locator('#clinic-book-name').textContent(), RESIDENT.display_name);
  assert.equal(await p.locator('#clinic-book-phone').textContent(), RESIDENT.phone);
  assert.equal(await p.evaluate(() => document.activeElement.id), 'clinic-book-title', 'the form takes the focus');
  await p.locator('#clinic-note').fill(NOTE);
  await p.locator('#clinic-book-send').click();
  await p.locator('#clinic-consent-error:not([hidden])').waitFor();
  assert.equal(await p.locator('#clinic-consent-error').textContent(), '写了情况说明，请勾选同意；不想让人看到就把说明清空。');
  assert.equal(await p.locator('#clinic-consent').getAttribute('aria-invalid'), 'true');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'clinic-consent');
  assert.deepEqual(sent, [], 'nothing sent without the consent');
  await assertAccessible(p, 'the booking refused without consent');
  await shot(p, 'clinic-consent-needed', true);

  await p.locator('#clinic-consent').check();
  await p.locator('#clinic-book-send').click();
  await p.locator('#clinic-answer[data-status="confirmed"]').waitFor();
  assert.deepEqual(sent, [{ health_note: NOTE, consent: true }]);
  const code = await p.locator('#clinic-code').textContent();
  assert.match(code, /^\d{6}$/);
  assert.equal(await p.locator('#clinic-answer h2').textContent(), `预约成功，号码 ${code}`);
  assert.ok(parseFloat(await p.locator('#clinic-code').evaluate((el) => getComputedStyle(el).fontSize)) >= 32, 'the code is large');
  assert.equal(await p.locator('#clinic-answer-note').textContent(), `您的说明：${NOTE}`);
  // The slot now says the booking, with where to change it; the places dropped.
  assert.equal(await p.locator('.clinic-slot[data-seq="1"] .clinic-slot-places').textContent(), '已满');
  assert.match(await p.locator('.clinic-slot[data-seq="1"] .clinic-mine').textContent(), /^预约成功，号码 \d{6}/);
  assert.equal(await p.locator('#clinic-change').getAttribute('href'), `#/activities/o/${session.slots[0].occurrence_id}`);
  assert.equal(await p.locator('#clinic-places').textContent(), '已预约 1 人，共 2 个名额');
  assert.doesNotMatch(await p.locator('main').textContent(), /false|undefined|null|NaN/);
  await assertAccessible(p, 'a clinic booked');
  await assertClean(p, 'a clinic booked');
  await shot(p, 'clinic-booked', true);
  // The server kept the note with the booking.
  const me = await srv.login(RESIDENT.username, RESIDENT.password);
  const mine = await srv.fetch(`/api/v1/clinic-slots/${session.slots[0].occurrence_id}/my-booking`, { token: me.token });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.health_note, NOTE);
  assert.equal(mine.body.signup.code, code);
  // Reloaded, the slot still says it (read from my sign-ups).
  await p.reload();
  await p.locator('#clinic-slot-1-mine').waitFor();
  assert.equal(await p.locator('#clinic-slot-1-book').count(), 0);
  assert.equal(await p.locator('#clinic-slot-1-note').textContent(), `您的说明：${NOTE}`);
  await p.close();
});

test('a full slot: she joins the line and sees her place in it', async () => {
  await bookCaller(srv, admin, session.slots[1].occurrence_id, { name: '李秀英', phone: '13912340001' });
  const p = await page(`#/clinics/${session.activity.id}`);
  await p.locator('#clinic-slot-2-book').waitFor();
  assert.equal(await p.locator('.clinic-slot[data-seq="2"] .clinic-slot-places').textContent(), '已满');
  assert.equal(await p.locator('#clinic-slot-2-book').textContent(), '已满，排队等候');
  await p.locator('#clinic-slot-2-book').click();
  await p.locator('#clinic-book-send').click();
  await p.locator('#clinic-answer[data-status="waiting"]').waitFor();
  assert.equal(await p.locator('#clinic-answer h2').textContent(), '名额已满，您在排队第 1 位');
  assert.equal(await p.locator('#clinic-code').count(), 0, 'no door code in line');
  assert.equal(await p.locator('.clinic-slot[data-seq="2"] .clinic-slot-places').textContent(), '已满，1 人排队');
  await assertAccessible(p, 'a clinic in line');
  await shot(p, 'clinic-waiting');
  await p.close();
});

test('elder mode at 360 px: the list and a session with the booking form open keep 20 px text and 60 px targets', async () => {
  const p = await page('#/clinics', { lang: 'zh-CN', elder: true });
  await p.setViewportSize({ width: 360, height: 740 });
  await p.locator(`.clinic-row[data-id="${roomy.activity.id}"]`).waitFor();
  await assertElder(p, 'the clinics list, elder mode');
  await assertAccessible(p, 'the clinics list, elder mode');
  await p.goto(srv.url + `/#/clinics/${roomy.activity.id}`);
  await p.locator('#clinic-slot-1-book').click();
  await p.locator('#clinic-note').fill('眼睛花，看不清字');
  await assertElder(p, 'a clinic with the booking form, elder mode');
  await assertAccessible(p, 'a clinic with the booking form, elder mode');
  assert.equal(await p.locator('#read-aloud').count(), 1, 'a read-aloud button');
  const consent = await p.locator('.clinic-consent').boundingBox();
  assert.ok(consent.height >= 60, `the consent row is ${consent.height}px high`);
  await shot(p, 'clinic-elder', true);
  await assertClean(p, 'a clinic, elder mode');
  await p.close();
});

test('English: the list and a session in English words', async () => {
  const p = await page(`#/clinics/${roomy.activity.id}`, { lang: 'en' });
  await p.locator('#clinic-slots').waitFor();
  assert.equal(await p.locator('#clinic-doctors-title').textContent(), 'Doctors');
  assert.equal(await p.locator('.clinic-doctor').first().textContent(), '赵敏 · 主治医师 · licence 330141100011111');
  assert.equal(await p.locator('.clinic-slot[data-seq="1"] .clinic-slot-places').textContent(), '5 places left');
  assert.equal(await p.locator('#clinic-slot-1-book').textContent(), 'Book this slot');
  await assertAccessible(p, 'a clinic in English');
  await p.goto(srv.url + '/#/clinics');
  await p.locator(`.clinic-row[data-id="${roomy.activity.id}"]`).waitFor();
  assert.equal(await p.locator('h1').textContent(), 'Free clinics');
  assert.equal(await p.locator(`.clinic-row[data-id="${roomy.activity.id}"] .clinic-departments`).textContent(), 'Departments: 眼科');
  await p.close();
});
