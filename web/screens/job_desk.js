// #/staff/jobs?status=… — the job posts' desk for publisher staff and admins
// (issue 18): their organisations' posts by status (tabs: 待审核, 已发布,
// 已退回, 已过期, 已撤下; GET /job-posts?status=, newest first, 更多 by cursor);
// "发布岗位" and 修改 open the post's form (every field of POST / PUT /jobs:
// the employer searched or added in place — js/job_employer_pick.js — pay
// typed in 元 and sent in fen, the pay the server would refuse said first,
// its 422 beside each field); a saved post goes to review (the 待审核 tab; said
// on the tab the user is on, which is redrawn). 撤下
// withdraws a post with a note (POST /jobs/{id}/withdraw, final).
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors } from '../js/care_form.js';
import { postBody, postValues, STATUSES } from '../js/job_desk_model.js';
import { flagSummary, moreButton, oneAtATime, payText, postFacts, postTitle, refusedText, statusBadge, statusOf } from '../js/job_post_view.js';
import { employerPicker } from '../js/job_employer_pick.js';

// Who may publish as which organisation: admins name one of the publishers;
// staff of several organisations name one of theirs; others send none.
async function publisherChoice(user) {
  if (user.role === 'admin') {
    try { return (await api('/job-publishers')).items.map((o) => ({ id: o.organisation_id, name: o.name })); } catch { return []; }
  }
  const orgs = user.organisations || [];
  return orgs.length > 1 ? orgs.map((o) => ({ id: o.id, name: o.name })) : null;
}

function postForm(post, { areas, publishers }, done, cancel) {
  const v = postValues(post);
  const input = (value, attrs = {}) => h('input', { type: 'text', value, ...attrs });
  const area = (text) => h('textarea', { rows: 3, maxlength: 2000 }, text);
  const employer = employerPicker(post?.employer || null);
  const f = {
    title: input(v.title, { maxlength: 60 }), headcount: input(v.headcount, { inputmode: 'numeric' }),
    conditions: area(v.conditions), duties: area(v.duties), place: input(v.place, { maxlength: 2000 }),
    area_id: h('select', {}, h('option', { value: '' }, t('jobdesk.area_none')),
      areas.map((a) => h('option', { value: String(a.id), selected: String(a.id) === v.area_id }, a.name))),
    pay_min: input(v.pay_min, { inputmode: 'decimal' }), pay_max: input(v.pay_max, { inputmode: 'decimal' }),
    hours: input(v.hours, { maxlength: 200 }), contact_name: input(v.contact_name, { maxlength: 50 }),
    contact_phone: input(v.contact_phone, { type: 'tel', maxlength: 20 }),
    valid_until: h('input', { type: 'date', value: v.valid_until }),
  };
  const org = publishers && !post ? h('select', {}, h('option', { value: '' }, t('jobdesk.publisher_pick')),
    publishers.map((o) => h('option', { value: String(o.id) }, o.name))) : null;
  const box = (key, field, hint) => fieldBox(`job-${key}`, field, t('jobdesk.f.' + key), f[key], hint);
  const summary = h('div', { tabindex: '-1', id: 'job-errors' });
  const heading = post ? t('jobdesk.edit_heading', { title: post.title }) : t('jobdesk.new');
  const form = h('form', { id: 'job-form', class: 'card', novalidate: true, 'aria-labelledby': 'job-form-title' },
    h('h2', { id: 'job-form-title' }, heading),
    post && h('p', { class: 'note' }, t('jobdesk.edit_note')),
    employer.box, box('title', 'title'), box('headcount', 'headcount'), box('conditions', 'conditions', t('jobdesk.conditions_hint')),
    box('duties', 'duties'), box('place', 'place'), box('area_id', 'area_id'),
    h('div', { class: 'jobdesk-pay' }, box('pay_min', 'pay_min_fen', t('jobdesk.pay_hint')), box('pay_max', 'pay_max_fen')),
    box('hours', 'hours', t('jobdesk.hours_hint')), box('contact_name', 'contact_name'), box('contact_phone', 'contact_phone'),
    box('valid_until', 'valid_until', t('jobdesk.valid_hint')),
    org && fieldBox('job-publisher', 'publisher_org_id', t('jobdesk.f.publisher'), org),
    summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'job-save' }, t(post ? 'jobdesk.save_edit' : 'jobdesk.save_new')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'job-cancel', onclick: cancel }, t('jobdesk.cancel'))));
  const errors = formErrors(form, summary, 'job');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, () => save());
  });
  const save = async () => {
    errors.clear();
    const values = Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value]));
    const { body, errors: pay } = postBody({ ...values, employer_id: employer.select.value });
    if (pay.length) return errors.show(pay.map((x) => ({ field: x.field, message: t('jobdesk.' + x.problem) })), t('jobdesk.not_saved'));
    if (org && org.value) body.publisher_org_id = Number(org.value);
    try {
      const saved = await api(post ? `/jobs/${post.id}` : '/jobs', { method: post ? 'PUT' : 'POST', json: body });
      await done(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) errors.show(err.problem.errors || [], t('jobdesk.not_saved'));
      else if (err instanceof ApiError && err.status === 409) errors.show([], t('jobdesk.withdrawn_cannot_edit'));
      else if (err instanceof ApiError && err.status === 403) errors.show([], t('jobdesk.forbidden_edit'));
      else errors.show([], refusedText(err));
    }
    return undefined;
  };
  return form;
}

// 撤下: a note, then the post is withdrawn for good.
function withdrawForm(post, done) {
  const note = h('textarea', { rows: 2, maxlength: 500, required: true });
  const summary = h('div', { tabindex: '-1', id: `withdraw-errors-${post.id}` });
  const form = h('form', { class: 'jobdesk-withdraw', hidden: true, novalidate: true, 'aria-label': t('jobdesk.withdraw_of', { title: post.title }) },
    fieldBox(`withdraw-note-${post.id}`, 'note', t('jobdesk.withdraw_note'), note, t('jobdesk.withdraw_hint')), summary,
    h('button', { type: 'submit', class: 'danger' }, t('jobdesk.withdraw_confirm')));
  const errors = formErrors(form, summary, `withdraw-${post.id}`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!note.value.trim()) return errors.show([{ field: 'note', message: t('jobdesk.withdraw_note_needed') }], t('jobdesk.not_saved'));
    return oneAtATime(form, async () => {
      try {
        await done(await api(`/jobs/${post.id}/withdraw`, { method: 'POST', json: { note: note.value.trim() } }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(err.problem.errors || [], t('jobdesk.not_saved'));
        else if (err instanceof ApiError && err.status === 409) errors.show([], t('jobdesk.already_withdrawn'));
        else errors.show([], refusedText(err));
      }
    });
  });
  return form;
}

function postItem(post, { edit, withdrawn }) {
  const open = post.status !== 'withdrawn';
  const withdraw = open ? withdrawForm(post, withdrawn) : null;
  const toggle = open ? h('button', { type: 'button', class: 'secondary jobdesk-withdraw-open', 'aria-expanded': 'false' }, t('jobdesk.withdraw')) : null;
  toggle?.addEventListener('click', () => {
    withdraw.hidden = !withdraw.hidden;
    toggle.setAttribute('aria-expanded', String(!withdraw.hidden));
    if (!withdraw.hidden) withdraw.querySelector('textarea').focus();
  });
  return h('li', { class: 'card jobdesk-post', dataset: { post: post.id, status: statusOf(post) } },
    postTitle(post, 3, `job-post-${post.id}`), h('p', {}, statusBadge(post), ' ', post.employer?.name ?? '', ' · ', payText(post),
      ' · ', t('jobdesk.valid_until', { day: post.valid_until })),
    flagSummary(post, `job-flags-${post.id}`),
    post.complaints_open > 0 && h('p', { class: 'jobdesk-complaints-open' }, h('a', { href: '#/staff/job-complaints' }, t('jobdesk.complaints_open', { n: post.complaints_open }))),
    h('details', { class: 'jobdesk-details' }, h('summary', {}, t('jobdesk.details')), postFacts(post)),
    h('p', { class: 'buttons' },
      open && h('button', { type: 'button', class: 'secondary jobdesk-edit', onclick: () => edit(post) }, t('jobdesk.edit')), ' ', toggle,
      post.status === 'published' && !post.expired && [' ', h('a', { href: `#/jobs/${post.id}` }, t('jobdesk.public_page'))]),
    withdraw);
}

export async function render(view, params, query) {
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('jobdesk.back'))), h('h1', {}, t('jobdesk.heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'pending';
  const list = h('ul', { class: 'jobdesk-posts', id: 'job-posts', 'aria-labelledby': 'job-list-title' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'job-more', hidden: true }, t('jobdesk.more'));
  const flash = h('p', { role: 'status', id: 'job-status', tabindex: '-1' });
  const say = (message, bad = false) => { flash.textContent = message; flash.classList.toggle('error', bad); flash.focus(); };
  let cursor = null;
  const load = async (first) => {
    if (first) { list.replaceChildren(); cursor = null; }
    const page = await api('/job-posts', { query: { status, limit: 20, cursor } });
    fill(list, page.items.map((p) => postItem(p, handlers)));
    if (first && !page.items.length) list.append(h('li', { id: 'job-none' }, t('jobdesk.none.' + status)));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  try {
    await api('/job-posts', { query: { status, limit: 1 } });
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    view.append(h('p', { class: 'error', id: 'job-forbidden', role: 'alert' }, t('jobdesk.forbidden')));
    return;
  }
  const [areas, publishers] = await Promise.all([
    api('/areas/communities').then((r) => r.items).catch(() => []), publisherChoice(user)]);
  const formBox = h('div', { id: 'job-form-box' });
  const closeForm = () => { formBox.replaceChildren(); newButton.focus(); };
  const openForm = (post) => {
    formBox.replaceChildren(postForm(post, { areas, publishers }, async (saved) => {
      formBox.replaceChildren();
      say(t(post ? 'jobdesk.saved_edit' : 'jobdesk.saved_new', { title: saved.title }));
      await load(true);  // this tab without it, or the 待审核 tab with it
    }, closeForm));
    formBox.querySelector('h2').setAttribute('tabindex', '-1');
    formBox.querySelector('h2').focus();
  };
  const handlers = {
    edit: openForm,
    withdrawn: async (post) => { say(t('jobdesk.withdrawn', { title: post.title })); await load(true); },
  };
  const newButton = h('button', { type: 'button', id: 'job-new', onclick: () => openForm(null) }, t('jobdesk.new'));
  moreButton(more, () => load(false), (err) => say(refusedText(err), true));
  view.append(
    h('nav', { class: 'jobdesk-tabs', 'aria-label': t('jobdesk.tabs') }, STATUSES.map((s) => h('a', {
      href: `#/staff/jobs?status=${s}`, id: `job-tab-${s}`, 'aria-current': s === status ? 'page' : null }, t('jobdesk.status.' + s)))),
    h('p', {}, newButton, ' ', h('a', { href: '#/staff/job-reviews' }, t('jobdesk.reviews_link')), ' · ',
      h('a', { href: '#/staff/job-complaints' }, t('jobdesk.complaints_link'))),
    formBox, flash,
    h('section', { 'aria-labelledby': 'job-list-title' }, h('h2', { id: 'job-list-title' }, t('jobdesk.list_of', { status: t('jobdesk.status.' + status) })),
      list, more));
  await load(true);
  view.dataset.ready = '1';
}
