// Notes on appeal steps are internal unless the staff member ticks 公开
// (`public: true`): the reporter, the public tracking page and Open311's
// status_notes see the step without an unpublished note; staff see every
// note with note_public. A reply is the answer to the reporter and always
// public (`public: false` on a reply is 422). Bad input: a non-boolean
// public, a step on an unknown appeal, a step by a role that may not take it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAppealsWorld } from './lib/fixtures.mjs';

const API = '/api/v1/appeals';
let world;

before(async () => { world = await startAppealsWorld(); });
after(async () => { await world.srv.stop(); world.srv.cleanup(); });

const step = (id, json, who) => world.srv.fetch(`${API}/${id}/steps`, { method: 'POST', token: who.token, json });
async function ok(res, status = 200) {
  const r = await res;
  assert.equal(r.status, status, r.text);
  return r.body;
}

test('accept and dispatch notes stay internal by default; a ticked one is published', async () => {
  const { srv, resident, worker, dept, admin } = world;
  const a = await ok(srv.fetch(API, { method: 'POST', token: resident.token, json: {
    category: 'roads', description: '小区门口的路灯坏了', lat: 37.52, lon: 111.14,
    contact: { name: '王阿姨', phone: '13812345678' } } }), 201);
  await ok(step(a.id, { step: 'accept', note: '内部：先打电话核实' }, worker));
  await ok(step(a.id, { step: 'dispatch', note: '已转区住建局，三天内修好', public: true }, worker));
  await ok(step(a.id, { step: 'start', note: '明早带梯子', public: false }, dept));
  await ok(step(a.id, { step: 'reply', note: '路灯已更换', outcome: 'solved' }, dept));

  // Staff: every note, and which were published.
  const staff = await ok(srv.fetch(`${API}/${a.id}`, { token: admin.token }));
  const byAction = Object.fromEntries(staff.events.map((e) => [e.action, e]));
  assert.equal(byAction.accept.note, '内部：先打电话核实');
  assert.equal(byAction.accept.note_public, false);
  assert.equal(byAction.accept.public, true); // the state change itself shows
  assert.equal(byAction.dispatch.note_public, true);
  assert.equal(byAction.start.note, '明早带梯子');
  assert.equal(byAction.start.note_public, false);
  assert.equal(byAction.reply.note_public, true);

  // The reporter: the steps, only the published notes.
  const mine = await ok(srv.fetch(`${API}/${a.id}`, { token: resident.token }));
  const notes = Object.fromEntries(mine.events.map((e) => [e.action, e.note]));
  assert.deepEqual(notes, { submit: '', accept: '', dispatch: '已转区住建局，三天内修好', start: '', reply: '路灯已更换' });

  // The tracking page: the same, and nowhere the internal text.
  const track = await srv.fetch(`${API}/track/${a.tracking_code}`);
  assert.equal(track.status, 200, track.text);
  assert.deepEqual(track.body.timeline.map((e) => e.note), ['', '', '已转区住建局，三天内修好', '', '路灯已更换']);
  assert.ok(!track.text.includes('核实') && !track.text.includes('梯子'), track.text);
  assert.deepEqual(track.body.replies.map((r) => r.text), ['路灯已更换']);
});

test('Open311 status_notes never carry an unpublished note', async () => {
  const { srv, resident, worker } = world;
  const a = await ok(srv.fetch(API, { method: 'POST', token: resident.token, json: {
    category: 'roads', description: '井盖丢了', lat: 37.521, lon: 111.141, anonymous: true } }), 201);
  const notes = async () => {
    const r = await srv.fetch(`/open311/v2/requests/${a.tracking_code}.json`);
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.text.includes('派出所'), r.text);
    return r.body[0].status_notes ?? null;
  };
  await ok(step(a.id, { step: 'accept', note: '内部：疑似被盗，报派出所' }, worker));
  assert.equal(await notes(), null);
  await ok(step(a.id, { step: 'dispatch', note: '已派区住建局', public: true }, worker));
  assert.equal(await notes(), '已派区住建局');
});

test('a reply is always public; public must be true or false', async () => {
  const { srv, resident, worker, dept, keeper } = world;
  const a = await ok(srv.fetch(API, { method: 'POST', token: resident.token, json: {
    category: 'roads', description: '人行道砖松动', lat: 37.522, lon: 111.142, anonymous: true } }), 201);
  await ok(step(a.id, { step: 'accept' }, worker));
  const wrongType = await step(a.id, { step: 'dispatch', public: 'yes' }, worker);
  assert.equal(wrongType.status, 422, wrongType.text);
  assert.deepEqual(wrongType.body.errors.map((e) => e.field), ['public']);
  await ok(step(a.id, { step: 'dispatch' }, worker));
  await ok(step(a.id, { step: 'start' }, dept));
  const hidden = await step(a.id, { step: 'reply', note: '已修复', outcome: 'solved', public: false }, dept);
  assert.equal(hidden.status, 422, hidden.text);
  assert.deepEqual(hidden.body.errors.map((e) => e.field), ['public']);
  assert.equal((await ok(srv.fetch(`${API}/${a.id}`, { token: dept.token }))).state, 'in_progress'); // nothing written
  // A keeper may not take the step at all; an unknown appeal is 404.
  assert.equal((await step(a.id, { step: 'reply', note: 'x', outcome: 'solved', public: true }, keeper)).status, 403);
  assert.equal((await step(999999, { step: 'accept', public: true }, worker)).status, 404);
});
