// After-school care's data for the browser tests, made through the API
// (docs/afterschool.md) so each test owns it: a programme of 西关社区 (the
// demo's community organiser) at the demo's afterschool_site
// 交通路社区四点半课堂, its staff list, residents who add children, enrol
// them and name pickup adults. The server's and the browser's clocks are
// set to NOW (a Monday at 18:10) so "today" is a session day.
import assert from 'node:assert/strict';
import { makeUser } from './demo.mjs';
import { organiserId } from './clinics.mjs';

export const NOW = '2026-12-07T18:10:00+08:00';
export const TODAY = '2026-12-07';
export const SITE = '交通路社区四点半课堂';
export const TEACHER = { username: 'as.teacher', password: 'teacher-pass-1', display_name: '陈老师', role: 'worker' };
export const VOLUNTEER = { username: 'as.volunteer', password: 'volunteer-pass-1', display_name: '志愿者小周', role: 'volunteer' };

async function call(srv, who, method, path, json, status) {
  const r = await srv.fetch('/api/v1' + path, { method, token: who.token, json });
  assert.equal(r.status, status, `${method} ${path}: ${r.text.slice(0, 400)}`);
  return r.body;
}

// The demo's site's id.
export async function siteId(srv) {
  const r = await srv.fetch('/api/v1/facilities?kind=afterschool_site&limit=200');
  assert.equal(r.status, 200, r.text);
  const site = r.body.items.find((f) => f.name === SITE);
  assert.ok(site, `the demo has ${SITE}`);
  return site.id;
}

// A programme made by `admin` for 西关社区; resolves to its view.
export async function makeProgramme(srv, admin, over = {}) {
  return call(srv, admin, 'POST', '/afterschool-programmes', {
    organiser_org_id: await organiserId(srv, admin), name: SITE, site_id: await siteId(srv), weekdays: [1, 2, 3, 4, 5],
    start_time: '16:30', end_time: '18:30', capacity: 30, term_start: '2026-09-01', term_end: '2027-01-20',
    staffing: { min_adults: 2, base_children: 25, per_extra_children: 20 }, ...over,
  }, 201);
}

// Users made by the admin and signed in: resolves to {…user, token, id}.
export async function person(srv, admin, user) {
  await makeUser(srv, admin, user);
  const s = await srv.login(user.username, user.password);
  return { ...user, token: s.token, id: s.user?.id ?? (await srv.fetch('/api/v1/me', { token: s.token })).body.id };
}

export const setStaff = (srv, admin, programmeId, staff) => call(srv, admin, 'PUT', `/afterschool-programmes/${programmeId}/staff`, { staff }, 200);

// A child added by the guardian and enrolled in `programmeId` (when given); resolves to the child view.
export async function makeChild(srv, guardian, child, programmeId) {
  const made = await call(srv, guardian, 'POST', '/children', { school: '凤山路小学', grade: '三年级', birth_date: '2017-04-10',
    health_notes: null, relation: '母亲', consent: true, ...child }, 201);
  if (programmeId) await call(srv, guardian, 'POST', `/children/${made.id}/enrolments`, { programme_id: programmeId, consent: true }, 201);
  return made;
}

// A small valid PNG (16×16) as the data URL POST /my-pickup-adults takes for `photo`.
export const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mM4UWFDEmIY1TCqYfhqAACRKnwQyz716gAAAABJRU5ErkJggg==';

// A pickup adult named by the guardian; resolves to {adult, code}.
export const makeAdult = (srv, guardian, body) => call(srv, guardian, 'POST', '/my-pickup-adults', {
  relation: '奶奶', birth_date: '1958-03-02', valid_until: null, ...body }, 201);

export const checkIn = (srv, staff, programmeId, childId) => call(srv, staff, 'POST', `/afterschool-programmes/${programmeId}/check-ins`,
  { child_id: childId, brought_by: 'from_school' }, 201);

export const roster = (srv, staff, programmeId) => call(srv, staff, 'GET', `/afterschool-programmes/${programmeId}/roster`, undefined, 200);
