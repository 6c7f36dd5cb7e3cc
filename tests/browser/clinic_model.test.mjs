// The free clinics' pure parts in node (web/js/clinic_model.js): the new
// session's form checked as docs/clinics.md checks it (each bound on both
// sides, blank texts, the last slot past midnight, a doctor's bad entry named
// doctors[i].field) and its body; the slots a start, a length and a count
// make; a booking's body (a note needs its consent, staff add name and
// phone); a slot's time and places, the doctors by department, the
// session's span, what a booking got; the dashboard's percentage and who may
// read it; and the zh and en catalogues with the same clinic keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
globalThis.document = { documentElement: { classList: { toggle() {} } } };
const m = await import('../../web/js/clinic_model.js');
const { MESSAGES } = await import('../../web/js/messages.js');

const TODAY = '2026-12-06';
const doctor = (over = {}) => ({ department: '中医科', name: '王建国', title: '主任医师', licence_number: '110141100012345', ...over });
const values = (over = {}) => ({ ...m.sessionValues(), title: ' 社区义诊：中医、口腔 ', description: ' 请带医保卡 ', place: 'address',
  address: ' 凤山街道社区卫生服务中心 ', filing_number: ' 吕卫义诊备字〔2026〕12号 ', date: '2026-12-20', start_time: '08:30',
  slot_minutes: '30', slots: '8', places_per_slot: '6', doctors: [doctor()], ...over });
const fields = (v) => m.sessionProblems(v, TODAY).map((x) => `${x.field}:${x.problem}`);

test('the zh and en catalogues have the same clinic keys, and every key a model function names is in them', () => {
  const keys = (lang) => Object.keys(MESSAGES[lang]).filter((k) => /^clinic(desk)?\./.test(k)).sort();
  assert.ok(keys('zh-CN').length > 150);
  assert.deepEqual(keys('en'), keys('zh-CN'));
  const named = [
    ...['confirmed', 'waiting', 'offered', 'cancelled', 'lapsed', 'x'].map((status) => m.bookingState({ status, code: '1', position: 1 }).key),
    m.bookingState(null).key,
    ...[{ status: 'cancelled' }, { status: 'scheduled', starts_at: '2000-01-01T08:00:00+08:00' }, { status: 'scheduled', starts_at: '2999-01-01T08:00:00+08:00', places_left: 2 },
      { status: 'scheduled', starts_at: '2999-01-01T08:00:00+08:00', places_left: 0, waiting: 1 }, { status: 'scheduled', starts_at: '2999-01-01T08:00:00+08:00', places_left: 0, waiting: 0 }]
      .map((s) => m.slotPlaces(s).key),
  ];
  for (const k of named) assert.ok(k in MESSAGES['zh-CN'] && k in MESSAGES.en, k);
  const problems = new Set();
  const bad = values({ title: ' ', address: 'x'.repeat(201), filing_number: '', date: '', start_time: '8', slot_minutes: '4', slots: '0',
    places_per_slot: '501', doctors: [doctor({ name: '', licence_number: '12' }), doctor({ title: '长'.repeat(31) })] });
  for (const x of m.sessionProblems(bad, TODAY)) problems.add(x.problem);
  for (const x of m.sessionProblems(values({ place: 'venue', date: '2028-01-01', slots: '40', doctors: [] }), TODAY)) problems.add(x.problem);
  for (const x of m.bookingBody({ note: '高血压', name: '', phone: '1' }, { staff: true }).errors) problems.add(x.problem);
  for (const p of problems) assert.ok(`clinicdesk.check.${p}` in MESSAGES['zh-CN'] && `clinicdesk.check.${p}` in MESSAGES.en, p);
  assert.ok(problems.size >= 11, [...problems].join());
});

test('a good form: no problems, and the body with texts trimmed and numbers as numbers', () => {
  assert.deepEqual(fields(values()), []);
  const { body, errors } = m.sessionBody(values(), { today: TODAY });
  assert.deepEqual(errors, []);
  assert.deepEqual(body, {
    title: '社区义诊：中医、口腔', description: '请带医保卡', address: '凤山街道社区卫生服务中心', filing_number: '吕卫义诊备字〔2026〕12号',
    date: '2026-12-20', start_time: '08:30', slot_minutes: 30, slots: 8, places_per_slot: 6, doctors: [doctor()],
  });
  const atVenue = m.sessionBody(values({ place: 'venue', venue_id: '7', community_id: '3', organiser_org_id: '12', slot_minutes: '３０' }), { today: TODAY, skipClashes: true }).body;
  assert.equal(atVenue.venue_id, 7);
  assert.equal('address' in atVenue, false);
  assert.equal(atVenue.community_id, 3);
  assert.equal(atVenue.organiser_org_id, 12);
  assert.equal(atVenue.slot_minutes, 30, 'full-width digits read');
  assert.equal(atVenue.skip_clashes, true);
  // Without a day to check against, the body alone (the server judges).
  assert.deepEqual(m.sessionBody(values({ title: '' })).errors, []);
});

test('texts: blank refused, each limit exactly, counted in characters', () => {
  assert.deepEqual(fields(values({ title: '   ' })), ['title:required']);
  assert.deepEqual(fields(values({ title: '义'.repeat(60) })), []);
  assert.deepEqual(fields(values({ title: '义'.repeat(61) })), ['title:too_long']);
  // An astral character is one character, as the server counts.
  assert.deepEqual(fields(values({ title: '𠀀'.repeat(60) })), []);
  assert.deepEqual(fields(values({ description: 'x'.repeat(2000) })), []);
  assert.deepEqual(fields(values({ description: 'x'.repeat(2001) })), ['description:too_long']);
  assert.deepEqual(fields(values({ address: '' })), ['address:required']);
  assert.deepEqual(fields(values({ address: 'x'.repeat(200) })), []);
  assert.deepEqual(fields(values({ address: 'x'.repeat(201) })), ['address:too_long']);
  assert.deepEqual(fields(values({ place: 'venue', venue_id: '' })), ['venue_id:venue_pick']);
  assert.deepEqual(fields(values({ place: 'venue', venue_id: '4', address: '' })), [], 'an address is not asked at a venue');
  assert.deepEqual(fields(values({ filing_number: ' ' })), ['filing_number:required']);
  assert.deepEqual(fields(values({ filing_number: 'A'.repeat(40) })), []);
  assert.deepEqual(fields(values({ filing_number: 'A'.repeat(41) })), ['filing_number:too_long']);
});

test('the day: today to 365 days ahead; the start a time of day', () => {
  assert.deepEqual(fields(values({ date: TODAY })), []);
  assert.deepEqual(fields(values({ date: '2026-12-05' })), ['date:date_range']);
  assert.deepEqual(fields(values({ date: m.addDays(TODAY, 365) })), []);
  assert.deepEqual(fields(values({ date: m.addDays(TODAY, 366) })), ['date:date_range']);
  assert.deepEqual(fields(values({ date: '20.12.2026' })), ['date:date_bad']);
  assert.equal(m.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(m.addDays('2028-02-28', 1), '2028-02-29');
  for (const bad of ['8:30', '24:00', '08:60', '', 'abc']) assert.deepEqual(fields(values({ start_time: bad })), ['start_time:time_bad'], bad);
  assert.deepEqual(fields(values({ start_time: '00:00' })), []);
});

test('numbers: slot length 5–240, slots 1–40, places 1–500, whole numbers only', () => {
  const one = (k, x) => fields(values({ [k]: x, start_time: '00:00' }));
  for (const [k, lo, hi] of [['slot_minutes', 5, 240], ['slots', 1, 40], ['places_per_slot', 1, 500]]) {
    const small = k === 'slot_minutes' ? { slots: '1' } : k === 'slots' ? { slot_minutes: '5' } : {};
    assert.deepEqual(fields(values({ [k]: String(lo), start_time: '00:00', ...small })), [], `${k} ${lo}`);
    assert.deepEqual(fields(values({ [k]: String(hi), start_time: '00:00', ...small })), [], `${k} ${hi}`);
    assert.deepEqual(one(k, String(lo - 1)), [`${k}:range`]);
    assert.deepEqual(fields(values({ [k]: String(hi + 1), start_time: '00:00', ...small })), [`${k}:range`]);
    assert.deepEqual(one(k, '2.5'), [`${k}:range`]);
    assert.deepEqual(one(k, ''), [`${k}:range`]);
  }
  const r = m.sessionProblems(values({ places_per_slot: '0' }), TODAY)[0];
  assert.deepEqual(r.params, { min: 1, max: 500 });
});

test('the last slot must end by 24:00 of the same day', () => {
  assert.deepEqual(fields(values({ start_time: '20:00', slot_minutes: '30', slots: '8' })), []);   // ends 24:00
  assert.deepEqual(fields(values({ start_time: '20:01', slot_minutes: '30', slots: '8' })), ['slots:past_midnight']);
  assert.deepEqual(fields(values({ start_time: '23:00', slot_minutes: '240', slots: '1' })), ['slots:past_midnight']);
  // A bad length or count is said once, not again as past midnight.
  assert.deepEqual(fields(values({ start_time: '23:00', slot_minutes: '241' })), ['slot_minutes:range']);
});

test('doctors: 1–30, each field 1–30 characters, the licence 6–30 of digits, letters and hyphens, named by row', () => {
  assert.deepEqual(fields(values({ doctors: [] })), ['doctors:doctors_none']);
  assert.deepEqual(fields(values({ doctors: Array.from({ length: 30 }, () => doctor()) })), []);
  assert.deepEqual(fields(values({ doctors: Array.from({ length: 31 }, () => doctor()) })), ['doctors:doctors_many']);
  assert.deepEqual(fields(values({ doctors: [doctor(), doctor({ name: ' ', department: '口'.repeat(31) })] })),
    ['doctors[1].department:too_long', 'doctors[1].name:required']);
  assert.deepEqual(fields(values({ doctors: [doctor({ title: '主'.repeat(30), department: '眼'.repeat(30) })] })), []);
  for (const good of ['123456', 'A-1-b-2', 'x'.repeat(30)]) assert.deepEqual(fields(values({ doctors: [doctor({ licence_number: good })] })), [], good);
  for (const bad of ['12345', 'x'.repeat(31), '1234 56', '一二三四五六', '123_456']) {
    assert.deepEqual(fields(values({ doctors: [doctor({ licence_number: bad })] })), ['doctors[0].licence_number:licence_bad'], bad);
  }
  assert.deepEqual(fields(values({ doctors: [doctor({ licence_number: '' })] })), ['doctors[0].licence_number:required']);
  const body = m.sessionBody(values({ doctors: [doctor({ name: ' 李梅 ', licence_number: ' 123456 ' })] })).body;
  assert.deepEqual(body.doctors, [doctor({ name: '李梅', licence_number: '123456' })]);
});

test("an edit's body: the filing number and the doctors as a whole, checked as a new session's", () => {
  const edit = (over = {}) => m.editBody({ filing_number: ' 离卫义诊备〔2026〕99号 ', doctors: [doctor({ name: ' 郝静 ' })], ...over });
  assert.deepEqual(edit(), { body: { filing_number: '离卫义诊备〔2026〕99号', doctors: [doctor({ name: '郝静' })] }, errors: [] });
  const problems = (over) => edit(over).errors.map((x) => `${x.field}:${x.problem}`);
  assert.deepEqual(problems({ filing_number: ' ' }), ['filing_number:required']);
  assert.deepEqual(problems({ filing_number: '备'.repeat(41) }), ['filing_number:too_long']);
  assert.deepEqual(problems({ doctors: [] }), ['doctors:doctors_none']);
  assert.deepEqual(problems({ doctors: [doctor(), doctor({ licence_number: '12' })] }), ['doctors[1].licence_number:licence_bad']);
});

test('the slots a start, a length and a count make', () => {
  const p = m.slotPlan('08:30', '30', '3');
  assert.deepEqual(p.slots, [{ seq: 1, start: '08:30', end: '09:00' }, { seq: 2, start: '09:00', end: '09:30' }, { seq: 3, start: '09:30', end: '10:00' }]);
  assert.equal(p.fits, true);
  assert.equal(p.last_end, '10:00');
  assert.equal(m.slotPlan('23:00', '60', '1').last_end, '24:00');
  assert.equal(m.slotPlan('23:30', '60', '1').fits, false);
  assert.equal(m.slotPlan('23:30', '60', '1').last_end, null);
  for (const bad of [['8:30', '30', '3'], ['08:30', '', '3'], ['08:30', '30', 'x'], ['08:30', '0', '3']]) assert.equal(m.slotPlan(...bad), null, bad.join());
});

test("a booking's body: nothing, or the note with its consent; a note without consent is refused before sending", () => {
  assert.deepEqual(m.bookingBody({}), { body: {}, errors: [] });
  assert.deepEqual(m.bookingBody({ note: '   ', consent: false }), { body: {}, errors: [] }, 'a blank note is no note');
  assert.deepEqual(m.bookingBody({ note: ' 高血压十年，想问降压药 ', consent: true }),
    { body: { health_note: '高血压十年，想问降压药', consent: true }, errors: [] });
  assert.deepEqual(m.bookingBody({ note: '高血压', consent: false }).errors, [{ field: 'consent', problem: 'consent_needed' }]);
  assert.deepEqual(m.bookingBody({ note: '血'.repeat(500), consent: true }).errors, []);
  assert.deepEqual(m.bookingBody({ note: '血'.repeat(501), consent: true }).errors.map((x) => x.field), ['health_note']);
  // Staff: the caller's name and phone (spaces and hyphens taken out).
  assert.deepEqual(m.bookingBody({ name: ' 张桂兰 ', phone: '138-1234 5678', note: '', consent: false }, { staff: true }),
    { body: { name: '张桂兰', phone: '13812345678' }, errors: [] });
  assert.deepEqual(m.bookingBody({ name: '', phone: '0358123' }, { staff: true }).errors.map((x) => x.field), ['name', 'phone']);
  assert.deepEqual(m.bookingBody({ name: '名'.repeat(41), phone: '13812345678' }, { staff: true }).errors.map((x) => x.problem), ['too_long']);
});

test("a slot's time and places; bookable slots; the doctors by department; the session's span", () => {
  const slot = (seq, over = {}) => ({ occurrence_id: 100 + seq, seq, starts_at: `2999-01-0${seq}T08:30:00+08:00`,
    ends_at: `2999-01-0${seq}T09:00:00+08:00`, capacity: 6, places_left: 6, waiting: 0, status: 'scheduled', ...over });
  assert.equal(m.slotClock({ starts_at: '2026-12-20T08:30:00+08:00', ends_at: '2026-12-20T09:00:00+08:00' }), '08:30–09:00');
  assert.equal(m.slotClock({ starts_at: '2026-12-20T00:30:00Z', ends_at: '2026-12-20T01:00:00Z' }), '08:30–09:00', 'district time');
  assert.equal(m.slotClock({ starts_at: '2026-12-20T23:30:00+08:00', ends_at: '2026-12-21T00:00:00+08:00' }), '23:30–24:00');
  const now = Date.parse('2998-12-31T00:00:00+08:00');
  assert.deepEqual(m.slotPlaces(slot(1, { places_left: 3 }), now), { key: 'clinic.slot_left', params: { n: 3 }, tone: 'open' });
  assert.deepEqual(m.slotPlaces(slot(1, { places_left: 0, waiting: 2 }), now), { key: 'clinic.slot_full_waiting', params: { n: 2 }, tone: 'full' });
  assert.equal(m.slotPlaces(slot(1, { places_left: 0 }), now).key, 'clinic.slot_full');
  assert.equal(m.slotPlaces(slot(1, { status: 'cancelled' }), now).key, 'clinic.slot_cancelled');
  assert.equal(m.slotPlaces(slot(1), Date.parse('2999-01-01T08:30:00+08:00')).key, 'clinic.slot_started');
  const session = { activity: { status: 'active', first_date: '2999-01-01', start_time: '08:30' },
    slots: [slot(1, { places_left: 2 }), slot(2, { status: 'cancelled', places_left: 0 }), slot(3, { places_left: 4 })] };
  assert.equal(m.bookable(session.slots[0], session, now), true);
  assert.equal(m.bookable(session.slots[1], session, now), false);
  assert.equal(m.bookable(session.slots[0], session, Date.parse('2999-01-01T09:00:00+08:00')), false);
  assert.equal(m.placesLeft(session, now), 6);
  assert.equal(m.placesLeft({ ...session, activity: { status: 'cancelled' } }, now), 0);
  assert.deepEqual(m.sessionSpan(session), { date: '2999-01-01', from: '08:30', to: '09:00' });
  assert.deepEqual(m.sessionSpan({ activity: { first_date: '2999-01-01', start_time: '08:30' }, slots: [] }), { date: '2999-01-01', from: '08:30', to: '' });
  const groups = m.byDepartment([doctor(), doctor({ department: '口腔科', name: '刘洋' }), doctor({ name: '陈静' })]);
  assert.deepEqual(groups.map((g) => [g.department, g.doctors.map((d) => d.name)]), [['中医科', ['王建国', '陈静']], ['口腔科', ['刘洋']]]);
  assert.deepEqual(m.byDepartment(), []);
});

test('what a booking got; the dashboard figure and who may read it', () => {
  assert.deepEqual(m.bookingState({ status: 'confirmed', code: '204817' }), { key: 'clinic.booked_confirmed', params: { code: '204817' } });
  assert.deepEqual(m.bookingState({ status: 'waiting', position: 2 }), { key: 'clinic.booked_waiting', params: { n: 2 } });
  assert.equal(m.activeBooking({ status: 'offered' }), true);
  assert.equal(m.activeBooking({ status: 'lapsed' }), false);
  assert.equal(m.activeBooking(null), false);
  assert.equal(m.permilleText(625), '62.5%');
  assert.equal(m.permilleText(0), '0.0%');
  assert.equal(m.permilleText(undefined), '0.0%');
  assert.deepEqual(['admin', 'department', 'worker', 'resident'].map((role) => m.mayCountClinics({ role })), [true, true, false, false]);
  assert.equal(m.mayCountClinics(null), false);
  assert.equal(m.districtDay(Date.parse('2026-12-06T16:30:00Z')), '2026-12-07', 'the district day, not UTC');
  assert.equal(m.districtDay(Date.parse('2026-12-06T16:30:00Z'), -30), '2026-11-07');
});
