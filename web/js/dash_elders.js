// The elders (服务对象) section of the district dashboard, for admins and
// workers only (the API refuses everyone else): the open elders per community
// by risk tier and by category, counted by the server in one
// GET /api/v1/elders/counts?by=community (never by paging the list; numbers
// only, no personal data), with the communities' names from
// GET /api/v1/areas/communities. A worker sees the communities her list shows.
import { api, me } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { communities } from './appeals.js';
import { CATEGORIES, TIERS, categoryLabel, tierLabel } from './elder_words.js';

export const mayCountElders = (user) => Boolean(user) && ['admin', 'worker'].includes(user.role);

function table(items, names) {
  const head = [t('dash.elders_community'), t('dash.total'), ...TIERS.map(tierLabel), ...CATEGORIES.map(categoryLabel)];
  const cells = (r) => [r.total, ...TIERS.map((k) => r.risk_tiers[k]), ...CATEGORIES.map((k) => r.categories[k])];
  const sum = { total: 0, risk_tiers: {}, categories: {} };
  for (const r of items) {
    sum.total += r.total;
    for (const k of TIERS) sum.risk_tiers[k] = (sum.risk_tiers[k] ?? 0) + r.risk_tiers[k];
    for (const k of CATEGORIES) sum.categories[k] = (sum.categories[k] ?? 0) + r.categories[k];
  }
  const name = (id) => (id === null ? t('dash.elders_no_community') : names.get(id) ?? `#${id}`);
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'elders-title' },
    h('table', { id: 'elders-table' },
      h('thead', {}, h('tr', {}, head.map((x, i) => h('th', i ? { scope: 'col', class: 'num' } : { scope: 'col' }, x)))),
      h('tbody', {}, items.map((r) => h('tr', { dataset: { community: r.community_id ?? 'none' } },
        h('th', { scope: 'row' }, name(r.community_id)),
        cells(r).map((n) => h('td', { class: 'num' }, n))))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')),
        cells(sum).map((n, i) => h('td', i === 0 ? { class: 'num', id: 'elders-total' } : { class: 'num' }, n))))));
}

// Appends the section (a table: a row per community with open elders) to `view` when the signed-in user may read it.
export async function elderSection(view) {
  const user = await me();
  if (!mayCountElders(user)) return;
  const [counts, places] = await Promise.all([api('/elders/counts', { query: { by: 'community' } }), communities()]);
  const names = new Map(places.map((c) => [c.id, c.name]));
  view.append(h('section', { class: 'card', 'aria-labelledby': 'elders-title' },
    h('h2', { id: 'elders-title' }, t('dash.elders')),
    h('p', { class: 'note' }, t('dash.elders_note')),
    counts.items.length ? table(counts.items, names) : h('p', { id: 'elders-none' }, t('dash.elders_none'))));
}
