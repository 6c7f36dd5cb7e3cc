// The after-school care tests' world (tests/http/afterschool*.test.mjs;
// docs/afterschool.md): a server whose clock starts on a Monday afternoon in
// term (a session day), the areas of 滨河 (生态园 and 后瓦), two community
// organisers, a site of kind afterschool_site in each community and a venue
// that is no such site; an organiser (styorg, worker of 生态园社区), the
// programme's staff member (sixiaoban) and volunteer (zhiyuan), the staff of
// 后瓦's programme (hwstaff, worker of 后瓦社区), a department user (jiaoyu),
// and three residents with phones: 王丽 (a mother), 王建军 (the father, made
// a guardian by his phone) and 赵敏 (another child's mother). Each builder
// asserts its own answer.
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './server.mjs';
import { makeOrg, createFacility } from './fixtures.mjs';
import { binhe } from './areas_geojson.mjs';
import { PNG } from './matrix_world.mjs';

export const NOW = '2026-12-07T16:40:00+08:00'; // a Monday in term: a session day
export const TODAY = '2026-12-07';
export const API = '/api/v1';
export const PROGRAMMES = `${API}/afterschool-programmes`;
export const WANG = { username: 'wangli', password: 'resident-pass-2', role: 'resident', display_name: '王丽', phone: '13835870001' };
export const FATHER = { username: 'wangjianjun', password: 'resident-pass-3', role: 'resident', display_name: '王建军', phone: '13835870002' };
export const ZHAO = { username: 'zhaomin', password: 'resident-pass-4', role: 'resident', display_name: '赵敏', phone: '13835870009' };

// The 1×1 PNG of the role matrix as a data URL (a pickup adult's photo).
export { PNG };
export const PNG_DATA_URL = `data:image/png;base64,${PNG.toString('base64')}`;

// `now`: the server's clock at start; `sweep`: --afterschool-sweep-seconds (0: none).
export async function startAfterschoolWorld({ now = NOW, sweep = 0 } = {}) {
  const base = await startWithAdminAndResident({
    now, users: [WANG, FATHER, ZHAO], args: ['--afterschool-sweep-seconds', String(sweep), '--activities-sweep-seconds', '0'],
  });
  const { srv, admin } = base;
  const w = { ...base, seq: 0 };
  w.next = () => ++w.seq;
  w.wang = await srv.login(WANG.username, WANG.password);
  w.father = await srv.login(FATHER.username, FATHER.password);
  w.zhao = await srv.login(ZHAO.username, ZHAO.password);
  const imported = await srv.fetch(`${API}/areas/import`, { method: 'POST', token: admin.token, json: binhe() });
  assert.equal(imported.status, 200, imported.text);
  const area = Object.fromEntries(imported.body.items.map((a) => [a.code, a.id]));
  w.community = { sty: area['BH-STY'], hw: area['BH-HW'] };
  const org = async (kind, name, area_id) => {
    const r = await srv.fetch(`${API}/organisations`, { method: 'POST', token: admin.token, json: { kind, name, area_id } });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  w.org = {
    sty: await org('community', '生态园社区', area['BH-STY']),
    hw: await org('community', '后瓦社区', area['BH-HW']),
    dept: await makeOrg(srv, admin, '离石区教育局', 'department'),
  };
  w.styorg = await srv.createUser(admin, 'styorg', 'worker', [w.org.sty]);
  w.sixiaoban = await srv.createUser(admin, 'sixiaoban', 'worker');
  w.zhiyuan = await srv.createUser(admin, 'zhiyuan', 'volunteer');
  w.hwstaff = await srv.createUser(admin, 'hwstaff', 'worker', [w.org.hw]);
  w.jiaoyu = await srv.createUser(admin, 'jiaoyu', 'department', [w.org.dept]);
  w.siteA = await createFacility(srv, admin, { kind: 'afterschool_site', name: '生态园社区四点半课堂', address: '滨河北路 8 号', lat: 37.51, lon: 111.105 });
  w.siteB = await createFacility(srv, admin, { kind: 'afterschool_site', name: '后瓦社区四点半课堂', address: '后瓦路 3 号', lat: 37.51, lon: 111.13 });
  w.venue = await createFacility(srv, admin, { kind: 'venue', name: '生态园文体活动室', address: '滨河北路 10 号', lat: 37.511, lon: 111.106 });

  w.get = (path, who) => srv.fetch(path, { token: who?.token });
  w.send = (method, path, json, who) => srv.fetch(path, { method, json, token: who?.token });
  w.raw = (method, path, body, who) => srv.fetch(path, { method, body, token: who?.token, headers: { 'content-type': 'application/json' } });
  w.count = (q) => Number(srv.sql(q));
  // Expects `want` and answers the body.
  w.ok = async (want, method, path, json, who) => {
    const r = await w.send(method, path, json, who);
    assert.equal(r.status, want, `${method} ${path}: ${r.text}`);
    return r.body;
  };

  // A programme's body: weekdays 16:30–18:30 this term, 30 places.
  w.programmeBody = (extra = {}) => ({
    name: '生态园社区四点半课堂', site_id: w.siteA, weekdays: [1, 2, 3, 4, 5], start_time: '16:30', end_time: '18:30',
    capacity: 30, term_start: '2026-09-01', term_end: '2027-01-20', ...extra,
  });
  w.programme = (extra = {}, who = w.styorg) => w.ok(201, 'POST', PROGRAMMES, w.programmeBody(extra), who);
  w.setStaff = (programme, staff, who = w.styorg) => w.ok(200, 'PUT', `${PROGRAMMES}/${programme}/staff`, { staff }, who);
  // A child of `guardian` (王丽 by default), 9 years old.
  w.child = (extra = {}, guardian = w.wang) => w.ok(201, 'POST', `${API}/children`, {
    name: `王小${'一二三四五六七八九十'[w.next() % 10]}${w.seq}`, school: '离石区凤山路小学', grade: '三年级', birth_date: '2017-05-12',
    health_notes: null, relation: '母亲', consent: true, ...extra,
  }, guardian);
  w.enrol = (child, programme, guardian = w.wang) =>
    w.ok(201, 'POST', `${API}/children/${child}/enrolments`, { programme_id: programme, consent: true }, guardian);
  // A pickup adult of `childIds`: {adult, code}.
  w.adult = (childIds, extra = {}, guardian = w.wang) => w.ok(201, 'POST', `${API}/my-pickup-adults`, {
    name: '李秀英', relation: '奶奶', phone: '13835870003', birth_date: '1971-03-02', child_ids: childIds, ...extra,
  }, guardian);
  w.checkIn = (programme, child, who = w.sixiaoban) =>
    w.send('POST', `${PROGRAMMES}/${programme}/check-ins`, { child_id: child, brought_by: 'from_school' }, who);
  w.checkOut = (programme, body, who = w.sixiaoban) => w.send('POST', `${PROGRAMMES}/${programme}/check-outs`, body, who);
  return w;
}

export function assertProblem(res, status, { field, error } = {}) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) {
    assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
    assert.equal(res.body.field, field, res.text);
  }
  if (error) assert.equal(res.body.error, error, res.text);
}

// A six-digit code that is not `code`.
export const otherCode = (code) => String((Number(code) + 1) % 1000000).padStart(6, '0');
