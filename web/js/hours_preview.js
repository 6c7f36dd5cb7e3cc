// The next 30 days of an opening_hours expression, under the keepers' hours
// editor: each day with its open times, its unknown times (striped and
// written "未知", never drawn as closed), its public holiday (放假, with the
// holiday's name) or make-up working day (调休上班) from the official
// calendar, and a note for days of a year whose calendar is not loaded.
// Data: GET /api/v1/hours/evaluate (at = the first day 00:00, until = 30 days
// on) and GET /api/v1/calendar/{year} (cached per page; 404 = not loaded).
// Every mark is text; colour and stripes only repeat it.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { clock, dayLabel, districtDayStart, districtParts, rfc3339 } from './format.js';
import { commentText } from './week.js';

export const PREVIEW_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

export function isoDate(ms) {
  const p = districtParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

// The evaluate intervals cut into `n` district days from `startMs` (a day
// start): [{ms, date, label, parts: [{from, until, state, comment}] with
// minutes after midnight (until ≤ 1440), open: ['08:00–18:00'],
// unknown: ['10:00–12:00'], comment}]. Pure.
export function splitDays(intervals, startMs, n) {
  const days = [];
  for (let i = 0; i < n; i++) {
    const dayStart = startMs + i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const day = { ms: dayStart, date: isoDate(dayStart), label: dayLabel(dayStart), parts: [], open: [], unknown: [], comment: null };
    for (const iv of intervals) {
      const from = Math.max(Date.parse(iv.from), dayStart);
      const until = Math.min(Date.parse(iv.until), dayEnd);
      if (from >= until) continue;
      const span = `${clock(from)}–${until === dayEnd ? '24:00' : clock(until)}`;
      day.parts.push({ from: (from - dayStart) / 60000, until: (until - dayStart) / 60000, state: iv.state, comment: iv.comment });
      if (iv.state === 'open') day.open.push(span);
      if (iv.state === 'unknown') day.unknown.push(span);
      if (iv.comment && !day.comment) day.comment = iv.comment;
    }
    days.push(day);
  }
  return days;
}

const calendars = new Map();  // year → Promise<Map(date → {kind, name})> or null when not loaded

function calendarOf(year) {
  if (!calendars.has(year)) {
    calendars.set(year, api(`/calendar/${year}`)
      .then((c) => new Map(c.days.map((d) => [d.date, d])))
      .catch((e) => { if (e.status === 404) return null; calendars.delete(year); throw e; }));
  }
  return calendars.get(year);
}

// Resolves to {start, days, missingYears}; rejects with the evaluate API's
// ApiError for a value that does not parse.
export async function loadPreview(expr, startMs) {
  const start = districtDayStart(startMs);
  const end = start + PREVIEW_DAYS * DAY_MS;
  const years = [...new Set([districtParts(start).year, districtParts(end - 1).year])];
  const [answer, ...cals] = await Promise.all([
    api('/hours/evaluate', { query: { expr, at: rfc3339(start), until: rfc3339(end) } }),
    ...years.map(calendarOf)]);
  const byYear = new Map(years.map((y, i) => [y, cals[i]]));
  const days = splitDays(answer.intervals || [], start, PREVIEW_DAYS);
  for (const d of days) {
    const cal = byYear.get(Number(d.date.slice(0, 4)));
    d.official = cal ? cal.get(d.date) ?? null : undefined;  // undefined: the year is not loaded
  }
  return { start, days, missingYears: years.filter((y) => !byYear.get(y)) };
}

// A 24-hour bar: open solid, unknown striped, closed empty (aria-hidden: the
// text beside it says the same).
function dayBar(day) {
  return h('span', { class: 'pbar', 'aria-hidden': 'true' }, day.parts
    .filter((p) => p.state !== 'closed')
    .map((p) => h('span', { class: `pseg pseg-${p.state}`,
      style: { left: `${(p.from / 1440) * 100}%`, width: `${((p.until - p.from) / 1440) * 100}%` } })));
}

function dayMarks(day, usesCalendar) {
  const marks = [];
  if (day.official?.kind === 'holiday') marks.push(h('span', { class: 'badge pmark-holiday' }, t('hours.preview_holiday', { name: day.official.name })));
  if (day.official?.kind === 'workday') marks.push(h('span', { class: 'badge pmark-workday' }, t('hours.preview_workday')));
  if (day.official === undefined && usesCalendar) marks.push(h('span', { class: 'badge pmark-missing' }, t('hours.preview_day_no_calendar')));
  return marks;
}

// '08:00–12:00，14:30–18:00', each time range kept on one line.
const spanList = (spans) => spans.map((s, i) => [i ? '，' : '', h('span', { class: 'nowrap' }, s)]);

function dayText(day) {
  const pieces = [];
  if (day.open.length) pieces.push(h('span', { class: 'popen' }, spanList(day.open)));
  if (day.unknown.length) {
    const [before, after] = t('hours.preview_unknown').split('{spans}');
    pieces.push(h('span', { class: 'punknown' }, before, spanList(day.unknown), after));
  }
  if (!pieces.length) pieces.push(h('span', { class: 'pclosed' }, t('facility.closed_day')));
  // A holiday's name is already its badge, a year not loaded its badge and note.
  const calendarGap = /^holidays for \d{4} not yet loaded$/.test(day.comment || '');
  if (day.comment && day.comment !== day.official?.name && !calendarGap) {
    pieces.push(h('span', { class: 'note' }, `（${commentText(day.comment)}）`));
  }
  return pieces;
}

export function previewList({ days, missingYears }, expr) {
  const usesCalendar = /\b(PH|WD|OD)\b/i.test(expr);
  return [
    usesCalendar && missingYears.length > 0
      && h('p', { class: 'note', id: 'preview-no-calendar' }, t('hours.preview_no_calendar', { years: missingYears.join('、') })),
    h('ol', { class: 'pdays', id: 'preview-days', dataset: { expr } }, days.map((d) => {
      const state = d.unknown.length ? 'unknown' : d.open.length ? 'open' : 'closed';
      return h('li', { class: `pday pday-${state}`, dataset: { date: d.date } },
        h('span', { class: 'day' }, d.label), dayMarks(d, usesCalendar), h('span', { class: 'pspans' }, dayText(d)), dayBar(d));
    })),
  ];
}
