// #/certificates/{id}/print — a volunteer service certificate
// (志愿服务记录证明, docs/volunteers.md "Certificates") laid out to print on
// one A4 page from the browser (no PDF): the title, the number, a sentence
// with the volunteer's name, masked ID, volunteer number, the period and the
// confirmed hours, the content one row per organiser, the issuing team, its
// responsible person, the handler, the contact phone, the date, the
// platform's note, and the QR code (GET /volunteer-certificates/{id}/qr.svg)
// with the verification address under it. Read by its team's admins and the
// volunteer (GET /volunteer-certificates/{id}); the print stylesheet hides
// the app's header, footer and this page's tools. A superseded certificate
// says so (on paper too) and links the new one. Data only as text.
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { hoursText, periodText, refusalText, verifyAddress } from '../js/volunteer_self_words.js';
import { contentTable, factList } from '../js/volunteer_cert_facts.js';

function tools(c) {
  return h('div', { class: 'no-print cert-tools' },
    h('button', { type: 'button', id: 'cert-print', onclick: () => window.print() }, t('vcert.print')), ' ',
    h('a', { class: 'button secondary', id: 'cert-verify-link', href: '#/verify/' + encodeURIComponent(c.number) }, t('vcert.open_verify')), ' ',
    h('a', { class: 'button secondary', id: 'cert-back', href: '#/me/volunteer' }, t('vcert.back_mine')),
    h('p', { class: 'note' }, t('vcert.print_hint')));
}

function superseded(c) {
  if (c.status !== 'superseded') return null;
  return h('p', { class: 'vol-superseded-banner', id: 'cert-superseded' }, t('vcert.superseded_banner'), ' ',
    c.superseded_by_number ? [t('vcert.superseded_by'), ' ',
      c.superseded_by ? h('a', { href: `#/certificates/${c.superseded_by}/print`, id: 'cert-superseded-new', lang: 'en' }, c.superseded_by_number)
        : h('span', { lang: 'en' }, c.superseded_by_number)] : null);
}

function page(c) {
  const issuer = c.issuer || {};
  const address = verifyAddress(c.number);
  return h('article', { class: 'cert-page', id: 'cert-page', 'aria-labelledby': 'cert-title' },
    h('h1', { id: 'cert-title', class: 'cert-title' }, t('vcert.title')),
    h('p', { class: 'cert-no' }, t('vcert.number'), '：', h('span', { lang: 'en', id: 'cert-number' }, c.number)),
    superseded(c),
    h('p', { class: 'cert-body', id: 'cert-body' }, t('vcert.body', {
      name: c.volunteer_name, id_number: c.id_number_masked || t('vcert.id_none'), volunteer_no: c.volunteer_no,
      from: c.from, to: c.to, hours: hoursText(c.hours) })),
    h('h2', { class: 'cert-h2' }, t('vcert.content')),
    contentTable(c.content, 'cert-content'),
    h('div', { class: 'cert-foot' },
      factList([
        [t('vcert.name'), c.volunteer_name, 'cert-name'],
        [t('vcert.id_number'), h('span', { lang: 'en' }, c.id_number_masked || t('vcert.id_none')), 'cert-id'],
        [t('vcert.volunteer_no'), h('span', { lang: 'en' }, c.volunteer_no), 'cert-volunteer-no'],
        [t('vcert.period'), periodText(c.from, c.to), 'cert-period'],
        [t('vcert.hours'), t('vcert.hours_value', { hours: hoursText(c.hours) }), 'cert-hours'],
        [t('vcert.issuer'), issuer.name, 'cert-issuer'],
        [t('vcert.responsible'), issuer.responsible_person, 'cert-responsible'],
        [t('vcert.handler'), c.handler, 'cert-handler'],
        [t('vcert.contact'), issuer.contact_phone, 'cert-contact'],
        [t('vcert.issued_on'), c.issued_on, 'cert-issued-on'],
      ], 'cert-facts'),
      h('figure', { class: 'cert-qr' },
        h('img', { src: `/api/v1/volunteer-certificates/${encodeURIComponent(c.id)}/qr.svg`, id: 'cert-qr',
          alt: t('vcert.qr_alt', { number: c.number }), width: 132, height: 132 }),
        h('figcaption', {}, t('vcert.qr_caption'), h('br'), h('span', { lang: 'en', id: 'cert-verify-address', class: 'cert-address' }, address)))),
    h('p', { class: 'cert-seal' }, t('vcert.seal', { issuer: issuer.name || '' })),
    h('p', { class: 'cert-note', id: 'cert-note' }, c.note || ''));
}

export async function render(view, params) {
  view.classList.add('cert-print');
  const user = await me();
  if (!user) {
    view.append(h('h1', {}, t('vcert.title')), h('p', {}, t('vcert.sign_in_why')),
      h('p', {}, h('a', { class: 'button', id: 'cert-signin',
        href: '#/signin?next=' + encodeURIComponent(`#/certificates/${params.id}/print`) }, t('mine.sign_in'))));
    return;
  }
  if (!/^\d+$/.test(params.id)) {
    view.append(h('h1', {}, t('vcert.title')), h('p', { class: 'error', role: 'alert', id: 'cert-problem' }, t('vol.refused.not_found')));
    return;
  }
  let c;
  try {
    c = await api(`/volunteer-certificates/${params.id}`);
  } catch (err) {
    view.append(h('h1', {}, t('vcert.title')), h('p', { class: 'error', role: 'alert', id: 'cert-problem' }, refusalText(err)),
      h('p', { class: 'no-print' }, h('a', { href: '#/me/volunteer' }, t('vcert.back_mine'))));
    return;
  }
  document.title = `${t('vcert.title')} ${c.number}`;
  view.append(tools(c), page(c));
}
