//! `nota search --index URL`: nota's query on a cluster. The text is read and expanded as on a
//! folder (forgiven syntax, synonyms, compound parts, joined words, word families; words known
//! from the lexicon), and searched as an OpenSearch `query_string` in nota's own terms
//! (`title_terms`, `body_terms`, whose search analyzer is nota's query chain); the filters are
//! `terms` and `range` filters, the facet counts aggregations, the proximity bonus a rescoring
//! of the first hits (the same window and weights as [`crate::search::rescore`]), and the
//! snippets are made by nota from each hit's stored text.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::client::Client;
use super::definition::terms_field;
use super::query::{aggregations, facets_of, signature_of};
use crate::analysis::analyze_terms;
use crate::analysis::dutch::{query_analyzers, snippet_analyzer};
use crate::error::NotaError;
use crate::index::schema;
use crate::index::signature::Signature;
use crate::metadata::DocMeta;
use crate::search::duplicates::{collapse_signatures, kept, DEFAULT_THRESHOLD};
use crate::search::expand::{expand, Expanded, Expander};
use crate::search::query::{PROXIMITY_BOOST, PROXIMITY_SLOP, TITLE_BOOST};
use crate::search::rescore::WINDOW as RESCORE_WINDOW;
use crate::search::snippet::{words_of, Snippets};
use crate::search::{forgive, Filters, Hit, Request, Results, Signal, Sort};

/// A search with the whole index's term statistics (as a folder's), whatever its shards.
const SEARCH: &str = "/_search?search_type=dfs_query_then_fetch";

/// Runs `request` against the cluster's index.
pub fn search(client: &Client, request: &Request) -> Result<Results, NotaError> {
    let mut notes = Vec::new();
    let text = if request.strict {
        request.query.clone()
    } else {
        let forgiven = forgive::forgive(&request.query, |name| {
            matches!(name, schema::TITLE | schema::BODY)
        });
        notes.extend(forgiven.notes);
        forgiven.query
    };
    let known = |word: &str| crate::analysis::filters::decompound::is_word(word);
    let expander = Expander {
        signals: request.signals,
        known: &known,
    };
    let expanded = expand(&text, &expander);
    let body = request_body(request, &expanded.query, &expanded.near);
    let answer = client.send(
        "POST",
        &client.index_path(SEARCH),
        Some(("application/json", body.to_string().into_bytes())),
    )?;
    let (answer, expanded): (Value, Expanded) = if answer.status == 400 && !request.strict {
        // Syntax OpenSearch cannot read: its words, as on a folder.
        notes.push(format!(
            "nota could not read the query as syntax ({}), so it searched its words",
            answer.reason()
        ));
        let words = forgive::words_only(&text);
        let expanded = expand(&words, &expander);
        let body = request_body(request, &expanded.query, &expanded.near);
        let answer = client.json("POST", &client.index_path(SEARCH), Some(&body))?;
        (answer, expanded)
    } else if answer.ok() {
        (answer.body, expanded)
    } else if answer.status == 400 {
        return Err(NotaError::Query {
            query: request.query.clone(),
            reason: answer.reason(),
        });
    } else {
        client.json("GET", &client.index_path(""), None)?;
        return Err(client.error(format!("_search: {}", answer.reason())));
    };
    let snippets = snippets(&expanded.query, &request.query);
    let mut found: Vec<&Value> = answer["hits"]["hits"]
        .as_array()
        .map(|hits| hits.iter().collect())
        .unwrap_or_default();
    let mut collapsed = 0;
    if request.collapse {
        // Near-copies of a better hit folded away, as on a folder.
        let signatures: Vec<Option<Signature>> = found
            .iter()
            .map(|hit| signature_of(&hit["_source"]))
            .collect();
        let keep = collapse_signatures(&signatures, DEFAULT_THRESHOLD);
        (found, collapsed) = kept(found, &keep, request.limit);
    }
    let mut hits: Vec<Hit> = found
        .into_iter()
        .filter_map(|hit| hit_of(hit, request, &snippets))
        .collect();
    let short = request.limit.saturating_sub(hits.len());
    let most = || crate::search::query::most_words(&expanded.query);
    if let (false, true, Some(most)) = (request.all_words, short > 0, most()) {
        // Fewer than a page hold all the words: go on with those that hold most of them.
        let body = most_body(request, &expanded.query, most, short);
        let more = client.json("POST", &client.index_path(SEARCH), Some(&body))?;
        for hit in more["hits"]["hits"].as_array().into_iter().flatten() {
            if let Some(mut hit) = hit_of(hit, request, &snippets) {
                hit.partial = true;
                hits.push(hit);
            }
        }
    }
    Ok(Results {
        query: request.query.clone(),
        total: answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize,
        hits,
        facets: facets_of(&answer),
        collapsed,
        notes,
    })
}

/// The `_search` body for the expanded query text `query`, the request's filters, sort and
/// limit, and the proximity pairs `near`.
fn request_body(request: &Request, query: &str, near: &[(String, String)]) -> Value {
    let title_boost = if request.signals.on(Signal::Title) {
        TITLE_BOOST
    } else {
        1.0
    };
    let text = if query.trim().is_empty() {
        json!({"match_all": {}})
    } else {
        text_clause(query, title_boost, None)
    };
    // With --collapse, extra hits to fold near-copies from (as on a folder).
    let size = if request.collapse {
        request.limit * 4 + 10
    } else {
        request.limit
    };
    let mut source_excludes = vec![terms_field(schema::TITLE), terms_field(schema::BODY)];
    if !request.collapse {
        source_excludes.push(schema::MINHASH.to_string());
    }
    let mut body = json!({
        "size": size,
        "track_total_hits": true,
        "query": {"bool": {"must": [text], "filter": filters(&request.filters)}},
        "aggs": aggregations(),
        "_source": {"excludes": source_excludes},
    });
    match request.sort {
        Sort::Date => {
            body["sort"] = json!([{schema::YEAR: {"order": "desc", "missing": "_last"}}, "_score"]);
        }
        Sort::Relevance if request.signals.on(Signal::Proximity) && !near.is_empty() => {
            body["rescore"] = json!({
                "window_size": RESCORE_WINDOW.max(size),
                "query": {
                    "rescore_query": proximity(near, title_boost),
                    "query_weight": 1.0,
                    "rescore_query_weight": 1.0,
                    "score_mode": "total",
                },
            });
        }
        Sort::Relevance => {}
    }
    body
}

/// The expanded query text as a `query_string` over nota's terms, every word required; with
/// `most`, a query for at least that many of its words (each word with its expansions, one
/// `query_string` each: OpenSearch would ask the minimum of every group in brackets too).
fn text_clause(query: &str, title_boost: f32, most: Option<usize>) -> Value {
    let Some(most) = most else {
        return words_clause(query, title_boost);
    };
    let (mut should, mut must_not) = (Vec::new(), Vec::new());
    for piece in top_level_pieces(query) {
        match piece.strip_prefix('-') {
            Some(excluded) => must_not.push(words_clause(excluded, title_boost)),
            None => should.push(words_clause(&piece, title_boost)),
        }
    }
    json!({"bool": {"should": should, "must_not": must_not, "minimum_should_match": most}})
}

/// The pieces of `query` at the top level: words and bracketed groups, with their `~N` and
/// `^B`, split at spaces outside brackets and quotes.
fn top_level_pieces(query: &str) -> Vec<String> {
    let (mut pieces, mut piece) = (Vec::new(), String::new());
    let (mut depth, mut quoted) = (0usize, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 && !quoted => {
                if !piece.is_empty() {
                    pieces.push(std::mem::take(&mut piece));
                }
                continue;
            }
            _ => {}
        }
        piece.push(c);
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// A `query_string` over nota's terms with every word required.
fn words_clause(query: &str, title_boost: f32) -> Value {
    json!({"query_string": {
        "query": in_terms_fields(query),
        "fields": [
            format!("{}^{title_boost}", terms_field(schema::TITLE)),
            terms_field(schema::BODY),
        ],
        "default_operator": "AND",
        // nota has expanded the synonyms itself.
        "analyzer": "nota_query",
        // A word found in the title and the body counts in both, as in nota's index.
        "type": "most_fields",
        "auto_generate_synonyms_phrase_query": false,
        "fuzzy_max_expansions": 0,
    }})
}

/// The documents that hold most of the words of `query` but not all of them (`most` words,
/// see [`crate::search::query::most_minimum`]), under the same filters: `short` of them, to fill
/// a page that has fewer documents with all the words.
fn most_body(request: &Request, query: &str, most: usize, short: usize) -> Value {
    let title_boost = if request.signals.on(Signal::Title) {
        TITLE_BOOST
    } else {
        1.0
    };
    json!({
        "size": short,
        "query": {"bool": {
            "must": [text_clause(query, title_boost, Some(most))],
            "must_not": [text_clause(query, title_boost, None)],
            "filter": filters(&request.filters),
        }},
        "_source": {"excludes": [
            terms_field(schema::TITLE),
            terms_field(schema::BODY),
            schema::MINHASH,
        ]},
    })
}

/// The proximity bonus: each pair near each other, in nota's terms of the title and body.
fn proximity(near: &[(String, String)], title_boost: f32) -> Value {
    let clauses: Vec<Value> = near
        .iter()
        .flat_map(|(a, b)| {
            [(schema::BODY, 1.0), (schema::TITLE, title_boost)].map(|(field, weight)| {
                json!({"match_phrase": {terms_field(field): {
                    "query": format!("{a} {b}"),
                    "analyzer": "nota_query",
                    "slop": PROXIMITY_SLOP,
                    "boost": PROXIMITY_BOOST * weight,
                }}})
            })
        })
        .collect();
    json!({"bool": {"should": clauses}})
}

/// `field:` of nota's syntax (`title:`, `body:`) as the fields of nota's terms.
fn in_terms_fields(query: &str) -> String {
    let mut out = query.to_string();
    for field in [schema::TITLE, schema::BODY] {
        out = out.replace(&format!("{field}:"), &format!("{}:", terms_field(field)));
    }
    out
}

/// The filters as OpenSearch filters: any of the values of each facet, the year's range.
pub fn filters(filters: &Filters) -> Vec<Value> {
    let mut out = Vec::new();
    for (field, values) in [
        (schema::PROVINCE, &filters.provinces),
        (schema::THEME, &filters.themes),
        (schema::ROLE, &filters.roles),
        (schema::DOC_TYPE, &filters.doc_types),
        (schema::MUNICIPALITY, &filters.municipalities),
        (schema::AUTHOR, &filters.authors),
    ] {
        if !values.is_empty() {
            out.push(json!({"terms": {field: values}}));
        }
    }
    if let Some(range) = filters.year {
        let mut bounds = serde_json::Map::new();
        if let Some(from) = range.from {
            bounds.insert("gte".into(), json!(from));
        }
        if let Some(to) = range.to {
            bounds.insert("lte".into(), json!(to));
        }
        out.push(json!({"range": {schema::YEAR: bounds}}));
    }
    out
}

/// Snippets marking the query's words as nota's query chain reads them.
fn snippets(expanded: &str, typed: &str) -> Snippets {
    let words = words_of(typed);
    let mut analyzer = query_analyzers()
        .get(crate::analysis::DUTCH)
        .unwrap_or_else(crate::analysis::dutch::dutch_query_analyzer);
    let weights: BTreeMap<String, f32> = words_of(expanded)
        .iter()
        .flat_map(|word| analyze_terms(&mut analyzer, word))
        .map(|term| (term, 1.0))
        .collect();
    snippets_of(weights, &words)
}

/// Snippets of hits' bodies, marking the terms of `weights` and locating them by those and by
/// `words` (as typed).
pub(super) fn snippets_of(weights: BTreeMap<String, f32>, words: &[String]) -> Snippets {
    let body = schema::schema()
        .get_field(schema::BODY)
        .expect("nota's schema has a body field");
    Snippets::weighted(&snippet_analyzer(), weights, body, words)
}

/// A hit of the answer as nota's [`Hit`].
fn hit_of(hit: &Value, request: &Request, snippets: &Snippets) -> Option<Hit> {
    let source = &hit["_source"];
    let path = source[schema::PATH].as_str()?.to_string();
    let meta: DocMeta = serde_json::from_value(source[schema::META].clone()).ok()?;
    let body = source[schema::BODY].as_str().unwrap_or_default();
    let score = if request.query.trim().is_empty() {
        0.0
    } else {
        hit["_score"].as_f64().unwrap_or(0.0) as f32
    };
    Some(Hit::of(path, meta, body, score, snippets))
}

#[cfg(test)]
mod tests {
    use super::top_level_pieces;

    #[test]
    fn the_top_level_is_split_at_spaces_outside_brackets_and_quotes() {
        assert_eq!(
            top_level_pieces(
                r#"eenzaamheid (jeugdzorg OR ("jeugd zorg"~2)^0.5) "raad van state" -x"#
            ),
            [
                "eenzaamheid",
                r#"(jeugdzorg OR ("jeugd zorg"~2)^0.5)"#,
                r#""raad van state""#,
                "-x"
            ]
        );
    }
}
