// The organisers' activity screens (issue 18, service 8: web/screens/
// activity_desk.js, activity_edit.js, activity_door.js, js/dash_activities.js)
// in real Chromium on the demo, the server's and the browser's clock on a
// Monday at 10:00: 西关社区's organiser wenti creates a weekly series at an
// address with its end given as an end time (a double click, its request held
// in flight, sends one POST), then one at 凤山公园 — an evening past its
// closing is listed as 场馆未开放, a monthly series on the demo's 太极拳
// mornings as 与「…」冲突, and 跳过冲突日期并创建 creates the other date; on the series' page one date's capacity
// is edited and another date cancelled with a note; on the first date's door
// list a caller is signed up by phone and checked in by the code the screen
// said (Enter submits), another caller's sign-up cancelled with its confirm
// step; on a demo date in the past a confirmed person is
// marked 未到 and the mark cleared; the dashboard shows this month's activity
// figures as the API counts them. Axe on each; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const WENTI = { username: 'wenti', password: 'demo-worker-2026' };
// A Monday, mid-month (the dashboard's month is June on both clocks).
const NOW = '2026-06-15T10:00:00+08:00';
const SERIES = '太极扇晨练';
const PARK_CLASS = '八段锦练习';

let srv;
let browser;
let seriesId;
before(async () => {
  ({ srv } = await startDemoServer({ now: NOW }));
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
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

// Holds the page's requests whose path matches `re` until release().
async function held(page, re) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route((url) => re.test(url.pathname), async (route) => { await gate; await route.continue(); });
  return release;
}

function watch(page, method, re) {
  const seen = [];
  page.on('request', (r) => { if (r.method() === method && re.test(new URL(r.url()).pathname)) seen.push(r.postDataJSON()); });
  return seen;
}

test('the staff start page links the desk; wenti creates a weekly series at an address, one POST for a double click', async () => {
  const page = await signedIn(WENTI);
  await page.locator('#act-desk-link').click();
  await page.locator('#act-list-title').waitFor();
  await assertAccessible(page, 'activity desk');
  await page.locator('#act-new').click();
  await page.locator('#act-title').fill(SERIES);
  await page.locator('#act-description').fill('木兰扇入门，扇子由社区提供。');
  await page.locator('#act-place-address').check();
  await page.locator('#act-address').fill('西关社区居委会门前广场');
  await page.locator('#act-community-id').selectOption({ index: 1 });
  await page.locator('#act-capacity').fill('12');
  await page.locator('#act-first-date').fill('2026-06-15');
  await page.locator('#act-start-time').fill('11:00');
  await page.locator('#act-length-by-end').check();
  // An end before the start is said before anything is sent.
  const posts = watch(page, 'POST', /^\/api\/v1\/activities$/);
  await page.locator('#act-end-time').fill('10:30');
  await page.locator('#act-save').click();
  await page.locator('[data-for="duration_minutes"] .field-error', { hasText: '结束时间要晚于开始时间' }).waitFor();
  assert.deepEqual(posts, []);
  await page.locator('#act-end-time').fill('12:15');
  await page.locator('#act-repeat-weekly').check();
  await page.locator('#act-repeat-end-count').check();
  await page.locator('#act-repeat-count').fill('4');
  await assertAccessible(page, 'activity form');
  await shot(page, 'activity-desk-form', true);
  const release = await held(page, /^\/api\/v1\/activities$/);
  await page.locator('#act-save').dblclick();  // one activity, not two
  await page.waitForFunction(() => document.querySelector('#act-form')?.getAttribute('aria-busy') === 'true');
  assert.equal(await page.locator('#act-save').isDisabled(), true);
  release();
  await page.locator('#act-status', { hasText: `已创建「${SERIES}」，共 4 个日期` }).waitFor();
  assert.equal(posts.length, 1);
  assert.equal(posts[0].duration_minutes, 75);
  assert.equal(posts[0].repeat_count, 4);
  const item = page.locator('#act-list li.act-item', { hasText: SERIES });
  await item.waitFor();
  seriesId = Number(await item.getAttribute('data-activity'));
  assert.match(await item.textContent(), /每周一次，共 4 次/);
  assert.doesNotMatch(await page.locator('main').textContent(), /false|undefined|null/);
  const wenti = await srv.login(WENTI.username, WENTI.password);
  const mine = (await srv.fetch('/api/v1/organiser-activities?status=active', { token: wenti.token })).body.items;
  assert.equal(mine.filter((a) => a.title === SERIES).length, 1);
  await page.close();
});

test('at a venue: a date when it is closed and dates it is booked are listed in words, then skipped and created', async () => {
  const page = await signedIn(WENTI, '#/staff/activities');
  await page.locator('#act-new').click();
  await page.locator('#act-title').fill(PARK_CLASS);
  await page.locator('#act-place-venue').check();
  await page.locator('#act-venue-id').selectOption({ label: '凤山公园' });
  await page.locator('#act-capacity').fill('15');
  await page.locator('#act-first-date').fill('2026-06-16');
  // 凤山公园 is open 05:30-22:00: an evening past its closing is refused.
  await page.locator('#act-start-time').fill('21:30');
  await page.locator('#act-duration-minutes').fill('60');
  await page.locator('#act-save').click();
  await page.locator('#act-clash').waitFor();
  assert.deepEqual(await page.locator('#act-clash-list li').allTextContents(), ['2026-06-16：场馆未开放']);
  // The demo's 太极拳 is there on Tuesday and Thursday mornings: monthly from
  // Tuesday 16 June, 16 July is a Thursday, 16 August a Sunday.
  await page.locator('#act-start-time').fill('07:30');
  await page.locator('#act-repeat-monthly').check();
  await page.locator('#act-repeat-end-count').check();
  await page.locator('#act-repeat-count').fill('3');
  await page.locator('#act-save').click();
  await page.locator('#act-clash-list li', { hasText: '2026-07-16' }).waitFor();
  assert.deepEqual(await page.locator('#act-clash-list li').allTextContents(),
    ['2026-06-16：与「太极拳晨练（周二班）」冲突', '2026-07-16：与「太极拳晨练（周四班）」冲突']);
  await assertAccessible(page, 'activity clash');
  await shot(page, 'activity-desk-clash', true);
  const posts = watch(page, 'POST', /^\/api\/v1\/activities$/);
  await page.locator('#act-clash-skip').click();
  await page.locator('#act-status', { hasText: `已创建「${PARK_CLASS}」，共 1 个日期` }).waitFor();
  assert.match(await page.locator('#act-status').textContent(), /跳过的冲突日期：2026-06-16、2026-07-16/);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].skip_clashes, true);
  await page.close();
});

test("the edit page keeps the activity's venue when the venue list does not have it", async () => {
  const page = await signedIn(WENTI, '#/staff/activities');
  const link = page.locator('#act-list a', { hasText: PARK_CLASS });
  await link.waitFor();
  // The venue list answers without 凤山公园 (as when it is on a later page, or the list fails).
  await page.route((url) => url.pathname === '/api/v1/facilities',
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [], next_cursor: null }) }));
  await link.click();
  await page.locator('#act-edit-save').waitFor();
  const select = page.locator('#act-edit-venue-id');
  const venueId = await select.inputValue();
  assert.notEqual(venueId, '');
  assert.equal(await select.locator('option:checked').textContent(), '凤山公园');
  // Only the capacity changed: the save sends it alone (never venue_id: null).
  const puts = watch(page, 'PUT', /^\/api\/v1\/activities\/\d+$/);
  await page.locator('#act-edit-capacity').fill('16');
  await page.locator('#act-edit-save').click();
  await page.locator('#act-status', { hasText: `已保存「${PARK_CLASS}」` }).waitFor();
  assert.deepEqual(puts, [{ capacity: 16 }]);
  await page.close();
});

test("one date's capacity edited, another cancelled with a note", async () => {
  const page = await signedIn(WENTI, `#/staff/activities/${seriesId}`);
  await page.locator('#act-title', { hasText: SERIES }).waitFor();
  const dates = page.locator('#act-dates > li');
  assert.equal(await dates.count(), 4);
  const second = dates.nth(1);
  const secondId = await second.getAttribute('data-occurrence');
  await second.locator(`#occ-${secondId}-edit`).click();
  await page.locator(`#occ-${secondId}-capacity`).fill('5');
  await page.locator(`#occ-${secondId}-save`).click();
  await page.locator('#act-status', { hasText: '2026-06-22 已保存' }).waitFor();
  await page.locator(`#occ-${secondId} .act-places`, { hasText: '已报 0 / 5' }).waitFor();
  const third = page.locator('#act-dates > li').nth(2);
  const thirdId = await third.getAttribute('data-occurrence');
  await page.locator(`#occ-${thirdId}-cancel-open`).click();
  // No note: said before sending.
  await page.locator(`#occ-${thirdId}-cancel-confirm`).click();
  await page.locator(`#occ-${thirdId}-cancel [data-for="note"] .field-error`, { hasText: '请写明取消原因' }).waitFor();
  await page.locator(`#occ-${thirdId}-cancel-note`).fill('端午节后广场维修');
  await page.locator(`#occ-${thirdId}-cancel-confirm`).click();
  await page.locator('#act-status', { hasText: '2026-06-29 已取消' }).waitFor();
  // Said first, then the page read again: wait for the redrawn date.
  await page.locator(`#occ-${thirdId}[data-status="cancelled"]`).waitFor();
  assert.doesNotMatch(await page.locator('main').textContent(), /false|undefined|null/);
  const shown = (await srv.fetch(`/api/v1/activities/${seriesId}`)).body.occurrences;
  assert.deepEqual(shown.map((o) => [o.date, o.capacity, o.status]),
    [['2026-06-15', 12, 'scheduled'], ['2026-06-22', 5, 'scheduled'], ['2026-06-29', 12, 'cancelled'], ['2026-07-06', 12, 'scheduled']]);
  await assertAccessible(page, 'activity page');
  await shot(page, 'activity-edit', true);
  // The cancelled date's door list: its status, no places (no 已报 N / N).
  await page.goto(`${srv.url}/#/staff/activity-occurrences/${thirdId}`);
  await page.locator('#door-when .badge', { hasText: '已取消' }).waitFor();
  assert.equal(await page.locator('#door-places').isVisible(), false);
  assert.doesNotMatch(await page.locator('#door-when').innerText(), /已报/);
  await page.close();
});

test('the door list: a caller signed up by phone, checked in by the code (Enter)', async () => {
  const shown = (await srv.fetch(`/api/v1/activities/${seriesId}`)).body.occurrences;
  const first = shown[0];
  const page = await signedIn(WENTI, `#/staff/activities/${seriesId}`);
  await page.locator(`#occ-${first.id}-door`).click();
  await page.locator('#door-check').waitFor();
  await page.locator('#door-phone-name').fill('李秀英');
  await page.locator('#door-phone-phone').fill('139 1234 5678');
  await page.locator('#door-phone-save').click();
  await page.locator('#door-status', { hasText: '已为李秀英报名，签到码' }).waitFor();
  const code = /签到码 (\d{6})/.exec(await page.locator('#door-status').textContent())[1];
  const row = page.locator('#door-confirmed > li', { hasText: '李秀英' });
  await row.waitFor();
  assert.match(await row.textContent(), /139\*\*\*\*5678/);
  assert.doesNotMatch(await page.locator('main').textContent(), /13912345678|false|undefined|null/);
  // A code nobody has, then the right one by Enter.
  await page.locator('#door-code').fill('000000');
  await page.locator('#door-code').press('Enter');
  await page.locator('#door-check-result', { hasText: '没有签到码 000000 的报名' }).waitFor();
  await page.locator('#door-code').fill(code);
  await page.locator('#door-code').press('Enter');
  await page.locator('#door-check-result', { hasText: `李秀英 已签到（${code}）` }).waitFor();
  await page.locator('#door-confirmed > li[data-attendance="attended"]', { hasText: '李秀英' }).waitFor();
  // 未到 only once the date has started: not at 10:00 for 11:00.
  assert.equal(await page.locator('#door-confirmed > li', { hasText: '李秀英' }).locator('button', { hasText: '未到' }).count(), 0);
  // A second caller, then their sign-up cancelled with its confirm step.
  await page.locator('#door-phone-name').fill('王建国');
  await page.locator('#door-phone-phone').fill('13712340000');
  await page.locator('#door-phone-save').click();
  await page.locator('#door-status', { hasText: '已为王建国报名' }).waitFor();
  const other = page.locator('#door-confirmed > li', { hasText: '王建国' });
  const otherId = await other.getAttribute('data-signup');
  assert.equal(await page.locator(`#signup-${otherId}-cancel-confirm`).isVisible(), false);
  await page.locator(`#signup-${otherId}-cancel`).click();
  await page.locator(`#signup-${otherId}-cancel-confirm`).click();
  await page.locator('#door-status', { hasText: '报名已取消' }).waitFor();
  await page.locator('#door-others', { hasText: '已取消 1 人' }).waitFor();
  assert.equal(await page.locator('#door-confirmed > li', { hasText: '王建国' }).count(), 0);
  await assertAccessible(page, 'door list');
  await shot(page, 'activity-door', true);
  // A week ahead: no 已到 yet (check-in opens 2 hours before the start), said in words.
  await page.goto(`${srv.url}/#/staff/activity-occurrences/${shown[1].id}`);
  await page.locator('#door-phone-name').fill('赵敏');
  await page.locator('#door-phone-phone').fill('13612340000');
  await page.locator('#door-phone-save').click();
  await page.locator('#door-status', { hasText: '已为赵敏报名' }).waitFor();
  const later = page.locator('#door-confirmed > li', { hasText: '赵敏' });
  await later.locator('.note', { hasText: '开始前 2 小时起才能签到' }).waitFor();
  assert.equal(await later.locator('button', { hasText: '已到' }).count(), 0);
  // The date's 5 places filled by phone, a sixth caller in line; one place freed → offered to the
  // sixth, who was signed up by staff: 代为确认 with its confirm step.
  const wenti = await srv.login(WENTI.username, WENTI.password);
  const made = [];
  for (const [i, name] of ['钱一', '孙二', '周三', '吴四', '郑五'].entries()) {
    const r = await srv.fetch(`/api/v1/activity-occurrences/${shown[1].id}/signups`, { method: 'POST', token: wenti.token,
      json: { name, phone: `1381234000${i}` } });
    assert.equal(r.status, 201, r.text);
    made.push(r.body);
  }
  assert.equal(made[4].status, 'waiting');
  const freed = await srv.fetch(`/api/v1/activity-signups/${made[0].id}/cancel`, { method: 'POST', token: wenti.token, json: {} });
  assert.equal(freed.status, 200, freed.text);
  await page.reload();
  const offered = page.locator('#door-offered > li', { hasText: '郑五' });
  await offered.locator('.note', { hasText: '名额保留到' }).waitFor();
  assert.equal(await page.locator(`#signup-${made[4].id}-accept-confirm`).isVisible(), false);
  await page.locator(`#signup-${made[4].id}-accept`).click();
  await page.locator(`#signup-${made[4].id}-accept-confirm`).click();
  await page.locator('#door-confirmed > li', { hasText: '郑五' }).waitFor();
  assert.equal(await page.locator('#door-offered > li').count(), 0);
  // A server 422 on the phone (its own words English): the catalogue's words beside the field.
  await page.route((url) => url.pathname === `/api/v1/activity-occurrences/${shown[1].id}/signups`, (route) => route.fulfill({
    status: 422, contentType: 'application/problem+json',
    body: JSON.stringify({ error: 'invalid', field: 'phone', errors: [{ field: 'phone', message: 'phone must be a mainland mobile' }] }) }));
  await page.locator('#door-phone-name').fill('孙七');
  await page.locator('#door-phone-phone').fill('13512340009');
  await page.locator('#door-phone-save').click();
  await page.locator('#door-phone-form [data-for="phone"] .field-error', { hasText: '请填写 11 位手机号' }).waitFor();
  assert.doesNotMatch(await page.locator('#door-phone-form').innerText(), /mainland/);
  await page.close();
});

test('a demo date in the past: a confirmed person marked 未到, then the mark cleared', async () => {
  const wenti = await srv.login(WENTI.username, WENTI.password);
  const mine = (await srv.fetch('/api/v1/organiser-activities?status=active', { token: wenti.token })).body.items;
  let past = null;
  for (const a of mine) {
    const { occurrences } = (await srv.fetch(`/api/v1/activities/${a.id}`)).body;
    past = occurrences.filter((o) => o.status === 'scheduled' && Date.parse(o.ends_at) < Date.parse(NOW)).at(-1) || past;
    if (past) break;
  }
  assert.ok(past, 'the demo has a date in the past');
  const list = (await srv.fetch(`/api/v1/activity-occurrences/${past.id}/signups`, { token: wenti.token })).body;
  const person = list.confirmed.find((s) => s.attendance === 'attended');
  assert.ok(person, 'someone came');
  const page = await signedIn(WENTI, `#/staff/activity-occurrences/${past.id}`);
  const row = page.locator(`#signup-${person.id}`);
  await row.locator(`#signup-${person.id}-no-show`).click();
  await page.locator(`#signup-${person.id}[data-attendance="no_show"]`).waitFor();
  assert.match(await page.locator(`#signup-${person.id} .act-attendance`).textContent(), /未到/);
  await page.locator(`#signup-${person.id}-clear`).click();
  await page.locator(`#signup-${person.id}[data-attendance=""]`).waitFor();
  assert.match(await page.locator(`#signup-${person.id} .act-attendance`).textContent(), /还没签到/);
  // A started date takes no more sign-ups by phone.
  await page.locator('#door-phone-closed').waitFor();
  const again = (await srv.fetch(`/api/v1/activity-occurrences/${past.id}/signups`, { token: wenti.token })).body;
  assert.equal(again.confirmed.find((s) => s.id === person.id).attendance, '');
  await page.close();
});

test("the dashboard shows this month's activity figures as the API counts them", async () => {
  const admin = await srv.login('admin', 'demo-admin-2026');
  const counts = (await srv.fetch('/api/v1/activity-counts?month=2026-06', { token: admin.token })).body;
  const page = await signedIn({ username: 'admin', password: 'demo-admin-2026' });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#activities-table').waitFor();
  assert.equal(await page.locator('#activities-title').textContent(), '文体活动（2026-06）');
  for (const key of ['occurrences', 'activities', 'confirmed', 'attended', 'no_shows']) {
    assert.equal(await page.locator(`#activities-${key.replace(/_/g, '-')}`).textContent(), String(counts[key]), key);
  }
  assert.equal(await page.locator('#activities-filled-permille').textContent(), `${(counts.filled_permille / 10).toFixed(1)}%`);
  await page.close();
});
