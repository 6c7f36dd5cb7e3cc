// A volunteer team's shifts (docs/volunteers.md "Shifts"; GET
// /volunteer-teams/{id}/shifts, today and the 30 days after): each with its
// date and times, title, places, sign-ups and check-ins (counts only: no
// names), its state (cancelled, with the reason), and a link to its list
// where the caller keeps it (the answer gives the code only then). The staff
// who organise the shift's activity (GET /activity-organisers; admins
// organise for all) get 取消岗位 on a shift that has not ended: the reason
// asked (1–200 characters, nothing sent without it), then 确认取消 sends
// POST /volunteer-shifts/{id}/cancel — its sign-ups not checked in are
// cancelled with it. Refusals in words; one request at a time (取消岗位
// disabled while it is pending); a 409 (cancelled by someone else, or
// ended, meanwhile) redraws the list and says why above it. Shown on the
// team desk (screens/volunteer_desk.js) and, for the teams that belong to
// an organiser, on the organisers' desk (screens/volunteer_shifts.js).
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { formErrors } from './care_form.js';
import { itemsOf, once, refusalText, row, say, statusLine } from './volunteer_desk_words.js';

// Whether the shift has ended (its date and end, district time) by now.
const ended = (s) => Date.parse(`${s.date}T${s.ends_at}:00+08:00`) <= Date.now();

// The form that asks for the reason, then cancels; onDone(answer) after the
// 200, onStale(err) after a 409. `ask` (取消岗位) is disabled while the
// request is pending, so no second form opens.
function cancelForm(s, ask, { onDone, onStale, onKeep }) {
  const reason = h('input', { type: 'text', maxlength: 200 });
  const summary = h('div', { tabindex: '-1' });
  const keep = h('button', { type: 'button', class: 'secondary', id: `vteam-keep-${s.id}` }, t('vteam.keep'));
  keep.addEventListener('click', onKeep);
  const form = h('form', { id: `vteam-cancel-form-${s.id}`, class: 'vteam-cancel-form', novalidate: true },
    row(`vteam-reason-${s.id}`, 'reason', t('vteam.reason'), reason, t('vteam.reason_hint')),
    h('p', { class: 'note' }, t('vteam.cancel_note')),
    summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', class: 'danger', id: `vteam-cancel-go-${s.id}` }, t('vteam.cancel_go', { title: s.title })), ' ', keep));
  const errors = formErrors(form, summary, `vteam-cancel-${s.id}`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const text = reason.value.trim();
      if (!text) {
        errors.show([{ field: 'reason', message: t('vteam.reason_missing') }], t('vdesk.form.check_first'));
        reason.focus();
        return;
      }
      errors.clear();
      ask.disabled = true;
      try {
        onDone(await api(`/volunteer-shifts/${s.id}/cancel`, { method: 'POST', json: { reason: text } }));
      } catch (err) {
        if (err.status === 409) {
          onStale(err);
          return;
        }
        const bad = err.status === 422 ? [{ field: 'reason', message: t('vteam.reason_missing') }] : [];
        errors.show(bad, refusalText(err));
      } finally {
        ask.disabled = false;
      }
    });
  });
  return form;
}

// One shift's entry: when, what, counts, state, its list, and 取消岗位 when
// `mayCancel` (`on`: the form's onDone and onStale).
function shiftItem(s, mayCancel, on) {
  const cancelled = s.status === 'cancelled';
  const slot = h('div', {});
  const item = h('li', { class: 'card vteam-shift', id: `vteam-shift-${s.id}`, dataset: { id: s.id, status: s.status } },
    h('h3', {}, t('vteam.when', { date: s.date, from: s.starts_at, to: s.ends_at }), ' ', s.title,
      cancelled ? [' ', h('span', { class: 'badge' }, t('vshift.cancelled'))] : ''),
    h('p', { class: 'vteam-counts' }, t('vteam.counts', { capacity: s.capacity, signed: s.signed_up, in: s.checked_in })),
    cancelled ? h('p', { class: 'vteam-reason' }, t('vteam.cancelled', { reason: s.cancel_reason || '' })) : null,
    s.code ? h('p', {}, h('a', { href: `#/staff/volunteer-shifts/${s.id}`, id: `vteam-open-${s.id}` }, t('vshift.open_list'))) : null,
    slot);
  if (!mayCancel) return item;
  const ask = h('button', { type: 'button', class: 'secondary', id: `vteam-cancel-${s.id}`, 'aria-expanded': 'false' }, t('vteam.cancel'));
  const close = () => { slot.replaceChildren(h('p', {}, ask)); ask.setAttribute('aria-expanded', 'false'); ask.focus(); };
  ask.addEventListener('click', () => {
    ask.setAttribute('aria-expanded', 'true');
    slot.replaceChildren(h('p', {}, ask), cancelForm(s, ask, { ...on, onKeep: close }));
    slot.querySelector('input').focus();
  });
  slot.append(h('p', {}, ask));
  return item;
}

// The team's shifts card; resolves when drawn. `organisers`: the caller's
// GET /activity-organisers items when the screen has them already (else
// fetched here).
export async function teamShiftsCard(team, organisers) {
  const id = `vteam-${team.id}`;
  const line = statusLine(`${id}-status`);
  const note = h('p', { class: 'note', id: `${id}-note` });
  const list = h('ul', { class: 'plain', id: `${id}-list` });
  const card = h('section', { class: 'card vteam', id, dataset: { team: team.id }, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, t('vteam.heading', { team: team.name })), note, line, list);
  const mine = organisers ?? itemsOf(await api('/activity-organisers').catch(() => ({ items: [] })));
  const organises = new Set(mine.map((o) => o.id));
  const draw = async () => {
    let answer;
    try {
      answer = await api(`/volunteer-teams/${team.id}/shifts`);
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error', role: 'alert', id: `${id}-problem` }, refusalText(err)));
      return;
    }
    note.textContent = t('vteam.note', { from: answer.from, to: answer.to });
    const items = itemsOf(answer);
    // The list as it is now, then what happened above it.
    const redrawSaying = async (text, bad) => {
      await draw();
      say(line, text, bad);
      line.focus();
    };
    const on = {
      onDone: (done) => redrawSaying(t('vteam.done', { title: done.title, n: done.signups_cancelled ?? 0 })),
      onStale: (err) => redrawSaying(refusalText(err), true),
    };
    list.replaceChildren(...items.map((s) => shiftItem(s, s.status === 'active' && organises.has(s.organiser_org_id) && !ended(s), on)));
    if (!items.length) list.append(h('li', { id: `${id}-none` }, t('vteam.none')));
  };
  await draw();
  return card;
}
