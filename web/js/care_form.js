// What the errand and visit forms share (js/errand_form.js, js/visit_form.js):
// labelled boxes and radio groups that carry the API field their errors name,
// the server's 422 errors put by those fields (aria-invalid and
// aria-describedby, the first bad one focused), the keys — Ctrl+Enter
// (or ⌘+Enter) saves from anywhere in the form, Enter on a radio saves,
// Esc cancels — a key as shown on a button, and a refused save in words.
import { ApiError } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';

// A labelled box; `field` is the API's field path its errors name.
export function fieldBox(id, field, label, input, hint) {
  input.id = id;
  const hintId = hint ? id + '-hint' : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', dataset: { for: field } }, h('label', { for: id }, label), input,
    hint ? h('p', { class: 'note', id: hintId }, hint) : null);
}

// A radio group as a fieldset: one .choice row per value.
export function radioGroup(id, field, legend, values, labelOf, checked) {
  return h('fieldset', { id, dataset: { for: field } }, h('legend', {}, legend),
    values.map((v) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: id, id: `${id}-${v}`, value: v, checked: v === checked }),
      h('label', { for: `${id}-${v}` }, labelOf(v)))));
}

export const radioValue = (group) => group.querySelector('input:checked')?.value || '';

// The box (or group) an error's field names, else its parents
// ("lines[1].budget_fen" → "lines"); null when the form has none.
function placeOf(form, field) {
  for (let f = field; f;) {
    const el = form.querySelector(`[data-for="${CSS.escape(f)}"]`);
    if (el) return el;
    const up = f.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (up === f) break;
    f = up;
  }
  return null;
}

// errors(form, summary, prefix) → {show(list, headline), clear()}: each
// {field, message} is said by its field; those with no field of the form go
// to the summary. The first bad control (else the summary) takes the focus.
export function formErrors(form, summary, prefix) {
  const previous = new Map();
  function clear() {
    summary.replaceChildren();
    for (const p of form.querySelectorAll('.field-error')) p.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const before = previous.get(el);
      if (before) el.setAttribute('aria-describedby', before); else el.removeAttribute('aria-describedby');
    }
    previous.clear();
  }
  function show(list, headline) {
    clear();
    const loose = [];
    list.forEach((x, i) => {
      const place = placeOf(form, x.field || '');
      if (!place) { loose.push(x); return; }
      const pid = `${prefix}-err-${i}`;
      place.append(h('p', { class: 'error field-error', id: pid }, x.message));
      const input = place.querySelector('textarea, input:checked, input, select');
      if (input && !input.hasAttribute('aria-invalid')) {
        const before = input.getAttribute('aria-describedby');
        previous.set(input, before);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [pid, before].filter(Boolean).join(' '));
      }
    });
    fill(summary, h('p', { class: 'error' }, headline),
      loose.length ? h('ul', { class: 'error' }, loose.map((x) => h('li', {}, `${x.field || ''}：${x.message}`))) : null);
    (form.querySelector('[aria-invalid="true"]') || summary).focus();
  }
  return { show, clear };
}

const isRadio = (el) => el instanceof HTMLInputElement && el.type === 'radio';

// Ctrl+Enter / ⌘+Enter anywhere, or Enter on a radio, submits; Esc cancels.
export function formKeys(form, onCancel) {
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey || isRadio(ev.target))) {
      ev.preventDefault();
      form.requestSubmit();
    } else if (ev.key === 'Escape' && onCancel) {
      ev.preventDefault();
      onCancel();
    }
  });
}

// The server's 422 message in the form's words, by the field it names
// (`words`: field name → message key), else "此项有误：…" with its own.
export function fieldMessage(x, words) {
  const name = String(x.field || '').replace(/^.*\./, '').replace(/\[\d+\]$/, '');
  return words[name] ? t(words[name]) : t('care.err.field', { detail: x.message });
}

// A key as shown on a button: <kbd> in the text's own size and face, boxed
// (set through the CSSOM: the Content-Security-Policy refuses style="…").
export const keyHint = (key) => h('kbd', { class: 'key', style: { fontFamily: 'inherit', fontSize: 'inherit',
  border: '1px solid currentColor', borderRadius: '4px', padding: '0 4px', marginLeft: '2px' } }, key);

// Why a save failed, in words: 422 (see the fields), 403, 409, or the error.
export function refusal(err) {
  if (!(err instanceof ApiError)) return t('common.error', { detail: err.message });
  if (err.status === 422) return t('care.not_saved');
  if (err.status === 403) return t('care.forbidden');
  if (err.status === 409) return t('care.closed');
  if (err.status === 404) return t('elder.not_found');
  return t('common.error', { detail: err.message });
}
