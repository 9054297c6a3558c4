//! The OpenSearch index nota creates, made from nota's own definitions rather than a copy of
//! them: the schema's fields ([`crate::index::schema`]) as mappings, and the Dutch chain
//! ([`crate::analysis::chain`]) in OpenSearch's terms:
//!
//! | nota | OpenSearch |
//! |---|---|
//! | lowercase, accent folding | `lowercase`, `asciifolding` |
//! | Snowball's Dutch stop words | `stop` with `_dutch_` (the same Snowball list) |
//! | `data/stem_overrides.txt` | `stemmer_override` with the same rules |
//! | Dutch Porter stemmer | `snowball` `Dutch` (the same Porter algorithm) |
//! | doubled final consonant undoubled | `pattern_replace` |
//! | `data/synonyms.txt`, at search time | `synonym_graph` in `nota_query_synonyms` |
//! | compound splitting (lexicon, scored) | `dictionary_decompounder` over the lexicon's parts (in `nota_nl`, for text sent without nota) |
//!
//! What OpenSearch cannot say (the decompounder's scoring, which splits `eenzaamheidsbestrijding`
//! once and well instead of at every word it contains; hyphen ellipsis; apostrophe plurals) nota
//! does before it sends: `body_terms` and `title_terms` hold the terms nota's own chain made, at
//! nota's positions, and are the searchable text. Their search analyzer is nota's query chain
//! with the synonyms, so that whoever queries them with OpenSearch's own tools (`_search`,
//! Dashboards) gets Dutch stems, compound parts and synonyms; `nota search --index URL`
//! searches them too (with the chain without synonyms: it expands them itself).

use serde_json::{json, Map, Value};

use crate::analysis::filters::{decompound, stem_override};
use crate::index::schema;

/// Bump when the mappings or the analysis change: nota refuses an index made by another
/// version (rebuild it with `--rebuild`).
pub const VERSION: &str = "nota-4";

/// Shortest compound part OpenSearch's decompounder looks for, in characters.
const MIN_PART_CHARS: usize = 4;

/// Primary shards and replicas of a new index: `NOTA_OPENSEARCH_SHARDS` and
/// `NOTA_OPENSEARCH_REPLICAS`, else 1 and 1 (a second copy on a second node).
pub fn shards_and_replicas() -> (u32, u32) {
    let var = |name: &str, default: u32| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    (
        var("NOTA_OPENSEARCH_SHARDS", 1),
        var("NOTA_OPENSEARCH_REPLICAS", 1),
    )
}

/// The body of `PUT /{index}`: settings with the analysis, and the mappings.
pub fn index_body(shards: u32, replicas: u32) -> Value {
    json!({
        "settings": {
            "index": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                // nota pages through its own documents (fingerprints) with search_after.
                "max_result_window": 10_000,
            },
            "analysis": analysis(),
        },
        "mappings": mappings(),
    })
}

/// The analysis settings: nota's chain in OpenSearch's filters.
pub fn analysis() -> Value {
    let overrides: Vec<String> = stem_override::all()
        .map(|(word, stem)| format!("{word} => {}", stem.unwrap_or(word)))
        .collect();
    let synonyms: Vec<String> = crate::search::expand::groups()
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|form| form.join(" "))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    let compounds = [
        "lowercase",
        "nota_decompound",
        "nota_stop",
        "asciifolding",
        "nota_overrides",
        "nota_stem",
        "nota_undouble",
    ];
    let search = [
        "lowercase",
        "nota_synonyms",
        "nota_stop",
        "asciifolding",
        "nota_overrides",
        "nota_stem",
        "nota_undouble",
    ];
    let query = [
        "lowercase",
        "nota_stop",
        "asciifolding",
        "nota_overrides",
        "nota_stem",
        "nota_undouble",
    ];
    json!({
        "filter": {
            "nota_stop": {"type": "stop", "stopwords": "_dutch_"},
            "nota_decompound": {
                "type": "dictionary_decompounder",
                "word_list": decompound::part_words(MIN_PART_CHARS),
                "min_subword_size": MIN_PART_CHARS,
                "only_longest_match": true,
            },
            "nota_overrides": {"type": "stemmer_override", "rules": overrides},
            "nota_stem": {"type": "snowball", "language": "Dutch"},
            "nota_undouble": {
                "type": "pattern_replace",
                "pattern": "([b-df-hj-np-tv-xz])\\1$",
                "replacement": "$1",
            },
            "nota_synonyms": {"type": "synonym_graph", "synonyms": synonyms},
            // nota's terms as sent (see [`terms_text`]): the terms of one position, then a
            // position of a stop word, given back as nota had them.
            "nota_same_position": {
                "type": "pattern_capture",
                "preserve_original": false,
                "patterns": ["([^|]+)"],
            },
            "nota_gap": {"type": "stop", "stopwords": [GAP], "ignore_case": false},
        },
        "analyzer": {
            // nota's terms as sent, read back at their positions.
            "nota_terms": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["nota_same_position", "nota_gap"],
            },
            // nota's query chain, for words searched in nota's terms: as nota sends its own
            // (expanded) queries, and with the synonyms for anyone else's.
            "nota_query": {"type": "custom", "tokenizer": "standard", "filter": query},
            "nota_query_synonyms": {"type": "custom", "tokenizer": "standard", "filter": search},
            // For Dutch text sent without nota: the chain with compound parts from nota's
            // lexicon. Not used by nota's fields: OpenSearch's decompounder, trying every part
            // at every place, tripled the cost of indexing (benches/opensearch.sh).
            "nota_nl": {"type": "custom", "tokenizer": "standard", "filter": compounds},
        },
    })
}

/// Field name of the terms nota's chain made of a text field.
pub fn terms_field(field: &str) -> String {
    format!("{field}_terms")
}

/// Stands for a position nota left empty (a stop word): removed again by the cluster's
/// analyzer, so that phrases see the same distances as in nota's index.
const GAP: &str = "_";

/// nota's tokens of a text as the cluster's `nota_terms` analyzer reads them back with their
/// positions: one word per position, the terms of one position joined by `|` (a compound and
/// its parts), [`GAP`] for a position without terms.
pub fn terms_text(tokens: &[tantivy::tokenizer::Token]) -> String {
    let mut out = String::new();
    let mut position = None;
    for token in tokens {
        match position {
            Some(p) if p == token.position => out.push('|'),
            Some(p) => {
                for _ in p + 1..token.position {
                    out.push(' ');
                    out.push_str(GAP);
                }
                out.push(' ');
            }
            None => {}
        }
        position = Some(token.position);
        out.push_str(&token.text);
    }
    out
}

/// The mappings: every field of nota's schema, facets as keywords (for filters and
/// aggregations), the year as an integer; the texts kept as written (for snippets and `show`)
/// and searched in nota's terms. Analysing the texts again on the cluster, as well, took it
/// twice as long to index 40 MB (13.8 s against 7.2 s).
pub fn mappings() -> Value {
    let mut properties = Map::new();
    let text = json!({"type": "text", "index": false});
    let terms = json!({
        "type": "text",
        "analyzer": "nota_terms",
        "search_analyzer": "nota_query_synonyms",
    });
    for field in [schema::TITLE, schema::BODY] {
        properties.insert(field.to_string(), text.clone());
        properties.insert(terms_field(field), terms.clone());
    }
    properties.insert(schema::PATH.into(), json!({"type": "keyword"}));
    properties.insert(
        schema::FINGERPRINT.into(),
        json!({"type": "keyword", "index": false}),
    );
    properties.insert(schema::YEAR.into(), json!({"type": "integer"}));
    for facet in facet_fields() {
        properties.insert(facet.to_string(), json!({"type": "keyword"}));
    }
    properties.insert(
        schema::META.into(),
        json!({"type": "object", "enabled": false}),
    );
    properties.insert(schema::MINHASH.into(), json!({"type": "binary"}));
    json!({
        "dynamic": "strict",
        "_meta": {"nota": VERSION},
        "properties": properties,
    })
}

/// The facet fields of the schema, kept as keywords on the cluster (the year is counted on
/// its integer field).
pub fn facet_fields() -> [&'static str; 7] {
    [
        schema::PROVINCE,
        schema::THEME,
        schema::ROLE,
        schema::DOC_TYPE,
        schema::SCOPE,
        schema::MUNICIPALITY,
        schema::AUTHOR,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_their_positions() {
        let token = |text: &str, position| tantivy::tokenizer::Token {
            text: text.to_string(),
            position,
            ..Default::default()
        };
        // "De jeugdzorg van de gemeente": two stop words between.
        let tokens = [
            token("jeugdzorg", 1),
            token("jeugd", 1),
            token("zorg", 1),
            token("gemeent", 4),
        ];
        assert_eq!(terms_text(&tokens), "jeugdzorg|jeugd|zorg _ _ gemeent");
    }

    #[test]
    fn every_schema_field_is_mapped() {
        let mappings = mappings();
        let properties = mappings["properties"].as_object().unwrap();
        for entry in schema::schema().fields() {
            let name = entry.1.name();
            // The year facet is the integer year on the cluster.
            if name == schema::YEAR_FACET {
                continue;
            }
            assert!(properties.contains_key(name), "{name} is not mapped");
        }
    }

    #[test]
    fn the_chain_carries_nota_s_data() {
        let analysis = analysis();
        let rules = analysis["filter"]["nota_overrides"]["rules"]
            .as_array()
            .unwrap();
        assert!(rules.iter().any(|r| r == "ouderen => ouderen"), "{rules:?}");
        let words = analysis["filter"]["nota_decompound"]["word_list"]
            .as_array()
            .unwrap();
        for part in ["jeugd", "zorg", "bestrijding"] {
            assert!(words.iter().any(|w| w == part), "{part} missing");
        }
        let synonyms = analysis["filter"]["nota_synonyms"]["synonyms"]
            .as_array()
            .unwrap();
        assert!(synonyms
            .iter()
            .any(|s| s == "wmo, wet maatschappelijke ondersteuning"));
    }
}
