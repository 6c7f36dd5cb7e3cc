// The role matrix's rows for the canteen menus (joined into ROUTES by
// matrix_routes.mjs). The canteen is kept by 区税务局 (the world's
// facilities' keeper): its keeper and admins work there, keeperB (a cashier
// of another organisation) gets 403; the menu is public.

// Today in district time (UTC+8), as the server reckons it.
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

const OTHER_CASHIER = { keeperB: 403 };
const menuCanteen = async (w) => {
  w.menuCanteen = w.menuCanteen || await w.facility('canteen');
  return w.menuCanteen;
};
const menuDish = async (w) => {
  const id = await menuCanteen(w);
  w.menuDish = w.menuDish || (await w.api('POST', `/api/v1/canteens/${id}/dishes`, {
    name: '西红柿炒鸡蛋', price_fen: 800, allergens: ['egg'], tags: ['soft'],
  }, 201)).id;
  return w.menuDish;
};

export const CANTEEN_MENU_ROUTES = {
  'GET /api/v1/canteens/{id}/menu': { prep: async (w) => ({ path: `/api/v1/canteens/${await menuCanteen(w)}/menu` }), ok: 200 },
  'GET /api/v1/canteens/{id}/dishes': { prep: async (w) => ({ path: `/api/v1/canteens/${await menuCanteen(w)}/dishes` }), ok: 200, expect: OTHER_CASHIER },
  'POST /api/v1/canteens/{id}/dishes': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await menuCanteen(w)}/dishes`, json: { name: `尖椒土豆丝 ${w.next()}`, price_fen: 500 } }),
    ok: 201,
    expect: OTHER_CASHIER,
  },
  'PATCH /api/v1/canteens/{id}/dishes/{dish_id}': {
    prep: async (w) => ({ path: `/api/v1/canteens/${await menuCanteen(w)}/dishes/${await menuDish(w)}`, json: { price_fen: 800 } }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
  'PUT /api/v1/canteens/{id}/menu/{date}/{meal}': {
    prep: async (w) => ({
      path: `/api/v1/canteens/${await menuCanteen(w)}/menu/${today()}/lunch`,
      json: { items: [{ dish_id: await menuDish(w) }] },
    }),
    ok: 200,
    expect: OTHER_CASHIER,
  },
};
