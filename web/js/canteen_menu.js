// A canteen's menu on its page (#/f/{id}, issue 17): today's meals — each
// dish with its price, portion, tags and allergens in words — and the next
// seven days, from GET /api/v1/canteens/{id}/menu?from=&days=7 (public).
// Today's menu carries what the page's read-aloud button says of it
// (data-speak: "午餐：西红柿炒鸡蛋，八元；…"). The sample log's form takes
// its dishes from the same answer (menuDishes).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { dayLabel, districtDate, price, priceSpoken } from './format.js';

export const MEALS = ['breakfast', 'lunch', 'dinner'];
const DAYS = 7;

// A closed-list code in words (dish.tag.*, dish.allergen.*); a code this
// page does not know yet is shown as the server gave it.
function word(prefix, code) {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

// The menu of `days` days from today (district), or null when this canteen
// has none at all (the route answers 404 only for a facility that is not a
// canteen). Other failures are thrown.
export async function loadMenu(id, { from = districtDate(), days = DAYS } = {}) {
  try {
    return await api(`/canteens/${encodeURIComponent(id)}/menu`, { query: { from, days } });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// The meals of `date` in the answer, in meal order, only those with dishes.
export function mealsOn(menu, date) {
  const day = menu?.days?.find((d) => d.date === date);
  return (day?.meals || []).filter((m) => m.items?.length)
    .sort((a, b) => MEALS.indexOf(a.meal) - MEALS.indexOf(b.meal));
}

// The dishes served at `meal` on `date` ([{dish_id, name}]), for the sample log.
export function menuDishes(menu, date, meal) {
  return mealsOn(menu, date).filter((m) => m.meal === meal).flatMap((m) => m.items);
}

function dishItem(item) {
  const notes = [
    item.portion && t('dish.portion', { portion: item.portion }),
    item.kind === 'set' && item.contents?.length && t('dish.contents', { list: item.contents.join('、') }),
  ].filter(Boolean);
  return h('li', { class: 'dish', dataset: { dish: item.dish_id } },
    h('p', { class: 'dish-head' },
      h('span', { class: 'dish-name' }, item.name),
      item.kind === 'set' && h('span', { class: 'badge' }, t('dish.set')),
      h('span', { class: 'dish-price' }, price(item.price_fen))),
    notes.length > 0 && h('p', { class: 'note' }, notes.join(' · ')),
    item.tags?.length > 0 && h('p', { class: 'dish-tags' }, item.tags.map((x) => word('dish.tag', x)).join(' · ')),
    item.allergens?.length > 0 && h('p', { class: 'dish-allergens' },
      t('dish.allergens', { list: item.allergens.map((x) => word('dish.allergen', x)).join('、') })));
}

// Today's meals as read aloud: "今日菜单。早餐：小米南瓜粥，二元。午餐：…".
export function menuSpoken(meals) {
  if (!meals.length) return t('menu.none');
  return [t('menu.today_heading'), ...meals.map((m) => t('menu.say_meal', {
    meal: t('meal.' + m.meal),
    items: m.items.map((i) => t('menu.say_item', { name: i.name, price: priceSpoken(i.price_fen) })).join(t('menu.say_items_sep')),
  }))].join(t('menu.say_meals_sep'));
}

function todayPanel(menu, today) {
  const meals = mealsOn(menu, today);
  return h('div', { id: 'menu-today', 'data-speak': menuSpoken(meals) },
    h('h3', {}, t('menu.today_heading'), ' · ', dayLabel(Date.parse(today + 'T12:00:00+08:00'))),
    meals.length
      ? meals.map((m) => h('section', { class: 'meal', dataset: { meal: m.meal }, 'aria-label': t('meal.' + m.meal) },
        h('h4', {}, t('meal.' + m.meal)),
        h('ul', { class: 'dishes' }, m.items.map(dishItem))))
      : h('p', { class: 'menu-none', id: 'menu-none' }, t('menu.none')));
}

// The seven days from today, a line per meal: "午餐：西红柿炒鸡蛋 ¥8.00、…".
function weekPanel(menu, today) {
  const start = Date.parse(today + 'T12:00:00+08:00');
  return h('ul', { id: 'menu-week', class: 'menu-week' }, Array.from({ length: DAYS }, (_, i) => {
    const ms = start + i * 86400e3;
    const meals = mealsOn(menu, districtDate(ms));
    return h('li', { dataset: { date: districtDate(ms) } }, h('h3', {}, dayLabel(ms)),
      meals.length
        ? h('ul', {}, meals.map((m) => h('li', {}, h('strong', {}, t('meal.' + m.meal), '：'),
          m.items.map((x) => `${x.name} ${price(x.price_fen)}`).join('、'))))
        : h('p', { class: 'note' }, t('menu.day_none')));
  }));
}

// The menu section of a canteen's page: today, or the week by a switch.
export function menuSection(menu, error = null, today = districtDate()) {
  const section = h('section', { class: 'card canteen-menu', id: 'menu', 'aria-labelledby': 'menu-title' },
    h('h2', { id: 'menu-title' }, t('menu.heading')));
  if (error) {
    section.append(h('p', { class: 'error', id: 'menu-error' }, t('menu.unavailable', { detail: error.message })));
    return section;
  }
  const panels = { today: todayPanel(menu, today), week: weekPanel(menu, today) };
  panels.week.hidden = true;
  const buttons = Object.keys(panels).map((name) => h('button', {
    type: 'button', class: 'secondary', id: `menu-show-${name}`, 'aria-pressed': String(name === 'today'),
    onclick: () => {
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === buttons[name === 'today' ? 0 : 1]));
      for (const [n, p] of Object.entries(panels)) p.hidden = n !== name;
    },
  }, t('menu.' + name)));
  section.append(h('div', { class: 'menu-views', role: 'group', 'aria-label': t('menu.views') }, buttons),
    panels.today, panels.week);
  return section;
}
