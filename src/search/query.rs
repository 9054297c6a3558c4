//! User query plus filters → one tantivy query.
//!
//! Syntax (tantivy's query parser, words ANDed by default as Dutch portal users expect):
//! `zorg ouderen` both words; `"sociaal domein"` a phrase; `zorg OR welzijn` either;
//! `-jeugd` without; `title:eenzaamheid` in the title only. Each word is looked up in the title
//! (boosted) and the body, stemmed; a phrase matches its words in sequence, any inflection.
//! There is no unstemmed field any more: on the judged collection (tests/relevance/) it cost
//! 2.5 points of nDCG@10 as a boost, and a second copy of every body's postings.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, Term};

use unicode_normalization::UnicodeNormalization;

use super::expand::{expand, Expander};
use super::filter::Filters;
use super::rescore::Near;
use super::signals::{Signal, Signals};
use crate::analysis::analyze_terms;
use crate::error::NotaError;
use crate::index::{Fields, NotaIndex};

/// A title match counts more than a body match.
/// Title 1.5: on the judged collection (tests/relevance/) 2.0 gave nDCG@10 0.764, 1.5 0.772,
/// 1.0 0.763 (with the other values below).
pub const TITLE_BOOST: f32 = 1.5;
/// How far apart (phrase slop, in positions) two adjacent query words may stand, in the order
/// typed, to earn the proximity bonus. With the bonus below, slop 3 and 8 rank alike on the
/// judged collection (nDCG@10 within 0.005); a larger bonus (0.5) cost 0.01; adding the reverse
/// order ranked the same (0.763 against 0.762) at twice the cost (callgrind: +4.1% instructions
/// per search instead of +2.0%).
pub const PROXIMITY_SLOP: u32 = 3;
/// Weight of the proximity bonus per pair of adjacent query words.
pub const PROXIMITY_BOOST: f32 = 0.2;

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

/// The text part of a search: the query every hit must match, and the query for the documents
/// that hold most of the words but not all (for filling a short page), when the query has more
/// than one word.
pub struct TextQuery {
    /// All the words (each with its expansions).
    pub all: Box<dyn Query>,
    /// Most of the words; `None` for a query of one word, an empty query or one with operators
    /// that say otherwise (`OR`).
    pub most: Option<Box<dyn Query>>,
    /// The proximity bonus, for rescoring the best hits ([`super::rescore`]): adjacent words
    /// near each other; `None` when the query has no such pair or the signal is off.
    pub near: Option<Near>,
}

/// Parses the free-text part with `analyzers` (the query chains, in which a compound stays one
/// term; [`expand`] adds its parts, joined forms and families as clauses of their own, see
/// [`crate::analysis::dutch::query_analyzers`]); an empty query matches every document.
pub fn text_query(
    index: &Index,
    fields: &Fields,
    analyzers: &TokenizerManager,
    query: &str,
    expander: &Expander,
) -> Result<TextQuery, NotaError> {
    if query.trim().is_empty() {
        return Ok(TextQuery {
            all: Box::new(AllQuery),
            most: None,
            near: None,
        });
    }
    let query: String = query.nfc().collect();
    let expanded = expand(&query, expander);
    let depth = bracket_depth(&expanded.query);
    if depth > MAX_QUERY_DEPTH {
        return Err(NotaError::Query {
            query: shortened(&query),
            reason: format!(
                "its brackets nest {depth} deep; nota reads at most {MAX_QUERY_DEPTH} levels"
            ),
        });
    }
    let mut parser = parser(index, fields, analyzers, expander.signals);
    parser.set_conjunction_by_default();
    let parsed = parser
        .parse_query(&expanded.query)
        .map_err(|e| NotaError::Query {
            query: query.to_string(),
            reason: e.to_string(),
        })?;
    let most = most_of(parsed.as_ref());
    if only_exclusions(&query) {
        // "-jeugd" alone: everything except those documents.
        return Ok(TextQuery {
            all: Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::Must, parsed),
            ])),
            most: None,
            near: None,
        });
    }
    let near = if expander.signals.on(Signal::Proximity) {
        near(fields, analyzers, &expanded.near, expander.signals)
    } else {
        None
    };
    Ok(TextQuery {
        all: parsed,
        most,
        near,
    })
}

/// The proximity bonus for `pairs` of adjacent words (in the order typed; a compound typed
/// apart is no pair: its parts stand at one place in the text), in the title and the body, each
/// word read as the query analyzer reads it; a pair with a stop word is left out.
fn near(
    fields: &Fields,
    analyzers: &TokenizerManager,
    pairs: &[(String, String)],
    signals: Signals,
) -> Option<Near> {
    let mut analyzer = analyzers.get(crate::analysis::DUTCH)?;
    let mut near = Near::new(PROXIMITY_SLOP);
    let title = if signals.on(Signal::Title) {
        TITLE_BOOST
    } else {
        1.0
    };
    for (a, b) in pairs {
        let (Some(a), Some(b)) = (
            analyze_terms(&mut analyzer, a).pop(),
            analyze_terms(&mut analyzer, b).into_iter().next(),
        ) else {
            continue;
        };
        near.pair(fields.body, &a, &b, PROXIMITY_BOOST);
        near.pair(fields.title, &a, &b, PROXIMITY_BOOST * title);
    }
    (!near.is_empty()).then_some(near)
}

/// The query parser over nota's text fields, weighted as the signals say: without `title` the
/// title weighs as the body.
fn parser(
    index: &Index,
    fields: &Fields,
    analyzers: &TokenizerManager,
    signals: Signals,
) -> QueryParser {
    let mut parser = QueryParser::new(
        index.schema(),
        vec![fields.title, fields.body],
        analyzers.clone(),
    );
    let title = if signals.on(Signal::Title) {
        TITLE_BOOST
    } else {
        1.0
    };
    parser.set_field_boost(fields.title, title);
    parser
}

/// From the query with every word required: the documents that match most of the words (all
/// but one of two to four, two thirds of more), exclusions kept. `None` for one word, or when
/// the user wrote `OR` between words of their own.
fn most_of(all: &dyn Query) -> Option<Box<dyn Query>> {
    let boolean = all.downcast_ref::<BooleanQuery>()?;
    let clauses = boolean.clauses();
    let minimum = most_minimum(all)?;
    let kept = clauses
        .iter()
        .map(|(occur, query)| {
            let occur = match occur {
                Occur::Must => Occur::Should,
                other => *other,
            };
            (occur, query.box_clone())
        })
        .collect();
    Some(Box::new(BooleanQuery::with_minimum_required_clauses(
        kept, minimum,
    )))
}

/// How many of the query's words "most of the words" is (all but one of two to four, two
/// thirds of more), for the query with every word required, `all`; `None` for one word, or when
/// the user wrote `OR` between words of their own.
pub fn most_minimum(all: &dyn Query) -> Option<usize> {
    let clauses = all.downcast_ref::<BooleanQuery>()?.clauses();
    let words = clauses.iter().filter(|(o, _)| *o == Occur::Must).count();
    if words < 2 || clauses.iter().any(|(o, _)| *o == Occur::Should) {
        return None;
    }
    Some((words * 2).div_ceil(3).min(words - 1).max(1))
}

/// How many words of the expanded query `text` make "most of the words" (see
/// [`most_minimum`]), read with nota's query syntax and analyzers; `None` when the fill does not
/// apply or the text cannot be read.
pub fn most_words(text: &str) -> Option<usize> {
    let index = Index::create_in_ram(crate::index::schema::schema());
    let fields = Fields::of(&index.schema()).ok()?;
    let mut parser = parser(
        &index,
        &fields,
        &crate::analysis::dutch::query_analyzers(),
        Signals::default(),
    );
    parser.set_conjunction_by_default();
    most_minimum(parser.parse_query(text).ok()?.as_ref())
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
    if !filters.paths.is_empty() {
        let keys = filters
            .paths
            .iter()
            .map(|key| {
                let term = Term::from_field_text(fields.path, key);
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
            })
            .collect();
        queries.push(Box::new(BooleanQuery::union(keys)));
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

/// The query of a search: every hit matches `all`; `most` (when the query has several words)
/// finds the documents that hold most of the words but not all, under the same filters.
pub struct Built {
    /// The text and every filter.
    pub all: Box<dyn Query>,
    /// Most of the words, every filter, and not `all`.
    pub most: Option<Box<dyn Query>>,
    /// The proximity bonus the best hits are rescored with ([`super::rescore`]).
    pub near: Option<Near>,
}

/// Whether a lowercase word is one of the lexicon's, or its stemmed term one of this index's
/// body.
fn known_word(nota: &NotaIndex, searcher: &tantivy::Searcher, word: &str) -> bool {
    if crate::analysis::filters::decompound::is_word(word) {
        return true;
    }
    let term = crate::analysis::filters::stemmer::term_of(word);
    searcher.segment_readers().iter().any(|segment| {
        segment
            .inverted_index(nota.fields.body)
            .ok()
            .and_then(|terms| terms.terms().get(term.as_bytes()).ok().flatten())
            .is_some()
    })
}

/// `query` as nota searches it (synonyms, compound parts, joined compounds, word families), in
/// the query syntax; words known to the lexicon, and to `nota`'s index when there is one.
pub fn expanded(nota: Option<&NotaIndex>, query: &str) -> String {
    let searcher = nota.map(|n| n.reader.searcher());
    let known = |word: &str| match (nota, &searcher) {
        (Some(nota), Some(searcher)) => known_word(nota, searcher, word),
        _ => crate::analysis::filters::decompound::is_word(word),
    };
    let expander = Expander {
        signals: Signals::default(),
        known: &known,
    };
    expand(&query.nfc().collect::<String>(), &expander).query
}

/// The free text and every filter, combined, with the signals in `signals`.
pub fn build(
    nota: &NotaIndex,
    query: &str,
    filters: &Filters,
    signals: Signals,
) -> Result<Built, NotaError> {
    let fields = &nota.fields;
    let searcher = nota.reader.searcher();
    let known = |word: &str| known_word(nota, &searcher, word);
    let expander = Expander {
        signals,
        known: &known,
    };
    let text = text_query(&nota.index, fields, &nota.query_analyzers, query, &expander)?;
    let filters = filter_queries(fields, filters);
    let with_filters = |query: Box<dyn Query>| -> Box<dyn Query> {
        if filters.is_empty() {
            return query;
        }
        let clauses = std::iter::once(query)
            .chain(filters.iter().map(|f| f.box_clone()))
            .map(|q| (Occur::Must, q))
            .collect();
        Box::new(BooleanQuery::new(clauses))
    };
    let all = with_filters(text.all);
    let most = text.most.map(|most| {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, with_filters(most)),
            (Occur::MustNot, all.box_clone()),
        ])) as Box<dyn Query>
    });
    Ok(Built {
        all,
        most,
        near: text.near,
    })
}
