// One job post (issue 18): what the job is — employer, pay, headcount,
// place, hours, duties, conditions, valid until — and whom to call (the
// employer's recruiting number, a business number shown whole, as a tel:
// link), who published it, the note that public job services are free, a
// read-aloud button (elder mode's text pages), and 举报/投诉: a form of
// reasons, words and an optional phone → POST /jobs/{id}/complaints, then a
// thank-you that says what happens next. A post gone, too many complaints
// from here, or no network are said in words. Data is text only (dom.js h()).
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { phoneLink } from '../js/places.js';
import { complaintBody, MAX_COMPLAINT_TEXT, payText, priceWords, problemText, REASONS } from '../js/jobs_model.js';
import { readAloudButton, stopReading } from '../js/read_aloud.js';

const SPOKEN = 'h1, .job-employer, .job-pay, .job-facts dt, .job-facts dd, .job-text h2, .job-text p, #jobs-free';

function back() {
  return h('button', { type: 'button', class: 'back secondary', onclick: () => {
    if (history.length > 1) history.back(); else location.hash = '#/jobs';
  } }, '‹ ' + t('jobs.back'));
}

function textSection(id, title, text) {
  return h('section', { class: 'card job-text', 'aria-labelledby': id },
    h('h2', { id }, title), String(text || '').split(/\n+/).filter((x) => x.trim()).map((line) => h('p', {}, line)));
}

function radio(name, value, label) {
  const id = `${name}-${value}`;
  return h('div', { class: 'choice' }, h('input', { type: 'radio', name, id, value, required: true }), h('label', { for: id }, label));
}

// 举报/投诉: a button that opens the form in place; the answer replaces it.
function complaint(job) {
  const box = h('section', { class: 'card', id: 'complaint', 'aria-labelledby': 'complaint-title' },
    h('h2', { id: 'complaint-title' }, t('jobs.complaint_title')));
  const open = h('button', { type: 'button', class: 'secondary', id: 'complaint-open', 'aria-expanded': 'false' }, t('jobs.complaint_open'));
  const status = h('div', { id: 'complaint-status', role: 'alert' });
  const fieldError = (field) => h('p', { class: 'error', id: `complaint-${field}-error`, hidden: true });
  const errors = { reason: fieldError('reason'), text: fieldError('text'), phone: fieldError('phone') };
  const f = h('form', { id: 'complaint-form', novalidate: true, hidden: true },
    h('fieldset', { 'aria-describedby': 'complaint-reason-error' }, h('legend', {}, t('jobs.complaint_reason')),
      REASONS.map((r) => radio('reason', r, t('jobs.reason.' + r))), errors.reason),
    h('label', { for: 'complaint-text' }, t('jobs.complaint_text')),
    h('textarea', { id: 'complaint-text', name: 'text', rows: 4, maxlength: MAX_COMPLAINT_TEXT, 'aria-describedby': 'complaint-text-error complaint-text-note' }),
    h('p', { class: 'note', id: 'complaint-text-note' }, t('jobs.complaint_text_note', { n: MAX_COMPLAINT_TEXT })),
    errors.text,
    h('label', { for: 'complaint-phone' }, t('jobs.complaint_phone')),
    h('input', { type: 'tel', id: 'complaint-phone', name: 'phone', autocomplete: 'tel', inputmode: 'tel', 'aria-describedby': 'complaint-phone-note complaint-phone-error' }),
    h('p', { class: 'note', id: 'complaint-phone-note' }, t('jobs.complaint_phone_note')),
    errors.phone,
    h('button', { type: 'submit', id: 'complaint-send' }, t('jobs.complaint_send')));
  open.addEventListener('click', () => {
    f.hidden = !f.hidden;
    open.setAttribute('aria-expanded', String(!f.hidden));
    if (!f.hidden) f.querySelector('input[name="reason"]').focus();
  });
  const showErrors = (list) => {
    for (const [field, el] of Object.entries(errors)) {
      const bad = list.filter((x) => x.field === field);
      el.hidden = !bad.length;
      el.textContent = bad.map((x) => x.text).join('；');
    }
  };
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(f);
    const made = complaintBody({ reason: data.get('reason'), text: data.get('text'), phone: data.get('phone') });
    status.replaceChildren();
    if (made.errors) {
      showErrors(made.errors.map((x) => ({ field: x.field, text: t(x.key, { n: MAX_COMPLAINT_TEXT }) })));
      (f.elements[made.errors[0].field]?.[0] ?? f.elements[made.errors[0].field])?.focus();
      return;
    }
    showErrors([]);
    const send = f.querySelector('#complaint-send');
    send.disabled = true;
    try {
      const answer = await api(`/jobs/${encodeURIComponent(job.id)}/complaints`, { method: 'POST', json: made.body });
      box.replaceChildren(h('h2', { id: 'complaint-title', tabindex: '-1' }, t('jobs.complaint_thanks')),
        h('p', { id: 'complaint-done', class: 'big' }, t('jobs.complaint_received', { id: answer.id })),
        h('p', {}, t('jobs.complaint_next')),
        made.body.phone ? h('p', {}, t('jobs.complaint_next_phone')) : h('p', {}, t('jobs.complaint_next_nophone')),
        h('a', { class: 'button secondary', href: '#/jobs', id: 'complaint-to-jobs' }, t('jobs.back')));
      box.querySelector('h2').focus();
    } catch (err) {
      send.disabled = false;
      if (err.status === 422 && err.problem?.errors?.length) {
        showErrors(err.problem.errors.map((x) => ({ field: x.field in errors ? x.field : 'text', text: x.message })));
      }
      status.replaceChildren(h('p', { class: 'error' }, problemText(err)));
    }
  });
  box.append(h('p', {}, t('jobs.complaint_intro')), open, f, status);
  return box;
}

export async function render(view, { id }) {
  let job;
  try {
    job = await api(`/jobs/${encodeURIComponent(id)}`);
  } catch (e) {
    view.append(back(), h('h1', {}, t('jobs.post')), h('p', { class: 'error big', role: 'alert', id: 'job-problem' }, problemText(e)),
      h('a', { class: 'button secondary', href: '#/jobs' }, t('jobs.to_search')));
    return undefined;
  }
  view.classList.add('job');
  view.append(back(),
    h('h1', {}, job.title),
    h('p', { class: 'job-employer big' }, job.employer?.name),
    h('p', { class: 'job-pay big', 'data-speak': priceWords(job.pay_min_fen, job.pay_max_fen) }, payText(job.pay_min_fen, job.pay_max_fen)),
    h('dl', { class: 'facts job-facts' },
      h('dt', {}, t('jobs.headcount')), h('dd', {}, t('jobs.headcount_n', { n: job.headcount })),
      h('dt', {}, t('jobs.place')), h('dd', {}, job.place, job.area && ` (${job.area.name})`),
      h('dt', {}, t('jobs.hours')), h('dd', {}, job.hours),
      h('dt', {}, t('jobs.valid_until')), h('dd', {}, job.valid_until),
      h('dt', {}, t('jobs.contact')), h('dd', { id: 'job-contact' }, job.contact_name, ' ', phoneLink(job.contact_phone)),
      h('dt', {}, t('jobs.publisher')), h('dd', {}, job.publisher?.name)),
    h('p', { class: 'free-note', id: 'jobs-free' }, t('jobs.free_note')));
  const read = readAloudButton(view, SPOKEN, t('facility.read_aloud'));
  if (read) view.append(read);
  view.append(textSection('job-duties', t('jobs.duties'), job.duties),
    textSection('job-conditions', t('jobs.conditions'), job.conditions),
    complaint(job));
  return stopReading;
}
