// The role matrix's table (tests/http/role_matrix.test.mjs): for every
// route `warmcity routes` lists, keyed "METHOD /path", one case or a list of
// cases. A case says how to make the request for one caller and what the
// route must answer:
//   prep(w, caller)  → { path, json | body, headers, as } — `caller` is null
//                      for the anonymous caller; `as` replaces the caller's
//                      session (routes that change or end the caller's own
//                      account or session get a fresh one of the same kind).
//                      Writes make their objects fresh here, per call.
//   ok               the status every caller the route admits gets …
//   expect           … except these callers (CALLERS names, or 'anonymous'
//                      on a public route): the route's own scope rules —
//                      a keeper of another organisation, a worker of another
//                      community or grid, a department an appeal is not
//                      dispatched to, a resident who did not report it.
//   check(w, caller, items) → a problem text or null, for lists that must
//                      not show a caller what is outside its scope (`items`:
//                      every page of the list the caller got).
// Callers whose role the route does not declare get 403, the anonymous
// caller 401 on a route that is not public: the test derives those from
// `warmcity routes --json`, never from this table.
import { HERE, PNG } from './matrix_world.mjs';
import { ELDER_ROUTES } from './matrix_routes_eldercare.mjs';
import { ERRAND_ROUTES } from './matrix_routes_errands.mjs';
import { FAMILY_ROUTES } from './matrix_routes_family.mjs';
import { VISIT_ROUTES } from './matrix_routes_visits.mjs';
import { CARE_COUNT_ROUTES } from './matrix_routes_care_counts.mjs';
import { VISIT_RAISE_ROUTES } from './matrix_routes_visit_raise.mjs';
import { CANTEEN_MENU_ROUTES } from './matrix_routes_canteen_menus.mjs';
import { CANTEEN_SAMPLE_ROUTES } from './matrix_routes_canteen_samples.mjs';
import { CANTEEN_SUBSIDY_ROUTES } from './matrix_routes_canteen_subsidies.mjs';
import { CANTEEN_SETTLEMENT_ROUTES } from './matrix_routes_canteen_settlement.mjs';
import { CANTEEN_DELIVERY_ROUTES } from './matrix_routes_canteen_delivery.mjs';
import { CANTEEN_ORDER_ROUTES } from './matrix_routes_canteen_orders.mjs';
import { JOB_ROUTES } from './matrix_routes_jobs.mjs';
import { JOB_DESK_ROUTES } from './matrix_routes_job_desk.mjs';
import { ACTIVITY_ROUTES } from './matrix_routes_activities.mjs';
import { CLINIC_ROUTES } from './matrix_routes_clinics.mjs';
import { AFTERSCHOOL_ROUTES } from './matrix_routes_afterschool.mjs';
import { VOLUNTEERS_ROUTES } from './matrix_routes_volunteers.mjs';
import { VOLUNTEER_RECORDS_ROUTES } from './matrix_routes_volunteer_records.mjs';
import { VOLUNTEER_CERTIFICATES_ROUTES } from './matrix_routes_volunteer_certificates.mjs';
import { VOLUNTEER_SHIFTS_ROUTES } from './matrix_routes_volunteer_shifts.mjs';

// Callers that may read the world's appeal (dispatched to 区住建局, in
// 生态园's first grid, reported by `resident`): staff of its areas and the
// district, its department, its reporter. Everybody else gets 403.
const NOT_READERS = {
  resident2: 403, workerHw: 403, workerHwGrid: 403, volunteer: 403,
  keeper: 403, keeperB: 403, departmentB: 403, publisher: 403,
};
const READERS = ['resident', 'worker', 'workerBh', 'workerSty', 'workerStyGrid', 'department', 'admin'];
// Workers bound to an area (only admins and district workers see everything).
const AREA_WORKERS = { workerBh: 403, workerSty: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403 };
const OTHER_KEEPER = { keeperB: 403 };

const rect = (x, y) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.0005, y], [x + 0.0005, y + 0.0005], [x, y + 0.0005], [x, y]]] });
const category = (code) => ({
  code, name_zh: '路灯', name_en: 'Street lights', group: '城市管理', response_hours: 24, resolution_days: 5,
});
const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const o311Request = (w, extra = {}) => ({
  service_code: 'roads', lat: String(HERE.lat), long: String(HERE.lon), description: '路面坑洼', ...extra,
});
// A list shows the world's appeal exactly to the callers in `seers`.
const showsAppealTo = (seers) => (w, caller, items) => {
  const shows = items.some((a) => a.id === w.appealOne.id);
  const should = seers.includes(caller ? caller.name : 'anonymous');
  return shows === should ? null : `the list ${shows ? 'shows' : 'does not show'} the world's appeal`;
};
// A new appeal of the world's, accepted and dispatched by an admin to the
// grid it lies in (生态园's first grid).
const gridAppeal = async (w) => {
  const a = await w.appeal();
  await w.api('POST', `/api/v1/appeals/${a.id}/steps`, { step: 'accept' }, 200);
  await w.api('POST', `/api/v1/appeals/${a.id}/steps`, { step: 'dispatch', area_id: w.area['BH-STY-1'] }, 200);
  return a;
};
const newToilet = (w, extra = {}) => ({
  kind: 'toilet', name: `公厕 ${w.next()}`, address: '滨河北路 8 号', lat: 38.0, lon: 112 + w.seq / 1000, ...extra,
});
const facilityCsv = (w) => 'kind,name,address,lon,lat,keeper_org_id,contact_phone,opening_hours,amenities\r\n' +
  `toilet,公厕 ${w.next()},凤山路 2 号,${112 + w.seq / 1000},38.0,,,24/7,{}\r\n`;

export const ROUTES = {
  // accounts
  'POST /api/v1/auth/phone/code': { prep: (w) => ({ path: '/api/v1/auth/phone/code', json: { phone: w.phone() } }), ok: 202 },
  'POST /api/v1/auth/phone/login': {
    prep: async (w) => {
      const phone = w.phone();
      return { path: '/api/v1/auth/phone/login', json: { phone, code: await w.smsCode(phone) } };
    },
    ok: 200,
  },
  'POST /api/v1/auth/login': {
    prep: (w) => ({ path: '/api/v1/auth/login', json: { username: w.callers.volunteer.username, password: w.callers.volunteer.password } }),
    ok: 200,
  },
  'POST /api/v1/auth/logout': { prep: async (w, c) => ({ path: '/api/v1/auth/logout', as: c && await w.relogin(c) }), ok: 204 },
  'PUT /api/v1/me/password': {
    prep: async (w, c) => {
      const as = c && await w.like(c);
      const json = { current_password: as ? as.password : 'x-Pass-2026', new_password: `renewed-${w.next()}-Pass` };
      return { path: '/api/v1/me/password', as, json };
    },
    ok: 204,
  },
  'PUT /api/v1/users/{id}/password': {
    prep: async (w) => ({ path: `/api/v1/users/${(await w.user('resident')).user.id}/password`, json: { password: `renewed-${w.next()}-Pass` } }),
    ok: 204,
  },
  'GET /api/v1/me': { prep: () => ({ path: '/api/v1/me' }), ok: 200 },
  'DELETE /api/v1/me': { prep: async (w, c) => ({ path: '/api/v1/me', as: c && await w.like(c) }), ok: 204 },
  'GET /api/v1/users': { prep: () => ({ path: '/api/v1/users' }), ok: 200 },
  'POST /api/v1/users': {
    prep: (w) => {
      const username = `made_${w.next()}`;
      return { path: '/api/v1/users', json: { username, display_name: username, role: 'volunteer', password: `${username}-Pass-2026` } };
    },
    ok: 201,
  },
  'GET /api/v1/users/{id}': { prep: (w) => ({ path: `/api/v1/users/${w.callers.resident.user.id}` }), ok: 200 },
  'PATCH /api/v1/users/{id}': {
    prep: async (w) => ({ path: `/api/v1/users/${(await w.user('volunteer')).user.id}`, json: { display_name: '孙丽丽' } }),
    ok: 200,
  },
  'GET /api/v1/organisations': { prep: () => ({ path: '/api/v1/organisations' }), ok: 200 },
  'POST /api/v1/organisations': { prep: (w) => ({ path: '/api/v1/organisations', json: { kind: 'keeper', name: `新单位 ${w.next()}` } }), ok: 201 },
  'GET /api/v1/organisations/{id}/members': [
    // Its own members (生态园社区: workerSty) and admins; nobody else.
    { name: '生态园社区', prep: (w) => ({ path: `/api/v1/organisations/${w.org.sty}/members` }), ok: 403, expect: { workerSty: 200, admin: 200 } },
    { name: 'an unknown organisation', prep: () => ({ path: '/api/v1/organisations/987654321/members' }), ok: 404 },
  ],
  'PATCH /api/v1/organisations/{id}': {
    // The one thing a PATCH changes: the area the organisation serves.
    prep: async (w) => ({ path: `/api/v1/organisations/${await w.newOrg()}`, json: { area_id: w.area['BH-HW'] } }),
    ok: 200,
  },
  'GET /api/v1/audit': { prep: () => ({ path: '/api/v1/audit' }), ok: 200 },

  // system, feedback, calendar, hours
  'GET /api/v1/health': { prep: () => ({ path: '/api/v1/health' }), ok: 200 },
  'GET /api/v1/openapi.json': { prep: () => ({ path: '/api/v1/openapi.json' }), ok: 200 },
  'GET /api/v1/web-config': { prep: () => ({ path: '/api/v1/web-config' }), ok: 200 },
  'GET /metrics': { prep: () => ({ path: '/metrics' }), ok: 200 },
  'POST /api/v1/feedback': { prep: () => ({ path: '/api/v1/feedback', json: { topic: 'app', message: '字太小了' } }), ok: 201 },
  'GET /api/v1/feedback': { prep: () => ({ path: '/api/v1/feedback' }), ok: 200 },
  'GET /api/v1/feedback/{id}': { prep: (w) => ({ path: `/api/v1/feedback/${w.feedback}` }), ok: 200 },
  'GET /api/v1/calendar/{year}': { prep: () => ({ path: '/api/v1/calendar/2026' }), ok: 200 },
  'PUT /api/v1/calendar/{year}': {
    prep: () => ({ path: '/api/v1/calendar/2099', json: { days: [{ date: '2099-01-01', kind: 'holiday', name: '元旦' }] } }),
    ok: 200,
  },
  'GET /api/v1/hours/evaluate': {
    prep: () => ({ path: `/api/v1/hours/evaluate?${form({ expr: 'Mo-Fr 08:00-18:00', at: '2026-05-06T10:00:00+08:00' })}` }),
    ok: 200,
  },

  // areas
  'GET /api/v1/areas/locate': { prep: () => ({ path: `/api/v1/areas/locate?lat=${HERE.lat}&lon=${HERE.lon}` }), ok: 200 },
  'GET /api/v1/areas/communities': { prep: () => ({ path: '/api/v1/areas/communities' }), ok: 200 },
  'POST /api/v1/areas/import': {
    prep: (w) => ({
      path: '/api/v1/areas/import',
      json: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { level: 'subdistrict', name: `信义 ${w.next()}`, code: `XY-${w.seq}` }, geometry: w.areaBox() }],
      },
    }),
    ok: 200,
  },
  'GET /api/v1/areas': { prep: () => ({ path: '/api/v1/areas' }), ok: 200 },
  'POST /api/v1/areas': {
    prep: (w) => ({ path: '/api/v1/areas', json: { level: 'subdistrict', name: `田家会 ${w.next()}`, code: `TJH-${w.seq}`, boundary: w.areaBox() } }),
    ok: 201,
  },
  'GET /api/v1/areas/{id}': { prep: (w) => ({ path: `/api/v1/areas/${w.area.BH}` }), ok: 200 },
  'PATCH /api/v1/areas/{id}': { prep: async (w) => ({ path: `/api/v1/areas/${await w.newArea()}`, json: { name: `改名 ${w.next()}` } }), ok: 200 },
  'DELETE /api/v1/areas/{id}': { prep: async (w) => ({ path: `/api/v1/areas/${await w.newArea()}` }), ok: 204 },

  // facilities
  'GET /api/v1/facilities/nearby': { prep: () => ({ path: `/api/v1/facilities/nearby?lat=${HERE.lat}&lon=${HERE.lon}` }), ok: 200 },
  'GET /api/v1/facilities/counts': { prep: () => ({ path: '/api/v1/facilities/counts' }), ok: 200 },
  'POST /api/v1/facilities/import': {
    prep: (w) => ({ path: '/api/v1/facilities/import?format=csv', body: facilityCsv(w), headers: { 'content-type': 'text/csv' } }),
    ok: 201,
  },
  'GET /api/v1/facilities/export': { prep: () => ({ path: '/api/v1/facilities/export?format=csv' }), ok: 200 },
  'GET /api/v1/facilities': { prep: () => ({ path: '/api/v1/facilities' }), ok: 200 },
  'POST /api/v1/facilities': [
    { name: 'kept by 区税务局', prep: (w) => ({ path: '/api/v1/facilities', json: newToilet(w, { keeper_org_id: w.org.keepA }) }), ok: 201, expect: OTHER_KEEPER },
    { name: 'kept by nobody (admins only)', prep: (w) => ({ path: '/api/v1/facilities', json: newToilet(w) }), ok: 201, expect: { keeper: 403, keeperB: 403 } },
  ],
  'GET /api/v1/facilities/{id}': { prep: (w) => ({ path: `/api/v1/facilities/${w.lot}` }), ok: 200 },
  'PATCH /api/v1/facilities/{id}': [
    {
      name: 'renamed',
      prep: async (w) => ({ path: `/api/v1/facilities/${await w.facility('toilet')}`, json: { name: `改名公厕 ${w.next()}` } }),
      ok: 200,
      expect: OTHER_KEEPER,
    },
    {
      name: 'handed to another organisation (admins only)',
      prep: async (w) => ({ path: `/api/v1/facilities/${await w.facility('toilet')}`, json: { keeper_org_id: w.org.keepB } }),
      ok: 200,
      expect: { keeper: 403, keeperB: 403 },
    },
  ],
  'GET /api/v1/facilities/{id}/history': { prep: (w) => ({ path: `/api/v1/facilities/${w.lot}/history` }), ok: 200, expect: OTHER_KEEPER },
  'POST /api/v1/facilities/{id}/occupancy': {
    prep: (w) => ({ path: `/api/v1/facilities/${w.lot}/occupancy`, json: { free_spaces: 5 } }),
    ok: 200,
    expect: OTHER_KEEPER,
  },
  'POST /api/v1/gate/occupancy': [
    { name: 'with the lot\'s gate token', prep: (w) => ({ path: '/api/v1/gate/occupancy', headers: { 'x-gate-token': w.gate }, json: { free_spaces: 7 } }), ok: 200 },
    // A session is no gate device.
    { name: 'without a gate token', prep: () => ({ path: '/api/v1/gate/occupancy', json: { free_spaces: 7 } }), ok: 401 },
  ],
  'GET /api/v1/facilities/{id}/notices': { prep: (w) => ({ path: `/api/v1/facilities/${w.love}/notices` }), ok: 200, expect: OTHER_KEEPER },
  'POST /api/v1/facilities/{id}/notices': {
    prep: (w) => {
      const at = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const json = { text: '明天有姜汤', valid_from: at(Date.now()), valid_until: at(Date.now() + 86400000) };
      return { path: `/api/v1/facilities/${w.love}/notices`, json };
    },
    ok: 201,
    expect: OTHER_KEEPER,
  },
  'DELETE /api/v1/facilities/{id}/notices/{notice_id}': [
    { name: 'its own notice', prep: async (w) => ({ path: `/api/v1/facilities/${w.love}/notices/${await w.notice()}` }), ok: 204, expect: OTHER_KEEPER },
    // 区图书馆's notice, named through 区税务局's station: no such notice there.
    {
      name: 'another station\'s notice',
      prep: async (w) => ({ path: `/api/v1/facilities/${w.love}/notices/${await w.notice(w.loveB)}` }),
      ok: 404,
      expect: OTHER_KEEPER,
    },
  ],
  'PUT /api/v1/facilities/{id}/receptions': {
    prep: (w) => ({
      path: `/api/v1/facilities/${w.liaison}/receptions`,
      json: { receptions: [{ representative: '李代表', weekday: 2, from: '09:00', until: '11:00' }] },
    }),
    ok: 200,
    expect: OTHER_KEEPER,
  },
  'POST /api/v1/facilities/{id}/gate-tokens': {
    prep: (w) => ({ path: `/api/v1/facilities/${w.lot}/gate-tokens`, json: { label: `南门道闸 ${w.next()}` } }),
    ok: 201,
    expect: OTHER_KEEPER,
  },
  'GET /api/v1/facilities/{id}/gate-tokens': { prep: (w) => ({ path: `/api/v1/facilities/${w.lot}/gate-tokens` }), ok: 200, expect: OTHER_KEEPER },
  'DELETE /api/v1/facilities/{id}/gate-tokens/{token_id}': [
    { name: 'its own token', prep: async (w) => ({ path: `/api/v1/facilities/${w.lot}/gate-tokens/${(await w.gateToken()).id}` }), ok: 204, expect: OTHER_KEEPER },
    {
      name: 'another lot\'s token',
      prep: async (w) => ({ path: `/api/v1/facilities/${w.lot}/gate-tokens/${(await w.gateToken(w.lotB)).id}` }),
      ok: 404,
      expect: OTHER_KEEPER,
    },
  ],

  // appeal categories
  'GET /api/v1/appeal-categories': [
    { name: 'active ones', prep: () => ({ path: '/api/v1/appeal-categories' }), ok: 200 },
    { name: 'with inactive ones (admins only)', prep: () => ({ path: '/api/v1/appeal-categories?all=true' }), ok: 403, expect: { admin: 200 } },
  ],
  'POST /api/v1/appeal-categories': { prep: (w) => ({ path: '/api/v1/appeal-categories', json: category(`lights${w.next()}`) }), ok: 201 },
  'GET /api/v1/appeal-categories/stranded': { prep: () => ({ path: '/api/v1/appeal-categories/stranded' }), ok: 200, expect: AREA_WORKERS },
  'GET /api/v1/appeal-categories/{code}': { prep: () => ({ path: '/api/v1/appeal-categories/roads' }), ok: 200 },
  'PUT /api/v1/appeal-categories/{code}': {
    prep: async (w) => {
      const code = await w.category();
      const { code: _, ...body } = category(code);
      return { path: `/api/v1/appeal-categories/${code}`, json: body };
    },
    ok: 200,
  },
  // Deleting deactivates and answers the category.
  'DELETE /api/v1/appeal-categories/{code}': { prep: async (w) => ({ path: `/api/v1/appeal-categories/${await w.category()}` }), ok: 200 },

  // appeals
  'POST /api/v1/appeals': [
    { name: 'from the app', prep: () => ({ path: '/api/v1/appeals', json: { category: 'roads', description: '井盖松动', ...HERE, anonymous: true } }), ok: 201 },
    {
      name: 'taken by phone (staff only)',
      prep: () => ({
        path: '/api/v1/appeals',
        json: { category: 'roads', description: '井盖松动', channel: 'phone', ...HERE, contact: { name: '刘大爷', phone: '13912345678' } },
      }),
      ok: 403,
      expect: { worker: 201, workerBh: 201, workerSty: 201, workerStyGrid: 201, workerHw: 201, workerHwGrid: 201, admin: 201 },
    },
  ],
  'GET /api/v1/appeals': { prep: () => ({ path: '/api/v1/appeals?limit=200' }), ok: 200, check: showsAppealTo(READERS) },
  'GET /api/v1/me/appeals': { prep: () => ({ path: '/api/v1/me/appeals?limit=200' }), ok: 200, check: showsAppealTo(['resident']) },
  'GET /api/v1/appeals/{id}': [
    { name: 'read', prep: (w) => ({ path: `/api/v1/appeals/${w.appealOne.id}` }), ok: 200, expect: NOT_READERS },
    {
      name: 'with the contact revealed (dispatching staff and the assigned department)',
      prep: (w) => ({ path: `/api/v1/appeals/${w.appealOne.id}?reveal=contact` }),
      ok: 200,
      expect: { ...NOT_READERS, resident: 403 },
    },
  ],
  'GET /api/v1/appeals/{id}/photos/{n}': { prep: (w) => ({ path: `/api/v1/appeals/${w.appealOne.id}/photos/1` }), ok: 200, expect: NOT_READERS },
  'POST /api/v1/appeals/{id}/photos': [
    {
      name: 'with the submission\'s photo token',
      prep: async (w) => {
        const a = await w.appeal();
        return { path: `/api/v1/appeals/${a.id}/photos`, body: PNG, headers: { 'content-type': 'image/png', 'x-photo-token': a.photo_token } };
      },
      ok: 201,
    },
    {
      name: 'without it (its reporter only)',
      prep: async (w) => ({ path: `/api/v1/appeals/${(await w.appeal()).id}/photos`, body: PNG, headers: { 'content-type': 'image/png' } }),
      ok: 403,
      expect: { resident: 201 },
    },
  ],
  'POST /api/v1/appeals/{id}/steps': [
    {
      name: 'accept a new appeal (staff of its areas)',
      prep: async (w) => ({ path: `/api/v1/appeals/${(await w.appeal()).id}/steps`, json: { step: 'accept' } }),
      ok: 403,
      expect: { worker: 200, workerBh: 200, workerSty: 200, workerStyGrid: 200, admin: 200 },
    },
    {
      name: 'start a dispatched appeal (its department)',
      prep: async (w) => ({ path: `/api/v1/appeals/${(await w.appeal('dispatched')).id}/steps`, json: { step: 'start' } }),
      ok: 403,
      expect: { department: 200 },
    },
    {
      // Not district workers or admins (they dispatch), not another community or grid.
      name: 'start an appeal dispatched to its grid (workers of the grid, its community, its sub-district)',
      prep: async (w) => ({ path: `/api/v1/appeals/${(await gridAppeal(w)).id}/steps`, json: { step: 'start' } }),
      ok: 403,
      expect: { workerBh: 200, workerSty: 200, workerStyGrid: 200 },
    },
  ],
  'POST /api/v1/appeals/{id}/follow': { prep: async (w) => ({ path: `/api/v1/appeals/${(await w.appeal()).id}/follow` }), ok: 200 },
  'GET /api/v1/appeals/similar': { prep: () => ({ path: `/api/v1/appeals/similar?category=roads&lat=${HERE.lat}&lon=${HERE.lon}` }), ok: 200 },
  // The world's appeal is overdue: its department, the district and the
  // staff of its areas see it there, nobody else.
  'GET /api/v1/appeals/supervision': {
    prep: () => ({ path: '/api/v1/appeals/supervision' }),
    ok: 200,
    check: showsAppealTo(READERS.filter((name) => name !== 'resident')),
  },
  // The dashboard's counts: every admitted caller gets its own (narrowed) counts.
  'GET /api/v1/appeals/counts': { prep: () => ({ path: '/api/v1/appeals/counts?month=2026-06&by=state' }), ok: 200 },
  'GET /api/v1/appeals/track/{code}': { prep: (w) => ({ path: `/api/v1/appeals/track/${w.appealOne.tracking_code}` }), ok: 200 },
  'GET /api/v1/rates': { prep: () => ({ path: '/api/v1/rates' }), ok: 200 },

  // Open311
  'POST /api/v1/open311/keys': { prep: (w) => ({ path: '/api/v1/open311/keys', json: { name: `客户端 ${w.next()}` } }), ok: 201 },
  'GET /api/v1/open311/keys': { prep: () => ({ path: '/api/v1/open311/keys' }), ok: 200 },
  // Revoking answers the revoked key.
  'DELETE /api/v1/open311/keys/{id}': { prep: async (w) => ({ path: `/api/v1/open311/keys/${(await w.o311Key()).id}` }), ok: 200 },
  'GET /open311/v2/discovery.json': { prep: () => ({ path: '/open311/v2/discovery.json' }), ok: 200 },
  'GET /open311/v2/discovery.xml': { prep: () => ({ path: '/open311/v2/discovery.xml' }), ok: 200 },
  'GET /open311/v2/services.json': { prep: () => ({ path: '/open311/v2/services.json' }), ok: 200 },
  'GET /open311/v2/services.xml': { prep: () => ({ path: '/open311/v2/services.xml' }), ok: 200 },
  'GET /open311/v2/services/{service_code}': { prep: () => ({ path: '/open311/v2/services/roads.json' }), ok: 200 },
  'POST /open311/v2/requests.json': [
    { name: 'with an API key', prep: (w) => ({ path: '/open311/v2/requests.json', headers: FORM, body: form(o311Request(w, { api_key: w.o311 })) }), ok: 200 },
    // A session is no API key.
    { name: 'without one', prep: (w) => ({ path: '/open311/v2/requests.json', headers: FORM, body: form(o311Request(w)) }), ok: 403 },
  ],
  'POST /open311/v2/requests.xml': { prep: (w) => ({ path: '/open311/v2/requests.xml', headers: FORM, body: form(o311Request(w, { api_key: w.o311 })) }), ok: 200 },
  'GET /open311/v2/requests.json': { prep: () => ({ path: '/open311/v2/requests.json' }), ok: 200 },
  'GET /open311/v2/requests.xml': { prep: () => ({ path: '/open311/v2/requests.xml' }), ok: 200 },
  'GET /open311/v2/requests/{service_request_id}': { prep: (w) => ({ path: `/open311/v2/requests/${w.appealOne.tracking_code}.json` }), ok: 200 },
  'GET /open311/v2/tokens/{token}': { prep: (w) => ({ path: `/open311/v2/tokens/${w.o311Token}.json` }), ok: 200 },

  // elder care
  ...ELDER_ROUTES,
  ...ERRAND_ROUTES,
  ...FAMILY_ROUTES,
  ...VISIT_ROUTES,
  ...CARE_COUNT_ROUTES,
  ...VISIT_RAISE_ROUTES,
  ...CANTEEN_MENU_ROUTES,
  ...CANTEEN_SAMPLE_ROUTES,
  ...CANTEEN_SUBSIDY_ROUTES,
  ...CANTEEN_SETTLEMENT_ROUTES,
  ...CANTEEN_DELIVERY_ROUTES,
  ...CANTEEN_ORDER_ROUTES,
  ...JOB_ROUTES,
  ...JOB_DESK_ROUTES,
  ...ACTIVITY_ROUTES,
  ...CLINIC_ROUTES,
  ...AFTERSCHOOL_ROUTES,
  ...VOLUNTEERS_ROUTES,
  ...VOLUNTEER_RECORDS_ROUTES,
  ...VOLUNTEER_CERTIFICATES_ROUTES,
  ...VOLUNTEER_SHIFTS_ROUTES,
};
