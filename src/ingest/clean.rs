//! The clean-up every extracted text goes through, whatever its format: typographic ligatures
//! and soft hyphens resolved, words broken at line ends re-joined (but a hyphen ellipsis such as
//! "zorg-\nen welzijnstaken" kept), and running heads and feet repeated on every page dropped.

use std::collections::HashMap;

use super::Extracted;

/// Cleans `extracted` in place.
pub fn tidy(extracted: &mut Extracted) {
    if extracted.pages.len() >= 2 {
        let pages = split_pages(&extracted.text, &extracted.pages);
        let pages = drop_running_lines(pages);
        let cleaned: Vec<String> = pages.iter().map(|p| clean_text(p)).collect();
        let mut rebuilt = Extracted::paged(cleaned);
        rebuilt.front_matter = extracted.front_matter.take();
        rebuilt.properties = std::mem::take(&mut extracted.properties);
        rebuilt.warnings = std::mem::take(&mut extracted.warnings);
        *extracted = rebuilt;
    } else {
        extracted.text = clean_text(&extracted.text);
    }
}

fn split_pages<'a>(text: &'a str, starts: &[u32]) -> Vec<&'a str> {
    starts
        .iter()
        .enumerate()
        .map(|(i, start)| {
            let end = starts.get(i + 1).map_or(text.len(), |e| *e as usize);
            &text[*start as usize..end]
        })
        .collect()
}

/// Ligatures, soft hyphens and line-end hyphenation.
pub fn clean_text(text: &str) -> String {
    let needs_work = text.chars().any(|c| {
        matches!(
            c,
            '\u{FB00}'..='\u{FB06}' | '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '-' | '\r'
        )
    });
    if !needs_work {
        return text.to_string();
    }
    let unligated = expand_presentation_forms(text);
    rejoin_broken_words(&unligated)
}

/// `ﬁ` → `fi` and friends; zero-width spaces and stray BOMs out; CRLF → LF.
fn expand_presentation_forms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{200B}' | '\u{FEFF}' | '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Words that may follow a hyphen ellipsis: "zorg- en welzijnstaken", "binnen- of buitenland".
const ELLIPSIS_JOINERS: &[&str] = &["en", "of", "tot", "noch", "als", "dan", "t/m", "en/of"];

/// Re-joins words broken at line ends. A soft hyphen always joins; a hard hyphen at a line end
/// joins when a lower-case word follows ("ge-\nmeenten" → "gemeenten"), is kept when a capital
/// follows ("Noord-\nHolland" → "Noord-Holland"), and stays a hyphen ellipsis before "en", "of"
/// and the like. Soft hyphens inside a line are dropped.
pub fn rejoin_broken_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['-', '\u{00AD}']) {
        let hyphen = rest[pos..].chars().next().unwrap_or('-');
        let before = &rest[..pos];
        let after = &rest[pos + hyphen.len_utf8()..];
        out.push_str(before);
        let after_break = line_break_then_word(after);
        let letter_before = before.chars().next_back().is_some_and(char::is_alphabetic);
        match after_break {
            Some((skipped, next_word)) if letter_before => {
                let next_first = next_word.chars().next().unwrap_or(' ');
                if hyphen == '\u{00AD}' {
                    rest = &after[skipped..];
                } else if ELLIPSIS_JOINERS.contains(&next_word) {
                    out.push_str("- ");
                    rest = &after[skipped..];
                } else if next_first.is_uppercase() || next_first.is_ascii_digit() {
                    out.push('-');
                    rest = &after[skipped..];
                } else {
                    rest = &after[skipped..];
                }
            }
            _ => {
                if hyphen == '-' {
                    out.push('-');
                }
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// When `after` starts with optional spaces, one line break and a word, the bytes up to that word
/// and the word itself.
fn line_break_then_word(after: &str) -> Option<(usize, &str)> {
    let trimmed = after.trim_start_matches([' ', '\t']);
    let newline = trimmed.strip_prefix('\n')?;
    let next = newline.trim_start_matches([' ', '\t']);
    let skipped = after.len() - next.len();
    let word_end = next
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')'))
        .unwrap_or(next.len());
    let word = &next[..word_end];
    word.chars()
        .next()
        .is_some_and(char::is_alphanumeric)
        .then_some((skipped, word))
}

/// How a line looks for the comparison of running heads: digits (page numbers) and spacing
/// ignored.
fn line_shape(line: &str) -> String {
    line.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lines within the first or last two lines of a page that repeat on most pages: running heads
/// and feet ("Provincie Utrecht – Nota jeugdzorg", "Pagina 3 van 12").
const EDGE_LINES: usize = 2;

/// Drops the running heads and feet from every page.
fn drop_running_lines(pages: Vec<&str>) -> Vec<String> {
    let edges = |page: &str| -> Vec<String> {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let head = lines.iter().take(EDGE_LINES);
        let foot = lines
            .iter()
            .rev()
            .take(EDGE_LINES.min(lines.len().saturating_sub(EDGE_LINES)));
        let mut shapes: Vec<String> = head.chain(foot).map(|l| line_shape(l)).collect();
        shapes.sort();
        shapes.dedup();
        shapes
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        for shape in edges(page) {
            *counts.entry(shape).or_default() += 1;
        }
    }
    // Repeated on at least half the pages, and on at least two.
    let needed = pages.len().div_ceil(2).max(2);
    let running: Vec<String> = counts
        .into_iter()
        .filter(|(shape, n)| *n >= needed && !shape.is_empty())
        .map(|(shape, _)| shape)
        .collect();
    if running.is_empty() {
        return pages.into_iter().map(str::to_string).collect();
    }
    pages
        .into_iter()
        .map(|page| drop_edge_lines(page, &running))
        .collect()
}

fn drop_edge_lines(page: &str, running: &[String]) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let content: Vec<usize> = (0..lines.len())
        .filter(|i| !lines[*i].trim().is_empty())
        .collect();
    let mut drop = vec![false; lines.len()];
    let edge = content
        .iter()
        .take(EDGE_LINES)
        .chain(content.iter().rev().take(EDGE_LINES));
    for &i in edge {
        if running.contains(&line_shape(lines[i])) {
            drop[i] = true;
        }
    }
    lines
        .iter()
        .zip(drop)
        .filter(|(_, dropped)| !dropped)
        .map(|(line, _)| *line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_broken_at_line_ends_are_rejoined() {
        assert_eq!(rejoin_broken_words("alle ge-\nmeenten"), "alle gemeenten");
        assert_eq!(
            rejoin_broken_words("alle ge- \n  meenten."),
            "alle gemeenten."
        );
        assert_eq!(
            rejoin_broken_words("alle ge\u{AD}\nmeenten"),
            "alle gemeenten"
        );
        assert_eq!(rejoin_broken_words("ge\u{AD}meen\u{AD}ten"), "gemeenten");
    }

    #[test]
    fn hyphen_ellipsis_and_names_keep_their_hyphen() {
        assert_eq!(
            rejoin_broken_words("zorg-\nen welzijnstaken"),
            "zorg- en welzijnstaken"
        );
        assert_eq!(
            rejoin_broken_words("binnen-\nof buitenland"),
            "binnen- of buitenland"
        );
        assert_eq!(rejoin_broken_words("Noord-\nHolland"), "Noord-Holland");
        assert_eq!(
            rejoin_broken_words("wet- en regelgeving"),
            "wet- en regelgeving"
        );
        assert_eq!(
            rejoin_broken_words("2019-2023 en -\nnieuw"),
            "2019-2023 en -\nnieuw"
        );
        assert_eq!(rejoin_broken_words("lijst:\n- punt"), "lijst:\n- punt");
    }

    #[test]
    fn ligatures_are_expanded() {
        assert_eq!(
            clean_text("de ﬁnanciële ﬂexibiliteit"),
            "de financiële flexibiliteit"
        );
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped() {
        let pages = vec![
            "Provincie Utrecht – Nota jeugdzorg\nEerste bladzijde tekst.\nPagina 1".to_string(),
            "Provincie Utrecht – Nota jeugdzorg\nTweede bladzijde.\nPagina 2".to_string(),
            "Provincie Utrecht – Nota jeugdzorg\nDerde.\nMeer tekst.\nPagina 3".to_string(),
        ];
        let mut extracted = Extracted::paged(pages);
        tidy(&mut extracted);
        assert_eq!(
            extracted.text,
            "Eerste bladzijde tekst.\n\nTweede bladzijde.\n\nDerde.\nMeer tekst."
        );
        assert_eq!(extracted.pages.len(), 3);
        let third = extracted.pages[2] as usize;
        assert!(extracted.text[third..].starts_with("Derde"));
    }

    #[test]
    fn a_line_on_one_page_only_stays() {
        let mut extracted = Extracted::paged(vec![
            "Inleiding\nTekst een.".into(),
            "Slot\nTekst twee.".into(),
        ]);
        tidy(&mut extracted);
        assert_eq!(extracted.text, "Inleiding\nTekst een.\n\nSlot\nTekst twee.");
    }
}
