// The organisers' activity screens' pure parts (issue 18, service 8;
// screens/activity_desk.js, activity_edit.js, activity_door.js): an activity
// as the form holds it and the body of POST / PUT /activities from it, an end
// time turned into the length in minutes, one date's edit as only what
// changed, a clash's reason as a message key, the repeat in words (as a key
// and its parameters), the places taken. Pure; no DOM. The API contract is
// docs/activities.md.

export const KINDS = ['activity', 'job_fair'];
export const REPEATS = ['none', 'weekly', 'monthly'];
export const TABS = ['active', 'cancelled'];
// The fields PUT /activities/{id} takes (the series' editable ones).
export const SERIES_FIELDS = ['title', 'description', 'capacity', 'age_min', 'age_max', 'offer_window_minutes',
  'start_time', 'duration_minutes', 'venue_id', 'address'];

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const v = (x) => (x === null || x === undefined ? '' : String(x));

// "HH:MM" → minutes since midnight, or null.
export function minutesOf(time) {
  const m = TIME.exec(String(time ?? '').trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// The length in minutes from a start and an end time of the same day: null
// when either is not a time; ≤ 0 when the end is not after the start (the
// server refuses that: 422 duration_minutes).
export function durationOf(start, end) {
  const a = minutesOf(start);
  const b = minutesOf(end);
  return a === null || b === null ? null : b - a;
}

// The end time of a start and a length, "HH:MM" ('' when it passes midnight or is unknown).
export function endOf(start, minutes) {
  const a = minutesOf(start);
  const n = Number(minutes);
  if (a === null || !Number.isInteger(n) || n <= 0 || a + n >= 24 * 60) return '';
  const e = a + n;
  return `${String(Math.floor(e / 60)).padStart(2, '0')}:${String(e % 60).padStart(2, '0')}`;
}

// A whole number typed (full-width digits too) as a number; anything else
// as typed (trimmed), for the server's 422 to name; '' as null.
export function wholeOr(text) {
  const s = String(text ?? '').trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : s;
}

// An activity as the form holds it: every field as text ('' for none).
export function activityValues(a = null) {
  return {
    organiser_org_id: v(a?.organiser?.id), kind: a?.kind || 'activity', title: v(a?.title), description: v(a?.description),
    place: a?.venue ? 'venue' : 'address', venue_id: v(a?.venue?.id), address: v(a?.address),
    community_id: v(a?.community?.id), capacity: v(a?.capacity), age_min: v(a?.age_min), age_max: v(a?.age_max),
    offer_window_minutes: v(a?.offer_window_minutes ?? 120), first_date: v(a?.first_date), start_time: v(a?.start_time),
    length_by: 'minutes', duration_minutes: v(a?.duration_minutes), end_time: a ? endOf(a.start_time, a.duration_minutes) : '',
    repeat: a?.repeat || 'none', repeat_end: a?.repeat_count ? 'count' : 'until', repeat_until: v(a?.repeat_until),
    repeat_count: v(a?.repeat_count),
  };
}

// The length the form says: the minutes typed, or the end time turned into
// minutes (`length_by` 'end'). {value, problem?}: problem 'end_bad' (not a
// time), 'end_before_start' (not after the start).
export function lengthOf(values) {
  if (values.length_by !== 'end') return { value: wholeOr(values.duration_minutes) };
  if (minutesOf(values.end_time) === null) return { value: null, problem: 'end_bad' };
  const d = durationOf(values.start_time, values.end_time);
  if (d === null) return { value: null };  // the start is wrong: the server names start_time
  if (d <= 0) return { value: d, problem: 'end_before_start' };
  return { value: d };
}

// The body of POST /activities from the form's values → {body, errors}:
// `errors` ([{field, problem}]) are what the screen says before sending (an
// end time that is not after the start); the rest is the server's to judge.
export function activityBody(values, { skipClashes = false } = {}) {
  const errors = [];
  const length = lengthOf(values);
  if (length.problem) errors.push({ field: 'duration_minutes', problem: length.problem });
  const body = { kind: values.kind, title: values.title.trim(), description: values.description.trim() };
  if (values.organiser_org_id !== '') body.organiser_org_id = Number(values.organiser_org_id);
  if (values.place === 'venue') body.venue_id = values.venue_id === '' ? null : Number(values.venue_id);
  else body.address = values.address.trim();
  if (values.community_id !== '') body.community_id = Number(values.community_id);
  body.capacity = wholeOr(values.capacity);
  for (const k of ['age_min', 'age_max']) if (wholeOr(values[k]) !== null) body[k] = wholeOr(values[k]);
  if (wholeOr(values.offer_window_minutes) !== null) body.offer_window_minutes = wholeOr(values.offer_window_minutes);
  body.first_date = values.first_date;
  body.start_time = values.start_time.trim();
  body.duration_minutes = length.value;
  body.repeat = values.repeat;
  if (values.repeat !== 'none') {
    if (values.repeat_end === 'count') body.repeat_count = wholeOr(values.repeat_count);
    else body.repeat_until = values.repeat_until === '' ? null : values.repeat_until;
  }
  if (skipClashes) body.skip_clashes = true;
  return { body, errors };
}

// The body of PUT /activities/{id}: only the series' fields that differ from
// `activity` → {body, errors}; an empty body means nothing changed.
export function seriesBody(values, activity, { skipClashes = false } = {}) {
  const { body: all, errors } = activityBody({ ...values, repeat: 'none' });
  const before = activityBody(activityValues(activity)).body;
  const body = {};
  for (const k of SERIES_FIELDS) {
    const now = k in all ? all[k] : (k === 'age_min' || k === 'age_max' ? null : undefined);
    const was = k in before ? before[k] : (k === 'age_min' || k === 'age_max' ? null : undefined);
    if (now !== undefined && now !== was) body[k] = now;
  }
  if (skipClashes && Object.keys(body).length) body.skip_clashes = true;
  return { body, errors };
}

// One date as its edit form holds it (district time from its starts_at).
export function occurrenceValues(o) {
  const start = String(o?.starts_at ?? '').slice(11, 16);
  const ms = Date.parse(o?.ends_at) - Date.parse(o?.starts_at);
  return { date: v(o?.date), start_time: start, duration_minutes: Number.isFinite(ms) ? String(Math.round(ms / 60000)) : '',
    capacity: v(o?.capacity) };
}

// The body of PUT /activity-occurrences/{id}: the fields that changed.
export function occurrenceBody(values, o) {
  const was = occurrenceValues(o);
  const body = {};
  if (values.date !== was.date) body.date = values.date;
  if (values.start_time.trim() !== was.start_time) body.start_time = values.start_time.trim();
  if (String(values.duration_minutes).trim() !== was.duration_minutes) body.duration_minutes = wholeOr(values.duration_minutes);
  if (String(values.capacity).trim() !== was.capacity) body.capacity = wholeOr(values.capacity);
  return body;
}

// A clash's reason (venue_closed, venue_booked) as its message key.
export const clashKey = (reason) => (reason === 'venue_booked' ? 'actdesk.clash.booked' : reason === 'venue_closed'
  ? 'actdesk.clash.closed' : 'actdesk.clash.other');

// The clashes of a 409 as [{date, key, params}], in date order.
export function clashLines(clashes = []) {
  return [...clashes].sort((a, b) => String(a.date).localeCompare(String(b.date)))
    .map((c) => ({ date: c.date, key: clashKey(c.reason), params: { date: c.date, title: c.title ?? '', reason: c.reason ?? '' } }));
}

// The repeat in words as {key, params}: 单次 / 每周 until … / 每月 × n.
export function repeatWords(a) {
  if (!a || a.repeat === 'none' || !REPEATS.includes(a.repeat)) return { key: 'actdesk.repeat_once', params: {} };
  if (a.repeat_count) return { key: `actdesk.repeat_${a.repeat}_count`, params: { n: a.repeat_count } };
  return { key: `actdesk.repeat_${a.repeat}_until`, params: { day: a.repeat_until ?? '' } };
}

// Places taken of one date: capacity − places left.
export const taken = (o) => Math.max(0, Number(o.capacity) - Number(o.places_left));

// Whether a date has started at `nowMs` (no-shows only then).
export const started = (o, nowMs = Date.now()) => Date.parse(o.starts_at) <= nowMs;

// A six-digit door code from what was typed (spaces and full-width digits
// allowed), or null.
export function doorCode(text) {
  const s = String(text ?? '').replace(/\s+/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^\d{6}$/.test(s) ? s : null;
}

// The body of a staff sign-up by phone: name and phone trimmed, the birth date when given.
export function phoneSignupBody({ name, phone, birth_date }) {
  const body = { name: String(name ?? '').trim(), phone: String(phone ?? '').replace(/[\s-]/g, '') };
  if (birth_date) body.birth_date = birth_date;
  return body;
}
