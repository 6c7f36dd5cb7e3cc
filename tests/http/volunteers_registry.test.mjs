// The volunteer registry and the teams (issue #20, docs/volunteers.md "Who",
// "Volunteers", "Teams") over real HTTP, on the world of
// lib/volunteer_world.mjs: a team's leader registers volunteers (the ID
// whole to them only: admins and the volunteer see it masked, the phone
// masked to nobody who may read), the second registration of an ID 409
// already_registered naming the volunteer, who then joins the other team
// and leaves it; minors with a guardian's consent, under 14 refused; edits
// audited with the changed fields' names; the team's list with q and status
// (one audited read naming the ids), a read by someone else than the
// volunteer audited, the volunteer's own not; /me/volunteer; the public team
// list and a team's facts. Bad input (malformed JSON, wrong types, unknown
// fields, an oversize body, unknown ids) and who may not (another team's
// leader, a resident, anonymous).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, TEAMS, VOLUNTEERS, assertProblem, startVolunteerWorld } from './lib/volunteer_world.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

let w;
before(async () => { w = await startVolunteerWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const raw = (method, path, body, who) =>
  w.srv.fetch(path, { method, body, token: who?.token, headers: { 'content-type': 'application/json' } });
// The audit rows of `action` on one subject (of `type`), oldest first.
const audits = (action, subject, type = 'volunteer') => w.srv.sql(
  `SELECT actor_user_id, subject_type, subject_id, detail FROM audit_log WHERE action = '${action}'`
  + ` AND subject_id = '${subject}' AND subject_type = '${type}' ORDER BY id;`).split('\n').filter(Boolean).map((line) => {
  const [actor, type, id, ...detail] = line.split('|');
  return { actor: Number(actor), type, id, detail: JSON.parse(detail.join('|')) };
});
const masked = (id) => `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;

test('a leader registers a volunteer: the view, the number, the ID whole to the team staff only, audited', async () => {
  const body = w.volunteerBody(w.team, {
    name: '李秀兰', phone: '13835875555', gender: 'female', skills: ['清洁', '宣传'], availability: '周末上午',
    trainings: [{ name: '安全培训', completed_on: '2026-11-01' }], insurance_until: '2027-01-31', public_name: true,
  });
  const v = await w.api('POST', VOLUNTEERS, body, 201, w.team.leader);
  assert.match(v.volunteer_no, /^V\d{8}$/);
  // The clock runs on from 09:00: instants are that morning's.
  const DAY = /^2026-12-07T09:\d\d:\d\d\+08:00$/;
  assert.match(v.created_at, DAY);
  assert.equal(v.updated_at, v.created_at);
  assert.deepEqual({ ...v, id: 0, volunteer_no: '', teams: [], created_at: '', updated_at: '' }, {
    id: 0, volunteer_no: '', name: '李秀兰', phone: '13835875555', id_type: 'resident_id', id_number: body.id_number,
    birth_date: '1980-01-01', age: 46, gender: 'female', skills: ['清洁', '宣传'], availability: '周末上午',
    trainings: [{ name: '安全培训', completed_on: '2026-11-01' }], insurance_until: '2027-01-31', insured_today: true,
    public_name: true, user_id: null, status: 'active', minor: false, guardian_consent: null, teams: [],
    created_at: '', updated_at: '',
  });
  assert.deepEqual(v.teams, [{ id: w.team.id, name: '夕阳红志愿队', joined_at: v.created_at, left_at: null }]);
  const created = audits('volunteer.create', v.id);
  assert.equal(created.length, 1);
  assert.equal(created[0].actor, w.team.leader.user.id);
  assert.deepEqual(created[0].detail, { team_id: w.team.id, volunteer_no: v.volunteer_no, minor: false });
  assert.equal(w.count(`SELECT COUNT(*) FROM volunteers WHERE volunteer_no = '${v.volunteer_no}';`), 1);

  // The leader reads it whole (audited, view full); an admin with the ID masked (audited).
  const byLeader = await w.api('GET', `${VOLUNTEERS}/${v.id}`, undefined, 200, w.team.leader);
  assert.equal(byLeader.id_number, body.id_number);
  const byAdmin = await w.api('GET', `${VOLUNTEERS}/${v.id}`, undefined, 200, w.admin);
  assert.equal(byAdmin.id_number, masked(body.id_number));
  assert.equal(byAdmin.phone, '13835875555');
  const reads = audits('personal_data.read', v.id);
  assert.deepEqual(reads.map((a) => [a.actor, a.detail.purpose, a.detail.view]), [
    [w.team.leader.user.id, 'volunteer', 'full'], [w.admin.user.id, 'volunteer', 'id_masked'],
  ]);
  // Another team's leader, a resident who is not them, anonymous: refused.
  assertProblem(await w.send('GET', `${VOLUNTEERS}/${v.id}`, undefined, w.team2.leader), 403);
  assertProblem(await w.send('GET', `${VOLUNTEERS}/${v.id}`, undefined, w.resident), 403);
  assertProblem(await w.send('GET', `${VOLUNTEERS}/${v.id}`), 401);
  assert.equal(audits('personal_data.read', v.id).length, 2);
});

test('the volunteer reads their own record (ID masked, phone whole), unaudited; /me/volunteer; others 404', async () => {
  const own = await w.api('GET', `${VOLUNTEERS}/${w.volunteer.id}`, undefined, 200, w.person);
  assert.equal(own.id_number, masked(w.volunteer.id_number));
  assert.equal(own.phone, '13835871111');
  assert.equal(own.user_id, w.person.user.id);
  const me = await w.api('GET', `${API}/me/volunteer`, undefined, 200, w.person);
  assert.deepEqual(me, own);
  assert.equal(audits('personal_data.read', w.volunteer.id).length, 0);
  assertProblem(await w.send('GET', `${API}/me/volunteer`, undefined, w.resident), 404);
  assertProblem(await w.send('GET', `${API}/me/volunteer`, undefined, w.team.leader), 404);
  assertProblem(await w.send('GET', `${API}/me/volunteer`), 401);
});

test('the same ID again: 409 already_registered naming them; they join the other team, which then sees them, and leave it', async () => {
  const first = await w.newVolunteer(w.team, { name: '赵刚' });
  const again = await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team2, { name: '赵刚', id_number: first.id_number }), w.team2.leader);
  assertProblem(again, 409, { code: 'already_registered' });
  assert.equal(again.body.code, 'already_registered');
  assert.equal(again.body.volunteer_id, first.id);
  // A lower-case x is the same ID.
  const lower = await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team2, { id_number: first.id_number.replace('X', 'x') }), w.team2.leader);
  assertProblem(lower, 409, { code: 'already_registered' });
  // The account of a volunteer registered again: the same 409.
  const linked = await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team2, { user_id: w.person.user.id }), w.team2.leader);
  assertProblem(linked, 409, { code: 'already_registered' });
  assert.equal(linked.body.volunteer_id, w.volunteer.id);

  // Not theirs yet: team2's leader may not read them; joining makes them theirs.
  assertProblem(await w.send('GET', `${VOLUNTEERS}/${first.id}`, undefined, w.team2.leader), 403);
  assertProblem(await w.send('POST', `${VOLUNTEERS}/${first.id}/teams`, { team_id: w.team2.id }, w.team.leader), 403);
  const joined = await w.api('POST', `${VOLUNTEERS}/${first.id}/teams`, { team_id: w.team2.id }, 201, w.team2.leader);
  assert.deepEqual(joined.teams.map((t) => [t.id, t.left_at]), [[w.team.id, null], [w.team2.id, null]]);
  assert.equal(joined.id_number, first.id_number);
  assertProblem(await w.send('POST', `${VOLUNTEERS}/${first.id}/teams`, { team_id: w.team2.id }, w.team2.leader), 409, { code: 'already_member' });
  assert.equal(audits('volunteer.team_join', first.id)[0].detail.team_id, w.team2.id);
  const list2 = await w.api('GET', `${VOLUNTEERS}?team_id=${w.team2.id}`, undefined, 200, w.team2.leader);
  assert.deepEqual(list2.items.map((v) => v.id), [first.id]);

  // They leave team2: the membership keeps joined_at and gets left_at; team2's leader is no longer theirs.
  assertProblem(await w.send('DELETE', `${VOLUNTEERS}/${first.id}/teams/${w.team2.id}`, undefined, w.team.leader), 403);
  const left = await w.api('DELETE', `${VOLUNTEERS}/${first.id}/teams/${w.team2.id}`, undefined, 200, w.team2.leader);
  const link = left.teams.find((t) => t.id === w.team2.id);
  assert.equal(link.joined_at, joined.teams[1].joined_at);
  assert.match(link.left_at, /^2026-12-07T09:/);
  assert.ok(link.left_at >= link.joined_at);
  assert.equal(left.id_number, masked(first.id_number)); // no longer their staff
  assertProblem(await w.send('DELETE', `${VOLUNTEERS}/${first.id}/teams/${w.team2.id}`, undefined, w.team2.leader), 404);
  assertProblem(await w.send('GET', `${VOLUNTEERS}/${first.id}`, undefined, w.team2.leader), 403);
  assert.equal(audits('volunteer.team_leave', first.id).length, 1);
  // And they may rejoin: a new membership row.
  const back = await w.api('POST', `${VOLUNTEERS}/${first.id}/teams`, { team_id: w.team2.id }, 201, w.team2.leader);
  assert.equal(back.teams.filter((t) => t.id === w.team2.id).length, 2);
});

test('minors need a guardian\'s consent; under 14 is refused', async () => {
  const young = w.volunteerBody(w.team, { birth_date: '2010-03-01' }); // 16 today
  assertProblem(await w.send('POST', VOLUNTEERS, young, w.team.leader), 422, { field: 'guardian_consent' });
  const consent = { guardian_name: '王芳', guardian_phone: '13835876666', relation: '母亲' };
  const minor = await w.api('POST', VOLUNTEERS, { ...young, guardian_consent: consent }, 201, w.team.leader);
  assert.equal(minor.minor, true);
  assert.equal(minor.age, 16);
  assert.deepEqual(minor.guardian_consent, { ...consent, recorded_by: w.team.leader.user.id, recorded_at: minor.created_at });
  assert.equal(audits('volunteer.create', minor.id)[0].detail.minor, true);
  // The consent may not be taken away while they are a minor.
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${minor.id}`, { guardian_consent: null }, w.team.leader), 422, { field: 'guardian_consent' });
  // 14 today is enough; 13 (14 tomorrow) is not.
  const thirteen = await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team, { birth_date: '2012-12-08', guardian_consent: consent }), w.team.leader);
  assertProblem(thirteen, 422, { field: 'birth_date' });
  assert.match(thirteen.text, /志愿者须年满14周岁/);
  await w.api('POST', VOLUNTEERS, w.volunteerBody(w.team, { birth_date: '2012-12-07', guardian_consent: consent }), 201, w.team.leader);
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team, { birth_date: '2027-01-01' }), w.team.leader), 422, { field: 'birth_date' });
  // A retiree born before 1970 is registered (birth dates go back to 1900), not before 1900.
  const retiree = await w.newVolunteer(w.team, { birth_date: '1958-03-02' });
  assert.equal(retiree.age, 68);
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team, { birth_date: '1899-12-31' }), w.team.leader), 422, { field: 'birth_date' });
  const bad = await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team, { birth_date: '2010-03-01', guardian_consent: { ...consent, guardian_phone: '12', extra: 1 } }), w.team.leader);
  assertProblem(bad, 422);
  assert.ok(bad.body.errors.some((e) => e.field === 'guardian_consent.guardian_phone'), bad.text);
  assert.ok(bad.body.errors.some((e) => e.field === 'guardian_consent.extra'), bad.text);
});

test('an edit: the changed fields audited by name, the rules checked again, 409 on another\'s ID', async () => {
  const v = await w.newVolunteer(w.team, { name: '孙强' });
  const other = await w.newVolunteer(w.team, { name: '周敏' });
  const edited = await w.api('PUT', `${VOLUNTEERS}/${v.id}`, {
    name: '孙强强', insurance_until: null, skills: ['驾驶'], phone: '13835870000', status: 'active',
  }, 200, w.team.leader);
  assert.equal(edited.name, '孙强强');
  assert.deepEqual(edited.skills, ['驾驶']);
  assert.equal(edited.insured_today, false);
  assert.equal(edited.volunteer_no, v.volunteer_no);
  const updates = audits('volunteer.update', v.id);
  assert.deepEqual(updates[0].detail, { changed: ['name', 'phone', 'skills'] }); // status and insurance unchanged
  // An admin edits too; another team's leader and a resident may not.
  await w.api('PUT', `${VOLUNTEERS}/${v.id}`, { status: 'left' }, 200, w.admin);
  assert.deepEqual(audits('volunteer.update', v.id)[1].detail, { changed: ['status'] });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { name: '某' }, w.team2.leader), 403);
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { name: '某' }, w.resident), 403);
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { name: '某' }), 401);
  // Another volunteer's ID: 409 naming them; a bad shape, null where none may be, the number: 422.
  const taken = await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { id_number: other.id_number }, w.team.leader);
  assertProblem(taken, 409, { code: 'already_registered' });
  assert.equal(taken.body.volunteer_id, other.id);
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { id_number: '1234' }, w.team.leader), 422, { field: 'id_number' });
  await w.api('PUT', `${VOLUNTEERS}/${v.id}`, { id_type: 'passport', id_number: 'E12345678' }, 200, w.team.leader);
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { name: null }, w.team.leader), 422, { field: 'name' });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { volunteer_no: 'V00000001' }, w.team.leader), 422, { field: 'volunteer_no' });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { team_id: w.team2.id }, w.team.leader), 422, { field: 'team_id' });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { status: 'gone' }, w.team.leader), 422, { field: 'status' });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/${v.id}`, { user_id: 999999 }, w.team.leader), 422, { field: 'user_id' });
  assertProblem(await w.send('PUT', `${VOLUNTEERS}/999999`, { name: '某' }, w.team.leader), 404);
  assert.equal(audits('volunteer.update', v.id).length, 3);
});

test('a team\'s list: current members by name, q and status, one audited read naming the ids', async () => {
  const team = await w.api('POST', `${API}/organisations`, { kind: 'volunteer_team', name: '青年志愿队' }, 201);
  const a = await w.newVolunteer(team.id, { name: '阿明' }, w.admin);
  const b = await w.newVolunteer(team.id, { name: '阿华' }, w.admin);
  const c = await w.newVolunteer(team.id, { name: '大伟' }, w.admin);
  await w.api('PUT', `${VOLUNTEERS}/${c.id}`, { status: 'left' }, 200, w.admin);
  const all = await w.api('GET', `${VOLUNTEERS}?team_id=${team.id}`, undefined, 200, w.admin);
  assert.deepEqual(new Set(all.items.map((v) => v.id)), new Set([a.id, b.id, c.id]));
  assert.ok(all.items.every((v) => v.id_number.includes('*')), 'admins see the IDs masked');
  const active = await w.api('GET', `${VOLUNTEERS}?team_id=${team.id}&status=active`, undefined, 200, w.admin);
  assert.deepEqual(new Set(active.items.map((v) => v.id)), new Set([a.id, b.id]));
  const q = await w.api('GET', `${VOLUNTEERS}?team_id=${team.id}&q=${encodeURIComponent('阿')}`, undefined, 200, w.admin);
  assert.deepEqual(new Set(q.items.map((v) => v.id)), new Set([a.id, b.id]));
  const byNo = await w.api('GET', `${VOLUNTEERS}?team_id=${team.id}&q=${c.volunteer_no.toLowerCase()}`, undefined, 200, w.admin);
  assert.deepEqual(byNo.items.map((v) => v.id), [c.id]);
  const none = await w.api('GET', `${VOLUNTEERS}?team_id=${team.id}&q=%25`, undefined, 200, w.admin);
  assert.deepEqual(none.items, []);
  const lists = audits('personal_data.read', team.id, 'volunteer_list');
  assert.equal(lists.length, 4); // the empty answer reads nobody
  assert.deepEqual(new Set(lists[0].detail.ids), new Set([a.id, b.id, c.id]));
  assert.equal(lists[0].detail.purpose, 'volunteer');
  // The leader's list of their own team shows the IDs whole.
  const mine = await w.api('GET', `${VOLUNTEERS}?team_id=${w.team.id}`, undefined, 200, w.team.leader);
  assert.ok(mine.items.some((v) => v.id === w.volunteer.id && v.id_number === w.volunteer.id_number));
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${team.id}`, undefined, w.team.leader), 403);
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${team.id}`, undefined, w.organiser.staff), 403);
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${team.id}`, undefined, w.resident), 403);
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${team.id}`), 401);
  assertProblem(await w.send('GET', VOLUNTEERS, undefined, w.admin), 422, { field: 'team_id' });
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=abc`, undefined, w.admin), 422, { field: 'team_id' });
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${w.organiser.id}`, undefined, w.admin), 422, { field: 'team_id' });
  assertProblem(await w.send('GET', `${VOLUNTEERS}?team_id=${team.id}&status=gone`, undefined, w.admin), 422, { field: 'status' });
});

test('bad registrations: malformed JSON, wrong types, unknown fields, an oversize body, unknown teams, who may not', async () => {
  const volunteers = w.count('SELECT COUNT(*) FROM volunteers;');
  assertProblem(await raw('POST', VOLUNTEERS, '{"name": ', w.team.leader), 400);
  assertProblem(await raw('POST', VOLUNTEERS, '[1]', w.team.leader), 400);
  const cases = [
    [{ name: 5 }, 'name'], [{ name: '' }, 'name'], [{ name: '长'.repeat(41) }, 'name'],
    [{ phone: '12345' }, 'phone'], [{ id_type: 'card' }, 'id_type'], [{ id_number: '14110219800101001Y' }, 'id_number'],
    [{ id_number: '1411021980010100' }, 'id_number'], [{ birth_date: '1980-02-30' }, 'birth_date'],
    [{ gender: 'other' }, 'gender'], [{ skills: 'cleaning' }, 'skills'], [{ skills: [''] }, 'skills[0]'],
    [{ skills: Array(21).fill('a') }, 'skills'], [{ availability: 'x'.repeat(201) }, 'availability'],
    [{ trainings: [{ name: '急救' }] }, 'trainings[0].completed_on'], [{ trainings: [1] }, 'trainings[0]'],
    [{ insurance_until: 'soon' }, 'insurance_until'], [{ public_name: 'yes' }, 'public_name'],
    [{ user_id: 'me' }, 'user_id'], [{ user_id: 999999 }, 'user_id'], [{ team_id: '1' }, 'team_id'],
    [{ team_id: 999999 }, 'team_id'], [{ team_id: w.organiser.id }, 'team_id'], [{ volunteer_no: 'V12345678' }, 'volunteer_no'],
    [{ status: 'active' }, 'status'],
  ];
  for (const [change, field] of cases) {
    assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team, change), w.team.leader), 422, { field });
  }
  const missing = await w.send('POST', VOLUNTEERS, { team_id: w.team.id }, w.team.leader);
  assertProblem(missing, 422);
  for (const f of ['name', 'phone', 'id_type', 'id_number', 'birth_date']) assert.ok(missing.body.errors.some((e) => e.field === f), f);
  const big = await rawRequest(new URL(w.srv.url).port, `POST ${VOLUNTEERS} HTTP/1.1\r\nHost: localhost\r\n`
    + `Authorization: Bearer ${w.team.leader.token}\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  // Another team's leader, an organiser's worker, a resident, anonymous.
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team), w.team2.leader), 403);
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team), w.organiser.staff), 403);
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team), w.resident), 403);
  assertProblem(await w.send('POST', VOLUNTEERS, w.volunteerBody(w.team)), 401);
  // Joining: bad bodies, unknown ids.
  assertProblem(await w.send('POST', `${VOLUNTEERS}/${w.volunteer.id}/teams`, {}, w.team2.leader), 422, { field: 'team_id' });
  assertProblem(await w.send('POST', `${VOLUNTEERS}/${w.volunteer.id}/teams`, { team_id: w.team2.id, x: 1 }, w.team2.leader), 422, { field: 'x' });
  assertProblem(await w.send('POST', `${VOLUNTEERS}/${w.volunteer.id}/teams`, { team_id: 999999 }, w.admin), 422, { field: 'team_id' });
  assertProblem(await w.send('POST', `${VOLUNTEERS}/999999/teams`, { team_id: w.team2.id }, w.team2.leader), 404);
  assertProblem(await raw('POST', `${VOLUNTEERS}/${w.volunteer.id}/teams`, '{', w.team2.leader), 400);
  assertProblem(await w.send('DELETE', `${VOLUNTEERS}/${w.volunteer.id}/teams/999999`, undefined, w.admin), 404);
  assertProblem(await w.send('DELETE', `${VOLUNTEERS}/999999/teams/${w.team.id}`, undefined, w.team.leader), 404);
  assertProblem(await w.send('GET', `${VOLUNTEERS}/999999`, undefined, w.admin), 404);
  assertProblem(await w.send('GET', `${VOLUNTEERS}/abc`, undefined, w.admin), 404);
  assert.equal(w.count('SELECT COUNT(*) FROM volunteers;'), volunteers);
});

test('the teams: the public list with community, parent and active volunteers; their facts set by their admins', async () => {
  const list = await w.api('GET', TEAMS, undefined, 200, null);
  const xiyang = list.items.find((t) => t.id === w.team.id);
  assert.deepEqual({ ...xiyang, volunteers: 0 }, {
    id: w.team.id, name: '夕阳红志愿队', community: { id: w.community.sty, name: '生态园' },
    parent: { id: w.organiser.id, name: '生态园社区' }, volunteers: 0, responsible_person: '王建华', contact_phone: '0358-8221234',
  });
  assert.equal(xiyang.volunteers, w.count(`SELECT COUNT(*) FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id WHERE m.team_org_id = ${w.team.id} AND m.left_at IS NULL AND v.status = 'active';`));
  assert.ok(xiyang.volunteers >= 2);
  assert.ok(list.items.every((t) => !('phone' in t) && !('members' in t)));

  const url = `${TEAMS}/${w.team2.id}`;
  const set = await w.api('PUT', url, { responsible_person: '李红梅' }, 200, w.team2.leader);
  assert.equal(set.responsible_person, '李红梅');
  assert.equal(set.contact_phone, '13835873333');
  assert.deepEqual(audits('volunteer_team.update', w.team2.id, 'organisation').at(-1).detail, { changed: ['responsible_person'] });
  const noParent = await w.api('PUT', url, { parent_org_id: null }, 200, w.admin);
  assert.equal(noParent.parent, null);
  assert.equal(noParent.community, null);
  await w.api('PUT', url, { parent_org_id: w.hwOrg.id }, 200, w.team2.leader);
  assertProblem(await w.send('PUT', url, { responsible_person: '某' }, w.team.leader), 403);
  assertProblem(await w.send('PUT', url, { responsible_person: '某' }, w.organiser.staff), 403);
  assertProblem(await w.send('PUT', url, { responsible_person: '某' }, w.resident), 403);
  assertProblem(await w.send('PUT', url, { responsible_person: '某' }), 401);
  assertProblem(await w.send('PUT', url, { contact_phone: '110' }, w.team2.leader), 422, { field: 'contact_phone' });
  assertProblem(await w.send('PUT', url, { responsible_person: '' }, w.team2.leader), 422, { field: 'responsible_person' });
  assertProblem(await w.send('PUT', url, { responsible_person: null }, w.team2.leader), 422, { field: 'responsible_person' });
  assertProblem(await w.send('PUT', url, { parent_org_id: w.team2.id }, w.team2.leader), 422, { field: 'parent_org_id' });
  assertProblem(await w.send('PUT', url, { parent_org_id: 999999 }, w.team2.leader), 422, { field: 'parent_org_id' });
  assertProblem(await w.send('PUT', url, { name: '改名' }, w.team2.leader), 422, { field: 'name' });
  assertProblem(await raw('PUT', url, '{"responsible_person": 1', w.team2.leader), 400);
  assertProblem(await w.send('PUT', `${TEAMS}/999999`, {}, w.admin), 404);
  assertProblem(await w.send('PUT', `${TEAMS}/${w.organiser.id}`, {}, w.admin), 404);
  const after = (await w.api('GET', TEAMS, undefined, 200, null)).items.find((t) => t.id === w.team2.id);
  assert.deepEqual(after.parent, { id: w.hwOrg.id, name: '后瓦社区' });
  assert.deepEqual(after.community, { id: w.community.hw, name: '后瓦' });
});
