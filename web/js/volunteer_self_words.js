// Volunteers in words (docs/volunteers.md), shared by the volunteer's own
// page (screens/my_volunteer.js), the public verification page
// (screens/verify.js) and the printable certificate
// (screens/certificate_print.js): hours with one decimal, a record's state,
// a period, a shift's time, and a refusal in words a volunteer understands
// (the code's message, a field's message, else a plain sentence by the
// status — never the server's raw English text). Data only as text (h()).
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate, districtParts } from './format.js';

// The refusal codes the volunteers' routes answer with (a 409's or 403's `error`).
export const REFUSALS = ['wrong_code', 'too_many_codes', 'not_checked_in', 'checked_out', 'checked_in',
  'already_checked_in', 'too_early', 'shift_over', 'shift_cancelled', 'dispute_open', 'not_confirmed',
  'not_submitted', 'no_hours', 'full', 'already_signed_up', 'too_young', 'no_insurance', 'no_training',
  'volunteer_left', 'occurrence_cancelled', 'not_member', 'request_answered', 'cancelled', 'not_a_volunteer'];

// The code of a refusal: the problem's `error` (http::coded_problem) or
// `code`, else a known code leading its detail ("wrong_code: …").
export function refusalCode(err) {
  const p = err?.problem || {};
  for (const c of [p.error, p.code]) if (REFUSALS.includes(c)) return c;
  const lead = /^([a-z_]+):/.exec(String(p.detail || ''));
  return lead && REFUSALS.includes(lead[1]) ? lead[1] : null;
}

// The field a 422 names (`field`, else the first of `errors[]`).
export function problemField(err) {
  if (err?.status !== 422) return null;
  return err.problem?.field || err.problem?.errors?.[0]?.field || null;
}

const known = (key) => t(key) !== key;

// A refusal in words: the code's message, a 422's field message
// (`vol.field.<field>`, an index dropped), else a sentence by the status.
export function refusalText(err) {
  if (!(err instanceof ApiError)) return t('common.offline');
  const code = refusalCode(err);
  if (code && known(`vol.refused.${code}`)) return t(`vol.refused.${code}`);
  const field = problemField(err);
  if (field !== null) {
    const base = field.replace(/\[\d+\]/g, '');
    return known(`vol.field.${base}`) ? t(`vol.field.${base}`) : t('vol.refused.invalid');
  }
  if (err.status === 401) return t('vol.refused.signed_out');
  if (err.status === 403) return t('vol.refused.forbidden');
  if (err.status === 404) return t('vol.refused.not_found');
  if (err.status === 409) return t('vol.refused.conflict');
  if (err.status === 413) return t('vol.refused.too_long');
  if (err.status === 429) return t('vol.refused.too_many');
  if (err.status >= 500) return t('vol.refused.server');
  return t('vol.refused.other');
}

// Minutes as hours with one decimal: 150 → "2.5".
export function hoursOf(minutes) {
  return (Math.round((Number(minutes) || 0) / 6) / 10).toFixed(1);
}

// The server's `hours` (a number or a decimal string) with one decimal.
export function hoursText(hours) {
  const n = Number(hours);
  return Number.isFinite(n) ? n.toFixed(1) : String(hours ?? '');
}

// A signed change of minutes in words: "+30 分钟" / "−45 分钟".
export function minutesChange(minutes) {
  const n = Number(minutes) || 0;
  return t(n < 0 ? 'vol.minutes_less' : 'vol.minutes_more', { n: Math.abs(n) });
}

// "2026-03-01 至 2026-06-30".
export const periodText = (from, to) => t('vol.period', { from, to });

// A record's state as a badge: 待确认 / 已确认 (a mark and the words, never colour alone).
export const stateBadge = (state) =>
  h('span', { class: `badge vol-state vol-state-${state === 'confirmed' ? 'confirmed' : 'submitted'}` },
    t(state === 'confirmed' ? 'vol.state.confirmed' : 'vol.state.submitted'));

// An instant of an answer (RFC 3339, or unix seconds) in the district: "2026-05-10 09:05".
export function momentText(value) {
  if (value === null || value === undefined || value === '') return '';
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) return String(value);
  const p = districtParts(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${districtDate(ms)} ${pad(p.hour)}:${pad(p.minute)}`;
}

// A shift's time: "2026-05-10 09:00–12:00" from instants, or "09:00–12:00"
// (with its date when given) from the HH:MM the shift was made with.
export function shiftTime(shift) {
  const s = shift?.starts_at;
  const e = shift?.ends_at;
  if (!s) return '';
  const hhmm = (v) => /^\d\d:\d\d$/.test(String(v));
  if (hhmm(s)) return [shift.date, `${s}–${e || ''}`].filter(Boolean).join(' ');
  const start = momentText(s);
  const end = e ? momentText(e) : '';
  return end && end.slice(0, 10) === start.slice(0, 10) ? `${start}–${end.slice(11)}` : [start, end].filter(Boolean).join(' – ');
}

// The organiser of a certificate's content line or a record: a name or {id, name}.
export const organiserName = (o) => (o && typeof o === 'object' ? o.name || '' : String(o ?? ''));

// The verification address of a certificate number, on this page's own host.
export const verifyAddress = (number) => `${location.origin}/#/verify/${encodeURIComponent(number)}`;
