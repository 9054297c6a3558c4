//! Snippets: the passage of a hit where the query's words are densest, with the matched words
//! marked, whitespace collapsed so it prints on one line.

use std::ops::Range;

use aho_corasick::AhoCorasick;
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

/// Bodies longer than this are not analysed whole for a snippet: only the window where the
/// query's terms are densest is.
const WHOLE_BODY: usize = 16 * 1024;
/// The window analysed in a long body, in bytes.
const WINDOW: usize = 4 * 1024;

/// Makes snippets for one query.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
    /// The query's terms in `field` (stems and parts), to find the densest window of a long body
    /// without analysing all of it.
    needles: Option<AhoCorasick>,
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
        let mut terms: Vec<String> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                if let Some(text) = term.value().as_str() {
                    if text.len() >= 3 {
                        terms.push(text.to_string());
                    }
                }
            }
        });
        let needles = (!terms.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&terms)
                    .ok()
            })
            .flatten();
        Snippets { generator, needles }
    }

    /// The snippet of `body`; its opening words when no query word is in it.
    pub fn of(&self, body: &str) -> Snippet {
        if let Some(generator) = &self.generator {
            let (start, window) = self.window(body);
            let snippet = generator.snippet(window);
            if !snippet.highlighted().is_empty() {
                let mut out = compact(snippet.fragment(), snippet.highlighted());
                // The fragment is a slice of the window; its first occurrence is where it came from.
                out.offset = window.find(snippet.fragment()).map(|at| start + at);
                return out;
            }
        }
        opening(body)
    }

    /// The part of `body` to analyse: all of a short body; of a long one, the [`WINDOW`] bytes
    /// around where the query's stems occur most (stems are prefixes of the words in the text,
    /// mostly; when none occurs, the whole body).
    fn window<'a>(&self, body: &'a str) -> (usize, &'a str) {
        let Some(needles) = &self.needles else {
            return (0, body);
        };
        if body.len() <= WHOLE_BODY {
            return (0, body);
        }
        let buckets = body.len() / (WINDOW / 2) + 1;
        let mut counts = vec![0u32; buckets];
        for found in needles.find_iter(body) {
            counts[found.start() / (WINDOW / 2)] += 1;
        }
        let best = (0..buckets)
            .max_by_key(|&i| {
                (
                    counts[i] + counts.get(i + 1).copied().unwrap_or(0),
                    std::cmp::Reverse(i),
                )
            })
            .unwrap_or(0);
        if counts[best] + counts.get(best + 1).copied().unwrap_or(0) == 0 {
            return (0, body);
        }
        let mut start = (best * (WINDOW / 2)).saturating_sub(WINDOW / 4);
        while !body.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + WINDOW).min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        (start, &body[start..end])
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
