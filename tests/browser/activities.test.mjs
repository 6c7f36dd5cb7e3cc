// The residents' activities (issue 18, screens/activities.js, activity.js,
// activity_date.js, my_activities.js) on the demo district's activities: a
// signed-out visitor finds this week's dates in Chinese words, opens one and
// is sent to sign in and back; signed in, signs up and sees the six-digit
// door code; on the full 剪纸 date joins the line and sees the position; the
// places ahead freed by staff through the API → the offer with its time,
// accepted → the code; cancelled after the confirm step; my sign-ups show
// the code and make the calendar link (a new link stops the old one); near
// me refused keeps the list; elder mode at 360 px (20 px text, 60 px
// targets, the date read aloud); axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { assertClean, guardedPage, watchContext } from './lib/xss.mjs';

const RESIDENT = { username: 'act.resident', password: 'resident-pass-1', display_name: '李秀英', phone: '13812340018', role: 'resident' };

let srv;
let admin;
let browser;
let open;      // a date this week with places, no age limits, not started
let openAct;   // its activity
let full;      // the full 剪纸 date with a line
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, RESIDENT);
  browser = await launch();
  await watchContext(browser.context);
  const from = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const r = await srv.fetch(`/api/v1/activity-occurrences?from=${from}&days=7&limit=20`);
  assert.equal(r.status, 200, r.text);
  const soon = Date.now() + 3 * 3600e3;
  for (const o of r.body.items) {
    if (o.status !== 'scheduled' || o.places_left < 2 || Date.parse(o.starts_at) < soon) continue;
    const one = await srv.fetch(`/api/v1/activity-occurrences/${o.id}`);
    if (one.body.activity.age_min === null && one.body.activity.age_max === null) { open = o; openAct = one.body.activity; break; }
  }
  assert.ok(open, 'this week has a date with places and no age limit: ' + r.text.slice(0, 300));
  const all = await srv.fetch(`/api/v1/activity-occurrences?from=${from}&days=14&limit=100`);
  full = all.body.items.find((o) => o.title.includes('剪纸') && o.status === 'scheduled' && o.places_left === 0 && o.waiting > 0);
  assert.ok(full, 'the demo has the full 剪纸 date with a line');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function page(hash, settings = { lang: 'zh-CN' }) {
  const p = await guardedPage(browser.context);
  await p.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await p.goto(srv.url + '/' + hash);
  return p;
}

async function signInFromDate(p, id) {
  await p.locator('#act-signin').click();
  await p.waitForURL((u) => u.hash.startsWith('#/signin'));
  await p.locator('#username').fill(RESIDENT.username);
  await p.locator('#password').fill(RESIDENT.password);
  await p.locator('#signin button[type="submit"]').click();
  await p.waitForURL((u) => u.hash === `#/activities/o/${id}`);
}

const stateText = (p) => p.locator('#act-state').textContent();

test('signed out: this week in Chinese words; a date sends the visitor to sign in and back', async () => {
  await browser.context.clearCookies();
  const p = await page('#/');
  await p.locator('#home-activities').click();
  await p.locator('#act-list').waitFor();
  const row = p.locator(`.act-row[data-id="${open.id}"]`);
  assert.equal(await row.locator('.act-title').textContent(), open.title);
  assert.match(await row.locator('.act-when').textContent(), /^\d{1,2}月\d{1,2}日 周[一二三四五六日] (凌晨|上午|中午|下午|晚上) \d{1,2}:\d\d–/);
  assert.equal(await row.locator('.act-places').textContent(), `还有 ${open.places_left} 个名额`);
  const fullRow = p.locator(`.act-row[data-id="${full.id}"]`);
  if (await fullRow.count()) assert.equal(await fullRow.locator('.act-places').textContent(), `已满，${full.waiting} 人排队`);
  // The 汉字 are drawn with a CJK font, not boxes.
  const width = await p.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = '20px "WenQuanYi Micro Hei", sans-serif';
    return c.measureText('文体').width;
  });
  assert.ok(width >= 36, `汉字 drawn ${width}px wide`);
  await assertAccessible(p, 'the activities list');
  await assertClean(p, 'the activities list');
  await shot(p, 'activities-week');
  await row.locator('.act-title').click();
  await p.locator('#act-signin').waitFor();
  assert.equal(await p.locator('h1').textContent(), open.title);
  await signInFromDate(p, open.id);
  await p.locator('#act-signup-send').waitFor();
  await p.close();
});

test('a resident signs up and sees the six-digit door code large; the places drop by one', async () => {
  const p = await page(`#/activities/o/${open.id}`);
  await p.locator('#act-signup-send').click();
  await p.locator('#act-code').waitFor();
  assert.equal(await stateText(p), '已报名');
  const code = await p.locator('#act-code').textContent();
  assert.match(code, /^\d{6}$/);
  assert.ok(parseFloat(await p.locator('#act-code').evaluate((el) => getComputedStyle(el).fontSize)) >= 32, 'the code is large');
  assert.equal(await p.locator('#act-places').textContent(), `还有 ${open.places_left - 1} 个名额`);
  assert.equal(await p.locator('#act-birth').count(), 0, 'no birth date without age limits');
  await assertAccessible(p, 'a date signed up');
  await shot(p, 'activity-date-code');
  // The activity's page: its series in words and its dates, each to its page.
  await p.locator('#act-activity-link').click();
  await p.locator('#act-dates li').first().waitFor();
  assert.equal(await p.locator('#act-organiser').textContent(), openAct.organiser.name);
  assert.match(await p.locator('#act-series').textContent(), /^(仅一次|每周[一二三四五六日]|每月 \d+ 日)/);
  assert.equal(await p.locator(`#act-dates a[href="#/activities/o/${open.id}"]`).count(), 1);
  if (openAct.venue) assert.equal(await p.locator('#act-venue-link').getAttribute('href'), `#/f/${openAct.venue.id}`);
  await assertAccessible(p, 'an activity');
  await p.close();
});

test('the full date: in line with the position; places freed by staff → the offer, accepted → the code; then cancelled', async () => {
  const p = await page(`#/activities/o/${full.id}`);
  assert.equal(await p.locator('#act-places').textContent(), `已满，${full.waiting} 人排队`);
  await p.locator('#act-signup-send').click();
  await p.locator('#act-state[data-status="waiting"]').waitFor();
  assert.equal(await stateText(p), `排队中，第 ${full.waiting + 1} 位`);
  await shot(p, 'activity-date-waiting');
  // Staff cancel the ones ahead in line and one confirmed place: it is offered to us.
  const door = await srv.fetch(`/api/v1/activity-occurrences/${full.id}/signups`, { token: admin.token });
  assert.equal(door.status, 200, door.text);
  const ahead = door.body.waiting.filter((s) => s.name !== RESIDENT.display_name);
  assert.equal(ahead.length, full.waiting);
  for (const s of [...ahead, door.body.confirmed[0]]) {
    const c = await srv.fetch(`/api/v1/activity-signups/${s.id}/cancel`, { method: 'POST', token: admin.token, json: {} });
    assert.equal(c.status, 200, c.text);
  }
  await p.reload();
  await p.locator('#act-accept').waitFor();
  // The deadline's day said unless it is today (district time).
  assert.match(await stateText(p), /^有名额了！请在(明天 | \d{1,2}月\d{1,2}日 | )\d\d:\d\d 前确认$/);
  assert.equal(await p.locator('#act-decline').textContent(), '放弃名额');
  await assertAccessible(p, 'a date with an offer');
  await shot(p, 'activity-date-offer');
  await p.locator('#act-accept').click();
  await p.locator('#act-code').waitFor();
  assert.equal(await stateText(p), '已报名');
  assert.match(await p.locator('#act-code').textContent(), /^\d{6}$/);
  // Cancel asks first, in the page.
  await p.locator('#act-cancel').click();
  assert.equal(await p.locator('#act-cancel-confirm').isVisible(), true);
  await p.locator('#act-cancel-no').click();
  assert.equal(await p.locator('#act-cancel-confirm').isVisible(), false);
  assert.equal(await stateText(p), '已报名', 'nothing cancelled by 不取消');
  await p.locator('#act-cancel').click();
  await p.locator('#act-cancel-yes').click();
  await p.locator('#act-state[data-status="cancelled"]').waitFor();
  assert.equal(await stateText(p), '已取消报名');
  assert.equal(await p.locator('#act-code').count(), 0);
  const mine = await srv.fetch(`/api/v1/activity-occurrences/${full.id}`);
  assert.equal(mine.body.places_left, 1, 'the place went back: nobody waits');
  await p.close();
});

test('my sign-ups show the code; the calendar link made, a new one stops the old', async () => {
  const p = await page('#/my/activities');
  const row = p.locator(`#act-upcoming .act-mine[data-status="confirmed"]`).filter({ hasText: open.title });
  await row.first().waitFor();
  assert.match(await row.first().locator('.act-code').textContent(), /^入场码 \d{6}$/);
  // The date's title and place from the sign-up's occurrence (title, venue_name, address).
  assert.equal(await row.first().locator('.result-name').textContent(), open.title);
  assert.ok(open.venue_name || open.address, 'the demo date has a place');
  assert.equal(await row.first().locator('.act-where').textContent(), open.venue_name || open.address);
  assert.match(await p.locator('#act-feed-warning').textContent(), /以前的链接就不能用了/);
  await p.locator('#act-feed-make').click();
  await p.locator('#act-feed-url').waitFor();
  const first = await p.locator('#act-feed-url').inputValue();
  assert.match(first, /^http:\/\/.+\.ics$/);
  const ics = await fetch(first);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  const text = await ics.text();
  assert.match(text, /BEGIN:VCALENDAR/);
  assert.ok(text.includes(`UID:occurrence-${open.id}@warmcity`), 'the signed-up date is in the feed');
  await assertAccessible(p, 'my activities');
  await shot(p, 'my-activities');
  await p.locator('#act-feed-make').click();
  await p.waitForFunction((old) => document.querySelector('#act-feed-url')?.value !== old, first);
  assert.notEqual((await fetch(first)).status, 200, 'the old link stopped');
  await p.close();
});

test('a date with age limits asks the birth date: refused in words when missing, then signed up', async () => {
  const from = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const fairs = await srv.fetch(`/api/v1/activity-occurrences?from=${from}&days=62&kind=job_fair&limit=20`);
  assert.equal(fairs.status, 200, fairs.text);
  const fair = fairs.body.items.find((o) => o.status === 'scheduled' && o.places_left > 0 && Date.parse(o.starts_at) > Date.now() + 3600e3);
  assert.ok(fair, 'the demo has a job fair date ahead');
  const act = (await srv.fetch(`/api/v1/activity-occurrences/${fair.id}`)).body.activity;
  assert.ok(act.age_min !== null || act.age_max !== null, 'the job fair has age limits');
  const p = await page(`#/activities/o/${fair.id}`);
  await p.locator('#act-birth').waitFor();
  let posts = 0;
  p.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/signups')) posts++; });
  await p.locator('#act-signup-send').click();
  assert.equal(await p.locator('#act-birth-error').textContent(), '请填写出生日期，例如 1950-03-08。');
  assert.equal(await p.locator('#act-birth').getAttribute('aria-invalid'), '');
  assert.equal(posts, 0, 'nothing sent without a birth date');
  // A child's birth date: the server's 422 (field birth_date) said beside the field, with the ages.
  assert.equal(act.age_min, 16, 'the demo job fair is for 16 and over');
  await p.locator('#act-birth').fill('2018-05-01');
  await p.locator('#act-signup-send').click();
  await p.locator('#act-birth-error', { hasText: '本活动限 16 岁及以上 参加' }).waitFor();
  assert.equal(await p.locator('#act-birth').getAttribute('aria-invalid'), 'true');
  assert.equal(await p.locator('#act-signup-error').count(), 0, 'not said again at the bottom');
  assert.equal(posts, 1);
  await p.locator('#act-birth').fill('1962-05-01');
  await p.locator('#act-signup-send').click();
  await p.locator('#act-code').waitFor();
  assert.equal(await stateText(p), '已报名');
  assert.equal(posts, 2);
  await p.close();
});

test('near me refused: said in words, the list stays; kind and community kept in the hash', async () => {
  const p = await page('#/activities');
  await p.locator('#act-list').waitFor();
  const before = await p.locator('.act-row').count();
  await p.locator('#act-view-near').check();
  await p.locator('#act-locate').click();
  await p.locator('#act-where-note', { hasText: '无法获取您的位置' }).waitFor();
  assert.equal(await p.locator('.act-row').count(), before);
  await p.locator('#act-view-week').check();
  await p.locator('#act-kind').selectOption('job_fair');
  const asked = p.waitForResponse((r) => r.url().includes('/api/v1/activity-occurrences?') && new URL(r.url()).searchParams.get('kind') === 'job_fair');
  await p.locator('#act-search').click();
  await p.locator('#act-results-title:focus').waitFor();
  assert.match(p.url(), /#\/activities\?kind=job_fair$/);
  // The rows are the API's kind=job_fair answer for the same query, in its order (and only job fairs).
  const sent = new URL((await asked).url());
  const fairs = await srv.fetch(sent.pathname + sent.search);
  assert.equal(fairs.status, 200, fairs.text);
  assert.ok(fairs.body.items.every((o) => o.kind === 'job_fair'), fairs.text.slice(0, 300));
  const rows = await p.locator('.act-row').evaluateAll((els) => els.map((e) => Number(e.dataset.id)));
  assert.deepEqual(rows, fairs.body.items.map((o) => o.id));
  await p.goBack();
  await p.locator('#act-list').waitFor();
  assert.equal(await p.locator('#act-kind').inputValue(), '');
  // By community: without one chosen it asks; chosen, the list is the API's for it.
  await p.locator('#act-view-community').check();
  await p.locator('#act-search').click();
  assert.equal(await p.locator('#act-where-note').textContent(), '请选择一个社区。');
  await p.locator('#act-community').selectOption(String(open.community_id));
  await p.locator('#act-search').click();
  await p.waitForURL((u) => u.hash === `#/activities?view=community&community=${open.community_id}`);
  await p.locator('#act-results-title:focus').waitFor();
  const from = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const api = await srv.fetch(`/api/v1/activity-occurrences?from=${from}&days=31&community_id=${open.community_id}&limit=20`);
  assert.deepEqual(await p.locator('.act-row').evaluateAll((els) => els.map((x) => Number(x.dataset.id))), api.body.items.map((o) => o.id));
  await p.reload();
  await p.locator('#act-list').waitFor();
  assert.equal(await p.locator('#act-community').inputValue(), String(open.community_id), 'the hash keeps the community');
  await p.close();
});

test('更多 appends the next page by the cursor until the list ends', async () => {
  const p = await guardedPage(browser.context);
  await p.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), { lang: 'zh-CN' });
  // Pages of two, so this week's dates take several.
  await p.route((u) => u.pathname === '/api/v1/activity-occurrences', (route) =>
    route.continue({ url: route.request().url().replace('limit=20', 'limit=2') }));
  await p.goto(srv.url + '/#/activities');
  await p.locator('#act-list').waitFor();
  const from = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const week = (await srv.fetch(`/api/v1/activity-occurrences?from=${from}&days=7&limit=100`)).body.items.map((o) => o.id);
  assert.ok(week.length > 2, `this week has more than two dates (${week.length})`);
  const ids = () => p.locator('.act-row').evaluateAll((els) => els.map((x) => Number(x.dataset.id)));
  assert.deepEqual(await ids(), week.slice(0, 2));
  assert.equal(await p.locator('#act-count').textContent(), '已显示 2 场', 'not 共 while 更多 has pages');
  for (let n = 4; n < week.length + 2; n += 2) {
    await p.locator('#act-more').click();
    await p.waitForFunction((k) => document.querySelectorAll('.act-row').length >= k, Math.min(n, week.length));
  }
  assert.deepEqual(await ids(), week);
  assert.equal(await p.locator('#act-more').count(), 0, 'no 更多 at the end');
  assert.equal(await p.locator('#act-count').textContent(), `共 ${week.length} 场`);
  await p.close();
});

test('elder mode at 360 px: the list, a date and my sign-ups at 20 px text and 60 px targets; the date read aloud', async () => {
  const elder = { lang: 'zh-CN', elder: true };
  const p = await page('#/activities', elder);
  await p.locator('#act-list').waitFor();
  await assertElder(p, 'the activities list (elder)');
  assert.equal(await p.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing wider than the screen');
  await p.goto(srv.url + `/#/activities/o/${open.id}`);
  await p.locator('#act-code').waitFor();
  await assertElder(p, 'a date (elder)');
  assert.equal(await p.evaluate(() => document.documentElement.scrollWidth), 360);
  await p.evaluate(() => { window.__spoken = []; speechSynthesis.speak = (u) => window.__spoken.push(u.text); });
  await p.locator('#read-aloud').click();
  const spoken = await p.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.ok(spoken[0].includes(open.title) && spoken[0].includes('已报名'), spoken[0]);
  assert.match(spoken[0], /\d \d \d \d \d \d/, 'the code digit by digit');
  await shot(p, 'activity-date-elder');
  await p.goto(srv.url + '/#/my/activities');
  await p.locator('#act-feed-make').waitFor();
  await assertElder(p, 'my activities (elder)');
  await p.close();
});
