// The one host besides its own server the app may call: map tiles, and only
// when configured (README "Map tiles", docs/web.md). A server with
// --tile-url on another host (answered here by the test, not the network):
// every screen's requests to other hosts are tiles of that template and
// nothing else, the tiles are drawn (the Content-Security-Policy admits
// their host), and the attribution shows. every_screen_zh/_en.test.mjs show that
// without --tile-url no other host is called at all. A server under a
// sanitizer answers more slowly, so every wait of this file (Playwright's
// default 30 s, the 10 s for requests to settle) is longer by slowFactor()
// (tests/http/lib/slow.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAllRoutes, prepareScreens, visitScreens, watchRequests } from './lib/screens.mjs';
import { slowFactor } from '../http/lib/slow.mjs';

const TILES = 'https://tiles.example.test';
const TILE = new RegExp(`^${TILES.replace(/\./g, '\\.')}/\\d+/\\d+/\\d+\\.png$`);
const PNG = readFileSync(fileURLToPath(new URL('./fixtures/pothole.png', import.meta.url)));
let srv;
let browser;
let screens;
let requests;
let served = 0;
before(async () => {
  let admin;
  ({ srv, admin } = await startDemoServer({ args: ['--tile-url', `${TILES}/{z}/{x}/{y}.png`, '--tile-attribution', '© 测试瓦片'] }));
  screens = await prepareScreens(srv, admin);
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  browser.context.setDefaultTimeout(30000 * slowFactor());
  await browser.context.route(`${TILES}/**`, (route) => { served++; return route.fulfill({ status: 200, contentType: 'image/png', body: PNG }); });
  requests = watchRequests(browser.context, srv);
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// The screens that show a map. Their map may appear only after the screen's
// own data arrived (/near waits for its answer), so it is waited for there;
// any other screen's map is counted as it stands and fails the comparison.
const MAP_SCREENS = ['/appeal/new', '/f/:id', '/near', '/staff/appeals/:id'];

test('with --tile-url, the only other host called is the tile server, for tiles', async () => {
  const drawn = {};
  const seen = await visitScreens(browser, srv, screens, { lang: 'zh-CN' }, async (page, s) => {
    const map = page.locator('.leaflet-container').first();
    if (MAP_SCREENS.includes(s.route)) await map.waitFor();
    else if (await map.count() === 0) return;
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    drawn[s.route] = await map.locator('img.leaflet-tile-loaded').count();
  });
  assertAllRoutes(seen);
  await requests.settled(10000 * slowFactor());
  // The screens with a map drew tiles from the configured host …
  assert.deepEqual(Object.keys(drawn).sort(), MAP_SCREENS);
  assert.ok(requests.foreign.length > 0 && served >= requests.foreign.length, `${requests.foreign.length} requests, ${served} served`);
  // … and nothing else went anywhere but the server.
  assert.deepEqual(requests.foreign.filter((url) => !TILE.test(url)), [], 'requests to another host that are not tiles');
  const page = await browser.context.newPage();
  await page.goto(srv.url + '/' + screens.find((s) => s.route === '/near').hash);
  await page.locator('.leaflet-control-attribution', { hasText: '© 测试瓦片' }).waitFor();
  await page.close();
});
