//! Requests to a cluster and what their failures mean: an unreachable cluster, refused
//! credentials, a red cluster or an index that is not there are told in plain words (exit code
//! 2), never as a raw HTTP error. TLS certificates are checked (ureq with rustls and the web's
//! root certificates).

use std::time::Duration;

use base64::Engine;
use serde_json::Value;

use super::Cluster;
use crate::error::NotaError;

/// How long one request may take before nota gives up on it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An answer: its HTTP status and JSON body (`Value::Null` when it had none).
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body, as JSON.
    pub body: Value,
}

impl Answer {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// OpenSearch's reason for an error answer.
    pub fn reason(&self) -> String {
        let error = &self.body["error"];
        let reason = error["reason"]
            .as_str()
            .or_else(|| error["root_cause"][0]["reason"].as_str())
            .or_else(|| error.as_str())
            .unwrap_or("no reason given");
        match error["type"].as_str() {
            Some(kind) => format!("{reason} ({kind}, HTTP {})", self.status),
            None => format!("{reason} (HTTP {})", self.status),
        }
    }
}

/// Talks to one index of one cluster.
#[derive(Clone)]
pub struct Client {
    cluster: Cluster,
    agent: ureq::Agent,
    authorization: Option<String>,
}

impl Client {
    /// A client for `cluster`.
    pub fn new(cluster: &Cluster) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .build()
            .into();
        let authorization = cluster.credentials.as_ref().map(|(user, password)| {
            let pair = format!("{user}:{password}");
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        Client {
            cluster: cluster.clone(),
            agent,
            authorization,
        }
    }

    /// The cluster and index this client talks to.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The error `reason` about this client's index.
    pub fn error(&self, reason: impl Into<String>) -> NotaError {
        NotaError::cluster(&self.cluster, reason)
    }

    /// Sends `method path` (relative to the cluster's base: `/_bulk`, `/{index}/_search`) with
    /// `body` (JSON, or NDJSON for `_bulk`); any answer the cluster gives is returned, whatever
    /// its status. Refused credentials and an unreachable cluster are errors.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
    ) -> Result<Answer, NotaError> {
        let url = format!("{}{path}", self.cluster.base);
        let builder = ureq::http::Request::builder().method(method).uri(&url);
        let builder = match &self.authorization {
            Some(value) => builder.header("Authorization", value),
            None => builder,
        };
        let (content_type, bytes) = body.unwrap_or(("application/json", Vec::new()));
        let request = builder
            .header("Content-Type", content_type)
            .body(bytes)
            .map_err(|e| self.error(format!("cannot make the request {method} {path}: {e}")))?;
        let mut response = self
            .agent
            .run(request)
            .map_err(|e| self.error(unreachable(&e)))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(|e| self.error(format!("the answer to {method} {path} broke off: {e}")))?;
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        let answer = Answer { status, body };
        match status {
            401 => Err(self.error(format!(
                "the cluster refused the user and password (HTTP 401); give them in the URL \
                 (http://USER:PASSWORD@HOST:PORT/NAME) or in {} and {}",
                super::USER_ENV,
                super::PASSWORD_ENV
            ))),
            403 => Err(self.error(format!(
                "the user may not do this ({method} {path}): {}",
                answer.reason()
            ))),
            _ => Ok(answer),
        }
    }

    /// `send` with a JSON body, for an answer that must be 2xx.
    pub fn json(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, NotaError> {
        let bytes = body.map(|b| ("application/json", b.to_string().into_bytes()));
        let answer = self.send(method, path, bytes)?;
        if answer.ok() {
            Ok(answer.body)
        } else if answer.status == 404
            && answer.body["error"]["type"] == "index_not_found_exception"
        {
            Err(self.error(format!(
                "there is no index {:?} on this cluster; build it with `nota index [FOLDER] \
                 --index {}`",
                self.cluster.index, self.cluster
            )))
        } else {
            Err(self.error(format!("{method} {path}: {}", answer.reason())))
        }
    }

    /// Whether the index can be read: an error when it is red (some of its shards have no copy
    /// on any running node). Other indexes of the cluster do not matter; a missing index is
    /// left to the request that needs it.
    pub fn check_health(&self) -> Result<(), NotaError> {
        let health = self.json(
            "GET",
            "/_cluster/health?level=indices&filter_path=indices.*.status",
            None,
        )?;
        match health["indices"][self.cluster.index.as_str()]["status"].as_str() {
            Some("red") => Err(self.error(format!(
                "the index {:?} is red: some of its shards have no copy on any running node; \
                 start the missing nodes, or see GET /_cluster/health?level=indices",
                self.cluster.index
            ))),
            _ => Ok(()),
        }
    }

    /// Calls `f` with the `_source` (`fields` of it) of every document of the index, in path
    /// order, a page at a time (`search_after`).
    pub fn each_document(
        &self,
        fields: &[&str],
        mut f: impl FnMut(&Value),
    ) -> Result<(), NotaError> {
        const PAGE: usize = 5_000;
        let mut after: Option<Value> = None;
        loop {
            let mut body = serde_json::json!({
                "size": PAGE,
                "_source": fields,
                "sort": [{crate::index::schema::PATH: "asc"}],
                "query": {"match_all": {}},
            });
            if let Some(after) = &after {
                body["search_after"] = after.clone();
            }
            let answer = self.json("POST", &self.index_path("/_search"), Some(&body))?;
            let hits = answer["hits"]["hits"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for hit in &hits {
                f(&hit["_source"]);
            }
            if hits.len() < PAGE {
                return Ok(());
            }
            after = hits.last().map(|h| h["sort"].clone());
        }
    }

    /// Path of this client's index, with `rest` after it (`/_search`, `/_doc/ID`).
    pub fn index_path(&self, rest: &str) -> String {
        format!("/{}{rest}", self.cluster.index)
    }
}

/// A transport failure in plain words.
fn unreachable(error: &ureq::Error) -> String {
    let what = match error {
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        ureq::Error::Timeout(_) => "it did not answer in time".to_string(),
        ureq::Error::HostNotFound => "no such host".to_string(),
        other => other.to_string(),
    };
    format!("cannot reach the cluster ({what}); is it running, and are the host and port right?")
}
