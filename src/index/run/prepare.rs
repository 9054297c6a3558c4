//! One file's way from disk to a document ready for the index, on a worker thread: read (within
//! the size limits) → extract → analyse (both chains' tokens once) → derive → assemble (document
//! properties, manifest, front matter, sidecar) → build. A failure at any step is that file's
//! ([`Prepared::Failed`]), and whatever it made is dropped with it; a ready document carries its
//! tokens and its share of the run's memory into the index ([`IndexDoc`]).

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::account::{FileReport, Status};
use super::plan::{content_hash, Fingerprint, Input};
use super::RunOptions;
use crate::analysis::document::DocumentAnalyzer;
use crate::error::{FailKind, FileError};
use crate::index::budget::InFlight;
use crate::index::document::{self, IndexDoc};
use crate::index::handoff::Handoff;
use crate::index::signature::Signature;
use crate::index::Fields;
use crate::ingest::isolate::Workers;
use crate::ingest::{extract_bounded, human_bytes};
use crate::metadata::assemble::{assemble, Settings};
use crate::metadata::{self, DocMeta};

/// Bump when extraction, derivation or analysis rules change, so that every document is
/// indexed anew.
const DERIVE_VERSION: &str = "v14";

/// What became of one file on its way to the index.
pub enum Prepared {
    /// As last time; nothing to do.
    Unchanged,
    /// A document to add (replacing the one it had when `existed`).
    Ready {
        /// The document, with its tokens.
        doc: Box<IndexDoc>,
        /// Whether the index has a document for this file already.
        existed: bool,
        /// Its line in the account.
        report: FileReport,
    },
    /// It could not be indexed.
    Failed(FileError),
}

/// Prepares the documents of one run: shared by the workers, each of which borrows a document
/// analyzer (with its word memory) from the pool for one file at a time.
pub struct Preparer<'r> {
    options: &'r RunOptions<'r>,
    fields: Fields,
    handoff: Arc<Handoff>,
    in_flight: Arc<InFlight>,
    analyzers: Mutex<Vec<DocumentAnalyzer>>,
    memo_bytes: usize,
    workers: Option<Workers>,
}

impl<'r> Preparer<'r> {
    /// A preparer for documents of the index with `fields` and `handoff`, counting them in
    /// `in_flight`; each worker's word memory keeps `memo_bytes`.
    pub fn new(
        options: &'r RunOptions<'r>,
        fields: Fields,
        handoff: Arc<Handoff>,
        in_flight: Arc<InFlight>,
        memo_bytes: usize,
    ) -> Preparer<'r> {
        Preparer {
            options,
            fields,
            handoff,
            in_flight,
            analyzers: Mutex::new(Vec::new()),
            memo_bytes,
            workers: options.worker.map(Workers::new),
        }
    }

    /// Runs `f` with an analyzer of the pool (a new one when all are in use).
    fn with_analyzer<R>(&self, f: impl FnOnce(&mut DocumentAnalyzer) -> R) -> R {
        let pool = || self.analyzers.lock().unwrap_or_else(|e| e.into_inner());
        let mut analyzer = pool()
            .pop()
            .unwrap_or_else(|| DocumentAnalyzer::new(self.memo_bytes));
        let result = f(&mut analyzer);
        pool().push(analyzer);
        result
    }

    /// Prepares `input`, whose document in the index has the fingerprint `previous`.
    pub fn prepare(&self, input: &Input, previous: Option<&String>) -> Prepared {
        match self.try_prepare(input, previous) {
            Ok(prepared) => prepared,
            Err(err) => Prepared::Failed(err),
        }
    }

    fn try_prepare(&self, input: &Input, previous: Option<&String>) -> Result<Prepared, FileError> {
        let options = self.options;
        let key = input.key();
        let path = input.path();
        let bad_metadata = |reason: String| FileError::new(&key, FailKind::BadMetadata, reason);
        let sidecar = input.sidecar();
        let row = options.manifest.and_then(|m| m.row(&path).map(|r| (m, r)));
        let rules = if options.derive {
            DERIVE_VERSION
        } else {
            "set-only"
        };
        let print = Fingerprint::of(
            input,
            sidecar.as_deref(),
            row.map(|(_, (_, text))| text.as_str()),
            format!("{}:{rules}", options.taxonomy.fingerprint),
        );
        if matches!(input, Input::File(_)) && previous.is_some_and(|p| print.stamp_matches(p)) {
            return Ok(Prepared::Unchanged);
        }
        // Read.
        let (bytes, read_warning) = match input {
            Input::File(path) => {
                let (bytes, warning) = read_limited(path, options.limits)?;
                (Cow::Owned(bytes), warning)
            }
            Input::Stdin { bytes, .. } => (Cow::Borrowed(*bytes), None),
        };
        let sidecar_text = sidecar
            .as_ref()
            .map(|candidate| {
                std::fs::read_to_string(candidate)
                    .map(|text| (candidate.clone(), text))
                    .map_err(|e| bad_metadata(format!("sidecar {}: {e}", candidate.display())))
            })
            .transpose()?;
        let settings: Vec<&str> = sidecar_text
            .iter()
            .map(|(_, text)| text.as_str())
            .chain(row.iter().map(|(_, (_, text))| text.as_str()))
            .collect();
        let hash = content_hash(&bytes, &settings);
        if previous.is_some_and(|p| print.hash_matches(p, &hash)) {
            return Ok(Prepared::Unchanged);
        }
        // Extract.
        let extract_started = std::time::Instant::now();
        let mut extracted = extract_bounded(
            &path,
            bytes,
            options.limits.file_timeout,
            self.workers.as_ref(),
        )
        .map_err(|mut e| {
            e.path = key.clone();
            e
        })?;
        extracted.warnings.extend(read_warning);
        extracted.truncate(options.limits.max_text_bytes);
        // Analyse, derive.
        let tokens = self.with_analyzer(|analyzer| analyzer.tokens(&extracted.text));
        let terms: Vec<&str> = tokens.stemmed.terms().collect();
        let name = file_name(&path);
        let derived = if options.derive {
            let positions: Vec<usize> = (0..terms.len())
                .map(|i| tokens.stemmed.position(i))
                .collect();
            let offsets: Vec<usize> = (0..terms.len())
                .map(|i| tokens.stemmed.offsets(i).0)
                .collect();
            metadata::derive_with_terms(
                &extracted.text,
                &terms,
                &positions,
                &offsets,
                &name,
                options.taxonomy,
            )
        } else {
            metadata::title_only(&extracted.text, &name)
        };
        let signature = Signature::of_terms(&terms);
        drop(terms);
        // Assemble.
        let format = path
            .extension()
            .map(|e| e.to_string_lossy().to_uppercase())
            .unwrap_or_default();
        let user = Settings {
            manifest_row: row.map(|(m, (set, _))| (m.origin.as_str(), set)),
            front_matter: extracted.front_matter.as_deref(),
            sidecar: sidecar_text
                .as_ref()
                .map(|(path, text)| (path.as_path(), text.as_str())),
        };
        let meta = assemble(
            derived,
            &extracted.properties,
            &format,
            &extracted.pages,
            &user,
            options.taxonomy,
        )
        .map_err(|e| bad_metadata(e.to_string()))?;
        // Build.
        let report = FileReport {
            warnings: std::mem::take(&mut extracted.warnings),
            pages: (!extracted.pages.is_empty()).then_some(extracted.pages.len()),
            text_bytes: Some(extracted.text.len()),
            extract_ms: Some(extract_started.elapsed().as_millis() as u64),
            ..FileReport::new(
                &key,
                if previous.is_some() {
                    Status::Updated
                } else {
                    Status::Added
                },
            )
        };
        let doc = self.build(
            &key,
            &print.render(&hash),
            &extracted.text,
            &meta,
            &signature,
            tokens,
        );
        Ok(Prepared::Ready {
            doc: Box::new(doc),
            existed: previous.is_some(),
            report,
        })
    }

    /// The document, carrying `tokens`, counted in the run's memory (which may wait for room).
    fn build(
        &self,
        key: &str,
        fingerprint: &str,
        text: &str,
        meta: &DocMeta,
        signature: &Signature,
        tokens: crate::analysis::document::BodyTokens,
    ) -> IndexDoc {
        // The body twice (stemmed and exact fields), the title, the metadata, the tokens.
        let bytes = 2 * text.len() + 2 * meta.title.len() + 4096 + tokens.heap_bytes();
        let charge = self.in_flight.charge(bytes);
        let doc = document::build(&self.fields, key, fingerprint, text, meta, signature);
        IndexDoc::with_tokens(doc, &self.fields, &self.handoff, tokens).charged(charge)
    }
}

/// The title of last resort: the file name without its extension.
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
    FileError::new(super::plan::path_key(path), kind, reason)
}

/// Formats whose files can be cut at the size limit and still read.
fn is_plain_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["txt", "text", "md", "markdown"].contains(&e.to_lowercase().as_str()))
}

/// Reads `path` within the size limit: a text file above it is cut (with a warning), any other
/// format above it fails as too large.
fn read_limited(
    path: &Path,
    limits: super::Limits,
) -> Result<(Vec<u8>, Option<String>), FileError> {
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
