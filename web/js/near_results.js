// The near-me results as DOM (screens/near.js asks, this draws): the list,
// nearest first, and — when an open-only search found nothing — when the
// nearest place opens and the open places of another kind that serve the same
// need (the API's none_open: a love station with a toilet for a toilet).
// Text only: names and addresses are text nodes (dom.js h()).
import { h } from './dom.js';
import { t } from './i18n.js';
import { clock, dayLabel, distance, freeSpacesText, stateText, when } from './format.js';
import { allDayLabel, directions, phoneLink } from './places.js';

// One facility of the answer; `offers` (a substitute's amenity) is shown as a tag.
export function resultItem(f, atMs) {
  const spaces = freeSpacesText(f);
  return h('li', { class: 'result' },
    h('a', { href: `#/f/${f.id}`, class: 'result-name' }, f.name),
    h('p', { class: 'result-meta' },
      h('span', { class: 'distance' }, distance(f.distance_m)), ' · ',
      h('span', { class: `state state-${f.state}` }, stateText(f, atMs)),
      allDayLabel(f) && [' · ', allDayLabel(f)],
      f.offers && [' · ', h('span', { class: 'offers' }, t('near.offers', { amenity: t('amenity.' + f.offers) }))]),
    spaces && h('p', { class: 'spaces' }, spaces),
    h('p', { class: 'address' }, f.address),
    f.contact_phone && h('p', { class: 'result-phone' }, t('facility.phone'), ' ', phoneLink(f.contact_phone)),
    directions(f));
}

export function resultList(items, atMs) {
  return h('ol', { class: 'result-list' }, items.map((f) => resultItem(f, atMs)));
}

// "明天 08:00" for now, "周三 01-14 08:00" for a chosen time.
function opensText(iso, atMs) {
  const ms = Date.parse(iso);
  return atMs === null ? when(iso) : t('time.date', { date: dayLabel(ms), time: clock(ms) });
}

// What an empty open-only answer offers (`none`: the API's none_open):
// "最近的一处明天 08:00 开放：XX（120 米）" — when first, so a phone shows it on
// the first screen — and a list of open substitutes.
export function noneOpen(none, atMs) {
  const parts = [];
  if (none.next_open) {
    const f = none.next_open;
    const words = t('near.next_open', { distance: distance(f.distance_m) }).split(/(\{name\}|\{opens\})/);
    parts.push(h('p', { class: 'next-open' }, words.map((w) => {
      if (w === '{name}') return h('a', { href: `#/f/${f.id}`, class: 'result-name' }, f.name);
      if (w === '{opens}') return h('strong', { class: 'opens' }, t('near.opens_at', { time: opensText(f.next_change, atMs) }));
      return w;
    })));
  }
  if (none.instead?.length) {
    const first = none.instead[0];
    parts.push(h('h3', { id: 'instead-title' },
      t('near.instead', { kind: t('kind.' + first.kind), amenity: t('amenity.' + first.offers) })));
    parts.push(h('ol', { class: 'result-list', 'aria-labelledby': 'instead-title' },
      none.instead.map((f) => resultItem(f, atMs))));
  }
  return parts;
}
