// The delivery screen's pure parts (issue 17, screens/canteen_deliveries.js):
// the route being edited (a stop moved up or down, set by taps on the map, or
// suggested nearest-first; the elder ids PUT …/delivery-route/{meal} takes)
// and a stop's state. No DOM, no fetch.

// `ids` with the one at `index` moved by `delta` (−1 up, +1 down); the
// same order when it would leave the list.
export function moveStop(ids, index, delta) {
  const to = index + delta;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

// The route as the stops give it (route order, each elder once): the
// elder ids to save.
export function routeOf(stops) {
  const seen = new Set();
  const ids = [];
  for (const s of stops) {
    const id = s.elder?.elder_id;
    if (id && !seen.has(id)) { seen.add(id); ids.push(id); }
  }
  return ids;
}

// Is a stop still to be done (neither handed over nor found not at home)?
export const open = (stop) => stop.status === 'booked';

// "1 份 红烧肉、2 份 米饭" for a stop's lines, by `fmt` (t() of a line).
export function dishesText(lines, fmt) {
  return (lines || []).map((l) => fmt(l)).join('、');
}

// The route set on the map (screens/canteen_deliveries.js, its map editor).
const placed = (p) => p != null && Number.isFinite(p.lat) && Number.isFinite(p.lon);

// Metres between two {lat, lon} (haversine on a sphere of the Earth's mean radius).
export function metres(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(s)));
}

// A suggested route from `start` (the canteen, {lat, lon}): from where one
// is, always the nearest stop not yet taken next. `stops` ([{id, lat, lon}])
// in their current order; of stops as near as each other the earlier one
// first; stops without coordinates after the others, in their current
// order. Without a start the first stop with coordinates begins. → ids.
export function nearestOrder(start, stops) {
  const left = (stops || []).filter(placed);
  const order = [];
  let here = placed(start) ? start : left[0];
  while (left.length) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (metres(here, left[i]) < metres(here, left[best])) best = i;
    [here] = left.splice(best, 1);
    order.push(here.id);
  }
  return [...order, ...(stops || []).filter((s) => !placed(s)).map((s) => s.id)];
}

// A tap on the map: `id` joins the stops tapped so far (`tapped`, in tap
// order) at the end; one tapped already is taken back out, with those
// tapped after it. → the new taps.
export function tapStop(tapped, id) {
  const at = tapped.indexOf(id);
  return at >= 0 ? tapped.slice(0, at) : [...tapped, id];
}

// The route the taps make: the tapped stops of `ids` in tap order, then the
// others in their order in `ids` (a tapped id not in `ids` is ignored).
export function tapOrder(ids, tapped) {
  const first = tapped.filter((id, i) => ids.includes(id) && tapped.indexOf(id) === i);
  return [...first, ...ids.filter((id) => !first.includes(id))];
}
