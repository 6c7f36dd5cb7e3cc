// The role matrix's rows for the canteens' meal orders (joined into ROUTES
// by matrix_routes.mjs). The canteen is kept by 区税务局 (the world's
// facilities' keeper): its keeper and admins ring up meals there; keeperB, a
// cashier of another organisation, gets 403. The meals are counter lunches
// of today for somebody who is not a recorded elder, from today's published
// lunch; each cancellation cancels a fresh one.

// Today in district time (UTC+8), as the server reckons it.
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

const OTHER_CASHIER = { keeperB: 403 };
// A canteen with today's lunch published (one dish), made once.
const orderCanteen = async (w) => {
  if (!w.orderCanteen) {
    const id = await w.facility('canteen');
    const dish = (await w.api('POST', `/api/v1/canteens/${id}/dishes`, { name: '番茄鸡蛋面', price_fen: 1500 }, 201)).id;
    await w.api('PUT', `/api/v1/canteens/${id}/menu/${today()}/lunch`, { items: [{ dish_id: dish }] }, 200);
    w.orderCanteen = { id, dish };
  }
  return w.orderCanteen;
};
const counterMeal = (c) => ({ kind: 'counter', date: today(), meal: 'lunch', diner: null, lines: [{ dish_id: c.dish, qty: 1 }] });

export const CANTEEN_ORDER_ROUTES = {
  'GET /api/v1/canteens/{id}/diners': {
    prep: async (w) => ({ path: `/api/v1/canteens/${(await orderCanteen(w)).id}/diners?name=${encodeURIComponent('无此人')}` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/orders/preview': {
    prep: async (w) => {
      const c = await orderCanteen(w);
      return { path: `/api/v1/canteens/${c.id}/orders/preview`, json: counterMeal(c) };
    },
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/orders': {
    prep: async (w) => {
      const c = await orderCanteen(w);
      return { path: `/api/v1/canteens/${c.id}/orders`, json: counterMeal(c) };
    },
    ok: 201,
    expect: OTHER_CASHIER,
  },
  'GET /api/v1/canteens/{id}/orders': {
    prep: async (w) => ({ path: `/api/v1/canteens/${(await orderCanteen(w)).id}/orders?date=${today()}` }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'POST /api/v1/canteens/{id}/orders/{order_id}/cancel': {
    prep: async (w) => {
      const c = await orderCanteen(w);
      const o = await w.api('POST', `/api/v1/canteens/${c.id}/orders`, counterMeal(c), 201);
      return { path: `/api/v1/canteens/${c.id}/orders/${o.id}/cancel`, json: { note: '打错了' } };
    },
    ok: 200,
    expect: OTHER_CASHIER,
  },
};
