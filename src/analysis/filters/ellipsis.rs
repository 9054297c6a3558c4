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

/// Words that join the two halves of an ellipsis.
const JOINERS: &[&str] = &["en", "of", "&", "tot", "noch"];

/// Whether `word` is one of the [`JOINERS`], in any case.
fn is_joiner(word: &str) -> bool {
    JOINERS.iter().any(|j| j.eq_ignore_ascii_case(word))
}

/// What lies between two tokens decides the rule.
fn gap<'t>(text: &'t str, a: &Token, b: &Token) -> &'t str {
    text.get(a.offset_to..b.offset_from).unwrap_or("")
}

/// The modifier of a compound as written (linking morpheme kept): `beleidsvoorbereiding` →
/// `beleids`.
fn modifier(word: &str) -> Option<String> {
    let parts = split(&word.to_lowercase())?;
    let head_len = word.len() - parts.last()?.len();
    Some(word[..head_len].to_string())
}

/// The extra words the hyphens around `tokens` imply, as (index of the token, word).
pub fn expansions(text: &str, tokens: &[Token]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let after = text.get(t.offset_to..).unwrap_or("");
        // "zorg- en welzijnstaken": X- JOINER Y
        if after.starts_with('-') && !after.starts_with("--") {
            let rest = after[1..].trim_start();
            if rest.len() < after.len() - 1 || rest.starts_with(',') {
                let joiner_ok = |j: usize| tokens.get(j).is_some_and(|w| is_joiner(&w.text));
                let target = if rest.starts_with(',') || rest.starts_with('&') {
                    Some(i + 1)
                } else if joiner_ok(i + 1) {
                    Some(i + 2)
                } else {
                    None
                };
                if let Some(y) = target.and_then(|j| tokens.get(j)) {
                    if let Some(parts) = split(&y.text.to_lowercase()) {
                        if let Some(last) = parts.last() {
                            out.push((i, format!("{}{}", t.text, last)));
                        }
                    }
                }
            }
        }
        if let Some(next) = tokens.get(i + 1) {
            let between = gap(text, t, next);
            // "(arbeids-)participatie"
            if between == "-)" {
                out.push((i + 1, format!("{}{}", t.text, next.text)));
            }
            // "sociaal-economische"
            if between == "-" {
                out.push((i + 1, format!("{}{}", t.text, next.text)));
            }
            // "beleidsvoorbereiding en -uitvoering"
            if between.ends_with(" -") && i > 0 && is_joiner(&t.text) {
                if let Some(m) = modifier(&tokens[i - 1].text) {
                    out.push((i + 1, format!("{m}{}", next.text)));
                }
            }
        }
    }
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
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        let mut extra = expansions(text, &tokens);
        extra.sort_by_key(|(i, _)| *i);
        let mut out = Vec::with_capacity(tokens.len() + extra.len());
        let mut extra = extra.into_iter().peekable();
        for (i, token) in tokens.into_iter().enumerate() {
            let base = token.clone();
            out.push(token);
            while let Some((_, word)) = extra.next_if(|(j, _)| *j == i) {
                out.push(Token {
                    text: word,
                    ..base.clone()
                });
            }
        }
        EllipsisStream::Buffered {
            tokens: out,
            at: None,
        }
    }
}

/// The token stream of [`EllipsisTokenizer`]: the tokens as they come when the text has no
/// hyphen, else all of them with the added words.
pub enum EllipsisStream<S> {
    /// No hyphen in the text.
    Pass(S),
    /// The tokens with the added words, and the current one.
    Buffered {
        /// All tokens.
        tokens: Vec<Token>,
        /// Index of the current token.
        at: Option<usize>,
    },
}

impl<S: TokenStream> TokenStream for EllipsisStream<S> {
    fn advance(&mut self) -> bool {
        match self {
            EllipsisStream::Pass(stream) => stream.advance(),
            EllipsisStream::Buffered { tokens, at } => {
                let next = at.map_or(0, |i| i + 1);
                *at = Some(next);
                next < tokens.len()
            }
        }
    }

    fn token(&self) -> &Token {
        match self {
            EllipsisStream::Pass(stream) => stream.token(),
            EllipsisStream::Buffered { tokens, at } => &tokens[at.unwrap_or(0)],
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            EllipsisStream::Pass(stream) => stream.token_mut(),
            EllipsisStream::Buffered { tokens, at } => &mut tokens[at.unwrap_or(0)],
        }
    }
}
