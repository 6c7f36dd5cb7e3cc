// The canteens' food-safety sample log (留样, issue #17) over real HTTP: a
// cashier records the samples of a meal (≥ 125 g; who took it is the
// signed-in user), the day's log lists them by meal then time and comes as a
// CSV for the inspectors (UTF-8 with BOM, Chinese headers); a sample is
// destroyed only 48 hours after it was taken and recorded (409 before, with
// the time) and its row stays, and is then no longer voided; a mistaken record is voided with a reason and stays too;
// every change is audited. Department users (the inspectors) read any
// canteen's log; another canteen's keeper, a resident, a worker and a
// volunteer are refused, a signed-out caller 401. Bad input — malformed JSON,
// wrong types, 124 g, a fractional weight, a future taken_at, an unknown
// meal, a taken_at off the meal's day and the day before — is named. The
// server's clock starts (--now) at 2026-12-05 12:00 district time; a sample
// is kept 48 hours from the later of taken_at and its recording, so one
// written up late is refused now, and the last test starts the server again
// 48 hours on to destroy it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { createFacility, makeKeeper, makeOrg } from './lib/fixtures.mjs';

const NOW = '2026-12-05T12:00:00+08:00';
const CANTEENS = '/api/v1/canteens';
let w;
before(async () => {
  w = await startWithAdminAndResident({ now: NOW });
  const { srv, admin } = w;
  w.orgA = await makeOrg(srv, admin, '生态园长者食堂');
  w.orgB = await makeOrg(srv, admin, '交通路长者食堂');
  w.keeper = await makeKeeper(srv, admin, 'shitang1', w.orgA, '王师傅');
  w.otherKeeper = await makeKeeper(srv, admin, 'shitang2', w.orgB, '李师傅');
  w.inspector = await srv.createUser(admin, 'shijianju1', 'department', [await makeOrg(srv, admin, '离石区市场监督管理局', 'department')]);
  w.worker = await srv.createUser(admin, 'wanggeyuan1', 'worker');
  w.volunteer = await srv.createUser(admin, 'zhiyuanzhe1', 'volunteer');
  const canteen = (name, org) => createFacility(srv, admin, {
    kind: 'canteen', name, address: '离石区滨河北路 8 号', lat: 37.52, lon: 111.14, keeper_org_id: org,
  });
  w.canteen = await canteen('生态园长者食堂', w.orgA);
  w.other = await canteen('交通路长者食堂', w.orgB);
  w.toilet = await createFacility(srv, admin, {
    kind: 'toilet', name: '凤山公厕', address: '凤山路 2 号', lat: 37.53, lon: 111.15,
  });
});
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const samples = (id) => `${CANTEENS}/${id}/samples`;
const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who?.token });
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}
const lunch = (extra = {}) => ({
  date: '2026-12-05', meal: 'lunch', dish_name: '西红柿炒鸡蛋', dish_id: 3, weight_g: 150,
  taken_at: '2026-12-05T11:20:00+08:00', fridge: '留样柜1', ...extra,
});
async function record(body, who = w.keeper, canteen = w.canteen) {
  const r = await send('POST', samples(canteen), body, who);
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const audits = (action) => Number(w.srv.sql(`SELECT count(*) FROM audit_log WHERE action = '${action}'`));

test('a cashier records the day\'s samples; the log lists them by meal, then time', async () => {
  const r = await send('POST', samples(w.canteen), lunch({ note: '午餐第一批' }), w.keeper);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `${samples(w.canteen)}/${r.body.id}`);
  const s = r.body;
  assert.equal(s.weight_g, 150);
  assert.equal(s.dish_id, 3);
  assert.deepEqual(s.taken_by, { id: w.keeper.user.id, name: '王师傅' });
  assert.equal(s.taken_at, '2026-12-05T11:20:00+08:00');
  // Kept 48 hours from the later of taken_at and its recording (the server's 12:00 and a few seconds).
  assert.match(s.recorded_at, /^2026-12-05T12:0\d:\d\d\+08:00$/);
  assert.equal(Date.parse(s.keep_until) - Date.parse(s.recorded_at), 48 * 3600e3);
  assert.equal(s.destroyed_at, null);
  assert.equal(s.destroyed_by, null);
  assert.equal(s.voided_at, null);
  assert.equal(s.void_reason, null);
  assert.equal(s.note, '午餐第一批');
  await record(lunch({ meal: 'breakfast', dish_name: '小米南瓜粥', dish_id: undefined, taken_at: '2026-12-05T07:10:00+08:00', weight_g: 125 }));
  await record(lunch({ dish_name: '尖椒土豆丝', taken_at: '2026-12-05T11:05:00+08:00' }), w.admin);

  const day = await get(`${samples(w.canteen)}?date=2026-12-05`, w.keeper);
  assert.equal(day.status, 200, day.text);
  assert.deepEqual(day.body.canteen, { id: w.canteen, name: '生态园长者食堂' });
  assert.equal(day.body.date, '2026-12-05');
  assert.deepEqual(day.body.items.map((i) => i.dish_name), ['小米南瓜粥', '尖椒土豆丝', '西红柿炒鸡蛋']);
  assert.equal(day.body.items[0].dish_id, null);
  assert.equal(day.body.items[1].taken_by.name, 'admin');
  const empty = await get(`${samples(w.canteen)}?date=2026-12-04`, w.keeper);
  assert.deepEqual(empty.body.items, []);
  assert.ok(audits('canteen.sample_record') >= 3);
});

test('the inspectors read any canteen\'s log, also as CSV for Excel', async () => {
  await record(lunch({ dish_name: '=红烧肉', note: '含,逗号' }), w.otherKeeper, w.other);
  const json = await get(`${samples(w.other)}?date=2026-12-05`, w.inspector);
  assert.equal(json.status, 200, json.text);
  assert.equal(json.body.items.length, 1);
  const csv = await fetch(`${w.srv.url}${samples(w.other)}.csv?date=2026-12-05`, { headers: { authorization: `Bearer ${w.inspector.token}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="samples-\d+-2026-12-05\.csv"/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.match(lines[0], /^食堂,日期,餐次,菜品,留样量\(克\),留样时间,留样人,留样柜,可销毁时间/);
  assert.match(lines[1], /^交通路长者食堂,2026-12-05,午餐,'=红烧肉,150,2026-12-05 11:20,李师傅,留样柜1,2026-12-07 12:0\d,/);
  assert.match(lines[1], /"含,逗号"/);
  assert.equal(lines[2], '');
  const admin = await get(`${samples(w.other)}?date=2026-12-05`, w.admin);
  assert.equal(admin.status, 200);
});

test('a sample is kept 48 hours from its recording: destroying it sooner is refused', async () => {
  const keptFrom = (x) => Date.parse(x.keep_until) - Date.parse(x.recorded_at);
  const young = await record(lunch({ date: '2026-12-03', taken_at: '2026-12-03T13:00:00+08:00' }));  // 47 h ago
  assert.equal(keptFrom(young), 48 * 3600e3);
  const early = await send('POST', `${samples(w.canteen)}/${young.id}/destroy`, undefined, w.keeper);
  assertProblem(early, 409);
  assert.equal(early.body.keep_until, young.keep_until);
  assert.ok(early.body.detail.includes(young.keep_until), early.body.detail);
  assert.match(early.body.detail, /48/);
  // Written up late (taken 48 h 1 min ago): still kept 48 hours from its recording.
  const late = await record(lunch({ date: '2026-12-03', taken_at: '2026-12-03T11:59:00+08:00' }));
  assert.equal(keptFrom(late), 48 * 3600e3);
  assertProblem(await send('POST', `${samples(w.canteen)}/${late.id}/destroy`, {}, w.keeper), 409);
  // Today's meal taken 71 hours ago: not the meal's day nor the day before.
  const bypass = await send('POST', samples(w.canteen), lunch({ taken_at: '2026-12-02T13:00:00+08:00' }), w.keeper);
  assertProblem(bypass, 422, 'taken_at');
  assert.match(bypass.body.errors.find((e) => e.field === 'taken_at').message, /the meal's day/);
  assert.equal(audits('canteen.sample_destroy'), 0);
  w.late = late;
});

test('a mistaken record is voided with a reason and a new one recorded; both stay', async () => {
  const wrong = await record(lunch({ date: '2026-12-04', taken_at: '2026-12-04T11:20:00+08:00', weight_g: 1500 }));
  const path = `${samples(w.canteen)}/${wrong.id}/void`;
  assertProblem(await send('POST', path, {}, w.keeper), 422, 'reason');
  assertProblem(await send('POST', path, { reason: 7 }, w.keeper), 422, 'reason');
  const v = await send('POST', path, { reason: '重量多写了一个0' }, w.keeper);
  assert.equal(v.status, 200, v.text);
  assert.equal(v.body.void_reason, '重量多写了一个0');
  assert.ok(v.body.voided_at);
  assert.equal(v.body.voided_by.name, '王师傅');
  assertProblem(await send('POST', path, { reason: '再来一次' }, w.keeper), 409);
  // The voided record is not the one to destroy.
  assertProblem(await send('POST', `${samples(w.canteen)}/${wrong.id}/destroy`, {}, w.keeper), 409);
  await record(lunch({ date: '2026-12-04', taken_at: '2026-12-04T11:20:00+08:00', weight_g: 150 }));
  const day = await get(`${samples(w.canteen)}?date=2026-12-04`, w.keeper);
  assert.deepEqual(day.body.items.map((i) => [i.weight_g, i.void_reason]), [[1500, '重量多写了一个0'], [150, null]]);
  assert.equal(audits('canteen.sample_void'), 1);
});

test('bad input is refused with the field named, and nothing is written', async () => {
  const count = () => Number(w.srv.sql('SELECT count(*) FROM canteen_samples'));
  const n = count();
  const url = samples(w.canteen);
  const raw = await w.srv.fetch(url, { method: 'POST', token: w.keeper.token, body: '{"date":', headers: { 'content-type': 'application/json' } });
  assertProblem(raw, 400);
  assertProblem(await send('POST', url, [1, 2], w.keeper), 400);
  const light = await send('POST', url, lunch({ weight_g: 124 }), w.keeper);
  assertProblem(light, 422, 'weight_g');
  const msg = light.body.errors.find((e) => e.field === 'weight_g').message;
  assert.match(msg, /125克/);
  assert.match(msg, /at least 125 g/);
  assertProblem(await send('POST', url, lunch({ weight_g: 150.5 }), w.keeper), 422, 'weight_g');
  assertProblem(await send('POST', url, lunch({ weight_g: '150' }), w.keeper), 422, 'weight_g');
  assertProblem(await send('POST', url, lunch({ weight_g: -1 }), w.keeper), 422, 'weight_g');
  assertProblem(await send('POST', url, lunch({ taken_at: '2026-12-05T12:10:00+08:00' }), w.keeper), 422, 'taken_at');  // 10 min ahead
  assertProblem(await send('POST', url, lunch({ taken_at: '2026-12-02T11:00:00+08:00' }), w.keeper), 422, 'taken_at');  // 73 h back
  assertProblem(await send('POST', url, lunch({ taken_at: '中午' }), w.keeper), 422, 'taken_at');
  assertProblem(await send('POST', url, lunch({ meal: 'supper' }), w.keeper), 422, 'meal');
  assertProblem(await send('POST', url, lunch({ date: '2026-13-01' }), w.keeper), 422, 'date');
  assertProblem(await send('POST', url, lunch({ dish_name: '' }), w.keeper), 422, 'dish_name');
  assertProblem(await send('POST', url, lunch({ dish_id: 'x' }), w.keeper), 422, 'dish_id');
  assertProblem(await send('POST', url, lunch({ fridge: undefined }), w.keeper), 422, 'fridge');
  assertProblem(await send('POST', url, lunch({ colour: 'red' }), w.keeper), 422, 'colour');
  assertProblem(await get(`${url}?date=5-12-2026`, w.keeper), 422, 'date');
  assertProblem(await get(url, w.keeper), 422, 'date');
  assert.equal(count(), n);
  // A 5-minute-ahead clock and exactly 125 g are fine.
  await record(lunch({ meal: 'dinner', taken_at: '2026-12-05T12:04:00+08:00', weight_g: 125 }));
  // Taken the evening before the meal's day: fine; two days before: named.
  await record(lunch({ meal: 'breakfast', taken_at: '2026-12-04T20:00:00+08:00' }));
  assertProblem(await send('POST', url, lunch({ taken_at: '2026-12-03T23:59:00+08:00' }), w.keeper), 422, 'taken_at');
});

test('who may: another canteen\'s keeper, residents, workers, volunteers and the signed-out are refused', async () => {
  const own = await record(lunch());
  const url = samples(w.canteen);
  const day = `${url}?date=2026-12-05`;
  assertProblem(await send('POST', url, lunch(), w.otherKeeper), 403);
  assertProblem(await get(day, w.otherKeeper), 403);
  assertProblem(await get(`${url}.csv?date=2026-12-05`, w.otherKeeper), 403);
  assertProblem(await send('POST', `${url}/${own.id}/void`, { reason: '不是我们的' }, w.otherKeeper), 403);
  assertProblem(await send('POST', `${url}/${own.id}/destroy`, {}, w.otherKeeper), 403);
  for (const who of [w.resident, w.worker, w.volunteer]) {
    assertProblem(await get(day, who), 403);
    assertProblem(await send('POST', url, lunch(), who), 403);
  }
  assertProblem(await send('POST', url, lunch(), w.inspector), 403);  // inspectors read, never write
  assertProblem(await get(day), 401);
  assertProblem(await send('POST', url, lunch()), 401);
  // Unknown canteen, a facility that is no canteen, a sample through another canteen.
  assertProblem(await get(`${samples(999999)}?date=2026-12-05`, w.admin), 404);
  assertProblem(await get(`${samples(w.toilet)}?date=2026-12-05`, w.admin), 404);
  assertProblem(await send('POST', samples(w.toilet), lunch(), w.admin), 404);
  assertProblem(await send('POST', `${samples(w.other)}/${own.id}/void`, { reason: 'x' }, w.otherKeeper), 404);
  assertProblem(await send('POST', `${url}/999999/destroy`, {}, w.keeper), 404);
  assertProblem(await send('POST', `${url}/abc/void`, { reason: 'x' }, w.keeper), 404);
});

// No sample reaches its 48 hours within a test: the server is started again
// on the same database with its clock (--now) at 2026-12-07 12:30, 48 hours
// and half an hour after the samples above were recorded. Last in the file.
test('48 hours after its recording the sample is destroyed; its row stays; a destroyed sample is not voided', async () => {
  const { srv } = w;
  await srv.stop();
  srv.args.splice(srv.args.indexOf('--now'), 2);
  srv.args.push('--now', '2026-12-07T12:30:00+08:00');
  await srv.start();
  const keeper = await srv.login('shitang1', 'keeper-pass-1');
  const path = `${samples(w.canteen)}/${w.late.id}`;
  const done = await send('POST', `${path}/destroy`, {}, keeper);
  assert.equal(done.status, 200, done.text);
  assert.match(done.body.destroyed_at, /^2026-12-07T12:3\d:\d\d\+08:00$/);
  assert.deepEqual(done.body.destroyed_by, { id: w.keeper.user.id, name: '王师傅' });
  assert.equal(audits('canteen.sample_destroy'), 1);
  assertProblem(await send('POST', `${path}/destroy`, {}, keeper), 409);
  const v = await send('POST', `${path}/void`, { reason: '补录' }, keeper);
  assertProblem(v, 409);
  assert.match(v.body.detail, /destroyed/);
  assert.equal(audits('canteen.sample_void'), 1);  // the one voided above
  const day = await get(`${samples(w.canteen)}?date=2026-12-03`, keeper);
  const row = day.body.items.find((i) => i.id === w.late.id);
  assert.equal(row.destroyed_at, done.body.destroyed_at);
  assert.equal(row.destroyed_by.name, '王师傅');
  assert.equal(row.voided_at, null);
  assert.equal(day.body.items.length, 2);
});
