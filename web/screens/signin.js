// #/signin?next=#/track/… — residents sign in (accounts are made by staff),
// then go on to `next`: signed in, they are the reporter of what they
// submit and may give the callback themselves.
import { me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';

export async function render(view, params, query) {
  const next = (query.get('next') || '#/').startsWith('#/') ? query.get('next') || '#/' : '#/';
  if (await me()) { location.hash = next; return; }
  view.append(h('h1', {}, t('signin.heading')), signInForm(() => { location.hash = next; }));
}
