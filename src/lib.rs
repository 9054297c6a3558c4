//! nota: a search engine for Dutch policy documents, on tantivy.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`ingest`]: walk folders, decode bytes (UTF-8, UTF-16, Windows-1252), extract text per format.
//! 2. [`metadata`]: derive title, provinces, year, themes, roles and type from the text, with evidence.
//! 3. [`analysis`]: the Dutch analyzers (stop words, accent folding, `dutch_porter` stemming).
//! 4. [`index`]: the schema and the incremental update run (one commit per run).
//! 5. [`search`]: free text plus filters → ranked hits, snippets and facet counts.
//! 6. [`output`]: text for people, JSON for scripts.
//! 7. [`cli`]: the `nota` command line.
#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod error;
pub mod index;
pub mod ingest;
pub mod metadata;
pub mod output;
pub mod search;
pub mod serve;
