// The family member's screen (#/me/family, issue 16: "Family member: request
// an errand for their elder and follow it") in Chromium at 360 × 740 on the
// demo: a resident linked by the admin (with the elder's consent) to an elder
// of 生态园银龄帮扶队 signs in with her password, sees the elder and her
// team's phone, asks for shopping in two lines, sees it under way; the team
// settles it through the API and the page, reloaded, shows the amounts. An
// unlinked resident sees an explained empty page. No horizontal scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { makeUser, startDemoServer } from './lib/demo.mjs';

const DAUGHTER = { username: 'wang.nver', password: 'wang-nver-pass-1', display_name: '王女儿', role: 'resident' };
const NEIGHBOUR = { username: 'lin.ju', password: 'lin-ju-pass-1', display_name: '邻居', role: 'resident' };
const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };

let srv;
let admin;
let browser;
let her;

before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, DAUGHTER);
  await makeUser(srv, admin, NEIGHBOUR);
  browser = await launch({ viewport: { width: 360, height: 740 } });
  const worker = await srv.login(WORKER.username, WORKER.password);
  const teams = (await srv.fetch('/api/v1/elder-teams', { token: admin.token })).body.items;
  const team = teams.find((x) => x.worker_user_id === worker.user.id);
  her = (await srv.fetch('/api/v1/elders?limit=200', { token: admin.token })).body.items.find((e) => e.team_id === team.id);
  assert.ok(her, 'an elder paired with the demo team');
  const daughter = await srv.login(DAUGHTER.username, DAUGHTER.password);
  const link = await srv.fetch(`/api/v1/elders/${her.id}/family`, { method: 'POST', token: admin.token, json: {
    user_id: daughter.user.id, relation: '女儿', consent: { basis: 'consent', note: '本人电话同意' } } });
  assert.equal(link.status, 201, link.text);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/me/family'));
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('#password').press('Enter');
  await page.locator('#family-elders').waitFor();
  return page;
}

async function assertFits(page, where) {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  assert.ok(m.scroll <= m.width, `${where}: ${m.scroll} px wide in a ${m.width} px screen`);
}

test('a linked family member asks for shopping and follows it to the account', async () => {
  const page = await signedIn(DAUGHTER);
  const section = page.locator(`section[data-elder="${her.id}"]`);
  await section.waitFor();
  assert.match(await section.locator('h2').textContent(), new RegExp(her.name.slice(0, 1)));
  assert.equal(await section.locator('a[href^="tel:"]').count(), 1, 'her team\'s phone');
  await assertFits(page, 'my family');

  await section.locator('textarea').fill('西葫芦 两个\n胡萝卜 一斤');
  await section.getByRole('button', { name: '提交' }).click();
  const row = section.locator('.family-errands li', { hasText: '西葫芦' });  // the demo's errands may be there too
  await row.waitFor();
  assert.match(await row.textContent(), /西葫芦 两个、胡萝卜 一斤/);
  assert.match(await row.locator('.family-state').textContent(), /已派给小组|已受理/);

  // The team runs it and settles.
  const id = Number(await row.getAttribute('data-errand'));
  for (const body of [{ step: 'start' }, { step: 'deliver', received_by: '老人本人' }, { step: 'settle', receipt_fen: 1260, advanced_fen: 2000, returned_fen: 740, paid_by: 'cash' }]) {
    const r = await srv.fetch(`/api/v1/errands/${id}/steps`, { method: 'POST', token: admin.token, json: body });
    assert.equal(r.status, 200, r.text);
  }
  await page.reload();
  const settled = page.locator(`li[data-errand="${id}"]`);
  await settled.waitFor();
  assert.match(await settled.locator('.family-state').textContent(), /已结账/);
  assert.match(await settled.locator('.family-amounts').textContent(), /12\.60 元.*20\.00 元.*7\.40 元/);
  await assertFits(page, 'settled');
  await page.close();
});

test('a resident linked to nobody sees why, and nothing of anyone', async () => {
  const page = await signedIn(NEIGHBOUR);
  await page.locator('#family-none').waitFor();
  assert.equal(await page.locator('section[data-elder]').count(), 0);
  await assertFits(page, 'no family');
  await page.close();
});
