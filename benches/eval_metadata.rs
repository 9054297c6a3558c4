//! Evaluates year and province detection on the real corpus of 15,251 Dutch national laws,
//! regulations and policy rules in `../shared/corpora` (unpacked into `target/bwb` on first use).
//!
//! Run with `cargo bench --bench eval_metadata`. Prints:
//! * year accuracy against the manifest's `date` (9,067 documents have one), with the misses by
//!   kind (no year found, off by one, other) and by the rule that gave the year;
//! * how many of these national texts come out with a province, and the cues that gave it.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "support/corpus.rs"]
mod corpus;

use rayon::prelude::*;
use serde::Deserialize;

use nota::metadata::{derive, province, year, Taxonomy};

/// The taxonomy shipped with nota, read once.
fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
    TAXONOMY.get_or_init(Taxonomy::builtin)
}

/// The 20 most frequent authors, as the author facet of an index of the laws would list them:
/// each should be an organisation or an office, not a function word.
fn print_top_authors(outcomes: &[Outcome]) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for author in outcomes.iter().filter_map(|o| o.author.as_deref()) {
        *counts.entry(author).or_default() += 1;
    }
    let with = outcomes.iter().filter(|o| o.author.is_some()).count();
    let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
    top.sort_by_key(|(name, n)| (std::cmp::Reverse(*n), *name));
    println!(
        "\nauthors: {} of {} laws have one; the 20 most frequent:",
        with,
        outcomes.len()
    );
    for (name, n) in top.iter().take(20) {
        println!("  {n:>5}  {name}");
    }
}

#[derive(Deserialize)]
struct Row {
    id: String,
    title: String,
    doc_type: String,
    date: Option<String>,
    date_source: Option<String>,
}

/// The rule a year finding came from, from its evidence text.
fn rule(finding: &year::YearFinding) -> &'static str {
    let e = &finding.evidence;
    if e.starts_with("writing date") {
        "writing date"
    } else if e.starts_with("only dates of other kinds") {
        "other dates only"
    } else if e.starts_with("date at the top") {
        "date at the top"
    } else if e.starts_with("date at the end") {
        "date at the end"
    } else if e.contains("election") {
        "election day"
    } else if e.starts_with("latest date") {
        "latest date"
    } else {
        "forward reference"
    }
}

struct Outcome {
    id: String,
    author: Option<String>,
    evidence: Option<String>,
    title: String,
    doc_type: String,
    expected: Option<i32>,
    date_source: Option<String>,
    found: Option<(i32, &'static str)>,
    provinces: Vec<String>,
    cues: Vec<String>,
}

fn evaluate(dir: &Path, row: &Row) -> Option<Outcome> {
    let path = dir
        .join("docs")
        .join(&row.doc_type)
        .join(format!("{}.txt", row.id));
    let text = std::fs::read_to_string(path).ok()?;
    let finding = year::detect(&text);
    let author = derive(&text, &format!("{}.txt", row.id), taxonomy()).author;
    let found = finding.as_ref().map(|f| (f.year, rule(f)));
    let places = province::detect(&text);
    let cues = places
        .provinces
        .iter()
        .flat_map(|p| {
            places
                .evidence
                .get(p)
                .map(|(_, c)| c.clone())
                .unwrap_or_default()
        })
        .collect();
    Some(Outcome {
        id: format!("docs/{}/{}.txt", row.doc_type, row.id),
        author,
        evidence: finding.map(|f| f.evidence),
        title: row.title.clone(),
        doc_type: row.doc_type.clone(),
        expected: row.date.as_ref().and_then(|d| d.get(..4)?.parse().ok()),
        date_source: row.date_source.clone(),
        found,
        provinces: places.provinces,
        cues,
    })
}

/// The blind readings of laws kept in `benches/support/metadata/`: how often the year nota finds
/// now, and the manifest's date, are the year a reader judged the text was written.
fn print_judged_samples(dir: &Path) {
    let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/support/metadata");
    println!("  judged by reading (blind; the year the text was written):");
    for (file, what) in [
        (
            "laws_year_judged.json",
            "50 laws where the rules before and after issue 18 disagreed",
        ),
        (
            "laws_year_judged_random.json",
            "40 random body_start laws where nota and the manifest disagreed",
        ),
    ] {
        let Some(judged) = std::fs::read_to_string(support.join(file))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        else {
            println!("    {file}: missing or unreadable");
            continue;
        };
        let (mut with_year, mut nota_right, mut manifest_right) = (0, 0, 0);
        for doc in judged["documents"].as_array().into_iter().flatten() {
            let Some(judged_year) = doc["judged_year"].as_i64() else {
                continue;
            };
            let Some(text) = doc["document"]
                .as_str()
                .and_then(|d| std::fs::read_to_string(dir.join(d)).ok())
            else {
                continue;
            };
            with_year += 1;
            let found = year::detect(&text).map(|f| i64::from(f.year));
            nota_right += usize::from(found == Some(judged_year));
            let manifest = doc
                .get("manifest_date")
                .and_then(|d| d.as_str()?.get(..4)?.parse::<i64>().ok())
                .or_else(|| doc.get("manifest_date_year")?.as_i64());
            manifest_right += usize::from(manifest == Some(judged_year));
        }
        println!(
            "    {what} ({file}): of {with_year} with a judged year, nota now right in \
             {nota_right}, the manifest's date in {manifest_right}"
        );
    }
}

/// With `NOTA_YEAR_MISSES=FILE`: one JSON line per dated law whose year differs from the
/// manifest's, with the rule's evidence, to read the misses by.
fn write_misses(out: &Path, dated: &[&Outcome]) {
    let lines: Vec<String> = dated
        .iter()
        .filter(|o| o.found.map(|f| f.0) != o.expected)
        .map(|o| {
            serde_json::json!({
                "document": o.id,
                "manifest_year": o.expected,
                "manifest_date_source": o.date_source,
                "found": o.found.map(|f| f.0),
                "evidence": o.evidence,
            })
            .to_string()
        })
        .collect();
    match std::fs::write(out, lines.join("\n") + "\n") {
        Ok(()) => println!("  misses written to {}", out.display()),
        Err(e) => println!("  could not write {}: {e}", out.display()),
    }
}

fn pct(n: usize, of: usize) -> String {
    format!("{n} of {of} ({:.1}%)", 100.0 * n as f64 / of.max(1) as f64)
}

fn main() {
    let Some(dir) = corpus::real_corpus() else {
        println!("eval_metadata: ../shared/corpora is missing; nothing to evaluate.");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).expect("manifest.jsonl");
    let rows: Vec<Row> = manifest
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let outcomes: Vec<Outcome> = rows.par_iter().filter_map(|r| evaluate(&dir, r)).collect();
    println!("documents read: {}", outcomes.len());

    let dated: Vec<&Outcome> = outcomes.iter().filter(|o| o.expected.is_some()).collect();
    let exact = dated
        .iter()
        .filter(|o| o.found.map(|f| f.0) == o.expected)
        .count();
    let none = dated.iter().filter(|o| o.found.is_none()).count();
    let off_by_one = dated
        .iter()
        .filter(|o| matches!((o.found, o.expected), (Some((f, _)), Some(e)) if (f - e).abs() == 1))
        .count();
    println!("\nyear against the manifest date:");
    println!("  exact       {}", pct(exact, dated.len()));
    println!("  no year     {}", pct(none, dated.len()));
    println!("  off by one  {}", pct(off_by_one, dated.len()));
    println!(
        "  other       {}",
        pct(dated.len() - exact - none - off_by_one, dated.len())
    );
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in &dated {
        if let Some((y, rule)) = o.found {
            let entry = by_rule.entry(rule).or_default();
            entry.1 += 1;
            if Some(y) == o.expected {
                entry.0 += 1;
            }
        }
    }
    println!("  by rule (exact / given):");
    for (rule, (ok, all)) in &by_rule {
        println!("    {rule:<18} {}", pct(*ok, *all));
    }
    let mut by_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for o in &dated {
        let entry = by_source
            .entry(o.date_source.clone().unwrap_or_default())
            .or_default();
        entry.1 += 1;
        if o.found.map(|f| f.0) == o.expected {
            entry.0 += 1;
        }
    }
    println!("  by where the manifest found its date (exact):");
    for (source, (ok, all)) in &by_source {
        println!("    {source:<18} {}", pct(*ok, *all));
    }
    println!(
        "  (a title date is the law's own; a body_start date is the first date of the body, which\n   \
         may be a period's start, an entry into force or a cited decision, which nota passes over)"
    );
    print_judged_samples(&dir);
    if let Some(out) = std::env::var_os("NOTA_YEAR_MISSES") {
        write_misses(Path::new(&out), &dated);
    }

    print_top_authors(&outcomes);

    let with_province: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| !o.provinces.is_empty())
        .collect();
    println!(
        "\nnational texts that come out with a province: {}",
        pct(with_province.len(), outcomes.len())
    );
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cue_counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in &with_province {
        *per_type.entry(o.doc_type.as_str()).or_default() += 1;
        for cue in &o.cues {
            let name = cue.rsplit_once(" ×").map_or(cue.as_str(), |(c, _)| c);
            *cue_counts.entry(name.to_string()).or_default() += 1;
        }
    }
    println!("  by document type: {per_type:?}");
    let mut cues: Vec<(String, usize)> = cue_counts.into_iter().collect();
    cues.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("  most frequent cues behind them:");
    for (cue, n) in cues.iter().take(25) {
        println!("    {n:>5}  {cue}");
    }
    println!("  a sample (every 60th), to judge by reading:");
    for o in with_province.iter().step_by(60) {
        let title: String = o.title.chars().take(110).collect();
        println!("    {:?} {}  [{}]", o.provinces, title, o.cues.join(", "));
    }
}
