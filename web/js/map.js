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
  const fit = () => {
    if (bounds.length === 1) map.setView(bounds[0], 16);
    else if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  };
  fit();
  // A rotated phone or a resized window: the map takes its new size and refits.
  const resized = new ResizeObserver(() => { map.invalidateSize(); fit(); });
  resized.observe(container);
  map.on('unload', () => resized.disconnect());
  return map;
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
