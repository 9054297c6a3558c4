// nota's search page. All state lives in the URL (parameters named like the CLI's flags), so a
// search can be shared and bookmarked. Text from documents is only ever set with textContent.
'use strict';

const WORDS = {
  nl: {
    search: 'Zoeken', results: 'Naar de resultaten', placeholder: 'eenzaamheid ouderen',
    province: 'Provincie', municipality: 'Gemeente', year: 'Jaar', theme: 'Thema', role: 'Rol',
    doc_type: 'Soort', author: 'Auteur', from: 'van', to: 'tot', apply: 'Toepassen',
    sort: 'Sorteren', relevance: 'relevantie', date: 'datum', collapse: 'Kopieën samenvouwen',
    csv: 'Download CSV', found: (n, a, b) => n === 0 ? 'Geen documenten gevonden.' : `${a}–${b} van ${n} documenten`,
    prev: '← Vorige', next: 'Volgende →', page: 'p.', back: '← Terug naar de resultaten',
    similar: 'Vergelijkbare documenten', shared: 'gedeeld', metadata: 'Kenmerken',
    field: 'Veld', value: 'Waarde', why: 'Waarom', text: 'Tekst', none: '–', error: 'Fout',
    themes: 'thema’s', roles: 'rollen', title: 'Titel', set: 'ingesteld in', lang: 'EN',
    langLabel: 'English', loading: 'Bezig…',
    provinces_from: 'Provincie (van of aan)', mentioned: 'Alleen genoemd', scope: 'Schaal',
    scopes: { provincial: 'provinciaal', municipal: 'gemeentelijk', national: 'landelijk', unknown: 'onbekend' },
    most: (n) => n === 0 ? 'Geen document bevat alle woorden; deze bevatten de meeste.'
      : `Alleen ${n} ${n === 1 ? 'document bevat' : 'documenten bevatten'} alle woorden; deze bevatten de meeste.`,
  },
  en: {
    search: 'Search', results: 'Skip to results', placeholder: 'loneliness elderly',
    province: 'Province', municipality: 'Municipality', year: 'Year', theme: 'Theme', role: 'Role',
    doc_type: 'Type', author: 'Author', from: 'from', to: 'to', apply: 'Apply',
    sort: 'Sort', relevance: 'relevance', date: 'date', collapse: 'Fold copies',
    csv: 'Download CSV', found: (n, a, b) => n === 0 ? 'No documents found.' : `${a}–${b} of ${n} documents`,
    prev: '← Previous', next: 'Next →', page: 'p.', back: '← Back to the results',
    similar: 'Similar documents', shared: 'shared', metadata: 'Metadata',
    field: 'Field', value: 'Value', why: 'Why', text: 'Text', none: '–', error: 'Error',
    themes: 'themes', roles: 'roles', title: 'Title', set: 'set in', lang: 'NL',
    langLabel: 'Nederlands', loading: 'Loading…',
    provinces_from: 'Province (from or to)', mentioned: 'Only mentioned', scope: 'Scope',
    scopes: { provincial: 'provincial', municipal: 'municipal', national: 'national', unknown: 'unknown' },
    most: (n) => n === 0 ? 'No document holds all the words; these hold most of them.'
      : `Only ${n} ${n === 1 ? 'document holds' : 'documents hold'} all the words; these hold most of them.`,
  },
};

// Facets of the API answer → the URL parameter each one filters.
const FACETS = [
  ['province', 'province'], ['municipality', 'municipality'], ['theme', 'theme'],
  ['role', 'role'], ['doc_type', 'type'], ['author', 'author'],
];
const PAGE_STATE = ['lang', 'doc'];

const $ = (id) => document.getElementById(id);
const state = () => new URLSearchParams(location.search);
const lang = () => (state().get('lang') === 'en' ? 'en' : 'nl');
const w = (key) => WORDS[lang()][key];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// The API parameters of a page state: everything but the page's own.
function apiQuery(params) {
  const out = new URLSearchParams(params);
  PAGE_STATE.forEach((k) => out.delete(k));
  return out.toString();
}

function href(params) {
  const s = params.toString();
  return s ? `/?${s}` : '/';
}

function go(params) {
  history.pushState(null, '', href(params));
  render();
}

function link(params, text, attrs = {}) {
  return el('a', { href: href(params), text, ...attrs, onclick: (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go(params);
  } });
}

// Marked parts [[text, marked], …] as text nodes and <mark>s.
function marked(parts) {
  const out = document.createDocumentFragment();
  for (const [text, hit] of parts || []) out.append(hit ? el('mark', { text }) : document.createTextNode(text));
  return out;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function toggle(name, value, on) {
  const params = state();
  const values = params.getAll(name).filter((v) => v.toLowerCase() !== value.toLowerCase());
  params.delete(name);
  values.forEach((v) => params.append(name, v));
  if (on) params.append(name, value);
  params.delete('page');
  go(params);
}

function facetBox(facet, name, counts) {
  const chosen = state().getAll(name).map((v) => v.toLowerCase());
  const box = el('fieldset', { 'data-facet': name }, el('legend', { text: w(facet) }));
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [value, count] of entries.slice(0, 15)) {
    const id = `f-${name}-${value}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const input = el('input', { type: 'checkbox', id, value, checked: chosen.includes(value.toLowerCase()),
      onchange: (e) => toggle(name, value, e.target.checked) });
    box.append(el('label', { for: id }, input, el('span', { text: value }),
      el('span', { class: 'count', text: `(${count})` })));
  }
  // A chosen value with no matches left still shows, so it can be unticked.
  for (const value of state().getAll(name)) {
    if (!entries.some(([v]) => v.toLowerCase() === value.toLowerCase())) {
      const id = `f-${name}-${value}-chosen`.replace(/[^A-Za-z0-9_-]/g, '_');
      box.append(el('label', { for: id },
        el('input', { type: 'checkbox', id, checked: true, onchange: () => toggle(name, value, false) }),
        el('span', { text: value }), el('span', { class: 'count', text: '(0)' })));
    }
  }
  return entries.length || chosen.length ? box : null;
}

function yearBox(counts) {
  const [from, to] = (state().get('year') || '').split('..');
  const single = (state().get('year') || '').includes('..') ? null : state().get('year');
  const fromInput = el('input', { type: 'number', id: 'year-from', 'aria-label': `${w('year')} ${w('from')}`, value: single || from || '' });
  const toInput = el('input', { type: 'number', id: 'year-to', 'aria-label': `${w('year')} ${w('to')}`, value: single || to || '' });
  const years = Object.keys(counts || {}).sort();
  const form = el('form', { class: 'years', onsubmit: (e) => {
    e.preventDefault();
    const params = state();
    const a = fromInput.value.trim(), b = toInput.value.trim();
    if (a || b) params.set('year', a && a === b ? a : `${a}..${b}`); else params.delete('year');
    params.delete('page');
    go(params);
  } }, fromInput, el('span', { text: '–' }), toInput, el('button', { type: 'submit', text: w('apply') }));
  const box = el('fieldset', { 'data-facet': 'year' }, el('legend', { text: w('year') }), form);
  if (years.length) box.append(el('div', { class: 'count', text: years.map((y) => `${y} (${counts[y]})`).join(' · ') }));
  return box;
}

function hitView(hit, params) {
  const open = new URLSearchParams(params);
  open.set('doc', hit.path);
  const meta = [hit.year ?? '?', hit.provinces.join(', '), hit.doc_type, hit.author].filter(Boolean).join(' · ');
  const labels = `${w('themes')}: ${hit.themes.join(', ') || w('none')} · ${w('roles')}: ${hit.roles.join(', ') || w('none')}`;
  const snippet = el('p', { class: 'snippet' });
  if (hit.page) snippet.append(el('span', { class: 'count', text: `${w('page')} ${hit.page}: ` }));
  snippet.append(marked(hit.snippet_parts));
  return el('article', { class: 'hit' },
    el('h2', {}, link(open, hit.title || hit.path, { class: 'hit-title' })),
    el('p', { class: 'meta', text: `${meta} — ${hit.path}` }),
    el('p', { class: 'meta', text: labels }),
    snippet);
}

async function renderSearch(params) {
  const main = $('results'), aside = $('filters');
  main.replaceChildren(el('p', { text: w('loading') }));
  let answer;
  try {
    answer = await api(`/api/search?${apiQuery(params)}`);
  } catch (err) {
    main.replaceChildren(el('p', { class: 'error', role: 'alert', text: `${w('error')}: ${err.message}` }));
    aside.replaceChildren();
    return;
  }
  aside.replaceChildren(...FACETS.map(([facet, name]) => facetBox(facet, name, answer.facets[facet])).filter(Boolean));
  aside.insertBefore(yearBox(answer.facets.year), aside.children[1] || null);

  const sort = el('select', { id: 'sort', 'aria-label': w('sort'), onchange: (e) => {
    const p = state(); p.set('sort', e.target.value); p.delete('page'); go(p);
  } }, ...['relevance', 'date'].map((v) => el('option', { value: v, text: w(v), selected: (params.get('sort') || 'relevance') === v })));
  const collapse = el('label', {}, el('input', { type: 'checkbox', id: 'collapse', checked: params.get('collapse') === '1',
    onchange: (e) => { const p = state(); if (e.target.checked) p.set('collapse', '1'); else p.delete('collapse'); p.delete('page'); go(p); } }),
  el('span', { text: w('collapse') }));
  // Hits marked partial hold most of the words, not all; they come after the rest and are
  // not counted in the total.
  const full = answer.hits.filter((hit) => !hit.partial).length;
  const first = answer.first, last = answer.first + full - 1;
  const bar = el('div', { class: 'bar' },
    el('strong', { id: 'count', 'aria-live': 'polite', text: w('found')(answer.total, first, last) }),
    el('label', {}, el('span', { text: `${w('sort')}: ` }), sort), collapse,
    el('a', { id: 'csv', href: `/api/search.csv?${apiQuery(params)}`, download: 'nota.csv', text: w('csv') }));
  const pager = el('nav', { class: 'pager', 'aria-label': 'pages' });
  const page = Number(params.get('page') || 1);
  if (page > 1) { const p = new URLSearchParams(params); p.set('page', page - 1); pager.append(link(p, w('prev'), { id: 'prev' })); }
  if (last < answer.total) { const p = new URLSearchParams(params); p.set('page', page + 1); pager.append(link(p, w('next'), { id: 'next' })); }
  const views = answer.hits.map((hit) => hitView(hit, params));
  if (full < answer.hits.length) {
    views.splice(full, 0, el('p', { class: 'divider', role: 'separator', id: 'most', text: w('most')(answer.total) }));
  }
  main.replaceChildren(bar, ...views, pager);
}

// The provinces a document names without being from or addressed to them.
function mentionedOnly(doc) {
  return (doc.mentioned_provinces || []).filter((p) => !doc.provinces.includes(p));
}

function evidenceOf(doc, field) {
  if (doc.set && doc.set[field]) return `${w('set')} ${doc.set[field]}`;
  const e = doc.evidence || {};
  switch (field) {
    case 'title': return e.title;
    case 'year': return e.year ? `${e.year.evidence} (${e.year.confidence})` : '';
    case 'provinces': case 'mentioned': {
      const shown = field === 'provinces' ? doc.provinces : mentionedOnly(doc);
      return shown.filter((p) => e.provinces && e.provinces[p]).map((p) => `${p}: ${e.provinces[p].cues.join(', ')}`).join('; ');
    }
    case 'scope': return e.national ? `"${e.national}"` : (e.scope || '');
    case 'themes': case 'roles': return (e[field] || []).map((m) => `${m.name}: ${Object.keys(m.cues).join(', ')}`).join('; ');
    default: return e[field] || '';
  }
}

async function renderDoc(params) {
  const main = $('results'), aside = $('filters');
  const path = params.get('doc');
  const back = new URLSearchParams(params); back.delete('doc');
  main.replaceChildren(el('p', { text: w('loading') }));
  aside.replaceChildren();
  let doc;
  try {
    doc = await api(`/api/doc?${new URLSearchParams({ path, q: params.get('q') || '' })}`);
  } catch (err) {
    main.replaceChildren(link(back, w('back')), el('p', { class: 'error', role: 'alert', text: `${w('error')}: ${err.message}` }));
    return;
  }
  const rows = [['title', doc.title], ['year', doc.year], ['provinces', doc.provinces.join(', ')],
    ['mentioned', mentionedOnly(doc).join(', ')], ['scope', w('scopes')[doc.scope] || doc.scope],
    ['municipality', doc.municipalities.join(', ')], ['themes', doc.themes.join(', ')], ['roles', doc.roles.join(', ')],
    ['doc_type', doc.doc_type], ['author', doc.author]];
  const table = el('table', { class: 'evidence' },
    el('thead', {}, el('tr', {}, el('th', { text: w('field') }), el('th', { text: w('value') }), el('th', { text: w('why') }))),
    el('tbody', {}, ...rows.map(([field, value]) => el('tr', {},
      el('th', { text: w(field === 'provinces' ? 'provinces_from' : field === 'themes' ? 'theme' : field === 'roles' ? 'role' : field) }),
      el('td', { text: value === null || value === undefined || value === '' ? w('none') : String(value) }),
      el('td', { class: 'why', text: evidenceOf(doc, field) || '' })))));
  const similar = el('section', { class: 'similar', 'aria-labelledby': 'similar-h' }, el('h2', { id: 'similar-h', text: w('similar') }));
  main.replaceChildren(link(back, w('back'), { id: 'back' }),
    el('h1', { id: 'doc-title', text: doc.title }),
    el('p', { class: 'meta', text: doc.path }),
    el('h2', { text: w('metadata') }), table, similar,
    el('h2', { text: w('text') }), el('div', { class: 'doc-body', id: 'doc-body' }, marked(doc.body_parts)));
  try {
    const found = await api(`/api/similar?${new URLSearchParams({ path, limit: 5 })}`);
    const list = el('ol', { id: 'similar-list' });
    for (const s of found.hits) {
      const p = new URLSearchParams(params); p.set('doc', s.path);
      list.append(el('li', {}, link(p, s.title || s.path, { class: 'similar-link' }),
        el('span', { class: 'count', text: ` ${s.year ?? ''} · ${w('shared')}: ${s.why.terms.slice(0, 5).join(', ')}` })));
    }
    similar.append(list);
  } catch (err) {
    similar.append(el('p', { class: 'error', text: err.message }));
  }
}

function renderChrome() {
  document.documentElement.lang = lang();
  $('q').value = state().get('q') || '';
  $('q').placeholder = w('placeholder');
  $('go').textContent = w('search');
  $('q-label').textContent = w('search');
  $('skip').textContent = w('results');
  $('lang').textContent = w('lang');
  $('lang').setAttribute('aria-label', w('langLabel'));
  const home = new URLSearchParams(); if (lang() === 'en') home.set('lang', 'en');
  $('home').setAttribute('href', href(home));
}

function render() {
  renderChrome();
  const params = state();
  return params.get('doc') ? renderDoc(params) : renderSearch(params);
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (e) => {
    e.preventDefault();
    const params = state();
    const q = $('q').value.trim();
    if (q) params.set('q', q); else params.delete('q');
    params.delete('page');
    params.delete('doc');
    go(params);
  });
  $('lang').addEventListener('click', () => {
    const params = state();
    if (lang() === 'en') params.delete('lang'); else params.set('lang', 'en');
    go(params);
  });
  window.addEventListener('popstate', render);
  render();
});
