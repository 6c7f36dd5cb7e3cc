// One errand on the team phone view (screens/team_today.js): a big card with
// her name, address and phone, what to buy or do, when it is due, and ONE
// big button for the next step this member may take (POST
// /api/v1/errands/{id}/steps): start → deliver (who received it, the
// volunteer's minutes) → settle (receipt, advanced and returned in 元 sent as
// integer fen, how paid, a receipt photo from the camera) → confirm (the
// worker and the volunteer, each once).
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDayStart, when } from './format.js';
import { fenToYuan, yuanToFen } from './team_money.js';
import { receiptPhoto } from './team_photo.js';
import { field, onSubmit, opener, phoneLine, problemText, radios, radioValue } from './team_fields.js';

const DAY_MS = 24 * 3600 * 1000;

export const PAID_BY = ['cash', 'wechat', 'alipay', 'card', 'other'];

// The step this member takes next, or null (nothing for her to do now).
export function nextStep(e, meId) {
  if (!e.may_step) return null;
  switch (e.state) {
    case 'assigned': return 'start';
    case 'doing': return 'deliver';
    case 'delivered': return 'settle';
    case 'settled': {
      const c = e.confirmations || {};
      return c.worker_user_id === meId || c.volunteer_user_id === meId ? null : 'confirm';
    }
    default: return null;
  }
}

function workList(e) {
  const w = e.work;
  if (!w) return null;
  if (e.kind === 'shopping') {
    return h('ul', { class: 'today-work' }, w.lines.map((l) => h('li', {},
      t('today.line', { text: l.text, n: l.quantity }),
      l.budget_fen ? h('span', { class: 'note' }, ' ' + t('today.budget', { yuan: fenToYuan(l.budget_fen) })) : null)));
  }
  if (e.kind === 'medicine') return h('p', { class: 'today-work' }, t('today.medicine', { pharmacy: w.pharmacy, what: w.what }));
  return h('p', { class: 'today-work' }, w.text);
}

function settlementText(s) {
  return [t('today.receipt_is', { yuan: fenToYuan(s.receipt_fen) }), t('today.advanced_is', { yuan: fenToYuan(s.advanced_fen) }),
    t('today.returned_is', { yuan: fenToYuan(s.returned_fen) }), t('today.paid.' + s.paid_by), balanceText(s.balance_fen)].join('，');
}

export function balanceText(fen) {
  if (fen > 0) return t('today.balance_owed_to_her', { yuan: fenToYuan(fen) });
  if (fen < 0) return t('today.balance_she_owes', { yuan: fenToYuan(-fen) });
  return t('today.balance_even');
}

function confirmText(e, meId) {
  const c = e.confirmations || {};
  const mark = (done) => (done ? t('today.confirmed_yes') : t('today.confirmed_no'));
  const mine = c.worker_user_id === meId || c.volunteer_user_id === meId;
  return [t('today.confirm_worker', { state: mark(c.worker_user_id) }), t('today.confirm_volunteer', { state: mark(c.volunteer_user_id) }),
    mine ? t('today.confirm_waiting') : null].filter(Boolean).join('；');
}

const step = (e, body) => api(`/errands/${e.id}/steps`, { method: 'POST', json: body });

// An amount box in 元 (text, so that "12.50" stays as typed; decimal keypad).
const yuanBox = () => h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 12, class: 'today-yuan' });

function deliverForm(e, done) {
  const p = `deliver-${e.id}`;
  const who = h('input', { type: 'text', maxlength: 32, autocomplete: 'off', value: e.elder.name });
  const minutes = h('input', { type: 'text', inputmode: 'numeric', maxlength: 4, autocomplete: 'off' });
  const status = h('p', { role: 'status', id: p + '-status', tabindex: '-1' });
  const form = h('form', { id: p, class: 'today-form', novalidate: true },
    field('received_by', p + '-who', t('today.received_by'), who, t('today.received_by_hint')),
    field('volunteer_minutes', p + '-minutes', t('today.volunteer_minutes'), minutes, t('today.volunteer_minutes_hint')),
    h('button', { type: 'submit', class: 'today-submit' }, t('today.deliver_do')), status);
  onSubmit(form, status, async () => {
    const body = { step: 'deliver', received_by: who.value.trim() };
    const m = minutes.value.trim();
    if (m) {
      if (!/^\d{1,4}$/.test(m) || Number(m) > 1440) throw Object.assign(new Error('fields'), { fields: [{ field: 'volunteer_minutes', message: '' }] });
      body.volunteer_minutes = Number(m);
    }
    if (!body.received_by) throw Object.assign(new Error('fields'), { fields: [{ field: 'received_by', message: '' }] });
    await step(e, body);
    await done(t('today.delivered_done', { name: e.elder.name }));
  });
  return form;
}

function settleForm(e, done) {
  const p = `settle-${e.id}`;
  const receipt = yuanBox();
  const advanced = yuanBox();
  const returned = yuanBox();
  returned.value = '0';
  const balance = h('p', { class: 'today-balance', id: p + '-balance', 'aria-live': 'polite' });
  const photoInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: p + '-photo', class: 'visually-hidden' });
  const preview = h('div', { class: 'today-photo', id: p + '-preview' });
  const status = h('p', { role: 'status', id: p + '-status', tabindex: '-1' });
  let photo = null;
  const showBalance = () => {
    const [r, a, b] = [receipt, advanced, returned].map((x) => yuanToFen(x.value));
    balance.textContent = r === null || a === null || b === null ? '' : t('today.balance', { text: balanceText(a - r - b) });
  };
  for (const box of [receipt, advanced, returned]) box.addEventListener('input', showBalance);
  photoInput.addEventListener('change', async () => {
    const file = photoInput.files[0];
    photo = null;
    preview.replaceChildren();
    if (!file) return;
    preview.append(h('p', { role: 'status' }, t('today.photo_working')));
    try {
      photo = await receiptPhoto(file);
    } catch (err) {
      preview.replaceChildren(h('p', { class: 'error', role: 'alert' }, t(err.message === 'not_image' ? 'today.photo_not_image' : 'today.err.receipt_photo')));
      return;
    }
    const remove = h('button', { type: 'button', class: 'secondary', id: p + '-photo-remove' }, t('today.photo_remove'));
    remove.addEventListener('click', () => {
      photo = null;
      photoInput.value = '';
      preview.replaceChildren();
      photoInput.focus();
    });
    preview.replaceChildren(h('img', { src: photo.url, alt: t('today.photo_alt'), width: photo.width, height: photo.height }),
      h('p', { class: 'note' }, t('today.photo_ready', { kb: Math.round(photo.url.length * 3 / 4 / 1024) })), remove);
  });
  const budget = e.work?.budget_fen;
  const form = h('form', { id: p, class: 'today-form', novalidate: true },
    budget ? h('p', { class: 'note' }, t('today.budget_total', { yuan: fenToYuan(budget) })) : null,
    field('receipt_fen', p + '-receipt', t('today.receipt'), receipt, t('today.yuan_hint')),
    field('advanced_fen', p + '-advanced', t('today.advanced'), advanced, t('today.advanced_hint')),
    field('returned_fen', p + '-returned', t('today.returned'), returned, t('today.returned_hint')),
    balance,
    radios('paid_by', p + '-paid', t('today.paid_by'), PAID_BY, (v) => t('today.paid.' + v), 'cash'),
    h('div', { class: 'field', dataset: { field: 'receipt_photo' } },
      h('p', { class: 'label' }, t('today.photo')),
      photoInput, h('label', { for: p + '-photo', class: 'button secondary file-button' }, t('today.photo_take')),
      preview),
    h('button', { type: 'submit', class: 'today-submit' }, t('today.settle_do')), status);
  onSubmit(form, status, async () => {
    const amounts = { receipt_fen: receipt, advanced_fen: advanced, returned_fen: returned };
    const body = { step: 'settle' };
    const bad = [];
    for (const [name, box] of Object.entries(amounts)) {
      const fen = yuanToFen(box.value);
      if (fen === null) bad.push({ field: name, message: '' }); else body[name] = fen;
    }
    if (!bad.length && body.returned_fen > body.advanced_fen) bad.push({ field: 'returned_fen', message: t('today.err.returned_over') });
    if (bad.length) throw Object.assign(new Error('fields'), { fields: bad });
    body.paid_by = radioValue(form, p + '-paid');
    if (photo) body.receipt_photo = photo.url;
    await step(e, body);
    await done(t('today.settled_done', { name: e.elder.name }));
  });
  return form;
}

// The card; `done(message)` reloads the list and announces the message.
export function errandCard(e, meId, done) {
  const next = nextStep(e, meId);
  const id = `errand-${e.id}`;
  const status = h('p', { role: 'status', id: id + '-status', tabindex: '-1' });
  let action = null;
  if (next === 'start' || next === 'confirm') {
    action = h('button', { type: 'button', class: 'today-next', id: id + '-next', dataset: { step: next } }, t('today.step.' + next));
    action.addEventListener('click', async () => {
      action.disabled = true;
      status.classList.remove('error');
      status.textContent = t('today.saving');
      try {
        const r = await step(e, { step: next });
        await done(t(r.complete ? 'today.complete_done' : `today.${next}_done`, { name: e.elder.name }), e.id);
      } catch (err) {
        status.textContent = problemText(err);
        status.classList.add('error');
        action.disabled = false;
        status.focus();
      }
    });
  } else if (next) {
    const form = next === 'deliver' ? deliverForm(e, (m) => done(m, e.id)) : settleForm(e, (m) => done(m, e.id));
    action = [opener(id + '-next', t('today.step.' + next), form, { step: next }), form];
  }
  const due = e.overdue ? h('span', { class: 'badge urgency-overdue' }, t('today.overdue'))
    : ['assigned', 'doing'].includes(e.state) && Date.parse(e.due_at) < districtDayStart(Date.now()) + DAY_MS
      ? h('span', { class: 'badge urgency-nearly_due' }, t('today.due_today')) : null;
  return h('article', { class: 'card today-card', id, dataset: { id: e.id, state: e.state }, 'aria-labelledby': id + '-name' },
    h('h3', { id: id + '-name' }, e.elder.name, ' ', h('span', { class: 'badge' }, t('today.kind.' + e.kind)), due),
    h('p', { class: 'today-state' }, t('today.state.' + e.state)),
    h('p', {}, t('today.due', { when: when(e.due_at) })),
    e.elder.address ? h('p', { class: 'today-address' }, t('today.address', { address: e.elder.address })) : null,
    phoneLine(e.elder.phones),
    workList(e),
    e.note ? h('p', { class: 'note' }, t('today.note', { note: e.note })) : null,
    e.delivered_to ? h('p', {}, t('today.delivered_to', { who: e.delivered_to, when: when(e.delivered_at) })) : null,
    e.settlement ? h('p', { class: 'today-settlement' }, settlementText(e.settlement)) : null,
    e.receipt_photo ? h('a', { class: 'today-receipt', href: e.receipt_photo, target: '_blank', rel: 'noopener' },
      h('img', { src: e.receipt_photo, alt: t('today.photo_of', { name: e.elder.name }), loading: 'lazy' })) : null,
    e.state === 'settled' ? h('p', { class: 'today-confirms' }, confirmText(e, meId)) : null,
    action, status);
}
