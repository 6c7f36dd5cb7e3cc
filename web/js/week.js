// The next seven days of an opening_hours expression, from the server's
// evaluator (GET /api/v1/hours/evaluate with until = seven days on), drawn
// as a list. Shared by the facility page and the keepers' hours editor.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDayStart, rfc3339, sevenDays } from './format.js';

const DAY_MS = 24 * 3600 * 1000;

// Resolves to the answer of the evaluate API for the seven days from today
// (00:00, district time); rejects with ApiError (422 with position/expected).
export function evaluateWeek(expr) {
  const start = districtDayStart(Date.now());
  return api('/hours/evaluate', { query: { expr, at: rfc3339(start), until: rfc3339(start + 7 * DAY_MS) } })
    .then((answer) => ({ answer, start }));
}

export function weekList({ answer, start }, id) {
  return h('ul', { class: 'week', id },
    sevenDays(answer.intervals || [], start).map((d) => h('li', {},
      h('span', { class: 'day' }, d.label),
      h('span', { class: 'spans' }, d.spans.length ? d.spans.join(', ') : t('facility.closed_day'),
        d.comment ? ` (${d.comment})` : ''))));
}
