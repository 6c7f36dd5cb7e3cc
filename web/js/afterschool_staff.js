// A programme's staff and volunteers (docs/afterschool.md "Staff and
// volunteers"; the organiser's part of screens/afterschool_desk.js): the
// list as GET …/staff gives it, each with the background check's date and
// its re-check — 需复查 flagged in words and by a badge (an adult whose
// re-check is due does not count on duty); edited as rows (the person —
// chosen by name from the organiser's members, GET
// /organisations/{id}/members, or 其他人 by user number for someone outside
// it —, 工作人员 / 志愿者, the check's date; added and removed) and saved
// whole by PUT …/staff, checked first as the contract checks it (no date in
// the future, no one twice, at most 50). Data only as text.
import { api, ApiError } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { formErrors } from './care_form.js';
import { oneAtATime } from './job_post_view.js';
import { districtDay, recheck, staffBody } from './afterschool_model.js';
import { checkMessages, fieldErrors, refusalText } from './afterschool_words.js';

// One member as a line: name, role, checked on, re-check (flagged when due).
export function staffLine(s) {
  const due = s.recheck_due ?? recheck(s.background_checked_on, districtDay()).due;
  const dueOn = s.recheck_due_on || recheck(s.background_checked_on, districtDay()).due_on;
  return h('li', { class: `as-staff${due ? ' as-recheck-due' : ''}`, dataset: { user: s.user_id, due: String(Boolean(due)) } },
    h('strong', {}, s.display_name || t('asdesk.user_of', { id: s.user_id })), ' · ', t('asdesk.role.' + s.role), ' · ',
    t('asdesk.checked_on', { date: s.background_checked_on }), ' · ',
    due ? h('span', { class: 'badge as-flag' }, t('asdesk.recheck_due', { date: dueOn })) : t('asdesk.recheck_on', { date: dueOn }));
}

// The organiser's members (GET /organisations/{id}/members) as
// [{id, display_name, role}]; [] when unknown or not to be read.
async function membersOf(orgId) {
  if (!orgId) return [];
  return api(`/organisations/${orgId}/members`).then((a) => a?.items || []).catch(() => []);
}

// The person of a row: a select of the members (and of whoever the list
// already has), with 其他人 revealing a user number field.
const OTHER = 'other';
function personField(s, members) {
  const known = new Map(members.map((m) => [String(m.id), t('asdesk.member_is', { name: m.display_name, role: t('asdesk.members_role.' + m.role) })]));
  if (s.user_id !== '' && s.user_id !== undefined && !known.has(String(s.user_id)))
    known.set(String(s.user_id), s.display_name || t('asdesk.user_of', { id: s.user_id }));
  const pick = h('select', { class: 'as-staff-user' }, h('option', { value: '' }, t('asdesk.members_pick')),
    [...known].map(([value, label]) => h('option', { value, selected: String(s.user_id) === value }, label)),
    h('option', { value: OTHER }, t('asdesk.member_other')));
  const other = h('input', { type: 'text', inputmode: 'numeric', class: 'as-staff-other', hidden: true, 'aria-label': t('asdesk.f.user_id') });
  pick.addEventListener('change', () => {
    other.hidden = pick.value !== OTHER;
    if (!other.hidden) other.focus();
  });
  return h('div', { class: 'field', dataset: { for: 'user_id' } }, h('label', {}, t('asdesk.f.person')), pick, other,
    members.length ? null : h('p', { class: 'note' }, t('asdesk.members_none')));
}
// The user id a row names ('' when none chosen).
function rowUser(li) {
  const pick = li.querySelector('.as-staff-user');
  return pick.value === OTHER ? li.querySelector('.as-staff-other').value : pick.value;
}

// The staff card of programme `id` (organised by `orgId`); `editable` for its
// organiser's staff and admins.
export async function staffCard(id, editable, orgId = null) {
  const card = h('section', { class: 'card as-staff-card', id: `as-staff-${id}`, 'aria-labelledby': `as-staff-title-${id}` });
  let items = [];
  const load = async () => { items = (await api(`/afterschool-programmes/${id}/staff`)).items || []; };
  const draw = (flash = '') => {
    const due = items.filter((s) => s.recheck_due).length;
    card.replaceChildren();
    fill(card, h('h3', { id: `as-staff-title-${id}` }, t('asdesk.staff_heading')),
      flash ? h('p', { role: 'status', class: 'ok', id: `as-staff-flash-${id}` }, flash) : null,
      due ? h('p', { class: 'error', id: `as-staff-due-${id}` }, t('asdesk.recheck_count', { n: due })) : null,
      items.length ? h('ul', { class: 'plain as-staff-list' }, items.map(staffLine)) : h('p', { class: 'note' }, t('asdesk.staff_none')),
      editable ? h('p', {}, h('button', { type: 'button', class: 'secondary', id: `as-staff-edit-${id}`, onclick: edit }, t('asdesk.staff_edit'))) : null);
  };
  const edit = async () => {
    const members = await membersOf(orgId);
    const rows = h('ol', { class: 'plain as-staff-rows' });
    const row = (s = { user_id: '', role: 'staff', background_checked_on: '' }) => {
      const li = h('li', { class: 'as-staff-row card' });
      li.append(
        personField(s, members),
        h('div', { class: 'field', dataset: { for: 'role' } }, h('label', {}, t('asdesk.f.role')),
          h('select', { class: 'as-staff-role' }, ['staff', 'volunteer'].map((r) => h('option', { value: r, selected: r === s.role }, t('asdesk.role.' + r))))),
        h('div', { class: 'field', dataset: { for: 'background_checked_on' } }, h('label', {}, t('asdesk.f.background_checked_on')),
          h('input', { type: 'date', class: 'as-staff-date', max: districtDay(), value: s.background_checked_on || '' })),
        h('button', { type: 'button', class: 'secondary as-staff-remove', onclick: () => { li.remove(); number(); } }, t('asdesk.staff_remove')));
      return li;
    };
    // Ids, labels and error places follow the row's place (staff[i].field).
    const number = () => [...rows.children].forEach((li, i) => {
      for (const [cls, field] of [['as-staff-user', 'user_id'], ['as-staff-role', 'role'], ['as-staff-date', 'background_checked_on']]) {
        const el = li.querySelector('.' + cls);
        el.id = `as-staff-${id}-${i}-${field.replace(/_/g, '-')}`;
        el.closest('.field').dataset.for = `staff[${i}].${field}`;
        el.closest('.field').querySelector('label').setAttribute('for', el.id);
      }
      li.querySelector('.as-staff-other').id = `as-staff-${id}-${i}-user-other`;
      li.querySelector('.as-staff-remove').setAttribute('aria-label', t('asdesk.staff_remove_n', { n: i + 1 }));
    });
    for (const s of items) rows.append(row(s));
    number();
    const add = h('button', { type: 'button', class: 'secondary', id: `as-staff-add-${id}` }, t('asdesk.staff_add'));
    add.addEventListener('click', () => { rows.append(row()); number(); rows.lastElementChild.querySelector('select').focus(); });
    const summary = h('div', { tabindex: '-1', id: `as-staff-errors-${id}` });
    const form = h('form', { class: 'as-staff-form', id: `as-staff-form-${id}`, novalidate: true },
      h('p', { class: 'note' }, t('asdesk.staff_note')), rows, h('p', {}, add), summary,
      h('p', { class: 'buttons' }, h('button', { type: 'submit', id: `as-staff-save-${id}` }, t('asdesk.staff_save')), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => draw() }, t('asdesk.close'))));
    const errors = formErrors(form, summary, `as-staff-${id}`);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      oneAtATime(form, async () => {
        errors.clear();
        const values = [...rows.children].map((li) => ({ user_id: rowUser(li),
          role: li.querySelector('.as-staff-role').value, background_checked_on: li.querySelector('.as-staff-date').value }));
        const { body, errors: before } = staffBody(values, districtDay());
        if (before.length) { errors.show(checkMessages(before), t('asdesk.not_saved')); return; }
        try {
          const answer = await api(`/afterschool-programmes/${id}/staff`, { method: 'PUT', json: body });
          items = answer.items || [];
          draw(t('asdesk.staff_saved'));
          card.querySelector('[role="status"]')?.focus?.();
        } catch (err) {
          if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'asdesk'), t('asdesk.not_saved'));
          else errors.show([], refusalText(err, 'asdesk'));
        }
      });
    });
    card.replaceChildren(h('h3', { id: `as-staff-title-${id}` }, t('asdesk.staff_heading')), form);
    form.querySelector('input, button')?.focus();
  };
  try {
    await load();
    draw();
  } catch (err) {
    card.replaceChildren(h('h3', { id: `as-staff-title-${id}` }, t('asdesk.staff_heading')), h('p', { class: 'error' }, refusalText(err)));
  }
  return card;
}
