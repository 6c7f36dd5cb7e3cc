// The role matrix's rows for the volunteers' part in docs/volunteers.md
// (joined into ROUTES by matrix_routes.mjs). The matrix world has no
// volunteer team: admins are the only team admins there; each part's own
// HTTP test shows team staff and the volunteer at work.
//
// Certificates (docs/volunteers.md "Certificates"; the full story is
// tests/http/volunteers_certificates.test.mjs): a team 矩阵志愿队 with no
// members (made once by SQL), so admins are its only team admins and every
// other staff caller gets 403; its volunteer is `resident2`'s (made once by
// SQL, or the one already linked to that account), a member of the team
// with one confirmed record of 生态园社区 in 2026-01. resident2 reads their
// own certificates and asks for one; nobody else has a volunteer here (404
// on the /me routes). Certificates are issued fresh by the admin where a
// case writes; anyone verifies a number.
const ALL_BUT_ADMIN = {
  resident: 403, resident2: 403, worker: 403, workerBh: 403, workerSty: 403, workerStyGrid: 403, workerHw: 403,
  workerHwGrid: 403, volunteer: 403, keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
// Staff roles only (the routes for team admins name no resident).
const STAFF_BUT_ADMIN = Object.fromEntries(Object.entries(ALL_BUT_ADMIN).filter(([name]) => !name.startsWith('resident')));
// Readers: admins (team admins of every team) and the volunteer.
const NOT_READERS = { ...ALL_BUT_ADMIN, resident2: 200 };
// The /me routes: resident2 is the only volunteer.
const NO_VOLUNTEER = Object.fromEntries(Object.keys(ALL_BUT_ADMIN).map((name) => [name, 404]));
const sqlw = (w, q) => w.srv.sql(q, { readonly: false });

// The team, resident2's volunteer in it and a confirmed record (made once).
const certWorld = (w) => {
  if (!w.certWorld) {
    sqlw(w, "INSERT INTO organisations (kind, name, created_at) VALUES ('volunteer_team', '矩阵志愿队', 0);");
    const team = Number(w.srv.sql("SELECT id FROM organisations WHERE name = '矩阵志愿队';"));
    const user = w.callers.resident2.user.id;
    sqlw(w, 'INSERT INTO volunteers (volunteer_no, user_id, name, phone, status, created_at, updated_at) '
      + `SELECT 'V88000001', ${user}, '矩阵志愿者', '13912340000', 'active', 0, 0 `
      + `WHERE NOT EXISTS (SELECT 1 FROM volunteers WHERE user_id = ${user});`);
    const volunteer = Number(w.srv.sql(`SELECT id FROM volunteers WHERE user_id = ${user};`));
    sqlw(w, `INSERT INTO volunteer_team_members (team_org_id, volunteer_id, joined_at) VALUES (${team}, ${volunteer}, 0);`
      + 'INSERT INTO volunteer_records (volunteer_id, organiser_org_id, organiser_name, service_date, place, '
      + 'content, minutes, source, state, confirmed_by, confirmed_at, created_by, created_at) '
      + `VALUES (${volunteer}, ${w.org.sty}, '生态园社区', '2026-01-10', '生态园广场', '清理小广告', 120, 'manual', 'confirmed', 1, 0, 1, 0);`);
    w.certWorld = { team, volunteer };
  }
  return w.certWorld;
};
const issueBody = (w) => {
  const { team, volunteer } = certWorld(w);
  return { volunteer_id: volunteer, team_id: team, from: '2026-01-01', to: '2026-01-31' };
};
// A fresh certificate issued by the admin.
const freshCertificate = (w) => w.api('POST', '/api/v1/volunteer-certificates', issueBody(w), 201);
// One certificate for the reads (made once).
const worldCertificate = async (w) => {
  if (!w.certificate) w.certificate = await freshCertificate(w);
  return w.certificate;
};

export const VOLUNTEER_CERTIFICATES_ROUTES = {
  'POST /api/v1/volunteer-certificates': {
    name: 'for the team\'s volunteer',
    prep: (w) => ({ path: '/api/v1/volunteer-certificates', json: issueBody(w) }),
    ok: 201,
    expect: STAFF_BUT_ADMIN,
  },
  'POST /api/v1/volunteer-certificates/{id}/reissue': {
    name: 'a fresh certificate',
    prep: async (w) => ({ path: `/api/v1/volunteer-certificates/${(await freshCertificate(w)).id}/reissue`, json: {} }),
    ok: 201,
    expect: STAFF_BUT_ADMIN,
  },
  'GET /api/v1/volunteer-certificates/{id}': [
    {
      name: 'the team\'s certificate',
      prep: async (w) => ({ path: `/api/v1/volunteer-certificates/${(await worldCertificate(w)).id}` }),
      ok: 200,
      expect: NOT_READERS,
    },
    { name: 'an unknown certificate', prep: () => ({ path: '/api/v1/volunteer-certificates/987654321' }), ok: 404 },
  ],
  'GET /api/v1/volunteer-certificates/{id}/qr.svg': {
    name: 'the team\'s certificate',
    prep: async (w) => ({ path: `/api/v1/volunteer-certificates/${(await worldCertificate(w)).id}/qr.svg` }),
    ok: 200,
    expect: NOT_READERS,
  },
  'GET /api/v1/volunteers/{id}/certificates': [
    {
      name: 'the team\'s volunteer',
      prep: async (w) => { await worldCertificate(w); return { path: `/api/v1/volunteers/${certWorld(w).volunteer}/certificates` }; },
      ok: 200,
      expect: NOT_READERS,
    },
    { name: 'an unknown volunteer', prep: () => ({ path: '/api/v1/volunteers/987654321/certificates' }), ok: 404 },
  ],
  'GET /api/v1/me/volunteer/certificates': {
    prep: (w) => { certWorld(w); return { path: '/api/v1/me/volunteer/certificates' }; },
    ok: 200,
    expect: { ...NO_VOLUNTEER, admin: 404, resident2: 200 },
  },
  'POST /api/v1/me/volunteer/certificate-requests': {
    name: 'to the team, none open',
    prep: (w) => {
      const { team, volunteer } = certWorld(w);
      // One open request per team: the previous case's is answered first.
      sqlw(w, `UPDATE volunteer_certificate_requests SET state = 'answered' WHERE volunteer_id = ${volunteer};`);
      return { path: '/api/v1/me/volunteer/certificate-requests', json: { team_id: team, from: '2026-01-01', to: '2026-01-31' } };
    },
    ok: 201,
    expect: { ...NO_VOLUNTEER, admin: 404, resident2: 201 },
  },
  'GET /api/v1/volunteer-certificate-requests': {
    name: 'the team\'s requests',
    prep: (w) => ({ path: `/api/v1/volunteer-certificate-requests?team_id=${certWorld(w).team}` }),
    ok: 200,
    expect: STAFF_BUT_ADMIN,
  },
  'GET /api/v1/certificate-verifications/{number}': [
    {
      name: 'an issued number',
      prep: async (w) => ({ path: `/api/v1/certificate-verifications/${(await worldCertificate(w)).number}` }),
      ok: 200,
    },
    { name: 'a malformed number', prep: () => ({ path: '/api/v1/certificate-verifications/ZY2026' }), ok: 404 },
  ],
};
