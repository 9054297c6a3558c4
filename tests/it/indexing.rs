//! `nota index`: incremental runs, crash safety, encodings, bad files, the automatic first build
//! and taxonomy changes.

use crate::common;

use common::{doc, docs, hit_set, project_dir, Env};
use predicates::str::contains;

fn fixture(rel: &str) -> std::path::PathBuf {
    project_dir().join("tests/fixtures").join(rel)
}

#[test]
fn rerun_reindexes_only_what_changed() {
    let env = Env::with_corpus();
    assert_eq!(
        env.index(&["docs"]),
        "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed"
    );
    // Change one, delete one, add one.
    let changed = env.path(&format!("docs/{}", doc("004")));
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nNaschrift: de kwartiermaker onderzoekt de Sallandse zorgcoöperaties.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(env.path(&format!("docs/{}", doc("002")))).unwrap();
    env.copy(&fixture("encodings/clientenraad-cp1252.txt"), "docs");
    assert_eq!(
        env.index(&["docs"]),
        "1 added, 1 updated, 1 removed, 3 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(hit_set(&env.search(&["kwartiermaker"])), docs(&["004"]));
    assert_eq!(
        env.search(&["Lodders"])["total"],
        0,
        "the deleted file is gone"
    );
    assert_eq!(env.search(&[])["total"], 5);
    assert_eq!(env.search(&["clientenraad"])["total"], 1);
}

#[test]
fn the_same_folder_spelled_otherwise_is_the_same_documents() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let absolute = env.path("docs");
    let absolute = absolute.to_str().unwrap();
    for spelling in ["./docs", "docs/../docs", absolute] {
        assert_eq!(
            env.index(&[spelling]),
            "0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed",
            "{spelling}"
        );
    }
    assert_eq!(
        env.search(&[])["total"],
        5,
        "no second copy of any document"
    );
    // A file removed is removed whichever way its folder is given.
    std::fs::remove_file(env.path(&format!("docs/{}", doc("002")))).unwrap();
    assert_eq!(
        env.index(&[absolute]),
        "0 added, 0 updated, 1 removed, 4 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(env.search(&[])["total"], 4);
}

#[test]
fn rebuild_starts_over() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    assert_eq!(
        env.index(&["docs", "--rebuild"]),
        "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(env.search(&[])["total"], 5);
}

#[test]
fn a_run_killed_before_its_commit_leaves_the_old_index_searchable() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let changed = env.path(&format!("docs/{}", doc("000")));
    std::fs::write(
        &changed,
        "Geheel nieuwe tekst over windmolens in Flevoland.\n",
    )
    .unwrap();
    env.write(
        "docs/nieuw.txt",
        "Notitie over zonneparken in Drenthe, 2021.\n",
    );
    env.nota(&["index", "docs"])
        .env(nota::index::run::ABORT_BEFORE_COMMIT_ENV, "1")
        .assert()
        .failure();
    // The old index answers as before the killed run.
    assert_eq!(env.search(&[])["total"], 5);
    assert_eq!(env.search(&["zonneparken"])["total"], 0);
    assert_eq!(env.search(&["windmolens"])["total"], 0);
    assert_eq!(
        hit_set(&env.search(&["\"makelen en schakelen\""])),
        docs(&["000"])
    );
    // The next run picks the changes up.
    assert_eq!(
        env.index(&["docs"]),
        "1 added, 1 updated, 0 removed, 4 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(env.search(&["windmolens"])["total"], 1);
}

#[test]
fn windows_1252_and_utf16_files_are_decoded() {
    let env = Env::new();
    for name in [
        "clientenraad-cp1252.txt",
        "dorpshuizen-utf16le.txt",
        "jeugdzorg-utf16be.txt",
    ] {
        env.copy(&fixture(&format!("encodings/{name}")), "docs");
    }
    assert_eq!(
        env.index(&["docs"]),
        "3 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    let cp1252 = env.search(&["cliëntenraad"]);
    assert_eq!(cp1252["total"], 1);
    assert_eq!(
        cp1252["hits"][0]["title"],
        "Ideeën van cliënten over de thuiszorg"
    );
    assert_eq!(cp1252["hits"][0]["provinces"][0], "Zeeland");
    let le = env.search(&["dorpshuizen"]);
    assert_eq!(
        le["hits"][0]["title"],
        "Verslag bijeenkomst Drentse dorpshuizen"
    );
    assert_eq!(le["hits"][0]["year"], 2019);
    assert_eq!(le["hits"][0]["provinces"][0], "Drenthe");
    let be = env.search(&["Jeugdwet"]);
    assert_eq!(be["hits"][0]["title"], "Notitie jeugdzorg Limburg");
    assert_eq!(be["hits"][0]["provinces"][0], "Limburg");
}

#[test]
fn a_binary_file_is_reported_and_the_rest_indexed() {
    let env = Env::new();
    env.copy(&fixture("binary-as.txt"), "docs");
    env.copy(&project_dir().join("corpus").join(doc("004")), "docs");
    env.nota(&["index", "docs"])
        .assert()
        .success()
        .stdout(contains(
            "1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 1 failed",
        ))
        .stderr(contains("docs/binary-as.txt [binary]: not a text file"));
    assert_eq!(hit_set(&env.search(&["Twenterand"])), docs(&["004"]));
}

#[test]
fn a_file_that_turns_bad_keeps_its_document() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let target = env.path(&format!("docs/{}", doc("004")));
    std::fs::copy(fixture("binary-as.txt"), &target).unwrap();
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 0 updated, 0 removed, 4 unchanged, 0 skipped, 1 failed (1 binary)"
    );
    assert_eq!(hit_set(&env.search(&["Twenterand"])), docs(&["004"]));
}

#[test]
fn search_builds_the_index_from_corpus_when_there_is_none() {
    let env = Env::new();
    for file in common::corpus_files() {
        env.copy(&file, "corpus");
    }
    let out = env
        .nota(&[
            "search",
            "eenzaamheid ouderen",
            "--province",
            "flevoland",
            "--json",
        ])
        .assert()
        .success()
        .stderr(contains("no index at idx; indexing corpus/ first"))
        .get_output()
        .stdout
        .clone();
    let results: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(hit_set(&results), docs(&["000"]));
    // The second search uses the index it built, quietly.
    env.nota(&["search", "ouderen"])
        .assert()
        .success()
        .stderr(predicates::str::is_empty());
}

#[test]
fn a_changed_taxonomy_re_derives_labels() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    env.write(
        "mijn-taxonomie.toml",
        "[settings]\nmin_hits = 1\n\n[themes]\ndrugs = [\"ghb\", \"harddrugs\"]\n\n[roles]\nverbinder = [\"verbinden\"]\n",
    );
    assert_eq!(
        env.index(&["docs", "--taxonomy", "mijn-taxonomie.toml"]),
        "0 added, 5 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed"
    );
    // Search checks --theme against the taxonomy the index was built with.
    assert_eq!(hit_set(&env.search(&["--theme", "drugs"])), docs(&["004"]));
    env.nota(&["search", "--theme", "ouderen"])
        .assert()
        .code(2)
        .stderr(contains("valid themes: drugs"));
}

#[test]
fn a_broken_taxonomy_file_is_named_in_the_error() {
    let env = Env::with_corpus();
    env.write("kapot.toml", "[themes\nouderen = [");
    env.nota(&["index", "docs", "--taxonomy", "kapot.toml"])
        .assert()
        .code(2)
        .stderr(contains("taxonomy kapot.toml"));
}
