//! Plurals written with a diaeresis: `ideeën` → `idee`, `knieën` → `knie`, `categorieën` →
//! `categorie`, `bacteriën` → `bacterie`, and the same typed without the diaeresis (`ideeen`).
//! Porter folds the diaeresis and then stems `ideeen` and `idee` apart; this rule gives it the
//! singular first. Goes before accent folding.

use super::rule::WordRule;

/// The rule: the singular of a lowercased `-eën`/`-iën` plural.
pub fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("eën") {
        if !stem.is_empty() {
            return Some(format!("{stem}e"));
        }
    }
    if let Some(stem) = word.strip_suffix("iën") {
        if !stem.is_empty() {
            return Some(format!("{stem}ie"));
        }
    }
    // The same plurals typed without the diaeresis: `ideeen`, `categorieen`.
    if word.ends_with("eeen") || word.ends_with("ieen") {
        return Some(word[..word.len() - 2].to_string());
    }
    None
}

/// Applies [`singular`] to every token (use as `Rule(PluralDiaeresis)`).
#[derive(Clone, Copy)]
pub struct PluralDiaeresis;

impl WordRule for PluralDiaeresis {
    fn rewrite(&self, word: &mut String) {
        if let Some(s) = singular(word) {
            *word = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn diaeresis_plurals() {
        assert_eq!(singular("ideeën").as_deref(), Some("idee"));
        assert_eq!(singular("knieën").as_deref(), Some("knie"));
        assert_eq!(singular("categorieën").as_deref(), Some("categorie"));
        assert_eq!(singular("bacteriën").as_deref(), Some("bacterie"));
        assert_eq!(singular("ideeen").as_deref(), Some("idee"));
        assert_eq!(singular("categorieen").as_deref(), Some("categorie"));
        assert_eq!(singular("cliënten"), None);
        assert_eq!(singular("idee"), None);
    }
}
