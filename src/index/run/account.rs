//! The account an indexing run gives: what became of every file ([`FileReport`], for
//! `--report`), and the totals with the failures per kind ([`Summary`], the line `nota index`
//! prints). The pipeline fills it; nothing here reads files or touches the index.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::error::{FailKind, FileError};

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
    /// Milliseconds its extraction took (what `--file-timeout` limits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extract_ms: Option<u64>,
}

impl FileReport {
    /// A line with only the path and what became of it.
    pub fn new(path: &str, status: Status) -> Self {
        FileReport {
            path: path.to_string(),
            status,
            kind: None,
            reason: None,
            warnings: Vec::new(),
            pages: None,
            text_bytes: None,
            extract_ms: None,
        }
    }

    /// The line of a file that failed.
    pub fn failed(error: &FileError) -> Self {
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
    /// Documents kept although their file was not seen, because it lies in a folder that could
    /// not be read.
    pub kept: usize,
    /// Indexed files with something worth knowing: (path, warning).
    pub warnings: Vec<(String, String)>,
    /// Every file, for `--report`.
    pub files: Vec<FileReport>,
    /// The documents that are new or whose text changed in this run, by key (from the index's
    /// ledger, [`crate::index::seen`]; empty for an index on a cluster).
    #[serde(skip)]
    pub changed: Vec<String>,
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
        if self.kept > 0 {
            write!(
                f,
                ", {} kept from folders that could not be read",
                self.kept
            )?;
        }
        match self.warnings.len() {
            0 => {}
            1 => write!(f, ", 1 warning")?,
            n => write!(f, ", {n} warnings")?,
        }
        Ok(())
    }
}

impl Summary {
    /// Counts a file that failed.
    pub fn fail(&mut self, error: FileError) {
        self.files.push(FileReport::failed(&error));
        self.failed.push(error);
    }

    /// Counts a file skipped as a format nota does not read.
    pub fn skip(&mut self, path: &std::path::Path) {
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "(no extension)".to_string());
        *self.skipped.entry(ext).or_default() += 1;
        self.files.push(FileReport::new(
            &super::plan::path_key(path),
            Status::Skipped,
        ));
    }

    /// Counts a file found unchanged.
    pub fn unchanged(&mut self, key: &str) {
        self.unchanged += 1;
        self.files.push(FileReport::new(key, Status::Unchanged));
    }

    /// Counts a document indexed (anew when `existed`), with its warnings.
    pub fn indexed(&mut self, report: FileReport, existed: bool) {
        if existed {
            self.updated += 1;
        } else {
            self.added += 1;
        }
        for warning in &report.warnings {
            self.warnings.push((report.path.clone(), warning.clone()));
        }
        self.files.push(report);
    }

    /// Counts the `count` documents under `folder` kept because it could not be read.
    pub fn kept(&mut self, folder: &str, count: usize) {
        self.kept += count;
        self.warnings.push((
            folder.to_string(),
            format!(
                "could not be read, shows no files or is gone; its {count} document{} stay in \
                 the index as they were (`nota remove {folder}` drops them)",
                if count == 1 { "" } else { "s" }
            ),
        ));
    }

    /// Counts a special file (a FIFO, a device, a socket): never read, counted as skipped.
    pub fn skip_special(&mut self, path: &std::path::Path) {
        *self
            .skipped
            .entry("(not a regular file)".to_string())
            .or_default() += 1;
        self.files.push(FileReport::new(
            &super::plan::path_key(path),
            Status::Skipped,
        ));
    }

    /// Counts a document removed.
    pub fn removed(&mut self, key: &str) {
        self.removed += 1;
        self.files.push(FileReport::new(key, Status::Removed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_counts_failures_per_kind() {
        let mut summary = Summary::default();
        summary.indexed(FileReport::new("a.txt", Status::Added), false);
        summary.unchanged("b.txt");
        summary.skip(std::path::Path::new("c.xlsx"));
        summary.fail(FileError::new("d.txt", FailKind::BadMetadata, "year"));
        summary.fail(FileError::new("e.pdf", FailKind::Corrupt, "broken"));
        assert_eq!(
            summary.to_string(),
            "1 added, 0 updated, 0 removed, 1 unchanged, 1 skipped, 2 failed (1 corrupt, 1 bad metadata)"
        );
        assert_eq!(summary.files.len(), 5);
    }
}
