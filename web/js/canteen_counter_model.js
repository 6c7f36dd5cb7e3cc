// The canteen counter's pure parts (issue 17, screens/canteen_counter.js):
// the meal served at a time of day, what the cashier typed to find a diner
// (a red proxy card's number, a phone, or a full name), the basket of
// dishes with their quantities, and the bodies of POST …/orders/preview and
// POST …/orders. No DOM, no fetch.
import { districtParts } from './format.js';

// The meal at instant `ms` (district time): breakfast until 10:00, lunch
// until 15:00, dinner after. The counter can switch it.
export function mealAt(ms = Date.now()) {
  const { hour } = districtParts(ms);
  if (hour < 10) return 'breakfast';
  if (hour < 15) return 'lunch';
  return 'dinner';
}

// What the search box holds → the query of GET …/diners, or null:
// ten digits not starting with 0 (separators, full-width digits and a
// scanner's trailing Enter ignored) are a card ("5729-430-181"); other
// digit runs of 7–13 are a phone ("138 1234 5678", "0358-8221234",
// "+86 138…"); anything with a letter or 汉字 is a full name.
export function dinerQuery(text) {
  const s = String(text ?? '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).trim();
  if (!s) return null;
  const digits = s.replace(/[\s\-.·()（）]/g, '');
  if (/^\d{10}$/.test(digits) && digits[0] !== '0') return { card: digits };
  if (/^\+?\d{7,15}$/.test(digits)) return { phone: digits };
  if (/[\p{L}]/u.test(s) && !/\d/.test(s)) return { name: s.replace(/\s+/g, ' ') };
  return null;
}

// The basket: dish id → quantity, in the order the dishes were first
// tapped. Each operation answers a new basket; a quantity never goes below
// zero (a dish at zero leaves the basket) nor above `max`.
export const MAX_QTY = 20;
export function addDish(basket, dishId, delta = 1) {
  const next = new Map(basket);
  const qty = Math.min(MAX_QTY, (next.get(dishId) || 0) + delta);
  if (qty <= 0) next.delete(dishId);
  else next.set(dishId, qty);
  return next;
}

export function basketLines(basket) {
  return [...basket].map(([dish_id, qty]) => ({ dish_id, qty }));
}

export function basketCount(basket) {
  let n = 0;
  for (const qty of basket.values()) n += qty;
  return n;
}

// The basket's full price from the menu's items ([{dish_id, price_fen}]).
export function basketPrice(basket, items) {
  let fen = 0;
  for (const [id, qty] of basket) fen += (items.find((i) => i.dish_id === id)?.price_fen || 0) * qty;
  return fen;
}

// The body of the preview and of the order: a counter meal today, for the
// chosen diner (an elder by her id) or for an ordinary diner (null).
export function orderBody({ date, meal, elderId = null, basket }) {
  return { kind: 'counter', date, meal, diner: elderId ? { elder_id: elderId } : null, lines: basketLines(basket) };
}

// May this order be cancelled at the counter? Only a counter meal served
// the same day (`today`: a till mistake, refunded in full). Never a
// delivery: on its day it is past its cut-off, so the server would charge
// it in full (cancelled_late) while the till offered a refund.
export function cancellable(order, today) {
  return order.kind === 'counter' && order.date === today && order.status === 'served';
}
