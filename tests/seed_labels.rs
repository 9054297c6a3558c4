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
