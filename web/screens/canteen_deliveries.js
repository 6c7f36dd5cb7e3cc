// #/staff/canteen/{id}/deliveries?date=&meal= — a canteen's meal round for
// its delivery person (issue 17), at 360 px with big targets: the stops in
// route order (GET …/deliveries: her name, address, phone as a tel: link,
// the dishes, diet and allergen badges, the state); per open stop 送达 —
// the elder's code typed, or a photo from the camera shrunk as the team
// screens do (team_photo.js) — (POST …/orders/{id}/handover) and 不在家 with
// a note, which tells her visit team (POST …/orders/{id}/not-home); and the
// route editor: the day's elders moved up or down, or set on a map of the
// round (tapped in order, or nearest first from the canteen: its facility's
// lat/lon), and saved (PUT …/delivery-route/{meal}; elders of the kept route
// not on today's round stay in it, after them).
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { clock, districtDate } from '../js/format.js';
import { receiptPhoto } from '../js/team_photo.js';
import { MEALS } from '../js/canteen_menu.js';
import { mealAt } from '../js/canteen_counter_model.js';
import { dishesText, moveStop, nearestOrder, open, routeOf, tapOrder, tapStop } from '../js/canteen_delivery_model.js';
import { routeMap } from '../js/map.js';

const path = (id) => `/canteens/${encodeURIComponent(id)}`;
let drawnMap = null;  // the route editor's Leaflet map on screen, if drawn
const refusal = (err) => (err instanceof ApiError ? t('samples.refused', { detail: err.message }) : t('common.offline'));
const atMs = (at) => (typeof at === 'number' ? at * 1000 : Date.parse(at));
const word = (prefix, code) => { const k = `${prefix}.${code}`; const s = t(k); return s === k ? code : s; };

// The handover form: the elder's code, or a photo of the meal handed over.
function handoverForm(id, stop, done) {
  const p = `handover-${stop.order_id}`;
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', id: p + '-code', maxlength: 20 });
  const photoInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: p + '-photo', class: 'visually-hidden' });
  const preview = h('div', { class: 'today-photo', id: p + '-preview' });
  const status = h('p', { role: 'status', id: p + '-status' });
  let photo = null;
  photoInput.addEventListener('change', async () => {
    photo = null;
    preview.replaceChildren(h('p', { role: 'status' }, t('today.photo_working')));
    try {
      photo = await receiptPhoto(photoInput.files[0]);
      preview.replaceChildren(h('img', { src: photo.url, alt: t('deliveries.photo_alt', { name: stop.elder.name }), width: photo.width, height: photo.height }));
    } catch (err) {
      preview.replaceChildren(h('p', { class: 'error', role: 'alert' }, t(err.message === 'not_image' ? 'today.photo_not_image' : 'deliveries.photo_bad')));
    }
  });
  const form = h('form', { id: p, class: 'today-form delivery-handover', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: code.id }, t('deliveries.code')), code,
      h('p', { class: 'note' }, t('deliveries.code_hint'))),
    h('div', { class: 'field' }, photoInput,
      h('label', { for: photoInput.id, class: 'button secondary file-button' }, t('deliveries.photo_take')), preview),
    h('button', { type: 'submit', class: 'today-submit' }, t('deliveries.handover_do')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const typed = code.value.replace(/\s+/g, '');
    if (!typed && !photo) { status.textContent = t('deliveries.need_proof'); status.className = 'error'; code.focus(); return; }
    const body = typed ? { proof: 'code', code: typed } : { proof: 'photo', photo: photo.url };
    const go = form.querySelector('.today-submit');  // one handover per tap (a photo's upload is slow)
    if (go.disabled) return;
    go.disabled = true;
    try {
      await api(`${path(id)}/orders/${stop.order_id}/handover`, { method: 'POST', json: body });
    } catch (err) { status.textContent = refusal(err); status.className = 'error'; go.disabled = false; code.focus(); return; }
    await done(t('deliveries.handed', { name: stop.elder.name }));
  });
  return form;
}

// Not at home: a note; her visit team is told (the visit escalation).
function notHomeForm(id, stop, done) {
  const p = `nothome-${stop.order_id}`;
  const note = h('textarea', { id: p + '-note', rows: 2, maxlength: 200 });
  const status = h('p', { role: 'status', id: p + '-status' });
  const form = h('form', { id: p, class: 'today-form delivery-not-home' },
    h('p', {}, t('deliveries.not_home_explain')),
    h('div', { class: 'field' }, h('label', { for: note.id }, t('deliveries.note')), note),
    h('button', { type: 'submit', class: 'today-submit' }, t('deliveries.not_home_do')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const go = form.querySelector('.today-submit');
    if (go.disabled) return;
    go.disabled = true;
    try {
      await api(`${path(id)}/orders/${stop.order_id}/not-home`, { method: 'POST', json: { note: note.value.trim() } });
    } catch (err) { status.textContent = refusal(err); status.className = 'error'; go.disabled = false; return; }
    await done(t('deliveries.not_home_done', { name: stop.elder.name }));
  });
  return form;
}

function stopCard(id, stop, done) {
  const e = stop.elder;
  const state = stop.handover
    ? t('deliveries.handed_at', { time: clock(atMs(stop.handover.at)), proof: t('deliveries.proof.' + stop.handover.proof) })
    : stop.not_home ? t('deliveries.not_home_at', { time: clock(atMs(stop.not_home.at)) }) : t('order.status.' + stop.status);
  const slot = h('div', { class: 'delivery-slot' });
  const toggle = (make) => () => { slot.replaceChildren(make(id, stop, done)); slot.querySelector('input, textarea')?.focus(); };
  return h('li', { class: 'card today-card delivery-stop', dataset: { order: stop.order_id, status: stop.status } },
    h('h3', {}, h('span', { class: 'delivery-pos' }, stop.position ? t('deliveries.pos', { n: stop.position }) : ''), ' ', e.name),
    h('p', { class: 'today-address' }, e.address),
    e.phone && h('p', {}, h('a', { class: 'today-tel', href: 'tel:' + e.phone.replace(/[^\d+]/g, '') }, t('deliveries.call', { phone: e.phone }))),
    h('p', { class: 'today-work delivery-dishes' }, dishesText(stop.lines, (l) => t('counter.line', { name: l.name, qty: l.qty }))),
    (stop.diet?.length || stop.allergens?.length) ? h('p', { class: 'delivery-badges' },
      (stop.diet || []).map((c) => h('span', { class: 'badge delivery-diet' }, word('dish.tag', c))),
      (stop.allergens || []).map((c) => h('span', { class: 'badge tier-high delivery-allergen' }, t('deliveries.allergen', { name: word('dish.allergen', c) })))) : null,
    h('p', { class: 'today-state delivery-state' }, state),
    open(stop) && h('p', { class: 'step-buttons' },
      h('button', { type: 'button', class: 'delivery-handover-open', onclick: toggle(handoverForm) }, t('deliveries.handover')), ' ',
      h('button', { type: 'button', class: 'secondary delivery-not-home-open', onclick: toggle(notHomeForm) }, t('deliveries.not_home'))),
    slot);
}

// The route editor: the day's elders, each moved up or down; or set on the
// map (按地图排路线: the stops tapped one after another take places 1, 2, 3 …,
// the others follow as they were; a tapped one tapped again goes back out
// with those tapped after it; 重来 undoes the taps); or 就近排序 (from the
// canteen, the nearest stop next). The list and the map's numbers follow
// every change; 保存 keeps the order (with the kept route's other elders
// after them). The map is drawn when the editor is first opened; the list
// stays the way to do it all by keyboard or screen reader.
function routeEditor(id, meal, stops, kept, canteen, done, opened) {
  let ids = routeOf(stops);
  const elders = new Map(stops.map((s) => [s.elder.elder_id, s.elder]));
  const name = (eid) => elders.get(eid).name;
  const place = (eid) => ({ id: eid, lat: elders.get(eid).lat, lon: elders.get(eid).lon });
  let base = null;  // the order when 按地图排路线 began; null when not picking on the map
  let taps = [];
  let onMap = null;
  const list = h('ol', { id: 'route-list', class: 'route-list' });
  const say = h('p', { role: 'status', id: 'route-map-status', class: 'note' });
  const pickButton = h('button', { type: 'button', id: 'route-pick', class: 'secondary', 'aria-pressed': 'false' }, t('deliveries.map_pick'));
  const nearButton = h('button', { type: 'button', id: 'route-nearest', class: 'secondary' }, t('deliveries.map_nearest'));
  const againButton = h('button', { type: 'button', id: 'route-again', class: 'secondary', hidden: true }, t('deliveries.map_again'));
  const picking = () => base !== null;
  // A move in the list or 就近排序 ends a tapping (what it said no longer holds).
  const stopPicking = () => { if (picking()) say.textContent = ''; base = null; taps = []; };
  const show = (focus) => {
    list.replaceChildren(...ids.map((eid, i) => h('li', { dataset: { elder: eid }, class: taps.includes(eid) ? 'picked' : null },
      h('span', { class: 'route-name' }, name(eid)), ' ',
      h('button', { type: 'button', class: 'secondary inline route-up', disabled: i === 0, 'aria-label': t('deliveries.up', { name: name(eid) }),
        onclick: () => { stopPicking(); ids = moveStop(ids, i, -1); show(`[data-elder="${eid}"] .route-up`); } }, '↑'), ' ',
      h('button', { type: 'button', class: 'secondary inline route-down', disabled: i === ids.length - 1,
        'aria-label': t('deliveries.down', { name: name(eid) }),
        onclick: () => { stopPicking(); ids = moveStop(ids, i, 1); show(`[data-elder="${eid}"] .route-down`); } }, '↓'))));
    const again = focus && list.querySelector(focus);
    if (again && !again.disabled) again.focus();
    onMap?.show(ids, taps, picking());
    pickButton.setAttribute('aria-pressed', String(picking()));
    pickButton.textContent = t(picking() ? 'deliveries.map_pick_done' : 'deliveries.map_pick');
    againButton.hidden = !picking();
    if (picking()) say.textContent = t('deliveries.map_picking', { n: taps.length, total: ids.length });
  };
  const pickOnMap = (eid) => {
    if (!picking()) return;
    taps = tapStop(taps, eid);
    ids = tapOrder(base, taps);
    show();
  };
  pickButton.addEventListener('click', () => {
    if (picking()) { stopPicking(); say.textContent = t('deliveries.map_picked'); } else { base = [...ids]; taps = []; }
    show();
  });
  againButton.addEventListener('click', () => { ids = [...base]; taps = []; show(); });
  nearButton.addEventListener('click', () => {
    stopPicking();
    ids = nearestOrder(canteen, ids.map(place));
    say.textContent = t('deliveries.map_nearest_done');
    show();
  });
  const box = h('div', { id: 'route-map', class: 'map route-map', 'aria-label': t('deliveries.map_label') });
  const unplaced = ids.map(place).filter((p) => !Number.isFinite(p.lat) || !Number.isFinite(p.lon)).length;
  const editor = h('details', { class: 'card', id: 'route-editor', open: opened },
    h('summary', {}, t('deliveries.route')),
    h('p', { class: 'note' }, t('deliveries.map_hint')), box,
    unplaced ? h('p', { class: 'note', id: 'route-unplaced' }, t('deliveries.map_unplaced', { n: unplaced })) : null,
    h('p', { class: 'step-buttons route-map-buttons' }, pickButton, ' ', againButton, ' ', nearButton), say,
    h('p', { class: 'note' }, t('deliveries.route_hint')), list);
  // Drawn once the editor is open (a closed one has no size to fit the map to).
  editor.addEventListener('toggle', () => {
    if (!editor.open || box.dataset.drawn) return;
    box.dataset.drawn = '1';
    // The round's previous map (before a save or a redraw) goes first, with
    // its resize watch: one live map per screen.
    drawnMap?.remove();
    drawnMap = null;
    routeMap(box, {
      start: canteen && { lat: canteen.lat, lon: canteen.lon, label: canteen.name },
      stops: ids.map((eid) => ({ ...place(eid), label: name(eid) })),
      onPick: pickOnMap,
    }).then((m) => { drawnMap = m.map; onMap = m; show(); }).catch(() => { box.hidden = true; });
  });
  show();
  const save = h('button', { type: 'button', id: 'route-save' }, t('deliveries.route_save'));
  save.addEventListener('click', async () => {
    const rest = kept.filter((x) => !ids.includes(x));
    save.disabled = true;
    try {
      await api(`${path(id)}/delivery-route/${meal}`, { method: 'PUT', json: { elder_ids: [...ids, ...rest] } });
    } catch (err) {
      // Refused or offline: said, and the order as moved kept on screen to try again.
      save.disabled = false;
      await done(refusal(err), true, false);
      return;
    }
    await done(t('deliveries.route_saved'));
  });
  editor.append(save);
  return editor;
}

export async function render(view, { id }, query) {
  view.classList.add('team-today');
  const user = await me();
  const title = h('h1', { id: 'deliveries-title' }, t('deliveries.heading'));
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('samples.back'))), title);
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, { id }, query); }));
    return;
  }
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') || '') ? query.get('date') : districtDate();
  const meal = MEALS.includes(query.get('meal')) ? query.get('meal') : mealAt() === 'breakfast' ? 'lunch' : mealAt();
  const day = h('input', { type: 'date', id: 'deliveries-date', value: date, required: true });
  const mealBox = h('select', { id: 'deliveries-meal' }, MEALS.map((m) => h('option', { value: m, selected: m === meal }, t('meal.' + m))));
  const pick = h('form', { class: 'samples-day' }, h('label', { for: day.id }, t('samples.date')), day,
    h('label', { for: mealBox.id }, t('samples.f.meal')), mealBox, h('button', { type: 'submit', class: 'secondary' }, t('samples.show')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (day.value) location.hash = `#/staff/canteen/${encodeURIComponent(id)}/deliveries?date=${day.value}&meal=${mealBox.value}`;
  });
  const flash = h('p', { role: 'status', id: 'deliveries-status', class: 'today-flash', tabindex: '-1' });
  const body = h('div', { id: 'deliveries-body' });
  view.append(pick, flash, body);
  const draw = async () => {
    let answer;
    let kept = [];
    let canteen = null;  // where the route starts on the map (none when it cannot be read)
    try {
      [answer, kept, canteen] = await Promise.all([api(`${path(id)}/deliveries`, { query: { date, meal } }),
        api(`${path(id)}/delivery-route/${meal}`).then((r) => r.elder_ids || []),
        api(`/facilities/${encodeURIComponent(id)}`).catch(() => null)]);
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
      body.replaceChildren(h('p', { class: 'error', id: 'deliveries-refused', role: 'alert' },
        t(err.status === 403 ? 'deliveries.forbidden' : 'samples.not_found')));
      return;
    }
    const editorOpen = Boolean(body.querySelector('#route-editor')?.open);  // kept open when drawn again (after a save)
    const stops = answer.stops;  // in route order (position), those off the route after, by name
    const left = stops.filter(open).length;
    title.textContent = t('deliveries.of', { date, meal: t('meal.' + meal) });
    // The list drawn again first, then the message: what it says is on screen.
    // A failed read after a done step is said beside it, never as its failure.
    const done = async (message, bad = false, redraw = true) => {
      if (redraw) {
        try { await draw(); } catch (err) { message = `${message} ${refusal(err)}`; bad = true; }
      }
      flash.textContent = message;
      flash.classList.toggle('error', bad);
      flash.focus();
    };
    body.replaceChildren(
      h('p', { id: 'deliveries-count', class: 'today-teams' }, t('deliveries.count', { n: stops.length, left })),
      stops.length ? h('ul', { id: 'deliveries-stops', class: 'result-list delivery-stops' }, stops.map((s) => stopCard(id, s, done)))
        : h('p', { id: 'deliveries-none', class: 'today-none' }, t('deliveries.none')),
      stops.length > 1 && routeEditor(id, meal, stops, kept, canteen, done, editorOpen));
  };
  await draw();
}
