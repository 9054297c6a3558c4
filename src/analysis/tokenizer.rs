//! The word tokenizer: Unicode (UAX#29) word boundaries, keeping only words with a letter or digit.
//!
//! Unlike tantivy's `SimpleTokenizer`, UAX#29 keeps `thema's`, `2.3.1` and `3,5` whole, which the
//! Dutch filters after it can then treat as one word.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::UnicodeSegmentation;

/// Splits text at Unicode word boundaries and drops the segments that are punctuation or space.
#[derive(Clone, Default)]
pub struct UaxTokenizer {
    token: Token,
}

/// The stream of words of one text.
pub struct UaxTokenStream<'a> {
    words: unicode_segmentation::UWordBoundIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for UaxTokenizer {
    type TokenStream<'a> = UaxTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UaxTokenStream<'a> {
        self.token.reset();
        UaxTokenStream {
            words: text.split_word_bound_indices(),
            token: &mut self.token,
        }
    }
}

/// A segment is a word when it holds at least one letter or digit.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

impl TokenStream for UaxTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (offset, segment) in self.words.by_ref() {
            if is_word(segment) {
                self.token.text.clear();
                self.token.text.push_str(segment);
                self.token.offset_from = offset;
                self.token.offset_to = offset + segment.len();
                self.token.position = self.token.position.wrapping_add(1);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = UaxTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn keeps_apostrophe_words_and_numbers_whole() {
        let got = words("Deze thema's, artikel 2.3.1 en € 3,5 mln.");
        let texts: Vec<&str> = got.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(
            texts,
            ["Deze", "thema's", "artikel", "2.3.1", "en", "3,5", "mln"]
        );
    }

    #[test]
    fn positions_count_words_and_offsets_are_bytes() {
        let got = words("ideeën – over zorg");
        assert_eq!(got[0], ("ideeën".to_string(), 0, 0, 7));
        assert_eq!(got[1], ("over".to_string(), 1, 12, 16));
        assert_eq!(got[2], ("zorg".to_string(), 2, 17, 21));
    }
}
