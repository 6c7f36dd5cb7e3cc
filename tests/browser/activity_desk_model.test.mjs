// The organisers' activity screens' pure parts in node
// (web/js/activity_desk_model.js): the form's values ⇄ the body of POST /
// PUT /activities, an end time turned into the length, one date's edit as
// what changed, clash reasons as message keys, the repeat in words, the door
// code and a phone sign-up's body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activityBody, activityValues, clashKey, clashLines, doorCode, durationOf, endOf, lengthOf, minutesOf,
  occurrenceBody, occurrenceValues, phoneSignupBody, repeatWords, seriesBody, started, taken, wholeOr,
} from '../../web/js/activity_desk_model.js';
import zh from '../../web/js/messages/zh-activitydesk.js';
import en from '../../web/js/messages/en-activitydesk.js';

const values = (over = {}) => ({ ...activityValues(), title: ' 太极拳晨练 ', description: ' 自带水杯 ', address: ' 滨河公园东门 ',
  community_id: '4', capacity: '20', first_date: '2027-01-04', start_time: '08:00', duration_minutes: '60', ...over });

test('times: minutes of a time, the length from an end time, the end of a length', () => {
  assert.deepEqual(['08:00', '23:59', '00:00', ' 9:00', '24:00', '8:00', '08:60', ''].map(minutesOf), [480, 1439, 0, null, null, null, null, null]);
  assert.equal(durationOf('08:00', '09:30'), 90);
  assert.equal(durationOf('09:00', '09:00'), 0);
  assert.equal(durationOf('09:00', '08:00'), -60);
  assert.equal(durationOf('9', '10:00'), null);
  assert.equal(endOf('08:00', 90), '09:30');
  assert.equal(endOf('23:00', 90), '');
  assert.equal(endOf('08:00', 0), '');
  assert.deepEqual(['20', '２０', ' 7 ', '', 'abc', '1.5'].map(wholeOr), [20, 20, 7, null, 'abc', '1.5']);
});

test("a one-off activity's body at an address: numbers as numbers, texts trimmed, no repeat end", () => {
  const { body, errors } = activityBody(values());
  assert.deepEqual(errors, []);
  assert.deepEqual(body, { kind: 'activity', title: '太极拳晨练', description: '自带水杯', address: '滨河公园东门', community_id: 4,
    capacity: 20, offer_window_minutes: 120, first_date: '2027-01-04', start_time: '08:00', duration_minutes: 60, repeat: 'none' });
});

test('a weekly series at a venue, until a date or a count; skip_clashes; organiser and ages', () => {
  const weekly = activityBody(values({ place: 'venue', venue_id: '9', community_id: '', repeat: 'weekly', repeat_until: '2027-02-01',
    organiser_org_id: '3', age_min: '60', age_max: '' })).body;
  assert.equal(weekly.venue_id, 9);
  assert.equal('address' in weekly, false);
  assert.equal('community_id' in weekly, false);
  assert.equal(weekly.repeat_until, '2027-02-01');
  assert.equal('repeat_count' in weekly, false);
  assert.equal(weekly.organiser_org_id, 3);
  assert.equal(weekly.age_min, 60);
  assert.equal('age_max' in weekly, false);
  const counted = activityBody(values({ repeat: 'monthly', repeat_end: 'count', repeat_count: '6' }), { skipClashes: true }).body;
  assert.equal(counted.repeat_count, 6);
  assert.equal('repeat_until' in counted, false);
  assert.equal(counted.skip_clashes, true);
  // A series with no end goes as null: the server's 422 names repeat_until.
  assert.equal(activityBody(values({ repeat: 'weekly', repeat_until: '' })).body.repeat_until, null);
  // A capacity that is not a whole number goes as typed, for the server to name.
  assert.equal(activityBody(values({ capacity: '二十' })).body.capacity, '二十');
});

test('an end time becomes the length; an end not after the start is said before sending', () => {
  const byEnd = (end) => activityBody(values({ length_by: 'end', duration_minutes: '', end_time: end }));
  assert.equal(byEnd('09:45').body.duration_minutes, 105);
  assert.deepEqual(byEnd('09:45').errors, []);
  assert.deepEqual(byEnd('07:00').errors, [{ field: 'duration_minutes', problem: 'end_before_start' }]);
  assert.deepEqual(byEnd('08:00').errors, [{ field: 'duration_minutes', problem: 'end_before_start' }]);
  assert.deepEqual(byEnd('9点').errors, [{ field: 'duration_minutes', problem: 'end_bad' }]);
  // A start that is no time leaves the length unknown, for the server's start_time 422.
  assert.deepEqual(lengthOf({ length_by: 'end', start_time: 'x', end_time: '09:00' }), { value: null });
});

const ACTIVITY = { id: 7, kind: 'activity', title: '太极拳晨练', description: '', organiser: { id: 3, name: '文体中心' }, venue: null,
  address: '滨河公园东门', community: { id: 4, name: '滨河社区' }, capacity: 20, age_min: null, age_max: null, offer_window_minutes: 120,
  first_date: '2027-01-04', start_time: '08:00', duration_minutes: 60, repeat: 'weekly', repeat_until: '2027-02-01', repeat_count: null };

test("the series' edit sends what changed and nothing else", () => {
  const v = activityValues(ACTIVITY);
  assert.equal(v.end_time, '09:00');
  assert.equal(v.place, 'address');
  assert.deepEqual(seriesBody(v, ACTIVITY).body, {});
  assert.deepEqual(seriesBody({ ...v, capacity: '12', title: '太极拳' }, ACTIVITY).body, { capacity: 12, title: '太极拳' });
  assert.deepEqual(seriesBody({ ...v, length_by: 'end', end_time: '09:30' }, ACTIVITY).body, { duration_minutes: 90 });
  assert.deepEqual(seriesBody({ ...v, age_min: '60' }, ACTIVITY, { skipClashes: true }).body, { age_min: 60, skip_clashes: true });
  assert.deepEqual(seriesBody({ ...v, place: 'venue', venue_id: '9' }, ACTIVITY).body, { venue_id: 9 });
  assert.deepEqual(seriesBody(activityValues({ ...ACTIVITY, age_min: 60 }), { ...ACTIVITY, age_min: 60 }).body, {});
  assert.deepEqual(seriesBody({ ...activityValues({ ...ACTIVITY, age_min: 60 }), age_min: '' }, { ...ACTIVITY, age_min: 60 }).body, { age_min: null });
});

const OCC = { id: 31, date: '2027-01-11', starts_at: '2027-01-11T08:00:00+08:00', ends_at: '2027-01-11T09:00:00+08:00', capacity: 20, places_left: 15 };

test("one date's edit: its values from starts_at/ends_at, only the changed fields sent", () => {
  const v = occurrenceValues(OCC);
  assert.deepEqual(v, { date: '2027-01-11', start_time: '08:00', duration_minutes: '60', capacity: '20' });
  assert.deepEqual(occurrenceBody(v, OCC), {});
  assert.deepEqual(occurrenceBody({ ...v, capacity: '8' }, OCC), { capacity: 8 });
  assert.deepEqual(occurrenceBody({ ...v, date: '2027-01-12', start_time: '09:00', duration_minutes: '45' }, OCC),
    { date: '2027-01-12', start_time: '09:00', duration_minutes: 45 });
  assert.equal(taken(OCC), 5);
  assert.equal(started(OCC, Date.parse('2027-01-11T08:00:00+08:00')), true);
  assert.equal(started(OCC, Date.parse('2027-01-11T07:59:00+08:00')), false);
});

test('clashes in words: each reason a key both languages have, in date order', () => {
  assert.equal(clashKey('venue_closed'), 'actdesk.clash.closed');
  assert.equal(clashKey('venue_booked'), 'actdesk.clash.booked');
  assert.equal(clashKey('something_new'), 'actdesk.clash.other');
  const lines = clashLines([{ date: '2027-01-18', reason: 'venue_booked', activity_id: 2, title: '广场舞' },
    { date: '2027-01-11', reason: 'venue_closed' }]);
  assert.deepEqual(lines.map((l) => [l.date, l.key, l.params.title]),
    [['2027-01-11', 'actdesk.clash.closed', ''], ['2027-01-18', 'actdesk.clash.booked', '广场舞']]);
  for (const k of ['actdesk.clash.closed', 'actdesk.clash.booked', 'actdesk.clash.other']) {
    assert.ok(zh[k] && en[k], k);
  }
  assert.match(zh['actdesk.clash.closed'], /场馆未开放/);
  assert.match(zh['actdesk.clash.booked'], /与「\{title\}」冲突/);
});

test('the repeat in words', () => {
  assert.deepEqual(repeatWords({ repeat: 'none' }), { key: 'actdesk.repeat_once', params: {} });
  assert.deepEqual(repeatWords(ACTIVITY), { key: 'actdesk.repeat_weekly_until', params: { day: '2027-02-01' } });
  assert.deepEqual(repeatWords({ repeat: 'monthly', repeat_count: 6 }), { key: 'actdesk.repeat_monthly_count', params: { n: 6 } });
  for (const k of ['actdesk.repeat_once', 'actdesk.repeat_weekly_until', 'actdesk.repeat_weekly_count', 'actdesk.repeat_monthly_until',
    'actdesk.repeat_monthly_count']) assert.ok(zh[k] && en[k], k);
});

test('the door code and a phone sign-up', () => {
  assert.deepEqual(['123456', ' 123 456 ', '１２３４５６', '12345', '1234567', 'abcdef'].map(doorCode),
    ['123456', '123456', '123456', null, null, null]);
  assert.deepEqual(phoneSignupBody({ name: ' 李大妈 ', phone: '138-1234 5678', birth_date: '' }), { name: '李大妈', phone: '13812345678' });
  assert.deepEqual(phoneSignupBody({ name: '李大妈', phone: '13812345678', birth_date: '1950-03-01' }),
    { name: '李大妈', phone: '13812345678', birth_date: '1950-03-01' });
});

test('both languages have the same keys', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
});
