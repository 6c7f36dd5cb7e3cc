// A guardian's pickup adults (docs/afterschool.md "Pickup adults and their
// codes"; screens/my_children.js): the list (GET /my-pickup-adults — never a
// code), each with relation, phone, valid until, the children they may take
// home, active or revoked; 换新取件码 (POST …/new-code) and 撤销 (POST
// …/revoke, asked once more first). 添加接送人: name, relation, phone, birth
// date (18 or older), valid until (optional), a photo from the camera or a
// file (optional, made small in the page: js/team_photo.js), which children;
// checked as the contract checks it. A code the server makes is shown ONCE,
// large, with "write it down or give it to them: it will not be shown
// again", until 我已记下; afterwards the adult is listed without it.
import { api, ApiError } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox, formErrors } from './care_form.js';
import { oneAtATime } from './job_post_view.js';
import { receiptPhoto } from './team_photo.js';
import { adultBody, districtDay, LIMITS } from './afterschool_model.js';
import { checkMessages, fieldErrors, refusalText } from './afterschool_words.js';

// The code, once: `adult` its view, `code` six digits; `close()` forgets it.
export function codeOnce(adult, code, close) {
  const ok = h('button', { type: 'button', id: 'kids-code-done' }, t('kids.code_done'));
  ok.addEventListener('click', close);
  return h('section', { class: 'card as-code-once', id: 'kids-code', role: 'alert', 'aria-labelledby': 'kids-code-title' },
    h('h2', { id: 'kids-code-title', tabindex: '-1' }, t('kids.code_title', { name: adult.name })),
    h('p', { class: 'code-big', id: 'kids-code-value', lang: 'en', 'data-speak': String(code).split('').join(' ') }, code),
    h('p', { class: 'big as-code-warn' }, t('kids.code_once')),
    h('p', {}, t('kids.code_use')), h('p', {}, ok));
}

function adultItem(a, childName, act) {
  const revoked = Boolean(a.revoked_at);
  const state = revoked ? 'revoked' : a.active === false ? 'expired' : 'active';
  const li = h('li', { class: `card as-adult as-adult-${state}`, id: `kids-adult-${a.id}`, dataset: { id: a.id, state } },
    h('h3', {}, a.name, ' ', h('span', { class: 'badge' }, t('kids.adult_state.' + state))),
    h('p', {}, [a.relation, a.phone].filter(Boolean).join(' · ')),
    h('p', { class: 'note' }, t('kids.adult_children', { names: (a.child_ids || []).map(childName).join('、') }), ' · ',
      a.valid_until ? t('kids.valid_until', { date: a.valid_until }) : t('kids.valid_always'), ' · ',
      a.has_photo ? t('kids.has_photo') : t('kids.no_photo')),
    a.code_set_at && !revoked ? h('p', { class: 'note' }, t('kids.code_set', { at: String(a.code_set_at).slice(0, 16).replace('T', ' ') })) : null);
  if (revoked) return li;
  const again = h('button', { type: 'button', class: 'secondary', id: `kids-adult-code-${a.id}` }, t('kids.new_code'));
  const revoke = h('button', { type: 'button', class: 'secondary', id: `kids-adult-revoke-${a.id}` }, t('kids.revoke'));
  const ask = h('div', { class: 'as-ask', hidden: true, id: `kids-adult-ask-${a.id}` },
    h('p', { class: 'error' }, t('kids.revoke_ask', { name: a.name })),
    h('button', { type: 'button', id: `kids-adult-revoke-yes-${a.id}` }, t('kids.revoke_yes')), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => { ask.hidden = true; revoke.focus(); } }, t('kids.revoke_no')));
  again.addEventListener('click', () => oneAtATime(li, () => act(`/my-pickup-adults/${a.id}/new-code`, li), [again, revoke]));
  revoke.addEventListener('click', () => { ask.hidden = false; ask.querySelector('button').focus(); });
  ask.querySelector('button').addEventListener('click', () => oneAtATime(ask, () => act(`/my-pickup-adults/${a.id}/revoke`, li), ask.querySelectorAll('button')));
  li.append(h('p', { class: 'buttons' }, again, ' ', revoke), ask);
  return li;
}

// The pickup adults' section; `children` [{id, name}] the caller guards.
export async function adultsSection(children) {
  const section = h('section', { class: 'card', id: 'kids-adults', 'aria-labelledby': 'kids-adults-title' });
  const once = h('div', { id: 'kids-code-box' });
  const list = h('ul', { class: 'plain', id: 'kids-adult-list' });
  const status = h('p', { role: 'status', id: 'kids-adults-status', tabindex: '-1' });
  const formBox = h('div', { id: 'kids-adult-form-box' });
  const names = new Map(children.map((c) => [c.id, c.name]));
  const childName = (id) => names.get(id) || t('kids.child_of', { id });
  const showCode = (answer) => {
    once.replaceChildren(codeOnce(answer.adult, answer.code, () => { once.replaceChildren(); status.textContent = t('kids.code_forgotten'); status.focus(); }));
    once.querySelector('h2').focus();
  };
  const act = async (path, li) => {
    try {
      const answer = await api(path, { method: 'POST' });
      await draw();
      if (answer?.code) showCode(answer);
      else { status.textContent = t('kids.revoked', { name: (answer?.adult || answer)?.name || '' }); status.focus(); }
    } catch (err) {
      li.append(h('p', { class: 'error' }, refusalText(err, 'kids')));
    }
  };
  const draw = async () => {
    const items = (await api('/my-pickup-adults')).items || [];
    list.replaceChildren(...(items.length ? items.map((a) => adultItem(a, childName, act)) : [h('li', { class: 'note', id: 'kids-adults-none' }, t('kids.adults_none'))]));
  };
  const add = h('button', { type: 'button', id: 'kids-adult-add' }, t('kids.adult_add'));
  add.disabled = !children.length;
  add.addEventListener('click', () => {
    formBox.replaceChildren(adultForm(children, async (answer) => {
      formBox.replaceChildren();
      await draw();
      showCode(answer);
    }, () => { formBox.replaceChildren(); add.focus(); }));
    formBox.querySelector('h3').focus();
  });
  fill(section, h('h2', { id: 'kids-adults-title' }, t('kids.adults')), h('p', { class: 'note' }, t('kids.adults_note')),
    once, status, list, children.length ? null : h('p', { class: 'note' }, t('kids.adults_need_child')), h('p', {}, add), formBox);
  try { await draw(); } catch (err) { list.replaceChildren(h('li', { class: 'error' }, refusalText(err, 'kids'))); }
  return section;
}

function adultForm(children, done, close) {
  const text = (max) => h('input', { type: 'text', maxlength: max, autocomplete: 'off' });
  const f = {
    name: text(LIMITS.adult_name), relation: text(LIMITS.relation), phone: h('input', { type: 'tel', maxlength: 20, autocomplete: 'off' }),
    birth_date: h('input', { type: 'date', max: districtDay() }), valid_until: h('input', { type: 'date', min: districtDay() }),
  };
  const box = (k, hint) => fieldBox(`kids-a-${k.replace(/_/g, '-')}`, k, t('kids.a.' + k), f[k], hint);
  let photo = '';
  const file = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'kids-a-photo', class: 'visually-hidden' });
  const preview = h('div', { id: 'kids-a-photo-preview', 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    const one = file.files?.[0];
    preview.replaceChildren();
    photo = '';
    if (!one) return;
    try {
      const made = await receiptPhoto(one, { maxChars: 400 * 1024 });
      photo = made.url;
      preview.append(h('img', { src: photo, alt: t('kids.a.photo_alt'), class: 'as-photo-img' }),
        h('button', { type: 'button', class: 'secondary', id: 'kids-a-photo-clear', onclick: () => { photo = ''; file.value = ''; preview.replaceChildren(); } }, t('kids.a.photo_clear')));
    } catch (e) {
      preview.append(h('p', { class: 'error' }, t('kids.a.photo_' + (e.message === 'too_big' ? 'too_big' : 'bad'))));
    }
  });
  const kids = h('fieldset', { id: 'kids-a-children', dataset: { for: 'child_ids' } }, h('legend', {}, t('kids.a.child_ids')),
    children.map((c) => h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: `kids-a-child-${c.id}`, value: String(c.id), checked: children.length === 1 }),
      h('label', { for: `kids-a-child-${c.id}` }, c.name))));
  const summary = h('div', { tabindex: '-1', id: 'kids-a-errors' });
  const form = h('form', { id: 'kids-adult-form', class: 'card', novalidate: true, 'aria-labelledby': 'kids-a-title' },
    h('h3', { id: 'kids-a-title', tabindex: '-1' }, t('kids.adult_add')), h('p', { class: 'note' }, t('kids.adult_rule')),
    box('name'), box('relation', t('kids.a.relation_hint')), box('phone'), box('birth_date', t('kids.a.birth_hint')),
    box('valid_until', t('kids.a.valid_hint')),
    h('div', { class: 'field', dataset: { for: 'photo' } }, h('p', { class: 'label' }, t('kids.a.photo')), file,
      h('label', { for: 'kids-a-photo', class: 'button secondary file-button' }, t('kids.a.photo_pick')),
      h('p', { class: 'note' }, t('kids.a.photo_hint')), preview),
    kids, summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'kids-a-save' }, t('kids.a.save')), ' ',
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('kids.close'))));
  const errors = formErrors(form, summary, 'kids-a');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const values = { ...Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])), photo,
        child_ids: [...kids.querySelectorAll('input:checked')].map((x) => Number(x.value)) };
      const { body, errors: before } = adultBody(values, districtDay());
      if (before.length) { errors.show(checkMessages(before), t('kids.not_saved')); return; }
      try {
        await done(await api('/my-pickup-adults', { method: 'POST', json: body }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'kids'), t('kids.not_saved'));
        else errors.show([], refusalText(err, 'kids'));
      }
    });
  });
  return form;
}
