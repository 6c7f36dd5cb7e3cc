// Appeals given the wrong types and ids that do not exist, over real HTTP:
// numbers where strings are expected, arrays where objects are, strings
// where numbers or booleans are — each 422 naming its field (a body that is
// not a JSON object is 400) and nothing saved; an id that is not a number or
// names no appeal — read, steps (with a note), photos, follow, reveal and
// the tracking page — is 404, never a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { attachPhoto, startAppealsWorld } from './lib/fixtures.mjs';

const API = '/api/v1/appeals';
let world;

// A 1×1 PNG (stored photos are stripped; this one has nothing to strip).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex');

before(async () => { world = await startAppealsWorld(); });
after(async () => { await world.srv.stop(); world.srv.cleanup(); });

const good = { category: 'roads', description: '路灯不亮', lat: 37.52, lon: 111.14, contact: { name: '王阿姨', phone: '13812345678' } };
const submit = (json) => world.srv.fetch(API, { method: 'POST', token: world.resident.token, json });
const step = (id, json, who = world.worker) => world.srv.fetch(`${API}/${id}/steps`, { method: 'POST', token: who.token, json });
const fields = (r) => (r.body.errors || []).map((e) => e.field).sort();
const count = async () => {
  const r = await world.srv.fetch(`${API}?limit=200`, { token: world.admin.token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.length;
};

function problem(r, status) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(r.body.status, status);
}

test('submit: wrong types are 422 naming the field, and nothing is saved', async () => {
  const before = await count();
  const cases = [
    [{ category: 7 }, ['category']],
    [{ category: ['roads'] }, ['category']],
    [{ description: 42 }, ['description']],
    [{ description: { text: '路灯不亮' } }, ['description']],
    [{ lat: '37.52' }, ['lat']],
    [{ lon: [111.14] }, ['lon']],
    [{ lat: true }, ['lat']],
    [{ anonymous: 'yes', contact: undefined }, ['anonymous']],
    [{ address: 12 }, ['address']],
    [{ channel: 1 }, ['channel']],
    [{ attributes: [] }, ['attributes']],
    [{ attributes: 'surface=unpaved' }, ['attributes']],
    [{ attributes: { surface: { key: 'x' } } }, ['attributes.surface']],
    [{ attributes: { surface: [true] } }, ['attributes.surface']],
    [{ contact: [] }, ['contact']],
    [{ contact: '王阿姨 13812345678' }, ['contact']],
    [{ contact: { name: 5, phone: '13812345678' } }, ['contact']],
    [{ contact: { name: '王阿姨', phone: 13812345678 } }, ['contact']],
  ];
  assert.ok(cases.length > 0);
  for (const [change, named] of cases) {
    const r = await submit({ ...good, ...change });
    problem(r, 422);
    assert.deepEqual(fields(r), named, JSON.stringify(change));
  }
  for (const body of ['[]', '[{"category":"roads"}]', '"roads"', '7', 'null', '']) {
    const r = await world.srv.fetch(API, { method: 'POST', token: world.resident.token, headers: { 'content-type': 'application/json' }, body });
    problem(r, 400);
  }
  assert.equal(await count(), before, 'nothing saved');
  assert.equal((await submit(good)).status, 201); // the same body, right, is taken
});

test('steps: wrong types are 422 naming the field, and the appeal is unchanged', async () => {
  const a = await submit(good);
  assert.equal(a.status, 201, a.text);
  const id = a.body.id;
  const cases = [
    [{ step: 7 }, ['step']],
    [{ step: ['accept'] }, ['step']],
    [{ step: 'accept', note: 5 }, ['note']],
    [{ step: 'accept', note: ['x'] }, ['note']],
    [{ step: 'accept', public: 'true' }, ['public']],
    [{ step: 'dispatch', org_id: String(world.orgId) }, ['org_id']],
    [{ step: 'dispatch', org_id: [world.orgId] }, ['org_id']],
    [{ step: 'dispatch', area_id: '1' }, ['area_id']],
    [{ step: 'reply', outcome: 1, note: 'x' }, ['outcome']],
    [{ step: 'callback', contacted: 'yes', solved: 1, satisfaction: 'satisfied' }, ['contacted', 'solved']],
    [{ step: 'callback', contacted: true, solved: true, satisfaction: 3 }, ['satisfaction']],
    [{ step: 'merge', into_id: { id: 1 } }, ['into_id']],
  ];
  for (const [json, named] of cases) {
    const r = await step(id, json);
    problem(r, 422);
    assert.deepEqual(fields(r), named, JSON.stringify(json));
  }
  for (const body of ['[]', '["accept"]', '"accept"', '1']) {
    const r = await world.srv.fetch(`${API}/${id}/steps`, { method: 'POST', token: world.worker.token, headers: { 'content-type': 'application/json' }, body });
    problem(r, 400);
  }
  const now = await world.srv.fetch(`${API}/${id}`, { token: world.admin.token });
  assert.equal(now.body.state, 'submitted');
  assert.deepEqual(now.body.events.map((e) => e.action), ['submit']);
});

test('an id that names no appeal, or is not a number, is 404 on every appeal route', async () => {
  const { srv, admin, worker, resident } = world;
  const a = await submit(good);
  assert.equal(a.status, 201, a.text);
  const ids = ['999999', '0', '-1', 'abc', '1.5', `${a.body.id}x`, '99999999999999999999'];
  for (const id of ids) {
    const who = { token: admin.token };
    problem(await srv.fetch(`${API}/${id}`, who), 404);
    problem(await srv.fetch(`${API}/${id}?reveal=contact`, who), 404);
    problem(await step(id, { step: 'accept', note: '内部备注', public: false }, admin), 404);
    problem(await step(id, { step: 'reply', outcome: 'solved', note: '已答复' }, worker), 404);
    problem(await srv.fetch(`${API}/${id}/follow`, { method: 'POST', token: resident.token }), 404);
    problem(await srv.fetch(`${API}/${id}/photos/1`, who), 404);
    problem(await attachPhoto(srv, { id, photo_token: a.body.photo_token }, PNG), 404);
  }
  // A real appeal, a photo that is not there.
  for (const n of ['1', '0', '5', 'x']) problem(await srv.fetch(`${API}/${a.body.id}/photos/${n}`, { token: admin.token }), 404);
  // Tracking codes: well-formed but unknown is 404.
  problem(await srv.fetch(`${API}/track/ZZZZZZZZ`), 404);
  // The real one still answers, untouched by all of the above.
  const real = await srv.fetch(`${API}/${a.body.id}`, { token: admin.token });
  assert.equal(real.status, 200, real.text);
  assert.deepEqual(real.body.photos, []);
  assert.equal(real.body.followers, 0);
  assert.deepEqual(real.body.events.map((e) => e.action), ['submit']);
});
