// One volunteer shift's list for the organiser staff and the shift's team
// admins (docs/volunteers.md "Shifts"; #/staff/volunteer-shifts/{id}): the
// check-in code large, to be read out or shown at the place; the sign-ups
// (GET /volunteer-shifts/{id}) with 签到 / 签退 per volunteer — now, or at a
// time entered after the fact (`at` on the shift's day) — and 取消报名 before
// the check-in; a volunteer signed up by the staff ({volunteer_id}: chosen
// from the shift's team when the caller may read its roster, else typed);
// 确认全部工时 (POST …/confirm). Refusals in words; one request at a time.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { clockOf, DATE, instantOn } from './volunteer_desk_model.js';
import { itemsOf, minutesText, once, refusalText, row, say, stampOf, statusLine } from './volunteer_desk_words.js';

// The shift's day: its instants' date, else its occurrence's.
async function shiftDay(shift) {
  const fromStart = String(shift.starts_at || '').slice(0, 10);
  if (DATE.test(fromStart)) return fromStart;
  if (shift.date) return shift.date;
  if (!shift.occurrence_id) return '';
  const occ = await api(`/activity-occurrences/${shift.occurrence_id}`).catch(() => null);
  return occ?.date || String(occ?.starts_at || '').slice(0, 10);
}

const signupState = (s) => (s.checked_out_at ? 'out' : s.checked_in_at ? 'in' : s.status || 'signed');
const stateWords = (s) => { const k = `vshift.state.${signupState(s)}`; return t(k) !== k ? t(k) : String(s.status || ''); };

// One sign-up's row: who, state, times, minutes, and the buttons its state allows.
function signupRow(s, day, act) {
  const who = s.volunteer || {};
  const at = h('input', { type: 'time', id: `vshift-at-${s.id}`, class: 'vshift-at' });
  const buttons = h('span', { class: 'buttons' });
  const button = (label, cls, id, run) => {
    const b = h('button', { type: 'button', class: cls, id }, label);
    b.addEventListener('click', () => act(b, run));
    return b;
  };
  const whenBody = () => {
    const instant = at.value ? instantOn(day, at.value) : null;
    return instant ? { at: instant } : {};
  };
  const active = !['cancelled', 'withdrawn'].includes(s.status);
  if (active && !s.checked_in_at) {
    buttons.append(button(t('vshift.check_in'), '', `vshift-in-${s.id}`,
      () => api(`/volunteer-signups/${s.id}/check-in`, { method: 'POST', json: whenBody() })), ' ');
    buttons.append(button(t('vshift.cancel'), 'secondary', `vshift-cancel-${s.id}`,
      () => api(`/volunteer-signups/${s.id}`, { method: 'DELETE' })), ' ');
  } else if (active && !s.checked_out_at) {
    buttons.append(button(t('vshift.check_out'), '', `vshift-out-${s.id}`,
      () => api(`/volunteer-signups/${s.id}/check-out`, { method: 'POST', json: whenBody() })), ' ');
  }
  const open = buttons.childNodes.length > 0;
  return h('tr', { id: `vshift-signup-${s.id}`, dataset: { id: s.id, volunteer: who.id ?? '', state: signupState(s) } },
    h('th', { scope: 'row' }, who.name || '', h('br'), h('span', { class: 'note' }, who.volunteer_no || '')),
    h('td', { class: 'vshift-state' }, stateWords(s)),
    h('td', { class: 'vshift-in-at' }, stampOf(s.checked_in_at).slice(11)),
    h('td', { class: 'vshift-out-at' }, stampOf(s.checked_out_at).slice(11)),
    h('td', { class: 'num vshift-minutes' }, s.minutes !== null && s.minutes !== undefined ? minutesText(s.minutes) : ''),
    h('td', {}, open ? [h('label', { for: at.id, class: 'note' }, t('vshift.at_label')), ' ', at, ' ', buttons] : ''));
}

// The shift's team's active volunteers when the caller may read them (an
// audited read: once per page), else null.
const teamChoices = (shift) => (shift.team_id
  ? api('/volunteers', { query: { team_id: shift.team_id, status: 'active' } }).then(itemsOf).catch(() => null)
  : Promise.resolve(null));

// What the typed volunteer names: their volunteer number (V + 8 digits, as
// read out; a lower-case v forgiven) or a system id; null when neither.
function typedVolunteer(text) {
  const v = String(text || '').trim();
  if (/^[vV]\d{8}$/.test(v)) return { volunteer_no: 'V' + v.slice(1) };
  return /^\d{1,15}$/.test(v) && Number(v) >= 1 ? { volunteer_id: Number(v) } : null;
}

// Sign a volunteer up: the team's volunteers to choose from, else the
// volunteer's number (or system id) typed.
function addVolunteerForm(shift, choices, done) {
  const taken = new Set((shift.signups || []).filter((s) => s.status !== 'cancelled').map((s) => s.volunteer?.id));
  const picker = choices
    ? h('select', {}, h('option', { value: '' }, t('vshift.add_choose')),
      choices.filter((v) => !taken.has(v.id)).map((v) => h('option', { value: v.id }, `${v.name} ${v.volunteer_no || ''}`)))
    : h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 20, placeholder: 'V12345678' });
  const line = statusLine('vshift-add-status');
  const form = h('form', { id: 'vshift-add', novalidate: true },
    row('vshift-add-volunteer', 'volunteer_id', choices ? t('vshift.add_volunteer') : t('vshift.add_volunteer_id'), picker,
      choices ? null : t('vshift.add_volunteer_id_hint')),
    h('p', {}, h('button', { type: 'submit', id: 'vshift-add-go' }, t('vshift.add_go'))), line);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const who = choices ? (Number(picker.value) >= 1 ? { volunteer_id: Number(picker.value) } : null) : typedVolunteer(picker.value);
      if (!who) { say(line, t('vshift.add_missing'), true); picker.focus(); return; }
      try {
        await api(`/volunteer-shifts/${shift.id}/signups`, { method: 'POST', json: who });
        await done(t('vshift.added'));
      } catch (err) {
        const unknown = err?.status === 422 && ['volunteer_no', 'volunteer_id'].includes(err.problem?.field);
        say(line, unknown ? t('vshift.add_unknown') : refusalText(err), true);
      }
    });
  });
  return form;
}

// The shift's page into `box`; resolves when drawn.
export async function shiftPage(box, id) {
  let shift;
  try {
    shift = await api(`/volunteer-shifts/${encodeURIComponent(id)}`);
  } catch (err) {
    box.append(h('p', { class: 'error', role: 'alert', id: 'vshift-problem' }, refusalText(err)));
    return;
  }
  const [day, choices] = await Promise.all([shiftDay(shift), teamChoices(shift)]);
  const line = statusLine('vshift-status');
  const table = h('tbody', { id: 'vshift-signups' });
  const addBox = h('div', { id: 'vshift-add-box' });
  const counts = h('p', { id: 'vshift-counts', class: 'note' });
  const act = (button, run) => once(button, async () => {
    try {
      await run();
      await redraw(t('vshift.done'));
    } catch (err) {
      say(line, refusalText(err), true);
      line.focus();
    }
  });
  async function redraw(message) {
    if (message !== undefined) shift = await api(`/volunteer-shifts/${shift.id}`);
    drawFacts();
    const signups = shift.signups || [];
    table.replaceChildren(...signups.map((s) => signupRow(s, day, act)));
    if (!signups.length) table.append(h('tr', { id: 'vshift-none' }, h('td', { colspan: 6 }, t('vshift.no_signups'))));
    const out = signups.filter((s) => s.checked_out_at);
    counts.textContent = t('vshift.counts', { signed: signups.filter((s) => s.status !== 'cancelled').length, capacity: shift.capacity,
      out: out.length, total: minutesText(out.reduce((a, s) => a + (Number(s.minutes) || 0), 0)) });
    addBox.replaceChildren(addVolunteerForm(shift, choices, redraw));
    if (message) say(line, message);
  }
  const confirm = h('button', { type: 'button', id: 'vshift-confirm' }, t('vshift.confirm_all'));
  confirm.addEventListener('click', () => once(confirm, async () => {
    try {
      const r = await api(`/volunteer-shifts/${shift.id}/confirm`, { method: 'POST', json: {} });
      say(line, t('vshift.confirmed', { n: r?.confirmed ?? 0 }));
      line.focus();
    } catch (err) {
      say(line, refusalText(err), true);
    }
  }));
  // The shift's facts, with its places left as the last read says.
  const facts = h('p', { id: 'vshift-facts' });
  const drawFacts = () => {
    facts.textContent = [t('vshift.when', { day, from: clockOf(shift.starts_at), to: clockOf(shift.ends_at) }),
      t('vshift.capacity', { capacity: shift.capacity, left: shift.places_left ?? '' }),
      t('vshift.min_age', { age: shift.min_age ?? '' }),
      shift.risky ? t('vshift.risky') : null, shift.training ? t('vshift.training', { name: shift.training }) : null].filter(Boolean).join(' · ');
  };
  box.append(h('h2', { id: 'vshift-title' }, shift.title),
    facts,
    shift.occurrence_id ? h('p', {}, h('a', { href: `#/staff/volunteer-shifts?occ=${shift.occurrence_id}`, id: 'vshift-back-occ' }, t('vshift.back_occ'))) : null,
    h('section', { class: 'card vshift-code-card', 'aria-labelledby': 'vshift-code-title' },
      h('h3', { id: 'vshift-code-title' }, t('vshift.code_heading')),
      h('p', { class: 'code-big', id: 'vshift-code', lang: 'en' }, shift.code || ''),
      h('p', { class: 'note' }, t('vshift.code_note'))),
    h('section', { class: 'card', 'aria-labelledby': 'vshift-list-title' },
      h('h3', { id: 'vshift-list-title' }, t('vshift.list')),
      h('p', { class: 'note' }, t('vshift.list_note')), counts, line,
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'vshift-list-title' }, h('table', { id: 'vshift-table' },
        h('thead', {}, h('tr', {}, ['who', 'state', 'in', 'out', 'minutes', 'act'].map((k) => h('th', { scope: 'col' }, t('vshift.col.' + k))))),
        table)),
      h('p', {}, confirm), h('p', { class: 'note' }, t('vshift.confirm_note'))),
    h('section', { class: 'card', 'aria-labelledby': 'vshift-add-title' }, h('h3', { id: 'vshift-add-title' }, t('vshift.add_heading')), addBox));
  await redraw();
}
