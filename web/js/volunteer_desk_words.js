// What the volunteer desk's screens share (screens/volunteer_desk.js,
// volunteer_shifts.js; docs/volunteers.md): a refusal in words (its code's
// message, never the server's raw text when the code is known), a 422's
// fields in the desk's words, the contract's checks in words, hours and
// minutes, a list answer's items, a small form row and a confirm-twice
// button. Data only ever as text (dom.js h()).
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { hoursParts, problemList, refusalCode } from './volunteer_desk_model.js';

export const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

// A refusal or a failure in words.
export function refusalText(err) {
  if (!(err instanceof ApiError)) return t('common.offline');
  const code = refusalCode(err);
  if (code) return t('vdesk.refused.' + code);
  if (err.status === 422) return t('vdesk.refused.invalid');
  if (err.status === 401) return t('vdesk.refused.signed_out');
  if (err.status === 403) return t('vdesk.refused.forbidden');
  if (err.status === 404) return t('vdesk.refused.not_found');
  if (err.status === 429) return t('vdesk.refused.too_many');
  return t('vdesk.refused.other', { detail: err.message });
}

// The name of a field path's last part: "trainings[1].name" → "name", "guardian_consent.relation" → "relation".
const lastName = (field) => String(field || '').replace(/\[\d+\]/g, '').replace(/^.*\./, '');

// A 422 as [{field, message}] in the desk's words where the catalogue has the field (vdesk.field.*).
export function fieldErrors(err) {
  return problemList(err).map((x) => {
    const whole = `vdesk.field.${String(x.field).replace(/\[\d+\]/g, '')}`;
    const short = `vdesk.field.${lastName(x.field)}`;
    const key = t(whole) !== whole ? whole : short;
    return { field: x.field, message: t(key) !== key ? t(key) : t('vdesk.field_other', { detail: x.message }) };
  });
}

// The model's problems [{field, problem, params}] as [{field, message}].
export const checkMessages = (list) => list.map((x) => ({ field: x.field, message: t('vdesk.check.' + x.problem, x.params || {}) }));

// 150 → "2小时30分".
export function minutesText(minutes) {
  const p = hoursParts(minutes);
  if (!p.hours) return t('vdesk.minutes', { sign: p.sign, minutes: p.minutes });
  if (!p.minutes) return t('vdesk.hours', { sign: p.sign, hours: p.hours });
  return t('vdesk.hours_minutes', { sign: p.sign, hours: p.hours, minutes: p.minutes });
}

// An instant as "2026-12-07 09:30" (district time), '' for none.
export function stampOf(iso) {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return String(iso);
  const d = new Date(ms + 8 * 3600e3).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

// A labelled control in a .field that carries the API field its errors name.
export function row(id, field, label, input, hint) {
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', dataset: { for: field } }, h('label', { for: id }, label), input,
    hint ? h('p', { class: 'note', id: hintId }, hint) : null);
}

// A status line that says what happened (role=status), focusable.
export const statusLine = (id) => h('p', { role: 'status', id, tabindex: '-1' });

// Sets a status line's words (as an error when `bad`).
export function say(line, text, bad = false) {
  line.className = bad ? 'error' : '';
  line.setAttribute('role', bad ? 'alert' : 'status');
  line.textContent = text;
}

// One request at a time on `el` (a form or a button's box): `run` only when it is not busy.
export async function once(el, run) {
  if (el.getAttribute('aria-busy') === 'true') return undefined;
  el.setAttribute('aria-busy', 'true');
  const buttons = el.tagName === 'BUTTON' ? [el] : [...el.querySelectorAll('button')];
  for (const b of buttons) b.disabled = true;
  try {
    return await run();
  } finally {
    el.removeAttribute('aria-busy');
    for (const b of buttons) b.disabled = false;
  }
}
