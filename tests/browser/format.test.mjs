// The web app's pure helpers (web/js/format.js) in node: hours in words, the
// seven days from evaluate intervals (overnight, holidays), states in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const { hoursInWords, sevenDays, stateText, distance, age, fromLocalInput, rfc3339 } =
  await import('../../web/js/format.js');
const { saveSetting } = await import('../../web/js/settings.js');

test('hours in words, one line per rule, in both languages', () => {
  saveSetting('lang', 'zh-CN');
  assert.deepEqual(hoursInWords('Mo-Fr 08:00-12:00,14:30-18:00; PH off'),
    ['周一至周五 08:00–12:00,14:30–18:00', '法定节假日 休息']);
  assert.deepEqual(hoursInWords('WD 09:00-17:00 || "预约"'), ['工作日 09:00–17:00', '其他时间: (预约)']);
  assert.deepEqual(hoursInWords('24/7'), ['全天开放']);
  assert.deepEqual(hoursInWords(null), ['未登记开放时间']);
  saveSetting('lang', 'en');
  assert.deepEqual(hoursInWords('Sa,Su 10:00-16:00; OD off'), ['Sat,Sun 10:00–16:00', 'days off closed']);
  saveSetting('lang', 'zh-CN');
});

test('seven days from intervals: overnight spans show on both days, comments kept', () => {
  const from = Date.parse('2026-09-30T00:00:00+08:00');
  const days = sevenDays([
    { from: '2026-09-30T00:00:00+08:00', until: '2026-09-30T18:00:00+08:00', state: 'closed' },
    { from: '2026-09-30T18:00:00+08:00', until: '2026-10-01T02:00:00+08:00', state: 'open' },
    { from: '2026-10-01T02:00:00+08:00', until: '2026-10-08T00:00:00+08:00', state: 'closed', comment: '国庆节' },
  ], from);
  assert.equal(days.length, 7);
  assert.equal(days[0].label, '周三 09-30');
  assert.deepEqual(days[0].spans, ['18:00–24:00']);
  assert.deepEqual(days[1].spans, ['00:00–02:00']);
  assert.equal(days[1].comment, '国庆节');
  assert.deepEqual(days[6].spans, []);
});

test('states, distances, ages and district times', () => {
  assert.equal(stateText({ state: 'unknown' }), '开放时间未知');
  const at = Date.parse('2026-12-02T10:00:00+08:00');
  assert.equal(stateText({ state: 'open', next_change: '2026-12-02T12:00:00+08:00' }, at), '届时开放，周三 12-02 12:00 关闭');
  assert.equal(stateText({ state: 'closed', next_change: null }, at), '届时关闭');
  assert.equal(distance(593.4), '593 米');
  assert.equal(distance(1949), '1.9 公里');
  assert.equal(age(30), '刚刚');
  assert.equal(age(125), '2 分钟前');
  assert.equal(fromLocalInput('2026-12-02T10:00'), at);
  assert.equal(rfc3339(at), '2026-12-02T10:00:00+08:00');
  assert.equal(fromLocalInput('nonsense'), null);
});
