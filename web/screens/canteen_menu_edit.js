// #/staff/canteen/{id}/menu?date=YYYY-MM-DD — the day's menu editor for a
// canteen's staff (its keepers, admins; issue 17): per meal, tick the dishes
// served (GET …/dishes, the day's menu from GET …/menu?from=&days=1) and save
// the meal (PUT …/menu/{date}/{meal}: publishes it; a line's own day price is
// kept); add a dish (POST …/dishes: name, dish or 套餐 with its contents,
// price in 元, portion, tags, allergens).
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { districtDate, price } from '../js/format.js';
import { yuanToFen } from '../js/team_money.js';
import { MEALS, loadMenu, mealsOn } from '../js/canteen_menu.js';
import { fieldBox, formErrors } from '../js/care_form.js';

const TAGS = ['soft', 'low_salt', 'low_sugar', 'boneless', 'vegetarian', 'halal'];
const ALLERGENS = ['gluten', 'shellfish', 'fish', 'egg', 'peanut', 'soy', 'milk', 'nuts'];
const path = (id) => `/canteens/${encodeURIComponent(id)}`;

function checks(id, legend, values, labelOf, checked = () => false) {
  return h('fieldset', { id, class: 'menu-checks', dataset: { for: id.replace(/^[^-]+-/, '') } }, h('legend', {}, legend),
    values.map((v) => h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: `${id}-${v}`, value: v, checked: checked(v) }),
      h('label', { for: `${id}-${v}` }, labelOf(v)))));
}
const ticked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

// One meal: its dishes to tick and its save button.
function mealForm(id, date, meal, dishes, served, say) {
  const lines = new Map(served.map((x) => [String(x.dish_id), x]));
  const list = checks(`meal-${meal}`, t('meal.' + meal), dishes.filter((d) => d.active || lines.has(String(d.id))).map((d) => String(d.id)),
    (v) => { const d = dishes.find((x) => String(x.id) === v); return `${d.name} ${price(lines.get(v)?.price_fen ?? d.price_fen)}`; },
    (v) => lines.has(v));
  const form = h('form', { class: 'meal-edit', dataset: { meal } }, list,
    h('button', { type: 'submit', class: 'secondary' }, t('menu_edit.save_meal', { meal: t('meal.' + meal) })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const items = ticked(list).map((v) => {
      const line = lines.get(v);
      const d = dishes.find((x) => String(x.id) === v);
      return line && line.price_fen !== d.price_fen ? { dish_id: d.id, price_fen: line.price_fen } : { dish_id: d.id };
    });
    try {
      await api(`${path(id)}/menu/${date}/${meal}`, { method: 'PUT', json: { items } });
      say(t('menu_edit.saved', { meal: t('meal.' + meal), n: items.length }));
    } catch (err) {
      say(t('samples.refused', { detail: err.message }), true);
    }
  });
  return form;
}

function dishForm(id, added) {
  const name = h('input', { type: 'text', required: true, maxlength: 40 });
  const kind = h('select', {}, h('option', { value: 'dish' }, t('menu_edit.kind_dish')), h('option', { value: 'set' }, t('dish.set')));
  const contents = h('input', { type: 'text', maxlength: 200 });
  const yuan = h('input', { type: 'text', inputmode: 'decimal', required: true });
  const portion = h('input', { type: 'text', maxlength: 40 });
  const tags = checks('dish-tags', t('menu_edit.tags'), TAGS, (v) => t('dish.tag.' + v));
  const allergens = checks('dish-allergens', t('menu_edit.allergens'), ALLERGENS, (v) => t('dish.allergen.' + v));
  const contentsBox = fieldBox('dish-contents', 'contents', t('menu_edit.contents'), contents, t('menu_edit.contents_hint'));
  contentsBox.hidden = true;
  kind.addEventListener('change', () => { contentsBox.hidden = kind.value !== 'set'; });
  const summary = h('div', { tabindex: '-1', id: 'dish-errors' });
  const form = h('form', { id: 'dish-form', class: 'card', novalidate: true, 'aria-labelledby': 'dish-new' },
    h('h2', { id: 'dish-new' }, t('menu_edit.new_dish')),
    fieldBox('dish-name', 'name', t('menu_edit.name'), name),
    fieldBox('dish-kind', 'kind', t('menu_edit.kind'), kind), contentsBox,
    fieldBox('dish-price', 'price_fen', t('menu_edit.price'), yuan),
    fieldBox('dish-portion', 'portion', t('menu_edit.portion'), portion),
    tags, allergens, summary,
    h('button', { type: 'submit', id: 'dish-save' }, t('menu_edit.add')));
  const errors = formErrors(form, summary, 'dish');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const fen = yuanToFen(yuan.value);
    if (fen === null) return errors.show([{ field: 'price_fen', message: t('menu_edit.price_bad') }], t('samples.not_saved'));
    const body = { name: name.value.trim(), kind: kind.value, price_fen: fen, portion: portion.value.trim(),
      tags: ticked(tags), allergens: ticked(allergens) };
    if (kind.value === 'set') body.contents = contents.value.split(/[、,，\s]+/).filter(Boolean);
    try {
      const dish = await api(`${path(id)}/dishes`, { method: 'POST', json: body });
      await added(dish);
    } catch (err) {
      // Every refusal is said in the form's summary: a 422 by its fields; a
      // 409 (the name is taken), 403, 413 with the server's reason; no
      // answer at all (offline) in words.
      if (err instanceof ApiError && err.status === 422) {
        errors.show((err.problem.errors || []).map((x) => ({ field: x.field.replace(/\[\d+\]$/, ''), message: x.message })), t('samples.not_saved'));
      } else {
        errors.show([], err instanceof ApiError ? t('samples.refused', { detail: err.message }) : t('common.offline'));
      }
    }
  });
  return form;
}

export async function render(view, { id }, query) {
  const user = await me();
  const title = h('h1', { id: 'menu-edit-title' }, t('menu_edit.heading'));
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('samples.back'))), title);
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, { id }, query); }));
    return;
  }
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') || '') ? query.get('date') : districtDate();
  let dishes;
  try {
    dishes = await api(`${path(id)}/dishes`);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
    view.append(h('p', { class: 'error', id: 'menu-edit-refused', role: 'alert' },
      t(err.status === 403 ? 'menu_edit.forbidden' : 'samples.not_found')));
    return;
  }
  title.textContent = t('menu_edit.of_day', { name: dishes.canteen.name, date });
  const flash = h('p', { role: 'status', id: 'menu-edit-status', tabindex: '-1' });
  const say = (message, bad = false) => { flash.textContent = message; flash.classList.toggle('error', bad); flash.focus(); };
  const meals = h('section', { class: 'card', id: 'menu-edit-meals', 'aria-labelledby': 'menu-edit-meals-title' });
  const draw = async () => {
    const menu = await loadMenu(id, { from: date, days: 1 });
    const served = mealsOn(menu, date);
    meals.replaceChildren();
    fill(meals, h('h2', { id: 'menu-edit-meals-title' }, t('menu_edit.meals')),
      dishes.items.length ? MEALS.map((m) => mealForm(id, date, m, dishes.items, served.find((x) => x.meal === m)?.items || [], say))
        : h('p', { id: 'menu-edit-no-dishes' }, t('menu_edit.no_dishes')));
  };
  const day = h('input', { type: 'date', id: 'menu-edit-date', value: date, required: true });
  const pick = h('form', { class: 'samples-day' }, h('label', { for: day.id }, t('samples.date')), day,
    h('button', { type: 'submit', class: 'secondary' }, t('samples.show')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (day.value) location.hash = `#/staff/canteen/${encodeURIComponent(id)}/menu?date=${day.value}`;
  });
  view.append(pick, flash, meals, dishForm(id, async (dish) => {
    dishes = await api(`${path(id)}/dishes`);
    await draw();
    say(t('menu_edit.added', { name: dish.name }));
  }), h('p', {}, h('a', { href: `#/f/${encodeURIComponent(id)}` }, t('menu_edit.public_page'))));
  await draw();
}
