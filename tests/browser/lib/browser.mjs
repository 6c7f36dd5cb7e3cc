// Debian's Chromium driven by playwright-core, with a fresh profile and the
// flags this closed-network machine needs (DESIGN.md, pitfalls).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `options` go to launchPersistentContext (e.g. geolocation, permissions).
export async function launch({ viewport = { width: 360, height: 640 }, locale = 'zh-CN', ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'warmcity-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    locale,
    timezoneId: 'Asia/Shanghai',
    ...options,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); };
  return { context, close };
}

// A new page of `browser` signed in as `who` ({username, password}) through
// the staff sign-in at `url`/#/staff, the cookies cleared first (one person
// per page); resolves when the header names them.
export async function signedInPage(browser, url, who) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(url + '/#/staff');
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('#me-name').waitFor();
  return page;
}
