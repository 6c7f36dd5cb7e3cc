// Disk full: the database (and the appeal photos) on a small tmpfs that a
// filler file fills while mixed writes run (lib/write_load.mjs). Writes are
// then refused clearly — 503 or 507, problem+json with a detail, never a 500
// or a hang — reads go on, nothing refused is in the file and nothing
// acknowledged is missing from it; when the filler is removed the same server
// takes writes again by itself. Every round ends in a SIGKILL (half of them
// while the disk is still full, the restart too) and PRAGMA integrity_check.
//
// The filesystem: a 16 MiB tmpfs mounted for the test, which needs root (or
// CAP_SYS_ADMIN). Where mounting is not allowed the test is skipped and says
// so. (RLIMIT_FSIZE is no stand-in: past it the kernel sends SIGXFSZ, which
// kills the server instead of failing the write.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWriteWorld, startWriteLoad, Ledger, verifyLedger, integrityCheck } from './lib/write_load.mjs';
import { attachPhoto } from './lib/fixtures.mjs';
import { waitFor } from './lib/crash_loop.mjs';
import { ENGINE } from './lib/server.mjs';

const ROUNDS = 8;
// A 1×1 PNG (as in appeals.test.mjs).
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082', 'hex'),
]);

const mount = (...args) => spawnSync('mount', args, { encoding: 'utf8' });

// Fills the filesystem of `path` with one file until the kernel says no more; returns its size.
function fill(path) {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size);
      try { for (;;) bytes += writeSync(fd, chunk); } catch (e) { if (e.code !== 'ENOSPC') throw e; }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

test('disk full: clear 503/507 refusals, no corruption, nothing acknowledged lost, writes resume when space returns', async (t) => {
  // The SQLite file on the full disk; PostgreSQL's own disk is the cluster's, not warmcity's.
  if (ENGINE === 'postgres') return t.skip('the database file on a full tmpfs is a SQLite test');
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-diskfull-'));
  const disk = join(dir, 'disk');
  mkdirSync(disk);
  const mounted = mount('-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', disk);
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return t.skip(`cannot mount a tmpfs here (${mounted.stderr.trim()}); run as root`);
  }
  // The database file lives on the tmpfs (SQLite follows the link, so its -wal
  // and -shm are there too); the server's log stays on the ordinary disk.
  symlinkSync(join(disk, 'warmcity.db'), join(dir, 'warmcity.db'));
  const filler = join(disk, 'filler');
  let world;
  try {
    world = await startWriteWorld({ clients: 8, dir, args: ['--photo-dir', join(disk, 'photos')] });
    const { srv } = world;
    const ledger = new Ledger();
    const refusedBy = [];
    for (let i = 0; i < ROUNDS; i++) {
      let load = startWriteLoad(srv, world, ledger, { refusals: true });
      const before = ledger.writes;
      await waitFor(`writes in round ${i}`, () => ledger.writes >= before + 50 || ledger.unexpected > 0);
      const photoFor = i === 0 && await srv.fetch('/api/v1/appeals', { method: 'POST', json: { category: 'roads', description: '带照片', anonymous: true, lat: 37.52, lon: 111.14 } });
      const filled = fill(filler);
      assert.ok(filled > 0);
      const refusedBefore = ledger.refused;
      await waitFor(`refusals in round ${i}`, () => ledger.refused >= refusedBefore + 20 || ledger.unexpected > 0);
      refusedBy.push(ledger.refused - refusedBefore);

      // Reads go on while the disk is full, and the operator's metrics count the failed commits.
      assert.equal((await srv.fetch('/api/v1/health')).status, 200);
      const metrics = await srv.fetch('/metrics');
      assert.equal(metrics.status, 200);
      const failures = Number(metrics.text.match(/^warmcity_writer_commit_failures_total (\d+)$/m)?.[1]);
      assert.ok(failures > 0, 'warmcity_writer_commit_failures_total counts the refused commits');
      assert.equal((await srv.fetch(`/api/v1/facilities/${world.facilities[0]}`)).status, 200);
      if (photoFor) {
        assert.equal(photoFor.status, 201, photoFor.text);
        const photo = await attachPhoto(srv, photoFor.body, PNG);
        // The file itself (507) or the photo's row (the commit, 503) meets the
        // full disk first, depending on how much room the filler left.
        assert.ok([503, 507].includes(photo.status), `photo on a full disk: ${photo.status} ${photo.text}`);
        assert.equal(photo.headers.get('content-type'), 'application/problem+json');
        assert.match(photo.body.detail, photo.status === 507 ? /no space left/ : /disk is full/);
        assert.ok(!photo.text.includes(dir), 'the answer names no server path');
        t.diagnostic(`a photo on the full disk: ${photo.status} "${photo.body.detail}"`);
      }

      if (i % 2 === 0) {
        // Space returns: the same server takes writes again by itself.
        rmSync(filler);
        const acked = ledger.writes;
        await waitFor(`writes to resume in round ${i}`, () => ledger.writes >= acked + 50 || ledger.unexpected > 0);
      }
      load.markKilled();
      assert.equal((await srv.kill('SIGKILL')).signal, 'SIGKILL');
      await load.stop();
      await srv.start();  // on odd rounds the disk is still full here
      assert.equal(integrityCheck(srv.dbPath), 'ok', `round ${i}`);
      const { missing, saved } = verifyLedger(srv.dbPath, ledger);
      assert.deepEqual(missing, [], `round ${i}: acknowledged writes missing`);
      assert.deepEqual(saved, [], `round ${i}: refused writes found in the file`);
      assert.deepEqual(ledger.samples, [], `round ${i}: answers other than 200/201 or a clear 503/507`);
      if (i % 2 === 1) {
        rmSync(filler);
        load = startWriteLoad(srv, world, ledger, { refusals: true });
        const acked = ledger.writes;
        await waitFor(`writes after the restart in round ${i}`, () => ledger.writes >= acked + 50 || ledger.unexpected > 0);
        await load.stop();
        assert.deepEqual(ledger.samples, []);
      }
    }
    assert.equal(ledger.unexpected, 0);
    assert.equal(refusedBy.length, ROUNDS);
    assert.ok(refusedBy.every((n) => n >= 20), `refusals per round: ${refusedBy.join(', ')}`);
    // The words say what happened.
    const details = [...ledger.refusedDetails.keys()];
    assert.ok(details.length > 0);
    assert.ok(details.some((d) => /full/i.test(d)), `details: ${details.join(' | ')}`);
    assert.ok(ledger.refusedTexts.size > 0 && ledger.appeals.size > 0 && ledger.feedback.size > 0);
    t.diagnostic(`${ROUNDS} rounds: ${ledger.writes} writes acknowledged, ${ledger.refused} refused (${[...ledger.refusedDetails].map(([d, n]) => `${n}× "${d}"`).join('; ')})`);
  } finally {
    if (world) await world.srv.stop();
    const u = spawnSync('umount', [disk], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(u.status, 0, u.stderr);
  }
});
