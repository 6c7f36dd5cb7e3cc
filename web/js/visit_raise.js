// Raising from a visit's finding (为此发现登记代办 / 为此发现提交诉求), in the
// errands and visits panel of the phone desk and the elder's page
// (js/care_panel.js): under a visit with findings, what it raised already
// (links) and two buttons; each opens a one-step form, keyboard only like
// the others (Ctrl+Enter saves, Esc cancels), that sends
// POST /api/v1/visits/{id}/raise —
//   an errand: a task, the finding preset as its text (so Ctrl+Enter at once
//   raises it), or shopping lines typed as at the desk ("鸡蛋 2 15");
//   an appeal: a category, the text (the finding preset) and where the
//   problem is — appeals are public (Open311 lists each with its place), so
//   her home is never filled in; the server makes her the contact.
// What the server refuses (422, named under errand. or appeal.) is said by
// the form's field, a line's with its row; 403, 404 and 409 in words.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { categories, categoryName } from './appeals.js';
import { kindLabel, parseLines } from './care_words.js';
import { fieldBox, fieldMessage, formErrors, formKeys, keyHint, radioGroup, radioValue, refusal } from './care_form.js';

const RAISE_KINDS = ['task', 'shopping'];
// The server's fields (less their errand./appeal. prefix) → the form's words.
const WORDS = { lines: 'care.err.lines', text: 'care.err.text', quantity: 'care.err.quantity',
  budget_fen: 'care.err.budget', note: 'care.err.note', category: 'raise.err.category',
  description: 'raise.err.description', address: 'raise.err.where', lat: 'raise.err.where', lon: 'raise.err.where' };

const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });

// What a visit raised, as links: an errand to her page (`onErrand(id)`
// focuses it in the list shown and answers true, else the link is followed),
// an appeal to its case page.
export function raisedLinks(v, onErrand) {
  return (v.raised || []).map((r) => {
    const label = t(r.kind === 'errand' ? 'raise.raised_errand' : 'raise.raised_appeal', { id: r.id });
    // An errand has no page of its own: her page lists it (a click here
    // focuses it in the list shown).
    const a = h('a', { href: r.kind === 'errand' ? `#/staff/elders/${v.elder_id}` : `#/staff/appeals/${r.id}`,
      class: 'raised-link', dataset: { kind: r.kind, id: r.id } }, label);
    if (r.kind === 'errand') {
      a.addEventListener('click', (ev) => { if (onErrand(r.id)) ev.preventDefault(); });
    }
    return [' · ', a];
  });
}

// The raise bar under visit `v`: its links and the two buttons; `onOpen(kind)`.
export function raiseBar(v, { onOpen, onErrand }) {
  const links = h('span', { class: 'raised', id: `visit-${v.id}-raised` }, raisedLinks(v, onErrand));
  const errand = h('button', { type: 'button', class: 'secondary', id: `visit-${v.id}-raise-errand` }, t('raise.errand_button'));
  const appeal = h('button', { type: 'button', class: 'secondary', id: `visit-${v.id}-raise-appeal` }, t('raise.appeal_button'));
  errand.addEventListener('click', () => onOpen('errand'));
  appeal.addEventListener('click', () => onOpen('appeal'));
  return { el: h('div', { class: 'visit-raise' }, links, h('p', {}, errand, ' ', appeal)), links, errand, appeal };
}

// The errand's part of the form: kind, the lines or the task, a note.
function errandPart(v) {
  const kind = radioGroup('raise-kind', 'kind', t('care.f.kind'), RAISE_KINDS, kindLabel, 'task');
  const task = text({ maxlength: 200, value: (v.findings || '').slice(0, 200) });
  const lines = h('textarea', { rows: 3, autocomplete: 'off', spellcheck: 'false' });
  const note = text({ maxlength: 200 });
  const parts = {
    task: h('div', { id: 'raise-task-part' }, fieldBox('raise-task', 'text', t('care.f.task'), task, t('raise.task_hint'))),
    shopping: h('div', { id: 'raise-shopping-part' }, fieldBox('raise-lines', 'lines', t('care.f.lines'), lines, t('care.lines_hint'))),
  };
  const show = () => { for (const [k, part] of Object.entries(parts)) part.hidden = k !== radioValue(kind); };
  kind.addEventListener('change', show);
  show();
  let parsed = parseLines('');
  return {
    nodes: [kind, parts.task, parts.shopping, fieldBox('raise-note', 'note', t('care.f.note'), note)],
    // {body} or {errors} (a line that is no amount is said before sending).
    read() {
      const out = { kind: radioValue(kind) };
      if (out.kind === 'task') out.text = task.value.trim();
      if (out.kind === 'shopping') {
        parsed = parseLines(lines.value);
        if (parsed.errors.length) {
          return { errors: parsed.errors.map((x) => ({ field: 'lines', message: t('care.row', { row: x.row }) + x.message })) };
        }
        out.lines = parsed.lines.map(({ text: x, quantity, budget_fen: fen }) => ({ text: x, quantity, budget_fen: fen }));
      }
      if (note.value.trim()) out.note = note.value.trim();
      return { body: { errand: out } };
    },
    row: (i) => parsed.lines[i]?.row,
  };
}

// The appeal's part: the category, the text, where.
function appealPart(v) {
  const category = h('select', {}, h('option', { value: '' }, t('appeal.choose')));
  categories().then((items) => category.append(...items.map((c) => h('option', { value: c.code }, categoryName(c)))))
    .catch(() => category.append(h('option', { value: '', disabled: true }, t('raise.no_categories'))));
  const description = h('textarea', { rows: 3, maxlength: 4000 });
  description.value = v.findings || '';
  const where = text({ maxlength: 200 });
  return {
    nodes: [fieldBox('raise-category', 'category', t('raise.f.category'), category),
      fieldBox('raise-description', 'description', t('raise.f.description'), description),
      fieldBox('raise-address', 'address', t('raise.f.where'), where, t('raise.where_hint'))],
    first: () => category,
    read() {
      const out = {};
      if (category.value) out.category = category.value;
      if (description.value.trim()) out.description = description.value.trim();
      if (where.value.trim()) out.address = where.value.trim();
      return { body: { appeal: out } };
    },
    row: () => null,
  };
}

// raiseForm(elder, visit, kind, {onRaised(answer), onCancel(), level}) →
// {form, focus()}; `kind`: "errand" | "appeal"; `answer` the raise's 201
// {kind, id, href, visit_id, raised_by, raised_at}.
export function raiseForm(elder, v, kind, { onRaised, onCancel, level = 3 }) {
  const part = kind === 'errand' ? errandPart(v) : appealPart(v);
  const summary = h('div', { id: 'raise-errors', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit', id: 'raise-save' },
    t(kind === 'errand' ? 'raise.errand_save' : 'raise.appeal_save'), ' ', keyHint('Ctrl+Enter'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'raise-cancel' }, t('care.cancel'), ' ', keyHint('Esc'));
  const form = h('form', { id: 'raise-form', class: 'care-form', novalidate: true, 'aria-labelledby': 'raise-form-title',
    dataset: { kind, visit: v.id } },
  h(`h${level}`, { id: 'raise-form-title' }, t(kind === 'errand' ? 'raise.errand_title' : 'raise.appeal_title', { name: elder.name })),
  h('p', { class: 'note', id: 'raise-finding' }, t('raise.finding', { findings: v.findings || '' })),
  summary, part.nodes, h('p', {}, save, ' ', cancel));
  const errors = formErrors(form, summary, 'raise');
  formKeys(form, onCancel);
  cancel.addEventListener('click', onCancel);

  // A server error by the form's field: "errand.lines[1].budget_fen" → the
  // lines box with the row; "appeal.lat" (no place given) → where.
  function said(x) {
    const field = String(x.field || '').replace(/^(errand|appeal)\./, '').replace(/^(lat|lon)$/, 'address');
    const m = /^lines\[(\d+)\]/.exec(field);
    const row = m ? part.row(Number(m[1])) : null;
    return { field, message: (row ? t('care.row', { row }) : '') + fieldMessage({ ...x, field }, WORDS) };
  }

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const read = part.read();
    if (read.errors) { errors.show(read.errors, t('care.not_saved')); return; }
    busy = true;
    save.disabled = true;
    try {
      const answer = await api(`/visits/${v.id}/raise`, { method: 'POST', json: read.body });
      errors.clear();
      await onRaised(answer);
    } catch (err) {
      const list = err instanceof ApiError && err.status === 422 ? (err.problem.errors || []).map(said) : [];
      errors.show(list, refusal(err));
    } finally {
      busy = false;
      save.disabled = false;
    }
  });

  // The errand's kind (Enter raises the task as preset; arrows change it),
  // the appeal's category.
  const focus = () => (kind === 'errand' ? form.querySelector('#raise-kind input:checked') : part.first()).focus();
  return { form, focus };
}
