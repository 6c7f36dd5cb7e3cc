// Elder mode's numbers on the page as shown: the smallest text (px) and the
// smallest target (px) among buttons, inputs, selects and the big links;
// assertElder fails below 20 px text or 48 px targets.
import assert from 'node:assert/strict';

export function measure(page) {
  return page.evaluate(() => {
    let minFont = Infinity;
    let minFontAt = '';
    let minTarget = Infinity;
    let minTargetAt = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.getClientRects().length) continue;
      if (el.closest('.leaflet-container')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minFont) { minFont = size; minFontAt = `${el.tagName} ${n.textContent.trim().slice(0, 20)}`; }
    }
    for (const el of document.querySelectorAll('button, input:not(.visually-hidden), select, textarea, .tile, nav a, .result-name, .kept a, a.button, label.button, td a')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      const target = el.type === 'checkbox' || el.type === 'radio' ? el.closest('.choice').getBoundingClientRect().height : Math.min(r.width, r.height);
      if (target < minTarget) { minTarget = target; minTargetAt = `${el.tagName} ${el.textContent.trim().slice(0, 20)}`; }
    }
    return { minFont, minFontAt, minTarget, minTargetAt };
  });
}

export async function assertElder(page, where) {
  const m = await measure(page);
  assert.ok(m.minFont >= 20, `${where}: text of ${m.minFont}px (${m.minFontAt})`);
  assert.ok(m.minTarget >= 48, `${where}: a target of ${m.minTarget}px (${m.minTargetAt})`);
}
