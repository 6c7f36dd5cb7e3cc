// Staff: sign in (cookie session + CSRF token), then the workbench — who is
// signed in and the facilities they keep (admins: all). Later the appeals
// queue joins the workbench as its own section.
import { allPages, ApiError, me, signIn, signOut } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';

function loginForm(view) {
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const form = h('form', { id: 'signin', class: 'card' },
    h('label', { for: 'username' }, t('login.username')),
    h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
    h('label', { for: 'password' }, t('login.password')),
    h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit' }, t('login.submit')),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await signIn(form.username.value, form.password.value);
      view.replaceChildren();
      await render(view);
    } catch (err) {
      form.password.value = '';
      error.textContent = err instanceof ApiError && err.status === 429 ? t('login.throttled') : t('login.bad');
    }
  });
  view.append(h('h1', {}, t('login.heading')), form);
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
  if (user.role !== 'keeper' && user.role !== 'admin') return;
  const kept = await keptFacilities(user);
  view.append(h('section', { class: 'card', 'aria-labelledby': 'kept-title' },
    h('h2', { id: 'kept-title' }, t('staff.facilities')),
    kept.length ? h('ul', { class: 'kept' }, kept.map((f) => h('li', {},
      h('a', { href: `#/staff/f/${f.id}` }, f.name),
      h('span', { class: 'note' }, ` · ${t('kind.' + f.kind)}`))))
      : h('p', {}, t('staff.facilities_none'))));
}
