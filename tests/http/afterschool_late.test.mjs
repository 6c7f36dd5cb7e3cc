// After-school care in the evening (docs/afterschool.md "Late pickups"), over
// real HTTP on a server whose clock starts at 19:10 on a session day, 40
// minutes after the session ended: a child still here has a late alert —
// raised by the roster read itself, on top of the staff's screen, in the
// guardians' my-children, and told to each guardian's phone by the sweep
// (the log SMS sender's line) once; the check-out is late and counted for
// the month and in the counts. Then a guardian who deletes her account: the
// same job ends her guardianship; a child left with none is erased (its name
// （已删除）, the personal fields cleared) and nobody reads it any more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API, PROGRAMMES, TODAY, WANG, FATHER, assertProblem, startAfterschoolWorld } from './lib/afterschool_world.mjs';

let w;
before(async () => {
  w = await startAfterschoolWorld({ now: `${TODAY}T19:10:00+08:00`, sweep: 1 });
  w.prog = (await w.programme()).id;
  await w.setStaff(w.prog, [{ user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' }]);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

// The log sender's lines to `phone` once there are `n` of them (looked for every 50 ms, at most 10 s).
async function smsTo(phone, n) {
  for (let i = 0; i < 200; i += 1) {
    const lines = readFileSync(w.srv.logPath, 'utf8').split('\n').filter((l) => l.includes(`sms (log sender) to ${phone}:`));
    if (lines.length >= n) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${n} text messages to ${phone} in ${w.srv.logPath}`);
}

test('a child still here 30 minutes after closing: the alert on the roster and in my-children, the guardians told once, a late check-out counted', async () => {
  const c = await w.child({ name: '王小晚' });
  await w.ok(201, 'POST', `${API}/children/${c.id}/guardians`, { phone: FATHER.phone, relation: '父亲' }, w.wang);
  await w.enrol(c.id, w.prog);
  const granny = await w.adult([c.id]);
  const on = await w.child({ name: '王小早' });
  await w.enrol(on.id, w.prog);
  assert.equal((await w.checkIn(w.prog, c.id)).status, 201);
  // The roster raises its own programme's alert: on top, the child's row late.
  const roster = await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  assert.deepEqual(roster.alerts.map((a) => [a.child_id, a.name]), [[c.id, '王小晚']]);
  assert.ok(roster.alerts[0].raised_at);
  assert.equal(roster.children.find((x) => x.child.id === c.id).state, 'here');
  assert.equal(roster.children.find((x) => x.child.id === on.id).state, 'expected');
  assert.equal(w.count(`SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = ${c.id};`), 1);
  // Once per child and day: a second read raises no other.
  await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  assert.equal(w.count(`SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = ${c.id};`), 1);
  const mine = (await w.ok(200, 'GET', `${API}/my-children`, undefined, w.father)).items.find((x) => x.id === c.id);
  assert.deepEqual(mine.today.map((t) => [t.state, t.late_alert]), [['here', true]]);
  // The sweep tells each guardian's phone, once.
  const [toMother] = await smsTo(WANG.phone, 1);
  await smsTo(FATHER.phone, 1);
  assert.match(toMother, /王小晚/);
  assert.equal(w.count(`SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = ${c.id} AND notified_at IS NOT NULL;`), 1);

  // The grandmother comes: a late pickup, counted for the month.
  const out = await w.checkOut(w.prog, { child_id: c.id, method: 'code', code: granny.code });
  assert.equal(out.status, 200, out.text);
  assert.equal(out.body.late, true);
  const after = await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  const row = after.children.find((x) => x.child.id === c.id);
  assert.deepEqual([row.state, row.late, row.late_pickups_this_month], ['gone', true, 1]);
  assert.equal(w.count(`SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = ${c.id} AND resolved_at IS NOT NULL;`), 1);
  const again = (await w.ok(200, 'GET', `${API}/my-children`, undefined, w.wang)).items.find((x) => x.id === c.id);
  assert.equal(again.late_pickups_this_month, 1);
  const counts = await w.ok(200, 'GET', `${API}/afterschool-counts?month=${TODAY.slice(0, 7)}`, undefined, w.jiaoyu);
  assert.equal(counts.sites.find((s) => s.site_id === w.siteA).late_pickups, 1);
  assert.equal(counts.late_pickups, 1);
  // Told once: still one message to each.
  assert.equal((await smsTo(WANG.phone, 1)).length, 1);
});

test('a guardian who deletes her account: her guardianship ends; a child left with none is erased and read by nobody', async () => {
  // 赵敏's child, her only guardian, enrolled; and 王丽's child that 赵敏 also guards.
  const alone = await w.child({ name: '赵小单', relation: '母亲', health_notes: '哮喘' }, w.zhao);
  const enrolment = await w.enrol(alone.id, w.prog, w.zhao);
  await w.adult([alone.id], { name: '赵外婆', relation: '外婆', phone: '13835870031' }, w.zhao);
  const shared = await w.child({ name: '王小共' });
  await w.ok(201, 'POST', `${API}/children/${shared.id}/guardians`, { phone: '13835870009', relation: '姑姑' }, w.wang);
  assert.equal((await w.get(`${API}/children/${alone.id}`, w.sixiaoban)).status, 200);

  const gone = await w.srv.fetch(`${API}/me`, { method: 'DELETE', token: w.zhao.token });
  assert.equal(gone.status, 204, gone.text);
  // The shared child keeps its other guardian.
  const kept = await w.ok(200, 'GET', `${API}/children/${shared.id}`, undefined, w.wang);
  assert.deepEqual(kept.guardians.map((g) => g.display_name), ['王丽']);
  // The child left alone is erased: its personal fields cleared, its enrolment and pickup links ended.
  assert.equal(w.srv.sql(`SELECT name, school, grade, COALESCE(birth_date, ''), COALESCE(health_notes, ''), `
    + `CASE WHEN erased_at IS NULL THEN 'no' ELSE 'yes' END FROM children WHERE id = ${alone.id};`), '（已删除）|||||yes');
  assert.equal(w.srv.sql(`SELECT status FROM afterschool_enrolments WHERE id = ${enrolment.id};`), 'withdrawn');
  assert.equal(w.count(`SELECT COUNT(*) FROM child_pickup_adults WHERE child_id = ${alone.id};`), 0);
  assert.equal(w.count(`SELECT COUNT(*) FROM child_guardians WHERE child_id = ${alone.id};`), 0);
  // Nobody reads it any more: not the programme's staff (404 for an erased child), not its roster.
  assertProblem(await w.get(`${API}/children/${alone.id}`, w.sixiaoban), 404);
  const roster = await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  assert.ok(!roster.children.some((x) => x.child.id === alone.id) && !JSON.stringify(roster).includes('赵小单'));
});
