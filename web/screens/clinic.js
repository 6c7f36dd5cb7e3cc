// #/clinics/:id — one free clinic (GET /clinic-sessions/{id}, docs/clinics.md):
// the day and place, the organiser, the health authority's filing number
// (备案号), the doctors by department (name, 职称, practising licence number:
// public, so a resident can check who sees them), and the slots with their
// places left. Choosing a slot opens the booking: the account's name and
// phone, an optional health note (what the doctor should know) with its
// consent box, which must be ticked when a note is written (said beside it
// before anything is sent); POST /clinic-slots/{occ}/bookings → the door
// code large, or the place in line. A resident's own bookings come from
// GET /my/activity-signups (one read for every slot, then her own note on
// each slot she holds: …/my-booking); cancelling or
// accepting an offered place is the activity date's page
// (#/activities/o/{occ}). Signed out: sign in and back here; staff: the
// clinic desk. Elder mode: the page's own 60 px targets, read aloud. Data
// is text only (dom.js h()).
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { dayWords, problemText } from '../js/activities_model.js';
import { readAloudButton, stopReading } from '../js/read_aloud.js';
import { activeBooking, bookable, bookingBody, bookingState, byDepartment, LIMITS, sessionSpan, slotClock, slotPlaces } from '../js/clinic_model.js';
import { sessionWhere } from './clinics.js';

const SPOKEN = 'h1, .clinic-facts dt, .clinic-facts dd, #clinic-doctors h3, #clinic-doctors li, #clinic-answer';

function back() {
  return h('button', { type: 'button', class: 'back secondary', onclick: () => {
    if (history.length > 1) history.back(); else location.hash = '#/clinics';
  } }, '‹ ' + t('clinic.back'));
}

// A booking refused, in words: its 409 code, the consent, the note, or the server's words.
export function refusal(err) {
  if (!(err instanceof ApiError)) return t('common.offline');
  const code = err.problem?.error || err.problem?.code;
  if (err.status === 409 && code && t('clinic.error.' + code) !== 'clinic.error.' + code) return t('clinic.error.' + code);
  const field = err.problem?.field || err.problem?.errors?.[0]?.field;
  if (err.status === 422 && field && t('clinic.error.field.' + field) !== 'clinic.error.field.' + field) return t('clinic.error.field.' + field);
  return problemText(err);
}

function facts(s) {
  const a = s.activity;
  const span = sessionSpan(s);
  return h('dl', { class: 'facts clinic-facts' },
    h('dt', {}, t('clinic.f.when')), h('dd', { id: 'clinic-when' }, t('clinic.when', { day: dayWords(span.date), from: span.from, to: span.to })),
    h('dt', {}, t('clinic.f.where')), h('dd', { id: 'clinic-where' },
      a.venue ? [h('a', { href: `#/f/${a.venue.id}`, id: 'clinic-venue-link' }, a.venue.name), a.venue.address ? ` (${a.venue.address})` : '']
        : a.address),
    h('dt', {}, t('clinic.f.organiser')), h('dd', { id: 'clinic-organiser' }, a.organiser?.name ?? ''),
    h('dt', {}, t('clinic.f.filing')), h('dd', { id: 'clinic-filing' }, s.filing_number),
    h('dt', {}, t('clinic.f.slots')), h('dd', {}, t('clinic.slots_of', { n: (s.slots || []).length, minutes: s.slot_minutes, places: s.places_per_slot })));
}

function doctorsSection(s) {
  return h('section', { class: 'card', id: 'clinic-doctors', 'aria-labelledby': 'clinic-doctors-title' },
    h('h2', { id: 'clinic-doctors-title' }, t('clinic.doctors')),
    byDepartment(s.doctors).map((g, i) => h('div', { class: 'clinic-department', dataset: { department: g.department } },
      h('h3', { id: `clinic-dep-${i}` }, g.department),
      h('ul', { class: 'plain', 'aria-labelledby': `clinic-dep-${i}` }, g.doctors.map((d) => h('li', { class: 'clinic-doctor' },
        h('strong', {}, d.name), ' · ', d.title, ' · ', t('clinic.licence', { number: d.licence_number })))))),
    h('p', { class: 'note' }, t('clinic.doctors_note')));
}

// The booking form of one slot for a resident: name and phone of the
// account, the note, the consent; `done(answer)` after a 201.
function bookingForm(slot, user, done) {
  const note = h('textarea', { id: 'clinic-note', rows: 3, maxlength: LIMITS.health_note, 'aria-describedby': 'clinic-note-hint' });
  const consent = h('input', { type: 'checkbox', id: 'clinic-consent', 'aria-describedby': 'clinic-consent-error' });
  const consentError = h('p', { class: 'error', id: 'clinic-consent-error', hidden: true });
  const noteError = h('p', { class: 'error', id: 'clinic-note-error', hidden: true });
  const status = h('div', { id: 'clinic-book-status', role: 'alert' });
  const send = h('button', { type: 'submit', id: 'clinic-book-send' }, t('clinic.book_send'));
  const form = h('form', { id: 'clinic-book-form', class: 'card', novalidate: true, 'aria-labelledby': 'clinic-book-title' },
    h('h2', { id: 'clinic-book-title', tabindex: '-1' }, t('clinic.book_heading', { time: slotClock(slot) })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('clinic.f.name')), h('dd', { id: 'clinic-book-name' }, user.display_name || user.username),
      h('dt', {}, t('clinic.f.phone')), h('dd', { id: 'clinic-book-phone' }, user.phone || '')),
    h('label', { for: 'clinic-note' }, t('clinic.note_label')),
    note, h('p', { class: 'note', id: 'clinic-note-hint' }, t('clinic.note_hint', { max: LIMITS.health_note })), noteError,
    h('div', { class: 'choice clinic-consent' }, consent, h('label', { for: 'clinic-consent' }, t('clinic.consent_label'))),
    consentError, status, h('p', {}, send));
  const clear = () => {
    for (const [p, el] of [[consentError, consent], [noteError, note]]) { p.hidden = true; p.textContent = ''; el.removeAttribute('aria-invalid'); }
    status.replaceChildren();
  };
  const say = (field, text) => {
    const [p, el] = field === 'consent' ? [consentError, consent] : [noteError, note];
    p.textContent = text;
    p.hidden = false;
    el.setAttribute('aria-invalid', 'true');
    el.focus();
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    clear();
    const { body, errors } = bookingBody({ note: note.value, consent: consent.checked });
    if (errors.length) { say(errors[0].field, t('clinic.check.' + errors[0].problem, errors[0].params || {})); return; }
    form.setAttribute('aria-busy', 'true');
    send.disabled = true;
    try {
      await done(await api(`/clinic-slots/${slot.occurrence_id}/bookings`, { method: 'POST', json: body }));
    } catch (err) {
      const field = err instanceof ApiError && err.status === 422 ? err.problem?.field || err.problem?.errors?.[0]?.field : null;
      if (field === 'consent' || field === 'health_note') say(field, refusal(err));
      else status.replaceChildren(h('p', { class: 'error', id: 'clinic-book-error' }, refusal(err)));
    }
    form.removeAttribute('aria-busy');
    send.disabled = false;
  });
  return form;
}

// What a booking got: the door code large, or the place in line, and where to change it.
function answerBox(signup, note) {
  const st = bookingState(signup);
  return h('section', { class: 'card', id: 'clinic-answer', role: 'status', dataset: { status: signup.status }, 'aria-labelledby': 'clinic-answer-title' },
    h('h2', { id: 'clinic-answer-title', tabindex: '-1' }, t(st.key, st.params)),
    signup.status === 'confirmed' && [h('p', { id: 'clinic-code-label' }, t('clinic.code_label')),
      h('p', { class: 'code-big', id: 'clinic-code', lang: 'en', 'data-speak': String(signup.code || '').split('').join(' ') }, signup.code)],
    signup.status === 'waiting' && h('p', { class: 'note' }, t('clinic.waiting_note')),
    note ? h('p', { id: 'clinic-answer-note' }, t('clinic.note_kept', { note })) : null,
    h('p', {}, h('a', { href: `#/activities/o/${signup.occurrence_id}`, id: 'clinic-change' }, t('clinic.change_link'))));
}

export async function render(view, { id }) {
  let s;
  try {
    s = await api(`/clinic-sessions/${encodeURIComponent(id)}`);
  } catch (e) {
    view.append(back(), h('h1', {}, t('clinic.heading')), h('p', { class: 'error big', role: 'alert', id: 'clinic-problem' },
      e instanceof ApiError && e.status === 404 ? t('clinic.not_found') : problemText(e)),
    h('a', { class: 'button secondary', href: '#/clinics' }, t('clinic.to_list')));
    return undefined;
  }
  const user = await me().catch(() => null);
  const resident = user?.role === 'resident';
  const mine = async () => {
    if (!resident) return new Map();
    const list = (await api('/my/activity-signups', { query: { scope: 'upcoming' } })).items || [];
    const ids = new Set((s.slots || []).map((x) => x.occurrence_id));
    const out = new Map();
    for (const x of list) if (ids.has(x.occurrence_id) && activeBooking(x)) out.set(x.occurrence_id, x);
    // Her own note on each slot she holds (GET …/my-booking; usually one).
    await Promise.all([...out.keys()].map(async (occ) => {
      const b = await api(`/clinic-slots/${occ}/my-booking`).catch(() => null);
      if (b?.health_note) out.get(occ).health_note = b.health_note;
    }));
    return out;
  };
  let bookings = await mine().catch(() => new Map());
  const a = s.activity;
  view.classList.add('clinic');
  fill(view, back(), h('h1', {}, a.title),
    a.status === 'cancelled' && h('p', { class: 'error big', id: 'clinic-cancelled', role: 'status' }, t('clinic.cancelled'),
      a.cancel_note ? ` ${t('clinic.cancelled_note', { note: a.cancel_note })}` : ''),
    facts(s), h('p', { class: 'free-note' }, t('clinic.free_note')));
  const read = readAloudButton(view, SPOKEN, t('clinic.read_aloud'));
  if (read) view.append(read);
  view.append(doctorsSection(s));
  if (a.description) {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'clinic-description-title' },
      h('h2', { id: 'clinic-description-title' }, t('clinic.description')),
      String(a.description).split(/\n+/).filter((x) => x.trim()).map((line) => h('p', {}, line))));
  }
  const slotsBox = h('section', { class: 'card', 'aria-labelledby': 'clinic-slots-title' });
  const bookBox = h('div', { id: 'clinic-book' });
  let live = true;
  const open = (slot) => {
    bookBox.replaceChildren(bookingForm(slot, user, async (made) => {
      const fresh = await api(`/clinic-sessions/${encodeURIComponent(id)}`).catch(() => s);
      if (!live) return;
      s = fresh;
      bookings = await mine().catch(() => bookings);
      drawSlots();
      bookBox.replaceChildren(answerBox(made.signup, made.health_note));
      bookBox.querySelector('h2').focus();
    }));
    bookBox.querySelector('h2').focus();
  };
  const slotRow = (slot) => {
    const p = slotPlaces(slot);
    const held = bookings.get(slot.occurrence_id);
    let action = null;
    if (held) {
      const st = bookingState(held);
      action = [h('p', { class: 'clinic-mine' }, h('span', { class: 'badge' }, t(st.key, st.params)), ' ',
        h('a', { href: `#/activities/o/${slot.occurrence_id}`, id: `clinic-slot-${slot.seq}-mine` }, t('clinic.change_link'))),
      held.health_note ? h('p', { class: 'clinic-mine-note', id: `clinic-slot-${slot.seq}-note` }, t('clinic.note_kept', { note: held.health_note })) : null];
    } else if (bookable(slot, s) && resident) {
      action = h('button', { type: 'button', id: `clinic-slot-${slot.seq}-book`, class: p.tone === 'open' ? '' : 'secondary',
        onclick: () => open(slot) }, t(p.tone === 'open' ? 'clinic.book' : 'clinic.book_line'));
    }
    return h('li', { class: 'result clinic-slot', dataset: { occurrence: slot.occurrence_id, seq: slot.seq, status: slot.status } },
      h('p', { class: 'clinic-slot-time' }, h('strong', {}, slotClock(slot))),
      h('p', { class: `clinic-slot-places clinic-${p.tone}` }, p.tone === 'open' ? t(p.key, p.params) : h('span', { class: 'badge' }, t(p.key, p.params))),
      action);
  };
  const drawSlots = () => {
    const list = s.slots || [];
    slotsBox.replaceChildren(h('h2', { id: 'clinic-slots-title' }, t('clinic.slots')),
      h('p', { id: 'clinic-places' }, t('clinic.places_total', { taken: s.places_taken ?? 0, total: s.places_total ?? 0 })),
      list.length ? h('ol', { class: 'result-list', id: 'clinic-slots' }, list.map(slotRow)) : h('p', {}, t('clinic.slots_none')));
    if (!user) {
      slotsBox.append(h('p', {}, t('clinic.sign_in_why')),
        h('p', {}, h('a', { class: 'button', id: 'clinic-signin', href: '#/signin?next=' + encodeURIComponent(`#/clinics/${id}`) }, t('clinic.sign_in'))));
    } else if (!resident) {
      slotsBox.append(h('p', { class: 'note', id: 'clinic-staff' }, t('clinic.staff_note'), ' ',
        h('a', { href: `#/clinic-desk/${encodeURIComponent(id)}`, id: 'clinic-staff-desk' }, t('clinic.staff_desk'))));
    }
  };
  drawSlots();
  view.append(slotsBox, bookBox, h('p', {}, h('a', { href: '#/clinics', id: 'clinic-to-list' }, t('clinic.to_list'))));
  return () => { live = false; stopReading(); };
}
