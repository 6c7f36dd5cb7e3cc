// 找工作: the published job posts of the district's human-resources bureau
// and trade union (issue 18), newest first, searched by words (1-, 2- and
// 3-character Chinese terms), area (a community or a whole sub-district),
// lowest monthly pay and when published (this week / month / any time).
// The search lives in the hash (#/jobs?q=保洁&area=3&pay=3000&since=week,
// js/jobs_model.js) so back from a post returns to the same results; 查找
// pushes a new entry without re-rendering, 更多 appends the next page.
// Cards are text only (dom.js h()): titles and employers are data.
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { apiQuery, checkFilters, cleanQ, filtersOf, hashOf, MAX_Q, payText, problemText } from '../js/jobs_model.js';

async function communities() {
  try { return (await api('/areas/communities')).items; } catch { return []; }
}

function radio(name, value, checked, label) {
  const id = `${name}-${value}`;
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }), h('label', { for: id }, label));
}

// The area select: each sub-district as a whole, then its communities.
function areaSelect(list, chosen) {
  const groups = new Map();
  for (const c of list) {
    const key = c.subdistrict_id ?? '';
    if (!groups.has(key)) groups.set(key, { name: c.subdistrict || '', items: [] });
    groups.get(key).items.push(c);
  }
  return h('select', { id: 'jobs-area', name: 'area' },
    h('option', { value: '' }, t('jobs.area_all')),
    [...groups].map(([id, g]) => h('optgroup', { label: g.name || t('jobs.area_other') },
      id !== '' && h('option', { value: id, selected: String(id) === chosen }, t('jobs.area_whole', { name: g.name })),
      g.items.map((c) => h('option', { value: c.id, selected: String(c.id) === chosen }, c.name)))));
}

function form(filters, list, onSearch) {
  const errorOf = (field) => h('p', { class: 'error', id: `jobs-${field}-error`, hidden: true });
  const qError = errorOf('q');
  const payError = errorOf('pay');
  const f = h('form', { id: 'jobs-form', class: 'card', role: 'search', novalidate: true },
    h('label', { for: 'jobs-q' }, t('jobs.q')),
    h('input', { type: 'search', id: 'jobs-q', name: 'q', value: filters.q, maxlength: MAX_Q * 2,
      placeholder: t('jobs.q_placeholder'), autocomplete: 'off', 'aria-describedby': 'jobs-q-error' }),
    qError,
    h('label', { for: 'jobs-area' }, t('jobs.area')),
    areaSelect(list, filters.area),
    h('label', { for: 'jobs-pay' }, t('jobs.pay_min')),
    h('input', { type: 'text', id: 'jobs-pay', name: 'pay', value: filters.pay, inputmode: 'numeric',
      placeholder: t('jobs.pay_placeholder'), autocomplete: 'off', 'aria-describedby': 'jobs-pay-error' }),
    payError,
    h('fieldset', { id: 'jobs-since' }, h('legend', {}, t('jobs.since')),
      ['week', 'month', 'all'].map((s) => radio('since', s, filters.since === s, t('jobs.since_' + s)))),
    h('button', { type: 'submit' }, t('jobs.search')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(f);
    const values = { q: data.get('q'), area: data.get('area'), pay: String(data.get('pay') || '').trim(), since: data.get('since') };
    const errors = checkFilters(values);
    for (const [field, box] of [['q', qError], ['pay', payError]]) {
      const bad = errors.find((x) => x.field === field);
      box.hidden = !bad;
      box.textContent = bad ? t(bad.key, { n: MAX_Q }) : '';
      f.elements[field].toggleAttribute('aria-invalid', Boolean(bad));
    }
    if (errors.length) { f.elements[errors[0].field].focus(); return; }
    onSearch({ ...values, q: cleanQ(values.q) });
  });
  return f;
}

function card(job) {
  return h('li', { class: 'job-card card' },
    h('h3', {}, h('a', { href: `#/jobs/${job.id}`, class: 'job-title' }, job.title)),
    h('p', { class: 'job-employer' }, job.employer?.name),
    h('p', { class: 'job-pay big' }, payText(job.pay_min_fen, job.pay_max_fen)),
    h('dl', { class: 'job-facts' },
      h('dt', {}, t('jobs.place')), h('dd', {}, job.place, job.area && ` (${job.area.name})`),
      h('dt', {}, t('jobs.headcount')), h('dd', {}, t('jobs.headcount_n', { n: job.headcount })),
      h('dt', {}, t('jobs.valid_until')), h('dd', {}, job.valid_until)));
}

// What to try when nothing matched: the filters that are on, each to drop.
function empty(filters) {
  const tips = [];
  if (filters.q) tips.push(t('jobs.empty_q', { q: filters.q }));
  if (filters.area) tips.push(t('jobs.empty_area'));
  if (filters.pay) tips.push(t('jobs.empty_pay'));
  if (filters.since !== 'all') tips.push(t('jobs.empty_since'));
  return [h('p', { role: 'status', id: 'jobs-empty', class: 'big' }, t('jobs.empty')),
    tips.length ? h('ul', { class: 'plain' }, tips.map((x) => h('li', {}, x))) : h('p', {}, t('jobs.empty_none')),
    (filters.q || filters.area || filters.pay || filters.since !== 'all') &&
      h('a', { class: 'button secondary', href: '#/jobs', id: 'jobs-clear' }, t('jobs.clear'))];
}

export async function render(view, params, query) {
  const list = await communities();
  const results = h('section', { class: 'results', 'aria-labelledby': 'jobs-results-title' });
  let searchId = 0;
  view.classList.add('jobs');
  view.append(h('h1', {}, t('jobs.heading')),
    h('p', { class: 'free-note', id: 'jobs-free' }, t('jobs.free_note')));

  const show = async (filters, moved) => {
    const id = ++searchId;
    results.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await api('/jobs', { query: apiQuery(filters) });
    } catch (e) {
      if (id !== searchId) return;
      results.removeAttribute('aria-busy');
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
      return;
    }
    if (id !== searchId) return;
    results.removeAttribute('aria-busy');
    const heading = h('h2', { id: 'jobs-results-title', tabindex: '-1' }, t('jobs.results'));
    if (!page.items.length) {
      results.replaceChildren(heading, ...empty(filters));
    } else {
      const ol = h('ol', { class: 'job-list', id: 'jobs-list' }, page.items.map(card));
      const count = h('p', { role: 'status', id: 'jobs-count' });
      const setCount = () => { count.textContent = t('jobs.count', { n: ol.children.length }); };
      setCount();
      const moreBox = h('div', { id: 'jobs-more-box' });
      const more = (cursor) => {
        if (!cursor) { moreBox.replaceChildren(); return; }
        const button = h('button', { type: 'button', class: 'secondary', id: 'jobs-more' }, t('jobs.more'));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            const next = await api('/jobs', { query: apiQuery(filters, { cursor }) });
            if (id !== searchId) return;
            const first = next.items.length ? card(next.items[0]) : null;
            ol.append(...(first ? [first] : []), ...next.items.slice(1).map(card));
            setCount();
            more(next.next_cursor);
            first?.querySelector('a').focus();
          } catch (e) {
            button.disabled = false;
            moreBox.replaceChildren(button, h('p', { class: 'error', role: 'alert' }, problemText(e)));
          }
        });
        moreBox.replaceChildren(button);
      };
      more(page.next_cursor);
      results.replaceChildren(heading, count, ol, moreBox);
    }
    if (moved) heading.focus();
  };

  const search = (filters) => {
    history.pushState(null, '', hashOf(filters));
    return show(filters, true);
  };
  const filters = filtersOf(query);
  view.append(form(filters, list, search), results);
  await show(filters, false);
  return () => { searchId += 1; };
}
