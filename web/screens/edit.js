// Keepers (and admins) edit a facility: name, address and the opening hours
// (the boxes or the expert text box of js/hours_editor.js, checked by the
// server as they change, with the next 30 days below), then its amenities,
// a love station's notices and a temporary closure (js/keeper_panels.js).
// Parking lots also report their free spaces.
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { freeSpacesText } from '../js/format.js';
import { hoursEditor } from '../js/hours_editor.js';
import { amenitiesForm, noticesPanel, suspensionForm } from '../js/keeper_panels.js';

function occupancyForm(f) {
  const max = f.amenities.capacity;
  const status = h('p', { role: 'status', id: 'occupancy-status' }, freeSpacesText(f));
  const form = h('form', { id: 'occupancy', class: 'card' },
    h('h2', {}, t('occupancy.heading')), status,
    h('label', { for: 'free-spaces' }, t('occupancy.free', { max })),
    h('input', { id: 'free-spaces', type: 'number', min: 0, max, required: true, inputmode: 'numeric' }),
    h('button', { type: 'submit' }, t('occupancy.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api(`/facilities/${f.id}/occupancy`, { method: 'POST', json: { free_spaces: Number(form['free-spaces'].value) } });
      status.textContent = t('occupancy.done', { n: r.free_spaces });
    } catch (err) {
      status.textContent = t('edit.save_failed', { detail: err.message });
    }
  });
  return form;
}

export async function render(view, { id }) {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  const f = await api(`/facilities/${encodeURIComponent(id)}`);
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('staff.heading'))),
    h('h1', {}, t('edit.heading')), h('p', { class: 'kind' }, `${f.name} · ${t('kind.' + f.kind)}`));
  const hours = hoursEditor(f.opening_hours || '');
  const result = h('p', { id: 'save-result', role: 'status' });
  const form = h('form', { id: 'edit', class: 'card' },
    h('label', { for: 'name' }, t('edit.name')),
    h('input', { id: 'name', name: 'name', value: f.name, required: true, maxlength: 100 }),
    h('label', { for: 'address' }, t('edit.address')),
    h('input', { id: 'address', name: 'address', value: f.address || '' }),
    hours.nodes,
    h('button', { type: 'submit' }, t('common.save')), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';  // the status says this save, not the last one
    await hours.flush();
    if (!hours.valid()) {
      result.className = 'error';
      result.textContent = t('hours.fix_first');
      hours.focusProblem();
      return;
    }
    try {
      await api(`/facilities/${f.id}`, { method: 'PATCH', json: {
        name: form.name.value, address: form.address.value,
        opening_hours: form.hours.value.trim() || null } });
      result.className = 'ok';
      result.textContent = t('common.saved');
    } catch (err) {
      result.className = 'error';
      result.textContent = err.status === 403 ? t('edit.forbidden') : t('edit.save_failed', { detail: err.message });
    }
  });
  view.append(form, hours.previewNode);
  if (f.kind === 'parking') view.append(occupancyForm(f));
  view.append(h('div', {}, amenitiesForm(f), noticesPanel(f), suspensionForm(f)));
}
