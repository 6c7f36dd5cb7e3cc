// The role matrix's rows for the canteens' meal delivery (送餐上门; joined
// into ROUTES by matrix_routes.mjs). The canteen is kept by the world's
// facilities' keeper: its keeper and admins read the round, keep the route,
// hand over and record not-home; keeperB (a cashier of another
// organisation) gets 403 on every row. Orders are put straight into
// canteen_orders, booked for today on the real clock (the orders' own
// routes are another part's); each write gets a fresh one.
import { HERE, PNG } from './matrix_world.mjs';

const OTHER_CASHIER = { keeperB: 403 };
const HOUR = 3600 * 1000;
const today = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);

const deliveryCanteen = async (w) => {
  w.deliveryCanteen = w.deliveryCanteen || await w.facility('canteen');
  return w.deliveryCanteen;
};
const deliveryElder = async (w) => {
  w.deliveryElder = w.deliveryElder || (await w.api('POST', '/api/v1/elders', {
    name: `孙秀兰${w.next()}`, phones: ['13812345678'], address: '交通路 12 号', ...HERE,
    birth_date: '1941-03-08', consent: { basis: 'consent' },
  }, 201)).id;
  return w.deliveryElder;
};
// A delivery order booked for today's lunch: the path of its actions.
const bookedPath = async (w) => {
  const canteen = await deliveryCanteen(w);
  const elder = await deliveryElder(w);
  const day = today();
  const now = Math.floor(Date.now() / 1000);
  const id = w.srv.sql('INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, ' +
    'price_fen, subsidy_fen, pays_fen, status, created_at, created_by, updated_at) VALUES ' +
    `(${canteen}, 'delivery', '${day}', '${day.slice(0, 7)}', 'lunch', ${elder}, 1200, 0, 1200, 'booked', ${now}, 1, ${now}) RETURNING id`,
  { readonly: false });
  return `/api/v1/canteens/${canteen}/orders/${Number(id)}`;
};

export const CANTEEN_DELIVERY_ROUTES = {
  'GET /api/v1/canteens/{id}/deliveries': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await deliveryCanteen(w)}/deliveries?date=${today()}&meal=lunch` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'GET /api/v1/canteens/{id}/delivery-route/{meal}': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await deliveryCanteen(w)}/delivery-route/lunch` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'PUT /api/v1/canteens/{id}/delivery-route/{meal}': {
    prep: async (w) => ({
      path: `/api/v1/canteens/${await deliveryCanteen(w)}/delivery-route/lunch`,
      json: { elder_ids: [await deliveryElder(w)] },
    }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/orders/{order_id}/handover': {
    prep: async (w) => ({ path: `${await bookedPath(w)}/handover`, json: { proof: 'photo', photo: PNG.toString('base64') } }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/orders/{order_id}/not-home': {
    prep: async (w) => ({ path: `${await bookedPath(w)}/not-home`, json: { note: '敲门无人应' } }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
};
