// A child's photo (docs/afterschool.md "Children and guardians"), over real
// HTTP on both engines: given with the child or by an edit (base64 or a data
// URL), replaced, removed (photo: null); read at GET /children/{id}/photo by
// its guardians and by the staff of a programme it is enrolled in (audited,
// purpose afterschool_child_photo), never an admin, the organiser, another
// programme's staff or another family; has_photo on the child view, in
// my-children and on the roster; bad photos 422 naming `photo`; gone when
// the child is erased with its last guardian's account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, PROGRAMMES, PNG, PNG_DATA_URL, assertProblem, startAfterschoolWorld } from './lib/afterschool_world.mjs';

let w;
before(async () => {
  w = await startAfterschoolWorld();
  w.prog = (await w.programme()).id;
  await w.setStaff(w.prog, [{ user_id: w.sixiaoban.user.id, role: 'staff', background_checked_on: '2026-03-01' }]);
  w.hwProg = (await w.programme({ name: '后瓦社区四点半课堂', site_id: w.siteB }, w.hwstaff)).id;
  await w.setStaff(w.hwProg, [{ user_id: w.hwstaff.user.id, role: 'staff', background_checked_on: '2026-03-01' }], w.hwstaff);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const photoReads = (child) => w.count('SELECT COUNT(*) FROM audit_log WHERE action = \'personal_data.read\' AND '
  + `subject_type = 'child' AND subject_id = '${child}' AND detail LIKE '%afterschool_child_photo%';`);
const photoOf = (child, who) => w.get(`${API}/children/${child}/photo`, who);

test('a child made with a photo: its guardians see it, its programme\'s staff too (audited), nobody else', async () => {
  const child = await w.child({ name: '王小照', photo: PNG_DATA_URL });
  assert.equal(child.has_photo, true);
  assert.equal(w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'child.create' AND subject_id = '${child.id}' AND detail LIKE '%"has_photo":true%';`), 1);
  const seen = await photoOf(child.id, w.wang);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.headers.get('content-type'), 'image/png');
  assert.equal(seen.headers.get('cache-control'), 'private, no-store');
  assert.equal(photoReads(child.id), 0); // a guardian's read is not audited

  // The staff: only once the child is enrolled in their programme.
  assertProblem(await photoOf(child.id, w.sixiaoban), 403);
  await w.enrol(child.id, w.prog);
  const staff = await photoOf(child.id, w.sixiaoban);
  assert.equal(staff.status, 200, staff.text);
  assert.equal(photoReads(child.id), 1);
  // Never an admin, the organiser, another programme's staff, another family; 401 without a session.
  for (const who of [w.admin, w.styorg, w.hwstaff, w.zhao, w.jiaoyu]) assertProblem(await photoOf(child.id, who), 403);
  assertProblem(await photoOf(child.id, undefined), 401);
  assertProblem(await photoOf(987654321, w.wang), 404);
  assertProblem(await photoOf('abc', w.wang), 404);
  assert.equal(photoReads(child.id), 1);

  // The child view, my-children and the roster say there is one.
  assert.equal((await w.ok(200, 'GET', `${API}/children/${child.id}`, undefined, w.sixiaoban)).has_photo, true);
  const mine = await w.ok(200, 'GET', `${API}/my-children`, undefined, w.wang);
  assert.equal(mine.items.find((c) => c.id === child.id).has_photo, true);
  const roster = await w.ok(200, 'GET', `${PROGRAMMES}/${w.prog}/roster`, undefined, w.sixiaoban);
  assert.equal(roster.children.find((x) => x.child.id === child.id).child.has_photo, true);
});

test('a guardian gives, replaces and removes the photo; a child without one answers 404 to every reader', async () => {
  const child = await w.child({ name: '王小换' });
  assert.equal(child.has_photo, false);
  await w.enrol(child.id, w.prog);
  assertProblem(await photoOf(child.id, w.wang), 404);
  assertProblem(await photoOf(child.id, w.sixiaoban), 404);
  assert.equal(photoReads(child.id), 0); // nothing was read

  const given = await w.ok(200, 'PUT', `${API}/children/${child.id}`, { photo: PNG.toString('base64') }, w.wang);
  assert.equal(given.has_photo, true);
  assert.equal(given.name, child.name); // nothing else changed
  const bytes = Buffer.from(await (await fetch(`${w.srv.url}${API}/children/${child.id}/photo`, { headers: { authorization: `Bearer ${w.wang.token}` } })).arrayBuffer());
  assert.deepEqual(bytes, PNG);
  assert.equal(w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'child.update' AND subject_id = '${child.id}' AND detail LIKE '%photo%';`), 1);
  // Another family, staff, an admin may not change it.
  for (const who of [w.zhao]) assertProblem(await w.send('PUT', `${API}/children/${child.id}`, { photo: PNG_DATA_URL }, who), 403);
  for (const who of [w.sixiaoban, w.admin]) assertProblem(await w.send('PUT', `${API}/children/${child.id}`, { photo: PNG_DATA_URL }, who), 403);
  // An edit without the photo keeps it; null removes it.
  assert.equal((await w.ok(200, 'PUT', `${API}/children/${child.id}`, { grade: '四年级' }, w.wang)).has_photo, true);
  const removed = await w.ok(200, 'PUT', `${API}/children/${child.id}`, { photo: null }, w.wang);
  assert.equal(removed.has_photo, false);
  assert.equal(w.srv.sql(`SELECT COALESCE(photo_sha, 'none') FROM children WHERE id = ${child.id};`), 'none');
  assertProblem(await photoOf(child.id, w.wang), 404);
  assertProblem(await photoOf(child.id, w.sixiaoban), 404);
});

test('bad photos: each 422 names photo; malformed JSON 400', async () => {
  const child = await w.child({ name: '王小错' });
  for (const photo of ['not a picture', 'aGVsbG8=', 'data:image/jpeg;base64,' + PNG.toString('base64'), 7, [], {}, true]) {
    assertProblem(await w.send('PUT', `${API}/children/${child.id}`, { photo }, w.wang), 422, { field: 'photo' });
    assertProblem(await w.send('POST', `${API}/children`, {
      name: '王小坏', school: '离石区凤山路小学', grade: '三年级', birth_date: '2017-05-12', relation: '母亲', consent: true, photo,
    }, w.wang), 422, { field: 'photo' });
  }
  assert.equal((await w.ok(200, 'GET', `${API}/children/${child.id}`, undefined, w.wang)).has_photo, false);
  assertProblem(await w.raw('PUT', `${API}/children/${child.id}`, '{"photo": ', w.wang), 400);
  // A photo on create may be null: none.
  assert.equal((await w.child({ name: '王小空', photo: null })).has_photo, false);
});

test('an erased child keeps no photo', async () => {
  const alone = await w.child({ name: '赵小照', relation: '母亲', photo: PNG_DATA_URL }, w.zhao);
  await w.enrol(alone.id, w.prog, w.zhao);
  assert.equal((await photoOf(alone.id, w.sixiaoban)).status, 200);
  const gone = await w.srv.fetch(`${API}/me`, { method: 'DELETE', token: w.zhao.token });
  assert.equal(gone.status, 204, gone.text);
  assert.equal(w.srv.sql(`SELECT COALESCE(photo_sha, 'none') FROM children WHERE id = ${alone.id};`), 'none');
  assertProblem(await photoOf(alone.id, w.sixiaoban), 404);
});
