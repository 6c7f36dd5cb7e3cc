// #/staff/canteen/{id}/samples?date=YYYY-MM-DD — a canteen's food-safety
// sample log (留样, issue 17), kept by its staff (keepers of its keeper
// organisation) and admins, read by inspectors (department users): the day's
// samples by meal (GET …/samples?date=); for staff a quick form to record one
// (POST …/samples: the meal, a dish of that meal's menu or one typed, 150 g
// by default, the fridge this device last used, the time now, kept current
// until the user changes it), destroy
// (refused in words before 48 hours: 409) and void with a reason; for
// inspectors a print view and the day's CSV (…/samples.csv).
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { districtDate, districtParts, fromLocalInput, rfc3339, toLocalInput, when } from '../js/format.js';
import { MEALS, loadMenu, menuDishes } from '../js/canteen_menu.js';
import { fieldBox, fieldMessage, formErrors } from '../js/care_form.js';

export const DEFAULT_WEIGHT_G = 150;
const fridgeKey = (id) => `warmcity.canteen.${id}.fridge`;
const ERROR_WORDS = { meal: 'samples.err.meal', dish_name: 'samples.err.dish', weight_g: 'samples.err.weight',
  taken_at: 'samples.err.taken_at', fridge: 'samples.err.fridge', date: 'samples.err.date', note: 'samples.err.note' };

function remembered(id) {
  try { return localStorage.getItem(fridgeKey(id)) || ''; } catch { return ''; }
}
function remember(id, fridge) {
  try { localStorage.setItem(fridgeKey(id), fridge); } catch { /* private mode: this page only */ }
}

// The meal a sample taken at `ms` most likely belongs to.
function mealAt(ms) {
  const hour = districtParts(ms).hour;
  return hour < 10 ? 'breakfast' : hour < 16 ? 'lunch' : 'dinner';
}

const base = (id) => `/canteens/${encodeURIComponent(id)}/samples`;

// A refused step in words: a 409 before its 48 hours are over says when the
// sample may go (the problem's keep_until); another 409 (destroyed or voided
// already, by a colleague) says the server's reason.
function refusalText(err) {
  const until = err instanceof ApiError && err.status === 409 ? Date.parse(err.problem.keep_until) : NaN;
  if (until > Date.now()) return t('samples.too_early', { time: when(err.problem.keep_until) });
  if (err instanceof ApiError && err.status === 403) return t('samples.forbidden');
  return t('samples.refused', { detail: err.message });
}

function sampleItem(item, id, redraw, staff) {
  const status = h('p', { class: 'sample-msg', role: 'status', id: `sample-${item.id}-msg` });
  const done = item.destroyed_at || item.voided_at;
  const state = item.voided_at ? t('samples.voided', { reason: item.void_reason || '' })
    : item.destroyed_at ? t('samples.destroyed', { time: when(item.destroyed_at), who: item.destroyed_by?.name || '' })
      : t('samples.kept');
  const step = async (button, path, json, doneKey) => {
    button.disabled = true;
    try {
      await api(`${base(id)}/${item.id}/${path}`, { method: 'POST', json });
      await redraw(t(doneKey, { dish: item.dish_name }));
    } catch (err) {
      status.textContent = refusalText(err);
      status.classList.add('error');
      button.disabled = false;
      button.focus();
    }
  };
  const destroy = h('button', { type: 'button', class: 'secondary inline', dataset: { action: 'destroy' } }, t('samples.destroy'));
  destroy.addEventListener('click', () => step(destroy, 'destroy', {}, 'samples.destroy_done'));
  const reason = h('input', { type: 'text', id: `sample-${item.id}-reason`, required: true, maxlength: 200 });
  const confirm = h('button', { type: 'submit', class: 'inline' }, t('samples.void_confirm'));
  const voidForm = h('form', { class: 'void-form no-print', hidden: true },
    h('label', { for: reason.id }, t('samples.void_reason')), reason, confirm,
    h('button', { type: 'button', class: 'secondary inline', onclick: () => { voidForm.hidden = true; voidOpen.focus(); } }, t('samples.cancel')));
  voidForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    step(confirm, 'void', { reason: reason.value.trim() }, 'samples.void_done');
  });
  const voidOpen = h('button', { type: 'button', class: 'secondary inline', dataset: { action: 'void' },
    onclick: () => { voidForm.hidden = false; reason.focus(); } }, t('samples.void'));
  return h('li', { class: `sample${done ? ' sample-done' : ''}`, id: `sample-${item.id}`, dataset: { sample: item.id } },
    h('p', { class: 'sample-head' }, h('strong', { class: 'sample-dish' }, item.dish_name), ' · ',
      h('span', { class: 'sample-weight' }, t('samples.weight', { n: item.weight_g }))),
    h('p', { class: 'note' }, [t('samples.taken', { time: when(item.taken_at), who: item.taken_by?.name || '' }),
      t('samples.fridge', { fridge: item.fridge }), t('samples.keep_until', { time: when(item.keep_until) })].join(' · '),
    item.note ? ` · ${item.note}` : ''),
    h('p', { class: 'sample-state' }, state),
    staff && !done && h('p', { class: 'sample-actions no-print' }, destroy, ' ', voidOpen),
    staff && !done && voidForm, status);
}

function sampleList(log, id, redraw, staff) {
  if (!log.items.length) return h('p', { id: 'samples-none' }, t('samples.none'));
  return MEALS.map((meal) => {
    const items = log.items.filter((x) => x.meal === meal);
    return h('section', { class: 'samples-meal', dataset: { meal }, 'aria-labelledby': `samples-${meal}` },
      h('h3', { id: `samples-${meal}` }, t('meal.' + meal)),
      items.length ? h('ul', { class: 'samples' }, items.map((x) => sampleItem(x, id, redraw, staff)))
        : h('p', { class: 'note' }, t('samples.meal_none')));
  });
}

// The form that records a sample; `saved(item)` after a 201.
function sampleForm(id, date, menu, saved) {
  const meal = h('select', {}, MEALS.map((m) => h('option', { value: m }, t('meal.' + m))));
  meal.value = date === districtDate() ? mealAt(Date.now()) : 'lunch';
  const choices = h('datalist', { id: 'sample-dishes' });
  const dish = h('input', { type: 'text', list: 'sample-dishes', required: true, maxlength: 60, autocomplete: 'off' });
  const offer = () => choices.replaceChildren(...menuDishes(menu, date, meal.value).map((x) => h('option', { value: x.name })));
  meal.addEventListener('change', offer);
  offer();
  const weight = h('input', { type: 'number', min: 125, step: 1, inputmode: 'numeric', required: true, value: DEFAULT_WEIGHT_G });
  // The time taken is now: set again after each save, whenever the form gets
  // focus and when it is sent, while the user has not changed it (a page
  // left open).
  const taken = h('input', { type: 'datetime-local', required: true, value: toLocalInput(Date.now()) });
  let takenEdited = false;
  taken.addEventListener('input', () => { takenEdited = true; });
  const takenNow = () => { if (!takenEdited) taken.value = toLocalInput(Date.now()); };
  const fridge = h('input', { type: 'text', required: true, maxlength: 40, value: remembered(id) });
  const note = h('input', { type: 'text', maxlength: 200 });
  const summary = h('div', { id: 'sample-errors', tabindex: '-1' });
  const form = h('form', { id: 'samples-form', class: 'card no-print', 'aria-labelledby': 'samples-new', novalidate: true },
    h('h2', { id: 'samples-new' }, t('samples.new')),
    fieldBox('sample-meal', 'meal', t('samples.f.meal'), meal),
    fieldBox('sample-dish', 'dish_name', t('samples.f.dish'), dish, menu ? t('samples.dish_hint') : null),
    choices,
    fieldBox('sample-weight', 'weight_g', t('samples.f.weight'), weight, t('samples.weight_hint')),
    fieldBox('sample-taken', 'taken_at', t('samples.f.taken_at'), taken),
    fieldBox('sample-fridge', 'fridge', t('samples.f.fridge'), fridge, t('samples.fridge_hint')),
    fieldBox('sample-note', 'note', t('samples.f.note'), note),
    summary,
    h('button', { type: 'submit', id: 'sample-save' }, t('samples.save')));
  const errors = formErrors(form, summary, 'sample');
  form.addEventListener('focusin', takenNow);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    takenNow();
    const name = dish.value.trim();
    const chosen = menuDishes(menu, date, meal.value).find((x) => x.name === name);
    const at = fromLocalInput(taken.value);
    const body = {
      date, meal: meal.value, dish_name: name, weight_g: Number(weight.value),
      taken_at: at === null ? taken.value : rfc3339(at), fridge: fridge.value.trim(),
    };
    if (chosen) body.dish_id = chosen.dish_id;
    if (note.value.trim()) body.note = note.value.trim();
    const save = form.querySelector('#sample-save');
    save.disabled = true;
    try {
      const item = await api(base(id), { method: 'POST', json: body });
      remember(id, body.fridge);
      dish.value = '';
      note.value = '';
      takenEdited = false;
      takenNow();
      await saved(item);
      dish.focus();
    } catch (err) {
      const list = err instanceof ApiError && err.status === 422 ? (err.problem.errors || [])
        .map((x) => ({ field: x.field, message: fieldMessage(x, ERROR_WORDS) })) : [];
      errors.show(list, err instanceof ApiError && err.status === 422 ? t('samples.not_saved') : refusalText(err));
    } finally { save.disabled = false; }
  });
  return form;
}

export async function render(view, { id }, query) {
  view.classList.add('canteen-samples');
  const user = await me();
  const title = h('h1', { id: 'samples-title' }, t('samples.heading'));
  view.append(h('p', { class: 'no-print' }, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('samples.back'))), title);
  if (!user) {
    view.append(h('p', {}, t('samples.signin')), signInForm(async () => {
      view.replaceChildren();
      await render(view, { id }, query);
    }));
    return;
  }
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') || '') ? query.get('date') : districtDate();
  let log;
  try {
    log = await api(base(id), { query: { date } });
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
    view.append(h('p', { class: 'error', id: 'samples-refused', role: 'alert' },
      t(err.status === 403 ? 'samples.forbidden' : 'samples.not_found')));
    return;
  }
  title.textContent = t('samples.of_day', { name: log.canteen.name, date });
  // Inspectors (department users) read the log; its staff and admins keep it.
  const staff = user.role === 'admin' || user.role === 'keeper';
  const menu = staff ? await loadMenu(id, { from: date, days: 1 }).catch(() => null) : null;
  const flash = h('p', { role: 'status', id: 'samples-status', tabindex: '-1' });
  const list = h('section', { class: 'card', id: 'samples-list', 'aria-labelledby': 'samples-list-title' });
  const redraw = async (message) => {
    log = await api(base(id), { query: { date } });
    list.replaceChildren();
    fill(list, h('h2', { id: 'samples-list-title' }, t('samples.heading')), sampleList(log, id, redraw, staff));
    flash.textContent = message;
    if (message) flash.focus();
  };
  const day = h('input', { type: 'date', id: 'samples-date', value: date, required: true });
  const pick = h('form', { class: 'samples-day no-print', id: 'samples-day' },
    h('label', { for: day.id }, t('samples.date')), day, h('button', { type: 'submit', class: 'secondary' }, t('samples.show')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (day.value) location.hash = `#/staff/canteen/${encodeURIComponent(id)}/samples?date=${day.value}`;
  });
  const tools = h('p', { class: 'samples-tools no-print' },
    h('button', { type: 'button', class: 'secondary', id: 'samples-print', onclick: () => window.print() }, t('samples.print')), ' ',
    h('a', { class: 'button secondary', id: 'samples-csv', href: `/api/v1${base(id)}.csv?date=${date}`, download: `samples-${id}-${date}.csv` },
      t('samples.csv')));
  view.append(pick, staff && sampleForm(id, date, menu, (item) => redraw(t('samples.saved', { dish: item.dish_name, weight: item.weight_g }))),
    flash, list, tools, h('p', { class: 'note print-only' }, t('samples.print_note')));
  await redraw('');
  view.dataset.ready = '1';
}
