// The volunteer's shifts on their page (screens/my_volunteer.js,
// docs/volunteers.md "Shifts"): each sign-up with its shift's title, time
// and place and where it stands (已报名 / 已签到 / 已签退, the minutes
// counted); to check in or out the volunteer types the six-digit code read
// out or shown at the place (checked before sending: six digits) →
// POST /volunteer-signups/{id}/check-in | check-out {code}. A wrong code,
// too many codes, too early, the shift over: said in words. The sign-ups
// come from GET /me/volunteer/signups → {items: [{id, shift: {id, title,
// date, starts_at, ends_at}, status, checked_in_at, checked_out_at, minutes,
// record_id}]}; when that list cannot be read the card says so.
// Data only as text.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { hoursOf, momentText, refusalText, shiftTime } from './volunteer_self_words.js';

export const CODE = /^\d{6}$/;
// "１２３ ４５６" or "123-456" as typed → "123456".
export const cleanCode = (text) => String(text || '')
  .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48)).replace(/[\s-]/g, '');

// What a sign-up is at: cancelled, signed (not yet in), in, out.
export function signupStage(s) {
  if (s.status === 'cancelled') return 'cancelled';
  if (s.checked_out_at) return 'out';
  if (s.checked_in_at) return 'in';
  return 'signed';
}

function stageLine(s, stage) {
  if (stage === 'out') {
    return t('vol.shift_out', { in: momentText(s.checked_in_at), out: momentText(s.checked_out_at),
      hours: hoursOf(s.minutes), minutes: s.minutes ?? 0 });
  }
  if (stage === 'in') return t('vol.shift_in', { at: momentText(s.checked_in_at) });
  return t(`vol.shift_${stage}`);
}

// The code form of a sign-up at `stage` ('signed' → 签到, 'in' → 签退).
function codeForm(s, stage, done) {
  const id = s.id;
  const action = stage === 'signed' ? 'check-in' : 'check-out';
  const error = h('p', { class: 'field-error error', id: `vol-code-error-${id}`, hidden: true });
  const input = h('input', { id: `vol-code-${id}`, type: 'text', inputmode: 'numeric', maxlength: 12,
    autocomplete: 'off', lang: 'en', class: 'code-input vol-code', 'aria-describedby': `vol-code-hint-${id} vol-code-error-${id}` });
  const send = h('button', { type: 'submit', id: `vol-${action}-${id}` }, t(stage === 'signed' ? 'vol.check_in' : 'vol.check_out'));
  const form = h('form', { class: 'vol-code-form', id: `vol-code-form-${id}` },
    h('label', { for: `vol-code-${id}` }, t('vol.code_label')),
    h('p', { class: 'note', id: `vol-code-hint-${id}` }, t('vol.code_hint')),
    input, error, send);
  const showError = (message) => {
    error.textContent = message;
    error.hidden = !message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const code = cleanCode(input.value);
    if (!CODE.test(code)) { showError(t('vol.field.code')); input.focus(); return; }
    showError('');
    send.disabled = true;
    try {
      await api(`/volunteer-signups/${id}/${action}`, { method: 'POST', json: { code } });
      await done(t(action === 'check-in' ? 'vol.checked_in' : 'vol.checked_out_done', { title: titleOf(s) }));
    } catch (err) {
      send.disabled = false;
      showError(refusalText(err));
      input.select();
    }
  });
  return form;
}

const shiftOf = (s) => s.shift || s;
const titleOf = (s) => shiftOf(s).title || '';

function signupItem(s, done) {
  const shift = shiftOf(s);
  const stage = signupStage(s);
  const place = shift.place || shift.venue_name || shift.address || s.place || '';
  return h('li', { class: 'result vol-shift', id: `vol-shift-${s.id}`, dataset: { id: s.id, stage } },
    h('p', { class: 'vol-shift-title' }, h('strong', {}, titleOf(s))),
    h('p', {}, [shiftTime({ ...shift, date: shift.date || s.date }), place].filter(Boolean).join(' · ')),
    h('p', { class: 'vol-shift-stage' }, h('span', { class: 'badge' }, t(`vol.stage.${stage}`)), ' ', stageLine(s, stage)),
    stage === 'signed' || stage === 'in' ? codeForm(s, stage, done) : null);
}

// The shifts card. `answer` is the list's answer or its error; `done(message)` reloads the page's data.
export function shiftsSection(answer, done) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'vol-shifts-title' },
    h('h2', { id: 'vol-shifts-title' }, t('vol.shifts_title')));
  if (answer instanceof Error) {
    box.append(h('p', { class: 'error', id: 'vol-shifts-problem' },
      answer.status === 404 ? t('vol.shifts_unavailable') : refusalText(answer)));
    return box;
  }
  const items = (answer?.items || []).filter((s) => s.status !== 'cancelled');
  box.append(items.length
    ? h('ul', { class: 'result-list', id: 'vol-shifts' }, items.map((s) => signupItem(s, done)))
    : h('p', { id: 'vol-shifts-none' }, t('vol.shifts_none')),
  h('p', { class: 'note' }, t('vol.shifts_rule')));
  return box;
}
