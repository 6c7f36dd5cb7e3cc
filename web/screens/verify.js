// #/verify and #/verify/{number} — anyone checks a volunteer service
// certificate (志愿服务记录证明) by its number, without signing in: the QR
// code printed on a certificate points here (docs/volunteers.md
// "Verification"). GET /certificate-verifications/{number} → 有效, or
// 已被新证明取代 with the new number as a link to its own check, and the
// certificate's facts only; an unknown or malformed number → 查无此证明 (the
// server answers both with the same 404). A form takes a typed number
// (spaces dropped, upper case). Data only as text.
import { api, ApiError } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { refusalText } from '../js/volunteer_self_words.js';
import { statusLine, verificationFacts } from '../js/volunteer_cert_facts.js';

const link = (number) => '#/verify/' + encodeURIComponent(number);
export const normalise = (text) => String(text || '').replace(/[\s-]/g, '').toUpperCase();

function numberForm(number) {
  const input = h('input', { id: 'verify-input', name: 'number', value: number || '', required: true,
    autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 30, lang: 'en',
    class: 'code-input', 'aria-describedby': 'verify-hint' });
  const f = h('form', { id: 'verify-form', class: 'card no-print' },
    h('label', { for: 'verify-input' }, t('verify.number')),
    h('p', { class: 'note', id: 'verify-hint' }, t('verify.hint')),
    input,
    h('button', { type: 'submit', id: 'verify-send' }, t('verify.submit')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = normalise(input.value);
    if (!typed) { input.focus(); return; }
    const target = link(typed);
    // The same number again: read it again (a reissue may have happened since).
    if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = target;
  });
  return f;
}

async function result(number) {
  const box = h('section', { class: 'card', id: 'verify-result', 'aria-labelledby': 'verify-result-title' },
    h('h2', { id: 'verify-result-title' }, t('verify.result_title')));
  try {
    const v = await api('/certificate-verifications/' + encodeURIComponent(number));
    box.dataset.status = v.status;
    box.append(statusLine(v, link, 'verify-status'), ...verificationFacts(v).filter(Boolean));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      box.dataset.status = 'unknown';
      box.append(h('p', { class: 'vol-status vol-unknown', id: 'verify-status' },
        h('span', { class: 'vol-status-word' }, t('verify.unknown'))),
      h('p', { id: 'verify-unknown-why' }, t('verify.unknown_why', { number })));
    } else {
      box.append(h('p', { class: 'error', role: 'alert', id: 'verify-problem' }, refusalText(err)));
    }
  }
  return box;
}

export async function render(view, params) {
  const number = params.number ? normalise(params.number) : '';
  view.classList.add('vol-verify');
  view.append(h('h1', {}, t('verify.heading')), h('p', {}, t('verify.intro')));
  if (number) view.append(await result(number));
  view.append(numberForm(number));
}
