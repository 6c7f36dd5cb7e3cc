// Open311 GeoReport v2 over real HTTP, in JSON and XML (the XML checked by a
// real parser, fast-xml-parser): discovery, services, service definitions,
// POST requests with admin-issued API keys (realtime and batch), GET
// requests with every filter and the paging extension, GET requests/{id},
// GET tokens/{token}; errors as the spec's arrays with 400 / 403 / 404,
// also for paths no route serves; no personal data in GET answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startWithAdminAndResident } from './lib/server.mjs';

const BASE = '/open311/v2';
const PHONE = '13912345678';
let srv;
let admin;
let resident;
let key;       // realtime
let batchKey;  // answers with tokens

// Lists that may hold one element must still parse as arrays.
const LISTS = new Set(['service', 'attribute', 'value', 'request', 'error', 'endpoint', 'format']);
const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => LISTS.has(name),
});

async function xml(path, opts) {
  const r = await srv.fetch(path, opts);
  assert.match(r.headers.get('content-type'), /^text\/xml; charset=utf-8$/, `${path}: ${r.text}`);
  assert.ok(r.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), r.text);
  assert.equal(XMLValidator.validate(r.text), true, r.text);
  return { ...r, doc: parser.parse(r.text) };
}

async function json(path, opts) {
  const r = await srv.fetch(path, opts);
  assert.match(r.headers.get('content-type'), /^application\/json; charset=utf-8$/, `${path}: ${r.text}`);
  return r;
}

const form = (fields) => new URLSearchParams(fields).toString();
const post = (format, fields, headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }) =>
  srv.fetch(`${BASE}/requests.${format}`, { method: 'POST', headers, body: typeof fields === 'string' ? fields : form(fields) });

function jsonError(r, status, pattern) {
  assert.equal(r.status, status, r.text);
  assert.ok(Array.isArray(r.body), r.text);
  assert.equal(r.body[0].code, status);
  if (pattern) assert.match(r.body.map((e) => e.description).join(' | '), pattern);
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const org = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区消防救援大队' } });
  assert.equal(org.status, 201, org.text);
  await srv.createUser(admin, 'xiaofang', 'department', [org.body.id]); // a category's department has somebody to act
  for (const c of [
    { code: 'fire_lane', name_zh: '消防通道堵塞', name_en: 'Blocked fire lane', group: '消防安全', department_org_id: org.body.id,
      response_hours: 2, resolution_days: 1,
      attributes: [
        { code: 'blocked_by', datatype: 'singlevaluelist', required: true, order: 1, description: '被什么堵住?',
          values: [{ key: 'car', name: '车辆' }, { key: 'goods', name: '杂物 & <箱子>' }] },
        { code: 'kinds', datatype: 'multivaluelist', required: false, order: 2, description: '涉及哪些',
          values: [{ key: 'car', name: '车' }, { key: 'bike', name: '电动车' }] },
      ] },
    { code: 'noise', name_zh: '噪声扰民', name_en: 'Noise', group: '环境', response_hours: 24, resolution_days: 5, attributes: [] },
  ]) {
    const r = await srv.fetch('/api/v1/appeal-categories', { method: 'POST', token: admin.token, json: c });
    assert.equal(r.status, 201, r.text);
  }
  const k = await srv.fetch('/api/v1/open311/keys', { method: 'POST', token: admin.token, json: { name: '市 12345 平台' } });
  assert.equal(k.status, 201, k.text);
  key = k.body.key;
  const b = await srv.fetch('/api/v1/open311/keys', { method: 'POST', token: admin.token, json: { name: 'batch client', batch: true } });
  batchKey = b.body.key;
});
after(async () => { await srv.stop(); srv.cleanup(); });

const fireLane = (extra = {}) => ({
  api_key: key, service_code: 'fire_lane', lat: '37.521234', long: '111.141234',
  description: '小区消防通道被车堵了 <紧急> & 请处理', 'attribute[blocked_by]': 'car',
  first_name: '小明', last_name: '王', phone: PHONE, email: 'wang@example.cn', ...extra,
});

test('API keys: admins issue (shown once), list and revoke; others may not', async () => {
  assert.match(key, /^o311_[A-Za-z0-9_-]{43}$/);
  const list = await srv.fetch('/api/v1/open311/keys', { token: admin.token });
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 2);
  assert.ok(!list.text.includes(key), 'the key itself is never listed');
  assert.equal(list.body.items[1].key_prefix, key.slice(0, 9));
  assert.equal((await srv.fetch('/api/v1/open311/keys', { token: resident.token })).status, 403);
  assert.equal((await srv.fetch('/api/v1/open311/keys', { method: 'POST', token: resident.token, json: { name: 'x' } })).status, 403);

  const spare = await srv.fetch('/api/v1/open311/keys', { method: 'POST', token: admin.token, json: { name: 'spare' } });
  const revoked = await srv.fetch(`/api/v1/open311/keys/${spare.body.id}`, { method: 'DELETE', token: admin.token });
  assert.equal(revoked.status, 200, revoked.text);
  assert.ok(revoked.body.revoked_at);
  jsonError(await post('json', fireLane({ api_key: spare.body.key })), 403, /api_key/);
  assert.equal((await srv.fetch('/api/v1/open311/keys/99999', { method: 'DELETE', token: admin.token })).status, 404);
});

test('discovery in JSON and XML', async () => {
  const j = await json(`${BASE}/discovery.json`);
  assert.equal(j.status, 200);
  assert.equal(j.body.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.equal(j.body.endpoints[0].url, `${srv.url}${BASE}`);
  assert.deepEqual(j.body.endpoints[0].formats, ['text/xml', 'application/json']);
  assert.match(j.body.changeset, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  const x = await xml(`${BASE}/discovery.xml`);
  assert.equal(x.doc.discovery.endpoints.endpoint[0].type, 'production');
  assert.deepEqual(x.doc.discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
  assert.ok(x.doc.discovery.key_service);
});

test('service list and definitions, JSON and XML alike', async () => {
  const j = await json(`${BASE}/services.json`);
  assert.equal(j.status, 200);
  const fire = j.body.find((s) => s.service_code === 'fire_lane');
  assert.deepEqual(Object.keys(fire), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  assert.equal(fire.service_name, '消防通道堵塞');
  assert.equal(fire.metadata, true);
  assert.equal(fire.type, 'realtime');
  assert.equal(fire.group, '消防安全');
  assert.equal(j.body.find((s) => s.service_code === 'noise').metadata, false);
  const x = await xml(`${BASE}/services.xml`);
  const xfire = x.doc.services.service.find((s) => s.service_code === 'fire_lane');
  assert.equal(xfire.metadata, 'true');
  assert.equal(xfire.service_name, '消防通道堵塞');

  const d = await json(`${BASE}/services/fire_lane.json`);
  assert.equal(d.status, 200);
  assert.equal(d.body.service_code, 'fire_lane');
  const [by, kinds] = d.body.attributes;
  assert.deepEqual(Object.keys(by), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
  assert.equal(by.variable, true);
  assert.equal(by.datatype, 'singlevaluelist');
  assert.equal(by.required, true);
  assert.equal(by.order, 1);
  assert.deepEqual(by.values[1], { key: 'goods', name: '杂物 & <箱子>' });
  assert.equal(kinds.datatype, 'multivaluelist');
  const dx = await xml(`${BASE}/services/fire_lane.xml`);
  const xattr = dx.doc.service_definition.attributes.attribute;
  assert.equal(xattr[0].values.value[1].name, '杂物 & <箱子>');  // escaped and parsed back
  assert.equal(xattr[1].code, 'kinds');

  jsonError(await srv.fetch(`${BASE}/services/nothing.json`), 404, /nothing/);
  const nx = await xml(`${BASE}/services/nothing.xml`);
  assert.equal(nx.status, 404);
  assert.equal(nx.doc.errors.error[0].code, '404');
});

test('POST requests (realtime key) and read it back in both formats without personal data', async () => {
  const r = await json(`${BASE}/requests.json`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fireLane({ 'attribute[kinds][]': 'car', account_id: 'acct-7' })) + '&attribute%5Bkinds%5D%5B%5D=bike',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.length, 1);
  const id = r.body[0].service_request_id;
  assert.match(id, /^[2-9A-HJKMNP-TW-Z]{8}$/);
  assert.equal(r.body[0].token, undefined);
  assert.equal(r.body[0].account_id, 'acct-7');
  assert.match(r.body[0].service_notice, /2 小时内响应/);

  const one = await json(`${BASE}/requests/${id}.json`);
  assert.equal(one.status, 200, one.text);
  const req = one.body[0];
  assert.equal(req.service_request_id, id);
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'fire_lane');
  assert.equal(req.service_name, '消防通道堵塞');
  assert.equal(req.description, '小区消防通道被车堵了 <紧急> & 请处理');
  assert.equal(req.agency_responsible, null);  // not dispatched yet
  assert.match(req.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.match(req.expected_datetime, /\+08:00$/);
  assert.equal(req.lat, 37.5212);  // rounded to about 10 m
  assert.equal(req.long, 111.1412);
  for (const secret of [PHONE, '王小明', '小明', 'wang@example.cn', 'acct-7']) {
    assert.ok(!one.text.includes(secret), `GET shows ${secret}`);
  }
  const x = await xml(`${BASE}/requests/${id}.xml`);
  const xr = x.doc.service_requests.request[0];
  assert.equal(xr.service_request_id, id);
  assert.equal(xr.description, '小区消防通道被车堵了 <紧急> & 请处理');
  assert.equal(xr.zipcode, '');
  assert.ok(!x.text.includes(PHONE));

  // Staff see the appeal with channel open311, the contact and the multivaluelist answer.
  const list = await srv.fetch(`/api/v1/appeals?category=fire_lane`, { token: admin.token });
  const appeal = list.body.items.find((a) => a.tracking_code === id);
  assert.equal(appeal.channel, 'open311');
  assert.deepEqual(appeal.attributes, { blocked_by: 'car', kinds: ['car', 'bike'] });
  // Lower case is read as the same code.
  assert.equal((await json(`${BASE}/requests/${id.toLowerCase()}.json`)).status, 200);
});

test('POST with a batch key answers a token, and GET tokens/{token} resolves it', async () => {
  const r = await xml(`${BASE}/requests.xml`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ api_key: batchKey, service_code: 'noise', address_string: '离石区滨河北路 12 号', description: '夜里施工' }),
  });
  assert.equal(r.status, 200, r.text);
  const created = r.doc.service_requests.request[0];
  assert.equal(created.service_request_id, undefined);
  const token = created.token;
  assert.ok(token);
  const t = await json(`${BASE}/tokens/${token}.json`);
  assert.equal(t.status, 200, t.text);
  assert.equal(t.body[0].token, token);
  assert.match(t.body[0].service_request_id, /^[2-9A-HJKMNP-TW-Z]{8}$/);
  const tx = await xml(`${BASE}/tokens/${token}.xml`);
  assert.equal(tx.doc.service_requests.request[0].service_request_id, t.body[0].service_request_id);
  const one = await json(`${BASE}/requests/${t.body[0].service_request_id}.json`);
  assert.equal(one.body[0].address, '离石区滨河北路 12 号');
  assert.equal(one.body[0].lat, null);
  jsonError(await srv.fetch(`${BASE}/tokens/nope.json`), 404, /token/);
});

test('address_id alone is a location; anonymous without a phone', async () => {
  const r = await post('json', { api_key: key, service_code: 'noise', address_id: 'LS-000123' });
  assert.equal(r.status, 200, r.text);
  const one = await json(`${BASE}/requests/${r.body[0].service_request_id}.json`);
  assert.equal(one.body[0].address_id, 'LS-000123');
  assert.equal(one.body[0].description, '噪声扰民');  // no description: the service name
});

test('GET requests: filters, defaults, paging, JSON and XML', async () => {
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await post('json', fireLane({ description: `第 ${i} 条` }));
    assert.equal(r.status, 200, r.text);
    ids.push(r.body[0].service_request_id);
  }
  const all = await json(`${BASE}/requests.json`);
  assert.equal(all.status, 200);
  assert.ok(all.body.length >= 5);
  for (const req of all.body) {
    assert.ok(!JSON.stringify(req).includes(PHONE));
  }
  const byCode = await json(`${BASE}/requests.json?service_code=noise`);
  assert.ok(byCode.body.length >= 2 && byCode.body.every((r) => r.service_code === 'noise'));
  const two = await json(`${BASE}/requests.json?service_request_id=${ids[0]},${ids[2]},ZZZZZZZZ&status=closed`);
  assert.deepEqual(two.body.map((r) => r.service_request_id).sort(), [ids[0], ids[2]].sort());  // ids override status
  assert.deepEqual((await json(`${BASE}/requests.json?status=closed`)).body, []);
  const open = await json(`${BASE}/requests.json?status=open,closed&service_code=fire_lane,noise`);
  assert.equal(open.body.length, all.body.length);

  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ranged = await json(`${BASE}/requests.json?start_date=${iso(now - 3600e3)}&end_date=${encodeURIComponent(iso(now + 60e3))}`);
  assert.equal(ranged.body.length, all.body.length);
  const past = await json(`${BASE}/requests.json?start_date=2020-01-01T00:00:00%2B08:00&end_date=2020-02-01T00:00:00%2B08:00`);
  assert.deepEqual(past.body, []);

  const p1 = await json(`${BASE}/requests.json?page_size=2&page=1`);
  const p2 = await json(`${BASE}/requests.json?page_size=2&page=2`);
  assert.equal(p1.body.length, 2);
  assert.equal(p2.body.length, 2);
  assert.ok(!p1.body.some((r) => p2.body.find((q) => q.service_request_id === r.service_request_id)));
  assert.deepEqual((await json(`${BASE}/requests.json?page_size=2&page=99`)).body, []);

  const x = await xml(`${BASE}/requests.xml?service_code=fire_lane`);
  assert.equal(x.status, 200);
  assert.ok(x.doc.service_requests.request.length >= 4);
  assert.ok(x.doc.service_requests.request.every((r) => r.service_code === 'fire_lane' && r.status === 'open'));
});

test('bad input: the spec error arrays with 400 / 403 / 404', async () => {
  jsonError(await post('json', fireLane({ service_code: '' })), 400, /service_code/);
  jsonError(await post('json', fireLane({ long: '' })), 400, /long/);
  jsonError(await post('json', { ...fireLane(), lat: '37.5', long: '' }), 400, /lat and long/);
  jsonError(await post('json', fireLane({ lat: 'north' })), 400, /lat: not a number/);
  jsonError(await post('json', fireLane({ lat: '', long: '' })), 400, /location is required/);
  jsonError(await post('json', fireLane({ description: '长'.repeat(4001) })), 400, /description/);
  jsonError(await post('json', fireLane({ 'attribute[blocked_by]': 'boat' })), 400, /attribute\[blocked_by\]/);
  jsonError(await post('json', fireLane({ phone: '12345' })), 400, /phone/);
  jsonError(await post('json', fireLane({ api_key: '' })), 403, /api_key/);
  jsonError(await post('json', fireLane({ api_key: 'o311_not-a-key' })), 403, /api_key/);
  jsonError(await post('json', fireLane({ service_code: 'unicorns' })), 404, /unicorns/);
  jsonError(await post('json', JSON.stringify(fireLane()), { 'content-type': 'application/json' }), 400, /x-www-form-urlencoded/);
  const xbad = await xml(`${BASE}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fireLane({ lat: '', long: '1' })) });
  assert.equal(xbad.status, 400);
  assert.match(xbad.doc.errors.error[0].description, /lat/);

  jsonError(await srv.fetch(`${BASE}/requests.json?status=pending`), 400, /status/);
  jsonError(await srv.fetch(`${BASE}/requests.json?start_date=yesterday`), 400, /start_date/);
  jsonError(await srv.fetch(`${BASE}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`), 400, /90 days/);
  jsonError(await srv.fetch(`${BASE}/requests.json?page_size=5000`), 400, /page_size/);
  jsonError(await srv.fetch(`${BASE}/requests.json?service_code=unicorns`), 400, /unicorns/);
  jsonError(await srv.fetch(`${BASE}/requests/ZZZZZZZZ.json`), 404, /ZZZZZZZZ/);
  const x404 = await xml(`${BASE}/requests/ZZZZZZZZ.xml`);
  assert.equal(x404.status, 404);

  // Paths and methods no route serves answer in the spec's format too.
  jsonError(await srv.fetch(`${BASE}/nothing.json`), 404);
  const xnothing = await xml(`${BASE}/nothing.xml`);
  assert.equal(xnothing.status, 404);
  assert.equal(xnothing.doc.errors.error[0].code, '404');
  const unformatted = await xml(`${BASE}/services`);  // XML: the spec's required format
  assert.equal(unformatted.status, 404);
  const method = await srv.fetch(`${BASE}/services.json`, { method: 'DELETE' });
  jsonError(method, 405);
  assert.equal(method.headers.get('allow'), 'GET');
  await xml(`${BASE}/requests/x.html`);
});

test('API keys: only admins revoke one — resident, worker, department and keeper 403, anonymous 401 — and it keeps working', async () => {
  const made = await srv.fetch('/api/v1/open311/keys', { method: 'POST', token: admin.token, json: { name: 'guarded' } });
  assert.equal(made.status, 201, made.text);
  const org = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'keeper', name: '物业公司' } });
  assert.equal(org.status, 201, org.text);
  const callers = [
    ['resident', resident, 403],
    ['worker', await srv.createUser(admin, 'keys_worker', 'worker'), 403],
    ['department', await srv.createUser(admin, 'keys_dept', 'department'), 403],
    ['keeper', await srv.createUser(admin, 'keys_keeper', 'keeper', [org.body.id]), 403],
    ['anonymous', {}, 401],
  ];
  for (const [name, who, status] of callers) {
    const r = await srv.fetch(`/api/v1/open311/keys/${made.body.id}`, { method: 'DELETE', token: who.token });
    assert.equal(r.status, status, `${name}: ${r.text}`);
    assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
    const list = await srv.fetch('/api/v1/open311/keys', { token: who.token });
    assert.equal(list.status, status, `list as ${name}: ${list.text}`);
  }
  const listed = (await srv.fetch('/api/v1/open311/keys', { token: admin.token })).body.items.find((k) => k.id === made.body.id);
  assert.ok(listed, 'still listed');
  assert.equal(listed.revoked_at, null);
  const used = await post('json', fireLane({ api_key: made.body.key }));
  assert.equal(used.status, 200, used.text);
  assert.match(used.body[0].service_request_id, /^[2-9A-HJKMNP-TW-Z]{8}$/);
});
