//! Tokens made once, used twice: metadata derivation analyses a document's body with the Dutch
//! chain, and the index needs the same tokens for the `body` field. [`offer`] leaves the tokens
//! here under a hash of the text; the `body` field's analyzer ([`HandoffAnalyzer`]) takes them
//! when tantivy indexes that text, and analyses anew whenever nothing was left (queries,
//! snippets, `--no-derive`). Tantivy 0.27 turns pre-tokenized text into JSON inside its
//! documents, which costs more than analysing again; this way costs a hash of the text.

use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

pub use super::packed::Tokens;

type Key = [u8; 32];

fn shelf() -> &'static Mutex<FxHashMap<Key, Vec<Tokens>>> {
    static SHELF: OnceLock<Mutex<FxHashMap<Key, Vec<Tokens>>>> = OnceLock::new();
    SHELF.get_or_init(|| Mutex::new(FxHashMap::default()))
}

fn key(text: &str) -> Key {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// Leaves the tokens of `text` for the index to take.
pub fn offer(text: &str, tokens: Tokens) {
    let mut shelf = shelf().lock().unwrap_or_else(|e| e.into_inner());
    shelf.entry(key(text)).or_default().push(tokens);
}

/// Takes the tokens left for `text`, if any.
fn take(text: &str) -> Option<Tokens> {
    let mut shelf = shelf().lock().unwrap_or_else(|e| e.into_inner());
    let k = key(text);
    let lists = shelf.get_mut(&k)?;
    let tokens = lists.pop();
    if lists.is_empty() {
        shelf.remove(&k);
    }
    tokens
}

/// Drops whatever was left and not taken (documents that were not added after all).
pub fn clear() {
    shelf().lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// An analyzer that replays tokens left by [`offer`] and otherwise runs `inner`.
#[derive(Clone)]
pub struct HandoffAnalyzer {
    inner: TextAnalyzer,
}

impl HandoffAnalyzer {
    /// Wraps the analyzer that makes the same tokens as those offered.
    pub fn new(inner: TextAnalyzer) -> HandoffAnalyzer {
        HandoffAnalyzer { inner }
    }
}

/// Replayed tokens, or the inner analyzer's stream.
pub enum HandoffStream<'a> {
    /// Tokens left by derivation.
    Replay {
        /// The tokens.
        tokens: Tokens,
        /// The current one, written out.
        token: Token,
        /// The index of the next one.
        next: usize,
    },
    /// A fresh analysis.
    Live(BoxTokenStream<'a>),
}

impl Tokenizer for HandoffAnalyzer {
    type TokenStream<'a> = HandoffStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> HandoffStream<'a> {
        match take(text) {
            Some(tokens) => HandoffStream::Replay {
                tokens,
                token: Token::default(),
                next: 0,
            },
            None => HandoffStream::Live(self.inner.token_stream(text)),
        }
    }
}

impl TokenStream for HandoffStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            HandoffStream::Replay {
                tokens,
                token,
                next,
            } => {
                if *next >= tokens.len() {
                    return false;
                }
                tokens.fill(*next, token);
                *next += 1;
                true
            }
            HandoffStream::Live(stream) => stream.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            HandoffStream::Replay { token, .. } => token,
            HandoffStream::Live(stream) => stream.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            HandoffStream::Replay { token, .. } => token,
            HandoffStream::Live(stream) => stream.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dutch::dutch_analyzer;
    use crate::analysis::{analyze_terms, analyze_tokens};

    #[test]
    fn packed_tokens_replay_as_analysed() {
        let text = "Zorg- en welzijnstaken voor ouderen: ideeën, thema's en één plan 2026.";
        let packed = Tokens::of(&mut dutch_analyzer(), text);
        offer(text, packed.clone());
        let mut analyzer = TextAnalyzer::from(HandoffAnalyzer::new(dutch_analyzer()));
        let replayed = analyze_tokens(&mut analyzer, text);
        let fresh = analyze_tokens(&mut dutch_analyzer(), text);
        assert!(fresh.len() > 8);
        assert_eq!(replayed, fresh);
        let terms: Vec<&str> = packed.terms().collect();
        let fresh_terms: Vec<&str> = fresh.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, fresh_terms);
    }

    #[test]
    fn offered_tokens_are_taken_once_then_analysed_anew() {
        let text = "Unieke tekst over handoff-tokens en welzijnstaken 8372615.";
        let mut offered = Tokens::of(&mut dutch_analyzer(), text);
        offered.truncate(1); // recognisably different from a fresh analysis
        offer(text, offered);
        let mut analyzer = TextAnalyzer::from(HandoffAnalyzer::new(dutch_analyzer()));
        assert_eq!(analyze_terms(&mut analyzer, text).len(), 1, "replayed");
        let fresh = analyze_terms(&mut analyzer, text);
        assert_eq!(
            fresh,
            analyze_terms(&mut dutch_analyzer(), text),
            "then live"
        );
    }
}
