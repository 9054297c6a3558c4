//! Snippets: the passage of a hit where the query's words are densest, with the matched words
//! marked, whitespace collapsed so it prints on one line.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use memchr::memmem::Finder;
use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
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

/// The part of a body analysed for its snippet, in bytes: a longer body is not analysed whole,
/// only the window where the query's terms are densest (three times the longest snippet leaves the
/// snippet generator room to choose).
const WINDOW: usize = 640;

/// Makes snippets for one query.
pub struct Snippets {
    generator: SnippetGenerator,
    /// The query's terms in `field` (stems, parts) and the words as typed, to find the densest
    /// window of a long body without analysing all of it; `None` when there are none.
    needles: Option<Vec<Finder<'static>>>,
}

impl Snippets {
    /// Prepares snippets of `field` for `query`, read with `analyzer` (the open index's
    /// [`snippet_analyzer`](crate::index::NotaIndex::snippet_analyzer)); the query's terms in
    /// `field` and `words` (the query's words as typed, lowercase) locate the passage in a long
    /// body.
    pub fn new(
        searcher: &Searcher,
        analyzer: &TextAnalyzer,
        query: &dyn Query,
        field: Field,
        words: &[String],
    ) -> Snippets {
        Snippets::weighted(analyzer, term_weights(searcher, query, field), field, words)
    }

    /// Prepares snippets of `field` marking the terms of `weights` (a term, and what a passage
    /// with it is worth), read with `analyzer`; the terms and `words` (the query's words as
    /// typed, lowercase) locate the passage in a long body. For texts that are not in a local
    /// index (an index on a cluster).
    pub fn weighted(
        analyzer: &TextAnalyzer,
        weights: BTreeMap<String, f32>,
        field: Field,
        words: &[String],
    ) -> Snippets {
        // Stems are not always in the text as written (`eenzaamheid` stems to `eenzam`), the
        // words as typed mostly are.
        let mut terms: Vec<String> = words.to_vec();
        terms.extend(weights.keys().cloned());
        let generator = SnippetGenerator::new(weights, analyzer.clone(), field, MAX_CHARS);
        // Each term as written in running text and at the start of a sentence, each searched on
        // its own with SIMD (memchr's memmem): an Aho-Corasick automaton over the same words
        // scanned a byte at a time, and took a third of a search's time on long bodies.
        terms.sort();
        terms.dedup();
        let needles: Vec<Finder<'static>> = terms
            .iter()
            .flat_map(|t| [t.clone(), capitalized(t)])
            .map(|p| Finder::new(p.as_bytes()).into_owned())
            .collect();
        let needles = (!needles.is_empty()).then_some(needles);
        Snippets { generator, needles }
    }

    /// The snippet of `body`; its opening words when no query word is in it.
    pub fn of(&self, body: &str) -> Snippet {
        // No query word in this field (filters only, or a title search): nothing to mark.
        let Some(needles) = &self.needles else {
            return opening(body);
        };
        let (start, window) = window(needles, body);
        let snippet = self.generator.snippet(window);
        if snippet.highlighted().is_empty() {
            return opening(body);
        }
        // The fragment is a slice of the window; its first occurrence is where it came from.
        let Some(at) = window.find(snippet.fragment()).map(|at| start + at) else {
            return compact(snippet.fragment(), snippet.highlighted());
        };
        let marks = snippet.highlighted();
        let first_mark = at + marks.first().map_or(0, |r| r.start);
        let (from, cut_before) = sentence_start(body, at, first_mark);
        let end = at + snippet.fragment().len();
        let shifted: Vec<Range<usize>> = marks
            .iter()
            .filter(|r| at + r.start >= from)
            .map(|r| at + r.start - from..at + r.end - from)
            .collect();
        let mut out = compact(&body[from..end], &shifted);
        if cut_before {
            out = prefixed("… ", out);
        }
        let ends_sentence = out.text.ends_with(['.', '!', '?', ';']);
        if end < body.trim_end().len() && !ends_sentence {
            out.text.push_str(" …");
        }
        out.offset = Some(from);
        out
    }
}

/// The query's terms in `field` that occur in the index, each weighted as tantivy's
/// `SnippetGenerator::create` weighs them (the rarer, the more a passage with it is worth).
fn term_weights(searcher: &Searcher, query: &dyn Query, field: Field) -> BTreeMap<String, f32> {
    let mut terms = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    terms
        .into_iter()
        .filter_map(|term| {
            let text = term.value().as_str()?.to_string();
            let docs = searcher.doc_freq(&term).ok().filter(|&n| n > 0)?;
            Some((text, 1.0 / (1.0 + docs as f32)))
        })
        .collect()
}

/// The part of `body` to analyse: all of a short body; of a long one, the [`WINDOW`] bytes
/// around where the query's terms (`needles`: stems and exact words) occur most; when none
/// occurs, as when the title matched, all of a body up to [`WHOLE_SHORT_BODY`], else its opening.
fn window<'a>(needles: &[Finder<'static>], body: &'a str) -> (usize, &'a str) {
    if body.len() <= WINDOW {
        return (0, body);
    }
    // A long body's opening is searched first; when a query term occurs there, the passage
    // is taken from it and the rest of the body is not read (a law of megabytes mostly is
    // not; a denser passage further on is then not seen: the price of a p99 under 5 ms).
    let head = &body[..crate::metadata::floor_boundary(body, FIRST_SCAN)];
    let mut hits = hits_in(needles, head);
    let (mut first, mut most) = densest_run(&hits);
    if hits.is_empty() && head.len() < body.len() {
        hits = hits_in(needles, body);
        (first, most) = densest_run(&hits);
    }
    if hits.is_empty() && body.len() <= WHOLE_SHORT_BODY {
        // No term as written (a stem that reads otherwise): a short body is analysed whole.
        return (0, body);
    }
    // Centred on that run; the opening when no term occurs.
    let mut start = match hits.get(first) {
        Some(&from) => {
            let span = hits[first + most - 1] - from;
            from.saturating_sub((WINDOW - span) / 2)
        }
        None => 0,
    };
    start = crate::metadata::floor_boundary(body, start);
    let mut end = (start + WINDOW).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    // Whole words only: the window starts after a space and ends before one.
    if start > 0 {
        let space = body[start..end]
            .char_indices()
            .find(|(_, c)| c.is_whitespace());
        if let Some((at, c)) = space {
            start += at + c.len_utf8();
        }
    }
    if end < body.len() {
        if let Some(space) = body[start..end].rfind(char::is_whitespace) {
            end = start + space;
        }
    }
    (start, &body[start..end])
}

/// Bodies up to this length are analysed whole when no query term is found in them as written.
const WHOLE_SHORT_BODY: usize = 16 * 1024;

/// Bytes of a long body searched before the rest (see [`window`]).
const FIRST_SCAN: usize = 64 * 1024;

/// Where the needles occur in `text`, as byte offsets, in order.
fn hits_in(needles: &[Finder<'static>], text: &str) -> Vec<usize> {
    let mut hits: Vec<usize> = needles
        .iter()
        .flat_map(|needle| needle.find_iter(text.as_bytes()))
        .collect();
    hits.sort_unstable();
    hits
}

/// The run of `hits` with the most that fits in one window, as (first index, how many).
fn densest_run(hits: &[usize]) -> (usize, usize) {
    let (mut first, mut most, mut lo) = (0, 0, 0);
    for hi in 0..hits.len() {
        while hits[hi] - hits[lo] > WINDOW - MAX_CHARS {
            lo += 1;
        }
        if hi + 1 - lo > most {
            (first, most) = (lo, hi + 1 - lo);
        }
    }
    (first, most)
}

/// The words of a query as typed, lowercase, for locating the passage: operators, exclusions
/// and field names left out, phrases split into their words.
pub fn words_of(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|w| !w.starts_with('-') && !matches!(*w, "AND" | "OR" | "NOT"))
        .map(|w| w.split_once(':').map_or(w, |(_, rest)| rest))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// `word` with its first letter upper case.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

/// Bytes a snippet may reach back before its passage to start at the start of a sentence.
const REACH_BACK: usize = 80;

/// Where a snippet whose passage starts at `at` (and marks its first word at `first_mark`) best
/// starts: `at` itself at the start of the text or of a sentence; else the start of the sentence
/// when it lies at most [`REACH_BACK`] bytes before; else after the last sentence or clause
/// boundary before the first marked word; else `at`, cut mid-sentence (`true`).
fn sentence_start(body: &str, at: usize, first_mark: usize) -> (usize, bool) {
    let before = body[..at].trim_end_matches([' ', '\t']);
    if before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '\n']) {
        return (at, false);
    }
    let back = crate::metadata::ceil_boundary(body, at.saturating_sub(REACH_BACK));
    let ends = [". ", "! ", "? ", ": ", "; ", "\n"];
    if let Some(i) = ends
        .iter()
        .filter_map(|e| body[back..at].rfind(e).map(|i| i + e.len()))
        .max()
    {
        return (back + i, false);
    }
    let ahead = &body[at..first_mark.max(at)];
    let clauses = [". ", "! ", "? ", ": ", "; ", ", ", " – "];
    match clauses
        .iter()
        .filter_map(|c| ahead.rfind(c).map(|i| i + c.len()))
        .max()
    {
        Some(i) => (at + i, false),
        None => (at, true),
    }
}

/// `snippet` with `prefix` before its text, its marks moved along.
fn prefixed(prefix: &str, snippet: Snippet) -> Snippet {
    let shift = prefix.len();
    Snippet {
        text: format!("{prefix}{}", snippet.text),
        highlights: snippet
            .highlights
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect(),
        offset: snippet.offset,
    }
}

/// Collapses runs of whitespace (and Markdown's `*` and heading `#`s) to single spaces, moving the
/// highlights along.
pub fn compact(fragment: &str, highlights: &[Range<usize>]) -> Snippet {
    let mut text = String::with_capacity(fragment.len());
    let mut map = vec![0usize; fragment.len() + 1];
    let mut pending_space = false;
    let mut line_start = true;
    for (i, c) in fragment.char_indices() {
        map[i] = text.len();
        // Markdown's emphasis, and a heading's #s at the start of a line.
        if c.is_whitespace() || c == '*' || (c == '#' && line_start) {
            pending_space = !text.is_empty();
            line_start = line_start || c == '\n';
            continue;
        }
        line_start = false;
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
        let heading = compact("# Mantelzorg\n\n## Wat we doen, nr. #3", &[]);
        assert_eq!(heading.text, "Mantelzorg Wat we doen, nr. #3");
        let marked = marked(&s);
        assert_eq!(marked, ["zorg", "ouderen"]);
    }

    #[test]
    fn a_snippet_starts_at_a_sentence_or_clause() {
        let filler = "Het college heeft vele plannen. ".repeat(30);
        let body = format!(
            "{filler}De provincie Flevoland werkt samen met gemeenten aan de aanpak van \
             eenzaamheid onder ouderen in kleine kernen, en zij steunt vrijwilligers. {filler}"
        );
        let s = snippet_of("eenzaamheid", &body);
        let from = s.offset.expect("an offset");
        assert!(body[..from].trim_end().ends_with('.'), "{}", s.text);
        assert!(s.text.starts_with(char::is_uppercase), "{}", s.text);
        assert_eq!(marked(&s), ["eenzaamheid"]);
        let run_on = format!("{} eenzaamheid onder ouderen", "woord ".repeat(200));
        let s = snippet_of("eenzaamheid", &run_on);
        assert!(s.text.starts_with("… "), "{}", s.text);
        assert_eq!(marked(&s), ["eenzaamheid"]);
    }

    /// The marked words of a snippet.
    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    /// The snippet of `body` for `query`, from a one-document index in memory.
    fn snippet_of(query: &str, body: &str) -> Snippet {
        use tantivy::doc;
        let schema = crate::index::schema::schema();
        let fields = crate::index::Fields::of(&schema).unwrap();
        let index = tantivy::Index::create_in_ram(schema);
        let handoff = crate::index::handoff::Handoff::new();
        crate::index::handoff::register(index.tokenizers(), &handoff);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer.add_document(doc!(fields.body => body)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let known = |_: &str| false;
        let expander = crate::search::expand::Expander {
            signals: Default::default(),
            known: &known,
        };
        let words = words_of(query);
        let query = crate::search::query::text_query(
            &index,
            &fields,
            &crate::analysis::dutch::query_analyzers(),
            query,
            &expander,
        )
        .unwrap();
        let analyzer = crate::analysis::dutch::snippet_analyzer();
        Snippets::new(
            &searcher,
            &analyzer,
            query.all.as_ref(),
            fields.body,
            &words,
        )
        .of(body)
    }

    #[test]
    fn a_long_body_gives_the_passage_where_the_words_are() {
        // Past the first FIRST_SCAN bytes, so the whole body is searched.
        let filler = "Dit artikel regelt de termijnen van bezwaar en beroep. ".repeat(1500);
        let body = format!(
            "{filler}De provincie steunt mantelzorgers met respijtzorg voor mantelzorgers. {filler}"
        );
        assert!(filler.len() > FIRST_SCAN);
        let s = snippet_of("mantelzorgers", &body);
        let marked = marked(&s);
        assert_eq!(marked, ["mantelzorgers", "mantelzorgers"], "{}", s.text);
        let at = s.offset.expect("the passage's place in the body");
        assert!(body[at..].starts_with(s.text.split(' ').next().unwrap()));
        assert!(
            body[..at].ends_with(' '),
            "the passage starts with a whole word"
        );
        assert!(
            at > filler.len() - MAX_CHARS,
            "from the middle, not the opening"
        );
    }

    #[test]
    fn a_passage_in_the_opening_is_taken_without_reading_on() {
        let filler = "Dit artikel regelt de termijnen van bezwaar en beroep. ".repeat(1500);
        let body = format!(
            "Inleiding. Mantelzorg voor ouderen. {filler}\
             Mantelzorg, mantelzorg en nog eens mantelzorg voor ouderen en ouderen. {filler}"
        );
        let s = snippet_of("mantelzorg ouderen", &body);
        let at = s.offset.expect("the passage's place in the body");
        assert!(at < FIRST_SCAN, "taken from the opening 64 kB: {at}");
        let marked = marked(&s);
        assert!(
            marked.contains(&"Mantelzorg") && marked.contains(&"ouderen"),
            "{marked:?}"
        );
    }

    #[test]
    fn a_window_may_start_at_any_kind_of_space() {
        // Non-breaking and other multi-byte spaces around the window's edges.
        for space in ['\u{a0}', '\u{2009}', '\u{3000}'] {
            let filler = format!("Bezwaar{space}en beroep binnen{space}zes weken. ").repeat(200);
            let body = format!("{filler}De mantelzorgers{space}krijgen steun. {filler}");
            let s = snippet_of("mantelzorgers", &body);
            assert!(s.text.contains("mantelzorgers"), "{}", s.text);
        }
    }

    #[test]
    fn a_word_whose_stem_reads_otherwise_is_marked() {
        // `eenzaamheid` stems to `eenzam`, which is not in the text as written.
        let filler = "Dit artikel regelt de termijnen van bezwaar en beroep. ".repeat(30);
        let body = format!("{filler}Het gaat om ouderen, eenzaamheid en vrijwilligers. {filler}");
        let s = snippet_of("eenzaamheid", &body);
        let marked = marked(&s);
        assert_eq!(marked, ["eenzaamheid"], "{}", s.text);
    }

    #[test]
    fn a_capitalised_word_is_found_in_a_long_body() {
        let filler = "Dit artikel regelt de termijnen van bezwaar en beroep. ".repeat(400);
        let body = format!("{filler}Mantelzorgers krijgen steun. {filler}");
        let s = snippet_of("mantelzorgers", &body);
        let marked = marked(&s);
        assert_eq!(marked, ["Mantelzorgers"], "{}", s.text);
    }

    #[test]
    fn a_long_body_without_the_words_gives_its_opening() {
        let body = format!(
            "Opening van de tekst. {}",
            "Bezwaar en beroep. ".repeat(2000)
        );
        let s = snippet_of("mantelzorgers", &body);
        assert!(s.text.starts_with("Opening van de tekst."), "{}", s.text);
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn opening_is_cut_with_an_ellipsis() {
        let body = "woord ".repeat(100);
        let s = opening(&body);
        assert!(s.text.ends_with('…'));
        assert!(s.text.chars().count() <= MAX_CHARS + 1);
    }
}
