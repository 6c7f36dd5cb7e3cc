// The three rates (三率) on the dashboard: GET /api/v1/rates?month=&by=
// (docs/rates.md has the formulas) as a ranking table and an ECharts chart of
// the composite, by department, sub-district, community or grid. Rates are
// fractions in the API, percentages here; a group nobody was called back in
// has no rates ("—") and no rank.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { barChart } from './chart.js';

const DIMENSIONS = ['department', 'subdistrict', 'community', 'grid'];
const pct = (x) => (x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%');

function table(report) {
  const row = (r, total = false) => h('tr', { dataset: total ? { total: '1' } : { id: r.id ?? '' } },
    h('td', { class: 'num' }, r.rank ?? '—'),
    h(total ? 'th' : 'td', total ? { scope: 'row' } : {}, r.name),
    h('td', { class: 'num' }, r.valid_callbacks),
    h('td', { class: 'num' }, pct(r.response_rate)),
    h('td', { class: 'num' }, pct(r.resolution_rate)),
    h('td', { class: 'num' }, pct(r.satisfaction_rate)),
    h('td', { class: 'num composite' }, pct(r.composite)));
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'rates-title' },
    h('table', { id: 'rates-table' },
      h('thead', {}, h('tr', {}, ['rank', 'name', 'callbacks', 'response', 'resolution', 'satisfaction', 'composite']
        .map((k) => h('th', { scope: 'col', class: k === 'name' ? '' : 'num' }, t('rates.col.' + k))))),
      h('tbody', {}, report.items.map((r) => row(r))),
      h('tfoot', {}, row({ ...report.total, name: t('dash.appeals_total') }, true))));
}

// This month in the district's calendar (YYYY-MM, +08:00).
function thisMonth() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
}

// Appends the section to `view`; resolves to its dispose function.
export async function ratesSection(view, query = {}) {
  const by = DIMENSIONS.includes(query.by) ? query.by : 'department';
  const section = h('section', { class: 'card', 'aria-labelledby': 'rates-title', id: 'rates' });
  view.append(section);
  let dispose = () => {};
  let month = /^\d{4}-\d{2}$/.test(query.month || '') ? query.month : undefined;
  const draw = async (dimension) => {
    dispose();
    const report = await api('/rates', { query: { by: dimension, month } });
    // A row without an id (not dispatched, not located): named in the page's language.
    for (const r of report.items) {
      if (r.id === null) r.name = t(dimension === 'department' ? 'rates.unnamed.department' : 'rates.unnamed.other');
    }
    const ranked = report.items.filter((r) => r.rank !== null);
    const summary = ranked.map((r) => `${r.rank}. ${r.name} ${pct(r.composite)}`).join(', ') || t('rates.none');
    const chartBox = h('div', { class: 'chart', id: 'rates-chart', role: 'img', 'aria-label': t('rates.chart_label', { summary }),
      style: { height: `${Math.min(120 + 44 * ranked.length, 900)}px` } });
    const select = h('select', { id: 'rates-by' },
      DIMENSIONS.map((d) => h('option', { value: d, selected: d === dimension }, t('rates.by.' + d))));
    select.addEventListener('change', () => draw(select.value));
    // Any past month; the CSV is the same table, for a spreadsheet.
    const picker = h('input', { type: 'month', id: 'rates-month', value: report.month, max: report.month > thisMonth() ? report.month : thisMonth() });
    picker.addEventListener('change', () => { if (picker.value) { month = picker.value; draw(select.value); } });
    const csv = `/api/v1/rates?${new URLSearchParams({ by: dimension, month: report.month, format: 'csv' })}`;
    const w = report.weights;
    section.replaceChildren(h('h2', { id: 'rates-title' }, t('rates.heading', { month: report.month })),
      h('div', { class: 'toolbar' },
        h('label', { for: 'rates-by' }, t('rates.by')), select,
        h('label', { for: 'rates-month' }, t('rates.month')), picker,
        h('a', { href: csv, id: 'rates-csv', class: 'button secondary', download: '' }, t('rates.csv'))),
      h('ul', { class: 'note', id: 'rates-explained' },
        h('li', {}, t('rates.explain.response')), h('li', {}, t('rates.explain.resolution')),
        h('li', {}, t('rates.explain.satisfaction'))),
      h('p', { class: 'note' }, t('rates.formula', { r: w.response, s: w.resolution, f: w.satisfaction })),
      table(report),
      ranked.length ? chartBox : h('p', { id: 'rates-none' }, t('rates.none')));
    dispose = ranked.length
      ? await barChart(chartBox, [...ranked].reverse().map((r) => ({ name: r.name, count: Math.round(r.composite * 1000) / 10 })), { color: '#176b2c', max: 100, interval: 25 })
      : () => {};
  };
  await draw(by);
  return () => dispose();
}
