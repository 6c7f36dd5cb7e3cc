// The dashboard's warning about stranded categories (GET
// /api/v1/appeal-categories/stranded, admins and district workers): a
// category whose default target has nobody left who can act on a dispatched
// appeal (the organisation's last department or worker account disabled or
// moved). Admins fix it on the spot — a new default target, or none (then
// the appeal's community or grid gets it) — through PUT
// /api/v1/appeal-categories/{code}; the server refuses a target that has
// nobody either, and its message is shown. Others are told whom to ask.
import { allPages, api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { categoryName } from './appeals.js';

// The body PUT takes, from a category as GET answers it, with a new target.
function putBody(c, orgId) {
  const body = { name_zh: c.name_zh, name_en: c.name_en, group: c.group, response_hours: c.response_hours,
    resolution_days: c.resolution_days, attributes: c.attributes };
  if (orgId) body.department_org_id = orgId;
  return body;
}

function fixForm(item, orgs, onFixed) {
  const id = `fix-${item.code}`;
  const status = h('p', { role: 'status', class: 'note', id: `${id}-status` });
  const select = h('select', { id, name: 'target' },
    h('option', { value: '' }, t('dash.stranded_no_default')),
    orgs.filter((o) => o.id !== item.department_org_id).map((o) => h('option', { value: String(o.id) }, o.name)));
  const form = h('form', { class: 'stranded-fix', dataset: { code: item.code } },
    h('label', { for: id }, t('dash.stranded_new_target')), select,
    h('button', { type: 'submit' }, t('dash.stranded_save')), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const c = await api(`/appeal-categories/${encodeURIComponent(item.code)}`);
      await api(`/appeal-categories/${encodeURIComponent(item.code)}`, { method: 'PUT', json: putBody(c, Number(select.value) || null) });
      onFixed();
    } catch (err) {
      status.className = 'error';
      status.textContent = [err.message, ...(err.problem?.errors || []).map((f) => f.message)].join(' ');
    }
  });
  return form;
}

function why(item) {
  return item.reason === 'no_organisation'
    ? t('dash.stranded_gone', { id: item.department_org_id })
    : t('dash.stranded_nobody', { org: item.organisation_name });
}

// The section, or null when nothing is stranded or the user may not ask.
export async function strandedSection(user) {
  if (!user || !['admin', 'worker'].includes(user.role)) return null;
  const items = await api('/appeal-categories/stranded').then((b) => b.items).catch(() => null);
  if (!items || !items.length) return null;
  const admin = user.role === 'admin';
  const orgs = admin ? await allPages('/organisations', {}, 400).catch(() => []) : [];
  const section = h('section', { class: 'card warning', id: 'stranded', 'aria-labelledby': 'stranded-title' });
  const draw = (list) => {
    if (!list.length) {
      section.replaceChildren(h('h2', { id: 'stranded-title' }, t('dash.stranded_title')), h('p', { class: 'ok', role: 'status' }, t('dash.stranded_fixed')));
      return;
    }
    section.replaceChildren(
      h('h2', { id: 'stranded-title' }, '⚠ ', t('dash.stranded_title')),
      h('p', {}, t('dash.stranded_lead')),
      h('ul', { class: 'plain' }, list.map((item) => h('li', { dataset: { code: item.code } },
        h('p', {}, h('strong', {}, categoryName(item)), t('dash.stranded_colon'), why(item)),
        admin ? fixForm(item, orgs, () => draw(list.filter((x) => x !== item)))
          : h('p', { class: 'note' }, t('dash.stranded_ask_admin'))))));
  };
  draw(items);
  return section;
}
