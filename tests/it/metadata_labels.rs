//! Metadata on the 71 real provincial, municipal and national documents of `tests/metadata/`,
//! labelled by reading, against the targets of the metadata issue: province exact ≥ 98%, year
//! exact ≥ 95% (of documents with a stated year), theme micro-F1 ≥ 0.75 with precision ≥ 0.7.
//! `bash benches/metadata_labels.sh` prints every measure beside the version before this work.

use std::collections::BTreeSet;
use std::path::PathBuf;

use nota::metadata::{self, Taxonomy};
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    doc: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    file: String,
    provinces: Vec<String>,
    scope: String,
    year: Option<i32>,
    themes: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/metadata")
}

/// Every labelled document with what nota derives from it.
fn labelled() -> Vec<(Label, metadata::DocMeta)> {
    let taxonomy = Taxonomy::builtin();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("labels-") && name.ends_with(".toml")) {
            continue;
        }
        let labels: Labels = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for label in labels.doc {
            let text = std::fs::read_to_string(root().join(&label.file)).unwrap();
            let meta = metadata::derive(&text, &label.file, &taxonomy);
            out.push((label, meta));
        }
    }
    assert!(
        out.len() >= 60,
        "the labelled set has {} documents",
        out.len()
    );
    out
}

fn share(right: usize, of: usize) -> f64 {
    right as f64 / of.max(1) as f64
}

#[test]
fn provinces_scope_and_year_reach_their_targets() {
    let docs = labelled();
    let mut misses = Vec::new();
    let (mut provinces, mut scopes, mut years, mut dated) = (0, 0, 0, 0);
    for (label, meta) in &docs {
        let want: BTreeSet<&String> = label.provinces.iter().collect();
        let got: BTreeSet<&String> = meta.provinces.iter().collect();
        if want == got {
            provinces += 1;
        } else {
            misses.push(format!(
                "{}: provinces {got:?}, labelled {want:?}",
                label.file
            ));
        }
        if meta.scope.as_str() == label.scope {
            scopes += 1;
        } else {
            misses.push(format!(
                "{}: scope {:?}, labelled {}",
                label.file, meta.scope, label.scope
            ));
        }
        if let Some(year) = label.year {
            dated += 1;
            if meta.year == Some(year) {
                years += 1;
            } else {
                misses.push(format!(
                    "{}: year {:?}, labelled {year}",
                    label.file, meta.year
                ));
            }
        }
    }
    let misses = misses.join("\n");
    assert!(
        share(provinces, docs.len()) >= 0.98,
        "province {provinces}/{}:\n{misses}",
        docs.len()
    );
    assert!(
        share(scopes, docs.len()) >= 0.95,
        "scope {scopes}/{}:\n{misses}",
        docs.len()
    );
    assert!(
        share(years, dated) >= 0.95,
        "year {years}/{dated}:\n{misses}"
    );
}

#[test]
fn themes_reach_their_targets() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (label, meta) in labelled() {
        for theme in &meta.themes {
            if label.themes.contains(theme) {
                tp += 1;
            } else {
                fp += 1;
                misses.push(format!("{}: extra {theme}", label.file));
            }
        }
        for theme in &label.themes {
            if !meta.themes.contains(theme) {
                fn_ += 1;
                misses.push(format!("{}: missing {theme}", label.file));
            }
        }
    }
    let p = share(tp, tp + fp);
    let r = share(tp, tp + fn_);
    let f1 = 2.0 * p * r / (p + r);
    println!("themes on the labelled set: P={p:.3} R={r:.3} F1={f1:.3}");
    assert!(
        p >= 0.7 && f1 >= 0.75,
        "themes P={p:.3} R={r:.3} F1={f1:.3}:\n{}",
        misses.join("\n")
    );
}
