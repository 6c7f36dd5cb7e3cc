// The residents' job search and a job post (issue 18, screens/jobs.js and
// job.js) on the demo district's published posts: 保洁 finds the 保洁员 post
// and one character, 厨, finds 厨师; a lowest pay narrows the list to what
// the API answers for it, back returns to the search before, 更多 pages on;
// a post shows its facts, the recruiting phone as a tel: link and the
// free-service note; a complaint is refused without a reason, then sent and
// thanked for (staff see it, its phone masked); a gone post, a complaint with
// no network and one too many (429) are said in words. Elder mode at 360 px:
// text ≥ 20 px, targets ≥ 60 px, the post read aloud; axe on each; a post
// titled as markup stays text in the list and on its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { assertClean, guardedPage, payload, watchContext } from './lib/xss.mjs';

const PUBLISHER = { username: 'renshe', password: 'demo-department-2026' };
const XSS_TITLE = payload(18) + '保洁';

let srv;
let admin;
let browser;
let all;  // the public list with no filter
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch();
  await watchContext(browser.context);
  const r = await srv.fetch('/api/v1/jobs?limit=50');
  assert.equal(r.status, 200, r.text);
  all = r.body.items;
  assert.ok(all.length >= 10, `the demo publishes posts (${all.length})`);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function open(hash, settings = { lang: 'zh-CN' }) {
  const page = await guardedPage(browser.context);
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/' + hash);
  return page;
}

const titles = (page) => page.locator('#jobs-list .job-title').allTextContents();

async function search(page, { q = '', pay = '' } = {}) {
  await page.locator('#jobs-q').fill(q);
  await page.locator('#jobs-pay').fill(pay);
  await page.locator('#jobs-form button[type="submit"]').click();
  await page.locator('#jobs-results-title:focus').waitFor();
}

test('the start page leads to the job search, which lists the live posts newest first', async () => {
  const page = await open('#/');
  await page.locator('#home-jobs').click();
  await page.locator('#jobs-list').waitFor();
  assert.deepEqual(await titles(page), all.slice(0, 20).map((j) => j.title));
  assert.match(await page.locator('#jobs-free').textContent(), /公共就业服务免费，任何收费请投诉/);
  const first = page.locator('.job-card').first();
  assert.match(await first.locator('.job-pay').textContent(), /^¥[\d,]+(–[\d,]+)?\/月$/);
  await assertAccessible(page, 'the job search');
  await assertClean(page, 'the job search');
  await page.close();
});

test('保洁 finds the 保洁员 post, 厨 (one character) finds 厨师; back returns to the search before', async () => {
  const page = await open('#/jobs');
  await page.locator('#jobs-list').waitFor();
  await search(page, { q: '保洁' });
  assert.ok((await titles(page)).some((x) => x.includes('保洁员')), (await titles(page)).join(','));
  assert.match(page.url(), /#\/jobs\?q=%E4%BF%9D%E6%B4%81$/);
  await shot(page, 'jobs-search');
  await search(page, { q: '厨' });
  const cooks = await titles(page);
  assert.ok(cooks.some((x) => x.includes('厨师')), cooks.join(','));
  assert.ok(cooks.length < all.length, 'one character narrows the list');
  await page.goBack();
  await page.locator('#jobs-list').waitFor();
  assert.equal(await page.locator('#jobs-q').inputValue(), '保洁');
  assert.ok((await titles(page)).some((x) => x.includes('保洁员')));
  // Nothing found: the empty state says what to drop, and clears.
  await search(page, { q: '宇航员' });
  assert.match(await page.locator('#jobs-empty').textContent(), /没有找到/);
  assert.match(await page.locator('.results li').first().textContent(), /换一个词/);
  await page.locator('#jobs-clear').click();
  await page.locator('#jobs-list').waitFor();
  assert.equal((await titles(page)).length, Math.min(all.length, 20));
  await page.close();
});

test('更多 appends the next page from the server\'s cursor, the focus on the first new post', async () => {
  const page = await guardedPage(browser.context);
  await page.addInitScript(() => localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' })));
  // Pages of 5 instead of 20, so the demo's posts take several.
  await page.route((url) => url.pathname === '/api/v1/jobs', (r) => {
    const u = new URL(r.request().url());
    u.searchParams.set('limit', '5');
    return r.continue({ url: u.toString() });
  });
  await page.goto(srv.url + '/#/jobs');
  await page.locator('#jobs-list').waitFor();
  assert.equal((await titles(page)).length, 5);
  for (let shown = 5; shown < all.length; shown += 5) {
    await page.locator('#jobs-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('#jobs-list .job-card').length > n, shown);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), all[shown].title);
  }
  assert.deepEqual(await titles(page), all.map((j) => j.title));
  assert.equal(await page.locator('#jobs-more').count(), 0, 'no 更多 after the last page');
  assert.match(await page.locator('#jobs-count').textContent(), new RegExp(`共 ${all.length} 个岗位`));
  await page.close();
});

test('a lowest monthly pay narrows the list to the API\'s answer; an unreadable amount is refused in the form', async () => {
  const page = await open('#/jobs');
  await page.locator('#jobs-list').waitFor();
  const pays = all.map((j) => j.pay_max_fen).sort((a, b) => a - b);
  const floor = pays[Math.floor(pays.length / 2)];  // half the posts or so
  await search(page, { pay: String(floor / 100) });
  const want = (await srv.fetch(`/api/v1/jobs?pay_min_fen=${floor}&limit=50`)).body.items.map((j) => j.title);
  assert.ok(want.length > 0 && want.length < all.length, `${want.length} of ${all.length}`);
  assert.deepEqual(await titles(page), want.slice(0, 20));
  assert.match(page.url(), new RegExp(`pay=${floor / 100}`));
  // An area: the first post's community.
  const area = all.find((j) => j.area)?.area;
  assert.ok(area, 'a demo post names its community');
  await page.locator('#jobs-pay').fill('');
  await page.locator('#jobs-area').selectOption(String(area.id));
  await page.locator('#jobs-form button[type="submit"]').click();
  await page.locator('#jobs-results-title:focus').waitFor();
  const inArea = (await srv.fetch(`/api/v1/jobs?area_id=${area.id}&limit=50`)).body.items.map((j) => j.title);
  assert.deepEqual(await titles(page), inArea.slice(0, 20));
  assert.ok(inArea.length > 0 && inArea.length < all.length, `${inArea.length} of ${all.length}`);
  // The whole sub-district of that community: at least its posts.
  const community = (await srv.fetch('/api/v1/areas/communities')).body.items.find((c) => c.id === area.id);
  assert.ok(community?.subdistrict_id, 'the community has a sub-district');
  await page.locator('#jobs-area').selectOption(String(community.subdistrict_id));
  await page.locator('#jobs-form button[type="submit"]').click();
  await page.waitForFunction((id) => location.hash.includes(`area=${id}`), community.subdistrict_id);
  await page.locator('#jobs-results-title:focus').waitFor();
  const inSub = (await srv.fetch(`/api/v1/jobs?area_id=${community.subdistrict_id}&limit=50`)).body.items.map((j) => j.title);
  assert.ok(inSub.length >= inArea.length && inSub.length > 0, `${inSub.length} ≥ ${inArea.length}`);
  assert.deepEqual(await titles(page), inSub.slice(0, 20));
  await page.locator('#jobs-pay').fill('三千');
  await page.locator('#jobs-form button[type="submit"]').click();
  assert.match(await page.locator('#jobs-pay-error').textContent(), /请填写金额/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'jobs-pay');
  await page.close();
});

test('a post: its facts, the recruiting phone as tel:, a complaint refused without a reason, then sent and thanked for', async () => {
  const job = all.find((j) => j.title.includes('保洁员')) || all[0];
  const page = await open('#/jobs?q=' + encodeURIComponent('保洁'));
  await page.locator(`#jobs-list a[href="#/jobs/${job.id}"]`).click();
  await page.locator('#complaint-open').waitFor();
  const full = (await srv.fetch(`/api/v1/jobs/${job.id}`)).body;
  assert.equal(await page.locator('h1').textContent(), full.title);
  assert.equal(await page.locator('#job-contact a.phone').getAttribute('href'), 'tel:' + full.contact_phone.replace(/[^\d+]/g, ''));
  assert.match(await page.locator('main').textContent(), new RegExp(full.publisher.name));
  assert.ok((await page.locator('#job-duties').locator('..').textContent()).includes(full.duties.split('\n')[0]));
  await shot(page, 'jobs-post', true);
  await page.locator('#complaint-open').click();
  await page.locator('#complaint-send').click();
  assert.match(await page.locator('#complaint-reason-error').textContent(), /请选择投诉原因/);
  await page.locator('label[for="reason-fee_charged"]').click();
  await page.locator('#complaint-text').fill('面试时要求先交300元服装费');
  await page.locator('#complaint-phone').fill('138 1234 5678');
  await assertAccessible(page, 'the complaint form');
  await page.locator('#complaint-send').click();
  await page.locator('#complaint-done').waitFor();
  assert.match(await page.locator('#complaint').textContent(), /谢谢您的投诉.*核实这个岗位.*打电话/s);
  await shot(page, 'jobs-complaint-sent');
  const staff = await srv.login(PUBLISHER.username, PUBLISHER.password);
  const open_ = (await srv.fetch('/api/v1/job-complaints?status=open&limit=50', { token: staff.token })).body.items;
  const mine = open_.find((c) => c.post.id === job.id && c.text === '面试时要求先交300元服装费');
  assert.ok(mine, 'staff see the complaint');
  assert.equal(mine.reason, 'fee_charged');
  assert.equal(mine.phone, '138****5678');
  await assertClean(page, 'the job post');
  await page.close();
});

test('a gone post, no network, and one complaint too many are said in words', async () => {
  let page = await open('#/jobs/99999999');
  assert.match(await page.locator('#job-problem').textContent(), /已经下架、过期或不存在/);
  await page.close();
  const job = all[1];
  page = await open(`#/jobs/${job.id}`);
  await page.route('**/api/v1/jobs/*/complaints', (r) => r.abort('internetdisconnected'));
  await page.locator('#complaint-open').click();
  await page.locator('label[for="reason-expired"]').click();
  await page.locator('#complaint-send').click();
  await page.locator('#complaint-status', { hasText: '无法连接服务器' }).waitFor();  // not read before the answer
  await page.unroute('**/api/v1/jobs/*/complaints');
  // Complaints from this address until the server says too many.
  let status = 201;
  for (let i = 0; i < 10 && status !== 429; i++) {
    status = (await srv.fetch(`/api/v1/jobs/${job.id}/complaints`, { method: 'POST', json: { reason: 'expired', text: '' } })).status;
    assert.ok(status === 201 || status === 429, String(status));
  }
  assert.equal(status, 429, 'the server turned complaints away');
  await page.locator('#complaint-send').click();
  await page.locator('#complaint-status', { hasText: '投诉太多了' }).waitFor();
  assert.equal(await page.locator('#complaint-send').isDisabled(), false, 'may try again later');
  await page.close();
});

test('elder mode at 360 px: the search and a post readable, targets ≥ 60 px, the post read aloud', async () => {
  const page = await open('#/jobs', { lang: 'zh-CN', elder: true });
  await page.locator('#jobs-list').waitFor();
  await assertElder(page, 'the job search (elder)');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing wider than the screen');
  await shot(page, 'jobs-elder');
  await page.locator('#jobs-list .job-title').first().click();
  await page.locator('#read-aloud').waitFor();
  await page.locator('#complaint-open').click();
  await assertElder(page, 'a job post (elder)');
  await assertAccessible(page, 'a job post (elder)');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  await page.evaluate(() => { window.__spoken = []; speechSynthesis.speak = (u) => window.__spoken.push(u.text); });
  await page.locator('#read-aloud').click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.match(spoken[0], /月薪[零一二三四五六七八九十百千万]+元/);
  assert.match(spoken[0], /公共就业服务免费/);
  await shot(page, 'jobs-post-elder');
  await page.close();
});

test('English: the same search in English words', async () => {
  const page = await open('#/jobs', { lang: 'en' });
  await page.locator('#jobs-list').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Find a job');
  assert.match(await page.locator('.job-pay').first().textContent(), /\/month$/);
  await assertAccessible(page, 'the job search (en)');
  await page.close();
});

test('a post titled as markup stays text in the list and on its page', async () => {
  const staff = await srv.login(PUBLISHER.username, PUBLISHER.password);
  const employer = (await srv.fetch('/api/v1/job-employers?limit=1', { token: staff.token })).body.items[0];
  const orgs = (await srv.fetch('/api/v1/job-publishers', { token: admin.token })).body.items;
  const org = orgs.find((o) => o.name.includes('人力资源'));
  const day = new Date(Date.now() + 8 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10);
  const made = await srv.fetch('/api/v1/jobs', { method: 'POST', token: admin.token, json: {
    employer_id: employer.id, title: XSS_TITLE, headcount: 2, conditions: payload(19), duties: payload(20), place: payload(21),
    area_id: null, pay_min_fen: 250000, pay_max_fen: 300000, hours: payload(22), contact_name: payload(23),
    contact_phone: '0358-8221234', valid_until: day, publisher_org_id: org.organisation_id } });
  assert.equal(made.status, 201, made.text);
  const approved = await srv.fetch(`/api/v1/jobs/${made.body.id}/review`, { method: 'POST', token: staff.token,
    json: { decision: 'approve', note: '测试', updated_at: made.body.updated_at } });
  assert.equal(approved.status, 200, approved.text);
  const page = await open('#/jobs?q=' + encodeURIComponent('保洁'));
  const link = page.locator(`#jobs-list a[href="#/jobs/${made.body.id}"]`);
  assert.equal(await link.textContent(), XSS_TITLE);
  await assertClean(page, 'the job search');
  await link.click();
  await page.locator('#complaint-open').waitFor();
  assert.equal(await page.locator('h1').textContent(), XSS_TITLE);
  assert.match(await page.locator('#job-contact').textContent(), /window\.__pwned=23/);
  await assertClean(page, 'the job post');
  await page.close();
});
