// The dashboard's volunteer panel (web/js/dash_volunteers.js; docs/volunteers.md
// "Counts") in real Chromium on the demo, signed out (the figures are
// public), the clocks mid-December. Made through the API: three teams of two
// communities, volunteers (one who agreed to show his name, one who did
// not), hours confirmed today, a record still submitted (not counted),
// outcomes of an occurrence this month by team.
// The panel equals GET /volunteer-counts: the ranking with shared ranks,
// hours, volunteers, outcomes by the answer's kinds (names and units), the
// communities; no person's name anywhere in it; another month chosen shows
// that month's answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const NOW = '2026-12-15T10:00:00+08:00';
const TODAY = '2026-12-15';
const MONTH = '2026-12';
const LEADER = { username: 'dash.leader', password: 'leader-pass-1', display_name: '刘队长', role: 'worker' };
const NAMES = ['王秀兰', '赵建国', '孙丽'];

let srv;
let admin;
let browser;
let teams;

async function call(who, method, path, json, status) {
  const r = await srv.fetch('/api/v1' + path, { method, token: who.token, json });
  assert.equal(r.status, status, `${method} ${path}: ${r.text.slice(0, 400)}`);
  return r.body;
}

async function makeTeam(name, parentName) {
  const made = await call(admin, 'POST', '/organisations', { kind: 'volunteer_team', name }, 201);
  const orgs = (await call(admin, 'GET', '/organisations?limit=200', undefined, 200)).items;
  const parent = orgs.find((o) => o.name === parentName && o.kind === 'community');
  assert.ok(parent, `the demo's community organisation ${parentName}`);
  return call(admin, 'PUT', `/volunteer-teams/${made.id}`, { parent_org_id: parent.id }, 200);
}

const volunteer = (teamId, name, idNumber, publicName) => call(admin, 'POST', '/volunteers', { team_id: teamId, name, phone: '13912340010',
  id_type: 'resident_id', id_number: idNumber, birth_date: '1980-02-02', gender: null, skills: [], availability: '', trainings: [],
  insurance_until: null, public_name: publicName }, 201);

// A record of `minutes` on `date` organised by `orgId`, confirmed unless told.
async function served(who, volunteerId, orgId, date, minutes, confirm = true) {
  const r = await call(who, 'POST', '/volunteer-records', { volunteer_id: volunteerId, organiser_org_id: orgId, service_date: date,
    place: '凤山路', content: '清理小广告', minutes }, 201);
  if (confirm) await call(who, 'POST', `/volunteer-records/${r.id}/confirm`, {}, 200);
}

before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  const communities = (await srv.fetch('/api/v1/areas/communities')).body.items;
  const a = await makeTeam('夕阳红志愿服务队', '西关社区');
  const b = await makeTeam('蒲公英志愿服务队', '交通路社区');
  const c = await makeTeam('青年志愿服务队', '西关社区');
  teams = [a, b, c];
  await call(admin, 'POST', '/users', { ...LEADER, organisation_ids: [a.id, b.id, c.id] }, 201);
  const s = await srv.login(LEADER.username, LEADER.password);
  const leader = { token: s.token };
  const wang = await volunteer(a.id, NAMES[0], '141102198002021231', true);
  const zhao = await volunteer(b.id, NAMES[1], '141102198002021232', false);
  const sun = await volunteer(c.id, NAMES[2], '141102198002021233', false);
  // This month (today: the counts take the teams a volunteer was in on the service date, and they joined
  // today): 夕阳红 150 min, 蒲公英 150 min (a shared rank), 青年 60; a submitted record is not counted.
  await served(leader, wang.id, a.id, TODAY, 90);
  await served(leader, wang.id, a.id, TODAY, 60);
  await served(leader, zhao.id, b.id, TODAY, 150);
  await served(leader, sun.id, c.id, TODAY, 60);
  await served(leader, sun.id, c.id, TODAY, 200, false);
  // Outcomes of an occurrence this month, by team.
  const act = await call(admin, 'POST', '/activities', { organiser_org_id: a.id, title: '清理小广告', description: '',
    address: '凤山路与永宁路口', community_id: communities[0].id, capacity: 20, first_date: TODAY, start_time: '14:00',
    duration_minutes: 120, repeat: 'none' }, 201);
  await call(leader, 'PUT', `/activity-occurrences/${act.occurrences[0].id}/outcomes`, { items: [
    { kind: 'ads_removed', quantity: 35, team_id: a.id }, { kind: 'rubbish_m3', quantity: 1.5, team_id: b.id }] }, 200);
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

// The panel's tables as the page shows them.
async function panel(page) {
  return page.locator('#volunteers-dash').evaluate((el) => {
    const rows = (id) => [...el.querySelectorAll(`#${id} tbody tr`)].map((tr) => ({
      id: Number(tr.dataset.team || tr.dataset.community),
      name: tr.querySelector('th').textContent,
      rank: tr.querySelector('[data-figure="rank"]')?.textContent,
      volunteers: tr.querySelector('[data-figure="volunteers"]')?.textContent,
      minutes: Number(tr.querySelector('[data-figure="hours"]').dataset.minutes),
      hours: tr.querySelector('[data-figure="hours"]').textContent,
      outcomes: Object.fromEntries([...tr.querySelectorAll('td[data-kind]')].map((td) => [td.dataset.kind, td.textContent])),
    }));
    return { teams: rows('vdash-teams'), communities: rows('vdash-communities'),
      heads: [...el.querySelectorAll('#vdash-teams thead th[data-kind]')].map((th) => th.textContent), text: el.textContent };
  });
}

const hours = (m) => (Math.round(m / 6) / 10).toFixed(1);
const outcomeText = (outcomes, kinds) => Object.fromEntries(kinds.map((k) => [k.code, String(outcomes?.[k.code] ?? 0)]));

function assertEqualsApi(shown, api) {
  assert.deepEqual(shown.heads, api.outcome_kinds.map((k) => `${k.name}（${k.unit}）`), 'the kinds by the answer\'s names and units');
  const byRank = [...api.teams].sort((x, y) => x.rank - y.rank || x.name.localeCompare(y.name, 'zh-CN'));
  assert.deepEqual(shown.teams, byRank.map((x) => ({ id: x.id, name: x.name, rank: String(x.rank), volunteers: String(x.volunteers),
    minutes: x.minutes, hours: hours(x.minutes), outcomes: outcomeText(x.outcomes, api.outcome_kinds) })));
  const byMinutes = [...api.communities].sort((x, y) => y.minutes - x.minutes || x.name.localeCompare(y.name, 'zh-CN'));
  assert.deepEqual(shown.communities, byMinutes.map((x) => ({ id: x.id, name: x.name, rank: undefined, volunteers: undefined,
    minutes: x.minutes, hours: hours(x.minutes), outcomes: outcomeText(x.outcomes, api.outcome_kinds) })));
}

test('the panel equals GET /volunteer-counts, ranks shared, outcomes by kind, no person named', async () => {
  const api = (await srv.fetch(`/api/v1/volunteer-counts?month=${MONTH}`)).body;
  assert.equal(api.month, MONTH);
  const byId = Object.fromEntries(api.teams.map((x) => [x.id, x]));
  assert.equal(byId[teams[0].id].minutes, 150);
  assert.equal(byId[teams[1].id].minutes, 150);
  assert.equal(byId[teams[2].id].minutes, 60, 'the submitted record is not counted');
  assert.equal(byId[teams[0].id].rank, byId[teams[1].id].rank, 'a tie shares its rank');

  const page = await browser.context.newPage();
  await page.goto(srv.url + '/#/dashboard');
  await page.locator(`#volunteers-dash[data-month="${MONTH}"]`).waitFor();
  assert.equal(await page.locator('#vdash-month').inputValue(), MONTH);
  const shown = await panel(page);
  assertEqualsApi(shown, api);
  assert.equal(shown.teams.find((x) => x.id === teams[0].id).outcomes.ads_removed, '35');
  assert.equal(shown.teams.find((x) => x.id === teams[1].id).outcomes.rubbish_m3, '1.5');
  for (const name of NAMES) assert.ok(!shown.text.includes(name), `no person's name: ${name}`);
  const total = api.teams.reduce((sum, x) => sum + x.minutes, 0);
  assert.equal(await page.locator('#vdash-summary').textContent(), `${api.teams.length} 支服务队，共 ${hours(total)} 小时已确认的服务`);
  await assertAccessible(page, 'the dashboard with the volunteers\' panel');
  await page.locator('#volunteers-dash').scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-volunteers', true);

  // Last month (they joined today: no hours then): the month box reads that month's answer.
  const before = (await srv.fetch('/api/v1/volunteer-counts?month=2026-11')).body;
  await page.locator('#vdash-month').fill('2026-11');
  await page.locator('#volunteers-dash[data-month="2026-11"]').waitFor();
  const november = await panel(page);
  assertEqualsApi(november, before);
  for (const tm of teams) assert.equal(november.teams.find((x) => x.id === tm.id)?.minutes ?? 0, 0, `${tm.name} had no hours in November`);
  await page.close();
});
