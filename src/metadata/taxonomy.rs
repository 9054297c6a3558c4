//! The taxonomy: theme, role and document-type labels with their Dutch cue words, read from an
//! editable TOML file (`data/taxonomy.toml` is built in), and the matcher that scores a text.
//!
//! Cues are matched on analysed terms (the same Dutch analyzer the index uses), so inflected forms
//! count: the cue `vrijwilliger` matches "vrijwilligers". A multi-word cue must match in sequence.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;
use std::path::Path;

use serde::Deserialize;

use crate::analysis::{analyze_terms, dutch::dutch_analyzer};
use crate::error::NotaError;

/// The built-in taxonomy file.
pub const BUILTIN: &str = include_str!("../../data/taxonomy.toml");
/// Hits a label needs unless the file says otherwise.
const DEFAULT_MIN_HITS: u32 = 2;
/// Score a label needs unless the file says otherwise: weighted hits per 1,000 terms, where a
/// text shorter than that counts as 1,000 terms.
const DEFAULT_MIN_SCORE: f32 = 2.0;
/// Hits of core cues a label needs, whatever its supporting cues add: one mention of the
/// concept itself among generic words is no subject.
const MIN_CORE_HITS: u32 = 2;
/// A role cue this many terms or fewer from a mention of the province counts double.
pub const ANCHOR_WINDOW: usize = 12;
/// Weight of a cue near the province.
const NEAR_WEIGHT: f32 = 2.0;

/// One cue: the words as written and the terms they analyse to.
#[derive(Debug, Clone)]
pub struct Cue {
    /// As written in the taxonomy file.
    pub text: String,
    /// Analysed terms, matched in sequence.
    pub terms: Vec<String>,
}

/// A theme or role with its cues.
#[derive(Debug, Clone)]
pub struct Label {
    /// Canonical name.
    pub name: String,
    /// The cue words.
    pub cues: Vec<Cue>,
    /// Hits needed before the label is given.
    pub min_hits: u32,
    /// Score needed before the label is given.
    pub min_score: f32,
    /// Per cue: whether it can make the label; a supporting cue (`voorzieningen` for
    /// leefbaarheid) only adds weight to a label a core cue found.
    pub core: Vec<bool>,
    /// Concepts that hold a cue but are not the label (`verkeersveiligheid`, `externe
    /// veiligheid` for veiligheid), as analysed terms: a cue inside one does not count.
    pub not: Vec<Vec<String>>,
}

/// A parsed taxonomy.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// What the document is about.
    pub themes: Vec<Label>,
    /// The roles the province takes.
    pub roles: Vec<Label>,
    /// Document types and their cue words, in priority order.
    pub doc_types: Vec<(String, Vec<String>)>,
    /// Headings of the sections every plan, proposal or decision carries (`financiële gevolgen`,
    /// `participatie`, `externe veiligheid`), lowercased: no theme is found in them.
    pub standard_sections: Vec<String>,
    /// A hash of the file's text, stored per document so that a changed taxonomy re-derives labels.
    pub fingerprint: String,
    /// First term of every theme and role cue → (is a role, label, cue), for one pass over a text.
    index: FxHashMap<String, Vec<(bool, usize, usize)>>,
}

/// A label the matcher gave, with its hits.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LabelMatch {
    /// The label name.
    pub name: String,
    /// Total cue hits.
    pub hits: u32,
    /// Weighted hits per 1,000 terms (texts under 1,000 terms count as 1,000).
    pub score: f32,
    /// Which cues hit, and how often.
    pub cues: BTreeMap<String, u32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LabelSpec {
    Cues(Vec<String>),
    Full {
        cues: Vec<String>,
        min_hits: Option<u32>,
        min_score: Option<f32>,
        #[serde(default)]
        not: Vec<String>,
        #[serde(default)]
        support: Vec<String>,
    },
}

#[derive(Deserialize, Default)]
struct Settings {
    min_hits: Option<u32>,
    min_score: Option<f32>,
    #[serde(default)]
    standard_sections: Vec<String>,
}

/// Thresholds that apply where a label sets none.
#[derive(Clone, Copy)]
struct Defaults {
    min_hits: u32,
    min_score: f32,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    themes: toml::Table,
    #[serde(default)]
    roles: toml::Table,
    #[serde(default)]
    doc_types: toml::Table,
}

fn labels(table: toml::Table, defaults: Defaults, section: &str) -> Result<Vec<Label>, String> {
    let mut analyzer = dutch_analyzer();
    table
        .into_iter()
        .map(|(name, value)| {
            let spec: LabelSpec = value
                .try_into()
                .map_err(|e| format!("[{section}] {name}: {e}"))?;
            let (cues, min_hits, min_score, not, support) = match spec {
                LabelSpec::Cues(cues) => (cues, None, None, Vec::new(), Vec::new()),
                LabelSpec::Full {
                    cues,
                    min_hits,
                    min_score,
                    not,
                    support,
                } => (cues, min_hits, min_score, not, support),
            };
            let mut unique: Vec<Cue> = Vec::new();
            let mut core = Vec::new();
            let tagged = cues
                .into_iter()
                .map(|c| (c, true))
                .chain(support.into_iter().map(|c| (c, false)));
            for (text, is_core) in tagged {
                let terms = analyze_terms(&mut analyzer, &text);
                // Cues that analyse alike ("mantelzorger", "mantelzorgers") would count twice.
                if !terms.is_empty() && unique.iter().all(|c| c.terms != terms) {
                    unique.push(Cue { text, terms });
                    core.push(is_core);
                }
            }
            Ok(Label {
                name,
                cues: unique,
                core,
                min_hits: min_hits.unwrap_or(defaults.min_hits),
                min_score: min_score.unwrap_or(defaults.min_score),
                not: not
                    .iter()
                    .map(|text| analyze_terms(&mut analyzer, text))
                    .filter(|terms| !terms.is_empty())
                    .collect(),
            })
        })
        .collect()
}

impl Taxonomy {
    /// Parses taxonomy TOML; `origin` names the file in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Taxonomy, NotaError> {
        let invalid = |reason: String| NotaError::Taxonomy {
            path: origin.to_string(),
            reason,
        };
        let file: File = toml::from_str(source).map_err(|e| invalid(e.to_string()))?;
        let defaults = Defaults {
            min_hits: file.settings.min_hits.unwrap_or(DEFAULT_MIN_HITS),
            min_score: file.settings.min_score.unwrap_or(DEFAULT_MIN_SCORE),
        };
        let themes = labels(file.themes, defaults, "themes").map_err(invalid)?;
        let roles = labels(file.roles, defaults, "roles").map_err(invalid)?;
        let doc_types = file
            .doc_types
            .into_iter()
            .map(|(name, value)| {
                let cues: Vec<String> = value
                    .try_into()
                    .map_err(|e| invalid(format!("[doc_types] {name}: {e}")))?;
                Ok((name, cues.iter().map(|c| c.to_lowercase()).collect()))
            })
            .collect::<Result<_, NotaError>>()?;
        if themes.is_empty() && roles.is_empty() {
            return Err(invalid("no [themes] or [roles] in the file".to_string()));
        }
        let mut index: FxHashMap<String, Vec<(bool, usize, usize)>> = FxHashMap::default();
        for (is_role, labels) in [(false, &themes), (true, &roles)] {
            for (l, label) in labels.iter().enumerate() {
                for (c, cue) in label.cues.iter().enumerate() {
                    index
                        .entry(cue.terms[0].clone())
                        .or_default()
                        .push((is_role, l, c));
                }
            }
        }
        Ok(Taxonomy {
            themes,
            roles,
            doc_types,
            standard_sections: file
                .settings
                .standard_sections
                .iter()
                .map(|h| h.trim().to_lowercase())
                .collect(),
            fingerprint: blake3::hash(source.as_bytes()).to_hex()[..16].to_string(),
            index,
        })
    }

    /// The built-in taxonomy.
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN, "data/taxonomy.toml").expect("the built-in taxonomy parses")
    }

    /// Loads a taxonomy file.
    pub fn load(path: &Path) -> Result<Taxonomy, NotaError> {
        let source = std::fs::read_to_string(path).map_err(|e| NotaError::Taxonomy {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Taxonomy::parse(&source, &path.display().to_string())
    }

    /// Canonical theme names.
    pub fn theme_names(&self) -> Vec<&str> {
        self.themes.iter().map(|l| l.name.as_str()).collect()
    }

    /// Canonical role names.
    pub fn role_names(&self) -> Vec<&str> {
        self.roles.iter().map(|l| l.name.as_str()).collect()
    }

    /// Document type names.
    pub fn doc_type_names(&self) -> Vec<&str> {
        self.doc_types.iter().map(|(n, _)| n.as_str()).collect()
    }
}

/// Analysed terms this many apart fall in different stretches of a text: a theme needs hits in
/// two stretches of a text that has three or more, so a cluster in one part makes no theme.
pub const STRETCH_TERMS: usize = 400;

/// A heading has at most this many words.
const HEADING_WORDS: usize = 6;
/// A line longer than this is text, not a heading.
const HEADING_BYTES: usize = 80;

/// The heading a line is, lowercased and without its numbering ("4.3 Externe veiligheid" →
/// "externe veiligheid"), or `None` for a line of text.
fn heading_of(line: &str) -> Option<String> {
    if line.len() > HEADING_BYTES {
        return None;
    }
    let trimmed = line
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || "#*-•§.) ".contains(c))
        .trim_end_matches([':', '*', ' ']);
    let words = trimmed.split_whitespace().count();
    let text_like = trimmed.ends_with(['.', ',', ';']);
    (words > 0 && words <= HEADING_WORDS && !text_like && trimmed.chars().any(char::is_alphabetic))
        .then(|| trimmed.to_lowercase())
}

impl Taxonomy {
    /// The term ranges (of terms starting at byte `offsets` in `text`) that lie in a standard
    /// section: from a heading the taxonomy lists to the next heading.
    pub fn standard_sections(&self, text: &str, offsets: &[usize]) -> Vec<Range<usize>> {
        if self.standard_sections.is_empty() {
            return Vec::new();
        }
        let mut bytes: Vec<Range<usize>> = Vec::new();
        let mut open: Option<usize> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if let Some(heading) = heading_of(line) {
                if let Some(start) = open.take() {
                    bytes.push(start..at);
                }
                let standard = self.standard_sections.iter().any(|s| {
                    heading
                        .strip_prefix(s.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                });
                if standard {
                    open = Some(at);
                }
            }
            at += line.len();
        }
        if let Some(start) = open {
            bytes.push(start..text.len());
        }
        bytes
            .into_iter()
            .map(|r| {
                offsets.partition_point(|&o| o < r.start)..offsets.partition_point(|&o| o < r.end)
            })
            .filter(|r| !r.is_empty())
            .collect()
    }

    /// Themes and roles of `terms` (a text's analysed terms, with their `positions`: a compound's
    /// parts follow it at its position) in one pass: the labels whose hits and score reach their
    /// thresholds, best first. A role cue within [`ANCHOR_WINDOW`] terms of a position in
    /// `anchors` (mentions of the province) weighs double.
    ///
    /// A theme cue counts only as the concept it names: not inside a concept the taxonomy lists
    /// as `not` that label (`verkeersveiligheid`, whose head is veiligheid but which is a matter
    /// of mobility; compounds are matched whole and by their parts), a label needs a
    /// hit of a core cue (supporting cues only add weight), and a theme needs its hits in two
    /// stretches of [`STRETCH_TERMS`] terms when the text has three or more. Terms in the
    /// `standard` ranges (standard sections, see [`Taxonomy::standard_sections`]) count for no
    /// theme.
    pub fn match_text<S: AsRef<str>>(
        &self,
        terms: &[S],
        positions: &[usize],
        anchors: &[usize],
        standard: &[Range<usize>],
    ) -> (Vec<LabelMatch>, Vec<LabelMatch>) {
        let mut hits = [
            vec![vec![0u32; 0]; self.themes.len()],
            vec![vec![0u32; 0]; self.roles.len()],
        ];
        let mut weights = [vec![0f32; self.themes.len()], vec![0f32; self.roles.len()]];
        // Per theme: the first and the last stretch it was found in.
        let mut stretches: Vec<Option<(usize, usize)>> = vec![None; self.themes.len()];
        // Per theme: the position of the word it was last found in.
        let mut last_word: Vec<Option<usize>> = vec![None; self.themes.len()];
        let position = |i: usize| positions.get(i).copied();
        for (at, term) in terms.iter().enumerate() {
            let Some(candidates) = self.index.get(term.as_ref()) else {
                continue;
            };
            for &(is_role, l, c) in candidates {
                let labels = if is_role { &self.roles } else { &self.themes };
                let cue = &labels[l].cues[c];
                let end = at + cue.terms.len();
                let same = end <= terms.len()
                    && terms[at..end]
                        .iter()
                        .zip(&cue.terms)
                        .all(|(t, c)| t.as_ref() == c);
                if !same {
                    continue;
                }
                if !is_role {
                    if standard.iter().any(|r| r.contains(&at)) {
                        continue;
                    }
                    // One word counts once: "jeugdzorg" is no hit for jeugd twice (the
                    // compound cue, then its part).
                    let word_position = position(at).unwrap_or(at);
                    if last_word[l] == Some(word_position) {
                        continue;
                    }
                    last_word[l] = Some(word_position);
                    let word = (0..=at)
                        .rev()
                        .find(|&i| i == 0 || position(i) != position(i - 1))
                        .unwrap_or(at);
                    if inside_other_concept(terms, word, at, &labels[l].not) {
                        continue;
                    }
                    let stretch = at / STRETCH_TERMS;
                    let seen = &mut stretches[l];
                    *seen = Some(seen.map_or((stretch, stretch), |(first, _)| (first, stretch)));
                }
                let set = usize::from(is_role);
                let counts = &mut hits[set][l];
                if counts.is_empty() {
                    counts.resize(labels[l].cues.len(), 0);
                }
                counts[c] += 1;
                let near = is_role && near_anchor(at, anchors);
                weights[set][l] += if near { NEAR_WEIGHT } else { 1.0 };
            }
        }
        // A theme found in one stretch of a text that has three or more is a cluster, not a
        // subject.
        let spread = terms.len() >= 3 * STRETCH_TERMS;
        for (l, seen) in stretches.iter().enumerate() {
            if spread && seen.is_some_and(|(first, last)| first == last) {
                weights[0][l] = 0.0;
            }
        }
        let per_thousand = (terms.len() as f32 / 1000.0).max(1.0);
        let [theme_hits, role_hits] = hits;
        let [theme_weights, role_weights] = weights;
        (
            found(&self.themes, theme_hits, theme_weights, per_thousand),
            found(&self.roles, role_hits, role_weights, per_thousand),
        )
    }
}

/// Whether the cue hit at term `at` (in the word starting at term `word`) lies inside one of the
/// concepts `not`: a compound listed whole, or words in sequence around it.
fn inside_other_concept<S: AsRef<str>>(
    terms: &[S],
    word: usize,
    at: usize,
    not: &[Vec<String>],
) -> bool {
    not.iter().any(|concept| {
        let n = concept.len();
        // The concept starts at the hit's word, or up to n - 1 terms before it.
        (word.saturating_sub(n - 1)..=word).any(|start| {
            start + n > at
                && start + n <= terms.len()
                && terms[start..start + n]
                    .iter()
                    .zip(concept)
                    .all(|(t, c)| t.as_ref() == c)
        })
    })
}

/// The labels whose hits and score reach their thresholds, best first.
fn found(
    labels: &[Label],
    hits: Vec<Vec<u32>>,
    weights: Vec<f32>,
    per_thousand: f32,
) -> Vec<LabelMatch> {
    let mut out: Vec<LabelMatch> = labels
        .iter()
        .zip(hits.into_iter().zip(weights))
        .filter_map(|(label, (counts, weight))| {
            let total: u32 = counts.iter().sum();
            let score = weight / per_thousand;
            let core_hits: u32 = counts
                .iter()
                .zip(&label.core)
                .filter(|(_, core)| **core)
                .map(|(n, _)| n)
                .sum();
            (core_hits >= MIN_CORE_HITS.min(label.min_hits)
                && total >= label.min_hits
                && score >= label.min_score)
                .then(|| LabelMatch {
                    name: label.name.clone(),
                    hits: total,
                    score: (score * 100.0).round() / 100.0,
                    cues: label
                        .cues
                        .iter()
                        .zip(&counts)
                        .filter(|(_, n)| **n > 0)
                        .map(|(cue, n)| (cue.text.clone(), *n))
                        .collect(),
                })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    out
}

/// Whether position `at` lies within [`ANCHOR_WINDOW`] terms of an anchor (sorted positions).
fn near_anchor(at: usize, anchors: &[usize]) -> bool {
    let i = anchors.partition_point(|&a| a < at);
    let after = anchors.get(i).is_some_and(|&a| a - at <= ANCHOR_WINDOW);
    let before = i > 0 && at - anchors[i - 1] <= ANCHOR_WINDOW;
    after || before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze_terms(&mut dutch_analyzer(), text)
    }

    /// Themes of `text`, analysed as the index does (with positions).
    fn themes_of(t: &Taxonomy, text: &str) -> Vec<LabelMatch> {
        let tokens = crate::analysis::analyze_tokens(&mut dutch_analyzer(), text);
        let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        t.match_text(&terms, &positions, &[], &[]).0
    }

    #[test]
    fn builtin_has_the_canonical_labels() {
        let t = Taxonomy::builtin();
        assert!(t.theme_names().contains(&"eenzaamheid"));
        assert!(t.role_names().contains(&"regisseur"));
        assert_eq!(t.doc_type_names()[0], "woo-besluit");
        assert!(t.doc_type_names().contains(&"regeling"));
    }

    #[test]
    fn inflected_forms_and_phrases_match() {
        let t = Taxonomy::builtin();
        let text = "Het ontlasten van mantelzorgers. Mantelzorg is zwaar. \
                    De provincie kiest een bescheiden rol; een bescheiden rol past.";
        let themes = t.match_text(&terms(text), &[], &[], &[]).0;
        assert_eq!(themes[0].name, "mantelzorg");
        assert_eq!(themes[0].hits, 2);
        let roles = t.match_text(&terms(text), &[], &[], &[]).1;
        assert_eq!(roles[0].name, "terughoudend");
    }

    #[test]
    fn one_hit_is_not_enough() {
        let t = Taxonomy::builtin();
        let found = t
            .match_text(&terms("Een woord over armoede."), &[], &[], &[])
            .0;
        assert!(found.iter().all(|m| m.name != "armoede"));
    }

    #[test]
    fn long_texts_need_more_hits() {
        let t = Taxonomy::builtin();
        let filler = "Het college besluit over de begroting van het komende jaar. ".repeat(400);
        let text = format!("{filler} Armoede en schulden, armoede en schulden.");
        let all = terms(&text);
        assert!(all.len() > 2000);
        let found = t.match_text(&all, &[], &[], &[]).0;
        assert!(found.iter().all(|m| m.name != "armoede"), "{found:?}");
    }

    #[test]
    fn role_cues_near_the_province_weigh_double() {
        let t = Taxonomy::builtin();
        let text = "De provincie is regisseur.";
        let all = terms(text);
        let anchor = all.iter().position(|w| w.starts_with("provincie")).unwrap();
        assert!(
            t.match_text(&all, &[], &[], &[]).1.is_empty(),
            "one hit alone is not enough"
        );
        let near = t.match_text(&all, &[], &[anchor], &[]).1;
        assert!(near.is_empty(), "min_hits still applies: {near:?}");
        let twice = terms("De provincie is regisseur en pakt de regie.");
        let anchor = twice
            .iter()
            .position(|w| w.starts_with("provincie"))
            .unwrap();
        let found = t.match_text(&twice, &[], &[anchor], &[]).1;
        assert_eq!(found[0].name, "regisseur");
        assert_eq!(found[0].score, 4.0);
    }

    #[test]
    fn a_bad_file_names_itself() {
        let err = Taxonomy::parse("[themes]\nouderen = 3\n", "mijn.toml").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("mijn.toml"), "{message}");
        assert!(message.contains("ouderen"), "{message}");
    }

    #[test]
    fn per_label_min_hits() {
        let t = Taxonomy::parse(
            "[themes]\narmoede = { cues = [\"armoede\"], min_hits = 1, min_score = 1.0 }\n",
            "t.toml",
        )
        .unwrap();
        let found = t
            .match_text(&terms("Een woord over armoede."), &[], &[], &[])
            .0;
        assert_eq!(found[0].name, "armoede");
    }

    #[test]
    fn a_cue_inside_another_concept_does_not_count() {
        let t = Taxonomy::builtin();
        let text = "De verkeersveiligheid op de N315 vraagt aandacht. Externe veiligheid is \
                    geborgd. De verkeersveiligheid van fietsers verbetert. Veiligheid voor \
                    fietsers: externe veiligheid en verkeersveiligheid.";
        assert!(
            themes_of(&t, text).iter().all(|m| m.name != "veiligheid"),
            "{:?}",
            themes_of(&t, text)
        );
        let crime = "Ondermijning en criminaliteit in het buitengebied. De aanpak van \
                     ondermijning vraagt samenwerking met politie.";
        assert!(themes_of(&t, crime).iter().any(|m| m.name == "veiligheid"));
    }

    #[test]
    fn supporting_cues_alone_make_no_label() {
        let t = Taxonomy::builtin();
        let text = "De voorzieningen in de wijken en dorpen: voorzieningen voor de wijken.";
        assert!(themes_of(&t, text).iter().all(|m| m.name != "leefbaarheid"));
        let core = "De leefbaarheid van kleine kernen staat onder druk; voorzieningen verdwijnen \
                    uit de dorpen en de leefbaarheid daalt.";
        assert!(themes_of(&t, core).iter().any(|m| m.name == "leefbaarheid"));
    }

    #[test]
    fn one_word_counts_once() {
        let t =
            Taxonomy::parse("[themes]\njeugd = [\"jeugd\", \"jeugdzorg\"]\n", "t.toml").unwrap();
        // "jeugdzorg" is the cue jeugdzorg and holds the cue jeugd: one hit, not two.
        assert!(themes_of(&t, "Over jeugdzorg.").is_empty());
        assert_eq!(themes_of(&t, "Over jeugdzorg en jeugd.")[0].hits, 2);
    }

    #[test]
    fn a_cluster_in_one_part_of_a_long_text_is_no_theme() {
        let t = Taxonomy::builtin();
        let filler = "Het college besluit over de begroting van het komende jaar. ".repeat(300);
        let clustered = format!("Armoede en schulden, armoede en schulden. {filler}");
        assert!(themes_of(&t, &clustered)
            .iter()
            .all(|m| m.name != "armoede"));
        let spread = format!("Armoede en schulden. {filler} Armoede en schulden.");
        assert!(themes_of(&t, &spread).iter().any(|m| m.name == "armoede"));
    }

    #[test]
    fn a_standard_section_makes_no_theme() {
        let t = Taxonomy::builtin();
        let themes = |text: &str| {
            let tokens = crate::analysis::analyze_tokens(&mut dutch_analyzer(), text);
            let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
            let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
            let offsets: Vec<usize> = tokens.iter().map(|t| t.offset_from).collect();
            let standard = t.standard_sections(text, &offsets);
            t.match_text(&terms, &positions, &[], &standard).0
        };
        let body = "Inwoners praatten mee over participatie, inclusie en integratie van \
                    nieuwkomers. Participatie vraagt tijd.\n";
        let in_section = format!(
            "Raadsvoorstel krediet IJsselkade\nHet college stelt voor het krediet te \
             verlenen.\n4.2 Participatie\n{body}5 Financiële gevolgen\nDe kosten zijn gedekt.\n"
        );
        assert!(themes(&in_section).iter().all(|m| m.name != "participatie"));
        let as_subject = format!("Raadsvoorstel inburgering\nAanleiding\n{body}");
        assert!(themes(&as_subject).iter().any(|m| m.name == "participatie"));
    }
}
