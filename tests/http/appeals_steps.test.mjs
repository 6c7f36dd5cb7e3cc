// The workflow steps the lifecycle tests do not take, over real HTTP
// (POST /api/v1/appeals/{id}/steps): a staff reopen (重办) from callback;
// merge from accepted, dispatched, returned and in progress; in_progress →
// return and the re-dispatch after it; and the merge refusals — no target,
// into itself, an unknown target, a closed one, a merged one (422 on
// into_id with the reason) — and merge or reopen where the table has no
// such step (409) or by a party it does not name (403), each leaving the
// appeal as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAppealsWorld } from './lib/fixtures.mjs';

const API = '/api/v1/appeals';
let world;

before(async () => { world = await startAppealsWorld(); });
after(async () => { await world.srv.stop(); world.srv.cleanup(); });

const step = (id, json, who) => world.srv.fetch(`${API}/${id}/steps`, { method: 'POST', token: who.token, json });
const read = async (id) => {
  const r = await world.srv.fetch(`${API}/${id}`, { token: world.admin.token });
  assert.equal(r.status, 200, r.text);
  return r.body;
};

async function ok(res) {
  const r = await res;
  assert.equal(r.status, 200, r.text);
  return r.body;
}

function refused(r, status, field, message) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  if (field) assert.deepEqual(r.body.errors, [{ field, message }]);
}

let place = 0;
async function raise() {
  place += 1; // each a few metres apart
  const r = await world.srv.fetch(API, { method: 'POST', token: world.resident.token, json: {
    category: 'roads', description: `路面塌陷 ${place}`, lat: 37.52 + place * 0.0001, lon: 111.14, anonymous: true } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// An appeal walked to `state` by the parties whose steps they are.
async function appealIn(state) {
  const { worker, dept, resident } = world;
  const path = {
    submitted: [],
    accepted: [['accept', worker]],
    dispatched: [['accept', worker], ['dispatch', worker]],
    returned: [['accept', worker], ['dispatch', worker], ['return', dept, { note: '不归我们管' }]],
    in_progress: [['accept', worker], ['dispatch', worker], ['start', dept]],
    replied: [['accept', worker], ['dispatch', worker], ['start', dept], ['reply', dept, { outcome: 'solved', note: '已修好' }]],
    callback: [['accept', worker], ['dispatch', worker], ['start', dept], ['reply', dept, { outcome: 'solved', note: '已修好' }],
      ['callback', resident, { contacted: true, solved: true, satisfaction: 'basically_satisfied' }]],
  }[state];
  const a = await raise();
  for (const [name, who, extra] of path) await ok(step(a.id, { step: name, ...extra }, who));
  const now = await read(a.id);
  assert.equal(now.state, state);
  return now;
}

test('staff reopen a called-back appeal (重办): dispatched again to the same department, clock restarted', async () => {
  const { worker, admin, dept, resident } = world;
  const a = await appealIn('callback');
  // Only dispatchers reopen: the department and the reporter may not.
  const byDept = await step(a.id, { step: 'reopen' }, dept);
  refused(byDept, 403);
  assert.deepEqual(byDept.body.allowed_steps, []);
  refused(await step(a.id, { step: 'reopen' }, resident), 403);
  assert.equal((await read(a.id)).state, 'callback');

  const reopened = await ok(step(a.id, { step: 'reopen', note: '回访发现路面又裂开了', public: true }, worker));
  assert.equal(reopened.state, 'dispatched');
  assert.equal(reopened.reopen_count, 1);
  assert.equal(reopened.assigned_org_id, world.orgId);
  assert.ok(Date.parse(reopened.resolution_due) >= Date.parse(a.resolution_due), reopened.resolution_due);
  const events = (await read(a.id)).events;
  const last = events[events.length - 1];
  assert.deepEqual([last.action, last.from_state, last.to_state, last.actor_role, last.reason, last.note],
    ['reopen', 'callback', 'dispatched', 'worker', null, '回访发现路面又裂开了']);
  assert.equal(last.actor_user_id, worker.user.id);

  // The department works it again; a second round ends closed, counted twice.
  await ok(step(a.id, { step: 'start' }, dept));
  await ok(step(a.id, { step: 'reply', outcome: 'solved', note: '重新铺了沥青' }, dept));
  await ok(step(a.id, { step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, worker));
  const again = await ok(step(a.id, { step: 'reopen' }, admin));
  assert.equal(again.reopen_count, 2);
  assert.equal(again.state, 'dispatched');

  // Not from any other state: 409 naming what is allowed.
  const early = await step(a.id, { step: 'reopen' }, worker);
  refused(early, 409);
  assert.deepEqual(early.body.allowed_steps, ['merge']);
  const replied = await appealIn('replied');
  const tooSoon = await step(replied.id, { step: 'reopen' }, worker);
  refused(tooSoon, 409);
  assert.deepEqual(tooSoon.body.allowed_steps, ['callback']);
  assert.equal((await read(replied.id)).reopen_count, 0);
});

test('in progress → return (with its reason, internal), then dispatched elsewhere', async () => {
  const { worker, dept, otherDept, resident } = world;
  const a = await appealIn('in_progress');
  refused(await step(a.id, { step: 'return' }, dept), 422, 'note', 'the reason for returning it is required');
  refused(await step(a.id, { step: 'return', note: '不是我的' }, otherDept), 403);
  const workerReturn = await step(a.id, { step: 'return', note: '派错了' }, worker); // a district worker is no assignee here
  refused(workerReturn, 403);
  assert.deepEqual(workerReturn.body.allowed_steps, ['merge']);
  assert.equal((await read(a.id)).state, 'in_progress');

  const back = await ok(step(a.id, { step: 'return', note: '属于城管局的占道问题' }, dept));
  assert.equal(back.state, 'returned');
  const staff = await read(a.id);
  const ret = staff.events[staff.events.length - 1];
  assert.deepEqual([ret.action, ret.from_state, ret.to_state, ret.note, ret.public], ['return', 'in_progress', 'returned', '属于城管局的占道问题', false]);
  const mine = await world.srv.fetch(`${API}/${a.id}`, { token: resident.token });
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.body.events.map((e) => e.action), ['submit', 'accept', 'dispatch', 'start']);

  // A returned appeal is no longer the department's to start.
  refused(await step(a.id, { step: 'start' }, dept), 409);
  const redone = await ok(step(a.id, { step: 'dispatch', org_id: world.otherOrgId }, worker));
  assert.equal(redone.state, 'dispatched');
  assert.equal(redone.assigned_org_id, world.otherOrgId);
  refused(await step(a.id, { step: 'start' }, dept), 403);
  assert.equal((await ok(step(a.id, { step: 'start' }, otherDept))).state, 'in_progress');
});

test('merge from accepted, dispatched, returned and in progress: closed, merged_into, followers carried', async () => {
  const { worker, admin, dept } = world;
  const kept = await appealIn('dispatched');
  assert.equal(kept.followers, 0);
  const merged = [];
  for (const state of ['accepted', 'dispatched', 'returned', 'in_progress']) {
    const dup = await appealIn(state);
    // The department may not merge, even what it is working on.
    const byDept = await step(dup.id, { step: 'merge', into_id: kept.id }, dept);
    refused(byDept, 403);
    assert.equal((await read(dup.id)).state, state);
    const who = state === 'returned' ? admin : worker;
    const done = await ok(step(dup.id, { step: 'merge', into_id: kept.id, note: '同一处塌陷' }, who));
    assert.equal(done.state, 'closed', state);
    assert.equal(done.merged_into, kept.id, state);
    assert.deepEqual(done.allowed_steps, [], state);
    const events = (await read(dup.id)).events;
    const last = events[events.length - 1];
    assert.deepEqual([last.action, last.from_state, last.to_state], ['merge', state, 'closed']);
    assert.deepEqual(last.detail, { into_id: kept.id, into_code: kept.tracking_code });
    merged.push(dup.id);
  }
  const keptNow = await read(kept.id);
  assert.equal(keptNow.state, 'dispatched'); // the kept one goes on as it was
  assert.equal(keptNow.followers, 4);
  const from = keptNow.events.filter((e) => e.action === 'merged_from');
  assert.equal(from.length, 4);
  assert.deepEqual(from.map((e) => e.detail.from_id), merged);
  assert.ok(from.every((e) => e.public && e.from_state === 'dispatched' && e.to_state === 'dispatched'));
});

test('merge refusals: no target, into itself, unknown, closed or merged target; no merge after a reply', async () => {
  const { worker, admin } = world;
  const dup = await appealIn('accepted');
  const merge = (into_id, who = worker) => step(dup.id, into_id === undefined ? { step: 'merge' } : { step: 'merge', into_id }, who);
  refused(await merge(undefined), 422, 'into_id', 'the appeal to merge into is required');
  refused(await merge(null), 422, 'into_id', 'the appeal to merge into is required');
  refused(await merge(dup.id), 422, 'into_id', 'an appeal cannot be merged into itself');
  refused(await merge(999999), 422, 'into_id', 'no such appeal');
  refused(await merge(0), 422, 'into_id', `must be between 1 and ${2n ** 63n - 1n}`);
  refused(await merge(String(dup.id + 1)), 422, 'into_id', 'must be an integer');
  refused(await merge(1.5), 422, 'into_id', 'must be an integer');

  // A target closed the ordinary way, and one closed by being merged.
  const closed = await appealIn('callback');
  await ok(step(closed.id, { step: 'close' }, admin));
  refused(await merge(closed.id), 422, 'into_id', 'the appeal to merge into is closed');
  const host = await appealIn('submitted');
  const gone = await appealIn('submitted');
  await ok(step(gone.id, { step: 'merge', into_id: host.id }, worker));
  refused(await merge(gone.id), 422, 'into_id', 'the appeal to merge into is closed');

  // None of it wrote anything.
  const still = await read(dup.id);
  assert.equal(still.state, 'accepted');
  assert.equal(still.merged_into, null);
  assert.deepEqual(still.events.map((e) => e.action), ['submit', 'accept']);
  assert.equal((await read(closed.id)).followers, 0);
  assert.equal((await read(gone.id)).followers, 0);

  // Where the table has no merge: after the reply, and once merged.
  for (const state of ['replied', 'callback']) {
    const late = await appealIn(state);
    const r = await step(late.id, { step: 'merge', into_id: host.id }, worker);
    refused(r, 409);
    assert.ok(!r.body.allowed_steps.includes('merge'), r.text);
  }
  const twice = await step(gone.id, { step: 'merge', into_id: dup.id }, worker);
  refused(twice, 409);
  assert.deepEqual(twice.body.allowed_steps, []);
  assert.equal((await read(host.id)).followers, 1);
});
