//! Indexing's single pass over a body: both document chains' tokens at once ([`BodyTokens`]),
//! the words found once (UAX#29) and each looked up once in a [`WordMemory`] for the terms of
//! both chains. What comes out is what [`Chain::Index`] and [`Chain::Exact`] make of the text
//! (a test compares them on the sample documents); the pass is faster because the word-level
//! tails run once per distinct word, and the text-level step (the hyphen ellipsis) once per text.

use tantivy::tokenizer::Tokenizer;

use super::chain::{Chain, Step};
use super::dutch::word_memory;
use super::filters::ellipsis::expansions;
use super::filters::memo::WordMemory;
use super::packed::Tokens;
use super::tokenizer::UaxTokenizer;

/// A body's tokens for both document chains.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BodyTokens {
    /// [`Chain::Index`]'s tokens (the `body` field).
    pub stemmed: Tokens,
    /// [`Chain::Exact`]'s tokens (the `body_exact` field).
    pub exact: Tokens,
}

impl BodyTokens {
    /// Heap bytes both lists take.
    pub fn heap_bytes(&self) -> usize {
        self.stemmed.heap_bytes() + self.exact.heap_bytes()
    }
}

/// Makes [`BodyTokens`]; keeps a word memory, so one per worker.
pub struct DocumentAnalyzer {
    memory: WordMemory,
}

impl DocumentAnalyzer {
    /// An analyzer whose word memory keeps at most `memo_bytes` of entries.
    pub fn new(memo_bytes: usize) -> DocumentAnalyzer {
        debug_assert_eq!(
            Chain::Index.text_steps().collect::<Vec<_>>(),
            [Step::Ellipsis]
        );
        debug_assert_eq!(Chain::Exact.text_steps().count(), 0);
        DocumentAnalyzer {
            memory: word_memory(memo_bytes),
        }
    }

    /// Both chains' tokens of `text`. The index chain's one text-level step, the hyphen
    /// ellipsis, adds its words right after the token they extend, at its place, and only to the
    /// stemmed chain.
    pub fn tokens(&mut self, text: &str) -> BodyTokens {
        let mut tokenizer = UaxTokenizer::default();
        let words = Tokens::from_stream(&mut tokenizer.token_stream(text), text.len());
        let extra = expansions(text, &words);
        let mut extra = extra.iter().peekable();
        let mut stemmed = Tokens::with_capacity(text.len());
        let mut exact = Tokens::with_capacity(text.len());
        for i in 0..words.len() {
            let (offsets, position) = (words.offsets(i), words.position(i));
            self.memory.with_terms(words.term(i), |both| {
                both.dutch
                    .for_each(|term| stemmed.push(term, offsets, position));
                both.exact
                    .for_each(|term| exact.push(term, offsets, position));
            });
            while let Some((_, word)) = extra.next_if(|(at, _)| *at == i) {
                self.memory.with_terms(word, |both| {
                    both.dutch
                        .for_each(|term| stemmed.push(term, offsets, position));
                });
            }
        }
        BodyTokens { stemmed, exact }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_tokens;
    use crate::analysis::testing::{described, packed, texts};

    #[test]
    fn the_single_pass_gives_both_chains_tokens() {
        let texts = texts();
        let mut analyzer = DocumentAnalyzer::new(1 << 20);
        let (mut index, mut exact) = (Chain::Index.every_step(), Chain::Exact.every_step());
        // Twice, so that the second pass comes from memory.
        for text in texts.iter().chain(texts.iter()) {
            let body = analyzer.tokens(text);
            let whole = described(analyze_tokens(&mut index, text));
            assert!(!whole.is_empty());
            assert_eq!(packed(&body.stemmed), whole);
            assert_eq!(
                packed(&body.exact),
                described(analyze_tokens(&mut exact, text))
            );
        }
    }
}
