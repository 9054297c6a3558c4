//! The real corpus for benches and evaluations: `../shared/corpora` unpacked into `target/bwb`.
//! Included by the bench files that read it (`#[path = "support/corpus.rs"] mod corpus;`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The unpacked corpus folder (`…/bwb-laws-markdown`), or `None` when `../shared` is missing.
pub fn real_corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("../shared/corpora/unpack.sh"))
        .arg(root.join("target/bwb"))
        .output()
        .ok()
        .filter(|out| out.status.success())?;
    Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The `.txt` files below `dir`, sorted by path.
pub fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The first texts of the real corpus in path order, about `bytes` of them, with their paths.
pub fn real_texts(bytes: usize) -> Option<Vec<(PathBuf, String)>> {
    let files = text_files(&real_corpus()?.join("docs"));
    let mut texts = Vec::new();
    let mut total = 0;
    for file in files {
        if total >= bytes {
            break;
        }
        if let Ok(text) = std::fs::read_to_string(&file) {
            total += text.len();
            texts.push((file, text));
        }
    }
    Some(texts)
}
