// The warmcity web app: the shell (header, menu, language and elder-mode
// switches) and the hash router that puts one screen at a time into <main>.
import { applySettings, saveSetting, settings } from './js/settings.js';
import { t, translateStatic } from './js/i18n.js';
import { match } from './js/router.js';
import { h } from './js/dom.js';
import { showCalendarBanner } from './js/calendar_banner.js';

const view = document.getElementById('view');
let cleanup = null;
let renderId = 0;

function paintShell() {
  translateStatic();
  document.title = t('app.title');
  const s = settings();
  const langBtn = document.getElementById('lang-switch');
  langBtn.textContent = t('settings.lang_switch');
  langBtn.setAttribute('lang', s.lang === 'en' ? 'zh-CN' : 'en');
  langBtn.setAttribute('aria-label', t('settings.lang_switch_label'));
  const elderBtn = document.getElementById('elder-switch');
  elderBtn.textContent = s.elder ? t('settings.elder_off') : t('settings.elder_on');
  elderBtn.setAttribute('aria-pressed', String(Boolean(s.elder)));
  elderBtn.setAttribute('title', t('settings.elder_label'));
  const current = match(location.hash)?.pattern || '';
  for (const a of document.querySelectorAll('nav a')) {
    const target = a.getAttribute('href').slice(1);
    const active = target === current || (target !== '/' && current.startsWith(target));
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

async function render() {
  const id = ++renderId;
  if (cleanup) { try { cleanup(); } catch { /* a screen's own teardown */ } cleanup = null; }
  paintShell();
  showCalendarBanner();  // admins: the official calendar is running out
  const route = match(location.hash);
  view.replaceChildren(h('p', { role: 'status' }, t('common.loading')));
  if (!route) {
    view.replaceChildren(h('h2', {}, t('common.not_found')));
    return;
  }
  try {
    const screen = await route.load();
    if (id !== renderId) return;
    const container = h('div', { class: 'screen' });
    view.replaceChildren(container);
    const done = await screen.render(container, route.params, route.query);
    if (id !== renderId) { if (typeof done === 'function') done(); return; }
    cleanup = typeof done === 'function' ? done : null;
    // A screen that put the focus in its own box (the counter's card reader) keeps it.
    if (!container.contains(document.activeElement)) view.focus({ preventScroll: true });
  } catch (e) {
    if (id === renderId) view.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('common.error', { detail: e.message })));
  }
}

document.getElementById('lang-switch').addEventListener('click', () => {
  saveSetting('lang', settings().lang === 'en' ? 'zh-CN' : 'en');
  render();
});
document.getElementById('elder-switch').addEventListener('click', () => {
  saveSetting('elder', !settings().elder);
  render();
});
// 跳到正文 (the first Tab stop of every page) moves focus to <main>; as a
// plain link, "#view" would be taken for a route.
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  view.focus();
});
window.addEventListener('hashchange', render);
// Another tab changed a setting: follow it.
window.addEventListener('storage', () => { applySettings(); render(); });
applySettings();
render();
