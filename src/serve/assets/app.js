// nota's search page. All state lives in the URL (parameters named like the CLI's flags), so a
// search can be shared and bookmarked. Text from documents is only ever set with textContent or
// as text nodes: Markdown is rendered by building elements, never by parsing HTML.
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
    langLabel: 'English', loading: 'Bezig…', file: 'Bestand',
    provinces_from: 'Provincie (van of aan)', mentioned: 'Alleen genoemd', scope: 'Schaal',
    scopes: { provincial: 'provinciaal', municipal: 'gemeentelijk', national: 'landelijk', unknown: 'onbekend' },
    most: (n) => n === 0 ? 'Geen document bevat alle woorden; deze bevatten de meeste.'
      : `Alleen ${n} ${n === 1 ? 'document bevat' : 'documenten bevatten'} alle woorden; deze bevatten de meeste.`,
    filters: (n) => n ? `Filters (${n})` : 'Filters', clearAll: 'Wis alle filters', remove: 'verwijder',
    more: (n) => `Meer tonen (${n})`, less: 'Minder tonen', filterBox: (f) => `Zoek in ${f.toLowerCase()}`,
    didYouMean: 'Bedoelde u', docs: (n) => `${n} ${n === 1 ? 'document' : 'documenten'}`,
    tryWithout: 'Probeer het zonder', without: (what) => `zonder ${what}`, yearBar: (y, n) => `${y}: ${n} ${n === 1 ? 'document' : 'documenten'}`,
    nextMark: 'Volgende treffer ↓', prevMark: 'Vorige treffer ↑', markOf: (i, n) => `treffer ${i} van ${n}`,
    activeFilters: 'Actieve filters', pages: 'Pagina’s', resultsLabel: 'Resultaten',
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
    langLabel: 'Nederlands', loading: 'Loading…', file: 'File',
    provinces_from: 'Province (from or to)', mentioned: 'Only mentioned', scope: 'Scope',
    scopes: { provincial: 'provincial', municipal: 'municipal', national: 'national', unknown: 'unknown' },
    most: (n) => n === 0 ? 'No document holds all the words; these hold most of them.'
      : `Only ${n} ${n === 1 ? 'document holds' : 'documents hold'} all the words; these hold most of them.`,
    filters: (n) => n ? `Filters (${n})` : 'Filters', clearAll: 'Clear all filters', remove: 'remove',
    more: (n) => `Show more (${n})`, less: 'Show less', filterBox: (f) => `Search ${f.toLowerCase()}`,
    didYouMean: 'Did you mean', docs: (n) => `${n} ${n === 1 ? 'document' : 'documents'}`,
    tryWithout: 'Try without', without: (what) => `without ${what}`, yearBar: (y, n) => `${y}: ${n} ${n === 1 ? 'document' : 'documents'}`,
    nextMark: 'Next match ↓', prevMark: 'Previous match ↑', markOf: (i, n) => `match ${i} of ${n}`,
    activeFilters: 'Active filters', pages: 'Pages', resultsLabel: 'Results',
  },
};

// The evidence nota gives is written in English; on the Dutch page its phrases are put in Dutch.
const EVIDENCE_NL = [
  [/\bwriting date\b/g, 'datum van schrijven'], [/\bdate at the top\b/g, 'datum bovenaan'],
  [/\bdate at the end\b/g, 'datum aan het eind'], [/\blatest date in the text\b/g, 'laatste datum in de tekst'],
  [/\bonly dates of other kinds; the earliest,/g, 'alleen andere datums; de vroegste,'],
  [/\bwritten the year before\b/g, 'geschreven in het jaar vóór'], [/\bpassed over\b/g, 'overgeslagen'],
  [/\ba place-and-date line\b/g, 'plaats en datum'], [/\ba date label\b/g, 'datumveld'],
  [/\ban adoption or signature\b/g, 'vaststelling of ondertekening'], [/\ba cited document's date\b/g, 'datum van een aangehaald stuk'],
  [/\ba deadline or period\b/g, 'termijn of periode'], [/\ba validity date\b/g, 'datum van inwerkingtreding of geldigheid'],
  [/\ban earlier event\b/g, 'eerdere gebeurtenis'], [/\bsomething still to come\b/g, 'iets wat nog komt'],
  [/\bthe start of a period\b/g, 'begin van een periode'], [/\byears after every other date, passed over as suspect\b/g, 'jaren na alle andere datums, als verdacht overgeslagen'],
  [/\(high\)/g, '(zeker)'], [/\(medium\)/g, '(waarschijnlijk)'], [/\(low\)/g, '(onzeker)'],
  [/\bmemo header\b/g, 'memokop'], [/\bheader\b/g, 'kop'], [/\bsignature\b/g, 'ondertekening'],
  [/\bthe citation title\b/g, 'de citeertitel'], [/\bthe word\b/g, 'het woord'], [/\bat the top\b/g, 'bovenaan'],
  [/\bin the opening\b/g, 'in de opening'], [/\bthe college speaks\b/g, 'het college spreekt'],
  [/\bthe province speaks\b/g, 'de provincie spreekt'], [/\ba headline announcing the\b/g, 'een kop die aankondigt:'],
  [/\bno kind named; written about a body\b/g, 'geen soort genoemd; geschreven over een bestuur'],
  [/\ba provincial\b/g, 'een provinciale'], [/\ba municipal\b/g, 'een gemeentelijke'], [/\ba national\b/g, 'een landelijke'],
  [/\bcreation date \(the text names no year\)/g, 'aanmaakdatum (de tekst noemt geen jaar)'],
  [/\bfirst line\b/g, 'eerste regel'], [/\bfile name\b/g, 'bestandsnaam'], [/\bfile properties\b/g, 'bestandseigenschappen'],
  [/\bfrom\b/g, 'uit'], [/\bthe\b/g, 'de'],
];

// Facets of the API answer → the URL parameter each one filters.
const FACETS = [
  ['province', 'province'], ['municipality', 'municipality'], ['theme', 'theme'],
  ['role', 'role'], ['doc_type', 'type'], ['author', 'author'],
];
const FILTER_PARAMS = ['province', 'municipality', 'year', 'theme', 'role', 'type', 'author'];
const PAGE_STATE = ['lang', 'doc'];
// Values a facet shows before "Meer tonen".
const SHOWN = 8;
// Longest title shown whole in a hit, in characters.
const TITLE_CHARS = 140;

const $ = (id) => document.getElementById(id);
const state = () => new URLSearchParams(location.search);
const lang = () => (state().get('lang') === 'en' ? 'en' : 'nl');
const w = (key) => WORDS[lang()][key];
// Facets opened with "Meer tonen", for this page's life.
const opened = new Set();

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

// Goes to the page state `params`. A new page of results or a document opens at its top; a
// changed filter keeps the place and gives the focus back to the control that changed it.
function go(params) {
  const before = state();
  const focused = document.activeElement && document.activeElement.id;
  history.pushState(null, '', href(params));
  const moved = before.get('page') !== params.get('page') || before.get('doc') !== params.get('doc');
  render().then(() => {
    if (restoring) return;
    const again = focused && $(focused);
    if (moved || !again) window.scrollTo(0, 0);
    else again.focus({ preventScroll: true });
  });
}

// Answers can come back out of order; only the newest render may fill the page.
let renders = 0;

// A link to a page state, followed without reloading; `onfollow` runs first.
function link(params, text, { onfollow, ...attrs } = {}) {
  return el('a', { href: href(params), text, ...attrs, onclick: (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (onfollow) onfollow();
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

function without(params, name, value) {
  const out = new URLSearchParams(params);
  const values = out.getAll(name).filter((v) => value === undefined || v.toLowerCase() !== value.toLowerCase());
  out.delete(name);
  values.forEach((v) => out.append(name, v));
  out.delete('page');
  return out;
}

function toggle(name, value, on) {
  const params = without(state(), name, value);
  if (on) params.append(name, value);
  go(params);
}

function activeCount(params) {
  return FILTER_PARAMS.reduce((n, name) => n + params.getAll(name).length, 0);
}

// A stable, unique element id for a facet value: characters other than letters, digits and -
// are spelled as their code point ("’s-Hertogenbosch" and "'s-Hertogenbosch" differ).
function idFor(name, value) {
  return `f-${name}-${[...value].map((c) => (/[A-Za-z0-9-]/.test(c) ? c : `_${c.codePointAt(0).toString(16)}_`)).join('')}`;
}

function facetBox(facet, name, counts) {
  const chosen = state().getAll(name);
  const isChosen = (v) => chosen.some((c) => c.toLowerCase() === v.toLowerCase());
  const legend = w(facet);
  const box = el('fieldset', { 'data-facet': name }, el('legend', { text: legend }));
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // A chosen value with no matches left still shows, so it can be unticked.
  for (const value of chosen) if (!entries.some(([v]) => v.toLowerCase() === value.toLowerCase())) entries.push([value, 0]);
  const open = opened.has(name);
  const list = el('div', { class: 'values', id: `values-${name}` });
  entries.forEach(([value, count], i) => {
    const id = idFor(name, value);
    const input = el('input', { type: 'checkbox', id, value, checked: isChosen(value),
      onchange: (e) => toggle(name, value, e.target.checked) });
    const hidden = !open && i >= SHOWN && !isChosen(value);
    list.append(el('label', { for: id, class: hidden ? 'value hidden' : 'value', 'data-value': value.toLowerCase() }, input,
      el('span', { class: 'name', text: value }), el('span', { class: 'count', text: `(${count})` })));
  });
  if (open && entries.length > SHOWN) {
    const filter = el('input', { type: 'search', class: 'facet-filter', 'aria-label': w('filterBox')(legend),
      placeholder: w('filterBox')(legend), oninput: (e) => {
        const needle = e.target.value.trim().toLowerCase();
        for (const label of list.children) label.classList.toggle('hidden', needle !== '' && !label.dataset.value.includes(needle));
      } });
    box.append(filter);
  }
  box.append(list);
  if (entries.length > SHOWN && (open || list.querySelector('label.hidden'))) {
    box.append(el('button', { type: 'button', class: 'more', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': list.id,
      text: open ? w('less') : w('more')(list.querySelectorAll('label.hidden').length), onclick: () => {
        if (open) opened.delete(name); else opened.add(name);
        const again = facetBox(facet, name, counts);
        box.replaceWith(again);
        const focus = again.querySelector(open ? 'button.more' : '.facet-filter');
        if (focus) focus.focus();
      } }));
  }
  return entries.length ? box : null;
}

// The years present as a bar chart: a bar per year, clicked to filter on that year (clicked
// again to drop it), and a from–to form for ranges.
function yearBox(counts) {
  const current = state().get('year') || '';
  const [from, to] = current.split('..');
  const single = current.includes('..') ? null : current;
  const fromInput = el('input', { type: 'number', id: 'year-from', 'aria-label': `${w('year')} ${w('from')}`, value: single || from || '' });
  const toInput = el('input', { type: 'number', id: 'year-to', 'aria-label': `${w('year')} ${w('to')}`, value: single || to || '' });
  const years = Object.keys(counts || {}).filter((y) => /^\d{4}$/.test(y)).sort();
  const form = el('form', { class: 'years', onsubmit: (e) => {
    e.preventDefault();
    const params = without(state(), 'year');
    const a = fromInput.value.trim(), b = toInput.value.trim();
    if (a || b) params.set('year', a && a === b ? a : `${a}..${b}`);
    go(params);
  } }, fromInput, el('span', { text: '–' }), toInput, el('button', { type: 'submit', text: w('apply') }));
  const box = el('fieldset', { 'data-facet': 'year' }, el('legend', { text: w('year') }));
  if (years.length) {
    const most = Math.max(...years.map((y) => counts[y]));
    const inRange = (y) => {
      if (!current) return false;
      const n = Number(y);
      return (from === '' || n >= Number(from)) && ((to ?? from) === '' || n <= Number(to ?? from));
    };
    const bars = el('div', { class: 'histogram', role: 'group', 'aria-label': w('year') });
    // Every year from the first to the last, so that gaps show as gaps.
    for (let y = Number(years[0]); y <= Number(years[years.length - 1]); y++) {
      const n = counts[String(y)] || 0;
      const on = inRange(y);
      const bar = el('button', { type: 'button', id: `year-${y}`, class: on ? 'year-bar on' : 'year-bar', 'data-year': y, title: w('yearBar')(y, n),
        'aria-label': w('yearBar')(y, n), 'aria-pressed': on ? 'true' : 'false', disabled: n === 0,
        onclick: () => {
          const params = without(state(), 'year');
          if (!(single === String(y))) params.set('year', String(y));
          go(params);
        } }, el('span', { class: 'fill' }));
      // Set through the CSSOM: the page's policy allows no inline style attributes.
      bar.firstChild.style.height = `${n ? Math.max(8, Math.round((100 * n) / most)) : 0}%`;
      bars.append(bar);
    }
    box.append(bars, el('div', { class: 'axis' }, el('span', { text: years[0] }), el('span', { text: years[years.length - 1] })));
  }
  box.append(form);
  return box;
}

// Chips for the active filters, each with its remove button, and "Wis alle filters".
function chips(params) {
  const names = { province: 'province', municipality: 'municipality', year: 'year', theme: 'theme', role: 'role', type: 'doc_type', author: 'author' };
  const list = el('ul', { class: 'chips', id: 'chips', 'aria-label': w('activeFilters') });
  for (const name of FILTER_PARAMS) {
    for (const value of params.getAll(name)) {
      list.append(el('li', { class: 'chip' }, el('span', { text: `${w(names[name])}: ${value}` }),
        el('button', { type: 'button', class: 'chip-remove', 'aria-label': `${w('remove')} ${w(names[name])} ${value}`, text: '×',
          onclick: () => go(without(state(), name, value)) })));
    }
  }
  if (!list.children.length) return null;
  const none = new URLSearchParams(params);
  FILTER_PARAMS.forEach((n) => none.delete(n));
  none.delete('page');
  list.append(el('li', {}, link(none, w('clearAll'), { id: 'clear-all' })));
  return list;
}

function cutTitle(title) {
  if (title.length <= TITLE_CHARS) return title;
  const cut = title.slice(0, TITLE_CHARS);
  const at = cut.lastIndexOf(' ');
  return `${(at > TITLE_CHARS / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

function fileName(path) {
  return path.split('/').pop();
}

function hitView(hit, params) {
  const open = new URLSearchParams(params);
  open.set('doc', hit.path);
  const source = hit.author || fileName(hit.path);
  const meta = [source, hit.doc_type, hit.year, hit.provinces.join(', ')].filter(Boolean).join(' · ');
  const labels = [
    hit.themes.length ? `${w('themes')}: ${hit.themes.join(', ')}` : '',
    hit.roles.length ? `${w('roles')}: ${hit.roles.join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  const snippet = el('p', { class: 'snippet' });
  if (hit.page) snippet.append(el('span', { class: 'count', text: `${w('page')} ${hit.page}: ` }));
  snippet.append(marked(hit.snippet_parts));
  const remember = () => sessionStorage.setItem('nota-return', JSON.stringify({ url: href(params), path: hit.path }));
  return el('article', { class: 'hit', 'data-path': hit.path },
    el('h2', {}, link(open, cutTitle(hit.title || fileName(hit.path)), { class: 'hit-title', title: hit.path, onfollow: remember })),
    el('p', { class: 'meta', text: meta }),
    labels ? el('p', { class: 'meta labels', text: labels }) : null,
    snippet);
}

// "Bedoelde u …?" and, without hits, the searches with a word or a filter dropped.
function help(answer, params) {
  const out = [];
  const s = answer.suggestion;
  if (s) {
    const p = new URLSearchParams(params); p.set('q', s.query); p.delete('page');
    out.push(el('p', { class: 'suggestion', id: 'suggestion' }, document.createTextNode(`${w('didYouMean')} `),
      link(p, s.query, { id: 'suggestion-link' }), document.createTextNode(`? (${w('docs')(s.total)})`)));
  }
  const useful = (answer.relaxations || []).filter((r) => r.total > 0);
  if (answer.total === 0 && useful.length) {
    const list = el('ul', { class: 'relaxations', id: 'relaxations' });
    for (const r of useful) {
      const p = r.drop === 'word' ? new URLSearchParams(params) : without(params, r.drop);
      if (r.drop === 'word') { if (r.query) p.set('q', r.query); else p.delete('q'); p.delete('page'); }
      const label = r.drop === 'word' ? `“${r.value}”` : `${w({ type: 'doc_type' }[r.drop] || r.drop)} ${r.value}`;
      list.append(el('li', {}, link(p, w('without')(label), { class: 'relax-link', 'data-drop': r.drop }),
        el('span', { class: 'count', text: ` (${w('docs')(r.total)})` })));
    }
    out.push(el('p', { text: `${w('tryWithout')}:` }), list);
  }
  return out;
}

let restoring = false;

// Back from a document to the results it was opened from: the same hit in view, focused.
function restoreHit() {
  const saved = JSON.parse(sessionStorage.getItem('nota-return') || 'null');
  if (!saved || saved.url !== href(state())) return false;
  const hit = [...document.querySelectorAll('.hit')].find((h) => h.dataset.path === saved.path);
  if (!hit) return false;
  hit.scrollIntoView({ block: 'center' });
  hit.querySelector('.hit-title').focus({ preventScroll: true });
  hit.classList.add('returned');
  sessionStorage.removeItem('nota-return');
  return true;
}

async function renderSearch(params) {
  const main = $('results'), aside = $('filters');
  const mine = ++renders;
  main.setAttribute('aria-busy', 'true');
  let answer;
  try {
    answer = await api(`/api/search?${apiQuery(params)}`);
    if (mine !== renders) return;
  } catch (err) {
    if (mine !== renders) return;
    main.replaceChildren(el('p', { class: 'error', role: 'alert', text: `${w('error')}: ${err.message}` }));
    aside.replaceChildren();
    return;
  }
  const facets = answer.disjunctive_facets || answer.facets;
  aside.replaceChildren(...FACETS.map(([facet, name]) => facetBox(facet, name, facets[facet])).filter(Boolean));
  aside.insertBefore(yearBox(facets.year), aside.children[1] || null);
  const count = activeCount(params);
  $('filters-toggle').textContent = w('filters')(count);

  const sort = el('select', { id: 'sort', 'aria-label': w('sort'), onchange: (e) => {
    const p = state(); p.set('sort', e.target.value); p.delete('page'); go(p);
  } }, ...['relevance', 'date'].map((v) => el('option', { value: v, text: w(v), selected: (params.get('sort') || 'relevance') === v })));
  const collapse = el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'collapse', checked: params.get('collapse') === '1',
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
  const pager = el('nav', { class: 'pager', 'aria-label': w('pages') });
  const page = Number(params.get('page') || 1);
  if (page > 1) { const p = new URLSearchParams(params); p.set('page', page - 1); pager.append(link(p, w('prev'), { id: 'prev' })); }
  if (last < answer.total) { const p = new URLSearchParams(params); p.set('page', page + 1); pager.append(link(p, w('next'), { id: 'next' })); }
  const views = answer.hits.map((hit) => hitView(hit, params));
  if (full < answer.hits.length) {
    views.splice(full, 0, el('p', { class: 'divider', role: 'separator', id: 'most', text: w('most')(answer.total) }));
  }
  main.replaceChildren(...[chips(params), bar, ...help(answer, params), ...views, pager].filter(Boolean));
  main.removeAttribute('aria-busy');
  restoring = restoreHit();
}

// The provinces a document names without being from or addressed to them.
function mentionedOnly(doc) {
  return (doc.mentioned_provinces || []).filter((p) => !doc.provinces.includes(p));
}

function inLanguage(text) {
  if (!text || lang() !== 'nl') return text;
  return EVIDENCE_NL.reduce((t, [pattern, dutch]) => t.replace(pattern, dutch), text);
}

function evidenceOf(doc, field) {
  if (doc.set && doc.set[field]) return `${w('set')} ${doc.set[field]}`;
  const e = doc.evidence || {};
  switch (field) {
    case 'title': return inLanguage(e.title);
    case 'year': return e.year ? inLanguage(`${e.year.evidence} (${e.year.confidence})`) : '';
    case 'provinces': case 'mentioned': {
      const shown = field === 'provinces' ? doc.provinces : mentionedOnly(doc);
      return shown.filter((p) => e.provinces && e.provinces[p]).map((p) => `${p}: ${e.provinces[p].cues.join(', ')}`).join('; ');
    }
    case 'scope': return e.national ? `"${e.national}"` : inLanguage(e.scope || '');
    case 'themes': case 'roles': return (e[field] || []).map((m) => `${m.name}: ${Object.keys(m.cues).join(', ')}`).join('; ');
    default: return inLanguage(e[field] || '');
  }
}

// The body as blocks: Markdown headings (#), list items (-, *, 1.) and paragraphs, with **bold**
// and the query's marked words, built as elements from text (no HTML from the document).
function renderBody(parts) {
  // The whole text, and the marked ranges in it.
  let text = '';
  const marks = [];
  for (const [t, hit] of parts || []) {
    if (hit) marks.push([text.length, text.length + t.length]);
    text += t;
  }
  const out = document.createDocumentFragment();
  let at = 0;
  for (const block of text.split(/(\n[ \t]*\n)/)) {
    const start = at;
    at += block.length;
    if (!block.trim() || /^\n[ \t]*\n$/.test(block)) continue;
    const lines = block.replace(/^\n+/, '');
    const offset = start + (block.length - lines.length);
    const heading = /^(#{1,6})[ \t]+/.exec(lines);
    if (heading) {
      // The heading is its first line; lines under it are a paragraph.
      const level = Math.min(6, heading[1].length + 2);
      const end = lines.includes('\n') ? lines.indexOf('\n') : lines.length;
      out.append(inline(el(`h${level}`, { class: 'doc-heading' }), text, offset + heading[0].length, offset + end, marks));
      if (end < lines.length && lines.slice(end).trim()) out.append(inline(el('p'), text, offset + end + 1, offset + lines.length, marks));
      continue;
    }
    if (lines.split('\n').every((l) => /^\s*([-*•]|\d+[.)])\s+/.test(l))) {
      const numbered = /^\s*\d/.test(lines);
      const list = el(numbered ? 'ol' : 'ul', { class: 'doc-list', start: numbered ? parseInt(lines, 10) : null });
      let o = offset;
      for (const line of lines.split('\n')) {
        const item = /^\s*([-*•]|\d+[.)])\s+/.exec(line);
        list.append(inline(el('li'), text, o + item[0].length, o + line.length, marks));
        o += line.length + 1;
      }
      out.append(list);
      continue;
    }
    out.append(inline(el('p'), text, offset, offset + lines.length, marks));
  }
  return out;
}

// Fills `node` with text[from..to]: **bold** as <strong>, marked ranges as <mark>.
function inline(node, text, from, to, marks) {
  // Cut points: the bold markers and the mark edges within the range.
  const cuts = new Set([from, to]);
  const bold = [];
  const re = /\*\*/g;
  const slice = text.slice(from, to);
  let m;
  while ((m = re.exec(slice))) bold.push(from + m.index);
  // Only pairs of markers are bold; a lone one stays as text.
  if (bold.length % 2) bold.pop();
  bold.forEach((b) => { cuts.add(b); cuts.add(b + 2); });
  for (const [a, b] of marks) if (b > from && a < to) { cuts.add(Math.max(a, from)); cuts.add(Math.min(b, to)); }
  const points = [...cuts].sort((a, b) => a - b);
  let strong = false;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (bold.includes(a)) { strong = !strong; continue; }
    let piece = document.createTextNode(text.slice(a, b));
    if (marks.some(([x, y]) => a >= x && b <= y)) piece = el('mark', {}, piece);
    node.append(strong ? el('strong', {}, piece) : piece);
  }
  return node;
}

// "Vorige/volgende treffer": moves through the marked words of the document.
function markNavigator() {
  const marksIn = () => [...document.querySelectorAll('#doc-body mark')];
  let current = -1;
  const status = el('span', { class: 'count', id: 'mark-status', 'aria-live': 'polite' });
  const move = (step) => {
    const all = marksIn();
    if (!all.length) return;
    if (current >= 0 && all[current]) all[current].classList.remove('current');
    current = (current + step + all.length) % all.length;
    all[current].classList.add('current');
    all[current].scrollIntoView({ block: 'center' });
    status.textContent = w('markOf')(current + 1, all.length);
  };
  return el('div', { class: 'mark-nav', id: 'mark-nav' },
    el('button', { type: 'button', id: 'prev-mark', text: w('prevMark'), onclick: () => move(-1) }),
    el('button', { type: 'button', id: 'next-mark', text: w('nextMark'), onclick: () => move(1) }), status);
}

async function renderDoc(params) {
  const main = $('results'), aside = $('filters');
  const path = params.get('doc');
  const back = new URLSearchParams(params); back.delete('doc');
  const mine = ++renders;
  main.replaceChildren(el('p', { text: w('loading') }));
  aside.replaceChildren();
  let doc;
  try {
    doc = await api(`/api/doc?${new URLSearchParams({ path, q: params.get('q') || '' })}`);
    if (mine !== renders) return;
  } catch (err) {
    if (mine !== renders) return;
    main.replaceChildren(link(back, w('back')), el('p', { class: 'error', role: 'alert', text: `${w('error')}: ${err.message}` }));
    return;
  }
  const rows = [['title', doc.title], ['year', doc.year], ['provinces', doc.provinces.join(', ')],
    ['mentioned', mentionedOnly(doc).join(', ')], ['scope', w('scopes')[doc.scope] || doc.scope],
    ['municipality', doc.municipalities.join(', ')], ['themes', doc.themes.join(', ')], ['roles', doc.roles.join(', ')],
    ['doc_type', doc.doc_type], ['author', doc.author], ['file', doc.path]];
  const table = el('table', { class: 'evidence' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: w('field') }), el('th', { scope: 'col', text: w('value') }), el('th', { scope: 'col', text: w('why') }))),
    el('tbody', {}, ...rows.map(([field, value]) => el('tr', {},
      el('th', { scope: 'row', text: w(field === 'provinces' ? 'provinces_from' : field === 'themes' ? 'theme' : field === 'roles' ? 'role' : field) }),
      el('td', { text: value === null || value === undefined || value === '' ? w('none') : String(value) }),
      el('td', { class: 'why', text: evidenceOf(doc, field) || '' })))));
  const similar = el('section', { class: 'similar', 'aria-labelledby': 'similar-h' }, el('h2', { id: 'similar-h', text: w('similar') }));
  const body = el('div', { class: 'doc-body', id: 'doc-body' }, renderBody(doc.body_parts));
  const hasMarks = (doc.body_parts || []).some(([, hit]) => hit);
  main.replaceChildren(link(back, w('back'), { id: 'back' }),
    el('h1', { id: 'doc-title', text: doc.title }),
    el('p', { class: 'meta', title: doc.path, text: doc.path }),
    el('h2', { text: w('metadata') }), el('div', { class: 'table-wrap' }, table), similar,
    el('h2', { text: w('text') }), hasMarks ? markNavigator() : null, body);
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
  $('lang').setAttribute('aria-label', `${w('lang')} (${w('langLabel')})`);
  $('filters-toggle').textContent = w('filters')(activeCount(state()));
  $('results').setAttribute('aria-label', w('resultsLabel'));
  $('filters-toggle').hidden = Boolean(state().get('doc'));
  const home = new URLSearchParams(); if (lang() === 'en') home.set('lang', 'en');
  $('home').setAttribute('href', href(home));
}

function render() {
  renderChrome();
  restoring = false;
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
  // On a phone the filters are folded away above the results; this button opens them.
  $('filters-toggle').addEventListener('click', () => {
    const open = document.body.classList.toggle('filters-open');
    $('filters-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  window.addEventListener('popstate', render);
  render();
});
