//! Snowball `dutch_porter` stemming as a tantivy token filter.
//!
//! tantivy 0.27's `Language::Dutch` is Kraaij-Pohlmann, which stems `gemeente` like `menen` and
//! `gezondheid` like `zon`. Porter's older Dutch algorithm makes smaller errors, so nota uses it
//! (frostem's `Algorithm::DutchPorter`), after the override list of [`super::stem_override`].
//! Tokens must be lowercased and accent-folded before this filter.

use std::borrow::Cow;
use std::cell::RefCell;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::stem_override::{self, Override};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Stems each token with Snowball's `dutch_porter` algorithm.
#[derive(Clone, Copy)]
pub struct DutchPorterStemmer;

/// The rule itself: the Porter stem of one lowercased word.
pub fn stem(word: &str) -> Cow<'_, str> {
    Stemmer::new(Algorithm::DutchPorter).stem(word)
}

/// Words whose stems each thread remembers; past this the memory is cleared and starts over.
const CACHE_WORDS: usize = 100_000;

thread_local! {
    /// Word → stem (after the override list), for words that change when stemmed. A document
    /// repeats its words and a corpus its vocabulary, so most words are stemmed once.
    static STEMS: RefCell<FxHashMap<String, Option<String>>> = RefCell::new(FxHashMap::default());
}

/// The stem of `word` after the override list, or `None` when the word is its own stem.
fn stem_with_overrides(word: &str) -> Option<String> {
    match stem_override::lookup(word) {
        Some(Override::Stem(s)) => (s != word).then(|| s.to_string()),
        Some(Override::Protected) => None,
        None => match stem(word) {
            Cow::Owned(s) if s != word => Some(s),
            _ => None,
        },
    }
}

/// Replaces `word` by its stem ([`stem_with_overrides`], remembered per thread), in place.
fn stem_in_place(word: &mut String) {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // One lookup on the common path, a hit.
        if let Some(known) = cache.get(word.as_str()) {
            if let Some(stemmed) = known {
                word.clear();
                word.push_str(stemmed);
            }
            return;
        }
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        let stemmed = stem_with_overrides(word);
        cache.insert(word.clone(), stemmed.clone());
        if let Some(stemmed) = stemmed {
            *word = stemmed;
        }
    })
}

impl TokenFilter for DutchPorterStemmer {
    type Tokenizer<T: Tokenizer> = StemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemmerTokenizer<T> {
        StemmerTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`DutchPorterStemmer`].
#[derive(Clone)]
pub struct StemmerTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemmerTokenizer<T> {
    type TokenStream<'a> = StemmerTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmerTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`StemmerTokenizer`].
pub struct StemmerTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for StemmerTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Porter stemming without the override list or the cache: the v1 chain's stemmer, kept as the
/// baseline for measurements.
#[derive(Clone, Copy)]
pub struct PlainPorterStemmer;

impl TokenFilter for PlainPorterStemmer {
    type Tokenizer<T: Tokenizer> = PlainStemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PlainStemmerTokenizer<T> {
        PlainStemmerTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`PlainPorterStemmer`].
#[derive(Clone)]
pub struct PlainStemmerTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PlainStemmerTokenizer<T> {
    type TokenStream<'a> = PlainStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PlainStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`PlainStemmerTokenizer`].
pub struct PlainStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for PlainStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Cow::Owned(stemmed) = stem(&token.text) {
            token.text = stemmed;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn the_cache_gives_what_the_stemmer_gives() {
        for word in [
            "gemeenten",
            "zorg",
            "vrijwilligers",
            "ideeen",
            "gemeenten",
            "zorg",
        ] {
            let direct = stem(word).into_owned();
            let mut cached = word.to_string();
            super::stem_in_place(&mut cached);
            assert_eq!(cached, direct, "{word}");
        }
        let mut kind = "kind".to_string();
        super::stem_in_place(&mut kind);
        assert_eq!(kind, "kinder", "the override list applies");
    }

    #[test]
    fn porter_keeps_policy_nouns_apart_from_common_verbs() {
        // Kraaij-Pohlmann stems both of these pairs alike; Porter must not.
        assert_ne!(stem("gemeente"), stem("menen"));
        assert_ne!(stem("gezondheid"), stem("zon"));
        assert_eq!(stem("gemeenten"), stem("gemeente"));
        assert_eq!(stem("vrijwilligers"), stem("vrijwilliger"));
    }
}
