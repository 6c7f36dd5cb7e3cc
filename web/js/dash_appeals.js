// The appeals sections of the district dashboard, for signed-in staff
// (admin, worker, department — a department sees its own appeals):
//  - this month by status: one GET /api/v1/appeals/counts?month=&by=state,
//    counted by the server (never by paging the list);
//  - the overdue list: GET /api/v1/appeals/supervision, the overdue ones;
//  - the three rates (js/dash_rates.js);
//  - first of all, for admins and district workers, the categories whose
//    default target has nobody to act (js/dash_stranded.js).
// Returns the dispose functions of its charts.
import { api, me } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { duration, when } from './format.js';
import { isStaff, STATES, stateName, thisMonth } from './appeals.js';
import { barChart } from './chart.js';
import { ratesSection } from './dash_rates.js';
import { strandedSection } from './dash_stranded.js';

// This month's appeals (district time) counted by state on the server; the
// states without appeals are 0.
async function monthCounts(month) {
  const by = Object.fromEntries(STATES.map((s) => [s, 0]));
  const counts = await api('/appeals/counts', { query: { month: month.text, by: 'state' } });
  for (const item of counts.items) by[item.state] = item.count;
  return by;
}

async function overdue() {
  const items = [];
  let cursor;
  do {
    const page = await api('/appeals/supervision', { query: { limit: 200, cursor } });
    items.push(...page.items.filter((a) => a.urgency === 'overdue'));
    cursor = page.next_cursor;
  } while (cursor && items.length < 200);
  return items.sort((a, b) => b.overdue_seconds - a.overdue_seconds);
}

function monthSection(month, by) {
  const rows = STATES.map((s) => ({ state: s, name: stateName(s), count: by[s] }));
  const total = rows.reduce((n, r) => n + r.count, 0);
  const summary = rows.map((r) => `${r.name} ${r.count}`).join(', ');
  const chartBox = h('div', { class: 'chart', id: 'appeals-chart', role: 'img', 'aria-label': t('dash.appeals_chart_label', { summary }) });
  const section = h('section', { class: 'card', 'aria-labelledby': 'appeals-title' },
    h('h2', { id: 'appeals-title' }, t('dash.appeals', { month: month.text })),
    h('table', { id: 'appeals-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.appeals_state')), h('th', { scope: 'col', class: 'num' }, t('dash.count')))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { state: r.state } }, h('th', { scope: 'row' }, r.name), h('td', { class: 'num' }, r.count)))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.appeals_total')), h('td', { class: 'num', id: 'appeals-total' }, total)))),
    chartBox);
  return { section, chartBox, rows };
}

function overdueSection(items) {
  return h('section', { class: 'card', 'aria-labelledby': 'overdue-title' },
    h('h2', { id: 'overdue-title' }, t('dash.overdue')),
    items.length ? h('table', { id: 'overdue-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.code')), h('th', { scope: 'col' }, t('dash.appeals_state')),
        h('th', { scope: 'col' }, t('dash.due')), h('th', { scope: 'col' }, t('dash.overdue_by')))),
      h('tbody', {}, items.map((a) => h('tr', { dataset: { id: a.id } },
        h('td', {}, h('a', { href: `#/staff/appeals/${a.id}` }, a.tracking_code)),
        h('td', {}, stateName(a.state)), h('td', {}, when(a.due_at)), h('td', {}, duration(a.overdue_seconds))))))
      : h('p', { id: 'overdue-none' }, t('dash.overdue_none')));
}

export async function appealSections(view) {
  const user = await me();
  if (!isStaff(user)) {
    view.append(h('p', { class: 'note card', id: 'appeals-sign-in' }, t('dash.appeals_sign_in'), ' ',
      h('a', { href: '#/signin?next=' + encodeURIComponent('#/dashboard') }, t('appeal.sign_in'))));
    return [];
  }
  const month = thisMonth();
  const [by, late, stranded] = await Promise.all([monthCounts(month), overdue(), strandedSection(user)]);
  if (stranded) (view.querySelector('h1') ?? view.firstChild)?.after(stranded); // first thing an admin sees
  const m = monthSection(month, by);
  view.append(m.section, overdueSection(late));
  const disposers = [await barChart(m.chartBox, [...m.rows].reverse(), { color: '#0b4fb3' })];
  disposers.push(await ratesSection(view));
  return disposers;
}
