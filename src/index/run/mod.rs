//! One indexing run, from folder to index in one direction, as a value that owns its state:
//!
//! 1. [`plan`]: walk the folders; the index's fingerprints say which files may have changed.
//! 2. [`prepare`] (on rayon's workers): read → extract → analyse → derive → assemble → build,
//!    one file at a time; a failure stays that file's.
//! 3. [`write`](mod@write) (on this thread): each prepared document goes to the tantivy writer as it comes,
//!    so preparing and indexing overlap; documents of files that are gone are deleted; one commit.
//! 4. [`account`]: every file ends in the [`Summary`] as added, updated, unchanged, skipped,
//!    failed or removed.
//!
//! Everything a run needs beyond one call lives in the run: the documents in flight and their
//! memory ([`crate::index::budget`]), the workers' word memories, the account. The tokens waiting
//! for tantivy live with the opened index ([`crate::index::handoff`]), and only as long as the
//! document that carries them. Two runs in one process share nothing.

pub mod account;
pub mod plan;
pub mod prepare;
pub mod write;

pub use write::Sink;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

pub use account::{FileReport, Status, Summary};
pub use plan::STDIN_PREFIX;
pub use write::ABORT_BEFORE_COMMIT_ENV;

use super::budget::{CloseOnDrop, InFlight, MemoryBudget};
use super::handoff::Handoff;
use super::{open, open_or_create, stored_fingerprints, Fields};
use crate::error::NotaError;
use crate::ingest::extract;
use crate::metadata::overrides::Manifest;
use crate::metadata::Taxonomy;
use plan::{Input, Plan};
use prepare::{Prepared, Preparer};
use write::Writer;

/// How much nota reads of one file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Files larger than this are not read whole: text files are cut to it, other formats fail
    /// as too large.
    pub max_file_bytes: u64,
    /// Extracted text beyond this many bytes is cut off, with a warning in the report.
    pub max_text_bytes: usize,
    /// Reading one file (its extraction) may take this long; past it the file fails as timed
    /// out.
    pub file_timeout: std::time::Duration,
}

/// The default of `--file-timeout`, in seconds (see issue 15's closing note for the
/// measurement: the slowest file of the 238 MB test corpus takes well under a second).
pub const DEFAULT_FILE_TIMEOUT_SECS: u64 = 30;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100_000_000,
            max_text_bytes: 10_000_000,
            file_timeout: std::time::Duration::from_secs(DEFAULT_FILE_TIMEOUT_SECS),
        }
    }
}

/// What to index, where, and with how much memory.
pub struct RunOptions<'a> {
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
    /// The memory the run may use.
    pub memory: MemoryBudget,
    /// The `nota` binary to read formats with risky parsers in, a child process per file
    /// ([`crate::ingest::isolate`]); without it they are read on a thread of their own.
    pub worker: Option<&'a Path>,
    /// Write to this OpenSearch index instead of the folder `index_dir`.
    pub cluster: Option<&'a crate::cluster::Cluster>,
}

impl<'a> RunOptions<'a> {
    /// Options to index `roots` into `index_dir` with the defaults: update, derive, prune.
    pub fn new(index_dir: &'a Path, roots: &'a [PathBuf], taxonomy: &'a Taxonomy) -> Self {
        RunOptions {
            index_dir,
            roots,
            rebuild: false,
            taxonomy,
            progress: false,
            manifest: None,
            derive: true,
            limits: Limits::default(),
            prune: true,
            memory: MemoryBudget::default(),
            worker: None,
            cluster: None,
        }
    }
}

/// One indexing run: where its documents go (the opened index's writer, or a cluster), the
/// plan, the run's memory and its account.
struct IndexRun<'a> {
    options: &'a RunOptions<'a>,
    fields: Fields,
    handoff: Arc<Handoff>,
    writer: Box<dyn Sink>,
    plan: Plan,
    in_flight: Arc<InFlight>,
    summary: Summary,
}

impl<'a> IndexRun<'a> {
    /// Opens where the documents go (starting over when asked) and reads its fingerprints.
    fn start(options: &'a RunOptions<'a>) -> Result<IndexRun<'a>, NotaError> {
        let (fields, handoff, writer, previous) = match options.cluster {
            Some(cluster) => {
                let loader = crate::cluster::load::Loader::open(cluster, options.rebuild)?;
                let previous = loader.fingerprints()?;
                let (fields, handoff) = (loader.fields(), loader.handoff());
                (fields, handoff, Box::new(loader) as Box<dyn Sink>, previous)
            }
            None => Self::open_folder(options)?,
        };
        let plan = Plan::new(options.roots, previous);
        let mut summary = Summary::default();
        for error in plan.walked.errors.iter().cloned() {
            summary.fail(error);
        }
        for path in &plan.walked.skipped {
            summary.skip(path);
        }
        for path in &plan.walked.special {
            summary.skip_special(path);
        }
        Ok(IndexRun {
            options,
            in_flight: InFlight::new(options.memory.in_flight()),
            fields,
            handoff,
            writer,
            plan,
            summary,
        })
    }

    /// The index folder's writer (starting over when asked) and the fingerprints it holds.
    #[allow(clippy::type_complexity)]
    fn open_folder(
        options: &RunOptions,
    ) -> Result<(Fields, Arc<Handoff>, Box<dyn Sink>, HashMap<String, String>), NotaError> {
        let dir = options.index_dir;
        if options.rebuild && super::repair::looks_like_index(dir) {
            // A rebuild works on whatever state the folder is in: an index that cannot be
            // opened (damaged, or built by another version) is cleared first.
            match open(dir) {
                Err(NotaError::DamagedIndex { .. } | NotaError::IncompatibleIndex(_)) => {
                    super::repair::clear(dir)?
                }
                Ok(_) | Err(NotaError::NoIndex(_)) => {}
                Err(other) => return Err(other),
            }
        }
        let nota = open_or_create(options.index_dir)?;
        let mut writer = Writer::open(
            &nota,
            options.index_dir,
            options.memory.writer(),
            options.memory.merge(),
        )?;
        let previous = if options.rebuild {
            writer.delete_all()?;
            Default::default()
        } else {
            stored_fingerprints(&nota.reader.searcher())?
        };
        Ok((
            nota.fields,
            Arc::clone(&nota.handoff),
            Box::new(writer),
            previous,
        ))
    }

    fn preparer(&self) -> Preparer<'a> {
        let workers = rayon::current_num_threads();
        Preparer::new(
            self.options,
            self.fields,
            Arc::clone(&self.handoff),
            Arc::clone(&self.in_flight),
            self.options.memory.memo_per_worker(workers),
        )
    }

    /// Prepares the plan's files on rayon's workers and writes each as it comes; returns the
    /// keys seen.
    fn index_files(&mut self, bar: &ProgressBar) -> Result<HashSet<String>, NotaError> {
        let preparer = self.preparer();
        let (files, previous) = (&self.plan.walked.files, &self.plan.previous);
        let (writer, summary) = (&mut self.writer, &mut self.summary);
        let (sender, receiver) = mpsc::channel::<(String, Prepared)>();
        let mut seen = HashSet::new();
        std::thread::scope(|scope| -> Result<(), NotaError> {
            // Dropped before the scope joins the workers, also on an error: lets any worker
            // waiting for memory go (its document is then dropped with the channel).
            let _close = CloseOnDrop(Arc::clone(&self.in_flight));
            let preparer = &preparer;
            scope.spawn(move || {
                files.par_iter().for_each_with(sender, |sender, path| {
                    let input = Input::File(path);
                    let key = input.key();
                    let prepared = preparer.prepare(&input, previous.get(&key));
                    // The receiver only goes away on an error, which ends the run anyway.
                    let _ = sender.send((key, prepared));
                });
            });
            for (key, prepared) in receiver {
                writer.take(summary, &key, prepared)?;
                seen.insert(key);
                bar.inc(1);
            }
            Ok(())
        })?;
        Ok(seen)
    }

    /// Commits and gives the account, files in path order.
    fn finish(self) -> Result<Summary, NotaError> {
        let IndexRun {
            options,
            writer,
            mut summary,
            ..
        } = self;
        if let Some(warning) = writer.commit(&mut summary)? {
            let place = match options.cluster {
                Some(cluster) => cluster.to_string(),
                None => options.index_dir.display().to_string(),
            };
            summary.warnings.push((place, warning));
        }
        summary.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(summary)
    }
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

/// Runs one indexing pass over `options.roots`.
pub fn run(options: &RunOptions) -> Result<Summary, NotaError> {
    let mut run = IndexRun::start(options)?;
    let bar = progress_bar(options.progress, run.plan.walked.files.len());
    let seen = run.index_files(&bar)?;
    bar.finish_and_clear();
    if options.prune {
        let (gone, kept) = run.plan.settle(options.roots, &seen);
        for stored in gone {
            run.writer.delete(&mut run.summary, stored)?;
            run.summary.removed(stored);
        }
        for (folder, count) in kept {
            run.summary.kept(&folder, count);
        }
    }
    run.finish()
}

/// Indexes bytes read from standard input as the document `name` (`nota add - --name NAME`);
/// its format is taken from the name's extension.
pub fn add_stdin(options: &RunOptions, name: &str, bytes: &[u8]) -> Result<Summary, NotaError> {
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
    let options = RunOptions {
        roots: &[],
        ..*options
    };
    let mut run = IndexRun::start(&options)?;
    let input = Input::Stdin { name, bytes };
    let key = input.key();
    let prepared = run.preparer().prepare(&input, run.plan.previous.get(&key));
    run.writer.take(&mut run.summary, &key, prepared)?;
    run.finish()
}

/// The stored keys `nota remove GIVEN` drops: the path as indexed, everything under a folder, or
/// the name of a document added from standard input.
pub fn removed_by<'k>(keys: impl Iterator<Item = &'k String>, given: &str) -> Vec<&'k String> {
    let trimmed = given.trim_end_matches('/');
    let stdin_key = format!("{STDIN_PREFIX}{given}");
    keys.filter(|key| {
        key.as_str() == trimmed
            || **key == stdin_key
            || plan::key_path(key).starts_with(trimmed) && !trimmed.is_empty()
    })
    .collect()
}

/// Drops the documents of `paths` (`nota remove`): a path as it was indexed, a file or folder
/// given the way it was indexed (everything under a folder goes), or the name of a document
/// added from standard input. Returns the account and the paths that matched nothing.
pub fn remove(
    index_dir: &Path,
    paths: &[String],
    memory: MemoryBudget,
) -> Result<(Summary, Vec<String>), NotaError> {
    let nota = open(index_dir)?;
    let stored = stored_fingerprints(&nota.reader.searcher())?;
    let mut writer = Writer::open(&nota, index_dir, memory.writer(), memory.merge())?;
    let mut summary = Summary::default();
    let mut unmatched = Vec::new();
    for given in paths {
        let matches = removed_by(stored.keys(), given);
        if matches.is_empty() {
            unmatched.push(given.clone());
        }
        for key in matches {
            writer.delete(key);
            summary.removed(key);
        }
    }
    if let Some(warning) = writer.commit()? {
        summary
            .warnings
            .push((index_dir.display().to_string(), warning));
    }
    Ok((summary, unmatched))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FailKind;

    fn corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
    }

    /// Path → fingerprint and the number of documents of the index at `dir`.
    fn documents(dir: &Path) -> std::collections::HashMap<String, String> {
        stored_fingerprints(&open(dir).unwrap().reader.searcher()).unwrap()
    }

    #[test]
    fn the_index_replays_the_runs_tokens_and_keeps_none() {
        let dir = tempfile::tempdir().unwrap();
        let taxonomy = Taxonomy::builtin();
        let roots = [corpus()];
        let options = RunOptions::new(dir.path(), &roots, &taxonomy);
        let mut run = IndexRun::start(&options).unwrap();
        run.index_files(&ProgressBar::hidden()).unwrap();
        let handoff = Arc::clone(&run.handoff);
        let summary = run.finish().unwrap();
        assert_eq!(summary.added, 5);
        // Every body's tokens were replayed, not analysed again; none is left.
        assert_eq!(handoff.taken(), 5);
        assert_eq!(handoff.waiting_lists(), 0);
    }

    #[test]
    fn two_runs_at_once_in_one_process_share_nothing() {
        let taxonomy = Taxonomy::builtin();
        let roots = [corpus()];
        let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        std::thread::scope(|scope| {
            for dir in &dirs {
                let (taxonomy, roots) = (&taxonomy, &roots);
                scope.spawn(move || {
                    let options = RunOptions::new(dir.path(), roots, taxonomy);
                    assert_eq!(run(&options).unwrap().added, 5);
                });
            }
        });
        assert_eq!(documents(dirs[0].path()), documents(dirs[1].path()));
    }

    #[test]
    fn a_prepared_document_dropped_unadded_gives_back_its_tokens_and_memory() {
        let dir = tempfile::tempdir().unwrap();
        let taxonomy = Taxonomy::builtin();
        let options = RunOptions::new(dir.path(), &[], &taxonomy);
        let nota = open_or_create(&dir.path().join("index")).unwrap();
        let in_flight = InFlight::new(1 << 20);
        let preparer = Preparer::new(
            &options,
            nota.fields,
            Arc::clone(&nota.handoff),
            Arc::clone(&in_flight),
            1 << 20,
        );
        let file = corpus().join("000_33dd7ee09d371b16.txt");
        let Prepared::Ready { doc, .. } = preparer.prepare(&Input::File(&file), None) else {
            panic!("the sample memo is ready");
        };
        assert_eq!(nota.handoff.waiting_lists(), 1);
        assert!(in_flight.bytes() > 0);
        drop(doc);
        assert_eq!(nota.handoff.waiting_lists(), 0);
        assert_eq!(in_flight.bytes(), 0);
    }

    #[test]
    fn a_file_that_vanished_after_the_walk_is_reported_as_vanished() {
        let dir = tempfile::tempdir().unwrap();
        let taxonomy = Taxonomy::builtin();
        let options = RunOptions::new(dir.path(), &[], &taxonomy);
        let nota = open_or_create(&dir.path().join("index")).unwrap();
        let preparer = Preparer::new(
            &options,
            nota.fields,
            Arc::clone(&nota.handoff),
            InFlight::new(1 << 20),
            1 << 20,
        );
        let gone = dir.path().join("weg.txt");
        let Prepared::Failed(error) = preparer.prepare(&Input::File(&gone), None) else {
            panic!("a missing file must fail");
        };
        assert_eq!(error.kind, FailKind::Vanished);
        assert!(error.path.ends_with("weg.txt"));
    }
}
