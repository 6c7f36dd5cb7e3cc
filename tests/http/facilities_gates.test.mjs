// Gate devices: a keeper issues a token for their lot, the device reports
// free spaces with X-Gate-Token alone, revoking stops it; audit, permissions
// and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacility, makeKeeper, startWithTwoKeepers } from './lib/fixtures.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let keeper;
let otherKeeper;
let resident;
let lotId;
let toiletId;
let orgA;
let orgB;

const create = (body) => createFacility(srv, admin, body);

before(async () => {
  ({ srv, admin, resident, orgA, orgB, keeper, otherKeeper } =
    await startWithTwoKeepers(['区税务局', '区人民医院'], ['lot_a', 'lot_b']));
  const at = { lat: 37.521, lon: 111.141, keeper_org_id: orgA, opening_hours: '24/7' };
  lotId = await create({ kind: 'parking', name: '税务局停车场', address: '滨河北路 8 号', ...at, amenities: { capacity: 60 } });
  toiletId = await create({ kind: 'toilet', name: '税务局公厕', address: '滨河北路 8 号', ...at });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const issue = (id, json, token) => srv.fetch(`${API}/${id}/gate-tokens`, { method: 'POST', token, json });
const gatePost = (gateToken, json) => srv.fetch('/api/v1/gate/occupancy', {
  method: 'POST', json, headers: gateToken === undefined ? {} : { 'x-gate-token': gateToken },
});

test('a keeper issues a token; the device reports with it alone; the list never shows tokens', async () => {
  const issued = await issue(lotId, { label: '北门道闸' }, keeper.token);
  assert.equal(issued.status, 201, issued.text);
  assert.equal(issued.body.facility_id, lotId);
  assert.equal(issued.body.label, '北门道闸');
  assert.match(issued.body.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(issued.body.last_used_at, null);

  const report = await gatePost(issued.body.token, { free_spaces: 12 });
  assert.equal(report.status, 200, report.text);
  assert.equal(report.body.facility_id, lotId);
  assert.equal(report.body.free_spaces, 12);
  const lot = await srv.fetch(`${API}/${lotId}`);
  assert.equal(lot.body.free_spaces, 12);

  const list = await srv.fetch(`${API}/${lotId}/gate-tokens`, { token: keeper.token });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items.length, 1);
  assert.equal('token' in list.body.items[0], false);
  assert.doesNotMatch(list.text, new RegExp(issued.body.token));
  assert.match(list.body.items[0].last_used_at, /\+08:00$/);
  assert.equal(list.body.items[0].revoked_at, null);

  const audit = await srv.fetch('/api/v1/audit?action=facility.gate_token_issue', { token: admin.token });
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.body.items.some((e) => e.subject_id === String(lotId)), audit.text);
  assert.doesNotMatch(audit.text, new RegExp(issued.body.token));
});

test('a revoked token is refused at once; revoking twice is 404', async () => {
  const issued = await issue(lotId, { label: '南门' }, admin.token);
  assert.equal(issued.status, 201);
  assert.equal((await gatePost(issued.body.token, { free_spaces: 5 })).status, 200);
  const revoked = await srv.fetch(`${API}/${lotId}/gate-tokens/${issued.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(revoked.status, 204, revoked.text);
  const refused = await gatePost(issued.body.token, { free_spaces: 6 });
  assert.equal(refused.status, 401);
  assert.equal((await srv.fetch(`${API}/${lotId}`)).body.free_spaces, 5);
  const again = await srv.fetch(`${API}/${lotId}/gate-tokens/${issued.body.id}`, { method: 'DELETE', token: keeper.token });
  assert.equal(again.status, 404);
  const list = await srv.fetch(`${API}/${lotId}/gate-tokens`, { token: admin.token });
  assert.match(list.body.items.find((t) => t.id === issued.body.id).revoked_at, /\+08:00$/);
});

test('permissions: other keeper 403, resident 403, no session 401; a gate token is no session', async () => {
  assert.equal((await issue(lotId, { label: 'x' }, otherKeeper.token)).status, 403);
  assert.equal((await issue(lotId, { label: 'x' }, resident.token)).status, 403);
  assert.equal((await issue(lotId, { label: 'x' })).status, 401);
  assert.equal((await srv.fetch(`${API}/${lotId}/gate-tokens`, { token: otherKeeper.token })).status, 403);
  assert.equal((await srv.fetch(`${API}/${lotId}/gate-tokens/1`, { method: 'DELETE', token: otherKeeper.token })).status, 403);
  const issued = await issue(lotId, { label: '东门' }, keeper.token);
  const asSession = await srv.fetch(`${API}/${lotId}/occupancy`, { method: 'POST', token: issued.body.token, json: { free_spaces: 1 } });
  assert.equal(asSession.status, 401);
});

test('bad input: missing or unknown gate token 401, over capacity 422, malformed 400, not a lot 409, unknown lot 404', async () => {
  assert.equal((await gatePost(undefined, { free_spaces: 1 })).status, 401);
  assert.equal((await gatePost('', { free_spaces: 1 })).status, 401);
  assert.equal((await gatePost('not-a-token', { free_spaces: 1 })).status, 401);
  const issued = await issue(lotId, { label: '西门' }, keeper.token);
  const over = await gatePost(issued.body.token, { free_spaces: 61 });
  assert.equal(over.status, 422);
  assert.deepEqual(over.body.errors.map((e) => e.field), ['free_spaces']);
  assert.equal((await gatePost(issued.body.token, { free_spaces: '3' })).status, 422);
  const malformed = await srv.fetch('/api/v1/gate/occupancy', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-gate-token': issued.body.token }, body: '{"free',
  });
  assert.equal(malformed.status, 400);
  assert.equal((await issue(toiletId, { label: '厕所' }, keeper.token)).status, 409);
  assert.equal((await issue(999999, { label: 'x' }, admin.token)).status, 404);
  const noLabel = await issue(lotId, {}, keeper.token);
  assert.equal(noLabel.status, 422);
  assert.equal((await issue(lotId, { label: 'x'.repeat(65) }, keeper.token)).status, 422);
});

// A gate token holds only while what it was issued under holds (issue 11, item 9).
const patchUser = (id, json) => srv.fetch(`/api/v1/users/${id}`, { method: 'PATCH', token: admin.token, json });
const newLot = (name) => create({ kind: 'parking', name, address: '滨河北路 9 号', lat: 37.522, lon: 111.142, keeper_org_id: orgA, amenities: { capacity: 40 } });
function assertNoLongerValid(res, why) {
  assert.equal(res.status, 401, res.text);
  assert.match(res.body.detail, new RegExp(`^this gate token is no longer valid: ${why}$`));
}

test('a token dies while the keeper who issued it is disabled, and lives again when enabled', async () => {
  const lot = await newLot('东区停车场');
  const zhao = await makeKeeper(srv, admin, 'gate_keeper_zhao', orgA);
  const issued = await issue(lot, { label: '东门' }, zhao.token);
  assert.equal(issued.status, 201, issued.text);
  assert.equal((await gatePost(issued.body.token, { free_spaces: 7 })).status, 200);

  assert.equal((await patchUser(zhao.user.id, { disabled: true })).status, 200);
  assertNoLongerValid(await gatePost(issued.body.token, { free_spaces: 8 }), 'its keeper was disabled');
  assert.equal((await srv.fetch(`${API}/${lot}`)).body.free_spaces, 7);
  // A token of the same lot issued by someone still active goes on working.
  const byAdmin = await issue(lot, { label: '西门' }, admin.token);
  assert.equal((await gatePost(byAdmin.body.token, { free_spaces: 9 })).status, 200);

  assert.equal((await patchUser(zhao.user.id, { disabled: false })).status, 200);
  assert.equal((await gatePost(issued.body.token, { free_spaces: 10 })).status, 200);
});

test('a token dies when its keeper leaves the organisation that keeps the lot', async () => {
  const lot = await newLot('南区停车场');
  const qian = await makeKeeper(srv, admin, 'gate_keeper_qian', orgA);
  const issued = await issue(lot, { label: '南门' }, qian.token);
  assert.equal(issued.status, 201, issued.text);
  assert.equal((await patchUser(qian.user.id, { organisation_ids: [orgB] })).status, 200);
  assertNoLongerValid(await gatePost(issued.body.token, { free_spaces: 3 }), 'its keeper no longer keeps this lot');
});

test('every token of a lot dies when the lot changes hands, the admin\'s too; the new keeper issues new ones', async () => {
  const lot = await newLot('北区停车场');
  const byKeeper = await issue(lot, { label: '北门' }, keeper.token);
  const byAdmin = await issue(lot, { label: '北门二' }, admin.token);
  assert.equal((await gatePost(byKeeper.body.token, { free_spaces: 4 })).status, 200);
  assert.equal((await gatePost(byAdmin.body.token, { free_spaces: 4 })).status, 200);

  const moved = await srv.fetch(`${API}/${lot}`, { method: 'PATCH', token: admin.token, json: { keeper_org_id: orgB } });
  assert.equal(moved.status, 200, moved.text);
  assertNoLongerValid(await gatePost(byKeeper.body.token, { free_spaces: 5 }), 'the lot has a new keeper');
  assertNoLongerValid(await gatePost(byAdmin.body.token, { free_spaces: 5 }), 'the lot has a new keeper');
  assert.equal((await srv.fetch(`${API}/${lot}`)).body.free_spaces, 4);

  const fresh = await issue(lot, { label: '北门' }, otherKeeper.token);
  assert.equal(fresh.status, 201, fresh.text);
  assert.equal((await gatePost(fresh.body.token, { free_spaces: 6 })).status, 200);
});
