// #/activities/o/:id — one date of an activity (GET /activity-occurrences/
// {id}): when in words, where, its places, and signing up. A signed-out
// visitor is sent to sign in and back here; a resident signs up (POST
// …/signups; the birth date asked only when the activity has age limits)
// and then sees the state in words (GET …/my-signup): 已报名 with the
// six-digit door code large; 排队中 第 N 位; "有名额了！请在 HH:MM 前确认" with
// 确认参加 / 放弃名额 (accept / decline); 取消报名 after a confirm step in the
// page (no pop-up). A cancelled date or activity is explained and offers no
// sign-up. Read-aloud for elder mode. Data is text only (dom.js h()).
import { api, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { actionsOf, birthDateOk, hasAgeLimits, placesWords, problemField, problemText, signupState, whenWords } from '../js/activities_model.js';
import { readAloudButton, stopReading } from '../js/read_aloud.js';
import { actBack, cancelledNote } from './activity.js';

const DATE_SPOKEN = 'h1, .act-facts dt, .act-facts dd, .act-cancelled, #act-state, #act-state-note, #act-code-label, #act-code';

function dateFacts(o, a) {
  return h('dl', { class: 'facts act-facts' },
    h('dt', {}, t('act.when')), h('dd', { id: 'act-when' }, whenWords(o.starts_at, o.ends_at)),
    h('dt', {}, t('act.venue')), h('dd', { id: 'act-venue' },
      a.venue ? [h('a', { href: `#/f/${a.venue.id}`, id: 'act-venue-link' }, a.venue.name), a.venue.address ? ` (${a.venue.address})` : '']
        : a.address),
    h('dt', {}, t('act.organiser')), h('dd', {}, a.organiser?.name),
    h('dt', {}, t('act.places')), h('dd', { id: 'act-places' }, placesWords(o)));
}

// The sign-up part of the page, redrawn after every answer.
function signupSection(id, state) {
  const box = h('section', { class: 'card', id: 'act-signup', 'aria-labelledby': 'act-signup-title' });
  const status = h('div', { id: 'act-signup-status', role: 'alert' });
  const busy = (on) => {
    box.toggleAttribute('aria-busy', on);
    for (const b of box.querySelectorAll('button')) b.disabled = on;
  };
  const act = async (what, send) => {
    status.replaceChildren();
    busy(true);
    try {
      await send();
    } catch (e) {
      busy(false);
      // A birth date refused (outside the ages): said beside the field, in words.
      const birth = box.querySelector('#act-birth');
      if (birth && problemField(e) === 'birth_date') {
        const error = box.querySelector('#act-birth-error');
        error.textContent = problemText(e, state.activity);
        error.hidden = false;
        birth.setAttribute('aria-invalid', 'true');
        birth.focus();
        return;
      }
      status.replaceChildren(h('p', { class: 'error', id: 'act-signup-error' }, problemText(e, state.activity)));
      if (e.status !== 409) return;
    }
    await state.reload(what);
  };
  const draw = () => {
    const { user, occurrence: o, activity: a, signup } = state;
    const title = h('h2', { id: 'act-signup-title', tabindex: '-1' }, t('act.signup_heading'));
    box.replaceChildren(title);
    if (o.status === 'cancelled' || a.status === 'cancelled') {
      box.append(h('p', { class: 'big', id: 'act-closed' }, t('act.date_cancelled')));
      if (!signup) return title;
    }
    if (!user) {
      box.append(h('p', {}, t('act.sign_in_why')),
        h('p', {}, h('a', { class: 'button', id: 'act-signin', href: '#/signin?next=' + encodeURIComponent(`#/activities/o/${id}`) }, t('act.sign_in'))));
      return title;
    }
    if (user.role !== 'resident') {
      box.append(h('p', { class: 'note', id: 'act-staff' }, t('act.staff_note'), ' ',
        h('a', { href: `#/staff/activity-occurrences/${encodeURIComponent(id)}`, id: 'act-staff-door' }, t('act.staff_door'))));
      return title;
    }
    const s = signupState(signup);
    if (signup) {
      box.append(h('p', { class: 'big', id: 'act-state', dataset: { status: signup.status } }, t(s.key, s.params)));
      if (signup.status === 'confirmed') {
        box.append(h('p', { id: 'act-code-label' }, t('act.code_label')),
          h('p', { class: 'code-big', id: 'act-code', lang: 'en', 'data-speak': String(signup.code || '').split('').join(' ') }, signup.code));
      }
      if (signup.status === 'waiting') box.append(h('p', { class: 'note', id: 'act-state-note' }, t('act.state_waiting_note')));
      if (signup.status === 'offered') box.append(h('p', { class: 'note', id: 'act-state-note' }, t('act.state_offered_note')));
    }
    const actions = actionsOf(signup, o);
    if (!actions.length && !signup && o.status !== 'cancelled' && a.status !== 'cancelled') {
      box.append(h('p', { id: 'act-closed' }, t('act.date_started')));
    }
    if (actions.includes('signup')) {
      const ask = hasAgeLimits(a);
      const birthError = h('p', { class: 'error', id: 'act-birth-error', hidden: true });
      const f = h('form', { id: 'act-signup-form', novalidate: true },
        ask && [h('label', { for: 'act-birth' }, t('act.birth_date')),
          h('input', { type: 'date', id: 'act-birth', name: 'birth_date', required: true, autocomplete: 'bday', 'aria-describedby': 'act-birth-note act-birth-error' }),
          h('p', { class: 'note', id: 'act-birth-note' }, t('act.birth_date_note')), birthError],
        h('button', { type: 'submit', id: 'act-signup-send' }, signup ? t('act.signup_again') : t('act.signup')));
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        const json = {};
        if (ask) {
          const birth = String(f.elements.birth_date.value || '').trim();
          const bad = !birthDateOk(birth);
          birthError.hidden = !bad;
          birthError.textContent = bad ? t('act.birth_date_bad') : '';
          f.elements.birth_date.toggleAttribute('aria-invalid', bad);
          if (bad) { f.elements.birth_date.focus(); return; }
          json.birth_date = birth;
        }
        act('signup', () => api(`/activity-occurrences/${encodeURIComponent(id)}/signups`, { method: 'POST', json }));
      });
      box.append(f);
    }
    if (actions.includes('accept')) {
      box.append(h('p', {},
        h('button', { type: 'button', id: 'act-accept', onclick: () => act('accept', () => api(`/activity-signups/${signup.id}/accept`, { method: 'POST', json: {} })) }, t('act.accept')), ' ',
        h('button', { type: 'button', class: 'secondary', id: 'act-decline', onclick: () => act('decline', () => api(`/activity-signups/${signup.id}/decline`, { method: 'POST', json: {} })) }, t('act.decline'))));
    }
    if (actions.includes('cancel')) {
      const confirmBox = h('div', { class: 'confirm', id: 'act-cancel-confirm', hidden: true },
        h('p', { class: 'error' }, t('act.cancel_sure')),
        h('button', { type: 'button', class: 'danger', id: 'act-cancel-yes', onclick: () => act('cancel', () => api(`/activity-signups/${signup.id}/cancel`, { method: 'POST', json: {} })) }, t('act.cancel_yes')), ' ',
        h('button', { type: 'button', class: 'secondary', id: 'act-cancel-no', onclick: () => { confirmBox.hidden = true; ask.hidden = false; ask.focus(); } }, t('act.cancel_no')));
      const ask = h('button', { type: 'button', class: 'secondary', id: 'act-cancel', onclick: () => {
        confirmBox.hidden = false;
        ask.hidden = true;
        confirmBox.querySelector('button').focus();
      } }, t('act.cancel'));
      box.append(h('div', {}, ask, confirmBox));
    }
    if (state.done === 'cancel' && signup?.status === 'cancelled') box.append(h('p', { id: 'act-cancel-done' }, t('act.cancel_done')));
    box.append(status, h('p', {}, h('a', { href: '#/my/activities', id: 'act-to-mine' }, t('act.my_link'))));
    return title;
  };
  return { box, draw };
}

export async function render(view, { id }) {
  let o;
  try {
    o = await api(`/activity-occurrences/${encodeURIComponent(id)}`);
  } catch (e) {
    view.append(actBack(), h('h1', {}, t('act.activity')), h('p', { class: 'error big', role: 'alert', id: 'act-problem' }, problemText(e)),
      h('a', { class: 'button secondary', href: '#/activities' }, t('act.to_list')));
    return undefined;
  }
  const user = await me().catch(() => null);
  const mine = async () => (user?.role === 'resident'
    ? (await api(`/activity-occurrences/${encodeURIComponent(id)}/my-signup`)).signup : null);
  const state = { user, occurrence: o, activity: o.activity, signup: await mine().catch(() => null), done: null };
  const facts = dateFacts(o, o.activity);
  const part = signupSection(id, state);
  let live = true;
  state.reload = async (what) => {
    try {
      const [fresh, signup] = await Promise.all([api(`/activity-occurrences/${encodeURIComponent(id)}`), mine()]);
      Object.assign(state, { occurrence: fresh, activity: fresh.activity, signup, done: what });
    } catch {
      state.done = what;
    }
    if (!live) return;
    view.querySelector('#act-places').textContent = placesWords(state.occurrence);
    part.draw().focus();
  };
  view.classList.add('activity-date');
  fill(view, actBack(), h('h1', {}, o.activity.title),
    h('p', {}, h('a', { href: `#/activities/${o.activity_id}`, id: 'act-activity-link' }, t('act.activity'), ' · ', o.activity.title)),
    cancelledNote(o.activity),
    o.status === 'cancelled' && o.activity.status !== 'cancelled' && h('p', { class: 'error big act-cancelled', id: 'act-date-cancelled', role: 'status' },
      t('act.date_cancelled'), o.cancel_note ? h('br') : '', o.cancel_note ? t('act.cancelled_note', { note: o.cancel_note }) : ''),
    facts);
  const read = readAloudButton(view, DATE_SPOKEN, t('act.read_aloud'));
  if (read) view.append(read);
  part.draw();
  view.append(part.box);
  return () => { live = false; stopReading(); };
}
