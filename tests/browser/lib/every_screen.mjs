// Every screen (every route of web/js/router.js, signed out, as a resident
// and as an admin) in one language: the app calls no host but its own
// server (README, docs/web.md: without --tile-url no tile is fetched;
// map_tiles.test.mjs covers the configured exception), and each screen
// passes axe. A request to any other host fails the test, naming it. One
// test file per language (every_screen_zh, every_screen_en), so the two
// halves run side by side and each stays inside the browser tests' time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible } from './axe.mjs';
import { assertAllRoutes, startScreens, visitScreens } from './screens.mjs';

export function everyScreenIn(name, settings) {
  let srv;
  let browser;
  let screens;
  let requests;
  before(async () => {
    ({ srv, browser, screens, requests } = await startScreens({ viewport: { width: 1100, height: 900 } }));
  });
  after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

  test(`${name}: every screen calls only its own server and passes axe`, async () => {
    const before = requests.own;
    const seen = await visitScreens(browser, srv, screens, settings, async (page, s, where) => {
      await requests.settled();
      assert.deepEqual(requests.foreign, [], `${where}: requests to another host`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), settings.lang, where);
      await assertAccessible(page, where);
    });
    assertAllRoutes(seen);
    // Not "no foreign request" because no request at all: the screens asked the server.
    assert.ok(requests.own - before > screens.length, `${requests.own - before} requests to the server`);
    assert.deepEqual(requests.foreign, [], 'requests to another host');
  });
}
