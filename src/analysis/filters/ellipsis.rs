//! Hyphens: the ellipsis (weglatingsstreepje) and hyphenated compounds.
//!
//! * `zorg- en welzijnstaken` also yields `zorgtaken` (the modifier joined to the head of the
//!   compound after `en`, `of`, `&` or a comma);
//! * `(arbeids-)participatie` also yields `arbeidsparticipatie`;
//! * `beleidsvoorbereiding en -uitvoering` also yields `beleidsuitvoering` (the modifier of the
//!   compound before joined to the word after the hyphen);
//! * `sociaal-economische` also yields `sociaaleconomische`.
//!
//! The new word is emitted right after the token it extends, at the same position, in the case
//! the text has (filters after it lowercase it). The filter reads the text between tokens, so it
//! must come before any filter that drops tokens.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::decompound::split;
use crate::analysis::packed::Tokens;

/// Words that join the two halves of an ellipsis.
const JOINERS: &[&str] = &["en", "of", "&", "tot", "noch"];

/// Whether `word` is one of the [`JOINERS`], in any case.
fn is_joiner(word: &str) -> bool {
    JOINERS.iter().any(|j| j.eq_ignore_ascii_case(word))
}

/// What lies between tokens `a` and `b` decides the rule.
fn gap<'t>(text: &'t str, tokens: &Tokens, a: usize, b: usize) -> &'t str {
    text.get(tokens.offsets(a).1..tokens.offsets(b).0)
        .unwrap_or("")
}

/// The modifier of a compound as written (linking morpheme kept): `beleidsvoorbereiding` →
/// `beleids`.
fn modifier(word: &str) -> Option<String> {
    let parts = split(&word.to_lowercase())?;
    let head_len = word.len() - parts.last()?.len();
    Some(word[..head_len].to_string())
}

/// The extra words the hyphens around `tokens` imply, as (index of the token, word), in the
/// order of the tokens (the words one token adds in the order found).
pub fn expansions(text: &str, tokens: &Tokens) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    if !text.contains('-') {
        return out;
    }
    for i in 0..tokens.len() {
        let t = tokens.term(i);
        let after = text.get(tokens.offsets(i).1..).unwrap_or("");
        // "zorg- en welzijnstaken": X- JOINER Y
        if after.starts_with('-') && !after.starts_with("--") {
            let rest = after[1..].trim_start();
            if rest.len() < after.len() - 1 || rest.starts_with(',') {
                let joiner_ok = |j: usize| j < tokens.len() && is_joiner(tokens.term(j));
                let target = if rest.starts_with(',') || rest.starts_with('&') {
                    Some(i + 1)
                } else if joiner_ok(i + 1) {
                    Some(i + 2)
                } else {
                    None
                };
                if let Some(y) = target.filter(|&j| j < tokens.len()).map(|j| tokens.term(j)) {
                    if let Some(parts) = split(&y.to_lowercase()) {
                        if let Some(last) = parts.last() {
                            out.push((i, format!("{t}{last}")));
                        }
                    }
                }
            }
        }
        if i + 1 < tokens.len() {
            let next = tokens.term(i + 1);
            let between = gap(text, tokens, i, i + 1);
            // "(arbeids-)participatie"
            if between == "-)" {
                out.push((i + 1, format!("{t}{next}")));
            }
            // "sociaal-economische"
            if between == "-" {
                out.push((i + 1, format!("{t}{next}")));
            }
            // "beleidsvoorbereiding en -uitvoering"
            if between.ends_with(" -") && i > 0 && is_joiner(t) {
                if let Some(m) = modifier(tokens.term(i - 1)) {
                    out.push((i + 1, format!("{m}{next}")));
                }
            }
        }
    }
    // Stable: the words one token adds keep their order.
    out.sort_by_key(|(i, _)| *i);
    out
}

/// Adds the words hyphens imply; see the module doc.
#[derive(Clone, Copy)]
pub struct EllipsisFilter;

impl TokenFilter for EllipsisFilter {
    type Tokenizer<T: Tokenizer> = EllipsisTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EllipsisTokenizer<T> {
        EllipsisTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`EllipsisFilter`].
#[derive(Clone)]
pub struct EllipsisTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EllipsisTokenizer<T> {
    type TokenStream<'a> = EllipsisStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let mut stream = self.inner.token_stream(text);
        if !text.contains('-') {
            // No hyphen, nothing to add: pass the tokens through without buffering them.
            return EllipsisStream::Pass(stream);
        }
        let tokens = Tokens::from_stream(&mut stream, text.len());
        let extra = expansions(text, &tokens);
        EllipsisStream::Buffered(Box::new(Buffered {
            tokens,
            extra,
            next: 0,
            next_extra: 0,
            token: Token::default(),
        }))
    }
}

/// The token stream of [`EllipsisTokenizer`]: the tokens as they come when the text has no
/// hyphen, else all of them with the added words.
pub enum EllipsisStream<S> {
    /// No hyphen in the text.
    Pass(S),
    /// The tokens with the added words.
    Buffered(Box<Buffered>),
}

/// A text's tokens and the words its hyphens add, being replayed.
pub struct Buffered {
    tokens: Tokens,
    /// The added words, by the index of the token they follow, in order.
    extra: Vec<(usize, String)>,
    /// The next token and the next added word.
    next: usize,
    next_extra: usize,
    /// The current token, written out.
    token: Token,
}

impl Buffered {
    fn advance(&mut self) -> bool {
        // The words added after the token just given come first, at its place.
        if let Some((after, word)) = self.extra.get(self.next_extra) {
            if self.next > 0 && *after == self.next - 1 {
                self.token.text.clear();
                self.token.text.push_str(word);
                self.next_extra += 1;
                return true;
            }
        }
        if self.next >= self.tokens.len() {
            return false;
        }
        self.tokens.fill(self.next, &mut self.token);
        self.next += 1;
        true
    }
}

impl<S: TokenStream> TokenStream for EllipsisStream<S> {
    fn advance(&mut self) -> bool {
        match self {
            EllipsisStream::Pass(stream) => stream.advance(),
            EllipsisStream::Buffered(buffered) => buffered.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            EllipsisStream::Pass(stream) => stream.token(),
            EllipsisStream::Buffered(buffered) => &buffered.token,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            EllipsisStream::Pass(stream) => stream.token_mut(),
            EllipsisStream::Buffered(buffered) => &mut buffered.token,
        }
    }
}
