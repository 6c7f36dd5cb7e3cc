// The volunteer's own hours ledger on their page (screens/my_volunteer.js,
// docs/volunteers.md "The hours ledger"): the records newest first as the
// server lists them, each with its date, content, organiser, place, hours and
// state (待确认 / 已确认), its corrections under it (the signed change, the
// reason), and its dispute: 有异议 opens a text box (1–500 characters,
// checked before sending) → POST /volunteer-records/{id}/disputes; an open
// dispute shows 处理中, an answered one the answer when the answer carries
// it. Data only as text.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { hoursOf, minutesChange, momentText, organiserName, refusalText, stateBadge } from './volunteer_self_words.js';

export const DISPUTE_MAX = 500;

// The records to list at the top (not corrections of a listed record), each
// with its listed corrections: [{record, corrections: [record]}].
export function groupRecords(items) {
  const list = Array.isArray(items) ? items : [];
  const byId = new Map(list.map((r) => [r.id, r]));
  const under = new Map();
  for (const r of list) {
    if (r.corrects_id && byId.has(r.corrects_id)) {
      if (!under.has(r.corrects_id)) under.set(r.corrects_id, []);
      under.get(r.corrects_id).push(r);
    }
  }
  return list.filter((r) => !(r.corrects_id && byId.has(r.corrects_id)))
    .map((r) => ({ record: r, corrections: under.get(r.id) || [] }));
}

function correctionItem(c) {
  return h('li', { class: 'vol-correction', dataset: { id: c.id } },
    h('span', { class: 'vol-correction-word' }, t('vol.correction')), ' ',
    h('strong', {}, minutesChange(c.minutes)),
    c.reason ? ['：', c.reason] : null,
    h('span', { class: 'note' }, ' ', t('vol.correction_when', { when: momentText(c.created_at) || c.service_date })));
}

// The dispute's line: 异议处理中 / 已答复 (with the text and the answer when given).
function disputeLine(d) {
  const answered = d.state === 'answered';
  return h('div', { class: `vol-dispute vol-dispute-${answered ? 'answered' : 'open'}` },
    h('p', {}, h('span', { class: 'badge' }, t(answered ? 'vol.dispute_answered' : 'vol.dispute_open')),
      d.text ? [' ', t('vol.dispute_text', { text: d.text })] : null),
    answered && d.answer ? h('p', { class: 'vol-dispute-answer' }, t('vol.dispute_answer', { answer: d.answer })) : null,
    answered && !d.answer ? h('p', { class: 'note' }, t('vol.dispute_answer_elsewhere')) : null);
}

// 有异议 → a text box and 提交异议; on 201 the record shows its open dispute.
function disputeBox(record, say) {
  const id = record.id;
  const box = h('div', { class: 'vol-dispute-box' });
  const error = h('p', { class: 'field-error error', id: `vol-dispute-error-${id}`, hidden: true });
  const text = h('textarea', { id: `vol-dispute-text-${id}`, rows: 3, maxlength: DISPUTE_MAX,
    'aria-describedby': `vol-dispute-hint-${id} vol-dispute-error-${id}` });
  const send = h('button', { type: 'submit', id: `vol-dispute-send-${id}` }, t('vol.dispute_send'));
  const cancel = h('button', { type: 'button', class: 'secondary', id: `vol-dispute-cancel-${id}` }, t('vol.dispute_cancel'));
  const form = h('form', { class: 'vol-dispute-form', id: `vol-dispute-form-${id}`, hidden: true },
    h('label', { for: `vol-dispute-text-${id}` }, t('vol.dispute_label')),
    h('p', { class: 'note', id: `vol-dispute-hint-${id}` }, t('vol.dispute_hint', { max: DISPUTE_MAX })),
    text, error, send, ' ', cancel);
  const open = h('button', { type: 'button', class: 'secondary', id: `vol-dispute-open-${id}` }, t('vol.dispute_open_button'));
  const showError = (message) => {
    error.textContent = message;
    error.hidden = !message;
    text.setAttribute('aria-invalid', message ? 'true' : 'false');
  };
  open.addEventListener('click', () => { open.hidden = true; form.hidden = false; text.focus(); });
  cancel.addEventListener('click', () => { form.hidden = true; open.hidden = false; showError(''); open.focus(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) { showError(t('vol.field.text')); text.focus(); return; }
    if ([...value].length > DISPUTE_MAX) { showError(t('vol.dispute_too_long', { max: DISPUTE_MAX })); text.focus(); return; }
    showError('');
    send.disabled = true;
    try {
      const d = await api(`/volunteer-records/${id}/disputes`, { method: 'POST', json: { text: value } });
      box.replaceChildren(disputeLine({ ...d, text: d.text ?? value }));
      say(t('vol.dispute_sent'));
    } catch (err) {
      send.disabled = false;
      showError(refusalText(err));
    }
  });
  box.append(open, form);
  return box;
}

function recordItem({ record: r, corrections }, say) {
  const org = organiserName(r.organiser) || r.organiser_name || '';
  return h('li', { class: 'result vol-record', id: `vol-record-${r.id}`, dataset: { id: r.id, state: r.state } },
    h('p', { class: 'vol-record-head' }, h('strong', {}, r.service_date), ' ', r.content, ' ', stateBadge(r.state)),
    h('p', {}, [org, r.place].filter(Boolean).join(' · ')),
    h('p', { class: 'vol-record-hours' }, r.source === 'correction'
      ? [t('vol.correction'), ' ', minutesChange(r.minutes), r.reason ? `：${r.reason}` : '']
      : t('vol.record_hours', { hours: hoursOf(r.minutes), minutes: r.minutes }),
    h('span', { class: 'note' }, ' · ', t(`vol.source.${r.source}`))),
    corrections.length ? h('ul', { class: 'vol-corrections', 'aria-label': t('vol.corrections_label') }, corrections.map(correctionItem)) : null,
    r.dispute ? disputeLine(r.dispute) : r.source === 'correction' ? null : disputeBox(r, say));
}

// The records card: newest first as listed, or why there are none.
export function recordsSection(answer, say) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'vol-records-title' },
    h('h2', { id: 'vol-records-title' }, t('vol.records_title')));
  if (answer instanceof Error) {
    box.append(h('p', { class: 'error', role: 'alert', id: 'vol-records-problem' }, refusalText(answer)));
    return box;
  }
  const groups = groupRecords(answer?.items);
  box.append(groups.length
    ? h('ul', { class: 'result-list', id: 'vol-records' }, groups.map((g) => recordItem(g, say)))
    : h('p', { id: 'vol-records-none' }, t('vol.records_none')),
  h('p', { class: 'note' }, t('vol.records_rule')));
  return box;
}
