//! Metadata derived from a document's text, because real memos come without it: title,
//! provinces, municipalities, scope, year, themes, roles and document type, each with the
//! evidence that gave it. One module per field; [`derive()`] runs them all, and [`assemble`]
//! lays the document's properties and the user's settings over what was derived.

pub mod assemble;
pub mod author;
pub mod doc_type;
pub mod gazetteer;
pub mod hints;
pub mod overrides;
pub mod province;
pub mod taxonomy;
pub mod title;
pub mod year;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use province::Scope;
pub use taxonomy::{LabelMatch, Taxonomy};
pub use year::YearFinding;

use crate::analysis::{analyze_terms, analyze_tokens, dutch::dutch_analyzer};

/// Everything nota derives about one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocMeta {
    /// The document's own title, or its file name when it has none.
    pub title: String,
    /// Provinces the document is from or addressed to.
    pub provinces: Vec<String>,
    /// Every province the text names.
    pub mentioned_provinces: Vec<String>,
    /// Municipalities the text names.
    pub municipalities: Vec<String>,
    /// Provincial, municipal, national or unknown.
    pub scope: Scope,
    /// The year it was written.
    pub year: Option<i32>,
    /// Themes, most hits first.
    pub themes: Vec<String>,
    /// Roles the province takes, most hits first.
    pub roles: Vec<String>,
    /// mededeling, brief, notitie, …
    pub doc_type: Option<String>,
    /// The organisation that wrote it.
    #[serde(default)]
    pub author: Option<String>,
    /// Byte offsets in the body where each page starts, for formats with pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// Fields a user set (sidecar, front matter, manifest), with where; the rest is derived.
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// Why each derived value is what it is.
    pub evidence: Evidence,
}

/// The words, dates and cues behind each derived value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Where the title came from.
    pub title: String,
    /// Per province: score and cues.
    pub provinces: BTreeMap<String, ProvinceEvidence>,
    /// The phrase that made the scope national.
    pub national: Option<String>,
    /// The words that gave the scope otherwise (who writes or is addressed).
    #[serde(default)]
    pub scope: Option<String>,
    /// The year, its confidence and the words that gave it.
    pub year: Option<YearFinding>,
    /// Theme labels with their cue hits.
    pub themes: Vec<LabelMatch>,
    /// Role labels with their cue hits.
    pub roles: Vec<LabelMatch>,
    /// What gave the document type.
    pub doc_type: Option<String>,
    /// What gave the author.
    #[serde(default)]
    pub author: Option<String>,
}

/// Why a province was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceEvidence {
    /// Summed cue weights.
    pub score: u32,
    /// The cues with their counts.
    pub cues: Vec<String>,
}

/// Words that name the province as an actor; role cues near them weigh more.
const PROVINCE_WORDS: &str = "provincie provincies provinciale provinciaal gedeputeerde \
    gedeputeerden statenleden";

/// Positions in `terms` where the province is named (the word "provincie" and its kin, or the
/// name of a province).
fn province_anchors<S: AsRef<str>>(terms: &[S]) -> Vec<usize> {
    static ANCHORS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    let anchor_terms = ANCHORS.get_or_init(|| {
        let names: String = gazetteer::Gazetteer::get()
            .provinces
            .iter()
            .map(|p| format!("{} ", p.name))
            .collect();
        analyze_terms(&mut dutch_analyzer(), &format!("{PROVINCE_WORDS} {names}"))
            .into_iter()
            .collect()
    });
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| anchor_terms.contains(t.as_ref()))
        .map(|(i, _)| i)
        .collect()
}

/// Byte `at` of `text` (clamped to its length) moved down to a character boundary.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte `at` of `text` (clamped to its length) moved up to a character boundary.
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The title evidence when a document's title is its file name.
pub const TITLE_FROM_FILE_NAME: &str = "the file name";

/// Only the title of `text` (or `file_name`): for `nota index --no-derive`, where the user sets
/// everything else.
pub fn title_only(text: &str, file_name: &str) -> DocMeta {
    let (title, evidence) = match title::detect(text) {
        Some(t) => (t, "the subject line or first line of the text".to_string()),
        None => (file_name.to_string(), TITLE_FROM_FILE_NAME.to_string()),
    };
    DocMeta {
        title,
        evidence: Evidence {
            title: evidence,
            ..Evidence::default()
        },
        ..DocMeta::default()
    }
}

/// Derives all metadata of `text`; `file_name` is the title of last resort.
pub fn derive(text: &str, file_name: &str, taxonomy: &Taxonomy) -> DocMeta {
    let tokens = analyze_tokens(&mut dutch_analyzer(), text);
    let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
    let offsets: Vec<usize> = tokens.iter().map(|t| t.offset_from).collect();
    derive_with_terms(text, &terms, &positions, &offsets, file_name, taxonomy)
}

/// [`derive()`] for a text whose Dutch-analysed `terms` are known already, with their
/// `positions` (a compound's parts share the position of the word) and the byte `offsets` where
/// they start in `text`.
pub fn derive_with_terms<S: AsRef<str>>(
    text: &str,
    terms: &[S],
    positions: &[usize],
    offsets: &[usize],
    file_name: &str,
    taxonomy: &Taxonomy,
) -> DocMeta {
    let (title, title_evidence) = match title::detect(text) {
        Some(t) => (t, "the subject line or first line of the text".to_string()),
        None => (file_name.to_string(), TITLE_FROM_FILE_NAME.to_string()),
    };
    let places = province::detect(text);
    let year = year::detect(text);
    let anchors = province_anchors(terms);
    let standard = taxonomy.standard_sections(text, offsets);
    let (themes, roles) = taxonomy.match_text(terms, positions, &anchors, &standard);
    let doc_type = doc_type::detect(text, taxonomy);
    let author = author::detect(
        text,
        &places,
        doc_type.as_ref().map(|d| d.doc_type.as_str()),
    );
    DocMeta {
        title,
        provinces: places.provinces,
        mentioned_provinces: places.mentioned,
        municipalities: places.municipalities,
        scope: places.scope,
        year: year.as_ref().map(|y| y.year),
        themes: themes.iter().map(|m| m.name.clone()).collect(),
        roles: roles.iter().map(|m| m.name.clone()).collect(),
        doc_type: doc_type.as_ref().map(|d| d.doc_type.clone()),
        author: author.as_ref().map(|a| a.author.clone()),
        pages: Vec::new(),
        set: BTreeMap::new(),
        evidence: Evidence {
            title: title_evidence,
            provinces: places
                .evidence
                .into_iter()
                .map(|(p, (score, cues))| (p, ProvinceEvidence { score, cues }))
                .collect(),
            national: places.national_cue,
            scope: places.voice,
            year,
            themes,
            roles,
            doc_type: doc_type.map(|d| d.evidence),
            author: author.map(|a| a.evidence),
        },
    }
}
