// The role matrix's rows for the activities module (docs/activities.md;
// joined into ROUTES by matrix_routes.mjs): the activities and their series,
// the occurrences, sign-ups and the door, the calendar feeds and the counts.
// The world's activities belong to 生态园社区 (w.org.sty), so `workerSty` is
// its organiser's staff and admins may do all. Organisers are organisations of
// kind department, community or volunteer_team: `workerHw` (后瓦社区) and the
// three department users organise for their own organisations — they are
// "staff of another organiser" here (403); workers of a sub-district or a
// grid, volunteers without a team and keepers organise for none (403 too).
// A sign-up that is not the caller's is 404 (never revealed). The world's
// residents have no phone on their account: their own sign-up is 422.
// Objects are made fresh for every call, by SQL or by the admin over the API.
const NOT_ORGANISER = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403, volunteer: 403,
  keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
// Staff who organise for nobody (their organisations are no organiser's kind).
const NO_ORGANISER = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHwGrid: 403, volunteer: 403, keeper: 403, keeperB: 403,
};
const NOT_THEIRS = {
  resident: 404, resident2: 404, worker: 404, workerBh: 404, workerStyGrid: 404, workerHw: 404, workerHwGrid: 404,
  volunteer: 404, keeper: 404, keeperB: 404, department: 404, departmentB: 404, publisher: 404,
};
const sqlw = (w, q) => w.srv.sql(q, { readonly: false });
const DAY = 86400;
// The district's date (UTC+8) of a unix time, YYYY-MM-DD.
const districtDate = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 10);

// The world's activity and its occurrence starting in an hour (check-in and
// attendance are open; sign-ups too).
const signupOccurrence = (w) => {
  if (!w.signupOcc) {
    const startsAt = Math.floor(Date.now() / 1000) + 3600;
    const date = districtDate(startsAt);
    const minute = Math.floor(((startsAt + 8 * 3600) % DAY) / 60);
    sqlw(w, `INSERT INTO activities (title, organiser_org_id, address, capacity, first_date, start_minute, duration_minutes, created_by, created_at, updated_at) VALUES ('矩阵太极', ${w.org.sty}, '生态园广场', 100000, '${date}', ${minute}, 60, 1, 0, 0);`);
    w.signupAct = Number(w.srv.sql("SELECT MAX(id) FROM activities WHERE title = '矩阵太极';"));
    sqlw(w, `INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, capacity, updated_at) VALUES (${w.signupAct}, 1, '${date}', ${startsAt}, ${startsAt + 3600}, 100000, 0);`);
    w.signupOcc = Number(w.srv.sql(`SELECT id FROM activity_occurrences WHERE activity_id = ${w.signupAct};`));
  }
  return w.signupOcc;
};
const phoneOf = (w) => `137${String(30000000 + w.next()).slice(-8)}`;
// A fresh sign-up on it: status, and whose (a user id or NULL: by staff).
const freshSignup = (w, status = 'confirmed', userId = 'NULL') => {
  const occ = signupOccurrence(w);
  const code = String(100000 + (w.next() % 900000));
  const expires = status === 'offered' ? Math.floor(Date.now() / 1000) + 1800 : 'NULL';
  sqlw(w, `INSERT INTO activity_signups (occurrence_id, user_id, by_user, name, phone, status, offer_expires_at, code, created_at, updated_at) VALUES (${occ}, ${userId}, ${userId === 'NULL' ? 1 : 'NULL'}, '王阿姨', '${phoneOf(w)}', '${status}', ${expires}, '${code}', 0, 0); UPDATE activity_occurrences SET taken = taken + ${status === 'waiting' ? 0 : 1} WHERE id = ${occ};`);
  return { id: Number(w.srv.sql(`SELECT MAX(id) FROM activity_signups WHERE occurrence_id = ${occ};`)), code };
};
const residentId = (w) => Number(w.srv.sql(`SELECT id FROM users WHERE username = '${w.callers.resident.username}';`));

// A venue (a facility of kind venue) in 生态园社区, hours unknown (no clash).
const venue = (w) => {
  if (!w.activityVenue) {
    sqlw(w, `INSERT INTO facilities (kind, name, address, lat, lon, community_id, created_at, updated_at) VALUES ('venue', '矩阵文化活动中心', '生态园路1号', 37.52, 111.14, ${w.area['BH-STY']}, 0, 0);`);
    w.activityVenue = Number(w.srv.sql("SELECT MAX(id) FROM facilities WHERE name = '矩阵文化活动中心';"));
  }
  return w.activityVenue;
};
// A new activity's body: one date tomorrow evening at an address.
const activityBody = (w, extra = {}) => ({
  title: `矩阵书法班 ${w.next()}`, address: '生态园社区活动室', capacity: 20,
  first_date: districtDate(Math.floor(Date.now() / 1000) + DAY), start_time: '19:00', duration_minutes: 60, ...extra,
});
// A fresh activity of 生态园社区, made by the admin: {activity, occurrences}.
const freshActivity = (w) => w.api('POST', '/api/v1/activities', activityBody(w, { organiser_org_id: w.org.sty }), 201);
// A new secret link's token to the admin's private feed.
const feedToken = async (w) => {
  const { url } = await w.api('POST', '/api/v1/my/calendar-feed', {}, 201);
  return url.match(/\/calendar-feeds\/([^/]+)\/activities\.ics$/)[1];
};
// The organiser's list shows the world's activity exactly to its staff and admins.
const showsWorldActivity = (w, caller, items) => {
  const shows = items.some((a) => a.id === w.signupAct);
  const should = ['workerSty', 'admin'].includes(caller ? caller.name : 'anonymous');
  return shows === should ? null : `the list ${shows ? 'shows' : 'does not show'} 生态园社区's activity`;
};

export const ACTIVITY_ROUTES = {
  // who organises
  'GET /api/v1/activity-organisers': { prep: () => ({ path: '/api/v1/activity-organisers' }), ok: 200 },

  // activities and their series
  'POST /api/v1/activities': [
    {
      name: 'for 生态园社区',
      prep: (w) => ({ path: '/api/v1/activities', json: activityBody(w, { organiser_org_id: w.org.sty }) }),
      ok: 201,
      expect: NOT_ORGANISER,
    },
    {
      // The caller's one organiser; admins organise for all and must name it.
      name: 'for the caller\'s own organiser',
      prep: (w) => ({ path: '/api/v1/activities', json: activityBody(w) }),
      ok: 201,
      expect: { ...NO_ORGANISER, admin: 422 },
    },
  ],
  'GET /api/v1/activities/{id}': [
    { name: 'the world\'s activity', prep: (w) => { signupOccurrence(w); return { path: `/api/v1/activities/${w.signupAct}` }; }, ok: 200 },
    { name: 'an unknown activity', prep: () => ({ path: '/api/v1/activities/987654321' }), ok: 404 },
  ],
  'PUT /api/v1/activities/{id}': [
    {
      name: 'renamed',
      prep: async (w) => ({ path: `/api/v1/activities/${(await freshActivity(w)).activity.id}`, json: { title: `改名书法班 ${w.next()}` } }),
      ok: 200,
      expect: NOT_ORGANISER,
    },
    { name: 'an unknown activity', prep: () => ({ path: '/api/v1/activities/987654321', json: { title: '改名' } }), ok: 404 },
  ],
  'POST /api/v1/activities/{id}/cancel': {
    prep: async (w) => ({ path: `/api/v1/activities/${(await freshActivity(w)).activity.id}/cancel`, json: { note: '场地维修' } }),
    ok: 200,
    expect: NOT_ORGANISER,
  },
  'GET /api/v1/organiser-activities': {
    prep: (w) => { signupOccurrence(w); return { path: '/api/v1/organiser-activities?status=active' }; },
    ok: 200,
    expect: NO_ORGANISER,
    check: showsWorldActivity,
  },

  // occurrences
  'GET /api/v1/activity-occurrences': { prep: () => ({ path: '/api/v1/activity-occurrences?days=14&limit=100' }), ok: 200 },
  'GET /api/v1/activity-occurrences/{id}': [
    { name: 'the world\'s occurrence', prep: (w) => ({ path: `/api/v1/activity-occurrences/${signupOccurrence(w)}` }), ok: 200 },
    { name: 'an unknown occurrence', prep: () => ({ path: '/api/v1/activity-occurrences/987654321' }), ok: 404 },
  ],
  'PUT /api/v1/activity-occurrences/{id}': {
    prep: async (w) => ({ path: `/api/v1/activity-occurrences/${(await freshActivity(w)).occurrences[0].id}`, json: { capacity: 30 } }),
    ok: 200,
    expect: NOT_ORGANISER,
  },
  'POST /api/v1/activity-occurrences/{id}/cancel': {
    prep: async (w) => ({ path: `/api/v1/activity-occurrences/${(await freshActivity(w)).occurrences[0].id}/cancel`, json: { note: '大风停课' } }),
    ok: 200,
    expect: NOT_ORGANISER,
  },

  // sign-ups and the door
  'POST /api/v1/activity-occurrences/{id}/signups': {
    prep: (w) => ({ path: `/api/v1/activity-occurrences/${signupOccurrence(w)}/signups`, json: { name: '王阿姨', phone: phoneOf(w) } }),
    ok: 201,
    expect: { ...NOT_ORGANISER, resident: 422, resident2: 422 }, // residents sign up as their account (no phone here)
  },
  'GET /api/v1/activity-occurrences/{id}/signups': {
    prep: (w) => ({ path: `/api/v1/activity-occurrences/${signupOccurrence(w)}/signups` }), ok: 200, expect: NOT_ORGANISER,
  },
  'GET /api/v1/activity-occurrences/{id}/my-signup': {
    prep: (w) => ({ path: `/api/v1/activity-occurrences/${signupOccurrence(w)}/my-signup` }), ok: 200,
  },
  'POST /api/v1/activity-occurrences/{id}/check-in': {
    prep: (w) => ({ path: `/api/v1/activity-occurrences/${signupOccurrence(w)}/check-in`, json: { code: freshSignup(w).code } }),
    ok: 200,
    expect: NOT_ORGANISER,
  },
  'GET /api/v1/my/activity-signups': { prep: () => ({ path: '/api/v1/my/activity-signups?scope=upcoming' }), ok: 200 },
  'POST /api/v1/activity-signups/{id}/cancel': {
    prep: (w) => ({ path: `/api/v1/activity-signups/${freshSignup(w).id}/cancel`, json: {} }), ok: 200, expect: NOT_THEIRS,
  },
  'POST /api/v1/activity-signups/{id}/accept': {
    prep: (w) => ({ path: `/api/v1/activity-signups/${freshSignup(w, 'offered', residentId(w)).id}/accept`, json: {} }),
    ok: 404,
    expect: { resident: 200 },
  },
  'POST /api/v1/activity-signups/{id}/decline': {
    prep: (w) => ({ path: `/api/v1/activity-signups/${freshSignup(w, 'offered', residentId(w)).id}/decline`, json: {} }),
    ok: 404,
    expect: { resident: 200 },
  },
  'PUT /api/v1/activity-signups/{id}/attendance': {
    prep: (w) => ({ path: `/api/v1/activity-signups/${freshSignup(w).id}/attendance`, json: { attendance: 'attended' } }),
    ok: 200,
    expect: NOT_ORGANISER,
  },

  // calendars: the public feeds answer everybody the same; a wrong kind of id is 404
  'GET /api/v1/venues/{id}/activities.ics': [
    { name: 'a venue', prep: (w) => ({ path: `/api/v1/venues/${venue(w)}/activities.ics` }), ok: 200 },
    { name: 'a parking lot (no venue)', prep: (w) => ({ path: `/api/v1/venues/${w.lot}/activities.ics` }), ok: 404 },
  ],
  'GET /api/v1/communities/{id}/activities.ics': [
    { name: 'a community', prep: (w) => ({ path: `/api/v1/communities/${w.area['BH-STY']}/activities.ics` }), ok: 200 },
    { name: 'a sub-district (no community)', prep: (w) => ({ path: `/api/v1/communities/${w.area.BH}/activities.ics` }), ok: 404 },
  ],
  'GET /api/v1/organisations/{id}/activities.ics': [
    { name: 'an organiser', prep: (w) => { signupOccurrence(w); return { path: `/api/v1/organisations/${w.org.sty}/activities.ics` }; }, ok: 200 },
    { name: 'a keeper (no organiser)', prep: (w) => ({ path: `/api/v1/organisations/${w.org.keepA}/activities.ics` }), ok: 404 },
  ],
  'POST /api/v1/my/calendar-feed': { prep: () => ({ path: '/api/v1/my/calendar-feed', json: {} }), ok: 201 },
  'GET /api/v1/calendar-feeds/{token}/activities.ics': [
    { name: 'by its secret link', prep: async (w) => ({ path: `/api/v1/calendar-feeds/${await feedToken(w)}/activities.ics` }), ok: 200 },
    {
      name: 'by a replaced link',
      prep: async (w) => {
        const old = await feedToken(w);
        await feedToken(w);
        return { path: `/api/v1/calendar-feeds/${old}/activities.ics` };
      },
      ok: 404,
    },
  ],

  // counts (department users and admins; others 403 by the route's roles)
  'GET /api/v1/activity-counts': [
    { name: 'this month', prep: () => ({ path: '/api/v1/activity-counts' }), ok: 200 },
    { name: 'a bad month', prep: () => ({ path: '/api/v1/activity-counts?month=2026-13' }), ok: 422 },
  ],
};
