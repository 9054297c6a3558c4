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
    /// Word → stem, for words that change when stemmed. A document repeats its words, and a
    /// corpus repeats its vocabulary, so most words are stemmed once.
    static STEMS: RefCell<FxHashMap<String, Option<String>>> = RefCell::new(FxHashMap::default());
}

/// [`stem`] after the override list, remembered per thread. Returns `None` when the word is its
/// own stem.
fn cached_stem(word: &str) -> Option<String> {
    match stem_override::lookup(word) {
        Some(Override::Stem(s)) => return (s != word).then(|| s.to_string()),
        Some(Override::Protected) => return None,
        None => {}
    }
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(known) = cache.get(word) {
            return known.clone();
        }
        let stemmed = match stem(word) {
            Cow::Owned(s) if s != word => Some(s),
            _ => None,
        };
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.to_string(), stemmed.clone());
        stemmed
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
        let token = self.tail.token_mut();
        if let Some(stemmed) = cached_stem(&token.text) {
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
            let cached = super::cached_stem(word).unwrap_or_else(|| word.to_string());
            assert_eq!(cached, direct, "{word}");
        }
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
