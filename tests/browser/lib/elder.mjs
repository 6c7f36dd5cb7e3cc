// Elder mode's numbers on the page as shown (DESIGN.md, 适老化): every text
// at 20 px or more, every target at least 60 × 60 px. A target is every
// link, button, field, select, summary and focusable control that is drawn
// (outside the map); a checkbox or radio is measured as the row or label
// that takes its click (.choice, label.day-chip), a visually hidden input as
// its label. measure() reports the smallest of each and every target that
// falls short; assertElder fails on any (and when it measured no target).
import assert from 'node:assert/strict';

export const ELDER_TEXT_PX = 20;
export const ELDER_TARGET_PX = 60;

export function measure(page) {
  return page.evaluate((targetPx) => {
    let minFont = Infinity;
    let minFontAt = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.getClientRects().length) continue;
      if (el.closest('.leaflet-container')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minFont) { minFont = size; minFontAt = `${el.tagName} ${n.textContent.trim().slice(0, 20)}`; }
    }
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 24)}"`;
    // The box a finger has to hit for `el`.
    const boxOf = (el) => {
      if (el.type === 'checkbox' || el.type === 'radio') return el.closest('.choice, label') || el.labels?.[0] || el;
      if (el.classList.contains('visually-hidden')) return el.labels?.[0] || null;
      return el;
    };
    const seen = new Set();
    const small = [];
    let minTarget = Infinity;
    let minTargetAt = '';
    const sel = 'a[href], button, input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll(sel)) {
      if (el.closest('.leaflet-container') || el.type === 'hidden') continue;
      const box = boxOf(el);
      if (!box || seen.has(box)) continue;
      seen.add(box);
      const r = box.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(box).visibility === 'hidden') continue;
      const target = Math.min(r.width, r.height);
      if (target < minTarget) { minTarget = target; minTargetAt = name(box); }
      if (target < targetPx) small.push(`${name(box)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return { minFont, minFontAt, minTarget, minTargetAt, targets: seen.size, small };
  }, ELDER_TARGET_PX);
}

export async function assertElder(page, where) {
  const m = await measure(page);
  assert.ok(Number.isFinite(m.minFont), `${where}: no text measured`);
  assert.ok(m.minFont >= ELDER_TEXT_PX, `${where}: text of ${m.minFont}px (${m.minFontAt})`);
  assert.ok(m.targets > 0, `${where}: no target measured`);
  assert.deepEqual(m.small, [], `${where}: targets under ${ELDER_TARGET_PX} × ${ELDER_TARGET_PX} px`);
  assert.ok(m.minTarget >= ELDER_TARGET_PX, `${where}: a target of ${m.minTarget}px (${m.minTargetAt})`);
}
