// The shell in a real Chromium: Chinese text renders, the service status
// shows, staff sign in and out with the cookie session (and its CSRF token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { shot } from './lib/shots.mjs';

let srv;
let browser;
before(async () => {
  srv = await startServer({ users: [{ username: 'wangjing', password: 'staff-pass-1', role: 'worker', display_name: '王晶' }] });
  browser = await launch();
});
after(async () => { await browser.close(); await srv.stop(); srv.cleanup(); });

test('the start page shows the service status in Chinese', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/');
  await page.getByText('运行正常').waitFor();
  assert.equal(await page.title(), '暖城 · 便民十件事');
  // A CJK font is installed: 汉字 are drawn wider than the fallback boxes' ASCII width.
  const width = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = '20px "WenQuanYi Micro Hei", sans-serif';
    return c.measureText('暖城').width;
  });
  assert.ok(width >= 36, `汉字 drawn ${width}px wide: is a CJK font installed?`);
  await shot(page, 'start');
  await page.close();
});

test('a worker signs in, sees their name and role, and signs out from another tab', async () => {
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/staff');
  await page.getByLabel('用户名').fill('wangjing');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('用户名或密码不正确').waitFor();
  await page.getByLabel('密码').fill('staff-pass-1');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('#me-name', { hasText: '王晶' }).waitFor();
  assert.equal(await page.locator('#me-role').textContent(), '网格员');
  await shot(page, 'signed-in');
  // Signing out from another tab works too: the page takes the session's
  // CSRF token from /me, not from the tab that signed in.
  const other = await browser.context.newPage();
  await other.goto(srv.url + '/#/staff');
  await other.getByRole('button', { name: '退出登录' }).click();
  // Exact: a role name given as a string matches any name containing it, so
  // '登录' alone is the 退出登录 button itself, found before the logout is sent.
  // The 登录 button shows only once the logout POST has been answered.
  await other.getByRole('button', { name: '登录', exact: true }).waitFor();
  // The session is revoked on the server, not only forgotten by the page.
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  assert.equal(me, 401);
  await other.close();
  await page.close();
});
