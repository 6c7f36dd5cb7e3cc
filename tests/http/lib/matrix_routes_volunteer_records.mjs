// The role matrix's rows for the volunteers' part in docs/volunteers.md
// (joined into ROUTES by matrix_routes.mjs). The matrix world has no
// volunteer team: admins are the only team admins there; each part's own
// HTTP test shows team staff and the volunteer at work.
//
// The hours ledger (docs/volunteers.md "The hours ledger"; the full story is
// tests/http/volunteers_ledger.test.mjs): the records are 生态园社区's
// (w.org.sty), so `workerSty` is their organiser's staff and admins may do
// all; every other staff caller organises for another organisation or for
// none (403). The ledger's volunteer is `resident2`'s (made once by SQL, or
// the one already linked to that account): resident2 reads their own
// records and disputes them; nobody else has a volunteer here (404 on
// /me/volunteer/records). Records and disputes are written by SQL, fresh for
// every write.
const NOT_STY_STAFF = {
  worker: 403, workerBh: 403, workerStyGrid: 403, workerHw: 403, workerHwGrid: 403, volunteer: 403,
  keeper: 403, keeperB: 403, department: 403, departmentB: 403, publisher: 403,
};
const EVERY_STAFF = { ...NOT_STY_STAFF, workerSty: 403, admin: 403 };
const sqlw = (w, q) => w.srv.sql(q, { readonly: false });

// resident2's volunteer (made once).
const ledgerVolunteer = (w) => {
  if (!w.ledgerVolunteer) {
    const user = w.callers.resident2.user.id;
    sqlw(w, 'INSERT INTO volunteers (volunteer_no, user_id, name, phone, status, created_at, updated_at) '
      + `SELECT 'V88000001', ${user}, '矩阵志愿者', '13912340000', 'active', 0, 0 `
      + `WHERE NOT EXISTS (SELECT 1 FROM volunteers WHERE user_id = ${user});`);
    w.ledgerVolunteer = Number(w.srv.sql(`SELECT id FROM volunteers WHERE user_id = ${user};`));
  }
  return w.ledgerVolunteer;
};
// A fresh record of 生态园社区 for that volunteer: its id.
const ledgerRecord = (w, state = 'confirmed') => {
  const v = ledgerVolunteer(w);
  const confirmed = state === 'confirmed' ? "'confirmed', 1, 0" : "'submitted', NULL, NULL";
  sqlw(w, 'INSERT INTO volunteer_records (volunteer_id, organiser_org_id, organiser_name, service_date, place, '
    + 'content, minutes, source, state, confirmed_by, confirmed_at, created_by, created_at) '
    + `VALUES (${v}, ${w.org.sty}, '生态园社区', '2026-01-15', '生态园广场', '清理小广告', 120, 'manual', ${confirmed}, 1, 0);`);
  return Number(w.srv.sql(`SELECT MAX(id) FROM volunteer_records WHERE volunteer_id = ${v};`));
};
// A fresh open dispute of a fresh confirmed record: its id.
const ledgerDispute = (w) => {
  const record = ledgerRecord(w);
  sqlw(w, 'INSERT INTO volunteer_disputes (record_id, volunteer_id, text, raised_by, raised_at, state) '
    + `VALUES (${record}, ${ledgerVolunteer(w)}, '时长不对', ${w.callers.resident2.user.id}, 0, 'open');`);
  return Number(w.srv.sql(`SELECT id FROM volunteer_disputes WHERE record_id = ${record};`));
};

export const VOLUNTEER_RECORDS_ROUTES = {
  'POST /api/v1/volunteer-records': {
    name: 'a manual record of 生态园社区',
    prep: (w) => ({
      path: '/api/v1/volunteer-records',
      json: {
        volunteer_id: ledgerVolunteer(w), organiser_org_id: w.org.sty, service_date: '2026-01-15',
        place: '生态园广场', content: '清理小广告', minutes: 90,
      },
    }),
    ok: 201,
    expect: NOT_STY_STAFF,
  },
  'GET /api/v1/volunteer-records': {
    name: '生态园社区\'s records',
    prep: (w) => ({ path: `/api/v1/volunteer-records?organiser_org_id=${w.org.sty}` }),
    ok: 200,
    expect: NOT_STY_STAFF,
  },
  'POST /api/v1/volunteer-records/{id}/confirm': {
    name: 'a submitted record',
    prep: (w) => ({ path: `/api/v1/volunteer-records/${ledgerRecord(w, 'submitted')}/confirm`, json: {} }),
    ok: 200,
    expect: NOT_STY_STAFF,
  },
  'POST /api/v1/volunteer-records/{id}/corrections': {
    name: 'a confirmed record',
    prep: (w) => ({
      path: `/api/v1/volunteer-records/${ledgerRecord(w)}/corrections`,
      json: { minutes: -15, reason: '签退时间记错' },
    }),
    ok: 201,
    expect: NOT_STY_STAFF,
  },
  'POST /api/v1/volunteer-records/{id}/disputes': {
    name: 'resident2\'s record',
    prep: (w) => ({ path: `/api/v1/volunteer-records/${ledgerRecord(w)}/disputes`, json: { text: '我干了三个小时' } }),
    ok: 201,
    expect: { ...EVERY_STAFF, resident: 403 }, // the record's volunteer only
  },
  'GET /api/v1/volunteer-disputes': {
    name: '生态园社区\'s disputes',
    prep: (w) => ({ path: `/api/v1/volunteer-disputes?organiser_org_id=${w.org.sty}&state=open` }),
    ok: 200,
    expect: NOT_STY_STAFF,
  },
  'POST /api/v1/volunteer-disputes/{id}/answer': {
    name: 'an open dispute',
    prep: (w) => ({ path: `/api/v1/volunteer-disputes/${ledgerDispute(w)}/answer`, json: { answer: '已核实' } }),
    ok: 200,
    expect: NOT_STY_STAFF,
  },
  'GET /api/v1/volunteers/{id}/records': {
    name: 'resident2\'s volunteer',
    prep: (w) => ({ path: `/api/v1/volunteers/${ledgerVolunteer(w)}/records` }),
    ok: 200,
    expect: { ...NOT_STY_STAFF, workerSty: 403, resident: 403 }, // admins (the only team admins here) and the volunteer
  },
  'GET /api/v1/me/volunteer/records': {
    name: 'one\'s own',
    prep: (w) => {
      ledgerVolunteer(w);
      return { path: '/api/v1/me/volunteer/records' };
    },
    ok: 404,
    expect: { resident2: 200 }, // only resident2 is a volunteer here
  },
};
