// The delivery screen's pure parts (issue 17, screens/canteen_deliveries.js):
// the route being edited (a stop moved up or down, the elder ids PUT
// …/delivery-route/{meal} takes) and a stop's state. No DOM, no fetch.

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
