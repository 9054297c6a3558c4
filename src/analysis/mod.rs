//! Dutch text analysis: turns text into the terms the index stores and queries look up.
//!
//! The analyzers are tantivy [`TextAnalyzer`](tantivy::tokenizer::TextAnalyzer) chains built from
//! small filters, one rule per file, and registered by name in [`dutch`]:
//!
//! * [`DUTCH`](dutch::DUTCH) (`nota_nl`): the recall field. UAX#29 words → lowercase → Dutch stop
//!   words → accent folding → Snowball `dutch_porter` stemming.
//! * [`EXACT`](dutch::EXACT) (`nota_exact`): phrases and exact words. UAX#29 words → lowercase →
//!   accent folding; no stop words, no stemming.
//!
//! Documents and queries go through the same analyzer, so what matches is decided here.

pub mod dutch;
pub mod explain;
pub mod filters;
pub mod handoff;
pub mod packed;
pub mod tokenizer;

pub use dutch::{analyze_terms, analyze_tokens, register, DUTCH, EXACT};
