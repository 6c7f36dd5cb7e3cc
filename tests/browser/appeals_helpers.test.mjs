// The appeals screens' pure helpers in node: the queue's order (overdue, then
// nearly due, then by due time), this month in district time, durations,
// who may be offered the contact reveal, category names by language.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const { duration } = await import('../../web/js/format.js');
const { thisMonth, mayReveal, categoryName } = await import('../../web/js/appeals.js');
const { byUrgency } = await import('../../web/screens/queue.js');
const { saveSetting } = await import('../../web/js/settings.js');

test('the queue: overdue first, then nearly due, then the earliest due', () => {
  const items = [
    { id: 1, urgency: 'none', due_at: '2026-11-20T10:00:00+08:00' },
    { id: 2, urgency: 'nearly_due', due_at: '2026-11-27T10:00:00+08:00' },
    { id: 3, urgency: 'overdue', due_at: '2026-11-25T10:00:00+08:00' },
    { id: 4, urgency: 'none', due_at: null },
    { id: 5, urgency: 'overdue', due_at: '2026-11-24T10:00:00+08:00' },
    { id: 6, urgency: 'nearly_due', due_at: '2026-11-26T18:00:00+08:00' },
  ];
  assert.deepEqual(items.sort(byUrgency).map((a) => a.id), [5, 3, 6, 2, 1, 4]);
});

test('this month starts at 00:00 on the 1st in the district (+08:00)', () => {
  // 2026-11-30T17:00Z is already 1 December in the district.
  const m = thisMonth(Date.parse('2026-11-30T17:00:00Z'));
  assert.equal(m.text, '2026-12');
  assert.equal(new Date(m.from).toISOString(), '2026-11-30T16:00:00.000Z');
  assert.equal(thisMonth(Date.parse('2026-11-30T15:59:00Z')).text, '2026-11');
});

test('durations in the largest whole unit', () => {
  saveSetting('lang', 'zh-CN');
  assert.equal(duration(30), '1 分钟');
  assert.equal(duration(3 * 3600 + 5), '3 小时');
  assert.equal(duration(2 * 86400 + 3600), '2 天');
  saveSetting('lang', 'en');
  assert.equal(duration(2 * 86400), '2 days');
  assert.equal(categoryName({ code: 'roads', name_zh: '道路设施', name_en: 'Roads' }), 'Roads');
  saveSetting('lang', 'zh-CN');
  assert.equal(categoryName({ code: 'roads', name_zh: '道路设施', name_en: 'Roads' }), '道路设施');
});

test('the reveal is offered to dispatchers and the assigned department only', () => {
  const a = { assigned_org_id: 7, contact: { name: '王**', phone: '138****5678', masked: true } };
  assert.equal(mayReveal({ role: 'admin' }, a), true);
  assert.equal(mayReveal({ role: 'worker' }, a), true);
  assert.equal(mayReveal({ role: 'department', organisations: [{ id: 7 }] }, a), true);
  assert.equal(mayReveal({ role: 'department', organisations: [{ id: 8 }] }, a), false);
  assert.equal(mayReveal({ role: 'resident' }, a), false);
  assert.equal(mayReveal({ role: 'admin' }, { ...a, contact: null }), false);
  assert.equal(mayReveal({ role: 'admin' }, { ...a, contact: { ...a.contact, masked: false } }), false);
});
