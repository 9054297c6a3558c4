//! The named analyzers, built from the chains in [`super::chain`]. When indexing and querying
//! disagree, check there: this file only assembles.

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, TextAnalyzer, TokenizerManager};

pub use super::chain::stop_words;
use super::chain::Chain;
use super::filters::memo::{Memory, Tail, WordMemo, WordMemory, DEFAULT_MEMO_BYTES};
use super::filters::rule::Rule;
use super::tokenizer::UaxTokenizer;

/// Name of the stemmed Dutch analyzer (recall field).
pub const DUTCH: &str = "nota_nl";
/// Name of the unstemmed analyzer (phrases and exact words).
pub const EXACT: &str = "nota_exact";

/// A word memory in front of both document chains' word tails.
pub fn word_memory(limit: usize) -> WordMemory {
    WordMemory::new(Chain::Index.word_tail(), Chain::Exact.word_tail(), limit)
}

/// Bytes of words the analyzer an open index makes snippets with remembers (some 500,000 words).
const SNIPPET_MEMO_BYTES: usize = 16 << 20;

/// `chain`'s text-level steps on the word stream, then its word tail through `memory`.
fn remembered(chain: Chain, tail: Tail, memory: Memory) -> TextAnalyzer {
    chain
        .text_steps()
        .fold(
            TextAnalyzer::builder(UaxTokenizer::default()).dynamic(),
            |b, step| step.append_to(b),
        )
        .filter_dynamic(WordMemo { tail, memory })
        .build()
}

/// The stemmed chain for documents ([`Chain::Index`]), its word-level part remembered per
/// distinct word as written ([`WordMemo`]).
pub fn dutch_analyzer() -> TextAnalyzer {
    remembered(
        Chain::Index,
        Tail::Dutch,
        Memory::Own(word_memory(DEFAULT_MEMO_BYTES)),
    )
}

/// The stemmed chain for documents, as [`dutch_analyzer`], with one memory for it and all its
/// clones: what an open index reads its hits' passages with, so that a word analysed for one
/// snippet is remembered for the next, and for the next search's.
pub fn snippet_analyzer() -> TextAnalyzer {
    remembered(
        Chain::Index,
        Tail::Dutch,
        Memory::shared(word_memory(SNIPPET_MEMO_BYTES)),
    )
}

/// The stemmed chain for queries ([`Chain::Query`]).
pub fn dutch_query_analyzer() -> TextAnalyzer {
    Chain::Query.every_step()
}

/// The exact chain ([`Chain::Exact`]), remembered per word.
pub fn exact_analyzer() -> TextAnalyzer {
    remembered(
        Chain::Exact,
        Tail::Exact,
        Memory::Own(word_memory(DEFAULT_MEMO_BYTES)),
    )
}

/// The first (v1) stemmed chain, kept as the baseline that measurements compare against:
/// words → lowercase → stop words → accent folding → plain `dutch_porter` stemming.
pub fn dutch_v1_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(LowerCaser)
        .filter(stop_words())
        .filter(AsciiFoldingFilter)
        .filter(Rule(super::filters::stemmer::PlainPorterStemmer))
        .build()
}

/// The analyzers queries are read with, under the same names as the document ones.
pub fn query_analyzers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(DUTCH, dutch_query_analyzer());
    manager.register(EXACT, exact_analyzer());
    manager
}

/// The tokens `analyzer` makes of `text`, with positions and offsets.
pub fn analyze_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<tantivy::tokenizer::Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
}

/// The terms `analyzer` makes of `text`, in order.
pub fn analyze_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dutch(text: &str) -> Vec<String> {
        analyze_terms(&mut dutch_analyzer(), text)
    }

    #[test]
    fn stop_words_go_and_words_are_stemmed() {
        let plural = dutch("De gemeenten en de vrijwilligers");
        assert_eq!(plural.len(), 2, "de, en are stop words: {plural:?}");
        assert_eq!(plural, dutch("gemeente vrijwilliger"));
    }

    #[test]
    fn accents_fold_so_both_spellings_meet() {
        assert_eq!(dutch("ideeën"), dutch("ideeen"));
        assert_eq!(dutch("cliënten"), dutch("clienten"));
    }

    #[test]
    fn een_with_accents_is_not_a_stop_word() {
        assert_eq!(dutch("één"), ["een"]);
        assert!(dutch("een").is_empty());
    }

    #[test]
    fn remembered_words_give_the_tokens_of_the_whole_chain() {
        use crate::analysis::chain::Chain;
        use crate::analysis::testing::{described, texts};
        let texts = texts();
        // The chains as data, every step applied to every word (analysis::chain).
        let mut dutch_whole = Chain::Index.every_step();
        let mut exact_whole = Chain::Exact.every_step();
        // One analyzer each, over every text twice, so that the second pass comes from its
        // memory (a new analyzer starts with an empty one).
        let (mut dutch, mut exact) = (dutch_analyzer(), exact_analyzer());
        for text in texts.iter().chain(texts.iter()) {
            let remembered = described(analyze_tokens(&mut dutch, text));
            let whole = described(analyze_tokens(&mut dutch_whole, text));
            assert!(!whole.is_empty());
            assert_eq!(remembered, whole);
            let remembered = described(analyze_tokens(&mut exact, text));
            let whole_exact = described(analyze_tokens(&mut exact_whole, text));
            assert_eq!(remembered, whole_exact);
        }
    }

    #[test]
    fn exact_keeps_every_word_unstemmed() {
        let got = analyze_terms(&mut exact_analyzer(), "De Gemeenten en ideeën");
        assert_eq!(got, ["de", "gemeenten", "en", "ideeen"]);
    }
}
