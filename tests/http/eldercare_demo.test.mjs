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
  assert.match(made.stderr, /errands: 16 recorded/);
  assert.match(made.stderr, /visits: 10 recorded \(1 escalation in progress, 1 reported change\)/);
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

// The demo's grid teams (src/demo/demo_teams.cpp): three, in three
// sub-districts, each a worker and a volunteer of the demo, paired with the
// elders of its grid; each volunteer lists exactly her team's elders.
const TEAMS = [
  { name: '生态园银龄帮扶队', rota: '24/7', worker: 'liangjunlian', volunteer: 'wangcuiping' },
  { name: '西关一网格助老队', rota: 'Mo-Fr 08:00-18:00; Sa 09:00-12:00', worker: 'renjianping', volunteer: 'xuelijuan' },
  { name: '高家沟结对服务队', rota: 'Mo-Su 07:00-21:00', worker: 'gaozhiqiang', volunteer: 'lirunmei' },
];

test('the demo forms its grid teams and pairs them with the elders of their grids', async () => {
  assert.ok(srv, 'the server of the previous test runs');
  const admin = await srv.login('admin', 'demo-admin-2026');
  const teams = (await srv.fetch('/api/v1/elder-teams', { token: admin.token })).body.items;
  assert.deepEqual(teams.map((t) => [t.name, t.rota]), TEAMS.map((t) => [t.name, t.rota]));
  const users = (await srv.fetch('/api/v1/users?limit=200', { token: admin.token })).body.items;
  const idOf = (name) => users.find((u) => u.username === name).id;
  const all = await everyElder(admin.token);
  const communities = new Set();
  for (const [i, t] of teams.entries()) {
    assert.equal(t.worker_user_id, idOf(TEAMS[i].worker));
    assert.equal(t.volunteer_user_id, idOf(TEAMS[i].volunteer));
    communities.add(t.community_id);
    const paired = all.filter((e) => e.team_id === t.id);
    assert.ok(paired.length > 0, `${t.name} has elders`);
    assert.deepEqual(all.filter((e) => e.grid_id === t.grid_id).map((e) => e.id), paired.map((e) => e.id),
      `${t.name}: every elder of its grid`);
    const volunteer = await srv.login(TEAMS[i].volunteer, 'demo-volunteer-2026');
    const hers = await everyElder(volunteer.token);
    assert.deepEqual(hers.map((e) => e.id), paired.map((e) => e.id));
    assert.ok(hers.every((e) => e.view === 'full'));
    const worker = await srv.login(TEAMS[i].worker, 'demo-worker-2026');
    assert.ok((await everyElder(worker.token)).length >= paired.length);
  }
  assert.equal(communities.size, 3);
  // 生态园's team never rests: it is on duty for its elders, whenever the desk asks.
  const sty = all.find((e) => e.team_id === teams[0].id);
  const duty = await srv.fetch(`/api/v1/elders/${sty.id}/on-duty`, { token: admin.token });
  assert.equal(duty.status, 200, duty.text);
  assert.equal(duty.body.reason, 'her_team');
  assert.equal(duty.body.team.name, '生态园银龄帮扶队');
});

// The demo's errands and visits (src/demo/demo_care.cpp): errands in every
// state (one cancelled, one overdue, three settled and confirmed by both
// members), visits that leave elders due today and overdue, one escalation
// in progress, one reported change, and an errand raised from a visit.
test('the demo records errands across their states and visits due today and overdue', async () => {
  assert.ok(srv, 'the server of the first test runs');
  const admin = await srv.login('admin', 'demo-admin-2026');
  const get = async (path, token = admin.token) => {
    const r = await srv.fetch(path, { token });
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.body;
  };
  const errands = (await get('/api/v1/errands?queue=all&limit=200')).items;
  assert.equal(errands.length, 16);
  const byState = {};
  for (const e of errands) byState[e.state] = (byState[e.state] ?? 0) + 1;
  assert.deepEqual(byState, { received: 3, assigned: 3, doing: 2, delivered: 2, settled: 5, cancelled: 1 });
  assert.equal(errands.filter((e) => e.complete).length, 3, 'settled and confirmed by both');
  assert.ok(new Set(errands.map((e) => e.kind)).size === 3);
  const overdue = (await get('/api/v1/errands?queue=overdue&limit=200')).items;
  assert.equal(overdue.length, 1);
  assert.equal(overdue[0].state, 'assigned');

  const communities = (await get('/api/v1/areas?level=community&limit=200')).items;
  const code = (c) => communities.find((a) => a.code === c).id;
  const elders = await everyElder(admin.token);
  const nameOf = (id) => elders.find((e) => e.id === id).name;
  const due = async (query) => (await get(`/api/v1/visits/due?${query}`)).items;
  // 生态园: 吴凤英 seen a week ago and 刘德胜's fall today are due today;
  // nobody answered 曹凤英 45 minutes ago and her escalation is overdue.
  const styToday = await due(`community_id=${code('BH-STY')}&when=today`);
  assert.deepEqual(styToday.map((i) => [nameOf(i.elder.id), i.due.reason]).sort(),
    [['刘德胜', 'change'], ['吴凤英', 'interval']]);
  const styOverdue = await due(`community_id=${code('BH-STY')}&when=overdue`);
  assert.deepEqual(styOverdue.map((i) => [nameOf(i.elder.id), i.due.reason]), [['曹凤英', 'escalation']]);
  const escalation = styOverdue[0];
  assert.ok(escalation.visit_id > 0);
  // Elsewhere: 武有才 (西关) and 马月娥 (凤山) overdue, 赵福元 (凤山) due today.
  assert.deepEqual((await due(`community_id=${code('FS-XG')}&when=overdue`)).map((i) => nameOf(i.elder.id)), ['武有才']);
  const fss = await due(`community_id=${code('FS-FSS')}`);
  assert.deepEqual(fss.map((i) => [nameOf(i.elder.id), i.overdue]).sort(), [['赵福元', false], ['马月娥', true]]);
  // The escalation: her son not reached, the duty phone next.
  const caoId = escalation.elder.id;
  const visits = (await get(`/api/v1/elders/${caoId}/visits`)).items;
  assert.equal(visits[0].escalation.state, 'open');
  assert.deepEqual(visits[0].escalation.steps.map((s) => [s.kind, s.result]), [['contact', 'not_reached']]);
  assert.deepEqual(visits[0].escalation.next_steps, ['duty_phone']);
  // The team's phone view: 生态园's team sees its two elders due today.
  const liang = await srv.login('liangjunlian', 'demo-worker-2026');
  const teams = (await get('/api/v1/elder-teams')).items;
  const teamDue = (await get(`/api/v1/visits/due?team_id=${teams[0].id}&when=today`, liang.token)).items;
  assert.equal(teamDue.length, 2);
  // 郭玉珍's visit raised a shopping errand, and links to it.
  const guo = elders.find((e) => e.name === '郭玉珍');
  const guoVisits = (await get(`/api/v1/elders/${guo.id}/visits`)).items;
  const raised = guoVisits.flatMap((v) => v.raised);
  assert.equal(raised.length, 1);
  assert.equal(raised[0].kind, 'errand');
  const errand = await get(`/api/v1/errands/${raised[0].id}`);
  assert.equal(errand.elder_id, guo.id);
  assert.equal(errand.kind, 'shopping');
  assert.equal(Number(srv.sql('SELECT count(*) FROM visit_changes')), 1);
});
