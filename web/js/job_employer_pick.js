// The employer of a job post as the desk's form picks it (issue 18,
// screens/job_desk.js): a search among the verified employers (GET
// /job-employers?q=, a substring of the name) into a select, or one added in
// place — name, 统一社会信用代码, address → POST /job-employers, verified by the
// caller's publisher organisation; its 422 said by its fields, its 409 (the
// credit code is already there) in words. The select carries the post's
// `employer_id` (its fieldBox) so the post's own 422 lands on it. Enter in the
// add part saves the employer, never the post's form.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox, formErrors } from './care_form.js';
import { oneAtATime, refusedText } from './job_post_view.js';

const option = (e) => h('option', { value: String(e.id) }, `${e.name}（${e.credit_code}）`);

// → {box, select}: `current` ({id, name}) is the post's employer, if any.
export function employerPicker(current) {
  const select = h('select', { required: true }, h('option', { value: '' }, t('jobdesk.employer_none')),
    current ? h('option', { value: String(current.id), selected: true }, current.name) : null);
  const q = h('input', { type: 'search', id: 'job-employer-q', maxlength: 100 });
  const found = h('p', { class: 'note', id: 'job-employer-found', role: 'status' });
  const search = async () => {
    try {
      const page = await api('/job-employers', { query: { q: q.value.trim(), limit: 50 } });
      const keep = select.value;
      select.replaceChildren(h('option', { value: '' }, t('jobdesk.employer_none')), ...page.items.map(option));
      if (current && !page.items.some((e) => e.id === current.id)) select.append(h('option', { value: String(current.id) }, current.name));
      select.value = page.items.length === 1 ? String(page.items[0].id) : keep;
      found.textContent = t('jobdesk.employer_found', { n: page.items.length });
    } catch (err) {
      found.textContent = refusedText(err);
    }
  };
  q.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); search(); } });
  const add = addForm((e) => {
    select.append(option(e));
    select.value = String(e.id);
    found.textContent = t('jobdesk.employer_added', { name: e.name });
  });
  const open = h('button', { type: 'button', class: 'secondary', id: 'job-employer-new', 'aria-expanded': 'false' }, t('jobdesk.employer_new'));
  open.addEventListener('click', () => {
    add.hidden = !add.hidden;
    open.setAttribute('aria-expanded', String(!add.hidden));
    if (!add.hidden) add.querySelector('input').focus();
  });
  const box = h('fieldset', { class: 'jobdesk-employer' }, h('legend', {}, t('jobdesk.f.employer')),
    h('div', { class: 'field' }, h('label', { for: q.id }, t('jobdesk.employer_search')), q,
      h('button', { type: 'button', class: 'secondary', id: 'job-employer-search', onclick: search }, t('jobdesk.search'))),
    found, fieldBox('job-employer', 'employer_id', t('jobdesk.employer_pick'), select), open, add);
  return { box, select, search };
}

// The inline "add an employer" part: not a <form> (it sits inside the post's
// form), its own save button and its own errors.
function addForm(added) {
  const name = h('input', { type: 'text', maxlength: 100 });
  const code = h('input', { type: 'text', maxlength: 18, autocomplete: 'off', spellcheck: 'false' });
  const address = h('input', { type: 'text', maxlength: 200 });
  const summary = h('div', { tabindex: '-1', id: 'employer-errors' });
  const part = h('div', { class: 'jobdesk-employer-add', id: 'job-employer-add', hidden: true, role: 'group', 'aria-labelledby': 'employer-add-title' },
    h('h3', { id: 'employer-add-title' }, t('jobdesk.employer_new')),
    fieldBox('employer-name', 'name', t('jobdesk.employer_name'), name),
    fieldBox('employer-code', 'credit_code', t('jobdesk.employer_code'), code, t('jobdesk.employer_code_hint')),
    fieldBox('employer-address', 'address', t('jobdesk.employer_address'), address), summary);
  const errors = formErrors(part, summary, 'employer');
  const save = h('button', { type: 'button', id: 'employer-save' }, t('jobdesk.employer_save'));
  save.addEventListener('click', () => oneAtATime(part, async () => {
    errors.clear();
    try {
      const e = await api('/job-employers', { method: 'POST',
        json: { name: name.value.trim(), credit_code: code.value.trim().toUpperCase(), address: address.value.trim() } });
      for (const i of [name, code, address]) i.value = '';
      part.hidden = true;
      added(e);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) errors.show(err.problem.errors || [], t('jobdesk.employer_not_saved'));
      else if (err instanceof ApiError && err.status === 409) errors.show([{ field: 'credit_code', message: t('jobdesk.employer_taken') }], t('jobdesk.employer_not_saved'));
      else errors.show([], refusedText(err));
    }
  }, [save]));
  // Enter in its inputs would submit the post's form around it: save this part.
  part.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && ev.target instanceof HTMLInputElement) { ev.preventDefault(); save.click(); }
  });
  part.append(save);
  return part;
}
