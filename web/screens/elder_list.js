// #/staff/elders?community=&tier=&category=&state=&cursor= — the elders this
// user may see (GET /api/v1/elders, newest first, a page of PAGE), filtered
// by community, risk tier, category and state; and the form that records a
// new elder (POST /api/v1/elders), which then opens her page.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { communities } from '../js/appeals.js';
import { CATEGORIES, TIERS, ageText, categoryLabel, tierBadge, tierLabel } from '../js/elder_words.js';
import { elderForm } from '../js/elder_form.js';

const PAGE = 20;

function filters(query, places) {
  const opt = (value, label, current) => h('option', { value, selected: value === (current || '') }, label);
  const f = h('form', { id: 'elder-filters', class: 'card filters' },
    h('div', {}, h('label', { for: 'ef-community' }, t('elders.community')),
      h('select', { id: 'ef-community', name: 'community' }, opt('', t('elders.all'), query.get('community')),
        places.map((c) => opt(String(c.id), c.name, query.get('community'))))),
    h('div', {}, h('label', { for: 'ef-tier' }, t('elder.f.tier')),
      h('select', { id: 'ef-tier', name: 'tier' }, opt('', t('elders.all'), query.get('tier')),
        TIERS.map((x) => opt(x, tierLabel(x), query.get('tier'))))),
    h('div', {}, h('label', { for: 'ef-category' }, t('elders.category')),
      h('select', { id: 'ef-category', name: 'category' }, opt('', t('elders.all'), query.get('category')),
        CATEGORIES.map((x) => opt(x, categoryLabel(x), query.get('category'))))),
    h('div', {}, h('label', { for: 'ef-state' }, t('elders.state')),
      h('select', { id: 'ef-state', name: 'state' }, opt('', t('elders.state_active'), query.get('state')),
        opt('closed', t('elders.state_closed'), query.get('state')))),
    h('button', { type: 'submit' }, t('elders.apply')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(f)) if (v) q.set(k, v);
    location.hash = '#/staff/elders' + (q.size ? '?' + q : '');
  });
  return f;
}

function newElder(places, cleanups) {
  const ef = elderForm(null, places, 'ne');
  const submit = h('button', { type: 'submit' }, t('elders.create'));
  ef.form.append(submit);
  const details = h('details', { id: 'new-elder', class: 'card' }, h('summary', {}, t('elders.new')), ef.form);
  let mounted = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || mounted) return;
    mounted = true;
    const done = await ef.mount();
    if (done) cleanups.push(done);
  });
  ef.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const made = await api('/elders', { method: 'POST', json: ef.read() });
      location.hash = `#/staff/elders/${made.id}`;
    } catch (err) {
      submit.disabled = false;
      if (err instanceof ApiError && err.status === 422) ef.showErrors(err.problem.errors || [], t('elders.create_failed'));
      else ef.showErrors([], t('common.error', { detail: err.message }));
    }
  });
  return details;
}

export async function render(view, params, query) {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('staff.heading'))),
    h('h1', {}, t('elders.heading')),
    h('p', {}, h('a', { href: '#/staff/desk', class: 'button secondary', id: 'desk-link2' }, t('staff.desk_link'))));
  if (user.role !== 'admin' && user.role !== 'worker') { view.append(h('p', { class: 'error' }, t('elder.staff_only'))); return; }
  const places = await communities();
  const cleanups = [];
  view.append(filters(query, places), newElder(places, cleanups));
  const placeName = new Map(places.map((c) => [c.id, c.name]));
  const status = h('p', { role: 'status', id: 'elders-count' });
  const list = h('ol', { class: 'result-list', id: 'elders' });
  view.append(h('section', { class: 'results', 'aria-labelledby': 'elders-title' },
    h('h2', { id: 'elders-title' }, t('elders.list')), status, list));
  let page;
  try {
    page = await api('/elders', { query: {
      community_id: query.get('community'), risk_tier: query.get('tier'), category: query.get('category'),
      state: query.get('state') || 'active', limit: PAGE, cursor: query.get('cursor') } });
  } catch (err) {
    if (!(err instanceof ApiError) || ![403, 422].includes(err.status)) throw err;
    status.textContent = err.status === 403 ? t('elder.forbidden') : t('elders.bad_filter');
    status.classList.add('error');
    return () => cleanups.forEach((f) => f());
  }
  status.textContent = page.items.length
    ? t(query.get('cursor') ? 'elders.count_more' : 'elders.count', { n: page.items.length }) : t('elders.empty');
  list.append(...page.items.map((e) => h('li', { class: 'result', dataset: { id: e.id, view: e.view } },
    h('a', { class: 'result-name', href: `#/staff/elders/${e.id}` }, e.name),
    h('p', {}, tierBadge(e.risk_tier), ' ', ageText(e.birth_date),
      e.state === 'closed' ? [' ', h('span', { class: 'badge' }, t('elders.state_closed'))] : null),
    h('p', { class: 'note' }, [placeName.get(e.community_id), (e.categories || []).map(categoryLabel).join('、')]
      .filter(Boolean).join(' · ')))));
  const nav = [];
  if (query.get('cursor')) {
    const q = new URLSearchParams(query);
    q.delete('cursor');
    nav.push(h('a', { href: '#/staff/elders' + (q.size ? '?' + q : ''), class: 'button secondary', id: 'elders-first' }, t('elders.first')));
  }
  if (page.next_cursor) {
    const q = new URLSearchParams(query);
    q.set('cursor', page.next_cursor);
    nav.push(h('a', { href: '#/staff/elders?' + q, class: 'button secondary', id: 'elders-next' }, t('elders.next')));
  }
  if (nav.length) view.append(h('nav', { class: 'pager', 'aria-label': t('elders.pages') }, nav));
  return () => cleanups.forEach((f) => f());
}
