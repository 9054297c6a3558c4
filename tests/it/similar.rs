//! `nota similar`: precedents for a draft on disk, an indexed document or stdin, each with why;
//! `--csv` and `--cite` for search and similar.

use crate::common;

use common::{doc, Env};
use std::path::Path;

fn memo(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn env_with_memo_pdf() -> Env {
    let env = Env::with_corpus();
    env.copy(&memo("memo.pdf"), "docs");
    env.index(&["docs"]);
    env
}

fn similar(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["similar", "--json"];
    full.extend_from_slice(args);
    serde_json::from_str(&env.stdout(&full)).expect("one JSON object")
}

#[test]
fn a_draft_not_in_the_index_finds_the_same_memo_first_and_says_why() {
    let env = env_with_memo_pdf();
    env.copy(&memo("memo.docx"), "concept");
    let results = similar(&env, &["concept/memo.docx", "--limit", "3"]);
    let first = &results["hits"][0];
    let path = first["path"].as_str().unwrap();
    assert!(
        path.ends_with(&doc("002")) || path.ends_with("memo.pdf"),
        "the same memo (as text or PDF) comes first: {path}"
    );
    let words: Vec<&str> = first["why"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        words.contains(&"alleato") && words.contains(&"utrecht"),
        "{words:?}"
    );
    assert!(!first["why"]["themes"].as_array().unwrap().is_empty());
    // The letter to all provinces about their role in the social domain is related, lower.
    let others: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert_eq!(others.len(), 3);
}

#[test]
fn an_indexed_document_is_never_its_own_hit() {
    let env = env_with_memo_pdf();
    let source = format!("docs/{}", doc("002"));
    let results = similar(&env, &[&source]);
    let paths: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(!paths.contains(&source.as_str()), "{paths:?}");
    assert_eq!(paths[0], "docs/memo.pdf", "its PDF twin is the closest");
    assert!(results["hits"][0]["page"].is_u64());
}

#[test]
fn stdin_and_filters() {
    let env = env_with_memo_pdf();
    let out = env
        .nota(&["similar", "-", "--json", "--province", "flevoland"])
        .write_stdin("Eenzaamheid onder ouderen: de provincie als regisseur van vrijwilligers en mantelzorg.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let results: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let hits = results["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        assert_eq!(hit["provinces"][0], "Flevoland");
    }
    env.nota(&["similar", "bestaat/niet.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "neither a file nor an indexed document",
        ));
}

#[test]
fn csv_and_citations() {
    let env = env_with_memo_pdf();
    let csv = env.stdout(&["search", "schaalgrootte", "--csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "path",
            "title",
            "year",
            "provinces",
            "themes",
            "roles",
            "score",
            "page",
            "author"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the memo as text and as PDF");
    let pdf = rows.iter().find(|r| r[0].ends_with("memo.pdf")).unwrap();
    assert_eq!(&pdf[2], "2010");
    assert_eq!(&pdf[3], "Utrecht");
    assert!(!pdf[7].is_empty(), "the PDF row has a page");

    let cite = env.stdout(&["search", "schaalgrootte", "--cite"]);
    assert!(
        cite.lines().any(|l| l.starts_with("Alleato (2010). Kerntaken en de rol van de provincie in het sociale domein. docs/memo.pdf, p. ")),
        "{cite}"
    );
    let similar_csv = env.stdout(&[
        "similar",
        &format!("docs/{}", doc("000")),
        "--csv",
        "--limit",
        "2",
    ]);
    assert_eq!(similar_csv.lines().count(), 3);
    env.nota(&["search", "zorg", "--csv", "--json"])
        .assert()
        .code(2);
}

/// The corpus plus planted copies: the Utrecht memo as PDF and DOCX, and memo 000 with another
/// letterhead.
fn env_with_copies() -> Env {
    let env = Env::with_corpus();
    env.copy(&memo("memo.pdf"), "docs");
    env.copy(&memo("memo.docx"), "docs");
    let original = std::fs::read_to_string(env.path(&format!("docs/{}", doc("000")))).unwrap();
    let rest: String = original.lines().skip(3).collect::<Vec<_>>().join("\n");
    env.write(
        "docs/kopie-andere-briefkop.txt",
        format!("Provincie Zeeland\nAfdeling Samenleving\nKenmerk 2011-0042\n{rest}"),
    );
    env.index(&["docs"]);
    env
}

#[test]
fn duplicates_finds_every_planted_copy_and_nothing_else() {
    let env = env_with_copies();
    let out = env.stdout(&["duplicates", "--json"]);
    let found: serde_json::Value = serde_json::from_str(&out).unwrap();
    let groups: Vec<Vec<String>> = found["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    d["path"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("docs/")
                        .to_string()
                })
                .collect()
        })
        .collect();
    assert_eq!(
        groups,
        vec![
            vec![doc("002"), "memo.docx".to_string(), "memo.pdf".to_string()],
            vec![doc("000"), "kopie-andere-briefkop.txt".to_string()],
        ]
    );
    env.nota(&["duplicates", "--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("between 0 and 1"));
}

#[test]
fn collapse_shows_one_document_per_group() {
    let env = env_with_copies();
    let all = env.search(&["sociale domein", "--limit", "20"]);
    let collapsed = env.search(&["sociale domein", "--limit", "20", "--collapse"]);
    assert_eq!(
        all["total"], collapsed["total"],
        "the count is of all matches"
    );
    let shown = |r: &serde_json::Value| r["hits"].as_array().unwrap().len();
    assert_eq!(
        shown(&all) - shown(&collapsed),
        3,
        "two Utrecht twins and one copy folded"
    );
    assert_eq!(collapsed["collapsed"], 3);
    let paths: Vec<&str> = collapsed["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    let utrecht = paths
        .iter()
        .filter(|p| p.ends_with("memo.pdf") || p.ends_with("memo.docx") || p.ends_with(&doc("002")))
        .count();
    assert_eq!(utrecht, 1, "{paths:?}");
}
