// A year drawn as twelve month tables (Monday first), for the admin who is
// about to save it: public holidays marked 休, make-up working days 班,
// weekends shaded in their own columns — the marks are words, so colour is
// never the only cue. `days` are the calendar API's {date, kind, name}.
import { h } from './dom.js';
import { t } from './i18n.js';

function monthTable(year, month, byDate) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;  // Monday = 0
  const cells = [];
  for (let i = 0; i < lead; i++) cells.push(h('td', { class: 'pad' }));
  for (let d = 1; d <= length; d++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const weekend = (lead + d - 1) % 7 >= 5;
    const day = byDate.get(date);
    const kind = day?.kind;
    const mark = kind === 'holiday' ? t('calendar.mark_holiday') : kind === 'workday' ? t('calendar.mark_workday') : null;
    cells.push(h('td', {
      class: [weekend && 'weekend', kind].filter(Boolean).join(' ') || null,
      title: day ? `${day.name} · ${kind === 'holiday' ? t('calendar.kind_holiday') : t('calendar.kind_workday')}` : null,
      dataset: { date },
    }, h('span', { class: 'num' }, String(d)), mark && h('span', { class: 'mark' }, mark)));
  }
  while (cells.length % 7) cells.push(h('td', { class: 'pad' }));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
  return h('table', { class: 'month' },
    h('caption', {}, t('calendar.month', { month })),
    h('thead', {}, h('tr', {}, [1, 2, 3, 4, 5, 6, 7].map((w) =>
      h('th', { scope: 'col', class: w >= 6 ? 'weekend' : null }, t('calendar.weekday_short.' + w))))),
    h('tbody', {}, rows));
}

export function yearCalendar(year, days, id) {
  const byDate = new Map(days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => [d.date, d]));
  return h('div', { class: 'year-calendar', id },
    h('p', { class: 'legend' },
      h('span', { class: 'sample holiday' }, t('calendar.mark_holiday')), ' ', t('calendar.legend_holiday'), '　',
      h('span', { class: 'sample workday' }, t('calendar.mark_workday')), ' ', t('calendar.legend_workday'), '　',
      h('span', { class: 'sample weekend' }, t('calendar.weekday_short.6')), ' ', t('calendar.legend_weekend')),
    h('div', { class: 'months' }, Array.from({ length: 12 }, (_, i) => monthTable(year, i + 1, byDate))));
}
