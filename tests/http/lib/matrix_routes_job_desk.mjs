// The role matrix's rows for the job desk (joined into ROUTES by
// matrix_routes.mjs): verified employers, the admins' publishers list,
// complaints on posts, the dashboard's counts. 区人社局 (w.org.pub) is the
// world's publisher and `publisher` its staff; departments that publish
// nothing (department, departmentB) get 403 on the desk's routes but read the
// counts. Every call comes from 127.0.0.1, so the complaint case forgets the
// world's complaints first: the five-an-hour limit per network
// (job_desk.test.mjs shows it) would answer 429 to every caller after five.
import { creditCode } from './job_desk_world.mjs';

const NOT_PUBLISHERS = { department: 403, departmentB: 403 };

// One published post of the world's publisher, for the complaints.
const deskPost = async (w) => {
  if (!w.deskPost) {
    const code = creditCode(`91141102MA0D${String(w.next()).padStart(5, '0')}`);
    w.srv.sql(`INSERT INTO job_employers (name, credit_code, address, verified_by_org, verified_by, verified_at) VALUES ('吕梁诚信家政有限公司', '${code}', '离石区', ${w.org.pub}, 1, 0);`, { readonly: false });
    const employer = Number(w.srv.sql(`SELECT id FROM job_employers WHERE credit_code = '${code}';`));
    const validUntil = new Date(Date.now() + 8 * 3600 * 1000 + 30 * 86400 * 1000).toISOString().slice(0, 10);
    const made = await w.api('POST', '/api/v1/jobs', {
      employer_id: employer, title: '家政服务员', headcount: 3, conditions: '有耐心', duties: '入户保洁', place: '龙凤大街',
      pay_min_fen: 260000, pay_max_fen: 320000, hours: '8:00-17:00', contact_name: '李经理', contact_phone: '0358-8225566',
      valid_until: validUntil, publisher_org_id: w.org.pub,
    }, 201);
    await w.api('POST', `/api/v1/jobs/${made.id}/review`, { decision: 'approve', note: '核实无误', updated_at: made.updated_at }, 200, w.callers.publisher);
    w.deskPost = made.id;
  }
  return w.deskPost;
};
// A fresh open complaint on it, made in the database.
const openComplaint = async (w) => {
  const post = await deskPost(w);
  w.srv.sql(`INSERT INTO job_complaints (post_id, reason, text, from_prefix, created_at) VALUES (${post}, 'false_info', '工资不符', '192.0.2.0/24', 0);`, { readonly: false });
  return Number(w.srv.sql('SELECT MAX(id) FROM job_complaints;'));
};

export const JOB_DESK_ROUTES = {
  'GET /api/v1/job-employers': { prep: () => ({ path: `/api/v1/job-employers?q=${encodeURIComponent('公司')}` }), ok: 200, expect: NOT_PUBLISHERS },
  'POST /api/v1/job-employers': {
    prep: (w) => ({
      path: '/api/v1/job-employers',
      json: { name: `吕梁保安服务有限公司 ${w.next()}`, credit_code: creditCode(`91141102MA0E${String(w.next()).padStart(5, '0')}`), address: '离石区', verified_by_org: w.org.pub },
    }),
    ok: 201,
    expect: NOT_PUBLISHERS,
  },
  'GET /api/v1/job-publishers': { prep: () => ({ path: '/api/v1/job-publishers' }), ok: 200 },
  // The world's publisher again: nothing changes.
  'PUT /api/v1/job-publishers/{id}': { prep: (w) => ({ path: `/api/v1/job-publishers/${w.org.pub}` }), ok: 200 },
  // A department that is no publisher: nothing changes either.
  'DELETE /api/v1/job-publishers/{id}': { prep: (w) => ({ path: `/api/v1/job-publishers/${w.org.deptB}` }), ok: 204 },
  'POST /api/v1/jobs/{id}/complaints': {
    prep: async (w) => {
      const post = await deskPost(w);
      w.srv.sql("DELETE FROM job_complaints WHERE from_prefix = '127.0.0.0/24';", { readonly: false });
      return { path: `/api/v1/jobs/${post}/complaints`, json: { reason: 'fee_charged', text: '要求先交培训费' } };
    },
    ok: 201,
  },
  'GET /api/v1/job-complaints': { prep: () => ({ path: '/api/v1/job-complaints?status=open' }), ok: 200, expect: NOT_PUBLISHERS },
  'POST /api/v1/job-complaints/{id}/handle': {
    prep: async (w) => ({ path: `/api/v1/job-complaints/${await openComplaint(w)}/handle`, json: { outcome: 'no_action', note: '已核实，岗位信息无误' } }),
    ok: 200,
    expect: NOT_PUBLISHERS,
  },
  'GET /api/v1/job-counts': { prep: () => ({ path: '/api/v1/job-counts' }), ok: 200 },
};
