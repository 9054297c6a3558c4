//! Which province(s) a text is from or addressed to, and which it only mentions.
//!
//! Every name, variant, demonym and municipality of the gazetteer is a cue with a weight: a name
//! in context ("provincie Utrecht", "Staten van Flevoland") counts 4, a bare name or demonym 2, a
//! municipality 1 ("gemeente X": 2), a bare name that is also a city's (Groningen, Utrecht) 1. Names that are also
//! everyday words (Best, Goes, Buren) count only after "gemeente", "in" or "te"; Brabant and
//! Limburg after "Belgisch" or before "(België)" not at all. A province scoring at least 2 and at
//! least half the best score is one the document is *about*, unless only place names point to it
//! and they score under 3, or the text names places in four or more provinces with none
//! dominant (a national text listing places). Every province with a cue is *mentioned*. A text that addresses
//! all provinces ("alle provincies" near its start or end) has scope `national` and no province.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::gazetteer::Gazetteer;

/// Whether a document belongs to some provinces, to all of them, or to none we could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// From or addressed to one or a few provinces.
    Provincial,
    /// From or addressed to a municipality (its council, its college), not a province.
    Municipal,
    /// A national body's, or addressed to all provinces.
    National,
    /// No province found.
    #[default]
    Unknown,
}

impl Scope {
    /// The name used in output and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Provincial => "provincial",
            Scope::Municipal => "municipal",
            Scope::National => "national",
            Scope::Unknown => "unknown",
        }
    }
}

/// What the detector found in one text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProvinceFinding {
    /// Provinces the text is from or addressed to, canonical names, best first.
    pub provinces: Vec<String>,
    /// Every province with a cue in the text, alphabetical.
    pub mentioned: Vec<String>,
    /// Municipalities named in the text.
    pub municipalities: Vec<String>,
    /// Provincial, municipal, national or unknown.
    pub scope: Scope,
    /// The words that gave the scope (`"gedeputeerde staten" ×3, "statenvoorstel" ×1`).
    pub voice: Option<String>,
    /// The municipality a municipal text is from: the one named most.
    pub municipality: Option<String>,
    /// Per province: its score and the cues that gave it (`"provincie Utrecht" ×9`).
    pub evidence: BTreeMap<String, (u32, Vec<String>)>,
    /// The phrase that made the scope national, if any.
    pub national_cue: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CueKind {
    ProvinceName,
    /// A province name that is also a city's (Groningen, Utrecht).
    CityProvinceName,
    Demonym,
    WeakDemonym,
    Municipality,
    AmbiguousMunicipality,
}

#[derive(Debug)]
struct Cue {
    province: String,
    kind: CueKind,
    municipality: Option<String>,
}

struct Matcher {
    names: AhoCorasick,
    cue_names: Vec<String>,
    cues: HashMap<String, Cue>,
    national: Regex,
}

/// Demonyms that more often mean the Frisian language than the province.
const WEAK_DEMONYMS: &[&str] = &["Fries", "Friese", "Friesche"];
/// Words before a province name that make it the province for sure.
const PROVINCE_CONTEXT: &[&str] = &["provincie", "provincie van", "staten van", "provinsje"];
/// Words before an ambiguous municipality name that make it a place.
const PLACE_CONTEXT: &[&str] = &["gemeente", "in", "te"];
/// Words before a province name that make it the Belgian province (Brabant, Limburg).
const BELGIAN_CONTEXT: &[&str] = &[
    "belgisch",
    "belgische",
    "vlaams",
    "vlaamse",
    "waals",
    "waalse",
];
/// Words before a province name that make it the city (Groningen, Utrecht).
const CITY_CONTEXT: &[&str] = &["gemeente", "stad"];
/// A text naming places in this many provinces or more, none of them with half the score, is
/// a national text that lists places, not a provincial one.
const SPREAD_PROVINCES: usize = 4;
/// A province found only through place names (no name, demonym or "provincie X") needs this score.
const PLACES_ONLY_SCORE: u32 = 3;
/// How far into the text and from its end an addressee or salutation is looked for.
const HEAD_BYTES: usize = 1500;
const TAIL_BYTES: usize = 600;

/// Words of a province's own business: who writes or is addressed when they stand in a text.
const PROVINCIAL_VOICE: &[&str] = &[
    "gedeputeerde staten",
    "provinciale staten",
    "statenvoorstel",
    "statenbrief",
    "statenleden",
    "statenlid",
    "statenfractie",
    "statenvergadering",
    "gedeputeerde",
    "provinciaal blad",
    "commissaris van de koning",
    "provinciehuis",
];
/// Words of a municipality's own business.
const MUNICIPAL_VOICE: &[&str] = &[
    "burgemeester en wethouders",
    "college van b",
    "gemeenteraad",
    "de raad",
    "raadsvoorstel",
    "raadsleden",
    "raadslid",
    "raadsinformatiebrief",
    "raadsvergadering",
    "raadsbesluit",
    "wethouder",
    "gemeenteblad",
    "gemeentebestuur",
    "bestemmingsplan",
    "omgevingsplan",
];
/// Words of the national government's own business.
const NATIONAL_VOICE: &[&str] = &[
    "minister",
    "staatssecretaris",
    "tweede kamer",
    "eerste kamer",
    "ministerie",
    "kamerbrief",
    "het kabinet",
];
/// Bytes at the top whose voice words count twice: a letterhead or a heading says who writes.
const VOICE_HEAD_BYTES: usize = 400;
/// Bytes at the top and at the end read for voice words and domains.
const VOICE_TOP_BYTES: usize = 3000;
const VOICE_END_BYTES: usize = 1500;

/// The first `top` and the last `end` bytes of `text` (at character boundaries), not
/// overlapping.
fn ends(text: &str, top: usize, end: usize) -> (&str, &str) {
    let head_end = super::floor_boundary(text, top);
    let tail_start = super::ceil_boundary(text, text.len().saturating_sub(end).max(head_end));
    (&text[..head_end], &text[tail_start..])
}

/// The voices of a text: for each of provincial, municipal and national, its words found, each
/// counted once more at the top.
struct Voices {
    scores: [u32; 3],
    words: [Vec<(String, u32)>; 3],
}

fn voices(text: &str, province_contexts: u32, municipality_contexts: u32) -> Voices {
    // One pass for the three voices: the words of all, each knowing its voice.
    static MATCHER: OnceLock<(AhoCorasick, Vec<(usize, &'static str)>)> = OnceLock::new();
    let (matcher, voice_of) = MATCHER.get_or_init(|| {
        let words: Vec<(usize, &'static str)> = [PROVINCIAL_VOICE, MUNICIPAL_VOICE, NATIONAL_VOICE]
            .iter()
            .enumerate()
            .flat_map(|(k, words)| words.iter().map(move |w| (k, *w)))
            .collect();
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.iter().map(|(_, w)| w))
            .expect("static patterns");
        (matcher, words)
    });
    let mut scores = [province_contexts, municipality_contexts, 0];
    let mut counts: [BTreeMap<&str, u32>; 3] = Default::default();
    // Who writes and who is addressed stand at the top and the end: a letterhead, a heading, a
    // salutation, a signature, an adoption. Only those are read, whatever the text's length.
    let (head, tail) = ends(text, VOICE_TOP_BYTES, VOICE_END_BYTES);
    let tail_from = text.len() - tail.len();
    let found = matcher
        .find_iter(head)
        .map(|m| (m.pattern(), m.start()))
        .chain(
            matcher
                .find_iter(tail)
                .map(|m| (m.pattern(), tail_from + m.start())),
        );
    for (pattern, start) in found {
        // A word's start: "wethouder", not the "wethouder" of "loco-wethouderschap"'s inside.
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word {
            continue;
        }
        let (k, word) = voice_of[pattern.as_usize()];
        *counts[k].entry(word).or_default() += 1;
        scores[k] += if start < VOICE_HEAD_BYTES { 2 } else { 1 };
    }
    let words = counts.map(|c| c.into_iter().map(|(w, n)| (w.to_string(), n)).collect());
    Voices { scores, words }
}

impl Voices {
    /// The scope the strongest voice gives (a province's wins a tie), with its words; `None`
    /// when the text has no voice.
    fn scope(&self) -> Option<(Scope, String)> {
        let [p, m, n] = self.scores;
        let (scope, k) = if p == 0 && m == 0 && n == 0 {
            return None;
        } else if p >= m && p >= n {
            (Scope::Provincial, 0)
        } else if m >= n {
            (Scope::Municipal, 1)
        } else {
            (Scope::National, 2)
        };
        let words: Vec<String> = self.words[k]
            .iter()
            .map(|(w, n)| format!("\"{w}\" ×{n}"))
            .collect();
        let said = if words.is_empty() {
            match scope {
                Scope::Provincial => "\"provincie …\"".to_string(),
                _ => "\"gemeente …\"".to_string(),
            }
        } else {
            words.join(", ")
        };
        Some((scope, said))
    }
}

fn build_matcher() -> Matcher {
    let gazetteer = Gazetteer::get();
    let province_names: HashSet<&str> = gazetteer
        .provinces
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let ambiguous: HashSet<&str> = gazetteer.ambiguous.iter().map(String::as_str).collect();
    let mut cues: HashMap<String, Cue> = HashMap::new();
    for province in &gazetteer.provinces {
        let is_city = gazetteer
            .municipalities
            .iter()
            .any(|m| m.name == province.name);
        let names = std::iter::once(&province.name).chain(&province.variants);
        for name in names {
            let kind = if is_city && *name == province.name {
                CueKind::CityProvinceName
            } else {
                CueKind::ProvinceName
            };
            cues.insert(
                name.clone(),
                Cue {
                    province: province.name.clone(),
                    kind,
                    municipality: None,
                },
            );
        }
        for demonym in &province.demonyms {
            let kind = if WEAK_DEMONYMS.contains(&demonym.as_str()) {
                CueKind::WeakDemonym
            } else {
                CueKind::Demonym
            };
            cues.insert(
                demonym.clone(),
                Cue {
                    province: province.name.clone(),
                    kind,
                    municipality: None,
                },
            );
        }
    }
    for municipality in &gazetteer.municipalities {
        let names = std::iter::once(&municipality.name).chain(&municipality.aliases);
        for name in names {
            if province_names.contains(name.as_str()) || cues.contains_key(name) {
                continue;
            }
            let kind = if ambiguous.contains(name.as_str()) {
                CueKind::AmbiguousMunicipality
            } else {
                CueKind::Municipality
            };
            cues.insert(
                name.clone(),
                Cue {
                    province: municipality.province.clone(),
                    kind,
                    municipality: Some(municipality.name.clone()),
                },
            );
        }
    }
    // A cue must start and end with a letter for word boundaries to hold ("N.-H." is left out).
    cues.retain(|name, _| {
        name.chars().next().is_some_and(char::is_alphanumeric)
            && name.chars().last().is_some_and(char::is_alphanumeric)
    });
    let mut cue_names: Vec<String> = cues.keys().cloned().collect();
    cue_names.sort();
    let names = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&cue_names)
        .expect("the gazetteer names build an automaton");
    let national = Regex::new(
        r"(?i)\b(?:alle\s+(?:twaalf\s+|12\s+)?provincies|de\s+twaalf\s+provincies|interprovinciaal\s+overleg)\b",
    )
    .expect("static regex");
    Matcher {
        names,
        cue_names,
        cues,
        national,
    }
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(build_matcher)
}

/// Whether `text[start..end]` is whole words: no letter or digit right before or after it.
fn at_word_bounds(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The lowercased words right before byte `at`, with single spaces.
fn words_before(text: &str, at: usize, max_bytes: usize) -> String {
    let start = super::ceil_boundary(text, at.saturating_sub(max_bytes));
    text[start..at]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn preceded_by(before: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        before == *p
            || before
                .strip_suffix(p)
                .is_some_and(|rest| rest.ends_with(' ') || rest.ends_with('('))
    })
}

/// Whether the words after a match place it in Belgium: "Limburg (België)", "Limburg in België".
fn followed_by_belgium(after: &str) -> bool {
    let after = after.trim_start().trim_start_matches('(').to_lowercase();
    after.starts_with("belgië") || after.starts_with("belgie") || after.starts_with("in belgië")
}

fn weight(kind: CueKind, before: &str, after: &str) -> u32 {
    let before_word = before.trim_end_matches('-');
    match kind {
        CueKind::ProvinceName | CueKind::Demonym
            if preceded_by(before_word, BELGIAN_CONTEXT) || followed_by_belgium(after) =>
        {
            0
        }
        CueKind::ProvinceName | CueKind::CityProvinceName
            if preceded_by(before, PROVINCE_CONTEXT) =>
        {
            4
        }
        CueKind::ProvinceName | CueKind::Demonym => 2,
        CueKind::Municipality | CueKind::AmbiguousMunicipality
            if preceded_by(before, &["gemeente"]) =>
        {
            2
        }
        CueKind::CityProvinceName | CueKind::WeakDemonym | CueKind::Municipality => 1,
        CueKind::AmbiguousMunicipality if preceded_by(before, PLACE_CONTEXT) => 1,
        CueKind::AmbiguousMunicipality => 0,
    }
}

/// Municipalities (with their province) whose web or mail domain the text gives
/// (`www.middendrenthe.nl`, `info@gemeentebest.nl`), each once.
fn municipal_domains(text: &str) -> Vec<(String, String)> {
    static DOMAIN: OnceLock<Regex> = OnceLock::new();
    let domain = DOMAIN.get_or_init(|| {
        Regex::new(r"(?i)(?:(?-u:\b)www\.|@)(?:gemeente-?)?([a-z0-9-]+)\.nl(?-u:\b)")
            .expect("static regex")
    });
    let gazetteer = Gazetteer::get();
    let mut found: Vec<(String, String)> = Vec::new();
    let (head, tail) = ends(text, VOICE_TOP_BYTES, VOICE_END_BYTES);
    for c in domain.captures_iter(head).chain(domain.captures_iter(tail)) {
        if let Some(m) = gazetteer.municipality_named(&c[1]).filter(|m| m.current) {
            let hit = (m.name.clone(), m.province.clone());
            if !found.contains(&hit) {
                found.push(hit);
            }
        }
    }
    found
}

/// The municipality with the highest score and its province, if any.
fn top_municipality(scores: &BTreeMap<String, (String, u32)>) -> Option<(String, String)> {
    scores
        .iter()
        .max_by_key(|(_, (_, score))| *score)
        .map(|(name, (province, _))| (name.clone(), province.clone()))
}

/// Finds the phrase addressing all provinces near the start or the end of the text.
fn national_cue(text: &str) -> Option<String> {
    let (head, tail) = ends(text, HEAD_BYTES, TAIL_BYTES);
    let national = &matcher().national;
    national
        .find(head)
        .or_else(|| national.find(tail))
        .map(|m| m.as_str().to_string())
}

/// Detects provinces, municipalities and scope in `text`.
pub fn detect(text: &str) -> ProvinceFinding {
    let matcher = matcher();
    let mut scores: BTreeMap<String, u32> = BTreeMap::new();
    let mut cue_counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut municipalities: Vec<String> = Vec::new();
    // Provinces with a cue stronger than a place name (a name or demonym, weight 2 or more).
    let mut strong: HashSet<&str> = HashSet::new();
    // "provincie X" and "gemeente X" found: the province or the municipality as an actor.
    let (mut province_contexts, mut municipality_contexts) = (0u32, 0u32);
    // Per municipality: its province and its summed cue weights.
    let mut municipality_scores: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for found in matcher.names.find_iter(text) {
        let name = &matcher.cue_names[found.pattern().as_usize()];
        if !at_word_bounds(text, found.start(), found.end()) {
            continue;
        }
        let Some(cue) = matcher.cues.get(name) else {
            continue;
        };
        let before = words_before(text, found.start(), 24);
        let after = &text[found.end()..super::floor_boundary(text, found.end() + 16)];
        let w = weight(cue.kind, &before, after);
        if cue.kind == CueKind::CityProvinceName && preceded_by(&before, CITY_CONTEXT) {
            let city = name.to_string();
            municipality_scores
                .entry(city.clone())
                .or_insert((cue.province.clone(), 0))
                .1 += 2;
            municipality_contexts += u32::from(preceded_by(&before, &["gemeente"]));
            if !municipalities.contains(&city) {
                municipalities.push(city);
            }
        }
        if w == 0 {
            continue;
        }
        province_contexts += u32::from(w == 4);
        if let Some(municipality) = &cue.municipality {
            municipality_scores
                .entry(municipality.clone())
                .or_insert((cue.province.clone(), 0))
                .1 += w;
            municipality_contexts += u32::from(w == 2);
        }
        *scores.entry(cue.province.clone()).or_default() += w;
        if w >= 2 && cue.municipality.is_none() {
            strong.insert(cue.province.as_str());
        }
        let label = if w == 4 {
            let context = PROVINCE_CONTEXT
                .iter()
                .find(|p| before.ends_with(*p))
                .copied()
                .unwrap_or("provincie");
            format!("{context} {}", name.as_str())
        } else {
            name.as_str().to_string()
        };
        *cue_counts
            .entry(cue.province.clone())
            .or_default()
            .entry(label)
            .or_default() += 1;
        if let Some(name) = &cue.municipality {
            if !municipalities.contains(name) {
                municipalities.push(name.clone());
            }
        }
    }
    for (municipality, province) in municipal_domains(text) {
        // "www.middendrenthe.nl", "gemeente@middendrenthe.nl": the municipality writes.
        municipality_scores
            .entry(municipality.clone())
            .or_insert((province, 0))
            .1 += 2;
        municipality_contexts += 1;
        if !municipalities.contains(&municipality) {
            municipalities.push(municipality);
        }
    }
    let best = scores.values().copied().max().unwrap_or(0);
    let total: u32 = scores.values().sum();
    // Places spread over many provinces with none dominant: a national text listing places.
    let spread = scores.len() >= SPREAD_PROVINCES && best * 2 < total;
    let mut about: Vec<(&String, &u32)> = scores
        .iter()
        .filter(|(p, &s)| {
            let only_places = !strong.contains(p.as_str());
            s >= 2 && s * 2 >= best && !(only_places && s < PLACES_ONLY_SCORE)
        })
        .filter(|_| !spread)
        .collect();
    about.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let voice = voices(text, province_contexts, municipality_contexts).scope();
    // A province writing as itself ("provincie Zuid-Holland") that names the IPO or all
    // provinces is still one province.
    let own_province = province_contexts > 0 && matches!(voice, Some((Scope::Provincial, _)));
    let national = national_cue(text).filter(|_| !own_province);
    let scope = match (&national, &voice) {
        (Some(_), _) => Scope::National,
        (None, Some((scope, _))) => *scope,
        (None, None) if about.is_empty() => Scope::Unknown,
        (None, None) => Scope::Provincial,
    };
    let mut provinces: Vec<String> = match scope {
        Scope::National => Vec::new(),
        _ => about.iter().map(|(p, _)| (*p).clone()).collect(),
    };
    // A municipality's document lies in its municipality's province, even where the name alone
    // scores under what a province needs.
    if scope == Scope::Municipal && provinces.is_empty() {
        let mentioned_best = scores
            .iter()
            .max_by_key(|(_, score)| **score)
            .map(|(p, _)| p.clone());
        if let Some(province) = top_municipality(&municipality_scores)
            .map(|(_, province)| province)
            .or(mentioned_best)
        {
            provinces.push(province);
        }
    }
    let evidence = cue_counts
        .into_iter()
        .map(|(province, counts)| {
            let cues = counts
                .into_iter()
                .map(|(cue, n)| format!("\"{cue}\" ×{n}"))
                .collect();
            let score = scores.get(&province).copied().unwrap_or(0);
            (province, (score, cues))
        })
        .collect();
    ProvinceFinding {
        provinces,
        mentioned: scores.keys().cloned().collect(),
        municipalities,
        scope,
        municipality: (scope == Scope::Municipal)
            .then(|| top_municipality(&municipality_scores).map(|(name, _)| name))
            .flatten(),
        voice: match (&national, voice) {
            (None, Some((_, words))) => Some(words),
            _ => None,
        },
        evidence,
        national_cue: national,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provincie_context_decides() {
        let f = detect("De provincie Utrecht voert een kerntakendiscussie.");
        assert_eq!(f.provinces, ["Utrecht"]);
        assert_eq!(f.scope, Scope::Provincial);
    }

    #[test]
    fn demonym_counts_for_its_province() {
        let f = detect("Een bestuurlijk overleg met de wethouders van de Flevolandse gemeenten.");
        assert_eq!(f.provinces, ["Flevoland"]);
    }

    #[test]
    fn municipalities_point_to_their_province() {
        let f = detect("De gemeente Twenterand en de gemeente Hardenberg doen mee.");
        assert_eq!(f.provinces, ["Overijssel"]);
        assert_eq!(f.municipalities, ["Twenterand", "Hardenberg"]);
    }

    #[test]
    fn a_letter_to_all_provinces_is_national() {
        let f = detect(
            "Geachte Gedeputeerde Statenleden van alle provincies,\n\
             Groningen en Flevoland laten zien dat het anders kan. Groningen organiseert.",
        );
        assert_eq!(f.scope, Scope::National);
        assert!(f.provinces.is_empty());
        assert_eq!(f.mentioned, ["Flevoland", "Groningen"]);
    }

    #[test]
    fn everyday_words_are_not_places() {
        let f = detect("Best practices uit het veld. Met dank aan Aly van Beek.");
        assert!(f.mentioned.is_empty(), "{f:?}");
        let g = detect("In de gemeente Best en in Goes.");
        assert_eq!(g.mentioned, ["Noord-Brabant", "Zeeland"]);
    }

    #[test]
    fn belgian_provinces_are_not_dutch_ones() {
        let f = detect("Een uitwisseling met Belgisch Limburg en met Vlaams-Brabant.");
        assert!(f.mentioned.is_empty(), "{f:?}");
        let g = detect("Partners uit Limburg (België) en uit de provincie Limburg éééééééééé.");
        assert_eq!(g.provinces, ["Limburg"]);
        assert_eq!(g.evidence["Limburg"].0, 4, "only the Dutch province counts");
    }

    #[test]
    fn the_city_is_a_municipality_in_its_province() {
        let f = detect("De gemeente Utrecht en de provincie Utrecht werken samen.");
        assert_eq!(f.provinces, ["Utrecht"]);
        assert_eq!(f.municipalities, ["Utrecht"]);
    }

    #[test]
    fn a_single_passing_municipality_is_mentioned_not_chosen() {
        let f = detect("De provincie Utrecht werkt samen met partners, ook uit Almere.");
        assert_eq!(f.provinces, ["Utrecht"]);
        assert_eq!(f.mentioned, ["Flevoland", "Utrecht"]);
    }

    #[test]
    fn a_municipal_text_lies_in_its_municipality_s_province() {
        let f = detect(
            "Raadsvoorstel\nHet college van burgemeester en wethouders stelt de raad voor \
             een krediet beschikbaar te stellen voor de IJsselkade in Zutphen.",
        );
        assert_eq!(f.scope, Scope::Municipal);
        assert_eq!(f.provinces, ["Gelderland"]);
        assert_eq!(f.municipality.as_deref(), Some("Zutphen"));
    }

    #[test]
    fn a_municipality_s_own_domain_places_it() {
        let f = detect(
            "Postadres Postbus 24, 9410 AA Beilen\nInternet www.middendrenthe.nl\n\
             De raadsfractie van Gemeentebelangen\nBeantwoording vragen van de raad",
        );
        assert_eq!(f.scope, Scope::Municipal);
        assert_eq!(f.provinces, ["Drenthe"]);
    }

    #[test]
    fn a_national_letter_only_mentions_the_province_it_names() {
        let f = detect(
            "Aan de Voorzitter van de Tweede Kamer\nDe minister van Justitie en Veiligheid\n\
             Na de wateroverlast in Limburg heeft het kabinet hulp toegezegd. Limburg en de \
             gemeente Valkenburg aan de Geul worden gesteund. In Limburg is veel schade.",
        );
        assert_eq!(f.scope, Scope::National);
        assert!(f.provinces.is_empty(), "{:?}", f.provinces);
        assert!(f.mentioned.contains(&"Limburg".to_string()));
        assert!(f.voice.is_some_and(|v| v.contains("minister")));
    }

    #[test]
    fn a_province_naming_the_ipo_is_still_one_province() {
        let f = detect(
            "Gedeputeerde Staten van de provincie Zuid-Holland;\nBesluit van Gedeputeerde \
             Staten tot vaststelling van de Subsidieregeling drugsafval. Het convenant tussen \
             het ministerie en het Interprovinciaal Overleg regelt de verdeling.",
        );
        assert_eq!(f.scope, Scope::Provincial);
        assert_eq!(f.provinces, ["Zuid-Holland"]);
    }
}
