// #/afterschool-desk — the staff tablet's start (社区四点半课堂,
// docs/afterschool.md "Screens"): the programmes the caller organises or
// staffs (GET /organiser-afterschool-programmes, with my_part), each a large
// link to today's roster (#/afterschool-desk/{id}, screens/afterschool_day.js)
// with its days and hours, site and places; for the organiser's part (and
// admins) 新建四点半课堂 (js/afterschool_programme_form.js: organisers from
// GET /activity-organisers, sites from GET /facilities?kind=afterschool_site)
// and each programme's staff list with the background checks and the
// re-checks due flagged (js/afterschool_staff.js), and 值守确认: a day's duty
// and its confirmation, the volunteers' hours (js/afterschool_duty_card.js).
// Residents are sent to their own screen (#/my-children). Data only as text.
import { allPages, api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { programmeForm } from '../js/afterschool_programme_form.js';
import { staffCard } from '../js/afterschool_staff.js';
import { dutyCard } from '../js/afterschool_duty_card.js';
import { programmeLine, refusalText } from '../js/afterschool_words.js';

const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

function programmeItem(p) {
  const organiser = p.my_part === 'organiser' || p.my_part === 'admin';
  const staffBox = h('div', { class: 'as-staff-box' });
  const toggle = organiser ? h('button', { type: 'button', class: 'secondary', id: `as-staff-show-${p.id}`, 'aria-expanded': 'false' },
    t('asdesk.staff_show')) : null;
  toggle?.addEventListener('click', async () => {
    if (staffBox.firstChild) { staffBox.replaceChildren(); toggle.setAttribute('aria-expanded', 'false'); return; }
    toggle.disabled = true;
    staffBox.replaceChildren(await staffCard(p.id, true, p.organiser?.id));
    toggle.disabled = false;
    toggle.setAttribute('aria-expanded', 'true');
  });
  const dutyBox = h('div', { class: 'as-duty-box' });
  const dutyToggle = organiser ? h('button', { type: 'button', class: 'secondary', id: `as-duty-show-${p.id}`, 'aria-expanded': 'false' },
    t('asdesk.dc.show')) : null;
  dutyToggle?.addEventListener('click', () => {
    const open = !dutyBox.firstChild;
    dutyBox.replaceChildren(...(open ? [dutyCard(p)] : []));
    dutyToggle.setAttribute('aria-expanded', String(open));
  });
  return h('li', { class: 'card as-programme', dataset: { id: p.id, part: p.my_part || '', status: p.status || '' } },
    h('h3', {}, h('a', { href: `#/afterschool-desk/${p.id}`, id: `as-open-${p.id}`, class: 'as-open' }, p.name)),
    h('p', {}, programmeLine(p)),
    h('p', {}, t('asdesk.places', { enrolled: p.enrolled ?? 0, capacity: p.capacity ?? 0 }), ' · ',
      h('span', { class: 'badge' }, t('asdesk.part.' + (p.my_part || 'staff'))),
      p.status === 'closed' ? [' ', h('span', { class: 'badge' }, t('asdesk.closed'))] : ''),
    toggle && h('p', {}, toggle, ' ', dutyToggle), staffBox, dutyBox);
}

async function home(view, user) {
  let items;
  try {
    items = itemsOf(await api('/organiser-afterschool-programmes'));
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) {
      view.append(h('p', { class: 'error', role: 'alert', id: 'as-desk-problem' }, refusalText(err)));
      return;
    }
    items = null;
  }
  const organisers = await api('/activity-organisers').then(itemsOf).catch(() => []);
  const mayCreate = organisers.length > 0 || user.role === 'admin';
  if (items === null && !mayCreate) {
    view.append(h('p', { class: 'error', id: 'as-forbidden', role: 'alert' }, t('asdesk.forbidden')));
    return;
  }
  const list = h('ul', { class: 'plain as-programmes', id: 'as-programmes' });
  const flash = h('p', { role: 'status', id: 'as-desk-status', tabindex: '-1' });
  const draw = async () => {
    const fresh = itemsOf(await api('/organiser-afterschool-programmes').catch(() => ({ items: items || [] })));
    list.replaceChildren();
    fill(list, fresh.map(programmeItem));
    if (!fresh.length) list.append(h('li', { id: 'as-none' }, t('asdesk.none')));
  };
  if (mayCreate) {
    const sites = await allPages('/facilities', { kind: 'afterschool_site' }).catch(() => []);
    const formBox = h('div', { id: 'as-form-box' });
    const newButton = h('button', { type: 'button', id: 'as-new' }, t('asdesk.new'));
    const close = () => { formBox.replaceChildren(); newButton.focus(); };
    newButton.addEventListener('click', () => {
      formBox.replaceChildren(programmeForm({ organisers, sites }, async (made) => {
        formBox.replaceChildren();
        flash.replaceChildren(t('asdesk.created', { name: made.name }), ' ',
          h('a', { href: `#/afterschool-desk/${made.id}`, id: 'as-made-link' }, t('asdesk.open_made')));
        flash.focus();
        await draw();
      }, close));
      formBox.querySelector('h2').focus();
    });
    view.append(h('p', {}, newButton), formBox);
  }
  view.append(flash, h('section', { 'aria-labelledby': 'as-list-title' },
    h('h2', { id: 'as-list-title' }, t('asdesk.list')), h('p', { class: 'note' }, t('asdesk.list_note')), list));
  await draw();
}

export async function render(view, params, query) {
  const user = await me();
  view.classList.add('as-desk');
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('asdesk.back'))), h('h1', {}, t('asdesk.heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  if (user.role === 'resident') {
    view.append(h('p', { class: 'error', id: 'as-forbidden', role: 'alert' }, t('asdesk.resident')),
      h('p', {}, h('a', { class: 'button', href: '#/my-children', id: 'as-to-mine' }, t('kids.heading'))));
    return;
  }
  await home(view, user);
  view.dataset.ready = '1';
}
