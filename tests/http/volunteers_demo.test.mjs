// The demo's volunteers (src/demo/demo_volunteers.cpp): `warmcity demo` on a
// fresh database, then a server on it. 昌茂社区's two teams with their
// facts, the past 清理小广告 morning's shift, hours and outcomes (the month's
// counts equal the outcomes), the certificate verifying by the printed
// number, each leader with her team, the volunteers' own hours.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

const API = '/api/v1';
const dir = mkdtempSync(join(tmpdir(), 'warmcity-volunteers-demo-'));
const db = testDatabase(dir);
let srv;
let said;  // what the demo's progress line says
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path, who) {
  const res = await srv.fetch(`${API}${path}`, { token: who?.token });
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.body;
}

const LINE = new RegExp('volunteers: 2 teams, 20 volunteers \\(1 minor\\), 1 shift on (\\d{4}-\\d{2}-\\d{2}) ' +
  'with 14 sign-ups \\(12 checked out\\), (\\d+(?:\\.\\d)?) hours confirmed, outcomes 100 处 / 10\\.0 立方米 / 2 处, ' +
  '3 manual records, 1 dispute answered with a correction, 1 open certificate request');

test('the demo says what it made of the volunteers, the leaders among its accounts', async () => {
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum'],
    { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const m = made.stderr.match(LINE);
  assert.ok(m, made.stderr);
  const cert = made.stderr.match(/certificate (ZY\d{4}\d{9}) \(verify it at #\/verify\/\1\)/);
  assert.ok(cert, made.stderr);
  // The last session day before today, when the term has had one (the demo runs on the real clock).
  const duty = made.stderr.match(/after-school duty of (\d{4}-\d{2}-\d{2}) confirmed by sixiaoban: zhaoxiaofang's hours in the ledger/);
  assert.ok(duty || /after-school duty: no session day yet this term/.test(made.stderr), made.stderr);
  said = { date: m[1], hours: Number(m[2]), certificate: cert[1], dutyDay: duty ? duty[1] : null };
  assert.match(made.stdout, /xiyanghong \/ demo-volunteer-2026 +\(volunteer, 冯秀珍，夕阳红志愿服务队队长\)/);
  assert.match(made.stdout, /pugongying \/ demo-volunteer-2026 +\(volunteer, 贺晓燕，蒲公英志愿服务队队长\)/);
  assert.match(made.stdout, /changmao \/ demo-worker-2026 +\(worker, 昌茂社区网格员\(演示\)/);
  srv = await startServer({ dir, db });
});

let teams;
test('two teams of 昌茂社区 with their certificate facts, ten volunteers each', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  teams = (await get('/volunteer-teams')).items;
  assert.deepEqual(teams.map((t) => t.name).sort(), ['夕阳红志愿服务队', '蒲公英志愿服务队'].sort());
  const by = Object.fromEntries(teams.map((t) => [t.name, t]));
  teams = { xyh: by['夕阳红志愿服务队'], pgy: by['蒲公英志愿服务队'] };
  for (const t of Object.values(teams)) {
    assert.equal(t.community?.name, '昌茂', t.name);
    assert.equal(t.parent?.name, '昌茂社区', t.name);
    assert.equal(t.volunteers, 10, t.name);
  }
  assert.equal(teams.xyh.responsible_person, '冯秀珍');
  assert.equal(teams.xyh.contact_phone, '0358-8226130');
  assert.equal(teams.pgy.responsible_person, '贺晓燕');
  assert.equal(teams.pgy.contact_phone, '13935810211');
});

test('each leader lists her team: whole IDs of the right shape, the minor with her consent, the insured', async () => {
  assert.ok(teams, 'the teams of the previous test');
  const xyh = await srv.login('xiyanghong', 'demo-volunteer-2026');
  const pgy = await srv.login('pugongying', 'demo-volunteer-2026');
  const hers = (await get(`/volunteers?team_id=${teams.xyh.id}`, xyh)).items;
  const theirs = (await get(`/volunteers?team_id=${teams.pgy.id}`, pgy)).items;
  assert.equal(hers.length, 10);
  assert.equal(theirs.length, 10);
  for (const v of [...hers, ...theirs]) {
    assert.equal(v.id_type, 'resident_id', v.name);
    assert.match(v.id_number, /^141102\d{11}[\dX]$/, v.name);
    assert.equal(v.id_number.slice(6, 14), v.birth_date.replace(/-/g, ''), v.name);
    assert.match(v.phone, /^1\d{10}$/, v.name);
  }
  // 王翠萍 (a volunteer from her errand's hours) joined 夕阳红 with her account.
  const wang = hers.find((v) => v.name === '王翠萍');
  assert.ok(wang && wang.user_id > 0, '王翠萍 with her account');
  const minors = theirs.filter((v) => v.minor);
  assert.equal(minors.length, 1);
  assert.equal(minors[0].age, 16);
  assert.equal(minors[0].guardian_consent.relation, '父亲');
  assert.equal(hers.filter((v) => v.minor).length, 0);
  assert.ok([...hers, ...theirs].filter((v) => v.insured_today).length >= 5);
  assert.ok([...hers, ...theirs].some((v) => v.trainings.length > 0));
  // Not the other team's list.
  const other = await srv.fetch(`${API}/volunteers?team_id=${teams.pgy.id}`, { token: xyh.token });
  assert.equal(other.status, 403, other.text);
  // 赵晓芳's open request waits for 蒲公英's leader.
  const open = (await get(`/volunteer-certificate-requests?team_id=${teams.pgy.id}&state=open`, pgy)).items;
  assert.deepEqual(open.map((r) => r.volunteer.name), ['赵晓芳']);
});

test('the 清理小广告 shift, its confirmed hours, and the month counts equal its outcomes', async () => {
  assert.ok(teams && said, 'the previous tests ran');
  const occurrences = (await get(`/activity-occurrences?from=${said.date}&days=1&organiser_org_id=${teams.xyh.parent.id}`)).items;
  const occ = occurrences.find((o) => o.title === '清理小广告');
  assert.ok(occ, JSON.stringify(occurrences));
  const shifts = (await get(`/activity-occurrences/${occ.id}/shifts`)).items;
  assert.equal(shifts.length, 1);
  const xyh = await srv.login('xiyanghong', 'demo-volunteer-2026');
  const shift = await get(`/volunteer-shifts/${shifts[0].id}`, xyh);
  assert.equal(shift.signups.length, 14);
  const out = shift.signups.filter((s) => s.checked_out_at);
  assert.equal(out.length, 12);
  const minutes = out.reduce((n, s) => n + s.minutes, 0);
  assert.equal(Math.floor(minutes / 6) / 10, said.hours);
  const changmao = await srv.login('changmao', 'demo-worker-2026');
  const confirmed = (await get(`/volunteer-records?organiser_org_id=${teams.xyh.parent.id}&state=confirmed`, changmao)).items;
  assert.equal(confirmed.filter((r) => r.source === 'shift').reduce((n, r) => n + r.minutes, 0), minutes);
  const submitted = (await get(`/volunteer-records?organiser_org_id=${teams.xyh.parent.id}&state=submitted`, changmao)).items;
  assert.deepEqual(submitted.map((r) => r.source), ['manual']);

  const outcomes = (await get(`/activity-occurrences/${occ.id}/outcomes`)).items;
  const total = {};
  const byTeam = {};
  for (const o of outcomes) {
    total[o.kind] = (total[o.kind] || 0) + o.quantity;
    byTeam[o.team_id] = { ...byTeam[o.team_id], [o.kind]: o.quantity };
  }
  assert.deepEqual(total, { ads_removed: 100, rubbish_m3: 10, sewage_spots: 2 });
  const counts = await get(`/volunteer-counts?month=${said.date.slice(0, 7)}`);
  for (const t of Object.values(teams)) {
    const row = counts.teams.find((c) => c.id === t.id);
    assert.ok(row, t.name);
    assert.deepEqual(row.outcomes, byTeam[t.id], t.name);
  }
  const cm = counts.communities.find((c) => c.name === '昌茂');
  assert.ok(cm, JSON.stringify(counts.communities));
  assert.deepEqual(cm.outcomes, total);
  // Every shift minute counts for the teams (their members served it).
  const teamMinutes = counts.teams.filter((c) => c.id === teams.xyh.id || c.id === teams.pgy.id)
    .reduce((n, c) => n + c.minutes, 0);
  assert.ok(teamMinutes >= minutes, `${teamMinutes} >= ${minutes}`);
});

test('the certificate verifies valid by its printed number; 王翠萍 sees her hours, the dispute and the correction', async () => {
  assert.ok(said, 'the first test ran');
  const v = await get(`/certificate-verifications/${said.certificate}`);
  assert.equal(v.status, 'valid');
  assert.equal(v.number, said.certificate);
  assert.equal(v.volunteer_name, '王翠萍');
  assert.match(v.id_number_masked, /^141\*+\d{2}$/);
  assert.deepEqual(v.issuer, { name: '夕阳红志愿服务队', responsible_person: '冯秀珍', contact_phone: '0358-8226130' });
  assert.deepEqual(v.content.map((l) => l.organiser.name), ['生态园社区']);

  const wang = await srv.login('wangcuiping', 'demo-volunteer-2026');
  const mine = await get('/me/volunteer/records', wang);
  const errand = mine.items.find((r) => r.source === 'errand');
  const correction = mine.items.find((r) => r.source === 'correction');
  assert.ok(errand && correction, JSON.stringify(mine.items));
  assert.equal(errand.state, 'confirmed');
  assert.deepEqual(errand.dispute?.state, 'answered');
  assert.deepEqual(errand.corrections, [correction.id]);
  assert.equal(correction.minutes, 20);
  assert.equal(mine.total_minutes, errand.minutes + 20);
  assert.equal(v.hours, Math.round(mine.total_minutes / 6) / 10);
  const certs = (await get('/me/volunteer/certificates', wang)).items;
  assert.deepEqual(certs.map((c) => c.number), [said.certificate]);

  // 赵晓芳 (registered with her account) served the shift and, on the last
  // session day before today, the after-school care's duty that 交通路社区
  // confirmed: her hours are hers, the two records' minutes.
  const zhao = await srv.login('zhaoxiaofang', 'demo-volunteer-2026');
  const me = await get('/me/volunteer', zhao);
  assert.deepEqual(me.teams.map((t) => t.name), ['蒲公英志愿服务队']);
  const hers = await get('/me/volunteer/records', zhao);
  const shift = hers.items.filter((r) => r.source === 'shift' && r.state === 'confirmed');
  const duty = hers.items.filter((r) => r.source === 'duty' && r.state === 'confirmed');
  assert.equal(shift.length, 1);
  assert.equal(duty.length, said.dutyDay ? 1 : 0, 'the after-school duty day the demo said it confirmed');
  if (said.dutyDay) {
    assert.deepEqual([duty[0].service_date, duty[0].minutes, duty[0].organiser.name, duty[0].content],
      [said.dutyDay, 120, '交通路社区', '课后托管值守：交通路社区四点半课堂']);
  }
  assert.equal(hers.total_minutes, shift[0].minutes + (said.dutyDay ? 120 : 0));
});
