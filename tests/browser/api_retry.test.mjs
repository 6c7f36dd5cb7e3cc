// web/js/api.js in node against a stand-in fetch: a read refused as busy
// (503 with a short Retry-After) is asked again after the wait, twice at most;
// writes and long waits are answered as they came.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { api, busyWait, ApiError, READ_RETRIES } = await import('../../web/js/api.js');

const busy = (retryAfter) => new Response(JSON.stringify({ title: 'busy', detail: 'try again shortly' }), {
  status: 503, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
});
const ok = (body) => new Response(JSON.stringify(body), { status: 200 });

// Answers in turn; records each call's method and url.
function script(...answers) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url, method: init.method });
    const next = answers.shift();
    if (!next) throw new Error('more calls than answers');
    return next();
  };
  return calls;
}

test('busyWait: a 503 with Retry-After of 0–5 s waits that long (plus < 0.5 s), anything else not at all', () => {
  for (let i = 0; i < 20; i++) {
    const w = busyWait(busy('1'));
    assert.ok(w >= 1000 && w < 1500, `wait ${w}`);
  }
  assert.ok(busyWait(busy('0')) < 500);
  assert.equal(busyWait(busy('6')), null);
  assert.equal(busyWait(busy(undefined)), null);
  assert.equal(busyWait(busy('Wed, 21 Oct 2026 07:28:00 GMT')), null);
  assert.equal(busyWait(busy('-1')), null);
  assert.equal(busyWait(ok({})), null);
  assert.equal(busyWait(new Response('', { status: 502, headers: { 'retry-after': '1' } })), null);
});

test('a read refused as busy is asked again and answers with the figures', async () => {
  const calls = script(() => busy('0'), () => ok({ items: [1, 2] }));
  assert.deepEqual(await api('/appeals/supervision', { query: { limit: 200 } }), { items: [1, 2] });
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((c) => c.url), ['/api/v1/appeals/supervision?limit=200', '/api/v1/appeals/supervision?limit=200']);
});

test('a read still busy after its retries fails with the 503', async () => {
  const calls = script(...Array.from({ length: READ_RETRIES + 1 }, () => () => busy('0')));
  await assert.rejects(api('/rates'), (e) => e instanceof ApiError && e.status === 503);
  assert.equal(calls.length, READ_RETRIES + 1);
});

test('a write refused as busy is not sent again', async () => {
  const calls = script(() => busy('0'));
  await assert.rejects(api('/appeals', { method: 'POST', json: { text: 'x' } }), (e) => e.status === 503);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].method, 'POST');
});

test('a read refused with a long or missing Retry-After fails at once', async () => {
  let calls = script(() => busy('30'));
  await assert.rejects(api('/rates'), (e) => e.status === 503);
  assert.equal(calls.length, 1);
  calls = script(() => busy(undefined));
  await assert.rejects(api('/rates'), (e) => e.status === 503);
  assert.equal(calls.length, 1);
});
