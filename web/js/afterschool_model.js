// After-school care's pure parts (社区四点半课堂, docs/afterschool.md;
// screens/afterschool_desk.js, afterschool_day.js, my_children.js draw, this
// decides): the forms ⇄ their bodies checked as the contract checks them (a
// child, a pickup adult, a proxy, a programme, the staff list), ages from a
// birth date on the district's day, the staffing rule, a roster entry's state
// and who took the child home in words (as message keys), the six digits of
// a code as typed, a refusal's code as the message a staff member or a parent
// understands, the dashboard's figures. District time (+08:00). No DOM.
import { districtParts } from './format.js';

// The contract's limits.
export const LIMITS = {
  child_name: 30, school: 60, grade: 20, health_notes: 500, relation: 20, adult_name: 30,
  child_age: [3, 17], adult_age: 18, adult_children: [1, 10], programme_name: 60, capacity: [1, 500],
  term_days: 400, staff: 50, min_adults: [1, 10], base_children: [1, 200], per_extra_children: [1, 200],
  code: 6, wrong_codes: 5,
};
export const CHILDREN_NOTICE_VERSION = 'afterschool-children-v1';
export const STAFFING_DEFAULT = { min_adults: 2, base_children: 25, per_extra_children: 20 };
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
export const STATES = ['expected', 'here', 'gone'];
export const METHODS = ['code', 'phone', 'proxy'];

const pad = (n) => String(n).padStart(2, '0');
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
export const chars = (s) => [...String(s ?? '')].length;
const trim = (s) => String(s ?? '').trim();
const halfWidth = (s) => String(s ?? '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

// The district's date at `nowMs`, "YYYY-MM-DD".
export function districtDay(nowMs = Date.now()) {
  const p = districtParts(nowMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

// An instant (RFC 3339) as "HH:MM" district time; '' for none.
export function clockOf(iso) {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = districtParts(ms);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

// Whole years from `birth` to `today` ("YYYY-MM-DD" both); null when unreadable.
export function ageOn(birth, today) {
  if (!DATE.test(String(birth ?? '')) || !DATE.test(String(today ?? ''))) return null;
  const [by, bm, bd] = birth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// A mobile number as typed → digits only ("+86 138-1234-5678" → "13812345678").
export function phoneDigits(text) {
  return halfWidth(text).replace(/[\s\-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}
export const phoneOk = (text) => /^1\d{10}$/.test(phoneDigits(text));

// Six digits as typed (full-width too, spaces ignored), or null.
export function codeDigits(text) {
  const s = halfWidth(text).replace(/\s/g, '');
  return /^\d{6}$/.test(s) ? s : null;
}

// The code pad: `code` after a key ('0'…'9', 'back', 'clear'); at most 6 digits.
export function padKey(code, key) {
  const now = String(code ?? '');
  if (key === 'clear') return '';
  if (key === 'back') return now.slice(0, -1);
  if (/^\d$/.test(key) && now.length < LIMITS.code) return now + key;
  return now;
}

// A text field's problem by the contract's length: required and 1–max, or 0–max.
function textProblem(add, field, value, max, { required = true } = {}) {
  const v = trim(value);
  if (!v) { if (required) add(field, 'required'); return; }
  if (chars(v) > max) add(field, 'too_long', { max });
}

// POST /children from the form → {body, errors} ([{field, problem, params}]).
export function childBody(v, today) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  textProblem(add, 'name', v.name, LIMITS.child_name);
  textProblem(add, 'school', v.school, LIMITS.school);
  textProblem(add, 'grade', v.grade, LIMITS.grade);
  const age = ageOn(v.birth_date, today);
  if (age === null) add('birth_date', 'date_bad');
  else if (v.birth_date > today) add('birth_date', 'future');
  else if (age < LIMITS.child_age[0] || age > LIMITS.child_age[1]) add('birth_date', 'child_age', { min: LIMITS.child_age[0], max: LIMITS.child_age[1] });
  textProblem(add, 'health_notes', v.health_notes, LIMITS.health_notes, { required: false });
  textProblem(add, 'relation', v.relation, LIMITS.relation);
  if (v.consent !== true) add('consent', 'consent_needed');
  const notes = trim(v.health_notes);
  const body = { name: trim(v.name), school: trim(v.school), grade: trim(v.grade), birth_date: v.birth_date,
    health_notes: notes || null, relation: trim(v.relation), consent: v.consent === true };
  return { body, errors };
}

// POST /my-pickup-adults from the form → {body, errors}. `photo` a data URL or ''.
export function adultBody(v, today) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  textProblem(add, 'name', v.name, LIMITS.adult_name);
  textProblem(add, 'relation', v.relation, LIMITS.relation);
  if (!phoneOk(v.phone)) add('phone', 'phone_bad');
  const age = ageOn(v.birth_date, today);
  if (age === null) add('birth_date', 'date_bad');
  else if (v.birth_date > today) add('birth_date', 'future');
  else if (age < LIMITS.adult_age) add('birth_date', 'adult_age', { min: LIMITS.adult_age });
  const until = trim(v.valid_until);
  if (until && !DATE.test(until)) add('valid_until', 'date_bad');
  else if (until && until < today) add('valid_until', 'past');
  const ids = (v.child_ids || []).map(Number);
  if (ids.length < LIMITS.adult_children[0]) add('child_ids', 'children_none');
  if (ids.length > LIMITS.adult_children[1]) add('child_ids', 'children_many', { max: LIMITS.adult_children[1] });
  const body = { name: trim(v.name), relation: trim(v.relation), phone: phoneDigits(v.phone), birth_date: v.birth_date,
    valid_until: until || null, child_ids: ids };
  if (v.photo) body.photo = v.photo;
  return { body, errors };
}

// POST /children/{id}/proxies → {body, errors}: name, phone, relation (optional).
export function proxyBody(v) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  textProblem(add, 'name', v.name, LIMITS.adult_name);
  if (!phoneOk(v.phone)) add('phone', 'phone_bad');
  textProblem(add, 'relation', v.relation, LIMITS.relation, { required: false });
  const body = { name: trim(v.name), phone: phoneDigits(v.phone) };
  if (trim(v.relation)) body.relation = trim(v.relation);
  return { body, errors };
}

// "YYYY-MM-DD" + n days.
export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const whole = (text) => {
  const s = halfWidth(text).trim();
  return /^\d+$/.test(s) ? Number(s) : null;
};

// The new programme's form as text; weekdays as numbers.
export function programmeValues() {
  return { organiser_org_id: '', name: '', site_id: '', weekdays: [1, 2, 3, 4, 5], start_time: '16:30', end_time: '18:30',
    capacity: '', term_start: '', term_end: '', on_makeup_days: false,
    min_adults: String(STAFFING_DEFAULT.min_adults), base_children: String(STAFFING_DEFAULT.base_children),
    per_extra_children: String(STAFFING_DEFAULT.per_extra_children) };
}

// POST /afterschool-programmes from the form → {body, errors}.
export function programmeBody(v) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  textProblem(add, 'name', v.name, LIMITS.programme_name);
  if (String(v.site_id ?? '') === '') add('site_id', 'site_pick');
  const days = [...new Set((v.weekdays || []).map(Number))].sort();
  if (!days.length) add('weekdays', 'weekdays_none');
  const start = trim(v.start_time);
  const end = trim(v.end_time);
  if (!TIME.test(start)) add('start_time', 'time_bad');
  if (!TIME.test(end)) add('end_time', 'time_bad');
  else if (TIME.test(start) && end <= start) add('end_time', 'end_before_start');
  const range = (field, [min, max], value = v[field]) => {
    const n = whole(value);
    if (n === null || n < min || n > max) add(field, 'range', { min, max });
    return n;
  };
  const capacity = range('capacity', LIMITS.capacity);
  const ts = trim(v.term_start);
  const te = trim(v.term_end);
  if (!DATE.test(ts)) add('term_start', 'date_bad');
  if (!DATE.test(te)) add('term_end', 'date_bad');
  else if (DATE.test(ts) && te < ts) add('term_end', 'term_order');
  else if (DATE.test(ts) && te > addDays(ts, LIMITS.term_days)) add('term_end', 'term_long', { days: LIMITS.term_days });
  const staffing = {};
  for (const k of ['min_adults', 'base_children', 'per_extra_children']) staffing[k] = range(`staffing.${k}`, LIMITS[k], v[k]);
  const body = { name: trim(v.name), site_id: Number(v.site_id) || null, weekdays: days, start_time: start, end_time: end,
    capacity, term_start: ts, term_end: te, on_makeup_days: Boolean(v.on_makeup_days), staffing };
  if (String(v.organiser_org_id ?? '') !== '') body.organiser_org_id = Number(v.organiser_org_id);
  return { body, errors };
}

// PUT …/staff from the rows [{user_id, role, background_checked_on}] → {body, errors}.
export function staffBody(rows, today) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  if (rows.length > LIMITS.staff) add('staff', 'staff_many', { max: LIMITS.staff });
  const seen = new Set();
  const staff = rows.map((r, i) => {
    const id = whole(r.user_id);
    if (id === null || id < 1) add(`staff[${i}].user_id`, 'user_bad');
    else if (seen.has(id)) add(`staff[${i}].user_id`, 'user_twice');
    seen.add(id);
    if (!['staff', 'volunteer'].includes(r.role)) add(`staff[${i}].role`, 'role_bad');
    const on = trim(r.background_checked_on);
    if (!DATE.test(on)) add(`staff[${i}].background_checked_on`, 'date_bad');
    else if (on > today) add(`staff[${i}].background_checked_on`, 'future');
    return { user_id: id, role: r.role, background_checked_on: on };
  });
  return { body: { staff }, errors };
}

// A check date + 1 year, and whether that day has come.
export function recheck(checkedOn, today) {
  if (!DATE.test(String(checkedOn ?? ''))) return { due_on: '', due: false };
  const [y, m, d] = checkedOn.split('-').map(Number);
  // 29 February + 1 year is 1 March (Date.UTC rolls over).
  const due = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
  return { due_on: due, due: today >= due };
}

// The staffing rule: the adults needed for `n` children.
export function adultsNeeded(n, s = STAFFING_DEFAULT) {
  return s.min_adults + Math.ceil(Math.max(0, n - s.base_children) / s.per_extra_children);
}

// A day's staffing in words: {key, params, met}.
export function staffingWords(st) {
  if (!st) return { key: 'asdesk.staffing_unknown', params: {}, met: false };
  const params = { on_duty: st.on_duty ?? 0, required: st.required ?? 0, children: st.children ?? 0,
    missing: Math.max(0, (st.required ?? 0) - (st.on_duty ?? 0)) };
  return st.met ? { key: 'asdesk.staffing_met', params, met: true } : { key: 'asdesk.staffing_short', params, met: false };
}

// A roster entry's (or a child's today's) state as a message key.
export const stateKey = (state) => (STATES.includes(state) ? `as.state.${state}` : 'as.state.expected');

// How the child came: {key, params}.
export function arrivalWords(e) {
  if (!e || !e.checked_in_at) return null;
  const at = clockOf(e.checked_in_at);
  if (e.brought_by === 'adult') return { key: 'as.arrived_adult', params: { at, name: e.brought_by_name || e.adult_name || '' } };
  return { key: 'as.arrived_school', params: { at } };
}

// Who took the child home: {key, params}; null before.
export function pickupWords(e) {
  if (!e || !e.checked_out_at) return null;
  const p = e.picked_up_by || {};
  const params = { at: clockOf(e.checked_out_at), name: p.name || '', relation: p.relation || '',
    method: METHODS.includes(p.method) ? p.method : 'code' };
  return { key: p.relation ? 'as.gone_with_relation' : 'as.gone_with', params };
}

// The refusal codes the screens say in words (the contract's 403 / 409 / 429 codes).
export const REFUSALS = ['pickup_refused', 'too_many_codes', 'proxy_unconfirmed', 'proxy_used', 'no_photo', 'not_checked_in',
  'already_checked_out', 'already_checked_in', 'no_session', 'not_enrolled', 'full', 'already_enrolled', 'programme_closed',
  'no_account', 'session_not_over', 'no_duty', 'already_confirmed', 'duty_confirmed'];

// An ApiError's refusal code (the problem's `error` or `code`, or one named in
// its detail), or null.
export function refusalCode(err) {
  const p = err?.problem || {};
  for (const c of [p.error, p.code]) if (REFUSALS.includes(c)) return c;
  const detail = String(p.detail || '');
  const lead = /^([a-z_]+):/.exec(detail);
  if (lead && REFUSALS.includes(lead[1])) return lead[1];
  return REFUSALS.find((c) => new RegExp(`\\b${c}\\b`).test(detail)) || null;
}

// The field a 422 names, or null.
export function problemField(err) {
  return err?.status === 422 ? err.problem?.field || err.problem?.errors?.[0]?.field || null : null;
}

// Weekdays in a short Chinese-free form (the screen words each number): [1,2,3,4,5] → ranges [[1,5]].
export function weekdayRuns(days) {
  const list = [...new Set((days || []).map(Number))].sort((a, b) => a - b);
  const runs = [];
  for (const d of list) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d - 1) last[1] = d; else runs.push([d, d]);
  }
  return runs;
}

// Roster counts: {expected, here, gone, total}.
export function rosterCounts(children = []) {
  const out = { expected: 0, here: 0, gone: 0, total: children.length };
  for (const c of children) out[STATES.includes(c.state) ? c.state : 'expected']++;
  return out;
}

// A roster entry's pickup adults ([{id, name, relation, has_photo, active}])
// split for the phone + photo check-out: those staff may choose (active,
// by name) and those who may not (revoked or expired).
export function pickupChoices(adults = []) {
  const byName = (a, b) => String(a.name ?? '').localeCompare(String(b.name ?? ''), 'zh-CN') || a.id - b.id;
  const list = Array.isArray(adults) ? adults.filter((a) => a && a.id != null) : [];
  return { active: list.filter((a) => a.active !== false).sort(byName), inactive: list.filter((a) => a.active === false).sort(byName) };
}

// The duty boxes from the roster: the programme's staff (`roster.staff`) and
// the user ids of the day's duty adults (`roster.duty`), each staff member
// with `on_duty`; `counts` false for one whose re-check is due (flagged, not
// counted on duty).
export function dutyRows(roster = {}) {
  const on = new Set((Array.isArray(roster.duty) ? roster.duty : []).map((d) => Number(d.user_id)));
  return (Array.isArray(roster.staff) ? roster.staff : []).map((s) => ({ ...s, on_duty: on.has(Number(s.user_id)), counts: !s.recheck_due }));
}

// Who may read GET /afterschool-counts: admins and department users.
export const mayCount = (user) => Boolean(user) && ['admin', 'department'].includes(user.role);

// The dashboard's rows from the counts: sites by name, and the total row.
export function countRows(counts) {
  const sites = [...(counts?.sites || [])].sort((a, b) => String(a.site_name).localeCompare(String(b.site_name), 'zh-CN'));
  return { sites, total: { enrolled: counts?.enrolled ?? 0, attending: counts?.attending ?? 0, late_pickups: counts?.late_pickups ?? 0 } };
}
