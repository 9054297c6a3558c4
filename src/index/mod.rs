//! The tantivy index on disk: opening or creating it with nota's analyzers, and the incremental
//! update run ([`update`]) that keeps it in step with a folder.

pub mod document;
pub mod schema;
pub mod signature;
pub mod stats;
pub mod update;

use std::collections::HashMap;
use std::path::Path;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, Searcher};

pub use schema::Fields;

use crate::analysis;
use crate::error::NotaError;

/// An open index with its fields.
pub struct NotaIndex {
    /// The tantivy index, with nota's analyzers registered.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// A reader kept open between queries; it follows new commits.
    pub reader: IndexReader,
}

fn io_error(path: &Path, source: std::io::Error) -> NotaError {
    NotaError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn with_analyzers(index: Index, dir: &Path) -> Result<NotaIndex, NotaError> {
    if index.schema() != schema::schema() {
        return Err(NotaError::IncompatibleIndex(dir.to_path_buf()));
    }
    analysis::register(index.tokenizers());
    let fields = Fields::of(&index.schema())?;
    let reader = index.reader()?;
    Ok(NotaIndex {
        index,
        fields,
        reader,
    })
}

/// Whether `dir` holds an index.
pub fn exists(dir: &Path) -> bool {
    dir.is_dir()
        && MmapDirectory::open(dir)
            .ok()
            .and_then(|d| Index::exists(&d).ok())
            .unwrap_or(false)
}

/// Opens the index at `dir`.
pub fn open(dir: &Path) -> Result<NotaIndex, NotaError> {
    if !exists(dir) {
        return Err(NotaError::NoIndex(dir.to_path_buf()));
    }
    let index = Index::open_in_dir(dir)?;
    with_analyzers(index, dir)
}

/// Opens the index at `dir`, creating the folder and an empty index when there is none.
pub fn open_or_create(dir: &Path) -> Result<NotaIndex, NotaError> {
    if exists(dir) {
        return open(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let index = Index::create_in_dir(dir, schema::schema())?;
    with_analyzers(index, dir)
}

/// Empties `dir` of an index another nota version built, so a rebuild can start over.
pub fn clear_incompatible(dir: &Path) -> Result<(), NotaError> {
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| io_error(&path, e))?;
    }
    Ok(())
}

/// Path → fingerprint of every document in the index, read from fast fields.
pub fn stored_fingerprints(searcher: &Searcher) -> Result<HashMap<String, String>, NotaError> {
    let mut out = HashMap::new();
    let (mut path, mut fingerprint) = (String::new(), String::new());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(paths), Some(prints)) = (fast.str(schema::PATH)?, fast.str(schema::FINGERPRINT)?)
        else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            let (Some(p), Some(f)) = (paths.term_ords(doc).next(), prints.term_ords(doc).next())
            else {
                continue;
            };
            let io = |source| NotaError::Io {
                path: std::path::PathBuf::from(schema::PATH),
                source,
            };
            paths.ord_to_str(p, &mut path).map_err(io)?;
            prints.ord_to_str(f, &mut fingerprint).map_err(io)?;
            out.insert(path.clone(), fingerprint.clone());
        }
    }
    Ok(out)
}

/// Bytes the index takes on disk.
pub fn size_on_disk(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
