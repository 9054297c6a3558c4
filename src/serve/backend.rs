//! What `nota serve` answers from: an index folder or an index on an OpenSearch cluster. The
//! API asks the same five things of either: search, one document, precedents, statistics, and
//! a text's analysed terms (to mark the query's words in a document).

use std::path::PathBuf;

use tantivy::tokenizer::Token;

use crate::analysis::dutch::dutch_analyzer;
use crate::analysis::{analyze_terms, analyze_tokens};
use crate::cluster::{self, Client};
use crate::error::NotaError;
use crate::index::document::{self, StoredDoc};
use crate::index::NotaIndex;
use crate::metadata::Taxonomy;
use crate::search::refine::{self, Suggestion};
use crate::search::similar::{self, SimilarResults, Source};
use crate::search::stats::{self, Stats};
use crate::search::{self, Filters, Request, Results};

/// The index a server answers from.
pub enum Backend {
    /// An index folder, open.
    Folder {
        /// The open index; its reader reloads on commit.
        nota: NotaIndex,
        /// Its folder, for the statistics.
        dir: PathBuf,
    },
    /// An index on a cluster.
    Cluster(Client),
}

impl Backend {
    /// What the server says it serves.
    pub fn name(&self) -> String {
        match self {
            Backend::Folder { dir, .. } => dir.display().to_string(),
            Backend::Cluster(client) => client.cluster().to_string(),
        }
    }

    /// Runs a search.
    pub fn search(&self, request: &Request) -> Result<Results, NotaError> {
        match self {
            Backend::Folder { nota, .. } => search::search(nota, request),
            Backend::Cluster(client) => cluster::search::search(client, request),
        }
    }

    /// "Bedoelde u …?" for a search that found `total` ([`refine::suggest`]); a cluster's term
    /// dictionary is not read, so it suggests nothing.
    pub fn suggest(
        &self,
        request: &Request,
        total: usize,
    ) -> Result<Option<Suggestion>, NotaError> {
        match self {
            Backend::Folder { nota, .. } => {
                refine::suggest(nota, request, total, |r| self.search(r))
            }
            Backend::Cluster(_) => Ok(None),
        }
    }

    /// The document indexed as `path`.
    pub fn find(&self, path: &str) -> Result<Option<StoredDoc>, NotaError> {
        match self {
            Backend::Folder { nota, .. } => document::find(nota, path),
            Backend::Cluster(client) => cluster::query::document(client, path),
        }
    }

    /// The documents most like `source`.
    pub fn similar(
        &self,
        source: &Source,
        taxonomy: &Taxonomy,
        filters: &Filters,
        limit: usize,
    ) -> Result<SimilarResults, NotaError> {
        match self {
            Backend::Folder { nota, .. } => {
                similar::similar(nota, source, taxonomy, filters, limit)
            }
            Backend::Cluster(client) => {
                cluster::similar::similar(client, source, taxonomy, filters, limit)
            }
        }
    }

    /// The index's statistics.
    pub fn stats(&self) -> Result<Stats, NotaError> {
        match self {
            Backend::Folder { nota, dir } => stats::stats(nota, dir),
            Backend::Cluster(client) => cluster::query::stats(client),
        }
    }

    /// The terms of `text` as documents are analysed.
    pub fn terms(&self, text: &str) -> Vec<String> {
        match self {
            Backend::Folder { nota, .. } => nota.with_analyzer(|a| analyze_terms(a, text)),
            Backend::Cluster(_) => analyze_terms(&mut dutch_analyzer(), text),
        }
    }

    /// The tokens of `text` as documents are analysed.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        match self {
            Backend::Folder { nota, .. } => nota.with_analyzer(|a| analyze_tokens(a, text)),
            Backend::Cluster(_) => analyze_tokens(&mut dutch_analyzer(), text),
        }
    }
}
