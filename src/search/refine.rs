//! What a search could become, for a reader who wants to compare, correct or widen it: the counts
//! of each facet's values with that facet's own selection left out (disjunctive faceting, so
//! that ticking Flevoland still shows how many Utrecht would add), a spelling suggestion from the
//! index's own terms ("Bedoelde u …?"), and for a search without hits the counts it would get
//! with one word or one filter dropped.
//!
//! Facet counts and relaxations are asked of the backend as plain searches without hits, so they
//! work alike on an index folder and a cluster; suggestions read the folder's term dictionary.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{FuzzyTermQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use super::{Facets, Filters, Request, Results};
use crate::analysis::analyze_tokens;
use crate::error::NotaError;
use crate::index::{document, NotaIndex};

/// The URL parameter each facet filters, in the order the page shows them.
pub const FACET_PARAMS: [(&str, &str); 7] = [
    ("province", "province"),
    ("municipality", "municipality"),
    ("year", "year"),
    ("theme", "theme"),
    ("role", "role"),
    ("doc_type", "type"),
    ("author", "author"),
];

/// `filters` without the selection of `facet` (a name of [`FACET_PARAMS`]), or `None` when
/// they select nothing there.
fn without(filters: &Filters, facet: &str) -> Option<Filters> {
    let mut out = filters.clone();
    match facet {
        "province" => out.provinces.clear(),
        "municipality" => out.municipalities.clear(),
        "year" => out.year = None,
        "theme" => out.themes.clear(),
        "role" => out.roles.clear(),
        "doc_type" => out.doc_types.clear(),
        "author" => out.authors.clear(),
        _ => {}
    }
    (out != *filters).then_some(out)
}

/// The counts of one facet in `facets`.
fn facet_mut<'f>(facets: &'f mut Facets, facet: &str) -> Option<&'f mut BTreeMap<String, u64>> {
    Some(match facet {
        "province" => &mut facets.province,
        "municipality" => &mut facets.municipality,
        "year" => &mut facets.year,
        "theme" => &mut facets.theme,
        "role" => &mut facets.role,
        "doc_type" => &mut facets.doc_type,
        "author" => &mut facets.author,
        _ => return None,
    })
}

/// A search for counts only: `request` with other filters and no hits.
fn counting(request: &Request, filters: Filters, query: &str) -> Request {
    Request {
        query: query.to_string(),
        filters,
        limit: 0,
        collapse: false,
        ..request.clone()
    }
}

/// The facet counts of `results` (the answer to `request`) with, for every facet that has a
/// selection, that facet's counts taken without its own selection: the counts a reader compares
/// values by and adds a second one from. `run` answers a search.
pub fn disjunctive_facets(
    request: &Request,
    results: &Results,
    run: impl Fn(&Request) -> Result<Results, NotaError>,
) -> Result<Facets, NotaError> {
    let mut facets = results.facets.clone();
    for (facet, _) in FACET_PARAMS {
        let Some(wider) = without(&request.filters, facet) else {
            continue;
        };
        let mut wider = run(&counting(request, wider, &request.query))?.facets;
        if let (Some(target), Some(source)) =
            (facet_mut(&mut facets, facet), facet_mut(&mut wider, facet))
        {
            std::mem::swap(target, source);
        }
    }
    Ok(facets)
}

/// A search with one word or one filter left out, and how many documents it finds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Relaxation {
    /// `word` or the URL parameter of the filter dropped (`province`, `year`, `type`, …).
    pub drop: String,
    /// The word, or the filter's values as chosen.
    pub value: String,
    /// The query text after the drop (the same text when a filter is dropped).
    pub query: String,
    /// Documents found then.
    pub total: usize,
}

/// Most words a query may have for each to be dropped in turn (one search each).
const MAX_DROPPED_WORDS: usize = 8;
/// Longest word, in characters, a close word is looked for.
const MAX_SUGGESTED_CHARS: usize = 30;
/// Bytes of a document read to find how a suggested word is written.
const SURFACE_BYTES: usize = 64 * 1024;

/// The words of a query a reader can drop or correct one by one: plain words, not operators,
/// exclusions or phrases.
fn plain_words(query: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let plain = words.iter().all(|w| {
        w.chars().all(|c| c.is_alphanumeric() || "-'’".contains(c))
            && !w.starts_with('-')
            && !matches!(*w, "AND" | "OR" | "NOT")
    });
    plain.then_some(words)
}

/// For a search without hits: the counts with each word dropped (when the query has two to
/// [`MAX_DROPPED_WORDS`] plain words) and with each filter dropped, those that find something first, most first.
pub fn relaxations(
    request: &Request,
    run: impl Fn(&Request) -> Result<Results, NotaError>,
) -> Result<Vec<Relaxation>, NotaError> {
    let mut out = Vec::new();
    let droppable = |w: &Vec<&str>| (2..=MAX_DROPPED_WORDS).contains(&w.len());
    if let Some(words) = plain_words(&request.query).filter(droppable) {
        for (i, word) in words.iter().enumerate() {
            let rest: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, w)| *w)
                .collect();
            let query = rest.join(" ");
            let total = run(&counting(request, request.filters.clone(), &query))?.total;
            out.push(Relaxation {
                drop: "word".to_string(),
                value: (*word).to_string(),
                query,
                total,
            });
        }
    }
    for (facet, param) in FACET_PARAMS {
        let Some(wider) = without(&request.filters, facet) else {
            continue;
        };
        let total = run(&counting(request, wider, &request.query))?.total;
        out.push(Relaxation {
            drop: param.to_string(),
            value: chosen(&request.filters, facet),
            query: request.query.clone(),
            total,
        });
    }
    out.sort_by_key(|r| (r.total == 0, std::cmp::Reverse(r.total)));
    Ok(out)
}

/// The values chosen in a facet, as a reader reads them.
fn chosen(filters: &Filters, facet: &str) -> String {
    let list = |values: &[String]| values.join(", ");
    match facet {
        "province" => list(&filters.provinces),
        "municipality" => list(&filters.municipalities),
        "theme" => list(&filters.themes),
        "role" => list(&filters.roles),
        "doc_type" => list(&filters.doc_types),
        "author" => list(&filters.authors),
        "year" => filters.year.map(|y| y.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// "Bedoelde u …?": the query with its unknown or rare words replaced by close words of the
/// index, and how many documents that finds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Suggestion {
    /// The query as suggested.
    pub query: String,
    /// Each word replaced, and its replacement.
    pub replaced: Vec<(String, String)>,
    /// Documents the suggested query finds.
    pub total: usize,
}

/// A word that occurs in fewer documents than this may be a typo of a far more frequent one.
const RARE: u64 = 3;
/// How many times more documents a close word must have than a rare word to replace it.
const MORE_FREQUENT: u64 = 20;

/// The most frequent term of the body within the edit distance a word of this length allows (one
/// up to seven letters, two from eight; none under four), with its document frequency.
fn closest_term(
    nota: &NotaIndex,
    term: &str,
    own_df: u64,
) -> Result<Option<(String, u64)>, NotaError> {
    let letters = term.chars().count();
    let distance = match letters {
        0..=3 => return Ok(None),
        4..=7 => 1,
        _ => 2,
    };
    let fuzzy = FuzzyTermQuery::new(
        Term::from_field_text(nota.fields.body, term),
        distance,
        true,
    );
    let automaton = fuzzy.automaton()?;
    let searcher = nota.reader.searcher();
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(nota.fields.body)?;
        let mut stream = inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(text) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if text != term {
                *found.entry(text.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    // The nearest first, then the most frequent.
    Ok(found
        .into_iter()
        .filter(|(_, df)| *df >= (own_df.max(1)) * MORE_FREQUENT || own_df == 0)
        .min_by_key(|(candidate, df)| {
            (
                strsim::damerau_levenshtein(term, candidate),
                std::cmp::Reverse(*df),
            )
        }))
}

/// The word as written in a document that holds `term` as a whole word (not as a part of a
/// compound), lowercased.
fn surface_form(nota: &NotaIndex, term: &str) -> Result<Option<String>, NotaError> {
    let searcher = nota.reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(nota.fields.body, term),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&query, &TopDocs::with_limit(3).order_by_score())?;
    for (_, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let body = document::body(&nota.fields, &doc);
        let body = &body[..crate::metadata::floor_boundary(body, SURFACE_BYTES)];
        let tokens = nota.with_analyzer(|a| analyze_tokens(a, body));
        let mut last_position = usize::MAX;
        for token in tokens {
            // The first token at a position is the whole word; the others are its parts.
            let whole = token.position != last_position;
            last_position = token.position;
            if whole && token.text == term {
                return Ok(body
                    .get(token.offset_from..token.offset_to)
                    .map(str::to_lowercase));
            }
        }
    }
    Ok(None)
}

/// A suggestion for `request`'s query when one of its words is unknown to the index or rare
/// beside a close, far more frequent word, and the suggested query finds at least as many as
/// `total` (the typo may already find documents through the word's family).
pub fn suggest(
    nota: &NotaIndex,
    request: &Request,
    total: usize,
    run: impl Fn(&Request) -> Result<Results, NotaError>,
) -> Result<Option<Suggestion>, NotaError> {
    let Some(words) = plain_words(&request.query) else {
        return Ok(None);
    };
    let searcher = nota.reader.searcher();
    let mut replaced = Vec::new();
    let mut suggested = Vec::with_capacity(words.len());
    for word in words {
        let tokens = nota.with_analyzer(|a| analyze_tokens(a, word));
        // A stopword, a word the analyser splits (a number, a hyphenated pair) or a very long
        // one: left alone.
        let whole = tokens.iter().all(|t| t.position == 0);
        let Some(first) = tokens
            .first()
            .filter(|_| whole && word.chars().count() <= MAX_SUGGESTED_CHARS)
        else {
            suggested.push(word.to_string());
            continue;
        };
        let df = searcher.doc_freq(&Term::from_field_text(nota.fields.body, &first.text))?;
        let better = if df < RARE {
            match closest_term(nota, &first.text, df)? {
                Some((term, _)) => surface_form(nota, &term)?,
                None => None,
            }
        } else {
            None
        };
        match better {
            Some(new) if new != word.to_lowercase() => {
                replaced.push((word.to_string(), new.clone()));
                suggested.push(new);
            }
            _ => suggested.push(word.to_string()),
        }
    }
    if replaced.is_empty() {
        return Ok(None);
    }
    let query = suggested.join(" ");
    let found = run(&counting(request, request.filters.clone(), &query))?.total;
    Ok((found > 0 && found >= total).then_some(Suggestion {
        query,
        replaced,
        total: found,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_words_are_dropped_one_by_one() {
        assert_eq!(
            plain_words("jeugdzorg Overijssel"),
            Some(vec!["jeugdzorg", "Overijssel"])
        );
        assert_eq!(plain_words("\"zorg en welzijn\" ouderen"), None);
        assert_eq!(plain_words("zorg OR welzijn"), None);
        assert_eq!(plain_words("thema's zorg-"), Some(vec!["thema's", "zorg-"]));
        assert_eq!(
            plain_words("ouderen -jeugdzorgg"),
            None,
            "an exclusion stays one"
        );
    }

    #[test]
    fn a_facet_is_dropped_alone() {
        let filters = Filters {
            provinces: vec!["Flevoland".into(), "Utrecht".into()],
            themes: vec!["ouderen".into()],
            ..Filters::default()
        };
        let wider = without(&filters, "province").expect("a province is chosen");
        assert!(wider.provinces.is_empty());
        assert_eq!(wider.themes, ["ouderen"]);
        assert_eq!(chosen(&filters, "province"), "Flevoland, Utrecht");
        assert!(without(&filters, "theme").is_some() && without(&filters, "year").is_none());
    }
}
