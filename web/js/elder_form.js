// The elder record's form: new (POST /api/v1/elders) and correct (PATCH,
// only the fields that changed). Position as lat/lon boxes and, when the map
// is shown, a pin (js/map.js pinMap). Health details (needs) are enabled only
// while their separate consent is ticked. The server's 422 field errors are
// put next to their fields (aria-invalid, aria-describedby); any it names
// that the form has no box for go to the summary at the top.
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { pinMap } from './map.js';
import { BASES, CATEGORIES, HEALTH_BASES, TIERS, categoryLabel, tierLabel } from './elder_words.js';

const CONTACT_ROWS = 2;

// A labelled box; `field` is the API's field path its errors name.
function box(id, field, label, input) {
  input.id = id;
  input.dataset.field = field;
  return h('div', { class: 'field', dataset: { for: field } }, h('label', { for: id }, label), input);
}
const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });
const select = (values, labelOf, value) => h('select', {},
  values.map((v) => h('option', { value: v, selected: v === value }, labelOf(v))));

// form(elder | null, places) → { form, read(), showErrors(list), clear(), mount() }
export function elderForm(elder, places, idPrefix = 'ef') {
  const id = (n) => `${idPrefix}-${n}`;
  const e = elder || {};
  const name = text({ value: e.name || '', maxlength: 32 });
  const phones = text({ value: (e.phones || []).join(' '), inputmode: 'tel' });
  const address = text({ value: e.address || '', maxlength: 200 });
  const lat = text({ value: e.lat ?? '', inputmode: 'decimal' });
  const lon = text({ value: e.lon ?? '', inputmode: 'decimal' });
  const birth = h('input', { type: 'date', value: e.birth_date || '', min: '1900-01-01' });
  const tier = select(TIERS, tierLabel, e.risk_tier || 'general');
  const cats = CATEGORIES.map((c) => h('input', { type: 'checkbox', id: id('cat-' + c), value: c,
    checked: (e.categories || []).includes(c) }));
  const contacts = Array.from({ length: CONTACT_ROWS }, (_, i) => {
    const c = (e.emergency_contacts || [])[i] || {};
    return { name: text({ value: c.name || '' }), relation: text({ value: c.relation || '' }),
      phone: text({ value: c.phone || '', inputmode: 'tel' }) };
  });
  const basis = select(BASES, (b) => t('elder.basis.' + b), e.consent?.basis || 'consent');
  const basisNote = text({ value: e.consent?.note || '', maxlength: 200 });
  const health = h('input', { type: 'checkbox', id: id('health'), checked: Boolean(e.health_consent) });
  const hBasis = select(HEALTH_BASES, (b) => t('elder.basis.' + b), e.health_consent?.basis || 'consent');
  const hNote = text({ value: e.health_consent?.note || '', maxlength: 200 });
  const n = e.needs || {};
  const diet = text({ value: n.diet || '' });
  const mobility = text({ value: n.mobility || '' });
  const hearing = text({ value: n.hearing || '' });
  const medicines = h('textarea', { rows: 3 }, (n.medicines || []).join('\n'));
  const healthBoxes = [hBasis, hNote, diet, mobility, hearing, medicines];
  const syncHealth = () => { for (const b of healthBoxes) b.disabled = !health.checked; };
  health.addEventListener('change', syncHealth);
  syncHealth();

  const mapBox = h('div', { class: 'map pin-map', 'aria-label': t('elder.form.map') });
  const summary = h('div', { id: id('errors'), role: 'alert', tabindex: '-1' });
  const form = h('form', { id: id('form'), class: 'elder-form', novalidate: true },
    summary,
    box(id('name'), 'name', t('elder.f.name'), name),
    box(id('phones'), 'phones', t('elder.form.phones'), phones),
    box(id('birth'), 'birth_date', t('elder.form.birth'), birth),
    box(id('address'), 'address', t('elder.f.address'), address),
    h('fieldset', {}, h('legend', {}, t('elder.f.position')),
      h('p', { class: 'note' }, t('elder.form.position_hint')),
      h('div', { class: 'pair' }, box(id('lat'), 'lat', t('elder.form.lat'), lat), box(id('lon'), 'lon', t('elder.form.lon'), lon)),
      mapBox),
    h('fieldset', { dataset: { for: 'categories' } }, h('legend', {}, t('elder.f.categories')),
      h('div', { class: 'choices' }, cats.map((c) => h('div', { class: 'choice' }, c,
        h('label', { for: c.id }, categoryLabel(c.value)))))),
    box(id('tier'), 'risk_tier', t('elder.f.tier'), tier),
    h('fieldset', {}, h('legend', {}, t('elder.f.contacts')),
      contacts.map((c, i) => h('div', { class: 'contact-row' },
        box(id(`c${i}-name`), `emergency_contacts[${i}].name`, t('elder.form.contact_name', { n: i + 1 }), c.name),
        box(id(`c${i}-relation`), `emergency_contacts[${i}].relation`, t('elder.form.contact_relation', { n: i + 1 }), c.relation),
        box(id(`c${i}-phone`), `emergency_contacts[${i}].phone`, t('elder.form.contact_phone', { n: i + 1 }), c.phone)))),
    h('fieldset', {}, h('legend', {}, t('elder.f.consent')),
      box(id('basis'), 'consent.basis', t('elder.form.basis'), basis),
      box(id('basis-note'), 'consent.note', t('elder.form.note'), basisNote)),
    h('fieldset', {}, h('legend', {}, t('elder.f.health_consent')),
      h('div', { class: 'choice', dataset: { for: 'health_consent' } }, health, h('label', { for: health.id }, t('elder.form.health'))),
      h('p', { class: 'note' }, t('elder.form.health_hint')),
      box(id('h-basis'), 'health_consent.basis', t('elder.form.basis'), hBasis),
      box(id('h-note'), 'health_consent.note', t('elder.form.note'), hNote),
      box(id('diet'), 'needs.diet', t('elder.needs.diet'), diet),
      box(id('mobility'), 'needs.mobility', t('elder.needs.mobility'), mobility),
      box(id('hearing'), 'needs.hearing', t('elder.needs.hearing'), hearing),
      box(id('medicines'), 'needs.medicines', t('elder.form.medicines'), medicines)));

  const num = (s) => { const v = s.trim(); return v === '' ? undefined : (Number.isFinite(Number(v)) ? Number(v) : v); };
  // The body the form says (every field; correct() keeps the changed ones).
  function read() {
    const body = {
      name: name.value.trim(),
      phones: phones.value.split(/[\s,，、;；]+/).filter(Boolean),
      address: address.value.trim(),
      lat: num(lat.value), lon: num(lon.value),
      birth_date: birth.value,
      categories: cats.filter((c) => c.checked).map((c) => c.value),
      risk_tier: tier.value,
      emergency_contacts: contacts.map((c) => ({ name: c.name.value.trim(), relation: c.relation.value.trim(), phone: c.phone.value.trim() }))
        .filter((c) => c.name || c.phone).map((c) => (c.relation ? c : { name: c.name, phone: c.phone })),
      consent: { basis: basis.value, note: basisNote.value.trim() },
      health_consent: health.checked ? { basis: hBasis.value, note: hNote.value.trim() } : null,
    };
    if (health.checked) {
      body.needs = { diet: diet.value.trim(), mobility: mobility.value.trim(), hearing: hearing.value.trim(),
        medicines: medicines.value.split('\n').map((m) => m.trim()).filter(Boolean) };
    }
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    return body;
  }

  function clear() {
    summary.replaceChildren();
    for (const p of form.querySelectorAll('.field-error')) p.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
    }
  }

  // The box (or group) an error's field names: "emergency_contacts[0].phone",
  // else its parents ("phones[1]" → "phones", "needs.medicines[2]" → …).
  function placeOf(field) {
    for (let f = field; f; f = f.replace(/(\[\d+\]|\.[^.[\]]+)$/, '')) {
      const el = form.querySelector(`[data-for="${CSS.escape(f)}"]`);
      if (el) return el;
      if (!/(\[\d+\]|\.[^.[\]]+)$/.test(f)) break;
    }
    return null;
  }

  function showErrors(list, headline) {
    clear();
    const loose = [];
    list.forEach((x, i) => {
      const place = placeOf(x.field || '');
      if (!place) { loose.push(x); return; }
      const pid = id(`err-${i}`);
      place.append(h('p', { class: 'error field-error', id: pid }, t('elder.form.field_error', { detail: x.message })));
      const input = place.querySelector('input, select, textarea');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', pid);
      }
    });
    fill(summary, h('p', { class: 'error' }, headline),
      loose.length ? h('ul', { class: 'error' }, loose.map((x) => h('li', {}, `${x.field || ''}：${x.message}`))) : null);
    const first = form.querySelector('[aria-invalid="true"]');
    (first || summary).focus();
  }

  // Draws the pin map (not in elder mode's CSS, where .map is hidden).
  async function mount() {
    if (getComputedStyle(mapBox).display === 'none') return null;
    const picked = (la, lo) => { lat.value = la.toFixed(6); lon.value = lo.toFixed(6); };
    const api = await pinMap(mapBox, places.map((c) => ({ lat: c.lat, lon: c.lon, label: c.name })), picked).catch(() => null);
    if (api && Number.isFinite(Number(e.lat)) && e.lat !== null && e.lat !== undefined) api.set(e.lat, e.lon);
    return api ? () => api.map.remove() : null;
  }

  return { form, read, showErrors, clear, mount };
}

// The fields of `body` whose value differs from the record's (PATCH body).
export function changedFields(elder, body) {
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    let old = elder[k];
    if ((k === 'consent' || k === 'health_consent') && old) old = { basis: old.basis, note: old.note || '' };
    if (k === 'needs' && old) old = { diet: old.diet || '', mobility: old.mobility || '', hearing: old.hearing || '', medicines: old.medicines || [] };
    if (k === 'emergency_contacts') old = (old || []).map((c) => (c.relation ? { name: c.name, relation: c.relation, phone: c.phone } : { name: c.name, phone: c.phone }));
    if (!same(old, v)) out[k] = v;
  }
  return out;
}
