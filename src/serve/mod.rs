//! `nota serve`: a local search page and a JSON API over an index, on axum and tokio. One binary:
//! the page's HTML, CSS and JS are embedded (`assets`); the API (`api`) answers with the same
//! shapes as `--json`. Every search runs on tokio's blocking pool under a time limit, so a slow
//! query cannot hold up other requests; the index reader follows new commits, so `nota index`
//! can update the index while the page is served.

mod api;
mod assets;
pub mod backend;
mod params;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

use crate::error::NotaError;
use crate::metadata::Taxonomy;

/// Longest a request may work before it is answered with 503.
const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Largest request body accepted (the API takes none; the page posts nothing).
const MAX_BODY: usize = 16 * 1024;

/// What the handlers share.
pub struct AppState {
    /// The index answered from.
    pub backend: backend::Backend,
    /// The taxonomy the index was built with, for checking filter values.
    pub taxonomy: Taxonomy,
    /// Searches running at once: one per core; the others wait their turn in order.
    pub workers: tokio::sync::Semaphore,
    /// Host names answered besides `localhost` and IP addresses (`--allow-host`), lowercase.
    pub allowed_hosts: Vec<String>,
}

/// Whether a request for `host` (the `Host` header, port included) is answered: `localhost`
/// (and names under it), an IP address, or a name given with `--allow-host`. A web page that
/// points a name of its own at 127.0.0.1 (DNS rebinding) sends that name, and is refused.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
        }
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    }
    .trim_end_matches('.')
    .to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || allowed.contains(&name)
}

/// Refuses requests addressed to a host that is not allowed ([`host_allowed`]) with 403.
async fn check_host(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let host = request
        .headers()
        .get(axum::http::header::HOST)
        .map(|h| h.to_str().unwrap_or("(not text)"))
        .unwrap_or("(none)");
    match host {
        host if !host_allowed(host, &state.allowed_hosts) => (
            axum::http::StatusCode::FORBIDDEN,
            format!(
                "nota serve answers requests for localhost and its IP address only, not for \
                 {host:?}; start it with --allow-host NAME to answer a name of your own\n"
            ),
        )
            .into_response(),
        _ => next.run(request).await,
    }
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
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            check_host,
        ))
        .with_state(state)
}

/// Serves `nota` on `addr` until the process is stopped; prints the URL first.
pub fn serve(
    backend: backend::Backend,
    taxonomy: Taxonomy,
    addr: SocketAddr,
    allowed_hosts: Vec<String>,
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
        println!("nota: serving {} on http://{local}/", backend.name());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let state = Arc::new(AppState {
            backend,
            taxonomy,
            workers: tokio::sync::Semaphore::new(cores),
            allowed_hosts: allowed_hosts
                .iter()
                .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
                .collect(),
        });
        axum::serve(listener, router(state))
            .await
            .map_err(|source| NotaError::Io {
                path: PathBuf::from(local.to_string()),
                source,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn only_local_names_addresses_and_allowed_names_are_answered() {
        let allowed = vec!["nota.intranet".to_string()];
        for host in [
            "localhost:7700",
            "127.0.0.1:7700",
            "[::1]:7700",
            "LOCALHOST",
            "10.0.0.5",
        ] {
            assert!(host_allowed(host, &allowed), "{host}");
        }
        assert!(host_allowed("nota.intranet:7700", &allowed));
        for host in [
            "evil.example:7700",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
        ] {
            assert!(!host_allowed(host, &allowed), "{host}");
        }
    }
}
