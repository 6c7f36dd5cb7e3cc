// The role matrix's rows for the canteens' settlement with the civil-affairs
// bureau (joined into ROUTES by matrix_routes.mjs). A canteen's month is read
// by its staff (the keeper of 区税务局, the world's facilities' keeper, and
// admins) and every department user; keeperB, a cashier of another
// organisation, gets 403. Only admins close and adjust; each close is of a
// fresh canteen's past month (a month is closed once), each adjustment on a
// month the prep closed. The dashboard's counts: admins and department users.
const MONTH = '2025-01';

const settlementCanteen = async (w) => {
  w.settlementCanteen = w.settlementCanteen || await w.facility('canteen');
  return w.settlementCanteen;
};
const monthPath = async (w) => `/api/v1/canteens/${await settlementCanteen(w)}/settlements/${MONTH}`;
// A fresh canteen's past month, closed by an admin: its path.
const closedMonth = async (w) => {
  const path = `/api/v1/canteens/${await w.facility('canteen')}/settlements/${MONTH}`;
  await w.api('POST', `${path}/close`, {}, 200);
  return path;
};

export const CANTEEN_SETTLEMENT_ROUTES = {
  'GET /api/v1/canteens/{id}/settlements/{month}': {
    prep: async (w) => ({ path: await monthPath(w) }),
    ok: 200,
    expect: { keeperB: 403 },
  },
  'GET /api/v1/canteens/{id}/settlements/{month}/lines.csv': {
    prep: async (w) => ({ path: `${await monthPath(w)}/lines.csv` }),
    ok: 200,
    expect: { keeperB: 403 },
  },
  'POST /api/v1/canteens/{id}/settlements/{month}/close': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await w.facility('canteen')}/settlements/${MONTH}/close`, json: {} }),
    ok: 200,
  },
  'POST /api/v1/canteens/{id}/settlements/{month}/adjustments': {
    prep: async (w) => ({ path: `${await closedMonth(w)}/adjustments`, json: { subsidy_delta_fen: 100, reason: '补录纸质登记' } }),
    ok: 201,
  },
  'GET /api/v1/canteen-meal-counts': {
    prep: () => ({ path: `/api/v1/canteen-meal-counts?month=${MONTH}` }),
    ok: 200,
  },
};
