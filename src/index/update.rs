//! The indexing run: walk the folders, extract and derive in parallel, and bring the index in step
//! with them in one commit.
//!
//! * A file whose bytes and taxonomy are unchanged is not touched (its fingerprint matches).
//! * A changed file replaces its document; a new file adds one.
//! * A document whose file is gone, or that lies under a walked folder and was not found again,
//!   is removed.
//! * A file that fails is reported with its reason and keeps the document it had, if any.
//! * Everything lands in a single commit at the end: a run killed before it leaves the previous
//!   index as it was.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{document, open_or_create, stored_fingerprints, Fields};
use crate::analysis::{analyze_tokens, dutch::dutch_analyzer, handoff};
use crate::error::{FailKind, FileError, NotaError};
use crate::ingest::{extract_bytes, walk};
use crate::metadata::overrides::{self, Manifest};
use crate::metadata::{self, Taxonomy};

/// Bump when derivation or analysis rules change, so that every document is indexed anew.
const DERIVE_VERSION: &str = "v4";
/// Prepared documents that may wait for the writer.
const BATCH: usize = 128;
/// Memory the tantivy writer may use.
const WRITER_MEMORY: usize = 100_000_000;
/// Set this environment variable to make the run abort right before its commit (fault
/// injection for tests of crash safety).
pub const ABORT_BEFORE_COMMIT_ENV: &str = "NOTA_ABORT_BEFORE_COMMIT";

/// What to index and where.
pub struct UpdateOptions<'a> {
    /// The index folder.
    pub index_dir: &'a Path,
    /// Folders and files to index.
    pub roots: &'a [PathBuf],
    /// Start over instead of updating.
    pub rebuild: bool,
    /// Labels for themes, roles and types.
    pub taxonomy: &'a Taxonomy,
    /// Draw a progress bar (only shown on a terminal).
    pub progress: bool,
    /// Values set per file by a manifest CSV.
    pub manifest: Option<&'a Manifest>,
    /// Derive metadata from the text; when false only the title is, and set values are taken.
    pub derive: bool,
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// New documents.
    pub added: usize,
    /// Documents replaced because their file changed.
    pub updated: usize,
    /// Documents removed because their file is gone.
    pub removed: usize,
    /// Files found unchanged.
    pub unchanged: usize,
    /// Files that could not be indexed, with the reason.
    pub failed: Vec<FileError>,
    /// Files skipped because nota does not read their format.
    pub unsupported: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} removed, {} unchanged, {} failed",
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.failed.len()
        )
    }
}

enum Outcome {
    Unchanged,
    Ready { doc: TantivyDocument, existed: bool },
    Failed(FileError),
}

/// Content hash over the file and what sets its metadata (sidecar, manifest row), plus the
/// taxonomy's and the derivation rules' versions.
fn fingerprint(bytes: &[u8], settings: &[&str], taxonomy: &Taxonomy, derive: bool) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    for setting in settings {
        hasher.update(b"\0");
        hasher.update(setting.as_bytes());
    }
    let rules = if derive { DERIVE_VERSION } else { "set-only" };
    format!(
        "{}:{}:{rules}",
        &hasher.finalize().to_hex()[..32],
        taxonomy.fingerprint
    )
}

/// The sidecar of `path` and its text, if there is one.
fn read_sidecar(path: &Path) -> Result<Option<(PathBuf, String)>, FileError> {
    for candidate in overrides::sidecar_candidates(path) {
        if candidate.is_file() {
            let text = std::fs::read_to_string(&candidate).map_err(|e| {
                FileError::new(
                    path.display(),
                    FailKind::BadMetadata,
                    format!("sidecar {}: {e}", candidate.display()),
                )
            })?;
            return Ok(Some((candidate, text)));
        }
    }
    Ok(None)
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn read_error(path: &Path, err: std::io::Error) -> FileError {
    let (kind, reason) = match err.kind() {
        std::io::ErrorKind::NotFound => (
            FailKind::Vanished,
            "vanished before it could be read".to_string(),
        ),
        std::io::ErrorKind::PermissionDenied => {
            (FailKind::PermissionDenied, "permission denied".to_string())
        }
        _ => (FailKind::Unreadable, err.to_string()),
    };
    FileError::new(path.display(), kind, reason)
}

/// Reads, extracts and derives one file, and applies the values a user set for it.
fn prepare(
    path: &Path,
    fields: &Fields,
    options: &UpdateOptions,
    previous: Option<&String>,
) -> Outcome {
    match try_prepare(path, fields, options, previous) {
        Ok(outcome) => outcome,
        Err(err) => Outcome::Failed(err),
    }
}

fn try_prepare(
    path: &Path,
    fields: &Fields,
    options: &UpdateOptions,
    previous: Option<&String>,
) -> Result<Outcome, FileError> {
    let fail = |reason: String| FileError::new(path.display(), FailKind::BadMetadata, reason);
    let bytes = std::fs::read(path).map_err(|err| read_error(path, err))?;
    let sidecar = read_sidecar(path)?;
    let row = options.manifest.and_then(|m| m.row(path).map(|r| (m, r)));
    let settings: Vec<&str> = sidecar
        .iter()
        .map(|(_, text)| text.as_str())
        .chain(row.iter().map(|(_, (_, text))| text.as_str()))
        .collect();
    let print = fingerprint(&bytes, &settings, options.taxonomy, options.derive);
    if previous == Some(&print) {
        return Ok(Outcome::Unchanged);
    }
    let extracted = extract_bytes(path, &bytes)?;
    let taxonomy = options.taxonomy;
    let mut meta = if options.derive {
        // The body's tokens serve derivation here and the index later (see analysis::handoff).
        let tokens = analyze_tokens(&mut dutch_analyzer(), &extracted.text);
        let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let meta = metadata::derive_with_terms(&extracted.text, &terms, &file_name(path), taxonomy);
        handoff::offer(&extracted.text, tokens);
        meta
    } else {
        metadata::title_only(&extracted.text, &file_name(path))
    };
    if let Some((manifest, (set, _))) = row {
        let source = format!("manifest {}", manifest.origin);
        overrides::apply(&mut meta, set, &source, taxonomy)
            .map_err(|e| fail(format!("{source}: {e}")))?;
    }
    if let Some(yaml) = &extracted.front_matter {
        let set =
            overrides::parse_front_matter(yaml).map_err(|e| fail(format!("front matter: {e}")))?;
        overrides::apply(&mut meta, &set, "front matter", taxonomy)
            .map_err(|e| fail(format!("front matter: {e}")))?;
    }
    if let Some((sidecar_path, text)) = &sidecar {
        let source = sidecar_path.display().to_string();
        let set = overrides::parse_sidecar(sidecar_path, text)
            .map_err(|e| fail(format!("sidecar {source}: {e}")))?;
        overrides::apply(&mut meta, &set, &source, taxonomy)
            .map_err(|e| fail(format!("sidecar {source}: {e}")))?;
    }
    let key = path.display().to_string();
    Ok(Outcome::Ready {
        doc: document::build(fields, &key, &print, &extracted.text, &meta),
        existed: previous.is_some(),
    })
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}") {
        bar.set_style(style);
    }
    bar
}

/// Whether a stored document's file should leave the index: it is gone, or it lies under a folder
/// this run walked and was not found there.
fn should_remove(stored_path: &str, roots: &[PathBuf]) -> bool {
    let path = Path::new(stored_path);
    !path.exists()
        || roots
            .iter()
            .any(|root| root.is_dir() && path.starts_with(root))
}

/// Runs one indexing pass.
pub fn run(options: &UpdateOptions) -> Result<Summary, NotaError> {
    if options.rebuild && super::exists(options.index_dir) {
        if let Err(NotaError::IncompatibleIndex(_)) = super::open(options.index_dir) {
            super::clear_incompatible(options.index_dir)?;
        }
    }
    let nota = open_or_create(options.index_dir)?;
    let fields = nota.fields;
    let mut writer: IndexWriter = nota.index.writer(WRITER_MEMORY)?;
    let previous = if options.rebuild {
        writer.delete_all_documents()?;
        Default::default()
    } else {
        stored_fingerprints(&nota.index.reader()?.searcher())?
    };

    let walked = walk::walk(options.roots);
    let mut summary = Summary {
        failed: walked.errors,
        unsupported: walked.unsupported,
        ..Summary::default()
    };
    let bar = progress_bar(options.progress, walked.files.len());
    // A pipeline: rayon's threads read, extract and derive; this thread hands each document to
    // the writer as it comes, so preparing and indexing overlap; the bounded channel keeps memory
    // bounded whatever the number of files.
    let (sender, receiver) = mpsc::sync_channel::<(String, Outcome)>(BATCH);
    let mut seen: HashSet<String> = HashSet::new();
    std::thread::scope(|scope| -> Result<(), NotaError> {
        let files = &walked.files;
        let previous = &previous;
        scope.spawn(move || {
            files.par_iter().for_each_with(sender, |sender, path| {
                let key = path.display().to_string();
                let outcome = prepare(path, &fields, options, previous.get(&key));
                // The receiver only goes away on an error, which ends the run anyway.
                let _ = sender.send((key, outcome));
            });
        });
        for (key, outcome) in receiver {
            match outcome {
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Ready { doc, existed } => {
                    if existed {
                        writer.delete_term(Term::from_field_text(fields.path, &key));
                        summary.updated += 1;
                    } else {
                        summary.added += 1;
                    }
                    writer.add_document(doc)?;
                }
                Outcome::Failed(err) => summary.failed.push(err),
            }
            seen.insert(key);
            bar.inc(1);
        }
        Ok(())
    })?;
    bar.finish_and_clear();

    for stored in previous.keys() {
        if !seen.contains(stored) && should_remove(stored, options.roots) {
            writer.delete_term(Term::from_field_text(fields.path, stored));
            summary.removed += 1;
        }
    }
    if std::env::var_os(ABORT_BEFORE_COMMIT_ENV).is_some() {
        eprintln!("nota: {ABORT_BEFORE_COMMIT_ENV} is set: aborting before the commit");
        std::process::abort();
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    handoff::clear();
    Ok(summary)
}
