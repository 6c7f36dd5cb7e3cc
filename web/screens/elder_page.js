// #/staff/elders/{id} — one elder as the API gives her to this user (full or
// masked; a refusal said plainly), her red proxy card, and for those who see
// her whole: correct (PATCH), close (moved out / died), issue, reissue or
// revoke the card, print it (the SVG), export the record (JSON file) and the
// history (read from the export: the API has no other history route).
// Her errands and visits (js/care_panel.js) for every viewer, masked ones
// included; E starts a new errand and V a visit for those who see her whole.
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';
import { communities } from '../js/appeals.js';
import { CLOSE_REASONS, REVOKE_REASONS, cardText, elderFacts, maskedNote } from '../js/elder_words.js';
import { changedFields, elderForm } from '../js/elder_form.js';
import { dutyRow } from '../js/elder_duty.js';
import { carePanel } from '../js/care_panel.js';

const select = (id, values, labelOf) => h('select', { id }, values.map((v) => h('option', { value: v }, labelOf(v))));
const problem = (err) => (err instanceof ApiError && err.status === 409 ? t('elder.conflict') : t('common.error', { detail: err.message }));

// A small form that runs `act` and says how it went in its status line.
function actionForm(id, fields, label, act) {
  const status = h('p', { role: 'status', id: id + '-status' });
  const button = h('button', { type: 'submit' }, label);
  const form = h('form', { id, class: 'action-form' }, fields, button, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    status.classList.remove('error');
    try { await act(status); } catch (err) {
      const list = err instanceof ApiError ? err.problem.errors || [] : [];
      status.textContent = [problem(err), ...list.map((x) => `${x.field}：${x.message}`)].join('；');
      status.classList.add('error');
    }
    button.disabled = false;
  });
  return form;
}

function eventText(ev) {
  const d = ev.detail || {};
  const parts = [t('elder.event.' + ev.action)];
  if (ev.action === 'correct' && d.fields) parts.push(Object.keys(d.fields).map((f) => t('elder.field_name.' + f)).join('、'));
  if (ev.action === 'close' && d.reason) parts.push(t('elder.close.' + d.reason));
  if (ev.action === 'card_revoke' && d.reason) parts.push(t('elder.revoke.' + d.reason));
  return parts.join('：');
}

function download(name, value) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function activeCard(id) {
  try { return await api(`/elders/${id}/card`); } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function cardSection(e, card, reload) {
  const open = e.state === 'active';
  const phone = (id, label, value) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, type: 'text', inputmode: 'tel', value: value || '', autocomplete: 'off' }));
  const issue = actionForm('card-issue', [
    phone('card-committee', t('card.committee_phone'), card?.committee_phone),
    phone('card-team', t('card.team_phone'), card?.team_phone)],
  card ? t('card.reissue') : t('card.issue'), async () => {
    await api(`/elders/${e.id}/card`, { method: 'POST', json: {
      committee_phone: document.getElementById('card-committee').value.trim(),
      team_phone: document.getElementById('card-team').value.trim() } });
    await reload(t('card.issued'));
  });
  const revoke = card ? actionForm('card-revoke', [h('div', { class: 'field' },
    h('label', { for: 'card-revoke-reason' }, t('card.revoke_reason')),
    select('card-revoke-reason', REVOKE_REASONS, (r) => t('elder.revoke.' + r)))], t('card.revoke'), async () => {
    const reason = document.getElementById('card-revoke-reason').value;
    await api(`/elders/${e.id}/card`, { method: 'DELETE', query: { reason } });
    await reload(t('card.revoked'));
  }) : null;
  return h('section', { class: 'card', 'aria-labelledby': 'card-title', id: 'elder-card' },
    h('h2', { id: 'card-title' }, t('card.heading')),
    h('p', { id: 'card-state' }, cardText(card)),
    card ? h('p', {}, h('a', { id: 'card-print', class: 'button secondary', href: `/api/v1/elders/${e.id}/card.svg`,
      target: '_blank', rel: 'noopener' }, t('card.print'))) : null,
    open ? h('details', {}, h('summary', {}, card ? t('card.reissue') : t('card.issue')), issue) : null,
    open && revoke ? h('details', {}, h('summary', {}, t('card.revoke')), revoke) : null);
}

function historySection(e) {
  const list = h('ol', { id: 'history', class: 'timeline' });
  const status = h('p', { role: 'status', id: 'history-status' });
  const button = h('button', { type: 'button', id: 'history-show', class: 'secondary' }, t('elder.history_show'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('common.loading');
    try {
      const x = await api(`/elders/${e.id}/export`);
      list.replaceChildren(...x.history.map((ev) => h('li', { dataset: { action: ev.action } },
        h('span', { class: 'note' }, when(ev.at)), ' ', eventText(ev))));
      status.textContent = t('elder.history_count', { n: x.history.length });
      button.hidden = true;
    } catch (err) {
      status.textContent = problem(err);
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, t('elder.history')), h('p', { class: 'note' }, t('elder.history_note')),
    button, status, list);
}

async function draw(view, id, flash, cleanups) {
  let e;
  try { e = await api(`/elders/${id}`); } catch (err) {
    if (!(err instanceof ApiError) || ![403, 404].includes(err.status)) throw err;
    view.append(h('h1', {}, t('elder.heading')),
      h('p', { class: 'error', role: 'alert', id: 'elder-refused' }, err.status === 403 ? t('elder.forbidden') : t('elder.not_found')));
    return;
  }
  const full = e.view === 'full';
  const reload = async (message) => {
    cleanups.splice(0).forEach((f) => f());
    view.replaceChildren();
    await draw(view, id, message, cleanups);
  };
  const [duty, care] = await Promise.all([dutyRow(e), carePanel(e, { level: 2 })]);
  fill(view, h('h1', { id: 'elder-name' }, e.name),
    flash ? h('p', { role: 'status', class: 'card', id: 'elder-flash' }, flash) : null,
    maskedNote(e), elderFacts(e, [duty]), care.el);
  care.el.classList.add('card');
  cleanups.push(care.keys(document));
  if (!full) return;
  const card = await activeCard(e.id);
  view.append(cardSection(e, card, reload));
  const exportBtn = h('button', { type: 'button', id: 'elder-export', class: 'secondary' }, t('elder.export'));
  exportBtn.addEventListener('click', async () => {
    download(`elder-${e.id}.json`, await api(`/elders/${e.id}/export`));
  });
  const actions = h('section', { class: 'card', 'aria-labelledby': 'actions-title', id: 'elder-actions' },
    h('h2', { id: 'actions-title' }, t('elder.actions')), h('p', {}, exportBtn));
  if (e.state === 'active') {
    const places = await communities();
    const ef = elderForm(e, places, 'ce');
    const save = h('button', { type: 'submit' }, t('elder.correct_save'));
    ef.form.append(save);
    ef.form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = changedFields(e, ef.read());
      if (!Object.keys(body).length) { ef.showErrors([], t('elder.correct_none')); return; }
      save.disabled = true;
      try {
        await api(`/elders/${e.id}`, { method: 'PATCH', json: body });
        await reload(t('elder.corrected'));
      } catch (err) {
        save.disabled = false;
        ef.showErrors(err instanceof ApiError ? err.problem.errors || [] : [], problem(err));
      }
    });
    const correct = h('details', { id: 'elder-correct' }, h('summary', {}, t('elder.correct')), ef.form);
    correct.addEventListener('toggle', async () => {
      if (!correct.open || correct.dataset.mounted) return;
      correct.dataset.mounted = '1';
      const done = await ef.mount();
      if (done) cleanups.push(done);
    });
    const close = actionForm('elder-close', [
      h('div', { class: 'field' }, h('label', { for: 'close-reason' }, t('elder.close_reason')),
        select('close-reason', CLOSE_REASONS, (r) => t('elder.close.' + r))),
      h('div', { class: 'field' }, h('label', { for: 'close-note' }, t('elder.form.note')),
        h('input', { id: 'close-note', type: 'text', maxlength: 200 }))],
    t('elder.close_do'), async () => {
      await api(`/elders/${e.id}/close`, { method: 'POST', json: {
        reason: document.getElementById('close-reason').value,
        note: document.getElementById('close-note').value.trim() } });
      await reload(t('elder.closed_done'));
    });
    actions.append(correct, h('details', { id: 'elder-close-box' }, h('summary', {}, t('elder.close_heading')),
      h('p', { class: 'note' }, t('elder.close_hint')), close));
  }
  view.append(actions, historySection(e));
}

export async function render(view, params) {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  view.append(h('p', {}, h('a', { href: '#/staff/elders', class: 'back' }, '‹ ' + t('elders.heading')), ' ',
    h('a', { href: '#/staff/desk', class: 'back' }, '‹ ' + t('desk.heading'))));
  if (user.role !== 'admin' && user.role !== 'worker') { view.append(h('p', { class: 'error' }, t('elder.staff_only'))); return; }
  const body = h('div', { id: 'elder-body' });
  view.append(body);
  const cleanups = [];
  await draw(body, params.id, null, cleanups);
  return () => cleanups.forEach((f) => f());
}
