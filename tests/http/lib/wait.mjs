// Waiting on a condition instead of sleeping a fixed time: `waitFor` calls
// `probe` until it answers something truthy, and fails with `what` (and the
// last answer) once `timeoutMs` has passed. A probe that throws fails at once:
// an unexpected answer is an error, not something to wait out.
//
//   const line = await waitFor(() => readLog().find((l) => l.includes('ok')), { what: 'the ok line' });
export async function waitFor(probe, { timeoutMs = 10000, intervalMs = 20, what = 'the condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() >= deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; last answer: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
