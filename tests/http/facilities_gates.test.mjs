// Gate devices: a keeper issues a token for their lot, the device reports
// free spaces with X-Gate-Token alone, revoking stops it; audit, permissions
// and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacility, startWithTwoKeepers } from './lib/fixtures.mjs';

const API = '/api/v1/facilities';
let srv;
let admin;
let keeper;
let otherKeeper;
let resident;
let lotId;
let toiletId;

const create = (body) => createFacility(srv, admin, body);

before(async () => {
  let orgA;
  ({ srv, admin, resident, orgA, keeper, otherKeeper } =
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
