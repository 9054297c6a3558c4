//! An index on an OpenSearch cluster: `--index http(s)://HOST:PORT/NAME` instead of a folder.
//! This module owns everything nota says to a cluster: where it is and who asks
//! ([`Cluster`], from the URL and `NOTA_OPENSEARCH_USER`/`NOTA_OPENSEARCH_PASSWORD`), the
//! requests and what their failures mean in plain words ([`client`]), the index's settings and
//! mappings made from nota's own definitions ([`definition`]), and an indexing run's writes
//! ([`load`]: `_bulk` in batches by bytes, retries, per-file failures), and what it reads
//! back ([`query`]: counts, statistics, a document; [`search`]; [`similar`]).

pub mod client;
pub mod definition;
pub mod load;
pub mod query;
pub mod search;
pub mod similar;

use std::path::Path;

use crate::error::NotaError;

pub use client::Client;

/// Environment variables with the user and password, when the URL has none.
pub const USER_ENV: &str = "NOTA_OPENSEARCH_USER";
/// See [`USER_ENV`].
pub const PASSWORD_ENV: &str = "NOTA_OPENSEARCH_PASSWORD";

/// An index on a cluster: the cluster's base URL, the index's name, and the credentials.
#[derive(Clone, PartialEq)]
pub struct Cluster {
    /// `http(s)://host:port`, without credentials or a trailing slash.
    pub base: String,
    /// The OpenSearch index.
    pub index: String,
    /// User and password (basic authentication), when given.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        write!(f, "{self}")
    }
}

impl std::fmt::Display for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.base, self.index)
    }
}

impl Cluster {
    /// The cluster `--index` names, when it is a URL (`None` for a folder).
    pub fn of_index_arg(index: &Path) -> Option<Result<Cluster, NotaError>> {
        let text = index.to_str()?;
        let lower = text.to_ascii_lowercase();
        (lower.starts_with("http://") || lower.starts_with("https://")).then(|| {
            Cluster::parse(
                text,
                std::env::var(USER_ENV).ok(),
                std::env::var(PASSWORD_ENV).ok(),
            )
        })
    }

    /// Reads `http(s)://[USER:PASSWORD@]HOST[:PORT]/NAME`; `user` and `password` are taken
    /// when the URL has none.
    pub fn parse(
        url: &str,
        user: Option<String>,
        password: Option<String>,
    ) -> Result<Cluster, NotaError> {
        let wrong = |reason: &str| {
            NotaError::Usage(format!(
                "--index {}: {reason}; an index on a cluster is written http(s)://HOST:PORT/NAME, \
                 e.g. http://localhost:9200/nota",
                redacted(url)
            ))
        };
        let (scheme, rest) = url.split_once("://").ok_or_else(|| wrong("no scheme"))?;
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (userinfo, host) = match authority.rsplit_once('@') {
            Some((info, host)) => (Some(info), host),
            None => (None, authority),
        };
        if host.is_empty() {
            return Err(wrong("it names no host"));
        }
        let name = path.trim_end_matches('/');
        if name.is_empty() {
            return Err(wrong("it names no index after the host"));
        }
        if name.contains('/') || !valid_index_name(name) {
            return Err(wrong(&format!(
                "{name:?} is not an OpenSearch index name (lowercase letters, digits, `-` and \
                 `_`, not starting with `-` or `_`)"
            )));
        }
        let credentials = match userinfo {
            Some(info) => {
                let (u, p) = info.split_once(':').unwrap_or((info, ""));
                Some((decode(u), decode(p)))
            }
            None => user.map(|u| (u, password.unwrap_or_default())),
        };
        Ok(Cluster {
            base: format!("{}://{host}", scheme.to_ascii_lowercase()),
            index: name.to_string(),
            credentials,
        })
    }
}

/// Whether OpenSearch takes `name` as an index name.
fn valid_index_name(name: &str) -> bool {
    !name.starts_with(['-', '_', '+'])
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// `%XX` escapes of a URL's user or password, decoded.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `url` with any password replaced by `***`, for messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, None), |(a, p)| (a, Some(p)));
    let authority = match authority.rsplit_once('@') {
        Some((info, host)) => {
            let user = info.split_once(':').map_or(info, |(u, _)| u);
            format!("{user}:***@{host}")
        }
        None => authority.to_string(),
    };
    match path {
        Some(path) => format!("{scheme}://{authority}/{path}"),
        None => format!("{scheme}://{authority}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_the_cluster_the_index_and_who_asks() {
        let c = Cluster::parse(
            "https://ann:s%40cret@search.example.nl:9200/nota/",
            None,
            None,
        )
        .unwrap();
        assert_eq!(c.base, "https://search.example.nl:9200");
        assert_eq!(c.index, "nota");
        assert_eq!(
            c.credentials,
            Some(("ann".to_string(), "s@cret".to_string()))
        );
        assert_eq!(format!("{c:?}"), "https://search.example.nl:9200/nota");
        // The environment's user when the URL has none.
        let c = Cluster::parse(
            "http://localhost:9200/memos",
            Some("bob".into()),
            Some("pw".into()),
        )
        .unwrap();
        assert_eq!(c.credentials, Some(("bob".into(), "pw".into())));
    }

    #[test]
    fn a_url_without_an_index_or_with_a_bad_name_says_how_to_write_it() {
        for (url, says) in [
            ("http://localhost:9200", "names no index"),
            ("http://localhost:9200/", "names no index"),
            ("http:///nota", "names no host"),
            ("http://localhost:9200/Nota", "not an OpenSearch index name"),
            ("http://localhost:9200/a/b", "not an OpenSearch index name"),
        ] {
            let error = Cluster::parse(url, None, None).unwrap_err().to_string();
            assert!(error.contains(says), "{url}: {error}");
            assert!(error.contains("http(s)://HOST:PORT/NAME"), "{error}");
        }
        let error = Cluster::parse("http://ann:secret@localhost:9200", None, None)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("secret"), "{error}");
    }

    #[test]
    fn folders_are_not_clusters() {
        assert!(Cluster::of_index_arg(Path::new("index")).is_none());
        assert!(Cluster::of_index_arg(Path::new("./http/x")).is_none());
        assert!(Cluster::of_index_arg(Path::new("http://localhost:9200/nota")).is_some());
    }
}
