//! The decompounder against `tests/fixtures/compounds.tsv`: 318 long words from the real corpus
//! whose split points were labelled by hand. Precision and recall of split points are printed
//! (`cargo test --release --test it compounds -- --nocapture`) and must not fall below the floors
//! measured when the decompounder was written.

use nota::analysis::filters::decompound::split_points;

/// Floors: the figures measured on the first version, rounded down.
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.75;

fn labelled() -> Vec<(String, Vec<usize>)> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compounds.tsv");
    std::fs::read_to_string(path)
        .expect("compounds.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (word, split) = l.split_once('\t')?;
            if split == "skip" {
                return None;
            }
            let mut points = Vec::new();
            let mut at = 0;
            if split != "-" {
                let parts: Vec<&str> = split.split('|').collect();
                assert_eq!(parts.concat(), word, "label of {word} spells the word");
                for part in &parts[..parts.len() - 1] {
                    at += part.len();
                    points.push(at);
                }
            }
            Some((word.to_string(), points))
        })
        .collect()
}

#[test]
fn split_points_reach_their_floors() {
    let rows = labelled();
    assert!(rows.len() >= 300, "at least 300 labelled words");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (word, want) in &rows {
        let got = split_points(word);
        let hit = got.iter().filter(|p| want.contains(p)).count();
        tp += hit;
        fp += got.len() - hit;
        fn_ += want.len() - hit;
        if got != *want {
            misses.push(format!("{word}: got {got:?}, labelled {want:?}"));
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!(
        "{} words, {} labelled split points: precision {precision:.3}, recall {recall:.3} \
         ({tp} right, {fp} wrong, {fn_} missed); words exactly right {}/{}",
        rows.len(),
        tp + fn_,
        rows.len() - misses.len(),
        rows.len()
    );
    println!("{}", misses.join("\n"));
    assert!(precision >= MIN_PRECISION, "precision {precision:.3}");
    assert!(recall >= MIN_RECALL, "recall {recall:.3}");
}
