//! Remembered words: the word-by-word part of the Dutch document chain (apostrophes, lowercase,
//! compound parts, stop words, diaeresis plurals, accent folding, stemming;
//! [`crate::analysis::dutch::word_tail`]) is run once per distinct word as written and thread, and
//! its terms are replayed for every later occurrence.
//!
//! A corpus repeats its vocabulary: the 238 MB test corpus has 35.4 million words but only
//! 345,000 distinct ones as written (297,000 lowercased; counted with `tr`), so nearly every word
//! is one hash lookup instead of lowercasing, a compound search, a stop-word lookup and a stem.
//! The filter changes nothing in what comes out (a test compares it with the chain it replaces on
//! the sample documents).

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words each thread remembers; past this the memory is cleared and starts over
/// (about 60 bytes a word: at most some tens of MB a thread).
const MEMO_WORDS: usize = 600_000;

/// The word-by-word chains a memo stands in front of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// [`crate::analysis::dutch::word_tail`], of the stemmed chain.
    Dutch,
    /// [`crate::analysis::dutch::exact_word_tail`], of the exact chain.
    Exact,
}

/// The terms a chain made of one word.
type Terms = Rc<[Box<str>]>;

/// The memory of one thread for one chain: the chain and what it made of each word.
struct Memory {
    tail: TextAnalyzer,
    words: FxHashMap<Box<str>, Terms>,
}

impl Memory {
    fn of(tail: TextAnalyzer) -> RefCell<Memory> {
        RefCell::new(Memory {
            tail,
            words: FxHashMap::default(),
        })
    }
}

thread_local! {
    static DUTCH: RefCell<Memory> = Memory::of(crate::analysis::dutch::word_tail());
    static EXACT: RefCell<Memory> = Memory::of(crate::analysis::dutch::exact_word_tail());
}

/// The terms `tail` makes of `word`, from memory when it can.
fn terms(tail: Tail, word: &str) -> Terms {
    let memory = match tail {
        Tail::Dutch => &DUTCH,
        Tail::Exact => &EXACT,
    };
    memory.with(|memory| {
        let mut memory = memory.borrow_mut();
        if let Some(terms) = memory.words.get(word) {
            return terms.clone();
        }
        if memory.words.len() >= MEMO_WORDS {
            memory.words.clear();
        }
        let mut terms = Vec::new();
        let mut stream = memory.tail.token_stream(word);
        while stream.advance() {
            terms.push(Box::from(stream.token().text.as_str()));
        }
        drop(stream);
        let terms: Terms = terms.into();
        memory.words.insert(Box::from(word), terms.clone());
        terms
    })
}

/// Replaces each word by the terms its [`Tail`] makes of it, at the word's position and
/// offsets, remembering them per thread.
#[derive(Clone, Copy)]
pub struct WordMemo(pub Tail);

impl TokenFilter for WordMemo {
    type Tokenizer<T: Tokenizer> = MemoTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoTokenizer<T> {
        MemoTokenizer {
            inner: tokenizer,
            tail: self.0,
        }
    }
}

/// A tokenizer wrapped by [`WordMemo`].
#[derive(Clone)]
pub struct MemoTokenizer<T> {
    inner: T,
    tail: Tail,
}

impl<T: Tokenizer> Tokenizer for MemoTokenizer<T> {
    type TokenStream<'a> = MemoStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStream {
            chain: self.tail,
            tail: self.inner.token_stream(text),
            token: Token::default(),
            terms: Rc::from([]),
            next: 0,
        }
    }
}

/// The token stream of [`MemoTokenizer`].
pub struct MemoStream<S> {
    chain: Tail,
    tail: S,
    /// The current term, at its word's position and offsets.
    token: Token,
    /// The terms of the current word, and the next of them to give.
    terms: Terms,
    next: usize,
}

impl<S: TokenStream> TokenStream for MemoStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(term) = self.terms.get(self.next) {
                self.token.text.clear();
                self.token.text.push_str(term);
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
            self.terms = terms(self.chain, &word.text);
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
