//! Snowball `dutch_porter` stemming as a tantivy token filter.
//!
//! tantivy 0.27's `Language::Dutch` is Kraaij-Pohlmann, which stems `gemeente` like `menen` and
//! `gezondheid` like `zon`. Porter's older Dutch algorithm makes smaller errors, so nota uses it
//! (frostem's `Algorithm::DutchPorter`), after the override list of [`super::stem_override`].
//! Tokens must be lowercased and accent-folded before this filter.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};

use super::rule::WordRule;
use super::stem_override::{self, Override};

/// Stems each token with Snowball's `dutch_porter` algorithm (use as `Rule(DutchPorterStemmer)`).
#[derive(Clone, Copy)]
pub struct DutchPorterStemmer;

/// The rule itself: the Porter stem of one lowercased word.
pub fn stem(word: &str) -> Cow<'_, str> {
    Stemmer::new(Algorithm::DutchPorter).stem(word)
}

/// `stem` with a doubled final consonant made single: Porter's Dutch undoubles only k, d and
/// t, so `plannen` stems to `plann` and never meets `plan` (likewise -ss-, -ll-, -mm-, -pp-, …:
/// `bussen`/`bus`, `stellen`/`stel`, `stoppen`/`stop`). Dutch spelling ends no native word in a
/// doubled consonant, so a stem that does came from a suffix the stemmer took off.
fn undouble(mut stem: String) -> String {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 3
        && bytes[n - 1] == bytes[n - 2]
        && bytes[n - 1].is_ascii_lowercase()
        && !b"aeiouy".contains(&bytes[n - 1])
    {
        stem.pop();
    }
    stem
}

/// The stem of `word` after the override list, or `None` when the word is its own stem.
fn stem_with_overrides(word: &str) -> Option<String> {
    match stem_override::lookup(word) {
        Some(Override::Stem(s)) => (s != word).then(|| s.to_string()),
        Some(Override::Protected) => None,
        None => match stem(word) {
            Cow::Owned(s) if s != word => Some(undouble(s)),
            _ => None,
        },
    }
}

/// The term the stemmed chain gives `word` (lowercased, accent-folded): its override, else its
/// Porter stem undoubled, else the word itself.
pub fn term_of(word: &str) -> String {
    stem_with_overrides(word).unwrap_or_else(|| word.to_string())
}

/// Replaces `word` by its stem ([`stem_with_overrides`]), in place. (Documents' words are
/// remembered in front of the whole chain, [`super::memo`], so there is no cache here.)
fn stem_in_place(word: &mut String) {
    if let Some(stemmed) = stem_with_overrides(word) {
        *word = stemmed;
    }
}

impl WordRule for DutchPorterStemmer {
    fn rewrite(&self, word: &mut String) {
        stem_in_place(word);
    }
}

/// Porter stemming without the override list: the v1 chain's stemmer, kept as the
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

    fn stemmed(word: &str) -> String {
        let mut word = word.to_string();
        super::stem_in_place(&mut word);
        word
    }

    #[test]
    fn plurals_with_a_doubled_consonant_meet_their_singular() {
        for (plural, singular) in [
            ("plannen", "plan"),
            ("bussen", "bus"),
            ("stellen", "stel"),
            ("stoppen", "stop"),
            ("mannen", "man"),
            ("bommen", "bom"),
        ] {
            assert_eq!(stemmed(plural), stemmed(singular), "{plural}");
        }
        // A word that ends in a doubled consonant itself keeps it.
        assert_eq!(stemmed("jazz"), "jazz");
    }

    #[test]
    fn the_elderly_are_not_parents() {
        assert_eq!(stemmed("ouderen"), stemmed("oudere"));
        assert_eq!(stemmed("ouders"), stemmed("ouder"));
        assert_ne!(stemmed("ouderen"), stemmed("ouders"));
    }

    #[test]
    fn the_rule_gives_what_the_stemmer_gives_after_overrides() {
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
