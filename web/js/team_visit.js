// One visit due on the team phone view (screens/team_today.js): her name,
// tier, address and phone, why and by when she is due, and ONE big button
// that opens the visit's record — how (home, phone, video), the outcome,
// what was found — saved as POST /api/v1/elders/{id}/visits.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { when } from './format.js';
import { tierBadge } from './elder_words.js';
import { escalationBlock } from './team_escalation.js';
import { field, onSubmit, opener, phoneLine, radios, radioValue } from './team_fields.js';

export const HOWS = ['home', 'phone', 'video'];
export const OUTCOMES = ['seen_well', 'concern', 'nobody_answers'];

function visitForm(item, done) {
  const p = `visit-form-${item.elder.id}`;
  const findings = h('textarea', { rows: 4, maxlength: 2000 });
  const status = h('p', { role: 'status', id: p + '-status', tabindex: '-1' });
  const form = h('form', { id: p, class: 'today-form', novalidate: true },
    radios('how', p + '-how', t('today.visit_how'), HOWS, (v) => t('today.how.' + v)),
    radios('outcome', p + '-outcome', t('today.visit_outcome'), OUTCOMES, (v) => t('today.outcome.' + v)),
    field('findings', p + '-findings', t('today.findings'), findings, t('today.findings_hint')),
    h('button', { type: 'submit', class: 'today-submit' }, t('today.visit_save')), status);
  onSubmit(form, status, async () => {
    const body = { how: radioValue(form, p + '-how'), outcome: radioValue(form, p + '-outcome') };
    const text = findings.value.trim();
    if (text) body.findings = text;
    const saved = await api(`/elders/${item.elder.id}/visits`, { method: 'POST', json: body });
    const next = saved.escalation ? t('today.visit_escalation')
      : t('today.visit_next', { when: when(saved.next_due.deadline) });
    await done(t('today.visit_done', { name: item.elder.name }) + next);
  });
  return form;
}

// `item` is a due-list item; `elder` her record when this member may read it
// (address, phones), else null; `done(message)` reloads and announces;
// `escalation` {visit, at} for an open nobody-answers escalation (its clock
// and next step, js/team_escalation.js), else null.
export function visitCard(item, elder, done, escalation = null) {
  const e = item.elder;
  const id = `visit-${e.id}`;
  const form = visitForm(item, (m) => done(m));
  const open = opener(id + '-next', t('today.visit_record'), form);
  const overdue = item.overdue ? h('span', { class: 'badge urgency-overdue' }, t('today.overdue')) : null;
  return h('article', { class: 'card today-card', id, dataset: { id: e.id, reason: item.due.reason }, 'aria-labelledby': id + '-name' },
    h('h3', { id: id + '-name' }, e.name, ' ', tierBadge(e.risk_tier), overdue),
    h('p', { class: 'today-state' }, t('today.reason.' + item.due.reason)),
    h('p', {}, t('today.visit_by', { when: when(item.due.deadline) })),
    elder?.address ? h('p', { class: 'today-address' }, t('today.address', { address: elder.address })) : null,
    phoneLine(elder?.phones),
    h('p', { class: 'note' }, item.last_seen_at ? t('today.last_seen', { when: when(item.last_seen_at) }) : t('today.never_seen')),
    escalation?.visit?.escalation ? escalationBlock(escalation.visit, escalation.at, elder, (m) => done(m)) : null,
    open, form);
}
