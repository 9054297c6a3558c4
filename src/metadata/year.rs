//! The year a text was written.
//!
//! Evidence, strongest first:
//! 1. a `datum:` header line with a date, at the top or the end;
//! 2. a full date in the letterhead (the first lines) or the closing (the last lines);
//! 3. an election named with its day and month but no year ("Op 18 maart zijn de Provinciale
//!    Statenverkiezingen gehouden"), looked up in the shipped election dates;
//! 4. the latest full date anywhere in the text;
//! 5. forward references when no date is written: a budget for a year ("programmabegroting 2012")
//!    or something that will happen in a year ("zal in het voorjaar van 2012 …") was written in
//!    the year before.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::gazetteer::Gazetteer;

/// How sure the year is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// From a date header, letterhead or closing date.
    High,
    /// From an election day or a date in the body.
    Medium,
    /// From forward references.
    Low,
}

/// A year with its confidence and the words that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearFinding {
    /// The year the text was written.
    pub year: i32,
    /// How sure.
    pub confidence: Confidence,
    /// The words in the text, and the rule that read them.
    pub evidence: String,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
/// Lines at the start and the end of a text that count as letterhead and closing.
const HEAD_LINES: usize = 12;
const TAIL_LINES: usize = 6;
/// Years outside this range are taken for numbers, not years.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

struct Patterns {
    written_date: Regex,
    numeric_date: Regex,
    iso_date: Regex,
    datum_header: Regex,
    day_month: Regex,
    budget_year: Regex,
    future_year: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let months = MONTHS.join("|");
        Patterns {
            written_date: Regex::new(&format!(r"(?i)(?-u:\b)(\d{{1,2}})\s+({months})\s+(\d{{4}})(?-u:\b)"))
                .expect("static regex"),
            numeric_date: Regex::new(r"(?-u:\b)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?-u:\b)")
                .expect("static regex"),
            iso_date: Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").expect("static regex"),
            datum_header: Regex::new(r"(?im)^[\s*]*datum\s*:\s*(.+)$").expect("static regex"),
            day_month: Regex::new(&format!(r"(?i)(?-u:\b)(\d{{1,2}})\s+({months})(?-u:\b)(\s+\d{{4}})?"))
                .expect("static regex"),
            budget_year: Regex::new(r"(?i)(?-u:\b)(?:programma)?begroting\s+(\d{4})(?-u:\b)")
                .expect("static regex"),
            future_year: Regex::new(
                r"(?i)(?-u:\b)(?:zal|zullen|wordt|worden)(?-u:\b)[^.!?]*?(?-u:\b)(?:voorjaar|najaar|zomer|winter|begin|eind|medio)\s+(?:van\s+)?(\d{4})(?-u:\b)",
            )
            .expect("static regex"),
        }
    })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(|i| i as u32 + 1)
}

/// A date found in text: year and the matched words.
#[derive(Debug, Clone)]
struct FoundDate {
    year: i32,
    month: u32,
    day: u32,
    text: String,
}

fn valid(year: i32, month: u32, day: u32) -> bool {
    YEARS.contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The dates one pattern finds; `read` turns its captures into (year, month, day).
fn dates_by(
    regex: &Regex,
    text: &str,
    read: impl Fn(&regex::Captures) -> Option<(i32, u32, u32)>,
) -> Vec<(usize, FoundDate)> {
    regex
        .captures_iter(text)
        .filter_map(|c| {
            let (year, month, day) = read(&c)?;
            let m = c.get(0)?;
            valid(year, month, day).then(|| {
                let date = FoundDate {
                    year,
                    month,
                    day,
                    text: m.as_str().to_string(),
                };
                (m.start(), date)
            })
        })
        .collect()
}

/// All full dates in `text`, in the order they appear.
fn dates(text: &str) -> Vec<(usize, FoundDate)> {
    let p = patterns();
    let mut found = dates_by(&p.written_date, text, |c| {
        Some((c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?))
    });
    found.extend(dates_by(&p.numeric_date, text, |c| {
        Some((c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?))
    }));
    found.extend(dates_by(&p.iso_date, text, |c| {
        Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
    }));
    found.sort_by_key(|(at, _)| *at);
    found
}

/// Byte offsets where the head ends and the tail starts (by non-empty lines).
fn head_tail_bounds(text: &str) -> (usize, usize) {
    // Start offsets of the non-empty lines, read from the front and from the back only as far as
    // needed: texts can be long.
    let starts = |line: &(usize, &str)| (!line.1.trim().is_empty()).then_some(line.0);
    let forward = text.split_inclusive('\n').scan(0usize, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    });
    let head_end = forward
        .filter_map(|l| starts(&l))
        .nth(HEAD_LINES)
        .unwrap_or(text.len());
    let backward = text
        .split_inclusive('\n')
        .rev()
        .scan(text.len(), |end, line| {
            *end -= line.len();
            Some((*end, line))
        });
    let tail_start = backward
        .filter_map(|l| starts(&l))
        .nth(TAIL_LINES - 1)
        .unwrap_or(0);
    (head_end, tail_start)
}

fn from_datum_header(text: &str) -> Option<YearFinding> {
    let c = patterns().datum_header.captures(text)?;
    let (_, date) = dates(&c[1]).into_iter().next()?;
    Some(YearFinding {
        year: date.year,
        confidence: Confidence::High,
        evidence: format!("date header \"{}\"", c[0].trim()),
    })
}

fn from_letterhead(head: &str) -> Option<YearFinding> {
    let (_, d) = dates(head).into_iter().next()?;
    Some(YearFinding {
        year: d.year,
        confidence: Confidence::High,
        evidence: format!("date at the top \"{}\"", d.text),
    })
}

fn from_closing(tail: &str) -> Option<YearFinding> {
    let (_, d) = dates(tail).into_iter().last()?;
    Some(YearFinding {
        year: d.year,
        confidence: Confidence::High,
        evidence: format!("date at the end \"{}\"", d.text),
    })
}

/// The election kind a sentence names, in the gazetteer's words.
fn election_kind(sentence: &str) -> Option<&'static str> {
    let s = sentence.to_lowercase();
    if !s.contains("verkiezing") {
        return None;
    }
    [
        ("staten", "provinciale_staten"),
        ("gemeenteraad", "gemeenteraad"),
        ("tweede kamer", "tweede_kamer"),
        ("eerste kamer", "eerste_kamer"),
        ("waterschap", "waterschap"),
        ("europe", "europees_parlement"),
    ]
    .into_iter()
    .find(|(cue, _)| s.contains(cue))
    .map(|(_, kind)| kind)
}

/// The sentence around byte `at`.
fn sentence_at(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['.', '!', '?', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = text[at..]
        .find(['.', '!', '?', '\n'])
        .map(|i| at + i)
        .unwrap_or(text.len());
    text[start..end].trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#')
}

fn from_election(text: &str) -> Option<YearFinding> {
    let gazetteer = Gazetteer::get();
    for c in patterns().day_month.captures_iter(text) {
        if c.get(3).is_some() {
            continue; // a full date, not an event without a year
        }
        let (Ok(day), Some(month)) = (c[1].parse::<u32>(), month_number(&c[2])) else {
            continue;
        };
        let at = c.get(0).expect("group 0 always matches").start();
        let sentence = sentence_at(text, at);
        let Some(kind) = election_kind(sentence) else {
            continue;
        };
        if let Some(e) = gazetteer
            .elections
            .iter()
            .find(|e| e.kind == kind && e.date.1 == month && e.date.2 == day)
        {
            return Some(YearFinding {
                year: e.date.0,
                confidence: Confidence::Medium,
                evidence: format!(
                    "\"{sentence}\": {} election of {}-{:02}-{:02}",
                    kind.replace('_', " "),
                    e.date.0,
                    e.date.1,
                    e.date.2
                ),
            });
        }
    }
    None
}

fn from_latest_date(all: &[(usize, FoundDate)]) -> Option<YearFinding> {
    let (_, d) = all.iter().max_by_key(|(_, d)| (d.year, d.month, d.day))?;
    Some(YearFinding {
        year: d.year,
        confidence: Confidence::Medium,
        evidence: format!("latest date in the text \"{}\"", d.text),
    })
}

fn from_forward_references(text: &str) -> Option<YearFinding> {
    let p = patterns();
    let mut refs: Vec<(i32, String)> = Vec::new();
    for c in p.budget_year.captures_iter(text) {
        if let Ok(y) = c[1].parse::<i32>() {
            refs.push((y - 1, c[0].to_string()));
        }
    }
    for c in p.future_year.captures_iter(text) {
        if let Ok(y) = c[1].parse::<i32>() {
            refs.push((y - 1, c[0].to_string()));
        }
    }
    refs.retain(|(y, _)| YEARS.contains(y));
    let year = refs.iter().map(|(y, _)| *y).min()?;
    let cues: Vec<String> = refs
        .iter()
        .filter(|(y, _)| *y == year)
        .map(|(_, cue)| format!("\"{cue}\""))
        .collect();
    Some(YearFinding {
        year,
        confidence: Confidence::Low,
        evidence: format!("written the year before {}", cues.join(", ")),
    })
}

/// The year `text` was written, if the text says.
pub fn detect(text: &str) -> Option<YearFinding> {
    let (head_end, tail_start) = head_tail_bounds(text);
    let head = &text[..head_end];
    let tail = &text[tail_start.max(head_end)..];
    // The head and the tail are read first: most texts are dated there, and they are short.
    from_datum_header(head)
        .or_else(|| from_datum_header(tail))
        .or_else(|| from_letterhead(head))
        .or_else(|| from_closing(tail))
        .or_else(|| from_election(text))
        .or_else(|| from_latest_date(&dates(text)))
        .or_else(|| from_forward_references(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> Option<i32> {
        detect(text).map(|f| f.year)
    }

    #[test]
    fn datum_header_wins_over_dates_in_the_body() {
        let text = "aan: GS\nvan: Alleato\ndatum: 11 januari 2010\nbetreft: iets\n\
                    Op 3 maart 2008 besloot de raad.";
        assert_eq!(year(text), Some(2010));
        assert_eq!(detect(text).map(|f| f.confidence), Some(Confidence::High));
    }

    #[test]
    fn date_in_the_title_line() {
        assert_eq!(
            year("Platform Sociaal Domein 8 oktober 2020\n\nTekst."),
            Some(2020)
        );
    }

    #[test]
    fn numeric_and_iso_dates() {
        assert_eq!(year("Zwolle, 3-11-2019\nGeachte heer,"), Some(2019));
        assert_eq!(year("Datum: 2021-06-30"), Some(2021));
        assert_eq!(year("versie 31-13-2019"), None);
    }

    #[test]
    fn election_day_without_year() {
        let text = "Op 18 maart zijn de Provinciale Statenverkiezingen gehouden.";
        assert_eq!(year(text), Some(2015));
    }

    #[test]
    fn budget_and_future_references_date_the_year_before() {
        let text = "Dit sluit aan bij de programmabegroting 2012. \
                    Deze zal in het voorjaar van 2012 aan u worden voorgelegd.";
        let found = detect(text).expect("a year");
        assert_eq!(found.year, 2011);
        assert_eq!(found.confidence, Confidence::Low);
    }

    #[test]
    fn plain_numbers_are_no_year() {
        assert_eq!(year("Er zijn 25 gemeenten en 1500 inwoners."), None);
    }
}
