// The role matrix's rows for the dashboard's errand and visit counts (joined
// into ROUTES by matrix_routes.mjs): numbers only, for admins and workers
// (every other role 403, from the routes' declared roles). Each worker counts
// the elders her elder list shows: the world's errand is for an elder of
// 生态园's first grid (HERE), so the admin, the district's, 滨河's, 生态园's and
// its grid's workers count it in 生态园's row; 后瓦's workers have no such row.
import { HERE } from './matrix_world.mjs';

const SEERS = ['admin', 'worker', 'workerBh', 'workerSty', 'workerStyGrid'];

// One elder of 生态园's first grid with one errand (made once per world).
const errandOnce = async (w) => {
  if (!w.countedErrand) {
    const elder = (await w.api('POST', '/api/v1/elders', {
      name: `钱桂芳${w.next()}`, phones: ['13812345670'], address: '交通路 16 号', ...HERE,
      birth_date: '1939-09-09', consent: { basis: 'consent' },
    }, 201)).id;
    w.countedErrand = (await w.api('POST', `/api/v1/elders/${elder}/errands`, { kind: 'task', text: '取证明' }, 201)).id;
  }
  return w.countedErrand;
};

// 生态园's row when the caller should see it, and none otherwise.
const stysRow = (key) => (w, caller, items) => {
  const sty = items.find((r) => r.community_id === w.area['BH-STY']);
  const should = SEERS.includes(caller.name);
  if (should && !(sty?.[key] >= 1)) return `the counts leave out 生态园's ${key}`;
  if (!should && sty) return 'a worker of other areas counts 生态园';
  return null;
};

export const CARE_COUNT_ROUTES = {
  'GET /api/v1/errands/counts': {
    prep: async (w) => { await errandOnce(w); return { path: '/api/v1/errands/counts' }; },
    ok: 200,
    check: stysRow('total'),
  },
  'GET /api/v1/visits/counts': {
    prep: async (w) => { await errandOnce(w); return { path: '/api/v1/visits/counts' }; },
    ok: 200,
    check: stysRow('elders'),
  },
};
