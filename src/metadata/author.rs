//! The organisation that wrote a document, from its header, signature or voice.
//!
//! Rules, in order:
//! 1. a `van:` header: its first comma-separated part ("van: Alleato, Lineke Maat, directeur" →
//!    Alleato);
//! 2. a signature in the last lines: an organisation before a function title ("MOgroep
//!    directeur" → MOgroep) or after "namens";
//! 3. the college speaking ("ons college", "Gedeputeerde Staten stellen voor") in a document of
//!    one province → Gedeputeerde Staten of that province;
//! 4. the body whose kind of document it is: in a provincial document of one province, a motie
//!    or amendement is Provinciale Staten's, a statenvoorstel, letter, decision or regulation
//!    Gedeputeerde Staten's; in a municipal document, a motie, amendement or verordening is the
//!    council's (Gemeenteraad van X), a raadsvoorstel, letter, decision or rule the college's
//!    (College van burgemeester en wethouders van X), anything else but a research report the
//!    municipality's;
//! 5. the province speaking ("gedeputeerde", "we", "de provincie wil") in a document of one
//!    province → Provincie of that province.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::province::{ProvinceFinding, Scope};
use regex::Regex;

/// Lines at the top that may hold a memo header.
const HEADER_LINES: usize = 20;
/// Lines at the end that may hold a signature.
const SIGNATURE_LINES: usize = 8;
/// Function titles that follow an organisation in a signature.
const FUNCTIONS: &[&str] = &[
    "directeur",
    "voorzitter",
    "secretaris",
    "bestuurder",
    "wethouder",
    "gedeputeerde",
    "burgemeester",
    "coördinator",
    "coordinator",
];

/// An author with the words that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorFinding {
    /// The organisation.
    pub author: String,
    /// Why.
    pub evidence: String,
}

fn strip_markup(s: &str) -> String {
    s.replace("**", "")
        .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_' || c == '#')
        .to_string()
}

/// The first lines of `text`, where a memo header stands.
fn head(text: &str) -> &str {
    let end = text
        .match_indices('\n')
        .nth(HEADER_LINES)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn from_header(text: &str) -> Option<AuthorFinding> {
    static VAN: OnceLock<Regex> = OnceLock::new();
    let van = VAN.get_or_init(|| Regex::new(r"(?im)^[\s*]*van\s*:\s*(.+)$").expect("static regex"));
    let line = van.captures(head(text))?;
    let value = strip_markup(&line[1]);
    let org = strip_markup(value.split(',').next()?);
    (!org.is_empty()).then(|| AuthorFinding {
        author: org,
        evidence: format!("header \"{}\"", line[0].trim()),
    })
}

fn from_signature(text: &str) -> Option<AuthorFinding> {
    let mut tail: Vec<String> = text
        .lines()
        .rev()
        .map(strip_markup)
        .filter(|l| !l.is_empty())
        .take(SIGNATURE_LINES)
        .collect();
    tail.reverse();
    for line in &tail {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() || words.len() > 6 {
            continue;
        }
        if let Some(rest) = line
            .strip_prefix("namens ")
            .or_else(|| line.strip_prefix("Namens "))
        {
            // "namens deze," is no organisation.
            let found = organisation(AuthorFinding {
                author: rest.trim_end_matches([',', ':']).to_string(),
                evidence: format!("signature \"{line}\""),
            });
            if found.is_some() {
                return found;
            }
            continue;
        }
        let last = words[words.len() - 1].to_lowercase();
        if words.len() >= 2 && FUNCTIONS.contains(&last.as_str()) {
            let org = words[..words.len() - 1].join(" ");
            // "René Paas, voorzitter": a person with a function, not an organisation.
            if !org.ends_with(',') {
                let found = organisation(AuthorFinding {
                    author: org,
                    evidence: format!("signature \"{line}\""),
                });
                if found.is_some() {
                    return found;
                }
            }
        }
    }
    None
}

/// Phrases in which the college speaks, then phrases in which the province speaks.
const COLLEGE_VOICE: &[&str] = &[
    "ons college",
    "gedeputeerde staten stellen",
    "wij stellen u voor",
];
const PROVINCE_VOICE: &[&str] = &[
    "gedeputeerde ",
    "de provincie wil",
    "wij zetten in",
    "we zetten in",
];

fn voices() -> &'static AhoCorasick {
    static VOICES: OnceLock<AhoCorasick> = OnceLock::new();
    VOICES.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(COLLEGE_VOICE.iter().chain(PROVINCE_VOICE))
            .expect("static patterns")
    })
}

/// The college speaking, in a document of one province.
fn from_college(text: &str, provinces: &[String]) -> Option<AuthorFinding> {
    let [province] = provinces else {
        return None;
    };
    voices()
        .find_iter(text)
        .map(|found| found.pattern().as_usize())
        .find(|&i| i < COLLEGE_VOICE.len())
        .map(|i| AuthorFinding {
            author: format!("Gedeputeerde Staten van {province}"),
            evidence: format!("the college speaks (\"{}\")", COLLEGE_VOICE[i]),
        })
}

/// The province speaking, in a document of one province.
fn from_province_voice(text: &str, provinces: &[String]) -> Option<AuthorFinding> {
    let [province] = provinces else {
        return None;
    };
    let i = voices()
        .find_iter(text)
        .map(|found| found.pattern().as_usize())
        .find(|&i| i >= COLLEGE_VOICE.len())?
        - COLLEGE_VOICE.len();
    Some(AuthorFinding {
        author: format!("Provincie {province}"),
        evidence: format!("the province speaks (\"{}\")", PROVINCE_VOICE[i].trim()),
    })
}

/// The body whose kind of document `doc_type` is, in a provincial document of `province` or a
/// municipal one of `municipality`.
fn from_kind(
    doc_type: Option<&str>,
    scope: Scope,
    provinces: &[String],
    municipality: Option<&str>,
) -> Option<AuthorFinding> {
    // A research report is the researchers', whoever commissioned it.
    let kind = doc_type.filter(|kind| *kind != "rapport")?;
    // "Middelburg (Z.)": the gazetteer's qualifier is no part of the body's name.
    let municipality = municipality.map(|m| m.split(" (").next().unwrap_or(m));
    let author = match (scope, provinces, municipality) {
        (Scope::Provincial, [province], _) => match kind {
            "motie" | "amendement" => format!("Provinciale Staten van {province}"),
            "statenvoorstel" | "brief" | "besluit" | "woo-besluit" | "regeling"
            | "beleidsregel" | "verordening" => format!("Gedeputeerde Staten van {province}"),
            _ => format!("Provincie {province}"),
        },
        (Scope::Municipal, _, Some(municipality)) => match kind {
            "motie" | "amendement" | "verordening" => format!("Gemeenteraad van {municipality}"),
            "raadsvoorstel" | "brief" | "besluit" | "woo-besluit" | "regeling" | "beleidsregel" => {
                format!("College van burgemeester en wethouders van {municipality}")
            }
            _ => format!("Gemeente {municipality}"),
        },
        _ => return None,
    };
    Some(AuthorFinding {
        author,
        evidence: format!("a {} {kind}", scope.as_str()),
    })
}

/// Words that open a name without naming anything: articles, demonstratives, pronouns, and the
/// qualifiers of a function title ("Algemeen directeur").
const NAMELESS: &[&str] = &[
    "de",
    "het",
    "een",
    "deze",
    "dit",
    "die",
    "dat",
    "namens",
    "wij",
    "we",
    "ik",
    "u",
    "zij",
    "hij",
    "ons",
    "onze",
    "hun",
    "mijn",
    "uw",
    "algemeen",
    "plaatsvervangend",
    "waarnemend",
    "wnd",
    "wnd.",
    "loco",
];

/// The finding with its name cleaned of trailing punctuation, when the name names an
/// organisation or office: not a function word or pronoun ("deze:", "De"), and with a capital
/// on the first word after any opening article ("De Nederlandsche Bank", not "het bestuur:" or
/// "De secretaris, De").
fn organisation(found: AuthorFinding) -> Option<AuthorFinding> {
    let name = found
        .author
        .trim_end_matches([':', ',', '.', ';', ' '])
        .trim()
        .to_string();
    let mut words = name.split_whitespace().peekable();
    while words
        .peek()
        .is_some_and(|w| NAMELESS.contains(&w.to_lowercase().as_str()))
    {
        words.next();
    }
    let capital = words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    capital.then_some(AuthorFinding {
        author: name,
        ..found
    })
}

/// Detects the author of `text`, whose places are `places` and whose type is `doc_type`.
pub fn detect(
    text: &str,
    places: &ProvinceFinding,
    doc_type: Option<&str>,
) -> Option<AuthorFinding> {
    let provinces = &places.provinces;
    from_header(text)
        .and_then(organisation)
        .or_else(|| from_signature(text))
        .or_else(|| from_college(text, provinces))
        .or_else(|| {
            from_kind(
                doc_type,
                places.scope,
                provinces,
                places.municipality.as_deref(),
            )
        })
        .or_else(|| from_province_voice(text, provinces))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(text: &str, provinces: &[&str]) -> Option<String> {
        let places = ProvinceFinding {
            provinces: provinces.iter().map(|p| p.to_string()).collect(),
            scope: if provinces.is_empty() {
                Scope::Unknown
            } else {
                Scope::Provincial
            },
            ..ProvinceFinding::default()
        };
        detect(text, &places, None).map(|f| f.author)
    }

    #[test]
    fn van_header() {
        let text = "aan: **Gedeputeerde Staten**\nvan: Alleato, Lineke Maat, directeur\n";
        assert_eq!(author(text, &["Utrecht"]).as_deref(), Some("Alleato"));
    }

    #[test]
    fn signature_with_function() {
        let text = "Welke partij pakt de handschoen op?\n\nMOgroep directeur\n\nAly van Beek\n";
        assert_eq!(author(text, &[]).as_deref(), Some("MOgroep"));
        let namens = "Met vriendelijke groet,\nnamens Cliëntenraad Zeeland\nJ. Jansen\n";
        assert_eq!(author(namens, &[]).as_deref(), Some("Cliëntenraad Zeeland"));
    }

    #[test]
    fn the_college_speaking_in_a_provincial_text() {
        let text = "Daarna zal ons college met een herijkt sociaal beleid komen.";
        assert_eq!(
            author(text, &["Flevoland"]).as_deref(),
            Some("Gedeputeerde Staten van Flevoland")
        );
        assert_eq!(author(text, &[]), None, "no province, no college");
    }

    #[test]
    fn the_province_speaking() {
        let text = "Bijeenkomstimpresie door gedeputeerde Roy de Witte.";
        assert_eq!(
            author(text, &["Overijssel"]).as_deref(),
            Some("Provincie Overijssel")
        );
    }

    #[test]
    fn the_body_whose_kind_of_document_it_is() {
        let provincial = ProvinceFinding {
            provinces: vec!["Flevoland".to_string()],
            scope: Scope::Provincial,
            ..ProvinceFinding::default()
        };
        let motion = detect(
            "De Staten verzoeken het college",
            &provincial,
            Some("motie"),
        );
        assert_eq!(
            motion.map(|f| f.author).as_deref(),
            Some("Provinciale Staten van Flevoland")
        );
        let municipal = ProvinceFinding {
            provinces: vec!["Zeeland".to_string()],
            scope: Scope::Municipal,
            municipality: Some("Middelburg (Z.)".to_string()),
            ..ProvinceFinding::default()
        };
        let author = |kind| detect("Tekst", &municipal, Some(kind)).map(|f| f.author);
        assert_eq!(
            author("raadsvoorstel").as_deref(),
            Some("College van burgemeester en wethouders van Middelburg")
        );
        assert_eq!(
            author("verordening").as_deref(),
            Some("Gemeenteraad van Middelburg")
        );
        assert_eq!(author("plan").as_deref(), Some("Gemeente Middelburg"));
        assert_eq!(author("rapport"), None, "a report is the researchers'");
    }

    #[test]
    fn function_words_are_no_organisation() {
        for noise in [
            "Namens deze:\nDe voorzitter",
            "Het bestuur: voorzitter",
            "Van: deze.\n",
            "Tekst.\n\nAlgemeen directeur",
            "Tekst.\n\nDe secretaris, De voorzitter",
        ] {
            assert_eq!(author(noise, &[]), None, "{noise}");
        }
        assert_eq!(
            author("Van: De Nederlandsche Bank, afdeling toezicht\n", &[]).as_deref(),
            Some("De Nederlandsche Bank")
        );
        assert_eq!(
            author("Tekst.\n\nStichting Vervangingsfonds: directeur", &[]).as_deref(),
            Some("Stichting Vervangingsfonds")
        );
        // A rejected signature line does not hide a later one.
        assert_eq!(
            author("Tekst.\n\nDe voorzitter\nMOgroep directeur", &[]).as_deref(),
            Some("MOgroep")
        );
    }

    #[test]
    fn a_person_is_no_organisation() {
        let text = "Met vriendelijke groet,\nnamens deze,\nRené Paas, voorzitter\n";
        assert_eq!(author(text, &[]), None);
    }
}
