// Areas: GeoJSON import, the point lookup, admin CRUD, and their bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { waitFor } from './lib/wait.mjs';

// A closed rectangle ring, lon/lat order as GeoJSON wants.
const ring = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const rect = (x0, y0, x1, y1) => ({ type: 'Polygon', coordinates: [ring(x0, y0, x1, y1)] });
const feature = (level, name, code, parent_code, geometry) => ({
  type: 'Feature', properties: { level, name, code, ...(parent_code ? { parent_code } : {}) }, geometry,
});

// Around Lishi's urban area (37.52 N, 111.14 E): 滨河 west of 111.14, 凤山 east of it.
const district = {
  type: 'FeatureCollection',
  features: [
    feature('subdistrict', '滨河', 'BH', null, rect(111.10, 37.50, 111.14, 37.54)),
    feature('subdistrict', '凤山', 'FS', null, rect(111.14, 37.50, 111.18, 37.54)),
    feature('community', '生态园', 'BH-STY', 'BH', {
      type: 'Polygon',
      coordinates: [ring(111.10, 37.50, 111.12, 37.52), ring(111.105, 37.505, 111.11, 37.51)],
    }),
    feature('community', '高家沟', 'FS-GJG', 'FS', {
      type: 'MultiPolygon',
      coordinates: [[ring(111.15, 37.51, 111.16, 37.52)], [ring(111.17, 37.53, 111.18, 37.54)]],
    }),
    feature('grid', '生态园第一网格', 'BH-STY-1', 'BH-STY', rect(111.11, 37.51, 111.12, 37.52)),
  ],
};

let srv;
let admin;
let resident;
const ids = {};
before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const res = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: district });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.imported, 5);
  assert.deepEqual(res.body.skipped, []);
  for (const a of res.body.items) ids[a.code] = a.id;
});
after(async () => { await srv.stop(); srv.cleanup(); });

const locate = async (lat, lon, extra = '') => {
  const res = await srv.fetch(`/api/v1/areas/locate?lat=${lat}&lon=${lon}${extra}`);
  assert.equal(res.status, 200, res.text);
  const name = (r) => (r ? r.name : null);
  return [name(res.body.subdistrict), name(res.body.community), name(res.body.grid)];
};

test('locate: innermost levels with their parents, holes, MultiPolygons, outside', async () => {
  assert.deepEqual(await locate(37.515, 111.115), ['滨河', '生态园', '生态园第一网格']);
  assert.deepEqual(await locate(37.502, 111.102), ['滨河', '生态园', null]);
  assert.deepEqual(await locate(37.5075, 111.1075), ['滨河', null, null]); // in the hole
  assert.deepEqual(await locate(37.535, 111.175), ['凤山', '高家沟', null]); // second part
  assert.deepEqual(await locate(37.515, 111.155), ['凤山', '高家沟', null]);
  assert.deepEqual(await locate(37.60, 111.14), [null, null, null]);
  const one = await srv.fetch('/api/v1/areas/locate?lat=37.515&lon=111.115');
  assert.deepEqual(one.body.grid, { id: ids['BH-STY-1'], name: '生态园第一网格' });
});

test('locate: coord=gcj02 converts from the datum Chinese map SDKs use', async () => {
  // WGS-84 37.5195 N 111.1195 E (inside the grid) is this point in GCJ-02.
  assert.deepEqual(await locate(37.5203084, 111.1258785, '&coord=gcj02'), ['滨河', '生态园', '生态园第一网格']);
  assert.deepEqual(await locate(37.5203084, 111.1258785), ['滨河', null, null]);
});

test('locate: missing, non-numeric or out-of-range coordinates are 422 naming the parameter', async () => {
  const cases = [
    ['lon=111.1', ['lat']],
    ['lat=abc&lon=111.1', ['lat']],
    ['lat=37.5&lon=181', ['lon']],
    ['lat=-91&lon=nan', ['lat', 'lon']],
    ['lat=37.5&lon=111.1&coord=bd09', ['coord']],
  ];
  for (const [query, fields] of cases) {
    const res = await srv.fetch(`/api/v1/areas/locate?${query}`);
    assert.equal(res.status, 422, query);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(res.body.errors.map((e) => e.field), fields, query);
  }
});

test('reads need a session; writes need an admin', async () => {
  assert.equal((await srv.fetch('/api/v1/areas')).status, 401);
  assert.equal((await srv.fetch(`/api/v1/areas/${ids.BH}`)).status, 401);
  assert.equal((await srv.fetch('/api/v1/areas/import', { method: 'POST', json: district })).status, 401);
  const list = await srv.fetch('/api/v1/areas?level=subdistrict', { token: resident.token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((a) => a.name).sort(), ['凤山', '滨河']);
  const create = { level: 'subdistrict', name: '莲花池', boundary: rect(111.2, 37.5, 111.3, 37.6) };
  assert.equal((await srv.fetch('/api/v1/areas', { method: 'POST', token: resident.token, json: create })).status, 403);
  assert.equal((await srv.fetch(`/api/v1/areas/${ids.BH}`, { method: 'PATCH', token: resident.token, json: { name: 'x' } })).status, 403);
  assert.equal((await srv.fetch(`/api/v1/areas/${ids.BH}`, { method: 'DELETE', token: resident.token })).status, 403);
  assert.equal((await srv.fetch('/api/v1/areas/import', { method: 'POST', token: resident.token, json: district })).status, 403);
});

test('CRUD: create, read with boundary, list by parent page by page, rename, delete; 409 with children', async () => {
  const made = await srv.fetch('/api/v1/areas', {
    method: 'POST', token: admin.token,
    json: { level: 'grid', name: '高家沟第一网格', code: 'FS-GJG-1', parent_id: ids['FS-GJG'], boundary: rect(111.15, 37.51, 111.155, 37.515) },
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.headers.get('location'), `/api/v1/areas/${made.body.id}`);
  const one = await srv.fetch(`/api/v1/areas/${made.body.id}`, { token: resident.token });
  assert.equal(one.status, 200);
  assert.equal(one.body.boundary.type, 'Polygon');
  assert.equal(one.body.parent_id, ids['FS-GJG']);
  assert.match(one.body.created_at, /\+08:00$/);
  assert.deepEqual(await locate(37.512, 111.152), ['凤山', '高家沟', '高家沟第一网格']);

  const grids = await srv.fetch(`/api/v1/areas?level=grid&limit=1`, { token: admin.token });
  assert.equal(grids.body.items.length, 1);
  assert.equal(grids.body.items[0].boundary, undefined);
  const next = await srv.fetch(`/api/v1/areas?level=grid&limit=1&cursor=${encodeURIComponent(grids.body.next_cursor)}`, { token: admin.token });
  assert.equal(next.body.items[0].code, 'BH-STY-1');
  const children = await srv.fetch(`/api/v1/areas?parent_id=${ids['FS-GJG']}`, { token: admin.token });
  assert.deepEqual(children.body.items.map((a) => a.code), ['FS-GJG-1']);
  assert.equal(children.body.next_cursor, null);

  const renamed = await srv.fetch(`/api/v1/areas/${made.body.id}`, { method: 'PATCH', token: admin.token, json: { name: '一网格' } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual(await locate(37.512, 111.152), ['凤山', '高家沟', '一网格']);

  const busy = await srv.fetch(`/api/v1/areas/${ids['FS-GJG']}`, { method: 'DELETE', token: admin.token });
  assert.equal(busy.status, 409);
  const gone = await srv.fetch(`/api/v1/areas/${made.body.id}`, { method: 'DELETE', token: admin.token });
  assert.equal(gone.status, 204);
  assert.equal((await srv.fetch(`/api/v1/areas/${made.body.id}`, { token: admin.token })).status, 404);
  assert.deepEqual(await locate(37.512, 111.152), ['凤山', '高家沟', null]);

  const audit = await srv.fetch('/api/v1/audit?action=area.delete', { token: admin.token });
  assert.equal(audit.body.items.length, 1);
});

test('bad input: Point boundary 422, wrong parent 422, duplicate code 409, malformed JSON 400, unknown id 404', async () => {
  const point = await srv.fetch('/api/v1/areas', {
    method: 'POST', token: admin.token,
    json: { level: 'subdistrict', name: '交口', boundary: { type: 'Point', coordinates: [111.14, 37.52] } },
  });
  assert.equal(point.status, 422);
  assert.deepEqual(point.body.errors, [{ field: 'boundary', message: 'boundary must be a Polygon or MultiPolygon' }]);
  const parent = await srv.fetch('/api/v1/areas', {
    method: 'POST', token: admin.token,
    json: { level: 'grid', name: '网格', parent_id: ids.BH, boundary: rect(111.1, 37.5, 111.11, 37.51) },
  });
  assert.equal(parent.status, 422);
  assert.equal(parent.body.errors[0].field, 'parent_id');
  const dup = await srv.fetch(`/api/v1/areas/${ids.FS}`, { method: 'PATCH', token: admin.token, json: { code: 'BH' } });
  assert.equal(dup.status, 409);
  const fields = await srv.fetch('/api/v1/areas', { method: 'POST', token: admin.token, json: { level: 'town', colour: 'red' } });
  assert.equal(fields.status, 422);
  assert.deepEqual(fields.body.errors.map((e) => e.field).sort(), ['boundary', 'colour', 'level', 'name']);
  for (const path of ['/api/v1/areas', '/api/v1/areas/import']) {
    const bad = await srv.fetch(path, { method: 'POST', token: admin.token, headers: { 'content-type': 'application/json' }, body: '{"type": "Feature' });
    assert.equal(bad.status, 400, path);
  }
  assert.equal((await srv.fetch('/api/v1/areas/999999', { token: admin.token })).status, 404);
  assert.equal((await srv.fetch('/api/v1/areas/999999', { method: 'PATCH', token: admin.token, json: { name: 'x' } })).status, 404);
  assert.equal((await srv.fetch('/api/v1/areas?level=town&parent_id=-1', { token: admin.token })).status, 422);
});

test('import with broken features: 422 listing every error and nothing imported, unless skip_invalid', async () => {
  const file = {
    type: 'FeatureCollection',
    features: [
      feature('subdistrict', '莲花池', 'LHC', null, rect(111.18, 37.50, 111.22, 37.54)),
      feature('community', '后瓦', 'LHC-HW', 'LHC', { type: 'LineString', coordinates: [[111.18, 37.5], [111.19, 37.51]] }),
      feature('community', '交通路', 'LHC-JTL', 'NOPE', rect(111.19, 37.50, 111.20, 37.51)),
      feature('community', '昌茂', 'LHC-CM', 'LHC', rect(111.20, 37.50, 111.21, 37.51)),
      feature('grid', '后瓦网格', 'LHC-HW-1', 'LHC-HW', rect(111.18, 37.50, 111.185, 37.505)),
    ],
  };
  const refused = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: file });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.errors.map((e) => e.field), [
    'features[1].geometry', 'features[2].properties.parent_code', 'features[4].properties.parent_code',
  ]);
  assert.equal(refused.body.errors[0].message, 'boundary must be a Polygon or MultiPolygon');
  assert.deepEqual(await locate(37.505, 111.205), [null, null, null]);

  const skipped = await srv.fetch('/api/v1/areas/import?skip_invalid=true', { method: 'POST', token: admin.token, json: file });
  assert.equal(skipped.status, 200, skipped.text);
  assert.equal(skipped.body.imported, 2);
  assert.deepEqual(skipped.body.items.map((a) => a.name), ['莲花池', '昌茂']);
  assert.deepEqual(skipped.body.skipped.map((s) => s.index), [1, 2, 4]);
  assert.deepEqual(await locate(37.505, 111.205), ['莲花池', '昌茂', null]);

  const again = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: { type: 'FeatureCollection', features: [file.features[0]] } });
  assert.equal(again.status, 422);
  assert.match(again.body.errors[0].message, /exists already/);
  const notGeoJson = await srv.fetch('/api/v1/areas/import', { method: 'POST', token: admin.token, json: { type: 'Feature' } });
  assert.equal(notGeoJson.status, 422);
});

test('a PATCHed boundary is what the next locate sees', async () => {
  assert.deepEqual(await locate(37.545, 111.125), [null, null, null]);
  const moved = await srv.fetch(`/api/v1/areas/${ids.BH}`, {
    method: 'PATCH', token: admin.token, json: { boundary: rect(111.10, 37.50, 111.14, 37.55) },
  });
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual(moved.body.boundary.coordinates[0][2], [111.14, 37.55]);
  assert.deepEqual(await locate(37.545, 111.125), ['滨河', null, null]);
});

test('a boundary that crosses itself is 422 naming the ring, on create, PATCH and import', async () => {
  const bowTie = { type: 'Polygon', coordinates: [[[111.2, 37.5], [111.21, 37.51], [111.21, 37.5], [111.2, 37.51], [111.2, 37.5]]] };
  const created = await srv.fetch('/api/v1/areas', {
    method: 'POST', token: admin.token, json: { level: 'subdistrict', name: '交口', boundary: bowTie },
  });
  assert.equal(created.status, 422);
  assert.deepEqual(created.body.errors, [{ field: 'boundary', message: 'coordinates[0] crosses itself' }]);
  const patched = await srv.fetch(`/api/v1/areas/${ids.FS}`, { method: 'PATCH', token: admin.token, json: { boundary: bowTie } });
  assert.equal(patched.status, 422);
  const imported = await srv.fetch('/api/v1/areas/import', {
    method: 'POST', token: admin.token,
    json: { type: 'FeatureCollection', features: [feature('subdistrict', '交口', 'JK', null, bowTie)] },
  });
  assert.equal(imported.status, 422);
  assert.equal(imported.body.errors[0].field, 'features[0].geometry');
});

test('PATCH parent_id moves a community and its grids to another sub-district', async () => {
  assert.deepEqual(await locate(37.515, 111.115), ['滨河', '生态园', '生态园第一网格']);
  const wrong = await srv.fetch(`/api/v1/areas/${ids['BH-STY']}`, { method: 'PATCH', token: admin.token, json: { parent_id: ids['BH-STY-1'] } });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.errors[0].field, 'parent_id');
  const typed = await srv.fetch(`/api/v1/areas/${ids['BH-STY']}`, { method: 'PATCH', token: admin.token, json: { parent_id: 'FS' } });
  assert.equal(typed.status, 422);
  const denied = await srv.fetch(`/api/v1/areas/${ids['BH-STY']}`, { method: 'PATCH', token: resident.token, json: { parent_id: ids.FS } });
  assert.equal(denied.status, 403);
  // A facility in the grid keeps the areas it lies in: they follow the move.
  const toilet = await srv.fetch('/api/v1/facilities', {
    method: 'POST', token: admin.token,
    json: { kind: 'toilet', name: '生态园公厕', address: '生态园 1 号', lat: 37.515, lon: 111.115 },
  });
  assert.equal(toilet.status, 201, toilet.text);
  assert.deepEqual([toilet.body.subdistrict_id, toilet.body.community_id, toilet.body.grid_id],
    [ids.BH, ids['BH-STY'], ids['BH-STY-1']]);
  const moved = await srv.fetch(`/api/v1/areas/${ids['BH-STY']}`, { method: 'PATCH', token: admin.token, json: { parent_id: ids.FS } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.parent_id, ids.FS);
  assert.deepEqual(await locate(37.515, 111.115), ['凤山', '生态园', '生态园第一网格']);
  const storedAreas = async () => {
    const r = await srv.fetch(`/api/v1/facilities/${toilet.body.id}`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    return [r.body.subdistrict_id, r.body.community_id, r.body.grid_id];
  };
  const until = async (want) => {  // the facilities are re-derived just after the commit
    await waitFor(async () => JSON.stringify(await storedAreas()) === JSON.stringify(want),
      { what: `the facility's areas to become ${JSON.stringify(want)}` });
  };
  await until([ids.FS, ids['BH-STY'], ids['BH-STY-1']]);
  const back = await srv.fetch(`/api/v1/areas/${ids['BH-STY']}`, { method: 'PATCH', token: admin.token, json: { parent_id: ids.BH } });
  assert.equal(back.status, 200);
  await until([ids.BH, ids['BH-STY'], ids['BH-STY-1']]);
  const gone = await srv.fetch(`/api/v1/facilities/${toilet.body.id}`, { method: 'PATCH', token: admin.token, json: { status: 'suspended', suspended_reason: '测试完毕' } });
  assert.equal(gone.status, 200, gone.text);
});
