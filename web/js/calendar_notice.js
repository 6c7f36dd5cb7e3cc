// A year of the official calendar as an admin types it from the State
// Council's notice, and back: two lists of lines —
//   放假     "2027-01-01..2027-01-03 元旦"  (a range, or one date "2027-05-01 劳动节";
//            ".." may also be written 至, ~, ～, – or —)
//   调休上班 "2027-02-06 春节调休"           (one date per line)
// parseNotice() turns them into the days PUT /api/v1/calendar/{year} takes,
// remembering which line each day came from, so that the server's errors
// ("days[3].date") are shown beside that line, in Chinese (serverErrorText).
// Only the writing is checked here; what a year may hold (inside the year,
// a date once, 调休 only on a weekend) the server decides. No DOM.
import { t } from './i18n.js';

const DAY_MS = 24 * 3600 * 1000;
const MAX_RANGE_DAYS = 31;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|至|~|～|–|—)\s*(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$/;
const SINGLE = /^(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$/;

// "2027-02-30" → null; "2027-02-06" → its UTC midnight in ms.
function dayMs(text) {
  const [y, m, d] = text.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? ms : null;
}

const dateText = (ms) => new Date(ms).toISOString().slice(0, 10);

function lines(text) {
  return (text || '').split('\n').map((l) => l.replace(/\u3000/g, ' ').trim());
}

// { days: [{date, kind, name}], origin: [{box, line}], errors: [{box, line, message}] }
// for the two boxes' texts; `line` counts from 1.
export function parseNotice(holidaysText, workdaysText) {
  const days = [];
  const origin = [];
  const errors = [];
  lines(holidaysText).forEach((text, i) => {
    if (!text) return;
    const line = i + 1;
    const range = RANGE.exec(text);
    const single = range ? null : SINGLE.exec(text);
    if (!range && !single) return errors.push({ box: 'holidays', line, message: t('calendar.err_format_range') });
    const [from, until, name] = range ? [range[1], range[2], range[3]] : [single[1], single[1], single[2]];
    const a = dayMs(from);
    const b = dayMs(until);
    if (a === null || b === null) return errors.push({ box: 'holidays', line, message: t('calendar.err_no_such_date') });
    if (b < a) return errors.push({ box: 'holidays', line, message: t('calendar.err_range_order') });
    if ((b - a) / DAY_MS + 1 > MAX_RANGE_DAYS) return errors.push({ box: 'holidays', line, message: t('calendar.err_range_long', { n: MAX_RANGE_DAYS }) });
    if (!name?.trim()) return errors.push({ box: 'holidays', line, message: t('calendar.err_name') });
    for (let ms = a; ms <= b; ms += DAY_MS) {
      days.push({ date: dateText(ms), kind: 'holiday', name: name.trim() });
      origin.push({ box: 'holidays', line });
    }
  });
  lines(workdaysText).forEach((text, i) => {
    if (!text) return;
    const line = i + 1;
    const single = SINGLE.exec(text);
    if (!single) return errors.push({ box: 'workdays', line, message: t('calendar.err_format_day') });
    if (dayMs(single[1]) === null) return errors.push({ box: 'workdays', line, message: t('calendar.err_no_such_date') });
    if (!single[2]?.trim()) return errors.push({ box: 'workdays', line, message: t('calendar.err_name') });
    days.push({ date: single[1], kind: 'workday', name: single[2].trim() });
    origin.push({ box: 'workdays', line });
  });
  return { days, origin, errors };
}

// The server's days (sorted by date) as the two boxes' texts: runs of
// consecutive holidays with one name become one range line.
export function noticeText(days) {
  const holidays = [];
  const workdays = [];
  let run = null;
  for (const d of days) {
    if (d.kind === 'workday') { workdays.push(`${d.date} ${d.name}`); continue; }
    const ms = dayMs(d.date);
    if (run && run.name === d.name && ms === run.until + DAY_MS) { run.until = ms; continue; }
    run = { from: ms, until: ms, name: d.name };
    holidays.push(run);
  }
  return {
    holidays: holidays.map((r) => (r.from === r.until ? `${dateText(r.from)} ${r.name}`
      : `${dateText(r.from)}..${dateText(r.until)} ${r.name}`)).join('\n'),
    workdays: workdays.join('\n'),
  };
}

// One of the server's messages about a day (year_days.h), in the reader's words.
export function serverErrorText(message) {
  if (/^must be a date such as/.test(message)) return t('calendar.err_no_such_date');
  let m = /^must lie in (\d{4})$/.exec(message);
  if (m) return t('calendar.err_outside_year', { year: m[1] });
  if (/make-up workday must be a Saturday or Sunday/.test(message)) return t('calendar.err_workday_weekend');
  if (/^is already listed as/.test(message)) return t('calendar.err_twice');
  if (/control characters/.test(message)) return t('calendar.err_name_chars');
  m = /^must be a list of at most (\d+) days$/.exec(message);
  if (m) return t('calendar.err_too_many', { n: m[1] });
  return t('calendar.err_server', { detail: message });
}

// The problem of a refused PUT as [{box, line, message}] (line null for the
// whole year), with `origin` from parseNotice.
export function serverErrors(problem, origin) {
  const out = [];
  for (const e of problem?.errors || []) {
    const m = /^days\[(\d+)\]/.exec(e.field || '');
    const from = m ? origin[Number(m[1])] : null;
    out.push({ box: from?.box || null, line: from?.line || null, message: serverErrorText(e.message) });
  }
  if (!out.length) out.push({ box: null, line: null, message: t('calendar.err_server', { detail: problem?.detail || '' }) });
  return out;
}
