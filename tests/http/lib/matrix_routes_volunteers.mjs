// The role matrix's rows for the volunteers' part in docs/volunteers.md
// (joined into ROUTES by matrix_routes.mjs). The matrix world has no
// volunteer team: admins are the only team admins there; each part's own
// HTTP test shows team staff and the volunteer at work.
//
// The registry and the teams ("Volunteers", "Teams"; the full story is
// tests/http/volunteers_registry.test.mjs): one team 矩阵志愿队 (an
// organisation of kind volunteer_team with no member, made once by SQL), so
// every staff caller but admins is refused (403) on the team admins' routes;
// its volunteers are written by SQL, fresh for every call that changes
// them, and none of them is anyone's own (so a resident reading one: 403).
// resident2 is a volunteer (the same SQL as the ledger's rows: whichever
// runs first makes it) and reads /me/volunteer; nobody else has one (404).
const STAFF_NOT_ADMIN = {
  worker: 403, workerBh: 403, workerSty: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403,
  volunteer: 403, keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
const sqlw = (w, q) => w.srv.sql(q, { readonly: false });

// The matrix's one team (made once): its id.
const matrixTeam = (w) => {
  if (!w.matrixTeam) {
    sqlw(w, "INSERT INTO organisations (kind, name, created_at) SELECT 'volunteer_team', '矩阵志愿队', 0 "
      + "WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE kind = 'volunteer_team' AND name = '矩阵志愿队');");
    w.matrixTeam = Number(w.srv.sql("SELECT id FROM organisations WHERE kind = 'volunteer_team' AND name = '矩阵志愿队';"));
  }
  return w.matrixTeam;
};
// A fresh resident ID number (and a fresh volunteer number beside it).
const nextSeq = (w) => {
  w.matrixVolunteerSeq = (w.matrixVolunteerSeq || 0) + 1;
  return String(w.matrixVolunteerSeq).padStart(4, '0');
};
const freshId = (w) => `14110219800101${nextSeq(w)}`;
// A fresh volunteer of nobody's account, in the team unless `inTeam` is
// false: its id.
const matrixVolunteer = (w, inTeam = true) => {
  const team = matrixTeam(w);
  const seq = nextSeq(w);
  sqlw(w, 'INSERT INTO volunteers (volunteer_no, name, phone, id_type, id_number, birth_date, status, created_at, updated_at) '
    + `VALUES ('V7700${seq}', '矩阵队员', '13912345678', 'resident_id', '14110219800101${seq}', '1980-01-01', 'active', 1767225600, 1767225600);`);
  const id = Number(w.srv.sql(`SELECT id FROM volunteers WHERE volunteer_no = 'V7700${seq}';`));
  if (inTeam) {
    sqlw(w, 'INSERT INTO volunteer_team_members (team_org_id, volunteer_id, joined_at) '
      + `VALUES (${team}, ${id}, 0);`);
  }
  return id;
};
// resident2's volunteer (the ledger rows' SQL: one per account).
const resident2Volunteer = (w) => {
  const user = w.callers.resident2.user.id;
  sqlw(w, 'INSERT INTO volunteers (volunteer_no, user_id, name, phone, status, created_at, updated_at) '
    + `SELECT 'V88000001', ${user}, '矩阵志愿者', '13912340000', 'active', 0, 0 `
    + `WHERE NOT EXISTS (SELECT 1 FROM volunteers WHERE user_id = ${user});`);
};

export const VOLUNTEERS_ROUTES = {
  'POST /api/v1/volunteers': {
    name: 'a registration into 矩阵志愿队',
    prep: (w) => ({
      path: '/api/v1/volunteers',
      json: {
        team_id: matrixTeam(w), name: '新队员', phone: '13912345678', id_type: 'resident_id',
        id_number: freshId(w), birth_date: '1985-03-02',
      },
    }),
    ok: 201,
    expect: STAFF_NOT_ADMIN,
  },
  'GET /api/v1/volunteers': {
    name: '矩阵志愿队\'s volunteers',
    prep: (w) => ({ path: `/api/v1/volunteers?team_id=${matrixTeam(w)}` }),
    ok: 200,
    expect: STAFF_NOT_ADMIN,
  },
  'GET /api/v1/volunteers/{id}': {
    name: 'a volunteer of 矩阵志愿队',
    prep: (w) => {
      w.matrixReadVolunteer = w.matrixReadVolunteer || matrixVolunteer(w);
      return { path: `/api/v1/volunteers/${w.matrixReadVolunteer}` };
    },
    ok: 200,
    expect: { ...STAFF_NOT_ADMIN, resident: 403, resident2: 403 },
  },
  'PUT /api/v1/volunteers/{id}': {
    name: 'a volunteer of 矩阵志愿队',
    prep: (w) => ({ path: `/api/v1/volunteers/${matrixVolunteer(w)}`, json: { availability: '周末上午' } }),
    ok: 200,
    expect: STAFF_NOT_ADMIN,
  },
  'POST /api/v1/volunteers/{id}/teams': {
    name: 'a volunteer in no team joins 矩阵志愿队',
    prep: (w) => ({ path: `/api/v1/volunteers/${matrixVolunteer(w, false)}/teams`, json: { team_id: matrixTeam(w) } }),
    ok: 201,
    expect: STAFF_NOT_ADMIN,
  },
  'DELETE /api/v1/volunteers/{id}/teams/{team_id}': {
    name: 'a volunteer leaves 矩阵志愿队',
    prep: (w) => ({ path: `/api/v1/volunteers/${matrixVolunteer(w)}/teams/${matrixTeam(w)}` }),
    ok: 200,
    expect: STAFF_NOT_ADMIN,
  },
  'GET /api/v1/me/volunteer': {
    name: 'one\'s own',
    prep: (w) => {
      resident2Volunteer(w);
      return { path: '/api/v1/me/volunteer' };
    },
    ok: 404,
    expect: { resident2: 200 }, // only resident2 is a volunteer here
  },
  'GET /api/v1/volunteer-teams': {
    name: 'every team',
    prep: (w) => {
      matrixTeam(w);
      return { path: '/api/v1/volunteer-teams' };
    },
    ok: 200,
  },
  'PUT /api/v1/volunteer-teams/{id}': {
    name: '矩阵志愿队\'s facts',
    prep: (w) => ({ path: `/api/v1/volunteer-teams/${matrixTeam(w)}`, json: { responsible_person: '矩阵队长', contact_phone: '0358-8221234' } }),
    ok: 200,
    expect: STAFF_NOT_ADMIN,
  },
};
