// A resident on a phone (issue 12 item 6): signs up with their mobile number
// and the SMS code (the demo's log sender: the test reads the code from the
// server log), finds under 我的诉求 an appeal they made before they had an
// account, reads on the appeal form that the description is published, sees
// similar appeals before the submit button but never their own, and deletes
// the account. Elder mode keeps its numbers; every screen passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { waitFor } from '../http/lib/wait.mjs';

const PHONE = '13812349876';
const LEAVER = '13812345500';  // deletes the account
let srv;
let admin;
let browser;
let community;
let earlier;   // made with PHONE before any account
let leavers;   // made with LEAVER
let neighbour; // somebody else's, at the same place

before(async () => {
  ({ srv, admin } = await startDemoServer());
  community = (await srv.fetch('/api/v1/areas/communities')).body.items[0];
  const make = async (description, phone) => {
    const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: {
      category: 'sanitation', description, lat: community.lat, lon: community.lon,
      contact: { name: '王阿姨', phone } } });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  earlier = await make('楼下垃圾桶三天没清运了', PHONE);
  neighbour = await make('小区门口垃圾堆放', '13900001111');
  leavers = await make('路灯不亮', LEAVER);
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// The code the log sender wrote for `phone` (each number here asks once).
async function codeFromLog(phone) {
  const m = await waitFor(() => {
    const lines = readFileSync(srv.logPath, 'utf8').split('\n').filter((l) => l.includes(`sms (log sender) to ${phone}:`));
    return lines.length ? /验证码是 (\d{6})/.exec(lines[lines.length - 1]) : null;
  }, { timeoutMs: 5000, what: 'the code for ' + phone + ' in the log' });
  return m[1];
}

async function freshPage(settings = {}) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  return page;
}

test('sign up by phone in elder mode and find an appeal made before the account', async () => {
  const page = await freshPage({ elder: true });
  await page.goto(srv.url + '/#/me/appeals');
  await page.getByRole('link', { name: '用手机号登录' }).click();
  await page.getByLabel('手机号', { exact: true }).fill('138 1234 9876');
  await assertElder(page, 'sign-in (elder)');
  await assertAccessible(page, 'sign-in');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.locator('#phone-status').filter({ hasText: '验证码已发送' }).waitFor();
  const code = await codeFromLog(PHONE);
  assert.ok(!(await page.content()).includes(code), 'the code is nowhere on the page');

  // A wrong code is said in words, with the tries left.
  await page.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '验证并进入' }).click();
  await page.locator('#phone-error').filter({ hasText: '验证码不对，还可以再试 4 次' }).waitFor();
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('短信验证码').press('Enter');
  await page.waitForURL((u) => u.hash === '#/me/appeals');

  const item = page.locator(`#my-appeals li[data-code="${earlier.tracking_code}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), /环境卫生[\s\S]*已提交[\s\S]*楼下垃圾桶三天没清运了[\s\S]*提交时留了这个手机号/);
  assert.equal(await page.locator('#my-appeals li').count(), 1, 'not the neighbour\'s');
  assert.equal(await item.locator('a.result-name').getAttribute('href'), `#/track/${earlier.tracking_code}`);
  assert.match(await page.locator('#mine-who').innerText(), /13812349876/);
  await assertElder(page, 'my appeals (elder)');
  await assertAccessible(page, 'my appeals');
  await shot(page, 'my-appeals-elder', true);

  await item.locator('a.result-name').click();
  await page.waitForURL((u) => u.hash === `#/track/${earlier.tracking_code}`);
  await page.close();
});

test('the appeal form: the description is public, similar appeals come before the submit button, never one\'s own', async () => {
  const page = await freshPage();
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/appeal/new'));
  await page.getByLabel('手机号', { exact: true }).fill('13812340077');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.locator('#phone-status').filter({ hasText: '验证码已发送' }).waitFor();
  await page.getByLabel('短信验证码').fill(await codeFromLog('13812340077'));
  await page.getByRole('button', { name: '验证并进入' }).click();
  await page.waitForURL((u) => u.hash === '#/appeal/new');

  assert.match(await page.locator('#description-public').innerText(), /公开显示在查询进度页上/);
  assert.equal(await page.locator('#description').getAttribute('aria-describedby'), 'description-public description-count');
  // The contact name is not the masked number the account is named by.
  assert.equal(await page.locator('#contact-name').inputValue(), '');
  assert.equal(await page.locator('#contact-phone').inputValue(), '13812340077');

  const fill = async (text) => {
    await page.getByLabel('问题类别').selectOption('sanitation');
    await page.getByLabel('或选择社区').selectOption(String(community.id));
    await page.locator(`#similar li a[href="#/track/${neighbour.tracking_code}"]`).waitFor();
    if (text) await page.getByLabel('问题描述').fill(text);
  };
  await fill('垃圾车清运后地面没有冲洗');
  const before = await page.evaluate(() => {
    const similar = document.getElementById('similar');
    const submit = document.getElementById('appeal-submit');
    return Boolean(similar.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING)
      && similar.closest('form') === submit.closest('form');
  });
  assert.ok(before, 'the similar box comes before the submit button');
  await assertAccessible(page, 'appeal form with similar');
  await page.getByLabel('联系人姓名').fill('李先生');
  await page.locator('#appeal-submit').click();
  const code = (await page.locator('#tracking-code').textContent()).trim();
  assert.match(await page.locator('#find-later').innerText(), /我的诉求/);

  // Another one at the same place: the neighbour's is offered, this resident's own is not.
  await page.getByRole('button', { name: '再反映一个问题' }).click();
  await fill();
  const offered = await page.locator('#similar li a.result-name').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(offered.includes(`#/track/${neighbour.tracking_code}`));
  assert.ok(!offered.includes(`#/track/${code}`), offered.join(' '));
  await page.close();
});

test('without an account, the form never offers back the appeal it just sent', async () => {
  const page = await freshPage();
  await page.goto(srv.url + '/#/appeal/new');
  await page.getByLabel('问题类别').selectOption('sanitation');
  await page.getByLabel('或选择社区').selectOption(String(community.id));
  await page.locator('#similar li').first().waitFor();
  await page.getByLabel('问题描述').fill('垃圾分类亭坏了');
  await page.getByLabel('联系人姓名').fill('张女士');
  await page.getByLabel('联系电话（手机或带区号的固话）').fill('13700007777');
  await page.locator('#appeal-submit').click();
  const code = (await page.locator('#tracking-code').textContent()).trim();
  // The server offers it to everybody else …
  const all = await srv.fetch(`/api/v1/appeals/similar?category=sanitation&lat=${community.lat}&lon=${community.lon}`);
  assert.ok(all.body.items.some((s) => s.tracking_code === code));
  // … but this tab, which sent it, does not show it.
  await page.getByRole('button', { name: '再反映一个问题' }).click();
  await page.getByLabel('问题类别').selectOption('sanitation');
  await page.getByLabel('或选择社区').selectOption(String(community.id));
  await page.locator(`#similar li a[href="#/track/${neighbour.tracking_code}"]`).waitFor();
  assert.equal(await page.locator(`#similar li a[href="#/track/${code}"]`).count(), 0);
  await page.close();
});

test('deleting the account: asked on the page, then signed out; the appeal stays without the number', async () => {
  const page = await freshPage({ lang: 'en' });
  await page.goto(srv.url + '/#/signin');
  await page.getByLabel('Mobile number', { exact: true }).fill(LEAVER);
  await page.getByRole('button', { name: 'Get a code' }).click();
  await page.locator('#phone-status').filter({ hasText: 'Code sent' }).waitFor();
  await page.getByLabel('Code from the text message').fill(await codeFromLog(LEAVER));
  await page.getByRole('button', { name: 'Verify and continue' }).click();
  await page.waitForURL((u) => u.hash === '#/me/appeals');
  await page.locator('#my-appeals li').first().waitFor();

  await page.getByRole('button', { name: 'Delete my account…' }).click();
  await page.locator('#delete-confirm').waitFor();
  assert.equal(await page.locator('#delete-confirm button').first().evaluate((b) => b === document.activeElement), true);
  await assertAccessible(page, 'delete confirmation');
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByRole('heading', { name: 'Account deleted' }).waitFor();

  const cookies = await browser.context.cookies();
  assert.ok(!cookies.some((c) => c.name === 'wc_session' && c.value), 'the session cookie is cleared');
  const staff = await srv.fetch(`/api/v1/appeals/${leavers.id}`, { token: admin.token });
  assert.equal(staff.status, 200);
  assert.equal(staff.body.description, '路灯不亮');
  assert.equal(staff.body.contact, null);
  assert.ok(!staff.text.includes(LEAVER) && !staff.text.includes('****5500'), 'the number is gone from the appeal');
  await page.goto(srv.url + '/#/');
  await page.goto(srv.url + '/#/me/appeals');
  await page.getByRole('link', { name: 'Sign in with your number' }).waitFor();
  await page.close();
});
