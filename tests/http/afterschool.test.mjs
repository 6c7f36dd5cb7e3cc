// After-school care (社区四点半课堂, issue #19; docs/afterschool.md), over real
// HTTP on a real server whose clock starts on a Monday afternoon in term:
// a full day — the organiser makes the programme and its staff list, a
// mother registers her child with the separate consent, enrols it, names
// the grandmother as a pickup adult (her code shown once, stored as a hash),
// the staff check the child in, a wrong code is refused, the right one sends
// the child home with her; the roster (audited) and its CSV for the school
// (BOM, Chinese headings). The codes' rules: a revoked adult's code refused,
// a new code kills the old, five wrong codes stop codes for the day (the
// phone and photo check instead). One-off proxies: recorded by staff they
// wait for a guardian's confirmation (by phone here), made by a guardian
// they hold at once; each is used once. Who reads a child: its guardians and
// its programme's staff (audited), never an admin, the staff of another
// programme or another child's guardian. The month's counts. Last, `warmcity
// demo`'s after-school care (交通路社区四点半课堂, sixiaoban's desk, 王丽's children).
// Bad input and the programme's own rules: afterschool_input.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, dataDirArgs, startServer, testDatabase } from './lib/server.mjs';
import { API, NOW, PROGRAMMES, TODAY, WANG, FATHER, PNG, PNG_DATA_URL, assertProblem, otherCode, startAfterschoolWorld } from './lib/afterschool_world.mjs';

let w;
before(async () => { w = await startAfterschoolWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

// Who took a child home, as every view names it (the check-out and the roster add the adult's or proxy's id).
const whoTook = (p) => p && { name: p.name, relation: p.relation, method: p.method };
const audits = (action, like = '') =>
  w.count(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'${like ? ` AND detail LIKE '%${like}%'` : ''};`);

test('a full day: programme, staff, a child with consent, enrolment, a pickup adult, check-in, a wrong code, the right code, gone home', async () => {
  const { get, send, ok } = w;
  // The organiser makes the programme (audited); anyone reads it.
  const created = await w.programme();
  w.prog = created.id;
  assert.equal(created.name, '生态园社区四点半课堂');
  assert.deepEqual(created.organiser, { id: w.org.sty, name: '生态园社区' });
  assert.deepEqual(created.site, { id: w.siteA, name: '生态园社区四点半课堂', address: '滨河北路 8 号' });
  assert.equal(created.community_id, w.community.sty);
  assert.deepEqual([created.weekdays, created.start_time, created.end_time], [[1, 2, 3, 4, 5], '16:30', '18:30']);
  assert.deepEqual([created.capacity, created.enrolled, created.places_left], [30, 0, 30]);
  assert.deepEqual([created.term_start, created.term_end, created.on_makeup_days, created.status], ['2026-09-01', '2027-01-20', false, 'active']);
  assert.deepEqual(created.staffing, { min_adults: 2, base_children: 25, per_extra_children: 20 });
  assert.equal(audits('afterschool.programme.create'), 1);
  assert.deepEqual((await get(`${PROGRAMMES}/${w.prog}`)).body, created);
  const listed = await get(`${PROGRAMMES}?community_id=${w.community.sty}`);
  assert.deepEqual(listed.body.items.map((p) => p.id), [w.prog]);
  assert.deepEqual((await get(`${PROGRAMMES}?community_id=${w.community.hw}`)).body.items, []);

  // Its staff list: a staff member and a volunteer whose re-check is due (a year has passed).
  const staff = await w.setStaff(w.prog, [
    { user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' },
    { user_id: w.zhiyuan.user.id, role: 'volunteer', background_checked_on: '2025-11-01' },
  ]);
  const byUser = Object.fromEntries(staff.items.map((s) => [s.user_id, s]));
  assert.deepEqual(byUser[w.sixiaoban.user.id], {
    user_id: w.sixiaoban.user.id, display_name: 'sixiaoban', role: 'staff', background_checked_on: '2026-03-01',
    recheck_due_on: '2027-03-01', recheck_due: false,
  });
  assert.equal(byUser[w.zhiyuan.user.id].recheck_due_on, '2026-11-01');
  assert.equal(byUser[w.zhiyuan.user.id].recheck_due, true);
  assert.equal(audits('afterschool.staff.set'), 1);
  assert.deepEqual((await get(`${PROGRAMMES}/${w.prog}/staff`, w.sixiaoban)).body, staff);
  // The public view names no staff member.
  assert.ok(!(await get(`${PROGRAMMES}/${w.prog}`)).text.includes('sixiaoban'));
  // The desk's list: the organiser's part and the staff's part.
  const desk = async (who) => (await ok(200, 'GET', `${API}/organiser-afterschool-programmes`, undefined, who)).items
    .filter((p) => p.id === w.prog).map((p) => p.my_part);
  assert.deepEqual(await desk(w.styorg), ['organiser']);
  assert.deepEqual(await desk(w.sixiaoban), ['staff']);
  assert.deepEqual(await desk(w.admin), ['admin']);
  assert.deepEqual(await desk(w.hwstaff), []);

  // A mother registers her child with the separate consent (audited), and
  // makes the father a guardian by his phone.
  const child = await w.child({ name: '王小雨', health_notes: '对花生过敏' });
  w.xiaoyu = child.id;
  assert.deepEqual([child.name, child.school, child.grade, child.birth_date, child.age, child.health_notes],
    ['王小雨', '离石区凤山路小学', '三年级', '2017-05-12', 9, '对花生过敏']);
  assert.deepEqual(child.guardians, [{ user_id: w.wang.user.id, display_name: '王丽', relation: '母亲', phone: WANG.phone }]);
  assert.equal(w.srv.sql(`SELECT consent_by || '|' || consent_version FROM children WHERE id = ${child.id};`), `${w.wang.user.id}|afterschool-children-v1`);
  assert.equal(audits('child.create'), 1);
  const guardians = await ok(201, 'POST', `${API}/children/${child.id}/guardians`, { phone: FATHER.phone, relation: '父亲' }, w.wang);
  assert.deepEqual(guardians.guardians.map((g) => [g.display_name, g.relation, g.phone]).sort(),
    [['王丽', '母亲', WANG.phone], ['王建军', '父亲', FATHER.phone]].sort());
  assert.equal(audits('child.guardian_add'), 1);
  assertProblem(await send('POST', `${API}/children/${child.id}/guardians`, { phone: '13835879999', relation: '舅舅' }, w.wang), 404, { error: 'no_account' });
  assert.deepEqual((await get(`${API}/children/${child.id}`, w.father)).body.id, child.id);

  // Enrolled with the consent to the programme's care (audited); one place taken.
  const enrolment = await w.enrol(child.id, w.prog);
  assert.deepEqual([enrolment.programme_id, enrolment.child_id, enrolment.status], [w.prog, child.id, 'active']);
  assert.equal(w.srv.sql(`SELECT consent_version FROM afterschool_enrolments WHERE id = ${enrolment.id};`), 'afterschool-enrolment-v1');
  assert.equal(audits('enrolment.create'), 1);
  assertProblem(await send('POST', `${API}/children/${child.id}/enrolments`, { programme_id: w.prog, consent: true }, w.wang), 409, { error: 'already_enrolled' });
  assert.deepEqual([(await get(`${PROGRAMMES}/${w.prog}`)).body.enrolled, (await get(`${PROGRAMMES}/${w.prog}`)).body.places_left], [1, 29]);

  // The grandmother, with a photo: her code is shown once and stored as a salted hash.
  const granny = await w.adult([child.id], { photo: PNG_DATA_URL });
  w.granny = granny;
  assert.match(granny.code, /^\d{6}$/);
  assert.deepEqual([granny.adult.name, granny.adult.relation, granny.adult.phone, granny.adult.birth_date, granny.adult.valid_until,
    granny.adult.has_photo, granny.adult.child_ids, granny.adult.revoked_at, granny.adult.active],
  ['李秀英', '奶奶', '13835870003', '1971-03-02', null, true, [child.id], null, true]);
  assert.ok(granny.adult.code_set_at);
  assert.equal(audits('pickup_adult.create'), 1);
  const stored = w.srv.sql(`SELECT code_salt || '|' || code_hash FROM pickup_adults WHERE id = ${granny.adult.id};`);
  assert.ok(!stored.includes(granny.code), 'the code is not stored as it is');
  assert.match(stored.split('|')[1], /^[0-9a-f]{64}$/);
  const mine = await get(`${API}/my-pickup-adults`, w.wang);
  assert.deepEqual(mine.body.items.map((a) => a.id), [granny.adult.id]);
  assert.ok(!mine.text.includes(granny.code) && !('code' in mine.body.items[0]), 'the list never shows the code');
  assert.deepEqual((await get(`${API}/my-pickup-adults`, w.father)).body.items.map((a) => a.id), [granny.adult.id]);
  // Her photo: to the child's guardians and the programme's staff.
  const photo = await w.srv.fetch(`${API}/pickup-adults/${granny.adult.id}/photo`, { token: w.sixiaoban.token });
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/png');
  assert.equal((await get(`${API}/pickup-adults/${granny.adult.id}/photo`, w.wang)).status, 200);

  // The day: staffing, the check-in, the roster.
  const duty = await ok(200, 'PUT', `${PROGRAMMES}/${w.prog}/days/${TODAY}/duty`, { user_ids: [w.sixiaoban.user.id, w.zhiyuan.user.id] }, w.sixiaoban);
  assert.deepEqual(duty, { children: 1, required: 2, on_duty: 1, met: false }); // the volunteer's re-check is due
  const arrived = await w.checkIn(w.prog, child.id);
  assert.equal(arrived.status, 201, arrived.text);
  assert.equal(arrived.body.child_id, child.id);
  assert.equal(arrived.body.brought_by, 'from_school');
  assert.ok(arrived.body.checked_in_at);
  assertProblem(await w.checkIn(w.prog, child.id), 409, { error: 'already_checked_in' });
  const here = await ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  const row = here.children.find((c) => c.child.id === child.id);
  assert.equal(row.state, 'here');
  assert.equal(row.child.health_notes, '对花生过敏');
  assert.deepEqual(row.child.guardians.map((g) => g.phone).sort(), [WANG.phone, FATHER.phone].sort());
  assert.deepEqual(here.staffing, { children: 1, required: 2, on_duty: 1, met: false });
  assert.deepEqual([here.date, here.day.open, here.day.reason, here.alerts], [TODAY, true, null, []]);
  const today = (await get(`${API}/my-children`, w.wang)).body.items.find((c) => c.id === child.id).today;
  assert.deepEqual(today.map((t) => [t.programme_id, t.state, t.brought_by, t.late_alert]), [[w.prog, 'here', 'from_school', false]]);

  // A wrong code is refused; the right one sends her home with her grandmother.
  assertProblem(await w.checkOut(w.prog, { child_id: child.id, method: 'code', code: otherCode(granny.code) }), 403, { error: 'pickup_refused' });
  const gone = await w.checkOut(w.prog, { child_id: child.id, method: 'code', code: granny.code });
  assert.equal(gone.status, 200, gone.text);
  assert.deepEqual(whoTook(gone.body.picked_up_by), { name: '李秀英', relation: '奶奶', method: 'code' });
  assert.ok(gone.body.checked_out_at);
  assert.equal(w.srv.sql(`SELECT pickup_adult_id || '|' || checked_out_by || '|' || pickup_method FROM afterschool_attendance WHERE child_id = ${child.id};`),
    `${granny.adult.id}|${w.sixiaoban.user.id}|code`);
  assertProblem(await w.checkOut(w.prog, { child_id: child.id, method: 'code', code: granny.code }), 409, { error: 'already_checked_out' });
  const home = (await get(`${API}/my-children`, w.father)).body.items.find((c) => c.id === child.id);
  assert.deepEqual(home.today.map((t) => [t.state, t.picked_up_by]), [['gone', { name: '李秀英', relation: '奶奶', method: 'code' }]]);
  assert.equal(home.late_pickups_this_month, 0);
  assert.equal((await ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban)).children.find((c) => c.child.id === child.id).state, 'gone');
});

test('the roster is audited; its CSV has a BOM and the Chinese headings', async () => {
  const reads = () => audits('personal_data.read', 'afterschool_roster');
  const before = reads();
  const r = await w.get(`${PROGRAMMES}/${w.prog}/roster?date=${TODAY}`, w.sixiaoban);
  assert.equal(r.status, 200, r.text);
  assert.equal(reads(), before + 1);
  const csv = await fetch(`${w.srv.url}${PROGRAMMES}/${w.prog}/roster.csv?date=${TODAY}`, { headers: { authorization: `Bearer ${w.sixiaoban.token}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l);
  assert.equal(lines[0], '姓名,学校,年级,状态,到达,送来,离开,接走人,方式');
  assert.ok(lines.some((l) => l.startsWith('王小雨,离石区凤山路小学,三年级,')), lines.join('\n'));
  assert.equal(reads(), before + 2);
  // Nobody but the programme's staff: not its organiser, not an admin, not another programme's staff.
  for (const who of [w.styorg, w.admin, w.hwstaff]) {
    assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/roster`, who), 403);
    assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/roster.csv`, who), 403);
  }
  assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/roster`, w.wang), 403);
  assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/roster.csv`), 401);
  assertProblem(await w.get(`${PROGRAMMES}/${w.prog}/roster?date=2026-13-01`, w.sixiaoban), 422, { field: 'date' });
  assertProblem(await w.get(`${PROGRAMMES}/987654/roster`, w.sixiaoban), 404);
  assert.equal(reads(), before + 2);
});

test('a child is read by its guardians and its programme\'s staff (audited), never an admin, other staff or another child\'s guardian', async () => {
  const reads = () => audits('personal_data.read', 'afterschool_child');
  const before = reads();
  const path = `${API}/children/${w.xiaoyu}`;
  assert.equal((await w.get(path, w.wang)).status, 200);
  assert.equal(reads(), before);  // a guardian's own read is no staff read
  const staffRead = await w.get(path, w.sixiaoban);
  assert.equal(staffRead.status, 200, staffRead.text);
  assert.deepEqual(staffRead.body.guardians.map((g) => g.phone).sort(), [WANG.phone, FATHER.phone].sort());
  assert.equal(reads(), before + 1);
  for (const who of [w.admin, w.styorg, w.hwstaff, w.zhao, w.resident, w.jiaoyu]) assertProblem(await w.get(path, who), 403);
  assertProblem(await w.get(path), 401);
  assertProblem(await w.get(`${API}/children/987654`, w.wang), 404);
  // Nor its pickup adult's photo, nor a change to it.
  for (const who of [w.admin, w.hwstaff, w.zhao]) assertProblem(await w.get(`${API}/pickup-adults/${w.granny.adult.id}/photo`, who), 403);
  assertProblem(await w.send('PUT', path, { school: '别的学校' }, w.zhao), 403);
  assertProblem(await w.send('PUT', `${API}/my-pickup-adults/${w.granny.adult.id}`, { phone: '13835870099' }, w.zhao), 403);
  assertProblem(await w.send('POST', `${API}/my-pickup-adults/${w.granny.adult.id}/revoke`, {}, w.zhao), 403);
  assertProblem(await w.send('POST', `${API}/children/${w.xiaoyu}/proxies`, { name: '陌生人', phone: '13835870098' }, w.zhao), 403);
  // A guardian edits (audited).
  const edited = await w.ok(200, 'PUT', path, { grade: '四年级' }, w.father);
  assert.equal(edited.grade, '四年级');
  assert.equal(audits('child.update'), 1);
  // Once withdrawn, the programme's staff no longer read the child.
  const sib = await w.child({ name: '王小树' });
  const enrolment = await w.enrol(sib.id, w.prog);
  assert.equal((await w.get(`${API}/children/${sib.id}`, w.sixiaoban)).status, 200);
  const withdrawn = await w.ok(200, 'POST', `${API}/afterschool-enrolments/${enrolment.id}/withdraw`, {}, w.wang);
  assert.equal(withdrawn.status, 'withdrawn');
  assertProblem(await w.get(`${API}/children/${sib.id}`, w.sixiaoban), 403);
  assertProblem(await w.send('POST', `${API}/afterschool-enrolments/${enrolment.id}/withdraw`, {}, w.zhao), 403);
  assertProblem(await w.send('POST', `${API}/afterschool-enrolments/987654/withdraw`, {}, w.wang), 404);
});

test('codes: a revoked adult\'s code is refused, a new code kills the old, five wrong codes stop codes for the day', async () => {
  const kid = async (name) => {
    const c = await w.child({ name });
    await w.enrol(c.id, w.prog);
    const r = await w.checkIn(w.prog, c.id);
    assert.equal(r.status, 201, r.text);
    return c.id;
  };
  // The father as a pickup adult, revoked: his code is dead at once.
  const a = await kid('王小安');
  const dad = await w.adult([a], { name: '王建军', relation: '父亲', phone: FATHER.phone, birth_date: '1986-08-20' });
  const revoked = await w.ok(200, 'POST', `${API}/my-pickup-adults/${dad.adult.id}/revoke`, {}, w.wang);
  assert.ok(revoked.revoked_at);
  assert.equal(revoked.active, false);
  const refused = await w.checkOut(w.prog, { child_id: a, method: 'code', code: dad.code });
  assertProblem(refused, 403, { error: 'pickup_refused' });
  // An expired adult's code the same way (valid_until in the past, set in the database).
  const old = await w.adult([a], { name: '王大伯', relation: '大伯', phone: '13835870011', birth_date: '1970-01-01' });
  w.srv.sql(`UPDATE pickup_adults SET valid_until = '2026-12-01' WHERE id = ${old.adult.id};`, { readonly: false });
  assertProblem(await w.checkOut(w.prog, { child_id: a, method: 'code', code: old.code }), 403, { error: 'pickup_refused' });
  // Another child's adult's code is no code for this child.
  const b = await kid('王小北');
  const aunt = await w.adult([b], { name: '王姑姑', relation: '姑姑', phone: '13835870012', birth_date: '1990-02-02' });
  assertProblem(await w.checkOut(w.prog, { child_id: a, method: 'code', code: aunt.code }), 403, { error: 'pickup_refused' });
  // A new code: the old one is refused, the new one accepted.
  const renewed = await w.ok(200, 'POST', `${API}/my-pickup-adults/${aunt.adult.id}/new-code`, {}, w.wang);
  assert.match(renewed.code, /^\d{6}$/);
  assert.equal(renewed.adult.id, aunt.adult.id);
  if (renewed.code !== aunt.code) {
    assertProblem(await w.checkOut(w.prog, { child_id: b, method: 'code', code: aunt.code }), 403, { error: 'pickup_refused' });
  }
  const out = await w.checkOut(w.prog, { child_id: b, method: 'code', code: renewed.code });
  assert.equal(out.status, 200, out.text);
  assert.equal(out.body.picked_up_by.name, '王姑姑');

  // Five wrong codes for a child today: codes are refused for it (429), even the right one.
  const c = await kid('王小川');
  const granny = await w.adult([c], { photo: PNG.toString('base64') });
  const wrong = otherCode(granny.code);
  for (let i = 0; i < 5; i += 1) {
    assertProblem(await w.checkOut(w.prog, { child_id: c, method: 'code', code: wrong }), 403, { error: 'pickup_refused' });
  }
  assertProblem(await w.checkOut(w.prog, { child_id: c, method: 'code', code: granny.code }), 429, { error: 'too_many_codes' });
  // The phone and photo check instead: without the visual check 422; an adult without a photo 409.
  const noPhoto = await w.adult([c], { name: '王舅舅', relation: '舅舅', phone: '13835870013', birth_date: '1985-05-05' });
  assertProblem(await w.checkOut(w.prog, { child_id: c, method: 'phone', phone: noPhoto.adult.phone, visual_check: true }), 409, { error: 'no_photo' });
  assertProblem(await w.checkOut(w.prog, { child_id: c, method: 'phone', phone: '13835870003' }), 422, { field: 'visual_check' });
  assertProblem(await w.checkOut(w.prog, { child_id: c, method: 'phone', phone: '13835870003', visual_check: false }), 422, { field: 'visual_check' });
  const byPhone = await w.checkOut(w.prog, { child_id: c, method: 'phone', phone: '13835870003', visual_check: true });
  assert.equal(byPhone.status, 200, byPhone.text);
  assert.deepEqual(whoTook(byPhone.body.picked_up_by), { name: '李秀英', relation: '奶奶', method: 'phone' });
  // Not checked in: 409.
  const d = await w.child({ name: '王小丁' });
  await w.enrol(d.id, w.prog);
  assertProblem(await w.checkOut(w.prog, { child_id: d.id, method: 'code', code: '123456' }), 409, { error: 'not_checked_in' });
});

test('proxies: recorded by staff they wait for a guardian; made by a guardian they hold at once; each used once', async () => {
  // 后瓦's programme, with hwstaff on its staff list, for the proxy's second use.
  const b = await w.programme({ name: '后瓦社区四点半课堂', site_id: w.siteB }, w.hwstaff);
  await w.setStaff(b.id, [{ user_id: w.hwstaff.user.id, role: 'staff', background_checked_on: '2026-06-01' }], w.hwstaff);
  const kid = await w.child({ name: '王小邻' });
  await w.enrol(kid.id, w.prog);
  assert.equal((await w.checkIn(w.prog, kid.id)).status, 201);
  // The neighbour is at the door: staff record her; unconfirmed she takes nobody.
  const atDoor = await w.ok(201, 'POST', `${API}/children/${kid.id}/proxies`, { name: '赵红梅', phone: '13835870004', relation: '邻居' }, w.sixiaoban);
  assert.deepEqual([atDoor.child_id, atDoor.date, atDoor.confirmed, atDoor.confirm_channel, atDoor.used_at], [kid.id, TODAY, false, null, null]);
  assertProblem(await w.checkOut(w.prog, { child_id: kid.id, method: 'proxy', proxy_id: atDoor.id }), 403, { error: 'proxy_unconfirmed' });
  // The mother sees it waiting (the staff's read of the list is audited).
  const waiting = await w.ok(200, 'GET', `${API}/children/${kid.id}/proxies`, undefined, w.wang);
  assert.deepEqual(waiting.items.map((p) => [p.id, p.confirmed]), [[atDoor.id, false]]);
  const proxyReads = audits('personal_data.read', 'afterschool_proxies');
  assert.equal((await w.get(`${API}/children/${kid.id}/proxies`, w.sixiaoban)).status, 200);
  assert.equal(audits('personal_data.read', 'afterschool_proxies'), proxyReads + 1);
  assertProblem(await w.get(`${API}/children/${kid.id}/proxies`, w.zhao), 403);
  // Confirmed by the staff member who took the mother's call.
  const called = await w.ok(200, 'POST', `${API}/pickup-proxies/${atDoor.id}/confirm`,
    { by_phone: true, called_at: '17:05', guardian_user_id: w.wang.user.id }, w.sixiaoban);
  assert.deepEqual([called.confirmed, called.confirm_channel], [true, 'phone']);
  assert.ok(called.confirmed_at);
  assert.equal(w.srv.sql(`SELECT confirmed_by || '|' || phone_guardian_id || '|' || phone_called_at FROM pickup_proxies WHERE id = ${atDoor.id};`),
    `${w.sixiaoban.user.id}|${w.wang.user.id}|17:05`);
  const taken = await w.checkOut(w.prog, { child_id: kid.id, method: 'proxy', proxy_id: atDoor.id });
  assert.equal(taken.status, 200, taken.text);
  assert.deepEqual(whoTook(taken.body.picked_up_by), { name: '赵红梅', relation: '邻居', method: 'proxy' });

  // A guardian's proxy in the app holds at once; used once, a second use is 409.
  const two = await w.child({ name: '王小二' });
  await w.enrol(two.id, w.prog);
  await w.enrol(two.id, b.id);
  const app = await w.ok(201, 'POST', `${API}/children/${two.id}/proxies`, { name: '孙阿姨', phone: '13835870005' }, w.wang);
  assert.deepEqual([app.date, app.confirmed, app.confirm_channel], [TODAY, true, 'app']);
  assert.equal((await w.checkIn(w.prog, two.id)).status, 201);
  const first = await w.checkOut(w.prog, { child_id: two.id, method: 'proxy', proxy_id: app.id });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.picked_up_by.method, 'proxy');
  assert.equal((await w.checkIn(b.id, two.id, w.hwstaff)).status, 201);
  assertProblem(await w.checkOut(b.id, { child_id: two.id, method: 'proxy', proxy_id: app.id }, w.hwstaff), 409, { error: 'proxy_used' });
  // Another child's proxy, or another programme's staff confirming: refused.
  assertProblem(await w.send('POST', `${API}/pickup-proxies/${app.id}/confirm`, {}, w.zhao), 403);
  assertProblem(await w.send('POST', `${API}/pickup-proxies/987654/confirm`, {}, w.wang), 404);
  assertProblem(await w.send('POST', `${API}/children/${kid.id}/proxies`, { name: '赵红梅', phone: '13835870004' }, w.hwstaff), 403);
  assertProblem(await w.send('POST', `${API}/children/${kid.id}/proxies`, { name: '赵红梅', phone: '12345' }, w.wang), 422, { field: 'phone' });
});

test('counts: per site, numbers only, for department users and admins', async () => {
  const month = TODAY.slice(0, 7);
  const counts = await w.ok(200, 'GET', `${API}/afterschool-counts?month=${month}`, undefined, w.jiaoyu);
  const attended = w.count(`SELECT COUNT(*) FROM afterschool_attendance WHERE programme_id = ${w.prog};`);
  const enrolled = w.count(`SELECT COUNT(*) FROM afterschool_enrolments WHERE programme_id = ${w.prog} AND status = 'active';`);
  const a = counts.sites.find((s) => s.site_id === w.siteA);
  assert.deepEqual(a, { site_id: w.siteA, site_name: '生态园社区四点半课堂', programmes: 1, enrolled, attending: attended, attendances: attended, late_pickups: 0 });
  assert.equal(counts.month, month);
  // The totals count each child once (王小二 is enrolled at both sites and was checked in at one).
  assert.equal(counts.enrolled, w.count("SELECT COUNT(DISTINCT child_id) FROM afterschool_enrolments WHERE status = 'active';"));
  assert.ok(counts.enrolled < counts.sites.reduce((n, s) => n + s.enrolled, 0), JSON.stringify(counts));
  assert.equal(counts.attending, w.count('SELECT COUNT(DISTINCT child_id) FROM afterschool_attendance;'));
  assert.equal(counts.late_pickups, 0);
  assert.ok(!JSON.stringify(counts).includes('王小'), 'numbers only');
  assert.deepEqual((await w.ok(200, 'GET', `${API}/afterschool-counts?month=${month}`, undefined, w.admin)), counts);
  const nov = await w.ok(200, 'GET', `${API}/afterschool-counts?month=2026-11`, undefined, w.admin);
  assert.deepEqual([nov.attending, nov.late_pickups], [0, 0]);
  for (const m of ['2026-13', '2026-1', 'december']) assertProblem(await w.get(`${API}/afterschool-counts?month=${m}`, w.jiaoyu), 422, { field: 'month' });
  for (const who of [w.sixiaoban, w.styorg, w.wang]) assertProblem(await w.get(`${API}/afterschool-counts?month=${month}`, who), 403);
  assertProblem(await w.get(`${API}/afterschool-counts?month=${month}`), 401);
});

test('the demo: 交通路社区四点半课堂 with its staff, 王丽\'s two children, their pickup adults, today\'s attendance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-afterschool-demo-'));
  const db = testDatabase(dir);
  // On the demo's clock (a Monday in term) today is a session day.
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum', '--now', NOW], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /sixiaoban \/ demo-afterschool-2026/);
  assert.match(made.stdout, /wangli \/ demo-resident-2026/);
  assert.match(made.stderr, /after-school care: 1 programme, 2 children enrolled, 2 pickup adults; today 2 checked in, 1 gone home/);
  const codes = /李秀英（奶奶）(\d{6}), 王建军（父亲）(\d{6})/.exec(made.stderr);
  assert.ok(codes, made.stderr);
  const srv = await startServer({ dir, db, now: NOW });
  try {
    const desk = await srv.login('sixiaoban', 'demo-afterschool-2026');
    const mother = await srv.login('wangli', 'demo-resident-2026');
    const mine = await srv.fetch(`${API}/organiser-afterschool-programmes`, { token: desk.token });
    assert.equal(mine.status, 200, mine.text);
    const [p] = mine.body.items;
    assert.deepEqual([mine.body.items.length, p.name, p.site.name, p.weekdays, p.start_time, p.end_time, p.capacity, p.enrolled],
      [1, '交通路社区四点半课堂', '交通路社区四点半课堂', [1, 2, 3, 4, 5], '16:30', '18:30', 30, 2]);
    assert.ok(p.term_start <= TODAY && TODAY <= p.term_end, mine.text);
    const staff = await srv.fetch(`${PROGRAMMES}/${p.id}/staff`, { token: desk.token });
    assert.deepEqual(staff.body.items.map((s) => [s.role, s.recheck_due]).sort(), [['staff', false], ['volunteer', false]]);
    const roster = await srv.fetch(`${PROGRAMMES}/${p.id}/roster`, { token: desk.token });
    assert.equal(roster.status, 200, roster.text);
    assert.deepEqual(roster.body.children.map((c) => [c.child.name, c.state]).sort(), [['王小满', 'gone'], ['王小雨', 'here']]);
    assert.deepEqual(whoTook(roster.body.children.find((c) => c.state === 'gone').picked_up_by), { name: '李秀英', relation: '奶奶', method: 'code' });
    assert.deepEqual([roster.body.staffing.on_duty, roster.body.staffing.required], [2, 2]);
    const kids = await srv.fetch(`${API}/my-children`, { token: mother.token });
    assert.deepEqual(kids.body.items.map((c) => c.name).sort(), ['王小满', '王小雨']);
    assert.deepEqual(kids.body.items[0].guardians.map((g) => [g.display_name, g.relation, g.phone]), [['王丽', '母亲', '13835871302']]);
    assert.deepEqual(kids.body.items[0].pickup_adults.map((a) => a.name).sort(), ['李秀英', '王建军']);
    // The father's printed code takes 王小雨 home.
    const xiaoyu = roster.body.children.find((c) => c.child.name === '王小雨').child.id;
    const home = await srv.fetch(`${PROGRAMMES}/${p.id}/check-outs`, { method: 'POST', token: desk.token, json: { child_id: xiaoyu, method: 'code', code: codes[2] } });
    assert.equal(home.status, 200, home.text);
    assert.deepEqual(whoTook(home.body.picked_up_by), { name: '王建军', relation: '父亲', method: 'code' });
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
