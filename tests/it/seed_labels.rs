//! The metadata of the five sample documents against the hand labels in
//! `tests/fixtures/seed-labels.json`: provinces, scope and year must be exact.

use std::path::PathBuf;

use nota::metadata::{self, Taxonomy};
use serde_json::Value;

fn labels() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-labels.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["documents"].as_array().unwrap().clone()
}

fn derived(file: &str) -> metadata::DocMeta {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    let text = nota::ingest::extract_bytes(&path, &bytes).unwrap().text;
    metadata::derive(&text, file, &Taxonomy::builtin())
}

fn strings(value: &Value) -> Vec<String> {
    let mut v: Vec<String> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn provinces_scope_and_year_match_the_hand_labels() {
    let mut wrong = Vec::new();
    for label in labels() {
        let file = label["file"].as_str().unwrap();
        let meta = derived(file);
        let mut provinces = meta.provinces.clone();
        provinces.sort();
        if provinces != strings(&label["provinces"]) {
            wrong.push(format!(
                "{file}: provinces {provinces:?}, labelled {}",
                label["provinces"]
            ));
        }
        if meta.scope.as_str() != label["scope"].as_str().unwrap() {
            wrong.push(format!(
                "{file}: scope {:?}, labelled {}",
                meta.scope, label["scope"]
            ));
        }
        if meta.year.map(i64::from) != label["year"].as_i64() {
            wrong.push(format!(
                "{file}: year {:?}, labelled {}",
                meta.year, label["year"]
            ));
        }
        let mut mentioned = meta.mentioned_provinces.clone();
        mentioned.sort();
        if mentioned != strings(&label["mentioned_provinces"]) {
            wrong.push(format!(
                "{file}: mentioned {mentioned:?}, labelled {}",
                label["mentioned_provinces"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn titles_match_the_hand_labels() {
    for label in labels() {
        let file = label["file"].as_str().unwrap();
        assert_eq!(
            derived(file).title,
            label["title"].as_str().unwrap(),
            "{file}"
        );
    }
}

#[test]
fn document_type_and_author_match_the_hand_labels() {
    for label in labels() {
        let file = label["file"].as_str().unwrap();
        let meta = derived(file);
        assert_eq!(
            meta.doc_type.as_deref(),
            label["doc_type"].as_str(),
            "{file}"
        );
        assert_eq!(meta.author.as_deref(), label["author"].as_str(), "{file}");
    }
}

/// Micro-averaged precision, recall and F1 of `field` over the five documents.
fn micro_f1(field: &str) -> (f64, f64, f64, Vec<String>) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for label in labels() {
        let file = label["file"].as_str().unwrap();
        let meta = derived(file);
        let got = if field == "themes" {
            meta.themes
        } else {
            meta.roles
        };
        let want = strings(&label[field]);
        for g in &got {
            if want.contains(g) {
                tp += 1;
            } else {
                fp += 1;
                misses.push(format!("{file}: extra {g}"));
            }
        }
        for w in &want {
            if !got.contains(w) {
                fn_ += 1;
                misses.push(format!("{file}: missing {w}"));
            }
        }
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    (p, r, 2.0 * p * r / (p + r), misses)
}

#[test]
fn theme_and_role_micro_f1_reach_their_targets() {
    let (tp, tr, tf, theme_misses) = micro_f1("themes");
    let (rp, rr, rf, role_misses) = micro_f1("roles");
    println!("themes: P={tp:.2} R={tr:.2} F1={tf:.2}");
    println!("roles:  P={rp:.2} R={rr:.2} F1={rf:.2}");
    println!("{}", theme_misses.join("\n"));
    println!("{}", role_misses.join("\n"));
    assert!(
        tf >= 0.8,
        "theme micro-F1 {tf:.2} < 0.8:\n{}",
        theme_misses.join("\n")
    );
    assert!(
        rf >= 0.7,
        "role micro-F1 {rf:.2} < 0.7:\n{}",
        role_misses.join("\n")
    );
}
