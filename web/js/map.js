// A Leaflet map with the server's tile layer (GET /api/v1/web-config) or,
// when none is configured, no tiles at all: the markers on a plain
// background still show where things are relative to each other and to you.
// Leaflet puts a string tooltip or popup in with innerHTML, so labels (names
// that keepers and admins type) are always given to it as text nodes.
import { api } from './api.js';
import { leaflet } from './vendor.js';
import { t } from './i18n.js';

// A tooltip's content: `label` as text, never parsed as HTML.
const text = (label) => document.createTextNode(String(label ?? ''));

let configPromise = null;
const webConfig = () => (configPromise ??= api('/web-config').catch(() => ({ tile_url: null })));

// A Leaflet map in `container` with the configured tiles, or a plain grid.
async function baseMap(container) {
  const [L, config] = await Promise.all([leaflet(), webConfig()]);
  container.setAttribute('role', 'region');
  const map = L.map(container, { attributionControl: Boolean(config.tile_url) });
  if (config.tile_url) {
    L.tileLayer(config.tile_url, { maxZoom: 19, attribution: config.tile_attribution || '' }).addTo(map);
  } else {
    container.classList.add('no-tiles');
  }
  return { L, map };
}

// points: [{lat, lon, label, href, you}] — `you` draws the visitor's position.
export async function drawMap(container, points) {
  const { L, map } = await baseMap(container);
  const bounds = [];
  for (const p of points) {
    const marker = L.circleMarker([p.lat, p.lon], p.you
      ? { radius: 9, color: '#0b3d91', fillColor: '#1a56db', fillOpacity: 1, weight: 3 }
      : { radius: 8, color: '#7a1712', fillColor: '#b3261e', fillOpacity: 0.9, weight: 2 });
    marker.bindTooltip(text(p.you ? t('near.you') : p.label), { permanent: Boolean(p.you) });
    if (p.href) marker.on('click', () => { location.hash = p.href; });
    marker.addTo(map);
    bounds.push([p.lat, p.lon]);
  }
  keepFitted(map, container, bounds, { padding: 24, maxZoom: 17 });
  return map;
}

// `map` shows all of `bounds` ([[lat, lon]]) with `padding` px around them,
// zoomed in to `maxZoom` at most, now and whenever `container` changes size
// (a rotated phone, a resized window, a closed section opened): the map
// takes its new size and refits.
function keepFitted(map, container, bounds, { padding, maxZoom }) {
  const fit = () => {
    if (bounds.length === 1) map.setView(bounds[0], 16);
    else if (bounds.length) map.fitBounds(bounds, { padding: [padding, padding], maxZoom });
  };
  fit();
  const resized = new ResizeObserver(() => { map.invalidateSize(); fit(); });
  resized.observe(container);
  map.on('unload', () => resized.disconnect());
}

// A map to place one pin: `landmarks` ({lat, lon, label}, e.g. the
// communities) are drawn as small grey dots so the map says where one is even
// without tiles; a click (or set()) moves the pin and calls onPick(lat, lon).
export async function pinMap(container, landmarks, onPick) {
  const { L, map } = await baseMap(container);
  const bounds = [];
  for (const p of landmarks) {
    L.circleMarker([p.lat, p.lon], { radius: 5, color: '#595959', fillColor: '#8c8c8c', fillOpacity: 0.8, weight: 1 })
      .bindTooltip(text(p.label)).addTo(map);
    bounds.push([p.lat, p.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [16, 16] }); else map.setView([37.52, 111.14], 13);
  let pin = null;
  const set = (lat, lon, pan = true) => {
    if (!pin) {
      pin = L.circleMarker([lat, lon], { radius: 10, color: '#7a1712', fillColor: '#b3261e', fillOpacity: 1, weight: 3 })
        .bindTooltip(text(t('appeal.pin_here')), { permanent: true }).addTo(map);
    } else {
      pin.setLatLng([lat, lon]);
    }
    if (pan) map.setView([lat, lon], Math.max(map.getZoom(), 16));
  };
  map.on('click', (e) => { set(e.latlng.lat, e.latlng.lng, false); onPick(e.latlng.lat, e.latlng.lng); });
  const resized = new ResizeObserver(() => map.invalidateSize());
  resized.observe(container);
  map.on('unload', () => resized.disconnect());
  return { map, set };
}

// A delivery route (screens/canteen_deliveries.js): `start` ({lat, lon,
// label}: the canteen) as 餐, each of `stops` ({id, lat, lon, label}; those
// without coordinates left off) as a round marker numbered by its place in
// the route, and a line start → 1 → 2 …. Labels go to Leaflet as text
// nodes, the numbers as text in an element built here. A tap on a marker,
// or Enter or space on one (each is a button in the tab order while
// `picking`), calls onPick(id). show(ids, picked, picking) numbers the
// markers in the order `ids`, marks those in `picked` as set (aria-pressed
// while picking) and draws the line again. The markers are 44 px across, 60
// in the elder mode.
export async function routeMap(container, { start, stops, onPick }) {
  const { L, map } = await baseMap(container);
  const size = document.documentElement.classList.contains('elder') ? 60 : 44;
  const badge = (content, cls) => {
    const el = document.createElement('span');
    el.className = cls;
    el.append(text(content));
    return el;
  };
  const icon = (content, cls) => L.divIcon({ html: badge(content, cls), className: 'route-marker', iconSize: [size, size] });
  const bounds = [];
  const here = (p) => p && Number.isFinite(p.lat) && Number.isFinite(p.lon);
  if (here(start)) {
    L.marker([start.lat, start.lon], { icon: icon(t('deliveries.map_start'), 'route-start'), keyboard: false, zIndexOffset: 1000 })
      .bindTooltip(text(start.label)).addTo(map);
    bounds.push([start.lat, start.lon]);
  }
  const markers = new Map();
  for (const s of stops.filter(here)) {
    const m = L.marker([s.lat, s.lon], { icon: icon('', 'route-stop'), riseOnHover: true }).bindTooltip(text(s.label)).addTo(map);
    const pick = () => onPick(s.id);
    m.on('click', pick);
    m.on('keypress', (e) => {
      if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') { e.originalEvent.preventDefault(); pick(); }
    });
    markers.set(s.id, { m, s });
    bounds.push([s.lat, s.lon]);
  }
  const line = L.polyline([], { color: '#0b3d91', weight: 3, opacity: 0.7, dashArray: '8 6', interactive: false }).addTo(map);
  // Zoomed in as far as the round fits (in quarter steps), street level at
  // most: neighbours' markers apart enough to tap.
  map.options.zoomSnap = 0.25;
  keepFitted(map, container, bounds, { padding: size / 2 + 8, maxZoom: 18 });
  // The markers are changed in place (not given new icons) and put in route
  // order in the page, so Tab goes 1, 2, 3 …; one with the keyboard's focus
  // keeps it.
  const show = (ids, picked = [], picking = false) => {
    const path = here(start) ? [[start.lat, start.lon]] : [];
    const focused = document.activeElement;
    ids.forEach((id, i) => {
      const one = markers.get(id);
      if (!one) return;
      const el = one.m.getElement();
      const set = picked.includes(id);
      el.firstChild.textContent = String(i + 1);
      el.firstChild.classList.toggle('picked', set);
      el.setAttribute('aria-label', t('deliveries.map_stop', { n: i + 1, name: one.s.label }));
      el.tabIndex = picking ? 0 : -1;
      if (picking) el.setAttribute('aria-pressed', String(set)); else el.removeAttribute('aria-pressed');
      el.dataset.elder = id;
      el.parentNode?.appendChild(el);
      path.push([one.s.lat, one.s.lon]);
    });
    if (focused?.isConnected && document.activeElement !== focused) focused.focus();
    line.setLatLngs(path);
  };
  return { map, show };
}
