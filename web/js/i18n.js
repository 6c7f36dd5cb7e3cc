// t('key', {param}) → the text in the chosen language (messages.js).
import { MESSAGES } from './messages.js';
import { settings } from './settings.js';

export function lang() { return settings().lang === 'en' ? 'en' : 'zh-CN'; }

export function t(key, params = {}) {
  const text = MESSAGES[lang()][key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Fills every [data-i18n] element of `root` with its message.
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
}
