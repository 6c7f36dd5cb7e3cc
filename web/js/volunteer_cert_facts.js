// A certificate's facts as DOM (志愿服务记录证明, docs/volunteers.md
// "Certificates"), for the public verification page (screens/verify.js) and
// the printable page (screens/certificate_print.js): the service content one
// line per organiser, the facts as a list, and the valid / superseded line.
// Every value comes from the server's answer and goes in as text.
import { h } from './dom.js';
import { t } from './i18n.js';
import { hoursOf, hoursText, organiserName, periodText } from './volunteer_self_words.js';

// The content: one row per organiser — organiser, times served, hours, what was done.
export function contentTable(content, id) {
  const lines = Array.isArray(content) ? content : [];
  if (!lines.length) return h('p', { id }, t('vcert.content_none'));
  return h('table', { id, class: 'cert-content' },
    h('caption', { class: 'visually-hidden' }, t('vcert.content')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('vcert.col_organiser')),
      h('th', { scope: 'col', class: 'num' }, t('vcert.col_records')),
      h('th', { scope: 'col', class: 'num' }, t('vcert.col_hours')),
      h('th', { scope: 'col' }, t('vcert.col_services')))),
    h('tbody', {}, lines.map((l) => h('tr', {},
      h('td', {}, organiserName(l.organiser)),
      h('td', { class: 'num' }, String(l.records ?? '')),
      h('td', { class: 'num' }, hoursOf(l.minutes)),
      h('td', {}, (Array.isArray(l.services) ? l.services : []).join('、'))))));
}

// [label, value, id] rows as a <dl>.
export function factList(rows, id) {
  return h('dl', { class: 'cert-facts', id },
    rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([label, value, rowId]) => [h('dt', {}, label), h('dd', { id: rowId }, value)]));
}

// The facts anyone may verify (GET /certificate-verifications/{number}).
export function verificationFacts(v) {
  const issuer = v.issuer || {};
  return [
    factList([
      [t('vcert.number'), h('span', { lang: 'en', class: 'cert-number' }, v.number), 'verify-number-value'],
      [t('vcert.name'), v.volunteer_name, 'verify-name'],
      [t('vcert.id_number'), h('span', { lang: 'en' }, v.id_number_masked || t('vcert.id_none')), 'verify-id'],
      [t('vcert.volunteer_no'), h('span', { lang: 'en' }, v.volunteer_no), 'verify-volunteer-no'],
      [t('vcert.period'), periodText(v.from, v.to), 'verify-period'],
      [t('vcert.hours'), t('vcert.hours_value', { hours: hoursText(v.hours) }), 'verify-hours'],
      [t('vcert.issuer'), issuer.name, 'verify-issuer'],
      [t('vcert.responsible'), issuer.responsible_person, 'verify-responsible'],
      [t('vcert.contact'), issuer.contact_phone, 'verify-contact'],
      [t('vcert.issued_on'), v.issued_on, 'verify-issued-on'],
    ], 'verify-facts'),
    h('h2', { id: 'verify-content-title' }, t('vcert.content')),
    contentTable(v.content, 'verify-content'),
    v.note && h('p', { class: 'note', id: 'verify-note' }, v.note),
  ];
}

// 有效 / 已被新证明取代 (with the new number, `link(number)` its address).
export function statusLine(v, link, id) {
  if (v.status === 'superseded') {
    return h('p', { class: 'vol-status vol-superseded', id },
      h('span', { class: 'vol-status-word' }, t('vcert.superseded')),
      v.superseded_by_number ? [' ', t('vcert.superseded_by'), ' ',
        h('a', { href: link(v.superseded_by_number), id: `${id}-new`, lang: 'en' }, v.superseded_by_number)] : null);
  }
  return h('p', { class: 'vol-status vol-valid', id }, h('span', { class: 'vol-status-word' }, t('vcert.valid')));
}
