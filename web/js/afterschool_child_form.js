// A guardian adds a child (docs/afterschool.md "Children and guardians";
// screens/my_children.js): name, school, grade, birth date, health notes
// (optional), the caller's relation; the children's privacy notice shown in
// full above its own consent box (the separate consent of PIPL art. 31,
// version afterschool-children-v1), which must be ticked — said beside the
// box before anything is sent. POST /children; `done(child)` after a 201.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox, formErrors } from './care_form.js';
import { oneAtATime } from './job_post_view.js';
import { childBody, districtDay, LIMITS } from './afterschool_model.js';
import { checkMessages, fieldErrors, refusalText } from './afterschool_words.js';

// The children's privacy notice, paragraph by paragraph.
export const noticeBox = (id) => h('section', { class: 'as-notice', id, 'aria-labelledby': `${id}-title` },
  h('h3', { id: `${id}-title` }, t('kids.notice_title')),
  ['who', 'what', 'why', 'see', 'keep', 'rights'].map((k) => h('p', { class: 'as-notice-' + k }, t('kids.notice.' + k))));

export function childForm(done, close) {
  const text = (max) => h('input', { type: 'text', maxlength: max, autocomplete: 'off' });
  const f = {
    name: text(LIMITS.child_name), school: text(LIMITS.school), grade: text(LIMITS.grade),
    birth_date: h('input', { type: 'date', max: districtDay() }),
    health_notes: h('textarea', { rows: 3, maxlength: LIMITS.health_notes }),
    relation: text(LIMITS.relation),
  };
  f.relation.setAttribute('list', 'kids-relations');
  const relations = h('datalist', { id: 'kids-relations' }, ['母亲', '父亲', '祖母', '祖父', '外祖母', '外祖父', '监护人'].map((r) => h('option', { value: r })));
  const consent = h('input', { type: 'checkbox', id: 'kids-consent' });
  const box = (k, hint) => fieldBox(`kids-${k.replace(/_/g, '-')}`, k, t('kids.f.' + k), f[k], hint);
  const summary = h('div', { tabindex: '-1', id: 'kids-child-errors' });
  const form = h('form', { id: 'kids-child-form', class: 'card', novalidate: true, 'aria-labelledby': 'kids-child-title' },
    h('h2', { id: 'kids-child-title', tabindex: '-1' }, t('kids.add_child')),
    box('name'), box('school', t('kids.school_hint')), box('grade', t('kids.grade_hint')),
    box('birth_date', t('kids.birth_hint', { min: LIMITS.child_age[0], max: LIMITS.child_age[1] })),
    box('health_notes', t('kids.health_hint', { max: LIMITS.health_notes })), box('relation', t('kids.relation_hint')), relations,
    noticeBox('kids-notice'),
    h('div', { class: 'field', dataset: { for: 'consent' } },
      h('div', { class: 'choice as-consent' }, consent, h('label', { for: 'kids-consent' }, t('kids.consent')))),
    summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'kids-child-save' }, t('kids.child_save')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'kids-child-close', onclick: close }, t('kids.close'))));
  const errors = formErrors(form, summary, 'kids-child');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const values = Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value]));
      const { body, errors: before } = childBody({ ...values, consent: consent.checked }, districtDay());
      if (before.length) { errors.show(checkMessages(before), t('kids.not_saved')); return; }
      try {
        await done(await api('/children', { method: 'POST', json: body }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'kids'), t('kids.not_saved'));
        else errors.show([], refusalText(err, 'kids'));
      }
    });
  });
  return form;
}
