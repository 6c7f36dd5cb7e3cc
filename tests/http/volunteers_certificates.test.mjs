// Volunteer service certificates (志愿服务记录证明, issue #20; docs/volunteers.md
// "Certificates") over real HTTP on a real server with a fixed clock: the
// volunteer's confirmed records (one corrected) issued as a certificate by
// their team's leader, verified by anyone (valid), reissued (the old number
// verifies superseded with the new one), an unknown and a malformed number
// answered the same 404; the QR code an SVG of the verification address on
// the request's own host; a request by the volunteer answered by issuing
// with request_id; who may (the volunteer, the team's leader, another
// team's leader, a resident, anonymous) with the reads audited; bad input
// (malformed JSON, wrong types, unknown fields, an oversize body, from after
// to, to in the future, no hours, unknown ids, bad query parameters).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startVolunteerWorld, assertProblem, API } from './lib/volunteer_world.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

const CERTS = `${API}/volunteer-certificates`;
const VERIFY = `${API}/certificate-verifications`;
const REQUESTS = `${API}/volunteer-certificate-requests`;
const VERIFICATION_KEYS = ['number', 'status', 'superseded_by_number', 'volunteer_name', 'id_number_masked',
  'volunteer_no', 'from', 'to', 'hours', 'content', 'issuer', 'issued_on', 'note'];
let w;

before(async () => {
  w = await startVolunteerWorld();
  await w.api('PUT', `${API}/volunteer-teams/${w.team.id}`, { responsible_person: '王桂英', contact_phone: '0358-8221234' }, 200, w.team.leader);
  // The volunteer's ledger: two records of 生态园社区 (120 and 90 minutes,
  // the first corrected by −30) and one submitted, not yet confirmed.
  const record = async (service_date, minutes, content, confirm = true) => {
    const r = await w.api('POST', `${API}/volunteer-records`, {
      volunteer_id: w.volunteer.id, organiser_org_id: w.organiser.id, service_date, place: '生态园小区', content, minutes,
    }, 201, w.organiser.staff);
    if (confirm) await w.api('POST', `${API}/volunteer-records/${r.id}/confirm`, {}, 200, w.organiser.staff);
    return r;
  };
  const first = await record('2026-11-02', 120, '清理小广告');
  await record('2026-11-20', 90, '助老代购');
  await record('2026-12-01', 600, '清理小广告', false);
  await w.api('POST', `${API}/volunteer-records/${first.id}/corrections`, { minutes: -30, reason: '签退时间记错' }, 201, w.organiser.staff);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const audits = (action) => w.count(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}';`);
const issueBody = (extra = {}) => ({ volunteer_id: w.volunteer.id, team_id: w.team.id, from: '2026-11-01', to: '2026-12-06', ...extra });
const raw = (method, path, body, who) => w.srv.fetch(path, { method, body, token: who?.token, headers: { 'content-type': 'application/json' } });

test('issued, verified valid, reissued, the old number verifies superseded with the new one', async () => {
  const made = await w.send('POST', CERTS, issueBody(), w.team.leader);
  assert.equal(made.status, 201, made.text);
  const c = made.body;
  assert.deepEqual(Object.keys(c).sort(), [...VERIFICATION_KEYS, 'id', 'volunteer_id', 'team_id', 'minutes', 'handler',
    'request_id', 'superseded_by', 'superseded_at', 'created_at'].sort());
  assert.match(c.number, /^ZY2026\d{9}$/);
  assert.equal(c.status, 'valid');
  assert.equal(c.minutes, 180);
  assert.equal(c.hours, 3);
  assert.equal(c.volunteer_name, '张三');
  assert.match(c.id_number_masked, /^141\*{13}\dX$/);
  assert.equal(c.volunteer_no, w.volunteer.volunteer_no);
  assert.deepEqual(c.content, [{ organiser: { id: w.organiser.id, name: '生态园社区' }, records: 2, minutes: 180, services: ['清理小广告', '助老代购'] }]);
  assert.deepEqual(c.issuer, { name: '夕阳红志愿队', responsible_person: '王桂英', contact_phone: '0358-8221234' });
  assert.equal(c.handler, 'xiyang');
  assert.equal(c.issued_on, '2026-12-07');
  assert.equal(c.note, '本证明为暖城平台志愿服务记录，尚未接入全国志愿服务信息系统');
  assert.equal(audits('volunteer.certificate_issue'), 1);

  const v = await w.send('GET', `${VERIFY}/${c.number}`);
  assert.equal(v.status, 200, v.text);
  assert.deepEqual(Object.keys(v.body), VERIFICATION_KEYS);
  assert.equal(v.body.status, 'valid');
  assert.equal(v.body.superseded_by_number, null);
  assert.equal(v.body.hours, 3);
  assert.ok(!v.text.includes('13835871111') && !v.text.includes('user_id'), v.text);

  // A record confirmed since: the reissue counts it.
  const late = await w.api('POST', `${API}/volunteer-records`, {
    volunteer_id: w.volunteer.id, organiser_org_id: w.organiser.id, service_date: '2026-11-25', place: '', content: '文明劝导', minutes: 45,
  }, 201, w.organiser.staff);
  await w.api('POST', `${API}/volunteer-records/${late.id}/confirm`, {}, 200, w.organiser.staff);
  const again = await w.send('POST', `${CERTS}/${c.id}/reissue`, {}, w.team.leader);
  assert.equal(again.status, 201, again.text);
  assert.notEqual(again.body.number, c.number);
  assert.equal(again.body.minutes, 225);
  assert.equal(again.body.hours, 3.8);
  assert.deepEqual([again.body.from, again.body.to], [c.from, c.to]);
  assert.equal(audits('volunteer.certificate_reissue'), 1);

  const old = await w.send('GET', `${VERIFY}/${c.number}`);
  assert.equal(old.status, 200, old.text);
  assert.equal(old.body.status, 'superseded');
  assert.equal(old.body.superseded_by_number, again.body.number);
  assert.equal(old.body.hours, 3); // the old one as it was
  const fresh = await w.send('GET', `${VERIFY}/${again.body.number}`);
  assert.equal(fresh.body.status, 'valid');
  const read = await w.api('GET', `${CERTS}/${c.id}`, undefined, 200, w.team.leader);
  assert.equal(read.status, 'superseded');
  assert.equal(read.superseded_by, again.body.id);
  assertProblem(await w.send('POST', `${CERTS}/${c.id}/reissue`, {}, w.team.leader), 409, { code: 'superseded' });

  // Unknown and malformed numbers: the same 404.
  const digits = again.body.number.slice(2);
  const wrongDigit = `ZY${digits.slice(0, -1)}${(Number(digits.slice(-1)) + 1) % 10}`;
  const answers = [];
  for (const n of [wrongDigit, 'ZY2026000000000', 'ZY2026', 'not-a-number', `${again.body.number}0`, 'zy' + digits]) {
    const r = await w.send('GET', `${VERIFY}/${encodeURIComponent(n)}`);
    assertProblem(r, 404);
    answers.push(r.body.detail);
  }
  assert.equal(new Set(answers).size, 1, answers.join(' | '));
  // The lists: the volunteer's own and the volunteer's by the leader (audited).
  const mine = await w.api('GET', `${API}/me/volunteer/certificates`, undefined, 200, w.person);
  assert.deepEqual(mine.items.map((i) => i.id), [again.body.id, c.id]);
  const reads = audits('personal_data.read');
  const listed = await w.api('GET', `${API}/volunteers/${w.volunteer.id}/certificates`, undefined, 200, w.team.leader);
  assert.equal(listed.items.length, 2);
  assert.equal(audits('personal_data.read'), reads + 1);
});

test('the QR code is an SVG of the verification address on the request\'s own host', async () => {
  const c = await w.api('POST', CERTS, issueBody({ from: '2026-11-01', to: '2026-11-30' }), 201, w.team.leader);
  const svg = await w.send('GET', `${CERTS}/${c.id}/qr.svg`, undefined, w.person);
  assert.equal(svg.status, 200, svg.text);
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(svg.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
  assert.ok(svg.text.includes(`<title>志愿服务记录证明 ${c.number}</title>`), svg.text.slice(0, 300));
  assert.ok(svg.text.endsWith('</svg>'));
  assert.equal((await w.send('GET', `${CERTS}/${c.id}/qr.svg`, undefined, w.team.leader)).status, 200);
  // The code holds the address on the Host asked: another host, another code;
  // a Host that is no plain host is never echoed (the same as localhost).
  const port = new URL(w.srv.url).port;
  const qrOn = async (host) => {
    const r = await rawRequest(port, `GET ${CERTS}/${c.id}/qr.svg HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${w.person.token}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(r.data), 200, r.data.slice(0, 300));
    return r.data.slice(r.data.indexOf('<svg'));
  };
  const a = await qrOn('warmcity.example:8080');
  const b = await qrOn('lishi.example');
  assert.notEqual(a, b);
  assert.equal(await qrOn('localhost'), await qrOn('evil.example/#/x'));
  assertProblem(await w.send('GET', `${CERTS}/${c.id}/qr.svg`, undefined, w.team2.leader), 403);
  assertProblem(await w.send('GET', `${CERTS}/${c.id}/qr.svg`, undefined, w.resident), 403);
  assertProblem(await w.send('GET', `${CERTS}/${c.id}/qr.svg`), 401);
  assertProblem(await w.send('GET', `${CERTS}/987654/qr.svg`, undefined, w.person), 404);
});

test('a request by the volunteer, listed for the team admins (audited), answered by issuing with it', async () => {
  const asked = await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team.id, from: '2026-11-01', to: '2026-11-30' }, w.person);
  assert.equal(asked.status, 201, asked.text);
  assert.equal(asked.body.state, 'open');
  assert.equal(typeof asked.body.id, 'number');
  assert.equal(audits('volunteer.certificate_request'), 1);
  assertProblem(await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team.id, from: '2026-10-01', to: '2026-11-30' }, w.person), 409, { code: 'request_open' });
  assertProblem(await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team2.id, from: '2026-10-01', to: '2026-11-30' }, w.person), 409, { code: 'not_member' });
  assertProblem(await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team.id, from: '2026-10-01', to: '2026-11-30' }, w.resident), 404);
  assertProblem(await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team.id, from: '2026-12-01', to: '2026-11-30' }, w.person), 422, { field: 'to' });
  assertProblem(await w.send('POST', `${API}/me/volunteer/certificate-requests`, { team_id: w.team.id, from: '2026-10-01', to: '2026-11-30' }), 401);

  const reads = audits('personal_data.read');
  const open = await w.api('GET', `${REQUESTS}?team_id=${w.team.id}&state=open`, undefined, 200, w.team.leader);
  assert.deepEqual(open.items.map((r) => r.id), [asked.body.id]);
  assert.equal(open.items[0].volunteer.name, '张三');
  assert.equal(audits('personal_data.read'), reads + 1);
  assertProblem(await w.send('GET', `${REQUESTS}?team_id=${w.team.id}`, undefined, w.team2.leader), 403);
  assertProblem(await w.send('GET', `${REQUESTS}?team_id=${w.team.id}`, undefined, w.resident), 403);
  assertProblem(await w.send('GET', REQUESTS, undefined, w.team.leader), 422, { field: 'team_id' });
  assertProblem(await w.send('GET', `${REQUESTS}?team_id=${w.team.id}&state=closed`, undefined, w.team.leader), 422, { field: 'state' });
  assertProblem(await w.send('GET', `${REQUESTS}?team_id=987654`, undefined, w.team.leader), 404);

  const c = await w.api('POST', CERTS, issueBody({ from: '2026-11-01', to: '2026-11-30', request_id: asked.body.id }), 201, w.team.leader);
  assert.equal(c.request_id, asked.body.id);
  const answered = await w.api('GET', `${REQUESTS}?team_id=${w.team.id}&state=answered`, undefined, 200, w.team.leader);
  assert.equal(answered.items[0].id, asked.body.id);
  assert.equal(answered.items[0].certificate_id, c.id);
  assert.equal((await w.api('GET', `${REQUESTS}?team_id=${w.team.id}&state=open`, undefined, 200, w.team.leader)).items.length, 0);
  assertProblem(await w.send('POST', CERTS, issueBody({ request_id: asked.body.id }), w.team.leader), 409, { code: 'request_answered' });
  assertProblem(await w.send('POST', CERTS, issueBody({ request_id: 987654 }), w.team.leader), 422, { field: 'request_id' });
});

test('who may: the volunteer and the team\'s admins read (their reads audited); others are refused', async () => {
  const c = await w.api('POST', CERTS, issueBody({ from: '2026-11-15', to: '2026-11-30' }), 201, w.admin);
  assert.equal(c.handler, 'admin');
  const reads = audits('personal_data.read');
  assert.equal((await w.send('GET', `${CERTS}/${c.id}`, undefined, w.person)).status, 200);
  assert.equal(audits('personal_data.read'), reads);
  assert.equal((await w.send('GET', `${CERTS}/${c.id}`, undefined, w.team.leader)).status, 200);
  assert.equal((await w.send('GET', `${CERTS}/${c.id}`, undefined, w.admin)).status, 200);
  assert.equal(audits('personal_data.read'), reads + 2);
  const last = w.srv.sql("SELECT subject_type || '|' || subject_id || '|' || detail FROM audit_log WHERE action = 'personal_data.read' ORDER BY id DESC LIMIT 1;");
  assert.match(last, new RegExp(`^volunteer\\|${w.volunteer.id}\\|.*"purpose":"volunteer"`));
  for (const who of [w.team2.leader, w.organiser.staff, w.resident]) {
    assertProblem(await w.send('GET', `${CERTS}/${c.id}`, undefined, who), 403);
    assertProblem(await w.send('GET', `${API}/volunteers/${w.volunteer.id}/certificates`, undefined, who), 403);
  }
  assertProblem(await w.send('GET', `${CERTS}/${c.id}`), 401);
  assertProblem(await w.send('POST', CERTS, issueBody(), w.team2.leader), 403);
  assertProblem(await w.send('POST', CERTS, issueBody(), w.organiser.staff), 403);
  assertProblem(await w.send('POST', CERTS, issueBody(), w.resident), 403);
  assertProblem(await w.send('POST', CERTS, issueBody(), w.person), 403);
  assertProblem(await w.send('POST', CERTS, issueBody()), 401);
  assertProblem(await w.send('POST', `${CERTS}/${c.id}/reissue`, {}, w.team2.leader), 403);
  assertProblem(await w.send('POST', `${CERTS}/${c.id}/reissue`, {}, w.resident), 403);
  assertProblem(await w.send('GET', `${API}/me/volunteer/certificates`, undefined, w.resident), 404);
  assertProblem(await w.send('GET', `${API}/me/volunteer/certificates`), 401);
  assertProblem(await w.send('GET', `${API}/volunteers/987654/certificates`, undefined, w.team.leader), 404);
  // A volunteer of the other team: not the leader's to certify.
  const other = await w.newVolunteer(w.team2);
  assertProblem(await w.send('POST', CERTS, issueBody({ volunteer_id: other.id }), w.team.leader), 409, { code: 'not_member' });
});

test('bad input: malformed, wrong types, unknown fields, oversize, bad periods, no hours, unknown ids', async () => {
  const before = w.count('SELECT COUNT(*) FROM volunteer_certificates;');
  assertProblem(await raw('POST', CERTS, '{"volunteer_id": ', w.team.leader), 400);
  assertProblem(await raw('POST', CERTS, '[1]', w.team.leader), 400);
  assertProblem(await w.send('POST', CERTS, issueBody({ volunteer_id: 'one' }), w.team.leader), 422, { field: 'volunteer_id' });
  assertProblem(await w.send('POST', CERTS, issueBody({ team_id: 1.5 }), w.team.leader), 422, { field: 'team_id' });
  assertProblem(await w.send('POST', CERTS, issueBody({ from: 20261101 }), w.team.leader), 422, { field: 'from' });
  assertProblem(await w.send('POST', CERTS, issueBody({ fee: 0 }), w.team.leader), 422, { field: 'fee' });
  assertProblem(await w.send('POST', CERTS, { team_id: w.team.id, from: '2026-11-01', to: '2026-11-30' }, w.team.leader), 422, { field: 'volunteer_id' });
  assertProblem(await w.send('POST', CERTS, issueBody({ from: '2026-12-02', to: '2026-12-01' }), w.team.leader), 422, { field: 'to' });
  assertProblem(await w.send('POST', CERTS, issueBody({ to: '2026-12-08' }), w.team.leader), 422, { field: 'to' });
  assertProblem(await w.send('POST', CERTS, issueBody({ from: '2016-11-30', to: '2026-12-01' }), w.team.leader), 422, { field: 'from' });
  assertProblem(await w.send('POST', CERTS, issueBody({ from: '2026-02-30' }), w.team.leader), 422, { field: 'from' });
  assertProblem(await w.send('POST', CERTS, issueBody({ volunteer_id: 987654 }), w.team.leader), 422, { field: 'volunteer_id' });
  assertProblem(await w.send('POST', CERTS, issueBody({ team_id: 987654 }), w.team.leader), 422, { field: 'team_id' });
  // No confirmed minutes in the period (the submitted record does not count).
  assertProblem(await w.send('POST', CERTS, issueBody({ from: '2026-12-01', to: '2026-12-06' }), w.team.leader), 409, { code: 'no_hours' });
  const fresh = await w.newVolunteer(w.team);
  assertProblem(await w.send('POST', CERTS, issueBody({ volunteer_id: fresh.id }), w.team.leader), 409, { code: 'no_hours' });
  const big = await rawRequest(new URL(w.srv.url).port, `POST ${CERTS} HTTP/1.1\r\nHost: localhost\r\n`
    + `Authorization: Bearer ${w.team.leader.token}\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  assert.equal(w.count('SELECT COUNT(*) FROM volunteer_certificates;'), before);

  assertProblem(await w.send('GET', `${CERTS}/987654`, undefined, w.team.leader), 404);
  assertProblem(await w.send('GET', `${CERTS}/abc`, undefined, w.team.leader), 404);
  assertProblem(await w.send('POST', `${CERTS}/987654/reissue`, {}, w.team.leader), 404);
  const c = await w.api('POST', CERTS, issueBody({ from: '2026-11-20', to: '2026-11-30' }), 201, w.team.leader);
  assertProblem(await w.send('POST', `${CERTS}/${c.id}/reissue`, { minutes: 1 }, w.team.leader), 422, { field: 'minutes' });
  assertProblem(await raw('POST', `${CERTS}/${c.id}/reissue`, '{', w.team.leader), 400);
  const requests = `${API}/me/volunteer/certificate-requests`;
  assertProblem(await w.send('POST', requests, { team_id: 'x', from: '2026-11-01', to: '2026-11-30' }, w.person), 422, { field: 'team_id' });
  assertProblem(await w.send('POST', requests, { team_id: w.team.id, from: '2026-11-01' }, w.person), 422, { field: 'to' });
  assertProblem(await w.send('POST', requests, { team_id: w.team.id, from: '2026-11-01', to: '2026-11-30', why: '求职' }, w.person), 422, { field: 'why' });
  assertProblem(await w.send('POST', requests, { team_id: 987654, from: '2026-11-01', to: '2026-11-30' }, w.person), 422, { field: 'team_id' });
  assertProblem(await raw('POST', requests, 'nope', w.person), 400);
});
