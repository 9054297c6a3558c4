//! Tokens packed for keeping: every term in one string, and per token where its term ends, its
//! offsets and position. One allocation for a text's tokens instead of one per token; used to hand
//! a body's tokens from analysis to the index (`crate::index::handoff`) and to buffer a text for the
//! hyphen rules ([`super::filters::ellipsis`]).

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream};

/// A text's tokens, packed: every term in one string, and per token where its term ends, its
/// offsets and position (one allocation for the lot instead of one per token).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tokens {
    terms: String,
    items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Item {
    term_end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
}

impl Tokens {
    /// The tokens `analyzer` makes of `text`.
    pub fn of(analyzer: &mut TextAnalyzer, text: &str) -> Tokens {
        Tokens::from_stream(&mut analyzer.token_stream(text), text.len())
    }

    /// No tokens yet, with room for those of a text of `text_len` bytes.
    pub fn with_capacity(text_len: usize) -> Tokens {
        Tokens {
            terms: String::with_capacity(text_len),
            items: Vec::with_capacity(text_len / 6),
        }
    }

    /// Adds a token.
    pub fn push(&mut self, term: &str, (offset_from, offset_to): (usize, usize), position: usize) {
        self.terms.push_str(term);
        self.items.push(Item {
            term_end: self.terms.len(),
            offset_from,
            offset_to,
            position,
        });
    }

    /// The tokens left in `stream`, of a text of `text_len` bytes.
    pub fn from_stream(stream: &mut impl TokenStream, text_len: usize) -> Tokens {
        let mut tokens = Tokens::with_capacity(text_len);
        while stream.advance() {
            let token = stream.token();
            tokens.push(
                &token.text,
                (token.offset_from, token.offset_to),
                token.position,
            );
        }
        tokens
    }

    /// The term of token `i`.
    pub fn term(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.items[i - 1].term_end
        };
        &self.terms[start..self.items[i].term_end]
    }

    /// The byte offsets of token `i` in its text.
    pub fn offsets(&self, i: usize) -> (usize, usize) {
        (self.items[i].offset_from, self.items[i].offset_to)
    }

    /// The position of token `i`.
    pub fn position(&self, i: usize) -> usize {
        self.items[i].position
    }

    /// Keeps the first `n` tokens.
    pub fn truncate(&mut self, n: usize) {
        self.items.truncate(n);
    }

    /// The terms, in order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.items.iter().map(move |item| {
            let term = &self.terms[start..item.term_end];
            start = item.term_end;
            term
        })
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Bytes of memory the tokens hold.
    pub fn heap_bytes(&self) -> usize {
        self.terms.capacity() + self.items.capacity() * std::mem::size_of::<Item>()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Writes token `i` into `token`, reusing its memory.
    pub fn fill(&self, i: usize, token: &mut Token) {
        let item = self.items[i];
        token.text.clear();
        token.text.push_str(self.term(i));
        token.offset_from = item.offset_from;
        token.offset_to = item.offset_to;
        token.position = item.position;
        token.position_length = 1;
    }
}
