// The role matrix's rows for after-school care (docs/afterschool.md; joined
// into ROUTES by matrix_routes.mjs). The world's programme belongs to
// 生态园社区 (w.org.sty): `workerSty` is its organiser staff, `volunteer` the
// one on its staff list, `resident` the guardian of its child (enrolled,
// with a photo, a pickup adult with a photo); 后瓦社区's programme has
// `workerHw` on its staff list and `resident2` guards a child of its own.
// The scope checks: the staff of another programme (workerHw), another child's guardian
// (resident2), the organiser and an admin reading a child or the roster —
// all 403. The programmes run every day of the week this term (make-up days
// too), so that today is a session day unless it is an official holiday
// (data/calendar): then the day's writes answer 409 no_session.
import { readFileSync } from 'node:fs';
import { PNG } from './matrix_world.mjs';

const DAY = 86400;
// The district's date (UTC+8) of a unix time, YYYY-MM-DD.
const districtDate = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 10);
const NOW = Math.floor(Date.now() / 1000);
const TODAY = districtDate(NOW);
const YESTERDAY = districtDate(NOW - DAY);
const isHoliday = (date) => {
  try {
    return readFileSync(`data/calendar/${date.slice(0, 4)}.txt`, 'utf8').split('\n').some((l) => l.startsWith(`${date} holiday`));
  } catch {
    return false;
  }
};
const HOLIDAY = isHoliday(TODAY);
// What a write of the day answers the programme's staff: its success, or 409 on a holiday.
const onSessionDay = (status) => (HOLIDAY ? 409 : status);
// The same for yesterday (its session is over: the duty confirmation).
const onYesterday = (status) => (isHoliday(YESTERDAY) ? 409 : status);

// Staff who organise for nobody (their organisations are no organiser's kind)
// and are on no staff list.
const NO_PART = { worker: 403, workerBh: 403, workerStyGrid: 403, workerHwGrid: 403, keeper: 403, keeperB: 403 };
// Everybody staff-like but 生态园社区's organiser staff (and admins).
const NOT_ORGANISER = { ...NO_PART, workerHw: 403, volunteer: 403, department: 403, departmentB: 403, publisher: 403 };

const programmeBody = (w, extra = {}) => ({
  name: `矩阵四点半课堂 ${w.next()}`, site_id: w.asSite, weekdays: [1, 2, 3, 4, 5, 6, 7], on_makeup_days: true,
  start_time: '16:30', end_time: '18:30', capacity: 500, term_start: districtDate(NOW - 30 * DAY), term_end: districtDate(NOW + 300 * DAY),
  ...extra,
});
const phoneOf = (w) => `137${String(50000000 + w.next()).slice(-8)}`;
const childBody = (w) => ({
  name: `矩阵小朋友${w.next()}`, school: '离石区滨河小学', grade: '二年级', birth_date: districtDate(NOW - 8 * 365 * DAY),
  health_notes: null, relation: '母亲', consent: true,
});
const adultBody = (w, childIds, extra = {}) => ({
  name: '李秀英', relation: '奶奶', phone: phoneOf(w), birth_date: '1971-03-02', child_ids: childIds, ...extra,
});

// The world's programmes, children and adult (made once).
async function world(w) {
  if (w.as) return w.as;
  const { api } = w;
  w.asSite = await w.facility('afterschool_site');
  const resident = w.callers.resident;
  const prog = await api('POST', '/api/v1/afterschool-programmes', programmeBody(w, { organiser_org_id: w.org.sty }), 201);
  await api('PUT', `/api/v1/afterschool-programmes/${prog.id}/staff`, {
    staff: [{ user_id: w.callers.volunteer.user.id, role: 'volunteer', background_checked_on: districtDate(NOW - 30 * DAY) }],
  }, 200);
  const other = await api('POST', '/api/v1/afterschool-programmes', programmeBody(w, { organiser_org_id: w.org.hw }), 201);
  await api('PUT', `/api/v1/afterschool-programmes/${other.id}/staff`, {
    staff: [{ user_id: w.callers.workerHw.user.id, role: 'staff', background_checked_on: districtDate(NOW - 30 * DAY) }],
  }, 200);
  const child = await api('POST', '/api/v1/children', { ...childBody(w), photo: PNG.toString('base64') }, 201, resident);
  await api('POST', `/api/v1/children/${child.id}/enrolments`, { programme_id: prog.id, consent: true }, 201, resident);
  const adult = await api('POST', '/api/v1/my-pickup-adults', adultBody(w, [child.id], { photo: PNG.toString('base64') }), 201, resident);
  const otherChild = await api('POST', '/api/v1/children', childBody(w), 201, w.callers.resident2);
  await api('POST', `/api/v1/children/${otherChild.id}/enrolments`, { programme_id: other.id, consent: true }, 201, w.callers.resident2);
  w.as = { prog: prog.id, other: other.id, child: child.id, adult: adult.adult.id };
  return w.as;
}
const P = '/api/v1/afterschool-programmes';
const prog = async (w) => (await world(w)).prog;
// A fresh child of `resident`, enrolled in the world's programme when `enrol`.
async function freshChild(w, enrol = false) {
  const as = await world(w);
  const c = await w.api('POST', '/api/v1/children', childBody(w), 201, w.callers.resident);
  if (enrol) {
    const e = await w.api('POST', `/api/v1/children/${c.id}/enrolments`, { programme_id: as.prog, consent: true }, 201, w.callers.resident);
    c.enrolment = e.id;
  }
  return c;
}
const freshAdult = async (w) => (await w.api('POST', '/api/v1/my-pickup-adults', adultBody(w, [(await freshChild(w)).id]), 201, w.callers.resident)).adult.id;
const freshProgramme = async (w) => {
  await world(w);
  return (await w.api('POST', P, programmeBody(w, { organiser_org_id: w.org.sty }), 201)).id;
};
// A fresh programme of 生态园社区 with the matrix's volunteer on yesterday's
// duty (over, not confirmed yet): each caller confirms a day of its own. On
// the staff list as `staff`, so that a confirmation gives them no ledger
// record (which would make them a volunteer for the volunteers' rows; the
// records: afterschool_duty.test.mjs).
const freshDutyDay = async (w) => {
  const id = await freshProgramme(w);
  const volunteer = w.callers.volunteer.user.id;
  await w.api('PUT', `${P}/${id}/staff`, { staff: [{ user_id: volunteer, role: 'staff', background_checked_on: districtDate(NOW - 30 * DAY) }] }, 200);
  await w.api('PUT', `${P}/${id}/days/${YESTERDAY}/duty`, { user_ids: [volunteer] }, onYesterday(200));
  return id;
};

export const AFTERSCHOOL_ROUTES = {
  // programmes
  'POST /api/v1/afterschool-programmes': [
    { name: 'for 生态园社区', prep: async (w) => { await world(w); return { path: P, json: programmeBody(w, { organiser_org_id: w.org.sty }) }; }, ok: 201, expect: NOT_ORGANISER },
    {
      // The caller's one organiser; admins organise for all and must name it.
      name: 'for the caller\'s own organiser',
      prep: async (w) => { await world(w); return { path: P, json: programmeBody(w) }; },
      ok: 201,
      expect: { ...NO_PART, volunteer: 403, admin: 422 },
    },
  ],
  'GET /api/v1/afterschool-programmes': { prep: () => ({ path: P }), ok: 200 },
  'GET /api/v1/afterschool-programmes/{id}': [
    { name: 'the world\'s programme', prep: async (w) => ({ path: `${P}/${await prog(w)}` }), ok: 200 },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321` }), ok: 404 },
  ],
  'PUT /api/v1/afterschool-programmes/{id}': [
    { name: 'a new capacity', prep: async (w) => ({ path: `${P}/${await freshProgramme(w)}`, json: { capacity: 40 } }), ok: 200, expect: NOT_ORGANISER },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321`, json: { capacity: 40 } }), ok: 404 },
  ],
  'GET /api/v1/afterschool-programmes/{id}/days': [
    { name: 'the world\'s programme', prep: async (w) => ({ path: `${P}/${await prog(w)}/days?days=7` }), ok: 200 },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321/days` }), ok: 404 },
  ],
  'GET /api/v1/organiser-afterschool-programmes': {
    prep: async (w) => { await world(w); return { path: '/api/v1/organiser-afterschool-programmes' }; },
    ok: 200,
    expect: NO_PART,
    // 生态园's programme is on its organiser's, its staff's and the admin's desk only.
    check: (w, caller, items) => {
      const shows = items.some((p) => p.id === w.as.prog);
      const should = ['workerSty', 'volunteer', 'admin'].includes(caller ? caller.name : 'anonymous');
      return shows === should ? null : `the desk ${shows ? 'shows' : 'does not show'} 生态园社区's programme`;
    },
  },
  'GET /api/v1/afterschool-programmes/{id}/staff': [
    { name: 'the world\'s programme', prep: async (w) => ({ path: `${P}/${await prog(w)}/staff` }), ok: 200, expect: { ...NOT_ORGANISER, volunteer: 200 } },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321/staff` }), ok: 404 },
  ],
  'PUT /api/v1/afterschool-programmes/{id}/staff': {
    prep: async (w) => ({
      path: `${P}/${await freshProgramme(w)}/staff`,
      json: { staff: [{ user_id: w.callers.volunteer.user.id, role: 'volunteer', background_checked_on: districtDate(NOW - DAY) }] },
    }),
    ok: 200,
    expect: NOT_ORGANISER,
  },
  'GET /api/v1/afterschool-programmes/{id}/days/{date}/duty': [
    { name: 'the world\'s programme', prep: async (w) => ({ path: `${P}/${await prog(w)}/days/${TODAY}/duty` }), ok: 200, expect: { ...NOT_ORGANISER, volunteer: 200 } },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321/days/${TODAY}/duty` }), ok: 404 },
  ],
  'PUT /api/v1/afterschool-programmes/{id}/days/{date}/duty': {
    prep: async (w) => ({ path: `${P}/${await prog(w)}/days/${TODAY}/duty`, json: { user_ids: [w.callers.volunteer.user.id] } }),
    ok: onSessionDay(200),
    expect: { ...NOT_ORGANISER, volunteer: onSessionDay(200) },
  },
  'POST /api/v1/afterschool-programmes/{id}/days/{date}/duty/confirm': [
    // The organiser's staff and admins; never the programme's own staff (the volunteer on duty).
    { name: 'yesterday\'s duty', prep: async (w) => ({ path: `${P}/${await freshDutyDay(w)}/days/${YESTERDAY}/duty/confirm`, json: {} }), ok: onYesterday(201), expect: NOT_ORGANISER },
    { name: 'an unknown programme', prep: () => ({ path: `${P}/987654321/days/${YESTERDAY}/duty/confirm`, json: {} }), ok: 404 },
  ],

  // children and guardians
  'POST /api/v1/children': { prep: async (w) => { await world(w); return { path: '/api/v1/children', json: childBody(w) }; }, ok: 201 },
  'GET /api/v1/my-children': { prep: () => ({ path: '/api/v1/my-children' }), ok: 200 },
  'GET /api/v1/children/{id}': [
    // Its guardian and its programme's staff; never an admin, the organiser, another programme's staff or another child's guardian.
    { name: 'the world\'s child', prep: async (w) => ({ path: `/api/v1/children/${(await world(w)).child}` }), ok: 403, expect: { resident: 200, volunteer: 200 } },
    { name: 'an unknown child', prep: () => ({ path: '/api/v1/children/987654321' }), ok: 404 },
  ],
  'GET /api/v1/children/{id}/photo': [
    // As the child: its guardian and its programme's staff (audited); never an admin or the organiser.
    { name: 'the world\'s child', prep: async (w) => ({ path: `/api/v1/children/${(await world(w)).child}/photo` }), ok: 403, expect: { resident: 200, volunteer: 200 } },
    { name: 'a child without a photo', prep: async (w) => ({ path: `/api/v1/children/${(await freshChild(w, true)).id}/photo` }), ok: 403, expect: { resident: 404, volunteer: 404 } },
    { name: 'an unknown child', prep: () => ({ path: '/api/v1/children/987654321/photo' }), ok: 404 },
  ],
  'PUT /api/v1/children/{id}': [
    { name: 'the world\'s child', prep: async (w) => ({ path: `/api/v1/children/${(await world(w)).child}`, json: { grade: '三年级' } }), ok: 403, expect: { resident: 200 } },
    { name: 'an unknown child', prep: () => ({ path: '/api/v1/children/987654321', json: { grade: '三年级' } }), ok: 404 },
  ],
  'POST /api/v1/children/{id}/guardians': {
    prep: async (w) => {
      const c = await freshChild(w);
      const father = await w.user('resident');
      const phone = phoneOf(w);
      w.srv.sql(`UPDATE users SET phone = '${phone}' WHERE id = ${father.user.id};`, { readonly: false });
      return { path: `/api/v1/children/${c.id}/guardians`, json: { phone, relation: '父亲' } };
    },
    ok: 403,
    expect: { resident: 201 },
  },
  'POST /api/v1/children/{id}/enrolments': {
    prep: async (w) => ({ path: `/api/v1/children/${(await freshChild(w)).id}/enrolments`, json: { programme_id: w.as.prog, consent: true } }),
    ok: 403,
    expect: { resident: 201 },
  },
  'POST /api/v1/afterschool-enrolments/{id}/withdraw': [
    // Its guardian, the programme's organiser staff and admins.
    { name: 'an enrolment', prep: async (w) => ({ path: `/api/v1/afterschool-enrolments/${(await freshChild(w, true)).enrolment}/withdraw` }), ok: 403, expect: { resident: 200, workerSty: 200, admin: 200 } },
    { name: 'an unknown enrolment', prep: () => ({ path: '/api/v1/afterschool-enrolments/987654321/withdraw' }), ok: 404 },
  ],

  // pickup adults
  'POST /api/v1/my-pickup-adults': {
    prep: async (w) => ({ path: '/api/v1/my-pickup-adults', json: adultBody(w, [(await freshChild(w)).id]) }),
    ok: 201,
    expect: { resident2: 403 },  // not a guardian of the child
  },
  'GET /api/v1/my-pickup-adults': { prep: () => ({ path: '/api/v1/my-pickup-adults' }), ok: 200 },
  'PUT /api/v1/my-pickup-adults/{id}': [
    { name: 'the guardian\'s adult', prep: async (w) => ({ path: `/api/v1/my-pickup-adults/${await freshAdult(w)}`, json: { relation: '外婆' } }), ok: 403, expect: { resident: 200 } },
    { name: 'an unknown adult', prep: () => ({ path: '/api/v1/my-pickup-adults/987654321', json: { relation: '外婆' } }), ok: 404 },
  ],
  'POST /api/v1/my-pickup-adults/{id}/revoke': {
    prep: async (w) => ({ path: `/api/v1/my-pickup-adults/${await freshAdult(w)}/revoke` }), ok: 403, expect: { resident: 200 },
  },
  'POST /api/v1/my-pickup-adults/{id}/new-code': {
    prep: async (w) => ({ path: `/api/v1/my-pickup-adults/${await freshAdult(w)}/new-code` }), ok: 403, expect: { resident: 200 },
  },
  'GET /api/v1/pickup-adults/{id}/photo': [
    { name: 'the world\'s adult', prep: async (w) => ({ path: `/api/v1/pickup-adults/${(await world(w)).adult}/photo` }), ok: 403, expect: { resident: 200, volunteer: 200 } },
    { name: 'an unknown adult', prep: () => ({ path: '/api/v1/pickup-adults/987654321/photo' }), ok: 404 },
  ],

  // one-off proxies
  'POST /api/v1/children/{id}/proxies': {
    prep: async (w) => ({ path: `/api/v1/children/${(await world(w)).child}/proxies`, json: { name: '赵红梅', phone: phoneOf(w), relation: '邻居' } }),
    ok: 403,
    expect: { resident: 201, volunteer: 201 },
  },
  'GET /api/v1/children/{id}/proxies': [
    { name: 'the world\'s child', prep: async (w) => ({ path: `/api/v1/children/${(await world(w)).child}/proxies` }), ok: 403, expect: { resident: 200, volunteer: 200 } },
    { name: 'an unknown child', prep: () => ({ path: '/api/v1/children/987654321/proxies' }), ok: 404 },
  ],
  'POST /api/v1/pickup-proxies/{id}/confirm': {
    // Recorded at the door by the programme's staff; a guardian confirms in
    // the app, the staff record the guardian's call.
    prep: async (w, caller) => {
      const as = await world(w);
      const proxy = await w.api('POST', `/api/v1/children/${as.child}/proxies`, { name: '赵红梅', phone: phoneOf(w) }, 201, w.callers.volunteer);
      const json = caller && caller.role !== 'resident'
        ? { by_phone: true, called_at: '17:05', guardian_user_id: w.callers.resident.user.id } : {};
      return { path: `/api/v1/pickup-proxies/${proxy.id}/confirm`, json };
    },
    ok: 403,
    expect: { resident: 200, volunteer: 200 },
  },

  // the day
  'POST /api/v1/afterschool-programmes/{id}/check-ins': {
    prep: async (w) => ({ path: `${P}/${await prog(w)}/check-ins`, json: { child_id: (await freshChild(w, true)).id, brought_by: 'from_school' } }),
    ok: 403,
    expect: { volunteer: onSessionDay(201) },
  },
  'POST /api/v1/afterschool-programmes/{id}/check-outs': {
    prep: async (w) => {
      const c = await freshChild(w, true);
      const { code } = await w.api('POST', '/api/v1/my-pickup-adults', adultBody(w, [c.id]), 201, w.callers.resident);
      if (!HOLIDAY) await w.api('POST', `${P}/${w.as.prog}/check-ins`, { child_id: c.id, brought_by: 'from_school' }, 201, w.callers.volunteer);
      return { path: `${P}/${w.as.prog}/check-outs`, json: { child_id: c.id, method: 'code', code } };
    },
    ok: 403,
    expect: { volunteer: onSessionDay(200) },
  },
  'GET /api/v1/afterschool-programmes/{id}/roster': { prep: async (w) => ({ path: `${P}/${await prog(w)}/roster` }), ok: 403, expect: { volunteer: 200 } },
  'GET /api/v1/afterschool-programmes/{id}/roster.csv': { prep: async (w) => ({ path: `${P}/${await prog(w)}/roster.csv` }), ok: 403, expect: { volunteer: 200 } },

  // counts (department users and admins; others 403 by the route's roles)
  'GET /api/v1/afterschool-counts': [
    { name: 'this month', prep: () => ({ path: `/api/v1/afterschool-counts?month=${TODAY.slice(0, 7)}` }), ok: 200 },
    { name: 'a bad month', prep: () => ({ path: '/api/v1/afterschool-counts?month=2026-13' }), ok: 422 },
  ],
};
