// A facility's phone, directions and round-the-clock label, shared by the
// facility page and the near-me list.
//
// Directions open 高德 (AMap) or 百度 (Baidu) maps at the place through their
// web URI schemes, which hand over to the app when it is installed. Both
// take GCJ-02 coordinates (coordinate=gaode / coord_type=gcj02); warmcity
// stores WGS-84, so the point is converted here. Why our own few lines
// rather than the npm package gcoord: gcoord is only a devDependency (the
// tests compare against it), scripts/vendor-web.mjs does not copy it to
// web/vendor/, and the app loads nothing from a CDN. The formulas are the
// ones of src/core/geo.cpp (core::wgs84_to_gcj02, the Krasovsky ellipsoid),
// checked against the same values as src/core/geo_test.cpp: Tiananmen
// (39.9087, 116.3975) → (39.91010349934476, 116.40374357265176), and
// tests/browser/facility_links.test.mjs compares with gcoord 1.0.7.
import { h } from './dom.js';
import { t } from './i18n.js';

const A = 6378245.0;
const EE = 0.006693421622965823;

function transformLat(x, y) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function transformLon(x, y) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

// The box outside which GCJ-02 equals WGS-84 (as core::in_china_bbox and gcoord).
function inChina(lat, lon) {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

// WGS-84 → GCJ-02: { lat, lon } in degrees.
export function wgs84ToGcj02(lat, lon) {
  if (!inChina(lat, lon)) return { lat, lon };
  let dLon = transformLon(lon - 105, lat - 35);
  let dLat = transformLat(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLon = (dLon * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  return { lat: lat + dLat, lon: lon + dLon };
}

// The 高德 and 百度 marker URLs of a place stored in WGS-84.
export function directionsUrls({ lat, lon, name }) {
  const g = wgs84ToGcj02(lat, lon);
  const at = (v) => v.toFixed(6);
  const amap = new URL('https://uri.amap.com/marker');
  amap.search = new URLSearchParams({
    position: `${at(g.lon)},${at(g.lat)}`, name, coordinate: 'gaode', callnative: '1',
  }).toString();
  const baidu = new URL('https://api.map.baidu.com/marker');
  baidu.search = new URLSearchParams({
    location: `${at(g.lat)},${at(g.lon)}`, title: name, content: name, output: 'html',
    coord_type: 'gcj02', src: 'warmcity',
  }).toString();
  return { amap: amap.href, baidu: baidu.href };
}

// The phone as a tel: link (digits and a leading + only in the href).
export function phoneLink(phone) {
  const digits = String(phone).replace(/[^\d+]/g, '');
  return h('a', { href: 'tel:' + digits, class: 'phone' }, phone);
}

// "导航": a labelled group of two links, each opening in a new tab.
export function directions(place) {
  const urls = directionsUrls(place);
  const link = (href, key, cls) => h('a', {
    href, class: 'button secondary ' + cls, target: '_blank', rel: 'noopener noreferrer',
    'aria-label': `${t(key)} ${t('facility.directions')}: ${place.name}`,
  }, t(key));
  return h('p', { class: 'directions', role: 'group', 'aria-label': t('facility.directions') },
    h('span', { class: 'directions-label' }, t('facility.directions')),
    link(urls.amap, 'facility.directions_amap', 'amap'),
    link(urls.baidu, 'facility.directions_baidu', 'baidu'));
}

// Whether a facility's hours are exactly "24/7".
export const isAllDay = (f) => f.opening_hours === '24/7';

// "24小时开放", or nothing.
export function allDayLabel(f) {
  return isAllDay(f) ? h('span', { class: 'all-day' }, t('facility.open_24h')) : null;
}
