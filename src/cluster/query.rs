//! Reading a cluster's index the way nota reads a folder's: counts per province, year, theme,
//! role, type, municipality and author as OpenSearch aggregations, the index's statistics
//! (`nota stats --index URL`), and one document by its path (`nota show --index URL`).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::client::Client;
use crate::error::NotaError;
use crate::index::document::StoredDoc;
use crate::index::schema;
use crate::search::stats::Stats;
use crate::search::Facets;

/// Values counted per facet, at most.
const FACET_VALUES: usize = 1_000;

/// The facet fields as nota names them in its answers, and their field on the cluster.
const FACETS: [&str; 7] = [
    schema::PROVINCE,
    schema::YEAR,
    schema::THEME,
    schema::ROLE,
    schema::DOC_TYPE,
    schema::MUNICIPALITY,
    schema::AUTHOR,
];

/// The aggregations that count every facet.
pub fn aggregations() -> Value {
    let mut aggs = Map::new();
    for field in FACETS {
        aggs.insert(
            field.to_string(),
            json!({"terms": {"field": field, "size": FACET_VALUES}}),
        );
    }
    Value::Object(aggs)
}

/// The facet counts in a search answer made with [`aggregations`].
pub fn facets_of(answer: &Value) -> Facets {
    let counts = |field: &str| -> BTreeMap<String, u64> {
        answer["aggregations"][field]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        let key = match &b["key"] {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            _ => return None,
                        };
                        Some((key, b["doc_count"].as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Facets {
        province: counts(schema::PROVINCE),
        year: counts(schema::YEAR),
        theme: counts(schema::THEME),
        role: counts(schema::ROLE),
        doc_type: counts(schema::DOC_TYPE),
        municipality: counts(schema::MUNICIPALITY),
        author: counts(schema::AUTHOR),
    }
}

/// Number of documents, size on the cluster (primaries and replicas) and the facet counts.
pub fn stats(client: &Client) -> Result<Stats, NotaError> {
    client.check_health()?;
    let body = json!({
        "size": 0,
        "track_total_hits": true,
        "query": {"match_all": {}},
        "aggs": aggregations(),
    });
    let answer = client.json("POST", &client.index_path("/_search"), Some(&body))?;
    let stored = client.json("GET", &client.index_path("/_stats/store"), None)?;
    Ok(Stats {
        index: client.cluster().to_string(),
        documents: answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize,
        size_bytes: stored["_all"]["total"]["store"]["size_in_bytes"]
            .as_u64()
            .unwrap_or(0),
        facets: facets_of(&answer),
    })
}

/// The document stored for `path` (as indexed, or with a leading `./`), if any.
pub fn document(client: &Client, path: &str) -> Result<Option<StoredDoc>, NotaError> {
    client.check_health()?;
    for key in [path, path.trim_start_matches("./")] {
        let id = percent_encoded(key);
        let answer = client.send("GET", &client.index_path(&format!("/_doc/{id}")), None)?;
        if answer.status == 404 && answer.body["found"] == false {
            continue;
        }
        if !answer.ok() {
            // No such index, and any other refusal, said in plain words.
            client.json("GET", &client.index_path(""), None)?;
            return Err(client.error(format!("_doc: {}", answer.reason())));
        }
        let source = &answer.body["_source"];
        let meta = serde_json::from_value(source[schema::META].clone())
            .map_err(|e| client.error(format!("the document of {path} has no metadata: {e}")))?;
        return Ok(Some(StoredDoc {
            path: source[schema::PATH].as_str().unwrap_or(path).to_string(),
            meta,
            body: source[schema::BODY]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        }));
    }
    Ok(None)
}

/// `text` as one segment of a URL path (all but unreserved characters escaped).
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The near-duplicate groups of the cluster's index (`nota duplicates --index URL`), from the
/// MinHash signatures stored with each document, as on a folder.
pub fn duplicates(
    client: &Client,
    threshold: f32,
) -> Result<crate::search::duplicates::Duplicates, NotaError> {
    use crate::index::signature::Signature;
    use crate::search::duplicates::{answer, group, groups_of, Member};
    client.check_health()?;
    let mut signatures: Vec<(Member, Signature)> = Vec::new();
    let fields = [schema::PATH, schema::MINHASH, schema::YEAR, "meta.title"];
    client.each_document(&fields, |source| {
        let signature = signature_of(source);
        if let (Some(path), Some(signature)) = (source[schema::PATH].as_str(), signature) {
            let member = Member {
                path: path.to_string(),
                title: source["meta"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                year: source[schema::YEAR]
                    .as_i64()
                    .and_then(|y| i32::try_from(y).ok()),
            };
            signatures.push((member, signature));
        }
    })?;
    let groups = groups_of(&signatures, threshold)
        .into_iter()
        .map(|(similarity, members)| {
            group(
                similarity,
                members.iter().map(|&i| signatures[i].0.clone()).collect(),
            )
        })
        .collect();
    Ok(answer(threshold, signatures.len(), groups))
}

/// The MinHash signature stored (base64) in a document's `_source`.
pub fn signature_of(source: &Value) -> Option<crate::index::signature::Signature> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(source[schema::MINHASH].as_str()?)
        .ok()?;
    crate::index::signature::Signature::from_bytes(&bytes)
}
