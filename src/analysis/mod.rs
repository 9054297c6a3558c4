//! Dutch text analysis: turns text into the terms the index stores and queries look up.
//!
//! The analyzers are tantivy [`TextAnalyzer`](tantivy::tokenizer::TextAnalyzer) chains built from
//! small filters, one rule per file, and registered by name in [`dutch`]:
//!
//! * [`DUTCH`] (`nota_nl`): the recall field. UAX#29 words → hyphen ellipsis →
//!   apostrophes → lowercase → compound parts → Dutch stop words → diaeresis plurals → accent
//!   folding → stem overrides and Snowball `dutch_porter` stemming.
//! * [`EXACT`] (`nota_exact`): phrases and exact words. UAX#29 words → apostrophes
//!   → lowercase → accent folding; no stop words, no stemming.
//!
//! Queries are read with the same chains less the compound and ellipsis rules
//! ([`dutch::query_analyzers`]; the query builder adds compound parts as a clause of its own).
//! Indexing makes both chains' tokens of a body in one pass ([`dutch::document_tokens`]), with the
//! word-by-word part remembered per distinct word ([`filters::memo`]), and hands them to the
//! index ([`handoff`]); [`explain`] keeps the chains as data, step by step.

pub mod dutch;
pub mod explain;
pub mod filters;
pub mod handoff;
pub mod packed;
pub mod tokenizer;

pub use dutch::{analyze_terms, analyze_tokens, register, DUTCH, EXACT};
