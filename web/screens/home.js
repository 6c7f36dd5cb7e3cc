// Start: the things people come for, as large links, and the service status.
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';

export async function render(view) {
  // 四点半课堂: a guardian's own screen; staff go to the desk (known once /me answers).
  const afterschool = h('a', { class: 'tile', href: '#/my-children', id: 'home-afterschool' }, t('as.home_tile'));
  me().then((u) => { if (u && u.role !== 'resident') afterschool.href = '#/afterschool-desk'; }).catch(() => {});
  const status = h('p', { id: 'health', role: 'status' }, t('home.status_checking'));
  view.append(
    h('h1', {}, t('home.heading')),
    h('ul', { class: 'tiles' },
      h('li', {}, h('a', { class: 'tile', href: '#/near' }, t('home.near'))),
      h('li', {}, h('a', { class: 'tile', href: '#/appeal/new' }, t('home.appeal'))),
      h('li', {}, h('a', { class: 'tile', href: '#/track' }, t('home.track'))),
      h('li', {}, h('a', { class: 'tile', href: '#/jobs', id: 'home-jobs' }, t('jobs.home_tile'))),
      h('li', {}, h('a', { class: 'tile', href: '#/activities', id: 'home-activities' }, t('act.home_tile'))),
      h('li', {}, h('a', { class: 'tile', href: '#/clinics', id: 'home-clinics' }, t('clinic.home_tile'))),
      h('li', {}, afterschool),
      h('li', {}, h('a', { class: 'tile', href: '#/staff' }, t('home.staff'))),
      h('li', {}, h('a', { class: 'tile', href: '#/dashboard' }, t('home.dashboard')))),
    h('section', { class: 'card', 'aria-labelledby': 'status-title' },
      h('h2', { id: 'status-title' }, t('home.status')), status));
  try {
    const body = await api('/health');
    status.textContent = t('home.status_ok', { version: body.version });
    status.className = 'ok';
  } catch (e) {
    status.textContent = e.status ? t('home.status_bad') : t('common.offline');
    status.className = 'bad';
  }
}
