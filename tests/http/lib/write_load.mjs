// Mixed write load with a ledger of what the server acknowledged, and the
// check that every acknowledged write is in the database (a SQLite file or a
// PostgreSQL database: lib/server.mjs's sql()). Used by the
// crash-loop and disk-full tests (and bench/soak/crash_loop.mjs).
//
//   const world = await startWriteWorld({ clients: 16 });  // a server and its data
//   const ledger = new Ledger();
//   const load = startWriteLoad(world.srv, world, ledger);
//   load.markKilled(); await world.srv.kill('SIGKILL'); await load.stop();
//   await world.srv.start();
//   const { missing, saved } = verifyLedger(world.srv.dbPath, ledger);  // both []
//
// The writes: anonymous appeal submissions (201), the `accept`, `dispatch`
// and `merge` steps on them (200; a merge closes one appeal into another
// in one job), feedback (201), and each client's rename of its own facility
// (200). An answer that is not the expected status is counted in
// `unexpected` (with a sample), never ignored; a connection error counts
// there too unless it came after the server was killed. With
// `{ refusals: true }` (the disk-full test) a 503 or 507 problem+json with a
// detail is counted in `refused` instead, and what it refused must then be
// absent from the file.
import assert from 'node:assert/strict';
import { startAppealsWorld, createFacility } from './fixtures.mjs';
import { sql, integrityCheck } from './server.mjs';

export { integrityCheck };

// A server with the appeals world (category `roads`, a department with a
// user), one facility per client, and merge targets nobody else touches.
// Anonymous writes are not limited (one address sends them all); `args` are
// added to the server's, `dir` holds its database.
export async function startWriteWorld({ clients = 16, args = [], dir } = {}) {
  const world = await startAppealsWorld([], {
    dir, args: ['--anonymous-writes-per-minute', '0', '--anonymous-writes-per-minute-per-network', '0', ...args],
  });
  const { srv, admin } = world;
  const facilities = [];
  for (let c = 0; c < clients; c++) {
    facilities.push(await createFacility(srv, admin, {
      kind: 'toilet', name: `公厕 ${c}`, address: `滨河北路 ${c} 号`,
      lat: 37.52 + c * 0.0003, lon: 111.14, opening_hours: '24/7',
    }));
  }
  const mergeTargets = [];
  for (let i = 0; i < 4; i++) {
    const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: appealBody(`合并目标 ${i}`) });
    assert.equal(r.status, 201, r.text);
    mergeTargets.push(r.body.id);
  }
  return { ...world, clients, facilities, mergeTargets };
}

function appealBody(description) {
  return { category: 'roads', description, anonymous: true, lat: 37.52, lon: 111.14 };
}

export class Ledger {
  constructor() {
    this.appeals = new Map();    // id → description
    this.events = new Set();     // "appealId:action"
    this.merges = new Map();     // id → merged into
    this.feedback = new Map();   // id → message
    this.names = new Map();      // facility id → { acked, inflight }
    this.submitted = [];         // appeals to accept
    this.accepted = [];          // appeals to dispatch or merge
    this.writes = 0;             // acknowledged writes
    this.unexpected = 0;
    this.samples = [];
    this.refused = 0;            // 503/507 answers (with { refusals: true })
    this.refusedDetails = new Map();  // detail → count
    this.refusedTexts = new Set();    // descriptions and messages refused
    this.refusedEvents = new Set();   // "appealId:action" refused
  }

  bad(what) {
    this.unexpected++;
    if (this.samples.length < 10) this.samples.push(what);
  }
}

// Starts `world.clients` clients writing until stop(); returns
// { inflight(), markKilled(), stop() }. A round number keeps texts unique
// across restarts.
let round = 0;
export function startWriteLoad(srv, world, ledger, { refusals = false } = {}) {
  round++;
  let stopping = false;
  let killed = false;
  let inflight = 0;
  const token = world.admin.token;
  const post = (path, json) => srv.fetch(path, { method: 'POST', token, json });
  // True when r is the expected answer; otherwise counts it as refused or unexpected.
  const expect = (r, want, what, refusedAs) => {
    if (r.status === want) return true;
    const problem = r.headers.get('content-type') === 'application/problem+json' && typeof r.body?.detail === 'string';
    if (refusals && (r.status === 503 || r.status === 507) && problem && r.body.detail !== '') {
      ledger.refused++;
      ledger.refusedDetails.set(r.body.detail, (ledger.refusedDetails.get(r.body.detail) || 0) + 1);
      if (refusedAs) refusedAs();
    } else {
      ledger.bad(`${what} ${r.status} ${r.text.slice(0, 200)}`);
    }
    return false;
  };

  async function one(c, n) {
    const tag = `r${round} c${c} n${n}`;
    switch (n % 6) {
      case 0:
      case 3: {
        const description = `崩溃测试 ${tag}：路面坑洼`;
        const r = await srv.fetch('/api/v1/appeals', { method: 'POST', json: appealBody(description) });
        if (!expect(r, 201, 'submit', () => ledger.refusedTexts.add(description))) return;
        ledger.appeals.set(r.body.id, description);
        ledger.submitted.push(r.body.id);
        return ledger.writes++;
      }
      case 1: {
        const id = ledger.submitted.shift();
        if (id === undefined) return;
        const r = await post(`/api/v1/appeals/${id}/steps`, { step: 'accept' });
        if (!expect(r, 200, 'accept', () => ledger.refusedEvents.add(`${id}:accept`))) return;
        ledger.events.add(`${id}:accept`);
        ledger.accepted.push(id);
        return ledger.writes++;
      }
      case 2: {
        const id = ledger.accepted.shift();
        if (id === undefined) return;
        const merge = n % 4 === 0;
        const json = merge ? { step: 'merge', into_id: world.mergeTargets[c % world.mergeTargets.length] }
          : { step: 'dispatch' };
        const r = await post(`/api/v1/appeals/${id}/steps`, json);
        if (!expect(r, 200, json.step, () => ledger.refusedEvents.add(`${id}:${json.step}`))) return;
        ledger.events.add(`${id}:${json.step}`);
        if (merge) ledger.merges.set(id, json.into_id);
        return ledger.writes++;
      }
      case 4: {
        const message = `崩溃测试 ${tag}`;
        const r = await post('/api/v1/feedback', { topic: 'other', message });
        if (!expect(r, 201, 'feedback', () => ledger.refusedTexts.add(message))) return;
        ledger.feedback.set(r.body.id, message);
        return ledger.writes++;
      }
      default: {
        const id = world.facilities[c];
        const name = `公厕 ${tag}`;
        const entry = ledger.names.get(id) || { acked: null, inflight: null };
        ledger.names.set(id, entry);
        entry.inflight = name;
        const r = await srv.fetch(`/api/v1/facilities/${id}`, { method: 'PATCH', token, json: { name } });
        if (!expect(r, 200, 'rename')) return;
        entry.acked = name;
        entry.inflight = null;
        return ledger.writes++;
      }
    }
  }

  const done = Promise.all(Array.from({ length: world.clients }, async (_, c) => {
    for (let n = c; !stopping; n++) {
      inflight++;
      try {
        await one(c, n);
      } catch (e) {
        if (!killed) ledger.bad(`connection: ${e.message}`);
        return;
      } finally {
        inflight--;
      }
    }
  }));
  return {
    inflight: () => inflight,
    // killed: the server was SIGKILLed just before; connection errors are expected.
    markKilled() { killed = true; },
    async stop() { stopping = true; await done; },
  };
}

// Lists every acknowledged write missing from the database at dbPath, and
// every refused one found in it ({missing: [...], saved: [...], counts}). A facility name sent but not acknowledged that
// did reach the file becomes the one to expect from then on.
export function verifyLedger(dbPath, ledger) {
  // One query (one sqlite3 or psql process) for the five tables: each row is
  // `kind|key|value`, the kind a letter, the value the rest of the line.
  const tables = { a: new Map(), e: new Map(), m: new Map(), f: new Map(), n: new Map() };
  const out = sql(dbPath, `SELECT 'a', CAST(id AS TEXT), description FROM appeals
    UNION ALL SELECT 'e', appeal_id || ':' || action, '' FROM appeal_events
    UNION ALL SELECT 'm', CAST(id AS TEXT), CAST(merged_into AS TEXT) FROM appeals WHERE merged_into IS NOT NULL
    UNION ALL SELECT 'f', CAST(id AS TEXT), message FROM feedback
    UNION ALL SELECT 'n', CAST(id AS TEXT), name FROM facilities;`);
  for (const line of out.split('\n').filter(Boolean)) {
    const i = line.indexOf('|');
    const j = line.indexOf('|', i + 1);
    const key = line.slice(i + 1, j);
    tables[line.slice(0, i)].set(line[0] === 'e' ? key : Number(key), line.slice(j + 1));
  }
  const missing = [];
  const appeals = tables.a;
  for (const [id, d] of ledger.appeals) if (appeals.get(id) !== d) missing.push(`appeal ${id}`);
  const events = new Set(tables.e.keys());
  for (const e of ledger.events) if (!events.has(e)) missing.push(`event ${e}`);
  const merged = tables.m;
  for (const [id, into] of ledger.merges) if (merged.get(id) !== String(into)) missing.push(`merge ${id}→${into}`);
  const feedback = tables.f;
  for (const [id, m] of ledger.feedback) if (feedback.get(id) !== m) missing.push(`feedback ${id}`);
  const names = tables.n;
  for (const [id, { acked, inflight }] of ledger.names) {
    // The last acknowledged name, or one sent after it whose answer the kill cut off.
    const now = names.get(id);
    if (acked !== null && now !== acked && now !== inflight) missing.push(`facility ${id} name ${now} (acknowledged ${acked})`);
    if (inflight !== null && now === inflight) ledger.names.set(id, { acked: now, inflight: null });
  }
  const saved = [];
  const texts = new Set([...appeals.values(), ...feedback.values()]);
  for (const t of ledger.refusedTexts) if (texts.has(t)) saved.push(`refused "${t}"`);
  for (const e of ledger.refusedEvents) if (events.has(e)) saved.push(`refused event ${e}`);
  return { missing, saved, counts: { appeals: ledger.appeals.size, events: ledger.events.size, merges: ledger.merges.size, feedback: ledger.feedback.size, facilities: ledger.names.size } };
}
