// The doctors of a clinic session as rows of a form (screens/clinic_desk.js:
// the new session's form and the edit of a session's doctors): department,
// name, title and licence number per row, added and removed (at least one, at
// most LIMITS.doctors); the rows' ids and field names follow their place, so
// the server's doctors[i].field finds its input. Data is text only.
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox } from './care_form.js';
import { DOCTOR_FIELDS, emptyDoctor, LIMITS } from './clinic_model.js';

let rowSerial = 0;  // the doctors' rows' hint ids, unique on the page

// The doctors' rows: [{node, inputs}], added and removed; field names and
// ids follow the row's place, so the server's doctors[i].field finds it.
export function doctorRows(initial = []) {
  const list = h('ol', { class: 'clinic-doctor-rows', id: 'clinic-doctor-rows' });
  const rows = [];
  const renumber = () => rows.forEach((r, i) => {
    r.legend.textContent = t('clinicdesk.doctor_n', { n: i + 1 });
    for (const k of DOCTOR_FIELDS) {
      const id = `clinic-doctor-${i}-${k.replace(/_/g, '-')}`;
      r.inputs[k].id = id;
      r.boxes[k].dataset.for = `doctors[${i}].${k}`;
      r.boxes[k].querySelector('label').setAttribute('for', id);
    }
    r.remove.id = `clinic-doctor-${i}-remove`;
    r.remove.setAttribute('aria-label', t('clinicdesk.doctor_remove_n', { n: i + 1 }));
    r.remove.hidden = rows.length === 1;
  });
  const add = (d = emptyDoctor()) => {
    const inputs = Object.fromEntries(DOCTOR_FIELDS.map((k) => [k, h('input', { type: 'text', value: d[k],
      maxlength: k === 'licence_number' ? 30 : LIMITS.doctor_field, autocomplete: 'off' })]));
    const boxes = Object.fromEntries(DOCTOR_FIELDS.map((k) => [k, fieldBox(`clinic-doctor-x-${k}`, k, t('clinicdesk.doctor.' + k), inputs[k],
      k === 'licence_number' ? t('clinicdesk.licence_hint') : (k === 'title' ? t('clinicdesk.title_hint') : undefined))]));
    // The hint ids must be unique per row: fieldBox named them after the placeholder id.
    rowSerial += 1;
    for (const k of DOCTOR_FIELDS) {
      const hint = boxes[k].querySelector('.note');
      if (hint) { hint.id = `clinic-doctor-hint-${rowSerial}-${k.replace(/_/g, '-')}`; inputs[k].setAttribute('aria-describedby', hint.id); }
    }
    const legend = h('legend', {});
    const remove = h('button', { type: 'button', class: 'secondary' }, t('clinicdesk.doctor_remove'));
    const row = { inputs, boxes, legend, remove };
    row.node = h('li', { class: 'clinic-doctor-row' }, h('fieldset', {}, legend, DOCTOR_FIELDS.map((k) => boxes[k]), remove));
    remove.addEventListener('click', () => {
      const i = rows.indexOf(row);
      if (i < 0 || rows.length === 1) return;
      rows.splice(i, 1);
      row.node.remove();
      renumber();
      (rows[Math.min(i, rows.length - 1)].inputs.department).focus();
    });
    rows.push(row);
    list.append(row.node);
    renumber();
    return row;
  };
  if (initial.length) initial.forEach((d) => add({ ...emptyDoctor(), ...d }));
  else add();
  const addButton = h('button', { type: 'button', class: 'secondary', id: 'clinic-doctor-add' }, t('clinicdesk.doctor_add'));
  addButton.addEventListener('click', () => {
    if (rows.length >= LIMITS.doctors) return;
    add().inputs.department.focus();
  });
  const values = () => rows.map((r) => Object.fromEntries(DOCTOR_FIELDS.map((k) => [k, r.inputs[k].value])));
  const node = h('fieldset', { class: 'clinic-doctors', id: 'clinic-doctors-box', dataset: { for: 'doctors' } },
    h('legend', {}, t('clinicdesk.f.doctors')), h('p', { class: 'note' }, t('clinicdesk.doctors_hint', { max: LIMITS.doctors })),
    list, addButton);
  return { node, values, count: () => rows.length };
}
