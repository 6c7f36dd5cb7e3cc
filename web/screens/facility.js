// A facility: where it is, its state now, its hours in words and the next
// seven days, amenities, and by kind the free spaces (parking), notices
// (love stations), representatives' receptions (liaison stations) and a
// canteen's menu (js/canteen_menu.js).
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { lang, t } from '../js/i18n.js';
import { freeSpacesText, hoursInWords, stateText, when } from '../js/format.js';
import { evaluateWeek, weekList } from '../js/week.js';
import { drawMap } from '../js/map.js';
import { settings } from '../js/settings.js';
import { allDayLabel, directions, phoneLink } from '../js/places.js';
import { loadMenu, menuSection } from '../js/canteen_menu.js';

function amenityValue(key, value) {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key === 'sections') return t('sections.' + value);
  if (key === 'fee_fen_per_hour') return value === 0 ? t('fee.free') : t('fee.per_hour', { yuan: (value / 100).toFixed(2) });
  if (key === 'max_stay_minutes') return value === null ? t('common.none') : t('stay.minutes', { n: value });
  if (value === '' || value === null) return t('common.none');
  return String(value);
}

function section(id, title, ...content) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

// Read-aloud (适老化): the page's main text through the browser's speech; a
// part whose words differ from its text says them in data-speak (the menu).
function readAloud(view) {
  return h('button', { type: 'button', class: 'secondary', id: 'read-aloud', onclick: () => {
    speechSynthesis.cancel();
    const text = [...view.querySelectorAll('h1, .kind, #state-now, #free-spaces, .facts dd, .hours-words li, .big, [data-speak]')]
      .map((el) => el.dataset.speak ?? el.textContent).join('。');
    const speech = new SpeechSynthesisUtterance(text);
    speech.lang = lang();
    speech.rate = 0.9;
    speechSynthesis.speak(speech);
  } }, t('facility.read_aloud'));
}

export async function render(view, { id }) {
  const f = await api(`/facilities/${encodeURIComponent(id)}`);
  const menuAnswer = f.kind === 'canteen' ? loadMenu(f.id).then((m) => ({ m }), (error) => ({ error })) : null;
  const [week, now] = f.opening_hours
    ? await Promise.all([evaluateWeek(f.opening_hours), api('/hours/evaluate', { query: { expr: f.opening_hours } })])
      .catch(() => [null, null])
    : [null, null];
  const menu = await menuAnswer;
  view.append(h('div', { class: 'facility-head' },
    h('button', { type: 'button', class: 'back secondary', onclick: () => history.back() }, '‹ ' + t('common.back')),
    h('h1', {}, f.name),
    h('p', { class: 'kind' }, t('kind.' + f.kind)),
    f.status === 'suspended' && h('p', { class: 'bad', id: 'suspended' }, t('facility.suspended'),
      f.suspended_reason && `：${f.suspended_reason}`,
      f.suspended_until && ` · ${t('facility.suspended_until', { time: when(f.suspended_until) })}`),
    // While suspended the line above says it is closed; the hours would contradict it.
    now && f.status !== 'suspended' && h('p', { class: `state big state-${now.state}`, id: 'state-now' }, stateText(now)),
    allDayLabel(f) && h('p', { class: 'big' }, allDayLabel(f)),
    f.kind === 'parking' && h('p', { class: 'spaces big', id: 'free-spaces' }, freeSpacesText(f)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('facility.address')), h('dd', {}, f.address || t('common.none')),
      f.contact_phone && [h('dt', {}, t('facility.phone')), h('dd', {}, phoneLink(f.contact_phone))]),
    directions(f)));

  if ('speechSynthesis' in window) view.append(readAloud(view));
  if (menu) view.append(menuSection(menu.m, menu.error));
  view.append(section('hours-title', t('facility.hours'),
    h('ul', { class: 'hours-words' }, hoursInWords(f.opening_hours).map((line) => h('li', {}, line))),
    week && [h('h3', {}, t('facility.week')), weekList(week, 'week')]));

  if (f.notices?.length) {
    view.append(section('notices-title', t('facility.notices'),
      h('ul', { class: 'notices' }, f.notices.map((n) => h('li', {}, n.text,
        h('span', { class: 'note' }, ` (${when(n.valid_from)} – ${when(n.valid_until)})`))))));
  }
  if ('receptions' in f) {
    const next = f.next_reception;
    view.append(section('receptions-title', t('facility.receptions'),
      h('p', { class: 'big' }, next
        ? t('facility.next_reception', { who: next.representative, when: `${when(next.from)}–${when(next.until).split(' ').pop()}` })
        : t('facility.no_reception')),
      f.receptions.length > 0 && h('ul', {}, f.receptions.map((r) =>
        h('li', {}, `${t('weekday.' + r.weekday)} ${r.from}–${r.until} · ${r.representative}`)))));
  }
  const amenities = Object.entries(f.amenities || {});
  if (amenities.length) {
    view.append(section('amenities-title', t('facility.amenities'),
      h('dl', { class: 'facts amenities' }, amenities.map(([k, v]) =>
        [h('dt', {}, t('amenity.' + k)), h('dd', {}, amenityValue(k, v))]))));
  }
  if (!settings().elder) {
    const box = h('div', { class: 'map small', 'aria-label': t('facility.map') });
    view.append(box);
    const map = await drawMap(box, [{ lat: f.lat, lon: f.lon, label: f.name }]).catch(() => null);
    return () => { map?.remove(); globalThis.speechSynthesis?.cancel(); };
  }
  return () => globalThis.speechSynthesis?.cancel();
}
