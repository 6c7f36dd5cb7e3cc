// #/staff/job-reviews — the job posts' review queue (issue 18): every pending
// post, oldest first (GET /job-reviews, 更多 by cursor), each in full with the
// terms the server flagged marked in its text and their kind in words
// (js/job_post_view.js); 通过 / 退回 with a note (POST /jobs/{id}/review). The
// note is required to reject and to approve a flagged post — said here before
// the server would; the four-eyes rule (403: the reviewer wrote or last
// edited the post) and the three 409s (reviewed meanwhile, changed since it was
// read, valid_until passed) are said in words; a post past its day is marked.
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors } from '../js/care_form.js';
import { noteNeeded } from '../js/job_desk_model.js';
import { flagSummary, moreButton, oneAtATime, postFacts, postTitle, refusedText, stamp } from '../js/job_post_view.js';
import { districtDayStart, toLocalInput } from '../js/format.js';

// Today in the district, "YYYY-MM-DD" (as valid_until is written).
const today = () => toLocalInput(districtDayStart(Date.now())).slice(0, 10);

// A pending post whose valid_until has passed: the server refuses 通过 (409).
export const pastDay = (post) => post.valid_until < today();

// The server's 409 says which case it is: changed since read, its day passed,
// or no longer pending.
function refusal(err, post) {
  if (!(err instanceof ApiError)) return refusedText(err);
  if (err.status === 403) return t('jobdesk.review_own');
  if (err.status !== 409) return refusedText(err);
  if (/changed since/.test(err.message)) return t('jobdesk.review_changed');
  if (/valid_until/.test(err.message) || pastDay(post)) return t('jobdesk.review_expired');
  return t('jobdesk.review_gone');
}

function reviewItem(post, reviewed) {
  const note = h('textarea', { rows: 2, maxlength: 500 });
  const summary = h('div', { tabindex: '-1', id: `review-errors-${post.id}` });
  const flagged = (post.flags || []).length > 0;
  const form = h('form', { class: 'jobdesk-review', novalidate: true, 'aria-label': t('jobdesk.review_of', { title: post.title }) },
    fieldBox(`review-note-${post.id}`, 'note', t('jobdesk.review_note'), note,
      t(flagged ? 'jobdesk.review_note_flagged' : 'jobdesk.review_note_hint')),
    summary,
    h('p', { class: 'buttons' },
      h('button', { type: 'submit', value: 'approve', class: 'review-approve' }, t('jobdesk.approve')), ' ',
      h('button', { type: 'submit', value: 'reject', class: 'secondary review-reject' }, t('jobdesk.reject'))));
  const errors = formErrors(form, summary, `review-${post.id}`);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const decision = ev.submitter?.value === 'reject' ? 'reject' : 'approve';
    if (noteNeeded(decision, post) && !note.value.trim()) {
      return errors.show([{ field: 'note', message: t(decision === 'reject' ? 'jobdesk.note_to_reject' : 'jobdesk.note_to_approve_flagged') }],
        t('jobdesk.not_reviewed'));
    }
    return oneAtATime(form, async () => {
      try {
        await reviewed(await api(`/jobs/${post.id}/review`, { method: 'POST', json: { decision, note: note.value.trim(), updated_at: post.updated_at } }), decision);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(err.problem.errors || [], t('jobdesk.not_reviewed'));
        else errors.show([], refusal(err, post));
      }
    });
  });
  const expired = pastDay(post);
  return h('li', { class: 'card jobdesk-post', dataset: { post: post.id, flagged: String(flagged), expired: String(expired) } },
    postTitle(post, 2, `review-title-${post.id}`),
    expired && h('p', { class: 'jobdesk-expired', id: `review-expired-${post.id}` },
      h('span', { class: 'badge jobdesk-status jobdesk-status-expired' }, t('jobdesk.status.expired')), ' ',
      t('jobdesk.review_expired_note', { day: post.valid_until })),
    h('p', { class: 'note' }, t('jobdesk.submitted', { by: post.created_by_name ?? '', at: stamp(post.updated_at) })),
    flagSummary(post, `review-flags-${post.id}`), postFacts(post), form);
}

export async function render(view) {
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('jobdesk.back'))), h('h1', {}, t('jobdesk.reviews_heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view); }));
    return;
  }
  const list = h('ul', { class: 'jobdesk-posts', id: 'job-reviews', 'aria-label': t('jobdesk.reviews_heading') });
  const more = h('button', { type: 'button', class: 'secondary', id: 'review-more', hidden: true }, t('jobdesk.more'));
  const flash = h('p', { role: 'status', id: 'review-status', tabindex: '-1' });
  let cursor = null;
  const reviewed = (post, decision) => {
    list.querySelector(`li[data-post="${post.id}"]`)?.remove();
    if (!list.children.length) list.append(h('li', { id: 'review-none' }, t('jobdesk.reviews_none')));
    flash.textContent = t(decision === 'approve' ? 'jobdesk.approved' : 'jobdesk.rejected', { title: post.title });
    flash.focus();
  };
  const load = async () => {
    const page = await api('/job-reviews', { query: { limit: 20, cursor } });
    fill(list, page.items.map((p) => reviewItem(p, reviewed)));
    if (!list.children.length) list.append(h('li', { id: 'review-none' }, t('jobdesk.reviews_none')));
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
  view.append(h('p', { class: 'note' }, t('jobdesk.reviews_note')), flash, list, more);
  view.dataset.ready = '1';
}
