// The volunteers' tests' world (tests/http/volunteers_*.test.mjs;
// docs/volunteers.md): a server whose clock starts on a Monday morning, the
// areas of 滨河 (生态园 and 后瓦), and
//   - w.team: 夕阳红志愿队 (a volunteer_team organisation) with its leader
//     w.team.leader (xiyang, role volunteer, a member of it), its parent the
//     organisation 生态园社区 (so its community is 生态园), responsible
//     person 王建华, contact phone 0358-8221234;
//   - w.team2: 蒲公英志愿队 with its leader w.team2.leader (pugongying, role
//     worker): the staff of ANOTHER team; its parent w.hwOrg (后瓦社区);
//   - w.organiser: 生态园社区 (a community organisation) with its worker
//     w.organiser.staff (styworker), and its activity 清理小广告 with one
//     occurrence in the future (w.occurrence.future, Saturday 2026-12-12
//     09:00–11:00) and one today (w.occurrence.today, 14:00–16:00);
//   - w.person: a resident (zhangsan, 张三, 13835871111) signed in, who is
//     the volunteer w.volunteer (registered into w.team through
//     POST /api/v1/volunteers with user_id: the volunteer view as the
//     leader saw it);
//   - w.admin and w.resident (李毅, no volunteer).
// Helpers:
//   w.login(username, password)            → a login ({token, user, …})
//   w.api(method, path, body, expect, who)  → the body; asserts the status
//                                             (who: a login or a token)
//   w.send(method, path, body, who)         → the whole answer, no assertion
//   w.newVolunteer(team, fields, who)       → a new volunteer's view, made by
//                                             the team's leader (or `who`) in
//                                             `team` (w.team or w.team2, or
//                                             an id) with a fresh resident ID
//   w.volunteerBody(team, fields)           → that body, not sent
//   w.residentId(birth)                     → a fresh resident ID number
//   w.count(sql)                            → a number from the database
// Each builder asserts its own answer.
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './server.mjs';
import { binhe } from './areas_geojson.mjs';

export const NOW = '2026-12-07T09:00:00+08:00'; // a Monday morning
export const TODAY = '2026-12-07';
export const FUTURE_DAY = '2026-12-12';
export const API = '/api/v1';
export const VOLUNTEERS = `${API}/volunteers`;
export const TEAMS = `${API}/volunteer-teams`;
export const PERSON = {
  username: 'zhangsan', password: 'resident-pass-7', role: 'resident', display_name: '张三', phone: '13835871111',
};

export async function startVolunteerWorld({ now = NOW, args = [], users = [] } = {}) {
  const base = await startWithAdminAndResident({
    now, users: [PERSON, ...users], args: ['--activities-sweep-seconds', '0', ...args],
  });
  try {
    return await buildWorld(base);
  } catch (e) {
    // A builder's failure: the server goes with it (no test would stop it).
    await base.srv.stop();
    base.srv.cleanup();
    throw e;
  }
}

async function buildWorld(base) {
  const { srv, admin } = base;
  const w = { ...base, seq: 0 };
  w.login = (username, password) => srv.login(username, password);
  const tokenOf = (who) => (typeof who === 'string' ? who : who?.token);
  w.send = (method, path, body, who) => srv.fetch(path, { method, json: body, token: tokenOf(who) });
  w.api = async (method, path, body, expect = 200, who = admin) => {
    const r = await w.send(method, path, body, who);
    assert.equal(r.status, expect, `${method} ${path}: ${r.text}`);
    return r.body;
  };
  w.count = (q) => Number(srv.sql(q));

  const imported = await w.api('POST', `${API}/areas/import`, binhe(), 200);
  const area = Object.fromEntries(imported.items.map((a) => [a.code, a.id]));
  w.community = { sty: area['BH-STY'], hw: area['BH-HW'] };
  const org = async (kind, name, area_id) => (await w.api('POST', `${API}/organisations`, { kind, name, area_id }, 201)).id;

  // A volunteer_team organisation gets no area from POST /organisations (only
  // community, sub-district and grid organisations serve one): each team
  // belongs to its community through its parent, the community's organisation.
  w.organiser = { id: await org('community', '生态园社区', w.community.sty), name: '生态园社区' };
  w.organiser.staff = await srv.createUser(admin, 'styworker', 'worker', [w.organiser.id]);
  w.hwOrg = { id: await org('community', '后瓦社区', w.community.hw), name: '后瓦社区' };
  w.team = { id: await org('volunteer_team', '夕阳红志愿队'), name: '夕阳红志愿队' };
  w.team.leader = await srv.createUser(admin, 'xiyang', 'volunteer', [w.team.id]);
  w.team2 = { id: await org('volunteer_team', '蒲公英志愿队'), name: '蒲公英志愿队' };
  w.team2.leader = await srv.createUser(admin, 'pugongying', 'worker', [w.team2.id]);
  await w.api('PUT', `${TEAMS}/${w.team.id}`, { parent_org_id: w.organiser.id, responsible_person: '王建华', contact_phone: '0358-8221234' }, 200, w.team.leader);
  await w.api('PUT', `${TEAMS}/${w.team2.id}`, { parent_org_id: w.hwOrg.id, responsible_person: '李红', contact_phone: '13835873333' }, 200, w.team2.leader);

  const activity = async (first_date, start_time, duration_minutes) => {
    const made = await w.api('POST', `${API}/activities`, {
      title: '清理小广告', description: '清理楼道和电线杆上的小广告', address: '生态园小区 3 号楼', capacity: 50,
      first_date, start_time, duration_minutes, repeat: 'none',
    }, 201, w.organiser.staff);
    return { activity_id: made.activity.id, ...made.occurrences[0] };
  };
  w.occurrence = {
    future: await activity(FUTURE_DAY, '09:00', 120),
    today: await activity(TODAY, '14:00', 120),
  };

  w.residentId = (birth = '1980-01-01') => {
    w.seq += 1;
    return `141102${birth.replace(/-/g, '')}${String(w.seq % 1000).padStart(3, '0')}X`;
  };
  w.volunteerBody = (team = w.team, fields = {}) => {
    const birth = fields.birth_date || '1980-01-01';
    return {
      team_id: typeof team === 'number' ? team : team.id,
      name: `志愿者${w.seq + 1}`, phone: '13835872222', id_type: 'resident_id', id_number: w.residentId(birth),
      birth_date: birth, ...fields,
    };
  };
  w.newVolunteer = (team = w.team, fields = {}, who) => {
    const leader = who || (typeof team === 'number' ? admin : team.leader);
    return w.api('POST', VOLUNTEERS, w.volunteerBody(team, fields), 201, leader);
  };

  w.person = await srv.login(PERSON.username, PERSON.password);
  w.volunteer = await w.newVolunteer(w.team, {
    name: '张三', phone: PERSON.phone, user_id: w.person.user.id, birth_date: '1975-06-01',
    skills: ['清洁'], insurance_until: '2027-06-30',
  });
  return w;
}

// A problem answer: its status, its media type and, when given, the field
// the 422 names and the refusal's code (`error`, and `code` as the contract
// names it).
export function assertProblem(res, status, { field, code } = {}) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) {
    assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
    assert.equal(res.body.field, field, res.text);
  }
  if (code) assert.equal(res.body.error, code, res.text);
}
