// Grid teams (issue 16, part 3): a community worker and a volunteer of one
// grid with a duty rota; an elder paired with a team (结对帮扶); the team on
// duty for her now with the reason; and the team's access to her record —
// her team, her community's workers and admins see it whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const TEAMS = '/api/v1/elder-teams';
const API = '/api/v1/elders';
let w;
let volunteer2;
before(async () => {
  w = await startEldercareWorld();
  volunteer2 = await w.srv.createUser(w.admin, 'zhiyuanzhe2', 'volunteer');
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const teamBody = (extra = {}) => ({
  grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
  volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7', ...extra,
});

test('a team is formed, paired with an elder, on duty for her, and reads her record', async () => {
  const { callers: c } = w;
  const elder = await w.createElder();
  const onDuty = () => get(`${API}/${elder.id}/on-duty`, c.workerSty);
  assert.deepEqual((await onDuty()).body.reason, 'none_on_duty');
  assert.equal((await onDuty()).body.team, null);

  const made = await send('POST', TEAMS, teamBody(), c.workerGrid);
  assert.equal(made.status, 201, made.text);
  const team = made.body;
  assert.equal(team.community_id, w.area['BH-STY']);
  assert.equal(team.rota, '24/7');
  // Nobody on duty but a team that never rests: the unpaired elder gets it.
  let now = await onDuty();
  assert.equal(now.body.reason, 'no_team_paired');
  assert.equal(now.body.team.id, team.id);

  // Before pairing the volunteer sees nothing; after it, the whole record.
  assertProblem(await get(`${API}/${elder.id}`, c.volunteer), 403);
  const paired = await send('PUT', `${API}/${elder.id}/team`, { team_id: team.id }, c.workerSty);
  assert.equal(paired.status, 200, paired.text);
  assert.equal(paired.body.team_id, team.id);
  const seen = await get(`${API}/${elder.id}`, c.volunteer);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.view, 'full');
  assert.equal(seen.body.name, '张桂兰');
  assert.equal(Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${c.volunteer.user.id}`)), 1);
  assertProblem(await get(`${API}/${elder.id}`, volunteer2), 403);
  now = await get(`${API}/${elder.id}/on-duty`, c.volunteer);
  assert.equal(now.body.reason, 'her_team');
  assert.equal(now.body.her_team_id, team.id);
  assertProblem(await get(`${API}/${elder.id}/on-duty`, volunteer2), 403);
  assertProblem(await get(`${API}/${elder.id}/on-duty`, c.workerHw), 403);

  // Her team off duty (a rota that is never open now), another on duty.
  const night = await send('POST', TEAMS, teamBody({ name: '夜班组', rota: 'off', volunteer_user_id: volunteer2.user.id }), c.admin);
  assert.equal(night.status, 201, night.text);
  assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: night.body.id }, c.workerGrid)).status, 200);
  now = await onDuty();
  assert.equal(now.body.reason, 'her_team_off_duty');
  assert.equal(now.body.team.id, team.id);
  assert.equal(now.body.her_team_id, night.body.id);
  assertProblem(await get(`${API}/${elder.id}`, c.volunteer), 403, undefined);

  // Lists, unpairing, history.
  const listed = await get(`${TEAMS}?community_id=${w.area['BH-STY']}`, c.workerSty);
  assert.deepEqual(listed.body.items.map((t) => t.id), [team.id, night.body.id]);
  assert.deepEqual((await get(TEAMS, c.workerHw)).body.items, []);
  assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: null }, c.workerGrid)).body.team_id, null);
  const out = await get(`${API}/${elder.id}/export`, c.admin);
  assert.deepEqual(out.body.history.map((e) => e.action), ['create', 'pair', 'pair', 'pair']);
});

test('who may form teams and pair; bad input', async () => {
  const { callers: c } = w;
  for (const who of ['workerHw', 'workerBh', 'workerDistrict']) assertProblem(await send('POST', TEAMS, teamBody(), c[who]), 403);
  for (const who of ['volunteer', 'keeper', 'department', 'resident']) {
    assertProblem(await send('POST', TEAMS, teamBody(), c[who]), 403);
    assertProblem(await get(TEAMS, c[who]), 403);
  }
  assertProblem(await send('POST', TEAMS, teamBody({ grid_id: w.area['BH-STY'] }), c.admin), 422, 'grid_id');
  assertProblem(await send('POST', TEAMS, teamBody({ grid_id: 999999 }), c.admin), 422, 'grid_id');
  assertProblem(await send('POST', TEAMS, teamBody({ worker_user_id: volunteer2.user.id }), c.admin), 422, 'worker_user_id');
  assertProblem(await send('POST', TEAMS, teamBody({ volunteer_user_id: w.callers.resident.user.id }), c.admin), 422, 'volunteer_user_id');
  assertProblem(await send('POST', TEAMS, teamBody({ volunteer_user_id: 999999 }), c.admin), 422, 'volunteer_user_id');
  assertProblem(await send('POST', TEAMS, teamBody({ rota: 'weekdays 9 to 5' }), c.admin), 422, 'rota');
  assertProblem(await send('POST', TEAMS, teamBody({ phone: '12345' }), c.admin), 422, 'phone');
  assertProblem(await send('POST', TEAMS, teamBody({ grid_id: 'one' }), c.admin), 422, 'grid_id');
  assertProblem(await send('POST', TEAMS, teamBody({ leader: 1 }), c.admin), 422, 'leader');
  assertProblem(await w.srv.fetch(TEAMS, { method: 'POST', token: c.admin.token, body: '{"grid_id": ', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await w.srv.fetch(TEAMS, { method: 'POST', token: c.admin.token, body: JSON.stringify(teamBody({ name: 'x'.repeat(5000) })), headers: { 'content-type': 'application/json' } }), 413);
  assertProblem(await get(`${TEAMS}?community_id=x`, c.admin), 422, 'community_id');
  // Pairing: a team of another community, no team, unknown elder, missing field.
  const elder = await w.createElder();
  const hwGrid = await send('POST', '/api/v1/areas', {
    level: 'grid', name: '后瓦第一网格', code: 'BH-HW-1', parent_id: w.area['BH-HW'],
    boundary: { type: 'Polygon', coordinates: [[[111.12, 37.50], [111.13, 37.50], [111.13, 37.52], [111.12, 37.52], [111.12, 37.50]]] },
  }, c.admin);
  assert.equal(hwGrid.status, 201, hwGrid.text);
  const other = await send('POST', TEAMS, teamBody({ grid_id: hwGrid.body.id, name: '后瓦组' }), c.admin);
  assert.equal(other.status, 201, other.text);
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, { team_id: other.body.id }, c.admin), 422, 'team_id');
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, { team_id: 999999 }, c.admin), 422, 'team_id');
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, {}, c.admin), 422, 'team_id');
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, { team_id: 'x' }, c.admin), 422, 'team_id');
  assertProblem(await send('PUT', `${API}/999999/team`, { team_id: null }, c.admin), 404);
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, { team_id: null }, c.workerBh), 403);
  assertProblem(await get(`${API}/999999/on-duty`, c.admin), 404);
});

test('a volunteer lists the elders paired with her team(s), whole, and no others', async () => {
  const { callers: c } = w;
  const v3 = await w.srv.createUser(w.admin, 'zhiyuanzhe3', 'volunteer');
  const v4 = await w.srv.createUser(w.admin, 'zhiyuanzhe4', 'volunteer');
  const alone = await w.srv.createUser(w.admin, 'zhiyuanzhe5', 'volunteer');  // on no team
  const team = async (name, v) => {
    const r = await send('POST', TEAMS, teamBody({ name, volunteer_user_id: v.user.id }), c.admin);
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  const mine = await team('三号组', v3);
  const mine2 = await team('三号组夜班', v3);  // her second team
  const theirs = await team('四号组', v4);
  const a = await w.createElder({ name: '李秀兰' });
  const b = await w.createElder({ name: '赵月娥', risk_tier: 'general' });
  const other = await w.createElder({ name: '孙玉珍' });
  const unpaired = await w.createElder({ name: '钱凤英' });
  const pair = async (elder, teamId) => assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: teamId }, c.admin)).status, 200);
  await pair(a, mine);
  await pair(b, mine2);
  await pair(other, theirs);

  const reads = (who) => w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${who.user.id} ORDER BY id`)
    .split('\n').filter(Boolean).map((d) => JSON.parse(d));
  const list = async (who, query = '') => {
    const r = await get(`${API}${query}`, who);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  const hers = await list(v3);
  assert.deepEqual(hers.items.map((e) => e.id), [b.id, a.id], 'her two teams\' elders, newest first');
  assert.ok(hers.items.every((e) => e.view === 'full' && e.phones.length === 2 && e.address.includes('101')));
  assert.deepEqual(hers.items.map((e) => e.name), ['赵月娥', '李秀兰']);
  assert.equal(hers.next_cursor, null);
  // One audit row for the page, naming the elders it showed.
  assert.deepEqual(reads(v3).map((d) => [d.ids, d.purpose]), [[[b.id, a.id], 'list']]);

  assert.deepEqual((await list(v4)).items.map((e) => e.id), [other.id]);
  assert.deepEqual(reads(v4).map((d) => d.ids), [[other.id]]);
  // A volunteer on no team sees none, and nothing personal was read.
  assert.deepEqual((await list(alone)).items, []);
  assert.deepEqual(reads(alone), []);
  assert.ok(![a, b, other].some((e) => e.id === unpaired.id));

  // The filters and pages narrow her list as anybody's.
  assert.deepEqual((await list(v3, '?risk_tier=general')).items.map((e) => e.id), [b.id]);
  assert.deepEqual((await list(v3, '?state=closed')).items, []);
  const first = await list(v3, '?limit=1');
  assert.deepEqual(first.items.map((e) => e.id), [b.id]);
  assert.ok(first.next_cursor);
  assert.deepEqual((await list(v3, `?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`)).items.map((e) => e.id), [a.id]);
  assertProblem(await get(`${API}?risk_tier=urgent`, v3), 422, 'risk_tier');
  assertProblem(await get(`${API}?community_id=x`, v3), 422, 'community_id');

  // Unpaired, she no longer lists her; the team's worker still does, by his grid.
  await pair(b, null);
  assert.deepEqual((await list(v3)).items.map((e) => e.id), [a.id]);
  assert.ok((await list(c.workerGrid)).items.some((e) => e.id === b.id));
  // Other roles still may not list elders.
  for (const who of ['keeper', 'department', 'resident']) assertProblem(await get(API, c[who]), 403);
  assertProblem(await w.srv.fetch(API), 401);
});

test('her team sees her whole but changes only what its members serve; a move to another community ends the pairing; withdrawn health details leave no copy', async () => {
  const { callers: c } = w;
  const needs = { diet: '低盐', mobility: '拄拐', hearing: '左耳弱', medicines: ['硝苯地平'] };
  const elder = await w.createElder({ name: '周淑珍', needs, health_consent: { basis: 'consent', note: '本人同意' } });
  // 后瓦's worker on a team of 生态园's grid (the second seat may be a worker).
  const cross = await send('POST', TEAMS, teamBody({ name: '跨社区组', volunteer_user_id: c.workerHw.user.id }), c.admin);
  assert.equal(cross.status, 201, cross.text);
  assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: cross.body.id }, c.admin)).status, 200);
  const seen = await get(`${API}/${elder.id}`, c.workerHw);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.view, 'full');
  assertProblem(await send('PATCH', `${API}/${elder.id}`, { risk_tier: 'general' }, c.workerHw), 403);
  assertProblem(await send('POST', `${API}/${elder.id}/close`, { reason: 'moved_out' }, c.workerHw), 403);
  assertProblem(await get(`${API}/${elder.id}/export`, c.workerHw), 403);
  assertProblem(await send('POST', `${API}/${elder.id}/card`, { committee_phone: '0358-8221234', team_phone: '13903580001' }, c.workerHw), 403);
  assertProblem(await get(`${API}/${elder.id}/card.svg`, c.workerHw), 403);
  assertProblem(await send('PUT', `${API}/${elder.id}/team`, { team_id: null }, c.workerHw), 403);

  // Consent to health details withdrawn: the details go, and neither her
  // history nor the audit log keeps a copy of them.
  const withdrawn = await send('PATCH', `${API}/${elder.id}`, { health_consent: null }, c.admin);
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.body.needs, null);
  const exported = await get(`${API}/${elder.id}/export`, c.admin);
  assert.equal(exported.status, 200, exported.text);
  assert.ok(!exported.text.includes('硝苯地平') && !exported.text.includes('低盐'), exported.text);
  const correction = exported.body.history.find((e) => e.action === 'correct');
  assert.deepEqual(correction.detail.fields.needs, { changed: true });
  const audits = w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'elder.correct' AND subject_id = '${elder.id}'`);
  assert.ok(audits.includes('needs') && !audits.includes('硝苯地平') && !audits.includes('本人同意'), audits);

  // The masked view says nothing of health consent or the notes.
  const masked = await get(`${API}/${elder.id}`, c.workerBh);
  assert.equal(masked.body.view, 'masked');
  assert.equal(masked.body.consent.note, null);
  assert.equal(masked.body.health_consent, null);

  // Moved to 后瓦: the 生态园 team no longer serves her, nor sees her.
  const hw2 = await send('POST', '/api/v1/areas', {
    level: 'grid', name: '后瓦第二网格', code: 'BH-HW-2', parent_id: w.area['BH-HW'],
    boundary: { type: 'Polygon', coordinates: [[[111.13, 37.50], [111.14, 37.50], [111.14, 37.52], [111.13, 37.52], [111.13, 37.50]]] },
  }, c.admin);
  assert.equal(hw2.status, 201, hw2.text);
  const v6 = await w.srv.createUser(w.admin, 'zhiyuanzhe6', 'volunteer');
  const styTeam = await send('POST', TEAMS, teamBody({ name: '生态园六号组', volunteer_user_id: v6.user.id }), c.admin);
  assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: styTeam.body.id }, c.admin)).status, 200);
  assert.equal((await get(`${API}/${elder.id}`, v6)).status, 200);
  const moved = await send('PATCH', `${API}/${elder.id}`, { lat: 37.51, lon: 111.135 }, c.admin);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.community_id, w.area['BH-HW']);
  assert.equal(moved.body.team_id, null);
  assertProblem(await get(`${API}/${elder.id}`, v6), 403);
  const history = (await get(`${API}/${elder.id}/export`, c.admin)).body.history;
  assert.deepEqual(history.at(-1).detail.fields.team_id, { old: styTeam.body.id, new: null });
});
