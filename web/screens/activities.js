// #/activities — 文体活动 (issue 18): the district's activities and job
// fairs by date (GET /activity-occurrences): this week (the default), near
// me (the browser's location, as on the near screen; refused → said in
// words and the list stays) or by community, each of every kind or only
// activities / 招聘会. Each row: the title (a link to the date's page), the
// date and time in words, the venue or address, and its places (还有 N 个名额
// / 已满，N 人排队 / 已取消). The filters live in the hash
// (#/activities?view=community&community=3&kind=job_fair,
// js/activities_model.js) so back from a date returns to the same list;
// 更多 appends the next page by the cursor. Data is text only (dom.js h()).
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { distance } from '../js/format.js';
import { apiQuery, filtersOf, hashOf, KINDS, placesState, problemText, ready, VIEWS, whenWords } from '../js/activities_model.js';

async function actCommunities() {
  try { return (await api('/areas/communities')).items; } catch { return []; }
}

function actRadio(name, value, checked, label) {
  const id = `act-${name}-${value}`;
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }), h('label', { for: id }, label));
}

export function occurrenceRow(o) {
  const places = placesState(o);
  const where = o.venue_name || o.address;
  return h('li', { class: 'result act-row', dataset: { id: o.id, status: o.status } },
    h('a', { class: 'result-name act-title', href: `#/activities/o/${o.id}` }, o.title),
    o.kind === 'job_fair' && h('span', { class: 'badge' }, t('act.kind.job_fair')),
    h('p', { class: 'act-when' }, whenWords(o.starts_at, o.ends_at)),
    where && h('p', { class: 'act-where' }, where, o.distance_m !== undefined && o.distance_m !== null ? ` · ${t('act.distance', { d: distance(o.distance_m) })}` : ''),
    h('p', { class: `act-places act-${places.tone}` }, places.tone === 'open' ? t(places.key, places.params)
      : h('span', { class: 'badge' }, t(places.key, places.params)),
    o.status === 'cancelled' && o.cancel_note ? ` ${t('act.cancelled_note', { note: o.cancel_note })}` : ''));
}

function filterForm(filters, list, onSearch) {
  const note = h('p', { class: 'note', id: 'act-where-note', role: 'status' });
  const locate = h('button', { type: 'button', class: 'secondary', id: 'act-locate' }, t('act.use_location'));
  const community = h('select', { id: 'act-community', name: 'community' },
    h('option', { value: '' }, t('act.community_pick')),
    list.map((c) => h('option', { value: c.id, selected: String(c.id) === filters.community }, c.name)));
  const f = h('form', { id: 'act-form', class: 'card', role: 'search', novalidate: true },
    h('fieldset', { id: 'act-view' }, h('legend', {}, t('act.view')),
      VIEWS.map((v) => actRadio('view', v, filters.view === v, t('act.view_' + v)))),
    h('div', { id: 'act-near-box' }, locate),
    h('div', { id: 'act-community-box' }, h('label', { for: 'act-community' }, t('act.community')), community),
    note,
    h('label', { for: 'act-kind' }, t('act.kind')),
    h('select', { id: 'act-kind', name: 'kind' },
      h('option', { value: '' }, t('act.kind_all')),
      KINDS.map((k) => h('option', { value: k, selected: filters.kind === k }, t('act.kind.' + k)))),
    h('button', { type: 'submit', id: 'act-search' }, t('act.search')));
  const read = () => {
    const data = new FormData(f);
    return { ...filters, view: data.get('view') || 'week', kind: data.get('kind') || '', community: data.get('community') || '' };
  };
  const showBoxes = () => {
    const view = read().view;
    f.querySelector('#act-near-box').hidden = view !== 'near';
    f.querySelector('#act-community-box').hidden = view !== 'community';
  };
  showBoxes();
  f.addEventListener('change', showBoxes);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = read();
    if (values.view === 'community' && !values.community) { note.textContent = t('act.pick_community'); community.focus(); return; }
    if (values.view === 'near' && !(values.lat && values.lon)) { note.textContent = t('act.pick_place'); locate.focus(); return; }
    note.textContent = '';
    onSearch(values);
  });
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) { note.textContent = t('act.location_denied'); return; }
    note.textContent = t('act.locating');
    navigator.geolocation.getCurrentPosition((pos) => {
      note.textContent = '';
      onSearch({ ...read(), view: 'near', lat: pos.coords.latitude.toFixed(6), lon: pos.coords.longitude.toFixed(6) });
    }, () => { note.textContent = t('act.location_denied'); }, { timeout: 10000, maximumAge: 60000 });
  });
  return f;
}

export async function render(view, params, query) {
  const list = await actCommunities();
  const results = h('section', { class: 'results', 'aria-labelledby': 'act-results-title' });
  let searchId = 0;
  view.classList.add('activities');
  view.append(h('h1', {}, t('act.heading')),
    h('p', {}, t('act.intro'), ' ', h('a', { href: '#/my/activities', id: 'act-my' }, t('act.my_link'))));

  const show = async (filters, moved) => {
    const id = ++searchId;
    const heading = h('h2', { id: 'act-results-title', tabindex: '-1' }, t('act.results'));
    if (!ready(filters)) {
      results.replaceChildren(heading, h('p', { id: 'act-pick' }, t(filters.view === 'near' ? 'act.pick_place' : 'act.pick_community')));
      return;
    }
    results.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await api('/activity-occurrences', { query: apiQuery(filters) });
    } catch (e) {
      if (id !== searchId) return;
      results.removeAttribute('aria-busy');
      results.replaceChildren(heading, h('p', { class: 'error', role: 'alert', id: 'act-problem' }, problemText(e)));
      return;
    }
    if (id !== searchId) return;
    results.removeAttribute('aria-busy');
    const scope = filters.view === 'week' ? null : h('p', { class: 'note' }, t(filters.view === 'near' ? 'act.results_near' : 'act.results_community'));
    if (!page.items.length) {
      results.replaceChildren(heading, scope || '', h('p', { role: 'status', id: 'act-empty', class: 'big' }, t('act.empty')),
        h('p', {}, t('act.empty_tip')));
    } else {
      const ol = h('ol', { class: 'result-list', id: 'act-list' }, page.items.map(occurrenceRow));
      const count = h('p', { role: 'status', id: 'act-count' });
      // 共 N 场 once the list is whole; 已显示 N 场 while 更多 has pages.
      const setCount = (cursor) => { count.textContent = t(cursor ? 'act.count_shown' : 'act.count', { n: ol.children.length }); };
      setCount(page.next ?? page.next_cursor);
      const moreBox = h('div', { id: 'act-more-box' });
      const more = (cursor) => {
        if (!cursor) { moreBox.replaceChildren(); return; }
        const button = h('button', { type: 'button', class: 'secondary', id: 'act-more' }, t('act.more'));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            const next = await api('/activity-occurrences', { query: apiQuery(filters, { cursor }) });
            if (id !== searchId) return;
            const rows = next.items.map(occurrenceRow);
            ol.append(...rows);
            setCount(next.next ?? next.next_cursor);
            more(next.next ?? next.next_cursor);
            rows[0]?.querySelector('a').focus();
          } catch (e) {
            button.disabled = false;
            moreBox.replaceChildren(button, h('p', { class: 'error', role: 'alert' }, problemText(e)));
          }
        });
        moreBox.replaceChildren(button);
      };
      more(page.next ?? page.next_cursor);
      results.replaceChildren(heading, scope || '', count, ol, moreBox);
    }
    if (moved) heading.focus();
  };

  const search = (filters) => {
    history.pushState(null, '', hashOf(filters));
    return show(filters, true);
  };
  const filters = filtersOf(query);
  view.append(filterForm(filters, list, search), results);
  await show(filters, false);
  return () => { searchId += 1; };
}
