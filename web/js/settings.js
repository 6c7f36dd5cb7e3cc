// The visitor's choices — language and elder mode — kept in localStorage so
// every page and every later visit starts the same way.
const KEY = 'warmcity.settings';
const DEFAULTS = { lang: 'zh-CN', elder: false };

function read() {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) || '{}') };
  } catch {
    return { ...DEFAULTS };
  }
}

export function settings() { return read(); }

export function saveSetting(name, value) {
  const s = read();
  s[name] = value;
  try { localStorage.setItem(KEY, JSON.stringify(s)); } catch { /* private mode: this page only */ }
  applySettings();
}

// Puts the settings on <html>: lang="…" and the class "elder".
export function applySettings() {
  const s = read();
  document.documentElement.lang = s.lang;
  document.documentElement.classList.toggle('elder', Boolean(s.elder));
}
