//! The stream code shared by every one-word-in, one-word-out rule: a rule is a [`WordRule`] (one
//! small function on a string) and [`Rule`] turns it into a tantivy token filter.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A rule that rewrites a word in place (or leaves it).
pub trait WordRule: Clone + Send + Sync + 'static {
    /// Rewrites `word`.
    fn rewrite(&self, word: &mut String);
}

/// A [`WordRule`] as a token filter.
#[derive(Clone, Copy)]
pub struct Rule<R>(pub R);

impl<R: WordRule> TokenFilter for Rule<R> {
    type Tokenizer<T: Tokenizer> = RuleTokenizer<T, R>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RuleTokenizer<T, R> {
        RuleTokenizer {
            inner: tokenizer,
            rule: self.0,
        }
    }
}

/// A tokenizer wrapped by a [`Rule`].
#[derive(Clone)]
pub struct RuleTokenizer<T, R> {
    inner: T,
    rule: R,
}

impl<T: Tokenizer, R: WordRule> Tokenizer for RuleTokenizer<T, R> {
    type TokenStream<'a> = RuleStream<T::TokenStream<'a>, R>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RuleStream {
            tail: self.inner.token_stream(text),
            rule: self.rule.clone(),
        }
    }
}

/// The token stream of a [`RuleTokenizer`].
pub struct RuleStream<S, R> {
    tail: S,
    rule: R,
}

impl<S: TokenStream, R: WordRule> TokenStream for RuleStream<S, R> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.rule.rewrite(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
