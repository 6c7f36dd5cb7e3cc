// #/staff/job-complaints?status=open|handled — complaints about job posts
// (issue 18): oldest first (GET /job-complaints, 更多 by cursor), each with
// the post's title linked, the reason in words, the complainant's text and
// phone as the server gives it (masked: 138****5678); an open one is handled
// with an outcome — 撤下岗位 (the post is withdrawn in the same write) or 不予处理
// — and a note (POST /job-complaints/{id}/handle); 409 (handled meanwhile) and
// the 403s (not the post's publisher, one's own complaint) in words.
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors, radioGroup, radioValue } from '../js/care_form.js';
import { OUTCOMES } from '../js/job_desk_model.js';
import { moreButton, oneAtATime, refusedText, stamp } from '../js/job_post_view.js';

const STATES = ['open', 'handled'];

// 403: only the post's publisher withdraws it; nobody handles their own complaint.
function forbidden(err) {
  return t(/publisher/.test(err.message) ? 'jobdesk.handle_not_publisher' : 'jobdesk.handle_own');
}

function handleForm(c, handled) {
  const outcome = radioGroup(`outcome-${c.id}`, 'outcome', t('jobdesk.outcome'), OUTCOMES, (o) => t('jobdesk.outcome.' + o));
  const note = h('textarea', { rows: 2, maxlength: 500 });
  const summary = h('div', { tabindex: '-1', id: `handle-errors-${c.id}` });
  const form = h('form', { class: 'jobdesk-handle', novalidate: true, 'aria-label': t('jobdesk.handle_of', { title: c.post.title }) },
    outcome, h('p', { class: 'note', id: `handle-hint-${c.id}` }, t('jobdesk.handle_withdraw_hint')),
    fieldBox(`handle-note-${c.id}`, 'note', t('jobdesk.handle_note'), note), summary,
    h('button', { type: 'submit' }, t('jobdesk.handle')));
  const errors = formErrors(form, summary, `handle-${c.id}`);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const missing = [];
    if (!radioValue(outcome)) missing.push({ field: 'outcome', message: t('jobdesk.outcome_needed') });
    if (!note.value.trim()) missing.push({ field: 'note', message: t('jobdesk.handle_note_needed') });
    if (missing.length) return errors.show(missing, t('jobdesk.not_saved'));
    return oneAtATime(form, async () => {
      try {
        await handled(await api(`/job-complaints/${c.id}/handle`, { method: 'POST', json: { outcome: radioValue(outcome), note: note.value.trim() } }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(err.problem.errors || [], t('jobdesk.not_saved'));
        else if (err instanceof ApiError && err.status === 409) errors.show([], t('jobdesk.handled_already'));
        else if (err instanceof ApiError && err.status === 403) errors.show([], forbidden(err));
        else errors.show([], refusedText(err));
      }
    });
  });
  return form;
}

function complaintItem(c, handled) {
  const row = (key, value) => [h('dt', {}, t('jobdesk.c.' + key)), h('dd', { dataset: { field: key } }, value)];
  return h('li', { class: 'card jobdesk-complaint', dataset: { complaint: c.id, status: c.status } },
    h('h2', { id: `complaint-title-${c.id}` }, h('a', { href: `#/jobs/${c.post.id}` }, c.post.title)),
    h('dl', { class: 'facts' },
      row('reason', t('jobdesk.reason.' + c.reason)),
      c.text && row('text', c.text),
      row('phone', c.phone ?? t('jobdesk.no_phone')),
      row('created_at', stamp(c.created_at)),
      c.status === 'handled' && [row('outcome', t('jobdesk.outcome.' + c.outcome)), row('outcome_note', c.outcome_note ?? ''),
        row('handled_by', `${c.handled_by_name ?? ''} ${stamp(c.handled_at)}`)]),
    c.status === 'open' && handleForm(c, handled));
}

export async function render(view, params, query) {
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('jobdesk.back'))), h('h1', {}, t('jobdesk.complaints_heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  const status = STATES.includes(query.get('status')) ? query.get('status') : 'open';
  const list = h('ul', { class: 'jobdesk-complaints', id: 'job-complaints', 'aria-label': t('jobdesk.complaints_state.' + status) });
  const more = h('button', { type: 'button', class: 'secondary', id: 'complaint-more', hidden: true }, t('jobdesk.more'));
  const flash = h('p', { role: 'status', id: 'complaint-status', tabindex: '-1' });
  let cursor = null;
  const none = () => { if (!list.children.length) list.append(h('li', { id: 'complaint-none' }, t('jobdesk.complaints_none.' + status))); };
  const handled = (c) => {
    list.querySelector(`li[data-complaint="${c.id}"]`)?.remove();
    none();
    flash.textContent = t('jobdesk.handled', { title: c.post?.title ?? '', outcome: t('jobdesk.outcome.' + c.outcome) });
    flash.focus();
  };
  const load = async () => {
    const page = await api('/job-complaints', { query: { status, limit: 20, cursor } });
    fill(list, page.items.map((c) => complaintItem(c, handled)));
    none();
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  moreButton(more, load, (err) => { flash.textContent = refusedText(err); });
  try {
    await load();
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    view.append(h('p', { class: 'error', id: 'job-forbidden', role: 'alert' }, t('jobdesk.forbidden')));
    return;
  }
  view.append(h('nav', { class: 'jobdesk-tabs', 'aria-label': t('jobdesk.complaints_tabs') }, STATES.map((s) => h('a', {
    href: `#/staff/job-complaints?status=${s}`, id: `complaint-tab-${s}`, 'aria-current': s === status ? 'page' : null },
  t('jobdesk.complaints_state.' + s)))), flash, list, more);
  view.dataset.ready = '1';
}
