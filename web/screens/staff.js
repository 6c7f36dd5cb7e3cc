// Staff: sign in (cookie session + CSRF token), then the workbench — who is
// signed in, the appeals queue (admins, grid workers, departments) and the
// facilities they keep (admins: all), a canteen with its menu and sample log.
import { allPages, me, signOut } from '../js/api.js';
import { signInForm } from '../js/signin.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { isStaff } from '../js/appeals.js';

function loginForm(view) {
  view.append(h('h1', {}, t('login.heading')), signInForm(async () => {
    view.replaceChildren();
    await render(view);
  }));
}

async function keptFacilities(user) {
  const all = await allPages('/facilities');
  if (user.role === 'admin') return all;
  const orgs = new Set((user.organisations || []).map((o) => o.id));
  return all.filter((f) => orgs.has(f.keeper_org_id));
}

export async function render(view) {
  const user = await me();
  if (!user) return loginForm(view);
  const signout = h('button', { type: 'button', id: 'signout', class: 'secondary' }, t('staff.signout'));
  signout.addEventListener('click', async () => {
    await signOut();
    view.replaceChildren();
    loginForm(view);
  });
  view.append(h('h1', {}, t('staff.heading')),
    h('section', { class: 'card', 'aria-labelledby': 'me-title' },
      h('h2', { id: 'me-title' }, t('staff.me')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('staff.name')), h('dd', { id: 'me-name' }, user.display_name || user.username),
        h('dt', {}, t('staff.role')), h('dd', { id: 'me-role' }, t('role.' + user.role))),
      signout));
  if (isStaff(user)) {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'appeals-title' },
      h('h2', { id: 'appeals-title' }, t('staff.appeals')),
      h('p', {}, h('a', { id: 'queue-link', class: 'button', href: '#/staff/appeals' }, t('staff.appeals_link')))));
  }
  if (user.role === 'admin' || user.role === 'worker') {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'elders-title' },
      h('h2', { id: 'elders-title' }, t('staff.elders')),
      h('p', {}, h('a', { id: 'desk-link', class: 'button', href: '#/staff/desk' }, t('staff.desk_link')), ' ',
        h('a', { id: 'elders-link', class: 'button secondary', href: '#/staff/elders' }, t('staff.elders_link')))));
  }
  if (user.role === 'worker' || user.role === 'volunteer') {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'today-link-title' },
      h('h2', { id: 'today-link-title' }, t('staff.today')),
      h('p', {}, h('a', { id: 'today-link', class: 'button', href: '#/staff/today' }, t('staff.today_link')))));
  }
  if (user.role === 'admin') {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'calendar-title' },
      h('h2', { id: 'calendar-title' }, t('calendar.heading')),
      h('p', {}, h('a', { id: 'calendar-link', class: 'button', href: '#/staff/calendar' }, t('staff.calendar_link')))));
  }
  // The job posts (issue 18): the desk, the review queue and the complaints,
  // for department users and admins (the API says who of them publishes).
  if (user.role === 'department' || user.role === 'admin') {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'jobs-link-title' },
      h('h2', { id: 'jobs-link-title' }, t('jobdesk.staff_heading')),
      h('p', {}, h('a', { id: 'job-desk-link', class: 'button', href: '#/staff/jobs' }, t('jobdesk.staff_desk')), ' ',
        h('a', { id: 'job-reviews-link', class: 'button secondary', href: '#/staff/job-reviews' }, t('jobdesk.staff_reviews')), ' ',
        h('a', { id: 'job-complaints-link', class: 'button secondary', href: '#/staff/job-complaints' }, t('jobdesk.staff_complaints')))));
  }
  // The activities (issue 18, service 8): organisers' staff and admins (the
  // API says who of them organises: #/staff/activities says so when not).
  if (['admin', 'department', 'worker', 'volunteer', 'keeper'].includes(user.role)) {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'act-link-title' },
      h('h2', { id: 'act-link-title' }, t('actdesk.staff_heading')),
      h('p', {}, h('a', { id: 'act-desk-link', class: 'button', href: '#/staff/activities' }, t('actdesk.staff_link')))));
    // The free clinics (docs/clinics.md): a clinic is an activity, so the same organisers' staff.
    view.append(h('section', { class: 'card', 'aria-labelledby': 'clinic-link-title' },
      h('h2', { id: 'clinic-link-title' }, t('clinicdesk.staff_heading')),
      h('p', {}, h('a', { id: 'clinic-desk-link', class: 'button', href: '#/clinic-desk' }, t('clinicdesk.staff_link')))));
    // After-school care (docs/afterschool.md): the organisers' staff and the programmes' staff lists.
    view.append(h('section', { class: 'card', 'aria-labelledby': 'as-link-title' },
      h('h2', { id: 'as-link-title' }, t('asdesk.staff_heading_link')),
      h('p', {}, h('a', { id: 'afterschool-desk-link', class: 'button', href: '#/afterschool-desk' }, t('asdesk.staff_link')))));
  }
  if (user.role !== 'resident') view.append(h('section', { class: 'card', 'aria-labelledby': 'vdesk-link-title' }, h('h2', { id: 'vdesk-link-title' }, t('vdesk.staff_heading')), h('p', {}, h('a', { id: 'vdesk-link', class: 'button', href: '#/staff/volunteers' }, t('vdesk.staff_link')), ' ', h('a', { id: 'vshift-link', class: 'button secondary', href: '#/staff/volunteer-shifts' }, t('vdesk.staff_shifts_link')))));
  if (user.role !== 'keeper' && user.role !== 'admin') return;
  const kept = await keptFacilities(user);
  view.append(h('section', { class: 'card', 'aria-labelledby': 'kept-title' },
    h('h2', { id: 'kept-title' }, t('staff.facilities')),
    kept.length ? h('ul', { class: 'kept' }, kept.map((f) => h('li', {},
      h('a', { href: `#/staff/f/${f.id}` }, f.name),
      h('span', { class: 'note' }, ` · ${t('kind.' + f.kind)}`),
      // Its cashier's till and its delivery round (issue 17).
      f.kind === 'canteen' && [' · ', h('a', { href: `#/staff/canteen/${f.id}/counter`, class: 'canteen-counter-link' },
        t('staff.canteen_counter_link')), ' · ', h('a', { href: `#/staff/canteen/${f.id}/deliveries`, class: 'canteen-deliveries-link' },
        t('staff.canteen_deliveries_link'))],
      // A canteen's staff keep its menu and its food-safety sample log (留样).
      f.kind === 'canteen' && [' · ', h('a', { href: `#/staff/canteen/${f.id}/menu`, class: 'canteen-menu-link' },
        t('staff.canteen_menu_link')), ' · ', h('a', { href: `#/staff/canteen/${f.id}/samples`, class: 'canteen-samples-link' },
        t('staff.canteen_samples_link')), ' · ', h('a', { href: `#/staff/canteen/${f.id}/settlement`, class: 'canteen-settlement-link' },
        t('staff.canteen_settlement_link'))])))
      : h('p', {}, t('staff.facilities_none'))));
}
