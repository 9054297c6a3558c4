//! Audits Porter stem groups on the real corpus: prints the largest groups of distinct words that
//! share a stem, most frequent first, for a reader to find stems that join unrelated words.
//! Usage: cargo run --release --example stem_audit -- CORPUS_DIR [GROUPS]

use std::collections::HashMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: stem_audit CORPUS_DIR [GROUPS]");
    let groups: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(150);
    let mut counts: HashMap<String, u64> = HashMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.len() >= 2 {
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut by_stem: HashMap<String, Vec<(String, u64)>> = HashMap::new();
    for (word, n) in counts {
        if n < 5 {
            continue;
        }
        let terms = nota::analysis::analyze_terms(
            &mut nota::analysis::dutch::dutch_query_analyzer(),
            &word,
        );
        if let [stem] = &terms[..] {
            by_stem.entry(stem.clone()).or_default().push((word, n));
        }
    }
    let mut list: Vec<(String, Vec<(String, u64)>)> =
        by_stem.into_iter().filter(|(_, w)| w.len() >= 2).collect();
    list.sort_by_key(|(_, w)| std::cmp::Reverse(w.iter().map(|x| x.1).sum::<u64>()));
    for (stem, mut words) in list.into_iter().take(groups) {
        words.sort_by_key(|w| std::cmp::Reverse(w.1));
        let shown: Vec<String> = words
            .iter()
            .take(8)
            .map(|(w, n)| format!("{w}:{n}"))
            .collect();
        println!("{stem:<16} {}", shown.join(" "));
    }
}
