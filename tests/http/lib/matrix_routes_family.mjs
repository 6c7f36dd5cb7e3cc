// The role matrix's rows for family members and the errands' receipt photo
// (joined into ROUTES by matrix_routes.mjs). Links are made for fresh elders
// of 生态园's first grid: admins and the workers of 生态园 and its grid link
// and unlink; those who see her whole list her family; a resident reads her
// own elders (the world's residents have none: an empty list, not 403). The
// receipt photo is served to those who see the errand whole — the masked
// workers of 滨河 and the district get 403 like the other areas' workers.
import { HERE, PNG } from './matrix_world.mjs';
import { errandElder, freshErrand } from './matrix_routes_errands.mjs';

const OTHER_AREAS = { workerHw: 403, workerHwGrid: 403 };
const NOT_SERVING = { worker: 403, workerBh: 403, ...OTHER_AREAS };

const freshElder = async (w) => (await w.api('POST', '/api/v1/elders', {
  name: `吴秀英${w.next()}`, phones: ['13812345670'], address: '交通路 16 号', ...HERE,
  birth_date: '1942-02-02', consent: { basis: 'consent' },
}, 201)).id;
const LINK = (w) => ({ user_id: w.callers.resident2.user.id, relation: '女儿', consent: { basis: 'consent', note: '本人同意' } });
const freshLink = async (w) => {
  const elder = await freshElder(w);
  const link = await w.api('POST', `/api/v1/elders/${elder}/family`, LINK(w), 201);
  return { elder, link: link.id };
};
// A settled errand of the world's team with a receipt photo.
const receiptErrand = async (w) => {
  if (w.receiptErrand) return w.receiptErrand;
  const id = await freshErrand(w);
  const steps = `/api/v1/errands/${id}/steps`;
  await w.api('POST', steps, { step: 'start' }, 200);
  await w.api('POST', steps, { step: 'deliver', received_by: '周淑珍' }, 200);
  await w.api('POST', steps, {
    step: 'settle', receipt_fen: 500, advanced_fen: 500, returned_fen: 0, paid_by: 'cash', receipt_photo: PNG.toString('base64'),
  }, 200);
  w.receiptErrand = id;
  return id;
};

export const FAMILY_ROUTES = {
  'POST /api/v1/elders/{id}/family': {
    prep: async (w) => ({ path: `/api/v1/elders/${await freshElder(w)}/family`, json: LINK(w) }),
    ok: 201,
    expect: NOT_SERVING,
  },
  'GET /api/v1/elders/{id}/family': {
    prep: async (w) => ({ path: `/api/v1/elders/${await errandElder(w)}/family` }),
    ok: 200,
    expect: NOT_SERVING,
  },
  'DELETE /api/v1/elders/{id}/family/{link_id}': {
    prep: async (w) => {
      const { elder, link } = await freshLink(w);
      return { path: `/api/v1/elders/${elder}/family/${link}` };
    },
    ok: 200,
    expect: NOT_SERVING,
  },
  'GET /api/v1/my/elders': { prep: () => ({ path: '/api/v1/my/elders' }), ok: 200 },
  'GET /api/v1/errands/{id}/receipt-photo': {
    prep: async (w) => ({ path: `/api/v1/errands/${await receiptErrand(w)}/receipt-photo` }),
    ok: 200,
    expect: NOT_SERVING,
  },
};
