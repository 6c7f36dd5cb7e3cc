// A volunteer's form on the team desk (docs/volunteers.md "Volunteers"):
// register into a team (POST /volunteers) or edit (PUT /volunteers/{id},
// only the changed fields). Every field of the contract: name, phone, ID
// type and number, birth date, gender, skills, availability, trainings (rows
// added and removed), accident insurance until, public name consent, and the
// guardian's consent, shown as soon as the birth date makes a minor. Checked
// as the contract checks it before sending; the server's 422s put by their
// fields in Chinese; a 409 already_registered offers to add the one already
// registered to the team. One request at a time.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { formErrors } from './care_form.js';
import { changedFields, GENDERS, ID_TYPES, isMinor, refusalCode, registeredId, volunteerBody, volunteerValues } from './volunteer_desk_model.js';
import { checkMessages, fieldErrors, once, refusalText, row } from './volunteer_desk_words.js';

const input = (attrs, value) => { const el = h('input', attrs); el.value = value ?? ''; return el; };
const select = (values, labelOf, chosen) => h('select', {}, values.map((v) => h('option', { value: v, selected: v === chosen }, labelOf(v))));

// The trainings' rows: name and date, added and removed; ids and error names follow the row.
function trainingRows(initial) {
  const list = h('div', { class: 'vdesk-trainings' });
  const box = h('fieldset', { id: 'vf-trainings', dataset: { for: 'trainings' } }, h('legend', {}, t('vdesk.form.trainings')), list);
  const add = h('button', { type: 'button', class: 'secondary', id: 'vf-training-add' }, t('vdesk.form.training_add'));
  const renumber = () => {
    [...list.children].forEach((r, i) => {
      const [nameField, dateField] = r.querySelectorAll('.field');
      nameField.dataset.for = `trainings[${i}].name`;
      dateField.dataset.for = `trainings[${i}].completed_on`;
      const [name, date] = r.querySelectorAll('input');
      name.id = `vf-training-name-${i}`;
      date.id = `vf-training-date-${i}`;
      nameField.querySelector('label').htmlFor = name.id;
      dateField.querySelector('label').htmlFor = date.id;
      r.querySelector('button').id = `vf-training-remove-${i}`;
      r.querySelector('button').textContent = t('vdesk.form.training_remove', { n: i + 1 });
    });
    add.hidden = list.children.length >= 20;
  };
  const addRow = (x = {}) => {
    const remove = h('button', { type: 'button', class: 'secondary' });
    const r = h('div', { class: 'vdesk-training' },
      row('vf-training-name', 'trainings', t('vdesk.form.training_name'), input({ type: 'text', maxlength: 40 }, x.name)),
      row('vf-training-date', 'trainings', t('vdesk.form.training_date'), input({ type: 'date' }, x.completed_on)), remove);
    remove.addEventListener('click', () => { r.remove(); renumber(); add.focus(); });
    list.append(r);
    renumber();
    return r;
  };
  add.addEventListener('click', () => addRow().querySelector('input').focus());
  for (const x of initial) addRow(x);
  box.append(add);
  const values = () => [...list.children].map((r) => { const [n, d] = r.querySelectorAll('input'); return { name: n.value, completed_on: d.value }; });
  return { box, values };
}

// The form; `view` (the volunteer view) for an edit. onDone(view, how) after
// a save ('created' | 'updated' | 'joined'); onCancel() closes it.
export function volunteerForm({ teamId, view = null, onDone, onCancel }) {
  const today = districtDate();
  const v = volunteerValues(view || {});
  const edit = Boolean(view);
  const name = input({ type: 'text', maxlength: 40, autocomplete: 'off' }, v.name);
  const phone = input({ type: 'tel', inputmode: 'tel', autocomplete: 'off' }, v.phone);
  const idType = select(ID_TYPES, (x) => t('vdesk.id_type.' + x), v.id_type);
  const idNumber = input({ type: 'text', maxlength: 40, autocomplete: 'off', class: 'code-input' }, v.id_number);
  const birth = input({ type: 'date', max: today }, v.birth_date);
  const gender = select(GENDERS, (x) => t('vdesk.gender.' + (x || 'none')), v.gender);
  const skills = input({ type: 'text' }, v.skills);
  const availability = h('textarea', { rows: 2, maxlength: 200 });
  availability.value = v.availability;
  const trainings = trainingRows(v.trainings);
  const insurance = input({ type: 'date' }, v.insurance_until);
  const publicName = h('input', { type: 'checkbox', id: 'vf-public', checked: v.public_name });
  const status = edit ? select(['active', 'left'], (x) => t('vdesk.status.' + x), view.status || 'active') : null;
  const gName = input({ type: 'text', maxlength: 40 }, v.guardian.guardian_name);
  const gPhone = input({ type: 'tel', inputmode: 'tel' }, v.guardian.guardian_phone);
  const gRelation = input({ type: 'text', maxlength: 10 }, v.guardian.relation);
  const guardian = h('fieldset', { id: 'vf-guardian', class: 'vdesk-guardian', dataset: { for: 'guardian_consent' } },
    h('legend', {}, t('vdesk.form.guardian')), h('p', { class: 'note', id: 'vf-guardian-note' }, t('vdesk.form.guardian_note')),
    row('vf-g-name', 'guardian_consent.guardian_name', t('vdesk.form.guardian_name'), gName),
    row('vf-g-phone', 'guardian_consent.guardian_phone', t('vdesk.form.guardian_phone'), gPhone),
    row('vf-g-relation', 'guardian_consent.relation', t('vdesk.form.guardian_relation'), gRelation, t('vdesk.form.guardian_relation_hint')));
  const ageNote = h('p', { class: 'note', id: 'vf-age', 'aria-live': 'polite' });
  const showGuardian = () => {
    const minor = isMinor(birth.value, today);
    guardian.hidden = !minor;
    ageNote.textContent = minor ? t('vdesk.form.minor') : '';
  };
  birth.addEventListener('input', showGuardian);
  birth.addEventListener('change', showGuardian);
  showGuardian();

  const summary = h('div', { id: 'vf-summary', tabindex: '-1' });
  const existing = h('div', { id: 'vf-existing' });
  const submit = h('button', { type: 'submit', id: 'vf-save' }, edit ? t('vdesk.form.save') : t('vdesk.form.register'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'vf-cancel' }, t('vdesk.form.cancel'));
  cancel.addEventListener('click', () => onCancel());
  const form = h('form', { class: 'card vdesk-form', id: 'vf-form', novalidate: true, 'aria-labelledby': 'vf-title' },
    h('h2', { id: 'vf-title', tabindex: '-1' }, edit ? t('vdesk.form.edit_heading', { name: view.name, no: view.volunteer_no }) : t('vdesk.form.heading')),
    edit ? null : h('p', { class: 'note' }, t('vdesk.form.intro')),
    row('vf-name', 'name', t('vdesk.form.name'), name),
    row('vf-phone', 'phone', t('vdesk.form.phone'), phone),
    row('vf-id-type', 'id_type', t('vdesk.form.id_type'), idType),
    row('vf-id-number', 'id_number', t('vdesk.form.id_number'), idNumber,
      edit && view.id_number && view.id_number.includes('*') ? t('vdesk.form.id_masked') : t('vdesk.form.id_hint')),
    row('vf-birth', 'birth_date', t('vdesk.form.birth_date'), birth, t('vdesk.form.birth_hint')), ageNote,
    guardian,
    row('vf-gender', 'gender', t('vdesk.form.gender'), gender),
    row('vf-skills', 'skills', t('vdesk.form.skills'), skills, t('vdesk.form.skills_hint')),
    row('vf-availability', 'availability', t('vdesk.form.availability'), availability, t('vdesk.form.availability_hint')),
    trainings.box,
    row('vf-insurance', 'insurance_until', t('vdesk.form.insurance_until'), insurance, t('vdesk.form.insurance_hint')),
    h('div', { class: 'field choice', dataset: { for: 'public_name' } }, publicName,
      h('label', { for: 'vf-public' }, t('vdesk.form.public_name'))),
    status ? row('vf-status', 'status', t('vdesk.form.status'), status) : null,
    summary, existing, h('p', { class: 'buttons' }, submit, ' ', cancel));
  const errors = formErrors(form, summary, 'vf');

  // 409 already_registered: the one registered may join this team instead.
  function offerExisting(err) {
    const id = registeredId(err);
    existing.replaceChildren(h('p', { class: 'error', role: 'alert', id: 'vf-registered' },
      id ? t('vdesk.form.registered', { id }) : t('vdesk.form.registered_no_id')));
    if (!id) return;
    const join = h('button', { type: 'button', id: 'vf-join' }, t('vdesk.form.join_team'));
    join.addEventListener('click', () => once(join, async () => {
      try {
        await api(`/volunteers/${id}/teams`, { method: 'POST', json: { team_id: teamId } });
        onDone(await api(`/volunteers/${id}`).catch(() => ({ id })), 'joined');
      } catch (e) {
        existing.append(h('p', { class: 'error', role: 'alert', id: 'vf-join-problem' }, refusalText(e)));
      }
    }));
    existing.append(h('p', {}, join));
    join.focus();
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      existing.replaceChildren();
      const values = {
        name: name.value, phone: phone.value, id_type: idType.value, id_number: idNumber.value, birth_date: birth.value,
        gender: gender.value, skills: skills.value, availability: availability.value, trainings: trainings.values(),
        insurance_until: insurance.value, public_name: publicName.checked,
        guardian: { guardian_name: gName.value, guardian_phone: gPhone.value, relation: gRelation.value },
      };
      const { body, problems } = volunteerBody(values, today);
      // An admin sees the ID number masked: unchanged, it is not checked (nor sent).
      const keptMasked = edit && idNumber.value === view.id_number && idType.value === view.id_type;
      const left = keptMasked ? problems.filter((p) => p.field !== 'id_number') : problems;
      if (left.length) { errors.show(checkMessages(left), t('vdesk.form.check_first')); return; }
      errors.clear();
      try {
        if (edit) {
          const changed = changedFields(body, view);
          if (keptMasked) { delete changed.id_number; delete changed.id_type; }
          if (status.value !== (view.status || 'active')) changed.status = status.value;
          if (!Object.keys(changed).length) { summary.replaceChildren(h('p', { role: 'status', id: 'vf-unchanged' }, t('vdesk.form.unchanged'))); return; }
          onDone(await api(`/volunteers/${view.id}`, { method: 'PUT', json: changed }), 'updated');
        } else {
          onDone(await api('/volunteers', { method: 'POST', json: { team_id: teamId, ...body } }), 'created');
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) {
          const list = fieldErrors(err);
          if (list.some((x) => String(x.field).startsWith('guardian_consent'))) guardian.hidden = false;
          errors.show(list, t('vdesk.form.not_saved'));
        } else if (refusalCode(err) === 'already_registered') {
          offerExisting(err);
        } else {
          errors.show([], refusalText(err));
        }
      }
    });
  });
  form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); onCancel(); } });
  return form;
}
