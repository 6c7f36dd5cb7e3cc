// The new-errand form (代购 / 代办) of the phone desk and the elder's page,
// keyboard only: the kind (shopping by default; arrows change it), then the
// box the next keystroke goes to — a shopping list one line per item as
// "鸡蛋 2 15" (text, quantity, budget in 元; Enter starts the next line), a
// pharmacy and what to collect, or the task — and a note. Ctrl+Enter saves
// (Enter in a one-line box too), Esc cancels. Lines are read as they are
// typed and shown back with their budget in 元 (the worker reads them back to
// the elder); a budget that is not an amount ("1.234", "-5") is said by the
// box and nothing is sent; what the server refuses (422) is said by its
// field, a line's by its row. POST /api/v1/elders/{id}/errands.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { ERRAND_KINDS, kindLabel, lineText, parseLines, yuan } from './care_words.js';
import { fieldBox, fieldMessage, formErrors, formKeys, keyHint, radioGroup, radioValue, refusal } from './care_form.js';

// The server's fields → the form's words (fieldMessage).
const WORDS = { lines: 'care.err.lines', text: 'care.err.text', quantity: 'care.err.quantity',
  budget_fen: 'care.err.budget', pharmacy: 'care.err.text', what: 'care.err.text', note: 'care.err.note' };

const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });

// errandForm(elder, {onSaved(errand), onCancel(), level}) → {form, focus()}; `level`: its heading's.
export function errandForm(elder, { onSaved, onCancel, level = 3 }) {
  const kind = radioGroup('errand-kind', 'kind', t('care.f.kind'), ERRAND_KINDS, kindLabel, 'shopping');
  const lines = h('textarea', { rows: 4, autocomplete: 'off', spellcheck: 'false' });
  const preview = h('ul', { class: 'plain errand-preview', id: 'errand-preview' });
  const pharmacy = text({ maxlength: 64 });
  const what = text({ maxlength: 200 });
  const task = text({ maxlength: 200 });
  const note = text({ maxlength: 200 });
  const parts = {
    shopping: h('div', { id: 'errand-shopping' },
      fieldBox('errand-lines', 'lines', t('care.f.lines'), lines, t('care.lines_hint')), preview),
    medicine: h('div', { id: 'errand-medicine' },
      fieldBox('errand-pharmacy', 'pharmacy', t('care.f.pharmacy'), pharmacy),
      fieldBox('errand-what', 'what', t('care.f.what'), what)),
    task: h('div', { id: 'errand-task' }, fieldBox('errand-text', 'text', t('care.f.task'), task)),
  };
  const summary = h('div', { id: 'errand-errors', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit', id: 'errand-save' }, t('care.errand_save'), ' ', keyHint('Ctrl+Enter'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'errand-cancel' }, t('care.cancel'), ' ', keyHint('Esc'));
  const form = h('form', { id: 'errand-form', class: 'care-form', novalidate: true, 'aria-labelledby': 'errand-form-title' },
    h(`h${level}`, { id: 'errand-form-title' }, t('care.errand_new', { name: elder.name })),
    summary, kind, parts.shopping, parts.medicine, parts.task,
    fieldBox('errand-note', 'note', t('care.f.note'), note), h('p', {}, save, ' ', cancel));
  const errors = formErrors(form, summary, 'errand');
  formKeys(form, onCancel);
  cancel.addEventListener('click', onCancel);

  const shown = () => radioValue(kind);
  function showKind() {
    for (const [k, part] of Object.entries(parts)) part.hidden = k !== shown();
  }
  kind.addEventListener('change', showKind);
  showKind();

  // The list as read so far, shown back line by line with the total.
  let parsed = parseLines('');
  function readBack() {
    parsed = parseLines(lines.value);
    const items = [
      ...parsed.lines.map((l) => ({ row: l.row, node: h('li', {}, t('care.row', { row: l.row }), lineText(l)) })),
      ...parsed.errors.map((x) => ({ row: x.row, node: h('li', { class: 'error' }, t('care.row', { row: x.row }), x.message) })),
    ].sort((a, b) => a.row - b.row).map((x) => x.node);
    const total = parsed.lines.reduce((s, l) => s + l.budget_fen, 0);
    preview.replaceChildren(...items, parsed.lines.length
      ? h('li', { id: 'errand-total' }, t('care.lines_total', { n: parsed.lines.length, total: yuan(total) })) : null);
  }
  lines.addEventListener('input', readBack);

  function body() {
    const out = { kind: shown() };
    if (out.kind === 'shopping') out.lines = parsed.lines.map(({ text: x, quantity, budget_fen: fen }) => ({ text: x, quantity, budget_fen: fen }));
    if (out.kind === 'medicine') Object.assign(out, { pharmacy: pharmacy.value.trim(), what: what.value.trim() });
    if (out.kind === 'task') out.text = task.value.trim();
    if (note.value.trim()) out.note = note.value.trim();
    return out;
  }

  // A server error's words; a line's says its row ("第 2 行：…").
  function said(x) {
    const m = /^lines\[(\d+)\]/.exec(x.field || '');
    const row = m ? parsed.lines[Number(m[1])]?.row : null;
    return { field: x.field, message: (row ? t('care.row', { row }) : '') + fieldMessage(x, WORDS) };
  }

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    if (shown() === 'shopping') readBack();
    if (shown() === 'shopping' && parsed.errors.length) {
      errors.show(parsed.errors.map((x) => ({ field: 'lines', message: t('care.row', { row: x.row }) + x.message })),
        t('care.not_saved'));
      return;
    }
    busy = true;
    save.disabled = true;
    try {
      const errand = await api(`/elders/${elder.id}/errands`, { method: 'POST', json: body() });
      errors.clear();
      await onSaved(errand);
    } catch (err) {
      const list = err instanceof ApiError && err.status === 422 ? (err.problem.errors || []).map(said) : [];
      errors.show(list, refusal(err));
    } finally {
      busy = false;
      save.disabled = false;
    }
  });

  const focus = () => {
    const first = { shopping: lines, medicine: pharmacy, task }[shown()];
    first.focus();
  };
  return { form, focus };
}
