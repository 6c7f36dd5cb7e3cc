// Test harness for several warmcity servers on ONE PostgreSQL database behind
// nginx, the way issue #14 deploys them: every server is a startServer() of
// server.mjs on the same fresh database of the tests' cluster
// (WARMCITY_TEST_PG_URL), with `--trusted-proxy 127.0.0.1` so the
// X-Forwarded-For nginx sends is believed, and nginx on a free loopback port
// deals requests to them in turn (round-robin, one worker, so strictly
// alternating). Each answer through nginx names the server that made it in
// X-Upstream (nginx's $upstream_addr).
//
//   const c = await startCluster({ instances: 2, users: [ADMIN], now: NOW });
//   const [a, b] = c.servers;                 // TestServer objects (server.mjs)
//   await c.fetch('/api/v1/health');          // through nginx, like srv.fetch
//   await c.restart({ now: LATER });          // every server again, same database
//   await c.stop();
//
// nginx runs in the foreground (`daemon off`) as a child of this process,
// with its config, pid file, logs and temp paths in a temp directory, and is
// stopped by its pid; so are the servers. If the test file exits without
// stop(), an exit hook kills what is still running.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, chmodSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE, addUser, fetchJson, pgDatabase, startServer } from './server.mjs';

// server.mjs gives each server its --data-dir only on the PostgreSQL engine.
if (ENGINE !== 'postgres') {
  throw new Error('cluster.mjs runs servers on PostgreSQL only: set WARMCITY_TEST_ENGINE=postgres and WARMCITY_TEST_PG_URL');
}

const running = new Set();  // child processes to kill if the test file exits early
process.on('exit', () => {
  for (const proc of running) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
});

// A port nobody listens on now (the kernel's choice, released at once).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// nginx's config: one worker (so round-robin alternates strictly), every
// path it writes under `dir`, an upstream of `ports`.
export function nginxConfig(dir, port, ports, { workers = 1 } = {}) {
  return `# warmcity test cluster (tests/http/lib/cluster.mjs)
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 32m;
  keepalive_requests 1000000;
  upstream warmcity {
${ports.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://warmcity;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream off;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

// Starts nginx on `port` in front of `ports`; resolves once it answers.
// Returns { proc, url, stop() }.
export async function startNginx(dir, port, ports, options = {}) {
  mkdirSync(dir, { recursive: true });
  // As root, nginx's worker runs as nobody: it must reach the temp paths
  // (the master makes them and gives them to the worker's user).
  chmodSync(dir, 0o755);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, ports, options));
  // -e: the error log before the config is read (else /var/log/nginx).
  const proc = spawn('nginx', ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(proc);
  let stderr = '';
  proc.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => { running.delete(proc); resolve({ code, signal }); }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10000;
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`nginx exited with ${proc.exitCode}: ${stderr}${readLog(join(dir, 'error.log'))}`);
    }
    try {
      const res = await fetch(url + '/api/v1/health');
      await res.arrayBuffer();
      if (res.headers.get('x-upstream')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`nginx did not answer in 10 s: ${stderr}${readLog(join(dir, 'error.log'))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    proc, url, port,
    // SIGQUIT: finish the requests in flight, then exit.
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGQUIT');
      return exited;
    },
  };
}

function readLog(path) {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

// N servers on one fresh PostgreSQL database and nginx in front of them.
// users: made once with the CLI (server.mjs addUser). args: for every server
// (besides --trusted-proxy 127.0.0.1). now: the servers' test clock.
// Returns a Cluster.
export async function startCluster({ instances = 2, users = [], args = [], now, threads = 2 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'warmcity-cluster-'));
  const db = pgDatabase();
  const dirs = [];
  for (let i = 0; i < instances; i++) {
    dirs.push(join(root, `server-${i}`));
    mkdirSync(dirs[i]);
  }
  for (const u of users) addUser(db, u, dirs[0]);
  // Photos on a directory every server reaches, as a shared volume would be.
  const photos = join(root, 'photos');
  mkdirSync(photos);
  const cluster = new Cluster(root, db, dirs, ['--trusted-proxy', '127.0.0.1', '--photo-dir', photos, ...args], threads);
  await cluster.start(now);
  return cluster;
}

class Cluster {
  constructor(root, db, dirs, args, threads) {
    this.root = root;
    this.db = db;
    this.dirs = dirs;
    this.args = args;
    this.threads = threads;
    this.servers = [];
  }

  // Every server at once (they migrate the new database together: the
  // schema's advisory lock lets one do it), then nginx on a free port.
  async start(now) {
    this.servers = await Promise.all(this.dirs.map((dir) =>
      startServer({ dir, db: this.db, args: this.args, now, threads: this.threads })));
    for (const srv of this.servers) running.add(srv.proc);
    this.nginxPort = this.nginxPort || await freePort();
    this.nginx = await startNginx(join(this.root, 'nginx'), this.nginxPort, this.servers.map((s) => s.port));
    this.url = this.nginx.url;
  }

  // Stops nginx and every server, then starts them again on the same
  // database (and nginx on the same port), e.g. with the clock moved on.
  async restart({ now } = {}) {
    await this.stopProcesses();
    await this.start(now);
  }

  async stopProcesses() {
    await this.nginx.stop();
    const codes = await Promise.all(this.servers.map(async (srv) => {
      const code = await srv.stop();
      running.delete(srv.proc);
      return code;
    }));
    codes.forEach((code, i) => {
      if (code !== 0) throw new Error(`server ${i} exited with ${code}; see ${this.servers[i].logPath}`);
    });
  }

  // Stops everything and removes the directories (the database is dropped
  // when the test file exits, server.mjs).
  async stop() {
    try {
      await this.stopProcesses();
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  // The server that answered through nginx (its X-Upstream), or undefined.
  serverOf(res) {
    const addr = res.headers.get('x-upstream');
    return this.servers.find((s) => addr === `127.0.0.1:${s.port}`);
  }

  // fetch through nginx, with the JSON helpers of TestServer.fetch.
  fetch(path, opts = {}) {
    return fetchJson(this.url, path, opts);
  }
}
