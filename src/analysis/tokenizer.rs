//! The word tokenizer: Unicode (UAX#29) word boundaries, keeping only words with a letter or digit.
//!
//! Unlike tantivy's `SimpleTokenizer`, UAX#29 keeps `thema's`, `2.3.1` and `3,5` whole, which the
//! Dutch filters after it can then treat as one word. Words never cross ASCII whitespace, so the
//! text is cut there into chunks: an ASCII chunk goes through a fast path that applies the same
//! rules (letters and digits join; `'` and `.` join two letters or two digits, `:` two letters,
//! `,` and `;` two digits); any other chunk goes through `unicode-segmentation`. Tests check that
//! both give the same words, on the real sample documents too.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::UnicodeSegmentation;

/// Splits text at Unicode word boundaries and drops the segments that are punctuation or space.
#[derive(Clone, Default)]
pub struct UaxTokenizer {
    token: Token,
}

/// The stream of words of one text.
///
/// The text is cut into chunks at ASCII whitespace, which UAX#29 words never cross. An ASCII chunk
/// goes through the fast path; any other through `unicode-segmentation`.
pub struct UaxTokenStream<'a> {
    text: &'a str,
    /// The fast path's position in the current ASCII chunk, and the chunk's end.
    at: usize,
    chunk_end: usize,
    /// UAX#29 segments of the current non-ASCII chunk, with the chunk's offset.
    uax: Option<(usize, unicode_segmentation::UWordBoundIndices<'a>)>,
    token: &'a mut Token,
}

impl Tokenizer for UaxTokenizer {
    type TokenStream<'a> = UaxTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UaxTokenStream<'a> {
        self.token.reset();
        UaxTokenStream {
            text,
            at: 0,
            chunk_end: 0,
            uax: None,
            token: &mut self.token,
        }
    }
}

/// A segment is a word when it holds at least one letter or digit.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Whether `c` joins the characters on both sides of it into one word: `'` and `.` (UAX#29
/// MidNumLet) join two letters or two digits, `:` (MidLetter) two letters, `,` and `;` (MidNum)
/// two digits.
fn joins(c: u8, before: u8, after: u8) -> bool {
    let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    match c {
        b'\'' | b'.' => letters || digits,
        b':' => letters,
        b',' | b';' => digits,
        _ => false,
    }
}

/// Letters, digits and `_` (UAX#29 ExtendNumLet) make up words.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the ASCII word starting at `start`.
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    loop {
        while end < bytes.len() && is_word_byte(bytes[end]) {
            end += 1;
        }
        match (bytes.get(end), bytes.get(end + 1)) {
            (Some(&c), Some(&after)) if joins(c, bytes[end - 1], after) => end += 1,
            _ => return end,
        }
    }
}

impl UaxTokenStream<'_> {
    fn emit(&mut self, offset: usize, segment: &str) {
        self.token.text.clear();
        self.token.text.push_str(segment);
        self.token.offset_from = offset;
        self.token.offset_to = offset + segment.len();
        self.token.position = self.token.position.wrapping_add(1);
    }
}

impl TokenStream for UaxTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            if let Some((base, words)) = &mut self.uax {
                let base = *base;
                match words.find(|(_, segment)| is_word(segment)) {
                    Some((offset, segment)) => {
                        self.emit(base + offset, segment);
                        return true;
                    }
                    None => self.uax = None,
                }
            }
            // The fast path, within the current ASCII chunk.
            while self.at < self.chunk_end {
                while self.at < self.chunk_end && !is_word_byte(bytes[self.at]) {
                    self.at += 1;
                }
                if self.at >= self.chunk_end {
                    break;
                }
                let start = self.at;
                self.at = ascii_word_end(&bytes[..self.chunk_end], start);
                let word = &text[start..self.at];
                if word.bytes().any(|b| b.is_ascii_alphanumeric()) {
                    self.emit(start, word);
                    return true;
                }
            }
            // The next chunk.
            let mut start = self.chunk_end;
            while start < bytes.len() && bytes[start].is_ascii_whitespace() {
                start += 1;
            }
            if start >= bytes.len() {
                return false;
            }
            let end = bytes[start..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .map_or(bytes.len(), |i| start + i);
            self.chunk_end = end;
            let chunk = &text[start..end];
            if chunk.is_ascii() {
                self.at = start;
            } else {
                self.at = end;
                self.uax = Some((start, chunk.split_word_bound_indices()));
            }
        }
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

    /// The words of `text` by unicode-segmentation alone.
    fn uax_words(text: &str) -> Vec<(String, usize, usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| is_word(s))
            .enumerate()
            .map(|(i, (o, s))| (s.to_string(), i, o, o + s.len()))
            .collect()
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        let samples = [
            "Deze thema's, artikel 2.3.1 en 3,5 mln. d.w.z. de Wmo-consulent; 1;2 a.b",
            "zorg- en welzijnstaken (arbeids-)participatie 2010-2020 e-mail www.nota.nl",
            "O'Neill's 'citaat' ...eind. Begin 12.500,00 euro x'y x.'y 4.a a.4 1'000",
            "zie:hier 10:30 art_2 __init__ a_ _b ___ x.y.z 1.2.3.4 a,b 1,a",
        ];
        for text in samples {
            assert!(text.is_ascii());
            assert_eq!(words(text), uax_words(text), "{text}");
        }
        let mixed = "ideeën\u{a0}over cliënt’s “zorg”\t– 3,5\u{2009}mln\n\nIJsselmeer é.b a.é";
        assert_eq!(words(mixed), uax_words(mixed), "{mixed}");
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_uax29_on_any_mix(text in "[a-zA-Z0-9 ,.;:'_\\-ëé’\t\n(]{0,40}") {
            proptest::prop_assert_eq!(words(&text), uax_words(&text));
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29_on_real_documents() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(corpus).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(words(&text), uax_words(&text));
        }
    }

    #[test]
    fn positions_count_words_and_offsets_are_bytes() {
        let got = words("ideeën – over zorg");
        assert_eq!(got[0], ("ideeën".to_string(), 0, 0, 7));
        assert_eq!(got[1], ("over".to_string(), 1, 12, 16));
        assert_eq!(got[2], ("zorg".to_string(), 2, 17, 21));
    }
}
