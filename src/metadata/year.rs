//! The year a text was written.
//!
//! Every full date in the text is read in its context first ([`DateKind`]): a deadline or a
//! period ("uiterlijk 1 januari 2025", "tot en met 31-12-2025", "looptijd"), a validity date
//! ("treedt in werking op", "geldig tot", "met ingang van"), the date of a cited decision or
//! letter ("bij besluit van", "uw brief van", "d.d."), a date in a sentence about what is still to
//! come ("zal", "gepland") say nothing of when the text was written, and are passed over. A date
//! that says it is the writing date ("Zwolle, 1 juli 2023", "Datum: …", "Vastgesteld in de
//! vergadering van …", "Verzonden: …") is one.
//!
//! Evidence, strongest first:
//! 1. a writing date (a `datum:` header, a place-and-date line, a signature's or an adoption's
//!    date) at the top, the text's first line's date, a writing date at the end;
//! 2. a full date in the letterhead (the first lines) or the closing (the last lines);
//!    then, reading the whole text, a writing date anywhere;
//! 3. an election named with its day and month but no year ("Op 18 maart zijn de Provinciale
//!    Statenverkiezingen gehouden"), looked up in the shipped election dates;
//! 4. the latest full date anywhere in the text, unless it stands years after every other one
//!    (then it is suspect, and the latest of the others is taken);
//! 5. forward references when no date is written: a budget for a year ("programmabegroting 2012")
//!    or something that will happen in a year ("zal in het voorjaar van 2012 …") was written in
//!    the year before.
//!
//! Without a date in the text, the document's own properties give a low-confidence year
//! ([`super::hints`]).

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

/// What a date's context says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateKind {
    /// The date the text was written, signed or adopted, and why.
    Written(&'static str),
    /// Not when the text was written: a deadline, a period, a validity date, a cited document's
    /// date, something still to come; and which.
    Other(&'static str),
    /// A date without telling words around it.
    Plain,
}

/// The words around dates that tell what they are.
struct Context {
    /// "uiterlijk", "tot en met", "looptijd", … right before the date.
    deadline: Regex,
    /// "in werking", "van kracht" right after the date ("treedt op 1 januari 2017 in werking").
    validity_after: Regex,
    /// A date that starts a period: "1 januari 2024 tot en met …".
    period_start: Regex,
    /// "treedt in werking", "geldig tot", "met ingang van", … before the date.
    validity: Regex,
    /// "bij besluit van", "uw brief van", "d.d.", … right before the date.
    cited: Regex,
    /// "op" right before a date: an event, which is earlier when its sentence is in the past.
    earlier: Regex,
    /// A sentence in the past tense.
    past: Regex,
    /// "Vastgesteld in de vergadering van", "aldus besloten", "gegeven te …", before the date.
    adopted: Regex,
    /// "Datum:", "Verzonden:", … as the label of the date.
    label: Regex,
    /// A place-and-date line: "Zwolle, " before the date.
    place: Regex,
    /// A sentence about what is still to come.
    future: Regex,
}

fn context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let re = |pattern: &str| Regex::new(pattern).expect("static regex");
        Context {
            deadline: re(
                r"(?-u:\b)(uiterlijk|voor|vóór|tot en met|t/m|t\.m\.|tot|tussen|vanaf|na|deadline|einddatum|looptijd|gereed|afgerond|indienen|ingediend|ter inzage)(?:\s+(?:op|de|het|en met))?\s*:?\s*$",
            ),
            validity_after: re(r"^\s*(?:in werking|van kracht)"),
            period_start: re(r"^\s*(?:tot en met|tot|t/m|t\.m\.|–|—|-)\s"),
            validity: re(
                r"(?:in werking|inwerkingtreding|geldig|geldt|met ingang van|m\.i\.v\.|ingaande|vervalt|vervallen|uitgewerkt|terugwerkende kracht|werkt terug)[^.;:]*$",
            ),
            cited: re(
                r"(?:(?-u:\b)(?:bij|het|ons|onze|uw|zijn|haar|hun|dit|dat|de|een|eerdere?|genoemde?|vorige?|in|met|per)\s+(?:[a-zà-ÿ]+\s+)?(?:besluit|brief|schrijven|beschikking|e-?mail|mail|verzoek|aanvraag|motie|amendement|uitspraak|vonnis|arrest|voorstel|statenvoorstel|raadsvoorstel|statenbrief|raadsinformatiebrief|memo|notitie|advies|overleg|convenant|overeenkomst|kenmerk|boodschap|wet|verdrag|richtlijn)[^.;]*?(?-u:\b)(?:van|gedateerd)|(?-u:\b)(?:kenmerk|nummer|nr\.?)\s*[^\s,;]+,?\s+(?:van|d\.\s?d\.?)|(?-u:\b)d\.\s?d\.?|(?-u:\b)dd)\s*$",
            ),
            earlier: re(r"(?-u:\b)op(?:\s+(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))?\s*$"),
            past: re(r"(?-u:\b)(?:heeft|hebben|is|zijn|werd|werden|was|waren)(?-u:\b)"),
            adopted: re(
                r"(?:(?:vastgesteld|besloten|behandeld|in|tijdens)\s+(?:in\s+|tijdens\s+|op\s+)?(?:de|zijn|haar|hun)\s+(?:openbare\s+)?(?:vergadering|zitting)\s+(?:van|d\.\s?d\.?|op)|aldus\s+(?:vastgesteld|besloten)[^;]*|(?:gegeven|gedaan)\s+(?:te|in)\s+[a-zA-Zà-ÿÀ-Þ'’ -]+,?(?:\s+(?:de|op))?|ondertekend(?:\s+op|\s+d\.\s?d\.?)?)\s*$",
            ),
            label: re(
                r"^[\s*|#>-]*(?:datum|verzenddatum|verzonden|dagtekening|datum brief|datum besluit|datum vergadering|datum verzending)\s*[:|]?\s*$",
            ),
            place: re(r"^[\s*#>]*[A-ZÀ-Þ'’][a-zA-Zà-ÿÀ-Þ'’.\- ]+,\s*(?:de\s+)?$"),
            future: re(
                r"(?-u:\b)(?:zal|zullen|gaat|gaan|verwacht|verwachten|gepland|planning|streven|streeft|voornemen|wil|willen)(?-u:\b)",
            ),
        }
    })
}

/// The text of the line around `at`, split at `at..end`: what stands before and after.
fn line_around(text: &str, at: usize, end: usize) -> (&str, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let stop = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (&text[start..at], &text[end..stop])
}

/// The line before the one `at` stands in (empty at the text's first line).
fn previous_line(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').unwrap_or(0);
    let previous = text[..start].trim_end_matches(['\r', '\n']);
    let from = previous.rfind('\n').map_or(0, |i| i + 1);
    &previous[from..]
}

/// Whether `before` (what stands before a date on its line) is a place's name alone, without the
/// comma a place-and-date line usually has ("Den Haag 29 mei 1997"): a municipality of the
/// gazetteer, or the seat of government.
fn is_place_name(before: &str) -> bool {
    let name = before.trim_matches(|c: char| c.is_whitespace() || "*#>".contains(c));
    // "'s-Gravenhage", "’s-Hertogenbosch": the capital follows the article.
    let capital = name.trim_start_matches(['\'', '’', 's', '-']);
    if name.is_empty() || !capital.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let folded = super::gazetteer::fold_name(name);
    ["denhaag", "sgravenhage", "gravenhage"].contains(&folded.as_str())
        || super::gazetteer::Gazetteer::get()
            .municipality_named(name)
            .is_some()
}

/// The first `max` bytes of `s`, at a character boundary.
fn first_bytes(s: &str, max: usize) -> &str {
    &s[..super::floor_boundary(s, max)]
}

/// Bytes before a date on a place-and-date line, at most.
const PLACE_LINE_BYTES: usize = 60;
/// Bytes before and after a date within which its sentence is read (what is still to come or
/// already past).
const SENTENCE_BYTES: usize = 200;

/// The sentence around byte `at`, within [`SENTENCE_BYTES`] of it.
fn sentence_near(text: &str, at: usize) -> &str {
    let from = super::ceil_boundary(text, at.saturating_sub(SENTENCE_BYTES));
    let to = super::floor_boundary(text, at + SENTENCE_BYTES);
    sentence_at(&text[from..to], at - from)
}

/// The last `max` bytes of `s`, at a character boundary.
fn last_bytes(s: &str, max: usize) -> &str {
    &s[super::ceil_boundary(s, s.len().saturating_sub(max))..]
}

/// What the date at `at..end` of `text` is, from the words around it. `first_line` says whether
/// it stands in the text's first line, where "Besluit van 23 december 2010" is the text's own.
fn classify(text: &str, at: usize, end: usize, first_line: bool) -> DateKind {
    let c = context();
    let (before, after) = line_around(text, at, end);
    let near = last_bytes(before, 80).to_lowercase();
    let close = last_bytes(before, 30).to_lowercase();
    let after_lower = first_bytes(after, 30).to_lowercase();
    // A place-and-date line is short: "Zwolle, 1 juli 2023".
    if before.len() <= PLACE_LINE_BYTES
        && after.trim().len() <= 3
        && (c.place.is_match(before) || is_place_name(before))
    {
        return DateKind::Written("a place-and-date line");
    }
    if before.trim().is_empty() && after.trim().len() <= 3 && is_place_name(previous_line(text, at))
    {
        // The place on a line of its own above the date: "'s-Gravenhage\n14 oktober 1992".
        return DateKind::Written("a place-and-date line");
    }
    if c.label.is_match(&before.to_lowercase()) {
        return DateKind::Written("a date label");
    }
    if first_line {
        // "Besluit van 23 december 2010, houdende …": the text's own date, unless it is said to
        // come into force ("… het op 31 december 2002 in werking getreden verdrag").
        if c.validity_after.is_match(&after_lower) {
            return DateKind::Other("a validity date");
        }
        return DateKind::Plain;
    }
    if c.deadline.is_match(&close) {
        return DateKind::Other("a deadline or period");
    }
    if c.period_start.is_match(&after_lower) {
        return DateKind::Other("the start of a period");
    }
    if c.validity.is_match(&near) || c.validity_after.is_match(&after_lower) {
        return DateKind::Other("a validity date");
    }
    if c.adopted.is_match(&near) {
        return DateKind::Written("an adoption or signature");
    }
    if c.cited.is_match(&near) {
        return DateKind::Other("a cited document's date");
    }
    let sentence = sentence_near(text, at).to_lowercase();
    if c.future.is_match(&sentence) {
        return DateKind::Other("something still to come");
    }
    if c.earlier.is_match(&close) && c.past.is_match(&sentence) && !sentence.contains("besloten") {
        return DateKind::Other("an earlier event");
    }
    DateKind::Plain
}

/// A full date with its place in the text and what its context says of it.
struct Dated {
    at: usize,
    date: FoundDate,
    kind: DateKind,
}

/// Where the first non-empty line of `text` ends.
fn first_line_end(text: &str) -> usize {
    text.split_inclusive('\n')
        .scan(0usize, |offset, line| {
            *offset += line.len();
            Some((*offset, line))
        })
        .find(|(_, line)| !line.trim().is_empty())
        .map_or(0, |(end, _)| end)
}

/// The full dates of `text` within `span`, with their kind (read in the whole text).
fn dated_in(text: &str, span: std::ops::Range<usize>, first_line_end: usize) -> Vec<Dated> {
    let from = span.start;
    dates(&text[span])
        .into_iter()
        .map(|(at, date)| (from + at, date))
        .map(|(at, date)| {
            let end = at + date.text.len();
            let kind = classify(text, at, end, at < first_line_end);
            Dated { at, date, kind }
        })
        .collect()
}

/// The dates passed over, said in the evidence: at most two.
fn passed_over(all: &[Dated]) -> String {
    let others: Vec<String> = all
        .iter()
        .filter_map(|d| match d.kind {
            DateKind::Other(why) => Some(format!("\"{}\" ({why})", d.date.text)),
            _ => None,
        })
        .take(2)
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!("; passed over {}", others.join(", "))
    }
}

fn finding(d: &Dated, confidence: Confidence, rule: String, all: &[Dated]) -> YearFinding {
    YearFinding {
        year: d.date.year,
        confidence,
        evidence: format!("{rule}{}", passed_over(all)),
    }
}

/// A date the text gives as its writing date, among the dates that `place` admits.
fn from_writing_date(
    text: &str,
    all: &[Dated],
    place: impl Fn(&Dated) -> bool,
    last: bool,
) -> Option<YearFinding> {
    let mut written = all
        .iter()
        .filter(|d| matches!(d.kind, DateKind::Written(_)) && place(d));
    let pick = if last { written.last() } else { written.next() }?;
    let DateKind::Written(why) = pick.kind else {
        return None;
    };
    let line = line_of(text, pick);
    Some(finding(
        pick,
        Confidence::High,
        format!("writing date \"{line}\" ({why})"),
        all,
    ))
}

/// Evidence lines longer than this show the date alone.
const EVIDENCE_LINE: usize = 80;

/// The line a date stands in, as evidence (the date alone when the line is long).
fn line_of(text: &str, d: &Dated) -> String {
    let (before, after) = line_around(text, d.at, d.at + d.date.text.len());
    let line = format!("{before}{}{after}", d.date.text);
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
    if line.chars().count() <= EVIDENCE_LINE {
        line.to_string()
    } else {
        d.date.text.clone()
    }
}

fn from_letterhead(all: &[Dated], head_end: usize) -> Option<YearFinding> {
    let d = all
        .iter()
        .find(|d| d.at < head_end && d.kind == DateKind::Plain)?;
    Some(finding(
        d,
        Confidence::High,
        format!("date at the top \"{}\"", d.date.text),
        all,
    ))
}

fn from_closing(all: &[Dated], tail_start: usize) -> Option<YearFinding> {
    let d = all
        .iter()
        .rfind(|d| d.at >= tail_start && d.kind == DateKind::Plain)?;
    Some(finding(
        d,
        Confidence::High,
        format!("date at the end \"{}\"", d.date.text),
        all,
    ))
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

/// Years a latest date may stand after every other date before it is suspect.
const SUSPECT_GAP: i32 = 2;

fn from_latest_date(all: &[Dated]) -> Option<YearFinding> {
    let mut plain: Vec<&Dated> = all.iter().filter(|d| d.kind == DateKind::Plain).collect();
    plain.sort_by_key(|d| (d.date.year, d.date.month, d.date.day));
    let latest = *plain.last()?;
    let second = plain.iter().rev().nth(1);
    if let Some(second) = second.filter(|s| latest.date.year - s.date.year >= SUSPECT_GAP) {
        return Some(finding(
            second,
            Confidence::Medium,
            format!(
                "latest date in the text \"{}\" (\"{}\", years after every other date, passed over as suspect)",
                second.date.text, latest.date.text
            ),
            all,
        ));
    }
    Some(finding(
        latest,
        Confidence::Medium,
        format!("latest date in the text \"{}\"", latest.date.text),
        all,
    ))
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
    let tail_start = tail_start.max(head_end);
    let first_line_end = first_line_end(text);
    // The top and the end first: most texts are dated there, and they are short; the whole
    // text is read only when they say nothing.
    let mut ends = dated_in(text, 0..head_end, first_line_end);
    ends.extend(dated_in(text, tail_start..text.len(), first_line_end));
    let found = from_writing_date(text, &ends, |d| d.at < head_end, false)
        .or_else(|| from_letterhead(&ends, first_line_end))
        .or_else(|| from_writing_date(text, &ends, |d| d.at >= tail_start, true))
        .or_else(|| from_letterhead(&ends, head_end))
        .or_else(|| from_closing(&ends, tail_start));
    if found.is_some() {
        return found;
    }
    let all = dated_in(text, 0..text.len(), first_line_end);
    from_writing_date(text, &all, |_| true, true)
        .or_else(|| from_election(text))
        .or_else(|| from_latest_date(&all))
        .or_else(|| from_forward_references(text))
        .or_else(|| from_other_dates(&all))
}

/// When every date is of another kind: the earliest, at low confidence (a regulation that only
/// says when it comes into force was written shortly before).
fn from_other_dates(all: &[Dated]) -> Option<YearFinding> {
    let d = all
        .iter()
        .min_by_key(|d| (d.date.year, d.date.month, d.date.day))?;
    let DateKind::Other(why) = d.kind else {
        return None;
    };
    Some(YearFinding {
        year: d.date.year,
        confidence: Confidence::Low,
        evidence: format!(
            "only dates of other kinds; the earliest, \"{}\" ({why})",
            d.date.text
        ),
    })
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
    fn a_deadline_is_no_writing_date() {
        let text = "Programma Vitale Dorpen\n\nGemeenten dienen hun plannen uiterlijk \
                    31-12-2025 in.\nDe provincie stelde op 12 maart 2024 het programma vast.";
        let found = detect(text).expect("a year");
        assert_eq!(found.year, 2024, "{}", found.evidence);
        assert!(found.evidence.contains("a deadline"), "{}", found.evidence);
        let period = "Regeling\n\nDe subsidie geldt van 1 januari 2024 tot en met 31 december \
                      2027.\nZwolle, 5 december 2023";
        assert_eq!(year(period), Some(2023));
    }

    #[test]
    fn a_validity_date_is_no_writing_date() {
        let text = "Besluit\n\nDeze regeling treedt in werking met ingang van 1 januari 2025.\n\
                    Gegeven te Arnhem, 10 december 2024";
        assert_eq!(year(text), Some(2024));
        let after = "Verordening\n\nDe verordening treedt op 1 januari 2017 in werking.\n\
                     De raad heeft op 10 november 2016 besloten de verordening vast te stellen.";
        assert_eq!(year(after), Some(2016));
        // The publisher's note that a regulation has lapsed is no date of writing.
        let lapsed = "Regeling bijdragen gemoedsbezwaarden\n\nArtikel 1\nMaterieel uitgewerkt per \
                      01-01-2006\nHet bedrag beloopt € 82,80.\n\nDe minister,\n20 december 2004";
        assert_eq!(year(lapsed), Some(2004));
        let in_force = "Belastingheffing in artikel 15 van het op 31 december 2002 in werking \
                        getreden belastingverdrag\n\nDe minister heeft op 4 maart 2003 besloten.";
        assert_eq!(year(in_force), Some(2003));
    }

    #[test]
    fn a_cited_decision_is_no_writing_date() {
        // "1 juli 2022" at the top is the date of an earlier decision the letter answers.
        let text = "Onderwerp: uitvoering van ons besluit van 1 juli 2022\n\
                    Geachte leden van Provinciale Staten,\n\
                    In uw brief van 3 februari 2023 vroeg u om een stand van zaken.\n\
                    Met vriendelijke groet,\nGedeputeerde Staten van Overijssel\n\
                    Zwolle, 14 maart 2023";
        let found = detect(text).expect("a year");
        assert_eq!(found.year, 2023, "{}", found.evidence);
        assert!(found.evidence.contains("cited"), "{}", found.evidence);
        let dd = "Raadsinformatiebrief\n\nNaar aanleiding van de motie d.d. 12 januari 2019 \
                  melden wij u het volgende.\nHet college besloot dit op 4 juni 2020.";
        assert_eq!(year(dd), Some(2020));
    }

    #[test]
    fn letterhead_and_signature_dates_are_writing_dates() {
        let letterhead = "Provincie Utrecht\nUtrecht, 4 juli 2023\nOnderwerp: windenergie\n\
                          In 2021 besloot de gemeente (besluit van 2 februari 2021) tot een verkenning.";
        let found = detect(letterhead).expect("a year");
        assert_eq!(found.year, 2023);
        assert!(
            found.evidence.contains("place-and-date"),
            "{}",
            found.evidence
        );
        let adopted = "Motie vreemd aan de orde van de dag\n\nDe raad verzoekt het college \
                       voor 1 januari 2026 een plan te maken.\n\
                       Aldus vastgesteld in de openbare vergadering van 29 september 2025.";
        let found = detect(adopted).expect("a year");
        assert_eq!(found.year, 2025);
        assert!(found.evidence.contains("adoption"), "{}", found.evidence);
        let label = "Gemeente Midden-Drenthe\nDatum: 25 augustus 2020\nUw brief van: 11-08-2020";
        assert_eq!(year(label), Some(2020));
    }

    #[test]
    fn signatures_without_a_comma_or_abroad() {
        let text = "Circulaire normbedragen\n\nVoor de periode van 1 juli 1997 tot 1 juli 1998 \
                    gelden nieuwe bedragen.\n\nDen Haag 29 mei 1997\nDe Staatssecretaris";
        let found = detect(text).expect("a year");
        assert_eq!(found.year, 1997);
        assert!(
            found.evidence.contains("place-and-date"),
            "{}",
            found.evidence
        );
        let split = "Regeling\n\nDeze regeling treedt in werking met ingang van 1 januari 1993.\n\
                     Zij wordt aangehaald als: Overgangsregeling 1993.\n\n's-Gravenhage\n\
                     14 oktober 1992\nDe Staatssecretaris,\nE. Heerma";
        let found = detect(split).expect("a year");
        assert_eq!(
            (found.year, found.evidence.contains("place-and-date")),
            (1992, true)
        );
        let treaty = "Verdrag\n\nDe verdragsluitende partijen, gelet op het verdrag van 19 \
                      december 1977,\nGedaan in Oslo op 5 juli 2012\n";
        let found = detect(treaty).expect("a year");
        assert_eq!(found.year, 2012, "{}", found.evidence);
    }

    #[test]
    fn a_law_dates_itself_in_its_first_line() {
        let text = "Wet van 26 september 1996 tot goedkeuring van de op 15 juni 1990 te Dublin \
                    tot stand gekomen Overeenkomst\n\nWij Beatrix, bij de gratie Gods";
        assert_eq!(year(text), Some(1996));
    }

    #[test]
    fn plain_numbers_are_no_year() {
        assert_eq!(year("Er zijn 25 gemeenten en 1500 inwoners."), None);
    }
}
