//! What is in the index: document count, size on disk, counts per facet.

use std::path::Path;

use serde::Serialize;
use tantivy::query::AllQuery;

use super::{facets_of, Facets};
use crate::error::NotaError;
use crate::index::{size_on_disk, NotaIndex};

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The index folder.
    pub index: String,
    /// Number of documents.
    pub documents: usize,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// Counts per province, year, theme, role and type.
    pub facets: Facets,
}

/// Reads the statistics of `nota`, stored in `dir`.
pub fn stats(nota: &NotaIndex, dir: &Path) -> Result<Stats, NotaError> {
    let searcher = nota.reader.searcher();
    let (documents, facets) = facets_of(&searcher, &nota.facet_names, &AllQuery)?;
    Ok(Stats {
        index: dir.display().to_string(),
        documents,
        size_bytes: size_on_disk(dir),
        facets,
    })
}
