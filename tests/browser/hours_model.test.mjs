// The hours editor's pure parts in node: the boxes ⇄ the expression
// (web/js/hours_model.js), Chinese ways of writing hours and the parse
// error's expectation in Chinese (web/js/hours_zh.js), and the 30-day
// preview's days cut from evaluate intervals (web/js/hours_preview.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const { formatDays, modelProblems, normalizeTime, parseDays, readHours, writeHours } =
  await import('../../web/js/hours_model.js');
const { hasChinese, zhExpected, zhToOsm } = await import('../../web/js/hours_zh.js');
const { splitDays } = await import('../../web/js/hours_preview.js');

const group = (days, ...ranges) => ({ days, allDay: false, ranges: ranges.map(([from, until]) => ({ from, until })) });

test('the boxes write the expression', () => {
  const weekdays = group([1, 2, 3, 4, 5], ['8:00', '18:00']);
  assert.equal(writeHours({ groups: [weekdays], phOff: true, makeUp: false }), 'Mo-Fr 08:00-18:00; PH off');
  assert.equal(writeHours({ groups: [weekdays, group([6, 7], ['09:00', '17:00'])], phOff: true, makeUp: true }),
    'Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; WD Sa,Su 08:00-18:00; PH off');
  // Monday to Friday alone, closed on holidays, open on make-up days: WD.
  assert.equal(writeHours({ groups: [group([1, 2, 3, 4, 5], ['08:00', '12:00'], ['14:30', '18:00'])], phOff: true, makeUp: true }),
    'WD 08:00-12:00,14:30-18:00');
  // ...but not with a night range (WD's nights spill differently over a holiday).
  assert.equal(writeHours({ groups: [group([1, 2, 3, 4, 5], ['22:00', '02:00'])], phOff: true, makeUp: true }),
    'Mo-Fr 22:00-02:00; WD Sa,Su 22:00-02:00; PH off');
  assert.equal(writeHours({ groups: [{ days: [1, 2, 3, 4, 5, 6, 7], allDay: true, ranges: [] }], phOff: false, makeUp: false }), '24/7');
  assert.equal(writeHours({ groups: [{ days: [1, 2, 3, 4, 5, 6, 7], allDay: true, ranges: [] }], phOff: true, makeUp: false }), '24/7; PH off');
  assert.equal(writeHours({ groups: [group([1, 3, 5], ['09:00', '00:00'])], phOff: false, makeUp: false }), 'Mo,We,Fr 09:00-24:00');
  assert.equal(writeHours({ groups: [], phOff: true, makeUp: true }), '');
  // Make-up days need a weekday group to take hours from.
  assert.equal(writeHours({ groups: [group([6, 7], ['09:00', '12:00'])], phOff: false, makeUp: true }), 'Sa,Su 09:00-12:00');
});

test('days and times as keepers type them', () => {
  assert.equal(formatDays([5, 1, 2, 3, 4]), 'Mo-Fr');
  assert.equal(formatDays([1, 2, 3, 5, 6, 7]), 'Mo-We,Fr-Su');
  assert.equal(formatDays([1, 2, 6]), 'Mo,Tu,Sa');
  assert.deepEqual(parseDays('Sa-Mo'), [1, 6, 7]);
  assert.deepEqual(parseDays('mo, we-fr'), [1, 3, 4, 5]);
  assert.equal(parseDays('Mo-Xx'), null);
  assert.equal(normalizeTime('8'), '08:00');
  assert.equal(normalizeTime('0830'), '08:30');
  assert.equal(normalizeTime('8：30'), '08:30');
  assert.equal(normalizeTime('24:00'), null);
  assert.equal(normalizeTime('24:00', true), '24:00');
  assert.equal(normalizeTime('12:60'), null);
  assert.equal(normalizeTime('25'), null);
  assert.equal(normalizeTime('ab'), null);
});

test('mistakes in the boxes are found before anything is written', () => {
  const problems = modelProblems({ groups: [group([], ['08:00', '18:00']), group([1, 6], ['25:00', '8'], ['9', '9']),
    { days: [1], allDay: false, ranges: [] }], phOff: false, makeUp: false });
  assert.deepEqual(problems.map((p) => p.problem), ['no_days', 'bad_from', 'empty_range', 'day_twice', 'no_times']);
  assert.deepEqual(problems[3], { group: 2, problem: 'day_twice', day: 1, other: 1 });
  assert.deepEqual(modelProblems({ groups: [{ days: [1], allDay: true, ranges: [] }], phOff: false, makeUp: false }), []);
});

test('the boxes read back what they write, and refuse what they cannot say', () => {
  for (const expr of ['Mo-Fr 08:00-18:00; PH off', 'WD 09:00-12:00,15:00-17:30', 'Mo-Sa 08:00-18:00; PH off', '24/7',
    '24/7; PH off', 'Mo-Su 06:00-22:00', 'Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; WD Sa,Su 08:00-18:00; PH off',
    'Mo-Fr 22:00-02:00; PH off', 'Mo,We,Fr 09:00-24:00', '']) {
    assert.equal(writeHours(readHours(expr)), expr, expr);
  }
  assert.deepEqual(readHours('mo-fr 8:00-18:00;ph off'),
    { groups: [{ days: [1, 2, 3, 4, 5], allDay: false, ranges: [{ from: '08:00', until: '18:00' }] }], phOff: true, makeUp: false });
  assert.deepEqual(readHours('WD 09:00-12:00').groups[0].days, [1, 2, 3, 4, 5]);
  for (const expr of ['WD 00:00-08:00,18:00-24:00; OD 00:00-24:00', 'Tu-Su 09:00-17:30; PH 09:00-17:00',
    'Mo-Fr 08:00-17:00 || "by appointment"', 'Mo-Fr 08:00-17:00; We 10:00-12:00', 'PH off; Mo-Fr 08:00-17:00',
    'Mo-Fr 08:00-12:00, We 14:00-16:00', 'Jan-Mar Mo 08:00-12:00', 'Mo-Fr 08:00-18:00; WD Sa,Su 09:00-12:00',
    'Mo-Fr 17:00+', 'Mo-Fr 08:00-26:00', 'Sa 08:00-12:00; WD Sa,Su 08:00-12:00', 'Mo-Fr 08:00-18:00 off']) {
    assert.equal(readHours(expr), null, expr);
  }
});

test('Chinese ways of writing hours become the OSM form', () => {
  assert.equal(zhToOsm('周一至周五 08:00-18:00'), 'Mo-Fr 08:00-18:00');
  assert.equal(zhToOsm('周一到周五 8:00－18:00；周六日 9:00-17:00；法定节假日闭馆'), 'Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; PH off');
  assert.equal(zhToOsm('周一至周五 8点至18点，周六 9点至12点，节假日休息'), 'Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off');
  assert.equal(zhToOsm('星期一至五 8点-17点半'), 'Mo-Fr 08:00-17:30');
  assert.equal(zhToOsm('周一、周三 9:00-12:00'), 'Mo,We 09:00-12:00');
  assert.equal(zhToOsm('每天 24小时'), 'Mo-Su 00:00-24:00');
  assert.equal(zhToOsm('全天开放'), '24/7');
  assert.equal(zhToOsm('工作日 ９:00-17:00'), 'Mo-Fr 09:00-17:00');
  assert.equal(zhToOsm('下午2点到5点'), null);  // not guessed
  assert.equal(zhToOsm('逢年过节不开'), null);
  assert.equal(hasChinese('Mo-Fr 08:00-18:00'), false);
  assert.equal(hasChinese('Mo-Fr 08：00'), true);
});

test('every expectation of the evaluator reads as Chinese', () => {
  const start = 'a weekday (Mo-Su), a month (Jan-Dec), PH, WD, OD, a time HH:MM, 24/7, open, closed, off, unknown or a "comment"';
  const all = [start, `a rule: ${start}`, `a rule after '||': ${start}`, `${start}, not "monday"`, `${start} or a separator (- , ; || +)`,
    "';', '||' or the end of the value", "',', ';', '||' or the end of the value",
    'a "comment", \',\', \';\', \'||\' or the end of the value',
    '\',\', open, closed, off, unknown, a "comment", \';\', \'||\' or the end of the value',
    'open, closed, off, unknown, a "comment", \';\', \'||\' or the end of the value',
    'a weekday, PH, WD, OD, a time HH:MM, 24/7, open, closed, off, unknown, a "comment", \';\', \'||\' or the end of the value',
    "a weekday (Mo-Su) after '-'", "a weekday (Mo-Su), PH, WD or OD after ','", 'a day of the month between 01 and 30',
    "a month (Jan-Dec) after ','", 'a day of the month after the month', "a day of the month or a month after '-'",
    'a last day not before the first day', "a month (Jan-Dec) after '-'", 'a time HH:MM', "':' between hours and minutes",
    'two-digit minutes (00-59)', 'minutes between 00 and 59', 'a start time before 24:00', 'an open end that ends before 48:00',
    "'-' or '+' after the start time", 'an end time of at most 48:00 after the start',
    'PH, WD or OD (SH, school holidays, is not supported)', 'a number of at most 4 digits',
    'a closing \'"\' for this comment', 'comment text between the quotes'];
  const syntax = /\b(Mo|Su|Jan|Dec|PH|WD|OD|SH|open|closed|off|unknown|monday)\b/g;
  for (const e of all) {
    const zh = zhExpected(e);
    assert.ok(hasChinese(zh), e);
    assert.doesNotMatch(zh.replace(syntax, ''), /[A-Za-z]{2,}/, `${e} → ${zh}`);
  }
  assert.equal(zhExpected('a time HH:MM'), '时间，如 08:00');
  assert.equal(zhExpected('minutes between 00 and 59'), '00 到 59 之间的分钟数');
  assert.equal(zhExpected("a weekday (Mo-Su), PH, WD or OD after ','"), '星期（Mo–Su）、PH、WD 或 OD（在“,”之后）');
});

test('the preview cuts intervals into days: open, unknown and closed apart', () => {
  const start = Date.parse('2026-09-19T00:00:00+08:00');
  const days = splitDays([
    { from: '2026-09-19T00:00:00+08:00', until: '2026-09-19T09:00:00+08:00', state: 'closed', comment: null },
    { from: '2026-09-19T09:00:00+08:00', until: '2026-09-19T12:00:00+08:00', state: 'unknown', comment: null },
    { from: '2026-09-19T12:00:00+08:00', until: '2026-09-19T22:00:00+08:00', state: 'closed', comment: null },
    { from: '2026-09-19T22:00:00+08:00', until: '2026-09-20T02:00:00+08:00', state: 'open', comment: null },
    { from: '2026-09-20T02:00:00+08:00', until: '2026-09-22T00:00:00+08:00', state: 'closed', comment: '中秋' },
  ], start, 3);
  assert.deepEqual(days.map((d) => d.date), ['2026-09-19', '2026-09-20', '2026-09-21']);
  assert.deepEqual(days[0].unknown, ['09:00–12:00']);
  assert.deepEqual(days[0].open, ['22:00–24:00']);
  assert.deepEqual(days[1].open, ['00:00–02:00']);
  assert.equal(days[1].comment, '中秋');
  assert.deepEqual(days[2].open, []);
  assert.deepEqual(days[0].parts.map((p) => [p.from, p.until, p.state]),
    [[0, 540, 'closed'], [540, 720, 'unknown'], [720, 1320, 'closed'], [1320, 1440, 'open']]);
});
