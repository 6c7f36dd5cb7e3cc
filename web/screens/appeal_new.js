// #/appeal/new — a resident raises an appeal (诉求): category with its extra
// questions (Open311 attributes, by datatype), description (4000 characters
// at most, counted as you type), a pin on the map or a community or the
// browser's location, an address, photos (type and size checked here, the
// server judges by content), anonymous or a contact. The form says plainly
// that the description is published on the tracking page. Similar open
// appeals near the pin are offered right after the place, before the submit
// button (follow one instead); never the caller's own (the server leaves out
// a signed-in caller's, this page the ones it sent in this tab). Then the
// tracking code, large, with a copy button, and how to find it again by phone.
// Elder mode: no map (the location button, a community or the address).
import { api, ApiError, me, upload } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { distance } from '../js/format.js';
import { attributeField, photoPicker, readAnswers } from '../js/appeal_fields.js';
import { categories, categoryName, communities, stateName } from '../js/appeals.js';
import { pinMap } from '../js/map.js';
import { settings } from '../js/settings.js';

const MAX_CHARS = 4000;
// The appeals this tab sent (ids), never offered back as "similar".
const SENT_KEY = 'warmcity.sent_appeals';
const sentHere = () => { try { return JSON.parse(sessionStorage.getItem(SENT_KEY)) || []; } catch { return []; } };
function rememberSent(id) {
  try { sessionStorage.setItem(SENT_KEY, JSON.stringify([...sentHere(), id].slice(-50))); } catch { /* private mode */ }
}
// The similar open appeals near the pin (GET /api/v1/appeals/similar), with
// a follow button for the signed-in.
async function showSimilar(box, category, lat, lon, user) {
  box.replaceChildren();
  if (!category || lat === null) return;
  let items = [];
  try { items = (await api('/appeals/similar', { query: { category, lat, lon } })).items; } catch { return; }
  const mine = sentHere();
  items = items.filter((s) => !mine.includes(s.id));
  if (!items.length) return;
  box.append(h('h2', { id: 'similar-title' }, t('appeal.similar')), h('p', { class: 'note' }, t('appeal.similar_note')),
    h('ul', { class: 'similar-list' }, items.map((s) => {
      const done = h('p', { role: 'status' });
      const follow = user
        ? h('button', { type: 'button', class: 'secondary', onclick: async (e) => {
          try {
            const r = await api(`/appeals/${s.id}/follow`, { method: 'POST' });
            done.textContent = t('appeal.followed', { n: r.followers });
            e.target.disabled = true;
          } catch (err) { done.textContent = t('common.error', { detail: err.message }); }
        } }, t('appeal.follow'))
        : h('a', { href: '#/signin?next=' + encodeURIComponent('#/appeal/new') }, t('appeal.follow_sign_in'));
      return h('li', { class: 'result' },
        h('a', { class: 'result-name', href: `#/track/${s.tracking_code}` }, s.description.slice(0, 60)),
        h('p', { class: 'note' }, t('appeal.similar_item', { distance: distance(s.distance_m), state: stateName(s.state), n: s.followers })),
        follow, done);
    })));
}

function fieldName(field, cats) {
  const m = /^attributes\.(.+)$/.exec(field);
  if (m) {
    for (const c of cats) for (const a of c.attributes) if (a.code === m[1]) return a.description;
  }
  const key = 'appeal.field.' + field.replace(/\[\d+\]$/, '');
  const text = t(key);
  return text === key ? field : text;
}

// `lost`: the photos that could not be attached, with why.
function done(view, code, lost = []) {
  const copied = h('p', { role: 'status', id: 'copy-status' });
  view.replaceChildren(h('h1', {}, t('appeal.done_heading')),
    h('section', { class: 'card done', 'aria-labelledby': 'code-label' },
      h('p', { id: 'code-label' }, t('appeal.done_code')),
      h('p', { class: 'code-big', id: 'tracking-code', lang: 'en' }, code),
      lost.length ? h('ul', { class: 'error', id: 'photo-failures' },
        lost.map((x) => h('li', {}, t('appeal.photo_not_sent', { name: x.name, detail: x.detail })))) : null,
      h('p', {}, t('appeal.done_keep')),
      h('p', { class: 'note', id: 'find-later' }, t('appeal.done_find_later'), ' ',
        h('a', { href: '#/me/appeals' }, t('appeal.my_appeals'))),
      h('button', { type: 'button', id: 'copy-code', onclick: async () => {
        try {
          await navigator.clipboard.writeText(code);
          copied.textContent = t('appeal.copied');
        } catch {
          getSelection().selectAllChildren(document.getElementById('tracking-code'));
          copied.textContent = t('appeal.copy_failed');
        }
      } }, t('appeal.copy')), copied,
      h('p', {}, h('a', { class: 'button secondary', href: `#/track/${code}` }, t('appeal.track_it'))),
      h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => { view.replaceChildren(); render(view); } }, t('appeal.another')))));
  view.querySelector('h1').setAttribute('tabindex', '-1');
  view.querySelector('h1').focus();
}

export async function render(view) {
  const [cats, places, user] = await Promise.all([categories(), communities(), me()]);
  const elder = settings().elder;
  const where = { lat: null, lon: null };
  view.append(h('h1', {}, t('appeal.heading')),
    h('p', { class: 'note', id: 'who' }, user ? [t('appeal.signed_in', { name: user.display_name || user.username }),
      user.role === 'resident' ? [' ', h('a', { href: '#/me/appeals' }, t('appeal.my_appeals'))] : null]
      : [t('appeal.not_signed_in'), ' ', h('a', { href: '#/signin?next=' + encodeURIComponent('#/appeal/new') }, t('appeal.sign_in'))]));

  const questions = h('div', { id: 'questions' });
  const category = h('select', { id: 'category', required: true },
    h('option', { value: '' }, t('appeal.category_choose')),
    cats.map((c) => h('option', { value: c.code }, categoryName(c))));
  const description = h('textarea', { id: 'description', rows: 5, required: true, maxlength: MAX_CHARS, 'aria-describedby': 'description-public description-count' });
  const count = h('p', { id: 'description-count', class: 'note' }, t('appeal.description_count', { n: 0, max: MAX_CHARS }));
  description.addEventListener('input', () => {
    count.textContent = t('appeal.description_count', { n: [...description.value].length, max: MAX_CHARS });
  });

  const similar = h('section', { id: 'similar', class: 'similar', 'aria-live': 'polite' });
  const pinText = h('p', { id: 'pin-status', role: 'status' }, t('appeal.pin_none'));
  const mapBox = elder ? null : h('div', { class: 'map', id: 'appeal-map', 'aria-label': t('appeal.map_label') });
  let mapApi = null;
  const picked = async (lat, lon) => {
    where.lat = lat;
    where.lon = lon;
    mapApi?.set(lat, lon, false);
    try {
      const at = await api('/areas/locate', { query: { lat, lon } });
      const names = [at.subdistrict, at.community, at.grid].filter(Boolean).map((a) => a.name);
      pinText.textContent = names.length ? t('appeal.pin_at', { area: names.join(' · ') }) : t('appeal.pin_outside');
    } catch {
      pinText.textContent = t('appeal.pin_outside');
    }
    showSimilar(similar, category.value, lat, lon, user);
  };
  const community = h('select', { id: 'appeal-community' },
    h('option', { value: '' }, t('appeal.community_none')),
    places.map((c) => h('option', { value: c.id }, `${c.subdistrict || ''} · ${c.name}`)));
  community.addEventListener('change', () => {
    const c = places.find((x) => String(x.id) === community.value);
    if (c) { mapApi?.set(c.lat, c.lon); picked(c.lat, c.lon); }
  });
  const locNote = h('p', { class: 'note', role: 'status' });
  const locate = h('button', { type: 'button', class: 'secondary', id: 'appeal-locate', onclick: () => {
    if (!navigator.geolocation) { locNote.textContent = t('appeal.location_denied'); return; }
    locNote.textContent = t('appeal.locating');
    navigator.geolocation.getCurrentPosition((pos) => {
      locNote.textContent = '';
      mapApi?.set(pos.coords.latitude, pos.coords.longitude);
      picked(pos.coords.latitude, pos.coords.longitude);
    }, () => { locNote.textContent = t('appeal.location_denied'); }, { timeout: 10000, maximumAge: 60000 });
  } }, t('appeal.use_location'));
  category.addEventListener('change', () => {
    const c = cats.find((x) => x.code === category.value);
    questions.replaceChildren(...(c && c.attributes.length
      ? [h('fieldset', {}, h('legend', {}, t('appeal.questions')),
        [...c.attributes].sort((a, b) => a.order - b.order).map(attributeField))] : []));
    showSimilar(similar, category.value, where.lat, where.lon, user);
  });

  const photos = photoPicker();
  const anonymous = h('input', { type: 'checkbox', id: 'anonymous' });
  const contact = h('fieldset', { id: 'contact' }, h('legend', {}, t('appeal.field.contact')),
    h('p', { class: 'note' }, t('appeal.contact_private')),
    h('label', { for: 'contact-name' }, t('appeal.contact_name')),
    // An account made by phone is named by its masked number: no name to offer.
    h('input', { id: 'contact-name', autocomplete: 'name', required: true, maxlength: 32,
      value: user?.display_name && !user.display_name.includes('*') ? user.display_name : '' }),
    h('label', { for: 'contact-phone' }, t('appeal.contact_phone')),
    h('input', { id: 'contact-phone', type: 'tel', autocomplete: 'tel', required: true, inputmode: 'tel', value: user?.phone || '' }));
  anonymous.addEventListener('change', () => {
    contact.hidden = anonymous.checked;
    for (const i of contact.querySelectorAll('input')) i.disabled = anonymous.checked;
  });
  const address = h('input', { id: 'address', maxlength: 200, autocomplete: 'street-address' });
  const errors = h('div', { id: 'appeal-errors', role: 'alert', tabindex: '-1' });
  const submit = h('button', { type: 'submit', id: 'appeal-submit' }, t('appeal.submit'));
  const form = h('form', { id: 'appeal-form', class: 'card', novalidate: false },
    h('label', { for: 'category' }, t('appeal.category')), category, questions,
    h('label', { for: 'description' }, t('appeal.description')),
    h('p', { class: 'note public-note', id: 'description-public' }, t('appeal.description_public')),
    description, count,
    h('fieldset', {}, h('legend', {}, t('appeal.where')),
      mapBox && h('p', { class: 'note' }, t('appeal.map_hint')), mapBox, pinText,
      locate, locNote,
      h('label', { for: 'appeal-community' }, t('appeal.community')), community,
      h('label', { for: 'address' }, t('appeal.address')), address),
    similar,
    photos.nodes,
    h('div', { class: 'choice' }, anonymous, h('label', { for: 'anonymous' }, t('appeal.anonymous'))),
    contact, errors, submit);
  view.append(form);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.replaceChildren();
    if (where.lat === null && !address.value.trim()) {
      errors.append(h('p', { class: 'error' }, t('appeal.need_place')));
      address.focus();
      return;
    }
    const body = {
      category: category.value, description: description.value, channel: 'web',
      attributes: readAnswers(questions), anonymous: anonymous.checked,
    };
    if (where.lat !== null) { body.lat = Number(where.lat.toFixed(6)); body.lon = Number(where.lon.toFixed(6)); }
    if (address.value.trim()) body.address = address.value.trim();
    if (!anonymous.checked) body.contact = { name: form['contact-name'].value.trim(), phone: form['contact-phone'].value.trim() };
    submit.disabled = true;
    submit.textContent = t('appeal.submitting');
    try {
      const saved = await api('/appeals', { method: 'POST', json: body });
      rememberSent(saved.id);
      // The photos follow one by one with the answer's photo token; the
      // appeal stands even if one of them does not get through.
      const lost = [];
      for (const p of photos.photos) {
        try {
          await upload(`/appeals/${saved.id}/photos`, p.file, { 'x-photo-token': saved.photo_token });
        } catch (err) {
          lost.push({ name: p.name, detail: err.message });
        }
      }
      done(view, saved.tracking_code, lost);
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('appeal.submit');
      const list = err instanceof ApiError ? err.problem.errors || [] : [];
      fill(errors, h('p', { class: 'error' }, t('appeal.failed', { detail: err.message })),
        list.length ? h('ul', { class: 'error' }, list.map((x) => h('li', {}, `${fieldName(x.field, cats)}：${x.message}`))) : null);
      errors.focus();
    }
  });

  if (mapBox) {
    mapApi = await pinMap(mapBox, places.map((c) => ({ lat: c.lat, lon: c.lon, label: c.name })), picked).catch(() => null);
    return () => mapApi?.map.remove();
  }
}
