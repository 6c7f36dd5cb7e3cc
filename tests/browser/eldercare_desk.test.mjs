// The phone desk and the elders' screens (issue 16) in Chromium on the demo
// (36 elders, each with a red proxy card): a card number typed at the desk
// opens the elder in one step (keystrokes counted, time printed); a caller's
// phone does too; a revoked card, an unknown card and an unknown phone say so
// in Chinese and keep the focus in the box; a worker of another community is
// refused and a district worker sees the masked record, and the pages say
// so; the new-elder form puts the server's 422 field errors by their fields,
// then records her; her page issues a card, prints, exports, shows the
// history and closes the record. Names are text, never markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';
import { assertElder } from './lib/elder.mjs';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };
const DISTRICT = { username: 'district.worker', password: 'district-pass-1', display_name: '区级网格员', role: 'worker' };

let srv;
let admin;
let browser;
let elders;
let sty;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, DISTRICT);
  browser = await launch();
  elders = (await srv.fetch('/api/v1/elders?limit=200', { token: admin.token })).body.items;
  assert.ok(elders.length >= 30, `${elders.length} demo elders`);
  const worker = await srv.login(WORKER.username, WORKER.password);
  const his = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items;
  sty = his[0].community_id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function cardOf(e) {
  const r = await srv.fetch(`/api/v1/elders/${e.id}/card`, { token: admin.token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

// The Damm check digit (the card numbers' last digit).
const DAMM = ['0317598642', '7092154863', '4206871359', '1750983426', '6123045978',
  '3674209581', '5869720134', '8945362017', '9438617205', '2581436790'];
const damm = (digits) => [...digits].reduce((i, d) => Number(DAMM[i][Number(d)]), 0);

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

// Opens the desk from the workbench; resolves once the box has the focus.
async function openDesk(page) {
  await page.locator('#desk-link').click();
  await page.waitForFunction(() => document.activeElement?.id === 'desk-q');
  await page.evaluate(() => {
    window.keystrokes = 0;
    document.addEventListener('keydown', () => { window.keystrokes += 1; }, true);
  });
}

// Types `text` and Enter into the focused box; resolves to {keys, ms}.
async function ask(page, text, ready) {
  await page.evaluate(() => { window.keystrokes = 0; });
  const t0 = Date.now();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.locator(ready).first().waitFor();
  return { keys: await page.evaluate(() => window.keystrokes), ms: Date.now() - t0 };
}

const status = (page) => page.locator('#desk-status').textContent();
const focused = (page) => page.evaluate(() => document.activeElement?.id);

test('the desk: a card number opens the elder in one step; a phone does too', async () => {
  const page = await signedIn(ADMIN);
  await openDesk(page);
  const e = elders.find((x) => x.categories.length && x.emergency_contacts.length && x.needs);
  const card = await cardOf(e);
  const { keys, ms } = await ask(page, card.number, `.desk-elder[data-id="${e.id}"]`);
  console.log(`phone desk: card number → elder in ${keys} keystrokes, ${ms} ms (typing included)`);
  assert.ok(keys <= 11, `${keys} keystrokes: ten digits and Enter`);
  assert.equal(await status(page), `找到：${e.name}`);
  const shown = await page.locator('.desk-elder').textContent();
  for (const c of e.categories) {
    const zh = { living_alone: '独居', empty_nest: '空巢', left_behind: '留守', disabled: '失能', severely_disabled: '重残',
      lost_only_child: '计生特殊家庭', extreme_poverty: '特困', subsistence_allowance: '低保' }[c];
    assert.ok(shown.includes(zh), `category ${c} as ${zh}`);
  }
  assert.ok(shown.includes({ high: '高风险', priority: '重点', general: '一般' }[e.risk_tier]));
  assert.ok(shown.includes(e.phones[0]) && shown.includes(e.emergency_contacts[0].name));
  assert.ok(shown.includes(card.number_display), 'the card number as printed');
  assert.match(shown, /\d+ 岁/);
  // The team on duty as the API has it (GET /elders/{id}/on-duty), or "not yet" on a server without teams.
  const duty = await srv.fetch(`/api/v1/elders/${e.id}/on-duty`, { token: admin.token });
  const dutyText = duty.status === 404 ? '值班服务队系统尚未提供'
    : duty.body.team ? `值班服务队${duty.body.team.name}` : '值班服务队现在没有服务队值班';
  assert.ok(shown.includes(dutyText), `${dutyText} in ${shown}`);
  assert.doesNotMatch(shown, /undefined|null|NaN/);
  assert.equal(await focused(page), `desk-elder-${e.id}`, 'the focus on her (E errand, V visit); a digit goes back to the box');
  await assertAccessible(page, 'desk with an elder');
  await shot(page, 'eldercare-desk', true);

  // The number the elder calls from, with the +86 a caller ID may carry.
  const other = elders.find((x) => x.id !== e.id && x.phones[0].startsWith('1'));
  const byPhone = await ask(page, `+86 ${other.phones[0]}`, `.desk-elder[data-id="${other.id}"]`);  // typed over the last number
  console.log(`phone desk: caller ID → elder in ${byPhone.keys} keystrokes, ${byPhone.ms} ms`);
  assert.ok(byPhone.keys <= 16, `${byPhone.keys} keystrokes`);
  assert.equal(await status(page), `找到：${other.name}`);
  assert.equal(await page.locator('.desk-elder').count(), 1, 'the previous elder is gone');
  // Enter opens her whole page.
  await page.locator(`.desk-elder h3 a`).click();
  await page.locator('#elder-name', { hasText: other.name }).waitFor();
  await page.close();
});

test('the desk: revoked card, unknown card, unknown phone are said plainly; focus stays', async () => {
  const e = elders[elders.length - 1];
  const card = await cardOf(e);
  const gone = await srv.fetch(`/api/v1/elders/${e.id}/card?reason=lost`, { method: 'DELETE', token: admin.token });
  assert.equal(gone.status, 200, gone.text);
  const page = await signedIn(ADMIN);
  await openDesk(page);
  await ask(page, card.number_display, '#desk-status.error');  // as printed: 8045-572-814
  assert.equal(await status(page), '这张卡已作废，不能用来查找老人。请问清来电人的姓名和住址。');
  assert.equal(await page.locator('.desk-elder').count(), 0, 'a revoked card opens nothing');
  assert.equal(await focused(page), 'desk-q');
  assert.equal(await page.locator('#desk-q').inputValue(), card.number_display, 'the number stays, selected, to be typed over');
  assert.deepEqual(await page.locator('#desk-q').evaluate((el) => [el.selectionStart, el.selectionEnd]), [0, card.number_display.length]);
  await assertAccessible(page, 'desk, revoked card');
  await shot(page, 'eldercare-desk-revoked');

  const unknown = '123456789' + damm('123456789');
  await page.locator('#desk-status.error').evaluate((el) => { el.textContent = ''; el.classList.remove('error'); });
  await ask(page, unknown, '#desk-status.error');
  assert.equal(await status(page), '没有这个卡号。请核对卡号，或改输来电号码。');
  assert.equal(await focused(page), 'desk-q');

  await page.locator('#desk-status.error').evaluate((el) => { el.textContent = ''; el.classList.remove('error'); });
  await ask(page, '1234567890', '#desk-status.error');  // one digit off: the check digit fails
  assert.equal(await status(page), '卡号不对（校验位不符），请核对后重输。');

  await page.locator('#desk-status.error').evaluate((el) => { el.textContent = ''; el.classList.remove('error'); });
  await ask(page, '13900009999', '#desk-status.error');
  assert.equal(await status(page), '这个号码没有登记在您负责的老人名下。请问清来电人的姓名和住址。');
  assert.equal(await focused(page), 'desk-q');
  await page.close();
});

test('another community\'s worker is refused; a district worker sees the masked record', async () => {
  const e = elders.find((x) => x.community_id !== sty);
  const card = await cardOf(e);
  const api = await srv.login(WORKER.username, WORKER.password);
  const direct = await srv.fetch(`/api/v1/elders/lookup?card=${card.number}`, { token: api.token });
  assert.equal(direct.status, 403, 'the API refuses him');
  let page = await signedIn(WORKER);
  await openDesk(page);
  await ask(page, card.number, '#desk-status.error');
  assert.equal(await status(page), '这位老人不在您负责的范围内，您无权查看她的档案。');
  assert.equal(await page.locator('.desk-elder').count(), 0);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator('#elder-refused').waitFor();
  assert.equal(await page.locator('#elder-refused').textContent(), '这位老人不在您负责的范围内，您无权查看她的档案。');
  assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(e.name));
  await page.close();

  const district = await srv.login(DISTRICT.username, DISTRICT.password);
  const masked = await srv.fetch(`/api/v1/elders/${e.id}`, { token: district.token });
  assert.equal(masked.status, 200, masked.text);
  assert.equal(masked.body.view, 'masked');
  page = await signedIn(DISTRICT);
  await openDesk(page);
  await ask(page, card.number, `.desk-elder[data-id="${e.id}"]`);
  assert.equal(await page.locator('.desk-elder').getAttribute('data-view'), 'masked');
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator('#masked-note').waitFor();
  const main = await page.locator('main').textContent();
  assert.equal(await page.locator('#elder-name').textContent(), masked.body.name);
  assert.ok(main.includes(masked.body.phones[0]) && masked.body.phones[0].includes('*'), 'the phone as masked by the API');
  assert.ok(!main.includes(e.phones[0]), 'never the whole phone');
  assert.ok(main.includes('（已隐藏）'), 'withheld fields say so');
  assert.match(main, /约 \d+ 岁/);
  assert.doesNotMatch(main, /undefined|null|NaN/);
  assert.equal(await page.locator('#elder-actions, #elder-card').count(), 0, 'no changes offered');
  await assertAccessible(page, 'masked elder');
  await shot(page, 'eldercare-masked', true);
  await page.close();
});

test('a new elder: field errors by their fields, then recorded; her card, print, export, history, close', async () => {
  const page = await signedIn(ADMIN);
  await page.locator('#elders-link').click();
  await page.locator('#elders li').first().waitFor();
  assert.equal(await page.locator('#elders li').count(), 20, 'a page of 20');
  await page.locator('#elders-next').click();
  await page.locator('#elders-first').waitFor();
  await page.locator('#elders li').first().waitFor();
  await page.selectOption('#ef-tier', 'high');
  await page.locator('#elder-filters button[type="submit"]').click();
  await page.waitForURL(/tier=high/);
  await page.locator('#elders-count').filter({ hasText: /\S/ }).waitFor();
  const highs = elders.filter((x) => x.risk_tier === 'high').length;
  assert.equal(await page.locator('#elders li').count(), Math.min(highs, 20));
  assert.equal(await page.locator('#elders .badge.tier-high').count(), Math.min(highs, 20));

  await page.locator('#new-elder summary').click();
  assert.equal(await page.locator('#ne-diet').isDisabled(), true, 'health details wait for their consent');
  await page.locator('#ne-health').check();
  assert.equal(await page.locator('#ne-diet').isDisabled(), false);
  await page.locator('#ne-phones').fill('12345');
  await page.locator('#ne-c0-name').fill('王小明');
  await page.locator('#ne-c0-phone').fill('999');
  await page.locator('#ne-form button[type="submit"]').click();
  await page.locator('.field-error').first().waitFor();
  for (const id of ['ne-name', 'ne-phones', 'ne-address', 'ne-birth', 'ne-c0-phone']) {
    assert.equal(await page.locator('#' + id).getAttribute('aria-invalid'), 'true', id);
    const said = await page.locator('#' + id).getAttribute('aria-describedby');
    assert.match(await page.locator('#' + said).textContent(), /^此项有误：/, id);
  }
  assert.equal(await page.locator('#ne-errors').textContent(), '没有登记：请按提示修改标出的各项。');
  assert.equal(await focused(page), 'ne-name', 'the first bad field takes the focus');
  await assertAccessible(page, 'new elder, field errors');
  await shot(page, 'eldercare-new-errors', true);

  // Outside every grid: the position's error by the position.
  const name = '<img src=x onerror=alert(1)>';
  let alerted = false;
  page.on('dialog', (d) => { alerted = true; d.dismiss(); });
  await page.locator('#ne-name').fill(name);
  await page.locator('#ne-phones').fill('13912345678');
  await page.locator('#ne-address').fill('滨河北路 1 号');
  await page.locator('#ne-birth').fill('1940-05-06');
  await page.locator('#ne-c0-phone').fill('13812345678');
  await page.locator('#ne-lat').fill('30');
  await page.locator('#ne-lon').fill('100');
  await page.locator('#ne-form button[type="submit"]').click();
  await page.locator('#ne-lat[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('#ne-name').getAttribute('aria-invalid'), null, 'fixed fields lose their mark');
  const home = elders[0];
  await page.locator('#ne-lat').fill(String(home.lat));
  await page.locator('#ne-lon').fill(String(home.lon));
  await page.locator('#ne-cat-living_alone').check();
  await page.locator('#ne-diet').fill('低盐');
  await page.locator('#ne-form button[type="submit"]').click();
  await page.waitForURL(/#\/staff\/elders\/\d+$/);
  await page.locator('#card-state').waitFor();
  assert.equal(await page.locator('#elder-name').textContent(), name, 'markup shown as text');
  assert.equal(alerted, false);
  const id = Number(page.url().split('/').pop());
  const main = await page.locator('main').textContent();
  assert.ok(main.includes('独居') && main.includes('饮食：低盐') && main.includes('王小明'));
  assert.equal(await page.locator('#card-state').textContent(), '无有效卡');

  await page.locator('#elder-card summary', { hasText: '发卡' }).click();
  await page.locator('#card-committee').fill('0358-8220001');
  await page.locator('#card-team').fill('13503580000');
  await page.locator('#card-issue button[type="submit"]').click();
  await page.locator('#elder-flash', { hasText: '已发卡。' }).waitFor();
  const card = (await srv.fetch(`/api/v1/elders/${id}/card`, { token: admin.token })).body;
  assert.match(await page.locator('#card-state').textContent(), new RegExp(card.number_display));
  // Revoke it (lost), then issue a new one: a new number.
  await page.locator('#elder-card summary', { hasText: '作废此卡' }).click();
  await page.selectOption('#card-revoke-reason', 'lost');
  await page.locator('#card-revoke button[type="submit"]').click();
  await page.locator('#elder-flash', { hasText: '卡已作废' }).waitFor();
  assert.equal(await page.locator('#card-state').textContent(), '无有效卡');
  assert.equal(await page.locator('#card-print').count(), 0, 'nothing to print');
  await page.locator('#elder-card summary', { hasText: '发卡' }).click();
  await page.locator('#card-committee').fill('0358-8220001');
  await page.locator('#card-team').fill('13503580000');
  await page.locator('#card-issue button[type="submit"]').click();
  await page.locator('#elder-flash', { hasText: '已发卡。' }).waitFor();
  const second = (await srv.fetch(`/api/v1/elders/${id}/card`, { token: admin.token })).body;
  assert.notEqual(second.number, card.number);
  assert.match(await page.locator('#card-state').textContent(), new RegExp(second.number_display));
  const print = await page.locator('#card-print').getAttribute('href');
  const svg = await page.evaluate(async (u) => { const r = await fetch(u); return [r.status, r.headers.get('content-type')]; }, print);
  assert.deepEqual([svg[0], svg[1].split(';')[0]], [200, 'image/svg+xml']);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#elder-export').click()]);
  assert.equal(download.suggestedFilename(), `elder-${id}.json`);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(exported.elder.name, name);

  await page.locator('#history-show').click();
  await page.locator('#history li').nth(3).waitFor();
  assert.deepEqual(await page.locator('#history li').evaluateAll((l) => l.map((x) => x.dataset.action)),
    exported.history.map((ev) => ev.action));
  assert.deepEqual(exported.history.map((ev) => ev.action), ['create', 'card_issue', 'card_revoke', 'card_issue']);
  assert.match(await page.locator('#history li[data-action="card_revoke"]').textContent(), /作废代办卡：遗失/);

  // Correct: only the changed field goes, the history keeps it.
  await page.locator('#elder-correct summary').click();
  await page.selectOption('#ce-tier', 'high');
  await page.locator('#ce-form button[type="submit"]').click();
  await page.locator('#elder-flash', { hasText: '已更正' }).waitFor();
  assert.ok((await page.locator('.elder-facts').textContent()).includes('高风险'));

  await page.locator('#elder-close-box summary').click();
  await page.selectOption('#close-reason', 'moved_out');
  await page.locator('#elder-close button[type="submit"]').click();
  await page.locator('#elder-flash', { hasText: '已销档。' }).waitFor();
  assert.match(await page.locator('.elder-facts').textContent(), /已销档：迁出/);
  assert.equal(await page.locator('#card-state').textContent(), '无有效卡', 'closing revokes the card');
  assert.equal(await page.locator('#elder-correct').count(), 0, 'a closed record is read-only');
  await assertAccessible(page, 'elder page');
  await shot(page, 'eldercare-elder', true);
  await page.close();
});

test('elder mode at 360 px: the desk with an elder keeps 20 px text and 60 px targets', async () => {
  const page = await signedIn(ADMIN);
  await page.evaluate(() => localStorage.setItem('warmcity.settings', JSON.stringify({ elder: true })));
  await page.reload();
  await page.locator('#me-name').waitFor();
  await openDesk(page);
  const e = elders.find((x) => x.needs && x.emergency_contacts.length);
  const card = await cardOf(e);
  const { keys } = await ask(page, card.number, `.desk-elder[data-id="${e.id}"]`);
  assert.ok(keys <= 11);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await assertElder(page, 'desk in elder mode');
  await assertAccessible(page, 'desk in elder mode');
  await shot(page, 'eldercare-desk-elder', true);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator('#card-state').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await assertElder(page, 'elder page in elder mode');
  await page.close();
});

test('the desk names the team on duty for her (when the server has teams)', async (t) => {
  const worker = await srv.login(WORKER.username, WORKER.password);
  const his = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items;
  const e = his[his.length - 1];
  const probe = await srv.fetch(`/api/v1/elders/${e.id}/on-duty`, { token: admin.token });
  if (probe.status === 404) { t.skip('this server has no grid teams yet (GET /elders/{id}/on-duty)'); return; }
  assert.equal(probe.status, 200, probe.text);
  await makeUser(srv, admin, { username: 'desk.volunteer', password: 'volunteer-pass-1', display_name: '志愿者小李', role: 'volunteer' });
  const users = (await srv.fetch('/api/v1/users?limit=200', { token: admin.token })).body.items;
  const id = (name) => users.find((u) => u.username === name).id;
  const team = await srv.fetch('/api/v1/elder-teams', { method: 'POST', token: admin.token, json: {
    grid_id: e.grid_id, name: '生态园为老代购一队', worker_user_id: id(WORKER.username),
    volunteer_user_id: id('desk.volunteer'), phone: '13503589999', rota: '24/7' } });
  assert.equal(team.status, 201, team.text);
  const paired = await srv.fetch(`/api/v1/elders/${e.id}/team`, { method: 'PUT', token: admin.token, json: { team_id: team.body.id } });
  assert.equal(paired.status, 200, paired.text);
  const card = await cardOf(e);
  const page = await signedIn(WORKER);
  await openDesk(page);
  await ask(page, card.number, `.desk-elder[data-id="${e.id}"]`);
  const duty = page.locator(`#duty-${e.id}`);
  assert.equal(await duty.getAttribute('data-reason'), 'her_team');
  assert.equal(await duty.textContent(), '生态园为老代购一队 · 13503589999 （她的结对服务队）');
  assert.equal(await duty.locator('a').getAttribute('href'), 'tel:13503589999');
  await page.close();
});
