//! Dutch text analysis: turns text into the terms the index stores and queries look up.
//!
//! Every chain is one list of steps in [`chain`] (charabia's habit: the order of rules is data in
//! one place), and everything is built from those lists:
//!
//! * [`Chain::Index`](chain::Chain::Index) (`nota_nl`, the recall field): UAX#29 words → hyphen
//!   ellipsis → apostrophes → lowercase → compound parts → Dutch stop words → diaeresis plurals →
//!   accent folding → stem overrides and Snowball `dutch_porter` stemming.
//! * [`Chain::Exact`](chain::Chain::Exact) (`nota_exact`, phrases and exact words): UAX#29 words →
//!   apostrophes → lowercase → accent folding; no stop words, no stemming.
//! * [`Chain::Query`](chain::Chain::Query): the index chain less the compound and ellipsis rules
//!   (the query builder adds compound parts as a clause of its own).
//!
//! [`dutch`] assembles the named analyzers (the word-level part of a chain remembered per
//! distinct word, [`filters::memo`]); [`document`] makes both chains' tokens of a body in one pass
//! for indexing; [`explain`] runs a chain step by step for `nota analyze`. One Dutch rule per file
//! in [`filters`]. Nothing here keeps state between calls except in values its caller owns (an
//! analyzer, a [`document::DocumentAnalyzer`]).

pub mod chain;
pub mod document;
pub mod dutch;
pub mod explain;
pub mod family;
pub mod filters;
pub mod packed;
pub mod tokenizer;

pub use dutch::{analyze_terms, analyze_tokens, DUTCH, EXACT};

/// What the analysis tests share: texts that exercise every rule, and tokens as comparable rows.
#[cfg(test)]
pub(crate) mod testing {
    use super::packed::Tokens;

    /// Two sentences with every hyphen, apostrophe, accent and capital case, then the sample
    /// documents in `corpus/`.
    pub fn texts() -> Vec<String> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = vec![
            "Zorg- en welzijnstaken, (arbeids-)participatie, ideeën en ideeen, één of een"
                .to_string(),
            "Beleidsvoorbereiding EN -uitvoering, Sociaal-economische thema's en AOW'ers"
                .to_string(),
        ];
        for entry in std::fs::read_dir(corpus).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        texts
    }

    /// (term, position, from, to) per token.
    pub fn described(tokens: Vec<tantivy::tokenizer::Token>) -> Vec<(String, usize, usize, usize)> {
        tokens
            .into_iter()
            .map(|t| (t.text, t.position, t.offset_from, t.offset_to))
            .collect()
    }

    /// (term, position, from, to) per packed token.
    pub fn packed(tokens: &Tokens) -> Vec<(String, usize, usize, usize)> {
        (0..tokens.len())
            .map(|i| {
                let (from, to) = tokens.offsets(i);
                (tokens.term(i).to_string(), tokens.position(i), from, to)
            })
            .collect()
    }
}
