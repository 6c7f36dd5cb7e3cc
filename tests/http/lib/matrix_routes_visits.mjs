// The role matrix's rows for the visits' routes (joined into ROUTES by
// matrix_routes.mjs). The elders lie in 生态园's first grid (HERE): admins
// and the workers of that grid and of 生态园 record visits, changes and
// escalation steps; the workers of 滨河 and of the district read her visits
// masked but record nothing; the workers of 后瓦 and of its grid get 403;
// the volunteer is on no team of these elders: 403, and she may not list a
// community's due visits.
import { HERE } from './matrix_world.mjs';

const OTHER_AREAS = { workerHw: 403, workerHwGrid: 403 };
const NOT_RECORDERS = { worker: 403, workerBh: 403, volunteer: 403, ...OTHER_AREAS };

// A fresh elder without emergency contacts, recorded by the admin.
const fresh = async (w) => (await w.api('POST', '/api/v1/elders', {
  name: `吴秀英${w.next()}`, phones: ['13812345678'], address: '交通路 12 号', ...HERE,
  birth_date: '1941-03-08', categories: ['living_alone'], risk_tier: 'high', consent: { basis: 'consent' },
}, 201)).id;
// The one elder the read rows share, with one visit.
const visited = async (w) => {
  if (!w.visitedElder) {
    w.visitedElder = await fresh(w);
    await w.api('POST', `/api/v1/elders/${w.visitedElder}/visits`, { how: 'home', outcome: 'seen_well', findings: '精神好' }, 201);
  }
  return w.visitedElder;
};

export const VISIT_ROUTES = {
  'POST /api/v1/elders/{id}/visits': {
    prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}/visits`, json: { how: 'home', outcome: 'seen_well' } }),
    ok: 201,
    expect: NOT_RECORDERS,
  },
  'GET /api/v1/elders/{id}/visits': {
    prep: async (w) => ({ path: `/api/v1/elders/${await visited(w)}/visits` }), ok: 200, expect: { ...OTHER_AREAS, volunteer: 403 },
  },
  'POST /api/v1/elders/{id}/changes': {
    prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}/changes`, json: { kind: 'fall' } }),
    ok: 201,
    expect: NOT_RECORDERS,
  },
  // She has no emergency contacts: the duty phone is the first step.
  'POST /api/v1/visits/{id}/escalation': {
    prep: async (w) => {
      const id = await fresh(w);
      const v = await w.api('POST', `/api/v1/elders/${id}/visits`, { how: 'phone', outcome: 'nobody_answers' }, 201);
      return { path: `/api/v1/visits/${v.id}/escalation`, json: { kind: 'duty_phone', result: 'reached' } };
    },
    ok: 201,
    expect: NOT_RECORDERS,
  },
  'GET /api/v1/visits/due': {
    prep: async (w) => { await fresh(w); return { path: `/api/v1/visits/due?community_id=${w.area['BH-STY']}` }; },
    ok: 200,
    expect: { volunteer: 403 },
  },
  'GET /api/v1/visits/rate': { prep: () => ({ path: '/api/v1/visits/rate?month=2026-06' }), ok: 200 },
};
