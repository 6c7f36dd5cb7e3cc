// After-school care's pure parts in node (web/js/afterschool_model.js): ages
// on the district's day, a child's, a pickup adult's, a proxy's, a
// programme's and the staff list's bodies checked as docs/afterschool.md
// checks them (each bound on both sides), the code pad and the six digits
// as typed, phones as typed, the staffing rule (2 up to 25, one more per 20
// begun) and in words, the re-check a year after, a roster's counts, who
// took a child home, a refusal's code from the server's problem, the
// dashboard's rows and who may read them; and the zh and en catalogues with
// the same after-school keys, every key the model names in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const m = await import('../../web/js/afterschool_model.js');
const { MESSAGES } = await import('../../web/js/messages.js');

const TODAY = '2026-12-07';
const fields = (list) => list.map((x) => `${x.field}:${x.problem}`);

test('the zh and en catalogues have the same after-school keys, and every key the model names is in them', () => {
  const keys = (lang) => Object.keys(MESSAGES[lang]).filter((k) => /^(as|asdesk|kids)\./.test(k)).sort();
  assert.ok(keys('zh-CN').length > 250);
  assert.deepEqual(keys('en'), keys('zh-CN'));
  const named = [
    ...m.STATES.map(m.stateKey), m.stateKey('x'),
    ...m.REFUSALS.map((c) => `as.refused.${c}`),
    ...m.METHODS.map((x) => `as.method.${x}`),
    m.staffingWords(null).key, m.staffingWords({ met: true }).key, m.staffingWords({ met: false }).key,
    m.arrivalWords({ checked_in_at: '2026-12-07T08:40:00Z', brought_by: 'from_school' }).key,
    m.arrivalWords({ checked_in_at: '2026-12-07T08:40:00Z', brought_by: 'adult', brought_by_name: '王' }).key,
    m.pickupWords({ checked_out_at: '2026-12-07T10:00:00Z', picked_up_by: { name: 'a', relation: 'b', method: 'code' } }).key,
    m.pickupWords({ checked_out_at: '2026-12-07T10:00:00Z', picked_up_by: { name: 'a', method: 'proxy' } }).key,
  ];
  const problems = new Set();
  const add = (list) => list.forEach((x) => problems.add(x.problem));
  add(m.childBody({ name: '', school: 'x'.repeat(61), grade: '', birth_date: '', consent: false }, TODAY).errors);
  add(m.childBody({ name: 'a', school: 'b', grade: 'c', birth_date: '2027-01-01', relation: 'd', consent: true }, TODAY).errors);
  add(m.childBody({ name: 'a', school: 'b', grade: 'c', birth_date: '2025-01-01', relation: 'd', consent: true }, TODAY).errors);
  add(m.adultBody({ name: 'a', relation: 'b', phone: '1', birth_date: '2010-01-01', valid_until: '2020-01-01', child_ids: [] }, TODAY).errors);
  add(m.adultBody({ child_ids: Array(11).fill(1) }, TODAY).errors);
  add(m.programmeBody({ ...m.programmeValues(), weekdays: [], start_time: '9', end_time: '', capacity: '0', term_start: 'x', term_end: '' }).errors);
  add(m.programmeBody({ ...m.programmeValues(), name: 'a', site_id: '1', start_time: '18:00', end_time: '17:00', capacity: '5', term_start: '2026-09-01', term_end: '2026-08-01' }).errors);
  add(m.programmeBody({ ...m.programmeValues(), name: 'a', site_id: '1', capacity: '5', term_start: '2026-09-01', term_end: '2027-12-01' }).errors);
  add(m.staffBody([{ user_id: 'x', role: 'boss', background_checked_on: '' }, { user_id: '3', role: 'staff', background_checked_on: '2027-01-01' },
    { user_id: '3', role: 'staff', background_checked_on: '2026-01-01' }], TODAY).errors);
  add(m.staffBody(Array(51).fill({ user_id: '1', role: 'staff', background_checked_on: '2026-01-01' }), TODAY).errors);
  for (const p of problems) named.push(`as.check.${p}`);
  for (const k of named) assert.ok(k in MESSAGES['zh-CN'] && k in MESSAGES.en, k);
});

test('ages on the district day, birthdays counted on the day', () => {
  assert.equal(m.ageOn('2018-12-07', TODAY), 8);
  assert.equal(m.ageOn('2018-12-08', TODAY), 7);
  assert.equal(m.ageOn('2008-12-07', TODAY), 18);
  assert.equal(m.ageOn('bad', TODAY), null);
  assert.equal(m.districtDay(Date.parse('2026-12-06T16:30:00Z')), '2026-12-07', 'past 16:00 UTC is the next district day');
  assert.equal(m.clockOf('2026-12-07T10:45:00Z'), '18:45');
  assert.equal(m.clockOf(null), '');
});

test("a child: the contract's limits on both sides, ages 3 to 17, the consent, notes null when blank", () => {
  const ok = { name: ' 王小明 ', school: '凤山路小学', grade: '三年级', birth_date: '2017-05-01', health_notes: '  ', relation: '母亲', consent: true };
  const made = m.childBody(ok, TODAY);
  assert.deepEqual(made.errors, []);
  assert.deepEqual(made.body, { name: '王小明', school: '凤山路小学', grade: '三年级', birth_date: '2017-05-01', health_notes: null, relation: '母亲', consent: true });
  assert.deepEqual(fields(m.childBody({ ...ok, name: '长'.repeat(31), grade: '年'.repeat(21), health_notes: '注'.repeat(501), relation: '' }, TODAY).errors),
    ['name:too_long', 'grade:too_long', 'health_notes:too_long', 'relation:required']);
  assert.deepEqual(fields(m.childBody({ ...ok, name: '长'.repeat(30), grade: '年'.repeat(20), health_notes: '注'.repeat(500) }, TODAY).errors), []);
  assert.deepEqual(fields(m.childBody({ ...ok, birth_date: '2023-12-07' }, TODAY).errors), [], 'three today');
  assert.deepEqual(fields(m.childBody({ ...ok, birth_date: '2023-12-08' }, TODAY).errors), ['birth_date:child_age']);
  assert.deepEqual(fields(m.childBody({ ...ok, birth_date: '2008-12-08' }, TODAY).errors), [], 'still 17');
  assert.deepEqual(fields(m.childBody({ ...ok, birth_date: '2008-12-07' }, TODAY).errors), ['birth_date:child_age'], '18 today');
  assert.deepEqual(fields(m.childBody({ ...ok, birth_date: '2026-12-08' }, TODAY).errors), ['birth_date:future']);
  assert.deepEqual(fields(m.childBody({ ...ok, consent: false }, TODAY).errors), ['consent:consent_needed']);
  assert.equal(m.childBody({ ...ok, consent: 'yes' }, TODAY).body.consent, false, 'only true is consent');
});

test('a pickup adult: 18 today, a mobile as typed, valid until not past, one to ten children, the photo only when chosen', () => {
  const ok = { name: '李奶奶', relation: '奶奶', phone: '+86 139-1234-5678', birth_date: '1958-03-02', valid_until: '', child_ids: ['4'] };
  const made = m.adultBody(ok, TODAY);
  assert.deepEqual(made.errors, []);
  assert.deepEqual(made.body, { name: '李奶奶', relation: '奶奶', phone: '13912345678', birth_date: '1958-03-02', valid_until: null, child_ids: [4] });
  assert.equal(m.adultBody({ ...ok, photo: 'data:image/jpeg;base64,AA' }, TODAY).body.photo, 'data:image/jpeg;base64,AA');
  assert.deepEqual(fields(m.adultBody({ ...ok, birth_date: '2008-12-07' }, TODAY).errors), [], '18 today');
  assert.deepEqual(fields(m.adultBody({ ...ok, birth_date: '2008-12-08' }, TODAY).errors), ['birth_date:adult_age']);
  assert.deepEqual(fields(m.adultBody({ ...ok, valid_until: TODAY }, TODAY).errors), []);
  assert.deepEqual(fields(m.adultBody({ ...ok, valid_until: '2026-12-06' }, TODAY).errors), ['valid_until:past']);
  assert.deepEqual(fields(m.adultBody({ ...ok, phone: '1391234567' }, TODAY).errors), ['phone:phone_bad']);
  assert.deepEqual(fields(m.adultBody({ ...ok, child_ids: Array(10).fill(1) }, TODAY).errors), []);
  assert.deepEqual(fields(m.adultBody({ ...ok, child_ids: Array(11).fill(1) }, TODAY).errors), ['child_ids:children_many']);
});

test('a proxy: name and phone, the relation only when given', () => {
  assert.deepEqual(m.proxyBody({ name: ' 邻居张阿姨 ', phone: '138 1234 0001', relation: ' ' }), { body: { name: '邻居张阿姨', phone: '13812340001' }, errors: [] });
  assert.deepEqual(m.proxyBody({ name: '张', phone: '13812340001', relation: '邻居' }).body.relation, '邻居');
  assert.deepEqual(fields(m.proxyBody({ name: '', phone: '12', relation: '关'.repeat(21) }).errors), ['name:required', 'phone:phone_bad', 'relation:too_long']);
});

test('a programme: days, hours in order, capacity and staffing bounds, a term of at most 400 days; the body', () => {
  const v = { ...m.programmeValues(), name: ' 交通路社区四点半课堂 ', site_id: '12', capacity: '30', term_start: '2026-09-01', term_end: '2027-01-20', weekdays: [5, 1, 3] };
  const made = m.programmeBody(v);
  assert.deepEqual(made.errors, []);
  assert.deepEqual(made.body, { name: '交通路社区四点半课堂', site_id: 12, weekdays: [1, 3, 5], start_time: '16:30', end_time: '18:30', capacity: 30,
    term_start: '2026-09-01', term_end: '2027-01-20', on_makeup_days: false, staffing: { min_adults: 2, base_children: 25, per_extra_children: 20 } });
  assert.equal(m.programmeBody({ ...v, organiser_org_id: '7' }).body.organiser_org_id, 7);
  assert.deepEqual(fields(m.programmeBody({ ...v, capacity: '500', term_end: '2027-10-06' }).errors), [], '500 and 400 days');
  assert.deepEqual(fields(m.programmeBody({ ...v, capacity: '501', term_end: '2027-10-07' }).errors), ['capacity:range', 'term_end:term_long']);
  assert.deepEqual(fields(m.programmeBody({ ...v, end_time: '16:30' }).errors), ['end_time:end_before_start']);
  assert.deepEqual(fields(m.programmeBody({ ...v, min_adults: '0', base_children: '201', per_extra_children: '１０' }).errors),
    ['staffing.min_adults:range', 'staffing.base_children:range']);
  assert.equal(m.programmeBody({ ...v, per_extra_children: '１０' }).body.staffing.per_extra_children, 10, 'full-width digits');
});

test('the staff list: numbers, roles, no check date in the future, no one twice', () => {
  const rows = [{ user_id: ' 12 ', role: 'staff', background_checked_on: '2025-12-07' }, { user_id: '13', role: 'volunteer', background_checked_on: TODAY }];
  assert.deepEqual(m.staffBody(rows, TODAY), { body: { staff: [{ user_id: 12, role: 'staff', background_checked_on: '2025-12-07' },
    { user_id: 13, role: 'volunteer', background_checked_on: TODAY }] }, errors: [] });
  assert.deepEqual(fields(m.staffBody([...rows, { user_id: '12', role: 'x', background_checked_on: '2026-12-08' }], TODAY).errors),
    ['staff[2].user_id:user_twice', 'staff[2].role:role_bad', 'staff[2].background_checked_on:future']);
  assert.deepEqual(m.recheck('2025-12-07', TODAY), { due_on: '2026-12-07', due: true });
  assert.deepEqual(m.recheck('2025-12-08', TODAY), { due_on: '2026-12-08', due: false });
  assert.deepEqual(m.recheck('2024-02-29', '2025-02-28'), { due_on: '2025-03-01', due: false });
});

test('the staffing rule: 2 up to 25 children, one more per 20 begun; in words', () => {
  assert.deepEqual([0, 25, 26, 45, 46, 65, 66].map((n) => m.adultsNeeded(n)), [2, 2, 3, 3, 4, 4, 5]);
  assert.equal(m.adultsNeeded(11, { min_adults: 1, base_children: 10, per_extra_children: 5 }), 2);
  assert.deepEqual(m.staffingWords({ children: 30, required: 3, on_duty: 1, met: false }),
    { key: 'asdesk.staffing_short', params: { children: 30, required: 3, on_duty: 1, missing: 2 }, met: false });
  assert.equal(m.staffingWords({ children: 2, required: 2, on_duty: 2, met: true }).met, true);
});

test('the code pad and the six digits as typed', () => {
  let code = '';
  for (const k of ['1', '2', '3', '4', '5', '6', '7']) code = m.padKey(code, k);
  assert.equal(code, '123456', 'six at most');
  assert.equal(m.padKey(code, 'back'), '12345');
  assert.equal(m.padKey(code, 'clear'), '');
  assert.equal(m.padKey('12', 'x'), '12');
  assert.equal(m.codeDigits(' １２３ 456 '), '123456');
  assert.equal(m.codeDigits('12345'), null);
  assert.equal(m.codeDigits('12345a'), null);
  assert.equal(m.phoneOk('+86 13912345678'), true);
  assert.equal(m.phoneOk('23912345678'), false);
});

test("a roster's counts, how a child came and with whom they went", () => {
  assert.deepEqual(m.rosterCounts([{ state: 'here' }, { state: 'gone' }, { state: 'expected' }, { state: 'here' }]), { expected: 1, here: 2, gone: 1, total: 4 });
  assert.deepEqual(m.arrivalWords({ checked_in_at: '2026-12-07T08:35:00Z', brought_by: 'from_school' }), { key: 'as.arrived_school', params: { at: '16:35' } });
  assert.deepEqual(m.arrivalWords({ checked_in_at: '2026-12-07T08:35:00Z', brought_by: 'adult', brought_by_name: '王芳' }),
    { key: 'as.arrived_adult', params: { at: '16:35', name: '王芳' } });
  assert.equal(m.arrivalWords({ state: 'expected' }), null);
  assert.deepEqual(m.pickupWords({ checked_out_at: '2026-12-07T10:05:00Z', picked_up_by: { name: '李奶奶', relation: '奶奶', method: 'code' } }),
    { key: 'as.gone_with_relation', params: { at: '18:05', name: '李奶奶', relation: '奶奶', method: 'code' } });
  assert.equal(m.pickupWords({ checked_out_at: null }), null);
  const adults = [{ id: 1, name: '李奶奶', active: false }, { id: 2, name: '王建军', active: true }, { id: 3, name: '李秀英', active: true }];
  const choices = m.pickupChoices(adults);
  assert.deepEqual(choices.active.map((a) => a.id), [3, 2], 'the active ones, by name');
  assert.deepEqual(choices.inactive.map((a) => a.id), [1], 'revoked or expired');
  assert.deepEqual(m.pickupChoices(undefined), { active: [], inactive: [] });
});

test('the duty boxes: the staff list, ticked for those on duty, a due re-check not counted', () => {
  const roster = { staff: [{ user_id: 7, display_name: '陈老师', role: 'staff', recheck_due: false }, { user_id: 9, display_name: '志愿者小周', role: 'volunteer', recheck_due: true }],
    duty: [{ user_id: 9, display_name: '志愿者小周', role: 'volunteer', recheck_due: true }] };
  assert.deepEqual(m.dutyRows(roster).map((r) => [r.user_id, r.on_duty, r.counts]), [[7, false, true], [9, true, false]]);
  assert.deepEqual(m.dutyRows({}), []);
});

test("a refusal's code: the problem's error, or the code leading the server's detail", () => {
  assert.equal(m.refusalCode({ problem: { error: 'too_many_codes' } }), 'too_many_codes');
  assert.equal(m.refusalCode({ problem: { detail: 'pickup_refused: not the code of an adult authorised for this child' } }), 'pickup_refused');
  assert.equal(m.refusalCode({ problem: { detail: 'not_checked_in: the child is not here' } }), 'not_checked_in');
  assert.equal(m.refusalCode({ problem: { detail: 'a proxy_unconfirmed case' } }), 'proxy_unconfirmed');
  assert.equal(m.refusalCode({ problem: { detail: 'something else' } }), null);
  assert.equal(m.refusalCode(null), null);
  assert.equal(m.problemField({ status: 422, problem: { errors: [{ field: 'birth_date' }] } }), 'birth_date');
  assert.equal(m.problemField({ status: 409, problem: { errors: [{ field: 'x' }] } }), null);
});

test('weekdays as runs; the dashboard rows by site name; who may count', () => {
  assert.deepEqual(m.weekdayRuns([5, 1, 2, 3, 4]), [[1, 5]]);
  assert.deepEqual(m.weekdayRuns([1, 3, 4, 7]), [[1, 1], [3, 4], [7, 7]]);
  const rows = m.countRows({ sites: [{ site_name: '乙' }, { site_name: '甲' }], enrolled: 3, attending: 2, late_pickups: 1 });
  assert.deepEqual(rows.total, { enrolled: 3, attending: 2, late_pickups: 1 });
  assert.equal(rows.sites.length, 2);
  assert.deepEqual(m.countRows(null).total, { enrolled: 0, attending: 0, late_pickups: 0 });
  assert.equal(m.mayCount({ role: 'department' }), true);
  assert.equal(m.mayCount({ role: 'resident' }), false);
  assert.equal(m.mayCount(null), false);
});
