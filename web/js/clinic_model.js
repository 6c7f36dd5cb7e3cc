// The free clinics' pure parts (社区义诊, docs/clinics.md; screens/clinics.js,
// clinic.js, clinic_desk.js draw, this decides): the new session's form ⇄
// the body of POST /clinic-sessions, checked as the contract checks it (so
// the staff hear of a bad field before anything is sent; the server still
// judges), the slots a start, a length and a count make, a slot's time and
// places in words, the doctors grouped by department, a booking's body (a
// health note needs its consent), what a booking got, and the dashboard's
// places used. Times are district time (+08:00). No DOM.
import { districtParts } from './format.js';

export const DOCTOR_FIELDS = ['department', 'name', 'title', 'licence_number'];
// The contract's limits (docs/clinics.md, "Sessions" and "Booking a slot").
export const LIMITS = {
  title: 60, description: 2000, address: 200, filing_number: 40, doctor_field: 30, doctors: 30,
  slot_minutes: [5, 240], slots: [1, 40], places_per_slot: [1, 500], health_note: 500, name: 40, days_ahead: 365,
};
export const LICENCE = /^[0-9A-Za-z-]{6,30}$/;
// How far the residents' list looks ahead (GET /clinic-sessions?days=).
export const LIST_DAYS = 14;

const pad = (n) => String(n).padStart(2, '0');
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// Characters as the server counts them (code points, not UTF-16 units).
export const chars = (s) => [...String(s ?? '')].length;
const blank = (s) => String(s ?? '').trim() === '';

// "HH:MM" → minutes since midnight, or null.
export function minutesOf(time) {
  const m = TIME.exec(String(time ?? '').trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// Minutes since midnight → "HH:MM" ("24:00" for the day's end).
export const clockOf = (minutes) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

// A whole number typed (full-width digits too) as a number; anything else as
// typed (trimmed), for the check and the server to refuse; '' as null.
export function wholeOr(text) {
  const s = String(text ?? '').trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : s;
}

// The district's date at `nowMs` plus `days`, "YYYY-MM-DD".
export function districtDay(nowMs = Date.now(), days = 0) {
  const p = districtParts(nowMs + days * 86400e3);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

// The slots of a start time, a slot length and a count: [{seq, start, end}]
// as "HH:MM" ("24:00" at most), or null when any is not readable. `fits`:
// the last slot ends by 24:00 of the same day.
export function slotPlan(startTime, slotMinutes, slots) {
  const start = minutesOf(startTime);
  const len = wholeOr(slotMinutes);
  const n = wholeOr(slots);
  if (start === null || !Number.isInteger(len) || !Number.isInteger(n) || len < 1 || n < 1 || n > 1000) return null;
  const end = start + len * n;
  const list = [];
  for (let i = 0; i < n; i++) {
    const a = start + i * len;
    list.push({ seq: i + 1, start: clockOf(a), end: clockOf(Math.min(a + len, 24 * 60)) });
  }
  return { slots: list, first: clockOf(start), last_end: end <= 24 * 60 ? clockOf(end) : null, fits: end <= 24 * 60 };
}

// An empty doctor row, and the new session's form as text ('' for none).
export const emptyDoctor = () => ({ department: '', name: '', title: '', licence_number: '' });
export function sessionValues() {
  return {
    organiser_org_id: '', title: '', description: '', place: 'venue', venue_id: '', address: '', community_id: '',
    filing_number: '', date: '', start_time: '', slot_minutes: '30', slots: '', places_per_slot: '', doctors: [emptyDoctor()],
  };
}

// The problems of the form's values as the contract states them:
// [{field, problem, params}] (`problem` a message key's last part), in the
// form's order; `today` the district's date.
export function sessionProblems(values, today) {
  const out = [];
  const add = (field, problem, params = {}) => out.push({ field, problem, params });
  if (blank(values.title)) add('title', 'required');
  else if (chars(values.title.trim()) > LIMITS.title) add('title', 'too_long', { max: LIMITS.title });
  if (chars(values.description.trim()) > LIMITS.description) add('description', 'too_long', { max: LIMITS.description });
  if (values.place === 'venue') {
    if (values.venue_id === '') add('venue_id', 'venue_pick');
  } else if (blank(values.address)) add('address', 'required');
  else if (chars(values.address.trim()) > LIMITS.address) add('address', 'too_long', { max: LIMITS.address });
  filingProblems(values.filing_number, add);
  const day = /^\d{4}-\d\d-\d\d$/.test(values.date) ? values.date : '';
  if (!day) add('date', 'date_bad');
  else if (day < today || day > addDays(today, LIMITS.days_ahead)) add('date', 'date_range', { days: LIMITS.days_ahead });
  if (minutesOf(values.start_time) === null) add('start_time', 'time_bad');
  const range = (field) => {
    const [min, max] = LIMITS[field];
    const n = wholeOr(values[field]);
    if (!Number.isInteger(n) || n < min || n > max) { add(field, 'range', { min, max }); return false; }
    return true;
  };
  const lenOk = range('slot_minutes');
  const nOk = range('slots');
  if (lenOk && nOk && minutesOf(values.start_time) !== null && !slotPlan(values.start_time, values.slot_minutes, values.slots).fits) {
    add('slots', 'past_midnight');
  }
  range('places_per_slot');
  doctorProblems(values.doctors || [], add);
  return out;
}

// The filing number's problems, told to add(field, problem, params).
function filingProblems(text, add) {
  if (blank(text)) add('filing_number', 'required');
  else if (chars(text.trim()) > LIMITS.filing_number) add('filing_number', 'too_long', { max: LIMITS.filing_number });
}

// The doctors' rows' problems (doctors[i].field), told to add(field, problem, params).
function doctorProblems(doctors, add) {
  if (!doctors.length) add('doctors', 'doctors_none');
  if (doctors.length > LIMITS.doctors) add('doctors', 'doctors_many', { max: LIMITS.doctors });
  doctors.forEach((d, i) => {
    for (const k of DOCTOR_FIELDS) {
      const field = `doctors[${i}].${k}`;
      const text = String(d[k] ?? '').trim();
      if (!text) add(field, 'required');
      else if (k === 'licence_number' && !LICENCE.test(text)) add(field, 'licence_bad');
      else if (k !== 'licence_number' && chars(text) > LIMITS.doctor_field) add(field, 'too_long', { max: LIMITS.doctor_field });
    }
  });
}

const trimmedDoctors = (doctors) => doctors.map((d) => Object.fromEntries(DOCTOR_FIELDS.map((k) => [k, String(d[k] ?? '').trim()])));

// The body of PUT /clinic-sessions/{id} (the filing number and the doctors,
// replaced as a whole) → {body, errors} (errors as sessionProblems).
export function editBody({ filing_number: filing = '', doctors = [] } = {}) {
  const errors = [];
  const add = (field, problem, params = {}) => errors.push({ field, problem, params });
  filingProblems(filing, add);
  doctorProblems(doctors, add);
  return { body: { filing_number: String(filing).trim(), doctors: trimmedDoctors(doctors) }, errors };
}

// "YYYY-MM-DD" + n days.
export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// The body of POST /clinic-sessions from the form's values → {body, errors}
// (errors as sessionProblems; the body is built either way).
export function sessionBody(values, { today, skipClashes = false } = {}) {
  const body = { title: values.title.trim(), description: values.description.trim() };
  if (values.organiser_org_id !== '') body.organiser_org_id = Number(values.organiser_org_id);
  if (values.place === 'venue') body.venue_id = values.venue_id === '' ? null : Number(values.venue_id);
  else body.address = values.address.trim();
  if (values.community_id !== '') body.community_id = Number(values.community_id);
  body.filing_number = values.filing_number.trim();
  body.date = values.date;
  body.start_time = values.start_time.trim();
  for (const k of ['slot_minutes', 'slots', 'places_per_slot']) body[k] = wholeOr(values[k]);
  body.doctors = trimmedDoctors(values.doctors || []);
  if (skipClashes) body.skip_clashes = true;
  return { body, errors: today ? sessionProblems(values, today) : [] };
}

// A booking's body → {body, errors}: a resident sends {} or the note with
// its consent; staff add the caller's name and phone. A note written needs
// the consent ticked (errors [{field: 'consent', problem: 'consent_needed'}]).
export function bookingBody({ note = '', consent = false, name, phone } = {}, { staff = false } = {}) {
  const body = {};
  const errors = [];
  if (staff) {
    body.name = String(name ?? '').trim();
    body.phone = String(phone ?? '').replace(/[\s-]/g, '');
    if (!body.name) errors.push({ field: 'name', problem: 'required' });
    else if (chars(body.name) > LIMITS.name) errors.push({ field: 'name', problem: 'too_long', params: { max: LIMITS.name } });
    if (!/^1\d{10}$/.test(body.phone)) errors.push({ field: 'phone', problem: 'phone_bad' });
  }
  const text = String(note ?? '').trim();
  if (text) {
    body.health_note = text;
    body.consent = Boolean(consent);
    if (chars(text) > LIMITS.health_note) errors.push({ field: 'health_note', problem: 'too_long', params: { max: LIMITS.health_note } });
    if (!consent) errors.push({ field: 'consent', problem: 'consent_needed' });
  }
  return { body, errors };
}

// A slot's time from its instants, district time: "08:30–09:00".
export function slotClock(slot) {
  const s = districtParts(Date.parse(slot.starts_at));
  const e = districtParts(Date.parse(slot.ends_at));
  const end = e.day !== s.day && e.hour === 0 && e.minute === 0 ? '24:00' : `${pad(e.hour)}:${pad(e.minute)}`;
  return `${pad(s.hour)}:${pad(s.minute)}–${end}`;
}

// A slot's places as {key, params, tone}: cancelled, "还有 N 个名额",
// "已满，N 人排队", "已满"; a slot that has begun: 'started'.
export function slotPlaces(slot, nowMs = Date.now()) {
  if (slot.status === 'cancelled') return { key: 'clinic.slot_cancelled', params: {}, tone: 'cancelled' };
  if (Date.parse(slot.starts_at) <= nowMs) return { key: 'clinic.slot_started', params: {}, tone: 'closed' };
  if (slot.places_left > 0) return { key: 'clinic.slot_left', params: { n: slot.places_left }, tone: 'open' };
  if (slot.waiting > 0) return { key: 'clinic.slot_full_waiting', params: { n: slot.waiting }, tone: 'full' };
  return { key: 'clinic.slot_full', params: {}, tone: 'full' };
}

// Whether a slot takes bookings now (scheduled, not begun, the session not cancelled).
export const bookable = (slot, session, nowMs = Date.now()) => slot.status === 'scheduled'
  && session?.activity?.status !== 'cancelled' && Date.parse(slot.starts_at) > nowMs;

// The session's places left over its slots that take bookings.
export const placesLeft = (session, nowMs = Date.now()) => (session.slots || [])
  .filter((s) => bookable(s, session, nowMs)).reduce((n, s) => n + Number(s.places_left || 0), 0);

// The doctors grouped by department, in the order the departments come:
// [{department, doctors: [...]}].
export function byDepartment(doctors = []) {
  const groups = new Map();
  for (const d of doctors) {
    if (!groups.has(d.department)) groups.set(d.department, []);
    groups.get(d.department).push(d);
  }
  return [...groups].map(([department, list]) => ({ department, doctors: list }));
}

// The session's day and hours: {date, from, to} from its first and last
// scheduled slot (every slot when all are cancelled).
export function sessionSpan(session) {
  const all = session.slots || [];
  const live = all.filter((s) => s.status !== 'cancelled');
  const list = live.length ? live : all;
  if (!list.length) return { date: session.activity?.first_date ?? '', from: session.activity?.start_time ?? '', to: '' };
  const first = slotClock(list[0]).split('–')[0];
  const to = slotClock(list[list.length - 1]).split('–')[1];
  const p = districtParts(Date.parse(list[0].starts_at));
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, from: first, to };
}

// What a booking got, as {key, params}: a place with its door code, a
// place in line, an offer waiting for an answer, or its end.
export function bookingState(signup) {
  if (!signup) return { key: 'clinic.booked_none', params: {} };
  switch (signup.status) {
    case 'confirmed': return { key: 'clinic.booked_confirmed', params: { code: signup.code } };
    case 'waiting': return { key: 'clinic.booked_waiting', params: { n: signup.position } };
    case 'offered': return { key: 'clinic.booked_offered', params: {} };
    case 'cancelled': return { key: 'clinic.booked_cancelled', params: {} };
    case 'lapsed': return { key: 'clinic.booked_lapsed', params: {} };
    default: return { key: 'clinic.booked_none', params: {} };
  }
}

// Whether a sign-up still holds a place or a turn.
export const activeBooking = (s) => Boolean(s) && ['confirmed', 'waiting', 'offered'].includes(s.status);

// The dashboard's figure: places used of places, the permille as a percentage.
export const permilleText = (n) => `${(Number(n ?? 0) / 10).toFixed(1)}%`;

// Who may read GET /clinic-counts (the server's rule): admins and department users.
export const mayCountClinics = (user) => Boolean(user) && ['admin', 'department'].includes(user.role);

// The 409 codes a booking or a session may be refused with, said in words.
export const KNOWN_CODES = ['already_signed_up', 'occurrence_started', 'occurrence_cancelled', 'activity_cancelled', 'clash'];

// A refusal's 422 field as the form's field: "doctors[1].name" as is,
// "consent", "health_note"…; null without one.
export function problemField(problem) {
  return problem?.field || problem?.errors?.[0]?.field || null;
}
