// Watching a page for data that became markup: names like
// `<img src=x onerror="window.__pwned=1">` are stored through the API, and
// every page of the context records what would show they ran or were parsed —
// window.__pwned (the payload ran), window.__injected (an <img src=x> was
// inserted), window.__cspViolations (securitypolicyviolation events) — and
// the console's Content-Security-Policy errors. assertClean() checks them all.
import assert from 'node:assert/strict';

// `tag` tells which stored name ran (window.__pwned = tag).
export const payload = (tag) => `<img src=x onerror="window.__pwned=${tag}">`;

// Installs the recorders in every page `context` opens from now on.
export function watchContext(context) {
  return context.addInitScript(() => {
    window.__cspViolations = [];
    window.__injected = [];
    // A violation of a detached element is fired at the window: listen there.
    window.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '-'}: ${e.sample}`);
    }, true);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== Node.ELEMENT_NODE) continue;
          for (const img of [n, ...n.querySelectorAll('img')]) {
            if (img.tagName === 'IMG' && img.getAttribute('src') === 'x') window.__injected.push(img.outerHTML);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

// A new page of `context` whose console CSP errors and uncaught errors are kept.
export async function guardedPage(context) {
  const page = await context.newPage();
  page.consoleCsp = [];
  page.errors = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) page.consoleCsp.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  return page;
}

// Points at every Leaflet marker in `mapSel`, with the real pointer (the top
// one where markers overlap) and with the marker's own mouseover (covered
// ones too); resolves to the texts of the tooltips that opened.
export async function hoverMarkers(page, mapSel) {
  const markers = page.locator(`${mapSel} path.leaflet-interactive`);
  await markers.first().waitFor();
  await page.locator(mapSel).scrollIntoViewIfNeeded();
  const texts = new Set();
  const tooltips = async () => {
    for (const text of await page.locator(`${mapSel} .leaflet-tooltip`).allTextContents()) texts.add(text);
  };
  const n = await markers.count();
  for (let i = 0; i < n; i++) {
    const box = await markers.nth(i).boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await tooltips();
    }
    await markers.nth(i).dispatchEvent('mouseover');
    await tooltips();
    await markers.nth(i).dispatchEvent('mouseout');
  }
  await page.mouse.move(0, 0);
  return [...texts];
}

// Sweeps the pointer over a chart box, row by row (bars, labels, axes).
export async function hoverChart(page, sel) {
  const box = await page.locator(sel).boundingBox();
  for (let y = box.y + 8; y < box.y + box.height; y += 24) {
    for (let x = box.x + 8; x < box.x + box.width; x += 60) await page.mouse.move(x, y);
  }
  await page.mouse.move(0, 0);
}

// Nothing ran, nothing was parsed into an <img src=x>, no CSP violation, no
// uncaught error on `page` (every image of the page has loaded or failed
// first, so a payload's onerror has had its chance to run).
export async function assertClean(page, where) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const s = await page.evaluate(() => ({
    pwned: window.__pwned, injected: window.__injected, csp: window.__cspViolations,
    imgs: document.querySelectorAll('img[src="x"]').length,
  }));
  assert.equal(s.pwned, undefined, `${where}: a stored name ran as script (window.__pwned = ${s.pwned})`);
  assert.deepEqual(s.injected, [], `${where}: a stored name became an element`);
  assert.equal(s.imgs, 0, `${where}: an <img src=x> is in the page`);
  assert.deepEqual(s.csp, [], `${where}: Content-Security-Policy violations`);
  assert.deepEqual(page.consoleCsp, [], `${where}: Content-Security-Policy errors in the console`);
  assert.deepEqual(page.errors, [], `${where}: uncaught errors`);
}
