//! What nota survives (issue 15), each on the real binary: a kill inside the commit, a full
//! disk, hostile nesting and files that take for ever, names that are not UTF-8, folders that
//! went away, a damaged index, a second writer, foreign web pages, and a loop of kills at random
//! moments after which one clean run gives the index a fresh build gives.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::common::{corpus_files, nota_bin, Env, Server};

/// A run that hangs fails the test instead of holding up the suite (not a speed check).
const HANG_GUARD: Duration = Duration::from_secs(300);

/// A PDF of one page saying "Dit is een nota over zorg.", whose catalog also holds `extra`.
fn pdf_with(extra: &[u8], kids: &[u8], count: usize) -> Vec<u8> {
    let content = b"BT /F1 12 Tf 72 720 Td (Dit is een nota over zorg.) Tj ET";
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    let mut catalog = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
    catalog.extend_from_slice(extra);
    catalog.extend_from_slice(b" >>");
    let mut pages = b"<< /Type /Pages /Kids [".to_vec();
    pages.extend_from_slice(kids);
    pages.extend_from_slice(format!("] /Count {count} >>").as_bytes());
    let objects: Vec<Vec<u8>> = vec![
        catalog,
        pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A PDF whose catalog nests `depth` arrays (`[`) or dictionaries (`<<`).
fn nested_pdf(open: &str, close: &str, depth: usize) -> Vec<u8> {
    let nested = format!("{}{}", open.repeat(depth), close.repeat(depth));
    pdf_with(nested.as_bytes(), b"3 0 R", 1)
}

/// A PDF whose page content (a stream, which the depth check does not read) nests `depth`
/// arrays.
fn content_bomb_pdf(depth: usize) -> Vec<u8> {
    let content = format!(
        "BT /F1 12 Tf 72 720 Td (Dit is een nota over zorg.) Tj {}{} TJ ET",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let mut pdf = pdf_with(b"1", b"3 0 R", 1);
    let old = b"BT /F1 12 Tf 72 720 Td (Dit is een nota over zorg.) Tj ET";
    let at = pdf.windows(old.len()).position(|w| w == old).unwrap();
    let length = format!("<< /Length {} >>", old.len());
    let length_at = pdf
        .windows(length.len())
        .position(|w| w == length.as_bytes())
        .unwrap();
    pdf.splice(at..at + old.len(), content.bytes());
    let new_length = format!("<< /Length {} >>", content.len());
    pdf.splice(length_at..length_at + length.len(), new_length.bytes());
    // The cross-reference offsets after the stream are now off; readers rebuild them.
    pdf
}

/// A PDF whose page tree lists its one page `times` times.
fn repeated_page_pdf(times: usize) -> Vec<u8> {
    pdf_with(b"1", "3 0 R ".repeat(times).as_bytes(), times)
}

/// The segment files in the index folder `idx` that its last commit does not name.
fn stray_files(idx: &Path) -> Vec<String> {
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(idx.join("meta.json")).expect("meta.json"))
            .expect("meta.json is JSON");
    let living: Vec<(String, Option<u64>)> = meta["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| {
            (
                s["segment_id"].as_str().unwrap().replace('-', ""),
                s["deletes"]["opstamp"].as_u64(),
            )
        })
        .collect();
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(idx).expect("the index folder") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy().into_owned();
        let Some((id, rest)) = name.split_once('.') else {
            continue;
        };
        if id.len() != 32 {
            continue;
        }
        let ok = living.iter().any(|(living, opstamp)| {
            let delete_file = opstamp.map(|o| format!("{o}.del"));
            living == id && (!rest.ends_with(".del") || delete_file.as_deref() == Some(rest))
        });
        if !ok {
            stray.push(name);
        }
    }
    stray
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Appends a line to `file`, so that the next run indexes it anew.
fn touch(file: &Path, line: &str) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(file)
        .expect("open to append");
    writeln!(f, "{line}").expect("append");
}

// 1. A kill during the commit.

#[test]
fn a_kill_inside_the_commit_heals_on_the_next_run() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let first = &corpus_files()[0];
    touch(
        &env.path("docs").join(first.file_name().unwrap()),
        "Bijlage over windmolens.",
    );
    // The run dies right after tantivy wrote the new delete file, inside its commit.
    let killed = env
        .nota(&["index", "docs"])
        .env(nota::index::faults::ABORT_AFTER_WRITING_ENV, ".del")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert!(
        !stray_files(&env.path("idx")).is_empty(),
        "the killed run left its files"
    );
    assert_eq!(env.search(&["windmolens"])["total"], 0, "old index intact");
    // Every later command works; the leftovers are gone.
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 1 updated, 0 removed, 4 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(env.search(&["windmolens"])["total"], 1);
    assert_eq!(stray_files(&env.path("idx")), Vec::<String>::new());
    env.write(
        "extra/nieuw.txt",
        "Notitie over zonneparken in Drenthe, 2021.\n",
    );
    env.nota(&["add", "extra/nieuw.txt"]).assert().success();
    env.nota(&["remove", "extra/nieuw.txt"]).assert().success();
    assert_eq!(env.search(&[])["total"], 5);
}

// 4. A full disk.

fn more_documents(env: &Env, n: usize) {
    for i in 0..n {
        let source = &corpus_files()[i % 5];
        let text = std::fs::read_to_string(source).unwrap();
        env.write(
            &format!("docs/meer-{i}.txt"),
            format!("{text}\nVolgnummer {i}.\n"),
        );
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_the_next_run_heals() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    more_documents(&env, 40);
    let full = env
        .nota(&["index", "docs"])
        .env(nota::index::faults::FAIL_WRITES_AFTER_ENV, "20000")
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1));
    let message = stderr_of(&full);
    assert!(message.contains("is full"), "{message}");
    assert!(
        message.contains("the index is as it was before"),
        "{message}"
    );
    assert_eq!(env.search(&[])["total"], 5, "the old index answers");
    // Space again: a run, a rebuild and an add all work, and leave nothing behind.
    assert_eq!(
        env.index(&["docs"]),
        "40 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(stray_files(&env.path("idx")), Vec::<String>::new());
    assert_eq!(
        env.index(&["--rebuild", "docs"]),
        "45 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    env.write(
        "extra/nieuw.txt",
        "Notitie over zonneparken in Drenthe, 2021.\n",
    );
    env.nota(&["add", "extra/nieuw.txt"]).assert().success();
    assert_eq!(env.search(&[])["total"], 46);
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_small_disk_heals_once_space_is_freed() {
    let env = Env::with_corpus();
    let Some(disk) = SmallDisk::mount(&env.path("klein"), "3m") else {
        eprintln!(
            "skipped: cannot mount a tmpfs here (needs root); the fault-injected disk covers it"
        );
        return;
    };
    let idx = disk.0.join("idx");
    let idx = idx.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::new(nota_bin());
        cmd.current_dir(env.dir.path())
            .args(["--index", idx])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["index", "docs"]).status.success());
    // Enough copies of the memos that their index does not fit in 3 MB.
    let extra = 1000;
    more_documents(&env, extra);
    let full = run(&["index", "docs"]);
    assert_eq!(full.status.code(), Some(1), "{}", stderr_of(&full));
    assert!(stderr_of(&full).contains("is full"), "{}", stderr_of(&full));
    // The old index answers.
    let search = run(&["search", "--json", "zorg"]);
    assert!(search.status.success());
    // Free space (fewer documents to index), and every command works again.
    for i in 0..extra {
        std::fs::remove_file(env.path(&format!("docs/meer-{i}.txt"))).unwrap();
    }
    more_documents(&env, 10);
    let again = run(&["index", "docs"]);
    assert_eq!(
        stdout_of(&again),
        "10 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed",
        "{}",
        stderr_of(&again)
    );
    assert_eq!(stray_files(Path::new(idx)), Vec::<String>::new());
    assert!(run(&["index", "--rebuild", "docs"]).status.success());
}

// 2 and 3. Hostile files: deep nesting and files that take for ever.

#[test]
fn hostile_nesting_fails_its_file_and_the_run_goes_on() {
    let env = Env::with_corpus();
    env.write("docs/arrays.pdf", nested_pdf("[", "]", 5000));
    env.write("docs/dictionaries.pdf", nested_pdf("<< /A ", ">> ", 5000));
    env.write(
        "docs/divs.html",
        format!(
            "<html><body>{}zorg{}</body></html>",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        ),
    );
    env.write(
        "docs/diep.md",
        format!(
            "---\ntitle: x\ntags: {}{}\n---\nEen nota over zorg.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    env.write("docs/gewoon.pdf", nested_pdf("[", "]", 3));
    let report = env.path("report.json");
    let summary = env
        .nota(&["index", "docs", "--report", report.to_str().unwrap()])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert!(summary.status.success(), "{}", stderr_of(&summary));
    assert_eq!(
        stdout_of(&summary),
        "6 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 4 failed (4 too deep)"
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let too_deep: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "too_deep")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        too_deep,
        [
            "docs/arrays.pdf",
            "docs/dictionaries.pdf",
            "docs/diep.md",
            "docs/divs.html"
        ]
    );
    // nota add takes the same file the same way (and exits 1, as for any file that fails).
    let add = env.nota(&["add", "docs/arrays.pdf"]).output().unwrap();
    assert_eq!(add.status.code(), Some(1), "{}", stderr_of(&add));
    assert!(
        stdout_of(&add).ends_with("1 failed (1 too deep)"),
        "{}",
        stdout_of(&add)
    );
    assert_eq!(env.search(&[])["total"], 6);
}

#[test]
fn a_parser_that_crashes_fails_only_its_file() {
    let env = Env::with_corpus();
    env.write("docs/inhoud.pdf", content_bomb_pdf(1_000_000));
    let out = env
        .nota(&["index", "docs"])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let summary = stdout_of(&out);
    assert!(summary.starts_with("5 added, "), "{summary}");
    assert!(summary.contains("1 failed"), "{summary}");
    assert!(
        stderr_of(&out).contains("docs/inhoud.pdf"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_query_of_ten_thousand_brackets_is_flattened_or_refused_in_plain_words() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let query = format!("{}zorg{}", "(".repeat(10_000), ")".repeat(10_000));
    let out = env.nota(&["search", "--strict", &query]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr_of(&out);
    assert!(message.contains("nest 10000 deep"), "{message}");
    assert!(
        message.len() < 500,
        "the message does not repeat the whole query"
    );
    // Quotes do not hide brackets from the check.
    let quoted = format!("\"\\\"\" {}zorg{}", "(".repeat(10_000), ")".repeat(10_000));
    let out = env.nota(&["search", "--strict", &quoted]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    // Without --strict the brackets are flattened: the words are searched, and it says so.
    let out = env.nota(&["search", "--json", &query]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(results["total"].as_u64().unwrap() > 0);
    assert!(
        stderr_of(&out).contains("searched its words"),
        "{}",
        stderr_of(&out)
    );
    let fine = format!("{}zorg{}", "(".repeat(5), ")".repeat(5));
    env.nota(&["search", &fine]).assert().success();
}

#[test]
fn a_file_past_the_time_limit_times_out_and_the_run_goes_on() {
    let env = Env::with_corpus();
    env.write("docs/paginaboom.pdf", repeated_page_pdf(200_000));
    let out = env
        .nota(&["index", "docs", "--file-timeout", "2"])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 1 failed (1 timed out)"
    );
    assert!(stderr_of(&out).contains("--file-timeout of 2 s"));
    let bad = env
        .nota(&["index", "docs", "--file-timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

// 5. Documents lost without a word.

#[test]
fn file_names_that_are_not_utf8_stay_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    std::fs::create_dir(env.path("docs")).unwrap();
    let name = |byte: u8| {
        env.path("docs").join(std::ffi::OsStr::from_bytes(&[
            b'a', byte, b'.', b't', b'x', b't',
        ]))
    };
    std::fs::write(name(0xff), "Notitie over appelbomen in de Betuwe.\n").unwrap();
    std::fs::write(name(0xfe), "Notitie over perenbomen in de Betuwe.\n").unwrap();
    assert_eq!(
        env.index(&["docs"]),
        "2 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    for (word, path) in [
        ("appelbomen", "docs/a\\xff.txt"),
        ("perenbomen", "docs/a\\xfe.txt"),
    ] {
        let hits = env.search(&[word]);
        assert_eq!(hits["hits"][0]["path"], path);
        assert_eq!(hits["total"], 1);
    }
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 0 updated, 0 removed, 2 unchanged, 0 skipped, 0 failed"
    );
    env.nota(&["remove", "docs/a\\xff.txt"]).assert().success();
    assert_eq!(env.search(&[])["total"], 1);
}

#[test]
fn a_root_moved_away_keeps_its_documents_and_says_so() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    std::fs::rename(env.path("docs"), env.path("elders")).unwrap();
    let out = env.nota(&["index", "docs"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout_of(&out),
        "0 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 1 failed (1 vanished), \
         5 kept from folders that could not be read, 1 warning"
    );
    assert!(stderr_of(&out).contains("its 5 documents stay in the index"));
    assert!(stderr_of(&out).contains("`nota remove docs` drops them"));
    assert_eq!(env.search(&[])["total"], 5);
    // Put back, nothing changed; removing on purpose still works.
    std::fs::rename(env.path("elders"), env.path("docs")).unwrap();
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed"
    );
    env.nota(&["remove", "docs"]).assert().success();
    assert_eq!(env.search(&[])["total"], 0);
}

#[test]
fn an_unreadable_folder_keeps_its_documents() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_corpus();
    std::fs::create_dir(env.path("docs/dicht")).unwrap();
    env.write(
        "docs/dicht/memo.txt",
        "Notitie over dijkversterking langs de IJssel.\n",
    );
    env.index(&["docs"]);
    let closed = env.path("docs/dicht");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&closed).is_ok();
    if readable_anyway {
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user reads folders whatever their mode (root)");
        return;
    }
    let out = env.nota(&["index", "docs"]).output().unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        stdout_of(&out).ends_with("1 kept from folders that could not be read"),
        "{}",
        stdout_of(&out)
    );
    assert_eq!(env.search(&["dijkversterking"])["total"], 1);
}

#[test]
fn fifos_are_counted_as_skipped_and_never_opened() {
    let env = Env::with_corpus();
    let made = std::process::Command::new("mkfifo")
        .arg(env.path("docs/pijp.txt"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo works");
    let out = env
        .nota(&["index", "docs"])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&out),
        "5 added, 0 updated, 0 removed, 0 unchanged, 1 skipped, 0 failed"
    );
}

// 6. A damaged index.

/// Indexes the sample memos, damages the index with `damage`, and checks that searching names
/// the damage and the command that repairs it, and that the command does.
fn damaged_index_is_named_and_rebuilt(damage: impl Fn(&Path)) -> String {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    damage(&env.path("idx"));
    let search = env.nota(&["search", "zorg"]).output().unwrap();
    let message = stderr_of(&search);
    assert!(!message.contains("panicked"), "{message}");
    if !search.status.success() {
        assert!(message.contains("the index at idx is damaged"), "{message}");
        assert!(
            message.contains("nota index --rebuild --index idx"),
            "{message}"
        );
        let index = env.nota(&["index", "docs"]).output().unwrap();
        assert!(
            !stderr_of(&index).contains("panicked"),
            "{}",
            stderr_of(&index)
        );
    }
    assert_eq!(
        env.index(&["--rebuild", "docs"]),
        "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(env.search(&[])["total"], 5);
    message
}

fn segment_file(idx: &Path, extension: &str) -> std::path::PathBuf {
    std::fs::read_dir(idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == extension))
        .unwrap_or_else(|| panic!("a .{extension} file"))
}

fn garble(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    for i in (8..bytes.len().saturating_sub(8)).step_by(3) {
        bytes[i] ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn a_truncated_store_is_named_and_rebuilt() {
    let message = damaged_index_is_named_and_rebuilt(|idx| {
        let store = segment_file(idx, "store");
        std::fs::OpenOptions::new()
            .write(true)
            .open(store)
            .unwrap()
            .set_len(100)
            .unwrap();
    });
    assert!(message.contains(".store"), "{message}");
}

#[test]
fn an_emptied_fast_field_file_is_named_and_rebuilt() {
    let message = damaged_index_is_named_and_rebuilt(|idx| {
        std::fs::write(segment_file(idx, "fast"), b"").unwrap();
    });
    assert!(message.contains(".fast"), "{message}");
}

#[test]
fn a_garbled_meta_json_is_named_and_rebuilt() {
    let message = damaged_index_is_named_and_rebuilt(|idx| {
        std::fs::write(idx.join("meta.json"), "{\"segments\": [garbled").unwrap();
    });
    assert!(message.contains("meta.json"), "{message}");
}

#[test]
fn a_garbled_file_list_heals_by_itself() {
    let message = damaged_index_is_named_and_rebuilt(|idx| {
        std::fs::write(idx.join(".managed.json"), "xx{").unwrap();
    });
    assert_eq!(message, "", "searching works as if nothing happened");
}

#[test]
fn a_garbled_term_dictionary_never_panics() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    garble(&segment_file(&env.path("idx"), "term"));
    let first = &corpus_files()[0];
    touch(
        &env.path("docs").join(first.file_name().unwrap()),
        "Bijlage.",
    );
    for args in [
        &["search", "zorg"][..],
        &["index", "docs"],
        &["remove", "docs/x.txt"],
    ] {
        let out = env.nota(args).output().unwrap();
        let message = stderr_of(&out);
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        if !out.status.success() && args[0] != "remove" {
            assert!(message.contains("--rebuild"), "{args:?}: {message}");
        }
    }
    assert_eq!(
        env.index(&["--rebuild", "docs"]),
        "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
}

#[test]
fn a_plain_file_given_as_the_index_is_named() {
    let env = Env::with_corpus();
    env.write("idx", "geen index");
    for args in [
        &["search", "zorg"][..],
        &["index", "docs"],
        &["index", "--rebuild", "docs"],
    ] {
        let out = env.nota(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).contains("that is a file, not an index folder"));
    }
    assert_eq!(
        std::fs::read_to_string(env.path("idx")).unwrap(),
        "geen index"
    );
}

// 9. A second writer.

#[test]
fn a_second_writer_is_told_which_run_holds_the_index() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    env.write("docs/paginaboom.pdf", repeated_page_pdf(200_000));
    let mut first = std::process::Command::new(nota_bin())
        .current_dir(env.dir.path())
        .args(["--index", "idx", "index", "docs", "--file-timeout", "20"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first run has noted itself as the writer.
    let pid_file = env.path("idx/nota-writer.pid");
    let mine = first.id().to_string();
    let deadline = std::time::Instant::now() + HANG_GUARD;
    while std::fs::read_to_string(&pid_file).ok().as_deref() != Some(mine.as_str()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the first run never started writing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = env.nota(&["index", "docs"]).output().unwrap();
    let _ = first.kill();
    let _ = first.wait();
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr_of(&second).contains(&format!("being written by another nota run (pid {mine})")),
        "{}",
        stderr_of(&second)
    );
}

// 9. Manifest rows left out.

#[test]
fn every_manifest_row_left_out_is_a_warning() {
    let env = Env::with_corpus();
    let first = format!(
        "docs/{}",
        corpus_files()[0].file_name().unwrap().to_string_lossy()
    );
    env.write(
        "manifest.csv",
        format!(
            "path,author\n{first},Gemeente Zwolle\ndocs/bestaat-niet.txt,Provincie Utrecht\n\
             {first},Gemeente Kampen\n{first},\"Gemeente Deventer\ndocs/x.txt,Provincie Gelderland\n"
        ),
    );
    let out = env
        .nota(&["index", "docs", "--metadata", "manifest.csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let message = stderr_of(&out);
    assert!(
        message.contains("row 3: docs/bestaat-niet.txt does not exist"),
        "{message}"
    );
    assert!(
        message.contains("row 4:") && message.contains("has a row already (row 2)"),
        "{message}"
    );
    assert!(
        message.contains("row 5: a value runs over several lines"),
        "{message}"
    );
}

// 8. Values set twice.

#[test]
fn a_value_set_twice_by_a_sidecar_counts_once() {
    let env = Env::new();
    env.write("docs/nota.txt", "Notitie over bibliotheken, 2020.\n");
    env.write(
        "docs/nota.txt.meta.toml",
        "provinces = [\"Utrecht\", \"utrecht\"]\nthemes = [\"armoede\", \"Armoede\"]\n",
    );
    env.index(&["docs"]);
    let results = env.search(&[]);
    assert_eq!(
        results["hits"][0]["provinces"],
        serde_json::json!(["Utrecht"])
    );
    assert_eq!(results["hits"][0]["themes"], serde_json::json!(["armoede"]));
    assert_eq!(results["facets"]["province"]["Utrecht"], 1);
    let stats = env.stdout(&["stats", "--json"]);
    assert!(!stats.contains("\"Utrecht\": 2"), "{stats}");
}

// 7. The web.

/// A raw HTTP/1.1 GET of `path` with the `Host` header `host`; the status code.
fn get_with_host(url: &str, path: &str, host: &str) -> u16 {
    let address = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

#[test]
fn a_foreign_host_is_refused_and_csv_cells_cannot_run() {
    let env = Env::new();
    env.write(
        "docs/nota.txt",
        "Notitie over bibliotheken in Utrecht, 2020.\n",
    );
    env.write(
        "docs/nota.txt.meta.toml",
        "title = \"=HYPERLINK(\\\"http://evil.example\\\")\"\nauthor = \"@gemeente\"\n",
    );
    env.index(&["docs"]);
    let csv = env.stdout(&["search", "--csv", "bibliotheken"]);
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(",'@gemeente"), "{csv}");
    let server = Server::start(&env);
    let port = server.url.rsplit(':').next().unwrap().to_string();
    assert_eq!(
        get_with_host(&server.url, "/api/search?q=bibliotheken", "evil.example"),
        403
    );
    assert_eq!(
        get_with_host(
            &server.url,
            "/api/search?q=bibliotheken",
            &format!("evil.example:{port}")
        ),
        403
    );
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        assert_eq!(
            get_with_host(&server.url, "/api/search?q=bibliotheken", &host),
            200
        );
    }
    let (status, body) = server.get("/api/search.csv?q=bibliotheken");
    assert_eq!(status, 200);
    assert!(body.contains("\"'=HYPERLINK("), "{body}");
}

// The kill loop.

/// A tiny deterministic random sequence (xorshift), so that a failing loop can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Every document of the index as JSON without its score, by path.
fn documents(env: &Env, index: &str) -> Vec<Value> {
    let out = assert_cmd::Command::new(nota_bin())
        .current_dir(env.dir.path())
        .args(["--index", index, "search", "--json", "--limit", "100000"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut hits: Vec<Value> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(|mut hit| {
            hit.as_object_mut().unwrap().remove("score");
            hit
        })
        .collect();
    hits.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    hits
}

#[test]
fn twenty_kills_at_random_moments_then_one_clean_run_equal_a_fresh_build() {
    let env = Env::new();
    let memos: Vec<String> = corpus_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let count = 2000;
    for i in 0..count {
        let memo = &memos[i % memos.len()];
        let cut = memo.len() * (50 + i % 50) / 100;
        let cut = (0..=cut).rev().find(|&c| memo.is_char_boundary(c)).unwrap();
        env.write(
            &format!("docs/{}/memo-{i}.txt", i % 20),
            format!("{}\nVolgnummer {i}.\n", &memo[..cut]),
        );
    }
    env.index(&["docs"]);
    // How long a run that re-indexes a few changed files takes: kills fall within it.
    for i in 0..5 {
        touch(
            &env.path(&format!("docs/{i}/memo-{i}.txt")),
            "Voorbereiding.",
        );
    }
    let started = std::time::Instant::now();
    env.index(&["docs"]);
    let small_run = started.elapsed().as_millis().max(50) as u64;
    let mut dice = Dice(0x5eed_1234_abcd_ef01);
    let mut landed = 0;
    for round in 0..20 {
        // Change a few files, remove one, add one, so that every commit has deletes.
        for _ in 0..5 {
            let i = dice.below(count as u64);
            let file = env.path(&format!("docs/{}/memo-{i}.txt", i % 20));
            if file.exists() {
                touch(&file, &format!("Wijziging in ronde {round}."));
            }
        }
        let gone = dice.below(count as u64);
        let _ = std::fs::remove_file(env.path(&format!("docs/{}/memo-{gone}.txt", gone % 20)));
        env.write(
            &format!("docs/nieuw/ronde-{round}.txt"),
            format!("Nieuwe notitie over zorg, ronde {round}.\n"),
        );
        let mut args = vec!["--index", "idx", "index", "docs"];
        if round % 5 == 3 {
            args.push("--rebuild");
        }
        let mut child = std::process::Command::new(nota_bin())
            .current_dir(env.dir.path())
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 0 {
            std::thread::sleep(Duration::from_millis(dice.below(small_run)));
        } else {
            // Kill the moment a new delete file appears (inside the commit), if it does.
            let before: Vec<_> = std::fs::read_dir(env.path("idx"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            while child.try_wait().unwrap().is_none() {
                let new_del = std::fs::read_dir(env.path("idx")).unwrap().any(|e| {
                    let name = e.unwrap().file_name();
                    name.to_string_lossy().ends_with(".del") && !before.contains(&name)
                });
                if new_del {
                    break;
                }
            }
        }
        if child.try_wait().unwrap().is_none() {
            landed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    eprintln!("{landed} of 20 kills landed while nota ran");
    assert!(
        landed >= 6,
        "only {landed} of 20 kills landed while nota ran"
    );
    // One clean run, then the same folder built afresh elsewhere.
    let clean = env.nota(&["index", "docs"]).output().unwrap();
    assert!(clean.status.success(), "{}", stderr_of(&clean));
    assert_eq!(stray_files(&env.path("idx")), Vec::<String>::new());
    let fresh = assert_cmd::Command::new(nota_bin())
        .current_dir(env.dir.path())
        .args(["--index", "vers", "index", "docs"])
        .output()
        .unwrap();
    assert!(fresh.status.success());
    let (healed, fresh) = (documents(&env, "idx"), documents(&env, "vers"));
    assert_eq!(healed.len(), fresh.len());
    assert!(
        healed == fresh,
        "the healed index differs from a fresh build"
    );
}
