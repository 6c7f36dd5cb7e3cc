// #/my-children — a guardian's after-school care on the phone (社区四点半课堂,
// docs/afterschool.md "Screens"): GET /my-children → each child with today
// first (per programme: 未到 / 在这里 since HH:MM / 已回家 with whom, and the
// late alert large), their details, enrolments (报名: the programmes of
// GET /afterschool-programmes with the places left and the programme's
// consent box), a one-off proxy for today (confirmed at once, made in the
// app) and the proxies the staff recorded at the door waiting for a
// guardian (确认); 添加孩子 (js/afterschool_child_form.js, the children's
// privacy notice and its own consent); the child's photo, added, changed or
// removed (js/afterschool_child_photo.js); the pickup adults and their codes
// (js/afterschool_adults.js). Signed out: sign in and back; staff: the desk.
// Elder mode: the app's large targets. Data only as text.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { formErrors } from '../js/care_form.js';
import { oneAtATime } from '../js/job_post_view.js';
import { districtDay, LIMITS, proxyBody } from '../js/afterschool_model.js';
import { checkMessages, dayLines, fieldErrors, programmeLine, refusalText, stateBadge } from '../js/afterschool_words.js';
import { childForm } from '../js/afterschool_child_form.js';
import { adultsSection } from '../js/afterschool_adults.js';
import { childPhotoBox } from '../js/afterschool_child_photo.js';

const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

// Today per programme, named by the answer's programme_name.
function todayBox(c) {
  const days = c.today || [];
  if (!days.length) return h('p', { class: 'note kids-today-none' }, t('kids.today_none'));
  return h('ul', { class: 'plain kids-today' }, days.map((d) => h('li', { class: 'kids-day', dataset: { programme: d.programme_id, state: d.state } },
    d.late_alert ? h('p', { class: 'error big kids-late', role: 'alert', id: `kids-late-${c.id}-${d.programme_id}` }, '⚠ ', t('kids.late_alert', { name: c.name })) : null,
    h('p', { class: 'big kids-day-name' }, d.programme_name || t('kids.programme_of', { id: d.programme_id }), ' ',
      stateBadge(d.state, `kids-state-${c.id}-${d.programme_id}`)),
    dayLines(d))));
}

// 报名: a programme with places, the consent, POST /children/{id}/enrolments.
function enrolForm(c, programmes, done) {
  const taken = new Set((c.enrolments || []).filter((e) => e.status === 'active').map((e) => e.programme_id));
  const open = [...programmes.values()].filter((p) => !taken.has(p.id));
  const pick = h('select', { id: `kids-enrol-pick-${c.id}` }, open.map((p) => h('option', { value: String(p.id), disabled: p.places_left <= 0 },
    `${p.name} · ${p.places_left > 0 ? t('kids.places_left', { n: p.places_left }) : t('kids.places_none')}`)));
  const consent = h('input', { type: 'checkbox', id: `kids-enrol-consent-${c.id}` });
  const summary = h('div', { tabindex: '-1', id: `kids-enrol-errors-${c.id}` });
  const line = h('p', { class: 'note', id: `kids-enrol-line-${c.id}` });
  const showLine = () => { const p = programmes.get(Number(pick.value)); line.textContent = p ? programmeLine(p) : ''; };
  pick.addEventListener('change', showLine);
  showLine();
  const form = h('form', { class: 'card kids-enrol', id: `kids-enrol-${c.id}`, novalidate: true },
    h('h4', {}, t('kids.enrol_heading', { name: c.name })),
    open.length ? [h('div', { class: 'field', dataset: { for: 'programme_id' } }, h('label', { for: pick.id }, t('kids.enrol_pick')), pick, line),
      h('div', { class: 'field', dataset: { for: 'consent' } }, h('div', { class: 'choice as-consent' }, consent,
        h('label', { for: consent.id }, t('kids.enrol_consent')))),
      summary, h('p', {}, h('button', { type: 'submit', id: `kids-enrol-save-${c.id}` }, t('kids.enrol_save')))]
      : h('p', { class: 'note' }, t('kids.enrol_none')));
  const errors = formErrors(form, summary, `kids-enrol-${c.id}`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      if (!consent.checked) { errors.show([{ field: 'consent', message: t('as.check.consent_needed') }], t('kids.not_saved')); return; }
      try {
        await api(`/children/${c.id}/enrolments`, { method: 'POST', json: { programme_id: Number(pick.value), consent: true } });
        await done(t('kids.enrolled', { name: c.name, programme: programmes.get(Number(pick.value))?.name || '' }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'kids'), t('kids.not_saved'));
        else errors.show([], refusalText(err, 'kids'));
      }
    });
  });
  return form;
}

// A one-off proxy for today, made in the app (confirmed at once).
function proxyForm(c, done) {
  const el = { name: h('input', { type: 'text', maxlength: LIMITS.adult_name, autocomplete: 'off' }),
    phone: h('input', { type: 'tel', maxlength: 20, autocomplete: 'off' }),
    relation: h('input', { type: 'text', maxlength: LIMITS.relation, autocomplete: 'off' }) };
  const field = (k) => {
    el[k].id = `kids-proxy-${k}-${c.id}`;
    return h('div', { class: 'field', dataset: { for: k } }, h('label', { for: el[k].id }, t('kids.proxy.' + k)), el[k]);
  };
  const summary = h('div', { tabindex: '-1', id: `kids-proxy-errors-${c.id}` });
  const form = h('form', { class: 'card kids-proxy', id: `kids-proxy-${c.id}`, novalidate: true },
    h('h4', {}, t('kids.proxy_heading', { name: c.name })), h('p', { class: 'note' }, t('kids.proxy_note')),
    field('name'), field('phone'), field('relation'), summary,
    h('p', {}, h('button', { type: 'submit', id: `kids-proxy-save-${c.id}` }, t('kids.proxy_save'))));
  const errors = formErrors(form, summary, `kids-proxy-${c.id}`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const { body, errors: before } = proxyBody({ name: el.name.value, phone: el.phone.value, relation: el.relation.value });
      if (before.length) { errors.show(checkMessages(before), t('kids.not_saved')); return; }
      try {
        const made = await api(`/children/${c.id}/proxies`, { method: 'POST', json: body });
        await done(t('kids.proxy_made', { name: c.name, who: made.name || body.name }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'kids'), t('kids.not_saved'));
        else errors.show([], refusalText(err, 'kids'));
      }
    });
  });
  return form;
}

// The proxies of today the staff recorded, waiting for a guardian; and those confirmed.
function proxiesBox(c, done) {
  const list = c.proxies || [];
  if (!list.length) return null;
  return h('ul', { class: 'plain kids-proxies' }, list.map((p) => {
    const li = h('li', { class: 'kids-proxy-item', dataset: { id: p.id, confirmed: String(Boolean(p.confirmed)) } },
      h('p', {}, t('kids.proxy_line', { name: p.name, phone: p.phone || '', relation: p.relation || '' }), ' ',
        h('span', { class: `badge${p.confirmed ? '' : ' as-flag'}` }, p.used_at ? t('asdesk.proxy_used') : p.confirmed ? t('kids.proxy_confirmed') : t('kids.proxy_waiting'))));
    if (!p.confirmed && !p.used_at) {
      const yes = h('button', { type: 'button', id: `kids-proxy-confirm-${p.id}` }, t('kids.proxy_confirm', { name: p.name }));
      yes.addEventListener('click', () => oneAtATime(li, async () => {
        try {
          await api(`/pickup-proxies/${p.id}/confirm`, { method: 'POST', json: {} });
          await done(t('kids.proxy_confirmed_now', { name: p.name, child: c.name }));
        } catch (err) { li.append(h('p', { class: 'error' }, refusalText(err, 'kids'))); }
      }, [yes]));
      li.append(h('p', { class: 'error' }, t('kids.proxy_check', { name: p.name })), h('p', {}, yes));
    }
    return li;
  }));
}

function childCard(c, programmes, redraw) {
  const actions = h('div', { class: 'kids-actions' });
  const toggle = (id, make) => {
    const b = h('button', { type: 'button', class: 'secondary', id, 'aria-expanded': 'false' });
    b.addEventListener('click', () => {
      const shown = actions.dataset.open === id;
      actions.replaceChildren();
      delete actions.dataset.open;
      for (const x of buttons.querySelectorAll('button')) x.setAttribute('aria-expanded', 'false');
      if (shown) return;
      actions.dataset.open = id;
      b.setAttribute('aria-expanded', 'true');
      actions.append(make());
      actions.querySelector('select, input, button')?.focus();
    });
    return b;
  };
  const enrol = toggle(`kids-enrol-open-${c.id}`, () => enrolForm(c, programmes, redraw));
  enrol.textContent = t('kids.enrol');
  const proxy = toggle(`kids-proxy-open-${c.id}`, () => proxyForm(c, redraw));
  proxy.textContent = t('kids.proxy');
  const buttons = h('p', { class: 'buttons' }, enrol, ' ', proxy);
  const enrolments = (c.enrolments || []).filter((e) => e.status === 'active');
  return h('li', { class: 'card kids-child', id: `kids-child-${c.id}`, dataset: { id: c.id } },
    h('h2', { class: 'kids-child-name' }, c.name),
    todayBox(c), proxiesBox(c, redraw), childPhotoBox(c, redraw),
    h('p', {}, [c.school, c.grade, c.age !== undefined && c.age !== null ? t('kids.age', { n: c.age }) : ''].filter(Boolean).join(' · ')),
    c.health_notes ? h('p', { class: 'note' }, t('kids.health_of', { notes: c.health_notes })) : null,
    h('p', { class: 'note' }, t('kids.enrolled_in'), ' ',
      enrolments.length ? enrolments.map((e) => programmes.get(e.programme_id)?.name || e.programme_name || t('kids.programme_of', { id: e.programme_id })).join('、') : t('kids.enrolled_none')),
    h('p', { class: 'note' }, t('kids.guardians'), ' ', (c.guardians || []).map((g) => `${g.display_name || ''}（${g.relation || ''}）`).join('、')),
    c.late_pickups_this_month ? h('p', { class: 'note' }, t('kids.late_month', { n: c.late_pickups_this_month })) : null,
    buttons, actions);
}

export async function render(view, params, query) {
  view.classList.add('kids');
  view.append(h('h1', {}, t('kids.heading')), h('p', {}, t('kids.intro')));
  const user = await me().catch(() => null);
  if (!user) {
    view.append(h('p', {}, t('kids.sign_in_why')),
      h('p', {}, h('a', { class: 'button', id: 'kids-signin', href: '#/signin?next=' + encodeURIComponent('#/my-children') }, t('kids.sign_in'))));
    view.dataset.ready = '1';
    return;
  }
  if (user.role !== 'resident') {
    view.append(h('p', { class: 'note', id: 'kids-staff' }, t('kids.staff_note')),
      h('p', {}, h('a', { class: 'button', href: '#/afterschool-desk', id: 'kids-to-desk' }, t('asdesk.heading'))));
    view.dataset.ready = '1';
    return;
  }
  const status = h('p', { role: 'status', id: 'kids-status', tabindex: '-1' });
  const list = h('ul', { class: 'plain kids-children', id: 'kids-children' });
  const addBox = h('div', { id: 'kids-child-box' });
  const adultsBox = h('div', { id: 'kids-adults-box' });
  const add = h('button', { type: 'button', id: 'kids-child-add' }, t('kids.add_child'));
  const draw = async (message = '') => {
    const [mine, listed] = await Promise.all([api('/my-children'), api('/afterschool-programmes').catch(() => ({ items: [] }))]);
    const programmes = new Map(itemsOf(listed).map((p) => [p.id, p]));
    const children = itemsOf(mine);
    // Each child's proxies (GET /children/{id}/proxies): those of today, the
    // ones staff recorded at the door waiting for a guardian among them.
    await Promise.all(children.map(async (c) => {
      const items = await api(`/children/${c.id}/proxies`).then(itemsOf).catch(() => []);
      c.proxies = items.filter((p) => !p.date || p.date === districtDay());
    }));
    list.replaceChildren(...(children.length ? children.map((c) => childCard(c, programmes, draw))
      : [h('li', { class: 'note', id: 'kids-none' }, t('kids.none'))]));
    adultsBox.replaceChildren(await adultsSection(children.map((c) => ({ id: c.id, name: c.name }))));
    status.textContent = message;
    if (message) status.focus();
  };
  add.addEventListener('click', () => {
    addBox.replaceChildren(childForm(async (child) => {
      addBox.replaceChildren();
      await draw(t('kids.child_added', { name: child.name }));
    }, () => { addBox.replaceChildren(); add.focus(); }));
    addBox.querySelector('h2').focus();
  });
  view.append(status, list, h('p', {}, add), addBox, adultsBox);
  try {
    await draw();
  } catch (err) {
    list.replaceChildren(h('li', { class: 'error', role: 'alert', id: 'kids-problem' }, refusalText(err, 'kids')));
  }
  view.dataset.ready = '1';
}
