// The parts of the raise-an-appeal form that stand alone: a category's extra
// questions (Open311 attributes) as controls by datatype and their answers,
// and the photo picker (type, size and count checked here; the server judges
// the content).
import { h } from './dom.js';
import { t } from './i18n.js';
import { questionText, valueName } from './appeals.js';
import { fromLocalInput, rfc3339 } from './format.js';

const MAX_PHOTOS = 4;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

// One extra question as form controls, by its Open311 datatype, in the
// chosen language (the Chinese when the category gives no English).
export function attributeField(a) {
  const id = 'attr-' + a.code;
  const label = questionText(a) + (a.required ? '' : ' ' + t('appeal.optional'));
  if (a.datatype === 'multivaluelist') {
    return h('fieldset', { class: 'attr', dataset: { code: a.code, type: a.datatype } },
      h('legend', {}, label),
      a.values.map((v) => h('div', { class: 'choice' },
        h('input', { type: 'checkbox', id: `${id}-${v.key}`, name: id, value: v.key }),
        h('label', { for: `${id}-${v.key}` }, valueName(v)))));
  }
  let control;
  if (a.datatype === 'singlevaluelist') {
    control = h('select', { id, required: a.required },
      h('option', { value: '' }, t('appeal.choose')), a.values.map((v) => h('option', { value: v.key }, valueName(v))));
  } else if (a.datatype === 'text') {
    control = h('textarea', { id, rows: 3, required: a.required, maxlength: 2000 });
  } else {
    const type = { number: 'number', datetime: 'datetime-local' }[a.datatype] || 'text';
    control = h('input', { id, type, required: a.required, step: type === 'number' ? 'any' : undefined });
  }
  return h('div', { class: 'attr', dataset: { code: a.code, type: a.datatype } }, h('label', { for: id }, label), control);
}

// The answers of the rendered questions: code → value or [values].
export function readAnswers(box) {
  const out = {};
  for (const el of box.querySelectorAll('.attr')) {
    const { code, type } = el.dataset;
    if (type === 'multivaluelist') {
      const picked = [...el.querySelectorAll('input:checked')].map((i) => i.value);
      if (picked.length) out[code] = picked;
      continue;
    }
    const value = el.querySelector('input, select, textarea').value.trim();
    if (!value) continue;
    out[code] = type === 'datetime' ? rfc3339(fromLocalInput(value)) : value;
  }
  return out;
}

const readDataUrl = (file) => new Promise((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(r.result);
  r.onerror = () => reject(r.error);
  r.readAsDataURL(file);
});

export function photoPicker() {
  const photos = [];
  // The browser's own file button speaks the browser's language, not the
  // page's: the input is hidden and its label is the button.
  const input = h('input', { type: 'file', id: 'photos', class: 'visually-hidden', accept: PHOTO_TYPES.join(','), multiple: true, 'aria-describedby': 'photo-rules photo-status' });
  const status = h('p', { id: 'photo-status', class: 'note', role: 'status' });
  const list = h('ul', { class: 'photos', id: 'photo-list' });
  const draw = () => list.replaceChildren(...photos.map((p, i) => h('li', {},
    h('img', { src: p.url, alt: t('appeal.photo_alt', { n: i + 1 }) }),
    h('button', { type: 'button', class: 'secondary', onclick: () => { photos.splice(i, 1); draw(); } },
      t('appeal.photo_remove', { n: i + 1 })))));
  input.addEventListener('change', async () => {
    const problems = [];
    for (const file of input.files) {
      if (!PHOTO_TYPES.includes(file.type)) problems.push(t('appeal.photo_bad_type', { name: file.name }));
      else if (file.size > MAX_PHOTO_BYTES) problems.push(t('appeal.photo_too_big', { name: file.name }));
      else if (photos.length >= MAX_PHOTOS) { problems.push(t('appeal.photo_too_many', { max: MAX_PHOTOS })); break; } else photos.push({ name: file.name, file, url: await readDataUrl(file) });
    }
    input.value = '';
    status.textContent = problems.join('；');
    status.className = problems.length ? 'error' : 'note';
    draw();
  });
  return { photos, nodes: [h('p', { class: 'label', id: 'photo-rules' }, t('appeal.photos', { max: MAX_PHOTOS })),
    input, h('label', { for: 'photos', class: 'button secondary file-button' }, t('appeal.photo_add')), status, list] };
}

