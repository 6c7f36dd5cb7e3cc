// The team phone view's pieces (screens/team_today.js): her phones as tel:
// links, the big button that opens a card's form, a labelled field wrapped
// in a box named after the API's field, radio choices as big rows, and the
// server's problems put in words next to the field they name (aria-invalid,
// aria-describedby) — the rest in the form's status line.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

// "电话： 135…, 0358-…" as tel: links (a masked number stays text); null for none.
export function phoneLine(phones) {
  if (!phones?.length) return null;
  return h('p', {}, t('today.phone'), ' ', phones.map((p, i) => [i ? '、' : '',
    /\*/.test(p) ? p : h('a', { class: 'today-tel', href: 'tel:' + p.replace(/[^\d+]/g, '') }, p)]));
}

// The card's one big button that shows and hides `form` (hidden at first);
// opening it puts the focus in the form's first box.
export function opener(id, label, form, dataset) {
  form.hidden = true;
  const button = h('button', { type: 'button', class: 'today-next', id, dataset, 'aria-expanded': 'false', 'aria-controls': form.id }, label);
  button.addEventListener('click', () => {
    form.hidden = !form.hidden;
    button.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('input:not([type="file"]), textarea')?.focus();
  });
  return button;
}

// A box for the API field `name` holding a label, the control and a hint.
export function field(name, id, label, control, hint) {
  control.id = id;
  const hintId = hint ? id + '-hint' : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label), control, hint ? h('p', { class: 'note', id: hintId }, hint) : null);
}

// Radio rows in a fieldset for the API field `name`; the first is checked
// when `checked` is not given.
export function radios(name, idPrefix, legend, values, labelOf, checked = values[0]) {
  return h('fieldset', { class: 'today-choices', dataset: { field: name } }, h('legend', {}, legend),
    values.map((v) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: idPrefix, id: `${idPrefix}-${v}`, value: v, checked: v === checked }),
      h('label', { for: `${idPrefix}-${v}` }, labelOf(v)))));
}

export const radioValue = (form, idPrefix) => form.querySelector(`input[name="${idPrefix}"]:checked`)?.value;

// The words for a field's problem: ours for the fields we know, else the server's.
function fieldText(name, message) {
  const key = 'today.err.' + name;
  const ours = t(key);
  return ours === key ? message : ours;
}

// A problem that names no field, in words.
export function problemText(err) {
  if (!(err instanceof ApiError)) return t('today.offline');
  if (err.status === 409) return t('today.conflict', { detail: err.message });
  if (err.status === 403) return t('today.forbidden');
  if (err.status === 404) return t('today.gone');
  if (err.status === 413) return t('today.err.receipt_photo');
  if (err.status === 422) return t('today.fix');
  if (err.status === 503) return t('today.busy');
  return t('common.error', { detail: err.message });
}

export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const hint = el.id + '-hint';
    if (document.getElementById(hint)) el.setAttribute('aria-describedby', hint); else el.removeAttribute('aria-describedby');
  }
}

// `list`: [{field, message}] (the server's `errors`, or ours). Each goes
// next to the box of its field; those with no box go to `status`, with
// `headline` first. The first bad control takes the focus.
export function showErrors(form, status, list, headline) {
  clearErrors(form);
  const loose = [];
  list.forEach((x, i) => {
    const box = form.querySelector(`[data-field="${CSS.escape(x.field)}"]`);
    if (!box) { loose.push(fieldText(x.field, x.message)); return; }
    const pid = `${form.id}-err-${i}`;
    box.append(h('p', { class: 'error field-error', id: pid }, fieldText(x.field, x.message)));
    for (const input of box.querySelectorAll('input, select, textarea')) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), pid].filter(Boolean).join(' '));
    }
  });
  status.classList.add('error');
  status.textContent = [headline, ...loose].filter(Boolean).join('；');
  const first = form.querySelector('[aria-invalid="true"]');
  (first || status).focus();
}

// Runs `act()` on submit with the button disabled; an ApiError's field
// problems go by their fields, anything else to the status line.
export function onSubmit(form, status, act) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.classList.remove('error');
    status.textContent = t('today.saving');
    try {
      await act();
    } catch (err) {
      const list = err instanceof ApiError ? err.problem.errors || [] : err.fields || [];
      showErrors(form, status, list, err.fields ? t('today.fix') : problemText(err));
    } finally {
      button.disabled = false;
    }
  });
}
