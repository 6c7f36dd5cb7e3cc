// Appeals (诉求) end to end in the browser: a signed-in resident raises an
// appeal with a photo and tracks it by its code; a grid worker accepts it
// (a step refused with 409 shows the steps allowed instead) and dispatches it;
// the department starts and replies; the resident answers the callback; the
// dashboard's figures (this month by status, the three rates) follow every
// step, and an appeal past its deadline (the server's test clock moved past
// it) is on its overdue list. Each new screen passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';
import { makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const PHOTO = fileURLToPath(new URL('./fixtures/pothole.png', import.meta.url));
const RESIDENT = { username: 'wang.ayi', password: 'resident-pass-1', display_name: '王阿姨', phone: '13812345678', role: 'resident' };
const WORKER = { username: 'grid.li', password: 'worker-pass-1', display_name: '李网格员', role: 'worker' };
const DEPT = { username: 'zhujian.zhang', password: 'dept-pass-1', display_name: '住建局张工', role: 'department' };
const DEPT_ORG = '离石区住房和城乡建设局';  // the department of category "roads"
const DESCRIPTION = '凤山街道菜市场东侧路面有一个大坑，下雨积水，老人经过容易摔倒。';

// The server's and the browser's clock: mid-month, so the appeals below and
// the dashboard's "this month" (the browser's month) agree on any day.
const NOW = '2026-06-15T10:00:00+08:00';

let srv;
let admin;
let browser;
let code;  // the tracking code of the appeal raised below
let id;
before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  await makeUser(srv, admin, RESIDENT);
  await makeUser(srv, admin, WORKER);
  await makeUser(srv, admin, DEPT, DEPT_ORG);
  browser = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// A fresh page load without a session, then the sign-in screen.
async function signIn(page, who, next) {
  await page.context().clearCookies();
  await page.goto('about:blank');
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent(next));
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.hash === next);
}

async function signOut(page) {
  await page.goto(srv.url + '/#/staff');
  await page.locator('#signout').click();
  await page.getByLabel('用户名').waitFor();
}

// The dashboard's "this month" table as {state: n}, and its total.
async function dashboard(page) {
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-chart canvas').waitFor();
  const rows = await page.locator('#appeals-table tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((r) => [r.dataset.state, Number(r.querySelector('td').textContent)])));
  const total = Number(await page.locator('#appeals-total').textContent());
  return { rows, total };
}

// The same figures from the API (admin): this month's appeals by state.
async function apiCounts() {
  const items = (await srv.fetch('/api/v1/appeals?limit=200', { token: admin.token })).body.items;
  const by = {};
  for (const a of items) by[a.state] = (by[a.state] || 0) + 1;
  return by;
}

async function takeStep(page, step, fill = async () => {}) {
  await page.locator(`#steps button[data-step="${step}"]`).click();
  const form = page.locator(`#step-form[data-step="${step}"]`);
  await form.waitFor();
  await fill(form);
  await form.locator('button[type="submit"]').click();
  await page.locator('#step-done').waitFor();
}

test('the dashboard asks for a staff sign-in before it shows appeal figures', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#appeals-sign-in').waitFor();
  assert.equal(await page.locator('#appeals-table').count(), 0);
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' }, '#/dashboard');
  const before = await dashboard(page);
  assert.equal(before.total, 0, 'the demo has no appeals yet');
  await page.close();
});

test('a resident raises an appeal with a photo and tracks it by its code', async () => {
  const page = await browser.context.newPage();
  await signIn(page, RESIDENT, '#/appeal/new');
  await page.locator('#who', { hasText: '王阿姨' }).waitFor();
  await page.getByLabel('问题类别').selectOption('roads');
  // The category's extra question, rendered from its datatype (a list).
  await page.getByLabel('道路问题').selectOption('pothole');
  await page.getByLabel('问题描述').fill(DESCRIPTION);
  assert.equal(await page.locator('#description-count').textContent(), `已输入 ${[...DESCRIPTION].length} / 4000 字`);
  assert.equal(await page.getByLabel('问题描述').getAttribute('maxlength'), '4000');
  // A pin: a community first, then a click on the map moves it.
  const c = (await srv.fetch('/api/v1/areas/communities')).body.items.find((x) => x.name.includes('凤山'));
  await page.getByLabel('或选择社区').selectOption(String(c.id));
  await page.locator('#pin-status', { hasText: '已标出位置：' }).waitFor();
  await page.locator('#appeal-map .leaflet-interactive').first().waitFor();
  const box = await page.locator('#appeal-map').boundingBox();
  await page.mouse.click(box.x + box.width / 2 + 10, box.y + box.height / 2 + 10);
  await page.locator('#pin-status', { hasText: '已标出位置：' }).waitFor();
  // Photos: a file that is not an image is refused here; the PNG is taken.
  await page.setInputFiles('#photos', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await page.locator('#photo-status', { hasText: 'notes.txt：只能上传 JPEG、PNG 或 WebP 图片' }).waitFor();
  await page.setInputFiles('#photos', PHOTO);
  await page.locator('#photo-list img').waitFor();
  assert.equal(await page.locator('#photo-list img').count(), 1);
  assert.equal(await page.getByLabel('联系人姓名').inputValue(), '王阿姨');
  await page.getByLabel('联系电话（手机或带区号的固话）').fill(RESIDENT.phone);
  await assertAccessible(page, 'raise an appeal');
  await shot(page, 'appeal-new', true);

  await page.getByRole('button', { name: '提交诉求' }).click();
  const codeBox = page.locator('#tracking-code');
  await codeBox.waitFor();
  code = (await codeBox.textContent()).trim();
  assert.match(code, /^[2-9A-HJKMNP-TW-Z]{8}$/);
  const fontPx = await codeBox.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontPx >= 36, `the code is large (${fontPx}px)`);
  await page.getByRole('button', { name: '复制查询码' }).click();
  await page.locator('#copy-status', { hasText: '已复制' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await assertAccessible(page, 'appeal submitted');
  await shot(page, 'appeal-done');

  // The server has it as entered, with the photo, located, the resident its reporter.
  const mine = (await srv.fetch('/api/v1/appeals?mine=true', { token: (await srv.login(RESIDENT.username, RESIDENT.password)).token })).body.items;
  assert.equal(mine.length, 1);
  const a = mine[0];
  id = a.id;
  assert.equal(a.tracking_code, code);
  assert.equal(a.description, DESCRIPTION);
  assert.deepEqual(a.attributes, { problem: 'pothole' });
  assert.equal(a.photos.length, 1);
  assert.equal(a.photos[0].media_type, 'image/png');
  assert.ok(a.location.lat && a.location.community_id, 'located');

  // Track by code: the public page.
  await page.getByRole('link', { name: '查看办理进度' }).click();
  await page.locator('#track-state', { hasText: '已提交' }).waitFor();
  assert.equal(await page.locator('#timeline li').count(), 1);
  await assertAccessible(page, 'track');
  // Anyone may track with the code typed in (lower case and spaces allowed).
  await page.goto(srv.url + '/#/track');
  await page.getByLabel('查询码（8 位字母或数字）').fill(code.toLowerCase().slice(0, 4) + ' ' + code.toLowerCase().slice(4));
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator('#track-state', { hasText: '已提交' }).waitFor();
  await page.goto(srv.url + '/#/track/ZZZZZZZZ');
  await page.getByText('没有找到这个查询码的诉求').waitFor();
  await page.close();
});

test('staff accept, dispatch, start and reply; only allowed steps are offered', async () => {
  const page = await browser.context.newPage();
  await signIn(page, WORKER, '#/staff');
  await page.locator('#queue-link').click();
  const row = page.locator(`#queue li[data-id="${id}"]`);
  await row.waitFor();
  await assertAccessible(page, 'appeals queue');
  // Filters: another category hides it, its own community shows it.
  await page.getByLabel('类别').selectOption('noise');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.locator('#queue-count', { hasText: '没有符合条件的诉求。' }).waitFor();
  const a = (await srv.fetch(`/api/v1/appeals/${id}`, { token: admin.token })).body;
  await page.goto(srv.url + `/#/staff/appeals?state=submitted&category=roads&area=c${a.location.community_id}`);
  await row.waitFor();
  await shot(page, 'appeals-queue', true);
  await row.locator('a').click();

  await page.locator('#case-state', { hasText: '已提交' }).waitFor();
  assert.deepEqual(await page.locator('#steps button').allTextContents(), ['受理', '合并为重复诉求']);
  // Masked contact; the worker (a dispatcher) may reveal it.
  assert.equal(await page.locator('#contact-text').textContent(), '王** 138****5678');
  await page.locator('#reveal').click();
  await page.locator('#contact-text', { hasText: '王阿姨 13812345678' }).waitFor();
  await assertAccessible(page, 'appeal case');

  // Someone else accepts first: this accept is refused with 409 and the
  // steps now allowed are offered instead.
  await page.locator('#steps button[data-step="accept"]').click();
  const r = await srv.fetch(`/api/v1/appeals/${id}/steps`, { method: 'POST', token: admin.token, json: { step: 'accept', note: '已受理' } });
  assert.equal(r.status, 200, r.text);
  await page.locator('#step-form button[type="submit"]').click();
  await page.locator('#step-error').waitFor();
  await page.getByText('您现在可以：派单、合并为重复诉求').waitFor();
  assert.deepEqual(await page.locator('#steps button').allTextContents(), ['派单', '合并为重复诉求']);
  await takeStep(page, 'dispatch', (f) => f.getByLabel('说明').fill('请住建局处理'));
  await page.locator('#case-state', { hasText: '已派单' }).waitFor();
  assert.equal(await page.locator('#assigned').textContent(), DEPT_ORG);
  assert.equal(await page.locator('#no-steps').count() + await page.locator('#steps button[data-step="merge"]').count(), 1);
  await signOut(page);

  // The department: start, then reply (the note is required).
  await signIn(page, DEPT, `#/staff/appeals/${id}`);
  await page.locator('#case-state', { hasText: '已派单' }).waitFor();
  assert.deepEqual(await page.locator('#steps button').allTextContents(), ['开始办理', '回退']);
  await takeStep(page, 'start');
  await page.locator('#case-state', { hasText: '办理中' }).waitFor();
  await takeStep(page, 'reply', async (f) => {
    await f.getByLabel('已解决').check();
    await f.getByLabel('说明（必填）').fill('已于今日修补路面坑洼，并清理积水。');
  });
  await page.locator('#case-state', { hasText: '已答复' }).waitFor();
  assert.equal(await page.locator('#events li').count(), 5);
  await assertAccessible(page, 'appeal case (replied)');
  await shot(page, 'appeal-case', true);
  await signOut(page);
  await page.close();
});

test('the resident answers the callback and the dashboard follows', async () => {
  const page = await browser.context.newPage();
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' }, '#/dashboard');
  const replied = await dashboard(page);
  assert.deepEqual(replied.rows, { submitted: 0, accepted: 0, dispatched: 0, returned: 0, in_progress: 0, replied: 1, callback: 0, closed: 0 });
  assert.equal(replied.total, 1);
  await signOut(page);

  await signIn(page, RESIDENT, `#/track/${code}`);
  await page.locator('#track-state', { hasText: '已答复' }).waitFor();
  await page.locator('#replies', { hasText: '已于今日修补路面坑洼' }).waitFor();
  const form = page.locator('#callback-form');
  await form.waitFor();
  await assertAccessible(page, 'callback');
  await shot(page, 'appeal-callback', true);
  await form.locator('#contacted-true').check();
  await form.locator('#solved-true').check();
  await form.getByLabel('基本满意').check();
  await form.getByRole('button', { name: '提交回访评价' }).click();
  await page.locator('#track-state', { hasText: '已回访' }).waitFor();
  await page.locator('#callback-given', { hasText: '基本满意' }).waitFor();
  assert.equal(await page.locator('#callback-form').count(), 0);
  const a = (await srv.fetch(`/api/v1/appeals/${id}`, { token: admin.token })).body;
  assert.deepEqual(a.callback, { contacted: true, solved: true, satisfaction: 'basically_satisfied' });
  await signOut(page);

  await page.setViewportSize({ width: 1100, height: 900 });
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' }, '#/dashboard');
  const after = await dashboard(page);
  assert.equal(after.rows.replied, 0);
  assert.equal(after.rows.callback, 1);
  assert.deepEqual(Object.fromEntries(Object.entries(after.rows).filter(([, n]) => n)), await apiCounts());
  // Nothing is overdue yet: the list says so (the next test makes one late).
  const late = (await srv.fetch('/api/v1/appeals/supervision', { token: admin.token })).body.items.filter((x) => x.urgency === 'overdue');
  assert.deepEqual(late, []);
  assert.equal(await page.locator('#overdue-table').count(), 0);
  await page.locator('#overdue-none').waitFor();
  // The three rates: the department's one callback (contacted, solved,
  // 基本满意) ranks it first: 100 %, 100 %, 90 %, composite
  // 0.1 × 1 + 0.5 × 1 + 0.4 × 0.9 = 0.96 — as the API says.
  const rates = (await srv.fetch('/api/v1/rates?by=department', { token: admin.token })).body;
  const first = rates.items[0];
  assert.equal(first.name, DEPT_ORG);
  assert.equal(first.composite, 0.96);
  const row = page.locator(`#rates-table tbody tr[data-id="${first.id}"]`);
  assert.deepEqual(await row.locator('td').allTextContents(), ['1', DEPT_ORG, '1', '100.0%', '100.0%', '90.0%', '96.0%']);
  await page.locator('#rates-chart canvas').waitFor();
  const plotted = await page.evaluate(() => {
    const o = window.echarts.getInstanceByDom(document.getElementById('rates-chart')).getOption();
    return Object.fromEntries(o.yAxis[0].data.map((name, i) => [name, o.series[0].data[i]]));
  });
  assert.deepEqual(plotted, { [DEPT_ORG]: 96 });
  // By community: the appeal's community, ranked alone.
  await page.locator('#rates-by').selectOption('community');
  await page.locator('#rates-table tbody tr td', { hasText: '凤山' }).first().waitFor();
  await page.locator('#rates-by').selectOption('department');
  await page.locator(`#rates-table tbody tr[data-id="${first.id}"]`).waitFor();
  await assertAccessible(page, 'dashboard with appeals');
  await shot(page, 'dashboard-appeals', true);
  await page.close();
});

// No appeal becomes overdue within a test's minutes: the server is started
// again on the same database with its test clock (--now) two hours and a
// minute past a new appeal's deadline; the dashboard lists that appeal, and
// only it, with how long it is overdue.
test('an appeal past its deadline is on the dashboard\'s overdue list', async () => {
  const raised = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
    category: 'sanitation', description: '垃圾清运点满溢多日无人处理。', lat: 37.5236, lon: 111.1405, anonymous: true } });
  assert.equal(raised.status, 201, raised.text);
  const late = raised.body;
  const due = (await srv.fetch(`/api/v1/appeals/${late.id}`, { token: admin.token })).body.due_at;
  assert.ok(due, 'the appeal has a deadline');
  await srv.stop();
  const at = Date.parse(due) + (2 * 3600 + 60) * 1000;
  srv.args.splice(srv.args.indexOf('--now'), 2);
  srv.args.push('--now', new Date(at + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00');
  await srv.start();
  await browser.context.clock.setFixedTime(new Date(at));
  const staff = await srv.login('admin', 'demo-admin-2026');
  const overdue = (await srv.fetch('/api/v1/appeals/supervision', { token: staff.token })).body.items.filter((x) => x.urgency === 'overdue');
  assert.deepEqual(overdue.map((x) => x.id), [late.id]);

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' }, '#/dashboard');
  const rows = page.locator('#overdue-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allTextContents();
  assert.deepEqual([cells[0], cells[1], cells[3]], [late.tracking_code, '已提交', '2 小时']);
  assert.equal(await page.locator('#overdue-none').count(), 0);
  await page.close();
});
