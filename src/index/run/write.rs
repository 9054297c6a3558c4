//! The writer side of a run: takes each prepared document into the tantivy writer (replacing
//! the file's old document), deletes the documents of files that are gone, and commits once at
//! the end, so that a run killed before its commit leaves the previous index as it was.

use tantivy::{IndexWriter, Term};

use super::account::Summary;
use super::prepare::Prepared;
use crate::error::NotaError;
use crate::index::document::IndexDoc;
use crate::index::{Fields, NotaIndex};

/// Set this environment variable to make the run abort right before its commit (fault
/// injection for tests of crash safety).
pub const ABORT_BEFORE_COMMIT_ENV: &str = "NOTA_ABORT_BEFORE_COMMIT";

/// The index's writer for one run.
pub struct Writer {
    writer: IndexWriter<IndexDoc>,
    fields: Fields,
}

impl Writer {
    /// Opens `nota`'s writer with `memory` bytes for its arenas.
    pub fn open(nota: &NotaIndex, memory: usize) -> Result<Writer, NotaError> {
        Ok(Writer {
            writer: nota.index.writer(memory)?,
            fields: nota.fields,
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

    /// Takes one prepared file into the index and the account.
    pub fn take(
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
            } => {
                if existed {
                    self.delete(key);
                }
                self.writer.add_document(*doc)?;
                summary.indexed(report, existed);
            }
            Prepared::Failed(err) => summary.fail(err),
        }
        Ok(())
    }

    /// Commits everything in one go and waits for the merges.
    pub fn commit(mut self) -> Result<(), NotaError> {
        if std::env::var_os(ABORT_BEFORE_COMMIT_ENV).is_some() {
            eprintln!("nota: {ABORT_BEFORE_COMMIT_ENV} is set: aborting before the commit");
            std::process::abort();
        }
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
