// The pure parts of the volunteer desk (docs/volunteers.md; screens
// volunteer_desk.js and volunteer_shifts.js): a volunteer's form ⇄ the body
// the contract takes, checked as the contract checks it (names 1–40, an
// 18-character 居民身份证, 14 years or older, a guardian for a minor), the
// changed fields only for an edit (a masked ID number is never sent back),
// a certificate's period, a shift's body, an occurrence's outcomes, the
// refusal codes, and the dashboard's rows. No DOM: node tests import it.

export const ID_TYPES = ['resident_id', 'passport', 'other'];
export const GENDERS = ['', 'female', 'male'];
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const RESIDENT_ID = /^\d{17}[\dX]$/;
// A mobile or a landline as typed (the server's core::is_valid_phone decides the rest).
const PHONE = /^\d[\d-]{6,15}$/;

// Characters as people count them (a Chinese name of 3 is 3).
export const chars = (s) => [...String(s ?? '')].length;
const trimmed = (s) => String(s ?? '').trim();

// Whole years from `birth` to `day` ("YYYY-MM-DD" both); null when unreadable.
export function ageOn(birth, day) {
  if (!DATE.test(String(birth ?? '')) || !DATE.test(String(day ?? ''))) return null;
  const [by, bm, bd] = birth.split('-').map(Number);
  const [ty, tm, td] = day.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// Under 18 on `day` (the guardian's consent is asked for).
export const isMinor = (birth, day) => { const a = ageOn(birth, day); return a !== null && a < 18; };

// "清理, 绿化、 讲解" → ["清理", "绿化", "讲解"] (commas, 、, ；, spaces).
export const splitList = (text) => String(text ?? '').split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean);

// The form's values ({name, phone, id_type, id_number, birth_date, gender,
// skills (text), availability, trainings [{name, completed_on}],
// insurance_until, public_name, guardian: {guardian_name, guardian_phone,
// relation}}) → {body, problems}; problems are [{field, problem, params}]
// the screen words (vdesk.check.*). `today` decides the age.
export function volunteerBody(v, today) {
  const problems = [];
  const need = (field, ok, problem, params) => { if (!ok) problems.push({ field, problem, params }); };
  const name = trimmed(v.name);
  need('name', chars(name) >= 1 && chars(name) <= 40, 'name');
  const phone = String(v.phone ?? '').replace(/\s/g, '');
  need('phone', PHONE.test(phone), 'phone');
  need('id_type', ID_TYPES.includes(v.id_type), 'id_type');
  const idNumber = trimmed(v.id_number).toUpperCase();
  if (v.id_type === 'resident_id') need('id_number', RESIDENT_ID.test(idNumber), 'resident_id');
  else need('id_number', chars(idNumber) >= 1 && chars(idNumber) <= 40, 'id_number');
  const birth = trimmed(v.birth_date);
  const age = ageOn(birth, today);
  need('birth_date', age !== null && birth <= today, 'birth_date');
  if (age !== null && birth <= today) need('birth_date', age >= 14, 'too_young');
  const skills = splitList(v.skills);
  need('skills', skills.length <= 20 && skills.every((s) => chars(s) <= 20), 'skills');
  const availability = trimmed(v.availability);
  need('availability', chars(availability) <= 200, 'availability');
  const trainings = (v.trainings || []).filter((x) => trimmed(x.name) || trimmed(x.completed_on))
    .map((x) => ({ name: trimmed(x.name), completed_on: trimmed(x.completed_on) }));
  need('trainings', trainings.length <= 20, 'trainings');
  trainings.forEach((x, i) => {
    need(`trainings[${i}].name`, chars(x.name) >= 1 && chars(x.name) <= 40, 'training_name');
    need(`trainings[${i}].completed_on`, DATE.test(x.completed_on), 'date');
  });
  const insurance = trimmed(v.insurance_until);
  need('insurance_until', insurance === '' || DATE.test(insurance), 'date');
  const body = {
    name, phone, id_type: v.id_type, id_number: idNumber, birth_date: birth, gender: v.gender || null,
    skills, availability, trainings, insurance_until: insurance || null, public_name: Boolean(v.public_name),
  };
  if (age !== null && age < 18) {
    const g = v.guardian || {};
    const consent = { guardian_name: trimmed(g.guardian_name), guardian_phone: String(g.guardian_phone ?? '').replace(/\s/g, ''),
      relation: trimmed(g.relation) };
    need('guardian_consent.guardian_name', chars(consent.guardian_name) >= 1 && chars(consent.guardian_name) <= 40, 'guardian_name');
    need('guardian_consent.guardian_phone', PHONE.test(consent.guardian_phone), 'phone');
    need('guardian_consent.relation', chars(consent.relation) >= 1 && chars(consent.relation) <= 10, 'relation');
    body.guardian_consent = consent;
  }
  return { body, problems };
}

// The form's values of a volunteer view (the edit starts from what the API gave).
export function volunteerValues(view = {}) {
  return {
    name: view.name || '', phone: view.phone || '', id_type: view.id_type || 'resident_id', id_number: view.id_number || '',
    birth_date: view.birth_date || '', gender: view.gender || '', skills: (view.skills || []).join('、'),
    availability: view.availability || '', trainings: (view.trainings || []).map((x) => ({ ...x })),
    insurance_until: view.insurance_until || '', public_name: Boolean(view.public_name),
    guardian: { ...(view.guardian_consent || {}) },
  };
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// For an edit: only the fields that differ from the view. The ID number goes
// with its type when either changed (a masked number shown to an admin is
// never sent back unchanged); the guardian only when it changed.
export function changedFields(body, view = {}) {
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'guardian_consent') {
      const before = view.guardian_consent || {};
      const keys = ['guardian_name', 'guardian_phone', 'relation'];
      if (keys.some((x) => (v[x] ?? '') !== (before[x] ?? ''))) out[k] = v;
      continue;
    }
    if (k === 'skills' || k === 'trainings') { if (!same(v, view[k] || [])) out[k] = v; continue; }
    if (k === 'availability') { if ((v || '') !== (view[k] || '')) out[k] = v; continue; }
    if (!same(v, view[k])) out[k] = v;
  }
  if ('id_type' in out && !('id_number' in out) && body.id_number !== view.id_number) out.id_number = body.id_number;
  return out;
}

// A certificate's period: {from, to} checked as the contract checks it
// (dates, from ≤ to, to not after today, at most 10 years) → problems.
export function periodProblems(from, to, today) {
  const problems = [];
  if (!DATE.test(from || '')) problems.push({ field: 'from', problem: 'date' });
  if (!DATE.test(to || '')) problems.push({ field: 'to', problem: 'date' });
  if (problems.length) return problems;
  if (to > today) problems.push({ field: 'to', problem: 'future' });
  if (from > to) problems.push({ field: 'from', problem: 'order' });
  else if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10
    || (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) === 10 && to.slice(5) > from.slice(5))) {
    problems.push({ field: 'from', problem: 'ten_years' });
  }
  return problems;
}

// The shift form's values → {body, problems} (title 1–60, HH:MM times with
// the end after the start, capacity 1–500, min_age 0–100 or the server's
// default, a training's name or none, a team or none).
export function shiftBody(v) {
  const problems = [];
  const need = (field, ok, problem) => { if (!ok) problems.push({ field, problem }); };
  const title = trimmed(v.title);
  need('title', chars(title) >= 1 && chars(title) <= 60, 'title');
  need('starts_at', TIME.test(v.starts_at || ''), 'time');
  need('ends_at', TIME.test(v.ends_at || ''), 'time');
  if (TIME.test(v.starts_at || '') && TIME.test(v.ends_at || '')) need('ends_at', v.ends_at > v.starts_at, 'end_after');
  const capacity = Number(v.capacity);
  need('capacity', Number.isInteger(capacity) && capacity >= 1 && capacity <= 500 && trimmed(v.capacity) !== '', 'capacity');
  const body = { title, starts_at: v.starts_at, ends_at: v.ends_at, capacity, risky: Boolean(v.risky) };
  if (trimmed(v.min_age) !== '') {
    const minAge = Number(v.min_age);
    need('min_age', Number.isInteger(minAge) && minAge >= 0 && minAge <= 100, 'min_age');
    body.min_age = minAge;
  }
  const training = trimmed(v.training);
  need('training', chars(training) <= 40, 'training_name');
  body.training = training || null;
  if (v.team_id) body.team_id = Number(v.team_id);
  return { body, problems };
}

// The outcome rows [{kind, quantity (text), team_id}] → {body, problems},
// each quantity ≥ 0 with at most the kind's decimals.
export function outcomesBody(rows, kinds) {
  const problems = [];
  const items = [];
  rows.forEach((r, i) => {
    if (!r.kind && trimmed(r.quantity) === '') return;
    const kind = kinds.find((k) => k.code === r.kind);
    const q = trimmed(r.quantity);
    const decimals = kind?.decimals ?? 0;
    const re = decimals > 0 ? /^\d+(\.\d)?$/ : /^\d+$/;
    if (!kind) problems.push({ field: `items[${i}].kind`, problem: 'kind' });
    else if (!re.test(q)) problems.push({ field: `items[${i}].quantity`, problem: decimals > 0 ? 'quantity_tenths' : 'quantity_whole' });
    const item = { kind: r.kind, quantity: Number(q) };
    if (r.team_id) item.team_id = Number(r.team_id);
    items.push(item);
  });
  return { body: { items }, problems };
}

// "HH:MM" of a shift's start or end, whether the API gives "HH:MM" or an instant.
export function clockOf(value) {
  const s = String(value ?? '');
  if (TIME.test(s)) return s;
  const m = /T(\d\d:\d\d)/.exec(s);
  return m ? m[1] : s;
}

// The instant for a leader's entered time ("HH:MM") on the shift's day.
export const instantOn = (date, time) => (DATE.test(date || '') && TIME.test(time || '') ? `${date}T${time}:00+08:00` : null);

// Minutes as hours and minutes: 150 → {hours: 2, minutes: 30}; negative keeps its sign on the hours.
export function hoursParts(minutes) {
  const m = Math.abs(Math.trunc(Number(minutes) || 0));
  return { sign: Number(minutes) < 0 ? '-' : '', hours: Math.floor(m / 60), minutes: m % 60 };
}

// Hours with one decimal as the dashboard shows them (150 → "2.5").
export const hoursDecimal = (minutes) => (Math.round((Number(minutes) || 0) / 6) / 10).toFixed(1);

// The refusal codes the desk says in words (the contract's 403 / 409 / 429 codes).
export const REFUSALS = ['already_registered', 'occurrence_cancelled', 'full', 'already_signed_up', 'too_young', 'no_insurance',
  'no_training', 'volunteer_left', 'shift_over', 'checked_in', 'wrong_code', 'too_many_codes', 'not_checked_in', 'checked_out',
  'not_submitted', 'not_confirmed', 'dispute_open', 'no_hours', 'not_open', 'already_answered', 'superseded', 'not_member',
  'cancelled', 'shift_cancelled'];

// An ApiError's refusal code (the problem's `error` or `code`, or one its detail leads with), or null.
export function refusalCode(err) {
  const p = err?.problem || {};
  for (const c of [p.error, p.code]) if (REFUSALS.includes(c)) return c;
  const lead = /^([a-z_]+):/.exec(String(p.detail || ''));
  return lead && REFUSALS.includes(lead[1]) ? lead[1] : null;
}

// The existing volunteer a 409 already_registered names (`volunteer_id`, or a number in its detail), or null.
export function registeredId(err) {
  const p = err?.problem || {};
  const id = p.volunteer_id ?? p.existing_id;
  if (Number.isInteger(Number(id)) && id !== undefined && id !== null) return Number(id);
  const m = /volunteer[_ ]id[^\d]*(\d+)/.exec(String(p.detail || ''));
  return m ? Number(m[1]) : null;
}

// A 422 as [{field, message}] from `errors[]` or its one `field`.
export function problemList(err) {
  const p = err?.problem || {};
  if (Array.isArray(p.errors) && p.errors.length) return p.errors.map((x) => ({ field: x.field || '', message: x.message || p.detail || '' }));
  return [{ field: p.field || '', message: p.detail || err?.message || '' }];
}

// The dashboard's rows from GET /volunteer-counts: teams by rank (then name),
// communities by minutes, the kinds in the answer's order; numbers only.
export function countRows(counts = {}) {
  const kinds = (counts.outcome_kinds || []).map((k) => ({ code: k.code, name: k.name, unit: k.unit }));
  const teams = [...(counts.teams || [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || String(a.name).localeCompare(String(b.name), 'zh-CN'));
  const communities = [...(counts.communities || [])].sort((a, b) => (b.minutes ?? 0) - (a.minutes ?? 0)
    || String(a.name).localeCompare(String(b.name), 'zh-CN'));
  const total = teams.reduce((s, x) => s + (Number(x.minutes) || 0), 0);
  return { kinds, teams, communities, total };
}

// A month "YYYY-MM" moved by n months.
export function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

// A date "YYYY-MM-DD" moved by n days.
export function addDays(date, n) {
  const ms = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + n * 86400e3;
  return new Date(ms).toISOString().slice(0, 10);
}
