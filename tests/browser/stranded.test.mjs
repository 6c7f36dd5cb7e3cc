// The dashboard warns admins and district workers about categories whose
// default target has nobody left to act (the demo's fire department loses its
// only account): first on the page, in words (⚠ and a heading, not only a
// red border). An admin fixes it there — a target that has nobody either is
// refused with the server's message naming it, a good one clears the warning;
// a district worker is told to ask an admin; a community worker, a
// department and a resident see no warning. Elder mode keeps its sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

const DISTRICT = { username: 'zhongxin', password: 'Zhongxin-pass-2026', display_name: '区指挥中心', role: 'worker' };
let srv;
let admin;
let browser;

before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, DISTRICT);
  const users = await srv.fetch('/api/v1/users?limit=200', { token: admin.token });
  const fire = users.body.items.find((u) => u.username === 'xiaofang');
  const off = await srv.fetch(`/api/v1/users/${fire.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  browser = await launch({ viewport: { width: 1100, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function pageAs(user, password, settings = { lang: 'zh-CN' }) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/dashboard'));
  await page.locator('#username, input[autocomplete="username"]').first().fill(user);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => u.hash === '#/dashboard');
  await page.locator('#appeals-table').waitFor();
  return page;
}

test('others see no warning: a community worker, a department, and nobody signed in', async () => {
  for (const [user, password] of [['liangjunlian', 'demo-worker-2026'], ['chengguan', 'demo-department-2026']]) {
    const page = await pageAs(user, password);
    assert.equal(await page.locator('#stranded').count(), 0, user);
    await page.close();
  }
  const page = await browser.context.newPage();
  await browser.context.clearCookies();
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#kinds-table').waitFor();
  assert.equal(await page.locator('#stranded').count(), 0);
  await page.close();
});

test('a district worker is warned and told to ask an admin', async () => {
  const page = await pageAs(DISTRICT.username, DISTRICT.password);
  await page.locator('#stranded').waitFor();
  const text = await page.locator('#stranded').innerText();
  assert.match(text, /消防安全：默认承办单位「离石区消防救援大队」没有能办理的在用账号/);
  assert.match(text, /请联系管理员/);
  assert.equal(await page.locator('#stranded form').count(), 0);
  await page.close();
});

test('an admin sees it first and fixes it there; a target with nobody is refused by name', async () => {
  const page = await pageAs(ADMIN.username, ADMIN.password);
  await page.locator('#stranded').waitFor();
  // First after the heading, before the facilities.
  const order = await page.locator('main h1 ~ section').evaluateAll((els) => els.map((e) => e.id || e.getAttribute('aria-labelledby')));
  assert.equal(order[0], 'stranded', order.join(', '));
  assert.match(await page.locator('#stranded-title').textContent(), /⚠/);
  const item = page.locator('#stranded li[data-code="fire_safety"]');
  await shot(page, 'dashboard-stranded');
  // 区总工会 has only a keeper: refused, and the message names it.
  await item.locator('select').selectOption({ label: '离石区总工会' });
  await item.locator('button[type="submit"]').click();
  await item.locator('.error').waitFor();
  assert.match(await item.locator('.error').textContent(), /「离石区总工会」没有能办理派单诉求的在用账号/);
  // 区城管局 has chengguan: saved, and the warning says so.
  await item.locator('select').selectOption({ label: '离石区城市管理局' });
  await item.locator('button[type="submit"]').click();
  await page.locator('#stranded .ok').waitFor();
  assert.match(await page.locator('#stranded').innerText(), /已全部处理/);
  const cat = await srv.fetch('/api/v1/appeal-categories/fire_safety');
  const orgs = await srv.fetch('/api/v1/organisations?limit=200', { token: admin.token });
  assert.equal(orgs.body.items.find((o) => o.id === cat.body.department_org_id).name, '离石区城市管理局');
  assert.deepEqual((await srv.fetch('/api/v1/appeal-categories/stranded', { token: admin.token })).body.items, []);
  await page.close();
});

test('English and elder mode: the warning in English, 20 px text and large targets', async () => {
  // Strand one again: the traffic police lose their account.
  const users = await srv.fetch('/api/v1/users?limit=200', { token: admin.token });
  const police = users.body.items.find((u) => u.username === 'jiaojing');
  assert.equal((await srv.fetch(`/api/v1/users/${police.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } })).status, 200);
  let page = await pageAs(ADMIN.username, ADMIN.password, { lang: 'en' });
  await page.locator('#stranded').waitFor();
  const text = await page.locator('#stranded').innerText();
  assert.match(text, /Illegal parking: Default target “离石区公安局交通警察大队” has no active account that can act/);
  assert.ok(!/默认承办单位/.test(text), text);
  await page.close();
  page = await pageAs(ADMIN.username, ADMIN.password, { elder: true });
  await page.locator('#stranded form').waitFor();
  const sizes = await page.locator('#stranded').evaluate((box) => {
    const all = (sel, f) => [...box.querySelectorAll(sel)].map(f);
    return {
      fonts: all('p, label, strong, h2, option', (el) => parseFloat(getComputedStyle(el).fontSize)),
      targets: all('select, button', (el) => Math.min(el.getBoundingClientRect().width, el.getBoundingClientRect().height)),
    };
  });
  assert.ok(sizes.fonts.length >= 4 && sizes.targets.length >= 2, JSON.stringify(sizes));
  assert.ok(Math.min(...sizes.fonts) >= 20, `text of ${Math.min(...sizes.fonts)}px`);
  assert.ok(Math.min(...sizes.targets) >= 60, `a target of ${Math.min(...sizes.targets)}px`);
  await assertElder(page, 'dashboard with the warning (elder)');
  await page.close();
});
