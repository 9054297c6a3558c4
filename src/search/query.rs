//! User query plus filters → one tantivy query.
//!
//! Syntax (tantivy's query parser, words ANDed by default as Dutch portal users expect):
//! `zorg ouderen` both words; `"sociaal domein"` a phrase; `zorg OR welzijn` either;
//! `-jeugd` without; `title:eenzaamheid` in the title only. Each word is looked up in the title
//! (boosted) and the body, stemmed and exact (exact boosted), so an exact form ranks above a
//! stemmed one.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, Term};

use unicode_normalization::UnicodeNormalization;

use super::expand::expand;
use super::filter::Filters;
use crate::error::NotaError;
use crate::index::{Fields, NotaIndex};

/// Boosts per field: a title match counts more, an exact-word match more than a stemmed one.
const TITLE_BOOST: f32 = 2.0;
const EXACT_BOOST: f32 = 1.3;

/// Deepest nesting of brackets a query may have: the parser recurses per level, and no one
/// types more than a handful.
const MAX_QUERY_DEPTH: usize = 32;

/// How deep the brackets of `query` nest, counted everywhere (quotes are not trusted: the
/// parser has escapes and more than one kind of quote).
fn bracket_depth(query: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in query.chars() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// `query` cut to its first 80 characters for a message.
fn shortened(query: &str) -> String {
    match query.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &query[..cut]),
        None => query.to_string(),
    }
}

/// Parses the free-text part with `analyzers` (the query chains, in which a compound stays one
/// term; [`expand`] adds its parts as a clause of their own, see
/// [`crate::analysis::dutch::query_analyzers`]); an empty query matches every document.
pub fn text_query(
    index: &Index,
    fields: &Fields,
    analyzers: &TokenizerManager,
    query: &str,
) -> Result<Box<dyn Query>, NotaError> {
    if query.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let expanded = expand(&query.nfc().collect::<String>());
    let depth = bracket_depth(&expanded);
    if depth > MAX_QUERY_DEPTH {
        return Err(NotaError::Query {
            query: shortened(query),
            reason: format!(
                "its brackets nest {depth} deep; nota reads at most {MAX_QUERY_DEPTH} levels"
            ),
        });
    }
    let mut parser = QueryParser::new(
        index.schema(),
        vec![
            fields.title,
            fields.title_exact,
            fields.body,
            fields.body_exact,
        ],
        analyzers.clone(),
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, TITLE_BOOST);
    parser.set_field_boost(fields.title_exact, TITLE_BOOST * EXACT_BOOST);
    parser.set_field_boost(fields.body_exact, EXACT_BOOST);
    let parsed = parser
        .parse_query(&expanded)
        .map_err(|e| NotaError::Query {
            query: query.to_string(),
            reason: e.to_string(),
        })?;
    if only_exclusions(query) {
        // "-jeugd" alone: everything except those documents.
        return Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::Must, parsed),
        ])));
    }
    Ok(parsed)
}

/// Whether every word of the query is an exclusion (`-word`).
fn only_exclusions(query: &str) -> bool {
    let words: Vec<&str> = query.split_whitespace().collect();
    !words.is_empty() && words.iter().all(|w| w.starts_with('-'))
}

fn facet_any(field: Field, values: &[String]) -> Box<dyn Query> {
    let terms = values
        .iter()
        .map(|v| {
            let term = Term::from_facet(field, &Facet::from_path([v]));
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
        })
        .collect::<Vec<_>>();
    Box::new(BooleanQuery::union(terms))
}

/// The filters as queries that must all match.
pub fn filter_queries(fields: &Fields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let mut queries = Vec::new();
    for (field, values) in [
        (fields.province, &filters.provinces),
        (fields.theme, &filters.themes),
        (fields.role, &filters.roles),
        (fields.doc_type, &filters.doc_types),
        (fields.municipality, &filters.municipalities),
        (fields.author, &filters.authors),
    ] {
        if !values.is_empty() {
            queries.push(facet_any(field, values));
        }
    }
    if let Some(range) = filters.year {
        let bound = |y: Option<u64>| match y {
            Some(y) => Bound::Included(Term::from_field_u64(fields.year, y)),
            None => Bound::Unbounded,
        };
        queries
            .push(Box::new(RangeQuery::new(bound(range.from), bound(range.to))) as Box<dyn Query>);
    }
    queries
}

/// The free text and every filter, combined.
pub fn build(
    nota: &NotaIndex,
    query: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>, NotaError> {
    let fields = &nota.fields;
    let text = text_query(&nota.index, fields, &nota.query_analyzers, query)?;
    let filters = filter_queries(fields, filters);
    if filters.is_empty() {
        return Ok(text);
    }
    let clauses = std::iter::once(text)
        .chain(filters)
        .map(|q| (Occur::Must, q))
        .collect();
    Ok(Box::new(BooleanQuery::new(clauses)))
}
