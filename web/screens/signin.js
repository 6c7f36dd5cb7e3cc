// #/signin?next=#/track/… — residents sign in (or up, the first time) with
// their mobile number and an SMS code; staff, and residents whose account
// staff made, with username and password. Then on to `next` (residents
// without one: their appeals, #/me/appeals). Signed in, a resident is the
// reporter of what they submit, gives the callback, and finds every appeal
// made with their number.
import { me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { phoneSignInForm } from '../js/phone_signin.js';
import { signInForm } from '../js/signin.js';

export async function render(view, params, query) {
  const asked = query.get('next') || '';
  const next = asked.startsWith('#/') ? asked : null;
  if (await me()) { location.hash = next || '#/'; return; }
  view.append(h('h1', {}, t('signin.heading')),
    phoneSignInForm(() => { location.hash = next || '#/me/appeals'; }),
    h('h2', { id: 'password-heading' }, t('signin.password_heading')),
    signInForm(() => { location.hash = next || '#/'; }));
}
