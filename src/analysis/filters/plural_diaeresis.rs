//! Plurals written with a diaeresis: `ideeën` → `idee`, `knieën` → `knie`, `categorieën` →
//! `categorie`, `bacteriën` → `bacterie`, and the same typed without the diaeresis (`ideeen`).
//! Porter folds the diaeresis and then stems `ideeen` and `idee` apart; this rule gives it the
//! singular first. Goes before accent folding.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

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

/// Applies [`singular`] to every token.
#[derive(Clone, Copy)]
pub struct PluralDiaeresis;

impl TokenFilter for PluralDiaeresis {
    type Tokenizer<T: Tokenizer> = PluralDiaeresisTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PluralDiaeresisTokenizer<T> {
        PluralDiaeresisTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`PluralDiaeresis`].
#[derive(Clone)]
pub struct PluralDiaeresisTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PluralDiaeresisTokenizer<T> {
    type TokenStream<'a> = PluralDiaeresisStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PluralDiaeresisStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`PluralDiaeresisTokenizer`].
pub struct PluralDiaeresisStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for PluralDiaeresisStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(s) = singular(&token.text) {
            token.text = s;
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
