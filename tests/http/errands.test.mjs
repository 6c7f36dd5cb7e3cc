// Errands (代购 / 代办, issue 16): recorded for an elder by the staff who see
// her whole, assigned to the team on duty for her, run to the end —
// received → assigned → doing → delivered → settled, complete when the team's
// worker AND its volunteer confirmed the account — or cancelled; substitutions
// agreed by phone; the queues; who sees them whole, masked or not at all; an
// audit row for every answer that shows her personal data; the receipt photo
// sent with the account; bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startEldercareWorld } from './lib/eldercare_world.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

const TEAMS = '/api/v1/elder-teams';
const ELDERS = '/api/v1/elders';
const ERRANDS = '/api/v1/errands';
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
const raw = (path, body, who) => w.srv.fetch(path, { method: 'POST', token: who.token, body, headers: { 'content-type': 'application/json' } });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const shopping = (extra = {}) => ({
  kind: 'shopping', lines: [{ text: '鸡蛋', quantity: 2, budget_fen: 1500 }, { text: '挂面', budget_fen: 600 }],
  note: '下午送到', ...extra,
});
const makeTeam = async (extra = {}) => {
  const r = await send('POST', TEAMS, {
    grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
    volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7', ...extra,
  }, w.admin);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
};
const pair = async (elderId, teamId) => assert.equal((await send('PUT', `${ELDERS}/${elderId}/team`, { team_id: teamId }, w.admin)).status, 200);
const newErrand = async (elderId, body = shopping(), who = w.callers.workerGrid) => {
  const r = await send('POST', `${ELDERS}/${elderId}/errands`, body, who);
  assert.equal(r.status, 201, r.text);
  return r.body;
};
const stepOk = async (id, body, who) => {
  const r = await send('POST', `${ERRANDS}/${id}/steps`, body, who);
  assert.equal(r.status, 200, r.text);
  return r.body;
};
// A real 8×8 greyscale JPEG (cjpeg) with nothing to strip, the same with an
// Exif GPS segment (which must not be kept), and a 1×1 PNG.
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a18161618' +
  '3123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc000' +
  '0b080008000801011100ffc40014000100000000000000000000000000000003ffc4001710010003000000000000' +
  '0000000000000005002231ffda0008010100003f0003c2ca4fffd9', 'hex');
const exif = Buffer.from('Exif\0\0MM\0*GPSLatitude 37.52N GPSLongitude 111.14E', 'latin1');
const GPS = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
const JPEG_WITH_GPS = Buffer.concat([JPEG.subarray(0, 2), GPS, JPEG.subarray(2)]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
const WEBP = Buffer.from(
  '5249464644000000574542505650382038000000d001009d012a0800080002c04c25b0027400f431ac400000fef1' +
  'a779bc30812b8eac8be1962caceea12ed1bff37d4fe84778ff4ee55c0000', 'hex');
const dataUrl = (type, bytes) => `data:${type};base64,${bytes.toString('base64')}`;
const photoOf = async (id, who) => {
  const r = await fetch(`${w.srv.url}${ERRANDS}/${id}/receipt-photo`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });
  return { status: r.status, type: r.headers.get('content-type'), cache: r.headers.get('cache-control'), bytes: Buffer.from(await r.arrayBuffer()) };
};
const receiptReads = (who) => Number(w.srv.sql(
  `SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${who.user.id} AND detail LIKE '%errand_receipt%'`));

const errandReads = (who) => Number(w.srv.sql(
  `SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = ${who.user.id} AND detail LIKE '%errand%'`));

let w;
let volunteer2;
let team;
let elder;
before(async () => {
  w = await startEldercareWorld();
  volunteer2 = await w.srv.createUser(w.admin, 'zhiyuanzhe2', 'volunteer');
  team = await makeTeam();
  elder = await w.createElder();
  await pair(elder.id, team);
});

test('the whole life of an errand: on duty, substitution, delivery, account, both confirm', async () => {
  const { callers: c } = w;
  const e = await newErrand(elder.id);
  assert.equal(e.state, 'assigned');
  assert.equal(e.team_id, team);
  assert.equal(e.assign_reason, 'her_team');
  assert.equal(e.kind, 'shopping');
  assert.deepEqual(e.work, { lines: [{ text: '鸡蛋', quantity: 2, budget_fen: 1500 }, { text: '挂面', quantity: 1, budget_fen: 600 }], budget_fen: 2100 });
  assert.equal(Date.parse(e.due_at) - Date.parse(e.received_at), 48 * 3600 * 1000);
  assert.equal(e.overdue, false);
  assert.equal(e.received_by_user_id, c.workerGrid.user.id);

  // The volunteer runs it.
  assert.equal((await stepOk(e.id, { step: 'start' }, c.volunteer)).state, 'doing');
  const sub = await stepOk(e.id, { step: 'substitute', original: '挂面', replacement: '龙须面', confirmed_by: '张桂兰本人' }, c.volunteer);
  assert.equal(sub.substitutions.length, 1);
  assert.equal(sub.substitutions[0].replacement, '龙须面');
  assert.equal(sub.substitutions[0].confirmed_by, '张桂兰本人');
  assert.equal(sub.substitutions[0].recorded_by, c.volunteer.user.id);
  const early = await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'settle', receipt_fen: 1, advanced_fen: 1, returned_fen: 0, paid_by: 'cash' }, c.volunteer);
  assertProblem(early, 409);
  assert.match(early.body.detail, /allowed: substitute, deliver, cancel/);
  const delivered = await stepOk(e.id, { step: 'deliver', received_by: '张桂兰', volunteer_minutes: 50 }, c.volunteer);
  assert.equal(delivered.state, 'delivered');
  assert.equal(delivered.delivered_to, '张桂兰');
  assert.equal(delivered.volunteer_minutes, 50);
  const settled = await stepOk(e.id, { step: 'settle', receipt_fen: 1980, advanced_fen: 5000, returned_fen: 3020, paid_by: 'cash' }, c.volunteer);
  assert.equal(settled.state, 'settled');
  assert.deepEqual([settled.settlement.receipt_fen, settled.settlement.balance_fen, settled.complete], [1980, 0, false]);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'settle', receipt_fen: 1, advanced_fen: 1, returned_fen: 0, paid_by: 'cash' }, c.volunteer), 409);
  // Both members confirm, each once; nobody else may.
  const one = await stepOk(e.id, { step: 'confirm' }, c.volunteer);
  assert.equal(one.complete, false);
  assert.equal(one.confirmations.volunteer_user_id, c.volunteer.user.id);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'confirm' }, c.volunteer), 409);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'confirm' }, c.workerSty), 403);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'confirm' }, c.admin), 403);
  const both = await stepOk(e.id, { step: 'confirm' }, c.workerGrid);
  assert.equal(both.complete, true);
  // Complete: the team's volunteer is credited the errand's minutes in the
  // hours ledger, confirmed by the member who confirmed last (docs/volunteers.md).
  const hours = await get('/api/v1/me/volunteer/records', c.volunteer);
  assert.equal(hours.status, 200, hours.text);
  const credited = hours.body.items.filter((r) => r.source === 'errand' && r.source_id === e.id);
  assert.equal(credited.length, 1, hours.text);
  assert.deepEqual([credited[0].minutes, credited[0].state, credited[0].confirmed_by, credited[0].content],
    [50, 'confirmed', c.workerGrid.user.id, '代购/代办服务']);
  assert.equal(hours.body.total_minutes, 50);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'cancel', reason: '太晚' }, c.admin), 409);

  // Read back whole, with the history, audited.
  const before = errandReads(c.volunteer);
  const read = await get(`${ERRANDS}/${e.id}`, c.volunteer);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body.view, 'full');
  assert.equal(read.body.elder.name, '张桂兰');
  assert.ok(read.body.elder.address.includes('101'));
  assert.deepEqual(read.body.history.map((h) => h.step), ['create', 'start', 'substitute', 'deliver', 'settle', 'confirm', 'confirm']);
  assert.equal(errandReads(c.volunteer), before + 1);
  const audit = w.srv.sql(`SELECT action FROM audit_log WHERE subject_type = 'errand' AND subject_id = '${e.id}' ORDER BY id`).split('\n');
  assert.deepEqual(audit, ['errand.create', 'errand.start', 'errand.substitute', 'errand.deliver', 'errand.settle', 'errand.confirm', 'errand.confirm']);
  // Her history lists it; the open queue no longer does.
  const hers = await get(`${ELDERS}/${elder.id}/errands`, c.workerSty);
  assert.equal(hers.status, 200, hers.text);
  assert.ok(hers.body.items.some((x) => x.id === e.id));
  const open = await get(`${ERRANDS}?team_id=${team}&queue=open`, c.volunteer);
  assert.ok(!open.body.items.some((x) => x.id === e.id));
});

test('no team on duty: stays received until a team is; reassigned by a manager; cancelled with a reason', async () => {
  const { callers: c, admin } = w;
  // 后瓦 gets a grid and an elder, but no team yet.
  const hwGrid = await send('POST', '/api/v1/areas', {
    level: 'grid', name: '后瓦第一网格', code: 'BH-HW-1', parent_id: w.area['BH-HW'],
    boundary: { type: 'Polygon', coordinates: [[[111.12, 37.50], [111.13, 37.50], [111.13, 37.52], [111.12, 37.52], [111.12, 37.50]]] },
  }, admin);
  assert.equal(hwGrid.status, 201, hwGrid.text);
  const far = await w.createElder({ name: '李秀兰', lat: 37.51, lon: 111.125 }, admin);
  const e = await newErrand(far.id, { kind: 'medicine', pharmacy: '滨河大药房', what: '硝苯地平 2 盒' }, admin);
  assert.deepEqual([e.state, e.team_id, e.assign_reason], ['received', null, 'none_on_duty']);
  const none = await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'assign' }, admin);
  assertProblem(none, 409);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'start' }, admin), 409);
  // A team of 生态园 is not hers.
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'assign', team_id: team }, admin), 422, 'team_id');
  const hwTeam = await makeTeam({ grid_id: hwGrid.body.id, name: '后瓦组', worker_user_id: c.workerHw.user.id, volunteer_user_id: volunteer2.user.id });
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'assign' }, volunteer2), 403);
  const assigned = await stepOk(e.id, { step: 'assign' }, c.workerHw);
  assert.deepEqual([assigned.state, assigned.team_id, assigned.assign_reason], ['assigned', hwTeam, 'no_team_paired']);
  // Its team's volunteer now sees her whole (she is on no team of his).
  const seen = await get(`${ERRANDS}/${e.id}`, volunteer2);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.view, 'full');
  assert.equal(seen.body.elder.name, '李秀兰');
  // A second team, chosen by name; the first team's volunteer loses it.
  const night = await makeTeam({ grid_id: hwGrid.body.id, name: '后瓦夜班', rota: 'off', worker_user_id: c.workerHw.user.id, volunteer_user_id: c.volunteer.user.id });
  const moved = await stepOk(e.id, { step: 'assign', team_id: night }, admin);
  assert.deepEqual([moved.team_id, moved.assign_reason], [night, 'chosen']);
  assertProblem(await get(`${ERRANDS}/${e.id}`, volunteer2), 403);
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'cancel' }, c.volunteer), 422, 'reason');
  const cancelled = await stepOk(e.id, { step: 'cancel', reason: '家属已代买' }, c.volunteer);
  assert.deepEqual([cancelled.state, cancelled.cancel_reason], ['cancelled', '家属已代买']);
  const again = await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'cancel', reason: 'x' }, admin);
  assertProblem(again, 409);
  assert.match(again.body.detail, /allowed: none/);
});

test('the queues: a team\'s open, today and overdue; a community\'s; the supervision view', async () => {
  const { callers: c } = w;
  const e1 = await newErrand(elder.id, { kind: 'task', text: '交电费' });
  const e2 = await newErrand(elder.id, { kind: 'task', text: '取证明' });
  // e1 becomes overdue (received three days ago).
  w.srv.sql(`UPDATE errands SET received_at = received_at - 259200, due_at = due_at - 259200 WHERE id = ${e1.id}`, { readonly: false });
  const ids = async (query, who) => {
    const r = await get(`${ERRANDS}${query}`, who);
    assert.equal(r.status, 200, r.text);
    return r.body.items.map((x) => x.id);
  };
  const overdue = await ids(`?team_id=${team}&queue=overdue`, c.volunteer);
  assert.ok(overdue.includes(e1.id) && !overdue.includes(e2.id));
  const today = await ids(`?team_id=${team}&queue=today`, c.volunteer);
  assert.ok(today.includes(e1.id) && !today.includes(e2.id), 'due in 48 hours is not today');
  const open = await ids(`?team_id=${team}&queue=open`, c.volunteer);
  assert.ok(open.includes(e1.id) && open.includes(e2.id));
  assert.equal((await get(`${ERRANDS}/${e1.id}`, c.volunteer)).body.overdue, true);
  const community = await ids(`?community_id=${w.area['BH-STY']}&queue=open`, c.workerSty);
  assert.ok(community.includes(e1.id) && community.includes(e2.id));
  // The supervision view: the district's worker sees the overdue ones, masked.
  const sup = await get(`${ERRANDS}?queue=overdue`, c.workerDistrict);
  assert.equal(sup.status, 200, sup.text);
  const row = sup.body.items.find((x) => x.id === e1.id);
  assert.ok(row, sup.text);
  assert.equal(row.view, 'masked');
  assert.equal(row.may_step, false);
  assert.notEqual(row.elder.name, '张桂兰');
  assert.equal(row.elder.address, null);
  assert.ok(row.elder.phones.every((p) => p.includes('*')));
  assert.ok(!sup.body.items.some((x) => x.id === e2.id));
  // One audit row per page that showed her.
  assert.equal(Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE subject_type = 'elder_list' AND actor_user_id = ${c.workerDistrict.user.id} AND detail LIKE '%errands%'`)), 1);
  // Pages.
  const first = await get(`${ERRANDS}?team_id=${team}&limit=1`, c.volunteer);
  assert.equal(first.body.items.length, 1);
  assert.ok(first.body.next_cursor);
  const second = await get(`${ERRANDS}?team_id=${team}&limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`, c.volunteer);
  assert.ok(second.body.items[0].id < first.body.items[0].id);
  assertProblem(await get(`${ERRANDS}?queue=late`, c.admin), 422, 'queue');
  assertProblem(await get(`${ERRANDS}?team_id=x`, c.admin), 422, 'team_id');
  assertProblem(await get(`${ERRANDS}?limit=0`, c.admin), 422, 'limit');
});

test('who sees and who may act', async () => {
  const { callers: c } = w;
  const e = await newErrand(elder.id, { kind: 'task', text: '交燃气费' }, c.volunteer);  // her team's volunteer records it
  // Masked viewers read masked and take no step.
  for (const who of ['workerBh', 'workerDistrict']) {
    const r = await get(`${ERRANDS}/${e.id}`, c[who]);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.view, 'masked');
    assert.equal(r.body.history, null);
    assert.equal(r.body.note, null);
    // What was bought or done for her is hers: the kind and progress only.
    assert.equal(r.body.kind, 'task');
    assert.equal(r.body.work, null);
    assert.deepEqual(r.body.substitutions, []);
    assert.equal(r.body.cancel_reason, null);
    assert.ok(!JSON.stringify(r.body).includes('交燃气费'), r.text);
    assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'start' }, c[who]), 403);
    assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, shopping(), c[who]), 403);
    assert.equal((await get(`${ELDERS}/${elder.id}/errands`, c[who])).body.items[0].view, 'masked');
  }
  // Another area's worker and a volunteer of no team of hers: nothing.
  for (const who of [c.workerHw, volunteer2]) {
    assertProblem(await get(`${ERRANDS}/${e.id}`, who), 403);
    assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'start' }, who), 403);
    assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, shopping(), who), 403);
    assertProblem(await get(`${ELDERS}/${elder.id}/errands`, who), 403);
    assert.ok(!(await get(ERRANDS, who)).body.items.some((x) => x.elder_id === elder.id));
  }
  // Roles the routes do not admit.
  for (const who of ['resident', 'keeper', 'department']) {
    assertProblem(await get(ERRANDS, c[who]), 403);
    assertProblem(await get(`${ERRANDS}/${e.id}`, c[who]), 403);
    assertProblem(await send('POST', `${ELDERS}/${elder.id}/errands`, shopping(), c[who]), 403);
  }
  assertProblem(await w.srv.fetch(ERRANDS), 401);
  // Admins and her grid's worker act; the community's worker too.
  assert.equal((await stepOk(e.id, { step: 'start' }, c.workerSty)).state, 'doing');
  const all = await get(ERRANDS, c.admin);
  assert.ok(all.body.items.some((x) => x.id === e.id && x.view === 'full' && x.may_step));
});

test('bad input: malformed, wrong types, oversize, unknown ids, closed elder, amounts', async () => {
  const { callers: c, admin } = w;
  const path = `${ELDERS}/${elder.id}/errands`;
  assertProblem(await raw(path, '{"kind": ', admin), 400);
  assertProblem(await raw(path, '[]', admin), 400);
  assertProblem(await raw(path, JSON.stringify(shopping({ note: 'x'.repeat(20000) })), admin), 413);
  assertProblem(await send('POST', path, { kind: 'delivery' }, admin), 422, 'kind');
  assertProblem(await send('POST', path, { kind: 7 }, admin), 422, 'kind');
  assertProblem(await send('POST', path, {}, admin), 422, 'kind');
  assertProblem(await send('POST', path, shopping({ lines: [] }), admin), 422, 'lines');
  assertProblem(await send('POST', path, shopping({ lines: 'eggs' }), admin), 422, 'lines');
  assertProblem(await send('POST', path, shopping({ lines: Array(31).fill({ text: 'x', budget_fen: 1 }) }), admin), 422, 'lines');
  assertProblem(await send('POST', path, shopping({ lines: [{ text: '鸡蛋', budget_fen: -1 }] }), admin), 422, 'lines[0].budget_fen');
  assertProblem(await send('POST', path, shopping({ lines: [{ text: '鸡蛋', budget_fen: 1.5 }] }), admin), 422, 'lines[0].budget_fen');
  assertProblem(await send('POST', path, shopping({ lines: [{ text: '鸡蛋', budget_fen: '100' }] }), admin), 422, 'lines[0].budget_fen');
  assertProblem(await send('POST', path, shopping({ lines: [{ text: '', budget_fen: 1 }, 3] }), admin), 422, 'lines[1]');
  assertProblem(await send('POST', path, shopping({ lines: [{ text: '鸡蛋', budget_fen: 1, colour: 'red' }] }), admin), 422, 'lines[0].colour');
  assertProblem(await send('POST', path, { kind: 'medicine', pharmacy: '大药房' }, admin), 422, 'what');
  assertProblem(await send('POST', path, { kind: 'task', text: '交水费', urgent: true }, admin), 422, 'urgent');
  assertProblem(await send('POST', `${ELDERS}/999999/errands`, shopping(), admin), 404);
  assertProblem(await send('POST', `${ELDERS}/x/errands`, shopping(), admin), 404);
  assertProblem(await get(`${ELDERS}/999999/errands`, admin), 404);
  assertProblem(await get(`${ERRANDS}/999999`, admin), 404);
  assertProblem(await send('POST', `${ERRANDS}/999999/steps`, { step: 'start' }, admin), 404);

  const e = await newErrand(elder.id);
  const steps = `${ERRANDS}/${e.id}/steps`;
  assertProblem(await raw(steps, 'not json', admin), 400);
  // A step's body may carry a receipt photo (base64 of up to 5 MB): beyond that, 413.
  // Refused from its Content-Length, before the body is read (fetch() would
  // fail writing a body the server no longer reads: raw bytes here).
  const big = await rawRequest(new URL(w.srv.url).port, `POST ${steps} HTTP/1.1\r\nHost: localhost\r\n` +
    `Authorization: Bearer ${admin.token}\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  assertProblem(await send('POST', steps, { step: 'cancel', reason: 'x'.repeat(5000) }, admin), 422, 'reason');
  assertProblem(await send('POST', steps, { step: 'fly' }, admin), 422, 'step');
  assertProblem(await send('POST', steps, { step: 3 }, admin), 422, 'step');
  assertProblem(await send('POST', steps, {}, admin), 422, 'step');
  assertProblem(await send('POST', steps, { step: 'start', extra: 1 }, admin), 422, 'extra');
  assertProblem(await send('POST', steps, { step: 'assign', team_id: 'one' }, admin), 422, 'team_id');
  await stepOk(e.id, { step: 'start' }, c.volunteer);
  assertProblem(await send('POST', steps, { step: 'substitute', original: '鸡蛋' }, admin), 422, 'replacement');
  assertProblem(await send('POST', steps, { step: 'substitute', original: 'a', replacement: 'b', confirmed_by: 'c', confirmed_at: 'yesterday' }, admin), 422, 'confirmed_at');
  assertProblem(await send('POST', steps, { step: 'substitute', original: 'a', replacement: 'b', confirmed_by: 'c', confirmed_at: '2020-01-01T08:00:00+08:00' }, admin), 422, 'confirmed_at');
  assertProblem(await send('POST', steps, { step: 'deliver' }, admin), 422, 'received_by');
  assertProblem(await send('POST', steps, { step: 'deliver', received_by: '张桂兰', volunteer_minutes: 1441 }, admin), 422, 'volunteer_minutes');
  assertProblem(await send('POST', steps, { step: 'deliver', received_by: '张桂兰', at: '2099-01-01T08:00:00+08:00' }, admin), 422, 'at');
  await stepOk(e.id, { step: 'deliver', received_by: '张桂兰的女儿' }, c.volunteer);
  const settle = (extra) => send('POST', steps, { step: 'settle', receipt_fen: 2000, advanced_fen: 5000, returned_fen: 3000, paid_by: 'wechat', ...extra }, c.volunteer);
  assertProblem(await settle({ receipt_fen: -1 }), 422, 'receipt_fen');
  assertProblem(await settle({ advanced_fen: 12.5 }), 422, 'advanced_fen');
  assertProblem(await settle({ returned_fen: '3000' }), 422, 'returned_fen');
  assertProblem(await settle({ returned_fen: 6000 }), 422, 'returned_fen');
  assertProblem(await settle({ paid_by: 'ious' }), 422, 'paid_by');
  assertProblem(await settle({ receipt_fen: undefined }), 422, 'receipt_fen');
  const ok = await settle({});
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.settlement.paid_by, 'wechat');

  // A closed record takes no new errand.
  const gone = await w.createElder({ name: '赵玉兰' });
  assert.equal((await send('POST', `${ELDERS}/${gone.id}/close`, { reason: 'moved_out' }, admin)).status, 200);
  assertProblem(await send('POST', `${ELDERS}/${gone.id}/errands`, shopping(), admin), 409);
});

test('the receipt photo: sent with the account, stripped, stored by content, shown whole only, audited', async () => {
  const { callers: c } = w;
  const e = await newErrand(elder.id);
  await stepOk(e.id, { step: 'start' }, c.volunteer);
  await stepOk(e.id, { step: 'deliver', received_by: '张桂兰' }, c.volunteer);
  const settled = await stepOk(e.id, {
    step: 'settle', receipt_fen: 1980, advanced_fen: 2000, returned_fen: 20, paid_by: 'cash',
    receipt_photo: dataUrl('image/jpeg', JPEG_WITH_GPS),
  }, c.volunteer);
  assert.equal(settled.receipt_photo, `${ERRANDS}/${e.id}/receipt-photo`);
  const event = JSON.parse(w.srv.sql(`SELECT detail FROM errand_events WHERE errand_id = ${e.id} AND step = 'settle'`));
  assert.equal(event.receipt_photo, true);

  // Stored once, by the SHA-256 of the stripped picture: the GPS segment is gone.
  const sha = w.srv.sql(`SELECT sha256 FROM errand_receipts WHERE errand_id = ${e.id}`).trim();
  assert.equal(sha, createHash('sha256').update(JPEG).digest('hex'));
  for (const who of [c.volunteer, c.workerGrid, c.workerSty, c.admin]) {
    const before = receiptReads(who);
    const got = await photoOf(e.id, who);
    assert.equal(got.status, 200);
    assert.equal(got.type, 'image/jpeg');
    assert.equal(got.cache, 'private, no-store');
    assert.deepEqual(got.bytes, JPEG);
    assert.equal(receiptReads(who), before + 1, 'audited before the answer');
    const read = await get(`${ERRANDS}/${e.id}`, who);
    assert.equal(read.body.receipt_photo, `${ERRANDS}/${e.id}/receipt-photo`);
  }
  // Masked viewers see no photo and may not fetch it; others nothing at all.
  for (const who of [c.workerBh, c.workerDistrict]) {
    const read = await get(`${ERRANDS}/${e.id}`, who);
    assert.equal(read.body.view, 'masked');
    assert.equal(read.body.receipt_photo, null);
    assert.equal((await get(`${ELDERS}/${elder.id}/errands`, who)).body.items.find((x) => x.id === e.id).receipt_photo, null);
    assert.equal((await photoOf(e.id, who)).status, 403);
    assert.equal(receiptReads(who), 0);
  }
  for (const who of [c.workerHw, volunteer2, c.resident, c.keeper, c.department]) assert.equal((await photoOf(e.id, who)).status, 403);
  assert.equal((await photoOf(e.id)).status, 401);
  assert.equal((await photoOf(999999, c.admin)).status, 404);
  // An errand settled without a photo has none.
  const plain = await newErrand(elder.id);
  await stepOk(plain.id, { step: 'start' }, c.volunteer);
  await stepOk(plain.id, { step: 'deliver', received_by: '张桂兰' }, c.volunteer);
  const noPhoto = await stepOk(plain.id, { step: 'settle', receipt_fen: 0, advanced_fen: 0, returned_fen: 0, paid_by: 'other', receipt_photo: null }, c.volunteer);
  assert.equal(noPhoto.receipt_photo, null);
  assert.equal((await photoOf(plain.id, c.admin)).status, 404);
  // Settling twice does not replace the photo.
  assertProblem(await send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'settle', receipt_fen: 1, advanced_fen: 1, returned_fen: 0, paid_by: 'cash', receipt_photo: PNG.toString('base64') }, c.volunteer), 409);
  assert.deepEqual((await photoOf(e.id, c.admin)).bytes, JPEG);
});

test('a receipt photo that is not a JPEG or PNG picture of at most 5 MB is refused 422 naming it', async () => {
  const { callers: c } = w;
  const e = await newErrand(elder.id);
  await stepOk(e.id, { step: 'start' }, c.volunteer);
  await stepOk(e.id, { step: 'deliver', received_by: '张桂兰' }, c.volunteer);
  const settle = (photo) => send('POST', `${ERRANDS}/${e.id}/steps`, { step: 'settle', receipt_fen: 100, advanced_fen: 100, returned_fen: 0, paid_by: 'wechat', receipt_photo: photo }, c.volunteer);
  const bad = [
    12, true, {}, ['x'], '', 'not base64 at all!',
    Buffer.from('a receipt, honest').toString('base64'),               // not a picture
    JPEG.subarray(0, JPEG.length - 2).toString('base64'),               // cut off
    WEBP.toString('base64'), dataUrl('image/webp', WEBP),               // a type receipts do not take
    'data:image/gif;base64,R0lGODlhAQABAAAAACw=', dataUrl('image/png', JPEG), `data:image/jpeg,${JPEG.toString('base64')}`,
    Buffer.concat([JPEG.subarray(0, 2), Buffer.alloc(5_000_001)]).toString('base64'),  // over 5 MB
  ];
  for (const photo of bad) {
    const r = await settle(photo);
    assertProblem(r, 422, 'receipt_photo');
  }
  // Nothing was written: the errand is still delivered, and a PNG settles it.
  assert.equal((await get(`${ERRANDS}/${e.id}`, c.admin)).body.state, 'delivered');
  const ok = await settle(PNG.toString('base64'));
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await photoOf(e.id, c.volunteer)).type, 'image/png');
});
