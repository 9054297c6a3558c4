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

use super::rule::WordRule;
use super::stem_override::{self, Override};

/// Stems each token with Snowball's `dutch_porter` algorithm (use as `Rule(DutchPorterStemmer)`).
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

impl WordRule for DutchPorterStemmer {
    fn rewrite(&self, word: &mut String) {
        stem_in_place(word);
    }
}

/// Porter stemming without the override list or the cache: the v1 chain's stemmer, kept as the
/// baseline for measurements.
#[derive(Clone, Copy)]
pub struct PlainPorterStemmer;

impl WordRule for PlainPorterStemmer {
    fn rewrite(&self, word: &mut String) {
        if let Cow::Owned(stemmed) = stem(word) {
            *word = stemmed;
        }
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
