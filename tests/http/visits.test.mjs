// Visits (探访关爱, issue 16's visits): a visit restarts the elder's interval
// by tier; a reported change makes a visit due within 24 hours; "nobody
// answers" opens an escalation (each emergency contact, the duty phone,
// resolved) whose clock puts it on the overdue list; the due lists per team
// and community; the monthly visit rate per community; who may do what, and
// an audit row per personal-data read. The server runs on the test clock at
// 2026-06-01 10:00 +08:00 (a Monday).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const NOW = '2026-06-01T10:00:00+08:00';
const API = '/api/v1/elders';
const DUE = '/api/v1/visits/due';
let w;
let team;
let volunteer2;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  volunteer2 = await w.srv.createUser(w.admin, 'zhiyuanzhe2', 'volunteer');
  const made = await send('POST', '/api/v1/elder-teams', {
    grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
    volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7',
  }, w.admin);
  assert.equal(made.status, 201, made.text);
  team = made.body.id;
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const ago = (minutes) => new Date(Date.parse(NOW) - minutes * 60000).toISOString().replace('Z', '+00:00');
const visit = (elder, body, who = w.callers.workerGrid) => send('POST', `${API}/${elder.id}/visits`, body, who);
const step = (visitId, body, who = w.callers.workerGrid) => send('POST', `/api/v1/visits/${visitId}/escalation`, body, who);
const count = (q) => Number(w.srv.sql(q));
const dueOf = async (query, who, elderId) => {
  const r = await get(`${DUE}?${query}`, who);
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((i) => i.elder.id === elderId);
};

test('a visit sets the next due by tier; a change makes one due within 24 hours', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ name: '张桂兰' });
  // Never visited: weekly (high) from the day her record was opened.
  let list = await get(`${API}/${elder.id}/visits`, c.workerGrid);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items, []);
  assert.equal(list.body.due.reason, 'first_visit');
  assert.equal(list.body.due.due_from, '2026-06-08T00:00:00+08:00');
  assert.equal(list.body.due.state, 'not_yet');

  const seen = await visit(elder, { how: 'home', outcome: 'seen_well', findings: '精神好，冰箱有菜', visited_at: ago(120) });
  assert.equal(seen.status, 201, seen.text);
  assert.equal(seen.body.visited_at, '2026-06-01T08:00:00+08:00');
  assert.equal(seen.body.visited_by, c.workerGrid.user.id);
  assert.equal(seen.body.escalation, null);
  assert.equal(seen.body.findings, '精神好，冰箱有菜');
  assert.deepEqual(seen.body.next_due, {
    due_from: '2026-06-08T00:00:00+08:00', deadline: '2026-06-09T00:00:00+08:00', reason: 'interval', state: 'not_yet', elder_id: elder.id,
  });
  // A priority elder seen today is due in 30 days, a general one in 91.
  const monthly = await w.createElder({ name: '李秀兰', risk_tier: 'priority' });
  assert.equal((await visit(monthly, { how: 'phone', outcome: 'seen_well' })).body.next_due.due_from, '2026-07-01T00:00:00+08:00');
  const quarterly = await w.createElder({ name: '赵月娥', risk_tier: 'general' });
  assert.equal((await visit(quarterly, { how: 'video', outcome: 'concern', findings: '咳嗽' })).body.next_due.due_from, '2026-08-31T00:00:00+08:00');

  // A fall: due at once, overdue 24 hours after the report; on today's list.
  const fall = await send('POST', `${API}/${elder.id}/changes`, { kind: 'fall', note: '浴室滑倒' }, c.workerSty);
  assert.equal(fall.status, 201, fall.text);
  assert.equal(fall.body.due.reason, 'change');
  assert.equal(fall.body.due.state, 'today');
  assert.equal(Date.parse(fall.body.due.deadline) - Date.parse(fall.body.due.due_from), 24 * 3600 * 1000);
  const today = await dueOf(`community_id=${w.area['BH-STY']}&when=today`, c.workerSty, elder.id);
  assert.equal(today.length, 1);
  assert.equal(today[0].due.reason, 'change');
  assert.equal(today[0].overdue, false);
  assert.equal(today[0].elder.name, '张桂兰');
  assert.equal(today[0].last_seen_at, '2026-06-01T08:00:00+08:00');
  assert.deepEqual(await dueOf(`community_id=${w.area['BH-STY']}&when=overdue`, c.workerSty, elder.id), []);
  // Elders seen today and not changed are not due.
  assert.deepEqual(await dueOf(`community_id=${w.area['BH-STY']}`, c.workerSty, monthly.id), []);
  // The history keeps the kind, not the note; the audit log too.
  const history = (await get(`${API}/${elder.id}/export`, c.admin)).body.history;
  assert.deepEqual(history.map((e) => e.action), ['create', 'visit', 'change_report']);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'elder.change_report' AND detail LIKE '%浴室%'`), 0);

  // A visit that sees her ends the change; the week starts again.
  const after = await visit(elder, { how: 'home', outcome: 'concern', findings: '膝盖淤青，已就医' });
  assert.equal(after.status, 201, after.text);
  assert.equal(after.body.next_due.reason, 'interval');
  assert.deepEqual(await dueOf(`community_id=${w.area['BH-STY']}`, c.workerSty, elder.id), []);
  list = await get(`${API}/${elder.id}/visits?limit=1`, c.workerGrid);
  assert.equal(list.body.items.length, 1);
  assert.equal(list.body.items[0].id, after.body.id);
  assert.ok(list.body.next_cursor);
  const rest = await get(`${API}/${elder.id}/visits?limit=5&cursor=${encodeURIComponent(list.body.next_cursor)}`, c.workerGrid);
  assert.deepEqual(rest.body.items.map((v) => v.id), [seen.body.id]);
  assert.equal(rest.body.next_cursor, null);
});

test('nobody answers: the escalation is overdue past its clock, goes step by step, and is resolved', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({
    name: '孙玉珍',
    emergency_contacts: [{ name: '王建国', relation: '儿子', phone: '13900001111' }, { name: '刘芳', relation: '邻居', phone: '13900002222' }],
  });
  // Forty minutes ago nobody answered: the 30-minute clock has run out.
  const none = await visit(elder, { how: 'phone', outcome: 'nobody_answers', visited_at: ago(40) });
  assert.equal(none.status, 201, none.text);
  const esc = none.body.escalation;
  assert.equal(esc.state, 'open');
  assert.equal(esc.deadline, '2026-06-01T09:50:00+08:00');
  assert.equal(esc.overdue, true);
  assert.deepEqual(esc.next_steps, ['contact']);
  // Nobody answering is not a visit: she is still due for her first one.
  assert.equal(none.body.next_due.reason, 'first_visit');
  const overdue = await dueOf(`community_id=${w.area['BH-STY']}&when=overdue`, c.workerGrid, elder.id);
  assert.equal(overdue.length, 1);
  assert.equal(overdue[0].due.reason, 'escalation');
  assert.equal(overdue[0].visit_id, none.body.id);
  assert.equal(overdue[0].overdue, true);
  assert.equal((await dueOf(`team_id=${team}&when=overdue`, c.admin, elder.id)).length, 0, 'she is not paired with the team');

  // Out of order: resolve before anybody was reached, the duty phone before the contacts.
  assertProblem(await step(none.body.id, { kind: 'resolved', result: 'found_well' }), 409);
  assertProblem(await step(none.body.id, { kind: 'duty_phone', result: 'reached' }), 409);
  let s = await step(none.body.id, { kind: 'contact', result: 'not_reached', note: '关机' });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.body.escalation.steps[0].contact_index, 0);
  s = await step(none.body.id, { kind: 'contact', result: 'not_reached' }, c.workerSty);
  assert.equal(s.body.escalation.steps[1].contact_index, 1);
  assert.deepEqual(s.body.escalation.next_steps, ['duty_phone']);
  assertProblem(await step(none.body.id, { kind: 'contact', result: 'reached' }), 409);
  s = await step(none.body.id, { kind: 'duty_phone', result: 'reached', note: '值班员上门' });
  assert.deepEqual(s.body.escalation.next_steps, ['resolved']);
  s = await step(none.body.id, { kind: 'resolved', result: 'found_needing_help', note: '低血糖，已送医' });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.body.escalation.state, 'resolved');
  assert.ok(s.body.escalation.resolved_at);
  assert.deepEqual(s.body.escalation.steps.map((x) => [x.kind, x.result, x.by]), [
    ['contact', 'not_reached', c.workerGrid.user.id], ['contact', 'not_reached', c.workerSty.user.id],
    ['duty_phone', 'reached', c.workerGrid.user.id], ['resolved', 'found_needing_help', c.workerGrid.user.id],
  ]);
  assertProblem(await step(none.body.id, { kind: 'contact', result: 'reached' }), 409);
  assertProblem(await step(none.body.id, { kind: 'resolved', result: 'other' }), 409);
  assert.deepEqual((await dueOf(`community_id=${w.area['BH-STY']}&when=overdue`, c.workerGrid, elder.id)).filter((i) => i.visit_id), []);
  // Steps are append-only.
  assert.throws(() => w.srv.sql(`UPDATE visit_steps SET note = 'x' WHERE visit_id = ${none.body.id}`, { readonly: false }));

  // A fresh nobody-answers inside its clock is due today, not overdue; a reached contact may resolve it.
  const fresh = await visit(elder, { how: 'home', outcome: 'nobody_answers', visited_at: ago(5) });
  assert.equal(fresh.body.escalation.overdue, false);
  const listed = await dueOf(`community_id=${w.area['BH-STY']}&when=today`, c.workerGrid, elder.id);
  assert.ok(listed.some((i) => i.visit_id === fresh.body.id && !i.overdue), JSON.stringify(listed));
  s = await step(fresh.body.id, { kind: 'contact', result: 'reached' });
  assert.deepEqual(s.body.escalation.next_steps, ['contact', 'resolved']);
  assert.equal((await step(fresh.body.id, { kind: 'resolved', result: 'found_well' })).status, 201);
  // A visit somebody answered has no escalation.
  const answered = await visit(elder, { how: 'home', outcome: 'seen_well' });
  assertProblem(await step(answered.body.id, { kind: 'contact', result: 'reached' }), 409);
});

test('the due list of a team; the monthly visit rate per community', async () => {
  const { callers: c } = w;
  const a = await w.createElder({ name: '钱凤英' });
  assert.equal((await send('PUT', `${API}/${a.id}/team`, { team_id: team }, c.workerSty)).status, 200);
  // Her team's volunteer records the visit and reads the team's list.
  const fall = await send('POST', `${API}/${a.id}/changes`, { kind: 'hospital_stay' }, c.volunteer);
  assert.equal(fall.status, 201, fall.text);
  const mine = await dueOf(`team_id=${team}`, c.volunteer, a.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].elder.view, 'full');
  assert.equal(mine[0].elder.team_id, team);
  const v = await visit(a, { how: 'home', outcome: 'seen_well' }, c.volunteer);
  assert.equal(v.status, 201, v.text);
  assert.equal(v.body.team_id, team);
  assert.deepEqual(await dueOf(`team_id=${team}`, c.volunteer, a.id), []);
  assertProblem(await get(`${DUE}?team_id=${team}`, volunteer2), 403);
  assertProblem(await get(`${DUE}?community_id=${w.area['BH-STY']}`, c.volunteer), 403);

  // The rate: elders open in June in 生态园 and those seen in June (one never).
  await w.createElder({ name: '冯淑珍' });
  const open = count(`SELECT count(*) FROM elders WHERE community_id = ${w.area['BH-STY']}`);
  const seen = count(`SELECT count(DISTINCT elder_id) FROM visits WHERE community_id = ${w.area['BH-STY']} AND outcome <> 'nobody_answers'`);
  assert.ok(seen > 0 && seen < open, `${seen} of ${open}`);
  const r = await get(`/api/v1/visits/rate?month=2026-06&community_id=${w.area['BH-STY']}`, c.workerBh);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.from, '2026-06-01T00:00:00+08:00');
  assert.equal(r.body.to, '2026-07-01T00:00:00+08:00');
  assert.deepEqual(r.body.items, [{ community_id: w.area['BH-STY'], elders: open, visited: seen, rate: Math.round((seen / open) * 10000) / 10000 }]);
  const all = await get('/api/v1/visits/rate?month=2026-06', c.admin);
  assert.ok(all.body.items.some((i) => i.community_id === w.area['BH-STY']));
  // Before the records were opened there is nobody to visit; a closed record
  // counts in the months it was open.
  assert.deepEqual((await get('/api/v1/visits/rate?month=2026-05', c.admin)).body.items, []);
  const closed = await w.createElder({ name: '周玉梅' });
  assert.equal((await send('POST', `${API}/${closed.id}/close`, { reason: 'moved_out' }, c.admin)).status, 200);
  const june = await get(`/api/v1/visits/rate?month=2026-06&community_id=${w.area['BH-STY']}`, c.admin);
  assert.equal(june.body.items[0].elders, open + 1);
  assertProblem(await visit(closed, { how: 'home', outcome: 'seen_well' }), 409);
  assertProblem(await send('POST', `${API}/${closed.id}/changes`, { kind: 'fall' }, c.admin), 409);
  for (const month of ['2026-13', '2026-6', 'June', '']) {
    assertProblem(await get(`/api/v1/visits/rate?month=${month}`, c.admin), 422, 'month');
  }
  assertProblem(await get('/api/v1/visits/rate', c.admin), 422, 'month');
  assertProblem(await get('/api/v1/visits/rate?month=2026-06&community_id=x', c.admin), 422, 'community_id');
});

test('a cut due list keeps the most urgent, whatever their ids', async () => {
  const { callers: c } = w;
  // Two due at once (a change each), then the most urgent, created last (the
  // highest id): seen well 29 days ago, weekly — overdue for three weeks.
  for (const name of ['吴秀珍', '郑玉兰']) {
    const e = await w.createElder({ name });
    assert.equal((await send('POST', `${API}/${e.id}/changes`, { kind: 'fall' }, c.workerSty)).status, 201);
  }
  const urgent = await w.createElder({ name: '冯淑华' });
  assert.equal((await visit(urgent, { how: 'phone', outcome: 'seen_well', visited_at: ago(29 * 24 * 60) })).status, 201);
  const all = await get(`${DUE}?community_id=${w.area['BH-STY']}&limit=100`, c.workerSty);
  assert.equal(all.status, 200, all.text);
  assert.ok(all.body.items.length >= 3, all.text);
  const first = await get(`${DUE}?community_id=${w.area['BH-STY']}&limit=1`, c.workerSty);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.truncated, true);
  assert.equal(first.body.items.length, 1);
  assert.equal(first.body.items[0].elder.id, urgent.id, first.text);
  assert.equal(first.body.items[0].elder.id, all.body.items[0].elder.id);
});

test('roles: who records, who reads masked, who gets 403; an audit row per read', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ name: '吴秀英' });
  const seen = await visit(elder, { how: 'home', outcome: 'concern', findings: '药快吃完了' }, c.admin);
  assert.equal(seen.status, 201, seen.text);
  for (const who of ['workerGrid', 'workerSty']) assert.equal((await visit(elder, { how: 'phone', outcome: 'seen_well' }, c[who])).status, 201);
  // Masked viewers read the list without findings; they record nothing.
  for (const who of ['workerBh', 'workerDistrict']) {
    const r = await get(`${API}/${elder.id}/visits`, c[who]);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.view, 'masked');
    assert.ok(r.body.items.every((v) => v.findings === null));
    assertProblem(await visit(elder, { how: 'home', outcome: 'seen_well' }, c[who]), 403);
    assertProblem(await send('POST', `${API}/${elder.id}/changes`, { kind: 'fall' }, c[who]), 403);
  }
  // Another area's worker, a volunteer not on her team: 403; other roles: 403.
  for (const who of [c.workerHw, c.volunteer, volunteer2]) {
    assertProblem(await get(`${API}/${elder.id}/visits`, who), 403);
    assertProblem(await visit(elder, { how: 'home', outcome: 'seen_well' }, who), 403);
  }
  for (const who of ['resident', 'keeper', 'department']) {
    assertProblem(await get(`${API}/${elder.id}/visits`, c[who]), 403);
    assertProblem(await visit(elder, { how: 'home', outcome: 'seen_well' }, c[who]), 403);
    assertProblem(await get(`${DUE}?community_id=${w.area['BH-STY']}`, c[who]), 403);
    assertProblem(await get('/api/v1/visits/rate?month=2026-06', c[who]), 403);
  }
  assertProblem(await get('/api/v1/visits/rate?month=2026-06', c.volunteer), 403);
  assert.equal((await get(`${API}/${elder.id}/visits`)).status, 401);
  // A nobody-answers visit's steps: the same people.
  const none = await visit(elder, { how: 'phone', outcome: 'nobody_answers' });
  assertProblem(await step(none.body.id, { kind: 'contact', result: 'reached' }, c.workerBh), 403);
  assertProblem(await step(none.body.id, { kind: 'contact', result: 'reached' }, c.workerHw), 403);
  // The due list: masked names for 滨河's worker, nothing of 生态园 for 后瓦's.
  const change = await send('POST', `${API}/${elder.id}/changes`, { kind: 'bereavement' }, c.workerGrid);
  assert.equal(change.status, 201, change.text);
  const masked = await dueOf(`community_id=${w.area['BH-STY']}`, c.workerBh, elder.id);
  assert.ok(masked.length >= 1);
  assert.equal(masked[0].elder.view, 'masked');
  assert.notEqual(masked[0].elder.name, '吴秀英');
  assert.deepEqual((await get(`${DUE}?community_id=${w.area['BH-STY']}`, c.workerHw)).body.items, []);

  // One audit row per read of her visits, with the view; one per due list.
  const reads = (who) => count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND subject_type = 'elder' AND subject_id = '${elder.id}' AND actor_user_id = ${who.user.id} AND detail LIKE '%"purpose":"visits"%'`);
  assert.equal(reads(c.workerBh), 1);
  await get(`${API}/${elder.id}/visits`, c.workerGrid);
  await get(`${API}/${elder.id}/visits`, c.workerGrid);
  assert.equal(reads(c.workerGrid), 2);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${c.workerHw.user.id}`), 0);
  const before = count(`SELECT count(*) FROM audit_log WHERE subject_type = 'elder_list' AND actor_user_id = ${c.workerBh.user.id} AND detail LIKE '%visits_due%'`);
  await get(`${DUE}?community_id=${w.area['BH-STY']}`, c.workerBh);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE subject_type = 'elder_list' AND actor_user_id = ${c.workerBh.user.id} AND detail LIKE '%visits_due%'`), before + 1);
  assert.ok(count(`SELECT count(*) FROM audit_log WHERE action = 'elder.visit' AND subject_id = '${elder.id}'`) >= 3);
});

test('bad input: unknown ids, bad vocabularies, malformed JSON, wrong types, oversize', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ name: '郑桂芝' });
  const ok = { how: 'home', outcome: 'seen_well' };
  assertProblem(await send('POST', `${API}/999999/visits`, ok, c.admin), 404);
  assertProblem(await get(`${API}/999999/visits`, c.admin), 404);
  assertProblem(await send('POST', `${API}/999999/changes`, { kind: 'fall' }, c.admin), 404);
  assertProblem(await step(999999, { kind: 'contact', result: 'reached' }, c.admin), 404);
  assertProblem(await get(`${DUE}?team_id=999999`, c.admin), 404);
  assertProblem(await visit(elder, { how: 'letter', outcome: 'seen_well' }), 422, 'how');
  assertProblem(await visit(elder, { how: 'home', outcome: 'fine' }), 422, 'outcome');
  assertProblem(await visit(elder, { outcome: 'seen_well' }), 422, 'how');
  assertProblem(await visit(elder, { how: 5, outcome: 'seen_well' }), 422, 'how');
  assertProblem(await visit(elder, { ...ok, findings: ['x'] }), 422, 'findings');
  assertProblem(await visit(elder, { ...ok, findings: '字'.repeat(2001) }), 422, 'findings');
  assertProblem(await visit(elder, { ...ok, visited_at: 'yesterday' }), 422, 'visited_at');
  assertProblem(await visit(elder, { ...ok, visited_at: '2026-06-01T12:00:00+08:00' }), 422, 'visited_at');
  assertProblem(await visit(elder, { ...ok, visited_at: '2026-04-01T12:00:00+08:00' }), 422, 'visited_at');
  assertProblem(await visit(elder, { ...ok, mood: 'good' }), 422, 'mood');
  assertProblem(await send('POST', `${API}/${elder.id}/changes`, { kind: 'birthday' }, c.admin), 422, 'kind');
  assertProblem(await send('POST', `${API}/${elder.id}/changes`, { kind: 'fall', note: 'x'.repeat(501) }, c.admin), 422, 'note');
  const none = await visit(elder, { how: 'phone', outcome: 'nobody_answers' });
  assertProblem(await step(none.body.id, { kind: 'call', result: 'reached' }), 422, 'kind');
  assertProblem(await step(none.body.id, { kind: 'contact', result: 'found_well' }), 422, 'result');
  assertProblem(await step(none.body.id, { kind: 'contact' }), 422, 'result');
  assertProblem(await step(none.body.id, { kind: 'contact', result: true }), 422, 'result');
  const raw = (path, body) => w.srv.fetch(path, { method: 'POST', token: c.admin.token, body, headers: { 'content-type': 'application/json' } });
  assertProblem(await raw(`${API}/${elder.id}/visits`, '{"how": '), 400);
  assertProblem(await raw(`${API}/${elder.id}/visits`, '[1, 2]'), 400);
  assertProblem(await raw(`/api/v1/visits/${none.body.id}/escalation`, '{'), 400);
  assertProblem(await raw(`${API}/${elder.id}/visits`, JSON.stringify({ ...ok, findings: 'x'.repeat(20000) })), 413);
  assertProblem(await raw(`${API}/${elder.id}/changes`, JSON.stringify({ kind: 'fall', note: 'x'.repeat(5000) })), 413);
  assertProblem(await get(DUE, c.admin), 422, 'team_id');
  assertProblem(await get(`${DUE}?team_id=${team}&community_id=${w.area['BH-STY']}`, c.admin), 422, 'team_id');
  assertProblem(await get(`${DUE}?team_id=x`, c.admin), 422, 'team_id');
  assertProblem(await get(`${DUE}?team_id=${team}&when=tomorrow`, c.admin), 422, 'when');
  assertProblem(await get(`${DUE}?team_id=${team}&limit=0`, c.admin), 422, 'limit');
  assertProblem(await get(`${API}/${elder.id}/visits?limit=x`, c.admin), 422, 'limit');
  // Nothing half-written: the elder has the one nobody-answers visit.
  assert.equal(count(`SELECT count(*) FROM visits WHERE elder_id = ${elder.id}`), 1);
});
