//! Remembered words: the word-level part of both document chains (their
//! [`Chain::word_tail`](crate::analysis::chain::Chain::word_tail)s) is run once per distinct word
//! as written, and both chains' terms are replayed for every later occurrence. A [`WordMemory`]
//! is a value its owner keeps: an analyzer keeps one (see [`WordMemo`]), an indexing run keeps one
//! per worker; the only memory shared is the one an open index keeps for its snippets
//! ([`Memory::Shared`]), among the clones of one analyzer.
//!
//! A corpus repeats its vocabulary: the 238 MB test corpus has 35.4 million words but only
//! 345,000 distinct ones as written (297,000 lowercased; counted with `tr`), so nearly every word
//! is one hash lookup instead of lowercasing, a compound search, a stop-word lookup and a stem.
//!
//! A lookup costs what its cache misses cost, so a word's entry is one run of bytes in one arena
//! (the word, then the terms of both chains), and the table holds only a hash and the entry's
//! place: the table, then the entry, instead of a key, a list and a string per term on the heap.
//! The filter changes nothing in what comes out (a test compares it with the chains it replaces
//! on the sample documents).

use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Bytes of entries a memory keeps by default (a word and its terms take some 30); past its
/// limit a memory is cleared and starts over.
pub const DEFAULT_MEMO_BYTES: usize = 48 << 20;
/// Lengths in an entry are single ASCII characters (below 128), so that the arena is a `str`
/// and its terms are sliced out of it without checking them again; longer words (or terms) are
/// analysed every time.
const LONGEST: usize = 127;

/// Which of the two document chains' terms a memo hands out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tail {
    /// The stemmed (index) chain's.
    Dutch,
    /// The exact chain's.
    Exact,
}

/// Remembered words: both chains' word tails, the remembered words and their entries.
pub struct WordMemory {
    dutch: TextAnalyzer,
    exact: TextAnalyzer,
    /// Bytes of entries kept before starting over.
    limit: usize,
    /// Per remembered word: 32 bits of its hash and where its entry starts in `arena`.
    table: HashTable<(u32, u32)>,
    /// Entries one after another: the word's length and bytes, the number of stemmed and of
    /// exact terms, then every term as its length and bytes (stemmed ones first); each length
    /// and number is one ASCII character.
    arena: String,
    /// The entry of a word too long to remember, made anew each time.
    scratch: Vec<String>,
}

impl WordMemory {
    /// An empty memory in front of `dutch` and `exact` (the word tails of the index and exact
    /// chains), keeping at most `limit` bytes of entries.
    pub fn new(dutch: TextAnalyzer, exact: TextAnalyzer, limit: usize) -> WordMemory {
        WordMemory {
            dutch,
            exact,
            limit,
            table: HashTable::new(),
            arena: String::new(),
            scratch: Vec::new(),
        }
    }

    /// An empty memory like this one (same chains and limit).
    pub fn fresh(&self) -> WordMemory {
        WordMemory::new(self.dutch.clone(), self.exact.clone(), self.limit)
    }

    /// Calls `f` with the terms both chains make of `word`, from memory when it can.
    pub fn with_terms<R>(&mut self, word: &str, f: impl FnOnce(WordTerms<'_>) -> R) -> R {
        let hash = hash32(word);
        let arena = &self.arena;
        let found = self
            .table
            .find(spread(hash), |&(h, at)| {
                h == hash && key_of(arena, at) == word
            })
            .map(|&(_, at)| at);
        if let Some(at) = found {
            return f(entry_terms(&self.arena, at));
        }
        let mut terms = std::mem::take(&mut self.scratch);
        terms.clear();
        let dutch = analyse(&mut self.dutch, word, &mut terms);
        analyse(&mut self.exact, word, &mut terms);
        if self.arena.len() >= self.limit || self.arena.len() >= u32::MAX as usize / 2 {
            self.table.clear();
            self.arena.clear();
        }
        let at = self.arena.len() as u32;
        let result = if remember(&mut self.arena, word, &terms, dutch) {
            self.table
                .insert_unique(spread(hash), (hash, at), |&(h, _)| spread(h));
            f(entry_terms(&self.arena, at))
        } else {
            let (d, e) = terms.split_at(dutch);
            f(WordTerms {
                dutch: Terms::Owned(d.iter()),
                exact: Terms::Owned(e.iter()),
            })
        };
        self.scratch = terms;
        result
    }
}

/// A word's 32-bit hash.
fn hash32(word: &str) -> u32 {
    FxBuildHasher.hash_one(word) as u32
}

/// The 64-bit hash the table files a 32-bit one under (spread to the high bits it takes its tag
/// from, and the low bits it takes its slot from).
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The length or number written at `at`.
fn number(arena: &str, at: usize) -> usize {
    usize::from(arena.as_bytes()[at])
}

/// The word an entry is of.
fn key_of(arena: &str, at: u32) -> &str {
    let at = at as usize;
    &arena[at + 1..at + 1 + number(arena, at)]
}

/// The terms both chains make of one word.
pub struct WordTerms<'m> {
    /// The stemmed chain's terms.
    pub dutch: Terms<'m>,
    /// The exact chain's terms.
    pub exact: Terms<'m>,
}

impl<'m> WordTerms<'m> {
    /// The terms of `tail`.
    pub fn of(self, tail: Tail) -> Terms<'m> {
        match tail {
            Tail::Dutch => self.dutch,
            Tail::Exact => self.exact,
        }
    }
}

/// A list of terms, read from an entry or from a word analysed anew.
#[derive(Clone)]
pub enum Terms<'m> {
    /// Terms as stored in an entry (length, bytes), and how many are left.
    Packed(&'m str, usize),
    /// Terms of a word too long to remember.
    Owned(std::slice::Iter<'m, String>),
}

impl<'m> Iterator for Terms<'m> {
    type Item = &'m str;

    fn next(&mut self) -> Option<&'m str> {
        match self {
            Terms::Packed(bytes, left) => {
                if *left == 0 {
                    return None;
                }
                *left -= 1;
                let (term, rest) = bytes[1..].split_at(number(bytes, 0));
                *bytes = rest;
                Some(term)
            }
            Terms::Owned(terms) => terms.next().map(String::as_str),
        }
    }
}

/// Skips `n` packed terms.
fn skip(mut terms: &str, n: usize) -> &str {
    for _ in 0..n {
        terms = &terms[1 + number(terms, 0)..];
    }
    terms
}

/// The terms of both chains at `at`.
fn entry_terms(arena: &str, at: u32) -> WordTerms<'_> {
    let at = at as usize;
    let rest = &arena[at + 1 + number(arena, at)..];
    let (dutch, exact) = (number(rest, 0), number(rest, 1));
    let terms = &rest[2..];
    WordTerms {
        dutch: Terms::Packed(terms, dutch),
        exact: Terms::Packed(skip(terms, dutch), exact),
    }
}

/// Runs `tail` on `word`, adding each term to `out`.
fn analyse(tail: &mut TextAnalyzer, word: &str, out: &mut Vec<String>) -> usize {
    let mut stream = tail.token_stream(word);
    let before = out.len();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out.len() - before
}

/// The ASCII character that stands for `n` (at most [`LONGEST`]).
fn ascii(n: usize) -> char {
    char::from(n as u8)
}

/// Appends the entry of `word` to `arena`, if its lengths fit in an ASCII character each.
fn remember(arena: &mut String, word: &str, terms: &[String], dutch: usize) -> bool {
    let exact = terms.len() - dutch;
    if word.len() > LONGEST
        || dutch > LONGEST
        || exact > LONGEST
        || terms.iter().any(|t| t.len() > LONGEST)
    {
        return false;
    }
    arena.push(ascii(word.len()));
    arena.push_str(word);
    arena.push(ascii(dutch));
    arena.push(ascii(exact));
    for term in terms {
        arena.push(ascii(term.len()));
        arena.push_str(term);
    }
    true
}

/// Replaces each word by the terms its [`Tail`] makes of it, at the word's position and
/// offsets, remembering them in the analyzer's [`Memory`].
pub struct WordMemo {
    /// Whose terms to hand out.
    pub tail: Tail,
    /// Where the words are remembered.
    pub memory: Memory,
}

/// Where a [`WordMemo`] analyzer remembers its words.
pub enum Memory {
    /// A memory of its own: a clone starts empty (an indexing worker's analyzer, or one taken
    /// from a pool).
    Own(WordMemory),
    /// One memory for the analyzer and all its clones, each word looked up under a lock: for
    /// users that clone the analyzer for every text they read, as tantivy's snippet generator
    /// does for every hit, and would otherwise start from nothing each time.
    Shared(Arc<Mutex<WordMemory>>),
}

impl Memory {
    /// A memory shared by an analyzer and its clones, in front of the same chains as `memory`.
    pub fn shared(memory: WordMemory) -> Memory {
        Memory::Shared(Arc::new(Mutex::new(memory)))
    }

    fn with_terms<R>(&mut self, word: &str, f: impl FnOnce(WordTerms<'_>) -> R) -> R {
        match self {
            Memory::Own(memory) => memory.with_terms(word, f),
            Memory::Shared(memory) => memory
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .with_terms(word, f),
        }
    }

    /// What a clone of the analyzer gets.
    fn for_clone(&self) -> Memory {
        match self {
            Memory::Own(memory) => Memory::Own(memory.fresh()),
            Memory::Shared(memory) => Memory::Shared(Arc::clone(memory)),
        }
    }
}

impl TokenFilter for WordMemo {
    type Tokenizer<T: Tokenizer> = MemoTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoTokenizer<T> {
        MemoTokenizer {
            inner: tokenizer,
            tail: self.tail,
            memory: self.memory,
        }
    }
}

/// A tokenizer wrapped by [`WordMemo`].
pub struct MemoTokenizer<T> {
    inner: T,
    tail: Tail,
    memory: Memory,
}

impl<T: Clone> Clone for MemoTokenizer<T> {
    fn clone(&self) -> Self {
        MemoTokenizer {
            inner: self.inner.clone(),
            tail: self.tail,
            memory: self.memory.for_clone(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoTokenizer<T> {
    type TokenStream<'a> = MemoStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStream {
            chain: self.tail,
            memory: &mut self.memory,
            tail: self.inner.token_stream(text),
            token: Token::default(),
            terms: String::new(),
            ends: Vec::new(),
            next: 0,
        }
    }
}

/// The token stream of [`MemoTokenizer`].
pub struct MemoStream<'a, S> {
    chain: Tail,
    memory: &'a mut Memory,
    tail: S,
    /// The current term, at its word's position and offsets.
    token: Token,
    /// The terms of the current word, one after another, where each ends, and the next to give.
    terms: String,
    ends: Vec<usize>,
    next: usize,
}

impl<S: TokenStream> TokenStream for MemoStream<'_, S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(&end) = self.ends.get(self.next) {
                let start = if self.next == 0 {
                    0
                } else {
                    self.ends[self.next - 1]
                };
                self.token.text.clear();
                self.token.text.push_str(&self.terms[start..end]);
                self.next += 1;
                return true;
            }
            if !self.tail.advance() {
                return false;
            }
            let word = self.tail.token();
            self.token.offset_from = word.offset_from;
            self.token.offset_to = word.offset_to;
            self.token.position = word.position;
            self.token.position_length = word.position_length;
            self.terms.clear();
            self.ends.clear();
            let (terms, ends) = (&mut self.terms, &mut self.ends);
            let chain = self.chain;
            self.memory.with_terms(&word.text, |both| {
                for term in both.of(chain) {
                    terms.push_str(term);
                    ends.push(terms.len());
                }
            });
            self.next = 0;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_terms;
    use crate::analysis::chain::Chain;

    fn both(memory: &mut WordMemory, word: &str) -> (Vec<String>, Vec<String>) {
        memory.with_terms(word, |terms| {
            (
                terms.dutch.map(str::to_string).collect(),
                terms.exact.map(str::to_string).collect(),
            )
        })
    }

    #[test]
    fn words_too_long_to_remember_give_the_chains_terms_every_time() {
        // 300 bytes: past what an entry's length character holds.
        let mut memory = WordMemory::new(
            Chain::Index.word_tail(),
            Chain::Exact.word_tail(),
            DEFAULT_MEMO_BYTES,
        );
        let long = format!("Zorginnovatie{}", "x".repeat(287));
        assert!(long.len() > LONGEST);
        for word in [long.as_str(), "Zorginnovatie", "thema's"] {
            let expected = (
                analyze_terms(&mut Chain::Index.word_tail(), word),
                analyze_terms(&mut Chain::Exact.word_tail(), word),
            );
            assert!(!expected.1.is_empty());
            assert_eq!(both(&mut memory, word), expected, "first look-up of {word}");
            assert_eq!(
                both(&mut memory, word),
                expected,
                "second look-up of {word}"
            );
        }
    }

    #[test]
    fn a_memory_past_its_limit_starts_over_and_still_answers() {
        let mut memory = WordMemory::new(Chain::Index.word_tail(), Chain::Exact.word_tail(), 64);
        let words = [
            "zorginnovatie",
            "ouderen",
            "eenzaamheidsbestrijding",
            "thema's",
        ];
        let first: Vec<Vec<String>> = words
            .iter()
            .map(|w| memory.with_terms(w, |t| t.dutch.map(str::to_string).collect()))
            .collect();
        assert!(
            memory.arena.len() <= 64 + 80,
            "cleared when full: {}",
            memory.arena.len()
        );
        for (word, terms) in words.iter().zip(&first) {
            let again: Vec<String> =
                memory.with_terms(word, |t| t.dutch.map(str::to_string).collect());
            assert_eq!(&again, terms, "{word}");
        }
    }
}
