// The role matrix's rows for the free clinics (docs/clinics.md; joined into
// ROUTES by matrix_routes.mjs): the sessions, booking a slot, the bookings
// with their health notes, one's own booking and the counts. As for the
// activities (matrix_routes_activities.mjs), the world's clinic belongs to
// 生态园社区 (w.org.sty): `workerSty` is its clinic staff and admins may do
// all; the other organisers' staff (`workerHw`, the department users) and the
// staff who organise for nobody get 403. The world's residents have no phone
// on their account: their own booking is 422. Sessions are made by the admin
// over the API (one for the reads and bookings, a fresh one for each edit).
const NOT_CLINIC_STAFF = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403, volunteer: 403,
  keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
// Staff who organise for nobody (their organisations are no organiser's kind).
const NO_ORGANISER = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHwGrid: 403, volunteer: 403, keeper: 403, keeperB: 403,
};
const DAY = 86400;
// The district's date (UTC+8) of a unix time, YYYY-MM-DD.
const districtDate = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 10);

// A new session's body: tomorrow morning at an address, four slots.
const sessionBody = (w, extra = {}) => ({
  title: `矩阵义诊 ${w.next()}`, address: '生态园社区卫生服务站', filing_number: '离卫义诊备〔2026〕1号',
  date: districtDate(Math.floor(Date.now() / 1000) + DAY), start_time: '08:30', slot_minutes: 30, slots: 4,
  places_per_slot: 500,
  doctors: [
    { department: '中医科', name: '贺明远', title: '主任医师', licence_number: '110140000012345' },
    { department: '眼科', name: '郝静', title: '主治医师', licence_number: 'YK-000123' },
  ],
  ...extra,
});
// A fresh session of 生态园社区, made by the admin: the session view.
const freshSession = (w) => w.api('POST', '/api/v1/clinic-sessions', sessionBody(w, { organiser_org_id: w.org.sty }), 201);
// The world's session (made once) and its first slot.
const worldSession = async (w) => {
  if (!w.clinic) w.clinic = await freshSession(w);
  return w.clinic;
};
const worldSlot = async (w) => (await worldSession(w)).slots[0].occurrence_id;
const phoneOf = (w) => `136${String(40000000 + w.next()).slice(-8)}`;
// An activity of 生态园社区 that is no clinic (made once, by SQL; no dates needed).
const plainActivity = (w) => {
  if (!w.plainActivity) {
    const date = districtDate(Math.floor(Date.now() / 1000) + DAY);
    w.srv.sql(`INSERT INTO activities (title, organiser_org_id, address, capacity, first_date, start_minute, duration_minutes, created_by, created_at, updated_at) VALUES ('矩阵非义诊', ${w.org.sty}, '生态园广场', 10, '${date}', 600, 60, 1, 0, 0);`, { readonly: false });
    w.plainActivity = Number(w.srv.sql("SELECT MAX(id) FROM activities WHERE title = '矩阵非义诊';"));
  }
  return w.plainActivity;
};

export const CLINIC_ROUTES = {
  // sessions
  'POST /api/v1/clinic-sessions': [
    {
      name: 'for 生态园社区',
      prep: (w) => ({ path: '/api/v1/clinic-sessions', json: sessionBody(w, { organiser_org_id: w.org.sty }) }),
      ok: 201,
      expect: NOT_CLINIC_STAFF,
    },
    {
      // The caller's one organiser; admins organise for all and must name it.
      name: 'for the caller\'s own organiser',
      prep: (w) => ({ path: '/api/v1/clinic-sessions', json: sessionBody(w) }),
      ok: 201,
      expect: { ...NO_ORGANISER, admin: 422 },
    },
  ],
  'GET /api/v1/clinic-sessions': { prep: () => ({ path: '/api/v1/clinic-sessions?days=14' }), ok: 200 },
  'GET /api/v1/clinic-sessions/{id}': [
    { name: 'the world\'s session', prep: async (w) => ({ path: `/api/v1/clinic-sessions/${(await worldSession(w)).activity.id}` }), ok: 200 },
    { name: 'an activity that is no clinic', prep: (w) => ({ path: `/api/v1/clinic-sessions/${plainActivity(w)}` }), ok: 404 },
    { name: 'an unknown session', prep: () => ({ path: '/api/v1/clinic-sessions/987654321' }), ok: 404 },
  ],
  'GET /api/v1/organiser-clinic-sessions': {
    prep: async (w) => { await worldSession(w); return { path: '/api/v1/organiser-clinic-sessions' }; },
    ok: 200,
    expect: NO_ORGANISER,
    // 生态园's session is on its clinic staff's and the admin's desk, on no other organiser's.
    check: (w, caller, items) => {
      const shows = items.some((s) => s.activity.id === w.clinic.activity.id);
      const should = ['workerSty', 'admin'].includes(caller ? caller.name : 'anonymous');
      return shows === should ? null : `the desk ${shows ? 'shows' : 'does not show'} 生态园社区's session`;
    },
  },
  'PUT /api/v1/clinic-sessions/{id}': [
    {
      name: 'a new filing number',
      prep: async (w) => ({ path: `/api/v1/clinic-sessions/${(await freshSession(w)).activity.id}`, json: { filing_number: `离卫义诊备〔2026〕${w.next()}号` } }),
      ok: 200,
      expect: NOT_CLINIC_STAFF,
    },
    { name: 'an unknown session', prep: () => ({ path: '/api/v1/clinic-sessions/987654321', json: { filing_number: '离卫义诊备〔2026〕2号' } }), ok: 404 },
  ],

  // booking a slot
  'POST /api/v1/clinic-slots/{id}/bookings': [
    {
      name: 'a caller by phone',
      prep: async (w) => ({ path: `/api/v1/clinic-slots/${await worldSlot(w)}/bookings`, json: { name: '王阿姨', phone: phoneOf(w), health_note: '高血压十年', consent: true } }),
      ok: 201,
      expect: { ...NOT_CLINIC_STAFF, resident: 422, resident2: 422 }, // residents book as their account (no phone here)
    },
    { name: 'an unknown slot', prep: () => ({ path: '/api/v1/clinic-slots/987654321/bookings', json: { name: '王阿姨', phone: '13640000000' } }), ok: 404 },
  ],
  'GET /api/v1/clinic-slots/{id}/my-booking': [
    { name: 'the world\'s slot', prep: async (w) => ({ path: `/api/v1/clinic-slots/${await worldSlot(w)}/my-booking` }), ok: 200 },
    { name: 'an unknown slot', prep: () => ({ path: '/api/v1/clinic-slots/987654321/my-booking' }), ok: 404 },
  ],
  'GET /api/v1/clinic-slots/{id}/bookings': [
    { name: 'the world\'s slot', prep: async (w) => ({ path: `/api/v1/clinic-slots/${await worldSlot(w)}/bookings` }), ok: 200, expect: NOT_CLINIC_STAFF },
    { name: 'an unknown slot', prep: () => ({ path: '/api/v1/clinic-slots/987654321/bookings' }), ok: 404 },
  ],

  // counts (department users and admins; others 403 by the route's roles)
  'GET /api/v1/clinic-counts': [
    { name: 'this month', prep: () => ({ path: `/api/v1/clinic-counts?month=${districtDate(Math.floor(Date.now() / 1000)).slice(0, 7)}` }), ok: 200 },
    { name: 'a bad month', prep: () => ({ path: '/api/v1/clinic-counts?month=2026-13' }), ok: 422 },
  ],
};
