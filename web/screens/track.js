// #/track and #/track/{code} — anyone follows an appeal by its tracking
// code: status, deadlines, the public replies and timeline (no personal
// data: GET /api/v1/appeals/track/{code}). A signed-in reporter also sees
// their own appeals and, once it is replied, answers the callback (回访:
// contacted? solved? 满意 / 基本满意 / 不满意) when the API allows them to.
import { allPages, api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { when } from '../js/format.js';
import { categoryName, SATISFACTION, stateBadge, stateName, timeline } from '../js/appeals.js';

const CODE = /^[2-9A-HJKMNP-TW-Z]{8}$/;

function codeForm(code) {
  const f = h('form', { id: 'track-form', class: 'card' },
    h('label', { for: 'track-code' }, t('track.code')),
    h('input', { id: 'track-code', name: 'code', value: code || '', required: true, autocomplete: 'off',
      autocapitalize: 'characters', spellcheck: 'false', maxlength: 12, lang: 'en', class: 'code-input' }),
    h('button', { type: 'submit' }, t('track.submit')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/track/' + encodeURIComponent(f.code.value.replace(/[\s-]/g, '').toUpperCase());
  });
  return f;
}

function yesNo(name, legend) {
  return h('fieldset', {}, h('legend', {}, legend),
    ['true', 'false'].map((v) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name, id: `${name}-${v}`, value: v, required: true }),
      h('label', { for: `${name}-${v}` }, t(v === 'true' ? 'callback.yes' : 'callback.no')))));
}

// The callback form for the reporter's own appeal `a` (allowed_steps has it).
function callbackForm(a, onDone) {
  const status = h('p', { role: 'status', id: 'callback-status' });
  const f = h('form', { id: 'callback-form', class: 'card' },
    h('h2', {}, t('callback.heading')), h('p', {}, t('callback.intro')),
    yesNo('contacted', t('callback.contacted')), yesNo('solved', t('callback.solved')),
    h('fieldset', {}, h('legend', {}, t('callback.satisfaction')),
      SATISFACTION.map((s) => h('div', { class: 'choice' },
        h('input', { type: 'radio', name: 'satisfaction', id: 'satisfaction-' + s, value: s, required: true }),
        h('label', { for: 'satisfaction-' + s }, t('satisfaction.' + s))))),
    h('button', { type: 'submit' }, t('callback.submit')), status);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(f);
    try {
      await api(`/appeals/${a.id}/steps`, { method: 'POST', json: {
        step: 'callback', contacted: data.get('contacted') === 'true', solved: data.get('solved') === 'true',
        satisfaction: data.get('satisfaction') } });
      onDone();
    } catch (err) {
      status.className = 'error';
      status.textContent = t('common.error', { detail: err.message });
    }
  });
  return f;
}

async function myAppeals() {
  try { return await allPages('/appeals', { mine: 'true' }, 200); } catch { return []; }
}

function mineList(items) {
  return h('section', { class: 'card', 'aria-labelledby': 'mine-title' },
    h('h2', { id: 'mine-title' }, t('track.mine')),
    items.length ? h('ul', { class: 'result-list', id: 'mine' }, items.map((a) => h('li', { class: 'result' },
      h('a', { class: 'result-name', href: `#/track/${a.tracking_code}` }, `${a.tracking_code} · ${categoryName(a.category)}`),
      h('p', {}, stateBadge(a.state), ' ', h('span', { class: 'note' }, a.description.slice(0, 40))))))
      : h('p', {}, t('track.mine_none')));
}

export async function render(view, params, query) {
  const code = params.code ? params.code.toUpperCase() : '';
  const user = await me();
  view.append(h('h1', {}, t('track.heading')), codeForm(code));
  const mine = user ? await myAppeals() : [];
  if (!code) {
    if (user) view.append(mineList(mine));
    return;
  }
  if (!CODE.test(code)) {
    view.append(h('p', { class: 'error', role: 'alert' }, t('track.bad_code')));
    return;
  }
  let a;
  try {
    a = await api('/appeals/track/' + encodeURIComponent(code));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
      view.append(h('p', { class: 'error', role: 'alert' }, t('track.not_found')));
      return;
    }
    throw e;
  }
  view.append(h('section', { class: 'card', 'aria-labelledby': 'status-title' },
    h('h2', { id: 'status-title' }, t('track.state')),
    h('p', { class: 'big' }, stateBadge(a.state, 'track-state')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('track.category')), h('dd', {}, categoryName(a.category)),
      h('dt', {}, t('case.description')), h('dd', { class: 'pre' }, a.description),
      h('dt', {}, t('track.submitted_at')), h('dd', {}, when(a.submitted_at)),
      a.closed_at ? [h('dt', {}, t('track.closed_at')), h('dd', {}, when(a.closed_at))]
        : [h('dt', {}, t('track.due')), h('dd', {}, when(a.resolution_due))],
      h('dt', {}, t('track.followers')), h('dd', {}, String(a.followers)))));
  if (a.replies.length) {
    view.append(h('section', { class: 'card', 'aria-labelledby': 'replies-title' },
      h('h2', { id: 'replies-title' }, t('track.replies')),
      h('ul', { class: 'replies', id: 'replies' }, a.replies.map((r) => h('li', {},
        h('p', { class: 'tl-head' }, when(r.at), ' · ', h('strong', {}, t('appeal.outcome.' + r.outcome))),
        h('p', { class: 'pre' }, r.text))))));
  }
  // The reporter's own record says whether the callback is theirs to give.
  const own = mine.find((x) => x.tracking_code === a.tracking_code);
  if (own && own.allowed_steps.includes('callback')) {
    view.append(callbackForm(own, () => { view.replaceChildren(); render(view, params, query); }));
  } else if (!user && a.state === 'replied') {
    view.append(h('p', { class: 'note', id: 'callback-sign-in' }, t('callback.sign_in'), ' ',
      h('a', { href: '#/signin?next=' + encodeURIComponent('#/track/' + code) }, t('appeal.sign_in'))));
  }
  if (own?.callback) {
    view.append(h('p', { class: 'ok', id: 'callback-given' }, t('callback.done'), ' ', t('satisfaction.' + own.callback.satisfaction)));
  }
  view.append(h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('track.timeline')), timeline(a.timeline, 'timeline')));
  document.title = `${code} · ${stateName(a.state)} · ${t('app.title')}`;
}
