// The errands' records in the hours ledger (issue #20; docs/volunteers.md
// "The hours ledger", errands), over real HTTP: when both members of an
// elder-care team confirm an errand's account, the team's volunteer — who
// has no volunteer record yet — gets one made from their account and a
// confirmed record of the errand's minutes (source errand, 代购/代办服务,
// the delivery's date, 生态园社区 as organiser, confirmed by the member who
// confirmed last), in the same job; the community's staff list it; an
// errand without minutes adds nothing; the first confirmation adds nothing.
// (The app wires eldercare's on_complete to the volunteers' errand feed:
// src/app/application.cpp.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const NOW = '2026-12-05T10:00:00+08:00';
const ERRANDS = '/api/v1/errands';
let w;
let team;
let elder;

before(async () => {
  w = await startEldercareWorld({ now: NOW });
  const r = await w.srv.fetch('/api/v1/elder-teams', {
    method: 'POST', token: w.admin.token,
    json: {
      grid_id: w.area['BH-STY-1'], name: '梁俊连组', worker_user_id: w.callers.workerGrid.user.id,
      volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: '24/7',
    },
  });
  assert.equal(r.status, 201, r.text);
  team = r.body.id;
  elder = await w.createElder();
  assert.equal((await w.srv.fetch(`/api/v1/elders/${elder.id}/team`, { method: 'PUT', token: w.admin.token, json: { team_id: team } })).status, 200);
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const count = (q) => Number(w.srv.sql(q));
const step = async (id, body, who) => {
  const r = await w.srv.fetch(`${ERRANDS}/${id}/steps`, { method: 'POST', token: who.token, json: body });
  assert.equal(r.status, 200, r.text);
  return r.body;
};
// An errand of the elder run to its settlement, `minutes` recorded at delivery.
const settled = async (minutes) => {
  const made = await w.srv.fetch(`/api/v1/elders/${elder.id}/errands`, {
    method: 'POST', token: w.callers.workerGrid.token, json: { kind: 'task', text: '交水费' },
  });
  assert.equal(made.status, 201, made.text);
  const id = made.body.id;
  await step(id, { step: 'start' }, w.callers.volunteer);
  await step(id, { step: 'deliver', received_by: '张桂兰', ...(minutes === null ? {} : { volunteer_minutes: minutes }) }, w.callers.volunteer);
  await step(id, { step: 'settle', receipt_fen: 0, advanced_fen: 0, returned_fen: 0, paid_by: 'cash' }, w.callers.volunteer);
  return id;
};

test('a completed errand credits the team\'s volunteer once, in the last confirmation\'s job', async () => {
  const { volunteer, workerGrid } = w.callers;
  assert.equal(count(`SELECT COUNT(*) FROM volunteers WHERE user_id = ${volunteer.user.id};`), 0);
  const id = await settled(50);
  await step(id, { step: 'confirm' }, volunteer);
  assert.equal(count('SELECT COUNT(*) FROM volunteer_records;'), 0); // one member so far
  await step(id, { step: 'confirm' }, workerGrid);

  const mine = await w.srv.fetch('/api/v1/me/volunteer/records', { token: volunteer.token });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.total_minutes, 50);
  assert.equal(mine.body.items.length, 1);
  const r = mine.body.items[0];
  assert.equal(r.source, 'errand');
  assert.equal(r.source_id, id);
  assert.equal(r.state, 'confirmed');
  assert.equal(r.minutes, 50);
  assert.equal(r.content, '代购/代办服务');
  assert.equal(r.service_date, '2026-12-05');
  assert.deepEqual(r.organiser, { id: w.orgs.sty, name: '生态园社区' });
  assert.equal(r.confirmed_by, workerGrid.user.id);
  assert.equal(r.created_by, null);
  // The volunteer was made from the account: their name, no ID.
  assert.equal(w.srv.sql(`SELECT name || '|' || COALESCE(id_number, '-') FROM volunteers WHERE user_id = ${volunteer.user.id};`), 'zhiyuanzhe|-');

  // The community's staff see it among their records.
  const listed = await w.srv.fetch(`/api/v1/volunteer-records?organiser_org_id=${w.orgs.sty}&state=confirmed`, { token: w.callers.workerSty.token });
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.items.map((x) => x.source_id), [id]);
});

test('an errand without volunteer minutes adds nothing', async () => {
  const before = count('SELECT COUNT(*) FROM volunteer_records;');
  for (const minutes of [0, null]) {
    const id = await settled(minutes);
    await step(id, { step: 'confirm' }, w.callers.workerGrid);
    const done = await step(id, { step: 'confirm' }, w.callers.volunteer);
    assert.equal(done.state, 'settled');
  }
  assert.equal(count('SELECT COUNT(*) FROM volunteer_records;'), before);
  assert.equal(count(`SELECT COUNT(*) FROM volunteers WHERE user_id = ${w.callers.volunteer.user.id};`), 1);
});
