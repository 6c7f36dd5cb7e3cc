// A job post as the staff screens show it (issue 18; screens/job_desk.js,
// job_reviews.js): its pay in 元 a month, its status in words, and the post
// in full — employer, headcount, conditions, duties, place, area, pay, hours,
// contact, valid until, publisher — with the terms the server flagged marked
// (<mark>) and their kind said in words beside them (性别 / 民族 / 宗教 / 健康 /
// 户籍), never by colour alone. Data only ever as text (dom.js h()).
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { price, toLocalInput } from './format.js';
import { flagKinds, flagRuns, TEXT_FIELDS } from './job_desk_model.js';

// An instant of the API (RFC 3339) as "2026-12-05 09:30", district time; '' for none.
export const stamp = (iso) => (iso ? toLocalInput(Date.parse(iso)).replace('T', ' ') : '');

// A refusal or a failure in words: the server's reason, or no connection.
export const refusedText = (err) => (err instanceof ApiError ? t('jobdesk.refused', { detail: err.message }) : t('common.offline'));

// One request at a time (a double click, Enter twice): `run` only when `form`
// is not busy; its submit buttons (or `buttons`) disabled and the form
// aria-busy until it settles.
export async function oneAtATime(form, run, buttons = form.querySelectorAll('button[type="submit"]')) {
  if (form.getAttribute('aria-busy') === 'true') return undefined;
  form.setAttribute('aria-busy', 'true');
  for (const b of buttons) b.disabled = true;
  try {
    return await run();
  } finally {
    form.removeAttribute('aria-busy');
    for (const b of buttons) b.disabled = false;
  }
}

// 更多: `load` once until its page has arrived (the button disabled meanwhile).
export function moreButton(button, load, failed) {
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await load();
    } catch (err) {
      failed(err);
    } finally {
      button.disabled = false;
    }
  });
}

export const payText = (post) => t('jobdesk.pay_range', { min: price(post.pay_min_fen), max: price(post.pay_max_fen) });

// The status a publisher reads: 已过期 for a published post past its day.
export const statusOf = (post) => (post.status === 'published' && post.expired ? 'expired' : post.status);

export const statusBadge = (post) => h('span', { class: `badge jobdesk-status jobdesk-status-${statusOf(post)}` },
  t('jobdesk.status.' + statusOf(post)));

// `text` with the flags of `field` marked, each followed by its kind in words.
export function flaggedText(text, flags, field) {
  return flagRuns(text, flags, field).map((r) => (r.flag
    ? [h('mark', { class: 'jobdesk-flag', dataset: { kind: r.flag.kind } }, r.text),
      h('span', { class: 'jobdesk-flag-kind' }, t('jobdesk.flag_kind_inline', { kind: t('jobdesk.flag.' + r.flag.kind) }))]
    : r.text));
}

// "提示用语：性别（限男性）、户籍（本地户口）" — or null when none.
export function flagSummary(post, id) {
  const flags = post.flags || [];
  if (!flags.length) return null;
  const list = flagKinds(flags).map((k) => t('jobdesk.flag_one', { kind: t('jobdesk.flag.' + k),
    terms: [...new Set(flags.filter((f) => f.kind === k).map((f) => f.term))].join('、') }));
  return h('p', { class: 'jobdesk-flags', id }, h('strong', {}, t('jobdesk.flags')), list.join(t('jobdesk.list_sep')));
}

// The post in full as a definition list.
export function postFacts(post) {
  const flags = post.flags || [];
  const row = (key, ...value) => [h('dt', {}, t('jobdesk.f.' + key)), h('dd', { dataset: { field: key } }, ...value)];
  const text = (field) => (TEXT_FIELDS.includes(field) ? flaggedText(post[field], flags, field) : post[field]);
  return h('dl', { class: 'facts jobdesk-facts' },
    row('employer', post.employer?.name ?? ''),
    row('headcount', t('jobdesk.people', { n: post.headcount })),
    row('conditions', text('conditions')),
    row('duties', text('duties')),
    row('place', text('place'), post.area ? ` · ${post.area.name}` : ''),
    row('pay', payText(post)),
    row('hours', post.hours),
    row('contact', `${post.contact_name} ${post.contact_phone}`),
    row('valid_until', post.valid_until),
    post.publisher && row('publisher', post.publisher.name),
    post.created_by_name && row('created_by', post.created_by_name),
    post.review_note && row('review_note', post.review_note));
}

// A post's title with its flags marked, as a heading of `level`.
export const postTitle = (post, level, id) => h('h' + level, { id }, flaggedText(post.title, post.flags || [], 'title'));
