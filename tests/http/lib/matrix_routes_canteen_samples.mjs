// The role matrix's rows for the canteens' food-safety sample log (留样;
// joined into ROUTES by matrix_routes.mjs). The canteen is kept by 区税务局
// (the world's facilities' keeper): its keeper and admins record, destroy and
// void; keeperB (a cashier of another organisation) gets 403, also reading;
// every department user reads (the market-supervision inspectors).
// The world's server runs on the real clock, and a sample is kept 48 hours
// from its recording (even one taken earlier): the callers let through are
// answered 409 "kept until …" — past the role check, which is what the matrix
// shows; the destroy itself is shown in canteen_samples.test.mjs (a server
// restarted 48 hours on).

const OTHER_CASHIER = { keeperB: 403 };
const HOUR = 3600 * 1000;
// An instant as RFC 3339 at +08:00, and its district day.
const at = (ms) => new Date(ms + 8 * HOUR).toISOString().replace(/\.\d{3}Z$/, '+08:00');
const dayOf = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

const sampleCanteen = async (w) => {
  w.sampleCanteen = w.sampleCanteen || await w.facility('canteen');
  return w.sampleCanteen;
};
const sampleBody = (ms) => ({
  date: dayOf(ms), meal: 'lunch', dish_name: '西红柿炒鸡蛋', weight_g: 150, taken_at: at(ms), fridge: '留样柜1',
});
// A fresh sample of the canteen, taken now: its path.
const samplePath = async (w) => {
  const id = await sampleCanteen(w);
  const s = await w.api('POST', `/api/v1/canteens/${id}/samples`, sampleBody(Date.now()), 201);
  return `/api/v1/canteens/${id}/samples/${s.id}`;
};

export const CANTEEN_SAMPLE_ROUTES = {
  'POST /api/v1/canteens/{id}/samples': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await sampleCanteen(w)}/samples`, json: sampleBody(Date.now() - 60 * 1000) }),
    ok: 201,
    expect: OTHER_CASHIER,
  },
  'GET /api/v1/canteens/{id}/samples': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await sampleCanteen(w)}/samples?date=${dayOf(Date.now())}` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'GET /api/v1/canteens/{id}/samples.csv': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await sampleCanteen(w)}/samples.csv?date=${dayOf(Date.now())}` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/samples/{sid}/destroy': {
    prep: async (w) => ({ path: `${await samplePath(w)}/destroy`, json: {} }),
    ok: 409,
    afterChecks: true,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/samples/{sid}/void': {
    prep: async (w) => ({ path: `${await samplePath(w)}/void`, json: { reason: '称重有误' } }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
};
