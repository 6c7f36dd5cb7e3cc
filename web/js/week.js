// The next seven days of an opening_hours expression, from the server's
// evaluator (GET /api/v1/hours/evaluate with until = seven days on), drawn
// as a list. Shared by the facility page and the keepers' hours editor.
//
// A day the server cannot answer (state `unknown`, e.g. "holidays for 2027
// not yet loaded" past the last loaded year of the official calendar) is
// drawn as unknown — hatched, with the words and the reason — never as
// closed.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { clock, districtDayStart, rfc3339, sevenDays } from './format.js';

const DAY_MS = 24 * 3600 * 1000;

// Resolves to the answer of the evaluate API for the seven days from today
// (00:00, district time); rejects with ApiError (422 with position/expected).
export function evaluateWeek(expr) {
  const start = districtDayStart(Date.now());
  return api('/hours/evaluate', { query: { expr, at: rfc3339(start), until: rfc3339(start + 7 * DAY_MS) } })
    .then((answer) => ({ answer, start }));
}

// The server's comment in the reader's words: the calendar's "holidays for
// 2027 not yet loaded" becomes "2027年节假日安排尚未载入"; anything else (a
// keeper's own comment, a holiday's name) is shown as written.
export function commentText(comment) {
  const m = /^holidays for (\d{4}) not yet loaded$/.exec(comment || '');
  return m ? t('calendar.not_loaded', { year: m[1] }) : comment;
}

// The unknown stretches of each of the seven days from `fromMs`:
// [{spans: ["00:00–24:00"], whole: true, reason}] in day order.
function unknownDays(intervals, fromMs) {
  const start = districtDayStart(fromMs);
  const days = [];
  for (let i = 0; i < 7; i++) {
    const dayStart = start + i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const spans = [];
    let covered = 0;
    let reason = null;
    for (const iv of intervals) {
      if (iv.state !== 'unknown') continue;
      const from = Math.max(Date.parse(iv.from), dayStart);
      const until = Math.min(Date.parse(iv.until), dayEnd);
      if (from >= until) continue;
      covered += until - from;
      if (iv.comment && !reason) reason = commentText(iv.comment);
      spans.push(`${clock(from)}–${until === dayEnd ? '24:00' : clock(until)}`);
    }
    days.push({ spans, whole: covered === DAY_MS, reason });
  }
  return days;
}

export function weekList({ answer, start }, id) {
  const intervals = answer.intervals || [];
  const unknown = unknownDays(intervals, start);
  return h('ul', { class: 'week', id },
    sevenDays(intervals, start).map((d, i) => {
      const u = unknown[i];
      const comment = d.comment && commentText(d.comment) !== u.reason ? commentText(d.comment) : null;
      if (u.whole) {
        return h('li', { class: 'day-unknown' },
          h('span', { class: 'day' }, d.label),
          h('span', { class: 'spans' }, t('week.unknown_day'), u.reason ? ` (${u.reason})` : ''));
      }
      return h('li', { class: u.spans.length ? 'day-partly-unknown' : null },
        h('span', { class: 'day' }, d.label),
        h('span', { class: 'spans' }, d.spans.length ? d.spans.join(', ') : (u.spans.length ? '' : t('facility.closed_day')),
          comment ? ` (${comment})` : '',
          u.spans.length ? h('span', { class: 'unknown-part' },
            t('week.unknown_part', { spans: u.spans.join(', ') }), u.reason ? ` (${u.reason})` : '') : null));
    }));
}
