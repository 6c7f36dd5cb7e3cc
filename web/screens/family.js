// #/me/family — "我的家人": a family member's elders (GET /api/v1/my/elders),
// linked to her account by the elder's community staff with the elder's
// consent. For each: her team's phone (a tel: link, a large target), the
// errands under way with their state, due time and, once settled, the
// amounts; and a short request — a shopping list one item per line, or a
// task — sent as POST /api/v1/elders/{id}/errands. What the server refuses
// (422) is said beside the box; nothing changes on a timer.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';

const yuan = (fen) => t('family.yuan', { n: (fen / 100).toFixed(2) });

function errandRow(e) {
  const what = e.work?.lines ? e.work.lines.map((l) => l.text).join('、') : (e.work?.text || t('family.kind.' + e.kind));
  return h('li', { class: 'result', dataset: { errand: e.id } },
    h('p', { class: 'result-name' }, what),
    h('p', {}, h('strong', { class: 'family-state' }, t('family.state.' + (e.complete ? 'complete' : e.state))),
      ' · ', t(e.overdue ? 'family.overdue' : 'family.due', { when: when(e.due_at) })),
    e.settlement ? h('p', { class: 'note family-amounts' }, t('family.amounts', {
      receipt: yuan(e.settlement.receipt_fen), advanced: yuan(e.settlement.advanced_fen), returned: yuan(e.settlement.returned_fen),
    })) : null);
}

function requestForm(elder, onSaved) {
  const kind = h('select', { id: `family-kind-${elder.id}`, name: 'kind' },
    h('option', { value: 'shopping' }, t('family.kind.shopping')), h('option', { value: 'task' }, t('family.kind.task')));
  const text = h('textarea', { id: `family-text-${elder.id}`, rows: 3, maxlength: 600, required: true });
  const status = h('p', { role: 'status', class: 'family-status' });
  const form = h('form', { class: 'card family-request', onsubmit: async (ev) => {
    ev.preventDefault();
    const lines = text.value.split('\n').map((s) => s.trim()).filter(Boolean);
    if (!lines.length) { status.textContent = t('family.empty'); text.focus(); return; }
    const body = kind.value === 'shopping'
      ? { kind: 'shopping', lines: lines.slice(0, 30).map((l) => ({ text: l.slice(0, 100), budget_fen: 0 })) }
      : { kind: 'task', text: lines.join(' ').slice(0, 200) };
    form.querySelector('button').disabled = true;
    try {
      await api(`/elders/${elder.id}/errands`, { method: 'POST', json: body });
      text.value = '';
      status.textContent = t('family.sent');
      onSaved();
    } catch (err) {
      const bad = err instanceof ApiError && err.problem?.errors?.length;
      status.textContent = bad ? t('family.refused') : t('common.error', { detail: err.message });
    } finally {
      form.querySelector('button').disabled = false;
    }
  } },
  h('h3', {}, t('family.request')),
  h('label', { for: kind.id }, t('family.kind')), kind,
  h('label', { for: text.id }, t('family.what')), h('p', { class: 'note' }, t('family.what_hint')), text,
  h('p', {}, h('button', { type: 'submit' }, t('family.send'))), status);
  return form;
}

async function elderSection(elder, refresh) {
  return h('section', { class: 'card family-elder', dataset: { elder: elder.id }, 'aria-labelledby': `family-elder-${elder.id}` },
    h('h2', { id: `family-elder-${elder.id}` }, elder.name, ' ', h('span', { class: 'note' }, elder.relation ? `(${elder.relation})` : '')),
    elder.team_phone
      ? h('p', {}, t('family.team_phone'), ' ', h('a', { class: 'button secondary', href: `tel:${elder.team_phone}` }, elder.team_phone))
      : h('p', { class: 'note' }, t('family.no_team')),
    h('h3', {}, t('family.open')),
    elder.open_errands.length
      ? h('ul', { class: 'result-list family-errands' }, elder.open_errands.map(errandRow))
      : h('p', { class: 'note' }, t('family.none_open')),
    elder.closed ? h('p', { class: 'note' }, t('family.closed')) : requestForm(elder, refresh));
}

export async function render(view) {
  const user = await me();
  view.append(h('h1', {}, t('family.heading')));
  if (!user) {
    view.append(h('p', {}, t('family.sign_in_why')),
      h('p', {}, h('a', { class: 'button', href: '#/signin?next=' + encodeURIComponent('#/me/family') }, t('mine.sign_in'))));
    return;
  }
  if (user.role !== 'resident') {
    view.append(h('p', {}, t('mine.staff'), ' ', h('a', { href: '#/staff' }, t('nav.staff'))));
    return;
  }
  const list = h('div', { id: 'family-elders' });
  const refresh = async () => {
    const { items } = await api('/my/elders');
    list.replaceChildren(...(items.length
      ? await Promise.all(items.map((e) => elderSection(e, refresh)))
      : [h('p', { id: 'family-none' }, t('family.none'))]));
  };
  view.append(h('p', { class: 'note' }, t('family.intro')), list);
  await refresh();
}
