// What appeals answer callers who may not read them (issue 11, item 9): a
// resident may follow an appeal found through /appeals/similar, and that is
// all. Steps, photos and the contact reveal refuse such a caller with one
// and the same 403, whatever the appeal's state or contents; following a
// closed or merged appeal is a 409 that names no state and no merge target.
// Readers (staff, the assigned department, the reporter) still get the
// allowed steps with a refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { attachPhoto, startAppealsWorld } from './lib/fixtures.mjs';

const API = '/api/v1/appeals';
let srv;
let admin;
let resident;
let stranger;
let worker;
let dept;
let otherDept;
let keeper;
let orgId;

// A 1×1 PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex');

before(async () => {
  ({ srv, admin, resident, worker, dept, otherDept, keeper, orgId } = await startAppealsWorld());
  stranger = await srv.createUser(admin, 'zhaoliu', 'resident');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const STATES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'returned', 'closed', 'reopened'];
let nextLat = 37.50;
async function submitted(extra = {}) {
  nextLat += 0.01; // each appeal apart from the others
  const r = await srv.fetch(API, {
    method: 'POST', token: resident.token,
    json: {
      category: 'roads', description: '小区门口路灯不亮', lat: nextLat, lon: 111.14,
      contact: { name: '王阿姨', phone: '13812345678' }, ...extra,
    },
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const step = (id, json, who) => srv.fetch(`${API}/${id}/steps`, { method: 'POST', token: who.token, json });
const follow = (id, who) => srv.fetch(`${API}/${id}/follow`, { method: 'POST', token: who.token });
async function ok(res) {
  assert.equal(res.status, 200, res.text);
  return res.body;
}

// The answer tells nothing of the appeal: no state, no steps, no merge target.
function assertTellsNothing(res, status) {
  assert.equal(res.status, status, res.text);
  for (const key of ['allowed_steps', 'state', 'merged_into', 'errors']) {
    assert.equal(key in res.body, false, `${key} in ${res.text}`);
  }
  for (const word of [...STATES, 'merge', 'accept', 'dispatch', 'photo', 'anonymous', 'contact']) {
    assert.doesNotMatch(res.body.detail, new RegExp(`\\b${word}\\b`), res.text);
  }
}

test('steps by a caller who may not read the appeal: one 403 whatever the state or the step', async () => {
  const fresh = await submitted();
  const closed = await submitted();
  await ok(await step(closed.id, { step: 'merge', into_id: fresh.id }, worker));
  const dispatched = await submitted();
  await ok(await step(dispatched.id, { step: 'accept' }, worker));
  await ok(await step(dispatched.id, { step: 'dispatch' }, worker));

  const answers = [];
  for (const who of [stranger, keeper, otherDept]) {
    for (const a of [fresh, closed, dispatched]) {
      for (const json of [{ step: 'accept' }, { step: 'start' }, { step: 'close' }, { step: 'reply', outcome: 'solved', note: 'x' }]) {
        const res = await step(a.id, json, who);
        assertTellsNothing(res, 403);
        answers.push(res.body.detail);
      }
    }
  }
  assert.equal(new Set(answers).size, 1, answers.join(' | '));
  // Nothing was done by those attempts.
  const seen = await srv.fetch(`${API}/${fresh.id}`, { token: admin.token });
  assert.equal(seen.body.state, 'submitted');
});

test('readers still learn the allowed steps with a refusal', async () => {
  const a = await submitted();
  const early = await step(a.id, { step: 'reply', outcome: 'solved', note: 'x' }, worker);
  assert.equal(early.status, 409, early.text);
  assert.deepEqual(early.body.allowed_steps, ['accept', 'merge']);
  const own = await step(a.id, { step: 'accept' }, resident);
  assert.equal(own.status, 403, own.text);
  assert.deepEqual(own.body.allowed_steps, []);
  await ok(await step(a.id, { step: 'accept' }, worker));
  await ok(await step(a.id, { step: 'dispatch' }, worker));
  const notYet = await step(a.id, { step: 'close' }, dept);
  assert.equal(notYet.status, 409, notYet.text);
  assert.ok(Array.isArray(notYet.body.allowed_steps), notYet.text);
});

test('a resident follows an appeal found nearby; a closed or merged one answers 409 naming nothing', async () => {
  const first = await submitted();
  const found = await srv.fetch(`${API}/similar?category=roads&lat=${nextLat}&lon=111.14`, { token: stranger.token });
  assert.deepEqual(found.body.items.map((i) => i.id), [first.id]);
  const followed = await ok(await follow(first.id, stranger));
  assert.deepEqual(followed, { followers: 1 });
  assert.deepEqual(await ok(await follow(first.id, stranger)), { followers: 1 }); // once only

  const dup = await submitted();
  await ok(await step(dup.id, { step: 'merge', into_id: first.id }, worker));
  const merged = await follow(dup.id, stranger);
  assertTellsNothing(merged, 409);
  assert.doesNotMatch(merged.text, new RegExp(`\\b${first.id}\\b`));

  const done = await submitted();
  for (const s of [{ step: 'accept' }, { step: 'dispatch' }]) await ok(await step(done.id, s, worker));
  await ok(await step(done.id, { step: 'start' }, dept));
  await ok(await step(done.id, { step: 'reply', outcome: 'solved', note: '已修好' }, dept));
  await ok(await step(done.id, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, resident));
  await ok(await step(done.id, { step: 'close' }, admin));
  const closed = await follow(done.id, stranger);
  assertTellsNothing(closed, 409);
  assert.equal(closed.body.detail, merged.body.detail); // closed and merged look alike
  assert.equal((await follow(999999, stranger)).status, 404);
});

test('photos, the contact reveal and the record: one 403 for a caller who may not read, photo or not', async () => {
  const withPhoto = await submitted();
  assert.equal((await attachPhoto(srv, withPhoto, PNG)).status, 201);
  const anonymous = await submitted({ contact: undefined, anonymous: true });
  const answers = [];
  for (const who of [stranger, keeper, dept]) { // dept: not dispatched to it yet
    for (const a of [withPhoto, anonymous]) {
      for (const path of [`${a.id}`, `${a.id}?reveal=contact`, `${a.id}/photos/1`, `${a.id}/photos/4`]) {
        const res = await srv.fetch(`${API}/${path}`, { token: who.token });
        assertTellsNothing(res, 403);
        answers.push(res.body.detail);
      }
    }
  }
  assert.equal(new Set(answers).size, 1, answers.join(' | '));
  assert.equal((await srv.fetch(`${API}/${withPhoto.id}/photos/1`, { token: resident.token })).status, 200);
});
