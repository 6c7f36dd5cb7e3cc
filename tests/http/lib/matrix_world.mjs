// The role matrix's world (tests/http/role_matrix.test.mjs): one server with
// a signed-in caller per role and the scope variants the routes tell apart
// (a worker of another community and of another grid, a keeper of another
// organisation, a department the appeals are not dispatched to, a resident
// who did not report them), the areas, facilities, category and appeals the
// routes read, and factories that make a fresh object for every write case,
// so that no case sees what another one changed.
//
// Areas (as in appeals_scope.test.mjs): 滨河 with the communities 生态园
// (west) and 后瓦 (east), each with a grid in its west half. The world's
// appeals and facilities lie in 生态园's grid; objects the factories add
// lie far east (112.x), so that they change no area an appeal lies in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from './server.mjs';
import { binhe, boxFeature, ring } from './areas_geojson.mjs';

const DISTRICT = binhe(boxFeature('grid', '后瓦第一网格', 'BH-HW-1', 'BH-HW', [111.12, 37.50, 111.13, 37.52]));
// In 生态园 and its first grid.
export const HERE = { lat: 37.51, lon: 111.105 };

// A 1×1 PNG the photo sniffer accepts.
function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.from('CRC!')]);
}
export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  pngChunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')),
  pngChunk('IDAT', Buffer.from('789c6360000002000001', 'hex')),
  pngChunk('IEND', Buffer.alloc(0)),
]);

// Every caller of the matrix but the anonymous one: its role, and the
// organisations (keys of world.org) it belongs to.
export const CALLERS = [
  { name: 'resident', role: 'resident' }, // reports the world's appeals
  { name: 'resident2', role: 'resident' }, // reported none of them
  { name: 'worker', role: 'worker' }, // a district worker (no area): dispatches every appeal, works none sent to an area
  { name: 'workerBh', role: 'worker', orgs: ['bh'] }, // the appeals' subdistrict
  { name: 'workerSty', role: 'worker', orgs: ['sty'] }, // the appeals' community
  { name: 'workerStyGrid', role: 'worker', orgs: ['styGrid'] }, // the appeals' grid
  { name: 'workerHw', role: 'worker', orgs: ['hw'] }, // another community
  { name: 'workerHwGrid', role: 'worker', orgs: ['hwGrid'] }, // a grid of another community
  { name: 'volunteer', role: 'volunteer' },
  { name: 'keeper', role: 'keeper', orgs: ['keepA'] }, // keeps the world's facilities
  { name: 'keeperB', role: 'keeper', orgs: ['keepB'] }, // keeps none of them
  { name: 'department', role: 'department', orgs: ['deptA'] }, // the appeals' department
  { name: 'departmentB', role: 'department', orgs: ['deptB'] }, // another department
  { name: 'publisher', role: 'department', orgs: ['pub'] }, // a job publisher's staff (区人社局, in job_publishers)
  { name: 'admin', role: 'admin' },
];

const ADMIN = { username: 'admin', password: 'admin-Pass-2026', role: 'admin' };
const AT_NOW = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3600 * 1000;

// The value `probe` answers once it answers one (not null), checked every
// 20 ms for at most `ms`.
async function waitFor(what, probe, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startWorld() {
  const srv = await startServer({ users: [ADMIN], args: ['--sms-codes-per-network-per-hour', '100000'] });
  try {
    return await build(srv);
  } catch (e) {
    await srv.stop();
    srv.cleanup();
    throw e;
  }
}

async function build(srv) {
  const w = { srv, org: {}, area: {}, callers: {}, seq: 0 };
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const api = async (method, path, json, want, session = admin) => {
    const r = await srv.fetch(path, { method, token: session.token, json });
    assert.equal(r.status, want, `${method} ${path}: ${r.text}`);
    return r.body;
  };
  w.api = api;
  w.next = () => ++w.seq;

  const imported = await api('POST', '/api/v1/areas/import', DISTRICT, 200);
  for (const a of imported.items) w.area[a.code] = a.id;
  const org = (kind, name, area_id) => api('POST', '/api/v1/organisations', { kind, name, area_id }, 201);
  w.org.bh = (await org('subdistrict', '滨河街道', w.area.BH)).id;
  w.org.sty = (await org('community', '生态园社区', w.area['BH-STY'])).id;
  w.org.styGrid = (await org('grid', '生态园第一网格', w.area['BH-STY-1'])).id;
  w.org.hw = (await org('community', '后瓦社区', w.area['BH-HW'])).id;
  w.org.hwGrid = (await org('grid', '后瓦第一网格', w.area['BH-HW-1'])).id;
  w.org.keepA = (await org('keeper', '区税务局')).id;
  w.org.keepB = (await org('keeper', '区图书馆')).id;
  w.org.deptA = (await org('department', '区住建局')).id;
  w.org.deptB = (await org('department', '区城管局')).id;
  w.org.pub = (await org('department', '区人社局')).id;
  // 区人社局 publishes job posts (as an admin's PUT /api/v1/job-publishers/{id} does).
  srv.sql(`INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES (${w.org.pub}, 0, 1);`, { readonly: false });

  // A user made through the API as an operator does, signed in: the
  // login() answer plus the password and organisation ids.
  w.user = async (role, orgKeys = []) => {
    const username = `${role}_${w.next()}`;
    const password = `${username}-Pass-2026`;
    const organisation_ids = orgKeys.map((k) => w.org[k]);
    await api('POST', '/api/v1/users', { username, display_name: username, role, password, organisation_ids }, 201);
    return { ...(await srv.login(username, password)), username, password, role, orgKeys };
  };
  for (const c of CALLERS) {
    w.callers[c.name] = c.name === 'admin'
      ? { ...admin, ...ADMIN, orgKeys: [] }
      : { ...(await w.user(c.role, c.orgs)), name: c.name };
    w.callers[c.name].name = c.name;
  }
  // The same kind of caller, fresh: for the routes that change or end the
  // caller's own account or session.
  w.like = (caller) => w.user(caller.role, caller.orgKeys);
  // A second session of the caller's own account.
  w.relogin = async (caller) => ({ ...caller, ...(await srv.login(caller.username, caller.password)) });

  // Category roads goes to 区住建局 (whose user makes it reachable).
  w.category = async (code = `cat${w.next()}`) => {
    await api('POST', '/api/v1/appeal-categories', {
      code, name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: w.org.deptA,
      response_hours: 24, resolution_days: 5,
    }, 201);
    return code;
  };
  await w.category('roads');

  // An appeal the resident reports in 生态园's grid; 'dispatched': accepted
  // and dispatched to 区住建局 by an admin. Answers the submission receipt.
  w.appeal = async (state = 'submitted') => {
    const receipt = await api('POST', '/api/v1/appeals', {
      category: 'roads', description: `路面坑洼 ${w.next()}`, ...HERE,
      contact: { name: '王阿姨', phone: '13812345678' },
    }, 201, w.callers.resident);
    if (state === 'dispatched') {
      await api('POST', `/api/v1/appeals/${receipt.id}/steps`, { step: 'accept' }, 200);
      const d = await api('POST', `/api/v1/appeals/${receipt.id}/steps`, { step: 'dispatch' }, 200);
      assert.equal(d.assigned_org_id, w.org.deptA);
    }
    return receipt;
  };
  w.appealOne = await w.appeal('dispatched');
  const photo = await srv.fetch(`/api/v1/appeals/${w.appealOne.id}/photos`, {
    method: 'POST', body: PNG, headers: { 'content-type': 'image/png', 'x-photo-token': w.appealOne.photo_token },
  });
  assert.equal(photo.status, 201, photo.text);
  // Its clock ran out an hour ago (moved in the database with the engine's
  // shell, as tests/browser/appeals_overdue.test.mjs does), so that the
  // supervision list has it to show or to keep from a caller.
  const now = Math.floor(Date.now() / 1000);
  srv.sql(`UPDATE appeals SET clock_start = ${now - 86400}, nearly_at = ${now - 7200}, ` +
    `due_at = ${now - 3600} WHERE id = ${w.appealOne.id};`, { readonly: false });
  const overdue = await api('GET', '/api/v1/appeals/supervision', undefined, 200);
  assert.deepEqual(overdue.items.map((a) => [a.id, a.urgency]), [[w.appealOne.id, 'overdue']]);

  // Facilities kept by 区税务局.
  w.facility = async (kind, extra = {}) => (await api('POST', '/api/v1/facilities', {
    kind, name: `${kind} ${w.next()}`, address: '滨河北路 8 号', ...HERE, keeper_org_id: w.org.keepA, ...extra,
  }, 201)).id;
  w.lot = await w.facility('parking', { amenities: { capacity: 60 } });
  w.love = await w.facility('love_station');
  w.liaison = await w.facility('liaison_station');
  // The same kinds kept by 区图书馆, for objects named through the wrong facility.
  w.lotB = await w.facility('parking', { amenities: { capacity: 30 }, keeper_org_id: w.org.keepB });
  w.loveB = await w.facility('love_station', { keeper_org_id: w.org.keepB });
  w.gateToken = async (lot = w.lot) => api('POST', `/api/v1/facilities/${lot}/gate-tokens`, { label: `道闸 ${w.next()}` }, 201);
  w.gate = (await w.gateToken()).token;
  w.notice = async (station = w.love) => (await api('POST', `/api/v1/facilities/${station}/notices`, {
    text: '今日免费绿豆汤', valid_from: AT_NOW(Date.now() - HOUR), valid_until: AT_NOW(Date.now() + 24 * HOUR),
  }, 201)).id;

  // Far east of the district: no appeal's area changes.
  w.areaBox = () => {
    const x = 112 + w.next() / 1000;
    return { type: 'Polygon', coordinates: [ring(x, 38.0, x + 0.0005, 38.0005)] };
  };
  w.newArea = async () => (await api('POST', '/api/v1/areas', {
    level: 'subdistrict', name: `莲花池 ${w.next()}`, code: `LHC-${w.seq}`, boundary: w.areaBox(),
  }, 201)).id;
  w.newOrg = async () => (await org('community', `测试社区 ${w.next()}`)).id;
  w.o311Key = async () => api('POST', '/api/v1/open311/keys', { name: `客户端 ${w.next()}` }, 201);
  w.o311 = (await w.o311Key()).key;
  w.o311Batch = (await api('POST', '/api/v1/open311/keys', { name: 'batch client', batch: true }, 201)).key;
  // A batch client's request answers a token that later names the appeal.
  const batch = await srv.fetch('/open311/v2/requests.json', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: w.o311Batch, service_code: 'roads', lat: String(HERE.lat), long: String(HERE.lon), description: '夜里施工' }).toString(),
  });
  assert.ok(batch.status < 300, batch.text);
  w.o311Token = batch.body[0].token;
  assert.ok(w.o311Token, batch.text);
  w.feedback = (await api('POST', '/api/v1/feedback', { topic: 'app', message: '很好用' }, 201)).id;

  // A resident's sign-in code, as the log sender writes it.
  w.phone = () => `139${String(10000000 + w.next()).slice(-8)}`;
  w.smsCode = async (phone) => {
    const asked = await srv.fetch('/api/v1/auth/phone/code', { method: 'POST', json: { phone } });
    assert.equal(asked.status, 202, asked.text);
    return waitFor(`a sign-in code for ${phone} in the log`, () => {
      const lines = readFileSync(srv.logPath, 'utf8').split('\n').filter((l) => l.includes(`sms (log sender) to ${phone}:`));
      const m = lines.length ? /验证码是 (\d{6})/.exec(lines[lines.length - 1]) : null;
      return m ? m[1] : null;
    });
  };
  return w;
}
