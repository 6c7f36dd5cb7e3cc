// After-school care (docs/afterschool.md): the programme's own rules and
// every refusal, over real HTTP — session days (outside the term, a holiday
// with its name, a make-up day skipped or kept, not one of its weekdays),
// the staff list's checks, duty on a day without a session, the edit and
// closing; each bad body a 422 naming its field (a child's birth date in the
// future or too young, a missing or false consent, a minor as pickup adult,
// a bad phone, wrong types, unknown fields), malformed JSON 400, an oversize
// body 413, unknown ids 404, and who may not call what (403).
// The full day: afterschool.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, PROGRAMMES, TODAY, assertProblem, startAfterschoolWorld } from './lib/afterschool_world.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

let w;
before(async () => {
  w = await startAfterschoolWorld();
  w.prog = (await w.programme()).id;
  await w.setStaff(w.prog, [{ user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' }]);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const days = async (id, from, n) => (await w.ok(200, 'GET', `${PROGRAMMES}/${id}/days?from=${from}&days=${n}`)).items;

test('session days: the term, the official holidays, make-up days skipped or kept, its weekdays', async () => {
  assert.deepEqual(await days(w.prog, '2026-08-31', 2), [
    { date: '2026-08-31', open: false, reason: 'outside_term' }, { date: '2026-09-01', open: true, reason: null },
  ]);
  // 19 September a Saturday, 20th the National Day's make-up working day (a Sunday), 21st a Monday.
  assert.deepEqual((await days(w.prog, '2026-09-19', 3)).map((d) => [d.date, d.open, d.reason]), [
    ['2026-09-19', false, 'weekday'], ['2026-09-20', false, 'makeup_day'], ['2026-09-21', true, null],
  ]);
  const holiday = (await days(w.prog, '2026-10-01', 1))[0];
  assert.deepEqual([holiday.open, holiday.reason, holiday.holiday_name], [false, 'holiday', '国庆节']);
  // From today, 14 days by default.
  const byDefault = (await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/days`)).items;
  assert.equal(byDefault.length, 14);
  assert.deepEqual([byDefault[0].date, byDefault[0].open], [TODAY, true]);
  // Kept on make-up days: the 20th opens.
  const keeps = await w.programme({ name: '调休也上课', on_makeup_days: true });
  assert.deepEqual((await days(keeps.id, '2026-09-20', 1))[0], { date: '2026-09-20', open: true, reason: null });
  for (const q of ['days=0', 'days=63', 'days=x', 'from=2026-02-30', 'from=today']) {
    assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/days?${q}`), 422, { field: q.split('=')[0] });
  }
  assertProblem(await w.get(`${PROGRAMMES}/987654/days`), 404);
});

test('a programme\'s bad bodies: each 422 names its field; who may create and edit', async () => {
  const programmes = w.count('SELECT COUNT(*) FROM afterschool_programmes;');
  const cases = [
    [{ name: '  ' }, 'name'], [{ name: '课'.repeat(61) }, 'name'], [{ name: 42 }, 'name'],
    [{ site_id: w.venue }, 'site_id'], [{ site_id: 987654 }, 'site_id'], [{ site_id: 'one' }, 'site_id'],
    [{ weekdays: [] }, 'weekdays'], [{ weekdays: [0] }, 'weekdays'], [{ weekdays: [8] }, 'weekdays'], [{ weekdays: [1, 1] }, 'weekdays'],
    [{ weekdays: '12345' }, 'weekdays'],
    [{ start_time: '25:00' }, 'start_time'], [{ start_time: 1630 }, 'start_time'], [{ end_time: '18:61' }, 'end_time'],
    [{ capacity: 0 }, 'capacity'], [{ capacity: 501 }, 'capacity'], [{ capacity: '30' }, 'capacity'], [{ capacity: 2.5 }, 'capacity'],
    [{ term_start: '2026-09-31' }, 'term_start'], [{ term_end: '2026/01/20' }, 'term_end'],
    [{ on_makeup_days: 'yes' }, 'on_makeup_days'],
    [{ staffing: { min_adults: 0, base_children: 25, per_extra_children: 20 } }, 'staffing.min_adults'],
    [{ staffing: { min_adults: 2, base_children: 201, per_extra_children: 20 } }, 'staffing.base_children'],
    [{ staffing: { min_adults: 2, base_children: 25, per_extra_children: 0 } }, 'staffing.per_extra_children'],
    [{ colour: 'red' }, 'colour'],
  ];
  for (const [change, field] of cases) assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody(change), w.styorg), 422, { field });
  // Start before end; the term in order and at most 400 days.
  const order = await w.send('POST', PROGRAMMES, w.programmeBody({ start_time: '18:30', end_time: '16:30' }), w.styorg);
  assertProblem(order, 422);
  assert.ok(['start_time', 'end_time'].includes(order.body.field), order.text);
  const term = await w.send('POST', PROGRAMMES, w.programmeBody({ term_start: '2027-01-20', term_end: '2026-09-01' }), w.styorg);
  assertProblem(term, 422);
  assert.ok(['term_start', 'term_end'].includes(term.body.field), term.text);
  const long = await w.send('POST', PROGRAMMES, w.programmeBody({ term_start: '2026-09-01', term_end: '2027-10-07' }), w.styorg);
  assertProblem(long, 422);
  assert.ok(['term_start', 'term_end'].includes(long.body.field), long.text);
  assert.equal(w.count('SELECT COUNT(*) FROM afterschool_programmes;'), programmes);
  assertProblem(await w.raw('POST', PROGRAMMES, '{"name": ', w.styorg), 400);
  assertProblem(await w.raw('POST', PROGRAMMES, '[1]', w.styorg), 400);
  const big = await rawRequest(new URL(w.srv.url).port, `POST ${PROGRAMMES} HTTP/1.1\r\nHost: localhost\r\n` +
    `Authorization: Bearer ${w.styorg.token}\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  // Admins name the organiser; residents, staff of another organiser and staff of no organiser may not.
  assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody(), w.admin), 422, { field: 'organiser_org_id' });
  assert.equal((await w.send('POST', PROGRAMMES, w.programmeBody({ organiser_org_id: w.org.sty, name: '管理员建的' }), w.admin)).status, 201);
  assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody({ organiser_org_id: w.org.sty }), w.hwstaff), 403);
  assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody(), w.sixiaoban), 403);
  assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody(), w.wang), 403);
  assertProblem(await w.send('POST', PROGRAMMES, w.programmeBody()), 401);

  // The edit: the same rules; closing takes it off the public list (audited).
  const p = await w.programme({ name: '要关闭的课堂' });
  const path = `${PROGRAMMES}/${p.id}`;
  assertProblem(await w.send('PUT', path, { capacity: 0 }, w.styorg), 422, { field: 'capacity' });
  assertProblem(await w.send('PUT', path, { status: 'paused' }, w.styorg), 422, { field: 'status' });
  assertProblem(await w.send('PUT', path, { end_time: '16:00' }, w.styorg), 422);
  assertProblem(await w.raw('PUT', path, '{"capacity": ', w.styorg), 400);
  assertProblem(await w.send('PUT', path, { capacity: 20 }, w.hwstaff), 403);
  assertProblem(await w.send('PUT', path, { capacity: 20 }, w.sixiaoban), 403);
  assertProblem(await w.send('PUT', `${PROGRAMMES}/987654`, { capacity: 20 }, w.styorg), 404);
  const edited = await w.ok(200, 'PUT', path, { capacity: 20, weekdays: [2, 4], staffing: { min_adults: 3, base_children: 10, per_extra_children: 5 } }, w.styorg);
  assert.deepEqual([edited.capacity, edited.weekdays, edited.staffing.min_adults, edited.name], [20, [2, 4], 3, '要关闭的课堂']);
  const closed = await w.ok(200, 'PUT', path, { status: 'closed' }, w.admin);
  assert.equal(closed.status, 'closed');
  assert.equal(w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.programme.update';"), 2);
  assert.ok(!(await w.get(PROGRAMMES)).body.items.some((x) => x.id === p.id));
  const c = await w.child({ name: '王小关' });
  assertProblem(await w.send('POST', `${API}/children/${c.id}/enrolments`, { programme_id: p.id, consent: true }, w.wang), 409, { error: 'programme_closed' });
  assertProblem(await w.get(`${PROGRAMMES}/987654`), 404);
  assertProblem(await w.get(`${PROGRAMMES}?community_id=x`), 422, { field: 'community_id' });
});

test('the staff list and duty: checked users and dates, a day without a session, who may set them', async () => {
  const staffPath = `${PROGRAMMES}/${w.prog}/staff`;
  const entry = (extra) => ({ user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01', ...extra });
  const put = (staff, who = w.styorg) => w.send('PUT', staffPath, { staff }, who);
  assertProblem(await put([entry({ user_id: w.wang.user.id })]), 422, { field: 'staff[0].user_id' }); // a resident
  assertProblem(await put([entry({ user_id: 987654 })]), 422, { field: 'staff[0].user_id' });
  assertProblem(await put([entry({ role: 'boss' })]), 422, { field: 'staff[0].role' });
  assertProblem(await put([entry({ background_checked_on: '2026-12-08' })]), 422, { field: 'staff[0].background_checked_on' }); // tomorrow
  assertProblem(await put([entry(), entry()]), 422, { field: 'staff[1].user_id' }); // listed twice
  assertProblem(await put(Array.from({ length: 51 }, () => entry())), 422, { field: 'staff' });
  assertProblem(await w.send('PUT', staffPath, { staff: [entry()], extra: 1 }, w.styorg), 422, { field: 'extra' });
  assertProblem(await w.raw('PUT', staffPath, '{"staff": [', w.styorg), 400);
  assertProblem(await put([entry()], w.sixiaoban), 403); // staff do not set the list
  assertProblem(await put([entry()], w.hwstaff), 403);
  assertProblem(await w.get(staffPath, w.hwstaff), 403);
  assertProblem(await w.send('PUT', `${PROGRAMMES}/987654/staff`, { staff: [entry()] }, w.styorg), 404);
  // Still the one staff member.
  assert.deepEqual((await w.ok(200, 'GET', staffPath, undefined, w.admin)).items.map((s) => s.user_id), [w.sixiaoban.user.id]);

  const duty = (date, json, who = w.sixiaoban) => w.send('PUT', `${PROGRAMMES}/${w.prog}/days/${date}/duty`, json, who);
  assertProblem(await duty(TODAY, { user_ids: [w.zhiyuan.user.id] }), 422, { field: 'user_ids' }); // not on the list
  assertProblem(await duty(TODAY, { user_ids: 'all' }), 422, { field: 'user_ids' });
  assertProblem(await duty('2026-12-12', { user_ids: [w.sixiaoban.user.id] }), 409, { error: 'no_session' }); // a Saturday
  assertProblem(await duty(TODAY, { user_ids: [w.sixiaoban.user.id] }, w.hwstaff), 403);
  const set = await duty(TODAY, { user_ids: [w.sixiaoban.user.id] }, w.styorg);
  assert.equal(set.status, 200, set.text);
  assert.deepEqual([set.body.on_duty, set.body.required, set.body.met], [1, 2, false]);
});

test('a child\'s bad bodies: birth date in the future or too young, the consent, wrong types, unknown fields', async () => {
  const body = (extra) => ({ name: '王小雨', school: '离石区凤山路小学', grade: '三年级', birth_date: '2017-05-12', health_notes: null, relation: '母亲', consent: true, ...extra });
  const cases = [
    [{ birth_date: '2027-01-01' }, 'birth_date'], [{ birth_date: '2025-01-01' }, 'birth_date'], [{ birth_date: '2000-01-01' }, 'birth_date'],
    [{ birth_date: '2017-02-30' }, 'birth_date'], [{ birth_date: 20170512 }, 'birth_date'],
    [{ consent: undefined }, 'consent'], [{ consent: false }, 'consent'], [{ consent: 'yes' }, 'consent'],
    [{ name: '' }, 'name'], [{ name: '名'.repeat(31) }, 'name'], [{ name: 7 }, 'name'],
    [{ school: '   ' }, 'school'], [{ grade: '年'.repeat(21) }, 'grade'], [{ relation: '' }, 'relation'],
    [{ health_notes: '敏'.repeat(501) }, 'health_notes'], [{ health_notes: 5 }, 'health_notes'],
    [{ id_card: '141102201705120011' }, 'id_card'],
  ];
  const children = w.count('SELECT COUNT(*) FROM children;');
  for (const [change, field] of cases) assertProblem(await w.send('POST', `${API}/children`, body(change), w.wang), 422, { field });
  assertProblem(await w.raw('POST', `${API}/children`, '{"name": "王', w.wang), 400);
  const big = await rawRequest(new URL(w.srv.url).port, `POST ${API}/children HTTP/1.1\r\nHost: localhost\r\n` +
    `Authorization: Bearer ${w.wang.token}\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  assert.equal(w.count('SELECT COUNT(*) FROM children;'), children);
  assertProblem(await w.send('POST', `${API}/children`, body(), w.sixiaoban), 403);
  assertProblem(await w.send('POST', `${API}/children`, body(), w.admin), 403);
  assertProblem(await w.send('POST', `${API}/children`, body()), 401);
  // The edit, the guardians and the enrolment refuse the same way.
  const c = await w.child();
  assertProblem(await w.send('PUT', `${API}/children/${c.id}`, { birth_date: '2016-01-01' }, w.wang), 422, { field: 'birth_date' });
  assertProblem(await w.send('PUT', `${API}/children/${c.id}`, { name: 3 }, w.wang), 422, { field: 'name' });
  assertProblem(await w.send('PUT', `${API}/children/987654`, { name: '王' }, w.wang), 404);
  assertProblem(await w.send('POST', `${API}/children/${c.id}/guardians`, { phone: '12345', relation: '父亲' }, w.wang), 422, { field: 'phone' });
  assertProblem(await w.send('POST', `${API}/children/${c.id}/guardians`, { phone: '13835870002' }, w.wang), 422, { field: 'relation' });
  assertProblem(await w.send('POST', `${API}/children/${c.id}/guardians`, { phone: '13835870002', relation: '父亲' }, w.zhao), 403);
  assertProblem(await w.send('POST', `${API}/children/987654/guardians`, { phone: '13835870002', relation: '父亲' }, w.wang), 404);
  const enrol = (json, who = w.wang, child = c.id) => w.send('POST', `${API}/children/${child}/enrolments`, json, who);
  assertProblem(await enrol({ programme_id: w.prog }), 422, { field: 'consent' });
  assertProblem(await enrol({ programme_id: w.prog, consent: false }), 422, { field: 'consent' });
  assertProblem(await enrol({ programme_id: 'one', consent: true }), 422, { field: 'programme_id' });
  assertProblem(await enrol({ programme_id: 987654, consent: true }), 404);
  assertProblem(await enrol({ programme_id: w.prog, consent: true }, w.wang, 987654), 404);
  assertProblem(await enrol({ programme_id: w.prog, consent: true }, w.zhao), 403);
  // Full: a programme of one place.
  const small = await w.programme({ name: '一个名额', capacity: 1 });
  await w.enrol(c.id, small.id);
  const other = await w.child({ name: '赵小满', relation: '母亲' }, w.zhao);
  assertProblem(await enrol({ programme_id: small.id, consent: true }, w.zhao, other.id), 409, { error: 'full' });
});

test('a pickup adult\'s bad bodies: a minor, a birth date in the future, a bad phone, children not one\'s own', async () => {
  const c = await w.child({ name: '王小接' });
  const body = (extra) => ({ name: '李秀英', relation: '奶奶', phone: '13835870003', birth_date: '1971-03-02', child_ids: [c.id], ...extra });
  const post = (json, who = w.wang) => w.send('POST', `${API}/my-pickup-adults`, json, who);
  const minor = await post(body({ birth_date: '2010-01-01', name: '王哥哥', relation: '哥哥' }));
  assertProblem(minor, 422, { field: 'birth_date' });
  assert.match(minor.text, /a pickup adult must be an adult/);
  assertProblem(await post(body({ birth_date: '2008-12-08' })), 422, { field: 'birth_date' }); // 18 tomorrow
  assertProblem(await post(body({ birth_date: '2027-03-02' })), 422, { field: 'birth_date' });
  for (const [change, field] of [
    [{ phone: '12345' }, 'phone'], [{ phone: 13835870003 }, 'phone'], [{ phone: '+8613835870003' }, 'phone'],
    [{ name: '' }, 'name'], [{ relation: '亲'.repeat(21) }, 'relation'], [{ birth_date: '1958-02-30' }, 'birth_date'],
    [{ child_ids: [] }, 'child_ids'], [{ child_ids: 'all' }, 'child_ids'], [{ child_ids: Array.from({ length: 11 }, (_, i) => i + 1) }, 'child_ids'],
    [{ valid_until: '2026-13-01' }, 'valid_until'], [{ photo: 'not a photo' }, 'photo'], [{ code: '123456' }, 'code'],
  ]) {
    assertProblem(await post(body(change)), 422, { field });
  }
  assert.equal(w.count('SELECT COUNT(*) FROM pickup_adults;'), 0);
  assertProblem(await w.raw('POST', `${API}/my-pickup-adults`, '{"name": ', w.wang), 400);
  // Another guardian's child: refused, nothing made.
  assertProblem(await post(body(), w.zhao), 403);
  assertProblem(await post(body({ child_ids: [987654] })), 422, { field: 'child_ids' });  // no such child
  assert.equal(w.count('SELECT COUNT(*) FROM pickup_adults;'), 0);
  assertProblem(await post(body(), w.sixiaoban), 403);
  assertProblem(await post(body(), w.admin), 403);
  const made = await w.adult([c.id]);
  const path = `${API}/my-pickup-adults/${made.adult.id}`;
  // A grandparent born in the 1950s is an adult like any other (no earliest year in the contract).
  const elder = await post(body({ name: '王爷爷', relation: '爷爷', phone: '13835870021', birth_date: '1952-11-09' }));
  assert.equal(elder.status, 201, elder.text);
  assert.equal(elder.body.adult.birth_date, '1952-11-09');
  assertProblem(await w.send('PUT', path, { phone: 'x' }, w.wang), 422, { field: 'phone' });
  assertProblem(await w.send('PUT', path, { birth_date: '2012-01-01' }, w.wang), 422, { field: 'birth_date' });
  const edited = await w.ok(200, 'PUT', path, { valid_until: '2027-01-20', photo: null }, w.wang);
  assert.deepEqual([edited.valid_until, edited.has_photo, edited.active], ['2027-01-20', false, true]);
  assertProblem(await w.get(`${API}/pickup-adults/${made.adult.id}/photo`, w.wang), 404);
  for (const p of ['987654', '987654/revoke', '987654/new-code']) {
    assertProblem(await w.send(p.includes('/') ? 'POST' : 'PUT', `${API}/my-pickup-adults/${p}`, p.includes('/') ? {} : { name: '王' }, w.wang), 404);
  }
  assertProblem(await w.get(`${API}/pickup-adults/987654/photo`, w.wang), 404);
});

test('the day\'s bad bodies: check-in and check-out fields, children not enrolled, another programme\'s staff, a day without a session', async () => {
  const c = await w.child({ name: '王小到' });
  const path = `${PROGRAMMES}/${w.prog}/check-ins`;
  assertProblem(await w.send('POST', path, { child_id: c.id, brought_by: 'from_school' }, w.sixiaoban), 409, { error: 'not_enrolled' });
  await w.enrol(c.id, w.prog);
  for (const [json, field] of [
    [{ child_id: 'x', brought_by: 'from_school' }, 'child_id'], [{ brought_by: 'from_school' }, 'child_id'],
    [{ child_id: c.id, brought_by: 'bus' }, 'brought_by'], [{ child_id: c.id }, 'brought_by'],
    [{ child_id: c.id, brought_by: 'adult' }, 'adult_name'], [{ child_id: c.id, brought_by: 'adult', adult_name: '名'.repeat(31) }, 'adult_name'],
    [{ child_id: c.id, brought_by: 'from_school', note: '迟到' }, 'note'],
  ]) {
    assertProblem(await w.send('POST', path, json, w.sixiaoban), 422, { field });
  }
  assertProblem(await w.raw('POST', path, '{"child_id": ', w.sixiaoban), 400);
  // Only the programme's own staff: not its organiser, an admin or another programme's staff.
  for (const who of [w.styorg, w.admin, w.hwstaff]) {
    assertProblem(await w.send('POST', path, { child_id: c.id, brought_by: 'from_school' }, who), 403);
  }
  assertProblem(await w.send('POST', path, { child_id: c.id, brought_by: 'from_school' }, w.wang), 403);
  assertProblem(await w.send('POST', `${PROGRAMMES}/987654/check-ins`, { child_id: c.id, brought_by: 'from_school' }, w.sixiaoban), 404);
  const came = await w.send('POST', path, { child_id: c.id, brought_by: 'adult', adult_name: '王建军' }, w.sixiaoban);
  assert.equal(came.status, 201, came.text);
  assert.deepEqual([came.body.brought_by, came.body.brought_by_name], ['adult', '王建军']);
  const out = `${PROGRAMMES}/${w.prog}/check-outs`;
  for (const [json, field] of [
    [{ child_id: c.id, method: 'magic' }, 'method'], [{ child_id: c.id }, 'method'], [{ method: 'code', code: '123456' }, 'child_id'],
    [{ child_id: c.id, method: 'code' }, 'code'], [{ child_id: c.id, method: 'code', code: '12345' }, 'code'], [{ child_id: c.id, method: 'code', code: 123456 }, 'code'],
    [{ child_id: c.id, method: 'phone', visual_check: true }, 'phone'], [{ child_id: c.id, method: 'proxy' }, 'proxy_id'],
    [{ child_id: c.id, method: 'proxy', proxy_id: 'x' }, 'proxy_id'], [{ child_id: c.id, method: 'code', code: '123456', extra: 1 }, 'extra'],
  ]) {
    assertProblem(await w.send('POST', out, json, w.sixiaoban), 422, { field });
  }
  assertProblem(await w.raw('POST', out, '{', w.sixiaoban), 400);
  assertProblem(await w.send('POST', out, { child_id: c.id, method: 'code', code: '123456' }, w.hwstaff), 403);
  // A day without a session: the weekdays-only programme on Tuesdays and Thursdays.
  const tueThu = await w.programme({ name: '周二周四', weekdays: [2, 4] });
  await w.setStaff(tueThu.id, [{ user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' }]);
  await w.enrol(c.id, tueThu.id);
  assertProblem(await w.send('POST', `${PROGRAMMES}/${tueThu.id}/check-ins`, { child_id: c.id, brought_by: 'from_school' }, w.sixiaoban), 409, { error: 'no_session' });
  const roster = await w.ok(200, 'GET', `${PROGRAMMES}/${tueThu.id}/roster`, undefined, w.sixiaoban);
  assert.deepEqual([roster.day.open, roster.day.reason], [false, 'weekday']);
  // Proxies: bad bodies.
  for (const [json, field] of [
    [{ phone: '13835870004' }, 'name'], [{ name: '赵红梅' }, 'phone'], [{ name: '赵红梅', phone: '13835870004', date: '2026-12-06' }, 'date'],
    [{ name: '赵红梅', phone: '13835870004', date: 'today' }, 'date'], [{ name: '赵红梅', phone: '13835870004', relation: 5 }, 'relation'],
  ]) {
    assertProblem(await w.send('POST', `${API}/children/${c.id}/proxies`, json, w.wang), 422, { field });
  }
  assertProblem(await w.send('POST', `${API}/children/987654/proxies`, { name: '赵红梅', phone: '13835870004' }, w.wang), 404);
  const proxy = await w.ok(201, 'POST', `${API}/children/${c.id}/proxies`, { name: '赵红梅', phone: '13835870004' }, w.sixiaoban);
  const confirm = (json, who = w.sixiaoban) => w.send('POST', `${API}/pickup-proxies/${proxy.id}/confirm`, json, who);
  assertProblem(await confirm({ by_phone: true, called_at: '17:05', guardian_user_id: w.zhao.user.id }), 422, { field: 'guardian_user_id' });
  assertProblem(await confirm({ by_phone: true, called_at: '25:05', guardian_user_id: w.wang.user.id }), 422, { field: 'called_at' });
  assertProblem(await confirm({ by_phone: 'yes', called_at: '17:05', guardian_user_id: w.wang.user.id }), 422, { field: 'by_phone' });
  assertProblem(await confirm({ by_phone: true, called_at: '17:05', guardian_user_id: w.wang.user.id }, w.hwstaff), 403);
  const ok = await confirm({}, w.wang);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.body.confirmed, ok.body.confirm_channel], [true, 'app']);
});
