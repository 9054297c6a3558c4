//! Tokens made once, used twice: metadata derivation analyses a document's body with both
//! document chains in one pass ([`super::dutch::document_tokens`]), and the index needs the same
//! tokens for the `body` and `body_exact` fields. [`offer`] leaves them here under a hash of the
//! text and the chain; each field's analyzer ([`HandoffAnalyzer`]) takes its own when tantivy
//! indexes that text, and analyses anew whenever nothing was left (titles, queries, snippets,
//! `--no-derive`). Tantivy 0.27 turns pre-tokenized text into JSON inside its
//! documents, which costs more than analysing again; this way costs a hash of the text.

use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

pub use super::filters::memo::Tail;
pub use super::packed::Tokens;

type Key = [u8; 32];

/// Memory the tokens waiting on the shelf may take while a [`Limit`] is held, before [`offer`]
/// waits for the index to take some. Documents wait for the index in nota's channel and in
/// tantivy's own queue (up to 10,000 documents); this bounds both, whatever the corpus.
pub const SHELF_BYTES: usize = 160 * 1024 * 1024;

/// The tokens left for the index, their memory, and whether offers wait for room.
#[derive(Default)]
struct Shelf {
    tokens: FxHashMap<Key, Vec<Tokens>>,
    bytes: usize,
    /// How many [`Limit`]s are held.
    limits: usize,
}

struct Shared {
    shelf: Mutex<Shelf>,
    room: Condvar,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared {
        shelf: Mutex::new(Shelf::default()),
        room: Condvar::new(),
    })
}

fn shelf() -> MutexGuard<'static, Shelf> {
    shared().shelf.lock().unwrap_or_else(|e| e.into_inner())
}

/// The shelf's key for `chain`'s tokens of a text, from the text's hash ([`text_hash`]).
fn key(text_hash: Key, chain: Tail) -> Key {
    let mut key = text_hash;
    key[0] ^= chain as u8;
    key
}

fn text_hash(text: &str) -> Key {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// While held, [`offer`] waits as long as the shelf holds [`SHELF_BYTES`] (unless it is empty, so
/// that one document larger than that still goes). Dropping it (the end of an indexing run, also
/// an early one on an error) lets every waiting offer go.
pub struct Limit(());

/// Starts limiting the shelf; see [`Limit`].
pub fn limit() -> Limit {
    shelf().limits += 1;
    Limit(())
}

impl Drop for Limit {
    fn drop(&mut self) {
        shelf().limits -= 1;
        shared().room.notify_all();
    }
}

/// Leaves the stemmed and the exact tokens of `text` for the index to take.
pub fn offer(text: &str, stemmed: Tokens, exact: Tokens) {
    let bytes = stemmed.heap_bytes() + exact.heap_bytes();
    let hash = text_hash(text);
    let mut shelf = shelf();
    while shelf.limits > 0 && shelf.bytes > 0 && shelf.bytes + bytes > SHELF_BYTES {
        shelf = shared().room.wait(shelf).unwrap_or_else(|e| e.into_inner());
    }
    shelf.bytes += bytes;
    let tokens = &mut shelf.tokens;
    tokens
        .entry(key(hash, Tail::Dutch))
        .or_default()
        .push(stemmed);
    tokens
        .entry(key(hash, Tail::Exact))
        .or_default()
        .push(exact);
}

/// Takes `chain`'s tokens left for `text`, if any.
fn take(text: &str, chain: Tail) -> Option<Tokens> {
    let k = key(text_hash(text), chain);
    let mut shelf = shelf();
    let lists = shelf.tokens.get_mut(&k)?;
    let tokens = lists.pop();
    if lists.is_empty() {
        shelf.tokens.remove(&k);
    }
    if let Some(tokens) = &tokens {
        shelf.bytes -= tokens.heap_bytes();
        shared().room.notify_all();
    }
    tokens
}

/// Drops whatever was left and not taken (documents that were not added after all), unless a
/// [`Limit`] is held: then another indexing run in this process (tests run several at once) may
/// still be handing its documents over, and its tokens stay for it.
pub fn clear() {
    let mut shelf = shelf();
    if shelf.limits > 0 {
        return;
    }
    shelf.tokens.clear();
    shelf.bytes = 0;
    shared().room.notify_all();
}

/// An analyzer that replays `chain`'s tokens left by [`offer`] and otherwise runs `inner`.
#[derive(Clone)]
pub struct HandoffAnalyzer {
    inner: TextAnalyzer,
    chain: Tail,
}

impl HandoffAnalyzer {
    /// Wraps the analyzer that makes the same tokens as those offered for `chain`.
    pub fn new(inner: TextAnalyzer, chain: Tail) -> HandoffAnalyzer {
        HandoffAnalyzer { inner, chain }
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
        match take(text, self.chain) {
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
    use crate::analysis::dutch::{document_tokens, dutch_analyzer, exact_analyzer};
    use crate::analysis::{analyze_terms, analyze_tokens};

    #[test]
    fn packed_tokens_replay_as_analysed() {
        let text = "Zorg- en welzijnstaken voor ouderen: ideeën, thema's en één plan 2026.";
        let (stemmed, exact) = document_tokens(text);
        offer(text, stemmed.clone(), exact);
        for (chain, mut fresh_analyzer) in [
            (Tail::Dutch, dutch_analyzer()),
            (Tail::Exact, exact_analyzer()),
        ] {
            let mut analyzer =
                TextAnalyzer::from(HandoffAnalyzer::new(fresh_analyzer.clone(), chain));
            let replayed = analyze_tokens(&mut analyzer, text);
            let fresh = analyze_tokens(&mut fresh_analyzer, text);
            assert!(fresh.len() > 8);
            assert_eq!(replayed, fresh, "{chain:?}");
            assert!(take(text, chain).is_none(), "taken once");
        }
        let terms: Vec<&str> = stemmed.terms().collect();
        assert_eq!(terms, analyze_terms(&mut dutch_analyzer(), text));
    }

    #[test]
    fn a_full_shelf_makes_offers_wait_until_the_index_takes() {
        use std::sync::mpsc;
        use std::time::Duration;
        let _limit = limit();
        let big_text = "groot document over de plank 99173";
        // Room for SHELF_BYTES of terms: the shelf is full with this one alone.
        let big = Tokens::from_stream(&mut dutch_analyzer().token_stream(big_text), SHELF_BYTES);
        offer(big_text, big, Tokens::default());
        let (sent, waited) = mpsc::channel();
        let small = std::thread::spawn(move || {
            let text = "klein document over de plank 99174";
            let (stemmed, exact) = document_tokens(text);
            offer(text, stemmed, exact);
            sent.send(()).unwrap();
        });
        assert!(
            waited.recv_timeout(Duration::from_millis(300)).is_err(),
            "the offer waits while the shelf is full"
        );
        assert!(take(big_text, Tail::Dutch).is_some());
        waited
            .recv_timeout(Duration::from_secs(10))
            .expect("the offer goes once the index took the tokens");
        small.join().unwrap();
        assert!(take("klein document over de plank 99174", Tail::Exact).is_some());
    }

    #[test]
    fn offered_tokens_are_taken_once_then_analysed_anew() {
        let text = "Unieke tekst over handoff-tokens en welzijnstaken 8372615.";
        let (mut offered, exact) = document_tokens(text);
        offered.truncate(1); // recognisably different from a fresh analysis
        offer(text, offered, exact);
        let mut analyzer = TextAnalyzer::from(HandoffAnalyzer::new(dutch_analyzer(), Tail::Dutch));
        assert_eq!(analyze_terms(&mut analyzer, text).len(), 1, "replayed");
        let fresh = analyze_terms(&mut analyzer, text);
        assert_eq!(
            fresh,
            analyze_terms(&mut dutch_analyzer(), text),
            "then live"
        );
    }
}
