//! `nota analyze`: the token stream of a text, and which step of the chain made each token, like
//! Elasticsearch's `_analyze` with `explain`.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

pub use super::chain::Chain;

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

/// The analyzer after each step of `chain` ([`Chain::steps`], the list the index's analyzers
/// are built from), with the step's name.
fn stages(chain: Chain) -> Vec<(&'static str, TextAnalyzer)> {
    let mut out = vec![("tokenizer", chain.prefix(0))];
    for (k, step) in chain.steps().iter().enumerate() {
        out.push((step.name(), chain.prefix(k + 1)));
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
    fn the_explained_chains_are_the_real_ones() {
        use crate::analysis::analyze_terms;
        use crate::analysis::dutch::{dutch_analyzer, dutch_query_analyzer, exact_analyzer};
        // Each chain's explanation runs every step of the one list; the real analyzers (which
        // remember words) must give the same.
        let text = "De zorg- en welzijnstaken, thema's en ideeën van de Wmo-consulent; \
                    (arbeids-)participatie, eenzaamheidsbestrijding en GS.";
        let terms =
            |chain| -> Vec<String> { explain(text, chain).into_iter().map(|e| e.token).collect() };
        assert_eq!(
            terms(Chain::Index),
            analyze_terms(&mut dutch_analyzer(), text)
        );
        assert_eq!(
            terms(Chain::Query),
            analyze_terms(&mut dutch_query_analyzer(), text)
        );
        assert_eq!(
            terms(Chain::Exact),
            analyze_terms(&mut exact_analyzer(), text)
        );
    }

    #[test]
    fn query_chain_keeps_compounds_whole() {
        let got = explain("welzijnstaken", Chain::Query);
        assert_eq!(got.len(), 1);
    }
}
