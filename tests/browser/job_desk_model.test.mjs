// The job posts' staff screens' pure parts in node (web/js/job_desk_model.js):
// pay typed in 元 and sent in fen, a post's body from the form with the pay
// said before sending, when a review needs a note, and a post's text split
// into runs with the reviewer's flags marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagKinds, flagRuns, noteNeeded, postBody, postValues, yuanToFen, fenToYuan } from '../../web/js/job_desk_model.js';

const joined = (runs) => runs.map((r) => r.text).join('');

test('pay: 元 as typed ⇄ fen', () => {
  assert.deepEqual(['2200', '2,200.50', '３５００', '0.05', '￥6000元'].map(yuanToFen), [220000, 220050, 350000, 5, 600000]);
  assert.deepEqual(['', '-1', '12.345', 'abc', '2千'].map(yuanToFen), [null, null, null, null, null]);
  assert.deepEqual([220000, 5, 0].map(fenToYuan), ['2200.00', '0.05', '0.00']);
});

const values = (over = {}) => ({ ...postValues(), employer_id: '3', title: ' 保洁员 ', headcount: '2', conditions: '身体健康',
  duties: '小区保洁', place: '滨河小区', area_id: '', pay_min: '2200', pay_max: '2,800', hours: '每天8小时',
  contact_name: '王经理', contact_phone: '0358-8221234', valid_until: '2027-01-31', ...over });

test("a post's body: pay in fen, numbers as numbers, texts trimmed, no area as null", () => {
  const { body, errors } = postBody(values());
  assert.deepEqual(errors, []);
  assert.deepEqual(body, { employer_id: 3, title: '保洁员', headcount: 2, conditions: '身体健康', duties: '小区保洁',
    place: '滨河小区', area_id: null, pay_min_fen: 220000, pay_max_fen: 280000, hours: '每天8小时',
    contact_name: '王经理', contact_phone: '0358-8221234', valid_until: '2027-01-31' });
  assert.equal(postBody(values({ area_id: '12' })).body.area_id, 12);
  // A headcount that is not a whole number goes as typed: the server's 422 names it.
  assert.equal(postBody(values({ headcount: '两' })).body.headcount, '两');
  assert.equal(postBody(values({ employer_id: '' })).body.employer_id, null);
});

test('pay the server would refuse is said first: none, zero, not 元, min over max', () => {
  assert.deepEqual(postBody(values({ pay_min: '', pay_max: '' })).errors,
    [{ field: 'pay_min_fen', problem: 'pay_bad' }, { field: 'pay_max_fen', problem: 'pay_bad' }]);
  assert.deepEqual(postBody(values({ pay_min: '0' })).errors, [{ field: 'pay_min_fen', problem: 'pay_bad' }]);
  assert.deepEqual(postBody(values({ pay_max: '三千' })).errors, [{ field: 'pay_max_fen', problem: 'pay_bad' }]);
  assert.deepEqual(postBody(values({ pay_min: '3000', pay_max: '2800' })).errors, [{ field: 'pay_max_fen', problem: 'pay_order' }]);
  assert.deepEqual(postBody(values({ pay_min: '2800', pay_max: '2800' })).errors, []);
});

test('the form holds a post as typed, pay in 元', () => {
  const v = postValues({ employer: { id: 4, name: '某公司' }, title: '司机', headcount: 1, conditions: 'c', duties: 'd', place: 'p',
    area: null, pay_min_fen: 350000, pay_max_fen: 420050, hours: 'h', contact_name: 'n', contact_phone: '13812345678', valid_until: '2027-01-01' });
  assert.equal(v.employer_id, '4');
  assert.equal(v.area_id, '');
  assert.equal(v.pay_min, '3500.00');
  assert.equal(v.pay_max, '4200.50');
  assert.equal(postBody(v).body.pay_max_fen, 420050);
});

test('a note is needed to reject, and to approve a flagged post', () => {
  assert.equal(noteNeeded('reject', { flags: [] }), true);
  assert.equal(noteNeeded('approve', { flags: [] }), false);
  assert.equal(noteNeeded('approve', {}), false);
  assert.equal(noteNeeded('approve', { flags: [{ field: 'conditions', term: '限男性', kind: 'sex' }] }), true);
});

test("flags marked in a post's text: every occurrence, by field, the text kept whole", () => {
  const flags = [{ field: 'conditions', term: '限男性', kind: 'sex' }, { field: 'conditions', term: '本地户口', kind: 'origin' },
    { field: 'title', term: '男性', kind: 'sex' }];
  const text = '限男性，本地户口优先；限男性';
  const runs = flagRuns(text, flags, 'conditions');
  assert.equal(joined(runs), text);
  assert.deepEqual(runs.map((r) => [r.text, r.flag?.kind ?? null]),
    [['限男性', 'sex'], ['，', null], ['本地户口', 'origin'], ['优先；', null], ['限男性', 'sex']]);
  // Another field's flag marks nothing here; no flag: one plain run.
  assert.deepEqual(flagRuns('男性保安', flags, 'conditions'), [{ text: '男性保安' }]);
  assert.deepEqual(flagRuns('男性保安', flags, 'title').map((r) => r.text), ['男性', '保安']);
  assert.deepEqual(flagRuns('', flags, 'duties'), [{ text: '' }]);
  assert.deepEqual(flagRuns(null, [], 'duties'), [{ text: '' }]);
});

test('overlapping terms are marked as one run, with every flag they join', () => {
  const sex = { field: 'c', term: '限男', kind: 'sex' };
  const sex2 = { field: 'c', term: '男性', kind: 'sex' };
  const runs = flagRuns('限男性，限男', [sex, sex2], 'c');
  assert.deepEqual(runs.map((r) => [r.text, r.flags?.length ?? 0]), [['限男性', 2], ['，', 0], ['限男', 1]]);
  assert.equal(runs[0].flag, sex);
  // A term inside a longer one: the longer run; without a field every flag counts.
  assert.deepEqual(flagRuns('限男性别', [sex2, { field: 'c', term: '限男性', kind: 'sex' }]).map((r) => r.text), ['限男性', '别']);
  assert.deepEqual(flagRuns('男性男性', [sex2], 'c').map((r) => r.text), ['男性', '男性']);
});

test("a post's flag kinds, each once, in order", () => {
  assert.deepEqual(flagKinds([{ kind: 'origin' }, { kind: 'sex' }, { kind: 'sex' }]), ['sex', 'origin']);
  assert.deepEqual(flagKinds(), []);
});
