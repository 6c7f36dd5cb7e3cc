// The role matrix's rows for raising an errand or an appeal from a visit
// (joined into ROUTES by matrix_routes.mjs). As recording a visit: admins and
// the workers of 生态园's first grid and of 生态园 raise; the workers of 滨河
// and of the district see her masked and raise nothing; the workers of 后瓦
// and of its grid, and the volunteer (on no team of hers), get 403.
import { HERE } from './matrix_world.mjs';

const NOT_RECORDERS = { worker: 403, workerBh: 403, volunteer: 403, workerHw: 403, workerHwGrid: 403 };

// A fresh elder with one visit by the admin: the visit's raise path.
const visitPath = async (w) => {
  const elder = (await w.api('POST', '/api/v1/elders', {
    name: `郑玉兰${w.next()}`, phones: ['13812345678'], address: '交通路 12 号', ...HERE,
    birth_date: '1941-03-08', categories: ['living_alone'], risk_tier: 'high', consent: { basis: 'consent' },
  }, 201)).id;
  const v = await w.api('POST', `/api/v1/elders/${elder}/visits`, { how: 'home', outcome: 'concern', findings: '楼道灯坏了' }, 201);
  return `/api/v1/visits/${v.id}/raise`;
};

export const VISIT_RAISE_ROUTES = {
  'POST /api/v1/visits/{id}/raise': [
    {
      name: 'an errand',
      prep: async (w) => ({ path: await visitPath(w), json: { errand: { kind: 'task', text: '代缴电费' } } }),
      ok: 201,
      expect: NOT_RECORDERS,
    },
    {
      name: 'an appeal',
      prep: async (w) => ({ path: await visitPath(w), json: { appeal: { category: 'roads', description: '楼道灯坏了', lat: HERE.lat, lon: HERE.lon } } }),
      ok: 201,
      expect: NOT_RECORDERS,
    },
  ],
};
