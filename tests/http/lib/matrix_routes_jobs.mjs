// The role matrix's rows for the job posts (joined into ROUTES by
// matrix_routes.mjs). 区人社局 (w.org.pub) is the world's job publisher and
// `publisher` its staff; posts are written by the admin for 区人社局, so the
// publisher may review them and the admin (their author) may not — four
// eyes. Departments that publish nothing (department, departmentB) get 403
// on every staff route; the list and a published post are public.

const NOT_PUBLISHERS = { department: 403, departmentB: 403 };

// A verified employer for the posts, made once in the database (the
// employers' own route has its rows in its part's file).
const jobEmployer = (w) => {
  if (!w.jobPostEmployer) {
    const code = `91141100MA0J${String(w.next()).padStart(5, '0')}X`;
    w.srv.sql(`INSERT INTO job_employers (name, credit_code, address, verified_by_org, verified_by, verified_at) VALUES ('吕梁宏达物业有限公司', '${code}', '离石区', ${w.org.pub}, 1, 0);`, { readonly: false });
    w.jobPostEmployer = Number(w.srv.sql(`SELECT id FROM job_employers WHERE credit_code = '${code}';`));
  }
  return w.jobPostEmployer;
};
const jobBody = (w) => ({
  employer_id: jobEmployer(w), title: `保洁员 ${w.next()}`, headcount: 2, conditions: '身体健康', duties: '楼道保洁',
  place: '滨河北路 8 号', pay_min_fen: 220000, pay_max_fen: 280000, hours: '7:00-16:00', contact_name: '王经理',
  contact_phone: '0358-8221234', valid_until: new Date(Date.now() + 8 * 3600 * 1000 + 30 * 86400 * 1000).toISOString().slice(0, 10),
  publisher_org_id: w.org.pub,
});
// A fresh pending post by the admin.
const freshPost = (w) => w.api('POST', '/api/v1/jobs', jobBody(w), 201);
const freshJob = async (w) => (await freshPost(w)).id;
// One published post: the admin's, approved by the publisher.
const publishedJob = async (w) => {
  if (!w.publishedJob) {
    const { id, updated_at } = await freshPost(w);
    await w.api('POST', `/api/v1/jobs/${id}/review`, { decision: 'approve', note: '核实无误', updated_at }, 200, w.callers.publisher);
    w.publishedJob = id;
  }
  return w.publishedJob;
};

export const JOB_ROUTES = {
  'GET /api/v1/jobs': { prep: async (w) => ({ path: `/api/v1/jobs?q=${encodeURIComponent('保洁')}` }), ok: 200 },
  'GET /api/v1/jobs/{id}': { prep: async (w) => ({ path: `/api/v1/jobs/${await publishedJob(w)}` }), ok: 200 },
  'POST /api/v1/jobs': { prep: async (w) => ({ path: '/api/v1/jobs', json: jobBody(w) }), ok: 201, expect: NOT_PUBLISHERS },
  'PUT /api/v1/jobs/{id}': {
    prep: async (w) => ({ path: `/api/v1/jobs/${await freshJob(w)}`, json: jobBody(w) }),
    ok: 200,
    expect: NOT_PUBLISHERS,
  },
  'POST /api/v1/jobs/{id}/withdraw': {
    prep: async (w) => ({ path: `/api/v1/jobs/${await freshJob(w)}/withdraw`, json: { note: '招满了' } }),
    ok: 200,
    expect: NOT_PUBLISHERS,
  },
  'POST /api/v1/jobs/{id}/review': {
    prep: async (w) => {
      const { id, updated_at } = await freshPost(w);
      return { path: `/api/v1/jobs/${id}/review`, json: { decision: 'approve', note: '核实无误', updated_at } };
    },
    ok: 200,
    expect: { ...NOT_PUBLISHERS, admin: 403 },  // the admin wrote it
  },
  'GET /api/v1/job-posts': { prep: () => ({ path: '/api/v1/job-posts?status=pending' }), ok: 200, expect: NOT_PUBLISHERS },
  'GET /api/v1/job-reviews': { prep: () => ({ path: '/api/v1/job-reviews' }), ok: 200, expect: NOT_PUBLISHERS },
};
