// The record-a-visit form (探访) of the phone desk and the elder's page,
// keyboard only: how (by phone, preset — the desk takes calls; arrows
// change it), the outcome (none preset: the worker says what she found; the
// focus lands here, Space or the arrows choose), the findings, then
// Ctrl+Enter (or Enter on a choice) saves and Esc cancels. What the server
// refuses (422) is said by its field. POST /api/v1/elders/{id}/visits; the
// answer carries the visit, its escalation when nobody answered, and her
// next due visit.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { VISIT_HOWS, VISIT_OUTCOMES, howLabel, outcomeLabel } from './care_words.js';
import { fieldBox, fieldMessage, formErrors, formKeys, keyHint, radioGroup, radioValue, refusal } from './care_form.js';

const WORDS = { how: 'care.err.how', outcome: 'care.err.outcome', findings: 'care.err.findings' };

// visitForm(elder, {onSaved(visit), onCancel(), level}) → {form, focus()}; `level`: its heading's.
export function visitForm(elder, { onSaved, onCancel, level = 3 }) {
  const how = radioGroup('visit-how', 'how', t('care.f.how'), VISIT_HOWS, howLabel, 'phone');
  const outcome = radioGroup('visit-outcome', 'outcome', t('care.f.outcome'), VISIT_OUTCOMES, outcomeLabel, null);
  const findings = h('textarea', { rows: 3, maxlength: 2000 });
  const summary = h('div', { id: 'visit-errors', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit', id: 'visit-save' }, t('care.visit_save'), ' ', keyHint('Ctrl+Enter'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'visit-cancel' }, t('care.cancel'), ' ', keyHint('Esc'));
  const form = h('form', { id: 'visit-form', class: 'care-form', novalidate: true, 'aria-labelledby': 'visit-form-title' },
    h(`h${level}`, { id: 'visit-form-title' }, t('care.visit_new', { name: elder.name })),
    summary, how, outcome,
    fieldBox('visit-findings', 'findings', t('care.f.findings'), findings, t('care.findings_hint')),
    h('p', {}, save, ' ', cancel));
  const errors = formErrors(form, summary, 'visit');
  formKeys(form, onCancel);
  cancel.addEventListener('click', onCancel);

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    save.disabled = true;
    // An outcome not chosen goes as absent: the server names the field.
    const body = { how: radioValue(how), findings: findings.value.trim() };
    if (radioValue(outcome)) body.outcome = radioValue(outcome);
    try {
      const visit = await api(`/elders/${elder.id}/visits`, { method: 'POST', json: body });
      errors.clear();
      await onSaved(visit);
    } catch (err) {
      const list = err instanceof ApiError && err.status === 422
        ? (err.problem.errors || []).map((x) => ({ field: x.field, message: fieldMessage(x, WORDS) })) : [];
      errors.show(list, refusal(err));
    } finally {
      busy = false;
      save.disabled = false;
    }
  });

  const focus = () => (outcome.querySelector('input:checked') || outcome.querySelector('input')).focus();
  return { form, focus };
}
