// #/staff/canteen/{id}/counter — a canteen's till (issue 17), for its
// cashier at a counter tablet with big targets: find the diner (the search
// box takes a red proxy card's number as typed or as a scanner types it, a
// phone or a full name: GET …/diners; or "普通顾客", full price), today's
// menu of the meal (by the time of day, switchable; the public GET …/menu),
// tap dishes (+/−), the preview (POST …/orders/preview: price, subsidy,
// what she pays and why, "second_in_slot" as a warning), one big 收款
// (POST …/orders), the receipt and 下一位. An elder's meal: card → dish →
// 收款. Below, today's orders (GET …/orders?date=), each counter meal
// cancellable the same day after a confirm (POST …/orders/{id}/cancel).
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { clock, districtDate, price } from '../js/format.js';
import { MEALS, loadMenu, menuDishes } from '../js/canteen_menu.js';
import { addDish, basketCount, cancellable, dinerQuery, mealAt, orderBody } from '../js/canteen_counter_model.js';

const path = (id) => `/canteens/${encodeURIComponent(id)}`;
const refusal = (err) => (err instanceof ApiError ? t('samples.refused', { detail: err.message }) : t('common.offline'));

// The money of an order or a preview: price, subsidy, pays, and why.
export function moneyBlock(o, idPrefix) {
  return h('div', { class: 'counter-money', id: idPrefix },
    o.flag === 'second_in_slot' && h('p', { class: 'error counter-flag', role: 'alert', id: `${idPrefix}-flag` }, t('counter.second_in_slot')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('counter.price')), h('dd', { class: 'counter-price' }, price(o.price_fen)),
      h('dt', {}, t('counter.subsidy')), h('dd', { class: 'counter-subsidy' }, price(o.subsidy_fen)),
      h('dt', {}, t('counter.pays')), h('dd', { class: 'counter-pays today-yuan' }, h('strong', {}, price(o.pays_fen)))),
    h('p', { class: 'counter-reason' }, o.tier ? h('span', { class: 'badge counter-tier' }, o.tier) : null, ' ',
      o.reason || (o.elder ? '' : t('counter.walk_in_reason'))));
}

const linesText = (lines) => (lines || []).map((l) => t('counter.line', { name: l.name, qty: l.qty })).join('、');

function orderItem(id, order, today, redraw, say) {
  const status = t('order.status.' + order.status);
  // A cancelled order is not charged: its pays_fen (price − subsidy, kept as rung up) is not owed.
  const free = order.status === 'cancelled';
  const li = h('li', { class: 'counter-order', dataset: { order: order.id, status: order.status } },
    h('p', {}, h('strong', {}, order.elder ? order.elder.name_masked : t('counter.walk_in')), ' · ',
      t('meal.' + order.meal), ' · ', t('order.kind.' + order.kind), ' · ',
      order.created_at ? clock(order.created_at * 1000) : '', ' · ', h('span', { class: 'badge' }, status)),
    h('p', { class: 'note' }, linesText(order.lines), ' · ', t('counter.pays_short', { pays: price(free ? 0 : order.pays_fen) }),
      order.subsidy_fen && !free ? ' · ' + t('counter.subsidy_short', { fen: price(order.subsidy_fen) }) : '',
      order.flag === 'second_in_slot' ? ' · ' + t('counter.second_short') : ''));
  if (!cancellable(order, today)) return li;
  const open = h('button', { type: 'button', class: 'secondary inline counter-cancel' }, t('counter.cancel'));
  open.addEventListener('click', () => {
    const note = h('input', { type: 'text', maxlength: 200, id: `cancel-note-${order.id}` });
    const yes = h('button', { type: 'submit', class: 'danger inline counter-cancel-yes' }, t('counter.cancel_confirm'));
    const no = h('button', { type: 'button', class: 'secondary inline' }, t('samples.cancel'));
    const form = h('form', { class: 'counter-cancel-form' },
      h('p', {}, t('counter.cancel_question', { pays: price(order.pays_fen) })),
      h('label', { for: note.id }, t('counter.cancel_note')), note, ' ', yes, ' ', no);
    no.addEventListener('click', () => { form.replaceWith(open); open.focus(); });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (yes.disabled) return;
      yes.disabled = true;
      try {
        await api(`${path(id)}/orders/${order.id}/cancel`, { method: 'POST', json: { note: note.value.trim() } });
        say(t('counter.cancelled', { who: order.elder ? order.elder.name_masked : t('counter.walk_in') }));
        await redraw();
      } catch (err) { say(refusal(err), true); } finally { yes.disabled = false; }
    });
    open.replaceWith(form);
    note.focus();
  });
  li.append(open);
  return li;
}

export async function render(view, { id }) {
  const user = await me();
  const title = h('h1', { id: 'counter-title' }, t('counter.heading'));
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('samples.back'))), title);
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, { id }); }));
    return;
  }
  let dishes;
  try {
    dishes = await api(`${path(id)}/dishes`);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
    view.append(h('p', { class: 'error', id: 'counter-refused', role: 'alert' },
      t(err.status === 403 ? 'counter.forbidden' : 'samples.not_found')));
    return;
  }
  const today = districtDate();
  title.textContent = t('counter.of', { name: dishes.canteen.name });
  const menu = await loadMenu(id, { from: today, days: 1 });
  // busy: 收款's POST is on its way (no second order from a double tap).
  const state = { diner: undefined, meal: mealAt(), basket: new Map(), asked: 0, busy: false };
  const flash = h('p', { role: 'status', id: 'counter-status', class: 'today-flash', tabindex: '-1' });
  const say = (message, bad = false) => { flash.textContent = message; flash.classList.toggle('error', bad); };

  // Who: one box (card, phone or name) and the ordinary diner's button.
  const box = h('input', { type: 'text', id: 'counter-find', autocomplete: 'off', enterkeyhint: 'search' });
  const found = h('div', { id: 'counter-found' });
  const findForm = h('form', { id: 'counter-find-form' },
    h('label', { for: box.id }, t('counter.find')), box, h('p', { class: 'note', id: 'counter-find-hint' }, t('counter.find_hint')),
    h('button', { type: 'submit', class: 'today-next' }, t('counter.find_go')), ' ',
    h('button', { type: 'button', class: 'secondary', id: 'counter-walk-in', onclick: () => choose(null) }, t('counter.walk_in_button')));
  box.setAttribute('aria-describedby', 'counter-find-hint');
  const who = h('section', { class: 'card', id: 'counter-who', 'aria-labelledby': 'counter-who-title' },
    h('h2', { id: 'counter-who-title' }, t('counter.who')), findForm, found);

  // What: the meal's dishes, each with − qty +.
  const mealButtons = h('div', { class: 'menu-views', role: 'group', 'aria-label': t('counter.meal') });
  const dishList = h('ul', { id: 'counter-dishes', class: 'result-list counter-dishes' });
  const what = h('section', { class: 'card', id: 'counter-what', 'aria-labelledby': 'counter-what-title' },
    h('h2', { id: 'counter-what-title' }, t('counter.what')), mealButtons, dishList);

  // The bill: the preview and 收款.
  const preview = h('div', { id: 'counter-preview', 'aria-live': 'polite' });
  const ring = h('button', { type: 'button', id: 'counter-ring', class: 'today-next' }, t('counter.ring'));
  const bill = h('section', { class: 'card', id: 'counter-bill', 'aria-labelledby': 'counter-bill-title' },
    h('h2', { id: 'counter-bill-title' }, t('counter.bill')), preview, ring);
  const orders = h('section', { class: 'card', id: 'counter-orders', 'aria-labelledby': 'counter-orders-title' });
  const work = h('div', { id: 'counter-work' }, who, what, bill);
  view.classList.add('team-today');
  view.append(flash, work, orders);

  const items = () => menuDishes(menu, today, state.meal);
  // The till's own meals only: a delivery is cancelled on the booking side
  // (after its cut-off the server charges it in full). A failed read says so
  // in this section, leaving the flash (e.g. 已收款) as it was.
  const drawOrders = async () => {
    let list;
    try { list = (await api(`${path(id)}/orders`, { query: { date: today, kind: 'counter' } })).orders; } catch (err) {
      orders.replaceChildren(h('h2', { id: 'counter-orders-title' }, t('counter.orders')),
        h('p', { class: 'error', id: 'counter-orders-error', role: 'alert' }, refusal(err)));
      return;
    }
    orders.replaceChildren(h('h2', { id: 'counter-orders-title' }, t('counter.today_orders', { n: list.length })),
      list.length ? h('ul', { class: 'result-list counter-orders' }, list.map((o) => orderItem(id, o, today, drawOrders, say)))
        : h('p', { id: 'counter-orders-none' }, t('counter.no_orders')));
  };

  const drawPreview = async () => {
    ring.disabled = state.busy || !basketCount(state.basket) || state.diner === undefined;
    if (state.diner === undefined) return preview.replaceChildren(h('p', { class: 'note' }, t('counter.pick_diner')));
    if (!basketCount(state.basket)) return preview.replaceChildren(h('p', { class: 'note' }, t('counter.pick_dish')));
    const asked = ++state.asked;
    try {
      const o = await api(`${path(id)}/orders/preview`, { method: 'POST', json: body() });
      if (asked === state.asked) preview.replaceChildren(moneyBlock(o, 'counter-preview-money'));
    } catch (err) {
      if (asked === state.asked) preview.replaceChildren(h('p', { class: 'error', role: 'alert' }, refusal(err)));
    }
  };
  const body = () => orderBody({ date: today, meal: state.meal, elderId: state.diner?.elder_id, basket: state.basket });

  const drawDishes = () => {
    mealButtons.replaceChildren(...MEALS.map((m) => h('button', {
      type: 'button', class: 'secondary', id: `counter-meal-${m}`, 'aria-pressed': String(m === state.meal),
      onclick: () => { state.meal = m; state.basket = new Map(); drawDishes(); drawPreview(); },
    }, t('meal.' + m))));
    const list = items();
    dishList.replaceChildren(...(list.length ? list.map((d) => {
      const qty = state.basket.get(d.dish_id) || 0;
      const change = (delta) => () => { state.basket = addDish(state.basket, d.dish_id, delta); drawDishes(); drawPreview(); };
      return h('li', { class: 'dish counter-dish', dataset: { dish: d.dish_id } },
        // Named by what it shows (the dish and its price), so a voice user says what she sees.
        h('button', { type: 'button', class: 'secondary counter-add', onclick: change(1) },
          h('span', { class: 'dish-name' }, d.name), ' ', price(d.price_fen)),
        ' ', h('span', { class: 'counter-qty' },
          h('button', { type: 'button', class: 'secondary inline counter-minus', disabled: !qty, onclick: change(-1),
            'aria-label': t('counter.less', { name: d.name }) }, '−'), ' ',
          h('output', { class: 'counter-n big', 'aria-label': t('counter.qty', { name: d.name }) }, String(qty)), ' ',
          h('button', { type: 'button', class: 'secondary inline counter-plus', onclick: change(1),
            'aria-label': t('counter.more', { name: d.name }) }, '+')));
    }) : [h('li', { id: 'counter-no-menu' }, t('counter.no_menu', { meal: t('meal.' + state.meal) }))]));
  };

  const showDiner = () => {
    found.replaceChildren(state.diner === undefined ? '' : h('p', { id: 'counter-diner', class: 'big' },
      state.diner ? [h('strong', {}, state.diner.name_masked), ' · ', t('counter.card', { card: state.diner.card_masked || '—' })]
        : [h('strong', {}, t('counter.walk_in')), ' · ', t('counter.full_price')]));
  };
  function choose(diner) {
    state.diner = diner;
    showDiner();
    drawPreview();
    dishList.querySelector('button')?.focus();
  }

  findForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = dinerQuery(box.value);
    // A new search forgets the diner before: a failed one must not leave her chosen.
    state.diner = undefined;
    showDiner();
    drawPreview();
    if (!q) { say(t('counter.find_bad'), true); box.focus(); return; }
    try {
      const list = (await api(`${path(id)}/diners`, { query: q })).diners;
      if (list.length === 1) { say(''); choose(list[0]); return; }
      if (!list.length) { say(t('counter.find_none'), true); found.replaceChildren(); box.select(); return; }
      say(t('counter.find_many', { n: list.length }));
      found.replaceChildren(h('ul', { id: 'counter-choices', class: 'result-list' }, list.map((d) => h('li', {},
        h('button', { type: 'button', class: 'secondary', onclick: () => { say(''); choose(d); } },
          `${d.name_masked} · ${d.phone_masked || ''} · ${d.card_masked || ''}`)))));
      found.querySelector('button').focus();
    } catch (err) {
      say(err instanceof ApiError && err.status === 422 ? t('counter.find_bad') : refusal(err), true);
      box.focus();
    }
  });

  ring.addEventListener('click', async () => {
    if (state.busy) return;
    state.busy = true;
    ring.disabled = true;
    try {
      const o = await api(`${path(id)}/orders`, { method: 'POST', json: body() });
      const next = h('button', { type: 'button', class: 'today-next', id: 'counter-next' }, t('counter.next'));
      const receipt = h('section', { class: 'card', id: 'counter-receipt', 'aria-labelledby': 'counter-receipt-title', tabindex: '-1' },
        h('h2', { id: 'counter-receipt-title' }, t('counter.receipt')),
        h('p', { class: 'big' }, h('strong', {}, o.elder ? o.elder.name_masked : t('counter.walk_in')), ' · ', t('meal.' + o.meal), ' · ', o.date),
        h('p', { class: 'counter-receipt-lines' }, linesText(o.lines)), moneyBlock(o, 'counter-receipt-money'), next);
      next.addEventListener('click', () => {
        // A new district day: the page again, with that day's menu and orders.
        if (districtDate() !== today) { view.replaceChildren(); render(view, { id }); return; }
        state.meal = mealAt();  // the meal of the hour for the next diner
        state.diner = undefined;
        state.basket = new Map();
        box.value = '';
        receipt.replaceWith(work);
        showDiner();
        drawDishes();
        drawPreview();
        say('');
        box.focus();
      });
      work.replaceWith(receipt);
      say(t('counter.rung', { pays: price(o.pays_fen) }));
      next.focus();
      state.busy = false;
      await drawOrders();
    } catch (err) {
      state.busy = false;
      say(refusal(err), true);
      ring.disabled = false;
    }
  });

  showDiner();
  drawDishes();
  await Promise.all([drawPreview(), drawOrders()]);
  box.focus();
}
