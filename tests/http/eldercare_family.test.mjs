// Family members (issue 16: "or by a registered family member in the app";
// "Family member: request an errand for their elder and follow it"): a
// worker who may change the elder's record links a resident account with
// her consent recorded; the family member then lists her elders, asks for an
// errand and follows it in a family view — the state, the due time, the
// team's phone and the amounts, never the team's people, her health details
// or other records; every other resident stays out; unlinking ends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const ELDERS = '/api/v1/elders';
const ERRANDS = '/api/v1/errands';
let w;
let daughter;
let stranger;
let elder;
let team;
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
const raw = (path, body, who) => w.srv.fetch(path, { method: 'POST', token: who.token, body, headers: { 'content-type': 'application/json' } });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const linkBody = (extra = {}) => ({ user_id: daughter.user.id, relation: '女儿', consent: { basis: 'consent', note: '本人电话同意' }, ...extra });
const audits = (who, like) => Number(w.srv.sql(
  `SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${who.user.id} AND detail LIKE '%${like}%'`));

before(async () => {
  w = await startEldercareWorld();
  daughter = w.resident;
  stranger = await w.srv.createUser(w.admin, 'linju', 'resident');
  const t = await send('POST', '/api/v1/elder-teams', {
    grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
    volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7',
  }, w.admin);
  assert.equal(t.status, 201, t.text);
  team = t.body.id;
  elder = await w.createElder({ needs: { diet: '低盐', mobility: '', hearing: '', medicines: ['硝苯地平'] }, health_consent: { basis: 'consent', note: '' } });
  assert.equal((await send('PUT', `${ELDERS}/${elder.id}/team`, { team_id: team }, w.admin)).status, 200);
});

test('linking: by those who may change her record, her consent recorded, audited; bad input refused', async () => {
  const { callers: c } = w;
  const path = `${ELDERS}/${elder.id}/family`;
  for (const who of [c.workerBh, c.workerDistrict, c.workerHw]) assertProblem(await send('POST', path, linkBody(), who), 403);
  for (const who of [c.volunteer, c.resident, c.keeper, c.department]) assertProblem(await send('POST', path, linkBody(), who), 403);
  assertProblem(await raw(path, '{"user_id":', c.workerGrid), 400);
  assertProblem(await send('POST', path, linkBody({ user_id: c.volunteer.user.id }), c.workerGrid), 422, 'user_id');
  assertProblem(await send('POST', path, linkBody({ user_id: 999999 }), c.workerGrid), 422, 'user_id');
  assertProblem(await send('POST', path, linkBody({ user_id: 'me' }), c.workerGrid), 422, 'user_id');
  assertProblem(await send('POST', path, linkBody({ relation: '' }), c.workerGrid), 422, 'relation');
  assertProblem(await send('POST', path, linkBody({ consent: undefined }), c.workerGrid), 422, 'consent');
  assertProblem(await send('POST', path, linkBody({ consent: { basis: 'legal_duty' } }), c.workerGrid), 422, 'consent.basis');
  assertProblem(await send('POST', path, linkBody({ colour: 'red' }), c.workerGrid), 422, 'colour');
  assertProblem(await send('POST', `${ELDERS}/999999/family`, linkBody(), c.admin), 404);

  const r = await send('POST', path, linkBody(), c.workerGrid);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.user_id, daughter.user.id);
  assert.equal(r.body.relation, '女儿');
  assert.equal(r.body.consent.basis, 'consent');
  assert.equal(r.body.consent.recorded_by, c.workerGrid.user.id);
  assert.match(r.body.consent.recorded_at, /\+08:00$/);
  assert.equal(r.body.unlinked_at, null);
  assertProblem(await send('POST', path, linkBody(), c.admin), 409);
  const audit = w.srv.sql(`SELECT detail FROM audit_log WHERE action = 'elder.family_link'`);
  assert.ok(audit.includes(`"user_id":${daughter.user.id}`), audit);
  assert.ok(!audit.includes('女儿'), 'the audit log copies no personal data');

  // Her team and her community's workers see her links; masked viewers do not.
  const listed = await get(path, c.volunteer);
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.items.map((l) => l.user_id), [daughter.user.id]);
  assertProblem(await get(path, c.workerBh), 403);
  assertProblem(await get(`${path}?all=maybe`, c.admin), 422, 'all');
});

test('the family member: her elders, an errand asked for and followed; nothing of the team\'s people', async () => {
  const { callers: c } = w;
  const mine = await get('/api/v1/my/elders', daughter);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.items.length, 1);
  const her = mine.body.items[0];
  assert.deepEqual(Object.keys(her).sort(), ['closed', 'id', 'name', 'open_errands', 'relation', 'team_phone']);
  assert.equal(her.name, '张桂兰');
  assert.equal(her.team_phone, '13903580001');
  assert.ok(!JSON.stringify(mine.body).includes('硝苯地平'), 'no health details');
  assert.ok(!JSON.stringify(mine.body).includes('13812345678'), 'not her phones');
  assert.equal(audits(daughter, 'family'), 1);

  const asked = await send('POST', `${ELDERS}/${elder.id}/errands`, { kind: 'shopping', lines: [{ text: '西葫芦', quantity: 2, budget_fen: 800 }, { text: '胡萝卜', budget_fen: 500 }], note: '明早九点前' }, daughter);
  assert.equal(asked.status, 201, asked.text);
  // She gets it as she will follow it: the family view, nothing of the team's people.
  assert.equal(asked.body.source, 'family');
  assert.equal(asked.body.state, 'assigned');
  assert.equal(asked.body.team_phone, '13903580001');
  assert.equal(asked.body.team_id, undefined);
  assert.equal(asked.body.received_by_user_id, undefined);
  assert.equal(asked.headers.get('location'), `${ERRANDS}/${asked.body.id}`);
  const id = asked.body.id;
  const listed = (await get('/api/v1/my/elders', daughter)).body.items[0].open_errands;
  assert.deepEqual(listed.map((x) => [x.id, x.source, x.work?.lines?.[0]?.text]), [[id, 'family', '西葫芦']]);

  // The team sees where it came from, and runs it.
  const staff = await get(`${ERRANDS}/${id}`, c.volunteer);
  assert.equal(staff.body.source, 'family');
  assert.equal(staff.body.received_by_user_id, daughter.user.id);
  assert.equal(staff.body.team_id, team);
  for (const body of [{ step: 'start' }, { step: 'deliver', received_by: '张桂兰' }, { step: 'settle', receipt_fen: 1260, advanced_fen: 2000, returned_fen: 740, paid_by: 'cash' }]) {
    assert.equal((await send('POST', `${ERRANDS}/${id}/steps`, body, c.volunteer)).status, 200);
  }

  const one = await get(`${ERRANDS}/${id}`, daughter);
  assert.equal(one.status, 200, one.text);
  const e = one.body;
  assert.equal(e.view, 'family');
  assert.equal(e.state, 'settled');
  assert.equal(e.team_phone, '13903580001');
  assert.ok(e.due_at && typeof e.overdue === 'boolean');
  assert.deepEqual([e.settlement.receipt_fen, e.settlement.advanced_fen, e.settlement.returned_fen, e.settlement.balance_fen], [1260, 2000, 740, 0]);
  assert.equal(e.settlement.settled_by, undefined);
  assert.equal(e.work.lines[0].text, '西葫芦');
  assert.equal(e.receipt_photo, null);
  assert.equal(e.history, null);
  for (const key of ['team_id', 'delivered_to', 'substitutions', 'confirmations', 'received_by_user_id']) assert.equal(e[key], undefined, key);

  const list = await get(`${ERRANDS}?elder_id=${elder.id}`, daughter);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((x) => x.id), [id]);
  assert.equal(list.body.items[0].view, 'family');
  // An errand staff recorded after her call shows its progress, not what it holds.
  const byStaff = (await send('POST', `${ELDERS}/${elder.id}/errands`, { kind: 'medicine', pharmacy: '大药房', what: '硝苯地平' }, c.workerGrid)).body;
  const theirs = await get(`${ERRANDS}/${byStaff.id}`, daughter);
  assert.equal(theirs.body.source, 'staff');
  assert.equal(theirs.body.work, null);
  assert.ok(!theirs.text.includes('硝苯地平'));
  assert.ok(audits(daughter, 'family') >= 4);

  // She takes no step, reads no photo, no history list, no elder record.
  assertProblem(await send('POST', `${ERRANDS}/${id}/steps`, { step: 'confirm' }, daughter), 403);
  assertProblem(await get(`${ERRANDS}/${id}/receipt-photo`, daughter), 403);
  assertProblem(await get(`${ELDERS}/${elder.id}/errands`, daughter), 403);
  assertProblem(await get(`${ELDERS}/${elder.id}`, daughter), 403);
  assertProblem(await get(ERRANDS, daughter), 403);
});

test('an unlinked resident, unknown ids, bad input; unlinking ends it', async () => {
  const { callers: c } = w;
  const anyErrand = (await get(`${ERRANDS}?elder_id=${elder.id}`, c.admin)).body.items[0].id;
  assert.deepEqual((await get('/api/v1/my/elders', stranger)).body.items, []);
  assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, { kind: 'task', text: '交电费' }, stranger), 403);
  assertProblem(await get(`${ERRANDS}?elder_id=${elder.id}`, stranger), 403);
  assertProblem(await get(`${ERRANDS}/${anyErrand}`, stranger), 403);
  assert.equal(audits(stranger, 'family'), 0);
  for (const who of [c.admin, c.workerGrid, c.volunteer]) assertProblem(await get('/api/v1/my/elders', who), 403);
  assertProblem(await w.srv.fetch('/api/v1/my/elders'), 401);

  // Unknown ids are refused as ones not hers (403, not 404): a resident learns no ids.
  assertProblem(await send('POST', `${ELDERS}/999999/errands`, { kind: 'task', text: '交电费' }, daughter), 403);
  assertProblem(await get(`${ERRANDS}/999999`, daughter), 403);
  assertProblem(await get(`${ERRANDS}?elder_id=999999`, daughter), 403);
  assertProblem(await get(`${ERRANDS}?elder_id=x`, daughter), 422, 'elder_id');
  assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, { kind: 'delivery' }, daughter), 422, 'kind');
  assertProblem(await raw(`${ELDERS}/${elder.id}/errands`, '[]', daughter), 400);

  const link = (await get(`${ELDERS}/${elder.id}/family`, c.admin)).body.items[0];
  assertProblem(await send('DELETE', `${ELDERS}/${elder.id}/family/${link.id}`, undefined, c.workerBh), 403);
  assertProblem(await send('DELETE', `${ELDERS}/${elder.id}/family/${link.id}`, undefined, daughter), 403);
  assertProblem(await send('DELETE', `${ELDERS}/${elder.id}/family/999999`, undefined, c.workerGrid), 404);
  const ended = await send('DELETE', `${ELDERS}/${elder.id}/family/${link.id}`, undefined, c.workerGrid);
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.body.unlinked_by, c.workerGrid.user.id);
  assertProblem(await send('DELETE', `${ELDERS}/${elder.id}/family/${link.id}`, undefined, c.workerGrid), 404);
  assert.equal(Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'elder.family_unlink'`)), 1);
  assert.deepEqual((await get('/api/v1/my/elders', daughter)).body.items, []);
  assertProblem(await get(`${ERRANDS}/${anyErrand}`, daughter), 403);
  assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, { kind: 'task', text: '交电费' }, daughter), 403);
  // The ended link stays on record.
  assert.equal((await get(`${ELDERS}/${elder.id}/family?all=true`, c.admin)).body.items.length, 1);
  assert.equal((await get(`${ELDERS}/${elder.id}/family`, c.admin)).body.items.length, 0);
});
