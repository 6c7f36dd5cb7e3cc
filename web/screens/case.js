// #/staff/appeals/{id} — one appeal for staff: the facts, photos, the
// contact (masked; dispatchers and the assignee may reveal it, audited),
// the full record, and only the steps this user may take now
// (allowed_steps from the API; a refused step, 409 or 403, shows the steps
// the API names instead). One step form open at a time. The place reads as
// people say it: the address the resident gave, the street / community /
// grid it lies in, a small map; coordinates last. A note stays with staff
// unless 公开 is ticked (a reply always reaches the reporter).
import { allPages, api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';
import { categories, categoryName, communities, mayReveal, questionText, SATISFACTION, stateBadge, stepName, timeline, urgencyBadge, valueName } from '../js/appeals.js';
import { drawMap } from '../js/map.js';

const NOTE_REQUIRED = new Set(['return', 'reply']);
// A reply is the answer to the reporter: always public, so its box is ticked and fixed.
const ALWAYS_PUBLIC = new Set(['reply']);

function radios(name, values, label) {
  return h('fieldset', {}, h('legend', {}, label), values.map(([v, text]) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id: `${name}-${v}`, value: v, required: true }),
    h('label', { for: `${name}-${v}` }, text))));
}

// The fields a step needs besides note/public (docs: src/appeals/steps.cpp).
// Dispatch targets, in the order the list shows their groups.
const ORG_KINDS = ['department', 'community', 'grid', 'subdistrict', 'keeper', 'volunteer_team'];

function stepFields(step, ctx) {
  const yesNo = [['true', t('callback.yes')], ['false', t('callback.no')]];
  switch (step) {
    case 'dispatch':
      // Organisations grouped by kind, in the words staff use (部门 / 社区 / 网格 …),
      // then the communities by place.
      return [h('label', { for: 'target' }, t('case.target')),
        h('select', { id: 'target', name: 'target' },
          h('option', { value: '' }, t('case.target_default')),
          ORG_KINDS.map((kind) => {
            const mine = ctx.orgs.filter((o) => o.kind === kind);
            return mine.length ? h('optgroup', { label: t('case.group.' + kind), dataset: { kind } },
              mine.map((o) => h('option', { value: 'o' + o.id }, o.name))) : null;
          }),
          ctx.places.length ? h('optgroup', { label: t('case.group.area'), dataset: { kind: 'area' } },
            ctx.places.map((c) => h('option', { value: 'a' + c.id }, c.name))) : null)];
    case 'reply':
      return [radios('outcome', [['solved', t('appeal.outcome.solved')], ['not_solvable', t('appeal.outcome.not_solvable')]], t('case.outcome'))];
    case 'callback':
      return [radios('contacted', yesNo, t('callback.contacted')), radios('solved', yesNo, t('callback.solved')),
        radios('satisfaction', SATISFACTION.map((s) => [s, t('satisfaction.' + s)]), t('callback.satisfaction'))];
    case 'merge':
      return [h('label', { for: 'into' }, t('case.into')), h('input', { id: 'into', name: 'into', type: 'number', min: 1, required: true })];
    default:
      return [];
  }
}

function stepBody(step, data) {
  const body = { step, note: (data.get('note') || '').trim() };
  if (!ALWAYS_PUBLIC.has(step)) body.public = data.get('public') === 'on';
  const target = data.get('target');
  if (target) body[target[0] === 'o' ? 'org_id' : 'area_id'] = Number(target.slice(1));
  if (data.get('outcome')) body.outcome = data.get('outcome');
  if (data.get('contacted')) body.contacted = data.get('contacted') === 'true';
  if (data.get('solved')) body.solved = data.get('solved') === 'true';
  if (data.get('satisfaction')) body.satisfaction = data.get('satisfaction');
  if (data.get('into')) body.into_id = Number(data.get('into'));
  return body;
}

function stepsSection(a, ctx, rerender) {
  const box = h('section', { class: 'card', id: 'steps', 'aria-labelledby': 'steps-title' });
  const status = h('div', { id: 'step-status', role: 'status' });
  const draw = (allowed) => {
    const buttons = allowed.length
      ? h('div', { class: 'step-buttons' }, allowed.map((s) => h('button', { type: 'button', class: 'secondary', dataset: { step: s },
        onclick: () => open(s) }, stepName(s))))
      : h('p', { id: 'no-steps' }, t('case.no_steps'));
    box.replaceChildren(h('h2', { id: 'steps-title' }, t('case.steps')), buttons, status);
  };
  const open = (step) => {
    const form = h('form', { id: 'step-form', class: 'step-form', dataset: { step } },
      h('h3', {}, stepName(step)), stepFields(step, ctx),
      h('label', { for: 'note' }, NOTE_REQUIRED.has(step) ? t('case.note_required') : t('case.note')),
      h('textarea', { id: 'note', name: 'note', rows: 3, maxlength: 2000, required: NOTE_REQUIRED.has(step) }),
      h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: 'public', name: 'public',
        checked: ALWAYS_PUBLIC.has(step), disabled: ALWAYS_PUBLIC.has(step), 'aria-describedby': 'public-note' }),
      h('label', { for: 'public' }, t('case.public'))),
      h('p', { class: 'note', id: 'public-note' }, t(ALWAYS_PUBLIC.has(step) ? 'case.public_always' : 'case.public_note')),
      h('button', { type: 'submit' }, stepName(step)),
      h('button', { type: 'button', class: 'secondary', onclick: () => draw(a.allowed_steps) }, t('common.back')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api(`/appeals/${a.id}/steps`, { method: 'POST', json: stepBody(step, new FormData(form)) });
        rerender(t('case.done', { step: stepName(step) }));
      } catch (err) {
        const allowed = err instanceof ApiError && Array.isArray(err.problem.allowed_steps) ? err.problem.allowed_steps : null;
        if (allowed) { a.allowed_steps = allowed; draw(allowed); }
        status.replaceChildren();
        fill(status, h('p', { class: 'error', id: 'step-error' }, t('case.refused', { detail: err.message })),
          allowed ? h('p', {}, t('case.allowed_now', { steps: allowed.map(stepName).join('、') || t('common.none') })) : null);
        for (const f of err.problem?.errors || []) status.append(h('p', { class: 'error' }, `${f.field}: ${f.message}`));
      }
    });
    box.replaceChildren(h('h2', { id: 'steps-title' }, t('case.steps')), form, status);
    form.querySelector('input, select, textarea')?.focus();
  };
  draw(a.allowed_steps);
  return box;
}

function contactFacts(a, user) {
  if (!a.contact) return h('dd', { id: 'contact' }, t('case.anonymous'));
  const text = h('span', { id: 'contact-text' }, `${a.contact.name} ${a.contact.phone}`);
  const dd = h('dd', { id: 'contact' }, text);
  if (mayReveal(user, a)) {
    dd.append(' ', h('button', { type: 'button', class: 'secondary inline', id: 'reveal', onclick: async (e) => {
      try {
        const full = await api(`/appeals/${a.id}`, { query: { reveal: 'contact' } });
        text.textContent = `${full.contact.name} ${full.contact.phone}`;
        e.target.remove();
      } catch (err) { dd.append(h('span', { class: 'error' }, ' ' + err.message)); }
    } }, t('case.reveal')), h('span', { class: 'note' }, ' ' + t('case.reveal_note')));
  }
  return dd;
}

function answers(a, cats) {
  const cat = cats.find((c) => c.code === a.category.code);
  const entries = Object.entries(a.attributes || {});
  if (!entries.length) return [];
  return [h('dt', {}, t('case.attributes')), h('dd', {}, h('ul', { class: 'plain' }, entries.map(([code, value]) => {
    const attr = cat?.attributes.find((x) => x.code === code);
    const name = (v) => { const known = attr?.values.find((x) => x.key === v); return known ? valueName(known) : v; };
    return h('li', {}, `${attr ? questionText(attr) : code}：${[].concat(value).map(name).join('、')}`);
  })))];
}

// The names of the areas the appeal lies in, street first ([] when unknown).
async function areaNames(loc) {
  const ids = [loc.subdistrict_id, loc.community_id, loc.grid_id].filter((id) => id !== null && id !== undefined);
  const areas = await Promise.all(ids.map((id) => api(`/areas/${id}`).catch(() => null)));
  return areas.filter(Boolean).map((a) => a.name);
}

// Where it is: the address, the areas, then the coordinates as a detail.
function placeFacts(loc, areas) {
  return h('dd', { id: 'case-place' },
    h('p', { id: 'case-address' }, loc.address || t('case.no_address')),
    areas.length ? h('p', { id: 'case-areas' }, areas.join(' · ')) : h('p', { id: 'case-areas', class: 'note' }, t('case.no_areas')),
    loc.lat !== null ? h('p', { class: 'note', id: 'case-coords' }, t('case.coords', { lat: loc.lat.toFixed(5), lon: loc.lon.toFixed(5) })) : null);
}

export async function render(view, params, query, flash = '') {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  const [a, cats, orgs, places] = await Promise.all([
    api(`/appeals/${encodeURIComponent(params.id)}`), categories(),
    allPages('/organisations', {}, 400).catch(() => []),
    communities()]);
  const areas = await areaNames(a.location);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const placeName = new Map(places.map((c) => [c.id, c.name]));
  const assigned = a.assigned_org_id ? orgName.get(a.assigned_org_id) ?? `#${a.assigned_org_id}`
    : a.assigned_area_id ? placeName.get(a.assigned_area_id) ?? `#${a.assigned_area_id}` : t('case.assigned_none');
  const loc = a.location;
  const mapBox = loc.lat !== null ? h('div', { class: 'map small', id: 'case-map', role: 'region', 'aria-label': t('case.map_label') }) : null;
  let map = null;
  const dropMap = () => { map?.remove(); map = null; };
  const rerender = (msg) => { dropMap(); view.replaceChildren(); render(view, params, query, msg); };
  fill(view, h('p', {}, h('a', { href: '#/staff/appeals', class: 'back' }, '‹ ' + t('case.back'))),
    h('h1', {}, t('case.heading', { code: a.tracking_code })),
    flash ? h('p', { class: 'ok', role: 'status', id: 'step-done' }, flash) : null,
    h('section', { class: 'card', 'aria-label': t('case.heading', { code: a.tracking_code }) },
      h('p', { class: 'big' }, stateBadge(a.state, 'case-state'), ' ', urgencyBadge(a.urgency)),
      h('dl', { class: 'facts' },
        h('dt', {}, t('case.category')), h('dd', {}, categoryName(a.category)),
        h('dt', {}, t('case.channel')), h('dd', {}, t('appeal.channel.' + a.channel)),
        h('dt', {}, t('case.description')), h('dd', { class: 'pre' }, a.description),
        answers(a, cats),
        h('dt', {}, t('case.place')), placeFacts(loc, areas),
        h('dt', {}, t('case.contact')), contactFacts(a, user),
        h('dt', {}, t('case.assigned')), h('dd', { id: 'assigned' }, assigned),
        a.due_at ? [h('dt', {}, t('case.due')), h('dd', {}, when(a.due_at))] : null,
        a.photos.length ? [h('dt', {}, t('case.photos')), h('dd', {}, h('ul', { class: 'photos' }, a.photos.map((p, i) =>
          h('li', {}, h('a', { href: p.url, target: '_blank' }, h('img', { src: p.url, alt: t('appeal.photo_alt', { n: i + 1 }) }))))))] : null)),
    mapBox,
    stepsSection(a, { orgs, places }, rerender),
    h('section', { class: 'card', 'aria-labelledby': 'events-title' },
      h('h2', { id: 'events-title' }, t('case.events')), timeline(a.events, 'events', { internal: true })));
  if (mapBox) {
    const label = [loc.address, ...areas].filter(Boolean).join(' · ') || t('case.place');
    map = await drawMap(mapBox, [{ lat: loc.lat, lon: loc.lon, label }]);
    return dropMap;
  }
}
