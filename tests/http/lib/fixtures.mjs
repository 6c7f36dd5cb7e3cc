// Small builders the tests share: an organisation, a keeper of it signed in,
// a facility created by an admin, a photo attached to an appeal. Each
// asserts its own answer.
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './server.mjs';

export async function makeOrg(srv, admin, name, kind = 'keeper') {
  const r = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind, name } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

// A keeper of organisation `orgId`, signed in ({token, …} from srv.login).
export async function makeKeeper(srv, admin, username, orgId, displayName = '管理员') {
  const u = await srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token,
    json: { username, display_name: displayName, role: 'keeper', password: 'keeper-pass-1', organisation_ids: [orgId] },
  });
  assert.equal(u.status, 201, u.text);
  return srv.login(username, 'keeper-pass-1');
}

export async function createFacility(srv, admin, body) {
  const r = await srv.fetch('/api/v1/facilities', { method: 'POST', token: admin.token, json: body });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

// A server with an admin, a resident, and two keeper organisations with one
// signed-in keeper each: {srv, admin, resident, orgA, orgB, keeper, otherKeeper}.
export async function startWithTwoKeepers([nameA, nameB], [userA, userB]) {
  const base = await startWithAdminAndResident();
  const { srv, admin } = base;
  const orgA = await makeOrg(srv, admin, nameA);
  const orgB = await makeOrg(srv, admin, nameB);
  const keeper = await makeKeeper(srv, admin, userA, orgA);
  const otherKeeper = await makeKeeper(srv, admin, userB, orgB);
  return { ...base, orgA, orgB, keeper, otherKeeper };
}

// Attaches one photo to an appeal the way its submitter does: the body is
// the image, X-Photo-Token the photo_token of the submission's answer.
export function attachPhoto(srv, receipt, bytes, type = 'image/png', { token, photoToken = receipt.photo_token } = {}) {
  const headers = { 'content-type': type };
  if (photoToken) headers['x-photo-token'] = photoToken;
  return srv.fetch(`/api/v1/appeals/${receipt.id}/photos`, { method: 'POST', body: bytes, token, headers });
}

// The appeals tests' world: an admin, a resident, a worker, two departments
// (区住建局 = orgId with its user zhujian, 区城管局 = otherOrgId with
// chengguan), a keeper, and the category `roads` of 区住建局 with the given
// questions. `options` go to startServer (args, dir).
export async function startAppealsWorld(attributes = [], options = {}) {
  const { srv, admin, resident } = await startWithAdminAndResident(options);
  const orgId = await makeOrg(srv, admin, '区住建局', 'department');
  const other = await makeOrg(srv, admin, '区城管局', 'department');
  const user = (username, role, orgs) => srv.createUser(admin, username, role, orgs);
  const world = {
    srv, admin, resident, orgId, otherOrgId: other,
    worker: await user('wangge', 'worker'),
    dept: await user('zhujian', 'department', [orgId]),
    otherDept: await user('chengguan', 'department', [other]),
    keeper: await user('keeper1', 'keeper'),
  };
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'roads', name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: orgId,
      response_hours: 24, resolution_days: 5, attributes },
  });
  assert.equal(c.status, 201, c.text);
  return world;
}
