// Raising from a visit (issue 16: "a finding can raise an appeal or an errand
// in one step"): POST /api/v1/visits/{id}/raise with {errand} or {appeal}
// makes the errand or the appeal through its own module and keeps the link
// (visit_raises), which the visit's JSON shows under `raised`; her history
// and the audit log name it. Who: those who may record a visit for her; the
// same refusals as recording one. Bad input writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const NOW = '2026-06-01T10:00:00+08:00';
const API = '/api/v1/elders';
let w;
before(async () => {
  w = await startEldercareWorld({ now: NOW });
  const cat = await w.srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: w.admin.token,
    json: { code: 'lights', name_zh: '路灯', name_en: 'Lights', group: '城市管理', department_org_id: w.orgs.dept, response_hours: 24, resolution_days: 5 },
  });
  assert.equal(cat.status, 201, cat.text);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
const raise = (visitId, body, who = w.callers.workerGrid) => send('POST', `/api/v1/visits/${visitId}/raise`, body, who);
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const count = (q) => Number(w.srv.sql(q));
const ERRAND = { kind: 'shopping', lines: [{ text: '挂面', quantity: 2, budget_fen: 1200 }], note: '探访时发现家里没有主食' };
// Where the light is: an appeal always says (appeals are public; her home is never filled in).
const APPEAL = { category: 'lights', description: '3 单元楼道灯坏了，老人夜里下楼看不见', lat: 37.5102, lon: 111.1052 };
async function visited(extra = {}) {
  const elder = await w.createElder({ name: `李秀兰${count('SELECT count(*) FROM elders')}`, ...extra });
  const v = await send('POST', `${API}/${elder.id}/visits`, { how: 'home', outcome: 'concern', findings: '楼道灯坏了，家里缺主食' }, w.callers.workerGrid);
  assert.equal(v.status, 201, v.text);
  return { elder, visit: v.body };
}

test('a finding raises an errand and an appeal; the visit shows both and each links back', async () => {
  const { callers: c } = w;
  const { elder, visit } = await visited();
  assert.deepEqual(visit.raised, []);

  const e = await raise(visit.id, { errand: ERRAND });
  assert.equal(e.status, 201, e.text);
  assert.equal(e.body.kind, 'errand');
  assert.equal(e.body.visit_id, visit.id);
  assert.equal(e.body.raised_by, c.workerGrid.user.id);
  assert.equal(e.headers.get('location'), `/api/v1/errands/${e.body.id}`);
  assert.equal(e.body.href, `/api/v1/errands/${e.body.id}`);
  // The errand exists, for her, as the errands route would have made it.
  const errand = await get(`/api/v1/errands/${e.body.id}`, c.workerGrid);
  assert.equal(errand.status, 200, errand.text);
  assert.equal(errand.body.elder_id, elder.id);
  assert.equal(errand.body.kind, 'shopping');
  assert.equal(errand.body.state, 'received');

  // No place: the appeals module's 422, not her home (Open311 would list it); nothing saved.
  const appealsBefore = count('SELECT count(*) FROM appeals');
  const { lat, lon, ...placeless } = APPEAL;
  assertProblem(await raise(visit.id, { appeal: placeless }), 422, 'appeal.lat');
  assert.equal(count('SELECT count(*) FROM appeals'), appealsBefore);
  const a = await raise(visit.id, { appeal: APPEAL });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.kind, 'appeal');
  assert.equal(a.headers.get('location'), `/api/v1/appeals/${a.body.id}`);
  // The appeal: by the phone desk's channel, where the body said (no address of hers), with her as the contact.
  const appeal = await get(`/api/v1/appeals/${a.body.id}`, c.admin);
  assert.equal(appeal.status, 200, appeal.text);
  assert.equal(appeal.body.channel, 'phone');
  assert.equal(appeal.body.category.code, 'lights');
  assert.equal(appeal.body.location.lat, lat);
  assert.equal(appeal.body.location.lon, lon);
  assert.equal(appeal.body.location.address, null);
  assert.equal(appeal.body.location.grid_id, w.area['BH-STY-1']);
  assert.equal(count(`SELECT count(*) FROM appeals WHERE id = ${a.body.id} AND contact_name = '${elder.name}' AND contact_phone = '13812345678'`), 1);

  // An appeal that says where and whom keeps them.
  const own = await raise(visit.id, { appeal: { ...APPEAL, channel: 'liaison_station', lat: 37.5101, lon: 111.1051, contact: { name: '王建国', phone: '13900001111' } } });
  assert.equal(own.status, 201, own.text);
  const ownAppeal = (await get(`/api/v1/appeals/${own.body.id}`, c.admin)).body;
  assert.equal(ownAppeal.channel, 'liaison_station');
  assert.equal(ownAppeal.location.lat, 37.5101);
  assert.equal(ownAppeal.location.address, null);

  // Her visits show what each raised, oldest first.
  const list = await get(`${API}/${elder.id}/visits`, c.workerGrid);
  assert.equal(list.status, 200, list.text);
  const shown = list.body.items.find((v) => v.id === visit.id);
  assert.deepEqual(shown.raised.map((r) => [r.kind, r.id]), [['errand', e.body.id], ['appeal', a.body.id], ['appeal', own.body.id]]);
  assert.equal(shown.raised[1].href, `/api/v1/appeals/${a.body.id}`);
  // Links back: the table, her history and the audit log name the target, no personal data.
  assert.equal(count(`SELECT count(*) FROM visit_raises WHERE visit_id = ${visit.id}`), 3);
  assert.equal(count(`SELECT count(*) FROM elder_events WHERE elder_id = ${elder.id} AND action = 'visit_raise'`), 3);
  const audit = w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'elder.visit_raise' AND subject_id = '${elder.id}' ORDER BY id`).split('\n');
  assert.equal(audit.length, 3);
  assert.deepEqual(JSON.parse(audit[0]), { visit_id: visit.id, kind: 'errand', target_id: e.body.id });
  assert.ok(!audit.join().includes(elder.name));
  // A masked viewer sees what was raised, not the findings.
  const masked = await get(`${API}/${elder.id}/visits`, c.workerBh);
  assert.equal(masked.status, 200, masked.text);
  assert.equal(masked.body.items[0].findings, null);
  assert.equal(masked.body.items[0].raised.length, 3);
});

test('a nobody-answers visit raises too; its escalation step shows what it raised', async () => {
  const elder = await w.createElder({ name: '周凤英' });
  const v = await send('POST', `${API}/${elder.id}/visits`, { how: 'phone', outcome: 'nobody_answers' }, w.callers.workerGrid);
  assert.equal(v.status, 201, v.text);
  assert.equal((await raise(v.body.id, { errand: { kind: 'task', text: '上门查看，代缴电费' } })).status, 201);
  const s = await send('POST', `/api/v1/visits/${v.body.id}/escalation`, { kind: 'contact', result: 'reached' }, w.callers.workerGrid);
  assert.equal(s.status, 201, s.text);
  assert.deepEqual(s.body.raised.map((r) => r.kind), ['errand']);
});

test('bad input is refused whole and writes nothing', async () => {
  const { visit } = await visited();
  const before = [count('SELECT count(*) FROM visit_raises'), count('SELECT count(*) FROM errands'), count('SELECT count(*) FROM appeals')];
  const raw = await w.srv.fetch(`/api/v1/visits/${visit.id}/raise`, { method: 'POST', token: w.callers.workerGrid.token, body: '{"errand": ', headers: { 'content-type': 'application/json' } });
  assertProblem(raw, 400);
  assertProblem(await raise(visit.id, []), 400);
  assertProblem(await raise(visit.id, {}), 422, 'errand');
  assertProblem(await raise(visit.id, { errand: ERRAND, appeal: APPEAL }), 422, 'errand');
  assertProblem(await raise(visit.id, { errand: 'eggs' }), 422, 'errand');
  assertProblem(await raise(visit.id, { appeal: [APPEAL] }), 422, 'appeal');
  assertProblem(await raise(visit.id, { errand: ERRAND, why: 'x' }), 422, 'why');
  assertProblem(await raise(visit.id, { errand: { kind: 'groceries' } }), 422, 'errand.kind');
  assertProblem(await raise(visit.id, { errand: { kind: 'shopping', lines: [{ text: '鸡蛋', budget_fen: -5 }] } }), 422, 'errand.lines[0].budget_fen');
  assertProblem(await raise(visit.id, { appeal: { description: '灯坏了' } }), 422, 'appeal.category');
  assertProblem(await raise(visit.id, { appeal: { ...APPEAL, category: 'nosuch' } }), 422, 'appeal.category');
  assertProblem(await raise(visit.id, { appeal: { ...APPEAL, channel: 'open311' } }), 422, 'appeal.channel');
  assertProblem(await raise(visit.id, { appeal: { ...APPEAL, contact: { name: '王', phone: '12345' } } }), 422, 'appeal.contact.phone');
  assertProblem(await raise(visit.id, { appeal: { ...APPEAL, photos: ['AAAA'] } }), 422, 'appeal.photos');
  assertProblem(await raise(999999, { errand: ERRAND }), 404);
  assertProblem(await w.srv.fetch('/api/v1/visits/abc/raise', { method: 'POST', token: w.callers.workerGrid.token, json: { errand: ERRAND } }), 404);
  const after = [count('SELECT count(*) FROM visit_raises'), count('SELECT count(*) FROM errands'), count('SELECT count(*) FROM appeals')];
  assert.deepEqual(after, before);
});

test('who may raise: those who may record a visit for her; a closed record takes nothing', async () => {
  const { callers: c } = w;
  const { elder, visit } = await visited();
  for (const who of [c.workerBh, c.workerDistrict, c.workerHw, c.volunteer]) {
    assertProblem(await raise(visit.id, { errand: ERRAND }, who), 403);
    assertProblem(await raise(visit.id, { appeal: APPEAL }, who), 403);
  }
  for (const who of [c.keeper, c.department, c.resident]) assertProblem(await raise(visit.id, { errand: ERRAND }, who), 403);
  assertProblem(await w.srv.fetch(`/api/v1/visits/${visit.id}/raise`, { method: 'POST', json: { errand: ERRAND } }), 401);
  assert.equal((await raise(visit.id, { errand: ERRAND }, c.workerSty)).status, 201);
  assert.equal((await raise(visit.id, { appeal: APPEAL }, c.admin)).status, 201);

  // Her team's volunteer records visits for her, so she raises too; without
  // a staff channel her appeal is filed as from the web.
  const team = await send('POST', '/api/v1/elder-teams', {
    grid_id: w.area['BH-STY-1'], name: '生态园结对组', worker_user_id: c.workerGrid.user.id,
    volunteer_user_id: c.volunteer.user.id, phone: '13903580001', rota: '24/7',
  }, c.admin);
  assert.equal(team.status, 201, team.text);
  assert.equal((await send('PUT', `${API}/${elder.id}/team`, { team_id: team.body.id }, c.workerGrid)).status, 200);
  const byVolunteer = await raise(visit.id, { errand: ERRAND }, c.volunteer);
  assert.equal(byVolunteer.status, 201, byVolunteer.text);
  // Her team is on duty: the errand went to it.
  assert.equal((await get(`/api/v1/errands/${byVolunteer.body.id}`, c.volunteer)).body.team_id, team.body.id);
  const volunteerAppeal = await raise(visit.id, { appeal: APPEAL }, c.volunteer);
  assert.equal(volunteerAppeal.status, 201, volunteerAppeal.text);
  assert.equal((await get(`/api/v1/appeals/${volunteerAppeal.body.id}`, c.admin)).body.channel, 'web');
  assertProblem(await raise(visit.id, { appeal: { ...APPEAL, channel: 'phone' } }, c.volunteer), 403);

  // Closed: 409, nothing raised.
  const raised = count(`SELECT count(*) FROM visit_raises WHERE visit_id = ${visit.id}`);
  assert.equal((await send('POST', `${API}/${elder.id}/close`, { reason: 'moved_out' }, c.workerGrid)).status, 200);
  assertProblem(await raise(visit.id, { errand: ERRAND }), 409);
  assertProblem(await raise(visit.id, { appeal: APPEAL }), 409);
  assert.equal(count(`SELECT count(*) FROM visit_raises WHERE visit_id = ${visit.id}`), raised);
});
