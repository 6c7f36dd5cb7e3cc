// The activities' pure parts in node (web/js/activities_model.js): a
// series in words, a date and time in words (the period said once, again
// when it changes), the places of a date, a sign-up's state as its message,
// the hash ⇄ filters (a hand-made link with junk still opens the list), the
// API's query per view, the buttons a state offers, a birth date's check,
// and failures in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const m = await import('../../web/js/activities_model.js');
const { saveSetting } = await import('../../web/js/settings.js');
const { ApiError } = await import('../../web/js/api.js');
const { MESSAGES } = await import('../../web/js/messages.js');

test('the zh and en catalogues have the same activity keys', () => {
  const keys = (lang) => Object.keys(MESSAGES[lang]).filter((k) => k.startsWith('act.')).sort();
  assert.ok(keys('zh-CN').length > 100);
  assert.deepEqual(keys('en'), keys('zh-CN'));
});

test('a date and time in words: the period once, again when it changes, another day named', () => {
  saveSetting('lang', 'zh-CN');
  // 2026-12-08 is a Tuesday.
  assert.equal(m.whenWords('2026-12-08T08:00:00+08:00', '2026-12-08T09:00:00+08:00'), '12月8日 周二 上午 8:00–9:00');
  assert.equal(m.whenWords('2026-12-08T11:00:00+08:00', '2026-12-08T13:30:00+08:00'), '12月8日 周二 上午 11:00–下午 1:30');
  assert.equal(m.whenWords('2026-12-13T14:30:00+08:00', '2026-12-13T16:00:00+08:00'), '12月13日 周日 下午 2:30–4:00');
  assert.equal(m.whenWords('2026-12-13T12:00:00+08:00', '2026-12-13T12:45:00+08:00'), '12月13日 周日 中午 12:00–12:45');
  assert.equal(m.whenWords('2026-12-31T19:00:00+08:00', '2027-01-01T01:00:00+08:00'), '12月31日 周四 晚上 7:00–1月1日 周五 凌晨 1:00');
  // An instant in UTC is read in district time.
  assert.equal(m.whenWords('2026-12-08T00:00:00Z', '2026-12-08T01:00:00Z'), '12月8日 周二 上午 8:00–9:00');
  saveSetting('lang', 'en');
  assert.equal(m.whenWords('2026-12-08T08:00:00+08:00', '2026-12-08T09:00:00+08:00'), 'Tue 8 Dec 8:00–9:00 am');
  assert.equal(m.whenWords('2026-12-08T11:00:00+08:00', '2026-12-08T13:30:00+08:00'), 'Tue 8 Dec 11:00 am–1:30 pm');
  saveSetting('lang', 'zh-CN');
});

test('a series in words: once, weekly on its weekday, monthly on its day, until a date or a count', () => {
  saveSetting('lang', 'zh-CN');
  assert.equal(m.seriesWords({ repeat: 'none', first_date: '2026-12-08' }), '仅一次：12月8日 周二');
  assert.equal(m.seriesWords({ repeat: 'weekly', first_date: '2026-12-08', repeat_until: '2027-03-02' }),
    '每周二，12月8日 周二起，至 3月2日 周二');
  assert.equal(m.seriesWords({ repeat: 'monthly', first_date: '2026-12-05', repeat_count: 6 }), '每月 5 日，12月5日 周六起，共 6 次');
  assert.equal(m.startWords('08:00', 90), '上午 8:00 开始，1 小时 30 分钟');
  assert.equal(m.startWords('19:30', 120), '晚上 7:30 开始，2 小时');
  assert.equal(m.startWords('09:05', 45), '上午 9:05 开始，45 分钟');
  saveSetting('lang', 'en');
  assert.equal(m.seriesWords({ repeat: 'weekly', first_date: '2026-12-08', repeat_count: 10 }), 'Every Tue, from Tue 8 Dec, 10 times');
  assert.equal(m.seriesWords({ repeat: 'monthly', first_date: '2026-12-05', repeat_until: '2027-05-05' }), 'Every month on day 5, from Sat 5 Dec until Wed 5 May');
  saveSetting('lang', 'zh-CN');
});

test('age limits in words, none when neither is set', () => {
  assert.equal(m.ageWords({ age_min: null, age_max: null }), null);
  assert.equal(m.ageWords({}), null);
  assert.equal(m.ageWords({ age_min: 60, age_max: null }), '60 岁及以上');
  assert.equal(m.ageWords({ age_min: null, age_max: 12 }), '12 岁及以下');
  assert.equal(m.ageWords({ age_min: 6, age_max: 12 }), '6–12 岁');
  assert.equal(m.hasAgeLimits({ age_min: 0, age_max: null }), true, 'an age_min of 0 is a limit');
  assert.equal(m.hasAgeLimits({ age_min: null, age_max: null }), false);
});

test('the places of a date: left, full with a line, full, cancelled', () => {
  assert.equal(m.placesWords({ status: 'scheduled', places_left: 3, waiting: 0 }), '还有 3 个名额');
  assert.equal(m.placesWords({ status: 'scheduled', places_left: 0, waiting: 2 }), '已满，2 人排队');
  assert.equal(m.placesWords({ status: 'scheduled', places_left: 0, waiting: 0 }), '已满');
  assert.equal(m.placesWords({ status: 'cancelled', places_left: 5, waiting: 0 }), '已取消');
  assert.equal(m.placesState({ status: 'cancelled', places_left: 5 }).tone, 'cancelled');
});

test('a sign-up state → its message and what its person may do', () => {
  assert.equal(m.signupWords({ status: 'confirmed', code: '123456' }), '已报名');
  assert.equal(m.signupWords({ status: 'waiting', position: 2 }), '排队中，第 2 位');
  const offered = { status: 'offered', offer_expires_at: '2026-12-08T06:30:00Z' };
  assert.equal(m.signupWords(offered, Date.parse('2026-12-08T09:00:00+08:00')), '有名额了！请在 14:30 前确认');
  // Past midnight in the district: tomorrow, or the day.
  const late = { status: 'offered', offer_expires_at: '2026-12-07T17:10:00Z' };
  assert.equal(m.signupWords(late, Date.parse('2026-12-07T23:40:00+08:00')), '有名额了！请在明天 01:10 前确认');
  assert.equal(m.signupWords(late, Date.parse('2026-12-06T23:40:00+08:00')), '有名额了！请在 12月8日 01:10 前确认');
  assert.equal(m.signupWords({ status: 'cancelled' }), '已取消报名');
  assert.equal(m.signupWords({ status: 'lapsed' }), '名额已放弃或过时未确认');
  assert.equal(m.signupWords(null), '您还没有报名。');
  const now = Date.parse('2026-12-07T10:00:00+08:00');
  const occ = { status: 'scheduled', starts_at: '2026-12-08T08:00:00+08:00' };
  assert.deepEqual(m.actionsOf(null, occ, now), ['signup']);
  assert.deepEqual(m.actionsOf({ status: 'cancelled' }, occ, now), ['signup']);
  assert.deepEqual(m.actionsOf({ status: 'confirmed' }, occ, now), ['cancel']);
  assert.deepEqual(m.actionsOf({ status: 'waiting' }, occ, now), ['cancel']);
  assert.deepEqual(m.actionsOf({ status: 'offered' }, occ, now), ['accept', 'decline', 'cancel']);
  assert.deepEqual(m.actionsOf(null, { ...occ, status: 'cancelled' }, now), []);
  assert.deepEqual(m.actionsOf({ status: 'confirmed' }, occ, Date.parse('2026-12-08T08:00:00+08:00')), [], 'started');
});

test('the hash holds the filters and reads back the same; junk is left out', () => {
  const near = { view: 'near', kind: 'job_fair', community: '', lat: '30.123456', lon: '120.654321' };
  const hash = m.hashOf(near);
  assert.equal(hash, '#/activities?view=near&kind=job_fair&lat=30.123456&lon=120.654321');
  assert.deepEqual(m.filtersOf(new URLSearchParams(hash.split('?')[1])), near);
  const community = { view: 'community', kind: '', community: '7', lat: '', lon: '' };
  assert.equal(m.hashOf(community), '#/activities?view=community&community=7');
  assert.deepEqual(m.filtersOf(new URLSearchParams('view=community&community=7')), community);
  assert.equal(m.hashOf({ view: 'week', kind: '', community: '7', lat: '1', lon: '2' }), '#/activities', 'only what the view uses');
  assert.deepEqual(m.filtersOf(new URLSearchParams('')), { view: 'week', kind: '', community: '', lat: '', lon: '' });
  assert.deepEqual(m.filtersOf(new URLSearchParams('view=moon&kind=party&community=x1&lat=99&lon=2')),
    { view: 'week', kind: '', community: '', lat: '', lon: '' });
  assert.equal(m.ready({ view: 'near', lat: '', lon: '' }), false);
  assert.equal(m.ready({ view: 'community', community: '' }), false);
  assert.equal(m.ready({ view: 'week' }), true);
});

test('the API query: from today in the district, the days of the view, only the view\'s filter', () => {
  // 2026-12-07 23:30 in the district is 15:30 UTC: today is the 7th there.
  const nowMs = Date.parse('2026-12-07T15:30:00Z');
  assert.deepEqual(m.apiQuery({ view: 'week', kind: '', community: '3' }, { nowMs }),
    { from: '2026-12-07', days: 7, kind: undefined, community_id: undefined, near: undefined, limit: 20, cursor: undefined });
  assert.deepEqual(m.apiQuery({ view: 'near', kind: 'activity', lat: '30.1', lon: '120.2' }, { nowMs, cursor: 'abc' }),
    { from: '2026-12-07', days: 31, kind: 'activity', community_id: undefined, near: '30.1,120.2', limit: 20, cursor: 'abc' });
  assert.equal(m.apiQuery({ view: 'community', community: '3' }, { nowMs }).community_id, '3');
  assert.equal(m.apiQuery({ view: 'week' }, { nowMs: Date.parse('2026-12-07T16:30:00Z') }).from, '2026-12-08');
});

test('a birth date: a real day, not in the future', () => {
  const nowMs = Date.parse('2026-12-07T10:00:00+08:00');
  assert.equal(m.birthDateOk('1950-03-08', nowMs), true);
  assert.equal(m.birthDateOk(' 1950-03-08 ', nowMs), true);
  assert.equal(m.birthDateOk('1950-02-30', nowMs), false);
  assert.equal(m.birthDateOk('1950-13-01', nowMs), false);
  assert.equal(m.birthDateOk('2027-01-01', nowMs), false);
  assert.equal(m.birthDateOk('1950/03/08', nowMs), false);
  assert.equal(m.birthDateOk('', nowMs), false);
});

test('failures in words: the 409s by their code, gone, too many, offline, a field', () => {
  assert.equal(m.problemText(new TypeError('Failed to fetch')), '无法连接服务器，请检查网络后再试。');
  assert.equal(m.problemText(new ApiError(409, { error: 'already_signed_up' })), '您已经报过名了。');
  assert.equal(m.problemText(new ApiError(409, { detail: 'offer_expired' })), '确认时间已过，名额已给下一位。');
  assert.equal(m.problemText(new ApiError(409, { error: 'not_active' })), '这条报名已经取消或失效了。');
  assert.equal(m.problemText(new ApiError(404, {})), '找不到这个活动，可能已被删除。');
  assert.equal(m.problemText(new ApiError(429, {})), '操作太频繁，请稍后再试。');
  assert.equal(m.problemText(new ApiError(401, {})), '请先登录。');
  // A 422 by its field, in the catalogue's words (never the server's English).
  assert.equal(m.problemText(new ApiError(422, { errors: [{ field: 'birth_date', message: 'age out of range' }] })), '请核对出生日期。');
  assert.equal(m.problemText(new ApiError(422, { error: 'invalid', field: 'birth_date' }), { age_min: 16, age_max: null }),
    '本活动限 16 岁及以上 参加，请核对出生日期。');
  assert.equal(m.problemText(new ApiError(422, { field: 'birth_date' }), { age_min: 60, age_max: 80 }), '本活动限 60–80 岁 参加，请核对出生日期。');
  assert.equal(m.problemText(new ApiError(422, { error: 'invalid', field: 'phone', message: 'a phone is required' })), '请先在账户里添加手机号。');
  assert.equal(m.problemField(new ApiError(422, { field: 'phone' })), 'phone');
  assert.equal(m.problemField(new ApiError(409, { field: 'phone' })), null);
  assert.equal(m.problemText(new ApiError(422, { errors: [{ field: 'note', message: '太长' }] })), '出错了：太长');
  assert.equal(m.problemText(new ApiError(409, { error: 'something_new', detail: '别的冲突' })), '出错了：别的冲突');
});
