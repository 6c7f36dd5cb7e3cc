// Near me: facilities of one kind nearest a place (the browser's location or
// a chosen community), open now / open at a time / any time, with amenity
// filters; a map and a list. The search lives in the hash
// (#/near?kind=toilet&community=3&when=at&at=2026-11-26T21:00&amenity=…), so
// back from a facility returns to the same results.
// Elder mode: one task per screen — the search form, or the results.
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { FILTER_AMENITIES, KINDS } from '../js/kinds.js';
import { distance, freeSpacesText, fromLocalInput, rfc3339, stateText, toLocalInput } from '../js/format.js';
import { drawMap } from '../js/map.js';
import { settings } from '../js/settings.js';
import { allDayLabel, directions, phoneLink } from '../js/places.js';

const RADIUS_M = 10000;

function go(query) { location.hash = '#/near?' + query.toString(); }

async function communities() {
  try { return (await api('/areas/communities')).items; } catch { return []; }
}

function radio(name, value, checked, label) {
  const id = `${name}-${value}`;
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }), h('label', { for: id }, label));
}

function form(query, list) {
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
    go(q);
  });
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) { note.textContent = t('near.location_denied'); return; }
    note.textContent = t('near.locating');
    navigator.geolocation.getCurrentPosition((pos) => {
      const q = read();
      q.delete('community');
      q.set('lat', pos.coords.latitude.toFixed(6));
      q.set('lon', pos.coords.longitude.toFixed(6));
      go(q);
    }, () => { note.textContent = t('near.location_denied'); }, { timeout: 10000, maximumAge: 60000 });
  });
  return f;
}

function item(f, atMs) {
  const spaces = freeSpacesText(f);
  return h('li', { class: 'result' },
    h('a', { href: `#/f/${f.id}`, class: 'result-name' }, f.name),
    h('p', { class: 'result-meta' },
      h('span', { class: 'distance' }, distance(f.distance_m)), ' · ',
      h('span', { class: `state state-${f.state}` }, stateText(f, atMs)),
      allDayLabel(f) && [' · ', allDayLabel(f)]),
    spaces && h('p', { class: 'spaces' }, spaces),
    h('p', { class: 'address' }, f.address),
    f.contact_phone && h('p', { class: 'result-phone' }, t('facility.phone'), ' ', phoneLink(f.contact_phone)),
    directions(f));
}

export async function render(view, params, query) {
  const list = await communities();
  const elder = settings().elder;
  const community = list.find((c) => String(c.id) === query.get('community'));
  const place = community ? { lat: community.lat, lon: community.lon }
    : query.get('lat') ? { lat: Number(query.get('lat')), lon: Number(query.get('lon')) } : null;
  view.classList.add('near');
  view.append(h('h1', {}, t('near.heading')));
  const showForm = !elder || !place || query.get('edit');
  if (showForm) view.append(form(query, list));
  if (!place) {
    view.append(h('p', { class: 'note' }, t('near.pick_place')));
    return;
  }
  if (!showForm) {
    const q = new URLSearchParams(query);
    q.set('edit', '1');
    view.append(h('p', {}, h('a', { class: 'button secondary', href: '#/near?' + q }, t('near.change'))));
  }
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
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-title' },
    h('h2', { id: 'results-title' }, t('near.results')),
    h('p', { class: 'note' }, community ? t('near.from_community', { name: community.name }) : t('near.from_you')));
  view.append(results);
  if (!body.items.length) {
    results.append(h('p', { role: 'status' }, t('near.empty', { km: RADIUS_M / 1000 })));
    return;
  }
  results.append(h('p', { role: 'status' }, t('near.count', { n: body.items.length })));
  const mapBox = h('div', { class: 'map', id: 'near-map', 'aria-label': t('near.map_label') });
  results.append(h('div', { class: 'results-body' }, !elder && mapBox,
    h('ol', { class: 'result-list' }, body.items.map((f) => item(f, atMs)))));
  if (!elder) {
    const points = body.items.map((f) => ({ lat: f.lat, lon: f.lon, label: f.name, href: `#/f/${f.id}` }));
    if (!community) points.push({ ...place, you: true });
    const map = await drawMap(mapBox, points).catch(() => null);
    return () => map?.remove();
  }
}
