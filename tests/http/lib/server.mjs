// Test harness: runs a real warmcity server on a free loopback port with a
// fresh database, and stops it by its process id.
//
//   const srv = await startServer({ users: [{ username: 'admin', password: 'pw-admin-1', role: 'admin' }] });
//   const { token } = await srv.login('admin', 'pw-admin-1');
//   const res = await fetch(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
//   await srv.stop();
//
// WARMCITY_BIN (set by ctest) names the executable.
//
// The engine: SQLite (a file in the server's directory) unless
// WARMCITY_TEST_ENGINE=postgres (ctest's http_pg.* tests), when each server
// gets a fresh database on the tests' PostgreSQL (WARMCITY_TEST_PG_URL, the
// admin URL of scripts/test-postgres.sh), dropped when the test file exits.
// srv.db is what `--db` was given (a file or a URL); sql(srv.db, query) reads
// it with the engine's shell (sqlite3 or psql), so a test that looks into the
// database is written once.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.WARMCITY_BIN || 'build/src/app/warmcity';
export const ENGINE = process.env.WARMCITY_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL = process.env.WARMCITY_TEST_PG_URL;
if (ENGINE === 'postgres' && !PG_ADMIN_URL) {
  throw new Error('WARMCITY_TEST_ENGINE=postgres needs WARMCITY_TEST_PG_URL (scripts/test-postgres.sh start DIR prints it)');
}

const isUrl = (db) => /^postgres(ql)?:\/\//.test(db);

// Runs one or more statements on a database (a SQLite file or a PostgreSQL
// URL) with the engine's shell; returns the rows, one per line, columns
// separated by '|', NULL as ''. Read-only unless { readonly: false }.
// fetch(base + path) with JSON helpers: opts.json sets the body and content
// type, opts.token sets a bearer token; the answer's body is parsed when it is
// JSON ({ status, headers, body, text }).
export async function fetchJson(base, path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = headers['content-type'] || 'application/json';
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(base + path, { method: opts.method || 'GET', headers, body });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, headers: res.headers, body: data, text };
}

export function sql(db, query, { readonly = true } = {}) {
  const r = isUrl(db)
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], {
      encoding: 'utf8',
      env: { ...process.env, PGOPTIONS: readonly ? '-c default_transaction_read_only=on' : '' },
    })
    : spawnSync('sqlite3', [...(readonly ? ['-readonly'] : []), '-cmd', '.timeout 5000', db, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${isUrl(db) ? 'psql' : 'sqlite3'} ${query}: ${r.stderr}`);
  return r.stdout.trim();
}

// 'ok' when the database is sound. SQLite: PRAGMA integrity_check. PostgreSQL
// (the tests' cluster has data checksums): every table read whole, so a page
// whose checksum fails is an error here.
export function integrityCheck(db) {
  if (!isUrl(db)) return sql(db, 'PRAGMA integrity_check;');
  sql(db, `DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE format('SELECT count(*) FROM %I.%I', t.schemaname, t.tablename);
    END LOOP; END $$;`);
  return 'ok';
}

// Fresh PostgreSQL databases made by this test file, all dropped when it
// exits, at once: each DROP DATABASE waits for a checkpoint, and drops sent
// together share one.
const pgDatabases = [];
let pgCounter = 0;
const psqlArgs = (query) => ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG_ADMIN_URL, '-c', query];
function adminSql(query) {
  const r = spawnSync('psql', psqlArgs(query), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${query}: ${r.stderr}`);
}
process.on('exit', () => {
  if (!pgDatabases.length) return;
  const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
  const drops = pgDatabases.map((name) => `psql ${psqlArgs(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).map(quote).join(' ')} &`);
  const r = spawnSync('sh', ['-c', `${drops.join('\n')}\nfailed=0; for j in $(jobs -p); do wait $j || failed=1; done; exit $failed`],
    { encoding: 'utf8' });
  if (r.status !== 0) console.error(`dropping the test databases ${pgDatabases.join(', ')}: ${r.stderr}`);
});

// A new, empty database for the engine under test: on SQLite the file
// `dir`/warmcity.db, on PostgreSQL a fresh database on the tests' cluster
// (its URL). Give it to startServer({ dir, db }) and to the command-line runs.
export function testDatabase(dir) {
  return ENGINE === 'sqlite' ? join(dir, 'warmcity.db') : pgDatabase();
}

// A fresh database on the tests' PostgreSQL whatever the engine under test (its
// URL): empty, or with `template` a copy of that database.
export function pgDatabase({ template } = {}) {
  if (!PG_ADMIN_URL) throw new Error('no test PostgreSQL: WARMCITY_TEST_PG_URL is not set');
  const name = `warmcity_t${process.pid}_${++pgCounter}_${Math.random().toString(36).slice(2, 8)}`;
  adminSql(`CREATE DATABASE ${name}` + (template ? ` TEMPLATE ${template}` : ''));
  pgDatabases.push(name);
  return pgUrl(name);
}

const pgUrl = (name) => {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/' + name;
  return url.toString();
};

// The name of a database on the tests' cluster that this build's `warmcity
// migrate` brought up to date, made by the first test file that asks (one per
// binary: its path, size and time are in the name). A server's fresh database
// is a copy of it (CREATE DATABASE … TEMPLATE, 0.15 s) instead of an empty one
// the server migrates (48 migrations: 0.9 s of the cluster's time, more under
// load, for each of the http_pg run's servers). Two files asking at once each
// migrate a database of their own; the first to rename it wins, the other's
// is dropped. The cluster goes, templates and all, at pg.stop. The servers'
// own migrating of an empty database is still run on PostgreSQL by the tests
// that pass testDatabase() (the demo, the command line, database_cli).
let migratedTemplate = null;
function migratedPgTemplate() {
  if (migratedTemplate) return migratedTemplate;
  const bin = realpathSync(BIN);
  const st = statSync(bin);
  const key = createHash('sha1').update(`${bin}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 16);
  const name = `warmcity_tpl_${key}`;
  const exists = () => sql(PG_ADMIN_URL, `SELECT 1 FROM pg_database WHERE datname = '${name}';`) === '1';
  if (!exists()) {
    const own = `${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    adminSql(`CREATE DATABASE ${own}`);
    const dir = mkdtempSync(join(tmpdir(), 'warmcity-template-'));
    const r = spawnSync(BIN, ['migrate', '--db', pgUrl(own), '--data-dir', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) {
      adminSql(`DROP DATABASE IF EXISTS ${own} WITH (FORCE)`);
      throw new Error(`warmcity migrate for the template database failed: ${r.stderr}`);
    }
    // A second try: the migrate's session may still be ending on a loaded machine.
    const rename = () => spawnSync('psql', psqlArgs(`ALTER DATABASE ${own} RENAME TO ${name}`), { encoding: 'utf8' });
    let renamed = rename();
    if (renamed.status !== 0 && !exists()) {
      spawnSync('sleep', ['0.5']);
      renamed = rename();
    }
    if (renamed.status !== 0) {
      adminSql(`DROP DATABASE IF EXISTS ${own} WITH (FORCE)`);
      if (!exists()) throw new Error(`psql ALTER DATABASE ${own} RENAME: ${renamed.stderr}`);
    }
  }
  migratedTemplate = name;
  return name;
}

// The options every command-line run on `db` needs besides --db: on
// PostgreSQL, the directory for what lives beside the database (photos).
export function dataDirArgs(dir) {
  return ENGINE === 'postgres' ? ['--data-dir', dir] : [];
}

// Sanitizer builds (make test-sanitize): a report (ASan, LSan, UBSan, TSan) in a
// server's stderr fails the test that stops that server, and fails the test
// file at exit even when nobody stops it.
const SANITIZER_REPORT = /ERROR: (?:Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|^\S+:\d+:\d+: runtime error: /;
const serversWithReports = [];
process.on('exit', () => {
  for (const srv of serversWithReports) {
    process.exitCode = 1;
    console.error(`sanitizer report from the server (${srv.logPath}):\n${srv.report.join('\n')}`);
  }
});

// Creates a user through the CLI, as an operator would.
// `dir`: the server's directory (on PostgreSQL the --data-dir).
export function addUser(dbPath, { username, password, role, display_name, phone }, dir) {
  const args = ['user', '--db', dbPath, ...(dir ? dataDirArgs(dir) : []), 'add', '--username', username,
    '--role', role, '--password-cost', 'minimum'];
  if (display_name) args.push('--display-name', display_name);
  if (phone) args.push('--phone', phone);
  const r = spawnSync(BIN, args, { input: password + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`user add ${username} failed: ${r.stderr}`);
}

// threads: the server's I/O threads (each serves the connections dealt to it).
// now: an RFC 3339 instant the server's clock starts at (`serve --now`); it
// runs on in real time. Give one to every test whose answer depends on the
// date, so it means the same on any day.
// Every test client is 127.0.0.1, so the limit on writes without a session
// is raised unless a test sets it (limits.test.mjs tests the real one).
// db: the database (testDatabase(dir)); by default a fresh one for the engine
// (on PostgreSQL a copy of a migrated one: migratedPgTemplate()).
export async function startServer({ users = [], args = [], dir, db, threads = 2, now } = {}) {
  dir = dir || mkdtempSync(join(tmpdir(), 'warmcity-test-'));
  const dbPath = db || (ENGINE === 'sqlite' ? testDatabase(dir) : pgDatabase({ template: migratedPgTemplate() }));
  for (const u of users) addUser(dbPath, u, dir);
  const limits = args.includes('--anonymous-writes-per-minute') ? []
    : ['--anonymous-writes-per-minute', '6000', '--anonymous-writes-per-minute-per-network', '60000'];
  const clock = now ? ['--now', now] : [];
  const srv = new TestServer(dir, dbPath, ['--threads', String(threads), ...clock, ...limits, ...args]);
  await srv.start();
  return srv;
}

class TestServer {
  constructor(dir, dbPath, args) {
    this.dir = dir;
    this.db = dbPath;  // what --db names: a file or a postgresql:// URL
    this.dbPath = dbPath;
    this.args = args;
    this.logPath = join(dir, 'server.log');
  }

  async start() {
    const log = createWriteStream(this.logPath, { flags: 'a' });
    this.proc = spawn(BIN, ['serve', '--db', this.db, ...dataDirArgs(this.dir), '--listen', '127.0.0.1', '--port', '0',
      '--password-cost', 'minimum', ...this.args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr.pipe(log);
    this.watchForSanitizerReport(this.proc.stderr);
    this.closed = new Promise((resolve) => this.proc.on('close', resolve));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.url = await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error('server did not start in 10 s; see ' + this.logPath)), 10000);
      this.proc.stdout.on('data', (chunk) => {
        buf += chunk;
        const m = buf.match(/listening on (http:\/\/[\d.]+:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      this.proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}; see ${this.logPath}`)); });
    });
    this.port = Number(new URL(this.url).port);
  }

  // SIGTERM and wait: resolves to the exit code (0 when it shut down cleanly);
  // throws if the server wrote a sanitizer report.
  async stop() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGTERM');
    const { code } = await this.exited;
    await this.closed;
    this.throwOnSanitizerReport();
    return code;
  }

  async kill(signal = 'SIGKILL') {
    this.proc.kill(signal);
    const exit = await this.exited;
    await this.closed;
    this.throwOnSanitizerReport();
    return exit;
  }

  // Reads stderr line by line and keeps the first 200 lines from the first
  // sanitizer report on (the log file may be gone by exit: cleanup()).
  watchForSanitizerReport(stream) {
    let partial = '';
    const take = (line) => {
      if (!this.report && SANITIZER_REPORT.test(line)) {
        this.report = [];
        serversWithReports.push(this);
      }
      if (this.report && this.report.length < 200) this.report.push(line);
    };
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      lines.forEach(take);
    });
    stream.on('end', () => { if (partial) take(partial); });
  }

  throwOnSanitizerReport() {
    if (this.report) throw new Error(`sanitizer report from the server (${this.logPath}):\n${this.report.join('\n')}`);
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  // Removes the server's directory (a PostgreSQL database goes when the test file exits).
  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }

  // Rows of a query on this server's database (sql() above).
  sql(query, options) {
    return sql(this.db, query, options);
  }

  // fetch relative to the server, with fetchJson's helpers.
  fetch(path, opts = {}) {
    return fetchJson(this.url, path, opts);
  }

  // Creates a user through the API as `admin` (a login()) and signs them in;
  // the password is "<username>-pass-1".
  async createUser(admin, username, role, organisation_ids = []) {
    const r = await this.fetch('/api/v1/users', {
      method: 'POST', token: admin.token,
      json: { username, display_name: username, role, password: `${username}-pass-1`, organisation_ids },
    });
    if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${r.text}`);
    return this.login(username, `${username}-pass-1`);
  }

  // Signs in; returns { token, csrf_token, cookie, user }.
  async login(username, password) {
    const res = await fetch(this.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const data = await res.json();
    const setCookie = res.headers.get('set-cookie') || '';
    return { ...data, cookie: setCookie.split(';')[0] };
  }
}

// The usual cast of an HTTP test: a server with an admin and a resident,
// both signed in. Returns { srv, admin, resident } (admin/resident as login()).
export const ADMIN = { username: 'admin', password: 'admin-pass-1', role: 'admin' };
export const RESIDENT = { username: 'liyi', password: 'resident-pass-1', role: 'resident', display_name: '李毅' };
export async function startWithAdminAndResident(options = {}) {
  const srv = await startServer({ ...options, users: [ADMIN, RESIDENT, ...(options.users || [])] });
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const resident = await srv.login(RESIDENT.username, RESIDENT.password);
  return { srv, admin, resident };
}
