//! The kind of document (brief, motie, regeling, woo-besluit, …), from the words at its top.
//!
//! Rules, in order:
//! 1. the heading (the text's first two lines, see [`super::title::headings`]; not a memo's
//!    subject line, which says what the text is about): a type its first words name, or end in
//!    as a compound ("Wijzigingsbesluit Subsidieregeling X" → besluit, "Subsidieregeling X" →
//!    regeling), so a text that calls itself a Regeling is one even when it also decides;
//! 2. a type word in the headings of the first lines (body paragraphs there do not count), the
//!    taxonomy's order breaking ties;
//! 3. a memo header (`aan:` and `van:`) makes a notitie;
//! 4. a type word in the opening paragraphs;
//! 5. a phrase cue anywhere in the text (a motion's "verzoekt het college");
//! 6. a text that names no kind but speaks of the province or municipality in the third person
//!    at its top ("De provincie Zuid-Holland laat …") is a news item (mededeling).
//!
//! A cue with a space or a hyphen ("woo-verzoek") is a phrase, found anywhere in the lines read.

use super::taxonomy::Taxonomy;

/// Non-empty lines that count as the top.
const TOP_LINES: usize = 5;
/// A line at the top with more words than this is body text, not a heading.
const HEADING_WORDS: usize = 12;
/// Words of a headline that announces a document rather than being it.
const NEWS_WORDS: &[&str] = &[
    "vastgesteld",
    "gepubliceerd",
    "aangenomen",
    "verschenen",
    "gestart",
    "gepresenteerd",
];
/// A headline has at most this many words.
const HEADLINE_WORDS: usize = 6;
/// Bytes at the top read for a news item's third person.
const NEWS_BYTES: usize = 600;
/// Heading lines whose first words may name the type.
const HEADINGS: usize = 2;
/// Words at the start of a heading that may name the type ("Ontwerp Subsidieregeling X").
const HEADING_FIRST_WORDS: usize = 2;
/// Bytes of opening text looked at last.
const OPENING_BYTES: usize = 1000;
/// A compound's first part must be at least this long ("pro-motie" is no motie).
const MIN_MODIFIER: usize = 4;

/// A type with the word that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocTypeFinding {
    /// The type name from the taxonomy.
    pub doc_type: String,
    /// The word or header that gave it.
    pub evidence: String,
}

fn word_has_cue(word: &str, cue: &str) -> bool {
    word == cue
        || word
            .strip_suffix(cue)
            .is_some_and(|modifier| modifier.chars().count() >= MIN_MODIFIER)
}

/// Whether `cue` is a phrase rather than one word.
fn is_phrase(cue: &str) -> bool {
    cue.contains([' ', '-'])
}

/// The lowercased words of `text`.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The first type, in the taxonomy's order, whose phrase cue `lower` holds.
fn phrase_in(lower: &str, taxonomy: &Taxonomy, place: &str) -> Option<DocTypeFinding> {
    taxonomy.doc_types.iter().find_map(|(name, cues)| {
        cues.iter()
            .filter(|c| is_phrase(c))
            .find(|c| lower.contains(c.as_str()))
            .map(|c| DocTypeFinding {
                doc_type: name.clone(),
                evidence: format!("\"{c}\" {place}"),
            })
    })
}

/// Lines that name the publication a text appeared in, not the text: skipped as headings.
const PUBLICATIONS: &[&str] = &[
    "provinciaal blad",
    "gemeenteblad",
    "staatscourant",
    "waterschapsblad",
    "officiële uitgave",
    "datum publicatie",
];

/// The first `n` lines of `text` that may be its heading: not empty, not a header such as
/// `aan:` or `betreft:`, not a publication's own header, whose name is cut from the start of a
/// line ("PROVINCIAAL BLAD. Subsidieregeling X" → "Subsidieregeling X").
fn heading_lines(text: &str, n: usize) -> Vec<String> {
    text.lines()
        .map(|line| {
            let mut line = line.trim().trim_start_matches(['#', '*', ' ']).trim();
            for publication in PUBLICATIONS {
                let lower = line.to_lowercase();
                if lower.starts_with(publication) {
                    line = line[publication.len()..].trim_start_matches(['.', ' ', ':']);
                    if lower.starts_with("datum publicatie") {
                        line = "";
                    }
                }
            }
            line.to_string()
        })
        .filter(|l| {
            l.chars().any(char::is_alphabetic) && !super::title::is_header(l) && {
                let lower = l.to_lowercase();
                !PUBLICATIONS.iter().any(|p| lower.contains(p))
            }
        })
        .take(n)
        .collect()
}

/// The type `word` names, as a type word or a compound ending in one, the taxonomy's order
/// breaking ties.
fn type_named_by<'t>(word: &str, taxonomy: &'t Taxonomy) -> Option<&'t String> {
    taxonomy.doc_types.iter().find_map(|(name, cues)| {
        cues.iter()
            .filter(|c| !is_phrase(c))
            .any(|cue| word_has_cue(word, cue))
            .then_some(name)
    })
}

/// Whether the taxonomy has the type `name` (a user's may not).
fn knows(taxonomy: &Taxonomy, name: &str) -> bool {
    taxonomy.doc_types.iter().any(|(n, _)| n == name)
}

/// The type a citation title in brackets at the end of a heading names: "Besluit van Gedeputeerde
/// Staten … tot vaststelling van … (Beleidsregel actieve openbaarmaking 2023)".
fn type_in_citation(headings: &[String], taxonomy: &Taxonomy) -> Option<DocTypeFinding> {
    headings.iter().find_map(|h| {
        h.split('(').skip(1).find_map(|group| {
            let citation = group.split(')').next().unwrap_or(group).trim();
            let first = words_of(citation).into_iter().next()?;
            type_named_by(&first, taxonomy).map(|name| DocTypeFinding {
                doc_type: name.clone(),
                evidence: format!("the citation title \"{citation}\""),
            })
        })
    })
}

/// The type the heading lines name with their first words ("Regeling van de Staatssecretaris
/// …", "Subsidieregeling X", "Ontwerp-verordening"), the taxonomy's order breaking ties between
/// the lines ("Programma X" over "Vervolgnotitie ter voorbereiding van het programma": notitie).
fn type_in_headings(headings: &[String], taxonomy: &Taxonomy) -> Option<DocTypeFinding> {
    let joined = headings.join("\n").to_lowercase();
    if let Some(found) = phrase_in(&joined, taxonomy, "in the heading") {
        return Some(found);
    }
    // Per line, the first of its first words that names a type ("Wijzigingsbesluit
    // Subsidieregeling X": besluit; "Ontwerp Subsidieregeling X": regeling).
    let found: Vec<Option<(&String, String)>> = headings
        .iter()
        .map(|h| {
            words_of(h)
                .into_iter()
                .take(HEADING_FIRST_WORDS)
                .find_map(|w| type_named_by(&w, taxonomy).map(|name| (name, w)))
        })
        .collect();
    // "Omgevingsvisie vastgesteld": a headline announcing a document is news about it.
    if let (Some(first), Some(Some((_, word)))) = (headings.first(), found.first()) {
        let words = words_of(first);
        let announced =
            words.len() <= HEADLINE_WORDS && words.iter().any(|w| NEWS_WORDS.contains(&w.as_str()));
        if announced && knows(taxonomy, "mededeling") {
            return Some(DocTypeFinding {
                doc_type: "mededeling".to_string(),
                evidence: format!("a headline announcing the {word}"),
            });
        }
    }
    taxonomy.doc_types.iter().find_map(|(name, _)| {
        found
            .iter()
            .flatten()
            .find(|(n, _)| *n == name)
            .map(|(n, w)| DocTypeFinding {
                doc_type: (*n).clone(),
                evidence: format!("the word \"{w}\" opening the heading"),
            })
    })
}

/// The highest-priority type any word of `text` names.
fn type_in(text: &str, taxonomy: &Taxonomy) -> Option<DocTypeFinding> {
    if let Some(found) = phrase_in(&text.to_lowercase(), taxonomy, "at the top") {
        return Some(found);
    }
    let words = words_of(text);
    taxonomy.doc_types.iter().find_map(|(name, cues)| {
        cues.iter().filter(|c| !is_phrase(c)).find_map(|cue| {
            words
                .iter()
                .find(|w| word_has_cue(w, cue))
                .map(|w| DocTypeFinding {
                    doc_type: name.clone(),
                    evidence: format!("the word \"{w}\" at the top"),
                })
        })
    })
}

fn has_memo_header(top: &[&str]) -> bool {
    let starts = |label: &str| {
        top.iter()
            .any(|l| l.trim().to_lowercase().starts_with(&format!("{label}:")))
    };
    starts("aan") && starts("van")
}

/// Detects the document type of `text`.
pub fn detect(text: &str, taxonomy: &Taxonomy) -> Option<DocTypeFinding> {
    let headings = heading_lines(text, HEADINGS);
    if let Some(found) =
        type_in_citation(&headings, taxonomy).or_else(|| type_in_headings(&headings, taxonomy))
    {
        return Some(found);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let top = lines[..lines.len().min(TOP_LINES)]
        .iter()
        .filter(|l| l.split_whitespace().count() <= HEADING_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(found) = type_in(&top, taxonomy) {
        return Some(found);
    }
    if has_memo_header(&lines[..lines.len().min(TOP_LINES)]) && knows(taxonomy, "notitie") {
        return Some(DocTypeFinding {
            doc_type: "notitie".to_string(),
            evidence: "memo header (aan:, van:)".to_string(),
        });
    }
    let end = super::floor_boundary(text, OPENING_BYTES);
    type_in(&text[..end], taxonomy)
        .map(|f| DocTypeFinding {
            evidence: f.evidence.replace("at the top", "in the opening"),
            ..f
        })
        .or_else(|| phrase_in(&text.to_lowercase(), taxonomy, "in the text"))
        .or_else(|| news(text, taxonomy))
}

/// Sentence openings in which a body is written about, not writing: a news item's.
const THIRD_PERSON: &[&str] = &[
    "de provincie ",
    "provincie ",
    "de gemeente ",
    "gedeputeerde ",
    "wethouder ",
];

/// The last resort for a text that names no kind: one that speaks of the province or the
/// municipality in the third person, or quotes a gedeputeerde, at its top is a news item.
fn news(text: &str, taxonomy: &Taxonomy) -> Option<DocTypeFinding> {
    if !knows(taxonomy, "mededeling") {
        return None;
    }
    let top = &text[..super::floor_boundary(text, NEWS_BYTES)];
    let opening = top
        .split(['.', '\n'])
        .map(|s| s.trim().to_lowercase())
        .find(|s| THIRD_PERSON.iter().any(|p| s.starts_with(p)))?;
    Some(DocTypeFinding {
        doc_type: "mededeling".to_string(),
        evidence: format!(
            "no kind named; written about a body: \"{}\"",
            opening.chars().take(60).collect::<String>()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_type(text: &str) -> Option<String> {
        detect(text, &Taxonomy::builtin()).map(|f| f.doc_type)
    }

    #[test]
    fn type_word_at_the_top() {
        let text = "Onderwerp\nStand van zaken\nDoel van deze mededeling:\nToezegging/motie:";
        assert_eq!(doc_type(text).as_deref(), Some("mededeling"));
    }

    #[test]
    fn compound_head_counts_but_short_modifiers_do_not() {
        assert_eq!(
            doc_type("Programma X\nVervolgnotitie ter voorbereiding").as_deref(),
            Some("notitie")
        );
        assert_eq!(doc_type("Over promotie van fietsen"), None);
    }

    #[test]
    fn salutation_makes_a_letter() {
        assert_eq!(
            doc_type("Geachte leden van Provinciale Staten,\nTekst").as_deref(),
            Some("brief")
        );
    }

    #[test]
    fn memo_header_makes_a_notitie() {
        let text = "aan: GS\nvan: Alleato\ndatum: 11 januari 2010\nbetreft: rol";
        assert_eq!(doc_type(text).as_deref(), Some("notitie"));
    }

    #[test]
    fn the_heading_names_the_kind_before_other_words() {
        // A decision typed in its own title as a Regeling is a regeling.
        let text = "Subsidieregeling ontmoetingsplekken Arnhem 2023\n\
                    Het college van burgemeester en wethouders besluit:\nArtikel 1";
        assert_eq!(doc_type(text).as_deref(), Some("regeling"));
        let amending =
            "Wijzigingsbesluit Subsidieregeling natuur 2022\nGedeputeerde Staten besluiten";
        assert_eq!(doc_type(amending).as_deref(), Some("besluit"));
    }

    #[test]
    fn a_headline_announcing_a_document_is_news() {
        let text = "Omgevingsvisie vastgesteld\nDe gemeenteraad heeft de omgevingsvisie \
                    vastgesteld. Veel inwoners hebben meegedacht.";
        assert_eq!(doc_type(text).as_deref(), Some("mededeling"));
        let visie = "Omgevingsvisie Roerdalen 2040\nHoofdstuk 1 Inleiding";
        assert_eq!(doc_type(visie).as_deref(), Some("visie"));
    }

    #[test]
    fn a_text_about_the_province_that_names_no_kind_is_news() {
        let text = "Provincie Zuid-Holland\nAfsluiting N207 tussen Waddinxveen en Boskoop\n\
                    De provincie Zuid-Holland laat op dinsdag spoedreparaties uitvoeren.";
        assert_eq!(doc_type(text).as_deref(), Some("mededeling"));
        assert_eq!(
            doc_type("Over de N207 en het verkeer.\nGeen soort genoemd."),
            None
        );
    }

    #[test]
    fn a_citation_title_in_brackets_decides() {
        let text = "Besluit van Gedeputeerde Staten van Zuid-Holland van 26 september 2023, \
                    PZH-2023-836463481 (DOS-2023-0003946) tot vaststelling van de Beleidsregel \
                    actieve openbaarmaking Zuid-Holland 2023 (Beleidsregel actieve openbaarmaking \
                    Zuid-Holland 2023)\nGedeputeerde Staten van Zuid-Holland;";
        assert_eq!(doc_type(text).as_deref(), Some("beleidsregel"));
    }

    #[test]
    fn a_publication_header_is_no_heading() {
        let text = "PROVINCIAAL BLAD. Subsidieregeling stageplaatsen MBO en HBO Zuid-Holland\n\
                    Officiële uitgave van de provincie Zuid-Holland\nBesluit van Gedeputeerde Staten";
        assert_eq!(doc_type(text).as_deref(), Some("regeling"));
    }

    #[test]
    fn a_subject_line_is_what_a_text_is_about_not_what_it_is() {
        let text = "aan: Provinciale Staten\nvan: Gedeputeerde Staten\n\
                    betreft: Uitvoering motie warme overdracht\n\nGeachte leden,";
        assert_eq!(doc_type(text).as_deref(), Some("brief"));
    }

    #[test]
    fn phrases_name_kinds() {
        let woo = "Uw verzoek om informatie\nOp 3 maart ontvingen wij uw Woo-verzoek over de \
                   Oudegracht.\nWij maken de documenten openbaar.";
        assert_eq!(doc_type(woo).as_deref(), Some("woo-besluit"));
        let motion = "Amersfoort, 29 september 2020\nDe raad van de gemeente Amersfoort\n\
                      overwegende dat: de raad het hoogste orgaan is;\n".to_string()
            + &"constaterende dat de informatie laat kwam;\n".repeat(30)
            + "verzoekt het college de raad tijdig te informeren,\nen gaat over tot de orde van de dag.";
        assert_eq!(doc_type(&motion).as_deref(), Some("motie"));
    }

    #[test]
    fn a_report_cited_in_the_first_paragraph_is_no_type() {
        let text = "aan: GS\nvan: Alleato\nbetreft: rol\n\
                    Tegengaan van bestuurlijke drukte is een belangrijk argument geweest achter \
                    het rapport Ruimte, regie en rekenschap van de Commissie Lodders.";
        assert_eq!(doc_type(text).as_deref(), Some("notitie"));
    }
}
