// The role matrix's rows for the elder-care routes (joined into ROUTES by
// matrix_routes.mjs). The elders lie in 生态园's first grid (HERE): admins
// and the workers of that grid and of 生态园 see them whole and may change
// them; the workers of 滨河 and of the district (no area) read them masked;
// the workers of 后瓦 and of its grid get 403; the volunteer (a member of the
// world's team) lists only the elders paired with it.
import { HERE } from './matrix_world.mjs';

const OTHER_AREAS = { workerHw: 403, workerHwGrid: 403 };
const NOT_SERVING = { worker: 403, workerBh: 403, ...OTHER_AREAS };
const SEERS = ['worker', 'workerBh', 'workerSty', 'workerStyGrid', 'admin'];

const body = (w) => ({
  name: `张桂兰${w.next()}`, phones: ['13812345678'], address: '交通路 12 号', ...HERE,
  birth_date: '1941-03-08', categories: ['living_alone'], risk_tier: 'high',
  consent: { basis: 'consent' },
});
// A fresh elder, recorded by the admin.
const fresh = async (w) => (await w.api('POST', '/api/v1/elders', body(w), 201)).id;
// The one elder the read rows share.
const theElder = async (w) => {
  w.elderOne = w.elderOne || await fresh(w);
  return w.elderOne;
};

const PHONES = { committee_phone: '0358-8221234', team_phone: '13903580001' };
// A fresh elder with a card; its number.
const carded = async (w) => {
  const id = await fresh(w);
  return { id, number: (await w.api('POST', `/api/v1/elders/${id}/card`, PHONES, 201)).number };
};
// The card of the world's elder.
const theCard = async (w) => {
  w.elderCard = w.elderCard || (await w.api('POST', `/api/v1/elders/${await theElder(w)}/card`, PHONES, 201)).number;
  return w.elderCard;
};

// A team of 生态园's first grid: the grid's worker and the volunteer.
const newTeam = (w) => ({
  grid_id: w.area['BH-STY-1'], name: `梁俊连组 ${w.next()}`, worker_user_id: w.callers.workerStyGrid.user.id,
  volunteer_user_id: w.callers.volunteer.user.id, phone: '13903580001', rota: 'Mo-Fr 08:30-17:30',
});
const theTeam = async (w) => {
  w.elderTeam = w.elderTeam || (await w.api('POST', '/api/v1/elder-teams', newTeam(w), 201)).id;
  return w.elderTeam;
};

export const ELDER_ROUTES = {
  'POST /api/v1/elders': { prep: (w) => ({ path: '/api/v1/elders', json: body(w) }), ok: 201, expect: NOT_SERVING },
  'GET /api/v1/elders': {
    prep: async (w) => { await theElder(w); return { path: '/api/v1/elders' }; },
    ok: 200,
    // A volunteer lists her team's elders only (the world's team holds the
    // elders the PUT /team row pairs, never the world's elder).
    check: (w, caller, items) => {
      const shows = items.some((e) => e.id === w.elderOne);
      const should = SEERS.includes(caller ? caller.name : 'anonymous');
      if (shows !== should) return `the list ${shows ? 'shows' : 'does not show'} the world's elder`;
      if (caller?.role === 'volunteer' && items.some((e) => e.team_id === null || e.team_id !== w.elderTeam)) {
        return 'a volunteer lists an elder not paired with her team';
      }
      return null;
    },
  },
  // Volunteers read only the elders of their own team (the world's volunteer has none).
  'GET /api/v1/elders/{id}': { prep: async (w) => ({ path: `/api/v1/elders/${await theElder(w)}` }), ok: 200, expect: { ...OTHER_AREAS, volunteer: 403 } },
  'PATCH /api/v1/elders/{id}': {
    prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}`, json: { risk_tier: 'priority' } }),
    ok: 200,
    expect: NOT_SERVING,
  },
  'POST /api/v1/elders/{id}/close': {
    prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}/close`, json: { reason: 'moved_out' } }),
    ok: 200,
    expect: NOT_SERVING,
  },
  'GET /api/v1/elders/{id}/export': { prep: async (w) => ({ path: `/api/v1/elders/${await theElder(w)}/export` }), ok: 200, expect: NOT_SERVING },
  'GET /api/v1/elders/lookup': [
    { name: 'by card', prep: async (w) => ({ path: `/api/v1/elders/lookup?card=${await theCard(w)}` }), ok: 200, expect: OTHER_AREAS },
    { name: 'by caller ID', prep: async (w) => { await theElder(w); return { path: '/api/v1/elders/lookup?phone=%2B8613812345678' }; }, ok: 200, expect: { workerHw: 404, workerHwGrid: 404 } },
    // A revoked card opens nobody's record, whoever asks.
    {
      name: 'a revoked card',
      prep: async (w) => {
        const { id, number } = await carded(w);
        await w.api('DELETE', `/api/v1/elders/${id}/card?reason=lost`, undefined, 200);
        return { path: `/api/v1/elders/lookup?card=${number}` };
      },
      ok: 410,
    },
  ],
  'POST /api/v1/elders/{id}/card': { prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}/card`, json: PHONES }), ok: 201, expect: NOT_SERVING },
  'GET /api/v1/elders/{id}/card': { prep: async (w) => { await theCard(w); return { path: `/api/v1/elders/${w.elderOne}/card` }; }, ok: 200, expect: NOT_SERVING },
  'DELETE /api/v1/elders/{id}/card': { prep: async (w) => ({ path: `/api/v1/elders/${(await carded(w)).id}/card` }), ok: 200, expect: NOT_SERVING },
  'POST /api/v1/elder-teams': { prep: (w) => ({ path: '/api/v1/elder-teams', json: newTeam(w) }), ok: 201, expect: NOT_SERVING },
  'GET /api/v1/elder-teams': { prep: () => ({ path: '/api/v1/elder-teams' }), ok: 200 },
  'PUT /api/v1/elders/{id}/team': {
    prep: async (w) => ({ path: `/api/v1/elders/${await fresh(w)}/team`, json: { team_id: await theTeam(w) } }),
    ok: 200,
    expect: NOT_SERVING,
  },
  'GET /api/v1/elders/{id}/on-duty': { prep: async (w) => ({ path: `/api/v1/elders/${await theElder(w)}/on-duty` }), ok: 200, expect: { ...OTHER_AREAS, volunteer: 403 } },
  // Numbers only, for admins and workers: each counts the elders her list
  // shows — the world's elder (in 生态园) for its seers, nobody for 后瓦's.
  'GET /api/v1/elders/counts': {
    prep: async (w) => { await theElder(w); return { path: '/api/v1/elders/counts?by=community' }; },
    ok: 200,
    check: (w, caller, items) => {
      const sty = items.find((r) => r.community_id === w.area['BH-STY']);
      const should = SEERS.includes(caller.name);
      if (should && !(sty?.total >= 1)) return "the counts leave out the world's elder";
      if (!should && items.length) return 'a worker of other areas counts elders she does not serve';
      return null;
    },
  },
  'GET /api/v1/elders/{id}/card.svg': { prep: async (w) => { await theCard(w); return { path: `/api/v1/elders/${w.elderOne}/card.svg` }; }, ok: 200, expect: NOT_SERVING },
};
