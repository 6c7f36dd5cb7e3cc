// The canteens' HTTP tests' common ground, on a world that has `srv` and an
// `admin` (server.mjs startWithAdminAndResident, eldercare_world.mjs): two
// canteens — 生态园长者食堂 (w.canteen) of organisation A (w.orgA) with its
// cashier shitang1 (w.keeperA), 交通路长者食堂 (w.other) of B (w.orgB) with
// shitang2 (w.keeperB) — and a toilet (w.toilet), a facility that is not a
// canteen.
import { createFacility, makeKeeper, makeOrg } from './fixtures.mjs';

export async function addCanteens(w) {
  w.orgA = await makeOrg(w.srv, w.admin, '生态园长者食堂');
  w.orgB = await makeOrg(w.srv, w.admin, '交通路长者食堂');
  w.keeperA = await makeKeeper(w.srv, w.admin, 'shitang1', w.orgA);
  w.keeperB = await makeKeeper(w.srv, w.admin, 'shitang2', w.orgB);
  const canteen = (name, org) => createFacility(w.srv, w.admin, {
    kind: 'canteen', name, address: '离石区滨河北路 8 号', lat: 37.52, lon: 111.14, keeper_org_id: org,
  });
  w.canteen = await canteen('生态园长者食堂', w.orgA);
  w.other = await canteen('交通路长者食堂', w.orgB);
  w.toilet = await createFacility(w.srv, w.admin, {
    kind: 'toilet', name: '凤山公厕', address: '凤山路 2 号', lat: 37.53, lon: 111.15,
  });
  return w;
}
