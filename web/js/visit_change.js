// Reporting a change (报告情况变化: a fall, a hospital stay, a bereavement)
// in the errands and visits panel of the phone desk and the elder's page
// (js/care_panel.js), keyboard only like its other forms: what happened (no
// choice preset; the focus lands here), when it happened (optional, not in
// the future) and a note; Ctrl+Enter (or Enter on a choice) saves, Esc
// cancels. POST /api/v1/elders/{id}/changes {kind, note}: the answer is her
// due visit — a change wants a visit within 24 hours of the report. The API
// keeps no time of the event (the report's own time is the server's), so
// the time typed goes into the note's first words ("发生于 …；").
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fromLocalInput, toLocalInput } from './format.js';
import { fieldBox, fieldMessage, formErrors, formKeys, keyHint, radioGroup, radioValue, refusal } from './care_form.js';

export const CHANGE_KINDS = ['fall', 'hospital_stay', 'bereavement', 'other'];
export const changeLabel = (k) => t('change.kind.' + k);

const WORDS = { kind: 'change.err.kind', note: 'change.err.note' };
const NOTE_MAX = 500;  // the server's
const TYPED_MAX = 400;  // what the box takes: room left for the time's words

// The note sent: the time it happened (if typed; district time, written out
// whole — the note outlives "today") and what was typed.
export function changeNote(atMs, typed) {
  const parts = [];
  if (atMs !== null) parts.push(t('change.note_when', { when: toLocalInput(atMs).replace('T', ' ') }));
  if (typed) parts.push(typed);
  return parts.join('；').slice(0, NOTE_MAX);
}

// changeForm(elder, {onSaved(answer, kind), onCancel(), level}) → {form,
// focus()}; `answer` is the route's {due}.
export function changeForm(elder, { onSaved, onCancel, level = 3 }) {
  const kind = radioGroup('change-kind', 'kind', t('change.f.kind'), CHANGE_KINDS, changeLabel, null);
  const at = h('input', { type: 'datetime-local', max: toLocalInput(Date.now()) });
  const note = h('textarea', { rows: 2, maxlength: TYPED_MAX });
  const summary = h('div', { id: 'change-errors', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit', id: 'change-save' }, t('change.save'), ' ', keyHint('Ctrl+Enter'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'change-cancel' }, t('care.cancel'), ' ', keyHint('Esc'));
  const form = h('form', { id: 'change-form', class: 'care-form', novalidate: true, 'aria-labelledby': 'change-form-title' },
    h(`h${level}`, { id: 'change-form-title' }, t('change.title', { name: elder.name })),
    h('p', { class: 'note', id: 'change-why' }, t('change.why')),
    summary, kind,
    fieldBox('change-when', 'when', t('change.f.when'), at, t('change.when_hint')),
    fieldBox('change-note', 'note', t('change.f.note'), note, t('care.findings_hint')),
    h('p', {}, save, ' ', cancel));
  const errors = formErrors(form, summary, 'change');
  formKeys(form, onCancel);
  cancel.addEventListener('click', onCancel);

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    // A time in the future, or one the box could not read, is said here.
    const atMs = at.value ? fromLocalInput(at.value) : null;
    if (at.value && !(atMs <= Date.now())) {
      errors.show([{ field: 'when', message: t('change.err.when') }], t('care.not_saved'));
      return;
    }
    busy = true;
    save.disabled = true;
    // No kind chosen goes as absent: the server names the field.
    const body = {};
    if (radioValue(kind)) body.kind = radioValue(kind);
    const text = changeNote(atMs, note.value.trim());
    if (text) body.note = text;
    try {
      const answer = await api(`/elders/${elder.id}/changes`, { method: 'POST', json: body });
      errors.clear();
      await onSaved(answer, body.kind);
    } catch (err) {
      const list = err instanceof ApiError && err.status === 422
        ? (err.problem.errors || []).map((x) => ({ field: x.field, message: fieldMessage(x, WORDS) })) : [];
      errors.show(list, refusal(err));
    } finally {
      busy = false;
      save.disabled = false;
    }
  });

  const focus = () => kind.querySelector('input').focus();
  return { form, focus };
}
