// The role matrix's rows for the volunteers' part in docs/volunteers.md
// (joined into ROUTES by matrix_routes.mjs). The matrix world has no
// volunteer team: admins are the only team admins there; each part's own
// HTTP test shows team staff and the volunteer at work.
//
// Shifts, outcomes and counts (docs/volunteers.md "Shifts", "Outcomes",
// "Counts"; the full story is tests/http/volunteers_shifts.test.mjs): the
// shifts are on an activity of 生态园社区 (w.org.sty), so `workerSty` is its
// organiser's staff and admins may do all; every other staff caller
// organises for another organisation or for none (403). The activity's one
// occurrence is today (made once by SQL) and its shifts run 00:00–23:59, so
// sign-ups and check-in are open whenever the matrix runs. The only
// volunteer with an account is `resident2`'s (made once by SQL, or the one
// already linked to that account): they sign up, cancel and use the code;
// every other caller is no volunteer (403 not_a_volunteer). Shifts and
// sign-ups are made fresh by the admin over the API for every write. A
// team's shifts: 矩阵生态园志愿队 (made once by SQL) belongs to 生态园社区, so
// `workerSty` (the staff of the organisation it belongs to) and admins list
// them; it has no member, so no other team admin.
const NOT_STY_STAFF = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403, volunteer: 403,
  keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
// Routes any signed-in caller may call: the residents are no staff either.
const NOT_STY_STAFF_ANY = { ...NOT_STY_STAFF, resident: 403, resident2: 403 };
// Only resident2 (the volunteer) gets `ok`; everyone else 403.
const ONLY_THE_VOLUNTEER = {
  resident: 403, worker: 403, workerBh: 403, workerSty: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403,
  volunteer: 403, keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403, admin: 403,
};
const DAY = 86400;
const districtDate = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 10);
const sqlw = (w, q) => w.srv.sql(q, { readonly: false });

// Today's occurrence of 生态园社区 (made once, by SQL): its id.
const shiftOccurrence = (w) => {
  if (!w.shiftOccurrence) {
    const now = Math.floor(Date.now() / 1000);
    const date = districtDate(now);
    const midnight = Date.parse(`${date}T00:00:00+08:00`) / 1000;
    sqlw(w, 'INSERT INTO activities (title, organiser_org_id, address, capacity, first_date, start_minute, duration_minutes, created_by, created_at, updated_at) '
      + `VALUES ('矩阵志愿服务', ${w.org.sty}, '生态园广场', 100, '${date}', 0, 1439, 1, 0, 0);`);
    const activity = Number(w.srv.sql("SELECT MAX(id) FROM activities WHERE title = '矩阵志愿服务';"));
    sqlw(w, 'INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, capacity, updated_at) '
      + `VALUES (${activity}, 1, '${date}', ${midnight}, ${midnight + DAY - 60}, 100, 0);`);
    w.shiftOccurrence = Number(w.srv.sql(`SELECT id FROM activity_occurrences WHERE activity_id = ${activity};`));
  }
  return w.shiftOccurrence;
};
const shiftBody = (w) => ({ title: `矩阵清理小广告 ${w.next()}`, starts_at: '00:00', ends_at: '23:59', capacity: 100 });
// A fresh shift (made by the admin): the shift view with its code.
const freshShift = (w) => w.api('POST', `/api/v1/activity-occurrences/${shiftOccurrence(w)}/shifts`, shiftBody(w), 201);
const worldShift = async (w) => {
  if (!w.volunteerShift) w.volunteerShift = await freshShift(w);
  return w.volunteerShift;
};
// resident2's volunteer (made once, unless the ledger's rows made it).
const shiftVolunteer = (w) => {
  if (!w.shiftVolunteer) {
    const user = w.callers.resident2.user.id;
    sqlw(w, 'INSERT INTO volunteers (volunteer_no, user_id, name, phone, birth_date, status, created_at, updated_at) '
      + `SELECT 'V88000002', ${user}, '矩阵志愿者', '13912340000', '1980-01-01', 'active', 0, 0 `
      + `WHERE NOT EXISTS (SELECT 1 FROM volunteers WHERE user_id = ${user});`);
    sqlw(w, `UPDATE volunteers SET birth_date = '1980-01-01' WHERE user_id = ${user} AND birth_date IS NULL;`);
    w.shiftVolunteer = Number(w.srv.sql(`SELECT id FROM volunteers WHERE user_id = ${user};`));
  }
  return w.shiftVolunteer;
};
// A fresh shift with resident2's volunteer signed up by the admin
// (checked in when `checkedIn`): { shift, signup }.
const freshSignup = async (w, checkedIn = false) => {
  const shift = await freshShift(w);
  const signup = await w.api('POST', `/api/v1/volunteer-shifts/${shift.id}/signups`, { volunteer_id: shiftVolunteer(w) }, 201);
  if (checkedIn) await w.api('POST', `/api/v1/volunteer-signups/${signup.id}/check-in`, {}, 200);
  return { shift, signup };
};
const month = () => districtDate(Math.floor(Date.now() / 1000)).slice(0, 7);
// 矩阵生态园志愿队, a team of 生态园社区 (made once, by SQL), with one shift of
// today's occurrence (made once, by the admin): its id.
const styTeam = async (w) => {
  if (!w.styTeam) {
    sqlw(w, "INSERT INTO organisations (kind, name, created_at) VALUES ('volunteer_team', '矩阵生态园志愿队', 0);");
    w.styTeam = Number(w.srv.sql("SELECT MAX(id) FROM organisations WHERE kind = 'volunteer_team' AND name = '矩阵生态园志愿队';"));
    sqlw(w, `INSERT INTO volunteer_teams (org_id, parent_org_id, updated_at) VALUES (${w.styTeam}, ${w.org.sty}, 0);`);
    await w.api('POST', `/api/v1/activity-occurrences/${shiftOccurrence(w)}/shifts`, { ...shiftBody(w), team_id: w.styTeam }, 201);
  }
  return w.styTeam;
};

export const VOLUNTEER_SHIFTS_ROUTES = {
  // shifts
  'POST /api/v1/activity-occurrences/{id}/shifts': [
    {
      name: 'on 生态园社区\'s occurrence',
      prep: (w) => ({ path: `/api/v1/activity-occurrences/${shiftOccurrence(w)}/shifts`, json: shiftBody(w) }),
      ok: 201,
      expect: NOT_STY_STAFF,
    },
    { name: 'an unknown occurrence', prep: (w) => ({ path: '/api/v1/activity-occurrences/987654321/shifts', json: shiftBody(w) }), ok: 404 },
  ],
  'GET /api/v1/activity-occurrences/{id}/shifts': [
    { name: 'the occurrence\'s shifts', prep: async (w) => { await worldShift(w); return { path: `/api/v1/activity-occurrences/${shiftOccurrence(w)}/shifts` }; }, ok: 200 },
    { name: 'an unknown occurrence', prep: () => ({ path: '/api/v1/activity-occurrences/987654321/shifts' }), ok: 404 },
  ],
  'GET /api/v1/volunteer-shifts/{id}': [
    { name: 'the world\'s shift', prep: async (w) => ({ path: `/api/v1/volunteer-shifts/${(await worldShift(w)).id}` }), ok: 200, expect: NOT_STY_STAFF },
    { name: 'an unknown shift', prep: () => ({ path: '/api/v1/volunteer-shifts/987654321' }), ok: 404 },
  ],
  'POST /api/v1/volunteer-shifts/{id}/signups': [
    {
      // Only resident2 is a volunteer; everyone else is refused not_a_volunteer.
      name: 'oneself',
      prep: async (w) => { shiftVolunteer(w); return { path: `/api/v1/volunteer-shifts/${(await freshShift(w)).id}/signups`, json: {} }; },
      ok: 403,
      expect: { resident2: 201 },
    },
    {
      name: 'resident2\'s volunteer, by the staff (or by themself)',
      prep: async (w) => ({ path: `/api/v1/volunteer-shifts/${(await freshShift(w)).id}/signups`, json: { volunteer_id: shiftVolunteer(w) } }),
      ok: 201,
      expect: { ...NOT_STY_STAFF, resident: 403 },
    },
    { name: 'an unknown shift', prep: () => ({ path: '/api/v1/volunteer-shifts/987654321/signups', json: {} }), ok: 404 },
  ],
  'DELETE /api/v1/volunteer-signups/{id}': [
    {
      name: 'resident2\'s sign-up',
      prep: async (w) => ({ path: `/api/v1/volunteer-signups/${(await freshSignup(w)).signup.id}` }),
      ok: 200,
      expect: { ...NOT_STY_STAFF, resident: 403 },
    },
    { name: 'an unknown sign-up', prep: () => ({ path: '/api/v1/volunteer-signups/987654321' }), ok: 404 },
  ],
  'POST /api/v1/volunteer-signups/{id}/check-in': [
    {
      name: 'from the list (staff)',
      prep: async (w) => ({ path: `/api/v1/volunteer-signups/${(await freshSignup(w)).signup.id}/check-in`, json: {} }),
      ok: 200,
      expect: NOT_STY_STAFF_ANY,
    },
    {
      name: 'with the code (the volunteer)',
      prep: async (w) => {
        const { shift, signup } = await freshSignup(w);
        return { path: `/api/v1/volunteer-signups/${signup.id}/check-in`, json: { code: shift.code } };
      },
      ok: 403,
      expect: { resident2: 200 },
    },
    { name: 'an unknown sign-up', prep: () => ({ path: '/api/v1/volunteer-signups/987654321/check-in', json: {} }), ok: 404 },
  ],
  'POST /api/v1/volunteer-signups/{id}/check-out': [
    {
      name: 'from the list (staff)',
      prep: async (w) => ({ path: `/api/v1/volunteer-signups/${(await freshSignup(w, true)).signup.id}/check-out`, json: {} }),
      ok: 200,
      expect: NOT_STY_STAFF_ANY,
    },
    {
      name: 'with the code (the volunteer)',
      prep: async (w) => {
        const { shift, signup } = await freshSignup(w, true);
        return { path: `/api/v1/volunteer-signups/${signup.id}/check-out`, json: { code: shift.code } };
      },
      ok: 403,
      expect: { resident2: 200 },
    },
    { name: 'an unknown sign-up', prep: () => ({ path: '/api/v1/volunteer-signups/987654321/check-out', json: {} }), ok: 404 },
  ],
  'POST /api/v1/volunteer-shifts/{id}/confirm': [
    { name: 'the world\'s shift', prep: async (w) => ({ path: `/api/v1/volunteer-shifts/${(await worldShift(w)).id}/confirm`, json: {} }), ok: 200, expect: NOT_STY_STAFF },
    { name: 'an unknown shift', prep: () => ({ path: '/api/v1/volunteer-shifts/987654321/confirm', json: {} }), ok: 404 },
  ],
  'POST /api/v1/volunteer-shifts/{id}/cancel': [
    {
      name: 'a fresh shift of 生态园社区',
      prep: async (w) => ({ path: `/api/v1/volunteer-shifts/${(await freshShift(w)).id}/cancel`, json: { reason: '矩阵取消' } }),
      ok: 200,
      expect: NOT_STY_STAFF,
    },
    { name: 'an unknown shift', prep: () => ({ path: '/api/v1/volunteer-shifts/987654321/cancel', json: { reason: '矩阵取消' } }), ok: 404 },
  ],
  'GET /api/v1/volunteer-teams/{id}/shifts': [
    { name: 'a team of 生态园社区', prep: async (w) => ({ path: `/api/v1/volunteer-teams/${await styTeam(w)}/shifts` }), ok: 200, expect: NOT_STY_STAFF },
    { name: 'a bad date', prep: async (w) => ({ path: `/api/v1/volunteer-teams/${await styTeam(w)}/shifts?from=2026-13-01` }), ok: 422 },
    { name: 'an unknown team', prep: () => ({ path: '/api/v1/volunteer-teams/987654321/shifts' }), ok: 404 },
  ],

  // outcomes (kinds: admins only, by the route's roles)
  'GET /api/v1/volunteer-outcome-kinds': { prep: () => ({ path: '/api/v1/volunteer-outcome-kinds' }), ok: 200 },
  'POST /api/v1/volunteer-outcome-kinds': {
    prep: (w) => ({ path: '/api/v1/volunteer-outcome-kinds', json: { code: `matrix_${String(w.next()).replace(/[0-9]/g, (d) => 'abcdefghij'[d])}`, name: '矩阵成果', unit: '处' } }),
    ok: 201,
  },
  'PUT /api/v1/volunteer-outcome-kinds/{code}': [
    { name: 'a seeded kind', prep: () => ({ path: '/api/v1/volunteer-outcome-kinds/trees_planted', json: { name: '植树' } }), ok: 200 },
    { name: 'an unknown kind', prep: () => ({ path: '/api/v1/volunteer-outcome-kinds/no_such_kind', json: { name: '无' } }), ok: 404 },
  ],
  'GET /api/v1/activity-occurrences/{id}/outcomes': [
    { name: 'the occurrence\'s outcomes', prep: (w) => ({ path: `/api/v1/activity-occurrences/${shiftOccurrence(w)}/outcomes` }), ok: 200 },
    { name: 'an unknown occurrence', prep: () => ({ path: '/api/v1/activity-occurrences/987654321/outcomes' }), ok: 404 },
  ],
  'PUT /api/v1/activity-occurrences/{id}/outcomes': [
    {
      name: 'on 生态园社区\'s occurrence',
      prep: (w) => ({ path: `/api/v1/activity-occurrences/${shiftOccurrence(w)}/outcomes`, json: { items: [{ kind: 'ads_removed', quantity: 12 }, { kind: 'rubbish_m3', quantity: 1.5 }] } }),
      ok: 200,
      expect: NOT_STY_STAFF,
    },
    { name: 'an unknown occurrence', prep: () => ({ path: '/api/v1/activity-occurrences/987654321/outcomes', json: { items: [] } }), ok: 404 },
  ],

  // one's own sign-ups: only resident2 is a volunteer here
  'GET /api/v1/me/volunteer/signups': {
    name: 'one\'s own',
    prep: (w) => {
      shiftVolunteer(w);
      return { path: '/api/v1/me/volunteer/signups' };
    },
    ok: 404,
    expect: { resident2: 200 },
  },

  // counts (public)
  'GET /api/v1/volunteer-counts': [
    { name: 'this month', prep: () => ({ path: `/api/v1/volunteer-counts?month=${month()}` }), ok: 200 },
    { name: 'a bad month', prep: () => ({ path: '/api/v1/volunteer-counts?month=2026-13' }), ok: 422 },
  ],
};
