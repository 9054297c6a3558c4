//! The JSON API: `/api/search`, `/api/search.csv`, `/api/similar`, `/api/doc`, `/api/stats`, with
//! the shapes of `--json` (plus, per hit, the snippet as marked parts for the page). Wrong
//! parameters answer 400 with what is valid, an unknown document 404, a request over its time
//! limit 503.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::backend::Backend;
use super::params::{self, Params};
use super::{AppState, REQUEST_TIME_LIMIT};
use crate::error::NotaError;
use crate::index::document;
use crate::output::{json::show_value, table};
use crate::search::similar::Source;
use crate::search::{refine, Filters, Request, Results, Snippet};

/// An answer that is not a success.
#[derive(Debug)]
pub enum ApiError {
    /// 400, with what is wrong and what is valid.
    BadRequest(String),
    /// 404.
    NotFound(String),
    /// 503: the request ran past its time limit.
    Busy,
    /// 500.
    Internal(String),
}

impl From<NotaError> for ApiError {
    fn from(err: NotaError) -> Self {
        match err {
            NotaError::Usage(_) | NotaError::Query { .. } => ApiError::BadRequest(err.to_string()),
            NotaError::NotIndexed { .. } => ApiError::NotFound(err.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "the request took too long; try a narrower query".to_string(),
            ),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

/// Runs `work` on the blocking pool, one per core at a time (the rest wait in order), within
/// the time limit.
async fn blocking<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
{
    let run = async {
        let _permit = state
            .workers
            .acquire()
            .await
            .map_err(|_| ApiError::Internal("the server is shutting down".to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|join| ApiError::Internal(format!("the request failed: {join}")))?
    };
    tokio::time::timeout(REQUEST_TIME_LIMIT, run)
        .await
        .unwrap_or(Err(ApiError::Busy))
}

fn parse(query: Option<String>) -> Result<Params, ApiError> {
    params::parse(query.as_deref()).map_err(ApiError::BadRequest)
}

/// The filters checked against the index's taxonomy (and its authors, when one is asked for).
fn resolve(state: &AppState, params: &Params) -> Result<Filters, ApiError> {
    let authors: Vec<String> = if params.filters.authors.is_empty() {
        Vec::new()
    } else {
        state.backend.stats()?.facets.author.into_keys().collect()
    };
    let names: Vec<&str> = authors.iter().map(String::as_str).collect();
    params
        .filters
        .resolve(&state.taxonomy, &names)
        .map_err(ApiError::BadRequest)
}

/// `[[text, marked], …]`: a snippet cut at its highlights.
fn snippet_parts(snippet: &Snippet) -> Value {
    parts(&snippet.text, &snippet.highlights)
}

fn parts(text: &str, marks: &[std::ops::Range<usize>]) -> Value {
    let mut out = Vec::new();
    let mut at = 0;
    for range in marks {
        if range.start < at || range.end > text.len() {
            continue;
        }
        if range.start > at {
            out.push(json!([&text[at..range.start], false]));
        }
        out.push(json!([&text[range.clone()], true]));
        at = range.end;
    }
    if at < text.len() {
        out.push(json!([&text[at..], false]));
    }
    Value::Array(out)
}

/// One page of a search, and the whole result for its counts, with the request it ran.
fn run_search(state: &AppState, params: &Params) -> Result<(Results, usize, Request), ApiError> {
    let request = Request {
        query: params.q.clone(),
        filters: resolve(state, params)?,
        limit: params.page * params.limit,
        sort: params.sort,
        collapse: params.collapse,
        strict: params.strict,
        all_words: params.all_words,
        signals: Default::default(),
    };
    let mut results = state.backend.search(&request)?;
    let skip = (params.page - 1) * params.limit;
    results.hits = results.hits.split_off(skip.min(results.hits.len()));
    Ok((results, skip, request))
}

/// What the page offers beside the hits ([`refine`]): `disjunctive_facets` (each facet's counts
/// without its own selection), `suggestion` ("Bedoelde u …?", or null) and, when nothing
/// matched, `relaxations` (the counts with one word or one filter dropped).
fn add_refinements(
    state: &AppState,
    request: &Request,
    results: &Results,
    value: &mut Value,
) -> Result<(), ApiError> {
    let run = |r: &Request| state.backend.search(r);
    let facets = refine::disjunctive_facets(request, results, run)?;
    value["disjunctive_facets"] =
        serde_json::to_value(facets).map_err(|e| ApiError::Internal(e.to_string()))?;
    let suggestion = if !request.query.trim().is_empty() {
        state.backend.suggest(request, results.total)?
    } else {
        None
    };
    value["suggestion"] = json!(suggestion);
    let relaxations = if results.total == 0 {
        refine::relaxations(request, run)?
    } else {
        Vec::new()
    };
    value["relaxations"] = json!(relaxations);
    Ok(())
}

/// `GET /api/search`: `nota search --json`, one page of it, with [`add_refinements`].
pub async fn search(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = parse(query)?;
    blocking(&state.clone(), move || {
        let (results, skip, request) = run_search(&state, &params)?;
        let mut value =
            serde_json::to_value(&results).map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some(hits) = value["hits"].as_array_mut() {
            for (hit, original) in hits.iter_mut().zip(&results.hits) {
                hit["snippet_parts"] = snippet_parts(&original.snippet);
            }
        }
        add_refinements(&state, &request, &results, &mut value)?;
        value["page"] = json!(params.page);
        value["limit"] = json!(params.limit);
        value["first"] = json!(skip + 1);
        Ok(Json(value))
    })
    .await
}

/// `GET /api/search.csv`: the same page as CSV, as a download.
pub async fn search_csv(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = parse(query)?;
    blocking(&state.clone(), move || {
        let (results, _, _) = run_search(&state, &params)?;
        let mut csv = Vec::new();
        table::print_csv(&mut csv, results.hits.iter())
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"nota.csv\"",
                ),
            ],
            csv,
        )
            .into_response())
    })
    .await
}

/// The indexed document named by `path=`: 400 without one, 404 when it is not in the index.
fn indexed_doc(state: &AppState, params: &Params) -> Result<document::StoredDoc, ApiError> {
    let path = params
        .path
        .as_deref()
        .ok_or_else(|| ApiError::BadRequest("give the document as path=…".to_string()))?;
    state
        .backend
        .find(path)?
        .ok_or_else(|| ApiError::NotFound(format!("{path} is not in the index")))
}

/// `GET /api/similar?path=…`: `nota similar PATH --json` for an indexed document.
pub async fn similar(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = parse(query)?;
    blocking(&state.clone(), move || {
        let stored = indexed_doc(&state, &params)?;
        let source = Source {
            name: stored.path.clone(),
            text: stored.body,
            exclude_path: Some(stored.path),
        };
        let filters = resolve(&state, &params)?;
        let results = state
            .backend
            .similar(&source, &state.taxonomy, &filters, params.limit)?;
        let value =
            serde_json::to_value(&results).map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(Json(value))
    })
    .await
}

/// Byte ranges of the words of `body` that the query `q` matches (analysed alike).
fn matched_words(backend: &Backend, body: &str, q: &str) -> Vec<std::ops::Range<usize>> {
    let wanted: std::collections::HashSet<String> = backend.terms(q).into_iter().collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut ranges: Vec<std::ops::Range<usize>> = backend
        .tokens(body)
        .into_iter()
        .filter(|t| wanted.contains(&t.text))
        .map(|t| t.offset_from..t.offset_to)
        .collect();
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    ranges.dedup_by(|later, kept| later.start < kept.end);
    ranges
}

/// `GET /api/doc?path=…&q=…`: `nota show --json`, plus the text with the query's words marked.
pub async fn doc(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = parse(query)?;
    blocking(&state.clone(), move || {
        let stored = indexed_doc(&state, &params)?;
        let mut value = show_value(&stored);
        value["body_parts"] = parts(
            &stored.body,
            &matched_words(&state.backend, &stored.body, &params.q),
        );
        value["pages"] = json!(stored.meta.pages.len());
        Ok(Json(value))
    })
    .await
}

/// `GET /api/stats`: `nota stats --json`.
pub async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    blocking(&state.clone(), move || {
        let stats = state.backend.stats()?;
        serde_json::to_value(&stats)
            .map(Json)
            .map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await
}

/// Anything else: 404.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no such page: {}", uri.path()))
}
