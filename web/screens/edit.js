// Keepers (and admins) edit a facility: name, address and the opening hours,
// which are checked by the server as you type (GET /api/v1/hours/evaluate):
// a parse error shows where it stopped and what it expected; a valid value
// shows the next seven days. Parking lots also report their free spaces.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { freeSpacesText } from '../js/format.js';
import { evaluateWeek, weekList } from '../js/week.js';

const DEBOUNCE_MS = 250;

// The expression with the character at `pos` (code points) marked.
function marked(expr, pos) {
  const chars = [...expr];
  const at = Math.min(pos, chars.length);
  return h('code', { class: 'expr', 'aria-hidden': 'true' },
    chars.slice(0, at).join(''), h('mark', {}, chars[at] ?? ' '), chars.slice(at + 1).join(''));
}

function hoursEditor(initial) {
  const input = h('input', { id: 'hours', name: 'opening_hours', value: initial, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'hours-hint hours-check', lang: 'en' });
  const check = h('div', { id: 'hours-check', 'aria-live': 'polite' });
  const preview = h('div', { id: 'hours-preview' });
  let timer = null;
  let seq = 0;
  const state = { valid: true };
  const validate = async () => {
    const mine = ++seq;
    const expr = input.value.trim();
    if (!expr) {  // no hours: the state becomes unknown, which is allowed
      state.valid = true;
      input.removeAttribute('aria-invalid');
      check.replaceChildren();
      preview.replaceChildren();
      return;
    }
    check.replaceChildren(h('p', { class: 'note' }, t('edit.checking')));
    try {
      const week = await evaluateWeek(expr);
      if (mine !== seq) return;
      state.valid = true;
      input.removeAttribute('aria-invalid');
      check.replaceChildren(h('p', { class: 'ok' }, t('edit.hours_ok')));
      preview.replaceChildren(h('h3', {}, t('edit.preview')), weekList(week, 'preview-week'));
    } catch (e) {
      if (mine !== seq) return;
      state.valid = false;
      input.setAttribute('aria-invalid', 'true');
      const p = e instanceof ApiError ? e.problem : {};
      const text = p.position !== undefined
        ? t('edit.hours_error', { pos: p.position + 1, expected: p.expected })
        : t('common.error', { detail: e.message });
      check.replaceChildren(h('p', { class: 'error', id: 'hours-error' }, text),
        p.position !== undefined ? marked(expr, p.position) : '');
      preview.replaceChildren();
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(validate, DEBOUNCE_MS); });
  validate();
  return { state, nodes: [h('label', { for: 'hours' }, t('edit.hours')),
    h('p', { id: 'hours-hint', class: 'note' }, t('edit.hours_hint')), input, check, preview],
  flush: () => { clearTimeout(timer); return validate(); } };
}

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
    await hours.flush();
    if (!hours.state.valid) { form.hours.focus(); return; }
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
  view.append(form);
  if (f.kind === 'parking') view.append(occupancyForm(f));
}
