//! The writer side of a run: takes each prepared document into the tantivy writer (replacing
//! the file's old document), deletes the documents of files that are gone, and commits once at
//! the end, so that a run killed before its commit leaves the previous index as it was.
//!
//! Segments are not merged while documents are indexed (the writer's arenas and a merge's
//! mapped segments would add up), but after the commit, one merge at a time, each reading at
//! most the run's merge share of memory (`merge_groups`): tantivy's default policy merged every
//! segment into one at the end, which mapped the whole index (0.84 GB for 4x the test corpus)
//! into the process at once.

use std::path::{Path, PathBuf};

use tantivy::directory::error::{LockError, OpenWriteError};
use tantivy::index::{SegmentComponent, SegmentId, SegmentMeta};
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyError, Term};

use super::account::{FileReport, Summary};
use super::prepare::Prepared;
use crate::error::NotaError;
use crate::index::document::IndexDoc;
use crate::index::{repair, Fields, NotaIndex};

/// Set this environment variable to make the run abort right before its commit (fault
/// injection for tests of crash safety).
pub const ABORT_BEFORE_COMMIT_ENV: &str = "NOTA_ABORT_BEFORE_COMMIT";

/// Merges wait until there are this many segments (tantivy's default level size).
const MIN_SEGMENTS_TO_MERGE: usize = 8;

/// Where a run's documents go: the index folder's tantivy writer ([`Writer`]) or an OpenSearch
/// index ([`crate::cluster::load::Loader`]). Nothing a run writes is visible before its commit
/// on a folder; on a cluster, documents are visible as their batches land.
pub trait Sink {
    /// Takes one prepared file into the index and the account: a ready document is
    /// [`add`](Sink::add)ed, an unchanged or failed file only counted.
    fn take(
        &mut self,
        summary: &mut Summary,
        key: &str,
        prepared: Prepared,
    ) -> Result<(), NotaError> {
        match prepared {
            Prepared::Unchanged => summary.unchanged(key),
            Prepared::Ready {
                doc,
                existed,
                report,
            } => self.add(summary, key, doc, existed, report)?,
            Prepared::Failed(err) => summary.fail(err),
        }
        Ok(())
    }
    /// Adds the document of the file `key` (replacing its old one when it `existed`), and
    /// accounts for it with `report`, now or, for a sink that writes later, once it is written.
    fn add(
        &mut self,
        summary: &mut Summary,
        key: &str,
        doc: Box<IndexDoc>,
        existed: bool,
        report: FileReport,
    ) -> Result<(), NotaError>;
    /// Deletes the document stored under `key`; `summary` takes what a sink that writes later
    /// learns meanwhile about earlier documents.
    fn delete(&mut self, summary: &mut Summary, key: &str) -> Result<(), NotaError>;
    /// Writes what is left and makes it visible; a warning when something after that failed.
    fn commit(self: Box<Self>, summary: &mut Summary) -> Result<Option<String>, NotaError>;
}

impl Sink for Writer {
    fn add(
        &mut self,
        summary: &mut Summary,
        key: &str,
        doc: Box<IndexDoc>,
        existed: bool,
        report: FileReport,
    ) -> Result<(), NotaError> {
        if existed {
            self.delete(key);
        }
        if let Err(error) = self.writer.add_document(*doc) {
            // A worker died (a full disk, most likely); joining the workers gives its own
            // error, and commits nothing.
            let cause = self.writer.prepare_commit().err().unwrap_or(error);
            return Err(self.failed(cause));
        }
        summary.indexed(report, existed);
        Ok(())
    }

    fn delete(&mut self, _: &mut Summary, key: &str) -> Result<(), NotaError> {
        Writer::delete(self, key);
        Ok(())
    }

    fn commit(self: Box<Self>, _: &mut Summary) -> Result<Option<String>, NotaError> {
        Writer::commit(*self)
    }
}

/// The index's writer for one run.
pub struct Writer {
    writer: IndexWriter<IndexDoc>,
    fields: Fields,
    index: Index,
    dir: PathBuf,
    merge_bytes: u64,
}

impl Writer {
    /// Opens `nota` (in `dir`)'s writer with `memory` bytes for its arenas; after the commit,
    /// one merge reads at most `merge_bytes` of segments. What a failed run left in the folder
    /// is removed first ([`repair::sweep_leftovers`]).
    pub fn open(
        nota: &NotaIndex,
        dir: &Path,
        memory: usize,
        merge_bytes: u64,
    ) -> Result<Writer, NotaError> {
        let writer: IndexWriter<IndexDoc> = match nota.index.writer(memory) {
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(NotaError::Busy {
                    dir: dir.to_path_buf(),
                    pid: repair::writer_pid(dir),
                })
            }
            other => other?,
        };
        repair::note_writer(dir);
        repair::sweep_leftovers(&nota.index, dir)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        Ok(Writer {
            writer,
            fields: nota.fields,
            index: nota.index.clone(),
            dir: dir.to_path_buf(),
            merge_bytes,
        })
    }

    /// Drops every document (a rebuild).
    pub fn delete_all(&mut self) -> Result<(), NotaError> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Deletes the document stored under `key`.
    pub fn delete(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, key));
    }

    /// Commits everything in one go, then merges small segments. A merge that fails (a full
    /// disk) changes nothing that was committed: it is a warning, returned.
    pub fn commit(mut self) -> Result<Option<String>, NotaError> {
        if std::env::var_os(ABORT_BEFORE_COMMIT_ENV).is_some() {
            eprintln!("nota: {ABORT_BEFORE_COMMIT_ENV} is set: aborting before the commit");
            std::process::abort();
        }
        if let Err(error) = self.writer.commit() {
            return Err(self.failed(error));
        }
        let merged = self
            .merge_small_segments()
            .and_then(|()| Ok(self.writer.wait_merging_threads()?));
        Ok(merged.err().map(|error| {
            let _ = repair::sweep_leftovers(&self.index, &self.dir);
            format!(
                "the run is committed, but merging its segments failed ({error}); the next run \
                 tries again"
            )
        }))
    }

    /// The error that ended a run before its commit. On a full disk the run's own files are
    /// removed at once (a rollback, then a sweep), so that the disk does not stay full.
    fn failed(&mut self, error: TantivyError) -> NotaError {
        let error = disk_full(&self.dir, error);
        if matches!(error, NotaError::DiskFull { .. }) && self.writer.rollback().is_ok() {
            // tantivy does not wait for the workers it dropped, which may still be closing their
            // segment files: sweep until a pass finds nothing (best effort; whatever is left is
            // swept by the next run before it writes).
            for _ in 0..20 {
                std::thread::sleep(std::time::Duration::from_millis(50));
                if !matches!(repair::sweep_leftovers(&self.index, &self.dir), Ok(n) if n > 0) {
                    break;
                }
            }
        }
        error
    }

    /// Merges segments, one group at a time, as long as [`merge_groups`] finds one.
    fn merge_small_segments(&mut self) -> Result<(), NotaError> {
        loop {
            let sized: Vec<(u64, SegmentId)> = self
                .index
                .searchable_segment_metas()?
                .iter()
                .map(|meta| (segment_bytes(&self.dir, meta), meta.id()))
                .collect();
            let Some(group) = merge_groups(&sized, self.merge_bytes) else {
                return Ok(());
            };
            self.writer.merge(&group).wait()?;
        }
    }
}

/// `error` as a [`NotaError::DiskFull`] when it says the disk is full.
fn disk_full(dir: &Path, error: TantivyError) -> NotaError {
    let text = error.to_string();
    let full = match &error {
        TantivyError::IoError(io) => is_full(io),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => is_full(io_error),
        _ => false,
    } || text.contains("No space left on device");
    if full {
        NotaError::DiskFull {
            dir: dir.to_path_buf(),
            reason: "no space left on device".to_string(),
        }
    } else {
        NotaError::Index(error)
    }
}

fn is_full(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::StorageFull || error.raw_os_error() == Some(28)
}

/// Bytes a segment takes on disk.
fn segment_bytes(dir: &Path, meta: &SegmentMeta) -> u64 {
    [
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
        SegmentComponent::Delete,
    ]
    .into_iter()
    .filter_map(|component| std::fs::metadata(dir.join(meta.relative_path(component))).ok())
    .map(|m| m.len())
    .sum()
}

/// The next segments to merge, from (bytes, id) of every segment: none while there are fewer
/// than [`MIN_SEGMENTS_TO_MERGE`]; otherwise the smallest, as many as fit in `max_bytes`
/// together, if that is at least two.
fn merge_groups(segments: &[(u64, SegmentId)], max_bytes: u64) -> Option<Vec<SegmentId>> {
    if segments.len() < MIN_SEGMENTS_TO_MERGE {
        return None;
    }
    let mut sorted = segments.to_vec();
    sorted.sort_by_key(|(bytes, _)| *bytes);
    let mut total = 0;
    let group: Vec<SegmentId> = sorted
        .iter()
        .take_while(|(bytes, _)| {
            total += bytes;
            total <= max_bytes
        })
        .map(|(_, id)| *id)
        .collect();
    (group.len() >= 2).then_some(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(sizes: &[u64]) -> Vec<(u64, SegmentId)> {
        sizes
            .iter()
            .map(|&s| (s, SegmentId::generate_random()))
            .collect()
    }

    #[test]
    fn few_segments_are_left_alone() {
        assert_eq!(merge_groups(&segments(&[1, 1, 1]), 100), None);
    }

    #[test]
    fn the_smallest_segments_merge_within_the_cap() {
        let sized = segments(&[90, 5, 40, 10, 95, 20, 80, 70]);
        let group = merge_groups(&sized, 100).expect("a group");
        let bytes: u64 = sized
            .iter()
            .filter(|(_, id)| group.contains(id))
            .map(|(b, _)| b)
            .sum();
        assert_eq!(group.len(), 4, "5 + 10 + 20 + 40");
        assert_eq!(bytes, 75);
    }

    #[test]
    fn segments_too_big_to_pair_are_not_merged() {
        assert_eq!(merge_groups(&segments(&[60; 9]), 100), None);
    }
}
