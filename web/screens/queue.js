// #/staff/appeals?state=open|all|<state>&category=…&area=s<id>|c<id> — the
// appeals queue for admins, grid workers and departments (who see those
// assigned to them): overdue first, then nearly due (督办), then by due time.
// State and category filter on the server; the area (sub-district or
// community) on the located ids of the listed appeals.
import { allPages, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';
import { categories, categoryName, communities, isStaff, STATES, stateBadge, urgencyBadge } from '../js/appeals.js';

const MAX = 500;
const RANK = { overdue: 0, nearly_due: 1, none: 2 };

function filters(query, cats, places) {
  const state = query.get('state') || 'open';
  const subdistricts = new Map(places.map((c) => [c.subdistrict_id, c.subdistrict]));
  const f = h('form', { id: 'queue-filters', class: 'card filters' },
    h('div', {}, h('label', { for: 'f-state' }, t('queue.state')),
      h('select', { id: 'f-state', name: 'state' },
        h('option', { value: 'open', selected: state === 'open' }, t('queue.state_open')),
        h('option', { value: 'all', selected: state === 'all' }, t('queue.state_all')),
        STATES.map((s) => h('option', { value: s, selected: state === s }, t('appeal.state.' + s))))),
    h('div', {}, h('label', { for: 'f-category' }, t('queue.category')),
      h('select', { id: 'f-category', name: 'category' },
        h('option', { value: '' }, t('queue.category_all')),
        cats.map((c) => h('option', { value: c.code, selected: c.code === query.get('category') }, categoryName(c))))),
    h('div', {}, h('label', { for: 'f-area' }, t('queue.area')),
      h('select', { id: 'f-area', name: 'area' },
        h('option', { value: '' }, t('queue.area_all')),
        [...subdistricts].map(([id, name]) => h('optgroup', { label: name },
          h('option', { value: 's' + id, selected: query.get('area') === 's' + id }, name),
          places.filter((c) => c.subdistrict_id === id).map((c) =>
            h('option', { value: 'c' + c.id, selected: query.get('area') === 'c' + c.id }, c.name)))))),
    h('button', { type: 'submit' }, t('queue.apply')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(f)) if (v) q.set(k, v);
    location.hash = '#/staff/appeals?' + q;
  });
  return f;
}

function inArea(a, area) {
  if (!area) return true;
  const id = Number(area.slice(1));
  return area[0] === 's' ? a.location.subdistrict_id === id : a.location.community_id === id;
}

export function byUrgency(a, b) {
  const r = (RANK[a.urgency] ?? 2) - (RANK[b.urgency] ?? 2);
  if (r) return r;
  const da = a.due_at ? Date.parse(a.due_at) : Infinity;
  const db = b.due_at ? Date.parse(b.due_at) : Infinity;
  return da - db || b.id - a.id;
}

export async function render(view, params, query) {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('staff.heading'))),
    h('h1', {}, t('queue.heading')));
  if (!isStaff(user)) { view.append(h('p', { class: 'error' }, t('queue.forbidden'))); return; }
  const [cats, places] = await Promise.all([categories(), communities()]);
  view.append(filters(query, cats, places));
  const state = query.get('state') || 'open';
  const states = state === 'all' ? undefined : state === 'open' ? STATES.filter((s) => s !== 'closed') : [state];
  let items;
  try {
    items = await allPages('/appeals', { state: states, category: query.get('category') || undefined }, MAX);
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) items = []; else throw e;
  }
  const shown = items.filter((a) => inArea(a, query.get('area'))).sort(byUrgency);
  const placeName = new Map(places.map((c) => [c.id, c.name]));
  view.append(h('section', { class: 'results', 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title', class: 'visually-hidden' }, t('queue.heading')),
    h('p', { role: 'status', id: 'queue-count' }, shown.length ? t('queue.count', { n: shown.length }) : t('queue.empty')),
    items.length >= MAX ? h('p', { class: 'note' }, t('queue.more', { n: MAX })) : null,
    h('ol', { class: 'result-list', id: 'queue' }, shown.map((a) => h('li', { class: 'result', dataset: { id: a.id, urgency: a.urgency } },
      h('a', { class: 'result-name', href: `#/staff/appeals/${a.id}` }, `${a.tracking_code} · ${categoryName(a.category)}`),
      h('p', {}, stateBadge(a.state), ' ', urgencyBadge(a.urgency), ' ',
        a.due_at ? h('span', { class: 'note' }, t('queue.due', { when: when(a.due_at) })) : null),
      h('p', { class: 'note' }, [placeName.get(a.location.community_id), a.description.slice(0, 50)].filter(Boolean).join(' · ')))))));
}
