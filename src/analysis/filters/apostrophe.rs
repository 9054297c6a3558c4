//! Apostrophe plurals and genitives: `thema's` → `thema`, `Wmo's` → `Wmo`, `AOW'er` → `AOWer`;
//! the curly apostrophe (’) counts as the straight one.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The rule: strips a trailing `'s` and joins `'er(s)`, `'tje(s)` to the word.
pub fn normalize(word: &str) -> Option<String> {
    if !word.contains(['\'', '’']) {
        return None;
    }
    let straight = word.replace('’', "'");
    if let Some(base) = straight
        .strip_suffix("'s")
        .or_else(|| straight.strip_suffix("'S"))
    {
        if !base.is_empty() && !base.contains('\'') {
            return Some(base.to_string());
        }
    }
    for ending in ["'ers", "'er", "'tjes", "'tje"] {
        if straight.len() > ending.len() && straight.to_lowercase().ends_with(ending) {
            return Some(straight.replacen('\'', "", 1));
        }
    }
    (straight != word).then_some(straight)
}

/// Applies [`normalize`] to every token.
#[derive(Clone, Copy)]
pub struct ApostropheFilter;

impl TokenFilter for ApostropheFilter {
    type Tokenizer<T: Tokenizer> = ApostropheTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ApostropheTokenizer<T> {
        ApostropheTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`ApostropheFilter`].
#[derive(Clone)]
pub struct ApostropheTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ApostropheTokenizer<T> {
    type TokenStream<'a> = ApostropheStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ApostropheStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`ApostropheTokenizer`].
pub struct ApostropheStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for ApostropheStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(normal) = normalize(&token.text) {
            token.text = normal;
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
    use super::normalize;

    #[test]
    fn plurals_and_genitives() {
        assert_eq!(normalize("thema's").as_deref(), Some("thema"));
        assert_eq!(normalize("thema’s").as_deref(), Some("thema"));
        assert_eq!(normalize("Wmo's").as_deref(), Some("Wmo"));
        assert_eq!(normalize("AOW'er").as_deref(), Some("AOWer"));
        assert_eq!(normalize("AOW’ers").as_deref(), Some("AOWers"));
        assert_eq!(normalize("thema"), None);
        assert_eq!(normalize("O’Neill").as_deref(), Some("O'Neill"));
    }
}
