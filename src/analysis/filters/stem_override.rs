//! Stems that Snowball gets wrong for policy text, and words it must not stem at all.
//!
//! `data/stem_overrides.txt` maps a word to the stem it must get (`kind → kinder`, so that `kind`
//! meets `kinderen` and the `kinder-` of `kindermishandeling`; `taken → taak`, so that tasks are
//! not branches), and lists protected words (abbreviations and law names: `wmo`, `gs`, `vng`, …)
//! that keep their form. The stemmer filter consults it before stemming.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const OVERRIDES: &str = include_str!("../../../data/stem_overrides.txt");

/// What the override list says of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Override<'a> {
    /// Use this stem.
    Stem(&'a str),
    /// Leave the word as it is.
    Protected,
}

fn table() -> &'static FxHashMap<String, Option<String>> {
    static TABLE: OnceLock<FxHashMap<String, Option<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        all()
            .map(|(word, stem)| (word.to_string(), stem.map(str::to_string)))
            .collect()
    })
}

/// The override for a lowercased, accent-folded word, if any.
pub fn lookup(word: &str) -> Option<Override<'static>> {
    table().get(word).map(|stem| match stem {
        Some(s) => Override::Stem(s.as_str()),
        None => Override::Protected,
    })
}

/// Every override, in the order of the file: a word and its stem, or `None` for a word kept
/// as it is.
pub fn all() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    OVERRIDES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once("=>") {
            Some((word, stem)) => (word.trim(), Some(stem.trim())),
            None => (l, None),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_protected_words() {
        assert_eq!(lookup("kind"), Some(Override::Stem("kinder")));
        assert_eq!(lookup("wmo"), Some(Override::Protected));
        assert_eq!(lookup("gemeente"), None);
    }
}
