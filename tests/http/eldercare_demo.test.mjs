// The demo's elders (data/demo/lishi-elders.json): `warmcity demo` records
// them through the elder service, every one inside a grid of the demo
// district; the demo worker 梁俊连 (生态园社区) sees his community's elders
// whole and no others, and the admin sees every one of them; each has a
// red proxy card.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, testDatabase, dataDirArgs } from './lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'warmcity-elders-demo-'));
const db = testDatabase(dir);
let srv;
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FILE = JSON.parse(readFileSync('data/demo/lishi-elders.json', 'utf8'));

async function everyElder(token, query = '') {
  const items = [];
  for (let cursor = null, n = 0; n < 20; n += 1) {
    const res = await srv.fetch(`/api/v1/elders?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

test('the demo records its elders, each in a grid, seen by the right staff', async () => {
  const made = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, new RegExp(`${FILE.elders.length} elders`));
  assert.match(made.stderr, new RegExp(`elders: ${FILE.elders.length} recorded`));
  assert.ok(FILE.elders.length >= 30, 'a few dozen elders');
  srv = await startServer({ dir, db });
  const admin = await srv.login('admin', 'demo-admin-2026');
  const all = await everyElder(admin.token);
  assert.equal(all.length, FILE.elders.length);
  assert.ok(all.every((e) => e.view === 'full' && e.grid_id > 0));
  const communities = new Set(all.map((e) => e.community_id));
  assert.ok(communities.size >= 10, `elders in ${communities.size} communities`);
  assert.ok(all.some((e) => e.needs !== null) && all.some((e) => e.health_consent === null));

  const sty = (await srv.fetch('/api/v1/areas?level=community&limit=200', { token: admin.token })).body.items
    .find((a) => a.code === 'BH-STY');
  assert.ok(sty, 'the demo has 生态园');
  const worker = await srv.login('liangjunlian', 'demo-worker-2026');
  const his = await everyElder(worker.token);
  assert.ok(his.length > 0);
  assert.deepEqual([...new Set(his.map((e) => e.community_id))], [sty.id]);
  assert.ok(his.every((e) => e.view === 'full'));
  assert.equal(his.length, all.filter((e) => e.community_id === sty.id).length);
  // Every demo elder has a card; its number opens her record at the phone desk.
  const card = await srv.fetch(`/api/v1/elders/${his[0].id}/card`, { token: worker.token });
  assert.equal(card.status, 200, card.text);
  const found = await srv.fetch(`/api/v1/elders/lookup?card=${card.body.number}`, { token: worker.token });
  assert.deepEqual(found.body.items.map((e) => e.id), [his[0].id]);
  const cards = Number(srv.sql("SELECT count(*) FROM elder_cards WHERE state = 'active'"));
  assert.equal(cards, FILE.elders.length);
});
