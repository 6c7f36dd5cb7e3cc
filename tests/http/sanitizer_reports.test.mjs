// The harness fails a test whose server wrote a sanitizer report (ASan, LSan,
// UBSan, TSan) to stderr — what make test-sanitize relies on. A stand-in
// server (fixtures/fake_sanitized_server.mjs) writes the reports; each case
// runs fixtures/stops_a_server.child.mjs as its own test file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fake = fileURLToPath(new URL('./fixtures/fake_sanitized_server.mjs', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/stops_a_server.child.mjs', import.meta.url));

// NODE_TEST_CONTEXT would make the child skip its tests as a nested run.
function runChild(env) {
  const childEnv = { ...process.env, WARMCITY_BIN: fake, ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, ['--test', child], { encoding: 'utf8', timeout: 60000, env: childEnv });
  assert.equal(r.error, undefined, String(r.error));
  return { status: r.status, output: r.stdout + r.stderr };
}

test('a server that writes no report: the test passes', () => {
  const r = runChild({ FAKE_REPORT: 'none' });
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /^ok 1 - starts and stops a server$/m);
  assert.match(r.output, /^# pass 1$/m);
  assert.doesNotMatch(r.output, /sanitizer report/);
});

test('a leak reported at shutdown fails the test that stops the server', () => {
  const r = runChild({ FAKE_REPORT: 'on-stop' });
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /^not ok 1 - starts and stops a server$/m);
  assert.match(r.output, /ERROR: LeakSanitizer: detected memory leaks/);
  assert.match(r.output, /Direct leak of 32 byte/);
});

test('a report while serving fails the file even when stop()\'s error is swallowed', () => {
  const r = runChild({ FAKE_REPORT: 'at-start', SWALLOW_STOP_ERROR: '1' });
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /^ok 1 - starts and stops a server$/m);
  assert.match(r.output, /runtime error: signed integer overflow/);
});
