// Feedback: the simplest durable write, with its bad input and its roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';

let srv;
let admin;
let resident;
before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('a resident sends feedback; an admin reads it back, newest first, page by page', async () => {
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const res = await srv.fetch('/api/v1/feedback', { method: 'POST', token: resident.token, json: { topic: 'facility', message: `生态园厕所很干净 ${i}`, page: '/facilities/3' } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('location'), `/api/v1/feedback/${res.body.id}`);
    assert.match(res.body.created_at, /\+08:00$/);
    ids.push(res.body.id);
  }
  const first = await srv.fetch('/api/v1/feedback?limit=3', { token: admin.token });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.items.map((e) => e.id), ids.slice(2).reverse());
  assert.ok(first.body.next_cursor);
  const second = await srv.fetch(`/api/v1/feedback?limit=3&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: admin.token });
  assert.deepEqual(second.body.items.map((e) => e.id).slice(0, 2), ids.slice(0, 2).reverse());
  const one = await srv.fetch(`/api/v1/feedback/${ids[0]}`, { token: admin.token });
  assert.equal(one.body.message, '生态园厕所很干净 0');
});

test('no session: 401; a resident may not read feedback: 403', async () => {
  assert.equal((await srv.fetch('/api/v1/feedback', { method: 'POST', json: { topic: 'app', message: 'x' } })).status, 401);
  assert.equal((await srv.fetch('/api/v1/feedback', { token: resident.token })).status, 403);
  assert.equal((await srv.fetch('/api/v1/feedback/1', { token: resident.token })).status, 403);
});

test('bad input: malformed JSON 400, wrong content type 415, bad fields 422 listing each', async () => {
  const bad = await srv.fetch('/api/v1/feedback', { method: 'POST', token: resident.token, headers: { 'content-type': 'application/json' }, body: '{"topic": "app",' });
  assert.equal(bad.status, 400);
  const notJson = await srv.fetch('/api/v1/feedback', { method: 'POST', token: resident.token, headers: { 'content-type': 'text/plain' }, body: 'hello' });
  assert.equal(notJson.status, 415);
  const fields = await srv.fetch('/api/v1/feedback', { method: 'POST', token: resident.token, json: { topic: 'weather', message: 42, mood: 'happy' } });
  assert.equal(fields.status, 422);
  assert.deepEqual(fields.body.errors.map((e) => e.field).sort(), ['message', 'mood', 'topic']);
  const array = await srv.fetch('/api/v1/feedback', { method: 'POST', token: resident.token, json: [1, 2] });
  assert.equal(array.status, 400);
});

test('unknown or malformed ids: 404; bad paging parameters: 422', async () => {
  assert.equal((await srv.fetch('/api/v1/feedback/999999', { token: admin.token })).status, 404);
  assert.equal((await srv.fetch('/api/v1/feedback/abc', { token: admin.token })).status, 404);
  const page = await srv.fetch('/api/v1/feedback?limit=0&cursor=nope', { token: admin.token });
  assert.equal(page.status, 422);
  assert.equal(page.body.errors.length, 2);
});
