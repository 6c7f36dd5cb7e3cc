// This month's after-school care (社区四点半课堂, docs/afterschool.md
// "Counts") on the district dashboard, for admins and department users (the
// API refuses everyone else): per site the programmes, the children
// enrolled, attending (distinct children checked in this month), the
// attendances and the late pickups, and the district's totals, from one
// GET /api/v1/afterschool-counts (numbers only, never a child).
import { api, ApiError } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { countRows, mayCount } from './afterschool_model.js';

export const AFTERSCHOOL_FIGURES = ['programmes', 'enrolled', 'attending', 'attendances', 'late_pickups'];

// Appends the section to `view` when `user` may read it.
export async function afterschoolSection(view, user) {
  if (!mayCount(user)) return;
  const month = districtDate().slice(0, 7);
  const section = h('section', { class: 'card', id: 'afterschool-dash', 'aria-labelledby': 'afterschool-title' },
    h('h2', { id: 'afterschool-title' }, t('asdesk.dash_heading', { month })));
  view.append(section);
  let counts;
  try {
    counts = await api('/afterschool-counts', { query: { month } });
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) { section.remove(); return; }
    // One panel's failure leaves the rest of the dashboard standing.
    section.append(h('p', { class: 'error', id: 'afterschool-unavailable' },
      err instanceof ApiError ? t('asdesk.dash_unavailable', { detail: err.message }) : t('common.offline')));
    return;
  }
  const { sites, total } = countRows(counts);
  fill(section,
    h('p', { class: 'big', id: 'afterschool-summary' }, t('asdesk.dash_summary', total)),
    h('div', { class: 'table-scroll' }, h('table', { id: 'afterschool-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('asdesk.dash.site')),
        AFTERSCHOOL_FIGURES.map((k) => h('th', { scope: 'col', class: 'num' }, t('asdesk.dash.' + k))))),
      h('tbody', {}, sites.map((s) => h('tr', { dataset: { site: s.site_id } }, h('th', { scope: 'row' }, s.site_name),
        AFTERSCHOOL_FIGURES.map((k) => h('td', { class: 'num', dataset: { figure: k } }, String(s[k] ?? 0)))))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('asdesk.dash.total')), h('td', {}, ''),
        h('td', { class: 'num', id: 'afterschool-enrolled' }, String(total.enrolled)),
        h('td', { class: 'num', id: 'afterschool-attending' }, String(total.attending)), h('td', {}, ''),
        h('td', { class: 'num', id: 'afterschool-late' }, String(total.late_pickups)))))),
    sites.length ? null : h('p', { class: 'note', id: 'afterschool-none' }, t('asdesk.dash_none')),
    h('p', { class: 'note' }, t('asdesk.dash_note')));
}
