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
    /// A tantivy error.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
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
    /// The process exit code for this error: 2 for wrong input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            NotaError::Usage(_)
            | NotaError::Query { .. }
            | NotaError::Taxonomy { .. }
            | NotaError::Manifest(_) => 2,
            _ => 1,
        }
    }
}

/// Why one file could not be indexed. The run goes on without it.
#[derive(Debug, Clone, Error, PartialEq)]
#[error("{path}: {reason}")]
pub struct FileError {
    /// The file, as given or found.
    pub path: String,
    /// What went wrong, in plain words.
    pub reason: String,
}
