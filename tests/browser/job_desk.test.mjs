// The job posts' staff screens (issue 18: web/screens/job_desk.js,
// job_reviews.js, job_complaints.js, js/dash_jobs.js) in real Chromium on the
// demo: 区人社局's renshe adds an employer in the post's form (a wrong credit
// code said by its field, one already there said in words) and a post whose
// conditions say "限男性" (pay the server would refuse said before sending;
// the pay typed in 元 goes in fen) → it is pending; renshe may not review its
// own post (the 403 in words); 区总工会's gonghui sees it in the queue with the
// term marked and its kind in words, rejecting and approving without a note
// are stopped before the server, approving with a note makes it public
// (GET /api/v1/jobs/{id} 200) — the review sends the updated_at it showed;
// renshe handles the demo's open complaint, on a post of its bureau (only the
// post's publisher may take it down), with 撤下岗位 (the post leaves the
// public list); the dashboard shows the job
// figures as the API counts them. RV2 findings: Enter in the add-employer
// fields saves the employer and sends no /jobs write; the employer_id 422 on
// its select; a double click (its request held in flight) sends one POST /jobs,
// one review, one handle; an edit after the reviewer opened the post is a 409
// said in words; gonghui's 撤下岗位 on renshe's post refused in Chinese; a
// complaint filed with a phone shows it masked. Axe on each; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signedInPage } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { SHOTS, shot } from './lib/shots.mjs';

const RENSHE = { username: 'renshe', password: 'demo-department-2026' };
const GONGHUI = { username: 'gonghui', password: 'demo-department-2026' };
const day = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

// A unified social credit code with its GB 32100 check character.
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(body17) {
  const sum = [...body17].reduce((s, c, i) => s + CODE_CHARS.indexOf(c) * WEIGHTS[i], 0);
  return body17 + CODE_CHARS[(31 - (sum % 31)) % 31];
}
const CODE = creditCode('91141102MA0K7Q3X' + 'A');
const WRONG_CODE = CODE.slice(0, 17) + CODE_CHARS[(CODE_CHARS.indexOf(CODE[17]) + 1) % 31];
const TITLE = '仓库装卸工';

let srv;
let browser;
let postId;
before(async () => {
  ({ srv } = await startDemoServer());
  browser = await launch({ viewport: { width: 1100, height: 900 } });
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const signedIn = (who) => signedInPage(browser, srv.url, who);

// Holds the page's requests whose path matches `re` until the returned
// release() is called: a double click lands while the first is in flight.
// The route stays (passing straight through) until the page closes.
async function held(page, re) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route((url) => re.test(url.pathname), async (route) => { await gate; await route.continue(); });
  return release;
}

// Counts the page's requests to `path` with `method`.
function watch(page, method, re) {
  const seen = [];
  page.on('request', (r) => { if (r.method() === method && re.test(new URL(r.url()).pathname)) seen.push(r.url()); });
  return seen;
}

test('renshe adds an employer and a post that says 限男性: it waits for review, its pay in fen', async () => {
  const page = await signedIn(RENSHE);
  await page.locator('#job-desk-link').click();
  await page.locator('#job-list-title').waitFor();
  assert.equal(await page.locator('#job-tab-pending').getAttribute('aria-current'), 'page');
  await assertAccessible(page, 'job desk');
  await page.locator('#job-new').click();
  await page.locator('#job-form').waitFor();

  // No employer: the server's employer_id 422 lands on the select, not on the search box.
  await page.locator('#job-pay_min').fill('3000');
  await page.locator('#job-pay_max').fill('4000');
  await page.locator('#job-save').click();
  await page.locator('[data-for="employer_id"] .field-error').first().waitFor();
  assert.equal(await page.locator('#job-employer').getAttribute('aria-invalid'), 'true');
  assert.notEqual(await page.locator('#job-employer-q').getAttribute('aria-invalid'), 'true');

  // The employer, added in the form: a wrong check character by its field, then the right one.
  await page.locator('#job-employer-new').click();
  await page.locator('#employer-name').fill('离石区顺达物流有限公司');
  await page.locator('#employer-code').fill(WRONG_CODE);
  await page.locator('#employer-address').fill('离石区滨河北路 88 号');
  await page.locator('#employer-save').click();
  await page.locator('[data-for="credit_code"] .field-error').waitFor();
  assert.equal(await page.locator('#employer-code').getAttribute('aria-invalid'), 'true');
  // Enter in the add part saves the employer, never the post's form around it.
  const jobPosts = watch(page, 'POST', /^\/api\/v1\/jobs(\/\d+)?$/);
  const jobPuts = watch(page, 'PUT', /^\/api\/v1\/jobs\/\d+$/);
  const employerPosts = watch(page, 'POST', /^\/api\/v1\/job-employers$/);
  await page.locator('#employer-code').fill(CODE);
  await page.locator('#employer-code').press('Enter');
  await page.locator('#job-employer-found', { hasText: '离石区顺达物流有限公司' }).waitFor();
  assert.equal(employerPosts.length, 1);
  assert.deepEqual([...jobPosts, ...jobPuts], [], 'Enter did not submit the post');
  const chosen = await page.locator('#job-employer').inputValue();
  assert.match(chosen, /^\d+$/);
  // The same credit code again: the server's 409 in words.
  await page.locator('#job-employer-new').click();
  await page.locator('#employer-name').fill('顺达物流（重复）');
  await page.locator('#employer-code').fill(CODE);
  await page.locator('#employer-address').fill('离石区');
  await page.locator('#employer-save').click();
  await page.locator('[data-for="credit_code"] .field-error', { hasText: '已经登记过' }).waitFor();
  await page.locator('#job-employer-new').click();  // closed again

  await page.locator('#job-title').fill(TITLE);
  await page.locator('#job-headcount').fill('3');
  await page.locator('#job-conditions').fill('限男性，身体健康，能吃苦');
  await page.locator('#job-duties').fill('货物装卸、分拣、搬运');
  await page.locator('#job-place').fill('离石区物流园');
  await page.locator('#job-hours').fill('每天8小时，做六休一');
  await page.locator('#job-contact_name').fill('刘经理');
  await page.locator('#job-contact_phone').fill('0358-8223456');
  await page.locator('#job-valid_until').fill(day(30));
  // Pay the server would refuse is said before anything is sent.
  const posts = watch(page, 'POST', /^\/api\/v1\/jobs$/);
  await page.locator('#job-pay_min').fill('4500');
  await page.locator('#job-pay_max').fill('3,800');
  await page.locator('#job-save').click();
  await page.locator('[data-for="pay_max_fen"] .field-error', { hasText: '不能低于' }).waitFor();
  assert.deepEqual(posts, []);
  await page.locator('#job-pay_min').fill('3800');
  await page.locator('#job-pay_max').fill('4,500.50');
  const release = await held(page, /^\/api\/v1\/jobs$/);
  await page.locator('#job-save').dblclick();  // one post, not two
  await page.waitForFunction(() => document.querySelector('#job-form')?.getAttribute('aria-busy') === 'true');
  assert.equal(await page.locator('#job-save').isDisabled(), true);
  release();
  await page.locator('#job-status', { hasText: TITLE }).waitFor();
  const item = page.locator('#job-posts li.jobdesk-post', { hasText: TITLE });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-status'), 'pending');
  assert.match(await item.locator('.jobdesk-flags').textContent(), /^提示用语：性别（.*男.*）$/);
  postId = Number(await item.getAttribute('data-post'));
  assert.equal(posts.length, 1);

  const renshe = await srv.login(RENSHE.username, RENSHE.password);
  const listed = (await srv.fetch('/api/v1/job-posts?status=pending', { token: renshe.token })).body.items.find((p) => p.id === postId);
  assert.equal(listed.pay_min_fen, 380000);
  assert.equal(listed.pay_max_fen, 450050);
  assert.equal(listed.employer.id, Number(chosen));
  assert.deepEqual([...new Set(listed.flags.map((f) => f.kind))], ['sex']);
  assert.ok(listed.flags.every((f) => f.field === 'conditions' && '限男性'.includes(f.term)), JSON.stringify(listed.flags));
  await shot(page, 'job_desk', true);
  await page.close();
});

test('renshe may not review its own post: the 403 in words', async () => {
  assert.ok(postId, 'the first test made the post');
  const page = await signedIn(RENSHE);
  await page.goto(srv.url + '/#/staff/job-reviews');
  const item = page.locator(`#job-reviews li[data-post="${postId}"]`);
  await item.waitFor();
  await item.locator('textarea').fill('条件符合');
  await item.locator('.review-approve').click();
  await page.locator(`#review-errors-${postId}`, { hasText: '您发布或最后修改' }).waitFor();
  assert.equal((await srv.fetch(`/api/v1/jobs/${postId}`)).status, 404, 'still not public');
  await page.close();
});

test('gonghui sees the flag marked, is stopped without a note, approves with one: the post is public', async () => {
  const page = await signedIn(GONGHUI);
  await page.locator('#job-reviews-link').click();
  const item = page.locator(`#job-reviews li[data-post="${postId}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-flagged'), 'true');
  assert.deepEqual(await item.locator('mark.jobdesk-flag').allTextContents(), ['限男性']);
  assert.equal(await item.locator('mark.jobdesk-flag').getAttribute('data-kind'), 'sex');
  assert.match(await item.locator('dd[data-field="conditions"]').textContent(), /^限男性〔性别〕，身体健康/);
  // Oldest first: the demo's pending posts come before ours.
  const order = await page.locator('#job-reviews > li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.post)));
  assert.equal(order.at(-1), postId);
  await assertAccessible(page, 'job reviews');
  await item.screenshot({ path: `${SHOTS}/job_review_flagged.png` });

  const reviews = watch(page, 'POST', /\/review$/);
  await item.locator('.review-reject').click();
  await item.locator('[data-for="note"] .field-error', { hasText: '退回必须写明理由' }).waitFor();
  await item.locator('.review-approve').click();
  await item.locator('[data-for="note"] .field-error', { hasText: '通过也必须写明' }).waitFor();
  assert.deepEqual(reviews, [], 'stopped before the server');
  // renshe edits the post after gonghui opened it: the 409 says so, in words.
  const renshe = await srv.login(RENSHE.username, RENSHE.password);
  const p = (await srv.fetch('/api/v1/job-posts?status=pending', { token: renshe.token })).body.items.find((x) => x.id === postId);
  const keys = ['title', 'headcount', 'conditions', 'duties', 'place', 'pay_min_fen', 'pay_max_fen', 'hours', 'contact_name', 'contact_phone', 'valid_until'];
  const edited = await srv.fetch(`/api/v1/jobs/${postId}`, { method: 'PUT', token: renshe.token,
    json: { ...Object.fromEntries(keys.map((k) => [k, p[k]])), employer_id: p.employer.id, area_id: p.area?.id ?? null, hours: p.hours + '。' } });
  assert.equal(edited.status, 200, edited.text);
  await item.locator('textarea').fill('已核实');
  const releaseReview = await held(page, /\/review$/);
  await item.locator('.review-approve').dblclick();
  releaseReview();
  await page.locator(`#review-errors-${postId}`, { hasText: '在您打开后被修改过' }).waitFor();
  assert.equal(reviews.length, 1, 'one request for a double click');
  await page.reload();
  await item.waitFor();
  await item.locator('textarea').fill('已核实：装卸为重体力岗位，已告知单位删去性别限制');
  await item.locator('.review-approve').click();
  await page.locator('#review-status', { hasText: TITLE }).waitFor();
  assert.equal(await page.locator(`#job-reviews li[data-post="${postId}"]`).count(), 0);
  const open = await srv.fetch(`/api/v1/jobs/${postId}`);
  assert.equal(open.status, 200, open.text);
  assert.equal(open.body.title, TITLE);
  await page.close();
});

test('gonghui may not take renshe\'s post down through a complaint: said in words; the phone masked', async () => {
  const renshe = await srv.login(RENSHE.username, RENSHE.password);
  const open = (await srv.fetch('/api/v1/job-complaints?status=open', { token: renshe.token })).body.items;
  const filed = await srv.fetch(`/api/v1/jobs/${open[0].post.id}/complaints`, { method: 'POST',
    json: { reason: 'fee_charged', text: '面试要交两百元体检费', phone: '13812345678' } });
  assert.equal(filed.status, 201, filed.text);
  const page = await signedIn(GONGHUI);
  await page.goto(srv.url + '/#/staff/job-complaints');
  const item = page.locator(`#job-complaints li[data-complaint="${filed.body.id}"]`);
  await item.waitFor();
  const phone = await item.locator('dd[data-field="phone"]').textContent();
  assert.match(phone, /^138\*{4}5678$/, 'masked by the server');
  assert.ok(!(await page.content()).includes('13812345678'), 'the full phone nowhere on the page');
  await item.locator(`#handle-hint-${filed.body.id}`, { hasText: '只能由岗位的发布单位' }).waitFor();
  await item.locator('label', { hasText: '撤下岗位' }).click();
  await item.locator('textarea').fill('核实属实');
  const handles = watch(page, 'POST', /\/handle$/);
  const releaseHandle = await held(page, /\/handle$/);
  await item.locator('button[type="submit"]').dblclick();
  releaseHandle();
  await page.locator(`#handle-errors-${filed.body.id}`, { hasText: '只有岗位的发布单位可以撤下岗位' }).waitFor();
  assert.equal(handles.length, 1, 'one request for a double click');
  assert.ok(!(await item.textContent()).includes('only the staff'), 'not the server\'s English');
  assert.equal(await item.getAttribute('data-status'), 'open');
  await page.close();
});

test('renshe handles the demo complaint on its bureau\'s post with 撤下岗位: the post leaves the public list', async () => {
  const page = await signedIn(RENSHE);
  await page.locator('#job-complaints-link').click();
  const item = page.locator('#job-complaints li.jobdesk-complaint').first();
  await item.waitFor();
  const complaintId = Number(await item.getAttribute('data-complaint'));
  const renshe = await srv.login(RENSHE.username, RENSHE.password);
  const c = (await srv.fetch('/api/v1/job-complaints?status=open', { token: renshe.token })).body.items.find((x) => x.id === complaintId);
  assert.equal(await item.locator('h2 a').textContent(), c.post.title);
  assert.equal(await item.locator('h2 a').getAttribute('href'), `#/jobs/${c.post.id}`);
  assert.equal(await item.locator('dd[data-field="phone"]').textContent(), c.phone ?? '未留电话');
  assert.notEqual(await item.locator('dd[data-field="reason"]').textContent(), c.reason, 'the reason in words');
  assert.equal((await srv.fetch(`/api/v1/jobs/${c.post.id}`)).status, 200, 'public before');
  await assertAccessible(page, 'job complaints');
  // Without an outcome and a note: said by their fields.
  await item.locator('button[type="submit"]').click();
  await item.locator('[data-for="outcome"] .field-error').waitFor();
  await item.locator('[data-for="note"] .field-error').waitFor();
  await item.locator('label', { hasText: '撤下岗位' }).click();
  await item.locator('textarea').fill('核实属实：岗位收取报名费，已撤下');
  await item.locator('button[type="submit"]').click();
  await page.locator('#complaint-status', { hasText: '撤下岗位' }).waitFor();
  assert.equal((await srv.fetch(`/api/v1/jobs/${c.post.id}`)).status, 404, 'withdrawn in the same write');
  await page.locator('#complaint-tab-handled').click();
  const done = page.locator(`#job-complaints li[data-complaint="${complaintId}"]`);
  await done.waitFor();
  assert.equal(await done.locator('dd[data-field="outcome"]').textContent(), '撤下岗位');
  await shot(page, 'job_complaints', true);
  await page.close();
});

test('the dashboard shows the job figures as the API counts them', async () => {
  const page = await signedIn(GONGHUI);
  await page.goto(srv.url + '/#/dashboard');
  await page.locator('#view .screen[data-ready="1"]:has(#kinds-table)').waitFor({ state: 'attached' });
  await page.locator('#jobs-table').waitFor();
  const gonghui = await srv.login(GONGHUI.username, GONGHUI.password);
  const counts = (await srv.fetch('/api/v1/job-counts', { token: gonghui.token })).body;
  for (const k of ['live', 'pending_review', 'published_this_month', 'complaints_open']) {
    assert.equal(await page.locator(`#jobs-${k.replace(/_/g, '-')}`).textContent(), String(counts[k]), k);
  }
  assert.ok(counts.live > 0, JSON.stringify(counts));
  await assertAccessible(page, 'dashboard jobs');
  await page.locator('#jobs-title').locator('..').screenshot({ path: `${SHOTS}/dashboard_jobs.png` });
  await page.close();
});

test('renshe edits the published post (back to review, not public), then withdraws it with a note', async () => {
  assert.ok(postId, 'the first test made the post');
  const page = await signedIn(RENSHE);
  await page.goto(srv.url + '/#/staff/jobs?status=published');
  const item = page.locator(`#job-posts li[data-post="${postId}"]`);
  await item.waitFor();
  assert.equal(await page.locator('#job-tab-published').getAttribute('aria-current'), 'page');
  await item.locator('.jobdesk-edit').click();
  await page.locator('#job-form').waitFor();
  // The form holds the post as saved, pay back in 元.
  assert.equal(await page.locator('#job-title').inputValue(), TITLE);
  assert.equal(await page.locator('#job-pay_min').inputValue(), '3800.00');
  assert.equal(await page.locator('#job-pay_max').inputValue(), '4500.50');
  await page.locator('#job-conditions').fill('能适应重体力劳动，身体健康');
  await page.locator('#job-save').click();
  await page.locator('#job-status', { hasText: '重新等待审核' }).waitFor();
  assert.equal(await item.count(), 0, 'no longer on the published tab');
  await page.locator('#job-tab-pending').click();
  const pending = page.locator(`#job-posts li[data-post="${postId}"]`);
  await pending.waitFor();
  assert.equal(await pending.locator('.jobdesk-flags').count(), 0, 'no flag left');
  assert.equal((await srv.fetch(`/api/v1/jobs/${postId}`)).status, 404, 'not public while pending');

  await pending.locator('.jobdesk-withdraw-open').click();
  await pending.locator('.jobdesk-withdraw button[type="submit"]').click();
  await pending.locator('[data-for="note"] .field-error').waitFor();
  await pending.locator('.jobdesk-withdraw textarea').fill('用人单位已招满');
  await pending.locator('.jobdesk-withdraw button[type="submit"]').click();
  await page.locator('#job-status', { hasText: '已撤下' }).waitFor();
  await page.locator('#job-tab-withdrawn').click();
  const gone = page.locator(`#job-posts li[data-post="${postId}"]`);
  await gone.waitFor();
  assert.equal(await gone.getAttribute('data-status'), 'withdrawn');
  assert.equal(await gone.locator('.jobdesk-edit').count(), 0, 'a withdrawn post is final');
  await assertAccessible(page, 'job desk withdrawn');
  await page.close();
});
