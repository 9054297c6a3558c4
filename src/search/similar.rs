//! Precedent search (`nota similar`): the documents most like a source text — an indexed
//! document, or a draft that is not in the index. The source's distinctive analysed terms
//! (tf-idf over the index: compounds and their parts included, stop words gone with the analysis,
//! terms in more than half the documents left out as boilerplate) become a weighted query, and
//! agreement on the source's themes and roles adds to it. Each hit says why: the shared terms,
//! themes and roles.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{TantivyDocument, Term};

use super::filter::Filters;
use super::query::filter_queries;
use super::snippet::Snippets;
use super::{facets_of, top_docs, Facets, Hit, Sort};
use crate::analysis::{analyze_terms, analyze_tokens};
use crate::error::NotaError;
use crate::index::{document, NotaIndex};
use crate::metadata::{self, Taxonomy};

/// Distinctive terms taken from the source.
const TOP_TERMS: usize = 30;
/// Terms in more than this share of the documents are boilerplate for this index.
const MAX_DOC_SHARE: f64 = 0.5;
/// A shared theme weighs as much as this many average distinctive terms; a role a little less.
const THEME_WEIGHT: f32 = 2.0;
const ROLE_WEIGHT: f32 = 1.5;
/// A distinctive term found in a candidate's title counts this much more than in its body.
pub const TITLE_WEIGHT: f32 = 1.5;
/// A distinctive term that is also in the source's own title counts this much more.
const OWN_TITLE_WEIGHT: f32 = 2.0;
/// Shared terms shown per hit.
const WHY_TERMS: usize = 8;

/// The text to find precedents for.
pub struct Source {
    /// What to call it in the output (a path, `-`).
    pub name: String,
    /// Its text.
    pub text: String,
    /// The indexed path of the source itself, which must not come back as a hit.
    pub exclude_path: Option<String>,
}

/// A distinctive term of the source and its weight.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeightedTerm {
    /// The analysed term (a stem, or a part of a compound).
    pub term: String,
    /// The word of the source it came from most often, for people.
    pub word: String,
    /// tf-idf weight.
    pub weight: f32,
}

/// Why a hit is like the source.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Why {
    /// Distinctive words of the source the hit contains (analysed alike), strongest first.
    pub terms: Vec<String>,
    /// Themes both have.
    pub themes: Vec<String>,
    /// Roles both have.
    pub roles: Vec<String>,
}

/// One precedent.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarHit {
    /// The hit, as `nota search` gives it.
    #[serde(flatten)]
    pub hit: Hit,
    /// Why it is like the source.
    pub why: Why,
}

/// The answer to `nota similar`.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarResults {
    /// The source's name.
    pub source: String,
    /// Its distinctive terms, strongest first.
    pub terms: Vec<WeightedTerm>,
    /// Its themes and roles.
    pub themes: Vec<String>,
    /// Its roles.
    pub roles: Vec<String>,
    /// Documents matching any of it.
    pub total: usize,
    /// The most similar.
    pub hits: Vec<SimilarHit>,
    /// Facet counts over all matches.
    pub facets: Facets,
}

/// The `TOP_TERMS` most distinctive analysed terms of `text` against the index.
pub fn distinctive_terms(nota: &NotaIndex, text: &str) -> Vec<WeightedTerm> {
    let tokens = nota.with_analyzer(|analyzer| analyze_tokens(analyzer, text));
    distinctive_tokens(nota, &tokens, text)
}

/// [`distinctive_terms`] of a text whose `tokens` are analysed already.
fn distinctive_tokens(
    nota: &NotaIndex,
    tokens: &[tantivy::tokenizer::Token],
    text: &str,
) -> Vec<WeightedTerm> {
    let searcher = nota.reader.searcher();
    weigh_terms(tokens, text, searcher.num_docs(), |term| {
        searcher
            .doc_freq(&Term::from_field_text(nota.fields.body, term))
            .ok()
    })
}

/// The `TOP_TERMS` most distinctive of `tokens` (the analysed `text`) against an index of
/// `docs` documents, in which `doc_freq` says how many hold a term.
pub fn weigh_terms(
    tokens: &[tantivy::tokenizer::Token],
    text: &str,
    docs: u64,
    doc_freq: impl Fn(&str) -> Option<u64>,
) -> Vec<WeightedTerm> {
    let docs = docs.max(1) as f64;
    let mut tf: HashMap<&str, (u32, HashMap<String, u32>)> = HashMap::new();
    for token in tokens {
        let term = token.text.as_str();
        if term.chars().count() >= 3 && !term.chars().all(|c| c.is_ascii_digit()) {
            let entry = tf.entry(term).or_default();
            entry.0 += 1;
            let word = text
                .get(token.offset_from..token.offset_to)
                .unwrap_or_default()
                .to_lowercase();
            *entry.1.entry(word).or_default() += 1;
        }
    }
    let mut weighted: Vec<WeightedTerm> = tf
        .into_iter()
        .filter_map(|(term, (count, words))| {
            let df = doc_freq(term)? as f64;
            if df == 0.0 || df > docs * MAX_DOC_SHARE {
                return None;
            }
            let idf = ((docs - df + 0.5) / (df + 0.5) + 1.0).ln();
            let weight = (1.0 + f64::from(count).ln()) * idf;
            let word = words
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.len().cmp(&a.0.len())))
                .map_or_else(|| term.to_string(), |(word, _)| word);
            Some(WeightedTerm {
                term: term.to_string(),
                word,
                weight: weight as f32,
            })
        })
        .collect();
    weighted.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
    weighted.truncate(TOP_TERMS);
    weighted
}

/// What a source is like: its derived metadata, its distinctive terms (those of its title
/// weighing more, strongest first) and their mean weight, which the themes' and roles' weights
/// are measured in.
pub struct Likeness {
    /// The source's derived metadata.
    pub described: metadata::DocMeta,
    /// Its distinctive terms.
    pub terms: Vec<WeightedTerm>,
    /// Their mean weight.
    pub mean: f32,
}

impl Likeness {
    /// The likeness of `source` (its analysed `tokens`), weighing terms with `weigh`.
    pub fn of(
        source: &Source,
        tokens: &[tantivy::tokenizer::Token],
        taxonomy: &Taxonomy,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
        weigh: impl FnOnce(&str) -> Vec<WeightedTerm>,
    ) -> Likeness {
        let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        let offsets: Vec<usize> = tokens.iter().map(|t| t.offset_from).collect();
        let described = metadata::derive_with_terms(
            &source.text,
            &terms,
            &positions,
            &offsets,
            &source.name,
            taxonomy,
        );
        let mut terms = weigh(&source.text);
        // What the source says it is about: its title's terms weigh more.
        let title_terms: HashSet<String> = analyze_terms(analyzer, &described.title)
            .into_iter()
            .collect();
        for term in &mut terms {
            if title_terms.contains(&term.term) {
                term.weight *= OWN_TITLE_WEIGHT;
            }
        }
        terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
        let mean = if terms.is_empty() {
            1.0
        } else {
            terms.iter().map(|t| t.weight).sum::<f32>() / terms.len() as f32
        };
        Likeness {
            described,
            terms,
            mean,
        }
    }

    /// Why `hit` (whose body's analysed terms are `own`) is like the source.
    pub fn why(&self, hit: &metadata::DocMeta, own: &HashSet<String>) -> Why {
        let shared = |mine: &[String], theirs: &[String]| -> Vec<String> {
            mine.iter()
                .filter(|v| theirs.contains(v))
                .cloned()
                .collect()
        };
        Why {
            terms: unique_words(
                self.terms.iter().filter(|t| own.contains(&t.term)),
                WHY_TERMS,
            ),
            themes: shared(&self.described.themes, &hit.themes),
            roles: shared(&self.described.roles, &hit.roles),
        }
    }

    /// The answer for `source`: `total` matches, the best `hits`, the facet counts.
    pub fn results(
        self,
        source: &Source,
        total: usize,
        hits: Vec<SimilarHit>,
        facets: Facets,
    ) -> SimilarResults {
        SimilarResults {
            source: source.name.clone(),
            terms: self.terms,
            themes: self.described.themes,
            roles: self.described.roles,
            total,
            hits,
            facets,
        }
    }

    /// Theme and role weights: a shared theme weighs as much as [`THEME_WEIGHT`] average
    /// terms, a role [`ROLE_WEIGHT`].
    pub fn label_weights(&self) -> (f32, f32) {
        (self.mean * THEME_WEIGHT, self.mean * ROLE_WEIGHT)
    }
}

fn facet_clause(field: tantivy::schema::Field, value: &str, boost: f32) -> Box<dyn Query> {
    let term = Term::from_facet(field, &Facet::from_path([value]));
    Box::new(BoostQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        boost,
    ))
}

/// Finds the documents most like `source`.
pub fn similar(
    nota: &NotaIndex,
    source: &Source,
    taxonomy: &Taxonomy,
    filters: &Filters,
    limit: usize,
) -> Result<SimilarResults, NotaError> {
    let fields = &nota.fields;
    let source_tokens = nota.with_analyzer(|analyzer| analyze_tokens(analyzer, &source.text));
    let like = nota.with_analyzer(|analyzer| {
        // The source is analysed once, for its metadata and its distinctive terms.
        Likeness::of(source, &source_tokens, taxonomy, analyzer, |text| {
            distinctive_tokens(nota, &source_tokens, text)
        })
    });
    let (terms, described, mean) = (&like.terms, &like.described, like.mean);
    let mut likeness: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for t in terms {
        for (field, boost) in [(fields.body, 1.0), (fields.title, TITLE_WEIGHT)] {
            let term = Term::from_field_text(field, &t.term);
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            likeness.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), t.weight * boost)),
            ));
        }
    }
    let text_clauses = terms.len();
    for theme in &described.themes {
        likeness.push((
            Occur::Should,
            facet_clause(fields.theme, theme, mean * THEME_WEIGHT),
        ));
    }
    for role in &described.roles {
        likeness.push((
            Occur::Should,
            facet_clause(fields.role, role, mean * ROLE_WEIGHT),
        ));
    }
    if likeness.is_empty() {
        return Err(NotaError::Usage(format!(
            "{}: no words in it that the index knows, so nothing can be like it",
            source.name
        )));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(likeness)))];
    clauses.extend(
        filter_queries(fields, filters)
            .into_iter()
            .map(|q| (Occur::Must, q)),
    );
    if let Some(path) = &source.exclude_path {
        let term = Term::from_field_text(fields.path, path);
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    let query = BooleanQuery::new(clauses);
    let searcher = nota.reader.searcher();
    let (total, facets) = facets_of(&searcher, &nota.facet_names, &query)?;
    let found = top_docs(&searcher, &query, limit, Sort::Relevance)?;
    // Snippets where the strongest terms meet: generated from the term clauses only.
    let snippet_query = BooleanQuery::new(
        terms
            .iter()
            .take(text_clauses)
            .map(|t| {
                let term = Term::from_field_text(fields.body, &t.term);
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                        t.weight,
                    )) as Box<dyn Query>,
                )
            })
            .collect(),
    );
    let snippets = Snippets::new(
        &searcher,
        &nota.snippet_analyzer,
        &snippet_query,
        fields.body,
        &[],
    );
    let mut hits = Vec::with_capacity(found.len());
    for (score, address) in found.into_iter().take(limit) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(stored) = document::read(fields, &doc) else {
            continue;
        };
        let own: HashSet<String> = nota
            .with_analyzer(|analyzer| analyze_terms(analyzer, &stored.body))
            .into_iter()
            .collect();
        let why = like.why(&stored.meta, &own);
        hits.push(SimilarHit {
            hit: Hit::of(stored.path, stored.meta, &stored.body, score, &snippets),
            why,
        });
    }
    Ok(like.results(source, total, hits, facets))
}

/// The first `n` distinct words of `terms` (a compound's parts share its word).
pub fn unique_words<'a>(terms: impl Iterator<Item = &'a WeightedTerm>, n: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for term in terms {
        if !words.contains(&term.word) {
            words.push(term.word.clone());
        }
        if words.len() == n {
            break;
        }
    }
    words
}
