// The three rates (三率) on the dashboard: GET /api/v1/rates?month=&by=
// (docs/rates.md has the formulas) as a ranking table and an ECharts chart of
// the composite, by department, sub-district, community or grid. Rates are
// fractions in the API, percentages here; a group nobody was called back in
// has no rates ("—") and no rank. A page of 50 at a time ("more" asks for the
// next): a city has 15,000 grids (5 MB as one table). Communities and grids
// of more than a page open on the ones that need attention most (order=worst:
// the lowest composite of those with at least 5 valid callbacks); the CSV is
// the whole table.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { barChart } from './chart.js';

const DIMENSIONS = ['department', 'subdistrict', 'community', 'grid'];
const ORDERS = ['rank', 'worst'];
const PAGE = 50;
const MIN_CALLBACKS = 5;  // order=worst: fewer valid callbacks say too little
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
  // The dimension and order shown, the rows fetched so far and the next page's cursor.
  let dimension = by;
  let order = ORDERS.includes(query.order) ? query.order : undefined;
  let items = [];
  let report;
  const fetchPage = (cursor) => api('/rates', { query: {
    by: dimension, month, limit: PAGE,
    ...(order === 'worst' ? { order, min_callbacks: MIN_CALLBACKS } : {}),
    ...(cursor ? { cursor } : {}) } });
  const draw = async () => {
    dispose();
    // A row without an id (not dispatched, not located): named in the page's language.
    for (const r of items) {
      if (r.id === null) r.name = t(dimension === 'department' ? 'rates.unnamed.department' : 'rates.unnamed.other');
    }
    const ranked = items.filter((r) => r.rank !== null);
    const summary = ranked.map((r) => `${r.rank}. ${r.name} ${pct(r.composite)}`).join(', ') || t('rates.none');
    const chartBox = h('div', { class: 'chart', id: 'rates-chart', role: 'img', 'aria-label': t('rates.chart_label', { summary }),
      style: { height: `${Math.min(120 + 44 * ranked.length, 900)}px` } });
    const select = h('select', { id: 'rates-by' },
      DIMENSIONS.map((d) => h('option', { value: d, selected: d === dimension }, t('rates.by.' + d))));
    select.addEventListener('change', () => load(select.value, undefined));
    const orderSelect = h('select', { id: 'rates-order' },
      ORDERS.map((o) => h('option', { value: o, selected: o === order }, t('rates.order.' + o))));
    orderSelect.addEventListener('change', () => load(dimension, orderSelect.value));
    // Any past month; the CSV is the whole table, for a spreadsheet.
    const picker = h('input', { type: 'month', id: 'rates-month', value: report.month, max: report.month > thisMonth() ? report.month : thisMonth() });
    picker.addEventListener('change', () => { if (picker.value) { month = picker.value; load(dimension, order); } });
    const csv = `/api/v1/rates?${new URLSearchParams({ by: dimension, month: report.month, format: 'csv' })}`;
    const more = report.next_cursor
      ? h('button', { type: 'button', id: 'rates-more', class: 'secondary' }, t('rates.more', { n: Math.min(PAGE, report.groups - items.length) }))
      : null;
    more?.addEventListener('click', async () => {
      more.disabled = true;
      const page = await fetchPage(report.next_cursor);
      items = items.concat(page.items);
      report = page;
      await draw();
      document.getElementById('rates-more')?.focus();
    });
    const wt = report.weights;
    section.replaceChildren(h('h2', { id: 'rates-title' }, t('rates.heading', { month: report.month })),
      h('div', { class: 'toolbar' },
        h('label', { for: 'rates-by' }, t('rates.by')), select,
        h('label', { for: 'rates-order' }, t('rates.order')), orderSelect,
        h('label', { for: 'rates-month' }, t('rates.month')), picker,
        h('a', { href: csv, id: 'rates-csv', class: 'button secondary', download: '' }, t('rates.csv'))),
      h('ul', { class: 'note', id: 'rates-explained' },
        h('li', {}, t('rates.explain.response')), h('li', {}, t('rates.explain.resolution')),
        h('li', {}, t('rates.explain.satisfaction'))),
      h('p', { class: 'note' }, t('rates.formula', { r: wt.response, s: wt.resolution, f: wt.satisfaction })),
      order === 'worst' ? h('p', { class: 'note', id: 'rates-worst-note' }, t('rates.worst_note', { min: MIN_CALLBACKS })) : '',
      table({ items, total: report.total }),
      h('p', { class: 'note', id: 'rates-shown', 'aria-live': 'polite' }, t('rates.shown', { shown: items.length, groups: report.groups ?? items.length }), ' ', more),
      ranked.length ? chartBox : h('p', { id: 'rates-none' }, t('rates.none')));
    dispose = ranked.length
      ? await barChart(chartBox, [...ranked].reverse().map((r) => ({ name: r.name, count: Math.round(r.composite * 1000) / 10 })), { color: '#176b2c', max: 100, interval: 25 })
      : () => {};
  };
  // A dimension's first page. Communities and grids too many for one page
  // (a city's) open on the worst; a district's few are ranked whole.
  const load = async (d, o) => {
    dimension = d;
    order = o ?? 'rank';
    report = await fetchPage();
    if (!o && report.next_cursor && (d === 'community' || d === 'grid')) {
      order = 'worst';
      report = await fetchPage();
    }
    items = report.items;
    await draw();
  };
  await load(by, order);
  return () => dispose();
}
