// What the case page and the dashboard say, in the page's own language: no
// stray "null" under the case heading, a reopen after a dissatisfied callback
// worded in Chinese (or English) rather than a bilingual server note, and the
// rates row of appeals not yet dispatched named in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';

const SANITATION = { username: 'huanwei.staff', password: 'Huanwei-pass-2026', display_name: '环卫中心', role: 'department' };
// The server's and the browser's clock: mid-month, so the appeals below and
// the dashboard's "this month" rates fall in one month on any day.
const NOW = '2026-06-15T10:00:00+08:00';
let srv;
let admin;
let browser;
let reopened;
let accepted;
before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  await makeUser(srv, admin, SANITATION, '离石区环境卫生服务中心');
  const dept = await srv.login(SANITATION.username, SANITATION.password);
  const submit = async (description) => {
    const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
      category: 'sanitation', description, lat: 37.5236, lon: 111.1405, anonymous: true } });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const step = async (id, json, who) => {
    const r = await srv.fetch(`/api/v1/appeals/${id}/steps`, { method: 'POST', token: who.token, json });
    assert.equal(r.status, 200, r.text);
  };
  reopened = await submit('垃圾桶满了没人清');
  await step(reopened.id, { step: 'accept' }, admin);
  await step(reopened.id, { step: 'dispatch' }, admin);
  await step(reopened.id, { step: 'start' }, dept);
  await step(reopened.id, { step: 'reply', outcome: 'solved', note: '已清运' }, dept);
  await step(reopened.id, { step: 'callback', contacted: true, solved: false, satisfaction: 'dissatisfied' }, admin);
  await submit('楼道堆放杂物'); // stays submitted: its department row has no id
  accepted = await submit('路边垃圾没人收');
  await step(accepted.id, { step: 'accept' }, admin);
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedInPage(settings) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/staff'));
  await page.locator('#username, input[autocomplete="username"]').first().fill(ADMIN.username);
  await page.locator('input[type="password"]').fill(ADMIN.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => u.hash === '#/staff');
  return page;
}

test('Chinese: the case page has no "null" and words the reopen in Chinese; the rates row too', async () => {
  const page = await signedInPage({ lang: 'zh-CN' });
  await page.goto(srv.url + `/#/staff/appeals/${reopened.id}`);
  await page.locator('#events li').first().waitFor();
  const main = await page.locator('main').innerText();
  assert.ok(!/\bnull\b/.test(main), main.slice(0, 400));
  assert.match(main, /回访不满意，重新办理/);
  assert.ok(!/reopened after/i.test(main), 'English in the Chinese case page');
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#rates-table tbody tr').first().waitFor();
  const rates = await page.locator('#rates-table').innerText();
  assert.match(rates, /（未派至部门）/);
  assert.ok(!/not dispatched/i.test(rates), rates);
  await page.close();
});

test('English: the same reopen and rates row in English', async () => {
  const page = await signedInPage({ lang: 'en' });
  await page.goto(srv.url + `/#/staff/appeals/${reopened.id}`);
  await page.locator('#events li').first().waitFor();
  const main = await page.locator('main').innerText();
  assert.match(main, /Reopened after a dissatisfied callback/);
  assert.ok(!main.includes('重新办理'), 'Chinese server note in the English case page');
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#rates-table tbody tr').first().waitFor();
  assert.match(await page.locator('#rates-table').innerText(), /\(not dispatched to a department\)/);
  await page.close();
});

test('the public tracking answer carries the reason as a key, not a bilingual note', async () => {
  const t = await srv.fetch(`/api/v1/appeals/track/${reopened.tracking_code}`);
  const reopen = t.body.timeline.find((e) => e.action === 'reopen');
  assert.equal(reopen.reason, 'dissatisfied_callback');
  assert.equal(reopen.note, '');
});

test('the rates: a month picker, a CSV of the same table, and how each rate is computed', async () => {
  const page = await signedInPage({ lang: 'zh-CN' });
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#rates-table tbody tr').first().waitFor();
  const month = await page.locator('#rates-month').inputValue();
  assert.match(month, /^\d{4}-\d{2}$/);
  const explained = await page.locator('#rates-explained').innerText();
  for (const word of ['响应率', '解决率', '满意率', '回访']) assert.ok(explained.includes(word), explained);
  const href = await page.locator('#rates-csv').getAttribute('href');
  assert.match(href, new RegExp(`month=${month}`));
  assert.match(href, /format=csv/);
  const csv = await page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /^text\/csv/);
  assert.match(csv.text, /（未派至部门）/);
  // An earlier month: the heading follows, and that month has no callbacks.
  const [y, m] = month.split('-').map(Number);
  const earlier = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  await page.locator('#rates-month').fill(earlier);
  await page.locator('#rates-title', { hasText: earlier }).waitFor();
  await page.locator('#rates-none').waitFor();
  assert.match(await page.locator('#rates-csv').getAttribute('href'), new RegExp(`month=${earlier}`));
  await page.close();
});

test('dispatch offers its targets grouped by kind: departments, communities, grids, places', async () => {
  const page = await signedInPage({ lang: 'zh-CN' });
  await page.goto(srv.url + `/#/staff/appeals/${accepted.id}`);
  await page.locator('#steps button[data-step="dispatch"]').click();
  const groups = await page.locator('#target optgroup').evaluateAll((els) =>
    els.map((g) => ({ kind: g.dataset.kind, label: g.label, names: [...g.querySelectorAll('option')].map((o) => o.textContent) })));
  const byKind = Object.fromEntries(groups.map((g) => [g.kind, g]));
  assert.equal(byKind.department.label, '职能部门');
  assert.ok(byKind.department.names.includes('离石区城市管理局'), JSON.stringify(byKind.department));
  assert.equal(byKind.community.label, '社区');
  // Every community organisation of the demo district (the eldercare teams
  // brought more than the first one), each by its own name.
  assert.ok(byKind.community.names.includes('生态园社区'), JSON.stringify(byKind.community));
  assert.ok(byKind.community.names.every((n) => n.endsWith('社区')), JSON.stringify(byKind.community));
  assert.equal(new Set(byKind.community.names).size, byKind.community.names.length, 'no community twice');
  assert.equal(byKind.area.label, '按位置派至社区');
  assert.ok(byKind.area.names.includes('生态园'));
  assert.ok(!groups.some((g) => g.names.some((n) => /^(部门|网格)：/.test(n))), 'one label for every kind');
  await page.close();
});
