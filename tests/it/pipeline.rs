//! The indexing run as a pipeline that owns its state: a run whose files fail after analysis
//! ends, counts them and indexes the rest, within a memory budget far smaller than its documents.

use std::time::Duration;

use crate::common;

use common::{corpus_files, Env};

/// A text of at least `bytes`, made of the sample memos, ending in a word of its own.
fn big_text(bytes: usize, own: &str) -> String {
    let memos: Vec<String> = corpus_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut text = String::with_capacity(bytes + 1000);
    for memo in memos.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(memo);
        text.push_str("\n\n");
    }
    text.push_str(own);
    text
}

#[test]
fn a_run_with_bad_sidecars_on_big_texts_ends_counts_them_and_indexes_the_rest() {
    // Reported: six texts of 9 MB, five with a sidecar whose value is invalid, waited for ever.
    // Here: six texts of 3 MB under a 100 MB budget, so that each document's tokens alone fill
    // the room for documents in flight (25 MB) many times over.
    let env = Env::new();
    for i in 0..6 {
        env.write(
            &format!("docs/groot{i}.txt"),
            big_text(3_000_000, &format!("slotwoord{i}")),
        );
        if i > 0 {
            env.write(
                &format!("docs/groot{i}.txt.meta.toml"),
                "year = \"not a year\"\n",
            );
        }
    }
    let out = env
        .nota(&["index", "docs", "--memory", "100"])
        .timeout(Duration::from_secs(300))
        .assert()
        .success()
        .get_output()
        .clone();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        summary.trim(),
        "1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 5 failed (5 bad metadata)"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("groot3.txt [bad metadata]: sidecar")
            && stderr.contains("year 'not a year' is not a year"),
        "each failure names the file, the sidecar and the value: {stderr}"
    );
    assert_eq!(env.search(&["slotwoord0"])["total"], 1);
    assert_eq!(env.search(&["slotwoord3"])["total"], 0);
    // Fixing the sidecars brings the rest in on the next run.
    for i in 1..6 {
        env.write(&format!("docs/groot{i}.txt.meta.toml"), "year = 2019\n");
    }
    assert_eq!(
        env.index(&["docs", "--memory", "100"]),
        "5 added, 0 updated, 0 removed, 1 unchanged, 0 skipped, 0 failed"
    );
    let hits = env.search(&["slotwoord3", "--year", "2019"]);
    assert_eq!(hits["total"], 1);
}

#[test]
fn a_small_budget_gives_the_same_index_as_the_default() {
    let env = Env::with_corpus();
    env.write("docs/groot.txt", big_text(2_000_000, "eindwoord"));
    env.index(&["docs", "--memory", "100"]);
    let small = env.search(&["eenzaamheid ouderen"]);
    env.index(&["docs", "--rebuild"]);
    let default = env.search(&["eenzaamheid ouderen"]);
    assert!(small["total"].as_u64().unwrap() > 0);
    assert_eq!(small, default, "the same hits, scores and snippets");
}

#[test]
fn a_memory_budget_below_the_minimum_says_what_is_valid() {
    let env = Env::with_corpus();
    env.nota(&["index", "docs", "--memory", "20"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("100"));
}
