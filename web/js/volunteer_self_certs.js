// The volunteer's certificates on their page (screens/my_volunteer.js,
// docs/volunteers.md "Certificates"): each one's number, period, hours,
// date and whether it is still valid, with its printable page
// (#/certificates/{id}/print) and its public check (#/verify/{number});
// then 申请出具证明: a team of theirs and the period (checked before sending:
// both dates, from ≤ to, to not after today) →
// POST /me/volunteer/certificate-requests {team_id, from, to}. Data only as text.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { hoursText, periodText, problemField, refusalText } from './volunteer_self_words.js';

const DATE = /^\d{4}-\d\d-\d\d$/;

// The request's problems before sending: [{field, key}] (empty: send it).
export function checkRequest({ team_id, from, to }, today) {
  const problems = [];
  if (!team_id) problems.push({ field: 'team_id', key: 'vol.field.team_id' });
  if (!DATE.test(from || '')) problems.push({ field: 'from', key: 'vol.field.from' });
  if (!DATE.test(to || '')) problems.push({ field: 'to', key: 'vol.field.to' });
  else if (to > today) problems.push({ field: 'to', key: 'vol.request_future' });
  if (!problems.length && from > to) problems.push({ field: 'from', key: 'vol.request_order' });
  return problems;
}

function certItem(c) {
  const valid = c.status !== 'superseded';
  return h('li', { class: 'result vol-cert', id: `vol-cert-${c.id}`, dataset: { id: c.id, status: c.status || 'valid' } },
    h('a', { class: 'result-name', href: `#/certificates/${c.id}/print`, id: `vol-cert-print-${c.id}` },
      t('vol.cert_name', { number: c.number })),
    h('p', {}, periodText(c.from, c.to), ' · ', t('vcert.hours_value', { hours: hoursText(c.hours) })),
    h('p', {}, h('span', { class: `badge ${valid ? 'vol-valid' : 'vol-superseded'}` }, t(valid ? 'vcert.valid' : 'vcert.superseded')),
      ' ', h('span', { class: 'note' }, t('vol.cert_issued', { on: c.issued_on, issuer: c.issuer?.name || '' }))),
    h('p', {}, h('a', { href: '#/verify/' + encodeURIComponent(c.number), id: `vol-cert-verify-${c.id}` }, t('vol.cert_verify'))));
}

function requestForm(volunteer) {
  const teams = (volunteer.teams || []).filter((x) => x && x.id);
  const today = districtDate();
  const field = (name, control, label) => h('div', { class: 'field', dataset: { for: name } },
    h('label', { for: control.id }, label), control,
    h('p', { class: 'field-error error', id: `${control.id}-error`, hidden: true }));
  const team = h('select', { id: 'vol-request-team', name: 'team_id', 'aria-describedby': 'vol-request-team-error' },
    teams.length > 1 ? h('option', { value: '' }, t('vol.request_pick')) : null,
    teams.map((x) => h('option', { value: String(x.id) }, x.left_at ? t('vol.team_left', { name: x.name }) : x.name)));
  const from = h('input', { id: 'vol-request-from', type: 'date', name: 'from', max: today,
    value: `${today.slice(0, 4)}-01-01`, 'aria-describedby': 'vol-request-from-error' });
  const to = h('input', { id: 'vol-request-to', type: 'date', name: 'to', max: today, value: today,
    'aria-describedby': 'vol-request-to-error' });
  const send = h('button', { type: 'submit', id: 'vol-request-send' }, t('vol.request_send'));
  const status = h('p', { role: 'status', id: 'vol-request-status' });
  const form = h('form', { id: 'vol-request-form', novalidate: true },
    field('team_id', team, t('vol.request_team')), field('from', from, t('vol.request_from')),
    field('to', to, t('vol.request_to')), send, status);
  const controls = { team_id: team, from, to };
  const show = (list) => {
    for (const [name, control] of Object.entries(controls)) {
      const mine = list.find((x) => x.field === name);
      const box = form.querySelector(`#${control.id}-error`);
      box.textContent = mine ? mine.message : '';
      box.hidden = !mine;
      control.setAttribute('aria-invalid', mine ? 'true' : 'false');
    }
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = '';
    const body = { team_id: Number(team.value) || 0, from: from.value, to: to.value };
    const problems = checkRequest(body, today);
    show(problems.map((p) => ({ field: p.field, message: t(p.key) })));
    if (problems.length) { controls[problems[0].field].focus(); return; }
    send.disabled = true;
    try {
      await api('/me/volunteer/certificate-requests', { method: 'POST', json: body });
      const name = teams.find((x) => x.id === body.team_id)?.name || '';
      status.textContent = t('vol.request_sent', { team: name });
    } catch (err) {
      const f = problemField(err);
      const message = refusalText(err);
      if (f && controls[f]) { show([{ field: f, message }]); controls[f].focus(); } else status.textContent = message;
    }
    send.disabled = false;
  });
  if (!teams.length) return h('p', { id: 'vol-request-no-team' }, t('vol.request_no_team'));
  return form;
}

// The certificates card: the list (or its error) and the request form.
export function certificatesSection(answer, volunteer) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'vol-certs-title' },
    h('h2', { id: 'vol-certs-title' }, t('vol.certs_title')));
  if (answer instanceof Error) {
    box.append(h('p', { class: 'error', id: 'vol-certs-problem' }, refusalText(answer)));
  } else {
    const items = answer?.items || [];
    box.append(items.length ? h('ul', { class: 'result-list', id: 'vol-certs' }, items.map(certItem))
      : h('p', { id: 'vol-certs-none' }, t('vol.certs_none')));
  }
  box.append(h('h3', { id: 'vol-request-title' }, t('vol.request_title')),
    h('p', { class: 'note' }, t('vol.request_intro')), requestForm(volunteer));
  return box;
}
