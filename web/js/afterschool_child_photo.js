// A child's photo on the guardian's screen (#/my-children,
// docs/afterschool.md "Children and guardians"): the photo small (GET
// /children/{id}/photo) with 更换照片 and 删除照片, or 添加照片 without one.
// A photo from the camera or a file is made small in the page
// (js/team_photo.js, as a pickup adult's) and sent as PUT /children/{id}
// {photo}; removing sends {photo: null}. `done(message)` redraws the list.
// Staff compare the photo with the child at the door.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { oneAtATime } from './job_post_view.js';
import { refusalText } from './afterschool_words.js';
import { receiptPhoto } from './team_photo.js';

export function childPhotoBox(c, done) {
  const box = h('div', { class: 'kids-photo', id: `kids-photo-${c.id}`, dataset: { has: String(Boolean(c.has_photo)) } });
  const problem = h('p', { class: 'error', id: `kids-photo-problem-${c.id}`, 'aria-live': 'polite' });
  const file = h('input', { type: 'file', accept: 'image/*', capture: 'user', id: `kids-photo-file-${c.id}`, class: 'visually-hidden' });
  const save = (photo, message) => oneAtATime(box, async () => {
    problem.textContent = '';
    try {
      await api(`/children/${c.id}`, { method: 'PUT', json: { photo } });
      await done(message);
    } catch (err) { problem.textContent = refusalText(err, 'kids'); }
  });
  file.addEventListener('change', async () => {
    const one = file.files?.[0];
    if (!one) return;
    let made;
    try {
      made = await receiptPhoto(one, { maxChars: 400 * 1024 });
    } catch (e) {
      problem.textContent = t('kids.a.photo_' + (e.message === 'too_big' ? 'too_big' : 'bad'));
      file.value = '';
      return;
    }
    await save(made.url, t(c.has_photo ? 'kids.photo_changed' : 'kids.photo_added', { name: c.name }));
  });
  const pick = h('label', { for: file.id, class: 'button secondary file-button', id: `kids-photo-pick-${c.id}` },
    t(c.has_photo ? 'kids.photo_change' : 'kids.photo_add'));
  if (c.has_photo) {
    const remove = h('button', { type: 'button', class: 'secondary', id: `kids-photo-remove-${c.id}` }, t('kids.photo_remove'));
    remove.addEventListener('click', () => save(null, t('kids.photo_removed', { name: c.name })));
    box.append(h('img', { src: `/api/v1/children/${c.id}/photo`, alt: t('kids.photo_alt', { name: c.name }), class: 'as-photo-img', style: { maxHeight: '96px', maxWidth: '96px' }, id: `kids-photo-img-${c.id}` }),
      h('p', { class: 'buttons' }, file, pick, ' ', remove));
  } else {
    box.append(h('p', { class: 'note' }, t('kids.photo_none')), h('p', { class: 'buttons' }, file, pick));
  }
  box.append(h('p', { class: 'note' }, t('kids.photo_hint')), problem);
  return box;
}
