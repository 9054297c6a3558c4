//! Searching the index: free text and filters in, ranked hits with snippets and facet counts over
//! all matches out.

pub mod duplicates;
pub mod expand;
pub mod facets;
pub mod filter;
pub mod forgive;
pub mod query;
pub mod refine;
pub mod rescore;
pub mod signals;
pub mod similar;
pub mod snippet;
pub mod stats;

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, TantivyDocument};

pub use filter::{Filters, RawFilters, YearRange};
pub use signals::{Signal, Signals};
pub use snippet::Snippet;

use crate::error::NotaError;
use crate::index::{document, schema, NotaIndex};
use crate::ingest::Extracted;
use crate::metadata::Scope;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25).
    #[default]
    Relevance,
    /// Newest year first, best match first within a year.
    Date,
}

/// One search.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Free text; empty lists documents by filters alone.
    pub query: String,
    /// Checked filters.
    pub filters: Filters,
    /// Most hits to return.
    pub limit: usize,
    /// Order of hits.
    pub sort: Sort,
    /// Show one document per group of near-duplicates.
    pub collapse: bool,
    /// Report query syntax errors instead of reading stray syntax as text ([`forgive`]).
    pub strict: bool,
    /// Only documents with all the words: no filling a short page with documents that hold
    /// most of them.
    pub all_words: bool,
    /// The ranking signals in use (all but those left out to measure them).
    pub signals: Signals,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Path as given at index time.
    pub path: String,
    /// Title.
    pub title: String,
    /// BM25 score (0 for a query without words).
    pub score: f32,
    /// Year written.
    pub year: Option<i32>,
    /// Provinces it is from or addressed to.
    pub provinces: Vec<String>,
    /// Provinces it names.
    pub mentioned_provinces: Vec<String>,
    /// Municipalities it names.
    pub municipalities: Vec<String>,
    /// national, provincial or unknown.
    pub scope: Scope,
    /// Themes.
    pub themes: Vec<String>,
    /// Roles.
    pub roles: Vec<String>,
    /// Document type.
    pub doc_type: Option<String>,
    /// Author organisation.
    pub author: Option<String>,
    /// Passage with the matched words.
    #[serde(serialize_with = "snippet_text")]
    pub snippet: Snippet,
    /// The page the passage is on, for documents with pages (PDF, and DOCX/ODT with page breaks).
    pub page: Option<u32>,
    /// Holds most of the query's words but not all: shown after every document with all of
    /// them, when those were fewer than a page.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

impl Hit {
    /// The hit for a stored document, with its snippet and the page the snippet is on.
    pub fn of(
        path: String,
        meta: crate::metadata::DocMeta,
        body: &str,
        score: f32,
        snippets: &snippet::Snippets,
    ) -> Hit {
        let snippet = snippets.of(body);
        Hit {
            page: snippet
                .offset
                .and_then(|offset| Extracted::page_of(&meta.pages, offset)),
            snippet,
            path,
            title: meta.title,
            score,
            year: meta.year,
            provinces: meta.provinces,
            mentioned_provinces: meta.mentioned_provinces,
            municipalities: meta.municipalities,
            scope: meta.scope,
            themes: meta.themes,
            roles: meta.roles,
            doc_type: meta.doc_type,
            author: meta.author,
            partial: false,
        }
    }
}

fn snippet_text<S: serde::Serializer>(snippet: &Snippet, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&snippet.text)
}

/// Counts per value of each facet, over all matches.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Facets {
    /// Per province.
    pub province: BTreeMap<String, u64>,
    /// Per year.
    pub year: BTreeMap<String, u64>,
    /// Per theme.
    pub theme: BTreeMap<String, u64>,
    /// Per role.
    pub role: BTreeMap<String, u64>,
    /// Per document type.
    pub doc_type: BTreeMap<String, u64>,
    /// Per municipality.
    pub municipality: BTreeMap<String, u64>,
    /// Per author.
    pub author: BTreeMap<String, u64>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// The query as typed.
    pub query: String,
    /// Number of documents with all the words (hits that hold only most of them, `partial`,
    /// are not counted, nor in the facets).
    pub total: usize,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches.
    pub facets: Facets,
    /// Hits left out as near-copies of a better one (`--collapse`).
    pub collapsed: usize,
    /// What nota read differently from the query syntax, in plain words ([`forgive`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The query for `request`: its text with stray syntax read as text (unless strict), and
/// what was read differently. A query that still cannot be read is searched by its words.
fn forgiving_query(
    nota: &NotaIndex,
    request: &Request,
) -> Result<(query::Built, Vec<String>), NotaError> {
    let build = |text: &str| query::build(nota, text, &request.filters, request.signals);
    if request.strict {
        return Ok((build(&request.query)?, Vec::new()));
    }
    let schema = nota.index.schema();
    let forgiven = forgive::forgive(&request.query, |name| schema.get_field(name).is_ok());
    let mut notes = forgiven.notes;
    match build(&forgiven.query) {
        Ok(query) => Ok((query, notes)),
        Err(NotaError::Query { reason, .. }) => {
            notes.push(format!(
                "nota could not read the query as syntax ({reason}), so it searched its words"
            ));
            let words = forgive::words_only(&forgiven.query);
            Ok((build(&words)?, notes))
        }
        Err(other) => Err(other),
    }
}

/// Counts matches and facets for `query`.
pub fn facets_of(
    searcher: &Searcher,
    names: &crate::index::FacetNames,
    query: &dyn Query,
) -> Result<(usize, Facets), NotaError> {
    use facets::FacetCounts;
    let collectors = (
        Count,
        (
            FacetCounts::of(schema::PROVINCE, names),
            FacetCounts::of(schema::YEAR_FACET, names),
        ),
        (
            FacetCounts::of(schema::THEME, names),
            FacetCounts::of(schema::ROLE, names),
        ),
        (
            FacetCounts::of(schema::DOC_TYPE, names),
            FacetCounts::of(schema::MUNICIPALITY, names),
            FacetCounts::of(schema::AUTHOR, names),
        ),
    );
    let (total, (province, year), (theme, role), (doc_type, municipality, author)) =
        searcher.search(query, &collectors)?;
    Ok((
        total,
        Facets {
            province,
            year,
            theme,
            role,
            doc_type,
            municipality,
            author,
        },
    ))
}

fn top<C>(searcher: &Searcher, query: &dyn Query, collector: C) -> Result<C::Fruit, NotaError>
where
    C: Collector,
{
    Ok(searcher.search(query, &collector)?)
}

/// The best documents, as (score, address).
pub(crate) fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    sort: Sort,
) -> Result<Vec<(Score, DocAddress)>, NotaError> {
    let limit = limit.max(1);
    match sort {
        Sort::Relevance => top(searcher, query, TopDocs::with_limit(limit).order_by_score()),
        Sort::Date => {
            let by_year = TopDocs::with_limit(limit).tweak_score(|segment: &SegmentReader| {
                let years = segment
                    .fast_fields()
                    .u64(schema::YEAR)
                    .ok()
                    .map(|column| column.first_or_default_col(0));
                move |doc, score: Score| (years.as_ref().map_or(0, |c| c.get_val(doc)), score)
            });
            let found = top(searcher, query, by_year)?;
            Ok(found
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect())
        }
    }
}

/// The best `limit` documents for `query` in `sort` order; by relevance, the first
/// [`rescore::WINDOW`] of them (or `limit`, when more) rescored with the proximity bonus `near`.
pub fn ranked(
    searcher: &Searcher,
    query: &dyn Query,
    near: Option<&rescore::Near>,
    limit: usize,
    sort: Sort,
) -> Result<Vec<(Score, DocAddress)>, NotaError> {
    match (near, sort) {
        (Some(near), Sort::Relevance) => {
            let window = top_docs(searcher, query, limit.max(rescore::WINDOW), sort)?;
            let mut hits = rescore::rescored(searcher, near, window)?;
            hits.truncate(limit);
            Ok(hits)
        }
        _ => top_docs(searcher, query, limit, sort),
    }
}

/// Runs `request` against `nota`.
pub fn search(nota: &NotaIndex, request: &Request) -> Result<Results, NotaError> {
    let fields = &nota.fields;
    let searcher = nota.reader.searcher();
    let (built, notes) = forgiving_query(nota, request)?;
    let query = built.all;
    let (total, facets) = facets_of(&searcher, &nota.facet_names, query.as_ref())?;
    let near = built.near.as_ref();
    let ranked =
        |query: &dyn Query, limit: usize| ranked(&searcher, query, near, limit, request.sort);
    let (found, collapsed) = if request.limit == 0 {
        (Vec::new(), 0)
    } else if request.collapse {
        // Fetch extra, fold near-copies into the best of their group, keep `limit`.
        let wide = ranked(query.as_ref(), request.limit * 4 + 10)?;
        let addresses: Vec<DocAddress> = wide.iter().map(|(_, a)| *a).collect();
        let keep = duplicates::collapse(&searcher, &addresses, duplicates::DEFAULT_THRESHOLD);
        duplicates::kept(wide, &keep, request.limit)
    } else {
        (ranked(query.as_ref(), request.limit)?, 0)
    };
    let mut found: Vec<(Score, DocAddress, bool)> =
        found.into_iter().map(|(s, a)| (s, a, false)).collect();
    let short = request.limit.saturating_sub(found.len());
    if let (Some(most), false, true) = (&built.most, request.all_words, short > 0) {
        // Fewer than a page hold all the words: go on with those that hold most of them.
        let more = ranked(most.as_ref(), short)?;
        found.extend(more.into_iter().map(|(s, a)| (s, a, true)));
    }
    let words = snippet::words_of(&request.query);
    let snippets = snippet::Snippets::new(
        &searcher,
        &nota.snippet_analyzer,
        query.as_ref(),
        fields.body,
        &words,
    );
    // Snippets for the documents with most of the words only when there are any: preparing
    // them reads the query's term statistics.
    let partial_snippets = match &built.most {
        Some(most) if found.iter().any(|(_, _, partial)| *partial) => Some(snippet::Snippets::new(
            &searcher,
            &nota.snippet_analyzer,
            most.as_ref(),
            fields.body,
            &words,
        )),
        _ => None,
    };
    let mut hits = Vec::with_capacity(found.len());
    for (score, address, partial) in found {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some((path, meta)) = document::head(fields, &doc) else {
            continue;
        };
        let score = if request.query.trim().is_empty() {
            0.0
        } else {
            score
        };
        let body = document::body(fields, &doc);
        let snippets = match (&partial_snippets, partial) {
            (Some(most), true) => most,
            _ => &snippets,
        };
        let mut hit = Hit::of(path, meta, body, score, snippets);
        hit.partial = partial;
        hits.push(hit);
    }
    Ok(Results {
        query: request.query.clone(),
        total,
        hits,
        facets,
        collapsed,
        notes,
    })
}
