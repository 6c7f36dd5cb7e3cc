// The role matrix's rows for the elders' meal-subsidy rules (joined into
// ROUTES by matrix_routes.mjs). Admins make and replace the versions; admins,
// keepers and workers read them. The quote is for the staff of the canteen
// (kept by 区税务局, the world's facilities' keeper): its keeper and admins;
// keeperB, a cashier of another organisation, gets 403. The diner is named by
// her red proxy card's number.
import { HERE } from './matrix_world.mjs';

// A district day `days` after today (UTC+8), as the server reckons it.
const dayAhead = (days) => new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
const rules = (day) => ({
  effective_from: day,
  tiers: [{ name: '80岁以上', age_min: 80, amount_fen: 500, meals: ['lunch', 'dinner'] }],
});
// Each new version on a day of its own, far enough ahead that none is in force.
const newVersion = (w) => rules(dayAhead(30 + w.next()));
const subsidyCanteen = async (w) => {
  w.subsidyCanteen = w.subsidyCanteen || await w.facility('canteen');
  return w.subsidyCanteen;
};
const PHONES = { committee_phone: '0358-8221234', team_phone: '13903580001' };
// An elder's card number, made once.
const subsidyCard = async (w) => {
  if (!w.subsidyCard) {
    const id = (await w.api('POST', '/api/v1/elders', {
      name: `孙桂芝${w.next()}`, phones: ['13812345678'], address: '交通路 12 号', ...HERE,
      birth_date: '1941-03-08', categories: ['living_alone'], consent: { basis: 'consent' },
    }, 201)).id;
    w.subsidyCard = (await w.api('POST', `/api/v1/elders/${id}/card`, PHONES, 201)).number;
  }
  return w.subsidyCard;
};

export const CANTEEN_SUBSIDY_ROUTES = {
  'GET /api/v1/canteen-subsidies': { prep: () => ({ path: '/api/v1/canteen-subsidies' }), ok: 200 },
  'POST /api/v1/canteen-subsidies': { prep: (w) => ({ path: '/api/v1/canteen-subsidies', json: newVersion(w) }), ok: 201 },
  'PUT /api/v1/canteen-subsidies/{id}': {
    prep: async (w) => {
      const body = newVersion(w);
      const v = await w.api('POST', '/api/v1/canteen-subsidies', body, 201);
      return { path: `/api/v1/canteen-subsidies/${v.id}`, json: body };
    },
    ok: 200,
  },
  'GET /api/v1/canteens/{id}/subsidy-quote': {
    prep: async (w) => ({
      path: `/api/v1/canteens/${await subsidyCanteen(w)}/subsidy-quote?card=${await subsidyCard(w)}&date=${dayAhead(0)}&meal=lunch&price_fen=1500`,
    }),
    ok: 200,
    expect: { keeperB: 403 },
  },
};
