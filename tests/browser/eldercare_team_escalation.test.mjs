// The nobody-answers escalation on the team phone view (#/staff/today,
// issue 16) in Chromium at 360 × 740 on the demo: a visit where nobody
// answered, recorded 40 minutes ago through the API for an elder of the
// worker's team, puts the clock (past its 30 minutes) and the next step on
// her card; the worker taps through each emergency contact (not reached; a
// 422 from the server first, in words) and then the community duty phone
// (reached), each step checked through the API; a step a teammate recorded
// meanwhile (409) is said in words. Fits 360 px; axe finds nothing serious.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const VOLUNTEER = { username: 'wangcuiping', password: 'demo-volunteer-2026' };  // the same team

let srv;
let admin;
let browser;
let her;     // an elder of the worker's team with emergency contacts
let visit;   // the nobody-answers visit

before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 360, height: 740 } });
  const worker = await srv.login(WORKER.username, WORKER.password);
  const teams = (await srv.fetch('/api/v1/elder-teams', { token: admin.token })).body.items;
  const team = teams.find((x) => x.worker_user_id === worker.user.id);
  assert.ok(team, 'the demo worker is on a team');
  const due = (await srv.fetch(`/api/v1/visits/due?team_id=${team.id}`, { token: admin.token })).body.items;
  const escalating = new Set(due.filter((i) => i.due.reason === 'escalation').map((i) => i.elder.id));
  const listed = (await srv.fetch('/api/v1/elders?limit=200', { token: admin.token })).body.items
    .filter((e) => e.team_id === team.id && !escalating.has(e.id));
  for (const e of listed) {
    const full = (await srv.fetch(`/api/v1/elders/${e.id}`, { token: admin.token })).body;
    if (full.emergency_contacts?.length) { her = full; break; }
  }
  assert.ok(her, `an elder of ${team.name} with emergency contacts`);
  const made = await srv.fetch(`/api/v1/elders/${her.id}/visits`, { method: 'POST', token: admin.token, json: {
    how: 'phone', outcome: 'nobody_answers', visited_at: new Date(Date.now() - 40 * 60000).toISOString() } });
  assert.equal(made.status, 201, made.text);
  visit = made.body;
  assert.ok(visit.escalation, 'nobody answered: an escalation is open');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function steps() {
  const r = await srv.fetch(`/api/v1/elders/${her.id}/visits?limit=50`, { token: admin.token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.find((v) => v.id === visit.id).escalation;
}

async function openToday(who = WORKER) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
  await page.locator('#today-link').click();
  await page.locator('#team-today[data-ready]').waitFor();
  return page;
}

async function assertFits(page, where) {
  const m = await page.evaluate((id) => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
    small: [...document.querySelectorAll(`#esc-${id} button, #esc-${id} a`)]
      .map((b) => b.getBoundingClientRect()).filter((r) => r.width && Math.min(r.width, r.height) < 48).length,
  }), visit.id);
  assert.ok(m.scroll <= m.width, `${where}: ${m.scroll} px wide in ${m.width}`);
  assert.equal(m.small, 0, `${where}: targets under 48 px`);
}

test('the team\'s volunteer sees the clock and the first contact to call', async () => {
  const page = await openToday(VOLUNTEER);
  await page.locator(`#visit-${her.id} #esc-${visit.id}`).waitFor();
  assert.equal(await page.locator(`#esc-${visit.id}-clock`).getAttribute('data-passed'), '1');
  const c = her.emergency_contacts[0];
  assert.equal(await page.locator(`#esc-${visit.id}-contact-label`).textContent(),
    `联系人 ${[c.relation, c.name].filter(Boolean).join(' ')}`);
  assert.equal(await page.locator(`#esc-${visit.id}-steps`).count(), 0, 'no step taken yet');
  await page.close();
});

test('the worker records the escalation: each contact, then the duty phone, each step saved', async () => {
  const page = await openToday();
  const block = page.locator(`#visit-${her.id} #esc-${visit.id}`);
  await block.waitFor();
  const clock = page.locator(`#esc-${visit.id}-clock`);
  assert.equal(await clock.getAttribute('data-passed'), '1', 'past its 30 minutes');
  assert.match(await clock.textContent(), /^无人应答已 4\d 分钟。 已超过 30 分钟时限$/);
  assert.doesNotMatch(await block.textContent(), /undefined|null|NaN/);
  await assertFits(page, 'escalation');
  await assertAccessible(page, 'team today with an escalation');
  await block.scrollIntoViewIfNeeded();
  await shot(page, 'team-escalation');

  const contacts = her.emergency_contacts;
  // A 422 from the server, in words (the page sent a step the server would not take).
  await page.route(`**/api/v1/visits/${visit.id}/escalation`, (route) => route.fulfill({
    status: 422, contentType: 'application/problem+json',
    body: JSON.stringify({ status: 422, title: 'invalid', errors: [{ field: 'result', message: 'must be reached or not_reached' }] }) }), { times: 1 });
  await page.locator(`#esc-${visit.id}-contact-not_reached`).click();
  const status = page.locator(`#esc-${visit.id}-status`);
  await page.waitForFunction((id) => /没有保存/.test(document.getElementById(`esc-${id}-status`)?.textContent), visit.id);
  assert.equal(await status.textContent(), '没有保存：服务器不接受这一步（result: must be reached or not_reached）。');
  assert.equal(await page.evaluate(() => document.activeElement?.id), `esc-${visit.id}-status`);
  assert.equal((await steps()).steps.length, 0, 'nothing saved');

  for (let i = 0; i < contacts.length; i += 1) {
    const c = contacts[i];
    const group = page.locator(`#esc-${visit.id}-contact`);
    const label = await group.locator(`#esc-${visit.id}-contact-label`).textContent();
    assert.equal(label, `联系人 ${[c.relation, c.name].filter(Boolean).join(' ')}`);
    assert.equal(await group.locator('a.today-tel').getAttribute('href'), 'tel:' + c.phone.replace(/[^\d+]/g, ''));
    await page.locator(`#esc-${visit.id}-contact-not_reached`).click();
    await page.waitForFunction(([id, n]) => document.querySelectorAll(`#esc-${id}-steps li`).length === n, [visit.id, i + 1]);
    assert.equal(await page.locator('#today-status').textContent(), `已登记：${label}——未联系上。`);
    const esc = await steps();
    assert.equal(esc.steps.length, i + 1);
    assert.deepEqual([esc.steps[i].kind, esc.steps[i].contact_index, esc.steps[i].result], ['contact', i, 'not_reached']);
  }

  const duty = page.locator(`#esc-${visit.id}-duty_phone`);
  await duty.waitFor();
  assert.equal(await page.locator(`#esc-${visit.id}-contact`).count(), 0, 'no contact is left');
  assert.equal(await page.locator(`#esc-${visit.id}-duty_phone-label`).textContent(), '社区值班电话');
  await assertAccessible(page, 'the duty phone step');
  await page.locator(`#esc-${visit.id}-duty_phone-reached`).click();
  await page.locator(`#esc-${visit.id}-resolved`).waitFor();
  assert.equal(await page.locator('#today-status').textContent(), '已登记：社区值班电话——已联系上。');
  const esc = await steps();
  assert.deepEqual(esc.steps.map((s) => [s.kind, s.result]).slice(-1), [['duty_phone', 'reached']]);
  assert.deepEqual(esc.next_steps, ['resolved']);
  assert.equal(await page.locator(`#esc-${visit.id}-duty_phone`).count(), 0);

  // A teammate resolves it meanwhile: the page's step is a 409, said in words.
  const other = await srv.fetch(`/api/v1/visits/${visit.id}/escalation`, { method: 'POST', token: admin.token,
    json: { kind: 'resolved', result: 'found_well' } });
  assert.equal(other.status, 201, other.text);
  await page.locator(`#esc-${visit.id}-resolved-found_needing_help`).click();
  await page.waitForFunction((id) => /没有保存/.test(document.getElementById(`esc-${id}-status`)?.textContent), visit.id);
  assert.match(await status.textContent(), /^没有保存：现在不该登记这一步（可能队友刚登记过）。请点“刷新”看下一步。（.+）$/);
  assert.equal((await steps()).steps.at(-1).result, 'found_well', 'the teammate\'s step stands');
  await page.locator('#today-refresh').click();
  await page.locator(`#esc-${visit.id}`).waitFor({ state: 'detached' });
  await page.close();
});
