// Stored names never become markup (stored XSS → admin takeover). A keeper
// names a toilet `<img src=x onerror="window.__pwned=1">`; an admin renames a
// community and makes a department and a category (with its questions) named
// the same way, and an appeal of that category is described, replied to and
// called back with such text. Then the near screen, the facility screen, the
// appeal form, the track page, the staff queue and case screens and the
// dashboard are opened, every map marker hovered (Leaflet tooltips set
// innerHTML) and the charts swept with the pointer: nothing runs, no <img
// src=x> appears, the names show as literal text, and no page breaks the
// Content-Security-Policy, which the server sends on every web answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, KEEPER, startDemoServer } from './lib/demo.mjs';
import { assertClean, guardedPage, hoverChart, hoverMarkers, payload, watchContext } from './lib/xss.mjs';

// Each stored name runs a different number, so a failure names its source.
const NAMES = {
  facility: payload(1),
  community: payload(2),
  department: payload(3),
  category: payload(4),
  question: payload(5),
  answer: payload(6),
  description: '路灯不亮 ' + payload(7),
  reply: '已修复 ' + payload(8),
};

// The server's and the browser's clock: mid-month, so the appeals below and
// the dashboard's "this month" fall in one month on any day.
const NOW = '2026-06-15T10:00:00+08:00';
let srv;
let admin;
let browser;
let toilet;     // the keeper's toilet, renamed
let community;  // the renamed community
let closed;     // an appeal worked through to its callback: {id, tracking_code}
let open;       // an appeal left submitted at the same place (offered as similar)

async function ok(res, status = 200) {
  const r = await res;
  assert.equal(r.status, status, r.text);
  return r.body;
}

const step = (id, json, who) => ok(srv.fetch(`/api/v1/appeals/${id}/steps`, { method: 'POST', token: who.token, json }));

before(async () => {
  let keeperOrgId;
  ({ srv, admin, keeperOrgId } = await startDemoServer({ now: NOW }));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
  await watchContext(browser.context);

  // The keeper names its own toilet.
  const keeper = await srv.login(KEEPER.username, KEEPER.password);
  const toilets = (await srv.fetch('/api/v1/facilities?kind=toilet&limit=200')).body.items;
  toilet = toilets.find((f) => f.keeper_org_id === keeperOrgId);
  toilet = await ok(srv.fetch(`/api/v1/facilities/${toilet.id}`, { method: 'PATCH', token: keeper.token, json: { name: NAMES.facility } }));
  assert.equal(toilet.name, NAMES.facility);

  // An admin renames a community and makes a department and its category.
  community = (await srv.fetch('/api/v1/areas/communities')).body.items[0];
  await ok(srv.fetch(`/api/v1/areas/${community.id}`, { method: 'PATCH', token: admin.token, json: { name: NAMES.community } }));
  const org = await ok(srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token,
    json: { kind: 'department', name: NAMES.department } }), 201);
  const dept = await srv.createUser(admin, 'xss_dept', 'department', [org.id]); // before its category: somebody must act
  await ok(srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: {
    code: 'xss_lamp', name_zh: NAMES.category, name_en: NAMES.category, group: '城市管理', department_org_id: org.id,
    response_hours: 24, resolution_days: 5,
    attributes: [{ code: 'where', datatype: 'singlevaluelist', required: false, order: 1, description: NAMES.question,
      values: [{ key: 'pole', name: NAMES.answer }] }] } }), 201);
  const worker = await srv.createUser(admin, 'xss_worker', 'worker');
  const resident = await srv.createUser(admin, 'xss_resident', 'resident');

  // Appeals in the renamed community: one replied and called back (so the
  // department and the community are ranked in this month's rates), one open.
  const raise = () => ok(srv.fetch('/api/v1/appeals', { method: 'POST', token: resident.token, json: {
    category: 'xss_lamp', description: NAMES.description, attributes: { where: 'pole' },
    lat: community.lat, lon: community.lon, contact: { name: '李毅', phone: '13812345678' } } }), 201);
  closed = await raise();
  await step(closed.id, { step: 'accept' }, worker);
  await step(closed.id, { step: 'dispatch' }, worker);
  await step(closed.id, { step: 'start' }, dept);
  await step(closed.id, { step: 'reply', outcome: 'solved', note: NAMES.reply, public: true }, dept);
  await step(closed.id, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, worker);
  open = await raise();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('the server sends a strict Content-Security-Policy and nosniff', async () => {
  const page = await srv.fetch('/');
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy') || '';
  assert.match(csp, /(^|;)\s*script-src 'self'\s*(;|$)/, `GET / Content-Security-Policy: ${csp}`);
  assert.match(csp, /(^|;)\s*frame-ancestors 'none'\s*(;|$)/, `GET / Content-Security-Policy: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  const health = await srv.fetch('/api/v1/health');
  assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
});

test('a facility named like markup is text on the near and facility screens', async () => {
  const page = await guardedPage(browser.context);
  await page.goto(srv.url + `/#/near?kind=toilet&lat=${toilet.lat}&lon=${toilet.lon}&when=any`);
  await page.locator('.result-name').first().waitFor();
  assert.ok((await page.locator('.result-name').allTextContents()).includes(NAMES.facility));
  const tips = await hoverMarkers(page, '#near-map');
  await assertClean(page, 'near');
  assert.ok(tips.includes(NAMES.facility), `the marker's tooltip shows the name: ${tips}`);

  await page.goto(srv.url + `/#/f/${toilet.id}`);
  await page.locator('h1', { hasText: NAMES.facility }).waitFor();
  assert.equal(await page.locator('h1').textContent(), NAMES.facility);
  const tip = await hoverMarkers(page, '.map');
  await assertClean(page, 'facility');
  assert.deepEqual(tip, [NAMES.facility]);

  // The near screen from the renamed community: its name in the note and the list.
  await page.goto(srv.url + `/#/near?kind=toilet&community=${community.id}&when=any`);
  await page.locator('#results-title').waitFor();
  assert.ok((await page.locator('.results .note').textContent()).includes(NAMES.community));
  assert.ok((await page.locator('#near-summary-text').textContent()).includes(NAMES.community));
  await page.getByRole('button', { name: '修改' }).click();  // results first: the form is folded
  assert.ok((await page.locator('#community option').allTextContents()).includes(NAMES.community));
  await hoverMarkers(page, '#near-map');
  await assertClean(page, 'near from the community');
  await page.close();
});

test('community, category and question names are text in the appeal form', async () => {
  const page = await guardedPage(browser.context);
  await page.goto(srv.url + '/#/appeal/new');
  const tips = await hoverMarkers(page, '#appeal-map');
  await assertClean(page, 'appeal form map');
  assert.ok(tips.includes(NAMES.community), `the community's tooltip shows its name: ${tips}`);
  await page.locator('#category').selectOption('xss_lamp');
  assert.equal(await page.locator('#category option:checked').textContent(), NAMES.category);
  assert.ok((await page.locator('#questions label').textContent()).startsWith(NAMES.question));
  assert.ok((await page.locator('#attr-where option').allTextContents()).includes(NAMES.answer));
  // A community as the place: the pin is named, and the open appeal offered.
  await page.locator('#appeal-community').selectOption(String(community.id));
  await page.locator('#pin-status', { hasText: NAMES.community }).waitFor();
  await page.locator('#similar .similar-list li').first().waitFor();
  assert.equal(await page.locator('#similar .result-name').first().textContent(), NAMES.description);
  await hoverMarkers(page, '#appeal-map');
  await assertClean(page, 'appeal form');
  await page.close();
});

test('staff screens and the dashboard charts show the names as text', async () => {
  const page = await guardedPage(browser.context);
  await page.goto(srv.url + `/#/track/${closed.tracking_code}`);
  await page.locator('#replies').waitFor();
  assert.ok((await page.locator('#replies').textContent()).includes(NAMES.reply));
  assert.ok((await page.locator('.facts').textContent()).includes(NAMES.category));
  await assertClean(page, 'track');

  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/dashboard'));
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#rates-chart canvas').waitFor();
  assert.ok((await page.locator('#rates-table').textContent()).includes(NAMES.department));
  // The rates chart plots `name` (as canvas text: read it from the chart itself).
  const plotted = (name) => page.waitForFunction((n) => {
    const chart = window.echarts?.getInstanceByDom(document.getElementById('rates-chart'));
    return chart?.getOption().yAxis[0].data.includes(n);
  }, name);
  await plotted(NAMES.department);
  for (const chart of ['#kinds-chart', '#appeals-chart', '#rates-chart']) await hoverChart(page, chart);
  await assertClean(page, 'dashboard by department');
  await page.locator('#rates-by').selectOption('community');
  await page.locator('#rates-table', { hasText: NAMES.community }).waitFor();
  await plotted(NAMES.community);
  await hoverChart(page, '#rates-chart');
  await assertClean(page, 'dashboard by community');

  // The admin's workbench lists the keeper's facility; its editor shows the name.
  await page.goto(srv.url + '/#/staff');
  await page.locator('.kept a', { hasText: NAMES.facility }).waitFor();
  await assertClean(page, 'workbench');
  await page.goto(srv.url + `/#/staff/f/${toilet.id}`);
  await page.locator('#name').waitFor();
  assert.equal(await page.locator('#name').inputValue(), NAMES.facility);
  assert.ok((await page.locator('p.kind').textContent()).startsWith(NAMES.facility));
  await assertClean(page, 'facility editor');

  await page.goto(srv.url + '/#/staff/appeals?state=all');
  await page.locator('#queue li').first().waitFor();
  const queue = await page.locator('#queue').textContent();
  assert.ok(queue.includes(NAMES.category) && queue.includes(NAMES.community));
  await assertClean(page, 'queue');

  for (const a of [closed, open]) {
    await page.goto(srv.url + `/#/staff/appeals/${a.id}`);
    await page.locator('#events').waitFor();
    const facts = await page.locator('.facts').textContent();
    for (const name of [NAMES.category, NAMES.description, NAMES.question, NAMES.answer, NAMES.community]) {
      assert.ok(facts.includes(name), `case ${a.id}: ${name}`);
    }
    await assertClean(page, `case ${a.id}`);
  }
  await page.close();
});
