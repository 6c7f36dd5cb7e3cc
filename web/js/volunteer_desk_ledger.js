// The hours ledger for an organisation's staff (志愿服务记录, docs/volunteers.md
// "The hours ledger"): the records it organised still to confirm (GET
// /volunteer-records?organiser_org_id=&state=submitted, each 确认 by POST
// …/confirm) and the volunteers' open disputes (GET
// /volunteer-disputes?organiser_org_id=&state=open, each with its record in
// words from the organiser's records), each answered with a
// text and, when the hours were wrong, a correction (signed minutes and a
// reason) written with the answer. Records are never edited: a correction is
// a new record. One request at a time; refusals in words.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { formErrors } from './care_form.js';
import { fieldErrors, itemsOf, minutesText, once, refusalText, row, say, statusLine } from './volunteer_desk_words.js';

const volunteerOf = (r) => r.volunteer?.name
  ? `${r.volunteer.name} ${r.volunteer.volunteer_no || ''}`.trim()
  : r.volunteer_name || t('vdesk.volunteer_id', { id: r.volunteer_id });

// A record in one line: date, who, content, place, minutes, source.
const recordLine = (r) => [r.service_date, volunteerOf(r), r.content, r.place || null, minutesText(r.minutes),
  t('vledger.source.' + (r.source || 'manual'))].filter(Boolean).join(' · ');

// The submitted records of `orgId`, each with 确认.
export async function recordsCard(orgId) {
  const card = h('section', { class: 'card', id: 'vledger-records', 'aria-labelledby': 'vledger-records-title' },
    h('h2', { id: 'vledger-records-title' }, t('vledger.records')));
  const line = statusLine('vledger-records-status');
  const list = h('ul', { class: 'plain', id: 'vledger-record-list' });
  card.append(line, list);
  const draw = async () => {
    let items;
    try {
      items = itemsOf(await api('/volunteer-records', { query: { organiser_org_id: orgId, state: 'submitted' } }));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error', role: 'alert' }, refusalText(err)));
      return;
    }
    list.replaceChildren(...items.map((r) => {
      const ok = h('button', { type: 'button', id: `vledger-confirm-${r.id}` }, t('vledger.confirm'));
      ok.addEventListener('click', () => once(ok, async () => {
        try {
          await api(`/volunteer-records/${r.id}/confirm`, { method: 'POST', json: {} });
          say(line, t('vledger.confirmed_one', { who: volunteerOf(r) }));
          await draw();
          line.focus();
        } catch (err) {
          say(line, refusalText(err), true);
        }
      }));
      return h('li', { class: 'vledger-record', id: `vledger-record-${r.id}`, dataset: { id: r.id } }, recordLine(r), ' ', ok);
    }));
    if (!items.length) list.append(h('li', { id: 'vledger-records-none' }, t('vledger.records_none')));
  };
  await draw();
  return card;
}

// One dispute's answer form: the answer, and an optional correction.
function answerForm(d, done) {
  const answer = h('textarea', { rows: 3, maxlength: 500 });
  const correct = h('input', { type: 'checkbox', id: `vledger-d-${d.id}-correct` });
  const minutes = h('input', { type: 'number', inputmode: 'numeric', min: -1440, max: 1440 });
  const reason = h('input', { type: 'text', maxlength: 200 });
  const correction = h('div', { hidden: true, id: `vledger-d-${d.id}-correction` },
    row(`vledger-d-${d.id}-minutes`, 'correction.minutes', t('vledger.correction_minutes'), minutes, t('vledger.correction_minutes_hint')),
    row(`vledger-d-${d.id}-reason`, 'correction.reason', t('vledger.correction_reason'), reason));
  correct.addEventListener('change', () => { correction.hidden = !correct.checked; if (correct.checked) minutes.focus(); });
  const summary = h('div', { tabindex: '-1' });
  const form = h('form', { id: `vledger-d-${d.id}-form`, novalidate: true },
    row(`vledger-d-${d.id}-answer`, 'answer', t('vledger.answer'), answer),
    h('div', { class: 'field choice' }, correct, h('label', { for: correct.id }, t('vledger.with_correction'))),
    correction, summary, h('p', {}, h('button', { type: 'submit', id: `vledger-d-${d.id}-go` }, t('vledger.answer_go'))));
  const errors = formErrors(form, summary, `vledger-d-${d.id}`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const problems = [];
      const text = answer.value.trim();
      if (!text || [...text].length > 500) problems.push({ field: 'answer', message: t('vledger.check.answer') });
      const body = { answer: text };
      if (correct.checked) {
        const m = Number(minutes.value);
        if (!minutes.value.trim() || !Number.isInteger(m) || m === 0 || Math.abs(m) > 1440) {
          problems.push({ field: 'correction.minutes', message: t('vledger.check.minutes') });
        }
        const why = reason.value.trim();
        if (!why || [...why].length > 200) problems.push({ field: 'correction.reason', message: t('vledger.check.reason') });
        body.correction = { minutes: m, reason: why };
      }
      if (problems.length) { errors.show(problems, t('vdesk.form.check_first')); return; }
      errors.clear();
      try {
        await done(await api(`/volunteer-disputes/${d.id}/answer`, { method: 'POST', json: body }));
      } catch (err) {
        errors.show(err.status === 422 ? fieldErrors(err) : [], refusalText(err));
      }
    });
  });
  return form;
}

// The open disputes of records `orgId` organised, each with its answer form.
export async function disputesCard(orgId) {
  const card = h('section', { class: 'card', id: 'vledger-disputes', 'aria-labelledby': 'vledger-disputes-title' },
    h('h2', { id: 'vledger-disputes-title' }, t('vledger.disputes')));
  const line = statusLine('vledger-disputes-status');
  const list = h('ul', { class: 'plain', id: 'vledger-dispute-list' });
  card.append(line, list);
  const draw = async () => {
    let items;
    try {
      items = itemsOf(await api('/volunteer-disputes', { query: { organiser_org_id: orgId, state: 'open' } }));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error', role: 'alert' }, refusalText(err)));
      return;
    }
    // Each dispute's record in words: the organiser's records read once (both states; an audited read).
    const records = new Map();
    if (items.length && !items.every((d) => d.record)) {
      for (const state of ['confirmed', 'submitted']) {
        const got = await api('/volunteer-records', { query: { organiser_org_id: orgId, state } }).then(itemsOf).catch(() => []);
        for (const r of got) records.set(r.id, r);
      }
    }
    list.replaceChildren(...items.map((d) => {
      const rec = d.record || records.get(d.record_id) || null;
      return h('li', { class: 'card vledger-dispute', id: `vledger-d-${d.id}`, dataset: { id: d.id, record: d.record_id } },
        h('p', {}, rec ? recordLine(rec) : t('vledger.record_no', { id: d.record_id })),
        h('p', {}, t('vledger.dispute_text', { at: String(d.raised_at || '').slice(0, 10) }), h('q', {}, d.text)),
        answerForm(d, async () => {
          say(line, t('vledger.answered'));
          await draw();
          line.focus();
        }));
    }));
    if (!items.length) list.append(h('li', { id: 'vledger-disputes-none' }, t('vledger.disputes_none')));
  };
  await draw();
  return card;
}
