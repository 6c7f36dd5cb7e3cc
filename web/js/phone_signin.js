// The residents' sign-in by mobile number (#/signin): the number → "获取验证码"
// → the 6-digit code from the SMS → signed in (the first time, signed up).
// Not a <form> with a submit button: the staff form beside it keeps that
// role (and its tests); Enter in either box does what its button does.
// Every refusal is said in words: a number that is not a mobile, "wait N
// seconds", a wrong code with the tries left, a code expired or used up,
// the SMS not sent.
import { ApiError, phoneSignIn, sendPhoneCode } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

// "138 1234-5678" → "13812345678": people type numbers in groups.
const digits = (text) => text.replace(/[\s-]/g, '');

function seconds(err) {
  const m = /(\d+) seconds/.exec(err.message || '');
  return m ? Number(m[1]) : 60;
}

function codeError(err) {
  if (!(err instanceof ApiError)) return t('common.error', { detail: err.message });
  if (err.status === 422) return t('phone.bad_number');
  if (err.status === 429) return t('phone.wait', { n: seconds(err) });
  if (err.status === 502 || err.status === 503) return t('phone.sms_failed');
  return t('common.error', { detail: err.message });
}

function signInError(err) {
  if (!(err instanceof ApiError)) return t('common.error', { detail: err.message });
  if (err.status === 422) return t('phone.bad_code');
  if (err.status === 403) return t('phone.disabled');
  if (err.status === 429) return t('phone.wait', { n: seconds(err) });
  if (err.status === 401) {
    const m = /(\d+) tries left/.exec(err.message || '');
    return m ? t('phone.wrong_code', { n: m[1] }) : t('phone.code_dead');
  }
  return t('common.error', { detail: err.message });
}

// `done({created})` runs once signed in.
export function phoneSignInForm(done) {
  const status = h('p', { id: 'phone-status', role: 'status' });
  const error = h('p', { id: 'phone-error', class: 'error', role: 'alert' });
  const number = h('input', { id: 'phone-number', type: 'tel', inputmode: 'numeric', autocomplete: 'tel',
    maxlength: 15, 'aria-describedby': 'phone-why' });
  const code = h('input', { id: 'phone-code', inputmode: 'numeric', autocomplete: 'one-time-code',
    maxlength: 6, lang: 'en' });
  const send = h('button', { type: 'button', id: 'send-code', class: 'secondary' }, t('phone.send'));
  const verify = h('button', { type: 'button', id: 'verify-code' }, t('phone.verify'));

  send.addEventListener('click', async () => {
    error.textContent = '';
    status.textContent = '';
    send.disabled = true;
    try {
      const r = await sendPhoneCode(digits(number.value));
      status.textContent = t('phone.sent', { minutes: Math.round(r.expires_in / 60) });
      code.focus();
    } catch (err) {
      error.textContent = codeError(err);
    } finally {
      send.disabled = false;
    }
  });
  verify.addEventListener('click', async () => {
    error.textContent = '';
    verify.disabled = true;
    try {
      const r = await phoneSignIn(digits(number.value), code.value.trim());
      await done({ created: r.created });
    } catch (err) {
      code.value = '';
      error.textContent = signInError(err);
      code.focus();
    } finally {
      verify.disabled = false;
    }
  });
  number.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); send.click(); } });
  code.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); verify.click(); } });

  return h('section', { id: 'phone-signin', class: 'card', 'aria-labelledby': 'phone-heading' },
    h('h2', { id: 'phone-heading' }, t('phone.heading')),
    h('p', { class: 'note', id: 'phone-why' }, t('phone.why')),
    h('label', { for: 'phone-number' }, t('phone.number')), number, send, status,
    h('label', { for: 'phone-code' }, t('phone.code')), code, verify, error);
}
