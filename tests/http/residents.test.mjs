// Residents sign up and in with a mobile number and a one-time code (issue 12
// item 6), over real HTTP: the log sender (the demo's SMS: the test reads the
// code from the server log) and the HTTP gateway sender against a fake
// gateway started here; the limits per number and per client network; "my
// appeals" by account and by number; the similar list without one's own
// appeals; deleting the account, with its appeals kept anonymised.
//
// The server trusts X-Forwarded-For from 127.0.0.1, so each request can say
// which client network it comes from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, startServer } from './lib/server.mjs';
import { makeOrg } from './lib/fixtures.mjs';
import { waitFor } from './lib/wait.mjs';

const ADMIN = { username: 'admin', password: 'admin-pass-1', role: 'admin' };
const NETWORK_LIMIT = 4;
const at = { lat: 37.52, lon: 111.14 };
let srv;
let admin;
let net = 0;
// A fresh client network for each use, so that tests do not share the
// per-network allowance unless they mean to.
const nextNetwork = () => `198.51.${++net}.7`;

before(async () => {
  srv = await startServer({
    users: [ADMIN],
    args: ['--trusted-proxy', '127.0.0.1', '--sms-codes-per-network-per-hour', String(NETWORK_LIMIT)],
  });
  admin = await srv.login(ADMIN.username, ADMIN.password);
  const orgId = await makeOrg(srv, admin, '区住建局', 'department');
  await srv.createUser(admin, 'zhujian', 'department', [orgId]);  // someone to work its appeals
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'roads', name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: orgId,
      response_hours: 24, resolution_days: 5, attributes: [] },
  });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

function askCode(phone, from = nextNetwork(), server = srv) {
  return server.fetch('/api/v1/auth/phone/code', { method: 'POST', headers: { 'x-forwarded-for': from }, json: { phone } });
}

function enter(phone, code, from = nextNetwork(), server = srv) {
  return server.fetch('/api/v1/auth/phone/login', { method: 'POST', headers: { 'x-forwarded-for': from }, json: { phone, code } });
}

// The lines the log sender wrote for `phone` (the log is flushed as it is written).
function smsLines(phone, server = srv) {
  return readFileSync(server.logPath, 'utf8').split('\n').filter((l) => l.includes(`sms (log sender) to ${phone}:`));
}

// The code of the newest line for `phone`, waiting until there are more
// than `seen` lines (pass the count from before asking again, so an older
// code is never taken for the new one).
async function codeFromLog(phone, server = srv, seen = 0) {
  const lines = await waitFor(() => { const l = smsLines(phone, server); return l.length > seen && l; },
    { what: `code number ${seen + 1} in the log for ${phone}` });
  const m = /验证码是 (\d{6})/.exec(lines[lines.length - 1]);
  assert.ok(m, lines[lines.length - 1]);
  return m[1];
}

// Asks for a code and signs in with it: the login answer.
async function signUp(phone) {
  const r = await askCode(phone);
  assert.equal(r.status, 202, r.text);
  const s = await enter(phone, await codeFromLog(phone));
  assert.equal(s.status, 200, s.text);
  return s.body;
}

function assertProblem(res, status, fields) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  if (fields) assert.deepEqual((res.body.errors || []).map((e) => e.field).sort(), fields);
}

const appeal = (phone, extra = {}) => ({
  category: 'roads', description: '小区门口的路灯坏了', ...at, contact: { name: '王阿姨', phone }, ...extra,
});

test('a code by SMS signs a resident up, then in again; the code is in no answer and no access log line', async () => {
  const phone = '13811112222';
  const r = await askCode(phone);
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.body, { expires_in: 300, resend_after: 60 });
  const code = await codeFromLog(phone);
  assert.ok(!r.text.includes(code));

  const first = await enter(phone, code);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.created, true);
  assert.equal(first.body.user.role, 'resident');
  assert.equal(first.body.user.display_name, '138****2222');
  assert.ok(!first.body.user.username.includes(phone.slice(3)), 'the username does not carry the number');
  assert.ok(!first.text.includes(code));
  const cookie = first.headers.get('set-cookie');
  assert.match(cookie, /^wc_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);

  // The same sessions as staff: the cookie reads /me (own number unmasked).
  const me = await srv.fetch('/api/v1/me', { headers: { cookie: cookie.split(';')[0] } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.phone, phone);
  assert.equal(me.body.role, 'resident');

  // Used up.
  assertProblem(await enter(phone, code), 401);

  // A minute later, a new code finds the same account.
  const again = await askCode(phone);
  assertProblem(again, 429);
  assert.ok(Number(again.headers.get('retry-after')) >= 1 && Number(again.headers.get('retry-after')) <= 60);

  const audit = await srv.fetch('/api/v1/audit?action=auth.login', { token: admin.token });
  assert.equal(audit.status, 200, audit.text);
  const mine = audit.body.items.filter((e) => e.subject_id === String(first.body.user.id));
  assert.equal(mine.length, 1);
  assert.equal(mine[0].detail.method, 'phone');
  assert.equal(mine[0].detail.created, true);
  assert.ok(!JSON.stringify(audit.body).includes(phone), 'no number in the audit log');

  const access = readFileSync(srv.logPath, 'utf8').split('\n').filter((l) => l.includes(' access '));
  assert.ok(access.some((l) => l.includes('/api/v1/auth/phone/login')));
  assert.ok(!access.some((l) => l.includes(code) || l.includes(phone)), 'neither code nor number in the access log');
});

test('five wrong codes and the code is dead; only the newest code counts', async () => {
  const phone = '13922223333';
  assert.equal((await askCode(phone)).status, 202);
  const code = await codeFromLog(phone);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let left = 4; left >= 0; left--) {
    const r = await enter(phone, wrong);
    assertProblem(r, 401);
    assert.match(r.body.detail, left ? new RegExp(`${left} tries left`) : /ask for a new one/);
  }
  const late = await enter(phone, code);
  assertProblem(late, 401);
  assert.match(late.body.detail, /ask for a new one/);
});

test('limits: one code a minute per number, a few an hour per client network; 429 with Retry-After', async () => {
  const from = nextNetwork();
  const phones = ['13700000001', '13700000002', '13700000003', '13700000004', '13700000005'];
  for (const p of phones.slice(0, NETWORK_LIMIT)) assert.equal((await askCode(p, from)).status, 202);
  // The network has used its hour: another number from a neighbour in the same /24 waits.
  const blocked = await askCode(phones[NETWORK_LIMIT], from.replace(/\.7$/, '.8'));
  assertProblem(blocked, 429);
  const wait = Number(blocked.headers.get('retry-after'));
  assert.ok(wait > 3000 && wait <= 3600, `Retry-After ${wait}`);
  // Another network is not touched, but the number itself waits a minute.
  assert.equal((await askCode(phones[NETWORK_LIMIT])).status, 202);
  assertProblem(await askCode(phones[0]), 429);
});

test('bad input: not a mobile, wrong types, unknown fields, a code that is not 6 digits', async () => {
  assertProblem(await askCode('0358-8221234'), 422, ['phone']);
  assertProblem(await askCode('1381111222'), 422, ['phone']);
  assertProblem(await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', json: { phone: 13811112222 } }), 422, ['phone']);
  assertProblem(await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', json: {} }), 422, ['phone']);
  assertProblem(await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', json: { phone: '13811112222', x: 1 } }), 422, ['x']);
  assertProblem(await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', body: 'phone=1', headers: { 'content-type': 'text/plain' } }), 415);
  assertProblem(await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', body: '{"phone":', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await enter('13811112222', '12ab56'), 422, ['code']);
  assertProblem(await enter('13811112222', 123456), 422, ['code']);
  assertProblem(await enter('abc', '123456'), 422, ['phone']);
  // A number that was never sent a code.
  assertProblem(await enter('13600000000', '123456'), 401);
});

test('my appeals: every appeal made with the number or the account, and only those', async () => {
  const phone = '13633334444';
  // Before any account: one appeal with the number, one with another number.
  const byPhone = await srv.fetch('/api/v1/appeals', { method: 'POST', json: appeal(phone) });
  assert.equal(byPhone.status, 201, byPhone.text);
  const other = await srv.fetch('/api/v1/appeals', { method: 'POST', json: appeal('13655556666') });
  assert.equal(other.status, 201, other.text);

  const me = await signUp(phone);
  const mine = await srv.fetch('/api/v1/appeals', { method: 'POST', token: me.token, json: appeal('13977778888', { description: '井盖松动' }) });
  assert.equal(mine.status, 201, mine.text);

  const list = await srv.fetch('/api/v1/me/appeals', { token: me.token });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((a) => [a.tracking_code, a.linked_by]),
    [[mine.body.tracking_code, 'account'], [byPhone.body.tracking_code, 'phone']]);
  const item = list.body.items[1];
  assert.equal(item.state, 'submitted');
  assert.equal(item.category.code, 'roads');
  assert.equal(item.description, '小区门口的路灯坏了');
  assert.equal(list.body.next_cursor, null);
  assert.ok(!list.text.includes('13655556666'));

  // Paged.
  const page = await srv.fetch('/api/v1/me/appeals?limit=1', { token: me.token });
  assert.equal(page.body.items.length, 1);
  const rest = await srv.fetch(`/api/v1/me/appeals?limit=1&cursor=${page.body.next_cursor}`, { token: me.token });
  assert.equal(rest.body.items[0].tracking_code, byPhone.body.tracking_code);
  assertProblem(await srv.fetch('/api/v1/me/appeals?limit=0', { token: me.token }), 422);

  // Another resident sees none of them; staff have their own lists; nobody without a session.
  const stranger = await signUp('13655556667');
  const theirs = await srv.fetch('/api/v1/me/appeals', { token: stranger.token });
  assert.deepEqual(theirs.body.items, []);
  assertProblem(await srv.fetch('/api/v1/me/appeals', { token: admin.token }), 403);
  assertProblem(await srv.fetch('/api/v1/me/appeals'), 401);
});

test('similar appeals never offer the caller their own', async () => {
  const me = await signUp('13544445555');
  const here = { lat: 37.53, lon: 111.15 };
  const mine = await srv.fetch('/api/v1/appeals', { method: 'POST', token: me.token, json: appeal('13544445555', here) });
  assert.equal(mine.status, 201, mine.text);
  const query = `/api/v1/appeals/similar?category=roads&lat=${here.lat}&lon=${here.lon}`;
  const forMe = await srv.fetch(query, { token: me.token });
  assert.equal(forMe.status, 200, forMe.text);
  assert.ok(!forMe.body.items.some((s) => s.id === mine.body.id));
  const forOthers = await srv.fetch(query);
  assert.ok(forOthers.body.items.some((s) => s.id === mine.body.id));
});

test('deleting the account: appeals stay anonymised, sessions end, audited; the number signs up afresh', async () => {
  const phone = '13566667777';
  const anon = await srv.fetch('/api/v1/appeals', { method: 'POST', json: appeal(phone) });
  assert.equal(anon.status, 201, anon.text);
  const me = await signUp(phone);
  const signedIn = await srv.fetch('/api/v1/appeals', { method: 'POST', token: me.token, json: appeal(phone) });
  assert.equal(signedIn.status, 201, signedIn.text);
  const second = await enter(phone, '000000');  // a stray try on a used code changes nothing
  assertProblem(second, 401);

  // A cookie session needs its CSRF token; staff cannot delete themselves here.
  const cookie = `wc_session=${me.token}`;
  assertProblem(await srv.fetch('/api/v1/me', { method: 'DELETE', headers: { cookie } }), 403);
  assertProblem(await srv.fetch('/api/v1/me', { method: 'DELETE', token: admin.token }), 403);
  assertProblem(await srv.fetch('/api/v1/me', { method: 'DELETE' }), 401);

  const del = await srv.fetch('/api/v1/me', { method: 'DELETE', headers: { cookie, 'x-csrf-token': me.csrf_token } });
  assert.equal(del.status, 204, del.text);
  assert.match(del.headers.get('set-cookie'), /^wc_session=; .*Max-Age=0/);
  assertProblem(await srv.fetch('/api/v1/me', { token: me.token }), 401);

  for (const a of [anon.body, signedIn.body]) {
    const staff = await srv.fetch(`/api/v1/appeals/${a.id}`, { token: admin.token });
    assert.equal(staff.status, 200, staff.text);
    assert.equal(staff.body.description, '小区门口的路灯坏了');
    assert.ok(!staff.text.includes(phone) && !staff.text.includes(phone.slice(-4)), staff.text);
    assert.ok(!staff.text.includes('王'), 'the contact name is gone');
    const track = await srv.fetch(`/api/v1/appeals/track/${a.tracking_code}`);
    assert.equal(track.status, 200);
  }
  const audit = await srv.fetch('/api/v1/audit?action=user.delete', { token: admin.token });
  const entry = audit.body.items.find((e) => e.subject_id === String(me.user.id));
  assert.ok(entry, audit.text);
  assert.equal(entry.detail.appeals_anonymised, 2);
  const user = await srv.fetch(`/api/v1/users/${me.user.id}`, { token: admin.token });
  assert.equal(user.body.phone, null);
  assert.equal(user.body.disabled, true);

  // The number is free again: a new, empty account.
  const seen = smsLines(phone).length;
  assert.equal(seen, 1, 'the sign-up code');
  const code = await askCode(phone);
  assert.equal(code.status, 202, code.text);  // the deleted codes no longer count
  const fresh = await enter(phone, await codeFromLog(phone, srv, seen));
  assert.equal(fresh.status, 200, fresh.text);
  assert.equal(fresh.body.created, true);
  assert.notEqual(fresh.body.user.id, me.user.id);
  const list = await srv.fetch('/api/v1/me/appeals', { token: fresh.body.token });
  assert.deepEqual(list.body.items, []);
});

// --- the HTTP gateway sender -------------------------------------------------

// A fake SMS gateway on 127.0.0.1: records each request; `mode` says how to answer.
async function startGateway() {
  const gw = { requests: [], mode: 'ok' };
  gw.server = createServer((req, res) => {
    gw.requests.push(new URL(req.url, 'http://x'));
    if (gw.mode === 'hang') return;  // never answers
    res.writeHead(gw.mode === 'fail' ? 500 : 200, { 'content-type': 'application/json' });
    res.end(gw.mode === 'fail' ? '{"error":"quota"}' : '{"ok":true}');
  });
  await new Promise((r) => gw.server.listen(0, '127.0.0.1', r));
  gw.port = gw.server.address().port;
  return gw;
}

test('the HTTP sender: sends through the gateway; a refusal is 502, no answer or no gateway 503, and no code is left', async () => {
  const gw = await startGateway();
  const down = await startGateway();
  await new Promise((r) => down.server.close(r));
  const template = (port) => `http://127.0.0.1:${port}/send?to={phone}&text={text}&c={code}`;
  const sms = await startServer({
    args: ['--trusted-proxy', '127.0.0.1', '--sms-sender', 'http', '--sms-url', template(gw.port), '--sms-timeout-ms', '700'],
  });
  try {
    const phone = '13812340000';
    const r = await askCode(phone, nextNetwork(), sms);
    assert.equal(r.status, 202, r.text);
    assert.equal(gw.requests.length, 1);
    const sent = gw.requests[0];
    assert.equal(sent.pathname, '/send');
    assert.equal(sent.searchParams.get('to'), phone);
    const code = sent.searchParams.get('c');
    assert.match(code, /^\d{6}$/);
    assert.equal(sent.searchParams.get('text'), `【暖城】您的登录验证码是 ${code}，5 分钟内有效。请勿告诉他人。`);
    assert.ok(!r.text.includes(code));
    assert.ok(!readFileSync(sms.logPath, 'utf8').includes(code), 'the http sender logs no code');
    const ok = await enter(phone, code, nextNetwork(), sms);
    assert.equal(ok.status, 200, ok.text);

    // The gateway says no: 502, and the code it was given does not sign in.
    gw.mode = 'fail';
    const refused = await askCode('13812340001', nextNetwork(), sms);
    assertProblem(refused, 502);
    assert.match(refused.body.detail, /refused/);
    const given = gw.requests[gw.requests.length - 1].searchParams.get('c');
    assertProblem(await enter('13812340001', given, nextNetwork(), sms), 401);

    // The gateway never answers: 503 once the time is up.
    gw.mode = 'hang';
    const started = Date.now();
    const slow = await askCode('13812340002', nextNetwork(), sms);
    assertProblem(slow, 503);
    assert.ok(Date.now() - started < 3000, `answered after ${Date.now() - started} ms`);
    assert.ok(Number(slow.headers.get('retry-after')) >= 1);
    const hung = gw.requests[gw.requests.length - 1].searchParams.get('c');
    assertProblem(await enter('13812340002', hung, nextNetwork(), sms), 401);
    // Neither failure used up the number's minute.
    gw.mode = 'ok';
    assert.equal((await askCode('13812340001', nextNetwork(), sms)).status, 202);
  } finally {
    assert.equal(await sms.stop(), 0);
    sms.cleanup();
  }

  // No gateway listening at all.
  const nowhere = await startServer({ args: ['--sms-sender', 'http', '--sms-url', template(down.port)] });
  try {
    const r = await askCode('13812340003', nextNetwork(), nowhere);
    assertProblem(r, 503);
    assert.match(r.body.detail, /cannot be reached/);
  } finally {
    await nowhere.stop();
    nowhere.cleanup();
  }
  await new Promise((r) => gw.server.close(r));
});

test('serve refuses a gateway URL template it cannot use', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'warmcity-sms-')), 'x.db');
  for (const url of ['https://sms.example/s?to={phone}&text={text}', 'http://sms.example/s?text={text}']) {
    const r = spawnSync(BIN, ['serve', '--db', db, '--sms-sender', 'http', '--sms-url', url], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr + r.stdout, /--sms-url/);
  }
  const none = spawnSync(BIN, ['serve', '--db', db, '--sms-sender', 'http'], { encoding: 'utf8' });
  assert.notEqual(none.status, 0);
  assert.match(none.stderr + none.stdout, /needs --sms-url/);
});
