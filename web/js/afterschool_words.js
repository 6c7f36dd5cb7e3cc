// After-school care in words, for the staff's and the guardians' screens
// (screens/afterschool_desk.js, afterschool_day.js, my_children.js): a
// programme's days and hours, a refusal in words a staff member or a parent
// understands (never the server's raw text when the code is known), a
// child's state badge, the arrival and the pickup, the 422 field errors of a
// form in the form's words. Data only as text (dom.js h()).
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { arrivalWords, pickupWords, problemField, refusalCode, stateKey, weekdayRuns } from './afterschool_model.js';

// [1,2,3,4,5] → "周一至周五"; [1,3,5] → "周一、周三、周五".
export function weekdaysText(days) {
  return weekdayRuns(days).map(([a, b]) => (a === b ? t('weekday.' + a)
    : b === a + 1 ? `${t('weekday.' + a)}、${t('weekday.' + b)}` : t('as.weekday_run', { from: t('weekday.' + a), to: t('weekday.' + b) })))
    .join('、');
}

// "周一至周五 16:30–18:30 · 交通路社区四点半课堂".
export function programmeLine(p) {
  return [t('as.hours', { days: weekdaysText(p.weekdays), from: p.start_time, to: p.end_time }), p.site?.name || ''].filter(Boolean).join(' · ');
}

// A refusal in words: its code's message, a 422's field, no connection, else the server's reason.
export function refusalText(err, prefix = 'as') {
  if (!(err instanceof ApiError)) return t('common.offline');
  const code = refusalCode(err);
  if (code) return t(`as.refused.${code}`);
  const field = problemField(err);
  if (field && t(`${prefix}.field.${field}`) !== `${prefix}.field.${field}`) return t(`${prefix}.field.${field}`);
  if (err.status === 401) return t('as.refused.signed_out');
  if (err.status === 403) return t('as.refused.forbidden');
  if (err.status === 404) return t('as.refused.not_found');
  if (err.status === 429) return t('as.refused.too_many');
  return t('as.refused.other', { detail: err.message });
}

// A 422 as [{field, message}], each in the form's words where the catalogue has its field.
export function fieldErrors(err, prefix) {
  const p = err.problem || {};
  const list = Array.isArray(p.errors) && p.errors.length ? p.errors : [{ field: p.field || '', message: p.detail || err.message }];
  return list.map((x) => {
    const key = `${prefix}.field.${x.field}`;
    return { field: x.field || '', message: t(key) !== key ? t(key) : (x.message || p.detail || err.message) };
  });
}

// The check's problems [{field, problem, params}] as [{field, message}].
export const checkMessages = (list) => list.map((x) => ({ field: x.field, message: t('as.check.' + x.problem, x.params || {}) }));

// A child's state as a badge: ● / ◐ / ○ and the words (never colour alone).
export const stateBadge = (state, id) => h('span', { class: `badge as-state as-state-${state || 'expected'}`, id }, t(stateKey(state)));

// The arrival and the pickup lines of a roster entry or a child's today.
export function dayLines(e) {
  const a = arrivalWords(e);
  const g = pickupWords(e);
  return [a && h('p', { class: 'as-arrived' }, t(a.key, a.params)),
    g && h('p', { class: 'as-gone' }, t(g.key, { ...g.params, method: t('as.method.' + g.params.method) }))];
}
