//! nota: a search engine for Dutch policy documents, on tantivy.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`ingest`]: walk folders, decode bytes (UTF-8, UTF-16, Windows-1252), extract text per format.
//! 2. [`analysis`]: the Dutch chains, each one list of steps ([`analysis::chain`]), and the
//!    analyzers built from them.
//! 3. [`metadata`]: derive title, provinces, year, themes, roles and type from the text, with
//!    evidence, and lay the user's settings over them.
//! 4. [`index`]: the opened index and what it owns; the indexing run ([`index::run`]: plan →
//!    prepare → write, one commit), a value that owns its state.
//! 5. [`search`]: free text plus filters → ranked hits, snippets and facet counts.
//! 6. [`output`]: text for people, JSON for scripts.
//! 7. [`cli`]: the `nota` command line; [`serve`]: the search page and JSON API.
#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod cluster;
pub mod error;
pub mod index;
pub mod ingest;
pub mod metadata;
pub mod output;
pub mod search;
pub mod serve;
pub mod watch;
