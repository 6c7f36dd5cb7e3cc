// Near me: facilities of one kind nearest a place (the browser's location or
// a chosen community), open now / open at a time / any time, with amenity
// filters; a list, then a map. The search lives in the hash
// (#/near?kind=toilet&community=3&when=at&at=2026-11-26T21:00&amenity=…), so
// back from a facility returns to the same results.
// Results first (a phone shows little at once): once there is a place, the
// form folds into one summary line ("共享厕所 · 凤山社区 10 公里内 · 现在开放
// ▸ 修改") above the list. 查找 searches in place — the hash is pushed without
// a re-render, the form folds, the page stays where it is unless the summary
// went above the screen (then it comes to the top), and focus moves to the
// results heading, one Tab before the first result. The map comes after the
// list, so its controls never stand in the Tab order before a result.
// Elder mode: no map (one task per screen).
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { FILTER_AMENITIES, KINDS } from '../js/kinds.js';
import { clock, dayLabel, fromLocalInput, rfc3339, toLocalInput } from '../js/format.js';
import { drawMap } from '../js/map.js';
import { settings } from '../js/settings.js';
import { noneOpen, resultList } from '../js/near_results.js';

const RADIUS_M = 10000;

async function communities() {
  try { return (await api('/areas/communities')).items; } catch { return []; }
}

function radio(name, value, checked, label) {
  const id = `${name}-${value}`;
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }), h('label', { for: id }, label));
}

// The search form; onSearch(query) is called with the new search.
function form(query, list, onSearch) {
  const kind = query.get('kind') || 'toilet';
  const when = query.get('when') || 'now';
  const chosen = new Set(query.getAll('amenity'));
  const groups = new Map();
  for (const c of list) {
    const g = c.subdistrict || '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(c);
  }
  const amenityBox = h('fieldset', { id: 'amenities' });
  const fillAmenities = (k) => {
    amenityBox.hidden = !FILTER_AMENITIES[k];
    amenityBox.replaceChildren(h('legend', {}, t('near.amenities')),
      ...(FILTER_AMENITIES[k] || []).map((a) => h('div', { class: 'choice' },
        h('input', { type: 'checkbox', name: 'amenity', id: 'amenity-' + a, value: a, checked: chosen.has(a) }),
        h('label', { for: 'amenity-' + a }, t('amenity.' + a)))));
  };
  fillAmenities(kind);
  const locate = h('button', { type: 'button', class: 'secondary', id: 'use-location' }, t('near.use_location'));
  const note = h('p', { class: 'note', role: 'status' });
  const f = h('form', { id: 'near-form', class: 'card' },
    h('label', { for: 'kind' }, t('near.kind')),
    h('select', { id: 'kind', name: 'kind' },
      KINDS.map((k) => h('option', { value: k, selected: k === kind }, t('kind.' + k)))),
    h('fieldset', {}, h('legend', {}, t('near.where')), locate, note,
      h('label', { for: 'community' }, t('near.community')),
      h('select', { id: 'community', name: 'community' },
        h('option', { value: '' }, t('near.community_none')),
        [...groups].map(([name, items]) => h('optgroup', { label: name },
          items.map((c) => h('option', { value: c.id, selected: String(c.id) === query.get('community') }, c.name)))))),
    h('fieldset', {}, h('legend', {}, t('near.when')),
      radio('when', 'now', when === 'now', t('near.when_now')),
      radio('when', 'at', when === 'at', t('near.when_at')),
      h('label', { for: 'at' }, t('near.at')),
      h('input', { type: 'datetime-local', id: 'at', name: 'at', value: query.get('at') || toLocalInput(Date.now()) }),
      radio('when', 'any', when === 'any', t('near.when_any'))),
    amenityBox,
    h('button', { type: 'submit' }, t('near.search')));

  const read = () => {
    const q = new URLSearchParams();
    const data = new FormData(f);
    q.set('kind', data.get('kind'));
    if (data.get('community')) q.set('community', data.get('community'));
    q.set('when', data.get('when'));
    if (data.get('when') === 'at') q.set('at', data.get('at'));
    for (const a of data.getAll('amenity')) q.append('amenity', a);
    return q;
  };
  f.kind.addEventListener('change', () => { chosen.clear(); fillAmenities(f.kind.value); });
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = read();
    if (!q.get('community') && query.get('lat')) { q.set('lat', query.get('lat')); q.set('lon', query.get('lon')); }
    onSearch(q);
  });
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) { note.textContent = t('near.location_denied'); return; }
    note.textContent = t('near.locating');
    navigator.geolocation.getCurrentPosition((pos) => {
      const q = read();
      q.delete('community');
      q.set('lat', pos.coords.latitude.toFixed(6));
      q.set('lon', pos.coords.longitude.toFixed(6));
      onSearch(q);
    }, () => { note.textContent = t('near.location_denied'); }, { timeout: 10000, maximumAge: 60000 });
  });
  return f;
}

function placeOf(query, list) {
  const community = list.find((c) => String(c.id) === query.get('community'));
  if (community) return { community, lat: community.lat, lon: community.lon };
  if (query.get('lat')) return { community: null, lat: Number(query.get('lat')), lon: Number(query.get('lon')) };
  return null;
}

// "共享厕所（取暖、热水） · 凤山社区 10 公里内 · 现在开放".
function summaryText(query, place) {
  const kind = query.get('kind') || 'toilet';
  const amenities = query.getAll('amenity').map((a) => t('amenity.' + a));
  const what = t('kind.' + kind) + (amenities.length ? t('near.summary_amenities', { list: amenities.join(t('near.summary_and')) }) : '');
  const where = t('near.summary_where', { place: place.community ? place.community.name : t('near.summary_you'), km: RADIUS_M / 1000 });
  const when = query.get('when') || 'now';
  const atMs = when === 'at' ? fromLocalInput(query.get('at')) : null;
  const whenText = atMs !== null ? t('near.summary_at', { time: t('time.date', { date: dayLabel(atMs), time: clock(atMs) }) })
    : t(when === 'now' ? 'near.when_now' : 'near.when_any');  // an unreadable time searches any time
  return [what, where, whenText].join(' · ');
}

function summary(query, place, onEdit) {
  return h('div', { class: 'near-summary', id: 'near-summary' },
    h('p', { id: 'near-summary-text' }, summaryText(query, place)),
    h('button', {
      type: 'button', class: 'secondary', id: 'near-edit',
      'aria-describedby': 'near-summary-text', onclick: onEdit,
    }, h('span', { 'aria-hidden': 'true' }, '▸ '), t('near.edit')));
}

async function nearby(query, place) {
  const kind = query.get('kind') || 'toilet';
  const when = query.get('when') || 'now';
  const atMs = when === 'at' ? fromLocalInput(query.get('at')) : null;
  const body = await api('/facilities/nearby', {
    query: {
      lat: place.lat, lon: place.lon, kind, radius_m: RADIUS_M, limit: 20,
      open_now: when === 'now' ? 'true' : undefined,
      open_at: atMs !== null ? rfc3339(atMs) : undefined,
      amenity: FILTER_AMENITIES[kind] ? query.getAll('amenity') : undefined,
    },
  });
  return { body, atMs };
}

export async function render(view, params, query) {
  const list = await communities();
  const elder = settings().elder;
  const top = h('div', { class: 'near-top' });
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-title' });
  view.classList.add('near');
  view.append(h('h1', {}, t('near.heading')), top, results);
  let map = null;
  let searchId = 0;
  let current = query;

  const openForm = (focus) => {
    top.replaceChildren(form(current, list, search));
    if (focus) top.querySelector('#kind').focus();
  };

  // Shows the results of `q`; `moved`: after 查找 on this page (focus and scroll follow).
  const show = async (q, moved) => {
    const id = ++searchId;
    const place = placeOf(q, list);
    if (!place) {
      openForm(false);
      results.replaceChildren(h('p', { class: 'note' }, t('near.pick_place')));
      return;
    }
    results.setAttribute('aria-busy', 'true');
    const { body, atMs } = await nearby(q, place);
    if (id !== searchId) return;
    results.removeAttribute('aria-busy');
    const heading = h('h2', { id: 'results-title', tabindex: '-1' }, t('near.results'));
    const from = h('span', { class: 'note' }, place.community ? t('near.from_community', { name: place.community.name }) : t('near.from_you'));
    map?.remove();
    map = null;
    if (q.get('edit')) openForm(false); else top.replaceChildren(summary(q, place, () => openForm(true)));
    if (!body.items.length) {
      const none = body.none_open ? noneOpen(body.none_open, atMs) : [];
      results.replaceChildren(heading, h('p', { role: 'status' }, t('near.empty', { km: RADIUS_M / 1000 })), ...none);
    } else {
      const mapBox = !elder && h('div', { class: 'map', id: 'near-map', 'aria-label': t('near.map_label') });
      results.replaceChildren(heading,
        h('p', { role: 'status' }, t('near.count', { n: body.items.length }), ' · ', from),
        h('div', { class: 'results-body' }, resultList(body.items, atMs), mapBox));
      if (mapBox) {
        const points = body.items.map((f) => ({ lat: f.lat, lon: f.lon, label: f.name, href: `#/f/${f.id}` }));
        if (!place.community) points.push({ lat: place.lat, lon: place.lon, you: true });
        drawMap(mapBox, points).then((m) => { if (id === searchId) map = m; else m.remove(); }).catch(() => {});
      }
    }
    if (moved) {
      // The form folded away above the results: bring the summary to the top
      // of the screen if it went above it, else leave the page where it is.
      if (top.getBoundingClientRect().top < 0) top.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    }
  };

  // 查找: the new search goes into the history (back returns to the last
  // one) without re-rendering the page.
  async function search(q) {
    current = q;
    history.pushState(null, '', '#/near?' + q.toString());
    try {
      await show(q, true);
    } catch (e) {
      results.removeAttribute('aria-busy');
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('common.error', { detail: e.message })));
    }
  }

  await show(current, false);
  return () => { searchId += 1; map?.remove(); };
}
