// A canteen's monthly settlement (issue 17, screens/canteen_settlement.js) in
// real Chromium on the demo: 生态园's cashier finds it on the workbench, sees
// last month's summary as the API gives it (meals by tier, subsidised and
// full-price meals, the subsidy owed, adjustments, open deliveries), the CSV
// link (text/csv with a BOM) and the print button, but no close button;
// another canteen's cashier is refused. An admin is refused closing the
// current month (the server's 409 in words), closes a past month after a
// confirm, adds an adjustment in yuan (fen in the request, the reason
// required, bad input said by its field); the print view is the summary
// alone (print styles of .canteen-settlement). Axe on each view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { ADMIN, startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const CASHIER_A = { username: 'shitang_shengtaiyuan', password: 'demo-keeper-2026' };
const CASHIER_B = { username: 'shitang_gaojiagou', password: 'demo-keeper-2026' };
const district = (ms) => new Date(ms + 8 * 3600e3).toISOString();
const monthOf = (ms) => district(ms).slice(0, 7);
// The month `n` months before the district's current one.
function monthsBack(n) {
  const [y, m] = monthOf(Date.now()).split('-').map(Number);
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

let srv;
let admin;
let browser;
let a;
let b;
before(async () => {
  ({ srv, admin } = await startDemoServer());
  browser = await launch({ viewport: { width: 1024, height: 800 } });
  const canteens = (await srv.fetch('/api/v1/facilities?kind=canteen&limit=20')).body.items;
  a = canteens.find((f) => f.name === '生态园便民餐厅');
  b = canteens.find((f) => f.name === '高家沟便民餐厅');
  assert.ok(a && b, 'the demo has both canteens');
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function signedIn(who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('warmcity.settings', JSON.stringify({ lang: 'zh-CN' }));
    window.print = () => { window.printed = (window.printed || 0) + 1; };
  });
  await page.goto(srv.url + '/#/staff');
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('#me-name').waitFor();
  return page;
}

const summaryOf = async (id, month) => {
  const r = await srv.fetch(`/api/v1/canteens/${id}/settlements/${month}`, { token: admin.token });
  assert.equal(r.status, 200, r.text);
  return r.body;
};

// The page shows the summary `s` as the API gave it.
async function assertSummary(page, s) {
  assert.equal(await page.locator('#settlement-title').textContent(), `${s.canteen_name} · ${s.month} 结算`);
  assert.equal(await page.locator('#settlement-meals').textContent(), `${s.meals} 餐`);
  assert.equal(await page.locator('#settlement-subsidised').textContent(), `${s.subsidised_meals} 餐`);
  assert.equal(await page.locator('#settlement-full-price').textContent(), `${s.full_price_meals} 餐`);
  assert.equal(await page.locator('#settlement-subsidy').textContent(), yuan(s.subsidy_fen));
  assert.equal(await page.locator('#settlement-adjusted').textContent(), yuan(s.adjusted_subsidy_fen));
  assert.equal(await page.locator('#settlement-open-deliveries').textContent(), String(s.open_deliveries));
  if (s.tiers.length) {
    const rows = await page.locator('#settlement-tiers tbody tr').evaluateAll((trs) => trs.map((r) =>
      [...r.children].map((c) => c.textContent)));
    assert.deepEqual(rows, s.tiers.map((x) => [x.tier || '无补贴', String(x.meals), yuan(x.subsidy_fen)]));
  } else {
    assert.equal(await page.locator('#settlement-tiers-none').textContent(), '这个月没有用餐记录。');
  }
  assert.deepEqual(await page.locator('#settlement-adjustments-table tbody tr').evaluateAll((trs) => trs.map((r) => Number(r.dataset.id))),
    s.adjustments.map((x) => x.id));
  const state = await page.locator('#settlement-state').textContent();
  if (s.closed) assert.match(state, /^已于 .+ 关账（关账时 \d+ 餐，补贴 ¥\d+\.\d\d）。$/);
  else assert.equal(state, '本月尚未关账。');
}

test("a cashier reads last month's settlement of her canteen, with its CSV, and cannot close it", async () => {
  const page = await signedIn(CASHIER_A);
  const link = page.locator('.kept a.canteen-settlement-link');
  await link.first().waitFor();
  assert.equal(await link.count(), 1, 'she keeps one canteen');
  assert.equal(await link.getAttribute('href'), `#/staff/canteen/${a.id}/settlement`);
  await link.click();
  await page.locator('#settlement-summary').waitFor();
  const month = monthsBack(1);
  assert.equal(await page.locator('#settlement-month').inputValue(), month, 'last month by default');
  await assertSummary(page, await summaryOf(a.id, month));
  assert.equal(await page.locator('#settlement-close').count(), 0, 'no close button for a cashier');
  assert.equal(await page.locator('#settlement-adjust').count(), 0);

  // The lines as CSV: UTF-8 with a BOM, so that Excel opens it.
  const href = await page.locator('#settlement-csv').getAttribute('href');
  assert.equal(href, `/api/v1/canteens/${a.id}/settlements/${month}/lines.csv`);
  const csv = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())].slice(0, 3) };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /^text\/csv/);
  assert.deepEqual(csv.bytes, [0xef, 0xbb, 0xbf]);
  await page.locator('#settlement-print').click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await assertAccessible(page, 'settlement, cashier');

  // Another month through the picker.
  const earlier = monthsBack(2);
  await page.locator('#settlement-month').fill(earlier);
  await page.locator('#settlement-pick button').click();
  await page.waitForURL((u) => u.hash === `#/staff/canteen/${a.id}/settlement/${earlier}`);
  await page.locator(`#settlement-title:has-text("${earlier}")`).waitFor();
  await assertSummary(page, await summaryOf(a.id, earlier));
  await page.close();
});

test("another canteen's cashier is refused its settlement", async () => {
  const page = await signedIn(CASHIER_B);
  await page.goto(`${srv.url}/#/staff/canteen/${a.id}/settlement`);
  await page.locator('#settlement-refused').waitFor();
  assert.equal(await page.locator('#settlement-refused').textContent(), '您不是这家食堂的工作人员，不能查看它的结算。');
  assert.equal(await page.locator('#settlement-summary').count(), 0);
  await assertAccessible(page, 'settlement, refused');
  await page.goto(`${srv.url}/#/staff/canteen/${b.id}/settlement`);
  await page.locator('#settlement-summary').waitFor();
  await page.close();
});

test('an admin is refused closing the current month, closes a past one and adds an adjustment; the print view', async () => {
  const page = await signedIn(ADMIN);
  // The current month has not ended: the server's 409, as it says it.
  const now = monthOf(Date.now());
  await page.goto(`${srv.url}/#/staff/canteen/${a.id}/settlement/${now}`);
  await page.locator(`#settlement-title:has-text("${now}")`).waitFor();
  // The demo's meals of this month (today's counter lunches, deliveries booked ahead) show.
  const current = await summaryOf(a.id, now);
  assert.ok(current.meals > 0 && current.subsidised_meals > 0 && current.subsidy_fen > 0, JSON.stringify(current));
  await assertSummary(page, current);
  await page.locator('#settlement-close').click();
  assert.equal(await page.locator('#settlement-close-ask').isVisible(), true);
  assert.match(await page.locator('#settlement-close-q').textContent(), new RegExp(`确定关闭 ${now} 吗`));
  // Cancel leaves it as it was.
  await page.locator('#settlement-close-cancel').click();
  assert.equal(await page.locator('#settlement-close-ask').isVisible(), false);
  await page.locator('#settlement-close').click();
  await page.locator('#settlement-close-confirm').click();
  await page.locator('#settlement-status.error').waitFor();
  const refused = await srv.fetch(`/api/v1/canteens/${a.id}/settlements/${now}/close`, { method: 'POST', token: admin.token, json: {} });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(await page.locator('#settlement-status').textContent(), `没有完成：${refused.body.detail}`);
  assert.equal((await summaryOf(a.id, now)).closed, null);
  await assertAccessible(page, 'settlement, close refused');

  // A past month without open deliveries closes.
  let month = monthsBack(1);
  for (let n = 2; (await summaryOf(a.id, month)).open_deliveries > 0; n++) month = monthsBack(n);
  const before = await summaryOf(a.id, month);
  await page.goto(`${srv.url}/#/staff/canteen/${a.id}/settlement/${month}`);
  await page.locator(`#settlement-title:has-text("${month}")`).waitFor();
  await assertSummary(page, before);
  assert.equal(await page.locator('#settlement-adjust').count(), 0, 'no adjustment to an open month');
  await page.locator('#settlement-close').click();
  await page.locator('#settlement-close-confirm').click();
  await page.locator('#settlement-status', { hasText: `${month} 已关账。` }).waitFor();
  const closed = await summaryOf(a.id, month);
  assert.ok(closed.closed, 'closed on the server');
  assert.equal(closed.closed.meals, before.meals);
  assert.match(await page.locator('#settlement-state').textContent(), new RegExp(`^已于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 由 ${escape(closed.closed.by_name)} 关账（关账时 ${before.meals} 餐，补贴 ¥`));
  assert.equal(await page.locator('#settlement-close').count(), 0);

  // An adjustment: bad input said by its field, nothing sent; then 5 yuan → 500 fen.
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/adjustments')) sent.push(JSON.parse(r.postData())); });
  await page.locator('#adjust-amount').fill('5.555');
  await page.locator('#adjust-order').fill('abc');
  await page.locator('#adjust-save').click();
  await page.locator('#adjust-amount[aria-invalid="true"]').waitFor();
  assert.equal(await page.locator('[data-for="subsidy_delta_fen"] .field-error').textContent(), '请填写不为零的金额，如 5、-2.50。');
  assert.equal(await page.locator('[data-for="order_id"] .field-error').textContent(), '订单号应为整数。');
  assert.equal(await page.locator('[data-for="reason"] .field-error').textContent(), '请写明原因。');
  assert.deepEqual(sent, []);
  await assertAccessible(page, 'settlement, adjustment refused in the page');
  await page.locator('#adjust-order').fill('');
  await page.locator('#adjust-amount').fill('5');
  await page.locator('#adjust-reason').fill('补录纸质登记的一餐');
  await page.locator('#adjust-save').click();
  await page.locator('#settlement-status', { hasText: '已添加调整：+¥5.00。' }).waitFor();
  assert.deepEqual(sent, [{ subsidy_delta_fen: 500, reason: '补录纸质登记的一餐' }]);
  const adjusted = await summaryOf(a.id, month);
  assert.equal(adjusted.adjustments.length, 1);
  assert.equal(adjusted.adjusted_subsidy_fen, adjusted.subsidy_fen + 500);
  await assertSummary(page, adjusted);
  const row = page.locator(`#settlement-adjustments-table tr[data-id="${adjusted.adjustments[0].id}"] td`);
  assert.equal(await row.nth(1).textContent(), '—');
  assert.equal(await row.nth(2).textContent(), '+¥5.00');
  assert.equal(await row.nth(3).textContent(), '补录纸质登记的一餐');
  assert.equal(await page.locator('#settlement-adjustments-total').textContent(), '+¥5.00');
  // A negative one.
  await page.locator('#adjust-amount').fill('-2.5');
  await page.locator('#adjust-reason').fill('重复计入');
  await page.locator('#adjust-save').click();
  await page.locator('#settlement-status', { hasText: '已添加调整：-¥2.50。' }).waitFor();
  assert.deepEqual(sent[1], { subsidy_delta_fen: -250, reason: '重复计入' });
  await assertSummary(page, await summaryOf(a.id, month));
  await assertAccessible(page, 'settlement, closed with adjustments');
  await shot(page, 'canteen-settlement', true);

  // Printed: the summary and adjustments alone, by the screen's own print styles.
  const printRules = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules])
    .filter((r) => r instanceof CSSMediaRule && r.conditionText === 'print')
    .flatMap((r) => [...r.cssRules].map((x) => x.selectorText)).filter((x) => x && x.includes('.canteen-settlement')));
  assert.ok(printRules.length > 0, 'print styles for the settlement screen');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['header.bar', '#calendar-banner', '#settlement-pick', '#settlement-adjust', '#settlement-tools']) {
    assert.equal(await page.locator(sel).isVisible(), false, `${sel} is not printed`);
  }
  for (const sel of ['#settlement-summary', '#settlement-adjustments-table', '.canteen-settlement .print-only']) {
    assert.equal(await page.locator(sel).isVisible(), true, `${sel} is printed`);
  }
  await page.emulateMedia({ media: 'screen' });

  // Added, then the summary's read fails (offline): the page says it was added
  // (never "not saved", or the admin types an append-only line in again).
  const added = (await summaryOf(a.id, month)).adjustments.length;
  const summaryRead = (url) => url.pathname.endsWith(`/settlements/${month}`);
  await page.route(summaryRead, (route) => (route.request().method() === 'GET' ? route.abort() : route.continue()));
  await page.locator('#adjust-amount').fill('1');
  await page.locator('#adjust-reason').fill('补录一餐');
  await page.locator('#adjust-save').click();
  await page.locator('#settlement-status', { hasText: '已添加调整：+¥1.00。' }).waitFor();
  assert.match(await page.locator('#settlement-status').textContent(), /无法连接/);
  assert.equal(await page.locator('#settlement-adjust').getByText('没有保存').count(), 0);
  assert.equal(await page.locator('#adjust-amount').inputValue(), '');
  assert.equal((await summaryOf(a.id, month)).adjustments.length, added + 1);
  await page.unroute(summaryRead);
  await page.close();
});
