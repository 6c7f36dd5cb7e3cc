// An activity occurrence's volunteer work for its organiser staff
// (docs/volunteers.md "Shifts" and "Outcomes"): its shifts (GET
// /activity-occurrences/{id}/shifts, each a link to its list), 新建岗位
// (POST …/shifts: title, times, capacity, minimum age, risky, training,
// team; checked as the contract checks it, the server's 422 by its field;
// the new shift's check-in code shown large at once) and the occurrence's
// outcomes (GET/PUT …/outcomes; kinds, names and units from GET
// /volunteer-outcome-kinds), rows added and removed. One request at a time.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { formErrors } from './care_form.js';
import { clockOf, outcomesBody, shiftBody } from './volunteer_desk_model.js';
import { checkMessages, fieldErrors, itemsOf, once, refusalText, row, say, statusLine } from './volunteer_desk_words.js';

const input = (attrs, value) => { const el = h('input', attrs); el.value = value ?? ''; return el; };

// The new shift's form; onMade(shift) after the 201.
export function shiftForm(occ, teams, onMade, onCancel) {
  const start = String(occ.starts_at || '').slice(11, 16);
  const end = String(occ.ends_at || '').slice(11, 16);
  const title = input({ type: 'text', maxlength: 60 }, '');
  const from = input({ type: 'time' }, start);
  const to = input({ type: 'time' }, end);
  const capacity = input({ type: 'number', min: 1, max: 500, inputmode: 'numeric' }, '10');
  const minAge = input({ type: 'number', min: 0, max: 100, inputmode: 'numeric' }, '');
  const risky = h('input', { type: 'checkbox', id: 'vshift-new-risky' });
  const training = input({ type: 'text', maxlength: 40 }, '');
  const team = h('select', {}, h('option', { value: '' }, t('vshift.new.no_team')), teams.map((x) => h('option', { value: x.id }, x.name)));
  const ageHint = h('p', { class: 'note', id: 'vshift-new-age-note' }, t('vshift.new.min_age_default_14'));
  risky.addEventListener('change', () => { ageHint.textContent = t(risky.checked ? 'vshift.new.min_age_default_18' : 'vshift.new.min_age_default_14'); });
  const summary = h('div', { tabindex: '-1' });
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'vshift-new-cancel' }, t('vdesk.form.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = h('form', { class: 'card', id: 'vshift-new-form', novalidate: true, 'aria-labelledby': 'vshift-new-title' },
    h('h3', { id: 'vshift-new-title', tabindex: '-1' }, t('vshift.new.heading')),
    row('vshift-new-title-box', 'title', t('vshift.new.title'), title, t('vshift.new.title_hint')),
    row('vshift-new-from', 'starts_at', t('vshift.new.starts_at'), from),
    row('vshift-new-to', 'ends_at', t('vshift.new.ends_at'), to),
    row('vshift-new-capacity', 'capacity', t('vshift.new.capacity'), capacity),
    h('div', { class: 'field choice', dataset: { for: 'risky' } }, risky, h('label', { for: 'vshift-new-risky' }, t('vshift.new.risky'))),
    row('vshift-new-min-age', 'min_age', t('vshift.new.min_age'), minAge), ageHint,
    row('vshift-new-training', 'training', t('vshift.new.training'), training, t('vshift.new.training_hint')),
    row('vshift-new-team', 'team_id', t('vshift.new.team'), team),
    summary, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'vshift-new-go' }, t('vshift.new.go')), ' ', cancel));
  const errors = formErrors(form, summary, 'vshift-new');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const { body, problems } = shiftBody({ title: title.value, starts_at: from.value, ends_at: to.value, capacity: capacity.value,
        min_age: minAge.value, risky: risky.checked, training: training.value, team_id: team.value });
      if (problems.length) { errors.show(checkMessages(problems), t('vdesk.form.check_first')); return; }
      errors.clear();
      try {
        onMade(await api(`/activity-occurrences/${occ.id}/shifts`, { method: 'POST', json: body }));
      } catch (err) {
        errors.show(err.status === 422 ? fieldErrors(err) : [], refusalText(err));
      }
    });
  });
  return form;
}

// The occurrence's shifts as links to their lists.
export async function shiftsList(occId) {
  const list = h('ul', { class: 'plain', id: 'vshift-list' });
  let items;
  try {
    items = itemsOf(await api(`/activity-occurrences/${occId}/shifts`));
  } catch (err) {
    list.append(h('li', { class: 'error', role: 'alert' }, refusalText(err)));
    return list;
  }
  for (const s of items) {
    list.append(h('li', { class: 'card vshift-item', dataset: { id: s.id } },
      h('a', { href: `#/staff/volunteer-shifts/${s.id}`, id: `vshift-open-${s.id}` }, s.title), ' ',
      h('span', {}, `${clockOf(s.starts_at)}–${clockOf(s.ends_at)}`), ' · ',
      t('vshift.places', { left: s.places_left ?? '', capacity: s.capacity }),
      s.risky ? [' · ', h('span', { class: 'badge' }, t('vshift.risky'))] : '',
      s.training ? [' · ', t('vshift.training', { name: s.training })] : ''));
  }
  if (!items.length) list.append(h('li', { id: 'vshift-list-none' }, t('vshift.none')));
  return list;
}

// The occurrence's outcomes: rows of kind, quantity and team; saved whole (PUT).
export async function outcomesCard(occId, teams) {
  const card = h('section', { class: 'card', id: 'vout', 'aria-labelledby': 'vout-title' },
    h('h3', { id: 'vout-title' }, t('vout.heading')), h('p', { class: 'note' }, t('vout.note')));
  let kinds;
  let current;
  try {
    [kinds, current] = await Promise.all([api('/volunteer-outcome-kinds').then(itemsOf), api(`/activity-occurrences/${occId}/outcomes`).then(itemsOf)]);
  } catch (err) {
    card.append(h('p', { class: 'error', role: 'alert', id: 'vout-problem' }, refusalText(err)));
    return card;
  }
  const usable = kinds.filter((k) => k.active !== false);
  const rows = h('div', { id: 'vout-rows', dataset: { for: 'items' } });
  const renumber = () => [...rows.children].forEach((r, i) => {
    const [kind, qty, team] = r.querySelectorAll('select, input');
    const fields = r.querySelectorAll('.field');
    [['kind', 'kind', kind], ['quantity', 'quantity', qty], ['team', 'team_id', team]].forEach(([idName, name, el], j) => {
      el.id = `vout-${idName}-${i}`;
      fields[j].dataset.for = `items[${i}].${name}`;
      fields[j].querySelector('label').htmlFor = el.id;
    });
    r.querySelector('button').id = `vout-remove-${i}`;
  });
  const addRow = (x = {}) => {
    const kind = h('select', {}, h('option', { value: '' }, t('vout.choose')),
      kinds.filter((k) => k.active !== false || k.code === x.kind).map((k) => h('option', { value: k.code, selected: k.code === x.kind }, `${k.name}（${k.unit}）`)));
    const qty = input({ type: 'text', inputmode: 'decimal', size: 8 }, x.quantity ?? '');
    const team = h('select', {}, h('option', { value: '' }, t('vshift.new.no_team')),
      teams.map((tm) => h('option', { value: tm.id, selected: tm.id === (x.team_id ?? x.team?.id) }, tm.name)));
    const remove = h('button', { type: 'button', class: 'secondary' }, t('vout.remove'));
    const r = h('div', { class: 'vout-row' }, row('vout-kind', 'items', t('vout.kind'), kind), row('vout-quantity', 'items', t('vout.quantity'), qty),
      row('vout-team', 'items', t('vout.team'), team), remove);
    remove.addEventListener('click', () => { r.remove(); renumber(); });
    rows.append(r);
    renumber();
    return r;
  };
  for (const x of current) addRow(x);
  if (!current.length) addRow();
  const add = h('button', { type: 'button', class: 'secondary', id: 'vout-add' }, t('vout.add'));
  add.addEventListener('click', () => addRow().querySelector('select').focus());
  const summary = h('div', { tabindex: '-1' });
  const line = statusLine('vout-status');
  const form = h('form', { id: 'vout-form', novalidate: true }, rows, h('p', {}, add), summary,
    h('p', {}, h('button', { type: 'submit', id: 'vout-save' }, t('vout.save'))), line);
  const errors = formErrors(form, summary, 'vout');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const values = [...rows.children].map((r) => { const [kind, qty, team] = r.querySelectorAll('select, input'); return { kind: kind.value, quantity: qty.value, team_id: team.value }; });
      const { body, problems } = outcomesBody(values, usable);
      if (problems.length) { errors.show(checkMessages(problems), t('vdesk.form.check_first')); return; }
      errors.clear();
      try {
        await api(`/activity-occurrences/${occId}/outcomes`, { method: 'PUT', json: body });
        say(line, t('vout.saved', { n: body.items.length }));
      } catch (err) {
        errors.show(err.status === 422 ? fieldErrors(err) : [], refusalText(err));
      }
    });
  });
  card.append(form);
  return card;
}
