// The activities' pure parts (screens/activities.js, activity.js,
// activity_date.js and my_activities.js draw, this decides): a series in
// words (每周二，至 2027-03-02), a date and time in words (12月8日 周二 上午
// 8:00–9:00), the places of a date (还有 3 个名额 / 已满，2 人排队), the state
// of a sign-up → its message, the list's filters held in the hash
// (#/activities?view=near&lat=…&lon=…&kind=job_fair) ⇄ the API's query, and
// failures in words. Times are district time (+08:00). No DOM.
import { t } from './i18n.js';
import { districtParts } from './format.js';

export const VIEWS = ['week', 'near', 'community'];
export const KINDS = ['activity', 'job_fair'];
// How far each view looks ahead (GET /activity-occurrences takes 1–62 days).
export const VIEW_DAYS = { week: 7, near: 31, community: 31 };

const pad = (n) => String(n).padStart(2, '0');

// "2026-12-08" → {year, month, day, weekday (1 = Monday … 7)}; null when unreadable.
export function dateParts(date) {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date || '');
  if (!m) return null;
  const ms = Date.UTC(+m[1], m[2] - 1, +m[3]);
  return { year: +m[1], month: +m[2], day: +m[3], weekday: new Date(ms).getUTCDay() || 7 };
}

// A district time of day in words: 8:00 → "上午 8:00", 14:30 → "下午 2:30"
// (en: "8:00 am", "2:30 pm"); {period, clock} so a span can say its period once.
export function clockWords(hour, minute) {
  const period = hour < 6 ? 'night' : hour < 12 ? 'morning' : hour < 13 ? 'noon' : hour < 18 ? 'afternoon' : 'evening';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return { period, clock: `${h12}:${pad(minute)}` };
}

function timeText(w) { return t('act.clock_' + w.period, { clock: w.clock }); }

// The date in words: "12月8日 周二" / "Tue 8 Dec".
export function dayWords(date) {
  const p = dateParts(date);
  if (!p) return String(date ?? '');
  return t('act.day', { month: p.month, day: p.day, weekday: t('weekday.' + p.weekday), mon: t('act.month.' + p.month) });
}

// An occurrence's time in words from its instants: "12月8日 周二 上午
// 8:00–9:00"; the end's period said again only when it differs ("上午
// 11:00–下午 1:00"); an end on another day names that day.
export function whenWords(startsAt, endsAt) {
  const s = districtParts(Date.parse(startsAt));
  const e = districtParts(Date.parse(endsAt));
  const date = `${s.year}-${pad(s.month)}-${pad(s.day)}`;
  const endDate = `${e.year}-${pad(e.month)}-${pad(e.day)}`;
  const from = clockWords(s.hour, s.minute);
  const to = clockWords(e.hour, e.minute);
  let span;
  if (endDate !== date) span = t('act.span', { from: timeText(from), to: `${dayWords(endDate)} ${timeText(to)}` });
  else if (from.period === to.period) span = t('act.span_same', { from: from.clock, to: to.clock, period: t('act.period.' + from.period) });
  else span = t('act.span', { from: timeText(from), to: timeText(to) });
  return `${dayWords(date)} ${span}`;
}

// An activity's series in words: "仅一次：12月8日 周二" / "每周二，至 2027-03-02" /
// "每月 5 日，共 6 次", with the start time and length.
export function seriesWords(a) {
  const first = dateParts(a.first_date);
  let what;
  if (a.repeat === 'weekly' && first) what = t('act.series_weekly', { weekday: t('weekday.' + first.weekday) });
  else if (a.repeat === 'monthly' && first) what = t('act.series_monthly', { day: first.day });
  else return t('act.series_once', { date: dayWords(a.first_date) });
  const until = a.repeat_until ? t('act.series_until', { date: dayWords(a.repeat_until), iso: a.repeat_until })
    : a.repeat_count ? t('act.series_count', { n: a.repeat_count }) : '';
  return t('act.series', { what, from: dayWords(a.first_date), until });
}

// "上午 8:00 起，60 分钟" from an activity's start_time and duration.
export function startWords(startTime, minutes) {
  const m = /^(\d\d):(\d\d)$/.exec(startTime || '');
  if (!m) return '';
  const clock = timeText(clockWords(+m[1], +m[2]));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const length = hours && rest ? t('act.length_hm', { h: hours, m: rest }) : hours ? t('act.length_h', { h: hours }) : t('act.length_m', { m: rest });
  return t('act.start_length', { clock, length });
}

// The age limits in words, or null when there are none.
export function ageWords(a) {
  const min = a.age_min ?? null;
  const max = a.age_max ?? null;
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return t('act.age_between', { min, max });
  return min !== null ? t('act.age_from', { min }) : t('act.age_to', { max });
}

export function hasAgeLimits(a) { return (a.age_min ?? null) !== null || (a.age_max ?? null) !== null; }

// A date's places in words: cancelled / "还有 3 个名额" / "已满，2 人排队" / "已满".
// {key, params, tone} with tone 'cancelled' | 'open' | 'full'.
export function placesState(o) {
  if (o.status === 'cancelled') return { key: 'act.places_cancelled', params: {}, tone: 'cancelled' };
  if (o.places_left > 0) return { key: 'act.places_left', params: { n: o.places_left }, tone: 'open' };
  if (o.waiting > 0) return { key: 'act.places_full_waiting', params: { n: o.waiting }, tone: 'full' };
  return { key: 'act.places_full', params: {}, tone: 'full' };
}

export function placesWords(o) { const s = placesState(o); return t(s.key, s.params); }

// A sign-up's state → {key, params, active}: 已报名 (with its code), 排队中
// 第 N 位, an offer with its time ("请在 14:30 前确认"), cancelled, lapsed.
export function signupState(s, nowMs = Date.now()) {
  if (!s) return { key: 'act.state_none', params: {}, active: false };
  switch (s.status) {
    case 'confirmed': return { key: 'act.state_confirmed', params: { code: s.code }, active: true };
    case 'waiting': return { key: 'act.state_waiting', params: { n: s.position }, active: true };
    case 'offered': {
      const ms = Date.parse(s.offer_expires_at);
      const p = districtParts(ms);
      // The day said unless it is today (district time): 明天 01:10, 12月8日 01:10.
      const dayOf = (x) => `${x.year}-${pad(x.month)}-${pad(x.day)}`;
      const time = `${pad(p.hour)}:${pad(p.minute)}`;
      const key = dayOf(p) === dayOf(districtParts(nowMs)) ? 'act.state_offered'
        : dayOf(p) === dayOf(districtParts(nowMs + 86400e3)) ? 'act.state_offered_tomorrow' : 'act.state_offered_day';
      return { key, params: { time, month: p.month, day: p.day, mon: t('act.month.' + p.month) }, active: true };
    }
    case 'cancelled': return { key: 'act.state_cancelled', params: {}, active: false };
    case 'lapsed': return { key: 'act.state_lapsed', params: {}, active: false };
    default: return { key: 'act.state_none', params: {}, active: false };
  }
}

export function signupWords(s, nowMs = Date.now()) { const x = signupState(s, nowMs); return t(x.key, x.params); }

const number = (x) => /^-?\d{1,3}(\.\d{1,7})?$/.test(x || '');

// The hash's query → the filters {view, kind, community, lat, lon};
// anything unreadable left out (a hand-made link still opens the list).
export function filtersOf(query) {
  const view = query.get('view');
  const kind = query.get('kind');
  const community = query.get('community') || '';
  const lat = query.get('lat') || '';
  const lon = query.get('lon') || '';
  const where = number(lat) && number(lon) && Math.abs(+lat) <= 90 && Math.abs(+lon) <= 180;
  return {
    view: VIEWS.includes(view) ? view : 'week',
    kind: KINDS.includes(kind) ? kind : '',
    community: /^\d+$/.test(community) ? community : '',
    lat: where ? lat : '',
    lon: where ? lon : '',
  };
}

// The filters → the hash: "#/activities" for this week of every kind.
export function hashOf(f) {
  const q = new URLSearchParams();
  if (f.view && f.view !== 'week') q.set('view', f.view);
  if (f.kind) q.set('kind', f.kind);
  if (f.view === 'community' && f.community) q.set('community', f.community);
  if (f.view === 'near' && f.lat && f.lon) { q.set('lat', f.lat); q.set('lon', f.lon); }
  const text = q.toString();
  return '#/activities' + (text ? '?' + text : '');
}

// Whether the filters can be searched: near needs a place, community a community.
export function ready(f) {
  if (f.view === 'near') return Boolean(f.lat && f.lon);
  if (f.view === 'community') return Boolean(f.community);
  return true;
}

// The filters → GET /activity-occurrences's query (from: today, the
// district's date at `nowMs`).
export function apiQuery(f, { nowMs = Date.now(), limit = 20, cursor } = {}) {
  const p = districtParts(nowMs);
  return {
    from: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    days: VIEW_DAYS[f.view] ?? 7,
    kind: f.kind || undefined,
    community_id: f.view === 'community' ? f.community || undefined : undefined,
    near: f.view === 'near' && f.lat && f.lon ? `${f.lat},${f.lon}` : undefined,
    limit,
    cursor,
  };
}

// Whether a birth date as typed is a real date (YYYY-MM-DD) not in the
// future at `nowMs`.
export function birthDateOk(text, nowMs = Date.now()) {
  const p = dateParts(String(text ?? '').trim());
  if (!p || p.month > 12 || p.day < 1) return false;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (d.getUTCMonth() !== p.month - 1) return false;
  return p.year >= 1870 && d.getTime() <= nowMs;
}

// What a sign-up's person may do now on the date: which buttons it offers.
export function actionsOf(s, occurrence, nowMs = Date.now()) {
  const open = Boolean(occurrence) && occurrence.status !== 'cancelled' && Date.parse(occurrence.starts_at) > nowMs;
  if (!s || !signupState(s).active) return open ? ['signup'] : [];
  if (!open) return [];
  return s.status === 'offered' ? ['accept', 'decline', 'cancel'] : ['cancel'];
}

const KNOWN_409 = ['already_signed_up', 'occurrence_cancelled', 'occurrence_started', 'offer_expired'];

// The field a 422 names (`field`, else the first of `errors[]`), or null.
export function problemField(e) {
  return e?.status === 422 ? e.problem?.field || e.problem?.errors?.[0]?.field || null : null;
}

// An answer that failed, in words: a 422's field (birth date with the
// activity `a`'s ages, phone), a 409's error code said, gone, too many,
// offline, busy; otherwise the server's words.
export function problemText(e, a = null) {
  if (!e?.status) return t('act.offline');
  const field = problemField(e);
  if (field === 'birth_date') {
    const ages = a ? ageWords(a) : null;
    return ages ? t('act.error.birth_date', { ages }) : t('act.error.birth_date_any');
  }
  if (field === 'phone') return t('act.error.phone');
  const code = e.problem?.error || e.problem?.code || KNOWN_409.find((c) => String(e.problem?.detail || '').includes(c));
  if (e.status === 409 && code && t('act.error.' + code) !== 'act.error.' + code) return t('act.error.' + code);
  if (e.status === 401) return t('act.error.signed_out');
  if (e.status === 404) return t('act.not_found');
  if (e.status === 429) return t('act.too_many');
  if (e.status === 503) return t('act.busy');
  const fields = (e.problem?.errors || []).map((x) => x.message).filter(Boolean);
  const detail = fields.length ? fields.join('；') : e.problem?.message || e.message;
  return t('common.error', { detail });
}
