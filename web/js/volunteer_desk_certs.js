// The team desk's certificates (志愿服务记录证明, docs/volunteers.md
// "Certificates" and "Teams"): the team's certificate facts (responsible
// person, contact phone; PUT /volunteer-teams/{id}), the open certificate
// requests (GET /volunteer-certificate-requests?team_id=&state=open), each
// answered by issuing over the period asked (POST /volunteer-certificates
// with request_id), a certificate issued for a volunteer directly, a
// volunteer's certificates with 打印 (the web app's print page,
// #/certificates/{id}/print) and 重新开具 (POST …/reissue). Issued free:
// no fee anywhere. One request at a time; refusals in words.
import { api } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { formErrors } from './care_form.js';
import { addDays, periodProblems } from './volunteer_desk_model.js';
import { checkMessages, fieldErrors, itemsOf, minutesText, once, refusalText, row, say, statusLine } from './volunteer_desk_words.js';

export const printHref = (c) => `#/certificates/${c.id}/print`;

const nameOf = (r) => r.volunteer?.name || r.volunteer_name || t('vdesk.volunteer_id', { id: r.volunteer_id });
const noOf = (r) => r.volunteer?.volunteer_no || r.volunteer_no || '';

// The team's certificate facts, with their edit.
export function teamFactsCard(team, onSaved) {
  const card = h('section', { class: 'card', id: 'vdesk-facts', 'aria-labelledby': 'vdesk-facts-title' });
  const draw = (tm) => {
    const edit = h('button', { type: 'button', class: 'secondary', id: 'vdesk-facts-edit' }, t('vdesk.facts.edit'));
    card.replaceChildren();
    fill(card, h('h2', { id: 'vdesk-facts-title' }, t('vdesk.facts.heading')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('vdesk.facts.community')), h('dd', {}, tm.community?.name || t('vdesk.facts.none')),
        h('dt', {}, t('vdesk.facts.parent')), h('dd', {}, tm.parent?.name || t('vdesk.facts.none')),
        h('dt', {}, t('vdesk.facts.volunteers')), h('dd', { id: 'vdesk-facts-count' }, String(tm.volunteers ?? 0)),
        h('dt', {}, t('vdesk.facts.responsible')), h('dd', { id: 'vdesk-facts-responsible' }, tm.responsible_person || t('vdesk.facts.missing')),
        h('dt', {}, t('vdesk.facts.contact')), h('dd', { id: 'vdesk-facts-contact' }, tm.contact_phone || t('vdesk.facts.missing'))),
      tm.responsible_person && tm.contact_phone ? null : h('p', { class: 'note', id: 'vdesk-facts-needed' }, t('vdesk.facts.needed')),
      h('p', {}, edit));
    edit.addEventListener('click', () => {
      const person = h('input', { type: 'text', maxlength: 40 });
      person.value = tm.responsible_person || '';
      const phone = h('input', { type: 'tel' });
      phone.value = tm.contact_phone || '';
      const summary = h('div', { tabindex: '-1' });
      const form = h('form', { id: 'vdesk-facts-form', novalidate: true },
        row('vdesk-facts-person', 'responsible_person', t('vdesk.facts.responsible'), person),
        row('vdesk-facts-phone', 'contact_phone', t('vdesk.facts.contact'), phone),
        summary, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'vdesk-facts-save' }, t('vdesk.facts.save'))));
      const errors = formErrors(form, summary, 'vdesk-facts');
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        once(form, async () => {
          const body = { responsible_person: person.value.trim(), contact_phone: phone.value.trim() };
          try {
            const saved = await api(`/volunteer-teams/${tm.id}`, { method: 'PUT', json: body });
            onSaved?.(saved);
            draw(saved);
            card.querySelector('#vdesk-facts-edit').focus();
          } catch (err) {
            errors.show(err.status === 422 ? fieldErrors(err) : [], refusalText(err));
          }
        });
      });
      edit.replaceWith(form);
      person.focus();
    });
  };
  draw(team);
  return card;
}

// The issue form: the period (from, to) and 开具证明; onIssued(certificate).
export function issueForm({ volunteerId, teamId, from = '', to = '', requestId = null, idPrefix, onIssued }) {
  const today = districtDate();
  const fromBox = h('input', { type: 'date', max: today });
  fromBox.value = from || addDays(today, -365);
  const toBox = h('input', { type: 'date', max: today });
  toBox.value = to || today;
  const summary = h('div', { tabindex: '-1' });
  const form = h('form', { class: 'vdesk-issue', id: `${idPrefix}-form`, novalidate: true },
    h('div', { class: 'row' },
      row(`${idPrefix}-from`, 'from', t('vdesk.cert.from'), fromBox),
      row(`${idPrefix}-to`, 'to', t('vdesk.cert.to'), toBox)),
    h('p', { class: 'note' }, t('vdesk.cert.free')),
    summary, h('p', {}, h('button', { type: 'submit', id: `${idPrefix}-go` }, requestId ? t('vdesk.cert.answer') : t('vdesk.cert.issue'))));
  const errors = formErrors(form, summary, idPrefix);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    once(form, async () => {
      const problems = periodProblems(fromBox.value, toBox.value, today);
      if (problems.length) { errors.show(checkMessages(problems), t('vdesk.form.check_first')); return; }
      errors.clear();
      const body = { volunteer_id: volunteerId, team_id: teamId, from: fromBox.value, to: toBox.value };
      if (requestId) body.request_id = requestId;
      try {
        onIssued(await api('/volunteer-certificates', { method: 'POST', json: body }));
      } catch (err) {
        errors.show(err.status === 422 ? fieldErrors(err) : [], refusalText(err));
      }
    });
  });
  return form;
}

// What an issued certificate says on the desk: its number, period, hours and the print link.
export function issuedNote(c, id) {
  return h('div', { class: 'card vdesk-issued', id, dataset: { cert: c.id } },
    h('p', { role: 'status' }, t('vdesk.cert.issued', { number: c.number, from: c.from, to: c.to, hours: minutesText(c.minutes ?? 0) })),
    h('p', {}, h('a', { class: 'button', href: printHref(c), id: `${id}-print`, target: '_blank', rel: 'noopener' }, t('vdesk.cert.print'))));
}

// The open certificate requests of a team; each answered by issuing.
export async function requestsCard(teamId) {
  const card = h('section', { class: 'card', id: 'vdesk-requests', 'aria-labelledby': 'vdesk-requests-title' },
    h('h2', { id: 'vdesk-requests-title' }, t('vdesk.req.heading')));
  const list = h('ul', { class: 'plain', id: 'vdesk-request-list' });
  const line = statusLine('vdesk-req-status');
  card.append(line, list);
  let items;
  try {
    items = itemsOf(await api('/volunteer-certificate-requests', { query: { team_id: teamId, state: 'open' } }));
  } catch (err) {
    say(line, refusalText(err), true);
    return card;
  }
  if (!items.length) list.append(h('li', { id: 'vdesk-req-none' }, t('vdesk.req.none')));
  for (const r of items) {
    const open = h('button', { type: 'button', id: `vdesk-req-open-${r.id}`, 'aria-expanded': 'false' }, t('vdesk.req.answer'));
    const slot = h('div');
    const li = h('li', { class: 'card vdesk-request', id: `vdesk-req-${r.id}`, dataset: { id: r.id } },
      h('p', {}, h('strong', {}, nameOf(r)), noOf(r) ? ` · ${noOf(r)}` : '',
        ' · ', t('vdesk.req.period', { from: r.from, to: r.to }),
        r.requested_at || r.created_at ? [' · ', t('vdesk.req.asked', { at: String(r.requested_at || r.created_at).slice(0, 10) })] : ''),
      h('p', {}, open), slot);
    open.addEventListener('click', () => {
      if (slot.firstChild) { slot.replaceChildren(); open.setAttribute('aria-expanded', 'false'); return; }
      open.setAttribute('aria-expanded', 'true');
      slot.replaceChildren(issueForm({ volunteerId: r.volunteer_id, teamId, from: r.from, to: r.to, requestId: r.id, idPrefix: `vdesk-req-${r.id}-issue`,
        onIssued: (c) => {
          li.replaceChildren(h('p', {}, h('strong', {}, nameOf(r)), ' · ', t('vdesk.req.answered')), issuedNote(c, `vdesk-req-${r.id}-done`));
          li.dataset.state = 'answered';
          li.querySelector('a').focus();
        } }));
      slot.querySelector('input').focus();
    });
    list.append(li);
  }
  return card;
}

// A volunteer's certificates: number, period, hours, state; 打印 and 重新开具.
export async function certificatesBox(volunteer, teamId) {
  const box = h('div', { class: 'vdesk-certs', id: `vdesk-certs-${volunteer.id}` });
  const line = statusLine(`vdesk-certs-status-${volunteer.id}`);
  const list = h('ul', { class: 'plain' });
  const issue = issueForm({ volunteerId: volunteer.id, teamId, idPrefix: `vdesk-issue-${volunteer.id}`, onIssued: (c) => {
    line.replaceChildren(issuedNote(c, `vdesk-issued-${volunteer.id}`));
    draw();
  } });
  const draw = async () => {
    let items;
    try {
      items = itemsOf(await api(`/volunteers/${volunteer.id}/certificates`));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error' }, refusalText(err)));
      return;
    }
    list.replaceChildren(...items.map((c) => {
      const reissue = c.status === 'superseded' ? null : h('button', { type: 'button', class: 'secondary', id: `vdesk-reissue-${c.id}` }, t('vdesk.cert.reissue'));
      reissue?.addEventListener('click', () => once(reissue, async () => {
        try {
          const made = await api(`/volunteer-certificates/${c.id}/reissue`, { method: 'POST', json: {} });
          line.replaceChildren(issuedNote(made, `vdesk-reissued-${c.id}`));
          await draw();
        } catch (err) {
          say(line, refusalText(err), true);
        }
      }));
      return h('li', { class: 'vdesk-cert', id: `vdesk-cert-${c.id}`, dataset: { status: c.status || 'valid' } },
        h('span', { class: 'code-input' }, c.number), ' · ', t('vdesk.req.period', { from: c.from, to: c.to }),
        ' · ', minutesText(c.minutes ?? 0), ' ', h('span', { class: 'badge' }, t('vdesk.cert.status.' + (c.status || 'valid'))), ' ',
        h('a', { href: printHref(c), id: `vdesk-print-${c.id}`, target: '_blank', rel: 'noopener' }, t('vdesk.cert.print')), ' ', reissue);
    }));
    if (!items.length) list.append(h('li', { class: 'note' }, t('vdesk.cert.none')));
  };
  box.append(h('h3', {}, t('vdesk.cert.heading', { name: volunteer.name })), issue, line, list);
  await draw();
  return box;
}
