//! A department's folder as it really is: every format, the hostile files (truncated, looping and
//! encrypted PDFs, a scan, a zip bomb, a 20 MB one-line text, broken encodings, a symlink loop, an
//! unreadable folder), and the account `nota index` gives of each file; `nota add` (files and
//! stdin) and `nota remove`; the size and mtime check of re-runs.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::Env;
use serde_json::Value;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn copy_dir(env: &Env, from: &str, to: &str) {
    for entry in std::fs::read_dir(fixtures(from)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e != "py") {
            env.copy(&path, to);
        }
    }
}

/// A .docx whose document part expands to 1 GB of spaces (about 1 MB packed).
fn zip_bomb(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
}

fn report(env: &Env, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(env.path(name)).unwrap()).unwrap()
}

fn entry<'a>(report: &'a Value, file: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("{file} is not in the report"))
}

#[test]
fn a_hostile_folder_is_indexed_and_every_file_accounted_for() {
    let env = Env::new();
    copy_dir(&env, "formats", "dept");
    copy_dir(&env, "hostile", "dept/kapot");
    zip_bomb(&env.path("dept/kapot/bom.docx"));
    // 20 MB on one line, without a space: one endless "word".
    env.write("dept/lang.txt", "a".repeat(20_000_000));
    env.write("dept/begroting.xlsx", b"PK\x03\x04");
    env.write("dept/foto.jpg", [0xFFu8, 0xD8, 0xFF]);
    env.write("dept/notitie.txt.meta.toml", "themes = [\"armoede\"]\n");
    std::os::unix::fs::symlink(env.path("dept"), env.path("dept/kapot/lus")).unwrap();
    let locked = env.path("dept/geheim");
    std::fs::create_dir(&locked).unwrap();
    env.write(
        "dept/geheim/memo.txt",
        "Vertrouwelijke notitie over jeugdzorg in Drenthe.",
    );
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // Root reads a folder without read permission anyway; then it is simply indexed.
    let privileged = std::fs::read_dir(&locked).is_ok();

    let out = env
        .nota(&["index", "dept", "--report", "account.json"])
        .timeout(Duration::from_secs(300))
        .assert()
        .success()
        .get_output()
        .clone();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let account = report(&env, "account.json");

    // Six formats of the memo, the owner-locked PDF, the PDF whose /Length loops, UTF-16 without
    // BOM, invalid UTF-8, the long line (and the locked folder's memo when run as root).
    let added = if privileged { 12 } else { 11 };
    assert_eq!(account["summary"]["added"], added, "{summary}\n{stderr}");
    assert_eq!(account["summary"]["skipped_by_extension"][".xlsx"], 1);
    assert_eq!(account["summary"]["skipped_by_extension"][".jpg"], 1);
    assert_eq!(
        account["summary"]["skipped"], 2,
        "sidecars are not counted as skipped"
    );
    let kinds = &account["summary"]["failed_by_kind"];
    assert_eq!(kinds["encrypted"], 1);
    assert_eq!(kinds["needs_ocr"], 1);
    assert_eq!(kinds["empty"], 1);
    assert_eq!(kinds["too_large"], 1, "the zip bomb");
    assert_eq!(
        kinds["corrupt"], 3,
        "truncated PDF, page-tree loop, broken docx"
    );
    assert_eq!(kinds["symlink_loop"], 1);
    assert_eq!(
        kinds["permission_denied"],
        if privileged { Value::Null } else { 1.into() }
    );
    assert!(
        summary.contains("1 encrypted") && summary.contains("1 needs OCR"),
        "{summary}"
    );

    assert_eq!(entry(&account, "encrypted.pdf")["kind"], "encrypted");
    assert!(entry(&account, "bom.docx")["reason"]
        .as_str()
        .unwrap()
        .contains("zip bomb"));
    assert!(entry(&account, "scan.pdf")["reason"]
        .as_str()
        .unwrap()
        .contains("needs OCR"));
    assert_eq!(entry(&account, "memo.pdf")["pages"], 4);
    let long = entry(&account, "lang.txt");
    assert_eq!(long["status"], "added");
    assert!(
        long["warnings"][0].as_str().unwrap().contains("truncated"),
        "{long}"
    );
    assert!(stderr.contains("lang.txt: text truncated"), "{stderr}");
    assert!(entry(&account, "utf16-no-bom.txt")["warnings"][0]
        .as_str()
        .unwrap()
        .contains("UTF-16"));
    assert!(entry(&account, "page-tree-loop.pdf")["reason"]
        .as_str()
        .is_some());

    // The valid files around them are searchable, and a PDF hit says its page.
    let fryslan = env.search(&["mantelzorg"]);
    assert_eq!(fryslan["total"], 1, "the UTF-16 file without BOM");
    let pdf = env.search(&["Kerntaken", "--limit", "20"]);
    let pdf_hit = pdf["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["path"].as_str().unwrap().ends_with("dept/memo.pdf"))
        .expect("the PDF is found");
    assert_eq!(pdf_hit["page"], 1);
    assert_eq!(
        pdf_hit["year"], 2010,
        "the text's date wins over the PDF's creation date"
    );
    assert!(
        env.search(&["provincie utrecht"])["total"]
            .as_u64()
            .unwrap()
            >= 7
    );
}

#[test]
fn page_numbers_show_in_human_output() {
    let env = Env::new();
    env.copy(&fixtures("formats").join("memo.pdf"), "docs");
    env.index(&["docs"]);
    let out = env.stdout(&["search", "faciliteren innovatie"]);
    assert!(out.contains("p. 3: "), "{out}");
}

#[test]
fn limits_are_flags_and_a_large_binary_format_fails_as_too_large() {
    let env = Env::new();
    env.copy(&fixtures("formats").join("memo.pdf"), "docs");
    env.write(
        "docs/kort.txt",
        format!("Notitie over eenzaamheid. {}", "woord ".repeat(400_000)),
    );
    env.nota(&[
        "index",
        "docs",
        "--max-file-size",
        "0",
        "--max-text",
        "1",
        "--report",
        "r.json",
    ])
    .assert()
    .success();
    let account = report(&env, "r.json");
    assert_eq!(entry(&account, "memo.pdf")["kind"], "too_large");
    let text = entry(&account, "kort.txt");
    assert_eq!(
        text["status"], "failed",
        "a 0 MB read of a text file leaves nothing"
    );
    env.nota(&["index", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("--max-file-size"))
        .stdout(predicates::str::contains("nothing is cut\n  silently"));
}

#[test]
fn text_beyond_the_text_limit_is_cut_with_a_warning() {
    let env = Env::new();
    env.write(
        "docs/lang.txt",
        format!(
            "Begin over eenzaamheid. {} Einde over mantelzorg.",
            "woord ".repeat(400_000)
        ),
    );
    env.nota(&["index", "docs", "--max-text", "1", "--report", "r.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 added").and(predicates::str::contains("1 warning")));
    assert_eq!(env.search(&["eenzaamheid"])["total"], 1);
    assert_eq!(env.search(&["mantelzorg"])["total"], 0, "past the cut");
    let account = report(&env, "r.json");
    let warning = &entry(&account, "lang.txt")["warnings"][0];
    assert!(warning.as_str().unwrap().contains("of 2.4 MB"), "{warning}");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn add_and_remove_single_memos_from_disk_and_stdin() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    env.copy(&fixtures("formats").join("memo.docx"), "nieuw");
    let added = env.stdout(&["add", "nieuw/memo.docx"]);
    assert!(added.starts_with("1 added"), "{added}");
    env.nota(&["add", "-", "--name", "concept-brief.txt"])
        .write_stdin("Conceptbrief over zonneparken in Drenthe, maart 2024.")
        .assert()
        .success();
    assert_eq!(
        env.search(&["zonneparken"])["hits"][0]["path"],
        "stdin:concept-brief.txt"
    );
    assert_eq!(env.search(&[])["total"], 7);
    // A re-index of docs/ leaves both alone: they are not under it, and stdin has no file.
    assert!(env.index(&["docs"]).contains("0 removed"));
    assert_eq!(env.search(&[])["total"], 7);

    assert_eq!(
        env.stdout(&["remove", "concept-brief.txt", "nieuw/memo.docx"])
            .trim(),
        "2 removed"
    );
    assert_eq!(env.search(&["zonneparken"])["total"], 0);
    assert_eq!(env.search(&[])["total"], 5);
    env.nota(&["remove", "bestaat/niet.txt"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "bestaat/niet.txt is not in the index",
        ));
    env.nota(&["add", "-"])
        .write_stdin("tekst")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs --name"));
    env.nota(&["add", "-", "--name", "scan.tiff"])
        .write_stdin("tekst")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".pdf"));
}

#[test]
fn reruns_trust_size_and_mtime_before_hashing() {
    let env = Env::new();
    env.write("docs/a.txt", "Notitie over jeugdzorg in Limburg.");
    env.write("docs/b.txt", "Notitie over armoede in Zeeland.");
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in ["docs/a.txt", "docs/b.txt"] {
        let file = std::fs::File::options()
            .write(true)
            .open(env.path(name))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    }
    env.index(&["docs"]);
    // Same size, same mtime, other bytes: the stamp says unchanged, so a is not even read.
    std::fs::write(env.path("docs/a.txt"), "Notitie over jeugdzorg in Drenthe.").unwrap();
    let file = std::fs::File::options()
        .write(true)
        .open(env.path("docs/a.txt"))
        .unwrap();
    file.set_modified(long_ago).unwrap();
    assert!(env.index(&["docs"]).contains("2 unchanged"));
    assert_eq!(env.search(&["Limburg"])["total"], 1, "the old text stands");
    // A touched file is read and hashed: new bytes are indexed.
    file.set_modified(SystemTime::now()).unwrap();
    assert!(env.index(&["docs"]).starts_with("0 added, 1 updated"));
    assert_eq!(env.search(&["Drenthe"])["total"], 1);
}
