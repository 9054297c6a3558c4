//! Snippets: the passage of a hit where the query's words are densest, with the matched words
//! marked, whitespace collapsed so it prints on one line.

use std::ops::Range;

use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

/// Longest snippet, in characters.
const MAX_CHARS: usize = 220;

/// A passage and the byte ranges of the matched words in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Snippet {
    /// The passage, on one line.
    pub text: String,
    /// Byte ranges in `text` of the matched words.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
    /// Where the passage starts in the body, in bytes (to find its page).
    #[serde(skip)]
    pub offset: Option<usize>,
}

/// Makes snippets for one query.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
}

impl Snippets {
    /// Prepares snippets of `field` for `query`.
    pub fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> Snippets {
        let generator = SnippetGenerator::create(searcher, query, field)
            .ok()
            .map(|mut g| {
                g.set_max_num_chars(MAX_CHARS);
                g
            });
        Snippets { generator }
    }

    /// The snippet of `body`; its opening words when no query word is in it.
    pub fn of(&self, body: &str) -> Snippet {
        if let Some(generator) = &self.generator {
            let snippet = generator.snippet(body);
            if !snippet.highlighted().is_empty() {
                let mut out = compact(snippet.fragment(), snippet.highlighted());
                // The fragment is a slice of the body; its first occurrence is where it came from.
                out.offset = body.find(snippet.fragment());
                return out;
            }
        }
        opening(body)
    }
}

/// The first words of `body`, up to [`MAX_CHARS`].
fn opening(body: &str) -> Snippet {
    let end = body
        .char_indices()
        .nth(MAX_CHARS)
        .map(|(i, _)| i)
        .unwrap_or(body.len());
    let mut snippet = compact(&body[..end], &[]);
    snippet.offset = Some(0);
    if end < body.len() {
        snippet.text.push('…');
    }
    snippet
}

/// Collapses runs of whitespace (and Markdown `*`) to single spaces, moving the highlights along.
pub fn compact(fragment: &str, highlights: &[Range<usize>]) -> Snippet {
    let mut text = String::with_capacity(fragment.len());
    let mut map = vec![0usize; fragment.len() + 1];
    let mut pending_space = false;
    for (i, c) in fragment.char_indices() {
        map[i] = text.len();
        if c.is_whitespace() || c == '*' {
            pending_space = !text.is_empty();
            continue;
        }
        if pending_space {
            text.push(' ');
            map[i] = text.len();
            pending_space = false;
        }
        text.push(c);
    }
    map[fragment.len()] = text.len();
    let highlights = highlights
        .iter()
        .filter(|r| r.end <= fragment.len())
        .map(|r| map[r.start]..map[r.end].max(map[r.start]))
        .filter(|r| !r.is_empty())
        .collect();
    Snippet {
        text,
        highlights,
        offset: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_moves_highlights_with_the_text() {
        let fragment = "de  **zorg**\n\nvoor ouderen";
        let zorg = 6..10;
        let ouderen = fragment.find("ouderen").unwrap();
        let s = compact(fragment, &[zorg, ouderen..ouderen + 7]);
        assert_eq!(s.text, "de zorg voor ouderen");
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["zorg", "ouderen"]);
    }

    #[test]
    fn opening_is_cut_with_an_ellipsis() {
        let body = "woord ".repeat(100);
        let s = opening(&body);
        assert!(s.text.ends_with('…'));
        assert!(s.text.chars().count() <= MAX_CHARS + 1);
    }
}
