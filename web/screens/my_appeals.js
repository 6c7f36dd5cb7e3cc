// #/me/appeals — "我的诉求": a signed-in resident's appeals, every one made
// with their account or their mobile number (GET /api/v1/me/appeals), each
// with its state and a link to its tracking page: a lost tracking code is no
// longer a lost appeal. Below, signing out and deleting the account (DELETE
// /api/v1/me) — asked for in the page itself (no pop-up), saying plainly
// what stays (the appeals, without name and number) and what goes.
import { allPages, api, forgetMe, me, signOut } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';
import { categoryName, stateBadge } from '../js/appeals.js';

function item(a) {
  const text = [...a.description];
  return h('li', { class: 'result', dataset: { code: a.tracking_code } },
    h('a', { class: 'result-name', href: `#/track/${a.tracking_code}` }, categoryName(a.category) || a.tracking_code),
    h('p', {}, stateBadge(a.state), ' ', h('span', { class: 'note' }, t('mine.submitted', { when: when(a.submitted_at) }))),
    h('p', {}, text.length > 80 ? text.slice(0, 80).join('') + '…' : a.description),
    h('p', { class: 'note' }, t('mine.code'), ' ', h('span', { lang: 'en', class: 'code' }, a.tracking_code),
      a.linked_by === 'phone' ? ' · ' + t('mine.by_phone') : null));
}

// 我的志愿服务 (#/me/volunteer), linked only for a volunteer's account (GET /me/volunteer answers 200).
async function volunteerLink() {
  try { await api('/me/volunteer'); } catch { return ''; }
  return h('p', { id: 'mine-volunteer' }, h('a', { class: 'button secondary', href: '#/me/volunteer' }, t('vol.my_link')));
}

function deleteSection(view) {
  const status = h('p', { role: 'status', id: 'delete-status' });
  const confirmBox = h('div', { id: 'delete-confirm', class: 'confirm', hidden: true },
    h('p', { class: 'error' }, t('mine.delete_sure')),
    h('button', { type: 'button', id: 'delete-yes', class: 'danger', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await api('/me', { method: 'DELETE' });
        forgetMe();
        view.replaceChildren(h('h1', { tabindex: '-1' }, t('mine.deleted_heading')),
          h('p', { id: 'deleted' }, t('mine.deleted')), h('p', {}, h('a', { href: '#/' }, t('nav.home'))));
        view.querySelector('h1').focus();
      } catch (err) {
        e.target.disabled = false;
        status.textContent = t('common.error', { detail: err.message });
      }
    } }, t('mine.delete_yes')), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      confirmBox.hidden = true;
      ask.hidden = false;
      ask.focus();
    } }, t('mine.delete_no')));
  const ask = h('button', { type: 'button', id: 'delete-account', class: 'secondary', onclick: () => {
    confirmBox.hidden = false;
    ask.hidden = true;
    confirmBox.querySelector('button').focus();
  } }, t('mine.delete'));
  return h('section', { class: 'card', 'aria-labelledby': 'delete-heading' },
    h('h2', { id: 'delete-heading' }, t('mine.delete_heading')),
    h('p', {}, t('mine.delete_what')), ask, confirmBox, status);
}

export async function render(view) {
  const user = await me();
  view.append(h('h1', {}, t('mine.heading')));
  if (!user) {
    view.append(h('p', {}, t('mine.sign_in_why')),
      h('p', {}, h('a', { class: 'button', href: '#/signin?next=' + encodeURIComponent('#/me/appeals') }, t('mine.sign_in'))));
    return;
  }
  const volunteer = volunteerLink();
  if (user.role !== 'resident') {
    view.append(h('p', {}, t('mine.staff'), ' ', h('a', { href: '#/staff' }, t('nav.staff'))), await volunteer);
    return;
  }
  const items = await allPages('/me/appeals', {}, 500);
  view.append(h('p', { class: 'note', id: 'mine-who' }, t('mine.who', { phone: user.phone || user.display_name })),
    items.length
      ? h('ul', { class: 'result-list', id: 'my-appeals' }, items.map(item))
      : h('p', { id: 'my-appeals-none' }, t('mine.none')),
    h('p', {}, h('a', { class: 'button secondary', href: '#/appeal/new' }, t('nav.appeal'))),
    await volunteer,
    h('p', {}, h('button', { type: 'button', id: 'signout-resident', class: 'secondary', onclick: async () => {
      await signOut();
      location.hash = '#/';
    } }, t('mine.sign_out'))),
    deleteSection(view));
}
