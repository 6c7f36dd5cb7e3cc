// Money as the team types and reads it: 元 with up to two decimals ⇄ the
// API's integer fen, by string arithmetic (never Number * 100: 19.99 * 100
// is 1998.9999999999998 in floating point). Pure; no DOM.

// The largest amount the server takes (kMaxFen in src/eldercare/errand.h).
export const MAX_FEN = 100000000;

// Full-width digits and points, as a Chinese keyboard may give them.
const halfWidth = (s) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/[．。]/g, '.');

// "12" → 1200, "12.5" → 1250, "0.05" → 5, "¥ 1,234.50 元" → 123450;
// null for anything else (negative, three decimals, letters, empty, over MAX_FEN).
export function yuanToFen(text) {
  const s = halfWidth(String(text ?? '')).trim().replace(/元$/, '').replace(/[\s,，¥￥]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$|^\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const whole = m[1] ?? '0';
  const cents = (m[2] ?? m[3] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

// 1250 → "12.50", -5 → "-0.05" (a balance may be negative).
export function fenToYuan(fen) {
  const n = Math.trunc(Number(fen) || 0);
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
