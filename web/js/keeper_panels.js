// What a keeper edits beside the hours (screens/edit.js), one card each:
//   amenitiesForm   the facility's amenities (src/facilities/amenities.h):
//                   yes/no ones as boxes, seats / sections / parking's
//                   numbers and rules as fields; PATCH /facilities/{id}
//                   with the whole object.
//   noticesPanel    love stations' notices in force and to come (GET
//                   /facilities/{id}/notices; those in force from the facility
//                   until it answers), each with a remove button (DELETE
//                   …/notices/{nid}), and a form to add one with its dates
//                   (POST, at most 31 days).
//   suspensionForm  a temporary closure: reason and until when (PATCH status
//                   suspended / active).
// Each card says what happened in its own status line; 403 in keepers' words.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fromLocalInput, rfc3339, toLocalInput, when } from './format.js';

const DAY_MS = 24 * 3600 * 1000;
const SECTIONS = ['men_women', 'all_gender', 'men', 'women'];

function saveFailed(err) {
  if (err.status === 403) return t('edit.forbidden');
  const known = (err.problem?.errors || []).map((e) => (e.field.startsWith('amenities.')
    ? t('panel.field.amenity', { name: t('amenity.' + e.field.slice('amenities.'.length)) })
    : t('panel.field.' + e.field))).filter((text) => !text.startsWith('panel.field.'));
  return t('edit.save_failed', { detail: known.length ? known.join('；') : err.message });
}

function status(el, ok, text) {
  el.className = ok ? 'ok' : 'error';
  el.textContent = text;
}

function amenityField(key, value) {
  const id = `amenity-${key}`;
  if (typeof value === 'boolean') {
    return h('div', { class: 'choice' }, h('input', { type: 'checkbox', id, name: key, checked: value }),
      h('label', { for: id }, t('amenity.' + key)));
  }
  if (key === 'sections') {
    return [h('label', { for: id }, t('amenity.sections')),
      h('select', { id, name: key }, SECTIONS.map((s) => h('option', { value: s, selected: s === value }, t('sections.' + s))))];
  }
  if (key === 'rules') {
    return [h('label', { for: id }, t('amenity.rules')), h('textarea', { id, name: key, maxlength: 500, rows: 2 }, value)];
  }
  if (key === 'fee_fen_per_hour') {
    return [h('label', { for: id }, t('panel.fee')),
      h('input', { id, name: key, type: 'number', min: 0, max: 1000, step: '0.01', inputmode: 'decimal', value: (value / 100).toFixed(2) })];
  }
  const limits = { seats: [0, 10000], capacity: [1, 100000], max_stay_minutes: [1, 525600] }[key] || [0, 100000];
  return [h('label', { for: id }, key === 'max_stay_minutes' ? t('panel.max_stay') : t('amenity.' + key)),
    h('input', { id, name: key, type: 'number', min: limits[0], max: limits[1], step: 1, inputmode: 'numeric',
      value: value ?? '', required: key !== 'max_stay_minutes' })];
}

// The amenities as the form says them, typed as the server wants them.
function readAmenities(form, before) {
  const out = {};
  for (const [key, value] of Object.entries(before)) {
    const el = form.elements[key];
    if (typeof value === 'boolean') out[key] = el.checked;
    else if (key === 'sections' || key === 'rules') out[key] = el.value;
    else if (key === 'fee_fen_per_hour') out[key] = Math.round(Number(el.value || 0) * 100);
    else if (key === 'max_stay_minutes') out[key] = el.value === '' ? null : Number(el.value);
    else out[key] = Number(el.value);
  }
  return out;
}

export function amenitiesForm(f) {
  const before = f.amenities || {};
  if (!Object.keys(before).length) return null;
  const result = h('p', { id: 'amenities-result', role: 'status' });
  const form = h('form', { id: 'amenities', class: 'card' }, h('h2', {}, t('facility.amenities')),
    Object.entries(before).map(([k, v]) => amenityField(k, v)),
    h('button', { type: 'submit' }, t('panel.amenities_save')), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';  // the status says this save, not the last one
    try {
      const saved = await api(`/facilities/${f.id}`, { method: 'PATCH', json: { amenities: readAmenities(form, before) } });
      Object.assign(before, saved.amenities);
      status(result, true, t('common.saved'));
    } catch (err) {
      status(result, false, saveFailed(err));
    }
  });
  return form;
}

export function noticesPanel(f) {
  if (!('notices' in f)) return null;
  const result = h('p', { id: 'notices-result', role: 'status' });
  const list = h('ul', { class: 'notice-list', id: 'notice-list' });
  const empty = h('p', { class: 'note', id: 'notices-empty' }, t('panel.notices_none'));
  const refresh = () => { empty.hidden = list.children.length > 0; };
  const item = (n) => {
    const li = h('li', { dataset: { id: n.id } },
      Date.parse(n.valid_from) > Date.now() && h('span', { class: 'badge' }, t('panel.notice_later')),
      h('span', { class: 'notice-text' }, n.text),
      h('span', { class: 'note' }, ` (${when(n.valid_from)} – ${when(n.valid_until)})`),
      h('button', { type: 'button', class: 'secondary inline', 'aria-label': t('panel.notice_remove_label', { text: n.text }),
        onclick: async () => {
          try {
            await api(`/facilities/${f.id}/notices/${n.id}`, { method: 'DELETE' });
            li.remove();
            refresh();
            status(result, true, t('panel.notice_removed'));
            text.focus();
          } catch (err) {
            status(result, false, saveFailed(err));
          }
        } }, t('panel.notice_remove')));
    return li;
  };
  for (const n of f.notices) list.append(item(n));
  refresh();
  api(`/facilities/${f.id}/notices`).then((all) => {
    list.replaceChildren(...all.items.map(item));
    refresh();
  }).catch(() => {});  // a 403 here: the save says so in words
  const start = Date.now();  // in force from now (the minute), for a week
  const text = h('input', { id: 'notice-text', name: 'text', maxlength: 200, required: true });
  const from = h('input', { id: 'notice-from', name: 'valid_from', type: 'datetime-local', required: true, value: toLocalInput(start) });
  const until = h('input', { id: 'notice-until', name: 'valid_until', type: 'datetime-local', required: true, value: toLocalInput(start + 7 * DAY_MS) });
  const form = h('form', { id: 'notice-add' },
    h('h3', {}, t('panel.notice_add_heading')),
    h('label', { for: 'notice-text' }, t('panel.notice_text')), text,
    h('label', { for: 'notice-from' }, t('panel.notice_from')), from,
    h('label', { for: 'notice-until' }, t('panel.notice_until')), until,
    h('p', { class: 'note' }, t('panel.notice_window')),
    h('button', { type: 'submit' }, t('panel.notice_add')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';
    const a = fromLocalInput(from.value);
    const b = fromLocalInput(until.value);
    if (a === null || b === null || b <= a || b - a > 31 * DAY_MS) {
      status(result, false, t('panel.field.valid_until'));
      until.focus();
      return;
    }
    try {
      const n = await api(`/facilities/${f.id}/notices`, { method: 'POST', json: {
        text: text.value.trim(), valid_from: rfc3339(a), valid_until: rfc3339(b) } });
      list.append(item(n));
      refresh();
      text.value = '';
      status(result, true, t('panel.notice_added'));
    } catch (err) {
      status(result, false, saveFailed(err));
    }
  });
  return h('section', { class: 'card', id: 'notices', 'aria-labelledby': 'notices-title' },
    h('h2', { id: 'notices-title' }, t('facility.notices')), list, empty, form, result);
}

export function suspensionForm(f) {
  const result = h('p', { id: 'suspension-result', role: 'status' });
  const now = h('p', { id: 'suspension-now', class: 'big' });
  const reason = h('input', { id: 'suspend-reason', name: 'suspended_reason', maxlength: 200 });
  const until = h('input', { id: 'suspend-until', name: 'suspended_until', type: 'datetime-local', 'aria-describedby': 'suspend-until-hint' });
  const resume = h('button', { type: 'button', class: 'secondary', id: 'suspend-end' }, t('panel.resume'));
  const show = (facility) => {
    const suspended = facility.status === 'suspended';
    now.className = suspended ? 'big bad' : 'big';
    now.textContent = suspended
      ? t('panel.now_suspended', { reason: facility.suspended_reason || '',
        until: facility.suspended_until ? t('panel.until', { time: when(facility.suspended_until) }) : t('panel.until_further') })
      : t('panel.now_active');
    resume.hidden = !suspended;
  };
  const save = async (json) => {
    result.textContent = '';
    try {
      const saved = await api(`/facilities/${f.id}`, { method: 'PATCH', json });
      show(saved);
      status(result, true, t('common.saved'));
      return true;
    } catch (err) {
      status(result, false, saveFailed(err));
      return false;
    }
  };
  resume.addEventListener('click', () => save({ status: 'active' }));
  const form = h('form', { id: 'suspension', class: 'card' }, h('h2', {}, t('panel.suspension')), now,
    h('label', { for: 'suspend-reason' }, t('panel.suspend_reason')), reason,
    h('label', { for: 'suspend-until' }, t('panel.suspend_until')), until,
    h('p', { class: 'note', id: 'suspend-until-hint' }, t('panel.suspend_until_hint')),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit' }, t('panel.suspend')), resume), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';
    if (!reason.value.trim()) {
      status(result, false, t('panel.field.suspended_reason'));
      reason.focus();
      return;
    }
    const end = until.value ? fromLocalInput(until.value) : null;
    if (end !== null && end <= Date.now()) {
      status(result, false, t('panel.field.suspended_until'));
      until.focus();
      return;
    }
    if (await save({ status: 'suspended', suspended_reason: reason.value.trim(),
      suspended_until: end === null ? null : rfc3339(end) })) {
      reason.value = '';
      until.value = '';
    }
  });
  show(f);
  return form;
}
