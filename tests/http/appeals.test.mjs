// Appeals over real HTTP: the whole lifecycle, each role's allowed and
// denied steps (409/403 naming the allowed ones), bad input (description
// over the limit, a photo that is not an image, an oversize photo, an
// unknown category, malformed JSON), the public tracking page without
// personal data, the masked and revealed contact, similar appeals, follow
// and the supervision list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { attachPhoto, startAppealsWorld } from './lib/fixtures.mjs';
import { rawRequest, statusOf } from './lib/raw.mjs';

const API = '/api/v1/appeals';
let srv;
let admin;
let resident;
let worker;
let dept;
let otherDept;
let keeper;
let orgId;
let otherOrgId;

const PHONE = '13812345678';
const at = { lat: 37.52, lon: 111.14 };
// A 1×1 PNG with a tEXt chunk that must not survive.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000c74455874475053003337e58c97e4baac00000000', 'hex'),
  Buffer.from('0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex'),
]);

before(async () => {
  ({ srv, admin, resident, worker, dept, otherDept, keeper, orgId, otherOrgId } = await startAppealsWorld([
    { code: 'surface', datatype: 'singlevaluelist', required: true, description: '路面情况',
      values: [{ key: 'unpaved', name: '未硬化' }, { key: 'pothole', name: '坑洼' }] }]));
});
after(async () => { await srv.stop(); srv.cleanup(); });

const appeal = (extra = {}) => ({
  category: 'roads', description: '市场旁边的路没有硬化,一下雨全是泥', ...at,
  attributes: { surface: 'unpaved' }, contact: { name: '王阿姨', phone: PHONE }, ...extra,
});
const submit = (json, token) => srv.fetch(API, { method: 'POST', token, json });
const step = (id, json, token) => srv.fetch(`${API}/${id}/steps`, { method: 'POST', token, json });

async function submitted(extra = {}, token = resident.token) {
  const r = await submit(appeal(extra), token);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

function assertProblem(res, status, fields) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  if (fields) assert.deepEqual((res.body.errors || []).map((e) => e.field).sort(), fields);
}

test('the whole lifecycle, and the tracking page follows it without personal data', async () => {
  const a = await submitted();
  assert.equal(a.state, 'submitted');
  assert.match(a.tracking_code, /^[2-9A-HJKMNP-TW-Z]{8}$/);
  assert.equal(a.track_url, `${API}/track/${a.tracking_code}`);
  const own = await srv.fetch(`${API}/${a.id}`, { token: resident.token });
  assert.equal(own.body.contact.phone, PHONE); // the reporter sees their own
  assert.deepEqual(own.body.attributes, { surface: 'unpaved' });
  const ok = async (json, who) => {
    const r = await step(a.id, json, who.token);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  await ok({ step: 'accept' }, worker);
  const d = await ok({ step: 'dispatch' }, worker);
  assert.equal(d.assigned_org_id, orgId);
  await ok({ step: 'start' }, dept);
  await ok({ step: 'reply', outcome: 'solved', note: '已安排硬化,本周完工' }, dept);
  await ok({ step: 'callback', contacted: true, solved: true, satisfaction: 'satisfied' }, resident);
  const closed = await ok({ step: 'close' }, admin);
  assert.equal(closed.state, 'closed');

  const t = await srv.fetch(`${API}/track/${a.tracking_code.toLowerCase()}`);
  assert.equal(t.status, 200, t.text);
  assert.equal(t.body.state, 'closed');
  assert.deepEqual(t.body.timeline.map((e) => e.action), ['submit', 'accept', 'dispatch', 'start', 'reply', 'close']);
  assert.deepEqual(t.body.replies, [{ at: t.body.replies[0].at, outcome: 'solved', text: '已安排硬化,本周完工' }]);
  for (const secret of [PHONE, '王阿姨', 'contact', 'reporter', 'actor', 'assigned', 'satisfaction']) {
    assert.ok(!t.text.includes(secret), `tracking page shows ${secret}`);
  }
  const full = await srv.fetch(`${API}/${a.id}`, { token: admin.token });
  assert.equal(full.status, 200);
  assert.equal(full.body.events.length, 7);
  assert.equal(full.body.events.find((e) => e.action === 'callback').public, false);
  assert.ok(full.body.events.every((e) => e.actor_user_id !== null));
  // The department it went to works it: it reads the internal events too.
  assert.equal((await srv.fetch(`${API}/${a.id}`, { token: dept.token })).body.events.length, 7);
  // The reporter reads the public events only, and not who took each step.
  const mineNow = await srv.fetch(`${API}/${a.id}`, { token: resident.token });
  assert.deepEqual(mineNow.body.events.map((e) => e.action), ['submit', 'accept', 'dispatch', 'start', 'reply', 'close']);
  assert.ok(mineNow.body.events.every((e) => e.public && e.actor_user_id === null), mineNow.text);
});

test('each role takes only its own steps; illegal steps are 409 with the allowed ones', async () => {
  const a = await submitted();
  const denied = await step(a.id, { step: 'accept' }, resident.token);
  assertProblem(denied, 403);
  assert.deepEqual(denied.body.allowed_steps, []);
  assertProblem(await step(a.id, { step: 'accept' }, dept.token), 403);
  assertProblem(await step(a.id, { step: 'accept' }, keeper.token), 403);
  assertProblem(await srv.fetch(`${API}/${a.id}/steps`, { method: 'POST', json: { step: 'accept' } }), 401);
  const early = await step(a.id, { step: 'reply', outcome: 'solved', note: 'x' }, worker.token);
  assertProblem(early, 409);
  assert.deepEqual(early.body.allowed_steps, ['accept', 'merge']);
  assert.match(early.body.detail, /allowed steps: accept, merge/);
  // None of the refusals wrote anything: still submitted, one event.
  const untouched = await srv.fetch(`${API}/${a.id}`, { token: admin.token });
  assert.equal(untouched.body.state, 'submitted', untouched.text);
  assert.deepEqual(untouched.body.events.map((e) => e.action), ['submit']);

  assert.equal((await step(a.id, { step: 'accept' }, admin.token)).status, 200);
  assert.equal((await step(a.id, { step: 'dispatch' }, admin.token)).status, 200);
  const notTheirs = await step(a.id, { step: 'start' }, otherDept.token);
  assertProblem(notTheirs, 403);
  const workerStart = await step(a.id, { step: 'start' }, worker.token);
  assertProblem(workerStart, 403);
  assert.deepEqual(workerStart.body.allowed_steps, ['merge']);
  assertProblem(await step(a.id, { step: 'return' }, dept.token), 422, ['note']);
  const back = await step(a.id, { step: 'return', note: '属于城管局' }, dept.token);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.state, 'returned');
  const again = await step(a.id, { step: 'dispatch', org_id: otherOrgId }, worker.token);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.assigned_org_id, otherOrgId);
  assert.equal((await step(a.id, { step: 'start' }, otherDept.token)).status, 200);
  assertProblem(await step(a.id, { step: 'reply', outcome: 'maybe', note: 'x' }, otherDept.token), 422, ['outcome']);
  assert.equal((await step(a.id, { step: 'reply', outcome: 'not_solvable', note: '规划未批' }, otherDept.token)).status, 200);
  assertProblem(await step(a.id, { step: 'callback', contacted: true, solved: false, satisfaction: 'dissatisfied' }, dept.token), 403);
  const reopened = await step(a.id, { step: 'callback', contacted: true, solved: false, satisfaction: 'dissatisfied' }, resident.token);
  assert.equal(reopened.status, 200, reopened.text);
  assert.equal(reopened.body.state, 'dispatched'); // 重办
  assert.equal(reopened.body.reopen_count, 1);
  assertProblem(await step(a.id, { step: 'fly' }, admin.token), 422, ['step']);
  assertProblem(await step(999999, { step: 'accept' }, admin.token), 404);
});

test('bad input: description over the limit, photos, unknown category, malformed JSON', async () => {
  assertProblem(await submit(appeal({ description: '路'.repeat(4001) })), 422, ['description']);
  const receipt = await submit(appeal({ description: '路'.repeat(4000) }));
  assert.equal(receipt.status, 201);
  // Photos are not part of the JSON body (64 KiB at most) but follow it.
  assertProblem(await submit(appeal({ photos: [PNG.toString('base64')] })), 422, ['photos']);
  assertProblem(await submit(appeal({ description: '路'.repeat(4000), attributes: { surface: 'x'.repeat(70000) } })), 413);
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00');
  assertProblem(await attachPhoto(srv, receipt.body, gif), 415);
  assertProblem(await attachPhoto(srv, receipt.body, PNG, 'text/plain'), 415);
  // Over 5 MB: refused from the header, before a byte of it is read.
  const big = await rawRequest(srv.port, `POST ${API}/${receipt.body.id}/photos HTTP/1.1\r\nHost: x\r\n` +
    `Content-Type: image/jpeg\r\nX-Photo-Token: ${receipt.body.photo_token}\r\nContent-Length: 5000010\r\n\r\n`);
  assert.equal(statusOf(big.data), 413, big.data);
  assertProblem(await attachPhoto(srv, receipt.body, PNG, 'image/png', { photoToken: 'A'.repeat(43) }), 403);
  assertProblem(await attachPhoto(srv, { ...receipt.body, id: 999999 }, PNG), 404);
  assertProblem(await submit(appeal({ category: 'weather' })), 422, ['category']);
  assertProblem(await submit(appeal({ attributes: { surface: 'lava' } })), 422, ['attributes.surface']);
  assertProblem(await submit(appeal({ attributes: {} })), 422, ['attributes.surface']);
  assertProblem(await submit(appeal({ contact: { name: '王', phone: '12345' } })), 422, ['contact.phone']);
  assertProblem(await submit(appeal({ lat: undefined, lon: undefined })), 422, ['lat']);
  assertProblem(await submit(appeal({ channel: 'phone' })), 403);
  assertProblem(await submit(appeal({ channel: 'open311' })), 422, ['channel']);
  assertProblem(await submit(appeal({ colour: 'red' })), 422, ['colour']);
  const malformed = await srv.fetch(API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category": "roads",' });
  assertProblem(malformed, 400);
  const steps = await srv.fetch(`${API}/1/steps`, { method: 'POST', token: admin.token, headers: { 'content-type': 'application/json' }, body: '[1,' });
  assertProblem(steps, 400);
});

test('a photo is stored without its metadata and served to those who may read the appeal', async () => {
  const receipt = await submitted({ anonymous: true, contact: undefined });
  assert.match(receipt.photo_token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(receipt.photo_upload_url, `${API}/${receipt.id}/photos`);
  const added = await attachPhoto(srv, receipt, PNG);
  assert.equal(added.status, 201, added.text);
  assert.equal(added.headers.get('location'), `${API}/${receipt.id}/photos/1`);
  const a = (await srv.fetch(`${API}/${receipt.id}`, { token: admin.token })).body;
  assert.equal(a.photos.length, 1);
  assert.equal(a.photos[0].media_type, 'image/png');
  assert.equal(a.photo_token, undefined, 'the token is in the submission answer only');
  const r = await fetch(srv.url + a.photos[0].url, { headers: { authorization: `Bearer ${worker.token}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.ok(bytes.length < PNG.length);
  assert.equal(bytes.indexOf('tEXt'), -1);
  assert.notEqual(bytes.indexOf('IDAT'), -1);
  const stranger = await srv.fetch(a.photos[0].url, { token: keeper.token });
  assertProblem(stranger, 403);
});

test('tracking codes: malformed is 400, unknown is 404', async () => {
  assertProblem(await srv.fetch(`${API}/track/ABC`), 400);
  assertProblem(await srv.fetch(`${API}/track/IIIIIIII`), 400);
  assertProblem(await srv.fetch(`${API}/track/22222222`), 404);
});

test('an anonymous appeal shows no contact; others are masked unless revealed (audited)', async () => {
  const anon = await submit(appeal({ contact: undefined, anonymous: true }));
  assert.equal(anon.status, 201, anon.text);
  const seen = await srv.fetch(`${API}/${anon.body.id}`, { token: admin.token });
  assert.equal(seen.body.anonymous, true);
  assert.equal(seen.body.contact, null);
  assert.ok(!seen.text.includes(PHONE));
  assertProblem(await srv.fetch(`${API}/${anon.body.id}?reveal=contact`, { token: admin.token }), 404);
  assertProblem(await submit(appeal({ contact: undefined })), 422, ['contact']);

  const a = await submitted();
  const masked = await srv.fetch(`${API}/${a.id}`, { token: worker.token });
  assert.deepEqual(masked.body.contact, { name: '王**', phone: '138****5678', masked: true });
  assertProblem(await srv.fetch(`${API}/${a.id}`, { token: dept.token }), 403); // not dispatched yet
  assertProblem(await srv.fetch(`${API}/${a.id}?reveal=contact`, { token: resident.token }), 403);
  const revealed = await srv.fetch(`${API}/${a.id}?reveal=contact`, { token: worker.token });
  assert.equal(revealed.status, 200, revealed.text);
  assert.equal(revealed.body.contact.phone, PHONE);
  const audit = await srv.fetch('/api/v1/audit?action=personal_data.read', { token: admin.token });
  assert.ok(audit.body.items.some((e) => e.subject_type === 'appeal' && e.subject_id === String(a.id)));
});

test('similar appeals: outside staff, distances come from the position Open311 publishes', async () => {
  // An anonymous appeal a few metres from a 4-decimal grid point (Open311
  // shows it at 37.5412, 111.1612: 5 m south, 4 m west of the spot).
  const exact = { lat: 37.541249, lon: 111.161249 };
  const anon = await submit({ ...appeal({ ...exact }), anonymous: true, contact: undefined });
  assert.equal(anon.status, 201, anon.text);
  const probe = (lat, lon, token) => srv.fetch(`${API}/similar?category=roads&lat=${lat}&lon=${lon}`, { token });
  // Three probes around it, as the attacker did: every distance is a whole
  // ten and standing on the exact spot tells nothing finer than Open311.
  for (const [dlat, dlon] of [[0, 0], [0.0001, 0], [0, 0.0001]]) {
    for (const token of [undefined, resident.token]) {
      const r = await probe(exact.lat + dlat, exact.lon + dlon, token);
      const item = r.body.items.find((i) => i.id === anon.body.id);
      assert.ok(item, r.text);
      assert.equal(item.distance_m % 10, 0, r.text);
    }
  }
  assert.equal((await probe(exact.lat, exact.lon)).body.items.find((i) => i.id === anon.body.id).distance_m, 10);
  // Staff, who read every appeal anyway, get metres.
  const staff = await probe(exact.lat, exact.lon, worker.token);
  assert.equal(staff.body.items.find((i) => i.id === anon.body.id).distance_m, 0);
});

test('similar appeals are offered; the reporter may follow one; staff merge', async () => {
  const first = await submitted({ lat: 37.53, lon: 111.15 });
  const q = (lat) => srv.fetch(`${API}/similar?category=roads&lat=${lat}&lon=111.15`);
  const near = await q(37.5303); // ~33 m
  assert.equal(near.status, 200, near.text);
  assert.deepEqual(near.body.items.map((i) => i.id), [first.id]);
  assert.ok(near.body.items[0].distance_m < 50);
  assert.deepEqual((await q(37.531)).body.items, []); // ~111 m
  assertProblem(await srv.fetch(`${API}/similar?category=roads&lat=37.5`), 422, ['lon']);
  const f = await srv.fetch(`${API}/${first.id}/follow`, { method: 'POST', token: worker.token });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.body.followers, 1);
  assertProblem(await srv.fetch(`${API}/${first.id}/follow`, { method: 'POST' }), 401);
  const dup = await submitted({ lat: 37.5301, lon: 111.15 });
  const merged = await step(dup.id, { step: 'merge', into_id: first.id }, worker.token);
  assert.equal(merged.status, 200, merged.text);
  assert.equal(merged.body.state, 'closed');
  assert.equal(merged.body.merged_into, first.id);
  const kept = await srv.fetch(`${API}/${first.id}`, { token: admin.token });
  assert.equal(kept.body.followers, 2);
  assert.ok(kept.body.events.some((e) => e.action === 'merged_from'));
});

test('lists: staff see all, departments theirs, residents their own; supervision is for staff', async () => {
  const mine = await srv.fetch(API, { token: resident.token });
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.length > 0);
  const others = await srv.fetch(API, { token: keeper.token });
  assert.deepEqual(others.body.items, []);
  // One appeal dispatched to each department: each lists its own only.
  const ours = await submitted();
  const theirs = await submitted();
  for (const [a, org] of [[ours, orgId], [theirs, otherOrgId]]) {
    assert.equal((await step(a.id, { step: 'accept' }, worker.token)).status, 200);
    const d = await step(a.id, { step: 'dispatch', org_id: org }, worker.token);
    assert.equal(d.status, 200, d.text);
  }
  assert.equal((await step(ours.id, { step: 'start' }, dept.token)).status, 200);
  const forDept = await srv.fetch(`${API}?state=in_progress&state=dispatched`, { token: dept.token });
  assert.equal(forDept.status, 200, forDept.text);
  assert.ok(forDept.body.items.length > 0, forDept.text);
  assert.ok(forDept.body.items.some((a) => a.id === ours.id && a.state === 'in_progress'), forDept.text);
  assert.ok(forDept.body.items.every((a) => a.assigned_org_id === orgId), forDept.text);
  const forOther = await srv.fetch(`${API}?state=in_progress&state=dispatched`, { token: otherDept.token });
  assert.ok(forOther.body.items.length > 0, forOther.text);
  assert.ok(forOther.body.items.some((a) => a.id === theirs.id), forOther.text);
  assert.ok(forOther.body.items.every((a) => a.assigned_org_id === otherOrgId), forOther.text);
  const onlyDispatched = await srv.fetch(`${API}?state=dispatched`, { token: dept.token });
  assert.ok(!onlyDispatched.body.items.some((a) => a.id === ours.id), 'the state filter holds');
  assertProblem(await srv.fetch(`${API}?state=lost`, { token: admin.token }), 422, ['state']);
  const page = await srv.fetch(`${API}?limit=2`, { token: admin.token });
  assert.equal(page.body.items.length, 2);
  const next = await srv.fetch(`${API}?limit=2&cursor=${page.body.next_cursor}`, { token: admin.token });
  assert.ok(next.body.items.length > 0, next.text);
  assert.ok(next.body.items[0].id < page.body.items[1].id);
  const sup = await srv.fetch(`${API}/supervision`, { token: admin.token });
  assert.equal(sup.status, 200, sup.text);
  assert.deepEqual(sup.body.items, []); // nothing is 80 % spent a few seconds after submission
  assertProblem(await srv.fetch(`${API}/supervision`, { token: resident.token }), 403);
  assertProblem(await srv.fetch(`${API}/supervision?cursor=nope`, { token: admin.token }), 422, ['cursor']);
});

test('categories: admins manage them, everyone reads them', async () => {
  const list = await srv.fetch('/api/v1/appeal-categories');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((c) => c.code), ['roads']);
  const body = { code: 'noise', name_zh: '噪声扰民', name_en: 'Noise', response_hours: 12, resolution_days: 3 };
  assertProblem(await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: resident.token, json: body }), 403);
  assert.equal((await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: body })).status, 201);
  assertProblem(await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: body }), 409);
  assertProblem(await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: { ...body, code: 'x', department_org_id: 9999 } }), 422, ['department_org_id']);
  assertProblem(await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: { ...body, code: 'Bad Code' } }), 422, ['code']);
  assertProblem(await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: { ...body, code: 'y', response_hours: 0 } }), 422, ['response_hours']);
  const { code, ...rest } = body;
  const put = await srv.fetch(`/api/v1/appeal-categories/${code}`, { method: 'PUT', token: admin.token, json: { ...rest, resolution_days: 2 } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.resolution_days, 2);
  assert.equal((await srv.fetch('/api/v1/appeal-categories/noise', { method: 'DELETE', token: admin.token })).status, 200);
  assertProblem(await submit(appeal({ category: 'noise', attributes: {} })), 422, ['category']);
  assertProblem(await srv.fetch('/api/v1/appeal-categories/nothing'), 404);
});
