// Accounts over real HTTP: sign-in, sessions (bearer and cookie + CSRF),
// throttling, expiry, user administration, the role matrix and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { waitFor } from './lib/wait.mjs';

const ROLES = ['resident', 'worker', 'volunteer', 'keeper', 'department'];

let srv;
let admin;
const tokens = {}; // role → bearer token of a user with that role

before(async () => {
  srv = await startServer({
    users: [
      { username: 'admin', password: 'admin-pass-1', role: 'admin', display_name: '区管理员' },
      { username: 'victim', password: 'victim-pass-1', role: 'resident' },
      ...ROLES.map((role) => ({ username: `u-${role}`, password: `pass-${role}-1`, role })),
    ],
  });
  admin = await srv.login('admin', 'admin-pass-1');
  for (const role of ROLES) tokens[role] = (await srv.login(`u-${role}`, `pass-${role}-1`)).token;
});
after(async () => { await srv.stop(); srv.cleanup(); });

function assertProblem(res, status, detail) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  if (detail) assert.match(res.body.detail, detail);
}

function fieldsOf(res) {
  return (res.body.errors || []).map((e) => e.field).sort();
}

async function createUser(body) {
  return srv.fetch('/api/v1/users', { method: 'POST', token: admin.token, json: body });
}

test('login answers a token, a CSRF token, the expiry and the user, and sets the cookie', async () => {
  const res = await fetch(srv.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(body.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(body.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.equal(body.user.username, 'admin');
  assert.equal(body.user.display_name, '区管理员');
  assert.equal(body.user.role, 'admin');
  assert.deepEqual(body.user.organisation_ids, []);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, new RegExp(`^wc_session=${body.token}; `));
  for (const attr of ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=43200']) {
    assert.ok(cookie.includes(attr), `${attr} in ${cookie}`);
  }
  assert.ok(!cookie.includes('Secure'), 'no Secure flag without --secure-cookie');
});

test('a wrong password and an unknown user get the same 401', async () => {
  const wrong = await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'admin', password: 'not-the-password' } });
  const unknown = await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'nobody', password: 'not-the-password' } });
  assertProblem(wrong, 401, /wrong username or password/);
  assertProblem(unknown, 401, /wrong username or password/);
  assert.equal(wrong.body.detail, unknown.body.detail);
});

test('login input: malformed JSON 400, wrong content type 415, missing and unknown fields 422', async () => {
  const bad = await srv.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
  assertProblem(bad, 400);
  const form = await srv.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin' });
  assertProblem(form, 415);
  const fields = await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'admin', remember: true } });
  assertProblem(fields, 422);
  assert.deepEqual(fieldsOf(fields), ['password', 'remember']);
});

test('after 5 failures from one address the account is throttled there: 429 with Retry-After, even for the right password', async () => {
  for (let i = 0; i < 5; i++) {
    const res = await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'victim', password: `guess-${i}-xx` } });
    assertProblem(res, 401);
  }
  const blocked = await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'VICTIM', password: 'victim-pass-1' } });
  assertProblem(blocked, 429, /try again/);
  const retry = Number(blocked.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
  // Other accounts are not affected (other addresses neither: login_throttle.test.mjs).
  assert.ok((await srv.login('admin', 'admin-pass-1')).token);
});

test('GET /me works with a bearer token and with the cookie, and shows own phone unmasked', async () => {
  const created = await createUser({ username: 'zhaolei', display_name: '赵磊', role: 'worker', password: 'zhaolei-pass', phone: '13912345678' });
  assert.equal(created.status, 201, created.text);
  const s = await srv.login('zhaolei', 'zhaolei-pass');
  const byBearer = await srv.fetch('/api/v1/me', { token: s.token });
  assert.equal(byBearer.status, 200, byBearer.text);
  assert.equal(byBearer.body.username, 'zhaolei');
  assert.equal(byBearer.body.phone, '13912345678');
  assert.deepEqual(byBearer.body.organisations, []);
  const byCookie = await srv.fetch('/api/v1/me', { headers: { cookie: s.cookie } });
  assert.equal(byCookie.status, 200, byCookie.text);
  assert.equal(byCookie.body.id, byBearer.body.id);
});

test('cookie sessions: an unsafe request needs X-CSRF-Token; bearer requests do not', async () => {
  const s = await srv.login('admin', 'admin-pass-1');
  const json = { kind: 'community', name: '凤山社区' };
  const missing = await srv.fetch('/api/v1/organisations', { method: 'POST', headers: { cookie: s.cookie }, json });
  assertProblem(missing, 403, /X-CSRF-Token/);
  const wrong = await srv.fetch('/api/v1/organisations', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': admin.csrf_token }, json });
  assertProblem(wrong, 403, /X-CSRF-Token/);
  const ok = await srv.fetch('/api/v1/organisations', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf_token }, json });
  assert.equal(ok.status, 201, ok.text);
  const bearer = await srv.fetch('/api/v1/organisations', { method: 'POST', token: s.token, json: { kind: 'grid', name: '凤山一网格' } });
  assert.equal(bearer.status, 201, bearer.text);

  const out = await srv.fetch('/api/v1/auth/logout', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf_token } });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /^wc_session=; .*Max-Age=0/);
  assertProblem(await srv.fetch('/api/v1/me', { headers: { cookie: s.cookie } }), 401);
});

test('logout revokes the bearer session: the token then gets 401', async () => {
  const s = await srv.login('u-worker', 'pass-worker-1');
  assert.equal((await srv.fetch('/api/v1/me', { token: s.token })).status, 200);
  assert.equal((await srv.fetch('/api/v1/auth/logout', { method: 'POST', token: s.token })).status, 204);
  const after = await srv.fetch('/api/v1/me', { token: s.token });
  assertProblem(after, 401, /revoked/);
  assert.equal(after.headers.get('www-authenticate'), 'Bearer');
});

test('no session or a bad token: 401 on every non-public accounts route', async () => {
  for (const [method, path] of [['GET', '/api/v1/me'], ['POST', '/api/v1/auth/logout'], ['PUT', '/api/v1/me/password'],
    ['GET', '/api/v1/users'], ['POST', '/api/v1/users'], ['GET', '/api/v1/users/1'], ['PATCH', '/api/v1/users/1'],
    ['PUT', '/api/v1/users/1/password'], ['GET', '/api/v1/organisations'], ['POST', '/api/v1/organisations'], ['GET', '/api/v1/audit']]) {
    const opts = { method, ...(method === 'GET' ? {} : { json: {} }) };
    assertProblem(await srv.fetch(path, opts), 401);
  }
  assertProblem(await srv.fetch('/api/v1/me', { token: 'not-a-token' }), 401, /invalid session/);
  assertProblem(await srv.fetch('/api/v1/me', { token: 'A'.repeat(43) }), 401, /invalid session/);
  assertProblem(await srv.fetch('/api/v1/me', { headers: { authorization: 'Basic YWRtaW46eA==' } }), 401);
});

test('every non-admin role gets 403 on the admin routes, and may list organisations', async () => {
  for (const role of ROLES) {
    const token = tokens[role];
    for (const [method, path, json] of [['GET', '/api/v1/users'], ['POST', '/api/v1/users', { username: 'x' }],
      ['GET', '/api/v1/users/1'], ['PATCH', '/api/v1/users/1', { role: 'admin' }],
      ['PUT', '/api/v1/users/1/password', { password: 'whatever-1' }],
      ['POST', '/api/v1/organisations', { kind: 'grid', name: 'x' }], ['GET', '/api/v1/audit']]) {
      assertProblem(await srv.fetch(path, { method, token, json }), 403);
    }
    const orgs = await srv.fetch('/api/v1/organisations', { token });
    assert.equal(orgs.status, 200, `${role}: ${orgs.text}`);
    assert.ok(Array.isArray(orgs.body.items));
  }
});

test('admin creates users: 201 with Location and masked phone; 409 duplicate; 422 bad, unknown and missing fields', async () => {
  const org = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区住建局' } });
  assert.equal(org.status, 201, org.text);
  assert.equal(org.headers.get('location'), `/api/v1/organisations/${org.body.id}`);
  const res = await createUser({ username: 'wangfang', display_name: '王芳', role: 'department', password: 'wangfang-pass', phone: '0358-8221234', organisation_ids: [org.body.id] });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/users/${res.body.id}`);
  assert.equal(res.body.phone, '0358-******4');
  assert.deepEqual(res.body.organisation_ids, [org.body.id]);
  assert.equal(res.body.disabled, false);
  assert.match(res.body.created_at, /\+08:00$/);
  assert.equal(res.body.password, undefined);
  assert.equal(res.body.password_hash, undefined);

  const me = await srv.fetch('/api/v1/me', { token: (await srv.login('wangfang', 'wangfang-pass')).token });
  assert.deepEqual(me.body.organisations, [{ id: org.body.id, kind: 'department', name: '区住建局' }]);

  assertProblem(await createUser({ username: 'wangfang', display_name: '另一个', role: 'resident', password: 'another-pass' }), 409, /taken/);

  const bad = await createUser({ username: 'Bad Name', display_name: '', role: 'boss', password: 'short', phone: '12345', organisation_ids: ['x'], nickname: 'x' });
  assertProblem(bad, 422);
  assert.deepEqual(fieldsOf(bad), ['display_name', 'nickname', 'organisation_ids', 'password', 'phone', 'role', 'username']);
  const missing = await createUser({});
  assertProblem(missing, 422);
  assert.deepEqual(fieldsOf(missing), ['display_name', 'password', 'role', 'username']);
  const noOrg = await createUser({ username: 'liuyang', display_name: '刘洋', role: 'worker', password: 'liuyang-pass', organisation_ids: [99999] });
  assertProblem(noOrg, 422);
  assert.deepEqual(fieldsOf(noOrg), ['organisation_ids']);

  assertProblem(await srv.fetch('/api/v1/users', { method: 'POST', token: admin.token, headers: { 'content-type': 'application/json' }, body: '[1,2' }), 400);
  assertProblem(await srv.fetch('/api/v1/users', { method: 'POST', token: admin.token, headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415);
});

test('admin lists users newest first, by role, page by page, phones masked', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await createUser({ username: `vol-${i}`, display_name: `志愿者${i}`, role: 'volunteer', password: 'volunteer-pass', phone: `1381234567${i}` });
    assert.equal(r.status, 201, r.text);
  }
  const first = await srv.fetch('/api/v1/users?role=volunteer&limit=2', { token: admin.token });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.body.items.map((u) => u.username), ['vol-2', 'vol-1']);
  assert.equal(first.body.items[0].phone, '138****5672');
  assert.ok(first.body.next_cursor);
  const second = await srv.fetch(`/api/v1/users?role=volunteer&limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: admin.token });
  assert.deepEqual(second.body.items.map((u) => u.username), ['vol-0', 'u-volunteer']);
  assert.equal(second.body.next_cursor, null);
  assertProblem(await srv.fetch('/api/v1/users?limit=0', { token: admin.token }), 422);
  assertProblem(await srv.fetch('/api/v1/users?limit=201', { token: admin.token }), 422);
  assertProblem(await srv.fetch('/api/v1/users?cursor=zzz', { token: admin.token }), 422);
  assertProblem(await srv.fetch('/api/v1/users?role=boss', { token: admin.token }), 422);
});

test('GET /users/{id}: masked phone; ?reveal=phone unmasks it; bad and unknown ids are 404', async () => {
  const created = await createUser({ username: 'chenjing', display_name: '陈静', role: 'resident', password: 'chenjing-pass', phone: '13712345678' });
  const path = `/api/v1/users/${created.body.id}`;
  const masked = await srv.fetch(path, { token: admin.token });
  assert.equal(masked.status, 200);
  assert.equal(masked.body.phone, '137****5678');
  const revealed = await srv.fetch(`${path}?reveal=phone`, { token: admin.token });
  assert.equal(revealed.status, 200);
  assert.equal(revealed.body.phone, '13712345678');
  assertProblem(await srv.fetch(`${path}?reveal=address`, { token: admin.token }), 422);
  assertProblem(await srv.fetch('/api/v1/users/abc', { token: admin.token }), 404);
  assertProblem(await srv.fetch('/api/v1/users/0', { token: admin.token }), 404);
  assertProblem(await srv.fetch('/api/v1/users/999999', { token: admin.token }), 404);
  assertProblem(await srv.fetch('/api/v1/users/999999', { method: 'PATCH', token: admin.token, json: { display_name: 'x' } }), 404);
  assertProblem(await srv.fetch('/api/v1/users/abc/password', { method: 'PUT', token: admin.token, json: { password: 'long-enough-1' } }), 404);
});

test('PATCH /users/{id}: a role change answers the user and signs them out; admins cannot lock themselves out', async () => {
  const created = await createUser({ username: 'sunli', display_name: '孙丽', role: 'worker', password: 'sunli-pass-1' });
  const id = created.body.id;
  const s = await srv.login('sunli', 'sunli-pass-1');
  const res = await srv.fetch(`/api/v1/users/${id}`, { method: 'PATCH', token: admin.token, json: { role: 'volunteer', display_name: '孙丽丽', phone: '13612345678' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.role, 'volunteer');
  assert.equal(res.body.display_name, '孙丽丽');
  assert.equal(res.body.phone, '136****5678');
  assertProblem(await srv.fetch('/api/v1/me', { token: s.token }), 401);

  const cleared = await srv.fetch(`/api/v1/users/${id}`, { method: 'PATCH', token: admin.token, json: { phone: null } });
  assert.equal(cleared.body.phone, null);
  const bad = await srv.fetch(`/api/v1/users/${id}`, { method: 'PATCH', token: admin.token, json: { role: 'king', disabled: 'yes', phone: '123', colour: 'red' } });
  assertProblem(bad, 422);
  assert.deepEqual(fieldsOf(bad), ['colour', 'disabled', 'phone', 'role']);

  const selfId = admin.user.id;
  assertProblem(await srv.fetch(`/api/v1/users/${selfId}`, { method: 'PATCH', token: admin.token, json: { role: 'worker' } }), 409);
  assertProblem(await srv.fetch(`/api/v1/users/${selfId}`, { method: 'PATCH', token: admin.token, json: { disabled: true } }), 409);
});

test('disabling a user revokes their sessions and refuses their login', async () => {
  const created = await createUser({ username: 'zhouqi', display_name: '周琦', role: 'keeper', password: 'zhouqi-pass-1' });
  const s = await srv.login('zhouqi', 'zhouqi-pass-1');
  const res = await srv.fetch(`/api/v1/users/${created.body.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.disabled, true);
  assertProblem(await srv.fetch('/api/v1/me', { token: s.token }), 401);
  assertProblem(await srv.fetch('/api/v1/auth/login', { method: 'POST', json: { username: 'zhouqi', password: 'zhouqi-pass-1' } }), 403, /disabled/);
  await srv.fetch(`/api/v1/users/${created.body.id}`, { method: 'PATCH', token: admin.token, json: { disabled: false } });
  assert.ok((await srv.login('zhouqi', 'zhouqi-pass-1')).token);
});

test('passwords: admin sets one (user signed out); a user changes their own (other sessions signed out)', async () => {
  const created = await createUser({ username: 'hexin', display_name: '何欣', role: 'resident', password: 'hexin-pass-1' });
  const a = await srv.login('hexin', 'hexin-pass-1');
  const set = await srv.fetch(`/api/v1/users/${created.body.id}/password`, { method: 'PUT', token: admin.token, json: { password: 'hexin-pass-2' } });
  assert.equal(set.status, 204, set.text);
  assertProblem(await srv.fetch('/api/v1/me', { token: a.token }), 401);
  assertProblem(await srv.fetch(`/api/v1/users/${created.body.id}/password`, { method: 'PUT', token: admin.token, json: { password: 'short' } }), 422);

  const b = await srv.login('hexin', 'hexin-pass-2');
  const c = await srv.login('hexin', 'hexin-pass-2');
  const wrong = await srv.fetch('/api/v1/me/password', { method: 'PUT', token: b.token, json: { current_password: 'hexin-pass-x', new_password: 'hexin-pass-3' } });
  assertProblem(wrong, 422);
  assert.deepEqual(fieldsOf(wrong), ['current_password']);
  const weak = await srv.fetch('/api/v1/me/password', { method: 'PUT', token: b.token, json: { current_password: 'hexin-pass-2', new_password: 'short' } });
  assert.deepEqual(fieldsOf(weak), ['new_password']);
  const ok = await srv.fetch('/api/v1/me/password', { method: 'PUT', token: b.token, json: { current_password: 'hexin-pass-2', new_password: 'hexin-pass-3' } });
  assert.equal(ok.status, 204, ok.text);
  assert.equal((await srv.fetch('/api/v1/me', { token: b.token })).status, 200);
  assertProblem(await srv.fetch('/api/v1/me', { token: c.token }), 401);
  assert.ok((await srv.login('hexin', 'hexin-pass-3')).token);
});

test('the audit log shows logins, failures, the role change and the phone reveal, filterable', async () => {
  const logins = await srv.fetch('/api/v1/audit?action=auth.login&limit=200', { token: admin.token });
  assert.equal(logins.status, 200, logins.text);
  const adminLogin = logins.body.items.find((e) => e.actor_user_id === admin.user.id);
  assert.ok(adminLogin, 'admin login audited');
  assert.equal(adminLogin.subject_type, 'user');
  assert.equal(adminLogin.detail.username, 'admin');
  assert.equal(adminLogin.client_address, '127.0.0.1');
  assert.match(adminLogin.at, /\+08:00$/);

  const failed = await srv.fetch('/api/v1/audit?action=auth.login_failed&limit=200', { token: admin.token });
  const reasons = failed.body.items.map((e) => `${e.detail.username}:${e.detail.reason}`);
  assert.ok(reasons.includes('nobody:unknown_user'), reasons.join());
  assert.ok(reasons.includes('victim:wrong_password'), reasons.join());
  assert.ok(!JSON.stringify(failed.body).includes('not-the-password'), 'passwords are never audited');

  const roles = await srv.fetch('/api/v1/audit?action=user.role_change', { token: admin.token });
  assert.ok(roles.body.items.some((e) => e.detail.from === 'worker' && e.detail.to === 'volunteer' && e.actor_user_id === admin.user.id));

  const reads = await srv.fetch(`/api/v1/audit?action=personal_data.read&actor=${admin.user.id}`, { token: admin.token });
  assert.equal(reads.body.items.length, 1, reads.text);
  assert.deepEqual(reads.body.items[0].detail, { fields: ['phone'] });
  assert.equal(reads.body.items[0].subject_type, 'user');

  const all = await srv.fetch('/api/v1/audit?limit=3', { token: admin.token });
  assert.equal(all.body.items.length, 3);
  assert.ok(all.body.items[0].id > all.body.items[2].id, 'newest first');
  const next = await srv.fetch(`/api/v1/audit?limit=3&cursor=${encodeURIComponent(all.body.next_cursor)}`, { token: admin.token });
  assert.ok(next.body.items[0].id < all.body.items[2].id);

  const future = await srv.fetch(`/api/v1/audit?since=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`, { token: admin.token });
  assert.deepEqual(future.body.items, []);
  const past = await srv.fetch(`/api/v1/audit?until=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`, { token: admin.token });
  assert.deepEqual(past.body.items, []);
  const bad = await srv.fetch('/api/v1/audit?since=yesterday&actor=me', { token: admin.token });
  assertProblem(bad, 422);
  assert.deepEqual(fieldsOf(bad), ['actor', 'since']);
});

test('a session expires after --session-ttl', async () => {
  // Two seconds (stored in whole seconds): the first answer comes well
  // before the expiry, and the test waits for the 401 rather than sleeping.
  const short = await startServer({
    users: [{ username: 'admin', password: 'admin-pass-1', role: 'admin' }],
    args: ['--session-ttl', '2'],
  });
  try {
    const s = await short.login('admin', 'admin-pass-1');
    const expiresAt = Date.parse(s.expires_at);
    assert.ok(expiresAt - Date.now() > 500 && expiresAt - Date.now() <= 2000, s.expires_at);
    assert.equal((await short.fetch('/api/v1/me', { token: s.token })).status, 200);
    const expired = await waitFor(async () => {
      const r = await short.fetch('/api/v1/me', { token: s.token });
      if (r.status === 200) return null; // still valid: wait on
      return { r, at: Date.now() };
    }, { timeoutMs: 10000, intervalMs: 50, what: 'the session to expire' });
    assertProblem(expired.r, 401, /session expired/);
    assert.ok(expired.at >= expiresAt, `refused before ${s.expires_at}`);
    assertProblem(await short.fetch('/api/v1/me', { headers: { cookie: s.cookie } }), 401, /session expired/);
  } finally {
    await short.stop();
    short.cleanup();
  }
});
