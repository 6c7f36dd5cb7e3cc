// A child's check-out at the staff tablet (docs/afterschool.md "The day";
// screens/afterschool_day.js): three ways, one shown at a time —
//   取件码: a big code pad (six digits, 1–9, 0, 删除, 清空; typing works too);
//   手机号 + 照片: the adult chosen from the child's active pickup adults
//     (the roster's pickup_adults), their photo shown (GET
//     /pickup-adults/{id}/photo, audited; without a photo: use the code)
//     beside the child's own, small (GET /children/{id}/photo, audited),
//     the adult's phone typed and "我已当面对比照片" ticked (visual_check; the
//     chosen adult's id is sent, so the phone must be theirs);
//   临时代接: the child's proxies of today (confirmed or waiting for a
//     guardian), a neighbour at the door recorded (POST /children/{id}/proxies)
//     and a guardian's phone call confirming it recorded
//     (POST /pickup-proxies/{id}/confirm {by_phone, called_at, guardian_user_id}).
// POST …/check-outs; a refusal said in words a staff member understands
// (wrong code, revoked, too many codes → use the phone and photo, proxy
// unconfirmed…). `done(attendance)` after a 2xx. One request at a time.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { formErrors } from './care_form.js';
import { oneAtATime } from './job_post_view.js';
import { clockOf, codeDigits, LIMITS, padKey, phoneDigits, pickupChoices, proxyBody, refusalCode } from './afterschool_model.js';
import { checkMessages, fieldErrors, refusalText } from './afterschool_words.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'];

// The district's time now, "HH:MM".
const nowClock = () => clockOf(new Date().toISOString());

// `entry` is the roster's child entry; `proxies` a Map child id → [proxy]
// the tablet knows of (read for the child, and those recorded here); `date`
// the roster's day.
export function checkoutPanel(programmeId, entry, proxies, done, date = '') {
  const child = entry.child;
  const cid = child.id;
  const say = h('div', { id: `as-out-says-${cid}`, role: 'alert', class: 'as-out-says' });
  const refused = (err) => {
    const code = err instanceof ApiError ? refusalCode(err) : null;
    say.replaceChildren(h('p', { class: 'error big', id: `as-out-error-${cid}`, dataset: { code: code || '' } }, refusalText(err)));
    if (code === 'too_many_codes') show('phone');
  };
  const post = async (body) => {
    say.replaceChildren();
    try {
      await done(await api(`/afterschool-programmes/${programmeId}/check-outs`, { method: 'POST', json: { child_id: cid, ...body } }));
    } catch (err) {
      refused(err);
    }
  };

  // 取件码
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: LIMITS.code, class: 'code-input as-code',
    id: `as-code-${cid}`, pattern: '[0-9]*', 'aria-describedby': `as-code-hint-${cid}` });
  const codeForm = h('form', { class: 'as-code-form', id: `as-code-form-${cid}`, novalidate: true },
    h('label', { for: code.id }, t('asdesk.code_label')), code,
    h('p', { class: 'note', id: `as-code-hint-${cid}` }, t('asdesk.code_hint')),
    h('div', { class: 'as-pad', role: 'group', 'aria-label': t('asdesk.pad') }, KEYS.map((k) => h('button', {
      type: 'button', class: `as-key${/\d/.test(k) ? '' : ' secondary'}`, dataset: { key: k },
      'aria-label': /\d/.test(k) ? k : t('asdesk.key.' + k),
      onclick: () => { code.value = padKey(code.value, k); code.focus(); },
    }, /\d/.test(k) ? k : t('asdesk.key.' + k)))),
    h('p', {}, h('button', { type: 'submit', class: 'as-out-go', id: `as-code-go-${cid}` }, t('asdesk.out_code'))));
  codeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const digits = codeDigits(code.value);
    if (!digits) { say.replaceChildren(h('p', { class: 'error big', id: `as-out-error-${cid}` }, t('asdesk.code_six'))); code.focus(); return; }
    oneAtATime(codeForm, async () => { await post({ method: 'code', code: digits }); code.value = ''; });
  });

  // 手机号 + 照片: staff choose the adult at the door from the child's active
  // pickup adults (the roster names them, without their phones), see the
  // adult's photo (an audited read), have the phone typed and tick the check.
  const { active, inactive } = pickupChoices(entry.pickup_adults);
  const who = h('select', { id: `as-adult-${cid}` }, h('option', { value: '' }, t('asdesk.adult_pick_one')),
    active.map((a) => h('option', { value: String(a.id) }, t('asdesk.adult_is', { name: a.name, relation: a.relation || '' }))));
  const phone = h('input', { type: 'tel', autocomplete: 'off', id: `as-phone-${cid}`, maxlength: 20 });
  const photo = h('div', { class: 'as-photo', id: `as-photo-${cid}`, 'aria-live': 'polite' });
  const seen = h('input', { type: 'checkbox', id: `as-seen-${cid}` });
  const chosen = () => active.find((a) => String(a.id) === who.value) || null;
  // The child's own photo, small beside the adult's (GET /children/{id}/photo,
  // an audited read too): loaded only once an adult is chosen for the check.
  const childPhoto = () => (child.has_photo
    ? h('figure', { class: 'as-photo-child', id: `as-child-photo-${cid}` },
      h('img', { src: `/api/v1/children/${cid}/photo`, alt: t('asdesk.child_photo_alt', { name: child.name }), class: 'as-photo-img',
        style: { maxHeight: '96px', maxWidth: '96px' }, id: `as-child-photo-img-${cid}` }),
      h('figcaption', { class: 'note' }, t('asdesk.child_photo')))
    : h('p', { class: 'note', id: `as-child-photo-none-${cid}` }, t('asdesk.child_photo_none')));
  const showPhoto = () => {
    const a = chosen();
    photo.replaceChildren();
    seen.checked = false;
    if (!a) return;
    photo.append(childPhoto());
    if (a.has_photo) {
      photo.append(h('img', { src: `/api/v1/pickup-adults/${a.id}/photo`, alt: t('asdesk.photo_alt', { name: a.name }), class: 'as-photo-img', id: `as-photo-img-${cid}` }));
    } else photo.append(h('p', { class: 'error big', id: `as-photo-none-${cid}` }, t('as.refused.no_photo')));
  };
  who.addEventListener('change', showPhoto);
  const phoneForm = h('form', { class: 'as-phone-form', id: `as-phone-form-${cid}`, novalidate: true, hidden: true },
    active.length ? [h('label', { for: who.id }, t('asdesk.adult_pick')), who, photo,
      h('label', { for: phone.id }, t('asdesk.phone_label')), phone,
      h('div', { class: 'choice as-seen' }, seen, h('label', { for: seen.id }, t('asdesk.visual_check'))),
      h('p', {}, h('button', { type: 'submit', class: 'as-out-go', id: `as-phone-go-${cid}` }, t('asdesk.out_phone')))]
      : h('p', { class: 'error big', id: `as-adults-none-${cid}` }, t('asdesk.adults_none')),
    inactive.length ? h('p', { class: 'note', id: `as-adults-inactive-${cid}` }, t('asdesk.adults_inactive',
      { names: inactive.map((a) => t('asdesk.adult_is', { name: a.name, relation: a.relation || '' })).join('、') })) : null);
  phoneForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const a = chosen();
    const stop = (key, el) => { say.replaceChildren(h('p', { class: 'error big', id: `as-out-error-${cid}` }, t(key))); el.focus(); };
    if (!a) { stop('asdesk.adult_needed', who); return; }
    if (!a.has_photo) { stop('as.refused.no_photo', who); return; }
    if (!/^1\d{10}$/.test(phoneDigits(phone.value))) { stop('as.check.phone_bad', phone); return; }
    if (!seen.checked) { stop('asdesk.visual_needed', seen); return; }
    oneAtATime(phoneForm, () => post({ method: 'phone', phone: phoneDigits(phone.value), visual_check: true, pickup_adult_id: a.id }));
  });

  // 临时代接
  const proxyBox = h('div', { class: 'as-proxy-box', id: `as-proxy-box-${cid}`, hidden: true });
  // The door form is made once and kept across redraws: the list read when
  // the way opens may arrive while staff are already typing a neighbour in.
  let door = null;
  const drawProxies = () => {
    const list = proxies.get(cid) || [];
    door = door || doorForm();
    proxyBox.replaceChildren(h('h4', {}, t('asdesk.proxies')),
      list.length ? h('ul', { class: 'plain as-proxies' }, list.map((p) => proxyItem(p))) : h('p', { class: 'note' }, t('asdesk.proxies_none')),
      door);
  };
  const proxyItem = (p) => {
    const li = h('li', { class: 'as-proxy', dataset: { id: p.id, confirmed: String(Boolean(p.confirmed)) } },
      h('p', {}, h('strong', {}, p.name), p.relation ? `（${p.relation}）` : '', ' ', p.phone || '', ' · ',
        p.used_at ? t('asdesk.proxy_used') : p.confirmed ? h('span', { class: 'badge' }, t('asdesk.proxy_confirmed', { channel: t('asdesk.channel.' + (p.confirm_channel || 'app')) }))
          : h('span', { class: 'badge as-flag' }, t('asdesk.proxy_waiting'))));
    if (p.used_at) return li;
    if (p.confirmed) {
      const go = h('button', { type: 'button', class: 'as-out-go', id: `as-proxy-go-${p.id}` }, t('asdesk.out_proxy', { name: p.name }));
      go.addEventListener('click', () => oneAtATime(li, () => post({ method: 'proxy', proxy_id: p.id }), [go]));
      li.append(h('p', {}, go));
    } else li.append(callForm(p));
    return li;
  };
  // A guardian's phone call confirming the proxy: which guardian (the
  // roster's guardians carry their user ids), when.
  const callForm = (p) => {
    const guardians = (child.guardians || []).filter((g) => g.user_id != null);
    if (!guardians.length) return h('p', { class: 'error', id: `as-call-none-${p.id}` }, t('asdesk.call_none'));
    const who = h('select', { id: `as-call-who-${p.id}` }, guardians.map((g, i) => h('option', { value: String(g.user_id), selected: i === 0 },
      `${g.display_name || ''}（${g.relation || ''}）${g.phone ? ' ' + g.phone : ''}`)));
    const at = h('input', { type: 'time', id: `as-call-at-${p.id}`, value: nowClock() });
    const form = h('form', { class: 'as-call-form', id: `as-call-form-${p.id}`, novalidate: true },
      h('p', { class: 'note' }, t('asdesk.call_note')),
      h('label', { for: who.id }, t('asdesk.call_who')), who, h('label', { for: at.id }, t('asdesk.call_at')), at,
      h('p', {}, h('button', { type: 'submit', class: 'secondary', id: `as-call-save-${p.id}` }, t('asdesk.call_save'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      oneAtATime(form, async () => {
        say.replaceChildren();
        try {
          const fresh = await api(`/pickup-proxies/${p.id}/confirm`, { method: 'POST',
            json: { by_phone: true, called_at: at.value, guardian_user_id: Number(who.value) } });
          proxies.set(cid, (proxies.get(cid) || []).map((x) => (x.id === p.id ? { ...x, ...fresh } : x)));
          drawProxies();
          proxyBox.querySelector(`#as-proxy-go-${p.id}`)?.focus();
        } catch (err) { refused(err); }
      });
    });
    return form;
  };
  // A neighbour at the door: recorded, then waiting for a guardian.
  const doorForm = () => {
    const name = h('input', { type: 'text', maxlength: LIMITS.adult_name, autocomplete: 'off' });
    const tel = h('input', { type: 'tel', maxlength: 20, autocomplete: 'off' });
    const relation = h('input', { type: 'text', maxlength: LIMITS.relation, autocomplete: 'off' });
    const field = (k, el) => {
      el.id = `as-door-${k}-${cid}`;
      return h('div', { class: 'field', dataset: { for: k } }, h('label', { for: el.id }, t('asdesk.door.' + k)), el);
    };
    const summary = h('div', { tabindex: '-1', id: `as-door-errors-${cid}` });
    const form = h('form', { class: 'as-door-form card', id: `as-door-form-${cid}`, novalidate: true },
      h('h4', {}, t('asdesk.door_heading')), h('p', { class: 'note' }, t('asdesk.door_note')),
      field('name', name), field('phone', tel), field('relation', relation), summary,
      h('p', {}, h('button', { type: 'submit', class: 'secondary', id: `as-door-save-${cid}` }, t('asdesk.door_save'))));
    const errors = formErrors(form, summary, `as-door-${cid}`);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      oneAtATime(form, async () => {
        errors.clear();
        const { body, errors: before } = proxyBody({ name: name.value, phone: tel.value, relation: relation.value });
        if (before.length) { errors.show(checkMessages(before), t('asdesk.not_saved')); return; }
        try {
          const made = await api(`/children/${cid}/proxies`, { method: 'POST', json: body });
          proxies.set(cid, [...(proxies.get(cid) || []).filter((x) => x.id !== made.id), made]);
          form.reset();
          drawProxies();
          proxyBox.querySelector(`#as-call-who-${made.id}, #as-proxy-go-${made.id}`)?.focus();
        } catch (err) {
          if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'asdesk'), t('asdesk.not_saved'));
          else errors.show([], refusalText(err));
        }
      });
    });
    return form;
  };
  drawProxies();

  const ways = { code: codeForm, phone: phoneForm, proxy: proxyBox };
  const tabs = h('div', { class: 'as-ways', role: 'group', 'aria-label': t('asdesk.ways') }, Object.keys(ways).map((k) =>
    h('button', { type: 'button', class: 'secondary as-way', id: `as-way-${k}-${cid}`, 'aria-pressed': String(k === 'code'),
      onclick: () => show(k) }, t('asdesk.way.' + k))));
  // Today's proxies of the child (GET /children/{id}/proxies: an audited
  // read, so only when the proxy way is opened), with those recorded here.
  let proxiesRead = false;
  const readProxies = async () => {
    if (proxiesRead) return;
    proxiesRead = true;
    try {
      const items = ((await api(`/children/${cid}/proxies`)).items || []).filter((p) => !date || !p.date || p.date === date);
      const known = new Map((proxies.get(cid) || []).map((p) => [p.id, p]));
      for (const p of items) known.set(p.id, { ...known.get(p.id), ...p });
      proxies.set(cid, [...known.values()]);
      drawProxies();
    } catch (err) {
      proxiesRead = false;
      say.replaceChildren(h('p', { class: 'error' }, refusalText(err)));
    }
  };
  function show(k) {
    if (k === 'proxy') readProxies();
    for (const [name, el] of Object.entries(ways)) el.hidden = name !== k;
    for (const b of tabs.children) b.setAttribute('aria-pressed', String(b.id === `as-way-${k}-${cid}`));
    ways[k].querySelector('input, select, button')?.focus();
  }
  return h('section', { class: 'card as-checkout', id: `as-checkout-${cid}`, 'aria-labelledby': `as-checkout-title-${cid}` },
    h('h3', { id: `as-checkout-title-${cid}`, tabindex: '-1' }, t('asdesk.checkout_of', { name: child.name })),
    tabs, codeForm, phoneForm, proxyBox, say);
}
