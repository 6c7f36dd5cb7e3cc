#!/usr/bin/env node
// Soak (not part of `make test`): a long run of mixed read/write load against
// a fresh demo database, with the server's resident memory sampled every 10 s.
//
//   node bench/soak/soak.mjs [--bin build/src/app/warmcity] [--minutes 30]
//        [--warmup-minutes 5] [--rate 200] [--concurrency 8] [--keep DIR]
//
// It makes a demo database (`warmcity demo`) in a new temp directory, starts the
// server on a free loopback port (no anonymous-write limits: one client address
// sends everything), signs in as the demo admin, and then sends `--rate` requests
// a second from `--concurrency` keep-alive clients, drawn from a fixed mix:
// health, nearby at rotating points, facility lists and pages, counts,
// categories, the web app's index, staff appeal lists, rates, tracking pages
// (reads); anonymous appeal submissions, `accept` steps on them, feedback,
// facility renames, parking occupancy reports (writes). Every answer is checked
// against the status that operation must get; anything else (and any connection
// error) counts as an error and is printed with its operation.
//
// Every 10 s it reads VmRSS from /proc/<pid>/status and writes a line to
// <dir>/rss.csv. At the end it prints the RSS figures (rss_report.mjs: the
// lowest sample of the minute after warm-up against the lowest of the last
// minute, target growth < 5%; medians and peak beside), requests by operation
// and errors (target 0), and exits 1 if either target is missed.
// The server is stopped by its process id, the directory removed unless --keep.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { rssFigures, describe } from './rss_report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opts = { bin: join(root, 'build/src/app/warmcity'), minutes: 30, 'warmup-minutes': 5, rate: 200, concurrency: 8, keep: '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in opts)) { console.error(`unknown option ${process.argv[i]}`); process.exit(2); }
  opts[k] = typeof opts[k] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

const dir = opts.keep || mkdtempSync(join(tmpdir(), 'warmcity-soak-'));
mkdirSync(dir, { recursive: true });
const db = join(dir, 'soak.db');
const demo = spawnSync(opts.bin, ['demo', '--db', db, '--data', join(root, 'data/demo'), '--password-cost', 'minimum'], { encoding: 'utf8' });
if (demo.status !== 0) { console.error(demo.stderr); process.exit(1); }

const server = spawn(opts.bin, ['serve', '--db', db, '--listen', '127.0.0.1', '--port', '0', '--threads', '2',
  '--web', join(root, 'web'), '--calendar-dir', join(root, 'data/calendar'), '--access-log', 'off', '--log-level', 'warn',
  '--password-cost', 'minimum', '--anonymous-writes-per-minute', '0', '--anonymous-writes-per-minute-per-network', '0'],
{ stdio: ['ignore', 'pipe', 'pipe'] });
server.stderr.pipe(createWriteStream(join(dir, 'server.log')));
let stopping = false;
server.on('exit', (code, signal) => {
  if (!stopping) { console.error(`server exited during the soak (${code ?? signal}); see ${dir}/server.log`); process.exit(1); }
});
const base = await new Promise((res, rej) => {
  let buf = '';
  const t = setTimeout(() => rej(new Error('server did not start')), 15000);
  server.stdout.on('data', (c) => { buf += c; const m = buf.match(/listening on (http:\/\/[\d.]+:\d+)/); if (m) { clearTimeout(t); res(m[1]); } });
});
const { hostname, port } = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });

function request(method, path, { token, json } = {}) {
  return new Promise((res, rej) => {
    const body = json === undefined ? null : Buffer.from(JSON.stringify(json));
    const headers = {};
    if (body) { headers['content-type'] = 'application/json'; headers['content-length'] = body.length; }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({ host: hostname, port, method, path, headers, agent }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data = null;
        try { data = text ? JSON.parse(text) : null; } catch { data = null; }
        res({ status: r.statusCode, body: data, text });
      });
      r.on('error', rej);
    });
    req.setTimeout(10000, () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', rej);
    if (body) req.write(body);
    req.end();
  });
}

const login = await request('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'demo-admin-2026' } });
if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
const admin = login.body.token;
const facilities = (await request('GET', '/api/v1/facilities?limit=200')).body.items;
const lots = facilities.filter((f) => f.kind === 'parking');
if (facilities.length < 50 || lots.length === 0) throw new Error(`demo has ${facilities.length} facilities, ${lots.length} lots`);

const submitted = [];   // ids of appeals not yet accepted
const tracking = [];    // tracking codes, the last 500
let n = 0;
const pick = (a) => a[n % a.length];
// [weight, name, expected status, () => request]
const mix = [
  [10, 'health', 200, () => request('GET', '/api/v1/health')],
  [20, 'nearby', 200, () => request('GET', `/api/v1/facilities/nearby?lat=${(37.50 + (n % 97) * 0.0005).toFixed(5)}&lon=${(111.11 + (n % 89) * 0.0006).toFixed(5)}&limit=10&open_now=true`)],
  [8, 'facility list', 200, () => request('GET', `/api/v1/facilities?limit=20&kind=${pick(['toilet', 'love_station', 'parking', 'canteen'])}`)],
  [10, 'facility', 200, () => request('GET', `/api/v1/facilities/${pick(facilities).id}`)],
  [4, 'counts', 200, () => request('GET', '/api/v1/facilities/counts')],
  [4, 'categories', 200, () => request('GET', '/api/v1/appeal-categories')],
  [4, 'index.html', 200, () => request('GET', '/')],
  [5, 'appeals list', 200, () => request('GET', '/api/v1/appeals?limit=20', { token: admin })],
  [2, 'rates', 200, () => request('GET', '/api/v1/rates', { token: admin })],
  [5, 'track', 200, () => tracking.length ? request('GET', `/api/v1/appeals/track/${pick(tracking)}`) : request('GET', '/api/v1/health')],
  [8, 'appeal submit', 201, async () => {
    const r = await request('POST', '/api/v1/appeals', { json: {
      category: 'roads', description: `soak ${n}: 路面坑洼`, anonymous: true,
      lat: 37.50 + (n % 997) * 0.00005, lon: 111.12 + (n % 991) * 0.00005, attributes: { problem: 'pothole' } } });
    if (r.status === 201) {
      submitted.push(r.body.id);
      tracking.push(r.body.tracking_code);
      if (tracking.length > 500) tracking.shift();
    }
    return r;
  }],
  [5, 'appeal accept', 200, () => submitted.length ? request('POST', `/api/v1/appeals/${submitted.shift()}/steps`, { token: admin, json: { step: 'accept' } }) : request('GET', '/api/v1/health')],
  [5, 'feedback', 201, () => request('POST', '/api/v1/feedback', { token: admin, json: { topic: 'other', message: `soak ${n} 暖城` } })],
  [3, 'facility rename', 200, () => { const f = pick(facilities); return request('PATCH', `/api/v1/facilities/${f.id}`, { token: admin, json: { name: `${f.name}${n % 2 ? '·' : ''}` } }); }],
  [4, 'occupancy', 200, () => request('POST', `/api/v1/facilities/${pick(lots).id}/occupancy`, { token: admin, json: { free_spaces: n % 30 } })],
];
const total = mix.reduce((s, m) => s + m[0], 0);
const stats = new Map(mix.map((m) => [m[1], { ok: 0, errors: 0 }]));
const errorSamples = [];
function choose() {
  let x = (n * 7919) % total;
  for (const m of mix) { if (x < m[0]) return m; x -= m[0]; }
  return mix[0];
}

function rssKb() {
  const m = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Number(m[1]);
}
const csv = join(dir, 'rss.csv');
writeFileSync(csv, 'seconds,rss_kb,requests,errors\n');
const started = Date.now();
const endAt = started + opts.minutes * 60000;
const warmupAt = started + opts['warmup-minutes'] * 60000;
const samples = [];
let requests = 0, errors = 0;
const sample = () => {
  const s = { t: Math.round((Date.now() - started) / 1000), rss: rssKb() };
  samples.push(s);
  appendFileSync(csv, `${s.t},${s.rss},${requests},${errors}\n`);
};
sample();
const sampler = setInterval(sample, 10000);

// Each client sends at rate/concurrency a second, paced from its own start.
const interval = 1000 * opts.concurrency / opts.rate;
await Promise.all(Array.from({ length: opts.concurrency }, async (_, c) => {
  let next = Date.now() + c * interval / opts.concurrency;
  while (Date.now() < endAt) {
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    next += interval;
    const [, name, want, run] = choose();
    n++;
    requests++;
    try {
      const r = await run();
      if (r.status === want) stats.get(name).ok++;
      else { errors++; stats.get(name).errors++; if (errorSamples.length < 20) errorSamples.push(`${name}: ${r.status} ${r.text.slice(0, 200)}`); }
    } catch (e) {
      errors++; stats.get(name).errors++;
      if (errorSamples.length < 20) errorSamples.push(`${name}: ${e.message}`);
    }
  }
}));
clearInterval(sampler);
sample();

stopping = true;
server.kill('SIGTERM');
const exitCode = await new Promise((r) => server.on('exit', (code) => r(code)));
agent.destroy();

const figures = rssFigures(samples, opts['warmup-minutes'] * 60);
const growth = figures.growth;
const secs = (Date.now() - started) / 1000;
console.log(`soak: ${opts.minutes} min, target ${opts.rate} req/s from ${opts.concurrency} clients, ${samples.length} RSS samples (${csv})`);
console.log(describe(figures, opts['warmup-minutes'] * 60));
console.log(`requests: ${requests} (${(requests / secs).toFixed(1)}/s), errors: ${errors} (target 0); server exit code ${exitCode}`);
for (const [name, s] of stats) console.log(`  ${name.padEnd(16)} ${String(s.ok).padStart(8)} ok ${String(s.errors).padStart(5)} errors`);
for (const e of errorSamples) console.log(`  error: ${e}`);
const appeals = spawnSync('sqlite3', ['-readonly', db, 'SELECT count(*) FROM appeals; PRAGMA integrity_check;'], { encoding: 'utf8' });
console.log(`database: ${appeals.stdout.trim().replace('\n', ' appeals, integrity_check ')}`);
if (!opts.keep) rmSync(dir, { recursive: true, force: true });
process.exit(errors === 0 && growth < 5 && exitCode === 0 ? 0 : 1);
