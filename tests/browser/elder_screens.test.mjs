// Elder mode (适老化) on every screen (every route of web/js/router.js,
// signed out, as a resident and as an admin): text at 20 px or more, every
// link, button and field at least 60 × 60 px (DESIGN.md, "Elders first"),
// and axe passes; still no host but its own server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { assertAllRoutes, startScreens, visitScreens } from './lib/screens.mjs';

let srv;
let browser;
let screens;
let requests;
before(async () => {
  ({ srv, browser, screens, requests } = await startScreens());
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('elder mode: every screen keeps 20 px text and 60 × 60 px targets, and passes axe', async () => {
  const seen = await visitScreens(browser, srv, screens, { elder: true }, async (page, s, where) => {
    await requests.settled();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true, where);
    await assertElder(page, where);
    await assertAccessible(page, where);
    await shot(page, `elder-${s.who ? s.who.username.replace(/\W/g, '-') + '-' : ''}${s.route.replace(/[/:]+/g, '-').replace(/^-|-$/g, '') || 'home'}`, true);
  });
  assertAllRoutes(seen);
  await requests.settled();
  assert.ok(requests.own > screens.length, `${requests.own} requests to the server`);
  assert.deepEqual(requests.foreign, [], 'requests to another host');
});
