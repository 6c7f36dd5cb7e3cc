// Raising from a visit's finding (issue 16: "a finding can raise an appeal or
// an errand in one step") in Chromium on the demo. At the phone desk, keyboard
// only: card number → the elder → V → "有情况" and a finding → Ctrl+Enter →
// the new visit offers "为此发现登记代办" → two shopping lines → Ctrl+Enter:
// the errand heads her errands with the focus, the status line says where it
// went with a link, the visit links it, and the server has it raised from
// that visit. On her page: an appeal from a finding — the server's refusals
// (no category, no place: appeals are public, her home is never filled in)
// said by their fields in Chinese, then submitted with a link to its case
// page; a budget that is no amount said before anything is sent; a record
// closed meanwhile refused in words; a masked viewer is offered nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, makeUser, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';

const WORKER = { username: 'liangjunlian', password: 'demo-worker-2026' };  // 生态园社区, 生态园银龄帮扶队 (24/7)
const DISTRICT = { username: 'district.raise', password: 'district-pass-1', display_name: '区级网格员', role: 'worker' };

let srv;
let admin;
let browser;
let mine;  // 梁俊连's community's elders with a card
before(async () => {
  ({ srv, admin } = await startDemoServer());
  await makeUser(srv, admin, DISTRICT);
  browser = await launch();
  const worker = await srv.login(WORKER.username, WORKER.password);
  mine = (await srv.fetch('/api/v1/elders?limit=200', { token: worker.token })).body.items
    .filter((e) => e.state === 'active' && e.view === 'full');
  assert.ok(mine.length >= 3, `${mine.length} elders of his`);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const get = async (path) => {
  const r = await srv.fetch(path, { token: admin.token });
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
};
const focused = (page) => page.evaluate(() => document.activeElement?.id);
const focusOn = (page, id) => page.waitForFunction((x) => document.activeElement?.id === x, id);

async function signedIn(who, { elder = false } = {}) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.evaluate((on) => localStorage.setItem('warmcity.settings', JSON.stringify({ elder: on })), elder);
  await page.reload();
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#me-name').waitFor();
  return page;
}

// The raise requests the page sends.
function raises(page) {
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/visits\/\d+\/raise$/.test(r.url())) sent.push(r.postDataJSON()); });
  return sent;
}

// A visit with `findings` recorded for `elder` through the API (as admin).
async function visitWith(elder, findings) {
  const r = await srv.fetch(`/api/v1/elders/${elder.id}/visits`, { method: 'POST', token: admin.token,
    json: { how: 'home', outcome: 'concern', findings } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('the desk, keyboard only: a visit with a finding → 为此发现登记代办 → two lines → saved, in her errands', async () => {
  const e = mine[0];
  const card = await get(`/api/v1/elders/${e.id}/card`);
  const before = (await get(`/api/v1/elders/${e.id}/errands?limit=200`)).items.length;
  const page = await signedIn(WORKER);
  const sent = raises(page);
  await page.locator('#desk-link').click();
  await focusOn(page, 'desk-q');
  await page.keyboard.type(card.number);
  await page.keyboard.press('Enter');
  await focusOn(page, `desk-elder-${e.id}`);
  await page.keyboard.press('v');
  await focusOn(page, 'visit-outcome-seen_well');
  await page.keyboard.press('ArrowDown');  // 有情况
  assert.equal(await page.locator('#visit-outcome-concern').isChecked(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.insertText('冰箱空了，想买鸡蛋和挂面');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((x) => document.activeElement?.closest(`#visits-${x}`), e.id);
  const visit = (await get(`/api/v1/elders/${e.id}/visits?limit=1`)).items[0];
  assert.equal(visit.findings, '冰箱空了，想买鸡蛋和挂面');
  assert.equal(await focused(page), `visit-${visit.id}`);

  // The offer, right after the visit in the focus order.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), `visit-${visit.id}-raise-errand`);
  assert.equal(await page.locator(`#visit-${visit.id}-raise-errand`).textContent(), '为此发现登记代办');
  assert.equal(await page.locator(`#visit-${visit.id}-raise-appeal`).textContent(), '为此发现提交诉求');
  await page.keyboard.press('Enter');
  await focusOn(page, 'raise-kind-task');
  assert.equal(await page.locator('#raise-finding').textContent(), '探访发现：冰箱空了，想买鸡蛋和挂面');
  assert.equal(await page.locator('#raise-task').inputValue(), '冰箱空了，想买鸡蛋和挂面', 'the finding preset as the task');
  await page.keyboard.press('ArrowDown');  // 代购
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'raise-lines');
  // A budget that is no amount: said by the box, nothing sent.
  await page.keyboard.insertText('鸡蛋');
  await page.keyboard.type(' 2 1.234');
  await page.keyboard.press('Control+Enter');
  await page.locator('#raise-lines[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('#raise-form .field-error').textContent(), '第 1 行：预算“1.234”不是金额：按元写，最多两位小数，不能为负');
  assert.equal(await page.locator('#raise-errors').textContent(), '没有保存：请按提示修改标出的各项。');
  assert.deepEqual(sent, []);
  await assertAccessible(page, 'raise an errand, a line refused');
  await page.locator('#raise-lines').fill('');
  await page.keyboard.insertText('鸡蛋');
  await page.keyboard.type(' 2 15');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('挂面');
  await page.keyboard.type(' 1 6');
  await page.keyboard.press('Control+Enter');

  // Saved: the errand heads her list with the focus; the line says where it went, with a link.
  await page.waitForFunction((x) => document.activeElement?.closest(`#errands-${x}`), e.id);
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0], { errand: { kind: 'shopping',
    lines: [{ text: '鸡蛋', quantity: 2, budget_fen: 1500 }, { text: '挂面', quantity: 1, budget_fen: 600 }] } });
  const errands = (await get(`/api/v1/elders/${e.id}/errands?limit=200`)).items;
  assert.equal(errands.length, before + 1);
  const made = errands[0];
  assert.deepEqual(made.work.lines.map((l) => l.text), ['鸡蛋', '挂面']);
  assert.equal(await focused(page), `errand-${made.id}`);
  assert.match(await page.locator(`#errand-${made.id}`).textContent(), /代购：鸡蛋×2、挂面×1（预算 21\.00 元）/);
  const flash = page.locator(`#care-${e.id}-flash`);
  assert.match(await flash.textContent(), new RegExp(`^已为此发现登记代办：(已派单，派给 .+|已受理，暂未派单（.+）)。 已登记代办 #${made.id}$`));
  assert.equal(await flash.locator('a').getAttribute('href'), `#/staff/elders/${e.id}`);
  assert.equal(await page.locator('#raise-form').count(), 0, 'the form is closed');
  // The visit links what it raised; the server has the link.
  assert.equal(await page.locator(`#visit-${visit.id}-raised a`).textContent(), `已登记代办 #${made.id}`);
  const raised = (await get(`/api/v1/elders/${e.id}/visits?limit=1`)).items[0].raised;
  assert.deepEqual(raised.map((r) => [r.kind, r.id]), [['errand', made.id]]);
  // Its link in the visit puts the focus on the errand in her list.
  await page.locator(`#visit-${visit.id}-raised a`).click();
  assert.equal(await focused(page), `errand-${made.id}`);
  assert.match(page.url(), /#\/staff\/desk$/, 'still at the desk');
  await assertAccessible(page, 'desk, errand raised from a visit');
  await shot(page, 'eldercare-visit-raise-errand', true);
  await page.close();
});

test('her page: an appeal from a finding — no category, no place said by their fields; then submitted with a link', async () => {
  const e = mine[1];
  const visit = await visitWith(e, '楼道灯坏了，老人晚上不敢出门');
  const appealsBefore = Number(srv.sql('SELECT count(*) FROM appeals'));
  const page = await signedIn(WORKER);
  const sent = raises(page);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator(`#visit-${visit.id}-raise-appeal`).click();
  await focusOn(page, 'raise-category');
  assert.equal(await page.locator('#raise-description').inputValue(), '楼道灯坏了，老人晚上不敢出门');
  assert.equal(await page.locator('#raise-address').inputValue(), '', 'her home is never filled in');

  // No category: the server names it.
  await page.keyboard.press('Control+Enter');
  await page.locator('#raise-category[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('#raise-form .field-error').textContent(), '请选择诉求类别');
  assert.equal(await focused(page), 'raise-category');
  // A category, no place: "appeal.lat" said by the place's box.
  const options = await page.locator('#raise-category option').evaluateAll((xs) => xs.map((o) => [o.value, o.textContent]));
  const [code, name] = options.find(([v]) => v);
  await page.locator('#raise-category').selectOption(code);
  await page.keyboard.press('Control+Enter');
  await page.locator('#raise-address[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('#raise-form .field-error').textContent(), '请写下问题所在的地点');
  assert.equal(await focused(page), 'raise-address');
  assert.equal(await page.locator('#raise-errors').textContent(), '没有保存：请按提示修改标出的各项。');
  assert.equal(Number(srv.sql('SELECT count(*) FROM appeals')), appealsBefore, 'nothing made');
  await assertAccessible(page, 'raise an appeal, refused by fields');
  await shot(page, 'eldercare-visit-raise-appeal-errors', true);

  await page.keyboard.insertText('交通路 12 号 3 单元楼道');
  await page.keyboard.press('Enter');
  const link = page.locator(`#care-${e.id}-flash a`);
  await link.waitFor();
  assert.equal(sent.length, 3);
  assert.deepEqual(sent[2], { appeal: { category: code, description: '楼道灯坏了，老人晚上不敢出门', address: '交通路 12 号 3 单元楼道' } });
  const raised = (await get(`/api/v1/elders/${e.id}/visits?limit=10`)).items.find((v) => v.id === visit.id).raised;
  assert.equal(raised.length, 1);
  assert.equal(raised[0].kind, 'appeal');
  const appeal = await get(`/api/v1/appeals/${raised[0].id}`);
  assert.equal(appeal.description, '楼道灯坏了，老人晚上不敢出门');
  assert.equal(appeal.location.address, '交通路 12 号 3 单元楼道');
  assert.equal(await page.locator(`#care-${e.id}-flash`).textContent(), `已为此发现提交诉求 #${appeal.id}。 已提交诉求 #${appeal.id}`);
  assert.equal(await link.getAttribute('href'), `#/staff/appeals/${appeal.id}`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), `#/staff/appeals/${appeal.id}`,
    'the link has the focus');
  assert.equal(await page.locator(`#visit-${visit.id}-raised a`).getAttribute('href'), `#/staff/appeals/${appeal.id}`);
  await assertAccessible(page, 'appeal raised from a visit');
  // The link opens the case.
  await link.click();
  await page.waitForURL(new RegExp(`#/staff/appeals/${appeal.id}$`));
  await page.locator('main', { hasText: name }).waitFor();
  await page.close();
});

test('a record closed meanwhile is refused in words; a masked viewer is offered nothing', async () => {
  const e = mine[2];
  const visit = await visitWith(e, '老人说要搬去女儿家住');
  const page = await signedIn(WORKER);
  const sent = raises(page);
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  await page.locator(`#visit-${visit.id}-raise-errand`).waitFor();
  const closed = await srv.fetch(`/api/v1/elders/${e.id}/close`, { method: 'POST', token: admin.token, json: { reason: 'moved_out', note: '搬去女儿家' } });
  assert.equal(closed.status, 200, closed.text);
  await page.locator(`#visit-${visit.id}-raise-errand`).click();
  await focusOn(page, 'raise-kind-task');
  await page.keyboard.press('Enter');  // the task as preset
  await page.locator('#raise-errors .error').waitFor();
  assert.equal(await page.locator('#raise-errors').textContent(), '她的档案已销，不能再登记代办或探访。');
  assert.equal(sent.length, 1);
  assert.equal((await get(`/api/v1/elders/${e.id}/visits?limit=10`)).items.find((v) => v.id === visit.id).raised.length, 0);
  await page.close();

  // A district worker sees her masked: no findings, nothing to raise.
  const other = mine[1];
  const seen = await visitWith(other, '腿脚不便，需要有人代买药');
  const masked = await signedIn(DISTRICT);
  await masked.goto(`${srv.url}/#/staff/elders/${other.id}`);
  await masked.locator(`#visit-${seen.id}`).waitFor();
  assert.match(await masked.locator(`#visit-${seen.id}`).textContent(), /（已隐藏）/);
  assert.equal(await masked.locator('.visit-raise').count(), 0);
  await masked.close();
});

test('elder mode at 360 px: the offer and both forms keep 20 px text and 60 px targets', async () => {
  const e = mine[0];  // her visit with a finding raised an errand (the first test)
  const page = await signedIn(WORKER, { elder: true });
  await page.goto(`${srv.url}/#/staff/elders/${e.id}`);
  const visit = (await get(`/api/v1/elders/${e.id}/visits?limit=1`)).items[0];
  await page.locator(`#visit-${visit.id}-raise-appeal`).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await assertElder(page, 'her page with the raise offer, elder mode');
  await assertAccessible(page, 'her page with the raise offer, elder mode');
  for (const kind of ['errand', 'appeal']) {
    await page.locator(`#visit-${visit.id}-raise-${kind}`).click();
    await page.locator('#raise-form').waitFor();
    await assertElder(page, `raise ${kind} form, elder mode`);
    await assertAccessible(page, `raise ${kind} form, elder mode`);
    await page.keyboard.press('Escape');
    assert.equal(await focused(page), `visit-${visit.id}-raise-${kind}`, 'Esc: back to the button');
  }
  await page.close();
});
