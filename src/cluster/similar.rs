//! `nota similar --index URL`: precedents on a cluster, found as on a folder
//! ([`crate::search::similar`]): the source's distinctive terms (weighed against the cluster's
//! document frequencies, read with `_termvectors` for the source's own terms), its themes and
//! roles, as one weighted query on nota's terms; each hit says why.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use super::client::Client;
use super::definition::{terms_field, terms_text};
use super::query::{aggregations, facets_of};
use crate::analysis::dutch::dutch_analyzer;
use crate::analysis::{analyze_terms, analyze_tokens};
use crate::error::NotaError;
use crate::index::document::StoredDoc;
use crate::index::schema;
use crate::metadata::{DocMeta, Taxonomy};
use crate::search::similar::{
    weigh_terms, Likeness, SimilarHit, SimilarResults, Source, TITLE_WEIGHT,
};
use crate::search::{Filters, Hit};

/// Finds the documents on the cluster most like `source`.
pub fn similar(
    client: &Client,
    source: &Source,
    taxonomy: &Taxonomy,
    filters: &Filters,
    limit: usize,
) -> Result<SimilarResults, NotaError> {
    client.check_health()?;
    let mut analyzer = dutch_analyzer();
    let tokens = analyze_tokens(&mut analyzer, &source.text);
    let (docs, doc_freq) = term_statistics(client, &tokens)?;
    let like = Likeness::of(source, &tokens, taxonomy, &mut analyzer, |text| {
        weigh_terms(&tokens, text, docs, |term| doc_freq.get(term).copied())
    });
    if like.terms.is_empty() && like.described.themes.is_empty() {
        return Err(NotaError::Usage(format!(
            "{}: no words in it that the index knows, so nothing can be like it",
            source.name
        )));
    }
    let body = request_body(&like, filters, source.exclude_path.as_deref(), limit);
    let answer = client.json("POST", &client.index_path("/_search"), Some(&body))?;
    let weights = like
        .terms
        .iter()
        .map(|t| (t.term.clone(), t.weight))
        .collect();
    let snippets = super::search::snippets_of(weights, &[]);
    let mut hits = Vec::new();
    for hit in answer["hits"]["hits"].as_array().into_iter().flatten() {
        let Some(stored) = stored_of(&hit["_source"]) else {
            continue;
        };
        let own: HashSet<String> = analyze_terms(&mut analyzer, &stored.body)
            .into_iter()
            .collect();
        let why = like.why(&stored.meta, &own);
        let score = hit["_score"].as_f64().unwrap_or(0.0) as f32;
        hits.push(SimilarHit {
            hit: Hit::of(stored.path, stored.meta, &stored.body, score, &snippets),
            why,
        });
    }
    let total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
    Ok(like.results(source, total, hits, facets_of(&answer)))
}

/// The number of documents with a body and, per term of the source, how many hold it: the
/// cluster's term statistics for the source as an artificial document (on an index of several
/// shards, those of the shard it would go to).
fn term_statistics(
    client: &Client,
    tokens: &[tantivy::tokenizer::Token],
) -> Result<(u64, HashMap<String, u64>), NotaError> {
    let field = terms_field(schema::BODY);
    let body = json!({
        "doc": {field.as_str(): terms_text(tokens)},
        "fields": [field],
        "term_statistics": true,
        "field_statistics": true,
        "positions": false,
        "offsets": false,
    });
    let answer = client.json("POST", &client.index_path("/_termvectors"), Some(&body))?;
    let vectors = &answer["term_vectors"][field.as_str()];
    let docs = vectors["field_statistics"]["doc_count"]
        .as_u64()
        .unwrap_or(0);
    let freqs = vectors["terms"]
        .as_object()
        .map(|terms| {
            terms
                .iter()
                .filter_map(|(term, stats)| Some((term.clone(), stats["doc_freq"].as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    Ok((docs, freqs))
}

/// The `_search` body: the source's terms (in the body and, weighing more, the title), themes
/// and roles as one weighted query, the filters, the source itself left out.
fn request_body(like: &Likeness, filters: &Filters, exclude: Option<&str>, limit: usize) -> Value {
    let mut should = Vec::new();
    for t in &like.terms {
        for (field, boost) in [(schema::BODY, 1.0), (schema::TITLE, TITLE_WEIGHT)] {
            should.push(json!({"term": {terms_field(field): {
                "value": t.term,
                "boost": t.weight * boost,
            }}}));
        }
    }
    let (theme_weight, role_weight) = like.label_weights();
    for (field, values, boost) in [
        (schema::THEME, &like.described.themes, theme_weight),
        (schema::ROLE, &like.described.roles, role_weight),
    ] {
        for value in values {
            should.push(json!({"constant_score": {
                "filter": {"term": {field: value}},
                "boost": boost,
            }}));
        }
    }
    let mut query = json!({"bool": {
        "must": [{"bool": {"should": should}}],
        "filter": super::search::filters(filters),
    }});
    if let Some(path) = exclude {
        query["bool"]["must_not"] = json!([{"term": {schema::PATH: path}}]);
    }
    json!({
        "size": limit,
        "track_total_hits": true,
        "query": query,
        "aggs": aggregations(),
        "_source": {"excludes": [
            terms_field(schema::TITLE),
            terms_field(schema::BODY),
            schema::MINHASH,
        ]},
    })
}

/// A stored document from a hit's `_source`.
pub fn stored_of(source: &Value) -> Option<StoredDoc> {
    let meta: DocMeta = serde_json::from_value(source[schema::META].clone()).ok()?;
    Some(StoredDoc {
        path: source[schema::PATH].as_str()?.to_string(),
        meta,
        body: source[schema::BODY]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    })
}
