// The role matrix's rows for the errand routes (joined into ROUTES by
// matrix_routes.mjs). The errands are run for an elder of 生态园's first
// grid (HERE) paired with the world's team (its members: the grid's worker
// and the volunteer), so every errand goes to a team of those two whatever
// the hour. Admins, 生态园's and its grid's workers and the volunteer see
// them whole; the workers of 滨河 and of the district read them masked and
// take no step; the workers of 后瓦 and of its grid get 403.
import { HERE } from './matrix_world.mjs';

const OTHER_AREAS = { workerHw: 403, workerHwGrid: 403 };
const NOT_SERVING = { worker: 403, workerBh: 403, ...OTHER_AREAS };
// Residents are admitted to ask for and follow errands as a linked family
// member (matrix_routes_family.mjs); the world's residents are linked to
// no elder of these rows.
const UNLINKED = { resident: 403, resident2: 403 };
const SEERS = ['worker', 'workerBh', 'workerSty', 'workerStyGrid', 'volunteer', 'admin'];

// The elder the errands are for: recorded by the admin, paired with the
// world's team (the one the elder rows make, or made here).
export const errandElder = async (w) => {
  if (w.errandElder) return w.errandElder;
  const id = (await w.api('POST', '/api/v1/elders', {
    name: `周淑珍${w.next()}`, phones: ['13812345679'], address: '交通路 14 号', ...HERE,
    birth_date: '1940-05-01', consent: { basis: 'consent' },
  }, 201)).id;
  w.elderTeam = w.elderTeam || (await w.api('POST', '/api/v1/elder-teams', {
    grid_id: w.area['BH-STY-1'], name: `梁俊连组 ${w.next()}`, worker_user_id: w.callers.workerStyGrid.user.id,
    volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: 'Mo-Fr 08:30-17:30',
  }, 201)).id;
  await w.api('PUT', `/api/v1/elders/${id}/team`, { team_id: w.elderTeam }, 200);
  w.errandElder = id;
  return id;
};
const ERRAND = { kind: 'task', text: '交水费' };
export const freshErrand = async (w) => (await w.api('POST', `/api/v1/elders/${await errandElder(w)}/errands`, ERRAND, 201)).id;
const theErrand = async (w) => {
  w.errandOne = w.errandOne || await freshErrand(w);
  return w.errandOne;
};

export const ERRAND_ROUTES = {
  'POST /api/v1/elders/{id}/errands': {
    prep: async (w) => ({ path: `/api/v1/elders/${await errandElder(w)}/errands`, json: ERRAND }),
    ok: 201,
    expect: { ...NOT_SERVING, ...UNLINKED },
  },
  'GET /api/v1/elders/{id}/errands': { prep: async (w) => { await theErrand(w); return { path: `/api/v1/elders/${w.errandElder}/errands` }; }, ok: 200, expect: OTHER_AREAS },
  'GET /api/v1/errands': {
    prep: async (w) => { await theErrand(w); return { path: '/api/v1/errands' }; },
    ok: 200,
    expect: UNLINKED,  // a family member names elder_id
    check: (w, caller, items) => {
      const row = items.find((e) => e.id === w.errandOne);
      const should = SEERS.includes(caller ? caller.name : 'anonymous');
      if (!!row !== should) return `the list ${row ? 'shows' : 'does not show'} the world's errand`;
      const masked = ['worker', 'workerBh'].includes(caller?.name);
      if (row && (row.view === 'masked') !== masked) return `the world's errand is shown ${row.view}`;
      return null;
    },
  },
  'GET /api/v1/errands/{id}': { prep: async (w) => ({ path: `/api/v1/errands/${await theErrand(w)}` }), ok: 200, expect: { ...OTHER_AREAS, ...UNLINKED } },
  'POST /api/v1/errands/{id}/steps': {
    prep: async (w) => ({ path: `/api/v1/errands/${await freshErrand(w)}/steps`, json: { step: 'start' } }),
    ok: 200,
    expect: NOT_SERVING,
  },
};
