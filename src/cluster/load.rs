//! An indexing run's writes to a cluster ([`Loader`], the run's [`Sink`]): each prepared
//! document becomes one `_bulk` action (the file's path is its id, so a changed file replaces
//! its document), batched by bytes and sent by a few threads at once; a busy cluster (429, 503)
//! is retried with a growing pause; a document the cluster refuses is that file's failure in the
//! account, like a file nota could not read, and the rest goes on. The fingerprints kept with
//! each document make re-runs incremental exactly as on a folder.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use base64::Engine;
use serde_json::{json, Map, Value};
use tantivy::schema::{Field, Value as _};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::TantivyDocument;

use super::client::Client;
use super::definition::{self, terms_field, terms_text};
use super::Cluster;
use crate::analysis::analyze_tokens;
use crate::analysis::dutch::dutch_analyzer;
use crate::analysis::filters::memo::Tail;
use crate::error::{FailKind, FileError, NotaError};
use crate::index::document::IndexDoc;
use crate::index::handoff::{Handoff, HandoffAnalyzer};
use crate::index::run::plan::key_path;
use crate::index::run::{FileReport, Sink, Summary};
use crate::index::{schema, Fields};

/// A batch is sent once it holds this many bytes (one document larger than that goes alone).
const BATCH_BYTES: usize = 4 << 20;
/// Batches on their way at once.
const IN_FLIGHT: usize = 2;
/// Tries per batch while the cluster says it is busy, and the first pause (doubled each time).
const TRIES: u32 = 6;
const FIRST_PAUSE: Duration = Duration::from_millis(500);

/// A document waiting for its batch's answer, with what the account needs then.
struct Pending {
    key: String,
    /// `None` for a deletion.
    report: Option<(FileReport, bool)>,
}

/// One `_bulk` request: NDJSON lines and the documents they carry, in order.
#[derive(Default)]
struct Batch {
    lines: Vec<u8>,
    pending: Vec<Pending>,
}

/// What came of a batch: per document, `Ok` or the cluster's reason.
type Outcome = Result<Vec<(Pending, Result<(), String>)>, NotaError>;

/// Writes a run's documents to one OpenSearch index.
pub struct Loader {
    client: Client,
    fields: Fields,
    handoff: Arc<Handoff>,
    body: TextAnalyzer,
    title: TextAnalyzer,
    batch: Batch,
    batches: Option<SyncSender<Batch>>,
    outcomes: Receiver<Outcome>,
    senders: Vec<JoinHandle<()>>,
}

impl Loader {
    /// Opens the index on `cluster` for a run: created from nota's definitions when missing
    /// (deleted first when `rebuild`); an index made by another nota version is refused.
    pub fn open(cluster: &Cluster, rebuild: bool) -> Result<Loader, NotaError> {
        Loader::open_with(cluster, rebuild, true)
    }

    /// Opens an index that must exist already (for removing documents).
    fn open_existing(cluster: &Cluster) -> Result<Loader, NotaError> {
        Loader::open_with(cluster, false, false)
    }

    fn open_with(cluster: &Cluster, rebuild: bool, create: bool) -> Result<Loader, NotaError> {
        let client = Client::new(cluster);
        client.check_health()?;
        let exists = client.send("HEAD", &client.index_path(""), None)?.ok();
        if exists && rebuild {
            client.json("DELETE", &client.index_path(""), None)?;
        }
        if !exists && !create {
            // Said as for any request to a missing index.
            client.json("GET", &client.index_path(""), None)?;
        }
        if !exists || rebuild {
            let (shards, replicas) = definition::shards_and_replicas();
            let body = definition::index_body(shards, replicas);
            client.json("PUT", &client.index_path(""), Some(&body))?;
        } else {
            check_version(&client)?;
        }
        let fields = Fields::of(&schema::schema()).map_err(NotaError::Index)?;
        let handoff = Handoff::new();
        let (batches, work) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (results, outcomes) = mpsc::channel();
        let work = Arc::new(std::sync::Mutex::new(work));
        let senders = (0..IN_FLIGHT)
            .map(|_| {
                let (client, work, results) = (client.clone(), Arc::clone(&work), results.clone());
                std::thread::spawn(move || loop {
                    let next = work.lock().map(|w| w.recv());
                    let Ok(Ok(batch)) = next else { break };
                    if results.send(send_batch(&client, batch)).is_err() {
                        break;
                    }
                })
            })
            .collect();
        Ok(Loader {
            client,
            fields,
            body: HandoffAnalyzer::new(dutch_analyzer(), Tail::Dutch, &handoff).into(),
            title: dutch_analyzer(),
            handoff,
            batch: Batch::default(),
            batches: Some(batches),
            outcomes,
            senders,
        })
    }

    /// The schema's fields, for the run's documents.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// Where the run's documents leave their body's tokens for this loader.
    pub fn handoff(&self) -> Arc<Handoff> {
        Arc::clone(&self.handoff)
    }

    /// Path → fingerprint of every document in the index.
    pub fn fingerprints(&self) -> Result<HashMap<String, String>, NotaError> {
        fingerprints(&self.client)
    }

    /// The JSON document for the cluster: every field, and nota's terms of the texts.
    fn source(&mut self, doc: &TantivyDocument) -> Value {
        let f = self.fields;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str());
        let mut source = Map::new();
        for (name, field) in [(schema::PATH, f.path), (schema::FINGERPRINT, f.fingerprint)] {
            source.insert(name.into(), json!(text(field).unwrap_or_default()));
        }
        let title = text(f.title).unwrap_or_default();
        let body = text(f.body).unwrap_or_default();
        source.insert(schema::TITLE.into(), json!(title));
        source.insert(schema::BODY.into(), json!(body));
        source.insert(
            terms_field(schema::TITLE),
            json!(terms_text(&analyze_tokens(&mut self.title, title))),
        );
        // The very body the run left its tokens for: they are replayed, not analysed again.
        source.insert(
            terms_field(schema::BODY),
            json!(terms_text(&analyze_tokens(&mut self.body, body))),
        );
        if let Some(year) = doc.get_first(f.year).and_then(|v| v.as_u64()) {
            source.insert(schema::YEAR.into(), json!(year));
        }
        let facets = [
            (schema::PROVINCE, f.province),
            (schema::THEME, f.theme),
            (schema::ROLE, f.role),
            (schema::DOC_TYPE, f.doc_type),
            (schema::SCOPE, f.scope),
            (schema::MUNICIPALITY, f.municipality),
            (schema::AUTHOR, f.author),
        ];
        for (name, field) in facets {
            let values: Vec<String> = doc
                .get_all(field)
                .filter_map(|v| v.as_facet().map(|f| f.replace('\0', "/")))
                .collect();
            source.insert(name.into(), json!(values));
        }
        let meta = text(f.meta)
            .and_then(|m| serde_json::from_str::<Value>(m).ok())
            .unwrap_or(Value::Null);
        source.insert(schema::META.into(), meta);
        if let Some(bytes) = doc.get_first(f.minhash).and_then(|v| v.as_bytes()) {
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            source.insert(schema::MINHASH.into(), json!(encoded));
        }
        Value::Object(source)
    }

    /// Adds one action (and its document) to the batch; sends the batch when it is full.
    fn push(
        &mut self,
        summary: &mut Summary,
        action: Value,
        source: Option<Value>,
        pending: Pending,
    ) -> Result<(), NotaError> {
        let lines = &mut self.batch.lines;
        serde_json::to_writer(&mut *lines, &action)
            .map_err(|e| self.client.error(e.to_string()))?;
        lines.push(b'\n');
        if let Some(source) = source {
            serde_json::to_writer(&mut *lines, &source)
                .map_err(|e| self.client.error(e.to_string()))?;
            lines.push(b'\n');
        }
        self.batch.pending.push(pending);
        if self.batch.lines.len() >= BATCH_BYTES {
            self.flush(summary)?;
        }
        self.settle(summary, false)
    }

    /// Hands the batch to the senders.
    fn flush(&mut self, summary: &mut Summary) -> Result<(), NotaError> {
        if self.batch.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        let Some(batches) = &self.batches else {
            return Ok(());
        };
        if batches.send(batch).is_err() {
            // The senders are gone: one of them met an error, which settle reports.
            return self.settle(summary, true);
        }
        Ok(())
    }

    /// Takes the answers that came back into the account; `wait`: all of them, once the
    /// senders are done.
    fn settle(&mut self, summary: &mut Summary, wait: bool) -> Result<(), NotaError> {
        loop {
            let outcome = if wait {
                match self.outcomes.recv() {
                    Ok(outcome) => outcome,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.outcomes.try_recv() {
                    Ok(outcome) => outcome,
                    Err(_) => return Ok(()),
                }
            };
            for (pending, result) in outcome? {
                match (pending.report, result) {
                    (Some((report, existed)), Ok(())) => summary.indexed(report, existed),
                    (Some(_), Err(reason)) => summary.fail(FileError::new(
                        key_path(&pending.key).display(),
                        FailKind::Rejected,
                        reason,
                    )),
                    (None, Ok(())) => {}
                    (None, Err(reason)) => summary.warnings.push((
                        pending.key,
                        format!("the cluster did not delete its document: {reason}"),
                    )),
                }
            }
        }
    }
}

impl Sink for Loader {
    fn add(
        &mut self,
        summary: &mut Summary,
        key: &str,
        doc: Box<IndexDoc>,
        existed: bool,
        report: FileReport,
    ) -> Result<(), NotaError> {
        let source = self.source(doc.document());
        let action = json!({"index": {"_index": self.client.cluster().index, "_id": key}});
        let pending = Pending {
            key: key.to_string(),
            report: Some((report, existed)),
        };
        self.push(summary, action, Some(source), pending)
    }

    fn delete(&mut self, summary: &mut Summary, key: &str) -> Result<(), NotaError> {
        let action = json!({"delete": {"_index": self.client.cluster().index, "_id": key}});
        let pending = Pending {
            key: key.to_string(),
            report: None,
        };
        // The run counts the deletion; a failure comes back as a warning.
        self.push(summary, action, None, pending)
    }

    fn commit(mut self: Box<Self>, summary: &mut Summary) -> Result<Option<String>, NotaError> {
        self.flush(summary)?;
        // No more batches: the senders finish theirs and stop.
        self.batches = None;
        for sender in std::mem::take(&mut self.senders) {
            let _ = sender.join();
        }
        self.settle(summary, true)?;
        self.client
            .json("POST", &self.client.index_path("/_refresh"), None)?;
        Ok(None)
    }
}

/// Sends one batch, again while the cluster is busy; per document, what the cluster said.
fn send_batch(client: &Client, batch: Batch) -> Outcome {
    let Batch { lines, pending } = batch;
    let mut pause = FIRST_PAUSE;
    for attempt in 1..=TRIES {
        let answer = client.send(
            "POST",
            "/_bulk",
            Some(("application/x-ndjson", lines.clone())),
        );
        let busy = match &answer {
            Ok(a) => matches!(a.status, 429 | 502 | 503 | 504),
            // Unreachable: maybe a node restarting; tried again like a busy cluster.
            Err(_) => true,
        };
        if busy && attempt < TRIES {
            std::thread::sleep(pause);
            pause *= 2;
            continue;
        }
        let answer = answer?;
        if answer.status == 413 && pending.len() == 1 {
            let reason = "the document is larger than the cluster takes in one request \
                          (http.max_content_length)"
                .to_string();
            return Ok(pending
                .into_iter()
                .map(|p| (p, Err(reason.clone())))
                .collect());
        }
        if !answer.ok() {
            return Err(client.error(format!("_bulk: {}", answer.reason())));
        }
        let items = answer.body["items"].as_array().cloned().unwrap_or_default();
        return Ok(pending
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let item = items
                    .get(i)
                    .and_then(|item| item.as_object()?.values().next());
                let result = match item {
                    Some(item) => item_result(item),
                    None => Err("the cluster gave no answer for it".to_string()),
                };
                (p, result)
            })
            .collect());
    }
    Err(client.error("the cluster stayed busy; try again later"))
}

/// One `_bulk` item's answer: fine (a deletion of a document that was not there is fine too),
/// or the cluster's reason.
fn item_result(item: &Value) -> Result<(), String> {
    let status = item["status"].as_u64().unwrap_or(0);
    if (200..300).contains(&status) || status == 404 && item["result"] == "not_found" {
        return Ok(());
    }
    let error = &item["error"];
    let reason = error["reason"].as_str().unwrap_or("no reason given");
    let cause = error["caused_by"]["reason"].as_str();
    Err(match cause {
        Some(cause) => format!("{reason}: {cause}"),
        None => reason.to_string(),
    })
}

/// Drops the documents of `paths` from the cluster's index (`nota remove --index URL`), as
/// [`crate::index::run::remove`] does from a folder: the account and the paths that matched
/// nothing.
pub fn remove(cluster: &Cluster, paths: &[String]) -> Result<(Summary, Vec<String>), NotaError> {
    let mut loader = Loader::open_existing(cluster)?;
    let stored = loader.fingerprints()?;
    let mut summary = Summary::default();
    let mut unmatched = Vec::new();
    for given in paths {
        let matches = crate::index::run::removed_by(stored.keys(), given);
        if matches.is_empty() {
            unmatched.push(given.clone());
        }
        for key in matches {
            loader.delete(&mut summary, key)?;
            summary.removed(key);
        }
    }
    Box::new(loader).commit(&mut summary)?;
    Ok((summary, unmatched))
}

/// Path → fingerprint of every document in the cluster's index.
pub fn fingerprints(client: &Client) -> Result<HashMap<String, String>, NotaError> {
    let mut prints = HashMap::new();
    client.each_document(&[schema::PATH, schema::FINGERPRINT], |source| {
        if let (Some(path), Some(print)) = (
            source[schema::PATH].as_str(),
            source[schema::FINGERPRINT].as_str(),
        ) {
            prints.insert(path.to_string(), print.to_string());
        }
    })?;
    Ok(prints)
}

/// Refuses an index made by another version of nota's definitions.
fn check_version(client: &Client) -> Result<(), NotaError> {
    let mapping = client.json("GET", &client.index_path("/_mapping"), None)?;
    let index = &client.cluster().index;
    let version = &mapping[index.as_str()]["mappings"]["_meta"]["nota"];
    if version == definition::VERSION {
        Ok(())
    } else {
        Err(client.error(format!(
            "the index {index:?} was not made by this version of nota (its definitions: {}); \
             rebuild it with `nota index --rebuild --index {}`",
            version.as_str().unwrap_or("none"),
            client.cluster()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A server that answers its requests, in order, with `answers` (status, body).
    fn server(answers: Vec<(u16, &'static str)>) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for (status, body) in answers {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                let mut request = vec![0u8; 1 << 16];
                let _ = stream.read(&mut request);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    fn batch(keys: &[&str]) -> Batch {
        let mut batch = Batch::default();
        for key in keys {
            batch.lines.extend_from_slice(b"{}\n{}\n");
            batch.pending.push(Pending {
                key: key.to_string(),
                report: None,
            });
        }
        batch
    }

    #[test]
    fn a_busy_cluster_is_asked_again_and_a_refused_document_is_its_own_failure() {
        let base = server(vec![
            (
                429,
                r#"{"error":{"type":"es_rejected_execution_exception","reason":"busy"}}"#,
            ),
            (503, r#"{"error":"unavailable"}"#),
            (
                200,
                r#"{"errors":true,"items":[{"index":{"status":201}},
                   {"index":{"status":400,"error":{"type":"mapper_parsing_exception",
                   "reason":"failed to parse field [year]"}}}]}"#,
            ),
        ]);
        let cluster = Cluster::parse(&format!("{base}/nota"), None, None).unwrap();
        let outcome = send_batch(&Client::new(&cluster), batch(&["a.txt", "b.txt"])).unwrap();
        assert_eq!(outcome.len(), 2);
        assert_eq!(outcome[0].1, Ok(()));
        assert_eq!(
            outcome[1].1,
            Err("failed to parse field [year]".to_string())
        );
    }
}
