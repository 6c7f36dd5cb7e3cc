// The elder-care tests' world: the district 滨河 of areas_geojson.mjs (生态园
// with its first grid in the west half, 后瓦 east of it), an organisation
// for the sub-district, 生态园, its grid and 后瓦, and a signed-in caller for
// each kind of staff the elder routes tell apart; plus a whole elder's body.
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './server.mjs';
import { binhe } from './areas_geojson.mjs';

// In 生态园's first grid; east of it 生态园 has no grid; beyond 111.14 no area.
export const IN_GRID = { lat: 37.51, lon: 111.105 };
export const NO_GRID = { lat: 37.51, lon: 111.115 };
export const NOWHERE = { lat: 37.51, lon: 111.2 };

// A whole record, with `extra` fields over it.
export const elderBody = (extra = {}) => ({
  name: '张桂兰',
  phones: ['13812345678', '0358-8221234'],
  address: '交通路 12 号 3 单元 101',
  ...IN_GRID,
  birth_date: '1941-03-08',
  categories: ['living_alone', 'disabled'],
  risk_tier: 'high',
  emergency_contacts: [{ name: '王建国', relation: '儿子', phone: '13900001111' }],
  consent: { basis: 'consent', note: '本人口头同意，社区办公室' },
  ...extra,
});

export async function startEldercareWorld(options = {}) {
  const { srv, admin, resident } = await startWithAdminAndResident(options);
  const api = async (method, path, json, want, who = admin) => {
    const r = await srv.fetch(path, { method, token: who.token, json });
    assert.equal(r.status, want, `${method} ${path}: ${r.text}`);
    return r.body;
  };
  const imported = await api('POST', '/api/v1/areas/import', binhe(), 200);
  const area = {};
  for (const a of imported.items) area[a.code] = a.id;
  const org = async (kind, name, code) => (await api('POST', '/api/v1/organisations', { kind, name, area_id: area[code] }, 201)).id;
  const orgs = {
    bh: await org('subdistrict', '滨河街道', 'BH'),
    sty: await org('community', '生态园社区', 'BH-STY'),
    styGrid: await org('grid', '生态园第一网格', 'BH-STY-1'),
    hw: await org('community', '后瓦社区', 'BH-HW'),
    dept: (await api('POST', '/api/v1/organisations', { kind: 'department', name: '区民政局' }, 201)).id,
    keep: (await api('POST', '/api/v1/organisations', { kind: 'keeper', name: '区图书馆' }, 201)).id,
  };
  const user = (name, role, orgIds = []) => srv.createUser(admin, name, role, orgIds);
  const callers = {
    admin,
    resident,
    workerGrid: await user('liangjunlian', 'worker', [orgs.styGrid]),
    workerSty: await user('styworker', 'worker', [orgs.sty]),
    workerBh: await user('bhworker', 'worker', [orgs.bh]),
    workerHw: await user('hwworker', 'worker', [orgs.hw]),
    workerDistrict: await user('districtworker', 'worker'),
    volunteer: await user('zhiyuanzhe', 'volunteer'),
    keeper: await user('keeper1', 'keeper', [orgs.keep]),
    department: await user('minzheng', 'department', [orgs.dept]),
  };
  const createElder = (extra = {}, who = callers.workerGrid) => api('POST', '/api/v1/elders', elderBody(extra), 201, who);
  return { srv, admin, resident, area, orgs, callers, api, createElder };
}
