//! Tokens made once, used once. An indexing run analyses a body once
//! ([`crate::analysis::document`]), for metadata derivation and for the index; this module
//! hands those tokens to tantivy so that its writer threads do not analyse the body again.
//!
//! Each opened index owns one [`Handoff`] and registers its analyzers ([`register`]) on that
//! index's own tokenizer manager, so two indexes (or two runs, or two tests) never see each
//! other's tokens. A prepared document ([`super::document::IndexDoc`]) leaves its body's tokens
//! here under the address of the text they belong to, and holds a [`Claim`] on them: when tantivy
//! analyses that very text (the same bytes of that document), the field's [`HandoffAnalyzer`]
//! takes them; when the document is dropped, whether indexed, refused or never added because its
//! file failed later, the claim removes whatever is left. Nothing outlives its document.
//!
//! Any text whose tokens were not left (titles, queries, `--no-derive`) is analysed anew by the
//! chain the tokens came from.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

use crate::analysis::document::BodyTokens;
use crate::analysis::dutch::{dutch_analyzer, exact_analyzer};
use crate::analysis::filters::memo::Tail;
use crate::analysis::packed::Tokens;
use crate::analysis::{DUTCH, EXACT};

/// Where a text lies in memory (its address and length) and which chain's tokens are meant.
/// Unique while the document holding the text lives, which is as long as the entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    address: usize,
    len: usize,
    tail: Tail,
}

impl Key {
    fn of(text: &str, tail: Tail) -> Key {
        Key {
            address: text.as_ptr() as usize,
            len: text.len(),
            tail,
        }
    }
}

/// The tokens documents left for their texts, until tantivy takes them or the document goes.
#[derive(Default)]
pub struct Handoff {
    waiting: Mutex<FxHashMap<Key, Tokens>>,
    /// Token lists tantivy took (replayed instead of analysing), for checks.
    taken: AtomicUsize,
}

impl Handoff {
    /// An empty handoff, for one opened index.
    pub fn new() -> Arc<Handoff> {
        Arc::default()
    }

    fn waiting(&self) -> MutexGuard<'_, FxHashMap<Key, Tokens>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Leaves `tokens` for the body text `text` (the value of the `body` field inside the
    /// document about to be indexed). The returned claim must live inside that document.
    pub fn leave(self: &Arc<Self>, text: &str, tokens: BodyTokens) -> Claim {
        let key = Key::of(text, Tail::Dutch);
        self.waiting().insert(key, tokens.stemmed);
        Claim {
            handoff: Arc::clone(self),
            key,
        }
    }

    /// Takes the tokens left for exactly this `text` (this address), if any.
    fn take(&self, text: &str, tail: Tail) -> Option<Tokens> {
        let tokens = self.waiting().remove(&Key::of(text, tail));
        if tokens.is_some() {
            self.taken.fetch_add(1, Ordering::Relaxed);
        }
        tokens
    }

    /// How many token lists tantivy took instead of analysing.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// How many token lists wait (for tests and checks).
    pub fn waiting_lists(&self) -> usize {
        self.waiting().len()
    }
}

/// A document's hold on the tokens it left: dropping it removes any the index did not take.
pub struct Claim {
    handoff: Arc<Handoff>,
    key: Key,
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.handoff.waiting().remove(&self.key);
    }
}

/// Registers the document analyzers of an index on its tokenizer manager: the stemmed one
/// replays the tokens left in `handoff` for the text it is given, and otherwise analyses. The
/// exact chain is registered as itself for indexes made before issue 16, whose schema still
/// names it for their (now unfilled) exact fields.
pub fn register(manager: &TokenizerManager, handoff: &Arc<Handoff>) {
    manager.register(
        DUTCH,
        HandoffAnalyzer::new(dutch_analyzer(), Tail::Dutch, handoff),
    );
    manager.register(EXACT, exact_analyzer());
}

/// An analyzer that replays `tail`'s tokens left for a text and otherwise runs `inner`.
#[derive(Clone)]
pub struct HandoffAnalyzer {
    inner: TextAnalyzer,
    tail: Tail,
    handoff: Arc<Handoff>,
}

impl HandoffAnalyzer {
    /// Wraps the analyzer that makes the same tokens as those left for `tail`.
    pub fn new(inner: TextAnalyzer, tail: Tail, handoff: &Arc<Handoff>) -> HandoffAnalyzer {
        HandoffAnalyzer {
            inner,
            tail,
            handoff: Arc::clone(handoff),
        }
    }
}

/// Replayed tokens, or the inner analyzer's stream.
pub enum HandoffStream<'a> {
    /// Tokens left by the run.
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
        match self.handoff.take(text, self.tail) {
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
    use crate::analysis::analyze_tokens;
    use crate::analysis::document::DocumentAnalyzer;

    fn analyzer(tail: Tail, handoff: &Arc<Handoff>) -> TextAnalyzer {
        let inner = match tail {
            Tail::Dutch => dutch_analyzer(),
            Tail::Exact => exact_analyzer(),
        };
        TextAnalyzer::from(HandoffAnalyzer::new(inner, tail, handoff))
    }

    #[test]
    fn left_tokens_replay_as_analysed_once_then_the_text_is_analysed_anew() {
        let handoff = Handoff::new();
        let text = "Zorg- en welzijnstaken voor ouderen: ideeën, thema's en één plan 2026.";
        let mut body = DocumentAnalyzer::new(1 << 20).tokens(text);
        body.stemmed.truncate(2); // recognisably not a fresh analysis
        let _claim = handoff.leave(text, body.clone());
        let mut stemmed = analyzer(Tail::Dutch, &handoff);
        assert_eq!(analyze_tokens(&mut stemmed, text).len(), 2, "replayed");
        let fresh = analyze_tokens(&mut dutch_analyzer(), text);
        assert!(fresh.len() > 8);
        assert_eq!(analyze_tokens(&mut stemmed, text), fresh, "then analysed");
        assert_eq!(handoff.waiting_lists(), 0);
    }

    #[test]
    fn the_same_words_elsewhere_are_not_given_another_texts_tokens() {
        let handoff = Handoff::new();
        let text = "Eenzaamheid onder ouderen";
        let elsewhere = text.to_string();
        let mut body = DocumentAnalyzer::new(1 << 20).tokens(text);
        body.stemmed.truncate(1);
        let _claim = handoff.leave(text, body);
        let mut stemmed = analyzer(Tail::Dutch, &handoff);
        assert_eq!(
            analyze_tokens(&mut stemmed, &elsewhere),
            analyze_tokens(&mut dutch_analyzer(), text),
            "a title with the body's words is analysed, not handed the body's tokens"
        );
    }

    #[test]
    fn a_dropped_claim_leaves_nothing_behind() {
        let handoff = Handoff::new();
        let text = "Een memo die nooit in de index komt";
        let body = DocumentAnalyzer::new(1 << 20).tokens(text);
        let claim = handoff.leave(text, body);
        assert_eq!(handoff.waiting_lists(), 1);
        drop(claim);
        assert_eq!(handoff.waiting_lists(), 0);
    }

    #[test]
    fn two_handoffs_never_share_tokens() {
        let (one, other) = (Handoff::new(), Handoff::new());
        let text = "Jeugdzorg in Flevoland";
        let mut body = DocumentAnalyzer::new(1 << 20).tokens(text);
        body.stemmed.truncate(1);
        let _claim = one.leave(text, body);
        let fresh = analyze_tokens(&mut dutch_analyzer(), text);
        assert_eq!(
            analyze_tokens(&mut analyzer(Tail::Dutch, &other), text),
            fresh
        );
        assert_eq!(
            analyze_tokens(&mut analyzer(Tail::Dutch, &one), text).len(),
            1
        );
    }
}
