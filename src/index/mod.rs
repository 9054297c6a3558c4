//! The tantivy index on disk: opening or creating it with nota's analyzers ([`NotaIndex`], which
//! owns everything that lives as long as the opened index), and the indexing run ([`run`]) that
//! keeps it in step with a folder.

pub mod budget;
pub mod document;
pub mod faults;
pub mod handoff;
pub mod repair;
pub mod run;
pub mod schema;
pub mod seen;
pub mod signature;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::MmapDirectory;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use tantivy::{Index, IndexReader, Searcher};

pub use schema::Fields;

use crate::analysis::dutch::{dutch_analyzer, query_analyzers, snippet_analyzer};
use crate::error::NotaError;
use handoff::Handoff;

/// An open index with its fields, and the state that lives as long as it: the tokens documents
/// leave for its analyzers, the analyzers queries are read with, and the facet names read from
/// its segments.
pub struct NotaIndex {
    /// The tantivy index, with nota's analyzers registered on its own tokenizer manager.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// A reader kept open between queries; it follows new commits.
    pub reader: IndexReader,
    /// Tokens prepared documents leave for this index's analyzers.
    pub handoff: Arc<Handoff>,
    /// The analyzers queries are read with.
    pub query_analyzers: TokenizerManager,
    /// Facet value names per segment, read once per segment.
    pub facet_names: FacetNames,
    /// Stemmed document analyzers (with their word memories) for reading texts at search time:
    /// a similar memo, the bodies of hits.
    analyzers: std::sync::Mutex<Vec<TextAnalyzer>>,
    /// The analyzer hits' passages are read with ([`snippet_analyzer`]): its clones share one
    /// word memory, so the words of one snippet are remembered for the next.
    pub snippet_analyzer: TextAnalyzer,
}

impl NotaIndex {
    /// Runs `f` with a stemmed document analyzer ([`dutch_analyzer`]) kept by this index, so
    /// that the words it has seen are remembered from one search to the next.
    pub fn with_analyzer<R>(&self, f: impl FnOnce(&mut TextAnalyzer) -> R) -> R {
        let pool = || self.analyzers.lock().unwrap_or_else(|e| e.into_inner());
        let mut analyzer = pool().pop().unwrap_or_else(dutch_analyzer);
        let result = f(&mut analyzer);
        pool().push(analyzer);
        result
    }
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
    let handoff = Handoff::new();
    handoff::register(index.tokenizers(), &handoff);
    let fields = Fields::of(&index.schema()).map_err(|e| damaged(dir, e))?;
    let reader = index.reader().map_err(|e| damaged(dir, e))?;
    Ok(NotaIndex {
        index,
        fields,
        reader,
        handoff,
        query_analyzers: query_analyzers(),
        facet_names: FacetNames::default(),
        analyzers: Default::default(),
        snippet_analyzer: snippet_analyzer(),
    })
}

/// `error` met while reading the index at `dir`, as a damaged index when it says the index is
/// damaged ([`repair::damage`]).
pub fn damaged(dir: &Path, error: tantivy::TantivyError) -> NotaError {
    match repair::damage(&error) {
        Some(reason) => NotaError::DamagedIndex {
            dir: dir.to_path_buf(),
            reason,
        },
        None => NotaError::Index(error),
    }
}

/// Whether `dir` holds an index.
pub fn exists(dir: &Path) -> bool {
    dir.is_dir() && dir.join(repair::META).is_file()
}

/// Says that `dir` is a file where an index folder was expected.
fn not_a_folder(dir: &Path) -> NotaError {
    NotaError::Usage(format!(
        "--index {}: that is a file, not an index folder; give a folder (nota creates it when \
         it does not exist)",
        dir.display()
    ))
}

/// The directory tantivy reads the index at `dir` through (with a fault injected when
/// [`faults::FAIL_WRITES_AFTER_ENV`] is set).
fn directory(dir: &Path) -> Result<Box<dyn tantivy::Directory>, NotaError> {
    let mmap = MmapDirectory::open(dir).map_err(|e| NotaError::Index(e.into()))?;
    Ok(faults::wrap(mmap))
}

/// Opens the index at `dir`. tantivy's list of the files it made (only used to clean up) is
/// started afresh when it is unreadable; any other damage is a [`NotaError::DamagedIndex`].
pub fn open(dir: &Path) -> Result<NotaIndex, NotaError> {
    if dir.is_file() {
        return Err(not_a_folder(dir));
    }
    if !exists(dir) {
        return Err(NotaError::NoIndex(dir.to_path_buf()));
    }
    let index = match Index::open(directory(dir)?) {
        Err(tantivy::TantivyError::DataCorruption(c))
            if format!("{c:?}").contains(repair::MANAGED) =>
        {
            let managed = dir.join(repair::MANAGED);
            std::fs::remove_file(&managed).map_err(|e| io_error(&managed, e))?;
            Index::open(directory(dir)?)
        }
        other => other,
    }
    .map_err(|e| damaged(dir, e))?;
    with_analyzers(index, dir)
}

/// Opens the index at `dir`, creating the folder and an empty index when there is none.
pub fn open_or_create(dir: &Path) -> Result<NotaIndex, NotaError> {
    if exists(dir) {
        return open(dir);
    }
    if dir.is_file() {
        return Err(not_a_folder(dir));
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let index = Index::create(
        directory(dir)?,
        schema::schema(),
        tantivy::IndexSettings::default(),
    )?;
    with_analyzers(index, dir)
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

use repair::TAXONOMY_COPY;

/// Keeps the source of the taxonomy the index at `dir` was (re)built with beside it.
pub fn keep_taxonomy(dir: &Path, source: &str) -> Result<(), NotaError> {
    let copy = dir.join(TAXONOMY_COPY);
    std::fs::write(&copy, source).map_err(|e| io_error(&copy, e))
}

/// Writes `value` as JSON to `file` through a temporary file beside it, flushed and renamed, so
/// that a reader finds the old content or the new, never half (the index folder's own files:
/// the saved searches, the ledger of first-seen moments).
pub fn write_json_atomically(file: &Path, value: &impl serde::Serialize) -> Result<(), NotaError> {
    use std::io::Write;
    let mut name = file.as_os_str().to_owned();
    name.push(".tmp");
    let temporary = std::path::PathBuf::from(name);
    let write = || -> std::io::Result<()> {
        let text = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
        let mut out = std::fs::File::create(&temporary)?;
        out.write_all(&text)?;
        out.sync_all()?;
        std::fs::rename(&temporary, file)
    };
    write().map_err(|e| io_error(file, e))
}

/// The taxonomy the index at `dir` was built with (the built-in one if it has no copy).
pub fn taxonomy_of(dir: &Path) -> Result<crate::metadata::Taxonomy, NotaError> {
    let copy = dir.join(TAXONOMY_COPY);
    if copy.is_file() {
        crate::metadata::Taxonomy::load(&copy)
    } else {
        Ok(crate::metadata::Taxonomy::builtin())
    }
}

/// Names of facet values per segment and field, read once per segment: the opened index keeps
/// them for the facet counts of its searches ([`crate::search::facets`]).
#[derive(Default)]
pub struct FacetNames {
    kept: std::sync::Mutex<FacetNameMap>,
}

type FacetNameMap =
    rustc_hash::FxHashMap<(tantivy::index::SegmentId, &'static str), Arc<Vec<String>>>;

/// Segments whose names are kept; past this the list starts over (segments come and go as the
/// index is updated and merged).
const KEPT_SEGMENTS: usize = 1024;

impl FacetNames {
    /// The names of facet `field` in `segment`, made by `read` the first time.
    pub fn get_or_read(
        &self,
        segment: tantivy::index::SegmentId,
        field: &'static str,
        read: impl FnOnce() -> Vec<String>,
    ) -> Arc<Vec<String>> {
        let kept = || self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(names) = kept().get(&(segment, field)) {
            return names.clone();
        }
        let names = Arc::new(read());
        let mut kept = kept();
        if kept.len() >= KEPT_SEGMENTS {
            kept.clear();
        }
        kept.insert((segment, field), names.clone());
        names
    }
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
