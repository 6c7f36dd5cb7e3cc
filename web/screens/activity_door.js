// #/staff/activity-occurrences/:id — one date's door list for its organiser
// staff and admins (issue 18, service 8): check-in by the six-digit code (a
// big box, Enter submits, the result said in words), the sign-ups as the
// server lists them (GET /activity-occurrences/{id}/signups: confirmed,
// offered with until when, waiting in order; phones masked by the server),
// per person 已到 / 未到 (no-show, only once the date has started) / 清除,
// 取消报名 with a confirm step, and 电话报名: a caller signed up by name and
// phone (and birth date when the activity has age limits). One request at a
// time on every form.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors } from '../js/care_form.js';
import { oneAtATime, stamp } from '../js/job_post_view.js';
import { doorCode, phoneSignupBody, started } from '../js/activity_desk_model.js';
import { codeOf, fieldErrors, placesText, refusedText, whenText } from '../js/activity_desk_view.js';

// A sign-up's 409 (or check-in's) in words.
function signupConflict(err) {
  const code = codeOf(err);
  const known = ['already_signed_up', 'occurrence_cancelled', 'occurrence_started', 'not_confirmed', 'not_started', 'not_active'];
  return known.includes(code) ? t('actdesk.door.' + code) : t('actdesk.conflict', { detail: err.message });
}

// Check-in and 已到 open 2 hours before the start.
const doorCheckInOpen = (occ) => Date.now() >= Date.parse(occ.starts_at) - 2 * 3600e3;

// One row's buttons: 已到 / 未到 / 清除 and 取消报名, each one request at a time.
function rowActions(s, occ, act) {
  const box = h('p', { class: 'buttons' });
  const button = (label, cls, run, id) => {
    const b = h('button', { type: 'button', class: cls, id }, label);
    b.addEventListener('click', () => act(box, run));
    return b;
  };
  const mark = (value) => () => api(`/activity-signups/${s.id}/attendance`, { method: 'PUT', json: { attendance: value } });
  if (s.status === 'confirmed') {
    // 已到 from 2 hours before the start (the server's check-in window: 409 not_started before).
    if (s.attendance !== 'attended' && doorCheckInOpen(occ)) box.append(button(t('actdesk.door.attended'), '', mark('attended'), `signup-${s.id}-attended`), ' ');
    else if (s.attendance !== 'attended') box.append(h('span', { class: 'note', id: `signup-${s.id}-attended-later` }, t('actdesk.door.attended_from')), ' ');
    if (s.attendance !== 'no_show' && started(occ)) box.append(button(t('actdesk.door.no_show'), 'secondary', mark('no_show'), `signup-${s.id}-no-show`), ' ');
    if (s.attendance) box.append(button(t('actdesk.door.clear'), 'secondary', mark(''), `signup-${s.id}-clear`), ' ');
  }
  // An offer to a caller staff signed up: answered for them (a confirm step each).
  if (s.status === 'offered' && s.by_staff && !started(occ)) {
    for (const [step, cls] of [['accept', ''], ['decline', 'secondary']]) {
      const sure = button(t(`actdesk.door.${step}_confirm`, { name: s.name }), cls,
        () => api(`/activity-signups/${s.id}/${step}`, { method: 'POST', json: {} }), `signup-${s.id}-${step}-confirm`);
      const confirm = h('span', { hidden: true }, sure);
      const ask = h('button', { type: 'button', class: cls, id: `signup-${s.id}-${step}`, 'aria-expanded': 'false' }, t(`actdesk.door.${step}`));
      ask.addEventListener('click', () => {
        confirm.hidden = !confirm.hidden;
        ask.setAttribute('aria-expanded', String(!confirm.hidden));
        if (!confirm.hidden) sure.focus();
      });
      box.append(ask, ' ', confirm, ' ');
    }
  }
  if (!started(occ)) {
    const sure = button(t('actdesk.door.cancel_confirm', { name: s.name }), 'danger',
      () => api(`/activity-signups/${s.id}/cancel`, { method: 'POST', json: {} }), `signup-${s.id}-cancel-confirm`);
    // In a span: a button's display rule would show it despite [hidden].
    const confirm = h('span', { hidden: true }, sure);
    const ask = h('button', { type: 'button', class: 'secondary', id: `signup-${s.id}-cancel`, 'aria-expanded': 'false' }, t('actdesk.door.cancel'));
    ask.addEventListener('click', () => {
      confirm.hidden = !confirm.hidden;
      ask.setAttribute('aria-expanded', String(!confirm.hidden));
      if (!confirm.hidden) sure.focus();
    });
    box.append(ask, ' ', confirm);
  }
  return box;
}

// A check-in's 409 in words: not confirmed, outside the hours, a cancelled date.
function checkInConflict(err, code) {
  const why = codeOf(err);
  if (why === 'not_confirmed') return t('actdesk.door.code_not_confirmed', { code });
  if (why === 'check_in_closed') return t('actdesk.door.check_in_closed');
  if (why === 'occurrence_cancelled') return t('actdesk.door.occurrence_cancelled');
  return t('actdesk.door.not_confirmed_other', { code, detail: err.message });
}

const attendanceText = (s) => (s.attendance ? t('actdesk.door.mark.' + s.attendance) : t('actdesk.door.mark.none'));

function row(s, occ, act) {
  return h('li', { class: 'card act-signup', id: `signup-${s.id}`, dataset: { signup: s.id, status: s.status, attendance: s.attendance || '' } },
    h('p', {}, h('strong', { class: 'act-signup-name' }, s.name), ' ', h('span', { class: 'act-signup-phone' }, s.phone), ' · ',
      s.status === 'waiting' ? t('actdesk.door.position', { n: s.position }) : t('actdesk.door.code', { code: s.code }),
      s.by_staff ? [' · ', t('actdesk.door.by_staff')] : null),
    s.status === 'offered' && h('p', { class: 'note' }, s.offer_expires_at ? t('actdesk.door.offered_until', { at: stamp(s.offer_expires_at) }) : t('actdesk.door.offered')),
    s.status === 'confirmed' && h('p', { class: 'act-attendance' }, attendanceText(s)),
    rowActions(s, occ, act));
}

function phoneForm(occ, done) {
  const limited = (occ.activity?.age_min ?? null) !== null || (occ.activity?.age_max ?? null) !== null;
  const f = {
    name: h('input', { type: 'text', maxlength: 40, autocomplete: 'off' }),
    phone: h('input', { type: 'tel', maxlength: 20, autocomplete: 'off' }),
    birth_date: limited ? h('input', { type: 'date' }) : null,
  };
  const summary = h('div', { tabindex: '-1', id: 'door-phone-errors' });
  const form = h('form', { id: 'door-phone-form', class: 'card', novalidate: true, 'aria-labelledby': 'door-phone-title' },
    h('h2', { id: 'door-phone-title' }, t('actdesk.door.phone_heading')), h('p', { class: 'note' }, t('actdesk.door.phone_note')),
    fieldBox('door-phone-name', 'name', t('actdesk.door.f.name'), f.name),
    fieldBox('door-phone-phone', 'phone', t('actdesk.door.f.phone'), f.phone),
    f.birth_date && fieldBox('door-phone-birth', 'birth_date', t('actdesk.door.f.birth_date'), f.birth_date, t('actdesk.door.birth_hint')),
    summary, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'door-phone-save' }, t('actdesk.door.phone_save'))));
  const errors = formErrors(form, summary, 'door-phone');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const body = phoneSignupBody({ name: f.name.value, phone: f.phone.value, birth_date: f.birth_date?.value });
      try {
        const made = await api(`/activity-occurrences/${occ.id}/signups`, { method: 'POST', json: body });
        f.name.value = '';
        f.phone.value = '';
        if (f.birth_date) f.birth_date.value = '';
        await done(made, body.name);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('actdesk.not_saved'));
        else if (err instanceof ApiError && err.status === 409) errors.show([], signupConflict(err));
        else errors.show([], refusedText(err));
      }
    });
  });
  return form;
}

// What a new sign-up got, in words: a place with its code, or its place in line.
function signedUpText(s, name) {
  if (s.status === 'confirmed') return t('actdesk.door.signed_confirmed', { name, code: s.code });
  if (s.status === 'waiting') return t('actdesk.door.signed_waiting', { name, n: s.position });
  return t('actdesk.door.signed_other', { name, status: t('actdesk.door.status.' + s.status) });
}

export async function render(view, params, query) {
  const user = await me();
  if (!user) {
    view.append(h('h1', {}, t('actdesk.door.heading')),
      signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  let occ;
  try {
    occ = await api(`/activity-occurrences/${encodeURIComponent(params.id)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    view.append(h('h1', {}, t('actdesk.door.heading')), h('p', { class: 'error', id: 'door-missing', role: 'alert' }, t('actdesk.missing')));
    return;
  }
  view.append(h('p', {}, h('a', { href: `#/staff/activities/${occ.activity_id}`, class: 'back' }, '‹ ' + t('actdesk.door.back'))),
    h('h1', {}, t('actdesk.door.heading_of', { title: occ.activity?.title ?? '' })),
    // A cancelled date has no places to count (as on the activity's page): its status only.
    h('p', { id: 'door-when' }, whenText(occ),
      h('span', { id: 'door-places-part', hidden: occ.status === 'cancelled' }, ' · ', h('span', { id: 'door-places' }, placesText(occ))),
      ' · ', h('span', { class: 'badge' }, t('actdesk.occ_status.' + occ.status))));
  let list;
  try {
    list = await api(`/activity-occurrences/${occ.id}/signups`);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    view.append(h('p', { class: 'error', id: 'door-forbidden', role: 'alert' }, t('actdesk.door.forbidden')));
    return;
  }
  const flash = h('p', { role: 'status', id: 'door-status', tabindex: '-1' });
  const say = (message, bad = false) => { flash.textContent = message; flash.classList.toggle('error', bad); };
  const lists = h('div', { id: 'door-lists' });
  const reload = async () => {
    [occ, list] = await Promise.all([api(`/activity-occurrences/${occ.id}`), api(`/activity-occurrences/${occ.id}/signups`)]);
    view.querySelector('#door-places').textContent = placesText(occ);
    view.querySelector('#door-places-part').hidden = occ.status === 'cancelled';
    draw();
  };
  // One row's action at a time: its buttons disabled until it settles, the result said.
  const act = async (box, run) => {
    if (box.getAttribute('aria-busy') === 'true') return;
    box.setAttribute('aria-busy', 'true');
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    try {
      const s = await run();
      say(s?.status === 'cancelled' ? t('actdesk.door.cancelled_done') : t('actdesk.door.marked'));
      await reload();
    } catch (err) {
      say(err instanceof ApiError && err.status === 409 ? signupConflict(err) : refusedText(err), true);
      box.removeAttribute('aria-busy');
      for (const b of box.querySelectorAll('button')) b.disabled = false;
    }
    flash.focus();
  };
  const section = (key, rows, extra) => h('section', { 'aria-labelledby': `door-${key}-title` },
    h('h2', { id: `door-${key}-title` }, t('actdesk.door.list.' + key, { n: rows.length })),
    rows.length ? h('ol', { class: 'plain', id: `door-${key}` }, rows.map((s) => row(s, occ, act))) : h('p', { class: 'note' }, t('actdesk.door.empty')),
    extra);
  const draw = () => {
    lists.replaceChildren(
      section('confirmed', list.confirmed || []), section('offered', list.offered || []),
      section('waiting', [...(list.waiting || [])].sort((x, y) => x.position - y.position)),
      h('p', { class: 'note', id: 'door-others' }, t('actdesk.door.others', { cancelled: list.cancelled ?? 0, lapsed: list.lapsed ?? 0 })));
  };
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, style: { fontSize: '1.8rem', width: '10ch' } });
  const checkSummary = h('p', { role: 'status', id: 'door-check-result', tabindex: '-1' });
  const check = h('form', { id: 'door-check', class: 'card', novalidate: true, 'aria-labelledby': 'door-check-title' },
    h('h2', { id: 'door-check-title' }, t('actdesk.door.check_heading')),
    fieldBox('door-code', 'code', t('actdesk.door.f.code'), code, t('actdesk.door.code_hint')),
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'door-check-save' }, t('actdesk.door.check_in'))), checkSummary);
  const result = (text, bad) => { checkSummary.textContent = text; checkSummary.classList.toggle('error', bad); };
  check.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const typed = doorCode(code.value);
    if (!typed) { result(t('actdesk.door.code_bad'), true); code.focus(); return; }
    oneAtATime(check, async () => {
      try {
        const s = await api(`/activity-occurrences/${occ.id}/check-in`, { method: 'POST', json: { code: typed } });
        const who = s?.name || [...(list.confirmed || [])].find((x) => x.code === typed)?.name || typed;
        result(t('actdesk.door.checked_in', { name: who, code: typed }), false);
        code.value = '';
        await reload();
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) result(t('actdesk.door.unknown_code', { code: typed }), true);
        else if (err instanceof ApiError && err.status === 409) result(checkInConflict(err, typed), true);
        else if (err instanceof ApiError && err.status === 422) result(fieldErrors(err).map((x) => x.message).join('；'), true);
        else result(refusedText(err), true);
      }
      code.focus();
    });
  });
  const live = occ.status === 'scheduled' && !started(occ);
  view.append(check, flash, lists,
    live ? phoneForm(occ, async (made, name) => { say(signedUpText(made, name)); await reload(); flash.focus(); })
      : h('p', { class: 'note', id: 'door-phone-closed' }, t('actdesk.door.phone_closed')));
  draw();
  code.focus();
  view.dataset.ready = '1';
}
