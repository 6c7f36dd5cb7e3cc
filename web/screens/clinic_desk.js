// #/clinic-desk and #/clinic-desk/:id — the free clinics' desk for the
// organisers' staff and admins (docs/clinics.md, "Screens").
//
// #/clinic-desk: 新建义诊 — the session's form (organiser when the caller
// organises for several, GET /activity-organisers; title, description, a
// venue (GET /facilities?kind=venue) or an address, community, the filing
// number, the day, the first slot's start, the slot length, how many slots
// and places per slot, with the slots it makes shown as they are typed; the
// doctors as rows added and removed), checked as the contract checks it
// before sending (js/clinic_model.js), the server's 422 put by its field
// (doctors[i].field by its row), a 409 clash listed with 跳过冲突时段并创建;
// then the organisers' sessions (GET /organiser-clinic-sessions, newest
// first), each a link to its desk.
//
// #/clinic-desk/:id: one session's desk — 修改备案号和医生 (PUT
// /clinic-sessions/{id}, the doctors' rows as in the new session's form), a
// link to the session's activity (title, place, one slot's time or places,
// cancelling: screens/activity_edit.js), per slot its places, 查看预约
// (GET /clinic-slots/{occ}/bookings, read on demand: the read is audited)
// with each person's health note (an admin is told the notes are hidden),
// a link to the slot's door (check-in, screens/activity_door.js), and 电话预约:
// a caller booked by name and phone with the note and the consent given on
// the phone. One request at a time on every form; data is text only.
import { allPages, api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors, radioGroup, radioValue } from '../js/care_form.js';
import { oneAtATime } from '../js/job_post_view.js';
import { dayWords } from '../js/activities_model.js';
import { clashLines } from '../js/activity_desk_model.js';
import { addDays, bookingBody, bookingState, districtDay, editBody, LIMITS, sessionBody, sessionSpan,
  sessionValues, slotClock, slotPlaces, slotPlan } from '../js/clinic_model.js';
import { doctorRows } from '../js/clinic_doctor_rows.js';
import { refusal } from './clinic.js';
import { sessionWhere } from './clinics.js';

const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

// A 422 as [{field, message}] in words where the catalogue has them.
function fieldErrors(err) {
  const p = err.problem || {};
  const list = Array.isArray(p.errors) && p.errors.length ? p.errors : [{ field: p.field || '', message: p.detail || err.message }];
  return list.map((x) => ({ field: x.field || '', message: x.message || p.detail || err.message }));
}

const problemMessage = (x) => t('clinicdesk.check.' + x.problem, x.params || {});
function sessionForm({ organisers, venues, communities }, done, close) {
  const v = sessionValues();
  const text = (attrs = {}) => h('input', { type: 'text', ...attrs });
  const f = {
    title: text({ maxlength: LIMITS.title }), description: h('textarea', { rows: 3, maxlength: LIMITS.description }),
    venue_id: h('select', {}, h('option', { value: '' }, t('clinicdesk.venue_pick')), venues.map((x) => h('option', { value: String(x.id) }, x.name))),
    address: text({ maxlength: LIMITS.address }),
    community_id: h('select', {}, h('option', { value: '' }, t('clinicdesk.community_pick')), communities.map((c) => h('option', { value: String(c.id) }, c.name))),
    filing_number: text({ maxlength: LIMITS.filing_number, autocomplete: 'off' }),
    date: h('input', { type: 'date', min: districtDay(), max: addDays(districtDay(), LIMITS.days_ahead) }),
    start_time: h('input', { type: 'time' }),
    slot_minutes: text({ inputmode: 'numeric', value: v.slot_minutes }), slots: text({ inputmode: 'numeric' }),
    places_per_slot: text({ inputmode: 'numeric' }),
  };
  if (organisers.length > 1) {
    f.organiser_org_id = h('select', {}, h('option', { value: '' }, t('clinicdesk.organiser_pick')), organisers.map((o) => h('option', { value: String(o.id) }, o.name)));
  }
  const box = (k, hint) => fieldBox(`clinic-${k.replace(/_/g, '-')}`, k, t('clinicdesk.f.' + k), f[k], hint);
  const place = radioGroup('clinic-place', 'place', t('clinicdesk.f.place'), ['venue', 'address'], (x) => t('clinicdesk.place.' + x), v.place);
  const venueBox = box('venue_id');
  const addressBox = box('address');
  const plan = h('p', { class: 'note', id: 'clinic-plan', 'aria-live': 'polite' });
  const doctors = doctorRows();
  const summary = h('div', { tabindex: '-1', id: 'clinic-errors' });
  const clashes = h('div', { id: 'clinic-clash-box' });
  const form = h('form', { id: 'clinic-form', class: 'card clinic-form', novalidate: true, 'aria-labelledby': 'clinic-form-title' },
    h('h2', { id: 'clinic-form-title', tabindex: '-1' }, t('clinicdesk.new')),
    h('p', { class: 'free-note' }, t('clinicdesk.free_rule')),
    f.organiser_org_id && box('organiser_org_id'), box('title', t('clinicdesk.title_example')), box('description'),
    place, venueBox, addressBox, box('community_id', t('clinicdesk.community_hint')),
    box('filing_number', t('clinicdesk.filing_hint')), box('date'), box('start_time'),
    box('slot_minutes', t('clinicdesk.slot_minutes_hint')), box('slots', t('clinicdesk.slots_hint')),
    box('places_per_slot', t('clinicdesk.places_hint')), plan, doctors.node, summary, clashes,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'clinic-save' }, t('clinicdesk.save')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'clinic-close', onclick: close }, t('clinicdesk.close'))));
  const show = () => {
    venueBox.hidden = radioValue(place) !== 'venue';
    addressBox.hidden = radioValue(place) !== 'address';
    const p = slotPlan(f.start_time.value, f.slot_minutes.value, f.slots.value);
    plan.textContent = !p ? '' : p.fits ? t('clinicdesk.plan', { n: p.slots.length, from: p.first, to: p.last_end })
      : t('clinicdesk.check.past_midnight');
  };
  form.addEventListener('input', show);
  form.addEventListener('change', show);
  show();
  const values = () => ({ ...v, ...Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])), place: radioValue(place), doctors: doctors.values() });
  const errors = formErrors(form, summary, 'clinic');
  const save = async (skipClashes) => {
    errors.clear();
    clashes.replaceChildren();
    const { body, errors: before } = sessionBody(values(), { today: districtDay(), skipClashes });
    if (before.length) return errors.show(before.map((x) => ({ field: x.field, message: problemMessage(x) })), t('clinicdesk.not_saved'));
    try {
      await done(await api('/clinic-sessions', { method: 'POST', json: body }));
    } catch (err) {
      const code = err instanceof ApiError ? err.problem?.error || err.problem?.code : '';
      if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('clinicdesk.not_saved'));
      else if (err instanceof ApiError && err.status === 409 && code === 'clash') {
        const lines = clashLines(err.problem.clashes || []);
        const skip = h('button', { type: 'button', id: 'clinic-clash-skip' }, t('clinicdesk.skip_and_create'));
        skip.addEventListener('click', () => oneAtATime(form, () => save(true), [...form.querySelectorAll('button[type="submit"]'), skip]));
        clashes.append(h('div', { id: 'clinic-clash', class: 'card', role: 'alert' },
          h('p', { class: 'error' }, t('clinicdesk.clash_heading', { n: lines.length })),
          h('ul', { class: 'error', id: 'clinic-clash-list' }, lines.map((c) => h('li', {}, t(c.key, c.params)))),
          skipClashes ? null : h('p', { class: 'buttons' }, skip)));
        (skipClashes ? clashes.querySelector('p') : skip).focus?.();
      } else if (err instanceof ApiError && err.status === 403) errors.show([], t('clinicdesk.forbidden_organiser'));
      else errors.show([], refusal(err));
    }
    return undefined;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, () => save(false));
  });
  return form;
}

function sessionItem(s) {
  const a = s.activity;
  const span = sessionSpan(s);
  return h('li', { class: 'card clinic-item', dataset: { id: a.id, status: a.status } },
    h('h3', {}, h('a', { href: `#/clinic-desk/${a.id}`, id: `clinic-link-${a.id}` }, a.title)),
    h('p', {}, t('clinic.when', { day: dayWords(span.date), from: span.from, to: span.to }), ' · ', sessionWhere(a) || ''),
    h('p', {}, a.organiser?.name ?? '', ' · ', t('clinicdesk.taken_of', { taken: s.places_taken ?? 0, total: s.places_total ?? 0 }),
      a.status === 'cancelled' ? [' · ', h('span', { class: 'badge' }, t('clinic.cancelled'))] : ''));
}

// The sessions of the caller's organisers (admins: all), newest first.
async function organiserSessions() {
  return itemsOf(await api('/organiser-clinic-sessions'));
}

async function deskHome(view) {
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('clinicdesk.back'))), h('h1', {}, t('clinicdesk.heading')));
  let organisers;
  try {
    organisers = itemsOf(await api('/activity-organisers'));
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    view.append(h('p', { class: 'error', id: 'clinic-forbidden', role: 'alert' }, t('clinicdesk.forbidden')));
    return;
  }
  if (!organisers.length) {
    view.append(h('p', { class: 'error', id: 'clinic-forbidden', role: 'alert' }, t('clinicdesk.forbidden')));
    return;
  }
  const [venues, communities] = await Promise.all([allPages('/facilities', { kind: 'venue' }).catch(() => []),
    api('/areas/communities').then(itemsOf).catch(() => [])]);
  const list = h('ul', { class: 'plain clinic-list', id: 'clinic-list' });
  const flash = h('p', { role: 'status', id: 'clinic-status', tabindex: '-1' });
  const draw = async () => {
    const items = await organiserSessions();
    list.replaceChildren();
    fill(list, items.map(sessionItem));
    if (!items.length) list.append(h('li', { id: 'clinic-none' }, t('clinicdesk.none')));
  };
  const formBox = h('div', { id: 'clinic-form-box' });
  const newButton = h('button', { type: 'button', id: 'clinic-new' }, t('clinicdesk.new'));
  const closeForm = () => { formBox.replaceChildren(); newButton.focus(); };
  newButton.addEventListener('click', () => {
    formBox.replaceChildren(sessionForm({ organisers, venues, communities }, async (made) => {
      formBox.replaceChildren();
      const skipped = made.skipped || [];
      flash.replaceChildren(t('clinicdesk.created', { title: made.activity.title, n: (made.slots || []).length }), ' ',
        skipped.length ? t('clinicdesk.created_skipped', { n: skipped.length }) : '', ' ',
        h('a', { href: `#/clinic-desk/${made.activity.id}`, id: 'clinic-made-link' }, t('clinicdesk.open_made')));
      flash.focus();
      await draw();
    }, closeForm));
    formBox.querySelector('h2').focus();
  });
  view.append(h('p', {}, newButton), formBox, flash,
    h('section', { 'aria-labelledby': 'clinic-list-title' }, h('h2', { id: 'clinic-list-title' }, t('clinicdesk.list')),
      h('p', { class: 'note' }, t('clinicdesk.list_note')), list));
  await draw();
}

// One slot's bookings as the door list gives them, with the health notes.
function bookingsList(slot, answer) {
  const people = [...(answer.confirmed || []), ...(answer.offered || []),
    ...[...(answer.waiting || [])].sort((x, y) => x.position - y.position)];
  const box = h('div', { class: 'clinic-bookings', id: `clinic-bookings-${slot.seq}` });
  if (answer.health_notes_hidden) box.append(h('p', { class: 'note', id: `clinic-notes-hidden-${slot.seq}` }, t('clinicdesk.notes_hidden')));
  if (!people.length) box.append(h('p', { class: 'note' }, t('clinicdesk.bookings_none')));
  else {
    box.append(h('ol', { class: 'plain' }, people.map((p) => h('li', { class: 'clinic-booking', dataset: { signup: p.id, status: p.status } },
      h('p', {}, h('strong', { class: 'clinic-booking-name' }, p.name), ' ', h('span', {}, p.phone), ' · ',
        p.status === 'waiting' ? t('clinicdesk.position', { n: p.position }) : t('clinicdesk.code', { code: p.code }),
        p.status === 'offered' ? [' · ', t('clinicdesk.offered')] : '', p.by_staff ? [' · ', t('clinicdesk.by_staff')] : '',
        p.attendance === 'attended' ? [' · ', t('clinicdesk.attended')] : ''),
      answer.health_notes_hidden ? null : h('p', { class: 'clinic-health-note' }, p.health_note
        ? [h('span', { class: 'badge' }, t('clinicdesk.note_badge')), ' ', p.health_note] : t('clinicdesk.note_none'))))));
  }
  box.append(h('p', { class: 'note' }, t('clinicdesk.others', { cancelled: answer.cancelled ?? 0, lapsed: answer.lapsed ?? 0 })));
  return box;
}

function phoneForm(slotsOpen, done) {
  const f = {
    occurrence: h('select', {}, slotsOpen.map((x) => h('option', { value: String(x.occurrence_id) },
      `${slotClock(x)} · ${t(slotPlaces(x).key, slotPlaces(x).params)}`))),
    name: h('input', { type: 'text', maxlength: LIMITS.name, autocomplete: 'off' }),
    phone: h('input', { type: 'tel', maxlength: 20, autocomplete: 'off' }),
    health_note: h('textarea', { rows: 3, maxlength: LIMITS.health_note }),
  };
  const consent = h('input', { type: 'checkbox', id: 'clinic-phone-consent' });
  const summary = h('div', { tabindex: '-1', id: 'clinic-phone-errors' });
  const form = h('form', { id: 'clinic-phone-form', class: 'card', novalidate: true, 'aria-labelledby': 'clinic-phone-title' },
    h('h2', { id: 'clinic-phone-title' }, t('clinicdesk.phone_heading')), h('p', { class: 'note' }, t('clinicdesk.phone_note')),
    fieldBox('clinic-phone-slot', 'occurrence', t('clinicdesk.f.slot'), f.occurrence),
    fieldBox('clinic-phone-name', 'name', t('clinicdesk.f.name'), f.name),
    fieldBox('clinic-phone-phone', 'phone', t('clinicdesk.f.phone'), f.phone),
    fieldBox('clinic-phone-note', 'health_note', t('clinicdesk.f.health_note'), f.health_note, t('clinicdesk.note_hint', { max: LIMITS.health_note })),
    h('div', { class: 'field', dataset: { for: 'consent' } },
      h('div', { class: 'choice' }, consent, h('label', { for: 'clinic-phone-consent' }, t('clinicdesk.f.consent')))),
    summary, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'clinic-phone-save' }, t('clinicdesk.phone_save'))));
  const errors = formErrors(form, summary, 'clinic-phone');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const { body, errors: before } = bookingBody({ note: f.health_note.value, consent: consent.checked, name: f.name.value, phone: f.phone.value }, { staff: true });
      if (before.length) { errors.show(before.map((x) => ({ field: x.field, message: problemMessage(x) })), t('clinicdesk.not_booked')); return; }
      try {
        const made = await api(`/clinic-slots/${f.occurrence.value}/bookings`, { method: 'POST', json: body });
        f.name.value = '';
        f.phone.value = '';
        f.health_note.value = '';
        consent.checked = false;
        await done(made, body.name, Number(f.occurrence.value));
      } catch (err) {
        const code = err instanceof ApiError ? err.problem?.error || err.problem?.code : '';
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('clinicdesk.not_booked'));
        else if (code === 'already_signed_up') errors.show([], t('clinicdesk.error.already_signed_up'));
        else errors.show([], refusal(err));
      }
    });
  });
  return form;
}

// The session's filing number and doctors (PUT /clinic-sessions/{id}, the
// doctors replaced as a whole); `done(session)` after a 200.
function editForm(s, done, close) {
  const filing = h('input', { type: 'text', maxlength: LIMITS.filing_number, autocomplete: 'off', value: s.filing_number });
  const doctors = doctorRows(s.doctors || []);
  const summary = h('div', { tabindex: '-1', id: 'clinic-edit-errors' });
  const form = h('form', { id: 'clinic-edit-form', class: 'card', novalidate: true, 'aria-labelledby': 'clinic-edit-title' },
    h('h2', { id: 'clinic-edit-title', tabindex: '-1' }, t('clinicdesk.edit')),
    fieldBox('clinic-edit-filing', 'filing_number', t('clinicdesk.f.filing_number'), filing, t('clinicdesk.filing_hint')),
    doctors.node, summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'clinic-edit-save' }, t('clinicdesk.edit_save')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'clinic-edit-close', onclick: close }, t('clinicdesk.close'))));
  const errors = formErrors(form, summary, 'clinic-edit');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const { body, errors: before } = editBody({ filing_number: filing.value, doctors: doctors.values() });
      if (before.length) { errors.show(before.map((x) => ({ field: x.field, message: problemMessage(x) })), t('clinicdesk.not_edited')); return; }
      try {
        await done(await api(`/clinic-sessions/${s.activity.id}`, { method: 'PUT', json: body }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('clinicdesk.not_edited'));
        else errors.show([], refusal(err));
      }
    });
  });
  return form;
}

async function sessionDesk(view, id) {
  let s;
  try {
    s = await api(`/clinic-sessions/${encodeURIComponent(id)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    view.append(h('h1', {}, t('clinicdesk.session_heading')), h('p', { class: 'error', id: 'clinic-missing', role: 'alert' }, t('clinic.not_found')));
    return;
  }
  const a = s.activity;
  const head = h('p', { id: 'clinic-desk-facts' });
  const flash = h('p', { role: 'status', id: 'clinic-desk-status', tabindex: '-1' });
  const slotsBox = h('div', { id: 'clinic-desk-slots' });
  const phoneBox = h('div', { id: 'clinic-phone-box' });
  const shown = new Map();  // occurrence id → its bookings' answer, for the slots opened
  const bookings = async (slot) => {
    try {
      shown.set(slot.occurrence_id, await api(`/clinic-slots/${slot.occurrence_id}/bookings`));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 401)) shown.set(slot.occurrence_id, { forbidden: true });
      else throw err;
    }
  };
  const slotCard = (slot) => {
    const p = slotPlaces(slot);
    const answer = shown.get(slot.occurrence_id);
    const toggle = h('button', { type: 'button', class: 'secondary', id: `clinic-slot-${slot.seq}-show`, 'aria-expanded': String(Boolean(answer)) },
      t(answer ? 'clinicdesk.bookings_hide' : 'clinicdesk.bookings_show'));
    toggle.addEventListener('click', async () => {
      if (shown.has(slot.occurrence_id)) shown.delete(slot.occurrence_id);
      else { toggle.disabled = true; await bookings(slot); }
      draw();
      view.querySelector(`#clinic-slot-${slot.seq}-show`)?.focus();
    });
    return h('li', { class: 'card clinic-desk-slot', dataset: { occurrence: slot.occurrence_id, seq: slot.seq, status: slot.status } },
      h('h3', {}, t('clinicdesk.slot_of', { n: slot.seq, time: slotClock(slot) })),
      // A cancelled slot holds no places: its state only.
      h('p', { class: 'clinic-slot-places' }, t(p.key, p.params),
        p.tone === 'cancelled' ? '' : [' · ', t('clinicdesk.taken_of', { taken: slot.capacity - slot.places_left, total: slot.capacity })]),
      h('p', { class: 'buttons' }, toggle, ' ', h('a', { class: 'button secondary', href: `#/staff/activity-occurrences/${slot.occurrence_id}`,
        id: `clinic-slot-${slot.seq}-door` }, t('clinicdesk.door'))),
      answer && (answer.forbidden ? h('p', { class: 'error' }, t('clinicdesk.bookings_forbidden')) : bookingsList(slot, answer)));
  };
  const draw = () => {
    const span = sessionSpan(s);
    head.replaceChildren(t('clinic.when', { day: dayWords(span.date), from: span.from, to: span.to }), ' · ', sessionWhere(a) || '',
      ' · ', t('clinicdesk.filing_of', { number: s.filing_number }), ' · ', t('clinicdesk.taken_of', { taken: s.places_taken ?? 0, total: s.places_total ?? 0 }));
    slotsBox.replaceChildren(h('ol', { class: 'plain clinic-desk-slots' }, (s.slots || []).map(slotCard)));
  };
  const reload = async (occurrence) => {
    s = await api(`/clinic-sessions/${encodeURIComponent(id)}`);
    if (shown.has(occurrence)) await bookings(s.slots.find((x) => x.occurrence_id === occurrence));
    draw();
    drawPhone();
  };
  const drawPhone = () => {
    const open = (s.slots || []).filter((x) => x.status === 'scheduled' && a.status !== 'cancelled' && Date.parse(x.starts_at) > Date.now());
    const keep = phoneBox.querySelector('form');
    if (keep && open.length) {
      // Keep what is typed; refresh the slots' places in the choice.
      const select = keep.querySelector('#clinic-phone-slot');
      const chosen = select.value;
      select.replaceChildren(...open.map((x) => h('option', { value: String(x.occurrence_id), selected: String(x.occurrence_id) === chosen },
        `${slotClock(x)} · ${t(slotPlaces(x).key, slotPlaces(x).params)}`)));
      return;
    }
    phoneBox.replaceChildren(open.length ? phoneForm(open, async (made, name, occurrence) => {
      const st = bookingState(made.signup);
      flash.textContent = t('clinicdesk.booked', { name, state: t(st.key, st.params) });
      await reload(occurrence);
      flash.focus();
    }) : h('p', { class: 'note', id: 'clinic-phone-closed' }, t('clinicdesk.phone_closed')));
  };
  // Its filing number and doctors; the title, place, one slot's time or
  // places and cancelling are the activity's (#/staff/activities/{id}).
  const editBox = h('div', { id: 'clinic-edit-box' });
  const editButton = h('button', { type: 'button', class: 'secondary', id: 'clinic-edit' }, t('clinicdesk.edit'));
  const closeEdit = () => { editBox.replaceChildren(); editButton.focus(); };
  editButton.addEventListener('click', () => {
    editBox.replaceChildren(editForm(s, async (fresh) => {
      s = fresh;
      editBox.replaceChildren();
      draw();
      flash.textContent = t('clinicdesk.edited');
      flash.focus();
    }, closeEdit));
    editBox.querySelector('h2').focus();
  });
  // The phone form first: a call is taken at once, the slots' lists are read after.
  fill(view, h('p', {}, h('a', { href: '#/clinic-desk', class: 'back' }, '‹ ' + t('clinicdesk.back_list'))),
    h('h1', {}, t('clinicdesk.session_of', { title: a.title })),
    a.status === 'cancelled' && h('p', { class: 'error', id: 'clinic-cancelled' }, t('clinic.cancelled')),
    head, h('p', {}, h('a', { href: `#/clinics/${a.id}`, id: 'clinic-public-link' }, t('clinicdesk.public_page')), ' · ',
      h('a', { href: `#/staff/activities/${a.id}`, id: 'clinic-activity-link' }, t('clinicdesk.activity_page'))),
    a.status === 'cancelled' ? null : h('p', {}, editButton), editBox,
    flash, phoneBox,
    h('section', { 'aria-labelledby': 'clinic-desk-slots-title' }, h('h2', { id: 'clinic-desk-slots-title' }, t('clinicdesk.slots')), slotsBox));
  draw();
  drawPhone();
}

export async function render(view, params, query) {
  const user = await me();
  view.classList.add('clinic-desk');
  if (!user) {
    view.append(h('h1', {}, t('clinicdesk.heading')), signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  if (user.role === 'resident') {
    view.append(h('h1', {}, t('clinicdesk.heading')), h('p', { class: 'error', id: 'clinic-forbidden', role: 'alert' }, t('clinicdesk.forbidden')),
      h('p', {}, h('a', { href: '#/clinics', id: 'clinic-to-public' }, t('clinic.to_list'))));
    return;
  }
  if (params.id) await sessionDesk(view, params.id);
  else await deskHome(view);
  view.dataset.ready = '1';
}
