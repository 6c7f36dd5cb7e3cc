// docs/facilities.md: import files are checked on one thread of their own;
// "files wait there in turn, and when too many wait the request is answered
// 503 at once". Two 16 MiB files hold that thread for seconds; 1,200 small
// imports sent meanwhile overflow its queue (1,024 places): some must be
// answered 503 with the documented problem before the big files are done,
// every other answer must be the one a small import gets alone, and once the
// queue has drained an import is taken again.
// Under a sanitizer the server checks files and reads requests alike more
// slowly (TSan: both about 30 times, measured): its big files shrink by the
// square root of slowFactor() (lib/slow.mjs) only, so that they still outlast
// the server's taking in of 1,200 requests and the test stays inside ctest's
// 300 s (TSan: 5 MiB, about a minute of checking each on a busy machine); and
// the 1,200 are sent only once the server has read both big files (it reads
// slowly too), and again until the queue overflows or a big file is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer } from './lib/server.mjs';
import { statusOf } from './lib/raw.mjs';
import { slowFactor } from './lib/slow.mjs';
import { waitFor } from './lib/wait.mjs';

const kQueuePlaces = 1024;  // core::WorkPool::kMaxQueued
const kSmall = 1200;

// Sends one request on its own connection (Connection: close). `sent`
// resolves when every byte is handed to the kernel, `answer` to
// {status, data, at} once the server has answered and closed.
function send(port, head, body) {
  const sock = net.connect(port, '127.0.0.1');
  let data = '';
  const sent = new Promise((resolve, reject) => {
    sock.on('connect', () => sock.write(Buffer.concat([Buffer.from(head), body]), (e) => (e ? reject(e) : resolve())));
  });
  const answer = new Promise((resolve) => {
    sock.on('data', (c) => { data += c; });
    sock.on('error', (e) => { data += `\n[socket error ${e.code}]`; });
    sock.on('close', () => resolve({ status: statusOf(data), data, at: Date.now() }));
  });
  return { sock, sent, answer };
}

// Bytes sent on the connection from local port `clientPort` to the server's
// `port` that the server has not read yet: the client's send queue plus the
// server's receive queue (Linux, /proc/net/tcp); null once either end is gone.
function unreadBytes(port, clientPort) {
  const end = (p) => ':' + p.toString(16).toUpperCase().padStart(4, '0');
  let bytes = 0;
  let ends = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, remote, , queues] = line.trim().split(/\s+/);
    if (!queues) continue;
    const [tx, rx] = queues.split(':').map((q) => parseInt(q, 16));
    if (local.endsWith(end(clientPort)) && remote.endsWith(end(port))) { bytes += tx; ends++; }
    if (local.endsWith(end(port)) && remote.endsWith(end(clientPort))) { bytes += rx; ends++; }
  }
  return ends === 2 ? bytes : null;
}

function importRequest(port, token, csv) {
  const body = Buffer.from(csv);
  const head = 'POST /api/v1/facilities/import?format=csv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
    `Authorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`;
  return send(port, head, body);
}

test('imports beyond the queue are answered 503 at once; the queue drains and imports are taken again', async (t) => {
  const srv = await startServer({
    users: [{ username: 'admin', password: 'admin-pass-1', role: 'admin' }],
    args: ['--max-connections-per-client', '5000', '--max-connections-per-network', '5000'],
  });
  try {
    const { token } = await srv.login('admin', 'admin-pass-1');
    const small = 'kind,name,address,lon,lat\ntoilet,公厕,凤山路 12 号,111.1503,97.5161\n';  // lat out of range: 422
    const alone = await importRequest(srv.port, token, small).answer;
    assert.equal(alone.status, 422, alone.data);

    // 16 MiB of rows (each with a latitude out of range), about 5 s of checking
    // each on a plain build; smaller under a sanitizer (above).
    const row = 'toilet,公厕,凤山路 12 号,111.1503,97.5161\n';
    const bigBytes = Math.floor((16 * 1024 * 1024 - 100) / Math.sqrt(slowFactor()));
    const big = 'kind,name,address,lon,lat\n' + row.repeat(Math.floor(bigBytes / Buffer.byteLength(row)));
    const bigs = [importRequest(srv.port, token, big), importRequest(srv.port, token, big)];
    await Promise.all(bigs.map((b) => b.sent));
    await waitFor(() => bigs.every((b) => {
      const unread = unreadBytes(srv.port, b.sock.localPort);
      if (unread === null) throw new Error('a big import\'s connection closed before the server read it');
      return unread === 0;
    }), { timeoutMs: 10000 * slowFactor(), what: 'the server to read both big files' });
    let bigDone = false;
    Promise.race(bigs.map((b) => b.answer)).then(() => { bigDone = true; });

    // Waits for the condition (a flood overflows the queue) with a deadline (a
    // big file is done): each flood is answered in full before the next, so
    // the queue holds nothing of an earlier one.
    let answers;
    for (let flood = 1; ; flood++) {
      const smalls = Array.from({ length: kSmall }, () => importRequest(srv.port, token, small));
      answers = await Promise.all(smalls.map((s) => s.answer));
      if (answers.some((a) => a.status === 503)) {
        t.diagnostic(`flood ${flood} overflowed the queue`);
        break;
      }
      assert.ok(!bigDone, `no import was refused in ${flood} floods of ${kSmall} before a big file was done`);
    }
    const bigAnswers = await Promise.all(bigs.map((b) => b.answer));
    for (const b of bigAnswers) assert.equal(b.status, 422, b.data.slice(0, 300));

    const refused = answers.filter((a) => a.status === 503);
    const taken = answers.filter((a) => a.status === alone.status);
    t.diagnostic(`${refused.length} of ${kSmall} small imports refused, ${taken.length} checked`);
    assert.equal(refused.length + taken.length, kSmall,
      `unexpected answers: ${answers.filter((a) => a.status !== 503 && a.status !== alone.status).slice(0, 3).map((a) => a.data).join('\n')}`);
    assert.ok(taken.length >= kQueuePlaces - 1, `only ${taken.length} small imports were queued`);
    for (const r of refused) {
      assert.match(r.data, /content-type: application\/problem\+json/i);
      assert.match(r.data, /"status":503/);
      assert.match(r.data, /too many imports and exports are waiting/);
      assert.match(r.data, /\r\nretry-after: 60\r\n/i);
    }
    // At once: refused while the big files were still being checked, not after waiting in line.
    const firstBigDone = Math.min(...bigAnswers.map((b) => b.at));
    assert.ok(refused.some((r) => r.at < firstBigDone), 'every 503 came only after a big file was done');

    // The queue has drained: an import is taken again.
    const again = await importRequest(srv.port, token, small).answer;
    assert.equal(again.status, 422, again.data);
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
