//! The indexing run: walk the folders, extract and derive in parallel, and bring the index in step
//! with them in one commit; and the same for single files (`nota add`, from disk or stdin) and
//! their removal (`nota remove`).
//!
//! * A file whose size and modification time (and its sidecar's, and its manifest row) are as
//!   last time is not even read; one whose bytes hash the same is not re-indexed either.
//! * A changed file replaces its document; a new file adds one.
//! * A document whose file is gone, or that lies under a walked folder and was not found again,
//!   is removed.
//! * A file that fails is reported with its kind and reason and keeps the document it had.
//! * Every file ends in the account ([`Summary`], and per file in [`FileReport`] for
//!   `--report`): added, updated, unchanged, skipped (with its extension) or failed.
//! * Everything lands in a single commit at the end: a run killed before it leaves the previous
//!   index as it was.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::UNIX_EPOCH;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::signature::Signature;
use super::{document, open, open_or_create, stored_fingerprints, Fields};
use crate::analysis::dutch::{document_tokens, dutch_analyzer};
use crate::analysis::{analyze_terms, handoff};
use crate::error::{FailKind, FileError, NotaError};
use crate::ingest::{extract, extract_bytes, human_bytes, walk, Extracted};
use crate::metadata::overrides::{self, Manifest, Overrides};
use crate::metadata::{self, hints, Taxonomy};

/// Bump when extraction, derivation or analysis rules change, so that every document is
/// indexed anew.
const DERIVE_VERSION: &str = "v8";
/// Prepared documents that may wait for the writer.
const BATCH: usize = 128;
/// Memory the tantivy writer may use (shared by its threads). A segment is written each time a
/// thread's share fills, and every segment costs a cold search a read of each of its six files'
/// footers: at 100 MB the 238 MB test corpus made four segments and two thirds of a cold search's
/// disk reads were footers; at 300 MB it makes one on one core. 400 MB took a corpus of 150 texts
/// of 4 MB to a peak RSS of 1.03 GB; 300 MB to 0.93 GB.
const WRITER_MEMORY: usize = 300_000_000;
/// Set this environment variable to make the run abort right before its commit (fault
/// injection for tests of crash safety).
pub const ABORT_BEFORE_COMMIT_ENV: &str = "NOTA_ABORT_BEFORE_COMMIT";
/// Documents added from standard input are stored under this prefix and their given name.
pub const STDIN_PREFIX: &str = "stdin:";

/// How much nota reads of one file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Files larger than this are not read whole: text files are cut to it, other formats fail
    /// as too large.
    pub max_file_bytes: u64,
    /// Extracted text beyond this many bytes is cut off, with a warning in the report.
    pub max_text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100_000_000,
            max_text_bytes: 10_000_000,
        }
    }
}

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
    /// Size limits.
    pub limits: Limits,
    /// Remove documents whose files are gone (`nota index`); `nota add` leaves them.
    pub prune: bool,
}

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Indexed for the first time.
    Added,
    /// Indexed anew because it changed.
    Updated,
    /// As last time; not re-indexed.
    Unchanged,
    /// Not a format nota reads.
    Skipped,
    /// Could not be indexed (see the kind and reason).
    Failed,
    /// Its document left the index.
    Removed,
}

/// One line of the account a run gives of every file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// The file.
    pub path: String,
    /// What became of it.
    pub status: Status,
    /// For failures: the kind of trouble.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<FailKind>,
    /// For failures: why, in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Things worth knowing although it was indexed (truncated, pages without text, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Pages, for formats that have them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// Bytes of text indexed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_bytes: Option<usize>,
}

impl FileReport {
    fn new(path: &str, status: Status) -> Self {
        FileReport {
            path: path.to_string(),
            status,
            kind: None,
            reason: None,
            warnings: Vec::new(),
            pages: None,
            text_bytes: None,
        }
    }

    fn failed(error: &FileError) -> Self {
        FileReport {
            kind: Some(error.kind),
            reason: Some(error.reason.clone()),
            ..FileReport::new(&error.path, Status::Failed)
        }
    }
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
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
    /// Files skipped because nota does not read their format, per extension.
    pub skipped: BTreeMap<String, usize>,
    /// Indexed files with something worth knowing: (path, warning).
    pub warnings: Vec<(String, String)>,
    /// Every file, for `--report`.
    pub files: Vec<FileReport>,
}

impl Summary {
    /// Failures per kind.
    pub fn failed_by_kind(&self) -> BTreeMap<FailKind, usize> {
        let mut kinds = BTreeMap::new();
        for failure in &self.failed {
            *kinds.entry(failure.kind).or_default() += 1;
        }
        kinds
    }

    /// Files skipped as unsupported.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} removed, {} unchanged, {} skipped, {} failed",
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.skipped_total(),
            self.failed.len()
        )?;
        let kinds: Vec<String> = self
            .failed_by_kind()
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.label()))
            .collect();
        if !kinds.is_empty() {
            write!(f, " ({})", kinds.join(", "))?;
        }
        match self.warnings.len() {
            0 => {}
            1 => write!(f, ", 1 warning")?,
            n => write!(f, ", {n} warnings")?,
        }
        Ok(())
    }
}

enum Outcome {
    Unchanged,
    Ready {
        doc: Box<TantivyDocument>,
        existed: bool,
        report: FileReport,
    },
    Failed(FileError),
}

/// A file's stored fingerprint: `STAMP|HASH:TAXONOMY:RULES`. The stamp (sizes and modification
/// times of the file and its sidecar, and a hash of its manifest row) lets a re-run skip an
/// unchanged file without reading it; the hash catches a file touched but not changed.
struct Fingerprint {
    stamp: String,
    tail: String,
}

impl Fingerprint {
    fn render(&self, hash: &str) -> String {
        format!("{}|{hash}:{}", self.stamp, self.tail)
    }

    fn stamp_matches(&self, previous: &str) -> bool {
        !self.stamp.contains(UNTRUSTED)
            && previous
                .split_once('|')
                .is_some_and(|(stamp, rest)| stamp == self.stamp && rest.ends_with(&self.tail))
    }

    fn hash_matches(&self, previous: &str, hash: &str) -> bool {
        previous
            .split_once('|')
            .is_some_and(|(_, rest)| rest == format!("{hash}:{}", self.tail))
    }
}

/// Marks a stamp that must not be trusted next time.
const UNTRUSTED: &str = "?";

/// Size and modification time of `path`. A file modified in the last two seconds gets an
/// untrusted stamp: on a file system with coarse timestamps, a later edit of the same size in the
/// same tick would otherwise go unseen (so it is hashed next time instead).
fn stat_stamp(path: &Path) -> String {
    let Ok(meta) = std::fs::metadata(path) else {
        return UNTRUSTED.to_string();
    };
    let Some(modified) = meta.modified().ok() else {
        return UNTRUSTED.to_string();
    };
    let recent = modified
        .elapsed()
        .map_or(true, |age| age < std::time::Duration::from_secs(2));
    let nanos = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mark = if recent { UNTRUSTED } else { "" };
    format!("{}.{nanos}{mark}", meta.len())
}

fn content_hash(bytes: &[u8], settings: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    for setting in settings {
        hasher.update(b"\0");
        hasher.update(setting.as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_string()
}

/// The sidecar of `path`, if there is one.
fn find_sidecar(path: &Path) -> Option<PathBuf> {
    overrides::sidecar_candidates(path)
        .into_iter()
        .find(|candidate| candidate.is_file())
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

/// Formats whose files can be cut at the size limit and still read.
fn is_plain_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["txt", "text", "md", "markdown"].contains(&e.to_lowercase().as_str()))
}

/// Reads `path` within the size limit: a text file above it is cut (with a warning), any other
/// format above it fails as too large.
fn read_limited(path: &Path, limits: Limits) -> Result<(Vec<u8>, Option<String>), FileError> {
    let file = std::fs::File::open(path).map_err(|err| read_error(path, err))?;
    let size = file.metadata().map_err(|err| read_error(path, err))?.len();
    if size > limits.max_file_bytes && !is_plain_text(path) {
        return Err(FileError::new(
            path.display(),
            FailKind::TooLarge,
            format!(
                "the file is {}, above the --max-file-size limit of {}",
                human_bytes(size),
                human_bytes(limits.max_file_bytes)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(size.min(limits.max_file_bytes) as usize);
    file.take(limits.max_file_bytes)
        .read_to_end(&mut bytes)
        .map_err(|err| read_error(path, err))?;
    let warning = (size > limits.max_file_bytes).then(|| {
        format!(
            "only the first {} of {} read (the --max-file-size limit)",
            human_bytes(limits.max_file_bytes),
            human_bytes(size)
        )
    });
    Ok((bytes, warning))
}

/// One document to prepare: a file on disk, or bytes from standard input under a name.
enum Input<'a> {
    File(&'a Path),
    Stdin { name: &'a str, bytes: &'a [u8] },
}

impl Input<'_> {
    fn key(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin { name, .. } => format!("{STDIN_PREFIX}{name}"),
        }
    }
}

/// Reads, extracts and derives one file, and applies the values a user set for it.
fn prepare(
    input: &Input,
    fields: &Fields,
    options: &UpdateOptions,
    previous: Option<&String>,
) -> Outcome {
    match try_prepare(input, fields, options, previous) {
        Ok(outcome) => outcome,
        Err(err) => Outcome::Failed(err),
    }
}

fn try_prepare(
    input: &Input,
    fields: &Fields,
    options: &UpdateOptions,
    previous: Option<&String>,
) -> Result<Outcome, FileError> {
    let key = input.key();
    let path = match input {
        Input::File(path) => path.to_path_buf(),
        Input::Stdin { name, .. } => PathBuf::from(name),
    };
    let fail = |reason: String| FileError::new(&key, FailKind::BadMetadata, reason);
    let sidecar = match input {
        Input::File(path) => find_sidecar(path),
        Input::Stdin { .. } => None,
    };
    let row = options.manifest.and_then(|m| m.row(&path).map(|r| (m, r)));
    let rules = if options.derive {
        DERIVE_VERSION
    } else {
        "set-only"
    };
    let mut stamp = match input {
        Input::File(path) => stat_stamp(path),
        Input::Stdin { .. } => "stdin".to_string(),
    };
    if let Some(sidecar) = &sidecar {
        stamp.push_str(&format!("+{}", stat_stamp(sidecar)));
    }
    if let Some((_, (_, text))) = row {
        stamp.push_str(&format!("+{}", &content_hash(text.as_bytes(), &[])[..8]));
    }
    let print = Fingerprint {
        stamp,
        tail: format!("{}:{rules}", options.taxonomy.fingerprint),
    };
    if matches!(input, Input::File(_)) && previous.is_some_and(|p| print.stamp_matches(p)) {
        return Ok(Outcome::Unchanged);
    }
    let (bytes, read_warning) = match input {
        Input::File(path) => {
            let (bytes, warning) = read_limited(path, options.limits)?;
            (std::borrow::Cow::Owned(bytes), warning)
        }
        Input::Stdin { bytes, .. } => (std::borrow::Cow::Borrowed(*bytes), None),
    };
    let sidecar_text = sidecar
        .as_ref()
        .map(|candidate| {
            std::fs::read_to_string(candidate)
                .map(|text| (candidate.clone(), text))
                .map_err(|e| fail(format!("sidecar {}: {e}", candidate.display())))
        })
        .transpose()?;
    let settings: Vec<&str> = sidecar_text
        .iter()
        .map(|(_, text)| text.as_str())
        .chain(row.iter().map(|(_, (_, text))| text.as_str()))
        .collect();
    let hash = content_hash(&bytes, &settings);
    if previous.is_some_and(|p| print.hash_matches(p, &hash)) {
        return Ok(Outcome::Unchanged);
    }
    let mut extracted = extract_bytes(&path, &bytes).map_err(|mut e| {
        e.path = key.clone();
        e
    })?;
    extracted.warnings.extend(read_warning);
    extracted.truncate(options.limits.max_text_bytes);
    let (meta, signature) =
        describe(&extracted, &path, options, row, sidecar_text.as_ref()).map_err(fail)?;
    let report = FileReport {
        warnings: std::mem::take(&mut extracted.warnings),
        pages: (!extracted.pages.is_empty()).then_some(extracted.pages.len()),
        text_bytes: Some(extracted.text.len()),
        ..FileReport::new(
            &key,
            if previous.is_some() {
                Status::Updated
            } else {
                Status::Added
            },
        )
    };
    Ok(Outcome::Ready {
        doc: Box::new(document::build(
            fields,
            &key,
            &print.render(&hash),
            &extracted.text,
            &meta,
            &signature,
        )),
        existed: previous.is_some(),
        report,
    })
}

/// The metadata of an extracted file: derived from its text (or only its title), filled in from
/// its document properties, then overridden by its manifest row, front matter and sidecar; and
/// the MinHash signature of its analysed text.
fn describe(
    extracted: &Extracted,
    path: &Path,
    options: &UpdateOptions,
    row: Option<(&Manifest, &(Overrides, String))>,
    sidecar: Option<&(PathBuf, String)>,
) -> Result<(metadata::DocMeta, Signature), String> {
    let taxonomy = options.taxonomy;
    let name = file_name(path);
    let (mut meta, signature) = if options.derive {
        // The body's tokens serve derivation here and the index later (see analysis::handoff).
        let (tokens, exact) = document_tokens(&extracted.text);
        let terms: Vec<&str> = tokens.terms().collect();
        let meta = metadata::derive_with_terms(&extracted.text, &terms, &name, taxonomy);
        let signature = Signature::of_terms(&terms);
        handoff::offer(&extracted.text, tokens, exact);
        (meta, signature)
    } else {
        let terms = analyze_terms(&mut dutch_analyzer(), &extracted.text);
        (
            metadata::title_only(&extracted.text, &name),
            Signature::of_terms(&terms),
        )
    };
    let format = path
        .extension()
        .map(|e| e.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    let title_from_name = meta.evidence.title == metadata::TITLE_FROM_FILE_NAME;
    hints::apply(&mut meta, &extracted.properties, &format, title_from_name);
    meta.pages = extracted.pages.clone();
    if let Some((manifest, (set, _))) = row {
        let source = format!("manifest {}", manifest.origin);
        overrides::apply(&mut meta, set, &source, taxonomy)
            .map_err(|e| format!("{source}: {e}"))?;
    }
    if let Some(yaml) = &extracted.front_matter {
        let set = overrides::parse_front_matter(yaml).map_err(|e| format!("front matter: {e}"))?;
        overrides::apply(&mut meta, &set, "front matter", taxonomy)
            .map_err(|e| format!("front matter: {e}"))?;
    }
    if let Some((sidecar_path, text)) = sidecar {
        let source = sidecar_path.display().to_string();
        let set = overrides::parse_sidecar(sidecar_path, text)
            .map_err(|e| format!("sidecar {source}: {e}"))?;
        overrides::apply(&mut meta, &set, &source, taxonomy)
            .map_err(|e| format!("sidecar {source}: {e}"))?;
    }
    Ok((meta, signature))
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
/// this run walked and was not found there. Documents added from stdin stay until removed.
fn should_remove(stored_path: &str, roots: &[PathBuf]) -> bool {
    if stored_path.starts_with(STDIN_PREFIX) {
        return false;
    }
    let path = Path::new(stored_path);
    !path.exists()
        || roots
            .iter()
            .any(|root| root.is_dir() && path.starts_with(root))
}

/// Opens the index for writing, starting over when asked; returns the writer and the stored
/// fingerprints.
fn start(
    options: &UpdateOptions,
) -> Result<(IndexWriter, Fields, HashMap<String, String>), NotaError> {
    if options.rebuild && super::exists(options.index_dir) {
        if let Err(NotaError::IncompatibleIndex(_)) = super::open(options.index_dir) {
            super::clear_incompatible(options.index_dir)?;
        }
    }
    let nota = open_or_create(options.index_dir)?;
    let writer: IndexWriter = nota.index.writer(WRITER_MEMORY)?;
    let previous = if options.rebuild {
        writer.delete_all_documents()?;
        Default::default()
    } else {
        stored_fingerprints(&nota.index.reader()?.searcher())?
    };
    Ok((writer, nota.fields, previous))
}

/// Takes one prepared outcome into the writer and the account.
fn take(
    writer: &mut IndexWriter,
    fields: &Fields,
    summary: &mut Summary,
    key: &str,
    outcome: Outcome,
) -> Result<(), NotaError> {
    match outcome {
        Outcome::Unchanged => {
            summary.unchanged += 1;
            summary.files.push(FileReport::new(key, Status::Unchanged));
        }
        Outcome::Ready {
            doc,
            existed,
            report,
        } => {
            if existed {
                writer.delete_term(Term::from_field_text(fields.path, key));
                summary.updated += 1;
            } else {
                summary.added += 1;
            }
            writer.add_document(*doc)?;
            for warning in &report.warnings {
                summary.warnings.push((key.to_string(), warning.clone()));
            }
            summary.files.push(report);
        }
        Outcome::Failed(err) => {
            summary.files.push(FileReport::failed(&err));
            summary.failed.push(err);
        }
    }
    Ok(())
}

fn finish(mut writer: IndexWriter) -> Result<(), NotaError> {
    if std::env::var_os(ABORT_BEFORE_COMMIT_ENV).is_some() {
        eprintln!("nota: {ABORT_BEFORE_COMMIT_ENV} is set: aborting before the commit");
        std::process::abort();
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    handoff::clear();
    Ok(())
}

/// Runs one indexing pass.
pub fn run(options: &UpdateOptions) -> Result<Summary, NotaError> {
    let (mut writer, fields, previous) = start(options)?;
    let walked = walk::walk(options.roots);
    let mut summary = Summary::default();
    for error in walked.errors {
        summary.files.push(FileReport::failed(&error));
        summary.failed.push(error);
    }
    for path in &walked.skipped {
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "(no extension)".to_string());
        *summary.skipped.entry(ext).or_default() += 1;
        summary.files.push(FileReport::new(
            &path.display().to_string(),
            Status::Skipped,
        ));
    }
    let bar = progress_bar(options.progress, walked.files.len());
    // A pipeline: rayon's threads read, extract and derive; this thread hands each document to
    // the writer as it comes, so preparing and indexing overlap; the bounded channel keeps memory
    // bounded whatever the number of files.
    let (sender, receiver) = mpsc::sync_channel::<(String, Outcome)>(BATCH);
    let mut seen: HashSet<String> = HashSet::new();
    std::thread::scope(|scope| -> Result<(), NotaError> {
        // Tokens waiting for the writer stay under handoff::SHELF_BYTES. Declared in here so
        // that an early return drops it (letting waiting threads go) before the scope joins them.
        let _limit = handoff::limit();
        let files = &walked.files;
        let previous = &previous;
        scope.spawn(move || {
            files.par_iter().for_each_with(sender, |sender, path| {
                let input = Input::File(path);
                let key = input.key();
                let outcome = prepare(&input, &fields, options, previous.get(&key));
                // The receiver only goes away on an error, which ends the run anyway.
                let _ = sender.send((key, outcome));
            });
        });
        for (key, outcome) in receiver {
            take(&mut writer, &fields, &mut summary, &key, outcome)?;
            seen.insert(key);
            bar.inc(1);
        }
        Ok(())
    })?;
    bar.finish_and_clear();

    if options.prune {
        for stored in previous.keys() {
            if !seen.contains(stored) && should_remove(stored, options.roots) {
                writer.delete_term(Term::from_field_text(fields.path, stored));
                summary.removed += 1;
                summary.files.push(FileReport::new(stored, Status::Removed));
            }
        }
    }
    finish(writer)?;
    summary.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(summary)
}

/// Indexes bytes read from standard input as the document `name` (`nota add - --name NAME`);
/// its format is taken from the name's extension.
pub fn add_stdin(options: &UpdateOptions, name: &str, bytes: &[u8]) -> Result<Summary, NotaError> {
    if extract::for_path(Path::new(name)).is_none() {
        return Err(NotaError::Usage(format!(
            "--name {name}: nota reads files ending in {}; give the name with one of them",
            extract::supported_extensions()
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let (mut writer, fields, previous) = start(options)?;
    let input = Input::Stdin { name, bytes };
    let key = input.key();
    let outcome = prepare(&input, &fields, options, previous.get(&key));
    let mut summary = Summary::default();
    take(&mut writer, &fields, &mut summary, &key, outcome)?;
    finish(writer)?;
    Ok(summary)
}

/// Drops the documents of `paths` (`nota remove`): a path as it was indexed, a file or folder
/// given the way it was indexed (everything under a folder goes), or the name of a document
/// added from standard input. Returns the account and the paths that matched nothing.
pub fn remove(index_dir: &Path, paths: &[String]) -> Result<(Summary, Vec<String>), NotaError> {
    let nota = open(index_dir)?;
    let stored = stored_fingerprints(&nota.index.reader()?.searcher())?;
    let writer: IndexWriter = nota.index.writer(WRITER_MEMORY)?;
    let mut summary = Summary::default();
    let mut unmatched = Vec::new();
    for given in paths {
        let trimmed = given.trim_end_matches('/');
        let stdin_key = format!("{STDIN_PREFIX}{given}");
        let matches: Vec<&String> = stored
            .keys()
            .filter(|key| {
                key.as_str() == trimmed
                    || **key == stdin_key
                    || Path::new(key.as_str()).starts_with(trimmed) && !trimmed.is_empty()
            })
            .collect();
        if matches.is_empty() {
            unmatched.push(given.clone());
        }
        for key in matches {
            writer.delete_term(Term::from_field_text(nota.fields.path, key));
            summary.removed += 1;
            summary.files.push(FileReport::new(key, Status::Removed));
        }
    }
    finish(writer)?;
    Ok((summary, unmatched))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options<'a>(taxonomy: &'a Taxonomy, dir: &'a Path) -> UpdateOptions<'a> {
        UpdateOptions {
            index_dir: dir,
            roots: &[],
            rebuild: false,
            taxonomy,
            progress: false,
            manifest: None,
            derive: true,
            limits: Limits::default(),
            prune: true,
        }
    }

    #[test]
    fn a_file_that_vanished_after_the_walk_is_reported_as_vanished() {
        let dir = tempfile::tempdir().unwrap();
        let taxonomy = Taxonomy::builtin();
        let fields = Fields::of(&super::super::schema::schema()).unwrap();
        let gone = dir.path().join("weg.txt");
        let outcome = prepare(
            &Input::File(&gone),
            &fields,
            &options(&taxonomy, dir.path()),
            None,
        );
        let Outcome::Failed(error) = outcome else {
            panic!("a missing file must fail");
        };
        assert_eq!(error.kind, FailKind::Vanished);
        assert!(error.path.ends_with("weg.txt"));
    }

    #[test]
    fn stamps_of_recent_files_are_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nieuw.txt");
        std::fs::write(&file, "tekst").unwrap();
        let print = Fingerprint {
            stamp: stat_stamp(&file),
            tail: "t:v".into(),
        };
        assert!(print.stamp.ends_with(UNTRUSTED));
        assert!(!print.stamp_matches(&print.render("abc")));
    }
}
