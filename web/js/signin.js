// The sign-in form (cookie session + CSRF token), shared by the staff
// workbench and the residents' sign-in (#/signin?next=…): `done` runs after
// a successful sign-in.
import { ApiError, signIn } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export function signInForm(done) {
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
    } catch (err) {
      form.password.value = '';
      error.textContent = err instanceof ApiError && err.status === 429 ? t('login.throttled') : t('login.bad');
      return;
    }
    await done();
  });
  return form;
}
