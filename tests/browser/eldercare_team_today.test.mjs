// The team phone view (#/staff/today, issue 16) in Chromium at 360 × 740 on
// the demo: the worker of 生态园银龄帮扶队 sees her team's errand (made here
// through the API, found by its id whatever the demo holds) and advances it
// step by step — start, deliver (a 422 from the server put by its field),
// settle in 元 sent as exact fen (19.99 is 1999, not 1998) with a receipt
// photo from the "camera" shrunk to a JPEG — and confirms; the volunteer
// confirms too (complete) and records the visit due after a reported fall; a
// step a teammate took meanwhile is said in words; another community's
// worker sees none of it; a volunteer on no team gets an empty, explained
// page. Every page fits 360 px without horizontal scroll, its targets are at
// least 48 px (60 in elder mode), and axe finds nothing serious.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { fenToYuan, yuanToFen } from '../../web/js/team_money.js';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const VOLUNTEER = { username: 'wangcuiping', password: 'demo-volunteer-2026' };
const OTHER = { username: 'renjianping', password: 'demo-worker-2026' };  // 西关社区, another team
const LONELY = { username: 'lonely.volunteer', password: 'lonely-pass-1', display_name: '孤单志愿者', role: 'volunteer' };

let srv;
let admin;
let browser;
let team;
let her;      // the elder of the errand
let fallen;   // the elder whose fall makes a visit due
let errand;
let pickup;   // a second errand, started behind the page's back

before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, LONELY);
  browser = await launch({ viewport: { width: 360, height: 740 } });
  const worker = await srv.login(WORKER.username, WORKER.password);
  const teams = (await srv.fetch('/api/v1/elder-teams', { token: admin.token })).body.items;
  team = teams.find((x) => x.worker_user_id === worker.user.id);
  assert.ok(team, 'the demo worker is on a team');
  const elders = (await srv.fetch('/api/v1/elders?limit=200', { token: admin.token })).body.items
    .filter((e) => e.team_id === team.id);
  assert.ok(elders.length >= 2, `${elders.length} elders paired with ${team.name}`);
  [her, fallen] = elders;
  const made = await srv.fetch(`/api/v1/elders/${her.id}/errands`, { method: 'POST', token: admin.token, json: {
    kind: 'shopping', note: '要嫩一点的',
    lines: [{ text: '西葫芦', quantity: 2, budget_fen: 1000 }, { text: '胡萝卜', quantity: 1, budget_fen: 550 }] } });
  assert.equal(made.status, 201, made.text);
  errand = made.body;
  assert.equal(errand.team_id, team.id, 'assigned at once to her team (on duty 24/7)');
  const med = await srv.fetch(`/api/v1/elders/${her.id}/errands`, { method: 'POST', token: admin.token, json: {
    kind: 'medicine', pharmacy: '离石区人民医院药房', what: '降压药一盒' } });
  assert.equal(med.status, 201, med.text);
  pickup = med.body;
  const change = await srv.fetch(`/api/v1/elders/${fallen.id}/changes`, { method: 'POST', token: admin.token,
    json: { kind: 'fall', note: '昨晚在家摔了一跤' } });
  assert.equal(change.status, 201, change.text);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('money: 元 typed ⇄ integer fen, exactly', () => {
  assert.equal(yuanToFen('19.99'), 1999);  // 19.99 * 100 = 1998.9999999999998 in floating point
  assert.equal(yuanToFen('20.1'), 2010);
  assert.equal(yuanToFen('0.11'), 11);
  assert.equal(yuanToFen('.5'), 50);
  assert.equal(yuanToFen('12.'), 1200);
  assert.equal(yuanToFen(' ¥1,234.56元 '), 123456);
  assert.equal(yuanToFen('１２．３０'), 1230, 'full-width digits and point');
  assert.equal(yuanToFen('1000000'), 100000000, 'the largest the server takes');
  for (const bad of ['', ' ', '-1', '1.234', 'abc', '1e3', '1000000.01', '0x10', '1.2.3']) {
    assert.equal(yuanToFen(bad), null, JSON.stringify(bad));
  }
  assert.equal(fenToYuan(1999), '19.99');
  assert.equal(fenToYuan(5), '0.05');
  assert.equal(fenToYuan(-250), '-2.50');
  assert.equal(fenToYuan(0), '0.00');
});

async function signedIn(who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
  return page;
}

async function openToday(page) {
  await page.locator('#today-link').click();
  await page.locator('#team-today[data-ready]').waitFor();
}

// No horizontal scroll at 360 px; every target in <main> at least 48 px
// (a radio's row, a hidden file input's label); no text under 18 px.
async function assertPhoneFit(page, where) {
  const m = await page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll('main a[href], main button, main input, main select, main textarea, main summary')) {
      let box = el;
      if (el.type === 'radio' || el.type === 'checkbox') box = el.closest('.choice') || el;
      else if (el.classList.contains('visually-hidden')) box = el.labels?.[0];
      const r = box?.getBoundingClientRect();
      if (!r || !r.width || !r.height) continue;
      if (Math.min(r.width, r.height) < 48) small.push(`${box.tagName}#${box.id} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    let minFont = Infinity;
    let minAt = '';
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || !n.parentElement.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
      if (size < minFont) { minFont = size; minAt = n.textContent.trim().slice(0, 20); }
    }
    return { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, small, minFont, minAt };
  });
  assert.ok(m.scroll <= m.width, `${where}: ${m.scroll} px wide in a ${m.width} px screen`);
  assert.deepEqual(m.small, [], `${where}: targets under 48 px`);
  assert.ok(m.minFont >= 18, `${where}: text of ${m.minFont} px (${m.minAt})`);
}

const card = (page, e) => page.locator(`#errand-${e.id}`);
const state = (page, e) => card(page, e).getAttribute('data-state');
const flash = (page) => page.locator('#today-status').textContent();
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

test('the worker advances her team\'s errand: start, deliver, settle with a photo, confirm', async () => {
  const page = await signedIn(WORKER);
  await openToday(page);
  assert.match(await page.locator('#today-teams').textContent(), new RegExp(team.name));
  const c = card(page, errand);
  const text = await c.textContent();
  for (const s of [her.name, her.address, '代购', '西葫芦 × 2', '胡萝卜 × 1', '预算 10.00 元', '要嫩一点的', '要求完成']) {
    assert.ok(text.includes(s), `${s} in ${text}`);
  }
  assert.doesNotMatch(text, /undefined|null|NaN/);
  assert.equal(await c.locator('a.today-tel').first().getAttribute('href'), 'tel:' + her.phones[0].replace(/[^\d+]/g, ''));
  assert.equal(await state(page, errand), 'assigned');
  assert.equal(await c.locator('button.today-next').count(), 1, 'one big button');
  await assertPhoneFit(page, 'team today');
  await assertAccessible(page, 'team today');
  await shot(page, 'team-today', true);

  // start: one tap.
  await page.locator(`#errand-${errand.id}-next[data-step="start"]`).click();
  await page.locator(`#errand-${errand.id}[data-state="doing"]`).waitFor();
  assert.equal(await flash(page), `已开始办理${her.name}的事。`);
  assert.equal(await focusedId(page), `errand-${errand.id}-next`, 'the focus is on the next step');

  // deliver, by keyboard: Enter opens the form and puts the focus in its first box.
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.id === `deliver-${id}-who`, errand.id);
  assert.equal(await page.locator(`#errand-${errand.id}-next`).getAttribute('aria-expanded'), 'true');
  // A name longer than the server takes (typed past maxlength): its 422 goes by the field, in words.
  await page.locator(`#deliver-${errand.id}-who`).evaluate((el) => { el.value = '张'.repeat(40); });
  await page.keyboard.press('Tab');
  await page.keyboard.type('45');
  await page.keyboard.press('Enter');
  const err = page.locator(`#deliver-${errand.id} [data-field="received_by"] .field-error`);
  await err.waitFor();
  assert.equal(await err.textContent(), '请写上谁收的货（姓名或称呼，最多 32 个字）。');
  assert.equal(await page.locator(`#deliver-${errand.id}-who`).getAttribute('aria-invalid'), 'true');
  assert.equal(await focusedId(page), `deliver-${errand.id}-who`);
  assert.match(await page.locator(`#deliver-${errand.id}-status`).textContent(), /没有保存/);
  await assertAccessible(page, 'deliver form with an error');
  await page.locator(`#deliver-${errand.id}-who`).fill('老伴李大爷');
  await page.keyboard.press('Enter');
  await page.locator(`#errand-${errand.id}[data-state="delivered"]`).waitFor();
  assert.equal(await flash(page), `已登记送到${her.name}家。下一步：结算。`);
  assert.match(await card(page, errand).textContent(), /收货人：老伴李大爷/);

  // settle: amounts in 元 (a bad one refused by its field before anything is sent), how paid, a receipt photo.
  await page.locator(`#errand-${errand.id}-next[data-step="settle"]`).click();
  const f = `#settle-${errand.id}`;
  await page.locator(`${f}-receipt`).fill('19.999');
  await page.locator(`${f}-advanced`).fill('20.1');
  await page.locator(`${f}-returned`).fill('0.11');
  const bodies = [];
  page.on('request', (r) => { if (r.url().endsWith(`/errands/${errand.id}/steps`)) bodies.push(r.postDataJSON()); });
  await page.locator(`${f} button[type="submit"]`).click();
  await page.locator(`${f} [data-field="receipt_fen"] .field-error`).waitFor();
  assert.equal(await page.locator(`${f} [data-field="receipt_fen"] .field-error`).textContent(),
    '请填收据上的金额，以元为单位，最多两位小数，如 23.50。');
  assert.equal(bodies.length, 0, 'nothing sent');
  await page.locator(`${f}-receipt`).fill('19.99');
  assert.equal(await page.locator(`${f}-balance`).textContent(), '结余：两清', '20.10 − 19.99 − 0.11 = 0');
  await page.locator(`${f}-paid-wechat`).check();
  // The camera's photo: a 3000 × 2000 picture, shrunk in a canvas to a JPEG.
  const png = await page.evaluate(() => {
    const cv = document.createElement('canvas');
    cv.width = 3000; cv.height = 2000;
    const g = cv.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#000'; g.font = '200px sans-serif';
    for (let y = 250; y < 2000; y += 300) g.fillText('收据 合计 19.99 元', 100, y);
    return cv.toDataURL('image/png').split(',')[1];
  });
  assert.equal(await page.locator(`${f}-photo`).getAttribute('capture'), 'environment');
  await page.locator(`${f}-photo`).setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await page.locator(`${f}-preview img`).waitFor();
  const size = await page.locator(`${f}-preview img`).evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.ok(size[0] <= 1600 && size[1] <= 1600, `shrunk to ${size}`);
  await assertPhoneFit(page, 'settle form with a photo');
  await assertAccessible(page, 'settle form');
  await shot(page, 'team-today-settle', true);
  await page.locator(`${f} button[type="submit"]`).click();
  await page.locator(`#errand-${errand.id}[data-state="settled"]`).waitFor();
  assert.equal(bodies.length, 1);
  const sent = bodies[0];
  assert.deepEqual([sent.receipt_fen, sent.advanced_fen, sent.returned_fen, sent.paid_by], [1999, 2010, 11, 'wechat']);
  assert.match(sent.receipt_photo, /^data:image\/jpeg;base64,/);
  assert.equal(await flash(page), `已结算${her.name}的账。请两名队员各自确认账目。`);
  // The receipt as the server keeps it, on the card for the confirmations.
  const receipt = card(page, errand).locator('a.today-receipt img');
  await receipt.waitFor();
  await page.waitForFunction((id) => document.querySelector(`#errand-${id} a.today-receipt img`)?.complete, errand.id);
  assert.ok(await receipt.evaluate((img) => img.naturalWidth) > 0, 'the receipt photo loads');

  // confirm: one tap; then she waits for the volunteer.
  await page.locator(`#errand-${errand.id}-next[data-step="confirm"]`).click();
  await page.locator(`#errand-${errand.id} .today-confirms`, { hasText: '您已确认' }).waitFor();
  assert.equal(await flash(page), `您已确认${her.name}的账目，等待队友确认。`);
  assert.equal(await card(page, errand).locator('button.today-next').count(), 0, 'nothing more for her to do');
  assert.match(await card(page, errand).textContent(), /网格员已确认；志愿者未确认/);
  await page.close();

  const got = (await srv.fetch(`/api/v1/errands/${errand.id}`, { token: admin.token })).body;
  assert.equal(got.delivered_to, '老伴李大爷');
  assert.equal(got.volunteer_minutes, 45);
  assert.deepEqual([got.settlement.receipt_fen, got.settlement.advanced_fen, got.settlement.returned_fen, got.settlement.balance_fen,
    got.settlement.paid_by], [1999, 2010, 11, 0, 'wechat']);
  assert.ok(got.confirmations.worker_at && !got.confirmations.volunteer_at);
});

test('a step a teammate took meanwhile is said in words, and refresh shows it', async () => {
  const page = await signedIn(WORKER);
  await openToday(page);
  assert.match(await card(page, pickup).textContent(), /到 离石区人民医院药房 取药：降压药一盒/);
  const started = await srv.fetch(`/api/v1/errands/${pickup.id}/steps`, { method: 'POST', token: admin.token, json: { step: 'start' } });
  assert.equal(started.status, 200, started.text);
  await page.locator(`#errand-${pickup.id}-next[data-step="start"]`).click();
  const status = page.locator(`#errand-${pickup.id}-status.error`);
  await status.waitFor();
  assert.match(await status.textContent(), /^没有保存：这件事的进度已经变了（可能队友刚办过）。请点“刷新”看最新进度。/);
  await page.locator('#today-refresh').click();
  await page.locator(`#errand-${pickup.id}[data-state="doing"]`).waitFor();
  assert.equal(await page.locator(`#errand-${pickup.id}-next`).getAttribute('data-step'), 'deliver');
  await page.close();
});

test('the volunteer confirms too (the errand is complete) and records the visit due after a fall', async () => {
  const page = await signedIn(VOLUNTEER);
  await openToday(page);
  assert.match(await card(page, errand).textContent(), /已结算，等待两名队员确认账目/);
  assert.match(await card(page, errand).textContent(), /收据 19.99 元，预付 20.10 元，找回 0.11 元，微信，两清/);
  assert.equal(await card(page, errand).locator('a.today-receipt img').count(), 1, 'the receipt photo to check the account by');
  await assertAccessible(page, 'a settled errand to confirm');
  await shot(page, 'team-today-confirm', true);
  await page.locator(`#errand-${errand.id}-next[data-step="confirm"]`).click();
  await page.locator(`#errand-${errand.id}`).waitFor({ state: 'detached' });
  assert.equal(await flash(page), `${her.name}的事已办完：两名队员都确认了账目。`);
  const done = (await srv.fetch(`/api/v1/errands/${errand.id}`, { token: admin.token })).body;
  assert.equal(done.complete, true);

  const v = page.locator(`#visit-${fallen.id}`);
  const vt = await v.textContent();
  // Why she is due as the API says (the fall, or her tier's interval when that ends sooner).
  const due = (await srv.fetch(`/api/v1/visits/due?team_id=${team.id}`, { token: admin.token })).body.items
    .find((i) => i.elder.id === fallen.id);
  assert.ok(due, 'the fall made her due');
  const why = { change: '情况有变化（如摔倒、住院），要尽快探访', interval: '定期探访', first_visit: '首次探访' }[due.due.reason];
  for (const s of [fallen.name, fallen.address, why, '探访期限']) assert.ok(vt.includes(s), `${s} in ${vt}`);
  await page.locator(`#visit-${fallen.id}-next`).click();
  const f = `#visit-form-${fallen.id}`;
  assert.equal(await focusedId(page), `visit-form-${fallen.id}-how-home`);
  await page.locator(`${f}-outcome-concern`).check();
  await page.locator(`${f}-findings`).fill('膝盖有淤青，能走动，已提醒家属带去复查。');
  await assertPhoneFit(page, 'visit form');
  await assertAccessible(page, 'visit form');
  await shot(page, 'team-today-visit', true);
  await page.locator(`${f} button[type="submit"]`).click();
  await page.locator(`#visit-${fallen.id}`).waitFor({ state: 'detached' });
  assert.match(await flash(page), new RegExp(`^已登记对${fallen.name}的探访。下次探访期限：`));
  const visits = (await srv.fetch(`/api/v1/elders/${fallen.id}/visits`, { token: admin.token })).body.items;
  assert.equal(visits[0].how, 'home');
  assert.equal(visits[0].outcome, 'concern');
  assert.equal(visits[0].findings, '膝盖有淤青，能走动，已提醒家属带去复查。');

  // Elder mode: the same page at 20 px text and 60 px targets.
  await page.locator('#elder-switch').click();
  await page.locator('#team-today[data-ready]').waitFor();
  await page.locator(`#errand-${pickup.id}-next`).click();
  await assertElder(page, 'team today, elder mode');
  await assertPhoneFit(page, 'team today, elder mode');
  await shot(page, 'team-today-elder', true);
  await page.locator('#elder-switch').click();
  await page.close();
});

test('another community\'s worker sees none of it; a volunteer on no team sees why her list is empty', async () => {
  const page = await signedIn(OTHER);
  await openToday(page);
  const text = await page.locator('#team-today').textContent();
  assert.ok(!text.includes(team.name), `${team.name} is not his team`);
  for (const name of [her.name, fallen.name]) assert.ok(!text.includes(name), `${name} is not his`);
  assert.equal(await page.locator(`#errand-${errand.id}, #errand-${pickup.id}, #visit-${fallen.id}`).count(), 0);
  await page.close();

  const lonely = await signedIn(LONELY);
  await openToday(lonely);
  const empty = await lonely.locator('#today-empty').textContent();
  assert.match(empty, /这里没有任务：您不在任何服务队里。/);
  assert.match(empty, /服务队由社区网格员组建/);
  assert.equal(await lonely.locator('.today-card').count(), 0);
  await assertPhoneFit(lonely, 'no team');
  await assertAccessible(lonely, 'no team');
  await shot(lonely, 'team-today-no-team');
  await lonely.close();
});
