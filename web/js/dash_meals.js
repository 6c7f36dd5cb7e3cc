// The community canteens' meal figures on the district dashboard (issue 17),
// for admins and department users only (the API refuses everyone else): this
// month's meals, subsidised meals, the subsidy owed, deliveries and meals not
// handed over (not home) per canteen with their totals, counted by the server
// in one GET /api/v1/canteen-meal-counts?month= (numbers only, no personal
// data); each canteen's name opens its settlement for the month
// (screens/canteen_settlement.js).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate, price } from './format.js';

export const mayCountMeals = (user) => Boolean(user) && ['admin', 'department'].includes(user.role);

const FIELDS = ['meals', 'subsidised_meals', 'subsidy_fen', 'deliveries', 'not_home'];
const LABELS = ['dash.meals_meals', 'dash.meals_subsidised', 'dash.meals_subsidy', 'dash.meals_deliveries', 'dash.meals_not_home'];
const shown = (field, n) => (field === 'subsidy_fen' ? price(n) : String(n));
const cells = (r, ids = false) => FIELDS.map((f) => h('td', { class: 'num', id: ids ? `meals-total-${f}` : null }, shown(f, r[f])));

function table(counts) {
  const link = (c) => h('a', { href: `#/staff/canteen/${c.id}/settlement/${counts.month}` }, c.name);
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'meals-title' },
    h('table', { id: 'meals-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.meals_canteen')),
        LABELS.map((k) => h('th', { scope: 'col', class: 'num' }, t(k))))),
      h('tbody', {}, counts.canteens.map((c) => h('tr', { dataset: { canteen: c.id } }, h('th', { scope: 'row' }, link(c)), cells(c)))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')), cells(counts.totals, true)))));
}

// Appends the section to `view` when `user` may read it.
export async function mealSection(view, user) {
  if (!mayCountMeals(user)) return;
  const month = districtDate().slice(0, 7);
  let counts;
  try {
    counts = await api('/canteen-meal-counts', { query: { month } });
  } catch (err) {
    // One panel's failure, a refusal or the network, leaves the rest of the dashboard standing.
    view.append(h('section', { class: 'card', 'aria-labelledby': 'meals-title' },
      h('h2', { id: 'meals-title' }, t('dash.meals', { month })),
      h('p', { class: 'error', id: 'meals-unavailable' },
        err instanceof ApiError ? t('dash.meals_unavailable', { detail: err.message }) : t('common.offline'))));
    return;
  }
  view.append(h('section', { class: 'card', 'aria-labelledby': 'meals-title' },
    h('h2', { id: 'meals-title' }, t('dash.meals', { month: counts.month })),
    h('p', { class: 'note' }, t('dash.meals_note')),
    counts.canteens.length ? table(counts) : h('p', { id: 'meals-none' }, t('dash.meals_none'))));
}
