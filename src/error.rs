//! Errors nota reports, each naming what it concerns in plain words.

use std::path::PathBuf;

use thiserror::Error;

/// Errors that end a command.
#[derive(Debug, Error)]
pub enum NotaError {
    /// A flag value nota does not know; the message lists the valid ones. Exit code 2.
    #[error("{0}")]
    Usage(String),
    /// The taxonomy file could not be read or parsed.
    #[error("taxonomy {path}: {reason}")]
    Taxonomy {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The metadata manifest could not be read.
    #[error("metadata manifest {0}")]
    Manifest(String),
    /// A document asked for by its path is not in the index. Exit code 2.
    #[error("{path} is not in the index at {index}; `nota search` lists the indexed paths")]
    NotIndexed {
        /// The path as given.
        path: String,
        /// The index folder.
        index: PathBuf,
    },
    /// There is no index where one was expected.
    #[error("no index at {0}; build one with `nota index [FOLDER] --index {0}`")]
    NoIndex(PathBuf),
    /// The index was built by a nota with another schema.
    #[error("the index at {0} was built by another version of nota; rebuild it with `nota index --rebuild --index {0}`")]
    IncompatibleIndex(PathBuf),
    /// The query could not be parsed.
    #[error("cannot read the query {query:?}: {reason}. See `nota search --help` for the syntax")]
    Query {
        /// The query as typed.
        query: String,
        /// What is wrong.
        reason: String,
    },
    /// The index cannot be read: a file of it is damaged or missing.
    #[error("the index at {dir} is damaged ({reason}); rebuild it with `nota index --rebuild --index {dir} [FOLDER…]` (documents added from standard input are not in any folder: add them again afterwards)", dir = .dir.display())]
    DamagedIndex {
        /// The index folder.
        dir: PathBuf,
        /// What is wrong, as tantivy found it.
        reason: String,
    },
    /// Another process holds the index's writer lock. Exit code 2.
    #[error("the index at {} is being written by another nota run{}; wait until it ends and run again", .dir.display(), .pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Busy {
        /// The index folder.
        dir: PathBuf,
        /// The other run's process id, when it left it.
        pid: Option<u32>,
    },
    /// The disk holding the index filled up during a run.
    #[error("the disk holding the index at {} is full ({reason}); nothing of this run was committed and the index is as it was before. Free some space and run again", .dir.display())]
    DiskFull {
        /// The index folder.
        dir: PathBuf,
        /// The error as the system gave it.
        reason: String,
    },
    /// A tantivy error.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The OpenSearch cluster could not be reached, refused the request or answered with an
    /// error. Exit code 2.
    #[error("OpenSearch at {url}: {reason}")]
    Cluster {
        /// The cluster's address and index (without a password).
        url: String,
        /// What went wrong, in plain words.
        reason: String,
    },
    /// An I/O error with the path it concerns.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl NotaError {
    /// An error from or about the OpenSearch cluster at `url`.
    pub fn cluster(url: impl std::fmt::Display, reason: impl Into<String>) -> NotaError {
        NotaError::Cluster {
            url: url.to_string(),
            reason: reason.into(),
        }
    }

    /// The process exit code for this error: 2 for wrong input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            NotaError::Usage(_)
            | NotaError::NotIndexed { .. }
            | NotaError::Busy { .. }
            | NotaError::Query { .. }
            | NotaError::Taxonomy { .. }
            | NotaError::Manifest(_)
            | NotaError::Cluster { .. } => 2,
            _ => 1,
        }
    }
}

/// What kind of trouble kept a file out of the index; the report and the summary count each kind.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FailKind {
    /// Password-protected: the text can't be read without the password.
    Encrypted,
    /// The file is damaged or not what its extension says (a truncated PDF, a broken zip).
    Corrupt,
    /// A scan: pages without a text layer. Counted apart, since OCR would bring them in.
    NeedsOcr,
    /// There is no text in it.
    Empty,
    /// Looks like binary data, not text.
    Binary,
    /// The file went away between the walk and its reading.
    Vanished,
    /// nota may not read it.
    PermissionDenied,
    /// Larger than the size limit (`--max-file-size`).
    TooLarge,
    /// A symbolic link that leads back into a folder above it.
    SymlinkLoop,
    /// A sidecar, manifest row or front matter with values nota can't take.
    BadMetadata,
    /// Nested deeper than nota reads (brackets in a PDF, elements in HTML, front matter).
    TooDeep,
    /// Reading it took longer than the per-file time limit (`--file-timeout`).
    TimedOut,
    /// Read, but the OpenSearch cluster would not take the document (a mapping conflict, a
    /// document too large for it).
    Rejected,
    /// Anything else, said in the reason.
    Unreadable,
}

impl FailKind {
    /// The words used for this kind in the summary line.
    pub fn label(self) -> &'static str {
        match self {
            FailKind::Encrypted => "encrypted",
            FailKind::Corrupt => "corrupt",
            FailKind::NeedsOcr => "needs OCR",
            FailKind::Empty => "empty",
            FailKind::Binary => "binary",
            FailKind::Vanished => "vanished",
            FailKind::PermissionDenied => "permission denied",
            FailKind::TooLarge => "too large",
            FailKind::SymlinkLoop => "symlink loop",
            FailKind::BadMetadata => "bad metadata",
            FailKind::TooDeep => "too deep",
            FailKind::TimedOut => "timed out",
            FailKind::Rejected => "rejected by the cluster",
            FailKind::Unreadable => "unreadable",
        }
    }
}

/// Why one file could not be indexed. The run goes on without it.
#[derive(Debug, Clone, Error, PartialEq, serde::Serialize, serde::Deserialize)]
#[error("{path}: {reason}")]
pub struct FileError {
    /// The file, as given or found.
    pub path: String,
    /// The kind of trouble.
    pub kind: FailKind,
    /// What went wrong, in plain words.
    pub reason: String,
}

impl FileError {
    /// An error about `path`.
    pub fn new(path: impl std::fmt::Display, kind: FailKind, reason: impl Into<String>) -> Self {
        FileError {
            path: path.to_string(),
            kind,
            reason: reason.into(),
        }
    }
}

/// Why an extractor could not read a file's bytes; [`FileError`] once the path is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The kind of trouble.
    pub kind: FailKind,
    /// What went wrong, in plain words.
    pub reason: String,
}

impl Failure {
    /// A failure of `kind`.
    pub fn new(kind: FailKind, reason: impl Into<String>) -> Self {
        Failure {
            kind,
            reason: reason.into(),
        }
    }

    /// The file is damaged.
    pub fn corrupt(reason: impl std::fmt::Display) -> Self {
        Failure::new(FailKind::Corrupt, reason.to_string())
    }

    /// The file has no text.
    pub fn empty() -> Self {
        Failure::new(FailKind::Empty, "the file is empty")
    }
}
