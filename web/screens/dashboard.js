// The district dashboard: facilities in service by kind, from
// GET /api/v1/facilities/counts (read from the API on every visit), as a table and an ECharts
// bar chart; for signed-in staff the appeals figures follow (js/dash_appeals.js);
// for admins and workers the elders (js/dash_elders.js), then the errands and
// visits with the overdue errands beside the overdue appeals (js/dash_care.js);
// for admins and department users this month's canteen meals (js/dash_meals.js)
// and the job posts' figures (js/dash_jobs.js), then this month's
// activities (js/dash_activities.js), the free clinics' places used
// (js/dash_clinics.js) and after-school care (js/dash_afterschool.js);
// for everyone the month's volunteer service by team and community
// (js/dash_volunteers.js).
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { KINDS } from '../js/kinds.js';
import { when } from '../js/format.js';
import { barChart } from '../js/chart.js';
import { appealSections } from '../js/dash_appeals.js';
import { elderSection } from '../js/dash_elders.js';
import { careSections } from '../js/dash_care.js';
import { mealSection } from '../js/dash_meals.js';
import { jobSection } from '../js/dash_jobs.js';
import { activitySection } from '../js/dash_activities.js';
import { clinicSection } from '../js/dash_clinics.js';
import { afterschoolSection } from '../js/dash_afterschool.js';
import { volunteerSection } from '../js/dash_volunteers.js';

export async function render(view) {
  const counts = await api('/facilities/counts');
  const rows = KINDS.map((k) => ({ kind: k, name: t('kind.' + k), count: counts.by_kind[k] ?? 0 }));
  const summary = rows.map((r) => `${r.name} ${r.count}`).join(', ');
  const chartBox = h('div', { class: 'chart', id: 'kinds-chart', role: 'img', 'aria-label': t('dash.chart_label', { summary }) });
  view.append(h('h1', {}, t('dash.heading')),
    h('section', { class: 'card', 'aria-labelledby': 'kinds-title' },
      h('h2', { id: 'kinds-title' }, t('dash.facilities')),
      h('p', { class: 'note' }, t('dash.as_of', { at: when(counts.at) })),
      h('table', { id: 'kinds-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.kind')), h('th', { scope: 'col', class: 'num' }, t('dash.count')))),
        h('tbody', {}, rows.map((r) => h('tr', { dataset: { kind: r.kind } },
          h('th', { scope: 'row' }, r.name), h('td', { class: 'num' }, r.count)))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')), h('td', { class: 'num', id: 'kinds-total' }, counts.total)))),
      chartBox));
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  const disposers = [await barChart(chartBox, sorted)];
  disposers.push(...await appealSections(view));
  await elderSection(view);
  const user = await me();
  await careSections(view, user);
  await mealSection(view, user);
  await jobSection(view, user);
  await activitySection(view, user);
  await clinicSection(view, user);
  await afterschoolSection(view, user);
  await volunteerSection(view);
  view.dataset.ready = '1';  // every panel drawn (the tests wait for this)
  return () => disposers.forEach((d) => d());
}
