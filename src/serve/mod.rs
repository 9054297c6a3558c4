//! `nota serve`: a local search page and a JSON API over an index, on axum and tokio. One binary:
//! the page's HTML, CSS and JS are embedded (`assets`); the API (`api`) answers with the same
//! shapes as `--json`. Every search runs on tokio's blocking pool under a time limit, so a slow
//! query cannot hold up other requests; the index reader follows new commits, so `nota index`
//! can update the index while the page is served.

mod api;
mod assets;
mod params;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

use crate::error::NotaError;
use crate::index::NotaIndex;
use crate::metadata::Taxonomy;

/// Longest a request may work before it is answered with 503.
const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Largest request body accepted (the API takes none; the page posts nothing).
const MAX_BODY: usize = 16 * 1024;

/// What the handlers share.
pub struct AppState {
    /// The open index; its reader reloads on commit.
    pub nota: NotaIndex,
    /// The taxonomy the index was built with, for checking filter values.
    pub taxonomy: Taxonomy,
    /// The index folder, for stats.
    pub index_dir: PathBuf,
    /// Searches running at once: one per core; the others wait their turn in order.
    pub workers: tokio::sync::Semaphore,
}

/// The router: the page, its assets and the API.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/app.js", get(assets::script))
        .route("/style.css", get(assets::style))
        .route("/api/search", get(api::search))
        .route("/api/search.csv", get(api::search_csv))
        .route("/api/similar", get(api::similar))
        .route("/api/doc", get(api::doc))
        .route("/api/stats", get(api::stats))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Serves `nota` on `addr` until the process is stopped; prints the URL first.
pub fn serve(
    nota: NotaIndex,
    taxonomy: Taxonomy,
    index_dir: PathBuf,
    addr: SocketAddr,
) -> Result<(), NotaError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| NotaError::Io {
            path: PathBuf::from("<tokio runtime>"),
            source,
        })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| NotaError::Usage(format!("cannot listen on {addr}: {source}")))?;
        let local = listener.local_addr().map_err(|source| NotaError::Io {
            path: PathBuf::from(addr.to_string()),
            source,
        })?;
        println!("nota: serving {} on http://{local}/", index_dir.display());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let state = Arc::new(AppState {
            nota,
            taxonomy,
            index_dir,
            workers: tokio::sync::Semaphore::new(cores),
        });
        axum::serve(listener, router(state))
            .await
            .map_err(|source| NotaError::Io {
                path: PathBuf::from(local.to_string()),
                source,
            })
    })
}
