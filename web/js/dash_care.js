// The elder-care sections of the district dashboard (issue 16), for admins
// and workers only (the API refuses everyone else):
//  - errands and visits per community: this month's errands by state and the
//    overdue ones (GET /api/v1/errands/counts, the server's month at +08:00),
//    the month's visit rate (探访率, GET /api/v1/visits/rate) and the visits due
//    today and overdue (GET /api/v1/visits/counts) — numbers counted by the
//    server, never by paging a list, no personal data;
//  - the overdue errands (supervision, 督办): GET /api/v1/errands?queue=overdue,
//    the most overdue first, placed beside the overdue appeals' list. That list
//    names the elders (masked for a masked view) and the server audits it.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { duration, when } from './format.js';
import { communities } from './appeals.js';
import { mayCountElders } from './dash_elders.js';

export const ERRAND_STATES = ['received', 'assigned', 'doing', 'delivered', 'settled', 'complete', 'cancelled'];
const OVERDUE_MAX = 100;

const num = (n, extra = {}) => h('td', { class: 'num', ...extra }, String(n));
const head = (labels) => h('thead', {}, h('tr', {}, labels.map((x, i) => h('th', i ? { scope: 'col', class: 'num' } : { scope: 'col' }, x))));
// "62.5%" (one decimal), or "—" when nobody was to be visited.
export const percent = (rate, elders) => (elders ? `${(rate * 100).toFixed(1)}%` : '—');

function communityName(names) {
  return (id) => (id === null ? t('dash.care_no_community') : names.get(id) ?? `#${id}`);
}

// A scrollable region holding a wide table (keyboard-reachable, named by `titleId`).
const scroller = (titleId, table) => h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': titleId }, table);

function errandTable(counts, name) {
  const cells = (r) => [r.total, ...ERRAND_STATES.map((s) => r.states[s]), r.overdue];
  return scroller('care-errands-title', h('table', { id: 'care-errands-table' },
    head([t('dash.care_community'), t('dash.care_month_total'), ...ERRAND_STATES.map((s) => t('dash.care_state.' + s)), t('dash.care_overdue')]),
    h('tbody', {}, counts.items.map((r) => h('tr', { dataset: { community: r.community_id ?? 'none' } },
      h('th', { scope: 'row' }, name(r.community_id)), cells(r).map((n) => num(n))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')),
      cells(counts).map((n, i) => num(n, i === 0 ? { id: 'care-errands-total' } : i === cells(counts).length - 1 ? { id: 'care-errands-overdue' } : {}))))));
}

// One row per community that either answer names: the month's rate and today's due visits.
function visitRows(rate, due) {
  const by = new Map();
  const row = (id) => {
    if (!by.has(id)) by.set(id, { community_id: id, rate: null, due: null });
    return by.get(id);
  };
  for (const r of rate.items) row(r.community_id).rate = r;
  for (const r of due.items) row(r.community_id).due = r;
  return [...by.values()].sort((a, b) => (a.community_id ?? Infinity) - (b.community_id ?? Infinity));
}

function visitTable(rate, due, name) {
  const rows = visitRows(rate, due);
  const sum = { rate: { elders: 0, visited: 0 }, due };
  for (const r of rate.items) { sum.rate.elders += r.elders; sum.rate.visited += r.visited; }
  sum.rate.rate = sum.rate.elders ? sum.rate.visited / sum.rate.elders : 0;
  const cells = (r) => {
    const v = r.rate ?? { elders: 0, visited: 0, rate: 0 };
    const d = r.due ?? { due_today: 0, overdue: 0, escalations_overdue: 0 };
    return [v.elders, v.visited, percent(v.rate, v.elders), d.due_today, d.overdue, d.escalations_overdue];
  };
  const ids = ['care-rate-elders', 'care-visited', 'care-rate', 'care-due-today', 'care-visits-overdue', 'care-escalations'];
  return scroller('care-visits-title', h('table', { id: 'care-visits-table' },
    head([t('dash.care_community'), t('dash.care_rate_elders'), t('dash.care_visited'), t('dash.care_rate'),
      t('dash.care_due_today'), t('dash.care_visits_overdue'), t('dash.care_escalations')]),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { community: r.community_id ?? 'none' } },
      h('th', { scope: 'row' }, name(r.community_id)), cells(r).map((n) => num(n))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')), cells(sum).map((n, i) => num(n, { id: ids[i] }))))));
}

// The figures section: errands by state and overdue, visit rate and due
// visits, per community; resolves to {section, at} (`at`: the server's now).
async function figures(names) {
  const [errands, due] = await Promise.all([api('/errands/counts'), api('/visits/counts')]);
  const rate = await api('/visits/rate', { query: { month: errands.month } });
  const name = communityName(names);
  const section = h('section', { class: 'card', 'aria-labelledby': 'care-title' },
    h('h2', { id: 'care-title' }, t('dash.care', { month: errands.month })),
    h('p', { class: 'note' }, t('dash.care_note')),
    h('h3', { id: 'care-errands-title' }, t('dash.care_errands')),
    errands.items.length ? errandTable(errands, name) : h('p', { id: 'care-errands-none' }, t('dash.care_errands_none')),
    h('h3', { id: 'care-visits-title' }, t('dash.care_visits')),
    h('p', { class: 'note' }, t('dash.care_visits_note')),
    rate.items.length || due.items.length ? visitTable(rate, due, name) : h('p', { id: 'care-visits-none' }, t('dash.care_visits_none')));
  return { section, at: Date.parse(errands.at) };
}

// The caller's overdue errands, the most overdue first (at most OVERDUE_MAX).
async function overdueErrands() {
  const items = [];
  let cursor;
  do {
    const page = await api('/errands', { query: { queue: 'overdue', limit: 100, cursor } });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < OVERDUE_MAX);
  return { items: items.sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at)).slice(0, OVERDUE_MAX), more: Boolean(cursor) };
}

function overdueSection({ items, more }, name, nowMs) {
  const late = (e) => duration(Math.max(0, Math.round((nowMs - Date.parse(e.due_at)) / 1000)));
  return h('section', { class: 'card', 'aria-labelledby': 'overdue-errands-title' },
    h('h2', { id: 'overdue-errands-title' }, t('dash.overdue_errands')),
    items.length ? scroller('overdue-errands-title', h('table', { id: 'overdue-errands-table' },
      h('thead', {}, h('tr', {}, [t('dash.errand_elder'), t('dash.errand_kind'), t('dash.care_community'), t('dash.appeals_state'),
        t('dash.due'), t('dash.overdue_by')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, items.map((e) => h('tr', { dataset: { id: e.id } },
        h('td', {}, h('a', { href: `#/staff/elders/${e.elder.id}` }, e.elder.name)),
        h('td', {}, t('dash.errand_kind.' + e.kind)), h('td', {}, name(e.community_id)),
        h('td', {}, t('dash.care_state.' + e.state)), h('td', {}, when(e.due_at)), h('td', {}, late(e)))))))
      : h('p', { id: 'overdue-errands-none' }, t('dash.overdue_errands_none')),
    more ? h('p', { class: 'note', id: 'overdue-errands-more' }, t('dash.overdue_errands_more', { n: OVERDUE_MAX })) : null);
}

// Appends the figures and puts the overdue errands after the overdue appeals
// (or at the end). `user`: the signed-in user; nothing for anyone but admins and workers.
export async function careSections(view, user) {
  if (!mayCountElders(user)) return;
  const names = new Map((await communities()).map((c) => [c.id, c.name]));
  const [{ section, at }, late] = await Promise.all([figures(names), overdueErrands()]);
  const overdue = overdueSection(late, communityName(names), at);
  view.append(section);
  const appeals = view.querySelector('section[aria-labelledby="overdue-title"]');
  if (appeals) appeals.after(overdue);
  else view.append(overdue);
}
