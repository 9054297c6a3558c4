//! Dutch compound splitting: `eenzaamheidsbestrijding` → also `eenzaamheid`, `bestrijding`;
//! `welzijnstaken` → `welzijn`, `taken` (never `welzijn` + `staken`).
//!
//! The lexicon (`data/lexicon/*.fst`, built from OpenTaal's hunspell dictionary by
//! `data/lexicon/regenerate.sh`) says which words may begin a compound (`heads`, with the linking
//! `-s-` or plural `-en-` they take) and which may end one (`tails`). A split is found by dynamic
//! programming over the split points: every part but the last a head, the last a tail, each at
//! least three letters, at most four parts; the fewest parts win, then the most frequent parts
//! (corpus counts in `freq.fst`). A word is left whole when it is four times more common than its
//! parts by geometric mean (after Koehn & Knight): then it is a word of its own. The filter emits the original token first and then its parts at
//! the same position, never a bare linking `s`.

use std::collections::VecDeque;
use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words shorter than this (in characters) are never split.
const MIN_WORD: usize = 6;
/// Parts shorter than this (in characters, linking morpheme included) are not parts.
const MIN_PART: usize = 3;
/// At most this many parts.
const MAX_PARTS: usize = 4;
/// A word is left whole when it is this many times more frequent than its parts (geometric
/// mean): then it is a word of its own, like `samenwerking`.
const WHOLE_FACTOR: f64 = 4.0;

struct Lexicon {
    heads: fst::Map<&'static [u8]>,
    tails: fst::Set<&'static [u8]>,
    freq: fst::Map<&'static [u8]>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        heads: fst::Map::new(&include_bytes!("../../../data/lexicon/heads.fst")[..])
            .expect("the shipped heads.fst is a valid fst"),
        tails: fst::Set::new(&include_bytes!("../../../data/lexicon/tails.fst")[..])
            .expect("the shipped tails.fst is a valid fst"),
        freq: fst::Map::new(&include_bytes!("../../../data/lexicon/freq.fst")[..])
            .expect("the shipped freq.fst is a valid fst"),
    })
}

fn log_freq(word: &str) -> f64 {
    let n = lexicon().freq.get(word).unwrap_or(0);
    ((n + 1) as f64).ln()
}

/// The best way found to write a prefix of the word as heads.
#[derive(Clone)]
struct Path {
    parts: Vec<(usize, usize, usize)>, // (start, end, linking bytes at the end)
    score: f64,
}

fn better(a: &Path, b: &Path) -> bool {
    a.parts.len() < b.parts.len() || (a.parts.len() == b.parts.len() && a.score > b.score)
}

/// Whether OpenTaal's word list (with its corpus counts) knows `word` (lowercase) as a word.
pub fn is_word(word: &str) -> bool {
    let lex = lexicon();
    lex.freq.get(word).is_some() || lex.tails.contains(word)
}

/// Every word the lexicon takes as a compound's part (a head or a tail), at least `min_chars`
/// long, in order: for engines that split compounds by a word list (OpenSearch's
/// `dictionary_decompounder`, see [`crate::cluster::definition`]).
pub fn part_words(min_chars: usize) -> Vec<String> {
    use fst::{IntoStreamer, Streamer};
    let lex = lexicon();
    let mut words = std::collections::BTreeSet::new();
    let mut heads = lex.heads.stream();
    while let Some((key, _)) = heads.next() {
        words.insert(String::from_utf8_lossy(key).into_owned());
    }
    let mut tails = lex.tails.into_stream();
    while let Some(key) = tails.next() {
        words.insert(String::from_utf8_lossy(key).into_owned());
    }
    words
        .into_iter()
        .filter(|w| w.chars().count() >= min_chars)
        .collect()
}

/// The parts of `word` (lowercase), linking morphemes dropped, or `None` when it is no compound.
pub fn split(word: &str) -> Option<Vec<String>> {
    let parts = best_split(word)?;
    Some(
        parts
            .iter()
            .map(|&(start, end, link)| word[start..end - link].to_string())
            .collect(),
    )
}

/// The byte offsets in `word` where a new part starts (a linking morpheme stays with the part
/// before it): `welzijnstaken` → `[8]`. Empty when it is no compound.
pub fn split_points(word: &str) -> Vec<usize> {
    best_split(word)
        .map(|parts| parts.iter().skip(1).map(|&(start, _, _)| start).collect())
        .unwrap_or_default()
}

/// The best split as (start, end, linking bytes) per part.
fn best_split(word: &str) -> Option<Vec<(usize, usize, usize)>> {
    if word.chars().count() < MIN_WORD || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let lex = lexicon();
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    // best[k]: the best path covering word[..bounds[k]] with heads.
    let mut best: Vec<Option<Path>> = vec![None; bounds.len()];
    best[0] = Some(Path {
        parts: Vec::new(),
        score: 0.0,
    });
    let mut answer: Option<Path> = None;
    for k in 0..bounds.len() {
        let Some(path) = best[k].clone() else {
            continue;
        };
        for m in (k + MIN_PART)..bounds.len() {
            let (start, end) = (bounds[k], bounds[m]);
            let piece = &word[start..end];
            if end == word.len() {
                if k > 0 && lex.tails.contains(piece) {
                    let mut done = path.clone();
                    done.parts.push((start, end, 0));
                    done.score += log_freq(piece);
                    if answer.as_ref().is_none_or(|a| better(&done, a)) {
                        answer = Some(done);
                    }
                }
            } else if path.parts.len() + 1 < MAX_PARTS {
                if let Some(link) = lex.heads.get(piece) {
                    let link = link as usize;
                    let mut next = path.clone();
                    next.parts.push((start, end, link));
                    next.score += log_freq(&piece[..piece.len() - link]);
                    if best[m].as_ref().is_none_or(|b| better(&next, b)) {
                        best[m] = Some(next);
                    }
                }
            }
        }
    }
    let answer = answer?;
    let mean = answer.score / answer.parts.len() as f64;
    if mean + WHOLE_FACTOR.ln() <= log_freq(word) {
        return None;
    }
    Some(answer.parts)
}

/// Calls `each` with every part of `word` ([`split`]). (Documents' words are remembered in
/// front of the whole chain, [`super::memo`], so there is no cache here.)
fn for_each_part(word: &str, each: impl FnMut(&str)) {
    if word.len() < MIN_WORD {
        return;
    }
    split(word)
        .iter()
        .flatten()
        .map(String::as_str)
        .for_each(each);
}

/// Emits each token, then the parts of a compound at the same position.
#[derive(Clone, Copy)]
pub struct Decompounder;

impl TokenFilter for Decompounder {
    type Tokenizer<T: Tokenizer> = DecompoundTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DecompoundTokenizer<T> {
        DecompoundTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`Decompounder`].
#[derive(Clone)]
pub struct DecompoundTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DecompoundTokenizer<T> {
    type TokenStream<'a> = DecompoundStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DecompoundStream {
            tail: self.inner.token_stream(text),
            pending: VecDeque::new(),
            serving_part: false,
        }
    }
}

/// The token stream of [`DecompoundTokenizer`]: the tail's tokens, each followed by its parts.
pub struct DecompoundStream<T> {
    tail: T,
    /// Parts still to emit; the first is the current token while `serving_part`.
    pending: VecDeque<Token>,
    serving_part: bool,
}

impl<T: TokenStream> TokenStream for DecompoundStream<T> {
    fn advance(&mut self) -> bool {
        if self.serving_part {
            self.pending.pop_front();
        }
        if !self.pending.is_empty() {
            self.serving_part = true;
            return true;
        }
        self.serving_part = false;
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token();
        let pending = &mut self.pending;
        for_each_part(&token.text, |part| {
            pending.push_back(Token {
                text: part.to_string(),
                offset_from: token.offset_from,
                offset_to: token.offset_to,
                position: token.position,
                position_length: token.position_length,
            });
        });
        true
    }

    fn token(&self) -> &Token {
        match self.pending.front() {
            Some(part) if self.serving_part => part,
            _ => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.pending.front_mut() {
            Some(part) if self.serving_part => part,
            _ => self.tail.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    fn parts(word: &str) -> Option<Vec<&'static str>> {
        split(word).map(|p| p.into_iter().map(|s| &*s.leak()).collect())
    }

    #[test]
    fn linking_s_is_understood_and_dropped() {
        assert_eq!(
            parts("eenzaamheidsbestrijding"),
            Some(vec!["eenzaamheid", "bestrijding"])
        );
        assert_eq!(parts("welzijnstaken"), Some(vec!["welzijn", "taken"]));
    }

    #[test]
    fn plain_compounds() {
        assert_eq!(parts("zorginnovatie"), Some(vec!["zorg", "innovatie"]));
        assert_eq!(
            parts("kindermishandeling"),
            Some(vec!["kinder", "mishandeling"])
        );
        assert_eq!(parts("jeugdzorg"), Some(vec!["jeugd", "zorg"]));
    }

    #[test]
    fn simple_words_stay_whole() {
        for word in [
            "gemeenten",
            "kinderen",
            "verantwoordelijkheid",
            "participatie",
            "provincie",
        ] {
            assert_eq!(split(word), None, "{word}");
        }
    }
}
