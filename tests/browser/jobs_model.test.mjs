// The job search's pure parts in node (web/js/jobs_model.js): the pay range
// as shown and as read aloud, the hash ⇄ filters (back returns to the same
// search; a hand-made link with junk still opens one), the API's query with
// this week's and month's first district day, the form's checks, a
// complaint's body, and failures in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const m = await import('../../web/js/jobs_model.js');
const { saveSetting } = await import('../../web/js/settings.js');
const { ApiError } = await import('../../web/js/api.js');

test('the pay range as shown, grouped by thousands, in both languages', () => {
  saveSetting('lang', 'zh-CN');
  assert.equal(m.payText(300000, 450000), '¥3,000–4,500/月');
  assert.equal(m.payText(220000, 220000), '¥2,200/月');
  assert.equal(m.payText(1000000, 1250050), '¥10,000–12,500.50/月');
  assert.equal(m.payText(99900, 100000), '¥999–1,000/月');
  assert.equal(m.yuanText(123456789), '1,234,567.89');
  assert.equal(m.priceWords(300000, 450000), '月薪三千元到四千五百元');
  assert.equal(m.priceWords(220000, 220000), '月薪二千二百元');
  saveSetting('lang', 'en');
  assert.equal(m.payText(300000, 450000), '¥3,000–4,500/month');
  assert.equal(m.priceWords(300000, 450000), '3000 yuan to 4500 yuan a month');
  saveSetting('lang', 'zh-CN');
});

test('the hash holds the search, and reads back the same filters', () => {
  const filters = { q: '保洁 白班', area: '12', pay: '3000', since: 'week' };
  const hash = m.hashOf(filters);
  assert.equal(hash, '#/jobs?q=%E4%BF%9D%E6%B4%81+%E7%99%BD%E7%8F%AD&area=12&pay=3000&since=week');
  assert.deepEqual(m.filtersOf(new URLSearchParams(hash.split('?')[1])), filters);
  assert.equal(m.hashOf({ q: '', area: '', pay: '', since: 'all' }), '#/jobs');
  assert.equal(m.hashOf({ q: '厨', area: '', pay: '', since: 'all' }), '#/jobs?q=%E5%8E%A8');
  assert.deepEqual(m.filtersOf(new URLSearchParams('')), { q: '', area: '', pay: '', since: 'all' });
  // A hand-made link: junk is left out, the rest kept.
  assert.deepEqual(m.filtersOf(new URLSearchParams('q=%20%20司机%E3%80%80夜班 &area=abc&pay=lots&since=year')),
    { q: '司机 夜班', area: '', pay: '', since: 'all' });
  assert.equal(m.filtersOf(new URLSearchParams('q=' + '保'.repeat(30))).q.length, m.MAX_Q);
  assert.equal(m.filtersOf(new URLSearchParams('pay=3,500')).pay, '3,500');
});

test('the API query: yuan to fen, this week from Monday, this month from the 1st (district days)', () => {
  const sat = Date.parse('2026-12-05T10:00:00+08:00');  // a Saturday
  assert.deepEqual(m.apiQuery({ q: '保洁', area: '12', pay: '3,500', since: 'week' }, { nowMs: sat }),
    { q: '保洁', area_id: '12', pay_min_fen: 350000, since: '2026-11-30', limit: 20, cursor: undefined });
  assert.deepEqual(m.apiQuery({ q: '', area: '', pay: '', since: 'all' }, { nowMs: sat, cursor: 'abc' }),
    { q: undefined, area_id: undefined, pay_min_fen: undefined, since: undefined, limit: 20, cursor: 'abc' });
  assert.equal(m.sinceDay('month', sat), '2026-12-01');
  // 23:30 on Sunday 29 Nov in the district: that week began on Monday 23 Nov.
  const sundayLate = Date.parse('2026-11-29T23:30:00+08:00');
  assert.equal(m.sinceDay('week', sundayLate), '2026-11-23');
  assert.equal(m.sinceDay('week', Date.parse('2026-11-30T00:10:00+08:00')), '2026-11-30', 'Monday just after midnight (Sunday in UTC)');
  assert.equal(m.sinceDay('month', Date.parse('2027-01-01T00:10:00+08:00')), '2027-01-01', 'New Year just after midnight (still 2026 in UTC)');
  assert.equal(m.sinceDay('all', sat), null);
  assert.equal(m.apiQuery({ pay: '0', since: 'all' }).pay_min_fen, undefined, 'a lowest pay of 0 is no filter');
});

test('the form: a search too long or an unreadable amount is refused before asking', () => {
  assert.deepEqual(m.checkFilters({ q: '保洁', pay: '3000' }), []);
  assert.deepEqual(m.checkFilters({ q: '', pay: '' }), []);
  assert.deepEqual(m.checkFilters({ q: ' 保 '.repeat(3), pay: '３０００' }), [], 'full-width digits are yuan');
  assert.deepEqual(m.checkFilters({ q: '保'.repeat(21), pay: '' }), [{ field: 'q', key: 'jobs.q_too_long' }]);
  for (const bad of ['abc', '-5', '3000.555', '1e4']) {
    assert.deepEqual(m.checkFilters({ q: '', pay: bad }), [{ field: 'pay', key: 'jobs.pay_bad' }], bad);
  }
});

test('a complaint body: a reason from the list, words required for other, the phone without blanks', () => {
  assert.deepEqual(m.complaintBody({ reason: 'fee_charged', text: ' 要交500元押金 ', phone: '138 1234-5678' }),
    { body: { reason: 'fee_charged', text: '要交500元押金', phone: '13812345678' } });
  assert.deepEqual(m.complaintBody({ reason: 'expired', text: '', phone: '' }), { body: { reason: 'expired', text: '' } });
  assert.deepEqual(m.complaintBody({ reason: null, text: '', phone: '' }).errors, [{ field: 'reason', key: 'jobs.complaint_reason_missing' }]);
  assert.deepEqual(m.complaintBody({ reason: 'bribe', text: 'x' }).errors.map((e) => e.field), ['reason']);
  assert.deepEqual(m.complaintBody({ reason: 'other', text: '   ' }).errors, [{ field: 'text', key: 'jobs.complaint_text_missing' }]);
  assert.deepEqual(m.complaintBody({ reason: 'other', text: '字'.repeat(501) }).errors, [{ field: 'text', key: 'jobs.complaint_text_long' }]);
  assert.ok(m.complaintBody({ reason: 'other', text: '字'.repeat(500) }).body);
});

test('failures in words: offline, gone, too many, busy, invalid', () => {
  saveSetting('lang', 'zh-CN');
  assert.equal(m.problemText(new TypeError('Failed to fetch')), '无法连接服务器，请检查网络后再试。');
  assert.equal(m.problemText(new ApiError(404, { title: 'Not Found' })), '这个岗位已经下架、过期或不存在。');
  assert.match(m.problemText(new ApiError(429, {})), /一小时后再试/);
  assert.match(m.problemText(new ApiError(503, {})), /正忙/);
  assert.equal(m.problemText(new ApiError(422, { detail: 'invalid', errors: [{ field: 'phone', message: '不是有效的电话号码' }] })),
    '出错了：不是有效的电话号码');
});

test('both languages have the same jobs.* keys', async () => {
  const zh = (await import('../../web/js/messages/zh-CN-jobs.js')).default;
  const en = (await import('../../web/js/messages/en-jobs.js')).default;
  const mine = (o) => Object.keys(o).filter((k) => k.startsWith('jobs.')).sort();
  assert.deepEqual(mine(en), mine(zh));
});
