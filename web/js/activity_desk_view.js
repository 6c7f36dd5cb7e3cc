// What the organisers' activity screens share (issue 18, service 8;
// screens/activity_desk.js, activity_edit.js, activity_door.js): the API's
// answers read as lists, a refusal's 422 as field errors, its 409 code, the
// clashing dates said in words with the button that skips them, a date's
// time and places in words, and the activity's form (create and edit).
// Data only ever as text (dom.js h()).
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox, radioGroup, radioValue } from './care_form.js';
import { activityValues, clashLines, KINDS, REPEATS, repeatWords, taken } from './activity_desk_model.js';

// A list answer as its items: `[…]` or `{items: […]}`.
export const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

// The code of a 409 (or other refusal): `error` as docs/activities.md names it, or `code`.
export const codeOf = (err) => (err instanceof ApiError ? err.problem.error || err.problem.code || '' : '');

// A 422 as [{field, message}]: `errors[]`, or the one `field` it names.
// The catalogue's words for a refused field (the server's own words are English).
const DESK_FIELD_WORDS = {
  title: 'actdesk.err.title', name: 'actdesk.err.name', phone: 'actdesk.err.phone', capacity: 'actdesk.err.capacity',
  date: 'actdesk.err.date', first_date: 'actdesk.err.date', until: 'actdesk.err.date', note: 'actdesk.err.note',
};
export function fieldErrors(err) {
  const p = err.problem || {};
  const list = Array.isArray(p.errors) && p.errors.length ? p.errors
    : [{ field: p.field || '', message: p.detail || p.message || p.error || err.message }];
  return list.map((x) => {
    const name = String(x.field || '').replace(/^.*\./, '').replace(/\[\d+\]$/, '');
    return DESK_FIELD_WORDS[name] ? { ...x, message: t(DESK_FIELD_WORDS[name]) } : x;
  });
}

// A refusal or a failure in words: the server's reason, or no connection.
export const refusedText = (err) => (err instanceof ApiError ? t('actdesk.refused', { detail: err.message }) : t('common.offline'));

// "12月7日 08:00–09:00" of a date: its day, start and end (district time).
export function whenText(o) {
  const start = String(o.starts_at || '').slice(11, 16);
  const end = String(o.ends_at || '').slice(11, 16);
  return t('actdesk.when', { date: o.date, start, end });
}

export const placesText = (o) => t('actdesk.places', { taken: taken(o), capacity: o.capacity });

export const repeatText = (a) => { const r = repeatWords(a); return t(r.key, r.params); };

// The 409's clashing dates, each in words (场馆未开放 / 与「X」冲突), and,
// when `skip` is given, a button that sends again skipping them.
export function clashBox(id, clashes, skip, skipLabel) {
  const button = skip ? h('button', { type: 'button', id: `${id}-skip` }, skipLabel) : null;
  button?.addEventListener('click', skip);
  return h('div', { id, class: 'card', role: 'alert' },
    h('p', { class: 'error' }, t('actdesk.clash_heading', { n: clashes.length })),
    h('ul', { class: 'error', id: `${id}-list` }, clashLines(clashes).map((c) => h('li', { dataset: { date: c.date } }, t(c.key, c.params)))),
    button && h('p', { class: 'buttons' }, button));
}

// The capacity refused below the places already held on these dates.
export function belowTakenText(err) {
  const dates = (err.problem?.dates || []).map((d) => (typeof d === 'string' ? d : d.date)).join('、');
  return t('actdesk.capacity_below_taken', { dates });
}

// The fields of an activity as controls (values from `a`, or empty).
// `series`: the edit of a series (no organiser, kind, community, first date or repeat).
export function activityFields(a, { organisers, venues, communities, series = false }) {
  const v = activityValues(a);
  const text = (value, attrs = {}) => h('input', { type: 'text', value, ...attrs });
  const num = (value, attrs = {}) => h('input', { type: 'text', inputmode: 'numeric', value, ...attrs });
  const f = {
    title: text(v.title, { maxlength: 60 }),
    description: h('textarea', { rows: 3, maxlength: 2000 }, v.description),
    venue_id: h('select', {}, h('option', { value: '' }, t('actdesk.venue_pick')),
      venues.map((x) => h('option', { value: String(x.id), selected: String(x.id) === v.venue_id }, x.name))),
    address: text(v.address, { maxlength: 200 }),
    capacity: num(v.capacity), age_min: num(v.age_min), age_max: num(v.age_max),
    offer_window_minutes: num(v.offer_window_minutes),
    start_time: h('input', { type: 'time', value: v.start_time }),
    duration_minutes: num(v.duration_minutes), end_time: h('input', { type: 'time', value: v.end_time }),
  };
  if (!series) {
    f.kind = h('select', {}, KINDS.map((k) => h('option', { value: k, selected: k === v.kind }, t('actdesk.kind.' + k))));
    f.community_id = h('select', {}, h('option', { value: '' }, t('actdesk.community_pick')),
      communities.map((c) => h('option', { value: String(c.id), selected: String(c.id) === v.community_id }, c.name)));
    f.first_date = h('input', { type: 'date', value: v.first_date });
    f.repeat_until = h('input', { type: 'date', value: v.repeat_until });
    f.repeat_count = num(v.repeat_count);
    if (organisers && organisers.length > 1) {
      f.organiser_org_id = h('select', {}, h('option', { value: '' }, t('actdesk.organiser_pick')),
        organisers.map((o) => h('option', { value: String(o.id) }, o.name)));
    }
  }
  const pre = series ? 'act-edit' : 'act';
  const box = (key, field, hint) => fieldBox(`${pre}-${key.replace(/_/g, '-')}`, field, t('actdesk.f.' + key), f[key], hint);
  const place = radioGroup(`${pre}-place`, 'place', t('actdesk.f.place'), ['venue', 'address'], (x) => t('actdesk.place.' + x), v.place);
  const lengthBy = radioGroup(`${pre}-length-by`, 'length_by', t('actdesk.f.length_by'), ['minutes', 'end'], (x) => t('actdesk.length_by.' + x), v.length_by);
  const repeat = series ? null : radioGroup(`${pre}-repeat`, 'repeat', t('actdesk.f.repeat'), REPEATS, (x) => t('actdesk.repeat.' + x), v.repeat);
  const repeatEnd = series ? null : radioGroup(`${pre}-repeat-end`, 'repeat_end', t('actdesk.f.repeat_end'), ['until', 'count'], (x) => t('actdesk.repeat_end.' + x), v.repeat_end);
  const venueBox = box('venue_id', 'venue_id');
  const addressBox = box('address', 'address');
  const minutesBox = box('duration_minutes', 'duration_minutes', t('actdesk.duration_hint'));
  const endBox = box('end_time', 'end_time');
  const untilBox = series ? null : box('repeat_until', 'repeat_until');
  const countBox = series ? null : box('repeat_count', 'repeat_count', t('actdesk.count_hint'));
  const repeatBox = series ? null : h('div', {}, repeatEnd, untilBox, countBox);
  const show = () => {
    venueBox.hidden = radioValue(place) !== 'venue';
    addressBox.hidden = radioValue(place) !== 'address';
    minutesBox.hidden = radioValue(lengthBy) !== 'minutes';
    endBox.hidden = radioValue(lengthBy) !== 'end';
    // The length's errors go to the box shown (the end time turned into duration_minutes).
    minutesBox.dataset.for = minutesBox.hidden ? 'duration_minutes (minutes)' : 'duration_minutes';
    endBox.dataset.for = endBox.hidden ? 'end_time' : 'duration_minutes';
    if (repeat) {
      repeatBox.hidden = radioValue(repeat) === 'none';
      untilBox.hidden = radioValue(repeatEnd) !== 'until';
      countBox.hidden = radioValue(repeatEnd) !== 'count';
    }
  };
  for (const g of [place, lengthBy, repeat, repeatEnd]) g?.addEventListener('change', show);
  const nodes = [
    f.organiser_org_id && box('organiser_org_id', 'organiser_org_id'),
    f.kind && box('kind', 'kind'), box('title', 'title'), box('description', 'description'),
    place, venueBox, addressBox, f.community_id && box('community_id', 'community_id', t('actdesk.community_hint')),
    box('capacity', 'capacity', t('actdesk.capacity_hint')), box('age_min', 'age_min'), box('age_max', 'age_max', t('actdesk.age_hint')),
    box('offer_window_minutes', 'offer_window_minutes', t('actdesk.offer_hint')),
    f.first_date && box('first_date', 'first_date'), box('start_time', 'start_time'), lengthBy, minutesBox, endBox,
    repeat, repeatBox,
  ];
  show();
  // The form's values as activity_desk_model.js reads them.
  const values = () => ({
    ...v, ...Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])),
    place: radioValue(place), length_by: radioValue(lengthBy),
    repeat: repeat ? radioValue(repeat) : v.repeat, repeat_end: repeatEnd ? radioValue(repeatEnd) : v.repeat_end,
  });
  return { nodes, values, fields: f };
}

// A heading line's facts of an activity: organiser, place, time, repeat, capacity.
export function activityFacts(a) {
  const where = a.venue ? a.venue.name : a.address;
  return h('dl', { class: 'facts' },
    h('dt', {}, t('actdesk.f.organiser_org_id')), h('dd', {}, a.organiser?.name ?? ''),
    h('dt', {}, t('actdesk.f.kind')), h('dd', {}, t('actdesk.kind.' + a.kind)),
    h('dt', {}, t('actdesk.f.place')), h('dd', { class: 'act-where' }, where || ''),
    a.community && [h('dt', {}, t('actdesk.f.community_id')), h('dd', {}, a.community.name)],
    h('dt', {}, t('actdesk.f.time')), h('dd', {}, t('actdesk.time_of', { day: a.first_date, start: a.start_time, minutes: a.duration_minutes }),
      ' · ', repeatText(a)),
    h('dt', {}, t('actdesk.f.capacity')), h('dd', {}, String(a.capacity)),
    (a.age_min !== null && a.age_min !== undefined) || (a.age_max !== null && a.age_max !== undefined)
      ? [h('dt', {}, t('actdesk.ages')), h('dd', {}, t('actdesk.ages_of', { min: a.age_min ?? 0, max: a.age_max ?? 150 }))] : null);
}
