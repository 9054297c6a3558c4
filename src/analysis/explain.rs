//! `nota analyze`: the token stream of a text, and which step of the chain made each token, like
//! Elasticsearch's `_analyze` with `explain`.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, TextAnalyzer, TokenStream};

use super::dutch::{exact_analyzer, stop_words};
use super::filters::apostrophe::ApostropheFilter;
use super::filters::decompound::Decompounder;
use super::filters::ellipsis::EllipsisFilter;
use super::filters::plural_diaeresis::PluralDiaeresis;
use super::filters::rule::Rule;
use super::filters::stemmer::DutchPorterStemmer;
use super::tokenizer::UaxTokenizer;

/// Which chain to explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Chain {
    /// The stemmed chain documents are indexed with.
    Index,
    /// The stemmed chain queries are read with.
    Query,
    /// The exact (unstemmed) chain.
    Exact,
}

/// One token of the final stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    /// Position.
    pub position: usize,
    /// The term.
    pub token: String,
    /// Byte offsets in the text.
    pub from: usize,
    /// End offset.
    pub to: usize,
    /// The step that made the token, then each step that changed it.
    pub steps: Vec<&'static str>,
}

/// The analyzer after each step of `chain`, with the step's name.
fn stages(chain: Chain) -> Vec<(&'static str, TextAnalyzer)> {
    let words = || TextAnalyzer::builder(UaxTokenizer::default());
    let mut out: Vec<(&'static str, TextAnalyzer)> = vec![
        ("tokenizer", words().build()),
        ("apostrophe", words().filter(Rule(ApostropheFilter)).build()),
        (
            "lowercase",
            words()
                .filter(Rule(ApostropheFilter))
                .filter(LowerCaser)
                .build(),
        ),
    ];
    match chain {
        Chain::Exact => {
            out.push(("ascii folding", exact_analyzer()));
        }
        Chain::Query => {
            let base = || {
                words()
                    .filter(Rule(ApostropheFilter))
                    .filter(LowerCaser)
                    .filter(stop_words())
            };
            out.push(("stop words", base().build()));
            out.push((
                "diaeresis plural",
                base().filter(Rule(PluralDiaeresis)).build(),
            ));
            out.push((
                "ascii folding",
                base()
                    .filter(Rule(PluralDiaeresis))
                    .filter(AsciiFoldingFilter)
                    .build(),
            ));
            out.push((
                "stemmer",
                base()
                    .filter(Rule(PluralDiaeresis))
                    .filter(AsciiFoldingFilter)
                    .filter(Rule(DutchPorterStemmer))
                    .build(),
            ));
        }
        Chain::Index => {
            let lower = || words().filter(Rule(ApostropheFilter)).filter(LowerCaser);
            out.push(("hyphen ellipsis", lower().filter(EllipsisFilter).build()));
            out.push((
                "decompounder",
                lower().filter(EllipsisFilter).filter(Decompounder).build(),
            ));
            let base = || {
                lower()
                    .filter(EllipsisFilter)
                    .filter(Decompounder)
                    .filter(stop_words())
            };
            out.push(("stop words", base().build()));
            out.push((
                "diaeresis plural",
                base().filter(Rule(PluralDiaeresis)).build(),
            ));
            out.push((
                "ascii folding",
                base()
                    .filter(Rule(PluralDiaeresis))
                    .filter(AsciiFoldingFilter)
                    .build(),
            ));
            out.push((
                "stemmer",
                base()
                    .filter(Rule(PluralDiaeresis))
                    .filter(AsciiFoldingFilter)
                    .filter(Rule(DutchPorterStemmer))
                    .build(),
            ));
        }
    }
    out
}

/// A token of one stage: its text under a key that stays the same through the chain (position,
/// offsets, and its rank among tokens with the same position and offsets).
type Keyed = BTreeMap<(usize, usize, usize, usize), String>;

fn run(analyzer: &mut TextAnalyzer, text: &str) -> (Keyed, Vec<(usize, usize, usize, usize)>) {
    let mut stream = analyzer.token_stream(text);
    let mut keyed = BTreeMap::new();
    let mut order = Vec::new();
    let mut rank: BTreeMap<(usize, usize, usize), usize> = BTreeMap::new();
    while stream.advance() {
        let t = stream.token();
        let r = rank
            .entry((t.position, t.offset_from, t.offset_to))
            .or_default();
        let key = (t.position, t.offset_from, t.offset_to, *r);
        *r += 1;
        keyed.insert(key, t.text.clone());
        order.push(key);
    }
    (keyed, order)
}

/// The final tokens of `text` through `chain`, each with the steps that made it.
pub fn explain(text: &str, chain: Chain) -> Vec<Explained> {
    let runs: Vec<(&'static str, Keyed, Vec<_>)> = stages(chain)
        .into_iter()
        .map(|(name, mut analyzer)| {
            let (keyed, order) = run(&mut analyzer, text);
            (name, keyed, order)
        })
        .collect();
    let Some((_, last, order)) = runs.last() else {
        return Vec::new();
    };
    order
        .iter()
        .map(|key| {
            let mut steps = Vec::new();
            let mut before: Option<&String> = None;
            for (name, keyed, _) in &runs {
                match (keyed.get(key), before) {
                    (Some(_), None) => steps.push(*name),
                    (Some(now), Some(prev)) if now != prev => steps.push(*name),
                    _ => {}
                }
                before = keyed.get(key).or(before);
            }
            Explained {
                position: key.0,
                token: last[key].clone(),
                from: key.1,
                to: key.2,
                steps,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_parts_and_ellipsis_are_attributed() {
        let got = explain("zorg- en welzijnstaken", Chain::Index);
        let find = |t: &str| got.iter().find(|e| e.token == t).map(|e| e.steps.clone());
        let zorgtaken = find("zorgtak")
            .or(find("zorgtaak"))
            .expect("zorgtaken, stemmed");
        assert_eq!(zorgtaken[0], "hyphen ellipsis");
        assert_eq!(zorgtaken.last(), Some(&"stemmer"));
        assert_eq!(find("welzijn"), Some(vec!["decompounder"]));
        assert_eq!(find("welzijnstak").map(|s| s[0]), Some("tokenizer"));
        assert!(got.iter().all(|e| e.token != "en"), "stop word removed");
        let zorg = got.iter().find(|e| e.token == "zorg").expect("zorg");
        assert_eq!((zorg.position, zorg.from, zorg.to), (0, 0, 4));
    }

    #[test]
    fn query_chain_keeps_compounds_whole() {
        let got = explain("welzijnstaken", Chain::Query);
        assert_eq!(got.len(), 1);
    }
}
